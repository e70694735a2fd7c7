"""The simulation tab's "OCP ends" select in headless Debian Chromium (see test_app_browser.py
for the browser setup): "stop" picked from the page reaches the simulation, whose result
records the rule that ran. On the EV example (an NMC811 half cell) "auto" would run the wall,
so a recorded "stop" is the choice, not the default. The request checks are in
test_app_ocp_ends_select.py."""

from __future__ import annotations

from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard, pick_listed

from solidcell.app.server import OCP_ENDS_HELP

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
DESIGN = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
dashboard, page = module_dashboard("ocp-ends", TIMEOUT_MS, examples=[DESIGN])
#: a short experiment (no solve of a whole discharge); the rule is recorded all the same
EXPERIMENT = "Rest for 10 minutes"

#: the result table's rows as {first cell: second cell}
ROWS = ("Object.fromEntries(Array.from(document.querySelectorAll('#simulation-table tr'))"
        ".map(r => Array.from(r.cells).map(c => c.innerText.trim())))")


def test_stop_picked_on_the_page_is_the_rule_recorded(page) -> None:
    page.get_by_text("Simulation", exact=True).click()
    page.locator("#sim-ocp_ends").wait_for()
    assert page.get_by_text(OCP_ENDS_HELP).is_visible()
    pick_listed(page, "sim-ocp_ends", "stop")
    page.locator("#sim-experiment").fill(EXPERIMENT)
    page.locator("#sim-run").click()
    page.wait_for_function(
        "document.querySelector('#simulation-table')?.innerText.includes('OCP ends') "
        "|| document.querySelector('#sim-error')")
    assert page.locator("#sim-error").count() == 0, page.locator("#sim-error").inner_text()
    rows = page.evaluate(ROWS)
    assert rows["OCP ends"] == "stop"
    assert rows["Experiment"] == EXPERIMENT
    assert page.locator("#sim-ocp_ends-msg").inner_text() == ""
