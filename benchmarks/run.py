"""`python -m benchmarks.run --out DIR [--smoke]`: every benchmark, one report.

Everything runs against sandbox fakes this command starts on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import structlog

from benchmarks import plots
from benchmarks.burst import BurstRun, run_burst
from benchmarks.latency import LatencyRun, run_latency, verdict
from benchmarks.packets import (
    MEMORY_CEILING_MB,
    growth_verdict,
    run_growth,
    run_render,
)
from benchmarks.report import write_json, write_markdown
from benchmarks.sandbox import sandbox_process
from benchmarks.scenarios import burst_scenario, is_ordinary
from benchmarks.settings import FULL, MAX_BURST_RATIO, SMOKE, Settings
from chargepilot.sandbox.scenarios import generate

LATENCY_ABOUT = (
    "The ordinary reason disputes of the seeded store, one at a time, each "
    "answered by ChargePilot (`Responder.respond`, fresh database per pass) and "
    "by the baseline (PyPI `bigcommerce` + `stripe`, sync, one call after "
    "another). Round trips are ChargePilot's own count of the longest chain "
    "of dependent calls; the baseline's equal its calls. The quota is off "
    "here (the baseline would otherwise hit it); the fakes' own request "
    "counts are in report.json as a cross-check of the call counts."
)
BURST_ABOUT = (
    "Every dispute at once: one Responder, so one BigCommerceClient and one "
    "rate-limit pacer per store, a semaphore per store limiting disputes in "
    "flight. Floor = the busiest store's quota-spending BigCommerce calls / "
    "(quota / window). The window floor is the fixed-window lower bound, "
    "(ceil(calls / quota) - 1) windows. 429s are counted from the fake's "
    "answers."
)
RENDER_ABOUT = (
    "Inputs read once from the sandbox with ChargePilot's lookup; then the "
    "domain work (match confirmation, addresses, lifetime, evidence) and "
    "`render_packet` timed offline after one warm-up render (fonts load once "
    "per process). Typical = every ordinary dispute; peak memory by "
    "tracemalloc in a separate pass, the largest over the packets."
)
GROWTH_ABOUT = (
    "One buyer with N orders (a fresh seeded store per N); the job's domain "
    "work plus the packet, median of the repeats; ratios are against the "
    "previous size. Peak memory counts what the work allocates, not the "
    "history it is given."
)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    settings = SMOKE if args.smoke else FULL
    _quiet_logs()
    args.out.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="chargepilot-bench-") as work:
        found = measure(settings, Path(work))
    report = build_report(found, settings, time.perf_counter() - began, argv)
    write_json(report, args.out)
    write_markdown(report, args.out)
    plots.plot_latency(found["latency"], args.out)
    plots.plot_burst(found["burst"], args.out)
    plots.plot_growth(found["growth"], args.out)
    _print_targets(report, args.out)
    return 0


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run")
    parser.add_argument("--out", type=Path, required=True, help="report folder")
    parser.add_argument("--smoke", action="store_true", help="tiny run for CI")
    return parser.parse_args(argv)


def _quiet_logs() -> None:
    """One log line per dispute would bury the progress lines."""
    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING)
    )


_CLOCK_START = time.perf_counter()


def _step(message: str) -> None:
    at = time.perf_counter() - _CLOCK_START
    print(f"[bench {at:6.1f} s] {message}", file=sys.stderr, flush=True)


def measure(settings: Settings, work: Path) -> dict[str, Any]:
    found: dict[str, Any] = {}
    _step("1. latency: ChargePilot and baseline, one dispute at a time")
    with sandbox_process(generate, seed=settings.seed, profile=settings.profile) as sb:
        found["latency"] = run_latency(sb, settings, work)
        _step("3. packet rendering")
        typical = [c for c in sb.info.cases if is_ordinary(c)][: settings.disputes]
        big = next(c for c in sb.info.cases if c.kind == "big_customer")
        found["render"] = run_render(sb.info, typical, big, settings.render_repeats)
    _step(
        f"2. burst: {settings.burst_stores * settings.burst_disputes} disputes over "
        f"{settings.burst_stores} stores"
    )
    with sandbox_process(
        burst_scenario,
        seed=settings.seed,
        stores=settings.burst_stores,
        disputes_per_store=settings.burst_disputes,
    ) as sb:
        found["burst"] = run_burst(sb, settings, work)
    _step("4. growth with the customer's order count")
    found["growth"] = run_growth(settings)
    return found


def build_report(
    found: dict[str, Any],
    settings: Settings,
    seconds: float,
    argv: Sequence[str] | None,
) -> dict[str, Any]:
    runs: list[LatencyRun] = found["latency"]
    burst: BurstRun = found["burst"]
    latency: dict[str, Any] = {
        "about": LATENCY_ABOUT,
        "runs": [r.summary() for r in runs],
        "verdict": verdict(runs),
    }
    burst_summary = {"about": BURST_ABOUT, **burst.summary()}
    render = {"about": RENDER_ABOUT, **found["render"]}
    growth = {
        "about": GROWTH_ABOUT,
        "rows": found["growth"],
        "verdict": growth_verdict(found["growth"]),
    }
    return {
        "run": _run_facts(settings, seconds, argv),
        "targets": _targets(latency["verdict"], burst_summary, render, growth),
        "latency": latency,
        "burst": burst_summary,
        "render": render,
        "growth": growth,
    }


def _run_facts(
    settings: Settings, seconds: float, argv: Sequence[str] | None
) -> dict[str, Any]:
    words = list(argv) if argv is not None else sys.argv[1:]
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "seconds": round(seconds, 1),
        "command": "python -m benchmarks.run " + " ".join(words),
        "smoke": settings.smoke,
        "settings": dict(vars(settings)),
    }


def _targets(
    latency: dict[str, Any],
    burst: dict[str, Any],
    render: dict[str, Any],
    growth: dict[str, Any],
) -> list[dict[str, Any]]:
    return [
        _target(
            f"<= {latency['round_trips_target']} sequential round trips (median)",
            f"{latency['median_round_trips']} (max {latency['max_round_trips']})",
            latency["round_trips_met"],
        ),
        _target(
            f">= {latency['speedup_target']}x faster than the baseline "
            f"at {latency['speedup_at_ms']} ms",
            f"{latency['speedup']}x",
            latency["speedup_met"],
        ),
        _target(
            f"burst within {MAX_BURST_RATIO}x the quota floor",
            f"{burst['elapsed_s']} s / {burst['floor_s']} s = "
            f"{burst['ratio_to_floor']}x",
            burst["ratio_met"],
        ),
        _target("zero 429s in the burst", burst["http_429"], burst["429_met"]),
        _target(
            f"typical packet renders in < {render['target_ms']} ms (median)",
            f"{render['typical']['render_median_ms']} ms",
            render["met"],
        ),
        _target(
            "growth no worse than linear in order count",
            f"time x{growth['verdict']['time_ratio_overall']} for orders "
            f"x{growth['verdict']['orders_ratio_overall']}, fitted exponent "
            f"{growth['verdict']['fitted_exponent']}",
            growth["verdict"]["linear_or_better"],
        ),
        _target(
            "memory bounded: no worse than linear, under "
            f"{MEMORY_CEILING_MB:.0f} MB at the 10,000-order history cap",
            f"peak x{growth['verdict']['memory_ratio_overall']} overall, "
            f"{growth['verdict']['kb_per_order_top_step']} KB per order at the top",
            growth["verdict"]["memory_bounded"],
        ),
    ]


def _target(target: str, measured: Any, met: bool) -> dict[str, Any]:
    return {"target": target, "measured": measured, "met": bool(met)}


def _print_targets(report: dict[str, Any], out: Path) -> None:
    for target in report["targets"]:
        verdict_word = "met   " if target["met"] else "MISSED"
        _step(f"{verdict_word} {target['target']}: {target['measured']}")
    _step(f"report written to {out / 'report.md'}")


if __name__ == "__main__":
    raise SystemExit(main())
