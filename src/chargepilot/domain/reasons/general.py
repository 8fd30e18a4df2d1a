"""General: no category, so one clear account of the whole record.

Everything the store and Stripe know goes in: the order, its shipments and
delivery, addresses, card checks, the customer's history and refunds.
"""

from __future__ import annotations

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.reasons import findings, narrative, signals
from chargepilot.domain.reasons.draft import standard
from chargepilot.domain.reasons.facts import Facts
from chargepilot.domain.reasons.findings import Weights
from chargepilot.domain.reasons.limits import Text

WEIGHTS: Weights = (
    (findings.order_matched, 20),
    (findings.delivery_confirmed, 20),
    (findings.tracked_shipment, 10),
    (findings.billing_matches, 10),
    (findings.shipping_matches, 10),
    (findings.prior_undisputed, 15),
    (findings.product_described, 5),
    (signals.card_checks, 10),
)


def build(case: Case) -> Evidence:
    return standard(
        case, argument=argument, weights=WEIGHTS, packet_field="uncategorized_file"
    )


def argument(facts: Facts) -> Text:
    return (
        narrative.opening(facts),
        *narrative.joined(
            narrative.order_sentence(facts),
            narrative.purchase_ip(facts),
            narrative.shipping(facts),
            narrative.addresses(facts),
        ),
        narrative.card_checks(facts),
        narrative.lifetime(facts),
        *narrative.prior_orders(facts),
        *narrative.joined(narrative.refunds(facts)),
    )
