"""Benchmark 1: one dispute at a time under injected latency.

For each latency, the ordinary reason disputes are answered by ChargePilot
(fresh database each pass) and by the baseline, passes interleaved. Both
must match the order the scenario says is the true one.
"""

from __future__ import annotations

import asyncio
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.baseline import Baseline, BaselineResult
from benchmarks.chargepilot_runs import Timed, one_by_one
from benchmarks.sandbox import SandboxProcess
from benchmarks.scenarios import is_ordinary
from benchmarks.settings import MAX_ROUND_TRIPS, MIN_SPEEDUP, Settings
from chargepilot.sandbox.scenarios.models import ExpectedCase


@dataclass
class LatencyRun:
    latency: float
    chargepilot: list[Timed] = field(default_factory=list)
    baseline: list[BaselineResult] = field(default_factory=list)
    server_calls: dict[str, int] = field(default_factory=dict)  # per system
    long_history: tuple[Timed, BaselineResult] | None = None

    def summary(self) -> dict[str, Any]:
        cp, bl = self.chargepilot, self.baseline
        cp_time = statistics.median(t.seconds for t in cp)
        bl_time = statistics.median(b.seconds for b in bl)
        return {
            "latency_ms": round(self.latency * 1000),
            "disputes": len(cp),
            "chargepilot": _figures(cp, cp_time),
            "baseline": _figures(bl, bl_time),
            "speedup": round(bl_time / cp_time, 2),
            "same_order_matched": _same_orders(cp, bl),
            "server_counted_calls": self.server_calls,
            "long_history": _long_history(self.long_history),
        }


def _long_history(pair: tuple[Timed, BaselineResult] | None) -> Any:
    """The customer with the most orders: the baseline pages 250 at a time."""
    if pair is None:
        return None
    cp, bl = pair
    return {
        "reason": cp.reason,
        "chargepilot_ms": round(cp.seconds * 1000, 1),
        "chargepilot_calls": cp.api_calls,
        "chargepilot_round_trips": cp.round_trips,
        "baseline_ms": round(bl.seconds * 1000, 1),
        "baseline_calls": bl.api_calls,
        "speedup": round(bl.seconds / cp.seconds, 2),
        "same_order_matched": cp.matched and bl.order_id == cp.expected_order_id,
    }


def _figures(results: list[Timed] | list[BaselineResult], median: float) -> Any:
    return {
        "median_ms": round(median * 1000, 1),
        "worst_ms": round(max(r.seconds for r in results) * 1000, 1),
        "median_api_calls": statistics.median(r.api_calls for r in results),
        "median_round_trips": statistics.median(r.round_trips for r in results),
        "max_round_trips": max(r.round_trips for r in results),
        "total_api_calls": sum(r.api_calls for r in results),
    }


def _same_orders(cp: list[Timed], bl: list[BaselineResult]) -> dict[str, Any]:
    truth = {t.dispute_id: t.expected_order_id for t in cp}
    return {
        "chargepilot": sum(t.matched for t in cp),
        "baseline": sum(b.order_id == truth[b.dispute_id] for b in bl),
        "of": len(cp),
    }


def run_latency(
    sandbox: SandboxProcess, settings: Settings, workdir: Path
) -> list[LatencyRun]:
    cases = [c for c in sandbox.info.cases if is_ordinary(c)][: settings.disputes]
    baseline = Baseline(sandbox.info)
    try:
        return _runs(sandbox, settings, workdir, cases, baseline)
    finally:
        baseline.close()
        sandbox.set_latency(0.0)


def _runs(
    sandbox: SandboxProcess,
    settings: Settings,
    workdir: Path,
    cases: list[ExpectedCase],
    baseline: Baseline,
) -> list[LatencyRun]:
    runs = []
    for latency in settings.latencies:
        sandbox.set_latency(latency)
        run = LatencyRun(latency)
        for number in range(settings.repeats):
            folder = workdir / f"latency-{round(latency * 1000)}ms-{number}"
            sandbox.reset()
            run.chargepilot += asyncio.run(one_by_one(sandbox.info, cases, folder))
            _count(run, "chargepilot", sandbox)
            run.baseline += [baseline.respond(c.dispute_id, c.account) for c in cases]
            _count(run, "baseline", sandbox)
        run.long_history = _biggest(sandbox, baseline, workdir / f"big-{latency}")
        runs.append(run)
    return runs


def _biggest(
    sandbox: SandboxProcess, baseline: Baseline, workdir: Path
) -> tuple[Timed, BaselineResult]:
    big = next(c for c in sandbox.info.cases if c.kind == "big_customer")
    cp = asyncio.run(one_by_one(sandbox.info, [big], workdir))[0]
    return cp, baseline.respond(big.dispute_id, big.account)


def _count(run: LatencyRun, system: str, sandbox: SandboxProcess) -> None:
    """Add the calls the fakes saw since the last reset, then reset."""
    traffic = sandbox.traffic()
    seen = traffic.calls() + traffic.stripe_requests
    run.server_calls[system] = run.server_calls.get(system, 0) + seen
    sandbox.reset()


def verdict(runs: list[LatencyRun]) -> dict[str, Any]:
    top = max(runs, key=lambda r: r.latency).summary()
    worst_trips = max(r.summary()["chargepilot"]["max_round_trips"] for r in runs)
    median_trips = max(r.summary()["chargepilot"]["median_round_trips"] for r in runs)
    return {
        "round_trips_target": MAX_ROUND_TRIPS,
        "median_round_trips": median_trips,
        "max_round_trips": worst_trips,
        "round_trips_met": median_trips <= MAX_ROUND_TRIPS,
        "round_trips_met_by_every_dispute": worst_trips <= MAX_ROUND_TRIPS,
        "speedup_target": MIN_SPEEDUP,
        "speedup_at_ms": top["latency_ms"],
        "speedup": top["speedup"],
        "speedup_met": top["speedup"] >= MIN_SPEEDUP,
    }
