"""The customer's whole relationship with the store, for the evidence.

Issuers weigh a long, undisputed history at the same address (Visa's
Compelling Evidence 3.0 asks for exactly that). A customer can have
thousands of orders, so everything here is one pass over the history; each
distinct address is normalised once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime

from chargepilot.domain.addresses import from_store, same_place
from chargepilot.domain.case import CustomerLifetime
from chargepilot.domain.money import Money
from chargepilot.domain.orders import Customer, Order, OrderAddress, OrderStatus


def customer_lifetime(
    disputed: Order,
    history: Sequence[Order],
    customer: Customer | None,
    *,
    shipping: Sequence[OrderAddress] = (),
    history_shipping: Mapping[int, Sequence[OrderAddress]] | None = None,
    disputed_order_ids: Collection[int] = (),
) -> CustomerLifetime:
    """Count, spend, first order, account age and earlier orders to one place.

    Only paid orders count, and archived ones do not (the merchant hid them).
    The disputed order always counts: its charge is why we are here. Spend is
    in the disputed order's currency; orders in other currencies are counted
    apart. Earlier orders whose shipping addresses are unknown are compared by
    their billing address. `disputed_order_ids` names other orders known to
    be disputed, so they are not offered as undisputed history.
    """
    orders = paid_orders(disputed, history)
    currency = disputed.total.currency
    spend = [o.total.amount for o in orders if o.total.currency == currency]
    prior = _prior(disputed, orders, disputed_order_ids)
    place = SamePlace(shipping or (disputed.billing,))
    known = history_shipping or {}
    same = sum(1 for o in prior if place.any_of(known.get(o.id) or (o.billing,)))
    return CustomerLifetime(
        order_count=len(orders),
        total_spend=Money(sum(spend), currency),
        first_order_at=min((_utc(o.created) for o in orders), default=None),
        account_created_at=customer.created if customer else None,
        prior_undisputed=prior,
        same_address_orders=same,
        other_currency_orders=len(orders) - len(spend),
    )


def paid_orders(disputed: Order, history: Iterable[Order]) -> list[Order]:
    """Paid, live orders once each by id, the disputed order included."""
    found = {o.id: o for o in history if o.status.is_paid and not o.is_deleted}
    found[disputed.id] = disputed
    return list(found.values())


class SamePlace:
    """Answers "shipped to one of these places?" once per distinct address."""

    def __init__(self, targets: Iterable[OrderAddress]) -> None:
        self._targets = [from_store(a) for a in targets]
        self._seen: dict[OrderAddress, bool] = {}

    def any_of(self, addresses: Iterable[OrderAddress]) -> bool:
        return any(self._check(a) for a in addresses)

    def _check(self, address: OrderAddress) -> bool:
        found = self._seen.get(address)
        if found is None:
            place = from_store(address)
            found = any(same_place(place, t) for t in self._targets)
            self._seen[address] = found
        return found


def _prior(
    disputed: Order, orders: Iterable[Order], disputed_ids: Collection[int]
) -> tuple[Order, ...]:
    """Paid orders placed before the disputed one and never disputed."""
    cutoff = _utc(disputed.created)
    skip = {disputed.id, *disputed_ids}
    earlier = (
        o
        for o in orders
        if o.id not in skip
        and o.status is not OrderStatus.DISPUTED
        and _utc(o.created) < cutoff
    )
    return tuple(sorted(earlier, key=lambda o: (_utc(o.created), o.id)))


def _utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC so that comparisons never raise."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
