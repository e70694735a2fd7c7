"""The add-material form shows a model's error (solidcell.validation) beside the box it comes
from: a property value's fields beside theirs, a material's own fields beside theirs."""

from __future__ import annotations

import pytest

from solidcell.app.server import material_from_form
from solidcell.errors import ValidationError

GOOD = {"id": "my_llzo", "name": "my LLZO", "formula": "Li7La3Zr2O12",
        "category": "electrolyte", "electrolyte_class": "oxide",
        "property": "ionic_conductivity", "value": "0.5 mS/cm", "temperature": "25 degC",
        "method": "measured", "source": "my_notebook"}


@pytest.mark.parametrize(("key", "typed", "field"), [
    ("method", "guess", "method"),             # PropertyValue.method
    ("source", "s" * 300, "source"),           # PropertyValue.source (too long)
    ("name", "x" * 300, "name"),               # Material.name, not the property's name
    ("value", "5000 S/cm", "value"),           # above the plausible limit (PropertyValue)
    # a price in a conductivity's unit: beside the value box, as typed
    ("property", "price", "value"),
])
def test_a_models_error_is_shown_beside_its_form_field(key: str, typed: str, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        material_from_form({**GOOD, key: typed})
    assert info.value.field == field
    # the text typed in that box ('' for a box left empty, not Python's None)
    assert info.value.value == {**GOOD, key: typed}.get(field, "")
    assert str(info.value).count("is not allowed") == 1


def test_a_price_without_its_year_is_shown_beside_the_year_box() -> None:
    """A price needs its year: beside the year box, empty (it was the value box, the form had
    no year box, so a price could never be added)."""
    form = {**GOOD, "property": "price", "value": "40 USD/kg", "temperature": ""}
    with pytest.raises(ValidationError) as info:
        material_from_form(form)
    assert info.value.field == "year"
    assert info.value.value == ""
    assert str(info.value).count("is not allowed") == 1
