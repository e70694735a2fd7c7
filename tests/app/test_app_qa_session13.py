"""A cell engineer's QA walk of the dashboard (session 13): values typed the way papers print
them, pasted with a comma, or with a unit, into the design tab's boxes. The boxes were number
boxes: Chromium dropped what it could not read before the server saw it, so "80,5" became
805 um, "85.5.5" 85.55 um and "298 K" 298 degC, each computed without a word. Checked through
the page's own requests (Flask test client) and in headless Debian Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserhelpers import (
    EXAMPLES,
    NEEDS_CHROMIUM,
    callback_caller,
    callback_request,
    module_dashboard,
)

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
TIMEOUT_MS = 60_000


def _engine(**changes: float) -> dict:
    """`solidcell evaluate` of the EV example with ``changes`` (flattened JSON)."""
    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import evaluate
    from solidcell.report.summary import flatten_json

    design = CellDesign.from_yaml(EV)
    if changes:
        design = design.replace(**changes)
    return flatten_json(evaluate(design).to_json())


def _shown_stack_wh_kg(energy: dict) -> str:
    from solidcell.app.server import METRICS, shown

    return shown(energy[METRICS["metric-stack-wh-kg"][0]])


def _find(tree, cid: str):
    """The component ``cid`` in a callback's answer (Dash's JSON tree)."""
    if isinstance(tree, dict):
        if tree.get("props", {}).get("id") == cid:
            return tree
        return _find(list(tree.get("props", {}).values()), cid)
    if isinstance(tree, list):
        for item in tree:
            found = _find(item, cid)
            if found is not None:
                return found
    return None


@pytest.fixture
def design_call(tmp_path: Path):
    """``call(field=value, ...)``: the design tab's update callback as the page posts it,
    over the EV example, with the given boxes' values (their value as sent by the page)."""
    from solidcell.app.server import create_app, form_values
    from solidcell.cell.design import CellDesign

    app = create_app(EXAMPLES, tmp_path / "workspace")
    original = form_values(CellDesign.from_yaml(EV))
    base = {**original, "design-source": str(EV.resolve()), "design-original": original}

    def call(**typed: object) -> dict:
        values = {**base, **{k.replace("_", "-"): v for k, v in typed.items()}}
        return callback_caller(app.server.test_client(), values)(
            "cathode-thickness.value", "design-metrics")

    yield call
    app.state.jobs.close()


@pytest.mark.parametrize(("field", "typed", "said"), [
    # a comma as decimal separator (a European spreadsheet): Chromium's number box made it 805
    ("cathode-thickness", "80,5", "write the decimal with a point"),
    ("cathode-thickness", "85.5.5", "85.5.5"),  # the number box read it as 85.55
    ("separator-thickness", "30 mS/cm", "not a length"),
    ("temperature", "25 um", "not a temperature"),
    ("n-layers", "3 layers", "whole number"),
    ("cathode-thickness", "abc", "'abc'"),  # the page said '' (the box had dropped it)
])
def test_a_text_the_box_cannot_read_is_refused_naming_it(design_call, field: str, typed: str,
                                                         said: str) -> None:
    answer = design_call(**{field: typed})
    msg = answer[f"{field}-msg"]["children"]
    assert msg.startswith(f"{field}: "), msg
    assert repr(typed) in msg or typed in msg, msg
    assert said in msg, msg
    # the numbers below are marked as not the form's (the last accepted design's)
    assert answer["design-stale"]["children"] != ""
    others = [k for k in ("cathode-thickness", "separator-thickness", "anode-thickness",
                          "n-layers", "temperature") if k != field]
    assert all(answer[f"{k}-msg"]["children"] == "" for k in others)


@pytest.mark.parametrize(("field", "typed", "changes"), [
    ("cathode-thickness", "0.08 mm", {}),  # 80 um, the file's own thickness
    ("cathode-thickness", "100 µm", {"cathode.thickness_m": 100e-6,
                                     "cathode.active_loading_kg_m2": None}),
    ("cathode-thickness", "100um", {"cathode.thickness_m": 100e-6,
                                    "cathode.active_loading_kg_m2": None}),
    ("cathode-thickness", " 100 ", {"cathode.thickness_m": 100e-6,
                                    "cathode.active_loading_kg_m2": None}),
    ("separator-thickness", "0.02 mm", {"separator.thickness_m": 20e-6}),
    # papers print temperatures in K or degC; the box is in degC (298 K was 298 degC)
    ("temperature", "333.15 K", {"temperature_K": 333.15}),
    ("temperature", "60 °C", {"temperature_K": 333.15}),
    ("temperature", "\u22125", {"temperature_K": 268.15}),  # a paper's minus sign
    ("n-layers", "3", {"format.n_layers": 3}),
])
def test_a_value_with_its_unit_is_the_engine_s_number(design_call, field: str, typed: str,
                                                       changes: dict) -> None:
    """The page's number equals `solidcell evaluate` of the design with the value as meant."""
    answer = design_call(**{field: typed})
    assert answer[f"{field}-msg"]["children"] == ""
    shown = _find(answer["design-metrics"]["children"], "metric-stack-wh-kg")
    assert shown["props"]["children"] == _shown_stack_wh_kg(_engine(**changes))


def test_a_number_sent_by_the_page_is_still_taken(design_call) -> None:
    """An untouched box sends back the number the server set (not a text)."""
    answer = design_call(cathode_thickness=100)
    shown = _find(answer["design-metrics"]["children"], "metric-stack-wh-kg")
    assert shown["props"]["children"] == _shown_stack_wh_kg(_engine(**{
        "cathode.thickness_m": 100e-6, "cathode.active_loading_kg_m2": None}))


# --- in the browser ----------------------------------------------------------------------

dashboard, page = module_dashboard("session13", TIMEOUT_MS, examples=[EV])


def _enter(page, field: str, text: str) -> None:
    """Put ``text`` into the box and press Enter. Not typed key by key: Dash's debounced
    text box can move the caret while a callback is answered, so keys typed within that
    time land out of order (seen on every such box of the page, e.g. 'lloz' for 'llzo' in
    the 'id contains' box); fill() inserts the text at once (on a number box it refuses a
    text it cannot hold, as Chromium does)."""
    box = page.locator(f"#{field}")
    box.fill(text)
    assert box.input_value() == text
    box.press("Enter")


@NEEDS_CHROMIUM
def test_a_comma_or_a_unit_typed_in_the_browser(page) -> None:
    """Typed into Chromium: '80,5' was read as 805 um (the number box dropped the comma
    from the keys typed; the page then blamed the untouched anode's N/P), '0.08 mm' as
    0.08 um."""
    page.wait_for_function("document.querySelector('#metric-stack-wh-kg')?.innerText === "
                           f"'{_shown_stack_wh_kg(_engine())}'")
    _enter(page, "cathode-thickness", "80,5")
    page.wait_for_function("document.querySelector('#cathode-thickness-msg').innerText !== ''")
    msg = page.locator("#cathode-thickness-msg").inner_text()
    assert msg.startswith("cathode-thickness: '80,5' is not allowed"), msg
    assert page.locator("#cathode-thickness").input_value() == "80,5"  # kept as typed
    assert page.locator("#anode-thickness-msg").inner_text() == ""

    want = _shown_stack_wh_kg(_engine(**{"cathode.thickness_m": 100e-6,
                                         "cathode.active_loading_kg_m2": None}))
    _enter(page, "cathode-thickness", "0.1 mm")
    page.wait_for_function(
        f"document.querySelector('#metric-stack-wh-kg')?.innerText === '{want}'")
    assert page.locator("#cathode-thickness-msg").inner_text() == ""
    assert page.locator("#design-stale").inner_text() == ""


#: minutes of PyBaMM work (as test_app_browser_stop.py): a run still solving when reloaded
LONG = "(Discharge at 1C until 3 V; Charge at 1C until 4.2 V)*500"


def _running(dashboard) -> list[str]:
    return [j.id for j in dashboard.app.state.jobs._jobs.values() if j.state == "running"]


@NEEDS_CHROMIUM
def test_a_run_survives_a_reload_and_can_still_be_stopped(page, dashboard) -> None:
    """Reloading the page mid-run lost the run's id: it computed on out of reach of Stop,
    holding one of the 2 slots (two reloads, and every Run was refused with '2 jobs are
    running' and no Stop to press)."""
    from browserhelpers import open_dashboard

    page.get_by_text("Simulation", exact=True).click()
    page.locator("#sim-experiment").fill(LONG)
    page.locator("#sim-run").click()
    page.wait_for_function("document.querySelector('#sim-status')?.innerText.includes('solv')")
    (job,) = _running(dashboard)
    open_dashboard(page, dashboard.url)  # reload mid-run
    page.get_by_text("Simulation", exact=True).click()
    # the page finds its run again: progress shown, Stop enabled
    page.wait_for_function("!document.querySelector('#sim-stop').disabled", timeout=20_000)
    assert "solv" in page.locator("#sim-status").inner_text()
    page.locator("#sim-stop").click()
    page.wait_for_function(
        "document.querySelector('#sim-stopped')?.innerText.startsWith('simulation stopped')")
    assert _running(dashboard) == []
    assert dashboard.app.state.jobs.status(job)["state"] == "stopped"


@NEEDS_CHROMIUM
def test_run_twice_and_stop_twice_quickly(page, dashboard) -> None:
    """Two quick clicks on Run, then two on Stop: no run is left computing, no request of
    the page fails (the line at the top stays empty)."""
    page.get_by_text("Simulation", exact=True).click()
    page.locator("#sim-experiment").fill(LONG)
    page.locator("#sim-run").dblclick()
    page.wait_for_function("!document.querySelector('#sim-stop').disabled")
    page.locator("#sim-stop").dblclick()
    page.wait_for_function(
        "document.querySelector('#sim-stopped')?.innerText.startsWith('simulation stopped')")
    page.wait_for_timeout(1500)  # the second clicks' answers
    assert _running(dashboard) == []
    assert page.locator("#request-msg").inner_text() == ""



def _workspace_app(tmp_path: Path) -> tuple[Path, Any, Any, Any]:
    """(workspace with the EV example saved as mine.yaml, app, test client, dependencies)."""
    from solidcell.app.server import create_app

    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "mine.yaml").write_text(EV.read_text("utf-8"), "utf-8")
    app = create_app(EXAMPLES, workspace)
    client = app.server.test_client()
    return workspace, app, client, client.get("/_dash-dependencies").get_json()

def test_a_file_changed_by_another_tab_is_not_mixed_into_the_form(tmp_path: Path) -> None:
    """Two tabs on one workspace design: tab A saved it (with 'replace') with a 100 um
    cathode; tab B, still showing 80 um, changed its layer count and was shown the numbers
    of A's 100 um cathode beside its own 80 um box (the file was read again, the unchanged
    boxes taken from it), and B's save would write A's cathode. B is now told the file
    changed, its numbers and A's file stay, and Enter in the path box opens the new version."""
    from solidcell.cell.design import CellDesign

    workspace, app, client, deps = _workspace_app(tmp_path)

    def load(changed: str, **values: object) -> dict:
        """The design tab's load callback as the page posts it when ``changed`` fired."""
        body = callback_request(deps, "cathode-thickness", values, changed)
        answer = client.post("/_dash-update-component", json=body)
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return answer.get_json()["response"]

    # tab B opens the file by typing its name
    opened = load("design-path.value", **{"design-path": "mine.yaml"})
    original = opened["design-original"]["data"]
    source = opened["design-source"]["data"]
    tab_b = callback_caller(client, {**original, "design-source": source,
                                     "design-original": original})
    # tab A saves its 100 um cathode over the file
    edited = CellDesign.from_yaml(EV).replace(**{"cathode.thickness_m": 100e-6,
                                                 "cathode.active_loading_kg_m2": None})
    app.state.save(edited, "mine", replace=True)
    saved = (workspace / "mine.yaml").read_text("utf-8")

    answer = tab_b("cathode-thickness.value", "design-metrics", **{"n-layers": "3"})
    assert "changed" in answer["design-msg"]["children"], answer["design-msg"]
    assert "mine.yaml" in answer["design-msg"]["children"]
    assert answer["design-stale"]["children"] != ""
    assert "design-metrics" not in answer  # the last numbers stay (greyed), none of A's
    refused = tab_b("save-button.n_clicks", "save-result", **{
        "n-layers": "3", "save-name": "mine", "save-replace": ["replace"],
        "save-button.n_clicks": 1})
    assert refused["save-name-msg"]["children"].startswith("not saved: "), refused
    assert (workspace / "mine.yaml").read_text("utf-8") == saved
    # Enter in the (empty) path box opens the file as it is now
    again = load("design-path.n_submit", **{
        "design-example": None, "design-path": "mine.yaml", "design-path.n_submit": 2,
        "design-msg": answer["design-msg"]["children"]})
    assert again["cathode-thickness"]["value"] == 100.0
    app.state.jobs.close()


def test_saving_over_the_file_shown_keeps_editing_it(tmp_path: Path) -> None:
    """The tab that saved over the file it shows goes on editing it (its boxes are of the
    version it wrote): the file-changed check is for another tab's save."""
    _, app, client, deps = _workspace_app(tmp_path)
    body = callback_request(deps, "cathode-thickness", {"design-path": "mine.yaml"},
                            "design-path.value")
    opened = client.post("/_dash-update-component", json=body).get_json()["response"]
    original, source = opened["design-original"]["data"], opened["design-source"]["data"]
    tab = callback_caller(client, {**original, "design-source": source,
                                   "design-original": original, "cathode-thickness": "100"})
    saved = tab("save-button.n_clicks", "save-result", **{
        "save-name": "mine", "save-replace": ["replace"], "save-button.n_clicks": 1})
    assert saved["save-result"]["children"] == "saved mine.yaml in the workspace"
    original = saved["design-original"]["data"]
    tab = callback_caller(client, {**original, "design-source": source,
                                   "design-original": original, "cathode-thickness": "100"})
    answer = tab("cathode-thickness.value", "design-metrics", **{"n-layers": "3"})
    assert answer["design-msg"]["children"] == ""
    shown = _find(answer["design-metrics"]["children"], "metric-stack-wh-kg")
    assert shown["props"]["children"] == _shown_stack_wh_kg(_engine(**{
        "cathode.thickness_m": 100e-6, "cathode.active_loading_kg_m2": None,
        "format.n_layers": 3}))
    app.state.jobs.close()


def test_a_cathode_too_thick_for_the_foil_is_refused_beside_the_cathode(design_call) -> None:
    """EV example (40 um Li foil): a 180 um cathode gives N/P < 1. The message stood only
    beside the untouched anode box ('anode-thickness: 40.0 um is not allowed'); the cathode
    box, where 180 was typed, said nothing."""
    answer = design_call(cathode_thickness="180")
    msg = answer["cathode-thickness-msg"]["children"]
    assert msg.startswith("cathode-thickness: 180 um is not allowed with anode-thickness "
                          "40"), msg
    assert "N/P" in msg and "< 1" in msg, msg
    assert answer["anode-thickness-msg"]["children"].startswith("anode-thickness: 40")
    # the anode typed too thin: its own box only (the cathode is as the file has it)
    answer = design_call(anode_thickness="5")
    assert answer["anode-thickness-msg"]["children"].startswith("anode-thickness: 5 um")
    assert answer["cathode-thickness-msg"]["children"] == ""


@NEEDS_CHROMIUM
def test_two_tabs_on_one_file_in_the_browser(page, dashboard) -> None:
    """Tab B (this page) shows a workspace file; tab A (a second page of the same browser)
    saves it with 'replace' and a 100 um cathode; B's next edit is refused naming the file,
    and Enter in B's path box opens A's version."""
    from solidcell.cell.design import CellDesign

    (dashboard.workspace / "shared.yaml").write_text(EV.read_text("utf-8"), "utf-8")
    page.get_by_text("Design", exact=True).click()
    _enter(page, "design-path", "shared.yaml")
    page.wait_for_function("document.querySelector('#design-current')?.innerText === "
                           "'showing workspace/shared.yaml'")
    tab_a = page.context.new_page()
    try:
        tab_a.goto(dashboard.url)
        tab_a.wait_for_function(
            "document.querySelector('#design-current')?.innerText.startsWith('showing')")
        _enter(tab_a, "design-path", "shared.yaml")
        tab_a.wait_for_function("document.querySelector('#design-current')?.innerText === "
                                "'showing workspace/shared.yaml'")
        _enter(tab_a, "cathode-thickness", "100")
        tab_a.locator("#save-name").fill("shared")
        tab_a.locator("#save-replace").get_by_text("replace", exact=False).click()
        tab_a.locator("#save-button").click()
        tab_a.wait_for_function(
            "document.querySelector('#save-result').innerText === "
            "'saved shared.yaml in the workspace'")
        # A goes on editing its own file (it wrote the version its boxes are of)
        _enter(tab_a, "n-layers", "3")
        tab_a.wait_for_function("document.querySelector('#metric-stack-wh-kg')?.innerText "
                                "=== '" + _shown_stack_wh_kg(_engine(**{
                                    "cathode.thickness_m": 100e-6,
                                    "cathode.active_loading_kg_m2": None,
                                    "format.n_layers": 3})) + "'")
        assert tab_a.locator("#design-msg").inner_text() == ""
    finally:
        tab_a.close()
    assert CellDesign.from_yaml(dashboard.workspace / "shared.yaml").format.n_layers != 3
    saved = (dashboard.workspace / "shared.yaml").read_text("utf-8")
    _enter(page, "n-layers", "2")
    page.wait_for_function("document.querySelector('#design-msg').innerText.includes("
                           "'changed on disk')")
    assert "shared.yaml" in page.locator("#design-msg").inner_text()
    assert page.locator("#design-stale").inner_text() != ""
    assert (dashboard.workspace / "shared.yaml").read_text("utf-8") == saved
    page.locator("#design-path").press("Enter")
    page.wait_for_function("document.querySelector('#cathode-thickness').value === '100'")
    page.wait_for_function("document.querySelector('#design-msg').innerText === ''")


def test_a_page_s_new_run_stops_its_previous_one_even_without_its_id() -> None:
    """Run clicked twice quickly: both requests left the page before the first answer, so
    neither named the other's job; the page kept the second id and the first run computed
    on out of reach of Stop. Jobs.start stops the running job of the same page and kind;
    another page's job is left alone. Real worker processes (test_app_job_stop.py's)."""
    from test_app_job_stop import forever, wait_state

    from solidcell.app.jobs import Jobs

    jobs = Jobs()
    try:
        first = jobs.start("simulation", forever, owner="page-1")
        second = jobs.start("simulation", forever, owner="page-1")
        assert jobs.status(first)["state"] == "stopped"
        wait_state(jobs, second, "running", "looping")
        other = jobs.start("simulation", forever, owner="page-2")  # the slot was freed
        wait_state(jobs, other, "running", "looping")
        assert jobs.status(second)["state"] == "running"  # another page's run stays
        assert sorted(j.state for j in jobs._jobs.values()) == ["running", "running",
                                                                "stopped"]
        assert jobs.get(first).worker is None  # its process was ended
    finally:
        jobs.close()
