"""Staying inside a store's request quota, and waiting well when outside it.

BigCommerce gives each store one quota per window (150 requests per 30 s on
Standard/Plus) that every app of the store shares, and reports it on every
answer in four X-Rate-Limit headers. The pacer reads them and, when few
requests are left, spreads the rest over what remains of the window, so a
burst of concurrent lookups slows down instead of running into 429s.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

LEFT = "x-rate-limit-requests-left"
QUOTA = "x-rate-limit-requests-quota"
RESET_MS = "x-rate-limit-time-reset-ms"
WINDOW_MS = "x-rate-limit-time-window-ms"
RETRY_AFTER = "x-retry-after"
LONGEST_WAIT = 60.0  # seconds; no header may park a request longer


def header_number(headers: Mapping[str, str], name: str) -> float | None:
    """A finite, non-negative number from a header, else None."""
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        value = float(raw.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def throttle_delay(headers: Mapping[str, str]) -> float | None:
    """Seconds a 429 asks us to wait, or None when it does not say (usably)."""
    reset_ms = header_number(headers, RESET_MS)
    if reset_ms is not None and reset_ms > 0:
        return min(reset_ms / 1000, LONGEST_WAIT)
    retry_after = header_number(headers, RETRY_AFTER)
    if retry_after is not None and retry_after > 0:
        return min(retry_after, LONGEST_WAIT)
    return None


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential back-off with jitter: about 1 s, 2 s, 4 s … capped at 30 s.

    The jitter only ever adds, so no delay is shorter than its base and none
    is zero.
    """

    base: float = 1.0
    cap: float = 30.0
    jitter: float = 0.25

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Delay before retry number `attempt` (0 for the first retry)."""
        plain = min(self.cap, self.base * 2.0 ** min(attempt, 32))
        return min(self.cap, plain * (1 + self.jitter * rng.random()))


class RateLimitPacer:
    """The quota state of one store, shared by every request made against it.

    Pass one pacer to several clients of the same store to pace them
    together (within one event loop).
    """

    def __init__(
        self,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        low_water: float = 0.1,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._low_water = low_water
        self._lock = asyncio.Lock()
        self._left: int | None = None
        self._quota: int | None = None
        self._reset_at: float | None = None
        self._window: float | None = None  # seconds
        self._in_flight = 0
        self._answered = asyncio.Event()

    async def acquire(self) -> float:
        """Wait for this request's turn; returns the seconds waited.

        Every acquire is followed by exactly one `release` once the request
        is answered or has failed, so requests in flight are known.
        """
        async with self._lock:
            await self._learn_quota()
            delay = await self._wait_turn()
            if self._left is not None:
                self._left = max(self._left - 1, 0)
            self._in_flight += 1
            return delay

    async def _wait_turn(self) -> float:
        """Sleep as the quota asks; returns the seconds slept.

        Answers keep arriving while we sleep and may show the quota spent
        after all (requests sent late in a window land in the next), so the
        quota is looked at again after every sleep.
        """
        waited = 0.0
        while (delay := self._delay(self._clock())) > 0:
            await self._sleep(delay)
            waited += delay
            if self._left is not None and self._left > 0:
                break  # a spreading pause, and quota is left: go
        return waited

    async def _learn_quota(self) -> None:
        """Until an answer has told the quota, one request at a time.

        A store's quota may already be spent by other apps; a burst sent
        blind would draw a 429 for each request past it.
        """
        while self._left is None and self._in_flight > 0:
            self._answered.clear()
            await self._answered.wait()

    def release(self) -> None:
        """A request acquired earlier is answered or gave up."""
        self._in_flight = max(self._in_flight - 1, 0)
        self._answered.set()

    def observe(self, headers: Mapping[str, str]) -> None:
        """Take in the quota an answer reports (before its `release`)."""
        left = header_number(headers, LEFT)
        if left is None:
            return
        quota = header_number(headers, QUOTA)
        self._quota = int(quota) if quota else self._quota
        window_ms = header_number(headers, WINDOW_MS)
        self._window = window_ms / 1000 if window_ms else self._window
        reset_ms = header_number(headers, RESET_MS)
        reset_at = None
        if reset_ms is not None:
            reset_at = self._clock() + min(reset_ms / 1000, LONGEST_WAIT)
        if self._left is None or self._new_window(reset_at):
            # A fresh window's count says nothing of the other requests
            # still in flight: they may land in it, so count them as spent.
            self._left = max(int(left) - self._others_in_flight(), 0)
        else:
            # Answers to concurrent requests arrive out of order, and our own
            # count already holds the requests still in flight: keep the lower.
            self._left = min(int(left), self._left)
        self._reset_at = reset_at if reset_at is not None else self._reset_at

    def _others_in_flight(self) -> int:
        return max(self._in_flight - 1, 0)

    def _new_window(self, reset_at: float | None) -> bool:
        if self._reset_at is None:
            return True
        return reset_at is not None and reset_at > self._reset_at + 1.0

    def throttled(self, delay: float) -> None:
        """A 429 came: nobody sends until `delay` seconds from now."""
        self._left = 0
        self._reset_at = self._clock() + delay

    def _delay(self, now: float) -> float:
        if self._reset_at is not None and now >= self._reset_at:
            self._next_window()
        if self._left is None:
            return 0.0
        remaining = (self._reset_at - now) if self._reset_at is not None else 0.0
        if self._left <= 0:
            return remaining
        if self._left <= self._threshold():
            return remaining / self._left
        return 0.0

    def _next_window(self) -> None:
        """The window we waited for has begun: its quota, less what is
        still in flight (those requests may be counted in it)."""
        assert self._reset_at is not None
        if self._quota is None:
            self._left, self._reset_at = None, None
            return
        self._left = max(self._quota - self._in_flight, 0)
        self._reset_at = self._reset_at + self._window if self._window else None

    def _threshold(self) -> float:
        quota = self._quota or 0
        return max(2.0, quota * self._low_water)
