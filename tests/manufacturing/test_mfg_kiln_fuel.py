"""The kiln fuel of a sintering step: ``m c_p (T - T_room) / efficiency * fuel price``.

Sources of the inputs (keys in manufacturing.bib):
- efficiency: Ruark 2001 (``ruark2001_tunnel_kiln_energy``): a modern 300 ft sanitaryware
  tunnel kiln burns 2000 Btu per pound of green ware (gross) where heating the ware takes 504
  Btu per pound, "a thermal efficiency of about 25 %";
- fuel price: US industrial natural gas 7.66 USD per thousand cubic feet in 2022
  (``eia2023_natural_gas_statistics``) at 1036 Btu per cubic foot
  (``eia_natural_gas_heat_content``);
- heat capacity: Dulong-Petit, 3R per mole of atoms (``dulong1819_petit``), against the
  0.55-0.80 J/(g K) measured on LLZO from room temperature to 1225 K
  (``neises2022_llzo_thermal``).
"""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from mfg_stacks import TEST_PRICES, sulfide_stack

from solidcell.manufacturing.cost import cell_cost, cost_model
from solidcell.manufacturing.economics import (
    CostOptions,
    dulong_petit_heat_capacity,
    firing_fuel_cost,
    step_cost_per_area,
)
from solidcell.manufacturing.processes import load_processes
from solidcell.manufacturing.routes import as_stack, plan_routes

DB = load_processes()
RUARK_GROSS_BTU_LB = 2000.0   # gross fuel per pound of green ware
RUARK_WARE_BTU_LB = 504.0     # specific heat x weight x temperature rise, per pound
EIA_INDUSTRIAL_USD_MCF = 7.66  # 2022, nominal
EIA_BTU_PER_CF = 1036.0       # 2022, U.S.
BTU_PER_KWH = 3.6e6 / 1055.05585262  # IT Btu (exact definitions)
NEISES_CP_J_G_K = (0.55, 0.80)  # LLZO, DSC, room temperature to 1225 K
ROOM_K = 298.15


def test_the_kiln_inputs_are_those_of_their_sources() -> None:
    assert DB.kiln_value("thermal_efficiency") == pytest.approx(
        RUARK_WARE_BTU_LB / RUARK_GROSS_BTU_LB, abs=1e-3)
    price = EIA_INDUSTRIAL_USD_MCF / (EIA_BTU_PER_CF * 1000.0) * BTU_PER_KWH
    assert DB.kiln_value("fuel_price") == pytest.approx(price, rel=1e-3)
    assert DB.kiln["thermal_efficiency"].source == "ruark2001_tunnel_kiln_energy"
    assert DB.kiln["fuel_price"].source == "eia2023_natural_gas_statistics"


def test_dulong_petit_heat_capacity_of_llzo_is_within_the_measured_range() -> None:
    """3 R x 24 atoms / 0.8397 kg/mol = 713 J/(kg K), inside Neises et al.'s 550-800."""
    cp = dulong_petit_heat_capacity("Li7La3Zr2O12")
    assert cp == pytest.approx(3 * 8.314462618 * 24 / 0.83974, rel=1e-3)
    lo, hi = NEISES_CP_J_G_K
    assert 1e3 * lo < cp < 1e3 * hi


def test_firing_fuel_by_hand() -> None:
    """0.1 kg/m2 of LLZO fired at 1230 degC: 0.1 x 713 x 1205 / 0.252 J = 0.0947 kWh, at
    0.02523 USD/kWh 0.00239 USD/m2."""
    cost = firing_fuel_cost(0.1, 712.9, 1503.15, ROOM_K, 0.252, 0.02523)
    assert cost == pytest.approx(0.1 * 712.9 * 1205 / 0.252 / 3.6e6 * 0.02523, rel=1e-12)
    assert cost == pytest.approx(0.00239, abs=1e-5)
    assert firing_fuel_cost(0.1, 712.9, 290.0, ROOM_K, 0.252, 0.02523) == 0.0


@given(st.floats(0, 10), st.floats(0, 10), st.floats(300, 2000), st.floats(0, 500),
       st.floats(0.01, 1))
def test_hotter_or_heavier_never_costs_less(mass: float, extra_mass: float, t: float,
                                            dt: float, efficiency: float) -> None:
    base = firing_fuel_cost(mass, 700.0, t, ROOM_K, efficiency, 0.025)
    assert firing_fuel_cost(mass, 700.0, t + dt, ROOM_K, efficiency, 0.025) >= base
    assert firing_fuel_cost(mass + extra_mass, 700.0, t, ROOM_K, efficiency, 0.025) >= base
    assert base >= 0


def _tape_stack(thickness: str = "160 um") -> dict:
    return {"name": "tape | Li", "areal_energy": "100 Wh/m2", "layers": [
        {"name": "sep", "role": "electrolyte", "material": "llzo", "thickness": thickness},
        {"name": "anode", "role": "anode", "material": "li_metal", "thickness": "20 um"}]}


def test_a_tape_cast_llzo_step_adds_its_kiln_fuel() -> None:
    """The step cost is the equipment, consumables and atmosphere plus the fuel at the
    sintering temperature of the material, with the kiln's sources named."""
    stack = as_stack(_tape_stack())
    step = next(s for s in plan_routes(stack).best.steps if s.layer == "sep")
    assert step.process == "tape_casting"
    layer = stack.layers[0]
    fuel = firing_fuel_cost(layer.mass_per_area(), dulong_petit_heat_capacity("Li7La3Zr2O12"),
                            step.temperature_K, ROOM_K, DB.kiln_value("thermal_efficiency"),
                            DB.kiln_value("fuel_price"))
    rest = step_cost_per_area(DB, DB.get("tape_casting"), layer.thickness, step.atmosphere,
                              CostOptions().resolved(DB))
    assert step.process_cost_USD_per_m2 == pytest.approx(rest + fuel, rel=1e-12)
    assert fuel > 0
    for key in ("ruark2001_tunnel_kiln_energy", "eia2023_natural_gas_statistics",
                "dulong1819_petit"):
        assert key in step.sources


def test_steps_that_fire_nothing_cost_no_fuel() -> None:
    plan = plan_routes(sulfide_stack())
    assert all(s.firing_USD_per_kg == 0.0 for s in plan.best.steps)


def test_a_thicker_tape_costs_more_fuel_per_m2_and_the_same_per_kg() -> None:
    thin = next(s for s in plan_routes(_tape_stack("100 um")).best.steps if s.layer == "sep")
    thick = next(s for s in plan_routes(_tape_stack("300 um")).best.steps if s.layer == "sep")
    assert thin.firing_USD_per_kg == pytest.approx(thick.firing_USD_per_kg)
    assert thick.process_cost_USD_per_m2 > thin.process_cost_USD_per_m2


def test_the_vectorised_model_charges_the_fuel_per_row_mass() -> None:
    """cost_model reproduces cell_cost of the reference and of a design with twice the
    separator mass (the fuel grows with it), as the screen uses it."""
    options = CostOptions(prices={**TEST_PRICES, "llzo": 20.0, "li_metal": 100.0})
    ref = cell_cost(_tape_stack(), options=options)
    assert ref.has_cost, ref.reason
    model = cost_model(_tape_stack(), options=options)
    cell, _ = model(ref.areal_energy_Wh_per_m2)
    assert cell == pytest.approx(ref.cell_cost_USD_per_kWh, rel=1e-12)
    double = cell_cost(_tape_stack("320 um"), options=options)
    assert double.route.describe() == ref.route.describe()
    mass = model.layer_areal_mass_kg_m2[model.layer_names.index("sep")]
    cell2, _ = model(double.areal_energy_Wh_per_m2, {"sep": 2 * mass}, {"sep": 320e-6})
    assert cell2 == pytest.approx(double.cell_cost_USD_per_kWh, rel=1e-9)


def test_a_database_without_a_kiln_costs_no_fuel() -> None:
    """A user's process file written before the kiln section still loads and fires free."""
    from solidcell.manufacturing.processes import parse_database

    text = resources.files("solidcell.manufacturing").joinpath("data", "processes.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    data.pop("kiln")
    db = parse_database(data)
    step = next(s for s in plan_routes(_tape_stack(), processes=db).best.steps
                if s.layer == "sep")
    assert step.firing_USD_per_kg == 0.0


def test_a_kiln_with_a_bad_efficiency_is_refused() -> None:
    from solidcell.errors import ValidationError
    from solidcell.manufacturing.processes import parse_database

    text = resources.files("solidcell.manufacturing").joinpath("data", "processes.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    data["kiln"]["thermal_efficiency"]["value"] = 1.5
    with pytest.raises(ValidationError, match="thermal_efficiency"):
        parse_database(data)


def test_the_fuel_of_a_20_um_llzo_separator_is_a_quarter_cent() -> None:
    """The separator of docs/validation.md's Balaish row: 0.1023 kg/m2 of LLZO fired at the
    knowledge base's 1230 degC costs 0.0024 USD/m2 of fuel (0.097 kWh)."""
    stack = sulfide_stack()
    sep = next(layer for layer in stack["layers"] if layer["role"] == "electrolyte")
    sep.clear()
    sep.update({"name": "separator", "role": "electrolyte", "material": "llzo",
                "thickness": "20 um"})
    layer = next(x for x in as_stack(stack).layers if x.name == "separator")
    step = next(s for s in plan_routes(stack).best.steps if s.layer == "separator")
    assert step.process == "tape_casting"
    fuel = step.firing_USD_per_kg * layer.mass_per_area()
    assert fuel == pytest.approx(0.00244, abs=1e-5)
    kwh = fuel / DB.kiln_value("fuel_price")
    assert kwh == pytest.approx(0.0969, abs=1e-4)


def test_cheaper_routes_ranks_steps_with_their_kiln_fuel() -> None:
    """The ranking of :meth:`CostModel.cheaper_routes` (``_RouteRanker``) costs each step as
    the planner's ``check_step`` does, kiln fuel included: on the reference row, the ranker's
    cost of every step of the oxide example's route is the route's own step cost plus its
    layer's materials (paid at that step), and the design's own row finds no cheaper route."""
    import numpy as np

    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import evaluate_many
    from solidcell.manufacturing.cost import _RouteRanker

    design = CellDesign.from_yaml("examples/oxide-lco-llzo-li.yaml")
    model = cost_model(design)
    fired = [s for s in model.reference.route.steps if s.firing_USD_per_kg]
    assert fired  # the LLZO separator is fired in a kiln
    one = {n: np.array([t]) for n, t in zip(model.layer_names, model.layer_thickness_m,
                                            strict=True)}
    mass = {n: np.array([m]) for n, m in zip(model.layer_names,
                                             model.layer_areal_mass_kg_m2, strict=True)}
    ranker = _RouteRanker(model, one, np.array([0.0]), {}, mass)
    for (i, process, atm), step in zip(model._steps, model.reference.route.steps,
                                       strict=True):
        cost = ranker.step((i, process.id, atm))[2][0]
        material = model.layer_areal_mass_kg_m2[i] * model.layer_price_USD_per_kg[i]
        assert cost == pytest.approx(step.process_cost_USD_per_m2 + material, rel=1e-12)
    assert model.cheaper_routes(evaluate_many([design])) == []
