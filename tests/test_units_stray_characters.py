"""A character that is no part of a unit is refused, not dropped.

pint's tokenizer silently dropped '?', '!', ';', '@', '~' and everything after '#' (a Python
comment): ``parse('300.0 kelvins?', 'temperature')`` was 300 K and ``'1 mS/cm#5'`` was
1 mS/cm. Now the unit text (after the lab spellings are normalised) may hold only letters,
digits, spaces and ``* / ^ ( ) . + - %`` (and superscripts); anything else is refused naming
the character, the text and what is expected (docs/conventions.md, Units).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solidcell import units
from solidcell.errors import UnitError

#: (text, kind, value in the canonical unit) that must still read
GOOD = [("30 um", "length", 30e-6), ("30 µm", "length", 30e-6),
        ("2 mS cm⁻¹", "ionic conductivity", 0.2), ("1.2 MPa√m", "fracture toughness", 1.2e6),
        ("25 °C", "temperature", 298.15), ("3 Ω cm²", "areal resistance", 3e-4),
        ("5 %", "fraction", 0.05), ("1 g/cm^3", "density", 1000.0),
        ("1 W.h.kg-1", "specific energy", 1.0), ("4 $/kg", "price", 4.0)]
STRAY = "?!;@~#`&|\"'<>[]{}=:\\"


@pytest.mark.parametrize(("text", "kind", "value"), GOOD)
def test_units_papers_print_still_read(text: str, kind: str, value: float) -> None:
    assert units.parse(text, kind) == pytest.approx(value, rel=1e-12)


@given(good=st.sampled_from(GOOD), stray=st.sampled_from(STRAY),
       at=st.sampled_from(["end", "middle", "spaced"]))
def test_a_stray_character_in_a_unit_is_refused_naming_it(good: tuple[str, str, float],
                                                          stray: str, at: str) -> None:
    text, kind, _ = good
    number, unit = text.split(" ", 1)
    unit = {"end": unit + stray, "middle": unit[:1] + stray + unit[1:],
            "spaced": f"{unit} {stray}"}[at]
    typed = f"{number} {unit}"
    with pytest.raises(UnitError) as err:
        units.parse(typed, kind)
    assert str(err.value).startswith(f"{kind}: {typed!r}")


@pytest.mark.parametrize("typed", ["300.0 kelvins?", "300 K?", "25 degC!", "25 degC # room"])
def test_the_temperatures_that_read_as_300_K_are_refused(typed: str) -> None:
    with pytest.raises(UnitError, match="is no part of a unit"):
        units.parse(typed, "temperature")
