"""The thin-film model against a published thin-film Li | LiPON | LiCoO2 cell's rate capability.

Cell: Raijmakers et al., Electrochim. Acta 330, 135147 (2020) (``raijmakers2020_assb_model``), a
commercial 0.7 mAh thin-film cell: Li | LiPON 3.62 um | LiCoO2 8.08 um | Pt, 3.36 cm2, 20 degC;
CC-CV charge at 1C (0.7 mA) to 4.2 V (CV until 0.1C), then constant-current discharges at 0.1,
0.2, 0.5, 1, 2, 4 and 6C to 3.0 V. Read in the public digest of the paper named in
``data/raijmakers2020_thin_film_design.yaml``:

- printed: the cell and protocol above; "at a discharge rate of 6C less than half of the full
  discharge capacity can be extracted";
- not printed, read by the digest's author from the vector paths of Fig. 3 (the last measured
  marker of each discharge, in mAh/cm2): 0.1C 0.3244 (at 3.149 V), 0.5C 0.2746 (3.101 V),
  1C 0.2473, 2C 0.2180, 4C 0.1858, 6C 0.1600 (within 0.03 V of the 3.0 V cut-off); 0.2C not
  read; the EMF curve ends at 0.349 mAh/cm2. The 0.1C and 0.5C markers lie on the steep end of
  the curve, a little short of 3.0 V.

The model (PyBaMM thin-film model, default mesh) runs the paper's protocol at its current
densities; nothing is fitted. Measured on 2026-12-07 (docs/validation.md, "Electrochemical
simulation"), the film's diffusivity taken at the cell's 20 degC (x0.966, ai2019's 5 kJ/mol):
0.5039 mAh/cm2 at 0.1C (1.55x the cell's); relative to it 80.8 / 57.4 / 30.7 / 15.8 / 10.7 %
at 0.5 / 1 / 2 / 4 / 6C against the cell's 84.6 / 76.2 / 67.2 / 57.3 / 49.3 %: -3.9, -18.8,
-36.5, -41.4 and -38.7 points (with the 298.15 K diffusivity, before 2026-12-07: 0.5057,
-3.2, -17.4, -35.5, -40.9, -38.3). The model's rate capability is far too low above 0.5C:
its film diffusivity (5.2e-15 m2/s at 20 degC from ``ai2019``'s composite-electrode value,
constant in stoichiometry) gives L^2/D = 3.5 h for the 8.08 um film, and every discharge to
2C ends with the film's surface at the end of the OCP data (solid diffusion). The LiPON does
not explain it: the knowledge base's is 1.6x more conductive than this cell's, and the cell's
value changes the ratios by < 0.5 point.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import yaml

from solidcell.cell.design import CellDesign

DESIGN = Path(__file__).resolve().parent / "data" / "raijmakers2020_thin_film_design.yaml"

#: printed: 1C = 0.7 mA on 3.36 cm2 [mA/cm2]
ONE_C_mA_cm2 = 0.7 / 3.36
#: the discharge rates of the paper whose end capacity the digest read (0.2C was not read)
C_RATES = np.array([0.1, 0.5, 1.0, 2.0, 4.0, 6.0])
#: last measured marker of each discharge, Fig. 3, as read by the digest's author [mAh/cm2]
MEASURED_mAh_cm2 = np.array([0.3244, 0.2746, 0.2473, 0.2180, 0.1858, 0.1600])
#: bulk LiPON conductivity of the cell at 20 degC [S/cm]: 1.110e-6, computed by the digest from the
#: printed fitted Table 3 (326.2 Ohm cm2 over 3.62 um; the EIS arc of Fig. 11b ends near 327)
CELL_LIPON_S_cm = 1.110e-6


def _protocol(c_rate: float) -> list[str]:
    """The paper's cycle: CC-CV charge at 1C to 4.2 V (CV until 0.1C), discharge to 3.0 V."""
    return [f"Charge at {ONE_C_mA_cm2:.6f} mA/cm2 until 4.2 V",
            f"Hold at 4.2 V until {0.1 * ONE_C_mA_cm2:.6f} mA/cm2",
            f"Discharge at {c_rate * ONE_C_mA_cm2:.6f} mA/cm2 for 40 hours or until 3.0 V"]


@pytest.fixture(scope="module")
def design() -> CellDesign:
    return CellDesign(**yaml.safe_load(DESIGN.read_text("utf-8")))


@pytest.fixture(scope="module")
def runs(design):
    from solidcell.simulation import simulate

    results = [simulate(design, _protocol(c)) for c in C_RATES]
    area_cm2 = results[0].area_m2 * 1e4
    areal = np.array([r.delivered_capacity_A_h for r in results]) / area_cm2 * 1e3
    return areal, results


def test_the_thin_film_model_runs_the_cell(runs):
    """The dense LiCoO2 film goes to the thin-film model, and the CC-CV charge to 4.2 V fills it
    before each discharge (same charge every time)."""
    _, results = runs
    assert all("thin-film model" in r.model for r in results)
    charged = [r.charged_capacity_A_h for r in results]
    assert np.ptp(charged) <= 1e-6 * charged[0]


def test_capacity_at_0_1c_is_above_the_cells_by_the_measured_factor(runs):
    """0.1C: model 0.5039 mAh/cm2 against the cell's 0.3244 (last marker; its EMF ends at 0.349):
    1.553x (asserted 1.54-1.58; 0.5057, 1.559x, with the 298.15 K diffusivity). The knowledge
    base's dense LiCoO2 (c_max 49,943 mol/m3) holds more lithium between 4.2 and 3.0 V than
    the commercial film; the capacity ratios below do not depend on that."""
    areal, _ = runs
    assert 1.54 <= areal[0] / MEASURED_mAh_cm2[0] <= 1.58


def test_rate_capability_disagrees_by_the_measured_amount(runs):
    """Capacity relative to 0.1C [%], model - cell, points (measured 2026-12-07, D at 20 degC):
    0.5C -3.9, 1C -18.8, 2C -36.5, 4C -41.4, 6C -38.7 (each asserted within 1 point; with the
    298.15 K diffusivity -3.2, -17.4, -35.5, -40.9, -38.3); the model's capacity falls with
    current as the cell's does."""
    areal, _ = runs
    model = areal / areal[0] * 100.0
    cell = MEASURED_mAh_cm2 / MEASURED_mAh_cm2[0] * 100.0
    measured_gap = np.array([-3.9, -18.8, -36.5, -41.4, -38.7])
    assert np.all(np.abs((model - cell)[1:] - measured_gap) <= 1.0)
    assert np.all(np.diff(model) < 0)


def test_the_printed_6c_bound_holds(runs):
    """Printed: at 6C "less than half of the full discharge capacity can be extracted" (the cell
    gave 0.1600 / 0.349 = 46 % of its EMF capacity); the model gives 10.2 % of its charge."""
    areal, results = runs
    charged = results[-1].charged_capacity_A_h / (results[-1].area_m2 * 1e4) * 1e3
    assert areal[-1] / charged < 0.5


def test_discharges_to_2c_end_on_film_diffusion(runs):
    """Why the model falls short: at 0.1-2C each discharge stops when the film's surface reaches
    the end of the LiCoO2 OCP data (solid diffusion across the film), above 3.0 V; at 4 and 6C
    the voltage cut-off comes first."""
    _, results = runs
    assert all("Positive film surface" in r.termination for r in results[:4])
    assert all("Voltage" in r.termination for r in results[4:])


def test_lipon_of_the_knowledge_base_against_the_cells(design):
    """LiPON at 20 degC: knowledge base 1.826e-6 S/cm (yu1997_lipon, Arrhenius from 25 degC) against
    the cell's 1.110e-6 (digest, from the printed fitted parameters): 1.645x (asserted 1.60-1.70);
    198.3 against 326.2 Ohm cm2 over 3.62 um."""
    from solidcell.simulation import cell_parameters

    params = cell_parameters(design)
    sigma_S_cm = params.separator_conductivity_S_m / 100.0
    assert 1.60 <= sigma_S_cm / CELL_LIPON_S_cm <= 1.70


def test_the_gap_is_film_diffusion_not_the_electrolyte(design):
    """Sensitivity (fast thin-film model, the same physics, discharged from the top of the OCP
    data rather than from 4.2 V; not a fit): the cell's LiPON conductivity moves the capacity
    ratios by < 0.5 point; with ai2019's D (at 20 degC) they are 84.5 / 65.2 / 36.4 / 18.2 / 12.1 %
    at 0.5-6C, with a 10x film diffusivity 98.5 / 96.6 / 92.9 / 85.3 / 77.6 %, against the cell's
    84.6 / 76.2 / 67.2 / 57.3 / 49.3 %: from 1C on the measured rate capability lies between D
    and 10 D (with the 298.15 K D: 85.0 / 66.4 / 37.6 / 18.8 / 12.5 and 98.6 / 96.7 / 93.1 /
    85.8 / 78.3)."""
    from solidcell.simulation import cell_parameters
    from solidcell.simulation.fast import film_fast_discharge

    params = cell_parameters(design)
    q_util = params.capacity_A_h / (params.area_m2 * 1e4) * 1e3  # mAh/cm2
    c_rates = C_RATES * ONE_C_mA_cm2 / q_util

    def ratios(p) -> np.ndarray:
        q = np.asarray(film_fast_discharge(p, c_rates, 3.0).capacity_A_h_m2).ravel()
        return q / q[0] * 100.0

    base = ratios(params)
    cell_lipon = ratios(params.with_changes(separator_conductivity_S_m=CELL_LIPON_S_cm * 100.0))
    faster = ratios(params.with_changes(positive=dataclasses.replace(
        params.positive, diffusivity_m2_s=10.0 * params.positive.diffusivity_m2_s)))
    cell = MEASURED_mAh_cm2 / MEASURED_mAh_cm2[0] * 100.0
    assert np.max(np.abs(cell_lipon - base)) < 0.5
    assert np.all(base[2:] < cell[2:])
    assert np.all(faster[1:] > cell[1:])
