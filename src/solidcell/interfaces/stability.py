"""Electrochemical stability windows from phase diagrams open to lithium.

Method (Zhu, He & Mo 2015; Richards et al. 2016): a phase in contact with an electrode at
potential V exchanges lithium with a reservoir at chemical potential mu_Li = -e V (lithium metal
is mu_Li = 0, since formation energies put elemental Li at 0). The phase is stable at V while its
equilibrium assemblage does not change when Li is free to enter or leave, i.e. while

    g(mu) = F(b', mu) - (H(b) - mu n_Li) = 0,

with H the closed hull energy of the composition b, n_Li its Li atoms and F the grand potential
of the open system (see :mod:`solidcell.interfaces.hull`). g is concave and <= 0, so the set
where it is 0 is one interval [mu_ox, mu_red]: the window is [-mu_red/e, -mu_ox/e] in V vs
Li/Li+. A metastable phase (above the hull) gets the window of its equilibrium assemblage, as
pymatgen's ``PhaseDiagram.get_element_profile`` gives it; its energy above the hull is reported.
The products at each limit are the open-system equilibrium just beyond the limit.

>>> w = stability_window("Li3PS4")          # doctest: +SKIP
>>> round(w.reduction_limit_V, 2), round(w.oxidation_limit_V, 2)   # doctest: +SKIP
(1.71, 2.31)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from solidcell.checks import finite_real, flag, instance, real
from solidcell.errors import NotFoundError, ValidationError
from solidcell.interfaces.energies import (
    DEFAULT_SCHEME,
    EnergyTable,
    NotCoveredError,
    composition_of,
    entry_pairs,
    replacement_notes,
    shipped_table,
)
from solidcell.interfaces.hull import (
    closed_equilibrium,
    open_element_content,
    open_equilibrium,
)
from solidcell.interfaces.phases import PHASES
from solidcell.reprs import concise_repr

#: lowest chemical potential searched [eV]: a window reaching it is open upwards (> 10 V)
MU_MIN = -10.0
#: the products at a limit are taken this far beyond it [eV]
PRODUCT_STEP = 2e-3
#: a window narrower than this [V] is a point: the limits are edges of g >= -tol, which a
#: point window of LiMn2O4 widens to ~1e-5 V
POINT_WINDOW_V = 1e-4
METHOD_SOURCES = ("zhu2015_stability", "richards2016_interface", "ong2008_grand_potential")
#: mobile ions a phase diagram may be opened to: singly charged, so that V = -mu / e
MONOVALENT_IONS = ("Li", "Na", "K", "Rb", "Cs")


def check_open_element(value: Any, field: str = "open_element") -> str | None:
    """``value`` (None or a singly charged mobile ion); else :class:`ValidationError`.

    Potentials are -mu/e only for an ion of charge +1: opened to Fe or O the same numbers would
    not be volts against that element's electrode."""
    if value is None:
        return None
    if not isinstance(value, str) or value not in MONOVALENT_IONS:
        raise ValidationError(
            field, value, "must be the mobile ion, one of " + ", ".join(MONOVALENT_IONS)
            + " (or None for the material's own); potentials are -mu/e only for a singly "
            "charged ion")
    return value


@dataclass(frozen=True)
class StabilityWindow:
    """The electrochemical stability window of one phase, in V vs the open element's metal."""

    __repr__ = concise_repr

    formula: str
    reduction_limit_V: float
    oxidation_limit_V: float
    reduction_products: tuple[tuple[str, float], ...]
    oxidation_products: tuple[tuple[str, float], ...]
    reduction_uptake: float  # open-element atoms taken up per formula unit beyond the limit
    oxidation_release: float  # open-element atoms released per formula unit beyond the limit
    energy_above_hull_eV_atom: float | None
    scheme: str
    snapshot: str
    open_element: str = "Li"
    material_id: str | None = None
    standin_for: str | None = None
    note: str = ""
    sources: tuple[str, ...] = field(default=METHOD_SOURCES)
    #: the composition the thermodynamics used when it differs from ``formula`` (the open
    #: element's amount balanced: Li0.32La0.56TiO3 for Li0.33La0.56TiO3); reactions use it
    balanced_formula: str | None = None

    @property
    def width_V(self) -> float:
        return self.oxidation_limit_V - self.reduction_limit_V

    def contains(self, potential_V: float) -> bool:
        """True when ``potential_V`` [V] lies inside the window."""
        potential_V = real("potential_V", potential_V, "a potential in V vs the open element")
        if potential_V != potential_V:  # NaN  # (was False; text and None raised TypeError)
            raise ValidationError("potential_V", potential_V, "a potential in V, not NaN")
        return self.reduction_limit_V <= potential_V <= self.oxidation_limit_V

    def reduction_reaction(self) -> str:
        return _reaction(self.balanced_formula or self.formula, self.reduction_uptake,
                         self.reduction_products, self.open_element)

    def oxidation_reaction(self) -> str:
        return _reaction(self.balanced_formula or self.formula, -self.oxidation_release,
                         self.oxidation_products, self.open_element)

    def to_json(self) -> dict[str, Any]:
        ref = f"{self.open_element}/{self.open_element}+"
        return {
            "Formula": self.formula,
            "Material": self.material_id,
            "Stand-in for": self.standin_for,
            "Balanced formula": self.balanced_formula,
            "Reduction limit [V]": self.reduction_limit_V,
            "Oxidation limit [V]": self.oxidation_limit_V,
            "Potential reference": f"V vs {ref}",
            "Reduction products": [f for f, _ in self.reduction_products],
            "Oxidation products": [f for f, _ in self.oxidation_products],
            "Reduction reaction": self.reduction_reaction(),
            "Oxidation reaction": self.oxidation_reaction(),
            "Energy above hull [eV.atom-1]": self.energy_above_hull_eV_atom,
            "Energy scheme": self.scheme,
            "Data snapshot": self.snapshot,
            "Note": self.note,
            "sources": list(self.sources),
        }


def _reaction(formula: str, uptake: float, products: Sequence[tuple[str, float]],
              open_element: str) -> str:
    if not products:
        return f"{formula} is stable"
    left = formula
    right = [f"{_num(n)}{f}" for f, n in products]
    if uptake > 1e-6:
        left += f" + {_num(uptake)}{open_element}"
    elif uptake < -1e-6:
        right.append(f"{_num(-uptake)}{open_element}")
    return f"{left} -> {' + '.join(right)}"


def _num(x: float) -> str:
    return "" if abs(x - 1) < 1e-6 else f"{x:.4g} "


@dataclass(frozen=True)
class Target:
    """What a user named, resolved to the composition the thermodynamics uses."""

    formula: str
    material_id: str | None
    standin_for: str | None
    open_element: str
    note: str


def resolve_target(name: str, use_standin: bool = True, table: EnergyTable | None = None,
                   field: str = "formula") -> Target:
    """Resolve a canonical material id, a knowledge-base id or a formula (``field`` names
    the input in errors)."""
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("material", name, "give a material id ('li3ps4') or a formula")
    name = name.strip()
    phase = PHASES.get(name)
    if phase is not None:
        if phase.formula is None:
            raise NotCoveredError(
                f"{name}: {phase.note}; a stability window from crystalline DFT energies "
                "does not apply (use the measured window in the knowledge base)")
        # not `table or ...`: truth asks len(), which parsed the whole table when it had
        # user entries (`window llzo --entry Li3YCl6=-2.2` took 20 s instead of 0.6 s)
        table = table if table is not None else shipped_table(DEFAULT_SCHEME)
        in_table = table.index(composition_of(phase.formula)) is not None
        if not in_table and phase.standin and use_standin:
            return Target(phase.standin, name, phase.formula, phase.open_element,
                          f"stand-in: {phase.note}")
        note = "" if phase.standin else phase.note  # a stand-in note describes the stand-in
        return Target(phase.formula, name, None, phase.open_element, note)
    if name[:1].islower():
        from solidcell.materials import get

        try:
            material = get(name)
        except NotFoundError as exc:  # with the store's "did you mean" ('lipscl': lsipscl)
            import re

            close = re.search(r"; did you mean [^;]*\?", str(exc))
            raise ValidationError(
                "material", name,
                "not a known material id; give an id from the knowledge base or a formula "
                "such as 'Li3PS4'" + (close.group(0) if close else "")) from None
        if material.formula is None:
            raise NotCoveredError(f"{name}: has no chemical formula; no DFT window applies")
        return Target(material.formula, name, None, material.mobile_ion, "")
    from solidcell.chemistry.composition import parse_composition

    elements = {str(el) for el in parse_composition(name, field=field).elements}
    if "Na" in elements and "Li" not in elements:
        # a sodium compound without lithium is a Na conductor: open to Na, as for nzsp
        return Target(name, None, None, "Na",
                      "sodium compound: phase diagram open to Na, potentials vs Na/Na+")
    return Target(name, None, None, "Li", "")


def not_covered_message(formula: str, table: EnergyTable) -> str:
    """Why ``formula`` has no window: what is missing and what to supply."""
    from solidcell.chemistry.composition import is_charge_balanced

    comp = composition_of(formula)
    system = "-".join(sorted(comp))
    sub = table.subsystem(comp)
    known = [f for f, c in zip(sub.formulas, sub.counts, strict=True)
             if (c > 0).sum() == len(comp)]
    parts = [f"{formula} is not in the energy table ({table.snapshot})"]
    if not is_charge_balanced(formula):
        parts.append(f"{formula} does not balance: no set of common oxidation states sums "
                     "to zero, so it is probably mistyped")
    parts.append(f"compounds of the full {system} system there: "
                 f"{', '.join(known[:12]) if known else 'none'}")
    parts.append("supply its formation energy with entries=[(formula, eV/atom)] "
                 "(CLI: --entry FORMULA=EV_PER_ATOM), use the Materials Project API, or take "
                 "the window of its equilibrium assemblage with allow_assemblage=True "
                 "(CLI: --assemblage)")
    return "; ".join(parts)


def stability_window(
    material: Any,
    *,
    scheme: str = DEFAULT_SCHEME,
    entries: Sequence[tuple[str, float]] | None = None,
    table: EnergyTable | None = None,
    open_element: str | None = None,
    use_standin: bool = True,
    allow_assemblage: bool = False,
) -> StabilityWindow:
    """Electrochemical stability window of ``material`` (id or formula) vs Li/Li+.

    ``material`` may also be a pymatgen ``Composition`` or ``Structure`` (its formula,
    :func:`~solidcell.chemistry.composition.formula_text`).

    - ``scheme``: energy scheme of the shipped data (``"zhu2015"`` or ``"mp2019-legacy"``).
    - ``entries``: ``(formula, formation energy [eV/atom])`` pairs added to (or replacing rows
      of) the data; ``table``: a whole :class:`EnergyTable` (e.g. from the Materials Project).
    - ``open_element``: the mobile ion (default Li; Na for sodium conductors).
    - ``allow_assemblage``: give the window of the equilibrium assemblage of a composition the
      data lack (flagged in the note) instead of raising :class:`NotCoveredError`. A curated
      phase the data lack (``latp``, ``lagp``, ``llto``, the halides) always gets the window of
      its assemblage: for LATP and LAGP it reproduces Zhu, He & Mo 2015 (Table 1), which the
      Al-free stand-ins LiTi2(PO4)3 and LiGe2(PO4)3 did not (oxidation 4.66 V against 4.21 V).
    - ``use_standin``: a phase with a named stand-in (``llzo_ta``: Li7La3Zr2O12) is answered
      for by it (False: by its own formula's assemblage).
    """
    from solidcell.chemistry.composition import formula_text

    material = formula_text(material, "material")
    if table is not None:
        instance("table", table, EnergyTable, "an EnergyTable (or None for the shipped data)")
    use_standin = flag("use_standin", use_standin)
    allow_assemblage = flag("allow_assemblage", allow_assemblage)
    open_element = check_open_element(open_element)
    base = table if table is not None else shipped_table(scheme)
    before = base
    entries = entry_pairs(entries)
    if entries:
        base = base.with_entries(entries)
    target = resolve_target(material, use_standin=use_standin, table=base)
    element = open_element or target.open_element
    if element != target.open_element and target.material_id is None:
        # the note of a sodium formula says "open to Na"; opened to another ion it would lie
        target = Target(target.formula, None, None, element, "")
    comp = composition_of(target.formula)
    try:
        base.vector(comp)  # raises NotCoveredError naming missing elements
    except NotCoveredError as exc:  # name the material: `window Li3PS4 Li3ScCl6` did not
        raise NotCoveredError(f"{target.formula}: {exc}") from None
    if set(comp) == {element}:
        raise ValidationError("material", material,
                              f"{element} metal is the reference electrode (0 V); it has no "
                              "stability window")
    if element not in base.elements:
        raise NotCoveredError(f"the energy table has no data for the open element {element}")
    sub = base.subsystem(set(comp) | {element})
    note = "; ".join([*([target.note] if target.note else []), *replacement_notes(
        before, entries or (), sub.elements)])
    idx = sub.index(comp)
    curated = target.material_id in PHASES and target.standin_for is None
    balanced_formula = None
    if idx is None:
        if not (allow_assemblage or curated):
            raise NotCoveredError(not_covered_message(target.formula, base))
        note = (note + "; " if note else "") + (
            f"{target.formula} is not in the data: window of its equilibrium assemblage")
        written = comp
        comp, balanced = _balanced_in_open_element(comp, target.formula, element)
        if balanced:
            note += "; " + balanced
        if comp != written:  # six decimals: the written amounts stay as written
            from solidcell.chemistry.composition import written_formula

            balanced_formula = written_formula(comp)
    b = sub.vector(comp)
    assert b is not None
    if idx is not None:  # the row's own composition: index() matches fractions within 1e-6,
        # and Li1000001P333333S1333333 (Li3PS4 with 4e-7 excess Li) got 1.72-2.14 V, not 2.30
        b = sub.counts[idx] * (float(b.sum()) / float(sub.counts[idx].sum()))
    j = sub.elements.index(element)
    natoms = float(b.sum())
    closed = closed_equilibrium(sub, b)
    check_assemblage_compounds(target.formula, closed.amounts, sub)
    # per atom on both sides: the table's formula unit need not be the one written
    # (Li6P2S8, 75Li2S·25P2S5 and Li3PS4 are one row of 8 atoms)
    e_hull = None if idx is None else (
        float(sub.energies[idx]) / float(sub.counts[idx].sum()) - closed.energy / natoms)
    if e_hull is not None and e_hull < 1e-9:
        e_hull = 0.0  # LP round-off
    n_open = float(b[j])
    tol = 1e-7 * max(1.0, natoms)

    def g(mu: float) -> float:
        return open_equilibrium(sub, b, j, mu).energy - (closed.energy - mu * n_open)

    mu0 = _interior_point(g, closed.duals[j] if closed.duals is not None else 0.0, tol)
    mu_red = _edge(g, mu0, 0.0, tol)
    mu_ox = _edge(g, mu0, MU_MIN, tol)
    red_products, uptake = _beyond(sub, b, j, mu_red, +PRODUCT_STEP, n_open)
    ox_products, release = _beyond(sub, b, j, mu_ox, -PRODUCT_STEP, n_open)
    for products in (red_products, ox_products):
        check_assemblage_compounds(target.formula, dict(products), sub)
    if mu_ox <= MU_MIN + 1e-6:
        note = (note + "; " if note else "") + f"no oxidation limit below {-MU_MIN:g} V"
    if e_hull is not None and e_hull > 0.0 and mu_red - mu_ox < POINT_WINDOW_V:
        # LiMn2O4 (2 meV/atom above the hull) showed 2.979-2.979 V with no word of why
        phases = " + ".join(sorted(closed.amounts, key=lambda f: -closed.amounts[f]))
        note = (note + "; " if note else "") + (
            f"{target.formula} is {e_hull:.3g} eV/atom above the hull in these data: its "
            f"equilibrium assemblage ({phases}) holds phases of different {element} contents, "
            f"which coexist with the {element} reservoir only at this one potential, so the "
            "window is a point (a compound on the hull has an interval)")
    return StabilityWindow(
        formula=target.formula,
        reduction_limit_V=max(0.0, -mu_red),
        oxidation_limit_V=-mu_ox,
        reduction_products=red_products,
        oxidation_products=ox_products,
        reduction_uptake=uptake,
        oxidation_release=-release,
        energy_above_hull_eV_atom=e_hull,
        scheme=base.scheme,
        snapshot=base.snapshot,
        open_element=element,
        material_id=target.material_id,
        standin_for=target.standin_for,
        note=note,
        sources=tuple(dict.fromkeys((*METHOD_SOURCES, *base.sources))),
        balanced_formula=balanced_formula,
    )


def check_assemblage_compounds(formula: str, amounts: dict[str, float],
                               table: EnergyTable) -> None:
    """Raise :class:`NotCoveredError` when an assemblage holds an elemental metal (or metalloid)
    beside an elemental anion-former (N, P, O, S, Se, F, Cl, Br, I).

    The two always react (to YBr3, ZrCl4, ...), so such an assemblage means the table lacks
    their compounds, and a window computed from it is an artefact of the missing data: Li3YBr6
    with no Y-Br compound gave a 3.15-3.15 V "window" oxidising to elemental Y and Br.
    """
    from pymatgen.core import Element

    from solidcell.interfaces.compat import ANION_ELEMENTS

    singles = {next(iter(c)) for c in map(composition_of, amounts) if len(c) == 1}
    anions = sorted(singles & ANION_ELEMENTS)
    metals = sorted(e for e in singles - ANION_ELEMENTS
                    if Element(e).is_metal or Element(e).is_metalloid)
    if anions and metals:
        raise NotCoveredError(
            f"{formula}: the energy table ({table.snapshot}) has no compound of {metals[0]} "
            f"with {anions[0]}, so the equilibrium it gives holds elemental {metals[0]} beside "
            f"elemental {anions[0]}, which such compounds would consume: no meaningful window "
            "or reaction. Supply their formation energies with entries=[(formula, eV/atom)] "
            "(CLI: --entry FORMULA=EV_PER_ATOM) or use the Materials Project API")


def _decimals(amount: float) -> int:
    """Decimal places of a written amount (0.557 -> 3, 1.5 -> 1, 12 -> 0)."""
    for d in range(10):
        if abs(amount - round(amount, d)) <= 1e-9 * max(1.0, abs(amount)):
            return d
    return 10


def rounding_charge(comp: dict[str, float], states: dict[str, int]) -> float:
    """Largest net charge that rounding the written amounts can leave: each amount written with
    d decimals is off by at most half a unit in its last place (0.56 stands for 0.555-0.565),
    times the magnitude of its oxidation state; amounts written as integers are exact."""
    return sum(abs(states[el]) * 0.5 * 10.0 ** -_decimals(n)
               for el, n in comp.items() if _decimals(n) > 0)


def _balanced_in_open_element(comp: dict[str, float], formula: str, element: str
                              ) -> tuple[dict[str, float], str]:
    """``comp`` with the open element's amount set to balance the charge, and a note saying so
    (empty when it balances as written). With the mobile ion free to enter or leave, a
    composition whose written amounts do not balance (rounding: Li0.33La0.56TiO3) exchanges
    some of it at every potential, so its window would shrink to a point; the window of the
    balanced composition (Li0.32La0.56TiO3) is the one the formula means.

    Only a difference that rounding of the written amounts explains (:func:`rounding_charge`)
    is balanced: an intentionally deficient or mixed-valence composition (Li0.9CoO2, Co3+/Co4+;
    Li9.6P3S12) is a different composition, not a rounded one, and keeps its written amounts,
    whose window is then the single potential at which its phases coexist (noted)."""
    from solidcell.chemistry.composition import balancing_amount, parse_composition
    from solidcell.chemistry.oxidation import oxidation_states

    parsed = parse_composition(formula)
    amount = balancing_amount(parsed, element)
    if amount is None:
        return comp, ""
    states = oxidation_states(parsed)
    assert states is not None  # balancing_amount found an assignment
    written = comp[element]
    if abs(amount - written) * abs(states[element]) > rounding_charge(comp, states) + 1e-9:
        return comp, (
            f"the written amounts do not balance the charge ({element} {written:g}; "
            f"{element} {amount:g} would), by more than rounding of the written amounts "
            f"explains: taken as written, an assemblage of phases with different {element} "
            f"contents, stable only where they coexist; write the balanced formula for the "
            f"window of the balanced compound")
    return {**comp, element: amount}, (
        f"{element} amount {written:g} -> {amount:g} to balance the charge (the written "
        f"amounts do not, within their rounding; an unbalanced composition exchanges "
        f"{element} at every potential)")


def _interior_point(g: Any, guess: float, tol: float) -> float:
    """A chemical potential inside the window: the LP dual, else the maximum of concave g."""
    guess = float(np.clip(guess, MU_MIN, 0.0))
    if g(guess) >= -tol:
        return guess
    return golden_max(g, MU_MIN, 0.0, stop=-tol)


def golden_max(f: Any, lo: float, hi: float, iterations: int = 60,
               stop: float | None = None) -> float:
    """Maximiser of a concave function on [lo, hi] by golden-section search.

    Stops early at a point where ``f >= stop`` when ``stop`` is given.
    """
    inv = (np.sqrt(5.0) - 1.0) / 2.0
    x1, x2 = hi - inv * (hi - lo), lo + inv * (hi - lo)
    f1, f2 = f(x1), f(x2)
    for _ in range(iterations):
        if stop is not None and max(f1, f2) >= stop:
            break
        if f1 >= f2:
            hi, x2, f2 = x2, x1, f1
            x1 = hi - inv * (hi - lo)
            f1 = f(x1)
        else:
            lo, x1, f1 = x1, x2, f2
            x2 = lo + inv * (hi - lo)
            f2 = f(x2)
    return x1 if f1 >= f2 else x2


def _edge(g: Any, inside: float, outside: float, tol: float, iterations: int = 34) -> float:
    """Boundary of {g >= -tol} between ``inside`` (in the set) and ``outside``."""
    if g(outside) >= -tol:
        return outside
    a, b = inside, outside
    for _ in range(iterations):
        m = 0.5 * (a + b)
        if g(m) >= -tol:
            a = m
        else:
            b = m
    return 0.5 * (a + b)


def _beyond(table: EnergyTable, b: np.ndarray, j: int, mu: float, step: float, n_open: float
            ) -> tuple[tuple[tuple[str, float], ...], float]:
    """Products just beyond a limit and the open-element atoms they gained (+) or lost (-)."""
    mu2 = mu + step
    if mu2 > 0.0 or mu2 < MU_MIN:
        return (), 0.0
    assemblage = open_equilibrium(table, b, j, mu2)
    gained = open_element_content(table, assemblage.amounts, j) - n_open
    products = tuple(sorted(assemblage.amounts.items(), key=lambda kv: -kv[1]))
    return products, gained


def equilibrium_at(material: str, potential_V: float, *, scheme: str = DEFAULT_SCHEME,
                   table: EnergyTable | None = None, open_element: str | None = None,
                   allow_assemblage: bool = True) -> tuple[tuple[tuple[str, float], ...], float]:
    """Equilibrium products of ``material`` held at ``potential_V`` and the reaction energy.

    ``potential_V`` is against the open element's metal: ``open_element`` defaults, as in
    :func:`stability_window`, to the material's mobile ion (Na for sodium conductors).
    Returns ``(products, energy)`` with ``energy`` the grand-potential change of the
    decomposition in eV per atom of the material (0 when it is stable there, negative when it
    decomposes).
    """
    potential_V = finite_real("potential_V", potential_V, f"a potential from 0 to {-MU_MIN:g} V")
    if not 0.0 <= potential_V <= -MU_MIN:
        raise ValidationError("potential_V", potential_V, f"use 0 to {-MU_MIN:g} V")
    open_element = check_open_element(open_element)
    allow_assemblage = flag("allow_assemblage", allow_assemblage)
    if table is not None:
        instance("table", table, EnergyTable, "an EnergyTable (or None for the shipped data)")
    base = table if table is not None else shipped_table(scheme)
    target = resolve_target(material, table=base)
    open_element = open_element or target.open_element
    if open_element not in base.elements:
        raise NotCoveredError(f"the energy table has no data for the open element {open_element}")
    comp = composition_of(target.formula)
    base.vector(comp)
    if set(comp) == {open_element}:
        return (), 0.0  # the metal itself: nothing to decompose
    sub = base.subsystem(set(comp) | {open_element})
    if sub.index(comp) is None:
        if not allow_assemblage:
            raise NotCoveredError(not_covered_message(target.formula, base))
        comp, _ = _balanced_in_open_element(comp, target.formula, open_element)
    b = sub.vector(comp)
    assert b is not None
    j = sub.elements.index(open_element)
    mu = -potential_V
    closed = closed_equilibrium(sub, b)
    opened = open_equilibrium(sub, b, j, mu)
    energy = (opened.energy - (closed.energy - mu * b[j])) / float(b.sum())
    products = tuple(sorted(opened.amounts.items(), key=lambda kv: -kv[1]))
    return products, min(0.0, float(energy))
