"""Design-space validation, the Pareto front against brute force, notes that explain an
empty front, and cost notes that name the swept values (QA pass)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cell"))
from cellhelpers import ref1_design

from clirun import run
from solidcell import screen
from solidcell.errors import ValidationError
from solidcell.screening.screen import load_space, pareto_mask

BASE = ref1_design().to_dict()
THICK = {"min": "40 um", "max": "160 um", "n": 3}


def space(params=None, **extra):
    data = {"base": BASE, "method": "grid",
            "parameters": params or {"cathode.thickness_m": dict(THICK)}}
    data.update(extra)
    return data


@pytest.mark.parametrize(("data", "field"), [
    (space({5: {"values": [1]}}), "parameters"),
    (space(method="lhs", n=True), "n"),
    (space(method="lhs", n=0), "n"),
    (space(seed=-1), "seed"),
    (space({"cathode.thickness_m": {**THICK, "n": -3}}), "parameters.cathode.thickness_m.n"),
    (space({"cathode.thickness_m": {**THICK, "n": 0}}), "parameters.cathode.thickness_m.n"),
    (space({"cathode.thickness_m": {**THICK, "n": "ten"}}), "parameters.cathode.thickness_m.n"),
    (space({"cathode.thickness_m": {**THICK, "log": "no"}}),
     "parameters.cathode.thickness_m.log"),
    (space({"cathode.thickness_m": {**THICK, "step": 3}}), "parameters.cathode.thickness_m"),
    (space({"cathode.thickness_m": {"values": [1e-4], "min": 1}}),
     "parameters.cathode.thickness_m"),
    (space({"cathode.thickness_m": {"min": float("nan"), "max": 1e-4}}),
     "parameters.cathode.thickness_m.min"),
    (space({"cathode.thickness_m": {"min": 1e-5, "max": float("inf")}}),
     "parameters.cathode.thickness_m.max"),
    (space({"cathode.foo_m": {"min": 1, "max": 2}}), "parameters.cathode.foo_m"),
    (space({"cathode.active": {"values": ["lco"]}}), "parameters.cathode.active"),
    (space({"nonexistent": {"values": [1]}}), "parameters.nonexistent"),
    (space({"cathode.thickness_m.x": {"values": [1]}}), "parameters.cathode.thickness_m.x"),
    (space(objectives="Cell volumetric"), "objectives"),
    (space(objectives=[{"key": "Nope [x]", "sense": "max"}]), "objectives[0].key"),
    (space(objectives=[{"key": "Cell power density [W.L-1]", "weight": 2}]), "objectives[0]"),
    (space(objectives=[{"key": "Cell power density [W.L-1]", "sense": "up"}]),
     "objectives[0].sense"),
    (space(objectives=["Cell power density [W.L-1]"]), "objectives[0]"),
])
def test_bad_spaces_name_the_field_and_never_crash(data, field):
    with pytest.raises(ValidationError) as err:
        screen(data, with_cost=False)
    assert err.value.field == field


def test_valid_paths_short_keys_and_optional_objectives_are_accepted():
    sp = load_space(space({"cathode.thickness": {"values": ["60 um"]},
                           "cathode.active_material": {"values": ["nmc811"]}},
                          objectives=[{"key": "Cell power density [W.L-1]"},
                                      {"key": "Cell cost [USD.kW.h-1]", "sense": "min"}]))
    assert [o.sense for o in sp.objectives] == ["max", "min"]


def test_short_key_range_with_units_screens_like_the_si_key():
    """docs/screening.md: short keys such as ``cathode.thickness`` are accepted. A range with
    units on the short key must sweep the same designs as on ``cathode.thickness_m`` (it was
    refused as 'must be a finite number', and plain numbers made every design infeasible)."""
    short = screen(space({"cathode.thickness": {"min": "40 um", "max": "160 um", "n": 3}}),
                   with_cost=False)
    full = screen(space({"cathode.thickness_m": dict(THICK)}), with_cost=False)
    assert list(short.table.columns) == list(full.table.columns)
    assert short.table["Feasible"].tolist() == full.table["Feasible"].tolist()
    assert short.table["Feasible"].sum() == 2  # 160 um: N/P < 1 against the 30 um foil
    cols = ["cathode.thickness_m", "Cell gravimetric energy density [W.h.kg-1]"]
    assert np.allclose(short.table[cols].to_numpy(float), full.table[cols].to_numpy(float),
                       equal_nan=True)
    with pytest.raises(ValidationError) as err:
        load_space(space({"cathode.thickness": {"values": ["60 um"]},
                          "cathode.thickness_m": {"values": [6e-5]}}))
    assert err.value.field == "parameters.cathode.thickness_m"  # the second name of one field


def test_yaml_exponent_without_point_is_the_same_number():
    """YAML reads 2e-4 (no decimal point) as text; on an SI-named field it is 2.0e-4 m."""
    text = load_space(space({"cathode.thickness_m": {"min": "1e-5", "max": "2e-4"}}))
    number = load_space(space({"cathode.thickness_m": {"min": 1.0e-5, "max": 2.0e-4}}))
    assert text.parameters == number.parameters


def _brute(v, senses):
    w = np.where(np.array(senses) == "min", -v, v)
    ok = np.all(np.isfinite(w), axis=1)
    out = np.zeros(len(w), dtype=bool)
    for i in np.nonzero(ok)[0]:
        dom = np.all(w[ok] >= w[i], axis=1) & np.any(w[ok] > w[i], axis=1)
        out[i] = not dom.any()
    return out


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda k: st.tuples(
    arrays(float, st.tuples(st.integers(0, 60), st.just(k)),
           elements=st.one_of(st.integers(0, 4).map(float), st.just(np.nan))),
    st.lists(st.sampled_from(["max", "min"]), min_size=k, max_size=k))))
def test_pareto_mask_equals_brute_force(case):
    v, senses = case
    assert (pareto_mask(v, senses) == _brute(v, senses)).all()


def test_pareto_mask_large_front_is_whole():
    """Two opposed objectives: every design is on the front (a thickness sweep ranked by
    energy and power). The old loop was quadratic (200 000 rows now take ~0.2 s; no time
    bound here: the suite holds no timing thresholds, a quadratic loop would stall it)."""
    x = np.random.default_rng(0).random(200_000)
    assert pareto_mask(np.c_[x, -x], ["max", "max"]).all()


def test_nan_objective_is_explained_in_a_note():
    """Power needs a conductivity; without it every design drops off the front, and the
    notes must say so instead of an unexplained empty front."""
    import dataclasses

    sp = load_space(space(objectives=[
        {"key": "Cell gravimetric energy density [W.h.kg-1]"},
        {"key": "Cell specific power [W.kg-1]"}]))
    result = screen(sp, with_cost=False)
    assert result.table["Pareto"].any()
    assert not any("has no value" in n for n in result.notes)
    from solidcell.screening import screen as mod

    orig = mod.core

    def no_power(p):
        out = orig(p)
        out["Cell specific power [W.kg-1]"] = np.full_like(
            np.asarray(out["Cell specific power [W.kg-1]"], dtype=float), np.nan)
        return out

    mod.core = no_power
    try:
        result = screen(dataclasses.replace(sp), with_cost=False)
    finally:
        mod.core = orig
    assert not result.table["Pareto"].any()
    assert any("Cell specific power [W.kg-1] has no value for" in n
               for n in result.notes), result.notes


def test_cost_notes_name_the_swept_values_and_are_not_cut():
    result = screen(space({"separator.electrolyte": {"values": ["li6ps5cl", "llzo"]}}))
    cost_notes = [n for n in result.notes if "no cost" in n]
    if not cost_notes:
        pytest.skip("every design was priced")
    assert {n.split(":")[0] for n in cost_notes} <= {
        "separator.electrolyte=li6ps5cl", "separator.electrolyte=llzo"}
    assert all(n.endswith(")") for n in cost_notes)


def test_user_prices_give_the_unpriced_ev_space_a_cost():
    """The EV example uses VGCF and LiNbO3, which the knowledge base has no price for, so its
    screen has no cost column; user prices (test inputs, not data) fill the gap, the note says
    what is missing, and a higher price never lowers a cost."""
    from solidcell.manufacturing.economics import CostOptions

    path = Path(__file__).resolve().parents[2] / "examples" / "spaces" / "ev.yaml"
    plain = screen(path)
    assert "Cell cost [USD.kW.h-1]" not in plain.table
    assert any("no price for vgcf, linbo3 in the knowledge base" in n for n in plain.notes)
    assert not any("a design with a cost" in n for n in plain.notes)
    costs = []
    for price in (10.0, 1000.0):
        options = CostOptions(prices={"vgcf": price, "linbo3": price, "li3ps4": 30.0})
        priced = screen(path, cost_options=options)
        assert not any("no cost" in n for n in priced.notes), priced.notes
        costs.append(priced.table["Cell cost [USD.kW.h-1]"].to_numpy())
    assert np.all(np.isfinite(costs[0])) and np.all(costs[1] >= costs[0])
    with pytest.raises(ValidationError, match="cost_options"):
        screen(path, cost_options={"vgcf": 10.0})


@pytest.mark.parametrize("yaml_tail", [
    "parameters:\n  5: {values: [1]}\n",
    "n: ten\nmethod: lhs\nparameters:\n  cathode.thickness_m: {min: 40 um, max: 90 um}\n",
    "parameters:\n  cathode.thickness_m: {min: 40 um, max: 90 um, n: -3}\n",
    "parameters:\n  cathode.thickness_m: {min: 40 um, max: 90 um}\n"
    "objectives:\n  - {key: 'Nope [x]', sense: max}\n",
    "parameters:\n  cathode.thickness_m: {min: 40 um, max: 90 um}\nobjectives: text\n",
])
def test_cli_bad_space_is_one_line_exit_2(tmp_path, capsys, yaml_tail):
    import yaml

    sp = tmp_path / "space.yaml"
    sp.write_text(yaml.safe_dump({"base": BASE}) + yaml_tail, encoding="utf-8")
    code, _, err = run(["screen", str(sp), "--json"], capsys)
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err, err


def test_cli_plot_with_unknown_suffix_is_refused_before_screening(tmp_path, capsys):
    import yaml

    sp = tmp_path / "space.yaml"
    sp.write_text(yaml.safe_dump(space()), encoding="utf-8")
    code, _, err = run(["screen", str(sp), "--plot", str(tmp_path / "front.txt")], capsys)
    assert code == 2 and "plot" in err and ".png" in err, err
    code, _, err = run(["screen", str(sp), "--rows", "-3"], capsys)
    assert code == 2


def test_cli_price_option_reaches_the_cost_columns(tmp_path, capsys):
    """`screen --price` gives the example space the prices the knowledge base lacks (test
    inputs); a misspelt id is refused with a suggestion before the screen runs."""
    import json

    path = str(Path(__file__).resolve().parents[2] / "examples" / "spaces" / "ev.yaml")
    code, out, err = run(["screen", path, "--json", "--price", "vgcf=20",
                          "--price", "linbo3=100 USD/kg", "--price", "li3ps4=30"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert not any("no cost" in n for n in data["notes"]), data["notes"]
    assert data["rows"] and all(r["Cell cost [USD.kW.h-1]"] is not None for r in data["rows"])
    code, _, err = run(["screen", path, "--price", "vgfc=20"], capsys)
    assert code == 2 and "--price" in err and "did you mean vgcf" in err, err
