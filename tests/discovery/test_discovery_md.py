"""MD analysis on trajectories with a known answer; the CHGNet workflow only where installed."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from solidcell.discovery.md import (
    K_B_EV,
    Diffusivity,
    arrhenius_extrapolation,
    conductivity_from_diffusivity,
    diffusivity_from_positions,
    msd,
)
from solidcell.errors import ValidationError


def random_walk(n_frames: int, n_atoms: int, step: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    steps = rng.normal(0.0, step, size=(n_frames - 1, n_atoms, 3))
    return np.concatenate([np.zeros((1, n_atoms, 3)), np.cumsum(steps, axis=0)])


def test_msd_of_a_ballistic_trajectory() -> None:
    # x = v t: MSD(lag) = (v lag)^2 exactly
    t = np.arange(10.0)
    pos = np.stack([t, 0 * t, 0 * t], axis=1)[:, None, :]
    np.testing.assert_allclose(msd(pos, 5), (np.arange(6.0)) ** 2)


def test_random_walk_diffusivity_is_recovered() -> None:
    # Gaussian steps of variance s^2 per axis per frame: D = s^2 / (2 dt) (Einstein relation).
    s, dt = 0.1, 1e-14  # Angstrom, s
    res = diffusivity_from_positions(random_walk(800, 64, s), dt, 800.0)
    exact = (s * 1e-10) ** 2 / (2 * dt)
    assert res.diffusivity_m2_s == pytest.approx(exact, rel=0.15)
    assert 0 < res.standard_error_m2_s < 0.2 * exact
    assert abs(res.diffusivity_m2_s - exact) < 4 * res.standard_error_m2_s


def test_arrhenius_recovers_activation_energy_and_extrapolates() -> None:
    ea, d0 = 0.3, 1e-7
    temps = [600.0, 700.0, 800.0, 900.0, 1000.0]
    pts = [Diffusivity(t, d0 * math.exp(-ea / (K_B_EV * t)), 0.05 * d0 * math.exp(
        -ea / (K_B_EV * t)), 10, 1e-11) for t in temps]
    fit = arrhenius_extrapolation(pts, 300.0)
    assert fit.activation_energy_eV == pytest.approx(ea, rel=1e-9)
    assert fit.diffusivity_m2_s == pytest.approx(d0 * math.exp(-ea / (K_B_EV * 300)), rel=1e-9)
    assert fit.log10_diffusivity_error > 0  # extrapolation error grows beyond the data
    near = arrhenius_extrapolation(pts, 800.0)
    assert near.log10_diffusivity_error < fit.log10_diffusivity_error


def test_noisy_arrhenius_error_bar_covers_the_truth() -> None:
    rng = np.random.default_rng(3)
    ea, d0, hits = 0.25, 5e-8, 0
    for _ in range(200):
        pts = []
        for t in (600.0, 750.0, 900.0, 1050.0):
            d = d0 * math.exp(-ea / (K_B_EV * t))
            pts.append(Diffusivity(t, d * math.exp(rng.normal(0, 0.1)), 0.1 * d, 10, 1e-11))
        fit = arrhenius_extrapolation(pts, 300.0)
        truth = math.log10(d0 * math.exp(-ea / (K_B_EV * 300)))
        hits += abs(math.log10(fit.diffusivity_m2_s) - truth) <= 2 * fit.log10_diffusivity_error
    assert hits / 200 > 0.9  # a 2-sigma interval covers ~95 %


def test_nernst_einstein_round_number() -> None:
    # sigma = n e^2 D / (k T): n = 1e28 /m3, D = 1e-12 m2/s, T = 300 K -> 0.0619 S/m
    sigma = conductivity_from_diffusivity(1e-12, 1e28, 300.0)
    assert sigma == pytest.approx(1e28 * 1.602176634e-19**2 * 1e-12 / (1.380649e-23 * 300))


def test_bad_input() -> None:
    with pytest.raises(ValidationError, match="positions"):
        msd(np.zeros((2, 3)))
    with pytest.raises(ValidationError, match="timestep"):
        diffusivity_from_positions(random_walk(40, 2, 0.1), -1.0, 300.0)
    with pytest.raises(ValidationError, match="points"):
        arrhenius_extrapolation([Diffusivity(300.0, 1e-12, 0.0, 1, 1.0)])
    with pytest.raises(ValidationError, match="points"):
        arrhenius_extrapolation([Diffusivity(300.0, 0.0, 0.0, 1, 1.0),
                                 Diffusivity(400.0, 1e-12, 0.0, 1, 1.0)])


def test_temperatures_must_be_finite_numbers() -> None:
    # temperature_K=inf gave a Diffusivity at 1/T = 0, True a time step of 1 s, and a target of
    # inf K an extrapolation to 1/T = 0
    walk = random_walk(40, 2, 0.1)
    for kwargs in ({"temperature_K": math.inf}, {"temperature_K": True}, {"timestep_s": True}):
        with pytest.raises(ValidationError, match=next(iter(kwargs))):
            diffusivity_from_positions(walk, **{"timestep_s": 1e-14, "temperature_K": 600.0,
                                                **kwargs})
    ok = diffusivity_from_positions(walk, np.float32(1e-14), np.float64(600.0))
    assert ok.temperature_K == 600.0
    pts = [Diffusivity(600.0, 1e-10, 0.0, 1, 1.0), Diffusivity(800.0, 1e-9, 0.0, 1, 1.0)]
    for target in (math.inf, math.nan, True):
        with pytest.raises(ValidationError, match="target_temperature_K"):
            arrhenius_extrapolation(pts, target)


def test_without_chgnet_the_workflow_says_how_to_install() -> None:
    try:
        import chgnet  # noqa: F401
    except ImportError:
        from solidcell.discovery.md import run_md
        from solidcell.errors import UnsupportedError

        cif = Path(__file__).resolve().parents[1] / "data" / "discovery" \
            / "obelix_de5_Li3InCl6.cif"  # read before CHGNet is needed: a real file
        with pytest.raises(UnsupportedError, match=r"solidcell\[md\]"):
            run_md(str(cif))
    else:
        pytest.skip("chgnet is installed")


@pytest.mark.slow
def test_chgnet_workflow_on_a_tiny_cell() -> None:
    pytest.importorskip("chgnet")
    from pymatgen.core import Lattice, Structure

    from solidcell.discovery.md import run_md

    li2o = Structure.from_spacegroup("Fm-3m", Lattice.cubic(4.61), ["Li", "O"],
                                     [[0.25, 0.25, 0.25], [0, 0, 0]])
    fit = run_md(li2o, (1500.0, 2000.0), timestep_fs=1.0, equilibration_steps=2,
                 production_steps=40, log_interval=2, relax=False)
    assert len(fit.points) == 2 and all(p.n_atoms == 8 for p in fit.points)
