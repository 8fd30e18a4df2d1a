"""Every route's answers validate against the official BigCommerce specs."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.sandbox.bigcommerce.conftest import JSON, v2, v3
from tests.sandbox.bigcommerce.spec import load_spec, schema_errors

pytestmark = pytest.mark.anyio


ROUTES = [
    ("store_information.v2.yml", "/store", v2("/store")),
    ("orders.v2.oas2.yml", "/orders", v2("/orders")),
    ("orders.v2.oas2.yml", "/orders/count", v2("/orders/count")),
    ("orders.v2.oas2.yml", "/orders/{order_id}", v2("/orders/1")),
    ("orders.v2.oas2.yml", "/orders/{order_id}", v2("/orders/3")),
    (
        "orders.v2.oas2.yml",
        "/orders/{order_id}/products",
        v2("/orders/1/products"),
    ),
    (
        "orders.v2.oas2.yml",
        "/orders/{order_id}/shipments",
        v2("/orders/1/shipments"),
    ),
    (
        "orders.v2.oas2.yml",
        "/orders/{order_id}/shipping_addresses",
        v2("/orders/1/shipping_addresses"),
    ),
    ("orders.v2.oas2.yml", "/orders/{order_id}/coupons", v2("/orders/1/coupons")),
    ("orders.v2.oas2.yml", "/order_statuses", v2("/order_statuses")),
    (
        "orders.v3.yml",
        "/orders/{order_id}/transactions",
        v3("/orders/1/transactions"),
    ),
    (
        "orders.v3.yml",
        "/orders/{order_id}/payment_actions/refunds",
        v3("/orders/1/payment_actions/refunds"),
    ),
    (
        "orders.v3.yml",
        "/orders/payment_actions/refunds",
        v3("/orders/payment_actions/refunds?order_id:in=1,2"),
    ),
    ("customers.v3.yml", "/customers", v3("/customers?include=addresses")),
    ("customers.v3.yml", "/customers", v3("/customers")),
    (
        "customers.v3.yml",
        "/customers/addresses",
        v3("/customers/addresses?customer_id:in=1"),
    ),
    ("products_catalog.v3.yml", "/catalog/products", v3("/catalog/products")),
]


@pytest.mark.parametrize(("spec_file", "spec_path", "url"), ROUTES)
async def test_route_answers_match_the_official_schema(
    client: httpx.AsyncClient,
    specs_dir: Path,
    spec_file: str,
    spec_path: str,
    url: str,
) -> None:
    response = await client.get(url, headers=JSON)

    assert response.status_code == 200
    file = specs_dir / "bigcommerce" / spec_file
    errors = list(schema_errors(file, spec_path, response.json()))
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors]


async def test_empty_transactions_answer_204_without_the_body_the_spec_declares(
    client: httpx.AsyncClient, specs_dir: Path
) -> None:
    """Spec fault: orders.v3.yml gives the 204 of /transactions a JSON schema
    ({status, title, type, instance}), but a 204 carries no body (RFC 9110).
    The fake follows HTTP, and this test shows the spec's claim, narrowly."""
    response = await client.get(v3("/orders/2/transactions"), headers=JSON)

    spec = load_spec(specs_dir / "bigcommerce" / "orders.v3.yml")
    declared = spec["paths"]["/orders/{order_id}/transactions"]["get"]["responses"]
    assert "application/json" in declared["204"]["content"]
    assert response.status_code == 204
    assert response.content == b""


async def test_transaction_not_found_matches_the_spec_error_schema(
    client: httpx.AsyncClient, specs_dir: Path
) -> None:
    response = await client.get(v3("/orders/999/transactions"), headers=JSON)

    file = specs_dir / "bigcommerce" / "orders.v3.yml"
    path = "/orders/{order_id}/transactions"
    assert response.status_code == 404
    assert list(schema_errors(file, path, response.json(), status="404")) == []
