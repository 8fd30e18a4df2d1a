"""Prices, taxes and minor units for the currencies the sandbox sells in."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FOUR_PLACES = Decimal("0.0001")

# Zero-decimal currencies keep whole amounts on both sides (B20).
EXPONENTS = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0}

# How a USD list price becomes a shelf price elsewhere (shelf prices abroad
# include VAT/consumption tax, as shoppers there expect).
_PRICE_FACTORS = {
    "USD": Decimal("1"),
    "EUR": Decimal("0.95"),
    "GBP": Decimal("0.82"),
    "JPY": Decimal("150"),
}
_SHIPPING = {
    "USD": Decimal("7.95"),
    "EUR": Decimal("6.90"),
    "GBP": Decimal("4.99"),
    "JPY": Decimal("800"),
}
TAX_INCLUSIVE = frozenset({"EUR", "GBP", "JPY"})


def to_minor(amount: Decimal, currency: str) -> int:
    """Integer minor units of a store amount, rounded half-up once."""
    exponent = EXPONENTS[currency.upper()]
    return int((amount * 10**exponent).quantize(Decimal("1"), ROUND_HALF_UP))


def shelf_price(usd_price: Decimal, currency: str) -> Decimal:
    """What a catalog price reads as on the storefront in `currency`."""
    price = usd_price * _PRICE_FACTORS[currency]
    step = Decimal("10") if currency == "JPY" else Decimal("0.01")
    return (price / step).quantize(Decimal("1"), ROUND_HALF_UP) * step


def shipping_price(currency: str) -> Decimal:
    return _SHIPPING[currency]


def split_tax(shelf: Decimal, currency: str, rate: Decimal) -> tuple[Decimal, Decimal]:
    """(ex tax, inc tax) of one unit, at 4 places as BigCommerce keeps them."""
    if currency in TAX_INCLUSIVE:
        return (shelf / (1 + rate)).quantize(FOUR_PLACES, ROUND_HALF_UP), shelf
    return shelf, (shelf * (1 + rate)).quantize(FOUR_PLACES, ROUND_HALF_UP)
