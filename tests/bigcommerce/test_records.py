"""What the client makes of BigCommerce's money, dates, carriers and guests."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest

from chargepilot.domain.money import Money
from chargepilot.domain.orders import OrderStatus
from chargepilot.errors import BigCommerceResponseError
from tests.bigcommerce.conftest import FakeStore, client_for, json_response

pytestmark = pytest.mark.anyio


def order_row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": 501,
        "customer_id": 0,
        "status_id": 2,
        "status": "Shipped",
        "date_created": "Tue, 20 Nov 2012 00:00:00 +0000",
        "date_modified": "Wed, 21 Nov 2012 10:30:00 +0000",
        "date_shipped": "",
        "total_inc_tax": "34.1164",
        "currency_code": "USD",
        "payment_provider_id": "pi_3Abc",
        "billing_address": {"email": "jane.doe@example.com", "first_name": "Jane"},
    }
    return {**row, **changes}


async def order_from(row: dict[str, Any]) -> Any:
    async with client_for(FakeStore({"/v2/orders/501": row})) as client:
        return await client.get_order(501)


@pytest.mark.parametrize(
    ("total", "currency", "minor"),
    [
        ("34.1164", "USD", 3412),
        ("1500.0000", "JPY", 1500),
        ("12.3456", "KWD", 12346),
        ("0.0050", "USD", 1),
    ],
)
async def test_money_becomes_exact_minor_units(
    total: str, currency: str, minor: int
) -> None:
    order = await order_from(order_row(total_inc_tax=total, currency_code=currency))
    assert order.total == Money(minor, currency)


async def test_the_charged_currency_wins_over_the_display_currency() -> None:
    row = order_row(
        total_inc_tax="1500.0000", currency_code="USD", default_currency_code="JPY"
    )
    assert (await order_from(row)).total == Money(1500, "JPY")


async def test_v2_dates_are_aware_and_an_empty_ship_date_is_none() -> None:
    order = await order_from(order_row())
    assert order.created == datetime(2012, 11, 20, tzinfo=UTC)
    assert order.modified == datetime(2012, 11, 21, 10, 30, tzinfo=UTC)
    assert order.shipped_at is None
    assert order.status is OrderStatus.SHIPPED


async def test_a_numeric_payment_id_and_an_ipv6_address_are_kept_as_text() -> None:
    row = order_row(payment_provider_id=123456, ip_address="", ip_address_v6="::1")
    order = await order_from(row)
    assert (order.payment_provider_id, order.ip_address) == ("123456", "::1")


async def test_an_unknown_status_is_a_response_error_not_a_guess() -> None:
    with pytest.raises(BigCommerceResponseError, match="status_id 99"):
        await order_from(order_row(status_id=99))


async def test_a_guest_has_no_customer_lookup_and_no_customer_history() -> None:
    server = FakeStore()
    async with client_for(server) as client:
        assert await client.get_customer(0) is None
        assert (await client.customer_orders(0)).orders == ()
    assert server.requests == []


async def test_orders_by_email_asks_with_the_normalised_email() -> None:
    server = FakeStore({"/v2/orders": [order_row()], "/v2/orders/count": {"count": 1}})
    async with client_for(server) as client:
        found = await client.orders_by_email("  Jane.Doe@Example.COM ")
    assert [o.id for o in found.orders] == [501]
    assert {r.url.params["email"] for r in server.requests} == {"jane.doe@example.com"}


async def test_search_filters_are_sent_as_bigcommerce_reads_them() -> None:
    server = FakeStore({"/v2/orders": [order_row()]})
    async with client_for(server) as client:
        await client.search_orders(
            min_created=datetime(2026, 3, 1, 12, tzinfo=UTC),
            max_created=datetime(2026, 3, 2, 12, tzinfo=UTC),
            min_total=Money(3411, "USD"),
            max_total=Money(3413, "USD"),
            status_id=OrderStatus.SHIPPED,
            sort="date_created:desc",
        )
    params = server.requests[0].url.params
    assert params["min_date_created"] == "2026-03-01T12:00:00+00:00"
    assert (params["min_total"], params["max_total"]) == ("34.11", "34.13")
    assert (params["status_id"], params["sort"]) == ("2", "date_created:desc")
    assert (params["limit"], params["page"]) == ("250", "1")


def shipment_row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": 1,
        "order_address_id": 9,
        "date_created": "Mon, 02 Nov 2026 09:00:00 +0000",
        "tracking_number": "1Z999AA10123456784",
        "shipping_provider": "ups",
        "shipping_provider_display_name": "UPS",
        "tracking_carrier": "ups",
        "tracking_link": "",
        "generated_tracking_link": "https://track.example.test/ups/1Z999",
        "comments": "Delivered 2026-11-04T14:05:00Z, front porch",
        "items": [{"quantity": 2}, {"quantity": 1}],
    }
    return {**row, **changes}


async def shipments_from(*rows: dict[str, Any]) -> Any:
    server = FakeStore({"/v2/orders/501/shipments": list(rows)})
    async with client_for(server) as client:
        return await client.order_shipments(501)


async def test_a_shipment_names_its_carrier_link_and_delivery_scan() -> None:
    (shipment,) = await shipments_from(shipment_row())
    assert shipment.carrier == "UPS"
    assert shipment.tracking_link == "https://track.example.test/ups/1Z999"
    assert shipment.delivered_at == datetime(2026, 11, 4, 14, 5, tzinfo=UTC)
    assert shipment.created == datetime(2026, 11, 2, 9, tzinfo=UTC)
    assert shipment.item_count == 3


async def test_a_carrier_known_only_by_tracking_carrier_gets_its_name() -> None:
    row = shipment_row(
        shipping_provider="",
        shipping_provider_display_name="",
        tracking_carrier="dhl",
        tracking_link="https://dhl.example.test/1",
        comments="In transit",
    )
    (shipment,) = await shipments_from(row)
    assert shipment.carrier == "DHL"
    assert shipment.tracking_link == "https://dhl.example.test/1"
    assert shipment.delivered_at is None


def transaction_row() -> dict[str, Any]:
    return {
        "id": 77,
        "order_id": "501",
        "event": "purchase",
        "method": "credit_card",
        "amount": 34.12,
        "currency": "USD",
        "gateway": "stripe",
        "gateway_transaction_id": "pi_3Abc",
        "status": "ok",
        "date_created": "2026-03-01T12:00:05+00:00",
        "avs_result": {"street_match": "Y", "postal_match": "N"},
        "cvv_result": {"code": "M"},
        "credit_card": {"card_type": "visa", "card_last4": "4242"},
    }


async def test_a_transaction_keeps_amount_card_and_checks() -> None:
    body = {"data": [transaction_row()], "meta": {}}
    server = FakeStore({"/v3/orders/501/transactions": body})
    async with client_for(server) as client:
        (found,) = await client.order_transactions(501)
    assert found.amount == Money(3412, "USD")
    assert found.created == datetime(2026, 3, 1, 12, 0, 5, tzinfo=UTC)
    assert (found.gateway, found.gateway_transaction_id) == ("stripe", "pi_3Abc")
    assert (found.avs_street_match, found.avs_postal_match, found.cvv_code) == (
        "Y",
        "N",
        "M",
    )
    assert (found.card_type, found.card_last4) == ("visa", "4242")


async def test_refunds_take_the_orders_currency_fetching_the_order_once() -> None:
    refunds = {
        "data": [
            {"id": 3, "created": "2026-03-05T08:00:00Z", "total_amount": 5,
             "reason": "damaged"},
        ]
    }  # fmt: skip
    row = order_row(currency_code="EUR")
    coupons = [{"code": "SAVE5", "discount": 5}]
    server = FakeStore({
        "/v2/orders/501": row,
        "/v3/orders/501/payment_actions/refunds": refunds,
        "/v2/orders/501/coupons": coupons,
    })  # fmt: skip
    async with client_for(server) as client, asyncio.TaskGroup() as group:
        found = group.create_task(client.order_refunds(501))
        taken = group.create_task(client.order_coupons(501))
    (refund,) = found.result()
    assert refund.amount == Money(500, "EUR")
    assert refund.created == datetime(2026, 3, 5, 8, tzinfo=UTC)
    assert taken.result()[0].discount == Money(500, "EUR")
    assert server.paths().count("/v2/orders/501") == 1


async def test_an_order_found_by_search_needs_no_second_fetch() -> None:
    server = FakeStore({
        "/v2/orders": [order_row(currency_code="JPY", total_inc_tax="1500")],
        "/v2/orders/count": {"count": 1},
        "/v2/orders/501/products": [
            {"id": 1, "product_id": 2, "quantity": 1, "price_inc_tax": "1500.0000",
             "total_inc_tax": "1500.0000"},
        ],
    })  # fmt: skip
    async with client_for(server) as client:
        found = await client.orders_by_email("jane.doe@example.com")
        (item,) = await client.order_products(found.orders[0].id)
    assert item.unit_price == Money(1500, "JPY")
    assert "/v2/orders/501" not in server.paths()


async def test_a_v3_float_amount_is_read_without_float_error() -> None:
    row = {**transaction_row(), "amount": 0.1 + 0.2}
    server = FakeStore({"/v3/orders/501/transactions": json_response({"data": [row]})})
    async with client_for(server) as client:
        (found,) = await client.order_transactions(501)
    assert found.amount == Money(30, "USD")
