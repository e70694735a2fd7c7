"""An electrode's potential range is read once per version of the materials database.

:func:`~solidcell.interfaces.compat.electrode_range` read the electrode from the database at
every pair of a matrix (70 % of a warm matrix's time); it is now kept per version of the
database (and per analysis). These tests hold the results to those of a recomputation with
empty caches, and an electrode's range to the database as it is after a write: a user's
cut-off voltages, measured on a curated electrode, are its range from then on. The cut-offs
below are test inputs (a user's lab values), not published numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.interfaces import compat
from solidcell.interfaces.compat import compatibility_matrix, electrode_range

#: the benchmark's curated rows (benchmarks/bench_compat_cached.py)
CURATED = ["li6ps5cl", "li3ps4", "llzo", "lipon"]
MINE = {"id": "my_el", "name": "My electrolyte", "formula": "Li3PS4",
        "category": "electrolyte", "electrolyte_class": "sulfide"}
#: nmc622 has an average voltage only in the knowledge base
CUTOFFS = ({"name": "lower_cutoff_voltage", "value": 3.0, "unit": "V"},
           {"name": "upper_cutoff_voltage", "value": 4.3, "unit": "V"})


@pytest.fixture
def own_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, open_store) -> str:
    url = str(tmp_path / "own.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", url)
    open_store(url).add(MINE)
    return url


def _fresh(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` with empty caches, as a fresh process computes it."""
    compat.clear_caches()
    try:
        return fn(*args, **kwargs)
    finally:
        compat.clear_caches()


def _measure_cutoffs(open_store, url: str) -> None:
    """The user's cut-off voltages of nmc622, written by a store of its own (another
    process, the CLI)."""
    store = open_store(url)
    for prop in CUTOFFS:
        store.add_measurement("nmc622", {"method": "measured", "source": "lab-2026", **prop})


@pytest.mark.parametrize("ids", [CURATED, ["my_el"]], ids=["curated", "user"])
def test_a_warm_matrix_is_the_fresh_one(own_db: str, ids: list[str]) -> None:
    """Every record and field of a warm matrix (its second and third call) equals the
    matrix computed with empty caches."""
    fresh = _fresh(compatibility_matrix, ids)
    compatibility_matrix(ids)
    for _ in range(2):
        warm = compatibility_matrix(ids)
        assert warm == fresh
        assert warm.to_json() == fresh.to_json()


def test_a_measured_cutoff_changes_the_range_and_the_matrix(own_db: str, open_store) -> None:
    ids = (["li3ps4", "my_el"], ["nmc622", "lco", "li_in"])
    before = electrode_range("nmc622")
    assert before.basis == "average voltage"
    compatibility_matrix(*ids)
    _measure_cutoffs(open_store, own_db)
    after = electrode_range("nmc622")
    assert (after.low_V, after.high_V, after.basis, after.sources) == (
        3.0, 4.3, "cut-off voltages", ("lab-2026", "lab-2026"))
    matrix = compatibility_matrix(*ids)
    assert matrix.pair("li3ps4", "nmc622").electrode_range_V == (3.0, 4.3)
    assert matrix == _fresh(compatibility_matrix, *ids)


def test_a_range_is_read_once_per_matrix_and_per_database_version(
        own_db: str, open_store, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    read = compat._read_range

    def counted(electrode: str):
        reads.append(electrode)
        return read(electrode)

    monkeypatch.setattr(compat, "_read_range", counted)
    ids = (["li3ps4", "llzo", "my_el"], ["nmc622", "lco", "li_metal"])
    compat.clear_caches()
    try:
        compatibility_matrix(*ids)
        assert sorted(reads) == ["lco", "nmc622"]  # once each, for three rows; Li metal: 0 V
        compatibility_matrix(*ids)
        electrode_range("lco")
        assert len(reads) == 2  # the same version of the database
        _measure_cutoffs(open_store, own_db)
        compatibility_matrix(*ids)
        assert sorted(reads[2:]) == ["lco", "nmc622"]  # a new version: read again
    finally:
        compat.clear_caches()


def test_an_unknown_version_is_read_afresh(own_db: str, open_store,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the database's version is not known (a database in memory), each analysis
    reads the range afresh."""
    import solidcell.materials.store as store

    monkeypatch.setattr(store, "database_version", lambda url=None: None)
    assert electrode_range("nmc622").basis == "average voltage"
    _measure_cutoffs(open_store, own_db)
    assert electrode_range("nmc622").basis == "cut-off voltages"
    matrix = compatibility_matrix(["li3ps4"], ["nmc622"])
    assert matrix.pairs[0].electrode_range_V == (3.0, 4.3)


def test_an_unknown_electrode_is_still_refused(own_db: str) -> None:
    """An error is not kept: the same id is refused at every call."""
    from solidcell.errors import ValidationError

    for _ in range(2):
        with pytest.raises(ValidationError) as info:
            electrode_range("no_such_electrode")
        assert info.value.field == "electrode"
