"""A cathode coating of the user's own database in a design is checked as the buffer layer,
by its formula, as a curated coating is.

Before 2026-12-07 only coatings among the curated phases were checked: a user's coating of
formula Li3PO4 on NMC811 | Li6PS5Cl was ignored without a word (the interfaces read
"unstable", the bare pair's verdict) where the curated li3po4 made them "protected"; a
coating without a formula was ignored silently too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exampledesigns import nmc811_li_cell
from solidcell.cell.design import CellDesign
from solidcell.interfaces.design_flags import interface_flags

#: the user's copy of the curated li3po4 coating (density as the knowledge base, obelix2025)
OWN_COATING = {
    "id": "my_lpo", "name": "My Li3PO4 coating", "formula": "Li3PO4", "category": "coating",
    "properties": [{"name": "density", "value": 2.445, "unit": "g/cm3", "method": "computed",
                    "source": "obelix2025"}]}
#: the same coating without a formula: nothing the interface analyses can read
NO_FORMULA = {**OWN_COATING, "id": "my_blend", "name": "My coating blend"}
NO_FORMULA.pop("formula")

CATHODE_PAIRS = ("cathode active | catholyte", "cathode active | separator")


def _design(coating: str) -> CellDesign:
    return nmc811_li_cell("coated cell", "li6ps5cl", coating=coating,
                          coating_thickness="10 nm")


@pytest.fixture
def own_db(monkeypatch, tmp_path: Path, open_store) -> str:
    url = str(tmp_path / "db.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", url)
    store = open_store(url)
    store.add(OWN_COATING)
    store.add(NO_FORMULA)
    return url


def _flags(coating: str) -> dict[str, object]:
    return {f.interface: f for f in interface_flags(_design(coating)).flags}


def test_own_coating_protects_as_the_curated_one_does(own_db) -> None:
    """Same formula, same verdict: Li3PO4 fixes NMC811 | Li6PS5Cl (Zhu, He & Mo 2016's
    buffer check, as for the curated li3po4)."""
    own, curated = _flags("my_lpo"), _flags("li3po4")
    for name in CATHODE_PAIRS:
        assert curated[name].status == "protected"
        assert own[name].status == curated[name].status
        assert own[name].reason == curated[name].reason.replace("li3po4", "my_lpo")


def test_a_coating_without_formula_is_named_not_ignored(own_db) -> None:
    flags = _flags("my_blend")
    for name in CATHODE_PAIRS:
        assert flags[name].status == "unstable"  # the bare pair's verdict stands
        assert "my_blend" in flags[name].reason
        assert "not checked" in flags[name].reason
