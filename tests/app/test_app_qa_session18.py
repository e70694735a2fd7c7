"""Findings of a researcher's walk through the dashboard in headless Debian Chromium (session
18; browser setup: browserhelpers.py), kept fixed: an engine's message of several lines is
shown line by line, a long refused text does not widen the page past the window, and a
simulation that passes no charge is plotted against time; and two callbacks importing the
command line's helpers at once do not fail."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard, pick_listed

TIMEOUT_MS = 120_000
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
#: an example whose cost has no manufacturing route: the reason is one line per process
PLATES = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"


@pytest.fixture(scope="module", autouse=True)
def _private_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A materials database of this module's own (``SOLIDCELL_DB``), set before its
    dashboard starts (the dashboard runs in this process)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOLIDCELL_DB", str(tmp_path_factory.mktemp("qa18-db") / "m.sqlite"))
        yield


dashboard, page = module_dashboard("qa18", TIMEOUT_MS, examples=[EV, PLATES])


def _show(page: Any, name: str) -> None:
    """Pick the design ``name`` from the list and wait until its numbers are shown."""
    page.get_by_text("Design", exact=True).click()  # (a tab not shown is not in the page)
    pick_listed(page, "design-example", f"examples/{name}")
    page.wait_for_function(
        f"document.querySelector('#design-current').innerText.endsWith({json.dumps(name)}) "
        "&& document.querySelector('#design-metrics').innerText.length > 0")


@NEEDS_CHROMIUM
def test_a_route_refusal_is_shown_line_by_line(page: Any) -> None:
    """The cost model says why no route works one line per process; the page ran the lines
    together into one paragraph ("... blocks 11 of them In the stack order, ...")."""
    from solidcell.app.server import design_cost
    from solidcell.cell.design import CellDesign

    reason = design_cost(CellDesign.from_yaml(PLATES), "").reason
    lines = [line.strip() for line in f"cost not available: {reason}".splitlines()]
    assert len(lines) > 2  # the engine's message has lines to keep
    _show(page, PLATES.name)
    # the cost follows the design shown in a callback of its own
    page.wait_for_function("document.querySelector('#cost-note')?.innerText"
                           ".includes('no manufacturing route')")
    shown = page.locator("#cost-note").inner_text()
    assert [line.strip() for line in shown.splitlines()] == lines


@NEEDS_CHROMIUM
@pytest.mark.parametrize("box", ["save-name", "design-path"])
def test_a_long_refused_text_stays_inside_the_window(page: Any, box: str) -> None:
    """A refusal quotes the text typed; 500 letters without a space (a pasted token) made
    the message beside the box one line 280 px wider than the window, the page scrolling
    sideways and the message's end out of sight."""
    _show(page, EV.name)
    typed = "A" * 500
    page.locator(f"#{box}").fill(typed)
    if box == "save-name":
        page.locator("#save-button").click()
    else:
        page.locator(f"#{box}").press("Enter")
    page.wait_for_function(
        f"document.querySelector('#{box}-msg').innerText.includes('(502 characters)')")
    message = page.locator(f"#{box}-msg")
    assert "is not allowed" in message.inner_text()
    widths = page.evaluate("[document.documentElement.scrollWidth, "
                           "document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    right = page.evaluate(f"document.querySelector('#{box}-msg').getBoundingClientRect().right")
    assert right <= widths[1]
    page.locator(f"#{box}").fill("")


@NEEDS_CHROMIUM
def test_a_rest_is_plotted_against_time(page: Any) -> None:
    """An experiment that passes no charge ("Rest for 10 minutes") was plotted against the
    discharge capacity, 0 throughout (all at x = 0), its voltage axis spanning one float step
    (4.293565299999999 V to 4.2935653 V) with plotly's console errors ('attribute x: Expected
    length, "Infinity"'). It is plotted against time [h], ending at the step's 10 minutes,
    the voltages to the page's digits."""
    errors: list[str] = []

    def keep(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    _show(page, EV.name)
    page.get_by_text("Simulation", exact=True).click()
    page.on("console", keep)
    try:
        page.locator("#sim-experiment").fill("Rest for 10 minutes")
        page.locator("#sim-run").click()
        page.wait_for_function(
            "(document.querySelector('#sim-result').innerText.includes('Rest for 10 minutes') "
            "&& document.querySelector('#sim-figure .js-plotly-plot')?.layout?.xaxis?.title) "
            "|| document.querySelector('#sim-error')")
        assert page.locator("#sim-error").count() == 0
        # the x values as drawn (_fullData: decoded from the figure's binary form)
        layout = page.evaluate("(() => { const g = document.querySelector("
                               "'#sim-figure .js-plotly-plot'); return {title: "
                               "g.layout.xaxis.title.text, "
                               "x: Array.from(g._fullData[0].x)}; })()")
    finally:
        page.remove_listener("console", keep)
    assert layout["title"] == "time [h]"
    assert layout["x"][0] == 0.0
    assert layout["x"][-1] == pytest.approx(10.0 / 60.0, rel=1e-6)
    assert errors == []
    span = page.evaluate("document.querySelector('#sim-figure .js-plotly-plot')"
                         "._fullLayout.yaxis.range")
    assert span[1] - span[0] > 1e-6  # a readable voltage axis (more than a float step)


#: a fresh Python that creates the dashboard, then imports two of the command line's helpers
#: its callbacks import (the cost's and a report's) in two threads at once, as two requests do
_RACE = """
import sys, threading
from solidcell.app.server import create_app
create_app(sys.argv[1], sys.argv[2])
errors = []
def load(name):
    try:
        __import__(name)
    except BaseException as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=load, args=(n,))
           for n in ("solidcell.cli._common", "solidcell.cli.cell")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(errors)
"""


def test_two_callbacks_importing_the_command_line_s_helpers_do_not_fail(tmp_path: Any) -> None:
    """A dashboard started from Python (not `solidcell app`): the cost callback's import of
    solidcell.cli._common and a report's of solidcell.cli.cell, at once in two threads, met
    in solidcell.cli's circular import and both failed (_DeadlockError, KeyError:
    'solidcell.cli'; 12 of 12 tries before the fix): a 500 answer. create_app imports them
    before it serves."""
    import subprocess
    import sys

    (tmp_path / "ws").mkdir()
    done = subprocess.run([sys.executable, "-c", _RACE, str(EXAMPLES), str(tmp_path / "ws")],
                          capture_output=True, text=True, check=True, timeout=300)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


@NEEDS_CHROMIUM
@pytest.mark.parametrize(("prefix", "tab", "run", "mark"), [
    # inputs of this test's own: the result waited for is its run's, not an earlier one's
    ("sim", "Simulation", {"sim-experiment": "Rest for 5 minutes"}, "Rest for 5 minutes"),
    ("scr", "Screening", {"scr-n": "33"}, "33 designs"),
])
def test_a_result_of_an_edited_design_says_so(page: Any, prefix: str, tab: str,
                                              run: dict[str, str], mark: str) -> None:
    """A simulation or screen run on the EV example stood unchanged, without a word, after a
    120 um cathode was typed on the design tab (or another example picked): its numbers read
    as the edited design's. It is greyed under a line saying so until the design is again
    the one it ran on."""
    _show(page, EV.name)
    page.get_by_text(tab, exact=True).click()
    for box, text in run.items():
        page.locator(f"#{box}").fill(text)
    page.locator(f"#{prefix}-run").click()
    page.wait_for_function(f"document.querySelector('#{prefix}-result').innerText"
                           f".includes({json.dumps(mark)})")
    stale = f"document.querySelector('#{prefix}-stale').innerText"
    page.wait_for_function(f"{stale} === ''")
    page.get_by_text("Design", exact=True).click()
    page.locator("#cathode-thickness").fill("120")
    page.locator("#cathode-thickness").press("Enter")
    page.get_by_text(tab, exact=True).click()
    page.wait_for_function(f"{stale}.startsWith('not of the design shown')")
    assert page.evaluate(f"document.querySelector('#{prefix}-result').style.opacity") == "0.35"
    # the design it ran on again: the line goes
    page.get_by_text("Design", exact=True).click()
    page.locator("#cathode-thickness").fill("80")
    page.locator("#cathode-thickness").press("Enter")
    page.get_by_text(tab, exact=True).click()  # (a tab not shown is not in the page)
    page.wait_for_function(f"{stale} === ''")
    assert page.evaluate(f"document.querySelector('#{prefix}-result').style.opacity") == ""


@NEEDS_CHROMIUM
def test_a_refused_query_greys_the_list_it_did_not_answer(page: Any) -> None:
    """'li' typed after 'Li, S' in the elements box was refused beside the box, while the
    count and the list of 'Li, S' stood below as if they answered it."""
    from solidcell.materials.store import default_store

    page.get_by_text("Materials", exact=True).click()
    expected = f"{len(default_store().query(elements=['Li', 'S']))} materials"
    page.locator("#q-elements").fill("Li, S")
    page.locator("#q-elements").press("Enter")
    page.wait_for_function(f"document.querySelector('#q-count').innerText === '{expected}'")
    page.locator("#q-elements").fill("li")
    page.locator("#q-elements").press("Enter")
    page.wait_for_function("document.querySelector('#q-elements-msg').innerText"
                           ".includes(\"did you mean 'Li'?\")")
    assert page.locator("#q-count").inner_text() == expected  # the last accepted query's
    assert page.locator("#q-stale").inner_text().startswith("not updated: a box above is "
                                                            "refused")
    assert page.evaluate("document.querySelector('#q-table').style.opacity") == "0.35"
    page.locator("#q-elements").fill("Li")
    page.locator("#q-elements").press("Enter")
    page.wait_for_function("document.querySelector('#q-stale').innerText === ''")
    assert page.evaluate("document.querySelector('#q-table').style.opacity") == ""
    assert page.locator("#q-elements-msg").inner_text() == ""
    page.locator("#q-elements").fill("")
    page.locator("#q-elements").press("Enter")


@NEEDS_CHROMIUM
def test_a_screen_without_cost_says_so_once_prices_are_typed(page: Any) -> None:
    """The screen's notes ask for a price in the design tab's price box ("no cost (no price
    for vgcf, linbo3 ...)"); a price typed there since left that screen as it was, without a
    word. It is greyed under the line until the screen runs again."""
    _show(page, EV.name)
    page.locator("#design-price").fill("")
    page.locator("#design-price").press("Enter")
    page.get_by_text("Screening", exact=True).click()
    page.locator("#scr-n").fill("37")  # a count of this test's own: its result, not another's
    page.locator("#scr-run").click()
    page.wait_for_function("document.querySelector('#scr-result').innerText"
                           ".startsWith('37 designs')")
    assert "no price for vgcf, linbo3" in page.locator("#scr-result").inner_text()
    page.wait_for_function("document.querySelector('#scr-stale').innerText === ''")
    page.get_by_text("Design", exact=True).click()
    page.locator("#design-price").fill("vgcf=40, linbo3=100")
    page.locator("#design-price").press("Enter")
    page.get_by_text("Screening", exact=True).click()
    page.wait_for_function("document.querySelector('#scr-stale').innerText.includes("
                           "'design and material prices')")
    page.locator("#scr-run").click()  # the same prices: the new screen is of them
    page.wait_for_function("document.querySelector('#scr-stale').innerText === '' && "
                           "document.querySelector('#scr-result').innerText.startsWith("
                           "'37 designs') && !document.querySelector('#scr-result')"
                           ".innerText.includes('no price for vgcf')")
    page.get_by_text("Design", exact=True).click()
    page.locator("#design-price").fill("")
    page.locator("#design-price").press("Enter")
