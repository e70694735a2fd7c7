"""A battery researcher's first walk through the dashboard (session 14): a screen's range typed
with its unit as on the design tab, and the page used from the keyboard with a screen reader
in mind. Checked through the page's own requests (Flask test client) and in headless Debian
Chromium against a real server."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard, open_dashboard

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
TIMEOUT_MS = 60_000
RANGES = {"scr-cathode-min": "40", "scr-cathode-max": "150", "scr-separator-min": "10",
          "scr-separator-max": "60"}


def _space(**typed: str) -> dict[str, Any]:
    from solidcell.app.server import screen_space
    from solidcell.cell.design import CellDesign

    values = {**RANGES, **{k.replace("_", "-"): v for k, v in typed.items()}}
    return screen_space(CellDesign.from_yaml(EV), values, "300")["parameters"]


@pytest.mark.parametrize("typed", ["40 um", "0.04 mm", "40 µm", " 40 ", "4e-5 m"])
def test_screen_range_reads_a_unit_as_the_design_boxes_do(typed: str) -> None:
    """The design tab reads '0.04 mm' in its thickness boxes; the screen's range boxes (the
    same quantity, same unit beside them) refused '40 um' as not "a number in um"."""
    assert _space(scr_cathode_min=typed) == _space()
    assert _space()["cathode.thickness_m"]["min"] == pytest.approx(40e-6)


@pytest.mark.parametrize(("typed", "said"), [
    ("30 mS/cm", "must be a number in um or a length with its unit"),
    ("", "(the field is empty)"),
    ("−40", "must be a finite number > 0 in um"),  # a paper's minus: read, then refused
])
def test_screen_range_refusal_names_box_text_and_rule(typed: str, said: str) -> None:
    from solidcell.errors import ValidationError

    with pytest.raises(ValidationError) as err:
        _space(scr_separator_max=typed)
    assert err.value.field == "scr-separator-max"
    assert f"scr-separator-max: {typed!r} is not allowed; " in str(err.value)
    assert said in str(err.value)


dashboard, page = module_dashboard("session14", TIMEOUT_MS)


def _focus_text(pg: Any) -> str:
    return pg.evaluate("document.activeElement.innerText || document.activeElement.id")


def _open_tab(pg: Any, name: str) -> None:
    """Click the tab header ``name`` (by its class, so that a test of labels does not need
    the headers' role) and wait for its first box."""
    pg.locator(".tab", has_text=name).click()
    first = {"Design": "#cathode-thickness", "Materials": "#m-id"}[name]
    pg.locator(first).wait_for(state="visible")


@NEEDS_CHROMIUM
def test_tabs_reached_and_opened_by_keyboard(page: Any) -> None:
    """The tab headers were <div>s without tabindex: Tab never reached them, so a
    keyboard-only user could not leave the Design tab."""
    tabs = page.get_by_role("tab")
    tabs.first.wait_for()
    assert tabs.count() == 6  # Design ... Prediction, Interfaces
    page.locator("body").focus()
    for _ in range(60):  # Tab through the page until the Prediction header has the focus
        page.keyboard.press("Tab")
        if _focus_text(page) == "Prediction":
            break
    assert _focus_text(page) == "Prediction"
    page.keyboard.press("Enter")
    page.locator("#pred-composition").wait_for(state="visible")
    assert page.get_by_role("tab", name="Prediction").get_attribute("aria-selected") == "true"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press(" ")  # Space opens the Screening tab
    page.locator("#scr-n").wait_for(state="visible")
    _open_tab(page, "Design")
    page.locator("#cathode-thickness").wait_for(state="visible")


@NEEDS_CHROMIUM
def test_dropdown_and_radios_named_by_their_label(page: Any) -> None:
    """<label for="design-example"> pointed at the dropdown's <div>: its combobox had no
    name for a screen reader (the same for the materials tab's dropdowns and radio lists)."""
    _open_tab(page, "Design")
    assert page.get_by_role("combobox", name="design", exact=True).count() == 1
    _open_tab(page, "Materials")
    page.locator("#m-id").wait_for(state="visible")
    assert page.get_by_role("combobox", name="electrolyte class").count() == 1
    # the add-material form's and the measure form's
    assert page.get_by_role("radiogroup", name="method", exact=True).count() == 2
    _open_tab(page, "Design")


@NEEDS_CHROMIUM
def test_refusal_beside_box_is_announced(page: Any) -> None:
    """A refusal beside a box was a plain <span>: a screen reader said nothing when it
    appeared, and the box did not point at it."""
    _open_tab(page, "Design")
    box = page.get_by_role("textbox", name="separator")
    before = box.input_value()
    box.fill("-5")
    box.press("Enter")
    msg = page.locator("#separator-thickness-msg")
    page.wait_for_function(
        "document.querySelector('#separator-thickness-msg').innerText.length > 0")
    assert msg.get_attribute("aria-live") == "polite"
    assert box.get_attribute("aria-describedby") == "separator-thickness-msg"
    assert "separator-thickness: -5 um is not allowed" in msg.inner_text()
    box.fill(before)
    box.press("Enter")
    page.wait_for_function(
        "document.querySelector('#separator-thickness-msg').innerText.length === 0")


def _open(pg: Any, name: str, first: str) -> None:
    pg.locator(".tab", has_text=name).click()
    pg.locator(first).wait_for(state="visible")


@NEEDS_CHROMIUM
def test_enter_predicts(page: Any) -> None:
    """Enter in the composition box did nothing: only the Predict button answered."""
    _open(page, "Prediction", "#pred-composition")
    page.locator("#pred-composition").fill("Li6PS5Cl")
    page.locator("#pred-composition").press("Enter")
    page.locator("#prediction-table").wait_for(state="visible")
    assert "Li6PS5Cl" in page.locator("#prediction-table").inner_text()


@NEEDS_CHROMIUM
def test_enter_saves_the_design(page: Any, dashboard: Any) -> None:
    """Enter in the save name box did nothing (no file written)."""
    _open(page, "Design", "#save-name")
    page.locator("#save-name").fill("saved-by-enter")
    page.locator("#save-name").press("Enter")
    page.wait_for_function("document.querySelector('#save-result').innerText.length > 0")
    assert page.locator("#save-result").inner_text() == \
        "saved saved-by-enter.yaml in the workspace"
    assert (dashboard.workspace / "saved-by-enter.yaml").is_file()


@NEEDS_CHROMIUM
def test_enter_adds_the_material(page: Any) -> None:
    """Enter in the add-material form's source box (the last one) did nothing."""
    from solidcell.materials import default_store

    mid = f"qa14_{uuid.uuid4().hex[:8]}"
    _open(page, "Materials", "#m-id")
    for box, text in (("#m-id", mid), ("#m-name", "Enter pellet"),
                      ("#m-formula", "Li7La3Zr2O12"), ("#m-value", "0.5 mS/cm"),
                      ("#m-temperature", "25 degC"), ("#m-source", "my_lab_notebook_2026")):
        page.locator(box).fill(text)
    page.locator("#m-category").get_by_text("electrolyte", exact=True).click()
    page.locator("#m-electrolyte_class").get_by_text("oxide", exact=True).click()
    page.locator("#m-source").press("Enter")
    page.wait_for_function("document.querySelector('#m-result').innerText.length > 0")
    assert page.locator("#m-result").inner_text() == f"added {mid}"
    assert default_store().get(mid).name == "Enter pellet"


@NEEDS_CHROMIUM
def test_enter_runs_screen_and_simulation(page: Any) -> None:
    """Enter in the screen's 'designs' box and in the experiment box did nothing."""
    _open(page, "Screening", "#scr-n")
    page.locator("#scr-n").fill("50")
    page.locator("#scr-n").press("Enter")
    page.locator("#scr-summary").wait_for(state="visible")
    assert page.locator("#scr-summary").inner_text().startswith("50 designs")
    _open(page, "Simulation", "#sim-experiment")
    page.locator("#sim-experiment").press("Enter")
    page.wait_for_function(
        "document.querySelector('#simulation-table') || "
        "document.querySelector('#sim-error')")
    assert page.locator("#sim-error").count() == 0


@NEEDS_CHROMIUM
def test_plots_named_for_screen_readers(page: Any) -> None:
    """The design tab's plots were <svg>s without a name; they are named by their own
    title and axis titles (those of server._stack_figure and _breakdown_figure)."""
    _open(page, "Design", "#cathode-thickness")
    stack = page.get_by_role("figure", name="plot: one cell, to scale", exact=False)
    stack.wait_for()
    assert stack.get_attribute("id") == "design-stack"
    assert "y: thickness [um] (to scale)" in stack.get_attribute("aria-label")
    mass = page.get_by_role("figure",
                            name="plot: mass breakdown, one repeat unit; x: areal mass [mg/cm2]")
    assert mass.get_attribute("id") == "design-breakdown"


#: a 1000-step experiment (as tests/app/test_app_browser_stop.py): still running when stopped
LONG = "(Discharge at 1C until 3 V; Charge at 1C until 4.2 V)*500"


@NEEDS_CHROMIUM
def test_run_lost_in_a_server_restart_is_said(page: Any, dashboard: Any, tmp_path: Any) -> None:
    """The server restarted during a simulation (its worker ended with it): the page's next
    poll found no such run and the progress bar vanished without a word, as if the run had
    never been started; a reload showed an empty tab too."""
    from solidcell.app.server import RunningApp

    first = RunningApp(EXAMPLES, tmp_path)
    try:
        open_dashboard(page, first.url)
        _open(page, "Simulation", "#sim-experiment")
        page.locator("#sim-experiment").fill(LONG)
        page.locator("#sim-run").click()
        page.locator("#sim-progress-bar").wait_for()
    finally:
        first.stop()
    second = RunningApp(EXAMPLES, tmp_path, port=int(first.url.rsplit(":", 1)[1]))
    try:
        lost = page.locator("#sim-lost")
        lost.wait_for()
        assert lost.inner_text().startswith("simulation not known to this dashboard (it was "
                                            "restarted")
        assert page.locator("#sim-stop").is_disabled()
        page.reload()  # the tab still holds the run's id: said again, not an empty tab
        _open(page, "Simulation", "#sim-experiment")
        lost.wait_for()
    finally:
        second.stop()
        open_dashboard(page, dashboard.url)


# --- a form sent twice (Enter in a box, then a click on its button) ------------------------

#: the add-material form as a researcher fills it (one conductivity value of their own)
FORM = {"id": "twice_pellet", "name": "pellet sent twice", "formula": "Li7La3Zr2O12",
        "category": "electrolyte", "electrolyte_class": "oxide",
        "property": "ionic_conductivity", "value": "0.5 mS/cm", "temperature": "25 degC",
        "year": "", "method": "measured", "source": "my_lab_notebook_2026"}


def test_the_same_material_sent_twice_is_added_once(tmp_path: Any, open_store) -> None:
    """Enter in a box added the material and the click on "Add material" after it sent the
    form again: the second answer, "id: ... it is already your material", replaced "added".
    The same form again finds its material stored as given and answers as the first did;
    anything else under a stored id is still refused and changes nothing."""
    from solidcell.app.server import add_material_from_form

    store = open_store(tmp_path / "materials.sqlite")
    first = add_material_from_form(FORM, store)
    assert first[0] == "added twice_pellet" and not any(first[1].values())
    assert add_material_from_form(dict(FORM), store) == first
    stored = store.get("twice_pellet")
    assert len(stored.properties) == 1 and stored.name == "pellet sent twice"
    assert [m.id for m in store.list(origin="user")] == ["twice_pellet"]
    # another value under the stored id: refused beside the id box, the stored one kept
    result, msgs = add_material_from_form({**FORM, "value": "0.6 mS/cm"}, store)
    assert result == "not stored: fix the marked field"
    assert "it is already your material" in msgs["id"]
    assert store.get("twice_pellet").model_dump() == stored.model_dump()
    # a curated id is never "added", even with a form that matches nothing stored
    result, msgs = add_material_from_form({**FORM, "id": "llzo"}, store)
    assert result == "not stored: fix the marked field" and "curated" in msgs["id"]


def test_the_same_design_saved_twice_answers_as_the_first_save(tmp_path: Any) -> None:
    """The save name's Enter saved, and the click on "Save design" after it saved again:
    "... already exists in the workspace" replaced "saved ...". The same design under the
    same name finds its file holding that text and writes nothing; another design is still
    refused without 'replace', and the file keeps the first text."""
    from solidcell.app.server import DashboardState
    from solidcell.cell.design import CellDesign
    from solidcell.errors import ValidationError

    state = DashboardState(EXAMPLES, tmp_path)
    design = CellDesign.from_file(EV)
    path = state.save(design, "twice")
    text, mtime = path.read_bytes(), path.stat().st_mtime_ns
    assert state.save(design, "twice") == path
    assert (path.read_bytes(), path.stat().st_mtime_ns) == (text, mtime)  # not written again
    with pytest.raises(ValidationError, match="already exists in the workspace"):
        state.save(design.replace(**{"format.n_layers": 3}), "twice")
    assert path.read_bytes() == text


def _outputs(post_data: str | None) -> str:
    """The ``output`` field of a Dash callback request ("..m-result.children...m-id-msg..."),
    or "" for another request."""
    import json

    try:
        return str(json.loads(post_data or "").get("output", ""))
    except (ValueError, AttributeError):
        return ""


def _answer(pg: Any, output: str, act: Any) -> dict[str, Any]:
    """The server's answer to the callback whose outputs include ``output``, fired by
    ``act()`` (the page's own request, as Chromium sent it). Matched on the request's
    ``output`` field, not on any mention: the query table's callback reads m-result as an
    Input, so the first add's answer fires it, and its request was once taken for the second
    add's (KeyError 'm-result' in a closing CI run)."""
    with pg.expect_response(lambda r: "_dash-update-component" in r.url
                            and f"{output}." in _outputs(r.request.post_data)) as info:
        act()
    return info.value.json()["response"]


@NEEDS_CHROMIUM
def test_enter_then_save_click_saves_once(page: Any, dashboard: Any) -> None:
    """Enter in the save name box, then a click on "Save design": both answers are the
    save's, and the page still says so (it said "... already exists in the workspace")."""
    _open(page, "Design", "#save-name")
    page.locator("#save-name").fill("saved-twice")
    said = "saved saved-twice.yaml in the workspace"
    for act in (lambda: page.locator("#save-name").press("Enter"),
                lambda: page.locator("#save-button").click()):
        answer = _answer(page, "save-result", act)
        assert answer["save-result"]["children"] == said
        assert answer["save-name-msg"]["children"] == ""
    assert page.locator("#save-result").inner_text() == said
    assert page.locator("#save-name-msg").inner_text() == ""
    assert (dashboard.workspace / "saved-twice.yaml").is_file()


@NEEDS_CHROMIUM
def test_enter_then_add_click_adds_once(page: Any) -> None:
    """Enter in the add-material form's source box, then a click on "Add material": both
    answers say "added", and the page still does (it said "it is already your material").
    The form gives no temperature: both answers carry the room-temperature note (H318)."""
    from solidcell.materials import default_store

    mid = f"qa14_{uuid.uuid4().hex[:8]}"
    _open(page, "Materials", "#m-id")
    # no temperature (test_enter_adds_the_material types one into the module's page)
    for box, text in (("#m-id", mid), ("#m-name", "pellet sent twice"),
                      ("#m-value", "0.5 mS/cm"), ("#m-temperature", ""),
                      ("#m-source", "my_lab_notebook_2026")):
        page.locator(box).fill(text)
    page.locator("#m-category").get_by_text("electrolyte", exact=True).click()
    page.locator("#m-electrolyte_class").get_by_text("oxide", exact=True).click()
    for act in (lambda: page.locator("#m-source").press("Enter"),
                lambda: page.locator("#m-add").click()):
        answer = _answer(page, "m-result", act)
        assert answer["m-result"]["children"].startswith(
            f"added {mid}; note: no temperature given ({mid}: ionic_conductivity)")
        assert answer["m-id-msg"]["children"] == ""
    assert page.locator("#m-result").inner_text().startswith(f"added {mid}; note: ")
    assert default_store().get(mid).name == "pellet sent twice"
