"""Product not received: prove the order shipped and arrived before the dispute.

Issuers weigh the carrier's delivery scan above everything else, then the
tracking number itself and whether the goods went to the cardholder's
address (Visa 13.1, Mastercard 4855).
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
    (findings.tracked_shipment, 20),
    (findings.shipped_before_dispute, 10),
    (findings.delivery_confirmed, 30),
    (findings.shipping_matches, 15),
    (findings.product_described, 5),
    (findings.repeat_customer, 5),
)


def build(case: Case) -> Evidence:
    return standard(
        case, argument=argument, weights=WEIGHTS, packet_field="shipping_documentation"
    )


def argument(facts: Facts) -> Text:
    return (
        narrative.opening(facts),
        *narrative.joined(
            narrative.order_sentence(facts),
            narrative.shipping(facts),
            narrative.addresses(facts),
        ),
        narrative.lifetime(facts),
        conclusion(facts),
    )


def conclusion(facts: Facts) -> str:
    if facts.delivered_before_dispute():
        return (
            "The carrier's records show the order was delivered before the "
            "cardholder opened this dispute."
        )
    if findings.shipped_before_dispute(facts).passed and facts.tracked_shipments():
        return "The order was shipped with tracking before the dispute was opened."
    return ""
