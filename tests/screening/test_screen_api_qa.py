"""Python API input found in a fresh-eyes QA: ``pareto_mask`` with a sense that is neither
'max' nor 'min' ('MIN' was read as 'max'), one sense too few (the extra column was ignored) or
a 1-D array (numpy's AxisError), and ``ScreenResult.to_json(rows=...)`` with a word other than
'pareto' or 'all' (every row, silently)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell import screen
from solidcell.errors import ValidationError
from solidcell.screening.screen import load_space, pareto_mask, sample, space_size

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
TWO = np.array([[1.0, 2.0], [2.0, 1.0], [0.5, 0.5]])


@pytest.mark.parametrize(("values", "senses", "field", "words"), [
    (TWO, ["MIN", "max"], "senses", "a list of 2 of 'max' or 'min'"),
    (TWO, ["max"], "senses", "a list of 2 of 'max' or 'min'"),
    (TWO, "max", "senses", "one per column of values"),
    (np.array([1.0, 2.0]), ["max"], "values", "has 1 dimension(s)"),
    ([[1.0, "a"]], ["max", "max"], "values", "an n x k array of numbers"),
])
def test_pareto_mask_refuses_what_it_cannot_rank(values, senses, field, words):
    with pytest.raises(ValidationError) as err:
        pareto_mask(values, senses)
    assert err.value.field == field and words in err.value.allowed


def test_pareto_mask_ranks_by_the_senses_given():
    assert list(pareto_mask(TWO, ["max", "max"])) == [True, True, False]
    assert list(pareto_mask(TWO, ["min", "min"])) == [False, False, True]
    assert list(pareto_mask(TWO, ("max", "min"))) == [False, True, True]


def test_to_json_rows_is_the_front_or_every_design():
    result = screen({"base": str(EV), "parameters": {
        "cathode.thickness_m": {"values": ["40 um", "80 um", "-1 um"]}}}, with_cost=False)
    assert len(result.to_json()["rows"]) == int(result.table["Pareto"].sum())
    assert len(result.to_json(rows="all")["rows"]) == 3
    with pytest.raises(ValidationError, match="rows: 'everything' is not allowed; use "
                                              "'pareto'"):
        result.to_json(rows="everything")


AXIS = st.one_of(
    st.builds(lambda k: {"values": [f"{20 + i} um" for i in range(k)]}, st.integers(1, 6)),
    st.builds(lambda k, log: {"min": "20 um", "max": "90 um", "n": k, "log": log},
              st.integers(2, 6), st.booleans()))  # n: 1 on a grid range is refused


@settings(max_examples=60, deadline=None)
@given(axes=st.lists(AXIS, min_size=1, max_size=3), method=st.sampled_from(["grid", "lhs"]),
       n=st.integers(1, 50))
def test_space_size_is_the_number_of_rows_sampled(axes, method, n):
    """The size the memory check estimates from is the number of designs sample() draws."""
    paths = ["cathode.thickness_m", "separator.thickness_m", "anode.thickness_m"]
    space = load_space({"base": str(EV), "method": method, "n": n,
                        "parameters": dict(zip(paths, axes, strict=False))})
    cols = sample(space)
    assert {len(c) for c in cols.values()} == {space_size(space)}
