"""Evidence fields most reasons share: who bought, where it went, what it was.

The store's record speaks first; without a trusted record the fields fall
back to what the Stripe charge itself says about the payer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chargepilot.domain.orders import OrderAddress, Shipment
from chargepilot.domain.reasons import narrative
from chargepilot.domain.reasons.facts import Facts, iso
from chargepilot.domain.reasons.limits import Listing, Text

Fields = dict[str, Text]
TAG = re.compile(r"<[^>]*>")


def text_fields(**values: str) -> Fields:
    """Plain values as fields, leaving out the empty ones."""
    return {name: (value,) for name, value in values.items() if value.strip()}


def customer(facts: Facts) -> Fields:
    """customer_name, customer_email_address, billing_address, purchase IP."""
    order = facts.order
    if order is None:
        return _customer_from_stripe(facts)
    account = facts.record.customer if facts.record else None
    return text_fields(
        customer_name=(account.name if account else "") or order.billing.name,
        customer_email_address=order.email or (account.email if account else ""),
        billing_address=order.billing.one_line(),
        customer_purchase_ip=order.ip_address,
    )


def _customer_from_stripe(facts: Facts) -> Fields:
    charge = facts.charge
    emails = charge.candidate_emails()
    billing = charge.billing_address
    return text_fields(
        customer_name=charge.billing_name or charge.shipping_name,
        customer_email_address=emails[0].strip() if emails else "",
        billing_address=billing.one_line() if billing else "",
    )


def shipping(facts: Facts) -> Fields:
    """shipping_address, carrier(s), tracking number(s), first ship date."""
    shipments = facts.tracked_shipments() or facts.shipments()
    return {
        **text_fields(shipping_address=shipping_address(facts)),
        **text_fields(
            shipping_carrier=_distinct(s.carrier for s in shipments),
            shipping_tracking_number=_distinct(s.tracking_number for s in shipments),
            shipping_date=iso(shipments[0].created) if shipments else "",
        ),
    }


def _distinct(values: Iterable[str]) -> str:
    """Stripe asks for several carriers or numbers as a comma-separated list."""
    return ", ".join(dict.fromkeys(v for v in values if v))


def shipping_address(facts: Facts) -> str:
    """Where the goods went: the delivered shipment's address, else the first."""
    if facts.record is None:
        address = facts.charge.shipping_address
        return address.one_line() if address else ""
    found = _address_of(facts, _first_delivered(facts))
    return found.one_line() if found else ""


def _first_delivered(facts: Facts) -> Shipment | None:
    delivered = facts.delivered_before_dispute()
    return delivered[0] if delivered else next(iter(facts.shipments()), None)


def _address_of(facts: Facts, shipment: Shipment | None) -> OrderAddress | None:
    known = facts.record.shipping_addresses if facts.record else ()
    if shipment is not None:
        for place in known:
            if place.id == shipment.order_address_id:
                return place.address
    return known[0].address if known else None


def product_description(facts: Facts) -> Fields:
    """The line items, with the catalogue's description of each product."""
    if not facts.record or not facts.record.line_items:
        return {}
    about = {p.id: _plain(p.description) for p in facts.record.products}
    lines = tuple(
        _with_description(narrative.item_line(item), about.get(item.product_id, ""))
        for item in facts.record.line_items
    )
    intro = f"Order #{facts.record.order.id} contained:"
    return {"product_description": (Listing(intro, lines, "items"),)}


def _with_description(line: str, description: str) -> str:
    return f"{line}: {description}" if description else line


def _plain(html: str) -> str:
    """A catalogue description without markup, on one line."""
    return " ".join(TAG.sub(" ", html).split())


def refund_policy(facts: Facts) -> Fields:
    """refund_policy_disclosure: where the policy was shown, and its words."""
    found = facts.case.policies
    return _disclosure(
        "refund_policy_disclosure", found.refund_policy_disclosure, found.refund_policy
    )


def cancellation_policy(facts: Facts) -> Fields:
    """cancellation_policy_disclosure: where it was shown, and its words."""
    found = facts.case.policies
    return _disclosure(
        "cancellation_policy_disclosure",
        found.cancellation_policy_disclosure,
        found.cancellation_policy,
    )


def _disclosure(field: str, disclosure: str, policy: str) -> Fields:
    shown = (disclosure.strip(),) if disclosure.strip() else ()
    words = (f"The policy reads: {policy.strip()}",) if policy.strip() else ()
    text = (*shown, *words)
    return {field: text} if text else {}
