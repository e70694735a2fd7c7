"""Findings of a researcher's second walk through the dashboard kept fixed without a browser
(the browser ones are in test_app_fresh_eyes_qa.py): saving under an example's name, and the
design tab's refusals as the other tabs and the save button say them."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.app.server import DashboardState, form_values, job_design
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


def test_a_save_under_an_example_s_name_is_refused(tmp_path: Path) -> None:
    """Saved as 'ev-nmc811-lpscl-li', the edited design went into the workspace, but typing
    that name opened the example (the examples are looked up first): the edits looked lost."""
    state = DashboardState(EXAMPLES, tmp_path / "ws")
    design = state.load(EV.name)
    with pytest.raises(ValidationError) as info:
        state.save(design, "ev-nmc811-lpscl-li")
    assert info.value.field == "save_name"
    assert "name of an example" in info.value.allowed
    assert not (tmp_path / "ws" / EV.name).exists()
    saved = state.save(design, "my-ev")
    assert state.load("my-ev.yaml") == CellDesign.from_file(saved)


def test_a_temperature_the_engine_refuses_stops_a_simulation_or_screen(tmp_path: Path) -> None:
    """250 degC melts the EV example's lithium foil (180.5 degC, haynes2016_crc): the design
    tab refused it, yet the simulation and screening tabs took the design; the refusal now
    names the temperature box as that box does."""
    state = DashboardState(EXAMPLES, tmp_path / "ws")
    values = form_values(CellDesign.from_yaml(EV))
    with pytest.raises(ValidationError) as info:
        job_design(state, str(EV), {**values, "temperature": 250}, values)
    assert info.value.allowed.startswith(
        "fix the design tab first: temperature: 250 degC is not allowed")
    assert "li_metal" in info.value.allowed


def _listed(client) -> list[str]:
    """The design list's labels in the page the server sends on a (re)load."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == "design-example":
                found.extend(o["label"] for o in node["props"]["options"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(client.get("/_dash-layout").get_json())
    return found


def test_a_reloaded_page_lists_the_designs_saved_since_the_start(tmp_path: Path) -> None:
    """The page was built once at start: after 'Save design' and a reload of the page, the
    saved design was missing from the list (as was any file put into the workspace)."""
    from solidcell.app.server import create_app

    workspace = tmp_path / "ws"
    app = create_app(EXAMPLES, workspace)
    client = app.server.test_client()
    assert f"examples/{EV.name}" in _listed(client)
    app.state.save(CellDesign.from_yaml(EV), "saved-after-start")
    assert "ws/saved-after-start.yaml" in _listed(client)
