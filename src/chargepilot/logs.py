"""Structured logs: one event per step, secrets redacted by a processor.

Logs go to standard error so that `--json` output on standard output stays
one clean document. Set CHARGEPILOT_LOG_FORMAT=json for JSON lines.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

SECRET_KEYS = re.compile(r"token|secret|password|api_key|authorization|cookie", re.I)
SECRET_VALUES = re.compile(
    r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9]+"
)
REDACTED = "[redacted]"


def redact(
    _: Any, __: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Blank every field named like a secret and every Stripe key in a value."""
    for key, value in event.items():
        if SECRET_KEYS.search(key):
            event[key] = REDACTED
        elif isinstance(value, str):
            event[key] = SECRET_VALUES.sub(REDACTED, value)
    return event


def _stderr_logger(*_: Any) -> structlog.PrintLogger:
    """A logger on whatever standard error is now, not the one at start-up
    (test runners and daemons swap it)."""
    return structlog.PrintLogger(file=sys.stderr)


def configure(fmt: str = "console", level: int = logging.INFO) -> None:
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            redact,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=_stderr_logger,
        cache_logger_on_first_use=False,
    )
