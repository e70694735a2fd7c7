"""Findings of a researcher's walk through the temperature-dependent results of the energy
engine, each kept fixed: the EV example away from 25 degC (Li6PS5Cl: one value at 25 degC and
an activation energy), the polymer example (PEO-LiTFSI: a measured 25-100 degC series), a
graphite composite anode with Li6PS5Cl.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from solidcell.cell.architectures import compare
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import conductivity_spread, evaluate
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.errors import ValidationError
from solidcell.materials import get

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
POLYMER = EXAMPLES / "polymer-lfp-peo-li.yaml"


def _at(path: Path, celsius: float, **changes: object) -> CellDesign:
    return CellDesign.from_file(path).replace(temperature_K=celsius + 273.15, **changes)


def _graphite(celsius: float) -> CellDesign:
    """The EV example with a graphite | Li6PS5Cl composite anode (volume fractions)."""
    return _at(EV, celsius, anode={
        "kind": "graphite", "np_ratio": 1.1, "electrolyte": "li6ps5cl", "carbon": "vgcf",
        "active_fraction": 0.6, "electrolyte_fraction": 0.37, "carbon_fraction": 0.03})


# --- the power range ------------------------------------------------------------------------


def test_a_measured_series_is_no_spread_between_its_points() -> None:
    """PEO-LiTFSI at 45 degC has measured values at 40 and 50 degC (5 K away): the range
    was the powers at 40 and 50 degC (135-394 W/kg around 233 W/kg), a temperature
    difference read as a data spread. One source's series has no spread."""
    r = evaluate(_at(POLYMER, 45.0))
    lo, hi = r.power_range_W_kg
    p = r["Cell specific power [W.kg-1]"]
    assert lo == pytest.approx(p) and hi == pytest.approx(p)
    assert conductivity_spread(get("peo_litfsi"), 318.15) == pytest.approx((1.0, 1.0))


def test_the_25_degC_spread_moves_with_the_temperature() -> None:
    """At 20 and 30 degC (within 5 K of the 25 degC data) the range was the 25 degC powers
    (841-8406 W/kg at both, while the power itself went 1298 -> 2265 W/kg); it is the
    25 degC data's spread as factors on the value at the design temperature."""
    spread25 = conductivity_spread(get("li6ps5cl"), 298.15)
    # srivastava_review: 1-10 mS/cm; obelix2025: 2.05 mS/cm (the value conductivity_at uses)
    assert spread25 == pytest.approx((1e-3 / 2.05e-3, 1e-2 / 2.05e-3))
    for celsius in (20.0, 30.0, 45.0):
        assert conductivity_spread(get("li6ps5cl"), celsius + 273.15) == pytest.approx(spread25)
    ranges = [evaluate(_at(EV, c)).power_range_W_kg for c in (20.0, 25.0, 30.0)]
    assert ranges[0][1] < ranges[1][1] < ranges[2][1]  # warmer: more power, at both ends
    for c in (20.0, 25.0, 30.0):
        r = evaluate(_at(EV, c))
        lo, hi = r.power_range_W_kg
        assert lo <= r["Cell specific power [W.kg-1]"] <= hi


def test_a_spread_within_5_K_is_taken_at_its_own_temperature() -> None:
    """PEO-LiTFSI at 62 degC: its 60 degC value is within 5 K, and was compared with the
    value at 62 degC (a factor 0.92 below, from the temperature alone); at 65 degC the 60 and
    70 degC values made a range 989-1518 W/kg around 1229 W/kg."""
    for celsius in (55.0, 62.0, 65.0, 68.0):
        assert conductivity_spread(get("peo_litfsi"), celsius + 273.15) == pytest.approx(
            (1.0, 1.0)), celsius
    # far from any data: the data at the nearest data temperature as factors (docs/cell.md):
    # 25 degC below the series, 100 degC (one value, no spread) above it; the review's 25 degC
    # range made the range jump tenfold between 100 and 110 degC
    lo, hi = conductivity_spread(get("peo_litfsi"), 273.15)
    assert lo == pytest.approx(1e-5 / 1.16e-5) and hi == pytest.approx(1e-4 / 1.16e-5)
    assert conductivity_spread(get("peo_litfsi"), 383.15) == pytest.approx((1.0, 1.0))


# --- warnings that must reach the user ------------------------------------------------------


def test_an_extrapolated_conductivity_is_named_in_the_result() -> None:
    """The EV example at 45 degC: its power rests on Li6PS5Cl extrapolated 20 K beyond its
    one value at 25 degC; `solidcell conductivity` warned, `evaluate` (CLI, JSON, report,
    dashboard) said only 'Temperature: 318.15 K'."""
    r = evaluate(_at(EV, 45.0))
    expected = conductivity_at("li6ps5cl", 318.15).warnings
    assert expected and r.warnings == expected
    assert r.to_json()["notes"] == list(expected)
    assert r.conventions["Temperature"].startswith("318.15 K (45 degC)")
    assert expected[0] in r.conventions["Temperature"]
    # the polymer at its data's own 60 degC: nothing to warn about
    assert evaluate(POLYMER).warnings == ()
    # a composite anode's electrolyte is named once, not once per layer
    assert len(evaluate(_graphite(0.0)).warnings) == 1


def test_compare_shows_each_design_temperature_and_its_warnings() -> None:
    """`compare` of the EV example at 45 degC and the polymer at 40 degC: no temperature in
    the table (the polymer's name still says 60 degC), no word of the extrapolation."""
    c = compare([_at(EV, 45.0), _at(POLYMER, 40.0)])
    rows = c.to_json()["rows"]
    assert [row["Temperature [K]"] for row in rows] == pytest.approx([318.15, 313.15])
    assert any("li6ps5cl" in n and "outside the conductivity data" in n for n in c.notes)
    assert not any("peo_litfsi" in n for n in c.notes)


def test_a_temperature_out_of_range_is_shown_as_people_read_it() -> None:
    """-300 degC was refused as '-26.850000000000023 must lie in (0, 2000) K'."""
    with pytest.raises(ValidationError) as info:
        _at(EV, -300.0)
    assert info.value.field == "temperature_K"
    assert info.value.allowed.startswith("-26.85 K must lie in (0, 2000) K, i.e. above -273.15 "
                                         "degC")


# --- the composite anode at several temperatures ------------------------------------------


@pytest.mark.parametrize("celsius", [0.0, 25.0, 45.0, 60.0])
def test_the_composite_anode_resistance_follows_the_temperature(celsius: float) -> None:
    """The anode's ionic resistance L/(3 sigma eps^1.5) with Li6PS5Cl's conductivity at the
    design temperature (docs/cell.md): the graphite design's ASR minus the Li-metal design's
    (same cathode and separator) is that term."""
    with_graphite = evaluate(_graphite(celsius))
    with_li = evaluate(_at(EV, celsius))
    sigma = float(conductivity_at("li6ps5cl", celsius + 273.15).ionic_conductivity_S_m)
    t_an = with_graphite["Anode thickness [m]"]
    expected = t_an / (3 * sigma * 0.37**1.5)
    extra = (with_graphite["Area-specific resistance [Ohm.m2]"]
             - with_li["Area-specific resistance [Ohm.m2]"])
    assert extra == pytest.approx(expected, rel=1e-9)


def test_the_composite_anode_power_rises_with_temperature() -> None:
    powers = [evaluate(_graphite(c))["Cell specific power [W.kg-1]"] for c in (0, 25, 45, 60)]
    assert all(a < b for a, b in pairwise(powers))


def test_evaluate_many_cites_and_names_the_conductivity_as_evaluate_does() -> None:
    """evaluate_many([EV at 45 degC]) lacked the activation energy's source
    (laskowski2023_conductivity_dataset) and the Arrhenius form's (west1999), and said
    nothing of the extrapolation."""
    from solidcell.cell.energy import evaluate_many

    design = _at(EV, 45.0)
    batch = evaluate_many([design])
    single = evaluate(design)
    assert set(single.sources) <= set(batch.sources)
    assert single.warnings[0] in batch.conventions["Temperature"]
    assert batch["Cell specific power [W.kg-1]"][0] == pytest.approx(
        single["Cell specific power [W.kg-1]"], rel=1e-12)
