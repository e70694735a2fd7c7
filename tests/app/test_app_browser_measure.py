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


def _answers_of(page: Any, output: str, count: int, action: Any) -> list[dict[str, Any]]:
    """Run ``action`` and wait until the page has posted ``count`` requests of the callback
    whose first output is ``output`` (``"mm-result"``) and got their answers; return them,
    {output id: {property: value}} each, in the order they came."""
    seen: list[Any] = []

    def ours(response: Any) -> bool:
        if not response.url.endswith("/_dash-update-component"):
            return False
        body = json.loads(response.request.post_data or "{}")
        if str(body.get("output", "")).startswith(f"..{output}.children"):
            seen.append(response)
        return len(seen) >= count

    with page.expect_response(ours):
        action()
    return [r.json()["response"] for r in seen]


def test_enter_then_a_click_stores_one_measurement_without_a_duplicate_refusal(
        page: Any) -> None:
    """Enter in the source box sent the form, and the click on "Add measurement" after it
    sent it again: the second answer, "value: ... llzo already holds this
    ionic_conductivity (your measurement N) ...", replaced "added measurement N". Both
    answers now say "added measurement N to llzo", one measurement is stored and no box
    shows a message."""
    from solidcell.materials.store import default_store

    page.get_by_text("Materials", exact=True).click()
    page.locator("#mm-material").fill("llzo")
    pick_listed(page, "mm-property", "ionic_conductivity")
    page.locator("#mm-value").fill("0.2 mS/cm")
    page.locator("#mm-temperature").fill("60 degC")
    page.locator("#mm-year").fill("")
    page.locator("#mm-method").get_by_text("measured", exact=True).click()
    page.locator("#mm-source").fill("test_input")

    def enter_then_click() -> None:
        page.locator("#mm-source").press("Enter")
        page.locator("#mm-add").click()

    answers = _answers_of(page, "mm-result", 2, enter_then_click)
    stored = default_store().measurements("llzo")
    assert len(stored) == 1, stored
    expected = f"added measurement {stored[0][0]} to llzo"
    for answer in answers:
        assert answer["mm-result"]["children"].startswith(expected), answer
        assert not any(v.get("children") for k, v in answer.items()
                       if k.endswith("-msg")), answer
    _wait_text(page, "#mm-result", "startsWith", expected)
    assert page.locator("#mm-value-msg").inner_text() == ""


def test_enter_then_a_click_adds_one_material(page: Any) -> None:
    """The add-material form sent twice the same way (Enter in the source box, then "Add
    material") answers "added ID" twice and stores the material once."""
    from solidcell.materials.store import default_store

    page.get_by_text("Materials", exact=True).click()
    page.locator("#m-id").fill("twice_enter_pellet")
    page.locator("#m-name").fill("pellet sent by Enter and a click")
    page.locator("#m-category").get_by_text("electrolyte", exact=True).click()
    page.locator("#m-electrolyte_class").get_by_text("oxide", exact=True).click()
    page.locator("#m-value").fill("0.5 mS/cm")
    page.locator("#m-temperature").fill("25 degC")
    page.locator("#m-source").fill("test_input")

    def enter_then_click() -> None:
        page.locator("#m-source").press("Enter")
        page.locator("#m-add").click()

    answers = _answers_of(page, "m-result", 2, enter_then_click)
    for answer in answers:
        assert answer["m-result"]["children"] == "added twice_enter_pellet", answer
        assert not any(v.get("children") for k, v in answer.items()
                       if k.endswith("-msg")), answer
    stored = default_store().get("twice_enter_pellet")
    assert len(stored.properties) == 1 and stored.origin == "user"
    _wait_text(page, "#m-result", "startsWith", "added twice_enter_pellet")


def test_an_activation_energy_takes_its_arrhenius_form(page: Any) -> None:
    """The Arrhenius form select is shown for an activation energy only; the form chosen is
    stored with the measurement and shown in the detail."""
    from solidcell.materials.store import default_store

    page.get_by_text("Materials", exact=True).click()
    row = page.locator("#mm-arrhenius_form-row")
    pick_listed(page, "mm-property", "price")
    row.wait_for(state="hidden")
    pick_listed(page, "mm-property", "activation_energy")
    row.wait_for(state="visible")
    pick_listed(page, "mm-arrhenius_form", "plain")
    page.locator("#mm-material").fill("li6ps5cl")
    for box, typed in (("value", "0.35 eV"), ("temperature", ""), ("year", ""),
                       ("source", "test_input")):
        page.locator(f"#mm-{box}").fill(typed)
    page.locator("#mm-add").click()
    _wait_text(page, "#mm-result", "startsWith", "added measurement ")
    _wait_text(page, "#detail-table", "includes", "0.35 eV, plain form [")
    assert [v.arrhenius_form for _, _, v in default_store().measurements("li6ps5cl")] == ["plain"]
