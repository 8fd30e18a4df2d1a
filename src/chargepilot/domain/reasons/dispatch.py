"""Which module builds the evidence for which dispute reason."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.reasons import (
    credit_not_processed,
    duplicate,
    fraudulent,
    general,
    not_answered,
    product_not_received,
    product_unacceptable,
    subscription_canceled,
    unrecognized,
)

Builder = Callable[[Case], Evidence]

BUILDERS: Mapping[DisputeReason, Builder] = {
    DisputeReason.PRODUCT_NOT_RECEIVED: product_not_received.build,
    DisputeReason.UNRECOGNIZED: unrecognized.build,
    DisputeReason.SUBSCRIPTION_CANCELED: subscription_canceled.build,
    DisputeReason.PRODUCT_UNACCEPTABLE: product_unacceptable.build,
    DisputeReason.CREDIT_NOT_PROCESSED: credit_not_processed.build,
    DisputeReason.FRAUDULENT: fraudulent.build,
    DisputeReason.DUPLICATE: duplicate.build,
    DisputeReason.GENERAL: general.build,
}


def build_evidence(case: Case) -> Evidence:
    """The evidence for the dispute's reason; others are not auto-answered."""
    builder = BUILDERS.get(case.dispute.reason, not_answered.build)
    return builder(case)
