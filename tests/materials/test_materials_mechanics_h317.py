"""Fracture toughness K_IC and Young's modulus E the knowledge base still lacks, and what the
plating model does without them (H317, searched 2026-12-07).

No measured (or labelled DFT) K_IC or E of LAGP, LGPS, Li6PS5Br, Li7P3S11 (glass-ceramic),
Li3YCl6, Li3InCl6 or LiPON, nor K_IC of LLTO, could be read in any retrieved text (queries
and the candidates seen are listed in docs/materials-data.md, "Known gaps"); a value of a
close relative (McGrogan et al. 2017's amorphous Li2S-P2S5, Sakuda et al. 2013's glasses for the
Li7P3S11 glass-ceramic) is not transferred. So nothing was added, and these tests hold the
properties that must hold meanwhile. (H329, 2026-12-08: DFT Young's and shear moduli of LGPS,
Li6PS5Br and crystalline Li7P3S11 were since added, method computed, from Deng et al. 2016,
tests/materials/test_materials_mechanics_data.py; their K_IC is still missing.)

- the gaps are the ones docs/materials-data.md lists (docs and data agree);
- the plating CCD estimate refuses without a toughness (``NotCoveredError`` in the API, a
  one-line error naming ``--toughness`` at the CLI) instead of inventing one;
- with a toughness the caller gives, the estimate is the finite Griffith-Irwin number
  eta_c = K_IC Omega_Li / (F Y sqrt(pi a)) (Porz et al. 2017; Tada et al.), and a material
  without E gets no strength bound (E/pi) rather than an assumed one.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.interfaces.energies import NotCoveredError
from solidcell.materials import get
from solidcell.mechanics.dendrite import (
    EDGE_CRACK_Y,
    critical_current_density,
    lithium_molar_volume_m3_mol,
    theoretical_strength_Pa,
)

ROOT = Path(__file__).resolve().parents[2]

#: knowledge-base id -> (name docs/materials-data.md uses, properties still missing)
GAPS = {
    "lagp": ("LAGP", ("fracture_toughness", "youngs_modulus")),
    "lgps": ("LGPS", ("fracture_toughness",)),  # E, G: DFT, deng2016_sse_elastic_dft
    "li6ps5br": ("Li6PS5Br", ("fracture_toughness",)),  # idem
    "li7p3s11": ("Li7P3S11", ("fracture_toughness",)),  # idem (the crystal)
    "li3ycl6": ("Li3YCl6", ("fracture_toughness", "youngs_modulus")),
    "li3incl6": ("Li3InCl6", ("fracture_toughness", "youngs_modulus")),
    "lipon": ("LiPON", ("fracture_toughness", "youngs_modulus")),
    "llto": ("LLTO", ("fracture_toughness",)),
}


def _known_gaps_text() -> str:
    """The "Known gaps" section of docs/materials-data.md."""
    text = (ROOT / "docs" / "materials-data.md").read_text(encoding="utf-8")
    return text.split("## Known gaps", 1)[1]


@pytest.mark.parametrize("mid", sorted(GAPS))
def test_gaps_are_those_the_docs_list(mid: str) -> None:
    name, missing = GAPS[mid]
    material = get(mid)
    for prop in missing:
        assert material.get(prop) is None, (
            f"{mid} now has {prop}: update GAPS here and 'Known gaps' in docs/materials-data.md")
    assert name in _known_gaps_text()


@pytest.mark.parametrize("mid", sorted(GAPS))
def test_ccd_asks_for_the_toughness_instead_of_inventing_one(mid: str, capsys) -> None:
    with pytest.raises(NotCoveredError, match="fracture_toughness"):
        critical_current_density(mid, 5e-6)
    assert_one_line_error(*run(["ccd", mid, "--flaw-size", "5 um"], capsys),
                          "--toughness", mid)


@settings(max_examples=25, deadline=None)
@given(mid=st.sampled_from(sorted(GAPS)),
       k_ic=st.floats(1e4, 1e8),
       flaw=st.floats(1e-8, 1e-4))
def test_given_toughness_gives_the_griffith_estimate(mid: str, k_ic: float, flaw: float) -> None:
    from solidcell.chemistry.capacity import FARADAY

    res = critical_current_density(mid, flaw, fracture_toughness_Pa_m05=k_ic)
    omega, _ = lithium_molar_volume_m3_mol()
    expected = k_ic * omega / (FARADAY * EDGE_CRACK_Y * math.sqrt(math.pi * flaw))
    eta = float(res.critical_overpotential_V)
    assert math.isfinite(eta) and eta > 0
    assert eta == pytest.approx(expected, rel=1e-12)
    if "youngs_modulus" in GAPS[mid][1]:  # no E: no strength bound, none assumed
        assert theoretical_strength_Pa(mid) is None
        assert res.theoretical_strength_Pa is None and res.strength_note == ""
    else:  # LLTO, LGPS, Li6PS5Br and Li7P3S11 keep the bound of their stored E
        assert theoretical_strength_Pa(mid) is not None
