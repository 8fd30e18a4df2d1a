"""Put a case's sections together, in the order an issuer reads them."""

from __future__ import annotations

from dataclasses import replace

from chargepilot.domain.case import Case, Evidence
from chargepilot.evidence.budget import Budget
from chargepilot.evidence.model import Document, Section
from chargepilot.evidence.sections import (
    addresses,
    items,
    lifetime,
    no_record,
    shipping,
    summary,
    timeline,
)


def compose(
    case: Case, evidence: Evidence, budget: Budget, merchant: str = ""
) -> Document:
    """The whole packet as blocks, lists cut to `budget` with a note each."""
    body = _body(case, budget)
    body[0] = replace(body[0], new_page=True)  # the summary page stands alone
    notes = tuple(note for section in body for note in section.condensed)
    first = summary.build(case, evidence, merchant, notes)
    order = f", order #{case.record.order.id}" if case.record else ""
    return Document(
        title=f"Evidence for Stripe dispute {case.dispute.id}",
        footer=f"ChargePilot evidence packet: dispute {case.dispute.id}{order}",
        sections=(first, *body),
    )


def _body(case: Case, budget: Budget) -> list[Section]:
    record = case.record
    if record is None:
        return [no_record.build(case), addresses.build(case)]
    return [
        timeline.build(case, record, budget),
        shipping.build(record, budget),
        lifetime.build(case, record, budget),
        addresses.build(case),
        items.line_items(record, budget),
        items.refunds(case, record, budget),
    ]
