"""Compatibility of electrolytes with electrodes, buffer layers, and a design's interfaces.

For an electrolyte E and an electrode D operating over [V_lo, V_hi] (vs Li/Li+):

1. **stable**: E's stability window contains [V_lo, V_hi] (Zhu, He & Mo 2015; Richards et al.
   2016).
2. Otherwise, at each violated end the equilibrium products of E held at that potential are
   computed (:func:`solidcell.interfaces.stability.equilibrium_at`). The pair is **kinetically
   limited** when (a) every product is an electronic insulator, so the interphase passivates
   (Zhu, He & Mo 2015; Wenzel et al. 2016: Li3PS4 at Li gives Li2S + Li3P, insulators, while
   Li10GeP2S12 also gives Li-Ge alloy, an electronic conductor, and keeps reacting), or (b) the
   decomposition energy is at most :data:`SMALL_DRIVING_FORCE` (garnet LLZO at lithium:
   Zhu, He & Mo 2015 explain its observed stability by the small reduction driving force).
3. It is **unstable** when neither holds, or when E reacts chemically with D (closed system,
   reaction energy below :data:`CHEMICAL_LIMIT`; Richards et al. 2016, Zhu et al. 2016; a
   lithium alloy electrode such as LiIn, a lithium reservoir like Li metal, is mixed open to
   Li at its own potential instead, see :func:`_electrode_reaction`). For
   an unstable pair each buffer layer of :data:`~solidcell.interfaces.phases.
   BUFFER_LAYERS` is checked: its own window (or passivation) over [V_lo, V_hi] and its
   chemical reaction energy with E and with D (Richards et al. 2016 screened coatings the same
   way) must be above :data:`CHEMICAL_LIMIT`.

The two thresholds are solidcell conventions (bibliography key
``solidcell_interface_conventions``), stated in docs/interfaces.md, not fitted to data.
Electronic character of products: a product with no anion-forming element (N, P, O, S, Se, F,
Cl, Br, I) is a metal or alloy (electronic conductor); so is a compound of a single metal whose
formal oxidation state (anions at -3, -2 or -1) lies below the lowest positive state the metal
takes in ICSD compounds (pymatgen's ``icsd_oxidation_states``): its metal is not fully ionised,
as in the suboxides Ti6O and Zr4O and the metal-rich phosphide Ti3P. The metallic monoxides
listed in :data:`METALLIC_COMPOUNDS` are conductors too; every other product is treated as an
electronic insulator. With this rule LATP at lithium is unstable (Ti3P), as Table 1 of the
review states ("unstable against Li metal"). Hydrogen counts as an anion-former (hydride,
-1) in this rule only (:data:`HYDRIDE_CHARGE`): before, LiH, H2, BH3 and the closo-borate
Li2B12H12 had no anion-former and were taken for metals, so LiBH4 oxidising to BH3 + H2 and
Na2B10H10 to Na2B12H12 were "unstable", although the metal borohydrides have band gaps above
5 eV (Lu & Ciucci 2017) and a closo-borate electrolyte stays unreduced at a sodium anode
(Deysher et al. 2022).
The rule cannot tell a metallic hydride of a transition metal from a saline one; no curated
material holds hydrogen.
Where the electronic conduction of an interphase phase was measured, the measurement
overrides the rule (:data:`MEASURED_CONDUCTION`, each with its bib key and what was read):
Na3P, an insulator by the rule, is the mixed conductor of the Na2S + Na3P interphase of
Na3PS4 at sodium (Deysher et al. 2022), so that interphase is judged to keep growing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Any, ParamSpec, TypeVar

from solidcell.checks import flag, is_real
from solidcell.errors import NotFoundError, SolidcellError, ValidationError
from solidcell.interfaces.energies import (
    DEFAULT_SCHEME,
    NotCoveredError,
    check_scheme,
    composition_of,
)
from solidcell.interfaces.phases import BUFFER_LAYERS, PHASES, electrodes, electrolytes
from solidcell.interfaces.reactivity import REACTION_SCHEME, interface_reaction
from solidcell.interfaces.stability import StabilityWindow, equilibrium_at, stability_window
from solidcell.reprs import concise_repr

#: decomposition energies down to this [eV/atom] count as a small driving force (convention)
SMALL_DRIVING_FORCE = -0.02
#: buffer-layer reaction energies above this [eV/atom] count as compatible (convention)
CHEMICAL_LIMIT = -0.15
#: formal charge of each anion-forming element, as a positive number of electrons taken
ANION_CHARGE = {"N": 3, "P": 3, "O": 2, "S": 2, "Se": 2, "F": 1, "Cl": 1, "Br": 1, "I": 1}
ANION_ELEMENTS = frozenset(ANION_CHARGE)
#: hydride H- for :func:`is_electronic_conductor` only (module docstring); not in
#: :data:`ANION_ELEMENTS`, which also says that an elemental anion-former beside an
#: elemental metal means missing compounds (H2 may coexist with a metal that forms no
#: hydride in the energy data)
HYDRIDE_CHARGE = {"H": 1}
METALLIC_COMPOUNDS = frozenset({"Zr3O", "Zr4O", "Zr2O", "Ti3O", "Ti2O", "TiO", "NbO"})


@dataclass(frozen=True)
class MeasuredConduction:
    """Measured electronic character of an interphase phase (overrides the composition rule)."""

    character: str  # e.g. "mixed conductor" (electrons and ions), "electronic insulator"
    electronic: bool  # conducts electrons: an interphase holding it keeps growing
    source: str  # bib key
    read: str  # what was read in the source


#: interphase phases whose electronic conduction was measured, by reduced formula; every
#: other phase is judged by the composition rule (:func:`conductor_by_composition`)
MEASURED_CONDUCTION: dict[str, MeasuredConduction] = {
    "Na3P": MeasuredConduction(
        "mixed conductor", True, "deysher2022_na_anode",
        "Na3PS4 mixed with Na metal is reduced to Na2S + Na3P (XPS, XRD); DC polarization: "
        "electronic conductivity up about two orders, attributed to Na3P (Na2S an electronic "
        "insulator), 'the main electronic and ionic conductor' of a mixed-conducting "
        "interphase that 'may continue to grow after each cycle' (10 um after one cycle)"),
}
CONVENTION = "solidcell_interface_conventions"
STATUS_ORDER = {"stable": 0, "kinetically limited": 1, "unstable": 2, "not covered": 3}


@dataclass(frozen=True)
class PotentialRange:
    """Operating potential range of an electrode [V vs Li/Li+] and where it comes from."""

    low_V: float
    high_V: float
    basis: str
    sources: tuple[str, ...]


def electrode_range(electrode: str) -> PotentialRange:
    """Operating potentials of ``electrode`` from the knowledge base.

    Cut-off voltages when given; else the span of its open-circuit potential curve; else its
    average voltage (a single point). Lithium metal is 0 V by definition. Read from the
    materials database (a user's measurement or own material of that id counts) once per
    version of it and once per :func:`_reads_once` call (:func:`_per_version`): a warm
    compatibility matrix spent 70 % of its time reading the same electrodes again.
    """
    if not isinstance(electrode, str):  # an array: "truth value ... is ambiguous"
        raise ValidationError("electrode", electrode,
                              f"a knowledge-base electrode id: {', '.join(electrodes())}")
    if electrode == "li_metal":
        return PotentialRange(0.0, 0.0, "Li/Li+ reference electrode", ())
    return _per_version(_read_range, electrode)


def _read_range(electrode: str) -> PotentialRange:
    """:func:`electrode_range` of ``electrode`` (not Li metal) as the database holds it now."""
    from solidcell.materials import get

    try:
        mat = get(electrode)
    except NotFoundError:
        raise ValidationError("electrode", electrode,
                              f"use a knowledge-base electrode id: {', '.join(electrodes())}"
                              ) from None
    lo, hi = mat.get("lower_cutoff_voltage"), mat.get("upper_cutoff_voltage")
    if lo is not None and hi is not None and lo.si is not None and hi.si is not None:
        return PotentialRange(lo.si, hi.si, "cut-off voltages", (lo.source, hi.source))
    if mat.ocp is not None:
        v = mat.ocp.voltage
        return PotentialRange(float(min(v)), float(max(v)), "span of the OCP curve",
                              (mat.ocp.source,))
    avg = mat.get("average_voltage")
    if avg is not None and avg.si is not None:
        return PotentialRange(avg.si, avg.si, "average voltage", (avg.source,))
    raise NotCoveredError(f"{electrode}: the knowledge base gives no potential "
                          "(cut-offs, OCP curve or average voltage)")


@lru_cache(maxsize=1024)
def measured_conduction(formula: str) -> MeasuredConduction | None:
    """The measured electronic character of ``formula`` (:data:`MEASURED_CONDUCTION`, matched
    by reduced formula), or None where none was measured (cached: a pure function of the
    text and the fixed table)."""
    from pymatgen.core import Composition

    reduced = Composition(composition_of(formula)).reduced_formula
    return MEASURED_CONDUCTION.get(reduced)


def is_electronic_conductor(formula: str) -> bool:
    """Whether ``formula`` conducts electrons: its measured character where one is stored
    (:data:`MEASURED_CONDUCTION`: Na3P, a mixed conductor), else the composition rule
    (:func:`conductor_by_composition`)."""
    measured = measured_conduction(formula)
    if measured is not None:
        return measured.electronic
    return conductor_by_composition(formula)


def conductor_by_composition(formula: str) -> bool:
    """The composition rule: True for metals, alloys, metal-rich suboxides and phosphides, and
    the metallic monoxides (see the module docstring); hydrogen counts as hydride (LiH, H2,
    Li2B12H12: insulators)."""
    if formula in METALLIC_COMPOUNDS:
        return True
    comp = composition_of(formula)
    charges = {**ANION_CHARGE, **HYDRIDE_CHARGE}
    anions = set(comp) & set(charges)
    if not anions:
        return True
    metals = set(comp) - anions
    if len(metals) != 1:
        return False
    from pymatgen.core import Element

    metal = metals.pop()
    charge = sum(charges[a] * comp[a] for a in anions) / comp[metal]
    states = [s for s in Element(metal).icsd_oxidation_states if s > 0]
    return bool(states) and charge < min(states) - 1e-9


@lru_cache(maxsize=1024)
def _conductor(formula: str) -> bool:
    """:func:`is_electronic_conductor` of a product formula, once per process (a pure function
    of the text: a warm matrix parsed the same products at every side check)."""
    return is_electronic_conductor(formula)


#: Within one :func:`_reads_once` call, what was read of the materials database: per id,
#: :func:`_data_key`; per (reader, id), :func:`_per_version`; the database's URL and version
#: (else None)
_READ: ContextVar[dict[Any, Any] | None] = ContextVar("compat_read", default=None)
_P = ParamSpec("_P")
_R = TypeVar("_R")
_DB = ("database URL and version",)  # the key of :func:`_db_state` in _READ


def _reads_once(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """``fn`` with what :func:`_data_key` reads of each id (the materials database's formula
    of a user's material) read once per call, also by the calls it makes: one analysis sees
    one state of the database, and a user's material costs one look-up (~0.1 ms), not one at
    each cached window and reaction (a warm matrix row of a user's electrolyte took 3x the
    time it took when the caches were keyed by the id alone)."""

    @wraps(fn)
    def once(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if _READ.get() is not None:
            return fn(*args, **kwargs)
        token = _READ.set({})
        try:
            return fn(*args, **kwargs)
        finally:
            _READ.reset(token)

    return once


def _once(key: Any, read: Callable[[], _R]) -> _R:
    """``read()``, once per :func:`_reads_once` call and ``key`` (each time outside one; an
    error is not kept)."""
    memo = _READ.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _db_state() -> tuple[str, Any] | None:
    """The materials database's URL and :func:`~solidcell.materials.store.database_version`
    (None where it is not known: a database in memory), once per :func:`_reads_once` call;
    None where the store refuses the URL (``SOLIDCELL_DB``)."""

    def read() -> tuple[str, Any] | None:
        from solidcell.materials.store import database_version, default_url

        try:
            url = default_url()
        except ValidationError:  # a SOLIDCELL_DB the store refuses: the analysis says so
            return None
        return url, database_version(url)

    return _once(_DB, read)


def _per_version(read: Callable[[str], _R], name: str) -> _R:
    """``read(name)`` as the materials database holds it now: once per version of the
    database (with its URL), afresh where the version is not known (a database in memory,
    a URL the store refuses), and once per :func:`_reads_once` call (as :func:`_data_key`).
    ``read`` must return an immutable value: it is shared by the calls."""

    def now() -> _R:
        state = _db_state()
        if state is None or state[1] is None:
            return read(name)
        return _versioned(read, *state, name)

    return _once((read, name), now)


@lru_cache(maxsize=1024)
def _versioned(read: Callable[[str], Any], url: str, version: Any, name: str) -> Any:
    """:func:`_per_version`'s cache; ``url`` and ``version`` are keys only."""
    return read(name)


def _data_key(material: Any) -> tuple[Any, ...] | None:
    """What the analyses read of ``material`` beyond its name (:func:`~solidcell.interfaces.
    stability.resolve_target`), a key of the pair caches: None for a curated phase
    (:data:`PHASES`, fixed for the process) and for a formula; for another id, the formula
    and mobile ion the materials database holds for it now (a user's material, whose formula
    may change within a process: keyed by the id alone, the caches served the old formula's
    window, reactions and verdict). Those are read once per version of the database
    (:func:`~solidcell.materials.store.database_version`, with its URL), afresh where that
    version is not known (a database in memory), and once per :func:`_reads_once` call."""
    if not isinstance(material, str):
        return None
    name = material.strip()
    if name in PHASES or not name[:1].islower():
        return None
    return _once(name, lambda: _stored_key(name))


def _stored_key(name: str) -> tuple[Any, ...] | None:
    """:func:`_data_key` of the id ``name`` of no curated phase (~0.1 ms: the database's
    URL and version, once per :func:`_reads_once` call)."""
    state = _db_state()
    if state is None:
        return None
    url, version = state
    if version is None:
        return _stored_data.__wrapped__(url, None, name)
    return _stored_data(url, version, name)


@lru_cache(maxsize=1024)
def _stored_data(url: str, version: Any, name: str) -> tuple[Any, ...] | None:
    """(formula, mobile ion) of the material ``name`` of the database at ``url`` and
    ``version`` (keys only); None where there is none (the analysis raises the error)."""
    from solidcell.materials import get

    try:
        material = get(name)
    except SolidcellError:
        return None
    return material.formula, material.mobile_ion


def _window(material: str, scheme: str) -> StabilityWindow:
    return _window_of(material, scheme, _data_key(material))


@lru_cache(maxsize=256)
def _window_of(material: str, scheme: str, data: Any) -> StabilityWindow:
    """:func:`_window`; ``data`` (:func:`_data_key`) is a key of the cache only."""
    return stability_window(material, scheme=scheme)


def shipped_window(material: str, scheme: str = DEFAULT_SCHEME) -> StabilityWindow:
    """``stability_window(material, scheme=scheme)`` on the shipped data, computed once per
    process and material as the materials database holds it (:func:`clear_caches` forgets
    it): the HTML report's stability section asks for the windows of the design's
    electrolytes, whose pair checks here asked for them too."""
    return _window(material, scheme)


def _equilibrium(material: str, potential: float, scheme: str
                 ) -> tuple[tuple[tuple[str, float], ...], float]:
    return _equilibrium_of(material, potential, scheme, _data_key(material))


@lru_cache(maxsize=1024)
def _equilibrium_of(material: str, potential: float, scheme: str, data: Any
                    ) -> tuple[tuple[tuple[str, float], ...], float]:
    return equilibrium_at(material, potential, scheme=scheme)


def _reaction_energy(a: str, b: str) -> float:
    """Most negative closed reaction energy of ``a | b`` [eV/atom] (cached per pair and
    what :func:`_data_key` reads of each)."""
    return _reaction(a, b)[0]


def _reaction(a: str, b: str) -> tuple[float, tuple[str, ...]]:
    """(most negative closed reaction energy of ``a | b`` [eV/atom], the equilibrium phases
    of the mixture at that ratio; () where nothing reacts), cached as
    :func:`_reaction_energy`."""
    return _reaction_of(a, b, _data_key(a), _data_key(b))


def _energy_and_products(r: Any) -> tuple[float, tuple[str, ...]]:
    """(most negative energy, product formulas) of an :class:`~solidcell.interfaces.
    reactivity.InterfaceReaction`."""
    return r.most_negative_energy_eV_atom, tuple(f for f, _ in r.products)


@lru_cache(maxsize=1024)
def _reaction_of(a: str, b: str, data_a: Any, data_b: Any) -> tuple[float, tuple[str, ...]]:
    return _energy_and_products(interface_reaction(
        a, b, scheme=_reaction_scheme_of(a, b, data_a, data_b), points=21))


def reaction_scheme(a: str, b: str) -> str:
    """Energy scheme of the closed reaction of ``a | b``: :data:`REACTION_SCHEME`
    (``mp2019-legacy``, whose corrections are consistent across mixed S/O systems), except for
    a pair whose elements hold S and no O, which takes ``zhu2015``: there the legacy sulfide
    correction (-0.66346 eV per S atom of every compound with S and no O) went to polysulfides
    and S-halides such as LiS4 and SCl but not to elemental sulfur, so every sulfide or halide
    electrolyte "reacted chemically" with a sulfur cathode (Li6PS5Cl | S -0.217 eV/atom,
    products LiS4 + SCl + P2S7; Li3InCl6 | S -0.153), while zhu2015, with no S compound
    corrected, finds no reaction, and Li6PS5Cl/S/C composite cathodes cycle
    (zheng2021_lpscl_sulfur). Without O the zhu2015 energies mix no corrected and uncorrected
    anions (the reason reactions take mp2019-legacy); every other curated pair with S and no
    O gets the same energy in both schemes to 0.002 eV/atom (docs/interfaces.md)."""
    return _reaction_scheme_of(a, b, _data_key(a), _data_key(b))


@lru_cache(maxsize=1024)
def _reaction_scheme_of(a: str, b: str, data_a: Any, data_b: Any) -> str:
    """:func:`reaction_scheme`, cached per pair and what :func:`_data_key` reads of each (the
    check's reason text asks for it on every call: a warm compatibility matrix took 3 to 8
    times as long while it resolved both materials each time)."""
    from solidcell.interfaces.stability import resolve_target

    elements: set[str] = set()
    for name in (a, b):
        elements |= set(composition_of(resolve_target(name).formula))
    return "zhu2015" if "S" in elements and "O" not in elements else REACTION_SCHEME


def _open_reaction(a: str, b: str, potential: float) -> tuple[float, tuple[str, ...]]:
    """:func:`_reaction` open to Li at ``potential`` [V] (the products without Li's
    reservoir)."""
    return _open_reaction_of(a, b, potential, _data_key(a), _data_key(b))


@lru_cache(maxsize=1024)
def _open_reaction_of(a: str, b: str, potential: float, data_a: Any, data_b: Any
                      ) -> tuple[float, tuple[str, ...]]:
    return _energy_and_products(interface_reaction(a, b, scheme=REACTION_SCHEME, points=21,
                                                   potential_V=potential))


def clear_caches() -> None:
    """Forget the cached windows, equilibria and reaction energies of the pairs, the
    materials database's formulas they were keyed by and the electrodes' potential ranges
    (so that a benchmark or a test recomputes them)."""
    for cached in (_window_of, _equilibrium_of, _reaction_of, _reaction_scheme_of,
                   _open_reaction_of, _stored_data, _versioned, _lithium_reservoir,
                   _conductor):
        cached.cache_clear()


@lru_cache(maxsize=256)
def _lithium_reservoir(electrode: str) -> bool:
    """Li metal and lithium alloys (Li and no anion-forming element: LiIn, which holds the
    LiIn/In plateau): a reservoir of lithium at a fixed potential, whose reaction with a
    neighbour is largely lithium transfer, i.e. the reduction the side check judges."""
    phase = PHASES.get(electrode)
    if phase is None or phase.formula is None:
        return False
    comp = composition_of(phase.formula)
    return "Li" in comp and not set(comp) & ANION_ELEMENTS


def _how_scheme(material: str, electrode: str, how: str) -> str:
    """The scheme :func:`_electrode_reaction` used (an open reaction: REACTION_SCHEME)."""
    return reaction_scheme(material, electrode) if how == "closed system" else REACTION_SCHEME


def _electrode_reaction(material: str, electrode: str, rng: PotentialRange
                        ) -> tuple[float, str, tuple[str, ...]]:
    """Chemical reaction energy of ``material`` with ``electrode``, how it was computed and
    its products (the equilibrium phases of the mixture at the most negative reaction energy;
    () where nothing reacts): closed for hosts and cathodes (Richards et al. 2016); open to Li
    at the electrode's potential for a lithium reservoir (a closed mix would count the Li
    transfer, the reduction already judged at that potential, a second time: Li6PS5Cl | LiIn
    -0.28 eV/atom closed, 0 open at 0.62 V); nothing for Li metal, whose reaction is the
    reduction at 0 V."""
    if electrode == "li_metal":
        return 0.0, "lithium metal: the reduction at 0 V", ()
    if _lithium_reservoir(electrode):
        energy, products = _open_reaction(material, electrode, round(rng.low_V, 6))
        return energy, f"open to Li at {rng.low_V:.2f} V, a lithium reservoir", products
    energy, products = _reaction(material, electrode)
    return energy, "closed system", products


@dataclass(frozen=True)
class SideCheck:
    """What happens at one end (reduction or oxidation) of an electrode's range, or in the
    chemical reaction with the electrode (side ``"chemical"``)."""

    side: str
    potential_V: float
    #: reduction, oxidation: the electrolyte's equilibrium phases at ``potential_V``;
    #: chemical: those of its mixture with the electrode at the most negative reaction energy
    #: (:func:`~solidcell.interfaces.reactivity.interface_reaction`'s products)
    products: tuple[str, ...]
    decomposition_energy_eV_atom: float
    status: str
    reason: str
    sources: tuple[str, ...] = ()  # of the measured characters the verdict used


def _side(material: str, side: str, potential: float, scheme: str) -> SideCheck:
    products, energy = _equilibrium(material, round(potential, 6), scheme)
    names = tuple(f for f, _ in products)
    if energy >= SMALL_DRIVING_FORCE:
        return SideCheck(side, potential, names, energy, "kinetically limited",
                         f"small driving force ({energy:.3f} eV/atom >= "
                         f"{SMALL_DRIVING_FORCE} eV/atom) to {' + '.join(names)}")
    measured = {f: m for f in names if (m := measured_conduction(f)) is not None}
    sources = tuple(dict.fromkeys(m.source for m in measured.values()))

    def named(f: str) -> str:  # a measured character is named with its source
        m = measured.get(f)
        return f if m is None else f"{f} (measured {m.character}, {m.source})"

    conductors = [named(f) for f in names if _conductor(f)]
    if not conductors:
        return SideCheck(side, potential, names, energy, "kinetically limited",
                         f"{side} products {' + '.join(map(named, names))} are electronic "
                         "insulators: a passivating interphase", sources)
    return SideCheck(side, potential, names, energy, "unstable",
                     f"{side} products include electronic conductor(s) "
                     f"{', '.join(conductors)}: the interphase keeps growing "
                     f"({energy:.3f} eV/atom)", sources)


@dataclass(frozen=True)
class BufferCheck:
    """A buffer layer between an electrolyte and an electrode."""

    coating: str
    window_V: tuple[float, float]
    at_electrode: str  # "stable", "kinetically limited" or "unstable"
    reaction_with_electrolyte_eV_atom: float
    reaction_with_electrode_eV_atom: float
    fixes: bool
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "Coating": self.coating,
            "Reduction limit [V]": self.window_V[0],
            "Oxidation limit [V]": self.window_V[1],
            "At electrode potentials": self.at_electrode,
            "Reaction energy with electrolyte [eV.atom-1]":
                self.reaction_with_electrolyte_eV_atom,
            "Reaction energy with electrode [eV.atom-1]": self.reaction_with_electrode_eV_atom,
            "Fixes the interface": self.fixes,
            "Reason": self.reason,
        }


@dataclass(frozen=True)
class PairCompatibility:
    """Verdict for one electrolyte | electrode pair."""

    __repr__ = concise_repr

    electrolyte: str
    electrode: str
    status: str
    reason: str
    electrode_range_V: tuple[float, float] | None
    window_V: tuple[float, float] | None
    sides: tuple[SideCheck, ...] = ()
    buffers: tuple[BufferCheck, ...] = ()
    scheme: str = ""
    sources: tuple[str, ...] = ()

    @property
    def fixing_buffers(self) -> tuple[str, ...]:
        return tuple(b.coating for b in self.buffers if b.fixes)

    @property
    def measured(self) -> str:
        """Measured cell evidence of the pair ("" when none; the status stays the
        thermodynamic verdict): :mod:`solidcell.interfaces.cell_evidence`."""
        from solidcell.interfaces.cell_evidence import evidence_text

        return evidence_text(self.electrolyte, self.electrode)

    @property
    def measured_sources(self) -> tuple[str, ...]:
        from solidcell.interfaces.cell_evidence import cell_evidence

        return tuple(dict.fromkeys(e.source for e in cell_evidence(self.electrolyte,
                                                                   self.electrode)))

    def to_json(self) -> dict[str, Any]:
        return {
            "Electrolyte": self.electrolyte,
            "Electrode": self.electrode,
            "Status": self.status,
            "Reason": self.reason,
            "Electrode potential range [V]": self.electrode_range_V,
            "Reduction limit [V]": None if self.window_V is None else self.window_V[0],
            "Oxidation limit [V]": None if self.window_V is None else self.window_V[1],
            # null where no phase diagram was used (a reported window, not covered): {}
            # there read as "nothing decomposes"
            "Decomposition products": None if self.window_V is None
            or self.scheme == "reported window"
            else {s.side: list(s.products) for s in self.sides},
            "Buffer layers that fix it": list(self.fixing_buffers),
            "Buffer checks": [b.to_json() for b in self.buffers],
            "Energy scheme": self.scheme,
            "Measured in cells": self.measured or None,
            "sources": list(dict.fromkeys((*self.sources, *self.measured_sources))),
        }


@_reads_once
def check_pair(electrolyte: str, electrode: str, *, scheme: str = "zhu2015",
               potential_range: tuple[float, float] | None = None,
               buffers: Iterable[str] = BUFFER_LAYERS) -> PairCompatibility:
    """Compatibility of ``electrolyte`` with ``electrode`` (ids) over its potential range."""
    base_sources = ("zhu2015_stability", "richards2016_interface", "zhu2016_interfaces",
                    "wenzel2016_lgps_li", CONVENTION)
    check_scheme(scheme)  # a typo must not fall through to the reported-window verdict
    for name, value in (("electrolyte", electrolyte), ("electrode", electrode)):
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(name, value, "a material id such as 'li3ps4' or 'nmc811'")
    if PHASES.get(electrolyte) is not None and PHASES[electrolyte].role == "electrode":
        raise ValidationError("electrolyte", electrolyte,
                              f"{electrolyte} is an electrode; electrolytes (and coatings) are: "
                              + ", ".join(sorted(i for i, p in PHASES.items()
                                                 if p.role != "electrode")))
    if PHASES.get(electrode) is not None and PHASES[electrode].role != "electrode":
        raise ValidationError("electrode", electrode,
                              f"{electrode} is not an electrode; electrodes are: "
                              f"{', '.join(sorted(electrodes()))}")
    if isinstance(buffers, str):
        raise ValidationError("buffers", buffers, "a list of coating ids such as ['linbo3']")
    buffers = _ids("buffers", buffers, "a list of coating ids such as ['linbo3']")
    if potential_range is not None:
        allowed = "give (low, high) with 0 <= low <= high <= 10 V"
        if (isinstance(potential_range, str) or not hasattr(potential_range, "__len__")
                or getattr(potential_range, "ndim", 1) != 1  # 0-d array, pint Quantity
                or len(potential_range) != 2 or not all(is_real(v) for v in potential_range)):
            raise ValidationError("potential_range", potential_range, allowed)
        lo, hi = (float(v) for v in potential_range)
        if not 0.0 <= lo <= hi <= 10.0:  # NaN fails too
            raise ValidationError("potential_range", potential_range, allowed)
        rng = PotentialRange(lo, hi, "given", ())
    else:
        rng = electrode_range(electrode)
    erange = (rng.low_V, rng.high_V)
    try:
        window = _window(electrolyte, scheme)
    except ValidationError as exc:
        if exc.field != "material":
            raise
        raise ValidationError("electrolyte", electrolyte, exc.allowed) from None
    except NotCoveredError as exc:
        measured = _measured_pair(electrolyte, electrode, rng, scheme)
        if measured is not None:
            return measured
        return PairCompatibility(electrolyte, electrode, "not covered", str(exc), erange, None,
                                 scheme=scheme, sources=rng.sources)
    ion = PHASES[electrode].open_element if electrode in PHASES else "Li"
    if window.open_element != ion:
        # the window is vs Na/Na+, the electrode's potentials vs Li/Li+: no common scale, and
        # a Li electrode is no partner of a Na conductor
        raise ValidationError(
            "electrode", electrode,
            f"{electrolyte} conducts {window.open_element} (window vs "
            f"{window.open_element}/{window.open_element}+) and {electrode} is a {ion} "
            f"electrode (potentials vs {ion}/{ion}+); pair it with a {window.open_element} "
            f"electrode")
    sources = tuple(dict.fromkeys((*base_sources, *window.sources, *rng.sources)))
    wv = (window.reduction_limit_V, window.oxidation_limit_V)
    sides: list[SideCheck] = []
    if rng.low_V < window.reduction_limit_V:
        sides.append(_side(electrolyte, "reduction", rng.low_V, scheme))
    if rng.high_V > window.oxidation_limit_V:
        sides.append(_side(electrolyte, "oxidation", rng.high_V, scheme))
    if electrode != "li_metal" and PHASES.get(electrode, None) is not None:
        chemical, how, made = _electrode_reaction(electrolyte, electrode, rng)
        if chemical < CHEMICAL_LIMIT:
            sides.append(SideCheck(
                "chemical", rng.high_V, made, chemical, "unstable",
                f"reacts chemically with {electrode} to {' + '.join(made)} "
                f"({chemical:.3f} eV/atom < "
                f"{CHEMICAL_LIMIT} eV/atom, {how}, "
                f"{_how_scheme(electrolyte, electrode, how)})"))
    if not sides:
        return PairCompatibility(
            electrolyte, electrode, "stable",
            f"window {wv[0]:.2f}-{wv[1]:.2f} V contains {rng.low_V:.2f}-{rng.high_V:.2f} V "
            f"({rng.basis})", erange, wv, (), (), scheme, sources)
    status = max((s.status for s in sides), key=STATUS_ORDER.__getitem__)
    sources = tuple(dict.fromkeys((*sources, *(k for s in sides for k in s.sources))))
    reason = "; ".join(s.reason for s in sides) + (
        f" (window {wv[0]:.2f}-{wv[1]:.2f} V, electrode {rng.low_V:.2f}-{rng.high_V:.2f} V, "
        f"{rng.basis})")
    checks: tuple[BufferCheck, ...] = ()
    if status == "unstable":
        checks = tuple(check_buffer(c, electrolyte, electrode, rng, scheme) for c in buffers
                       if c != electrolyte)
    return PairCompatibility(electrolyte, electrode, status, reason, erange, wv, tuple(sides),
                             checks, scheme, sources)


def _measured_pair(electrolyte: str, electrode: str, rng: PotentialRange, scheme: str
                   ) -> PairCompatibility | None:
    """Verdict from the knowledge base's measured/reported window when DFT does not apply."""
    from solidcell.materials import get

    try:
        mat = get(electrolyte)
    except NotFoundError:
        return None
    red, ox = mat.get("reduction_limit"), mat.get("oxidation_limit")
    if red is None or ox is None or red.si is None or ox.si is None:
        return None
    wv = (red.si, ox.si)
    inside = wv[0] <= rng.low_V and rng.high_V <= wv[1]
    text = (f"reported window {wv[0]:.2f}-{wv[1]:.2f} V ({red.method}, {red.source}) "
            f"{'contains' if inside else 'does not contain'} {rng.low_V:.2f}-{rng.high_V:.2f} V"
            f" ({rng.basis}); no DFT phase diagram for this material")
    return PairCompatibility(electrolyte, electrode, "stable" if inside else "unstable", text,
                             (rng.low_V, rng.high_V), wv, scheme="reported window",
                             sources=tuple(dict.fromkeys((red.source, ox.source,
                                                          *rng.sources))))


@_reads_once
def check_buffer(coating: str, electrolyte: str, electrode: str, rng: PotentialRange,
                 scheme: str = "zhu2015") -> BufferCheck:
    """Whether ``coating`` between ``electrolyte`` and ``electrode`` fixes the interface."""
    w = _window(coating, scheme)
    side_checks = []
    if rng.low_V < w.reduction_limit_V:
        side_checks.append(_side(coating, "reduction", rng.low_V, scheme))
    if rng.high_V > w.oxidation_limit_V:
        side_checks.append(_side(coating, "oxidation", rng.high_V, scheme))
    at = max((s.status for s in side_checks), key=STATUS_ORDER.__getitem__, default="stable")
    e_el = _reaction_energy(coating, electrolyte)
    e_ed = _electrode_reaction(coating, electrode, rng)[0]
    problems = []
    if at == "unstable":
        problems.append("; ".join(s.reason for s in side_checks if s.status == "unstable"))
    if e_el < CHEMICAL_LIMIT:
        problems.append(f"reacts with {electrolyte} ({e_el:.3f} eV/atom)")
    if e_ed < CHEMICAL_LIMIT:
        problems.append(f"reacts with {electrode} ({e_ed:.3f} eV/atom)")
    reason = "; ".join(problems) if problems else (
        f"{at} at {rng.low_V:.2f}-{rng.high_V:.2f} V; reaction energies "
        f"{e_el:.3f} (electrolyte) and {e_ed:.3f} (electrode) eV/atom >= {CHEMICAL_LIMIT}")
    return BufferCheck(coating, (w.reduction_limit_V, w.oxidation_limit_V), at, e_el, e_ed,
                       not problems, reason)


@dataclass(frozen=True)
class CompatibilityMatrix:
    """Every electrolyte against every electrode."""

    __repr__ = concise_repr

    electrolytes: tuple[str, ...]
    electrodes: tuple[str, ...]
    pairs: tuple[PairCompatibility, ...]
    scheme: str
    sources: tuple[str, ...] = field(default=())

    def pair(self, electrolyte: str, electrode: str) -> PairCompatibility:
        for p in self.pairs:
            if p.electrolyte == electrolyte and p.electrode == electrode:
                return p
        raise NotFoundError(f"pair {electrolyte}|{electrode} is not in the matrix")

    def to_json(self) -> dict[str, Any]:
        return {"Energy scheme": self.scheme, "Electrolytes": list(self.electrolytes),
                "Electrodes": list(self.electrodes),
                "Pairs": [p.to_json() for p in self.pairs],
                "sources": list(dict.fromkeys(
                    (*self.sources, *(k for p in self.pairs for k in p.measured_sources))))}


def _known_ids_hint(name: str, unknown: Sequence[str]) -> str:
    """What ``name`` ("electrolytes" or "electrodes") accepts: the ids of that role (not every
    id: electrodes used to be offered as electrolytes), the id a formula's lower case names
    (Li3InCl6 -> li3incl6), and where a formula gets its window instead."""
    ids = sorted(i for i, p in PHASES.items()
                 if (p.role == "electrode") == (name == "electrodes"))
    hint = f"use known ids: {', '.join(ids)}"
    close = [i.strip().lower() for i in unknown
             if isinstance(i, str) and i.strip().lower() in ids]
    aliased = _alias_owners(unknown, ids)
    if not close and aliased:  # 'lpscl' is li6ps5cl's alias: lsipscl was offered first
        owners, alias = aliased
        return (f"{hint} (did you mean {', '.join(owners)}? ({alias!r} is "
                f"{'its' if len(owners) == 1 else 'their'} alias, not an id))"
                + (_FORMULA_NOTE if name == "electrolytes" else ""))
    if not close:  # a misspelt id ('llzo_t'): the closest ids of that role
        import difflib

        close = list(dict.fromkeys(m for i in unknown if isinstance(i, str) for m in
                                   difflib.get_close_matches(i.strip().lower(), ids, n=3,
                                                             cutoff=0.6)))
    if close:
        hint += f" (did you mean {', '.join(close)}?)"
    if name == "electrolytes":
        hint += _FORMULA_NOTE
    return hint


_FORMULA_NOTE = ("; the matrix pairs known phases and the electrolytes of the materials "
                 "database (your own included) only: a formula's window comes from "
                 "`solidcell window FORMULA` (stability_window)")


def _alias_owners(unknown: Sequence[str], ids: Sequence[str]) -> tuple[list[str], str] | None:
    """(ids of ``ids`` whose curated material lists an entry of ``unknown`` among its aliases,
    case ignored; that entry as typed), or None."""
    from solidcell.materials.store import curated_materials

    for typed in unknown:
        if not isinstance(typed, str) or not typed.strip():
            continue
        low = typed.strip().lower()
        owners = [m.id for m in curated_materials()
                  if m.id in ids and any(a.lower() == low for a in m.aliases)]
        if owners:
            return owners, typed
    return None


def _own_electrolyte(material: str) -> bool:
    """Whether ``material`` is an electrolyte or coating with a formula in the materials
    database (your own ones in ``$SOLIDCELL_DB`` included): the matrix analyses it by its
    formula, as ``stability_window`` and ``interface_flags`` do (before 2026-12-07 the matrix
    refused such an id, "the matrix pairs known phases only"). Read once per version of the
    database (:func:`_per_version`)."""
    return _per_version(_stored_electrolyte, material)


def _stored_electrolyte(material: str) -> bool:
    """:func:`_own_electrolyte` as the database holds ``material`` now."""
    from solidcell.materials import get

    try:
        mat = get(material)
    except SolidcellError:
        return False
    return mat.formula is not None and mat.category in ("electrolyte", "coating")


def _ids(field: str, ids: Any, allowed: str, *, empty: bool = True) -> tuple[str, ...]:
    """``ids`` as a tuple of text ids; a number, a dict, a 0-d array or an id that is no text
    raises :class:`ValidationError` naming ``field`` (``tuple(5)`` raised a TypeError)."""
    if isinstance(ids, str | bytes | Mapping) or not isinstance(ids, Iterable) \
            or getattr(ids, "ndim", 1) != 1:
        raise ValidationError(field, ids, allowed)
    out = tuple(ids)
    if not all(isinstance(i, str) for i in out) or (not empty and not out):
        raise ValidationError(field, ids, allowed)
    return out


@_reads_once
def compatibility_matrix(electrolyte_ids: Sequence[str] | None = None,
                         electrode_ids: Sequence[str] | None = None, *,
                         scheme: str = "zhu2015", progress: bool = False) -> CompatibilityMatrix:
    """Compatibility of every electrolyte with every electrode (default: all known ids)."""
    check_scheme(scheme)  # a pair's error becomes "not covered": an unknown scheme is not one
    progress = flag("progress", progress)
    for name, ids in (("electrolytes", electrolyte_ids), ("electrodes", electrode_ids)):
        if isinstance(ids, str):  # 'li3ps4' would be read as the ids 'l', 'i', '3', ...
            raise ValidationError(name, ids, f"a list of ids such as [{ids!r}]")
    # None is every known id; [] or 0 were read as None too, 5 failed in tuple(), [{}] in a
    # dict lookup
    els = tuple(electrolytes()) if electrolyte_ids is None else _ids(
        "electrolytes", electrolyte_ids, "a non-empty list of electrolyte ids such as "
        "['li3ps4'], or None for all", empty=False)
    eds = tuple(electrodes()) if electrode_ids is None else _ids(
        "electrodes", electrode_ids, "a non-empty list of electrode ids such as ['lco'], or "
        "None for all", empty=False)
    for name, ids in (("electrolytes", els), ("electrodes", eds)):
        unknown = [i for i in ids if i not in PHASES
                   and not (name == "electrolytes" and _own_electrolyte(i))]
        if unknown:
            raise ValidationError(name, unknown, _known_ids_hint(name, unknown))
    misplaced = [i for i in els if i in PHASES and PHASES[i].role == "electrode"]
    if misplaced:
        raise ValidationError("electrolytes", misplaced,
                              "these are electrodes; electrolytes (and coatings) are: "
                              + ", ".join(sorted(i for i, p in PHASES.items()
                                                 if p.role != "electrode")))
    misplaced = [i for i in eds if PHASES[i].role != "electrode"]
    if misplaced:
        raise ValidationError("electrodes", misplaced,
                              f"these are not electrodes; electrodes are: "
                              f"{', '.join(sorted(electrodes()))}")
    # an id given twice (`--electrolyte li6ps5cl --electrolyte li6ps5cl`) made the same row
    # twice, computed twice: once, in the order given
    els, eds = tuple(dict.fromkeys(els)), tuple(dict.fromkeys(eds))
    jobs = [(e, d) for e in els for d in eds]
    iterator: Iterable[tuple[str, str]] = jobs
    if progress:
        from tqdm import tqdm

        iterator = tqdm(jobs, desc="interfaces", unit="pair", leave=False)
    pairs = []
    for e, d in iterator:
        try:
            pairs.append(check_pair(e, d, scheme=scheme))
        except SolidcellError as exc:
            pairs.append(PairCompatibility(e, d, "not covered", str(exc), None, None,
                                           scheme=scheme))
    sources = tuple(dict.fromkeys(k for p in pairs for k in p.sources))
    return CompatibilityMatrix(els, eds, tuple(pairs), scheme, sources)
