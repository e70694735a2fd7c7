"""Garnet elastic moduli and LLZTO's toughness against published measurements
(docs/validation.md, "Stability windows, interfaces and mechanics").

- Hu et al. 2021 (``hu2021_llzto_toughness``, abstract): nanoindentation of hot-pressed
  Li6.4La3Zr1.4Ta0.6O12, E = 158.47 +- 10.10 GPa and K_IC = 1.51 MPa m^1/2 at 98 % relative
  density (0.44 at 83 %).
- Fu et al. 2017 (``fu2017_llczn_mechanics``, ECS meeting abstract): dense
  Li7La2.75Ca0.25Zr1.75Nb0.25O12, E = 147.2 +- 6.6 GPa by nanoindentation.

The plating model bounds a flaw's critical pressure by the theoretical strength E/pi of the
electrolyte (``theoretical_strength_Pa``); LLZO's E is Ni et al. 2012's 149.8 GPa (resonant
ultrasound, 3 % porosity). LLZTO had neither E nor K_IC in the knowledge base, so ``solidcell
ccd llzo_ta`` refused without ``--toughness`` and never checked the strength bound.
"""

from __future__ import annotations

import json
import math

import pytest

from clirun import run
from solidcell.chemistry.capacity import FARADAY
from solidcell.materials import get
from solidcell.mechanics.dendrite import (
    EDGE_CRACK_Y,
    critical_current_density,
    lithium_molar_volume_m3_mol,
    theoretical_strength_Pa,
)

#: hu2021_llzto_toughness (abstract): E and its +- at 98 % density [Pa], K_IC [Pa m^0.5]
HU_E, HU_E_SD, HU_KIC = 158.47e9, 10.10e9, 1.51e6
#: fu2017_llczn_mechanics (meeting abstract): E of dense LLCZN and its +- [Pa]
FU_E, FU_E_SD = 147.2e9, 6.6e9


def test_llzto_modulus_and_toughness_are_hus_98_percent_values() -> None:
    m = get("llzo_ta")
    e, k = m.get("youngs_modulus"), m.get("fracture_toughness")
    assert (e.si, e.source) == (pytest.approx(HU_E), "hu2021_llzto_toughness")
    assert (k.si, k.source) == (pytest.approx(HU_KIC), "hu2021_llzto_toughness")
    assert theoretical_strength_Pa("llzo_ta") == (pytest.approx(HU_E / math.pi),
                                                   "hu2021_llzto_toughness")


@pytest.mark.parametrize(("published", "sd", "error"), [
    (HU_E, HU_E_SD, -0.0547),  # LLZTO, 98 % dense, nanoindentation
    (FU_E, FU_E_SD, +0.0177),  # LLCZN, dense, nanoindentation
])
def test_llzo_modulus_lies_within_the_scatter_of_other_garnets(
        published: float, sd: float, error: float) -> None:
    """The knowledge base's LLZO modulus (Ni et al. 2012, 149.8 GPa), which sets LLZO's
    theoretical strength E/pi, against two later nanoindentation measurements on doped garnets:
    -5.5 % and +1.8 %, each within the paper's own +- (10.10 and 6.6 GPa)."""
    e_llzo = get("llzo").get("youngs_modulus").si
    assert e_llzo / published - 1 == pytest.approx(error, abs=5e-4)
    assert abs(e_llzo - published) < sd


def test_ccd_of_llzto_needs_no_toughness_and_gives_hus_overpotential(capsys) -> None:
    """``solidcell ccd llzo_ta`` refused without ``--toughness``; now the knowledge base's
    1.51 MPa m^0.5 gives the 45.83 mV that the printed toughness gives for a 5 um flaw
    (test_mechanics_published_toughness_strain.py), eta_c = K_IC Omega_Li / (F Y sqrt(pi a))."""
    code, out, err = run(["ccd", "llzo_ta", "--flaw-size", "5 um", "--json"], capsys)
    assert code == 0, err
    (row,) = json.loads(out)
    omega, _ = lithium_molar_volume_m3_mol()
    eta = HU_KIC * omega / (FARADAY * EDGE_CRACK_Y * math.sqrt(math.pi * 5e-6))
    assert row["Critical overpotential [V]"] == pytest.approx(eta, rel=1e-9)
    assert row["Critical overpotential [V]"] == pytest.approx(45.83e-3, rel=1e-3)
    assert "hu2021_llzto_toughness" in row["sources"]


def test_a_flaw_too_small_for_llzto_is_flagged_by_its_strength() -> None:
    """With E known, a critical pressure above E/pi = 50.4 GPa is flagged for LLZTO as for LLZO
    (0.1 nm: 76 GPa); a 5 um flaw (340 MPa) is not."""
    small = critical_current_density("llzo_ta", 1e-10)
    assert small.critical_pressure_Pa > HU_E / math.pi
    assert small.strength_note.startswith("critical pressure ")
    assert "E/pi = 50.4 GPa" in small.strength_note
    assert critical_current_density("llzo_ta", 5e-6).strength_note == ""


def test_llzo_meets_monroe_newman_many_times_over_yet_admits_lithium() -> None:
    """yu2018_gb_softening (abstract): lithium penetrates stiff electrolytes "even in cases
    where the electrolyte has an average shear modulus that is an order of magnitude larger than
    that of Li", and LLZO's grain-boundary shear modulus is "up to 50% smaller" than the bulk's.
    With the knowledge base's moduli LLZO meets the criterion 21 times over (59.6 / 2.83 GPa),
    and 10.5 times at a grain boundary halved: the criterion (a ratio >= 2) is met where
    penetration is measured (the knowledge base's LLZO CCD, 0.28 mA/cm2, flatscher2020), so it
    must not be read as protection. The design check warns only where it is missed, and the
    plating model (critical overpotential from the flaw and toughness) is what applies."""
    from solidcell.mechanics.dendrite import measured_ccd
    from solidcell.mechanics.lithium import MONROE_NEWMAN_RATIO, monroe_newman

    mn = monroe_newman("llzo")
    assert mn.ratio == pytest.approx(59.6 / 2.83, rel=1e-9) == pytest.approx(21.06, abs=0.01)
    assert mn.ratio > 10  # "an order of magnitude larger than that of Li"
    assert 0.5 * mn.ratio > MONROE_NEWMAN_RATIO  # the softened grain boundary still meets it
    assert mn.meets_criterion
    assert measured_ccd("llzo")  # yet a finite CCD is measured: lithium gets through
    assert critical_current_density("llzo", 5e-6).critical_overpotential_V < 0.05  # 37.9 mV
