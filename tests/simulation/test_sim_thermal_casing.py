"""The casing's heat capacity in the lumped thermal model (``thermal_parameters``): a casing
material with a formula adds its mass times its Dulong-Petit specific heat (dulong1819_petit,
3R per mole of atoms; R codata2018); a laminate given only by its density, a material without
a formula and the tabs stay out (a note says so)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.simulation.parameters import GAS_CONSTANT, thermal_parameters
from solidcell.simulation.runs import rate_capability

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OXIDE = CellDesign.from_file(EXAMPLES / "oxide-lco-llzo-li.yaml")
EV = CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
H = 10.0  # W/(m2 K), the docs' example cooling


def _bare(design: CellDesign) -> CellDesign:
    return design.replace(**{"format.casing_thickness_m": 0.0})


def _casing_mass(design: CellDesign) -> float:
    return float(evaluate(design).to_json()["Casing mass [kg]"]) - design.format.tab_mass_kg


@pytest.mark.parametrize("design", [OXIDE, EV], ids=["oxide", "ev"])
def test_al_casing_adds_its_mass_times_dulong_petit(design: CellDesign) -> None:
    # value: the examples' al_foil casing (formula Al) adds m x 3R/M(Al), Dulong-Petit
    # (dulong1819_petit; R codata2018, M of Al 26.98 g/mol from the formula's composition)
    from solidcell.chemistry.composition import parse_composition

    cp_al = 3 * GAS_CONSTANT / (float(parse_composition("Al").weight) * 1e-3)
    assert cp_al == pytest.approx(924.5, abs=0.1)  # J/(kg K): 24.94 J/(mol K) / 26.98 g/mol
    with_case = thermal_parameters(design, H)
    without = thermal_parameters(_bare(design), H)
    m = _casing_mass(design)
    assert m > 0
    assert with_case.heat_capacity_J_K - without.heat_capacity_J_K == pytest.approx(
        m * cp_al, rel=1e-9)
    assert "casing al_foil" in with_case.heat_capacity_note
    assert "Dulong-Petit of Al" in with_case.heat_capacity_note


def test_ev_tabs_are_left_out_and_said() -> None:
    note = thermal_parameters(EV, H).heat_capacity_note
    assert "tabs (2 g, no material given) left out" in note


@settings(max_examples=25, deadline=None)
@given(thickness=st.floats(1e-6, 1e-3), material=st.sampled_from(["al_foil", "cu_foil",
                                                                  "ni_foil"]))
def test_adding_a_casing_never_lowers_the_heat_capacity(thickness: float,
                                                        material: str) -> None:
    # property: a casing (any wall, any metal with a formula) adds heat capacity, and a
    # thicker wall adds more
    design = OXIDE.replace(**{"format.casing_material": material,
                              "format.casing_thickness_m": thickness})
    bare = thermal_parameters(_bare(OXIDE), H).heat_capacity_J_K
    c = thermal_parameters(design, H).heat_capacity_J_K
    thicker = design.replace(**{"format.casing_thickness_m": 2 * thickness})
    assert c > bare
    assert thermal_parameters(thicker, H).heat_capacity_J_K > c


@pytest.mark.parametrize(("changes", "words"), [
    ({"format.casing_material": None, "format.casing_density_kg_m3": 1600.0},
     "no material of the knowledge base"),
    ({"format.casing_material": "polyimide"}, "casing polyimide"),
])
def test_casing_without_a_sourced_specific_heat_is_left_out(changes: dict,
                                                            words: str) -> None:
    # a laminate given only by its density and a material without a formula (polyimide):
    # no specific heat to use, so C is the stack's alone and the note says why
    design = OXIDE.replace(**changes)
    th = thermal_parameters(design, H)
    assert th.heat_capacity_J_K == pytest.approx(
        thermal_parameters(_bare(OXIDE), H).heat_capacity_J_K, rel=1e-12)
    assert words in th.heat_capacity_note and "left out" in th.heat_capacity_note


def test_rise_with_the_casing_is_not_above_the_rise_without() -> None:
    # property: more heat capacity, same heat and cooling area: the cell heats less (oxide
    # example, 2C, coarse mesh); the note of the run names the casing
    with_case = rate_capability(OXIDE, [2.0], mesh="coarse", thermal="lumped",
                                heat_transfer_coefficient=H)
    without = rate_capability(_bare(OXIDE), [2.0], mesh="coarse", thermal="lumped",
                              heat_transfer_coefficient=H)
    assert np.all(with_case.max_temperature_rise_K <= without.max_temperature_rise_K)
    assert any("casing al_foil" in n for n in with_case.notes)
