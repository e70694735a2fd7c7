"""Simulation against a published all-solid-state cell with a measured rate capability.

Cell: Lee et al., Nat. Energy 5, 299 (2020) (``lee2020_agc_anode``), Ag-C | Li6PS5Cl (30 um) |
LZO-NCM90 composite (about 100 um, 6.8 mAh/cm2), 0.6 Ah bi-cell at 60 degC; design with the
source or the stated assumption of every input in ``data/lee2020_agc_rate_design.yaml``.
Measured (Fig. 6d,e; charge 0.1C CC-CV, discharge 0.2C to 2C, 2.5-4.25 V, 1C = 6.8 mA/cm2),
read in the digest of the paper named in that file:

- printed: 215 mAh/g and 6.8 mAh/cm2 at 0.2C; Q(1C) / Q(0.2C) = 93 %; over 80 % at 2C;
- read off the Fig. 6e inset by the digest's author (marked as figure readings there):
  about 97, 95, 93 and 85 % of the 0.2C capacity at 2.24, 3.4, 6.8 and 13.6 mA/cm2.

The model (PyBaMM DFN, default mesh) is run at the paper's current densities; nothing is fitted
to these values. Measured on 2026-12-07 on the particle mesh finer towards the surface, with
the VGCF's electronic conductivity counted (burchell1999_vgcf_table; docs/validation.md,
"Electrochemical simulation"; with the lithium exchange current Arrhenius in T, eckhardt2023)
and the NMC811 diffusivity taken at the cell's 60 degC (x1.666, oregan2022's activation
energy), and (re-measured 2026-12-07) NMC811's exchange-current activation energy of
oregan2022 (24.01 kJ/mol; in brackets the figures with PyBaMM's Chen2020 17.8 kJ/mol):
6.605 [6.606] mAh/cm2 at 0.2C (-2.9 % of 6.8); relative to it 98.22 / 95.84 / 89.05 / 76.23
[98.22 / 95.86 / 89.12 / 76.42] % at 0.33 / 0.5 / 1 / 2C (with the 298.15 K diffusivity at
every temperature, before 2026-12-07: 6.536, 97.53 / 94.24 / 84.81 / 67.15; with the VGCF
counted 0 too: 6.575, 97.85 / 95.07 / 86.93 / 71.35).
Every discharge ends when a cathode particle's surface reaches the end of the NMC811 OCP
data; with electrons no longer limiting the composite (sigma_eff 2.0e4 S/m against kappa_eff
0.076 S/m) the reaction crowds next to the separator, so the
shortfall at 1-2C comes mostly from that stop rule (with ocp_ends='wall' the discharge goes
on to 2.5 V: test_sim_ocp_wall.py) and from the stand-in NMC811's diffusivity and particle
radius (chen2020) together with the catholyte's conductivity (the knowledge base's
Li6PS5Cl in the separator and the cathode: 91.83 / 81.81 [91.84 / 81.90] % at 1 / 2C, measured
2026-12-07 with D at 60 degC; 87.56 / 72.63 % with the 298.15 K diffusivity).

These are the figures of ``ocp_ends="stop"`` (the default until 2026-12-07), asserted here for
comparison. The default "auto" takes the wall for this cell (its NMC811 data leave room for
it) and is compared in test_sim_ocp_wall.py: 6.777 mAh/cm2 at 0.2C (-0.3 %), 99.01 / 97.70 /
93.86 / 86.18 %.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from solidcell.cell.design import CellDesign

DESIGN = Path(__file__).resolve().parent / "data" / "lee2020_agc_rate_design.yaml"

#: current densities of the rate test [mA/cm2] (printed: 1C = 6.8 mA/cm2; 0.2, 0.33, 0.5, 1, 2C)
CURRENT_mA_cm2 = np.array([1.36, 2.24, 3.4, 6.8, 13.6])
#: printed areal capacity at 0.2C [mAh/cm2] (lee2020_agc_anode, Methods / Table S3)
Q02_PRINTED = 6.8
#: printed Q(1C) / Q(0.2C) [%] and the printed lower bound at 2C [%]
Q1C_PRINTED, Q2C_PRINTED_MIN = 93.0, 80.0
#: Fig. 6e inset as read by the digest's author [% of the 0.2C capacity] at CURRENT_mA_cm2[1:]
FIGURE = np.array([97.0, 95.0, 93.0, 85.0])


@pytest.fixture(scope="module")
def rates():
    from solidcell.simulation import cell_parameters, rate_capability

    design = CellDesign(**yaml.safe_load(DESIGN.read_text("utf-8")))
    params = cell_parameters(design)
    q_util = params.capacity_A_h / (params.area_m2 * 1e4) * 1e3  # mAh/cm2
    c_rates = CURRENT_mA_cm2 / q_util  # the paper's current densities, not its C-rates
    # printed 2.5 V cut-off; the stop rule (the default "auto" walls: test_sim_ocp_wall.py)
    result = rate_capability(design, c_rates, lower_cutoff=2.5, ocp_ends="stop")
    assert result.ocp_ends == "stop"
    areal = np.asarray(result.capacity_A_h) / (result.area_m2 * 1e4) * 1e3
    return q_util, areal, result


def test_design_matches_the_printed_loading(rates):
    """With the printed thickness and weight ratio (no pores, NMC811 stand-in) the model's
    utilisable capacity is the printed 6.8 mAh/cm2 (measured 6.801; a property of the inputs,
    not a fit: no input was chosen to reach it)."""
    q_util, _, _ = rates
    assert q_util == pytest.approx(6.8, rel=0.005)


def test_capacity_at_0_2c_within_measured_error(rates):
    """0.2C: model 6.605 mAh/cm2 (6.606 with Chen2020's exchange-current E_r) against the
    printed 6.8: -2.9 % (asserted -3.2 to -2.6 %; 6.536, -3.9 %, with the 298.15 K
    diffusivity)."""
    _, areal, _ = rates
    err = areal[0] / Q02_PRINTED - 1
    assert -0.032 <= err <= -0.026


def test_rate_capability_within_measured_errors(rates):
    """Capacity relative to 0.2C [%], model - paper, in percentage points (measured
    2026-12-07, D at 60 degC, oregan2022's exchange-current E_r; in brackets with Chen2020's;
    before, with the 298.15 K D: -8.19, -17.85, +0.53, -0.76):
    1C against the printed 93: 89.05 [89.12] (-3.95 [-3.88]; asserted -4.4 to -3.4);
    2C: 76.23 [76.42], below the printed lower bound of 80 (by 3.77 [3.58]) and the figure's
    85 (-8.77 [-8.58]; asserted -9.1 to -8.1);
    0.33C and 0.5C against the figure's 97 and 95: +1.22 and +0.84 [+0.86] (asserted within
    1.5)."""
    _, areal, _ = rates
    rel = areal / areal[0] * 100.0
    assert -4.4 <= rel[3] - Q1C_PRINTED <= -3.4
    assert rel[4] < Q2C_PRINTED_MIN
    assert -9.1 <= rel[4] - FIGURE[3] <= -8.1
    assert np.all(np.abs(rel[1:3] - FIGURE[:2]) <= 1.5)
    assert np.all(np.diff(rel) < 0)  # capacity falls with current


def test_every_discharge_ends_on_cathode_solid_diffusion(rates):
    """Why the model falls short at 1-2C: each discharge stops when a particle surface reaches
    the end of the NMC811 OCP data (solid diffusion, where the reaction crowds next to the
    separator), above the 2.5 V cut-off; the interface resistance (5 Ohm cm2, printed; 0 gives
    the same capacities) does not set the capacity."""
    _, _, result = rates
    assert all("Positive particle surface" in t for t in result.terminations)
