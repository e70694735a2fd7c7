"""Edge inputs of the manufacturing API found by QA (each test says what happened before):
bools taken as numbers (``thickness: yes`` was a 1 m layer, ``areal_energy: true`` 1 J/m2 and
1.3e8 USD/kWh), infinities passed on (an infinite areal energy cost 0 USD/kWh), bare numbers of
metres (``thickness: 30`` a 30 m layer), a price table that is no mapping (AttributeError),
NumPy numbers refused, ``capital_recovery_factor`` wrong or crashing at the edges (negative,
zero, 1e-80), ``cost_sensitivity(top=-1)``, ``CostModel`` returning negative costs, the plan of
another design costed as is, and process databases with negative costs or temperatures."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mfg_stacks import TEST_PRICES, sulfide_stack

from solidcell.errors import ValidationError
from solidcell.manufacturing.cost import cell_cost, cost_sensitivity
from solidcell.manufacturing.economics import CostOptions, capital_recovery_factor
from solidcell.manufacturing.layers import Layer, LayerStack
from solidcell.manufacturing.processes import parse_database

LAYER = {"name": "x", "material": "li6ps5cl", "thickness": 30e-6}


@pytest.mark.parametrize(("field", "value"), [
    ("thickness", True), ("feature_size", True), ("areal_mass", True), ("porosity", False),
    ("thickness", False), ("feature_size", math.inf), ("areal_mass", math.inf),
])
def test_a_layer_refuses_bools_and_infinities_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as info:
        Layer(**{**LAYER, field: value})
    assert info.value.field == field and info.value.value is value


def test_a_bool_mass_fraction_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Layer(**{**LAYER, "components": {"li6ps5cl": True}})
    assert info.value.field == "components.li6ps5cl"


@pytest.mark.parametrize(("key", "value", "field"), [
    ("areal_energy", True, "areal_energy"),
    ("areal_energy", math.inf, "areal_energy"),
    ("packaging", {"al_foil": True}, "packaging.al_foil"),
])
def test_a_stack_refuses_bools_and_infinities_naming_the_field(key: str, value: object,
                                                               field: str) -> None:
    data = {**sulfide_stack(), key: value}
    with pytest.raises(ValidationError) as info:
        LayerStack.from_dict(data)
    assert info.value.field == field


def test_an_infinite_areal_mass_is_refused_at_the_layer_not_deep_in_the_planner() -> None:
    """Was 'fixed_cost_USD_per_m2: inf is not allowed', an argument the user never gave."""
    data = sulfide_stack()
    data["layers"][2]["areal_mass"] = math.inf
    with pytest.raises(ValidationError) as info:
        cell_cost(data, options=CostOptions(prices=TEST_PRICES))
    assert info.value.field == "layers[2].areal_mass"


def test_a_bool_in_a_process_quantity_is_refused() -> None:
    """`thickness: {min: true, ...}` was a 1 um minimum."""
    from importlib import resources

    import yaml

    text = resources.files("solidcell.manufacturing").joinpath("data", "processes.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    data["processes"][0]["thickness"]["min"] = True
    with pytest.raises(ValidationError) as info:
        parse_database(data)
    assert info.value.field.endswith("thickness.min") and "bool" in info.value.allowed


@pytest.mark.parametrize("prices", [[("vgcf", 50.0)], None, "vgcf=50"])
def test_prices_that_are_no_mapping_are_refused_naming_prices(prices: object) -> None:
    with pytest.raises(ValidationError) as info:
        CostOptions(prices=prices).check()  # type: ignore[arg-type]
    assert info.value.field == "prices"


@pytest.mark.parametrize("key", ["", "  ", 7])
def test_a_price_key_must_be_a_material_id(key: object) -> None:
    with pytest.raises(ValidationError) as info:
        CostOptions(prices={key: 50.0}).check()  # type: ignore[dict-item]
    assert info.value.field == "prices" and info.value.value == key


@pytest.mark.parametrize(("rate", "years", "field"), [
    (-0.05, 10, "interest_rate"), (math.nan, 10, "interest_rate"), (True, 10, "interest_rate"),
    (0.08, 0, "years"), (0.0, 0, "years"), (0.08, -3, "years"), (0.08, math.inf, "years"),
    (0.08, True, "years"),
])
def test_capital_recovery_factor_refuses_what_has_no_annuity(rate: float, years: float,
                                                             field: str) -> None:
    """-5 % over 10 years gave 0.1 (costed as 0 %); a zero life raised ZeroDivisionError."""
    with pytest.raises(ValidationError) as info:
        capital_recovery_factor(rate, years)
    assert info.value.field == field


def test_capital_recovery_factor_arrays_give_nan_where_there_is_no_annuity() -> None:
    crf = capital_recovery_factor(np.array([0.08, -0.05, 0.0, 0.08]), np.array([10, 10, 0, 10]))
    assert np.isnan(crf[1]) and np.isnan(crf[2])
    assert crf[0] == crf[3] == pytest.approx(0.14903, abs=1e-5)  # interest tables, 8 %/10 y


@given(st.floats(0.0, 1.0), st.floats(0.5, 100.0))
@settings(max_examples=60, deadline=None)
def test_capital_recovery_factor_properties(rate: float, years: float) -> None:
    """The annuity repays the capital (CRF >= 1/n) and at least pays the interest
    (CRF >= i); scalars and arrays agree."""
    crf = capital_recovery_factor(rate, years)
    assert crf >= 1.0 / years * (1 - 1e-12)
    assert crf >= rate * (1 - 1e-12)
    assert float(capital_recovery_factor(np.array([rate]), np.array([years]))[0]) == \
        pytest.approx(crf, rel=1e-9)


@pytest.mark.parametrize("top", [0, -1, 2.5, True, "3"])
def test_sensitivity_top_must_be_a_positive_count(top: object) -> None:
    res = cell_cost(sulfide_stack(), options=CostOptions(prices=TEST_PRICES))
    with pytest.raises(ValidationError) as info:
        cost_sensitivity(res, top=top)  # type: ignore[arg-type]
    assert info.value.field == "top"


_ANY = st.one_of(st.booleans(), st.floats(allow_nan=True, allow_infinity=True),
                 st.integers(-5, 5), st.sampled_from(["30 um", "-1 mm", "inf um", "", "x"]))


@given(st.sampled_from(["thickness", "feature_size", "areal_mass", "porosity"]), _ANY)
@settings(max_examples=80, deadline=None)
def test_any_layer_number_is_refused_naming_its_field_or_stored_finite(field: str,
                                                                        value: object) -> None:
    try:
        layer = Layer(**{**LAYER, field: value})
    except ValidationError as exc:
        assert exc.field == field
    else:
        stored = getattr(layer, field)
        assert not isinstance(value, bool), f"{field}={value!r} was taken as {stored!r}"
        assert math.isfinite(stored) and stored >= 0


@given(_ANY)
@settings(max_examples=40, deadline=None)
def test_any_areal_energy_is_refused_or_finite_and_positive(value: object) -> None:
    try:
        stack = LayerStack.from_dict({**sulfide_stack(), "areal_energy": value})
    except ValidationError as exc:
        assert exc.field == "areal_energy"
    else:
        assert not isinstance(value, bool)
        assert math.isfinite(stack.areal_energy) and stack.areal_energy > 0


@given(st.floats(20.0, 2000.0), st.floats(0.0, 500.0))
@settings(max_examples=8, deadline=None)
def test_cost_of_random_energy_and_electrolyte_price(energy_Wh_m2: float,
                                                     price: float) -> None:
    """Whatever the areal energy and electrolyte price: a finite positive cost, the cost of a
    good m2 independent of the energy (cell x energy / 1000 = USD/m2), pack = cell + adder,
    and the breakdown adds up to the cell cost."""
    res = cell_cost(sulfide_stack(f"{energy_Wh_m2!r} Wh/m2"),
                    options=CostOptions(prices={**TEST_PRICES, "li6ps5cl": price}))
    assert res.has_cost, res.reason
    assert math.isfinite(res.cell_cost_USD_per_kWh) and res.cell_cost_USD_per_kWh > 0
    assert res.cell_cost_USD_per_kWh * energy_Wh_m2 / 1000 == pytest.approx(
        res.cost_USD_per_m2, rel=1e-9)
    assert res.pack_cost_USD_per_kWh - res.cell_cost_USD_per_kWh == pytest.approx(
        res.pack_integration_USD_per_kWh, abs=1e-9)
    cell_items = sum(b.cost_USD_per_kWh for b in res.breakdown if b.category != "pack")
    assert cell_items == pytest.approx(res.cell_cost_USD_per_kWh, rel=1e-9)


def test_a_tiny_interest_rate_costs_as_a_zero_one() -> None:
    """CostOptions(interest_rate=1e-80) raised ZeroDivisionError: (1 + i)^n - 1 rounded to 0."""
    assert capital_recovery_factor(1e-80, 10) == pytest.approx(0.1, rel=1e-12)
    tiny = cell_cost(sulfide_stack(), options=CostOptions(interest_rate=1e-80,
                                                          prices=TEST_PRICES))
    zero = cell_cost(sulfide_stack(), options=CostOptions(interest_rate=0.0, prices=TEST_PRICES))
    assert tiny.cell_cost_USD_per_kWh == pytest.approx(zero.cell_cost_USD_per_kWh, rel=1e-12)


@pytest.fixture(scope="module")
def model():
    from solidcell.manufacturing.cost import cost_model

    return cost_model(sulfide_stack(), options=CostOptions(prices=TEST_PRICES))


def test_cost_model_gives_nan_for_a_negative_mass_or_thickness(model) -> None:
    """A negative cathode mass gave a cell cost of -206 USD/kWh; a negative thickness of a
    line-made layer was ignored. Both are NaN now, as a non-positive energy is."""
    cell, pack = model(np.array([150.0, 150.0, 150.0]), {"cathode": np.array([0.25, -1.0, 0.25])},
                       {"cathode": np.array([80e-6, 80e-6, -1e-6])})
    assert math.isfinite(cell[0]) and np.isnan(cell[1:]).all() and np.isnan(pack[1:]).all()
    assert cell[0] == pytest.approx(model.reference.cell_cost_USD_per_kWh, rel=1e-12)


@pytest.mark.parametrize(("args", "field"), [
    ((True,), "areal_energy_Wh_m2"),                       # was 1 Wh/m2: 22280 USD/kWh
    (("150",), "areal_energy_Wh_m2"),
    ((np.array([True, False]),), "areal_energy_Wh_m2"),
    ((150.0, {"cathode": True}), "areal_mass_kg_m2.cathode"),
    ((150.0, None, {"separator": "30 um"}), "thickness_m.separator"),
])
def test_cost_model_refuses_bools_and_text_naming_the_argument(model, args, field) -> None:
    with pytest.raises(ValidationError) as info:
        model(*args)
    assert info.value.field == field


def test_cost_model_arrays_that_do_not_broadcast_are_a_validation_error(model) -> None:
    with pytest.raises(ValidationError) as info:
        model(np.array([100.0, 200.0]), {"cathode": np.array([0.2, 0.3, 0.4])})
    assert "broadcast" in info.value.allowed


def test_sensitivity_spreads_say_null_not_minus_one_for_the_price_ranges() -> None:
    """The JSON said "price": -1.0, a negative spread, for 'the ends of each price range'."""
    res = cell_cost(sulfide_stack(), options=CostOptions(prices=TEST_PRICES))
    assert cost_sensitivity(res).to_json()["Spreads"]["price"] is None
    assert cost_sensitivity(res, price_spread=0.2).spreads["price"] == 0.2


@pytest.mark.parametrize(("field", "value"), [("thickness", 30), ("thickness", "2 m"),
                                              ("feature_size", 20)])
def test_a_layer_of_a_metre_or_more_is_refused_with_the_unit_hint(field: str,
                                                                  value: object) -> None:
    """`thickness: 30` (meant as um) was planned as a 30 m layer: 'no route', thickness
    3e+07 um outside every process's range. The hint about bare metres is for a bare number
    only: '2 m' was told to write '2 um' (tests/manufacturing/test_mfg_layer_length_units.py)."""
    with pytest.raises(ValidationError) as info:
        Layer(**{**LAYER, field: value})
    bare = not isinstance(value, str)
    assert info.value.field == field and "below 1 m" in info.value.allowed
    assert ("bare number is in metres" in info.value.allowed) == bare


def test_an_unknown_material_id_suggests_the_closest_ids() -> None:
    from solidcell.errors import NotFoundError
    from solidcell.manufacturing.routes import plan_routes

    data = sulfide_stack()
    data["layers"][2]["material"] = "li6ps5cll"
    with pytest.raises(NotFoundError, match=r"'li6ps5cll' is not in the knowledge base "
                                            r"\(did you mean li6ps5cl"):
        plan_routes(data)


def test_a_stack_needs_a_name() -> None:
    """An empty name printed ': 16 build orders tried'."""
    with pytest.raises(ValidationError) as info:
        LayerStack.from_dict({**sulfide_stack(), "name": ""})
    assert info.value.field == "name"


def test_cell_cost_refuses_the_plan_of_another_design() -> None:
    """The thin-film plan given for the sulfide stack was costed as is: 24948 instead of
    149 USD/kWh, with the route of another cell."""
    from mfg_stacks import thin_film_stack

    from solidcell.manufacturing.routes import plan_routes

    options = CostOptions(prices=TEST_PRICES)
    with pytest.raises(ValidationError) as info:
        cell_cost(sulfide_stack(), plan=plan_routes(thin_film_stack()), options=options)
    assert info.value.field == "plan"
    own = cell_cost(sulfide_stack(), plan=plan_routes(sulfide_stack()), options=options)
    assert own.has_cost and own.route.order[0] in {"al", "cu"}


def _curated_data() -> dict:
    from importlib import resources

    import yaml

    text = resources.files("solidcell.manufacturing").joinpath("data", "processes.yaml")
    return yaml.safe_load(text.read_text("utf-8"))


@pytest.mark.parametrize(("path", "value", "field"), [
    (("capital_cost_classes", "low"), {"value": -2e5, "unit": "USD"}, "capital_cost_classes.low"),
    (("atmospheres", "dry_room"), {"value": -0.3, "unit": "USD/m2"}, "atmospheres.dry_room"),
    (("sintering_defaults", "oxide_active"), {"value": -300, "unit": "degC"},
     "sintering_defaults.oxide_active"),
    (("thermal_limits", "classes", "coating"), {"value": -300, "unit": "degC"},
     "thermal_limits.classes.coating"),
    (("cost_defaults", "interest_rate"), {"value": 5, "unit": ""}, "cost_defaults.interest_rate"),
    (("cost_defaults", "pack_integration_cost"), {"value": -39, "unit": "USD/kWh"},
     "cost_defaults.pack_integration_cost"),
    (("cost_defaults", "cell_finishing_yield"), {"value": 0, "unit": ""},
     "cost_defaults.cell_finishing_yield"),
])
def test_a_process_database_with_unphysical_rules_is_refused_naming_the_entry(
        path: tuple[str, ...], value: dict, field: str) -> None:
    """A negative capex class or surcharge gave negative step costs, temperatures below 0 K
    passed, and an interest rate of 5 in `--processes` was refused only later, as the option
    `interest_rate` the user never typed."""
    data = _curated_data()
    entry = data
    for key in path:
        entry = entry[key]
    entry.update(value)
    with pytest.raises(ValidationError) as info:
        parse_database(data)
    assert info.value.field == field


@pytest.mark.parametrize(("field", "text", "si"), [
    ("areal_mass", "25 mg/cm2", 0.25), ("areal_mass", "0.25 kg/m2", 0.25),
    ("porosity", "30 %", 0.30),
])
def test_areal_mass_and_porosity_take_text_with_a_unit(field: str, text: str, si: float) -> None:
    """As thickness does ('30 um'); '25 mg/cm2' was refused as 'not a valid number'."""
    assert getattr(Layer(**{**LAYER, field: text}), field) == pytest.approx(si, rel=1e-12)


@pytest.mark.parametrize(("field", "text"), [("areal_mass", "30 %"), ("areal_mass", "0.25"),
                                             ("porosity", "25 mg/cm2")])
def test_text_of_the_wrong_kind_is_refused_naming_the_field(field: str, text: str) -> None:
    with pytest.raises(ValidationError) as info:
        Layer(**{**LAYER, field: text})
    assert info.value.field == field and info.value.value == text


@pytest.mark.parametrize("kwargs", [{"operating_hours": np.int64(6000)},
                                    {"interest_rate": np.float32(0.05)},
                                    {"prices": {"li6ps5cl": np.int64(50)}}])
def test_cost_options_take_numpy_numbers(kwargs: dict) -> None:
    """np.int64(6000) operating hours (from a DataFrame) was refused as 'not allowed; hours per
    year in (0, 8784]', though within the range."""
    opts = CostOptions(**kwargs).resolved()
    assert type(opts.operating_hours) is float and type(opts.interest_rate) is float
    res = cell_cost(sulfide_stack(), options=CostOptions(**{**kwargs, "prices": {
        **TEST_PRICES, **kwargs.get("prices", {})}}))
    assert res.has_cost


@pytest.mark.parametrize("kwargs", [{"operating_hours": "6000"}, {"interest_rate": True},
                                    {"prices": {"li6ps5cl": np.bool_(True)}}])
def test_cost_options_still_refuse_text_and_bools(kwargs: dict) -> None:
    with pytest.raises(ValidationError):
        CostOptions(**kwargs).resolved()


def test_cost_sources_are_those_of_the_database_in_use() -> None:
    """With a user database the cost defaults' sources were still the curated database's."""
    data = _curated_data()
    for q in data["cost_defaults"].values():
        q["source"] = "my_plant_data"
    res = cell_cost(sulfide_stack(), processes=parse_database(data),
                    options=CostOptions(prices=TEST_PRICES))
    assert res.has_cost and "my_plant_data" in res.sources
    assert "bnef2023_pack_prices" not in res.sources  # the curated pack adder's source
