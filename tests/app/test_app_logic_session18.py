"""Dashboard logic after the session-18 review (no browser: the callbacks' pure functions).

- The materials query's count said "1 materials".
- An anode-free design showed "N/P ratio -" without a reason (so did `solidcell evaluate`).
- A workspace link to an example (workspace/evlink.yaml -> examples/ev.yaml) made picking the
  example show "showing workspace/evlink.yaml": both were listed under the resolved path.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from clirun import run
from solidcell.app.paths import list_designs, safe_design_path
from solidcell.app.server import (
    DashboardState,
    _metrics_table,
    _source_label,
    design_options,
    materials_count,
    np_ratio_note,
    shown_design,
)
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.report.summary import summarize

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ANODE_FREE = EXAMPLES / "anode-free-nmc811-lpscl.yaml"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


@pytest.mark.parametrize("n, text", [(0, "0 materials"), (1, "1 material"),
                                     (2, "2 materials")])
def test_the_materials_count_is_plural_right(n: int, text: str) -> None:
    assert materials_count(n) == text


# --- N/P of an anode-free cell ---------------------------------------------------------------


def _np_note(table) -> list[str]:
    return [c.children for c in table.children if getattr(c, "id", None) == "metric-np-note"]


def test_an_anode_free_design_says_why_it_has_no_np_ratio() -> None:
    design = CellDesign.from_file(ANODE_FREE)
    assert design.anode.kind == "anode_free"
    summary = summarize(design)
    assert summary.energy["N/P ratio"] is None  # cell.energy: NaN for an anode-free cell
    note = np_ratio_note(design)
    assert note is not None and "anode-free" in note and "no anode host" in note
    assert _np_note(_metrics_table(summary, note)) == [f"N/P ratio: {note}"]


def test_a_design_with_an_anode_has_its_np_ratio_and_no_note() -> None:
    design = CellDesign.from_file(EV)
    summary = summarize(design)
    assert math.isfinite(summary.energy["N/P ratio"])
    assert np_ratio_note(design) is None
    assert _np_note(_metrics_table(summary, np_ratio_note(design))) == []


def test_evaluate_says_why_an_anode_free_cell_has_no_np_ratio(capsys) -> None:
    code, out, _ = run(["evaluate", str(ANODE_FREE)], capsys)
    assert code == 0
    flat = " ".join(out.split())
    assert "not defined for an anode-free cell" in flat and "no anode host" in flat
    code, out, _ = run(["evaluate", str(EV)], capsys)
    assert code == 0 and "anode-free" not in " ".join(out.split())


# --- a workspace link to an example ----------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> DashboardState:
    examples, workspace = tmp_path / "examples", tmp_path / "workspace"
    examples.mkdir()
    workspace.mkdir()
    (examples / "ev.yaml").write_text(EV.read_text("utf-8"), "utf-8")
    os.symlink(examples / "ev.yaml", workspace / "evlink.yaml")
    (tmp_path / "secret.yaml").write_text(EV.read_text("utf-8"), "utf-8")
    return DashboardState(examples, workspace)


def test_picking_the_example_shows_the_example_not_the_link(linked: DashboardState) -> None:
    options = design_options(linked)
    assert [o["label"] for o in options] == ["examples/ev.yaml", "workspace/evlink.yaml"]
    assert len({o["value"] for o in options}) == 2  # one value each: a pick is told apart
    for option in options:
        path, listed = shown_design(linked, option["value"], "design-example")
        assert listed == option["value"] == path
        assert _source_label(linked, path) == f"showing {option['label']}"
        # the file opened is the example, read through the link
        assert linked.load(path).name == CellDesign.from_file(EV).name
    # typed: a label, or a bare name, is shown as the entry it names
    for typed, label in (("workspace/evlink.yaml", "workspace/evlink.yaml"),
                         ("evlink.yaml", "workspace/evlink.yaml"), ("ev.yaml", "examples/ev.yaml")):
        path, _ = shown_design(linked, typed, "design-path")
        assert _source_label(linked, path) == f"showing {label}"


def test_a_link_out_of_the_folders_is_still_refused(linked: DashboardState,
                                                    tmp_path: Path) -> None:
    workspace = linked.workspace_dir
    os.symlink(tmp_path / "secret.yaml", workspace / "out.yaml")
    assert "workspace/out.yaml" not in [label for label, _ in list_designs(linked.roots)]
    for text in ("out.yaml", str(workspace / "out.yaml"), "workspace/out.yaml"):
        with pytest.raises(ValidationError):
            shown_design(linked, text, "design-path")
        with pytest.raises(ValidationError):
            linked.load(text)
    # a listed link retargeted outside after it was listed is refused when opened
    value = next(o["value"] for o in design_options(linked) if o["label"].endswith("evlink.yaml"))
    os.remove(workspace / "evlink.yaml")
    os.symlink(tmp_path / "secret.yaml", workspace / "evlink.yaml")
    with pytest.raises(ValidationError):
        safe_design_path(value, linked.roots)
    with pytest.raises(ValidationError):
        shown_design(linked, value, "design-example")


def test_the_page_shows_the_picked_example_beside_a_link_to_it(tmp_path: Path) -> None:
    """The design list's pick, posted as the page posts it (Flask test client)."""
    from browserhelpers import SCREEN_DESIGN, screen_dashboard

    app = screen_dashboard(tmp_path)
    try:
        example = tmp_path / "examples" / SCREEN_DESIGN.name
        os.symlink(example, tmp_path / "workspace" / "evlink.yaml")
        for option in design_options(app.state):
            answer = app.call("design-example.value", "cathode-thickness",
                              **{"design-example": option["value"], "design-path": ""})
            assert answer["design-current"]["children"] == f"showing {option['label']}"
            assert answer["design-source"]["data"] == option["value"]
    finally:
        app.state.jobs.close()
