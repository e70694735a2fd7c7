"""The screening tab's range boxes around the design tab's design, in headless Debian
Chromium (see test_app_browser.py for the browser setup): the thin-film example opened, the
screen run with the boxes as they were filled has feasible designs (the fixed 40-150 um
boxes gave none); a box typed in keeps its value through a design edit while the others
follow, and opening another design starts them again. The rule and the callback are tested
in test_app_screen_ranges_follow.py."""

from __future__ import annotations

import re
from typing import Any

from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard, open_example

from solidcell.app.server import screen_defaults
from solidcell.cell.design import CellDesign

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
THIN_FILM = EXAMPLES / "thin-film-lco-lipon-li.yaml"
dashboard, page = module_dashboard("screen-ranges", TIMEOUT_MS, examples=[EV, THIN_FILM])


def _wait_boxes(page: Any, expected: dict[str, str]) -> None:
    """Wait until the screen's range boxes hold ``expected`` (box id -> text)."""
    for box, text in expected.items():
        page.wait_for_function(f"document.querySelector('#{box}').value === {text!r}")


def test_the_page_opens_with_the_first_design_s_ranges(page: Any) -> None:
    """The page's first design (the EV example, first in the list) fills the boxes as the
    page loads: nothing was typed, nothing opened."""
    assert page.locator("#design-current").inner_text() == f"showing examples/{EV.name}"
    page.get_by_text("Screening", exact=True).click()
    _wait_boxes(page, screen_defaults(CellDesign.from_yaml(EV)))


def test_the_thin_film_default_screen_has_feasible_designs(page: Any) -> None:
    open_example(page, THIN_FILM.name)
    page.get_by_text("Screening", exact=True).click()
    expected = screen_defaults(CellDesign.from_yaml(THIN_FILM))
    assert expected["scr-cathode-max"] == "10"  # 2 x its 5 um, not the fixed 150 um
    _wait_boxes(page, expected)
    assert "half to twice" in page.locator("#scr-range-rule").inner_text()
    page.locator("#scr-n").fill("100")
    page.locator("#scr-run").click()
    page.locator("#scr-summary").wait_for(state="visible")
    summary = page.locator("#scr-summary").inner_text()
    feasible = re.search(r"100 designs, (\d+) feasible", summary)
    assert feasible and int(feasible.group(1)) > 0, summary


def test_a_typed_box_stays_through_a_design_edit_until_another_design(page: Any) -> None:
    open_example(page, THIN_FILM.name)
    page.get_by_text("Screening", exact=True).click()
    _wait_boxes(page, screen_defaults(CellDesign.from_yaml(THIN_FILM)))
    page.locator("#scr-cathode-min").fill("3")
    page.get_by_text("Design", exact=True).click()
    page.locator("#cathode-thickness").fill("8")
    page.locator("#cathode-thickness").press("Enter")
    page.get_by_text("Screening", exact=True).click()
    # the typed 3 um stays; the untouched 'to' box follows the 8 um cathode (2 x 8)
    _wait_boxes(page, {"scr-cathode-max": "16", "scr-separator-min": "0.75"})
    assert page.locator("#scr-cathode-min").input_value() == "3"
    open_example(page, EV.name)  # another design: every box starts again from it
    page.get_by_text("Screening", exact=True).click()
    _wait_boxes(page, screen_defaults(CellDesign.from_yaml(EV)))
