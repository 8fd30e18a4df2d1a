"""The order's life in dated events: placed, paid, shipped, delivered..."""

from __future__ import annotations

from datetime import datetime

from chargepilot.domain.case import Case
from chargepilot.domain.orders import StoreRecord
from chargepilot.evidence.budget import Budget
from chargepilot.evidence.model import Grid, Section, Text, Tone
from chargepilot.evidence.text import as_utc, count, day, money, plain, stamp

Event = tuple[datetime, str, str]  # when, what, detail
Row = tuple[str, str, str]


def build(case: Case, record: StoreRecord, budget: Budget) -> Section:
    events = sorted(_events(case, record), key=lambda e: as_utc(e[0]))
    rows = [(stamp(when), what, detail) for when, what, detail in events]
    condensed: tuple[str, ...] = ()
    if len(events) > budget.timeline_events:
        rows, note = _condense(events, budget.timeline_events)
        condensed = (note,)
    grid = Grid(("When", "Event", "Detail"), tuple(rows), (0.24, 0.2, 0.56))
    source = Text("Times are UTC, from the store and from Stripe.", Tone.NOTE)
    return Section("Order timeline", (grid, source), condensed)


def _events(case: Case, record: StoreRecord) -> list[Event]:
    order, charge, dispute = record.order, case.dispute.charge, case.dispute
    method = f" by {plain(order.payment_method)}" if order.payment_method else ""
    events: list[Event] = [
        (order.created, "Order placed", f"#{order.id}, {money(order.total)}{method}"),
        (charge.created, "Card charged", f"{money(charge.amount)}, Stripe {charge.id}"),
        (
            dispute.created,
            "Dispute opened",
            f"Reason: {dispute.reason.replace('_', ' ')}",
        ),
    ]
    for t in record.transactions:
        what = f"Payment {t.event}"
        events.append(
            (t.created, what, f"{money(t.amount)} via {t.gateway}, {t.status}")
        )
    for s in record.shipments:
        parcel = f"{plain(s.carrier)} {s.tracking_number}".strip()
        events.append((s.created, "Shipped", parcel))
        if s.delivered_at:
            events.append((s.delivered_at, "Delivered", f"{parcel}, carrier scan"))
    for r in record.refunds:
        events.append(
            (
                r.created,
                "Refunded",
                ", ".join(filter(None, (money(r.amount), plain(r.reason)))),
            )
        )
    if dispute.due_by:
        events.append((dispute.due_by, "Evidence due", "Stripe deadline"))
    return events


def _condense(
    events: list[Event], limit: int
) -> tuple[list[tuple[str, str, str]], str]:
    """Keep the first and last events; one row stands for the middle."""
    head, tail = events[: limit // 2], events[len(events) - limit // 2 :]
    middle = events[len(head) : len(events) - len(tail)]
    note = (
        f"{count(len(middle))} events from {day(middle[0][0])} to "
        f"{day(middle[-1][0])} summarised; shipments and refunds are listed "
        "in their own sections"
    )
    rows = [(stamp(w), what, detail) for w, what, detail in head]
    rows.append(("…", "Summarised", note))
    rows += [(stamp(w), what, detail) for w, what, detail in tail]
    return rows, f"Order timeline: {note}."
