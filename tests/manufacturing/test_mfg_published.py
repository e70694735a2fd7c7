"""The cost model against a published bottom-up cost model: Argonne's BatPaC (2nd edition).

Source, read in full: P. A. Nelson, K. G. Gallagher, I. Bloom, D. W. Dees, "Modeling the
Performance and Cost of Lithium-Ion Batteries for Electric-Drive Vehicles", 2nd ed., Argonne
National Laboratory report ANL-12/55 (2012), key ``nelson2012_batpac``; all money in 2010 USD.
Its baseline plant (section 5.3, Table 5.4) gives the inputs of one process step completely:
the positive-electrode coating line and the calender after it. What BatPaC states is compared
with what solidcell's step-cost formula (``economics.step_cost_per_area``) makes of the same
inputs, and with the curated (estimated) process database. The published solid-state models
(Schnell et al. 2019, 2020; Duffner et al. 2021) could not be read in full here, so no
solid-state figure is reproduced (docs/validation.md).
"""

from __future__ import annotations

import math
from importlib import resources

import pytest
import yaml
from mfg_stacks import TEST_PRICES, sulfide_stack

from solidcell.manufacturing.cost import cell_cost
from solidcell.manufacturing.economics import (
    CostOptions,
    capital_recovery_factor,
    equipment_rate,
    step_cost_per_area,
)
from solidcell.manufacturing.processes import ProcessDatabase, load_processes, parse_database
from solidcell.manufacturing.routes import plan_routes

# ---- BatPaC 2nd edition, baseline plant (100,000 packs/y), positive electrode --------------
WEB_WIDTH_M = 1.5            # section 5.3.3: "coating lines are 1.5 meter wide"
LINE_SPEED_M_MIN = 10.0      # section 5.3.3: "at a line speed of 10 m/min"
FACES_PER_PASS = 2           # section 5.3.3: the line coats both sides of the foil in one pass
HOURS_PER_YEAR = 300 * 3 * 8  # section 5.3: 300 days with three 8-h shifts = 7200 h
COATER_CAPEX_USD = 8.0e6     # section 5.3.3 / Table 5.4: 8.0 mil$ installed
CALENDER_CAPEX_USD = 1.0e6   # section 5.3.4 / Table 5.4: 1.0 mil$ installed
CELL_AREA_M2_Y = 8.17e6      # section 5.3.3: 8,170,000 m2/y of cell area (positive electrode)
MAX_AREA_M2_Y = 13.0e6       # section 5.3.3: maximum rate 13,000,000 m2/y
DEPRECIATION_YEARS = 6       # section 5.6.2 / Table 5.8: straight line over 6 years (16.7 %/y)
#: Table 5.4, installed capital of the cell-finishing steps solid-state cells also need [USD]:
#: stacking 4.00, tab welding 4.00, enclosing 3.00, formation cycling 30.00, final sealing 2.00,
#: charge-retention testing 4.75 M USD (electrolyte filling 5.00 and the dry room 20.00 left out)
FINISHING_CAPEX_USD = (4.00 + 4.00 + 3.00 + 30.00 + 2.00 + 4.75) * 1e6
COATING_YIELD = 0.95         # Table 5.5: positive electrode, coating column
CELL_YIELD = 0.95            # section 5.3.15: about 5 % of cells fail formation and testing

#: BatPaC's equipment charge per m2 of cell area (its depreciation, no overheads):
#: (8.0 + 1.0) M USD / 6 y / 8.17e6 m2/y = 0.1836 USD/m2
BATPAC_USD_PER_M2 = (COATER_CAPEX_USD + CALENDER_CAPEX_USD) / DEPRECIATION_YEARS / CELL_AREA_M2_Y


def _database_with_batpac_line() -> ProcessDatabase:
    """The curated database, its slurry line replaced by BatPaC's (both faces: 3.0 m of layer
    per metre of line travel; the model's time per m2 of layer is 1 / (speed x width)), with
    no variable cost, so that the step cost is the equipment charge alone."""
    text = resources.files("solidcell.manufacturing").joinpath("data", "processes.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    entry = next(p for p in data["processes"] if p["id"] == "slurry_coating_calendering")
    src = {"method": "estimated", "source": "nelson2012_batpac"}
    entry["line_speed"] = {"value": LINE_SPEED_M_MIN, "unit": "m/min", **src}
    entry["web_width"] = {"value": WEB_WIDTH_M * FACES_PER_PASS, "unit": "m", **src}
    entry["capex"] = {"value": COATER_CAPEX_USD + CALENDER_CAPEX_USD, "unit": "USD", **src}
    entry["variable_cost"] = {"value": 0.0, "unit": "USD/m2", **src}
    return parse_database(data)


BATPAC_ECONOMICS = CostOptions(interest_rate=0.0, equipment_life_years=DEPRECIATION_YEARS,
                               operating_hours=HOURS_PER_YEAR)


def test_batpac_line_rate_gives_its_stated_maximum_annual_area() -> None:
    """1.5 m x 10 m/min x 2 faces for 7200 h = 12.96e6 m2/y; BatPaC states 13,000,000 m2/y.
    Measured 0.3 %; tolerance 4 %: the stated figure is rounded to two significant digits."""
    process = _database_with_batpac_line().get("slurry_coating_calendering")
    annual = HOURS_PER_YEAR * 3600.0 / process.time_per_area(80e-6)
    assert annual == pytest.approx(12.96e6, rel=1e-12)
    assert annual == pytest.approx(MAX_AREA_M2_Y, rel=0.04)


def test_batpac_equipment_charge_differs_only_by_line_utilisation() -> None:
    """Same capex, 6-year straight line (interest 0: CRF = 1/6) and 7200 h: solidcell charges
    the machine time of the m2 at full line speed, 0.1157 USD/m2; BatPaC spreads its
    depreciation over the 8.17e6 m2/y it needs from a 12.96e6 m2/y line (30 % spare
    capacity, 18 % uncoated foil), 0.1836 USD/m2. The ratio is the utilisation 0.630."""
    db = _database_with_batpac_line()
    process = db.get("slurry_coating_calendering")
    model = step_cost_per_area(db, process, 80e-6, "ambient", BATPAC_ECONOMICS.resolved(db))
    capacity = HOURS_PER_YEAR * 3600.0 / process.time_per_area(80e-6)
    batpac = BATPAC_USD_PER_M2
    assert batpac == pytest.approx(0.1836, abs=1e-4)
    assert model == pytest.approx(0.1157, abs=1e-4)
    assert model == pytest.approx(batpac * CELL_AREA_M2_Y / capacity, rel=1e-12)
    assert model / batpac == pytest.approx(0.630, abs=0.001)


def test_batpac_line_through_the_whole_cost_model() -> None:
    """`cell_cost` with BatPaC's line and economics charges each slurry-coated layer exactly
    the step cost above plus the dry-room surcharge (the layer-area convention holds end to
    end: one m2 of each layer per m2 of repeat unit)."""
    db = _database_with_batpac_line()
    options = CostOptions(interest_rate=0.0, equipment_life_years=DEPRECIATION_YEARS,
                          operating_hours=HOURS_PER_YEAR, prices=TEST_PRICES)
    res = cell_cost(sulfide_stack(), processes=db, options=options)
    assert res.has_cost, res.reason
    dry_room = db.atmospheres["dry_room"].si("area price")
    slurry = [s for s in res.route.steps if s.process == "slurry_coating_calendering"]
    assert slurry, res.route.describe()
    for step in slurry:
        assert step.process_cost_USD_per_m2 == pytest.approx(
            0.11574 + (dry_room if step.atmosphere == "dry_room" else 0.0), abs=1e-5)


def test_curated_slurry_line_against_batpac() -> None:
    """The curated line (estimates: 30 m/min x 0.6 m, class 'high' 1e7 USD, 8 %/10 y, 6000 h)
    charges 0.2300 USD/m2 of equipment, 25 % above BatPaC's 0.1836 USD/m2 (capex +11 %, CRF
    0.149 vs 0.167, hours 6000 vs 7200, throughput 0.3 vs 0.5 m2/s, utilisation 1 vs 0.63).
    Band +-50 %: the database's line data are order-of-magnitude estimates; a change that
    leaves the band must update docs/validation.md."""
    db = load_processes()
    process = db.get("slurry_coating_calendering")
    options = CostOptions().resolved(db)
    equipment = equipment_rate(db, process, options) * process.time_per_area(80e-6)
    assert equipment == pytest.approx(0.2300, abs=1e-4)
    assert 1 / 1.5 < equipment / BATPAC_USD_PER_M2 < 1.5
    assert equipment / BATPAC_USD_PER_M2 == pytest.approx(1.25, abs=0.01)
    # installed cost of coater + calender: class 'high' 1e7 USD vs BatPaC 9.0e6 USD (+11 %)
    assert db.capex(process) / (COATER_CAPEX_USD + CALENDER_CAPEX_USD) == pytest.approx(
        1.11, abs=0.01)


def test_finishing_adder_against_batpac_cell_assembly_equipment() -> None:
    """solidcell's cell-finishing adder (estimate, 1.0 USD/m2) against the depreciation alone of
    BatPaC's stacking, welding, enclosing, formation, sealing and testing equipment over its
    8.17e6 m2/y of cell area (40-Ah cells of about 1.3 m2): 47.75 M USD / 6 y / 8.17e6 m2/y =
    0.974 USD/m2. The adder matches the equipment alone (+3 %) and so leaves out BatPaC's labour
    and overheads for these steps: a low estimate, kept (not tuned). Band 0.5-2: an edit that
    leaves it must update docs/validation.md."""
    batpac = FINISHING_CAPEX_USD * capital_recovery_factor(0.0, DEPRECIATION_YEARS) / \
        CELL_AREA_M2_Y
    assert batpac == pytest.approx(0.9741, abs=1e-4)
    adder = CostOptions().resolved(load_processes()).cell_finishing_cost_USD_m2
    assert 0.5 < adder / batpac < 2.0
    assert adder / batpac == pytest.approx(1.03, abs=0.01)


def test_yields_are_batpacs() -> None:
    """Coating yield 0.95 (BatPaC Table 5.5) and cell-finishing yield 0.95 (about 5 % of the
    cells fail formation and charge-retention tests, section 5.3.15), cited as such."""
    db = load_processes()
    coating = db.get("slurry_coating_calendering").process_yield
    assert coating.si("fraction") == COATING_YIELD and coating.source == "nelson2012_batpac"
    finishing = db.cost_defaults["cell_finishing_yield"]
    assert CostOptions().resolved(db).cell_finishing_yield == CELL_YIELD
    assert finishing.source == "nelson2012_batpac"


# ---- Burton et al. 2025 (Nature Energy 10), thin lithium anodes for solid-state cells --------
#: Read: the abstract and the Faraday Institution's case study of it (key
#: ``burton2025_thin_lithium``): for 1000 Wh/L the lithium reservoir may be at most 17 um, and
#: thermal evaporation is the only currently feasible process to make it at scale; the
#: projected cell cost is "comparable to today's lithium-ion batteries". Its cost figures
#: could not be read, so only the route and the qualitative cost claim are compared.
BURTON_MAX_LI_RESERVOIR_M = 17e-6


def _sulfide_stack_with_lithium(thickness_m: float) -> dict:
    data = sulfide_stack()
    anode = data["layers"][3]
    assert anode["material"] == "li_metal"
    anode["thickness"] = thickness_m
    anode.pop("areal_mass")  # thickness x lithium density
    return data


def test_a_17_um_lithium_reservoir_is_made_by_thermal_evaporation() -> None:
    """The planner agrees with Burton et al.: at 17 um the lithium layer is evaporated, and the
    foil line is refused for its thickness (20-200 um, estimate after schnell2018_production)."""
    plan = plan_routes(_sulfide_stack_with_lithium(BURTON_MAX_LI_RESERVOIR_M))
    assert plan.feasible, plan.reason
    anode = next(s for s in plan.best.steps if s.layer == "anode")
    assert anode.process == "lithium_evaporation" and anode.status == "feasible"
    foil = next(o for o in plan.options
                if o.layer == "anode" and o.process == "lithium_foil_lamination")
    assert foil.status == "rejected"
    assert any(r.startswith("thickness 17 um outside 20 um-200 um") for r in foil.reasons)


@pytest.mark.xfail(strict=True, reason=(
    "known disagreement (docs/validation.md): the curated lithium_evaporation entry (estimates: "
    "a 1 m2 batch chamber at 20 nm/s, 600 s per batch, 4e7 USD) charges about 400 USD/m2 for "
    "17 um, so the cell costs about 23 times the same cell with a 20 um laminated foil; Burton "
    "et al. project a cost comparable to Li-ion. Their line data could not be read, nor could "
    "any web coater's: Sidrabe states 1-20 um per pass but no speed, STELLAR's planned line "
    "about 60 km of foil a year at 5-15 um but no web width or price. Within 2x needs at "
    "least 55 m2/h (at most 66 s/m2) at the 4e7 USD class, 22 times the curated entry's rate "
    "(test_the_evaporation_throughput_that_would_make_the_cost_comparable)."))
def test_an_evaporated_lithium_reservoir_keeps_the_cell_cost_comparable() -> None:
    """'Comparable', read loosely: at most twice the cost of the same cell with the thinnest
    laminated foil the database allows (20 um)."""
    options = CostOptions(prices=TEST_PRICES)
    thin = cell_cost(_sulfide_stack_with_lithium(BURTON_MAX_LI_RESERVOIR_M), options=options)
    foil = cell_cost(_sulfide_stack_with_lithium(20e-6), options=options)
    assert thin.has_cost and foil.has_cost
    assert thin.cell_cost_USD_per_kWh < 2 * foil.cell_cost_USD_per_kWh


# ---- what a comparable cost would need (no line data could be read) -------------------------
#: STELLAR (electrive2025_stellar_lithium): a roll-to-roll test line depositing lithium in a
#: vacuum chamber onto copper foil, planned for about 60 km of anode foil a year at 5-15 um;
#: its web width, line speed and price are not stated
STELLAR_FOIL_M_PER_YEAR = 60e3


def test_the_evaporation_throughput_that_would_make_the_cost_comparable() -> None:
    """The break-even behind the xfail above, from the model's own formulas (not data): with the
    curated economics and the 4e7 USD class, the 17 um cell costs less than twice the foil cell
    only if the evaporation step costs at most 18.69 USD/m2, i.e. at most 65.9 s of machine
    time per m2 (54.6 m2/h); the curated entry needs 1450 s/m2 (22.0 times that). Before the
    rolled yield (2026-12-07: a scrapped part is charged only the layers it received) 18.89
    USD/m2, 66.6 s, 54.0 m2/h and 21.8; before that 19.19 USD/m2, 67.7 s, 53.2 m2/h and 21.4,
    when the copper foil made after the lithium paid the dry room's 0.3 USD/m2. Checked by
    rescaling the entry's coated area to that time: the ratio is then exactly 2. Without the
    600 s chamber cycle per m2 (a web coater pumps down once per roll) the step still costs
    235 USD/m2 and the cell 13.9 times the foil cell (14.1 before the rolled yield). A line of
    STELLAR's planned 60 km of foil a year, run the model's 6000 h, moves 0.167 m/min and would
    need a web 5.5 m wide at that class (the required width scales with the line's capex, which
    is not stated)."""
    options = CostOptions(prices=TEST_PRICES)
    thin = cell_cost(_sulfide_stack_with_lithium(BURTON_MAX_LI_RESERVOIR_M), options=options)
    foil = cell_cost(_sulfide_stack_with_lithium(20e-6), options=options)
    # scrap charged only for the work a scrapped part received (2026-12-07, rolled yield):
    # 3090.03 and 134.20; 3417.0 and 146.06 charged every part all layers and the finishing
    # (3419.4 and 148.52 before the dry room of the copper foil was dropped)
    assert thin.cell_cost_USD_per_kWh == pytest.approx(3090.03, abs=0.01)
    assert foil.cell_cost_USD_per_kWh == pytest.approx(134.20, abs=0.01)
    step = next(s for s in thin.route.steps if s.layer == "anode")
    assert step.process == "lithium_evaporation"
    assert step.process_cost_USD_per_m2 == pytest.approx(400.67, abs=0.01)
    # the step cost at which the cell costs twice the foil cell (the yields do not change):
    # a good m2 grows by the step's cost over its own, the later and the finishing yield
    energy_kWh_m2 = thin.areal_energy_Wh_per_m2 / 1000.0
    at = [s.layer for s in thin.route.steps].index("anode")
    scrap = thin.finishing_yield * math.prod(s.process_yield for s in thin.route.steps[at:])
    step_max = step.process_cost_USD_per_m2 + (
        2 * foil.cell_cost_USD_per_kWh * energy_kWh_m2 - thin.cost_USD_per_m2) * scrap
    assert step_max == pytest.approx(18.69, abs=0.01)  # 18.89 before the rolled yield
    db = load_processes()
    process = db.get("lithium_evaporation")
    economics = CostOptions().resolved(db)
    variable = step.process_cost_USD_per_m2 - equipment_rate(db, process, economics) * \
        process.time_per_area(BURTON_MAX_LI_RESERVOIR_M)
    time_max = (step_max - variable) / equipment_rate(db, process, economics)
    assert time_max == pytest.approx(65.92, abs=0.01)  # 66.63 before the rolled yield
    assert 3600.0 / time_max == pytest.approx(54.61, abs=0.01)  # 54.03 before
    # as lithium volume: 54.6 m2/h x 17 um = 1.5e4 mm3/min (the curated 20 nm/s over 1 m2 is
    # 1200 mm3/min while depositing)
    volume_mm3_min = BURTON_MAX_LI_RESERVOIR_M * 1e9 / time_max * 60.0
    assert volume_mm3_min == pytest.approx(1.55e4, rel=0.01)  # 1.53e4 before
    assert process.rate * process.si("coated_area") * 1e9 * 60.0 == pytest.approx(1200.0)
    now = process.time_per_area(BURTON_MAX_LI_RESERVOIR_M)
    # 21.76 before the rolled yield
    assert now == pytest.approx(1450.0) and now / time_max == pytest.approx(22.00, abs=0.05)
    # the break-even holds end to end: an entry that needs time_max per m2 gives ratio 2
    text = resources.files("solidcell.manufacturing").joinpath("data", "processes.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    entry = next(p for p in data["processes"] if p["id"] == "lithium_evaporation")
    entry["coated_area"]["value"] *= now / time_max
    faster = cell_cost(_sulfide_stack_with_lithium(BURTON_MAX_LI_RESERVOIR_M),
                       processes=parse_database(data), options=options)
    assert faster.cell_cost_USD_per_kWh / foil.cell_cost_USD_per_kWh == pytest.approx(
        2.0, rel=1e-9)
    # read as a web coater (deposition zone 1 m2, no chamber cycle per m2): still x13.9
    # (x14.1 before the rolled yield, x13.9 before the copper foil's dry room was dropped)
    web = yaml.safe_load(text.read_text("utf-8"))
    entry = next(p for p in web["processes"] if p["id"] == "lithium_evaporation")
    entry["batch_time"]["value"] = 0.0
    web_res = cell_cost(_sulfide_stack_with_lithium(BURTON_MAX_LI_RESERVOIR_M),
                        processes=parse_database(web), options=options)
    web_step = next(s for s in web_res.route.steps if s.layer == "anode")
    assert web_step.process_cost_USD_per_m2 == pytest.approx(235.08, abs=0.01)
    assert web_res.cell_cost_USD_per_kWh / foil.cell_cost_USD_per_kWh == pytest.approx(
        13.91, abs=0.01)
    # STELLAR's planned annual length at the model's operating hours
    speed = STELLAR_FOIL_M_PER_YEAR / (economics.operating_hours * 3600.0)  # m/s
    assert speed * 60.0 == pytest.approx(0.1667, abs=1e-4)
    assert 1.0 / (time_max * speed) == pytest.approx(5.46, abs=0.01)  # web width [m] (5.40)
