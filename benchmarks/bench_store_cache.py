"""Cost of ``MaterialStore.get`` with its cache per version of the database, and of
``solidcell.evaluate`` of the EV example, which reads about ten materials per call.

Since 2026-12-08 ``get`` answers from a cache keyed by the database's URL and version
(``database_version``: PRAGMA data_version of a watching connection, a stat of the file), the
id and whether measurements are wanted; before, each call ran its SQL query and validated the
stored JSON. Figures, each the median time per call of ``--calls`` calls after one warm-up
call: ``get`` (warm, the curated Li6PS5Cl with measurements), ``get uncached`` (this tree only:
the read the cache saves, ``MaterialStore._read``), ``database_version`` (this tree only: what
every warm get still pays), ``evaluate`` (``examples/ev-nmc811-lpscl-li.yaml``) and, this
tree only, ``evaluate`` with every get reading afresh (the cache's lookup made to miss).

Baseline, ``--base-src DIR``: the same run with ``PYTHONPATH=DIR`` (a tree of an older commit:
``git archive COMMIT src | tar -x -C /tmp/base``, ``--base-src /tmp/base/src``). Each tree runs
in a fresh interpreter per repeat (the trees alternate) on a new temporary database, and the
ratios this/base are of the medians over the repeats.

Usage (about half a minute on the 2-core development machine):
    PYBAMM_DISABLE_TELEMETRY=true .venv/bin/python benchmarks/bench_store_cache.py
        [--repeats 3] [--calls 300] [--base-src DIR]
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
EXAMPLE = REPO / "examples" / "ev-nmc811-lpscl-li.yaml"

#: One tree's run in a fresh interpreter (argv: calls, design); prints JSON of seconds per call.
CHILD = """
import json, statistics, sys, time
import solidcell
from solidcell.materials.store import default_store
calls, path = int(sys.argv[1]), sys.argv[2]
store = default_store()
design = solidcell.CellDesign.from_yaml(path)

def per_call(call, n):
    call()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return statistics.median(times)

out = {"get": per_call(lambda: store.get("li6ps5cl"), calls),
       "evaluate": per_call(lambda: solidcell.evaluate(design), calls)}
if hasattr(store, "_read"):
    from solidcell.materials.store import database_version
    out["get_uncached"] = per_call(lambda: store._read(store.engine, "li6ps5cl", True), calls)
    out["version"] = per_call(lambda: database_version(store.url), calls)
    from solidcell.materials import store as store_module
    store_module._READ_CACHE.get = lambda key: None  # every get reads (and puts) afresh
    out["evaluate_uncached"] = per_call(lambda: solidcell.evaluate(design), calls)
print(json.dumps(out))
"""

LABELS = {"get": "get (warm)", "get_uncached": "get uncached", "version": "database_version",
          "evaluate": "evaluate(EV example)", "evaluate_uncached": "evaluate, get uncached"}


def child(src: Path, calls: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, PYTHONPATH=str(src), PYBAMM_DISABLE_TELEMETRY="true",
                   SOLIDCELL_DB=str(Path(folder) / "bench.sqlite"))
        done = subprocess.run([sys.executable, "-c", CHILD, str(calls), str(EXAMPLE)], env=env,
                              capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--base-src", type=Path, default=None)
    args = parser.parse_args()
    srcs = [REPO / "src", *([args.base_src] if args.base_src is not None else [])]
    runs = [[child(src, args.calls) for src in srcs] for _ in range(args.repeats)]
    print(f"median per call of {args.calls} calls, median of {args.repeats} processes")
    medians = [{k: statistics.median(r[i][k] for r in runs) for k in runs[0][i]}
               for i in range(len(srcs))]
    for label, m in zip(("this tree", "base tree"), medians, strict=False):
        shown = ", ".join(f"{LABELS[k]} {v * 1e6:.1f} us" for k, v in m.items())
        print(f"  {label}: {shown}")
    this = medians[0]
    if "get_uncached" in this:
        print(f"  this tree, warm get / uncached get: {this['get'] / this['get_uncached']:.3f};"
              f" database_version / warm get: {this['version'] / this['get']:.2f}; evaluate / "
              f"evaluate with get uncached: {this['evaluate'] / this['evaluate_uncached']:.2f}")
    if len(medians) == 2:
        base = medians[1]
        print(f"  this/base: get {this['get'] / base['get']:.3f}, evaluate "
              f"{this['evaluate'] / base['evaluate']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
