"""A vertically aligned cell's cathode channel is a square prism fed with ions through its four
walls; its uniform-reaction resistance per wall area is ``K w_c / sigma_eff`` with K the
Saint-Venant torsion factor of a square (``solidcell.cell.energy.square_channel_factor``). The
model used the slab rule ``(w_c/2)/(3 sigma_eff)`` (K = 1/6), 18.6 % high for the channel."""

from __future__ import annotations

import pytest
from cellhelpers import ref1_design, square_channel_resistance

from exampledesigns import example
from solidcell import evaluate
from solidcell.cell.energy import SQUARE_CHANNEL_FACTOR, square_channel_factor
from solidcell.chemistry.conductivity import conductivity_at

ASR = "Area-specific resistance [Ohm.m2]"


def test_the_factor_is_saint_venants_for_a_square() -> None:
    # oasys_gsa_rectangular_torsion: K = 0.141 for a square section (3 digits printed)
    assert square_channel_factor() == pytest.approx(0.141, abs=5e-4)
    assert square_channel_factor() == SQUARE_CHANNEL_FACTOR
    # the finite-difference Poisson solution of the channel (cellhelpers), independent
    assert square_channel_resistance(1.0, 1.0) == pytest.approx(SQUARE_CHANNEL_FACTOR,
                                                                rel=1e-5)


@pytest.mark.parametrize(("w_c", "gap", "h"), [(50e-6, 10e-6, 100e-6), (20e-6, 30e-6, 300e-6)])
def test_the_channel_term_is_the_square_not_the_slab(w_c: float, gap: float, h: float) -> None:
    """Two designs differing only in the channel's electrolyte conductivity (its tortuosity
    factor) differ by the channel term alone: that difference is the square's."""
    base = ref1_design(**{"architecture": {"kind": "vertically_aligned", "cathode_width_m": w_c,
                                           "gap_m": gap}, "cathode.thickness_m": h})
    rd = base.resolved()
    eps = rd.cathode.electrolyte_volume_fraction
    s = float(conductivity_at(rd.cathode.materials["electrolyte"],
                              298.15).ionic_conductivity_S_m)
    a_c = 4 * w_c * h / (w_c + gap) ** 2  # channel wall area per footprint
    one, two = (evaluate(base.replace(**{"cathode.tortuosity_factor": tau}))
                for tau in (2.0, 6.0))
    expected = (square_channel_resistance(w_c, s * eps / 6.0)
                - square_channel_resistance(w_c, s * eps / 2.0)) / a_c
    assert two[ASR] - one[ASR] == pytest.approx(expected, rel=1e-5)


def test_the_vertically_aligned_example_cites_the_factor() -> None:
    r = evaluate(example("vertically-aligned-lco-llzo-li"))
    assert "oasys_gsa_rectangular_torsion" in r.sources
    assert "Saint-Venant" in r.conventions["Power"]
    planar = evaluate(example("ev-nmc811-lpscl-li"))
    assert "oasys_gsa_rectangular_torsion" not in planar.sources
