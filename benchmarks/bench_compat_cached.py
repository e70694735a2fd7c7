"""Cost of a warm pair cache (``solidcell.interfaces.compat``): a compatibility matrix whose
windows, equilibria and reaction energies are all cached, as a dashboard or a screen asks
for them a second time.

Since 2026-12-07 each cache is keyed by what the analysis reads (a curated phase by its id;
another id by the formula and mobile ion the materials database holds for it, read once per
version of the database), not by the id alone. Baseline, ``--base-src DIR``: the same run with
``PYTHONPATH=DIR`` (a tree of an older commit: ``git archive COMMIT src | tar -x -C
/tmp/base``, ``--base-src /tmp/base/src``). Each tree runs in a fresh interpreter per repeat
(the trees alternate): it fills the caches with one matrix (curated electrolytes, and a user
electrolyte of a temporary database, formula Li3PS4, against every electrode), then times
``--calls`` more matrices of each kind and prints the median time per matrix.

Usage (about a minute on the 2-core development machine):
    PYBAMM_DISABLE_TELEMETRY=true .venv/bin/python benchmarks/bench_compat_cached.py
        [--repeats 3] [--calls 200] [--base-src DIR]
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

#: One tree's run in a fresh interpreter (argv: calls); prints JSON of seconds per matrix.
CHILD = """
import json, statistics, sys, time
from solidcell.interfaces.compat import compatibility_matrix
from solidcell.materials import default_store
calls = int(sys.argv[1])
default_store().add({"id": "bench_el", "name": "bench", "formula": "Li3PS4",
                     "category": "electrolyte", "electrolyte_class": "sulfide"})
out = {}
for label, ids in (("curated", ["li6ps5cl", "li3ps4", "llzo", "lipon"]),
                   ("user", ["bench_el"])):
    compatibility_matrix(ids)  # fills the caches
    times = []
    for _ in range(calls):
        t = time.perf_counter()
        compatibility_matrix(ids)
        times.append(time.perf_counter() - t)
    out[label] = statistics.median(times)
print(json.dumps(out))
"""


def child(src: Path, calls: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, PYTHONPATH=str(src), PYBAMM_DISABLE_TELEMETRY="true",
                   SOLIDCELL_DB=str(Path(folder) / "bench.sqlite"))
        done = subprocess.run([sys.executable, "-c", CHILD, str(calls)], env=env,
                              capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--base-src", type=Path, default=None)
    args = parser.parse_args()
    srcs = [REPO / "src", *([args.base_src] if args.base_src is not None else [])]
    runs = [[child(src, args.calls) for src in srcs] for _ in range(args.repeats)]
    print(f"warm compatibility matrix, median per matrix of {args.calls} calls, median of "
          f"{args.repeats} processes")
    medians = [{k: statistics.median(r[i][k] for r in runs) for k in ("curated", "user")}
               for i in range(len(srcs))]
    for label, m in zip(("this tree", "base tree"), medians, strict=False):
        print(f"  {label}: 4 curated electrolytes x all electrodes {m['curated'] * 1e3:.2f} ms,"
              f" a user electrolyte x all electrodes {m['user'] * 1e3:.2f} ms")
    if len(medians) == 2:
        this, base = medians
        print(f"  this/base: curated {this['curated'] / base['curated']:.2f}, user "
              f"{this['user'] / base['user']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
