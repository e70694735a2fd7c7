"""The boxes filled from the design, in headless Debian Chromium (see test_app_browser.py for
the browser setup): a value typed into the experiment box or a range box as soon as the page
shows them stays (the page's first call, answering after it, overwrote it: CI saw it in
test_app_qa_session13.py::test_run_twice_and_stop_twice_quickly); choosing the design shown
in the list again keeps a typed value, typing its name opens it afresh; an interdigitated
design's separator ranges are empty and disabled, the reason below them. The rules and the
callbacks are tested in test_app_initial_boxes.py."""

from __future__ import annotations

from typing import Any

from browserhelpers import (
    EXAMPLES,
    NEEDS_CHROMIUM,
    load_with_first_call_held,
    module_dashboard,
    open_example,
    pick_listed,
)

from solidcell.app.server import UNUSED_RANGE, screen_defaults, unused_ranges_note
from solidcell.cell.design import CellDesign

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
PLATES = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"
TYPED_EXPERIMENT = "Discharge at 1C until 2.5 V"
TYPED_RANGE = "55"
dashboard, page = module_dashboard("initial-boxes", TIMEOUT_MS, examples=[EV, PLATES])


def _type_at_once(page: Any) -> None:
    """Type into the experiment box and the cathode's 'from' box as soon as they exist."""
    page.get_by_text("Simulation", exact=True).click()
    page.locator("#sim-experiment").fill(TYPED_EXPERIMENT)
    page.get_by_text("Screening", exact=True).click()
    page.locator("#scr-cathode-min").fill(TYPED_RANGE)


def _loaded(page: Any) -> None:
    """Wait until the page's first design's numbers are shown (they come after the page's
    first call of the design tab), then a second for the calls after them (the design tab
    shown: a tab not shown has no elements on the page)."""
    page.get_by_text("Design", exact=True).click()
    page.wait_for_function(
        "document.querySelector('#design-metrics')?.innerText.length > 0")
    page.wait_for_timeout(1000)


def _assert_typed_kept(page: Any) -> None:
    page.get_by_text("Screening", exact=True).click()
    assert page.locator("#scr-cathode-min").input_value() == TYPED_RANGE
    page.get_by_text("Simulation", exact=True).click()
    assert page.locator("#sim-experiment").input_value() == TYPED_EXPERIMENT


def test_values_typed_as_the_page_loads_stay(page: Any, dashboard: Any) -> None:
    page.goto(dashboard.url)
    _type_at_once(page)
    _loaded(page)
    _assert_typed_kept(page)


def test_values_typed_while_the_page_s_first_call_is_under_way_stay(page: Any,
                                                                    dashboard: Any) -> None:
    """The race made sure of: the design tab's first call (load_design), whose answer set
    design-source and so fired the calls that fill these boxes, is held after the page sent
    it and let go only once the values are typed. The design tab is built with the first
    design too (test_app_design_initial_h314.py): that call changes nothing, and the calls
    that fill the boxes are not sent at all as the page loads."""
    def after() -> None:
        _loaded(page)
        _assert_typed_kept(page)

    follows = load_with_first_call_held(page, dashboard.url, lambda: _type_at_once(page), after,
                                        watched=("sim-experiment.value", "scr-range-auto.data"))
    assert follows == []


def test_choosing_the_design_shown_again_keeps_a_typed_range(page: Any,
                                                             dashboard: Any) -> None:
    page.goto(dashboard.url)
    _loaded(page)
    page.get_by_text("Screening", exact=True).click()
    page.locator("#scr-cathode-min").fill(TYPED_RANGE)
    page.get_by_text("Design", exact=True).click()
    pick_listed(page, "design-example", f"examples/{EV.name}")
    page.wait_for_timeout(1000)
    page.get_by_text("Screening", exact=True).click()
    assert page.locator("#scr-cathode-min").input_value() == TYPED_RANGE
    # typed in 'or open a file': opened afresh, the ranges start again
    open_example(page, EV.name)
    page.get_by_text("Screening", exact=True).click()
    default = screen_defaults(CellDesign.from_yaml(EV))["scr-cathode-min"]
    page.wait_for_function(f"document.querySelector('#scr-cathode-min').value === "
                           f"{default!r}")


def test_an_interdigitated_design_s_separator_ranges_are_disabled(page: Any,
                                                                   dashboard: Any) -> None:
    page.goto(dashboard.url)
    _loaded(page)
    open_example(page, PLATES.name)
    page.get_by_text("Screening", exact=True).click()
    page.wait_for_function("document.querySelector('#scr-separator-min').disabled")
    for box in ("#scr-separator-min", "#scr-separator-max"):
        assert page.locator(box).input_value() == ""
        assert page.locator(box).is_disabled()
        assert page.locator(box).get_attribute("placeholder") == UNUSED_RANGE
    note = unused_ranges_note(CellDesign.from_yaml(PLATES))
    assert page.locator("#scr-range-unused").inner_text() == note
    open_example(page, EV.name)  # a design that uses it: enabled and filled again
    page.get_by_text("Screening", exact=True).click()
    page.wait_for_function("!document.querySelector('#scr-separator-min').disabled")
    expected = screen_defaults(CellDesign.from_yaml(EV))
    assert page.locator("#scr-separator-min").input_value() == expected["scr-separator-min"]
    assert page.locator("#scr-range-unused").inner_text() == ""
