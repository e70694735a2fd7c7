"""A non-finite number in a row of ``evaluate_many``'s columns is "absent" or refused.

The screening path hands ``evaluate_many`` a mapping of :data:`PARAMETERS` columns. A NaN or
inf in a column that a row reads must either be a documented "absent" value
(:data:`ABSENT_NAN`: not given, not known, no power) or give that row a reason code; a column
the row does not read (a pouch's can diameter) changes nothing; and no row changes another's
results. The flags ``charged`` and ``cathode_lithium_free`` are codes like ``architecture``:
anything but 0 or 1 is refused for the call, naming the column.

Before: a row's NaN ``cathode_porosity`` or NaN/negative ``cathode_coating_volume_per_active_
volume`` skipped the coating-room rule (reason 13: NaN > x is False) and was evaluated with
reason 0; a NaN density of an interlayer film, substrate or bipolar collector the row does not
have (0 m, a pouch, a single cell) or of a casing of 0 m, or a NaN ``interlayer_film_every``
without a film, made all its results NaN with reason 0; an infinite ``max_polarisation_V``
gave an infinite ohmic C-rate; a NaN or inf ``charged`` / ``cathode_lithium_free`` was read
as "no" / "yes".
"""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import (
    ABSENT_NAN,
    OFF_LIMITS,
    PARAMETERS,
    design_parameters,
    evaluate_many,
)
from solidcell.errors import ValidationError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
ROWS = 3
#: codes and flags: refused for the whole call, naming the column (as an unknown architecture)
CODED = ("architecture", "format", "anode_kind", "charged", "cathode_lithium_free")
COLUMNS = [k for k in PARAMETERS if k not in CODED]
BAD = (math.nan, math.inf, -math.inf)
#: finite values a column that a row reads changes the row's outcome with (one of them)
PROBES = (-1.0, 0.0, 1e-9, 0.5, 1.0, 2.0, 1e3, 1e9)
#: outputs the allowed polarisation enters (NaN where it is no finite number > 0)
POWER = ("Maximum C-rate [h-1]", "Ohmic C-rate limit [h-1]", "Stack specific power [W.kg-1]",
         "Stack power density [W.L-1]", "Cell specific power [W.kg-1]",
         "Cell power density [W.L-1]")


@functools.cache
def _params(name: str, charged: bool) -> dict[str, float]:
    return design_parameters(CellDesign.from_file(EXAMPLES / name).resolved(), charged)


def _columns(name: str, charged: bool, column: str | None = None, row: int = 0,
             value: float = 0.0) -> dict[str, np.ndarray]:
    cols = {k: np.full(ROWS, v, dtype=float) for k, v in _params(name, charged).items()}
    if column is not None:
        cols[column][row] = value
    return cols


@functools.cache
def _reference(name: str, charged: bool) -> dict[str, np.ndarray]:
    return dict(evaluate_many(_columns(name, charged)).columns)


def _row(cols: Any, i: int, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: np.asarray(v)[i] for k, v in cols.items() if k not in skip}


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)


def _check(name: str, charged: bool, column: str, bad: float, row: int) -> None:
    cols = _columns(name, charged, column, row, bad)
    ref = _reference(name, charged)
    batch = evaluate_many(cols)
    for other in set(range(ROWS)) - {row}:  # never another row's results
        assert _same(_row(batch.columns, other), _row(ref, other)), (column, other)
    got = _row(batch.columns, row)
    code = int(got["Reason code"])
    if code:  # refused, and a code-12 row says which number
        if code == OFF_LIMITS:
            assert batch.reason_details[row]
        return
    if column == "max_polarisation_V":  # no power, the energy kept (docs/cell.md)
        assert _same(_row(batch.columns, row, POWER), _row(ref, row, POWER))
        assert all(math.isnan(got[k]) for k in POWER)
        return
    if math.isnan(bad) and column in ABSENT_NAN:
        return
    # else the row must not read the column: the same outcome for any finite value of it
    assert _same(got, _row(ref, row)), (name, charged, column, bad)
    for v in PROBES:
        probe = evaluate_many(_columns(name, charged, column, row, v)).columns
        assert _same(_row(probe, row), _row(ref, row)), (
            f"{name}: row reads {column} (a value {v} changes it), yet {bad} passed unrefused")


@pytest.mark.parametrize("column", COLUMNS)
def test_every_column_of_the_ev_example(column: str) -> None:
    for bad in BAD:
        _check("ev-nmc811-lpscl-li.yaml", False, column, bad, 1)


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(NAMES), charged=st.booleans(), column=st.sampled_from(COLUMNS),
       bad=st.sampled_from(BAD), row=st.integers(0, ROWS - 1))
# found by CI: the lab pellet's pouch has no casing (0 m), yet a NaN casing density made its
# cell mass NaN with reason 0 (NaN x 0)
@example(name="lab-pellet-nmc811-lpscl-liin.yaml", charged=False,
         column="casing_density_kg_m3", bad=math.nan, row=0)
def test_a_non_finite_number_is_absent_or_refused(name: str, charged: bool, column: str,
                                                  bad: float, row: int) -> None:
    _check(name, charged, column, bad, row)


@pytest.mark.parametrize(("column", "value", "field"), [
    ("cathode_porosity", math.nan, "cathode.porosity: nan is not allowed; must lie in [0, 1)"),
    ("cathode_porosity", 1.0, "cathode.porosity: 1.0 is not allowed; must lie in [0, 1)"),
    ("cathode_coating_volume_per_active_volume", math.nan,
     "cathode coating volume per active volume: nan is not allowed; must be >= 0 and finite"),
    ("cathode_coating_volume_per_active_volume", -0.1,
     "cathode coating volume per active volume: -0.1 is not allowed; must be >= 0 and finite"),
])
def test_porosity_and_coating_rows_are_refused_with_reason_12(column: str, value: float,
                                                              field: str) -> None:
    """The design model's rules (Composite.porosity in [0, 1), Cathode.coating_thickness_m
    >= 0, so ((1 + t/r)^3 - 1) >= 0): the EV example's coated NMC811 row was evaluated with
    reason 0 and 402 Wh/kg when either was NaN."""
    batch = evaluate_many(_columns("ev-nmc811-lpscl-li.yaml", False, column, 1, value))
    assert batch.columns["Reason code"].tolist() == [0, OFF_LIMITS, 0]
    assert batch.reason_details[1].startswith(field)
    assert f"parameter {column}" in batch.reason_details[1]


@pytest.mark.parametrize("flag", ["charged", "cathode_lithium_free"])
@pytest.mark.parametrize("value", [math.nan, math.inf, 0.5, -1.0])
def test_a_flag_that_is_not_0_or_1_is_refused(flag: str, value: float) -> None:
    cols = _columns("ev-nmc811-lpscl-li.yaml", False, flag, 1, value)
    with pytest.raises(ValidationError) as info:
        evaluate_many(cols)
    assert info.value.field == flag
    assert "codes:" in str(info.value)
    ok = evaluate_many({**cols, flag: np.array([0.0, 1.0, 0.0])})  # 0 and 1 stay allowed
    assert ok.columns["Reason code"][0] == 0
