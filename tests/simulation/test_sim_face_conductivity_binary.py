"""The electrolyte's face conductivity with a binary salt (transference number < 1).

PyBaMM 26.10 writes the electrolyte current as ``(kappa tau) (chi RT/(F c) grad c - grad phi)``
and averages ``kappa tau`` onto the face between the separator and a composite harmonically
only for a coefficient times a bare gradient; with a binary salt the factor is a difference and
the face got the arithmetic mean (a first-order mesh error).
``pybamm_adapter.spatial_methods`` takes the harmonic mean for it (series resistances; the
face coefficient of every gradient term, as ``chi RT/(F c)`` is continuous across the face).

Property checked (no source needed): at t = 0 the salt is uniform, so the interior faces carry
no salt gradient and a binary salt's electrolyte potential across the cell is the single-ion
cell's (whose face PyBaMM averages harmonically) up to one constant: the separator's first half
cell at the lithium, where the salt-flux boundary condition puts ``grad c = -(1 - t+) i / (F D)``
(the anion does not cross the lithium interface), so ``chi RT/(F c0) grad c dx / 2`` with
``chi = 2 (1 - t+)`` (thermodynamic factor 1), i.e. ``(RT/F) (1 - t+)^2 i dx / (F D c0)``. It is
PyBaMM's discretisation of that boundary (first order in the mesh; the salt's boundary layer
outgrows the half cell within ``dx^2 / D``, 3.2 s here on the coarse mesh), not the face.
Measured 2026-12-07, polymer example at 85 degC, 2C, coarse / default / fine: the profile's
largest deviation from the single-ion one 0.665 / 0.082 / 0.041 mV before (arithmetic face;
electrolyte drop 15.2 mV), 6e-16 / 1e-15 / 2e-15 V now; the voltage offset equals the boundary
term within 5e-11 (relative).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from solidcell.chemistry.transport import GAS_CONSTANT
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.parameters import FARADAY
from solidcell.simulation.runs import run_parameters, simulate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
POLYMER = EXAMPLES / "polymer-lfp-peo-li.yaml"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
#: PFG-NMR self-diffusion coefficients in PEO-LiTFSI, Li:O 1/20, 358 K
#: (oradd2002_peo_litfsi_diffusion, as in test_sim_binary_salt.py) [m2/s]
D_TFSI, D_LI = 2.43424e-11, 4.59126e-12
T_PLUS = D_LI / (D_LI + D_TFSI)
D_SALT = 2 * D_LI * D_TFSI / (D_LI + D_TFSI)
C0 = 1000.0  # mol/m3: the single-ion cell's concentration, so the kinetics are the same


def _first_instant(p: object, mesh: str, current_A: float) -> tuple[np.ndarray, float]:
    sol = pa.get_built(p, mesh=mesh).solve(p, current_A=current_A, t_end_s=1.0)
    return (np.asarray(sol["Electrolyte potential [V]"].entries)[:, 0],
            float(np.asarray(sol["Voltage [V]"].entries)[0]))


@pytest.mark.parametrize("mesh", ["coarse", "default"])
def test_binary_salt_first_instant_is_the_single_ion_cell_but_its_boundary_half_cell(
        mesh: str) -> None:
    single = run_parameters(POLYMER, temperature=358.15)
    binary = replace(single, transference_number=T_PLUS, salt_diffusivity_m2_s=D_SALT,
                     salt_concentration_mol_m3=C0)
    current = 2.0 * single.capacity_A_h
    phi_s, v_s = _first_instant(single, mesh, current)
    phi_b, v_b = _first_instant(binary, mesh, current)
    # the same potential across the cell from the first separator node on (harmonic faces)
    np.testing.assert_allclose(phi_b - phi_b[0], phi_s - phi_s[0], rtol=0, atol=1e-12)
    i = current / single.area_m2
    dx = single.separator_thickness_m / pa.MESHES[mesh]["x_s"]
    boundary = (GAS_CONSTANT * single.temperature_K / FARADAY * (1 - T_PLUS) ** 2 * i * dx
                / (FARADAY * D_SALT * C0))
    assert v_s - v_b == pytest.approx(boundary, rel=1e-6)


def test_lumped_binary_salt_at_ambient_is_the_isothermal_one() -> None:
    # property: held at ambient (h = 1e7) the lumped model's conductivity, a function of T,
    # gives the isothermal binary-salt cell at the first instant: both faces harmonic (EV
    # example with a binary salt t+ 0.2, D 1e-11 m2/s: numbers for the check only, no cell's)
    salt = {"transference_number": 0.2, "salt_diffusivity_m2_s": 1e-11}
    iso = replace(run_parameters(EV), **salt)
    cold = replace(run_parameters(EV, thermal="lumped", heat_transfer_coefficient=1e7), **salt)
    exp = "Discharge at 2C for 10 seconds (10 seconds period)"
    a, b = simulate(iso, exp, mesh="coarse"), simulate(cold, exp, mesh="coarse")
    key = "Composite ohmic overpotential [V]"
    assert b.overpotentials_V[key][0] == pytest.approx(a.overpotentials_V[key][0], rel=1e-9)
    assert b.voltage_V[0] == pytest.approx(a.voltage_V[0], rel=1e-12)


def test_isothermal_single_ion_runs_keep_pybamms_own_finite_volumes() -> None:
    import pybamm

    single = run_parameters(POLYMER)
    model = pybamm.lithium_ion.DFN(pa.model_options(single))
    assert type(pa.spatial_methods(model, single)["macroscale"]) is pybamm.FiniteVolume
    binary = replace(single, transference_number=T_PLUS, salt_diffusivity_m2_s=D_SALT)
    method = pa.spatial_methods(model, binary)["macroscale"]
    assert isinstance(method, pybamm.FiniteVolume) and type(method) is not pybamm.FiniteVolume


def test_only_a_combination_of_gradients_is_a_flux_factor() -> None:
    import pybamm

    phi = pybamm.Variable("phi", domain="separator")
    c = pybamm.Variable("c", domain="separator")
    a = pybamm.Parameter("a")
    k = pybamm.Parameter("k")
    grad_phi, grad_c = pybamm.grad(phi), pybamm.grad(c)
    assert pa._gradient_sum(-grad_phi)
    assert pa._gradient_sum(a * grad_c - grad_phi)
    assert pa._gradient_sum(grad_c + (-grad_phi))
    # a flux, or a flux times a coefficient (t+ i_e): not a gradient to average for
    assert not pa._gradient_sum(k * grad_phi)
    assert not pa._gradient_sum(a * (k * (a * grad_c - grad_phi)))
    assert not pa._gradient_sum(a * grad_c - k * (a * grad_c - grad_phi))
