"""How the order was matched, told only as facts an issuer can check.

The matcher's own reasons are written for the operator: they carry its
method, its doubts and its rivals. The packet instead states what the
store and Stripe both record, derived here from the records themselves,
so a sentence appears only when it is true.
"""

from __future__ import annotations

from chargepilot.domain.addresses import compare_names
from chargepilot.domain.case import Case
from chargepilot.domain.disputes import Charge
from chargepilot.domain.matching import (
    amount_fits,
    normalise_email,
    order_search_window,
)
from chargepilot.domain.orders import Order, StoreRecord
from chargepilot.evidence.text import as_utc, money, plain, stamp


def statements(case: Case) -> tuple[str, ...]:
    """Plain sentences tying the charge to the order; empty with no order."""
    record = case.record
    if record is None:
        return ()
    charge, order = case.dispute.charge, record.order
    found = (
        _payment_id(charge, record),
        _amount(charge, order),
        _email(charge, order),
        _name(charge, order),
        *(
            f"The {c.label} address on the order matches the one on the charge."
            for c in case.addresses
            if c.matches
        ),
        _placed(charge, order),
    )
    return tuple(s for s in found if s)


def _payment_id(charge: Charge, record: StoreRecord) -> str:
    ids = {charge.id.strip(): "charge"}
    if charge.payment_intent_id:
        ids[charge.payment_intent_id.strip()] = "payment intent"
    ids.pop("", None)
    order = record.order
    recorded = order.payment_provider_id.strip()
    if recorded in ids:
        return (
            f"The Stripe {ids[recorded]} {recorded} is recorded on order #{order.id}."
        )
    for t in record.transactions:
        found = t.gateway_transaction_id.strip()
        if found in ids:
            return (
                f"The Stripe {ids[found]} {found} is recorded on transaction "
                f"{t.id} of order #{order.id}."
            )
    return ""


def _amount(charge: Charge, order: Order) -> str:
    fits = amount_fits(order, charge.amount)
    if fits is None:
        return ""
    if order.total.close_to(charge.amount):
        return f"The order total, {money(order.total)}, equals the amount charged."
    return f"{fits[0].upper()}{fits[1:]}."


def _email(charge: Charge, order: Order) -> str:
    ours = normalise_email(order.email)
    theirs = {normalise_email(e) for e in charge.candidate_emails()}
    if not ours or ours not in theirs:
        return ""
    return (
        f"The email on the order, {plain(order.email)}, is the payer's email at Stripe."
    )


def _name(charge: Charge, order: Order) -> str:
    payer = charge.billing_name or charge.shipping_name
    if not compare_names(payer, order.billing.name):
        return ""
    name = plain(order.billing.name)
    return f"The name on the order, {name}, is the name on the payment."


def _placed(charge: Charge, order: Order) -> str:
    start, end = order_search_window(charge)
    if not start <= as_utc(order.created) <= end:
        return ""
    return (
        f"Order #{order.id} was placed at {stamp(order.created)}; Stripe "
        f"recorded the charge at {stamp(charge.created)}."
    )
