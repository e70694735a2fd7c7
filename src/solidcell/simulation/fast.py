"""A fast reduced model of a solid-state cell for screens: NumPy on arrays of designs.

Model (constant-current discharge from rest, every design and rate at once):

- uniform reaction in each composite electrode: the current density on the particle surface is
  ``j = i / (a L)`` with ``a = 3 phi_am / r``;
- solid diffusion: exact surface concentration of a sphere under constant surface flux
  ``N = j / F`` from rest (Carslaw & Jaeger, ``carslaw1959``, sec. 9.3):
  ``c_surf - c_avg = (N r / D) [1/5 - 2 sum_k exp(-lambda_k^2 D t / r^2) / lambda_k^2]``,
  ``tan lambda_k = lambda_k``;
- Butler-Volmer kinetics, symmetric (alpha = 0.5): ``eta = 2RT/F asinh(j / (2 j0))``, with the
  exchange current of the electrode's source at the surface stoichiometry and T (Arrhenius);
  lithium metal (and Li-In, anode-free) with the exchange current of ``xu2019`` at 298.15 K,
  Arrhenius with the Li | garnet interface's 0.37 eV (``eckhardt2023``);
- ohmic losses: separator ``i L_s / sigma_s``; composite ``i L / 3 (1/kappa_eff + 1/sigma_eff)``
  (uniform reaction; ``kappa_eff`` Bruggeman or tortuosity as in the PyBaMM model);
  interface ``i R_int``;
- ``V = U_p(s_surf,p) - U_n - eta_sep - eta_comp - eta_int - eta_kin``; the discharge ends at the
  lower cut-off or, with ``ocp_ends="stop"`` (the DFN's rule), when a particle surface
  reaches the end of its OCP data (the particles at the composite's ends, whose OCP differs
  from the mean by the composite's potential deviation, see ``dev`` below); with
  ``ocp_ends="wall"`` (the DFN's wall, :data:`solidcell.simulation.ocp.OCP_ENDS`) the OCP goes
  on beyond the data with the same steep wall and the discharge ends at the cut-off (or where
  the mean surface passes the wall's width, the DFN's event); ``ocp_ends="auto"`` (default)
  is "wall" for each design whose OCP data leave room for the wall, "stop" for the others
  (:func:`wall_mask`).

This is the single-particle model with ohmic solid-electrolyte and composite losses; it is
exact in the limit of fast ion transport in the composite (then the DFN reaction is uniform).
Its error against the PyBaMM DFN is measured in :mod:`solidcell.simulation.validation` and
reported with its valid region in docs/validation.md.

A dense thin-film cathode has its own fast model, :func:`film_fast_discharge`: the physics of
the PyBaMM thin-film model with the film's surface stoichiometry from the exact plane-sheet
series (constant flux at the electrolyte face, none at the collector).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from solidcell.checks import C_RATE_RANGE, MAX_C_RATE_H, MIN_C_RATE_H, is_integer, is_real
from solidcell.errors import ValidationError
from solidcell.simulation.ocp import OCP_ENDS, WALL_WIDTH, wall_fits, with_walls_V
from solidcell.simulation.parameters import (
    C_E,
    FARADAY,
    GAS_CONSTANT,
    LI_METAL_J0_A_M2,
    T_REF,
    CellParameters,
    CounterElectrode,
    ElectrodeParameters,
    li_metal_arrhenius_exponent,
)

#: Points of each design's OCP table (resampled linearly from the data, inside its range).
OCP_POINTS = 256
#: Roots of tan(x) = x (x > 0) for the sphere series; 40 terms give < 1e-4 relative error for
#: D t / r^2 > 1e-4.
_N_TERMS = 40


#: Most points per discharge curve (the arrays are n_designs x n_rates x n_points x 40 terms).
MAX_POINTS = 100_000


def check_c_rates(field: str, value: Any) -> np.ndarray:
    """``value`` as a 1-D float array of C-rates: one or more real numbers (not text), each
    finite, at least :data:`solidcell.checks.MIN_C_RATE_H` and at most
    :data:`solidcell.checks.MAX_C_RATE_H`; else ValidationError."""
    allowed = f"one or more C-rates (numbers, not text), each {C_RATE_RANGE}"
    if value is None or isinstance(value, str | bytes | dict):
        raise ValidationError(field, value, allowed)
    try:
        items = np.asarray(value, dtype=object)
    except Exception:
        raise ValidationError(field, value, allowed) from None
    items = np.atleast_1d(items)
    if items.ndim != 1 or items.size == 0 or not all(is_real(x) for x in items):
        raise ValidationError(field, value, allowed)
    rates = items.astype(float)
    if np.any(~np.isfinite(rates) | ~(rates >= MIN_C_RATE_H) | (rates > MAX_C_RATE_H)):
        raise ValidationError(field, rates.tolist(), allowed)
    return rates


def _tan_roots(n: int) -> np.ndarray:
    """The first ``n`` positive roots of tan(x) = x (Newton on sin x - x cos x, started at
    the asymptotic expansion (k + 1/2) pi - 1 / ((k + 1/2) pi))."""
    k = np.arange(1, n + 1)
    q = (k + 0.5) * np.pi
    x = q - 1.0 / q
    for _ in range(8):
        x = x - (np.sin(x) - x * np.cos(x)) / (x * np.sin(x))
    return x


_ROOTS: np.ndarray | None = None


def _roots() -> np.ndarray:
    global _ROOTS
    if _ROOTS is None:
        _ROOTS = _tan_roots(_N_TERMS)
    return _ROOTS


@dataclass(frozen=True)
class FastArrays:
    """Designs as arrays (one entry per design), the input of the fast model.

    Build from :class:`CellParameters` with :meth:`from_parameters`; the screening code may
    also fill the arrays directly (same units, SI).
    """

    area_m2: np.ndarray
    temperature_K: np.ndarray
    separator_thickness_m: np.ndarray
    separator_conductivity_S_m: np.ndarray
    interface_resistance_ohm_m2: np.ndarray
    capacity_A_h_m2: np.ndarray  # utilisable areal capacity
    p_thickness_m: np.ndarray
    p_kappa_eff_S_m: np.ndarray
    p_sigma_eff_S_m: np.ndarray
    p_surface_area_m2_m3: np.ndarray
    p_radius_m: np.ndarray
    p_diffusivity_m2_s: np.ndarray
    p_cmax_mol_m3: np.ndarray
    p_m_ref: np.ndarray
    p_e_r_J_mol: np.ndarray
    p_q_per_sto_A_h_m2: np.ndarray
    p_sto0: np.ndarray  # charged-end stoichiometry
    p_ocp_lo: np.ndarray
    p_ocp_hi: np.ndarray
    p_ocp_table: np.ndarray  # (n, OCP_POINTS) on linspace(lo, hi)
    n_metal: np.ndarray  # bool: metal counter electrode
    n_potential_V: np.ndarray  # metal potential vs Li (0 or 0.62)
    n_thickness_m: np.ndarray
    n_kappa_eff_S_m: np.ndarray
    n_sigma_eff_S_m: np.ndarray
    n_surface_area_m2_m3: np.ndarray
    n_radius_m: np.ndarray
    n_diffusivity_m2_s: np.ndarray
    n_cmax_mol_m3: np.ndarray
    n_m_ref: np.ndarray
    n_e_r_J_mol: np.ndarray
    n_q_per_sto_A_h_m2: np.ndarray
    n_sto0: np.ndarray
    n_ocp_lo: np.ndarray
    n_ocp_hi: np.ndarray
    n_ocp_table: np.ndarray
    lower_cutoff_V: np.ndarray

    def __len__(self) -> int:
        return int(self.area_m2.shape[0])

    def take(self, index: Any) -> FastArrays:
        """The designs at ``index`` (a slice or an index array)."""
        return FastArrays(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    @classmethod
    def from_parameters(cls, params: CellParameters | Sequence[CellParameters],
                        lower_cutoff_V: ArrayLike | None = None, *,
                        initial_soc: float = 1.0) -> FastArrays:
        """The arrays of ``params``, each discharge starting at state of charge
        ``initial_soc`` of its window (1: the charged end;
        :meth:`CellParameters.initial_stoichiometries`)."""
        if isinstance(params, CellParameters):
            items = [params]
        elif isinstance(params, str | bytes) or not hasattr(params, "__iter__"):
            raise ValidationError("params", type(params).__name__,
                                  "must be CellParameters or a list of them")
        else:
            items = list(params)
        if not items:
            raise ValidationError("params", [], "give at least one CellParameters")
        for k, item in enumerate(items):
            if not isinstance(item, CellParameters):
                raise ValidationError(f"params[{k}]", type(item).__name__,
                                      "must be CellParameters")
            if item.dense_film:
                from solidcell.errors import UnsupportedError

                raise UnsupportedError(
                    f"cathode.electrolyte_fraction: 0 ({item.name}: a dense thin-film cathode); "
                    "FastArrays hold composite cathodes only; a dense film has its own fast "
                    "model, film_fast_discharge (rate_capability(..., model='fast') picks it)")
            if item.transference_number != 1:
                from solidcell.errors import UnsupportedError

                raise UnsupportedError(
                    f"transference_number: {item.transference_number!r} ({item.name}); the "
                    "fast model's electrolyte is ohmic (single-ion, 1): a binary salt's "
                    "concentration gradients need the PyBaMM DFN (model='pybamm')")
        cols: dict[str, list[Any]] = {f.name: [] for f in fields(cls)}
        for cp in items:
            for k, v in _row(cp, initial_soc).items():
                cols[k].append(v)
        out = {k: np.asarray(v, dtype=bool if k == "n_metal" else float)
               for k, v in cols.items() if k != "lower_cutoff_V"}
        if lower_cutoff_V is None:
            out["lower_cutoff_V"] = np.array([cp.default_voltage_limits_V[0] for cp in items])
        else:
            allowed = ("a lower cut-off voltage > 0 V below each cell's charged open-circuit "
                       "voltage (a number or one per cell)")
            try:
                cut = np.broadcast_to(np.asarray(lower_cutoff_V, float), (len(items),)).copy()
            except (TypeError, ValueError):
                raise ValidationError("lower_cutoff_V", lower_cutoff_V, allowed) from None
            charged = np.array([cp.default_voltage_limits_V[1] for cp in items])
            if isinstance(lower_cutoff_V, str | bytes) or np.any(
                    ~np.isfinite(cut) | (cut <= 0) | (cut >= charged)):
                raise ValidationError("lower_cutoff_V", lower_cutoff_V, allowed)
            out["lower_cutoff_V"] = cut
        return cls(**out)


def _table(curve: Any) -> tuple[float, float, np.ndarray]:
    s = np.linspace(curve.lower, curve.upper, OCP_POINTS)
    return curve.lower, curve.upper, curve.evaluate(s)


def _electrode_row(prefix: str, e: ElectrodeParameters, sto0: float) -> dict[str, Any]:
    lo, hi, tab = _table(e.ocp)
    return {
        f"{prefix}_thickness_m": e.thickness_m,
        f"{prefix}_kappa_eff_S_m": e.effective_ionic_conductivity_S_m,
        f"{prefix}_sigma_eff_S_m": e.electronic_conductivity_S_m,
        f"{prefix}_surface_area_m2_m3": e.surface_area_m2_m3,
        f"{prefix}_radius_m": e.particle_radius_m,
        f"{prefix}_diffusivity_m2_s": e.diffusivity_m2_s,
        f"{prefix}_cmax_mol_m3": e.maximum_concentration_mol_m3,
        f"{prefix}_m_ref": e.exchange_current_m_ref,
        f"{prefix}_e_r_J_mol": e.exchange_current_activation_energy_J_mol,
        f"{prefix}_q_per_sto_A_h_m2": e.capacity_per_stoichiometry_A_h_m2,
        f"{prefix}_sto0": sto0,
        f"{prefix}_ocp_lo": lo, f"{prefix}_ocp_hi": hi, f"{prefix}_ocp_table": tab,
    }


def _row(cp: CellParameters, soc: float = 1.0) -> dict[str, Any]:
    row: dict[str, Any] = {
        "area_m2": cp.area_m2, "temperature_K": cp.temperature_K,
        "separator_thickness_m": cp.separator_thickness_m,
        "separator_conductivity_S_m": cp.separator_conductivity_S_m,
        "interface_resistance_ohm_m2": cp.interface_resistance_ohm_m2,
        "capacity_A_h_m2": cp.capacity_A_h / cp.area_m2,
    }
    s_p0, s_n0 = cp.initial_stoichiometries(soc)
    row.update(_electrode_row("p", cp.positive, s_p0))
    if isinstance(cp.negative, CounterElectrode):
        dummy = _electrode_row("n", cp.positive, cp.positive_window[0])
        row.update({k: (np.zeros(OCP_POINTS) if k == "n_ocp_table" else 1.0)
                    for k in dummy})
        row["n_metal"] = True
        row["n_potential_V"] = cp.negative.potential_V
        row["n_ocp_lo"], row["n_ocp_hi"] = 0.0, 1.0
    else:
        row.update(_electrode_row("n", cp.negative, s_n0))  # type: ignore
        row["n_metal"] = False
        row["n_potential_V"] = 0.0
    return row


def _interp_rows(table: np.ndarray, lo: np.ndarray, hi: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Row-wise linear interpolation: table (n, M) on linspace(lo, hi); s (n, ...)."""
    m = table.shape[1]
    extra = (1,) * (s.ndim - 1)
    lo_b, hi_b = lo.reshape(-1, *extra), hi.reshape(-1, *extra)
    u = (np.clip(s, lo_b, hi_b) - lo_b) / (hi_b - lo_b) * (m - 1)
    k = np.clip(np.floor(u).astype(np.int64), 0, m - 2)
    w = u - k
    flat = table.reshape(table.shape[0], m)
    idx = k.reshape(k.shape[0], -1)
    y0 = np.take_along_axis(flat, idx, axis=1).reshape(k.shape)
    y1 = np.take_along_axis(flat, idx + 1, axis=1).reshape(k.shape)
    return y0 + w * (y1 - y0)


def _surface_excess(flux_mol_m2_s: np.ndarray, radius: np.ndarray, diff: np.ndarray,
                    t: np.ndarray) -> np.ndarray:
    """c_surf - c_avg [mol/m3] for constant flux into a sphere from rest (carslaw1959)."""
    lam = _roots()
    tau = diff * t / radius**2  # (..., nt)
    series = np.zeros_like(tau)
    for lk in lam:
        series += np.exp(-(lk**2) * tau) / lk**2
    return flux_mol_m2_s * radius / diff * (0.2 - 2.0 * series)


def _j0(m_ref: np.ndarray, e_r: np.ndarray, t_k: np.ndarray, cmax: np.ndarray,
        s: np.ndarray) -> np.ndarray:
    arr = np.exp(e_r / GAS_CONSTANT * (1.0 / T_REF - 1.0 / t_k))
    s = np.clip(s, 1e-9, 1 - 1e-9)
    return m_ref * arr * np.sqrt(C_E) * cmax * np.sqrt(s * (1.0 - s))


@dataclass(frozen=True)
class FastDischarge:
    """Fast-model discharges: arrays (n_designs, n_rates[, n_points])."""

    c_rates: np.ndarray
    current_density_A_m2: np.ndarray
    capacity_A_h_m2: np.ndarray
    energy_W_h_m2: np.ndarray
    capacity_fraction: np.ndarray  # of the utilisable theoretical capacity
    mean_voltage_V: np.ndarray
    capacity_curve_A_h_m2: np.ndarray  # (n, r, p); the last finite point is the end
    voltage_curve_V: np.ndarray  # (n, r, p), NaN after the end of discharge (capacity_A_h_m2)
    #: what ended each design's discharges at the ends of its OCP data, "stop" or "wall" (n,)
    ocp_ends: tuple[str, ...] = ()
    #: why each discharge ended (n, r): the first condition met, :data:`END_REASONS`
    end_reason: np.ndarray = field(default_factory=lambda: np.empty((0, 0), dtype=object))
    sources: tuple[str, ...] = ("carslaw1959", "xu2019", "eckhardt2023", "bruggeman1935",
                                 "marquis2019")

    def to_json(self) -> dict[str, Any]:
        return {
            "C-rate": self.c_rates.tolist(),
            "Current density [A.m-2]": self.current_density_A_m2.tolist(),
            "Discharge capacity [A.h.m-2]": self.capacity_A_h_m2.tolist(),
            "Discharge energy [W.h.m-2]": self.energy_W_h_m2.tolist(),
            "Capacity fraction of utilisable capacity": self.capacity_fraction.tolist(),
            "Mean discharge voltage [V]": self.mean_voltage_V.tolist(),
            "OCP ends": list(self.ocp_ends),
            "End of discharge": self.end_reason.tolist(),
            "Model": "fast reduced model (SPM with ohmic solid-electrolyte and composite losses)",
            "sources": list(self.sources),
        }


def fast_discharge(designs: FastArrays | CellParameters | Sequence[CellParameters],
                   c_rates: ArrayLike, *, n_points: int = 240,
                   chunk: int = 512, ocp_ends: str = "auto") -> FastDischarge:
    """Constant-current discharges of every design at every C-rate (1C = the utilisable
    capacity in one hour), from the charged end of the window to the cut-off. ``ocp_ends``:
    "stop" also ends a discharge where a particle surface reaches the end of its OCP data;
    "wall" continues the OCP beyond the data with the DFN's wall (module docstring); "auto"
    (default) each design's own (:func:`wall_mask`), recorded in the result's ``ocp_ends``."""
    arrays = designs if isinstance(designs, FastArrays) else FastArrays.from_parameters(designs)
    wall = wall_mask(arrays, ocp_ends)
    rates = check_c_rates("c_rates", c_rates)
    if not is_integer(n_points) or not 20 <= n_points <= MAX_POINTS:
        raise ValidationError("n_points", n_points, f"must be a whole number from 20 to "
                              f"{MAX_POINTS}")
    if not is_integer(chunk) or chunk < 1:
        raise ValidationError("chunk", chunk, "must be a whole number >= 1 (designs per batch)")
    n_points, chunk = int(n_points), int(chunk)
    parts = [_discharge_chunk(arrays.take(slice(i, i + chunk)), rates, n_points,
                              wall[i:i + chunk]) for i in range(0, len(arrays), chunk)]
    cat = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    cur = cat.pop("current")
    return FastDischarge(c_rates=rates, current_density_A_m2=cur,
                         ocp_ends=tuple("wall" if w else "stop" for w in wall), **cat)


def wall_mask(arrays: FastArrays, ocp_ends: Any = "auto") -> np.ndarray:
    """Which designs' discharges meet the wall of :data:`OCP_ENDS` (True) rather than stop at
    the end of the OCP data (False), (n,) bools: "auto" the designs whose data leave room
    for it (:func:`solidcell.simulation.ocp.wall_fits`, on both electrodes of a full cell;
    the fast model's cathode is a composite), "stop" none, "wall" all (a design without
    room, on either electrode, is a ValidationError naming ``ocp_ends``), as
    ``pybamm_adapter.resolve_ocp_ends`` for one parameter set."""
    if not isinstance(ocp_ends, str) or ocp_ends not in OCP_ENDS:
        raise ValidationError("ocp_ends", ocp_ends, f"one of {OCP_ENDS}")
    fits = wall_fits(arrays.p_ocp_lo, arrays.p_ocp_hi) & (
        arrays.n_metal | wall_fits(arrays.n_ocp_lo, arrays.n_ocp_hi))
    if ocp_ends == "stop":
        return np.zeros(len(arrays), dtype=bool)
    if ocp_ends == "wall" and not np.all(fits):
        k = int(np.argmin(fits))
        raise ValidationError(
            "ocp_ends", ocp_ends,
            f"'stop' or 'auto' for design {k}: its OCP data leave no room for the wall "
            f"({WALL_WIDTH:g}) inside stoichiometry (0, 1)")
    if ocp_ends == "wall":
        return np.ones(len(arrays), dtype=bool)
    return np.asarray(fits, dtype=bool)  # "auto"


def _wall_depth(a: FastArrays) -> np.ndarray:
    """Fraction of each design's utilisable capacity passed when the mean stoichiometry of an
    electrode reaches the far end of its wall (the end of a "wall" discharge's grid), >= 1."""
    q = a.capacity_A_h_m2
    ends = [(a.p_ocp_hi + WALL_WIDTH - a.p_sto0) * a.p_q_per_sto_A_h_m2 / q,
            np.where(a.n_metal, 0.0,
                     (a.n_sto0 - a.n_ocp_lo + WALL_WIDTH) * a.n_q_per_sto_A_h_m2 / q)]
    return np.maximum(1.0, np.minimum(ends[0], np.where(a.n_metal, np.inf, ends[1])))


def _discharge_chunk(a: FastArrays, rates: np.ndarray, n_points: int,
                     wall: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Discharges of the designs ``a``; ``wall`` (n,) bools: which meet the wall
    (:func:`wall_mask`; default none)."""
    n = len(a)
    rt = 2.0 * GAS_CONSTANT * a.temperature_K / FARADAY  # 2RT/F
    col = (slice(None), None, None)  # (n,) -> (n, 1, 1)
    q = a.capacity_A_h_m2[col]
    i = q * rates[None, :, None]  # A/m2, (n, r, 1)
    # fraction of the window passed: to its end, or with the wall to the wall's far end
    walled = np.zeros(n, dtype=bool) if wall is None else np.asarray(wall, dtype=bool)
    depth = np.linspace(0.0, 1.0, n_points)[None, None, :]
    if walled.any():
        depth = depth * np.where(walled, _wall_depth(a), 1.0)[col]  # (n, 1, p)
    t = depth * 3600.0 / rates[None, :, None]  # s, (1 or n, r, p)
    walled_col = walled[col]
    cap = q * depth  # A h/m2 passed, (n, 1, p)

    def electrode(prefix: str, sign: float) -> tuple[np.ndarray, np.ndarray, Any]:
        g = lambda name: getattr(a, f"{prefix}_{name}")[col]  # noqa: E731
        s_avg = g("sto0") + sign * cap / g("q_per_sto_A_h_m2")
        j = i / (g("surface_area_m2_m3") * g("thickness_m"))  # A/m2 of particle surface
        excess = _surface_excess(j / FARADAY, g("radius_m"), g("diffusivity_m2_s"), t)
        s_surf = s_avg + sign * excess / g("cmax_mol_m3")
        u = _interp_rows(getattr(a, f"{prefix}_ocp_table"), getattr(a, f"{prefix}_ocp_lo"),
                         getattr(a, f"{prefix}_ocp_hi"), s_surf)
        j0 = _j0(g("m_ref"), g("e_r_J_mol"), a.temperature_K[col], g("cmax_mol_m3"), s_surf)
        eta = rt[col] * np.arcsinh(j / (2.0 * j0))
        r_ohm = g("thickness_m") * (1.0 / g("kappa_eff_S_m") + 1.0 / g("sigma_eff_S_m"))
        ohm = i * r_ohm / 3.0
        # reaction non-uniformity across the composite. With uniform reaction the potential
        # difference phi_s - phi_e deviates from its mean by i L (1/(3 kappa) - 1/(6 sigma)) at
        # the separator and by i L (1/(3 sigma) - 1/(6 kappa)) at the collector; at
        # quasi-steady state the particles there sit at an OCP lower (discharging cathode) or
        # higher (anode) than the mean by that deviation. The discharge stops when they reach
        # the end of the OCP data: margin = |U(mean surface) -/+ dev - U(end of data)|.
        inv_k, inv_s = 1.0 / g("kappa_eff_S_m"), 1.0 / g("sigma_eff_S_m")
        dev = i * g("thickness_m") * np.maximum(
            np.maximum(inv_k / 3.0 - inv_s / 6.0, inv_s / 3.0 - inv_k / 6.0), 0.0)
        table = getattr(a, f"{prefix}_ocp_table")
        lo, hi = getattr(a, f"{prefix}_ocp_lo")[col], getattr(a, f"{prefix}_ocp_hi")[col]
        if sign > 0:  # cathode: lithiated end is the last point (lowest OCP)
            margin_u = (u - dev) - table[:, -1][col]
            margin_s = hi - s_surf
        else:  # anode: delithiated end is the first point (highest OCP)
            margin_u = table[:, 0][col] - (u + dev)
            margin_s = s_surf - lo
        if not walled.any():
            return u, eta + ohm, (margin_u, margin_s)
        # the DFN's wall beyond the data: the cut-off or the wall's far end stops
        margin_w = (hi + WALL_WIDTH - s_surf) if sign > 0 else (s_surf - lo + WALL_WIDTH)
        u = np.where(walled_col, with_walls_V(u, s_surf, lo, hi), u)
        return u, eta + ohm, (np.where(walled_col, margin_w, margin_u),
                              np.where(walled_col, margin_w, margin_s))

    u_p, loss_p, m_p = electrode("p", +1.0)
    shape = (n, rates.size, n_points)
    # margins: positive while the discharge may go on; it ends where the first one crosses 0
    margins = [np.broadcast_to(m, shape) for m in m_p]
    reasons = [END_POSITIVE_DATA] * len(margins)
    metal = a.n_metal[col]
    j0_li = LI_METAL_J0_A_M2 * np.exp(li_metal_arrhenius_exponent(a.temperature_K))[col]
    eta_li = rt[col] * np.arcsinh(i / (2.0 * j0_li))
    if np.all(a.n_metal):
        u_n = a.n_potential_V[col]
        loss_n = eta_li
    else:
        u_nc, loss_nc, m_n = electrode("n", -1.0)
        margins += [np.broadcast_to(np.where(metal, 1.0, m), shape) for m in m_n]
        reasons += [END_NEGATIVE_DATA] * len(m_n)
        u_n = np.where(metal, a.n_potential_V[col], u_nc)
        loss_n = np.where(metal, eta_li, loss_nc)
    ohmic = i * (a.separator_thickness_m[col] / a.separator_conductivity_S_m[col]
                 + a.interface_resistance_ohm_m2[col])
    v = np.broadcast_to(u_p - u_n - loss_p - loss_n - ohmic, shape)
    cut = a.lower_cutoff_V[col]
    margins.append(v - cut)
    return _end_of_discharge(v, margins, cap, i, q, n_points, [*reasons, END_CUTOFF])


#: Why a fast-model discharge ended (``FastDischarge.end_reason``): the first of its
#: conditions met, or the whole utilisable window passed without any.
END_CUTOFF = "lower cut-off (fast model)"
END_POSITIVE_DATA = "end of positive OCP data (fast model)"
END_NEGATIVE_DATA = "end of negative OCP data (fast model)"
END_FILM_DATA = "end of film OCP data (fast model)"
END_WINDOW = "end of the utilisable window (fast model)"
END_REASONS = (END_CUTOFF, END_POSITIVE_DATA, END_NEGATIVE_DATA, END_FILM_DATA, END_WINDOW)


def _first_reason(margins: list[np.ndarray], reasons: list[str], finished: np.ndarray
                  ) -> np.ndarray:
    """(n, r) the reason of the margin that crosses 0 first (at the point before, linear in
    the step), :data:`END_WINDOW` where none does."""
    where = []
    for m in margins:
        hit = m <= 0
        k = np.argmax(hit, axis=-1)
        m0 = np.take_along_axis(m, np.clip(k - 1, 0, None)[..., None], -1)[..., 0]
        m1 = np.take_along_axis(m, k[..., None], -1)[..., 0]
        frac = np.where((k > 0) & (m0 > 0), m0 / np.where(m0 - m1 > 0, m0 - m1, 1.0), 0.0)
        where.append(np.where(hit.any(-1), k - 1 + frac, np.inf))
    first = np.argmin(np.stack(where), axis=0)
    out = np.asarray(reasons, dtype=object)[first]
    return np.where(finished, out, END_WINDOW).astype(object)


def _end_of_discharge(v: np.ndarray, margins: list[np.ndarray], cap: np.ndarray,
                      i: np.ndarray, q: np.ndarray, n_points: int,
                      reasons: list[str]) -> dict[str, np.ndarray]:
    """Capacity, energy and curves up to where the first margin crosses 0 (linear in the
    last step); ``v`` and the margins (n, r, p), ``cap`` the A h/m2 passed; ``reasons`` name
    the margins (the result's ``end_reason``)."""
    shape = v.shape
    ended = np.zeros(shape, dtype=bool)
    for m in margins:
        ended |= m <= 0
    finished = ended.any(-1)
    k_end = np.where(finished, np.argmax(ended, axis=-1), n_points - 1)
    k0 = np.clip(k_end - 1, 0, None)
    capb = np.broadcast_to(cap, shape)
    # fraction w of the last step where the first margin crosses zero (linear in each margin)
    w = np.ones(k_end.shape)
    for m in margins:
        m0 = np.take_along_axis(m, k0[..., None], -1)[..., 0]
        m1 = np.take_along_axis(m, k_end[..., None], -1)[..., 0]
        cross = (m0 > 0) & (m1 <= 0)
        w = np.where(cross, np.minimum(w, m0 / np.where(cross, m0 - m1, 1.0)), w)
    w = np.where(finished, w, 1.0)
    v0 = np.take_along_axis(v, k0[..., None], -1)[..., 0]
    v1 = np.take_along_axis(v, k_end[..., None], -1)[..., 0]
    c0 = np.take_along_axis(capb, k0[..., None], -1)[..., 0]
    c1 = np.take_along_axis(capb, k_end[..., None], -1)[..., 0]
    capacity = np.where(k_end == 0, 0.0, c0 + w * (c1 - c0))
    v_end = v0 + w * (v1 - v0)
    idx = np.arange(n_points)[None, None, :]
    valid = idx <= k0[..., None]
    # energy: trapezoid of V dQ up to k0 plus the last partial step
    vv = np.where(valid, v, 0.0)
    dq = np.diff(capb, axis=-1)
    seg = 0.5 * (vv[..., 1:] + vv[..., :-1]) * dq * valid[..., 1:]
    energy = seg.sum(-1) + 0.5 * (v0 + v_end) * (capacity - c0)
    mean_v = np.where(capacity > 0, energy / np.where(capacity > 0, capacity, 1.0), np.nan)
    # the curves end at the end of discharge (capacity, v_end), point k_end: integral V dQ
    # over a curve is its energy, its last capacity the delivered capacity
    last = idx == k_end[..., None]
    curve_v = np.where(valid, v, np.nan)
    curve_v = np.where(last, v_end[..., None], curve_v)
    curve_q = np.where(last, capacity[..., None], capb)
    return {
        "current": i[..., 0],
        "capacity_A_h_m2": capacity,
        "energy_W_h_m2": energy,
        "capacity_fraction": capacity / q[..., 0],
        "mean_voltage_V": mean_v,
        "capacity_curve_A_h_m2": curve_q,
        "voltage_curve_V": curve_v,
        "end_reason": _first_reason(margins, reasons, finished),
    }


# --- dense thin-film cathode ---------------------------------------------------------------

#: Terms of the plane-sheet series; 400 terms keep the truncation below 2e-3 of the
#: steady surface excess N L / (3 D) from D t / L^2 = 1e-6 on (tail < 2 / (pi^2 N)).
_FILM_TERMS = 400


def _film_surface_excess(n_flux: np.ndarray, thickness: float, diff: float,
                         t: np.ndarray) -> np.ndarray:
    """s(L, t) - mean s for a plane sheet, no flux at x = 0 and constant flux ``n_flux``
    [m/s, in stoichiometry] into x = L, from a uniform start (eigenfunction series):
    (N L / D) [1/3 - (2 / pi^2) sum_n exp(-n^2 pi^2 D t / L^2) / n^2]."""
    n = np.arange(1, _FILM_TERMS + 1, dtype=float)
    tau = diff * np.asarray(t, float) / thickness**2
    shape = np.broadcast(tau, n_flux).shape
    tau_flat = np.broadcast_to(tau, shape).ravel()
    series = np.zeros(tau_flat.shape)
    # a term that underflows to 0 stays 0 at every later n (exp(-n^2 pi^2 tau) / n^2 falls
    # with n at tau >= 0): only the points whose last term was nonzero are summed on, the
    # same sums in the same order (400 terms at every point took 0.1 s per rate-capability)
    alive = np.arange(tau_flat.size)
    for k in n:
        term = np.exp(-(k**2) * np.pi**2 * tau_flat[alive]) / k**2
        series[alive] = series[alive] + term
        alive = alive[term > 0.0]
        if not alive.size:
            break
    series = series.reshape(shape)
    return n_flux * thickness / diff * (1.0 / 3.0 - 2.0 / np.pi**2 * series)


def film_fast_discharge(params: CellParameters, c_rates: ArrayLike,
                        lower_cutoff_V: float | None = None, *,
                        n_points: int = 2000, initial_soc: float = 1.0) -> FastDischarge:
    """Constant-current discharges of a dense thin-film cathode (``params.dense_film``) from
    state of charge ``initial_soc`` of the window (1: the charged end): the same physics as
    the PyBaMM thin-film model, with the film's surface stoichiometry from the exact
    plane-sheet series instead of finite volumes. Arrays are
    (1, n_rates[, n_points])."""
    from solidcell.errors import UnsupportedError
    from solidcell.simulation.parameters import DenseFilmElectrode

    if not isinstance(params, CellParameters) or not isinstance(params.positive,
                                                               DenseFilmElectrode):
        raise ValidationError("params", getattr(params, "name", type(params).__name__),
                              "must be CellParameters of a dense thin-film cathode")
    if not isinstance(params.negative, CounterElectrode):
        raise UnsupportedError("anode: the thin-film model has a metal counter electrode only")
    rates = check_c_rates("c_rates", c_rates)
    if not is_integer(n_points) or not 20 <= n_points <= MAX_POINTS:
        raise ValidationError("n_points", n_points, f"must be a whole number from 20 to "
                              f"{MAX_POINTS}")
    p = params.positive
    temp = params.temperature_K
    cut = params.default_voltage_limits_V[0] if lower_cutoff_V is None else lower_cutoff_V
    q = params.capacity_A_h / params.area_m2  # A h/m2
    i = q * rates[None, :, None]  # A/m2 of footprint, (1, r, 1)
    depth = np.linspace(0.0, 1.0, int(n_points))[None, None, :]
    t = depth * 3600.0 / rates[None, :, None]
    cap = q * depth
    lo, hi, table = _table(p.ocp)
    s_avg = (params.initial_stoichiometries(initial_soc)[0]
             + cap / p.capacity_per_stoichiometry_A_h_m2)
    n_flux = i / (FARADAY * p.maximum_concentration_mol_m3)
    s_surf = s_avg + _film_surface_excess(n_flux, p.thickness_m, p.diffusivity_m2_s, t)
    u = _interp_rows(table[None, :], np.array([lo]), np.array([hi]), s_surf)
    rt = 2.0 * GAS_CONSTANT * temp / FARADAY
    j0 = _j0(np.array(p.exchange_current_m_ref), np.array(
        p.exchange_current_activation_energy_J_mol), np.array(temp),
        np.array(p.maximum_concentration_mol_m3), np.clip(s_surf, lo, hi))
    j0_li = LI_METAL_J0_A_M2 * np.exp(li_metal_arrhenius_exponent(temp))
    kinetic = rt * (np.arcsinh(i / (2.0 * j0)) + np.arcsinh(i / (2.0 * j0_li)))
    ohmic = i * (params.separator_thickness_m / params.separator_conductivity_S_m
                 + params.interface_resistance_ohm_m2
                 + p.thickness_m / p.electronic_conductivity_S_m)
    v = u - params.negative.potential_V - kinetic - ohmic
    shape = v.shape
    margins = [np.broadcast_to(hi - s_surf, shape), v - cut]
    out = _end_of_discharge(v, margins, cap, i, np.full((1, 1, 1), q), int(n_points),
                            [END_FILM_DATA, END_CUTOFF])
    cur = out.pop("current")
    return FastDischarge(c_rates=rates, current_density_A_m2=cur, **out,
                         sources=("xu2019", "eckhardt2023"))
