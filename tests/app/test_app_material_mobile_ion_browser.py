"""The add-material form's mobile ion in headless Debian Chromium (browser setup:
browserhelpers.py): Na3PS4 left at the default Li is refused beside the mobile-ion select,
and added once Na is chosen there (H332; before, the form had no such box and a sodium
electrolyte could not be added at all)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard, pick_listed

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000


@pytest.fixture(scope="module", autouse=True)
def _private_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A materials database of this module's own (``SOLIDCELL_DB``), set before its
    dashboard starts (the dashboard runs in this process)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOLIDCELL_DB", str(tmp_path_factory.mktemp("mobile-ion-db") / "m.sqlite"))
        yield


dashboard, page = module_dashboard("mobile-ion", TIMEOUT_MS,
                                   examples=[EXAMPLES / "ev-nmc811-lpscl-li.yaml"])


def _wait_text(page: Any, selector: str, test: str, text: str) -> None:
    """Wait until the element's text passes ``test`` (a JS string method) with ``text``."""
    page.wait_for_function(
        f"(document.querySelector({json.dumps(selector)})?.innerText ?? '').{test}("
        f"{json.dumps(text)})")


def test_na3ps4_is_added_with_mobile_ion_na(page: Any) -> None:
    from solidcell.materials.store import default_store

    page.get_by_text("Materials", exact=True).click()
    page.locator("#m-id").wait_for(state="visible")
    # the select starts at the schema's default
    assert page.locator("#m-mobile_ion").inner_text().strip() == "Li"
    page.locator("#m-id").fill("my_na3ps4")
    page.locator("#m-name").fill("my Na3PS4 pellet")
    page.locator("#m-formula").fill("Na3PS4")
    page.locator("#m-category").get_by_text("electrolyte", exact=True).click()
    page.locator("#m-electrolyte_class").get_by_text("sulfide", exact=True).click()
    page.locator("#m-value").fill("0.2 mS/cm")  # the test's own input
    page.locator("#m-temperature").fill("25 degC")
    page.locator("#m-source").fill("test_input")

    page.locator("#m-add").click()  # still Li: refused beside the select, naming Na
    _wait_text(page, "#m-mobile_ion-msg", "startsWith", "mobile_ion: 'Li' is not allowed; ")
    assert "Na3PS4: Na" in page.locator("#m-mobile_ion-msg").inner_text()
    assert page.locator("#m-result").inner_text() == "not stored: fix the marked field"
    assert "my_na3ps4" not in default_store()

    pick_listed(page, "m-mobile_ion", "Na")
    page.locator("#m-add").click()
    _wait_text(page, "#m-result", "startsWith", "added my_na3ps4")
    assert page.locator("#m-mobile_ion-msg").inner_text() == ""
    assert default_store().get("my_na3ps4").mobile_ion == "Na"
