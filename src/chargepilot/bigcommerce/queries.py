"""Order search filters, written the way GET /v2/orders reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum

from chargepilot.domain.money import Money
from chargepilot.domain.orders import OrderStatus


class OrderSort(StrEnum):
    """Sort orders GET /v2/orders accepts (`field:direction`)."""

    ID_ASC = "id:asc"
    ID_DESC = "id:desc"
    CREATED_ASC = "date_created:asc"
    CREATED_DESC = "date_created:desc"
    MODIFIED_DESC = "date_modified:desc"


def normalise_email(email: str) -> str:
    """Trimmed and lower-cased, as B16 asks, for the store's own filter.

    Lower-cased rather than case-folded ("ß" stays "ß") so the store can find
    what it stored; domain.matching.normalise_email case-folds when the
    results are re-checked here.
    """
    return email.strip().lower()


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def amount(value: Money | Decimal | int) -> str:
    major = value.to_decimal() if isinstance(value, Money) else Decimal(value)
    return format(major, "f")


@dataclass(frozen=True, slots=True)
class OrderFilters:
    """The filters of an order search or count; None means "any"."""

    email: str | None = None
    min_created: datetime | None = None
    max_created: datetime | None = None
    min_total: Money | Decimal | int | None = None
    max_total: Money | Decimal | int | None = None
    customer_id: int | None = None
    status_id: OrderStatus | int | None = None
    sort: OrderSort | str | None = None

    def params(self) -> dict[str, str | int]:
        found: dict[str, str | int] = {}
        if self.email is not None:
            found["email"] = normalise_email(self.email)
        if self.min_created is not None:
            found["min_date_created"] = iso_utc(self.min_created)
        if self.max_created is not None:
            found["max_date_created"] = iso_utc(self.max_created)
        if self.min_total is not None:
            found["min_total"] = amount(self.min_total)
        if self.max_total is not None:
            found["max_total"] = amount(self.max_total)
        if self.customer_id is not None:
            found["customer_id"] = int(self.customer_id)
        if self.status_id is not None:
            found["status_id"] = int(self.status_id)
        if self.sort is not None:
            found["sort"] = str(self.sort)
        return found
