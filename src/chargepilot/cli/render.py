"""Tables for the terminal."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console, JustifyMethod
from rich.table import Table

from chargepilot.jobs.outcome import Outcome, Status

Cell = Callable[[Outcome], str]


def _order(o: Outcome) -> str:
    return f"#{o.order_id}" if o.order_id is not None else "-"


# name, alignment, cell, shown in a narrow terminal too
COLUMNS: tuple[tuple[str, JustifyMethod, Cell, bool], ...] = (
    ("Dispute", "left", lambda o: o.dispute_id, True),
    ("Reason", "left", lambda o: o.reason.replace("_", " "), True),
    ("Amount", "right", lambda o: o.amount, True),
    ("Order", "right", _order, True),
    ("Match", "right", lambda o: f"{o.confidence:.0%}", True),
    ("Strength", "right", lambda o: str(o.strength), True),
    ("Fields", "right", lambda o: str(len(o.evidence)), False),
    ("Pages", "right", lambda o: str(o.pages), False),
    ("KB", "right", lambda o: f"{o.bytes / 1024:,.0f}", False),
    ("Status", "left", lambda o: str(o.status), True),
    ("Calls", "right", lambda o: str(o.api_calls), False),
    ("Trips", "right", lambda o: str(o.round_trips), False),
)
# Piped output has no terminal width; a table this wide stays readable.
PIPED_WIDTH = 150
# Below this a terminal shows the columns an operator acts on; --json has all.
FULL_WIDTH = 140
STYLES = {
    Status.STAGED: "green",
    Status.SUBMITTED: "bold green",
    Status.NEEDS_REVIEW: "yellow",
    Status.FAILED: "red",
}


def outcome_table(outcomes: Sequence[Outcome], *, title: str) -> None:
    console = Console()
    if not console.is_terminal:
        console = Console(width=PIPED_WIDTH)
    wide = console.width >= FULL_WIDTH
    shown = [c for c in COLUMNS if wide or c[3]]
    table = Table(title=title)
    for name, justify, _, _ in shown:
        table.add_column(name, justify=justify, no_wrap=name == "Dispute")
    for o in outcomes:
        table.add_row(*(cell(o) for _, _, cell, _ in shown), style=STYLES.get(o.status))
    console.print(table)
    for o in outcomes:
        if o.error:
            console.print(f"[red]{o.dispute_id}[/red]: {o.error}")
        elif o.note:
            console.print(f"[yellow]{o.dispute_id}[/yellow]: {o.note}")
