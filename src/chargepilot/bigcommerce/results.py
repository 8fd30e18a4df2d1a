"""What the BigCommerce client answers besides plain domain objects."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from chargepilot.bigcommerce.scopes import Scope
from chargepilot.domain.orders import Order

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """Who a store is, from GET /v2/store."""

    hash: str
    name: str
    domain: str
    secure_url: str = ""
    currency: str = ""
    timezone: str = ""
    plan_name: str = ""
    status: str = ""
    admin_email: str = ""


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """Rows read over one or more pages; `truncated` when the page cap hit."""

    items: tuple[T, ...]
    truncated: bool = False
    pages: int = 0


@dataclass(frozen=True, slots=True)
class OrderSearch:
    """Orders found by a search, and whether the page cap cut it short."""

    orders: tuple[Order, ...]
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.orders)


@dataclass(frozen=True, slots=True)
class StoreValidation:
    """Whether a store answers and which of our read scopes the token has."""

    store: StoreInfo | None
    granted: frozenset[Scope]
    missing: tuple[Scope, ...]

    @property
    def ok(self) -> bool:
        return self.store is not None and not self.missing

    def describe_missing(self) -> str:
        """ "token lacks store_v2_products_read_only (Products (read-only))"."""
        if not self.missing:
            return ""
        names = ", ".join(f"{s.value} ({s.label})" for s in self.missing)
        return f"token lacks {names}"


class CallMetrics(Protocol):
    """Where the client reports its calls (a counter, a metrics exporter)."""

    def count(self, route: str) -> None:
        """One request was sent to `route` ("GET /v2/orders/{id}")."""

    def retried(self, route: str, reason: str) -> None:
        """A request to `route` will be sent again ("429", "503", "timeout")."""


@dataclass
class ApiCallCounter:
    """Counts API calls (every attempt that left the client) by route."""

    calls: Counter[str] = field(default_factory=Counter)
    retries: Counter[str] = field(default_factory=Counter)

    def count(self, route: str) -> None:
        self.calls[route] += 1

    def retried(self, route: str, reason: str) -> None:
        self.retries[reason] += 1

    @property
    def total(self) -> int:
        return sum(self.calls.values())
