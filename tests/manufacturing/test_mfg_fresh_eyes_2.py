"""Fresh-eyes QA of `solidcell route` / `solidcell cost` as a cell engineer compares routes:
numbers recomputed by hand from the documented formulas (docs/manufacturing.md, "Route
planning" and "Cost model") with the database's inputs, sources of every breakdown line, and
bad input refused as one line naming the option, the value and what is allowed."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from mfg_stacks import TEST_PRICES, good_m2_by_hand, sulfide_stack

from clirun import assert_one_line_error, run
from solidcell.cli._common import price_options
from solidcell.errors import ValidationError
from solidcell.manufacturing.cost import cell_cost
from solidcell.manufacturing.economics import CostOptions
from solidcell.manufacturing.layers import LayerStack
from solidcell.manufacturing.processes import load_processes, parse_database
from solidcell.manufacturing.routes import plan_routes

REPO = Path(__file__).resolve().parents[2]
OXIDE = str(REPO / "examples" / "oxide-lco-llzo-li.yaml")
THIN = str(REPO / "examples" / "thin-film-lco-lipon-li.yaml")
DB = load_processes()


def _crf(i: float, n: float) -> float:
    """Capital recovery factor i (1+i)^n / ((1+i)^n - 1) (short1995_nrel_economics)."""
    return i * (1 + i) ** n / ((1 + i) ** n - 1)


def _by_hand(process_id: str, seconds: float, atmosphere: str) -> float:
    """Step cost c = capex CRF / (3600 h) t + variable + atmosphere (docs/manufacturing.md)
    with the curated defaults: interest 8 %, 10 years, 6000 h (cost_defaults, estimates)."""
    p = DB.get(process_id)
    capex = DB.capex(p)
    return (capex * _crf(0.08, 10) / (3600 * 6000) * seconds + p.si("variable_cost")
            + DB.atmospheres[atmosphere].si("area price"))


def _layer(design: str, name: str):
    """Layer ``name`` of ``design`` as the planner makes it (routes.as_stack)."""
    from solidcell.manufacturing.routes import as_stack

    return next(layer for layer in as_stack(design).layers if layer.name == name)


def _step(plan, layer: str, process: str):
    for route in plan.routes:
        for s in route.steps:
            if (s.layer, s.process) == (layer, process):
                return s
    raise AssertionError(f"{layer} by {process} not in the routes shown")


def test_crf_of_the_defaults_is_the_annuity_factor() -> None:
    # 0.08 * 1.08**10 / (1.08**10 - 1) = 0.149029 per year (short1995_nrel_economics)
    assert _crf(0.08, 10) == pytest.approx(0.1490295, rel=1e-6)


def test_line_and_batch_times_and_step_costs_by_hand() -> None:
    """Oxide example: the LLZO tape (line) and the cold-sintered separator (batch)."""
    plan = plan_routes(OXIDE)
    tape = _step(plan, "separator", "tape_casting")
    p = DB.get("tape_casting")  # 1 m/min x 0.3 m (estimates): 1 / (1/60 * 0.3) = 200 s/m2
    assert tape.time_s_per_m2 == pytest.approx(1 / (p.si("line_speed") * p.si("web_width")))
    assert tape.time_s_per_m2 == pytest.approx(200.0)
    # 2e6 USD (medium) * 0.149029 / 2.16e7 s * 200 s + 1.0 USD/m2 (variable) = 3.760 USD/m2,
    # plus the kiln's fuel for firing the tape (economics.firing_fuel_cost, its own tests:
    # test_mfg_kiln_fuel.py), 0.0061 USD/m2
    fuel = tape.firing_USD_per_kg * _layer(OXIDE, "separator").mass_per_area()
    assert fuel == pytest.approx(0.0061, abs=1e-4)
    assert tape.process_cost_USD_per_m2 == pytest.approx(
        _by_hand("tape_casting", 200, "ambient") + fuel)
    assert tape.process_cost_USD_per_m2 == pytest.approx(3.7659, abs=1e-4)
    cold = _step(plan, "separator", "cold_sintering")
    c = DB.get("cold_sintering")  # batch 3600 s over a 0.01 m2 die, no deposition rate
    assert cold.time_s_per_m2 == pytest.approx(c.si("batch_time") / c.si("coated_area"))
    assert cold.time_s_per_m2 == pytest.approx(3.6e5) and cold.status == "slow"
    # 2e5 USD (low) * 0.149029 / 2.16e7 s * 3.6e5 s + 2.0 USD/m2 = 498.77 USD/m2
    assert cold.process_cost_USD_per_m2 == pytest.approx(_by_hand("cold_sintering", 3.6e5,
                                                                  "ambient"))
    assert cold.process_cost_USD_per_m2 == pytest.approx(498.77, abs=0.01)


def test_a_thin_film_batch_time_adds_deposition_and_pump_down() -> None:
    """t = (thickness / rate + batch_time) / coated_area: 0.3 um of Ni at 0.1 nm/s plus
    1800 s over 1 m2 = 4800 s/m2 (thin-film example, estimates of the sputtering entry)."""
    step = _step(plan_routes(THIN), "cathode current collector", "sputtering")
    p = DB.get("sputtering")
    expected = (0.3e-6 / p.rate + p.si("batch_time")) / p.si("coated_area")
    assert step.time_s_per_m2 == pytest.approx(expected) == pytest.approx(4800.0)
    assert step.process_cost_USD_per_m2 == pytest.approx(_by_hand("sputtering", 4800, "vacuum"))


def test_cost_rows_by_hand_oxide_example() -> None:
    """Material = areal mass x price; a good m2 = each step's spending over its own and the
    later yields (below spent / yield); pack = cell + adder."""
    res = cell_cost(OXIDE)
    rows = {b.item: b for b in res.breakdown}
    price = {p.material: p for p in res.prices}
    # LLZO: knowledge-base range 10-50 USD/kg (balaish2021_thin_electrolytes), midpoint 30
    assert price["llzo"].price_USD_per_kg == pytest.approx(30.0)
    assert rows["material: llzo"].cost_USD_per_m2 == pytest.approx(
        res.areal_masses_kg_per_m2["llzo"] * 30.0)
    spent = (res.material_cost_USD_per_m2 + res.process_cost_USD_per_m2
             + res.finishing_cost_USD_per_m2)
    assert res.route is not None
    y = math.prod(s.process_yield for s in res.route.steps) * 0.95  # nelson2012_batpac
    assert res.total_yield == pytest.approx(y)
    loss = next(b for b in res.breakdown if b.category == "yield loss")
    good = good_m2_by_hand(res)
    assert loss.cost_USD_per_m2 == pytest.approx(good - spent)
    assert good < spent / y  # (281.97 USD/kWh before 2026-12-07, charged as spent / yield)
    e_kwh = res.areal_energy_Wh_per_m2 / 1000
    assert res.cell_cost_USD_per_kWh == pytest.approx(good / e_kwh)
    assert rows["pack integration"].cost_USD_per_m2 == pytest.approx(39.0 * e_kwh)  # BNEF 2023


def test_the_yield_loss_names_every_yield_it_comes_from() -> None:
    """The loss line named the finishing yield's source alone; the step yields are estimates
    (mfg_engineering_estimate) and must be named too."""
    res = cell_cost(OXIDE)
    loss = next(b for b in res.breakdown if b.category == "yield loss")
    assert res.route is not None
    expected = {DB.get(s.process).process_yield.source for s in res.route.steps}
    assert expected | {"nelson2012_batpac"} == set(loss.sources)


def test_a_default_the_user_overrides_is_credited_to_the_user() -> None:
    """A pack adder of 0 (or a finishing cost given in CostOptions) was credited to BNEF
    (BatPaC)."""
    res = cell_cost(OXIDE, options=CostOptions(pack_integration_cost_USD_kWh=0.0,
                                               cell_finishing_cost_USD_m2=2.0,
                                               cell_finishing_yield=0.9))
    rows = {b.category: b for b in res.breakdown}
    assert rows["pack"].source == "user" and rows["pack"].sources == ("user",)
    assert rows["finishing"].source == "user" and rows["finishing"].cost_USD_per_m2 == 2.0
    assert rows["yield loss"].source == "user"
    assert "user" not in rows["yield loss"].to_json()["sources"]
    default = {b.category: b.source for b in cell_cost(OXIDE).breakdown}
    assert default["pack"] == "bnef2023_pack_prices" and default["finishing"] == \
        "nelson2019_batpac"


def test_the_cli_pack_adder_row_says_user(capsys) -> None:
    import json

    code, out, _ = run(["cost", OXIDE, "--pack-adder", "0", "--json"], capsys)
    assert code == 0
    pack = next(b for b in json.loads(out)["Breakdown"] if b["Category"] == "pack")
    assert pack["Source"] == "user" and pack["sources"] == []


@pytest.mark.parametrize(("typed", "shown"), [("-150 Wh/m2", "-150 Wh/m2"),
                                              ("0 Wh/m2", "0 Wh/m2"),
                                              ("-0.15 kWh/m2", "-150 Wh/m2")])
def test_a_non_positive_areal_energy_is_refused_as_typed(typed: str, shown: str) -> None:
    """It said "areal_energy: -540000.0 is not allowed" (J/m2, no unit)."""
    with pytest.raises(ValidationError) as err:
        LayerStack.from_dict({**sulfide_stack(), "areal_energy": typed})
    assert f"areal_energy: '{typed}' is not allowed; {shown} must be greater than 0" \
        in str(err.value)


def test_a_non_positive_areal_energy_at_the_command_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(yaml.safe_dump({**sulfide_stack(), "areal_energy": "-150 Wh/m2"}))
    code, out, err = run(["cost", str(path)], capsys)
    assert_one_line_error(code, out, err, "areal_energy: '-150 Wh/m2'", "greater than 0")


@pytest.mark.parametrize(("item", "words"), [
    ("llzo=\u22125", "'llzo=\u22125' is not allowed; a finite price >= 0"),  # U+2212
    ("llzo=5 EUR/kg", "unknown unit 'EUR/kg'"),
    ("llzo=$5/kg", "not a price in USD/kg"),
    ("llzo=5 USD/m2", "is an area price, not a price"),
    ("llzo=10000001", "is 10000001.0 USD/kg, above the plausible limit 1e+07 USD/kg"),
    ("llzo", "ID=PRICE"),
    ("=5", "ID=PRICE"),
    ("lizo=5", "did you mean llzo?"),
    ("li6ps5cl=5", "is not a material of this design"),
])
def test_bad_prices_are_refused_and_no_plot_is_written(item: str, words: str, tmp_path: Path,
                                                       capsys) -> None:
    plot = tmp_path / "t.png"
    code, out, err = run(["cost", OXIDE, "--price", item, "--tornado", str(plot)], capsys)
    assert_one_line_error(code, out, err, "--price", words)
    assert not plot.exists()


def test_a_unicode_minus_in_a_price_exponent_is_read(capsys) -> None:
    """'2e\u22121' was refused as "'2e-1' has no unit"; it is 0.2 USD/kg."""
    assert price_options(["llzo=2e\u22121"])[0] == {"llzo": 0.2}


def test_a_pack_adder_above_the_bound_names_the_bound(capsys) -> None:
    """'1e9' was refused as "a non-negative cost in USD/kWh", which it is."""
    code, out, err = run(["cost", OXIDE, "--pack-adder", "1e9"], capsys)
    assert_one_line_error(code, out, err, "--pack-adder: '1e9' is not allowed",
                          "at most 1e6")


def test_a_negative_line_speed_is_refused_with_its_unit() -> None:
    data = yaml.safe_load((REPO / "src/solidcell/manufacturing/data/processes.yaml")
                          .read_text("utf-8"))
    tape = next(p for p in data["processes"] if p["id"] == "tape_casting")
    tape["line_speed"]["value"] = -1
    with pytest.raises(ValidationError, match=r"-0\.0166667 m/s must not be negative"):
        parse_database(data)


class _Refused(Exception):
    pass


def _refuse(message: str) -> None:
    raise _Refused(message)


@given(st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_a_plain_price_is_read_exactly(price: float) -> None:
    """Any price in [0, 1e7] typed as Python prints it is that price, with a unit too."""
    assert price_options([f"llzo={price!r}"], _refuse)[0]["llzo"] == price
    assert price_options([f"llzo={price!r} USD/kg"], _refuse)[0]["llzo"] == \
        pytest.approx(price, rel=1e-12)


@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["-", "\u2212"]))
def test_the_minus_sign_reads_as_ascii(price: float, minus: str) -> None:
    """U+2212 and '-' give the same answer for every number."""
    typed = repr(price)
    answers = []
    for text in (typed, typed.replace("-", minus)):
        try:
            answers.append(price_options([f"x={text}"], _refuse)[0]["x"])
        except (ValidationError, _Refused) as exc:
            answers.append(type(exc))
    if isinstance(answers[0], float) and math.isnan(answers[0]):
        assert math.isnan(answers[1])
    else:
        assert answers[0] == answers[1]


@given(st.text(max_size=20))
def test_any_price_text_is_a_finite_price_in_range_or_one_refusal(text: str) -> None:
    """Whatever is typed after 'ID=', the parser gives a finite price in [0, 1e7] USD/kg or
    refuses it naming --price; nothing else escapes (a negative price is refused later by
    CostOptions, as the command does)."""
    try:
        price = price_options([f"llzo={text}"], _refuse)[0]["llzo"]
    except ValidationError as exc:
        assert "--price" in str(exc)
        return
    except _Refused as exc:
        assert str(exc).startswith("--price")
        return
    assert math.isfinite(price) and price <= 1e7


def test_the_prices_table_says_which_price_is_an_estimate(capsys) -> None:
    """LLZO's 10-50 USD/kg is marked estimated in the knowledge base (after
    balaish2021_thin_electrolytes); the text table showed only the key."""
    code, out, _ = run(["cost", OXIDE, "--price", "lco=40"], capsys)
    assert code == 0
    rows = {line.split("\u2502")[1].strip(): line for line in out.splitlines()
            if line.count("\u2502") == 7}  # the Prices table: 6 columns
    assert "estimated" in rows["llzo"] and "balaish2021_thin_electrolytes" in rows["llzo"]
    assert rows["lco"].count("user") == 2  # method and source of a typed price


def test_the_cost_table_says_when_the_route_is_slow(capsys) -> None:
    """The oxide example's LCO + LLZO cathode is an oxide composite electrode: only cold
    sintering (a 0.01 m2 die, 3600 s a press: 3.6e5 s/m2) densifies it below the LCO/LLZO
    interdiffusion onset (kim2011_lco_llzo_interface), above the 3600 s/m2 limit (slow); the
    table showed the cost without a word. The polymer example's route is feasible."""
    code, out, _ = run(["cost", OXIDE], capsys)
    assert code == 0
    text = " ".join(out.split())  # the row wraps
    assert "route status \u2502 slow: cathode (cold_sintering)" in text
    assert "impractical for volume production" in text
    polymer = str(REPO / "examples" / "polymer-lfp-peo-li.yaml")
    price = f"peo_litfsi={TEST_PRICES['peo_litfsi']:g}"  # a test input (mfg_stacks)
    code, out, _ = run(["cost", polymer, "--price", price], capsys)
    assert code == 0 and "route status \u2502 feasible" in " ".join(out.split())
