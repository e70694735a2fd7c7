"""The one place where solidcell talks to PyBaMM (``sulzer2021``).

:func:`parameter_values` turns :class:`~solidcell.simulation.parameters.CellParameters` into a
``pybamm.ParameterValues`` (PyBaMM's own names at the boundary) and :class:`BuiltCell` keeps a
built, discretised model so that many solves reuse it:

- model: ``DFN`` (``doyle1993``) with ``{"working electrode": "positive"}`` for lithium-metal,
  Li-In and anode-free cells (a planar counter electrode at 0 V or 0.62 V vs Li/Li+), or the
  full-cell ``DFN`` for composite anodes; ``"contact resistance": "true"`` carries the
  interface resistance (Ohm cm2 / area -> Ohm); ``"transport efficiency": "tortuosity factor"``
  so that the separator and composite effective conductivities are exactly those of
  :class:`CellParameters`;
- solid electrolyte: ``"Cation transference number": 1`` (single-ion conductor: the
  concentration stays uniform and the electrolyte is purely ohmic), unless the parameters give
  a binary salt (``CellParameters.transference_number`` < 1 and its salt diffusivity; a solve
  then also ends where the salt is depleted, :data:`DEPLETION_EVENT`);
- OCP: monotone piecewise-cubic (PCHIP) interpolation of the data (no overshoot
  beyond the data's voltages), its argument clipped to the data range, and a
  termination event when a particle surface reaches the end of the data, so the curve is
  never evaluated outside its points;
- inputs: parameters that do not change the model's structure (current, electronic
  conductivity, contact resistance, diffusivities, temperature, initial concentrations,
  cut-offs) are ``[input]`` parameters: a rate or interface-resistance sweep does not rebuild.
  The ionic conductivities stay numbers (see :data:`NUMERIC_ALWAYS`; with the lumped thermal
  model a function of the cell temperature, :func:`electrolyte_conductivity_function`; so are
  the solid diffusivities and, with an activation energy, the contact resistance; its
  electrolyte conductivity, as a binary salt's, is averaged onto the faces harmonically as
  the isothermal single-ion model's, :func:`spatial_methods`); the model a rate sweep builds
  also has the initial concentrations and the solid diffusivities as numbers
  (:data:`RATE_NUMERIC`: about 20 % faster solves, same results).

A dense thin-film cathode (:class:`~solidcell.simulation.parameters.DenseFilmElectrode`) gets
the thin-film model instead (:func:`thin_film_model`, section "dense thin-film cathode" below):
a ``pybamm.BaseModel`` of planar solid diffusion across the film with Butler-Volmer kinetics at
both interfaces and an ohmic solid electrolyte, solved by the same IDAKLU solver, experiment
machinery, cache and :func:`read_solution`.

Nothing else in solidcell imports pybamm.
"""

from __future__ import annotations

import math
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, ClassVar

import numpy as np

from solidcell.chemistry.capacity import FARADAY
from solidcell.chemistry.transport import GAS_CONSTANT
from solidcell.errors import SolidcellError, ValidationError
from solidcell.simulation import ocp as ocp_module
from solidcell.simulation.parameters import (
    C_E,
    LI_METAL_J0_A_M2,
    T_REF,
    CellParameters,
    CounterElectrode,
    DenseFilmElectrode,
    ElectrodeParameters,
    arrhenius_exponent,
    li_metal_arrhenius_exponent,
    thermal_electrodes,
)

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")

#: Mesh points (x in negative, separator, positive; r in particles). "coarse" is for tests.
MESHES: dict[str, dict[str, int]] = {
    "coarse": {"x_n": 8, "x_s": 6, "x_p": 12, "r_n": 10, "r_p": 10},
    "default": {"x_n": 20, "x_s": 10, "x_p": 30, "r_n": 20, "r_p": 20},
    "fine": {"x_n": 40, "x_s": 20, "x_p": 60, "r_n": 40, "r_p": 40},
}

#: Stretch of the particles' radial mesh (PyBaMM's Exponential1DSubMesh, finer towards the
#: surface, where the concentration gradients of a discharge are). On PyBaMM's uniform radial
#: mesh a particle whose diffusion length sqrt(D t) is short against its radius was not
#: resolved: LiFePO4 (prada2013, D 5.9e-18 m2/s) of 3 um radius delivered 17.9 % of its
#: utilisable capacity at 0.1C on the default mesh (20 points), 24.1 % on the coarse one,
#: against 14.99 % converged (320 uniform points; the fast model's exact sphere series 14.98 %);
#: with this stretch 14.98 % on 20 points and 15.06 % on 10 (tests/simulation/
#: test_simulation_qa_session14.py).
PARTICLE_MESH_STRETCH = 3.0

#: Placeholder for PyBaMM's electrolyte diffusivity: with transference number 1 the
#: concentration stays uniform and this value has no effect on any result [m2/s].
_DUMMY_ELECTROLYTE_DIFFUSIVITY = 1e-10
#: Placeholder for PyBaMM's current collector conductivity in the lumped thermal model: the
#: collectors' thickness there is 0 (:func:`thermal_values`), so their heating i2 L_cc / sigma
#: is 0 whatever this value [S/m].
_DUMMY_COLLECTOR_CONDUCTIVITY = 1.0
#: The stoichiometry events sit this far outside the data so that a cell that starts exactly at
#: the end of its window can start; between the data end and the event the OCP is clipped.
_EVENT_MARGIN = 1e-6
#: ``ocp_ends`` of :func:`get_built` (:data:`solidcell.simulation.ocp.OCP_ENDS`: "auto",
#: "stop" or "wall", :func:`resolve_ocp_ends`; the wall's numbers are there, shared with the
#: fast model).
OCP_ENDS = ocp_module.OCP_ENDS
#: A binary salt (transference number < 1) is "depleted" where its concentration falls to
#: this fraction of the start: the solve ends there, at the limiting current (numerics).
DEPLETION_FRACTION = 0.01
DEPLETION_EVENT = "Electrolyte salt depleted (limiting current)"
#: Solver tolerances. Against rtol = atol = 1e-6 they change delivered capacities by < 0.03 %
#: (0.1C-3C, measured on validation-00) and solve about 3x faster.
RTOL, ATOL = 1e-4, 1e-5
#: Solver tolerances of a solve behind the wall (``ocp_ends="wall"``) that failed at RTOL/ATOL
#: or ended on the wall's own event: the wall turns a stoichiometry error into an OCP error
#: ``WALL_SLOPE_V`` (300 V) times larger (30 mV at 1e-4, 0.3 mV at 1e-6). At RTOL/ATOL one
#: particle surface node could cross the wall's knee in one step (0.010 beyond the data end,
#: 1.8 V into the wall) and ring back: IDA_CONV_FAIL, or the wall's event 0.016 out ended the
#: discharge early; at 1e-6 none of 567 full-cell solves did (docs/simulation.md, OCP ends).
WALL_RETRY_RTOL, WALL_RETRY_ATOL = 1e-6, 1e-6
#: Said when a solve behind the wall fails at :data:`WALL_RETRY_RTOL` too.
WALL_FAILED = ("; behind the OCP wall (ocp_ends='wall', also at rtol = atol = 1e-6): "
               "ocp_ends='stop' ends the discharge at the end of the OCP data instead")


class SimulationFailed(SolidcellError, RuntimeError):
    """PyBaMM could not solve; ``field`` names the design field to look at."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.detail = message
        super().__init__(f"simulation failed; look at {field}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt from (field, message): a failure in a worker process (rate_capability_many)
        # must reach the caller as itself, not break the process pool when it is unpickled
        return type(self), (self.field, self.detail)


class CutoffAtStart(SimulationFailed):
    """The voltage is below the lower cut-off as soon as the current flows (no capacity)."""


def _pybamm() -> Any:
    import pybamm

    # An experiment that ends at the edge of the OCP data is reported in the result's notes and
    # termination; PyBaMM's own "Experiment is infeasible" log line would only alarm users. Its
    # "Simulation error" line (ERROR) is said too: the StepRecorder puts it in the termination
    # and notes, or it is raised as SimulationFailed.
    pybamm.logger.setLevel("CRITICAL")
    # SUNDIALS printed its own "[ERROR][rank 0][.../idas.c:3122][IDAGetDky] Illegal value for
    # k." on stderr above the one-line message of a failed solve, which holds the same error
    # (SimulationFailed); read where a solver is made, so a user's own setting still wins
    os.environ.setdefault("SUNLOGGER_ERROR_FILENAME", os.devnull)
    return pybamm


# --- parameters ---------------------------------------------------------------------------


def _ocp_function(curve: Any, name: str, shift_V: float = 0.0, wall: bool = False) -> Any:
    """OCP [V] against the counter electrode: the curve vs Li/Li+ minus ``shift_V``; with
    ``wall`` the steep walls of :data:`OCP_ENDS` beyond both ends of the data."""
    pybamm = _pybamm()
    x, y = curve.x, curve.y - shift_V
    lo, hi = float(x[0]), float(x[-1])

    def ocp(sto: Any) -> Any:
        clipped = pybamm.maximum(pybamm.minimum(sto, hi), lo)
        u = pybamm.Interpolant(x, y, clipped, name=name, interpolator="pchip")
        if wall:  # falls beyond the lithiated end, rises beyond the delithiated one
            u = ocp_module.with_walls_V(u, sto, lo, hi,
                                        lambda x: pybamm.log(1 + pybamm.exp(x)))
        return u

    return ocp


def resolve_ocp_ends(params: CellParameters, ocp_ends: str = "auto") -> str:
    """What ends a discharge of ``params`` at the ends of its OCP data, "stop" or "wall"
    (:data:`OCP_ENDS`): "auto" is "wall" where the wall can apply and "stop" elsewhere;
    "wall" where it cannot is a ValidationError naming ``ocp_ends`` and why. The wall needs a
    composite cathode (DFN or the fast model, ``fast.wall_mask``) whose OCP data leave room
    for it inside stoichiometry (0, 1) (:func:`solidcell.simulation.ocp.wall_fits`), on both
    electrodes of a full cell. Full cells too since 2026-12-07: their rare wall failures
    (IDA_CONV_FAIL, or the wall's event ending a discharge early) were a solver overshoot at
    the wall, gone at :data:`WALL_RETRY_RTOL` (:meth:`BuiltCell.solve_with_steps`;
    docs/simulation.md, OCP ends)."""
    # a text only: a numpy array of texts made `in` ambiguous (a bare numpy ValueError)
    if not isinstance(ocp_ends, str) or ocp_ends not in OCP_ENDS:
        raise ValidationError("ocp_ends", ocp_ends, f"one of {OCP_ENDS}")
    ocp_ends = str(ocp_ends)  # numpy's str_ as a plain text (a cache key, a pickled job)
    if ocp_ends == "stop":
        return ocp_ends
    refusal = _wall_refusal(params)
    if ocp_ends == "auto":
        return "stop" if refusal else "wall"
    if refusal:
        raise ValidationError("ocp_ends", ocp_ends, refusal)
    return ocp_ends


def _wall_refusal(params: CellParameters) -> str:
    """Why the wall of :data:`OCP_ENDS` cannot apply to ``params`` ("" where it can)."""
    if isinstance(params.positive, DenseFilmElectrode):
        return ("'stop' or 'auto' for a dense thin-film cathode (the wall is implemented for "
                "composite cathodes only: the DFN and its fast model)")
    for e in (params.positive, params.negative):
        if isinstance(e, ElectrodeParameters) and not ocp_module.wall_fits(e.ocp.lower,
                                                                          e.ocp.upper):
            return (f"'stop' or 'auto' for {e.material}: its OCP data ({e.ocp.lower:.4g}-"
                    f"{e.ocp.upper:.4g}) leave no room for the wall ({ocp_module.WALL_WIDTH:g}) "
                    "inside stoichiometry (0, 1)")
    return ""


def _j0_function(electrode: ElectrodeParameters) -> Any:
    pybamm = _pybamm()
    m_ref = electrode.exchange_current_m_ref
    e_r = electrode.exchange_current_activation_energy_J_mol

    def j0(c_e: Any, c_s_surf: Any, c_s_max: Any, t: Any) -> Any:
        arr = pybamm.exp(e_r / pybamm.constants.R * (1 / T_REF - 1 / t))
        return m_ref * arr * c_e**0.5 * c_s_surf**0.5 * (c_s_max - c_s_surf) ** 0.5

    return j0


def _li_metal_j0(c_e: Any, c_li: Any, t: Any) -> Any:
    """Xu et al. (2019) lithium-metal exchange-current density [A/m2] at 298.15 K, Arrhenius
    in ``t`` with the Li | garnet interface's activation energy (eckhardt2023)."""
    pybamm = _pybamm()
    return (3.5e-8 * pybamm.constants.F * c_li**0.7 * c_e**0.3
            * pybamm.exp(li_metal_arrhenius_exponent(t)))


def input_values(params: CellParameters, current_A: float = 0.0,
                 lower_cutoff_V: float | None = None,
                 upper_cutoff_V: float | None = None,
                 initial_soc: float = 1.0) -> dict[str, float]:
    """Values of the ``[input]`` parameters for one solve (``initial_soc`` 1 = charged end of
    the usable window, 0 = discharged end)."""
    if not 0.0 <= initial_soc <= 1.0:
        raise ValidationError("initial_soc", initial_soc, "must lie in [0, 1]")
    if isinstance(params.positive, DenseFilmElectrode):
        return _film_input_values(params, current_A, lower_cutoff_V, upper_cutoff_V,
                                  initial_soc)
    p = params.positive
    lo, hi = params.default_voltage_limits_V
    s_p0, s_n0 = params.initial_stoichiometries(initial_soc)
    kappa_ref = params.separator_conductivity_S_m
    inputs = {
        "Current function [A]": float(current_A),
        "Electrolyte conductivity [S.m-1]": kappa_ref,
        # separator: PyBaMM porosity 1, so kappa_eff = kappa / tau = separator conductivity
        "Separator tortuosity factor (electrolyte)": 1.0,
        # composite: kappa_eff = kappa_ref * eps / tau
        "Positive electrode tortuosity factor (electrolyte)":
            kappa_ref * p.electrolyte_volume_fraction / p.effective_ionic_conductivity_S_m,
        "Positive electrode conductivity [S.m-1]": p.electronic_conductivity_S_m,
        "Positive particle diffusivity [m2.s-1]": p.diffusivity_m2_s,
        "Contact resistance [Ohm]": params.interface_resistance_ohm_m2 / params.area_m2,
        "Ambient temperature [K]": params.temperature_K,
        "Initial concentration in positive electrode [mol.m-3]":
            s_p0 * p.maximum_concentration_mol_m3,
        "Lower voltage cut-off [V]": float(lo if lower_cutoff_V is None else lower_cutoff_V),
        # the charged end's OCV plus a margin, so that a rest or discharge can start there
        "Upper voltage cut-off [V]": float(hi + 0.1 if upper_cutoff_V is None
                                           else upper_cutoff_V),
    }
    if isinstance(params.negative, ElectrodeParameters):
        n = params.negative
        assert s_n0 is not None
        inputs.update({
            "Negative electrode tortuosity factor (electrolyte)":
                kappa_ref * n.electrolyte_volume_fraction / n.effective_ionic_conductivity_S_m,
            "Negative electrode conductivity [S.m-1]": n.electronic_conductivity_S_m,
            "Negative particle diffusivity [m2.s-1]": n.diffusivity_m2_s,
            "Initial concentration in negative electrode [mol.m-3]":
                s_n0 * n.maximum_concentration_mol_m3,
        })
    return inputs


def structure_key(params: CellParameters) -> tuple[Any, ...]:
    """What decides the built model: everything that is not an ``[input]``."""
    if isinstance(params.positive, DenseFilmElectrode):
        return _film_structure_key(params)
    def electrode_key(e: ElectrodeParameters) -> tuple[Any, ...]:
        return (e.material, e.thickness_m, e.active_volume_fraction,
                e.electrolyte_volume_fraction, e.particle_radius_m,
                e.maximum_concentration_mol_m3, e.ocp.stoichiometry, e.ocp.voltage_V,
                e.exchange_current_m_ref, e.exchange_current_activation_energy_J_mol,
                e.diffusivity_activation_energy_J_mol)

    neg = (params.negative.kind if isinstance(params.negative, CounterElectrode)
           else electrode_key(params.negative))
    values = input_values(params)
    numeric = tuple(values.get(k) for k in NUMERIC_ALWAYS)
    return (electrode_key(params.positive), neg, params.separator_thickness_m, params.area_m2,
            numeric, params.transference_number, params.salt_diffusivity_m2_s,
            params.initial_salt_concentration_mol_m3, params.thermal,
            # the lumped model's start ("Initial temperature [K]" is a number in it) and the
            # activation energy of its contact resistance (contact_resistance_function)
            params.temperature_K if params.thermal is not None else None,
            params.interface_resistance_activation_energy_J_mol
            if params.thermal is not None else None)


#: Parameters an experiment controls itself: they cannot be PyBaMM inputs in an experiment.
EXPERIMENT_FIXED = ("Current function [A]", "Ambient temperature [K]")
#: Always numbers in the model: when the electrolyte conductivity or a tortuosity factor is an
#: input, PyBaMM 26.10 discretises the conductivity jump at the separator|composite boundary
#: differently, with a first-order mesh error (measured on an earlier design: composite ohmic
#: loss 135.0 mV against 130.7 mV at 2C on the default mesh, 132.8 mV on the fine mesh, while
#: the numeric model gives 130.7 mV on both; on validation-00-nmc811 (seed 7) at 2C, 2026-12-06:
#: 122.0 against 117.7 mV at the first instant on the default mesh, 119.7 on the fine one, the
#: gap 4.3 and 2.1 mV on either particle mesh). A conductivity or temperature change therefore
#: rebuilds the model.
NUMERIC_ALWAYS = (
    "Electrolyte conductivity [S.m-1]",
    "Separator tortuosity factor (electrolyte)",
    "Positive electrode tortuosity factor (electrolyte)",
    "Negative electrode tortuosity factor (electrolyte)",
)


def parameter_values(params: CellParameters, inputs: bool = True,
                     fixed: Sequence[str] = (), ocp_ends: str = "auto") -> Any:
    """``pybamm.ParameterValues`` of ``params``; with ``inputs=True`` the values of
    :func:`input_values` are ``"[input]"`` placeholders (give them at solve time), else numbers;
    the names in ``fixed`` are always numbers; ``ocp_ends`` as :data:`OCP_ENDS` (with "wall"
    the "OCP data ... stoichiometry" events sit at the walls' far ends)."""
    pybamm = _pybamm()
    p = params.positive
    half = isinstance(params.negative, CounterElectrode)
    wall = resolve_ocp_ends(params, ocp_ends) == "wall"
    margin = ocp_module.WALL_WIDTH if wall else _EVENT_MARGIN
    values = input_values(params)
    pv = pybamm.ParameterValues("Xu2019") if half else pybamm.ParameterValues("Chen2020")
    side = math.sqrt(params.area_m2)
    update: dict[str, Any] = {
        # single-ion (1) unless the parameters give a binary salt's t+ and diffusivity
        "Cation transference number": float(params.transference_number),
        "Thermodynamic factor": 1.0,
        "Electrolyte diffusivity [m2.s-1]": (
            _DUMMY_ELECTROLYTE_DIFFUSIVITY if params.salt_diffusivity_m2_s is None
            else float(params.salt_diffusivity_m2_s)),
        # C_E, or a binary salt's own (CellParameters.salt_concentration_mol_m3)
        "Initial concentration in electrolyte [mol.m-3]": params.initial_salt_concentration_mol_m3,
        "Separator porosity": 1.0,
        "Separator thickness [m]": params.separator_thickness_m,
        "Electrode height [m]": side,
        "Electrode width [m]": side,
        "Number of electrodes connected in parallel to make a cell": 1.0,
        "Number of cells connected in series to make a battery": 1.0,
        "Nominal cell capacity [A.h]": params.capacity_A_h,
        # PyBaMM's initial guess of the potentials; must be this cell's, not the set's
        "Open-circuit voltage at 100% SOC [V]": float(params.open_circuit_voltage(0.0)),
        "Open-circuit voltage at 0% SOC [V]": float(params.open_circuit_voltage(1.0)),
        "Reference temperature [K]": T_REF,
        "Initial temperature [K]": params.temperature_K,
        "Positive electrode thickness [m]": p.thickness_m,
        "Positive electrode porosity": p.electrolyte_volume_fraction,
        "Positive electrode active material volume fraction": p.active_volume_fraction,
        "Positive particle radius [m]": p.particle_radius_m,
        "Maximum concentration in positive electrode [mol.m-3]": p.maximum_concentration_mol_m3,
        # PyBaMM's half-cell model holds its counter electrode at 0 V: a Li-In counter
        # electrode (0.62 V vs Li/Li+) shifts the working electrode's OCP instead
        "Positive electrode OCP [V]": _ocp_function(
            p.ocp, f"{p.material} OCP",
            params.negative.potential_V if half else 0.0, wall),  # type: ignore[union-attr]
        "Positive electrode OCP entropic change [V.K-1]": 0.0,
        "Positive electrode exchange-current density [A.m-2]": _j0_function(p),
        "Positive electrode tortuosity factor (electrode)": 1.0 - p.electrolyte_volume_fraction,
        "Positive electrode charge transfer coefficient": 0.5,
        "Positive OCP data upper stoichiometry": p.ocp.upper + margin,
        "Positive OCP data lower stoichiometry": p.ocp.lower - margin,
    }
    if half:
        update.update({
            "Exchange-current density for lithium metal electrode [A.m-2]": _li_metal_j0,
        })
    else:
        n = params.negative
        assert isinstance(n, ElectrodeParameters)
        update.update({
            "Negative electrode thickness [m]": n.thickness_m,
            "Negative electrode porosity": n.electrolyte_volume_fraction,
            "Negative electrode active material volume fraction": n.active_volume_fraction,
            "Negative particle radius [m]": n.particle_radius_m,
            "Maximum concentration in negative electrode [mol.m-3]":
                n.maximum_concentration_mol_m3,
            "Negative electrode OCP [V]": _ocp_function(n.ocp, f"{n.material} OCP",
                                                        wall=wall),
            "Negative electrode OCP entropic change [V.K-1]": 0.0,
            "Negative electrode exchange-current density [A.m-2]": _j0_function(n),
            "Negative electrode tortuosity factor (electrode)":
                1.0 - n.electrolyte_volume_fraction,
            "Negative OCP data upper stoichiometry": n.ocp.upper + margin,
            "Negative OCP data lower stoichiometry": n.ocp.lower - margin,
        })
    for key, value in values.items():
        numeric = key in fixed or key in NUMERIC_ALWAYS
        update[key] = "[input]" if inputs and not numeric else value
    update.update(thermal_values(params))
    update.update(solid_diffusivity_functions(params, update))
    update.update(contact_resistance_function(params, update))
    if _has_conductivity_laws(params):
        update["Electrolyte conductivity [S.m-1]"] = electrolyte_conductivity_function(params)
    pv.update(update, check_already_exists=False)
    return pv


def _has_conductivity_laws(params: CellParameters) -> bool:
    th = params.thermal
    return th is not None and any(law is not None for _, law in th.conductivity_laws)


def electrolyte_conductivity_function(params: CellParameters) -> Any:
    """PyBaMM's "Electrolyte conductivity [S.m-1]" (c_e, T) under the lumped thermal model:
    in each layer the number of :func:`input_values` (the separator's effective conductivity;
    the composites' tortuosity factors scale it to theirs) times sigma(T) / sigma(T_start) of
    that layer's electrolyte (:class:`~solidcell.simulation.parameters.ConductivityLaw`,
    ``conductivity_at`` tabulated; a layer without a law: 1). PyBaMM calls it on one layer or
    on several at once (the cell's one temperature broadcast over them)."""
    pybamm = _pybamm()
    assert params.thermal is not None
    kappa_ref = params.separator_conductivity_S_m
    t_start = params.temperature_K
    laws = dict(params.thermal.conductivity_laws)

    def factor(law: Any, temp: Any) -> Any:
        if law is None:
            return 1.0
        x, y = np.asarray(law.inverse_temperature_K), np.asarray(law.log_sigma_T)
        y_start = float(np.interp(1.0 / t_start, x, y))
        ln_st = pybamm.Interpolant(x, y, 1 / temp, name=f"{law.material} ln(sigma T)",
                                   interpolator="linear", extrapolate=True)
        return pybamm.exp(ln_st - y_start) * t_start / temp

    def kappa(c_e: Any, temp: Any) -> Any:
        domains = list(getattr(temp, "domain", []) or []) or ["separator"]
        if len({laws.get(d) for d in domains}) == 1:
            return kappa_ref * factor(laws.get(domains[0]), temp)
        if not isinstance(temp, pybamm.PrimaryBroadcast):
            raise SimulationFailed("thermal", "the lumped thermal model gave the electrolyte "
                                   f"conductivity a temperature of type {type(temp).__name__}")
        inner = temp.orphans[0]
        return pybamm.concatenation(*(pybamm.PrimaryBroadcast(
            kappa_ref * factor(laws.get(d), inner), d) for d in domains))

    return kappa


def solid_diffusivity_functions(params: CellParameters, values: dict[str, Any]
                                ) -> dict[str, Any]:
    """PyBaMM's "Positive/Negative particle diffusivity [m2.s-1]" (sto, T) under the lumped
    thermal model, for each electrode with an activation energy: its value in ``values`` (a
    number, or "[input]": the input of that name; D at the start temperature, as
    :func:`~solidcell.simulation.parameters.solid_diffusivity_at` made it) times
    ``exp(E_D/R (1/T_start - 1/T))``
    (:func:`~solidcell.simulation.parameters.solid_diffusivity_factor`, T PyBaMM's cell
    temperature). Empty when isothermal: those stay as they are."""
    if params.thermal is None:
        return {}
    pybamm = _pybamm()
    out: dict[str, Any] = {}
    for dom, e in thermal_electrodes(params):
        key = f"{dom} particle diffusivity [m2.s-1]"
        e_d = e.diffusivity_activation_energy_J_mol
        if e_d is None or key not in values:
            continue
        base = values[key]
        if isinstance(base, str):  # "[input]"
            base = pybamm.InputParameter(key)

        def diffusivity(sto: Any, temp: Any, base: Any = base, e_d: float = e_d) -> Any:
            return base * pybamm.exp(arrhenius_exponent(e_d, temp, params.temperature_K))

        out[key] = diffusivity
    return out


def contact_resistance_function(params: CellParameters, values: dict[str, Any]
                                ) -> dict[str, Any]:
    """PyBaMM's "Contact resistance [Ohm]" (T) under the lumped thermal model when the
    interface resistance has an activation energy
    (``CellParameters.interface_resistance_activation_energy_J_mol``): its value in ``values``
    (a number, or "[input]": the input of that name; the resistance at the start temperature
    over the area) times ``exp(E_a/R (1/T - 1/T_start))``
    (:func:`solidcell.chemistry.transport.interface_resistance_exponent`, the exponent of
    ``interface_resistance_at``; T PyBaMM's volume-averaged cell temperature, which its
    contact overpotential and contact heating both take). Empty when isothermal or without
    an activation energy: the number (held) stays."""
    from solidcell.chemistry.transport import interface_resistance_exponent

    key = "Contact resistance [Ohm]"
    e_a = params.interface_resistance_activation_energy_J_mol
    if params.thermal is None or e_a is None or key not in values:
        return {}
    pybamm = _pybamm()
    base = values[key]
    if isinstance(base, str):  # "[input]"
        base = pybamm.InputParameter(key)
    t_start = params.temperature_K

    def resistance(temp: Any) -> Any:
        return base * pybamm.exp(interface_resistance_exponent(e_a, temp, t_start))

    return {key: resistance}


def thermal_values(params: CellParameters) -> dict[str, float]:
    """PyBaMM's lumped thermal parameters of ``params.thermal`` (empty when isothermal): with
    ``"use lumped thermal capacity": "true"`` the model reads one volumetric heat capacity,
    not the per-layer densities, specific heats or thermal conductivities (PyBaMM 26.10,
    ``thermal/base_thermal.py``, ``lumped.py``); the surface is at the ambient temperature."""
    th = params.thermal
    if th is None:
        return {}
    return {
        "Total heat transfer coefficient [W.m-2.K-1]": th.heat_transfer_coefficient_W_m2_K,
        "Cell cooling surface area [m2]": th.cooling_area_m2,
        "Cell volume [m3]": th.cell_volume_m3,
        "Cell heat capacity [J.K-1.m-3]": th.volumetric_heat_capacity_J_m3_K,
        # the model's voltage has no collector resistance, so neither has its heat: thickness
        # 0 makes PyBaMM's through-plane collector heating i2 L_cc / sigma_cc zero (the
        # collectors' heat capacity is in the cell's, ThermalParameters)
        "Negative current collector thickness [m]": 0.0,
        "Positive current collector thickness [m]": 0.0,
        "Negative current collector conductivity [S.m-1]": _DUMMY_COLLECTOR_CONDUCTIVITY,
        "Positive current collector conductivity [S.m-1]": _DUMMY_COLLECTOR_CONDUCTIVITY,
    }


def model_options(params: CellParameters) -> dict[str, str]:
    options = {"contact resistance": "true", "transport efficiency": "tortuosity factor"}
    if isinstance(params.negative, CounterElectrode):
        options["working electrode"] = "positive"
    if params.thermal is not None:
        # with the heat of mixing (the particles' concentration gradients relaxing) the heat
        # generated is integral I (OCV - V) dt within 0.8 % (oxide example at 2C, coarse mesh;
        # 0.2 % default, 0.5 % fine); without it 10 % less (docs/simulation.md, Thermal)
        options.update({"thermal": "lumped", "use lumped thermal capacity": "true",
                        "heat of mixing": "true"})
    return options


def _add_stoichiometry_events(model: Any, half: bool) -> None:
    """Stop when a particle surface reaches the end of its OCP data."""
    pybamm = _pybamm()
    domains = ["Positive"] if half else ["Positive", "Negative"]
    for dom in domains:
        surf = model.variables[f"{dom} particle surface stoichiometry"]
        hi = pybamm.Parameter(f"{dom} OCP data upper stoichiometry")
        lo = pybamm.Parameter(f"{dom} OCP data lower stoichiometry")
        model.events.append(pybamm.Event(
            f"{dom} particle surface reached the upper end of its OCP data",
            hi - pybamm.max(surf), pybamm.EventType.TERMINATION))
        model.events.append(pybamm.Event(
            f"{dom} particle surface reached the lower end of its OCP data",
            pybamm.min(surf) - lo, pybamm.EventType.TERMINATION))


# --- building and solving ------------------------------------------------------------------


@dataclass
class BuiltCell:
    """A built PyBaMM simulation for one model structure; solve it many times with inputs."""

    structure: tuple[Any, ...]
    simulation: Any
    half_cell: bool
    experiment: tuple[str, ...] | None
    mesh: str
    temperature_K: float
    #: inputs that are numbers in this model (``get_built(numeric=...)``), with their values
    numeric: tuple[tuple[str, float], ...] = ()
    #: what ends a discharge at the ends of the OCP data ("stop" or "wall"), and what else the
    #: model was built with (its twin at the wall's tolerances is built from these)
    ocp_ends: str = "stop"
    period_s: float | None = None
    outputs: tuple[str, ...] | None = None
    #: built at :data:`WALL_RETRY_RTOL` (the twin a failed wall solve is solved again with)
    tight: bool = False
    _twin: BuiltCell | None = dataclass_field(default=None, repr=False, compare=False)

    def solve(self, params: CellParameters, *, current_A: float = 0.0,
              t_end_s: float | None = None, lower_cutoff_V: float | None = None,
              upper_cutoff_V: float | None = None, initial_soc: float = 1.0,
              n_points: int = 200) -> Any:
        """Solve (``t_end_s`` for a constant current, or the stored experiment)."""
        return self.solve_with_steps(
            params, current_A=current_A, t_end_s=t_end_s, lower_cutoff_V=lower_cutoff_V,
            upper_cutoff_V=upper_cutoff_V, initial_soc=initial_soc, n_points=n_points)[0]

    def solve_with_steps(self, params: CellParameters, *, current_A: float = 0.0,
                         t_end_s: float | None = None, lower_cutoff_V: float | None = None,
                         upper_cutoff_V: float | None = None, initial_soc: float = 1.0,
                         n_points: int = 200,
                         progress: bool = False) -> tuple[Any, StepOutcome | None]:
        """:meth:`solve`, and for an experiment what PyBaMM did with each step
        (:class:`StepOutcome`; None without an experiment); ``progress`` shows PyBaMM's bar
        over an experiment's steps. Behind the wall a solve that fails or ends on the wall's
        own event (only a solver overshoot reaches it: 3.6 V past the data end's OCP) is
        solved again at :data:`WALL_RETRY_RTOL`; a failure there names ``ocp_ends``."""
        kw: dict[str, Any] = dict(
            current_A=current_A, t_end_s=t_end_s, lower_cutoff_V=lower_cutoff_V,
            upper_cutoff_V=upper_cutoff_V, initial_soc=initial_soc, n_points=n_points,
            progress=progress)
        retry = self.ocp_ends == "wall" and not self.tight
        try:
            sol, outcome = self._solve_once(params, **kw)
        except CutoffAtStart:
            raise
        except SimulationFailed as exc:
            if not retry:
                raise
            try:
                return self.tight_twin(params).solve_with_steps(params, **kw)
            except CutoffAtStart:
                raise
            except SimulationFailed as again:
                raise type(exc)(again.field, again.detail[:300] + WALL_FAILED) from None
        if retry and _ended_on_the_wall(sol, outcome):
            return self.tight_twin(params).solve_with_steps(params, **kw)
        return sol, outcome

    def tight_twin(self, params: CellParameters) -> BuiltCell:
        """This model built again with the solver at :data:`WALL_RETRY_RTOL` (once, kept)."""
        if self._twin is None:
            self._twin = _build(params, self.experiment, self.mesh, self.period_s,
                                self.outputs, self.numeric, self.ocp_ends, tight=True)
        return self._twin

    def _solve_once(self, params: CellParameters, *, current_A: float,
                    t_end_s: float | None, lower_cutoff_V: float | None,
                    upper_cutoff_V: float | None, initial_soc: float, n_points: int,
                    progress: bool) -> tuple[Any, StepOutcome | None]:
        """One solve at this model's tolerances (arguments of :meth:`solve_with_steps`)."""
        pybamm = _pybamm()
        if structure_key(params) != self.structure:
            raise ValidationError("params", params.name, "has another structure than the "
                                  "built model; build a new one (see get_built)")
        inputs = input_values(params, current_A, lower_cutoff_V, upper_cutoff_V, initial_soc)
        for key in NUMERIC_ALWAYS:
            inputs.pop(key, None)
        for key, value in self.numeric:
            given = inputs.pop(key, value)
            if given != value:
                raise ValidationError(key, given, f"is the number {value:.6g} in this built "
                                      "model (initial_soc as built for the initial state); "
                                      "build a new one (see get_built's numeric)")
        if self.experiment is not None:
            if params.temperature_K != self.temperature_K:
                raise ValidationError("temperature_K", params.temperature_K,
                                      "differs from the built experiment's; build a new one")
            for key in EXPERIMENT_FIXED:
                inputs.pop(key, None)
        recorder = _step_recorder() if self.experiment is not None else None
        try:
            if self.experiment is None:
                t_end = float(t_end_s or 3600.0)
                sol = self.simulation.solve([0.0, t_end], inputs=inputs,
                                            t_interp=np.linspace(0.0, t_end, n_points))
            else:
                sol = self.simulation.solve(inputs=inputs, callbacks=[recorder],
                                            showprogress=bool(progress))
        except pybamm.SolverError as exc:
            text = str(exc)
            # at the first instant no solid diffusion loss has built up yet
            at_start = "non-positive at initial conditions" in text
            field = _suspect_field(params, current_A, at_start=at_start)
            if recorder is not None and recorder.started:
                # an experiment's first step failed: name it, with the losses at its current
                step = recorder.started[-1]
                current = step_current_A(step, params)
                field = (f"experiment step {step!r}"
                         + (f" / {_suspect_field(params, current, at_start=at_start)}"
                            if current > 0 else ""))
            if at_start and "Minimum voltage" in text:
                raise CutoffAtStart(
                    field,
                    "the voltage is below the lower cut-off as soon as the current flows; "
                    "the losses at this current exceed the voltage window") from None
            raise SimulationFailed(field, text[:300]) from None
        if type(sol).__name__ == "EmptySolution":  # no step ran: nothing to read
            first = self.experiment[0] if self.experiment else ""
            v0 = float(params.open_circuit_voltage(1.0 - initial_soc))
            # the losses are named unless the step's own limit is already past at the start
            current = step_current_A(first, params) if not _limit_past(first, v0) else 0.0
            raise CutoffAtStart(
                f"experiment step {first!r}"
                + (f" / {_suspect_field(params, current, at_start=True)}" if current > 0
                   else ""),
                "no step could run: each step's limit was already reached when it started; "
                f"the cell's open-circuit voltage at the start is {v0:.3g} V (a discharge "
                "'until' a voltage above it, or a charge 'until' one below it, ends at once; "
                "so does a step whose current makes losses beyond the voltage window)")
        outcome = (recorder.outcome(len(self.experiment or ())) if recorder is not None
                   else None)
        return sol, outcome


_CACHE: OrderedDict[tuple[Any, ...], BuiltCell] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 16


#: The variables a rate sweep reads; a model built with ``outputs=RATE_OUTPUTS`` lets the
#: IDAKLU solver compute only these (PyBaMM's ``output_variables``), which is faster.
RATE_OUTPUTS = ("Time [s]", "Voltage [V]", "Current [A]", "Discharge capacity [A.h]")
#: What a solve with the lumped thermal model also reads (PyBaMM's names): the cell's
#: temperature, the heat generated (contact resistance's included) and the heat the surface
#: takes away (negative while the cell is above ambient).
THERMAL_OUTPUTS = ("Volume-averaged cell temperature [K]", "Total heating [W]",
                   "Lumped contact resistance heating [W]", "Surface total cooling [W]")


def rate_outputs(params: CellParameters) -> tuple[str, ...]:
    """:data:`RATE_OUTPUTS`, and :data:`THERMAL_OUTPUTS` with the lumped thermal model."""
    return RATE_OUTPUTS + (THERMAL_OUTPUTS if params.thermal is not None else ())


#: The inputs a rate sweep never changes (each rate starts from the charged state of the same
#: cell): a model built with ``numeric=RATE_NUMERIC`` has them as numbers, and each solve is
#: about 20 % faster (PyBaMM 26.10: with the initial concentration an input, the OCP at the
#: initial stoichiometry, its reference for the potentials, is evaluated in every residual, event
#: and output call; with the diffusivity an input, div(D grad) is not one constant matrix).
RATE_NUMERIC = (
    "Initial concentration in positive electrode [mol.m-3]",
    "Initial concentration in negative electrode [mol.m-3]",
    "Positive particle diffusivity [m2.s-1]",
    "Negative particle diffusivity [m2.s-1]",
    "Initial stoichiometry in positive film",
    "Positive film diffusivity [m2.s-1]",
)


def check_mesh(mesh: Any) -> str:
    """``mesh`` when it is a key of :data:`MESHES`; else :class:`ValidationError`."""
    if not isinstance(mesh, str) or mesh not in MESHES:
        raise ValidationError("mesh", mesh, f"use one of {', '.join(MESHES)}")
    return mesh


def get_built(params: CellParameters, *, experiment: Sequence[str] | None = None,
              mesh: str = "default", period_s: float | None = None,
              outputs: tuple[str, ...] | None = None,
              numeric: Sequence[str] = (), initial_soc: float = 1.0,
              ocp_ends: str = "auto") -> BuiltCell:
    """The built model for ``params``' structure (cached: built once, solved many times);
    ``outputs`` restricts the solver's output to those variables; the names of
    :func:`input_values` in ``numeric`` (those not in this cell's inputs are ignored) are
    numbers in the model, at their values for ``params`` and ``initial_soc`` (default 1, the
    charged end): faster solves (see :data:`RATE_NUMERIC`), and a solve with other values for
    them is refused.
    ``period_s`` is the experiment's output period [s] (steps without their own): > 0, and
    at most :data:`solidcell.checks.MAX_STEP_POINTS` points in a step. ``ocp_ends``: what
    happens at the ends of the OCP data (:data:`OCP_ENDS`, resolved by
    :func:`resolve_ocp_ends`)."""
    check_mesh(mesh)
    ocp_ends = resolve_ocp_ends(params, ocp_ends)
    exp = tuple(experiment) if experiment is not None else None
    if period_s is not None:
        from solidcell.checks import positive

        period_s = positive("period_s", period_s, "an output period > 0 s (finite)")
        if exp is not None:
            check_steps(exp, period_s=period_s)
    values = input_values(params, initial_soc=initial_soc)
    fixed = tuple((k, values[k]) for k in dict.fromkeys(numeric) if k in values)
    # an experiment fixes the temperature in the model (PyBaMM does not take it as an input)
    key = (structure_key(params), exp, mesh, period_s,
           params.temperature_K if exp is not None else None, outputs, fixed, ocp_ends)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    built = _build(params, exp, mesh, period_s, outputs, fixed, ocp_ends)
    with _CACHE_LOCK:
        _CACHE[key] = built
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return built


def _ended_on_the_wall(sol: Any, outcome: StepOutcome | None) -> bool:
    """Whether a solve behind the wall ended on a model event at a wall's far end (a solver
    overshoot: the OCP there is 3.6 V past the data end's) or, in an experiment, on a solver
    error (PyBaMM returns the steps before it). An experiment's step terminations at the far
    end (the step ends, the next one runs) are not this."""
    if outcome is None:
        return "end of its OCP data" in str(getattr(sol, "termination", ""))
    stop = outcome.stop
    return stop is not None and (stop[0] == "error" or (
        stop[0] == "event" and "end of its OCP data" in stop[2]))


def _add_depletion_event(model: Any) -> None:
    """Stop when the salt concentration anywhere falls to :data:`DEPLETION_FRACTION` of its
    start (a binary salt, transference number < 1, at its limiting current; below it the
    concentration overpotential diverges and the solver failed, IDA_CONV_FAIL)."""
    pybamm = _pybamm()
    c_e = model.variables["Electrolyte concentration [mol.m-3]"]
    c0 = pybamm.Parameter("Initial concentration in electrolyte [mol.m-3]")
    model.events.append(pybamm.Event(
        DEPLETION_EVENT, pybamm.min(c_e) - DEPLETION_FRACTION * c0,
        pybamm.EventType.TERMINATION))


def _build(params: CellParameters, experiment: tuple[str, ...] | None, mesh: str,
           period_s: float | None, outputs: tuple[str, ...] | None = None,
           numeric: tuple[tuple[str, float], ...] = (), ocp_ends: str = "auto",
           tight: bool = False) -> BuiltCell:
    if isinstance(params.positive, DenseFilmElectrode):
        return _build_thin_film(params, experiment, mesh, period_s, outputs, numeric)
    pybamm = _pybamm()
    half = isinstance(params.negative, CounterElectrode)
    model = pybamm.lithium_ion.DFN(model_options(params))
    _add_stoichiometry_events(model, half)
    if params.transference_number != 1:
        _add_depletion_event(model)
    fixed = (*(EXPERIMENT_FIXED if experiment is not None else ()), *(k for k, _ in numeric))
    pv = parameter_values(params, inputs=True, fixed=fixed, ocp_ends=ocp_ends)
    pv.update(dict(numeric))  # the numbers of get_built (its initial_soc)
    pv.update(solid_diffusivity_functions(params, dict(numeric)))  # lumped: D(T) on them
    pv.update(contact_resistance_function(params, dict(numeric)))  # and R(T)
    var_pts = dict(MESHES[mesh])
    if half:
        var_pts["x_n"] = 1
    exp = _experiment(experiment, half, period_s)
    sim = pybamm.Simulation(model, parameter_values=pv, experiment=exp,
                            solver=_solver(outputs, tight), var_pts=var_pts,
                            submesh_types=particle_submeshes(model),
                            spatial_methods=spatial_methods(model, params))
    if exp is None:
        sim.build()
    return BuiltCell(structure_key(params), sim, half, experiment, mesh, params.temperature_K,
                     numeric, resolve_ocp_ends(params, ocp_ends), period_s, outputs, tight)


def spatial_methods(model: Any, params: CellParameters) -> dict[str, Any]:
    """``model``'s default spatial methods; where the electrolyte conductivity is not
    simplified to a coefficient times a bare gradient (the lumped thermal model, a binary
    salt) the macroscale's finite volumes average it onto the faces harmonically
    (:func:`_harmonic_flux_finite_volume`), as PyBaMM does for the isothermal single-ion
    model, which keeps PyBaMM's own method."""
    methods = dict(model.default_spatial_methods)
    if params.thermal is not None or params.transference_number != 1:
        methods["macroscale"] = _harmonic_flux_finite_volume()(
            methods["macroscale"].options)
    return methods


def _harmonic_flux_finite_volume() -> type:
    """PyBaMM's FiniteVolume, with a flux ``k * g`` whose factor ``g`` is a linear combination
    of gradients (``-grad(phi)``, ``a(c) grad(c) - grad(phi)``, see :func:`_gradient_sum`)
    averaging ``k`` onto the faces harmonically, as PyBaMM does for ``k * grad(phi)``.

    PyBaMM 26.10 writes the electrolyte current as ``(kappa tau) * (chi RT/(F c) grad(c) -
    grad(phi))`` (``full_conductivity.py``). Only a coefficient times a bare gradient gets the
    harmonic mean (``process_binary_operators``, Recktenwald 2012); any other factor the
    arithmetic one. With a single-ion conductor ``chi`` is 0 and, when ``kappa tau`` is
    constant (isothermal: numbers, NUMERIC_ALWAYS), its simplification ``a * (-b) -> (-a) * b``
    leaves a bare gradient: the face between the separator and a composite gets the harmonic
    mean of their conductivities (series resistances). Under the lumped model ``kappa`` is a
    function of the cell temperature and the negation stays; with a binary salt the factor is
    a difference. Both got the arithmetic mean, a first-order mesh error in the composite's
    ohmic loss (lumped EV example, h = 1e7 W/(m2 K), first instant at 2C: 46.70 / 50.64 /
    51.68 mV on the coarse / default / fine mesh against the isothermal 53.64 / 52.93 /
    52.82 mV; a binary salt's electrolyte potential at the first instant of 2C, where the salt
    is uniform, off the single-ion cell's by up to 0.665 / 0.082 / 0.041 mV in the polymer
    example at 85 degC, 6.95 / 2.29 / 1.14 mV in the EV example with t+ 0.2, D 1e-11 m2/s;
    2026-12-07). The harmonic mean is the face coefficient of the whole factor: with ``k``
    constant on either side of a face and ``a(c)`` continuous across it (one electrolyte,
    ``c`` continuous), flux continuity gives ``i = k_h (a (c_R - c_L) - (phi_R - phi_L)) / dx``
    with ``dx / k_h = dx_L / k_L + dx_R / k_R``, for the gradient of ``c`` as for that of
    ``phi``. With it the lumped model gives the isothermal numbers and a binary salt the
    single-ion potential at the first instant, at every mesh, to rounding
    (``tests/simulation/test_sim_face_conductivity_binary.py``)."""
    pybamm = _pybamm()
    global _HARMONIC_FV
    if _HARMONIC_FV is not None:
        return _HARMONIC_FV

    class HarmonicFluxFiniteVolume(pybamm.FiniteVolume):  # type: ignore[misc,name-defined]
        def process_binary_operators(self, bin_op: Any, left: Any, right: Any,
                                     disc_left: Any, disc_right: Any) -> Any:
            if isinstance(bin_op, pybamm.Multiplication):
                if _gradient_sum(right) and not left.evaluates_on_edges("primary"):
                    disc_left = self.node_to_edge(disc_left, method="harmonic")
                    return pybamm.simplify_if_constant(
                        bin_op.create_copy([disc_left, disc_right]))
                if _gradient_sum(left) and not right.evaluates_on_edges("primary"):
                    disc_right = self.node_to_edge(disc_right, method="harmonic")
                    return pybamm.simplify_if_constant(
                        bin_op.create_copy([disc_left, disc_right]))
            return super().process_binary_operators(bin_op, left, right, disc_left,
                                                    disc_right)

    _HARMONIC_FV = HarmonicFluxFiniteVolume
    return _HARMONIC_FV


_HARMONIC_FV: type | None = None


def _gradient_sum(symbol: Any) -> bool:
    """``symbol`` is a linear combination of gradients: ``grad(x)``, its negation, or a sum or
    difference of such terms and of a coefficient on the nodes times a gradient
    (``a(c) grad(c) - grad(phi)``). A product at the top is not one: ``k grad(x)`` is a flux
    (PyBaMM averages ``k`` harmonically itself), and ``t+ i_e`` a flux times a coefficient."""
    pybamm = _pybamm()
    if isinstance(symbol, pybamm.Gradient):
        return True
    if isinstance(symbol, pybamm.Negate):
        return _gradient_sum(symbol.orphans[0])
    if isinstance(symbol, pybamm.Addition | pybamm.Subtraction):
        return all(_gradient_sum(c) or _coefficient_times_gradient(c) for c in symbol.orphans)
    return False


def _coefficient_times_gradient(symbol: Any) -> bool:
    """``symbol`` is ``a * grad(x)`` (either order) with ``a`` on the nodes."""
    pybamm = _pybamm()
    if not isinstance(symbol, pybamm.Multiplication):
        return False
    a, b = symbol.orphans
    return ((isinstance(a, pybamm.Gradient) and not b.evaluates_on_edges("primary"))
            or (isinstance(b, pybamm.Gradient) and not a.evaluates_on_edges("primary")))


def particle_submeshes(model: Any) -> dict[str, Any]:
    """``model``'s default submeshes with the particles' radial meshes finer towards the
    surface (:data:`PARTICLE_MESH_STRETCH`)."""
    pybamm = _pybamm()
    sub = dict(model.default_submesh_types)
    for domain in ("negative particle", "positive particle"):
        if domain in sub:
            sub[domain] = pybamm.MeshGenerator(
                pybamm.Exponential1DSubMesh,
                submesh_params={"side": "right", "stretch": PARTICLE_MESH_STRETCH})
    return sub


def _experiment(experiment: tuple[str, ...] | None, half: bool, period_s: float | None,
                surface: str = "particle") -> Any:
    """``pybamm.Experiment`` of the steps (with the OCP-data ends as step terminations, see
    :func:`_steps_with_ocp_ends`), or None; a string PyBaMM cannot read is a ValidationError."""
    if experiment is None:
        return None
    pybamm = _pybamm()
    try:
        return pybamm.Experiment(_steps_with_ocp_ends(list(experiment), half, surface),
                                 period=f"{period_s} seconds" if period_s else None)
    except Exception as exc:  # pybamm raises ValueError/TypeError on bad strings
        raise ValidationError("experiment", list(experiment)[:6],
                              f"is not a PyBaMM experiment ({exc}); {STEP_HELP}") from None


def _solver(outputs: tuple[str, ...] | None, tight: bool = False) -> Any:
    """The IDAKLU solver at solidcell's tolerances (``tight``: :data:`WALL_RETRY_RTOL`),
    computing only ``outputs`` when given."""
    rtol, atol = (WALL_RETRY_RTOL, WALL_RETRY_ATOL) if tight else (RTOL, ATOL)
    return _pybamm().IDAKLUSolver(rtol=rtol, atol=atol,
                                  output_variables=list(outputs) if outputs else None)


def _ocp_end_termination(dom: str, end: str, surface: str = "particle",
                         towards: str | None = None) -> Any:
    """A step termination at the end of the OCP data of ``dom`` ("Positive"/"Negative"),
    ``end`` "upper" or "lower": the step ends there and the experiment goes on with the next
    step (the model's own events, ``_EVENT_MARGIN`` further out, would end the experiment);
    ``surface`` "particle" (DFN) or "film" (thin-film model). ``towards`` ("discharge" or
    "charge") is for a step whose direction the current decides (a voltage hold): the
    termination holds only while the current flows that way (towards that end); a current the
    other way adds its C-rate to the margin, so a hold that starts at an end and moves away
    from it runs."""
    pybamm = _pybamm()
    name = f"{dom} {surface} surface reached the {end} end of its OCP data"

    def event(variables: Any) -> Any:
        surf = variables[f"{dom} {surface} surface stoichiometry"]
        limit = pybamm.Parameter(f"{dom} OCP data {end} stoichiometry")
        if end == "upper":
            margin = (limit - _EVENT_MARGIN) - pybamm.max(surf)
        else:
            margin = pybamm.min(surf) - (limit + _EVENT_MARGIN)
        if towards is None:
            return margin
        c_rate = (variables["Current [A]"]
                  / pybamm.Parameter("Nominal cell capacity [A.h]"))  # > 0 on discharge
        away = -c_rate if towards == "discharge" else c_rate
        return margin + pybamm.maximum(away, 0.0)

    return pybamm.step.CustomTermination(name, event)


def default_step_duration_s(step_text: str) -> float | None:
    """PyBaMM's duration of a step given without one (24 h for a current, voltage or power
    step, 2/C hours for a C-rate step), None when the step has its own duration."""
    pybamm = _pybamm()
    try:
        step = pybamm.step.string(step_text)
    except Exception:  # a bad string is reported where the experiment is built
        return None
    return float(step.duration) if step.uses_default_duration else None


def _steps_with_ocp_ends(steps: list[str], half: bool, surface: str = "particle"
                        ) -> list[Any]:
    """PyBaMM steps of ``steps``; a charge or discharge step also ends where a particle
    (``surface="film"``: the dense film's) surface reaches the end of its OCP data in the
    step's direction (positive electrode: upper end on discharge, lower on charge; negative
    electrode the other way round); a voltage hold, whose direction its current decides, at
    the end it is moving towards (a CC-CV charge to a voltage above the data's end went on
    to the model's event, which ended the whole experiment)."""
    pybamm = _pybamm()
    out = []

    def ends(direction: str) -> list[tuple[str, str]]:
        up = direction == "discharge"
        pairs = [("Positive", "upper" if up else "lower")]
        if not half:
            pairs.append(("Negative", "lower" if up else "upper"))
        return pairs

    for text in steps:
        step = pybamm.step.string(text)
        if step.direction in ("discharge", "charge"):
            step.termination = [*step.termination, *(
                _ocp_end_termination(d, e, surface) for d, e in ends(step.direction))]
        elif type(step).__name__ == "Voltage":
            step.termination = [*step.termination, *(
                _ocp_end_termination(d, e, surface, towards=way)
                for way in ("discharge", "charge") for d, e in ends(way))]
        out.append(step)
    return out


def _suspect_field(params: CellParameters, current_A: float, at_start: bool = False) -> str:
    """The design field most likely behind a solver failure (largest loss first; with
    ``at_start``, a failure at the first instant, the ohmic drops only: solid diffusion has
    built up no loss yet)."""
    if isinstance(params.positive, DenseFilmElectrode):
        return _film_suspect_field(params, current_A, at_start)
    p = params.positive
    i = abs(current_A) / params.area_m2
    drops = {
        "separator.thickness_m / separator.electrolyte (separator conductivity)":
            i * params.separator_thickness_m / params.separator_conductivity_S_m,
        "cathode.electrolyte_fraction / cathode.electrolyte (composite conductivity)":
            i * p.thickness_m / (3 * p.effective_ionic_conductivity_S_m),
        "interface resistance": i * params.interface_resistance_ohm_m2,
        "cathode.particle_radius_m (solid diffusion)":
            (p.particle_radius_m ** 2 / p.diffusivity_m2_s)
            / max(3600.0 * params.capacity_A_h / max(abs(current_A), 1e-30), 1e-30),
    }
    if at_start:
        drops.pop("cathode.particle_radius_m (solid diffusion)")
    worst = max(drops, key=lambda k: drops[k])
    salt = ("" if params.transference_number == 1 else  # a binary salt's own numbers
            f", the salt transport (transference_number {params.transference_number:.3g}, "
            f"salt_diffusivity_m2_s {params.salt_diffusivity_m2_s:.3g} m2/s)")
    return f"{worst} (or the current: {current_A:.3g} A{salt})"


#: PyBaMM's termination of a step that was skipped because its limit held at its start.
SKIPPED_STEP = "Event exceeded in initial conditions"


@dataclass(frozen=True)
class StepOutcome:
    """What PyBaMM did with an experiment's steps: ``ran`` holds (step, termination) for each
    step started, in order; ``stop`` is None, or (kind, step, detail) when PyBaMM ended the
    experiment early: kind "error" (the solver failed in that step), "time" (the step reached
    PyBaMM's default duration) or "event" (a model event that is not one of the step's
    limits)."""

    ran: tuple[tuple[str, str], ...]
    stop: tuple[str, str, str] | None
    n_steps: int

    @property
    def not_run(self) -> int:
        """Steps of the experiment that never started."""
        return max(self.n_steps - len(self.ran), 0)


def _step_recorder() -> Any:
    """A PyBaMM callback that records each step's termination and why an experiment stopped
    (PyBaMM itself only logs these)."""
    pybamm = _pybamm()

    class StepRecorder(pybamm.callbacks.Callback):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            self.started: list[str] = []
            self.terminations: list[str] = []
            self.stop: tuple[str, str, str] | None = None

        def _close(self, logs: dict[str, Any]) -> None:
            if len(self.terminations) < len(self.started):
                self.terminations.append(str(logs.get("termination", "")))

        def on_step_start(self, logs: dict[str, Any]) -> None:
            self._close(logs)
            self.started.append(str(logs.get("step operating conditions", "")))

        def on_experiment_end(self, logs: dict[str, Any]) -> None:
            self._close(logs)

        def on_experiment_error(self, logs: dict[str, Any]) -> None:
            step = self.started[-1] if self.started else ""
            self.stop = ("error", step, str(logs.get("error", "")))
            self.terminations.append("solver error")

        def on_experiment_infeasible_time(self, logs: dict[str, Any]) -> None:
            self.stop = ("time", self.started[-1] if self.started else "",
                         str(logs.get("step duration", "")))

        def on_experiment_infeasible_event(self, logs: dict[str, Any]) -> None:
            self.stop = ("event", self.started[-1] if self.started else "",
                         str(logs.get("termination", "")))

        def outcome(self, n_steps: int) -> StepOutcome:
            return StepOutcome(tuple(zip(self.started, self.terminations, strict=False)),
                               self.stop, n_steps)

    return StepRecorder()


def step_voltages_V(steps: Sequence[str]) -> list[float]:
    """The voltages an experiment names [V]: each voltage hold's and each 'until ... V' (or
    mV) limit, as PyBaMM reads them (steps it cannot read are left out: they are refused
    where the experiment is checked)."""
    pybamm = _pybamm()
    out: list[float] = []
    for text in steps:
        try:
            step = pybamm.step.string(text)
            if type(step).__name__ == "Voltage":
                out.append(abs(float(step.value)))
            out += [float(t.value) for t in step.termination
                    if type(t).__name__ == "VoltageTermination"]
        except Exception:  # a drive cycle or expression as value: no number to read
            continue
    return out


def step_kind(step_text: str) -> str:
    """PyBaMM's kind of a step as its step class names it ("CRate", "Current", "Power",
    "Resistance", "Voltage"; a rest is a "Current" of 0), "" where it cannot be read."""
    try:
        return type(_pybamm().step.string(step_text)).__name__
    except Exception:
        return ""


def _limit_past(step_text: str, ocv_V: float) -> bool:
    """Whether a charge or discharge step's voltage limit is already past at ``ocv_V`` (a
    discharge 'until' a voltage at or above it, a charge 'until' one at or below it)."""
    try:
        step = _pybamm().step.string(step_text)
    except Exception:
        return False
    limits = step_voltages_V([step_text])
    if step.direction == "discharge":
        return any(v >= ocv_V for v in limits)
    if step.direction == "charge":
        return any(v <= ocv_V for v in limits)
    return False


def step_current_A(step_text: str, params: CellParameters) -> float:
    """Rough magnitude of a step's current [A] for messages: C-rate x capacity, the current,
    power / charged OCV, charged OCV / resistance; 0 for a rest or a voltage hold."""
    pybamm = _pybamm()
    try:
        step = pybamm.step.string(step_text)
        value = abs(float(step.value))
    except Exception:
        return 0.0
    ocv = max(params.default_voltage_limits_V[1], 1e-3)
    kind = type(step).__name__
    if kind == "CRate":
        return value * params.capacity_A_h
    if kind == "Current":
        return value
    if kind == "Power":
        return value / ocv
    if kind == "Resistance" and value > 0:
        return ocv / value
    return 0.0


# --- experiments ---------------------------------------------------------------------------

_CURRENT_DENSITY = re.compile(
    r"(?P<num>[-+−]?\d*\.?\d+(?:[eE][-+−]?\d+)?)\s*(?P<prefix>[muµμ]?)(?P<unit>A|W)\s*"
    r"(?:/\s*(?P<a1>cm|m)\s*(?:\^?2|²)|[.·⋅]?\s*(?P<a2>cm|m)\s*(?:\^?[-−]2|⁻²))(?![\w])",
    re.I)


def _as_milli(m: re.Match[str], area_m2: float) -> str:
    """The current (power) of one matched density over ``area_m2`` as PyBaMM reads it:
    ``2000 mA`` (``mW``), six significant digits, never in exponent form (PyBaMM cannot read
    '1e+06 mA')."""
    prefix = m.group("prefix").lower()
    scale = 1.0 if prefix == "m" else 1e-3 if prefix else 1000.0  # to milli
    area = area_m2 * 1e4 if _per_area_unit(m) == "cm" else area_m2
    number = float(m.group("num").replace("−", "-"))
    value = float(f"{number * scale * area:.6g}")
    return f"{np.format_float_positional(value, trim='-')} m{m.group('unit').upper()}"


def _per_area_unit(m: re.Match[str]) -> str:
    """'cm' or 'm': the area unit of a matched density."""
    return (m.group("a1") or m.group("a2")).lower()


#: A current or power in micro units (``10 uA``, ``10 µA``, ``5 μW``), which PyBaMM's
#: experiment strings do not read (its units: A, mA, W, mW ...); not a density (no ``/``
#: or area unit after it: those are :data:`_CURRENT_DENSITY`'s).
_MICRO = re.compile(
    r"(?<![\w.])(?P<num>[-+−]?\d*\.?\d+(?:[eE][-+−]?\d+)?)\s*(?P<prefix>[uµμ])(?P<unit>[AW])"
    r"(?![\w/])(?!\s*(?:/|[.·⋅]?\s*c?m\s*(?:\^?[-−]|⁻)))")


def _micro_as_milli(m: re.Match[str]) -> str:
    """One matched micro current (power) in mA (mW): ``10 uA`` -> ``0.01 mA`` (1 uA =
    1e-3 mA, SI prefixes), six significant digits, never in exponent form."""
    value = float(f"{float(m.group('num').replace('−', '-')) * 1e-3:.6g}")
    return f"{np.format_float_positional(value, trim='-')} m{m.group('unit')}"


def convert_current_densities(step: str, area_m2: float) -> str:
    """Rewrite current densities (``0.5 mA/cm2``, ``1 mA cm-2``, ``1 mA cm^-2``, ``1 mA·cm⁻²``,
    ``50 μA cm−2``, ``20 A/m2``) as currents in mA, and power densities (``1 mW/cm2``,
    ``10 W/m2``) as powers in mW, for ``area_m2``, which PyBaMM's experiment strings
    understand (the micro sign µ and the Greek μ are both micro, the minus sign U+2212 is -);
    also a current (power) in micro units, ``10 uA`` (``µA``, ``μA``, ``uW``), as mA (mW),
    which PyBaMM does not read in micro units."""
    step = _CURRENT_DENSITY.sub(lambda m: _as_milli(m, area_m2), step)
    return _MICRO.sub(_micro_as_milli, step)


def density_conversions(steps: Sequence[str], area_m2: float) -> tuple[str, ...]:
    """One sentence for each current or power density of ``steps`` (as typed) that
    :func:`convert_current_densities` turns into a current or power, in the order first met:
    ``'0.5 mA/cm2 over the 4000 cm2 electrode area is 2000 mA (the current PyBaMM ran)'``
    (the area in the density's own unit, cm2 or m2, to six significant digits)."""
    said: dict[str, None] = {}
    for step in steps:
        for m in _CURRENT_DENSITY.finditer(step):
            per = _per_area_unit(m)
            area = area_m2 * 1e4 if per == "cm" else area_m2
            what = "current" if m.group("unit").upper() == "A" else "power"
            said.setdefault(f"{m.group(0)} over the {area:.6g} {per}2 electrode area is "
                            f"{_as_milli(m, area_m2)} (the {what} PyBaMM ran)")
        for m in _MICRO.finditer(_CURRENT_DENSITY.sub("", step)):
            what = "current" if m.group("unit") == "A" else "power"
            said.setdefault(f"{m.group(0)} is {_micro_as_milli(m)} (the {what} PyBaMM ran; "
                            "PyBaMM does not read micro units)")
    return tuple(said)


#: A repeated group of steps: ``(step, step)*3`` (also ``x3``, ``×3``; ``,`` or ``;`` inside).
_REPEAT = re.compile(r"\(([^()]*)\)\s*[*x×]\s*(\d+(?:\.\d*)?)", re.I)
#: PyBaMM's output period of one step, written at its end: ``(1 minute period)``.
_PERIOD = re.compile(r"\(\s*[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?\s*[a-z]+\s+period\s*\)", re.I)
#: At most this many steps after expanding repeats (a guard against typos like ``*10000``).
MAX_STEPS = 2000


def _expand_repeats(text: str) -> str:
    """``(A, B)*2`` -> ``A; B; A; B`` (one level, groups of steps separated by , or ;)."""

    # PyBaMM's "(1 minute period)" at the end of a step is kept as it is
    periods: list[str] = []

    def keep(m: re.Match[str]) -> str:
        periods.append(m.group(0))
        return f"\x00{len(periods) - 1}\x00"

    protected = _PERIOD.sub(keep, text)

    def repl(m: re.Match[str]) -> str:
        if not m.group(2).isdigit():  # '*1.5' ran the group once and a step ending in '.5'
            raise ValidationError(
                "experiment", m.group(0)[:80],
                "a repeated group '(step, step)*N' needs a whole number N >= 1")
        n = int(m.group(2))
        inner = [s.strip() for s in re.split(r"[,;\n]", m.group(1)) if s.strip()]
        if n < 1 or not inner or n * len(inner) > MAX_STEPS:
            raise ValidationError(
                "experiment", m.group(0)[:80],
                f"a repeated group '(step, step)*N' needs at least one step and 1 <= N, with at "
                f"most {MAX_STEPS} steps in all")
        return "; ".join(inner * n)

    out = _REPEAT.sub(repl, protected)
    drive = next((s.strip() for s in re.split(r"[;,\n]", text)
                  if re.match(r"\s*run\b", s, re.I)), None)
    if drive is not None:  # 'Run US06 (A)': its '(A)' is no repeated group
        raise ValidationError("experiment", drive[:80], _DRIVE_CYCLE)
    if "(" in out or ")" in out:
        if text.lstrip().startswith("["):
            raise ValidationError("experiment", text[:80],
                                  "reads as a Python list written as text; give the list "
                                  "itself (in Python), or steps separated by ';' with a "
                                  "repeated group as '(step, step)*3'")
        raise ValidationError("experiment", text[:80],
                              "has parentheses that are neither a repeated group nor a step's "
                              "'(1 minute period)'; write repeats as "
                              "'(Discharge at 1C until 3 V, Charge at C/2 until 4.2 V)*3'")
    return re.sub("\x00(\\d+)\x00", lambda m: periods[int(m.group(1))], out)


#: How experiment steps read (for messages).
STEP_HELP = ("steps read like 'Discharge at 1C until 3 V', 'Charge at C/3 until 4.2 V', 'Hold "
             "at 4.2 V until C/20', 'Rest for 10 minutes', 'Discharge at 2 mA for 1 hour'; "
             "separate them with ';' and repeat a group as '(step, step)*3'")


def check_experiment(experiment: str | Sequence[str]) -> tuple[str, ...]:
    """The steps of ``experiment`` when PyBaMM can read every one; else ValidationError naming
    the first bad step (checked before any model is built, e.g. before a report's minutes)."""
    steps = normalise_experiment(experiment, area_m2=1.0)
    check_steps(steps)
    return steps


#: A (Julian) year [s], for messages.
_YEAR_S = 365.25 * 24 * 3600.0


#: A step that sets a temperature: 'at 45oC', 'at 45 °C', 'at 45 degC', or a second 'at'
#: with a number in C or K ('Discharge at 1C at 45 C until 3 V', '... until 3 V at 298 K').
_STEP_TEMPERATURE = re.compile(
    r"\d\s*(?:o|°|deg\s*)C\b|°|\bat\b[^,;]*\bat\s+[-+]?[\d.]+\s*(?:deg\s*)?[CK]\b"
    r"|\b(?:until|for)\b.*\bat\s+[-+]?[\d.]+\s*[CK]\s*$", re.I)
#: A duration written after the limit ('until 3 V or 2 hours', 'until 3 V or for 2 hours').
_DURATION_AFTER_LIMIT = re.compile(
    r"\buntil\b.*\b(?:or|for)\b\s*(?:for\s+|until\s+)?[-+]?[\d.]+\s*(?:h|hr|hours?|m|min|"
    r"minutes?|s|sec|seconds?)\b", re.I)
#: The one-word instructions PyBaMM's strings start with.
_INSTRUCTIONS = ("Discharge", "Charge", "Hold", "Rest")


def _unreadable(text: str, exc: Exception) -> str:
    """Why PyBaMM's parser refused the step ``text`` (its exception ``exc``), in words that
    say what to write: PyBaMM's own messages are kept where they do, its internal ones ('too
    many values to unpack', 'could not convert string to float') are not shown."""
    first = next((ln.strip() for ln in str(exc).splitlines() if ln.strip()), "")
    first = first.split(" For example")[0].rstrip(" .:")
    words = text.split()
    word = words[0] if words else ""
    if _STEP_TEMPERATURE.search(text):
        return ("a step cannot set the temperature; give it once with --temperature "
                "(temperature= in Python) or in the design")
    if word.lower() == "run":
        return _DRIVE_CYCLE
    if re.search(r"[*x×]\s*\d+\s*$", text) or text.startswith("["):
        return "a repeated group is written with parentheses: '(step, step)*3'"
    if word not in _INSTRUCTIONS:
        return (f"a step starts with one of {', '.join(map(repr, _INSTRUCTIONS))} (PyBaMM's "
                f"instructions), not {word!r}")
    if re.search(r"\buntil\b", text) and re.search(
            r"\buntil\b[^;]*(?:%|\bsoc\b|\bcapacity\b|\d\s*m?A\.?h\b)", text, re.I):
        return ("an 'until' limit is a voltage ('3 V', '3000 mV'), a current ('50 mA') or a "
                "C-rate ('C/50'); PyBaMM's steps have no state-of-charge or capacity limit "
                "(set the start with --initial-soc, initial_soc= in Python)")
    if re.search(r"(?:,|\bthen\b|\band\b)\s*(?:dis)?charge|(?:,|\bthen\b|\band\b)\s*(?:rest|hold|"
                 r"run)\b", text, re.I):
        return ("two steps joined by ','? separate steps with ';' (',' separates them only "
                "inside a repeated group '(step, step)*3')")
    if _DURATION_AFTER_LIMIT.search(text):
        return "a duration goes before the limit: write 'Discharge at 1C for 2 hours or until 3 V'"
    if re.search(r" for \S+ \S+ (?:or (?!until )|and )", text):
        return "a duration and a limit read 'for 2 hours or until 3 V'"
    if len(re.findall(r" until ", text)) > 1 or re.search(r" until .* or ", text):
        return ("a step has one 'until' limit (PyBaMM's strings take one); split it into two "
                "steps")
    if len(re.findall(r" for ", text)) > 1:
        return "a step has one duration ('for 1 hour')"
    if len(re.findall(r"period\)", text)) > 1:
        return "a step has one output period ('(1 minute period)', at its end)"
    if " for " not in text and " until " not in text:
        return ("a step needs 'for' a duration or 'until' a limit, or both: 'Discharge at 1C "
                "for 2 hours or until 3 V'")
    if word != "Rest" and " at " not in text:
        return f"'{word}' needs 'at' and a value: '{word} at 1C ...', 'Hold at 4.2 V ...'"
    if "time units" in first:
        return ("time units must be s, sec, second(s), m, min, minute(s), h, hr or hour(s), "
                "after a plain number ('for 1.5 hours', 'for 90 minutes')")
    if ("units" in first or "convert" in first) and re.search(
            r"\d\s*(?:[cvaw]|m[avw]|ohm|mohm)\b|\bc/", text):
        return ("units are case-sensitive: write 'C' (1C, C/3), 'V', 'mV', 'A', 'mA', 'W', "
                "'mW' or 'Ohm'")
    if "units" in first:
        return ("units must be C (1C, C/3), A, V, W or Ohm, or mA, mV, mW, mOhm (uA and uW "
                "are run as mA and mW); a current density as mA/cm2")
    if "convert" in first or "unpack" in first or "index" in first:
        return ("each value is a plain number and its unit ('1C', 'C/3', '2 mA', '4.2 V', "
                "'10 mW', '100 Ohm'; no sign, no nan or inf), the duration one with a time "
                "unit ('for 10 minutes')")
    return first


#: Why a drive cycle ('Run US06 (A)') is refused.
_DRIVE_CYCLE = ("a drive cycle ('Run ...') is not supported: PyBaMM 26 no longer reads 'Run' "
                "strings, and solidcell's experiments take no drive-cycle data; give steps of "
                "constant C-rate, current, power, resistance or voltage")


def _check_limits_apply(text: str, step: Any) -> None:
    """ValidationError for a step PyBaMM reads but would run as something else: a rest with a
    value ('Rest at 1C for 1 hour': PyBaMM rests), a voltage limit on a voltage hold, or
    without '<' or '>' on a step of no current (a rest, 'at 0 A': PyBaMM's VoltageTermination
    has no direction there and drops it), and a current or C-rate limit on a rest or a
    constant current or C-rate step (the current never changes: the limit holds at the
    start, the step is skipped, or never, the step runs PyBaMM's default duration)."""
    kind = type(step).__name__
    if kind == "Rest" and re.match(r"Rest at\b", text):
        raise ValidationError("experiment", text, "a rest has no value (PyBaMM ignores "
                              "'at ...' and rests); write 'Rest for 1 hour'")
    for term in step.termination:
        limit = type(term).__name__.removesuffix("Termination")
        if limit == "Voltage" and kind == "Voltage":
            raise ValidationError("experiment", text, "a voltage hold has a constant voltage: "
                                  "end it with a current or C-rate ('Hold at 4.2 V until "
                                  "C/50', 'until 50 mA') or a duration")
        if (limit == "Voltage" and term.operator is None
                and step.direction not in ("charge", "discharge")
                # 0 A or 0 W without a duration: check_steps refuses it ("never reaches")
                and not (kind != "Rest" and step.uses_default_duration)):
            what = "a rest" if kind == "Rest" else "a step at 0 (no current)"
            raise ValidationError("experiment", text, f"{what} has no direction, and PyBaMM "
                                  "ignores a voltage limit without one: write 'until > 3.5 V' "
                                  "(rising) or 'until < 3.5 V' (falling), or a duration")
        if limit in ("Current", "CRate") and kind in ("Rest", "Current", "CRate"):
            what = "a rest" if kind == "Rest" else "a constant current or C-rate step"
            raise ValidationError("experiment", text, f"{what} has a constant current, so a "
                                  "current or C-rate limit ('until ...') is reached at once or "
                                  "never; end it with a voltage ('until 3 V') or a duration, "
                                  "or use it on a voltage hold ('Hold at 4.2 V until C/50')")


def check_steps(steps: Sequence[str], capacity_A_h: float | None = None, *,
                period_s: float | None = None) -> None:
    """ValidationError naming the first step PyBaMM cannot read or run: an unreadable string,
    a negative value (PyBaMM reads 'Discharge at -1C' as a charge), a value or limit that is
    not finite, a duration that is not > 0 or is above
    :data:`solidcell.checks.MAX_STEP_DURATION_S` (ten years; given, or PyBaMM's 2/C hours of a
    C-rate step), more than :data:`solidcell.checks.MAX_STEP_POINTS` output points, a C-rate
    (of a step or an 'until' limit) outside [:data:`solidcell.checks.MIN_C_RATE_H`,
    :data:`solidcell.checks.MAX_C_RATE_H`] (with ``capacity_A_h``, a current step's too), a
    voltage (hold or limit) not in (0, :data:`solidcell.checks.MAX_CELL_VOLTAGE_V`];
    ``period_s`` is the experiment's output period [s] of steps without their own."""
    from solidcell.checks import (
        C_RATE_RANGE,
        MAX_C_RATE_H,
        MAX_CELL_VOLTAGE_V,
        MAX_STEP_DURATION_S,
        MAX_STEP_POINTS,
        MIN_C_RATE_H,
    )

    volts = (f"a voltage > 0 V and at most {MAX_CELL_VOLTAGE_V:g} V (above the window of any "
             "one cell solidcell describes; a number of 1e309 or more reads as inf)")
    longest = f"at most {MAX_STEP_DURATION_S / _YEAR_S:g} years ({MAX_STEP_DURATION_S:.4g} s)"
    pybamm = _pybamm()
    for text in steps:
        try:
            step = pybamm.step.string(text)
        except ZeroDivisionError:  # PyBaMM computes 1/C of 'at 0C' or 'until C/0'
            raise ValidationError("experiment", text, "has a C-rate of 0 (as 'at 0C' or "
                                  "'until C/0'); give a C-rate > 0, or 'Rest for 1 hour' for "
                                  "no current") from None
        except Exception as exc:  # pybamm raises ValueError/TypeError/KeyError on bad strings
            raise ValidationError("experiment", text,
                                  f"is not a PyBaMM step ({_unreadable(text, exc)}); "
                                  f"{STEP_HELP}") from None
        _check_limits_apply(text, step)
        word = text.split()[0].lower() if text.split() else ""
        kind = type(step).__name__
        for term in step.termination:  # a limit <= 0: a cell never reaches it (abs current)
            limit = type(term).__name__.removesuffix("Termination")
            if limit not in ("Voltage", "Current", "CRate"):
                continue
            x = float(term.value)
            if not x > 0:
                raise ValidationError("experiment", text, f"has a {limit.lower()} limit "
                                      f"('until ...') of {x:g}; a limit must "
                                      "be > 0 ('until 3 V', 'until C/20', 'until 1 mA')")
            if limit == "Voltage" and not x <= MAX_CELL_VOLTAGE_V:
                raise ValidationError("experiment", text, f"has a voltage limit ('until ...') "
                                      f"of {x:g} V; a voltage limit must be {volts}")
            if not math.isfinite(x):
                raise ValidationError("experiment", text, f"has a {limit.lower()} limit "
                                      f"('until ...') of {x:g}; a limit must be finite")
            if limit == "CRate" and not MIN_C_RATE_H <= x <= MAX_C_RATE_H:
                raise ValidationError("experiment", text, f"has a C-rate limit ('until ...') "
                                      f"of {x:.3g}C; a C-rate must be {C_RATE_RANGE}")
        try:
            value = float(step.value)
        except (TypeError, ValueError):  # a drive cycle or expression: PyBaMM's to check
            continue
        if word in ("discharge", "charge") and value != 0 and step.direction != word:
            raise ValidationError(
                "experiment", text, f"has a negative value: PyBaMM would run it as a "
                f"{step.direction}; write the direction in words with a positive value "
                "('Charge at 1C until 4.2 V', not 'Discharge at -1C until 4.2 V')")
        if kind in ("Current", "Power") and value == 0 and step.uses_default_duration:
            # PyBaMM runs it for its default 24 hours: no current never reaches a limit
            raise ValidationError("experiment", text, "runs at 0 (no current), so the cell "
                                  "never reaches an 'until' limit; write 'Rest for 1 hour', "
                                  "or give a current or power > 0")
        if kind in ("Voltage", "Resistance") and not value > 0:
            raise ValidationError("experiment", text, f"a {kind.lower()} step needs a value "
                                  "> 0")
        if kind == "Voltage" and not value <= MAX_CELL_VOLTAGE_V:
            raise ValidationError("experiment", text, f"holds at {value:g} V; a voltage hold "
                                  f"must be {volts}")
        if not math.isfinite(value):
            raise ValidationError("experiment", text, f"has the value {value:g}; a step's "
                                  "value must be a finite number")
        rate = None
        if kind == "CRate":
            rate = abs(value)
        elif capacity_A_h and kind == "Current":
            rate = abs(value) / capacity_A_h
        if rate is not None and rate > MAX_C_RATE_H:
            raise ValidationError(
                "experiment", text, f"is {rate:.3g}C"
                + (f" for this cell ({capacity_A_h * 1000:.4g} mA h)" if kind != "CRate"
                   else "") + f"; at most {MAX_C_RATE_H:g}C (a full discharge in one second)")
        if rate is not None and value != 0 and rate < MIN_C_RATE_H:
            raise ValidationError(
                "experiment", text, f"is {rate:.3g}C"
                + (f" for this cell ({capacity_A_h * 1000:.4g} mA h)" if kind != "CRate"
                   else "") + f": a full discharge would take {3600 / rate / _YEAR_S:.3g} years; "
                f"a C-rate must be {C_RATE_RANGE}")
        duration = float(step.duration)
        if not (math.isfinite(duration) and duration > 0):
            raise ValidationError("experiment", text, "a step's duration must be > 0 and "
                                  "finite ('Rest for 10 minutes')")
        # a C-rate step without a time lasts 2/C hours: bounded by MIN_C_RATE_H above
        if duration > MAX_STEP_DURATION_S and not (kind == "CRate"
                                                   and step.uses_default_duration):
            raise ValidationError("experiment", text, f"lasts {duration:.3g} s "
                                  f"({duration / _YEAR_S:.3g} years); a step must last "
                                  f"{longest}")
        period = step.period if step.period is not None else period_s
        if period is not None:
            period = float(period)
            if not (math.isfinite(period) and period > 0):
                raise ValidationError("experiment", text, f"has an output period of "
                                      f"{period:g} s; a period must be > 0 and finite "
                                      "('(1 minute period)')")
            if duration / period + 1 > MAX_STEP_POINTS:
                raise ValidationError(
                    "experiment", text, f"asks for {duration / period + 1:.3g} output points "
                    f"({duration:.4g} s every {period:.3g} s); at most {MAX_STEP_POINTS:,} "
                    "points a step: give a longer period")


def normalise_experiment(experiment: str | Sequence[str], area_m2: float, *,
                         convert: bool = True) -> tuple[str, ...]:
    """Split an experiment into PyBaMM steps (``;`` or newlines or a list), expanding repeated
    groups (``(step, step)*3``, or tuples in a list as in PyBaMM: ``[("A", "B")] * 3``) and
    converting current densities to currents (``convert=False``: each step as typed, one for
    one with the converted ones, for messages that quote the user's text)."""
    if _is_pybamm_experiment(experiment):
        return _experiment_object_steps(experiment, area_m2, convert=convert)
    if not isinstance(experiment, str) and (
            experiment is None or isinstance(experiment, bytes | dict)
            or hasattr(experiment, "__fspath__") or not hasattr(experiment, "__iter__")):
        raise ValidationError("experiment", experiment,
                              "must be a str of steps or a list of them; " + STEP_HELP)
    if isinstance(experiment, str):
        steps = [s.strip() for s in re.split(r"[;\n]", _expand_repeats(experiment))
                 if s.strip()]
    else:
        steps = []
        for item in experiment:
            for part in item if isinstance(item, tuple | list) else (item,):
                text = _expand_repeats(part if isinstance(part, str) else _step_object_text(part))
                steps += [s.strip() for s in re.split(r"[;\n]", text) if s.strip()]
    if len(steps) > MAX_STEPS:
        raise ValidationError("experiment", f"{len(steps)} steps", f"at most {MAX_STEPS} steps")
    if not steps:
        raise ValidationError("experiment", experiment, "give at least one step, e.g. "
                              "'Discharge at 1C until 3 V'")
    from solidcell.checks import positive

    area_m2 = positive("area_m2", area_m2, "an electrode area > 0 m2 (finite)")
    if not convert:
        return tuple(steps)
    return tuple(convert_current_densities(_capitalise_instruction(s), area_m2) for s in steps)


_INSTRUCTION = re.compile(r"^(discharge|charge|rest|hold)\b", re.I)
#: PyBaMM's keywords, which its parser finds only in lower case and between single spaces
#: (pybamm/experiment/step/steps.py, ``string``: ``split(" until ")``, ``split(" for ")``,
#: ``split(" at ")``, ``replace(" or", "")``).
_KEYWORD = re.compile(r"(?<= )(at|for|until|or|period)(?= |\)|$)", re.I)
#: The time units PyBaMM reads, as words (``_convert_time_to_seconds``: second(s), sec,
#: minute(s), min, hour(s), hr; the one-letter s, m, h are left as typed).
_TIME_WORD = re.compile(r"(?<=[\d. ])(seconds?|sec|minutes?|min|hours?|hr)(?= |\)|$)", re.I)


def _capitalise_instruction(step: str) -> str:
    """A step as PyBaMM's parser reads it, same meaning: whitespace runs as one space, the
    instruction word capitalised ('discharge' or 'DISCHARGE' -> 'Discharge'; PyBaMM refused
    the others with 'Instruction must be ...'), the keywords (at, for, until, or, period) and
    the time-unit words (hours, Minutes ...) in lower case, 'C / 2' as 'C/2', and a space
    before a step's '(1 minute period)'. Units of value stay as typed: they are
    case-sensitive (mA is not MA)."""
    text = " ".join(step.split())
    text = re.sub(r"(?<=\S)\((?=[^()]*\bperiod\s*\)\s*$)", " (", text, flags=re.I)
    text = re.sub(r"\bC\s*/\s*(?=[\d.])", "C/", text)
    text = _KEYWORD.sub(lambda m: m.group(1).lower(), text)
    text = _TIME_WORD.sub(lambda m: m.group(1).lower(), text)
    return _INSTRUCTION.sub(lambda m: m.group(1).capitalize(), text)


def _is_pybamm_experiment(experiment: Any) -> bool:
    return (type(experiment).__name__ == "Experiment"
            and type(experiment).__module__.startswith("pybamm")
            and hasattr(experiment, "args"))


def _step_object_text(step: Any) -> str:
    """The text of a ``pybamm.step`` object in an experiment list (its description, with its
    own output period); a step that sets a temperature or has no text is refused (the
    temperature was dropped without a word)."""
    if isinstance(step, bytes | dict) or not (
            type(step).__module__.startswith("pybamm") and hasattr(step, "description")):
        return str(step)
    if getattr(step, "temperature", None) is not None:
        raise ValidationError(
            "experiment", str(step)[:80], f"sets the temperature ({step.temperature:g} K); a "
            "step cannot set it: give it once with temperature= (--temperature) or in the "
            "design")
    if not step.description:
        raise ValidationError(
            "experiment", repr(step)[:80], "is a pybamm step without text (made by "
            "pybamm.step.c_rate, current, voltage ...); give it as PyBaMM's string, "
            "e.g. 'Discharge at 1C until 3 V', or pybamm.step.string('...')")
    text = str(step.description)
    if step.period is not None and "period)" not in text:
        text += f" ({float(step.period):g} seconds period)"
    return text


def _experiment_object_steps(experiment: Any, area_m2: float, *,
                             convert: bool = True) -> tuple[str, ...]:
    """The steps of a ``pybamm.Experiment`` (its operating conditions, its period applied to
    the steps without their own); one that sets a temperature or a termination of the whole
    experiment is refused (solidcell would run it without them)."""
    conditions, _period, temperature, termination = experiment.args
    if temperature is not None:
        raise ValidationError(
            "experiment", f"pybamm.Experiment(..., temperature={temperature!r})",
            "an experiment cannot set the temperature: give it once with temperature= "
            "(--temperature) or in the design")
    if termination is not None:
        raise ValidationError(
            "experiment", f"pybamm.Experiment(..., termination={termination!r})",
            "a termination of the whole experiment is not supported; give the steps, each "
            "with its own limit ('Discharge at 1C until 3 V')")
    steps = normalise_experiment(list(conditions), area_m2, convert=convert)
    if experiment.period is None:
        return steps
    suffix = f" ({float(experiment.period):g} seconds period)"
    return tuple(s if "period)" in s else s + suffix for s in steps)


# --- reading a solution --------------------------------------------------------------------


def _entries(sol: Any, name: str) -> np.ndarray:
    return np.asarray(sol[name].entries, dtype=float)


def read_solution(sol: Any, params: CellParameters, breakdown: bool = True) -> dict[str, Any]:
    """Arrays of a solution [SI]: time, voltage, current, capacity, energy and (with
    ``breakdown``) the overpotential breakdown (all signed as losses: positive numbers lower
    the voltage on discharge)."""
    t = _entries(sol, "Time [s]")
    v = _entries(sol, "Voltage [V]")
    i = _entries(sol, "Current [A]")
    half = isinstance(params.negative, CounterElectrode)
    cap = _entries(sol, "Discharge capacity [A.h]")
    # energy delivered: integral of V I dt (trapezoid), in W h
    energy = np.concatenate([[0.0], np.cumsum(0.5 * (v[1:] * i[1:] + v[:-1] * i[:-1])
                                              * np.diff(t))]) / 3600.0
    out: dict[str, Any] = {
        "Time [s]": t,
        "Voltage [V]": v,
        "Current [A]": i,
        "Discharge capacity [A.h]": cap,
        "Discharge energy [W.h]": energy,
    }
    if breakdown and isinstance(params.positive, DenseFilmElectrode):
        out.update({k: _entries(sol, k) for k in FILM_BREAKDOWN})
        out[CONCENTRATION_OVERPOTENTIAL] = np.zeros_like(t)  # no salt in a dense film cell
    elif breakdown:
        out.update(_breakdown(sol, params, half, t))
    if params.thermal is not None:
        out.update({k: _entries(sol, k) for k in THERMAL_OUTPUTS})
    for key, arr in out.items():
        if not np.all(np.isfinite(arr)):
            raise SimulationFailed(_suspect_field(params, float(np.max(np.abs(i)))),
                                   f"the solution has non-finite values in {key!r}")
    out["termination"] = str(getattr(sol, "termination", ""))
    return out


def _breakdown(sol: Any, params: CellParameters, half: bool, t: np.ndarray
               ) -> dict[str, np.ndarray]:
    """The DFN's overpotential breakdown, each signed as a loss on discharge [V]. OCV minus
    the six equals the terminal voltage (an identity of PyBaMM's variables, measured to
    2.5e-9 V; tests/simulation/test_sim_breakdown_binary.py): PyBaMM's
    X-averaged electrolyte ohmic losses exclude its X-averaged concentration overpotential
    (a binary salt's diffusion potential), reported as its own term, zero for a single-ion
    conductor; the separator's drop is its ohmic part only (:func:`_separator_ohmic_drop`)."""
    sep = _separator_ohmic_drop(sol, params, t)
    electrolyte = _entries(sol, "X-averaged electrolyte ohmic losses [V]")
    concentration = _entries(sol, "X-averaged concentration overpotential [V]")
    solid = _entries(sol, "X-averaged solid phase ohmic losses [V]")
    kinetic_p = _entries(sol, "X-averaged positive electrode reaction overpotential [V]")
    if half:
        kinetic_n = _entries(sol, "Lithium metal interface reaction overpotential [V]")
    else:
        kinetic_n = _entries(sol, "X-averaged negative electrode reaction overpotential [V]")
    diffusion = _entries(sol, "Particle concentration overpotential [V]")
    contact = _entries(sol, "Contact overpotential [V]")
    ocv = _entries(sol, "Bulk open-circuit voltage [V]")
    return {
        "Open-circuit voltage [V]": ocv,
        # sign: PyBaMM's losses are negative on discharge; report -value (positive = loss)
        "Separator ohmic overpotential [V]": -sep,
        "Composite ohmic overpotential [V]": -(electrolyte - sep) - solid,
        "Interface overpotential [V]": contact,
        "Kinetic overpotential [V]": -(kinetic_p - kinetic_n),
        "Solid diffusion overpotential [V]": -diffusion,
        CONCENTRATION_OVERPOTENTIAL: 0.0 - concentration,  # 0.0, not -0.0, single-ion
    }


#: The breakdown's term for a binary salt's diffusion potential in the electrolyte (PyBaMM's
#: "X-averaged concentration overpotential [V]"; zero for a single-ion conductor).
CONCENTRATION_OVERPOTENTIAL = "Electrolyte concentration overpotential [V]"


def _separator_ohmic_drop(sol: Any, params: CellParameters, t: np.ndarray) -> np.ndarray:
    """Ohmic part of the electrolyte potential's change across the separator [V] (negative
    on discharge). PyBaMM's electrolyte current is ``-kappa (grad phi_e - chi R T / (F c_e)
    grad c_e)`` (``chi = 2 (1 - t+)``, thermodynamic factor 1); with no reaction in the
    separator i and kappa (a function of T only) are uniform, so the potential's change
    minus its diffusion part is ``-i L / kappa``. The diffusion part is summed over the faces
    between the first and last nodes as PyBaMM discretises it (``chi R T / (F c)`` at the
    face's mean concentration), and the rest scaled to the whole thickness. A single-ion
    conductor (chi = 0): the potential's own slope."""
    phi_s = np.asarray(sol["Separator electrolyte potential [V]"].entries, float)
    if phi_s.ndim != 2 or phi_s.shape[0] < 2:
        return np.zeros_like(t)
    xs = np.asarray(sol["x_s [m]"].entries, float)
    xs = xs[:, 0] if xs.ndim > 1 else xs
    change = phi_s[-1] - phi_s[0]
    chi = 2.0 * (1.0 - float(params.transference_number))
    if chi != 0.0:
        c_s = np.asarray(sol["Separator electrolyte concentration [mol.m-3]"].entries, float)
        temp = np.asarray(sol["Separator temperature [K]"].entries, float)
        temp = temp[0] if temp.ndim == 2 else temp  # uniform in the separator
        floor = _pybamm().settings.tolerances["chi__c_e"]  # PyBaMM's floor of c_e in chi
        c_face = np.maximum(0.5 * (c_s[1:] + c_s[:-1]), floor)
        change = change - chi * GAS_CONSTANT * temp / FARADAY * np.sum(
            np.diff(c_s, axis=0) / c_face, axis=0)
    return change / (xs[-1] - xs[0]) * params.separator_thickness_m


# --- dense thin-film cathode ---------------------------------------------------------------
#
# A dense film of active material (no electrolyte in it) on its current collector, a dense
# solid electrolyte and a planar metal counter electrode (e.g. sputtered LiCoO2 | LiPON | Li).
# x runs from the collector (x = 0) to the electrolyte (x = L), stoichiometry s = c / c_max:
#   ds/dt = d/dx (D ds/dx),  ds/dx = 0 at x = 0,  D c_max ds/dx = i / F at x = L
# (i = I / A, positive on discharge: lithium enters the film at its electrolyte face), and
#   V = U(s(L)) - U_counter - eta_film - eta_Li - i L_sep / sigma_sep - i R_int - i L / sigma_e
# with symmetric Butler-Volmer overpotentials eta = 2RT/F asinh(i / (2 j0)): j0 of the film
# as in the DFN (the material's source, at s(L) and c_e = C_E), lithium metal's of xu2019
# (Arrhenius, eckhardt2023).

#: Points across the dense film per mesh; the finite volumes shrink towards the electrolyte
#: (PyBaMM's Exponential1DSubMesh, stretch :data:`FILM_MESH_STRETCH`), where the gradients are.
FILM_MESH_POINTS = {"coarse": 20, "default": 40, "fine": 80}
#: Stretch of the exponential film mesh. Against the exact series for a constant surface
#: flux the largest surface-stoichiometry error from the first second on (5 um LiCoO2, 1C
#: and 2C, tests/simulation/test_sim_thin_film.py) is 9.5e-4 / 2.5e-4 / 6.9e-5 (coarse /
#: default / fine); stretch 2.3 gave 2.8e-3 / 6.9e-4 / 1.2e-4, stretch 4 1.6e-3 / 4.1e-4 /
#: 1.2e-4, a uniform mesh 2.5e-2 / 1.0e-2 (10 / 20 points, measured on 0-3000 s at 2C).
FILM_MESH_STRETCH = 3.0
#: The spatial variable's name and domain of the film.
FILM_DOMAIN = "dense cathode film"
#: The overpotential breakdown the thin-film model writes (same keys as the DFN's).
FILM_BREAKDOWN = ("Open-circuit voltage [V]", "Separator ohmic overpotential [V]",
                  "Composite ohmic overpotential [V]", "Interface overpotential [V]",
                  "Kinetic overpotential [V]", "Solid diffusion overpotential [V]")


def _film_input_values(params: CellParameters, current_A: float,
                       lower_cutoff_V: float | None, upper_cutoff_V: float | None,
                       initial_soc: float) -> dict[str, float]:
    p = params.positive
    assert isinstance(p, DenseFilmElectrode)
    lo, hi = params.default_voltage_limits_V
    return {
        "Current function [A]": float(current_A),
        "Ambient temperature [K]": params.temperature_K,
        "Positive film diffusivity [m2.s-1]": p.diffusivity_m2_s,
        "Positive film electronic conductivity [S.m-1]": p.electronic_conductivity_S_m,
        "Separator thickness [m]": params.separator_thickness_m,
        "Separator conductivity [S.m-1]": params.separator_conductivity_S_m,
        "Interface resistance [Ohm.m2]": params.interface_resistance_ohm_m2,
        "Initial stoichiometry in positive film": params.initial_stoichiometries(initial_soc)[0],
        "Lower voltage cut-off [V]": float(lo if lower_cutoff_V is None else lower_cutoff_V),
        "Upper voltage cut-off [V]": float(hi + 0.1 if upper_cutoff_V is None
                                           else upper_cutoff_V),
    }


def _film_structure_key(params: CellParameters) -> tuple[Any, ...]:
    p = params.positive
    assert isinstance(p, DenseFilmElectrode)
    kind = params.negative.kind  # type: ignore[union-attr]
    return (("dense film", p.material, p.thickness_m, p.maximum_concentration_mol_m3,
             p.ocp.stoichiometry, p.ocp.voltage_V, p.exchange_current_m_ref,
             p.exchange_current_activation_energy_J_mol), kind, params.area_m2)


def film_parameter_values(params: CellParameters, inputs: bool = True,
                          fixed: Sequence[str] = ()) -> Any:
    """``pybamm.ParameterValues`` of the thin-film model (``inputs`` and ``fixed`` as in
    :func:`parameter_values`)."""
    pybamm = _pybamm()
    p = params.positive
    assert isinstance(p, DenseFilmElectrode)
    side = math.sqrt(params.area_m2)
    values: dict[str, Any] = {
        "Electrode height [m]": side,
        "Electrode width [m]": side,
        "Nominal cell capacity [A.h]": params.capacity_A_h,
        "Positive OCP data upper stoichiometry": p.ocp.upper + _EVENT_MARGIN,
        "Positive OCP data lower stoichiometry": p.ocp.lower - _EVENT_MARGIN,
    }
    for key, value in _film_input_values(params, 0.0, None, None, 1.0).items():
        values[key] = "[input]" if inputs and key not in fixed else value
    return pybamm.ParameterValues(values)


def thin_film_model(params: CellParameters) -> Any:
    """The thin-film model of ``params`` (a ``pybamm.BaseModel``, not yet parameterised):
    states the film's stoichiometry and the discharge capacity; the structure-fixed numbers
    (thickness, c_max, OCP, kinetics, counter electrode) are built in."""
    pybamm = _pybamm()
    p = params.positive
    assert isinstance(p, DenseFilmElectrode) and isinstance(params.negative, CounterElectrode)
    f_const, r_const = pybamm.constants.F, pybamm.constants.R

    class ThinFilmModel(pybamm.BaseModel):  # type: ignore[misc,name-defined]
        #: PyBaMM's experiment loop reads these (none here: no eSOH)
        summary_variables: ClassVar[list[str]] = []

    model = ThinFilmModel("solidcell thin-film cell")
    # implicit experiment steps (voltage hold, power) build PyBaMM's current control on these
    model.param = pybamm.LithiumIonParameters()
    model.options = pybamm.BatteryModelOptions({})
    x = _film_x()
    s = pybamm.Variable("Positive film stoichiometry", domain=FILM_DOMAIN)
    q = pybamm.Variable("Discharge capacity [A.h]")
    current = pybamm.FunctionParameter("Current function [A]", {"Time [s]": pybamm.t})
    temp = pybamm.Parameter("Ambient temperature [K]")
    diff = pybamm.Parameter("Positive film diffusivity [m2.s-1]")
    sigma_e = pybamm.Parameter("Positive film electronic conductivity [S.m-1]")
    l_sep = pybamm.Parameter("Separator thickness [m]")
    sigma_sep = pybamm.Parameter("Separator conductivity [S.m-1]")
    r_int = pybamm.Parameter("Interface resistance [Ohm.m2]")
    s0 = pybamm.Parameter("Initial stoichiometry in positive film")
    v_min = pybamm.Parameter("Lower voltage cut-off [V]")
    v_max = pybamm.Parameter("Upper voltage cut-off [V]")
    s_hi = pybamm.Parameter("Positive OCP data upper stoichiometry")
    s_lo = pybamm.Parameter("Positive OCP data lower stoichiometry")
    area, thick, c_max = params.area_m2, p.thickness_m, p.maximum_concentration_mol_m3
    i = current / area  # A/m2 of footprint, positive on discharge

    model.rhs = {s: pybamm.div(diff * pybamm.grad(s)), q: current / 3600.0}
    model.boundary_conditions = {s: {
        "left": (pybamm.Scalar(0.0), "Neumann"),
        "right": (i / (f_const * c_max * diff), "Neumann")}}
    model.initial_conditions = {s: s0, q: pybamm.Scalar(0.0)}

    s_surf = pybamm.boundary_value(s, "right")
    s_avg = pybamm.Integral(s, x) / thick
    ocp = _ocp_function(p.ocp, f"{p.material} OCP", params.negative.potential_V)
    u_surf, u_bulk = ocp(s_surf), ocp(s_avg)
    # j0 as the DFN's (_j0_function), its stoichiometry kept inside the data (no NaN from a
    # solver overshoot past the end of the data, where the events stop the solve anyway)
    s_j0 = pybamm.maximum(pybamm.minimum(s_surf, float(p.ocp.upper)), float(p.ocp.lower))
    arr = pybamm.exp(p.exchange_current_activation_energy_J_mol / r_const
                     * (1 / T_REF - 1 / temp))
    j0_film = (p.exchange_current_m_ref * arr * C_E**0.5 * (c_max * s_j0) ** 0.5
               * (c_max * (1 - s_j0)) ** 0.5)
    two_rt_f = 2 * r_const * temp / f_const
    eta_film = two_rt_f * pybamm.arcsinh(i / (2 * j0_film))
    j0_li = LI_METAL_J0_A_M2 * pybamm.exp(li_metal_arrhenius_exponent(temp))
    eta_li = two_rt_f * pybamm.arcsinh(i / (2 * j0_li))
    sep = i * l_sep / sigma_sep
    interface = i * r_int
    electronic = i * thick / sigma_e
    voltage = u_surf - eta_film - eta_li - sep - interface - electronic
    model.variables = {
        "Time [s]": pybamm.t,
        "Time [h]": pybamm.t / 3600.0,
        "x_film [m]": x,
        "Positive film stoichiometry": s,
        "Positive film surface stoichiometry": s_surf,
        "Positive film average stoichiometry": s_avg,
        "Current [A]": current,
        "Current variable [A]": current,
        "Current density [A.m-2]": i,
        "C-rate": current / pybamm.Parameter("Nominal cell capacity [A.h]"),
        "Voltage [V]": voltage,
        "Battery voltage [V]": voltage,
        "Power [W]": voltage * current,
        "Discharge capacity [A.h]": q,
        "Open-circuit voltage [V]": u_bulk,
        "Surface open-circuit voltage [V]": u_surf,
        "Positive film exchange-current density [A.m-2]": j0_film,
        "Separator ohmic overpotential [V]": sep,
        "Composite ohmic overpotential [V]": electronic,
        "Interface overpotential [V]": interface,
        "Kinetic overpotential [V]": eta_film + eta_li,
        "Positive film reaction overpotential [V]": eta_film,
        "Lithium metal interface reaction overpotential [V]": eta_li,
        "Solid diffusion overpotential [V]": u_bulk - u_surf,
    }
    model.events = [
        pybamm.Event("Minimum voltage [V]", voltage - v_min),
        pybamm.Event("Maximum voltage [V]", v_max - voltage),
        pybamm.Event("Positive film surface reached the upper end of its OCP data",
                     s_hi - s_surf),
        pybamm.Event("Positive film surface reached the lower end of its OCP data",
                     s_surf - s_lo),
    ]
    return model


def film_discretisation(mesh: str) -> dict[str, Any]:
    """Geometry, submesh, points and spatial method of the film for ``pybamm.Simulation``."""
    pybamm = _pybamm()
    check_mesh(mesh)
    return {
        "submesh_types": {FILM_DOMAIN: pybamm.MeshGenerator(
            pybamm.Exponential1DSubMesh,
            submesh_params={"side": "right", "stretch": FILM_MESH_STRETCH})},
        "var_pts": {_film_x(): FILM_MESH_POINTS[mesh]},
        "spatial_methods": {FILM_DOMAIN: pybamm.FiniteVolume()},
    }


def _film_x() -> Any:
    """The film's spatial variable [m] (0 at the collector, L at the electrolyte)."""
    return _pybamm().SpatialVariable("x_film", domain=[FILM_DOMAIN], coord_sys="cartesian")


def _film_geometry(params: CellParameters) -> dict[str, Any]:
    pybamm = _pybamm()
    return {FILM_DOMAIN: {_film_x(): {"min": pybamm.Scalar(0.0),
                              "max": pybamm.Scalar(params.positive.thickness_m)}}}


def _build_thin_film(params: CellParameters, experiment: tuple[str, ...] | None, mesh: str,
                     period_s: float | None, outputs: tuple[str, ...] | None,
                     numeric: tuple[tuple[str, float], ...] = ()) -> BuiltCell:
    pybamm = _pybamm()
    model = thin_film_model(params)
    fixed = (*(EXPERIMENT_FIXED if experiment is not None else ()), *(k for k, _ in numeric))
    pv = film_parameter_values(params, inputs=True, fixed=fixed)
    pv.update(dict(numeric))  # the numbers of get_built (its initial_soc)
    exp = _experiment(experiment, True, period_s, surface="film")
    sim = pybamm.Simulation(model, parameter_values=pv, experiment=exp, solver=_solver(outputs),
                            geometry=_film_geometry(params), **film_discretisation(mesh))
    if exp is None:
        sim.build()
    return BuiltCell(structure_key(params), sim, True, experiment, mesh, params.temperature_K,
                     numeric)


def _film_suspect_field(params: CellParameters, current_A: float,
                        at_start: bool = False) -> str:
    """The design field most likely behind a thin-film solver failure (``at_start``: ohmic
    drops only, as in :func:`_suspect_field`)."""
    p = params.positive
    assert isinstance(p, DenseFilmElectrode)
    i = abs(current_A) / params.area_m2
    t_discharge = 3600.0 * params.capacity_A_h / max(abs(current_A), 1e-30)
    drops = {
        "separator.thickness_m / separator.electrolyte (separator conductivity)":
            i * params.separator_thickness_m / params.separator_conductivity_S_m,
        "interface resistance": i * params.interface_resistance_ohm_m2,
        "cathode.thickness_m (solid diffusion across the dense film)":
            p.diffusion_time_s / max(t_discharge, 1e-30),
    }
    if at_start:
        drops.pop("cathode.thickness_m (solid diffusion across the dense film)")
    worst = max(drops, key=lambda k: drops[k])
    return f"{worst} (or the current: {current_A:.3g} A)"
