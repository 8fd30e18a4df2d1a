"""The order's life in dated events: placed, paid, shipped, delivered..."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from chargepilot.domain.case import Case
from chargepilot.domain.orders import StoreRecord
from chargepilot.evidence import transactions
from chargepilot.evidence.budget import Budget
from chargepilot.evidence.model import Grid, Section, Text, Tone
from chargepilot.evidence.text import as_utc, count, day, money, plain, stamp

Event = tuple[datetime, str, str]  # when, what, detail


# Always shown, however many shipments or refunds crowd the timeline.
KEY_EVENTS = frozenset(
    {"Order placed", "Card charged", "Dispute opened", "Evidence due"}
)


def build(case: Case, record: StoreRecord, budget: Budget) -> Section:
    events = sorted(_events(case, record), key=lambda e: as_utc(e[0]))
    events, note = _fit(events, budget.timeline_events)
    rows = tuple((stamp(when), what, detail) for when, what, detail in events)
    grid = Grid(("When", "Event", "Detail"), rows, (0.24, 0.2, 0.56))
    source = Text("Times are UTC, from the store and from Stripe.", Tone.NOTE)
    condensed = (f"Order timeline: {note}.",) if note else ()
    return Section("Order timeline", (grid, source), condensed)


def _events(case: Case, record: StoreRecord) -> list[Event]:
    order, charge, dispute = record.order, case.dispute.charge, case.dispute
    method = f" by {plain(order.payment_method)}" if order.payment_method else ""
    events: list[Event] = [
        (order.created, "Order placed", f"#{order.id}, {money(order.total)}{method}"),
        (
            charge.created,
            "Card charged",
            f"{money(charge.amount)}, Stripe charge {charge.id}",
        ),
        (
            dispute.created,
            "Dispute opened",
            f"Reason given: {dispute.reason.replace('_', ' ')}",
        ),
    ]
    events += [
        (t.created, transactions.event_name(t), transactions.detail(t))
        for t in record.transactions
    ]
    for s in record.shipments:
        parcel = f"{plain(s.carrier)} {s.tracking_number}".strip()
        events.append((s.created, "Shipped", parcel))
        if s.delivered_at:
            events.append((s.delivered_at, "Delivered", f"{parcel}, carrier's scan"))
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


def _fit(events: list[Event], limit: int) -> tuple[list[Event], str]:
    """Key events plus the earliest others; one row stands for the rest."""
    others = [i for i, e in enumerate(events) if e[1] not in KEY_EVENTS]
    room = max(limit - (len(events) - len(others)), 0)
    skip = set(others[room:])
    dropped = [e for i, e in enumerate(events) if i in skip]
    if not dropped:
        return events, ""
    kinds = Counter(what.lower() for _, what, _ in dropped)
    detail = ", ".join(f"{count(n)} {what}" for what, n in kinds.most_common())
    note = (
        f"{count(len(dropped))} more events ({detail}) from {day(dropped[0][0])} "
        f"to {day(dropped[-1][0])} summarised; shipments and refunds are "
        "listed in their own sections"
    )
    kept = [e for i, e in enumerate(events) if i not in skip]
    kept.append((dropped[0][0], "Summarised", note))
    return sorted(kept, key=lambda e: as_utc(e[0])), note
