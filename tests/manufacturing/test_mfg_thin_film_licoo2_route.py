"""The route of a crystalline LiCoO2 thin-film cathode includes its crystallisation anneal.

Before, the 5 um LiCoO2 film of examples/thin-film-lco-lipon-li.yaml was "made" by sol-gel at
400 degC (the sol_gel entry's calcination estimate), and sputtering at 150 degC, with no
anneal anywhere, while published LiCoO2 microbattery cathodes are RF-sputtered and then
annealed to the layered high-temperature phase: Table 3 of the review of Julien, Mauger &
Hussain 2019 (julien2019_sputtered_lco) lists anneals at Ta = 500-800 degC and deposition
rates of 0.02-8.3 nm/s; a sol-gel LiCoO2 film is calcined 5 h at 800 degC to obtain the R-3m
phase (hal_cea00658887_sol_gel_lco); sputtered films were heat-treated at 600 degC for 1 h
(tsf2017_mic_lco). The process database now holds a recipe ``sputtering_lco`` (the median
of those rates) and ``crystallisation_anneals``: the planner heats the step to the anneal
(checking every layer made before it) and costs the kiln fuel of heating the film."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import T_ROOM_K
from solidcell.errors import ValidationError
from solidcell.manufacturing.economics import dulong_petit_heat_capacity, firing_fuel_cost
from solidcell.manufacturing.processes import load_processes, parse_database
from solidcell.manufacturing.routes import plan_routes
from solidcell.textio import load_yaml

C0 = 273.15
ROOT = Path(__file__).resolve().parents[2]
THIN = ROOT / "examples" / "thin-film-lco-lipon-li.yaml"
#: deposition rates printed in julien2019_sputtered_lco, Table 3 [nm/s] (five rows print none)
JULIEN_TABLE3_RATES = (3.2, 1.6, 0.3, 0.03, 0.1, 0.05, 8.3, 1.0, 0.8, 0.02)
#: anneal temperatures Ta in the same table [degC]
JULIEN_TABLE3_ANNEALS = (700, 800, 800, 700, 500, 600, 500, 800)


def _option(plan, layer: str, process: str):
    [option] = [o for o in plan.options if o.layer == layer and o.process == process]
    return option


def _stack(collector: str, substrate: str = "mica", lco: str = "5 um") -> dict:
    return {"name": f"LCO on {collector}", "layers": [
        {"name": "substrate", "role": "substrate", "material": substrate,
         "thickness": "20 um", "areal_mass": 0.056},
        {"name": "cc", "role": "current_collector", "material": collector,
         "thickness": "0.3 um"},
        {"name": "lco", "role": "cathode", "material": "lco", "thickness": lco}]}


def test_the_lco_sputtering_recipe_has_the_median_published_rate() -> None:
    db = load_processes()
    recipe = db.get("sputtering_lco")
    assert recipe.replaces == "sputtering" and recipe.materials == ["lco"]
    assert recipe.deposition_rate.source == "julien2019_sputtered_lco"
    median = statistics.median(JULIEN_TABLE3_RATES)  # 0.55 nm/s
    assert recipe.rate == pytest.approx(median * 1e-9)
    assert db.recipe("sputtering", ["lco"]) is recipe
    assert db.recipe("sputtering", ["lipon"]) is None


def test_the_lco_anneals_are_the_published_ones() -> None:
    db = load_processes()
    sputtered = db.anneal_for("sputtering_lco", {"lco"})
    assert sputtered is db.anneal_for("sputtering", {"lco"})
    lo, hi = sputtered.temperature.si_range("temperature")
    assert (lo - C0, hi - C0) == pytest.approx((min(JULIEN_TABLE3_ANNEALS),
                                                max(JULIEN_TABLE3_ANNEALS)))
    assert sputtered.temperature_K == pytest.approx(500 + C0)  # the least a film needs
    assert sputtered.temperature.source == "julien2019_sputtered_lco"
    assert sputtered.time.si("time") == pytest.approx(3600.0)  # tsf2017_mic_lco: 1 h
    sol = db.anneal_for("sol_gel", {"lco"})
    assert sol.temperature_K == pytest.approx(800 + C0)
    assert sol.time.si("time") == pytest.approx(5 * 3600.0)
    assert sol.temperature.source == "hal_cea00658887_sol_gel_lco"
    # electrosprayed LiCoO2 is XRD amorphous until annealed (chen1996_esd_lco, abstract,
    # no temperature): the sputtered films' range, an estimate
    sprayed = db.anneal_for("electrospray", {"lco"})
    assert sprayed.temperature.source == "chen1996_esd_lco"
    assert sprayed.temperature.method == "estimated"
    assert sprayed.temperature.si_range("temperature") == sputtered.temperature.si_range(
        "temperature")
    # none read for these: none applied
    assert db.anneal_for("pulsed_laser_deposition", {"lco"}) is None
    assert db.anneal_for("sol_gel", {"llzo"}) is None


def test_the_thin_film_example_cathode_route_includes_its_anneal() -> None:
    plan = plan_routes(THIN)
    [cathode] = [s for s in plan.best.steps if s.layer == "cathode"]
    # sol-gel stays the cheapest process, now with its 800 degC calcination, whose 5 h
    # dwell counts as machine time of its 1 m2 load since 2026-12-07: slow, as every
    # annealed option (test_mfg_anneal_dwell_time.py)
    assert cathode.process == "sol_gel" and cathode.status == "slow"
    assert cathode.time_s_per_m2 == pytest.approx(5e-6 / 2e-9 + 600.0 + 5 * 3600.0)
    assert cathode.temperature_K == pytest.approx(800 + C0)
    assert "annealed at 800 degC for 5 h" in cathode.note
    assert "hal_cea00658887_sol_gel_lco" in cathode.sources and cathode.firing_USD_per_kg > 0
    sputtered = _option(plan, "cathode", "sputtering_lco")
    assert sputtered.status == "slow"  # 5 um at 0.55 nm/s and the 1 h anneal: 1.45e4 s/m2
    assert sputtered.temperature_K == pytest.approx(500 + C0)
    assert sputtered.time_s_per_m2 == pytest.approx(5e-6 / 0.55e-9 + 1800.0 + 3600.0)
    assert "lower end of the published 500-800 degC" in sputtered.note
    generic = _option(plan, "cathode", "sputtering")
    assert generic.status == "rejected"
    assert ("for lco the computed recipe sputtering_lco replaces it "
            "(julien2019_sputtered_lco)") in generic.reasons
    assert {"julien2019_sputtered_lco", "hal_cea00658887_sol_gel_lco"} <= set(plan.sources)


def test_the_anneal_fuel_is_the_kiln_formula() -> None:
    db = load_processes()
    plan = plan_routes(THIN)
    cathode = _option(plan, "cathode", "sol_gel")
    expected = firing_fuel_cost(1.0, dulong_petit_heat_capacity("LiCoO2"), 800 + C0, T_ROOM_K,
                                db.kiln_value("thermal_efficiency"), db.kiln_value("fuel_price"))
    assert cathode.firing_USD_per_kg == pytest.approx(expected)
    assert {"ruark2001_tunnel_kiln_energy", "dulong1819_petit"} <= set(cathode.sources)


def test_the_anneal_is_checked_against_the_layers_made_before() -> None:
    """Aluminium melts at 660.3 degC (haynes2016_crc): the 500 degC anneal of sputtered LCO
    (the Al-foil rows of julien2019_sputtered_lco's Table 3) passes, the 800 degC sol-gel
    calcination is refused; a polyimide substrate (350 degC class estimate) refuses both."""
    plan = plan_routes(_stack("al_foil"))
    assert plan.best is not None
    assert _option(plan, "lco", "sputtering_lco").status == "slow"
    sol = _option(plan, "lco", "sol_gel")
    assert sol.status == "rejected"
    assert any("sol_gel at 800 degC" in r and "would damage layer 'cc'" in r
               for r in sol.reasons)
    plan = plan_routes(_stack("ni_foil", substrate="polyimide"))
    for process in ("sputtering_lco", "sol_gel"):
        option = _option(plan, "lco", process)
        assert option.status == "rejected"
        assert any("would damage layer 'substrate'" in r for r in option.reasons)


@settings(max_examples=15, deadline=None)
@given(st.floats(min_value=1.0, max_value=10.0))
def test_every_deposited_lco_film_is_annealed(thickness_um: float) -> None:
    """Inside the windows of all three (electrospray 1-100 um, the others 0.01-10 um)."""
    plan = plan_routes(_stack("ni_foil", lco=f"{thickness_um} um"))
    for process, t in (("sputtering_lco", 500), ("sol_gel", 800), ("electrospray", 500)):
        option = _option(plan, "lco", process)
        assert option.temperature_K >= t + C0 - 1e-9
        assert option.firing_USD_per_kg > 0 and "annealed at" in option.note


def test_an_anneal_naming_an_unknown_process_is_refused() -> None:
    from importlib import resources

    text = resources.files("solidcell.manufacturing").joinpath(
        "data", "processes.yaml").read_text("utf-8")
    data = load_yaml(text)
    data["crystallisation_anneals"][0]["processes"] = ["sputterin"]
    with pytest.raises(ValidationError) as err:
        parse_database(data)
    assert "crystallisation_anneals[0].processes" in str(err.value)
    assert "'sputterin'" in str(err.value)
