"""The CLI's one error handler: a clear line, the error's exit code, no trace."""

from __future__ import annotations

import sys

import click
import typer

from chargepilot.errors import ChargePilotError

INTERNAL_ERROR = 70
INTERRUPTED = 130
OS_ERROR = 74  # sysexits EX_IOERR: a file or folder could not be used


def run_guarded(app: typer.Typer) -> int:
    """Run the app; every failure becomes one line on stderr and an exit code."""
    try:
        result = app(standalone_mode=False)
    except ChargePilotError as exc:
        print(f"error: {exc.user_message}", file=sys.stderr)
        return exc.exit_code
    except (click.ClickException, typer.TyperException) as exc:
        # Typer carries its own copy of click: its usage errors are
        # TyperExceptions, not click.ClickExceptions.
        _show(exc)
        return int(getattr(exc, "exit_code", 1))
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return OS_ERROR
    except (click.Abort, typer.Abort, KeyboardInterrupt):
        print("aborted", file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:  # the last line of defence: no traces to users
        print(f"internal error: {type(exc).__name__}", file=sys.stderr)
        return INTERNAL_ERROR
    return result if isinstance(result, int) else 0


def _show(exc: Exception) -> None:
    show = getattr(exc, "show", None)
    if callable(show):
        show()
    else:
        print(f"error: {exc}", file=sys.stderr)
