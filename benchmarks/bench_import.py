"""How long `import solidcell` takes in a fresh process, against named baselines measured in the
same run: a bare interpreter, and importing the heavy dependencies solidcell keeps lazy
(pydantic + pint + pymatgen + pybamm). Prints seconds (median of N runs) and ratios. Two more
cases: reading the curated materials (which needs no pint: ``units._FAST`` holds their units)
and building the pint registry (pint's import loads Dask where it is installed).
``--base-src DIR`` runs each case with ``PYTHONPATH=DIR`` too (a worktree of an older commit:
``git worktree add /tmp/base HEAD``, ``--base-src /tmp/base/src``), alternating, with the
ratios base/this.

Run: .venv/bin/python benchmarks/bench_import.py [--base-src DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 7
CASES = {
    "bare interpreter (baseline)": "pass",
    "import solidcell": "import solidcell",
    "import solidcell; sc.cli --help path": "import solidcell.cli",
    "heavy deps eagerly (what solidcell avoids)":
        "import pydantic, pint, pymatgen.core, pybamm",
    "read the curated materials (no pint)":
        "from solidcell.materials.curated import curated_materials as c; c()",
    "units.registry() (pint, with Dask)": "import solidcell.units as u; u.registry()",
}
SRC = Path(__file__).resolve().parent.parent / "src"


def timed(code: str, src: Path = SRC) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={"PYBAMM_DISABLE_TELEMETRY": "true", "PATH": "", "PYTHONPATH": str(src)})
    return time.perf_counter() - start


def compare(base: Path) -> None:
    """Median time of each case with ``base`` and with this tree, alternating; base/this."""
    print(f"\n{'case':48s} {'base [s]':>9s} {'this [s]':>9s} {'base/this':>9s}")
    for name, code in CASES.items():
        runs: dict[Path, list[float]] = {base: [], SRC: []}
        for _ in range(RUNS):
            for src, times in runs.items():
                times.append(timed(code, src))
        b, t = statistics.median(runs[base]), statistics.median(runs[SRC])
        print(f"{name:48s} {b:9.3f} {t:9.3f} {b / t:9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-src", type=Path, help="src folder of the baseline tree")
    args = parser.parse_args()
    results = {name: statistics.median(timed(code) for _ in range(RUNS))
               for name, code in CASES.items()}
    base = results["bare interpreter (baseline)"]
    print(f"{'case':48s} {'median [s]':>10s} {'minus bare [s]':>15s}")
    for name, t in results.items():
        print(f"{name:48s} {t:10.3f} {t - base:15.3f}")
    own = results["import solidcell"] - base
    heavy = results["heavy deps eagerly (what solidcell avoids)"] - base
    print(f"\nimport solidcell costs {own * 1000:.0f} ms over a bare interpreter; importing the "
          f"heavy dependencies eagerly would cost {heavy:.2f} s ({heavy / max(own, 1e-3):.0f}x).")
    if args.base_src:
        compare(args.base_src.resolve())


if __name__ == "__main__":
    main()
