"""Shared setup of the dashboard's browser tests: Debian's /usr/bin/chromium (installed by
scripts/setup-browser.sh, which `make test` runs) driven by Playwright, which never downloads
a browser here."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
#: Skip a browser test module on a machine without Debian's chromium, saying how to get it.
NEEDS_CHROMIUM = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser tests need Debian's chromium at /usr/bin/chromium; run "
           "scripts/setup-browser.sh (make test does)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


#: The bundled example designs the dashboard tests open.
EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


@contextmanager
def running_dashboard(workspace: Path) -> Iterator[Any]:
    """The dashboard over the bundled examples and ``workspace`` (its ``workspace`` attribute
    names the folder), served until exit."""
    from solidcell.app.server import RunningApp

    with RunningApp(EXAMPLES, workspace) as running:
        running.workspace = workspace
        yield running


@contextmanager
def browser_page(profile: Path, timeout_ms: int) -> Iterator[Any]:
    """A new page of headless chromium with its own profile folder, closed on exit."""
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1300, "height": 1100})
        try:
            page = context.new_page()
            page.set_default_timeout(timeout_ms)
            yield page
        finally:
            context.close()


def open_dashboard(page: Any, url: str) -> None:
    """Load the dashboard and wait until its first design is shown: a save, a run or a name
    typed before the page's first call has loaded it would find no design ("choose a design
    first")."""
    page.goto(url)
    page.wait_for_function(
        "document.querySelector('#design-current')?.innerText.startsWith('showing')")


def wait_saved(page: Any, name: str) -> None:
    """Click 'save' and wait until the page says the design ``name`` is in the workspace (a
    refusal beside the name box fails at once, with its text)."""
    page.locator("#save-button").click()
    page.wait_for_function(
        "document.querySelector('#save-result').innerText.length > 0 || "
        "document.querySelector('#save-name-msg').innerText.length > 0")
    refusal = page.locator("#save-name-msg").inner_text()
    assert refusal == "", refusal
    assert page.locator("#save-result").inner_text() == f"saved {name}.yaml in the workspace"


def save_again_refused(page: Any) -> None:
    """Change the layer count, save under the same name again and wait for the refusal."""
    page.locator("#n-layers").fill("3")
    page.locator("#n-layers").press("Enter")
    page.locator("#save-button").click()
    page.wait_for_function("document.querySelector('#save-name-msg').innerText.length > 0")
