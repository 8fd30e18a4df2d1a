"""A fake clock and a scripted BigCommerce for the client's tests."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from chargepilot.bigcommerce.client import BigCommerceClient

HASH = "abc123"
TOKEN = "tok-secret-7f3a9c"
BASE = "https://bc.test"
Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class FakeTime:
    """A monotonic clock that only moves when the client sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


class FakeStore:
    """Answers by path (below /stores/{hash}) and keeps every request."""

    def __init__(self, routes: dict[str, Any] | None = None) -> None:
        self.routes: dict[str, Any] = dict(routes or {})
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path.removeprefix(f"/stores/{HASH}")
        answer = self.routes.get(path, httpx.Response(404, json=[{"status": 404}]))
        if callable(answer):
            return answer(request)
        if isinstance(answer, httpx.Response):
            return answer
        return json_response(answer)

    def paths(self) -> list[str]:
        return [r.url.path.removeprefix(f"/stores/{HASH}") for r in self.requests]


def json_response(body: Any, status: int = 200, **headers: str) -> httpx.Response:
    """JSON the way BigCommerce sends it (Decimal-free, plain text)."""
    return httpx.Response(
        status,
        content=json.dumps(body, default=str).encode(),
        headers={"Content-Type": "application/json", **headers},
    )


def client_for(
    handler: Handler, clock: FakeTime | None = None, **options: Any
) -> BigCommerceClient:
    clock = clock or FakeTime()
    options.setdefault("transport", httpx.MockTransport(handler))
    return BigCommerceClient(
        HASH,
        TOKEN,
        base_url=BASE,
        sleep=clock.sleep,
        clock=clock,
        rng=random.Random(7),
        **options,
    )


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()
