"""Geometric sanity of a stacked cell, on both paths (the scalar ``CellDesign``/``evaluate`` and
``core``'s reason 12, :data:`solidcell.cell.energy.LIMITS`): a layer must be thinner than the
electrode's smaller in-plane side (``separator: {thickness_m: 30}``, meant as um, was
evaluated as a 30 m layer at 0.003 Wh/kg), a 3D repeat unit must fit in it (``anode_width:
25 mm``, meant as um, gave a 25.09 mm repeat unit on a 20 mm electrode at 0.92 Wh/kg); 3D
widths an architecture does not read are noted, not refused. The screen's fast-path refusals
name their value in "Reason detail"."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exampledesigns import EXAMPLES, example
from solidcell.cell.design import PLANE_ALLOWED, REPEAT_UNIT_RULE, CellDesign, plane_layers
from solidcell.cell.energy import (
    DETAIL_KEY,
    OFF_LIMITS,
    core,
    design_parameters,
    evaluate,
    evaluate_many,
    reason_details,
)
from solidcell.errors import SolidcellError, ValidationError
from solidcell.screening.screen import screen


def data(name: str) -> dict[str, Any]:
    import yaml

    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text())


def row(name: str, **columns: float) -> tuple[int, str]:
    """The reason code and detail of ``core`` on the example's parameters with ``columns``."""
    p = {**design_parameters(example(name).resolved()), **columns}
    code = core(p)["Reason code"]
    return int(code), str(reason_details(p, code).item())


def test_a_repeat_unit_wider_than_the_electrode_is_refused_on_both_paths() -> None:
    """The QA case: anode plates of 25 mm (meant as um) on a 20 mm x 20 mm electrode."""
    d = data("interdigitated-3d-nmc811-lpscl-li")
    d["architecture"]["anode_width"] = "25 mm"
    with pytest.raises(ValidationError) as err:
        CellDesign.from_dict(d)
    text = str(err.value)
    assert err.value.field == "architecture.anode_width"  # as typed (as_typed)
    assert "25.09 mm" in text and "format.electrode_width_m = 20 mm" in text
    assert REPEAT_UNIT_RULE in text
    code, detail = row("interdigitated-3d-nmc811-lpscl-li", anode_width_m=25e-3)
    assert code == OFF_LIMITS
    # the same field as the design's refusal (the widest term), its value and words
    assert detail.startswith("architecture.anode_width_m: '25000 um' is not allowed; gives a "
                             "repeat unit (interdigitated_3d) 25.09 mm wide")
    assert REPEAT_UNIT_RULE in detail and "format.electrode_width_m = 20 mm" in detail


def test_a_layer_as_thick_as_the_cell_is_wide_is_refused_on_both_paths() -> None:
    """The QA case: ``separator: {thickness_m: 30}`` on the EV pouch (100 mm x 200 mm)."""
    d = data("ev-nmc811-lpscl-li")
    d["separator"] = {"electrolyte": "li6ps5cl", "thickness_m": 30}
    with pytest.raises(ValidationError, match=re.escape(  # the number as given (30 -> 30.0)
            f"separator.thickness_m: 30.0 is not allowed; {PLANE_ALLOWED}")):
        CellDesign.from_dict(d)
    code, detail = row("ev-nmc811-lpscl-li", separator_thickness_m=30.0)
    assert code == OFF_LIMITS and detail.startswith(
        f"separator.thickness_m: '3e+07 um' is not allowed; {PLANE_ALLOWED}")


def test_a_screen_refuses_a_separator_of_metres_and_names_its_value() -> None:
    """A screen of ``separator.thickness_m: {values: [30]}`` marked it feasible; the fast
    path's own refusals (a negative thickness) name their value in "Reason detail" too."""
    space = {"base": data("ev-nmc811-lpscl-li"),
             "parameters": {"separator.thickness_m": {"values": [30, 30e-6, -1e-6]}}}
    t = screen(space).table
    assert t["Feasible"].tolist() == [False, True, False]
    details = t[DETAIL_KEY].tolist()
    assert details[0].startswith("separator.thickness_m: '3e+07 um' is not allowed; ")
    assert details[1] == ""
    assert details[2] == "separator.thickness_m: '-1 um' is not allowed; must be > 0 m and finite"
    assert t["Reason"].tolist()[2] == "separator.thickness_m: must be > 0 m and finite"


def test_a_count_refused_by_the_fast_path_names_its_value() -> None:
    space = {"base": data("ev-nmc811-lpscl-li"),
             "parameters": {"format.n_layers": {"values": [0, 20]}}}
    t = screen(space).table
    assert t["Feasible"].tolist() == [False, True]
    assert t[DETAIL_KEY].tolist()[0] == ("format.n_layers: 0 is not allowed; must be an "
                                         "integer in [1, 10000]")


def test_an_anode_sized_by_np_thicker_than_the_cell_is_wide_is_refused() -> None:
    """Vertically aligned example: li_metal sized by N/P on a 50 mm x 50 mm electrode."""
    d = example("vertically-aligned-lco-llzo-li")
    big = d.replace(**{"anode.np_ratio": 1e5})
    with pytest.raises(ValidationError, match=r"anode\.np_ratio") as err:
        big.resolved()
    assert PLANE_ALLOWED.split(":")[0].removeprefix("must be below ") in str(err.value)
    code, detail = row("vertically-aligned-lco-llzo-li", anode_np_ratio=1e5)
    assert code == OFF_LIMITS
    assert detail.startswith("anode thickness from anode.np_ratio: ")


def test_3d_widths_on_a_planar_cell_are_noted_not_refused() -> None:
    """A planar cell given the vertically aligned example's cathode_width and gap: the
    result notes them (JSON notes, conventions), and its numbers are the planar cell's."""
    d = example("vertically-aligned-lco-llzo-li")
    planar = d.replace(**{"architecture.kind": "planar"})
    bare = d.replace(**{"architecture": {"kind": "planar"}})
    r, r0 = evaluate(planar), evaluate(bare)
    note = r.to_json()["notes"][-1]
    assert "architecture.cathode_width_m = 40 um" in note and "gap_m = 10 um" in note
    assert "ignored" in note and r.conventions["Ignored fields"] == note
    assert not any("ignored" in n for n in r0.to_json()["notes"])
    assert r.values.keys() == r0.values.keys()
    assert all(r.values[k] == r0.values[k] or (np.isnan(r.values[k]) and np.isnan(r0.values[k]))
               for k in r.values)


def test_a_screen_sweeping_the_architecture_from_a_3d_base_keeps_its_planar_rows() -> None:
    space = {"base": data("vertically-aligned-lco-llzo-li"),
             "parameters": {"architecture.kind": {"values": ["vertically_aligned", "planar"]}}}
    assert screen(space).table["Feasible"].tolist() == [True, True]


def test_the_shipped_examples_keep_their_values() -> None:
    """Every shipped example meets the rules (no refusal, no note)."""
    for path in sorted(EXAMPLES.glob("*.yaml")):
        r = evaluate(CellDesign.from_yaml(path))
        assert r.feasible, path
        assert "Ignored fields" not in r.conventions, path


# --- scalar and batch agree on drawn designs ------------------------------------------------
_LENGTH = st.floats(-6.0, 0.5).map(lambda e: 10.0 ** e)  # 1 um .. 3 m, log-uniform
_SIDE = st.floats(-4.0, -0.5).map(lambda e: 10.0 ** e)  # 0.1 mm .. 0.3 m
#: example -> the design field and core column of each drawn length
_DRAWN = {
    "ev-nmc811-lpscl-li": {"separator.thickness_m": "separator_thickness_m",
                           "cathode_current_collector.thickness_m":
                           "cathode_collector_thickness_m"},
    "vertically-aligned-lco-llzo-li": {"separator.thickness_m": "separator_thickness_m",
                                       "architecture.cathode_width_m": "cathode_width_m",
                                       "architecture.gap_m": "gap_m"},
    "interdigitated-3d-nmc811-lpscl-li": {"architecture.anode_width_m": "anode_width_m",
                                          "architecture.gap_m": "gap_m"},
}


def _scalar_feasible(d: CellDesign, changes: dict[str, float]) -> bool:
    try:
        return evaluate(d.replace(**changes)).feasible
    except SolidcellError:
        return False


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(_DRAWN)), draws=st.data(), w=_SIDE, h=_SIDE)
def test_scalar_and_batch_agree_on_drawn_geometries(name: str, draws: Any, w: float,
                                                    h: float) -> None:
    """Drawn layer thicknesses, 3D widths and electrode sides: the scalar design (built and
    evaluated) is feasible exactly where ``evaluate_many``'s row is (reason 0); where the row
    breaks a geometry rule its detail says so, and the value it shows breaks it."""
    d = example(name)
    lengths = {f: draws.draw(_LENGTH, label=f) for f in _DRAWN[name]}
    changes = {**lengths, "format.electrode_width_m": w, "format.electrode_height_m": h}
    p = design_parameters(d.resolved())
    p.update({col: lengths[f] for f, col in _DRAWN[name].items()},
             electrode_width_m=w, electrode_height_m=h)
    batch = evaluate_many({k: np.array([v]) for k, v in p.items()})
    code = int(batch["Reason code"][0])
    assert _scalar_feasible(d, changes) == (code == 0), (changes, code)
    detail = batch[DETAIL_KEY][0]
    if code == OFF_LIMITS and (PLANE_ALLOWED in detail or REPEAT_UNIT_RULE in detail):
        side = min(w, h)
        unit_m = (lengths.get("architecture.cathode_width_m", p["cathode_width_m"])
                  + p["anode_width_m"] * (name.startswith("interdigitated"))
                  + lengths.get("architecture.gap_m", p["gap_m"])
                  * (2 if name.startswith("interdigitated") else 1))
        # the drawn layers and the design's own (the casing wall is a layer too: 100 um of
        # the EV example against a 100 um side, exact since '100 um' parses to 1e-04)
        given = {**plane_layers(d), **lengths}
        layers = [v for f, v in given.items() if f.endswith("thickness_m") and v is not None]
        layers.append(p["cathode_thickness_m"])
        assert unit_m > side or max(layers) >= side or detail.startswith("anode thickness")
