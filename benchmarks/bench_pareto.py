"""Speed of the Pareto front of a screen (``solidcell.screening.screen.pareto_mask``).

Times the shipped ``pareto_mask`` against the named baseline ``former_pareto_mask``, the
code before the pre-filter and the blocked sweep (one vectorised pass per front point for
three or more objectives), carried below verbatim, on

- ``random``: uniform random numbers (seed 0), every column maximised;
- ``screen``: the objective columns of the dashboard's screen (``solidcell.app.server``:
  ``screen_space`` of ``examples/ev-nmc811-lpscl-li.yaml``, cathode 40-150 um, separator
  10-60 um, its default ranges until 2026-12-07, Latin hypercube seed 1, application
  ``ev``), rows that miss the requirements NaN as ``screen()`` hands them over: k = 2
  gravimetric energy and specific power, k = 3 the ``ev`` objectives (gravimetric and
  volumetric energy, specific power), k = 4 those and the power density;
- ``sphere``: points on the positive unit-sphere octant (every point on the front, the
  worst case of the baseline), n = 10^4 only.

for n = 10^4, 10^5, 10^6 and k = 2, 3, 4. Prints both times and their ratio; exits 1 if a
mask differs (the new code must give the same front, row for row).

Usage (about 2 min on the 2-core development machine, most of it the baseline):
    PYBAMM_DISABLE_TELEMETRY=true SOLIDCELL_DB=/tmp/bench.sqlite \
        .venv/bin/python benchmarks/bench_pareto.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from solidcell.screening.screen import pareto_mask

DESIGN = Path(__file__).resolve().parent.parent / "examples" / "ev-nmc811-lpscl-li.yaml"
#: the dashboard's default ranges until 2026-12-07 (since then half to twice the design's,
#: solidcell.app.server.screen_defaults: 40-160 and 15-60 um here), in um; kept fixed so the
#: measured times stay comparable
RANGES = {"scr-cathode-min": "40", "scr-cathode-max": "150",
          "scr-separator-min": "10", "scr-separator-max": "60"}
COLUMNS = {2: ["Cell gravimetric energy density [W.h.kg-1]", "Cell specific power [W.kg-1]"],
           3: ["Cell gravimetric energy density [W.h.kg-1]",
               "Cell volumetric energy density [W.h.L-1]", "Cell specific power [W.kg-1]"],
           4: ["Cell gravimetric energy density [W.h.kg-1]",
               "Cell volumetric energy density [W.h.L-1]", "Cell specific power [W.kg-1]",
               "Cell power density [W.L-1]"]}


def former_pareto_mask(values: np.ndarray, senses: list[str]) -> np.ndarray:
    """``pareto_mask`` before the pre-filter and the blocked sweep (validation left out)."""
    v = np.array(values, dtype=float)
    for j, s in enumerate(senses):
        if s == "min":
            v[:, j] = -v[:, j]
    valid = np.all(np.isfinite(v), axis=1)
    idx = np.nonzero(valid)[0]
    mask = np.zeros(len(v), dtype=bool)
    if idx.size == 0:
        return mask
    order = idx[np.lexsort(tuple(-v[idx, j] for j in reversed(range(v.shape[1]))))]
    pts = v[order]
    if pts.shape[1] <= 2:  # one sweep, O(n log n) even when every design is on the front
        mask[order[former_front_2d(pts)]] = True
        return mask
    alive = np.arange(len(order))
    i = 0
    while i < len(alive):
        p = pts[alive[i]]
        rest = pts[alive[i + 1:]]
        dominated = np.all(rest <= p, axis=1) & np.any(rest < p, axis=1)
        alive = np.concatenate([alive[:i + 1], alive[i + 1:][~dominated]])
        i += 1
    mask[order[alive]] = True
    return mask


def former_front_2d(pts: np.ndarray) -> np.ndarray:
    a0 = pts[:, 0]
    a1 = pts[:, 1] if pts.shape[1] == 2 else np.zeros(len(pts))
    start = np.zeros(len(pts), dtype=int)  # first index of each run of equal a0
    new_run = np.r_[True, a0[1:] != a0[:-1]]
    start[new_run] = np.nonzero(new_run)[0]
    start = np.maximum.accumulate(start)
    best_before = np.r_[-np.inf, np.maximum.accumulate(a1)][start]  # max a1 of larger a0
    return (a1 > best_before) & (a1 == a1[start])


def screen_values(n: int) -> dict[int, np.ndarray]:
    """Objective columns (k -> n x k) of the dashboard's screen of ``n`` designs."""
    from solidcell.app.server import screen_space
    from solidcell.cell.design import CellDesign
    from solidcell.screening.screen import screen

    space = screen_space(CellDesign.from_yaml(DESIGN), RANGES, 1)
    space["n"] = n  # the dashboard stops at MAX_SCREEN_DESIGNS; the API does not
    table = screen(space, application="ev", with_cost=False).table
    meets = table["Meets requirements"].to_numpy(bool)
    out = {}
    for k, keys in COLUMNS.items():
        values = table[keys].to_numpy(dtype=float, copy=True)
        values[~meets] = np.nan
        out[k] = values
    return out


def best_of(fn, values: np.ndarray, senses: list[str], repeat: int) -> tuple[float, np.ndarray]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        mask = fn(values, senses)
        times.append(time.perf_counter() - t0)
    return min(times), mask


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=1, help="best of this many runs (new code)")
    args = ap.parse_args()
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    cases = []
    for n in sizes:
        rng = np.random.default_rng(0)
        for k in (2, 3, 4):
            cases.append(("random", n, k, rng.random((n, k))))
        t0 = time.perf_counter()
        real = screen_values(n)
        print(f"(screen of {n} designs: {time.perf_counter() - t0:.1f} s)", flush=True)
        cases += [("screen", n, k, real[k]) for k in (2, 3, 4)]
    if 10_000 in sizes:
        for k in (3, 4):
            x = np.abs(np.random.default_rng(1).standard_normal((10_000, k)))
            cases.append(("sphere", 10_000, k, x / np.linalg.norm(x, axis=1)[:, None]))
    print(f"{'data':8} {'n':>8} {'k':>2} {'front':>7} {'former [s]':>11} {'new [s]':>9} "
          f"{'ratio':>7}")
    same = True
    for name, n, k, values in cases:
        senses = ["max"] * k
        t_old, old = best_of(former_pareto_mask, values, senses, 1)
        t_new, new = best_of(pareto_mask, values, senses, args.repeat)
        ok = bool(np.array_equal(old, new))
        same &= ok
        print(f"{name:8} {n:>8} {k:>2} {int(new.sum()):>7} {t_old:>11.3f} {t_new:>9.3f} "
              f"{t_old / t_new:>6.1f}x{'' if ok else '  MASKS DIFFER'}", flush=True)
    print("masks identical" if same else "MASKS DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
