"""Duplicate: show the two charges paid two distinct orders.

The evidence names the other charge (duplicate_charge_id) and explains the
difference (duplicate_charge_explanation). The store proves it when each
charge paid its own order; if both paid the same order, the charge really
is a duplicate and should be refunded, not contested.
"""

from __future__ import annotations

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.reasons import common, findings, narrative, signals
from chargepilot.domain.reasons.draft import assemble
from chargepilot.domain.reasons.facts import Facts, iso
from chargepilot.domain.reasons.findings import Finding, Weights
from chargepilot.domain.reasons.limits import Text


def other_charge_named(facts: Facts) -> Finding:
    ok = bool(_other_charge(facts))
    return Finding("The other charge is identified", ok, "the other charge is unknown")


def distinct_orders(facts: Facts) -> Finding:
    label = "The two charges paid two distinct orders"
    other, order = facts.case.duplicate_order, facts.order
    if other is None or order is None:
        return Finding(label, False, "no store order found for the other charge")
    if other.id == order.id:
        why = (
            f"both charges paid order #{order.id}: a true duplicate should be "
            "refunded, not contested"
        )
        return Finding(label, False, why)
    return Finding(label, True)


def other_order_paid(facts: Facts) -> Finding:
    other = facts.case.duplicate_order
    ok = other is not None and other.status.is_paid
    return Finding("The other order is a paid order", ok, "the other order is not paid")


WEIGHTS: Weights = (
    (findings.order_matched, 20),
    (other_charge_named, 15),
    (distinct_orders, 35),
    (other_order_paid, 10),
    (signals.card_checks, 10),
    (signals.three_d_secure, 10),
)


def build(case: Case) -> Evidence:
    facts = Facts.of(case)
    fields = {
        **common.customer(facts),
        **common.text_fields(duplicate_charge_id=_other_charge(facts)),
        **common.product_description(facts),
    }
    return assemble(
        facts,
        fields=fields,
        argument=argument(facts),
        weights=WEIGHTS,
        packet_field="duplicate_charge_documentation",
        explanation_field="duplicate_charge_explanation",
    )


def _other_charge(facts: Facts) -> str:
    other = facts.case.duplicate_charge_id
    return other if other and other != facts.charge.id else ""


def argument(facts: Facts) -> Text:
    return (
        narrative.opening(facts),
        *narrative.joined(
            _other_charge_sentence(facts),
            narrative.order_sentence(facts),
            _other_order_sentence(facts),
        ),
        *narrative.line_items(facts),
        narrative.card_checks(facts),
    )


def _other_charge_sentence(facts: Facts) -> str:
    other = _other_charge(facts)
    return f"The charge said to be duplicated is {other}." if other else ""


def _other_order_sentence(facts: Facts) -> str:
    other, order = facts.case.duplicate_order, facts.order
    if other is None or order is None:
        return ""
    if other.id == order.id:
        return f"Both charges are recorded against order #{order.id}."
    status = other.status_label or other.status.label
    return (
        f"The other charge paid a separate order, #{other.id}, placed on "
        f"{iso(other.created)} for {other.total.format()} (status {status}): "
        "two orders, two charges."
    )
