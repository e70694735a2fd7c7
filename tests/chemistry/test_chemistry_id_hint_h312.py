"""``capacity`` given a material id or alias names the material's formula, as ``predict`` does.

``solidcell capacity nmc811`` answered "element symbols start with a capital letter" and
``theoretical_capacity("NMC811")`` "'M' is not a chemical element". Both now refuse with the
formula of the material's record (one helper,
:func:`solidcell.chemistry.composition.parse_formula_not_name`, shared with ``predict``);
an id, an alias and the id in another letter case."""

from __future__ import annotations

import pytest

from clirun import assert_one_line_error, run
from solidcell import theoretical_capacity
from solidcell.chemistry.composition import (
    knowledge_base_material,
    named_material,
    parse_formula_not_name,
)
from solidcell.discovery.predict import predict_conductivity
from solidcell.errors import ValidationError

# (typed, id): the id itself, an alias of its record, the id in capitals, another alias
NAMES = [("nmc811", "nmc811"), ("NMC811", "nmc811"), ("Nmc811", "nmc811"),
         ("NCM811", "nmc811"), ("LLZO", "llzo"), ("llzo", "llzo"), ("Llzo", "llzo")]


def _formula(mid: str) -> str:
    material = knowledge_base_material(mid)
    assert material is not None and material.formula
    return material.formula


@pytest.mark.parametrize(("typed", "mid"), NAMES)
def test_api_names_the_formula_of_the_record(typed: str, mid: str) -> None:
    with pytest.raises(ValidationError) as info:
        theoretical_capacity(typed)
    assert info.value.field == "formula" and info.value.value == typed
    assert f"names the knowledge-base material {mid!r}" in info.value.allowed
    assert f"give its formula {_formula(mid)!r}" in info.value.allowed


@pytest.mark.parametrize(("typed", "mid"), NAMES[:4])
def test_cli_names_the_formula_in_one_line(typed: str, mid: str, capsys) -> None:
    code, out, err = run(["capacity", typed], capsys)
    assert_one_line_error(code, out, err, f"'{typed}'", f"give its formula {_formula(mid)!r}")


def test_the_formula_named_is_answered() -> None:
    """Giving the formula the hint names works (LiNi0.8Mn0.1Co0.1O2: 1 Li per unit)."""
    assert theoretical_capacity(_formula("nmc811")).electrons == 1.0


def test_product_given_as_an_id_is_named_too(capsys) -> None:
    code, out, err = run(["capacity", "Li7La3Zr2O12", "--product", "LLZO"], capsys)
    assert_one_line_error(code, out, err, "--product", f"give its formula {_formula('llzo')!r}")


def test_predict_and_capacity_give_the_same_hint() -> None:
    with pytest.raises(ValidationError) as cap:
        theoretical_capacity("Nmc811")
    with pytest.raises(ValidationError) as pred:
        predict_conductivity("Nmc811")
    assert cap.value.allowed == pred.value.allowed


@pytest.mark.parametrize("typed", ["LI2O", "Xx2O", "li2s"])
def test_a_text_naming_no_material_keeps_its_own_reason(typed: str) -> None:
    assert named_material(typed) is None
    with pytest.raises(ValidationError) as info:
        parse_formula_not_name(typed)
    assert "names the" not in info.value.allowed


def test_a_formula_costs_no_look_up() -> None:
    """A formula that parses is answered by the parser, never compared with ids ('LiPON'
    parses as Li P O N; predict notes the alias separately)."""
    comp = parse_formula_not_name("LiPON")
    assert {el.symbol: float(a) for el, a in comp.items()} == {"Li": 1, "P": 1, "O": 1, "N": 1}
