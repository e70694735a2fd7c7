"""Scrap charged only for the work a scrapped part received (rolled yield,
``economics.good_unit_cost``): a hand calculation, its properties against the rule before
2026-12-07 (every part charged all layers and the finishing), and one rule for a design, a
screen, the planner and the sensitivity."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mfg_stacks import TEST_PRICES, good_m2_by_hand, sulfide_stack

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate_many
from solidcell.errors import ValidationError
from solidcell.manufacturing.cost import cell_cost, cost_model, cost_sensitivity
from solidcell.manufacturing.economics import CostOptions, good_unit_cost
from solidcell.manufacturing.routes import plan_routes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: prices the knowledge base lacks: inputs of these tests, not data
OPTIONS = CostOptions(prices={"vgcf": 50.0, "linbo3": 100.0})

# no subnormal costs: at 5e-324 USD/m2 a division rounds by a whole ulp (2e-323 against
# 1.5e-323), beyond any relative tolerance; a cost is never that small
costs = st.lists(st.floats(0.0, 1e3, allow_subnormal=False), min_size=1, max_size=6)
yields = st.floats(0.05, 1.0)


def everything_at_the_end(c: list[float], y: list[float], c_f: float, y_f: float) -> float:
    """The rule before 2026-12-07: (sum c + c_f) / (y_f prod y)."""
    return (sum(c) + c_f) / (y_f * math.prod(y))


def test_a_three_step_line_by_hand() -> None:
    """Steps of 10, 20, 30 USD/m2 at yields 0.9, 0.8, 0.95 and a finishing of 5 USD/m2 at 0.9:
    10/(0.9 0.8 0.95 0.9) + 20/(0.8 0.95 0.9) + 30/(0.95 0.9) + 5/0.9 = 86.13 USD/m2, where
    charging every part everything gave 65/(0.9 0.8 0.95 0.9) = 105.59."""
    hand = (10 / (0.9 * 0.8 * 0.95 * 0.9) + 20 / (0.8 * 0.95 * 0.9) + 30 / (0.95 * 0.9)
            + 5 / 0.9)
    got = good_unit_cost([10.0, 20.0, 30.0], [0.9, 0.8, 0.95], 5.0, 0.9)
    assert got == pytest.approx(hand, rel=1e-14)
    assert got == pytest.approx(86.13, abs=0.005)
    assert everything_at_the_end([10, 20, 30], [0.9, 0.8, 0.95], 5, 0.9) == pytest.approx(
        105.59, abs=0.005)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_never_above_the_old_rule_and_equal_where_only_the_last_stage_scraps(data) -> None:
    c = data.draw(costs)
    y = data.draw(st.lists(yields, min_size=len(c), max_size=len(c)))
    c_f, y_f = data.draw(st.floats(0.0, 1e3)), data.draw(yields)
    assert good_unit_cost(c, y, c_f, y_f) <= everything_at_the_end(c, y, c_f, y_f) * (
        1 + 1e-12)
    ones = [1.0] * len(c)
    # all yields 1: no scrap, the cost is what was spent
    assert good_unit_cost(c, ones, c_f, 1.0) == pytest.approx(sum(c) + c_f, rel=1e-12)
    # only the last stage scraps (the finishing, or the last step without a finishing):
    # every scrapped part had received everything, as the old rule charged
    assert good_unit_cost(c, ones, c_f, y_f) == pytest.approx(
        everything_at_the_end(c, ones, c_f, y_f), rel=1e-12)
    last = [*ones[:-1], y[-1]]
    assert good_unit_cost(c, last, 0.0, 1.0) == pytest.approx(
        everything_at_the_end(c, last, 0.0, 1.0), rel=1e-12)
    # dearer steps or lower yields never cost less
    k = data.draw(st.integers(0, len(c) - 1))
    more = [*c[:k], c[k] + 1.0, *c[k + 1:]]
    worse = [*y[:k], y[k] * 0.9, *y[k + 1:]]
    base = good_unit_cost(c, y, c_f, y_f)
    assert good_unit_cost(more, y, c_f, y_f) >= base
    assert good_unit_cost(c, worse, c_f, y_f) >= base * (1 - 1e-12)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(0.0, 100.0), yields), min_size=1, max_size=5))
def test_arrays_give_each_row_its_own_number(rows) -> None:
    """One rule for one design and for a screen's arrays."""
    c = np.array([r[0] for r in rows])
    y = np.array([r[1] for r in rows])
    arr = good_unit_cost([c, c * 2], [y, 0.9], 3.0, 0.95)
    one = [good_unit_cost([a, a * 2], [b, 0.9], 3.0, 0.95) for a, b in zip(c, y, strict=True)]
    assert np.allclose(arr, one, rtol=1e-15, atol=0)
    assert np.isnan(good_unit_cost([1.0], [0.0]))


def test_a_cell_cost_is_the_hand_rule_and_its_breakdown_adds_up() -> None:
    res = cell_cost(sulfide_stack(), options=CostOptions(prices=TEST_PRICES))
    assert res.cost_USD_per_m2 == pytest.approx(good_m2_by_hand(res), rel=1e-12)
    lines = [b for b in res.breakdown if b.category != "pack"]
    assert sum(b.cost_USD_per_m2 for b in lines) == pytest.approx(res.cost_USD_per_m2,
                                                                  rel=1e-12)
    assert sum(b.cost_USD_per_kWh for b in lines) == pytest.approx(res.cell_cost_USD_per_kWh,
                                                                   rel=1e-12)
    assert next(b for b in lines if b.category == "yield loss").cost_USD_per_m2 >= 0


@pytest.mark.parametrize("name", ["ev-nmc811-lpscl-li", "oxide-lco-llzo-li",
                                  "bipolar-nmc811-lpscl-li"])
def test_a_design_and_its_screen_row_cost_the_same(name: str) -> None:
    design = CellDesign.from_yaml(EXAMPLES / f"{name}.yaml")
    options = CostOptions(prices={**OPTIONS.prices, **TEST_PRICES})
    single = cell_cost(design, options=options)
    cell, pack = cost_model(design, options=options).from_energy(evaluate_many([design]))
    assert float(cell[0]) == pytest.approx(single.cell_cost_USD_per_kWh, rel=1e-12)
    assert float(pack[0]) == pytest.approx(single.pack_cost_USD_per_kWh, rel=1e-12)


def test_the_planner_builds_the_dear_layers_after_the_steps_that_scrap() -> None:
    """The EV example: the route planned costs no more than any other route the planner keeps
    (each order with its best processes) at the same prices, and its build order makes the
    NMC811 cathode after the lithium and the separator (201.4 USD/kWh; the former order,
    cathode first, 210.5; every part charged everything, 217.9)."""
    res = cell_cost(EXAMPLES / "ev-nmc811-lpscl-li.yaml", options=OPTIONS)
    assert res.cell_cost_USD_per_kWh == pytest.approx(201.42, abs=0.01)
    order = list(res.route.order)
    assert order.index("anode") < order.index("separator") < order.index("cathode")
    price = {p.material: p.price_USD_per_kg for p in res.prices}
    layer = {n: sum(m * price[mid] for mid, m in ms.items())
             for n, ms in res.layer_masses_kg_per_m2.items()}
    plan = plan_routes(EXAMPLES / "ev-nmc811-lpscl-li.yaml", options=OPTIONS, max_routes=50,
                       fixed_cost_USD_per_m2=0.0, layer_cost_USD_per_m2=layer)
    assert plan.best.steps == res.route.steps
    by_layer = {s.layer: s for s in res.route.steps}

    def spent(order: list[str]) -> float:  # what a m2 leaving the last step cost, by hand
        acc = 0.0
        for s in (by_layer[n] for n in order):
            acc = (acc + layer[s.layer] + s.process_cost_USD_per_m2) / s.process_yield
        return acc

    former = ["cathode current collector", "cathode", "separator", "anode",
              "anode current collector"]
    assert spent(order) < spent(former)
    y_f, finish = res.finishing_yield, res.cost_USD_per_m2 - spent(order) / res.finishing_yield
    kwh = res.areal_energy_Wh_per_m2 / 1000
    assert (spent(former) / y_f + finish) / kwh == pytest.approx(210.50, abs=0.01)


def test_the_tornado_moves_every_yield_and_keeps_the_base() -> None:
    res = cell_cost(EXAMPLES / "ev-nmc811-lpscl-li.yaml", options=OPTIONS)
    flat = cost_sensitivity(res, process_spread=0.0, yield_spread=0.0, energy_spread=0.0,
                            price_spread=0.0)
    assert flat.bars == ()  # no spread: every scenario is the base cost
    bars = {b.parameter: b for b in cost_sensitivity(res, top=100).bars}
    y = bars["total yield"]
    assert y.low_input == pytest.approx(res.total_yield * 0.9, rel=1e-12)
    assert y.cell_cost_low_USD_per_kWh > res.cell_cost_USD_per_kWh > y.cell_cost_high_USD_per_kWh


@pytest.mark.parametrize("given", [{"nope": 1.0}, {"cathode": -1.0}, {"cathode": float("nan")},
                                   ["cathode"]])
def test_a_bad_layer_cost_is_refused(given) -> None:
    with pytest.raises(ValidationError, match="layer_cost_USD_per_m2"):
        plan_routes(EXAMPLES / "ev-nmc811-lpscl-li.yaml", layer_cost_USD_per_m2=given)
