"""Conductivity warnings at a temperature, as the user reads them (found walking every
electrolyte over -20 to 120 degC)."""

from __future__ import annotations

from solidcell.chemistry.composite import composite_conductivity
from solidcell.chemistry.conductivity import conductivity_at


def test_a_composite_keeps_its_constituents_warnings() -> None:
    """PEO-LiTFSI + 15 wt% LLZO at 60 degC: LLZO's one value is at 25 degC, extrapolated with
    its activation energy; composite_conductivity gave the number without the warning that
    conductivity_at('llzo', 333.15) gives."""
    res = composite_conductivity("peo_llzo_15wt", 333.15)
    expected = conductivity_at("llzo", 333.15).warnings
    assert expected and set(expected) <= set(res.warnings)
    assert res.to_json()["warnings"] == list(res.warnings)
    assert composite_conductivity("peo_llzo_15wt", 298.15).warnings == ()


def test_one_temperature_lies_outside_several_lie() -> None:
    one = conductivity_at("li6ps5cl", 333.15).warnings
    two = conductivity_at("li6ps5cl", [273.15, 333.15]).warnings
    assert one == ("li6ps5cl: 333.15 K lies outside the conductivity data (298.15 K); "
                   "extrapolated by Arrhenius with the activation energy from "
                   "laskowski2023_conductivity_dataset, which does not know phase "
                   "transitions, melting or decomposition",)
    assert "273.15 K, 333.15 K lie outside" in two[0]


def test_below_the_glass_transition_is_named() -> None:
    """PEO-LiTFSI at -80 degC, below PEO's glass transition (-60 degC, xue2015_peo): only
    'outside the data' was said, as for -20 degC."""
    cold = conductivity_at("peo_litfsi", 193.15).warnings
    assert any("below its glass transition temperature 213.15 K (xue2015_peo)" in w
               for w in cold)
    assert not any("glass" in w for w in conductivity_at("peo_litfsi", 253.15).warnings)
