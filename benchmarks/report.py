"""The report: DIR/report.json (every figure) and DIR/report.md (tables)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


def write_json(report: dict[str, Any], out: Path) -> Path:
    path = out / "report.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return path


def write_markdown(report: dict[str, Any], out: Path) -> Path:
    path = out / "report.md"
    path.write_text("\n".join(markdown(report)) + "\n")
    return path


def markdown(report: dict[str, Any]) -> list[str]:
    run = report["run"]
    return [
        f"# ChargePilot benchmarks{' (smoke)' if run['smoke'] else ''}",
        "",
        f"Measured {run['date']} on {run['machine']}, in {run['seconds']} s. "
        f"Command: `{run['command']}`. Sandbox fakes on 127.0.0.1 in a child "
        "process; latency is injected into both fakes per request.",
        "",
        *_targets(report["targets"]),
        *_latency(report["latency"]),
        *_burst(report["burst"]),
        *_render(report["render"]),
        *_growth(report["growth"]),
    ]


def _met(flag: bool) -> str:
    return "met" if flag else "**missed**"


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _targets(targets: list[dict[str, Any]]) -> list[str]:
    rows = [(t["target"], t["measured"], _met(t["met"])) for t in targets]
    return ["## Targets", "", *table(("target", "measured", "verdict"), rows)]


def _latency(section: dict[str, Any]) -> list[str]:
    header = (
        "latency",
        "system",
        "median ms",
        "worst ms",
        "API calls (median)",
        "round trips (median / max)",
        "same order matched",
    )
    rows = []
    for run in section["runs"]:
        for system in ("chargepilot", "baseline"):
            figures = run[system]
            rows.append(
                (
                    f"{run['latency_ms']} ms",
                    system,
                    figures["median_ms"],
                    figures["worst_ms"],
                    figures["median_api_calls"],
                    f"{figures['median_round_trips']} / {figures['max_round_trips']}",
                    f"{run['same_order_matched'][system]}/"
                    f"{run['same_order_matched']['of']}",
                )
            )
    speedups = [
        (f"{r['latency_ms']} ms", f"{r['speedup']}x", r["disputes"])
        for r in section["runs"]
    ]
    longest = [
        (
            f"{r['latency_ms']} ms",
            h["chargepilot_ms"],
            f"{h['chargepilot_calls']} / {h['chargepilot_round_trips']}",
            h["baseline_ms"],
            h["baseline_calls"],
            f"{h['speedup']}x",
            h["same_order_matched"],
        )
        for r in section["runs"]
        if (h := r["long_history"])
    ]
    long_header = (
        "latency", "ChargePilot ms", "calls / round trips", "baseline ms",
        "baseline calls", "speedup", "same order",
    )  # fmt: skip
    return [
        "## 1. Per dispute, ChargePilot against the baseline",
        "",
        section["about"],
        "",
        *table(header, rows),
        *table(("latency", "baseline / ChargePilot (median)", "disputes"), speedups),
        "The customer with the most orders on file (not in the medians):",
        "",
        *table(long_header, longest),
        "![time per dispute](latency.png)",
        "",
    ]


def _burst(burst: dict[str, Any]) -> list[str]:
    keys = (
        "stores", "disputes", "quota", "in_flight_per_store", "latency_ms",
        "elapsed_s", "floor_s", "window_floor_s", "ratio_to_floor", "http_429",
        "bigcommerce_calls", "calls_per_store_max", "calls_per_store_min",
        "stripe_calls", "matched", "statuses", "median_dispute_s",
    )  # fmt: skip
    return [
        "## 2. Burst under the per-store quota",
        "",
        burst["about"],
        "",
        *table(("figure", "value"), ((k, burst[k]) for k in keys)),
        "![burst progress](burst.png)",
        "",
    ]


def _render(render: dict[str, Any]) -> list[str]:
    keys = (
        "packets", "renders", "orders_on_file", "render_median_ms",
        "render_worst_ms", "domain_plus_render_median_ms", "pages_max",
        "bytes_max", "peak_memory_mb",
    )  # fmt: skip
    rows = [(k, render["typical"][k], render["big_customer"][k]) for k in keys]
    return [
        "## 3. Packet rendering",
        "",
        render["about"],
        "",
        *table(("figure", "typical customers", "biggest customer"), rows),
    ]


def _growth(growth: dict[str, Any]) -> list[str]:
    header = (
        "orders", "history read", "domain ms", "render ms", "total ms", "pages",
        "peak MB", "domain / packet peak MB", "orders x", "time x", "memory x",
    )  # fmt: skip
    rows = [
        (
            r["orders"],
            r["history_read"],
            r["domain_ms"],
            r["render_ms"],
            r["total_ms"],
            r["pages"],
            r["peak_memory_mb"],
            f"{r['domain_peak_mb']} / {r['render_peak_mb']}",
            r.get("orders_ratio", ""),
            r.get("time_ratio", ""),
            r.get("memory_ratio", ""),
        )
        for r in growth["rows"]
    ]
    verdict = growth["verdict"]
    return [
        "## 4. Growth with the customer's order count",
        "",
        growth["about"],
        "",
        *table(header, rows),
        *table(("figure", "value"), verdict.items()),
        "![growth](growth.png)",
        "",
    ]
