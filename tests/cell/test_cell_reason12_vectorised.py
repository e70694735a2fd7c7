"""Reason 12 on many rows at once gives what one row at a time gives: the 3D repeat unit's
detail (``off_limits``, built on arrays) is the design model's ``repeat_unit_refusal`` of each
row (its field, value and words, the first of equal terms named); ``core``'s refused rows,
checked with quantities it has computed already (the electrode's side, an anode sized by N/P,
the repeat unit), are the rows ``off_limits`` finds by computing each from the parameters; and
a large random batch gives every column, code and detail of the rows evaluated one by one."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exampledesigns import example
from solidcell.cell.design import in_units, repeat_unit_refusal, shown_number
from solidcell.cell.energy import (
    ARCH_CODES,
    DETAIL_KEY,
    OFF_LIMITS,
    _in_mm_each,
    core,
    design_parameters,
    evaluate_many,
    off_limits,
    reason_details,
)

KINDS = {code: kind for kind, code in ARCH_CODES.items()}
WIDTHS = ("cathode_width_m", "anode_width_m", "gap_m")


def _3d_rows(arch: list[float], wc: list[float], wa: list[float], gap: list[float],
             ew: list[float], eh: list[float]) -> dict[str, Any]:
    """The interdigitated example with these 3D widths and electrode sides per row (its other
    numbers fit any side of at least 3 mm: a 2 mm seal, 200 um plates, 100 um casing)."""
    p: dict[str, Any] = dict(design_parameters(example("interdigitated-3d-nmc811-lpscl-li")
                                               .resolved()))
    p.update({"architecture": np.array(arch, float), "cathode_width_m": np.array(wc, float),
              "anode_width_m": np.array(wa, float), "gap_m": np.array(gap, float),
              "electrode_width_m": np.array(ew, float),
              "electrode_height_m": np.array(eh, float)})
    return p


def _assert_rows_as_the_design_model(p: dict[str, Any]) -> int:
    """Each row's OffLimit is the design model's refusal of its repeat unit (None where it
    fits); the rows refused are core's reason-12 rows. Returns how many were refused."""
    found = off_limits(p)
    codes = core(p)["Reason code"]
    refused = 0
    for i, o in enumerate(found):
        kind = KINDS[int(p["architecture"][i])]
        widths = {k: float(p[k][i]) for k in WIDTHS}
        ref = repeat_unit_refusal(kind, widths, float(p["electrode_width_m"][i]),
                                  float(p["electrode_height_m"][i]))
        assert (codes[i] == OFF_LIMITS) == (ref is not None), i
        if ref is None:
            assert o is None, (i, o)
            continue
        refused += 1
        assert o is not None
        path, x, allowed = ref
        assert (o.field, o.parameter, o.allowed) == (path, path.split(".")[1], allowed), i
        assert o.value == x and type(o.value) is float
        assert o.shown == shown_number(path, x)
    return refused


def test_repeat_unit_details_are_the_design_models_row_by_row() -> None:
    """A seeded batch of 3D rows (both kinds, widths from 1 um to 20 mm, equal terms, sides
    repeated and not): the vectorised details equal the design model's, row by row."""
    rng = np.random.default_rng(7)
    n = 3000
    grid = [5e-6, 1e-4, 2e-3, 5e-3, 1e-2]  # equal terms (first of equal named)
    arch = rng.choice([3.0, 4.0], n)
    w = [np.where(rng.random(n) < 0.3, rng.choice(grid, n), 10 ** rng.uniform(-6, -1.7, n))
         for _ in WIDTHS]
    w[1] = np.where((arch == 4) & (rng.random(n) < 0.5), np.nan, w[1])  # no anode plates
    sides = [np.where(rng.random(n) < 0.5, rng.choice([3e-3, 0.01, 0.02], n),
                      rng.uniform(3e-3, 0.05, n)) for _ in range(2)]
    p = _3d_rows(arch.tolist(), *(x.tolist() for x in w), *(s.tolist() for s in sides))
    refused = _assert_rows_as_the_design_model(p)
    assert 0.2 * n < refused < 0.9 * n  # both outcomes are well represented


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from([3.0, 4.0]),
                          *(st.sampled_from([1e-6, 2e-3, 4e-3, 5e-3, 8e-3, 1e-2])
                            for _ in WIDTHS),
                          *(st.sampled_from([3e-3, 5e-3, 1e-2]) for _ in range(2))),
                min_size=1, max_size=40))
def test_equal_terms_and_sides_name_what_the_design_model_names(rows: list[Any]) -> None:
    """Ties of terms (the gap counted twice between interdigitated plates) and of the sides:
    the field named and the side shown are the design model's."""
    _assert_rows_as_the_design_model(_3d_rows(*(list(c) for c in zip(*rows, strict=True))))


def _wide_batch(n_per: int, seed: int) -> dict[str, np.ndarray]:
    """Every example design, each number of the stacked geometry and the codes varied at
    random, many rows beyond the geometry rules (and some NaN, inf, 0 or negative)."""
    from exampledesigns import EXAMPLES

    rng = np.random.default_rng(seed)
    parts = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        base = design_parameters(example(path.stem).resolved())
        p = {k: np.full(n_per, float(v)) for k, v in base.items()}
        for k in ("cathode_thickness_m", "separator_thickness_m", "anode_thickness_m",
                  "excess_li_thickness_m", "cathode_collector_thickness_m",
                  "anode_collector_thickness_m", "bipolar_collector_thickness_m",
                  "interlayer_film_thickness_m", "substrate_thickness_m",
                  "casing_thickness_m", "seal_width_m", "headspace_m", *WIDTHS,
                  "electrode_width_m", "electrode_height_m"):
            m = rng.random(n_per) < 0.15
            p[k][m] = 10 ** rng.uniform(-7, -0.5, m.sum())
            m = rng.random(n_per) < 0.01
            p[k][m] = rng.choice([0.0, -1e-6, np.nan, np.inf], m.sum())
        m = rng.random(n_per) < 0.1  # anodes sized by N/P, some thicker than the electrode
        p["anode_capacity_density_Ah_m3"][m] *= 10 ** rng.uniform(-4, 0, m.sum())
        p["anode_np_ratio"][m] = rng.uniform(0.5, 3, m.sum())
        for k, codes in (("architecture", [0, 1, 2, 3, 4]), ("format", [0, 1, 2, 3]),
                         ("anode_kind", [0, 1, 2, 3])):
            m = rng.random(n_per) < 0.2
            p[k][m] = rng.choice(codes, m.sum())
        parts.append(p)
    return {k: np.concatenate([q[k] for q in parts]) for k in parts[0]}


def test_core_refuses_the_rows_off_limits_names() -> None:
    """core's reason-12 rows (rules fed with what core has computed) are exactly the rows
    off_limits refuses computing every rule from the parameters; each refused row's first
    rule is named (many families of rules are hit)."""
    p = _wide_batch(400, seed=3)
    codes = core(p)["Reason code"]
    found = off_limits(p)
    assert ((codes == OFF_LIMITS) == np.array([o is not None for o in found])).all()
    named = {o.parameter for o in found if o is not None}
    assert {"anode_thickness_by_np_m", "cathode_width_m", "gap_m", "seal_width_m",
            "headspace_m", "casing_thickness_m", "cathode_thickness_m"} <= named


def test_a_large_batch_is_its_rows_one_by_one() -> None:
    """Every column, reason code and detail of a large random batch (evaluate_many, in
    chunks on threads) equals core and reason_details of each row alone (scalars)."""
    p = _wide_batch(3000, seed=11)  # 24000 rows: more than one chunk
    batch = evaluate_many(p)
    details = batch[DETAIL_KEY]
    rng = np.random.default_rng(5)
    n = next(iter(p.values())).size
    refused = np.flatnonzero(batch["Reason code"] == OFF_LIMITS)
    picks = np.unique(np.concatenate([rng.choice(n, 250, replace=False),
                                      rng.choice(refused, 250, replace=False)]))
    whole = reason_details(p, batch["Reason code"])
    for i in picks.tolist():
        row = {k: float(v[i]) for k, v in p.items()}
        one = core(row)
        for key, value in one.items():
            np.testing.assert_array_equal(value, batch[key][i], err_msg=f"{key} row {i}")
        assert reason_details(row, one["Reason code"]).item() == whole[i]
        assert details[i] == whole[i]


def test_sides_are_shown_as_one_number_is() -> None:
    """Each distinct side formatted once (bit for bit: -0.0 is '-0 mm', not 0.0's '0 mm'),
    as cell.design shows one number (a number too large for the unit in SI)."""
    xs = [0.0, -0.0, 0.02, math.nan, 0.02, math.inf, 1e306, 1.25e-3]
    assert _in_mm_each(np.array(xs)) == in_units(xs, "length", "mm") == [
        "0 mm", "-0 mm", "20 mm", "nan mm", "20 mm", "inf mm", "1e+306 m", "1.25 mm"]
