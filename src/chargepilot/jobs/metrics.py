"""API calls and sequential round trips per dispute.

A round trip is one step of the longest chain of requests that had to wait
for each other. Each asyncio task carries its own chain depth in a context
variable; calls made in parallel tasks share a depth, calls made one after
another add up. After a fan-out, `join()` lifts the caller to the deepest
branch so the next sequential call counts from there.
"""

from __future__ import annotations

import contextvars
from collections import Counter
from dataclasses import dataclass, field

import httpx

_depth: contextvars.ContextVar[int] = contextvars.ContextVar("depth", default=0)
_meter: contextvars.ContextVar[Meter | None] = contextvars.ContextVar(
    "meter", default=None
)


@dataclass
class Meter:
    calls: int = 0
    round_trips: int = 0
    by_vendor: Counter[str] = field(default_factory=Counter)

    def add(self, n: int = 1, *, vendor: str = "stripe") -> None:
        """Record `n` calls, one after another, made by the current task."""
        for _ in range(n):
            depth = _depth.get() + 1
            _depth.set(depth)
            self.calls += 1
            self.by_vendor[vendor] += 1
            self.round_trips = max(self.round_trips, depth)

    def join(self) -> None:
        """After a parallel fan-out: continue from its deepest branch."""
        _depth.set(self.round_trips)

    def start(self) -> None:
        """Count the calls of the current task (and its children) here."""
        _depth.set(0)
        _meter.set(self)


def record_call(vendor: str) -> None:
    """Count one call in the meter of the current dispute, if any."""
    meter = _meter.get()
    if meter is not None:
        meter.add(vendor=vendor)


class StripeCalls:
    """The counter the Stripe gateway reports its calls to."""

    def add(self, n: int = 1) -> None:
        for _ in range(n):
            record_call("stripe")


class MeteredTransport(httpx.AsyncBaseTransport):
    """An httpx transport that counts every request in the current Meter."""

    def __init__(self, inner: httpx.AsyncBaseTransport, vendor: str) -> None:
        self._inner = inner
        self._vendor = vendor

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        record_call(self._vendor)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
