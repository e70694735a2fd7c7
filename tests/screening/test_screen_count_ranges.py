"""A range over a count (``format.n_layers``, a bipolar stack's or pack's cells, a film's
``every``: the design model's ``INTEGER_LIMITS``) is screened only where every row it gives is a
whole number. A Latin hypercube draws real numbers in a range: ``format.n_layers: {min: 1,
max: 40}`` gave 13.3, 21.0, ... layers, every row refused as no integer, without a word on the
space (before 2026-12-07); a grid whose points miss whole numbers did the same row by row."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.errors import ValidationError
from solidcell.screening.screen import load_space, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = str(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
BIPOLAR = str(EXAMPLES / "bipolar-nmc811-lpscl-li.yaml")


def space(base: str, path: str, spec: dict, method: str) -> dict:
    return {"base": base, "method": method, "n": 12, "seed": 1, "parameters": {path: spec}}


@pytest.mark.parametrize(("base", "path"), [(EV, "format.n_layers"),
                                            (BIPOLAR, "architecture.cells_in_series")])
def test_a_latin_hypercube_range_of_a_count_is_refused(base: str, path: str) -> None:
    with pytest.raises(ValidationError) as err:
        load_space(space(base, path, {"min": 1, "max": 40}, "lhs"))
    assert err.value.field == f"parameters.{path}"
    assert "values" in str(err.value) and "whole number" in str(err.value)


def test_a_grid_of_a_count_off_whole_numbers_is_refused_naming_the_point() -> None:
    with pytest.raises(ValidationError) as err:
        load_space(space(EV, "format.n_layers", {"min": 10, "max": 40, "n": 5}, "grid"))
    assert err.value.field == "parameters.format.n_layers.n"
    assert "17.5" in str(err.value)


@settings(max_examples=15, deadline=None)
@given(lo=st.integers(1, 30), steps=st.integers(1, 4), step=st.integers(1, 10))
def test_a_grid_on_whole_numbers_screens_every_row(lo: int, steps: int, step: int) -> None:
    """Property: a linear grid whose n - 1 divides max - min gives whole numbers, all
    feasible on the EV example (no row refused as no integer)."""
    hi = lo + steps * step
    t = screen(space(EV, "format.n_layers", {"min": lo, "max": hi, "n": steps + 1}, "grid"),
               with_cost=False).table
    layers = t["format.n_layers"].to_numpy(dtype=float)
    assert np.array_equal(layers, np.round(layers))
    assert t["Feasible"].all()


def test_counts_as_values_and_one_point_ranges_still_screen() -> None:
    t = screen(space(EV, "format.n_layers", {"values": [10, 20, 40]}, "lhs"),
               with_cost=False).table
    assert t["Feasible"].all()
    t = screen(space(EV, "format.n_layers", {"min": 20, "max": 20}, "lhs"), with_cost=False).table
    assert (t["format.n_layers"] == 20).all() and t["Feasible"].all()
