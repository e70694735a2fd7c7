"""A swept ``anode.prelithiation`` (the lithium a host anode holds at assembly as a fraction of
its capacity) runs as an array through ``core`` (a fast path), which turns it into dense
lithium per row with the design model's one conversion (``held_lithium_thickness_m``): every
row equals ``evaluate`` of the design the row means (``row_design``), also where the cathode
thickness or the N/P is swept beside it (the held lithium follows the host's capacity; a
base's prelithiation was a fixed thickness of dense lithium, the base's, on every row).
Values the design model refuses are refused rows, as it refuses them."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.errors import ValidationError
from solidcell.screening.screen import (
    FAST_PATHS,
    _is_fast,
    load_space,
    row_design,
    sample,
    screen,
)

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
PRE = "anode.prelithiation"
SKIP = ("Reason", "Feasible", "Meets requirements", "Pareto")


def _graphite(**anode: object) -> CellDesign:
    """The EV example with a graphite | Li6PS5Cl composite anode (N/P 1.5)."""
    return CellDesign.from_file(EV).replace(first_cycle_loss=0.1, anode={
        "kind": "graphite", "np_ratio": 1.5, "electrolyte": "li6ps5cl", "active_fraction": 0.6,
        "electrolyte_fraction": 0.4, **anode})


def _li_in(**anode: object) -> CellDesign:
    return CellDesign.from_file(EV).replace(first_cycle_loss=0.1, anode={
        "kind": "li_in", "thickness": "150 um", **anode})


def _space(base: CellDesign, parameters: dict) -> dict:
    return {"base": json.loads(base.to_json()), "method": "grid", "parameters": parameters}


def _same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == pytest.approx(b, rel=1e-12, abs=0.0)


def _assert_rows_are_evaluate(table, base: CellDesign, paths: list[str]) -> None:
    for _, row in table.iterrows():
        values = {p: row[p] for p in paths}
        try:
            ref = evaluate(row_design(base, values))
        except ValidationError:
            assert not row["Feasible"], values
            continue
        assert row["Feasible"] == ref.feasible, (values, row["Reason"], ref.reason)
        if not ref.feasible:
            continue
        for key, value in ref.values.items():
            if key != "Reason code":
                assert _same(float(row[key]), float(value)), (values, key)


def test_prelithiation_is_a_fast_path_with_the_design_models_range():
    assert FAST_PATHS[PRE] == ("anode_prelithiation", "fraction")
    space = load_space(_space(_li_in(), {PRE: {"values": [0.0, 0.1, 0.3]}}))
    assert _is_fast(PRE, sample(space)[PRE])


@pytest.mark.parametrize("make", [_li_in, _graphite])
def test_swept_prelithiation_rows_equal_evaluate(make):
    base = make()
    table = screen(_space(base, {PRE: {"values": [0.0, 0.02, 0.05, 0.1, 0.2]}}),
                   with_cost=False).table
    assert table["Feasible"].all(), list(table["Reason"])
    _assert_rows_are_evaluate(table, base, [PRE])
    # the held lithium supplies the first-cycle loss: more of it, more delivered capacity
    cap = list(table["Areal capacity [A.h.m-2]"])
    assert cap == sorted(cap) and cap[-1] > cap[0]


@pytest.mark.parametrize("swept", [{"cathode.thickness_m": {"values": [4e-5, 8e-5, 1.2e-4]}},
                                   {"anode.np_ratio": {"values": [1.2, 1.5, 2.5]}}])
def test_a_base_prelithiation_follows_a_swept_cathode_or_np(swept):
    """The base's prelithiation is a share of each row's host capacity, not the base's dense
    lithium: the rows equal evaluate of the base with the row's thickness or N/P."""
    base = _graphite(prelithiation=0.05)
    table = screen(_space(base, swept), with_cost=False).table
    _assert_rows_are_evaluate(table, base, list(swept))
    assert table["Feasible"].all(), list(table["Reason"])


def test_prelithiation_beside_a_swept_cathode_thickness():
    base = _li_in()
    params = {PRE: {"values": [0.0, 0.1, 0.4, 0.95]},
              "cathode.thickness_m": {"values": [6e-5, 1e-4, 1.6e-4]}}
    table = screen(_space(base, params), with_cost=False).table
    _assert_rows_are_evaluate(table, base, list(params))
    assert table["Feasible"].any()
    assert not table["Feasible"].all()  # a host overfilled by 0.95 of it and the cathode


def test_a_base_with_dense_lithium_takes_the_swept_share_in_its_place():
    """row_design restates the held lithium (cell.design HELD_FORMS): a swept prelithiation
    replaces the base's excess_li_thickness_m."""
    base = _li_in(excess_li_thickness="2 um")
    table = screen(_space(base, {PRE: {"values": [0.0, 0.05]}}), with_cost=False).table
    assert table["Feasible"].all(), list(table["Reason"])
    _assert_rows_are_evaluate(table, base, [PRE])


def test_refused_values_are_refused_rows():
    """Out of [0, 1], NaN, or on an anode that is no host: refused as the design refuses."""
    table = screen(_space(_li_in(), {PRE: {"values": [-0.1, 1.5, math.nan, 0.1]}}),
                   with_cost=False).table
    assert list(table["Feasible"]) == [False, False, False, True]
    assert all(PRE in r and "[0, 1]" in r for r in table["Reason"][:3])
    li = screen(_space(CellDesign.from_file(EV), {PRE: {"values": [0.1, 0.2]}}),
                with_cost=False).table
    assert not li["Feasible"].any()
    assert all(r.startswith(PRE) and "host anode" in r for r in li["Reason"])


def test_both_forms_swept_are_refused():
    space = _space(_li_in(), {PRE: {"values": [0.1]},
                              "anode.excess_li_thickness_m": {"values": [1e-6]}})
    with pytest.raises(ValidationError) as err:
        load_space(space)
    assert "stated one way" in str(err.value)


def test_a_swept_dense_lithium_replaces_a_base_prelithiation():
    """The other way round: a swept excess_li_thickness_m on a base given by prelithiation
    states the held lithium as dense lithium on every row (the base's share left out)."""
    base = _graphite(prelithiation=0.05)
    paths = ["anode.excess_li_thickness_m"]
    table = screen(_space(base, {paths[0]: {"values": [0.0, 1e-6, 3e-6]}}),
                   with_cost=False).table
    assert table["Feasible"].all(), list(table["Reason"])
    _assert_rows_are_evaluate(table, base, paths)
