"""One source for the temperature dependence of the LG M50 electrodes (nmc811, graphite).

Since 2026-12-07 the exchange current's activation energy E_r of ``active_materials.yaml``
for nmc811 / graphite is oregan2022's (PyBaMM's ``ORegan2022.py``:
``nmc_LGM50_electrolyte_exchange_current_density_ORegan2022`` E_r = 2.401e4 J/mol,
``graphite_...`` 4e4 J/mol), as their solid diffusivity's E_D already was; before, PyBaMM's
Chen2020 set's 17800 / 35000 J/mol. O'Regan's j0 has another concentration form
(``(c_e/c_e_ref)^(1-a) x^a (1-x)^(1-a)``, a = 0.43 / 0.792) and its own i_ref, but a single
Arrhenius factor apart from it: its j0(T) / j0(298.15 K) is the same at every stoichiometry,
and solidcell's j0 (chen2020's m_ref and form) has the same ratio, which is what makes the pair
of chen2020's m_ref and oregan2022's E_r one temperature law (docs/simulation.md, "Thermal").
The source is cited where E_r moves the result: off 298.15 K or with the lumped model.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.ocp import active_material_table
from solidcell.simulation.parameters import T_REF, arrhenius_exponent, electrode_from_material

#: (material, PyBaMM function of the ORegan2022 set, E_r read in it [J/mol])
OREGAN = [
    ("nmc811", "nmc_LGM50_electrolyte_exchange_current_density_ORegan2022", 2.401e4),
    ("graphite", "graphite_LGM50_electrolyte_exchange_current_density_ORegan2022", 4e4),
]
STOICHIOMETRIES = (0.1, 0.45, 0.85)


def _oregan_j0(function: str, sto: float, temperature_K: float) -> float:
    """PyBaMM's installed ORegan2022 j0 [A/m2] at c_e = c_e_ref = 1000 mol/m3."""
    import pybamm
    from pybamm.input.parameters.lithium_ion import ORegan2022

    f = getattr(ORegan2022, function)
    expr = f(pybamm.Scalar(1000.0), pybamm.Scalar(sto * 30000.0), pybamm.Scalar(30000.0),
             pybamm.Scalar(temperature_K))
    values = pybamm.ParameterValues({"Initial concentration in electrolyte [mol.m-3]": 1000.0})
    return float(np.ravel(values.process_symbol(expr).evaluate())[0])


def _solidcell_j0(material: str, sto: float, temperature_K: float) -> float:
    e, _ = electrode_from_material(material, thickness_m=60e-6, active_volume_fraction=0.6,
                                   electrolyte_volume_fraction=0.35,
                                   electrolyte_conductivity_S_m=0.3)
    c_max = e.maximum_concentration_mol_m3
    j0 = pa._j0_function(e)(1000.0, sto * c_max, c_max, temperature_K)
    return float(np.ravel(j0.evaluate())[0]) if hasattr(j0, "evaluate") else float(j0)


@pytest.mark.parametrize(("material", "function", "e_r"), OREGAN)
def test_activation_energy_is_oregan2022s(material: str, function: str, e_r: float) -> None:
    entry = active_material_table()[material]["exchange_current_activation_energy_J_mol"]
    assert entry == {"value": e_r, "source": "oregan2022"}
    # m_ref stays chen2020's 298.15 K value
    assert active_material_table()[material]["exchange_current_m_ref"]["source"] == "chen2020"
    for sto in STOICHIOMETRIES:
        want = _oregan_j0(function, sto, 333.15) / _oregan_j0(function, sto, T_REF)
        assert math.exp(arrhenius_exponent(e_r, 333.15)) == pytest.approx(want, rel=1e-9)


@pytest.mark.parametrize(("material", "function", "e_r"), OREGAN)
@pytest.mark.parametrize("temperature_K", [263.15, 333.15])
def test_solidcell_j0_follows_t_as_the_source(material: str, function: str, e_r: float,
                                             temperature_K: float) -> None:
    # property: the same ratio j0(T) / j0(298.15 K) as O'Regan's function at each stoichiometry
    # (their magnitudes differ: chen2020's m_ref and form against O'Regan's i_ref and alpha)
    for sto in STOICHIOMETRIES:
        ours = _solidcell_j0(material, sto, temperature_K) / _solidcell_j0(material, sto, T_REF)
        theirs = (_oregan_j0(function, sto, temperature_K)
                  / _oregan_j0(function, sto, T_REF))
        assert ours == pytest.approx(theirs, rel=1e-9)


def test_source_cited_off_the_reference_temperature_only() -> None:
    kw = dict(thickness_m=60e-6, active_volume_fraction=0.6,
              electrolyte_volume_fraction=0.35, electrolyte_conductivity_S_m=0.3)
    e_ref, at_ref = electrode_from_material("graphite", **kw)
    e_hot, hot = electrode_from_material("graphite", temperature_K=333.15, **kw)
    assert e_ref.exchange_current_activation_energy_J_mol == 4e4
    assert e_hot.exchange_current_activation_energy_J_mol == 4e4
    assert "oregan2022" not in at_ref and "oregan2022" in hot
    # an lco cathode: its E_r's source is its m_ref's (ai2019), cited at any temperature
    _, lco = electrode_from_material("lco", **kw)
    assert "ai2019" in lco
