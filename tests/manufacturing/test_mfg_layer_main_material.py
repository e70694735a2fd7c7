"""A layer's main ``material`` beside its ``components`` must be one of them or a
knowledge-base id: an unknown id there was never looked up (the constituents are planned and
costed), so a typo (``nmc81``) was accepted silently."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mfg_stacks import sulfide_stack

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.manufacturing.layers import LayerStack


def _with_main(material: str) -> dict:
    stack = sulfide_stack()
    stack["layers"][1]["material"] = material  # the cathode, which lists components
    return stack


@pytest.mark.parametrize("material", ["nmc81", "my_own_cathode"])
def test_unknown_main_material_beside_components_refused(material: str) -> None:
    with pytest.raises(ValidationError) as info:
        LayerStack.from_dict(_with_main(material))
    err = info.value
    assert err.field == "layers[1].material" and err.value == material
    assert "components (nmc811, li6ps5cl, carbon_black)" in err.allowed
    assert "knowledge-base material id" in err.allowed


@pytest.mark.parametrize("material", ["nmc811", "li6ps5cl", "peo_llzo_15wt"])
def test_component_or_knowledge_base_main_material_accepted(material: str) -> None:
    """One of the components, or a knowledge-base id (a composite's own id)."""
    stack = LayerStack.from_dict(_with_main(material))
    assert stack.layers[1].material == material


def test_own_material_in_components_with_its_class_accepted() -> None:
    """A material the knowledge base lacks stays usable: listed among the components, with
    material_class (the planner's rule for an unknown constituent)."""
    stack = sulfide_stack()
    stack["layers"][1].update(material="my_nmc", material_class="composite_electrode",
                              components={"my_nmc": 0.8, "li6ps5cl": 0.2})
    assert LayerStack.from_dict(stack).layers[1].material == "my_nmc"


def test_cli_cost_one_line_error(tmp_path: Path, capsys) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(yaml.safe_dump(_with_main("nmc81")), "utf-8")
    code, out, err = run(["cost", str(path)], capsys)
    assert_one_line_error(code, out, err, "layers[1].material", "nmc81", "did you mean nmc811")
