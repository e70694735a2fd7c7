"""Benchmark of the energy bookkeeping: 10^6 random designs through evaluate_many (one call of
solidcell.cell.energy.core on arrays) against the baseline of the same formulas called
design by design from a plain Python loop (core on scalars), measured in the same run.

Run: .venv/bin/python benchmarks/bench_energy.py [n_designs]
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from solidcell.cell.energy import PARAMETERS, core, evaluate_many

#: Base parameters: the SSB-REF-1 case (energy_density_cases.csv, key solidcell_energy_cases)
#: with element densities from the CRC Handbook; sweeps vary the layer thicknesses.
BASE = {
    **PARAMETERS,
    "cathode_voltage_V": 3.8, "cathode_capacity_Ah_kg": 200.0,
    "cathode_active_density_kg_m3": 4750.0, "cathode_active_volume_fraction": 0.65,
    "cathode_layer_density_kg_m3": 0.65 * 4750.0 + 0.35 * 1860.0,
    "cathode_electrolyte_volume_fraction": 0.35,
    "cathode_electrolyte_conductivity_S_m": 0.3, "separator_conductivity_S_m": 0.3,
    "separator_density_kg_m3": 1860.0, "anode_capacity_density_Ah_m3": 534.0 * 3861.2,
    "anode_layer_density_kg_m3": 534.0, "li_density_kg_m3": 534.0,
    "li_capacity_Ah_kg": 3861.2, "cathode_collector_thickness_m": 12e-6,
    "cathode_collector_density_kg_m3": 2700.0, "anode_collector_thickness_m": 8e-6,
    "anode_collector_density_kg_m3": 8960.0, "electrode_width_m": 0.1,
    "electrode_height_m": 0.2, "n_layers": 20.0, "casing_thickness_m": 100e-6,
    "casing_density_kg_m3": 2700.0, "seal_width_m": 0.005,
}


def random_designs(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        **BASE,
        "cathode_thickness_m": rng.uniform(20e-6, 300e-6, n),
        "separator_thickness_m": rng.uniform(5e-6, 100e-6, n),
        "anode_np_ratio": rng.uniform(1.0, 3.0, n),
        "n_layers": rng.integers(1, 60, n).astype(float),
        "separator_conductivity_S_m": 10 ** rng.uniform(-4, 0, n),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n_designs", nargs="?", type=int, default=1_000_000,
                        help="designs in the batch (default 10^6)")
    n = parser.parse_args().n_designs
    designs = random_designs(n)
    evaluate_many(random_designs(1000))  # warm-up
    best, best_cpu = float("inf"), float("inf")
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        batch = evaluate_many(designs)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    vec_rate = n / best
    # baseline: the same formulas, one design at a time from a Python loop
    m = min(n, 2000)
    scalar_rows = [{k: (float(v[i]) if isinstance(v, np.ndarray) else v)
                    for k, v in designs.items()} for i in range(m)]
    t0, c0 = time.perf_counter(), time.process_time()
    loop_out = [core(row)["Cell gravimetric energy density [W.h.kg-1]"] for row in scalar_rows]
    loop_rate = m / (time.perf_counter() - t0)
    loop_cpu_rate = m / (time.process_time() - c0)
    key = "Cell gravimetric energy density [W.h.kg-1]"
    np.testing.assert_allclose(np.asarray(loop_out, float), batch[key][:m], rtol=1e-12)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"designs: {n}  (cpus: {os.cpu_count()}, load average: {load:.2f})")
    print(f"evaluate_many (arrays): {vec_rate:,.0f} designs/s ({best:.3f} s)")
    print(f"baseline, scalar loop over core (same formulas, {m} designs): "
          f"{loop_rate:,.0f} designs/s")
    print(f"ratio: {vec_rate / loop_rate:,.0f}")
    # CPU time is less sensitive to other processes on a shared machine than wall time
    print(f"per CPU-second: evaluate_many {n / best_cpu:,.0f} designs, loop "
          f"{loop_cpu_rate:,.0f} designs (ratio {n / best_cpu / loop_cpu_rate:,.0f}); "
          f"extrapolated to {os.cpu_count()} idle cores (assumes linear scaling, not measured): "
          f"{n / best_cpu * (os.cpu_count() or 1):,.0f} designs/s")
    print(f"goal: >= 1e7 designs/s (wall clock) and ratio >= 300 -> "
          f"{'met' if vec_rate >= 1e7 and vec_rate / loop_rate >= 300 else 'not met'} "
          "in this run")


if __name__ == "__main__":
    main()
