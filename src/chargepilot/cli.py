"""The `chargepilot` command: parse, call a service, render."""

from __future__ import annotations

import typer

from chargepilot.sandbox.cli import app as sandbox_app

app = typer.Typer(
    name="chargepilot",
    help="Answer Stripe disputes with evidence from a BigCommerce store.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(sandbox_app, name="sandbox")


def main() -> None:
    app()
