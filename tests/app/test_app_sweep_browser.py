"""The simulation tab's temperature sweep in headless Debian Chromium (see
test_app_browser.py for the browser setup): a short sweep (the thin-film example, the coarse
mesh, two temperatures) runs as a background job and shows its table and plot; a bad
temperatures box then is refused beside the box in the parser's own words, the sweep's
result and the boxes kept. The form mapping and request checks are in
test_app_sweep_form.py."""

from __future__ import annotations

from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard, pick_listed

from solidcell.app.server import SWEEP_TEMPERATURES_BOX
from solidcell.errors import ValidationError
from solidcell.simulation.runs import parse_temperatures

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
#: the fastest example to simulate (the thin-film model: a fraction of a second a run)
DESIGN = EXAMPLES / "thin-film-lco-lipon-li.yaml"
dashboard, page = module_dashboard("sweep", TIMEOUT_MS, examples=[DESIGN])
TEMPERATURES = "0 degC, 25 degC"
BOX = f"#{SWEEP_TEMPERATURES_BOX}"
#: the sweep table's body rows, each a list of its cells' texts
ROWS = ("Array.from(document.querySelectorAll('#sweep-table tbody tr'))"
        ".map(r => Array.from(r.cells).map(c => c.innerText.trim()))")
HEADER = "Array.from(document.querySelectorAll('#sweep-table th')).map(c => c.innerText)"


def test_a_short_sweep_shows_its_table_and_plot(page) -> None:
    page.get_by_text("Simulation", exact=True).click()
    page.locator(BOX).wait_for()
    page.locator(BOX).fill(TEMPERATURES)
    pick_listed(page, "sweep-mesh", "coarse")
    page.locator("#sweep-run").click()
    page.wait_for_function("document.querySelector('#sweep-table') "
                           "|| document.querySelector('#sweep-error')")
    assert page.locator("#sweep-error").count() == 0, page.locator("#sweep-error").inner_text()
    header, rows = page.evaluate(HEADER), page.evaluate(ROWS)
    assert header[0] == "temperature (degC)" and header[-1] == "end"
    assert "temperature rise (K)" not in header  # isothermal, the thermal select's default
    assert [r[0] for r in rows] == ["0", "25"]
    assert all(float(r[1]) > 0 and 0 < float(r[2]) <= 100 for r in rows), rows
    assert "thermal model: isothermal" in page.locator("#sweep-title").inner_text()
    assert page.locator("#sweep-figure .main-svg").count() > 0
    assert page.locator(f"{BOX}-msg").inner_text() == ""
    assert page.locator("#sweep-stop").is_disabled()  # ended: nothing to stop


def test_bad_temperatures_are_refused_and_nothing_is_lost(page) -> None:
    rows = page.evaluate(ROWS)
    typed = "25 degC, abc"
    try:
        parse_temperatures(typed)
    except ValidationError as exc:
        expected = str(exc)
    page.locator(BOX).fill(typed)
    page.locator("#sweep-run").click()
    page.wait_for_function(f"document.querySelector('{BOX}-msg').innerText === {expected!r}")
    assert expected.startswith("temperatures (item 2 of 2): 'abc' is not allowed")
    assert page.evaluate(ROWS) == rows  # the sweep's result as it was
    assert page.locator(BOX).input_value() == typed
