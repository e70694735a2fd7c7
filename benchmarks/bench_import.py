"""How long `import solidcell` takes in a fresh process, against named baselines measured in the
same run: a bare interpreter, and importing the heavy dependencies solidcell keeps lazy
(pydantic + pint + pymatgen + pybamm). Prints seconds (median of N runs) and ratios.

Run: .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7
CASES = {
    "bare interpreter (baseline)": "pass",
    "import solidcell": "import solidcell",
    "import solidcell; sc.cli --help path": "import solidcell.cli",
    "heavy deps eagerly (what solidcell avoids)":
        "import pydantic, pint, pymatgen.core, pybamm",
}


def timed(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={"PYBAMM_DISABLE_TELEMETRY": "true", "PATH": ""})
    return time.perf_counter() - start


def main() -> None:
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


if __name__ == "__main__":
    main()
