"""The page for a charge with no store order: what Stripe recorded.

Such a packet is never filed automatically; the operator sees it. It
still says only what can be verified, in neutral words, so nothing in it
argues against the merchant if it is ever sent.
"""

from __future__ import annotations

from chargepilot.domain.case import Case
from chargepilot.evidence.model import Facts, Section, Text, Tone
from chargepilot.evidence.text import NOT_RECORDED, money, plain, stamp


def build(case: Case) -> Section:
    charge = case.dispute.charge
    source = Text(f"As recorded by Stripe for charge {charge.id}.", Tone.NOTE)
    return Section(
        "Payment details recorded by Stripe",
        (Facts(_payer(case)), source),
        new_page=True,
    )


def _payer(case: Case) -> tuple[tuple[str, str], ...]:
    charge = case.dispute.charge
    billing = charge.billing_address.one_line() if charge.billing_address else ""
    shipping = charge.shipping_address.one_line() if charge.shipping_address else ""
    rows = (
        ("Charged", stamp(charge.created)),
        ("Amount", money(charge.amount)),
        ("Name on the payment", plain(charge.billing_name) or NOT_RECORDED),
        ("Email", ", ".join(charge.candidate_emails()) or NOT_RECORDED),
        ("Billing address", plain(billing) or NOT_RECORDED),
        ("Shipping address", plain(shipping) or NOT_RECORDED),
        ("Description", plain(charge.description)),
    )
    return tuple((k, v) for k, v in rows if v)
