"""Short reprs of result objects (solidcell.reprs): bounded length, headline numbers kept."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.reprs import MAX_NESTED, MAX_TEXT, concise_repr


@dataclasses.dataclass(frozen=True)
class _Inner:
    __repr__ = concise_repr

    name: str
    value: float


@dataclasses.dataclass(frozen=True)
class _Result:
    __repr__ = concise_repr

    name: str
    energy_Wh: float
    curve: np.ndarray
    rates: np.ndarray
    options: tuple[Any, ...] = ()
    notes: tuple[str, ...] = ()
    table: dict[str, Any] = dataclasses.field(default_factory=dict)
    hidden: str = dataclasses.field(default="secret", repr=False)
    missing: Any = None
    best: Any = None


def test_numbers_arrays_and_counts():
    res = _Result("EV", 65.14321, np.linspace(3.0, 4.2, 500), np.array([0.5, 1.0, 2.0]),
                  options=tuple(_Inner(f"o{i}", i) for i in range(40)),
                  notes=tuple(f"note {i}" for i in range(10)), table={"a": 1.0})
    text = repr(res)
    assert text.startswith("_Result(name='EV', energy_Wh=65.143, ")
    assert "curve=<array 500, 3..4.2>" in text
    assert "rates=[0.5, 1, 2]" in text
    assert "options=<40 _Inner>" in text
    assert "notes=('note 0', ... 9 more)" in text
    assert "table={'a': 1}" in text
    assert "hidden" not in text and "missing" not in text  # repr=False and None are left out


def test_nested_result_shown_when_short_and_short_sequences_in_full():
    res = _Result("x", 1.0, np.zeros(0), np.zeros(2), options=(_Inner("a", 2.0),),
                  notes=("one", "two"), best=_Inner("a", 2.0))
    text = repr(res)
    assert "best=_Inner(name='a', value=2)" in text
    assert "options=<1 _Inner>" in text  # results in a sequence: a count
    assert "notes=('one', 'two')" in text
    long = _Result("x", 1.0, np.zeros(0), np.zeros(2), best=_Result(
        "y" * 70, 1.0, np.zeros(9), np.zeros(9), notes=("z" * 70,)))
    assert "best=<_Result>" in repr(long)


def test_arrays_with_nan_show_the_finite_range():
    curve = np.array([np.nan, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, np.inf])
    assert "curve=<array 8, 1..6>" in repr(_Result("x", 1.0, curve, np.zeros(1)))


@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=5000), notes=st.lists(st.text(max_size=3000), max_size=50),
       n=st.integers(0, 100_000), options=st.integers(0, 500))
def test_length_is_bounded_whatever_the_content(name, notes, n, options):
    """Each field takes at most about MAX_NESTED characters, however large its value."""
    res = _Result(name, float(n), np.arange(n, dtype=float), np.ones(min(n, 3)),
                  options=tuple(_Inner(str(i), i) for i in range(options)),
                  notes=tuple(notes), table={str(i): i for i in range(n % 50)})
    fields = len(dataclasses.fields(res))
    assert len(repr(res)) <= 20 + fields * (MAX_NESTED + MAX_TEXT)


def test_a_route_plan_is_a_few_lines_not_tens_of_thousands_of_characters():
    """plan_routes of the EV example held ~40,000 characters of rejected options in its repr."""
    from solidcell.cell.design import CellDesign
    from solidcell.manufacturing.routes import plan_routes

    path = Path(__file__).resolve().parents[1] / "examples" / "ev-nmc811-lpscl-li.yaml"
    plan = plan_routes(CellDesign.from_yaml(path))
    text = repr(plan)
    assert len(text) < 600
    assert "design='EV pouch NMC811 | Li6PS5Cl | Li'" in text
    assert f"options=<{len(plan.options)} StepOption>" in text


def test_energy_result_repr_shows_the_headline_figures():
    """evaluate's repr: the cell's Wh/kg and Wh/L, not all 42 values (they stay in values)."""
    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import REPR_KEYS, evaluate

    path = Path(__file__).resolve().parents[1] / "examples" / "ev-nmc811-lpscl-li.yaml"
    result = evaluate(CellDesign.from_yaml(path))
    text = repr(result)
    wh_kg = result.values["Cell gravimetric energy density [W.h.kg-1]"]
    assert f"'Cell gravimetric energy density [W.h.kg-1]': {wh_kg:.5g}" in text
    assert "Stack areal mass" not in text
    assert len(result.values) > len(REPR_KEYS)  # the result itself keeps every value
