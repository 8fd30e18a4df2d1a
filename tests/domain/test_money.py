"""Money in minor units: reading store decimals once, exactly (B20)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chargepilot.domain.money import Money, MoneyError, exponent, total

CURRENCIES = {"JPY": 0, "USD": 2, "KWD": 3}
currencies = st.sampled_from(sorted(CURRENCIES))
amounts = st.integers(min_value=-(10**12), max_value=10**12)


def test_currencies_have_their_stripe_exponents() -> None:
    assert [exponent(c) for c in ("JPY", "usd", "KWD", "EUR")] == [0, 2, 3, 2]


@given(amounts, currencies)
def test_minor_units_survive_a_trip_through_major_units(
    amount: int, currency: str
) -> None:
    money = Money(amount, currency)

    assert Money.from_decimal(money.to_decimal(), currency) == money
    assert Money.from_decimal(str(money.to_decimal()), currency) == money


@given(amounts, currencies)
def test_major_units_carry_exactly_the_currency_s_decimal_places(
    amount: int, currency: str
) -> None:
    places = Money(amount, currency).to_decimal().as_tuple().exponent

    assert places == -CURRENCIES[currency]


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False),
    currencies,
)
def test_store_amounts_round_half_up_once(value: Decimal, currency: str) -> None:
    scaled = value * Decimal(10) ** CURRENCIES[currency]
    expected = int(scaled.quantize(Decimal(1), ROUND_HALF_UP))

    assert Money.from_decimal(value, currency).amount == expected


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("34.1164", "USD", 3412),
        ("1500.0000", "JPY", 1500),
        ("1500.5000", "JPY", 1501),
        ("1.2345", "KWD", 1235),
        ("0.005", "USD", 1),
        ("-0.005", "USD", -1),
        ("0.0049999999999999999999999999999999", "USD", 0),
    ],
)
def test_bigcommerce_decimal_strings_become_minor_units(
    text: str, currency: str, minor: int
) -> None:
    assert Money.from_decimal(text, currency) == Money(minor, currency)


def test_the_b20_total_equals_the_stripe_charge_while_float_math_does_not() -> None:
    assert float("34.1164") * 100 != 3412
    assert Money.from_decimal("34.1164", "USD").close_to(Money(3412, "usd"))


@given(amounts, amounts, currencies, st.integers(min_value=0, max_value=5))
def test_closeness_is_symmetric(a: int, b: int, currency: str, tolerance: int) -> None:
    first, second = Money(a, currency), Money(b, currency)

    assert first.close_to(second, tolerance) == second.close_to(first, tolerance)
    assert first.close_to(second, tolerance) == (abs(a - b) <= tolerance)


@given(amounts)
def test_amounts_in_different_currencies_are_never_close(amount: int) -> None:
    assert not Money(amount, "USD").close_to(Money(amount, "EUR"))


@given(amounts, amounts)
def test_mixing_currencies_in_arithmetic_raises(a: int, b: int) -> None:
    with pytest.raises(MoneyError):
        Money(a, "USD") + Money(b, "JPY")
    with pytest.raises(MoneyError):
        Money(a, "USD") - Money(b, "KWD")
    with pytest.raises(MoneyError):
        total([Money(a, "USD"), Money(b, "EUR")], "USD")


def test_a_sum_in_one_currency_adds_up() -> None:
    amounts = [Money(1000, "USD"), Money(2412, "USD")]

    assert total(amounts, "USD") == Money(3412, "USD")
    assert total([], "JPY") == Money.zero("JPY")


@pytest.mark.parametrize("text", ["", "abc", "1,000.00", "NaN", "Infinity", "1e1000"])
def test_unreadable_amounts_raise_a_money_error(text: str) -> None:
    with pytest.raises(MoneyError):
        Money.from_decimal(text, "USD")


@pytest.mark.parametrize("code", ["US", "USDX", "U$D", "ÄBC", "12A"])
def test_malformed_currency_codes_are_refused(code: str) -> None:
    with pytest.raises(MoneyError):
        Money(100, code)


def test_currency_codes_are_kept_upper_case() -> None:
    assert Money(100, "usd") == Money(100, "USD")


@pytest.mark.parametrize(
    ("money", "text"),
    [
        (Money(3412, "USD"), "$34.12"),
        (Money(150000, "JPY"), "¥150,000"),
        (Money(1234, "KWD"), "KWD 1.234"),
        (Money(-500, "USD"), "-$5.00"),
    ],
)
def test_amounts_print_as_people_write_them(money: Money, text: str) -> None:
    assert str(money) == text


def test_a_percentage_rounds_half_up_to_a_minor_unit() -> None:
    assert Money(13, "USD").percent(Decimal(12)) == Money(2, "USD")
    assert Money(4, "USD").percent(Decimal(12)) == Money(0, "USD")
