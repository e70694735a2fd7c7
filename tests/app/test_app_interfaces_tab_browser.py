"""The dashboard's Interfaces tab in headless Debian Chromium (see test_app_browser.py for the
browser setup): the EV example's interface flags and mechanics appear; 5 MPa and 0.3 mA/cm2
typed give the stack pressure table and Duan et al.'s stripping warning
(duan2023_lpscl_cracking); a stack pressure without its unit is refused beside its box, the
tables kept under the stale line; a cathode edited on the design tab is the one the tab then
shows. The callbacks themselves are tested in test_app_interfaces_tab.py."""

from __future__ import annotations

from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard

from solidcell.app.interfaces_tab import IFC_STALE_NOTE, MECHANICS_BOXES
from solidcell.app.server import shown
from solidcell.cell.design import CellDesign
from solidcell.mechanics.volume import mechanics_check

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
DESIGN = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
dashboard, page = module_dashboard("interfaces-tab", TIMEOUT_MS, examples=[DESIGN])
PRESSURE, DISCHARGE = (f"#{MECHANICS_BOXES[k][0]}" for k in (
    "stack_pressure_Pa", "discharge_current_density_A_m2"))


def _type(page, box: str, text: str) -> None:
    page.locator(box).fill(text)
    page.locator(box).press("Enter")


def _cell(page, table: str, row: int, column: int) -> str:
    return page.locator(f"#{table} tbody tr").nth(row).locator("td").nth(column).inner_text()


def test_the_tab_checks_refuses_and_follows_the_design(page, dashboard) -> None:
    page.get_by_text("Interfaces", exact=True).click()
    page.locator("#ifc-flags-table").wait_for()
    assert page.locator("#ifc-pressure").inner_text().startswith("not computed")

    _type(page, PRESSURE, "5 MPa")
    _type(page, DISCHARGE, "0.3 mA/cm2")
    page.wait_for_function("document.querySelector('#ifc-warnings')?.innerText"
                           ".includes('duan2023_lpscl_cracking')")
    assert _cell(page, "ifc-pressure-table", 0, 1) == "5"  # the assembly pressure [MPa]

    _type(page, PRESSURE, "5")
    page.wait_for_function(f"document.querySelector('{PRESSURE}-msg').innerText"
                           ".startsWith(\"stack pressure: '5' is not allowed\")")
    assert page.locator("#ifc-stale").inner_text() == IFC_STALE_NOTE
    assert page.locator("#ifc-result").evaluate("e => getComputedStyle(e).opacity") == "0.35"
    assert page.locator("#ifc-pressure-table").is_visible()  # the last tables are kept
    assert page.locator(PRESSURE).input_value() == "5"  # and the text typed

    page.get_by_text("Design", exact=True).click()
    _type(page, "#cathode-thickness", "120")
    page.get_by_text("Interfaces", exact=True).click()
    _type(page, PRESSURE, "5 MPa")
    page.wait_for_function("document.querySelector('#ifc-stale').innerText === ''")
    design = CellDesign.from_yaml(DESIGN)
    mech = mechanics_check(design.replace(**{"cathode.thickness_m": 120e-6}),
                           stack_pressure_Pa=5e6, discharge_current_density_A_m2=3.0)
    assert _cell(page, "ifc-thickness-table", 0, 2) == "120"
    assert _cell(page, "ifc-thickness-table", 0, 3) == shown(mech.layers[0].change_low_m * 1e6)
    assert page.locator(f"{PRESSURE}-msg").inner_text() == ""
