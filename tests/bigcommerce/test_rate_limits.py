"""B07: throttling is waited out, never hammered; failures retried, boundedly."""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import Iterator

import httpx
import pytest

from chargepilot.bigcommerce.pacing import Backoff, RateLimitPacer, throttle_delay
from chargepilot.bigcommerce.results import ApiCallCounter
from chargepilot.errors import (
    BigCommerceRateLimitError,
    BigCommerceUnavailableError,
)
from tests.bigcommerce.conftest import FakeStore, FakeTime, client_for, json_response

pytestmark = pytest.mark.anyio
SHIPMENTS = "/v2/orders/7/shipments"
THROTTLED = {
    "X-Rate-Limit-Time-Reset-Ms": "15000",
    "X-Rate-Limit-Requests-Left": "0",
    "X-Rate-Limit-Requests-Quota": "150",
    "X-Rate-Limit-Time-Window-Ms": "30000",
}


def answers(*responses: httpx.Response) -> Iterator[httpx.Response]:
    return iter(responses)


def scripted(*responses: httpx.Response) -> FakeStore:
    queue = answers(*responses)
    return FakeStore({SHIPMENTS: lambda request: next(queue)})


def ok(**headers: str) -> httpx.Response:
    return json_response([], **headers)


async def test_a_429_waits_as_long_as_the_reset_header_says(clock: FakeTime) -> None:
    lower = {k.lower(): v for k, v in THROTTLED.items()}
    server = scripted(httpx.Response(429, headers=lower), ok())
    async with client_for(server, clock) as client:
        assert await client.order_shipments(7) == ()
    assert clock.sleeps == [15.0]
    assert len(server.requests) == 2


async def test_a_429_without_headers_backs_off_exponentially(clock: FakeTime) -> None:
    server = scripted(*[httpx.Response(429)] * 4, ok())
    async with client_for(server, clock) as client:
        await client.order_shipments(7)
    assert len(clock.sleeps) == 4
    for attempt, delay in enumerate(clock.sleeps):
        assert 2**attempt <= delay <= 2**attempt * 1.25


@pytest.mark.parametrize("reset", ["", "soon", "NaN", "inf", "-5", "0"])
async def test_an_unusable_reset_header_never_means_no_wait(
    clock: FakeTime, reset: str
) -> None:
    server = scripted(
        httpx.Response(429, headers={"X-Rate-Limit-Time-Reset-Ms": reset}), ok()
    )
    async with client_for(server, clock) as client:
        await client.order_shipments(7)
    assert len(clock.sleeps) == 1
    assert 1.0 <= clock.sleeps[0] <= 1.25


def test_backoff_is_capped_at_thirty_seconds_and_never_zero() -> None:
    rng, backoff = random.Random(3), Backoff()
    delays = [backoff.delay(attempt, rng) for attempt in range(40)]
    assert all(0 < d <= 30 and math.isfinite(d) for d in delays)
    assert delays[-1] == 30
    assert throttle_delay({}) is None


async def test_throttling_that_never_ends_is_a_rate_limit_error(
    clock: FakeTime,
) -> None:
    server = FakeStore({SHIPMENTS: httpx.Response(429, headers=THROTTLED)})
    async with client_for(server, clock, max_retries=3) as client:
        with pytest.raises(BigCommerceRateLimitError, match="quota") as caught:
            await client.order_shipments(7)
    assert caught.value.status == 429
    assert len(server.requests) == 4
    assert clock.sleeps == [15.0, 15.0, 15.0]


async def test_one_request_left_slows_the_next_one_down(clock: FakeTime) -> None:
    nearly_out = {**THROTTLED, "X-Rate-Limit-Requests-Left": "1"}
    server = FakeStore({SHIPMENTS: ok(**nearly_out)})
    async with client_for(server, clock) as client:
        await client.order_shipments(7)
        assert clock.sleeps == []
        await client.order_shipments(7)
    assert len(clock.sleeps) == 1
    assert 0 < clock.sleeps[0] <= 15.0


async def test_a_burst_is_spread_over_the_window_and_stays_in_quota(
    clock: FakeTime,
) -> None:
    """Ten concurrent lookups against a store with five requests left."""
    window = {"quota": 150, "left": 5, "reset_at": clock.now + 10}

    def answer(request: httpx.Request) -> httpx.Response:
        if clock.now >= window["reset_at"]:
            window.update(left=150, reset_at=clock.now + 30)
        if window["left"] <= 0:
            return httpx.Response(429)
        window["left"] -= 1
        reset_ms = int((window["reset_at"] - clock.now) * 1000)
        return ok(**{
            "X-Rate-Limit-Requests-Left": str(window["left"]),
            "X-Rate-Limit-Requests-Quota": "150",
            "X-Rate-Limit-Time-Reset-Ms": str(reset_ms),
            "X-Rate-Limit-Time-Window-Ms": "30000",
        })  # fmt: skip

    server, counter = FakeStore({SHIPMENTS: answer}), ApiCallCounter()
    async with client_for(server, clock, metrics=counter) as client:
        await client.order_shipments(7)  # learn the quota
        async with asyncio.TaskGroup() as group:
            for _ in range(10):
                group.create_task(client.order_shipments(7))
    assert counter.retries["429"] == 0
    assert counter.total == len(server.requests) == 11
    assert sum(clock.sleeps) >= 10 - 1e-9  # waited for the window to turn


async def test_clients_of_one_store_can_share_a_pacer(clock: FakeTime) -> None:
    pacer = RateLimitPacer(clock=clock, sleep=clock.sleep)
    server = FakeStore(
        {SHIPMENTS: ok(**{**THROTTLED, "X-Rate-Limit-Requests-Left": "1"})}
    )
    async with (
        client_for(server, clock, pacer=pacer) as first,
        client_for(server, clock, pacer=pacer) as second,
    ):
        await first.order_shipments(7)
        await second.order_shipments(7)
    assert len(clock.sleeps) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_retried(clock: FakeTime, status: int) -> None:
    server = scripted(httpx.Response(status), httpx.Response(status), ok())
    async with client_for(server, clock) as client:
        assert await client.order_shipments(7) == ()
    assert len(server.requests) == 3
    assert len(clock.sleeps) == 2


async def test_server_errors_that_persist_give_up_after_the_retry_budget(
    clock: FakeTime,
) -> None:
    server = FakeStore({SHIPMENTS: httpx.Response(503, headers={"X-Request-Id": "r9"})})
    async with client_for(server, clock, max_retries=2) as client:
        with pytest.raises(
            BigCommerceUnavailableError, match=r"503.*3 times"
        ) as caught:
            await client.order_shipments(7)
    assert (caught.value.status, caught.value.request_id) == (503, "r9")
    assert len(server.requests) == 3


@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("slow"), httpx.ConnectError("refused")],
    ids=["timeout", "connection"],
)
async def test_timeouts_and_lost_connections_are_retried_a_bounded_number_of_times(
    clock: FakeTime, failure: Exception
) -> None:
    calls: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise failure

    async with client_for(
        FakeStore({SHIPMENTS: answer}), clock, max_retries=3
    ) as client:
        with pytest.raises(BigCommerceUnavailableError, match="4 times"):
            await client.order_shipments(7)
    assert len(calls) == 4
    assert len(clock.sleeps) == 3


async def test_a_timeout_then_an_answer_succeeds(clock: FakeTime) -> None:
    replies: list[httpx.Response | Exception] = [httpx.ReadTimeout("slow"), ok()]

    def answer(request: httpx.Request) -> httpx.Response:
        reply = replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    counter = ApiCallCounter()
    server = FakeStore({SHIPMENTS: answer})
    async with client_for(server, clock, metrics=counter) as client:
        assert await client.order_shipments(7) == ()
    assert counter.calls["GET /v2/orders/{id}/shipments"] == 2
    assert counter.retries["timeout"] == 1
