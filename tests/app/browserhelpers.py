"""Shared setup of the dashboard's browser tests: Debian's /usr/bin/chromium (installed by
scripts/setup-browser.sh, which `make test` runs) driven by Playwright, which never downloads
a browser here."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
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
def running_dashboard(workspace: Path, examples: Path = EXAMPLES) -> Iterator[Any]:
    """The dashboard over ``examples`` (default: the bundled ones) and ``workspace`` (its
    ``workspace`` attribute names the folder), served until exit."""
    from solidcell.app.server import RunningApp

    with RunningApp(examples, workspace) as running:
        running.workspace = workspace
        yield running


@contextmanager
def browser_page(profile: Path, timeout_ms: int) -> Iterator[Any]:
    """A new page of headless chromium with its own profile folder, closed on exit. Every
    alert() or confirm() the page raises is dismissed and its text kept in ``page.dialogs``."""
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1300, "height": 1100})
        try:
            page = context.new_page()
            page.set_default_timeout(timeout_ms)
            page.dialogs = []
            page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
            yield page
        finally:
            context.close()


def module_dashboard(label: str, timeout_ms: int, examples: Sequence[Path] | None = None
                     ) -> tuple[Any, Any]:
    """The fixtures ``(dashboard, page)`` of one browser test module, both module-scoped:
    a dashboard of the module's own (a fresh workspace, so what one module saves or breaks
    there no other module sees) and one headless chromium page with the dashboard loaded.
    ``examples``: design files copied into a private examples folder (default: the bundled
    examples folder, read-only). ``label`` names the module's temporary folders. Use as
    ``dashboard, page = module_dashboard("walk", TIMEOUT_MS)`` at module level."""

    @pytest.fixture(scope="module", name="dashboard")
    def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
        """The module's own dashboard (``.url``, ``.workspace``, ``.app``)."""
        root = tmp_path_factory.mktemp(f"{label}-dashboard")
        workspace, folder = root / "workspace", EXAMPLES
        workspace.mkdir()
        if examples is not None:
            folder = root / "examples"
            folder.mkdir()
            for design in examples:
                shutil.copy(design, folder / design.name)
        with running_dashboard(workspace, folder) as running:
            yield running

    @pytest.fixture(scope="module", name="page")
    def page(dashboard: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
        """The module's one chromium page, the dashboard loaded and its first design shown."""
        with browser_page(tmp_path_factory.mktemp(f"{label}-chromium-profile"),
                          timeout_ms) as pg:
            open_dashboard(pg, dashboard.url)
            yield pg

    return dashboard, page


def open_dashboard(page: Any, url: str) -> None:
    """Load the dashboard and wait until its first design is shown: a save, a run or a name
    typed before the page's first call has loaded it would find no design ("choose a design
    first")."""
    page.goto(url)
    page.wait_for_function(
        "document.querySelector('#design-current')?.innerText.startsWith('showing')")
    # the layout names the first design ('showing ...') before any call: its numbers (or
    # the note that a value is refused) come after the page's first call of the design tab
    page.wait_for_function(
        "document.querySelector('#design-metrics')?.innerText.length > 0 || "
        "document.querySelector('#design-stale')?.innerText.length > 0")
    # (no wait for the experiment box: the page is built with the first design's experiment
    # and ranges, and the first call's answer no longer overwrites what was typed before it,
    # test_app_initial_boxes_browser.py; the wait here, CI 2026-12-07, is gone)


def pick_listed(page: Any, dropdown_id: str, label: str) -> None:
    """Choose ``label`` in the dash dropdown ``dropdown_id`` as a keyboard user does: open
    it, type the label into its search box and press Enter; wait until it shows ``label``.
    A mouse click on an option of its virtualised menu (react-virtualized: 35 px rows in a
    200 px box, the sixth row half shown, rows re-rendered on scroll) once left the page
    without the file asked for for 60 s (CI of stop 22; not reproduced in 27 local runs).
    Seen under load (H245, 4 of 60 picks of a 9th option while a simulation polled): the
    mousedown hit the row, the list then scrolled and the mouseup hit the grid, whose rows
    take no pointer events while it scrolls (150 ms): no click, the menu stayed open."""
    dropdown = page.locator(f"#{dropdown_id}")
    dropdown.click()
    search = dropdown.get_by_role("combobox")
    page.wait_for_function(f"document.querySelector('#{dropdown_id} [role=combobox]')"
                           ".getAttribute('aria-expanded') === 'true'")
    search.fill(label)
    search.press("Enter")
    page.wait_for_function(f"document.querySelector('#{dropdown_id}').innerText.trim() "
                           f"=== {label!r}")


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


def callback_request(deps: list[dict[str, Any]], first_output: str, values: dict[str, Any],
                     changed: str) -> dict[str, Any]:
    """The JSON body the page posts to ``/_dash-update-component`` for the callback whose
    first output is ``first_output`` (``deps``: the server's ``/_dash-dependencies``), with
    the form ``values`` by element id (or ``"id.property"``) and ``changed`` the input that
    fired it. A count (``n_clicks``, ``n_submit``) takes the id's value only if it is a whole
    number, as the page sends it (the server refuses a text as a count: 400)."""
    def value(item: dict[str, Any]) -> Any:
        key, counted = f"{item['id']}.{item['property']}", item["property"].startswith("n_")
        given = values.get(item["id"])
        return values.get(key, None if counted and not isinstance(given, int) else given)

    def outs(spec: str) -> list[dict[str, str]]:
        parts = spec.strip(".").split("...") if spec.startswith("..") else [spec]
        return [{"id": p.rpartition(".")[0], "property": p.rpartition(".")[2].split("@")[0]}
                for p in parts]

    dep = next(d for d in deps if outs(d["output"])[0]["id"] == first_output)
    # one output is sent as itself, several as a list (as the page sends them)
    outputs = outs(dep["output"]) if dep["output"].startswith("..") else \
        outs(dep["output"])[0]
    return {"output": dep["output"], "outputs": outputs,
            "inputs": [{**i, "value": value(i)} for i in dep["inputs"]],
            "state": [{**s, "value": value(s)} for s in dep.get("state", [])],
            "changedPropIds": [changed]}


def callback_caller(client: Any, values: dict[str, Any]) -> Any:
    """``call(trigger, first_output, **more)``: post the callback fired by ``trigger`` (its
    first input, "id.property") to the Flask test ``client`` with the form ``values`` (and
    ``more``), as the page does, and return its "response" (asserting a 200 answer)."""
    deps = client.get("/_dash-dependencies").get_json()

    def call(trigger: str, first_output: str, **more: Any) -> dict[str, Any]:
        mine = [d for d in deps if f"{d['inputs'][0]['id']}.{d['inputs'][0]['property']}"
                == trigger]
        payload = callback_request(mine, first_output, {**values, **more}, trigger)
        answer = client.post("/_dash-update-component", json=payload)
        assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
        return answer.get_json()["response"]

    return call


#: the EV example and the screen ranges the dashboard screen-job tests use
SCREEN_DESIGN = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
SCREEN_RANGES = {"scr-cathode-min": "40", "scr-cathode-max": "150", "scr-separator-min": "10",
                 "scr-separator-max": "60"}


def designs_app(tmp_path: Any, *designs: Path) -> Any:
    """A dashboard app (not served) over copies of ``designs`` in ``tmp_path``/examples (the
    first listed is the page's first design) and an empty workspace beside it."""
    from solidcell.app.server import create_app

    examples, workspace = Path(tmp_path) / "examples", Path(tmp_path) / "workspace"
    examples.mkdir(parents=True)
    workspace.mkdir()
    for design in designs:
        shutil.copy(design, examples / design.name)
    return create_app(examples, workspace)


def open_example(page: Any, name: str) -> None:
    """Open the example ``name`` from the design tab's path box (Enter) and wait until the
    tab says it shows it."""
    page.get_by_text("Design", exact=True).click()
    box = page.locator("#design-path")
    box.fill(f"examples/{name}")
    box.press("Enter")
    page.wait_for_function("document.querySelector('#design-current')?.innerText === "
                           f"'showing examples/{name}'")


def design_dashboard(tmp_path: Any, design: Path, **form: Any) -> Any:
    """A dashboard over a copy of ``design`` alone (Flask test client), with ``app.call``
    posting callbacks as the page does (:func:`callback_caller`) with the design's own form
    values and ``form`` filled in; close its jobs with ``app.state.jobs.close()``."""
    from solidcell.app.server import form_values
    from solidcell.cell.design import CellDesign

    app = designs_app(tmp_path, design)
    examples = Path(tmp_path) / "examples"
    original = form_values(CellDesign.from_yaml(design))
    app.call = callback_caller(app.server.test_client(), {
        **original, "design-source": str(examples / design.name), "design-original": original,
        **form})
    return app


def screen_dashboard(tmp_path: Any, **extra: Any) -> Any:
    """:func:`design_dashboard` over the EV example with the screen form filled in (300
    designs, application ev) and ``extra`` form values."""
    return design_dashboard(tmp_path, SCREEN_DESIGN, **SCREEN_RANGES, **{
        "scr-application": "ev", "scr-n": "300", "scr-run": 1, "scr-stop": 1, **extra})


def screen_app_fixture(**extra: Any) -> Any:
    """The fixture ``app`` (one per test): :func:`screen_dashboard` over the test's
    ``tmp_path`` (with ``extra`` form values) and a materials database of its own there
    (SOLIDCELL_DB), its jobs closed at the end. Use as ``app = screen_app_fixture()`` at
    module level."""

    @pytest.fixture(name="app")
    def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
        monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
        dashboard = screen_dashboard(tmp_path, **extra)
        yield dashboard
        dashboard.state.jobs.close()

    return app


def layout_components(layout: Any) -> dict[str, Any]:
    """Every component of a Dash ``layout`` that has a string id, by id (depth-first)."""
    found, stack = {}, [layout]
    while stack:
        comp = stack.pop()
        if isinstance(comp, list | tuple):
            stack.extend(comp)
            continue
        if isinstance(getattr(comp, "id", None), str):
            found[comp.id] = comp
        children = getattr(comp, "children", None)
        if children is not None and not isinstance(children, str):
            stack.append(children)
    return found


def load_with_first_call_held(page: Any, url: str, while_held: Callable[[], None],
                              after: Callable[[], None], watched: Sequence[str] = ()
                              ) -> list[str]:
    """Load the dashboard with the design tab's first call (``load_design``, the request whose
    outputs name ``design-opened``) held after the page sent it; run ``while_held()`` (type
    into boxes), let the call go and run ``after()`` (wait for the page, check the boxes):
    the load race made sure of. The outputs of the other requests sent until ``after``
    returned that name one of ``watched`` (e.g. ``"sim-experiment.value"``) are returned, in
    the order sent."""
    held: list[Any] = []
    seen: list[str] = []

    def hold(route: Any) -> None:
        output = json.loads(route.request.post_data or "{}").get("output", "")
        if any(w in output for w in watched):
            seen.append(output)
        opens = "design-opened.data" in output
        held.append(route) if opens and not held else route.continue_()

    page.route("**/_dash-update-component", hold)
    try:
        page.goto(url)
        for _ in range(600):  # sent (at most 60 s)
            if held:
                break
            page.wait_for_timeout(100)
        assert len(held) == 1, len(held)
        while_held()
        held[0].continue_()
        after()
    finally:
        page.unroute("**/_dash-update-component")
    return seen
