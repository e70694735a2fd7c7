"""A layer's sintering aid and the process database's material-specific recipes: the input
rules (bad input names the field, the value and what is allowed), the planner's properties and
the CLI. The published values themselves are checked in test_mfg_published_processes.py
(jonson2018_llzo_tape, shin2016_llzo_li3bo3, nisula2015_ald_lipon)."""

from __future__ import annotations

import copy
import json
import math
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from solidcell.cli import app
from solidcell.errors import ValidationError
from solidcell.manufacturing.cost import cell_cost
from solidcell.manufacturing.economics import CostOptions
from solidcell.manufacturing.layers import LayerStack
from solidcell.manufacturing.processes import load_processes, parse_database
from solidcell.manufacturing.routes import plan_routes

C0 = 273.15
runner = CliRunner()


def _stack(aid: Any = None, material: str = "llzo", **sep: Any) -> dict:
    layer = {"name": "sep", "role": "electrolyte", "material": material,
             "thickness": "160 um", **sep}
    if aid is not None:
        layer["sintering_aid"] = aid
    return {"name": "tape | Li", "areal_energy": "100 Wh/m2", "layers": [
        layer, {"name": "anode", "role": "anode", "material": "li_metal", "thickness": "20 um"}]}


def _raw_db() -> dict:
    text = resources.files("solidcell.manufacturing").joinpath("data", "processes.yaml")
    return yaml.safe_load(text.read_text("utf-8"))


# ---- the layer's field ---------------------------------------------------------------------
@pytest.mark.parametrize("amount", ["0.5 wt%", "0.5 wt.%", "0.5 %", "0.5%", 0.005, "0.005"])
def test_an_amount_is_a_mass_fraction_written_either_way(amount: Any) -> None:
    aid = LayerStack.from_dict(_stack({"material": "Li3BO3", "amount": amount})).layers[0]
    assert aid.sintering_aid is not None
    assert aid.sintering_aid.material == "li3bo3"  # a formula is kept as the id
    assert aid.sintering_aid.amount == pytest.approx(0.005)


@given(st.one_of(st.floats(max_value=0.0), st.floats(min_value=1.0),
                 st.just(math.nan), st.just(math.inf)))
@settings(max_examples=60, deadline=None)
def test_an_amount_outside_0_1_is_refused_naming_the_field(amount: float) -> None:
    with pytest.raises(ValidationError) as err:
        LayerStack.from_dict(_stack({"material": "li3bo3", "amount": amount}))
    assert err.value.field == "layers[0].sintering_aid.amount"
    assert "(0, 1)" in err.value.allowed


@given(st.floats(min_value=1e-6, max_value=0.999, exclude_min=True))
@settings(max_examples=60, deadline=None)
def test_a_valid_amount_is_planned_or_refused_naming_the_sourced_amounts(amount: float) -> None:
    """Every amount in (0, 1) is accepted by the layer; the planner sinters it at a sourced
    temperature (0.5-2 wt%: 1000 degC, 8 wt%: 1100 degC) or refuses it naming the sources."""
    stack = _stack({"material": "li3bo3", "amount": amount})
    try:
        plan = plan_routes(stack)
    except ValidationError as exc:
        assert exc.field == "layers[0].sintering_aid.amount"
        # in wt%, as a design gives it, reading back as the amount refused
        assert exc.value.endswith(" wt%")
        assert float(exc.value.removesuffix(" wt%")) / 100 == pytest.approx(amount, rel=1e-15)
        assert "jonson2018_llzo_tape" in exc.allowed and "shin2016_llzo_li3bo3" in exc.allowed
        assert not (0.005 <= amount <= 0.02 or amount == pytest.approx(0.08, rel=1e-9))
        return
    step = plan.best.steps[0]
    expected = 1000.0 if amount <= 0.02 + 1e-12 else 1100.0
    assert step.temperature_K - C0 == pytest.approx(expected)


@pytest.mark.parametrize(("aid", "field", "needle"), [
    ({"material": "unobtainium", "amount": 0.01}, "sintering_aid.material", "li3bo3"),
    ({"material": "li3 bo3", "amount": 0.01}, "sintering_aid.material", "formula"),
    ({"material": "li3bo3", "amount": True}, "sintering_aid.amount", "bool"),
    ({"material": "li3bo3", "amount": "5"}, "sintering_aid.amount", "(0, 1)"),
    ({"material": "li3bo3", "amount": "half"}, "sintering_aid.amount", "mass fraction"),
    ({"material": "li3bo3"}, "sintering_aid.amount", "missing"),
    ({"material": "li3bo3", "amount": 0.005, "temp": 1000}, "sintering_aid.temp", ""),
    ({"material": "llzo", "amount": 0.005}, "sintering_aid.material", "own material"),
    ("li3bo3", "sintering_aid", "SinteringAid"),
])
def test_bad_aids_are_refused_naming_field_value_and_allowed(aid: Any, field: str,
                                                             needle: str) -> None:
    with pytest.raises(ValidationError) as err:
        LayerStack.from_dict(_stack(aid))
    assert err.value.field == f"layers[0].{field}"
    assert needle in err.value.allowed


def test_an_aid_listed_in_components_must_have_the_same_fraction() -> None:
    comps = {"llzo": 0.995, "li3bo3": 0.005}
    good = _stack({"material": "li3bo3", "amount": "0.5 wt%"}, components=comps,
                  material_class="oxide_electrolyte", areal_mass="80 mg/cm2")
    plan = plan_routes(good)
    assert plan.best.steps[0].temperature_K - C0 == pytest.approx(1000.0)
    # listed in components, the aid is costed as material (priced by the user)
    res = cell_cost(good, options=CostOptions(prices={"llzo": 50.0, "li3bo3": 20.0}))
    assert res.has_cost and "li3bo3" in res.areal_masses_kg_per_m2
    bad = copy.deepcopy(good)
    bad["layers"][0]["sintering_aid"]["amount"] = 0.01
    with pytest.raises(ValidationError) as err:
        LayerStack.from_dict(bad)
    assert err.value.field == "layers[0].sintering_aid.amount"
    assert "components.li3bo3" in err.value.allowed


def test_an_aid_without_an_entry_for_the_host_is_refused_naming_what_is_known() -> None:
    """Li3BO3 in the Ta-doped garnet: no source read, so no temperature is assumed."""
    with pytest.raises(ValidationError) as err:
        plan_routes(_stack({"material": "li3bo3", "amount": 0.005}, material="llzo_ta"))
    assert err.value.field == "layers[0].sintering_aid"
    assert err.value.value == "li3bo3"
    assert "llzo + li3bo3 0.5-2 %" in err.value.allowed
    assert "jonson2018_llzo_tape" in err.value.allowed


def test_a_knowledge_base_aid_without_an_entry_is_refused_by_the_planner() -> None:
    """LiNbO3 is a knowledge-base material, so the layer accepts it; the planner has no
    sintering entry for it in LLZO and refuses it."""
    stack = LayerStack.from_dict(_stack({"material": "linbo3", "amount": 0.01}))
    with pytest.raises(ValidationError, match="sintering_aids"):
        plan_routes(stack)


# ---- properties of the planner -------------------------------------------------------------
def test_the_aid_lowers_only_the_sintering_temperature() -> None:
    """Same route, same process cost and time but the kiln's fuel: only the temperature (and
    its source) change, and the fuel of the cooler firing is lower (economics.
    firing_fuel_cost); non-sintering steps are untouched."""
    from solidcell.manufacturing.routes import as_stack

    a = plan_routes(_stack()).best
    b = plan_routes(_stack({"material": "li3bo3", "amount": "1 wt%"})).best
    assert [s.process for s in a.steps] == [s.process for s in b.steps]
    mass_a = as_stack(_stack()).layers[0].mass_per_area()
    mass_b = as_stack(_stack({"material": "li3bo3", "amount": "1 wt%"})).layers[0].mass_per_area()
    fuel_a, fuel_b = (s.steps[0].firing_USD_per_kg * m for s, m in ((a, mass_a), (b, mass_b)))
    assert a.process_cost_USD_per_m2 - fuel_a == pytest.approx(b.process_cost_USD_per_m2 - fuel_b)
    assert 0 < fuel_b < fuel_a
    assert b.steps[0].temperature_K < a.steps[0].temperature_K
    assert a.steps[1] == b.steps[1]


def test_a_composite_cathode_with_an_aid_is_refused_for_interdiffusion() -> None:
    """LCO and LLZO sintered together in one layer at the aid's 1000 degC are above the
    700 degC onset (kim2011_lco_llzo_interface): no sintering process makes it."""
    stack = {"name": "all-ceramic", "layers": [
        {"name": "cathode", "role": "cathode", "material": "lco",
         "components": {"lco": 0.6, "llzo": 0.4}, "thickness": "60 um",
         "sintering_aid": {"material": "li3bo3", "amount": "1 wt%"}},
        {"name": "separator", "role": "electrolyte", "material": "llzo", "thickness": "40 um"}]}
    plan = plan_routes(stack)
    for o in plan.options:
        if o.layer == "cathode" and o.process in ("tape_casting", "co_sintering"):
            assert o.status == "rejected"
            assert any("1000 degC" in r and "kim2011_lco_llzo_interface" in r
                       for r in o.reasons), o.reasons


def test_the_step_json_carries_the_note() -> None:
    step = plan_routes(_stack({"material": "li3bo3", "amount": "0.5 wt%"})).best.steps[0]
    data = step.to_json()
    assert data["Note"] == ("sintered at 1000 degC for 6 h with 0.5 wt% li3bo3 "
                            "(jonson2018_llzo_tape)")
    assert data["Process temperature [K]"] == pytest.approx(1000 + C0)


# ---- the process database ------------------------------------------------------------------
def _recipe(data: dict) -> dict:
    return next(p for p in data["processes"] if p["id"] == "atomic_layer_deposition_lipon")


@pytest.mark.parametrize(("change", "field", "needle"), [
    (lambda d: _recipe(d).update(replaces="warp_drive"),
     "processes[atomic_layer_deposition_lipon].replaces", "warp_drive"),
    (lambda d: _recipe(d).update(materials=[]),
     "processes[atomic_layer_deposition_lipon].replaces", "materials"),
    (lambda d: _recipe(d).update(materials=["LiPON"]),
     "processes[atomic_layer_deposition_lipon].materials", "material id"),
    # '$' matched before a final line break: 'lipon\n' was taken as an id
    (lambda d: _recipe(d).update(materials=["lipon\n"]),
     "processes[atomic_layer_deposition_lipon].materials", "material id"),
    (lambda d: d["sintering_aids"][0]["amount"].update(min=50, max=150),
     "sintering_aids[0].amount", "(0, 1)"),
    (lambda d: d["sintering_aids"][0]["temperature"].update(unit="parsec"),
     "sintering_aids[0].temperature.unit", "temperature"),
    (lambda d: d["sintering_aids"][0].update(aid="Li3BO3"), "sintering_aids[0].aid", ""),
])
def test_bad_recipes_and_aid_entries_are_refused_naming_the_entry(change: Any, field: str,
                                                                  needle: str) -> None:
    data = _raw_db()
    change(data)
    with pytest.raises(ValidationError) as err:
        parse_database(data)
    assert err.value.field.startswith(field), err.value
    assert needle in str(err.value)


def test_a_recipe_cannot_replace_another_recipe() -> None:
    data = _raw_db()
    twin = copy.deepcopy(_recipe(data))
    twin.update(id="ald_twin", replaces="atomic_layer_deposition_lipon")
    data["processes"].append(twin)
    with pytest.raises(ValidationError, match="itself a recipe"):
        parse_database(data)


def test_the_new_sources_are_cited_by_the_database() -> None:
    sources = load_processes().sources
    assert {"nisula2015_ald_lipon", "jonson2018_llzo_tape", "shin2016_llzo_li3bo3"} <= set(
        sources)


# ---- CLI: YAML and JSON design files ---------------------------------------------------------
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_route_and_cost_show_the_aid(tmp_path: Path, suffix: str) -> None:
    stack = _stack({"material": "Li3BO3", "amount": "0.5 wt%"})
    path = tmp_path / f"tape{suffix}"
    path.write_text(json.dumps(stack) if suffix == ".json" else yaml.safe_dump(stack))
    note = "sintered at 1000 degC for 6 h with 0.5 wt% li3bo3 (jonson2018_llzo_tape)"
    res = runner.invoke(app, ["route", str(path)])
    assert res.exit_code == 0, res.output
    assert f"sep (tape_casting): {note}" in res.output
    res = runner.invoke(app, ["route", str(path), "--json"])
    step = json.loads(res.stdout)["Routes"][0]["Steps"][0]
    assert step["Note"] == note and "jonson2018_llzo_tape" in step["sources"]
    res = runner.invoke(app, ["cost", str(path), "--price", "llzo=50", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert "jonson2018_llzo_tape" in data["sources"]
    res = runner.invoke(app, ["cost", str(path), "--price", "llzo=50"])
    assert res.exit_code == 0, res.output
    assert "sintered at 1000 degC" in " ".join(res.output.split())


def test_the_processes_table_shows_the_lipon_window() -> None:
    res = runner.invoke(app, ["processes"])
    assert res.exit_code == 0 and "270-310" in res.output  # nisula2015_ald_lipon


def test_route_refuses_an_unsourced_amount_as_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "tape.yaml"
    path.write_text(yaml.safe_dump(_stack({"material": "li3bo3", "amount": "5 wt%"})))
    env = dict(os.environ, MPLBACKEND="Agg")
    res = subprocess.run([sys.executable, "-m", "solidcell", "route", str(path)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 2
    assert res.stderr.startswith("error: layers[0].sintering_aid.amount: '5 wt%'")
    assert "Traceback" not in res.stderr and "jonson2018_llzo_tape" in res.stderr
