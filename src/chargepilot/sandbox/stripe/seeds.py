"""What a scenario seeds into the fake Stripe, in Python types.

The fake turns these into objects shaped like Stripe's own (see
shared/specs/stripe/fixtures3.json). Amounts are integer minor units,
currencies lower-case ISO codes, times aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class SeedAddress:
    line1: str
    city: str
    postal_code: str
    country: str
    line2: str | None = None
    state: str | None = None


@dataclass
class SeedCardChecks:
    """Card verification results as Stripe reports them on a charge."""

    address_line1_check: str | None = "pass"
    address_postal_code_check: str | None = "pass"
    cvc_check: str | None = "pass"
    three_d_secure_result: str | None = None  # "authenticated", ...


@dataclass
class SeedCustomer:
    id: str
    email: str
    name: str
    created: datetime
    phone: str | None = None
    address: SeedAddress | None = None
    account: str | None = None  # a Connect account id, or None for the platform


@dataclass
class SeedCharge:
    """A captured card charge and the payment intent that made it."""

    id: str
    payment_intent_id: str
    amount: int
    currency: str
    created: datetime
    billing_name: str
    billing_email: str | None
    billing_address: SeedAddress | None
    customer_id: str | None = None
    billing_phone: str | None = None
    receipt_email: str | None = None
    shipping_name: str | None = None
    shipping_address: SeedAddress | None = None
    description: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    amount_refunded: int = 0
    card_brand: str = "visa"
    card_last4: str = "4242"
    card_fingerprint: str = "Xt5EWLLDS7FJjR1c"
    card_exp_month: int = 12
    card_exp_year: int = 2030
    checks: SeedCardChecks = field(default_factory=SeedCardChecks)
    account: str | None = None  # a Connect account id, or None for the platform
    payment_method_type: str = "card"  # or a bank debit: "sepa_debit", ...


@dataclass
class SeedDispute:
    id: str
    charge_id: str
    amount: int
    currency: str
    reason: str
    created: datetime
    due_by: datetime
    status: str = "needs_response"
    network_reason_code: str | None = None
    enhanced_eligibility_types: list[str] = field(default_factory=list)
    account: str | None = None


@dataclass
class StripeSeed:
    """Everything one scenario puts into the fake Stripe."""

    customers: list[SeedCustomer] = field(default_factory=list)
    charges: list[SeedCharge] = field(default_factory=list)
    disputes: list[SeedDispute] = field(default_factory=list)
