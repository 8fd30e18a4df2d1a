from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import httpx
import pytest
from typer.testing import CliRunner

from chargepilot.sandbox.cli import app

runner = CliRunner()


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        yield busy.getsockname()[1]


def test_a_port_in_use_is_one_clear_line_and_a_failing_exit(busy_port: int) -> None:
    result = runner.invoke(app, ["serve", "--bigcommerce-port", str(busy_port)])

    assert result.exit_code == 2
    assert result.output.strip() == f"error: port {busy_port} on 127.0.0.1 is in use"
    assert "Traceback" not in result.output


def test_a_negative_port_is_refused_without_a_traceback() -> None:
    result = runner.invoke(app, ["serve", "--stripe-port", "-5"])

    assert result.exit_code != 0
    assert "port -5 is out of range" in result.output
    assert "Traceback" not in result.output


def test_a_negative_latency_is_refused() -> None:
    result = runner.invoke(app, ["serve", "--latency-ms", "-1"])

    assert result.exit_code == 2
    assert "--latency-ms must be 0 or more" in result.output


def test_an_unknown_profile_is_refused() -> None:
    result = runner.invoke(app, ["serve", "--profile", "huge"])

    assert result.exit_code == 2
    assert "huge" in result.output


def test_serve_prints_credentials_first_and_stops_on_sigterm() -> None:
    command = [
        sys.executable,
        "-m",
        "chargepilot",
        "sandbox",
        "serve",
        "--json",
        "--bigcommerce-port",
        "0",
        "--stripe-port",
        "0",
        "--profile",
        "small",
    ]
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as process:
        try:
            credentials = json.loads(_first_line(process, timeout=60))
            _call_both_servers(credentials)
        finally:
            process.send_signal(signal.SIGTERM)
            _, errors = process.communicate(timeout=20)

    assert process.returncode == 0, errors
    assert "Traceback" not in errors


def _first_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The first stdout line, or a failure naming what the process said."""
    lines: list[str] = []
    assert process.stdout is not None
    stdout = process.stdout
    reader = threading.Thread(target=lambda: lines.append(stdout.readline()))
    reader.start()
    reader.join(timeout)
    if not lines or not lines[0]:
        process.kill()
        _, errors = process.communicate(timeout=10)
        pytest.fail(f"serve printed no line within {timeout}s; stderr: {errors}")
    return lines[0]


def _call_both_servers(credentials: dict[str, dict[str, str]]) -> None:
    bc, stripe = credentials["bigcommerce"], credentials["stripe"]
    assert bc["base_url"].startswith("http://127.0.0.1:")
    store = httpx.get(
        f"{bc['base_url']}/stores/{bc['store_hash']}/v2/store",
        headers={"X-Auth-Token": bc["access_token"], "Accept": "application/json"},
        timeout=10,
    )
    disputes = httpx.get(
        f"{stripe['base_url']}/v1/disputes",
        headers={"Authorization": f"Bearer {stripe['api_key']}"},
        timeout=10,
    )

    assert store.status_code == 200
    assert disputes.status_code == 200
    assert disputes.json()["data"]
