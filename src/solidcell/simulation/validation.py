"""Measured error of the fast model against the PyBaMM DFN, and the analytic limits.

:func:`validation_designs` draws a reproducible set of cells (design inputs: thicknesses,
fractions, particle radius, conductivities, interface resistance, cathode material and counter
electrode, all within ranges of real composite cathodes); :func:`compare_fast_to_pybamm`
discharges each at each rate with both models and reports the delivered-capacity error and the
voltage RMSE over the capacity both reach.

The valid region of the fast model is stated through the *composite ohmic number*
``Pi = i L (1/kappa_eff + 1/sigma_eff) / 3`` at the highest rate [V], the mean ohmic drop of
the composite with uniform reaction; its threshold is the one at which the measured errors
meet the goals (docs/validation.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from solidcell.simulation.parameters import (
    CellParameters,
    CounterElectrode,
    electrode_from_material,
)

#: Valid region of the fast model: composite ohmic number at the rate [V] (measured, see
#: docs/validation.md).
FAST_MODEL_MAX_COMPOSITE_OHMIC_V = 0.04


def composite_ohmic_number(params: CellParameters, c_rate: float) -> float:
    """Mean ohmic drop of the composite cathode with uniform reaction at ``c_rate`` [V]; a
    dense-film cathode (no composite) is refused, naming ``params``."""
    from solidcell.checks import c_rate as check_c_rate
    from solidcell.errors import ValidationError

    c_rate = check_c_rate("c_rate", c_rate)
    if not isinstance(params, CellParameters) or params.dense_film:
        raise ValidationError("params", getattr(params, "name", type(params).__name__),
                              "must be CellParameters of a composite cathode (a dense film "
                              "has no composite; its fast model is film_fast_discharge)")
    p = params.positive
    i = params.capacity_A_h / params.area_m2 * c_rate
    return i * p.thickness_m * (1 / p.effective_ionic_conductivity_S_m
                                + 1 / p.electronic_conductivity_S_m) / 3.0


def validation_designs(n: int = 12, seed: int = 7) -> list[CellParameters]:
    """``n`` reproducible cells for the model comparison (design inputs drawn uniformly)."""
    from solidcell.checks import is_integer
    from solidcell.errors import ValidationError

    if not is_integer(n) or n < 1:
        raise ValidationError("n", n, "must be a whole number >= 1 (designs to draw)")
    if not is_integer(seed) or seed < 0:
        raise ValidationError("seed", seed, "must be a whole number >= 0")
    rng = np.random.default_rng(seed)
    out: list[CellParameters] = []
    materials = ("nmc811", "lco", "nca")
    counters = ("li_metal", "li_in")
    for k in range(n):
        mat = materials[k % len(materials)]
        eps = float(rng.uniform(0.25, 0.45))
        phi = float(rng.uniform(0.45, min(0.70, 0.95 - eps)))
        pos, src = electrode_from_material(
            mat, thickness_m=float(rng.uniform(30e-6, 100e-6)), active_volume_fraction=phi,
            electrolyte_volume_fraction=eps,
            electrolyte_conductivity_S_m=float(10 ** rng.uniform(-1.3, 0.3)),
            particle_radius_m=float(rng.uniform(1e-6, 5e-6)))
        out.append(CellParameters(
            positive=pos, negative=CounterElectrode(counters[(k // 3) % 2]),
            separator_thickness_m=float(rng.uniform(20e-6, 100e-6)),
            separator_conductivity_S_m=float(10 ** rng.uniform(-1.3, 0.3)),
            interface_resistance_ohm_m2=float(rng.uniform(0.0, 30e-4)), area_m2=1e-4,
            temperature_K=298.15, name=f"validation-{k:02d}-{mat}",
            sources=(*src, "xu2019", "eckhardt2023", "doyle1993", "sulzer2021")))
    return out


@dataclass(frozen=True)
class ModelComparison:
    """Fast model against PyBaMM: arrays (n_designs, n_rates)."""

    names: tuple[str, ...]
    c_rates: np.ndarray
    capacity_pybamm_A_h: np.ndarray
    capacity_fast_A_h: np.ndarray
    voltage_rmse_V: np.ndarray
    composite_ohmic_V: np.ndarray
    sources: tuple[str, ...] = ("sulzer2021", "doyle1993", "carslaw1959")
    #: what ended each design's discharges at the ends of its OCP data, "stop" or "wall" (both
    #: models alike; ``ocp_ends`` of :func:`compare_fast_to_pybamm`, "auto" resolved)
    ocp_ends: tuple[str, ...] = ()

    @property
    def capacity_error(self) -> np.ndarray:
        """Relative error of the fast model's delivered capacity."""
        return self.capacity_fast_A_h / self.capacity_pybamm_A_h - 1.0

    @property
    def valid(self) -> np.ndarray:
        return self.composite_ohmic_V <= FAST_MODEL_MAX_COMPOSITE_OHMIC_V

    def summary(self) -> dict[str, float]:
        v = self.valid
        err, rmse = np.abs(self.capacity_error), self.voltage_rmse_V
        def stat(x: np.ndarray, mask: np.ndarray) -> float:
            return float(np.max(x[mask])) if np.any(mask) else float("nan")
        return {
            "Cases": int(err.size),
            "Cases inside the valid region": int(np.sum(v)),
            "Max capacity error inside [%]": 100 * stat(err, v),
            "Max voltage RMSE inside [mV]": 1000 * stat(rmse, v),
            "Mean capacity error inside [%]": 100 * float(np.mean(err[v])) if np.any(v)
            else float("nan"),
            "Max capacity error outside [%]": 100 * stat(err, ~v),
            "Max voltage RMSE outside [mV]": 1000 * stat(rmse, ~v),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "Designs": list(self.names),
            "C-rate": self.c_rates.tolist(),
            "PyBaMM capacity [A.h]": self.capacity_pybamm_A_h.tolist(),
            "Fast capacity [A.h]": self.capacity_fast_A_h.tolist(),
            "Capacity error": self.capacity_error.tolist(),
            "Voltage RMSE [V]": self.voltage_rmse_V.tolist(),
            "Composite ohmic number [V]": self.composite_ohmic_V.tolist(),
            "OCP ends": list(self.ocp_ends),
            "Valid region: composite ohmic number <= [V]": FAST_MODEL_MAX_COMPOSITE_OHMIC_V,
            "Summary": self.summary(),
            "sources": list(self.sources),
        }


def compare_fast_to_pybamm(params: CellParameters | Sequence[CellParameters],
                           c_rates: Sequence[float] = (0.1, 0.2, 0.5, 1.0, 2.0),
                           mesh: str = "default", progress: bool = False,
                           ocp_ends: str = "auto") -> ModelComparison:
    """Discharge every cell at every rate with both models (same cut-off, same ``ocp_ends``:
    :data:`solidcell.simulation.ocp.OCP_ENDS`, "auto" resolved per design by
    ``pybamm_adapter.resolve_ocp_ends``) and compare (``params``: one CellParameters or a list
    of them)."""
    from solidcell.checks import flag
    from solidcell.simulation import pybamm_adapter as pa
    from solidcell.simulation.fast import FastArrays, check_c_rates, fast_discharge

    if isinstance(params, CellParameters):  # one cell: len() of it was a TypeError
        params = [params]
    progress = flag("progress", progress)
    rates = check_c_rates("c_rates", c_rates)
    pa.check_mesh(mesh)
    arrays = FastArrays.from_parameters(params)
    ends = tuple(pa.resolve_ocp_ends(cp, ocp_ends) for cp in params)
    fd = fast_discharge(arrays, rates, n_points=400, ocp_ends=ocp_ends)
    if fd.ocp_ends != ends:  # one rule for both models (pybamm_adapter.resolve_ocp_ends)
        raise AssertionError(f"ocp_ends resolved differently: fast {fd.ocp_ends}, DFN {ends}")
    n, r = len(params), rates.size
    cap_p, cap_f = np.zeros((n, r)), np.zeros((n, r))
    rmse, ohm = np.zeros((n, r)), np.zeros((n, r))
    iterator: Any = range(n)
    if progress:
        from tqdm import tqdm

        iterator = tqdm(iterator, desc="designs", unit="design")
    for d in iterator:
        cp = params[d]
        built = pa.get_built(cp, mesh=mesh, ocp_ends=ends[d])
        for k, rate in enumerate(rates):
            sol = built.solve(cp, current_A=cp.capacity_A_h * rate,
                              t_end_s=3600.0 / rate * 1.05,
                              lower_cutoff_V=float(arrays.lower_cutoff_V[d]), n_points=400)
            data = pa.read_solution(sol, cp)
            q_p = data["Discharge capacity [A.h]"] / cp.area_m2
            v_p = data["Voltage [V]"]
            q_f = fd.capacity_curve_A_h_m2[d, k]
            v_f = fd.voltage_curve_V[d, k]
            both = np.isfinite(v_f) & (q_f <= q_p[-1])
            rmse[d, k] = float(np.sqrt(np.mean((np.interp(q_f[both], q_p, v_p)
                                                - v_f[both]) ** 2))) if both.any() else np.nan
            cap_p[d, k] = q_p[-1] * cp.area_m2
            cap_f[d, k] = fd.capacity_A_h_m2[d, k] * cp.area_m2
            ohm[d, k] = composite_ohmic_number(cp, float(rate))
    return ModelComparison(tuple(p.name for p in params), rates, cap_p, cap_f, rmse, ohm,
                           ocp_ends=ends)
