"""Plating critical current density: electrochemical pressure, Griffith pressure, CCD estimate."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.errors import SolidcellError, ValidationError
from solidcell.mechanics.dendrite import (
    asr_at_pressure,
    critical_current_density,
    electrochemical_pressure_Pa,
    griffith_pressure_Pa,
    lithium_molar_volume_m3_mol,
    measured_ccd,
)

FARADAY = 96485.33212  # C/mol, CODATA 2018


def test_lithium_molar_volume_and_pressure_per_millivolt() -> None:
    # Omega_Li = M/rho = 6.94 g/mol / 0.534 g/cm3 (CRC Handbook) = 13.0 cm3/mol, so one mV of
    # plating overpotential can hold F * 1e-3 / Omega = 7.42 MPa in a closed flaw.
    omega, sources = lithium_molar_volume_m3_mol()
    assert omega == pytest.approx(6.94e-3 / 534.0, rel=2e-3)
    assert "haynes2016_crc" in sources
    assert electrochemical_pressure_Pa(1e-3) == pytest.approx(FARADAY * 1e-3 / omega)
    assert electrochemical_pressure_Pa(1e-3) == pytest.approx(7.42e6, rel=2e-3)
    assert electrochemical_pressure_Pa(-1e-3) == electrochemical_pressure_Pa(1e-3)


def test_griffith_pressure_of_an_edge_crack() -> None:
    # K_IC = Y p sqrt(pi a) with Y = 1.12 (Tada et al.): K_IC 1 MPa m^0.5, a = 1/pi m -> 1/1.12 MPa.
    assert griffith_pressure_Pa(1e6, 1 / np.pi) == pytest.approx(1e6 / 1.12)
    assert griffith_pressure_Pa(1e6, 1 / np.pi, geometry_factor=1.0) == pytest.approx(1e6)


def test_ccd_of_li6ps5cl_from_the_knowledge_base() -> None:
    # K_IC = 0.23 MPa m^0.5 (Li2S-P2S5, the value Singh et al. 2022 use for Li6PS5Cl); a 14 um
    # flaw (the pre-existing flaw Singh et al. 2022 imaged in large-grained Li6PS5Cl):
    # p_c = 0.23e6 / (1.12 sqrt(pi 14e-6)) = 31.0 MPa, eta_c = p_c Omega / F = 4.17 mV.
    r = critical_current_density("li6ps5cl", 14e-6, asr_ohm_m2=1e-3)
    assert r.fracture_toughness_Pa_m05 == pytest.approx(0.23e6)
    assert r.critical_pressure_Pa == pytest.approx(0.23e6 / (1.12 * np.sqrt(np.pi * 14e-6)))
    assert r.critical_overpotential_V == pytest.approx(4.17e-3, rel=3e-3)
    assert r.critical_current_density_A_m2 == pytest.approx(r.critical_overpotential_V / 1e-3)
    assert "porz2017_li_penetration" in r.sources
    # the measured CCDs (Singh et al. 2022: 0.9 and 0.4 mA/cm2) travel with the estimate
    assert sorted(v for v, _, _ in r.measured) == pytest.approx([4.0, 9.0])
    assert r.to_json()["Critical current density [A.m-2]"] == r.critical_current_density_A_m2


def test_measured_ccd_of_llzo_single_crystals() -> None:
    # Flatscher et al. 2020: 280 uA/cm2, the highest CCD of LLZO without external pressure.
    ((value, source, _),) = measured_ccd("llzo")
    assert value == pytest.approx(2.8)
    assert source == "flatscher2020_llzo_ccd"
    assert measured_ccd("not-a-material") == ()


def test_without_asr_only_the_overpotential() -> None:
    # K_IC = 1.25 MPa m^0.5 (the LLZO value Singh et al. 2022 quote, knowledge base), a 10 um
    # flaw: p_c = K_IC / (1.12 sqrt(pi a)) = 199 MPa, eta_c = p_c Omega / F = 26.8 mV with
    # Omega = 6.94e-3 / 534 m3/mol (CRC Handbook). The test used to check only eta_c > 0.
    r = critical_current_density("llzo", 10e-6)
    assert r.critical_current_density_A_m2 is None
    p_c = 1.25e6 / (1.12 * np.sqrt(np.pi * 10e-6))
    assert r.critical_pressure_Pa == pytest.approx(p_c, rel=1e-12)
    assert r.critical_overpotential_V == pytest.approx(p_c * 6.94e-3 / 534.0 / FARADAY,
                                                       rel=2e-3)
    assert r.critical_overpotential_V == pytest.approx(26.8e-3, rel=3e-3)
    assert "overpotential" in r.note


def test_missing_toughness_is_named() -> None:
    with pytest.raises(SolidcellError, match="fracture_toughness"):
        critical_current_density("lgps", 5e-6, asr_ohm_m2=1e-3)
    r = critical_current_density("lgps", 5e-6, asr_ohm_m2=1e-3, fracture_toughness_Pa_m05=0.3e6)
    # the given toughness is used: i_c = K_IC Omega / (F Y sqrt(pi a) ASR), f = 1
    assert r.fracture_toughness_Pa_m05 == 0.3e6
    omega, _ = lithium_molar_volume_m3_mol()
    assert r.critical_current_density_A_m2 == pytest.approx(
        0.3e6 * omega / (FARADAY * 1.12 * np.sqrt(np.pi * 5e-6) * 1e-3), rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"flaw_size_m": -1e-6}, "flaw_size_m"),
        ({"flaw_size_m": float("nan")}, "flaw_size_m"),
        ({"flaw_size_m": 1e-6, "asr_ohm_m2": 0.0}, "asr_ohm_m2"),
        ({"flaw_size_m": 1e-6, "focusing_factor": 0.5}, "focusing_factor"),
        ({"flaw_size_m": 1e-6, "fracture_toughness_Pa_m05": -2.0}, "fracture_toughness_Pa_m05"),
        ({"flaw_size_m": "big"}, "flaw_size_m"),
    ],
)
def test_bad_input_names_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        critical_current_density("li6ps5cl", **kwargs)
    assert err.value.field == field


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(1e-8, 1e-3), r=st.floats(1e-6, 1e-1), f=st.floats(1.0, 100.0), k=st.floats(1e4, 1e7)
)
def test_ccd_scaling_laws(a: float, r: float, f: float, k: float) -> None:
    """i_c = K_IC Omega / (F Y sqrt(pi a) f ASR): linear in K_IC, a^-1/2, 1/ASR, 1/f."""
    base = critical_current_density(
        "x", a, asr_ohm_m2=r, focusing_factor=f, fracture_toughness_Pa_m05=k
    ).critical_current_density_A_m2
    quarter_flaw = critical_current_density(
        "x", a / 4, asr_ohm_m2=r, focusing_factor=f, fracture_toughness_Pa_m05=k
    )
    double_k = critical_current_density(
        "x", a, asr_ohm_m2=r / 2, focusing_factor=f, fracture_toughness_Pa_m05=2 * k
    )
    double_f = critical_current_density(
        "x", a, asr_ohm_m2=r, focusing_factor=2 * f, fracture_toughness_Pa_m05=k
    )
    assert quarter_flaw.critical_current_density_A_m2 == pytest.approx(2 * base, rel=1e-9)
    assert double_k.critical_current_density_A_m2 == pytest.approx(4 * base, rel=1e-9)
    assert double_f.critical_current_density_A_m2 == pytest.approx(base / 2, rel=1e-9)
    assert base > 0 and np.isfinite(base)


@settings(max_examples=40, deadline=None)
@given(r=st.floats(1e-6, 1.0), p_ref=st.floats(1e4, 1e8), p=st.floats(1e4, 1e8))
def test_asr_falls_as_pressure_to_the_minus_half(r: float, p_ref: float, p: float) -> None:
    # arXiv:2501.00600: interfacial resistance on Li6PS5Cl ~ p^-0.5
    assert asr_at_pressure(r, p_ref, p_ref) == pytest.approx(r)
    assert asr_at_pressure(r, p_ref, 4 * p) == pytest.approx(asr_at_pressure(r, p_ref, p) / 2)


def test_vectorised_over_flaws_and_pressures() -> None:
    flaws = np.array([1e-6, 4e-6, 16e-6])
    r = critical_current_density("li6ps5cl", flaws, asr_ohm_m2=1e-3)
    assert r.critical_current_density_A_m2.shape == (3,)
    assert np.allclose(
        r.critical_current_density_A_m2[:-1] / r.critical_current_density_A_m2[1:], 2.0
    )
    asr = asr_at_pressure(1e-3, 5e6, np.array([1e6, 5e6, 20e6]))
    assert np.all(np.diff(asr) < 0)


def test_singh2022_grain_size_ratio() -> None:
    """Singh et al. 2022 (Cell Rep. Phys. Sci. 3, 101043): Li | Li6PS5Cl | Li cells made at 265
    MPa shorted at 0.9 mA/cm2 with small-grained pellets (roughness Rq 1.1 um) and at 0.4 mA/cm2
    with large-grained ones (Rq 6.5 um); the paper equates the flaw size with the interfacial
    roughness. With the same ASR and focusing, the model's CCD ratio is sqrt(6.5 / 1.1) = 2.43
    against the measured 2.25 (8 % off). The absolute CCD needs f * ASR, which the paper does
    not give; the values it implies agree within 8 % (16.5 and 15.3 Ohm cm2)."""
    small = critical_current_density("li6ps5cl", 1.1e-6, asr_ohm_m2=1e-3)
    large = critical_current_density("li6ps5cl", 6.5e-6, asr_ohm_m2=1e-3)
    ratio = small.critical_current_density_A_m2 / large.critical_current_density_A_m2
    assert ratio == pytest.approx(np.sqrt(6.5 / 1.1))
    assert ratio == pytest.approx(0.9 / 0.4, rel=0.10)
    implied = [r.critical_overpotential_V / ccd for r, ccd in ((small, 9.0), (large, 4.0))]
    assert implied[0] == pytest.approx(16.5e-4, rel=0.01)  # Ohm m2 (16.5 Ohm cm2)
    assert implied[0] == pytest.approx(implied[1], rel=0.10)
