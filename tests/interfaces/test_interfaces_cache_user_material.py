"""The interface caches serve a user's material as the materials database holds it now.

The pair caches of :mod:`solidcell.interfaces.compat` (windows, equilibria, reaction energies)
were keyed by the material id alone: a material of the user's database whose formula changed
within one process (``solidcell materials update``, the dashboard, a long-running
``solidcell app``, another process writing the same database) kept the old formula's window,
reaction energies and verdict. Each answer after the change must be the new formula's, the
one a fresh process gives (here: the curated phase of that formula, analysed by the same
formula, or a process whose caches were cleared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from exampledesigns import nmc811_li_cell
from solidcell.cell.design import CellDesign
from solidcell.interfaces import compat
from solidcell.interfaces.compat import check_pair, compatibility_matrix, shipped_window
from solidcell.screening.screen import interface_verdict

#: a user's electrolyte, first written as Li3PS4, then corrected to Li3InCl6 (no property:
#: the analyses read the formula and the mobile ion only)
MINE = {"id": "my_el", "name": "My electrolyte", "formula": "Li3PS4",
        "category": "electrolyte", "electrolyte_class": "sulfide"}


@pytest.fixture
def own_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, open_store) -> str:
    url = str(tmp_path / "own.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", url)
    open_store(url).add(MINE)
    return url


def _reformulate(url: str, open_store, formula: str) -> None:
    """Change the formula (to a halide) through a store of its own, as another process (the
    CLI, the dashboard) writes the database the analyses read through the default store."""
    open_store(url).update({**MINE, "formula": formula, "electrolyte_class": "halide"})


def _fresh(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` with empty caches, as a fresh process computes it."""
    compat.clear_caches()
    try:
        return fn(*args, **kwargs)
    finally:
        compat.clear_caches()


def test_window_follows_a_changed_formula(own_db: str, open_store) -> None:
    before = shipped_window("my_el")
    assert before.formula == "Li3PS4"
    assert (before.reduction_limit_V, before.oxidation_limit_V) == (
        shipped_window("li3ps4").reduction_limit_V, shipped_window("li3ps4").oxidation_limit_V)
    _reformulate(own_db, open_store, "Li3InCl6")
    after = shipped_window("my_el")
    assert after.formula == "Li3InCl6"
    assert after == _fresh(shipped_window, "my_el")
    assert (after.reduction_limit_V, after.oxidation_limit_V) == (
        shipped_window("li3incl6").reduction_limit_V,
        shipped_window("li3incl6").oxidation_limit_V)


def test_pair_verdict_follows_a_changed_formula(own_db: str, open_store) -> None:
    """Same formula, same verdict: against NMC811 (unstable for Li3PS4, so buffer layers and
    the reaction energies are checked, both of which are cached) and against Li metal (the
    equilibrium at 0 V, cached)."""
    for electrode in ("nmc811", "li_metal"):
        mine = check_pair("my_el", electrode)
        assert (mine.status, mine.reason, mine.buffers) == (
            lambda p: (p.status, p.reason, p.buffers))(check_pair("li3ps4", electrode))
    _reformulate(own_db, open_store, "Li3InCl6")
    for electrode in ("nmc811", "li_metal"):
        mine = check_pair("my_el", electrode)
        curated = check_pair("li3incl6", electrode)
        assert (mine.status, mine.reason, mine.sides, mine.buffers) == (
            curated.status, curated.reason, curated.sides, curated.buffers)
        assert mine == _fresh(check_pair, "my_el", electrode)


def test_matrix_follows_a_changed_formula(own_db: str, open_store) -> None:
    ids = (["my_el"], ["lco", "li_in"])
    compatibility_matrix(*ids)
    _reformulate(own_db, open_store, "Li3InCl6")
    assert compatibility_matrix(*ids).to_json() == _fresh(compatibility_matrix, *ids).to_json()


def _design() -> CellDesign:
    return nmc811_li_cell("own electrolyte cell", "my_el")


def test_screen_verdict_follows_a_changed_formula(own_db: str, open_store) -> None:
    """The screen's interface verdict (one per combination of materials, from the pair
    caches) of a design with the user's electrolyte."""
    interface_verdict(_design())
    _reformulate(own_db, open_store, "Li3InCl6")
    assert interface_verdict(_design()) == _fresh(interface_verdict, _design())


def test_a_changed_mobile_ion_is_read(own_db: str, open_store) -> None:
    """The mobile ion is read too: a Na conductor's window is vs Na/Na+."""
    assert shipped_window("my_el").open_element == "Li"
    open_store(own_db).update({**MINE, "formula": "Na3PS4", "mobile_ion": "Na"})
    after = shipped_window("my_el")
    assert (after.formula, after.open_element) == ("Na3PS4", "Na")
    assert after == _fresh(shipped_window, "my_el")


def test_a_curated_phase_is_answered_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """A curated phase's cache key is its id: a second window is the cached object, with no
    look-up in the materials database."""
    compat.clear_caches()
    try:
        first = shipped_window("li6ps5cl")
        import solidcell.materials as materials

        def no_lookup(material_id: str):
            raise AssertionError(f"looked up {material_id}")

        monkeypatch.setattr(materials, "get", no_lookup)
        assert shipped_window("li6ps5cl") is first
    finally:
        compat.clear_caches()


def test_one_matrix_reads_a_user_material_once(own_db: str, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    """Within one matrix (every window, side, reaction and buffer check of its pairs) the
    database's formula of the user's material is read once: one analysis sees one state of
    the database."""
    reads: list[str] = []
    stored = compat._stored_key

    def counted(name: str):
        reads.append(name)
        return stored(name)

    monkeypatch.setattr(compat, "_stored_key", counted)
    compatibility_matrix(["my_el", "li3ps4"], ["nmc811", "li_in", "li_metal"])
    assert reads == ["my_el"]
    check_pair("my_el", "nmc811")
    assert reads == ["my_el", "my_el"]  # and again in the next analysis
