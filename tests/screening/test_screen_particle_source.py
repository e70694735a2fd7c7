"""A screen whose rows are refused because the swept cathode is thinner than its active
particles (`particle_bounds`, half the knowledge base's `particle_size` where the design gives
no `particle_radius_m`) cites the source of that particle size, as `crossover` does: the
refused rows rest on it (QA 2026-12-06: the bipolar example's rows below 10.44 um named the
bound in their reason while the screen's sources lacked chen2020)."""

from __future__ import annotations

import json
from pathlib import Path

import solidcell.screening.screen as screen_module
from solidcell.cell.design import CellDesign, particle_bounds
from solidcell.screening.screen import InterfaceVerdict, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BIPOLAR = CellDesign.from_file(EXAMPLES / "bipolar-nmc811-lpscl-li.yaml")  # no particle radius


def _screen(thicknesses: list[float]):
    space = {"base": json.loads(BIPOLAR.to_json()), "method": "grid",
             "parameters": {"cathode.thickness_m": {"values": thicknesses}}}
    return screen(space, with_cost=False)


def test_rows_below_the_particle_bound_cite_the_particle_size() -> None:
    (bound,) = [b for b in particle_bounds(BIPOLAR.resolved())
                if b.field == "cathode.thickness_m"]
    assert bound.source == "chen2020"  # nmc811's particle_size in the knowledge base
    thin = bound.min_thickness_m / 2
    result = _screen([thin, 80e-6])
    reasons = result.table["Reason"].tolist()
    assert any("cathode.thickness_m" in str(r) for r in reasons), reasons
    assert "chen2020" in result.sources


def test_a_screen_no_row_of_which_meets_the_bound_does_not_cite_it(monkeypatch) -> None:
    # the interface verdict cites chen2020 too (nmc811's OCP span, its potential range):
    # without it, what is left is the particle size's citation, which must be absent
    monkeypatch.setattr(screen_module, "interface_verdict",
                        lambda design: InterfaceVerdict("stable", "", "", ()))
    assert "chen2020" not in _screen([60e-6, 80e-6]).sources
