"""Benchmark 2: many disputes at once across stores under the quota.

Every store is held to `quota` requests per window by the fake. The floor
is the time the quota allows: a store's BigCommerce calls divided by the
quota rate, the slowest store deciding. The fake's fixed windows let a
store spend a whole window's quota at its start, so a client can finish a
little under that floor; it cannot finish earlier than
(ceil(calls / quota) - 1) windows, shown as the window floor.
"""

from __future__ import annotations

import asyncio
import math
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.chargepilot_runs import Timed, burst
from benchmarks.sandbox import Answered, SandboxProcess
from benchmarks.settings import MAX_429, MAX_BURST_RATIO, Settings


@dataclass
class BurstRun:
    settings: Settings
    results: list[Timed]
    elapsed: float
    answers: list[Answered]
    started_at: float  # time.time() when the burst began
    stripe_requests: int

    @property
    def window_s(self) -> float:
        return self.settings.burst_window_ms / 1000

    def calls_by_store(self) -> dict[str, int]:
        """Calls that spent quota: every answer but the 429s."""
        found: dict[str, int] = {}
        for answer in self.answers:
            if answer.status != 429:
                found[answer.store] = found.get(answer.store, 0) + 1
        return found

    def floor(self) -> float:
        rate = self.settings.burst_quota / self.window_s
        return max(self.calls_by_store().values()) / rate

    def window_floor(self) -> float:
        busiest = max(self.calls_by_store().values())
        return (math.ceil(busiest / self.settings.burst_quota) - 1) * self.window_s

    def summary(self) -> dict[str, Any]:
        s, calls = self.settings, self.calls_by_store()
        throttled = sum(1 for a in self.answers if a.status == 429)
        ratio = self.elapsed / self.floor()
        return {
            "stores": s.burst_stores,
            "disputes": len(self.results),
            "quota": f"{s.burst_quota} per {self.window_s:g} s",
            "in_flight_per_store": s.burst_per_store,
            "latency_ms": round(s.burst_latency * 1000),
            "elapsed_s": round(self.elapsed, 2),
            "floor_s": round(self.floor(), 2),
            "window_floor_s": round(self.window_floor(), 2),
            "ratio_to_floor": round(ratio, 3),
            "bigcommerce_calls": sum(calls.values()),
            "calls_per_store_max": max(calls.values()),
            "calls_per_store_min": min(calls.values()),
            "stripe_calls": self.stripe_requests,
            "http_429": throttled,
            "matched": sum(r.matched for r in self.results),
            "statuses": _count(r.status for r in self.results),
            "median_dispute_s": round(statistics.median(self._seconds()), 2),
            "target_ratio": MAX_BURST_RATIO,
            "ratio_met": ratio <= MAX_BURST_RATIO,
            "target_429": MAX_429,
            "429_met": throttled <= MAX_429,
        }

    def _seconds(self) -> list[float]:
        return [r.seconds for r in self.results]

    def progress(self) -> tuple[list[float], list[float]]:
        """(seconds since start, share of disputes done) per finished dispute."""
        done = sorted(r.finished_at for r in self.results)
        share = [(n + 1) / len(done) for n in range(len(done))]
        return done, share

    def busiest_store_calls(self) -> list[float]:
        """When each quota-spending call of the busiest store was answered."""
        calls = self.calls_by_store()
        busiest = max(calls, key=lambda store: calls[store])
        return sorted(
            a.at - self.started_at
            for a in self.answers
            if a.store == busiest and a.status != 429
        )


def _count(values: Any) -> dict[str, int]:
    found: dict[str, int] = {}
    for value in values:
        found[value] = found.get(value, 0) + 1
    return found


def run_burst(sandbox: SandboxProcess, settings: Settings, workdir: Path) -> BurstRun:
    sandbox.set_latency(settings.burst_latency)
    sandbox.set_rate_limit(settings.burst_quota, settings.burst_window_ms, enabled=True)
    sandbox.reset()
    results, elapsed, started_at = asyncio.run(
        burst(
            sandbox.info,
            sandbox.info.cases,
            workdir / "burst",
            settings.burst_per_store,
        )
    )
    traffic = sandbox.traffic()
    return BurstRun(
        settings,
        results,
        elapsed,
        traffic.bigcommerce,
        started_at,
        traffic.stripe_requests,
    )
