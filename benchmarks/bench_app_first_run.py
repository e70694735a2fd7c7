"""How long a served dashboard's first simulation Run waits before its job starts, with the
simulation stack imported in a background thread at start (``create_app(preload=True)``, as
``solidcell app`` serves it) against the baseline without (``preload=False``), measured in the
same run, alternating, each in a fresh process. The wait is the Run's check before the job
(``server.simulation_inputs_check``: the engine's ``simulate_inputs``, which imports PyBaMM);
the page's first work (the design tab's design read and evaluated, which imports the
materials store) is done first, as a page does on opening. ``DELAY`` s after the app was
created the user clicks Run (0: at once, the Run waits on the import lock). Prints the median
seconds of ``create_app``, of the page's first work (the background import competes for the
interpreter) and of the Run's check, and baseline/preload ratios.

Run: .venv/bin/python benchmarks/bench_app_first_run.py [--runs 5] [--delays 0 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DESIGN = REPO / "examples" / "ev-nmc811-lpscl-li.yaml"
EXPERIMENT = "Discharge at C/10 until 3 V"
CODE = """
import json, sys, time
preload, delay, design, experiment = json.loads(sys.argv[1])
start = time.perf_counter()
from solidcell.app.server import create_app, simulation_inputs_check
app = create_app(preload=preload)
created = time.perf_counter()
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
d = CellDesign.from_yaml(design)
evaluate(d)
paged = time.perf_counter()
time.sleep(max(0.0, delay - (paged - created)))
clicked = time.perf_counter()
simulation_inputs_check(d, experiment, "auto", {})
checked = time.perf_counter()
app.state.jobs.close()
print(json.dumps({"create_app": created - start, "page": paged - created,
                  "run_check": checked - clicked}))
"""


def timed(preload: bool, delay: float, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CODE,
                          json.dumps([preload, delay, str(DESIGN), EXPERIMENT])],
                         check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--delays", type=float, nargs="+", default=[0.0, 3.0])
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="solidcell-bench-first-run-"))
    env = {**os.environ, "PYBAMM_DISABLE_TELEMETRY": "true", "MPLBACKEND": "Agg",
           "SOLIDCELL_DB": str(tmp / "materials.sqlite"),
           "PYTHONPATH": str(REPO / "src")}
    timed(False, 0.0, env)  # warm the file cache (and create the database) once
    print(f"{'delay [s]':>9s} {'measure':>11s} {'baseline [s]':>12s} {'preload [s]':>11s} "
          f"{'base/preload':>12s}")
    for delay in args.delays:
        runs: dict[bool, list[dict[str, float]]] = {False: [], True: []}
        for _ in range(args.runs):
            for preload, times in runs.items():
                times.append(timed(preload, delay, env))
        for key in ("create_app", "page", "run_check"):
            base = statistics.median(r[key] for r in runs[False])
            pre = statistics.median(r[key] for r in runs[True])
            print(f"{delay:9.1f} {key:>11s} {base:12.3f} {pre:11.3f} {base / pre:12.2f}")


if __name__ == "__main__":
    main()
