"""Densities of the knowledge base taken from a cost model's default inputs are the numbers of
that source (BatteryCost, ``bills2020_batterycost``: BattModels/BatteryCost,
src/default_constructors.jl, commit 0229817, "AM density" of each electrode default)."""

from __future__ import annotations

import pytest

from solidcell.materials.store import curated_materials

# Active-material densities in g/cm3 of src/default_constructors.jl (commit 0229817):
# nca_default() line 6, nmc622_default() line 25, lfp_default(), graphite_default().
BATTERYCOST_AM_DENSITY = {"nca": 4.71, "nmc622": 4.8, "lfp": 3.6, "graphite": 2.24}


def _density(mid: str):
    material = next(m for m in curated_materials() if m.id == mid)
    prop = material.get("density")
    assert prop is not None, mid
    return prop


@pytest.mark.parametrize("mid", ["nca", "nmc622"])
def test_ni_rich_densities_are_the_batterycost_inputs(mid: str) -> None:
    prop = _density(mid)
    assert prop.source == "bills2020_batterycost"
    assert prop.si == pytest.approx(BATTERYCOST_AM_DENSITY[mid] * 1000.0, rel=1e-9)
    assert "model input" in prop.note


@pytest.mark.parametrize(("mid", "crystallographic_source"),
                         [("lfp", "padhi1997_lfp"), ("graphite", "trucano1975_graphite")])
def test_batterycost_densities_agree_with_crystallography(mid: str,
                                                          crystallographic_source: str) -> None:
    """The same model's LFP and graphite inputs lie within 1 % of the curated crystallographic
    densities (Padhi 1997: 3.599; Trucano 1975: 2.26 g/cm3), so its NCA and NMC622 inputs are
    taken as densities of the same kind (theoretical, not tap or pellet densities)."""
    prop = _density(mid)
    assert prop.source == crystallographic_source
    assert BATTERYCOST_AM_DENSITY[mid] * 1000.0 == pytest.approx(prop.si, rel=0.01)
