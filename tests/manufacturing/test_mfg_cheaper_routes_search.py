"""``CostModel.cheaper_routes`` searches every route the plan leaves open (branch and bound)
and gives the answer of ranking each distinct route in turn against each row's best, as
``plan_routes`` ranks them; it skipped the check where more than 4096 routes were left (the
bipolar example: 32 build orders, 24880 combinations). A swept 3D feature size (a screen's
``architecture.cathode_width_m``) moves a process into or out of its resolution
(``routes.resolves``): the model follows it as ``cell_cost`` of the layer stack with that
feature size plans it."""

from __future__ import annotations

import itertools
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.manufacturing.cost import (
    FEATURE_COLUMNS,
    _RouteRanker,
    cell_cost,
    cost_model,
)
from solidcell.manufacturing.design import stack_from_design
from solidcell.manufacturing.economics import CostOptions
from solidcell.manufacturing.layers import LayerStack

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: prices the knowledge base lacks: inputs of this test, not data (the routes compared rest on
#: the steps' costs and yields, the same for every route)
OPTIONS = CostOptions(prices={"vgcf": 50.0, "linbo3": 100.0})
LAYER_KEYS = ("Cathode thickness [m]", "Separator thickness [m]", "Anode thickness [m]",
              "Cathode current collector thickness [m]", "Anode current collector thickness [m]")


def brute_force(model: Any, columns: dict[str, Any]) -> list[tuple[str, np.ndarray]]:
    """cheaper_routes as it was, without its cap: every distinct route in turn."""
    energy, masses, thick = model._layer_columns(columns)
    mass = dict(zip(model.layer_names, model.layer_areal_mass_kg_m2, strict=True)) | masses
    size = dict(zip(model.layer_names, model.layer_thickness_m, strict=True)) | thick
    fixed = model.packaging_cost_USD_m2 + model.reference.finishing_cost_USD_per_m2
    n = len(np.atleast_1d(energy))
    ranker = _RouteRanker(model, {k: np.broadcast_to(v, n) for k, v in size.items()},
                          np.broadcast_to(fixed, n).astype(float), {},
                          {k: np.broadcast_to(np.asarray(v, float), n) for k, v in mass.items()})
    found: dict[Any, None] = {}
    for per in model._choices:  # a route: its steps in build order
        for combo in itertools.product(*ranker.kept(per)):
            found[tuple(combo)] = None
    routes = list(found)
    made, best_slow, best = ranker.rank((i, p.id, atm) for i, p, atm in model._steps)
    winner = np.full(n, -1)
    for k, alt in enumerate(routes):
        ok, slow, cost = ranker.rank(alt)
        better = ok & ((slow < best_slow) | ((slow == best_slow) & (cost < best * (1 - 1e-9))))
        best_slow, best = np.where(better, slow, best_slow), np.where(better, cost, best)
        winner = np.where(better, k, winner)
    winner = np.where(made, winner, -1)
    return [(" -> ".join(f"{model.layer_names[i]}: {pid}" for i, pid, _ in routes[k]),
             winner == k) for k in np.unique(winner[winner >= 0]).tolist()], len(routes)


def rows_of(design: CellDesign, n: int, seed: int) -> dict[str, Any]:
    """The evaluate columns of ``design`` with ``n`` rows of random layer thicknesses around
    the design's (0.2x to 5x: across the processes' ranges)."""
    values = evaluate(design).values
    rng = np.random.default_rng(seed)
    columns: dict[str, Any] = {k: np.full(n, v) for k, v in values.items()}
    for key in LAYER_KEYS:
        ref = values.get(key, design.cathode_current_collector.thickness_m
                         if key.startswith("Cathode current") else
                         design.anode_current_collector.thickness_m)
        columns[key] = ref * 10 ** rng.uniform(-0.7, 0.7, n)
    return columns


@pytest.mark.parametrize("name", ["ev-nmc811-lpscl-li", "bipolar-nmc811-lpscl-li",
                                  "anode-free-nmc811-lpscl"])
def test_the_search_gives_the_answer_of_each_route_in_turn(name: str) -> None:
    design = CellDesign.from_yaml(EXAMPLES / f"{name}.yaml")
    model = cost_model(design, options=OPTIONS)
    columns = rows_of(design, 300, seed=len(name))
    got = model.cheaper_routes(columns)
    want, count = brute_force(model, columns)
    assert [w for w, _ in got] == [w for w, _ in want]
    for (_, a), (_, b) in zip(got, want, strict=True):
        assert np.array_equal(a, b)
    assert count >= 1


class SyntheticRanker(_RouteRanker):
    """A ranker over made-up steps (random range, slow flag, cost per row and yield): no
    option dominates another, so every combination is a route to search."""

    def __init__(self, table: dict[Any, tuple[Any, Any, Any, float]], reference: Any,
                 fixed: Any) -> None:
        model = SimpleNamespace(_steps=tuple((i, SimpleNamespace(id=p), a)
                                             for i, p, a in reference),
                                _option_firing=(), _option_dwell=())
        super().__init__(model, {}, fixed)
        self._steps = dict(table)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_more_than_4096_routes_are_searched_with_the_answer_of_each_in_turn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows, layers, per_layer = 400, 6, 5  # 5^6 = 15625 routes
    options = [[(i, f"p{i}_{j}", "ambient") for j in range(per_layer)] for i in range(layers)]
    table = {key: (rng.random(rows) < 0.9, rng.random(rows) < 0.2,
                   rng.uniform(1.0, 10.0, rows), float(rng.uniform(0.9, 1.0)))
             for opts in options for key in opts}
    reference = [opts[0] for opts in options]
    fixed = rng.uniform(5.0, 50.0, rows)
    # two build orders: the stack order and its reverse (the same steps in another order:
    # other routes, as the yields after a step set its share of the scrap)
    choices = (tuple(tuple(o) for o in options), tuple(tuple(o) for o in options[::-1]))
    ranker = SyntheticRanker(table, reference, fixed)
    assert all(len(k) == per_layer for per in choices for k in ranker.kept(per))
    found = ranker.search(choices)
    # each distinct route in turn (the old loop, without its cap of 4096)
    check = SyntheticRanker(table, reference, fixed)
    made, best_slow, best = check.rank(reference)
    routes = list(dict.fromkeys(tuple(c) for per in choices
                                for c in itertools.product(*check.kept(per))))
    assert len(routes) == 2 * per_layer ** layers > 4096
    winner = np.full(rows, -1)
    for k, alt in enumerate(routes):
        ok, slow, cost = check.rank(alt)
        better = ok & ((slow < best_slow) | ((slow == best_slow) & (cost < best * (1 - 1e-9))))
        best_slow, best = np.where(better, slow, best_slow), np.where(better, cost, best)
        winner = np.where(better, k, winner)
    winner = np.where(made, winner, -1)
    expected = [routes[k] for k in np.unique(winner[winner >= 0]).tolist()]
    assert found == expected
    for k, route in enumerate(found):
        assert np.array_equal(ranker.winner == k, winner == routes.index(route))


def feature_stack(design: CellDesign, width_m: float) -> LayerStack:
    """The mapped layer stack of ``design`` whose cathode has 3D features of ``width_m``."""
    stack = stack_from_design(design)
    layers = [layer.model_copy(update={"feature_size": width_m})
              if layer.name == "cathode" else layer for layer in stack.layers]
    return stack.model_copy(update={"layers": layers})


@pytest.mark.parametrize("reference_m", [150e-6, 60e-6])
def test_a_swept_feature_width_is_followed_as_cell_cost_plans_it(reference_m: float) -> None:
    """The EV cathode with 3D features: direct ink writing resolves 100 um (srivastava_review),
    material jetting 20 um, electrospray any (conformal); a planar process none. The rows'
    widths move the route as ``cell_cost`` of the stack with each width plans it: the 150 um
    reference's direct ink writing cannot make the finer rows (planned again), the 60 um
    reference's electrospray is dearer for the coarser ones (a cheaper route)."""
    design = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    widths = np.array([10e-6, 30e-6, 60e-6, 150e-6, 400e-6])
    key = FEATURE_COLUMNS["architecture.cathode_width_m"][0]
    reference = feature_stack(design, reference_m)
    model = cost_model(reference, options=OPTIONS)
    values = evaluate(design).values
    columns = {k: np.full(widths.size, v) for k, v in values.items()} | {key: widths}
    outside = model.outside_ranges(columns)
    cheaper = model.cheaper_routes(columns)
    base = [(s.layer, s.process) for s in model.reference.route.steps]  # in build order
    for r, width in enumerate(widths):
        planned = cell_cost(feature_stack(design, float(width)), options=OPTIONS)
        steps = [(s.layer, s.process) for s in planned.route.steps] \
            if planned.route is not None else None
        flagged = any(mask[r] for _, mask in outside)
        named = [what for what, mask in cheaper if mask[r]]
        if steps == base:
            assert not flagged and not named, width
        elif flagged:
            assert not named
        else:  # the model's route makes the row: the one it names is the planner's
            assert named == [" -> ".join(f"{s.layer}: {s.process}"
                                         for s in planned.route.steps)], width
    assert outside if reference_m > 100e-6 else cheaper  # each case met
    classes = model.range_classes(columns)
    assert len(set(classes.tolist())) > 1  # the widths split the rows by resolution
