"""Each cathode's exchange current is its source's, as PyBaMM 26.10 ships the source.

``active_materials.yaml`` keeps ``m_ref`` of ``j0 = m_ref exp(E_r/R (1/298.15 - 1/T)) c_e^0.5
c_s^0.5 (c_max - c_s)^0.5``; the PyBaMM function of each source has this form, so at the same
``c_e``, stoichiometry and temperature the two must be one number. NCA (``kim2011``, PyBaMM's
``nca_electrolyte_exchange_current_density_Kim2011``) computes its m_ref inside the function,
``i0_ref / (c_e_ref^0.5 (c_max (1 - 0.41))^0.5 (0.41 c_max)^0.5)`` with i0_ref = 4 A/m2 and
``c_e_ref`` = the set's "Initial concentration in electrolyte [mol.m-3]", 1200: m_ref =
4.7913e-6. The table held 5.2486e-6 until 2026-12-07 (the same formula with c_e_ref = 1000),
9.5 % above its source. nmc811 and graphite are compared at 298.15 K only: their E_r is
oregan2022's, not chen2020's (``test_sim_exchange_current_source.py``).
"""

from __future__ import annotations

import numpy as np
import pytest

from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.parameters import electrode_from_material

#: (material, PyBaMM parameter set module, function, temperatures compared [K])
SOURCES = [
    ("nmc811", "Chen2020", "nmc_LGM50_electrolyte_exchange_current_density_Chen2020",
     (298.15,)),
    ("lco", "Ai2020", "lico2_electrolyte_exchange_current_density_Dualfoil1998",
     (263.15, 298.15, 333.15)),
    ("nca", "NCA_Kim2011", "nca_electrolyte_exchange_current_density_Kim2011",
     (263.15, 298.15, 333.15)),
    ("lfp", "Prada2013", "LFP_electrolyte_exchange_current_density_kashkooli2017",
     (263.15, 298.15, 333.15)),
]
STOICHIOMETRIES = (0.2, 0.41, 0.8)


def _evaluate(expr: object) -> float:
    return float(np.ravel(expr.evaluate())[0]) if hasattr(expr, "evaluate") else float(expr)


def _source_j0(module: str, function: str, c_e: float, sto: float, c_max: float,
               temperature_K: float) -> float:
    """The source's j0 [A/m2] with the parameter values of its own PyBaMM set."""
    import importlib

    import pybamm

    mod = importlib.import_module(f"pybamm.input.parameters.lithium_ion.{module}")
    expr = getattr(mod, function)(pybamm.Scalar(c_e), pybamm.Scalar(sto * c_max),
                                  pybamm.Scalar(c_max), pybamm.Scalar(temperature_K))
    values = pybamm.ParameterValues(mod.get_parameter_values())
    return _evaluate(values.process_symbol(expr))


@pytest.mark.parametrize(("material", "module", "function", "temperatures"), SOURCES)
def test_exchange_current_is_the_sources(material: str, module: str, function: str,
                                         temperatures: tuple[float, ...]) -> None:
    e, _ = electrode_from_material(material, thickness_m=60e-6, active_volume_fraction=0.6,
                                   electrolyte_volume_fraction=0.35,
                                   electrolyte_conductivity_S_m=0.3)
    c_max = e.maximum_concentration_mol_m3
    for t in temperatures:
        for sto in STOICHIOMETRIES:
            for c_e in (1000.0, 1200.0):
                ours = _evaluate(pa._j0_function(e)(c_e, sto * c_max, c_max, t))
                theirs = _source_j0(module, function, c_e, sto, c_max, t)
                assert ours == pytest.approx(theirs, rel=1e-4), (material, t, sto, c_e)


def test_nca_reference_exchange_current_at_its_electrolyte() -> None:
    # kim2011 via PyBaMM's NCA_Kim2011: i0_ref = 4 A/m2 at stoichiometry 0.41 and the set's
    # initial electrolyte concentration, 1200 mol/m3
    e, _ = electrode_from_material("nca", thickness_m=60e-6, active_volume_fraction=0.6,
                                   electrolyte_volume_fraction=0.35,
                                   electrolyte_conductivity_S_m=0.3)
    c_max = e.maximum_concentration_mol_m3
    j0 = _evaluate(pa._j0_function(e)(1200.0, 0.41 * c_max, c_max, 298.15))
    assert j0 == pytest.approx(4.0, rel=1e-4)
