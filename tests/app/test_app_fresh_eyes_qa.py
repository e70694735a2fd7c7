"""A battery researcher's second walk through the dashboard over the bundled examples, in
headless Debian Chromium (browser setup: browserhelpers.py). Each test keeps one finding fixed:
the bipolar example's cell voltage is the engine's (the series stack's), a refused value
marks the numbers below it as those of the last accepted values and cannot be saved, Enter
in the path box opens a file again once it is fixed, the design list and the path box name
the file shown.
"""

from __future__ import annotations

import pytest
from browserhelpers import (
    EXAMPLES,
    NEEDS_CHROMIUM,
    module_dashboard,
    pick_listed,
)

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 60_000


dashboard, page = module_dashboard("fresh-eyes", TIMEOUT_MS)


def _engine(name: str) -> dict:
    """The flattened `solidcell evaluate` numbers of the example ``name``."""
    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import evaluate
    from solidcell.report.summary import flatten_json

    return flatten_json(evaluate(CellDesign.from_yaml(EXAMPLES / name)).to_json())


def _open(page, name: str) -> dict:
    """Type the example's name into the path box; wait for its stack Wh/kg; its numbers."""
    from solidcell.app.server import METRICS, shown

    energy = _engine(name)
    box = page.locator("#design-path")
    box.fill(name)
    box.press("Enter")
    expected = shown(energy[METRICS["metric-stack-wh-kg"][0]])
    page.wait_for_function(
        f"document.querySelector('#metric-stack-wh-kg')?.innerText === '{expected}'")
    return energy


def _set(page, field: str, value: str) -> None:
    box = page.locator(f"#{field}")
    box.fill(value)
    box.press("Enter")


def test_the_bipolar_cell_voltage_is_the_engine_s(page) -> None:
    """examples/bipolar-nmc811-lpscl-li.yaml: 6 cells in series; `solidcell evaluate` prints
    a cell voltage of 22.8 V (6 x 3.8 V) and the page showed 3.8 V beside the cell's 87.4 Wh."""
    from solidcell.app.server import shown

    energy = _open(page, "bipolar-nmc811-lpscl-li.yaml")
    assert page.locator("#metric-voltage").inner_text() == shown(energy["cell / Voltage [V]"])
    # the property that must hold: voltage x 6 cells over one cell's voltage
    assert float(page.locator("#metric-voltage").inner_text()) == pytest.approx(6 * 3.8)


def test_a_refused_temperature_greys_the_old_numbers_and_is_not_saved(page,
                                                                      dashboard) -> None:
    """EV example at 150 degC, then 250 degC (lithium melts at 180.5 degC): the refusal stood
    beside the box while the 150 degC C-rate stood below it unmarked, and 'Save design'
    wrote the 250 degC design, a file `solidcell evaluate` then refused."""
    _open(page, "ev-nmc811-lpscl-li.yaml")
    _set(page, "temperature", "150")
    page.wait_for_function("document.querySelector('#metric-temperature-note')")
    c_rate = page.locator("#metric-max-c-rate").inner_text()
    _set(page, "temperature", "250")
    page.wait_for_function("document.querySelector('#temperature-msg').innerText !== ''")
    assert "melting temperature of li_metal" in page.locator("#temperature-msg").inner_text()
    page.wait_for_function("document.querySelector('#design-stale').innerText !== ''")
    assert "last accepted values" in page.locator("#design-stale").inner_text()
    assert "opacity" in (page.locator("#design-results").get_attribute("style") or "")
    assert page.locator("#metric-max-c-rate").inner_text() == c_rate  # kept, not lost
    page.locator("#save-name").fill("melted")
    page.locator("#save-button").click()
    page.wait_for_function("document.querySelector('#save-name-msg').innerText !== ''")
    assert page.locator("#save-name-msg").inner_text().startswith(
        "not saved: temperature: 250 degC is not allowed")
    assert not (dashboard.workspace / "melted.yaml").exists()
    _set(page, "temperature", "45")
    page.wait_for_function("document.querySelector('#design-stale').innerText === ''")
    assert "opacity" not in (page.locator("#design-results").get_attribute("style") or "")


def test_enter_opens_the_same_file_again_after_it_is_fixed(page, dashboard) -> None:
    """A workspace file with a YAML error, fixed on disk: Enter on the same name in the path
    box did nothing (the text had not changed), so the old error stayed beside the box."""
    import shutil

    from solidcell.app.server import shown

    broken = dashboard.workspace / "fixed-later.yaml"
    broken.write_text("name: [unclosed\n", "utf-8")
    box = page.locator("#design-path")
    box.fill("fixed-later.yaml")
    box.press("Enter")
    page.wait_for_function("document.querySelector('#design-path-msg').innerText !== ''")
    assert "is not valid YAML" in page.locator("#design-path-msg").inner_text()
    shutil.copy(EXAMPLES / "oxide-lco-llzo-li.yaml", broken)
    box.press("Enter")
    page.wait_for_function("document.querySelector('#design-path-msg').innerText === ''")
    page.wait_for_function("document.querySelector('#design-current').innerText"
                           ".endsWith('/fixed-later.yaml')")
    energy = _engine("oxide-lco-llzo-li.yaml")
    expected = shown(energy["stack / Gravimetric energy density [W.h.kg-1]"])
    page.wait_for_function(
        f"document.querySelector('#metric-stack-wh-kg')?.innerText === '{expected}'")


def test_the_list_and_the_path_box_name_the_file_shown(page) -> None:
    """A typed file left the list naming the file opened before ('design: anode-free' above
    'showing ev'); a file picked from the list left the typed name in the path box."""
    _open(page, "ev-nmc811-lpscl-li.yaml")
    page.wait_for_function("document.querySelector('#design-example').innerText.trim() === "
                           "'examples/ev-nmc811-lpscl-li.yaml'")
    pick_listed(page, "design-example", "examples/polymer-lfp-peo-li.yaml")
    page.wait_for_function("document.querySelector('#design-current').innerText === "
                           "'showing examples/polymer-lfp-peo-li.yaml'")
    assert page.locator("#design-path").input_value() == ""
