"""A design space's value under a short key (``cathode.thickness``) follows the design file's
rule: a number with a unit, or a bare number refused naming the SI key (``thickness: 50`` is
refused in a design; ``cathode.thickness: {values: [50]}`` was screened as 50 m)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.screening.screen import load_space

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
#: short key -> the design field it names (their unit kinds: length, temperature)
SHORT = {"cathode.thickness": "cathode.thickness_m", "separator.thickness":
         "separator.thickness_m", "cathode.particle_radius": "cathode.particle_radius_m",
         "temperature": "temperature_K"}

numbers = st.one_of(st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False, allow_infinity=False, width=32))


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(sorted(SHORT)), value=numbers, as_text=st.booleans())
def test_bare_number_under_a_short_key_is_refused_naming_the_si_key(key, value, as_text):
    typed = str(value) if as_text else value
    with pytest.raises(ValidationError) as err:
        load_space({"base": str(EV), "parameters": {key: {"values": [typed]}}})
    assert err.value.field == f"parameters.{key}"
    assert "has no unit" in err.value.allowed and SHORT[key] in err.value.allowed


@pytest.mark.parametrize(("key", "value"), [("cathode.thickness", 50),
                                            ("temperature", 300)])
def test_the_design_file_refuses_the_same_bare_number(key, value):
    """The rule the space follows: the design model's own (its message names the SI key)."""
    data = CellDesign.from_file(EV).model_dump()
    section, _, leaf = key.rpartition(".")
    target = data[section] if section else data
    target.pop(SHORT[key].rpartition(".")[2])
    target[leaf] = value
    with pytest.raises(ValidationError, match="has no unit"):
        CellDesign.from_dict(data)


def test_units_and_si_keys_are_read_as_before():
    space = load_space({"base": str(EV), "parameters": {
        "cathode.thickness": {"values": ["50 um", "0.08 mm"]},
        "separator.thickness_m": {"min": 1e-5, "max": 3e-5, "n": 2},
        "temperature": {"values": ["25 degC"]}}})
    assert space.parameters["cathode.thickness_m"]["values"] == pytest.approx([5e-5, 8e-5])
    assert space.parameters["separator.thickness_m"]["min"] == pytest.approx(1e-5)
    assert space.parameters["temperature_K"]["values"] == pytest.approx([298.15])
