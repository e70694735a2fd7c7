"""``formulas`` of the whole shipped table, read from the formula column without parsing rows.

Reading ``shipped_table().formulas`` parsed every row of the 95,118-formula table into dense
arrays (~3-5 s, ~240 MB traced on a 2-core machine; ``benchmarks/bench_shipped_formulas.py``);
the cheap path must give exactly the same tuple.
"""

from __future__ import annotations

import csv
import gzip
from importlib import resources

import pytest

from solidcell.interfaces import energies
from solidcell.interfaces.energies import shipped_table


def _file_formulas() -> list[str]:
    raw = resources.files("solidcell.interfaces.data").joinpath(energies.DATA_FILE)
    with gzip.open(raw.open("rb"), "rt", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == energies.DATA_COLUMNS
    return [r[1] for r in rows[1:]]


@pytest.mark.parametrize("scheme", sorted(energies.SCHEMES))
def test_formulas_parse_no_chemical_system(scheme: str) -> None:
    """The whole table's formulas come without any system's rows parsed."""
    before = energies._system_rows.cache_info()
    formulas = shipped_table(scheme).formulas
    after = energies._system_rows.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses)
    assert len(formulas) == len(shipped_table(scheme)) > 90_000  # 95,118 rows in the file


def test_formulas_are_the_formula_column_sorted() -> None:
    """Every formula of the file once, in the order the parsed table sorts its rows."""
    file_formulas = _file_formulas()
    formulas = shipped_table("zhu2015").formulas
    assert isinstance(formulas, tuple)
    assert list(formulas) == sorted(file_formulas)
    assert shipped_table("mp2019-legacy").formulas == formulas


@pytest.mark.parametrize("system", [{"Li", "P", "S"}, {"Li", "Y", "Cl"}, {"Li", "B", "H"}])
def test_formulas_hold_each_subsystem_in_the_same_order(system: set[str]) -> None:
    """A chemical system's rows (parsed) are the whole table's formulas of that system, in the
    same relative order."""
    table = shipped_table("zhu2015")
    sub = table.subsystem(system)
    wanted = set(sub.formulas)
    assert [f for f in table.formulas if f in wanted] == list(sub.formulas)
    for f in sub.formulas:
        assert f in table.formulas


@pytest.mark.slow
def test_formulas_with_entries_still_include_them() -> None:
    """With user entries the whole table is built (~10 s): the entry replaces LiCl's row."""
    table = shipped_table("zhu2015").with_entries([("LiCl", -1.9)])
    formulas = table.formulas
    assert formulas.count("LiCl") == 1 and formulas[-1] == "LiCl"
    assert len(formulas) == len(shipped_table("zhu2015").formulas)


@pytest.mark.slow
@pytest.mark.parametrize("scheme", sorted(energies.SCHEMES))
def test_formulas_equal_the_full_build(scheme: str) -> None:
    """Exactly the formulas, in order, of the whole table parsed (the former path)."""
    table = shipped_table(scheme)
    assert table.formulas == table._whole().formulas


def test_with_entries_adds_a_reference_only_for_elements_without_one() -> None:
    """An element with no row of its own gets one (energy 0) at the end; others get none."""
    lips = shipped_table("zhu2015").subsystem({"Li", "P", "S"})
    keep = [i for i, f in enumerate(lips.formulas) if f != "P"]  # drop P's own row
    table = energies.EnergyTable(lips.elements, tuple(lips.formulas[i] for i in keep),
                                 lips.counts[keep], lips.energies[keep], "zhu2015", "", ())
    added = table.with_entries([("Li3PS4", -1.0)])
    assert added.formulas[-2:] == ("Li3PS4", "P")
    assert added.energies[-1] == 0.0
    assert list(added.counts[-1]) == [1.0 if el == "P" else 0.0 for el in added.elements]
    assert lips.with_entries([("Li3PS4", -1.0)]).formulas[-1] == "Li3PS4"  # P has its row
