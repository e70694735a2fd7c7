"""A first-time user's walk through the dashboard over the bundled examples, in headless
Debian Chromium (see test_app_browser.py for the browser setup). Each test keeps one finding
of that walk fixed: the thin-film example simulates with the thin-film model, a 3D example is
refused with the engine's reason beside the experiment box before any job starts, an
experiment error shows beside its box (before any job too), injected HTML stays text, a saved
design joins the list and "replace" does not stay ticked, an absurd thickness is refused, a
metric the engine did not compute says why.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from browserhelpers import (
    EXAMPLES,
    NEEDS_CHROMIUM,
    module_dashboard,
    open_dashboard,
    pick_listed,
    save_again_refused,
    wait_saved,
)

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000


# any alert() of the page lands in page.dialogs (browser_page)
dashboard, page = module_dashboard("qa", TIMEOUT_MS)


def _text(page, selector: str) -> str:
    return page.locator(selector).inner_text()


def _open_design(page, name: str, folder: Path = EXAMPLES, typed: str | None = None) -> None:
    """Open an example by its listed label (or a workspace file by the name ``typed``) and
    wait until the page shows its numbers (the engine's stack Wh/kg of that file, so the
    previous design's numbers are not taken)."""
    from solidcell.app.server import METRICS, shown
    from solidcell.cell.design import CellDesign
    from solidcell.report.summary import summarize

    energy = summarize(CellDesign.from_yaml(folder / name)).energy
    expected = shown(energy[METRICS["metric-stack-wh-kg"][0]])
    page.get_by_text("Design", exact=True).click()
    box = page.locator("#design-path")
    box.fill(typed if typed is not None else f"examples/{name}")
    box.press("Enter")
    page.wait_for_function(
        f"document.querySelector('#metric-stack-wh-kg')?.innerText === '{expected}'")
    assert _text(page, "#design-path-msg") == ""


def _simulate(page) -> str:
    page.get_by_text("Simulation", exact=True).click()
    page.locator("#sim-run").click()
    # starting a run clears the previous result (the first poll comes 0.5 s later)
    page.wait_for_function("(document.querySelector('#sim-result')?.innerText ?? '') === ''",
                           polling=20)
    page.wait_for_function(
        "['done', 'failed'].some(s => (document.querySelector('#sim-status')?.innerText || '')"
        ".trim().startsWith(s))")
    page.wait_for_function("(document.querySelector('#sim-result')?.innerText || '') !== ''")
    return _text(page, "#sim-result")


def test_the_thin_film_example_simulates_with_the_thin_film_model(page) -> None:
    _open_design(page, "thin-film-lco-lipon-li.yaml")
    text = _simulate(page)
    assert "thin-film model" in text, text[:400]
    assert _text(page, "#sim-status").strip().startswith("done")
    page.locator("#sim-figure").wait_for(state="visible")


def _sim_jobs(dashboard) -> int:
    return sum(j.kind == "simulation" for j in dashboard.app.state.jobs._jobs.values())


def _refused_beside_experiment(page, dashboard, start: str) -> str:
    """Run the simulation; wait for the experiment box's message beginning with ``start`` and
    return it, asserting that no simulation job started."""
    page.get_by_text("Simulation", exact=True).click()
    before = _sim_jobs(dashboard)
    page.locator("#sim-run").click()
    page.wait_for_function(
        "s => (document.querySelector('#sim-experiment-msg')?.innerText || '').startsWith(s)",
        arg=start)
    assert _sim_jobs(dashboard) == before  # refused before any job (the callback's answer)
    return _text(page, "#sim-experiment-msg")


def test_a_3d_example_is_refused_with_the_reason_before_any_run(page, dashboard) -> None:
    _open_design(page, "interdigitated-3d-nmc811-lpscl-li.yaml")
    # the gap separates the plates: the separator and anode thickness boxes are not used
    # (editing the separator changed nothing; the anode showed 0 and refused any value)
    assert page.locator("#separator-thickness").is_disabled()
    assert page.locator("#anode-thickness").is_disabled()
    assert page.locator("#separator-thickness").get_attribute("placeholder") == "not used"
    # the page says which file is shown (and the list now names it too)
    assert _text(page, "#design-current") == (
        "showing examples/interdigitated-3d-nmc811-lpscl-li.yaml")
    # the engine's refusal before any build or solve (runs.simulate_inputs), in its words,
    # beside the experiment box: no job (it used to fail as one, "simulation failed: ...")
    text = _refused_beside_experiment(page, dashboard, "architecture.kind: 'interdigitated_3d'")
    assert "3D architecture" in text
    assert not _text(page, "#sim-status").strip().startswith(("failed", "running"))


def test_an_experiment_error_is_shown_beside_the_experiment_box(page, dashboard) -> None:
    _open_design(page, "ev-nmc811-lpscl-li.yaml")
    assert not page.locator("#separator-thickness").is_disabled()  # a planar design again
    page.get_by_text("Simulation", exact=True).click()
    page.locator("#sim-experiment").fill("Discharge at -1C until 3 V")
    _refused_beside_experiment(page, dashboard,
                               "experiment: 'Discharge at -1C until 3 V' is not allowed")
    # a good experiment clears the message
    page.locator("#sim-experiment").fill("Discharge at C/10 until 3 V")
    page.locator("#sim-run").click()
    page.wait_for_function("document.querySelector('#sim-experiment-msg').innerText === ''")


@pytest.mark.parametrize("markup", ["<script>alert(1)</script>",
                                    "<img src=x onerror=alert(2)>"])
def test_markup_in_a_material_name_is_shown_as_text(page, markup: str) -> None:
    from solidcell.materials import default_store

    page.get_by_text("Materials", exact=True).click()
    mid = f"xss_{uuid.uuid4().hex[:8]}"
    page.locator("#m-id").fill(mid)
    page.locator("#m-name").fill(markup)
    page.locator("#m-formula").fill("Li7La3Zr2O12")
    page.locator("#m-category").get_by_text("electrolyte", exact=True).click()
    page.locator("#m-electrolyte_class").get_by_text("oxide", exact=True).click()
    page.locator("#m-value").fill("0.5 mS/cm")
    page.locator("#m-temperature").fill("25 degC")
    page.locator("#m-source").fill(markup)
    page.locator("#m-add").click()
    page.wait_for_function(
        f"document.querySelector('#m-result').innerText === 'added {mid}'")
    assert default_store().get(mid).name == markup
    page.locator("#q-text").fill(mid)
    page.locator("#q-text").press("Enter")
    page.locator(f"#material-row-{mid}").wait_for(state="visible")
    assert markup in _text(page, f"#material-row-{mid}")
    page.locator("#detail-id").fill(mid)
    page.locator("#detail-id").press("Enter")
    page.wait_for_function(
        "m => (document.querySelector('#detail-view')?.innerText || '').includes(m)",
        arg=markup)
    assert markup in _text(page, "#detail-view")
    assert page.dialogs == []
    assert page.locator("#detail-view script, #detail-view img, #materials-table img").count() == 0


def test_a_saved_design_joins_the_list_and_replace_does_not_stay_ticked(page,
                                                                        dashboard) -> None:
    _open_design(page, "ev-nmc811-lpscl-li.yaml")
    name = f"qa-{uuid.uuid4().hex[:6]}"
    page.locator("#save-name").fill(name)
    page.locator("#save-replace").get_by_text("replace", exact=False).click()
    wait_saved(page, name)
    assert not page.locator("#save-replace input").is_checked()
    path = dashboard.app.state.workspace_dir / f"{name}.yaml"
    first = path.read_text("utf-8")
    # a second save under the name is refused: the tick of the first save is gone
    save_again_refused(page)
    assert path.read_text("utf-8") == first
    # the saved design is in the list (it was only there after a server restart)
    label = f"{path.parent.name}/{name}.yaml"
    # picked with the keyboard (pick_listed): a mouse click on this 9th option of the
    # virtualised menu was lost under load (the list scrolled between mousedown and mouseup;
    # see pick_listed), the boxes kept '3' (timed out in two of four full runs)
    pick_listed(page, "design-example", label)
    try:
        page.wait_for_function("document.querySelector('#n-layers').value === '20'")
    except Exception as exc:  # say what the page showed, so a failure names its cause
        shown = {k: page.locator(k).inner_text() for k in (
            "#design-example-msg", "#design-msg", "#design-current", "#save-name-msg")}
        shown["#n-layers"] = page.locator("#n-layers").input_value()
        raise AssertionError(f"the saved design {label} did not load: {shown}") from exc


@pytest.fixture()
def fresh_page(page, dashboard):
    """A new tab of its own: no field left edited or refused by an earlier test (with xdist
    the earlier tests on a worker vary from run to run)."""
    tab = page.context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    open_dashboard(tab, dashboard.url)
    yield tab
    tab.close()


def test_an_absurd_thickness_is_refused_beside_its_field(fresh_page) -> None:
    """1e308 um was accepted: the separator gave 9.91035e-304 Wh/kg without a message."""
    page = fresh_page
    _open_design(page, "ev-nmc811-lpscl-li.yaml")
    before = _text(page, "#metric-stack-wh-kg")
    box = page.locator("#separator-thickness")
    box.fill("1e308")
    box.press("Enter")
    page.wait_for_function(
        "document.querySelector('#separator-thickness-msg').innerText.length > 0")
    assert _text(page, "#separator-thickness-msg").startswith(
        # as typed: the box is a text box read by the server (session 13)
        "separator-thickness: '1e308' is not allowed; must be at most 10000 um")
    assert _text(page, "#metric-stack-wh-kg") == before
    box.fill("-5")
    box.press("Enter")
    page.wait_for_function(
        "document.querySelector('#separator-thickness-msg').innerText.startsWith("
        "'separator-thickness: -5 um')")
    box.fill("30")
    box.press("Enter")
    page.wait_for_function(
        "document.querySelector('#separator-thickness-msg').innerText === ''")


def test_a_file_name_too_long_for_the_disk_is_refused_beside_the_box(fresh_page) -> None:
    """A 5000-character name failed inside the server (500): the page said nothing and
    kept 'showing' the old file as if the name had not been typed."""
    page = fresh_page
    _open_design(page, "ev-nmc811-lpscl-li.yaml")
    before = _text(page, "#metric-stack-wh-kg")
    box = page.locator("#design-path")
    box.fill("x" * 5000 + ".yaml")
    box.press("Enter")
    page.wait_for_function("document.querySelector('#design-path-msg').innerText.length > 0")
    msg = _text(page, "#design-path-msg")
    assert msg.startswith("design-path: 'xxx"), msg
    assert "(5007 characters) is not allowed; must name an existing file" in msg, msg
    assert len(msg) < 500  # the value is cut, not repeated whole
    assert _text(page, "#metric-stack-wh-kg") == before
    assert _text(page, "#design-current") == "showing examples/ev-nmc811-lpscl-li.yaml"


def test_the_temperature_box_is_labelled_as_what_it_takes(page) -> None:
    """It was labelled 'temperature_K' beside a box taking degC."""
    page.get_by_text("Design", exact=True).click()
    assert page.locator("label[for=temperature]").inner_text() == "temperature"
    assert page.locator("label[for=temperature] span").get_attribute("title") == (
        "temperature_K")


def test_a_metric_the_engine_did_not_compute_says_why(page, dashboard) -> None:
    """The polymer example at 60 degC with PEGDA, which has one conductivity value and no
    activation energy (PEO-LiTFSI now has a measured 25-100 degC series), so no power."""
    text = (EXAMPLES / "polymer-lfp-peo-li.yaml").read_text("utf-8")
    (dashboard.workspace / "pegda-60c.yaml").write_text(
        text.replace("peo_litfsi", "pegda_xl"), "utf-8")
    _open_design(page, "pegda-60c.yaml", dashboard.workspace, typed="pegda-60c.yaml")
    assert _text(page, "#metric-max-c-rate") == "-"
    page.locator("#metric-note").wait_for(state="visible")
    assert _text(page, "#metric-note").startswith("Maximum C-rate: not computed: ")
