"""The simulation tab's "Thermal model" select in headless Debian Chromium (see
test_app_browser.py for the browser setup): the heat transfer coefficient box shown only for
lumped; a lumped run of a short discharge shows the cell temperature (line and curve, degC);
a bad coefficient then is refused beside the box in the engine's own words, the run's result
and the boxes kept. The form mapping and request checks are in test_app_thermal_form.py."""

from __future__ import annotations

from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard, pick_listed

from solidcell.app.server import HEAT_TRANSFER_BOX, THERMAL_HELP
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.simulation.parameters import thermal_parameters

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
DESIGN = EXAMPLES / "ev-nmc811-lpscl-li.yaml"  # 25 degC; a pouch format (a cooling area)
dashboard, page = module_dashboard("thermal", TIMEOUT_MS, examples=[DESIGN])
#: a short discharge (no solve of a whole discharge): current flows, so the cell heats
EXPERIMENT = "Discharge at 1C for 2 minutes"
ROW = f"#{HEAT_TRANSFER_BOX}-row"

#: the result table's rows as {first cell: second cell}
ROWS = ("Object.fromEntries(Array.from(document.querySelectorAll('#simulation-table tr'))"
        ".map(r => Array.from(r.cells).map(c => c.innerText.trim())))")


def _engine_refusal(value: object) -> str:
    try:
        thermal_parameters(CellDesign.from_yaml(DESIGN), value)
    except ValidationError as exc:
        return str(exc)
    raise AssertionError(f"{value!r} was taken")


def test_the_box_is_shown_only_for_lumped(page) -> None:
    page.get_by_text("Simulation", exact=True).click()
    page.locator("#sim-thermal").wait_for()
    assert page.get_by_text(THERMAL_HELP).is_visible()
    assert page.locator("#sim-thermal").inner_text().strip() == "isothermal"
    assert not page.locator(ROW).is_visible()
    pick_listed(page, "sim-thermal", "lumped")
    page.locator(ROW).wait_for(state="visible")
    assert page.locator(f"#{HEAT_TRANSFER_BOX}").is_enabled()
    pick_listed(page, "sim-thermal", "isothermal")
    page.locator(ROW).wait_for(state="hidden")
    assert page.locator(f"#{HEAT_TRANSFER_BOX}").is_disabled()


def test_a_lumped_run_shows_the_cell_temperature(page) -> None:
    pick_listed(page, "sim-thermal", "lumped")
    page.locator(f"#{HEAT_TRANSFER_BOX}").fill("10")
    page.locator("#sim-experiment").fill(EXPERIMENT)
    page.locator("#sim-run").click()
    page.wait_for_function("document.querySelector('#sim-temperature') "
                           "|| document.querySelector('#sim-error')")
    assert page.locator("#sim-error").count() == 0, page.locator("#sim-error").inner_text()
    rows = page.evaluate(ROWS)
    assert rows["Thermal model"] == "lumped"
    assert rows["Experiment"] == EXPERIMENT
    line = page.locator("#sim-temperature").inner_text()
    # the design's 25 degC is the start (and the ambient) of the lumped model
    assert line.startswith("cell temperature (lumped thermal model): 25 degC at the start, "
                           "at most "), line
    top = float(line.split("at most ")[1].split(" degC")[0])
    assert top > 25.0  # a discharge's losses heat the cell
    assert page.locator("#sim-temperature-figure .main-svg").count() > 0
    assert page.locator(f"#{HEAT_TRANSFER_BOX}-msg").inner_text() == ""


def test_a_bad_coefficient_is_refused_and_nothing_is_lost(page) -> None:
    shown = page.locator("#sim-temperature").inner_text()
    for typed, value in (("-5", -5.0), ("abc", "abc"), ("", None)):
        page.locator(f"#{HEAT_TRANSFER_BOX}").fill(typed)
        page.locator("#sim-run").click()
        expected = _engine_refusal(value)
        page.wait_for_function(f"document.querySelector('#{HEAT_TRANSFER_BOX}-msg')"
                               f".innerText === {expected!r}")
        assert expected.startswith("heat_transfer_coefficient: ")
        # the previous run's result, the select and the boxes as they were
        assert page.locator("#sim-temperature").inner_text() == shown
        assert page.locator(f"#{HEAT_TRANSFER_BOX}").input_value() == typed
        assert page.locator("#sim-experiment").input_value() == EXPERIMENT
        assert page.locator("#sim-thermal").inner_text().strip() == "lumped"
