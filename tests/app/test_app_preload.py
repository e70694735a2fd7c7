"""A served dashboard imports the simulation stack (PyBaMM) in a background daemon thread
(``create_app(preload=True)``, as ``serve`` creates it), so that its first simulation Run does
not wait for the import in its check before the job; ``import solidcell.app`` and an app
created without it import no PyBaMM; a Run's check during the import waits for it and
answers as without (Python's per-module import lock). The timing is measured by
benchmarks/bench_app_first_run.py, not asserted here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from solidcell.app import server

SRC = Path(__file__).resolve().parents[2] / "src"
EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
#: a fresh process: creates the app with ``preload`` (argv[1]) and, at once, runs the
#: simulation Run's check on the EV example while the import may still be under way
CODE = """
import json, sys
from solidcell.app.server import create_app, simulation_inputs_check
from solidcell.cell.design import CellDesign
preload = json.loads(sys.argv[1])
app = create_app(preload=preload)
out = {"imported_at_creation": "pybamm" in sys.modules}
thread = app.state.preload
out["thread"] = None if thread is None else [thread.daemon, thread.name]
if preload:
    simulation_inputs_check(CellDesign.from_yaml(sys.argv[2]), "Discharge at C/10 until 3 V",
                            "auto", {})
    thread.join()
    out["imported"] = "pybamm" in sys.modules
app.state.jobs.close()
print(json.dumps(out))
"""


def _fresh(preload: bool, tmp_path: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYBAMM_DISABLE_TELEMETRY": "true",
           "SOLIDCELL_DB": str(tmp_path / "materials.sqlite")}
    done = subprocess.run([sys.executable, "-c", CODE, json.dumps(preload), str(EV)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_an_app_created_without_preload_imports_no_pybamm(tmp_path: Path) -> None:
    assert _fresh(False, tmp_path) == {"imported_at_creation": False, "thread": None}


def test_a_run_during_the_background_import_waits_for_it(tmp_path: Path) -> None:
    out = _fresh(True, tmp_path)
    assert out["thread"] == [True, "solidcell-preload-simulation"]
    assert out["imported"] is True


def test_serve_creates_the_app_with_the_preload(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    class Created(Exception):
        pass

    def create(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        raise Created  # before any bind

    monkeypatch.setattr(server, "create_app", create)
    with pytest.raises(Created):
        server.serve(port=0)
    assert seen["preload"] is True
