"""The design tab's mass breakdown lists the 3D electrolyte filling only where there is one,
as `solidcell evaluate` (its "Repeat unit breakdown") and the report's mass table list it
(helper H288's browser walk: each planar example, the thin film included, showed an
"Electrolyte filling" category with no bar beside layers it does not have)."""

from __future__ import annotations

import pytest
from browserhelpers import EXAMPLES

from solidcell.app.server import _breakdown_figure
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.report.summary import summarize

FILLING = "Electrolyte filling"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_the_filling_is_a_bar_only_where_the_engine_has_one(name: str) -> None:
    design = CellDesign.from_file(EXAMPLES / name)
    filling = evaluate(design).values.get(f"{FILLING} areal mass [kg.m-2]", 0.0)
    bar = _breakdown_figure(summarize(design)).data[0]
    bars = dict(zip(bar.y, bar.x, strict=True))
    assert (FILLING in bars) == (filling > 0), (name, bars)
    if filling > 0:
        assert bars[FILLING] == pytest.approx(filling * 100.0, rel=1e-12)  # kg/m2 -> mg/cm2
    # the layers every design has stay, a 0 included (the interdigitated cell's separator,
    # as `solidcell evaluate` lists it)
    assert {"Cathode", "Separator", "Anode"} <= set(bars)
