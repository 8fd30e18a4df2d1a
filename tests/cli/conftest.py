"""Run the `chargepilot` command as an operator would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import structlog

from chargepilot.cli import app
from chargepilot.cli.errors import run_guarded

TIMEOUT_SECONDS = 90


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`chargepilot ARGS` with no CHARGEPILOT_* setting but those in `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CHARGEPILOT_")}
    return subprocess.run(  # noqa: S603 - our own interpreter, our own arguments
        [sys.executable, "-m", "chargepilot", *args],
        env={**clean, **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Cli]:
    # The command configures logging onto this test's captured stderr;
    # later tests must not log into that closed stream.
    saved = structlog.get_config()
    yield Cli(monkeypatch, capsys)
    structlog.configure(**saved)


class Cli:
    """`chargepilot ARGS` in this process, through the same error handler as
    the installed command; for refusals that never reach a vendor."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        self._monkeypatch = monkeypatch
        self._capsys = capsys
        for name in list(os.environ):
            if name.startswith("CHARGEPILOT_"):
                monkeypatch.delenv(name)

    def __call__(self, *args: str) -> Ran:
        self._monkeypatch.setattr(sys, "argv", ["chargepilot", *args])
        code = run_guarded(app)
        captured = self._capsys.readouterr()
        return Ran(code, captured.out, captured.err)
