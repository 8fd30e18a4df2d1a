"""Latency, faults and the request log, switched at run time."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.controls import (
    Fault,
    FaultKind,
    Latency,
    SandboxControls,
)
from chargepilot.sandbox.server import serve_in_thread
from tests.sandbox.bigcommerce.conftest import HASH, JSON, make_store, v2, v3

pytestmark = pytest.mark.anyio


class RecordedSleep:
    """An async sleep that only writes down how long it was asked to wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


async def test_a_server_error_fault_answers_its_status(
    client: httpx.AsyncClient, controls: SandboxControls
) -> None:
    controls.add_fault(Fault(FaultKind.SERVER_ERROR, route="*/v2/orders", status=503))

    faulted = await client.get(v2("/orders"), headers=JSON)
    untouched = await client.get(v2("/orders/1"), headers=JSON)

    assert faulted.status_code == 503
    assert untouched.status_code == 200


async def test_a_throttle_fault_answers_429_without_rate_limit_headers(
    client: httpx.AsyncClient, controls: SandboxControls
) -> None:
    controls.add_fault(Fault(FaultKind.THROTTLED))

    response = await client.get(v2("/orders"), headers=JSON)

    assert response.status_code == 429
    assert not [name for name in response.headers if name.startswith("x-rate-limit")]
    assert "x-retry-after" not in response.headers


async def test_a_malformed_json_fault_cuts_the_real_body_in_half(
    client: httpx.AsyncClient, controls: SandboxControls
) -> None:
    whole = await client.get(v2("/orders/1"), headers=JSON)
    controls.add_fault(Fault(FaultKind.MALFORMED_JSON, route="*/orders/1"))

    broken = await client.get(v2("/orders/1"), headers=JSON)

    assert broken.status_code == 200
    assert broken.headers["content-type"] == "application/json"
    assert whole.content.startswith(broken.content)
    with pytest.raises(json.JSONDecodeError):
        broken.json()


async def test_a_timeout_fault_answers_504_after_its_bounded_hang() -> None:
    sleep = RecordedSleep()
    controls = SandboxControls(sleep=sleep, max_hang_seconds=2.0)
    controls.add_fault(Fault(FaultKind.TIMEOUT, hang_seconds=60))
    transport = httpx.ASGITransport(
        app=create_bigcommerce_app([make_store()], controls)
    )

    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get(v2("/orders"), headers=JSON)

    assert response.status_code == 504
    assert sleep.waits == [2.0]


async def test_faults_match_by_method_and_fire_a_limited_number_of_times(
    client: httpx.AsyncClient, controls: SandboxControls
) -> None:
    controls.add_fault(Fault(FaultKind.SERVER_ERROR, method="GET", times=2))

    statuses = [
        (await client.get(v2("/orders"), headers=JSON)).status_code for _ in range(3)
    ]

    assert statuses == [500, 500, 200]


async def test_fault_probability_follows_the_seed(store: object) -> None:
    def outcomes(seed: int) -> list[bool]:
        controls = SandboxControls(seed=seed)
        controls.add_fault(Fault(FaultKind.SERVER_ERROR, probability=0.3))
        return [controls.pick_fault("GET", "/x") is not None for _ in range(200)]

    first, again, other = outcomes(1), outcomes(1), outcomes(2)

    assert first == again
    assert first != other
    assert 40 <= sum(first) <= 80


async def test_faults_can_be_cleared_between_runs(
    client: httpx.AsyncClient, controls: SandboxControls
) -> None:
    controls.add_fault(Fault(FaultKind.SERVER_ERROR))
    assert (await client.get(v2("/orders"), headers=JSON)).status_code == 500

    controls.clear_faults()

    assert (await client.get(v2("/orders"), headers=JSON)).status_code == 200


async def test_uniform_latency_stays_within_its_bounds() -> None:
    sleep = RecordedSleep()
    controls = SandboxControls(seed=3, sleep=sleep, latency=Latency(0.05, 0.2))
    transport = httpx.ASGITransport(
        app=create_bigcommerce_app([make_store()], controls)
    )

    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        for _ in range(50):
            await client.get(v2("/orders"), headers=JSON)

    assert len(sleep.waits) == 50
    assert all(0.05 <= wait <= 0.2 for wait in sleep.waits)
    assert max(sleep.waits) - min(sleep.waits) > 0.05


async def test_fixed_latency_really_delays_each_answer(
    client: httpx.AsyncClient, controls: SandboxControls
) -> None:
    controls.set_latency(0.05)

    started = time.perf_counter()
    await client.get(v2("/orders"), headers=JSON)
    elapsed = time.perf_counter() - started

    assert 0.05 <= elapsed < 1.0
    assert controls.log.entries[-1].delay == 0.05


def test_latency_refuses_bounds_that_cross() -> None:
    with pytest.raises(ValueError, match="bad latency"):
        Latency(0.2, 0.1)


async def test_the_request_log_counts_per_store_and_route_until_reset(
    client: httpx.AsyncClient, controls: SandboxControls
) -> None:
    for path in (v2("/orders/1"), v2("/orders/2"), v3("/customers"), v2("/orders/1")):
        await client.get(path, headers=JSON)
    await client.get("/stores/other9/v2/orders", headers=JSON)

    by_route = controls.log.by_route(HASH)
    counted = (controls.log.count(store=HASH), controls.log.by_store()["other9"])
    controls.reset()

    assert counted == (4, 1)
    assert by_route == {"GET /v2/orders/{id}": 3, "GET /v3/customers": 1}
    assert controls.log.count() == 0


@pytest.fixture
def served(controls: SandboxControls) -> Iterator[str]:
    with serve_in_thread(create_bigcommerce_app([make_store()], controls)) as base:
        yield base


def test_a_connection_reset_fault_drops_the_connection_mid_answer(
    served: str, controls: SandboxControls
) -> None:
    controls.add_fault(Fault(FaultKind.CONNECTION_RESET, times=1))

    with httpx.Client(base_url=served, timeout=5) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            client.get(v2("/orders"), headers=JSON)
        after = client.get(v2("/orders"), headers=JSON)

    assert after.status_code == 200


def test_a_timeout_fault_makes_a_real_client_time_out(
    served: str, controls: SandboxControls
) -> None:
    controls.add_fault(Fault(FaultKind.TIMEOUT, hang_seconds=5, times=1))

    with httpx.Client(base_url=served, timeout=0.3) as client:
        started = time.perf_counter()
        with pytest.raises(httpx.ReadTimeout):
            client.get(v2("/orders"), headers=JSON)

    assert time.perf_counter() - started < 2
