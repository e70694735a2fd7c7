"""The temperature sweep's progress and its refusal before any job, in headless Debian
Chromium (see test_app_browser.py for the browser setup): while a sweep of the EV example
runs, the page shows "k of n temperatures done" with its bar at k/n; a 3D design is then
refused beside the temperatures box in the engine's words, no job started and the sweep's
result kept. The callbacks themselves are tested in test_app_sweep_progress.py."""

from __future__ import annotations

import re

from browserhelpers import (
    EXAMPLES,
    NEEDS_CHROMIUM,
    module_dashboard,
    open_example,
    pick_listed,
)

from solidcell.app.server import SWEEP_TEMPERATURES_BOX
from solidcell.cell.design import CellDesign
from solidcell.errors import SolidcellError
from solidcell.simulation.runs import sweep_inputs

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 180_000
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
PLATES = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"
dashboard, page = module_dashboard("sweepprog", TIMEOUT_MS, examples=[EV, PLATES])
BOX = f"#{SWEEP_TEMPERATURES_BOX}"
ROWS = "document.querySelectorAll('#sweep-table tbody tr').length"
#: every (status text, bar value) the sweep's progress area shows, kept in window.seen
WATCH = """() => {
  window.seen = [];
  const note = () => {
    const s = document.querySelector('#sweep-status');
    const b = document.querySelector('#sweep-progress-bar');
    if (s) window.seen.push([s.innerText.trim(), b && b.getAttribute('value')]);
  };
  new MutationObserver(note).observe(document.querySelector('#sweep-progress'),
    {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def _open(page, name: str) -> None:
    open_example(page, name)
    page.get_by_text("Simulation", exact=True).click()
    page.locator(BOX).wait_for()


def test_the_sweep_shows_k_of_n_and_a_3d_design_is_refused_before_any_job(page,
                                                                         dashboard) -> None:
    _open(page, EV.name)
    page.locator(BOX).fill("0 degC, 25 degC, 45 degC")
    pick_listed(page, "sweep-mesh", "coarse")
    page.evaluate(WATCH)
    page.locator("#sweep-run").click()
    page.wait_for_function(f"{ROWS} === 3 || document.querySelector('#sweep-error')")
    assert page.locator("#sweep-error").count() == 0, page.locator("#sweep-error").inner_text()
    seen = page.evaluate("window.seen")
    counts = [(int(m[1]), value) for text, value in seen
              if (m := re.match(r"(\d) of 3 temperatures done at 1C", text))]
    assert counts, seen  # a solve of the EV example takes longer than a poll (0.5 s)
    assert all(float(value) == k / 3 for k, value in counts), counts
    assert page.locator("#sweep-status").inner_text().strip().startswith("done")

    try:
        sweep_inputs(CellDesign.from_yaml(PLATES), temperatures=[273.15], mesh="coarse")
    except SolidcellError as exc:
        expected = str(exc)
    _open(page, PLATES.name)
    page.locator(BOX).fill("0 degC")
    page.locator("#sweep-run").click()
    page.wait_for_function(f"document.querySelector('{BOX}-msg').innerText === {expected!r}")
    assert expected.startswith("architecture.kind: 'interdigitated_3d'")
    assert page.evaluate(ROWS) == 3  # the EV sweep's result kept, no job started
    assert page.locator("#sweep-status").inner_text().strip().startswith("done")
    assert page.locator("#sweep-error").count() == 0
    jobs = dashboard.app.state.jobs._jobs.values()
    assert [j.kind for j in jobs] == ["temperature sweep"]  # the EV sweep's alone
