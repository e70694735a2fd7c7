"""Theoretical capacity from composition by Faraday's law.

q = n F / (3.6 M)  [mAh/g]  with n exchanged electrons per formula unit, F the Faraday constant
(CODATA 2018) and M the molar mass [g/mol] of the formula unit (pymatgen ``Composition``).

The mass basis is the formula as given: ``LiCoO2`` (lithiated cathode) gives 274 mAh/g; the
host basis of an anode is the delithiated host (``C6`` with one Li gives 372 mAh/g, ``Si``
with 3.75 Li as Li15Si4 gives 3579 mAh/g), as in Tables 5 and 6 of the review. The other end
of the reaction may be named instead of n (``product="Li22Sn5"`` for Sn: 4.4 Li per Sn;
``"Fe-2Li2S"`` for FeS2: 4), and ``per="product"`` puts the capacity per gram of that end
phase (S to Li2S: 1672 mAh/g of S, 1167 mAh/g of Li2S).

n is bounded by charge balance (:func:`max_electrons`): the electrons a formula unit exchanges
change the oxidation states of its atoms by n in total, and no atom leaves the range of its
known oxidation states (0, the element, included).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from solidcell.checks import real
from solidcell.chemistry.composition import (
    _cut,
    formula_text,
    parse_composition,
    parse_formula_not_name,
)
from solidcell.errors import ValidationError

#: Faraday constant [C/mol], CODATA 2018 exact value (NA * e).
FARADAY = 96485.33212
#: 1 mAh = 3.6 C.
COULOMB_PER_MAH = 3.6


@dataclass(frozen=True)
class CapacityResult:
    """Theoretical specific capacity of one formula unit exchanging ``electrons`` electrons."""

    formula: str
    electrons: float
    molar_mass_g_mol: float
    capacity_mAh_g: float
    #: F (codata2018) and the molar mass from pymatgen's element data (ong2013_pymatgen;
    #: it was shown without a source)
    sources: tuple[str, ...] = field(default=("codata2018", "ong2013_pymatgen"))
    #: where ``electrons`` comes from: "given", "knowledge base: ID" or "all Li in the formula"
    electrons_basis: str = "given"
    #: the formula whose grams the capacity is per: ``formula`` or, with ``per="product"``,
    #: the other end of the reaction (``molar_mass_g_mol`` is then the mass of that end phase
    #: per formula unit of ``formula``)
    mass_basis: str = ""
    #: notes on the input that do not stop the calculation (:func:`balance_warning`)
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "Formula": self.formula,
            "Exchanged electrons per formula unit": self.electrons,
            "Exchanged electrons from": self.electrons_basis,
            "Molar mass [g.mol-1]": self.molar_mass_g_mol,
            "Capacity per gram of": self.mass_basis or self.formula,
            "Theoretical capacity [mA.h.g-1]": self.capacity_mAh_g,
            "Theoretical capacity [C.kg-1]": self.capacity_mAh_g * COULOMB_PER_MAH * 1000.0,
            "warnings": list(self.warnings),
            "sources": list(self.sources),
        }


def faraday_capacity(electrons: np.ndarray | float, molar_mass_g_mol: np.ndarray | float):
    """Vectorised Faraday's law: capacity [mAh/g] from electrons per unit and molar mass."""
    return np.asarray(electrons) * FARADAY / (COULOMB_PER_MAH * np.asarray(molar_mass_g_mol))


def default_electrons(formula: str) -> float:
    """Electrons exchanged by default: all Li (or Na) of the formula; 1 per formula for a pure
    element other than Li/Na is ambiguous, so it must be given."""
    comp = parse_composition(formula)
    for ion in ("Li", "Na", "K"):
        if ion in comp:
            return float(comp[ion])
    raise ValidationError(
        "electrons", None,
        f"{_cut(formula)} holds no Li, Na or K; give the number of exchanged electrons, e.g. "
        "--electrons 2 for S -> Li2S or 3.75 for Si -> Li15Si4, or the product "
        "(--product Li2S)",
    )


def max_electrons(formula: str) -> tuple[float, dict[str, tuple[int, int]]]:
    """Most electrons one formula unit of ``formula`` can exchange, and the oxidation-state
    range ``{symbol: (lowest, highest)}`` of each element it is computed from.

    Charge balance: the n electrons exchanged (taken up on reduction, given on oxidation;
    the Li+ that leaves or enters keeps its +1) change the sum of the oxidation states of the
    formula unit's atoms by n, and each atom stays between its lowest and highest known
    oxidation state (pymatgen's ``Element.oxidation_states`` [ong2013_pymatgen], with 0, the
    element itself, added). So n <= sum over atoms of (highest - lowest): Li 1 (0 to +1),
    Si 8 (-4 to +4; Li15Si4 needs 3.75), LiFePO4 33. A bound that must hold, not an estimate.
    """
    from pymatgen.core import Element

    comp = parse_composition(formula)
    ranges: dict[str, tuple[int, int]] = {}
    total = 0.0
    for el, amount in comp.items():
        states = (0, *Element(el.symbol).oxidation_states)
        ranges[el.symbol] = (min(states), max(states))
        total += float(amount) * (max(states) - min(states))
    return total, ranges


#: Elements that take the negative oxidation state of an ionic compound (pnictogens N and P,
#: chalcogens, halogens): a formula holding one is checked for charge balance by
#: :func:`balance_warning`; alloys and intercalation hosts (Li15Si4, Li22Sn5, LiC6) are not.
ANION_ELEMENTS = ("N", "P", "O", "S", "Se", "Te", "F", "Cl", "Br", "I")


def balance_warning(formula: str) -> str | None:
    """A warning when the ionic compound ``formula`` cannot be charge balanced, else None.

    Balanced: some assignment of known oxidation states sums to zero within 5 %, an element's
    atoms allowed to share out between its states of one sign
    (:func:`solidcell.chemistry.oxidation.mixed_valence_balanced`: Fe3O4, Co3O4, Mn3O4 and
    LiMn2O4 are mixed valence, and used to be called mistyped). ``predict`` and ``discover``
    allow one state per element (:func:`~solidcell.chemistry.oxidation.oxidation_states`), so
    they refuse every formula warned here, and mixed-valence ones besides. Faraday's law needs
    no oxidation states, so the capacity is still given: a warning, not a refusal. Not checked:
    formulas without an :data:`ANION_ELEMENTS` element (alloys) and the curated active
    materials (:func:`known_electrons`)."""
    from solidcell.chemistry.oxidation import (
        BALANCE_TOL,
        mixed_valence_balanced,
        oxidation_states,
    )

    comp = parse_composition(formula)
    if not any(el.symbol in ANION_ELEMENTS for el in comp) or oxidation_states(comp):
        return None
    if known_electrons(formula) is not None or mixed_valence_balanced(comp):
        return None
    return (f"{_cut(formula)} is not charge-balanced: no assignment of known oxidation states, "
            f"mixed valence included, sums to zero within {BALANCE_TOL * 100:g} % ('predict' "
            "and 'discover' refuse it too), so it is probably mistyped; the capacity is that of "
            "the formula as written")


def known_electrons(formula: str) -> tuple[float, str] | None:
    """``(exchanged_ions, id)`` of the curated active material whose formula is exactly
    ``formula`` (same amounts per formula unit), e.g. Li4Ti5O12 -> (3, "lto"); else None."""
    comp = parse_composition(formula)
    return next(((ions, mid) for known, ions, mid in _curated_exchange() if known == comp),
                None)


@lru_cache(maxsize=1)
def _curated_exchange() -> tuple[tuple[Any, float, str], ...]:
    """(Composition, exchanged_ions, id) of the curated active materials, parsed once (only the
    entries that give ``exchanged_ions`` are validated)."""
    from solidcell.materials.curated import curated_materials_giving

    return tuple((parse_composition(m.formula), float(m.exchanged_ions), m.id)
                 for m in curated_materials_giving("exchanged_ions") if m.formula)


#: Ions whose uptake or release :func:`product_electrons` counts.
ALKALI = ("Li", "Na", "K")
#: Mass bases of :func:`theoretical_capacity`.
PER = ("formula", "product")


def product_electrons(formula: str, product: str) -> tuple[float, float, str]:
    """Electrons one formula unit of ``formula`` exchanges on turning into ``product``, the
    other end of its (de)lithiation, as ``(n, units, ion)``: ``units`` formula units of
    ``formula`` per formula unit of ``product`` and the alkali ion (Li, Na or K) that moves.

    The atoms other than the ion must be the same in both, in the same proportions (a
    mixture of phases is written as one: ``Fe-2Li2S`` or ``Fe·2Li2S`` for FeS2 + 4 Li); n is the
    change of the ion per formula unit, either way (Si -> Li15Si4: 3.75; Sn -> Li22Sn5: 4.4;
    LiCoO2 -> CoO2: 1). Refused, naming ``product``: another host, a change of no ion or of
    two, a product of the ion alone.
    """
    comp = parse_composition(formula)
    prod = parse_formula_not_name(product, "product")
    host = {el.symbol: float(a) for el, a in comp.items() if el.symbol not in ALKALI}
    other = {el.symbol: float(a) for el, a in prod.items() if el.symbol not in ALKALI}
    if not host or not other:
        raise ValidationError(
            "product", product, f"{_cut(formula if not host else product)} holds only "
            "Li/Na/K: the two ends must share a host (Sn and Li22Sn5); give the electrons "
            "instead")
    if set(host) != set(other):
        raise ValidationError(
            "product", product, f"the same elements besides Li/Na/K as {_cut(formula)} "
            f"({', '.join(sorted(host))}); {_cut(product)} has {', '.join(sorted(other))} besides "
            "Li/Na/K "
            "(write a mixture of phases as one formula: 'Fe-2Li2S' for Fe + 2 Li2S)")
    ratios = {el: other[el] / host[el] for el in host}
    units = next(iter(ratios.values()))
    if any(not math.isclose(r, units, rel_tol=1e-6) for r in ratios.values()):
        shown = ", ".join(f"{el} {r:.6g}" for el, r in sorted(ratios.items()))
        raise ValidationError(
            "product", product, f"the atoms besides Li/Na/K in the proportions of "
            f"{_cut(formula)}; its amounts over those of {_cut(formula)} differ by element "
            f"({shown}; write exact amounts: Li13Cu6Sn5, not a rounded Li2.17CuSn0.83)")
    changes = {ion: float(prod[ion]) / units - float(comp[ion]) for ion in ALKALI
               if not math.isclose(float(prod[ion]) / units, float(comp[ion]), abs_tol=1e-9)}
    if len(changes) != 1:
        raise ValidationError(
            "product", product, f"one of Li, Na, K taken up or given per {_cut(formula)}; "
            f"{_cut(product)} changes " + (", ".join(sorted(changes)) if changes else "none"))
    (ion, change), = changes.items()
    return abs(change), units, ion


def theoretical_capacity(formula: Any, electrons: float | None = None, *,
                         product: Any = None, per: str = "formula") -> CapacityResult:
    """Theoretical specific capacity of ``formula`` [mAh/g].

    ``electrons``: electrons (= Li+) exchanged per formula unit, positive and at most
    :func:`max_electrons` (charge balance; LiFePO4: 33, so ``1e9`` is refused). Default: the
    knowledge base's ``exchanged_ions`` when a curated active material has exactly this
    formula (Li4Ti5O12 -> 3 as Li7Ti5O12, Si -> 3.75 as Li15Si4, C6 -> 1, S -> 2), else all the
    alkali ions in the formula (LiMn2O4 -> 1, Li2S -> 2). ``electrons_basis`` of the result
    says which.

    ``formula`` (and ``product``) may be a pymatgen ``Composition`` (its amounts as given)
    or ``Structure`` (its reduced formula), as :func:`formula_text` reads them.

    ``product``: the other end of the reaction instead of ``electrons``
    (:func:`product_electrons`: ``Sn`` with ``Li22Sn5`` is 4.4, ``FeS2`` with ``Fe-2Li2S`` 4).
    ``per``: ``"formula"`` (grams of ``formula``, the default) or ``"product"`` (grams of
    ``product``: S with Li2S is 1672 mAh/g of S, 1167 mAh/g of Li2S).
    """
    formula, product = formula_text(formula), formula_text(product, "product")
    if not isinstance(per, str) or per not in PER:  # an array: "truth value is ambiguous"
        raise ValidationError("per", per, "'formula' (capacity per gram of the formula) or "
                              "'product' (per gram of the product)")
    if per == "product" and product is None:
        raise ValidationError("per", per, "'product' needs the product formula (the other "
                              "end of the reaction, e.g. Li15Si4 for Si)")
    if product is not None and electrons is not None:
        raise ValidationError("product", product, "give the electrons or the product, not "
                              "both (the product sets the electrons)")
    comp = parse_formula_not_name(formula)  # 'nmc811': its formula named
    units = 1.0
    if product is not None:
        n, units, ion = product_electrons(formula, product)
        basis = f"product {product}: {n:g} {ion} per {formula}"
    elif electrons is None:
        known = known_electrons(formula)
        if known is not None:
            n, basis = known[0], f"knowledge base: {known[1]} (exchanged_ions)"
        else:
            n, basis = default_electrons(formula), "all Li/Na/K in the formula"
    else:
        n = real("electrons", electrons, "a positive number (electrons per formula unit)")
        basis = "given"
    if not np.isfinite(n) or n <= 0:
        raise ValidationError("electrons", electrons, "must be a positive number")
    most, ranges = max_electrons(formula)
    if n > most:  # 1e9 electrons per LiFePO4 used to give 1.7e11 mAh/g
        spans = ", ".join(f"{sym} {lo:+d} to {hi:+d}".replace("+0", "0")
                          for sym, (lo, hi) in ranges.items())
        field_, value = (("product", product) if product is not None else
                         ("electrons", n if electrons is None else electrons))
        raise ValidationError(
            field_, value,
            f"at most {most:g} electron{'' if most == 1 else 's'} per formula unit of "
            f"{_cut(formula)}: each atom can take or give no more electrons than separate its "
            f"lowest and highest known oxidation state ({spans}), summed over the formula unit")
    mass = float(comp.weight)
    if per == "product":  # grams of product per formula unit of formula
        mass = float(parse_composition(product, "product").weight) / units
    with np.errstate(over="ignore"):
        cap = float(faraday_capacity(n, mass))
    if not np.isfinite(cap):
        raise ValidationError("electrons", electrons, "too large: the capacity overflows; "
                              "give the electrons (Li+) exchanged per formula unit")
    warnings = tuple(w for w in (balance_warning(formula), letter_case_warning(formula)) if w)
    return CapacityResult(formula, n, mass, cap, electrons_basis=basis,
                          mass_basis=product if per == "product" else formula,
                          warnings=warnings)


def letter_case_warning(formula: str) -> str | None:
    """A warning when ``formula`` differs from a curated material's formula in letter case
    only, else None: 'LiCOO2' reads as Li C O O2 (LiCO3, 400 mAh/g, answered without a word,
    since Li+ C2+ O- balances) where LiCoO2 (274 mAh/g) was meant; 'LiNIO2' as Li N I O2."""
    from solidcell.materials.curated import _curated_records

    typed = "".join(str(formula).split())
    for _file, _i, record in _curated_records():
        known = record.get("formula") if isinstance(record, dict) else None
        if (isinstance(known, str) and known != typed
                and known.casefold() == typed.casefold()):
            return (f"{_cut(formula)} differs from {known} ({record.get('id')}) only in "
                    "letter case: element symbols are case sensitive, so it reads as other "
                    f"elements ({parse_composition(formula).formula}); if you meant {known}, "
                    "write it so")
    return None
