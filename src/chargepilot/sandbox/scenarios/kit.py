"""The tools a seeded case is written with: shoppers, history, a dispute.

Each case gets its own random stream (seed + case name), so adding
background customers or another case never changes an existing case.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chargepilot.sandbox.bigcommerce.models import Customer, Order, Product
from chargepilot.sandbox.scenarios.builder import (
    Fulfilment,
    PaymentLink,
    Sale,
    StoreBuilder,
    at_daytime,
)
from chargepilot.sandbox.scenarios.people import Locale, Shopper
from chargepilot.sandbox.scenarios.stripe_side import (
    seed_charge,
    seed_customer,
    seed_dispute,
)
from chargepilot.sandbox.stripe.seeds import (
    SeedCardChecks,
    SeedCharge,
    SeedDispute,
    StripeSeed,
)


@dataclass
class PlannedCase:
    """A filed dispute and the order truly behind it (ids settle later)."""

    dispute: SeedDispute
    builder: StoreBuilder
    sale: Sale | None
    kind: str
    note: str = ""
    related: tuple[Order, ...] = ()


@dataclass
class Filing:
    """How a sale is disputed; the defaults make an ordinary dispute."""

    reason: str
    kind: str = ""
    note: str = ""
    related: tuple[Order, ...] = ()
    stripe_customer: bool = True
    checks: SeedCardChecks | None = None
    status: str = "needs_response"
    edit_charge: Callable[[SeedCharge], None] | None = None
    times: tuple[datetime, datetime] | None = None


@dataclass
class CaseKit:
    """One case's view of the world: its store, its account, its randomness."""

    name: str
    seed: int
    now: datetime
    builder: StoreBuilder
    stripe: StripeSeed
    planned: list[PlannedCase]
    account: str | None = None
    rng: random.Random = field(init=False)
    _customers: dict[int, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.seed}:{self.name}")

    def dispute_times(self) -> tuple[datetime, datetime]:
        """(created, due_by): filed in the last days, due 7-21 days after."""
        created = self.now - timedelta(
            days=self.rng.randrange(0, 6), hours=self.rng.randrange(1, 20)
        )
        created = created.replace(microsecond=0)
        due = created + timedelta(days=self.rng.randrange(7, 22))
        return created, due.replace(hour=23, minute=59, second=59)

    def days_before(self, moment: datetime, low: int, high: int) -> datetime:
        return at_daytime(
            self.rng, moment - timedelta(days=self.rng.randint(low, high))
        )

    def product(self, sku: str) -> Product:
        return next(p for p in self.builder.store.products.values() if p.sku == sku)

    def shopper(
        self,
        locale: Locale | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
    ) -> Shopper:
        return self.builder.shopper(
            self.rng, locale=locale, first_name=first_name, last_name=last_name
        )

    def customer(self, shopper: Shopper, since: datetime) -> Customer:
        return self.builder.register(shopper, since)

    def order(
        self,
        shopper: Shopper,
        placed: datetime,
        customer: Customer | None = None,
        *,
        items: list[tuple[Product, int]] | None = None,
        currency: str | None = None,
        free_shipping: bool = False,
        fulfilment: Fulfilment | None = None,
        link: PaymentLink = PaymentLink.ORDER,
    ) -> Sale:
        return self.builder.place_order(
            self.rng,
            shopper,
            placed,
            customer=customer,
            items=items,
            currency=currency,
            free_shipping=free_shipping,
            fulfilment=fulfilment,
            link=link,
        )

    def history(
        self,
        shopper: Shopper,
        customer: Customer,
        count: int,
        until: datetime,
        currency: str | None = None,
    ) -> list[Sale]:
        """`count` earlier undisputed orders between sign-up and `until`."""
        span = (until - customer.date_created).total_seconds()
        offsets = sorted(self.rng.random() * span for _ in range(count))
        return [
            self.order(
                shopper,
                customer.date_created + timedelta(seconds=int(offset)),
                customer,
                currency=currency,
            )
            for offset in offsets
        ]

    def charge(
        self, sale: Sale, checks: SeedCardChecks | None = None, *, stripe_customer: bool
    ) -> SeedCharge:
        """Put the charge (and the Stripe customer, if any) into the seed."""
        customer_id = self._stripe_customer(sale) if stripe_customer else None
        charge = seed_charge(self.rng, sale, customer_id=customer_id, checks=checks)
        charge.account = self.account
        self.stripe.charges.append(charge)
        return charge

    def _stripe_customer(self, sale: Sale) -> str | None:
        """The Stripe customer of a registered buyer, made once per case."""
        found = self.builder.store.customers.get(sale.order.customer_id)
        if found is None:
            return None
        if found.id not in self._customers:
            customer = seed_customer(self.rng, found, sale.shopper)
            customer.account = self.account
            self.stripe.customers.append(customer)
            self._customers[found.id] = customer.id
        return self._customers[found.id]

    def file(self, sale: Sale | None, charge: SeedCharge, filing: Filing) -> None:
        """Open a dispute on `charge` and remember the truth behind it."""
        if filing.edit_charge:
            filing.edit_charge(charge)
        created, due_by = filing.times or self.dispute_times()
        dispute = seed_dispute(
            self.rng, charge, filing.reason, created, due_by, status=filing.status
        )
        self.stripe.disputes.append(dispute)
        self.planned.append(
            PlannedCase(
                dispute,
                self.builder,
                sale,
                filing.kind or filing.reason,
                filing.note,
                filing.related,
            )
        )

    def dispute(self, sale: Sale, filing: Filing) -> None:
        """Charge for `sale` and dispute that charge."""
        charge = self.charge(
            sale, filing.checks, stripe_customer=filing.stripe_customer
        )
        self.file(sale, charge, filing)
