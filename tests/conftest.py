"""Fixtures every test may use."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def find_specs_dir() -> Path:
    """Where the official API specs live: a setting, else ../shared/specs."""
    configured = os.environ.get("CHARGEPILOT_SPECS_DIR")
    path = Path(configured) if configured else REPO.parent / "shared" / "specs"
    if not (path / "bigcommerce").is_dir() or not (path / "stripe").is_dir():
        pytest.fail(
            f"The official API specs are missing: expected {path}/bigcommerce and "
            f"{path}/stripe (the shared/ folder beside the repository). Set "
            "CHARGEPILOT_SPECS_DIR to the folder that holds them.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def specs_dir() -> Path:
    return find_specs_dir()
