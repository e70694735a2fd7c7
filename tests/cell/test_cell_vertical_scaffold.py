"""The vertically aligned cell's resistance, term by term, against an independent computation.

The scaffold walls (electrolyte, area share ``1 - f_c`` of the footprint) carry the current
from the separator down into the channels, which take it up uniformly along their height h
(the uniform-reaction assumption of every composite term, ``newman1975``). The current in
the walls then falls linearly from the top, and their resistance (dissipation over the
current squared, the definition behind the composite's ``L/(3 sigma)``) is
``h/(3 sigma (1 - f_c))``. The model used ``h/2``, the whole current carried to mid-height:
the wall term 1.5x too large. Here the walls are summed as a ladder of thin slices,
independently of the model's closed form.
"""

from __future__ import annotations

import numpy as np
import pytest
from cellhelpers import ref1_design, ref_materials, square_channel_resistance

from solidcell import evaluate
from solidcell.chemistry.conductivity import conductivity_at

ASR = "Area-specific resistance [Ohm.m2]"
#: the reference electrolyte of SSB-REF-1 at 25 degC [S/m] (tests/data/cell/materials_ref1.yaml)
SIGMA = float(conductivity_at(ref_materials()["case_se"], 298.15).ionic_conductivity_S_m)


def wall_resistance_by_slices(h: float, sigma: float, share: float, n: int = 20000) -> float:
    """Ohm m2 per footprint: current 1 A/m2 enters the walls at the top and leaves them in
    equal parts per slice; resistance = dissipated power / current^2."""
    z = (np.arange(n) + 0.5) / n * h
    current = 1.0 - z / h  # A per m2 of footprint still in the walls at depth z
    return float(np.sum(current**2) * (h / n) / (sigma * share))


@pytest.mark.parametrize(("w_c", "gap", "h"), [(50e-6, 10e-6, 100e-6),
                                                (40e-6, 10e-6, 150e-6),
                                                (20e-6, 30e-6, 300e-6)])
def test_vertical_resistance_sums_separator_walls_and_channels(w_c, gap, h):
    d = ref1_design(**{"architecture": {"kind": "vertically_aligned", "cathode_width_m": w_c,
                                        "gap_m": gap}, "cathode.thickness_m": h})
    fill = (w_c / (w_c + gap)) ** 2
    eps = d.resolved().cathode.electrolyte_volume_fraction
    interface = 4 * w_c * h / (w_c + gap) ** 2
    separator = 30e-6 / SIGMA  # dense separator, Li foil: no anode term, no ASR given
    # a square channel fed through its four walls, Bruggeman composite (a finite-difference
    # solution; the slab's (w_c/2)/(3 sigma_eff) before 2026-12-07, 18.6 % high)
    channels = square_channel_resistance(w_c, SIGMA * eps**1.5) / interface
    walls = wall_resistance_by_slices(h, SIGMA, 1 - fill)
    assert evaluate(d)[ASR] == pytest.approx(separator + walls + channels, rel=1e-6)
    # the closed form of the walls: h/(3 sigma (1 - f_c)), not h/2
    assert walls == pytest.approx(h / (3 * SIGMA * (1 - fill)), rel=1e-6)
