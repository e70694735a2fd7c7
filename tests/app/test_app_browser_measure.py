"""The materials tab's measure form in headless Debian Chromium (browser setup:
browserhelpers.py): a refused box is said beside it, a price measured for a curated material
is shown in the detail and used by the design tab's cost at once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard, pick_listed

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
#: the EV example: its VGCF and LiNbO3 have no price in the knowledge base (docs/screening.md)
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


@pytest.fixture(scope="module", autouse=True)
def _private_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A materials database of this module's own (``SOLIDCELL_DB``), set before its
    dashboard starts (the dashboard runs in this process)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOLIDCELL_DB", str(tmp_path_factory.mktemp("measure-db") / "m.sqlite"))
        yield


dashboard, page = module_dashboard("measure", TIMEOUT_MS, examples=[EV])


def _wait_text(page: Any, selector: str, test: str, text: str) -> None:
    """Wait until the element's text passes ``test`` (a JS string method) with ``text``."""
    page.wait_for_function(
        f"(document.querySelector({json.dumps(selector)})?.innerText ?? '').{test}("
        f"{json.dumps(text)})")


def _measure(page: Any, material: str, value: str, year: str) -> None:
    page.locator("#mm-material").fill(material)
    pick_listed(page, "mm-property", "price")
    page.locator("#mm-value").fill(value)
    page.locator("#mm-year").fill(year)
    page.locator("#mm-method").get_by_text("estimated", exact=True).click()
    page.locator("#mm-source").fill("test_input")
    page.locator("#mm-add").click()


def test_a_measured_price_is_shown_and_prices_the_design(page: Any) -> None:
    from solidcell.app.server import shown
    from solidcell.cell.design import CellDesign
    from solidcell.manufacturing.cost import cell_cost
    from solidcell.materials.store import default_store

    _wait_text(page, "#design-cost", "includes", "no price for vgcf, linbo3")
    page.get_by_text("Materials", exact=True).click()
    page.locator("#mm-material").wait_for(state="visible")

    _measure(page, "vgcf", "40 USD/kg", "")  # a price without its year
    _wait_text(page, "#mm-year-msg", "startsWith",
               "year: '' is not allowed; a price needs the year it was quoted in")
    assert page.locator("#mm-result").inner_text() == "not stored: fix the marked field"
    assert default_store().measurements("vgcf") == []

    _measure(page, "vgcf", "40 USD/kg", "2024")
    _wait_text(page, "#mm-result", "startsWith", "added measurement ")
    assert page.locator("#mm-year-msg").inner_text() == ""
    _wait_text(page, "#detail-table", "includes",
               "40 USD/kg (2024) [estimated, test_input] (your measurement")
    _measure(page, "linbo3", "100 USD/kg", "2024")
    _wait_text(page, "#mm-result", "endsWith", " to linbo3")

    expected = cell_cost(CellDesign.from_file(EV))  # the database as the form left it
    assert expected.has_cost
    page.get_by_text("Design", exact=True).click()
    _wait_text(page, "#cost-cell", "startsWith", shown(expected.cell_cost_USD_per_kWh))
    assert page.locator("#cost-cell").inner_text() == shown(expected.cell_cost_USD_per_kWh)
    assert "vgcf 40 USD/kg (test_input, 2024)" in page.locator("#cost-prices").inner_text()
