"""The boxes the dashboard fills from the design start, in the page's layout, with the first
design's texts (the experiment box, the screen's range boxes and the stores of what they were
given), so the page's first call has nothing to change: its answer overwrote a value typed
before it came (CI, test_app_qa_session13.py::test_run_twice_and_stop_twice_quickly). A range
an interdigitated_3d design does not use is empty and disabled, the reason below the boxes.
The browser side is test_app_initial_boxes_browser.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserhelpers import EXAMPLES, callback_request, designs_app, layout_components

from solidcell.app.server import (
    OPENED_KEY,
    PAGE_OPENED,
    SCREEN_RANGE_RULE,
    UNUSED_RANGE,
    first_design,
    followed_experiment,
    followed_screen_ranges,
    form_values,
    screen_defaults,
    screen_range_reset,
    unused_ranges_note,
    unused_screen_ranges,
)
from solidcell.cell.design import CellDesign

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
PLATES = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"
BOXES = ("scr-cathode-min", "scr-cathode-max", "scr-separator-min", "scr-separator-max")
SEPARATOR = ("scr-separator-min", "scr-separator-max")


@pytest.fixture(autouse=True)
def _own_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))


@pytest.mark.parametrize("path", [EV, PLATES], ids=lambda p: p.stem)
def test_the_layout_holds_what_the_follow_rules_give_the_first_design(
        tmp_path: Path, path: Path) -> None:
    app = designs_app(tmp_path, path)
    try:
        design = first_design(app.state)
        assert design == CellDesign.from_yaml(path)
        found = layout_components(app.layout())
        experiment, default = followed_experiment(design, "", None)
        assert found["sim-experiment"].value == experiment == default
        assert found["sim-experiment-auto"].data == default
        texts, span = followed_screen_ranges(design, {}, None, reset=True)
        assert {b: found[b].value for b in BOXES} == texts
        assert found["scr-range-auto"].data == {**span, OPENED_KEY: PAGE_OPENED}
        assert found["design-opened"].data == PAGE_OPENED
        unused = {f"{k}-{s}" for k in unused_screen_ranges(design) for s in ("min", "max")}
        for box in BOXES:
            assert bool(found[box].disabled) == (box in unused)
            assert found[box].placeholder == (UNUSED_RANGE if box in unused else "")
        assert found["scr-range-unused"].children == unused_ranges_note(design)
    finally:
        app.state.jobs.close()


def test_an_empty_design_list_leaves_the_boxes_empty(tmp_path: Path) -> None:
    app = designs_app(tmp_path)
    try:
        assert first_design(app.state) is None
        found = layout_components(app.layout())
        assert found["sim-experiment"].value == ""
        assert found["sim-experiment-auto"].data is None
        assert all(found[b].value == "" for b in BOXES)
    finally:
        app.state.jobs.close()


def test_an_unused_range_is_emptied_whatever_it_held() -> None:
    """docs/cell.md: the interdigitated geometry does not use the separator thickness."""
    design = CellDesign.from_yaml(PLATES)
    boxes = {**screen_defaults(design), "scr-separator-min": "12"}
    for reset in (False, True):
        new, span = followed_screen_ranges(design, boxes, screen_defaults(design), reset)
        assert all(new[b] == span[b] == "" for b in SEPARATOR)
        assert new["scr-cathode-min"] == screen_defaults(design)["scr-cathode-min"]
    note = unused_ranges_note(design)
    assert note.startswith("separator.thickness_m: not used by an interdigitated_3d design")
    assert unused_ranges_note(CellDesign.from_yaml(EV)) == ""


@pytest.mark.parametrize(("opened", "token", "auto", "expected"), [
    (True, PAGE_OPENED, {OPENED_KEY: PAGE_OPENED}, False),  # the page's first call
    (True, "a1", {OPENED_KEY: PAGE_OPENED}, True),  # a design opened since
    (True, "a1", {OPENED_KEY: "a1"}, False),  # that opening, answered already
    (True, "a1", None, True),  # nothing given yet
    (False, "a2", {OPENED_KEY: "a1"}, False),  # a thickness edited: no design opened
])
def test_only_a_design_opened_since_the_texts_resets(opened: bool, token: str,
                                                    auto: Any, expected: bool) -> None:
    assert screen_range_reset(opened, token, auto) is expected


def test_the_rules_are_stated_on_the_tab() -> None:
    assert "design list again opens nothing" in SCREEN_RANGE_RULE
    assert "'or open a file' to open it afresh" in SCREEN_RANGE_RULE
    assert "empty and disabled" in SCREEN_RANGE_RULE


# --- the callbacks, posted as the page posts them ------------------------------------------


def _post(app: Any, first_output: str, changed: list[str], values: dict[str, Any]
          ) -> dict[str, Any]:
    """The answer's response (output id -> its properties set) of the callback whose first
    output is ``first_output``, fired by ``changed`` ([] for the page's first call)."""
    client = app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    payload = callback_request(deps, first_output, values, changed[0] if changed else "")
    payload["changedPropIds"] = changed
    answer = client.post("/_dash-update-component", json=payload)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    return answer.get_json()["response"]


def test_only_a_design_opened_after_the_first_call_gets_a_new_token(tmp_path: Path) -> None:
    app = designs_app(tmp_path, EV)
    try:
        path = str(tmp_path / "examples" / EV.name)
        first = _post(app, "cathode-thickness", [], {"design-example": path})
        assert first["design-source"]["data"] == path
        assert "design-opened" not in first  # stays PAGE_OPENED, as the layout gave it
        picked = _post(app, "cathode-thickness", ["design-example.value"],
                       {"design-example": path})
        assert picked["design-opened"]["data"] not in (None, PAGE_OPENED)
    finally:
        app.state.jobs.close()


def test_an_interdigitated_design_disables_its_separator_range(tmp_path: Path) -> None:
    app = designs_app(tmp_path, PLATES)
    try:
        design = CellDesign.from_yaml(PLATES)
        original = form_values(design)
        before = screen_defaults(CellDesign.from_yaml(EV))  # the boxes of a design before
        answer = _post(app, "scr-cathode-min", ["design-source.data"], {
            **original, **before, "design-original": original, "design-opened": "t1",
            "design-source": str(tmp_path / "examples" / PLATES.name),
            "scr-range-auto": {**before, OPENED_KEY: PAGE_OPENED}})
        for box in SEPARATOR:
            assert answer[box] == {"value": "", "disabled": True, "placeholder": UNUSED_RANGE}
        assert answer["scr-cathode-min"] == {
            "value": screen_defaults(design)["scr-cathode-min"], "disabled": False,
            "placeholder": ""}
        assert answer["scr-range-unused"]["children"] == unused_ranges_note(design)
    finally:
        app.state.jobs.close()
