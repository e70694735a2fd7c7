"""The dashboard's safety, checked with HTTP requests to a real server (RunningApp on a free
loopback port), as the page, another program or another site's page sends them: which Host
names it answers, how large a request may be, which files a form can open or write, how YAML
is read (what `solidcell app` binds: test_app_cli.py). Each refusal names the field, the value
and what is allowed, and loses nothing already stored."""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import EXAMPLES, callback_request

from solidcell.app.server import (
    MAX_REQUEST_BYTES,
    RunningApp,
    create_app,
    form_values,
    material_from_form,
)
from solidcell.cell.design import CellDesign

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
#: Li3InCl6 from the OBELiX CIFs (tests/data/discovery), a file the prediction engine reads
CIF = Path(__file__).resolve().parent.parent / "data" / "discovery" / "obelix_de5_Li3InCl6.cif"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    """A dashboard over the bundled examples and a workspace of its own; ``root`` is the
    folder above the workspace (outside both folders the dashboard may open)."""
    root = tmp_path_factory.mktemp("safety")
    workspace = root / "workspace"
    workspace.mkdir()
    with RunningApp(EXAMPLES, workspace) as running:
        running.root, running.workspace = root, workspace
        with urllib.request.urlopen(running.url + "/_dash-dependencies", timeout=60) as r:
            running.deps = json.load(r)
        yield running


def _request(url: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json",
                                                          **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=300) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _body(server: Any, first_output: str, values: dict[str, Any], changed: str) -> bytes:
    return json.dumps(callback_request(server.deps, first_output, values, changed)).encode()


def _call(server: Any, first_output: str, values: dict[str, Any], changed: str) -> dict:
    """The outputs of one callback, posted as the page posts it."""
    status, body = _request(server.url + "/_dash-update-component",
                            _body(server, first_output, values, changed))
    assert status == 200, body[:500]
    return json.loads(body)["response"]


def _layout(server: Any) -> list[dict[str, Any]]:
    """Every component of the page the server sends on a (re)load."""
    status, text = _request(server.url + "/_dash-layout")
    assert status == 200, text[:200]
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "type" in node and "namespace" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(text))
    return found


def _design_form() -> dict[str, Any]:
    """The design tab's values with the EV example open, unedited."""
    values = form_values(CellDesign.from_yaml(EV))
    return {**values, "design-source": str(EV), "design-original": values}


# --- Host names (DNS rebinding) ------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8050",
                                  "127.0.0.1.evil.example", "localhost.evil.example", "[::1"])
def test_a_page_of_another_name_is_refused(server, host: str) -> None:
    """A site whose name its DNS points at 127.0.0.1 (DNS rebinding) is, to the browser, its
    own origin: it could read the page and add materials or save designs. The server answered
    any Host name; a loopback-bound dashboard now answers only loopback names."""
    for path, body in (("/", None), ("/_dash-update-component",
                                     _body(server, "q-table", {}, "q-category.value"))):
        status, text = _request(server.url + path, body, {"Host": host})
        assert status == 403, (path, text[:200])
        assert text.decode().startswith(f"Host: {host!r} is not allowed; localhost, 127.0.0.1")


@pytest.mark.parametrize("host", ["localhost:1", "127.0.0.2:8050", "[::1]:80", "LOCALHOST"])
def test_loopback_names_are_answered(server, host: str) -> None:
    status, text = _request(server.url + "/_dash-update-component",
                            _body(server, "q-table", {}, "q-category.value"), {"Host": host})
    assert status == 200, text[:200]
    assert "materials" in json.loads(text)["response"]["q-count"]["children"]


def test_a_cross_site_form_post_is_refused(server) -> None:
    """A page of another site may post a form (text/plain, no preflight) to 127.0.0.1
    without the browser asking: only JSON is answered, and nothing is added."""
    from solidcell.materials.store import default_store

    form = {"m-id": "csrf_added", "m-name": "x", "m-category": "coating",
            "m-property": "density", "m-value": "1 g/cm3", "m-method": "measured",
            "m-source": "x", "m-add": 1}
    status, _ = _request(server.url + "/_dash-update-component",
                         _body(server, "m-result", form, "m-add.n_clicks"),
                         {"Content-Type": "text/plain"})
    assert status == 415
    assert "csrf_added" not in default_store()
    # the form itself is one the page would store (so the refusal is the content type's)
    assert material_from_form({k[2:]: v for k, v in form.items()}).id == "csrf_added"


def test_a_dashboard_told_to_serve_others_answers_any_name() -> None:
    """`--host 0.0.0.0` (or a LAN address) is how the user says others may connect."""
    client = create_app(EXAMPLES, None, local_only=False).server.test_client()
    assert client.get("/", headers={"Host": "lab-pc.example:8050"}).status_code == 200


# --- request size ------------------------------------------------------------------------


def test_a_request_body_over_the_bound_is_refused_unread(server) -> None:
    """A 50 MB body was read whole (and then failed inside Dash with 500); a body one byte
    over MAX_REQUEST_BYTES is now refused with 413, one of exactly that size is answered."""
    call = _body(server, "q-table", {}, "q-category.value")
    url = server.url + "/_dash-update-component"
    status, text = _request(url, call + b" " * (MAX_REQUEST_BYTES - len(call)))
    assert status == 200, text[:200]
    status, text = _request(url, call + b" " * (MAX_REQUEST_BYTES + 1 - len(call)))
    assert status == 413, text[:200]
    assert text.decode() == (f"request: {MAX_REQUEST_BYTES + 1} is not allowed; at most "
                             f"{MAX_REQUEST_BYTES} bytes (MAX_REQUEST_BYTES); nothing was "
                             "read or stored\n")


# --- files a form names --------------------------------------------------------------------


def _outside_names(server) -> list[str]:
    secret = server.root / "secret.yaml"
    shutil.copy(EV, secret)
    link = server.workspace / "link-out.yaml"
    if not link.is_symlink():
        link.symlink_to(secret)
    return ["../secret.yaml", str(secret), "link-out.yaml", "workspace/../secret.yaml",
            "%2e%2e/secret.yaml", "..%2fsecret.yaml", "ev-nmc811-lpscl-li.yaml\x00.yaml",
            "/etc/passwd", "../" * 40 + "etc/hosts"]


def test_no_typed_path_opens_a_design_outside_the_folders(server) -> None:
    """'..', absolute paths, a link out of the workspace, URL-encoded dots and a NUL byte:
    each refused beside the path box, the design shown before staying on the page."""
    for typed in _outside_names(server):
        answer = _call(server, "cathode-thickness", {"design-path": typed},
                       "design-path.value")
        msg = answer["design-path-msg"]["children"]
        assert msg.startswith(f"design-path: {typed!r} is not allowed; must name"), msg
        assert ".yaml/.yml/.json design inside" in msg
        assert "cathode-thickness" not in answer  # the fields keep the design shown


@pytest.mark.parametrize("typed", ["x" * 5000 + ".yaml", "a/" * 3000 + "b.yaml"])
def test_a_path_too_long_for_the_file_system_is_refused_beside_the_box(server,
                                                                       typed: str) -> None:
    """A 5000-character file name (or a path of 6000 characters) failed inside the server
    (OSError: File name too long, answered 500): the page said nothing at all."""
    answer = _call(server, "cathode-thickness", {"design-path": typed}, "design-path.value")
    msg = answer["design-path-msg"]["children"]
    assert msg.startswith(f"design-path: {typed[:50]!r}"[:-1]), msg
    assert f"({len(typed) + 2} characters) is not allowed; must name an existing file" in msg
    assert "cathode-thickness" not in answer


def test_a_link_out_of_the_workspace_is_not_listed(server) -> None:
    """The design list offered a link in the workspace to a file elsewhere (its value the
    outside path), which opening then refused."""
    _outside_names(server)
    shutil.copy(EV, server.workspace / "plain.yaml")
    listed = next(c for c in _layout(server) if c["props"].get("id") == "design-example")
    labels = [o["label"] for o in listed["props"]["options"]]
    assert "workspace/plain.yaml" in labels
    assert "workspace/link-out.yaml" not in labels


def test_prediction_reads_a_cif_only_inside_the_folders(server) -> None:
    """The composition box handed any text ending in .cif to the engine as a path: a CIF
    anywhere on the machine was read (and a missing one said so: a probe of the disk)."""
    outside = server.root / "outside.cif"
    shutil.copy(CIF, outside)
    for typed in (str(outside), "../outside.cif", "/nonexistent/x.cif",
                  "y" * 5000 + ".cif"):
        answer = _call(server, "pred-result", {"pred-composition": typed, "pred-run": 1},
                       "pred-run.n_clicks")
        msg = answer["pred-composition-msg"]["children"]
        assert msg.startswith("composition: "), msg
        assert "is not allowed; must name an existing file, a .cif CIF file inside" in msg
        assert answer["pred-result"]["children"] == ""
    shutil.copy(CIF, server.workspace / "li3incl6.cif")  # inside: read as before
    answer = _call(server, "pred-result", {"pred-composition": "li3incl6.cif", "pred-run": 1},
                   "pred-run.n_clicks")
    assert answer["pred-composition-msg"]["children"] == ""
    assert "composition+structure" in json.dumps(answer["pred-result"])


def test_a_save_never_writes_through_a_link_in_the_workspace(server) -> None:
    """A link in the workspace named like the save: a dangling one made a file outside the
    workspace, one to a file replaced that file (with 'replace' ticked). Both are refused
    beside the name box, and the linked file is kept."""
    kept = server.root / "kept.yaml"
    kept.write_text("kept: true\n", "utf-8")
    made = server.root / "made.yaml"
    (server.workspace / "linked.yaml").symlink_to(kept)
    (server.workspace / "dangling.yaml").symlink_to(made)
    for name, replace in (("dangling", []), ("linked", ["replace"])):
        answer = _call(server, "save-result", {**_design_form(), "save-name": name,
                                               "save-replace": replace, "save-button": 1},
                       "save-button.n_clicks")
        assert answer["save-result"]["children"] == ""
        assert answer["save-name-msg"]["children"] == (
            f"save_name: {name!r} is not allowed; {name}.yaml in the workspace is a link; the "
            "dashboard writes only plain files inside the workspace; choose another name")
    assert kept.read_text("utf-8") == "kept: true\n"
    assert not made.exists()
    answer = _call(server, "save-result", {**_design_form(), "save-name": "plain-save",
                                           "save-button": 1}, "save-button.n_clicks")
    assert answer["save-result"]["children"] == "saved plain-save.yaml in the workspace"


# --- what is read ----------------------------------------------------------------------------


def test_a_design_with_python_tags_is_refused_and_runs_nothing(server) -> None:
    """Designs are read with yaml.safe_load: a python/object tag is an error, never a call."""
    witness = server.root / "ran"
    (server.workspace / "tagged.yaml").write_text(
        f"name: !!python/object/apply:os.system ['touch {witness}']\n", "utf-8")
    answer = _call(server, "cathode-thickness", {"design-path": "tagged.yaml"},
                   "design-path.value")
    msg = answer["design-path-msg"]["children"]
    assert "is not valid YAML: could not determine a constructor for the tag" in msg, msg
    assert not witness.exists()


def test_the_page_takes_no_uploaded_file(server) -> None:
    """No form field takes a file (so none is ever unpickled or parsed): every input is
    text, a number, a choice or a button."""
    kinds = {c["type"] for c in _layout(server)}
    assert "Input" in kinds and "Dropdown" in kinds  # the walk found the form
    assert "Upload" not in kinds
