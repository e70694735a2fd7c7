"""Test-wide settings: no telemetry, no display, and a private materials database per worker
(so tests never touch the user's own database)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")
os.environ.setdefault("MPLBACKEND", "Agg")
_DB_DIR = Path(tempfile.mkdtemp(prefix="solidcell-tests-"))
os.environ["SOLIDCELL_DB"] = str(_DB_DIR / "materials.sqlite")

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    """The repository root (examples/, docs/, tests/data/)."""
    return REPO


@pytest.fixture
def fresh_db(tmp_path: Path) -> str:
    """Path of an empty materials database (curated data is loaded on first open)."""
    return str(tmp_path / "materials.sqlite")
