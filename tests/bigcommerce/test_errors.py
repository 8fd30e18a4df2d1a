"""BigCommerce's refusals become typed errors that name the cause."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from chargepilot.bigcommerce.client import BigCommerceClient
from chargepilot.bigcommerce.scopes import Scope
from chargepilot.errors import (
    BigCommerceAuthError,
    BigCommerceError,
    BigCommerceNotFoundError,
    BigCommerceScopeError,
    UnexpectedContentTypeError,
)
from tests.bigcommerce.conftest import TOKEN, FakeStore, client_for, json_response

pytestmark = pytest.mark.anyio
NO_SCOPE = [{"status": 403, "message": "You don't have a required scope"}]
Call = Callable[[BigCommerceClient], Awaitable[object]]

ROUTES: list[tuple[str, Call, Scope]] = [
    ("/v2/store", lambda c: c.get_store(), Scope.INFORMATION),
    ("/v2/orders/5", lambda c: c.get_order(5), Scope.ORDERS),
    ("/v2/orders/5/shipments", lambda c: c.order_shipments(5), Scope.ORDERS),
    (
        "/v3/orders/5/transactions",
        lambda c: c.order_transactions(5),
        Scope.TRANSACTIONS,
    ),
    ("/v3/customers", lambda c: c.get_customer(5), Scope.CUSTOMERS),
    ("/v3/catalog/products", lambda c: c.products([1]), Scope.PRODUCTS),
]


async def test_a_rejected_token_is_an_auth_error_without_the_token() -> None:
    server = FakeStore({"/v2/orders/5": json_response(
        [{"status": 401, "message": f"bad token {TOKEN}"}], 401,
        **{"X-Request-Id": "req-41"},
    )})  # fmt: skip
    async with client_for(server) as client:
        with pytest.raises(BigCommerceAuthError) as caught:
            await client.get_order(5)
    error = caught.value
    assert "token rejected" in error.user_message
    assert (error.status, error.request_id) == (401, "req-41")
    assert TOKEN not in f"{error} {error.user_message} {error!r}"


@pytest.mark.parametrize(("path", "call", "scope"), ROUTES, ids=[r[0] for r in ROUTES])
async def test_a_403_names_the_scope_the_route_needs(
    path: str, call: Call, scope: Scope
) -> None:
    server = FakeStore({path: json_response(NO_SCOPE, 403)})
    async with client_for(server) as client:
        with pytest.raises(BigCommerceScopeError) as caught:
            await call(client)
    assert caught.value.scope == scope.value
    assert scope.value in caught.value.user_message
    assert caught.value.status == 403


async def test_refunds_name_either_scope_that_grants_them() -> None:
    server = FakeStore({"/v3/orders/5/payment_actions/refunds": json_response(
        {"status": 403, "title": "You don't have a required scope"}, 403
    )})  # fmt: skip
    async with client_for(server) as client:
        with pytest.raises(BigCommerceScopeError, match="orders_read_only or"):
            await client.order_refunds(5, currency="USD")


async def test_a_missing_order_is_a_typed_not_found() -> None:
    async with client_for(FakeStore()) as client:
        with pytest.raises(BigCommerceNotFoundError, match="order 404 not found"):
            await client.get_order(404)


async def test_xml_is_a_typed_content_type_error() -> None:
    xml = b'<?xml version="1.0" encoding="UTF-8"?><order><id>123</id></order>'
    server = FakeStore({"/v2/orders/123": httpx.Response(
        200, content=xml, headers={"Content-Type": "application/xml"}
    )})  # fmt: skip
    async with client_for(server) as client:
        with pytest.raises(UnexpectedContentTypeError, match="application/xml"):
            await client.get_order(123)


async def test_other_client_errors_carry_the_vendors_words() -> None:
    body = {"status": 422, "title": "Invalid filter"}
    server = FakeStore({"/v2/orders": json_response(body, 422)})
    async with client_for(server) as client:
        with pytest.raises(BigCommerceError, match=r"422.*Invalid filter") as caught:
            await client.search_orders(email="x@example.test")
    assert type(caught.value) is BigCommerceError
