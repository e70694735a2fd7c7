"""Fracture toughness K_IC and Young's modulus E of the separator electrolytes in the curated
knowledge base, read back with their sources, and their path into the plating CCD estimate
(``solidcell ccd``, ``mechanics_check``, ``solidcell interfaces --flaw-size``).

- Jackman & Cutler 2012 (``jackman2012_latp``, highlights of the scan read): "Biaxial membrane
  strength measured as 123 MPa with 1.1 MPa sqrt(m) fracture toughness" for
  Li1.3Al0.3Ti1.7(PO4)3; Young's modulus 81-115 GPa (abstract). Before, `solidcell ccd latp`
  refused without ``--toughness`` although the paper was already cited for E.
- Crystals 2025, 15, 707 (``crystals2025_llto_levitation``, abstract and conclusions): LLTO
  solidified by aerodynamic levitation, "a high Young's modulus of 240 GPa and a high hardness
  of 16.7 GPa". LLTO had no E, so the plating model's strength bound E/pi was never checked.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.citations import bibliography
from solidcell.materials import curated_materials, get
from solidcell.mechanics.dendrite import (
    EDGE_CRACK_Y,
    critical_current_density,
    lithium_molar_volume_m3_mol,
    theoretical_strength_Pa,
)
from solidcell.mechanics.volume import mechanics_check

ROOT = Path(__file__).resolve().parents[2]
#: jackman2012_latp (highlights): LATP fracture toughness [Pa m^0.5]
JACKMAN_LATP_K_IC = 1.1e6
#: jackman2012_latp (abstract): LATP Young's modulus range [Pa], coarse to fine grains
JACKMAN_LATP_E = (81e9, 115e9)
#: crystals2025_llto_levitation (abstract): Young's modulus of melt-solidified LLTO [Pa]
LEVITATION_LLTO_E = 240e9


def _eta_c(k_ic: float, a: float) -> float:
    """eta_c = K_IC Omega_Li / (F Y sqrt(pi a)) (mechanics/dendrite.py, Porz et al. 2017)."""
    from solidcell.chemistry.capacity import FARADAY

    omega, _ = lithium_molar_volume_m3_mol()
    return k_ic * omega / (FARADAY * EDGE_CRACK_Y * math.sqrt(math.pi * a))


def test_latp_toughness_is_jackmans_with_its_source() -> None:
    prop = get("latp").get("fracture_toughness")
    assert prop.si == pytest.approx(JACKMAN_LATP_K_IC)
    assert (prop.value, prop.unit, prop.method, prop.source) == (
        1.1, "MPa*m**0.5", "measured", "jackman2012_latp")
    assert "123 MPa" in prop.note and "not in the text read" in prop.note
    # the same paper's E, the strength bound's input, is read alongside
    e = get("latp").get("youngs_modulus")
    assert e.si_range == pytest.approx(JACKMAN_LATP_E) and e.source == "jackman2012_latp"


def _electrolytes() -> list:
    return [m for m in curated_materials() if m.category == "electrolyte"]


def test_every_stored_toughness_and_modulus_has_a_cited_source_and_a_sane_value() -> None:
    """Property: each K_IC and E of an electrolyte names a bib key, holds a method, and lies in
    the range of brittle solids (K_IC 0.05-20 MPa m^0.5, E 0.01-500 GPa)."""
    bib = bibliography()
    seen = 0
    for m in _electrolytes():
        for name, lo, hi in (("fracture_toughness", 5e4, 2e7), ("youngs_modulus", 1e7, 5e11)):
            for prop in m.properties:
                if prop.name != name:
                    continue
                seen += 1
                assert prop.source in bib, (m.id, name, prop.source)
                assert prop.method in {"measured", "review", "computed", "estimated"}
                values = prop.si_range if prop.value is None else (prop.si, prop.si)
                assert lo <= values[0] <= values[1] <= hi, (m.id, name, values)
    assert seen >= 9


def test_docs_name_every_electrolyte_that_has_a_toughness() -> None:
    """docs/interfaces.md's mechanics section lists the knowledge base's K_IC values; each
    electrolyte holding one must be named there with its value."""
    text = (ROOT / "docs" / "interfaces.md").read_text(encoding="utf-8")
    start = text.index("Fracture toughness from the knowledge base")
    section = text[start:start + 1500]
    for m in _electrolytes():
        prop = m.get("fracture_toughness")
        if prop is not None:
            assert f"{prop.value:g} MPa" in section, (m.id, prop.value)


def test_ccd_latp_needs_no_toughness_now(capsys) -> None:
    """`solidcell ccd latp --flaw-size "5 um"` refused before ("--toughness: not given");
    now it gives Jackman's value, the same as passing it, and cites the paper."""
    code, out, err = run(["ccd", "latp", "--flaw-size", "5 um", "--json"], capsys)
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["Fracture toughness [Pa.m0.5]"] == pytest.approx(JACKMAN_LATP_K_IC)
    assert row["Critical overpotential [V]"] == pytest.approx(_eta_c(JACKMAN_LATP_K_IC, 5e-6))
    assert row["Critical overpotential [V]"] == pytest.approx(33.4e-3, rel=2e-3)
    assert "jackman2012_latp" in row["sources"]
    # the strength bound E/pi uses the upper end of Jackman's E range
    assert row["Theoretical strength [Pa]"] == pytest.approx(theoretical_strength_Pa("latp")[0])
    given = critical_current_density("latp", 5e-6, fracture_toughness_Pa_m05=1.1e6)
    assert row["Critical overpotential [V]"] == pytest.approx(given.critical_overpotential_V)


def test_design_with_an_latp_separator_gets_the_estimate(tmp_path) -> None:
    """mechanics_check of the oxide example with its separator swapped to LATP: the plating
    estimate exists (it raised for want of a toughness before) and cites the source."""
    text = (ROOT / "examples" / "oxide-lco-llzo-li.yaml").read_text(encoding="utf-8")
    old = "separator:\n  electrolyte: llzo"
    assert old in text
    path = tmp_path / "latp-separator.yaml"
    path.write_text(text.replace(old, "separator:\n  electrolyte: latp"), encoding="utf-8")
    report = mechanics_check(CellDesign.from_yaml(path), flaw_size_m=5e-6)
    assert report.critical_current is not None
    assert report.critical_current.fracture_toughness_Pa_m05 == pytest.approx(JACKMAN_LATP_K_IC)
    assert report.critical_current.critical_overpotential_V == pytest.approx(_eta_c(1.1e6, 5e-6))
    assert "jackman2012_latp" in report.sources


def test_llto_modulus_is_the_levitation_papers_and_bounds_the_estimate() -> None:
    """LLTO E = 240 GPa (crystals2025_llto_levitation); E/pi = 76.4 GPa now bounds the critical
    pressure: a 0.03 nm flaw at a given 1 MPa m^0.5 (92 GPa) is flagged, 0.05 nm (71 GPa) not."""
    prop = get("llto").get("youngs_modulus")
    assert prop.si == pytest.approx(LEVITATION_LLTO_E)
    assert (prop.method, prop.source) == ("measured", "crystals2025_llto_levitation")
    assert "aerodynamic levitation" in prop.note and "not in the text read" in prop.note
    sigma, src = theoretical_strength_Pa("llto")
    assert sigma == pytest.approx(LEVITATION_LLTO_E / math.pi)
    assert src == "crystals2025_llto_levitation"
    assert get("llto").get("fracture_toughness") is None  # none found: still passed by the user
    small = critical_current_density("llto", 3e-11, fracture_toughness_Pa_m05=1e6)
    assert "theoretical strength of llto" in small.strength_note
    assert "crystals2025_llto_levitation" in small.sources
    usual = critical_current_density("llto", 5e-11, fracture_toughness_Pa_m05=1e6)
    assert usual.strength_note == ""
