"""The customer's relationship with the store, as the evidence tells it."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from chargepilot.domain.lifetime import customer_lifetime
from chargepilot.domain.money import Money
from chargepilot.domain.orders import Customer, Order, OrderAddress, OrderStatus

DISPUTED_AT = datetime(2026, 3, 14, tzinfo=UTC)
HOME = OrderAddress(
    first_name="Jane",
    last_name="Doe",
    street_1="100 Peach Ave. E #5",
    city="Saint Louis",
    zip="63123",
    country_iso2="US",
)
HOME_AS_TYPED = replace(
    HOME, street_1="100 PEACH AVENUE EAST", street_2="Apt 5", zip="63123-4567"
)
ELSEWHERE = replace(HOME, street_1="9 Elm Street", street_2="", zip="10001")
CUSTOMER = Customer(
    id=42,
    email="jane.doe@example.com",
    first_name="Jane",
    last_name="Doe",
    created=datetime(2023, 1, 5, tzinfo=UTC),
)


def order(
    order_id: int,
    days_before: int,
    cents: int = 5000,
    *,
    currency: str = "USD",
    status: OrderStatus = OrderStatus.COMPLETED,
    billing: OrderAddress = HOME,
    is_deleted: bool = False,
) -> Order:
    return Order(
        id=order_id,
        customer_id=42,
        status=status,
        created=DISPUTED_AT - timedelta(days=days_before),
        total=Money(cents, currency),
        billing=billing,
        is_deleted=is_deleted,
    )


DISPUTED = order(100, 0, 3412)


def test_paid_orders_count_and_add_up_in_the_dispute_currency() -> None:
    history = [
        order(1, 300, 2000),
        order(2, 200, 3000),
        order(3, 100, 9900, currency="EUR"),
        order(4, 50, 7000, status=OrderStatus.CANCELLED),
        order(5, 40, 7000, status=OrderStatus.INCOMPLETE),
        DISPUTED,
    ]

    lifetime = customer_lifetime(DISPUTED, history, CUSTOMER)

    assert lifetime.order_count == 4
    assert lifetime.total_spend == Money(2000 + 3000 + 3412, "USD")
    assert lifetime.other_currency_orders == 1
    assert lifetime.first_order_at == DISPUTED_AT - timedelta(days=300)
    assert lifetime.account_created_at == CUSTOMER.created


def test_the_disputed_order_counts_even_when_history_lacks_it() -> None:
    lifetime = customer_lifetime(DISPUTED, [], None)

    assert lifetime.order_count == 1
    assert lifetime.total_spend == Money(3412, "USD")
    assert lifetime.prior_undisputed == ()
    assert lifetime.account_created_at is None


def test_prior_undisputed_orders_are_earlier_paid_ones_oldest_first() -> None:
    later = order(9, -3)
    disputed_before = order(8, 20, status=OrderStatus.DISPUTED)
    history = [order(2, 10), order(1, 90), later, disputed_before, DISPUTED]

    lifetime = customer_lifetime(DISPUTED, history, CUSTOMER)

    assert [o.id for o in lifetime.prior_undisputed] == [1, 2]


def test_orders_known_to_be_disputed_elsewhere_are_not_offered_as_history() -> None:
    history = [order(1, 90), order(2, 10)]

    lifetime = customer_lifetime(DISPUTED, history, CUSTOMER, disputed_order_ids={2})

    assert [o.id for o in lifetime.prior_undisputed] == [1]


def test_archived_orders_are_left_out() -> None:
    lifetime = customer_lifetime(DISPUTED, [order(1, 90, is_deleted=True)], CUSTOMER)

    assert lifetime.order_count == 1
    assert lifetime.prior_undisputed == ()


def test_earlier_orders_to_the_same_place_count_despite_formatting() -> None:
    history = [
        order(1, 90, billing=ELSEWHERE),
        order(2, 60, billing=ELSEWHERE),
        order(3, 30, billing=HOME_AS_TYPED),
    ]
    shipping = {1: [HOME_AS_TYPED], 2: []}

    lifetime = customer_lifetime(
        DISPUTED, history, CUSTOMER, shipping=[HOME], history_shipping=shipping
    )

    assert lifetime.same_address_orders == 2  # #1 by shipping, #3 by billing


def test_without_shipping_addresses_the_billing_addresses_are_compared() -> None:
    history = [order(1, 90, billing=HOME_AS_TYPED), order(2, 60, billing=ELSEWHERE)]

    lifetime = customer_lifetime(DISPUTED, history, CUSTOMER)

    assert lifetime.same_address_orders == 1


def test_a_different_apartment_is_not_the_same_place() -> None:
    next_door = replace(HOME_AS_TYPED, street_2="Apt 6")

    lifetime = customer_lifetime(DISPUTED, [order(1, 9, billing=next_door)], CUSTOMER)

    assert lifetime.same_address_orders == 0


def test_five_thousand_orders_take_well_under_a_second() -> None:
    streets = [replace(HOME, street_1=f"{n} Elm Street") for n in range(200)]
    history = [
        order(i, 1 + i % 700, billing=streets[i % 200] if i % 3 else HOME_AS_TYPED)
        for i in range(1001, 6001)
    ]

    started = time.perf_counter()
    lifetime = customer_lifetime(DISPUTED, history, CUSTOMER, shipping=[HOME])
    elapsed = time.perf_counter() - started

    assert lifetime.order_count == 5001
    assert lifetime.same_address_orders == len(range(1002, 6001, 3))
    assert elapsed < 1.0
