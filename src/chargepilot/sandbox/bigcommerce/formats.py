"""How BigCommerce writes money and dates, and how it reads date filters."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from email.utils import format_datetime, parsedate_to_datetime

FOUR_PLACES = Decimal("0.0001")
TWO_PLACES = Decimal("0.01")


def money_v2(amount: Decimal) -> str:
    """V2 money: a string with four decimals ("225.0000")."""
    return str(amount.quantize(FOUR_PLACES))


def money_v3(amount: Decimal) -> float:
    """V3 transactions and refunds: a JSON number with two decimals."""
    return float(amount.quantize(TWO_PLACES))


def date_v2(moment: datetime | None) -> str:
    """V2 dates: RFC 2822 in UTC; "" when there is none (date_shipped)."""
    if moment is None:
        return ""
    return format_datetime(moment.astimezone(UTC)).replace("-0000", "+0000")


def date_v3(moment: datetime) -> str:
    """V3 dates: ISO 8601 in UTC with a Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_filter_date(text: str) -> datetime:
    """Read a date filter given as RFC 2822 or ISO 8601 (naive = UTC).

    Raises ValueError when it is neither.
    """
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError) as error:
            raise ValueError(f"not an RFC 2822 or ISO 8601 date: {text!r}") from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment
