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

    @property
    def requests_left(self) -> int | None:
        return self._left

    async def acquire(self) -> float:
        """Wait for this request's turn; returns the seconds waited."""
        async with self._lock:
            delay = self._delay(self._clock())
            if delay > 0:
                await self._sleep(delay)
            if self._left is not None:
                self._left = max(self._left - 1, 0)
            return delay

    def observe(self, headers: Mapping[str, str]) -> None:
        """Take in the quota an answer reports."""
        left = header_number(headers, LEFT)
        if left is None:
            return
        quota = header_number(headers, QUOTA)
        self._quota = int(quota) if quota else self._quota
        reset_ms = header_number(headers, RESET_MS)
        reset_at = None
        if reset_ms is not None:
            reset_at = self._clock() + min(reset_ms / 1000, LONGEST_WAIT)
        if self._left is None or self._new_window(reset_at):
            self._left = int(left)
        else:
            # Answers to concurrent requests arrive out of order, and our own
            # count already holds the requests still in flight: keep the lower.
            self._left = min(int(left), self._left)
        self._reset_at = reset_at if reset_at is not None else self._reset_at

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
            self._left, self._reset_at = self._quota, None
        if self._left is None:
            return 0.0
        remaining = (self._reset_at - now) if self._reset_at is not None else 0.0
        if self._left <= 0:
            return remaining
        if self._left <= self._threshold():
            return remaining / self._left
        return 0.0

    def _threshold(self) -> float:
        quota = self._quota or 0
        return max(2.0, quota * self._low_water)
