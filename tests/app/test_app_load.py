"""A small load test of the dashboard: concurrent sessions, no errors (no timing thresholds;
benchmarks/bench_app_load.py measures the latencies)."""

from __future__ import annotations

import shutil
from pathlib import Path

from solidcell.app.load import run_load
from solidcell.app.server import RunningApp

DESIGN = Path(__file__).resolve().parent.parent / "report" / "data" / "ssb_ref1.yaml"


def test_concurrent_sessions_meet_no_errors(tmp_path: Path) -> None:
    examples = tmp_path / "examples"
    examples.mkdir()
    shutil.copy(DESIGN, examples / DESIGN.name)
    with RunningApp(examples, tmp_path / "workspace") as app:
        result = run_load(app.url, str((examples / DESIGN.name).resolve()), sessions=5,
                          duration_s=4.0)
    assert result.errors == ()
    # every session got past the page load into the design callbacks
    assert len(result.latencies_s) >= 5 * 4
