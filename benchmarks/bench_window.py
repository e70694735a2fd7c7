"""Time of one stability window from a cold start (a new Python process).

Baselines measured in the same run, each in a new process:

- ``pymatgen import``: ``from pymatgen.analysis.phase_diagram import PhaseDiagram`` alone;
- ``pymatgen from full CSV`` (with ``--full-csv PATH`` to Matbench ``mp_e_form.csv``): read the
  whole 132k-row table, keep the Li-P-S compounds, build pymatgen's PhaseDiagram and take the
  window from ``get_element_profile``, the way one would without solidcell's shipped energy table.

Usage: python benchmarks/bench_window.py [--formula Li3PS4] [--repeat 3] [--full-csv PATH]
Prints wall and CPU time (best of --repeat; CPU time is less sensitive to a busy machine)
and the ratio baseline / solidcell.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time

SOLIDCELL = ("from solidcell.interfaces.stability import stability_window; "
             "w = stability_window({formula!r}); print(w.reduction_limit_V, w.oxidation_limit_V)")
PMG_IMPORT = "from pymatgen.analysis.phase_diagram import PhaseDiagram"
PMG_FULL = """
import csv
from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition, Element
target = Composition({formula!r})
els = {{str(e) for e in target.elements}} | {{"Li"}}
entries = []
with open({path!r}) as fh:
    for row in csv.DictReader(fh):
        c = Composition(row["formula"])
        if {{str(e) for e in c.elements}} <= els:
            entries.append(PDEntry(c, float(row["target"]) * c.num_atoms))
for el in els:
    entries.append(PDEntry(Composition(el), 0.0))
prof = PhaseDiagram(entries).get_element_profile(Element("Li"), target)
print(len(entries), len(prof))
"""


def cold(code: str, repeat: int) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system) of ``code`` in a new process."""
    env = dict(os.environ, PYBAMM_DISABLE_TELEMETRY="true", MPLBACKEND="Agg")
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formula", default="Li3PS4")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--full-csv", default=None)
    args = parser.parse_args()
    ours, ours_cpu = cold(SOLIDCELL.format(formula=args.formula), args.repeat)
    print(f"solidcell window {args.formula}, cold start: {ours:.2f} s wall, "
          f"{ours_cpu:.2f} s CPU (goal < 1 s)")
    base, base_cpu = cold(PMG_IMPORT, args.repeat)
    print(f"baseline pymatgen PhaseDiagram import alone: {base:.2f} s wall, {base_cpu:.2f} s "
          f"CPU; ratio baseline/solidcell = {base / ours:.2f} (wall), "
          f"{base_cpu / ours_cpu:.2f} (CPU)")
    if args.full_csv:
        full, full_cpu = cold(PMG_FULL.format(formula=args.formula, path=args.full_csv),
                              args.repeat)
        print(f"baseline pymatgen window from the full CSV: {full:.2f} s wall, "
              f"{full_cpu:.2f} s CPU; ratio baseline/solidcell = {full / ours:.2f} (wall), "
              f"{full_cpu / ours_cpu:.2f} (CPU)")

if __name__ == "__main__":
    main()
