"""``discover``'s note on the parent's measured conductivity reads an index of the database's
measured electrolytes built once per version of the database (``_measured_index``): the same
note as parsing every formula per call, and never stale after a material is stored."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymatgen.core import Composition

from solidcell.discovery import candidates
from solidcell.discovery.candidates import _measured_index, _measured_parent_note

#: the user's Li2ZrCl6: 0.81 mS/cm at room temperature (Wang et al., Nat. Commun. 12, 2021,
#: abstract; ``wang2021_li2zrcl6``), as in test_discovery_user_halide_journey.py
OWN_LZC = {
    "id": "my_li2zrcl6", "name": "My Li2ZrCl6", "formula": "Li2ZrCl6",
    "category": "electrolyte", "electrolyte_class": "halide",
    "properties": [{"name": "ionic_conductivity", "value": 0.81, "unit": "mS/cm",
                    "temperature": "25 degC", "method": "measured",
                    "source": "wang2021_li2zrcl6"}]}


def _former_note(comp: Composition, predicted: float) -> str:
    """The note as it was built before the index: every formula parsed per call."""
    from solidcell.discovery.predict import _knowledge_base

    reduced = comp.reduced_composition
    found = []
    for mid, formula, log10, source in _knowledge_base():
        if log10 is None:
            continue
        try:
            same = Composition(formula).reduced_composition.almost_equals(reduced)
        except (ValueError, KeyError, TypeError):
            continue
        if same:
            found.append(f"{mid} {log10:.2f} ({source})")
    if not found:
        return ""
    return (f"measured log10 sigma [S/cm] in the materials database: {', '.join(found)}; "
            f"the model predicts {predicted:.2f}, and 'vs parent' compares the candidates' "
            "predictions with that prediction, not with the measurement")


@pytest.fixture
def own_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    url = str(tmp_path / "db.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", url)
    return url


def _known_formulas() -> list[str]:
    from solidcell.discovery.predict import _knowledge_base

    return [formula for _, formula, _, _ in _knowledge_base()]


FORMULAS = ["Li3PS4", "Li6PS5Cl", "Li7La3Zr2O12", "Li3InCl6", "Li2ZrCl6", "Li4SiO4",
            "Li0.33La0.56TiO3", "Li2.9PO3.3N0.46", "Li6PS4.9Cl1.1", "Li10GeP2S12"]


@settings(max_examples=40, deadline=None)
@given(formula=st.sampled_from(FORMULAS), scale=st.sampled_from([1, 2, 3]),
       predicted=st.floats(-8.0, 0.0))
def test_index_gives_the_former_note(formula: str, scale: int, predicted: float) -> None:
    """Any formula unit of a composition (reduced before matching), within pymatgen's
    almost_equals tolerance as before (Li6PS4.9Cl1.1 is li6ps5cl)."""
    comp = Composition(formula) * scale
    assert _measured_parent_note(comp, predicted) == _former_note(comp, predicted)


def test_every_measured_electrolyte_of_the_database_is_found() -> None:
    for formula in _known_formulas():
        note = _measured_parent_note(Composition(formula), -3.0)
        assert note == _former_note(Composition(formula), -3.0)


def test_a_material_stored_since_is_read(own_db: str, open_store) -> None:
    assert _measured_parent_note(Composition("Li2ZrCl6"), -6.5) == ""
    open_store(own_db).add(OWN_LZC)
    note = _measured_parent_note(Composition("Li2ZrCl6"), -6.5)
    assert f"my_li2zrcl6 {math.log10(0.81e-3):.2f} (wang2021_li2zrcl6)" in note


def test_the_index_is_built_once_per_database_version(own_db: str, monkeypatch) -> None:
    import solidcell.discovery.predict as predict

    _measured_index()  # the database exists now (curated materials synced)
    calls = []
    real = predict._knowledge_base
    monkeypatch.setattr(predict, "_knowledge_base", lambda: calls.append(1) or real())
    candidates._measured_index_at.cache_clear()
    for _ in range(3):
        _measured_parent_note(Composition("Li3PS4"), -4.0)
    assert len(calls) == 1
