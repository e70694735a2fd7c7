"""What the page's layout gives its first design (server.initial_design: the design tab's
boxes and the screen's range boxes) is kept per design list, file version and materials
database version: a reload resolved the first design twice again (each a materials lookup).
A changed file, a material stored, a changed list: built afresh. The design folders are
listed once per page build and once per design opened (server.design_boxes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserhelpers import EXAMPLES, designs_app, layout_components

from solidcell.app.server import (
    DESIGN_FIELDS,
    design_boxes,
    first_design,
    form_values,
    initial_design_boxes,
)
from solidcell.cell.design import CellDesign

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
PLATES = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"
#: the screen's range boxes and the stores the layout fills from the first design
FILLED = ("scr-cathode-min", "scr-cathode-max", "scr-separator-min", "scr-separator-max",
          "scr-range-auto", "design-original", "design-source", "design-current")
#: what the page gets of each of them
SHOWN = ("value", "data", "children", "disabled", "placeholder")


@pytest.fixture(autouse=True)
def _own_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))


@pytest.fixture
def resolutions(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every CellDesign.resolved() call (the designs resolved), recorded."""
    calls: list[Any] = []
    resolve = CellDesign.resolved

    def counted(self: CellDesign) -> Any:
        calls.append(self)
        return resolve(self)

    monkeypatch.setattr(CellDesign, "resolved", counted)
    return calls


def _shown(app: Any) -> dict[str, Any]:
    """The layout's first-design boxes as the page gets them: id -> the box's value, a
    store's data, a text's children."""
    found = layout_components(app.layout())
    return {key: {p: getattr(found[key], p, None) for p in SHOWN}
            for key in (*DESIGN_FIELDS, *FILLED)}


def test_a_reload_does_not_resolve_the_first_design_again(tmp_path: Path,
                                                          resolutions: list[Any]) -> None:
    app = designs_app(tmp_path, EV)
    try:
        first = _shown(app)
        assert resolutions  # the first page load resolved it
        # (which made the materials database: a new version, the second load resolves it)
        assert _shown(app) == first
        resolutions.clear()
        for _reload in range(3):
            assert _shown(app) == first
        assert resolutions == []
        assert first["cathode-thickness"]["value"] == form_values(CellDesign.from_yaml(EV))[
            "cathode-thickness"]
    finally:
        app.state.jobs.close()


def test_a_changed_design_file_is_shown_as_it_is_now(tmp_path: Path) -> None:
    app = designs_app(tmp_path, EV)
    try:
        _shown(app)  # made the materials database
        before = _shown(app)  # kept from here
        path = tmp_path / "examples" / EV.name
        text = path.read_text("utf-8")
        edited = text.replace("thickness: 80 um", "thickness: 95 um", 1)
        assert edited != text
        path.write_text(edited + "\n# edited\n", "utf-8")  # another size: another version
        after = _shown(app)
        assert after["cathode-thickness"]["value"] == form_values(CellDesign.from_file(path))[
            "cathode-thickness"] != before["cathode-thickness"]["value"]
        assert after["design-original"]["data"]["file-size"] == path.stat().st_size
    finally:
        app.state.jobs.close()


def test_a_material_stored_since_resolves_it_again(tmp_path: Path, open_store: Any,
                                                   resolutions: list[Any]) -> None:
    app = designs_app(tmp_path, EV)
    try:
        _shown(app)  # made the materials database
        first = _shown(app)
        resolutions.clear()
        assert _shown(app) == first
        assert resolutions == []  # kept
        store = open_store(f"sqlite:///{tmp_path / 'materials.sqlite'}")
        store.add({"id": "kept_probe", "name": "Probe", "category": "additive"})
        assert _shown(app) == first  # the design reads no such material: the same boxes
        assert resolutions  # but its materials were looked up again
    finally:
        app.state.jobs.close()


def test_a_design_added_to_the_list_is_listed_and_the_first_design_kept(
        tmp_path: Path) -> None:
    app = designs_app(tmp_path, PLATES)
    try:
        _shown(app)
        (tmp_path / "workspace" / "zz.yaml").write_text(EV.read_text("utf-8"), "utf-8")
        found = layout_components(app.layout())
        labels = [o["label"] for o in found["design-example"].options]
        assert labels == [f"examples/{PLATES.name}", "workspace/zz.yaml"]
        assert first_design(app.state) == CellDesign.from_yaml(PLATES)
    finally:
        app.state.jobs.close()


def test_the_folders_are_listed_once_per_page_and_per_design_opened(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = designs_app(tmp_path, EV, PLATES)
    state, listings = app.state, []
    listed = state.designs

    def counted() -> Any:
        listings.append(1)
        return listed()

    monkeypatch.setattr(state, "designs", counted)
    try:
        app.layout()
        assert len(listings) == 1
        listings.clear()
        source = str((tmp_path / "examples" / PLATES.name).resolve())
        boxes = design_boxes(state, source, "design-example")
        assert len(listings) == 1
        assert boxes["label"] == f"showing examples/{PLATES.name}"
        assert boxes["listed"] == source
        listings.clear()
        assert initial_design_boxes(state)["label"] == f"showing examples/{EV.name}"
        assert len(listings) == 1
    finally:
        app.state.jobs.close()
