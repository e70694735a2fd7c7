"""`predict` and `discover` with a researcher's own halide in the database.

The user's Li2ZrCl6: 0.81 mS/cm at room temperature (Wang et al., Nat. Commun. 12, 2021,
abstract; `wang2021_li2zrcl6`). The model's prediction for it is decades lower (docs/
discovery.md, out-of-OBELiX table); `discover` compared its candidates only with that
prediction ("vs parent") and never named the measured value the database holds."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run

OWN_LZC = {
    "id": "my_li2zrcl6", "name": "My Li2ZrCl6", "formula": "Li2ZrCl6",
    "category": "electrolyte", "electrolyte_class": "halide",
    "properties": [{"name": "ionic_conductivity", "value": 0.81, "unit": "mS/cm",
                    "temperature": "25 degC", "method": "measured",
                    "source": "wang2021_li2zrcl6"}]}


@pytest.fixture
def own_db(monkeypatch, tmp_path: Path, open_store) -> str:
    url = str(tmp_path / "db.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", url)
    open_store(url).add(OWN_LZC)
    return url


def test_discover_names_the_parents_measured_value(own_db) -> None:
    from solidcell.discovery.candidates import discover

    result = discover("Li2ZrCl6", top=3)
    measured = f"{math.log10(0.81e-3):.2f}"  # -3.09
    assert "my_li2zrcl6" in result.parent_note and measured in result.parent_note
    assert "wang2021_li2zrcl6" in result.parent_note
    assert f"{result.parent_log10_conductivity_S_cm:.2f}" in result.parent_note
    assert result.parent_note in result.to_json()["notes"]


def test_discover_without_a_measured_parent_adds_no_note(own_db) -> None:
    from solidcell.discovery.candidates import discover

    # Li4SiO4: no electrolyte of that composition in the curated data or this database
    assert "measured" not in discover("Li4SiO4", top=1).parent_note


def test_predict_of_an_own_id_names_its_formula(own_db, capsys) -> None:
    """A curated id was answered with its formula; the user's own id read as a bad formula."""
    code, out, err = run(["predict", "my_li2zrcl6"], capsys)
    assert_one_line_error(code, out, err, "names your own material 'my_li2zrcl6'",
                          "give its formula 'Li2ZrCl6'")
    code, out, err = run(["predict", "li3incl6"], capsys)
    assert_one_line_error(code, out, err, "the knowledge-base material 'li3incl6'")
