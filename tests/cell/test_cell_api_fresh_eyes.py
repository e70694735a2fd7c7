"""Fresh-eyes QA of evaluate / evaluate_many as a notebook calls them: the allowed
polarisation is refused alike by both (evaluate_many gave NaN power columns for NaN, inf, 0 or
-1 V without a word), junk of every kind gives the same answer or the same refusal."""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate, evaluate_many
from solidcell.errors import ValidationError

POWER = "Cell specific power [W.kg-1]"


@pytest.fixture(scope="module")
def ev() -> CellDesign:
    return CellDesign.from_yaml(Path(__file__).resolve().parents[2] / "examples"
                                / "ev-nmc811-lpscl-li.yaml")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 0.0, -1.0, np.float64("nan")])
def test_evaluate_many_refuses_the_polarisation_evaluate_refuses(ev: CellDesign,
                                                                 value: float) -> None:
    with pytest.raises(ValidationError) as single:
        evaluate(ev, max_polarisation_V=value)
    with pytest.raises(ValidationError) as many:
        evaluate_many([ev, ev], max_polarisation_V=value)
    assert many.value.field == single.value.field == "max_polarisation_V"


def test_evaluate_many_of_a_mapping_refuses_a_bad_polarisation_argument() -> None:
    with pytest.raises(ValidationError) as info:
        evaluate_many({"cathode_thickness_m": [1e-4]}, max_polarisation_V=-0.2)
    assert info.value.field == "max_polarisation_V"


def test_evaluate_many_refuses_a_polarisation_above_the_cell_voltage(ev: CellDesign) -> None:
    volts = evaluate(ev).values["Cell voltage [V]"]
    with pytest.raises(ValidationError, match="below the cell voltage") as info:
        evaluate_many([ev], max_polarisation_V=volts + 0.5)
    assert info.value.field == "max_polarisation_V"


JUNK = st.one_of(
    st.none(), st.booleans(), st.text(max_size=4),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.lists(st.floats(min_value=0.01, max_value=1.0), max_size=2),
    st.sampled_from([np.array(0.1), np.array([0.1, 0.2]), {}, 5e-324, 1j]),
)


@settings(max_examples=60)
@given(value=JUNK)
def test_polarisation_junk_same_answer_or_same_refusal(ev: CellDesign, value: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            single = evaluate(ev, max_polarisation_V=value)
        except ValidationError as exc:
            with pytest.raises(ValidationError) as info:
                evaluate_many([ev], max_polarisation_V=value)
            assert info.value.field == exc.field
            return
        batch = evaluate_many([ev], max_polarisation_V=value)
    assert math.isfinite(single.values[POWER])
    assert float(batch[POWER][0]) == pytest.approx(single.values[POWER], rel=1e-12)


def test_evaluate_many_good_polarisation_matches_evaluate(ev: CellDesign) -> None:
    # the same core: the batch's power at 0.1 V is evaluate's
    batch = evaluate_many([ev, ev], max_polarisation_V=0.1)
    single = evaluate(ev, max_polarisation_V=0.1)
    assert np.allclose(batch[POWER], single.values[POWER], rtol=1e-12)


@pytest.mark.parametrize(("path", "value"), [
    ("separator.thickness_m", 1e308), ("anode.thickness_m", 1e308),
    ("cathode_current_collector.thickness_m", 1e308), ("format.electrode_width_m", 1e308),
    ("format.casing_thickness_m", 1e300), ("format.seal_width_m", 1e300)])
def test_a_size_that_overflows_the_cell_is_refused(ev: CellDesign, path: str,
                                                   value: float) -> None:
    # an infinite cell mass and volume, NaN or 0 Wh/kg came back without a word; a layer
    # that thick is refused first, thicker than the electrode is wide (test_cell_geometry_sanity),
    # and so are a casing wall and a seal (test_cell_package_geometry)
    if path != "format.electrode_width_m":
        with pytest.raises(ValidationError, match="in-plane side") as layer:
            ev.replace(**{path: value})
        assert layer.value.field == path
        return
    design = ev.replace(**{path: value})
    with pytest.raises(ValidationError, match="finite number") as info:
        evaluate(design)
    assert info.value.field == "design"
    with pytest.raises(ValidationError) as many:
        evaluate_many([ev, design])
    assert many.value.field == "designs[1]"


@pytest.mark.parametrize("value", [1e300, 1e308])
def test_a_coating_that_overflows_its_shell_volume_is_refused(ev: CellDesign,
                                                              value: float) -> None:
    # (1 + t/r)^3 raised a bare OverflowError ("Numerical result out of range")
    with pytest.raises(ValidationError) as info:
        ev.replace(**{"cathode.coating_thickness_m": value}).resolved()
    assert info.value.field == "cathode.coating_thickness_m"


def test_large_but_finite_sizes_still_evaluate(ev: CellDesign) -> None:
    # a 5 cm separator is absurd but a number (thinner than the 100 mm electrode is wide: 1 m
    # is refused, test_cell_geometry_sanity.py): its energy density is finite and below the
    # example's (more mass, same energy)
    base = evaluate(ev).values["Cell gravimetric energy density [W.h.kg-1]"]
    thick = evaluate(ev.replace(**{"separator.thickness_m": 0.05})).values[
        "Cell gravimetric energy density [W.h.kg-1]"]
    assert 0 < thick < base


@pytest.fixture(scope="module")
def three_d() -> CellDesign:
    return CellDesign.from_yaml(Path(__file__).resolve().parents[2] / "examples"
                                / "interdigitated-3d-nmc811-lpscl-li.yaml")


@pytest.mark.parametrize("value", ["0.2", None, {}, [0.1, 0.2], np.array([0.1, 0.2]), True,
                                   10**400, 1j])
def test_crossover_polarisation_junk_is_refused(ev: CellDesign, three_d: CellDesign,
                                                value: Any) -> None:
    from solidcell.cell.architectures import crossover

    with pytest.raises(ValidationError) as info:  # TypeError "must be real number" before
        crossover(ev, three_d, max_polarisation_V=value)
    assert info.value.field == "max_polarisation_V"


@pytest.mark.parametrize("value", [10**400, 1e-320, [1e-3, 5e-324]])
def test_crossover_conductivity_beyond_the_float_range_is_refused(
        ev: CellDesign, three_d: CellDesign, value: Any) -> None:
    from solidcell.cell.architectures import crossover

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 1e-320 S/m: "overflow encountered in divide"
        with pytest.raises(ValidationError) as info:
            crossover(ev, three_d, conductivity_S_m=value)
    assert info.value.field == "conductivity_S_m"


def test_crossover_conductivity_quantity_is_refused(ev: CellDesign,
                                                    three_d: CellDesign) -> None:
    from solidcell.cell.architectures import crossover
    from solidcell.units import registry

    with pytest.raises(ValidationError, match="Quantity"):  # 1 mS/cm was read as 1 S/m
        crossover(ev, three_d, conductivity_S_m=registry().Quantity([1.0], "mS/cm"))


# --- the mapping (fast) path: rows, not refusals -----------------------------------------------

def _row_params(ev: CellDesign, **columns: Any) -> dict[str, Any]:
    from solidcell.cell.energy import design_parameters

    return {**design_parameters(ev.resolved()), **columns}


def test_a_row_polarisation_that_is_no_loss_gives_no_power(ev: CellDesign) -> None:
    # a row's -1 V gave -11488 W/kg and a negative maximum C-rate; NaN V a NaN power. Now
    # these rows have no power, as a polarisation above the cell voltage has (the energy,
    # which does not depend on it, stays)
    batch = evaluate_many(_row_params(ev, max_polarisation_V=[0.2, -1.0, 0.0, math.nan]))
    power = batch[POWER]
    assert power[0] > 0 and np.isnan(power[1:]).all()
    assert np.isnan(batch["Maximum C-rate [h-1]"][1:]).all()
    energy = batch["Cell gravimetric energy density [W.h.kg-1]"]
    assert np.all(energy == energy[0]) and energy[0] > 0


@pytest.mark.parametrize(("key", "value"), [("separator_thickness_m", 1e308),
                                            ("casing_thickness_m", 1e300),
                                            ("electrode_width_m", 1e308)])
def test_a_row_whose_sizes_overflow_has_reason_code_8(ev: CellDesign, key: str,
                                                      value: float) -> None:
    from solidcell.cell.energy import REASONS

    batch = evaluate_many(_row_params(ev, **{key: [1e-5 if "thickness" in key else 0.1,
                                                    value]}))
    if key != "electrode_width_m":  # a layer (a casing wall) thicker than the electrode is
        # wide: reason 12 (test_cell_geometry_sanity.py, test_cell_package_geometry.py)
        assert batch["Reason code"].tolist() == [0, 12]
        return
    assert batch["Reason code"].tolist()[1] == 8 and "beyond the range" in REASONS[8]
    assert batch["Reason code"].tolist()[0] == 0
    assert np.isnan(batch["Cell mass [kg]"][1])  # was inf, with 0 Wh/kg
