"""`chargepilot sandbox ...`: run the fake BigCommerce and Stripe locally."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from chargepilot.errors import ChargePilotError, ConfigError
from chargepilot.sandbox.controls import Latency, SandboxControls
from chargepilot.sandbox.runtime import RunningSandbox, check_port, run_sandbox
from chargepilot.sandbox.scenarios import Profile, generate

app = typer.Typer(
    help="The built-in sandbox: a fake BigCommerce store and a fake Stripe.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

PortOption = Annotated[int, typer.Option(help="Port on 127.0.0.1; 0 picks a free one.")]


@app.callback()
def sandbox() -> None:
    """The built-in sandbox: a fake BigCommerce store and a fake Stripe."""


@app.command()
def serve(
    *,
    bigcommerce_port: PortOption = 0,
    stripe_port: PortOption = 0,
    seed: Annotated[int, typer.Option(help="Scenario seed.")] = 7,
    profile: Annotated[
        Profile, typer.Option(help="How much data to seed.")
    ] = Profile.DEMO,
    latency_ms: Annotated[
        int, typer.Option(help="Delay added to every BigCommerce response.")
    ] = 0,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print one JSON line of credentials, then serve."),
    ] = False,
) -> None:
    """Serve both fakes, seeded with a scenario, until Ctrl-C or SIGTERM."""
    try:
        controls = _controls(latency_ms)
        for port in (bigcommerce_port, stripe_port):
            check_port(port)
        scenario = generate(seed, profile=profile)
        with run_sandbox(
            scenario,
            bigcommerce_port=bigcommerce_port,
            stripe_port=stripe_port,
            controls=controls,
        ) as running:
            _announce(running, as_json=as_json)
            _wait_for_stop()
    except ChargePilotError as exc:
        typer.echo(f"error: {exc.user_message}", err=True)
        raise typer.Exit(exc.exit_code) from None


def _controls(latency_ms: int) -> SandboxControls:
    if latency_ms < 0:
        raise ConfigError(f"--latency-ms must be 0 or more, not {latency_ms}")
    return SandboxControls(latency=Latency.fixed(latency_ms / 1000))


def _announce(running: RunningSandbox, *, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(running.credentials()) + "\n")
        sys.stdout.flush()
        return
    console = Console()
    console.print(_credentials_table(running.credentials()))
    disputes = len(running.scenario.stripe.disputes)
    console.print(
        f"Seeded {disputes} disputes (seed {running.scenario.seed}). "
        "Press Ctrl-C to stop."
    )


def _credentials_table(credentials: dict[str, dict[str, Any]]) -> Table:
    table = Table(title="ChargePilot sandbox", show_header=False)
    table.add_column("setting", style="bold")
    table.add_column("value", overflow="fold")
    bigcommerce, stripe = credentials["bigcommerce"], credentials["stripe"]
    table.add_row("BigCommerce API", bigcommerce["base_url"])
    for key in ("store_hash", "client_id", "access_token"):
        table.add_row(f"  {key.replace('_', ' ')}", bigcommerce[key])
    for store in bigcommerce["stores"][1:]:
        table.add_row(
            f"  Connect {store['stripe_account']}",
            f"store {store['store_hash']}, token {store['access_token']}",
        )
    table.add_row("Stripe API", stripe["base_url"])
    table.add_row("  api key", stripe["api_key"])
    table.add_row("  webhook secret", stripe["webhook_secret"])
    return table


def _wait_for_stop() -> None:
    """Block until Ctrl-C or SIGTERM."""
    stop = threading.Event()
    with _on_sigterm(stop):
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass


@contextmanager
def _on_sigterm(stop: threading.Event) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, handle)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
