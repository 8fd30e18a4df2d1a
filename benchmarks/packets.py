"""Benchmarks 3 and 4: packet rendering, and growth with order count.

The inputs (dispute, matched order, the order's whole record) are read
once from the sandbox with ChargePilot's own lookup; the domain work
(match confirmation, address comparison, customer lifetime, evidence for
the reason) and the packet are then timed offline, several times. Peak
memory is a separate tracemalloc pass (tracing slows the code it traces).
"""

from __future__ import annotations

import asyncio
import itertools
import math
import statistics
import time
import tracemalloc
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from benchmarks.sandbox import SandboxInfo, sandbox_process
from benchmarks.scenarios import growth_scenario
from benchmarks.settings import MAX_TYPICAL_RENDER_MS, Settings
from chargepilot.bigcommerce.client import BigCommerceClient
from chargepilot.cli.demo import DEMO_POLICIES
from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.disputes import Dispute
from chargepilot.domain.orders import StoreRecord
from chargepilot.domain.reasons import build_evidence
from chargepilot.evidence.fonts import load_fonts
from chargepilot.evidence.packet import Packet, render_packet
from chargepilot.jobs.lookup import Lookup, confirm, find_order, gather_record
from chargepilot.jobs.metrics import Meter

# The job's own case assembly, so the benchmark times the job's code path.
from chargepilot.jobs.respond import build_case
from chargepilot.sandbox.scenarios.models import ExpectedCase
from chargepilot.stripe_api.gateway import StripeGateway

MB = 1024 * 1024


@dataclass(frozen=True)
class Inputs:
    """What the job holds once the network part is done."""

    label: str
    dispute: Dispute
    lookup: Lookup
    record: StoreRecord

    @property
    def orders(self) -> int:
        return len(self.record.history)


@dataclass(frozen=True)
class Timing:
    domain_s: float
    render_s: float
    pages: int
    size: int

    @property
    def total_s(self) -> float:
        return self.domain_s + self.render_s


async def fetch_inputs(info: SandboxInfo, case: ExpectedCase, label: str) -> Inputs:
    creds = info.credentials
    store = next(
        s for s in creds["bigcommerce"]["stores"] if s["store_hash"] == case.store_hash
    )
    base = creds["stripe"]["base_url"]
    gateway = StripeGateway(creds["stripe"]["api_key"], api_base=base)
    client = BigCommerceClient(
        store["store_hash"],
        store["access_token"],
        base_url=creds["bigcommerce"]["base_url"],
    )
    async with client:
        try:
            dispute = await gateway.fetch_dispute(case.dispute_id, account=case.account)
        finally:
            await gateway.aclose()
        meter = Meter()
        lookup = await find_order(client, dispute, meter)
        if lookup.order is None:
            raise RuntimeError(f"no order found for {case.dispute_id}")
        known = next(c for c in lookup.candidates if c.order.id == lookup.order.id)
        record = await gather_record(
            client, lookup.order, dispute.reason, meter, known=known
        )
    return Inputs(label, dispute, lookup, record)


def domain_work(inputs: Inputs) -> tuple[Case, Evidence]:
    """The job's steps between the fan-out and the packet."""
    match = confirm(inputs.dispute, inputs.lookup, inputs.record)
    now = datetime.now(UTC)
    case = build_case(inputs.dispute, match, inputs.record, DEMO_POLICIES, now)
    return case, build_evidence(case)


def timed(inputs: Inputs) -> Timing:
    began = time.perf_counter()
    case, evidence = domain_work(inputs)
    middle = time.perf_counter()
    packet: Packet = render_packet(case, evidence)
    ended = time.perf_counter()
    return Timing(middle - began, ended - middle, packet.pages, packet.size)


def peak_memory(inputs: Inputs) -> int:
    """Peak bytes allocated by the domain work and the packet together."""
    return peak_parts(inputs)[2]


def peak_parts(inputs: Inputs) -> tuple[int, int, int]:
    """Peak bytes of the domain work, of the packet, and of both in a row."""
    tracemalloc.start()
    try:
        case, evidence = domain_work(inputs)
        domain = tracemalloc.get_traced_memory()[1]
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        render_packet(case, evidence)
        render = tracemalloc.get_traced_memory()[1] - held
        return domain, render, max(domain, held + render)
    finally:
        tracemalloc.stop()


def warm_up(inputs: Inputs) -> None:
    """Fonts load once per process; that is not the per-packet cost."""
    load_fonts()
    timed(inputs)


def render_figures(inputs: list[Inputs], repeats: int) -> dict[str, Any]:
    runs = [timed(i) for i in inputs for _ in range(repeats)]
    render = [r.render_s * 1000 for r in runs]
    total = [r.total_s * 1000 for r in runs]
    return {
        "packets": len(inputs),
        "renders": len(runs),
        "orders_on_file": sorted({i.orders for i in inputs}),
        "render_median_ms": round(statistics.median(render), 1),
        "render_worst_ms": round(max(render), 1),
        "domain_plus_render_median_ms": round(statistics.median(total), 1),
        "pages_max": max(r.pages for r in runs),
        "bytes_max": max(r.size for r in runs),
        "peak_memory_mb": round(max(peak_memory(i) for i in inputs) / MB, 2),
    }


def run_render(
    info: SandboxInfo, typical: list[ExpectedCase], big: ExpectedCase, repeats: int
) -> dict[str, Any]:
    """Typical packets (the ordinary disputes) and the biggest customer's."""
    inputs = [asyncio.run(fetch_inputs(info, c, c.reason)) for c in typical]
    heavy = asyncio.run(fetch_inputs(info, big, "big customer"))
    warm_up(inputs[0])
    found: dict[str, Any] = {
        "typical": render_figures(inputs, repeats),
        "big_customer": render_figures([heavy], repeats),
    }
    median = found["typical"]["render_median_ms"]
    found["target_ms"] = MAX_TYPICAL_RENDER_MS
    found["met"] = median < MAX_TYPICAL_RENDER_MS
    return found


def run_growth(settings: Settings) -> list[dict[str, Any]]:
    """Domain + packet time and memory for one buyer with N orders."""
    sizes = settings.growth_orders
    with sandbox_process(growth_scenario, seed=settings.seed, orders=sizes) as sb:
        found = [
            asyncio.run(fetch_inputs(sb.info, case, f"{size} orders"))
            for size, case in zip(sizes, sb.info.cases, strict=True)
        ]
    warm_up(found[0])
    rows = [
        _growth_row(size, inputs, settings.growth_repeats)
        for size, inputs in zip(sizes, found, strict=True)
    ]
    _add_steps(rows)
    return rows


def _growth_row(orders: int, inputs: Inputs, repeats: int) -> dict[str, Any]:
    runs = [timed(inputs) for _ in range(repeats)]
    domain_peak, render_peak, peak = peak_parts(inputs)
    return {
        "orders": orders,
        "history_read": inputs.orders,
        "history_truncated": inputs.record.history_truncated,
        "domain_ms": round(statistics.median(r.domain_s for r in runs) * 1000, 1),
        "render_ms": round(statistics.median(r.render_s for r in runs) * 1000, 1),
        "total_ms": round(statistics.median(r.total_s for r in runs) * 1000, 1),
        "pages": runs[0].pages,
        "peak_memory_mb": round(peak / MB, 2),
        "domain_peak_mb": round(domain_peak / MB, 2),
        "render_peak_mb": round(render_peak / MB, 2),
    }


def _add_steps(rows: list[dict[str, Any]]) -> None:
    """Time and memory ratio against the previous size, and its order ratio."""
    for before, row in itertools.pairwise(rows):
        row["orders_ratio"] = round(row["orders"] / before["orders"], 2)
        row["time_ratio"] = round(row["total_ms"] / before["total_ms"], 2)
        row["memory_ratio"] = round(row["peak_memory_mb"] / before["peak_memory_mb"], 2)


def growth_verdict(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """No worse than linear: no step grows time faster than the order count."""
    steps = [r for r in rows if "time_ratio" in r]
    first, last = rows[0], rows[-1]
    return {
        "orders_span": f"{first['orders']} -> {last['orders']}",
        "time_ratio_overall": round(last["total_ms"] / first["total_ms"], 2),
        "orders_ratio_overall": round(last["orders"] / first["orders"], 2),
        "worst_step_time_per_order_ratio": max(
            (round(r["time_ratio"] / r["orders_ratio"], 2) for r in steps),
            default=None,
        ),
        "fitted_exponent": fitted_exponent(rows),
        "linear_or_better": all(r["time_ratio"] <= r["orders_ratio"] for r in steps),
        "domain_fitted_exponent": fitted_exponent(rows, "domain_ms"),
        "kb_per_order_top_step": _kb_per_order(rows),
        "memory_ratio_overall": round(
            last["peak_memory_mb"] / first["peak_memory_mb"], 2
        ),
        "memory_bounded": _memory_bounded(rows),
    }


def _kb_per_order(rows: list[dict[str, Any]]) -> float | None:
    """Extra peak memory per extra order between the two largest sizes."""
    if len(rows) < 2:
        return None
    low, high = rows[-2], rows[-1]
    extra = float(high["peak_memory_mb"] - low["peak_memory_mb"]) * 1024
    orders = int(high["orders"]) - int(low["orders"])
    return round(extra / orders, 3)


# The client reads at most 10,000 orders of one customer (40 pages); the
# memory a dispute may take at that cap is the bound to stay under.
MEMORY_CEILING_MB = 64.0


def _memory_bounded(rows: list[dict[str, Any]]) -> bool:
    """Bounded: no step costs more memory per order than linear growth would,
    and the largest size stays under the ceiling.

    The history is read whole (its count, spend and earlier orders are the
    evidence), so memory grows with it; the client's page cap is what
    bounds it, and this checks the growth up to that cap.
    """
    steps = [r for r in rows if "memory_ratio" in r]
    linear = all(r["memory_ratio"] <= r["orders_ratio"] for r in steps)
    return linear and rows[-1]["peak_memory_mb"] < MEMORY_CEILING_MB


def fitted_exponent(rows: list[dict[str, Any]], key: str = "total_ms") -> float | None:
    """Slope of log(time) against log(orders) over the larger sizes.

    1.0 is linear; below 1 the fixed cost still dominates. Sizes from 1,000
    up are used when there are two of them, else every size.
    """
    large = [r for r in rows if r["orders"] >= 1_000]
    points = large if len(large) >= 2 else rows
    if len(points) < 2:
        return None
    xs = [math.log(r["orders"]) for r in points]
    ys = [math.log(max(r[key], 0.01)) for r in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return round(slope / spread, 2)
