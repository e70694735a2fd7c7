"""Stack pressure over a cycle and the pressure that keeps lithium in contact."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.mechanics.pressure import lithium_yield_strength, stack_pressure
from solidcell.mechanics.volume import mechanics_check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LI_DESIGN = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")


def test_yield_strength_of_lithium() -> None:
    # Masias et al. 2019: bulk Li yields at about 0.8 MPa (the value Singh et al. 2022 quote).
    sigma_y, source = lithium_yield_strength()
    assert sigma_y == pytest.approx(0.8e6)
    assert source == "masias2019_li_mechanics"


def test_pressure_swing_follows_hookes_law() -> None:
    n = LI_DESIGN.format.n_layers
    r = stack_pressure(
        LI_DESIGN,
        stack_pressure_Pa=5e6,
        fixture_stiffness_Pa_m=1e9,
        thickness_change_m=(-2e-6, 3e-6),
    )
    assert r.repeat_units == n
    assert r.pressure_min_Pa == pytest.approx(5e6 - 1e9 * n * 2e-6)
    assert r.pressure_max_Pa == pytest.approx(5e6 + 1e9 * n * 3e-6)
    assert r.required_assembly_pressure_Pa == pytest.approx(0.8e6 + 1e9 * n * 2e-6)
    assert (r.pressure_min_Pa < 0.8e6) == (r.required_assembly_pressure_Pa > 5e6)


def test_low_pressure_warnings_name_their_sources() -> None:
    r = stack_pressure(LI_DESIGN, stack_pressure_Pa=0.5e6)
    text = " ".join(r.warnings)
    assert "yield strength" in text and "masias2019_li_mechanics" in text
    assert "doux2020_stack_pressure" in text
    ok = stack_pressure(LI_DESIGN, stack_pressure_Pa=6e6)
    assert ok.warnings == ()


def test_constant_pressure_fixture_needs_only_the_yield_strength() -> None:
    r = stack_pressure(LI_DESIGN, stack_pressure_Pa=1e6, fixture_stiffness_Pa_m=0.0)
    assert r.required_assembly_pressure_Pa == pytest.approx(0.8e6)
    assert r.pressure_min_Pa == r.pressure_max_Pa == pytest.approx(1e6)


@settings(max_examples=40, deadline=None)
@given(p0=st.floats(0, 1e8), k=st.floats(0, 1e11), low=st.floats(-1e-4, 0), high=st.floats(0, 1e-4))
def test_pressure_bounds_hold(p0: float, k: float, low: float, high: float) -> None:
    r = stack_pressure(
        LI_DESIGN, stack_pressure_Pa=p0, fixture_stiffness_Pa_m=k, thickness_change_m=(low, high)
    )
    assert r.pressure_min_Pa <= p0 <= r.pressure_max_Pa
    assert r.required_assembly_pressure_Pa >= r.contact_pressure_Pa
    # assembled at the required pressure, the lowest pressure of the cycle is the yield strength
    at_required = stack_pressure(
        LI_DESIGN,
        stack_pressure_Pa=r.required_assembly_pressure_Pa,
        fixture_stiffness_Pa_m=k,
        thickness_change_m=(low, high),
    )
    assert at_required.pressure_min_Pa == pytest.approx(r.contact_pressure_Pa, rel=1e-9, abs=1e-3)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"stack_pressure_Pa": -1.0}, "stack_pressure_Pa"),
        ({"stack_pressure_Pa": float("nan")}, "stack_pressure_Pa"),
        ({"fixture_stiffness_Pa_m": -5.0}, "fixture_stiffness_Pa_m"),
        ({"fixture_stiffness_Pa_m": "stiff"}, "fixture_stiffness_Pa_m"),
    ],
)
def test_bad_input_names_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        stack_pressure(LI_DESIGN, **kwargs)
    assert err.value.field == field


def test_graphite_cells_are_refused() -> None:
    data = LI_DESIGN.to_dict()
    data["anode"] = {"kind": "graphite", "material": "graphite", "np_ratio": 1.1}
    graphite = CellDesign.model_validate(data)
    with pytest.raises(ValidationError) as err:
        stack_pressure(graphite, stack_pressure_Pa=5e6)
    assert err.value.field == "design.anode.kind"


def test_mechanics_check_carries_pressure_and_ccd() -> None:
    r = mechanics_check(
        LI_DESIGN,
        stack_pressure_Pa=2e6,
        fixture_stiffness_Pa_m=1e9,
        charge_current_density_A_m2=20.0,
        flaw_size_m=5e-6,
    )
    assert r.pressure is not None
    assert r.pressure.pressure_max_Pa > r.pressure.pressure_min_Pa  # Li plated on charge
    # the fixture sees the report's own stack change: p = p0 + k N dh with dh in
    # [min(0, low), max(0, high)] (Hooke's law, module docstring of mechanics.pressure)
    n = LI_DESIGN.format.n_layers
    assert (r.pressure.thickness_change_low_m, r.pressure.thickness_change_high_m) == \
        (r.stack_change_low_m, r.stack_change_high_m)
    assert r.pressure.pressure_max_Pa == pytest.approx(
        2e6 + 1e9 * n * max(0.0, r.stack_change_high_m), rel=1e-12)
    assert r.pressure.pressure_min_Pa == pytest.approx(
        2e6 + 1e9 * n * min(0.0, r.stack_change_low_m), rel=1e-12)
    # 2 mA/cm2 is above the highest measured CCD of Li6PS5Cl (0.9 mA/cm2, Singh et al. 2022)
    assert any("exceeds every measured critical current density" in w for w in r.warnings)
    assert r.critical_current is not None
    # the separator's K_IC (0.23 MPa m^0.5, singh2022_lpscl_microstructure) and the given flaw:
    # p_c = K_IC / (1.12 sqrt(pi a)) = 51.8 MPa; the design has no interfacial ASR, so no CCD
    assert (r.critical_current.electrolyte, r.critical_current.flaw_size_m) == ("li6ps5cl", 5e-6)
    assert r.critical_current.critical_pressure_Pa == pytest.approx(
        0.23e6 / (1.12 * math.sqrt(math.pi * 5e-6)), rel=1e-12)
    assert r.critical_current.critical_current_density_A_m2 is None
    data = r.to_json()
    assert data["Stack pressure"]["Stack pressure [Pa]"] == 2e6
    below = mechanics_check(LI_DESIGN, charge_current_density_A_m2=5.0)
    assert not any("critical current" in w for w in below.warnings)
