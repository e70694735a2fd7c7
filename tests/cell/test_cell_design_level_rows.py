"""Rows of ``evaluate_many`` given a mapping of arrays hold the design model's rules of the
design-level numbers a previous check left out (reason 12): the cathode's thickness (a NaN
thickness gave reason 4, "zero capacity"), a foil's thickness, a composite's resolved volume
fractions, the tortuosity factors (NaN: not given, Bruggeman), ``anode_prelithiation`` (NaN:
not given), ``interlayer_film_every`` (an integer in [1, 10000]; 2.5 with 5 layers was
evaluated) and the pack's cells (NaN: no pack; 0 or 2.5 cells were evaluated; a number
that splits into no series x parallel counts within their bounds, a prime above 10^5, passed).

Property, per column (hypothesis, any float): the row is refused with reason 12 exactly where
the scalar design that carries the number is refused by the design model's rule of its field
(the bound read from cell.design, one source), and where the design is accepted the row
gives ``evaluate``'s numbers."""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from solidcell.cell.design import INTEGER_LIMITS, PARTICLE_RULE, CellDesign
from solidcell.cell.energy import (
    LIMITED_COLUMNS,
    NOT_GIVEN_NAN,
    REASONS,
    design_parameters,
    evaluate,
    evaluate_many,
)
from solidcell.errors import ValidationError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KEYS = ("Cell gravimetric energy density [W.h.kg-1]", "Stack areal mass [kg.m-2]",
        "Area-specific resistance [Ohm.m2]", "Pack energy [W.h]", "Anode areal mass [kg.m-2]")
_COMPOSITE = {"electrolyte": "li6ps5cl", "active_fraction": 0.6, "electrolyte_fraction": 0.4}
PACK = {"cells_in_series": 10, "mass_efficiency": 0.8, "volume_efficiency": 0.6,
        "source": "test input"}
FILM = {"material": "polyimide", "thickness": "25 um", "every": 2}


def ev() -> CellDesign:
    return CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")


def graphite() -> CellDesign:
    return ev().replace(anode={"kind": "graphite", "np_ratio": 1.5, **_COMPOSITE})


def li_in() -> CellDesign:
    return ev().replace(anode={"kind": "li_in", "thickness": "150 um"})


def none_if_nan(x: float) -> float | None:
    """A row's NaN of a NOT_GIVEN_NAN column is the design's None (not given)."""
    return None if math.isnan(x) else x


#: column -> (base design, the design carrying x; None where no design can, numbers
#: comparable): the row is the base's parameters with x in the column
COLUMNS: dict[str, tuple[Callable[[], CellDesign], Callable[[CellDesign, float], Any], bool]] = {
    "cathode_thickness_m": (ev, lambda d, x: d.replace(**{"cathode.thickness_m": x}), True),
    "anode_thickness_m": (ev, lambda d, x: d.replace(**{"anode.thickness_m": x}), True),
    "cathode_tortuosity_factor": (
        ev, lambda d, x: d.replace(**{"cathode.tortuosity_factor": none_if_nan(x)}), True),
    "anode_tortuosity_factor": (
        graphite, lambda d, x: d.replace(**{"anode.tortuosity_factor": none_if_nan(x)}), True),
    "anode_prelithiation": (
        li_in, lambda d, x: d.replace(**{"anode.prelithiation": none_if_nan(x)}), True),
    "interlayer_film_every": (
        lambda: ev().replace(**{"format.interlayer_film": FILM}),
        lambda d, x: d.replace(**{"format.interlayer_film.every": x}), True),
    "pack_cells": (lambda: ev().replace(pack=PACK),
                   lambda d, x: d.replace(pack=None) if math.isnan(x) else d.replace(
                       **{"pack.cells_in_series": x}), True),
    # a resolved fraction: the design with that fraction of the layer (porosity 0)
    "cathode_active_volume_fraction": (
        ev, lambda d, x: d.replace(cathode={**_cathode(d), "active_fraction": x,
                                            "electrolyte_fraction": 1 - x}), False),
    "cathode_electrolyte_volume_fraction": (
        ev, lambda d, x: d.replace(cathode={**_cathode(d), "active_fraction": rest(x),
                                            "electrolyte_fraction": x}), False),
    "anode_electrolyte_volume_fraction": (
        graphite, lambda d, x: d.replace(anode={"kind": "graphite", "np_ratio": 1.5,
                                                "electrolyte": "li6ps5cl",
                                                "active_fraction": rest(x),
                                                "electrolyte_fraction": x}), False),
}


def rest(x: float) -> float:
    """The active fraction beside an electrolyte fraction ``x``: ``1 - x``, or a tiny one
    where ``x`` is 1 (the resolved electrolyte fraction of such a layer rounds to 1)."""
    return 1e-300 if x == 1 else 1 - x


def _cathode(d: CellDesign) -> dict[str, Any]:
    """The cathode of ``d`` without carbon and pores (its two fractions set by the caller)."""
    c = d.cathode.model_dump(exclude_none=True)
    return {**c, "carbon_fraction": 0.0, "porosity": 0.0, "carbon": None}


_BASES: dict[str, CellDesign] = {}


def base(column: str) -> CellDesign:
    if column not in _BASES:
        _BASES[column] = COLUMNS[column][0]()
    return _BASES[column]


def construct(column: str, x: float) -> CellDesign | None:
    """The design carrying ``x`` in the column's field; None where the design model refuses
    it as a number of its field (construction: the rules of ``_LIMITS`` and the validators)."""
    try:
        return COLUMNS[column][1](base(column), x)
    except ValidationError:
        return None


@functools.cache
def _parameters(column: str) -> tuple[tuple[str, Any], ...]:
    """``design_parameters`` of the column's base design, made once per column (the same
    numbers at every call: the base is immutable); each row takes a dict of its own."""
    return tuple(design_parameters(base(column).resolved()).items())


def row(column: str, x: float) -> tuple[int, dict[str, float]]:
    params = dict(_parameters(column))
    if column == "anode_prelithiation":  # the base holds none: its held lithium is this form
        params["excess_li_thickness_m"] = 0.0
    partner = PARTNERS.get(column)
    if partner is not None:  # the other fraction of the layer, as the scalar design has it
        params[partner] = (rest(x) if column == "cathode_electrolyte_volume_fraction"
                           else 1 - x)
        params["cathode_porosity"] = 0.0  # the scalar design's (_cathode), its coating's void
    batch = evaluate_many({**params, column: np.array([x, x])})
    return int(batch["Reason code"][0]), {k: float(batch[k][0]) for k in KEYS}


#: the other volume fraction of the layer a fraction column's row sets (active + electrolyte
#: of the scalar design's solid sum to 1 at porosity 0)
PARTNERS = {"cathode_active_volume_fraction": "cathode_electrolyte_volume_fraction",
            "cathode_electrolyte_volume_fraction": "cathode_active_volume_fraction"}


def same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == pytest.approx(b, rel=1e-9)


def as_number(x: float) -> float | int:
    """An integral float as an int (the design's integer fields take it so)."""
    return int(x) if math.isfinite(x) and x.is_integer() else x


@pytest.mark.parametrize("column", sorted(COLUMNS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.integers(-3, 30).map(float), st.floats(-0.5, 1.5)))
@example(x=math.nan)
@example(x=2.5)
@example(x=0.0)
@example(x=1.0)
def test_a_row_is_refused_with_reason_12_where_the_design_refuses_it(column: str,
                                                                        x: float) -> None:
    if column == "pack_cells" and x > INTEGER_LIMITS["pack.cells_in_series"]:
        return  # more cells than one series string: the design splits them (not mapped here)
    code, got = row(column, x)
    design = construct(column, as_number(x) if column in ("pack_cells",
                                                          "interlayer_film_every") else x)
    if design is None:  # the design model refuses the number: so does the row
        assert code != 0, (column, x)
        return
    assert code != 12, (column, x, REASONS[code])  # reason 12 only where the design refuses
    try:
        ref = evaluate(design)
    except ValidationError as exc:  # refused when resolved (N/P < 1, an overfilled host)
        # a particle bound: the screens' own check; an anode of a 1e-300 active fraction
        # sized by N/P (~1e302 m) thicker than the electrode is wide: the row keeps the base's
        # capacity per volume (only this column changes), test_cell_geometry_sanity.py
        plane = column == "anode_electrolyte_volume_fraction" and "in-plane side" in str(exc)
        if PARTICLE_RULE not in str(exc) and not plane:
            assert code != 0, (column, x, str(exc))
        return
    assert (code == 0) == ref.feasible, (column, x, code, ref.reason)
    if code == 0 and COLUMNS[column][2]:
        for key in KEYS:
            assert same(got[key], ref[key]), (column, x, key, got[key], ref[key])


def pack_split(n: int) -> tuple[int, int] | None:
    """A split ``cells_in_series x cells_in_parallel`` of ``n`` cells within the design
    model's bounds (cell.design ``INTEGER_LIMITS``, tried one series count at a time), or
    None where there is none."""
    top_s, top_p = INTEGER_LIMITS["pack.cells_in_series"], INTEGER_LIMITS["pack.cells_in_parallel"]
    # every series count at once (a Python loop over up to 10^5 counts per n took seconds)
    series = np.arange(max(1, -(-n // top_p)), min(top_s, n) + 1, dtype=np.int64)
    hits = series[n % series == 0]
    return (int(hits[0]), n // int(hits[0])) if hits.size else None


#: primes above the bounds of both pack counts (100003, the first prime above 10^5, and its
#: products with 2 and with 99991, the last prime below 10^5; sympy.isprime): no pack has them
_UNSPLIT = (100_003, 2 * 100_003, 99_991 * 100_003)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.one_of(st.integers(1, 10**10 + 10), st.sampled_from(_UNSPLIT),
                   st.builds(lambda a, b: a * b, st.integers(1, 200_000),
                             st.integers(1, 200_000))))
@example(n=100_003)
@example(n=100_001)
@example(n=10**10)
@example(n=99_991 * 99_989)
def test_a_pack_row_is_refused_exactly_where_no_design_has_that_many_cells(n: int) -> None:
    """``pack_cells`` of a row is a pack of the design model exactly where ``n`` splits into
    series x parallel counts each within ``INTEGER_LIMITS`` (a prime above 10^5 passed a
    row, no design had it); where it splits, the row gives ``evaluate``'s numbers of the
    design with that split."""
    code, got = row("pack_cells", float(n))
    split = pack_split(n)
    if split is None:
        assert code == 12, n
        with pytest.raises(ValidationError):
            base("pack_cells").replace(**{"pack.cells_in_series": n,
                                          "pack.cells_in_parallel": 1})
        return
    series, parallel = split
    ref = evaluate(base("pack_cells").replace(**{"pack.cells_in_series": series,
                                                 "pack.cells_in_parallel": parallel}))
    assert (code == 0) == ref.feasible, (n, code, ref.reason)
    for key in KEYS:
        assert same(got[key], ref[key]), (n, key, got[key], ref[key])


def test_fractions_of_a_layer_above_one_are_reason_12() -> None:
    """Active + electrolyte volume fractions of a cathode above 1 (the design's fractions of
    the solid sum to 1, its porosity is >= 0)."""
    params = design_parameters(ev().resolved())
    codes = evaluate_many({**params, "cathode_active_volume_fraction": 0.7,
                           "cathode_electrolyte_volume_fraction": np.array([0.3, 0.4])})
    assert codes["Reason code"].tolist() == [0, 12]


def test_every_rule_is_a_bound_of_the_design_model() -> None:
    """The integer rules read cell.design's INTEGER_LIMITS (one source): the largest film
    group and pack are accepted, one more refused."""
    film = evaluate(ev().replace(**{"format.interlayer_film": FILM}))
    assert film.feasible
    params = design_parameters(base("interlayer_film_every").resolved())
    top = INTEGER_LIMITS["format.interlayer_film.every"]
    codes = evaluate_many({**params, "n_layers": float(top),
                           "interlayer_film_every": np.array([top, top + 1, 2.5])})
    assert codes["Reason code"].tolist() == [0, 12, 12]
    params = design_parameters(base("pack_cells").resolved())
    most = INTEGER_LIMITS["pack.cells_in_series"] * INTEGER_LIMITS["pack.cells_in_parallel"]
    codes = evaluate_many({**params, "pack_cells": np.array([most, most + 1, 0.0, math.nan,
                                                             100_003.0])})
    assert codes["Reason code"].tolist() == [0, 12, 12, 0, 12]  # 100003: a prime above 10^5
    assert {"cathode_tortuosity_factor", "anode_prelithiation"} <= NOT_GIVEN_NAN
    assert LIMITED_COLUMNS["interlayer_film_every"] == ("every", "film")


def test_a_nan_cathode_thickness_is_reason_12_not_zero_capacity() -> None:
    code, _ = row("cathode_thickness_m", math.nan)
    assert code == 12
    assert "cathode thickness" in REASONS[12]


@pytest.mark.parametrize("column,design", [("cathode_tortuosity_factor", "thin"),
                                           ("anode_tortuosity_factor", "ev"),
                                           ("anode_prelithiation", "ev")])
def test_a_number_on_a_layer_that_takes_none_is_reason_12(column: str, design: str) -> None:
    """A tortuosity factor of a cathode without solid electrolyte (the thin film's LCO) or of
    a lithium-metal anode, a prelithiation of a lithium-metal foil: the design model refuses
    the field there; the row did not say so."""
    d = (CellDesign.from_yaml(EXAMPLES / "thin-film-lco-lipon-li.yaml") if design == "thin"
         else ev())
    params = design_parameters(d.resolved())
    field = {"cathode_tortuosity_factor": "cathode.tortuosity_factor",
             "anode_tortuosity_factor": "anode.tortuosity_factor",
             "anode_prelithiation": "anode.prelithiation"}[column]
    value = 0.5 if column == "anode_prelithiation" else 2.0
    with pytest.raises(ValidationError):
        d.replace(**{field: value})
    codes = evaluate_many({**params, column: np.array([value, math.nan])})["Reason code"]
    assert codes.tolist() == [12, 0]


def test_prelithiation_with_dense_lithium_is_reason_12() -> None:
    """Both forms of the held lithium in one row: the design model takes one."""
    params = design_parameters(li_in().replace(**{"anode.excess_li_thickness_m": 5e-6})
                               .resolved())
    with pytest.raises(ValidationError):
        li_in().replace(anode={"kind": "li_in", "thickness": "150 um",
                               "excess_li_thickness": "5 um", "prelithiation": 0.1})
    codes = evaluate_many({**params, "anode_prelithiation": np.array([0.1, math.nan])})
    assert codes["Reason code"].tolist() == [12, 0]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
