"""A request the dashboard refuses or does not answer is shown on the page, in headless
Debian Chromium (see test_app_browser.py for the browser setup).

Dash's renderer drops such an answer without a word: a 1.2 MB text pasted into a box got the
server's 413 (``MAX_REQUEST_BYTES``) and the page did nothing, as it did for a 400 or a
stopped server. ``src/solidcell/app/assets/requests.js`` now keeps a body over the server's
limit back (the limit is the server's, read from the page's meta tag) with the server's own
words beside the box, shows the server's 413 the same way, and any other refusal or a missing
answer in the line at the top of the page; what was typed stays, nothing is stored.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from browserhelpers import NEEDS_CHROMIUM, module_dashboard, open_dashboard, running_dashboard

from solidcell.app.server import BUG_NOTE, CALLBACK_RULE, MAX_REQUEST_BYTES, REQUEST_SIZE_RULE
from solidcell.errors import NotFoundError

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 60_000
#: a pasted text just over the limit: alone it makes the request too large
HUGE = MAX_REQUEST_BYTES + 150_000

dashboard, page = module_dashboard("refusals", TIMEOUT_MS)


def _text(page, selector: str) -> str:
    return page.locator(selector).inner_text()


def _wait_text(page, selector: str) -> str:
    page.wait_for_function(f"document.querySelector('{selector}').innerText.length > 0")
    return _text(page, selector)


def _refusal(text: str, prefix: str, box: str, typed: str) -> int:
    """Check ``text`` is the refusal of a body too large beside ``box`` (which holds
    ``typed``): the box, its length and start, and the server's own line of the 413 answer;
    returns the request's size in bytes that the line names."""
    head = f"{prefix}: {box} holds {len(typed)} characters ('{typed[:24]}...'); request: "
    assert text.startswith(head), text
    match = re.fullmatch(r"(\d+) is not allowed; (.*)", text[len(head):])
    assert match is not None, text
    assert match.group(2) == REQUEST_SIZE_RULE
    size = int(match.group(1))
    assert size > MAX_REQUEST_BYTES and size > len(typed)  # the whole body, not the box alone
    return size


def test_the_page_is_given_the_servers_limit(dashboard) -> None:
    """The page's check uses the server's number and words (one place: server.py), and the
    script that makes the check is served."""
    with urllib.request.urlopen(dashboard.url + "/") as answer:
        html = answer.read().decode()
    assert f'name="solidcell-max-request-bytes" content="{MAX_REQUEST_BYTES}"' in html
    assert "/assets/requests.js" in html


def test_a_pasted_text_too_large_is_refused_beside_its_box_and_nothing_is_stored(page) -> None:
    """Add material with a 1.2 MB value: before, no word (the 413 went to the console); now
    the message beside the value box, the text still in the box, no material stored. A
    too-large 'id contains' text is refused beside its box, and the message goes once a
    shorter text is answered."""
    from solidcell.materials.store import default_store

    page.get_by_text("Materials", exact=True).click()
    typed = "1.2 mS/cm " + "x" * HUGE
    for box, value in (("#m-id", "huge_paste"), ("#m-name", "huge paste"), ("#m-value", typed),
                       ("#m-source", "none")):
        page.locator(box).fill(value)
    page.locator("#m-category").get_by_text("electrolyte", exact=True).click()
    page.locator("#m-add").click()
    _refusal(_wait_text(page, "#m-value-msg"), "not sent", "m-value", typed)
    assert page.locator("#m-value").input_value() == typed  # nothing typed is lost
    assert _text(page, "#m-result") == ""  # the add was not done
    with pytest.raises(NotFoundError):
        default_store().get("huge_paste")

    box = page.locator("#q-text")
    box.fill("y" * HUGE)
    box.press("Enter")
    _refusal(_wait_text(page, "#q-text-msg"), "not sent", "q-text", "y" * HUGE)
    box.fill("llzo")
    box.press("Enter")
    page.wait_for_function("document.querySelector('#q-text-msg').innerText === ''")
    assert page.locator("#material-row-llzo").count() == 1


def test_the_servers_413_is_shown_beside_the_box_when_the_page_did_not_check(
        page, dashboard) -> None:
    """A page without the limit (the meta tag gone: a page served before the check) sends the
    body; the server's 413 line is shown beside the box, the design shown stays and no file
    is written."""
    page.get_by_text("Design", exact=True).click()
    before = {k: page.locator(f"#{k}").input_value()
              for k in ("cathode-thickness", "n-layers")}
    showing = _text(page, "#design-current")
    page.evaluate("document.querySelector('meta[name=\"solidcell-max-request-bytes\"]').remove()")
    try:
        name = "z" * HUGE
        page.locator("#save-name").fill(name)
        page.locator("#save-button").click()
        text = _wait_text(page, "#save-name-msg")
        # "refused by the dashboard": the server's 413 line, not the page's own check
        _refusal(text, "refused by the dashboard", "save-name", name)
        assert list(Path(dashboard.workspace).iterdir()) == []
        assert page.locator("#save-name").input_value() == name

        path = "examples/" + "p" * HUGE
        box = page.locator("#design-path")
        box.fill(path)
        box.press("Enter")
        _refusal(_wait_text(page, "#design-path-msg"), "refused by the dashboard",
                 "design-path", path)
        assert _text(page, "#design-current") == showing
        assert before == {k: page.locator(f"#{k}").input_value() for k in before}
    finally:
        open_dashboard(page, dashboard.url)  # the tag back, for the tests after this one


def test_other_refusals_and_a_stopped_server_are_shown_at_the_top(page, dashboard,
                                                                  tmp_path: Path) -> None:
    """A 400 (a body that is not JSON), a 500 (an exception in a callback) and no answer at
    all (the server stopped) were silent too; now the line at the top of the page says what
    happened in the server's one line (the 400 and 500 were Flask's HTML pages: 'Bad Request
    The browser (or proxy) sent a request that this server could not understand.'), and the
    typed text stays."""
    page.evaluate("fetch('/_dash-update-component', {method: 'POST', body: '{not json', "
                  "headers: {'Content-Type': 'application/json'}})")
    assert _wait_text(page, "#request-msg") == (
        "not done (a request of the page): the dashboard answered 400: request: '{not json' "
        "is not allowed; a JSON body, which this is not (Expecting property name enclosed in "
        "double quotes: line 1 column 2 (char 1)): " + CALLBACK_RULE)

    with running_dashboard(tmp_path) as other:
        from dash import Input, Output

        # a callback that fails as a defect would (the page has no box that fires it)
        @other.app.callback(Output("request-msg", "title"), Input("error-probe", "n_clicks"),
                            prevent_initial_call=True)
        def fail_on_purpose(_n: int) -> str:
            raise RuntimeError("raised on purpose by the test")

        open_dashboard(page, other.url)
        page.evaluate("""fetch('/_dash-update-component', {method: 'POST', headers:
            {'Content-Type': 'application/json'}, body: JSON.stringify({
            output: 'request-msg.title', outputs: {id: 'request-msg', property: 'title'},
            inputs: [{id: 'error-probe', property: 'n_clicks', value: 1}], state: [],
            changedPropIds: ['error-probe.n_clicks']})})""")
        assert _wait_text(page, "#request-msg") == (
            "not done (error-probe.n_clicks): the dashboard answered 500: request-msg.title "
            f"(fail_on_purpose) failed with RuntimeError ({BUG_NOTE}): raised on purpose by "
            "the test")
        other.stop()
        page.get_by_text("Materials", exact=True).click()
        page.locator("#m-id").fill("typed_before_the_stop")
        page.locator("#m-add").click()
        text = _wait_text(page, "#request-msg")
    assert text.startswith(f"not done (m-add.n_clicks): no answer from the dashboard at "
                           f"{other.url} ("), text
    assert text.endswith("); is solidcell app still running? What you typed stays in the page")
    assert page.locator("#m-id").input_value() == "typed_before_the_stop"
    open_dashboard(page, dashboard.url)
