"""One list of a cell design's sections, ``cell.design.DESIGN_SECTIONS``, read by
``evaluate_many`` and ``manufacturing.routes.as_stack`` (each had its own). Properties that
must hold: it is the design model's required sections, each of which a design cannot lack, and
a mapping with any one of them is read as one design's fields by both users."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from solidcell.cell.design import DESIGN_HOLDS, DESIGN_SECTIONS, CellDesign
from solidcell.cell.energy import evaluate_many
from solidcell.errors import SolidcellError, ValidationError
from solidcell.manufacturing import routes

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def test_the_sections_are_the_models_required_sections_in_its_order() -> None:
    fields = CellDesign.model_fields
    required = [n for n, f in fields.items() if f.is_required()]
    assert list(DESIGN_SECTIONS) == required  # every required field is a section
    assert all(isinstance(fields[n].annotation, type)
               and issubclass(fields[n].annotation, BaseModel) for n in DESIGN_SECTIONS)
    for name in DESIGN_SECTIONS:  # the words of a file that holds no design name them
        assert name in DESIGN_HOLDS


@pytest.mark.parametrize("name", DESIGN_SECTIONS)
def test_a_design_without_a_section_is_refused_naming_it(name: str) -> None:
    data = CellDesign.from_yaml(EV).model_dump()
    del data[name]
    with pytest.raises(SolidcellError) as info:
        CellDesign.from_dict(data)
    assert name in str(info.value)


@pytest.mark.parametrize("name", DESIGN_SECTIONS)
def test_a_mapping_with_any_section_is_one_designs_fields(name: str) -> None:
    with pytest.raises(ValidationError) as info:
        evaluate_many({name: {}})
    assert info.value.field == "designs" and "evaluate_many([design])" in info.value.allowed
    with pytest.raises(SolidcellError) as stack:  # read as a design, not as a layer stack
        routes.as_stack({name: {}})
    assert "layers" not in str(stack.value)
