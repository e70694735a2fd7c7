"""The dashboard's own error answers (400, 404, 405, 415, 500) are one line of text in the
project's style, sent to the Flask test client of a real app (no browser: the page shows
whatever line comes back, see test_app_request_refusals.py).

Before, they were Flask's HTML pages: the page showed "Bad Request The browser (or proxy)
sent a request that this server could not understand." for a body that is not JSON, and
"Internal Server Error ..." for ``{}`` or an unknown callback (exceptions inside Dash) as
for a defect of solidcell, naming nothing. Now a request the page never sends is refused
(400) naming the field and what is allowed, and a 500 names the callback that failed and its
exception, without paths outside the workspace; its traceback is in the server's log only.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import EXAMPLES, callback_request

from solidcell.app.server import (
    BUG_NOTE,
    CALLBACK_PATH,
    CALLBACK_RULE,
    MAX_ERROR_CHARS,
    create_app,
    public_text,
)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A dashboard over the bundled examples, a workspace of its own and two callbacks that
    fail as a defect would (opening a file that is not there), which the page never fires:
    ``outside`` and ``inside`` name the files (outside and inside the workspace)."""
    root = tmp_path_factory.mktemp("error-answers")
    workspace = root / "workspace"
    workspace.mkdir()
    dash_app = create_app(EXAMPLES, workspace)
    from dash import Input, Output

    outside = root / "private" / "secret.yaml"
    inside = workspace / "missing.yaml"

    @dash_app.callback(Output("request-msg", "title"), Input("probe-outside", "n_clicks"),
                       prevent_initial_call=True)
    def open_outside(_n: Any) -> str:
        return outside.read_text()

    @dash_app.callback(Output("request-msg", "lang"), Input("probe-inside", "n_clicks"),
                       prevent_initial_call=True)
    def open_inside(_n: Any) -> str:
        return inside.read_text()

    dash_app.outside, dash_app.inside = outside, inside
    dash_app.client = dash_app.server.test_client()
    dash_app.deps = dash_app.client.get("/_dash-dependencies").get_json()
    return dash_app


def _line(answer: Any) -> str:
    """The answer's text, checked to be one line of plain text (never HTML)."""
    assert answer.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    text = answer.get_data(as_text=True)
    assert text.endswith("\n") and "\n" not in text[:-1] and "<" not in text[:1], text
    return text[:-1]


def _post(app: Any, body: Any) -> Any:
    return app.client.post(CALLBACK_PATH, data=json.dumps(body),
                           content_type="application/json")


def _probe(app: Any, prop: str) -> dict[str, Any]:
    """The request that fires the failing callback whose output is ``request-msg.<prop>``."""
    dep = next(d for d in app.deps if d["output"].split("@")[0] == f"request-msg.{prop}")
    return {"output": dep["output"], "outputs": {"id": "request-msg", "property": prop},
            "inputs": [{**dep["inputs"][0], "value": 1}], "state": [],
            "changedPropIds": [f"{dep['inputs'][0]['id']}.n_clicks"]}


def _query(app: Any, **values: Any) -> dict[str, Any]:
    """The request the page posts for the materials query (every box empty but ``values``)."""
    return callback_request(app.deps, "q-table", values, "q-min.value")


def test_a_body_that_is_not_json_gets_one_line_naming_it(app) -> None:
    """Flask's HTML 'Bad Request' page before."""
    answer = app.client.post(CALLBACK_PATH, data="{not json", content_type="application/json")
    assert answer.status_code == 400
    assert _line(answer) == (
        "request: '{not json' is not allowed; a JSON body, which this is not (Expecting "
        "property name enclosed in double quotes: line 1 column 2 (char 1)): " + CALLBACK_RULE)


def _set(body: dict[str, Any], key: str, place: int, **item: Any) -> dict[str, Any]:
    body[key][place] = {**body[key][place], **item}
    return body


#: requests the page never sends -> the start of the 400's line (the field it names); the
#: first four were a 500 inside Dash, the others one inside a callback
BAD: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
    ("a list", lambda b: [b], "request: [{"),
    ("no output", lambda b: {k: v for k, v in b.items() if k != "output"},
     "output: None is not allowed; the outputs of one of the dashboard's callbacks"),
    ("unknown output", lambda b: {**b, "output": "nope.children"},
     "output: 'nope.children' is not allowed"),
    ("no outputs", lambda b: {**b, "outputs": None}, "outputs: None is not allowed; a list of 7"),
    ("an input short", lambda b: {**b, "inputs": b["inputs"][:-1]},
     "inputs: [{'id': 'q-category'"),
    ("inputs swapped", lambda b: {**b, "inputs": b["inputs"][::-1]},
     "inputs of q-table.children (query_materials): 'm-result.children' is not allowed; "
     "q-category.value in this place"),
    ("a list in a text box", lambda b: _set(b, "inputs", 5, value=[1]),
     "q-min.value: [1] is not allowed; a text or null (a text box)"),
    ("a count that is text", lambda b: callback_request(
        app_deps[0], "save-result", {"save-button.n_clicks": "x"}, "save-button.n_clicks"),
     "save-button.n_clicks: 'x' is not allowed; a whole number >= 0 or null (a count)"),
    # a design box takes a text (read by the server, refused beside the box when it is no
    # number) or the number the server set; never a list
    ("a list in a design box", lambda b: callback_request(
        app_deps[0], "design-metrics", {"n-layers": [3]}, "n-layers.value"),
     "n-layers.value: [3] is not allowed; a text, a finite number or null (a design box)"),
    ("a text in the stored design", lambda b: callback_request(
        app_deps[0], "design-metrics", {"design-original": {"n-layers": "abc"}},
        "n-layers.value"),
     "design-original.data: {'n-layers': 'abc'} is not allowed; null or a dict, as the "
     "dashboard stored it"),
    ("changed ids not a list", lambda b: {**b, "changedPropIds": {"a": 1}},
     "changedPropIds: {'a': 1} is not allowed; a list of 'id.property' texts"),
]
#: the dependencies of the module's app, for the cases above that build another callback's
#: request (set by the test before it calls them)
app_deps: list[Any] = [None]


@pytest.mark.parametrize(("case", "change", "start"), BAD, ids=[c[0] for c in BAD])
def test_a_request_the_page_never_sends_is_refused_naming_the_field(
        app, case: str, change: Callable[[dict[str, Any]], Any], start: str) -> None:
    app_deps[0] = app.deps
    good = _query(app, **{"q-property": "ionic_conductivity", "q-min": "1 mS/cm"})
    assert app.client.post(CALLBACK_PATH, json=good).status_code == 200  # what the page sends
    answer = _post(app, change(json.loads(json.dumps(good))))
    assert answer.status_code == 400, answer.get_data(as_text=True)[:300]
    assert _line(answer).startswith(start), case


def test_other_refusals_are_one_line(app) -> None:
    """415 (another content type), 405 (with its Allow header) and 404 (a file the dashboard
    does not have, a script library Dash does not serve: a 500 before) were HTML pages."""
    answer = app.client.post(CALLBACK_PATH, data="x", content_type="text/plain")
    assert answer.status_code == 415
    assert _line(answer) == ("Content-Type: 'text/plain' is not allowed; application/json, as "
                             "the dashboard's page posts its actions (a form of another site "
                             "cannot)")
    answer = app.client.put("/_dash-layout")
    assert answer.status_code == 405
    allowed = answer.headers["Allow"]
    assert "GET" in allowed
    assert _line(answer) == f"method: 'PUT' is not allowed; {allowed} for /_dash-layout"
    answer = app.client.get("/assets/no-such-script.js")
    assert answer.status_code == 404
    assert _line(answer) == ("path: '/assets/no-such-script.js' is not allowed; a page or file "
                             "of the dashboard (404 Not Found)")
    answer = app.client.get("/_dash-component-suites/nolib/x.js")
    assert answer.status_code == 404
    assert _line(answer).startswith("path: '/_dash-component-suites/nolib/x.js' is not "
                                    "allowed; Error loading dependency. \"nolib\" is not a "
                                    "registered library.")


def test_an_exception_in_a_callback_names_it_without_paths_and_logs_the_traceback(
        app, caplog: pytest.LogCaptureFixture) -> None:
    """The callback's first output and function, the exception's type and message, and that
    it is a defect to report; a path outside the workspace (the machine's folders) is left
    out, one inside it kept; the traceback is in the server's log, not the answer."""
    with caplog.at_level(logging.ERROR):
        answer = _post(app, _probe(app, "title"))
    assert answer.status_code == 500
    assert _line(answer) == (
        f"request-msg.title (open_outside) failed with FileNotFoundError ({BUG_NOTE}): "
        "[Errno 2] No such file or directory: '<path>'")
    assert str(app.outside.parent) not in answer.get_data(as_text=True)
    assert "Traceback (most recent call last)" in caplog.text
    assert "open_outside" in caplog.text and str(app.outside) in caplog.text  # the log has all

    answer = _post(app, _probe(app, "lang"))
    assert answer.status_code == 500
    assert f"No such file or directory: '{app.inside}'" in _line(answer)


def test_public_text_leaves_out_outside_paths_only() -> None:
    """Paths outside the folders go, the rest of the message stays: units with a slash,
    relative names, URLs; one line, cut at MAX_ERROR_CHARS."""
    ws = Path("/srv/solidcell/workspace")
    text = ("cannot read '/home/ana/.venv/lib/x.py' nor C:\\Users\\ana\\y.yaml nor "
            f"'{ws}/mine.yaml':\n 1 mS/cm, A*h/m**2, examples/ev.yaml, http://x.org/a/b")
    assert public_text(text, [ws]) == (
        "cannot read '<path>' nor <path> nor '/srv/solidcell/workspace/mine.yaml': 1 mS/cm, "
        "A*h/m**2, examples/ev.yaml, http://x.org/a/b")
    assert public_text(f"{ws}/../private/x", [ws]) == "<path>"  # '..' leads out
    long = public_text("x" * 1000, [ws])
    assert long == "x" * MAX_ERROR_CHARS + "..."
