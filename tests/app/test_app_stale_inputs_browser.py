"""A finished run's result in headless Debian Chromium (see test_app_browser.py for the
browser setup) is greyed under a line naming an input of its own form typed since (the
simulation's interface activation energy and experiment, the sweep's C-rate, the screen's
count) and shown as current again once the box holds the value it ran with; before, only an
edit of the design tab greyed it. The callbacks themselves are tested in
test_app_stale_inputs.py."""

from __future__ import annotations

import json
from typing import Any

from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard

from solidcell.app.server import INTERFACE_BOXES, SWEEP_C_RATE_BOX, SWEEP_TEMPERATURES_BOX

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
DESIGN = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
dashboard, page = module_dashboard("stale-inputs", TIMEOUT_MS, examples=[DESIGN])
EA_BOX = f"#{INTERFACE_BOXES['interface_resistance_activation_energy'][0]}"


def _stale(prefix: str) -> str:
    return f"document.querySelector('#{prefix}-stale').innerText"


def _opacity(page: Any, prefix: str) -> str:
    return page.evaluate(f"document.querySelector('#{prefix}-result').style.opacity")


def _edit_and_back(page: Any, prefix: str, box: str, typed: str, ran: str, name: str,
                   kind: str) -> None:
    """Type ``typed`` in ``box``: the line names ``name``; the value it ran with again
    (``ran``): the line goes."""
    page.locator(box).fill(typed)
    expected = (f"inputs changed since this run: {name}; run the {kind} again for the inputs "
                "shown")
    page.wait_for_function(f"{_stale(prefix)} === {json.dumps(expected)}")
    assert _opacity(page, prefix) == "0.35"
    page.locator(box).fill(ran)
    page.wait_for_function(f"{_stale(prefix)} === ''")
    assert _opacity(page, prefix) == ""


def test_an_edited_simulation_input_greys_its_result_until_edited_back(page: Any) -> None:
    page.get_by_text("Simulation", exact=True).click()
    page.locator("#sim-experiment").fill("Rest for 1 minute")
    page.locator("#sim-run").click()
    page.wait_for_function("document.querySelector('#simulation-table') "
                           "|| document.querySelector('#sim-error')")
    assert page.locator("#sim-error").count() == 0, page.locator("#sim-error").inner_text()
    page.wait_for_function(f"{_stale('sim')} === ''")
    _edit_and_back(page, "sim", EA_BOX, "0.37 eV", "", "interface activation energy",
                   "simulation")
    _edit_and_back(page, "sim", "#sim-experiment", "Rest for 2 minutes", "Rest for 1 minute",
                   "experiment", "simulation")
    # the sweep's own box does not grey the simulation
    page.locator(f"#{SWEEP_C_RATE_BOX}").fill("2")
    page.locator(f"#{SWEEP_C_RATE_BOX}").fill("1")
    assert page.evaluate(_stale("sim")) == ""


def test_an_edited_sweep_input_greys_its_result_until_edited_back(page: Any) -> None:
    page.get_by_text("Simulation", exact=True).click()
    page.locator(f"#{SWEEP_TEMPERATURES_BOX}").fill("25 degC")
    page.locator("#sweep-run").click()
    page.wait_for_function("document.querySelector('#sweep-table') "
                           "|| document.querySelector('#sweep-error')")
    assert page.locator("#sweep-error").count() == 0, page.locator("#sweep-error").inner_text()
    page.wait_for_function(f"{_stale('sweep')} === ''")
    _edit_and_back(page, "sweep", f"#{SWEEP_C_RATE_BOX}", "2", "1.0", "C-rate",
                   "temperature sweep")


def test_an_edited_screen_count_greys_its_result_until_edited_back(page: Any) -> None:
    page.get_by_text("Screening", exact=True).click()
    page.locator("#scr-n").fill("41")  # a count of this test's own: its result, not another's
    page.locator("#scr-run").click()
    page.wait_for_function("document.querySelector('#scr-result').innerText"
                           ".startsWith('41 designs')")
    page.wait_for_function(f"{_stale('scr')} === ''")
    _edit_and_back(page, "scr", "#scr-n", "42", "41", "designs", "screen")
