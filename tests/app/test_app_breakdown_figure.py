"""The design tab's mass breakdown shows the layers of one repeat unit, as `evaluate`'s layer
keys give them (one cell of a bipolar stack). It also drew the stack's total as a bar, which for
the 6-cell bipolar example is 6 times the sum of the other bars, under the title "mass
breakdown" beside a diagram titled "one cell, to scale"."""

from __future__ import annotations

import pytest
from browserhelpers import EXAMPLES

from solidcell.app.server import BREAKDOWN_TITLE, _breakdown_figure
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.report.summary import summarize


@pytest.mark.parametrize("name", ["bipolar-nmc811-lpscl-li.yaml", "ev-nmc811-lpscl-li.yaml"])
def test_the_breakdown_bars_are_one_repeat_unit(name: str) -> None:
    design = CellDesign.from_file(EXAMPLES / name)
    values = evaluate(design).values
    bar = _breakdown_figure(summarize(design)).data[0]
    shown = dict(zip(bar.y, bar.x, strict=True))
    assert "Stack" not in shown
    layers = {k.removesuffix(" areal mass [kg.m-2]"): v * 100.0 for k, v in values.items()
              if k.endswith("areal mass [kg.m-2]") and not k.startswith("Stack ")
              and (v > 0 or k != "Electrolyte filling areal mass [kg.m-2]")}  # planar: none
    assert shown == pytest.approx(layers, rel=1e-12)
    # the bars add up to one repeat unit: the stack holds cells in series of them
    n = design.architecture.cells_in_series
    assert n * sum(shown.values()) == pytest.approx(
        values["Stack areal mass [kg.m-2]"] * 100.0, rel=1e-9)
    assert _breakdown_figure(summarize(design)).layout.title.text == BREAKDOWN_TITLE
