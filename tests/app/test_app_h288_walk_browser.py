"""Helper H288's walk through the dashboard in headless Debian Chromium (see
test_app_browser.py for the browser setup), its findings kept fixed in the page itself:
the EV example's mass breakdown has no "Electrolyte filling" category (a planar cell has
none; `solidcell evaluate` and the report list it only for a 3D design), the interdigitated
3D example's has it; three mechanics boxes refused at once on the Interfaces tab are each
said beside their box (only the first was); '0.1 mm' typed as the cathode thickness and
saved is 1e-04 m in the file, as `solidcell.units` reads it (it was 9.999999999999999e-05);
the screen's table is titled the Pareto front, with its count (it had no title); the
predicted conductivity is in S/cm, as its log10 rows (it was in S/m). The callbacks are
tested in test_app_breakdown_filling.py, test_app_interface_every_refusal.py,
test_app_saved_si_values.py, test_app_screen_front_title.py and
test_app_prediction_units.py."""

from __future__ import annotations

import yaml
from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard, wait_saved

from solidcell.app.interfaces_tab import MECHANICS_BOXES
from solidcell.app.server import FRONT_ROWS

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
INTERDIGITATED = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"
dashboard, page = module_dashboard("h288-walk", TIMEOUT_MS, examples=[EV, INTERDIGITATED])
#: the y-axis labels of the mass breakdown (plotly draws them as SVG text)
BAR_LABELS = ("[...document.querySelectorAll('#design-breakdown .ytick text')]"
              ".map(t => t.textContent)")


def _open(page, name: str) -> None:
    """Open the example ``name`` as its file holds it and wait until the page shows its
    numbers (the engine's stack Wh/kg of that file: the metrics and the charts are one
    callback's answer, which comes after the line `showing ...`). Enter does not open again
    the file shown (its edits stay): the other example is opened first."""
    shown_now = page.locator("#design-current").inner_text()
    if shown_now == f"showing examples/{name}":
        other = INTERDIGITATED if name == EV.name else EV
        _open(page, other.name)
    from solidcell.app.server import METRICS, shown
    from solidcell.cell.design import CellDesign
    from solidcell.report.summary import summarize

    energy = summarize(CellDesign.from_yaml(EXAMPLES / name)).energy
    expected = shown(energy[METRICS["metric-stack-wh-kg"][0]])
    box = page.locator("#design-path")
    box.fill(f"examples/{name}")
    box.press("Enter")
    page.wait_for_function(f"document.querySelector('#design-current').innerText === "
                           f"'showing examples/{name}'")
    page.wait_for_function(
        f"document.querySelector('#metric-stack-wh-kg')?.innerText === '{expected}'")
    page.wait_for_function(f"{BAR_LABELS}.includes('Cathode')")


def _type(page, box: str, text: str) -> None:
    page.locator(box).fill(text)
    page.locator(box).press("Enter")


def test_the_filling_is_a_bar_of_a_3d_design_only(page) -> None:
    _open(page, INTERDIGITATED.name)
    page.wait_for_function(f"{BAR_LABELS}.includes('Electrolyte filling')")
    _open(page, EV.name)
    page.wait_for_function(f"!{BAR_LABELS}.includes('Electrolyte filling')")
    assert {"Cathode", "Separator", "Anode"} <= set(page.evaluate(BAR_LABELS))


def test_three_refused_mechanics_boxes_are_each_said(page) -> None:
    _open(page, EV.name)
    page.get_by_text("Interfaces", exact=True).click()
    page.locator("#ifc-flags-table").wait_for()
    typed = {"stack_pressure_Pa": "-5 MPa", "flaw_size_m": "-5 um",
             "shear_modulus_li_Pa": "0 GPa"}
    for key, text in typed.items():
        _type(page, f"#{MECHANICS_BOXES[key][0]}", text)
    for key, text in typed.items():
        box, label = MECHANICS_BOXES[key][:2]
        page.wait_for_function(f"document.querySelector('#{box}-msg').innerText.startsWith("
                               f"\"{label}: '{text}' is not allowed\")")
        assert page.locator(f"#{box}").input_value() == text  # the text typed stays
    for key in typed:  # emptied again: no refusal left
        _type(page, f"#{MECHANICS_BOXES[key][0]}", "")
    page.wait_for_function("document.querySelector('#ifc-stale').innerText === ''")
    page.get_by_text("Design", exact=True).click()


def test_a_typed_thickness_is_saved_as_the_units_module_reads_it(page, dashboard) -> None:
    _open(page, EV.name)
    _type(page, "#cathode-thickness", "0.1 mm")
    page.wait_for_function("document.querySelector('#design-stale').innerText === ''")
    page.locator("#save-name").fill("h288-typed")
    wait_saved(page, "h288-typed")
    saved = yaml.safe_load((dashboard.workspace / "h288-typed.yaml").read_text("utf-8"))
    assert saved["cathode"]["thickness_m"] == 1e-4


def test_the_screen_table_is_titled_the_pareto_front(page) -> None:
    _open(page, EV.name)
    page.get_by_text("Screening", exact=True).click()
    page.locator("#scr-n").fill("100")
    page.locator("#scr-run").click()
    page.locator("#scr-front-title").wait_for(state="visible")
    title = page.locator("#scr-front-title").inner_text()
    assert title.startswith("Pareto front: "), title
    on_front = int(title.removeprefix("Pareto front: ").split()[0])
    assert page.locator("#scr-table tbody tr").count() == min(on_front, FRONT_ROWS)
    assert f"{on_front} on the Pareto front" in page.locator("#scr-summary").inner_text()
    page.get_by_text("Design", exact=True).click()


def test_the_predicted_conductivity_is_in_s_per_cm(page) -> None:
    from solidcell import units
    from solidcell.app.server import shown
    from solidcell.discovery.predict import predict_conductivity

    page.get_by_text("Prediction", exact=True).click()
    page.locator("#pred-composition").fill("Li6PS5Cl")
    page.locator("#pred-run").click()
    row = page.locator("#prediction-table tr", has=page.locator(
        "td", has_text="Ionic conductivity [S/cm]")).first
    row.wait_for(state="visible")
    model = predict_conductivity("Li6PS5Cl")
    assert row.locator("td").nth(1).inner_text() == shown(
        units.convert(model.conductivity_S_m, "conductivity", "S/cm"))
    assert "S.m-1" not in page.locator("#prediction-table").inner_text()
    page.get_by_text("Design", exact=True).click()
