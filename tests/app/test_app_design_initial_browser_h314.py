"""The design tab's fields, in headless Debian Chromium (see test_app_browser.py for the
browser setup): a value typed into a field as soon as the page shows it stays (the page's
first call, filling the fields when its answer came, overwrote it); the metrics still appear
at load. The layout and the callbacks are tested in test_app_design_initial_h314.py."""

from __future__ import annotations

from typing import Any

from browserhelpers import (
    EXAMPLES,
    NEEDS_CHROMIUM,
    load_with_first_call_held,
    module_dashboard,
)

from solidcell.app.server import form_values
from solidcell.cell.design import CellDesign

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
TYPED = "61"
dashboard, page = module_dashboard("design-initial", TIMEOUT_MS, examples=[EV])


def _type_at_once(page: Any) -> None:
    """Type a cathode thickness (Enter: the box is debounced) as soon as the box exists."""
    box = page.locator("#cathode-thickness")
    box.fill(TYPED)
    box.press("Enter")


def _loaded(page: Any) -> None:
    """Wait until the metrics are shown, then a second for the calls after them."""
    page.wait_for_function(
        "document.querySelector('#design-metrics')?.innerText.length > 0")
    page.wait_for_timeout(1000)


def _assert_typed_kept(page: Any) -> None:
    assert page.locator("#cathode-thickness").input_value() == TYPED
    assert page.locator("#cathode-thickness-msg").inner_text() == ""
    assert page.locator("#design-msg").inner_text() == ""
    assert page.locator("#design-stale").inner_text() == ""


def test_the_fields_hold_the_first_design_and_the_metrics_appear(page: Any,
                                                                 dashboard: Any) -> None:
    page.goto(dashboard.url)
    assert page.locator("#design-current").inner_text() == f"showing examples/{EV.name}"
    _loaded(page)
    shown = float(page.locator("#cathode-thickness").input_value())
    assert shown == form_values(CellDesign.from_yaml(EV))["cathode-thickness"]


def test_a_field_typed_as_the_page_loads_stays(page: Any, dashboard: Any) -> None:
    page.goto(dashboard.url)
    _type_at_once(page)
    _loaded(page)
    _assert_typed_kept(page)


def test_a_field_typed_while_the_first_call_is_under_way_stays(page: Any,
                                                               dashboard: Any) -> None:
    """The race made sure of: the design tab's first call (load_design) is held after the
    page sent it (with the fields as they were then) and let go only once a field is typed."""
    def after() -> None:
        _loaded(page)
        _assert_typed_kept(page)

    load_with_first_call_held(page, dashboard.url, lambda: _type_at_once(page), after)
