"""Measured stripping failures (void formation on discharge) and the discharge check.

Stored values against the printed numbers of the papers' text (public copies read with the
search tool, GitHub MKMiyagi/Multi-Agent-Framework-for-Solid-State-Batteries,
processed_text_only/):

- Singh et al. 2022 (``singh2022_lpscl_microstructure``), Li | Li6PS5Cl | Li fabricated at
  265 MPa, "no stack pressure was applied in addition to the atmospheric pressure":
  unidirectional "current density of 0.2 mA cm-2"; "the potential rises suddenly after ~15.4
  h"; the lithium stripped "corresponds to a thickness of approximately ~15 um"; "contact loss
  can be identified as the dominant process in the SG-LPSCl cell".
- Duan et al. 2023 (``duan2023_lpscl_cracking``): "tested at a current density of 0.3 mA cm-2
  with an areal capacity of 0.3 mAh cm-2 and an applied pressure of 5 MPa until an internal
  short circuit occurred"; FIB-SEM: "a poor interfacial contact with large voids between
  lithium and Li6PS5Cl".
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from exampledesigns import GRAPHITE_CELL_YAML
from solidcell.cell.design import CellDesign
from solidcell.citations import bibliography
from solidcell.errors import ValidationError
from solidcell.mechanics.dendrite import critical_current_density
from solidcell.mechanics.lithium import lithium_thickness_change
from solidcell.mechanics.stripping import (
    MEASURED_STRIPPING,
    PRESSURE_SOURCE,
    measured_stripping,
    stripping_check,
)
from solidcell.mechanics.volume import mechanics_check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


@pytest.fixture(scope="module")
def ev() -> tuple[CellDesign, object]:
    design = CellDesign.from_yaml(EV)
    return design, design.resolved()


def _by_source(key: str):
    (obs,) = [o for o in MEASURED_STRIPPING if o.source == key]
    return obs


def test_singh_2022_stored_as_printed() -> None:
    """0.2 mA/cm2, no stack pressure, ~15.4 h of one-way current: 3.08 mAh/cm2 stripped,
    which Faraday's law (rho 0.534 g/cm3) turns into 14.94 um against the printed "~15 um"
    (-0.4 %; two printed digits, half a last digit is 3.3 %)."""
    o = _by_source("singh2022_lpscl_microstructure")
    assert (o.electrolyte, o.current_mA_cm2, o.stack_pressure_MPa) == ("li6ps5cl", 0.2, 0.0)
    assert o.current_density_A_m2 == pytest.approx(2.0)
    assert o.stripped_mAh_cm2 == pytest.approx(0.2 * 15.4)
    um = lithium_thickness_change(o.stripped_mAh_cm2).thickness_change_m * 1e6
    assert um / 15.0 - 1.0 == pytest.approx(-0.004, abs=1e-3)
    assert abs(um / 15.0 - 1.0) <= 0.034
    assert o.temperature_K is None and "not stated" in o.conditions


def test_duan_2023_stored_as_printed() -> None:
    """0.3 mA/cm2, 0.3 mAh/cm2 per step, 5 MPa until a short circuit: voids seen after it."""
    o = _by_source("duan2023_lpscl_cracking")
    assert (o.electrolyte, o.current_mA_cm2, o.stripped_mAh_cm2) == ("li6ps5cl", 0.3, 0.3)
    assert o.stack_pressure_Pa == pytest.approx(5e6)
    assert "voids" in o.outcome and o.temperature_K is None


def test_every_stored_source_and_the_pressure_source_are_in_the_bibliography() -> None:
    keys = {o.source for o in MEASURED_STRIPPING} | {PRESSURE_SOURCE}
    assert keys <= set(bibliography())


@settings(max_examples=200, deadline=None)
@given(i=st.floats(0.0, 100.0), p=st.one_of(st.none(), st.floats(0.0, 100e6)))
def test_warnings_fire_exactly_where_an_observation_covers_the_design(
        i: float, p: float | None) -> None:
    """Covered (i >= i_o and p <= p_o): a warning per covered observation naming its source;
    reached only at lower pressures, or without a pressure: one warning citing the pressure
    source; below every observed current: nothing."""
    warnings, sources = stripping_check("li6ps5cl", i, p)
    reached = [o for o in MEASURED_STRIPPING if i >= o.current_density_A_m2]
    if not reached:
        assert warnings == [] and sources == []
        return
    covered = [o for o in reached if p is not None and p <= o.stack_pressure_Pa]
    if covered:
        assert len(warnings) == len(covered)
        for w, o in zip(warnings, covered, strict=True):
            assert f"[{o.source}]" in w and "reaches a stripping failure" in w
        assert sources == list(dict.fromkeys(o.source for o in covered))
    else:
        assert len(warnings) == 1 and f"[{PRESSURE_SOURCE}]" in warnings[0]
        assert PRESSURE_SOURCE in sources
        assert all(o.source in sources for o in reached)
    assert set(sources) <= set(bibliography())


@settings(max_examples=100, deadline=None)
@given(i=st.floats(0.0, 10.0), di=st.floats(0.0, 10.0), p=st.floats(0.0, 20e6),
       dp=st.floats(0.0, 20e6))
def test_a_covered_failure_stays_covered_at_more_current_and_less_pressure(
        i: float, di: float, p: float, dp: float) -> None:
    """More current or less pressure can only be worse: a covered warning at (i, p) is one at
    (i + di, p - dp) too."""
    def covered(i_: float, p_: float) -> bool:
        return any("reaches a stripping failure" in w for w in stripping_check("li6ps5cl",
                                                                                 i_, p_)[0])
    if covered(i, p):
        assert covered(i + di, max(0.0, p - dp))


def test_an_electrolyte_without_measurements_says_so() -> None:
    warnings, sources = stripping_check("llzo", 3.0, 5e6)
    assert warnings == ["no measured stripping failure (void formation on discharge) of llzo "
                        "in solidcell to compare the discharge current with"]
    assert sources == []


@pytest.mark.parametrize("bad", ["", "  ", None, 3, True])
def test_measured_stripping_refuses_what_is_no_id(bad: object) -> None:
    with pytest.raises(ValidationError) as err:
        measured_stripping(bad)  # type: ignore[arg-type]
    assert err.value.field == "electrolyte"


def test_design_check_at_5_mpa_and_0_3_ma_warns_with_duans_conditions(ev) -> None:
    """The EV example (Li | Li6PS5Cl) discharged at Duan et al.'s 0.3 mA/cm2 under their
    5 MPa: warned, with the source and conditions; at 0.1 mA/cm2 nothing about stripping."""
    design, resolved = ev
    rep = mechanics_check(design, stack_pressure_Pa=5e6, discharge_current_density_A_m2=3.0,
                          resolved=resolved)
    (w,) = [w for w in rep.warnings if "discharging" in w]
    assert "[duan2023_lpscl_cracking]" in w and "5 MPa" in w and "0.3 mAh/cm2" in w
    assert "duan2023_lpscl_cracking" in rep.sources
    assert len(rep.to_json()["Measured stripping failures"]) == len(MEASURED_STRIPPING)
    quiet = mechanics_check(design, stack_pressure_Pa=5e6, discharge_current_density_A_m2=1.0,
                            resolved=resolved)
    assert not [w for w in quiet.warnings if "discharg" in w or "stripping" in w]


def test_design_check_above_the_tests_pressure_is_not_covered(ev) -> None:
    design, resolved = ev
    rep = mechanics_check(design, stack_pressure_Pa=10e6, discharge_current_density_A_m2=3.0,
                          resolved=resolved)
    (w,) = [w for w in rep.warnings if "discharging" in w]
    assert "only at lower stack pressures" in w and f"[{PRESSURE_SOURCE}]" in w
    assert PRESSURE_SOURCE in rep.sources


def test_design_check_without_a_pressure_asks_for_it(ev) -> None:
    design, resolved = ev
    rep = mechanics_check(design, discharge_current_density_A_m2=3.0, resolved=resolved)
    (w,) = [w for w in rep.warnings if "discharging" in w]
    assert "stack pressure not given" in w
    assert rep.pressure is None


def test_a_fixture_uses_the_lowest_pressure_of_the_cycle(ev) -> None:
    """The stripping check takes the cycle's minimum stack pressure (the EV example never
    contracts, so the minimum is the assembly pressure, 5 MPa)."""
    design, resolved = ev
    rep = mechanics_check(design, stack_pressure_Pa=5e6, fixture_stiffness_Pa_m=1e9,
                          discharge_current_density_A_m2=3.0, resolved=resolved)
    assert rep.pressure is not None and rep.pressure.pressure_min_Pa == pytest.approx(5e6)
    assert any("under 5 MPa (the lowest of the cycle)" in w for w in rep.warnings)


def test_a_host_anode_names_the_discharge_current_as_unused(tmp_path: Path) -> None:
    text = GRAPHITE_CELL_YAML
    path = tmp_path / "graphite.yaml"
    path.write_text(text, "utf-8")
    rep = mechanics_check(CellDesign.from_yaml(path), discharge_current_density_A_m2=3.0)
    assert any("discharge current density not used" in w for w in rep.warnings)
    assert rep.stripping == ()


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf, True, "0.3", [3.0]])
def test_design_check_refuses_a_bad_discharge_current(ev, bad: object) -> None:
    design, resolved = ev
    with pytest.raises(ValidationError) as err:
        mechanics_check(design, discharge_current_density_A_m2=bad, resolved=resolved)
    assert err.value.field == "discharge_current_density_A_m2"


def test_ccd_result_carries_the_stripping_failures_beside_the_plating_ccds() -> None:
    res = critical_current_density("li6ps5cl", 5e-6)
    assert res.measured_stripping == measured_stripping("li6ps5cl")
    data = res.to_json()["Measured stripping failures"]
    assert [d["Source"] for d in data] == [o.source for o in MEASURED_STRIPPING]
    assert data[1]["Stack pressure [Pa]"] == pytest.approx(5e6)
    assert {"singh2022_lpscl_microstructure", "duan2023_lpscl_cracking"} <= set(res.sources)
    assert critical_current_density("llzo", 5e-6).measured_stripping == ()


def test_ccd_command_prints_and_exports_them(capsys) -> None:
    code, out, err = run(["ccd", "li6ps5cl", "--flaw-size", "5 um"], capsys)
    assert code == 0, err
    assert "Measured stripping failures of li6ps5cl" in out and "duan2023_lpscl_c" in out
    code, out, err = run(["ccd", "li6ps5cl", "--flaw-size", "5 um", "--json"], capsys)
    assert code == 0, err
    rows = json.loads(out)[0]["Measured stripping failures"]
    assert rows[0]["Stripping current density [A.m-2]"] == pytest.approx(2.0)


def test_interfaces_command_checks_the_discharge_current(capsys) -> None:
    code, out, err = run(["interfaces", str(EV), "--stack-pressure", "5 MPa",
                          "--discharge-current", "0.3 mA/cm2", "--json"], capsys)
    assert code == 0, err
    mech = json.loads(out)["Mechanics"]
    assert any("[duan2023_lpscl_cracking]" in w for w in mech["warnings"])


@pytest.mark.parametrize("bad", ["-1 mA/cm2", "abc", "5 MPa"])
def test_interfaces_command_refuses_a_bad_discharge_current(capsys, bad: str) -> None:
    code, out, err = run(["interfaces", str(EV), "--discharge-current", bad], capsys)
    assert_one_line_error(code, out, err, "--discharge-current")


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"current_A_m2": -1.0}, "current_A_m2"),
    ({"current_A_m2": math.nan}, "current_A_m2"),
    ({"current_A_m2": "3"}, "current_A_m2"),
    ({"pressure_Pa": -5e6}, "pressure_Pa"),
    ({"pressure_Pa": True}, "pressure_Pa"),
    ({"areal_capacity_mAh_cm2": math.inf}, "areal_capacity_mAh_cm2"),
])
def test_stripping_check_refuses_bad_input(kwargs: dict, field: str) -> None:
    args = {"current_A_m2": 3.0, "pressure_Pa": 5e6, "areal_capacity_mAh_cm2": 4.0, **kwargs}
    with pytest.raises(ValidationError) as err:
        stripping_check("li6ps5cl", **args)
    assert err.value.field == field


def test_a_design_stripping_less_than_the_test_is_told_so() -> None:
    """Singh et al. lost contact after 3.08 mAh/cm2 of one-way stripping: a design stripping
    1 mAh/cm2 per discharge at 0 MPa is warned of, with the difference named."""
    (w,), _ = stripping_check("li6ps5cl", 2.0, 0.0, 1.0)
    assert "[singh2022_lpscl_microstructure]" in w and "may not carry over" in w
    (w,), _ = stripping_check("li6ps5cl", 2.0, 0.0, 4.0)
    assert "may not carry over" not in w
