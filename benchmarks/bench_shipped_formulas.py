"""``shipped_table().formulas``: the formula column alone against the whole table built.

``ShippedTable.formulas`` (no user entries) reads only the ``formula`` column of
``mp_e_form.csv.gz``. Baseline, named ``full build``: the former path, every row parsed into
the whole table's arrays (``ShippedTable._whole()``, as ``.formulas`` did before), which is
still what ``counts``/``energies`` of the whole table do.

Each variant runs in a new Python process (after ``import solidcell.interfaces.energies``,
so the package import is not timed): wall time of the first ``.formulas`` (best of
--repeat processes) and, in another new process, the peak Python memory of that call
(tracemalloc). Both variants must give the same formulas in the same order (sha256 printed).

Usage: python benchmarks/bench_shipped_formulas.py [--repeat 3] [--scheme zhu2015]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CHILD = r"""
import hashlib, json, sys, time, tracemalloc
variant, scheme, trace = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
from solidcell.interfaces.energies import shipped_table
table = shipped_table(scheme)
if trace:
    tracemalloc.start()
t0 = time.perf_counter()
formulas = table.formulas if variant == "cheap" else table._whole().formulas
seconds = time.perf_counter() - t0
peak = tracemalloc.get_traced_memory()[1] if trace else None
digest = hashlib.sha256("\n".join(formulas).encode()).hexdigest()
print(json.dumps({"seconds": seconds, "peak": peak, "n": len(formulas), "sha256": digest}))
"""


def child(variant: str, scheme: str, trace: bool) -> dict:
    env = dict(os.environ, PYBAMM_DISABLE_TELEMETRY="true", MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", CHILD, variant, scheme, "1" if trace else "0"],
                         check=True, env=env, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scheme", default="zhu2015")
    args = parser.parse_args()
    res = {v: min((child(v, args.scheme, False) for _ in range(args.repeat)),
                  key=lambda r: r["seconds"]) for v in ("cheap", "full")}
    mem = {v: child(v, args.scheme, True)["peak"] for v in ("cheap", "full")}
    cheap, full = res["cheap"], res["full"]
    same = cheap["sha256"] == full["sha256"] and cheap["n"] == full["n"]
    print(f"shipped_table({args.scheme!r}).formulas: {cheap['n']} formulas "
          f"({'identical' if same else 'DIFFERENT'} to the baseline, sha256 "
          f"{cheap['sha256'][:12]})")
    print(f"  first call    formula column {cheap['seconds'] * 1e3:8.1f} ms, full build "
          f"{full['seconds'] * 1e3:8.1f} ms, ratio full/column "
          f"{full['seconds'] / cheap['seconds']:.1f}")
    print(f"  peak memory   formula column {mem['cheap'] / 1e6:8.1f} MB, full build "
          f"{mem['full'] / 1e6:8.1f} MB, ratio full/column {mem['full'] / mem['cheap']:.1f}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
