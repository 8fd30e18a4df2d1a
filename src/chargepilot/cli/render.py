"""Tables for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from chargepilot.jobs.outcome import Outcome, Status

COLUMNS = (
    ("Dispute", "left"),
    ("Reason", "left"),
    ("Amount", "right"),
    ("Order", "right"),
    ("Match", "right"),
    ("Strength", "right"),
    ("Fields", "right"),
    ("Pages", "right"),
    ("Bytes", "right"),
    ("Status", "left"),
    ("Calls", "right"),
    ("Trips", "right"),
)
STYLES = {
    Status.STAGED: "green",
    Status.SUBMITTED: "bold green",
    Status.NEEDS_REVIEW: "yellow",
    Status.FAILED: "red",
}


def outcome_table(outcomes: Sequence[Outcome], *, title: str) -> None:
    table = Table(title=title)
    for name, justify in COLUMNS:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for o in outcomes:
        table.add_row(*_row(o), style=STYLES.get(o.status))
    console = Console()
    console.print(table)
    for o in outcomes:
        if o.error:
            console.print(f"[red]{o.dispute_id}[/red]: {o.error}")


def _row(o: Outcome) -> list[str]:
    return [
        o.dispute_id,
        o.reason,
        o.amount,
        f"#{o.order_id}" if o.order_id is not None else "-",
        f"{o.confidence:.2f}",
        f"{o.strength}",
        str(len(o.evidence)),
        str(o.pages),
        f"{o.bytes:,}",
        str(o.status),
        str(o.api_calls),
        str(o.round_trips),
    ]
