from __future__ import annotations

from datetime import timedelta

import pytest

from chargepilot.domain.money import Money, MoneyError
from chargepilot.storage import Database, Outcome
from tests.storage.factories import (
    FakeClock,
    Merchant,
    add_merchant,
    make_dispute,
)


def add(db: Database, shop: Merchant, dispute_id: str, amount: Money) -> None:
    with db.session() as unit:
        dispute = make_dispute(dispute_id, amount=amount)
        unit.disputes.get_or_create(dispute, store_id=shop.store_id)


def test_a_won_dispute_earns_twelve_percent_in_minor_units(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add(db, shop, "dp_1", Money(2912, "USD"))
    with db.session() as unit:
        entry = unit.ledger.record_outcome("dp_1", Outcome.WON)
    assert entry.recovered == Money(2912, "USD")
    assert entry.fee == Money(349, "USD")  # 349.44 cents, rounded half up


def test_zero_decimal_currencies_keep_whole_units(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add(db, shop, "dp_1", Money(1500, "JPY"))
    with db.session() as unit:
        entry = unit.ledger.record_outcome("dp_1", Outcome.WON)
    assert entry.fee == Money(180, "JPY")


@pytest.mark.parametrize("outcome", [Outcome.LOST, Outcome.WARNING_CLOSED])
def test_no_fee_unless_the_dispute_was_won(db: Database, outcome: Outcome) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add(db, shop, "dp_1", Money(2912, "USD"))
    with db.session() as unit:
        entry = unit.ledger.record_outcome(
            "dp_1", outcome, recovered=Money(2912, "USD")
        )
    assert (entry.recovered, entry.fee) == (Money(0, "USD"), Money(0, "USD"))


def test_the_fee_is_booked_once_per_dispute(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add(db, shop, "dp_1", Money(10_000, "USD"))
    with db.session() as unit:
        first = unit.ledger.record_outcome("dp_1", Outcome.WON)
    with db.session() as unit:
        again = unit.ledger.record_outcome(
            "dp_1", Outcome.WON, recovered=Money(5_000, "USD")
        )
        entries = unit.ledger.entries(shop.tenant_id)
    assert again == first
    assert [e.fee for e in entries] == [Money(1_200, "USD")]


def test_a_partial_recovery_is_charged_on_what_came_back(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add(db, shop, "dp_1", Money(10_000, "USD"))
    with db.session() as unit:
        entry = unit.ledger.record_outcome(
            "dp_1", Outcome.WON, recovered=Money(2_500, "USD")
        )
        with pytest.raises(MoneyError):
            unit.ledger.record_outcome(
                "dp_1", Outcome.WON, recovered=Money(2_500, "EUR")
            )
    assert entry.fee == Money(300, "USD")


def test_a_monthly_statement_sums_fees_per_currency(
    db: Database, clock: FakeClock
) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    amounts = [Money(10_000, "USD"), Money(5_000, "USD"), Money(2_000, "EUR")]
    for number, amount in enumerate(amounts):
        add(db, shop, f"dp_{number}", amount)
    month_start = clock.now
    with db.session() as unit:
        for number in range(3):
            unit.ledger.record_outcome(f"dp_{number}", Outcome.WON)
            clock.advance(timedelta(days=12))
        fees = unit.ledger.fees_by_currency(
            shop.tenant_id, since=month_start, until=month_start + timedelta(days=31)
        )
    assert fees == {"USD": Money(1_800, "USD"), "EUR": Money(240, "EUR")}
