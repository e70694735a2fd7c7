"""The initial salt concentration of a binary salt (``CellParameters.salt_concentration_mol_m3``)
and the bounds of the transference number.

A PEO-salt electrolyte's salt concentration follows from its composition,
``c = rho_PEO / (n M_EO) = 1 / (n V_EO)`` (``parameters.polymer_salt_concentration_mol_m3``;
PEO's EO unit 44.05 g/mol and 39.2 cm3/mol measured at 298 K, ``wypych2016_peo``); the
knowledge base's PEO-LiTFSI is EO:Li = 20 (``aenm2019_1900763``). Before 2026-12-06 every
binary salt started at the fixed 1000 mol/m3.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from simhelpers import design_dict, half_cell

from solidcell.errors import ValidationError
from solidcell.simulation import cell_parameters
from solidcell.simulation.parameters import (
    C_E,
    EO_MOLAR_MASS_KG_MOL,
    EO_MOLAR_VOLUME_M3_MOL,
    polymer_salt_concentration_mol_m3,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CELL = half_cell("nmc811", kappa=0.3, sigma_sep=0.3, r_int=0.0)


def test_the_formula_value_for_peo_litfsi_at_eo_li_20() -> None:
    """1 / (20 x 39.2e-6 m3/mol) = 1275.51 mol/m3 (wypych2016_peo; EO:Li 20 of
    aenm2019_1900763), PEO's density 44.05 / 39.2 = 1.1237 g/cm3; inside the 742-2982 mol/m3
    over which edman2000_peo_litfsi measured t0+ of PEO-LiTFSI."""
    assert pytest.approx(1123.72, abs=0.01) == EO_MOLAR_MASS_KG_MOL / EO_MOLAR_VOLUME_M3_MOL
    c = polymer_salt_concentration_mol_m3(20.0)
    assert c == pytest.approx(1275.51, abs=0.01)
    assert 742 <= c <= 2982


@given(st.floats(0.5, 500.0), st.floats(1.01, 10.0))
def test_more_ether_oxygens_per_lithium_is_less_salt(n: float, factor: float) -> None:
    """Property: c * n is the EO units per volume (constant); more EO per Li, less salt."""
    c = polymer_salt_concentration_mol_m3(n)
    assert c > polymer_salt_concentration_mol_m3(n * factor) > 0
    assert c * n == pytest.approx(1 / EO_MOLAR_VOLUME_M3_MOL, rel=1e-12)


@pytest.mark.parametrize("bad", [0, -20.0, math.nan, math.inf, True, "20", None])
def test_a_bad_eo_ratio_is_refused_by_name(bad: object) -> None:
    with pytest.raises(ValidationError) as err:
        polymer_salt_concentration_mol_m3(bad)  # type: ignore[arg-type]
    assert err.value.field == "eo_per_li"


def test_a_peo_design_carries_its_salt_concentration_and_a_sulfide_design_none() -> None:
    """The polymer example (PEO-LiTFSI in separator and cathode) gets 1275.5 mol/m3 with its
    sources; a Li6PS5Cl design none. With transference number 1 the electrolyte still starts
    at C_E (the concentration never changes and enters only the kinetics)."""
    peo = cell_parameters(EXAMPLES / "polymer-lfp-peo-li.yaml")
    assert peo.salt_concentration_mol_m3 == pytest.approx(1275.51, abs=0.01)
    assert {"wypych2016_peo", "aenm2019_1900763"} <= set(peo.sources)
    assert peo.initial_salt_concentration_mol_m3 == C_E
    binary = replace(peo, transference_number=0.2, salt_diffusivity_m2_s=1e-11)
    assert binary.initial_salt_concentration_mol_m3 == pytest.approx(1275.51, abs=0.01)
    from solidcell.cell.design import CellDesign

    sulfide = cell_parameters(CellDesign(**design_dict()))
    assert sulfide.salt_concentration_mol_m3 is None
    assert replace(sulfide, transference_number=0.2, salt_diffusivity_m2_s=1e-11
                   ).initial_salt_concentration_mol_m3 == C_E


@pytest.mark.parametrize("bad", [0.0, -1000.0, math.nan, math.inf, -math.inf, True, "1000",
                                 5e-324])
def test_a_bad_salt_concentration_is_refused_by_name(bad: object) -> None:
    with pytest.raises(ValidationError) as err:
        replace(CELL, transference_number=0.2, salt_diffusivity_m2_s=1e-11,
                salt_concentration_mol_m3=bad)
    assert err.value.field == "salt_concentration_mol_m3"
    assert "positive finite" in err.value.allowed


def test_transference_number_bounds() -> None:
    """Measured t0+ of PEO-LiTFSI reach -0.8 (jes2018_transference_methods), so negative values
    down to it are taken (the knowledge base's bound, one rule); below it, non-finite values
    and values above 1 are refused, naming the field and the source."""
    assert replace(CELL, transference_number=-0.8,
                   salt_diffusivity_m2_s=1e-11).transference_number == -0.8
    for bad in (-math.inf, math.nan, -0.81, 1.01):
        with pytest.raises(ValidationError) as err:
            replace(CELL, transference_number=bad, salt_diffusivity_m2_s=1e-11)
        assert err.value.field == "transference_number"
        assert "negative values are measured" in err.value.allowed
        assert "jes2018_transference_methods" in err.value.allowed


def test_the_dfn_starts_at_the_given_salt_concentration() -> None:
    """The DFN's electrolyte concentration at t = 0 is the given one, uniform."""
    from solidcell.simulation import pybamm_adapter as pa

    p = replace(CELL, transference_number=0.2, salt_diffusivity_m2_s=1e-11,
                salt_concentration_mol_m3=1500.0)
    sol = pa.get_built(p, mesh="coarse").solve(p, current_A=0.0, t_end_s=10.0)
    c0 = sol["Electrolyte concentration [mol.m-3]"].entries[:, 0]
    assert c0.min() == pytest.approx(1500.0) and c0.max() == pytest.approx(1500.0)


@pytest.mark.slow
def test_more_salt_holds_a_higher_limiting_current() -> None:
    """Property: the salt's limiting current grows with its concentration, so at a rate where
    the salt depletes more salt never delivers less. Measured 2026-12-07 (t+ 0.2, D 1e-11
    m2/s, coarse mesh, the default ocp_ends "auto": NMC811 behind the wall), % of the window
    at 0.2 / 0.5C: 500 mol/m3 14.52 / 2.58 (both depleted), 1000 mol/m3 98.49 / 10.29 (both
    depleted), 2000 mol/m3 99.83 / 93.89 (0.5C depleted). With "stop" (2026-12-06): 14.53 /
    2.58, 92.00 / 10.29 (0.5C depleted), 95.91 / 86.99 (neither): the wall's longer
    discharges reach the depletion at the end."""
    from solidcell.simulation import pybamm_adapter as pa
    from solidcell.simulation.runs import rate_capability

    shares, depleted = [], []
    for c0 in (500.0, 1000.0, 2000.0):
        p = replace(CELL, transference_number=0.2, salt_diffusivity_m2_s=1e-11,
                    salt_concentration_mol_m3=c0)
        r = rate_capability(p, [0.2, 0.5], mesh="coarse")
        shares.append([q / r.utilisable_capacity_A_h * 100 for q in r.capacity_A_h])
        depleted.append([pa.DEPLETION_EVENT in t for t in r.terminations])
    for k in range(2):
        assert shares[0][k] <= shares[1][k] <= shares[2][k]
    assert np.ravel(shares) == pytest.approx([14.53, 2.58, 98.49, 10.29, 99.83, 93.89], abs=0.3)
    assert depleted == [[True, True], [True, True], [False, True]]
