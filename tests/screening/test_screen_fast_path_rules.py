"""A swept array column (fast path) refuses the rows the design model refuses: the bounds of
the integer fields (n_layers <= 10000, cells_in_series <= 1000) and the anode sizing fields
on designs that have no such anode (an anode-free cell, the plates of an interdigitated cell,
a composite anode sized by N/P, a lithium reservoir on a foil). These rows used to be feasible
with numbers of a design `evaluate` refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.errors import SolidcellError
from solidcell.screening.screen import FAST_PATHS, INT_MAX, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _design(name: str) -> CellDesign:
    return CellDesign.from_file(EXAMPLES / name)


def _graphite() -> CellDesign:
    return _design("ev-nmc811-lpscl-li.yaml").replace(anode={
        "kind": "graphite", "np_ratio": 1.1, "electrolyte": "li6ps5cl", "carbon": "vgcf",
        "active_fraction": 0.6, "electrolyte_fraction": 0.37, "carbon_fraction": 0.03})


def _feasible_per_design(base: CellDesign, path: str, value: float) -> bool:
    try:
        return not evaluate(base.replace(**{path: value})).values.get("Reason code", 0)
    except SolidcellError:
        return False


@pytest.mark.parametrize("path", list(INT_MAX))
def test_the_integer_bounds_are_the_design_models(path):
    base = _design("bipolar-nmc811-lpscl-li.yaml")
    assert FAST_PATHS[path][1] == "int"
    base.replace(**{path: INT_MAX[path]})
    with pytest.raises(SolidcellError, match=rf"\[1, {INT_MAX[path]}\]"):
        base.replace(**{path: INT_MAX[path] + 1})


@pytest.mark.parametrize(("example", "path", "values", "feasible", "words"), [
    ("ev-nmc811-lpscl-li.yaml", "format.n_layers", [10_000, 10_001, 10**6], [True, False, False],
     "format.n_layers: must be an integer in [1, 10000]"),
    ("bipolar-nmc811-lpscl-li.yaml", "architecture.cells_in_series", [1000, 1001],
     [True, False], "architecture.cells_in_series: must be an integer in [1, 1000]"),
    ("anode-free-nmc811-lpscl.yaml", "anode.thickness_m", [20e-6, 40e-6], [False, False],
     "anode.thickness_m: an anode_free cell has no anode thickness or N/P"),
    ("anode-free-nmc811-lpscl.yaml", "anode.np_ratio", [1.2, 2.0], [False, False],
     "anode.np_ratio: an anode_free cell has no anode thickness or N/P"),
    ("interdigitated-3d-nmc811-lpscl-li.yaml", "anode.thickness_m", [20e-6], [False],
     "anode.thickness_m: in an interdigitated_3d cell the anode plates are sized by "
     "architecture.anode_width_m"),
    ("ev-nmc811-lpscl-li.yaml", "anode.excess_li_thickness_m", [0.0, 5e-6], [True, False],
     "anode.excess_li_thickness_m: only for kind 'anode_free'"),
    ("anode-free-nmc811-lpscl.yaml", "anode.excess_li_thickness_m", [0.0, 5e-6], [True, True],
     ""),
    ("graphite", "anode.thickness_m", [30e-6, 60e-6], [False, False], "anode.thickness_m: "),
])
def test_a_fast_column_refuses_what_the_design_model_refuses(example, path, values, feasible,
                                                             words):
    base = _graphite() if example == "graphite" else _design(example)
    space = {"base": json.loads(base.to_json()), "method": "grid",
             "parameters": {path: {"values": values}}}
    table = screen(space, with_cost=False).table
    assert list(table["Feasible"]) == feasible, list(table["Reason"])
    assert feasible == [_feasible_per_design(base, path, v) for v in values]
    for ok, why in zip(feasible, table["Reason"], strict=True):
        assert ok == (why == "")
        if not ok:
            assert why.startswith(words) if words.endswith(": ") else words in why, why


def test_a_layer_thicker_than_the_room_of_the_can_is_refused_row_by_row():
    """Radial room of a can = (diameter - 2 casing - mandrel) / 2 (the design model's rule): in
    a 0.8 mm can with 0.3 mm walls 100 um; a 200 um cathode cannot be wound there, a 50 um one
    can. The base (200 um) does not fit the small can, but the swept cathode replaces it."""
    base = _design("ev-nmc811-lpscl-li.yaml").replace(
        format={"kind": "cylindrical", "diameter_m": 0.021, "height_m": 0.07,
                "casing_material": "al_foil", "casing_thickness_m": 3e-4},
        **{"cathode.thickness_m": 200e-6, "anode.thickness_m": 90e-6})
    params = {"format.diameter_m": {"values": [0.0008, 0.021]},
              "cathode.thickness_m": {"values": [50e-6, 200e-6]},
              "format.casing_thickness_m": {"values": [1e-5, 3e-4]}}
    space = {"base": json.loads(base.to_json()), "method": "grid", "parameters": params}
    table = screen(space, with_cost=False).table
    refused = (table["format.diameter_m"] == 0.0008) & (table["cathode.thickness_m"] == 200e-6) \
        & (table["format.casing_thickness_m"] == 3e-4)
    assert list(table["Feasible"]) == list(~refused)
    assert table["Reason"][refused].str.startswith(
        "cathode.thickness_m: must be below the radial room of the cylindrical can").all()
    for _, row in table.iterrows():
        try:
            ok = not evaluate(base.replace(**{p: row[p] for p in params})).values.get(
                "Reason code", 0)
        except SolidcellError:
            ok = False
        assert bool(row["Feasible"]) == ok, dict(row[list(params)])
