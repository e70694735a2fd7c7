"""Simulation against a PUBLISHED P2D design study of an oxide cell (a second published case
after Lee 2020 in ``test_sim_published_cell``).

Source: Ren, Danner et al., Adv. Energy Mater. 13, 2201939 (2023)
(``ren2023_oxide_composite_cathode``), section 7.4, Table 3, Fig. 9 and SI section 2, read in
a digest of the paper and its SI that marks printed values (code-search file id 69227582978;
the paper itself was not reachable here). Their P2D model: Li | 10 um LLZO | 50 or 100 um
composite of 75 vol% NMC811 and 25 vol% LLZO, no pores, no additive, room temperature,
discharged at 1 and 10 mA/cm2; Fig. 9 gives the specific energy of each step of a cumulative
improvement of the materials as a percentage of the theoretical (519 / 567 Wh/kg), the
percentages printed in the figure. The design is ``data/ren2023_llzo_nmc811_design.yaml``
(each input with its source); what a design cannot hold is set here on the parameters:

- NMC811 solid diffusivity ``D`` [printed] 2.54e-12 cm2/s (state of the art), 2.54e-11 (x10);
- electronic conductivity [printed] ``kappa_eff = eps_CAM^2.3 kappa``, kappa 4.54e-2 S/cm
  (4.54 S/m; 0.75^2.3 x 4.54 = 2.35 S/m; the paper prints kappa_eff 2.3e-3 S/cm, a factor 10
  apart, digest D9; neither changes the result by more than 1 point, tested) or 3.15 S/cm;
- kinetics [printed] ``i00 = (1/R_CT)(RT/F)/sqrt(c_max)``, ``i = 2 i00 sqrt(c_s) sinh(F eta/2RT)``,
  R_CT 2600 or 150 Ohm cm2 of CAM|LLZO interface; mapped onto the model's
  ``j0 = m_ref c_e^0.5 c_s^0.5 (c_max - c_s)^0.5`` equal at c_s = c_max / 2 (ASSUMPTION);
- resistive interphase R_SP [printed] 2600 Ohm cm2 of interface (state of the art) or 0: the
  model has one series interface resistance per electrode area; ASSUMPTION ``R_SP / (a L)``
  with ``a = 3 phi / r`` (the paper does not define ``a``, digest D5; exact for a uniform
  reaction);
- effective ionic conductivity [printed] ``sigma0 eps^beta``: ``beta`` 1.5 is the model's
  Bruggeman default, others through ``tortuosity_factor = eps^(1 - beta)``.

Stand-ins (the comparison is therefore partial): the OCP is chen2020's NMC811 (the paper's is
Sturm 2019's, not readable here), and so the theoretical energy each percentage refers to is
the model's utilisable window, ``F c_max phi L A`` times the mean OCP over the data window;
the paper's D(x) and kappa(x) are concentration-dependent (SI Fig. 1), the model's constant;
the cut-off voltage is not in the digest (the model's default, 3.27 V; 2.5 V gives the same
numbers for the improved composite, tested). Nothing is fitted. Measured on 2026-12-05
(docs/validation.md, "Electrochemical simulation").

These are the figures of ``ocp_ends="stop"`` (the default until 2026-12-07), asserted here for
comparison; the default "auto" takes the wall for this cell (NMC811 data leave room for it):
test_sim_ocp_wall.py and test_sim_fast_wall.py.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from solidcell.cell.design import CellDesign
from solidcell.simulation import cell_parameters, rate_capability
from solidcell.simulation.parameters import C_E, FARADAY, GAS_CONSTANT, T_REF, CellParameters

SOURCE = "ren2023_oxide_composite_cathode"
DESIGN = Path(__file__).resolve().parent / "data" / "ren2023_llzo_nmc811_design.yaml"
#: [printed] composite thicknesses [m] and current densities [mA/cm2] of Fig. 9
THICKNESS_M = (50e-6, 100e-6)
CURRENT_mA_cm2 = np.array([1.0, 10.0])
EPS, PHI = 0.25, 0.75  # [printed] LLZO and NMC811 volume fractions
#: Fig. 9, % of the theoretical specific energy printed in the figure, [1 mA, 10 mA] per thickness
IMPROVED_D50 = {50e-6: (99.0, 93.0), 100e-6: (97.0, 80.0)}  # step "reduce NMC811 d50 to 0.1 um"
ALL_IMPROVED = {50e-6: (99.0, 98.0), 100e-6: (99.0, 98.0)}  # last step: sigma0 2e-3, kappa 3.15
#: state of the art (grey bars), 1 mA: printed 23 / 20 % in the figure (the text's "24 and
#: 15 Wh/kg, 5 and 3 %" disagrees with the figure and the SI, digest D1); 10 mA: 0
STATE_OF_THE_ART_1MA = {50e-6: 23.0, 100e-6: 20.0}


def m_ref_of(r_ct_ohm_cm2: float) -> float:
    """``m_ref`` [A m-2 (mol m-3)^-1.5] whose ``j0`` equals the paper's ``i00 sqrt(c_s)`` at
    half lithiation: ``(RT/F)/R_CT sqrt(1/2) = m_ref sqrt(C_E) c_max/2``, NMC811's c_max of
    the model (chen2020)."""
    c_max = 63104.0
    j0_half = GAS_CONSTANT * T_REF / FARADAY / (r_ct_ohm_cm2 * 1e-4) * np.sqrt(0.5)  # A/m2
    return float(j0_half / (np.sqrt(C_E) * c_max / 2))


def ren_parameters(thickness_m: float, *, state_of_the_art: bool = False,
                   all_improved: bool = False, **positive: float) -> CellParameters:
    """Ren's cell as the model's parameters: the design file (improved, d50 0.1 um) or the
    state of the art (d50 10 um, beta 1.39 + 2.31, D 2.54e-12 cm2/s, R_CT = R_SP = 2600
    Ohm cm2), or the last step (sigma0 2e-3 S/cm, kappa 3.15 S/cm); ``positive`` overrides."""
    changes: dict[str, float | None] = {"cathode.thickness_m": thickness_m}
    if state_of_the_art:
        changes.update({"cathode.particle_radius_m": 5e-6,
                        "cathode.tortuosity_factor": EPS ** (1 - (1.39 + 2.31))})
    p = cell_parameters(CellDesign.from_file(DESIGN).replace(**changes))
    pos = {"diffusivity_m2_s": 2.54e-16 if state_of_the_art else 2.54e-15,
           "electronic_conductivity_S_m": PHI**2.3 * (315.0 if all_improved else 4.54),
           "exchange_current_m_ref": m_ref_of(2600.0 if state_of_the_art else 150.0)}
    cell: dict[str, object] = {}
    if state_of_the_art:  # R_SP / (a L), a = 3 phi / r
        cell["interface_resistance_ohm_m2"] = 2600e-4 / (
            p.positive.surface_area_m2_m3 * thickness_m)
    if all_improved:
        pos["electrolyte_conductivity_S_m"] = 0.2
        cell["separator_conductivity_S_m"] = 0.2
    pos.update(positive)
    return p.with_changes(positive=dataclasses.replace(p.positive, **pos), **cell)


def energy_percent(p: CellParameters, **kw: object) -> tuple[np.ndarray, object]:
    """Delivered energy at 1 and 10 mA/cm2 in % of the utilisable theoretical energy."""
    q_mAh_cm2 = p.capacity_A_h / (p.area_m2 * 1e4) * 1e3
    result = rate_capability(p, CURRENT_mA_cm2 / q_mAh_cm2, **kw)
    s = np.linspace(p.positive.ocp.lower, p.positive.ocp.upper, 4001)
    theoretical_W_h = p.capacity_A_h * float(np.mean(p.positive.ocp.evaluate(s)))
    return np.asarray(result.energy_W_h) / theoretical_W_h * 100.0, result


@pytest.fixture(scope="module")
def improved():
    return {L: energy_percent(ren_parameters(L), ocp_ends="stop") for L in THICKNESS_M}


def test_design_gives_the_printed_conductivities():
    """Inputs against printed values: effective LLZO conductivity 1.0e-4 S/cm (beta 1.5, the
    model's Bruggeman default) and 5e-6 S/cm for the state of the art (model 4.737e-6,
    -5.3 %, within the one printed digit); separator 8e-4 S/cm; R_SP / (a L) = 115.6 and
    57.8 Ohm cm2 for 50 and 100 um (a L = 22.5 and 45)."""
    p = ren_parameters(50e-6)
    assert p.positive.effective_ionic_conductivity_S_m / 100 == pytest.approx(1.0e-4, rel=1e-9)
    assert p.separator_conductivity_S_m / 100 == pytest.approx(8e-4, rel=1e-12)
    assert p.separator_thickness_m == pytest.approx(10e-6)
    for L, r_ohm_cm2 in ((50e-6, 115.6), (100e-6, 57.8)):
        soa = ren_parameters(L, state_of_the_art=True)
        assert soa.positive.effective_ionic_conductivity_S_m / 100 == pytest.approx(
            4.737e-6, rel=1e-3)
        assert soa.interface_resistance_ohm_m2 * 1e4 == pytest.approx(r_ohm_cm2, abs=0.05)


def test_improved_composite_against_fig9(improved):
    """Step "reduce NMC811 particle size (d50 0.1 um)" of Fig. 9 (secondary phases removed,
    beta 1.5, R_CT 150, R_SP 0, D 2.54e-11 cm2/s; sigma0 8e-4 S/cm). Energy in % of the
    theoretical, model (DFN, default mesh) - paper, in points (measured):
    50 um: 96.14 vs 99 (-2.9) at 1 mA, 69.31 vs 93 (-23.7) at 10 mA;
    100 um: 92.70 vs 97 (-4.3) at 1 mA, 49.52 vs 80 (-30.5) at 10 mA.
    The model is below the paper everywhere, and more so at 10 mA and at 100 um."""
    errors = {50e-6: (-2.86, -23.69), 100e-6: (-4.29, -30.48)}
    for L in THICKNESS_M:
        model, _ = improved[L]
        err = model - np.array(IMPROVED_D50[L])
        assert err == pytest.approx(errors[L], abs=0.3)
    assert improved[100e-6][0][1] - 80.0 < improved[50e-6][0][1] - 93.0 < -20.0


def test_every_discharge_ends_at_the_end_of_the_ocp_data(improved):
    """Why the model is low at 10 mA: each discharge stops when the first particle surface
    (next to the separator, where the ionically limited reaction crowds) reaches the end of
    the chen2020 NMC811 data (OCV 3.567 V), above any cut-off; the paper's model goes on
    until its cut-off. So the model's energy is a lower bound of what the same transport
    would give with an OCP curve that extends further. The cut-off does not enter (2.5 V:
    the same energies)."""
    for L in THICKNESS_M:
        _, result = improved[L]
        assert all("Positive particle surface reached the upper end" in t
                   for t in result.terminations)
    low, _ = energy_percent(ren_parameters(50e-6), lower_cutoff=2.5, ocp_ends="stop")
    np.testing.assert_allclose(low, improved[50e-6][0], rtol=1e-9)


def test_fast_model_on_the_improved_composite(improved):
    """Fast model (uniform reaction) against the DFN and the paper, energy in %:
    50 um 95.86 / 65.39, 100 um 92.19 / 42.26 at 1 / 10 mA (DFN 96.14 / 69.31, 92.70 / 49.52):
    within 0.6 points of the DFN at 1 mA (inside its valid region), 3.9 and 7.3 points below
    it at 10 mA (outside: composite ohmic number > 0.04 V, the result's notes say so), so
    26 and 38 points below the paper there."""
    for L, expected in ((50e-6, (95.86, 65.39)), (100e-6, (92.19, 42.26))):
        fast, result = energy_percent(ren_parameters(L), model="fast", ocp_ends="stop")
        assert fast == pytest.approx(expected, abs=0.3)
        assert abs(fast[0] - improved[L][0][0]) < 0.6
        assert fast[1] < improved[L][0][1]
        assert any("outside the fast model's valid region" in n for n in result.notes)


@pytest.mark.slow
def test_stand_ins_change_the_result_by_under_one_point(improved):
    """Partial inputs, measured: chen2020's D (4e-15 m2/s) instead of the printed 2.54e-15,
    chen2020's kinetics (m_ref 3.42e-6) instead of R_CT 150, and the printed kappa_eff
    2.3e-3 S/cm instead of 0.75^2.3 x 4.54e-2 change the 50 um energies by < 0.7 points
    (0.32 at most on 10 mA, kappa)."""
    base = improved[50e-6][0]
    for change in ({"diffusivity_m2_s": 4e-15}, {"exchange_current_m_ref": 3.42e-6},
                   {"electronic_conductivity_S_m": 0.23}):
        other, _ = energy_percent(ren_parameters(50e-6, **change), ocp_ends="stop")
        assert np.all(np.abs(other - base) < 0.7)


@pytest.mark.slow
def test_state_of_the_art_against_fig9():
    """State of the art (grey bars): model (DFN) 21.28 % and 15.10 % of the theoretical energy
    at 1 mA/cm2 against the printed 23 % and 20 % (-1.7 and -4.9 points; 21.59 and 15.18 on
    PyBaMM's uniform radial mesh, 21.35 and 15.15 converged on 320 radial points), 0 at
    10 mA as in the paper (the interface alone, 115.6 Ohm cm2 x 10 mA/cm2 = 1.16 V, and the
    composite's i L / 3 sigma_eff = 3.5 V, exceed the window). Partial: R_SP mapped with
    a = 3 phi / r (not printed); with chen2020's D (4e-15 m2/s, 16x the printed) instead the
    model gives 46.9 and 27.7 %. The fast model is far off here (12.8 and 0.0 %; outside its
    region)."""
    for L, expected in ((50e-6, 21.28), (100e-6, 15.10)):
        model, result = energy_percent(ren_parameters(L, state_of_the_art=True),
                                       ocp_ends="stop")
        assert model[0] == pytest.approx(expected, abs=0.3)
        assert model[0] - STATE_OF_THE_ART_1MA[L] == pytest.approx(
            expected - STATE_OF_THE_ART_1MA[L], abs=0.3)
        assert model[1] == 0.0
        assert result.terminations[1].startswith("no capacity")


@pytest.mark.slow
def test_all_improvements_against_fig9():
    """Last step of Fig. 9 (sigma0 2e-3 S/cm, kappa 3.15 S/cm; printed 99 / 98 % at 1 / 10 mA
    for both thicknesses): model (DFN) 50 um 98.31 / 85.93 (-0.7 / -12.1 points), 100 um
    96.85 / 74.18 (-2.2 / -23.8); each discharge ends at the end of the OCP data as above."""
    for L, expected in ((50e-6, (98.31, 85.93)), (100e-6, (96.85, 74.18))):
        model, _ = energy_percent(ren_parameters(L, all_improved=True), ocp_ends="stop")
        assert model == pytest.approx(expected, abs=0.3)
        assert np.all(model < np.array(ALL_IMPROVED[L]))
