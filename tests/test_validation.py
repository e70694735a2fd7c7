"""solidcell.validation: pydantic's errors as solidcell's ValidationError, and the public models
that raise it when constructed directly."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic import ValidationError as PydanticValidationError

from solidcell.errors import SolidcellError, ValidationError
from solidcell.validation import MAX_OTHERS, Model, from_pydantic


class Point(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = "p"
    x: float
    unit: str = ""

    @model_validator(mode="after")
    def _check(self) -> Point:
        if self.x < 0:
            raise ValueError(f"x: {self.x:g} must be >= 0")
        if self.unit == "bad":
            raise ValueError("x.unit: not a unit of length")
        return self


class Curve(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    points: list[Point] = Field(default_factory=list)
    ref: str | Point = "origin"
    mode: str = "a"

    @field_validator("mode")
    @classmethod
    def _mode(cls, value: str) -> str:
        if value not in ("a", "b"):
            raise ValidationError("mode", value, "allowed: a, b")
        return value


def convert(data: Any, model: type[BaseModel] = Curve, root: str = "curve") -> ValidationError:
    with pytest.raises(PydanticValidationError) as info:
        model.model_validate(data)
    return from_pydantic(info.value, data, model, root)


def test_names_the_dotted_location_of_a_field_and_its_value() -> None:
    err = convert({"name": "c", "points": [{"x": 1}, {"x": "abc"}]})
    assert (err.field, err.value) == ("points[1].x", "abc")
    assert "must be a valid number" in err.allowed
    assert isinstance(err, SolidcellError) and isinstance(err, ValueError)


def test_labels_a_list_item_by_its_id() -> None:
    err = convert({"name": "c", "points": [{"id": "tip", "x": "abc"}]})
    assert err.field == "points[tip].x"


def test_a_record_rule_names_its_field_and_that_value_not_the_record() -> None:
    """The model-level rule says "x: ..." of the point: the error is on points[0].x, with the
    number given there, not the whole dict."""
    err = convert({"name": "c", "points": [{"x": -2, "unit": "m"}]})
    assert (err.field, err.value, err.allowed) == ("points[0].x", -2, "-2 must be >= 0")
    # "x.unit: ..." of the number x names the point's own key 'unit'
    err = convert({"name": "c", "points": [{"x": 1, "unit": "bad"}]})
    assert (err.field, err.value) == ("points[0].unit", "bad")
    assert "{" not in str(err)


def test_a_solidcell_error_raised_inside_a_validator_keeps_its_own_words() -> None:
    err = convert({"name": "c", "mode": "z"})
    assert (err.field, err.value, err.allowed) == ("mode", "z", "allowed: a, b")
    assert str(err).count("is not allowed") == 1


def test_missing_and_unknown_fields() -> None:
    err = convert({"points": []})
    assert (err.field, err.value, err.allowed) == ("name", None, "required (the field is missing)")
    err = convert({"name": "c", "colour": "red"})
    assert (err.field, err.value) == ("colour", "red")
    assert err.allowed == "unknown field; allowed: name, points, ref, mode"


def test_union_tags_are_not_fields() -> None:
    """pydantic locates an error inside ``str | Point`` at 'ref.str' and 'ref.Point.x'; a dict
    given there is reported by what is wrong inside it, not by 'must be a valid string'."""
    err = convert({"name": "c", "ref": {"x": "abc"}})
    assert (err.field, err.value) == ("ref.x", "abc")
    assert err.allowed.endswith("(and 1 more problem: ref: must be a valid string)")
    err = convert({"name": "c", "ref": 5})
    assert (err.field, err.value) == ("ref", 5)


def test_long_dicts_and_lists_are_cut_short() -> None:
    """The value is the sub-record named, cut to MAX_CONTAINER_REPR characters (a list of 50
    points given for a str is not echoed whole); a short one stays as given."""
    from solidcell.validation import MAX_CONTAINER_REPR

    points = [{"x": float(i)} for i in range(50)]
    err = convert({"name": "c", "ref": points})
    assert err.field == "ref"
    assert isinstance(err.value, str) and len(err.value) == MAX_CONTAINER_REPR
    assert err.value.startswith("[{'x': 0.0}, ") and err.value.endswith("...")
    err = convert({"name": "c", "ref": [1]})
    assert err.value == [1]


def test_other_problems_are_listed_and_counted() -> None:
    data = {"points": [{"x": "a"}, {"x": "b"}, {"x": "c"}, {"x": "d"}, {"x": "e"}]}
    err = convert(data)
    assert err.field == "name"
    n = 5  # five bad points after the missing name
    # fields with the same problem are named once with it (the first MAX_OTHERS of them)
    assert (f"(and {n} more problems: points[0].x, points[1].x, points[2].x: must be a valid "
            "number") in err.allowed
    assert err.allowed.count("points[") == MAX_OTHERS and err.allowed.endswith("; ...)")
    assert err.allowed.count("must be a valid number") == 1
    err = convert({"points": [{"x": "a"}]})
    assert err.allowed.endswith("(and 1 more problem: points[0].x: must be a valid number, "
                                "unable to parse string as a number)")


def test_the_root_names_a_record_rule_that_names_no_field() -> None:
    class Pair(BaseModel):
        a: int
        b: int

        @model_validator(mode="after")
        def _check(self) -> Pair:
            if self.a == self.b:
                raise ValueError("a and b must differ")
            return self

    err = convert({"a": 1, "b": 1}, Pair, "pair")
    assert (err.field, err.allowed) == ("pair", "a and b must differ")


def test_json_input_is_located_too() -> None:
    text = '{"name": "c", "points": [{"id": "tip", "x": "abc"}]}'
    with pytest.raises(PydanticValidationError) as info:
        Curve.model_validate_json(text)
    assert from_pydantic(info.value, text, Curve).field == "points[tip].x"


class Box(Model):
    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "box"
    width: float
    inner: Point | None = None


@pytest.mark.parametrize("call", [
    lambda: Box(width="wide"),
    lambda: Box.model_validate({"width": "wide"}),
    lambda: Box.model_validate_json('{"width": "wide"}'),
    lambda: Box.model_validate_strings({"width": "wide"}),
])
def test_a_model_raises_solidcells_error_from_every_entry(call: Any) -> None:
    with pytest.raises(ValidationError) as info:
        call()
    assert (info.value.field, info.value.value) == ("width", "wide")
    assert not isinstance(info.value, PydanticValidationError)
    assert pickle.loads(pickle.dumps(info.value)).field == "width"


def test_a_model_nested_in_a_model_is_located_from_the_outermost() -> None:
    with pytest.raises(ValidationError) as info:
        Box(width=1.0, inner={"x": -3})
    assert (info.value.field, info.value.value) == ("inner.x", -3)
    assert Box(width=2.0, inner={"x": 1}).inner == Point(x=1)


# --- the public models ------------------------------------------------------------------


def lab(**kw: Any) -> dict[str, Any]:
    return {"method": "measured", "source": "lab", **kw}


@pytest.mark.parametrize(("kwargs", "field", "value"), [
    (dict(id="x", name="x", formula="Li7La3Zr2O12", category="electrolyte",
          electrolyte_class="oxide", role="bogus"), "role", "bogus"),
    (dict(name="x", category="cathode"), "id", None),
    (dict(id="Bad Id", name="x", category="cathode"), "id", "Bad Id"),
    (dict(id="x", name="x", category="planet"), "category", "planet"),
    (dict(id="x", name="x", formula="Xx9Qq", category="cathode"), "formula", "Xx9Qq"),
    (dict(id="x", name="x", category="electrolyte"), "electrolyte_class", None),
    (dict(id="x", name="x", category="cathode", exchanged_ions=True), "exchanged_ions", True),
    (dict(id="x", name="x", category="cathode",
          properties=[lab(name="density", value=1, unit="mS/cm")]),
     "properties[0].unit", "mS/cm"),
    (dict(id="x", name="x", category="cathode",
          ocp={"stoichiometry": [0.1, 0.5], "voltage": [4.0, 9.0], "source": "s"}),
     "ocp.voltage", [4.0, 9.0]),
])
def test_material_constructed_directly_raises_solidcells_error(
        kwargs: dict[str, Any], field: str, value: Any) -> None:
    """Material(...) raised pydantic's ValidationError (three errors in pydantic's words)."""
    from solidcell.materials.schema import Material

    with pytest.raises(ValidationError) as info:
        Material(**kwargs)
    assert (info.value.field, info.value.value) == (field, value)


@pytest.mark.parametrize(("kwargs", "field", "value"), [
    (lab(name="conductivity", value=1, unit="S/m"), "name", "conductivity"),
    (lab(name="density", value=1), "unit", None),
    (lab(name="density", value="heavy", unit="g/cm3"), "value", "heavy"),
    (lab(name="ionic_conductivity", value=-1, unit="S/m"), "value", -1),
    (lab(name="ionic_conductivity", min=2, max=1, unit="S/m"), "min", 2),
    (lab(name="ionic_conductivity", value=1, unit="S/m", temperature="25 parsec"),
     "temperature", "25 parsec"),
    (lab(name="price", value=20, unit="USD/kg"), "year", None),
    ({"name": "density", "value": 1, "unit": "g/cm3", "method": "guess", "source": "x"},
     "method", "guess"),
])
def test_property_value_constructed_directly_raises_solidcells_error(
        kwargs: dict[str, Any], field: str, value: Any) -> None:
    from solidcell.materials.schema import PropertyValue

    with pytest.raises(ValidationError) as info:
        PropertyValue(**kwargs)
    assert (info.value.field, info.value.value) == (field, value)
    assert "{" not in str(info.value)


def test_cell_design_constructed_directly_raises_solidcells_error() -> None:
    import yaml

    from solidcell.cell.design import CellDesign, Composite

    example = Path(__file__).parents[1] / "examples" / "ev-nmc811-lpscl-li.yaml"
    data = yaml.safe_load(example.read_text("utf-8"))
    with pytest.raises(ValidationError) as info:
        CellDesign(**{**data, "cathode": {**data["cathode"], "porosity": 1.5}})
    assert (info.value.field, info.value.value) == ("cathode.porosity", 1.5)
    with pytest.raises(ValidationError) as info:
        CellDesign(**{**data, "temperature": "5000 K"})
    assert (info.value.field, info.value.value) == ("temperature", "5000 K")  # as given
    with pytest.raises(ValidationError) as info:  # a part of the design on its own
        Composite(active_material="nmc811", active_fraction=0.5)
    assert info.value.field == "active_fraction"


def test_process_models_constructed_directly_raise_solidcells_error() -> None:
    from solidcell.manufacturing.processes import Quantity

    with pytest.raises(ValidationError) as info:
        Quantity(value=1.0, unit="um", method="guess", source="x")
    assert (info.value.field, info.value.value) == ("method", "guess")
