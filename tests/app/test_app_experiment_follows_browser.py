"""The simulation tab's experiment box follows the design opened, in headless Debian Chromium
(see test_app_browser.py for the browser setup): the EV example (Li) shows "Discharge at C/10
until 3 V", the same cell against Li-In "until 2.38 V" (3 V vs Li/Li+, ``santhosha2019``),
and that is what runs; an experiment typed stays when another design is opened. The rule and
the callback are tested in test_app_experiment_follows.py."""

from __future__ import annotations

from typing import Any

import yaml
from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
dashboard, page = module_dashboard("experiment-follows", TIMEOUT_MS, examples=[EV])


def _open(page: Any, text: str) -> None:
    page.get_by_text("Design", exact=True).click()
    box = page.locator("#design-path")
    box.fill(text)
    box.press("Enter")
    name = text.rpartition("/")[2]  # a workspace file is listed as workspace/<name>
    page.wait_for_function("document.querySelector('#design-current').innerText"
                           f".startsWith('showing') && document.querySelector("
                           f"'#design-current').innerText.endsWith('/{name}')")


def _wait_experiment(page: Any, text: str) -> None:
    page.get_by_text("Simulation", exact=True).click()
    page.wait_for_function(f"document.querySelector('#sim-experiment').value === {text!r}")


def test_the_box_follows_the_counter_electrode_and_keeps_a_typed_one(page: Any,
                                                                     dashboard: Any) -> None:
    _wait_experiment(page, "Discharge at C/10 until 3 V")  # the page's first design: Li
    data = yaml.safe_load(EV.read_text())
    data["anode"] = {"kind": "li_in", "np_ratio": 1.2, "prelithiation": 0.1}
    (dashboard.workspace / "ev-li-in.yaml").write_text(yaml.safe_dump(data), "utf-8")
    _open(page, "ev-li-in.yaml")
    _wait_experiment(page, "Discharge at C/10 until 2.38 V")
    assert "kept as typed" in page.locator("#sim-experiment-rule").inner_text()
    page.locator("#sim-run").click()  # what the box shows is what runs
    page.wait_for_function("document.querySelector('#simulation-table')")
    assert "2.38" in page.locator("#simulation-table").inner_text()
    page.locator("#sim-experiment").fill("Discharge at 1C until 2.5 V")
    _open(page, f"examples/{EV.name}")
    page.get_by_text("Simulation", exact=True).click()
    page.wait_for_timeout(1000)  # the follow callback has answered the design opened
    assert page.locator("#sim-experiment").input_value() == "Discharge at 1C until 2.5 V"
