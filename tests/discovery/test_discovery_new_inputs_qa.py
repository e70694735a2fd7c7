"""Bad-input audit of discover(amounts=...) and predict on several inputs (H106)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pymatgen.core import Composition

from clirun import run
from solidcell.discovery.candidates import generate_candidates
from solidcell.discovery.predict import check_input, predict_conductivity
from solidcell.errors import ValidationError

LLZO = "Li7La3Zr2O12"


@pytest.mark.parametrize("kwargs, field", [
    ({"amounts": 0.25}, "amounts"),               # was TypeError: 'float' object is not iterable
    ({"amounts": np.float64(0.25)}, "amounts"),
    ({"amounts": np.array(0.25)}, "amounts"),     # was TypeError: iteration over a 0-d array
    ({"amounts": {0.25: 1}}, "amounts"),          # was read as its keys
    ({"fractions": 0.1}, "fractions"),            # was TypeError
])
def test_one_number_for_a_list_is_refused_naming_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        generate_candidates(LLZO, dopants=["Ta"], hosts=["Zr"], **kwargs)
    assert info.value.field == field


@given(st.floats(min_value=1.999999, max_value=1.9999999999, exclude_max=True))
def test_an_amount_that_writes_the_host_away_gives_no_candidate(x: float) -> None:
    """Ta on Zr (2 per formula unit) with x just below 2: the written formula kept no Zr
    (Li5La3Ta2O12 from x = 1.9999999), rounding, not a substitution; x = 2 exactly asks for
    that end member (test_discovery_published_dopings.py)."""
    for cand in generate_candidates(LLZO, dopants=["Ta"], hosts=["Zr"], amounts=[x]):
        assert Composition(cand.formula)["Zr"] > 0, cand.formula


def test_shares_that_write_the_host_away_give_no_candidate() -> None:
    cands = generate_candidates(LLZO, dopants=["Ta"], hosts=["Zr"], fractions=[0.99999999])
    assert all(Composition(c.formula)["Zr"] > 0 for c in cands), [c.formula for c in cands]


def test_element_beyond_the_model_is_refused_by_check_input_with_the_input_named() -> None:
    with pytest.raises(ValidationError) as info:
        check_input("Li4RfO4", field="composition[1]")
    assert info.value.field == "composition[1]"
    assert info.value.value == "Li4RfO4"  # was "Li4 O4 Rf1", found only when featurised
    with pytest.raises(ValidationError) as info:
        predict_conductivity(["Li3YCl6", "Li4RfO4"], window=False)
    assert info.value.field == "composition[1]"  # was "composition" (which one?)


def test_predict_csv_names_every_bad_row_and_predicts_the_good(tmp_path: Path, capsys,
                                                               monkeypatch) -> None:
    """A row the first check passed but featurisation refused (Rf, Z > 103) stopped the
    second pass: no prediction, no file or line, exit 2 with one unlocated error."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rows.csv").write_text("composition\nLiXx\nLi4RfO4\nLi3YCl6\n")
    code, out, err = run(["predict", "rows.csv", "--no-window", "--json"], capsys)
    assert code == 2
    assert [row["Input"] for row in json.loads(out)] == ["Li3YCl6"]
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in err, err
    assert lines[0].startswith("error: rows.csv line 2, composition"), err
    assert lines[1].startswith("error: rows.csv line 3, composition"), err
    assert "Z=103" in lines[1]
