"""CellDesign -> layer stack (solidcell.manufacturing.design): the layers carry the masses and
sizes of the energy bookkeeping (solidcell.cell.energy), never a second derivation."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.manufacturing.design import stack_from_design

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(glob.glob(str(REPO / "examples" / "*.yaml")))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: Path(p).stem)
def test_layer_masses_add_up_to_the_bookkeeping_per_cell(path: str) -> None:
    """Sum of the layers' areal masses = the bookkeeping's stack areal mass per cell (for
    every architecture): before, the thin-film and interdigitated collectors were halved (the
    bookkeeping counts them whole, single-sided), the interdigitated lithium plates were left
    out and a bipolar stack's bipolar foils were replaced by half Al + half Cu."""
    design = CellDesign.from_file(path)
    r = evaluate(design)
    n = design.architecture.cells_in_series
    stack = stack_from_design(design)
    layers = sum(layer.mass_per_area() for layer in stack.layers if layer.role != "substrate")
    assert layers == pytest.approx(r["Stack areal mass [kg.m-2]"] / n, rel=1e-9)
    assert stack.areal_energy / 3600 == pytest.approx(r["Stack areal energy [W.h.m-2]"] / n)
    if design.format.substrate is not None:  # substrate per footprint, as the bookkeeping
        sub = next(layer for layer in stack.layers if layer.role == "substrate")
        footprint = r["Electrode area [m2]"] * design.format.n_layers
        assert sub.mass_per_area() == pytest.approx(r["Substrate mass [kg]"] / footprint)


def test_interdigitated_layers_are_as_tall_as_the_plates() -> None:
    """examples/interdigitated-3d: 200 um tall NMC811 plates (50 um), Li plates (25 um) and
    Li6PS5Cl gaps (20 um) between them. The electrolyte layer to make is 200 um tall with
    20 um features (the design's 20 um separator is not part of this geometry); the lithium
    plates are a layer of 200 um with 25 um features and the plates' Li mass
    (h w_a / p x 534 kg/m3, p = 115 um)."""
    stack = stack_from_design(REPO / "examples" / "interdigitated-3d-nmc811-lpscl-li.yaml")
    by_name = {layer.name: layer for layer in stack.layers}
    sep, anode = by_name["separator"], by_name["anode"]
    assert sep.thickness == pytest.approx(200e-6) and sep.feature_size == pytest.approx(20e-6)
    assert anode.material == "li_metal"
    assert anode.thickness == pytest.approx(200e-6)
    assert anode.feature_size == pytest.approx(25e-6)
    assert anode.mass_per_area() == pytest.approx(200e-6 * 25 / 115 * 534.0)


def test_vertically_aligned_electrolyte_layer_holds_the_scaffold() -> None:
    """examples/vertically-aligned: a 20 um dense LLZO layer on a scaffold of 10 um walls,
    150 um tall: one electrolyte layer of 170 um with 10 um features, not 20 um (its mass
    already held the walls, 0.36 x 150 um of LLZO)."""
    stack = stack_from_design(REPO / "examples" / "vertically-aligned-lco-llzo-li.yaml")
    sep = next(layer for layer in stack.layers if layer.name == "separator")
    assert sep.thickness == pytest.approx(170e-6)
    assert sep.feature_size == pytest.approx(10e-6)
    assert sep.mass_per_area() == pytest.approx(5115.0 * (20e-6 + (1 - 0.64) * 150e-6))


def test_bipolar_foils_are_costed_as_their_own_material() -> None:
    """examples/bipolar: 6 cells, 5 stainless-steel foils of 10 um (8000 kg/m3) and the two
    end collectors: per cell 5/6 x 0.08 kg/m2 of ss_foil, 1/6 of the half end collectors."""
    stack = stack_from_design(REPO / "examples" / "bipolar-nmc811-lpscl-li.yaml")
    by_name = {layer.name: layer for layer in stack.layers}
    bp = by_name["bipolar current collector"]
    assert bp.material == "ss_foil" and bp.thickness == pytest.approx(10e-6)
    assert bp.mass_per_area() == pytest.approx(10e-6 * 8000.0 * 5 / 6)
    assert by_name["cathode current collector"].mass_per_area() == pytest.approx(
        0.5 * 12e-6 * 2700.0 / 6)
