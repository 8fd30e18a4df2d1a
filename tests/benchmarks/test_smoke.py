"""The benchmark's smoke run keeps working: it writes a report with figures.

It runs the real thing, small: the fakes in a child process on 127.0.0.1,
ChargePilot and the baseline, a two-store burst, rendering and growth.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from benchmarks.run import main
from benchmarks.settings import SMOKE

PNG = b"\x89PNG\r\n\x1a\n"

# The stripe SDK's async HTTPX client posts form bodies as raw bytes, which
# httpx deprecates; as an error (our pytest setting) it fails every update
# ChargePilot's StripeGateway makes. Not this test's subject: reported.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Use 'content=<...>' to upload raw bytes:DeprecationWarning"
)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench")
    assert main(["--smoke", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def report(report_dir: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((report_dir / "report.json").read_text())
    return loaded


def test_the_smoke_run_writes_markdown_json_and_three_plots(report_dir: Path) -> None:
    names = {path.name for path in report_dir.iterdir()}

    assert {"report.md", "report.json"} <= names
    for plot in ("latency.png", "burst.png", "growth.png"):
        assert (report_dir / plot).read_bytes().startswith(PNG)


def test_every_latency_carries_both_systems_and_their_ratio(
    report: dict[str, Any],
) -> None:
    runs = report["latency"]["runs"]

    assert [r["latency_ms"] for r in runs] == [round(s * 1000) for s in SMOKE.latencies]
    for run in runs:
        for system in ("chargepilot", "baseline"):
            assert run[system]["median_ms"] > 0
            assert run[system]["median_round_trips"] >= 1
        assert run["speedup"] > 0
        assert (
            run["baseline"]["median_round_trips"] == run["baseline"]["median_api_calls"]
        )


def test_chargepilot_and_the_baseline_match_the_same_true_orders(
    report: dict[str, Any],
) -> None:
    for run in report["latency"]["runs"]:
        matched = run["same_order_matched"]
        assert matched["chargepilot"] == matched["baseline"] == matched["of"] > 0
        assert run["long_history"]["same_order_matched"]


def test_the_burst_reports_time_floor_and_429s_from_the_fake(
    report: dict[str, Any],
) -> None:
    burst = report["burst"]

    assert burst["disputes"] == SMOKE.burst_stores * SMOKE.burst_disputes
    assert burst["matched"] == burst["disputes"]
    assert burst["floor_s"] > 0
    assert burst["ratio_to_floor"] == pytest.approx(
        burst["elapsed_s"] / burst["floor_s"], rel=0.01
    )
    assert burst["http_429"] >= 0
    assert burst["bigcommerce_calls"] > burst["disputes"]


def test_rendering_and_growth_carry_times_and_peak_memory(
    report: dict[str, Any],
) -> None:
    render, growth = report["render"], report["growth"]

    for kind in ("typical", "big_customer"):
        assert 0 < render[kind]["render_median_ms"] <= render[kind]["render_worst_ms"]
        assert render[kind]["peak_memory_mb"] > 0
    assert [r["orders"] for r in growth["rows"]] == list(SMOKE.growth_orders)
    assert [r["history_read"] for r in growth["rows"]] == list(SMOKE.growth_orders)
    assert "time_ratio" in growth["rows"][-1]


def test_the_markdown_names_every_target_with_its_verdict(
    report_dir: Path, report: dict[str, Any]
) -> None:
    text = (report_dir / "report.md").read_text()

    assert len(report["targets"]) == 7
    for target in report["targets"]:
        verdict = "met" if target["met"] else "**missed**"
        assert f"| {target['target']} | {target['measured']} | {verdict} |" in text
