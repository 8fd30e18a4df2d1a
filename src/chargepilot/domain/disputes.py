"""Stripe's dispute vocabulary and the dispute as ChargePilot sees it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from chargepilot.domain.money import Money


class DisputeReason(StrEnum):
    BANK_CANNOT_PROCESS = "bank_cannot_process"
    CHECK_RETURNED = "check_returned"
    CREDIT_NOT_PROCESSED = "credit_not_processed"
    CUSTOMER_INITIATED = "customer_initiated"
    DEBIT_NOT_AUTHORIZED = "debit_not_authorized"
    DUPLICATE = "duplicate"
    FRAUDULENT = "fraudulent"
    GENERAL = "general"
    INCORRECT_ACCOUNT_DETAILS = "incorrect_account_details"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    NONCOMPLIANT = "noncompliant"
    PRODUCT_NOT_RECEIVED = "product_not_received"
    PRODUCT_UNACCEPTABLE = "product_unacceptable"
    SUBSCRIPTION_CANCELED = "subscription_canceled"
    UNRECOGNIZED = "unrecognized"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, value: str) -> DisputeReason:
        """Stripe adds reasons over time; an unknown one is kept as UNKNOWN."""
        try:
            return cls(value)
        except ValueError:
            return cls.UNKNOWN


# Reasons about bank debits, which card evidence cannot answer.
BANK_DEBIT_REASONS = frozenset(
    {
        DisputeReason.BANK_CANNOT_PROCESS,
        DisputeReason.CHECK_RETURNED,
        DisputeReason.CUSTOMER_INITIATED,
        DisputeReason.DEBIT_NOT_AUTHORIZED,
        DisputeReason.INCORRECT_ACCOUNT_DETAILS,
        DisputeReason.INSUFFICIENT_FUNDS,
    }
)


class DisputeStatus(StrEnum):
    WARNING_NEEDS_RESPONSE = "warning_needs_response"
    WARNING_UNDER_REVIEW = "warning_under_review"
    WARNING_CLOSED = "warning_closed"
    NEEDS_RESPONSE = "needs_response"
    UNDER_REVIEW = "under_review"
    APPEAL_NEEDS_RESPONSE = "appeal_needs_response"
    APPEAL_UNDER_REVIEW = "appeal_under_review"
    WON = "won"
    LOST = "lost"
    PREVENTED = "prevented"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, value: str) -> DisputeStatus:
        try:
            return cls(value)
        except ValueError:
            return cls.UNKNOWN

    @property
    def accepts_evidence(self) -> bool:
        return self in {
            DisputeStatus.NEEDS_RESPONSE,
            DisputeStatus.WARNING_NEEDS_RESPONSE,
            DisputeStatus.APPEAL_NEEDS_RESPONSE,
        }


@dataclass(frozen=True, slots=True)
class PostalAddress:
    """An address as Stripe writes it (billing_details.address, shipping)."""

    line1: str = ""
    line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""

    def is_empty(self) -> bool:
        return not any((self.line1, self.city, self.postal_code, self.country))

    def one_line(self) -> str:
        parts = (self.line1, self.line2, self.city, self.state, self.postal_code)
        return ", ".join(p for p in (*parts, self.country) if p)


@dataclass(frozen=True, slots=True)
class CardChecks:
    """What the card network verified on the charge."""

    brand: str = ""
    last4: str = ""
    fingerprint: str = ""
    address_line1_check: str | None = None  # pass | fail | unavailable | unchecked
    address_postal_code_check: str | None = None
    cvc_check: str | None = None
    three_d_secure: str | None = None  # authenticated | attempt_acknowledged | ...


@dataclass(frozen=True, slots=True)
class Charge:
    id: str
    amount: Money
    created: datetime
    payment_intent_id: str | None = None
    customer_id: str | None = None
    customer_email: str | None = None  # from the expanded Stripe customer
    amount_refunded: Money | None = None
    billing_name: str = ""
    billing_email: str = ""
    billing_phone: str = ""
    billing_address: PostalAddress | None = None
    shipping_name: str = ""
    shipping_address: PostalAddress | None = None
    receipt_email: str = ""
    description: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)
    card: CardChecks | None = None

    def candidate_emails(self) -> tuple[str, ...]:
        """Every email Stripe knows for the payer, raw, best first."""
        found = [self.billing_email, self.receipt_email, self.customer_email or ""]
        found += [v for k, v in self.metadata.items() if "email" in k.lower()]
        return tuple(dict.fromkeys(e for e in found if e and e.strip()))


@dataclass(frozen=True, slots=True)
class Dispute:
    id: str
    charge: Charge
    amount: Money
    reason: DisputeReason
    status: DisputeStatus
    created: datetime
    due_by: datetime | None
    account: str | None = None  # Connect account id, None on the platform
    has_evidence: bool = False
    submission_count: int = 0
    past_due: bool = False
    network_reason_code: str | None = None
    enhanced_eligibility_types: tuple[str, ...] = ()
    livemode: bool = False
