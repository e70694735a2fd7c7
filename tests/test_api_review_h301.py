"""Expert review of the Python API (helper h301): what a battery researcher in Jupyter passes
(a design as a dict from ``json.load`` or ``model_dump()``, a list of design paths, pymatgen
Composition and Structure objects) is taken the same way by every entry point, or refused
by solidcell's own error naming the argument; results' ``to_json`` is strict JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import solidcell as sc
from solidcell.errors import ValidationError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EV_PATH = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
EV = sc.CellDesign.from_file(EV_PATH)
GRAVIMETRIC = "Cell gravimetric energy density [W.h.kg-1]"


# --- a design given as a mapping of its fields ----------------------------------------------


def test_evaluate_takes_a_design_dict_as_plan_routes_and_cell_cost_do() -> None:
    """evaluate(design.model_dump()) was refused ("must be a CellDesign or a YAML/JSON path or
    text"); the mapping is the same design, so the same numbers."""
    as_dict = json.loads(json.dumps(EV.model_dump()))  # as json.load of a design file gives it
    assert sc.evaluate(as_dict).to_json() == sc.evaluate(EV).to_json()  # NaN there is null


def test_a_bad_design_dict_is_refused_naming_its_field() -> None:
    data = EV.model_dump()
    data["cathode"] = {**data["cathode"], "thickness_m": -1.0}
    with pytest.raises(ValidationError) as info:
        sc.evaluate(data)
    assert info.value.field.endswith("thickness_m")


@pytest.mark.parametrize("entry", ["plan_routes", "cell_cost"])
def test_manufacturing_takes_a_cell_design_dict(entry: str) -> None:
    """A CellDesign's fields as a dict were read as a layer stack and refused with "layers:
    missing; required (and 16 more problems: cathode, separator, anode: unknown field ...)";
    the dict now answers as the design and its file do."""
    f = getattr(sc, entry)
    by_dict, by_file = f(EV.model_dump()), f(EV_PATH)
    assert by_dict.to_json() == by_file.to_json()


def test_a_layer_stack_mapping_is_still_a_layer_stack() -> None:
    """A mapping without a design's sections stays a layer stack (its own refusal)."""
    with pytest.raises(ValidationError) as info:
        sc.plan_routes({"name": "x"})
    assert info.value.field == "layers"


def test_evaluate_many_takes_what_evaluate_takes() -> None:
    """A list of paths, texts or dicts was refused item by item ("must be a CellDesign, not a
    str"), though evaluate (and compare) take each of them."""
    batch = sc.evaluate_many([EV, EV_PATH, str(EV_PATH), EV.model_dump()])
    assert len(set(batch[GRAVIMETRIC].tolist())) == 1
    assert batch[GRAVIMETRIC][0] == pytest.approx(sc.evaluate(EV)[GRAVIMETRIC], rel=1e-12)
    with pytest.raises(ValidationError) as info:
        sc.evaluate_many([EV, 5])
    assert info.value.field == "designs[1]"


# --- strict JSON -------------------------------------------------------------------------


def test_evaluate_many_json_has_no_nan() -> None:
    """A design without a pack has NaN pack columns; EnergyBatch.to_json kept them, so
    json.dumps wrote NaN (not JSON; evaluate's to_json gives null)."""
    assert EV.pack is None
    data = sc.evaluate_many([EV]).to_json()
    text = json.dumps(data, allow_nan=False)  # raised ValueError
    assert json.loads(text)["columns"]["Pack gravimetric energy density [W.h.kg-1]"] == [None]
    assert sc.evaluate(EV).to_json()["pack"]["Gravimetric energy density [W.h.kg-1]"] is None
    finite = data["columns"][GRAVIMETRIC][0]
    assert isinstance(finite, float) and math.isfinite(finite)


# --- pymatgen objects where a formula is taken ----------------------------------------------


def test_theoretical_capacity_takes_a_composition() -> None:
    """Composition('LiFePO4') was refused ("give a chemical formula"), though
    predict_conductivity takes one. Faraday's law: the same number as the formula text."""
    from pymatgen.core import Composition

    text = sc.theoretical_capacity("Li4Ti5O12")
    comp = sc.theoretical_capacity(Composition("Li4Ti5O12"))
    assert (comp.formula, comp.capacity_mAh_g, comp.electrons_basis) == (
        text.formula, text.capacity_mAh_g, text.electrons_basis)
    # the amounts as given are the formula unit (electrons are per formula unit)
    assert sc.theoretical_capacity(Composition("Li2Fe2P2O8"), 2).capacity_mAh_g == \
        pytest.approx(sc.theoretical_capacity("LiFePO4", 1).capacity_mAh_g, rel=1e-12)
    # oxidation-state decorated species are their elements
    ionic = Composition({"Li+": 1, "Fe2+": 1, "P5+": 1, "O2-": 4})
    assert sc.theoretical_capacity(ionic).capacity_mAh_g == \
        sc.theoretical_capacity("LiFePO4").capacity_mAh_g
    assert sc.theoretical_capacity(Composition("Si"), product=Composition("Li15Si4")) \
        .capacity_mAh_g == sc.theoretical_capacity("Si", product="Li15Si4").capacity_mAh_g


def test_a_structure_is_its_reduced_formula() -> None:
    """A cell of Z formula units (here Z = 2) is one formula unit, as a paper writes it."""
    from pymatgen.core import Lattice, Structure

    rocksalt_cell = Structure(Lattice.cubic(5.13), ["Li", "Li", "Cl", "Cl"],
                              [[0, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0], [0, 0.5, 0]])
    assert sc.theoretical_capacity(rocksalt_cell).formula == "LiCl"
    assert sc.stability_window(rocksalt_cell).formula == "LiCl"


def test_stability_window_takes_a_composition() -> None:
    from pymatgen.core import Composition

    by_comp, by_text = sc.stability_window(Composition("Li3PS4")), sc.stability_window("Li3PS4")
    assert (by_comp.reduction_limit_V, by_comp.oxidation_limit_V) == (
        by_text.reduction_limit_V, by_text.oxidation_limit_V)


@pytest.mark.parametrize(("entry", "field"), [
    ("theoretical_capacity", "formula"), ("stability_window", "material"),
    ("predict_conductivity", "composition"),
])
def test_a_composition_with_an_infinite_amount_is_refused_by_name(entry: str, field: str):
    """predict_conductivity(Composition({'Li': inf, 'Cl': 1})) raised OverflowError
    ('cannot convert float infinity to integer') while naming it in the message."""
    from pymatgen.core import Composition, Lattice, Structure

    with pytest.raises(ValidationError, match="must be finite") as info:
        getattr(sc, entry)(Composition({"Li": math.inf, "Cl": 1}))
    assert info.value.field == field
    if entry != "predict_conductivity":
        with pytest.raises(ValidationError, match="must be positive"):
            getattr(sc, entry)(Structure(Lattice.cubic(4), [], []))


@pytest.mark.parametrize("bad", [None, 5, 2.5, b"LiFePO4", ["LiFePO4"]])
def test_other_objects_are_still_refused_by_name(bad: object) -> None:
    with pytest.raises(ValidationError) as info:
        sc.theoretical_capacity(bad)  # type: ignore[arg-type]
    assert info.value.field == "formula"
    with pytest.raises(ValidationError) as info:
        sc.stability_window(bad)  # type: ignore[arg-type]
    assert info.value.field == "material"


def test_a_formula_text_does_not_import_pymatgen_for_the_check() -> None:
    """formula_text returns text unchanged without importing pymatgen (``import solidcell``
    and the formula's own parser decide when pymatgen is needed)."""
    from solidcell.chemistry.composition import formula_text

    assert formula_text("LiFePO4") == "LiFePO4"
    assert formula_text(None) is None


# --- pint Quantities in a design's fields -------------------------------------------------


@pytest.mark.parametrize(("make", "field", "kind"), [
    (lambda q: EV.replace(temperature_K=q(45, "degC")), "temperature_K", "temperature"),
    (lambda q: EV.model_copy(update={"temperature_K": q(318.15, "K")}), "temperature_K",
     "temperature"),
    (lambda q: EV.replace(**{"cathode.thickness_m": q(50, "um")}), "cathode.thickness_m",
     "length"),
    (lambda q: sc.screen(EXAMPLES / "spaces" / "ev.yaml", temperature_K=q(45, "degC")),
     "temperature_K", "temperature"),
])
def test_a_quantity_in_a_design_field_is_refused_saying_what_to_give(make, field, kind):
    """A Quantity is refused, never stripped of its unit (docs/conventions.md); the refusal
    was pydantic's "must be a valid number", though the field takes text with a unit and
    units.magnitude_in converts a Quantity."""
    q = sc.units.registry().Quantity
    with pytest.raises(ValidationError) as info:
        make(q)
    assert info.value.field == field
    assert "pint Quantity" in info.value.allowed and "magnitude_in" in info.value.allowed
    assert f"magnitude_in(value, {kind!r}" in info.value.allowed


def test_what_the_quantity_refusal_offers_gives_the_same_design() -> None:
    q = sc.units.registry().Quantity
    converted = sc.units.magnitude_in(q(45, "degC"), "temperature", "temperature_K")
    assert EV.replace(temperature_K=converted) == EV.replace(temperature_K="45 degC")


# --- a temperature with its unit where the argument is named without one --------------------


def test_conductivity_at_takes_text_with_a_unit_as_simulate_does() -> None:
    """conductivity_at('lgps', '60 degC') was refused ("must be a temperature in K"), though
    simulate(temperature='60 degC') and `solidcell conductivity --temperature '60 degC'` take
    it; 60 degC is 333.15 K exactly (units.parse)."""
    by_text = sc.conductivity_at("lgps", "60 degC")
    by_kelvin = sc.conductivity_at("lgps", 333.15)
    assert float(by_text.temperature_K) == 333.15
    assert by_text.ionic_conductivity_S_m == by_kelvin.ionic_conductivity_S_m
    assert by_text.to_json() == by_kelvin.to_json()


@pytest.mark.parametrize(("text", "words"), [
    ("300", "has no unit"), ("5 MPa", "is a pressure"), ("nan K", "finite"),
    ("-300 degC", "above 0 K"), ("", "empty"),
])
def test_conductivity_at_refuses_bad_temperature_text_by_name(text: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words) as info:
        sc.conductivity_at("lgps", text)
    assert info.value.field == "temperature" and info.value.value == text
    assert not info.value.allowed.startswith("temperature:")


def test_evaluate_many_of_one_design_dict_says_to_put_it_in_a_list() -> None:
    """A design's fields as the mapping were read as parameter arrays: "parameters: 'anode'
    is not allowed; must be one of Areal capacity ..." (44 names)."""
    with pytest.raises(ValidationError) as info:
        sc.evaluate_many(EV.model_dump())
    assert info.value.field == "designs" and "evaluate_many([design])" in info.value.allowed
    assert sc.evaluate_many([EV.model_dump()])[GRAVIMETRIC][0] == \
        pytest.approx(sc.evaluate(EV)[GRAVIMETRIC], rel=1e-12)


@pytest.mark.parametrize("make", [lambda: sc.evaluate(EV), lambda: sc.evaluate_many([EV])])
def test_an_unknown_result_key_names_the_keys_meant(make) -> None:
    """result['Gravimetric energy density [W.h.kg-1]'] (the key of to_json()'s "cell"
    section) was a bare KeyError; it names the keys that hold the text, and is still a
    KeyError (NotFoundError) for code that catches one."""
    from solidcell.errors import NotFoundError

    result = make()
    with pytest.raises(NotFoundError) as info:
        result["Gravimetric energy density [W.h.kg-1]"]
    assert isinstance(info.value, KeyError)
    assert repr(GRAVIMETRIC) in str(info.value)
    with pytest.raises(KeyError, match="'Cell voltage \\[V\\]'"):
        result["cell voltage [v]"]
    with pytest.raises(KeyError, match="lists the"):
        result["xyzzy"]
    assert float(np.ravel(result[GRAVIMETRIC])[0]) == sc.evaluate(EV)[GRAVIMETRIC]
