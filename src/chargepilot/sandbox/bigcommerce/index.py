"""Lookup tables that keep filtered order pages cheap on big stores."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from chargepilot.sandbox.bigcommerce.models import Customer, Order, Store


@dataclass
class StoreIndex:
    """Order ids by customer and by email, in id order; customers by email.

    Built from a store's dictionaries and rebuilt when their sizes change
    (the scenario generator may add orders after the app is created).
    """

    store: Store
    order_ids: list[int] = field(default_factory=list)
    by_customer: dict[int, list[int]] = field(default_factory=dict)
    by_email: dict[str, list[int]] = field(default_factory=dict)
    customers_by_email: dict[str, list[int]] = field(default_factory=dict)
    _sizes: tuple[int, int] = (-1, -1)

    def refresh(self) -> StoreIndex:
        sizes = (len(self.store.orders), len(self.store.customers))
        if sizes != self._sizes:
            self._build()
            self._sizes = sizes
        return self

    def _build(self) -> None:
        self.order_ids = sorted(self.store.orders)
        by_customer: defaultdict[int, list[int]] = defaultdict(list)
        by_email: defaultdict[str, list[int]] = defaultdict(list)
        for order_id in self.order_ids:
            order = self.store.orders[order_id]
            by_customer[order.customer_id].append(order_id)
            by_email[email_key(_order_email(self.store, order))].append(order_id)
        self.by_customer = dict(by_customer)
        self.by_email = dict(by_email)
        self.customers_by_email = _customers_by_email(self.store.customers.values())

    def orders_for(
        self, customer_id: int | None = None, email: str | None = None
    ) -> list[Order]:
        """Orders narrowed by the cheapest index that applies, in id order."""
        ids = self.order_ids
        if customer_id is not None:
            ids = self.by_customer.get(customer_id, [])
        if email is not None:
            by_email = self.by_email.get(email_key(email), [])
            ids = by_email if ids is self.order_ids else _intersect(ids, by_email)
        return [self.store.orders[order_id] for order_id in ids]


def _order_email(store: Store, order: Order) -> str:
    """The email an order is searched by: billing email, else the customer's."""
    if order.billing_email:
        return order.billing_email
    owner = store.customers.get(order.customer_id)
    return owner.email if owner else ""


def email_key(email: str) -> str:
    """How emails are compared: trimmed and case-folded."""
    # The platform's database compares emails without regard to case.
    return email.strip().casefold()


def _intersect(left: list[int], right: list[int]) -> list[int]:
    wanted = set(right)
    return [item for item in left if item in wanted]


def _customers_by_email(customers: Iterable[Customer]) -> dict[str, list[int]]:
    table: defaultdict[str, list[int]] = defaultdict(list)
    for customer in customers:
        table[email_key(customer.email)].append(customer.id)
    return dict(table)
