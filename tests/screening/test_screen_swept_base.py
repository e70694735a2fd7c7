"""A base design that fails only because of a value the swept array columns replace (a foil
giving N/P < 1, a temperature above the melting point of lithium, a cathode too thick for its
foil) is resolved with a swept value in its place: the rows are the rows of the per-design
path (``evaluate`` of the base with the row's values), not all refused with the base's error.
A base that resolves is used as it is."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.errors import SolidcellError
from solidcell.screening.screen import _resolve_swept, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml")  # 80 um cathode, 40 um Li
WH_KG = "Cell gravimetric energy density [W.h.kg-1]"


def _space(base: CellDesign, parameters: dict) -> dict:
    return {"base": json.loads(base.to_json()), "method": "grid", "parameters": parameters}


def _per_design(base: CellDesign, values: dict) -> dict | None:
    """``evaluate`` of ``base`` with ``values`` set one by one; None where it is refused."""
    try:
        out = evaluate(base.replace(**values)).values
    except SolidcellError:
        return None
    return None if out.get("Reason code", 0) else out


def _same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == pytest.approx(b, rel=1e-12, abs=0.0)


def _assert_rows_are_the_per_design_rows(table, base: CellDesign, paths: list[str]) -> None:
    for _, row in table.iterrows():
        ref = _per_design(base, {p: row[p] for p in paths})
        assert bool(row["Feasible"]) == (ref is not None), (dict(row[paths]), row["Reason"])
        if ref is None:
            assert row["Reason"] and math.isnan(row[WH_KG])
            continue
        for key, value in ref.items():
            if key != "Reason code":
                assert _same(float(row[key]), float(value)), (dict(row[paths]), key)


# base change, swept values, feasible rows: a 5 um Li foil against the 80 um cathode's
# 4.79 mAh/cm2 gives N/P 0.215 (the design model's message); 500 K is above lithium's melting
# temperature 453.65 K (haynes2016_crc, in the design model); a 400 um cathode (24 mAh/cm2)
# outgrows the 40 um foil (N/P 0.344).
CASES = {
    "thin foil": ({"anode.thickness_m": 5e-6},
                  {"anode.thickness_m": {"values": [5e-6, 40e-6, 80e-6]}}, [False, True, True]),
    "hot base": ({"temperature_K": 500.0},
                 {"temperature_K": {"values": [298.15, 333.15, 500.0]}}, [True, True, False]),
    "thick cathode": ({"cathode.thickness_m": 400e-6},
                      {"cathode.thickness_m": {"values": [40e-6, 80e-6, 400e-6]}},
                      [True, True, False]),
}


@pytest.mark.parametrize("case", CASES)
def test_a_base_value_the_rows_replace_does_not_refuse_the_rows(case):
    change, parameters, feasible = CASES[case]
    base = EV.replace(**change)
    with pytest.raises(SolidcellError):
        base.resolved()
    table = screen(_space(base, parameters), with_cost=False).table
    assert list(table["Feasible"]) == feasible, list(table["Reason"])
    _assert_rows_are_the_per_design_rows(table, base, list(parameters))


def test_the_rows_name_their_own_fault_not_the_base_value():
    base = EV.replace(**{"temperature_K": 500.0})
    table = screen(_space(base, {"temperature_K": {"values": [298.15, 500.0]}}),
                   with_cost=False).table
    assert table["Reason"][0] == ""
    assert table["Reason"][1].startswith("temperature_K: 500.0 is not allowed; must be below "
                                         "453.65 K")
    thin = EV.replace(**{"anode.thickness_m": 5e-6})
    table = screen(_space(thin, {"anode.thickness_m": {"values": [5e-6, 40e-6]}}),
                   with_cost=False).table
    assert table["Reason"][0].startswith("N/P ratio below 1")
    assert table["Reason"][1] == ""


def test_a_base_fault_no_swept_column_replaces_still_refuses_every_row():
    base = EV.replace(**{"anode.thickness_m": 5e-6})  # N/P 0.215 whatever the separator
    table = screen(_space(base, {"separator.thickness_m": {"values": [20e-6, 30e-6]}}),
                   with_cost=False).table
    assert not table["Feasible"].any()
    assert (table["Reason"].str.startswith("anode.thickness_m: '5 um' is not allowed")).all()
    hot = EV.replace(**{"temperature_K": 500.0})  # lithium melts whatever the cathode
    table = screen(_space(hot, {"cathode.thickness_m": {"values": [40e-6, 80e-6]}}),
                   with_cost=False).table
    assert not table["Feasible"].any()
    assert (table["Reason"].str.startswith("temperature_K: 500.0")).all()


def test_each_group_of_a_per_design_parameter_gets_its_own_stand_in():
    """An id per group (validated per design) next to a swept temperature: the unknown id
    keeps its own error; the known electrolytes give the rows of evaluate."""
    base = EV.replace(**{"temperature_K": 500.0})
    params = {"separator.electrolyte": {"values": ["li6ps5cl", "li3ps4", "no_such_id"]},
              "temperature_K": {"values": [298.15, 500.0]}}
    table = screen(_space(base, params), with_cost=False).table
    assert list(table["Feasible"]) == [True, False, True, False, False, False]
    assert all("separator.electrolyte" in r for r in table["Reason"][4:])
    _assert_rows_are_the_per_design_rows(table[:4], base, list(params))


def test_a_base_that_resolves_is_the_group_design_itself():
    """Results of a screen whose base resolves do not depend on the stand-ins: the group is
    the base (the same object), or the base with the group's per-design values."""
    x = np.array([1e-6, 40e-6, -1.0])
    fast = {"cathode.thickness_m": x}
    rows = np.arange(3)
    design, rd = _resolve_swept(EV, {}, fast, rows, np.array([True, True, False]))
    assert design is EV and rd.cathode_thickness_m == EV.cathode.thickness_m
    design, rd = _resolve_swept(EV, {"separator.electrolyte": "li3ps4"}, fast, rows,
                                np.ones(3, bool))
    assert design == EV.replace(**{"separator.electrolyte": "li3ps4"})
    assert rd.cathode_thickness_m == EV.cathode.thickness_m  # the base value, not 1 or 40 um


def test_a_valid_base_screens_as_evaluate_in_every_number():
    params = {"cathode.thickness_m": {"values": [5e-6, 40e-6, 120e-6]},
              "anode.thickness_m": {"values": [10e-6, 40e-6]},
              "temperature_K": {"values": [298.15, 333.15, 500.0]}}
    table = screen(_space(EV, params), with_cost=False).table
    assert table["Feasible"].any() and (~table["Feasible"]).any()
    _assert_rows_are_the_per_design_rows(table, EV, list(params))


UM = 1e-6


@settings(max_examples=12, deadline=None)
# a base that resolves, swept to rows both feasible and refused (3 of 22 random rows were
# feasible): 30 um foil vs a 40 um cathode feasible, vs 400 um refused (N/P below 1)
@example(cathode=40 * UM, foil=40 * UM, temperature=298.15,
         swept={"cathode.thickness_m": [30 * UM, 400 * UM]})
@example(cathode=400 * UM, foil=5 * UM, temperature=500.0,
         swept={"anode.thickness_m": [30 * UM, 90 * UM], "temperature_K": [5 * UM, 90 * UM]})
@given(cathode=st.sampled_from([5 * UM, 40 * UM, 400 * UM]),
       foil=st.sampled_from([5 * UM, 40 * UM]),
       temperature=st.sampled_from([298.15, 500.0]),
       swept=st.dictionaries(
           st.sampled_from(["cathode.thickness_m", "anode.thickness_m", "temperature_K"]),
           st.lists(st.sampled_from([5 * UM, 30 * UM, 90 * UM, 400 * UM]), min_size=1,
                    max_size=2, unique=True),
           min_size=1, max_size=2))
def test_swept_rows_agree_with_the_per_design_path_whatever_the_base(cathode, foil,
                                                                     temperature, swept):
    base = EV.replace(**{"cathode.thickness_m": cathode, "anode.thickness_m": foil,
                         "temperature_K": temperature})
    params = {p: {"values": [v * 1e6 + 250.0 if p == "temperature_K" else v for v in vals]}
              for p, vals in swept.items()}  # temperatures 255, 280, 340, 650 K
    table = screen(_space(base, params), with_cost=False).table
    _assert_rows_are_the_per_design_rows(table, base, list(params))


def test_a_swept_np_ratio_replaces_a_foil_thickness_that_gives_n_p_below_1():
    """The brief's case: the base's 5 um foil gives N/P 0.215, but a swept N/P sizes every
    row's foil (the screen's rule for a foil given by thickness: docs/screening.md), so the
    rows are the designs with that N/P and no thickness."""
    base = EV.replace(**{"anode.thickness_m": 5e-6})
    table = screen(_space(base, {"anode.np_ratio": {"values": [0.5, 1.2, 2.0]}}),
                   with_cost=False).table
    assert list(table["Feasible"]) == [False, True, True], list(table["Reason"])
    assert table["Reason"][0] == "anode.np_ratio: must be >= 1"
    for _, row in table[1:].iterrows():
        ref = _per_design(base, {"anode.np_ratio": row["anode.np_ratio"],
                                 "anode.thickness_m": None})
        assert ref is not None
        for key, value in ref.items():
            if key != "Reason code":
                assert _same(float(row[key]), float(value)), key


def test_a_base_file_refused_only_for_a_swept_value_still_screens(tmp_path):
    """A base the design model refuses outright (N/P 0.8 < 1; a -5 um cathode, written with
    the short key of the file) screens when that field is swept: every row replaces it. Not
    swept, the base's error is the space's."""
    import yaml

    raw = yaml.safe_load((EXAMPLES / "ev-nmc811-lpscl-li.yaml").read_text("utf-8"))
    raw["anode"] = {"kind": "li_metal", "np_ratio": 0.8}
    table = screen({"base": raw, "parameters": {"anode.np_ratio": {"values": [0.9, 1.2, 2.0]}}},
                   with_cost=False).table
    assert list(table["Feasible"]) == [False, True, True]
    assert table["Reason"][0] == "anode.np_ratio: must be >= 1"
    for _, row in table[1:].iterrows():
        ref = _per_design(EV, {"anode.np_ratio": row["anode.np_ratio"],
                               "anode.thickness_m": None})
        assert ref is not None and _same(float(row[WH_KG]), float(ref[WH_KG]))
    with pytest.raises(SolidcellError, match=r"^anode\.np_ratio: 0\.8 is not allowed"):
        screen({"base": raw, "parameters": {"separator.thickness_m": {"values": [2e-5]}}},
               with_cost=False)
    raw = yaml.safe_load((EXAMPLES / "ev-nmc811-lpscl-li.yaml").read_text("utf-8"))
    raw["cathode"]["thickness"] = "-5 um"
    (tmp_path / "base.yaml").write_text(yaml.safe_dump(raw), "utf-8")
    space = {"base": str(tmp_path / "base.yaml"),
             "parameters": {"cathode.thickness": {"values": ["-5 um", "40 um"]}}}
    table = screen(space, with_cost=False).table
    assert list(table["Feasible"]) == [False, True]
    ref = _per_design(EV, {"cathode.thickness_m": table["cathode.thickness_m"][1]})
    assert _same(float(table[WH_KG][1]), float(ref[WH_KG]))
