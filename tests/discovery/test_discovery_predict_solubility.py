"""`predict_conductivity` of a doped formula checks the dopant amount against the published
solubility limits of src/solidcell/discovery/data/solubility_limits.csv (docs/discovery.md,
"Solubility limits"), through the candidates' one check (`candidates.solubility_checks`,
`candidates.exceeds`): the prediction still runs, and says when the amount is beyond.

Al on the Li site of Li7La3Zr2O12: solubility limit x = ~0.40 per formula unit
(moy2022_al_llzo, abstract: "beyond the aluminum solubility limit (x = ~0.40), resistive
secondary phases formed at the grain boundaries"). Cl on S of Li6PS5Cl: Li5.5PS4.5Cl1.5
(x = 0.5) is "the phase at the limit of the solid solution regime"
(angew2019_li6pscl_halide_rich, abstract). Br on S of Li6PS5Br: studied for
0.0 <= x <= 0.5 (gautam2023_li6ps5br_excess, abstract), a series, no limit."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymatgen.core import Composition
from test_discovery_out_of_obelix import _obelix_compositions

from clirun import run
from solidcell.discovery.candidates import exceeds, solubility_checks, solubility_limits
from solidcell.discovery.predict import predict_conductivity

#: moy2022_al_llzo: the Al solubility limit on Li of Li7La3Zr2O12 [atoms per formula unit]
AL_LIMIT = 0.40


def _al_row():
    return next(r for r in solubility_limits()
                if (r.parent, r.host, r.dopant) == ("Li7La3Zr2O12", "Li", "Al"))


def test_over_doped_llzo_is_predicted_and_flagged() -> None:
    """Li6.4Al0.8La3Zr2O12 (0.8 Al, twice the limit; the dashboard predicted it without a
    word): a finite prediction, flagged, the note naming the limit and its source."""
    p = predict_conductivity("Li6.4Al0.8La3Zr2O12", window=False)
    assert math.isfinite(p.log10_conductivity_S_cm)
    assert p.beyond_solubility_limit
    assert "x = 0.8 per formula unit is BEYOND the published solubility limit x = 0.4 " \
        "(moy2022_al_llzo" in p.note
    assert p.note.startswith(p.solubility_note) and p.solubility_note
    assert "moy2022_al_llzo" in p.all_sources()
    data = p.to_json()
    assert data["Beyond solubility limit"] is True
    assert "moy2022_al_llzo" in data["sources"] and "BEYOND" in data["Note"]


@pytest.mark.parametrize("formula", ["Li6.4Al0.2La3Zr2O12", "Li7La3Zr2O12"])
def test_within_the_limit_or_undoped_is_not_flagged(formula: str) -> None:
    p = predict_conductivity(formula, window=False)
    assert not p.beyond_solubility_limit
    assert p.solubility_note == "" and "solubility" not in p.note
    assert "moy2022_al_llzo" not in p.all_sources()


def test_the_formula_unit_written_does_not_matter() -> None:
    """Li12.8Al1.6La6Zr4O24 is two formula units of Li6.4Al0.8La3Zr2O12: x = 0.8 per unit."""
    (check,) = solubility_checks("Li12.8Al1.6La6Zr4O24")
    assert check.x == pytest.approx(0.8) and check.beyond_solubility_limit


def test_anion_excess_of_argyrodites() -> None:
    """Cl on S of Li6PS5Cl: x = 0.5 (Li5.5PS4.5Cl1.5) is at the limit, x = 0.75 beyond it;
    Li6PS5Cl itself is no doping. Br on S of Li6PS5Br: x = 1 is beyond the studied series,
    noted, but no published limit."""
    assert solubility_checks("Li6PS5Cl") == ()
    (at,) = solubility_checks("Li5.5PS4.5Cl1.5")
    assert at.x == pytest.approx(0.5) and not at.beyond
    p = predict_conductivity("Li5.25PS4.25Cl1.75", window=False)
    assert p.beyond_solubility_limit and "angew2019_li6pscl_halide_rich" in p.all_sources()
    br = predict_conductivity("Li5PS4Br2", window=False)
    assert not br.beyond_solubility_limit
    assert "beyond the series made up to x = 0.5 (gautam2023_li6ps5br_excess" in br.note


def test_co_doped_and_other_parents_are_not_checked() -> None:
    """A limit was measured for one dopant in its parent: Al with Ta on Zr (Li6.4La3Zr1.4Ta0.6O12
    framework) matches no row, nor does Al in another structure."""
    assert solubility_checks("Li4.2Al0.8La3Zr1.4Ta0.6O12") == ()
    assert solubility_checks("Li2.1Al0.3Ti1.7P3O12") == ()


@settings(max_examples=40, deadline=None)
@given(x=st.floats(min_value=0.01, max_value=1.1), units=st.integers(min_value=1, max_value=4))
def test_flag_appears_exactly_beyond_the_limit(x: float, units: int) -> None:
    """Property: Li(7-3x)AlxLa3Zr2O12 in any formula unit is flagged exactly when x exceeds
    the published limit (with the comparison's relative tolerance); the prediction is made
    either way."""
    comp = Composition({"Li": units * (7 - 3 * x), "Al": units * x, "La": 3 * units,
                        "Zr": 2 * units, "O": 12 * units})
    p = predict_conductivity(comp, window=False, neighbours=0)
    assert math.isfinite(p.log10_conductivity_S_cm)
    assert p.beyond_solubility_limit == exceeds(AL_LIMIT, x) == (x > AL_LIMIT * (1 + 1e-6))
    assert ("moy2022_al_llzo" in p.all_sources()) == p.beyond_solubility_limit
    assert _al_row().max_amount == AL_LIMIT


def test_cli_predict_says_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["predict", "Li6.4Al0.8La3Zr2O12", "--no-window"], capsys)
    assert code == 0
    assert "BEYOND the published solubility limit x = 0.4 (moy2022_al_llzo" in out
    assert "moy2022_al_llzo" in out.splitlines()[-1]  # the Sources line
    code, out, _ = run(["predict", "Li6.4Al0.8La3Zr2O12", "Li6.4Al0.2La3Zr2O12",
                        "--no-window", "--json"], capsys)
    assert code == 0
    flags = [row["Beyond solubility limit"] for row in json.loads(out)]
    assert flags == [True, False]


def test_li55ps45cl15_against_its_published_conductivity() -> None:
    """Out-of-OBELiX check (docs/validation.md): Li5.5PS4.5Cl1.5, 9.4 mS/cm cold-pressed at
    298 K, "almost four-fold greater than Li6PS5Cl under identical processing conditions"
    (angew2019_li6pscl_halide_rich, abstract). Not an OBELiX entry (compositions compared as
    in test_discovery_out_of_obelix.py). The shipped model predicts 1.50 decades too low,
    inside its 90 % interval, and below its own Li6PS5Cl: it misses the direction of the
    halide-rich substitution. Pinned, not fixed (the model is not retrained here)."""
    comp = Composition("Li5.5PS4.5Cl1.5").fractional_composition
    assert not any(c.almost_equals(comp, rtol=0.01, atol=0.002) for c in _obelix_compositions())
    measured = math.log10(9.4e-3)
    p = predict_conductivity("Li5.5PS4.5Cl1.5", window=False)
    assert p.log10_conductivity_S_cm - measured == pytest.approx(-1.50, abs=0.01)
    assert p.lower_log10_S_cm <= measured <= p.upper_log10_S_cm
    assert not p.beyond_solubility_limit  # x = 0.5, at the limit
    assert p.log10_conductivity_S_cm < predict_conductivity(
        "Li6PS5Cl", window=False).log10_conductivity_S_cm
