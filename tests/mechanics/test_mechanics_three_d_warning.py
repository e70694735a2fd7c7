"""A 3D architecture's mechanics say that their layers are a planar stack: the interdigitated
example listed a 220 um repeat unit (its 200 um plate, the 20 um gap's electrolyte and the
lithium on top of each other) without a word, where its plates stand side by side."""

from __future__ import annotations

import pytest

from exampledesigns import example
from solidcell.mechanics.volume import mechanics_check, three_d_warning


@pytest.mark.parametrize(("name", "kind"), [
    ("interdigitated-3d-nmc811-lpscl-li", "interdigitated_3d"),
    ("vertically-aligned-lco-llzo-li", "vertically_aligned"),
])
def test_a_3d_design_is_warned_that_its_layers_are_stacked(name: str, kind: str) -> None:
    report = mechanics_check(example(name))
    assert three_d_warning(kind) in report.warnings
    assert "not the cell's" in three_d_warning(kind)


@pytest.mark.parametrize("name", ["ev-nmc811-lpscl-li", "bipolar-nmc811-lpscl-li",
                                  "thin-film-lco-lipon-li", "anode-free-nmc811-lpscl"])
def test_a_stacked_design_has_no_such_warning(name: str) -> None:
    report = mechanics_check(example(name))
    assert not any(w.startswith("architecture ") for w in report.warnings)
