"""Credit not processed: show the refund was made, or why none is owed.

Two answers exist. If the store's refunds cover the disputed amount, the
argument is the refund itself (what, when, how much). If not, it is the
refund policy, where the customer saw it and why no refund is due
(Visa 13.6/13.7, Mastercard 4860). Each answer has its own weights.
"""

from __future__ import annotations

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.reasons import common, findings, narrative
from chargepilot.domain.reasons.draft import assemble, merchant_text
from chargepilot.domain.reasons.facts import Facts
from chargepilot.domain.reasons.findings import Finding, Weights
from chargepilot.domain.reasons.limits import Text


def refund_covers_dispute(facts: Facts) -> Finding:
    refunded = facts.refunded_in_store()
    ok = refunded is not None and refunded.amount >= facts.dispute.amount.amount
    why = "the store's refunds do not cover the disputed amount"
    return Finding("Store refunds cover the disputed amount", ok, why)


def refund_before_dispute(facts: Facts) -> Finding:
    refunds = facts.record.refunds if facts.record else ()
    early = [r for r in refunds if facts.days_before_dispute(r.created) >= 0]
    ok = bool(early) and len(early) == len(refunds)
    why = "a refund was made only after the dispute was opened"
    return Finding("Refunds made before the dispute", ok, why)


# The refund answers the dispute: proof of it is nearly all that counts.
REFUNDED: Weights = (
    (findings.order_matched, 20),
    (refund_covers_dispute, 50),
    (refund_before_dispute, 20),
    (findings.refund_policy, 10),
)
# No (full) refund: the policy and the merchant's reasons carry the case.
NOT_REFUNDED: Weights = (
    (findings.order_matched, 20),
    (findings.refund_policy, 25),
    (findings.refund_disclosure, 15),
    (findings.refund_refusal, 25),
    (findings.delivery_confirmed, 15),
)


def build(case: Case) -> Evidence:
    facts = Facts.of(case)
    refunded = refund_covers_dispute(facts).passed
    fields = {
        **common.customer(facts),
        **common.shipping(facts),
        **common.refund_policy(facts),
    }
    return assemble(
        facts,
        fields=fields,
        argument=argument(facts, refunded=refunded),
        weights=REFUNDED if refunded else NOT_REFUNDED,
        packet_field="uncategorized_file",
        explanation_field="refund_refusal_explanation",
        explanation=_refusal(case, refunded=refunded),
    )


def _refusal(case: Case, *, refunded: bool) -> Text:
    """The merchant's refusal reason, unless the refund already answers."""
    return () if refunded else merchant_text(case.policies.refund_refusal_explanation)


def argument(facts: Facts, *, refunded: bool) -> Text:
    policies = facts.case.policies
    return (
        narrative.opening(facts),
        *narrative.joined(
            narrative.order_sentence(facts),
            narrative.shipping(facts),
        ),
        *narrative.joined(narrative.refunds(facts)),
        narrative.policy(
            "refund", policies.refund_policy, policies.refund_policy_disclosure
        ),
        conclusion(facts) if refunded else "",
    )


def conclusion(facts: Facts) -> str:
    refunded = facts.refunded_in_store()
    if refunded is None:
        return ""
    return (
        f"The credit the cardholder asks for was processed: {refunded.format()} "
        f"was refunded against a disputed amount of {facts.dispute.amount.format()}."
    )
