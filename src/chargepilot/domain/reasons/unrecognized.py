"""Unrecognized: show the cardholder knows the store and placed this order.

Issuers look for a prior relationship (earlier orders, an account older
than the order), the device that bought (purchase IP) and addresses that
match the card; often the cardholder just did not recognise the
descriptor, so the receipt carries the packet.
"""

from __future__ import annotations

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.reasons import findings, narrative
from chargepilot.domain.reasons.draft import standard
from chargepilot.domain.reasons.facts import Facts
from chargepilot.domain.reasons.findings import Weights
from chargepilot.domain.reasons.limits import Text

WEIGHTS: Weights = (
    (findings.order_matched, 15),
    (findings.prior_undisputed, 25),
    (findings.account_predates_order, 10),
    (findings.purchase_ip, 10),
    (findings.billing_matches, 15),
    (findings.shipping_matches, 10),
    (findings.delivery_confirmed, 15),
)


def build(case: Case) -> Evidence:
    return standard(case, argument=argument, weights=WEIGHTS, packet_field="receipt")


def argument(facts: Facts) -> Text:
    return (
        narrative.opening(facts),
        *narrative.joined(
            narrative.order_sentence(facts),
            narrative.purchase_ip(facts),
            narrative.addresses(facts),
            narrative.shipping(facts),
        ),
        narrative.lifetime(facts),
        *narrative.prior_orders(facts),
        narrative.card_checks(facts),
        conclusion(facts),
    )


def conclusion(facts: Facts) -> str:
    if not findings.prior_undisputed(facts).passed or facts.order is None:
        return ""
    return (
        f"Order #{facts.order.id} continues an established relationship: the "
        "customer bought from the store before and never disputed those orders."
    )
