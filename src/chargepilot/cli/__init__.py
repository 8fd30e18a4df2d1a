"""The `chargepilot` command: parse, call a service, render."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from chargepilot.cli.demo import demo
from chargepilot.cli.disputes import app as disputes_app
from chargepilot.cli.errors import run_guarded
from chargepilot.config import log_format
from chargepilot.logs import configure
from chargepilot.sandbox.cli import app as sandbox_app

app = typer.Typer(
    name="chargepilot",
    help="Answer Stripe disputes with evidence from a BigCommerce store.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command()(demo)
app.add_typer(disputes_app, name="disputes")
app.add_typer(sandbox_app, name="sandbox")


@app.callback()
def _setup(
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Log warnings and errors only.")
    ] = False,
) -> None:
    level = logging.WARNING if quiet else logging.INFO
    configure(log_format(), level)


def main() -> None:
    sys.exit(run_guarded(app))
