"""Fresh-eyes QA of the screening API from a notebook: a space's range given as an integer
beyond the largest float, a method or an application that is no text, and Pareto inputs of
the wrong type raise ValidationError naming the field (they escaped as OverflowError,
TypeError "unhashable" or "truth value ... is ambiguous")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from solidcell.errors import ValidationError
from solidcell.screening.screen import application, load_space, pareto_mask

BASE = str(Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml")


def _space(**changes: Any) -> dict[str, Any]:
    space = {"base": BASE, "method": "grid",
             "parameters": {"cathode.thickness_m": {"min": "50 um", "max": "100 um", "n": 3}}}
    return {**space, **changes}


@pytest.mark.parametrize("end", ["min", "max"])
def test_a_range_end_beyond_the_largest_float_is_refused(end: str) -> None:
    spec = {"min": 5e-5, "max": 1e-4, "n": 3, end: 10**400}
    with pytest.raises(ValidationError) as info:  # was OverflowError in math.isfinite
        load_space(_space(parameters={"cathode.thickness_m": spec}))
    assert info.value.field == f"parameters.cathode.thickness_m.{end}"


@pytest.mark.parametrize("method", [np.array(["grid", "lhs"]), ["grid"], None, 1])
def test_a_method_that_is_no_text_is_refused(method: Any) -> None:
    with pytest.raises(ValidationError) as info:
        load_space(_space(method=method))
    assert info.value.field == "method"


@pytest.mark.parametrize("name", [{}, ["ev"], np.array(["ev"]), None, 1])
def test_an_application_that_is_no_text_is_refused(name: Any) -> None:
    with pytest.raises(ValidationError) as info:  # unhashable type: 'dict'
        application(name)
    assert info.value.field == "application"


def test_an_application_id_ignores_case() -> None:
    assert application("EV") == application("ev")


def test_pareto_values_junk_is_refused() -> None:
    from solidcell.units import registry

    for values in (registry().Quantity(np.ones((2, 2)), "m"), [[1, 10**400], [2, 3]]):
        with pytest.raises(ValidationError) as info:
            pareto_mask(values, ["max", "min"])
        assert info.value.field == "values"


@pytest.mark.parametrize("senses", [np.array("max"), "maxmin", ["max"], ["max", "up"], None])
def test_pareto_senses_junk_is_refused(senses: Any) -> None:
    with pytest.raises(ValidationError) as info:  # a 0-d array: "len() of unsized object"
        pareto_mask(np.array([[1.0, 2.0], [2.0, 1.0]]), senses)
    assert info.value.field == "senses"


def test_pareto_by_definition() -> None:
    # two objectives, both maximised: (1, 2) and (2, 1) trade off; (0, 0) is dominated
    mask = pareto_mask(np.array([[1.0, 2.0], [2.0, 1.0], [0.0, 0.0]]), np.array(["max", "max"]))
    assert mask.tolist() == [True, True, False]
