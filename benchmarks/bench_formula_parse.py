"""How long ``parse_composition`` takes per formula, against named baselines measured in the
same run: pymatgen's own ``Composition(formula)`` (what solidcell wraps), and, with
``--base-src DIR``, the same solidcell function of an older tree (``git worktree add /tmp/base
HEAD``, ``--base-src /tmp/base/src``). Each case runs in a fresh process, alternating, and
prints the median microseconds per formula over the formulas of the curated materials plus a
fixed list of hard ones (subscripts, hydrates, mixtures, exponents), with the ratios.

pymatgen's baseline parses only the formulas it reads (no subscripts, hydrate dots or
mixtures): its count is printed beside it.

Run: .venv/bin/python benchmarks/bench_formula_parse.py [--base-src DIR] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
#: formulas beyond the curated ones: the spellings users paste (docs/conventions.md)
EXTRA = ["Li₆PS₅Cl", "LiOH·H2O", "0.75Li2S-0.25P2S5", "Li1.3Al0.3Ti1.7(PO4)3",
         "Li6.4La3Zr1.4Ta0.6O12", "LiNi0.8Mn0.1Co0.1O2", "Li10GeP2S12", "Li3InCl6",
         "Li7La3Zr2O12", "(Li2S)0.75(P2S5)0.25", "Na3Zr2Si2PO12"]
#: one process: parse every formula N times (no cache), print microseconds per formula
CODE = """
import json, sys, time
from solidcell.materials.curated import curated_materials
formulas = [m.formula for m in curated_materials() if m.formula] + json.loads(sys.argv[1])
mode, rounds = sys.argv[2], 20
if mode == "pymatgen":
    from pymatgen.core import Composition as parse
else:
    from solidcell.chemistry import composition
    parse = composition.parse_composition
kept = []
for f in formulas:  # warm: imports, element tables; pymatgen reads no subscripts or mixtures
    try:
        parse(f)
    except Exception:
        continue
    kept.append(f)
formulas = kept
start = time.perf_counter()
for _ in range(rounds):
    for f in formulas:
        parse(f)
print(json.dumps({"us": (time.perf_counter() - start) / rounds / len(formulas) * 1e6,
                  "n": len(formulas)}))
"""


def timed(mode: str, src: Path) -> tuple[float, int]:
    """Microseconds per formula and the number of formulas, in a fresh process."""
    out = subprocess.run([sys.executable, "-c", CODE, json.dumps(EXTRA), mode], check=True,
                         capture_output=True, text=True,
                         env={"PYBAMM_DISABLE_TELEMETRY": "true", "PATH": "",
                              "PYTHONPATH": str(src)}).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return data["us"], data["n"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-src", type=Path, help="src folder of the baseline tree")
    parser.add_argument("--repeat", type=int, default=5, help="processes per case")
    args = parser.parse_args()
    cases = {"pymatgen Composition (baseline)": ("pymatgen", SRC),
             "parse_composition, this tree": ("solidcell", SRC)}
    if args.base_src:
        cases["parse_composition, base tree"] = ("solidcell", args.base_src.resolve())
    runs: dict[str, list[float]] = {name: [] for name in cases}
    counts: dict[str, int] = {}
    for _ in range(args.repeat):
        for name, (mode, src) in cases.items():
            us, counts[name] = timed(mode, src)
            runs[name].append(us)
    med = {name: statistics.median(times) for name, times in runs.items()}
    this = med["parse_composition, this tree"]
    print(f"median of {args.repeat} processes; this/case > 1: this tree is slower")
    print(f"{'case':36s} {'formulas':>8s} {'us/formula':>11s} {'this/case':>10s}")
    for name, us in med.items():
        print(f"{name:36s} {counts[name]:8d} {us:11.1f} {this / us:10.2f}")


if __name__ == "__main__":
    main()
