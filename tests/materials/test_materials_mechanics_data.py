"""Curated elastic moduli of the electrolytes that lacked them (H329, searched 2026-12-08).

Added, ``method: computed``: the DFT Young's and shear moduli of LGPS, Li6PS5Br and
crystalline Li7P3S11 of Deng, Wang, Chu, Luo & Ong, "Elastic Properties of Alkali Superionic
Conductor Electrolytes from First Principles Calculations", J. Electrochem. Soc. 163(2),
A67-A74 (2016), doi:10.1149/2.0061602jes, Table III (PBEsol, 0 K, ordered models,
Voigt-Reuss-Hill averages), read in a public digest of the paper that transcribes its tables
(the bib note of ``deng2016_sse_elastic_dft`` names it), not in the paper itself. Defect-free
single crystals: upper estimates for pellets, which is the side the plating model's strength
bound E/pi takes (the upper end of a range).

Still not found in any text read (docs/materials-data.md, "Known gaps"): any fracture
toughness of these, and E or G of LAGP, Li3InCl6, Li3YCl6 and LiPON, nor K_IC of LLTO
(tests/materials/test_materials_mechanics_h317.py holds that list).
"""

from __future__ import annotations

import json
import math

import pytest

from clirun import run
from solidcell.materials import get
from solidcell.materials.store import curated_materials
from solidcell.mechanics.dendrite import theoretical_strength_Pa
from solidcell.mechanics.lithium import MONROE_NEWMAN_RATIO, monroe_newman

SOURCE = "deng2016_sse_elastic_dft"

#: Deng et al. 2016, Table III (PBEsol, Voigt-Reuss-Hill): bulk, shear, Young's modulus [GPa]
#: and Poisson's ratio, as the digest transcribes them
TABLE_III = {
    "lgps": (27.3, 7.9, 21.7, 0.37),  # Li10GeP2S12, ordered P42mc model
    "li6ps5br": (29.0, 9.3, 25.3, 0.35),  # Li6PS5Br, F-43m, Li on 24g only
    "li7p3s11": (23.9, 8.1, 21.9, 0.35),  # Li7P3S11 crystal, P-1
}
#: the same table's Li6PS5Cl row (not stored: the knowledge base keeps Singh et al.'s values)
LI6PS5CL_ROW = (28.7, 8.1, 22.1, 0.37)


@pytest.mark.parametrize("mid", sorted(TABLE_III))
def test_moduli_are_those_of_table_iii(mid: str) -> None:
    _, g, e, _ = TABLE_III[mid]
    m = get(mid)
    for name, gpa in (("youngs_modulus", e), ("shear_modulus", g)):
        p = m.get(name)
        assert (p.source, p.method, p.unit) == (SOURCE, "computed", "GPa"), name
        assert p.si == pytest.approx(gpa * 1e9)
    note = m.get("youngs_modulus").note
    assert "DFT" in note and "Table III" in note and "upper estimate" in note


@pytest.mark.parametrize("mid", [*sorted(TABLE_III), "li6ps5cl"])
def test_table_iii_rows_obey_isotropic_elasticity(mid: str) -> None:
    """Each row's E and nu follow from its B and G (E = 9BG/(3B + G), nu = (3B - 2G) /
    (2(3B + G))) to the digits printed: a mis-transcribed digit of B, G or E would break it."""
    b, g, e, nu = LI6PS5CL_ROW if mid == "li6ps5cl" else TABLE_III[mid]
    assert 9 * b * g / (3 * b + g) == pytest.approx(e, rel=0.01)
    assert (3 * b - 2 * g) / (2 * (3 * b + g)) == pytest.approx(nu, abs=0.01)


def test_the_digest_agrees_with_what_singh_2022_quotes_for_li6ps5cl() -> None:
    """Singh et al. 2022 (singh2022_lpscl_microstructure) quote E = 22 GPa and Pugh's ratio
    G/B = 0.28 for Li6PS5Cl, the knowledge base's values; the digest's Table III row gives
    22.1 GPa and 8.1 / 28.7 = 0.282: the transcription matches a source read separately."""
    b, g, e, _ = LI6PS5CL_ROW
    stored = get("li6ps5cl").get("youngs_modulus")
    assert stored.source == "singh2022_lpscl_microstructure"
    assert round(e) * 1e9 == pytest.approx(stored.si)
    assert round(g / b, 2) == 0.28


def test_every_curated_pair_of_moduli_lies_in_the_isotropic_bounds() -> None:
    """For an isotropic solid G = E / (2 (1 + nu)); Poisson's ratio 0 to 0.5 gives
    E/3 <= G <= E/2. Every curated material with both moduli obeys it, the new ones included."""
    pairs = {m.id: (m.si("youngs_modulus"), m.si("shear_modulus")) for m in curated_materials()
             if m.si("youngs_modulus") is not None and m.si("shear_modulus") is not None}
    assert set(pairs) >= {*TABLE_III, "llzo", "li6ps5cl", "li_metal"}
    bad = {mid: (e, g) for mid, (e, g) in pairs.items() if not 0 < e / 3 <= g <= e / 2}
    assert bad == {}


@pytest.mark.parametrize("mid", sorted(TABLE_III))
def test_strength_bound_and_monroe_newman_use_them(mid: str) -> None:
    """The plating model's strength bound is E/pi of the stored E (Anderson 2005, eq. 2.5),
    and the Monroe-Newman ratio G_SE / G_Li uses the stored G against lithium's 2.83 GPa
    (masias2019_li_mechanics); before, both were refused or absent for these materials."""
    _, g, e, _ = TABLE_III[mid]
    assert theoretical_strength_Pa(mid) == (pytest.approx(e * 1e9 / math.pi), SOURCE)
    r = monroe_newman(mid)
    assert r.shear_modulus_electrolyte_Pa == pytest.approx(g * 1e9)
    assert r.ratio == pytest.approx(g / 2.83)
    assert r.ratio >= MONROE_NEWMAN_RATIO and r.meets_criterion  # 2.79, 3.29, 2.86 >= 2
    assert SOURCE in r.sources


def test_ccd_flags_a_pressure_above_the_lgps_strength_bound(capsys) -> None:
    """`solidcell ccd lgps`: a 0.1 nm flaw at 0.23 MPa m^0.5 needs 11.6 GPa, above
    E/pi = 21.7 GPa / pi = 6.91 GPa, so the estimate is flagged; a 5 um flaw (51.8 MPa) is not.
    The toughness is still the caller's (the knowledge base has no K_IC of LGPS)."""
    code, out, err = run(["ccd", "lgps", "--flaw-size", "5 um,0.0001 um", "--toughness",
                          "0.23 MPa*m**0.5", "--json"], capsys)
    assert code == 0, err
    coarse, fine = json.loads(out)
    for row in (coarse, fine):
        assert row["Theoretical strength [Pa]"] == pytest.approx(21.7e9 / math.pi)
        assert SOURCE in row["sources"]
    assert coarse["Theoretical strength note"] is None
    assert "above the theoretical strength of lgps" in fine["Theoretical strength note"]
