"""QA of helper H322 (a cell engineer's first session): a layer stack whose ``layers`` key is
misspelt (``layerz:``) was read as a cell design, and ``solidcell route``/``cost`` answered
``cathode: missing; required (the field is missing) (and 6 more problems ...)``, naming none of
what the file holds. It is read as the layer stack it is (it has ``areal_energy``, a key only
a layer stack has, and no design section) and refused on ``layers`` and the unknown key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mfg_stacks import sulfide_stack

from clirun import run
from solidcell.errors import ValidationError
from solidcell.manufacturing.routes import as_stack, plan_routes


def _misspelt(tmp_path: Path) -> Path:
    stack = sulfide_stack()
    stack["layerz"] = stack.pop("layers")
    path = tmp_path / "stack.yaml"
    path.write_text(yaml.safe_dump(stack, sort_keys=False), "utf-8")
    return path


def test_a_misspelt_layers_key_is_refused_as_a_layer_stack(tmp_path: Path) -> None:
    path = _misspelt(tmp_path)
    with pytest.raises(ValidationError) as err:
        plan_routes(path)
    assert err.value.field == "layers"
    assert "layerz: unknown field" in str(err.value)
    assert "cathode" not in str(err.value)


def test_a_misspelt_layers_mapping_is_refused_as_a_layer_stack() -> None:
    stack = sulfide_stack()
    stack["layerz"] = stack.pop("layers")
    with pytest.raises(ValidationError, match="layerz: unknown field"):
        as_stack(stack)


@pytest.mark.parametrize("command", ["route", "cost"])
def test_route_and_cost_name_the_misspelt_key(tmp_path: Path, capsys, command: str) -> None:
    code, out, err = run([command, str(_misspelt(tmp_path))], capsys)
    assert code == 2 and out == ""
    assert "layers: missing" in err and "layerz: unknown field" in err
    assert "cathode" not in err


def test_a_design_is_still_read_as_a_design() -> None:
    """The EV example (sections, no layer-stack key) plans as before: one stack layer per
    design layer, the EV's stack order."""
    design = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
    names = [layer.name for layer in as_stack(design).layers]
    assert names[0] == "cathode current collector" and names[-1] == "anode current collector"
