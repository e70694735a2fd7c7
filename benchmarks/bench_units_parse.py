"""How long ``units.parse`` takes per call, against the same function of an older tree
measured in the same run (``--base-src DIR``: ``git worktree add /tmp/base HEAD``, ``--base-src
/tmp/base/src``). Each case runs in a fresh process, alternating, and prints the median
microseconds per call over texts of the fast table (``5 um``, ``0.3 mA/cm2``), texts read by
pint (``1 inch``, ``2 mAh``, ``7 m/min``) and numbers with their unit apart, with the ratios.

Run: .venv/bin/python benchmarks/bench_units_parse.py [--base-src DIR] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
#: (group, value, kind, unit): what users and the curated data type
CASES = {
    "table text": [("5 um", "length", None), ("0.3 mA/cm2", "current density", None),
                   ("1.2 mS/cm", "ionic conductivity", None), ("30 MPa", "pressure", None),
                   ("1.5 mg/cm2", "areal mass", None), ("7 m/min", "rate", None)],
    "pint text": [("1 inch", "length", None), ("2 mAh", "capacity", None),
                  ("3 Wh", "energy", None), ("2 m/h", "rate", None)],
    "number + unit": [(5.0, "length", "um"), (0.3, "current density", "mA/cm2"),
                      (2.0, "capacity", "mAh")],
}
#: one process: parse each case N times after a warm call, print microseconds per call
CODE = """
import json, sys, time
from solidcell import units
cases, rounds = json.loads(sys.argv[1]), 2000
out = {}
for group, items in cases.items():
    for value, kind, unit in items:
        units.parse(value, kind, unit)  # warm: pint's registry, caches
    start = time.perf_counter()
    for _ in range(rounds):
        for value, kind, unit in items:
            units.parse(value, kind, unit)
    out[group] = (time.perf_counter() - start) / rounds / len(items) * 1e6
print(json.dumps(out))
"""


def _run(src: Path) -> dict[str, float]:
    env = {"PYTHONPATH": str(src), "PYBAMM_DISABLE_TELEMETRY": "true"}
    done = subprocess.run([sys.executable, "-c", CODE, json.dumps(CASES)], capture_output=True,
                          text=True, env=env, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-src", type=Path, help="src folder of the tree to compare with")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    trees = {"this tree": SRC} | ({"base": args.base_src} if args.base_src else {})
    times: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    for _ in range(args.repeat):  # alternating, so that load on the machine hits both
        for name, src in trees.items():
            for group, us in _run(src).items():
                times[name].setdefault(group, []).append(us)
    for group in CASES:
        now = statistics.median(times["this tree"][group])
        line = f"{group:14s} {now:8.2f} us/call"
        if args.base_src:
            base = statistics.median(times["base"][group])
            line += f"   base {base:8.2f} us/call   ratio {now / base:.2f}"
        print(line)


if __name__ == "__main__":
    main()
