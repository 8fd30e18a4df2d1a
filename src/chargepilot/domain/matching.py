"""Which order a disputed charge paid for, and how sure we are."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chargepilot.domain.orders import Order, Transaction

# Below this confidence, or with a rival, a match is shown to the operator
# and never submitted automatically.
AUTO_SUBMIT_CONFIDENCE = 0.9


class MatchMethod(StrEnum):
    PAYMENT_ID = "payment_id"  # the charge or intent id on the order
    TRANSACTION_ID = "transaction_id"  # ... or on one of its V3 transactions
    EMAIL_AMOUNT_DATE = "email_amount_date"
    NAME_ADDRESS = "name_address"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class MatchCandidate:
    """An order that might be the one, with its transactions if fetched."""

    order: Order
    transactions: tuple[Transaction, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    order_id: int | None
    confidence: float  # 0..1
    method: MatchMethod
    reasons: tuple[str, ...] = ()
    rivals: tuple[int, ...] = ()  # other orders that fit nearly as well
    truncated: bool = False  # the candidate search hit its page cap

    @property
    def needs_review(self) -> bool:
        return (
            self.order_id is None
            or bool(self.rivals)
            or self.confidence < AUTO_SUBMIT_CONFIDENCE
        )
