"""Speed of the fast model of a dense thin-film cathode (``simulation.fast.film_fast_discharge``).

Times the shipped ``_film_surface_excess`` (the plane-sheet series summed on only where its
terms have not yet underflowed to 0) against ``former_film_surface_excess``, the code before
(all 400 terms at every point), carried below verbatim, on the arrays of a rate capability of
``examples/thin-film-lco-lipon-li.yaml`` (7 rates, 0.5C to 10C, 2000 points each); then the
whole ``rate_capability(..., model="fast")`` of that design. Prints both times and their
ratio; exits 1 if the two series differ in any bit (the same sums in the same order).

Usage (seconds):
    PYBAMM_DISABLE_TELEMETRY=true SOLIDCELL_DB=/tmp/bench.sqlite \
        .venv/bin/python benchmarks/bench_film_fast.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from solidcell.simulation import fast
from solidcell.simulation.parameters import FARADAY
from solidcell.simulation.runs import cell_parameters, rate_capability

DESIGN = Path(__file__).resolve().parent.parent / "examples" / "thin-film-lco-lipon-li.yaml"
RATES = np.array([0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 10.0])


def former_film_surface_excess(n_flux, thickness, diff, t):
    """Baseline: the series before 2026-12-08, every term at every point."""
    n = np.arange(1, fast._FILM_TERMS + 1, dtype=float)
    tau = diff * np.asarray(t, float) / thickness**2
    series = np.zeros(np.broadcast(tau, n_flux).shape)
    for k in n:
        series = series + np.exp(-(k**2) * np.pi**2 * tau) / k**2
    return n_flux * thickness / diff * (1.0 / 3.0 - 2.0 / np.pi**2 * series)


def _best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    cp = cell_parameters(DESIGN)
    p = cp.positive
    q = cp.capacity_A_h / cp.area_m2
    depth = np.linspace(0.0, 1.0, 2000)[None, None, :]
    t = depth * 3600.0 / RATES[None, :, None]
    n_flux = q * RATES[None, :, None] / (FARADAY * p.maximum_concentration_mol_m3)
    args = (n_flux, p.thickness_m, p.diffusivity_m2_s, t)
    same = np.array_equal(fast._film_surface_excess(*args), former_film_surface_excess(*args))
    t_new = _best(lambda: fast._film_surface_excess(*args))
    t_old = _best(lambda: former_film_surface_excess(*args))
    print(f"series, {len(RATES)} rates x 2000 points: former {t_old * 1e3:.1f} ms, "
          f"shipped {t_new * 1e3:.1f} ms, ratio {t_old / t_new:.1f}x, identical: {same}")
    t_rc = _best(lambda: rate_capability(cp, RATES, model="fast"))
    print(f"rate_capability(model='fast'), {len(RATES)} rates: {t_rc * 1e3:.1f} ms")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
