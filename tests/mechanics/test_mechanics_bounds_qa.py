"""Physical bounds of mechanics inputs and results: a given lithium density within plausible
limits, a stack pressure above lithium's Young's modulus named, and a volume change the data
give only as a bound (">300 %") never used as if it were the value."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.materials.schema import PROPERTIES
from solidcell.mechanics.dendrite import lithium_molar_volume_m3_mol
from solidcell.mechanics.lithium import LITHIUM_DENSITY_MIN_KG_M3, lithium_thickness_change
from solidcell.mechanics.pressure import lithium_youngs_modulus, stack_pressure
from solidcell.mechanics.volume import _composite_change, electrode_volume_change

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LI_DESIGN = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
UPPER = PROPERTIES["density"].upper
assert UPPER is not None


@pytest.mark.parametrize("rho", [1e-300, 5e-324, 0.5, LITHIUM_DENSITY_MIN_KG_M3 * 0.999,
                                 UPPER * 1.001, 1e300])
def test_absurd_lithium_density_is_refused(rho: float) -> None:
    """1e-300 kg/m3 gave 2.6e297 m of lithium per mAh/cm2 without a word."""
    with pytest.raises(ValidationError) as info:
        lithium_thickness_change(1.0, li_density_kg_m3=rho)
    assert info.value.field == "li_density_kg_m3"
    assert "lighter than air" in str(info.value)
    with pytest.raises(ValidationError, match="li_density_kg_m3"):
        lithium_molar_volume_m3_mol(rho)


@settings(max_examples=50, deadline=None)
@given(rho=st.floats(LITHIUM_DENSITY_MIN_KG_M3, UPPER))
def test_plausible_lithium_density_is_faradays_law(rho: float) -> None:
    """Inside the bounds: dt = Q / (q_Li rho), so dt * rho does not depend on rho."""
    ref = lithium_thickness_change(1.0, li_density_kg_m3=534.0)
    got = lithium_thickness_change(1.0, li_density_kg_m3=rho)
    assert got.thickness_change_m * rho == pytest.approx(ref.thickness_change_m * 534.0)


def test_stack_pressure_above_lithiums_modulus_is_named() -> None:
    """k = 1e14 Pa/m gave p_max = 20 GPa, above lithium's Young's modulus, without a word."""
    e_li, src = lithium_youngs_modulus()
    assert e_li == pytest.approx(7.82e9)  # Masias et al. 2019 (knowledge base)
    n = LI_DESIGN.format.n_layers
    r = stack_pressure(LI_DESIGN, stack_pressure_Pa=5e6, fixture_stiffness_Pa_m=1e14,
                       thickness_change_m=(0.0, 2e-4 / n))
    assert r.pressure_max_Pa == pytest.approx(5e6 + 2e10)  # reported as computed
    [warning] = [w for w in r.warnings if "Young's modulus" in w]
    assert "7.82 GPa" in warning and src in warning and src in r.sources
    # just below the bound: no such warning
    ok = stack_pressure(LI_DESIGN, stack_pressure_Pa=5e6, fixture_stiffness_Pa_m=1e9,
                        thickness_change_m=(0.0, 1e-6))
    assert ok.pressure_max_Pa is not None and ok.pressure_max_Pa < e_li
    assert not any("Young's modulus" in w for w in ok.warnings)


def test_lower_bound_of_volume_change_is_a_lower_bound() -> None:
    """silicon: '>300 %' [srivastava_review] is a lower bound; the layer change says so."""
    vc = electrode_volume_change("silicon")
    assert (vc.magnitude, vc.bound) == (pytest.approx(3.0), "lower")
    assert "at least" in vc.note
    warnings: list[str] = []
    layer = _composite_change("anode", "silicon", 10e-6, 0.5, [], warnings)
    assert layer.change_low_m == layer.change_high_m == pytest.approx(10e-6 * 0.5 * 3.0)
    assert "lower bound" in layer.basis
    assert any("only as a lower bound" in w for w in warnings)
    assert any("at least 300%" in w for w in warnings)


def test_upper_bound_of_volume_change_is_a_range_from_zero() -> None:
    """lto: '<0.1 %' [srivastava_review] was used as a change of exactly 0.1 %; the change
    lies anywhere from none to that."""
    vc = electrode_volume_change("lto")
    assert (vc.magnitude, vc.bound) == (pytest.approx(0.001), "upper")
    layer = _composite_change("anode", "lto", 50e-6, 0.6, [], [])
    assert (layer.change_low_m, layer.change_high_m) == (0.0, pytest.approx(50e-6 * 0.6 * 1e-3))
    assert "upper bound" in layer.basis


def test_value_keeps_a_single_change() -> None:
    """A value (graphite, review Table 5) is unchanged: no bound, one number."""
    vc = electrode_volume_change("graphite")
    assert vc.bound is None
    layer = _composite_change("anode", "graphite", 50e-6, 0.6, [], [])
    assert layer.change_low_m == layer.change_high_m > 0
