"""The first page: what is disputed, which order it is, and our answer.

It states facts only. ChargePilot's own assessment (match confidence,
evidence strength, its checklist and what it lacks) is for the operator
and never reaches the issuer, who would read it against the merchant.
"""

from __future__ import annotations

from chargepilot.domain.case import Case, Evidence
from chargepilot.evidence.model import Block, Bullets, Facts, Heading, Section, Text
from chargepilot.evidence.sections import matched
from chargepilot.evidence.text import money, stamp


def label(vocabulary: str) -> str:
    """'product_not_received' -> 'Product not received'."""
    return vocabulary.replace("_", " ").capitalize()


def build(
    case: Case, evidence: Evidence, merchant: str, condensed: tuple[str, ...]
) -> Section:
    blocks: list[Block] = [Facts(_facts(case, merchant))]
    blocks += _match(case)
    blocks += [Heading("Our response"), *_paragraphs(evidence.argument)]
    if condensed:
        blocks += [Heading("Condensed to fit the page limit"), Bullets(condensed)]
    return Section("Dispute evidence summary", tuple(blocks))


def _facts(case: Case, merchant: str) -> tuple[tuple[str, str], ...]:
    dispute = case.dispute
    order = case.record.order if case.record else None
    rows = [
        ("Merchant", merchant),
        ("Stripe account", dispute.account or ""),
        ("Dispute", dispute.id),
        ("Charge", dispute.charge.id),
        ("Disputed amount", money(dispute.amount)),
        ("Reason", label(dispute.reason)),
        ("Network reason code", dispute.network_reason_code or ""),
        ("Status", label(dispute.status)),
        ("Opened", stamp(dispute.created)),
        ("Evidence due by", stamp(dispute.due_by)),
        ("Store order", f"#{order.id}" if order else ""),
    ]
    return tuple((name, value) for name, value in rows if value)


def _match(case: Case) -> list[Block]:
    said = matched.statements(case)
    if not said:
        return []
    return [Heading("How the order was matched"), Bullets(said)]


def _paragraphs(argument: str) -> list[Block]:
    chunks = [c.strip() for c in argument.split("\n\n")]
    return [Text(c) for c in chunks if c] or [Text("No argument was written.")]
