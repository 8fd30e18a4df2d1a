"""Scenarios the benchmarks need that the stock generator does not make.

`generate()` writes every case into the first store and one dispute into
each further store; the burst needs many disputes in every store. This
builds that from the generator's own pieces: a store per builder, the
ordinary reason cases written again and again with their own random
streams, a Connect account per store after the first.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from chargepilot.sandbox.bigcommerce.models import ApiAccount, Store
from chargepilot.sandbox.scenarios import cases
from chargepilot.sandbox.scenarios.builder import StoreBuilder
from chargepilot.sandbox.scenarios.catalog import make_catalog
from chargepilot.sandbox.scenarios.kit import CaseKit, PlannedCase
from chargepilot.sandbox.scenarios.models import ExpectedCase, Scenario
from chargepilot.sandbox.stripe.seeds import StripeSeed

# The ordinary reason cases: one dispute per reason, a registered customer.
ORDINARY: tuple[Callable[[CaseKit], None], ...] = (
    cases.product_not_received,
    cases.unrecognized,
    cases.subscription_canceled,
    cases.product_unacceptable,
    cases.credit_not_processed,
    cases.fraudulent,
    cases.duplicate,
    cases.general,
)
_ALPHABET = string.ascii_lowercase + string.digits


def is_ordinary(case: ExpectedCase) -> bool:
    """An ordinary reason dispute: its kind is its reason, not a hard case."""
    return case.kind == case.reason


def burst_scenario(seed: int, stores: int, disputes_per_store: int) -> Scenario:
    """`stores` stores with `disputes_per_store` ordinary disputes each."""
    now = datetime.now(UTC).replace(microsecond=0)
    rng = random.Random(f"{seed}:burst")
    scenario = Scenario(seed=seed, stores=[], stripe=StripeSeed())
    scenario.stripe_api_key = "sk_test_" + _token(rng, 24)
    planned: list[PlannedCase] = []
    for index in range(stores):
        builder = _builder(rng, index, now)
        account = None if index == 0 else "acct_1" + _token(rng, 16)
        if account:
            scenario.connect_accounts[account] = builder.store.hash
        for number in range(disputes_per_store):
            write = ORDINARY[number % len(ORDINARY)]
            name = f"burst:{index}:{number}"
            kit = CaseKit(name, seed, now, builder, scenario.stripe, planned, account)
            write(kit)
        builder.finish()
        scenario.stores.append(builder.store)
    scenario.cases = [_expected(case) for case in planned]
    return scenario


def growth_scenario(seed: int, orders: tuple[int, ...]) -> Scenario:
    """One store per size, each with one buyer of that many orders, disputed."""
    now = datetime.now(UTC).replace(microsecond=0)
    rng = random.Random(f"{seed}:growth")
    scenario = Scenario(seed=seed, stores=[], stripe=StripeSeed())
    scenario.stripe_api_key = "sk_test_" + _token(rng, 24)
    planned: list[PlannedCase] = []
    for index, count in enumerate(orders):
        builder = _builder(rng, index, now)
        account = None if index == 0 else "acct_1" + _token(rng, 16)
        if account:
            scenario.connect_accounts[account] = builder.store.hash
        name = f"growth:{count}"
        kit = CaseKit(name, seed, now, builder, scenario.stripe, planned, account)
        cases.big_customer(kit, count)
        builder.finish()
        scenario.stores.append(builder.store)
    scenario.cases = [_expected(case) for case in planned]
    return scenario


def _builder(rng: random.Random, index: int, now: datetime) -> StoreBuilder:
    store = Store(
        hash=_token(rng, 10),
        name=f"Bench Store {index + 1}",
        domain=f"bench-{index + 1}.example",
        accounts=[ApiAccount(_token(rng, 31), _token(rng, 31))],
        products=make_catalog(now - timedelta(days=365 * 4)),
    )
    return StoreBuilder(store, now)


def _token(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(length))


def _expected(case: PlannedCase) -> ExpectedCase:
    return ExpectedCase(
        dispute_id=case.dispute.id,
        reason=case.dispute.reason,
        store_hash=case.builder.store.hash,
        order_id=case.sale.order.id if case.sale else None,
        kind=case.kind,
        account=case.dispute.account,
    )
