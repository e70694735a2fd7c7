"""Speed of the manufacturing cost objective (solidcell.manufacturing.cost).

Prints the time per design of the vectorised CostModel (10^6 designs in one call) against the
named baseline measured in the same run: the same model called once per design in a Python
loop (scalar arguments), and the time of one full route plan + cost of a layer stack.

    PYBAMM_DISABLE_TELEMETRY=true SOLIDCELL_DB=/tmp/manufacturing.sqlite \
        .venv/bin/python benchmarks/bench_cost.py
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from solidcell.manufacturing.cost import cell_cost, cost_model
from solidcell.manufacturing.economics import CostOptions

#: benchmark inputs (prices the knowledge base may not carry yet; inputs, not data)
PRICES = {"li6ps5cl": 50.0, "vgcf": 50.0, "linbo3": 100.0}
#: the bundled EV example (NMC811 | Li6PS5Cl | Li), planned and costed as a user would
DESIGN = Path(__file__).resolve().parent.parent / "examples" / "ev-nmc811-lpscl-li.yaml"


def main() -> None:
    opts = CostOptions(prices=PRICES)
    t0 = time.perf_counter()
    ref = cell_cost(DESIGN, options=opts)
    t_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    cell_cost(DESIGN, options=opts)
    t_plan = time.perf_counter() - t0
    model = cost_model(DESIGN, options=opts)
    rng = np.random.default_rng(0)

    n_vec = 1_000_000
    energy = rng.uniform(100, 300, n_vec)
    mass = rng.uniform(0.1, 0.4, n_vec)
    thick = rng.uniform(40e-6, 150e-6, n_vec)
    t0 = time.perf_counter()
    vec, _ = model(energy, {"cathode": mass}, {"cathode": thick})
    t_vec = (time.perf_counter() - t0) / n_vec

    n_loop = 20_000
    t0 = time.perf_counter()
    loop = [model(float(energy[k]), {"cathode": float(mass[k])}, {"cathode": float(thick[k])})[0]
            for k in range(n_loop)]
    t_loop = (time.perf_counter() - t0) / n_loop
    assert np.allclose(loop, vec[:n_loop], rtol=1e-12)

    print(f"reference cell cost: {ref.cell_cost_USD_per_kWh:.2f} USD/kWh "
          f"(route: {ref.route.describe()})")
    print(f"plan + cost of one stack: first call {t_first:.3f} s (loads databases), "
          f"then {t_plan:.3f} s")
    print(f"baseline, CostModel per design in a Python loop ({n_loop} designs): "
          f"{t_loop * 1e6:.2f} us/design")
    print(f"vectorised CostModel ({n_vec} designs in one call): {t_vec * 1e9:.1f} ns/design")
    print(f"speed-up of the vectorised call over the loop: {t_loop / t_vec:.0f}x")


if __name__ == "__main__":
    main()
