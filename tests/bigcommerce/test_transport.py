"""Only GET leaves the client, with the headers BigCommerce needs."""

from __future__ import annotations

import httpx
import pytest

from chargepilot.bigcommerce.transport import ReadOnlyTransport
from chargepilot.errors import ReadOnlyViolationError
from tests.bigcommerce.conftest import HASH, TOKEN, FakeStore, client_for

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
async def test_writes_are_refused_before_reaching_the_server(method: str) -> None:
    server = FakeStore({"/v2/orders": []})
    transport = ReadOnlyTransport(httpx.MockTransport(server))
    async with httpx.AsyncClient(
        transport=transport, base_url="https://bc.test"
    ) as http:
        with pytest.raises(ReadOnlyViolationError, match=f"refused to send {method}"):
            await http.request(method, f"/stores/{HASH}/v2/orders", json={})
    assert server.requests == []


async def test_the_client_cannot_be_talked_into_a_write() -> None:
    server = FakeStore()
    async with client_for(server) as client:
        with pytest.raises(ReadOnlyViolationError):
            await client._http.delete("/v2/orders")
    assert server.requests == []


async def test_every_request_carries_the_token_and_asks_for_json() -> None:
    server = FakeStore({"/v2/orders": httpx.Response(204)})
    async with client_for(server) as client:
        await client.search_orders(customer_id=4)
    sent = server.requests[0]
    assert sent.method == "GET"
    assert sent.headers["X-Auth-Token"] == TOKEN
    assert sent.headers["Accept"] == "application/json"
    assert sent.url.path == f"/stores/{HASH}/v2/orders"


async def test_the_token_never_shows_in_reprs() -> None:
    async with client_for(FakeStore()) as client:
        parts = (client, client.__dict__, client._http.auth, client._http.headers)
        shown = " ".join(repr(part) for part in parts)
    assert TOKEN not in shown
