"""A dispute with everything gathered for it, and the evidence built from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from chargepilot.domain.disputes import Dispute, DisputeReason
from chargepilot.domain.matching import Match
from chargepilot.domain.money import Money
from chargepilot.domain.orders import Order, StoreRecord


@dataclass(frozen=True, slots=True)
class MerchantPolicies:
    """Per-store texts an operator writes once; empty until they do."""

    refund_policy: str = ""
    refund_policy_disclosure: str = ""  # where the customer saw it
    cancellation_policy: str = ""
    cancellation_policy_disclosure: str = ""
    refund_refusal_explanation: str = ""
    cancellation_rebuttal: str = ""


class FieldResult(StrEnum):
    MATCH = "match"
    MISMATCH = "mismatch"
    MISSING = "missing"  # one side has no value


@dataclass(frozen=True, slots=True)
class FieldComparison:
    name: str  # "postal_code", "house_number", "street", "unit", "city", ...
    store_value: str
    stripe_value: str
    result: FieldResult


@dataclass(frozen=True, slots=True)
class AddressComparison:
    """The order's address against the charge's, field by field."""

    label: str  # "billing" or "shipping"
    store_address: str  # both raw, as shown in the packet
    stripe_address: str
    fields: tuple[FieldComparison, ...]
    score: float  # 0..1
    matches: bool


@dataclass(frozen=True, slots=True)
class CustomerLifetime:
    """The customer's whole relationship with the store."""

    order_count: int  # paid orders, the disputed one included
    total_spend: Money  # paid orders in the dispute's currency
    first_order_at: datetime | None
    account_created_at: datetime | None
    prior_undisputed: tuple[Order, ...] = ()  # paid, before the disputed one
    same_address_orders: int = 0  # earlier paid orders shipped to the same place
    other_currency_orders: int = 0


@dataclass(frozen=True, slots=True)
class Case:
    """The input to evidence building: pure data, no I/O left to do."""

    dispute: Dispute
    match: Match
    now: datetime
    record: StoreRecord | None = None
    addresses: tuple[AddressComparison, ...] = ()
    lifetime: CustomerLifetime | None = None
    policies: MerchantPolicies = field(default_factory=MerchantPolicies)
    duplicate_charge_id: str | None = None  # the other charge, for duplicates
    duplicate_order: Order | None = None  # the order that other charge paid


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the checklist behind the evidence strength score."""

    label: str
    passed: bool
    weight: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """What we will send to Stripe for one dispute, and why."""

    reason: DisputeReason
    fields: Mapping[str, str]  # Stripe evidence text fields
    argument: str  # plain English, cites orders, dates, carrier, amounts
    checklist: tuple[Check, ...]
    missing: tuple[str, ...] = ()
    packet_field: str = "uncategorized_file"  # where the PDF packet goes
    auto_answerable: bool = True  # False for reasons card evidence can't answer

    @property
    def strength(self) -> int:
        """0..100: the weighted share of the checklist that passed."""
        total = sum(c.weight for c in self.checklist)
        got = sum(c.weight for c in self.checklist if c.passed)
        return round(100 * got / total) if total else 0
