"""What loading a design costs the command line: ``evaluate``'s load of each example design
(``solidcell.cli.cell._load``: the file checked, parsed, validated), ``cost``'s and ``route``'s
(``solidcell.cli.manufacturing._load_design``: parsed, validated, mapped onto the layer stack,
which evaluates it), ``screen``'s load of the
example space (with the material check its command made before it, where the tree has one),
and the evaluation of each loaded design (resolution and energy bookkeeping); and how often
each command's load parses the file (JSON/YAML parses per load, counted).

Each case runs in a fresh process per tree (materials database and caches warmed first), the
trees alternating; the median of ``--repeat`` processes is printed, in CPU microseconds per
load (each process's fastest of 5 blocks; CPU time moves far less than wall time on a machine
shared with other work).
``--base-src DIR`` runs the same code with ``PYTHONPATH=DIR`` as the named baseline (a
worktree of an older commit: ``git worktree add /tmp/base HEAD``, ``--base-src
/tmp/base/src``), and the ratios base/this (> 1: this tree is faster).

    .venv/bin/python benchmarks/bench_design_load.py [--repeat 5] [--base-src DIR]
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
DESIGNS = sorted(str(p) for p in (REPO / "examples").glob("*.yaml"))
SPACE = str(REPO / "examples" / "spaces" / "ev.yaml")

#: one process: each case in 5 blocks of ROUNDS rounds after a warm-up; microseconds per load
#: of the fastest block, per case
CODE = """
import json, sys, time
from solidcell.cli import _common
from solidcell.cli.cell import _load
from solidcell.cli.manufacturing import _load_design
from solidcell.cell.energy import evaluate
from solidcell.screening.screen import load_space

designs, space, rounds = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3])
check = getattr(_common, "refuse_material", None)  # the screen command's check, where kept


def screen_load(path):
    if check is not None:
        check(__import__("pathlib").Path(path), "space", "a design space")
    return load_space(path)


loaded = [_load(p) for p in designs]
for d in loaded:  # warm: materials database, element tables
    evaluate(d)
screen_load(space)


def per_load(call, items):  # the best of 5 blocks of ROUNDS rounds: the least disturbed
    best = float("inf")
    for _ in range(5):
        start = time.process_time()  # CPU time: on a shared machine it moves far less
        for _ in range(rounds):
            for item in items:
                call(item)
        best = min(best, time.process_time() - start)
    return best / rounds / len(items) * 1e6


def parses(call, items):  # JSON/YAML parses of a file per load (textio's readers counted)
    import solidcell.textio as textio

    kept, count = (textio.load_yaml, textio.load_json), [0]

    def counted(read):
        def read_counted(*args, **kwargs):
            count[0] += 1
            return read(*args, **kwargs)
        return read_counted

    textio.load_yaml, textio.load_json = (counted(r) for r in kept)
    try:
        for item in items:
            call(item)
    finally:
        textio.load_yaml, textio.load_json = kept
    return count[0] / len(items)


print(json.dumps({"evaluate: load a design": per_load(_load, designs),
                  "cost: load a design": per_load(_load_design, designs),
                  "screen: load the space": per_load(screen_load, [space]),
                  "evaluate a loaded design": per_load(evaluate, loaded),
                  "parses per load: evaluate": parses(_load, designs),
                  "parses per load: cost": parses(_load_design, designs)}))
"""


def timed(src: Path, db: Path, rounds: int) -> dict[str, float]:
    """Microseconds per load of each case, in a fresh process running the tree ``src``."""
    env = dict(os.environ, PYTHONPATH=str(src), SOLIDCELL_DB=str(db),
               PYBAMM_DISABLE_TELEMETRY="true", MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", CODE, json.dumps(DESIGNS), SPACE, str(rounds)],
                         check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    opts = baseline_args(__doc__.splitlines()[0], repeat=5)
    med = tree_medians(opts, lambda src, db: timed(src, db, rounds=10),
                       "solidcell-bench-load-")
    cases = list(med["this"])
    print(f"median of {opts.repeat} processes, {len(DESIGNS)} example designs; "
          "CPU microseconds per load")
    print(f"{'case':28s} {'base [us]':>10s} {'this [us]':>10s} {'base/this':>10s}")
    for c in cases:
        this = med["this"][c]
        if c.startswith("parses"):  # a count, not a time
            base = f"{med['base'][c]:.3g}" if "base" in med else "-"
            print(f"{c:28s} {base:>10s} {this:10.3g} {'-':>10s}")
            continue
        if "base" in med:
            base = med["base"][c]
            print(f"{c:28s} {base:10.0f} {this:10.0f} {base / this:10.2f}")
        else:
            print(f"{c:28s} {'-':>10s} {this:10.0f} {'-':>10s}")


if __name__ == "__main__":
    main()
