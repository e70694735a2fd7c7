"""Hypothesis: whatever number a swept array column (fast path) holds, on any of the example
designs (and a cylindrical one), a row is feasible exactly when ``evaluate`` of the base with
that value is, and then gives its energy. (Not drawn: ``anode.np_ratio`` on a foil given by
thickness, which a screen sizes by the swept N/P instead: docs/screening.md.)"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.errors import SolidcellError
from solidcell.screening.screen import FAST_PATHS, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ["ev-nmc811-lpscl-li.yaml", "anode-free-nmc811-lpscl.yaml",
         "bipolar-nmc811-lpscl-li.yaml", "interdigitated-3d-nmc811-lpscl-li.yaml",
         "thin-film-lco-lipon-li.yaml", "vertically-aligned-lco-llzo-li.yaml"]
BASES = {n: CellDesign.from_file(EXAMPLES / n) for n in NAMES}
# a jelly roll in a 2 mm can (radial room 0.7 mm): thick layers cannot be wound
NAMES.append("cylindrical")
BASES["cylindrical"] = BASES[NAMES[0]].replace(format={
    "kind": "cylindrical", "diameter_m": 2e-3, "height_m": 0.07, "casing_material": "al_foil",
    "casing_thickness_m": 3e-4})
WH_KG = "Cell gravimetric energy density [W.h.kg-1]"
NUMBER = st.one_of(
    st.sampled_from([0.0, -1.0, math.nan, math.inf, -math.inf, 1e-9, 5e-6, 4e-5, 2e-4, 1e-2,
                     0.5, 1.0, 2.0, 3.0, 250.0, 298.15, 500.0, 1000.0, 1001.0, 10_000.0,
                     10_001.0, 1e300]),
    st.floats(min_value=1e-7, max_value=1e-3),
    st.integers(min_value=-2, max_value=20))


def _sized_by_thickness(base: CellDesign, path: str) -> bool:
    a = base.anode
    return (path == "anode.np_ratio" and a.thickness_m is not None) or (
        path == "anode.thickness_m" and a.np_ratio is not None and a.kind != "anode_free")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(name=st.sampled_from(NAMES), path=st.sampled_from(sorted(FAST_PATHS)),
       values=st.lists(NUMBER, min_size=1, max_size=3))
def test_a_fast_row_is_feasible_exactly_where_evaluate_accepts_the_design(name, path, values):
    base = BASES[name]
    if path == "architecture.cells_in_series" and base.architecture.kind != "bipolar":
        return  # refused for the whole space (load_space): tested in test_screening
    if path.startswith("format.interlayer_film.") or _sized_by_thickness(base, path):
        return
    space = {"base": json.loads(base.to_json()), "method": "grid",
             "parameters": {path: {"values": values}}}
    table = screen(space, with_cost=False).table
    for value, feasible, why, wh_kg in zip(values, table["Feasible"], table["Reason"],
                                           table[WH_KG], strict=True):
        try:
            ref = evaluate(base.replace(**{path: value})).values
            ok = not ref.get("Reason code", 0)
        except SolidcellError:
            ok = False
        assert bool(feasible) == ok, (name, path, value, why)
        assert (why == "") == ok
        if ok:
            assert wh_kg == pytest.approx(ref[WH_KG], rel=1e-12, nan_ok=True)
