"""Reading BigCommerce's scalar values: money, dates, ids and text.

V2 writes money as 4-decimal strings ("34.1164") and dates as RFC 2822;
V3 writes money as JSON numbers (read as Decimal by the decoder) and dates
as ISO 8601. Nothing here ever goes through a float.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from email.utils import parsedate_to_datetime
from typing import Any

from chargepilot.domain.money import Money
from chargepilot.errors import BigCommerceResponseError

Row = Mapping[str, Any]


def decimal(value: object, field: str = "amount") -> Decimal:
    """A Decimal from a decimal string, an int or a Decimal ("" and None are 0)."""
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, (bool, float)):
        # Floats never come out of our decoder; refuse to guess their digits.
        raise BigCommerceResponseError(f"{field}: not a decimal amount: {value!r}")
    try:
        result = (
            Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
        )
    except InvalidOperation:
        raise BigCommerceResponseError(f"{field}: not an amount: {value!r}") from None
    if not result.is_finite():
        raise BigCommerceResponseError(f"{field}: not an amount: {value!r}")
    return result


def money(row: Row, field: str, currency: str) -> Money:
    """Money in minor units of `currency`, rounded half up once."""
    return Money.from_decimal(decimal(row.get(field), field), currency)


def optional_money(row: Row, field: str, currency: str) -> Money | None:
    return money(row, field, currency) if field in row else None


def rfc2822(row: Row, field: str) -> datetime | None:
    """A V2 date ("Tue, 20 Nov 2012 00:00:00 +0000") as an aware datetime."""
    text = text_of(row, field).strip()
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return iso8601(row, field)  # V2 filters and some apps use ISO 8601
    return aware(moment)


def iso8601(row: Row, field: str) -> datetime | None:
    """A V3 date ("2026-11-02T14:05:00Z") as an aware datetime."""
    text = text_of(row, field).strip()
    if not text:
        return None
    try:
        return aware(datetime.fromisoformat(text))
    except ValueError:
        raise BigCommerceResponseError(f"{field}: not a date: {text!r}") from None


def required_date(moment: datetime | None, field: str) -> datetime:
    if moment is None:
        raise BigCommerceResponseError(f"{field}: missing date")
    return moment


def aware(moment: datetime) -> datetime:
    """Naive datetimes from BigCommerce are UTC ("always in UTC")."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def integer(row: Row, field: str, default: int = 0) -> int:
    """An id or count; BigCommerce types some as `number` or string."""
    value = row.get(field)
    if value is None or value == "":
        return default
    try:
        return int(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        raise BigCommerceResponseError(f"{field}: not a number: {value!r}") from None


def text_of(row: Row, field: str) -> str:
    """A string field as plain text; None becomes "", numbers their digits.

    BigCommerce returns some names HTML-escaped ("O&#39;Brien", "Smith &amp;
    Sons"); they are unescaped once here, so nothing downstream — the
    evidence sent to Stripe included — ever shows an entity.
    """
    value = row.get(field)
    if value is None or isinstance(value, (dict, list)):
        return ""
    return html.unescape(str(value))


def flag(row: Row, field: str) -> bool:
    return row.get(field) is True


def child(row: Row, field: str) -> Row:
    """A nested object, or an empty one when absent or null."""
    value = row.get(field)
    return value if isinstance(value, Mapping) else {}
