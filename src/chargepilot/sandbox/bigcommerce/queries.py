"""Reading query strings the way the API does: filters, sorting, paging."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from starlette.exceptions import HTTPException

from chargepilot.sandbox.bigcommerce.formats import parse_filter_date
from chargepilot.sandbox.bigcommerce.index import StoreIndex
from chargepilot.sandbox.bigcommerce.models import Order, OrderStatus
from chargepilot.sandbox.bigcommerce.responses import MAX_LIMIT

Params = Mapping[str, str]
T = TypeVar("T")
SORT_FIELDS: dict[str, Callable[[Order], Any]] = {
    "id": lambda order: order.id,
    "customer_id": lambda order: order.customer_id,
    "date_created": lambda order: order.date_created,
    "date_modified": lambda order: order.date_modified,
    "status_id": lambda order: int(order.status_id),
    "channel_id": lambda order: order.channel_id,
    # The sandbox keeps no external ids; sorting by them keeps id order.
    "external_id": lambda order: "",
}


def bad_field(name: str) -> HTTPException:
    return HTTPException(400, f"The field '{name}' is invalid.")


def integer(params: Params, name: str) -> int | None:
    text = params.get(name)
    if text is None or text == "":
        return None
    try:
        return int(text)
    except ValueError:
        raise bad_field(name) from None


def decimal(params: Params, name: str) -> Decimal | None:
    text = params.get(name)
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise bad_field(name) from None


def moment(params: Params, name: str) -> datetime | None:
    text = params.get(name)
    if not text:
        return None
    try:
        return parse_filter_date(text)
    except ValueError:
        raise bad_field(name) from None


def integers(params: Params, name: str) -> set[int] | None:
    """A comma list filter such as `id:in=4,5,6`."""
    text = params.get(name)
    if not text:
        return None
    try:
        return {int(part) for part in text.split(",") if part.strip()}
    except ValueError:
        raise bad_field(name) from None


def words(params: Params, name: str) -> list[str] | None:
    text = params.get(name)
    if not text:
        return None
    return [part.strip() for part in text.split(",") if part.strip()]


def paging(params: Params, default_limit: int = 50) -> tuple[int, int]:
    """(page, limit); a limit over 250 is refused with 413."""
    page = integer(params, "page") or 1
    limit = integer(params, "limit") or default_limit
    if limit > MAX_LIMIT:
        raise HTTPException(413, "The specified limit exceeds the maximum allowed.")
    if page < 1 or limit < 1:
        raise bad_field("page" if page < 1 else "limit")
    return page, limit


def page_of(rows: list[T], page: int, limit: int) -> list[T]:
    return rows[(page - 1) * limit : page * limit]


@dataclass(frozen=True)
class OrderQuery:
    """The filters of GET /v2/orders and /v2/orders/count."""

    customer_id: int | None = None
    email: str | None = None
    status_id: int | None = None
    min_id: int | None = None
    max_id: int | None = None
    min_total: Decimal | None = None
    max_total: Decimal | None = None
    min_created: datetime | None = None
    max_created: datetime | None = None
    min_modified: datetime | None = None
    max_modified: datetime | None = None
    payment_method: str | None = None
    channel_id: int | None = None

    @classmethod
    def parse(cls, params: Params) -> OrderQuery:
        return cls(
            customer_id=integer(params, "customer_id"),
            email=params.get("email") or None,
            status_id=integer(params, "status_id"),
            min_id=integer(params, "min_id"),
            max_id=integer(params, "max_id"),
            min_total=decimal(params, "min_total"),
            max_total=decimal(params, "max_total"),
            min_created=moment(params, "min_date_created"),
            max_created=moment(params, "max_date_created"),
            min_modified=moment(params, "min_date_modified"),
            max_modified=moment(params, "max_date_modified"),
            payment_method=params.get("payment_method") or None,
            channel_id=integer(params, "channel_id"),
        )

    def matches(self, order: Order) -> bool:
        return (
            _within(order.id, self.min_id, self.max_id)
            and _within(order.total_inc_tax, self.min_total, self.max_total)
            and _within(order.date_created, self.min_created, self.max_created)
            and _within(order.date_modified, self.min_modified, self.max_modified)
            and _equal(int(order.status_id), self.status_id)
            and _equal(order.payment_method, self.payment_method)
            and _equal(order.channel_id, self.channel_id)
        )

    def shows(self, order: Order) -> bool:
        """Lists hide archived orders, and Incomplete ones unless asked for."""
        if order.is_deleted:
            return False
        return order.status_id != OrderStatus.INCOMPLETE or self.status_id == 0

    def select(self, index: StoreIndex) -> list[Order]:
        """Matching orders, in id order, before visibility rules."""
        candidates = index.orders_for(self.customer_id, self.email)
        return [order for order in candidates if self.matches(order)]


def _within(value: Any, low: Any, high: Any) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _equal(value: Any, wanted: Any) -> bool:
    return wanted is None or value == wanted


def sort_orders(orders: list[Order], sort: str | None) -> list[Order]:
    """Apply `sort=field:asc|desc`; the default is id ascending."""
    if not sort:
        return orders
    name, _, direction = sort.partition(":")
    key = SORT_FIELDS.get(name)
    if key is None or direction not in {"", "asc", "desc"}:
        raise bad_field("sort")
    ordered = sorted(orders, key=lambda order: order.id)
    return sorted(ordered, key=key, reverse=direction == "desc")
