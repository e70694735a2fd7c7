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

import contextlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat
from typing import Any

import numpy as np

from solidcell.checks import is_bool
from solidcell.errors import SolidcellError, ValidationError

#: legacy MP sulfide correction [eV per S atom] (pymatgen MPCompatibility.yaml, legacy scheme:
#: "Sulfide Correction fit to Li2S, Na2S, K2S, Rb2S, CsS, MgS, CaS, BaS, Al2S3"; ong2013_pymatgen).
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
#: keys of the zhu2015 scheme: the data, the method, and pymatgen for the correction undone
ZHU2015_SOURCES = (*DATA_SOURCES, "zhu2015_stability", "ong2013_pymatgen")


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
        # same elements too: by fractions alone Li1e9PS4 (P, S at 1e-9) matched Li metal
        hits = np.flatnonzero(np.all(np.abs(fractions - target) < 1e-6, axis=1)
                              & np.all((self.counts > 0) == (vec > 0), axis=1))
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
                f"{', '.join(sorted(missing))}; covered elements: {covered(self.elements)}. "
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

        Each entry, in order, replaces the first row (the table's rows, then the entries
        added before it) with its reduced composition (the same elements, atom fractions
        within 1e-6) and is appended; an element with no row of its own gets one (energy 0)
        at the end. Rows are matched as arrays: on the whole shipped table (95,118 rows) a
        row-by-row dict scan took ~10 s (``benchmarks/bench_shipped_entries.py``).
        """
        if per not in ("atom", "formula"):
            raise ValidationError("per", per, "use 'atom' or 'formula'")
        added = [_checked_entry(i, entry, per) for i, entry in enumerate(entries)]
        col = {el: j for j, el in enumerate(self.elements)}
        counts0 = np.asarray(self.counts, dtype=float).reshape(len(self.formulas),
                                                               len(self.elements))
        n_present = (counts0 > 0).sum(axis=1)  # elements per row
        alive = np.ones(len(self.formulas), dtype=bool)  # table rows not replaced
        kept: list[int] = []  # entries not replaced by a later one
        for k, (_, comp, natoms, _) in enumerate(added):
            j = self._same_composition(counts0, n_present, alive, col, comp, natoms)
            if j is not None:
                alive[j] = False
            else:
                for m in kept:
                    other, tot = added[m][1], added[m][2]
                    if set(other) == set(comp) and all(
                            abs(other[el] / tot - comp[el] / natoms) < 1e-6 for el in comp):
                        kept.remove(m)
                        break
            kept.append(k)
        rows = np.flatnonzero(alive)
        names = set(self.elements) if rows.size else set()
        elements = sorted(names | {el for m in kept for el in added[m][1]})
        # every element present as its own reference (energy 0): those without a row of
        # one element only
        single = np.flatnonzero(alive & (n_present == 1))
        pure = {self.elements[j] for j in np.flatnonzero((counts0[single] > 0).any(axis=0))}
        pure |= {el for m in kept if len(added[m][1]) == 1 for el in added[m][1]}
        refs = [el for el in elements if el not in pure]
        at = {el: j for j, el in enumerate(elements)}
        counts = np.zeros((rows.size + len(kept) + len(refs), len(elements)))
        if list(self.elements) == elements:  # one copy of the rows (~65 MB for the whole)
            np.take(counts0, rows, axis=0, out=counts[:rows.size])
        elif rows.size:
            counts[:rows.size, [at[el] for el in self.elements]] = counts0[rows]
        for r, m in enumerate(kept, start=rows.size):
            for el, n in added[m][1].items():
                counts[r, at[el]] = n
        for r, el in enumerate(refs, start=rows.size + len(kept)):
            counts[r, at[el]] = 1.0
        return EnergyTable(
            elements=tuple(elements),
            formulas=(*(self.formulas[i] for i in rows), *(added[m][0] for m in kept), *refs),
            counts=counts,
            energies=np.concatenate([np.asarray(self.energies, dtype=float)[rows],
                                     [added[m][3] for m in kept], np.zeros(len(refs))]),
            scheme=self.scheme,
            snapshot=f"{self.snapshot} + {len(added)} {label} entries",
            sources=self.sources,
            user_formulas=self.user_formulas | frozenset(f for f, _, _, _ in added),
            stable=np.concatenate([np.asarray(self.usable(), dtype=bool)[rows],
                                   np.ones(len(kept) + len(refs), dtype=bool)]),
        )

    @staticmethod
    def _same_composition(counts: np.ndarray, n_present: np.ndarray, alive: np.ndarray,
                          col: Mapping[str, int], comp: Mapping[str, float],
                          natoms: float) -> int | None:
        """First row of ``counts`` among ``alive`` with the elements of ``comp`` (no other) and
        its atom fractions within 1e-6; the row total is summed left to right, as
        ``sum(row)`` does, so that the 1e-6 test decides exactly as a row-by-row scan."""
        if any(el not in col for el in comp):
            return None
        cols = [col[el] for el in comp]
        cand = np.flatnonzero(alive & (n_present == len(comp))
                              & np.all(counts[:, cols] > 0, axis=1))
        if cand.size == 0:
            return None
        rows = counts[cand]
        tot = np.zeros(cand.size)
        for c in range(counts.shape[1]):
            tot = tot + rows[:, c]
        hit = tot > 0
        for el, c in zip(comp, cols, strict=True):
            hit &= np.abs(rows[:, c] / tot - comp[el] / natoms) < 1e-6
        first = np.flatnonzero(hit)
        return int(cand[first[0]]) if first.size else None


def entry_pairs(entries: Any) -> tuple[Any, ...]:
    """``entries`` of :func:`~solidcell.interfaces.stability.stability_window` and the like as
    a tuple (None: none); a mapping, text or anything not iterable raises ValidationError
    (``if entries:`` failed on a pandas Series with "truth value ... is ambiguous")."""
    allowed = "(formula, formation energy [eV/atom]) pairs, e.g. [('Li2S', -1.5)], or None"
    if entries is None:
        return ()
    if isinstance(entries, str | bytes | Mapping) or hasattr(entries, "keys"):
        raise ValidationError("entries", entries, allowed)
    try:
        return tuple(entries)
    except TypeError:
        raise ValidationError("entries", entries, allowed) from None


def _checked_entry(i: int, entry: Any, per: str) -> tuple[str, dict[str, float], float, float]:
    """``entries[i]`` checked: its formula, composition, atoms per formula unit and formation
    energy per formula unit [eV]; else :class:`ValidationError` naming ``entries[i]``."""
    try:
        formula, energy = entry
        if is_bool(energy):  # True was 1 eV/atom
            raise TypeError
        energy = float(energy)
    except (TypeError, ValueError, OverflowError):  # (10**400 eV: "int too large")
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
    return str(formula), comp, natoms, e_fu


def replacement_notes(table: EnergyTable, entries: Sequence[tuple[str, float]],
                      elements: Iterable[str]) -> list[str]:
    """A note for each user entry [eV/atom] (among ``elements``) that replaces a compound of
    ``table`` (the table before the entries), with both energies: a conflict with the data
    was applied silently (``--entry Li3PS4=-1.2`` moved the window with no word of it)."""
    notes = []
    for formula, energy in entries:
        comp = composition_of(formula)
        if not set(comp) <= set(elements) or table.vector(comp, strict=False) is None:
            continue
        sub = table.subsystem(comp)
        i = sub.index(comp)
        if i is not None:
            notes.append(f"entry {formula} ({float(energy):.4g} eV/atom) replaces "
                         f"{sub.formulas[i]} of the data "
                         f"({float(sub.energies[i] / sub.counts[i].sum()):.4g} eV/atom)")
    return notes


def covered(elements: Sequence[str]) -> str:
    """The elements of a table, listed, or when there are many, as the range they span less
    the elements absent from it ("84 elements, H to Pu except He, Ne, ...")."""
    if len(elements) <= 30:
        return ", ".join(elements)
    from pymatgen.core.periodic_table import Element

    top = max(Element(el).Z for el in elements)
    absent = [Element.from_Z(z).symbol for z in range(1, top + 1)
              if Element.from_Z(z).symbol not in elements]
    return (f"{len(elements)} elements, H to {Element.from_Z(top).symbol}"
            + (f" except {', '.join(absent)}" if absent else ""))


def composition_of(formula: str, field: str = "formula") -> dict[str, float]:
    """Element -> amount of ``formula`` (parsed by solidcell's pymatgen-based parser)."""
    from solidcell.chemistry.composition import parse_composition

    comp = parse_composition(formula, field=field)
    return {str(el): float(n) for el, n in comp.items()}


#: the shipped table (gzipped CSV, built by :mod:`solidcell.interfaces._build_data`)
DATA_FILE = "mp_e_form.csv.gz"
#: its columns; ``chemsys`` (sorted elements joined by "-") groups the rows by chemical system
#: so that a query parses only the systems it needs; an empty zhu2015 hull cell means "as
#: mp2019-legacy" (compounds without S)
DATA_COLUMNS = ("chemsys", "formula", "composition", "formation_energy_eV_per_atom",
                "e_above_hull_mp2019-legacy_eV_per_atom", "e_above_hull_zhu2015_eV_per_atom")


@lru_cache(maxsize=1)
def _lines() -> tuple[bytes, np.ndarray]:
    """The shipped table, decompressed but unparsed, and the offsets of its line starts (the
    header's first, then one per row, then the end): read once, ~50 ms, ~6 MB.

    Rows are looked up by bisection (:func:`_group`), so only the chemical systems a query
    needs are ever decoded and parsed."""
    import gzip

    data = gzip.decompress(
        resources.files("solidcell.interfaces.data").joinpath(DATA_FILE).read_bytes())
    header = data[:data.index(b"\n")].decode("utf-8")
    if tuple(header.split(",")) != DATA_COLUMNS:
        raise SolidcellError(f"{DATA_FILE}: unexpected header {header!r}")
    newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n"))
    return data, np.concatenate([[0], newlines + 1])


def _row_count() -> int:
    return len(_lines()[1]) - 2


def _group(key: str) -> list[str]:
    """Rows of one chemical system (``key``: sorted elements joined by "-"), less the key.

    The rows of a system are contiguous in the sorted file: those starting ``key + ","``,
    which sort before ``key + "-"`` (the next character)."""
    data, starts = _lines()

    def line(i: int) -> bytes:
        return data[starts[i]:starts[i + 1] - 1]

    rows = range(1, len(starts) - 1)
    k = key.encode("ascii")
    lo = bisect_left(rows, k + b",", key=line)
    hi = bisect_left(rows, k + b"-", lo, key=line)
    return [line(rows[i])[len(k) + 1:].decode("utf-8") for i in range(lo, hi)]


@lru_cache(maxsize=1)
def _shipped_formulas() -> tuple[str, ...]:
    """Formulas of the whole shipped table, in its row order (sorted, as :func:`parse_rows`
    sorts), read from the ``formula`` column alone: ~0.2 s, where parsing every row into the
    whole table's arrays took ~3 s, now ~0.7 s (``benchmarks/bench_shipped_formulas.py``)."""
    elements = set(shipped_elements())
    text = _lines()[0].decode("utf-8").splitlines()[1:]
    keys: dict[str, bool] = {}  # chemsys -> made of shipped elements (as _system_rows keeps)
    formulas = []
    for line in text:
        key, formula, _ = line.split(",", 2)
        inside = keys.get(key)
        if inside is None:
            inside = keys[key] = set(key.split("-")) <= elements
        if inside:
            formulas.append(formula)
    return tuple(sorted(formulas))


@lru_cache(maxsize=1)
def shipped_elements() -> tuple[str, ...]:
    """Every element of the shipped table (each has its elemental row), sorted."""
    from pymatgen.core.periodic_table import Element

    return tuple(sorted(el.symbol for el in Element if _group(el.symbol)))


def parse_rows(lines: Iterable[str], elements: Sequence[str]
               ) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Formulas, counts, energies per formula unit [eV] and energy above hull per scheme
    [eV/atom] of table rows (the columns after ``chemsys``), sorted by formula (as lists of
    their fields; components of elements not in ``elements`` are dropped).

    Parsed column-wise (one split of the joined text, a scatter into the counts): row by row
    the whole table took ~3 s, mostly filling the dense 95,118 x 84 counts element by element
    (``benchmarks/bench_shipped_entries.py``)."""
    lines = list(lines)
    n = len(lines)
    text = "\n".join(lines)
    if "\0" in text:
        raise SolidcellError(f"{DATA_FILE}: a NUL character in a row")
    # "," -> NUL (below every character of the file): the lines then sort as their fields do
    keyed = sorted(text.replace(",", "\0").split("\n")) if n else []
    fields = "\0".join(keyed).split("\0") if n else []
    if len(fields) != 5 * n:
        raise SolidcellError(f"{DATA_FILE}: rows must have {len(DATA_COLUMNS)} columns")
    formulas, comps, per_atom, legacy, zhu = (fields[i::5] for i in range(5))
    col = {el: j for j, el in enumerate(elements)}
    parts = " ".join(comps).replace(":", " ").split()  # element, amount, element, ...
    row = np.repeat(np.arange(n), np.array([c.count(":") for c in comps], dtype=np.intp))
    if len(parts) != 2 * row.size:
        raise SolidcellError(f"{DATA_FILE}: a composition is not 'El:n El:n ...'")
    column = np.fromiter(map(col.get, parts[0::2], repeat(-1)), dtype=np.intp, count=row.size)
    amount = np.fromiter(map(float, parts[1::2]), dtype=float, count=row.size)
    inside = column >= 0
    cell = np.sort(row[inside] * max(len(elements), 1) + column[inside])
    if np.any(cell[1:] == cell[:-1]):  # the scatter below would keep either amount
        raise SolidcellError(f"{DATA_FILE}: an element twice in one composition")
    counts = np.zeros((n, len(elements)))
    counts[row[inside], column[inside]] = amount[inside]
    energies = np.fromiter(map(float, per_atom), dtype=float, count=n) * counts.sum(axis=1)
    e_legacy = np.fromiter(map(float, legacy), dtype=float, count=n)
    e_zhu = np.fromiter(map(float, (z or g for g, z in zip(legacy, zhu, strict=True))),
                        dtype=float, count=n)
    for arr in (counts, energies, e_legacy, e_zhu):
        arr.flags.writeable = False
    return tuple(formulas), counts, energies, {"mp2019-legacy": e_legacy, "zhu2015": e_zhu}


@lru_cache(maxsize=64)
def _system_rows(elements: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...],
                                                    np.ndarray, np.ndarray,
                                                    dict[str, np.ndarray]]:
    """Parsed rows of the shipped table made only of ``elements`` (a chemical system; a
    subset of :func:`shipped_elements`, so that one system is parsed once per process)."""
    els = tuple(sorted(elements))
    if len(els) <= 14:  # enumerate the subsystems (16,383 look-ups at most)
        from itertools import combinations

        keys = ("-".join(c) for r in range(1, len(els) + 1) for c in combinations(els, r))
        lines = [line for k in keys for line in _group(k)]
    else:  # scan every row, each chemical system's key checked once
        rows = (line.partition(",") for line in _lines()[0].decode("utf-8").splitlines()[1:])
        if elements >= frozenset(shipped_elements()):  # the whole table
            lines = [rest for _, _, rest in rows]
        else:
            inside: dict[str, bool] = {}
            lines = []
            for key, _, rest in rows:
                keep = inside.get(key)
                if keep is None:
                    keep = inside[key] = set(key.split("-")) <= elements
                if keep:
                    lines.append(rest)
    return (els, *parse_rows(lines, els))


def _shipped_subsystem(elements: Iterable[str], scheme: str,
                       all_rows: bool = False) -> EnergyTable:
    """The shipped compounds of a chemical system in ``scheme`` (rows above the hull of the
    scheme marked unusable, unless ``all_rows``)."""
    shipped = frozenset(elements) & frozenset(shipped_elements())
    els, formulas, counts, energies, e_hull = _system_rows(shipped)
    sources = DATA_SOURCES
    if scheme == "zhu2015":
        energies = energies - MP_LEGACY_SULFIDE_CORRECTION * sulfide_atoms(els, counts)
        sources = ZHU2015_SOURCES
    return EnergyTable(elements=els, formulas=formulas, counts=counts, energies=energies,
                       scheme=scheme, snapshot=SNAPSHOT, sources=sources,
                       stable=None if all_rows else e_hull[scheme] <= HULL_TOL)


class ShippedTable(EnergyTable):
    """The shipped table, read lazily: only the chemical systems a query asks for are parsed.

    It behaves as the whole table (all chemical systems of the snapshot) with the user
    entries added by :meth:`with_entries`; :meth:`subsystem` gives an ordinary
    :class:`EnergyTable`. ``formulas`` and ``len`` of the whole table (no user entries)
    parse no row (the formula column, the line count: ~0.2 s); ``counts``, ``energies``,
    ``stable`` or ``usable()`` of the whole table, and ``formulas`` once user entries are
    added, parse every row once per process (95,118 compounds, a dense array of ~65 MB;
    ~0.7 s, ~0.3 s more per table with entries, on a 2-core machine, where it took ~3 s and
    ~10 s: ``benchmarks/bench_shipped_entries.py``). Windows and reactions never need it.
    """

    def __init__(self, scheme: str, steps: tuple[tuple[tuple[Any, ...], str, str], ...] = (),
                 snapshot: str = SNAPSHOT, user_formulas: frozenset[str] = frozenset()):
        sources = ZHU2015_SOURCES if scheme == "zhu2015" else DATA_SOURCES
        for name, value in (("scheme", scheme), ("snapshot", snapshot), ("sources", sources),
                            ("user_formulas", user_formulas), ("_steps", steps)):
            object.__setattr__(self, name, value)
        extra = {el for entries, _, _ in steps for formula, _ in entries
                 for el in composition_of(formula)}
        object.__setattr__(self, "_elements", tuple(sorted(set(shipped_elements()) | extra)))

    def __repr__(self) -> str:
        return (f"ShippedTable(scheme={self.scheme!r}, snapshot={self.snapshot!r}, "
                f"elements={len(self.elements)})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ShippedTable) and (self.scheme, self._steps) == (
            other.scheme, other._steps)

    def __hash__(self) -> int:
        return hash((self.scheme, self._steps))

    @property  # type: ignore[override]
    def elements(self) -> tuple[str, ...]:
        return self._elements

    def _whole(self) -> EnergyTable:
        """Every row, the entries applied: built at the first call and kept by this table
        (~65 MB; in the per-system cache, 64 tables with entries could have held 4 GB)."""
        whole = self.__dict__.get("_whole_table")
        if whole is None:
            whole = _lazy_subsystem.__wrapped__(self, frozenset(self.elements))
            object.__setattr__(self, "_whole_table", whole)
        return whole

    @property  # type: ignore[override]
    def formulas(self) -> tuple[str, ...]:
        if not self._steps:  # the formula column alone, not every row parsed
            return _shipped_formulas()
        return self._whole().formulas

    @property  # type: ignore[override]
    def counts(self) -> np.ndarray:
        return self._whole().counts

    @property  # type: ignore[override]
    def energies(self) -> np.ndarray:
        return self._whole().energies

    @property  # type: ignore[override]
    def stable(self) -> np.ndarray | None:
        return self._whole().stable

    def usable(self) -> np.ndarray:
        return self._whole().usable()

    def __bool__(self) -> bool:  # never empty; len() would parse the whole table
        return True

    def __len__(self) -> int:
        if not self._steps:
            return _row_count()
        return len(self._whole())

    def index(self, composition: Mapping[str, float]) -> int | None:
        """Row of ``composition`` in the table of its own chemical system (:meth:`subsystem`
        of its elements), else None."""
        if self.vector(composition, strict=False) is None:
            return None
        return self.subsystem(composition).index(composition)

    def subsystem(self, elements: Iterable[str]) -> EnergyTable:
        """The compounds made only of ``elements``: parses only those chemical systems."""
        elements = frozenset(elements)
        try:
            return _lazy_subsystem(self, elements)
        except TypeError:  # unhashable user formulas: not cached
            return _lazy_subsystem.__wrapped__(self, elements)

    def with_entries(self, entries: Sequence[tuple[str, float]], per: str = "atom",
                     label: str = "user-supplied") -> ShippedTable:
        """As :meth:`EnergyTable.with_entries` (checked now, applied per chemical system)."""
        with contextlib.suppress(TypeError):  # an iterator is read once
            entries = tuple(entries)
        empty = EnergyTable((), (), np.zeros((0, 0)), np.zeros(0), self.scheme, "", ())
        checked = empty.with_entries(entries, per=per, label=label)
        entries = tuple((formula, float(energy)) for formula, energy in entries)
        return ShippedTable(self.scheme, (*self._steps, (entries, per, label)),
                            f"{self.snapshot} + {len(entries)} {label} entries",
                            self.user_formulas | checked.user_formulas)


@lru_cache(maxsize=64)
def _lazy_subsystem(table: ShippedTable, elements: frozenset[str]) -> EnergyTable:
    sub = _shipped_subsystem(elements, table.scheme)
    for entries, per, label in table._steps:
        sub = sub.with_entries(entries, per=per, label=label)
    # entries may bring elements beyond ``elements``; when they do not, the restriction
    # would copy every row unchanged (~65 MB for the whole table)
    return sub if set(sub.elements) <= elements else sub.subsystem(elements)


def check_scheme(scheme: Any) -> str:
    """``scheme`` when it is one of :data:`SCHEMES`; else :class:`ValidationError`."""
    if not isinstance(scheme, str) or scheme not in SCHEMES:
        raise ValidationError("scheme", scheme, f"use one of {', '.join(SCHEMES)}")
    return scheme


def shipped_table(scheme: str = DEFAULT_SCHEME) -> EnergyTable:
    """The shipped energy table in energy ``scheme`` (see :data:`SCHEMES`): every chemical
    system of the snapshot, read lazily (:class:`ShippedTable`)."""
    return _shipped_table(check_scheme(scheme))


@lru_cache(maxsize=4)
def _shipped_table(scheme: str) -> ShippedTable:
    return ShippedTable(scheme)


def sulfide_atoms(elements: Sequence[str], counts: np.ndarray) -> np.ndarray:
    """S atoms per formula unit of the sulfides (compounds with S, no O, not elemental S)."""
    if "S" not in elements:
        return np.zeros(len(counts))
    s = counts[:, list(elements).index("S")]
    o = counts[:, list(elements).index("O")] if "O" in elements else np.zeros(len(counts))
    n_elements = (counts > 0).sum(axis=1)
    return np.where((s > 0) & (o == 0) & (n_elements > 1), s, 0.0)
