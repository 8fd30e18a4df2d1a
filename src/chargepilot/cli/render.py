"""Tables for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, JustifyMethod
from rich.table import Table

from chargepilot.jobs.outcome import Outcome, Status

COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    ("Dispute", "left"),
    ("Reason", "left"),
    ("Amount", "right"),
    ("Order", "right"),
    ("Match", "right"),
    ("Strength", "right"),
    ("Fields", "right"),
    ("Pages", "right"),
    ("KB", "right"),
    ("Status", "left"),
    ("Calls", "right"),
    ("Trips", "right"),
)
# Piped output has no terminal width; a table this wide stays readable.
PIPED_WIDTH = 150
STYLES = {
    Status.STAGED: "green",
    Status.SUBMITTED: "bold green",
    Status.NEEDS_REVIEW: "yellow",
    Status.FAILED: "red",
}


def outcome_table(outcomes: Sequence[Outcome], *, title: str) -> None:
    table = Table(title=title)
    for name, justify in COLUMNS:
        table.add_column(name, justify=justify, no_wrap=name == "Dispute")
    for o in outcomes:
        table.add_row(*_row(o), style=STYLES.get(o.status))
    console = Console()
    if not console.is_terminal:
        console = Console(width=PIPED_WIDTH)
    console.print(table)
    for o in outcomes:
        if o.error:
            console.print(f"[red]{o.dispute_id}[/red]: {o.error}")


def _row(o: Outcome) -> list[str]:
    return [
        o.dispute_id,
        o.reason.replace("_", " "),
        o.amount,
        f"#{o.order_id}" if o.order_id is not None else "-",
        f"{o.confidence:.0%}",
        f"{o.strength}",
        str(len(o.evidence)),
        str(o.pages),
        f"{o.bytes / 1024:,.0f}",
        str(o.status),
        str(o.api_calls),
        str(o.round_trips),
    ]
