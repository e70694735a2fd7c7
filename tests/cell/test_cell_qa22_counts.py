"""A count of a design (``format.n_layers``, ``architecture.cells_in_series``, a pack's cells)
written in exponent form, ``n_layers: 1e3``, is that integer: YAML 1.1 reads ``1e3`` as text,
which was refused as 'unable to parse string as an integer' (the rule's range unsaid); text
that is no whole number is refused naming the field and asking for a count."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.screening.screen import load_space

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
BASE = CellDesign.from_file(EV).model_dump()


def _with_layers(value: object) -> CellDesign:
    data = {**BASE, "format": {**BASE["format"], "n_layers": value}}
    return CellDesign.from_dict(data)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 10_000))
def test_count_in_exponent_text_is_the_integer(n):
    assert _with_layers(f"{n:e}").format.n_layers == n == _with_layers(n).format.n_layers


def test_yaml_exponent_count_loads(tmp_path):
    text = EV.read_text(encoding="utf-8").replace("n_layers: 20", "n_layers: 1e3")
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    assert CellDesign.from_file(path).format.n_layers == 1000


@pytest.mark.parametrize("text", ["2.5e0", "20 layers", "1e400", "nan", ""])
def test_text_that_is_no_whole_number_is_refused_naming_the_field(text):
    with pytest.raises(ValidationError) as err:
        _with_layers(text)
    assert err.value.field == "format.n_layers" and "whole number" in err.value.allowed


def test_a_count_above_its_bound_still_states_the_bound():
    with pytest.raises(ValidationError) as err:
        _with_layers("1e5")
    assert "[1, 10000]" in err.value.allowed


def test_a_space_reads_the_count_as_the_design_does():
    space = load_space({"base": str(EV), "parameters": {
        "format.n_layers": {"values": ["1e3", 10]}}})
    assert space.parameters["format.n_layers"]["values"] == [1000, 10]
