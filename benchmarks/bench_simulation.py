"""Benchmark of solidcell.simulation (prints figures; no thresholds).

(a) A 6-rate sweep (0.1C, 0.2C, 0.5C, 1C, 2C, 5C) of one cell: plain PyBaMM usage (a new
    ``pybamm.Simulation`` per rate, same model, parameters, mesh and solver) against solidcell's
    path (model built once, the rate an ``[input]``), in the same run. Baseline: plain PyBaMM.
(b) Rate capability (6 rates) of 1,000 and 10,000 designs with the fast model, against the
    PyBaMM model on a sample of designs (time per design and capacity error).

Run: PYBAMM_DISABLE_TELEMETRY=true .venv/bin/python benchmarks/bench_simulation.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")

RATES = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0)


def _cell():
    from solidcell.simulation.validation import validation_designs

    return validation_designs(1, seed=7)[0]


def sweep_plain_pybamm(cp, mesh: str) -> tuple[float, list[float]]:
    """Plain PyBaMM: one new Simulation per rate (numbers, no inputs)."""
    import pybamm

    from solidcell.simulation import pybamm_adapter as pa

    caps = []
    t0 = time.perf_counter()
    for rate in RATES:
        model = pybamm.lithium_ion.DFN(pa.model_options(cp))
        pa._add_stoichiometry_events(model, True)
        pv = pa.parameter_values(cp, inputs=False)
        pv.update({"Current function [A]": cp.capacity_A_h * rate})
        var_pts = dict(pa.MESHES[mesh], x_n=1)
        sim = pybamm.Simulation(model, parameter_values=pv, var_pts=var_pts,
                                submesh_types=pa.particle_submeshes(model),
                                solver=pybamm.IDAKLUSolver(rtol=pa.RTOL, atol=pa.ATOL))
        t_end = 3600.0 / rate * 1.05
        try:
            sol = sim.solve([0.0, t_end], t_interp=np.linspace(0.0, t_end, 240))
        except pybamm.SolverError:  # below the cut-off at once: no capacity
            caps.append(0.0)
            continue
        caps.append(float(sol["Discharge capacity [A.h]"].entries[-1]))
    return time.perf_counter() - t0, caps


def sweep_solidcell(cp, mesh: str) -> tuple[float, list[float]]:
    from solidcell.simulation import pybamm_adapter as pa
    from solidcell.simulation.runs import clear_solved, rate_capability

    pa._CACHE.clear()
    clear_solved()  # each sweep solves (the memo would answer the repeats)
    t0 = time.perf_counter()
    res = rate_capability(cp, RATES, mesh=mesh)
    return time.perf_counter() - t0, [float(x) for x in res.capacity_A_h]


def bench_sweep(mesh: str, repeats: int = 3) -> None:
    """Both paths ``repeats`` times, alternating; the best time of each (timeit practice: the
    minimum is the least disturbed by other jobs on the machine)."""
    cp = _cell()
    print(f"(a) 6-rate sweep of one cell ({cp.name}, mesh '{mesh}', best of {repeats})")
    plain, ours = [], []
    for _ in range(repeats):
        t_plain, c_plain = sweep_plain_pybamm(cp, mesh)
        t_sc, c_sc = sweep_solidcell(cp, mesh)
        plain.append(t_plain)
        ours.append(t_sc)
    diff = max(abs(a - b) / max(b, 1e-30) for a, b in zip(c_sc, c_plain, strict=True))
    print(f"    plain PyBaMM (new Simulation per rate): {min(plain):8.2f} s "
          f"(all runs: {', '.join(f'{t:.2f}' for t in plain)})")
    print(f"    solidcell (built once, inputs):         {min(ours):8.2f} s "
          f"(all runs: {', '.join(f'{t:.2f}' for t in ours)})")
    print(f"    speed-up vs plain PyBaMM (best/best):   {min(plain) / min(ours):8.2f} x "
          f"(median/median: {np.median(plain) / np.median(ours):.2f} x)")
    print(f"    largest capacity difference between the two: {100 * diff:.2e} %")
    print(f"    capacities [mA h] plain: {np.round(np.array(c_plain) * 1e3, 4).tolist()}")
    print(f"    capacities [mA h] solidcell: {np.round(np.array(c_sc) * 1e3, 4).tolist()}")


def bench_fast(sizes: list[int], sample: int, mesh: str) -> None:
    from solidcell.simulation import pybamm_adapter as pa
    from solidcell.simulation.fast import FastArrays, fast_discharge
    from solidcell.simulation.validation import validation_designs

    print(f"(b) rate capability at {len(RATES)} rates: fast model vs PyBaMM")
    for n in sizes:
        t0 = time.perf_counter()
        designs = validation_designs(n, seed=3)
        arrays = FastArrays.from_parameters(designs)
        t_arr = time.perf_counter() - t0
        t0 = time.perf_counter()
        fd = fast_discharge(arrays, RATES)
        t_fast = time.perf_counter() - t0
        print(f"    {n:6d} designs: arrays from designs {t_arr:6.2f} s, fast model "
              f"{t_fast:6.2f} s ({1e3 * t_fast / n:.3f} ms/design); all finite: "
              f"{bool(np.all(np.isfinite(fd.capacity_A_h_m2)))}")
    designs = validation_designs(sample, seed=3)
    fd = fast_discharge(designs, RATES)
    t0 = time.perf_counter()
    errors = []
    for d, cp in enumerate(designs):
        built = pa.get_built(cp, mesh=mesh)
        for k, rate in enumerate(RATES):
            try:
                sol = built.solve(cp, current_A=cp.capacity_A_h * rate,
                                  t_end_s=3600 / rate * 1.05,
                                  lower_cutoff_V=cp.default_voltage_limits_V[0])
            except pa.CutoffAtStart:
                continue
            q = float(sol["Discharge capacity [A.h]"].entries[-1]) / cp.area_m2
            errors.append(fd.capacity_A_h_m2[d, k] / q - 1)
    t_pb = time.perf_counter() - t0
    per = t_pb / sample
    print(f"    PyBaMM on a sample of {sample}: {t_pb:.1f} s ({per:.2f} s/design); "
          f"10,000 designs would take ~{per * 1e4 / 3600:.1f} h")
    err = 100 * np.abs(errors)
    print(f"    fast model capacity error on the sample (all designs, all rates, valid region "
          f"or not): median {np.median(err):.2f} %, max {np.max(err):.2f} %")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="coarse mesh, 1,000 designs")
    args = parser.parse_args(argv)
    mesh = "coarse" if args.quick else "default"
    bench_sweep(mesh)
    bench_fast([1000] if args.quick else [1000, 10000], 3 if args.quick else 6, mesh)


if __name__ == "__main__":
    main(sys.argv[1:])
