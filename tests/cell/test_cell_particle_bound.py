"""A composite electrode layer holds whole active particles, so it cannot be thinner than one
particle diameter 2 r (docs/cell.md, "Checks"). A 1e-300 um cathode used to give 1e-299 Wh/kg
in evaluate, the dashboard and screens; now it is refused, naming the field and the bound."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from cellhelpers import composite_anode, ref1_design, ref_materials
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import run
from solidcell import evaluate, screen
from solidcell.cell.design import CellDesign, particle_bounds
from solidcell.errors import ValidationError
from solidcell.materials import resolve

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"  # cathode particle_radius 5 um, as given
ANODE_FREE = EXAMPLES / "anode-free-nmc811-lpscl.yaml"  # radius from the knowledge base


def nmc811_radius_m() -> float:
    """Half the knowledge base's nmc811 particle_size (10.44 um, chen2020)."""
    return resolve("nmc811").si("particle_size") / 2


def test_the_bound_is_the_given_radius_or_half_the_material_particle_size():
    (given_r,) = particle_bounds(CellDesign.from_file(EV).resolved())
    assert given_r.field == "cathode.thickness_m"
    assert given_r.min_thickness_m == pytest.approx(10e-6)  # particle_radius: 5 um in EV
    (kb,) = particle_bounds(CellDesign.from_file(ANODE_FREE).resolved())
    assert kb.min_thickness_m == pytest.approx(10.44e-6)  # chen2020: 2 x 5.22 um
    assert kb.min_thickness_m == 2 * nmc811_radius_m()


@settings(max_examples=40, deadline=None)
@given(factor=st.floats(min_value=1.0, max_value=30.0))
def test_any_thickness_of_at_least_one_particle_diameter_is_accepted(factor: float):
    d = CellDesign.from_file(ANODE_FREE)
    t = 2 * nmc811_radius_m() * factor
    assert d.replace(**{"cathode.thickness_m": t}).resolved().cathode_thickness_m == t


@settings(max_examples=40, deadline=None)
@given(factor=st.floats(min_value=1e-300, max_value=1.0, exclude_max=True))
def test_any_thickness_below_one_particle_diameter_is_refused(factor: float):
    d = CellDesign.from_file(ANODE_FREE)
    t = 2 * nmc811_radius_m() * factor
    with pytest.raises(ValidationError) as info:
        d.replace(**{"cathode.thickness_m": t}).resolved()
    assert info.value.field == "cathode.thickness_m"


def test_the_message_names_field_value_bound_and_source():
    d = CellDesign.from_file(ANODE_FREE)
    with pytest.raises(ValidationError) as info:
        d.replace(**{"cathode.thickness_m": 1e-6}).resolved()
    msg = str(info.value)
    assert msg.startswith("cathode.thickness_m: '1 um' is not allowed; at least the active "
                          "particle diameter 2 x r = 10.44 um")
    assert "particle_radius_m 5.22 um" in msg and "nmc811" in msg and "chen2020" in msg
    with pytest.raises(ValidationError) as info:
        CellDesign.from_file(EV).replace(**{"cathode.thickness_m": 1e-300}).resolved()
    assert "2 x r = 10 um (cathode.particle_radius_m 5 um, as given)" in str(info.value)


def test_a_loading_that_gives_a_too_thin_cathode_is_refused_by_its_own_name():
    d = CellDesign.from_file(ANODE_FREE).to_dict()
    d["cathode"].pop("thickness_m")
    d["cathode"]["active_loading_kg_m2"] = 1e-3  # 0.1 mg/cm2: 0.34 um of 65 % nmc811
    with pytest.raises(ValidationError) as info:
        CellDesign.from_dict(d).resolved()
    assert info.value.field == "cathode.active_loading_kg_m2"
    assert "2 x r = 10.44 um" in str(info.value)


def test_a_dense_film_and_a_material_without_particle_size_have_no_bound():
    thin = CellDesign.from_file(EXAMPLES / "thin-film-lco-lipon-li.yaml")  # active_fraction 1
    assert particle_bounds(thin.resolved()) == ()
    assert thin.replace(**{"cathode.thickness_m": 0.1e-6}).resolved()
    nmc = ref_materials()["case_nmc811"]
    bare = nmc.model_copy(update={"properties": [p for p in nmc.properties
                                                 if p.name != "particle_size"]})
    ref1 = ref1_design(**{"cathode.active_material": bare})
    assert particle_bounds(ref1.resolved()) == ()
    assert ref1.replace(**{"cathode.thickness_m": 1e-6}).resolved()


def _graphite_design(cathode_capacity_mAh_g: float) -> CellDesign:
    d = CellDesign.from_file(ANODE_FREE).to_dict()
    d["anode"] = {"kind": "graphite", "np_ratio": 1.1, "active_fraction": 0.6,
                  "electrolyte": "li6ps5cl", "electrolyte_fraction": 0.4}
    d["cathode"].update(thickness_m=20e-6, specific_capacity_mAh_g=cathode_capacity_mAh_g)
    return CellDesign.from_dict(d)


def test_a_composite_anode_thinner_than_its_particles_names_np_and_the_cathode():
    ok = _graphite_design(200.0).resolved()
    graphite_d = resolve("graphite").si("particle_size")  # 11.72 um, chen2020
    assert ok.anode_thickness_m >= graphite_d
    assert [b.field for b in particle_bounds(ok)] == ["cathode.thickness_m",
                                                      "anode.thickness_m"]
    with pytest.raises(ValidationError) as info:
        _graphite_design(50.0).resolved()  # a quarter of the capacity: a quarter as thick
    assert info.value.field == "anode.np_ratio"
    msg = str(info.value)
    assert "cathode.thickness_m = 20 um" in msg and "2 x r = 11.72 um" in msg
    assert "graphite" in msg and "raise np_ratio or the cathode's thickness" in msg


def test_a_composite_anode_of_a_material_without_particle_size_has_no_bound():
    # the test graphite has no particle_size; a 2 mAh/g cathode makes it 1.3 um thin
    rd = ref1_design(anode=composite_anode(),
                     **{"cathode.specific_capacity_mAh_g": 2.0}).resolved()
    assert rd.anode_thickness_m < 5e-6
    assert [b.field for b in particle_bounds(rd)] == ["cathode.thickness_m"]


def _space(parameters: dict) -> dict:
    return {"base": CellDesign.from_file(ANODE_FREE).to_dict(), "method": "grid",
            "parameters": parameters}


def test_fast_screen_rows_below_the_bound_are_infeasible_with_the_reason():
    t = screen(_space({"cathode.thickness_m": {"values": [1e-300, 5e-6, 10.44e-6, 40e-6]}}),
               with_cost=False).table
    assert list(t["Feasible"]) == [False, False, True, True]
    assert all(r.startswith("cathode.thickness_m: at least the active particle diameter "
                            "2 x r = 10.44 um") for r in t["Reason"][:2])
    assert np.isnan(t["Cell gravimetric energy density [W.h.kg-1]"][:2]).all()


def test_slow_screen_rows_give_the_same_rule():
    # a loading sweep is not an array path: each value goes through the design model
    sp = _space({"cathode.active_loading_kg_m2": {"values": ["0.1 mg/cm2", "20 mg/cm2"]}})
    sp["base"]["cathode"].pop("thickness_m")
    sp["base"]["cathode"]["active_loading_kg_m2"] = 0.2
    t = screen(sp, with_cost=False).table
    assert list(t["Feasible"]) == [False, True]
    assert "2 x r = 10.44 um" in t["Reason"][0]


def test_fast_screen_checks_a_composite_anode_sized_by_swept_np_and_thickness():
    # base: 20 um of a 100 mAh/g cathode, N/P 1.1: 12.9 um of graphite; at 11 um of cathode
    # the graphite is 6-8 um, under its 11.72 um particles
    sp = {"base": _graphite_design(100.0).to_dict(), "method": "grid",
          "parameters": {"cathode.thickness_m": {"values": [11e-6, 40e-6]},
                         "anode.np_ratio": {"values": [1.0, 1.2]}}}
    t = screen(sp, with_cost=False).table
    for _, row in t.iterrows():
        d = _graphite_design(100.0).replace(**{
            "cathode.thickness_m": row["cathode.thickness_m"],
            "anode.np_ratio": row["anode.np_ratio"]})
        try:
            d.resolved()
            refused = False
        except ValidationError:
            refused = True
        assert bool(row["Feasible"]) == (not refused), row["Reason"]
    assert (~t["Feasible"]).any() and t["Feasible"].any()
    assert any("anode.np_ratio" in r for r in t["Reason"])


def test_evaluate_many_of_designs_refuses_a_too_thin_cathode():
    from solidcell.cell.energy import evaluate_many

    with pytest.raises(ValidationError, match=r"cathode\.thickness_m"):
        evaluate_many([CellDesign.from_file(ANODE_FREE).replace(
            **{"cathode.thickness_m": 1e-6})])


def test_evaluate_refuses_a_too_thin_cathode():
    with pytest.raises(ValidationError, match="particle diameter"):
        evaluate(CellDesign.from_file(EV).replace(**{"cathode.thickness_m": 1e-300}))


def test_cli_evaluate_gives_one_line(tmp_path, capsys):
    path = tmp_path / "thin.yaml"
    path.write_text(CellDesign.from_file(ANODE_FREE).replace(
        **{"cathode.thickness_m": 1e-6}).to_yaml(), encoding="utf-8")
    code, out, err = run(["evaluate", str(path)], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "cathode.thickness_m: '1 um' is not allowed" in err and "10.44 um" in err


def test_dashboard_names_the_typed_value_and_the_bound():
    from solidcell.app.server import design_changes, form_error_message, form_values

    design = CellDesign.from_file(ANODE_FREE)
    values = form_values(design)
    typed = {**values, "cathode-thickness": 1}
    with pytest.raises(ValidationError) as info:
        design.replace(**design_changes(typed, values)).resolved()
    msg = form_error_message(info.value, "cathode-thickness", typed)
    assert msg.startswith("cathode-thickness: 1 um is not allowed; at least the active "
                          "particle diameter 2 x r = 10.44 um")


def test_a_swept_thickness_is_not_refused_for_the_base_value_it_replaces():
    sp = _space({"cathode.thickness_m": {"values": [5e-6, 40e-6, 80e-6]}})
    sp["base"]["cathode"]["thickness_m"] = 5e-6  # under the bound, but every row replaces it
    t = screen(sp, with_cost=False).table
    assert list(t["Feasible"]) == [False, True, True]
    assert t["Reason"][0].startswith("cathode.thickness_m: at least the active particle")
    one = evaluate(CellDesign.from_file(ANODE_FREE).replace(**{"cathode.thickness_m": 40e-6}))
    assert t["Cell gravimetric energy density [W.h.kg-1]"][1] == pytest.approx(
        one["Cell gravimetric energy density [W.h.kg-1]"])


def test_crossover_makes_no_planar_cell_thinner_than_a_particle():
    """``crossover`` thins the planar cathode to meet the rate; where that thickness is below
    one active particle (2 r = 10 um for the EV example's given particle_radius_m 5 um) no
    planar cell exists: its energy is 0 there, and positive where t* >= 2 r."""
    from solidcell.cell.architectures import crossover

    planar = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    three_d = CellDesign.from_yaml(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")
    c = crossover(planar, three_d, c_rate_h=2.0, conductivity_S_m=np.logspace(-6, 0, 61))
    two_r = 2 * planar.cathode.particle_radius_m
    thin = c.planar_cathode_thickness_m < two_r
    assert thin.any() and (~thin).any()
    assert np.all(c.planar_Wh_kg[thin] == 0.0)
    assert np.all(c.planar_Wh_kg[~thin] > 0.0)
