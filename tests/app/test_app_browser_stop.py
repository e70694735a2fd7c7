"""The dashboard's Stop button (headless chromium): a long simulation is stopped from the
page, says "stopped", frees its slot, and the next simulation runs to its result."""

from __future__ import annotations

import time

from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 60_000
DESIGN = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
dashboard, page = module_dashboard("stop", TIMEOUT_MS, examples=[DESIGN])
#: 1000 steps of a full 1C cycle: minutes of PyBaMM work (40 steps took 2-5 s here)
LONG = "(Discharge at 1C until 3 V; Charge at 1C until 4.2 V)*500"


def _run(page, experiment: str) -> None:
    page.locator("#sim-experiment").fill(experiment)
    page.locator("#sim-run").click()
    page.locator("#sim-progress-bar").wait_for(state="attached")


def test_stop_ends_a_running_simulation_and_the_next_one_runs(page, dashboard) -> None:
    page.get_by_text("Simulation", exact=True).click()
    stop = page.locator("#sim-stop")
    assert stop.is_disabled()  # nothing runs yet
    _run(page, LONG)
    page.wait_for_function("!document.querySelector('#sim-stop').disabled")
    page.wait_for_function("document.querySelector('#sim-status')?.innerText.includes('solv')")
    clicked = time.monotonic()
    stop.click()
    page.wait_for_function(
        "document.querySelector('#sim-stopped')?.innerText.startsWith('simulation stopped')")
    assert time.monotonic() - clicked < 10.0
    assert page.locator("#sim-status").inner_text().strip().startswith("stopped")
    assert page.locator("#sim-error").count() == 0  # stopped, not failed
    page.wait_for_function("document.querySelector('#sim-stop').disabled")
    jobs = dashboard.app.state.jobs
    assert [j.state for j in jobs._jobs.values()] == ["stopped"]
    # the slot is free and the page takes the next run, which ends with the engine's result
    _run(page, "Discharge at C/10 until 3 V")
    page.wait_for_function("document.querySelector('#simulation-table')")
    assert page.locator("#sim-status").inner_text().strip().startswith("done")
    assert page.locator("#sim-stopped").count() == 0
