"""Subscription canceled: show the policy was shown and the account stayed in use.

Issuers weigh the cancellation policy and where the customer agreed to
it, the merchant's rebuttal, and activity after the claimed cancellation:
for a store, the orders the customer placed after the disputed charge.
"""

from __future__ import annotations

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.reasons import common, findings, narrative
from chargepilot.domain.reasons.draft import assemble, merchant_text
from chargepilot.domain.reasons.facts import Facts
from chargepilot.domain.reasons.findings import Weights
from chargepilot.domain.reasons.limits import Text

WEIGHTS: Weights = (
    (findings.order_matched, 15),
    (findings.cancellation_policy, 25),
    (findings.cancellation_disclosure, 15),
    (findings.cancellation_rebuttal, 10),
    (findings.continued_orders, 20),
    (findings.delivery_confirmed, 15),
)


def build(case: Case) -> Evidence:
    facts = Facts.of(case)
    fields = {
        **common.customer(facts),
        **common.shipping(facts),
        **common.cancellation_policy(facts),
        **activity_log(facts),
    }
    return assemble(
        facts,
        fields=fields,
        argument=argument(facts),
        weights=WEIGHTS,
        packet_field="uncategorized_file",
        explanation_field="cancellation_rebuttal",
        explanation=merchant_text(case.policies.cancellation_rebuttal),
    )


def activity_log(facts: Facts) -> dict[str, Text]:
    later = narrative.later_orders(facts)
    return {"access_activity_log": later} if later else {}


def argument(facts: Facts) -> Text:
    policies = facts.case.policies
    return (
        narrative.opening(facts),
        *narrative.joined(
            narrative.order_sentence(facts),
            narrative.shipping(facts),
        ),
        *narrative.recent_orders(facts),
        *narrative.later_orders(facts),
        narrative.policy(
            "cancellation",
            policies.cancellation_policy,
            policies.cancellation_policy_disclosure,
        ),
        narrative.lifetime(facts),
    )
