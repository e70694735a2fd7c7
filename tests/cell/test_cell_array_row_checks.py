"""Rows of ``evaluate_many`` given a mapping of arrays (a screen's fast path) hold the design
model's number rules (cell.design ``_LIMITS``): a row value the scalar design refuses is
infeasible with reason 12 (a negative separator or a NaN casing was evaluated, reason 0), and
for any float the row is refused or evaluates to finite numbers, agreeing with ``evaluate`` of
the design built with that value (accepted or refused)."""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from exampledesigns import example
from solidcell.cell.energy import (
    LIMITED_COLUMNS,
    REASONS,
    design_parameters,
    evaluate,
    evaluate_many,
)
from solidcell.errors import ValidationError

KEYS = ("Cell gravimetric energy density [W.h.kg-1]", "Stack areal mass [kg.m-2]",
        "Cell volumetric energy density [W.h.L-1]")

#: column -> (example, design field, row overrides, numbers comparable): the row keeps the
#: example's other parameters, so the numbers compare where only this column changes.
COLUMNS: dict[str, tuple[str, str, dict[str, float], bool]] = {
    "separator_thickness_m": ("ev-nmc811-lpscl-li", "separator.thickness_m", {}, True),
    "cathode_collector_thickness_m": ("ev-nmc811-lpscl-li",
                                      "cathode_current_collector.thickness_m", {}, True),
    "anode_collector_thickness_m": ("ev-nmc811-lpscl-li",
                                    "anode_current_collector.thickness_m", {}, True),
    "casing_thickness_m": ("ev-nmc811-lpscl-li", "format.casing_thickness_m", {}, True),
    "seal_width_m": ("ev-nmc811-lpscl-li", "format.seal_width_m", {}, True),
    "tab_mass_kg": ("ev-nmc811-lpscl-li", "format.tab_mass_kg", {}, True),
    "headspace_m": ("ev-nmc811-lpscl-li", "format.headspace_m", {}, True),
    "substrate_thickness_m": ("thin-film-lco-lipon-li", "format.substrate_thickness_m", {},
                              True),
    # a foil sized by N/P: the row's anode_thickness_m is 0 (not given), as design_parameters
    "anode_np_ratio": ("ev-nmc811-lpscl-li", "anode.np_ratio", {"anode_thickness_m": 0.0},
                       True),
    "first_cycle_loss": ("ev-nmc811-lpscl-li", "first_cycle_loss", {}, True),
    "cathode_interface_resistance_ohm_m2": ("ev-nmc811-lpscl-li",
                                            "cathode_interface_resistance_ohm_m2", {}, True),
    "anode_interface_resistance_ohm_m2": ("ev-nmc811-lpscl-li",
                                          "anode_interface_resistance_ohm_m2", {}, True),
    # the row's separator density stays the example's (the design's follows the porosity)
    "separator_porosity": ("ev-nmc811-lpscl-li", "separator.porosity", {}, False),
    "electrode_width_m": ("ev-nmc811-lpscl-li", "format.electrode_width_m", {}, True),
    "electrode_height_m": ("ev-nmc811-lpscl-li", "format.electrode_height_m", {}, True),
    "n_layers": ("ev-nmc811-lpscl-li", "format.n_layers", {}, True),
    "bipolar_collector_thickness_m": ("bipolar-nmc811-lpscl-li",
                                      "architecture.bipolar_collector.thickness_m", {}, True),
    "cells_in_series": ("bipolar-nmc811-lpscl-li", "architecture.cells_in_series", {}, True),
    "cathode_width_m": ("interdigitated-3d-nmc811-lpscl-li", "architecture.cathode_width_m",
                        {}, True),
    "gap_m": ("interdigitated-3d-nmc811-lpscl-li", "architecture.gap_m", {}, True),
}

#: 3D widths beyond 1 m: the design's resolution of a cathode fraction of the footprint that
#: underflows to 0 raises ZeroDivisionError (cell.design ResolvedDesign.build, gap_m 9e307;
#: not this module's), so the scalar side is only compared up to 1 m.
BOUNDED_3D = ("cathode_width_m", "gap_m")


def scalar(column: str, x: float) -> dict[str, float] | None:
    """evaluate's numbers of the example with ``x`` in the column's field; None: refused."""
    name, field, _, _ = COLUMNS[column]
    try:
        out = evaluate(example(name).replace(**{field: x}))
    except ValidationError:
        return None
    return None if out.reason else {k: out[k] for k in KEYS}


@functools.cache
def _parameters(name: str) -> tuple[tuple[str, Any], ...]:
    """``design_parameters`` of the example's resolution, made once per example (the same
    numbers at every call: the example is immutable); each row takes a dict of its own."""
    return tuple(design_parameters(example(name).resolved()).items())


def row(column: str, x: float) -> tuple[int, dict[str, float]]:
    name, _, extra, _ = COLUMNS[column]
    params: dict[str, Any] = {**dict(_parameters(name)), **extra}
    batch = evaluate_many({**params, column: np.array([x, x])})
    return int(batch["Reason code"][0]), {k: float(batch[k][0]) for k in KEYS}


@pytest.mark.parametrize("column", sorted(COLUMNS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=st.floats(allow_nan=True, allow_infinity=True))
def test_a_row_is_refused_or_finite_as_the_design(column: str, x: float) -> None:
    assume(column not in BOUNDED_3D or not math.isfinite(x) or abs(x) <= 1.0)
    code, got = row(column, x)
    if code == 0:
        assert all(math.isfinite(v) for v in got.values()), (column, x, got)
    want = scalar(column, x)
    assert (code == 0) == (want is not None), (column, x, code, REASONS[code])
    if want is not None and COLUMNS[column][3]:
        for key in KEYS:
            assert got[key] == pytest.approx(want[key], rel=1e-9), (column, x, key)


@pytest.mark.parametrize("column", sorted(COLUMNS))
def test_the_examples_refused_values_give_reason_12(column: str) -> None:
    """NaN, +-inf and a value just below the rule's lower bound are reason 12."""
    rule = LIMITED_COLUMNS[column][0]
    low = {"pos": 0.0, "nonneg": -1e-12, "frac_open": -1e-12, "share": 0.0, "layers": 0.5,
           "series": 0.5}[rule]
    for x in (math.nan, math.inf, -math.inf, low):
        assert row(column, x)[0] == 12, (column, x)
        assert scalar(column, x) is None, (column, x)


def test_cylindrical_can_and_mandrel_rows() -> None:
    """A jelly roll's can diameter and height > 0, its mandrel >= 0 (Format._LIMITS); a pouch
    row ignores the can's NaN (not given) but not a negative casing."""
    params = design_parameters(example("ev-nmc811-lpscl-li").resolved())
    cyl = {**params, "format": 1.0, "diameter_m": 0.021, "can_height_m": 0.07,
           "casing_thickness_m": 2e-4, "mandrel_diameter_m": 0.0}
    assert int(evaluate_many({**cyl, "n_layers": np.array([1.0])})["Reason code"][0]) == 0
    for key, bad in (("diameter_m", math.nan), ("can_height_m", -0.07),
                     ("mandrel_diameter_m", -1e-3), ("mandrel_diameter_m", math.nan)):
        assert int(evaluate_many({**cyl, key: np.array([bad])})["Reason code"][0]) == 12, key
    codes = evaluate_many({**params, "casing_thickness_m": np.array([math.nan, -1e-6, 0.0])})
    assert codes["Reason code"].tolist() == [12, 12, 0]
    assert "casing thickness" in REASONS[12]


def test_a_cell_energy_beyond_a_float_is_reason_8_as_the_design_is_refused() -> None:
    """A 2.47e305 m electrode width (found by the property above): the cell's mass and volume
    are finite but its energy overflows; the row gave inf Wh/kg with reason 0."""
    x = 2.4672950561489878e+305
    code, _ = row("electrode_width_m", x)
    assert code == 8
    assert scalar("electrode_width_m", x) is None
