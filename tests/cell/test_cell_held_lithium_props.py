"""Properties of ``anode.excess_li_thickness_m`` on a host anode (li_in, graphite, silicon, lto)
for any float or odd value (Python API): a design is either refused with a ValidationError
naming the field, or evaluates to finite numbers that ``evaluate``, ``evaluate_many`` and a
screen sweeping the field agree on; the refusal is :func:`host_overfilled`'s boundary.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell import screen
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate, evaluate_many
from solidcell.errors import ValidationError

FIELD = "anode.excess_li_thickness_m"
NMC = {"active_material": "nmc811", "electrolyte": "li6ps5cl", "carbon": "vgcf",
       "active_fraction": 0.65, "electrolyte_fraction": 0.32, "carbon_fraction": 0.03,
       "thickness": "60 um"}
_COMPOSITE = {"np_ratio": 1.5, "electrolyte": "li6ps5cl", "active_fraction": 0.6,
              "electrolyte_fraction": 0.4}
HOSTS = {"li_in": {"kind": "li_in", "thickness": "100 um"},
         "graphite": {"kind": "graphite", **_COMPOSITE},
         "silicon": {"kind": "silicon", **_COMPOSITE},
         "lto": {"kind": "lto", **_COMPOSITE}}
KEYS = ("Stack areal mass [kg.m-2]", "Stack areal energy [W.h.m-2]",
        "Stack gravimetric energy density [W.h.kg-1]", "Anode areal mass [kg.m-2]")


def cell(host: str, excess: object, form: str = "excess_li_thickness_m") -> CellDesign:
    return CellDesign(name="held Li", cathode=NMC,
                      anode={**HOSTS[host], form: excess},
                      separator={"electrolyte": "li6ps5cl", "thickness": "30 um"},
                      cathode_current_collector={"material": "al_foil", "thickness": "12 um"},
                      anode_current_collector={"material": "cu_foil", "thickness": "8 um"})


def _accepted_or_named(host: str, x: object, form: str = "excess_li_thickness_m"
                       ) -> dict[str, float] | None:
    """evaluate's numbers (checked against evaluate_many), or None when refused by name."""
    try:
        design = cell(host, x, form)
        one = evaluate(design)
    except ValidationError as exc:
        assert exc.field == f"anode.{form}", str(exc)
        return None
    many = evaluate_many([design])
    out = {}
    for key in KEYS:
        assert math.isfinite(one[key]), key
        assert float(many[key][0]) == pytest.approx(one[key], rel=1e-12), key
        out[key] = one[key]
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(x=st.floats(allow_nan=True, allow_infinity=True))
@pytest.mark.parametrize("host", sorted(HOSTS))
def test_any_float_is_refused_by_name_or_evaluates_alike_on_both_paths(host: str,
                                                                       x: float) -> None:
    got = _accepted_or_named(host, x)
    if not (math.isfinite(x) and x >= 0):
        assert got is None  # NaN, inf, negative: refused
    if got is not None:
        zero = _accepted_or_named(host, 0.0)
        assert zero is not None
        # the held lithium only adds mass (its volume is the host's as built)
        assert got["Anode areal mass [kg.m-2]"] >= zero["Anode areal mass [kg.m-2]"]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(x=st.floats(allow_nan=True, allow_infinity=True))
@pytest.mark.parametrize("host", sorted(HOSTS))
def test_any_prelithiation_is_refused_by_name_or_evaluates_alike_on_both_paths(
        host: str, x: float) -> None:
    """The held lithium as a fraction of the host's capacity (anode.prelithiation): refused
    naming it (outside [0, 1], or beyond the host's room), or evaluate and evaluate_many
    agree; its mass only grows with it (tests/cell/test_cell_prelithiation.py: it evaluates
    as its dense lithium does)."""
    got = _accepted_or_named(host, x, "prelithiation")
    if not (math.isfinite(x) and 0 <= x <= 1):
        assert got is None
    if got is not None:
        zero = _accepted_or_named(host, 0.0, "prelithiation")
        assert zero is not None
        assert got["Anode areal mass [kg.m-2]"] >= zero["Anode areal mass [kg.m-2]"]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(x=st.floats(0.0, 1e-4))
@pytest.mark.parametrize("host", sorted(HOSTS))
def test_refused_exactly_above_the_hosts_room(host: str, x: float) -> None:
    """Accepted up to the room the refusal states ("at most ... um"), refused beyond it; the
    accepted designs' mass grows with the held lithium."""
    got = _accepted_or_named(host, x)
    try:
        evaluate(cell(host, 1.0))  # 1 m of lithium: always beyond; its message states the room
    except ValidationError as exc:
        room_um = float(str(exc).split("at most ")[1].split(" um")[0])
    if x * 1e6 < room_um * (1 - 1e-5):
        assert got is not None
        assert got["Anode areal mass [kg.m-2]"] >= _accepted_or_named(host, 0.0)[
            "Anode areal mass [kg.m-2]"]
    elif x * 1e6 > room_um * (1 + 1e-5):
        assert got is None


@pytest.mark.parametrize("host", sorted(HOSTS))
@pytest.mark.parametrize("x", [True, False, "abc", "-5 um", "nan", "inf", None, [1e-6],
                               np.array([1e-6]), complex(1e-6, 0), "5 mm", 1e300])
def test_odd_values_are_refused_naming_the_field(host: str, x: object) -> None:
    with pytest.raises(ValidationError) as info:
        evaluate(cell(host, x))
    assert info.value.field == FIELD


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_numpy_scalars_and_text_with_units_equal_the_float(host: str) -> None:
    ref = evaluate(cell(host, 2e-6))
    for same in (np.float64(2e-6), np.float32(2e-6).item(), np.array(2e-6), "2 um", "2e-6",
                 "0.002 mm"):
        r = evaluate(cell(host, same))
        assert r["Stack areal mass [kg.m-2]"] == pytest.approx(
            ref["Stack areal mass [kg.m-2]"], rel=1e-6), same


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_a_screen_sweeping_it_agrees_with_evaluate_row_by_row(host: str) -> None:
    """Feasible rows equal evaluate's numbers; infeasible rows are the ones evaluate refuses
    (naming the field), with the reason of reason code 10 or the field's rule."""
    values = [-1e-6, 0.0, 1e-6, 5e-6, 1e-5, 1e-4]
    res = screen({"base": cell(host, 0.0).model_dump(mode="json"), "method": "grid",
                  "parameters": {FIELD: {"values": values}}}, with_cost=False)
    table = res.table
    assert sorted(table[FIELD].tolist()) == sorted(values)
    for _, row in table.iterrows():
        x = float(row[FIELD])
        got = _accepted_or_named(host, x)
        assert bool(row["Feasible"]) == (got is not None), (x, row["Reason"])
        if got is None:
            continue
        for key in KEYS[:3]:
            assert float(row[key]) == pytest.approx(got[key], rel=1e-9), (x, key)


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_the_mapping_path_gives_a_bad_rows_reason(host: str) -> None:
    """evaluate_many of a mapping (a screen's fast path): a row's NaN, inf or negative
    excess_li_thickness_m is infeasible with reason 11 (it was evaluated as no held lithium,
    reason 0), as the design model refuses it; a bool array is refused naming the key."""
    from solidcell.cell.energy import REASONS, design_parameters

    params = design_parameters(cell(host, 0.0).resolved())
    rows = np.array([np.nan, -1e-6, np.inf, 0.0, 1e-6])
    batch = evaluate_many({**params, "excess_li_thickness_m": rows})
    assert batch["Reason code"].tolist() == [11, 11, 11, 0, 0]
    assert "excess_li_thickness_m" in REASONS[11]
    assert np.isnan(batch["Stack areal mass [kg.m-2]"][:3]).all()
    for x in (0.0, 1e-6):
        assert batch["Stack areal mass [kg.m-2]"][rows == x][0] == pytest.approx(
            evaluate(cell(host, x))["Stack areal mass [kg.m-2]"], rel=1e-12)
    with pytest.raises(ValidationError) as info:
        evaluate_many({**params, "excess_li_thickness_m": np.array([True, False])})
    assert info.value.field == "excess_li_thickness_m"
