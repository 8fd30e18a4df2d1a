"""Money: an integer amount in minor units plus an ISO 4217 currency."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from chargepilot.errors import ChargePilotError

# Stripe's zero- and three-decimal currencies; everything else has two.
ZERO_DECIMAL = frozenset(
    {"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA"}
    | {"PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"}
)
THREE_DECIMAL = frozenset({"BHD", "JOD", "KWD", "OMR", "TND"})
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}


class MoneyError(ChargePilotError):
    """An amount could not be read, or two currencies were mixed."""

    http_status = 400


def exponent(currency: str) -> int:
    """How many minor-unit digits a currency has."""
    code = currency.upper()
    if code in ZERO_DECIMAL:
        return 0
    if code in THREE_DECIMAL:
        return 3
    return 2


@dataclass(frozen=True, slots=True)
class Money:
    amount: int
    currency: str

    def __post_init__(self) -> None:
        code = self.currency
        if len(code) != 3 or not (code.isascii() and code.isalpha()):
            raise MoneyError(f"not a currency code: {self.currency!r}")
        if self.currency != self.currency.upper():
            object.__setattr__(self, "currency", self.currency.upper())

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    @classmethod
    def from_decimal(cls, value: Decimal | str | int, currency: str) -> Money:
        """Read a major-unit amount ("34.1164") once, rounding half up."""
        try:
            major = Decimal(value) if not isinstance(value, Decimal) else value
            if not major.is_finite():
                raise InvalidOperation
            minor = _shift(major, exponent(currency)).quantize(
                Decimal(1), ROUND_HALF_UP
            )
        except InvalidOperation:
            raise MoneyError(f"not an amount: {value!r}") from None
        return cls(int(minor), currency)

    def to_decimal(self) -> Decimal:
        """The amount in major units, exactly ('34.12', '1500', '1.234')."""
        return _shift(Decimal(self.amount), -exponent(self.currency))

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise MoneyError(f"cannot mix {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def close_to(self, other: Money, tolerance: int = 1) -> bool:
        """Same currency and within `tolerance` minor units."""
        return other.currency == self.currency and (
            abs(self.amount - other.amount) <= tolerance
        )

    def percent(self, rate: Decimal) -> Money:
        """`rate` percent of this amount, rounded half up to a minor unit."""
        share = (Decimal(self.amount) * rate / 100).quantize(Decimal(1), ROUND_HALF_UP)
        return Money(int(share), self.currency)

    def format(self) -> str:
        """'$923.00', '¥1,500', 'CHF 12.50'."""
        digits = exponent(self.currency)
        text = f"{abs(self.to_decimal()):,.{digits}f}"
        sign = "-" if self.amount < 0 else ""
        symbol = SYMBOLS.get(self.currency)
        return f"{sign}{symbol}{text}" if symbol else f"{sign}{self.currency} {text}"

    def __str__(self) -> str:
        return self.format()


def _shift(value: Decimal, places: int) -> Decimal:
    """value * 10**places, exactly: scaleb would round long values first."""
    sign, digits, power = value.as_tuple()
    return Decimal((sign, digits, int(power) + places))


def total(amounts: list[Money], currency: str) -> Money:
    """Sum of amounts, all in `currency`."""
    result = Money.zero(currency)
    for amount in amounts:
        result = result + amount
    return result
