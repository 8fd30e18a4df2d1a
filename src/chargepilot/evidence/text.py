"""How values read in the packet: dates, money, counts, store text."""

from __future__ import annotations

import html
from datetime import UTC, datetime

from chargepilot.domain.money import Money

NOT_RECORDED = "not recorded"


def as_utc(moment: datetime) -> datetime:
    """Aware UTC; a naive time from a vendor is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def day(moment: datetime | None) -> str:
    """'2024-03-05', or 'not recorded'."""
    return as_utc(moment).strftime("%Y-%m-%d") if moment else NOT_RECORDED


def stamp(moment: datetime | None) -> str:
    """'2024-03-05 14:02 UTC', or 'not recorded'."""
    if moment is None:
        return NOT_RECORDED
    return as_utc(moment).strftime("%Y-%m-%d %H:%M UTC")


def money(amount: Money | None) -> str:
    return amount.format() if amount is not None else NOT_RECORDED


def count(number: int) -> str:
    """'4,970'."""
    return f"{number:,}"


def plain(text: str | None) -> str:
    """Store text as a reader should see it.

    BigCommerce returns some names and product titles HTML-encoded
    ("O&#039;Brien"); the packet shows the character, not the entity.
    """
    return html.unescape(text or "").strip()


def check_result(value: str | None) -> str:
    """A Stripe check value ('pass', 'unavailable', None) for a reader."""
    if not value:
        return NOT_RECORDED
    return value.replace("_", " ").capitalize()
