"""Wrong types at `evaluate`, `evaluate_many` and `CellDesign.from_dict`/`replace`."""

from __future__ import annotations

import types
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate, evaluate_many
from solidcell.errors import ValidationError

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


@pytest.fixture(scope="module")
def design() -> CellDesign:
    return CellDesign.from_yaml(EV)


@pytest.mark.parametrize("charged", [None, "no", 1.5, float("nan"), [True], np.array([True])])
def test_evaluate_charged_must_be_a_bool(design: CellDesign, charged: object) -> None:
    """Used to be TypeError from float(None) or silently true for "no"/NaN."""
    with pytest.raises(ValidationError) as info:
        evaluate(design, charged=charged)  # type: ignore[arg-type]
    assert info.value.field == "charged"


@pytest.mark.parametrize("value", [None, "0.2 V", [0.2], pd.Series([0.2]), Path("x"), True])
def test_evaluate_polarisation_must_be_a_number(design: CellDesign, value: object) -> None:
    """Used to be TypeError from math.isfinite (and True meant 1 V)."""
    with pytest.raises(ValidationError) as info:
        evaluate(design, max_polarisation_V=value)  # type: ignore[arg-type]
    assert info.value.field == "max_polarisation_V"


@pytest.mark.parametrize("design_in", [None, 3, ["x"]])
def test_evaluate_design_of_a_wrong_type(design_in: object) -> None:
    with pytest.raises(ValidationError) as info:
        evaluate(design_in)  # type: ignore[arg-type]
    assert info.value.field == "design"


def test_evaluate_refuses_a_design_mapping_naming_what_it_lacks() -> None:
    """A mapping is a design's fields (as ``plan_routes`` and ``cell_cost`` take one, since
    2026-12-07): {"name": "x"} is refused naming the first section it lacks."""
    with pytest.raises(ValidationError) as info:
        evaluate({"name": "x"})  # type: ignore[arg-type]
    assert info.value.field == "cathode" and "missing" in str(info.value)


@pytest.mark.parametrize("designs", [None, 3, "x", b"x", Path("x"), np.array([1.0])])
def test_evaluate_many_refuses_non_sequences(designs: object) -> None:
    """Used to be TypeError ('not iterable') or AttributeError ('.resolved')."""
    with pytest.raises(ValidationError) as info:
        evaluate_many(designs)  # type: ignore[arg-type]
    assert info.value.field == "designs"


def test_evaluate_many_names_the_bad_item(design: CellDesign) -> None:
    with pytest.raises(ValidationError) as info:
        evaluate_many([design, None])  # type: ignore[list-item]
    assert info.value.field == "designs[1]"


def test_from_dict_accepts_any_mapping_and_refuses_non_str_keys(design: CellDesign) -> None:
    data = design.to_dict()
    assert CellDesign.from_dict(types.MappingProxyType(data)) == design
    with pytest.raises(ValidationError) as info:
        CellDesign.from_dict({**data, 3: 3})
    assert info.value.value == 3  # used to be TypeError: keywords must be strings


@pytest.mark.parametrize("path", ["temperature_K", "cathode.thickness_m",
                                  "separator.thickness_m", "cathode.porosity"])
def test_bools_are_not_numbers_in_a_design(design: CellDesign, path: str) -> None:
    """`temperature_K: True` used to be accepted as 1 K (`thickness_m: True` as 1 m)."""
    with pytest.raises(ValidationError) as info:
        design.replace(**{path: True})
    assert info.value.field == path
    assert "bool" in str(info.value)
