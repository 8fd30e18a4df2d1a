"""The PyPI `bigcommerce` client, a foreign reader, gets what it expects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bigcommerce.api import BigcommerceApi
from bigcommerce.connection import OAuthConnection

from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.bigcommerce.models import Store
from chargepilot.sandbox.controls import SandboxControls
from chargepilot.sandbox.server import serve_in_thread
from tests.sandbox.bigcommerce.conftest import HASH, TOKEN


class LoopbackConnection(OAuthConnection):  # type: ignore[misc]
    """The client's OAuth connection, sent over plain http to the fake."""

    def full_path(self, url: str) -> str:
        return "http://" + self.host + self.api_path.format(self.store_hash, url)


@pytest.fixture
def api(store: Store, controls: SandboxControls) -> Iterator[BigcommerceApi]:
    with serve_in_thread(create_bigcommerce_app([store], controls)) as base:
        client = BigcommerceApi(
            client_id="client-1", store_hash=HASH, access_token=TOKEN
        )
        client.connection = LoopbackConnection(
            "client-1", HASH, TOKEN, host=base.removeprefix("http://")
        )
        yield client


def test_the_client_lists_orders_page_by_page(api: BigcommerceApi) -> None:
    orders: list[Any] = api.Orders.all(limit=2)
    everything = list(api.Orders.iterall())  # pages of 250 until a 204

    assert [order.id for order in orders] == [1, 2]
    assert [order.id for order in everything] == [1, 2, 3, 6]
    assert orders[0].total_inc_tax == "34.1164"


def test_the_client_reads_one_order_and_its_shipments(api: BigcommerceApi) -> None:
    order = api.Orders.get(1)
    shipments = order.shipments()

    assert order.payment_provider_id == "pi_1"
    assert [s.tracking_number for s in shipments] == ["1Z999AA10123456784"]


def test_the_client_survives_a_204_for_an_order_without_shipments(
    api: BigcommerceApi,
) -> None:
    shipments = api.Orders.get(2).shipments()

    # The client turns an empty 204 into one empty resource, not a list.
    assert not isinstance(shipments, list)
    assert "tracking_number" not in shipments


def test_the_client_reads_the_rate_limit_headers(api: BigcommerceApi) -> None:
    api.Orders.get(1)

    assert api.connection.rate_limit["requests_quota"] == 150
    assert api.connection.rate_limit["requests_remaining"] == 149
