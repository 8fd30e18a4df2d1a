"""The per-store quota: headers on every answer, 429 past it, a fresh window."""

from __future__ import annotations

import httpx
import pytest

from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.controls import SandboxControls
from tests.sandbox.bigcommerce.conftest import JSON, FakeClock, make_store, v2

pytestmark = pytest.mark.anyio
HEADERS = (
    "x-rate-limit-time-window-ms",
    "x-rate-limit-time-reset-ms",
    "x-rate-limit-requests-quota",
    "x-rate-limit-requests-left",
)


def quota_of(response: httpx.Response) -> tuple[int, ...]:
    return tuple(int(response.headers[name]) for name in HEADERS)


@pytest.mark.parametrize(
    "path", [v2("/orders"), v2("/orders?email=none@x.test"), v2("/orders/999")]
)
async def test_every_answer_carries_the_four_rate_limit_headers(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path, headers=JSON)

    assert quota_of(response) == (30_000, 30_000, 150, 149)


async def test_past_the_quota_the_store_answers_429_until_the_window_resets(
    client: httpx.AsyncClient, controls: SandboxControls, clock: FakeClock
) -> None:
    controls.set_rate_limit(quota=3, window_ms=30_000)

    lefts = []
    for _ in range(3):
        lefts.append(
            (await client.get(v2("/orders"), headers=JSON)).headers[HEADERS[3]]
        )
        clock.advance(1)
    throttled = await client.get(v2("/orders"), headers=JSON)
    clock.advance(27)
    fresh = await client.get(v2("/orders"), headers=JSON)

    assert lefts == ["2", "1", "0"]
    assert throttled.status_code == 429
    assert quota_of(throttled) == (30_000, 27_000, 3, 0)
    assert throttled.headers["x-retry-after"] == "27"
    assert throttled.json() == [{"status": 429, "message": "Too many requests."}]
    assert fresh.status_code == 200
    assert quota_of(fresh)[3] == 2


async def test_each_store_has_its_own_quota(clock: FakeClock) -> None:
    controls = SandboxControls(clock=clock)
    controls.set_rate_limit(quota=1)
    app = create_bigcommerce_app([make_store("aaa111"), make_store("bbb222")], controls)
    transport = httpx.ASGITransport(app=app)

    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        first = await client.get("/stores/aaa111/v2/orders", headers=JSON)
        other = await client.get("/stores/bbb222/v2/orders", headers=JSON)
        again = await client.get("/stores/aaa111/v2/orders", headers=JSON)

    assert [first.status_code, other.status_code, again.status_code] == [200, 200, 429]


async def test_a_disabled_limit_still_reports_headers_but_never_throttles(
    client: httpx.AsyncClient, controls: SandboxControls
) -> None:
    controls.set_rate_limit(quota=1, enabled=False)

    statuses = [
        (await client.get(v2("/orders"), headers=JSON)).status_code for _ in range(3)
    ]

    assert statuses == [200, 200, 200]


async def test_the_default_quota_is_150_per_30_seconds() -> None:
    controls = SandboxControls()

    assert (controls.rate_limit.quota, controls.rate_limit.window_ms) == (150, 30_000)
