"""The stack cases of energy_density_cases.csv (source: solidcell_energy_cases, an independent
hand calculation that agrees with pybamm-tea) reproduced within 0.1 %."""

from __future__ import annotations

import csv

import pytest
from cellhelpers import DATA, ref1_design

from solidcell import evaluate

CASES = {row["case_id"]: row for row in csv.DictReader(
    (DATA / "energy_density_cases.csv").open(encoding="utf-8"))}


@pytest.mark.parametrize(("case_id", "changes", "charged"), [
    ("SSB-REF-1/stack/discharged", {}, False),
    ("SSB-REF-1/stack/charged", {}, True),
    ("SSB-REF-1-AF/stack/discharged", {"anode": {"kind": "anode_free"}}, False),
    ("SSB-REF-1-SEP100/stack/discharged", {"separator.thickness_m": 100e-6}, False),
])
def test_stack_cases_within_0_1_percent(case_id, changes, charged, materials):
    if "anode" in changes:
        changes = {"anode": {"kind": "anode_free", "material": materials["case_li"]}}
    design = ref1_design(**changes)
    result = evaluate(design, charged=charged)
    row = CASES[case_id]
    assert result["Stack gravimetric energy density [W.h.kg-1]"] == pytest.approx(
        float(row["Wh_kg"]), rel=1e-3)
    assert result["Stack volumetric energy density [W.h.L-1]"] == pytest.approx(
        float(row["Wh_L"]), rel=1e-3)
    assert result.areal_capacity_mAh_cm2 == pytest.approx(float(row["areal_cap_mAh_cm2"]),
                                                          rel=1e-6)
    assert "solidcell_energy_cases" in result.sources


def test_charged_state_adds_plated_lithium_volume_only(ref1):
    """Convention check: charging moves Li from cathode to anode, so the mass is unchanged and
    the volume grows by the plated lithium (29.95 um for 6.175 mAh/cm2, the csv's note)."""
    dis, cha = evaluate(ref1), evaluate(ref1, charged=True)
    assert cha["Stack areal mass [kg.m-2]"] == pytest.approx(dis["Stack areal mass [kg.m-2]"])
    grown = cha["Stack thickness [m]"] - dis["Stack thickness [m]"]
    assert grown == pytest.approx(29.95e-6, rel=1e-3)
