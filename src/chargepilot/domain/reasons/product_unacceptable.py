"""Product unacceptable: show the product was as described and the policy held.

Issuers weigh the product description, the refund policy and where the
customer saw it, the merchant's reason for refusing a refund, and proof
the goods arrived (Visa 13.3, Mastercard 4853).
"""

from __future__ import annotations

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.reasons import common, findings, narrative
from chargepilot.domain.reasons.draft import assemble, merchant_text
from chargepilot.domain.reasons.facts import Facts
from chargepilot.domain.reasons.findings import Weights
from chargepilot.domain.reasons.limits import Text

WEIGHTS: Weights = (
    (findings.order_matched, 20),
    (findings.product_described, 15),
    (findings.refund_policy, 20),
    (findings.refund_disclosure, 15),
    (findings.refund_refusal, 15),
    (findings.delivery_confirmed, 15),
)


def build(case: Case) -> Evidence:
    facts = Facts.of(case)
    fields = {
        **common.customer(facts),
        **common.shipping(facts),
        **common.product_description(facts),
        **common.refund_policy(facts),
    }
    return assemble(
        facts,
        fields=fields,
        argument=argument(facts),
        weights=WEIGHTS,
        packet_field="receipt",
        explanation_field="refund_refusal_explanation",
        explanation=merchant_text(case.policies.refund_refusal_explanation),
    )


def argument(facts: Facts) -> Text:
    policies = facts.case.policies
    return (
        narrative.opening(facts),
        *narrative.joined(
            narrative.order_sentence(facts),
            narrative.shipping(facts),
        ),
        *narrative.line_items(facts),
        *narrative.joined(narrative.refunds(facts)),
        narrative.policy(
            "refund", policies.refund_policy, policies.refund_policy_disclosure
        ),
        narrative.lifetime(facts),
    )
