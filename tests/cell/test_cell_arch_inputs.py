"""Inputs of ``compare``, ``bipolar_gain`` and ``crossover``: the same designs as ``evaluate``
takes (a CellDesign or a YAML/JSON path or text), and a refusal naming the argument for
anything else, never an AttributeError or TypeError from inside."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from cellhelpers import ref1_design

from solidcell import evaluate
from solidcell.cell.architectures import bipolar_gain, compare, crossover
from solidcell.errors import ValidationError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def vertical():
    return ref1_design(architecture={"kind": "vertically_aligned", "cathode_width_m": 50e-6,
                                     "gap_m": 20e-6})


def test_compare_takes_paths_as_evaluate_does(tmp_path):
    """compare([path]) evaluated the file and then failed with "'str' object has no attribute
    'name'" while building its row."""
    path = tmp_path / "ref1.yaml"
    path.write_text(ref1_design().to_yaml(), encoding="utf-8")
    by_path = compare([path, str(path)])
    by_design = compare([ref1_design()])
    assert [r.name for r in by_path.rows] == ["SSB-REF-1", "SSB-REF-1"]
    assert by_path.rows[0] == by_design.rows[0]
    assert by_path.rows[0].stack_Wh_kg == evaluate(path)[
        "Stack gravimetric energy density [W.h.kg-1]"]


@pytest.mark.parametrize(("designs", "shown"), [
    (None, "None"), (5, "5"), ("abc", "'abc'"), ("SSB", "'SSB'"),
])
def test_compare_refuses_what_is_not_a_list_of_designs(designs, shown):
    """A string was compared character by character ("design: 'a' is not allowed"), 5 raised
    TypeError, None was reported as '[]'."""
    with pytest.raises(ValidationError) as err:
        compare(designs)
    assert err.value.field == "designs"
    assert str(err.value).startswith(f"designs: {shown} is not allowed")
    assert "list of designs" in err.value.allowed


def test_compare_refuses_a_bare_design_by_name():
    """A single CellDesign was iterated as its (field, value) pairs: "design: ('name',
    'SSB-REF-1') is not allowed"; the refusal now names it and says to use a list."""
    with pytest.raises(ValidationError) as err:
        compare(ref1_design())
    assert err.value.field == "designs"
    assert err.value.value == "CellDesign 'SSB-REF-1'"
    assert "put a single design in a list" in err.value.allowed


def test_compare_names_the_bad_entry():
    with pytest.raises(ValidationError) as err:
        compare([ref1_design(), None])
    assert err.value.field == "designs[1]"


def test_bipolar_gain_and_crossover_take_paths():
    """Both raised AttributeError ('str' object has no attribute 'architecture') for a path."""
    bip = EXAMPLES / "bipolar-nmc811-lpscl-li.yaml"
    assert bipolar_gain(str(bip)).to_json() == bipolar_gain(bip).to_json()
    planar, three = (EXAMPLES / "ev-nmc811-lpscl-li.yaml",
                     EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")
    sig = np.logspace(-5, -1, 9)
    by_path = crossover(str(planar), three, conductivity_S_m=sig)
    from solidcell.cell.design import CellDesign

    by_design = crossover(CellDesign.from_file(planar), CellDesign.from_file(three),
                          conductivity_S_m=sig)
    np.testing.assert_array_equal(by_path.planar_Wh_kg, by_design.planar_Wh_kg)
    np.testing.assert_array_equal(by_path.three_d_Wh_kg, by_design.three_d_Wh_kg)


@pytest.mark.parametrize(("call", "field"), [
    (lambda: bipolar_gain(None), "design"),
    (lambda: crossover(None, vertical()), "planar"),
    (lambda: crossover(ref1_design(), 3.0), "three_d"),
])
def test_non_designs_are_refused_by_argument(call, field):
    with pytest.raises(ValidationError) as err:
        call()
    assert err.value.field == field


@pytest.mark.parametrize("sweep", [
    [1e-3, "x"],  # raised ValueError: could not convert string to float
    [],  # returned an empty result with no crossover
    [[1e-3, 1e-2]],  # 2-D: flattened silently
    [[1e-3], [1e-3, 2e-3]],  # ragged
    [1e-3, True],  # True would have been swept as 1 S/m
    True, "1e-3", [1e-3, -1.0], [np.inf], [np.nan],
])
def test_crossover_refuses_a_bad_sweep(sweep):
    with pytest.raises(ValidationError) as err:
        crossover(ref1_design(), vertical(), conductivity_S_m=sweep)
    assert err.value.field == "conductivity_S_m"
    assert "finite and > 0" in err.value.allowed


@pytest.mark.parametrize("sweep", [1e-3, np.float64(1e-3), [1e-3], (1e-3, 1e-2),
                                   np.array([1e-3, 1e-2]), np.array([1, 2])])
def test_crossover_takes_one_number_or_a_1d_sweep(sweep):
    c = crossover(ref1_design(), vertical(), conductivity_S_m=sweep)
    np.testing.assert_array_equal(c.conductivity_S_m, np.atleast_1d(np.asarray(sweep, float)))
