"""Unicode spellings of a unit (U+2212 minus, product dots, µ/μ, Ω, ½, √) read as the ASCII
spelling of the same unit; the minus before the number too (H106 audit)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solidcell import units
from solidcell.errors import UnitError

#: (kind, ASCII unit) pairs written with a minus, a product or a power of one half
ASCII_UNITS = [
    ("conductivity", "S cm-1"), ("conductivity", "mS*cm-1"), ("current density", "uA cm-2"),
    ("specific capacity", "mAh g-1"), ("areal capacity", "mAh*cm-2"), ("density", "g cm-3"),
    ("diffusivity", "cm2 s-1"), ("activation energy", "kJ mol-1"), ("areal resistance", "ohm cm2"),
    ("fracture toughness", "MPa m^1/2"), ("fracture toughness", "MPa*m^1/2"),
    ("fracture toughness", "kPa*sqrt(m)"), ("temperature", "degC"), ("specific energy", "W h kg-1"),
]

#: ASCII piece -> the Unicode spellings papers print for it
SPELLINGS = {"-": ["\u2212"], "*": ["\u00b7", "\u22c5", " "], "u": ["\u00b5", "\u03bc"],
             "ohm": ["\u03a9"], "^1/2": ["\u00bd", "^\u00bd", "1/2"], "sqrt(m)": ["\u221am"]}


def _unicode(unit: str, draw) -> str:
    for ascii_piece, spellings in SPELLINGS.items():
        if ascii_piece in unit and draw(st.booleans()):
            unit = unit.replace(ascii_piece, draw(st.sampled_from(spellings)))
    return unit


@st.composite
def spelling(draw):
    kind, unit = draw(st.sampled_from(ASCII_UNITS))
    number = draw(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).filter(
        lambda x: kind != "temperature" or x > -273))
    return kind, f"{number!r} {unit}", f"{number!r} {_unicode(unit, draw)}".replace(
        "-", draw(st.sampled_from(["-", "\u2212"])), 1 if number < 0 else 0)


@given(spelling())
def test_unicode_spelling_reads_as_ascii(case):
    kind, ascii_text, unicode_text = case
    expected = units.parse(ascii_text, kind)
    assert math.isclose(units.parse(unicode_text, kind), expected, rel_tol=1e-12, abs_tol=0.0)


@pytest.mark.parametrize("text, kind, expected", [
    ("\u22125 degC", "temperature", 268.15),          # was: 'not a number followed by a unit'
    ("\u22125 \u00b0C", "temperature", 268.15),
    ("1e\u22123 S/cm", "conductivity", 0.1),          # was: 'holds the constant elementary_charge'
    ("1 MPa\u22c5\u221am", "fracture toughness", 1e6),  # was: read as (MPa m)^1/2, refused
    ("1 MPa\u00b7\u221a(m)", "fracture toughness", 1e6),
    ("2 mS cm\u2212\u00b9", "conductivity", 0.2),      # was: unknown unit
])
def test_paper_spellings_read(text, kind, expected):
    assert math.isclose(units.parse(text, kind), expected, rel_tol=1e-12)


def test_minus_before_number_split_and_with_unit_apart():
    assert units.split_value("\u22125 degC") == (-5.0, "degC")
    assert math.isclose(units.parse("\u22125", "temperature", "degC"), 268.15)


@pytest.mark.parametrize("text, kind", [
    ("1 MPa/\u221am", "fracture toughness"),      # a root in the denominator: not a toughness
    ("1 m^1/2/s", "fracture toughness"),
    ("1 1/2 MPa", "pressure"),                     # a fraction before the unit is no unit
    ("1 S cm\u2212\u00b2", "conductivity"),          # S/cm2 is an areal conductance
    ("1 mS cm\u22121/2", "conductivity"),            # not read as half of mS/cm
])
def test_misspellings_refused(text, kind):
    with pytest.raises(UnitError):
        units.parse(text, kind)
