"""The first page: what is disputed, which order it is, and our answer."""

from __future__ import annotations

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.matching import Match, MatchMethod
from chargepilot.evidence.model import (
    Block,
    Bullets,
    Facts,
    Grid,
    Heading,
    Section,
    Text,
    Tone,
)
from chargepilot.evidence.text import money, percent, stamp

METHODS = {
    MatchMethod.PAYMENT_ID: "the Stripe payment id recorded on the order",
    MatchMethod.TRANSACTION_ID: "the Stripe payment id on the order's transaction",
    MatchMethod.EMAIL_AMOUNT_DATE: "email, amount and date",
    MatchMethod.NAME_ADDRESS: "name and address",
    MatchMethod.NONE: "no method: nothing matched",
}


def label(vocabulary: str) -> str:
    """'product_not_received' -> 'Product not received'."""
    return vocabulary.replace("_", " ").capitalize()


def build(
    case: Case, evidence: Evidence, merchant: str, condensed: tuple[str, ...]
) -> Section:
    blocks: list[Block] = [Facts(_facts(case, evidence, merchant))]
    blocks += _match(case.match)
    blocks += [Heading("Our response"), *_paragraphs(evidence.argument)]
    blocks += _checklist(evidence)
    if condensed:
        blocks += [Heading("Condensed to fit the page limit"), Bullets(condensed)]
    return Section("Dispute evidence summary", tuple(blocks))


def _facts(
    case: Case, evidence: Evidence, merchant: str
) -> tuple[tuple[str, str], ...]:
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
        ("Store order", f"#{order.id}" if order else "No matching order found"),
        ("Match confidence", percent(case.match.confidence)),
        ("Evidence strength", f"{evidence.strength} / 100"),
    ]
    return tuple((name, value) for name, value in rows if value)


def _match(match: Match) -> list[Block]:
    blocks: list[Block] = [
        Heading("How the order was matched"),
        Text(f"Matched by {METHODS[match.method]}."),
    ]
    if match.reasons:
        blocks.append(Bullets(match.reasons))
    if match.rivals:
        others = ", ".join(f"#{order_id}" for order_id in match.rivals)
        blocks.append(
            Text(f"Other orders that fit nearly as well: {others}.", Tone.NOTE)
        )
    if match.truncated:
        blocks.append(Text("The order search stopped at its page cap.", Tone.NOTE))
    return blocks


def _paragraphs(argument: str) -> list[Block]:
    chunks = [c.strip() for c in argument.split("\n\n")]
    return [Text(c) for c in chunks if c] or [Text("No argument was written.")]


def _checklist(evidence: Evidence) -> list[Block]:
    blocks: list[Block] = []
    if evidence.checklist:
        rows = tuple((c.label, "Yes" if c.passed else "No") for c in evidence.checklist)
        grid = Grid(("Evidence", "Present"), rows, (0.8, 0.2), verdicts=frozenset({1}))
        blocks += [Heading("Evidence checklist"), grid]
    if evidence.missing:
        blocks += [Heading("Not available"), Bullets(evidence.missing)]
    return blocks
