"""QA of routes, the process database and the cost model (session 14), as a cell engineer and a
techno-economic analyst use them: a process id with a typo got the whole list but no
suggestion; a price for an id that is no material of the design was dropped without a word
in Python; ``price_spread=False`` was a spread of 0 and ``np.float32(0.2)`` was refused; a
price or pack adder of -0 was shown as -0; the Prices table printed a single price as the range
'170-170'; a layer thickness, a price or a pack adder typed as a range ('30-50 um') was
refused as an unknown unit. The cost identities are checked over a large input space."""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mfg_stacks import TEST_PRICES, good_m2_by_hand, sulfide_stack

from clirun import assert_one_line_error, run
from solidcell.errors import NotFoundError, ValidationError
from solidcell.manufacturing.cost import CostResult, cell_cost, cost_sensitivity
from solidcell.manufacturing.economics import CostOptions
from solidcell.manufacturing.layers import LayerStack
from solidcell.manufacturing.processes import load_processes, parse_database

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
#: test inputs (not data): the EV example's two materials without a knowledge-base price
EV_PRICES = {"vgcf": 50.0, "linbo3": 100.0}


@pytest.fixture(scope="module")
def result() -> CostResult:
    return cell_cost(sulfide_stack(), options=CostOptions(prices=TEST_PRICES))


@pytest.mark.parametrize(("typed", "meant"), [("sputter", "sputtering"),
                                              ("tapecasting", "tape_casting"),
                                              ("Sol_Gel", "sol_gel")])
def test_an_unknown_process_id_gets_the_closest(typed: str, meant: str) -> None:
    # before: "process 'sputter' is not in the process database; known: cold_sintering, ..."
    with pytest.raises(NotFoundError) as err:
        load_processes().get(typed)
    # the closest first ("sputtering or sputtering_lco?" since the LiCoO2 recipe exists)
    assert f"did you mean {meant}" in str(err.value)
    assert "known: cold_sintering" in str(err.value)  # the list is still there


def test_an_unhashable_process_id_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="is not in the process database"):
        load_processes().get(["sputtering"])  # type: ignore[arg-type]  (TypeError before)


def test_a_price_for_no_material_of_the_design_is_listed_as_unused(result: CostResult) -> None:
    typo = cell_cost(sulfide_stack(),
                     options=CostOptions(prices={**TEST_PRICES, "li6pscl": 10.0}))
    # the typo changes nothing, and now says so (it was dropped silently)
    assert typo.cell_cost_USD_per_kWh == result.cell_cost_USD_per_kWh
    assert "li6pscl" in typo.unused_prices
    assert "li6ps5cl" not in typo.unused_prices
    assert "li6pscl" in typo.to_json()["Unused prices"]
    # the test prices hold ids of other stacks (llzo, lipon, ...): unused here, and listed
    assert set(result.unused_prices) == set(TEST_PRICES) - set(result.areal_masses_kg_per_m2)


def test_unused_prices_are_listed_when_there_is_no_cost_either() -> None:
    # the EV example's vgcf and linbo3 have no knowledge-base price: no cost, and the reason
    res = cell_cost(EV, options=CostOptions(prices={"vgcf": 50.0, "li6pscl": 10.0}))
    assert not res.has_cost and "linbo3" in res.reason
    assert res.unused_prices == ("li6pscl",)


@pytest.mark.parametrize("name", ["process_spread", "yield_spread", "energy_spread",
                                  "price_spread"])
def test_a_bool_is_no_spread(result: CostResult, name: str) -> None:
    # before: price_spread=False ran as a spread of 0 (process_spread=False too)
    with pytest.raises(ValidationError) as err:
        cost_sensitivity(result, **{name: False})
    assert err.value.field == name


def test_a_numpy_spread_is_a_spread(result: CostResult) -> None:
    # before: np.float32(0.2) was refused as "not a relative spread in [0, 1)"
    t = cost_sensitivity(result, process_spread=np.float32(0.25))
    assert t.spreads["process"] == pytest.approx(0.25)
    assert type(t.spreads["process"]) is float  # JSON-ready
    json.dumps(t.to_json(), default=float)


def test_a_price_of_minus_zero_is_zero() -> None:
    res = cell_cost(sulfide_stack(), options=CostOptions(prices={**TEST_PRICES,
                                                                 "li6ps5cl": -0.0},
                                                         pack_integration_cost_USD_kWh=-0.0))
    (li,) = [p for p in res.prices if p.material == "li6ps5cl"]
    assert li.price_USD_per_kg == 0.0 and math.copysign(1.0, li.price_USD_per_kg) == 1.0
    assert math.copysign(1.0, res.pack_integration_USD_per_kWh) == 1.0
    assert res.pack_cost_USD_per_kWh == res.cell_cost_USD_per_kWh


def test_cli_price_of_minus_zero_is_shown_as_zero(capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(["cost", str(EV), "--price", "vgcf=50", "--price", "linbo3=100",
                          "--price", "li6ps5cl=-0", "--pack-adder", "-0", "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    (li,) = [p for p in data["Prices"] if p["Material"] == "li6ps5cl"]
    assert math.copysign(1.0, li["Price [USD.kg-1]"]) == 1.0  # was -0.0
    assert math.copysign(1.0, data["Pack integration cost [USD.kW.h-1]"]) == 1.0


def test_the_prices_table_shows_a_single_price_once(capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(["cost", str(EV), "--price", "vgcf=50", "--price", "linbo3=100"],
                         capsys)
    assert code == 0, err
    rows = [line for line in out.splitlines() if line.startswith("\u2502 vgcf ")]
    assert rows, out
    assert "50-50" not in rows[0]  # was "50-50", read as a range
    assert "li6ps5cl" in out and "170-170" not in out
    assert "25-40" in out  # a range stays a range (nmc811, knowledge base)


# ------------------------------------------------------------------ ranges typed as one value
def test_a_layer_thickness_range_names_the_layer() -> None:
    data = sulfide_stack()
    data["layers"][2]["thickness"] = "30\u201350 \u00b5m"
    with pytest.raises(ValidationError) as err:
        LayerStack.from_dict(data)
    # before: "... unknown unit '–50 µm' in '30–50 µm'; expected a length unit ..."
    assert err.value.field == "layers[2].thickness"
    assert "is a range; a single value is expected" in str(err.value)


def test_cost_refuses_a_range_file_field_with_exit_2(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    data = sulfide_stack(energy="100-150 Wh/m2")
    path = tmp_path / "stack.yaml"
    path.write_text(yaml.safe_dump(data), "utf-8")
    code, out, err = run(["cost", str(path), "--price", "li6ps5cl=50"], capsys)
    assert_one_line_error(code, out, err, "areal_energy", "a single value is expected")


@pytest.mark.parametrize(("option", "value"), [("--price", "li6ps5cl=100-200 USD/kg"),
                                               ("--pack-adder", "5-10 USD/kWh")])
def test_cost_refuses_a_range_option(option: str, value: str,
                                     capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(["cost", str(EV), option, value], capsys)
    assert_one_line_error(code, out, err, option, "is a range; a single value is expected")


# ------------------------------------------------------------------ cost identities
@settings(max_examples=30, deadline=None)
@given(price=st.floats(0.0, 1e4), finishing_yield=st.floats(1e-3, 1.0),
       finishing=st.floats(0.0, 100.0), pack=st.floats(0.0, 1e3),
       interest=st.floats(0.0, 1.0), hours=st.floats(100.0, 8784.0))
def test_cost_breakdown_adds_up(price: float, finishing_yield: float, finishing: float,
                                pack: float, interest: float, hours: float) -> None:
    """docs/manufacturing.md, Cost model: C_m2 = sum_s a_s / (y_f prod_{j>=s} y_j) + a_f / y_f
    (each step's materials and process cost over its own and the later yields), never above
    (C_mat + sum c_s + c_finish) / Y, cell = C_m2 / (E/1000), pack = cell + c_pack; the
    breakdown rows (materials, processes,
    finishing, yield loss) add up to the cell cost, in USD/m2 and USD/kWh."""
    opts = CostOptions(prices={**TEST_PRICES, "li6ps5cl": price},
                       cell_finishing_yield=finishing_yield, cell_finishing_cost_USD_m2=finishing,
                       pack_integration_cost_USD_kWh=pack, interest_rate=interest,
                       operating_hours=hours)
    r = cell_cost(sulfide_stack(), options=opts)
    assert r.has_cost
    kwh = r.areal_energy_Wh_per_m2 / 1000.0
    assert r.areal_energy_Wh_per_m2 == pytest.approx(150.0)  # the stack's 150 Wh/m2
    cell_rows = [b for b in r.breakdown if b.category != "pack"]
    assert sum(b.cost_USD_per_m2 for b in cell_rows) == pytest.approx(r.cost_USD_per_m2,
                                                                      rel=1e-9)
    assert sum(b.cost_USD_per_kWh for b in cell_rows) == pytest.approx(
        r.cell_cost_USD_per_kWh, rel=1e-9)
    assert r.cost_USD_per_m2 == pytest.approx(good_m2_by_hand(r), rel=1e-12)
    assert r.cost_USD_per_m2 <= (r.material_cost_USD_per_m2 + r.process_cost_USD_per_m2
                                 + finishing) / r.total_yield * (1 + 1e-12)
    assert r.cell_cost_USD_per_kWh == pytest.approx(r.cost_USD_per_m2 / kwh, rel=1e-12)
    assert r.pack_cost_USD_per_kWh == pytest.approx(r.cell_cost_USD_per_kWh + pack, rel=1e-12)
    assert 0 < r.total_yield <= finishing_yield
    # the tornado's base is the cost, and every bar is a finite pair around it
    t = cost_sensitivity(r)
    assert t.base_cell_cost_USD_per_kWh == r.cell_cost_USD_per_kWh
    for b in t.bars:
        assert math.isfinite(b.cell_cost_low_USD_per_kWh)
        assert math.isfinite(b.cell_cost_high_USD_per_kWh)
        assert b.low_input <= b.high_input


@pytest.mark.parametrize("energy", ["150Wh/m2", "150 Wh/m2", "0.15 kWh/m2", "15 mWh/cm2",
                                    "150 W h / m2"])
def test_areal_energy_without_a_space_is_read(energy: str) -> None:
    # before: '150Wh/m2' was refused as "not an energy per area, e.g. '150 Wh/m2'"
    stack = LayerStack.from_dict(sulfide_stack(energy=energy))
    assert stack.areal_energy == pytest.approx(150.0 * 3600.0)  # J/m2


@pytest.mark.parametrize("energy", ["150 Wh", "/m2", "150 Wh/", "150 Wh/kg"])
def test_areal_energy_that_is_no_energy_per_area_is_refused(energy: str) -> None:
    with pytest.raises(ValidationError) as err:
        LayerStack.from_dict(sulfide_stack(energy=energy))
    assert err.value.field == "areal_energy"


def test_a_recipe_replacing_a_misspelt_process_gets_the_closest() -> None:
    text = resources.files("solidcell.manufacturing").joinpath("data/processes.yaml").read_text(
        "utf-8")
    data = yaml.safe_load(text)
    recipe = next(p for p in data["processes"] if p["id"] == "atomic_layer_deposition_lipon")
    recipe["replaces"] = "atomic_layer_depositon"
    with pytest.raises(ValidationError) as err:
        parse_database(data)
    assert err.value.field == "processes[atomic_layer_deposition_lipon].replaces"
    # before: "... is not in the database; known: cold_sintering, ..." without the hint
    assert "did you mean atomic_layer_deposition" in str(err.value)
