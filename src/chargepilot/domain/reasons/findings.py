"""The tests behind evidence strength: each says what passed or what is missing.

A reason module lists the findings it weighs and their weights; `score`
turns that list into the Evidence checklist and its `missing` items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chargepilot.domain.case import Check, FieldResult
from chargepilot.domain.reasons.facts import Facts, day


@dataclass(frozen=True, slots=True)
class Finding:
    label: str
    passed: bool
    missing: str = ""  # what to tell the operator when it did not pass


Test = Callable[[Facts], Finding]
Weights = tuple[tuple[Test, int], ...]


def score(facts: Facts, weights: Weights) -> tuple[tuple[Check, ...], tuple[str, ...]]:
    """The checklist and, in the same order, what would strengthen it."""
    found = [(test(facts), weight) for test, weight in weights]
    checks = tuple(Check(f.label, f.passed, weight) for f, weight in found)
    missing = tuple(f.missing for f, _ in found if not f.passed and f.missing)
    return checks, tuple(dict.fromkeys(missing))


def order_matched(facts: Facts) -> Finding:
    label = "Order matched to the charge"
    if facts.record:
        return Finding(label, True)
    return Finding(label, False, _why_unmatched(facts))


def _why_unmatched(facts: Facts) -> str:
    match, case = facts.case.match, facts.case
    if match.order_id is None:
        return "no order in the store matches this charge"
    if case.record is None or case.record.order.id != match.order_id:
        return f"the store record of order #{match.order_id} was not gathered"
    rivals = ", ".join(f"#{r}" for r in match.rivals)
    also = f"; other orders fit too: {rivals}" if rivals else ""
    return (
        f"the match to order #{match.order_id} needs review "
        f"(confidence {match.confidence:.2f}, by {match.method.value}{also})"
    )


def tracked_shipment(facts: Facts) -> Finding:
    label = "Carrier and tracking number on a shipment"
    ok = bool(facts.tracked_shipments())
    return Finding(label, ok, "no shipment with a carrier and tracking number")


def shipped_before_dispute(facts: Facts) -> Finding:
    label = "Shipped before the dispute was opened"
    ok = any(facts.days_before_dispute(s.created) >= 0 for s in facts.shipments())
    return Finding(label, ok, "no shipment dated before the dispute")


def delivery_confirmed(facts: Facts) -> Finding:
    label = "Carrier confirmed delivery before the dispute"
    if facts.delivered_before_dispute():
        return Finding(label, True)
    late = any(s.delivered_at for s in facts.shipments())
    why = "delivery was confirmed only after the dispute was opened"
    return Finding(label, False, why if late else "no delivery confirmation")


def billing_matches(facts: Facts) -> Finding:
    return _address_matches(facts, "billing")


def shipping_matches(facts: Facts) -> Finding:
    return _address_matches(facts, "shipping")


def _address_matches(facts: Facts, label: str) -> Finding:
    title = f"{label.capitalize()} address matches the Stripe charge"
    found = facts.comparison(label)
    if found is None:
        return Finding(title, False, f"no {label} address comparison with the charge")
    if found.matches:
        return Finding(title, True)
    differing = [f.name for f in found.fields if f.result is FieldResult.MISMATCH]
    detail = f" ({', '.join(differing)})" if differing else ""
    return Finding(title, False, f"{label} address differs from the charge's{detail}")


def product_described(facts: Facts) -> Finding:
    ok = bool(facts.record and facts.record.line_items)
    return Finding("Line items describe the product", ok, "no line items on the order")


def repeat_customer(facts: Facts) -> Finding:
    ok = bool(facts.lifetime and facts.lifetime.order_count >= 2)
    return Finding("Repeat customer", ok, "no earlier orders from this customer")


def prior_undisputed(facts: Facts) -> Finding:
    ok = bool(facts.lifetime and facts.lifetime.prior_undisputed)
    why = "no earlier undisputed orders from this customer"
    return Finding("Earlier undisputed orders", ok, why)


def account_predates_order(facts: Facts) -> Finding:
    label = "Customer account created before the order"
    customer = facts.record.customer if facts.record else None
    order = facts.order
    if customer is None or order is None:
        return Finding(label, False, "no customer account (guest checkout)")
    if customer.created is None:
        return Finding(label, False, "the store does not say when the account opened")
    ok = day(customer.created) < day(order.created)
    return Finding(label, ok, "the customer account was created with this order")


def purchase_ip(facts: Facts) -> Finding:
    ok = bool(facts.order and facts.order.ip_address)
    return Finding("Purchase IP address recorded", ok, "no purchase IP address")


def refund_policy(facts: Facts) -> Finding:
    ok = bool(facts.case.policies.refund_policy.strip())
    return Finding("Refund policy on file", ok, "no refund policy configured")


def refund_disclosure(facts: Facts) -> Finding:
    ok = bool(facts.case.policies.refund_policy_disclosure.strip())
    why = "no note of where the refund policy was shown"
    return Finding("Where the refund policy was shown", ok, why)


def refund_refusal(facts: Facts) -> Finding:
    ok = bool(facts.case.policies.refund_refusal_explanation.strip())
    why = "no refund refusal explanation written"
    return Finding("Refund refusal explanation", ok, why)


def cancellation_policy(facts: Facts) -> Finding:
    ok = bool(facts.case.policies.cancellation_policy.strip())
    why = "no cancellation policy configured"
    return Finding("Cancellation policy on file", ok, why)


def cancellation_disclosure(facts: Facts) -> Finding:
    ok = bool(facts.case.policies.cancellation_policy_disclosure.strip())
    why = "no note of where the cancellation policy was shown"
    return Finding("Where the cancellation policy was shown", ok, why)


def cancellation_rebuttal(facts: Facts) -> Finding:
    ok = bool(facts.case.policies.cancellation_rebuttal.strip())
    why = "no cancellation rebuttal written"
    return Finding("Cancellation rebuttal written", ok, why)


def continued_orders(facts: Facts) -> Finding:
    """The customer kept ordering around the charge: before it or after."""
    ok = bool(facts.later_orders() or facts.recent_orders())
    why = "no other paid orders around the disputed charge"
    return Finding("Customer kept ordering around the charge", ok, why)
