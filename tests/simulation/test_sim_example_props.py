"""Properties every correct discharge must have, checked on the bundled examples
(examples/*.yaml, the planar ones) and small variations of them, in both models (the fast
model of ``simulation/fast.py`` and the PyBaMM DFN / thin-film model on the coarse mesh).

Tolerances: the fast model is exact arithmetic on the same formulae (1e-9); PyBaMM's capacities
carry its solver tolerance (rtol 1e-4, atol 1e-5): against rtol = atol = 1e-7 they moved by up
to 0.09 % of the utilisable capacity on these examples and their separator variations
(docs/validation.md, "Electrochemical simulation"), hence 1e-3 where two PyBaMM runs are
compared.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.simulation.ocp import ocp_for
from solidcell.simulation.parameters import FARADAY, CellParameters, active_material_table
from solidcell.simulation.runs import cell_parameters, rate_capability, simulate

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"
#: the planar examples (the 3D architectures are refused by the 1D models)
EXAMPLES = sorted(p.name for p in EXAMPLES_DIR.glob("*.yaml")
                  if "3d" not in p.name and "vertically" not in p.name)
RATES = [0.02, 0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0]
PYBAMM_TOL = 1e-3  # of the utilisable capacity: PyBaMM's solver tolerance (module docstring)


def _design(name: str) -> CellDesign:
    return CellDesign.from_file(EXAMPLES_DIR / name)


def test_the_examples_are_found() -> None:
    assert len(EXAMPLES) == 7


@pytest.mark.parametrize("model", ["fast", "pybamm"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_rate_capability_is_consistent(name: str, model: str) -> None:
    """Capacity never rises with the C-rate and never exceeds the utilisable capacity; each
    curve starts below the charged open-circuit voltage, stays between it and the lower
    cut-off and ends at the delivered capacity; energy = integral V dQ over the curve
    (trapezoid on its points) and mean voltage = energy / capacity. (The fast model's curves
    stopped at the last whole step before the end: up to 6.4 % of the capacity and of the
    energy were missing from them at 8C.) Behind the wall of the default ("auto") at most the
    wall's reach beyond the window (:func:`_most`), and the charged OCV is the data's plus the
    wall's lift at the data's end (:func:`_wall_lift_V`)."""
    cp = cell_parameters(EXAMPLES_DIR / name)
    r = rate_capability(cp, RATES, model=model, mesh="coarse")
    cap = r.capacity_A_h
    tol = (1e-9 if model == "fast" else PYBAMM_TOL) * cp.capacity_A_h
    assert np.all(np.diff(cap) <= tol)
    assert np.all(cap <= cp.capacity_A_h * _most(cp, r.ocp_ends))
    ocv_charged = float(cp.open_circuit_voltage(0.0)) + _wall_lift_V(r.ocp_ends)
    for (q, v), c, e, mean_v, why in zip(r.curves, cap, r.energy_W_h, r.mean_voltage_V,
                                         r.terminations, strict=True):
        if why.startswith("no capacity"):
            # the losses at this current exceed the voltage window at the first instant (the
            # 1 mm separator of the lab pellet example at 8C): nothing is delivered, and the
            # result says so instead of showing a curve
            assert c == 0 and len(q) <= 1
            continue
        assert c > 0 and q[-1] == pytest.approx(c, rel=1e-9)
        assert v[0] < ocv_charged and np.all(v <= ocv_charged)
        assert np.all(v >= r.lower_cutoff_V - 1e-6)
        assert float(np.trapezoid(v, q)) == pytest.approx(e, rel=1e-9)
        assert mean_v == pytest.approx(e / c, rel=1e-12)


@pytest.mark.parametrize("name", EXAMPLES)
def test_terminal_voltage_stays_below_the_open_circuit_voltage(name: str) -> None:
    """On discharge every loss (ohmic, kinetic, solid diffusion) lowers the voltage: V(t) <
    OCV(t) of the electrodes' mean lithium content at every point where current flows."""
    r = simulate(EXAMPLES_DIR / name, "Discharge at 1C until 2.5 V", mesh="coarse")
    on = r.current_A > 1e-12
    assert on.sum() > 10
    assert np.all(r.voltage_V[on] < r.open_circuit_voltage_V[on])


@pytest.mark.parametrize("name", EXAMPLES)
def test_slow_discharge_approaches_the_theoretical_capacity(name: str) -> None:
    """The utilisable capacity is F c_max (s_hi - s_lo) phi_am L A (the OCP data window of the
    active material's parameter set, chen2020 / ai2019 / rieger2016 / prada2013), computed here
    from the design (resolved volume fraction and thickness, electrode width x height x
    layers); at 0.02C both models deliver it within 2 % (the fast model and PyBaMM within 0.1 %
    of each other), never more, or with the wall of the default ("auto") at most the wall's
    reach more (:func:`_most`)."""
    design = _design(name)
    rd = design.resolved()
    mid = rd.cathode.materials["active"].id
    cmax = active_material_table()[mid]["maximum_concentration_mol_m3"]["value"]
    ocp = ocp_for(mid)
    f = design.format
    area = f.electrode_width_m * f.electrode_height_m * f.n_layers
    expected = (FARADAY * cmax * (ocp.upper - ocp.lower) * rd.cathode.active_volume_fraction
                * rd.cathode_thickness_m * area / 3600.0)
    cp = cell_parameters(design)
    assert cp.capacity_A_h == pytest.approx(expected, rel=1e-12)
    fast = rate_capability(cp, [0.02], model="fast").capacity_A_h[0]
    dfn = rate_capability(cp, [0.02], mesh="coarse")
    most = _most(cp, dfn.ocp_ends)
    dfn = dfn.capacity_A_h[0]
    for q in (fast, dfn):
        assert 0.98 * expected <= q <= expected * most
    assert fast == pytest.approx(dfn, rel=1e-3)


def _most(cp: CellParameters, ocp_ends: str) -> float:
    """The most a discharge can deliver, as a fraction of the utilisable capacity: 1 (+1e-6)
    with "stop"; behind the wall 1 + its reach (``ocp.WALL_WIDTH``, a numerical bound) over the
    cathode's stoichiometry window (the lithium the wall holds beyond the data)."""
    from solidcell.simulation.ocp import WALL_WIDTH

    if ocp_ends == "stop":
        return 1 + 1e-6
    return 1 + WALL_WIDTH / (cp.positive.ocp.upper - cp.positive.ocp.lower)


def _wall_lift_V(ocp_ends: str) -> float:
    """How far the wall raises the OCP at the charged (delithiated) end of the data [V]: the
    smooth wall of ``ocp.with_walls_V`` is ``wall_V(-WALL_OFFSET)`` there (5.4 mV, numerics),
    0 with "stop"."""
    from solidcell.simulation.ocp import WALL_OFFSET, wall_V

    return 0.0 if ocp_ends == "stop" else float(wall_V(-WALL_OFFSET))


def _ions_limit(cp: CellParameters) -> bool:
    """A dense film has no composite; else the composite's ions conduct worse than its
    electrons (then a higher kappa makes the reaction more uniform, docs/simulation.md)."""
    return cp.dense_film or (cp.positive.effective_ionic_conductivity_S_m
                             <= cp.positive.electronic_conductivity_S_m)


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(EXAMPLES), t_lo=st.floats(253.15, 353.15),
       dt=st.floats(1.0, 60.0), rate=st.sampled_from([0.5, 1.0, 2.0, 5.0]))
def test_higher_temperature_never_lowers_capacity_where_ions_limit(
        name: str, t_lo: float, dt: float, rate: float) -> None:
    """Warmer: the solid electrolytes conduct more (Arrhenius), the cathode's exchange current
    rises, so the delivered capacity cannot fall, where ions limit the composite up to 353 K.
    Outside that the model can deliver less when warmer: once kappa_eff passes sigma_eff the
    reaction crowds at the collector and the first particle reaches the end of its OCP data
    earlier (the EV example above 40 degC while its VGCF counted 0, up to -1.7 % of the
    capacity, both models; with the VGCF's conductivity ions limit it up to 353 K). The
    thin-film example at 3C and above is drawn since its LiCoO2 diffusivity follows T (5
    kJ/mol, ai2019; see the test below): with D constant it delivered up to 2.9e-5 of its
    capacity less at 353 K than at 337 K (5C)."""
    t_hi = min(t_lo + dt, 353.15)
    design = _design(name)
    lo, hi = (cell_parameters(design, temperature=t) for t in (t_lo, t_hi))
    if not _ions_limit(hi):
        return
    q_lo, q_hi = (rate_capability(cp, [rate], model="fast").capacity_A_h[0] for cp in (lo, hi))
    assert q_hi >= q_lo - 1e-9 * lo.capacity_A_h


#: temperatures of the heating checks [K]: -20 to 100 degC, the span of the knowledge base's
#: Arrhenius figures (solidcell.report.materials.arrhenius_figure), in 2 K steps
HEATING_K = np.arange(253.15, 373.16, 2.0)


@pytest.mark.parametrize(("name", "rates"), [
    ("ev-nmc811-lpscl-li.yaml", [0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 10.0]),
    ("thin-film-lco-lipon-li.yaml", [0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 10.0])])
def test_heating_never_lowers_capacity_over_the_data_range(name: str, rates: list[float]
                                                           ) -> None:
    """Fast model, -20 to 100 degC: the capacity never falls when warmer. The lithium counter
    electrode's exchange current is Arrhenius (0.37 eV, the Li | garnet interface,
    eckhardt2023): while it was constant (xu2019 alone), 2RT/F asinh(i / 2 j0_Li) grew with T
    and the thin-film example at 2C delivered 2.0e-5 of its capacity less at 371-373 K than at
    303-369 K. The thin film at 3-10C is asserted since its LiCoO2 diffusivity is taken at T
    (5 kJ/mol, ai2019; measured in 1 K steps, 253-373 K: no loss at 0.5-10C): while D stayed
    the table's at every T, the film's own overpotential, whose exchange current rises only by
    5 kJ/mol where ln(i / j0) exceeds E_a / RT, grew with T and it delivered up to 1.3e-4 of
    its capacity less at 373 K than at 330 K (3C; the loss started at 331 / 338 / 345 / 348 K
    at 3 / 5 / 8 / 10C)."""
    design = _design(name)
    cps = [cell_parameters(design, temperature=float(t)) for t in HEATING_K]
    q = np.array([rate_capability(cp, rates, model="fast").capacity_A_h for cp in cps])
    assert np.all(np.diff(q, axis=0) >= -1e-9 * cps[0].capacity_A_h)


@pytest.mark.parametrize("name", ["ev-nmc811-lpscl-li.yaml", "oxide-lco-llzo-li.yaml",
                                  "polymer-lfp-peo-li.yaml"])
def test_higher_temperature_never_lowers_capacity_in_pybamm(name: str) -> None:
    """The same in the DFN, 10-50 degC (ions limit the three composites there)."""
    design = _design(name)
    caps = []
    for t in (283.15, 298.15, 313.15, 323.15):
        cp = cell_parameters(design, temperature=t)
        assert _ions_limit(cp)
        caps.append(rate_capability(cp, [1.0, 3.0], mesh="coarse").capacity_A_h)
    assert np.all(np.diff(np.array(caps), axis=0) >= -PYBAMM_TOL * cp.capacity_A_h)


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(EXAMPLES), thin=st.floats(5e-6, 150e-6),
       extra=st.floats(1e-6, 150e-6), rate=st.sampled_from([0.5, 1.0, 2.0, 5.0]))
def test_thicker_separator_never_raises_capacity(name: str, thin: float, extra: float,
                                                 rate: float) -> None:
    """A thicker separator adds i dL / sigma to every point of the curve and changes nothing
    else (constant current, single-ion conductor): capacity and energy cannot rise."""
    design = _design(name)
    a, b = (cell_parameters(design.replace(**{"separator.thickness_m": t}))
            for t in (thin, thin + extra))
    ra, rb = (rate_capability(cp, [rate], model="fast") for cp in (a, b))
    assert rb.capacity_A_h[0] <= ra.capacity_A_h[0] + 1e-9 * a.capacity_A_h
    assert rb.energy_W_h[0] <= ra.energy_W_h[0] * (1 + 1e-9) + 1e-12


@pytest.mark.parametrize("name", ["ev-nmc811-lpscl-li.yaml", "oxide-lco-llzo-li.yaml",
                                  "thin-film-lco-lipon-li.yaml"])
def test_thicker_separator_never_raises_capacity_in_pybamm(name: str) -> None:
    """The same in PyBaMM, 10-300 um, within its solver tolerance (where the discharge ends at
    the end of the OCP data the separator cannot change the capacity at all: the scatter
    there, up to 0.09 %, is the solver's)."""
    design = _design(name)
    caps = [rate_capability(cell_parameters(design.replace(**{"separator.thickness_m": t})),
                            [1.0, 3.0], mesh="coarse").capacity_A_h
            for t in (10e-6, 30e-6, 100e-6, 300e-6)]
    ref = cell_parameters(design).capacity_A_h
    assert np.all(np.diff(np.array(caps), axis=0) <= PYBAMM_TOL * ref)


def test_the_carbon_conductivity_is_counted_and_a_missing_one_noted() -> None:
    """sigma_eff = sigma_am phi_am^1.5 + sigma_c phi_c^1.5 (bruggeman1935): the EV example's
    2.85 vol% VGCF counts with the knowledge base's 1.67e6 S/m (from the resistivity 60 uOhm cm
    along the fibre axis, burchell1999_vgcf_table), which becomes a source of the run; chen2020's
    NMC811 (0.18 S/m) alone gives 0.087 S/m. A carbon without electronic_conductivity (a
    user's material) counts 0, and a note says so (it was silent)."""
    design = _design("ev-nmc811-lpscl-li.yaml")
    cp = cell_parameters(design)
    phi_am = cp.positive.active_volume_fraction
    phi_c = design.resolved().cathode.volume_fractions["carbon"]
    assert cp.positive.electronic_conductivity_S_m == pytest.approx(
        0.18 * phi_am**1.5 + 1.67e6 * phi_c**1.5, rel=1e-12)
    assert "burchell1999_vgcf_table" in cp.sources
    assert not any("no electronic_conductivity" in n for n in cp.notes)
    carbon = {"id": "user_carbon", "name": "carbon without conductivity", "formula": "C",
              "category": "additive",
              "properties": [{"name": "density", "value": 2.0, "unit": "g/cm3",
                              "method": "estimated", "source": "materials_data_estimate"}]}
    bare = cell_parameters(design.replace(**{"cathode.carbon": carbon}))
    assert bare.positive.electronic_conductivity_S_m == pytest.approx(0.18 * phi_am**1.5)
    assert any("'user_carbon'" in n and "no electronic_conductivity" in n for n in bare.notes)
