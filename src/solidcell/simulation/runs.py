"""Simulate a cell design: experiments, rate capability, Ragone data, temperature dependence.

>>> import solidcell as sc                                         # doctest: +SKIP
>>> result = sc.simulate("examples/ev-nmc811-lpscl-li.yaml", "Discharge at 1C until 3 V")
>>> result.delivered_capacity_A_h                                 # doctest: +SKIP

``design`` is a :class:`~solidcell.cell.design.CellDesign`, a path to its YAML/JSON or
its text, a mapping of its fields (as :func:`solidcell.cell.energy.as_design` reads one, the
inputs of ``evaluate``), or :class:`~solidcell.simulation.parameters.CellParameters`. The
physics-based model is PyBaMM's DFN (see :mod:`solidcell.simulation.pybamm_adapter`), or for
a dense thin-film cathode (no electrolyte in it, e.g. sputtered LiCoO2 | LiPON | Li) the
adapter's thin-film model (planar solid diffusion across the film) in PyBaMM;
``model="fast"`` in :func:`rate_capability` uses the reduced model of
:mod:`solidcell.simulation.fast` (for a dense film its plane-sheet version,
``film_fast_discharge``).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from solidcell import units
from solidcell.checks import optional_real
from solidcell.dask_adapter import check_scheduler, connected
from solidcell.errors import ValidationError
from solidcell.simulation.parameters import CellParameters, CounterElectrode
from solidcell.simulation.results import (
    OVERPOTENTIALS,
    RateCapabilityResult,
    SimulationResult,
    TemperatureSweepResult,
)

DEFAULT_RATES = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0)


def _quantity(value: Any, kind: str, name: str) -> float | None:
    if value is None:
        return None
    try:
        return units.parse(value, kind)
    except Exception as exc:  # units.parse's own words, without its "<kind>: " prefix
        raise ValidationError(name, value, str(exc).removeprefix(f"{kind}: ")) from None


def as_cell(design: Any, field: str = "design") -> Any:
    """CellParameters as given, else the CellDesign of ``design`` as
    :func:`solidcell.cell.energy.as_design` reads it (a CellDesign, a YAML/JSON path or
    text, a mapping of its fields); anything else: ValidationError naming ``field``."""
    if isinstance(design, CellParameters):
        return design
    from solidcell.cell.energy import as_design

    return as_design(design, field, also="CellParameters")


def _run_temperature(field: str, kelvin: float, shown: Any) -> float:
    """``kelvin`` when a simulation can run at it (:data:`~solidcell.simulation.parameters.
    SIMULATION_TEMPERATURE_RANGE_K`), else ValidationError naming ``field`` (the keyword the
    user typed: ``temperature``, ``temperatures[i]``) and ``shown`` (the value as typed)."""
    from solidcell.simulation.parameters import check_simulation_temperature_K

    try:
        check_simulation_temperature_K(kelvin)
    except ValidationError as exc:
        raise ValidationError(field, shown, exc.allowed) from None
    return float(kelvin)


def cell_parameters(design: Any, *, temperature: Any = None,
                    interface_resistance: Any = None,
                    tortuosity_factor: float | None = None,
                    resolved: Any = None,
                    interface_resistance_activation_energy: Any = None,
                    interface_resistance_temperature: Any = None) -> CellParameters:
    """:class:`CellParameters` of a design (object, YAML/JSON path or text, mapping of its
    fields: :func:`as_cell`) or the parameters as given.

    ``temperature`` ("60 degC" or K) and ``interface_resistance`` ("20 Ohm cm2" or Ohm m2)
    override the design's. ``interface_resistance_activation_energy`` ("0.37 eV", "35 kJ/mol"
    or a float in eV) and ``interface_resistance_temperature`` ("25 degC" or K, where the
    resistance was measured) override the design's ``interface_resistance_activation_energy_eV``
    and ``interface_resistance_temperature_K``: the resistance is taken at the cell's
    temperature by Arrhenius (:func:`~solidcell.simulation.parameters.interface_resistance_at`;
    for CellParameters from their own ``temperature_K`` unless the reference temperature is
    given). ``resolved``: ``design.resolved()`` of the CellDesign given, already made (the
    report resolves a design once), or None; it must be that design's.
    """
    from solidcell.simulation.parameters import FARADAY, check_activation_energy_eV

    t = _quantity(temperature, "temperature", "temperature")
    if t is not None:  # named as typed, the range once (was temperature_K: "-5 K must lie ...")
        t = _run_temperature("temperature", t, temperature)
    r = _quantity(interface_resistance, "areal resistance", "interface_resistance")
    e_a = _quantity(interface_resistance_activation_energy, "activation energy",
                    "interface_resistance_activation_energy")
    if e_a is not None:  # eV; the parameters take J/mol
        e_a = check_activation_energy_eV("interface_resistance_activation_energy", e_a,
                                         interface_resistance_activation_energy) * FARADAY
    t_ref = _quantity(interface_resistance_temperature, "temperature",
                      "interface_resistance_temperature")
    if t_ref is not None:
        from solidcell.simulation.parameters import check_design_temperature_K

        t_ref = check_design_temperature_K("interface_resistance_temperature", t_ref,
                                              interface_resistance_temperature)
    tortuosity_factor = optional_real("tortuosity_factor", tortuosity_factor,
                                      "a number >= 1 (the tortuosity factor of the composite "
                                      "cathode)")
    design = as_cell(design)

    def as_typed(exc: ValidationError) -> ValidationError:
        """``exc`` naming the keyword of this function and the value as given, where it
        names a field this call set (``interface_resistance_ohm_m2``, a cathode's
        ``<material>.tortuosity_factor``: '-5 Ohm cm2' was shown as -0.0005)."""
        typed = {"interface_resistance_activation_energy_J_mol": (
            "interface_resistance_activation_energy", interface_resistance_activation_energy)}
        if t is not None:  # the temperature given (above a part's melting point)
            typed["temperature_K"] = ("temperature", temperature)
        if r is not None:
            typed["interface_resistance_ohm_m2"] = ("interface_resistance", interface_resistance)
        if tortuosity_factor is not None and exc.field.endswith(".tortuosity_factor"):
            typed[exc.field] = ("tortuosity_factor", tortuosity_factor)
        if exc.field not in typed:
            return exc
        return ValidationError(*typed[exc.field], exc.allowed)

    if resolved is not None and isinstance(design, CellParameters):
        raise ValidationError("resolved", type(resolved).__name__,
                              "None with CellParameters (they are made from a design already)")
    if isinstance(design, CellParameters):
        changes: dict[str, Any] = {}
        if t is not None:
            changes["temperature_K"] = t
            if t != design.temperature_K:
                changes["notes"] = (*design.notes, (
                    f"temperature {t:g} K set on CellParameters: kinetics follow it, the "
                    "ionic conductivities and solid diffusivities are the numbers given "
                    f"(built for {design.temperature_K:g} K); give a design to re-evaluate "
                    "them"))
        if r is not None:
            changes["interface_resistance_ohm_m2"] = r
        if e_a is not None or t_ref is not None:
            changes.update(_interface_at(design, r, e_a, t_ref, t, changes))
        if tortuosity_factor is not None and design.dense_film:
            raise ValidationError("tortuosity_factor", tortuosity_factor,
                                  "applies to a composite cathode; this cathode is a dense "
                                  "film (no electrolyte)")
        if tortuosity_factor is not None:  # the composite cathode's, as for a design
            from dataclasses import replace

            try:
                changes["positive"] = replace(design.positive,
                                              tortuosity_factor=tortuosity_factor)
            except ValidationError as exc:
                raise as_typed(exc) from None
        try:
            return design.with_changes(**changes) if changes else design
        except ValidationError as exc:
            raise as_typed(exc) from None
    from solidcell.simulation.parameters import parameters_from_design

    try:
        return parameters_from_design(design, interface_resistance_ohm_m2=r, temperature_K=t,
                                      tortuosity_factor=tortuosity_factor, resolved=resolved,
                                      interface_resistance_activation_energy_J_mol=e_a,
                                      interface_resistance_temperature_K=t_ref)
    except ValidationError as exc:  # the keyword as this function calls it, the value as given
        typed = as_typed(exc)
        if typed is exc:
            raise
        raise typed from None


def _interface_at(params: CellParameters, r: float | None, e_a: float | None,
                  t_ref: float | None, t: float | None, changes: dict[str, Any]
                  ) -> dict[str, Any]:
    """The changes to CellParameters that take their interface resistance (``r``, else their
    own) measured at ``t_ref`` (else their own temperature) to the run's temperature ``t``
    (else theirs) with ``e_a`` [J/mol] (None: held), and its note."""
    from solidcell.simulation.parameters import (
        check_simulation_temperature_K,
        interface_resistance_at,
        interface_temperature_note,
    )

    r0 = params.interface_resistance_ohm_m2 if r is None else r
    ref = params.temperature_K if t_ref is None else t_ref
    at = params.temperature_K if t is None else t
    check_simulation_temperature_K(at)  # before the resistance is taken there
    note = interface_temperature_note(r0, e_a, at, ref)
    out: dict[str, Any] = {"interface_resistance_ohm_m2": interface_resistance_at(r0, e_a, at,
                                                                                  ref)}
    if e_a is not None:  # the lumped thermal model's R(T) (CellParameters' field)
        out["interface_resistance_activation_energy_J_mol"] = e_a
    if note:
        out["notes"] = (*changes.get("notes", params.notes), note)
    return out


#: What ``thermal=`` takes (:data:`solidcell.simulation.parameters.THERMAL_OPTIONS`).
THERMAL_ALLOWED = ("'isothermal' (default: the cell stays at its temperature) or 'lumped' "
                   "(PyBaMM's lumped thermal model; needs heat_transfer_coefficient in "
                   "W/(m2 K))")


def with_thermal(design: Any, params: CellParameters, thermal: Any,
                 heat_transfer_coefficient: Any) -> CellParameters:
    """``params`` with the thermal model ``thermal`` ("isothermal" or "lumped"): the lumped
    model's inputs from ``design``'s geometry and masses
    (:func:`~solidcell.simulation.parameters.thermal_parameters`) and the user's
    ``heat_transfer_coefficient`` [W/(m2 K)], required there and refused without it.
    ``thermal=None`` (the default of the entry points): isothermal, unless ``design`` is
    CellParameters carrying their own ``thermal`` (kept)."""
    from solidcell.simulation.parameters import THERMAL_OPTIONS, thermal_parameters

    if thermal is None:
        thermal = ("lumped" if isinstance(design, CellParameters) and design.thermal
                   is not None else "isothermal")
    if not isinstance(thermal, str) or thermal not in THERMAL_OPTIONS:
        raise ValidationError("thermal", thermal, THERMAL_ALLOWED)
    if thermal == "isothermal":
        if heat_transfer_coefficient is not None:
            raise ValidationError("heat_transfer_coefficient", heat_transfer_coefficient,
                                  "None with thermal='isothermal' (give thermal='lumped')")
        return params if params.thermal is None else params.with_changes(thermal=None)
    if isinstance(design, CellParameters):
        if params.thermal is not None and heat_transfer_coefficient is None:
            return params  # the user's own ThermalParameters
        raise ValidationError("thermal", thermal, "'lumped' needs a CellDesign or its path "
                              "(its geometry and masses), or CellParameters with "
                              "thermal=ThermalParameters(...)")
    return params.with_changes(thermal=thermal_parameters(as_cell(design),
                                                          heat_transfer_coefficient,
                                                          temperature_K=params.temperature_K))


def run_parameters(design: Any, *, temperature: Any = None, interface_resistance: Any = None,
                   tortuosity_factor: float | None = None, thermal: str | None = None,
                   heat_transfer_coefficient: Any = None,
                   interface_resistance_activation_energy: Any = None,
                   interface_resistance_temperature: Any = None) -> CellParameters:
    """The parameters :func:`simulate` runs: :func:`cell_parameters` (the design's refusals:
    an architecture the model cannot describe, ...) and then :func:`with_thermal` (the thermal
    model's), in that order; :func:`simulate_inputs` begins with it."""
    design = as_cell(design)  # read once
    params = cell_parameters(
        design, temperature=temperature, interface_resistance=interface_resistance,
        tortuosity_factor=tortuosity_factor,
        interface_resistance_activation_energy=interface_resistance_activation_energy,
        interface_resistance_temperature=interface_resistance_temperature)
    return with_thermal(design, params, thermal, heat_transfer_coefficient)


def _thermal_notes(params: CellParameters) -> tuple[str, ...]:
    """The notes of a run with the lumped thermal model (none when isothermal)."""
    from solidcell.simulation.parameters import solid_diffusivity_notes

    th = params.thermal
    if th is None:
        return ()
    return (f"lumped thermal model (PyBaMM, timms2021): heat transfer coefficient "
            f"{th.heat_transfer_coefficient_W_m2_K:g} W/(m2 K) (given) over the stack's two "
            f"faces, {th.cooling_area_m2 * 1e4:.4g} cm2; heat capacity "
            f"{th.heat_capacity_J_K:.4g} J/K ({th.heat_capacity_note}); cell volume "
            f"{th.cell_volume_m3 * 1e6:.4g} cm3 (evaluate); entropic coefficient 0 (no OCP "
            "data source gives dU/dT: no reversible heat); the kinetics follow the cell "
            "temperature (Arrhenius)", *(th.conductivity_notes if th.conductivity_laws else (
                "lumped thermal model: the ionic conductivities stay at their values at the "
                "start temperature (ThermalParameters without conductivity_laws)",)),
            *solid_diffusivity_notes(params), *_interface_thermal_notes(params))


def _interface_thermal_notes(params: CellParameters) -> tuple[str, ...]:
    """The lumped model's note on the interface resistance (none without one): it follows the
    cell temperature by its activation energy (PyBaMM's "Contact resistance [Ohm]" as a
    function of T, ``pybamm_adapter.contact_resistance_function``), or is held without one."""
    from solidcell.simulation.parameters import FARADAY

    if params.interface_resistance_ohm_m2 <= 0:
        return ()
    e_a = params.interface_resistance_activation_energy_J_mol
    if e_a is None:
        return ("lumped thermal model: the interface resistance stays at its value at the start "
                "temperature: no activation energy given (give "
                "interface_resistance_activation_energy to let it follow the cell "
                "temperature)",)
    return (f"lumped thermal model: the interface resistance follows the cell temperature, "
            f"R(T) = R(T_start) exp(E_a/R (1/T - 1/T_start)) with the given E_a "
            f"{e_a / FARADAY:.4g} eV ({e_a / 1e3:.4g} kJ/mol), from "
            f"{params.interface_resistance_ohm_m2 * 1e4:.4g} Ohm cm2 at the start",)


def _capacity_note(design: Any, params: CellParameters) -> list[str]:
    """Say what the utilisable capacity is against ``solidcell evaluate``'s capacity of the
    same design (its areal capacity x the electrode area of all layers); none for
    CellParameters (no design to evaluate) or a design evaluate refuses."""
    from solidcell.cell.energy import evaluate
    from solidcell.errors import SolidcellError

    if isinstance(design, CellParameters):
        return []
    try:
        design = as_cell(design)
        areal = evaluate(design).to_json()["Areal capacity [A.h.m-2]"]
        loss = float(design.resolved().first_cycle_loss)
    except (SolidcellError, KeyError, TypeError):
        return []
    usable, practical = params.capacity_A_h, float(areal) * params.area_m2
    if not (practical > 0 and 0.0 <= loss < 1.0):
        return []
    # evaluate's capacity is after the design's (net) first-cycle loss, which the simulation
    # does not model: the OCP window is compared with the practical capacity before it
    before = practical / (1.0 - loss)
    after = (f" after the design's first-cycle loss of {loss:.3g} of the cathode capacity "
             f"({_charge(before)} before it)" if loss > 0 else "")
    lost = (f"; the simulation does not model that loss (its counter electrode never runs out "
            f"of lithium): after formation a cell delivers at most {1.0 - loss:.3g} x the "
            "utilisable capacity" if loss > 0 else "")
    return [f"capacity: the utilisable capacity {_charge(usable)} (1C, and '% of utilisable', "
            "refer to it) is the simulation's OCP data window, F c_max (s_hi - s_lo) x the "
            "active material's volume, from the parameter set of the OCP data; `solidcell "
            f"evaluate` gives this design {_charge(practical)} (its areal capacity x the "
            f"{params.area_m2 * 1e4:.4g} cm2 electrode area){after}, from the knowledge base's "
            "practical specific capacity of the active material (or the design's "
            f"specific_capacity_mAh_g): {(usable / before - 1) * 100:+.3g} % apart because "
            "the OCP data window is not that practical capacity (docs/simulation.md, "
            f"Conventions){lost}"]


def _per_cell_power_notes(params: CellParameters, steps: Sequence[str],
                          quote: Callable[[str], str]) -> list[str]:
    """A bipolar stack runs each power or resistance step on one of its cells (the model is
    one cell): say so, with the package's value, once per step (a current is the same in
    every cell of the stack, a voltage is said per cell by the stack note). '60 W' on the
    6-cell example ran 60 W a cell, 360 W of the package, unsaid before 2026-12-07."""
    from solidcell.simulation import pybamm_adapter as pa

    n = params.cells_in_series
    if n <= 1:
        return []
    out = []
    for step in dict.fromkeys(steps):
        kind = pa.step_kind(step)
        if kind == "Power":
            out.append(f"step {quote(step)}: its power is one cell's (this bipolar stack has "
                       f"{n} cells in series, so the package runs {n} times it); for a "
                       f"package power P write P/{n}")
        elif kind == "Resistance":
            out.append(f"step {quote(step)}: its resistance is one cell's load (this bipolar "
                       f"stack has {n} cells in series: the package's load is {n} times it); "
                       f"for a package load R write R/{n}")
    return out


def _charge(q_A_h: float) -> str:
    """A charge [A h] as a note shows it: in A h from 1 A h (21.38 A h, not 2.138e+04 mAh),
    in mAh below."""
    return f"{q_A_h:.4g} Ah" if q_A_h >= 1 else f"{q_A_h * 1e3:.4g} mAh"


def _model_name(params: CellParameters) -> str:
    if params.dense_film:
        return (f"PyBaMM thin-film model: dense {params.positive.material} film (planar solid "
                "diffusion across it), Butler-Volmer kinetics at both interfaces, ohmic solid "
                f"electrolyte, against a planar {params.negative.kind} counter "  # type: ignore[union-attr]
                "electrode")
    if isinstance(params.negative, CounterElectrode):
        return (f"PyBaMM DFN, working electrode positive ({params.positive.material}) against "
                f"a planar {params.negative.kind} counter electrode, single-ion solid "
                "electrolyte")
    return (f"PyBaMM DFN full cell ({params.positive.material} | "
            f"{params.negative.material}), single-ion solid electrolyte")


def _experiment_limits(params: CellParameters, steps: Sequence[str]) -> tuple[float, float]:
    """The model's voltage cut-offs [V] for an experiment: the cell's default window widened
    to every voltage the steps name (holds and 'until' limits), 0.2 V beyond."""
    from solidcell.simulation import pybamm_adapter as pa

    lo, hi = params.default_voltage_limits_V
    volts = pa.step_voltages_V(steps)
    if volts:
        lo, hi = min(lo, min(volts)), max(hi, max(volts))
    return max(lo - 0.2, 0.05), hi + 0.2


def _safety_cutoff(termination: str, params: CellParameters, steps: Sequence[str],
                   end_voltage_V: float | None, wall: bool) -> str:
    """Where the model's own voltage cut-off ended a step that has none of its own
    ('Discharge at 1C for 10 hours'): ' (at 2.067 V: the model's safety cut-off, ...)', the
    voltage reached and where it comes from (:func:`_experiment_limits`, which PyBaMM's
    experiment widens further for its safety events); '' for another event."""
    low = "Minimum voltage" in termination
    if end_voltage_V is None or not (low or "Maximum voltage" in termination):
        return ""
    lo, hi = _experiment_limits(params, steps)
    cut = lo if low else hi
    where = ""
    if wall:
        v_lo, v_hi = (float(v) for v in params.open_circuit_voltage([1.0, 0.0]))
        where = (f"; the OCP data's open-circuit voltage spans {v_lo:.4g}-{v_hi:.4g} V, beyond "
                 "it the voltage is the OCP wall's, not data (docs/simulation.md, OCP ends)")
    return (f" (at {end_voltage_V:.4g} V: the model's safety cut-off, {cut:.4g} V, the cell's "
            "voltage window widened to the steps' voltages and 0.2 V beyond, and a further "
            f"{abs(cut - end_voltage_V):.2g} V beyond it that PyBaMM's experiment allows{where}; "
            "give the step a voltage limit too: '... for 2 hours or until ... V')")


#: Lower cut-off of the default experiment against Li/Li+ [V]: "Discharge at 1C until 3 V"
#: (PyBaMM's usual 3 V; docs/simulation.md, "against a Li-In counter electrode").
DEFAULT_CUTOFF_VS_LI_V = 3.0


def default_experiment(cell: Any, c_rate: float = 1.0) -> str:
    """The experiment of :func:`simulate` when none is given: a discharge at ``c_rate``
    [1/h] (1C; the report and the dashboard run C/10) to :data:`DEFAULT_CUTOFF_VS_LI_V`
    against Li/Li+, so against a Li-In counter electrode (0.62 V vs Li, ``santhosha2019``)
    to 2.38 V; a composite anode's cell to 3 V. ``cell``: the CellParameters, or a design
    (:func:`as_cell`: its anode kind, the counter electrode the parameters are made with).
    A fixed "until 3 V" cut an NMC811 | Li-In cell at 3.62 V vs Li (62 % of its window at
    1C) and refused an LiFePO4 | Li-In cell, whose charged OCV is 2.9 V (before 2026-12-07);
    the report's and the dashboard's C/10 did the same until 2026-12-07."""
    from solidcell.checks import simulation_c_rate

    rate = simulation_c_rate("c_rate", c_rate)
    shift = _counter_potential_V(cell)
    return f"Discharge at {_c_rate_text(rate)} until {DEFAULT_CUTOFF_VS_LI_V - shift:.6g} V"


def _counter_potential_V(cell: Any) -> float:
    """The counter electrode's potential vs Li/Li+ [V] of CellParameters or a CellDesign
    (0 for lithium, an anode-free cell and a composite anode)."""
    from typing import get_args

    from solidcell.simulation.parameters import CounterKind

    if isinstance(cell, CellParameters):
        neg = cell.negative
    else:  # the kinds parameters_from_design makes counters of
        kind = as_cell(cell, "cell").anode.kind
        neg = CounterElectrode(kind) if kind in get_args(CounterKind) else None
    return neg.potential_V if isinstance(neg, CounterElectrode) else 0.0


def _counter_reference_notes(params: CellParameters, steps: Sequence[str],
                             quote: Any = repr) -> list[str]:
    """For a cell against a counter electrode that is not at 0 V vs Li/Li+ (Li-In), a note
    for each step whose voltage reads as one against Li/Li+: a discharge limit above the
    cell's discharged open-circuit voltage (the discharge can never reach the window's
    discharged end: 'until 3 V' stopped an NMC811 | Li-In cell at 3.62 V vs Li/Li+), or a
    hold or limit above its charged open-circuit voltage by more than the counter
    electrode's potential (beyond the OCP data's charged end however it is read: 'Charge at
    0.1C until 4.3 V' charged that cell 0.63 V beyond its data's 3.674 V, onto the OCP
    wall); both ran without a word. A limit just above the charged OCV (the papers' 3.68 V
    for 3.674 V) is a charge's cut-off, not flagged."""
    from solidcell.simulation import pybamm_adapter as pa

    if _counter_potential_V(params) <= 0:
        return []
    notes = []
    for step in dict.fromkeys(steps):
        discharge = step.lower().startswith("discharge")
        hint = _vs_li_hint(params, pa.step_voltages_V([step]), discharge)
        if hint:
            notes.append(f"step {quote(step)} names {hint}")
    return notes


def _vs_li_hint(params: CellParameters, volts: Sequence[float], discharge: bool) -> str:
    """'3 V, above this cell's discharged open-circuit voltage (...): ... write 2.38 V' for
    the largest of ``volts`` that reads as a voltage against Li/Li+ in a cell against a
    counter electrode above 0 V (:func:`_counter_reference_notes`' rule), else ''."""
    shift = _counter_potential_V(params)
    if shift <= 0:
        return ""
    low, high = (float(v) for v in params.open_circuit_voltage([1.0, 0.0]))
    odd = [v for v in volts if v > high + shift or (discharge and v > low)]
    if not odd:
        return ""
    v = max(odd)
    kind = params.negative.kind  # type: ignore[union-attr]
    return (f"{v:g} V, above this cell's {'discharged' if v <= high else 'charged'} "
            f"open-circuit voltage ({low if v <= high else high:.4g} V; its OCP data span "
            f"{low:.4g}-{high:.4g} V): the cell's voltages are against its {kind} counter "
            f"electrode ({shift:g} V vs Li/Li+), so if {v:g} V is meant vs Li/Li+ write "
            f"{v - shift:.4g} V")


def _c_rate_text(c_rate: float) -> str:
    """A C-rate as PyBaMM reads it: '1C', '2C', 'C/10' (a whole 1/c_rate), else '0.3C'."""
    n = 1.0 / c_rate
    if c_rate < 1 and abs(n - round(n)) <= 1e-9 * n:
        return f"C/{round(n)}"
    return f"{c_rate:g}C"


@dataclass(frozen=True)
class SimulationInputs:
    """What :func:`simulate` runs, every input checked (:func:`simulate_inputs`): the
    parameters, the OCP ends rule, the steps as run and as typed, the per-cell hint of its
    refusals ('' for none), the initial state (state of charge and its note), the model's
    voltage cut-offs [V] and the mesh."""

    params: CellParameters
    ocp_ends: str
    steps: tuple[str, ...]
    typed: tuple[str, ...]
    per_cell: str
    initial_soc: float
    start: str
    lower_cutoff_V: float
    upper_cutoff_V: float
    mesh: str


def simulate_inputs(design: Any, experiment: str | Sequence[str] | None = None,
                    *, temperature: Any = None, interface_resistance: Any = None,
                    initial_soc: Any = None, mesh: str = "default",
                    tortuosity_factor: float | None = None, ocp_ends: str = "auto",
                    thermal: str | None = None, heat_transfer_coefficient: Any = None,
                    interface_resistance_activation_energy: Any = None,
                    interface_resistance_temperature: Any = None) -> SimulationInputs:
    """The refusals :func:`simulate` makes before any build or solve, in its order (it calls
    this first; the keywords as there): the design's and its overrides' (temperature,
    interface resistance, tortuosity factor; a 3D architecture the 1D model cannot describe,
    naming ``architecture.kind``) and the thermal model's (:func:`run_parameters`), the OCP
    ends (the wall where it cannot apply), the experiment (a step PyBaMM cannot read or run,
    naming ``experiment``), the initial state and the mesh. The dashboard checks a simulation
    with it before starting its job (as :func:`sweep_inputs` a temperature sweep). The first
    call imports PyBaMM (its step parser reads the experiment). ``experiment`` None: the
    cell's :func:`default_experiment`."""
    from solidcell.simulation import pybamm_adapter as pa

    params = run_parameters(
        design, temperature=temperature, interface_resistance=interface_resistance,
        tortuosity_factor=tortuosity_factor, thermal=thermal,
        heat_transfer_coefficient=heat_transfer_coefficient,
        interface_resistance_activation_energy=interface_resistance_activation_energy,
        interface_resistance_temperature=interface_resistance_temperature)
    ocp_ends = pa.resolve_ocp_ends(params, ocp_ends)
    if experiment is None:
        experiment = default_experiment(params)
    steps = pa.normalise_experiment(experiment, params.area_m2)
    typed = pa.normalise_experiment(experiment, params.area_m2, convert=False)
    per_cell = _per_cell_hint(params, steps)
    try:
        pa.check_steps(steps, params.capacity_A_h)  # a bad step is named before any build
    except ValidationError as exc:
        # the step as typed ('Discharge at 10 mA/cm2', not the 'Discharge at 40000 mA' it
        # was converted to over the electrode area), the step as run said after the reason
        as_typed: dict[str, str] = {}
        for run_step, text in zip(steps, typed, strict=False):
            as_typed.setdefault(run_step, text)
        shown, allowed = exc.value, exc.allowed
        if exc.field == "experiment" and isinstance(exc.value, str) and exc.value in as_typed:
            shown = as_typed[exc.value]
            if pa._capitalise_instruction(shown) != exc.value:
                why = (f"its current or power density over the {params.area_m2 * 1e4:.6g} "
                       "cm2 electrode area" if pa._CURRENT_DENSITY.search(shown)
                       else "micro units as milli, which PyBaMM reads")
                allowed += f" (read as {exc.value!r}: {why})"
        if not per_cell and shown is exc.value:
            raise
        raise ValidationError(exc.field, shown, allowed + per_cell) from None
    # 'Rest for 1 hour; Charge ...' started charged: charge skipped
    first = next((s for s in steps if not s.lower().startswith("rest")), steps[0])
    soc, start = _initial_state(params, initial_soc, None, "initial_soc",
                                0.0 if first.lower().startswith("charge") else 1.0)
    lo, hi = _experiment_limits(params, steps)
    return SimulationInputs(params, ocp_ends, tuple(steps), tuple(typed), per_cell, soc, start,
                            lo, hi, pa.check_mesh(mesh))


def simulate(design: Any, experiment: str | Sequence[str] | None = None, *,
             temperature: Any = None, interface_resistance: Any = None,
             initial_soc: Any = None, mesh: str = "default",
             tortuosity_factor: float | None = None,
             progress: bool = False, ocp_ends: str = "auto", thermal: str | None = None,
             heat_transfer_coefficient: Any = None,
             interface_resistance_activation_energy: Any = None,
             interface_resistance_temperature: Any = None) -> SimulationResult:
    """Run a PyBaMM experiment on ``design`` ("Discharge at 1C until 3 V", "Rest for 1 hour",
    "Charge at 0.5 mA/cm2 until 4.2 V", ...; steps separated by ';' or given as a list;
    default :func:`default_experiment`: "Discharge at 1C until 3 V" against lithium, 2.38 V
    against Li-In).

    The cell starts at rest, charged (``initial_soc=1``) unless the first step that is not a
    rest is a charge (then discharged, ``initial_soc=0``). ``initial_soc`` sets the start: a
    state of charge of the usable window in [0, 1], or as in PyBaMM a voltage ("4.2 V"): the
    state whose open-circuit voltage is that (OCV(x0) = V on the OCP data,
    :meth:`CellParameters.soc_at_open_circuit_voltage`; the same start as
    :func:`rate_capability`'s); a note says which. The model is
    built once per design structure and experiment and reused for later calls.

    ``temperature`` ("60 degC" or a float in K) and ``interface_resistance`` ("20 Ohm cm2" or
    a float in Ohm m2) override the design's, as ``interface_resistance_activation_energy``
    ("0.37 eV") and ``interface_resistance_temperature`` ("25 degC") do the design's
    activation energy and measuring temperature of it (:func:`cell_parameters`); ``mesh`` is
    "coarse", "default" or "fine";
    ``tortuosity_factor`` (>= 1) replaces Bruggeman's eps^1.5 in the composite cathode. The
    result holds arrays in SI units (``time_s``, ``voltage_V``, ``current_A``, ...), the model
    used, the bibliography keys in ``sources`` and ``to_json()``; ``plot(path)`` draws it.
    Its ``experiment`` is the steps as typed (repeats expanded); ``experiment_as_run`` the
    steps PyBaMM ran, a current (power) density turned into a current (power) over the
    electrode area, which a note states ("0.5 mA/cm2 over the 4000 cm2 electrode area is
    2000 mA (the current PyBaMM ran)").
    ``progress`` shows a bar over the experiment's steps (PyBaMM's, on stderr).
    ``ocp_ends`` as in :func:`rate_capability` ("auto", default: the wall where it applies, so
    a discharge ends at its voltage limit; "stop": a charge or discharge step ends where a
    particle surface reaches the end of its OCP data); the result's ``ocp_ends`` says which.
    ``thermal``: "isothermal" (default, None) or "lumped" (PyBaMM's lumped thermal model: one cell
    temperature, heated by the losses and cooled by ``heat_transfer_coefficient`` [W/(m2 K)],
    required there, to the ambient temperature; :func:`with_thermal`); the result's
    ``thermal`` says which and its ``cell_temperature_K`` holds the temperature curve.
    Bad input is refused before any build or solve (:func:`simulate_inputs`).
    """
    from solidcell.checks import flag
    from solidcell.simulation import pybamm_adapter as pa

    progress = flag("progress", progress)
    design = as_cell(design)  # read once (the capacity note evaluates it)
    run = simulate_inputs(
        design, experiment, temperature=temperature, interface_resistance=interface_resistance,
        initial_soc=initial_soc, mesh=mesh, tortuosity_factor=tortuosity_factor,
        ocp_ends=ocp_ends, thermal=thermal, heat_transfer_coefficient=heat_transfer_coefficient,
        interface_resistance_activation_energy=interface_resistance_activation_energy,
        interface_resistance_temperature=interface_resistance_temperature)
    params, ocp_ends, steps, typed = run.params, run.ocp_ends, run.steps, run.typed
    quote = _step_quoter(steps, typed)
    per_cell, initial_soc, start = run.per_cell, run.initial_soc, run.start
    lo, hi = run.lower_cutoff_V, run.upper_cutoff_V
    built = pa.get_built(params, experiment=steps, mesh=mesh, ocp_ends=ocp_ends)
    try:
        sol, outcome = built.solve_with_steps(params, lower_cutoff_V=lo, upper_cutoff_V=hi,
                                              initial_soc=initial_soc, progress=progress)
    except pa.CutoffAtStart as exc:
        if not per_cell:
            raise
        raise pa.CutoffAtStart(exc.field, exc.detail + per_cell) from None
    except pa.SimulationFailed as exc:
        # the solver can fail to find the first state of a discharge far beyond the window
        # (IDA_BAD_K at t = 0): say so, naming the largest ohmic loss, when the fast model's
        # first instant is below the cut-off too (from the same initial state)
        current = pa.step_current_A(steps[0], params)
        if (isinstance(exc, pa.CutoffAtStart) or current <= 0
                or not steps[0].lower().startswith("discharge")
                or not _ends_at_start(params, current / params.capacity_A_h, lo, initial_soc,
                                      ocp_ends)):
            raise
        raise pa.CutoffAtStart(
            f"experiment step {quote(steps[0])} / "
            f"{pa._suspect_field(params, current, at_start=True)}",
            f"PyBaMM's solver could not start ({exc.detail[:120]}); the fast model's voltage "
            f"at the first instant of this current is below the cut-off ({lo:.3g} V): the "
            "losses at this current exceed the voltage window") from None
    data = pa.read_solution(sol, params)
    notes = [*params.notes, *pa.density_conversions(typed, params.area_m2), start,
             *((WALL_NOTE,) if ocp_ends == "wall" else ()), *_thermal_notes(params)]
    notes += _termination_notes(data["termination"], params, steps, outcome, quote,
                                end_voltage_V=float(data["Voltage [V]"][-1]),
                                wall=ocp_ends == "wall")
    notes += _capacity_note(design, params)
    notes += _per_cell_power_notes(params, steps, quote)
    notes += _counter_reference_notes(params, steps, quote)
    if per_cell and outcome is not None and any(end == pa.SKIPPED_STEP
                                                for _, end in outcome.ran):
        notes.append(per_cell.removeprefix("; "))
    termination = data["termination"]
    if outcome is not None and outcome.stop is not None and outcome.stop[0] == "error":
        # PyBaMM returns what ran before the failure with the last good step's termination
        termination = f"solver error in step {outcome.stop[1]!r}"
    return SimulationResult(
        name=params.name, experiment=typed, experiment_as_run=steps,
        model=_model_name(params),
        time_s=data["Time [s]"], voltage_V=data["Voltage [V]"], current_A=data["Current [A]"],
        discharge_capacity_A_h=data["Discharge capacity [A.h]"],
        discharge_energy_W_h=data["Discharge energy [W.h]"],
        open_circuit_voltage_V=data["Open-circuit voltage [V]"],
        overpotentials_V={k: data[k] for k in OVERPOTENTIALS},
        utilisable_capacity_A_h=params.capacity_A_h, area_m2=params.area_m2,
        temperature_K=params.temperature_K, termination=termination,
        sources=_sources(params), notes=tuple(notes), ocp_ends=ocp_ends,
        thermal="isothermal" if params.thermal is None else "lumped",
        thermal_curves={k: data[k] for k in pa.THERMAL_OUTPUTS if k in data},
        cells_in_series=params.cells_in_series)


def _sources(params: CellParameters) -> tuple[str, ...]:
    """``params.sources``, with the lumped thermal model's (timms2021, and Dulong-Petit's
    law of the heat capacities) when it runs."""
    if params.thermal is None:
        return params.sources
    return tuple(dict.fromkeys((*params.sources, "timms2021", "dulong1819_petit",
                                *_diffusivity_sources(params))))


def _diffusivity_sources(params: CellParameters) -> tuple[str, ...]:
    """The sources of the activation energies (solid diffusivity, exchange current) the lumped
    model used: the active-material table's, for an electrode whose value is the table's."""
    from solidcell.simulation.ocp import active_material_table
    from solidcell.simulation.parameters import thermal_electrodes

    keys = []
    for _, e in thermal_electrodes(params):
        table = active_material_table().get(e.material, {})
        for key in ("diffusivity_activation_energy_J_mol",
                    "exchange_current_activation_energy_J_mol"):
            entry = table.get(key)
            if entry and getattr(e, key, None) == float(entry["value"]):
                keys.append(str(entry["source"]))
    return tuple(keys)


def _step_quoter(steps: Sequence[str], typed: Sequence[str]) -> Any:
    """A function quoting a step as PyBaMM ran it (an item of ``steps``) as the user typed it
    (the item of ``typed`` at the same place), with the step as run in parentheses where the
    two differ (a current density converted to a current): ``'Discharge at 0.02 mA/cm2
    until 3.0 V' (run as 'Discharge at 2 mA until 3.0 V')``."""
    from solidcell.simulation.pybamm_adapter import _capitalise_instruction

    as_typed: dict[str, str] = {}
    for run, text in zip(steps, typed, strict=False):
        as_typed.setdefault(run, text)

    def quote(step: str) -> str:  # 'discharge at 1C' run as 'Discharge at 1C': as typed
        text = as_typed.get(step, step)
        same = _capitalise_instruction(text) == step
        return repr(text) if same else f"{text!r} (run as {step!r})"

    return quote


def _per_cell_hint(params: CellParameters, steps: Sequence[str]) -> str:
    """For a bipolar stack whose steps name a voltage above one cell's charged open-circuit
    voltage (the stack's voltage, likely): '; the steps' voltages are per cell ...', else ''."""
    from solidcell.simulation import pybamm_adapter as pa

    n = params.cells_in_series
    charged = params.default_voltage_limits_V[1]
    high = [v for v in pa.step_voltages_V(steps) if v > charged] if n > 1 else []
    if not high:
        return ""
    v = max(high)
    return (f"; the steps' voltages are per cell: this bipolar stack has {n} cells in series "
            f"(one cell's charged open-circuit voltage {charged:.3g} V; {v:g} V for the stack "
            f"is {v / n:.4g} V a cell)")


def _lower_cutoff(lower_cutoff: Any, params: Sequence[CellParameters]) -> float | None:
    """The lower cut-off [V] (None: each cell's default); it must lie above 0 V and below the
    charged open-circuit voltage of every cell, or no discharge can run."""
    cut = _quantity(lower_cutoff, "voltage", "lower_cutoff")
    for p in params:
        charged = p.default_voltage_limits_V[1]
        if cut is not None and not 0 < cut < charged:
            n = p.cells_in_series
            stack = (f"; the cut-off is per cell: {p.name} is a bipolar stack of {n} cells in "
                     f"series ({cut:g} V for the stack is {cut / n:.4g} V a cell)"
                     if n > 1 and cut >= charged else "")
            raise ValidationError("lower_cutoff", lower_cutoff, f"must be a voltage above 0 V "
                                  f"and below the charged open-circuit voltage of each cell "
                                  f"({p.name}: {charged:.3g} V){stack}")
    return cut


def _termination_notes(termination: str, params: CellParameters, steps: Sequence[str],
                       outcome: Any = None, quote: Any = repr, *,
                       end_voltage_V: float | None = None, wall: bool = False) -> list[str]:
    """Notes that say why an experiment ended, or skipped a step, where a user would not
    expect it (``outcome``: the adapter's record of each step, StepOutcome; ``quote``: how a
    step is quoted, :func:`_step_quoter`; ``end_voltage_V``: the last voltage of the
    solution, named where the model's own voltage cut-off ended a step; ``wall``: the OCP
    wall ran)."""
    from solidcell.simulation import pybamm_adapter as pa

    notes = []
    ran = list(outcome.ran) if outcome is not None else []
    stop = outcome.stop if outcome is not None else None
    not_run = outcome.not_run if outcome is not None else 0
    later = (f"; the {not_run} later step{'s' if not_run != 1 else ''} of the experiment "
             f"{'were' if not_run != 1 else 'was'} not run" if not_run else "")
    for step, end in ran:
        if end == pa.SKIPPED_STEP:
            notes.append(
                f"step {quote(step)} was skipped: its limit was already reached when it started "
                "(a voltage cut-off, or the end of the OCP data after the previous step); "
                "PyBaMM goes on with the next step")
    held = dict.fromkeys(step for step, end in ran[:-1]
                         if "OCP data" in end and step.lower().startswith("hold"))
    for step in held:  # the CV phase of a CC-CV charge above the data's end voltage
        notes.append(
            f"step {quote(step)} ended where a particle surface reached the end of its OCP data, "
            "before its own limit (the model does not take a surface beyond its data); the "
            "next step followed")
    if stop is not None and stop[0] == "error":
        notes.append(f"step {quote(stop[1])} failed in the solver ({stop[2][:200]}); the result "
                     f"ends where it started{later}")
        return notes
    if "OCP data" in termination:
        # discharged end: positive upper / negative lower stoichiometry; charged end: the others
        discharged = ("Positive" in termination) == ("upper end" in termination)
        v_end = float(params.open_circuit_voltage(1.0 if discharged else 0.0))
        which = "discharged" if discharged else "charged"
    if "OCP data" in termination and "[experiment]" not in termination:
        where = f" in step {quote(stop[1])}" if stop is not None and stop[1] else ""
        notes.append(
            f"the experiment stopped{where} at {termination!r}: the cell reached the {which} "
            f"end of its OCP data (open-circuit voltage {v_end:.3g} V there), which is not one "
            f"of that step's limits, and PyBaMM ends the experiment there{later}")
    elif "OCP data" in termination:
        notes.append(
            f"the last step ended at {termination!r}: the cell reached the {which} end of "
            f"its OCP data (open-circuit voltage {v_end:.3g} V there) before the step's "
            "own end (its limit or duration); the curve is never evaluated outside its data "
            "(docs/simulation.md)")
    elif stop is not None and stop[0] == "event":
        safety = _safety_cutoff(termination, params, steps, end_voltage_V, wall)
        notes.append(f"the experiment stopped in step {quote(stop[1])} at {termination!r}, which "
                     f"is not one of that step's limits{safety}{later}")
    timed_out = (stop[1] if stop is not None and stop[0] == "time"
                 else steps[-1] if termination.strip() == "final time" and steps and not not_run
                 else None)
    if timed_out:
        default = pa.default_step_duration_s(timed_out)
        if default is not None and "until" in timed_out.lower():
            notes.append(
                f"step {quote(timed_out)} ran for PyBaMM's default duration of such a step "
                f"({default / 3600.0:.3g} hours) without reaching its limit, and PyBaMM ends "
                f"the experiment there{later}; give a larger current or a duration "
                "('... for 100 hours or until 3 V')")
    return notes


#: Discharges already solved in this process: (params, C-rate, lower cut-off, mesh) -> the
#: arrays :func:`_discharge` read (least recently used dropped beyond :data:`_SOLVED_SIZE`).
#: ``solidcell demo`` solves 0.1, 0.5, 1 and 2C of the EV example, then its HTML report asks
#: for the same four (and 0.2 and 5C): they are solved once.
_SOLVED: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
_SOLVED_LOCK = threading.Lock()
_SOLVED_SIZE = 64


def clear_solved() -> None:
    """Forget the discharges solved so far (a benchmark timing the solves calls it)."""
    with _SOLVED_LOCK:
        _SOLVED.clear()


def _copied(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with its arrays copied: a caller changing a result's curve cannot change the
    memo's."""
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in data.items()}


def _discharge(params: CellParameters, c_rate: float, lower_cutoff_V: float | None,
               mesh: str, initial_soc: float = 1.0, ocp_ends: str = "auto") -> dict[str, Any]:
    """:func:`_solve_discharge`, once per process for the same inputs: the key is every input
    of the solve (the whole frozen ``params``, the rate, the cut-off, the mesh, the initial
    state of charge; the model's outputs, numbers and solver settings are constants of the
    adapter). A failed solve is not kept (it raises again)."""
    key = (params, float(c_rate), lower_cutoff_V, mesh, float(initial_soc), ocp_ends)
    try:
        with _SOLVED_LOCK:
            hit = _SOLVED.get(key)
            if hit is not None:
                _SOLVED.move_to_end(key)
                return _copied(hit)
    except TypeError:  # an unhashable field (an array given for a tuple): solved, not kept
        return _solve_discharge(params, c_rate, lower_cutoff_V, mesh, initial_soc, ocp_ends)
    data = _solve_discharge(params, c_rate, lower_cutoff_V, mesh, initial_soc, ocp_ends)
    with _SOLVED_LOCK:
        _SOLVED[key] = _copied(data)
        while len(_SOLVED) > _SOLVED_SIZE:
            _SOLVED.popitem(last=False)
    return data


def _solve_discharge(params: CellParameters, c_rate: float, lower_cutoff_V: float | None,
                     mesh: str, initial_soc: float = 1.0,
                     ocp_ends: str = "auto") -> dict[str, Any]:
    """One PyBaMM constant-current discharge from state of charge ``initial_soc`` (1: the
    charged state; the rate model, built once per structure and initial state): the arrays of
    ``pybamm_adapter.read_solution``."""
    from solidcell.simulation import pybamm_adapter as pa

    built = pa.get_built(params, mesh=mesh, outputs=pa.rate_outputs(params),
                         numeric=pa.RATE_NUMERIC, initial_soc=initial_soc, ocp_ends=ocp_ends)
    current = params.capacity_A_h * c_rate
    # a dense film at a high rate stops long before 1/C: more points keep its curve smooth
    sol = built.solve(params, current_A=current, t_end_s=3600.0 / c_rate * 1.05,
                      lower_cutoff_V=lower_cutoff_V, initial_soc=initial_soc,
                      n_points=1200 if params.dense_film else 240)
    return pa.read_solution(sol, params, breakdown=False)


def _fast_result(params: CellParameters, rates: np.ndarray, cut: float, fd: Any, model: str,
                 notes: tuple[str, ...], ocp_ends: str = "stop") -> RateCapabilityResult:
    """The :class:`RateCapabilityResult` of a fast-model discharge ``fd`` of one cell (its
    per-m2 arrays times the cell's area; curves without their unreached points)."""
    a = params.area_m2
    ok = np.isfinite(fd.voltage_curve_V[0])
    return RateCapabilityResult(
        name=params.name, model=model, c_rates=rates,
        current_A=fd.current_density_A_m2[0] * a, capacity_A_h=fd.capacity_A_h_m2[0] * a,
        energy_W_h=fd.energy_W_h_m2[0] * a, mean_voltage_V=fd.mean_voltage_V[0],
        utilisable_capacity_A_h=params.capacity_A_h, area_m2=a,
        temperature_K=params.temperature_K, lower_cutoff_V=cut,
        terminations=tuple(
            str(why) if c > 0 else "no capacity: the voltage is below the lower cut-off "
            "as soon as the current flows (fast model)"
            for c, why in zip(fd.capacity_A_h_m2[0], fd.end_reason[0], strict=True)),
        sources=tuple(dict.fromkeys((*params.sources, *fd.sources))),
        curves=tuple((fd.capacity_curve_A_h_m2[0, k][ok[k]] * a, fd.voltage_curve_V[0, k][ok[k]])
                     for k in range(rates.size)),
        notes=tuple(notes), ocp_ends=ocp_ends, cells_in_series=params.cells_in_series)


def _ends_at_start(params: CellParameters, c_rate: float, cut: float,
                   initial_soc: float = 1.0, ocp_ends: str = "auto") -> bool:
    """Whether the fast model (:mod:`solidcell.simulation.fast`; for a dense film its
    plane-sheet version) ends a discharge at ``c_rate`` from state of charge ``initial_soc``
    at its first instant: voltage below ``cut`` or a particle surface at the end of its OCP
    data."""
    from solidcell.simulation.fast import FastArrays, fast_discharge, film_fast_discharge

    try:
        if params.dense_film:
            fd = film_fast_discharge(params, [c_rate], cut, initial_soc=initial_soc)
        else:
            fd = fast_discharge(FastArrays.from_parameters(params, cut, initial_soc=initial_soc),
                                [c_rate], ocp_ends=ocp_ends)
    except Exception:  # no fast answer: the caller raises PyBaMM's failure as it is
        return False
    return bool(fd.capacity_A_h_m2[0, 0] == 0.0)


def rate_capability(design: Any, c_rates: ArrayLike = DEFAULT_RATES, *,
                    lower_cutoff: Any = None, model: str = "pybamm", mesh: str = "default",
                    temperature: Any = None, interface_resistance: Any = None,
                    initial_soc: Any = None,
                    progress: bool = False, ocp_ends: str = "auto",
                    thermal: str | None = None,
                    heat_transfer_coefficient: Any = None,
                    interface_resistance_activation_energy: Any = None,
                    interface_resistance_temperature: Any = None) -> RateCapabilityResult:
    """Constant-current discharges from the charged state at each C-rate (1C = utilisable
    capacity in one hour) down to ``lower_cutoff`` (default: the OCV at the end of the window
    minus 0.3 V); ``model`` "pybamm" (DFN, built once, one solve per rate) or "fast".
    ``initial_soc`` as in :func:`simulate`: a state of charge in [0, 1] or, as PyBaMM's, a
    voltage ("4.2 V"): start instead at rest at the state of charge whose open-circuit voltage
    is that (OCV(x0) = V, :meth:`CellParameters.soc_at_open_circuit_voltage`), as a cell
    charged to it and relaxed; default the charged end of the OCP data window.
    ``ocp_ends``: "stop" ends a discharge when a particle surface reaches the end of its OCP
    data; "wall" lets the reaction move to the other particles until the cut-off
    (:data:`solidcell.simulation.ocp.OCP_ENDS`; the fast model follows the same wall;
    composite cathodes only; docs/simulation.md); "auto" (default) "wall" where it applies,
    else "stop" (``pybamm_adapter.resolve_ocp_ends``). The result's ``ocp_ends`` says which
    ran. ``thermal`` and ``heat_transfer_coefficient`` as in :func:`simulate` (the lumped
    model with ``model="pybamm"`` only); the result's ``max_temperature_rise_K`` gives each
    rate's largest rise of the cell temperature over its start.
    ``interface_resistance_activation_energy`` and ``interface_resistance_temperature`` as in
    :func:`cell_parameters`."""
    design = as_cell(design)  # read once
    params = cell_parameters(
        design, temperature=temperature, interface_resistance=interface_resistance,
        interface_resistance_activation_energy=interface_resistance_activation_energy,
        interface_resistance_temperature=interface_resistance_temperature)
    params = with_thermal(design, params, thermal, heat_transfer_coefficient)
    if params.thermal is not None and model != "pybamm":
        raise ValidationError("model", model, "'pybamm' with thermal='lumped' (the fast "
                              "model is isothermal)")
    from solidcell.checks import flag
    from solidcell.simulation.fast import check_c_rates

    rates = check_c_rates("c_rates", c_rates)
    progress = flag("progress", progress)
    from solidcell.simulation.pybamm_adapter import check_mesh

    check_mesh(mesh)  # also with the fast model: a typo is refused, not ignored
    cut = _lower_cutoff(lower_cutoff, [params])
    # a lower cut-off typed against Li/Li+ for a Li-In cell ('3 V' stops it at 3.62 V vs Li)
    hint = "" if cut is None else _vs_li_hint(params, [cut], discharge=True)
    cut = params.default_voltage_limits_V[0] if cut is None else cut
    soc, start = _initial_state(params, initial_soc, cut)
    starts = (start, *((f"lower_cutoff {hint}",) if hint else ()))
    from solidcell.simulation.pybamm_adapter import resolve_ocp_ends

    ocp_ends = resolve_ocp_ends(params, ocp_ends)
    wall_note = (WALL_NOTE,) if ocp_ends == "wall" else ()
    if model == "fast" and params.dense_film:
        from solidcell.simulation.fast import film_fast_discharge

        return _fast_result(params, rates, cut,
                            film_fast_discharge(params, rates, cut, initial_soc=soc),
                            "fast thin-film model (plane-sheet diffusion series, "
                            "Butler-Volmer, ohmic solid electrolyte)", (*params.notes, *starts),
                            ocp_ends)
    if model == "fast":
        from solidcell.simulation.fast import FastArrays, fast_discharge
        from solidcell.simulation.validation import (
            FAST_MODEL_MAX_COMPOSITE_OHMIC_V,
            composite_ohmic_number,
        )

        notes = [*params.notes, *starts, *wall_note]
        if not params.half_cell:
            notes.append("full cell (composite negative electrode): the fast model's error "
                         "was measured on half cells only (docs/validation.md); it is not "
                         "known here")
        outside = [float(r) for r in rates
                   if composite_ohmic_number(params, float(r)) > FAST_MODEL_MAX_COMPOSITE_OHMIC_V]
        if outside:
            notes.append(
                f"outside the fast model's valid region at {', '.join(f'{r:g}C' for r in outside)}"
                f" (composite ohmic number > {FAST_MODEL_MAX_COMPOSITE_OHMIC_V:g} V): errors of "
                "several % against PyBaMM are expected there (docs/validation.md)")
        arrays = FastArrays.from_parameters(params, cut, initial_soc=soc)
        return _fast_result(params, rates, cut, fast_discharge(arrays, rates, ocp_ends=ocp_ends),
                            "fast reduced model (SPM with ohmic losses)", tuple(notes),
                            ocp_ends)
    if model != "pybamm":
        raise ValidationError("model", model, "use 'pybamm' or 'fast'")
    caps, energies, currents, terms, curves_l = [], [], [], [], []
    temps: list[np.ndarray] = []
    iterator: Any = rates
    if progress:
        from tqdm import tqdm

        iterator = tqdm(rates, desc="rates", unit="rate")
    from solidcell.simulation.pybamm_adapter import CutoffAtStart, SimulationFailed
    from solidcell.simulation.pybamm_adapter import _suspect_field as suspect_field

    for rate in iterator:
        currents.append(params.capacity_A_h * float(rate))
        try:
            data = _discharge(params, float(rate), cut, mesh, soc, ocp_ends)
        except SimulationFailed as exc:
            # at a current far beyond the window PyBaMM's solver may fail to find the first
            # state instead of stopping at the cut-off (IDA_BAD_K at t = 0): the rate gets
            # capacity 0 when the fast model ends the discharge at its first instant too
            if not isinstance(exc, CutoffAtStart) and not _ends_at_start(
                    params, float(rate), cut, soc, ocp_ends):
                raise
            caps.append(0.0)
            energies.append(0.0)
            terms.append(f"no capacity: {exc}" if isinstance(exc, CutoffAtStart) else (
                "no capacity: PyBaMM's solver could not start at this current "
                f"({exc.detail[:120]}); the fast model's voltage at the first instant is "
                "below the lower cut-off (or a particle surface is at the end of its OCP "
                f"data); look at {suspect_field(params, currents[-1], at_start=True)}"))
            curves_l.append((np.zeros(0), np.zeros(0)))
            temps.append(np.zeros(0))
            continue
        caps.append(float(data["Discharge capacity [A.h]"][-1]))
        energies.append(float(data["Discharge energy [W.h]"][-1]))
        terms.append(data["termination"])
        curves_l.append((data["Discharge capacity [A.h]"], data["Voltage [V]"]))
        temps.append(data.get(TEMPERATURE_KEY, np.zeros(0)))
    cap_a, en_a = np.array(caps), np.array(energies)
    mean_v = np.where(cap_a > 0, en_a / np.where(cap_a > 0, cap_a, 1.0), np.nan)
    return RateCapabilityResult(
        name=params.name, model=_model_name(params), c_rates=rates, current_A=np.array(currents),
        capacity_A_h=cap_a, energy_W_h=en_a, mean_voltage_V=mean_v,
        utilisable_capacity_A_h=params.capacity_A_h, area_m2=params.area_m2,
        temperature_K=params.temperature_K, lower_cutoff_V=cut, terminations=tuple(terms),
        sources=_sources(params), curves=tuple(curves_l),
        notes=(*params.notes, *starts, *wall_note, *_thermal_notes(params)), ocp_ends=ocp_ends,
        thermal="isothermal" if params.thermal is None else "lumped",
        cell_temperature_curves_K=tuple(temps) if params.thermal is not None else (),
        cells_in_series=params.cells_in_series)


#: PyBaMM's name of the lumped model's cell temperature.
TEMPERATURE_KEY = "Volume-averaged cell temperature [K]"


#: The note of a rate capability run with ``ocp_ends="wall"``.
WALL_NOTE = ("OCP ends 'wall': beyond the ends of its OCP data a particle surface meets a steep "
             "numerical wall (not data), so the reaction moves to the other particles and a "
             "discharge ends at the voltage cut-off; the wall holds a little lithium beyond "
             "the data window (docs/simulation.md, OCP ends)")


#: What ``initial_soc=`` takes (:func:`simulate`, :func:`rate_capability`, ...).
INITIAL_SOC_ALLOWED = ("a state of charge of the usable window in [0, 1] (a number, or "
                       "'50 %') or, as PyBaMM's initial_soc, an open-circuit voltage with its "
                       "unit ('4.2 V')")


def _initial_state(params: CellParameters, value: Any, cut: float | None,
                   field: str = "initial_soc", default_soc: float = 1.0
                   ) -> tuple[float, str]:
    """(state of charge of the window, note saying so) at which the cell starts, at rest:
    ``default_soc`` (``value`` None; 1 the charged end of the OCP data window, 0 the
    discharged end), a state of charge (``value`` a number) or where the OCV is ``value`` (a
    voltage with its unit: "4.2 V"), solved by
    :meth:`CellParameters.soc_at_open_circuit_voltage`. A voltage at or below ``cut`` (the
    lower cut-off; None: not checked) or outside the OCV of the window, a number
    outside [0, 1], NaN or a value of another kind: :class:`ValidationError` naming ``field``."""
    from solidcell.checks import is_real

    ocv = float(params.open_circuit_voltage(0.0))
    if value is None and default_soc == 1.0:
        return 1.0, (f"initial state: at rest at the charged end of the OCP data window "
                     f"(open-circuit voltage {ocv:.4g} V); give initial_soc ('4.2 V' or a "
                     "number) to start from a cell charged to a stated voltage")
    if value is None or is_real(value):
        soc = default_soc if value is None else float(value)
        if not 0.0 <= soc <= 1.0:  # NaN too
            raise ValidationError(field, value, INITIAL_SOC_ALLOWED)
        why = (" (the first step that is not a rest is a charge)" if value is None
               else f" ({field})")
        v0 = float(params.open_circuit_voltage(1.0 - soc))
        return soc, (f"initial state: at rest at state of charge {soc:.4g} of the usable "
                     f"window{why}, open-circuit voltage {v0:.4g} V, "
                     f"{soc * params.capacity_A_h * 1e3:.4g} mA h")
    if isinstance(value, str) and "%" in value:  # '50 %', as a design's fractions take it
        try:
            share = units.parse(value, "fraction")
        except Exception as exc:
            raise ValidationError(field, value, f"{INITIAL_SOC_ALLOWED}: {exc}") from None
        if not 0.0 <= share <= 1.0:
            raise ValidationError(field, value, INITIAL_SOC_ALLOWED)
        return _initial_state(params, share, cut, field, default_soc)
    try:
        v = units.parse(value, "voltage")
    except Exception as exc:
        raise ValidationError(field, value, f"{INITIAL_SOC_ALLOWED}: {exc}") from None
    if not math.isfinite(v) or (cut is not None and v <= cut):
        raise ValidationError(field, value, (
            f"an open-circuit voltage above the lower cut-off ({cut:.4g} V) and at most "
            if cut is not None else "a finite open-circuit voltage at most ") + (
            f"{ocv:.4g} V (the OCV of {params.name} at the charged end of its OCP data)"))
    try:
        soc = params.soc_at_open_circuit_voltage(v, field)
    except ValidationError as exc:  # the value as typed ('4.5 V', not 4.5)
        raise ValidationError(field, value, exc.allowed) from None
    return soc, (f"initial state: at rest where the open-circuit voltage is {v:.4g} V "
                 f"({field}; OCV(x0) = V on the OCP data): {soc * 100:.4g} % of the "
                 f"usable window, {soc * params.capacity_A_h * 1e3:.4g} mA h; 1C is still the "
                 "utilisable capacity of the whole window in one hour")


#: What :func:`parse_temperatures` takes (its refusals say it).
TEMPERATURES_ALLOWED = ("one or more comma-separated temperatures, each with its unit (K or "
                        "degC), e.g. '-20 degC, 0 degC, 25 degC, 45 degC'")


def parse_temperatures(text: str, field: str = "temperatures") -> list[float]:
    """Temperatures [K] of :func:`temperature_sweep` from text: comma-separated items, each a
    temperature with its unit ('-20 degC, 298.15 K'; a bare number is not guessed as K or
    degC). An empty list is refused naming ``field``; an empty item, one that is not a
    temperature, or one outside the simulation's range
    (:data:`~solidcell.simulation.parameters.SIMULATION_TEMPERATURE_RANGE_K`, as the engine
    refuses an item: :func:`_run_temperature`) naming its position (``field (item k of n)``)
    and the item as typed. ``solidcell temperature-sweep --temperatures`` and the dashboard's
    temperatures box read their text with it."""
    from solidcell.checks import comma_items
    from solidcell.errors import UnitError

    def kelvin(item: str) -> float:
        try:
            t = units.parse(item, "temperature")
        except UnitError as exc:
            reason = str(exc).removeprefix("temperature: ")
            raise ValidationError(field, item, f"a temperature with its unit, e.g. '25 degC' "
                                  f"or '298.15 K' ({reason})") from None
        return _run_temperature(field, t, item)  # the simulation's range, NaN refused too

    if not isinstance(text, str):
        raise ValidationError(field, text, TEMPERATURES_ALLOWED)
    return comma_items(field, text, TEMPERATURES_ALLOWED, kelvin, optional=False)


def _parameters_at_each_temperature(design: Any, temps: np.ndarray,
                                    interface: dict[str, Any]) -> list[CellParameters]:
    """The design's parameters at each of ``temps`` (:func:`cell_parameters`, ~30 ms each),
    made before any solve so that a temperature the simulation or the design refuses
    (outside (150, 600) K, above a part's melting point) is refused first, naming its item
    (``temperatures[i]``); the sweep then solves these same parameters."""
    params = []
    for i, t in enumerate(temps):
        try:
            params.append(cell_parameters(design, temperature=float(t), **interface))
        except ValidationError as exc:
            if exc.field != "temperature":
                raise
            raise ValidationError(f"temperatures[{i}]", float(t), exc.allowed) from None
    return params


class SweepInputs(NamedTuple):
    """What :func:`sweep_inputs` checked and made before any solve of a temperature sweep."""

    temperatures_K: np.ndarray
    c_rate: float  # [1/h]
    base: CellParameters  # the design's parameters at its own temperature
    lumped: bool  # the lumped thermal model runs
    design: Any  # the design (read once from a file)
    parameters: list[CellParameters]  # at each temperature: what the sweep solves


def sweep_inputs(design: Any, temperatures: ArrayLike, c_rate: float = 1.0, *,
                 lower_cutoff: Any = None, mesh: str = "default", initial_soc: Any = None,
                 ocp_ends: str = "auto", thermal: str | None = None,
                 heat_transfer_coefficient: float | None = None,
                 interface_resistance: Any = None,
                 interface_resistance_activation_energy: Any = None,
                 interface_resistance_temperature: Any = None
                 ) -> SweepInputs:
    """The refusals :func:`temperature_sweep` makes before any solve, in its order: the
    temperatures [K], the C-rate, the design (e.g. a 3D architecture the 1D model cannot
    describe, naming ``architecture.kind``), the design at each temperature (outside the
    simulation's (150, 600) K or above a part's melting point, naming ``temperatures[i]``:
    :func:`_parameters_at_each_temperature`), the lower cut-off and initial state, the OCP
    ends, the thermal model and the mesh. Returns :class:`SweepInputs` (the design's
    parameters at each temperature are the ones the sweep solves). The dashboard checks a
    sweep with it before starting its job (as :func:`simulate_inputs` a simulation). The
    interface-resistance keywords as in :func:`temperature_sweep`."""
    from solidcell.checks import is_real, simulation_c_rate

    allowed = ("one or more temperatures in K (numbers, e.g. [273.15, 298.15]; "
               "convert '25 degC' with solidcell.units.parse)")
    if temperatures is None or isinstance(temperatures, str | bytes | dict):
        raise ValidationError("temperatures", temperatures, allowed)
    items = np.atleast_1d(np.asarray(temperatures, dtype=object))
    if items.ndim != 1 or items.size == 0 or not all(is_real(x) for x in items):
        raise ValidationError("temperatures", temperatures, allowed)
    temps = items.astype(float)
    for i, (t, typed) in enumerate(zip(temps, items, strict=True)):  # NaN, -5: the item, once
        _run_temperature(f"temperatures[{i}]", float(t), typed)
    c_rate = simulation_c_rate("c_rate", c_rate)  # rate_capability's range, named c_rate
    if isinstance(design, CellParameters):
        raise ValidationError("design", "CellParameters", "a temperature sweep needs a design "
                              "(its conductivities are re-evaluated at each temperature)")
    interface = {"interface_resistance": interface_resistance,
                 "interface_resistance_activation_energy": interface_resistance_activation_energy,
                 "interface_resistance_temperature": interface_resistance_temperature}
    from solidcell.cell.energy import as_design

    design = as_design(design)  # read once, for the checks at each temperature
    base = cell_parameters(design, **interface)
    each = _parameters_at_each_temperature(design, temps, interface)
    cut = _lower_cutoff(lower_cutoff, [base])  # the initial state refused before any solve
    _initial_state(base, initial_soc, base.default_voltage_limits_V[0] if cut is None else cut,
                   "initial_soc")
    from solidcell.simulation.pybamm_adapter import check_mesh, resolve_ocp_ends

    resolve_ocp_ends(base, ocp_ends)
    lumped = with_thermal(design, base, thermal, heat_transfer_coefficient).thermal is not None
    check_mesh(mesh)
    return SweepInputs(temps, float(c_rate), base, lumped, design, each)


def temperature_sweep(design: Any, temperatures: ArrayLike, c_rate: float = 1.0, *,
                      lower_cutoff: Any = None, mesh: str = "default",
                      initial_soc: Any = None,
                      progress: bool | Callable[[int, int], None] = False,
                      ocp_ends: str = "auto", thermal: str | None = None,
                      heat_transfer_coefficient: float | None = None,
                      interface_resistance: Any = None,
                      interface_resistance_activation_energy: Any = None,
                      interface_resistance_temperature: Any = None
                      ) -> TemperatureSweepResult:
    """Delivered capacity at ``c_rate`` at each temperature [K]: conductivities follow the
    knowledge base (Arrhenius), kinetics their sources' activation energies. ``thermal``
    and ``heat_transfer_coefficient`` as in :func:`simulate`: with "lumped" each temperature
    is the start and the ambient of a lumped run (the result's ``max_temperature_rise_K``).
    The model is rebuilt per temperature (the ionic conductivities are numbers in it, see
    :data:`solidcell.simulation.pybamm_adapter.NUMERIC_ALWAYS`). ``progress``: True shows a
    bar over the temperatures; a function ``progress(done, total)`` is called with 0 done
    before the first solve and after each temperature (the dashboard's job progress).
    ``initial_soc``: as in :func:`rate_capability` (a state of charge in [0, 1] or a
    voltage, "4.2 V"; default the charged end of the OCP data window); ``ocp_ends`` too (the
    wall's note, when it ran, is among the result's notes). Bad input is refused before any
    solve (:func:`sweep_inputs`). ``interface_resistance`` and its
    ``interface_resistance_activation_energy`` and ``interface_resistance_temperature`` as in
    :func:`cell_parameters`: with an activation energy (the keyword's, else the design's) the
    interface resistance follows each temperature by Arrhenius from its measuring temperature
    (default the design's temperature); without one it is held (a note says so).
    ``thermal="lumped"``: it starts each run at its value at that temperature and follows the
    cell temperature from there with an activation energy (held at the start value without
    one), as in :func:`simulate`."""
    from solidcell.checks import flag

    interface = {"interface_resistance": interface_resistance,
                 "interface_resistance_activation_energy": interface_resistance_activation_energy,
                 "interface_resistance_temperature": interface_resistance_temperature}

    report = progress if callable(progress) else None
    bar = report is None and flag("progress", progress)
    temps, c_rate, base, lumped, design, each = sweep_inputs(
        design, temperatures, c_rate, lower_cutoff=lower_cutoff, mesh=mesh,
        initial_soc=initial_soc, ocp_ends=ocp_ends, thermal=thermal,
        heat_transfer_coefficient=heat_transfer_coefficient, **interface)
    caps, ens, sig, r_int = [], [], [], []
    sources: list[str] = []
    notes: list[str] = []
    terms: list[str] = []
    rises: list[float] = []
    iterator: Any = temps
    if bar:
        from tqdm import tqdm

        iterator = tqdm(temps, desc="temperatures", unit="T")
    if report is not None:
        report(0, len(temps))
    for done, (_, at_t) in enumerate(zip(iterator, each, strict=True), 1):
        params = with_thermal(design, at_t, thermal, heat_transfer_coefficient)
        res = rate_capability(params, [c_rate], lower_cutoff=lower_cutoff, mesh=mesh,
                              initial_soc=initial_soc, ocp_ends=ocp_ends)
        if lumped:
            rises.append(float(res.max_temperature_rise_K[0]))
        caps.append(float(res.capacity_A_h[0]))
        ens.append(float(res.energy_W_h[0]))
        sig.append(params.separator_conductivity_S_m)
        r_int.append(params.interface_resistance_ohm_m2)
        sources += list(res.sources)
        notes += list(res.notes)  # e.g. a temperature outside the conductivity data
        terms += list(res.terminations)
        if report is not None:
            report(done, len(temps))
    return TemperatureSweepResult(
        name=base.name, c_rate=c_rate, temperature_K=temps,
        separator_conductivity_S_m=np.array(sig), capacity_A_h=np.array(caps),
        energy_W_h=np.array(ens), utilisable_capacity_A_h=base.capacity_A_h,
        sources=tuple(dict.fromkeys(sources)), notes=tuple(dict.fromkeys(notes)),
        terminations=tuple(terms), thermal="lumped" if lumped else "isothermal",
        max_temperature_rise_K=np.array(rises) if lumped else None,
        interface_resistance_ohm_m2=np.array(r_int), cells_in_series=base.cells_in_series)


def _rate_job(args: tuple[CellParameters, tuple[float, ...], float | None, str, dict[str, Any]]
              ) -> Any:
    params, rates, cut, mesh, start = args
    return rate_capability(params, rates, lower_cutoff=cut, mesh=mesh, **start)


def rate_capability_many(designs: Sequence[Any], c_rates: ArrayLike = DEFAULT_RATES, *,
                         lower_cutoff: Any = None, mesh: str = "default",
                         workers: int | None = None, scheduler: Any = None,
                         progress: bool = False, scheduler_timeout_s: float | None = None,
                         initial_soc: Any = None,
                         ocp_ends: str = "auto") -> list[RateCapabilityResult]:
    """PyBaMM rate capability of many designs, spread over processes (``workers``, default
    the number of cores) or over a Dask cluster (``scheduler``: a ``dask.distributed.Client``
    or its address ``tcp://host:8786``; a Client opened here from an address is closed at the
    end). ``scheduler_timeout_s``: how long to wait for the scheduler at that address to answer
    [s] (> 0, only with an address; None: Dask's setting ``distributed.comm.timeouts.connect``,
    see :mod:`solidcell.dask_adapter`). Designs of one structure share a built model inside
    each worker. ``progress``: a bar over the designs (over the rates for a single design;
    none on a Dask cluster). ``initial_soc``, ``ocp_ends``: as in :func:`rate_capability`,
    the same for every design ("auto" resolved per design; each result says which ran)."""
    import os

    from solidcell.cell.design import CellDesign
    from solidcell.checks import flag, is_integer, is_real
    from solidcell.simulation.fast import check_c_rates
    from solidcell.simulation.pybamm_adapter import check_mesh

    # everything is checked here: an error raised inside a worker process would come back as
    # a broken process pool, not as the ValidationError naming the argument
    if isinstance(designs, str | bytes | CellParameters | CellDesign | Mapping) \
            or hasattr(designs, "__fspath__") or not hasattr(designs, "__iter__"):
        raise ValidationError("designs", designs, "must be a list of designs (CellDesign, "
                              "YAML/JSON paths or text, mappings of a design's fields or "
                              "CellParameters)")
    if workers is not None and (not is_integer(workers) or workers < 1):
        raise ValidationError("workers", workers, "must be a whole number >= 1 (processes) "
                              "or None (the number of cores)")
    progress = flag("progress", progress)
    check_scheduler(scheduler, scheduler_timeout_s)
    check_mesh(mesh)
    params = [cell_parameters(as_cell(d, f"designs[{i}]")) for i, d in enumerate(designs)]
    rates = tuple(float(r) for r in check_c_rates("c_rates", c_rates))
    cut = _lower_cutoff(lower_cutoff, params)
    value = initial_soc
    if value is not None and not is_real(value):
        # a voltage travels to the workers as text in V (a pint Quantity may not pickle)
        value = f"{_quantity(value, 'voltage', 'initial_soc')!r} V"
    from solidcell.simulation.pybamm_adapter import resolve_ocp_ends

    for p in params:  # refused here, naming it, not inside a worker
        _initial_state(p, value, p.default_voltage_limits_V[0] if cut is None else cut)
        resolve_ocp_ends(p, ocp_ends)  # "auto" resolved per design in rate_capability
    start = {"initial_soc": value, "ocp_ends": ocp_ends}
    jobs = [(p, rates, cut, mesh, start) for p in params]
    if scheduler is not None:
        with connected(scheduler, scheduler_timeout_s) as client:
            futures = client.map(_rate_job, jobs, pure=False)
            return list(client.gather(futures))
    n = workers or os.cpu_count() or 1
    if progress and len(jobs) == 1:  # one design: the bar counts its rates, as rate_capability
        p, r, c, m, kw = jobs[0]
        return [rate_capability(p, r, lower_cutoff=c, mesh=m, progress=True, **kw)]
    if n <= 1 or len(jobs) <= 1:
        serial: Any = jobs
        if progress:  # one process: the bar counts designs all the same
            from tqdm import tqdm

            serial = tqdm(jobs, desc="designs", unit="design")
        return [_rate_job(j) for j in serial]
    with ProcessPoolExecutor(max_workers=n) as pool:
        results = pool.map(_rate_job, jobs)
        if progress:
            from tqdm import tqdm

            results = tqdm(results, total=len(jobs), desc="designs", unit="design")
        return list(results)
