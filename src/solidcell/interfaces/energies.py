"""Formation energies for phase diagrams: the shipped table, its energy schemes, user entries.

An :class:`EnergyTable` holds compounds as element counts of one formula unit and a formation
energy per formula unit [eV] relative to the elements (an element's formation energy is 0, so
the chemical potential of lithium is referenced to lithium metal). Phase diagrams need no more:
the elemental reference energies cancel from every reaction.

Energy schemes (every result states the one it used):

- ``"mp2019-legacy"``: the Materials Project energies of about 2019 as shipped, with the legacy
  ``MaterialsProjectCompatibility`` corrections (Jain et al. 2011), including -0.66346 eV per S
  atom for sulfides.
- ``"zhu2015"``: the same energies with the sulfide correction undone (+0.66346 eV per S atom in
  every compound that contains S and no O, i.e. sulfides; sulfates were not corrected). This is
  how Zhu, He & Mo (2015) computed sulfide windows (uncorrected GGA sulfide energies).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from solidcell.errors import SolidcellError, ValidationError

#: legacy MP sulfide correction [eV per S atom] (pymatgen MPCompatibility.yaml, legacy scheme).
MP_LEGACY_SULFIDE_CORRECTION = -0.66346

SCHEMES: dict[str, str] = {
    "mp2019-legacy": "Materials Project (~2019) formation energies with the legacy "
                     "MaterialsProjectCompatibility corrections, as shipped",
    "zhu2015": "as mp2019-legacy with the sulfide correction (-0.66346 eV/S) undone, "
               "as Zhu, He & Mo (2015) used for sulfides",
}
DEFAULT_SCHEME = "zhu2015"
#: energy above hull [eV/atom] up to which a shipped row takes part in equilibria
HULL_TOL = 1e-6
SNAPSHOT = "Materials Project ~2019 via Matbench v0.1 mp_e_form (lowest polymorph per formula)"
#: largest magnitude of a user-supplied formation energy [eV/atom]: a plausibility bound
#: (solidcell convention; the shipped data span -3.99 to +2.38 eV/atom), not a physical limit
MAX_FORMATION_EV_ATOM = 10.0
#: bibliography keys of the shipped data
DATA_SOURCES = ("jain2013_materials_project", "dunn2020_matbench", "jain2011_gga_u_mixing")


class NotCoveredError(SolidcellError, LookupError):
    """A composition or chemical system the energy data do not cover; the message says what."""


@dataclass(frozen=True)
class EnergyTable:
    """Compounds (element counts per formula unit) with formation energies per formula unit."""

    elements: tuple[str, ...]
    formulas: tuple[str, ...]
    counts: np.ndarray  # (n_compounds, n_elements) atoms per formula unit
    energies: np.ndarray  # (n_compounds,) formation energy per formula unit [eV]
    scheme: str
    snapshot: str
    sources: tuple[str, ...]
    user_formulas: frozenset[str] = frozenset()
    #: rows that can take part in an equilibrium (on the shipped hull, or user rows); None: all
    stable: np.ndarray | None = None

    def usable(self) -> np.ndarray:
        """Boolean mask of the rows the equilibrium LPs consider."""
        return np.ones(len(self.formulas), dtype=bool) if self.stable is None else self.stable

    def __len__(self) -> int:
        return len(self.formulas)

    def index(self, composition: Mapping[str, float]) -> int | None:
        """Row of the compound with the same reduced composition, else None."""
        vec = self.vector(composition, strict=False)
        if vec is None:
            return None
        target = vec / vec.sum()
        natoms = self.counts.sum(axis=1)
        fractions = self.counts / natoms[:, None]
        hits = np.flatnonzero(np.all(np.abs(fractions - target) < 1e-6, axis=1))
        if hits.size == 0:
            return None
        return int(hits[np.argmin(self.energies[hits] / natoms[hits])])

    def vector(self, composition: Mapping[str, float], strict: bool = True) -> np.ndarray | None:
        """Element counts of ``composition`` in this table's element order."""
        missing = [el for el, n in composition.items() if n > 0 and el not in self.elements]
        if missing:
            if not strict:
                return None
            raise NotCoveredError(
                f"the energy table ({self.snapshot}) has no data for element(s) "
                f"{', '.join(sorted(missing))}; covered elements: {', '.join(self.elements)}. "
                "Supply formation energies of this chemical system with "
                "entries=[(formula, eV/atom), ...] (CLI: --entry FORMULA=EV_PER_ATOM, "
                "repeatable) or use the Materials Project API (Python: solidcell.interfaces.mp)"
            )
        vec = np.zeros(len(self.elements))
        for el, n in composition.items():
            if n > 0:
                vec[self.elements.index(el)] = float(n)
        return vec

    def subsystem(self, elements: Iterable[str]) -> EnergyTable:
        """The compounds made only of ``elements`` (a chemical system)."""
        keep_el = [i for i, el in enumerate(self.elements) if el in set(elements)]
        outside = np.ones(len(self.elements), dtype=bool)
        outside[keep_el] = False
        rows = np.flatnonzero(self.counts[:, outside].sum(axis=1) == 0)
        return EnergyTable(
            elements=tuple(self.elements[i] for i in keep_el),
            formulas=tuple(self.formulas[i] for i in rows),
            counts=self.counts[np.ix_(rows, keep_el)],
            energies=self.energies[rows],
            scheme=self.scheme, snapshot=self.snapshot, sources=self.sources,
            user_formulas=self.user_formulas,
            stable=None if self.stable is None else self.stable[rows],
        )

    def with_entries(self, entries: Sequence[tuple[str, float]], per: str = "atom",
                     label: str = "user-supplied") -> EnergyTable:
        """A table with user compounds added (or replacing the shipped one of that formula).

        ``entries``: ``(formula, formation energy)`` pairs, energies in eV per atom
        (``per="atom"``) or eV per formula unit (``per="formula"``), relative to the same
        elemental references (elements at 0).
        """
        if per not in ("atom", "formula"):
            raise ValidationError("per", per, "use 'atom' or 'formula'")
        formulas = list(self.formulas)
        energies = list(self.energies)
        stable = list(self.usable())
        rows = [dict(zip(self.elements, r, strict=True)) for r in self.counts]
        added: list[str] = []
        for i, entry in enumerate(entries):
            try:
                formula, energy = entry
                energy = float(energy)
            except (TypeError, ValueError):
                raise ValidationError(f"entries[{i}]", entry,
                                      "give (formula, formation energy) pairs") from None
            if not np.isfinite(energy):
                raise ValidationError(f"entries[{i}].energy", energy, "a finite number of eV")
            comp = composition_of(formula, field=f"entries[{i}].formula")
            natoms = sum(comp.values())
            e_fu = energy * natoms if per == "atom" else energy
            if abs(e_fu / natoms) > MAX_FORMATION_EV_ATOM:  # -1e9 gave a 0-10 V "window"
                raise ValidationError(
                    f"entries[{i}].energy", energy,
                    f"a formation energy within +-{MAX_FORMATION_EV_ATOM:g} eV per atom (the "
                    "shipped data span -3.99 (Y2O3) to +2.38 eV/atom); was it given in kJ/mol, "
                    "or per formula unit where eV/atom is asked?")
            if len(comp) == 1 and abs(e_fu) > 1e-9:
                raise ValidationError(f"entries[{i}]", entry,
                                      "an element's formation energy is 0 by definition")
            for j, row in enumerate(rows):  # replace an existing compound of that composition
                tot = sum(row.values())
                if tot > 0 and set(k for k, v in row.items() if v > 0) == set(comp) and all(
                        abs(row[el] / tot - comp[el] / natoms) < 1e-6 for el in comp):
                    formulas.pop(j)
                    energies.pop(j)
                    rows.pop(j)
                    stable.pop(j)
                    break
            formulas.append(str(formula))
            energies.append(e_fu)
            rows.append(dict(comp))
            stable.append(True)
            added.append(str(formula))
        elements = sorted(set(self.elements) | {el for r in rows for el in r})
        counts = np.array([[r.get(el, 0.0) for el in elements] for r in rows], dtype=float)
        for el in elements:  # every element present as its own reference (energy 0)
            if not any(len([v for v in r.values() if v > 0]) == 1 and r.get(el, 0) > 0
                       for r in rows):
                formulas.append(el)
                energies.append(0.0)
                stable.append(True)
                counts = np.vstack([counts, [1.0 if e == el else 0.0 for e in elements]])
        return EnergyTable(
            elements=tuple(elements), formulas=tuple(formulas), counts=counts,
            energies=np.asarray(energies, dtype=float), scheme=self.scheme,
            snapshot=f"{self.snapshot} + {len(added)} {label} entries",
            sources=self.sources, user_formulas=self.user_formulas | frozenset(added),
            stable=np.asarray(stable, dtype=bool),
        )


def composition_of(formula: str, field: str = "formula") -> dict[str, float]:
    """Element -> amount of ``formula`` (parsed by solidcell's pymatgen-based parser)."""
    from solidcell.chemistry.composition import parse_composition

    comp = parse_composition(formula, field=field)
    return {str(el): float(n) for el, n in comp.items()}


@lru_cache(maxsize=1)
def _raw_table() -> tuple[tuple[str, ...], tuple[str, ...], np.ndarray, np.ndarray]:
    text = resources.files("solidcell.interfaces.data").joinpath(
        "mp_e_form_subset.csv").read_text("utf-8")
    reader = csv.DictReader(text.splitlines())
    formulas: list[str] = []
    comps: list[dict[str, float]] = []
    per_atom: list[float] = []
    for row in reader:
        comp = {el: float(n) for el, n in (p.split(":") for p in row["composition"].split())}
        formulas.append(row["formula"])
        comps.append(comp)
        per_atom.append(float(row["formation_energy_eV_per_atom"]))
    elements = tuple(sorted({el for c in comps for el in c}))
    counts = np.array([[c.get(el, 0.0) for el in elements] for c in comps])
    energies = np.asarray(per_atom) * counts.sum(axis=1)
    counts.flags.writeable = False
    energies.flags.writeable = False
    return elements, tuple(formulas), counts, energies


@lru_cache(maxsize=1)
def _hull_flags() -> dict[str, np.ndarray] | None:
    """Energy above the shipped hull per scheme (``mp_e_form_hull.csv``), if present."""
    folder = resources.files("solidcell.interfaces.data")
    path = folder.joinpath("mp_e_form_hull.csv")
    if not path.is_file():
        return None
    rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
    if [r["formula"] for r in rows] != list(_raw_table()[1]):
        return None  # stale file: use every row
    return {s: np.array([float(r[f"e_above_hull_{s}_eV_per_atom"]) for r in rows])
            for s in SCHEMES}


@lru_cache(maxsize=4)
def check_scheme(scheme: Any) -> str:
    """``scheme`` when it is one of :data:`SCHEMES`; else :class:`ValidationError`."""
    if not isinstance(scheme, str) or scheme not in SCHEMES:
        raise ValidationError("scheme", scheme, f"use one of {', '.join(SCHEMES)}")
    return scheme


def shipped_table(scheme: str = DEFAULT_SCHEME) -> EnergyTable:
    """The shipped energy table in energy ``scheme`` (see :data:`SCHEMES`)."""
    check_scheme(scheme)
    elements, formulas, counts, energies = _raw_table()
    sources = DATA_SOURCES
    if scheme == "zhu2015":
        energies = energies - MP_LEGACY_SULFIDE_CORRECTION * sulfide_atoms(elements, counts)
        sources = (*DATA_SOURCES, "zhu2015_stability")
    flags = _hull_flags()
    stable = None if flags is None else flags[scheme] <= HULL_TOL
    return EnergyTable(elements=elements, formulas=formulas, counts=counts,
                       energies=energies, scheme=scheme, snapshot=SNAPSHOT, sources=sources,
                       stable=stable)


def sulfide_atoms(elements: Sequence[str], counts: np.ndarray) -> np.ndarray:
    """S atoms per formula unit of the sulfides (compounds with S, no O, not elemental S)."""
    if "S" not in elements:
        return np.zeros(len(counts))
    s = counts[:, list(elements).index("S")]
    o = counts[:, list(elements).index("O")] if "O" in elements else np.zeros(len(counts))
    n_elements = (counts > 0).sum(axis=1)
    return np.where((s > 0) & (o == 0) & (n_elements > 1), s, 0.0)
