"""A seeded scenario: fake stores, fake Stripe objects, and what each dispute is."""

from __future__ import annotations

from dataclasses import dataclass, field

from chargepilot.sandbox.bigcommerce.models import Store
from chargepilot.sandbox.stripe.seeds import StripeSeed


@dataclass
class ExpectedCase:
    """The truth behind one seeded dispute, for tests and the demo's checks.

    `order_id` is the order that really belongs to the disputed charge, or
    None when the store holds no such order. `kind` is the reason for the
    ordinary cases ("product_not_received") or the hard case's name
    ("no_match", "two_candidates", "guest_checkout", ...).
    """

    dispute_id: str
    reason: str
    store_hash: str
    order_id: int | None
    kind: str
    note: str = ""
    account: str | None = None  # the Connect account the dispute lives on
    related_order_ids: list[int] = field(default_factory=list)  # decoys, twins


@dataclass
class Scenario:
    seed: int
    stores: list[Store]
    stripe: StripeSeed
    cases: list[ExpectedCase] = field(default_factory=list)
    stripe_api_key: str = "sk_test_sandbox"
    webhook_secret: str = "whsec_sandbox"
    connect_accounts: dict[str, str] = field(default_factory=dict)  # acct -> hash

    def store(self, store_hash: str) -> Store:
        return next(s for s in self.stores if s.hash == store_hash)
