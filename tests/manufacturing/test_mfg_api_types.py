"""Wrong types at `plan_routes`, `cell_cost` and `cost_model`: ValidationError, not
AttributeError from deep inside the route planner."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.errors import ValidationError
from solidcell.manufacturing.cost import cell_cost, cost_model
from solidcell.manufacturing.routes import plan_routes

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


@pytest.mark.parametrize("fn", [plan_routes, cell_cost, cost_model])
@pytest.mark.parametrize(("kwargs", "field"), [
    ({"processes": {"a": 1}}, "processes"),
    ({"processes": "processes.yaml"}, "processes"),
    ({"options": {"prices": {"vgcf": 50}}}, "options"),
    ({"options": "x"}, "options"),
])
def test_options_of_a_wrong_type(fn: object, kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        fn(EV, **kwargs)  # type: ignore[operator]
    assert info.value.field == field


def test_cell_cost_plan_of_a_wrong_type() -> None:
    with pytest.raises(ValidationError) as info:
        cell_cost(EV, plan={"routes": []})  # type: ignore[arg-type]
    assert info.value.field == "plan"


def test_max_routes_refuses_bools() -> None:
    with pytest.raises(ValidationError) as info:
        plan_routes(EV, max_routes=True)
    assert info.value.field == "max_routes"
