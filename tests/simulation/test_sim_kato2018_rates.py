"""The DFN (PyBaMM) and the fast model of Kato et al. 2018's thick LiCoO2 | sulfide | graphite
cells against their measured capacity at each current (the cell engine's ohmic limit of the
same cells: tests/cell/test_cell_kato2018_rate.py; docs/validation.md, "Electrochemical
simulation").

Kato et al., J. Phys. Chem. Lett. 9, 607 (2018) (``kato2018_thick_electrodes``), read in the
section-by-section digest of the paper and its SI (code-search index file id 70726852532;
values it marks as printed, unless said "read from a figure"):

- protocol (SI p.7): charge CC 0.5 mA/cm2 + CV at 4.1 V to 0.005 mA/cm2, discharge at
  constant current to 2.5 V, 25 degC;
- L600, SE1 (Li10GeP2S12 in the cathode): 93 % of the 15.7 mAh/cm2 (Table 3) at 0.5 mA/cm2,
  13.9 mAh/cm2 (88 %) at 6 mA/cm2 (p.607-608); discharged at 12 and 20 mA/cm2 (Fig. 2b)
  with linear curves of slope -0.52, -2.07, -6.22 at 6, 12, 20 mA/cm2 (p.609-610; the unit,
  V/h, read from the figure axis);
- L100, SE1: over 80 % at 12 mA/cm2 (p.610);
- L300 at 12 mA/cm2 (Fig. 2d, read from the figure, reading error not stated): about 6.6
  (SE1) and 2.0 mAh/cm2 (SE2, 75Li2S-25P2S5 glass);
- the paper's own model, Eq. 4: ``C = X (U_c - U_a - V_cutoff - R_o i) / i`` with
  ``1/X = 1/(q_c kappa_c) + 1/(q_a kappa_a)``, Table 4 (q_c 953, q_a 1298 C/cm3, R_o 8 Ohm
  cm2, 4.1 - 0.1 - 2.5 V) and Table 5 (kappa_eff 0.73 / 0.065 / 0.21 mS/cm).

Design: the cells of ``rate_design`` (Table 1 electrolytes, Table 5 tortuosity factors 2.47
and 3.32, nominal dense layers) with the simulation's nearest active materials: the
simulation's parameter table has no LiNbO3-coated LiCoO2 nor Kato's graphite, so ``lco``
(OCP ``rieger2016``, kinetics and diffusion ``ai2019``) and ``graphite`` (``chen2020``) of the
knowledge base (137 mAh/g, 5.053 g/cm3; 372 mAh/g, 2.26 g/cm3) stand for them. Start at rest
at OCV 4.1 V (``initial_soc="4.1 V"``), cut-off 2.5 V.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cell"))
from test_cell_kato2018_rate import KAPPA_EFF, limit_mA_cm2, rate_design
from test_cell_published_cells import TABLE3

import solidcell.materials as kb
from solidcell.cell.design import CellDesign
from solidcell.simulation import cell_parameters, rate_capability

START, CUTOFF = "4.1 V", "2.5 V"
#: Table 4 of kato2018_thick_electrodes: q_c, q_a [C/cm3], R_o [Ohm cm2], U_c - U_a - V_cutoff.
Q_C, Q_A, R_O, BUDGET = 953.0, 1298.0, 8.0, 4.1 - 0.1 - 2.5
#: measured (printed): L600 at 0.5 mA/cm2 93 % of 15.7 mAh/cm2; 13.9 mAh/cm2 at 6 mA/cm2.
L600_05_FRACTION, L600_6_MAH = 0.93, 13.9
#: printed slopes of the L600 discharge curves [V/h] at 6, 12, 20 mA/cm2 (Fig. 2b text).
SLOPES = {6.0: -0.52, 12.0: -2.07, 20.0: -6.22}
#: L300 at 12 mA/cm2, Fig. 2d (read from the figure): SE1 and SE2 [mAh/cm2].
L300_12_READ = {"se1": 6.6, "se2": 2.0}


def sim_design(cell: str, cathode_se: str = "se1", measured_tau: bool = True) -> CellDesign:
    """``rate_design`` with the knowledge base's ``lco`` and ``graphite`` (the simulation's
    nearest parameter sets to Kato's coated LiCoO2 and graphite)."""
    return rate_design(cell, cathode_se, measured_tau).replace(
        **{"cathode.active_material": kb.get("lco"), "anode.material": kb.get("graphite")})


def discharges(design: object, currents_mA_cm2: list[float], model: str = "pybamm",
               mesh: str = "default") -> tuple[np.ndarray, object]:
    """Delivered capacity [mAh/cm2] at each current density, from OCV 4.1 V to 2.5 V."""
    probe = rate_capability(design, [0.1], model="fast", initial_soc=START,
                            lower_cutoff=CUTOFF)
    one_c = probe.utilisable_capacity_A_h / probe.area_m2 * 0.1  # mA/cm2 of 1C
    r = rate_capability(design, [i / one_c for i in currents_mA_cm2], model=model, mesh=mesh,
                        initial_soc=START, lower_cutoff=CUTOFF)
    return r.capacity_A_h / r.area_m2 * 0.1, r


def eq4_mAh_cm2(i_mA_cm2: float) -> float:
    """Kato's Eq. 4 with the printed Tables 4-5 (SE1) [mAh/cm2]."""
    inv_x = 1 / (Q_C * KAPPA_EFF["se1"] * 1e-3) + 1 / (Q_A * KAPPA_EFF["anode"] * 1e-3)
    i = i_mA_cm2 * 1e-3
    return (BUDGET - R_O * i) / (inv_x * i) / 3.6


def mid_slope_V_h(q_mAh_cm2: np.ndarray, v: np.ndarray, i_mA_cm2: float) -> float:
    """Slope dV/dt [V/h] of a discharge curve, least squares over 20-80 % of its capacity."""
    sel = (q_mAh_cm2 > 0.2 * q_mAh_cm2.max()) & (q_mAh_cm2 < 0.8 * q_mAh_cm2.max())
    return float(np.polyfit(q_mAh_cm2[sel] / i_mA_cm2, v[sel], 1)[0])


def test_table_5_conductivities_reach_the_dfn():
    """The paper's tortuosity factors reach the simulation: the DFN's composite conductivity
    ``kappa eps / tau`` is Table 5's within 2 % (0.73 and 0.21 mS/cm, kato2018_thick_electrodes),
    and PyBaMM's input (its tortuosity factor against the separator's conductivity) gives the
    same number back."""
    from solidcell.simulation.pybamm_adapter import input_values

    p = cell_parameters(sim_design("L600"))
    pos, neg = p.positive, p.negative
    assert pos.effective_ionic_conductivity_S_m * 10 == pytest.approx(KAPPA_EFF["se1"], rel=0.02)
    assert neg.effective_ionic_conductivity_S_m * 10 == pytest.approx(KAPPA_EFF["anode"],
                                                                       rel=0.02)
    inputs = input_values(p)
    for layer, name in ((pos, "Positive"), (neg, "Negative")):
        tau = inputs[f"{name} electrode tortuosity factor (electrolyte)"]
        kappa = p.separator_conductivity_S_m * layer.electrolyte_volume_fraction / tau
        assert kappa == pytest.approx(layer.effective_ionic_conductivity_S_m, rel=1e-12)
    assert any("tortuosity factor 2.47 from the design" in n for n in p.notes)
    assert any("tortuosity factor 3.32 from the design" in n for n in p.notes)


def test_dfn_delivers_part_of_the_capacity_above_the_ohmic_limit():
    """L600 at 20 mA/cm2, which Kato discharged (Fig. 2b), is 1.6x above the engine's ohmic
    limit (12.46 mA/cm2, uniform reaction). The fast model, a uniform-reaction model too,
    gives nothing there; the DFN, whose reaction starts next to the separator, delivers part of
    the capacity: 2.44 mAh/cm2 on the coarse mesh (2.56 default), below Kato's Eq. 4 (3.64)."""
    design = sim_design("L600")
    assert limit_mA_cm2(rate_design("L600")) < 20.0
    fast, rf = discharges(design, [20.0], model="fast")
    dfn, rd = discharges(design, [20.0], mesh="coarse")
    # the default ocp_ends="auto" stops at the ends of the OCP data here (LiCoO2's rieger2016
    # data reach stoichiometry 0.9989: no room for the wall); the numbers below are "stop"'s
    assert rf.ocp_ends == rd.ocp_ends == "stop"
    assert fast[0] == 0.0
    assert round(float(dfn[0]), 2) == 2.44
    assert 0 < dfn[0] < eq4_mAh_cm2(20.0)


@pytest.mark.slow
def test_l600_capacity_and_slopes_against_the_measured():
    """L600 (SE1, Table 5 tau, default mesh) against kato2018_thick_electrodes:

    - 0.5 mA/cm2: DFN 15.69 mAh/cm2 (99.9 % of 15.7) against 93 % measured (+7.4 %);
    - 6 mA/cm2: DFN 10.49 against 13.9 mAh/cm2 (-24.6 %); fast 14.60 (+5.0 %);
    - 12 and 20 mA/cm2 (above the engine's limit): DFN 5.05 and 2.56 mAh/cm2 (Eq. 4: 6.37 and
      3.64); fast 0 at both;
    - slopes of the curves: DFN -0.683, -2.40, -5.95 V/h against the printed -0.52, -2.07,
      -6.22 (+31 %, +16 %, -4 %).

    With Bruggeman's tau (1.32) the DFN gives 15.17 mAh/cm2 at 6 mA/cm2 (+9.1 %), and 2.51x
    the Table 5 capacity at 20 mA/cm2 (the paper's projection: about twice)."""
    currents = [0.5, 6.0, 12.0, 20.0]
    dfn, r = discharges(sim_design("L600"), currents)
    fast, rf = discharges(sim_design("L600"), currents, model="fast")
    # outside the fast model's measured region at 6-20 mA/cm2, and a full cell: it says so
    assert any("outside the fast model's valid region" in n for n in rf.notes)
    assert any("error was measured on half cells only" in n for n in rf.notes)
    assert round(float(fast[1] / dfn[1]) - 1, 2) == 0.39
    assert [round(float(x), 2) for x in dfn] == [15.69, 10.49, 5.05, 2.56]
    assert round(float(dfn[0]) / (L600_05_FRACTION * TABLE3["L600"][4]) - 1, 3) == 0.074
    assert round(float(dfn[1]) / L600_6_MAH - 1, 3) == -0.246
    assert round(float(fast[1]) / L600_6_MAH - 1, 3) == 0.050
    assert list(fast[2:]) == [0.0, 0.0]
    for k, i in enumerate(currents[1:], start=1):
        q, v = (np.asarray(a) for a in r.curves[k])
        slope = mid_slope_V_h(q / r.area_m2 * 0.1, v, i)
        err = {6.0: 0.31, 12.0: 0.16, 20.0: -0.04}[i]
        assert round(slope / SLOPES[i] - 1, 2) == err
    brug, _ = discharges(sim_design("L600", measured_tau=False), [6.0, 20.0])
    assert round(float(brug[0]) / L600_6_MAH - 1, 3) == 0.091
    # p.611 (Fig. S7, the paper's Eq. 4 projection): Bruggeman's tau would give "about twice"
    # the capacity at 20 mA/cm2; the DFN gives 2.51x (Eq. 4 itself, our arithmetic: 2.27x)
    assert round(float(brug[1] / dfn[3]), 2) == 2.51


@pytest.mark.slow
def test_why_the_dfn_with_table_5_tau_falls_short_at_6_mA_cm2():
    """Not the kinetics: with the exchange currents and solid diffusivities x1000 the DFN
    starts at 3.99 V instead of 3.79 V at 6 mA/cm2 but delivers 10.62 instead of 10.49
    mAh/cm2. Eq. 4 with Table 5's conductivities but the DFN's own charge densities (the
    15.78 mAh/cm2 between OCV 4.1 V and the end of the window over each layer: q_c 951,
    q_a 1082 C/cm3 against Table 4's 1298, since N/P 1.2 leaves a sixth of the graphite
    unused) and its 1.6 V budget (OCV 4.1 V - 2.5 V) gives 12.14; the rest is the falling
    OCV, which Eq. 4 takes constant (4.1 and 0.1 V). Table 5's tau were fitted with Eq. 4,
    so they carry its simplifications."""
    p = cell_parameters(sim_design("L600"))
    quick = dataclasses.replace(p, **{
        side: dataclasses.replace(e, exchange_current_m_ref=e.exchange_current_m_ref * 1e3,
                                  diffusivity_m2_s=e.diffusivity_m2_s * 1e3)
        for side, e in (("positive", p.positive), ("negative", p.negative))})
    base, rb = discharges(p, [6.0])
    fast_kinetics, rq = discharges(quick, [6.0])
    assert round(float(base[0]), 2) == 10.49 and round(float(fast_kinetics[0]), 2) == 10.62
    assert round(float(rb.curves[0][1][0]), 2) == 3.79
    assert round(float(rq.curves[0][1][0]), 2) == 3.99
    # C/cm2 between OCV 4.1 V and the window's discharged end: 15.78 mAh/cm2
    q_window = rb.utilisable_capacity_A_h / rb.area_m2 * 0.1 * 3.6 * p.soc_at_open_circuit_voltage(
        4.1)
    assert round(q_window / 3.6, 2) == 15.78
    q_c = q_window / (p.positive.thickness_m * 100)
    q_a = q_window / (p.negative.thickness_m * 100)
    assert round(q_c) == 951 and round(q_a) == 1082
    inv_x = (1 / (q_c * p.positive.effective_ionic_conductivity_S_m * 1e-2)
             + 1 / (q_a * p.negative.effective_ionic_conductivity_S_m * 1e-2))
    r_sep = p.separator_thickness_m / p.separator_conductivity_S_m * 1e4  # Ohm cm2
    i = 6e-3
    assert round((4.1 - 2.5 - r_sep * i) / (inv_x * i) / 3.6, 2) == 12.14


@pytest.mark.slow
def test_thinner_cells_at_12_mA_cm2():
    """L100 (SE1) at 12 mA/cm2: DFN 2.21 of 2.64 mAh/cm2 (83.9 %; Table 3's capacity), the
    paper's "over 80 %": agrees (fast 84.6 %). L300 at 12 mA/cm2 against Fig. 2d (read):
    SE1 DFN 4.78 against about 6.6 (-28 %; fast 6.83, +3 %), SE2 DFN 1.24 against about 2.0
    (-38 %; fast 0). The high-current capacity hardly depends on the thickness (the paper's
    observation): L300 4.78 and L600 5.05 mAh/cm2 at 12 mA/cm2."""
    l100, _ = discharges(sim_design("L100"), [12.0])
    l100_fast, _ = discharges(sim_design("L100"), [12.0], model="fast")
    capacity = TABLE3["L100"][4]
    assert round(float(l100[0]) / capacity, 3) == 0.839 and l100[0] / capacity > 0.80
    assert round(float(l100_fast[0]) / capacity, 3) == 0.846
    for se, dfn_err, fast_err in (("se1", -0.28, 0.03), ("se2", -0.38, -1.0)):
        dfn, _ = discharges(sim_design("L300", se), [12.0])
        fast, _ = discharges(sim_design("L300", se), [12.0], model="fast")
        assert round(float(dfn[0]) / L300_12_READ[se] - 1, 2) == dfn_err
        assert round(float(fast[0]) / L300_12_READ[se] - 1, 2) == fast_err
    l300, _ = discharges(sim_design("L300"), [12.0])
    l600, _ = discharges(sim_design("L600"), [12.0])
    assert abs(float(l300[0]) / float(l600[0]) - 1) < 0.06
