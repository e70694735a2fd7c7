"""A field given under both of its names (``thickness`` and ``thickness_m``) in one design:
one was dropped without a word. ``replace`` with a short key means the field itself (it showed
the old value, ``temperature_K: 298.15``, when the new one was refused)."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def test_both_names_of_one_field_are_refused() -> None:
    data = CellDesign.from_yaml(EV).model_dump()
    data["cathode"]["thickness"] = "60 um"  # beside thickness_m: 8e-05
    with pytest.raises(ValidationError) as info:
        CellDesign(**data)
    assert "thickness and thickness_m name the same field" in str(info.value)


def test_a_file_with_both_names_is_refused(tmp_path: Path) -> None:
    text = EV.read_text("utf-8").replace("  thickness: ", "  thickness_m: 6.0e-5\n  thickness: ", 1)
    assert text != EV.read_text("utf-8")
    path = tmp_path / "twins.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ValidationError) as info:
        CellDesign.from_yaml(path)
    assert "name the same field" in str(info.value)


def test_replace_with_a_short_key_sets_the_field() -> None:
    design = CellDesign.from_yaml(EV)
    assert design.replace(**{"cathode.thickness": "60 um"}).cathode.thickness_m == \
        pytest.approx(60e-6)
    assert design.replace(temperature="60 degC").temperature_K == pytest.approx(333.15)


def test_replace_refusing_a_short_key_shows_the_value_given() -> None:
    with pytest.raises(ValidationError) as info:
        CellDesign.from_yaml(EV).replace(temperature="-300 degC")
    assert "'-300 degC'" in str(info.value) and "298.15" not in str(info.value)
