"""The stack-pressure scaling of the interface ASR against a Li | garnet pressure series.

Reference: Eckhardt et al. 2023 (``eckhardt2023``, Adv. Mater. Interfaces 10, 2202354, sec. 3.4,
read in a public text copy) report the Li | Li6.25Al0.25La3Zr2O12 | Li impedance of Krauskopf et
al. 2019: "an initial resistance R_Int of about 300 Ohm cm2 at 10 MPa decreased to 50 Ohm cm2
at 41 MPa", and "no interface signal could be resolved anymore (< 0.1 Ohm cm2) after further
increasing the external load to an isostatic pressure of 400 MPa"; the signal is current
constriction at pores, charge transfer at most about 1 Ohm cm2.

Model: ``asr_at_pressure`` scales a measured ASR as p^-0.5, the exponent Limon et al. measured on
electrode | Li6PS5Cl (``arxiv2501_00600_constriction``). On garnet the measured fall is steeper
(-1.27): a disagreement of +196 % at 41 MPa, recorded here and in docs/validation.md, not refitted
to one pair. The scaled ASR stays above the measured one (the CCD it gives is low: safe side).
solidcell has no contact (constriction) resistance model (docs/interfaces.md says why).
"""

from __future__ import annotations

import math

import pytest

from solidcell.mechanics.dendrite import ASR_PRESSURE_EXPONENT, asr_at_pressure

OHM_CM2 = 1e-4  # Ohm m2 per Ohm cm2
#: eckhardt2023 (Krauskopf et al. 2019 data): interface resistance at 10 MPa [Ohm cm2]
R_10_MPA = 300.0
#: idem, at 41 MPa [Ohm cm2]
R_41_MPA = 50.0
#: idem, upper bound after 400 MPa isostatic (no interface signal) [Ohm cm2]
R_400_MPA_BOUND = 0.1


def _scaled(p_mpa: float) -> float:
    """ASR [Ohm cm2] scaled from the 10 MPa measurement to ``p_mpa``."""
    return asr_at_pressure(R_10_MPA * OHM_CM2, 10e6, p_mpa * 1e6) / OHM_CM2


def test_p_to_the_minus_half_overestimates_the_garnet_asr_at_41_mpa() -> None:
    """148.2 Ohm cm2 against 50 measured: +196 %. The measured exponent is -1.27, the model's
    -0.5 (Li6PS5Cl, arXiv:2501.00600)."""
    model = _scaled(41.0)
    assert model == pytest.approx(300.0 * (41.0 / 10.0) ** -0.5, rel=1e-12)
    assert model == pytest.approx(148.16, abs=0.01)
    assert model / R_41_MPA - 1 == pytest.approx(1.963, abs=1e-3)
    measured_exponent = math.log(R_41_MPA / R_10_MPA) / math.log(41.0 / 10.0)
    assert measured_exponent == pytest.approx(-1.270, abs=1e-3)
    assert ASR_PRESSURE_EXPONENT == -0.5


def test_constriction_vanishes_at_400_mpa_but_the_power_law_does_not() -> None:
    """After 400 MPa isostatic no interface signal (< 0.1 Ohm cm2); p^-0.5 keeps 47.4 Ohm cm2."""
    model = _scaled(400.0)
    assert model == pytest.approx(47.43, abs=0.01)
    assert model / R_400_MPA_BOUND > 470


@pytest.mark.parametrize("p_mpa", [41.0, 400.0])
def test_scaled_garnet_asr_stays_above_the_measured_one(p_mpa: float) -> None:
    """Safe side for the plating CCD (i_c ~ 1 / ASR): the scaled ASR is never below the
    measured one in this series."""
    measured = R_41_MPA if p_mpa == 41.0 else R_400_MPA_BOUND
    assert _scaled(p_mpa) > measured
