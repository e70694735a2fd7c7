"""A layer of a jelly roll must be thinner than the can's radial room, (diameter - 2 casing -
mandrel) / 2 (cell.design ``_check_layers_fit_the_can``): a thicker one cannot be wound even
once. The check read the fields a design gives, so a composite anode sized by N/P (its
thickness N/P x the cathode's capacity / its capacity per volume), a foil sized by N/P and a
cathode given by its loading were never checked: a wound graphite layer wider than the can's
room was evaluated. Now the design model checks the resolved thicknesses, and ``core`` (the
array path of ``evaluate_many`` and the screens) refuses such a row with reason 3, one
formula of the room (``radial_room_m``).

Properties: the design is refused, naming the field that sized the layer, exactly where the
resolved layer reaches the room; a row of ``evaluate_many`` is reason 3 there and otherwise
gives ``evaluate``'s numbers; a screen sweeping N/P refuses the same rows."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CAN_ROOM_RULE, CellDesign, radial_room_m
from solidcell.cell.energy import REASONS, design_parameters, evaluate, evaluate_many
from solidcell.errors import ValidationError
from solidcell.screening.screen import row_design, screen

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
KEYS = ("Cell gravimetric energy density [W.h.kg-1]", "Electrode area [m2]",
        "Anode thickness [m]")
GRAPHITE = {"kind": "graphite", "np_ratio": 1.5, "electrolyte": "li6ps5cl",
            "active_fraction": 0.6, "electrolyte_fraction": 0.4}


def wound(diameter_m: float, anode: dict | None = None, **cathode: object) -> CellDesign:
    """The EV example's layers with a graphite anode, wound in a can of ``diameter_m``."""
    return CellDesign.from_yaml(EV).replace(
        anode=anode or GRAPHITE,
        format={"kind": "cylindrical", "diameter_m": diameter_m, "height_m": 0.065},
        **{f"cathode.{k}": v for k, v in cathode.items()})


def test_a_wound_graphite_layer_wider_than_the_room_is_refused():
    anode_m = wound(0.021).resolved().anode_thickness_m  # 143 um
    with pytest.raises(ValidationError) as err:
        wound(2 * anode_m * 0.99).resolved()  # room just below the layer
    assert err.value.field == "anode.np_ratio"
    assert CAN_ROOM_RULE in str(err.value)
    assert wound(2 * anode_m * 1.01).resolved().anode_thickness_m == pytest.approx(anode_m)


def test_a_foil_sized_by_np_and_a_cathode_given_by_loading_are_checked():
    foil = {"kind": "li_metal", "np_ratio": 6.0}  # 139 um, thicker than the 80 um cathode
    foil_m = wound(0.021, foil).resolved().anode_thickness_m
    with pytest.raises(ValidationError) as err:
        wound(2 * foil_m * 0.99, foil).resolved()
    assert err.value.field == "anode.np_ratio"
    by_loading = CellDesign.from_yaml(EV).resolved().cathode_active_loading_kg_m2
    design = wound(0.021, foil, thickness_m=None, active_loading_kg_m2=by_loading)
    cathode_m = design.resolved().cathode_thickness_m
    with pytest.raises(ValidationError) as err:
        wound(2 * cathode_m * 0.99, {"kind": "li_metal", "thickness": "50 um"},
              thickness_m=None, active_loading_kg_m2=by_loading).resolved()
    assert err.value.field == "cathode.active_loading_kg_m2"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(np_ratio=st.floats(1.0, 4.0), room_m=st.floats(5e-5, 5e-4))
def test_rows_are_reason_3_where_the_design_is_refused(np_ratio, room_m):
    """The array row of the can (diameter from ``room_m``, no casing or mandrel) with the
    base's parameters but N/P: reason 3 exactly where the design is refused for the room;
    else evaluate's numbers."""
    diameter = 2 * room_m
    base = wound(0.021)
    params = {**design_parameters(base.resolved()), "diameter_m": diameter}
    batch = evaluate_many({**params, "anode_np_ratio": np.array([np_ratio])})
    code = int(batch["Reason code"][0])
    try:
        ref = evaluate(wound(diameter, {**GRAPHITE, "np_ratio": np_ratio}))
    except ValidationError as exc:
        assert code == 3, (np_ratio, room_m, str(exc))
        assert "radial room" in REASONS[3]
        return
    assert code == 0
    for key in KEYS:
        assert float(batch[key][0]) == pytest.approx(ref[key], rel=1e-9), key


def test_the_room_is_one_formula():
    assert radial_room_m(0.021, 2e-4, 3e-3) == pytest.approx((0.021 - 4e-4 - 3e-3) / 2)


def test_a_screen_of_np_refuses_the_rows_the_design_refuses():
    """A base in a 0.4 mm can (200 um of room) swept over N/P: the graphite layer is about
    95 um per unit of N/P, so N/P 2.5 does not fit, N/P 1.2 and 1.5 do."""
    base = wound(4e-4)
    space = {"base": json.loads(base.to_json()), "method": "grid",
             "parameters": {"anode.np_ratio": {"values": [1.2, 1.5, 2.5]}}}
    table = screen(space, with_cost=False).table
    assert list(table["Feasible"]) == [True, True, False]
    with pytest.raises(ValidationError):
        row_design(base, {"anode.np_ratio": 2.5}).resolved()
    for _, row in table[table["Feasible"]].iterrows():
        ref = evaluate(row_design(base, {"anode.np_ratio": row["anode.np_ratio"]}))
        for key in KEYS:
            assert row[key] == pytest.approx(ref[key], rel=1e-9), key
