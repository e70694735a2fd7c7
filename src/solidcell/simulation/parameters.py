"""The physical inputs of a cell simulation: a small typed set of SI floats with sources.

:class:`CellParameters` is what both simulators take (the PyBaMM adapter and the fast model).
Build it from a :class:`~solidcell.cell.design.CellDesign` with :func:`parameters_from_design`
or directly (tests, what-if studies). Conventions:

- the cathode is the *working* electrode; its electrolyte volume fraction is PyBaMM's
  "porosity" (pores that are empty hold no electrolyte and conduct nothing);
- the effective ionic conductivity of the composite is ``kappa eps^b`` (Bruggeman,
  ``bruggeman1935``, b = 1.5) or ``kappa eps / tau`` when a tortuosity factor is given;
- the effective electronic conductivity is ``sigma_am phi_am^1.5 (+ sigma_c phi_c^1.5)``
  (Bruggeman on each conducting solid, the paths in parallel);
- the separator is the dense solid electrolyte (porosity 1 in PyBaMM's sense: all of it
  conducts), with ``(1 - voids)^1.5`` when the design gives it voids;
- a solid electrolyte is a single-ion conductor (transference number 1), unless a user gives
  a binary salt's ``transference_number`` and ``salt_diffusivity_m2_s`` (DFN only); the salt
  then starts at ``salt_concentration_mol_m3``: the user's, else the polymer's own from its
  composition (:func:`polymer_salt_concentration_mol_m3`), else :data:`C_E`;
- stoichiometry limits are the range of the OCP data (never outside it).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal

from solidcell.chemistry.capacity import FARADAY
from solidcell.chemistry.transport import GAS_CONSTANT
from solidcell.chemistry.transport import interface_resistance_at as shared_interface_resistance_at
from solidcell.errors import UnsupportedError, ValidationError
from solidcell.reprs import concise_repr
from solidcell.simulation.ocp import OcpCurveData, active_material_table, ocp_for

#: Reference temperature of the kinetic and transport data [K].
T_REF = 298.15
#: Potential of the Li-In alloy (LiIn two-phase plateau) vs Li/Li+ [V] (santhosha2019).
LI_IN_POTENTIAL_V = 0.62
#: Bruggeman exponent for spheres (bruggeman1935).
BRUGGEMAN = 1.5
#: Lithium metal | electrolyte exchange-current density of Xu et al. (2019) evaluated at the
#: electrolyte concentration used here (1000 mol/m3) and c_Li = 1/V_Li with V_Li = 1.3e-5
#: m3/mol [A/m2]: j0 = 3.5e-8 F c_Li^0.7 c_e^0.3 (m_ref and V_Li, "Lithium metal partial molar
#: volume", as PyBaMM's Xu2019 parameter set gives them: xu2019, sulzer2021).
LI_METAL_J0_A_M2 = 3.5e-8 * FARADAY * (1 / 1.3e-5) ** 0.7 * 1000.0**0.3
#: Activation energy of the lithium-metal exchange current [J/mol]: 0.37 eV (x F), that of the
#: Li | Li6.25Al0.25La3Zr2O12 (garnet) interface resistance from temperature-dependent
#: impedance, fitted as ln(T / R) against 1/T (so j0 = RT / (F R) ~ exp(-E_a / RT) exactly), on
#: the Li | LLZO | Li data of Krauskopf et al. (2019) as Eckhardt et al. (2023) print it
#: (eckhardt2023). Measured on Li | garnet only: no other Li | solid-electrolyte value was read,
#: so it stands for every electrolyte. Xu2019's j0 holds at its 298.15 K (T_REF).
LI_METAL_J0_ACTIVATION_ENERGY_J_MOL = 0.37 * FARADAY
#: Nominal electrolyte concentration [mol/m3]; with transference number 1 it never changes,
#: it only enters the exchange-current expressions of the (liquid-electrolyte) sources (with a
#: binary salt, ``CellParameters.transference_number`` < 1, it is the initial concentration).
C_E = 1000.0
#: Cation transference number t0+ of PEO-LiTFSI measured at 85 degC over 742-2982 mol/m3 of salt
#: (edman2000_peo_litfsi, abstract): the range a salt-in-polymer electrolyte without its own
#: value is compared with in the single-ion note of :func:`parameters_from_design`.
PEO_LITFSI_TRANSFERENCE_RANGE = (0.17, 0.60)
#: Electrolyte classes whose ions move in a salt-in-polymer phase (both ions mobile): the
#: single-ion (t+ = 1) description leaves out their salt gradients (knowledge-base classes;
#: every ``composite`` entry there is a polymer with a ceramic filler).
SALT_IN_POLYMER_CLASSES = ("solid_polymer", "gel_polymer", "composite")
#: Molar mass [kg/mol] and measured molar volume at 298 K [m3/mol] of PEO's ethylene-oxide
#: repeat unit, -CH2CH2O-: 44.05 g/mol and 39.2 cm3/mol ("exp."; wypych2016_peo), so PEO's
#: density is their ratio, 1124 kg/m3.
EO_MOLAR_MASS_KG_MOL, EO_MOLAR_VOLUME_M3_MOL = 44.05e-3, 39.2e-6
#: Ether oxygens per lithium (EO:Li) of the knowledge base's PEO-salt electrolytes whose
#: composition its data give, with that source: ``peo_litfsi``'s conductivity series is PEO +
#: LiTFSI at EO:Li = 20 (mole fractions 0.952 / 0.0476; aenm2019_1900763, read in
#: bradford2023_polymer_electrolytes; the knowledge-base entry's comment).
PEO_SALT_EO_PER_LI: dict[str, tuple[float, str]] = {"peo_litfsi": (20.0, "aenm2019_1900763")}


def polymer_salt_concentration_mol_m3(eo_per_li: float) -> float:
    """Salt concentration of a PEO-salt electrolyte of ``eo_per_li`` ether oxygens per lithium
    [mol/m3]: one mole of salt per ``n`` moles of EO units, in their volume,
    ``c = rho_PEO / (n M_EO) = 1 / (n V_EO)`` (:data:`EO_MOLAR_VOLUME_M3_MOL`,
    wypych2016_peo). The salt's own volume is left out, so the mixture's concentration is at
    most this (EO:Li 20: 1276 mol/m3, inside the 742-2982 mol/m3 of edman2000_peo_litfsi's
    t0+ measurements)."""
    if isinstance(eo_per_li, bool) or not (_is_number(eo_per_li) and math.isfinite(eo_per_li)
                                           and eo_per_li > 0):
        raise ValidationError("eo_per_li", eo_per_li,
                              "a positive finite number of ether oxygens per lithium")
    density = EO_MOLAR_MASS_KG_MOL / EO_MOLAR_VOLUME_M3_MOL
    return density / (eo_per_li * EO_MOLAR_MASS_KG_MOL)

CounterKind = Literal["li_metal", "li_in", "anode_free"]


def arrhenius_exponent(activation_energy_J_mol: float, temperature_K: Any,
                       reference_K: Any = T_REF) -> Any:
    """``E_a / R (1/T_ref - 1/T)``: a property at ``temperature_K`` is its value at
    ``reference_K`` times ``exp(this)`` (Arrhenius). Plain arithmetic, so the temperatures may
    be floats, numpy arrays or PyBaMM symbols [K]."""
    return activation_energy_J_mol / GAS_CONSTANT * (1.0 / reference_K - 1.0 / temperature_K)


def solid_diffusivity_at(diffusivity_m2_s: Any, activation_energy_J_mol: float | None,
                         temperature_K: Any, reference_K: float = T_REF) -> Any:
    """A solid diffusivity measured at ``reference_K`` (default :data:`T_REF`) taken at
    ``temperature_K`` [m2/s]: ``D exp(E_D/R (1/T_ref - 1/T))`` (:func:`arrhenius_exponent`;
    the form of the activation energies' sources, PyBaMM's ORegan2022, Ai2020 and NCA_Kim2011
    sets, each from 298.15 K, the temperature of the table's D); ``D`` itself without an
    activation energy, and exactly ``D`` at ``reference_K``. The one rule of the simulation
    and of the energy model's diffusion C-rate limit (``cell.energy.active_diffusivity_at``);
    ``temperature_K`` may be a numpy array (a screen's swept temperatures)."""
    if activation_energy_J_mol is None:
        return diffusivity_m2_s
    x = arrhenius_exponent(activation_energy_J_mol, temperature_K, reference_K)
    if isinstance(x, float):
        return diffusivity_m2_s * math.exp(x)
    import numpy as np

    return diffusivity_m2_s * np.exp(x)


def diffusivity_activation_energy(material_id: str | None) -> tuple[float | None, str | None]:
    """(E_D [J/mol], its source) of the solid diffusivity of the active material
    ``material_id`` in the simulation's table (``active_materials.yaml``); (None, None) where
    the table gives none (the diffusivity is then constant in temperature)."""
    entry = active_material_table().get(material_id or "", {}).get(
        "diffusivity_activation_energy_J_mol")
    if entry is None:
        return None, None
    return float(entry["value"]), entry["source"]


#: A run's notes say how each solid diffusivity was taken at the cell's temperature when it
#: differs from :data:`T_REF` by more than this [K] (a threshold of wording, not of physics:
#: the factor is applied at every temperature).
DIFFUSIVITY_NOTE_MIN_OFFSET_K = 0.5


def solid_diffusivity_temperature_notes(materials: Any, temperature_K: float
                                        ) -> tuple[str, ...]:
    """The notes of a run at ``temperature_K`` on the solid diffusivities of the active
    ``materials`` (ids): taken at T by Arrhenius (:func:`solid_diffusivity_at`) where the
    simulation's data has an activation energy, constant where not; none within
    :data:`DIFFUSIVITY_NOTE_MIN_OFFSET_K` of :data:`T_REF`."""
    if abs(temperature_K - T_REF) <= DIFFUSIVITY_NOTE_MIN_OFFSET_K:
        return ()
    follow, constant = [], []
    for mid in dict.fromkeys(materials):
        entry = active_material_table().get(mid, {}).get("diffusivity_activation_energy_J_mol")
        if entry is None:
            constant.append(mid)
            continue
        e_d = float(entry["value"])
        factor = math.exp(arrhenius_exponent(e_d, temperature_K))
        follow.append(f"{mid} {e_d / 1e3:.4g} kJ/mol ({entry['source']}), x{factor:.4g}")
    notes = []
    if follow:
        notes.append(f"solid diffusivity at {temperature_K:g} K by Arrhenius from its value at "
                     f"{T_REF:g} K, D exp(E_D/R (1/{T_REF:g} K - 1/T)): {'; '.join(follow)}")
    if constant:
        notes.append(f"solid diffusivity of {', '.join(constant)} constant: its {T_REF:g} K "
                     f"value at {temperature_K:g} K too (no activation energy for it in the "
                     "simulation's data)")
    return tuple(notes)


def li_metal_arrhenius_exponent(temperature_K: Any) -> Any:
    """``E_a / R (1/T_REF - 1/T)`` of the lithium-metal exchange current (eckhardt2023):
    ``j0(T) = LI_METAL_J0_A_M2 exp(this)`` (:func:`arrhenius_exponent`)."""
    return arrhenius_exponent(LI_METAL_J0_ACTIVATION_ENERGY_J_MOL, temperature_K)


def li_metal_exchange_current_A_m2(temperature_K: float) -> float:
    """Lithium-metal exchange-current density at ``temperature_K`` [A/m2]: xu2019's at T_REF,
    Arrhenius with the Li | garnet interface's activation energy (eckhardt2023)."""
    return LI_METAL_J0_A_M2 * math.exp(li_metal_arrhenius_exponent(temperature_K))


def interface_resistance_at(resistance_ohm_m2: float, activation_energy_J_mol: float | None,
                            temperature_K: float, reference_K: float, *,
                            field: str = "interface_resistance_activation_energy") -> float:
    """An area-specific interface resistance measured at ``reference_K`` taken at
    ``temperature_K`` [Ohm m2]: ``R_ref exp(E_a/R (1/T - 1/T_ref))`` (Arrhenius, the form of
    the conductivities and of the Li | garnet interface resistance of eckhardt2023;
    :func:`arrhenius_exponent` with the sign of a resistance, which falls as T rises);
    ``R_ref`` itself without an activation energy or resistance, and exactly ``R_ref`` at
    ``reference_K``: :func:`solidcell.chemistry.transport.interface_resistance_at`, the one
    formula, which evaluate and the screens use too. A resistance beyond the largest float (a
    high E_a taken from a hot T_ref to a cold T) is refused: :class:`ValidationError` naming
    ``field`` and the E_a [eV]."""
    return shared_interface_resistance_at(resistance_ohm_m2, activation_energy_J_mol,
                                          temperature_K, reference_K, field=field)


def activation_energy_allowed() -> str:
    """What an interface resistance's activation energy may be, in words: the knowledge
    base's bounds of an activation energy (``PROPERTIES["activation_energy"]``)."""
    from solidcell.materials.schema import PROPERTIES

    top = PROPERTIES["activation_energy"].upper
    return (f"a finite activation energy from 0 to {top:g} eV (0 to {top * FARADAY / 1e3:.4g} "
            "kJ/mol; the knowledge base's bounds of an activation energy), e.g. '0.37 eV' or "
            "'35 kJ/mol'")


def check_activation_energy_eV(field: str, value_eV: Any, shown: Any = None) -> float:
    """``value_eV`` [eV] when it is a finite number within :func:`activation_energy_allowed`,
    else :class:`ValidationError` naming ``field`` and ``shown`` (the value as given; default
    ``value_eV``)."""
    from solidcell.materials.schema import PROPERTIES

    spec = PROPERTIES["activation_energy"]
    if isinstance(value_eV, bool) or not (_is_number(value_eV) and math.isfinite(value_eV)
                                          and spec.lower <= value_eV <= spec.upper):
        raise ValidationError(field, value_eV if shown is None else shown,
                              activation_energy_allowed())
    return float(value_eV)


def check_design_temperature_K(field: str, value: Any, shown: Any = None) -> float:
    """``value`` [K] when a design could be at it (the design's rule on its temperature: a
    measuring temperature, an item of a temperature sweep), else :class:`ValidationError`
    naming ``field`` and ``shown``."""
    from solidcell.cell.design import DESIGN_TEMPERATURE_ALLOWED, MAX_DESIGN_TEMPERATURE_K

    if isinstance(value, bool) or not (_is_number(value) and math.isfinite(value)
                                       and 0 < value < MAX_DESIGN_TEMPERATURE_K):
        raise ValidationError(field, value if shown is None else shown,
                              DESIGN_TEMPERATURE_ALLOWED)
    return float(value)


#: The temperatures a simulation runs at, open interval [K] (docs/simulation.md).
SIMULATION_TEMPERATURE_RANGE_K = (150.0, 600.0)


def check_simulation_temperature_K(value: Any) -> None:
    """Refuse a run's temperature outside :data:`SIMULATION_TEMPERATURE_RANGE_K`, (150, 600)
    K (ValidationError naming ``temperature_K``): the simulation's range, checked before any
    property is taken there (a diffusivity or an interface resistance by Arrhenius far from
    it)."""
    low, high = SIMULATION_TEMPERATURE_RANGE_K
    if not (_is_number(value) and math.isfinite(value) and low < value < high):
        raise ValidationError("temperature_K", value,
                              f"must lie in ({low:g}, {high:g}) K for the simulation")


def interface_temperature_note(resistance_ohm_m2: float, activation_energy_J_mol: float | None,
                               temperature_K: float, reference_K: float, *,
                               field: str = "interface_resistance_activation_energy"
                               ) -> str | None:
    """The note of a run at ``temperature_K`` on its interface resistance measured at
    ``reference_K``: taken at T by Arrhenius (:func:`interface_resistance_at`), or held at
    every temperature without an activation energy; None for no resistance or within
    :data:`DIFFUSIVITY_NOTE_MIN_OFFSET_K` of ``reference_K``."""
    if resistance_ohm_m2 <= 0 or abs(temperature_K - reference_K) <= \
            DIFFUSIVITY_NOTE_MIN_OFFSET_K:
        return None
    shown = f"{resistance_ohm_m2 * 1e4:.4g} Ohm cm2"
    if activation_energy_J_mol is None:
        return (f"interface resistance {shown} held at every temperature: no activation "
                f"energy given (its value at {reference_K:g} K; give "
                "interface_resistance_activation_energy to take it at the cell's temperature "
                "by Arrhenius)")
    at_t = interface_resistance_at(resistance_ohm_m2, activation_energy_J_mol, temperature_K,
                                   reference_K, field=field)
    return (f"interface resistance {shown} at {reference_K:g} K taken at {temperature_K:g} K "
            "by Arrhenius, R exp(E_a/R (1/T - 1/T_ref)) with the given E_a "
            f"{activation_energy_J_mol / FARADAY:.4g} eV "
            f"({activation_energy_J_mol / 1e3:.4g} kJ/mol): {at_t * 1e4:.4g} Ohm cm2")


@dataclass(frozen=True)
class ElectrodeParameters:
    """A composite (porous) electrode of active particles, solid electrolyte and additives."""

    material: str
    thickness_m: float
    active_volume_fraction: float
    electrolyte_volume_fraction: float
    particle_radius_m: float
    maximum_concentration_mol_m3: float
    diffusivity_m2_s: float
    electrolyte_conductivity_S_m: float
    electronic_conductivity_S_m: float  # effective, of the whole layer
    ocp: OcpCurveData
    exchange_current_m_ref: float
    exchange_current_activation_energy_J_mol: float
    tortuosity_factor: float | None = None  # None: Bruggeman, kappa eps^1.5
    #: activation energy of the solid diffusivity [J/mol] (``active_materials.yaml``): D was
    #: taken at the cell's temperature with it (:func:`solid_diffusivity_at`), and the lumped
    #: thermal model moves D from the start temperature with it
    #: (:func:`solid_diffusivity_notes`); None: none read, the diffusivity stays constant
    diffusivity_activation_energy_J_mol: float | None = None

    def __post_init__(self) -> None:
        _check_active_layer(self)
        e_d = self.diffusivity_activation_energy_J_mol
        if e_d is not None and not (_is_number(e_d) and math.isfinite(e_d) and e_d >= 0):
            raise ValidationError(f"{self.material}.diffusivity_activation_energy_J_mol", e_d,
                                  "None or a finite number >= 0 [J/mol]")
        _pos(f"{self.material}.particle_radius_m", self.particle_radius_m)
        prefix = f"{self.material}"
        for name in ("active_volume_fraction", "electrolyte_volume_fraction"):
            if not _is_number(getattr(self, name)):
                raise ValidationError(f"{prefix}.{name}", getattr(self, name),
                                      "must be a number in (0, 1)")
        if not 0 < self.active_volume_fraction < 1:
            raise ValidationError(f"{prefix}.active_volume_fraction",
                                  self.active_volume_fraction, "must lie in (0, 1)")
        if not 0 < self.electrolyte_volume_fraction < 1:
            raise ValidationError(
                f"{prefix}.electrolyte_volume_fraction", self.electrolyte_volume_fraction,
                "must lie in (0, 1): a composite electrode needs solid electrolyte to carry "
                "ions to its particles")
        if self.active_volume_fraction + self.electrolyte_volume_fraction > 1 + 1e-9:
            raise ValidationError(
                f"{prefix}.volume fractions",
                self.active_volume_fraction + self.electrolyte_volume_fraction,
                "active + electrolyte volume fractions must not exceed 1")
        _pos(f"{prefix}.electrolyte_conductivity_S_m", self.electrolyte_conductivity_S_m)
        if self.tortuosity_factor is not None and not (
                _is_number(self.tortuosity_factor) and math.isfinite(self.tortuosity_factor)
                and self.tortuosity_factor >= 1):
            raise ValidationError(f"{prefix}.tortuosity_factor", self.tortuosity_factor,
                                  "must be >= 1 (or None for Bruggeman)")

    @property
    def effective_ionic_conductivity_S_m(self) -> float:
        eps = self.electrolyte_volume_fraction
        if self.tortuosity_factor is None:
            return self.electrolyte_conductivity_S_m * eps**BRUGGEMAN
        return self.electrolyte_conductivity_S_m * eps / self.tortuosity_factor

    @property
    def capacity_per_stoichiometry_A_h_m2(self) -> float:
        """Charge per unit area for a stoichiometry change of 1 [A h/m2]."""
        return (FARADAY * self.maximum_concentration_mol_m3 * self.active_volume_fraction
                * self.thickness_m / 3600.0)

    @property
    def surface_area_m2_m3(self) -> float:
        """Active surface per layer volume a = 3 phi / r [1/m] (spheres)."""
        return 3.0 * self.active_volume_fraction / self.particle_radius_m


@dataclass(frozen=True)
class DenseFilmElectrode:
    """A dense film of active material (no solid electrolyte, no pores), e.g. a sputtered
    LiCoO2 thin-film cathode: lithium crosses it only by solid diffusion through its
    thickness (planar, 1D Cartesian), and reacts at its face on the electrolyte. Simulated by
    the thin-film model of :mod:`solidcell.simulation.pybamm_adapter`, not by the DFN."""

    material: str
    thickness_m: float
    maximum_concentration_mol_m3: float
    diffusivity_m2_s: float
    electronic_conductivity_S_m: float  # of the film (all active material)
    ocp: OcpCurveData
    exchange_current_m_ref: float
    exchange_current_activation_energy_J_mol: float

    def __post_init__(self) -> None:
        _check_active_layer(self)

    @property
    def active_volume_fraction(self) -> float:
        """1: the film is all active material."""
        return 1.0

    @property
    def electrolyte_volume_fraction(self) -> float:
        """0: no solid electrolyte in the film."""
        return 0.0

    @property
    def capacity_per_stoichiometry_A_h_m2(self) -> float:
        """Charge per unit area for a stoichiometry change of 1 [A h/m2]: F c_max L / 3600."""
        return FARADAY * self.maximum_concentration_mol_m3 * self.thickness_m / 3600.0

    @property
    def diffusion_time_s(self) -> float:
        """L^2 / D [s], the time scale of diffusion across the film."""
        return self.thickness_m**2 / self.diffusivity_m2_s


@dataclass(frozen=True)
class CounterElectrode:
    """A planar metal counter electrode: lithium metal, Li-In alloy, or plated lithium."""

    kind: CounterKind = "li_metal"

    def __post_init__(self) -> None:
        if self.kind not in ("li_metal", "li_in", "anode_free"):
            raise ValidationError("negative.kind", self.kind,
                                  "use 'li_metal', 'li_in' or 'anode_free'")

    @property
    def potential_V(self) -> float:
        return LI_IN_POTENTIAL_V if self.kind == "li_in" else 0.0


#: What ``thermal=`` of ``simulate`` / ``rate_capability`` takes: "isothermal" (default) or
#: "lumped" (PyBaMM's lumped thermal model, ``timms2021``: one cell temperature, Newton
#: cooling to the ambient temperature).
THERMAL_OPTIONS = ("isothermal", "lumped")


#: Temperatures at which :func:`conductivity_laws` tabulates ``conductivity_at`` for the
#: lumped thermal model: from the start temperature up by this span [K] in these steps [K]
#: (numerics, not data: between the nodes ln(sigma T) is linear in 1/T, as conductivity_at's
#: own piecewise Arrhenius; beyond the span PyBaMM extrapolates the last segment).
CONDUCTIVITY_TABLE_SPAN_K = 200.0
CONDUCTIVITY_TABLE_STEP_K = 0.5


@dataclass(frozen=True)
class ConductivityLaw:
    """The ionic conductivity of ``material`` as :func:`solidcell.chemistry.conductivity.
    conductivity_at` gives it, tabulated for PyBaMM: ``log_sigma_T`` = ln(sigma T) [sigma in
    S/m, T in K] at ``inverse_temperature_K`` [1/K] (ascending: the start temperature last)."""

    __repr__ = concise_repr  # the headline fields, not thousands of tabulated numbers

    material: str
    inverse_temperature_K: tuple[float, ...]
    log_sigma_T: tuple[float, ...]

    def ratio(self, temperature_K: Any) -> Any:
        """sigma(T) / sigma(start temperature), interpolated as PyBaMM does (NumPy)."""
        import numpy as np

        x, y = np.asarray(self.inverse_temperature_K), np.asarray(self.log_sigma_T)
        t = np.asarray(temperature_K, dtype=float)
        return np.exp(np.interp(1.0 / t, x, y) - y[-1]) / (t * x[-1])


@dataclass(frozen=True)
class ThermalParameters:
    """The inputs of PyBaMM's lumped thermal model (``thermal="lumped"``), SI:
    the heat transfer coefficient (the user's), the cooling surface and the cell volume
    (the design's geometry) and the heat capacity of the cell [J/K] (its layers' and its
    casing's masses times their Dulong-Petit specific heats, :func:`thermal_parameters`)."""

    __repr__ = concise_repr  # the headline fields, not thousands of tabulated numbers

    heat_transfer_coefficient_W_m2_K: float
    cooling_area_m2: float
    cell_volume_m3: float
    heat_capacity_J_K: float
    #: what ``heat_capacity_J_K`` holds, in words (the results' notes); parameters made by
    #: hand keep the default
    heat_capacity_note: str = "the stack's layers' masses x Dulong-Petit specific heats, " \
        "casing left out"
    #: (PyBaMM domain, law or None) of the electrolyte in each layer: with a law its
    #: conductivity follows the cell temperature (:func:`conductivity_laws`); None, or a layer
    #: not listed (parameters made by hand): the number at the start temperature
    conductivity_laws: tuple[tuple[str, ConductivityLaw | None], ...] = ()
    #: what :func:`conductivity_laws` said about them (the results' notes)
    conductivity_notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name, x in (("heat_transfer_coefficient", self.heat_transfer_coefficient_W_m2_K),
                        ("cooling_area_m2", self.cooling_area_m2),
                        ("cell_volume_m3", self.cell_volume_m3),
                        ("heat_capacity_J_K", self.heat_capacity_J_K)):
            if not (_is_number(x) and math.isfinite(x) and x > 0):
                raise ValidationError(name, x, "a number > 0 (finite, SI units)")
        check_cooling_in_range(self.heat_transfer_coefficient_W_m2_K, self.cooling_area_m2,
                               self.cell_volume_m3)

    @property
    def volumetric_heat_capacity_J_m3_K(self) -> float:
        """PyBaMM's "Cell heat capacity [J.K-1.m-3]": heat capacity over the cell volume."""
        return self.heat_capacity_J_K / self.cell_volume_m3


@dataclass(frozen=True)
class CellParameters:
    """Everything a simulation of one cell needs, SI floats (per the whole electrode area)."""

    __repr__ = concise_repr  # the headline fields, not thousands of tabulated numbers

    positive: ElectrodeParameters | DenseFilmElectrode
    negative: ElectrodeParameters | CounterElectrode
    separator_thickness_m: float
    separator_conductivity_S_m: float  # effective (voids included)
    interface_resistance_ohm_m2: float
    area_m2: float
    temperature_K: float
    name: str = "cell"
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    #: cells of a bipolar stack (``architecture.cells_in_series``); the model is one of them
    cells_in_series: int = 1
    #: cation transference number of the electrolyte (PyBaMM DFN only): 1 (default) is a
    #: single-ion conductor; below 1 the salt moves too (binary salt, thermodynamic factor 1)
    #: and ``salt_diffusivity_m2_s`` is required; at least the knowledge base's lower bound
    #: (``TRANSFERENCE_NUMBER_MIN``, -0.8 measured in PEO-LiTFSI). No design input sets them:
    #: a user gives measured values with ``dataclasses.replace`` (the knowledge base holds
    #: none for PEO-LiTFSI's salt diffusivity; docs/simulation.md).
    transference_number: float = 1.0
    #: salt diffusion coefficient of the electrolyte [m2/s] (effective in the composite as
    #: the conductivity: ``D eps / tau``); None with transference number 1
    salt_diffusivity_m2_s: float | None = None
    #: initial (uniform) salt concentration of a binary salt [mol/m3], used only with a
    #: transference number below 1 (:attr:`initial_salt_concentration_mol_m3`); None:
    #: :data:`C_E`. :func:`parameters_from_design` sets the polymer's own
    #: (:func:`polymer_salt_concentration_mol_m3`) where the knowledge base gives its
    #: composition (:data:`PEO_SALT_EO_PER_LI`)
    salt_concentration_mol_m3: float | None = None
    #: None: isothermal (the default); else the lumped thermal model's inputs
    #: (:func:`thermal_parameters`; PyBaMM DFN only)
    thermal: ThermalParameters | None = None
    #: activation energy of ``interface_resistance_ohm_m2`` [J/mol] (the design's
    #: ``interface_resistance_activation_energy_eV`` x F or the run's keyword): under the
    #: lumped thermal model the resistance follows the cell temperature from its value at
    #: ``temperature_K``, ``R exp(E_a/R (1/T - 1/T_start))``
    #: (:func:`interface_resistance_at`); None: held there. Isothermal runs do not read it
    #: (``interface_resistance_ohm_m2`` is already the value at ``temperature_K``)
    interface_resistance_activation_energy_J_mol: float | None = None

    def __post_init__(self) -> None:
        if self.thermal is not None and not isinstance(self.thermal, ThermalParameters):
            raise ValidationError("thermal", type(self.thermal).__name__,
                                  "None (isothermal) or ThermalParameters")
        if self.thermal is not None and isinstance(self.positive, DenseFilmElectrode):
            raise ValidationError("thermal", "lumped", "'isothermal' for a dense thin-film "
                                  "cathode (the lumped thermal model is PyBaMM's, for the DFN "
                                  "of a composite cathode; the thin-film model has none)")
        if isinstance(self.cells_in_series, bool) or not isinstance(
                self.cells_in_series, int) or self.cells_in_series < 1:
            raise ValidationError("cells_in_series", self.cells_in_series,
                                  "must be a whole number >= 1")
        _check_salt_transport(self)
        if not isinstance(self.positive, ElectrodeParameters | DenseFilmElectrode):
            raise ValidationError("positive", type(self.positive).__name__,
                                  "must be ElectrodeParameters (electrode_from_material) or "
                                  "DenseFilmElectrode (dense_film_from_material)")
        if not isinstance(self.negative, ElectrodeParameters | CounterElectrode):
            raise ValidationError("negative", type(self.negative).__name__,
                                  "must be ElectrodeParameters or CounterElectrode")
        if isinstance(self.positive, DenseFilmElectrode) and not isinstance(
                self.negative, CounterElectrode):
            raise UnsupportedError(
                "anode: a dense thin-film cathode is simulated against a planar metal counter "
                "electrode (li_metal, li_in or anode_free) only; the thin-film model has no "
                "composite negative electrode")
        _pos("separator.thickness_m", self.separator_thickness_m)
        _pos("separator conductivity [S.m-1]", self.separator_conductivity_S_m)
        _pos("area_m2", self.area_m2)
        if not (_is_number(self.interface_resistance_ohm_m2)
                and math.isfinite(self.interface_resistance_ohm_m2)
                and self.interface_resistance_ohm_m2 >= 0):
            raise ValidationError("interface_resistance_ohm_m2",
                                  self.interface_resistance_ohm_m2,
                                  "must be >= 0 Ohm m2 and finite")
        check_simulation_temperature_K(self.temperature_K)
        e_a = self.interface_resistance_activation_energy_J_mol
        if e_a is not None:
            field = "interface_resistance_activation_energy_J_mol"
            if isinstance(e_a, bool) or not _is_number(e_a):
                raise ValidationError(field, e_a, activation_energy_allowed())
            check_activation_energy_eV(field, e_a / FARADAY, e_a)

    # --- derived -------------------------------------------------------------------------
    @property
    def initial_salt_concentration_mol_m3(self) -> float:
        """The electrolyte's concentration at the start [mol/m3]: a binary salt's
        ``salt_concentration_mol_m3`` (when given), else :data:`C_E` (with transference
        number 1 the concentration never changes and enters only the kinetics)."""
        if self.transference_number == 1 or self.salt_concentration_mol_m3 is None:
            return C_E
        return float(self.salt_concentration_mol_m3)

    @property
    def half_cell(self) -> bool:
        return isinstance(self.negative, CounterElectrode)

    @property
    def dense_film(self) -> bool:
        """True when the cathode is a dense film (the thin-film model simulates it)."""
        return isinstance(self.positive, DenseFilmElectrode)

    @property
    def positive_window(self) -> tuple[float, float]:
        """(charged, discharged) stoichiometry of the cathode over the usable window."""
        p = self.positive
        q = self.capacity_A_h / self.area_m2
        return p.ocp.upper - q / p.capacity_per_stoichiometry_A_h_m2, p.ocp.upper

    @property
    def negative_window(self) -> tuple[float, float] | None:
        """(charged, discharged) stoichiometry of a composite anode, None for a metal."""
        if not isinstance(self.negative, ElectrodeParameters):
            return None
        n = self.negative
        q = self.capacity_A_h / self.area_m2
        return n.ocp.lower + q / n.capacity_per_stoichiometry_A_h_m2, n.ocp.lower

    @property
    def capacity_A_h(self) -> float:
        """Utilisable theoretical capacity [A h]: the OCP data window of the cathode (and of
        the anode, whichever holds less) times F c_max phi L A."""
        p = self.positive
        qp = p.capacity_per_stoichiometry_A_h_m2 * (p.ocp.upper - p.ocp.lower)
        if isinstance(self.negative, ElectrodeParameters):
            n = self.negative
            qn = n.capacity_per_stoichiometry_A_h_m2 * (n.ocp.upper - n.ocp.lower)
            qp = min(qp, qn)
        return qp * self.area_m2

    def open_circuit_voltage(self, depth: Any) -> Any:
        """Cell OCV [V] at depth of discharge ``depth`` in [0, 1] of the usable window."""
        import numpy as np

        d = np.clip(np.asarray(depth, float), 0.0, 1.0)
        s0, s1 = self.positive_window
        up = self.positive.ocp.evaluate(s0 + d * (s1 - s0))
        win = self.negative_window
        if win is None:
            return up - self.negative.potential_V  # type: ignore[union-attr]
        n0, n1 = win
        return up - self.negative.ocp.evaluate(n0 + d * (n1 - n0))  # type: ignore[union-attr]

    def initial_stoichiometries(self, soc: float = 1.0) -> tuple[float, float | None]:
        """(cathode, anode) stoichiometry at state of charge ``soc`` of the usable window (1:
        charged end, 0: discharged end; linear in the charge passed); anode None for a metal."""
        s_c, s_d = self.positive_window
        s_p = s_c + (1.0 - soc) * (s_d - s_c)
        win = self.negative_window
        return s_p, None if win is None else win[0] + (1.0 - soc) * (win[1] - win[0])

    def soc_at_open_circuit_voltage(self, voltage_V: float,
                                    field: str = "initial_soc") -> float:
        """State of charge of the usable window (0-1) that a charge at vanishing current from
        the discharged end reaches when the OCV first equals ``voltage_V``: the equilibrium
        OCV(d0) = V, d0 the largest depth with OCV(d0) >= V (on a plateau at V, its
        discharged end). Exact on the OCV of :meth:`open_circuit_voltage` (linear between the
        OCP data, so linear in depth between their points). Outside the OCV of the window
        (read from the OCP data): :class:`ValidationError` naming ``field``."""
        import numpy as np

        lo, hi = (float(v) for v in self.open_circuit_voltage([1.0, 0.0]))
        if not (isinstance(voltage_V, int | float) and math.isfinite(voltage_V)
                and lo <= voltage_V <= hi):
            raise ValidationError(field, voltage_V, (
                f"an open-circuit voltage from {lo:.4g} V to {hi:.4g} V, the OCV of {self.name} "
                "at the discharged and the charged end of its usable window (its OCP data)"))
        breaks = [np.array([0.0, 1.0])]
        for curve, (s0, s1) in ((self.positive.ocp, self.positive_window),
                                (getattr(self.negative, "ocp", None), self.negative_window
                                 or (0.0, 0.0))):
            if curve is not None and s1 != s0:
                breaks.append((curve.x - s0) / (s1 - s0))
        d = np.unique(np.clip(np.concatenate(breaks), 0.0, 1.0))
        v = np.asarray(self.open_circuit_voltage(d), float)
        k = int(np.nonzero(v >= voltage_V)[0][-1])
        if k == d.size - 1:
            return 0.0
        depth = d[k] + (v[k] - voltage_V) / (v[k] - v[k + 1]) * (d[k + 1] - d[k])
        return float(min(max(1.0 - depth, 0.0), 1.0))

    @property
    def default_voltage_limits_V(self) -> tuple[float, float]:
        """(lower, upper) cut-off: the OCV at the ends of the window, the lower one minus
        0.3 V (a convention of solidcell, stated in docs/simulation.md)."""
        v = self.open_circuit_voltage([0.0, 1.0])
        return float(v[1]) - 0.3, float(v[0])

    def with_changes(self, **changes: Any) -> CellParameters:
        """A copy with fields changed (the original is untouched); an unknown field name is a
        ValidationError naming it and the fields there are."""
        from dataclasses import fields

        known = [f.name for f in fields(self)]
        for name in changes:
            if name not in known:
                import difflib

                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise ValidationError(name, changes[name], f"unknown field of CellParameters; "
                                      f"{hint}fields: {', '.join(known)}")
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        p = self.positive
        out: dict[str, Any] = {
            "Name": self.name,
            # all the layers' (format.n_layers x width x height): evaluate's "Electrode area
            # [m2]" is one layer's, and the report showed 0.4 m2 beside evaluate's 0.02 m2
            "Electrode area, all layers [m2]": self.area_m2,
            "Temperature [K]": self.temperature_K,
            "Separator thickness [m]": self.separator_thickness_m,
            "Separator conductivity [S.m-1]": self.separator_conductivity_S_m,
            "Interface resistance [Ohm.m2]": self.interface_resistance_ohm_m2,
            **({"Interface resistance activation energy [J.mol-1]":
                self.interface_resistance_activation_energy_J_mol}
               if self.interface_resistance_activation_energy_J_mol is not None else {}),
            "Positive electrode material": p.material,
            "Positive electrode thickness [m]": p.thickness_m,
            "Positive electrode active material volume fraction": p.active_volume_fraction,
            "Positive electrode porosity": p.electrolyte_volume_fraction,
            **({"Positive particle radius [m]": p.particle_radius_m}
               if isinstance(p, ElectrodeParameters) else {}),
            "Positive particle diffusivity [m2.s-1]": p.diffusivity_m2_s,
            **({"Positive electrode effective ionic conductivity [S.m-1]":
                p.effective_ionic_conductivity_S_m} if isinstance(p, ElectrodeParameters)
               else {}),
            "Positive electrode conductivity [S.m-1]": p.electronic_conductivity_S_m,
            "Maximum concentration in positive electrode [mol.m-3]":
                p.maximum_concentration_mol_m3,
            "Negative electrode": (self.negative.kind if isinstance(
                self.negative, CounterElectrode) else self.negative.material),
            "Utilisable capacity [A.h]": self.capacity_A_h,
            "Positive electrode kind": "dense film" if self.dense_film else "composite",
            "sources": list(self.sources),
            "notes": list(self.notes),
        }
        return out


def _is_number(x: Any) -> bool:
    """A real number (int, float, NumPy number), not a bool or text."""
    from solidcell.checks import is_real

    return is_real(x)


def _check_active_layer(layer: Any) -> None:
    """The fields an active layer (composite electrode or dense film) shares, each > 0 (the
    exchange current's activation energy >= 0), named ``<material>.<field>``."""
    prefix = f"{layer.material}"
    for name in ("thickness_m", "maximum_concentration_mol_m3", "diffusivity_m2_s",
                 "electronic_conductivity_S_m", "exchange_current_m_ref"):
        _pos(f"{prefix}.{name}", getattr(layer, name))
    e_a = layer.exchange_current_activation_energy_J_mol
    if not (_is_number(e_a) and math.isfinite(e_a) and e_a >= 0):
        raise ValidationError(f"{prefix}.exchange_current_activation_energy_J_mol", e_a,
                              "must be a finite number >= 0 [J/mol] (0: no temperature "
                              "dependence)")


def _pos(name: str, x: float) -> None:
    if not (_is_number(x) and math.isfinite(x) and x > 0):
        raise ValidationError(name, x, "must be a finite number > 0")


# --- building electrodes from materials -------------------------------------------------


def electrode_from_material(
    material: Any, *, thickness_m: float, active_volume_fraction: float,
    electrolyte_volume_fraction: float, electrolyte_conductivity_S_m: float,
    particle_radius_m: float | None = None, carbon_volume_fraction: float = 0.0,
    carbon_conductivity_S_m: float | None = None, tortuosity_factor: float | None = None,
    where: str = "cathode", temperature_K: float = T_REF,
) -> tuple[ElectrodeParameters, tuple[str, ...]]:
    """An :class:`ElectrodeParameters` for ``material`` (id or Material) and its sources.

    Electrochemical data and the OCP curve come together from the bundled table
    (``simulation/data/active_materials.yaml``, ``ocp_curves.csv``), because the curve's
    stoichiometry is defined against that table's c_max. A material outside the table raises
    :class:`~solidcell.errors.UnsupportedError` naming what is missing. The solid diffusivity
    is taken at ``temperature_K`` [K] (default :data:`T_REF`, the table's own) by
    :func:`solid_diffusivity_at` with the table's activation energy, whose source is cited
    off T_REF; every model built from these parameters (DFN, fast, lumped from its start)
    reads that one D.
    """
    mid = material if isinstance(material, str) else getattr(material, "id", None)
    if not isinstance(mid, str):
        raise ValidationError(f"{where}.active_material", material,
                              "must be a material id (e.g. 'nmc811') or a Material")
    for name, value in (("carbon_volume_fraction", carbon_volume_fraction),
                        ("active_volume_fraction", active_volume_fraction),
                        ("electrolyte_volume_fraction", electrolyte_volume_fraction)):
        if not (_is_number(value) and 0 <= value < 1):
            raise ValidationError(f"{where}.{name}", value, "must be a number in [0, 1)")
    if active_volume_fraction + electrolyte_volume_fraction + carbon_volume_fraction > 1 + 1e-9:
        raise ValidationError(
            f"{where}.volume fractions",
            active_volume_fraction + electrolyte_volume_fraction + carbon_volume_fraction,
            "active + electrolyte + carbon volume fractions must not exceed 1")
    if carbon_conductivity_S_m is not None:
        _pos(f"{where}.carbon_conductivity_S_m", carbon_conductivity_S_m)
    _pos("temperature_K", temperature_K)
    table = _active_table(material, mid, where)
    # the bundled curve and c_max share one stoichiometry basis: use them together
    ocp = ocp_for(mid)
    sources: list[str] = [ocp.source]

    def val(key: str) -> float:
        entry = table[key]
        sources.append(entry["source"])
        return float(entry["value"])

    cmax = val("maximum_concentration_mol_m3")
    diff, e_d = _diffusivity_at(table, val("diffusivity_m2_s"), temperature_K, sources)
    radius = particle_radius_m if particle_radius_m is not None else val("particle_radius_m")
    sigma_am = val("electronic_conductivity_S_m")
    m_ref = val("exchange_current_m_ref")
    e_r = _exchange_current_activation_energy(table, temperature_K, sources)
    sigma_eff = sigma_am * active_volume_fraction**BRUGGEMAN
    sources.append("bruggeman1935")
    if carbon_volume_fraction > 0 and carbon_conductivity_S_m:
        sigma_eff += carbon_conductivity_S_m * carbon_volume_fraction**BRUGGEMAN
    electrode = ElectrodeParameters(
        material=mid, thickness_m=thickness_m, active_volume_fraction=active_volume_fraction,
        electrolyte_volume_fraction=electrolyte_volume_fraction, particle_radius_m=radius,
        maximum_concentration_mol_m3=cmax, diffusivity_m2_s=diff,
        electrolyte_conductivity_S_m=electrolyte_conductivity_S_m,
        electronic_conductivity_S_m=sigma_eff, ocp=ocp, exchange_current_m_ref=m_ref,
        exchange_current_activation_energy_J_mol=e_r, tortuosity_factor=tortuosity_factor,
        diffusivity_activation_energy_J_mol=e_d)
    return electrode, tuple(dict.fromkeys(sources))


def _diffusivity_at(table: dict[str, Any], diffusivity_m2_s: float, temperature_K: float,
                    sources: list[str]) -> tuple[float, float | None]:
    """(D at ``temperature_K``, its activation energy or None) of an active-material table
    entry whose D (measured at :data:`T_REF`) is ``diffusivity_m2_s``; the activation energy's
    source appended to ``sources`` when it moves D (T other than T_REF)."""
    entry = table.get("diffusivity_activation_energy_J_mol")
    e_d = None if entry is None else float(entry["value"])
    if e_d is not None and temperature_K != T_REF:
        sources.append(entry["source"])
    return solid_diffusivity_at(diffusivity_m2_s, e_d, temperature_K), e_d


def _exchange_current_activation_energy(table: dict[str, Any], temperature_K: float,
                                        sources: list[str]) -> float:
    """E_r [J/mol] of the exchange current of an active-material table entry; its source
    appended to ``sources`` when it moves j0 (T other than T_REF; a lumped thermal run cites
    it in ``runs``), as the diffusivity's activation energy."""
    entry = table["exchange_current_activation_energy_J_mol"]
    if temperature_K != T_REF:
        sources.append(entry["source"])
    return float(entry["value"])


def _active_table(material: Any, mid: str, where: str) -> dict[str, Any]:
    """The bundled kinetic and transport values of the active material ``mid`` (with their
    sources); UnsupportedError naming ``<where>.active_material`` when it has none."""
    table = active_material_table().get(mid)
    if table is None:
        ocp_for(material)  # says clearly when there is no OCP curve either
        raise UnsupportedError(
            f"{where}.active_material: {mid!r} has no exchange-current density, solid "
            "diffusivity and OCP set with a source in solidcell's active-material table "
            f"(simulation/data/active_materials.yaml: {', '.join(sorted(active_material_table()))}"
            "); it cannot be simulated without them")
    return table


def dense_film_from_material(material: Any, *, thickness_m: float, where: str = "cathode",
                             temperature_K: float = T_REF
                             ) -> tuple[DenseFilmElectrode, tuple[str, ...]]:
    """A :class:`DenseFilmElectrode` of ``material`` (id or Material) ``thickness_m`` thick and
    its sources: c_max, solid diffusivity, electronic conductivity, exchange current and OCP
    from the same bundled table as :func:`electrode_from_material` (the DFN's values; the
    solid diffusivity taken at ``temperature_K`` the same way)."""
    mid = material if isinstance(material, str) else getattr(material, "id", None)
    if not isinstance(mid, str):
        raise ValidationError(f"{where}.active_material", material,
                              "must be a material id (e.g. 'lco') or a Material")
    _pos("temperature_K", temperature_K)
    table = _active_table(material, mid, where)
    ocp = ocp_for(mid)  # the bundled curve shares its stoichiometry basis with c_max
    sources: list[str] = [ocp.source]

    def val(key: str) -> float:
        entry = table[key]
        sources.append(entry["source"])
        return float(entry["value"])

    film = DenseFilmElectrode(
        material=mid, thickness_m=thickness_m,
        maximum_concentration_mol_m3=val("maximum_concentration_mol_m3"),
        diffusivity_m2_s=_diffusivity_at(table, val("diffusivity_m2_s"), temperature_K,
                                         sources)[0],
        electronic_conductivity_S_m=val("electronic_conductivity_S_m"), ocp=ocp,
        exchange_current_m_ref=val("exchange_current_m_ref"),
        exchange_current_activation_energy_J_mol=_exchange_current_activation_energy(
            table, temperature_K, sources))
    return film, tuple(dict.fromkeys(sources))


#: A cathode without electrolyte is a dense film when its active volume fraction is 1 within
#: this tolerance (the rest would be pores or additives the thin-film model does not have).
DENSE_FILM_TOLERANCE = 1e-6


def parameters_from_design(
    design: Any, *, interface_resistance_ohm_m2: float | None = None,
    temperature_K: float | None = None, tortuosity_factor: float | None = None,
    resolved: Any = None, interface_resistance_activation_energy_J_mol: float | None = None,
    interface_resistance_temperature_K: float | None = None,
) -> CellParameters:
    """Map a :class:`~solidcell.cell.design.CellDesign` (or what
    :func:`~solidcell.cell.energy.as_design` reads as one) onto :class:`CellParameters`.

    ``interface_resistance_ohm_m2`` (area-specific, SI; "20 Ohm cm2" = 2e-3 Ohm m2): default
    the design's ``cathode_interface_resistance_ohm_m2 + anode_interface_resistance_ohm_m2``
    when positive, else the cathode coating's or the separator electrolyte's
    ``areal_resistance`` in the knowledge base, else 0 (stated in the notes).
    ``temperature_K`` overrides the design's temperature (conductivities follow by Arrhenius
    via :func:`solidcell.chemistry.conductivity.conductivity_at`).
    ``interface_resistance_activation_energy_J_mol`` (default the design's
    ``interface_resistance_activation_energy_eV`` x F) takes the interface resistance, measured
    at ``interface_resistance_temperature_K`` (default the design's field of that name, else
    the design's own temperature; a knowledge-base value at its own temperature, 298.15 K
    where it states none), to the run's temperature (:func:`interface_resistance_at`); without
    one it is held at every temperature (a note says so).
    ``resolved``: ``design.resolved()`` already made by the caller (the report), or None; one
    of another design (or of this one at a temperature other than ``temperature_K``) is
    refused (ValidationError naming ``resolved``).
    """
    from solidcell.cell.energy import as_design
    from solidcell.chemistry.conductivity import conductivity_at

    design = as_design(design)  # a path, YAML text or mapping of fields too, as evaluate's
    interface = _interface_inputs(design, interface_resistance_activation_energy_J_mol,
                                  interface_resistance_temperature_K)
    if temperature_K is not None:  # the design's own rule on its temperature, (0, 2000) K
        design = design.replace(temperature_K=temperature_K)
    if resolved is None:
        resolved = design.resolved()
    else:
        from solidcell.cell.energy import resolved_of

        resolved = resolved_of(design, resolved)
    d = resolved.design
    t = float(d.temperature_K)
    check_simulation_temperature_K(t)  # before anything is taken at t
    notes: list[str] = []
    # codata2018: the Faraday and gas constants of the electrode parameters
    sources: list[str] = ["doyle1993", "sulzer2021", "codata2018"]
    if d.architecture.kind not in ("planar", "thin_film", "bipolar"):
        raise UnsupportedError(
            f"architecture.kind: {d.architecture.kind!r} is a 3D architecture; the 1D "
            "(through-thickness) PyBaMM model and the fast model describe planar layers only")
    # separator
    sep_mat = resolved.separator_electrolyte
    computed: list[tuple[Any, Any]] = []

    def conductivity_of(material: Any) -> Any:
        """``conductivity_at(material, t)``, once per material of this design (the separator's
        electrolyte is often the composites' too)."""
        for known, result in computed:
            if known is material or known == material:
                return result
        computed.append((material, conductivity_at(material, t)))
        return computed[-1][1]

    sep = conductivity_of(sep_mat)
    sources += list(sep.sources)
    notes += list(getattr(sep, "warnings", ()))  # e.g. extrapolated beyond the data
    sigma_sep = float(sep.ionic_conductivity_S_m) * (1.0 - d.separator.porosity) ** BRUGGEMAN
    # cathode composite
    cat = resolved.cathode
    eps = cat.electrolyte_volume_fraction
    positive: ElectrodeParameters | DenseFilmElectrode
    if eps <= 0:
        if cat.active_volume_fraction < 1.0 - DENSE_FILM_TOLERANCE:
            raise UnsupportedError(
                f"cathode.electrolyte_fraction: {d.cathode.electrolyte_fraction!r} with an "
                f"active volume fraction of {cat.active_volume_fraction:.3g} (active_fraction "
                f"{d.cathode.active_fraction!r}, porosity {d.cathode.porosity!r}); a cathode "
                "without solid electrolyte is simulated only as a dense film of active "
                "material (active_fraction 1, porosity 0: the thin-film model); additives or "
                "pores without electrolyte are not described; give electrolyte_fraction > 0 "
                "or a dense film")
        if tortuosity_factor is not None:
            raise ValidationError("tortuosity_factor", tortuosity_factor,
                                  "applies to a composite cathode; this cathode is a dense "
                                  "film (no electrolyte)")
        positive, src = dense_film_from_material(
            cat.materials["active"], thickness_m=resolved.cathode_thickness_m, where="cathode",
            temperature_K=t)
        sources.remove("doyle1993")  # not the porous-electrode (DFN) model
        sources += list(src)
        notes.append("dense cathode film (no solid electrolyte in the cathode): simulated with "
                     "the thin-film model (planar solid diffusion across the film, "
                     "Butler-Volmer kinetics at both interfaces, ohmic solid electrolyte)")
        if d.anode.kind not in ("li_metal", "li_in", "anode_free"):
            raise UnsupportedError(
                f"anode.kind: {d.anode.kind!r}; a dense thin-film cathode is simulated against "
                "a planar metal counter electrode (li_metal, li_in or anode_free) only")
    else:
        tau = _tortuosity(tortuosity_factor, d.cathode.tortuosity_factor, "cathode", notes)
        positive, src = _composite_cathode(d, resolved, cat, eps, conductivity_of, tau,
                                           sources, notes)
        sources += list(src)
    electrolytes = [sep_mat] + ([cat.materials["electrolyte"]] if eps > 0 else [])
    _single_ion_notes(electrolytes, t, notes, sources)
    salt_c = _polymer_salt_concentration(electrolytes + (
        [resolved.anode.materials["electrolyte"]] if resolved.anode is not None
        and "electrolyte" in resolved.anode.materials else []), sources)
    # anode
    a = d.anode
    negative: ElectrodeParameters | CounterElectrode
    if a.kind in ("li_metal", "li_in"):
        negative = CounterElectrode(a.kind)
        sources += ["xu2019", "eckhardt2023"]
        if a.kind == "li_in":
            sources.append("santhosha2019")
            notes.append("Li-In anode: a planar counter electrode at 0.62 V vs Li/Li+ "
                         "(the LiIn plateau); its own kinetics taken as lithium metal's")
    elif a.kind == "anode_free":
        negative = CounterElectrode("anode_free")
        sources += ["xu2019", "eckhardt2023"]
        notes.append("anode-free: simulated after formation as a lithium-metal counter "
                     "electrode holding the plated lithium; nucleation, first-cycle loss and "
                     "plating morphology are not modelled (PyBaMM has no model of plating on a "
                     "bare collector)")
    else:
        layer = resolved.anode
        if layer is None or "electrolyte" not in layer.materials:
            raise ValidationError("anode.electrolyte_fraction", a.electrolyte_fraction,
                                  "a composite anode needs solid electrolyte (fraction > 0)")
        kn = conductivity_of(layer.materials["electrolyte"])
        sources += list(kn.sources)
        notes += list(getattr(kn, "warnings", ()))
        negative, src = electrode_from_material(
            layer.materials["active"], thickness_m=resolved.anode_thickness_m,
            active_volume_fraction=layer.active_volume_fraction,
            electrolyte_volume_fraction=layer.electrolyte_volume_fraction,
            electrolyte_conductivity_S_m=float(kn.ionic_conductivity_S_m),
            tortuosity_factor=_tortuosity(None, a.tortuosity_factor, "anode", notes),
            where="anode", temperature_K=t)
        sources += list(src)
    notes += solid_diffusivity_temperature_notes(
        [e.material for e in (positive, negative) if not isinstance(e, CounterElectrode)], t)
    # interface resistance: the option, else the design's, else the knowledge base's
    r_int = interface_resistance_ohm_m2
    e_a, ref_K = interface
    design_r = (getattr(d, "cathode_interface_resistance_ohm_m2", 0.0)
                + getattr(d, "anode_interface_resistance_ohm_m2", 0.0))
    if r_int is None and design_r > 0:
        r_int = design_r
        notes.append(f"interface resistance {r_int * 1e4:.3g} Ohm cm2 from the design "
                     "(cathode + anode interfaces)")
    if r_int is None:  # the materials' (the one rule of evaluate, cell.energy)
        from solidcell.cell.energy import (
            materials_interface_at,
            materials_interface_rule,
            materials_interface_source,
        )

        found = materials_interface_source(d, t)
        r_int = 0.0
        if found is not None and found.table is not None:
            table = replace(found.table, activation_energy_J_mol=e_a)
            r_int = materials_interface_at(table, t, field=(
                "interface_resistance_activation_energy_J_mol"
                if interface_resistance_activation_energy_J_mol is not None
                else "interface_resistance_activation_energy_eV"))
            ref_K = t  # taken at t by the materials' rule (no second Arrhenius below)
            sources += list(found.sources)
            notes.append(f"interface resistance from {found.where} ({found.material}'s "
                         f"areal_resistance): {materials_interface_rule(table, t)}")
            notes += _reference_not_used(design, interface_resistance_temperature_K,
                                         float(found.temperature_K or T_REF))
        else:
            notes.append("no interface resistance in the design or the knowledge base: "
                         "0 Ohm cm2")
    field = ("interface_resistance_activation_energy_J_mol"  # the keyword's, else the design's
             if interface_resistance_activation_energy_J_mol is not None
             else "interface_resistance_activation_energy_eV")
    note = interface_temperature_note(float(r_int), e_a, t, ref_K, field=field)
    notes += [note] if note else []
    r_int = interface_resistance_at(float(r_int), e_a, t, ref_K, field=field)
    area = _area(d)
    n_series = int(getattr(d.architecture, "cells_in_series", 1))
    if d.architecture.kind == "bipolar" and n_series > 1:
        notes.append(f"bipolar stack of {n_series} cells in series: simulated as one of its "
                     "cells (voltage, energy and voltage limits per cell); the package's "
                     f"voltage and energy are {n_series} times these, its capacity the same")
    if d.format.kind == "cylindrical":
        notes.append(f"cylindrical format: the electrode area is the jelly roll's, {area:.4g} "
                     "m2 (`solidcell evaluate`'s 'Electrode area': the can's roll volume over "
                     "the repeat unit's thickness)" if _roll_area(d) is not None else
                     "cylindrical format: results per 1 m2 of electrode (evaluate gives no "
                     "roll area for this design)")
    return CellParameters(
        positive=positive, negative=negative,
        separator_thickness_m=d.separator.thickness_m, separator_conductivity_S_m=sigma_sep,
        interface_resistance_ohm_m2=float(r_int), area_m2=area, temperature_K=t,
        name=d.name, sources=tuple(dict.fromkeys(sources)), notes=tuple(dict.fromkeys(notes)),
        cells_in_series=n_series if d.architecture.kind == "bipolar" else 1,
        salt_concentration_mol_m3=salt_c, interface_resistance_activation_energy_J_mol=e_a)


def _interface_inputs(design: Any, activation_energy_J_mol: float | None,
                      reference_K: float | None) -> tuple[float | None, float]:
    """(activation energy [J/mol] or None, reference temperature [K]) of the interface
    resistance of :func:`parameters_from_design`: the keywords, else the design's fields
    (``interface_resistance_activation_energy_eV`` x F, ``interface_resistance_temperature_K``),
    else none and the design's own temperature (taken before a run's ``temperature_K``)."""
    field = "interface_resistance_activation_energy_J_mol"
    if activation_energy_J_mol is not None:
        if isinstance(activation_energy_J_mol, bool) or not _is_number(activation_energy_J_mol):
            raise ValidationError(field, activation_energy_J_mol, activation_energy_allowed())
        check_activation_energy_eV(field, activation_energy_J_mol / FARADAY,
                                   activation_energy_J_mol)
    else:
        e_ev = getattr(design, "interface_resistance_activation_energy_eV", None)
        activation_energy_J_mol = None if e_ev is None else float(e_ev) * FARADAY
    if reference_K is not None:
        reference_K = check_design_temperature_K("interface_resistance_temperature_K",
                                                    reference_K)
    else:
        own = getattr(design, "interface_resistance_temperature_K", None)
        reference_K = float(design.temperature_K if own is None else own)
    return (None if activation_energy_J_mol is None else float(activation_energy_J_mol),
            reference_K)


def _reference_not_used(design: Any, given_K: float | None, own_K: float) -> list[str]:
    """The note of a measuring temperature given (the keyword ``given_K``, else the design's
    ``interface_resistance_temperature_K``) for a knowledge-base resistance, which keeps its
    own ``own_K``: none where none was given or it is within
    :data:`DIFFUSIVITY_NOTE_MIN_OFFSET_K` of ``own_K``."""
    given = getattr(design, "interface_resistance_temperature_K", None) if given_K is None \
        else given_K
    if given is None or abs(float(given) - own_K) <= DIFFUSIVITY_NOTE_MIN_OFFSET_K:
        return []
    whose = ("interface_resistance_temperature" if given_K is not None  # the keyword's
             else "the design's interface_resistance_temperature_K")
    return [f"{whose} {float(given):g} K not used: the knowledge "
            f"base's interface resistance keeps the temperature of its value, {own_K:g} K "
            "(give interface_resistance with the temperature it was measured at)"]


def _polymer_salt_concentration(materials: list[Any], sources: list[str]) -> float | None:
    """The salt concentration of the design's electrolyte [mol/m3] when every electrolyte in
    ``materials`` is the same PEO-salt entry of :data:`PEO_SALT_EO_PER_LI`
    (:func:`polymer_salt_concentration_mol_m3`; its sources appended to ``sources``), else
    None (the DFN has one initial concentration for the whole cell)."""
    ids = {getattr(m, "id", None) for m in materials}
    if len(ids) != 1 or next(iter(ids)) not in PEO_SALT_EO_PER_LI:
        return None
    eo_per_li, source = PEO_SALT_EO_PER_LI[next(iter(ids))]
    sources += [source, "wypych2016_peo"]
    return polymer_salt_concentration_mol_m3(eo_per_li)


def _check_salt_transport(p: CellParameters) -> None:
    """Refuse a transference number outside the knowledge base's bounds (the one rule,
    ``PROPERTIES["transference_number"]``: from the lowest t0+ measured in PEO-LiTFSI,
    :data:`~solidcell.materials.schema.TRANSFERENCE_NUMBER_MIN`, to 1), a missing/bad salt
    diffusivity or a salt concentration that is not positive and finite."""
    from solidcell.materials.schema import PROPERTIES

    t, spec = p.transference_number, PROPERTIES["transference_number"]
    if isinstance(t, bool) or not (_is_number(t) and math.isfinite(t)
                                   and spec.lower <= t <= spec.upper):
        raise ValidationError("transference_number", t,
                              f"a finite number from {spec.lower:g} to {spec.upper:g} "
                              f"({spec.bounds_source})")
    c = p.salt_concentration_mol_m3
    if c is not None and (isinstance(c, bool) or not (
            _is_number(c) and math.isfinite(c) and c >= sys.float_info.min)):
        raise ValidationError("salt_concentration_mol_m3", c,
                              "None or a positive finite number [mol/m3] (the binary salt's "
                              "initial concentration)")
    d = p.salt_diffusivity_m2_s
    if t == 1:
        if d is not None:
            raise ValidationError("salt_diffusivity_m2_s", d,
                                  "None with transference_number 1 (the salt does not move)")
        return
    # a subnormal float (5e-324) is 0 once scaled by eps / tau: PyBaMM raised a bare
    # ZeroDivisionError building the model
    if d is None or isinstance(d, bool) or not (
            _is_number(d) and math.isfinite(d) and d >= sys.float_info.min):
        raise ValidationError("salt_diffusivity_m2_s", d,
                              "a positive finite number [m2/s] when transference_number < 1 "
                              f"(a normal float, at least {sys.float_info.min:.3g})")
    if isinstance(p.positive, DenseFilmElectrode):
        raise UnsupportedError(
            "transference_number: the thin-film model's electrolyte is ohmic (single-ion); "
            "a transference number below 1 is simulated only with a composite cathode (DFN)")


def _single_ion_notes(materials: list[Any], temperature_K: float, notes: list[str],
                      sources: list[str]) -> None:
    """Add a note for each electrolyte in ``materials`` (once each) that the single-ion
    (transference number 1) description does not fit: one with a transference number below 1
    in the knowledge base, or of a salt-in-polymer class (:data:`SALT_IN_POLYMER_CLASSES`)
    without one, compared with PEO-LiTFSI's measured t0+ (edman2000_peo_litfsi)."""
    seen: list[Any] = []
    for m in materials:
        if any(m is s or m == s for s in seen):
            continue
        seen.append(m)
        name = getattr(m, "id", m)
        pv = m.get("transference_number", temperature_K) if hasattr(m, "get") else None
        if pv is not None and pv.value is not None:
            if pv.value >= 1:
                continue
            measured = f"its transference number in the knowledge base is {pv.value:g}"
            sources.append(pv.source)
        elif getattr(m, "electrolyte_class", None) in SALT_IN_POLYMER_CLASSES:
            lo, hi = PEO_LITFSI_TRANSFERENCE_RANGE
            measured = (f"a {m.electrolyte_class} electrolyte whose transference number the "
                        "knowledge base does not give; PEO-LiTFSI's measured t0+ is "
                        f"{lo:g}-{hi:g} at 85 degC")
            sources.append("edman2000_peo_litfsi")
        else:
            continue
        notes.append(
            f"electrolyte {name!r} simulated as a single-ion conductor (transference number "
            f"1), but {measured}: the anion carries part of the current, so the salt "
            "concentration gradients, their diffusion overpotential and the limiting current "
            "are not modelled and capacities at high rates are upper bounds (measured t+ "
            "and salt diffusivity can be given on CellParameters: transference_number, "
            "salt_diffusivity_m2_s)")


def _tortuosity(given: float | None, designed: float | None, layer: str,
                notes: list[str]) -> float | None:
    """The tortuosity factor of a composite ``layer``: the one ``given`` to the call, else the
    design's (``cathode.tortuosity_factor``, ``anode.tortuosity_factor``), else None
    (Bruggeman); which applied is added to ``notes``."""
    tau = designed if given is None else given
    if tau is not None:
        origin = "the design" if given is None else "the call"
        notes.append(f"{layer} composite: tortuosity factor {tau:g} from {origin} (effective "
                     "ionic conductivity kappa eps / tau instead of Bruggeman's kappa eps^1.5)")
    return tau


def _composite_cathode(d: Any, resolved: Any, cat: Any, eps: float,
                       conductivity_of: Callable[[Any], Any],
                       tortuosity_factor: float | None, sources: list[str],
                       notes: list[str]) -> tuple[ElectrodeParameters, tuple[str, ...]]:
    """The composite cathode of a design (appends the conductivity sources and warnings to
    ``sources`` and ``notes``); ``conductivity_of(material)``: ``conductivity_at`` of a
    material at the design's temperature (computed once per material by the caller)."""
    cat_el = cat.materials["electrolyte"]
    kappa = conductivity_of(cat_el)
    sources += list(kappa.sources)
    notes += list(getattr(kappa, "warnings", ()))
    carbon_sigma = None
    phi_c = cat.volume_fractions.get("carbon", 0.0)
    if phi_c > 0:
        cm = cat.materials["carbon"]
        pv = cm.get("electronic_conductivity")
        if pv is not None and pv.si is not None:
            carbon_sigma = pv.si
            sources.append(pv.source)
        else:
            notes.append(
                f"cathode carbon {getattr(cm, 'id', cm)!r} ({phi_c:.3g} of the layer by volume) "
                "has no electronic_conductivity in the knowledge base: the composite's "
                "electronic conductivity counts the active material only (sigma_am "
                "phi_am^1.5); give the carbon's conductivity as a material property to count it")
    return electrode_from_material(
        cat.materials["active"], thickness_m=resolved.cathode_thickness_m,
        active_volume_fraction=cat.active_volume_fraction, electrolyte_volume_fraction=eps,
        electrolyte_conductivity_S_m=float(kappa.ionic_conductivity_S_m),
        particle_radius_m=d.cathode.particle_radius_m, carbon_volume_fraction=phi_c,
        carbon_conductivity_S_m=carbon_sigma, tortuosity_factor=tortuosity_factor,
        where="cathode", temperature_K=float(d.temperature_K))


def _area(design: Any) -> float:
    """Electrode area of all layers [m2]: width x height x layers; a cylindrical cell's is
    its jelly roll's, ``evaluate``'s "Electrode area [m2]" (the can's roll volume over the
    repeat unit's thickness, the one rule of ``cell.energy``; before 2026-12-07 1 m2, so a
    21 x 70 mm can of 0.142 m2 simulated 47.6 A h against evaluate's 6.8 A h); 1 m2 where
    there is none to compute."""
    f = design.format
    if f.electrode_width_m is not None and f.electrode_height_m is not None:
        return float(f.electrode_width_m * f.electrode_height_m * f.n_layers)
    roll = _roll_area(design)
    return 1.0 if roll is None else roll


def _roll_area(design: Any) -> float | None:
    """A cylindrical design's jelly-roll electrode area [m2] as ``evaluate`` gives it, None
    for another format or where evaluate refuses the design."""
    from solidcell.errors import SolidcellError

    f = design.format
    if f.kind != "cylindrical" or f.diameter_m is None:
        return None
    from solidcell.cell.energy import evaluate

    try:
        area = float(evaluate(design).to_json()["Electrode area [m2]"])
    except (SolidcellError, KeyError, TypeError, ValueError):
        return None
    return area if math.isfinite(area) and area > 0 else None


def _layer_heat_capacity(layer: Any) -> float:
    """Mass-weighted Dulong-Petit specific heat of a resolved composite layer [J/(kg K)]
    (its constituents' volume fractions times densities as the weights)."""
    from solidcell.manufacturing.economics import dulong_petit_heat_capacity

    weights = {r: f * layer.densities_kg_m3[r] for r, f in layer.volume_fractions.items()}
    return sum(w * dulong_petit_heat_capacity(_formula(layer.materials[r], r))
               for r, w in weights.items()) / sum(weights.values())


def _formula(material: Any, where: str) -> str:
    formula = getattr(material, "formula", None)
    if not formula:
        raise UnsupportedError(
            f"thermal: {where} ({getattr(material, 'id', material)!r}) has no chemical "
            "formula in the knowledge base, so no Dulong-Petit heat capacity; use "
            "thermal='isothermal'")
    return str(formula)


def _metal_heat_capacity(ref: Any, where: str) -> float:
    from solidcell.manufacturing.economics import dulong_petit_heat_capacity
    from solidcell.materials import resolve

    return dulong_petit_heat_capacity(_formula(resolve(ref), where))


def casing_heat_capacity(design: Any, casing_mass_kg: float) -> tuple[float, str]:
    """(heat capacity [J/K], what it is in words) of ``design``'s casing of
    ``casing_mass_kg`` (``evaluate``'s "Casing mass [kg]" less ``format.tab_mass_kg``): the
    mass times the Dulong-Petit specific heat of ``format.casing_material``'s formula
    (:func:`solidcell.manufacturing.economics.dulong_petit_heat_capacity`, as the
    collectors'). 0 for a casing given only by ``casing_density_kg_m3`` (a laminate: the
    knowledge base holds no layers of it, so no specific heat) or of a material without a
    formula (e.g. ``polyimide``, ``ss_foil``): less heat capacity, a higher temperature
    rise. The tabs (``tab_mass_kg``, no material given) are left out too."""
    from solidcell.manufacturing.economics import dulong_petit_heat_capacity
    from solidcell.materials import resolve

    f = design.format
    tabs = (f", tabs ({f.tab_mass_kg * 1e3:.4g} g, no material given) left out"
            if f.tab_mass_kg > 0 else "")
    if not casing_mass_kg > 0:
        return 0.0, f"no casing{tabs}"
    grams = f"{casing_mass_kg * 1e3:.4g} g"
    if f.casing_material is None:
        return 0.0, (f"casing ({grams}, density {f.casing_density_kg_m3:g} kg/m3, no material "
                     f"of the knowledge base, so no specific heat) left out{tabs}")
    material = resolve(f.casing_material)
    formula = getattr(material, "formula", None)
    if not formula:
        return 0.0, (f"casing {material.id} ({grams}) left out: no formula in the knowledge "
                     f"base, so no Dulong-Petit specific heat{tabs}")
    cp = dulong_petit_heat_capacity(str(formula))
    return casing_mass_kg * cp, (f"casing {material.id} {grams} x {cp:.4g} J/(kg K) "
                                 f"(Dulong-Petit of {formula}){tabs}")


def conductivity_laws(resolved: Any, temperature_K: float
                      ) -> tuple[tuple[tuple[str, ConductivityLaw | None], ...], tuple[str, ...]]:
    """(PyBaMM domain, :class:`ConductivityLaw` or None) of the separator's and the composite
    layers' electrolytes of a resolved design, and notes saying which follow the temperature.

    Each law is :func:`solidcell.chemistry.conductivity.conductivity_at` itself (its Arrhenius
    law: activation energy, ``arrhenius_form``, reference temperature, or its piecewise data)
    evaluated from ``temperature_K`` up by :data:`CONDUCTIVITY_TABLE_SPAN_K`; where it cannot
    extrapolate (one value and no activation energy) the layer keeps its start value (None).
    The active materials' solid diffusivities: :func:`solid_diffusivity_notes`."""
    layers = [("separator", resolved.separator_electrolyte)]
    if resolved.cathode.electrolyte_volume_fraction > 0:
        layers.append(("positive electrode", resolved.cathode.materials["electrolyte"]))
    if resolved.anode is not None and "electrolyte" in resolved.anode.materials:
        layers.append(("negative electrode", resolved.anode.materials["electrolyte"]))
    laws: list[tuple[str, ConductivityLaw | None]] = []
    follow: list[str] = []
    notes: list[str] = []
    for domain, material in layers:
        law, why = _conductivity_law(material, temperature_K)
        laws.append((domain, law))
        name = getattr(material, "id", material)
        if law is not None:
            follow.append(f"{domain} ({name})")
        else:
            notes.append(f"lumped thermal model: the {domain}'s electrolyte ({name}) keeps its "
                         f"conductivity at the start temperature: {why}")
    if follow:
        notes.insert(0, "lumped thermal model: the electrolyte conductivity of the "
                     f"{', '.join(follow)} follows the cell temperature by conductivity_at "
                     "(the knowledge base's Arrhenius law; porosity and tortuosity as at the "
                     "start)")
    return tuple(laws), tuple(notes)


def thermal_electrodes(params: CellParameters) -> tuple[tuple[str, ElectrodeParameters], ...]:
    """(PyBaMM's "Positive"/"Negative", electrode) of the composite electrodes of ``params``."""
    pairs = (("Positive", params.positive), ("Negative", params.negative))
    return tuple((d, e) for d, e in pairs if isinstance(e, ElectrodeParameters))


def solid_diffusivity_factor(electrode: ElectrodeParameters, temperature_K: Any,
                             start_K: Any) -> Any:
    """D(T) / D(T_start) of ``electrode``'s active material under the lumped thermal model:
    ``exp(E_D / R (1/T_start - 1/T))`` (:func:`arrhenius_exponent`; NumPy), 1 without an
    activation energy. The electrode's D is already the one at the start temperature (the
    table's, measured at 298.15 K, moved there by :func:`solid_diffusivity_at`), so a lumped
    run starts where the isothermal one at that temperature does."""
    import numpy as np

    e_d = electrode.diffusivity_activation_energy_J_mol
    t = np.asarray(temperature_K, dtype=float)
    if e_d is None:
        return np.ones_like(t)
    return np.exp(arrhenius_exponent(e_d, t, start_K))


def solid_diffusivity_notes(params: CellParameters) -> tuple[str, ...]:
    """What the lumped thermal model does with each active material's solid diffusivity
    (none when isothermal)."""
    if params.thermal is None:
        return ()
    follow, constant = [], []
    for _, e in thermal_electrodes(params):
        e_d = e.diffusivity_activation_energy_J_mol
        if e_d is None:
            constant.append(e.material)
        else:
            follow.append(f"{e.material} {e_d / 1e3:.4g} kJ/mol")
    notes = []
    if follow:
        notes.append("lumped thermal model: the solid diffusivity of "
                     f"{', '.join(follow)} follows the cell temperature by Arrhenius, "
                     "exp(E_D/R (1/T_start - 1/T)) times its value at the start (the "
                     "isothermal model's at that temperature)")
    if constant:
        notes.append("lumped thermal model: the solid diffusivity of "
                     f"{', '.join(constant)} stays at its value (no activation energy for it "
                     "in the simulation's data)")
    return tuple(notes)


def _conductivity_law(material: Any, temperature_K: float) -> tuple[ConductivityLaw | None, str]:
    """``conductivity_at(material, T)`` tabulated from ``temperature_K`` up, or (None, why)."""
    import numpy as np

    from solidcell.chemistry.conductivity import conductivity_at
    from solidcell.materials.schema import MAX_TEMPERATURE_K

    top = min(temperature_K + CONDUCTIVITY_TABLE_SPAN_K, MAX_TEMPERATURE_K)
    n = max(round((top - temperature_K) / CONDUCTIVITY_TABLE_STEP_K), 1)
    temps = temperature_K + CONDUCTIVITY_TABLE_STEP_K * np.arange(n + 1)
    temps = temps[temps <= MAX_TEMPERATURE_K]
    if temps.size < 2:
        return None, f"{temperature_K:g} K is at the top of the temperatures allowed"
    try:
        sigma = conductivity_at(material, temps).ionic_conductivity_S_m
    except ValidationError as exc:
        return None, f"{exc.allowed}"
    ln_st = np.log(sigma * temps)
    return ConductivityLaw(str(getattr(material, "id", material)),
                           tuple(float(x) for x in (1.0 / temps)[::-1]),
                           tuple(float(y) for y in ln_st[::-1])), ""


def check_cooling_in_range(h: float, area_m2: float, volume_m3: float) -> None:
    """Refuse a heat transfer coefficient ``h`` [W/(m2 K)] whose cooling PyBaMM cannot
    evaluate: its lumped model's cooling ``-h A (T - T_amb) / V`` [W/m3] has the term
    ``h (A/V) T``, which must stay below the largest float up to 600 K, the simulation's
    highest temperature (:func:`check_simulation_temperature_K`). Measured on the EV example
    (A/V = 509.3 1/m, 298.15 K): PyBaMM warns of an overflow from h = 1.18e303 = float max /
    (A/V x 298.15 K) and the solve fails from 1.15e303 (IDA_BAD_K, blamed on another input);
    up to 1e303 it gives the isothermal run's limit. ValidationError naming
    ``heat_transfer_coefficient``."""
    t_max = SIMULATION_TEMPERATURE_RANGE_K[1]  # K: check_simulation_temperature_K's
    top = sys.float_info.max / (area_m2 / volume_m3 * t_max)
    if h > top:
        raise ValidationError(
            "heat_transfer_coefficient", h,
            f"at most {top:.4g} W/(m2 K) for this cell: PyBaMM's lumped model cools it by "
            f"h A (T - T_ambient) / V, whose term h (A/V) T must stay below the largest float "
            f"({sys.float_info.max:.4g}) up to {t_max:g} K, the simulation's highest "
            f"temperature (A = {area_m2:.4g} m2, V = {volume_m3:.4g} m3); a cell cooled that "
            "well stays at the ambient temperature: run it isothermal")


def thermal_parameters(design: Any, heat_transfer_coefficient: Any,
                       temperature_K: float | None = None) -> ThermalParameters:
    """The lumped thermal model's inputs for ``design`` (a CellDesign):

    - ``heat_transfer_coefficient`` [W/(m2 K)], the user's (no default: it depends on the
      cooling, not on the cell); missing or not > 0: ValidationError naming it;
    - cooling area: the stack's two faces, ``2 x electrode_width x electrode_height`` (edges,
      seal and headspace neglected);
    - cell volume: :func:`solidcell.cell.energy.evaluate`'s "Volume [m3]" of the cell;
    - heat capacity [J/K]: the electrode area (all layers) times the sum over the stack's
      layers of ``evaluate``'s areal mass times the layer's specific heat by Dulong-Petit
      (``3 R N / M`` of its formula, :func:`solidcell.manufacturing.economics.
      dulong_petit_heat_capacity`; composites mass-weighted over their constituents; the two
      collectors weighted by their thickness x density), plus the casing's
      (:func:`casing_heat_capacity`: ``evaluate``'s casing mass less the tabs times the
      Dulong-Petit specific heat of ``casing_material``; a laminate given only by its
      density, a material without a formula and the tabs are left out: less heat capacity,
      so a higher temperature rise; so is a thin film's substrate, and the note says so);

    - the electrolytes' conductivity laws (:func:`conductivity_laws`) from ``temperature_K``
      (default the design's), the start temperature of the run.

    A cylindrical cell (no electrode dimensions) or a bipolar stack of several cells (the
    model is one of them) is refused (ValidationError naming ``thermal``). ``design``: what
    :func:`~solidcell.cell.energy.as_design` reads as one (a path, YAML text, a mapping)."""
    from solidcell.cell.energy import as_design, evaluate

    design = as_design(design)
    h = heat_transfer_coefficient
    if h is None or isinstance(h, bool) or not (_is_number(h) and math.isfinite(h) and h > 0):
        raise ValidationError("heat_transfer_coefficient", h,
                              "required with thermal='lumped': a number > 0 in W/(m2 K) "
                              "(the cell's total heat transfer coefficient to ambient)")
    f = design.format
    if f.electrode_width_m is None or f.electrode_height_m is None:
        raise ValidationError("thermal", "lumped", "'isothermal' for a cell without electrode "
                              "width and height (a cylindrical format): no cooling area")
    if design.architecture.kind == "bipolar" and design.architecture.cells_in_series > 1:
        raise ValidationError("thermal", "lumped", "'isothermal' for a bipolar stack of "
                              "several cells (the model is one of its cells)")
    resolved = design.resolved()
    ev = evaluate(design).to_json()
    cp_cat = _layer_heat_capacity(resolved.cathode)
    cp_sep = _metal_heat_capacity(resolved.separator_electrolyte, "separator.electrolyte")
    if resolved.anode is not None and len(resolved.anode.materials) > 1:
        cp_an = _layer_heat_capacity(resolved.anode)
    else:
        cp_an = _metal_heat_capacity(design.anode.material_ref, "anode.material")
    cc = [(design.cathode_current_collector, resolved.cathode_collector_density_kg_m3),
          (design.anode_current_collector, resolved.anode_collector_density_kg_m3)]
    w = [c.thickness_m * rho for c, rho in cc]
    cp_cc = sum(wi * _metal_heat_capacity(c.material, "current collector")
                for wi, (c, _) in zip(w, cc, strict=True)) / sum(w)
    per_area = (ev["Cathode areal mass [kg.m-2]"] * cp_cat
                + ev["Separator areal mass [kg.m-2]"] * cp_sep
                + ev["Anode areal mass [kg.m-2]"] * cp_an
                + ev["Current collector areal mass [kg.m-2]"] * cp_cc)
    if ev.get("Electrolyte filling areal mass [kg.m-2]"):
        raise ValidationError("thermal", "lumped", "'isothermal' for a cell with an "
                              "electrolyte filling (no heat capacity for it)")
    laws, notes = conductivity_laws(resolved, float(
        design.temperature_K if temperature_K is None else temperature_K))
    c_case, case_note = casing_heat_capacity(
        design, float(ev["Casing mass [kg]"]) - f.tab_mass_kg)
    stack = float(per_area * _area(design))
    substrate_kg = float(ev.get("Substrate mass [kg]") or 0.0)  # a thin film's: not counted
    if substrate_kg > 0:
        case_note += (f", substrate ({substrate_kg * 1e3:.4g} g) left out: less heat capacity, "
                      "a higher temperature rise")
    return ThermalParameters(
        heat_transfer_coefficient_W_m2_K=float(h),
        cooling_area_m2=2.0 * f.electrode_width_m * f.electrode_height_m,
        cell_volume_m3=float(ev["cell"]["Volume [m3]"]),
        heat_capacity_J_K=stack + c_case,
        heat_capacity_note=f"the stack's layers' masses x Dulong-Petit specific heats, "
                           f"{stack:.4g} J/K; {case_note}",
        conductivity_laws=laws, conductivity_notes=notes)
