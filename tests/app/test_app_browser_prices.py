"""The design tab's price box in headless Debian Chromium (see test_app_browser.py for the
browser setup): a refused text is said beside the box, and accepted prices give the cost
``cell_cost`` gives with them (the command line's ``--price``)."""

from __future__ import annotations

import json

from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard

from solidcell.app.server import PRICE_BOX, shown
from solidcell.cell.design import CellDesign
from solidcell.manufacturing.cost import cell_cost
from solidcell.manufacturing.economics import CostOptions

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
#: the EV example: its VGCF and LiNbO3 have no price in the knowledge base (docs/screening.md)
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"

dashboard, page = module_dashboard("prices", TIMEOUT_MS, examples=[EV])


def _type_prices(page, text: str) -> None:
    box = page.locator(f"#{PRICE_BOX}")
    box.fill(text)
    box.press("Enter")


def test_the_price_box_prices_the_design_and_refuses_a_bad_price(page) -> None:
    _type_prices(page, "vgcf=abc")
    page.wait_for_function(
        f"(document.querySelector('#{PRICE_BOX}-msg')?.innerText ?? '').startsWith("
        f"{json.dumps(PRICE_BOX + ': ' + repr('vgcf=abc') + ' is not allowed; material prices')})")
    assert "is not a price in USD/kg" in page.locator(f"#{PRICE_BOX}-msg").inner_text()
    assert page.locator("#cost-cell").count() == 0  # nothing priced from a refused box

    _type_prices(page, "vgcf=40, linbo3='100 USD/kg'")
    expected = cell_cost(CellDesign.from_file(EV),
                         options=CostOptions(prices={"vgcf": 40.0, "linbo3": 100.0}))
    assert expected.has_cost
    page.wait_for_function(
        "(document.querySelector('#cost-cell')?.innerText ?? '') === "
        f"{json.dumps(shown(expected.cell_cost_USD_per_kWh))}")
    assert page.locator(f"#{PRICE_BOX}-msg").inner_text() == ""
    assert "vgcf 40 USD/kg (user)" in page.locator("#cost-prices").inner_text()
