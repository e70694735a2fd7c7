"""The design tab's boxes start, in the page's layout, with the first listed design as the
design tab's own opening of a file gives them (server.design_boxes: the field values, their
disabled state and placeholder, the stores design-original and design-source, 'showing ...'),
so the page's first call has nothing to change: its answer overwrote a field typed before it
came. The metrics are still computed at load (update_design's initial call reads the layout's
boxes). The browser side is test_app_design_initial_browser_h314.py."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import EXAMPLES, callback_request, designs_app, layout_components

from solidcell.app.server import (
    DESIGN_FIELDS,
    VERSION_KEYS,
    design_boxes,
    first_design,
    form_values,
    initial_design_boxes,
    page_first_call_keeps,
)
from solidcell.cell.design import CellDesign

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
PLATES = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"
FIELDS = list(DESIGN_FIELDS)


@pytest.fixture(autouse=True)
def _own_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))


def _page_values(found: dict[str, Any]) -> dict[str, Any]:
    """The values the page sends of the layout's design tab (``found``: by id)."""
    values = {k: found[k].value for k in FIELDS}
    values["design-example"] = found["design-example"].value
    for store in ("design-source", "design-original", "design-opened", "page-id"):
        values[store] = found[store].data
    return values


def _post(app: Any, first_output: str, values: dict[str, Any]) -> Any:
    """The page's first call (nothing changed) of the callback whose first output is
    ``first_output``: the Flask answer."""
    client = app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    payload = callback_request(deps, first_output, values, "")
    payload["changedPropIds"] = []
    return client.post("/_dash-update-component", json=payload)


def _filled(app: Any, first: str) -> dict[str, Any]:
    """What the page's first call gave the design tab before the layout filled it (its
    stores empty): output id -> its properties set."""
    answer = _post(app, FIELDS[0], {"design-example": first})
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    return answer.get_json()["response"]


@pytest.mark.parametrize("path", [EV, PLATES], ids=lambda p: p.stem)
def test_the_layout_holds_what_load_design_gives_the_first_design(tmp_path: Path,
                                                                   path: Path) -> None:
    app = designs_app(tmp_path, path)
    try:
        found = layout_components(app.layout())
        first = str(tmp_path / "examples" / path.name)
        assert found["design-example"].value == first
        filled = _filled(app, first)
        for key in FIELDS:
            assert found[key].value == filled[key]["value"], key
            assert bool(found[key].disabled) == filled[key]["disabled"], key
            assert (found[key].placeholder or "") == filled[key]["placeholder"], key
        assert found["design-original"].data == filled["design-original"]["data"]
        assert found["design-source"].data == filled["design-source"]["data"] == first
        assert found["design-current"].children == filled["design-current"]["children"]
        # the design's own values (form_values), the file's version beside them
        design = CellDesign.from_yaml(path)
        assert design == first_design(app.state)
        assert {k: found[k].value for k in FIELDS} == form_values(design)
        assert set(found["design-original"].data) == {*FIELDS, *VERSION_KEYS}
    finally:
        app.state.jobs.close()


def test_an_unused_field_starts_empty_and_disabled(tmp_path: Path) -> None:
    """docs/cell.md: an interdigitated_3d design uses no separator thickness and no anode
    thickness (its plates are sized by their width)."""
    app = designs_app(tmp_path, PLATES)
    try:
        found = layout_components(app.layout())
        for key in ("separator-thickness", "anode-thickness"):
            assert found[key].value is None
            assert found[key].disabled is True
            assert found[key].placeholder == "not used"
        assert found["cathode-thickness"].disabled is False
    finally:
        app.state.jobs.close()


@pytest.mark.parametrize("path", [EV, PLATES], ids=lambda p: p.stem)
def test_the_page_s_first_call_changes_nothing(tmp_path: Path, path: Path) -> None:
    app = designs_app(tmp_path, path)
    try:
        values = _page_values(layout_components(app.layout()))
        # a value typed while the first call was under way: not sent back over it
        values["cathode-thickness"] = "61"
        answer = _post(app, FIELDS[0], values)
        assert answer.status_code in (200, 204), answer.get_data(as_text=True)[:500]
        if answer.status_code == 200:  # this Dash answers every output left as it is so
            assert answer.get_json()["response"] == {}
    finally:
        app.state.jobs.close()


def test_a_file_changed_since_the_layout_is_filled_afresh(tmp_path: Path) -> None:
    app = designs_app(tmp_path, EV)
    try:
        values = _page_values(layout_components(app.layout()))
        path = Path(values["design-source"])
        path.write_text(path.read_text() + "\n# edited\n")
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        answer = _post(app, FIELDS[0], values)
        assert answer.status_code == 200
        response = answer.get_json()["response"]
        assert response["design-source"]["data"] == str(path)
        assert response["design-original"]["data"]["file-size"] == float(path.stat().st_size)
    finally:
        app.state.jobs.close()


def test_the_metrics_are_computed_at_load(tmp_path: Path) -> None:
    """update_design's initial call (prevent_initial_call='initial_duplicate') reads the
    layout's boxes: the metrics appear although the first call of load_design changes
    nothing."""
    app = designs_app(tmp_path, EV)
    try:
        values = _page_values(layout_components(app.layout()))
        answer = _post(app, "design-metrics", {**values, "design-metrics": None})
        assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
        response = answer.get_json()["response"]
        assert response["design-metrics"]["children"]
        assert response["design-msg"]["children"] == ""
    finally:
        app.state.jobs.close()


def test_no_design_or_a_refused_first_file_leaves_the_boxes_to_the_first_call(
        tmp_path: Path) -> None:
    empty = designs_app(tmp_path / "empty")
    try:
        assert initial_design_boxes(empty.state) is None
        found = layout_components(empty.layout())
        assert all(found[k].value is None for k in FIELDS)
        assert found["design-source"].data is None
        assert found["design-current"].children == ""
    finally:
        empty.state.jobs.close()
    app = designs_app(tmp_path / "bad", EV)
    broken = tmp_path / "bad" / "examples" / "a-broken.yaml"  # listed first
    broken.write_text("name: [unclosed\n")
    try:
        assert initial_design_boxes(app.state) is None
        values = _page_values(layout_components(app.layout()))
        assert values["design-source"] is None
        assert values["design-example"].endswith(broken.name)
        answer = _post(app, FIELDS[0], values)
        assert answer.status_code == 200
        assert answer.get_json()["response"]["design-example-msg"]["children"]
    finally:
        app.state.jobs.close()


def test_the_first_call_keeps_only_the_same_file_and_version() -> None:
    version = {VERSION_KEYS[0]: 1.5, VERSION_KEYS[1]: 100.0}
    values = {"cathode-thickness": 80.0, **version}
    assert page_first_call_keeps("a.yaml", values, "a.yaml", {**values, "n-layers": 3})
    assert not page_first_call_keeps("a.yaml", values, "b.yaml", values)
    assert not page_first_call_keeps("a.yaml", values, "a.yaml",
                                     {**values, VERSION_KEYS[1]: 101.0})
    assert not page_first_call_keeps("a.yaml", values, None, None)
    assert not page_first_call_keeps("", values, "", values)


def test_design_boxes_is_the_one_conversion(tmp_path: Path) -> None:
    app = designs_app(tmp_path, EV)
    try:
        source = str(tmp_path / "examples" / EV.name)
        boxes = design_boxes(app.state, source, "design-example")
        assert initial_design_boxes(app.state) == boxes
        assert boxes["source"] == boxes["listed"] == source
        assert boxes["label"] == f"showing examples/{EV.name}"
    finally:
        app.state.jobs.close()


def _props(spec: str) -> set[str]:
    """The 'id.property' of every output named in a dependency's ``output``."""
    parts = spec.strip(".").split("...") if spec.startswith("..") else [spec]
    return {p.split("@")[0] for p in parts}


def test_every_call_at_load_reading_the_design_tab_still_fires(tmp_path: Path) -> None:
    """Dash's renderer (dash-renderer, requestedCallbacks step 5) drops a callback of the
    page's first calls whose inputs are all outputs of those calls when none of them
    changed: update_design did not run at load (no metrics) once load_design's first call
    changed nothing. Each such callback needs an input no call at load sets (update_design:
    page-id)."""
    app = designs_app(tmp_path, EV)
    try:
        deps = app.server.test_client().get("/_dash-dependencies").get_json()
        load = next(d for d in deps if "design-opened.data" in d["output"])
        at_load = [d for d in deps if not d["prevent_initial_call"]]
        set_at_load = set().union(*(_props(d["output"]) for d in at_load))
        readers = [d for d in at_load if d is not load
                   and {f"{i['id']}.{i['property']}" for i in d["inputs"]}
                   & _props(load["output"])]
        assert any("design-metrics.children" in d["output"] for d in readers)
        for dep in readers:
            inputs = {f"{i['id']}.{i['property']}" for i in dep["inputs"]}
            assert inputs - set_at_load, dep["output"]
    finally:
        app.state.jobs.close()
