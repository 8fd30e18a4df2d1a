"""How big each benchmark runs: the full run and the CI smoke run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    seed: int = 7
    profile: str = "demo"  # the latency scenario; "demo" has a 5,000-order buyer
    latencies: tuple[float, ...] = (0.05, 0.15)  # seconds per request
    repeats: int = 3  # passes over the ordinary disputes per latency
    disputes: int | None = None  # ordinary disputes per pass; None = all
    burst_stores: int = 20
    burst_disputes: int = 50  # per store
    burst_quota: int = 150
    burst_window_ms: int = 30_000
    burst_per_store: int = 8  # disputes in flight per store
    burst_latency: float = 0.05
    render_repeats: int = 5
    growth_orders: tuple[int, ...] = (10, 100, 1_000, 5_000, 10_000)
    growth_repeats: int = 3
    smoke: bool = False


FULL = Settings()

SMOKE = Settings(
    profile="small",
    latencies=(0.005, 0.015),
    repeats=1,
    disputes=2,
    burst_stores=2,
    burst_disputes=3,
    burst_quota=15,
    burst_window_ms=1_000,
    burst_per_store=4,
    burst_latency=0.0,
    render_repeats=1,
    growth_orders=(5, 20),
    growth_repeats=1,
    smoke=True,
)

# Targets from issue 4.
MAX_ROUND_TRIPS = 6
MIN_SPEEDUP = 3.0  # at the highest latency
MAX_BURST_RATIO = 1.15  # time to finish / the quota's floor
MAX_429 = 0
MAX_TYPICAL_RENDER_MS = 150.0
