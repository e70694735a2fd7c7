"""A value typed in a design box reaches the design as `solidcell.units` reads it, the float
nearest to the exact decimal, as the command line reads the same text in a YAML file
(helper H288's browser walk): '0.1 mm' typed in the cathode box and '10' um of held lithium
were saved as `thickness_m: 9.999999999999999e-05` and `excess_li_thickness_m:
9.999999999999999e-06` (the box's number times the float 1e-6), where the file written by
hand as `100 um` reads 1e-04; the page's design was one float step off the command line's.
Callbacks posted as the page posts them (Flask test client)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browserhelpers import EXAMPLES, design_dashboard

from solidcell import units
from solidcell.app.server import design_changes, form_values
from solidcell.cell.design import CellDesign

ANODE_FREE = EXAMPLES / "anode-free-nmc811-lpscl.yaml"
#: box -> (text typed, the design path, the same text as `solidcell.units` reads it)
TYPED = {"cathode-thickness": ("0.1 mm", "cathode.thickness_m", units.parse("0.1 mm", "length")),
         "separator-thickness": ("35", "separator.thickness_m", units.parse("35 um", "length")),
         "anode-held-li": ("10", "anode.excess_li_thickness_m", units.parse("10 um", "length")),
         "temperature": ("36.6", "temperature_K", units.parse("36.6 degC", "temperature"))}


@pytest.fixture(name="app")
def app_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    dashboard = design_dashboard(tmp_path, ANODE_FREE)
    dashboard.tmp = tmp_path
    yield dashboard
    dashboard.state.jobs.close()


def test_each_box_gives_the_units_modules_si_value() -> None:
    original = form_values(CellDesign.from_yaml(ANODE_FREE))
    changes = design_changes({**original, **{k: t for k, (t, _, _) in TYPED.items()}},
                             original)
    for key, (text, path, si) in TYPED.items():
        assert changes[path] == si, (key, text, changes[path])  # exactly, not approx
    # the box's number times the float 1e-6 (before) missed these
    assert units.parse("0.1 mm", "length") != 100 * 1e-6
    assert units.parse("10 um", "length") != 10 * 1e-6


def test_a_saved_design_holds_the_values_as_typed(app: Any) -> None:
    answer = app.call("save-button.n_clicks", "save-result", **{
        **{k: t for k, (t, _, _) in TYPED.items()}, "save-name": "typed",
        "save-button.n_clicks": 1})
    assert answer["save-result"]["children"] == "saved typed.yaml in the workspace"
    saved = yaml.safe_load((app.tmp / "workspace" / "typed.yaml").read_text("utf-8"))
    for key, (text, path, si) in TYPED.items():
        node = saved
        for part in path.split("."):
            node = node[part]
        assert node == si, (key, text, node)
    # the file reads back as the command line reads it: the same design
    again = CellDesign.from_yaml(app.tmp / "workspace" / "typed.yaml")
    assert again.cathode.thickness_m == 1e-4 and again.anode.excess_li_thickness_m == 1e-5
