"""Stability window on the full shipped energy table against the former subset table.

solidcell ships the lowest polymorph of every reduced formula of Matbench ``mp_e_form``
(``mp_e_form.csv.gz``, all chemical systems, read lazily: only the chemical systems a query
needs are parsed). Baseline, named ``old subset``: the table shipped before, 5,242 formulas
of the chemical systems of the materials pairs of ``solidcell.interfaces.phases``, loaded the
way it was then (the whole CSV parsed into dense arrays at the first call); it is rebuilt
here from the full table with the same selection rule, so both give the same windows.

Each variant runs in a new Python process (after ``import solidcell.interfaces.stability``):
first-call latency, repeated-call latency (best of --repeat), and in another new process the
peak Python memory of the first call (tracemalloc).

Usage: python benchmarks/bench_window_table.py [--formula Li3PS4 --formula Li7La3Zr2O12]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

CHILD = r"""
import json, sys, time, tracemalloc
variant, formula, repeat, subset_path, trace = sys.argv[1:6]
repeat, trace = int(repeat), trace == "1"
import numpy as np
from solidcell.interfaces import energies
from solidcell.interfaces.stability import stability_window

_raw = None

def old_table(scheme="zhu2015"):
    # the loader of the former subset table (energies.py before the full table)
    global _raw
    if _raw is None:
        lines = open(subset_path).read().splitlines()
        els = tuple(sorted({p.split(":")[0] for line in lines for p in line.split(",")[1].split()}))
        formulas, counts, energies_, e_hull = energies.parse_rows(lines, els)
        _raw = (els, formulas, counts, energies_, e_hull)
    els, formulas, counts, e, e_hull = _raw
    sources = energies.DATA_SOURCES
    if scheme == "zhu2015":
        e = e - energies.MP_LEGACY_SULFIDE_CORRECTION * energies.sulfide_atoms(els, counts)
    return energies.EnergyTable(els, formulas, counts, e, scheme, energies.SNAPSHOT, sources,
                                stable=e_hull[scheme] <= energies.HULL_TOL)

def window():
    if variant == "full":
        return stability_window(formula)
    return stability_window(formula, table=old_table())

if trace:
    tracemalloc.start()
t0 = time.perf_counter()
w = window()
first = time.perf_counter() - t0
peak = tracemalloc.get_traced_memory()[1] if trace else None
best = float("inf")
if not trace:
    for _ in range(repeat):
        t0 = time.perf_counter()
        window()
        best = min(best, time.perf_counter() - t0)
print(json.dumps({"first": first, "repeat": best, "peak": peak,
                  "window": [w.reduction_limit_V, w.oxidation_limit_V]}))
"""


def subset_file(folder: Path) -> Path:
    """The rows of the former subset table (same selection rule), in the shipped format."""
    from solidcell.interfaces._build_data import chemical_systems
    from solidcell.interfaces.energies import DATA_FILE

    systems = chemical_systems()
    raw = resources.files("solidcell.interfaces.data").joinpath(DATA_FILE).read_bytes()
    keep = []
    for line in gzip.decompress(raw).decode().splitlines()[1:]:
        key, _, rest = line.partition(",")
        els = frozenset(key.split("-"))
        if any(els <= s for s in systems):
            keep.append(rest)
    path = folder / "subset.csv"
    path.write_text("\n".join(keep) + "\n")
    return path


def child(variant: str, formula: str, repeat: int, subset: Path, trace: bool) -> dict:
    env = dict(os.environ, PYBAMM_DISABLE_TELEMETRY="true", MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", CHILD, variant, formula, str(repeat),
                          str(subset), "1" if trace else "0"],
                         check=True, env=env, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formula", action="append")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    formulas = args.formula or ["Li3PS4", "Li7La3Zr2O12"]
    from solidcell.interfaces.energies import DATA_FILE

    shipped = resources.files("solidcell.interfaces.data").joinpath(DATA_FILE)
    print(f"shipped table {DATA_FILE}: {len(shipped.read_bytes()) / 1e6:.2f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        subset = subset_file(Path(tmp))
        n_subset = len(subset.read_text().splitlines())
        print(f"baseline 'old subset': {n_subset} formulas")
        for formula in formulas:
            res = {v: child(v, formula, args.repeat, subset, False) for v in ("full", "old")}
            mem = {v: child(v, formula, 1, subset, True)["peak"] for v in ("full", "old")}
            full, old = res["full"], res["old"]
            same = "identical" if full["window"] == old["window"] else "DIFFERENT"
            print(f"{formula}: window {full['window'][0]:.3f}-{full['window'][1]:.3f} V "
                  f"({same} with the baseline)")
            for key, label, unit, scale in (("first", "first call", "ms", 1e3),
                                            ("repeat", "repeated call", "ms", 1e3)):
                print(f"  {label:14s} full {full[key] * scale:8.1f} {unit}, old subset "
                      f"{old[key] * scale:8.1f} {unit}, ratio full/old "
                      f"{full[key] / old[key]:.2f}")
            print(f"  {'peak memory':14s} full {mem['full'] / 1e6:8.1f} MB, old subset "
                  f"{mem['old'] / 1e6:8.1f} MB, ratio full/old {mem['full'] / mem['old']:.2f}")


if __name__ == "__main__":
    main()
