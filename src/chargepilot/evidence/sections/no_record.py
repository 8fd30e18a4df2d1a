"""The page that says plainly that the store had no matching order."""

from __future__ import annotations

from chargepilot.domain.case import Case
from chargepilot.evidence.model import Block, Bullets, Facts, Heading, Section, Text
from chargepilot.evidence.text import NOT_RECORDED, plain, stamp

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
    blocks += [Heading("What Stripe recorded about the payer"), Facts(_payer(case))]
    return Section("No matching order in the store", tuple(blocks), new_page=True)


def _payer(case: Case) -> tuple[tuple[str, str], ...]:
    charge = case.dispute.charge
    billing = charge.billing_address.one_line() if charge.billing_address else ""
    shipping = charge.shipping_address.one_line() if charge.shipping_address else ""
    rows = (
        ("Charged", stamp(charge.created)),
        ("Name on the payment", plain(charge.billing_name) or NOT_RECORDED),
        ("Email", ", ".join(charge.candidate_emails()) or NOT_RECORDED),
        ("Billing address", plain(billing) or NOT_RECORDED),
        ("Shipping address", plain(shipping) or NOT_RECORDED),
    )
    return rows
