"""Candidate electrolytes by aliovalent substitution of a parent, ranked by predicted conductivity.

A substitution replaces an amount x (per formula unit) of a host element H (oxidation state
o_H in the parent) by a dopant D (oxidation state o_D) and keeps the formula neutral by changing
the Li content:

    Li_new = Li - x (o_D - o_H)          (H != Li)
    Li_new = Li - x o_D                  (D on the Li site: x Li removed, x D added)

so Ta5+ on Zr4+ in Li7La3Zr2O12 gives Li(7-x)La3Zr(2-x)TaxO12, Al3+ on Li+ gives
Li(7-3x)AlxLa3Zr2O12 and Cl- on S2- in Li6PS5Cl gives Li(6-x)PS(5-x)Cl(1+x). x is a share
of the host's amount (``fractions``) or, as papers write it, given per formula unit
(``amounts``). The parent's
oxidation states are a charge-balanced assignment
(:func:`solidcell.chemistry.oxidation.oxidation_states`); a dopant takes each of its common
oxidation states with the sign of the host's (its state in the parent if the parent has it),
or the one state written when given as an ion ('Bi5+': Bi5+ on Zr4+ in garnets, where Bi's
common state is +3 only);
halogens, chalcogens and N substitute only anions and other elements only cations (no Cl7+ on a
Zr site, no Ge4- on an S site). A candidate must keep at least half of the parent's Li
(:data:`MIN_LI_SHARE`), so a substitution cannot empty the Li sublattice. H is a host only
when asked for (``hosts=["H"]``): it sits in molecular anions (OH-, BH4-, NH2-), where
"Ti4+ on H+" in Li2OHCl or "Cl- on H-" in LiBH4 is not a substitution. The generation is
bookkeeping (a named formula); the screening uses the conductivity model, whose error is
measured (docs/validation.md), and the stability window when the stability module covers it.

The rule is charge only: it also makes substitutions chemists would not try (Y3+ on the
tetrahedral P5+ of LiTi2(PO4)3). Each candidate therefore carries the data-mined substitution
probability of Hautier et al. (2011) (:func:`substitution_probability`), and
``min_probability`` drops the candidates below a threshold. The measure separates the cases of
docs/discovery.md only in part (O2- on Cl- scores higher than any well-known substitution
there), so no threshold is applied by default.

Each candidate also carries the relative ionic-radius mismatch |r_D - r_H| / r_H of the Shannon
(1976) effective ionic radii of dopant and host ion (:func:`radius_mismatch`) at the host site's
coordination number: 6 for a formula parent (its coordination is not known, and the note says
so), the host's coordination in the structure (pymatgen's CrystalNN) for a CIF or Structure
parent. ``max_radius_mismatch`` drops the candidates above a threshold; none is applied by
default (docs/discovery.md: a textbook rule, 10-15 % mismatch, would drop well-known ones).

Dopant amounts are checked against the published solubility limits and studied series of
``data/solubility_limits.csv`` (each row with its bib key; :func:`solubility_limits`): with the
default fractions a candidate beyond a solubility limit is not generated (Li4.9Al0.7La3Zr2O12,
Al beyond its ~0.40 per formula unit in garnet LLZO); an amount or fraction the user gives is
generated and flagged with the limit and its source. A candidate beyond a studied series (no
limit published) is flagged, not dropped. For a (parent, host, dopant) the table lacks, no limit
is known to solidcell and the amount is not checked (docs/discovery.md, Solubility limits).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from solidcell.checks import is_integer, is_real
from solidcell.chemistry.composition import written_formula
from solidcell.errors import ValidationError
from solidcell.reprs import concise_repr

#: Dopants tried when none are given: common substituents in Li solid electrolytes.
DEFAULT_DOPANTS = ("Al", "Ga", "Ta", "Nb", "Zr", "Ti", "Ge", "Si", "Sn", "Sb", "Y", "Sc", "In",
                   "Mg", "Zn", "W", "Cl", "Br", "I", "F", "Se", "O", "S")
#: Substituted share of the host's amount when none are given.
DEFAULT_FRACTIONS = (0.05, 0.1, 0.2, 0.3)
#: Candidates keep at least this share of the parent's Li content.
MIN_LI_SHARE = 0.5
#: Elements used as anion substituents only.
ANION_FORMERS = frozenset({"F", "Cl", "Br", "I", "O", "S", "Se", "Te", "N"})
GENERATION_SOURCE = "ong2013_pymatgen"  # oxidation-state assignment
#: Bib key of the substitution probability (its lambda table ships in pymatgen).
PROBABILITY_SOURCE = "hautier2011_substitution"
#: Elements not substituted unless named in ``hosts``: H is bound in molecular anions.
DEFAULT_HOST_EXCLUDED = frozenset({"H"})
#: Bib key of the ionic radii (Shannon's table as pymatgen ships it).
RADIUS_SOURCE = "shannon1976_radii"
#: Coordination number of the radii for a formula parent (as pymatgen's ``ionic_radius``).
FORMULA_COORDINATION = 6
#: Largest ``max_radius_mismatch`` accepted (a mismatch of 10 is a dopant 11x the host).
MAX_RADIUS_MISMATCH_LIMIT = 10.0


@dataclass(frozen=True)
class Candidate:
    """One substituted composition derived from a parent (charge balanced by construction)."""

    formula: str
    #: the parent's formula on the formula unit of ``amount`` (:func:`parent_formula`)
    parent: str
    host: str
    dopant: str
    host_oxidation_state: float
    dopant_oxidation_state: float
    amount: float  # dopant atoms per parent formula unit
    lithium: float  # Li per formula unit after compensation
    #: :func:`substitution_probability` of dopant ion for host ion (None: outside its table)
    substitution_probability: float | None = None
    #: :func:`radius_mismatch` |r_D - r_H| / r_H at ``coordination_number`` (None: no radius)
    radius_mismatch: float | None = None
    #: coordination number of the radii: 6 for a formula parent, the host's in a structure
    coordination_number: int | None = None
    #: how the radii were taken, or why ``radius_mismatch`` is None
    radius_note: str = ""
    #: published solubility limit (``kind`` "limit") or top of a studied series ("series") of
    #: this dopant on this host of this parent, dopant atoms per parent formula unit as given
    #: (None: none in :func:`solubility_limits`)
    solubility_limit: float | None = None
    #: the limit or series, its source and whether ``amount`` is beyond it ("" when None)
    solubility_note: str = ""
    #: ``amount`` above a published solubility limit (generated only when the user asked)
    beyond_solubility_limit: bool = False

    @property
    def label(self) -> str:
        return f"{self.dopant}{self.dopant_oxidation_state:+g} on {self.host} x={self.amount:g}"

    @property
    def probability_note(self) -> str:
        """Why :attr:`substitution_probability` is None ("" when it has a value)."""
        if self.substitution_probability is not None:
            return ""
        return (f"no substitution probability: {_ion(self.dopant, self.dopant_oxidation_state)}"
                f" or {_ion(self.host, self.host_oxidation_state)} is not in the Hautier 2011 "
                "table (not filtered by min_probability)")


@dataclass(frozen=True)
class ScreenedCandidate:
    """A candidate with its predicted conductivity (log10 S/cm) and interval."""

    candidate: Candidate
    log10_conductivity_S_cm: float
    lower_log10_S_cm: float
    upper_log10_S_cm: float
    change_vs_parent_log10: float
    stability_window: Any = None
    note: str = ""
    #: elements of the candidate in no OBELiX training entry (by Z), named in ``note``
    unseen_elements: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        c = self.candidate
        w = self.stability_window
        return {
            "Formula": c.formula, "Parent": c.parent, "Host": c.host, "Dopant": c.dopant,
            "Host oxidation state": c.host_oxidation_state,
            "Dopant oxidation state": c.dopant_oxidation_state,
            "Dopant amount [per formula unit]": c.amount,
            "Li amount [per formula unit]": c.lithium,
            "Substitution probability": c.substitution_probability,
            "Ionic radius mismatch": c.radius_mismatch,
            "Host coordination number": c.coordination_number,
            "Dopant solubility limit [per formula unit]": c.solubility_limit,
            "Beyond solubility limit": c.beyond_solubility_limit,
            "Log10 ionic conductivity [S.cm-1]": self.log10_conductivity_S_cm,
            "Log10 ionic conductivity lower bound [S.cm-1]": self.lower_log10_S_cm,
            "Log10 ionic conductivity upper bound [S.cm-1]": self.upper_log10_S_cm,
            "Change vs parent [log10 units]": self.change_vs_parent_log10,
            "Reduction limit [V]": w.reduction_limit_V if w is not None else None,
            "Oxidation limit [V]": w.oxidation_limit_V if w is not None else None,
            "Note": "; ".join(n for n in (self.note, c.solubility_note, c.probability_note,
                                          c.radius_note) if n),
        }


@dataclass(frozen=True)
class DiscoveryResult:
    """Ranked candidates (best predicted conductivity first) derived from one parent."""

    __repr__ = concise_repr

    #: the parent's formula on the formula unit the candidates' amounts are per
    #: (:func:`parent_formula`; each candidate's ``parent`` is the same text)
    parent: str
    parent_log10_conductivity_S_cm: float
    parent_lower_log10_S_cm: float
    parent_upper_log10_S_cm: float
    interval_level: float
    candidates: tuple[ScreenedCandidate, ...]
    n_generated: int
    model_version: str
    sources: tuple[str, ...] = field(default=())
    #: ``min_probability`` applied (None: no filter) and the candidates it dropped
    min_probability: float | None = None
    n_below_probability: int = 0
    #: ``max_radius_mismatch`` applied (None: no filter), the candidates it dropped (among
    #: those the probability filter kept) and the kept candidates without a mismatch value
    max_radius_mismatch: float | None = None
    n_above_radius_mismatch: int = 0
    n_without_radius_mismatch: int = 0
    #: candidates left out by ``top`` whose prediction equals the last kept one's (the
    #: forest's median is the same for compositions that fall in the same leaves)
    n_tied_beyond_top: int = 0
    #: how a CIF or Structure parent was read ("": nothing to say), e.g. its deuterium as H
    parent_note: str = ""
    #: default-fraction candidates not generated: beyond a published solubility limit
    n_beyond_solubility_limit: int = 0

    def all_sources(self) -> tuple[str, ...]:
        keys = list(self.sources)
        for c in self.candidates:
            if c.stability_window is not None:
                keys += list(getattr(c.stability_window, "sources", ()))
        return tuple(dict.fromkeys(keys))

    def to_json(self) -> dict[str, Any]:
        return {
            "Parent": self.parent,
            "Parent log10 ionic conductivity [S.cm-1]": self.parent_log10_conductivity_S_cm,
            "Parent log10 ionic conductivity lower bound [S.cm-1]": self.parent_lower_log10_S_cm,
            "Parent log10 ionic conductivity upper bound [S.cm-1]": self.parent_upper_log10_S_cm,
            "Interval level": self.interval_level,
            "Candidates generated": self.n_generated,
            "Minimum substitution probability": self.min_probability,
            "Candidates below minimum substitution probability": self.n_below_probability,
            "Maximum ionic radius mismatch": self.max_radius_mismatch,
            "Candidates above maximum ionic radius mismatch": self.n_above_radius_mismatch,
            "Candidates without ionic radius mismatch": self.n_without_radius_mismatch,
            "Candidates beyond top tied with the last shown": self.n_tied_beyond_top,
            "Candidates beyond a solubility limit not generated": self.n_beyond_solubility_limit,
            # a list, as the "notes" of every command (docs/conventions.md; "Parent note",
            # then "Notes" before these pre-1.0 changes: renamed, not kept)
            "notes": [self.parent_note] if self.parent_note else [],
            "Model version": self.model_version,
            # parent and candidates alike, also for a CIF parent: the candidates have no
            # structure of their own, and one model ranks them against the parent
            "Model features": "composition",
            "Candidates": [c.to_json() for c in self.candidates],
            "sources": list(self.all_sources()),
        }

    def plot(self, path: str | None = None, top: int = 20) -> Any:
        """Bar chart of the best ``top`` candidates with their intervals; saved when ``path``."""
        import matplotlib

        if not is_integer(top) or top < 1:  # top=-1 plotted all but the last candidate
            raise ValidationError("top", top, "a whole number >= 1")
        if path is not None:
            from solidcell.plotting import check_plot_path

            check_plot_path(path)  # before drawing: a refused name left an open figure
            matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from solidcell.discovery.predict import level_text

        rows = self.candidates[:top]
        fig, ax = plt.subplots(figsize=(8, 0.32 * len(rows) + 1.9), layout="constrained")
        y = np.arange(len(rows))[::-1]
        pred = np.array([r.log10_conductivity_S_cm for r in rows])
        lo = np.array([r.lower_log10_S_cm for r in rows])
        hi = np.array([r.upper_log10_S_cm for r in rows])
        ax.errorbar(pred, y, xerr=[pred - lo, hi - pred], fmt="o", capsize=3,
                    label=f"prediction, {level_text(self.interval_level)} interval")
        ax.axvline(self.parent_log10_conductivity_S_cm, color="grey", ls="--",
                   label=f"parent {self.parent}")
        ax.set_yticks(y, [f"{r.candidate.formula} ({r.candidate.dopant} on {r.candidate.host})"
                          for r in rows], fontsize=7)
        ax.set_xlabel("log10 predicted ionic conductivity at room temperature [S/cm]")
        ax.set_title(f"Substitutions of {self.parent} (model {self.model_version}, OBELiX)")
        # below the axes: inside, "lower right" covered the last candidate's bar
        fig.legend(fontsize=7, loc="outside lower center", ncol=2, frameon=False)
        if path is not None:
            from solidcell.plotting import save_figure

            save_figure(fig, path)
        return fig


#: Decimals of the amounts in a candidate's formula (and in its ``amount`` and ``lithium``).
DECIMALS = 6
#: Largest charge of a candidate's formula as written, as a share of its positive charge.
WRITTEN_CHARGE_TOLERANCE = 1e-4


def _is_structure_parent(parent: Any) -> bool:
    """Whether ``parent`` is a CIF path or a pymatgen Structure rather than a formula."""
    from pathlib import Path

    from pymatgen.core import Structure

    from solidcell.discovery.predict import names_a_cif

    return isinstance(parent, Structure | Path) or names_a_cif(parent)


def _structure_parent(parent: Any) -> tuple[str, Any]:
    """(formula of the reduced composition, Structure) of a CIF path or a Structure (read as
    ``predict_conductivity`` reads them: a missing or unreadable CIF names the field). A
    composition without Li or that does not balance is refused as ``predict`` refuses it,
    naming the file and what was read from it (``half_li.cif (read as Li0.5Cl)``; it named
    the formula alone)."""
    from pathlib import Path

    from solidcell.chemistry.oxidation import require_balanced
    from solidcell.discovery.predict import _composition_of, check_lithium, display_formula

    label, comp, structure = _composition_of(parent, "parent")
    shown = (f"{label} (read as {display_formula(comp)})" if isinstance(parent, str | Path)
             else label)
    check_lithium(comp, shown, "parent")
    require_balanced(comp, shown, "parent")
    reduced = comp.element_composition.get_reduced_composition_and_factor()[0]
    order = [t.rstrip("0123456789.") for t in reduced.formula.split()]  # pymatgen's: Li2O
    return written_formula({el: float(reduced[el]) for el in order}, DECIMALS), structure


def _formula_parent(parent: Any) -> str:
    """``parent`` (not a CIF path or Structure) as the formula text the generation reads: a
    pymatgen Composition, which ``predict_conductivity`` takes, as its formula with the amounts
    given (oxidation states dropped); a text as it is. Anything else raised AttributeError
    ('int' object has no attribute 'strip')."""
    from solidcell.chemistry.composition import formula_text

    parent = formula_text(parent, "parent", DECIMALS)  # a Composition's amounts as given
    if not isinstance(parent, str | bytes):  # bytes: refused by the formula parser, by name
        raise ValidationError("parent", parent, "a chemical formula, a CIF path, or a "
                              "pymatgen Composition or Structure")
    return parent


def parent_formula(comp: Any) -> str:
    """The parent's formula as the results show it: its elements in pymatgen's
    electronegativity order with the amounts of the formula unit read (not reduced, so that
    the candidates' amounts per formula unit refer to it): 'LiTi2(PO4)3' is 'LiTi2P3O12',
    'Li2Ti4(PO4)6' is 'Li2Ti4P6O24'. The JSON's top-level "Parent" was the reduced formula and
    each candidate's "Parent" the text typed (2026-12-07)."""
    import re

    comp = comp.element_composition  # pymatgen's order; amounts such as 9.1e-06 in its text
    order = [re.findall(r"[A-Z][a-z]*", t)[0] for t in comp.formula.split()]
    return written_formula({el: float(comp[el]) for el in order}, DECIMALS)


def parent_oxidation_states(parent: Any) -> tuple[dict[str, float], Any]:
    """(element -> oxidation state, Composition) of a Li-containing, charge-balanced parent
    (states from :func:`solidcell.chemistry.oxidation.oxidation_states`); a CIF path or a
    Structure stands for the formula of its reduced composition."""
    if _is_structure_parent(parent):  # a CIF or Structure: the formula of its composition
        parent = _structure_parent(parent)[0]
    return _formula_states(_formula_parent(parent))


def _formula_states(formula: str) -> tuple[dict[str, float], Any]:
    """:func:`parent_oxidation_states` of a parent's formula text (:func:`_formula_parent`)."""
    from solidcell.chemistry.oxidation import require_balanced
    from solidcell.discovery.predict import _parse, check_lithium

    # as predict: a knowledge-base id or alias ('LLZO') is refused naming its formula (it was
    # "'L' is not a chemical element")
    comp = _parse(formula, field="parent")
    check_lithium(comp, formula, "parent")
    states = require_balanced(comp, formula, "parent")
    return {k: float(v) for k, v in states.items()}, comp


class _Parent(NamedTuple):
    """A parent read once (:func:`_read_parent`) for the steps of one :func:`discover`."""

    formula: str  # the formula text the generation reads (a CIF's: its reduced composition)
    structure: Any  # the pymatgen Structure of a CIF or Structure parent; None for a formula
    oxidation_states: dict[str, float]  # element -> state (:func:`parent_oxidation_states`)
    composition: Any  # the pymatgen Composition of ``formula``


def _read_parent(parent: Any) -> _Parent:
    """``parent`` (a formula, a Composition, a CIF path or a Structure) read, checked and
    balanced once: :func:`_structure_parent` or :func:`_formula_parent`, then
    :func:`_formula_states`."""
    structure = None
    if _is_structure_parent(parent):
        parent, structure = _structure_parent(parent)
    formula = _formula_parent(parent)
    return _Parent(formula, structure, *_formula_states(formula))


def _ion(element: str, state: float) -> str:
    """'Ti4+', 'Cl-', 'Fe2.5+': an ion as pymatgen writes it."""
    sign = "+" if state > 0 else "-"
    size = abs(state)
    return f"{element}{'' if size == 1 else f'{size:g}'}{sign}"


#: lambda of an ion pair never seen substituting in the ICSD (pymatgen's default ``alpha``)
NEVER_SEEN_LAMBDA = -5.0


@dataclass(frozen=True)
class _LambdaTable:
    """pymatgen's shipped lambda table (Hautier et al. 2011) as arrays: ``index`` of each ion
    (pymatgen's writing, 'Ti4+'), ``weight[i, j] = exp(lambda(i, j))`` and ``p_x[j]``, the
    sum of row j, the normaliser of ``SubstitutionProbability.cond_prob(., j)``."""

    index: dict[str, int]
    weight: Any
    p_x: Any


@functools.cache
def _substitution_table() -> _LambdaTable:
    """The lambda table of pymatgen's ``SubstitutionProbability``, read once and computed as
    its constructor does (``alpha`` -5 for pairs absent from the table; a later row of a
    pair replaces an earlier one), with NumPy: the constructor takes 3.6 s (Species objects
    for 230 x 230 pairs), this 0.1 s."""
    import json
    from pathlib import Path

    import numpy as np
    from pymatgen.core import Species
    from pymatgen.core.structure_prediction import substitution_probability as module

    rows = json.loads((Path(module.__file__).parent / "data" / "lambda.json").read_text())
    named: dict[str, str] = {}
    pairs: dict[frozenset[str], float] = {}
    for row in rows:
        if "D1+" in row:  # skipped by pymatgen too
            continue
        a, b = (named.setdefault(t, str(Species.from_str(t))) for t in row[:2])
        pairs[frozenset((a, b))] = float(row[2])
    index = {ion: i for i, ion in enumerate(sorted(set(named.values())))}
    lam = np.full((len(index), len(index)), NEVER_SEEN_LAMBDA)
    for pair, value in pairs.items():
        a, b = (*pair, *pair)[:2]  # a pair of one ion with itself is a one-element set
        lam[index[a], index[b]] = lam[index[b], index[a]] = value
    weight = np.exp(lam)
    return _LambdaTable(index, weight, weight.sum(axis=0))


def substitution_probability(dopant: str, dopant_oxidation_state: float, host: str,
                             host_oxidation_state: float) -> float | None:
    """Probability (0 to 1) that the host ion H of a known compound is replaced by the dopant
    ion D in a compound of the same structure, data-mined from the ICSD by Hautier et al.
    (2011) (``hautier2011_substitution``), from pymatgen's lambda table.

    It is ``SubstitutionProbability().cond_prob(D, H)`` = exp(lambda(D, H)) / sum over X of
    exp(lambda(X, H)): the probability of D conditional on H, which sums to 1 over the dopants
    of one host. The host is the fixed ion (it is in the parent) and the dopant the variable
    one, as in pymatgen's own dopant suggestion
    (``dopant_predictor.get_dopants_from_substitution_probabilities``, which ranks
    ``cond_prob(dopant, original)``); ``prob(D, H)`` is the joint probability of the pair,
    also scaled by how common each ion is, so it is not a per-host measure. A pair never seen
    together gets pymatgen's lambda of -5 (a small, not a zero, probability). None when an
    ion is not in the table (230 ions; e.g. non-integer states of a mixed-valence parent).
    """
    from pymatgen.core import Species

    table = _substitution_table()
    ions = []
    for el, state in ((dopant, dopant_oxidation_state), (host, host_oxidation_state)):
        if not float(state).is_integer() or state == 0:
            return None
        i = table.index.get(str(Species(el, int(state))))
        if i is None:
            return None
        ions.append(i)
    d, h = ions
    return float(table.weight[d, h] / table.p_x[h])


def check_min_probability(value: Any) -> float | None:
    """``min_probability`` as a float: None, or a finite number from 0 to 1."""
    if value is None:
        return None
    if not is_real(value) or not 0 <= value <= 1:  # NaN fails both; a bool is not real here
        raise ValidationError("min_probability", value, "a number from 0 to 1 (the Hautier "
                              "2011 substitution probability a candidate must reach); None for no "
                              "filter")
    return float(value)


def filter_by_probability(candidates: Sequence[Candidate], min_probability: float | None
                          ) -> tuple[list[Candidate], int]:
    """(kept candidates, number dropped): drops those whose substitution probability is below
    ``min_probability``; a candidate without one (ion outside the table) is kept."""
    threshold = check_min_probability(min_probability)
    if threshold is None:
        return list(candidates), 0
    kept = [c for c in candidates
            if c.substitution_probability is None or c.substitution_probability >= threshold]
    return kept, len(candidates) - len(kept)


_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
          "XIV")


def shannon_radius(element: str, oxidation_state: float, coordination: int) -> float | None:
    """Shannon (1976) effective ionic radius [Angstrom] of the ion at a coordination number,
    from the table pymatgen ships (``Species.get_shannon_radius(cn, spin, "ionic")``; the
    high-spin value where the table has two spins). None when the table has no radius for the
    ion at that coordination number (never an interpolated one), or the state is not a whole
    number."""
    from pymatgen.core import Element

    state = float(oxidation_state)
    if not state.is_integer() or state == 0 or not 0 < coordination < len(_ROMAN):
        return None
    table = Element(element).data.get("Shannon radii", {}).get(str(int(state)), {})
    spins = table.get(_ROMAN[coordination])
    if not spins:
        return None
    entry = spins.get("High Spin") or spins.get("") or next(iter(spins.values()))
    return float(entry["ionic_radius"])


def relative_radius_mismatch(dopant_radius: float, host_radius: float) -> float:
    """|r_D - r_H| / r_H (dimensionless): 0 for equal radii, 0.5 for a dopant 1.5x or 0.5x the
    host."""
    return abs(dopant_radius - host_radius) / host_radius


def radius_mismatch(dopant: str, dopant_oxidation_state: float, host: str,
                    host_oxidation_state: float, coordination: int = FORMULA_COORDINATION
                    ) -> tuple[float | None, str]:
    """(relative mismatch |r_D - r_H| / r_H of the :func:`shannon_radius` of dopant and host ion
    at ``coordination``, or None; the reason when None, else "")."""
    pairs = ((dopant, dopant_oxidation_state), (host, host_oxidation_state))
    r_d, r_h = (shannon_radius(el, state, coordination) for el, state in pairs)
    if r_d is None or r_h is None:
        missing = [_ion(el, state) for (el, state), r in zip(pairs, (r_d, r_h), strict=True)
                   if r is None]
        return None, (f"no ionic radius mismatch: the Shannon table has no radius for "
                      f"{' or '.join(missing)} at CN {coordination} (not filtered by "
                      "max_radius_mismatch)")
    return relative_radius_mismatch(r_d, r_h), ""


def check_max_radius_mismatch(value: Any) -> float | None:
    """``max_radius_mismatch`` as a float: None, or a number in (0, 10]."""
    if value is None:
        return None
    if not is_real(value) or not 0 < value <= MAX_RADIUS_MISMATCH_LIMIT:  # NaN fails
        raise ValidationError("max_radius_mismatch", value, "a number above 0 and at most "
                              f"{MAX_RADIUS_MISMATCH_LIMIT:g} (the largest relative ionic-radius "
                              "mismatch |r_D - r_H| / r_H a candidate may have); None for no "
                              "filter")
    return float(value)


def filter_by_radius_mismatch(candidates: Sequence[Candidate],
                              max_radius_mismatch: float | None) -> tuple[list[Candidate], int]:
    """(kept candidates, number dropped): drops those whose radius mismatch is above
    ``max_radius_mismatch``; a candidate without one (no Shannon radius) is kept."""
    threshold = check_max_radius_mismatch(max_radius_mismatch)
    if threshold is None:
        return list(candidates), 0
    kept = [c for c in candidates if c.radius_mismatch is None or c.radius_mismatch <= threshold]
    return kept, len(candidates) - len(kept)


def host_coordination(structure: Any, oxidation_states: Mapping[str, float]
                      ) -> dict[str, dict[int, float]]:
    """element -> {coordination number: atoms of the element on sites of that CN in the cell}
    of a pymatgen Structure, by pymatgen's CrystalNN with its default weights (benchmarked for
    inorganic crystals, its docstring says) and ``cation_anion=True``: the neighbours of an ion
    are ions of the other sign, as Shannon counts them (the structure is given the parent's
    ``oxidation_states``, element -> state), one site of each symmetry-equivalent set
    (SpacegroupAnalyzer, symprec 0.1 A; every site when that fails); partial occupancies
    count as their share (a site's neighbours are found as if its largest species filled it,
    CrystalNN's ``on_disorder="take_max_species"``)."""
    import warnings

    from pymatgen.analysis.local_env import CrystalNN
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    structure = structure.copy()
    structure.remove_oxidation_states()
    structure.add_oxidation_state_by_element(dict(oxidation_states))
    with warnings.catch_warnings():  # CrystalNN and spglib warn about disorder at length
        warnings.simplefilter("ignore")
        try:
            sym = SpacegroupAnalyzer(structure, symprec=0.1).get_symmetrized_structure()
            target, groups = sym, sym.equivalent_indices
        except Exception:  # pragma: no cover - spglib refuses some disordered cells
            target, groups = structure, [[i] for i in range(len(structure))]
        nn = CrystalNN(cation_anion=True)
        out: dict[str, dict[int, float]] = {}
        for group in groups:
            cn = int(nn.get_cn(target, group[0], on_disorder="take_max_species"))
            for el, occ in target[group[0]].species.get_el_amt_dict().items():
                counts = out.setdefault(str(el), {})
                counts[cn] = counts.get(cn, 0.0) + occ * len(group)
    return out


def _site_coordination(counts: Mapping[int, float], host: str) -> tuple[int, str]:
    """(CN of the radii, note) of a host element from :func:`host_coordination`'s counts: the
    CN of most of its atoms (the smaller on a tie)."""
    total = sum(counts.values())
    cn = min(counts, key=lambda k: (-counts[k], k))
    if len(counts) == 1:
        return cn, f"ionic radii at CN {cn}, the {host} site's in the parent structure (CrystalNN)"
    shares = ", ".join(f"CN {k} ({counts[k] / total:.0%})" for k in sorted(counts))
    return cn, (f"ionic radii at CN {cn}, the most common of the {host} sites in the parent "
                f"structure (CrystalNN: {shares})")


def _not_a_list(values: Any) -> bool:
    """Whether ``values`` (given, not None) is one number, text, a 0-d array or a mapping
    rather than a list of numbers."""
    return values is not None and (isinstance(values, str | Mapping) or is_real(values)
                                   or getattr(values, "shape", None) == ())


#: A dopant written as an ion, as papers write it: 'Bi5+', 'Cl-'.
_ION = re.compile(r"([A-Z][a-z]?)(\d*)([+-])")


def _dopant_states(dopant: Any, parent_states: Mapping[str, float]) -> tuple[str, tuple[int, ...]]:
    """(element, oxidation states it takes) of one entry of ``dopants``: an element symbol
    takes its common oxidation states (pymatgen's ``common_oxidation_states``), an ion ('Bi5+',
    'Cl-') the state written, which must be one of the element's known states (pymatgen's
    ``oxidation_states``: Bi5+ of Li(7-x)La3Zr(2-x)BixO12 is known, not common); an element
    of the parent keeps its state there (no mixed valence)."""
    from pymatgen.core import Element

    from solidcell.discovery.features import Z_MAX

    text = dopant.strip() if isinstance(dopant, str) else None
    ion = _ION.fullmatch(text) if text else None
    symbol = ion.group(1) if ion else text
    # pymatgen takes the isotopes D and T for symbols (and reads them back as H)
    if symbol is None or not Element.is_valid_symbol(symbol) or symbol in ("D", "T"):
        raise ValidationError("dopants", dopant, "chemical element symbols such as 'Ta', "
                              "'Al', or ions such as 'Bi5+' for one oxidation state")
    if symbol == "Li":  # Li is the charge compensator: 'Li' gave no candidate, unsaid
        raise ValidationError("dopants", dopant, "elements other than Li (the Li content "
                              "compensates the charge of each substitution)")
    el = Element(symbol)
    if el.Z > Z_MAX:  # the model's features end at Lr
        raise ValidationError("dopants", dopant, f"elements up to Z={Z_MAX} (Lr)")
    if ion is None:
        if symbol in parent_states:
            return symbol, (int(parent_states[symbol]),)
        return symbol, tuple(el.common_oxidation_states)
    state = int(ion.group(2) or 1) * (1 if ion.group(3) == "+" else -1)
    known = ", ".join(f"{symbol}{abs(o) if abs(o) != 1 else ''}{'+' if o > 0 else '-'}"
                      for o in el.oxidation_states if o != 0)
    if state not in el.oxidation_states:
        raise ValidationError("dopants", dopant, f"a known oxidation state of {symbol} "
                              f"(pymatgen's: {known}), or {symbol!r} for its common ones")
    if (state < 0) != (symbol in ANION_FORMERS):
        raise ValidationError("dopants", dopant, "halogens, chalcogens and N as anions, other "
                              "elements as cations (the dopant takes its host's sign)")
    if symbol in parent_states and state != parent_states[symbol]:
        raise ValidationError("dopants", dopant, f"{symbol} in its parent state "
                              f"{int(parent_states[symbol]):+d} (no mixed valence), or "
                              f"{symbol!r}")
    return symbol, (state,)


@dataclass(frozen=True)
class SolubilityLimit:
    """A published bound on dopant D (state ``dopant_state``) on host H of a parent: ``kind``
    "limit", a solubility limit (beyond it a second phase forms), or "series", the top of a
    series made single phase (no limit published, nothing read beyond it); ``max_amount`` in
    dopant atoms per formula unit of ``parent`` as written; ``basis``, what the source says."""

    parent: str
    host: str
    dopant: str
    dopant_state: int
    max_amount: float
    kind: str
    sources: tuple[str, ...]
    basis: str


#: Relative tolerance of a parent's match to a table parent (atomic fractions) and of an
#: amount at the limit.
LIMIT_MATCH_RTOL = 1e-6


@functools.cache
def solubility_limits() -> tuple[SolubilityLimit, ...]:
    """The rows of ``data/solubility_limits.csv`` (each with its bib keys in ``sources``)."""
    import csv
    import io
    from importlib import resources

    text = resources.files("solidcell.discovery.data").joinpath(
        "solubility_limits.csv").read_text(encoding="utf-8")
    return tuple(SolubilityLimit(r["parent"], r["host"], r["dopant"], int(r["dopant_state"]),
                                 float(r["max_amount"]), r["kind"], tuple(r["sources"].split()),
                                 r["basis"])
                 for r in csv.DictReader(io.StringIO(text)))


def limits_for(comp: Any) -> dict[tuple[str, int, str], tuple[SolubilityLimit, float]]:
    """(dopant, state, host) -> (row, its ``max_amount`` per formula unit of ``comp``) for the
    rows whose parent is ``comp`` (atomic fractions within :data:`LIMIT_MATCH_RTOL`; any
    formula unit: Li14La6Zr4O24 doubles the limits of Li7La3Zr2O12). ``comp``: a pymatgen
    Composition or a formula."""
    from pymatgen.core import Composition

    from solidcell.chemistry.composition import parse_composition

    if isinstance(comp, str):  # a formula, as generate_candidates takes its parent
        comp = parse_composition(comp, field="comp")
    elif not isinstance(comp, Composition):
        raise ValidationError("comp", comp, "a chemical formula (text) or a pymatgen "
                              "Composition")
    out = {}
    for row in solubility_limits():
        ref = Composition(row.parent)
        if not comp.fractional_composition.almost_equals(
                ref.fractional_composition, rtol=LIMIT_MATCH_RTOL, atol=0.0):
            continue
        scale = float(comp[row.host]) / float(ref[row.host])
        out[(row.dopant, row.dopant_state, row.host)] = (row, row.max_amount * scale)
    return out


def _solubility_note(row: SolubilityLimit, limit: float, x: float, parent: str) -> str:
    """How ``x`` of ``row``'s dopant stands against its limit or series, with the source."""
    what = (f"{_ion(row.dopant, row.dopant_state)} on {row.host} of {parent}: "
            f"x = {x:g} per formula unit")
    keys = ", ".join(row.sources)
    beyond = exceeds(limit, x)
    if row.kind == "limit":
        return (f"{what} is {'BEYOND' if beyond else 'within'} the published solubility limit "
                f"x = {limit:g} ({keys}: {row.basis})")
    return (f"{what} is {'beyond' if beyond else 'within'} the series made up to x = {limit:g} "
            f"({keys}: {row.basis}); no solubility limit published"
            + ("" if not beyond else ", the amount is not known to dissolve"))


def exceeds(limit: float, x: float) -> bool:
    """Whether ``x`` dopant atoms per formula unit lie above the bound ``limit`` (a
    :class:`SolubilityLimit`'s ``max_amount`` for that formula unit), beyond
    :data:`LIMIT_MATCH_RTOL`: the one comparison of an amount with a published bound."""
    return x > limit * (1 + LIMIT_MATCH_RTOL)


@dataclass(frozen=True)
class SolubilityCheck:
    """A doped composition against one row of :func:`solubility_limits`: ``x``, its dopant
    atoms per formula unit of the row's parent; ``beyond``, x above the row's bound (a
    limit or the top of a series); ``note``, how x stands against the bound, with the
    source."""

    row: SolubilityLimit
    x: float
    beyond: bool
    note: str

    @property
    def beyond_solubility_limit(self) -> bool:
        """x above a published solubility limit (kind "limit"), not only a studied series."""
        return self.beyond and self.row.kind == "limit"


@functools.cache
def _parent_amounts(parent: str) -> dict[str, float]:
    """Amounts per formula unit of a table parent ('Li7La3Zr2O12'), by element symbol."""
    from pymatgen.core import Composition

    return {str(el): float(a) for el, a in Composition(parent).get_el_amt_dict().items()}


def replaces_host(host: str, amounts: Mapping[str, float]) -> bool:
    """Whether a composition (``amounts`` by element) has none of ``host`` left, the host
    being other than Li (whose Li compensates and is never all replaced): the end member of
    the substitution (Li2ZrCl6 of Zr on In of Li3InCl6, Li10SnP2S12 of Sn on Ge of
    Li10GeP2S12), a compound of its own rather than a doping of the parent, so a bound on
    the dopant's solubility in the parent does not apply to it."""
    return host != "Li" and round(amounts.get(host, 0.0), DECIMALS) <= 0


def solubility_checks(comp: Any) -> tuple[SolubilityCheck, ...]:
    """The rows of :func:`solubility_limits` of which ``comp`` (a pymatgen Composition or a
    formula) is a doping, each with its dopant amount x per formula unit of the row's parent.

    ``comp`` matches a row when it holds the row's dopant, its other elements are the
    parent's, and the parent's elements other than Li, the host and the dopant (its
    framework: La, Zr and O for Al on Li of Li7La3Zr2O12) stand in the parent's ratios within
    :data:`LIMIT_MATCH_RTOL`; they fix the formula unit (Li12.8Al1.6La6Zr4O24 is x = 0.8 of
    Li7La3Zr2O12) and x is the dopant amount beyond the parent's own (Li5.5PS4.5Cl1.5 is
    x = 0.5 of Cl on S of Li6PS5Cl). The Li and host amounts are not checked (papers write
    Li contents of several compensations), nor the oxidation state (the row's). A
    composition with another substituent too (co-doping) matches no row: the bounds were
    measured for one dopant. Nor does one without the row's host (other than Li): the host
    fully replaced is the series' other end member, a compound of its own (Li2ZrCl6 of Zr
    on In of Li3InCl6), not a doping of the parent (:func:`replaces_host`). The comparison
    is :func:`exceeds`, as for generated candidates."""
    from pymatgen.core import Composition

    from solidcell.chemistry.composition import parse_composition

    if isinstance(comp, str):
        comp = parse_composition(comp, field="comp")
    elif not isinstance(comp, Composition):
        raise ValidationError("comp", comp, "a chemical formula (text) or a pymatgen "
                              "Composition")
    amounts = {str(el): float(a) for el, a in comp.get_el_amt_dict().items()}
    out = []
    for row in solubility_limits():
        parent = _parent_amounts(row.parent)
        if row.dopant not in amounts or not set(amounts) <= set(parent) | {row.dopant}:
            continue
        if replaces_host(row.host, amounts):  # the other end member, not a doped parent
            continue
        framework = [e for e in parent if e not in ("Li", row.host, row.dopant)]
        if not framework or not all(e in amounts for e in framework):
            continue
        scale = amounts[framework[0]] / parent[framework[0]]
        if not all(math.isclose(amounts[e] / scale, parent[e], rel_tol=LIMIT_MATCH_RTOL)
                   for e in framework):
            continue
        x = amounts[row.dopant] / scale - parent.get(row.dopant, 0.0)
        if x <= row.max_amount * LIMIT_MATCH_RTOL:  # none beyond the parent's own
            continue
        beyond = exceeds(row.max_amount, x)
        out.append(SolubilityCheck(row, x, beyond,
                                   _solubility_note(row, row.max_amount, x, row.parent)))
    return tuple(out)


def _too_little(decimals: int) -> str:
    """What an amount x must be to be written in a formula at ``decimals`` decimals."""
    return (f"dopant atoms per parent formula unit that do not round to 0 at {decimals} "
            f"decimals (the formula's digits), e.g. {10.0 ** -decimals:g} or more")


def _refuse_fraction_rounding_to_zero(share: float, host: str, amount: float) -> None:
    """Raise ValidationError naming ``fractions``: ``share`` of ``host``'s ``amount`` per
    formula unit gives x = share * amount that rounds to 0 at :data:`DECIMALS`, a candidate
    too little to write down (fractions=[1e-9] gave no candidate and no message)."""
    smallest = 10.0 ** -DECIMALS / amount
    raise ValidationError(
        "fractions", share, f"a share whose x = share * the host amount ({host}: {amount:g} "
        f"per formula unit) does not round to 0 at {DECIMALS} decimals, e.g. "
        f"{smallest:.3g} or more")


def _generate(
    parent: Any,
    dopants: Sequence[str] | None = None,
    fractions: Sequence[float] | None = None,
    hosts: Sequence[str] | None = None,
    *,
    amounts: Sequence[float] | None = None,
    min_probability: float | None = None,
    max_radius_mismatch: float | None = None,
) -> tuple[list[Candidate], int, tuple[str, ...]]:
    """(:func:`generate_candidates`' list, the number of default candidates not generated for a
    solubility limit, the bib keys of those limits). ``parent``: as given, or read already
    (:func:`_read_parent`, :func:`discover`'s, read once)."""
    check_min_probability(min_probability)  # before the work
    check_max_radius_mismatch(max_radius_mismatch)
    read = parent if isinstance(parent, _Parent) else _read_parent(parent)
    parent, structure, oxi, comp = read
    shown_parent = parent_formula(comp)
    dopants = [dopants] if isinstance(dopants, str) else dopants  # "Ta" is one dopant
    hosts = [hosts] if isinstance(hosts, str) else hosts
    if isinstance(fractions, str):  # "0.1" was read as its characters: "'0' is not allowed"
        raise ValidationError("fractions", fractions, "a list of shares such as [0.1, 0.2]")
    if _not_a_list(amounts):
        # a bare 0.25 raised TypeError ('float' object is not iterable); a dict gave its keys
        raise ValidationError("amounts", amounts, "a list of amounts such as [0.25, 0.5]")
    if _not_a_list(fractions):
        raise ValidationError("fractions", fractions, "a list of shares such as [0.1, 0.2]")
    if fractions is not None and amounts is not None:  # two meanings of x: which one?
        raise ValidationError("amounts", amounts, "None when fractions are given (shares of "
                              "the host amount or dopant atoms per formula unit, not both)")
    if amounts is not None:
        amounts = tuple(amounts)
    chosen = fractions is not None or amounts is not None  # the user's x: kept, flagged
    given_fractions = fractions is not None
    fractions = tuple(DEFAULT_FRACTIONS if fractions is None else fractions)
    dopant_list = tuple(DEFAULT_DOPANTS if dopants is None else dopants)
    for name, given in (("fractions", fractions), ("dopants", dopant_list), ("hosts", hosts),
                        ("amounts", amounts)):
        if given is not None and len(given) == 0:  # an empty list screens nothing
            raise ValidationError(name, given, "at least one entry (or None for the default)")
    for f in fractions:  # NumPy numbers too (np.float32 was refused); never a bool
        if not is_real(f) or not 0 < f < 1 or math.isnan(f):
            raise ValidationError("fractions", f, "shares of the host amount between 0 and 1 "
                                  "(the whole host: amounts instead, equal to its amount per "
                                  "formula unit, 1 for Sn on the Ge of Li10GeP2S12)")
    fractions = tuple(float(f) for f in fractions)
    for a in amounts or ():
        if not is_real(a) or not 0 < a < math.inf:  # also refuses NaN
            raise ValidationError("amounts", a, "dopant atoms per parent formula unit > 0, "
                                  "e.g. 0.25")
        if round(float(a), DECIMALS) <= 0:  # 1e-9 gave no candidate and no message
            raise ValidationError("amounts", a, _too_little(DECIMALS))
    dopant_states: dict[str, tuple[int, ...]] = {}
    for d in dopant_list:  # 'Ta' takes its common states, 'Bi5+' the state written
        element, states = _dopant_states(d, oxi)
        dopant_states[element] = tuple(dict.fromkeys((*dopant_states.get(element, ()),
                                                       *states)))
    per_unit = amounts  # the x values given (None: shares of each host's amount)
    amounts = {str(el): float(a) for el, a in comp.get_el_amt_dict().items()}
    parent_charge = sum(amounts[e] * oxi[e] for e in amounts)  # 0 within the tolerance
    # the scale of the charges: an absolute tolerance raised RuntimeError for Li7e100La3e100...
    positive = sum(amounts[e] * oxi[e] for e in amounts if oxi[e] > 0)
    host_list = (tuple(el for el in amounts if el not in DEFAULT_HOST_EXCLUDED)
                 if hosts is None else tuple(hosts))
    for h in host_list:
        if h not in amounts:
            raise ValidationError("hosts", h, f"elements of {parent}: {', '.join(amounts)}")
    out: list[Candidate] = []
    seen: set[str] = set()
    probabilities: dict[tuple[str, int, str], float | None] = {}
    mismatches: dict[tuple[str, int, str], tuple[float | None, str]] = {}
    coordination = host_coordination(structure, oxi) if structure is not None else {}
    limits = limits_for(comp)
    n_beyond, beyond_keys = 0, []
    for host in host_list:
        o_h = oxi[host]
        if structure is None:
            cn, site_note = FORMULA_COORDINATION, (
                f"ionic radii at CN {FORMULA_COORDINATION}: the coordination of the {host} "
                "site is not known for a formula parent (give a CIF for it)")
        else:
            cn, site_note = _site_coordination(coordination[host], host)
        # x, dopant atoms per formula unit: a share of the host amount, or as given (up to
        # the host amount: x equal to it replaces the host, the end member of the series,
        # Li10SnP2S12 from Sn on Ge in Li10GeP2S12; more gives nothing on that host)
        xs = (tuple(f * amounts[host] for f in fractions) if per_unit is None else
              tuple(float(a) for a in per_unit if a <= amounts[host] * (1 + 1e-12)))
        for dopant, common in dopant_states.items():
            if dopant == host:
                continue
            for o_d in common:
                if o_d == 0 or (o_d > 0) != (o_h > 0):
                    continue
                if (o_d > 0) == (dopant in ANION_FORMERS):  # no Cl7+ cations, no Ge4- anions
                    continue
                for x in xs:
                    # the whole host replaced (an amount given equal to it; never Li, which
                    # compensates): the end member, written without the host
                    full = host != "Li" and abs(x - amounts[host]) <= 1e-12 * amounts[host]
                    x = amounts[host] if full else x
                    new: dict[str, float] = {}
                    for el, amt in amounts.items():  # dopant written right after its host
                        if el != dopant:
                            new[el] = amt - x if el == host else amt
                        if el == host:
                            new[dopant] = amounts.get(dopant, 0.0)
                    if host == "Li":
                        new["Li"] = amounts["Li"] - x * o_d
                    else:
                        new["Li"] = amounts["Li"] - x * (o_d - o_h)
                    new[dopant] = new.get(dopant, 0.0) + x
                    if full:
                        del new[host]
                    # "at least half", up to rounding: 7 - 0.1*7*5 is 3.4999999999999996, which
                    # dropped Li3.5Ta0.7La3Zr2O12 (Ta on Li, f = 0.1) while Li7e100... kept it
                    if new["Li"] < MIN_LI_SHARE * amounts["Li"] * (1 - 1e-12):
                        continue
                    if round(x, DECIMALS) <= 0:  # too little to write down
                        if given_fractions:  # the user's share gave nothing, said so
                            low = min(host_list, key=amounts.__getitem__)  # the least x
                            _refuse_fraction_rounding_to_zero(fractions[xs.index(x)], low,
                                                              amounts[low])
                        continue
                    if not full and round(new[host], DECIMALS) <= 0:  # the host gone as
                        continue  # written: 1.9999999 of Ta on Zr gave Li5La3Ta2O12
                    charge = (sum(new[e] * oxi[e] for e in new if e != dopant) + x * o_d
                              + amounts.get(dopant, 0.0) * oxi.get(dopant, 0.0))
                    if abs(charge - parent_charge) > 1e-9 * positive:  # pragma: no cover
                        raise RuntimeError(f"{new} is not neutral ({charge})")  # by construction
                    # as written (6 decimals): amounts of ~1e-6 per formula unit lose digits
                    written = sum(round(a, DECIMALS) * (o_d if e == dopant else oxi[e])
                                  for e, a in new.items())
                    if abs(written - parent_charge) > WRITTEN_CHARGE_TOLERANCE * positive:
                        raise ValidationError(
                            "parent", parent, f"amounts per formula unit that formulas with "
                            f"{DECIMALS} decimals keep neutral ({written_formula(new, DECIMALS)}"
                            " is not): write the formula unit with larger amounts")
                    formula = written_formula(new, DECIMALS)
                    if formula in seen:
                        continue
                    # the host all replaced: the other end member, which a bound on the
                    # dopant in this parent does not describe (as solubility_checks)
                    row, limit = ((None, None) if full else
                                  limits.get((dopant, o_d, host), (None, None)))
                    beyond = row is not None and row.kind == "limit" and exceeds(limit, x)
                    if beyond and not chosen:  # a default amount past a known limit
                        n_beyond += 1
                        beyond_keys += row.sources
                        continue
                    seen.add(formula)
                    key = (dopant, o_d, host)
                    if key not in probabilities:
                        probabilities[key] = substitution_probability(dopant, o_d, host, o_h)
                        value, why = radius_mismatch(dopant, o_d, host, o_h, cn)
                        mismatches[key] = value, "; ".join(n for n in (site_note, why) if n)
                    out.append(Candidate(
                        formula, shown_parent, host, dopant, o_h, float(o_d), round(x, DECIMALS),
                        round(new["Li"], DECIMALS), probabilities[key], mismatches[key][0], cn,
                        mismatches[key][1], None if row is None else round(limit, DECIMALS),
                        "" if row is None else _solubility_note(row, limit, x, str(parent)),
                        beyond))
    kept = filter_by_probability(out, min_probability)[0]
    kept = filter_by_radius_mismatch(kept, max_radius_mismatch)[0]
    return kept, n_beyond, tuple(dict.fromkeys(beyond_keys))


def generate_candidates(
    parent: Any,
    dopants: Sequence[str] | None = None,
    fractions: Sequence[float] | None = None,
    hosts: Sequence[str] | None = None,
    *,
    amounts: Sequence[float] | None = None,
    min_probability: float | None = None,
    max_radius_mismatch: float | None = None,
) -> list[Candidate]:
    """Charge-balanced single substitutions of ``parent`` (see the module text for the rule).

    ``parent``: a formula, or a CIF path or pymatgen Structure (substituted as the formula of
    its reduced composition; the host sites' coordination numbers come from the structure).
    ``dopants``: element symbols (default :data:`DEFAULT_DOPANTS`); ``fractions``: shares of
    the host amount to substitute, each in (0, 1) (default :data:`DEFAULT_FRACTIONS`);
    ``amounts``: instead of ``fractions``, dopant atoms per parent formula unit, the x of
    papers' formulas (x = 0.25 gives Li6.25Al0.25La3Zr2O12 from Al on Li in Li7La3Zr2O12 and
    Li1.25Ti1.75Al0.25P3O12 from Al on Ti in LiTi2(PO4)3); an amount equal to a host's
    amount replaces that host, the end member of the series (Li10SnP2S12 from Sn on Ge in
    Li10GeP2S12, Li3YBr6 from 6 Br on Cl in Li3YCl6), one above it gives no candidate on that
    host; a dopant written as an ion ('Bi5+') takes that state only; ``hosts``: restrict to
    these host elements (default every element of the parent but H, see the module text);
    ``min_probability``: drop candidates whose :func:`substitution_probability` is below it
    (default None: none dropped; see :func:`filter_by_probability`); ``max_radius_mismatch``:
    drop candidates whose :func:`radius_mismatch` is above it (default None; see
    :func:`filter_by_radius_mismatch`). With the default fractions (neither ``fractions`` nor
    ``amounts`` given) a candidate beyond a published solubility limit
    (:func:`solubility_limits`) is not generated; a given amount or fraction beyond one is
    generated with ``beyond_solubility_limit`` and a note naming the limit and its source.
    """
    return _generate(parent, dopants, fractions, hosts, amounts=amounts,
                     min_probability=min_probability,
                     max_radius_mismatch=max_radius_mismatch)[0]


def discover(
    parent: Any,
    dopants: Sequence[str] | None = None,
    fractions: Sequence[float] | None = None,
    hosts: Sequence[str] | None = None,
    *,
    level: float = 0.9,
    top: int | None = None,
    window: bool = False,
    progress: Callable[[int, int], None] | None = None,
    amounts: Sequence[float] | None = None,
    min_probability: float | None = None,
    max_radius_mismatch: float | None = None,
) -> DiscoveryResult:
    """Generate substitutions of ``parent`` and rank them by predicted conductivity.

    ``top``: keep the best ``top`` (all when None; equal predictions keep the generation order,
    and ``n_tied_beyond_top`` counts those left out that equal the last kept). Parent and
    candidates are predicted by the composition model, also for a CIF parent (the candidates
    have no structure of their own). ``window``: compute the stability window of
    the kept candidates (slower; needs :mod:`solidcell.interfaces.stability`).
    ``progress(done, total)`` is called while candidates are featurised and windows computed.
    ``amounts``: dopant atoms per formula unit instead of ``fractions`` (see
    :func:`generate_candidates`). ``min_probability``: drop the candidates whose
    :func:`substitution_probability` is below it before ranking (their number is
    ``n_below_probability``; ``n_generated`` counts all generated). ``max_radius_mismatch``:
    then drop those whose :func:`radius_mismatch` is above it (``n_above_radius_mismatch``;
    candidates without a value are kept, ``n_without_radius_mismatch`` counts them). ``parent``
    may be a CIF path or a Structure: the radii are then taken at the host sites'
    coordination numbers.
    """
    from pymatgen.core import Composition

    from solidcell.discovery.features import fractions_of
    from solidcell.discovery.model import load_model
    from solidcell.discovery.predict import (
        MODEL_SOURCES,
        _window,
        isotope_note,
        predict_arrays,
        unseen_elements,
        unseen_elements_note,
    )

    if top is not None and (not is_integer(top) or top < 1):  # True is not 1; np.int64 is
        raise ValidationError("top", top, "a whole number >= 1")
    from solidcell.checks import flag

    window = flag("window", window)  # "no" computed every window, as predict_conductivity
    if progress is not None and not callable(progress):  # was a TypeError mid-run
        raise ValidationError("progress", progress, "a function progress(done, total) or None")
    threshold = check_min_probability(min_probability)
    radius_threshold = check_max_radius_mismatch(max_radius_mismatch)
    read = _read_parent(parent)  # once: the formula, the structure's sites, the states
    # D or T in a CIF: read as H
    parent_note = isotope_note(read.structure) if read.structure is not None else ""
    generated, n_beyond, beyond_keys = _generate(read, dopants, fractions, hosts,
                                                 amounts=amounts)
    cands, n_below = filter_by_probability(generated, threshold)
    cands, n_above = filter_by_radius_mismatch(cands, radius_threshold)
    parent_comp = read.composition
    model = load_model()
    comps = [parent_comp]
    total = len(cands) + 1
    chunk = 256
    for start in range(0, len(cands), chunk):
        comps += [Composition(c.formula) for c in cands[start:start + chunk]]
        if progress:
            progress(min(start + chunk, len(cands)) + 1, total)
    out = predict_arrays(fractions_of(comps), level, model)
    p0 = float(out["log10"][0])
    parent_note = "; ".join(n for n in (parent_note, _measured_parent_note(parent_comp, p0))
                            if n)
    ranked = np.argsort(-out["log10"][1:], kind="stable")  # ties keep the generation order
    order = ranked if top is None else ranked[:top]
    n_tied = 0
    if 0 < len(order) < len(ranked):  # equal predictions cut apart by top: say how many
        n_tied = int(np.sum(out["log10"][1:][ranked[len(order):]]
                            == out["log10"][1:][order[-1]]))
    screened = []
    for k, i in enumerate(order):
        c = cands[i]
        win, note = _window(c.formula) if window else (None, "")
        # a dopant (or parent element) no training entry has: say so, as predict does
        unseen = unseen_elements(comps[i + 1])
        note = "; ".join(n for n in (unseen_elements_note(comps[i + 1], unseen), note) if n)
        if window and progress:
            progress(k + 1, len(order))
        screened.append(ScreenedCandidate(
            c, float(out["log10"][i + 1]), float(out["lower"][i + 1]),
            float(out["upper"][i + 1]), float(out["log10"][i + 1]) - p0, win, note, unseen))
    return DiscoveryResult(
        parent=parent_formula(parent_comp), parent_log10_conductivity_S_cm=p0,
        parent_lower_log10_S_cm=float(out["lower"][0]),
        parent_upper_log10_S_cm=float(out["upper"][0]), interval_level=float(level),
        candidates=tuple(screened), n_generated=len(generated),
        model_version=str(model.meta.get("model_version")),
        sources=(*MODEL_SOURCES, GENERATION_SOURCE, PROBABILITY_SOURCE, RADIUS_SOURCE,
                 *beyond_keys, *_limit_sources(parent_comp, [c.candidate for c in screened])),
        min_probability=threshold, n_below_probability=n_below,
        max_radius_mismatch=radius_threshold, n_above_radius_mismatch=n_above,
        n_without_radius_mismatch=sum(c.radius_mismatch is None for c in cands),
        n_tied_beyond_top=n_tied, parent_note=parent_note, n_beyond_solubility_limit=n_beyond,
    )


def _measured_parent_note(comp: Any, predicted: float) -> str:
    """A note naming the measured conductivities of the parent's composition in the materials
    database (curated and your own, ``$SOLIDCELL_DB``) beside its prediction: "vs parent"
    compares each candidate's prediction with the parent's prediction, which may lie decades
    from the parent's measurement (Li2ZrCl6: -6.51 predicted, -3.09 measured,
    ``wang2021_li2zrcl6``), or "" when the database has none."""
    reduced = comp.reduced_composition
    found = [shown for known, shown in _measured_index() if known.almost_equals(reduced)]
    if not found:
        return ""
    return (f"measured log10 sigma [S/cm] in the materials database: {', '.join(found)}; "
            f"the model predicts {predicted:.2f}, and 'vs parent' compares the candidates' "
            "predictions with that prediction, not with the measurement")


def _measured_index() -> tuple[tuple[Any, str], ...]:
    """(reduced composition, "id log10 (source)") of each measured Li electrolyte of the
    materials database, in its order (``predict._knowledge_base``), each formula parsed once
    per version of the database (:func:`~solidcell.materials.store.database_version`, with
    its URL: a material or measurement stored since, by this process or another, is read);
    read afresh where that version is not known (a database in memory)."""
    from solidcell.materials.store import database_version, default_url

    try:
        url = default_url()
    except ValidationError:  # a SOLIDCELL_DB the store refuses: _knowledge_base says so
        url = None
    version = database_version(url) if url is not None else None
    if version is None:
        return _measured_index_at.__wrapped__(url, None)
    return _measured_index_at(url, version)


@functools.lru_cache(maxsize=4)
def _measured_index_at(url: str | None, version: Any) -> tuple[tuple[Any, str], ...]:
    """:func:`_measured_index` of the database at ``url`` and ``version`` (keys only)."""
    from pymatgen.core import Composition

    from solidcell.discovery.predict import _knowledge_base

    index = []
    for mid, formula, log10, source in _knowledge_base():
        if log10 is None:
            continue
        try:
            reduced = Composition(formula).reduced_composition
        except (ValueError, KeyError, TypeError):  # a formula pymatgen does not read
            continue
        index.append((reduced, f"{mid} {log10:.2f} ({source})"))
    return tuple(index)


def _limit_sources(comp: Any, shown: Sequence[Candidate]) -> tuple[str, ...]:
    """Bib keys of the solubility limits and series of ``comp`` that the ``shown`` candidates'
    notes name."""
    keys: list[str] = []
    for (dopant, state, host), (row, _) in limits_for(comp).items():
        if any(c.dopant == dopant and c.dopant_oxidation_state == state and c.host == host
               for c in shown):
            keys += row.sources
    return tuple(dict.fromkeys(keys))
