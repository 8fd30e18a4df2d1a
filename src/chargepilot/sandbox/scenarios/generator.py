"""Build a whole seeded scenario: stores, background trade, every dispute case."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from chargepilot.errors import ConfigError
from chargepilot.sandbox.bigcommerce.models import ApiAccount, Order, Store
from chargepilot.sandbox.scenarios import cases
from chargepilot.sandbox.scenarios.builder import PaymentLink, StoreBuilder
from chargepilot.sandbox.scenarios.catalog import make_catalog
from chargepilot.sandbox.scenarios.kit import CaseKit, PlannedCase
from chargepilot.sandbox.scenarios.models import ExpectedCase, Scenario
from chargepilot.sandbox.stripe.seeds import StripeSeed

_LOWER = string.ascii_lowercase + string.digits
_LINKS = (PaymentLink.ORDER,) * 17 + (
    PaymentLink.TRANSACTION,
    PaymentLink.TRANSACTION,
    PaymentLink.NONE,
)


class Profile(StrEnum):
    """How much background trade to generate around the dispute cases."""

    SMALL = "small"  # unit tests: every case, little else
    DEMO = "demo"  # the default: every case incl. the 5,000-order customer
    BENCH = "bench"  # benchmarks: more stores, many more customers


@dataclass(frozen=True)
class Size:
    stores: int
    customers: int  # background customers per store
    big_customer_orders: int
    years: int  # how far back the order history goes


SIZES = {
    Profile.SMALL: Size(stores=2, customers=8, big_customer_orders=40, years=3),
    Profile.DEMO: Size(stores=2, customers=60, big_customer_orders=5000, years=4),
    Profile.BENCH: Size(stores=4, customers=1500, big_customer_orders=5000, years=5),
}
_STORE_LOOKS = (
    ("Sandbox Coffee Co.", "sandbox-coffee.example", "USD", "America/Chicago"),
    ("Kettle and Leaf Ltd", "kettle-and-leaf.example", "GBP", "Europe/London"),
    ("Rösterei Beispiel", "roesterei.example", "EUR", "Europe/Berlin"),
    ("Bean Counter Supply", "bean-counter.example", "USD", "America/New_York"),
)


def generate(
    seed: int = 7,
    *,
    now: datetime | None = None,
    profile: Profile | str = Profile.DEMO,
    stores: int | None = None,
    customers: int | None = None,
    big_customer_orders: int | None = None,
    years: int | None = None,
) -> Scenario:
    """A scenario that is the same for the same seed, `now` and sizes.

    `profile` picks the sizes; any keyword given overrides its figure. The
    first store answers platform disputes, each further store a Connect
    account (so `stores` is at least 2).
    """
    size = _size(profile, stores, customers, big_customer_orders, years)
    moment = _moment(now)
    scenario = Scenario(seed=seed, stores=[], stripe=StripeSeed())
    rng = random.Random(f"{seed}:scenario")
    scenario.stripe_api_key = "sk_test_" + _token(rng, 24, string.ascii_letters)
    scenario.webhook_secret = "whsec_" + _token(rng, 32, string.ascii_letters)
    builders = [
        _store_builder(rng, index, moment, size) for index in range(size.stores)
    ]
    planned: list[PlannedCase] = []
    _write_cases(scenario, builders, planned, size)
    for builder in builders:
        _background(builder, random.Random(f"{seed}:trade:{builder.store.hash}"), size)
        builder.finish()
        scenario.stores.append(builder.store)
    scenario.cases = [_expected(case) for case in planned]
    return scenario


def _size(
    profile: Profile | str,
    stores: int | None,
    customers: int | None,
    big_customer_orders: int | None,
    years: int | None,
) -> Size:
    try:
        size = SIZES[Profile(profile)]
    except ValueError:
        choices = ", ".join(p.value for p in Profile)
        raise ConfigError(f"unknown profile {profile!r}; choose {choices}") from None
    size = replace(
        size,
        stores=size.stores if stores is None else stores,
        customers=size.customers if customers is None else customers,
        big_customer_orders=size.big_customer_orders
        if big_customer_orders is None
        else big_customer_orders,
        years=size.years if years is None else years,
    )
    if size.stores < 2 or size.customers < 0 or size.years < 1:
        raise ConfigError("a scenario needs 2+ stores, 0+ customers and 1+ years")
    if size.big_customer_orders < 1:
        raise ConfigError("the big customer needs at least one order")
    return size


def _moment(now: datetime | None) -> datetime:
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ConfigError("now must be timezone-aware")
    return moment.astimezone(UTC).replace(microsecond=0)


def _token(rng: random.Random, length: int, alphabet: str = _LOWER) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


def _store_builder(
    rng: random.Random, index: int, now: datetime, size: Size
) -> StoreBuilder:
    name, domain, currency, timezone = _STORE_LOOKS[index % len(_STORE_LOOKS)]
    opened = now - timedelta(days=365 * (size.years + 1))
    store = Store(
        hash=_token(rng, 10),
        name=name if index < len(_STORE_LOOKS) else f"{name} #{index + 1}",
        domain=domain,
        currency=currency,
        timezone=timezone,
        accounts=[ApiAccount(client_id=_token(rng, 31), access_token=_token(rng, 31))],
        products=make_catalog(opened),
    )
    return StoreBuilder(store, now)


def _write_cases(
    scenario: Scenario,
    builders: list[StoreBuilder],
    planned: list[PlannedCase],
    size: Size,
) -> None:
    def kit(name: str, builder: StoreBuilder, account: str | None = None) -> CaseKit:
        return CaseKit(
            name, scenario.seed, builder.now, builder, scenario.stripe, planned, account
        )

    main = builders[0]
    for case in cases.MAIN_STORE_CASES:
        case(kit(case.__name__, main))
    cases.big_customer(kit("big_customer", main), size.big_customer_orders)
    for index, builder in enumerate(builders[1:], start=1):
        account = "acct_1" + _token(
            random.Random(f"{scenario.seed}:acct:{index}"),
            16,
            string.ascii_letters + string.digits,
        )
        scenario.connect_accounts[account] = builder.store.hash
        connected = kit(f"connect_account:{index}", builder, account)
        cases.connect_account(connected)


def _background(builder: StoreBuilder, rng: random.Random, size: Size) -> None:
    """Ordinary trade around the cases: customers, guests, refunds, cancels."""
    start = builder.now - timedelta(days=365 * size.years)
    for _ in range(size.customers):
        shopper = builder.shopper(rng)
        since = start + timedelta(days=rng.randrange(0, 365 * size.years - 30))
        customer = builder.register(shopper, since) if rng.random() < 0.8 else None
        for placed in _order_dates(rng, since, builder.now, rng.randint(1, 8)):
            sale = builder.place_order(
                rng, shopper, placed, customer=customer, link=rng.choice(_LINKS)
            )
            _after_sale(builder, rng, sale.order)
    if size.customers:
        guest = builder.place_order(
            rng, builder.shopper(rng), builder.now - timedelta(days=9)
        )
        guest.order.billing_address.email = ""  # B16: some guest orders carry none


def _order_dates(
    rng: random.Random, since: datetime, now: datetime, count: int
) -> list[datetime]:
    span = int((now - since).total_seconds()) - 3600
    return sorted(since + timedelta(seconds=rng.randrange(span)) for _ in range(count))


def _after_sale(builder: StoreBuilder, rng: random.Random, order: Order) -> None:
    roll = rng.random()
    later = min(order.date_created + timedelta(days=rng.randint(3, 20)), builder.now)
    if roll < 0.03:
        builder.refund(order, order.total_inc_tax, later, "Returned unopened")
    elif roll < 0.08:
        line = order.line_items[0]
        line.quantity_refunded = 1
        builder.refund(order, line.price_inc_tax, later, "Damaged in transit")
    elif roll < 0.10 and not order.shipments:
        builder.cancel(order)


def _expected(case: PlannedCase) -> ExpectedCase:
    dispute = case.dispute
    return ExpectedCase(
        dispute_id=dispute.id,
        reason=dispute.reason,
        store_hash=case.builder.store.hash,
        order_id=case.sale.order.id if case.sale else None,
        kind=case.kind,
        note=case.note,
        account=dispute.account,
        related_order_ids=[order.id for order in case.related],
    )
