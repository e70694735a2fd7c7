"""A cylindrical cell is simulated over its jelly roll's electrode area, evaluate's.

Before 2026-12-07 ``parameters_from_design`` took 1 m2 for every cylindrical design ("no
electrode dimensions in the design"), although ``evaluate`` winds the roll from the can's
diameter, height and mandrel: the EV layers in a 21 x 70 mm can simulated 47.6 A h and 178 W h
at 1C while `solidcell evaluate` gave the same cell 25.9 W h (0.142 m2), and the capacity note
quoted evaluate as 47.9 A h. Property: one electrode area for both (the one rule of
``cell.energy``), so the simulated and evaluated capacities differ only by the OCP window
against the practical capacity (the capacity note's ratio, the same as a pouch of the layers).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.simulation import rate_capability
from solidcell.simulation.parameters import parameters_from_design

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def _cylindrical(diameter: str = "21 mm", height: str = "70 mm") -> CellDesign:
    data = yaml.safe_load(EV.read_text())
    data["name"] = "EV layers in a cylindrical can"
    data["format"] = {"kind": "cylindrical", "diameter": diameter, "height": height,
                      "mandrel_diameter": "2 mm", "casing_material": "al_foil",
                      "casing_thickness": "250 um"}
    return CellDesign.from_dict(data)


@pytest.mark.parametrize(("diameter", "height"), [("21 mm", "70 mm"), ("46 mm", "80 mm")])
def test_simulated_area_is_evaluates_roll(diameter: str, height: str) -> None:
    design = _cylindrical(diameter, height)
    area = float(evaluate(design).to_json()["Electrode area [m2]"])
    params = parameters_from_design(design)
    assert params.area_m2 == pytest.approx(area, rel=1e-12)
    assert params.area_m2 < 1.0
    assert any("jelly roll" in n for n in params.notes)


def test_cylindrical_and_pouch_of_the_same_layers_agree_per_area() -> None:
    design = _cylindrical()
    pouch = CellDesign.from_yaml(EV)
    cyl = rate_capability(design, [0.5], model="fast")
    flat = rate_capability(pouch, [0.5], model="fast")
    # the same layers: the same areal capacity and energy
    assert cyl.capacity_A_h[0] / cyl.area_m2 == pytest.approx(
        flat.capacity_A_h[0] / flat.area_m2, rel=1e-9)
    ev = evaluate(design).to_json()
    # the simulated utilisable capacity against evaluate's capacity of the cell: the same
    # ratio as the pouch's (the OCP window over the practical capacity)
    ratio_cyl = cyl.utilisable_capacity_A_h / (ev["Areal capacity [A.h.m-2]"] * cyl.area_m2)
    ev_p = evaluate(pouch).to_json()
    ratio_pouch = flat.utilisable_capacity_A_h / (ev_p["Areal capacity [A.h.m-2]"]
                                                  * flat.area_m2)
    assert ratio_cyl == pytest.approx(ratio_pouch, rel=1e-9)
