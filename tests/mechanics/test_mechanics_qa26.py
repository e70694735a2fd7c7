"""QA of the stripping check (helper H277) at the boundaries of its stored tests: a design's
current or pressure equal to a test's up to float rounding counts as at it, and a value that is
not at a test is never printed as the test's value (0.29999 mA/cm2 read "0.3 mA/cm2 ... formed
voids only at lower stack pressures" beside the 0.3 mA/cm2 test; 5.0001 MPa read "under 5 MPa
... only at lower stack pressures (... under 5 MPa)").

The stored tests (mechanics.stripping.MEASURED_STRIPPING): Li6PS5Cl 0.2 mA/cm2 with no stack
pressure (singh2022_lpscl_microstructure) and 0.3 mA/cm2, 0.3 mAh/cm2 per step at 5 MPa
(duan2023_lpscl_cracking)."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.mechanics.stripping import MEASURED_STRIPPING, stripping_check

DUAN = next(o for o in MEASURED_STRIPPING if o.source == "duan2023_lpscl_cracking")
SINGH = next(o for o in MEASURED_STRIPPING if o.source == "singh2022_lpscl_microstructure")


def _at(value: float, test: float) -> bool:
    """value >= test, rounding aside (relative 1e-9, the check's AT_TEST_RTOL)."""
    return value >= test or math.isclose(value, test, rel_tol=1e-9)


def _covered(current: float, pressure: float | None, capacity: float | None = None) -> bool:
    warnings, _ = stripping_check("li6ps5cl", current, pressure, capacity)
    return any("reaches a stripping failure" in w for w in warnings)


def test_current_computed_as_amps_over_area_reaches_the_test() -> None:
    # 0.3 mA over 1 cm2 in SI is 2.9999999999999996 A/m2: the 0.3 mA/cm2 test's current
    current = 0.3e-3 / 1e-4
    assert current < DUAN.current_density_A_m2
    warnings, sources = stripping_check("li6ps5cl", current, DUAN.stack_pressure_Pa)
    assert "duan2023_lpscl_cracking" in sources
    assert warnings[0].startswith("discharging at 0.3 mA/cm2 under 5 MPa (the lowest")


def test_pressure_a_rounding_above_the_test_is_at_it() -> None:
    assert _covered(DUAN.current_density_A_m2, DUAN.stack_pressure_Pa * (1 + 1e-15))


@pytest.mark.parametrize("current, shown", [(2.9999, "0.29999"), (2.99999999, "0.299999999")])
def test_current_just_below_a_test_is_not_printed_as_it(current: float, shown: str) -> None:
    warnings, sources = stripping_check("li6ps5cl", current, DUAN.stack_pressure_Pa)
    assert "duan2023_lpscl_cracking" not in sources
    assert warnings[0].startswith(f"discharging at {shown} mA/cm2 under 5 MPa:")


def test_pressure_just_above_a_test_is_not_printed_as_it() -> None:
    warnings, _ = stripping_check("li6ps5cl", DUAN.current_density_A_m2, 5.0001e6)
    assert warnings[0].startswith("discharging at 0.3 mA/cm2 under 5.0001 MPa:")
    assert "only at lower stack pressures" in warnings[0]


def test_capacity_just_below_the_tests_is_printed_below_it() -> None:
    warnings, _ = stripping_check("li6ps5cl", DUAN.current_density_A_m2, DUAN.stack_pressure_Pa,
                                  0.29999)
    assert "the design strips 0.29999 mAh/cm2 per discharge, less than the test's 0.3" \
        in warnings[0]
    at, _ = stripping_check("li6ps5cl", DUAN.current_density_A_m2, DUAN.stack_pressure_Pa,
                            DUAN.stripped_mAh_cm2 * (1 - 1e-15))
    assert "per discharge, less" not in at[0]


#: boundary values: at a test's current or pressure, up to rounding, and just off it
CURRENTS = st.sampled_from([2.0, 3.0, 0.3e-3 / 1e-4, 2.0 * (1 - 1e-12), 3.0 * (1 - 1e-6)])
PRESSURES = st.sampled_from([0.0, 5e6, 5e6 * (1 + 1e-12), 5.0001e6])


@settings(max_examples=200, deadline=None)
@given(current=st.one_of(st.floats(0.0, 10.0, allow_subnormal=False), CURRENTS),
       pressure=st.one_of(st.floats(0.0, 1e7, allow_subnormal=False), PRESSURES))
def test_words_never_contradict_the_numbers(current: float, pressure: float) -> None:
    """Covered exactly when i >= i_o and p <= p_o of a test (rounding aside), and the printed
    current and pressure never print a test's value unless the design is at it (subnormal
    inputs aside: 5e-324 Pa is 0 MPa in a float)."""
    warnings, _ = stripping_check("li6ps5cl", current, pressure)
    want = any(_at(current, o.current_density_A_m2) and _at(o.stack_pressure_Pa, pressure)
               for o in MEASURED_STRIPPING)
    assert _covered(current, pressure) == want
    if not warnings:
        assert not _at(current, SINGH.current_density_A_m2)
        return
    shown = re.match(r"discharging at (\S+) mA/cm2 under (\S+) MPa", warnings[0])
    assert shown is not None
    i_shown, p_shown = float(shown.group(1)), float(shown.group(2))
    for o in MEASURED_STRIPPING:
        if i_shown == o.current_mA_cm2:
            assert current == pytest.approx(o.current_density_A_m2, rel=1e-9)
        if p_shown == o.stack_pressure_MPa:
            assert pressure == pytest.approx(o.stack_pressure_Pa, rel=1e-9, abs=0.0)


def test_mechanics_sources_cover_every_listed_failure() -> None:
    """The report lists every stored failure of the separator ("Measured stripping
    failures"): each one's source is among the report's sources, reached or not."""
    from pathlib import Path

    from solidcell.cell.design import CellDesign
    from solidcell.mechanics.volume import mechanics_check

    ev = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
    report = mechanics_check(CellDesign.from_file(ev), stack_pressure_Pa=5e6,
                             discharge_current_density_A_m2=1.0)  # 0.1 mA/cm2: none reached
    listed = report.to_json()["Measured stripping failures"]
    assert {o["Source"] for o in listed} == {o.source for o in MEASURED_STRIPPING}
    assert all(o["Source"] in report.sources for o in listed)
    assert not any(w.startswith("discharging at") for w in report.warnings)


@pytest.mark.parametrize("current, shown", [(9.0000001, "0.90000001"), (20.0, "2")])
def test_charging_current_above_the_highest_ccd_is_printed_apart(current: float,
                                                                 shown: str) -> None:
    """The highest measured CCD of Li6PS5Cl is 0.9 mA/cm2 (singh2022_lpscl_microstructure):
    0.90000001 mA/cm2 read "charging at 0.9 mA/cm2 exceeds ... (highest 0.9 mA/cm2"."""
    from pathlib import Path

    from solidcell.cell.design import CellDesign
    from solidcell.mechanics.volume import mechanics_check

    ev = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
    report = mechanics_check(CellDesign.from_file(ev), charge_current_density_A_m2=current)
    found = [w for w in report.warnings if w.startswith("charging at")]
    assert found and found[0].startswith(f"charging at {shown} mA/cm2 exceeds every measured")
    assert "(highest 0.9 mA/cm2" in found[0]


def test_charging_current_at_the_highest_ccd_up_to_rounding_exceeds_nothing() -> None:
    from pathlib import Path

    from solidcell.cell.design import CellDesign
    from solidcell.mechanics.volume import mechanics_check

    ev = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
    for current in (9.0, 9.0 * (1 + 1e-12), 0.9e-3 / 1e-4):
        report = mechanics_check(CellDesign.from_file(ev), charge_current_density_A_m2=current)
        assert not any(w.startswith("charging at") for w in report.warnings), current
