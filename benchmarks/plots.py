"""The report's PNG plots, drawn with matplotlib's Agg backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported

import matplotlib.pyplot as plt

from benchmarks.burst import BurstRun
from benchmarks.latency import LatencyRun


def plot_latency(runs: list[LatencyRun], out: Path) -> Path:
    """Time per dispute, ChargePilot and baseline side by side per latency."""
    figure, axis = plt.subplots(figsize=(7, 4))
    groups = [f"{round(r.latency * 1000)} ms" for r in runs]
    data, positions, colours = [], [], []
    for index, run in enumerate(runs):
        data += [
            [t.seconds * 1000 for t in run.chargepilot],
            [b.seconds * 1000 for b in run.baseline],
        ]
        positions += [index * 3 + 1, index * 3 + 2]
        colours += ["tab:blue", "tab:orange"]
    parts = axis.boxplot(data, positions=positions, widths=0.8, patch_artist=True)
    for patch, colour in zip(parts["boxes"], colours, strict=True):
        patch.set_facecolor(colour)
    axis.set_xticks([i * 3 + 1.5 for i in range(len(runs))], groups)
    axis.set_xlabel("latency injected per request")
    axis.set_ylabel("wall time per dispute (ms)")
    axis.set_title("Time per dispute: ChargePilot (blue) vs baseline (orange)")
    axis.grid(axis="y", alpha=0.3)
    return _save(figure, out / "latency.png")


def plot_burst(run: BurstRun, out: Path) -> Path:
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    done, share = run.progress()
    floor = run.floor()
    left.step(done, [s * 100 for s in share], where="post", label="disputes done")
    left.axvline(floor, color="tab:red", linestyle="--", label=f"floor {floor:.0f} s")
    left.axvline(floor * 1.15, color="tab:gray", linestyle=":", label="1.15 x floor")
    left.set_xlabel("seconds since the burst started")
    left.set_ylabel("% of disputes answered")
    left.set_title(
        f"{len(run.results)} disputes over {run.settings.burst_stores} stores"
    )
    left.legend(loc="lower right")
    calls = run.busiest_store_calls()
    rate = run.settings.burst_quota / run.window_s
    right.step(calls, range(1, len(calls) + 1), where="post", label="calls answered")
    right.plot([0, len(calls) / rate], [0, len(calls)], "r--", label="quota rate")
    right.set_xlabel("seconds since the burst started")
    right.set_ylabel("BigCommerce calls (busiest store)")
    right.set_title(f"Quota {run.settings.burst_quota} per {run.window_s:g} s")
    right.legend(loc="lower right")
    return _save(figure, out / "burst.png")


def plot_growth(rows: list[dict[str, Any]], out: Path) -> Path:
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    orders = [r["orders"] for r in rows]
    for key, label in (
        ("total_ms", "domain + packet"),
        ("domain_ms", "domain"),
        ("render_ms", "packet"),
    ):
        left.plot(orders, [r[key] for r in rows], marker="o", label=label)
    first = rows[0]
    linear = [first["total_ms"] * n / first["orders"] for n in orders]
    left.plot(orders, linear, "k:", label="linear from the first point")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("customer's orders")
    left.set_ylabel("median ms")
    left.legend()
    right.plot(orders, [r["peak_memory_mb"] for r in rows], marker="o")
    right.set_xscale("log")
    right.set_xlabel("customer's orders")
    right.set_ylabel("peak traced memory (MB)")
    left.set_title("Time against order count")
    right.set_title("Peak memory against order count")
    return _save(figure, out / "growth.png")


def _save(figure: Any, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
