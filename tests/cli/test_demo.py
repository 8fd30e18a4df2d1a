"""`chargepilot demo`: the whole job on the built-in sandbox, in one command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.cli.conftest import Cli, run_cli

REASONS = {
    "product_not_received",
    "unrecognized",
    "subscription_canceled",
    "product_unacceptable",
    "credit_not_processed",
    "fraudulent",
    "duplicate",
    "general",
}
ENTRY_KEYS = {
    "id",
    "reason",
    "status",
    "order_id",
    "confidence",
    "evidence",
    "packet_path",
    "pages",
    "bytes",
    "api_calls",
    "round_trips",
}


@pytest.fixture(scope="module")
def demo_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("demo")
    done = run_cli("-q", "demo", "--json", "--out", str(out))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert isinstance(report, dict)
    return report


def test_demo_json_is_one_object_with_a_disputes_list(
    demo_json: dict[str, Any],
) -> None:
    disputes = demo_json["disputes"]

    assert isinstance(disputes, list)
    assert disputes
    for entry in disputes:
        assert entry.keys() >= ENTRY_KEYS


def test_demo_answers_every_reason(demo_json: dict[str, Any]) -> None:
    staged = {d["reason"] for d in demo_json["disputes"] if d["status"] == "staged"}

    assert staged >= REASONS


def test_demo_staged_entries_carry_their_filing(demo_json: dict[str, Any]) -> None:
    for entry in demo_json["disputes"]:
        if entry["status"] != "staged":
            continue
        assert entry["order_id"] is not None
        assert 0 < entry["confidence"] <= 1
        assert entry["evidence"]
        assert any(str(v).startswith("file_") for v in entry["evidence"].values())
        assert entry["api_calls"] > 0
        assert entry["round_trips"] > 0


def test_demo_packets_exist_as_pdfs_under_50_pages(demo_json: dict[str, Any]) -> None:
    for entry in demo_json["disputes"]:
        path = Path(entry["packet_path"])
        assert path.is_file()
        assert path.read_bytes().startswith(b"%PDF-")
        pages = len(PdfReader(path).pages)
        assert pages == entry["pages"]
        assert pages < 50
        assert path.stat().st_size == entry["bytes"]
        assert path.parent == Path(demo_json["packets_dir"])


def test_demo_table_names_the_packets_folder(tmp_path: Path) -> None:
    out = tmp_path / "run"

    done = run_cli("-q", "demo", "--out", str(out))

    assert done.returncode == 0, done.stderr
    assert f"Packets written to {(out / 'packets').resolve()}" in flat(done.stdout)
    assert "Sandbox store, seed 7" in done.stdout


def test_demo_out_that_is_a_file_is_refused_without_a_traceback(
    cli: Cli, tmp_path: Path
) -> None:
    taken = tmp_path / "taken"
    taken.write_text("not a folder")

    ran = cli("demo", "--out", str(taken))

    assert ran.code == 2
    assert "is not a folder" in ran.err
    assert "Traceback" not in ran.err + ran.out


def flat(text: str) -> str:
    return " ".join(text.split())
