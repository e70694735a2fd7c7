"""What a page load costs the dashboard: ``GET /_dash-layout`` (the page's layout, built per
load: the design list, the first design's boxes and screen ranges) through Flask's test client,
on the bundled examples, after two loads (imports, the materials database made).

Each tree runs in a fresh process per repeat, the trees alternating; the median of
``--repeat`` processes is printed, in CPU milliseconds per load (each process's fastest of 5
blocks of 10 loads; CPU time moves far less than wall time on a machine shared with other
work), and the wall milliseconds of the same blocks. ``--base-src DIR`` runs the same code
with ``PYTHONPATH=DIR`` as the named baseline (the source of an older commit, e.g.
``git archive <commit> src | tar -x -C /tmp/base``, ``--base-src /tmp/base/src``), and the
ratios base/this (> 1: this tree is faster).

    .venv/bin/python benchmarks/bench_app_layout.py [--repeat 5] [--base-src DIR]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli_latency import baseline_args, tree_medians  # --repeat, --base-src

REPO = Path(__file__).resolve().parent.parent

#: one process: 5 blocks of ROUNDS page loads after two; milliseconds per load of the fastest
#: block (CPU and wall)
CODE = """
import json, sys, tempfile, time
from pathlib import Path
from solidcell.app.server import create_app

examples, rounds = Path(sys.argv[1]), int(sys.argv[2])
client = create_app(examples, Path(tempfile.mkdtemp())).server.test_client()
for _ in range(2):  # imports; the first load makes the materials database
    assert client.get("/_dash-layout").status_code == 200
cpu = wall = float("inf")
for _ in range(5):
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in range(rounds):
        assert client.get("/_dash-layout").status_code == 200
    cpu = min(cpu, (time.process_time() - c0) / rounds * 1e3)
    wall = min(wall, (time.perf_counter() - w0) / rounds * 1e3)
print(json.dumps({"page load, CPU [ms]": cpu, "page load, wall [ms]": wall}))
"""


def timed(src: Path, db: Path, rounds: int) -> dict[str, float]:
    """Milliseconds per page load, in a fresh process running the tree ``src``."""
    env = dict(os.environ, PYTHONPATH=str(src), SOLIDCELL_DB=str(db),
               PYBAMM_DISABLE_TELEMETRY="true", MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", CODE, str(REPO / "examples"), str(rounds)],
                         check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    opts = baseline_args(__doc__.splitlines()[0], repeat=5)
    med = tree_medians(opts, lambda src, db: timed(src, db, rounds=10),
                       "solidcell-bench-layout-")
    cases = list(med["this"])
    print(f"median of {opts.repeat} processes, GET /_dash-layout on the bundled examples")
    print(f"{'case':24s} {'base':>8s} {'this':>8s} {'base/this':>10s}")
    for c in cases:
        this = med["this"][c]
        if "base" in med:
            base = med["base"][c]
            print(f"{c:24s} {base:8.1f} {this:8.1f} {base / this:10.2f}")
        else:
            print(f"{c:24s} {'-':>8s} {this:8.1f} {'-':>10s}")


if __name__ == "__main__":
    main()
