"""Property: ``evaluate_many`` of a list of designs, and of the stacked parameter arrays a
screen passes (the mapping path), equals ``evaluate`` of each design, column by column, for
random designs of every architecture, format and anode kind mixed in one call (each row of
``core``'s arrays takes its own branch of every ``np.where``), discharged and charged."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from exampledesigns import EXAMPLES, example
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import PARAMETERS, design_parameters, evaluate, evaluate_many
from solidcell.errors import SolidcellError

#: every bundled example (a list written out had missed the lab pellet added since)
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
COMPOSITE = {"electrolyte": "li6ps5cl", "active_fraction": 0.6, "electrolyte_fraction": 0.4}
# changes a design may take (the model refuses some on some examples: those draws are skipped)
CHANGES: list[tuple[str, list[Any]]] = [
    ("cathode.thickness_m", [3e-5, 6e-5, 1.2e-4]),
    ("separator.thickness_m", [5e-6, 2e-5, 6e-5]),
    ("separator.porosity", [0.0, 0.2]),
    ("cathode.porosity", [0.0, 0.1]),
    ("cathode.tortuosity_factor", [None, 3.0]),
    ("first_cycle_loss", [0.0, 0.1]),
    ("cathode_first_cycle_loss", [0.0, 0.05]),
    ("temperature_K", [273.15, 298.15, 333.15]),
    ("cathode_interface_resistance_ohm_m2", [0.0, 2e-3]),
    ("anode_interface_resistance_ohm_m2", [0.0, 1e-3]),
    ("format.n_layers", [1, 4, 30]),
    ("anode", [{"kind": "anode_free"}, {"kind": "anode_free", "excess_li_thickness_m": 5e-6},
               {"kind": "li_metal", "np_ratio": 1.5},
               {"kind": "graphite", "np_ratio": 1.2, **COMPOSITE},
               {"kind": "silicon", "np_ratio": 1.3, "excess_li_thickness_m": 2e-6,
                **COMPOSITE},
               {"kind": "li_in", "thickness_m": 1.5e-4, "prelithiation": 0.3}]),
    ("format", [{"kind": "cylindrical", "diameter_m": 0.021, "height_m": 0.07,
                 "casing_material": "al_foil", "casing_thickness_m": 3e-4,
                 "mandrel_diameter_m": 2e-3, "headspace_m": 3e-3, "tab_mass_kg": 1e-3},
                {"kind": "prismatic", "n_layers": 30, "electrode_width_m": 0.1,
                 "electrode_height_m": 0.08, "casing_material": "al_foil",
                 "casing_thickness_m": 5e-4, "headspace_m": 5e-3},
                {"kind": "pouch", "n_layers": 20, "electrode_width_m": 0.1,
                 "electrode_height_m": 0.2, "casing_material": "al_foil",
                 "casing_thickness_m": 1e-4, "seal_width_m": 5e-3,
                 "interlayer_film": {"material": "polyimide", "thickness_m": 4e-5,
                                     "every": 2}}]),
    ("pack", [None, {"cells_in_series": 96, "cells_in_parallel": 2, "mass_efficiency": 0.7,
                     "volume_efficiency": 0.5, "busbar_mass_kg": 0.01,
                     "source": "a test's pack"}]),
]


@st.composite
def designs(draw: Any) -> CellDesign:
    base = example(draw(st.sampled_from(NAMES)))
    picked = draw(st.lists(st.sampled_from(range(len(CHANGES))), max_size=4, unique=True))
    changes = {CHANGES[i][0]: draw(st.sampled_from(CHANGES[i][1])) for i in picked}
    try:
        design = base.replace(**changes)
        evaluate(design)
    except SolidcellError:
        assume(False)
    return design


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b or math.isclose(a, b, rel_tol=1e-12)


def check(batch: Any, ones: list[Any]) -> None:
    for i, one in enumerate(ones):
        for key, value in one.values.items():
            got = float(np.broadcast_to(batch[key], (len(ones),))[i])
            assert same(got, value), (i, key, got, value)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(ds=st.lists(designs(), min_size=1, max_size=5), charged=st.booleans(),
       polarisation=st.sampled_from([0.05, 0.2, 0.5]))
def test_evaluate_many_equals_evaluate_row_by_row(ds: list[CellDesign], charged: bool,
                                                  polarisation: float) -> None:
    ones = [evaluate(d, charged=charged, max_polarisation_V=polarisation) for d in ds]
    check(evaluate_many(ds, charged=charged, max_polarisation_V=polarisation), ones)
    rows = [design_parameters(d.resolved(), charged, polarisation) for d in ds]
    arrays = {k: np.array([r[k] for r in rows], dtype=float) for k in PARAMETERS}
    check(evaluate_many(arrays), ones)
