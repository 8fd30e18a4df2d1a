"""Tokens, scopes, store hashes and methods, answered as the platform does."""

from __future__ import annotations

import httpx
import pytest

from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.controls import SandboxControls
from tests.sandbox.bigcommerce.conftest import (
    FULL_ORDERS,
    JSON,
    ORDERS_ONLY,
    TOKEN,
    make_store,
    v2,
    v3,
)

pytestmark = pytest.mark.anyio


def as_token(token: str) -> dict[str, str]:
    return {"X-Auth-Token": token, "Accept": "application/json"}


async def test_a_v2_request_without_a_token_is_refused_with_401_in_the_v2_shape(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v2("/orders"), headers={"Accept": "application/json"})

    assert response.status_code == 401
    assert response.json() == [
        {"status": 401, "message": "No credentials were supplied."}
    ]


async def test_a_v3_request_with_an_unknown_token_is_refused_with_401_in_the_v3_shape(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v3("/customers"), headers=as_token("nope"))

    body = response.json()
    assert response.status_code == 401
    assert (body["status"], body["title"]) == (401, "Invalid credentials.")
    assert "x-rate-limit-requests-left" not in response.headers


async def test_a_token_without_the_customers_scope_gets_403_on_customers(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v3("/customers"), headers=as_token(ORDERS_ONLY))

    assert response.status_code == 403
    assert response.json()["title"] == (
        "You don't have a required scope to access the endpoint"
    )


@pytest.mark.parametrize(
    "path",
    [
        v2("/store"),
        v3("/orders/1/transactions"),
        v3("/catalog/products"),
        v3("/customers/addresses"),
    ],
)
async def test_an_orders_only_token_is_refused_outside_its_scope(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path, headers=as_token(ORDERS_ONLY))

    assert response.status_code == 403


@pytest.mark.parametrize(
    "path",
    [v2("/orders"), v2("/orders/1/shipments"), v3("/orders/1/payment_actions/refunds")],
)
async def test_an_orders_only_token_reads_orders_and_their_refunds(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path, headers=as_token(ORDERS_ONLY))

    assert response.status_code == 200


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
async def test_a_read_only_token_gets_403_on_every_write(
    client: httpx.AsyncClient, method: str
) -> None:
    response = await client.request(method, v2("/orders/1"), headers=as_token(TOKEN))

    assert response.status_code == 403


async def test_a_write_scope_passes_the_gate_but_the_sandbox_has_no_writes(
    client: httpx.AsyncClient,
) -> None:
    response = await client.delete(v2("/orders/1"), headers=as_token(FULL_ORDERS))

    assert response.status_code == 405


async def test_an_unknown_store_hash_answers_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/stores/zzz999/v2/orders", headers=JSON)

    assert response.status_code == 404


async def test_a_token_of_another_store_answers_403() -> None:
    first, second = make_store("aaa111"), make_store("bbb222")
    second.accounts[0].access_token = "tok-of-b"
    app = create_bigcommerce_app([first, second], SandboxControls())
    transport = httpx.ASGITransport(app=app)

    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get(
            "/stores/aaa111/v2/orders", headers=as_token("tok-of-b")
        )

    assert response.status_code == 403


async def test_a_trailing_slash_on_a_v3_path_answers_403(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v3("/customers/"), headers=JSON)

    assert response.status_code == 403
    assert response.json()["title"] == "Authentication Required"


async def test_an_unknown_route_under_a_known_store_answers_404(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(v2("/blog/posts"), headers=JSON)

    assert response.status_code == 404
