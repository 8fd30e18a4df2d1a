"""The page that says plainly that the store had no matching order."""

from __future__ import annotations

from chargepilot.domain.case import Case
from chargepilot.evidence.model import Block, Bullets, Section, Text

SAID = (
    "ChargePilot searched the merchant's BigCommerce store and found no order "
    "that this charge paid for. This packet therefore holds no order, shipment, "
    "line item, refund or customer history from the store; only what Stripe "
    "recorded about the charge."
)


def build(case: Case) -> Section:
    match = case.match
    blocks: list[Block] = [Text(SAID)]
    if match.reasons:
        blocks += [Text("What the search found:"), Bullets(match.reasons)]
    if match.rivals:
        orders = ", ".join(f"#{o}" for o in match.rivals)
        blocks.append(Text(f"Orders that fit only partly: {orders}."))
    if match.truncated:
        blocks.append(Text("The search stopped at its page cap before the end."))
    return Section("No matching order in the store", tuple(blocks), new_page=True)
