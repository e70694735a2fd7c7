"""A swept tortuosity factor (``cathode.tortuosity_factor``, ``anode.tortuosity_factor``) runs as
an array through ``core`` (a fast path) and gives the rows `evaluate` and the per-design path
(``CellDesign.replace``) give; bad values and layers without solid electrolyte are refused as
rows, as the design model refuses them."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.errors import ValidationError
from solidcell.screening.screen import FAST_PATHS, _is_fast, load_space, sample, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"  # composite cathode (electrolyte 0.32), Li metal
THIN = EXAMPLES / "thin-film-lco-lipon-li.yaml"  # LCO cathode without solid electrolyte
ASR = "Area-specific resistance [Ohm.m2]"
CAT = "cathode.tortuosity_factor"
AN = "anode.tortuosity_factor"
TAUS = [1.0, 1.7, 3.0, 12.0]


def _graphite() -> CellDesign:
    """The EV example with a graphite | Li6PS5Cl composite anode."""
    return CellDesign.from_file(EV).replace(anode={
        "kind": "graphite", "np_ratio": 1.1, "electrolyte": "li6ps5cl", "carbon": "vgcf",
        "active_fraction": 0.6, "electrolyte_fraction": 0.37, "carbon_fraction": 0.03})


def _space(base: CellDesign, parameters: dict) -> dict:
    return {"base": json.loads(base.to_json()), "method": "grid", "parameters": parameters}


def _same(a: float, b: float) -> bool:
    """Equal to rel 1e-12, NaN equal to NaN."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == pytest.approx(b, rel=1e-12, abs=0.0)


def _assert_rows_equal_evaluate(table, base: CellDesign, paths: list[str]) -> None:
    """Every row equals `evaluate` of the base with the row's values set, in every number."""
    assert table["Feasible"].all(), list(table["Reason"])
    for _, row in table.iterrows():
        design = base.replace(**{p: row[p] for p in paths})
        ref = evaluate(design).values
        for key, value in ref.items():
            if key == "Reason code":
                continue
            assert _same(float(row[key]), float(value)), (dict(row[paths]), key)


@pytest.mark.parametrize("path", [CAT, AN])
def test_both_factors_are_fast_paths_with_their_rule(path):
    assert FAST_PATHS[path] == (path.replace(".", "_"), "tau")
    numbers = sample(load_space(_space(_graphite(), {path: {"values": TAUS}})))[path]
    assert _is_fast(path, numbers)


def test_a_swept_cathode_factor_gives_the_rows_of_evaluate():
    """sigma_eff = sigma eps / tau (energy.effective_conductivity): the cathode's resistance
    t/(3 sigma_eff) grows with tau, the energies do not move."""
    base = CellDesign.from_file(EV)
    table = screen(_space(base, {CAT: {"values": TAUS}}), with_cost=False).table
    _assert_rows_equal_evaluate(table, base, [CAT])
    asr = table.sort_values(CAT)[ASR].to_numpy()
    assert np.all(np.diff(asr) > 0)
    assert table["Cell gravimetric energy density [W.h.kg-1]"].nunique() == 1


def test_a_swept_anode_factor_gives_the_rows_of_evaluate():
    base = _graphite()
    table = screen(_space(base, {AN: {"values": TAUS}}), with_cost=False).table
    _assert_rows_equal_evaluate(table, base, [AN])
    assert np.all(np.diff(table.sort_values(AN)[ASR].to_numpy()) > 0)


@pytest.mark.parametrize("path", [CAT, AN])
def test_the_fast_path_equals_the_per_design_path(path):
    """The same values as text ("1.7") are applied with CellDesign.replace one by one (the
    path every tortuosity factor took before it was a fast path): the same numbers."""
    base = _graphite()
    fast = screen(_space(base, {path: {"values": TAUS}}), with_cost=False).table
    slow_space = _space(base, {path: {"values": [str(t) for t in TAUS]}})
    assert not _is_fast(path, sample(load_space(slow_space))[path])
    slow = screen(slow_space, with_cost=False).table
    assert list(slow[path].astype(float)) == list(fast[path]) == TAUS
    assert slow["Feasible"].all() and fast["Feasible"].all()
    for key in fast.columns:
        if key in (path, "Reason", "Reason detail", "Feasible", "Meets requirements",
                   "Pareto", "Interfaces", "Interface issues"):
            assert key not in ("Interfaces", "Interface issues") or (
                list(fast[key]) == list(slow[key])), key  # text: the same verdicts
            continue
        for a, b in zip(fast[key], slow[key], strict=True):
            assert _same(float(a), float(b)), key


@pytest.mark.parametrize("path", [CAT, AN])
def test_bad_values_are_refused_rows_as_other_fast_path_values(path):
    """Below 1, NaN and inf break the rule of the design model (tau >= 1 and finite); they are
    infeasible rows with the rule, as N/P 0.5 is; the good value next to them stays."""
    bad = [0.5, math.nan, math.inf, -2.0]
    table = screen(_space(_graphite(), {path: {"values": [*bad, 2.0]}}), with_cost=False).table
    assert list(table["Feasible"]) == [False] * 4 + [True]
    assert set(table["Reason"][:4]) == {f"{path}: must be >= 1 and finite"}
    assert math.isnan(table[ASR][0]) and math.isfinite(table[ASR][4])
    np_table = screen(_space(_graphite(), {"anode.np_ratio": {"values": [0.5]}}),
                      with_cost=False).table
    assert list(np_table["Reason"]) == ["anode.np_ratio: must be >= 1"]
    for value in bad:  # the design model refuses each of them too
        with pytest.raises(ValidationError):
            _graphite().replace(**{path: value})


@pytest.mark.parametrize("value", ["abc", True])
def test_text_and_bools_are_refused_by_the_design_model(value):
    """A column with text or a bool is not an array of numbers: each value is applied with
    CellDesign.replace, which refuses it (``true`` would have been a factor of 1)."""
    table = screen(_space(CellDesign.from_file(EV), {CAT: {"values": [value, 2.0]}}),
                   with_cost=False).table
    assert list(table["Feasible"]) == [False, True]
    assert table["Reason"][0].startswith(f"{CAT}: {value!r} is not allowed")


def test_a_cathode_without_electrolyte_refuses_the_factor():
    """The thin-film LCO cathode has no solid electrolyte (electrolyte_fraction 0): the design
    model refuses a tortuosity factor there, so every row is refused with its words."""
    base = CellDesign.from_file(THIN)
    assert base.cathode.electrolyte_fraction == 0
    with pytest.raises(ValidationError) as err:
        base.replace(**{CAT: 2.0})
    table = screen(_space(base, {CAT: {"min": 1.0, "max": 4.0, "n": 4}}), with_cost=False).table
    assert not table["Feasible"].any()
    assert set(table["Reason"]) == {f"{CAT}: {err.value.allowed}"}
    assert "electrolyte_fraction 0" in err.value.allowed
    assert table[ASR].isna().all()


def test_a_li_metal_anode_refuses_the_factor_and_a_bad_value_keeps_its_rule():
    base = CellDesign.from_file(EV)
    with pytest.raises(ValidationError) as err:
        base.replace(**{AN: 2.0})
    table = screen(_space(base, {AN: {"values": [0.5, 2.0]}}), with_cost=False).table
    assert list(table["Reason"]) == [f"{AN}: must be >= 1 and finite", f"{AN}: {err.value.allowed}"]
    assert "li_metal" in err.value.allowed


def test_the_refusal_follows_each_group_of_a_swept_anode_kind():
    """anode.kind is applied per design: the Li-metal rows refuse the anode factor, the
    graphite rows take it and equal `evaluate`."""
    base = _graphite()
    table = screen(_space(base, {"anode.kind": {"values": ["li_metal", "graphite"]},
                                 AN: {"values": [1.5, 4.0]}}), with_cost=False).table
    li = table[table["anode.kind"] == "li_metal"]
    gr = table[table["anode.kind"] == "graphite"]
    assert len(li) == len(gr) == 2
    assert not li["Feasible"].any() and all("li_metal anode" in r for r in li["Reason"])
    _assert_rows_equal_evaluate(gr, base, [AN])


def test_a_grid_of_factor_and_thickness_gives_the_rows_of_evaluate():
    base = CellDesign.from_file(EV)
    params = {CAT: {"min": 1.0, "max": 5.0, "n": 3},
              "cathode.thickness_m": {"values": ["40 um", "80 um", "120 um"]}}
    table = screen(_space(base, params), with_cost=False).table
    assert len(table) == 9
    assert sorted(set(table[CAT])) == [1.0, 3.0, 5.0]
    _assert_rows_equal_evaluate(table, base, [CAT, "cathode.thickness_m"])


def test_cli_screen_sweeps_the_cathode_factor(tmp_path, capsys):
    """A space file as docs/screening.md shows it: every row of ``--csv`` equals `evaluate`;
    at one thickness the least tortuous composite gives the most power and is on the front."""
    import pandas as pd

    space = {"base": str(EV), "method": "grid",
             "parameters": {CAT: {"min": 1.0, "max": 4.0, "n": 4},
                            "cathode.thickness": {"values": ["80 um", "120 um"]}},
             "objectives": [{"key": "Cell gravimetric energy density [W.h.kg-1]"},
                            {"key": "Cell specific power [W.kg-1]"}]}
    path = tmp_path / "tortuosity.yaml"
    path.write_text(yaml.safe_dump(space, sort_keys=False))
    csv = tmp_path / "all.csv"
    code, out, err = run(["screen", str(path), "--json", "--csv", str(csv)], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["Designs"] == 8 and data["Feasible designs"] == 8
    table = pd.read_csv(csv)
    assert sorted(set(table[CAT])) == [1.0, 2.0, 3.0, 4.0]
    _assert_rows_equal_evaluate(table, CellDesign.from_file(EV), [CAT, "cathode.thickness_m"])
    thin = table[np.isclose(table["cathode.thickness_m"], 80e-6, rtol=1e-12)]
    best = thin.loc[thin["Cell specific power [W.kg-1]"].idxmax()]
    assert best[CAT] == 1.0 and bool(best["Pareto"])
    assert any(r[CAT] == 1.0 and r["cathode.thickness_m"] == pytest.approx(8e-5)
               for r in data["rows"])


def test_a_bool_on_a_length_is_refused_not_read_as_one_metre():
    """``true`` among the thicknesses ran as 1.0 m on the array path (refused only by the N/P
    it broke); the design model refuses a bool on a length with its words."""
    table = screen(_space(CellDesign.from_file(EV),
                          {"cathode.thickness_m": {"values": [True, "80 um"]}}),
                   with_cost=False).table
    assert list(table["Feasible"]) == [False, True]
    assert table["Reason"][0] == ("cathode.thickness_m: True is not allowed; True is a bool; "
                                  "give a number in m")


def test_text_after_a_hundred_numbers_is_a_refused_row_not_a_crash():
    """Only the first 100 values were checked: text at the 101st raised a bare ValueError
    ("could not convert string to float") out of screen()."""
    values = [1.0 + 0.01 * i for i in range(100)]
    table = screen(_space(_graphite(), {"anode.np_ratio": {"values": [*values, "abc"]}}),
                   with_cost=False).table
    assert table["Feasible"][:100].all() and not table["Feasible"][100]
    assert table["Reason"][100].startswith("anode.np_ratio: 'abc' is not allowed")


def test_a_composite_anode_without_electrolyte_refuses_the_factor():
    """A graphite | carbon anode (electrolyte_fraction 0) conducts no ions in the model: the
    design model refuses an anode factor there, and so does the screen."""
    base = CellDesign.from_file(EV).replace(anode={
        "kind": "graphite", "np_ratio": 1.1, "carbon": "vgcf", "active_fraction": 0.97,
        "carbon_fraction": 0.03})
    with pytest.raises(ValidationError) as err:
        base.replace(**{AN: 2.0})
    table = screen(_space(base, {AN: {"values": [1.5, 2.0]}}), with_cost=False).table
    assert set(table["Reason"]) == {f"{AN}: {err.value.allowed}"}
