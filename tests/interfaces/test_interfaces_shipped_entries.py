"""User entries on the shipped table: the per-system path, the whole table, bad entries.

``shipped_table().with_entries(...).formulas`` took ~10 s and the whole table's ``counts``
~3 s (rows parsed one by one into dense arrays, each entry matched against every row as a
dict; ``benchmarks/bench_shipped_entries.py``). The rows are now parsed column-wise and the
entries matched as arrays: every table must stay exactly (bit for bit) what the row-by-row
rule gives, on one chemical system and on the whole table.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.errors import SolidcellError, ValidationError
from solidcell.interfaces import energies
from solidcell.interfaces.energies import EnergyTable, composition_of, shipped_table
from solidcell.interfaces.stability import stability_window

#: elements the random systems are drawn from (oxides, sulfides, halides, hydrides) and Xe,
#: which the shipped table lacks (an entry may bring an element of its own)
POOL = ("Li", "P", "S", "Cl", "O", "Zr", "Y", "La", "Ge", "B", "H")
NEW = "Xe"


def row_by_row(table: EnergyTable, entries: list[tuple[str, float]],
               per: str = "atom") -> EnergyTable:
    """``with_entries`` as the rule reads, row by row (the former implementation): each entry
    replaces the first row of its reduced composition and is appended; elements without a row
    of their own get one (energy 0) at the end."""
    formulas, values, stable = list(table.formulas), list(table.energies), list(table.usable())
    rows = [dict(zip(table.elements, r, strict=True)) for r in table.counts]
    for formula, energy in entries:
        comp = composition_of(formula)
        natoms = sum(comp.values())
        for j, row in enumerate(rows):
            tot = sum(row.values())
            if tot > 0 and {k for k, v in row.items() if v > 0} == set(comp) and all(
                    abs(row[el] / tot - comp[el] / natoms) < 1e-6 for el in comp):
                for column in (formulas, values, rows, stable):
                    column.pop(j)
                break
        formulas.append(formula)
        values.append(energy * natoms if per == "atom" else energy)
        rows.append(dict(comp))
        stable.append(True)
    elements = sorted(set(table.elements) | {el for r in rows for el in r})
    counts = np.array([[r.get(el, 0.0) for el in elements] for r in rows], dtype=float)
    pure = {next(k for k, v in r.items() if v > 0) for r in rows
            if sum(v > 0 for v in r.values()) == 1}
    for el in elements:
        if el not in pure:
            formulas.append(el)
            values.append(0.0)
            stable.append(True)
            counts = np.vstack([counts, [1.0 if e == el else 0.0 for e in elements]])
    return EnergyTable(tuple(elements), tuple(formulas), counts,
                       np.asarray(values, dtype=float), table.scheme,
                       f"{table.snapshot} + {len(entries)} user-supplied entries",
                       table.sources, table.user_formulas | {f for f, _ in entries},
                       np.asarray(stable, dtype=bool))


def assert_same(a: EnergyTable, b: EnergyTable) -> None:
    """Same rows in the same order, arrays equal bit for bit."""
    assert (a.elements, a.formulas, a.scheme) == (b.elements, b.formulas, b.scheme)
    assert (a.snapshot, a.user_formulas) == (b.snapshot, b.user_formulas)
    for x, y in ((a.counts, b.counts), (a.energies, b.energies), (a.usable(), b.usable())):
        assert (x.shape, x.dtype) == (y.shape, y.dtype)
        assert x.tobytes() == y.tobytes()


@st.composite
def system_and_entries(draw: st.DrawFn, scheme: str = "zhu2015", new: bool = True
                       ) -> tuple[EnergyTable, list[tuple[str, float]], str]:
    """A chemical system of the shipped table and user entries for it: shipped compositions
    (written as a multiple, so that they replace a row), new compositions (some with Xe),
    elements at 0, and repeats of an earlier entry (which replace it)."""
    system = draw(st.sets(st.sampled_from(POOL), min_size=1, max_size=4))
    sub = shipped_table(scheme).subsystem(system)
    els = sorted(system) + ([NEW] if new else [])
    per = draw(st.sampled_from(["atom", "formula"]))
    entries: list[tuple[str, float]] = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["shipped", "new", "element", "repeat"]))
        if kind == "shipped":
            comp = composition_of(draw(st.sampled_from(sub.formulas)))
            k = draw(st.integers(1, 3))
            formula = "".join(f"{el}{n * k:g}" for el, n in comp.items())
        elif kind == "element":
            entries.append((draw(st.sampled_from(els)), 0.0))
            continue
        elif kind == "repeat" and entries:
            formula = draw(st.sampled_from(entries))[0]
        else:
            chosen = draw(st.lists(st.sampled_from(els), min_size=2, max_size=3, unique=True))
            formula = "".join(f"{el}{draw(st.integers(1, 6))}" for el in chosen)
        comp = composition_of(formula)
        ev_atom = draw(st.floats(-3.5, 1.0, allow_nan=False)) if len(comp) > 1 else 0.0
        natoms = sum(comp.values())
        entries.append((formula, ev_atom * natoms if per == "formula" else ev_atom))
    return sub, entries, per


@settings(max_examples=60)
@given(case=system_and_entries(), seed=st.integers(0, 2**16))
def test_with_entries_gives_what_the_row_by_row_rule_gives(case, seed: int) -> None:
    """Array matching of entries against a table's rows = the row-by-row rule, bit for bit,
    also when the table's elements are not in sorted order."""
    sub, entries, per = case
    assert_same(sub.with_entries(entries, per=per), row_by_row(sub, entries, per))
    order = list(range(len(sub.elements)))
    random.Random(seed).shuffle(order)
    shuffled = EnergyTable(tuple(sub.elements[i] for i in order), sub.formulas,
                           sub.counts[:, order], sub.energies, sub.scheme, sub.snapshot,
                           sub.sources, stable=sub.stable)
    assert_same(shuffled.with_entries(entries, per=per), row_by_row(shuffled, entries, per))


def test_entries_on_a_table_without_rows_or_whose_rows_all_go() -> None:
    """Only the entries' elements are left when no row of the table is (row-by-row rule)."""
    lone = EnergyTable(("Li", "Cl"), ("LiCl",), np.array([[1.0, 1.0]]), np.array([-3.5]),
                       "zhu2015", "t", ())
    for table, entries in ((lone, [("Li2Cl2", -1.9)]), (lone, [("LiCl", -1.9), ("Na", 0.0)]),
                           (EnergyTable((), (), np.zeros((0, 0)), np.zeros(0), "zhu2015",
                                        "t", ()), [("NaCl", -2.0), ("Cl2Na2", -2.1)])):
        assert_same(table.with_entries(entries), row_by_row(table, entries))
    assert lone.with_entries([("Li2Cl2", -1.9)]).formulas == ("Li2Cl2", "Cl", "Li")


@settings(max_examples=8)
@given(case=system_and_entries(), scheme=st.sampled_from(sorted(energies.SCHEMES)))
def test_entries_per_system_equal_the_whole_table_restricted(case, scheme: str) -> None:
    """The per-system path (what windows and reactions use) = the whole table with the entries
    built, then restricted to the system."""
    sub, entries, per = case
    table = shipped_table(scheme).with_entries(entries, per=per)
    system = set(sub.elements) | ({NEW} if any(NEW in f for f, _ in entries) else set())
    assert_same(table.subsystem(system), table._whole().subsystem(system))


def _dict_parse(lines: list[str], elements: tuple[str, ...]) -> tuple:
    """Rows parsed one at a time (the former reader), the oracle of :func:`parse_rows`."""
    parsed = sorted(line.split(",") for line in lines)
    comps = [{el: float(n) for el, n in (p.split(":") for p in r[1].split())} for r in parsed]
    counts = np.array([[c.get(el, 0.0) for el in elements] for c in comps],
                      dtype=float).reshape(len(comps), len(elements))
    return (tuple(r[0] for r in parsed), counts,
            np.array([float(r[2]) for r in parsed]).reshape(-1) * counts.sum(axis=1),
            np.array([float(r[3]) for r in parsed]),
            np.array([float(r[4] or r[3]) for r in parsed]))


def _rows_of(system: set[str]) -> list[str]:
    keys = ["-".join(sorted(c)) for c in _subsets(sorted(system))]
    return [line for k in keys for line in energies._group(k)]


def _subsets(items: list[str]) -> list[tuple[str, ...]]:
    from itertools import combinations

    return [c for r in range(1, len(items) + 1) for c in combinations(items, r)]


@settings(max_examples=30)
@given(system=st.sets(st.sampled_from(POOL), min_size=1, max_size=4),
       drop=st.sets(st.sampled_from(POOL), max_size=1), seed=st.integers(0, 2**16))
def test_parse_rows_reads_each_row_as_the_row_by_row_reader(system: set[str], drop: set[str],
                                                            seed: int) -> None:
    """Column-wise parse = one row at a time, bit for bit, whatever the order of the lines;
    components of elements left out of ``elements`` are dropped as before."""
    lines = _rows_of(system)
    random.Random(seed).shuffle(lines)
    elements = tuple(sorted(system - drop))
    formulas, counts, e, hull = energies.parse_rows(lines, elements)
    want = _dict_parse(lines, elements)
    assert formulas == want[0]
    for got, ref in ((counts, want[1]), (e, want[2]), (hull["mp2019-legacy"], want[3]),
                     (hull["zhu2015"], want[4])):
        assert (got.shape, got.tobytes()) == (ref.shape, ref.tobytes())
        assert not got.flags.writeable  # shared by the cached tables


@pytest.mark.parametrize("lines", [["LiCl,Li:1 Cl:1,-1.8,0.0"],  # a column missing
                                   ["LiCl,Li:1 Cl:1,-1.8,0.0,,x"],  # one too many
                                   ["LiCl,Li:1 Cl:1 Li:2,-1.8,0.0,"],  # Li twice
                                   ["LiCl,Li:1 Cl,-1.8,0.0,"],  # no amount
                                   ["Li\0Cl,Li:1 Cl:1,-1.8,0.0,"]])
def test_malformed_rows_are_refused_not_misread(lines: list[str]) -> None:
    with pytest.raises(SolidcellError, match=energies.DATA_FILE):
        energies.parse_rows(lines, ("Cl", "Li"))


def test_no_rows_parse_to_empty_arrays_of_the_elements() -> None:
    formulas, counts, e, hull = energies.parse_rows([], ("Cl", "Li"))
    assert formulas == () and counts.shape == (0, 2) and e.shape == hull["zhu2015"].shape == (0,)


BAD_ENTRIES = [
    (("Li3YCl6",), "entries[1]", "pairs"),
    ("Li3YCl6=-2.2", "entries[1]", "pairs"),
    (("Li3YCl6", "-2.2 eV"), "entries[1]", "pairs"),
    (("Li3YCl6", float("nan")), "entries[1].energy", "finite"),
    (("Li3YCl6", float("inf")), "entries[1].energy", "finite"),
    (("Li3Qx", -2.0), "entries[1].formula", "'Qx' is not a chemical element"),
    (("", -2.0), "entries[1].formula", "give a chemical formula"),
    (("Li3YCl6", -220.0), "entries[1].energy", "kJ/mol"),
    (("Li", -0.5), "entries[1]", "0 by definition"),
]


@pytest.mark.parametrize(("bad", "field", "says"), BAD_ENTRIES)
def test_bad_entries_are_refused_by_index_on_every_table(bad, field: str, says: str) -> None:
    """A bad entry after a good one is named by its index, at ``with_entries`` (not at the first
    query), on the shipped table and on a plain table, and through a window."""
    entries = [("LiCl", -1.9), bad, ("Li3YCl6", float("nan"))]
    tables = [shipped_table("zhu2015"), shipped_table("zhu2015").subsystem({"Li", "Y", "Cl"})]
    for table in tables:
        with pytest.raises(ValidationError, match=says) as info:
            table.with_entries(entries)
        assert info.value.field == field
    with pytest.raises(ValidationError, match=says) as info:
        stability_window("Li3YCl6", entries=entries)
    assert info.value.field == field


def test_per_must_be_atom_or_formula() -> None:
    for table in (shipped_table("zhu2015"), shipped_table("zhu2015").subsystem({"Li", "Cl"})):
        with pytest.raises(ValidationError, match="'atom' or 'formula'") as info:
            table.with_entries([("LiCl", -1.9)], per="mol")
        assert info.value.field == "per"


def test_whole_table_is_parsed_once_for_any_entries() -> None:
    """The whole table with entries reuses the whole shipped rows, parsed once per process."""
    plain = shipped_table("mp2019-legacy")
    whole = plain._whole()
    rows = energies._system_rows.cache_info()
    with_xe = plain.with_entries([("LiXeF3", -1.0)])
    table = with_xe._whole()
    after = energies._system_rows.cache_info()
    assert (after.misses, after.hits) == (rows.misses, rows.hits + 1)
    assert table.elements == tuple(sorted((*whole.elements, "Xe")))
    assert table.formulas[-2:] == ("LiXeF3", "Xe") and len(table) == len(whole) + 2
    assert np.array_equal(table.counts[:len(whole), table.elements.index("Xe")],
                          np.zeros(len(whole)))


@pytest.mark.slow
def test_whole_table_with_entries_is_the_row_by_row_rule_on_every_row() -> None:
    """The whole shipped table with entries = the row-by-row rule on the whole table (~10 s)."""
    entries = [("Li3YCl6", -2.2), ("Li6PS5Cl", -1.4), ("Li3PS4", -1.2), ("LiXeF3", -1.0),
               ("Li3YCl6", -2.25)]
    plain = shipped_table("zhu2015")
    assert_same(plain.with_entries(entries)._whole(), row_by_row(plain._whole(), entries))
