"""Reasons card evidence cannot answer: say why, send nothing.

Bank-debit returns (ACH, SEPA and the like) are settled by the bank's own
rules; a network compliance case means accepting the network's fee, a
decision only the merchant may take; a reason Stripe added after this
code was written is not guessed at.
"""

from __future__ import annotations

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.disputes import BANK_DEBIT_REASONS, DisputeReason
from chargepilot.domain.reasons.facts import Facts
from chargepilot.domain.reasons.narrative import opening

BANK_DEBIT = (
    "This is a bank-debit return, not a card dispute: order, shipment and "
    "delivery records do not answer it, so ChargePilot does not respond "
    "automatically. Review it in the Stripe Dashboard."
)
COMPLIANCE = (
    "This is a card network compliance case: answering it means accepting "
    "the network's compliance fee, which only the merchant can decide, so "
    "ChargePilot does not respond automatically."
)
UNKNOWN = (
    "Stripe reported a dispute reason ChargePilot does not know, so it does "
    "not respond automatically. Review it in the Stripe Dashboard."
)


def why_not(reason: DisputeReason) -> str:
    if reason in BANK_DEBIT_REASONS:
        return BANK_DEBIT
    if reason is DisputeReason.NONCOMPLIANT:
        return COMPLIANCE
    return UNKNOWN


def build(case: Case) -> Evidence:
    reason = case.dispute.reason
    return Evidence(
        reason=reason,
        fields={},
        argument=f"{opening(Facts.of(case))}\n\n{why_not(reason)}",
        checklist=(),
        missing=("an operator's decision: not answered automatically",),
        auto_answerable=False,
    )
