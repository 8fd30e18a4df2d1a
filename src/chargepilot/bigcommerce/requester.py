"""One GET against a store, paced, retried a bounded number of times, decoded.

Retried: 429 (after the wait the store names, else back-off), 5xx, timeouts
and lost connections. Everything else is final and typed (see responses).
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from chargepilot.bigcommerce.pacing import (
    Backoff,
    RateLimitPacer,
    Sleep,
    throttle_delay,
)
from chargepilot.bigcommerce.responses import decode, request_id
from chargepilot.bigcommerce.results import CallMetrics
from chargepilot.bigcommerce.scopes import Scope
from chargepilot.errors import (
    BigCommerceError,
    BigCommerceRateLimitError,
    BigCommerceUnavailableError,
)

MAX_LIMIT = 250  # BigCommerce answers 413 above this
Params = Mapping[str, str | int]
_NUMBER = re.compile(r"/\d+(?=/|$)")


def route_of(path: str) -> str:
    """A metrics label: "GET /v2/orders/{id}/products"."""
    return "GET " + _NUMBER.sub("/{id}", path)


@dataclass(frozen=True, slots=True)
class Failure:
    """Why an attempt did not produce a final answer, and how long to wait."""

    reason: str  # "429", "503", "timeout", "connection"
    delay: float
    status: int | None = None
    request_id: str | None = None


class Requester:
    """Sends GETs for one client; safe to share between concurrent tasks."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        pacer: RateLimitPacer,
        metrics: CallMetrics,
        sleep: Sleep,
        rng: random.Random,
        backoff: Backoff,
        max_retries: int,
    ) -> None:
        self._http = http
        self._pacer = pacer
        self._metrics = metrics
        self._sleep = sleep
        self._rng = rng
        self._backoff = backoff
        self._max_retries = max_retries

    async def get(
        self, path: str, params: Params | None, scopes: tuple[Scope, ...]
    ) -> Any:
        """The decoded JSON body (None for 204/empty) of GET `path`."""
        check_limit(params)
        route = route_of(path)
        failure: Failure | None = None
        for attempt in range(self._max_retries + 1):
            if failure is not None:
                self._metrics.retried(route, failure.reason)
                await self._sleep(failure.delay)
            await self._pacer.acquire()
            self._metrics.count(route)
            try:
                outcome = await self._attempt(path, params, attempt)
            finally:
                self._pacer.release()
            if isinstance(outcome, httpx.Response):
                return decode(outcome, scopes)
            failure = outcome
        assert failure is not None
        raise exhausted(failure, route, self._max_retries + 1)

    async def _attempt(
        self, path: str, params: Params | None, attempt: int
    ) -> httpx.Response | Failure:
        try:
            response = await self._http.get(path, params=params)
        except httpx.TimeoutException:
            return Failure("timeout", self._backoff.delay(attempt, self._rng))
        except httpx.TransportError:
            return Failure("connection", self._backoff.delay(attempt, self._rng))
        return self._judge(response, attempt)

    def _judge(
        self, response: httpx.Response, attempt: int
    ) -> httpx.Response | Failure:
        status = response.status_code
        rid = request_id(response)
        if status == 429:
            delay = throttle_delay(response.headers)
            if delay is None:
                delay = self._backoff.delay(attempt, self._rng)
            self._pacer.throttled(delay)
            return Failure("429", delay, status, rid)
        if status >= 500:
            delay = self._backoff.delay(attempt, self._rng)
            return Failure(str(status), delay, status, rid)
        self._pacer.observe(response.headers)
        return response


def check_limit(params: Params | None) -> None:
    limit = (params or {}).get("limit")
    if limit is not None and int(limit) > MAX_LIMIT:
        raise ValueError(f"limit {limit} is above BigCommerce's maximum {MAX_LIMIT}")


def exhausted(failure: Failure, route: str, attempts: int) -> BigCommerceError:
    """The error once every retry is spent."""
    if failure.reason == "429":
        return BigCommerceRateLimitError(
            f"the store's API quota stayed exhausted: {route} was throttled "
            f"{attempts} times (HTTP 429); try again later",
            status=429,
            request_id=failure.request_id,
        )
    what = {
        "timeout": "timed out",
        "connection": "could not connect",
    }.get(failure.reason, f"answered HTTP {failure.reason}")
    return BigCommerceUnavailableError(
        f"BigCommerce {what} on {route} {attempts} times in a row",
        status=failure.status,
        request_id=failure.request_id,
    )
