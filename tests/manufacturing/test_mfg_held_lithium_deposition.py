"""The lithium a host anode holds at assembly (``anode.prelithiation``) is added after the host
is laid down: the step that deposits the host is judged without it (recipe and thermal limit),
while a later step still must not melt it (lithium's 180.5 degC, haynes2016_crc). A bare
silicon anode with 5 % held had been refused by thermal plasma deposition at 400 degC (its
recipe is for silicon, and the held lithium's melting point was the layer's own limit), so
the planner sputtered it instead of making it as the bare host."""

from __future__ import annotations

import pytest

from solidcell.cell.design import CellDesign
from solidcell.manufacturing.design import stack_from_design
from solidcell.manufacturing.layers import Layer
from solidcell.manufacturing.processes import load_processes
from solidcell.manufacturing.routes import _Context, plan_routes

EV = "examples/ev-nmc811-lpscl-li.yaml"


def silicon_design(prelithiation: float | None) -> CellDesign:
    data = CellDesign.from_yaml(EV).model_dump(mode="json", exclude_none=True)
    anode = {"kind": "silicon", "np_ratio": 1.2, "active_fraction": 1.0,
             "electrolyte_fraction": 0.0}
    if prelithiation is not None:
        anode["prelithiation"] = prelithiation
    data["anode"] = anode
    return CellDesign.from_dict(data)


def anode_index(stack) -> int:
    return [layer.name for layer in stack.layers].index("anode")


def test_made_of_leaves_out_what_the_layer_holds() -> None:
    layer = Layer(name="anode", role="anode", material="silicon", thickness=6e-6,
                  components={"silicon": 0.95, "li_metal": 0.05}, held=("li_metal",))
    assert layer.made_of == {"silicon": 0.95}
    assert set(layer.fractions) == {"silicon", "li_metal"}
    plain = Layer(name="anode", role="anode", material="silicon", thickness=6e-6)
    assert plain.made_of == plain.fractions == {"silicon": 1.0}


def test_the_held_lithium_is_marked_held_in_the_anode_layer() -> None:
    stack = stack_from_design(silicon_design(0.05))
    anode = stack.layers[anode_index(stack)]
    assert anode.held == ("li_metal",) and "li_metal" in anode.fractions
    assert "li_metal" not in anode.made_of


def test_the_own_limit_is_the_host_s_and_the_made_layer_s_is_lithium_s() -> None:
    stack = stack_from_design(silicon_design(0.05))
    ctx = _Context(stack, load_processes())
    i = anode_index(stack)
    # once made and prelithiated, the layer melts with its lithium (haynes2016_crc: 180.5 degC)
    assert ctx.limit[i].temperature_K == pytest.approx(180.5 + 273.15)
    # while it is laid down it is silicon only: a higher limit than lithium's
    assert ctx.own_limit[i].temperature_K > ctx.limit[i].temperature_K
    bare = stack_from_design(silicon_design(None))
    assert ctx.own_limit[i] == _Context(bare, load_processes()).own_limit[anode_index(bare)]


@pytest.mark.parametrize("fraction", [0.01, 0.05, 0.15])
def test_a_prelithiated_silicon_anode_is_made_as_the_bare_host(fraction: float) -> None:
    held, bare = (stack_from_design(silicon_design(f)) for f in (fraction, None))
    steps = [{s.layer: s.process for s in plan_routes(st).best.steps} for st in (held, bare)]
    assert steps[0]["anode"] == steps[1]["anode"] == "thermal_plasma_silicon"
