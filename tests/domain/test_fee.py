"""The recovery fee: 12% of what a won dispute brings back."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chargepilot.domain.fee import recovery_fee
from chargepilot.domain.money import Money


@pytest.mark.parametrize(
    ("recovered", "fee"),
    [
        (Money(10000, "USD"), Money(1200, "USD")),
        (Money(1500, "JPY"), Money(180, "JPY")),
        (Money(1234, "KWD"), Money(148, "KWD")),
        (Money(13, "USD"), Money(2, "USD")),
        (Money(4, "USD"), Money(0, "USD")),
    ],
)
def test_a_won_dispute_costs_twelve_percent_of_the_recovery(
    recovered: Money, fee: Money
) -> None:
    assert recovery_fee(recovered, won=True) == fee


def test_a_lost_dispute_costs_nothing_in_its_own_currency() -> None:
    assert recovery_fee(Money(10000, "EUR"), won=False) == Money(0, "EUR")


def test_nothing_recovered_means_no_fee_even_when_won() -> None:
    assert recovery_fee(Money(0, "USD"), won=True) == Money(0, "USD")
    assert recovery_fee(Money(-500, "USD"), won=True) == Money(0, "USD")


@given(
    st.integers(min_value=1, max_value=10**10),
    st.sampled_from(["JPY", "USD", "KWD"]),
)
def test_the_fee_never_exceeds_the_recovery_and_rounds_once(
    amount: int, currency: str
) -> None:
    fee = recovery_fee(Money(amount, currency), won=True)
    expected = (Decimal(amount) * Decimal("0.12")).quantize(Decimal(1), ROUND_HALF_UP)

    assert fee.currency == currency
    assert 0 <= fee.amount <= amount
    assert fee.amount == int(expected)
