"""End-to-end time of the HTML report and the demo, with the engine calls behind one report.

Three commands run as subprocesses with this tree's ``src`` (best of N wall times, after one
warm-up run that fills their own materials database): ``solidcell report EV``,
``solidcell evaluate EV --report`` and ``solidcell demo`` (what ``make demo`` runs).
``--base-src DIR`` runs them with ``PYTHONPATH=DIR`` too (a worktree of an older commit:
``git worktree add /tmp/base HEAD``, ``--base-src /tmp/base/src``), alternating with this tree
in the same run, prints the ratio base/this and whether both wrote the same files (stdout and
every file of the output folder, byte for byte, the report's "Written ... on DATE" line aside).
Beside the wall time, the CPU time of the command (user + system, its child processes
included): on a machine shared with other work it moves far less than the wall time.

Then, per tree, how often one ``write_report`` of the EV example calls each engine (counted in
a child process by wrapping the functions), and the demo's design steps (``run_design_steps``:
evaluation, rate capability, report; in a process of their own): the double work that is left
shows there. "rate discharge solved" counts PyBaMM solves, not answers from the memo of
``solidcell.simulation.runs``.

    .venv/bin/python benchmarks/bench_report.py [--repeat 2] [--base-src DIR]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# the child-process environment and CPU clock of the CLI latency benchmark (this folder is on
# sys.path when a benchmark runs as a script)
from bench_cli_latency import _cpu, _env, baseline_args

REPO = Path(__file__).resolve().parent.parent
EV = str(REPO / "examples" / "ev-nmc811-lpscl-li.yaml")
OUT = "{out}"  # replaced by the run's output folder
COMMANDS: dict[str, list[str]] = {
    "report": ["report", EV, "--out", OUT, "--json"],
    "evaluate --report": ["evaluate", EV, "--report", OUT, "--json"],
    "demo": ["demo", "--out", OUT, "--json"],
}
#: the report's date line (template report.html): the one part that differs between runs
WRITTEN = re.compile(rb"on \d{4}-\d\d-\d\d \d\d:\d\d UTC")

#: Counts the calls of the engines during one write_report (with and without the evaluation
#: that `evaluate --report` passes; argument "report") or during the demo's design steps
#: ("demo"); prints them as JSON.
COUNT = """
import collections, functools, importlib, json, sys, tempfile
from pathlib import Path
counts = collections.Counter()
def wrap(module, attr, label):
    owner, name = importlib.import_module(module), attr
    if "." in attr:
        cls, name = attr.split(".")
        owner = getattr(owner, cls)
    f = getattr(owner, name)
    if getattr(f, "counted", False):  # imported from a module wrapped before: counted there
        return
    @functools.wraps(f)
    def counted(*a, **k):
        counts[label] += 1
        return f(*a, **k)
    counted.counted = True
    setattr(owner, name, counted)
wrap("solidcell.cell.energy", "evaluate", "evaluate")
wrap("solidcell.cell.design", "CellDesign.resolved", "CellDesign.resolved")
# the resolutions made inside the simulation and the mechanics engines (by the module that
# called CellDesign.resolved)
design_cls = importlib.import_module("solidcell.cell.design").CellDesign
resolved_counted = design_cls.resolved
def resolved_by_caller(self):
    caller = sys._getframe(1).f_globals.get("__name__", "")
    for engine in ("simulation", "mechanics"):
        if caller.startswith(f"solidcell.{engine}."):
            counts[f"CellDesign.resolved in {engine}"] += 1
    return resolved_counted(self)
design_cls.resolved = resolved_by_caller
# the experiment text split into steps (normalise_experiment, as typed or converted) and
# each step read by PyBaMM (check_steps)
wrap("solidcell.simulation.pybamm_adapter", "normalise_experiment", "experiment parsed")
wrap("solidcell.simulation.pybamm_adapter", "check_steps", "experiment steps checked")
# conductivity_at, in all and of the (material, temperature) asked most often
conductivity = importlib.import_module("solidcell.chemistry.conductivity")
conductivity_at = conductivity.conductivity_at
by_material = collections.Counter()
MOST = "conductivity_at, most of one material and temperature"
def conductivity_counted(material, temperature, *a, **k):
    counts["conductivity_at"] += 1
    by_material[(getattr(material, "id", str(material)), repr(temperature))] += 1
    return conductivity_at(material, temperature, *a, **k)
conductivity_counted.counted = True
conductivity.conductivity_at = conductivity_counted
for module in ("solidcell.chemistry.composite",):  # imported by name at module level
    setattr(importlib.import_module(module), "conductivity_at", conductivity_counted)
wrap("solidcell.simulation.pybamm_adapter", "_build", "PyBaMM model built")
runs = importlib.import_module("solidcell.simulation.runs")
# the PyBaMM solve itself (before the memo: _discharge)
wrap("solidcell.simulation.runs",
     "_solve_discharge" if hasattr(runs, "_solve_discharge") else "_discharge",
     "rate discharge solved")
wrap("solidcell.manufacturing.routes", "plan_routes", "plan_routes")
# the cost model's own plans (it imports plan_routes by name; where it was imported before
# the wrap above, its binding is the engine itself)
wrap("solidcell.manufacturing.cost", "plan_routes", "plan_routes")
wrap("solidcell.interfaces.stability", "stability_window", "stability_window")
wrap("solidcell.textio", "load_yaml", "load_yaml")
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.report.html import write_report
out = {}
if sys.argv[2] == "demo":
    from solidcell.report.demo_steps import run_design_steps
    run_design_steps(Path(tempfile.mkdtemp()), Path(sys.argv[1]), echo=lambda message: None)
    if by_material:
        counts[MOST] = max(by_material.values())
    out["demo design steps"] = dict(counts)
else:
    design = CellDesign.from_yaml(sys.argv[1])
    result = evaluate(design)
    for label, evaluation in (("write_report", None), ("then with evaluation=", result)):
        counts.clear()
        by_material.clear()
        write_report(design, tempfile.mkdtemp(), evaluation=evaluation)
        if by_material:
            counts[MOST] = max(by_material.values())
        out[label] = dict(counts)
print(json.dumps(out))
"""


def _run(args: list[str], env: dict[str, str], out: Path
         ) -> tuple[float, float, dict[str, bytes]]:
    """Wall and CPU time [s] of ``python -m solidcell ARGS`` writing into ``out`` (emptied
    first), and what it wrote: stdout and each file, with ``out`` and the report's date
    masked."""
    if out.exists():
        for f in out.iterdir():
            f.unlink()
    cmd = [sys.executable, "-m", "solidcell", *(a.replace(OUT, str(out)) for a in args)]
    t0, c0 = time.perf_counter(), _cpu()
    done = subprocess.run(cmd, env=env, capture_output=True, check=False, cwd=REPO)
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr[-2000:]!r}")
    written = {"stdout": done.stdout}
    written.update({f.name: f.read_bytes() for f in sorted(out.iterdir())})
    return wall, cpu, {k: WRITTEN.sub(b"on DATE", v.replace(str(out).encode(), b"OUT"))
                  for k, v in written.items()}


def _counts(src: Path, db: Path) -> dict[str, dict[str, int]]:
    """Engine calls per label (COUNT) of the reports (one process) and of the demo's design
    steps (another, so that nothing is remembered from the reports)."""
    out: dict[str, dict[str, int]] = {}
    for what in ("report", "demo"):
        done = subprocess.run([sys.executable, "-c", COUNT, EV, what], env=_env(src, db),
                              cwd=REPO, capture_output=True, text=True, check=True)
        out.update(json.loads(done.stdout.splitlines()[-1]))
    return out


def main() -> int:
    opts = baseline_args(__doc__.splitlines()[0], repeat=2)
    tmp = Path(tempfile.mkdtemp(prefix="solidcell-bench-report-"))
    trees = {"this": REPO / "src"}
    if opts.base_src is not None:
        trees["base"] = opts.base_src.resolve()
    envs = {tag: _env(src, tmp / f"{tag}.sqlite") for tag, src in trees.items()}
    print(f"best of {opts.repeat} per command (one process each): wall time, CPU time")
    print(f"{'command':<18} {'base [s]':>9} {'this [s]':>9} {'base/this':>9} "
          f"{'CPU base':>9} {'CPU this':>9} {'base/this':>9} {'same files':>11}")
    for name, args in COMMANDS.items():
        wall = dict.fromkeys(trees, float("inf"))
        cpu = dict.fromkeys(trees, float("inf"))
        files: dict[str, dict[str, bytes]] = {}
        for tag in trees:  # warm-up: the database, compiled modules, caches on disk
            _run(args, envs[tag], tmp / tag / name.replace(" ", "_"))
        for k in range(opts.repeat):
            # alternating, and each tree first in every other round, so that a busy machine
            # slows both alike
            for tag in (list(trees) if k % 2 == 0 else list(trees)[::-1]):
                w, c, files[tag] = _run(args, envs[tag], tmp / tag / name.replace(" ", "_"))
                wall[tag], cpu[tag] = min(wall[tag], w), min(cpu[tag], c)
        if "base" not in trees:
            print(f"{name:<18} {'-':>9} {wall['this']:>9.2f} {'-':>9} {'-':>9} "
                  f"{cpu['this']:>9.2f} {'-':>9} {'-':>11}")
            continue
        same = files["base"] == files["this"]
        print(f"{name:<18} {wall['base']:>9.2f} {wall['this']:>9.2f} "
              f"{wall['base'] / wall['this']:>9.2f} {cpu['base']:>9.2f} {cpu['this']:>9.2f} "
              f"{cpu['base'] / cpu['this']:>9.2f} {same!s:>11}")
        if not same:
            differ = sorted(k for k in {*files["base"], *files["this"]}
                            if files["base"].get(k) != files["this"].get(k))
            print(f"{'':<18} differ: {', '.join(differ)}")
    print("\nengine calls of the EV example: one write_report, a second one in the same "
          "process, the demo's design steps")
    counts = {tag: _counts(src, tmp / f"{tag}.sqlite") for tag, src in trees.items()}
    for label in counts["this"]:
        keys = dict.fromkeys(k for c in counts.values() for k in c[label])
        print(f"{label}: " + ", ".join(
            f"{k} " + "/".join(str(c[label].get(k, 0)) for c in counts.values()) for k in keys)
            + f"  ({'/'.join(trees)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
