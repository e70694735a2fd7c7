"""The design tab and the lithium a host anode holds at assembly (``anode.excess_li_thickness_m``
on li_in, graphite, silicon, lto; an anode-free cell's reservoir), docs/cell.md.

Before, the page had no box for it: a sulfur | Li-In design opened with its numbers, but its
lithium source could be neither seen nor edited, the stack diagram showed the indium host alone
while the anode's mass held the lithium too, and a cathode made thicker than the held lithium
can feed was refused beside the anode thickness box, naming a value no box showed. Now the
box ``anode-held-li`` (um of dense lithium) shows and edits it, its refusals (the engine's
"at least" of a lithium-free cathode, "at most" of the host's capacity, reason 10) stand
beside it, and the engine's convention on the held lithium's volume is said below the metrics.
Properties only (the page equals the engine); Chromium tests at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserhelpers import (
    EXAMPLES,
    NEEDS_CHROMIUM,
    browser_page,
    callback_caller,
    open_dashboard,
    running_dashboard,
)

from solidcell.errors import ValidationError

#: a sulfur | Li-In cell whose indium holds 45 um of dense lithium (the engine's messages:
#: the cathode needs 40.4 um of it, the host takes at most 82.7 um)
SULFUR_LI_IN = """\
name: sulfur Li-In held
cathode: {active_material: sulfur, electrolyte: li6ps5cl, carbon: vgcf, active_fraction: 0.4,
          electrolyte_fraction: 0.4, carbon_fraction: 0.2, thickness: 60 um}
anode: {kind: li_in, thickness: 100 um, excess_li_thickness_m: 4.5e-5}
separator: {electrolyte: li6ps5cl, thickness: 30 um}
cathode_current_collector: {material: al_foil, thickness: 12 um}
anode_current_collector: {material: cu_foil, thickness: 8 um}
"""
NAME = "sulfur-li-in-held.yaml"
TIMEOUT_MS = 120_000


def _folders(root: Path) -> tuple[Path, Path]:
    examples, workspace = root / "examples", root / "workspace"
    examples.mkdir()
    workspace.mkdir()
    (examples / NAME).write_text(SULFUR_LI_IN, "utf-8")
    ev = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
    (examples / ev.name).write_text(ev.read_text("utf-8"), "utf-8")
    return examples, workspace


def _stack_wh_kg(design: Any) -> str:
    from solidcell.app.server import METRICS, shown
    from solidcell.report.summary import summarize

    return shown(summarize(design).energy[METRICS["metric-stack-wh-kg"][0]])


def _find(node: Any, ident: str) -> Any:
    """The component of id ``ident`` in a callback's answer (a tree of dicts and lists)."""
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == ident:
            return node
        return next((f for v in node.values() if (f := _find(v, ident)) is not None), None)
    if isinstance(node, list):
        return next((f for v in node if (f := _find(v, ident)) is not None), None)
    return None


@pytest.fixture
def design_call(tmp_path: Path) -> Any:
    from solidcell.app.server import create_app, form_values
    from solidcell.cell.design import CellDesign

    examples, workspace = _folders(tmp_path)
    app = create_app(examples, workspace)
    source = str(examples / NAME)
    original = form_values(CellDesign.from_file(source))
    call = callback_caller(app.server.test_client(),
                           {**original, "design-source": source, "design-original": original})

    def design(**typed: str) -> dict[str, Any]:
        return call("cathode-thickness.value", "design-metrics", **typed)

    design.original = original
    yield design
    app.state.jobs.close()


def test_the_held_lithium_box_shows_the_file_s_value_and_only_where_an_anode_holds_some(
        ) -> None:
    from solidcell.app.server import form_values
    from solidcell.cell.design import CellDesign

    held = CellDesign.from_yaml(SULFUR_LI_IN)
    assert form_values(held)["anode-held-li"] == 45.0  # 4.5e-5 m in um
    # an anode-free cell's reservoir (none in the example: 0 um), editable
    free = CellDesign.from_file(EXAMPLES / "anode-free-nmc811-lpscl.yaml")
    assert form_values(free)["anode-held-li"] == pytest.approx(
        free.anode.excess_li_thickness_m * 1e6)
    # a lithium-metal foil is lithium itself: the box is not used (empty, disabled)
    foil = CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    assert form_values(foil)["anode-held-li"] is None


def test_an_edited_held_lithium_gives_the_engine_s_numbers(design_call) -> None:
    from solidcell.cell.design import CellDesign

    answer = design_call(**{"anode-held-li": "0.06 mm"})  # a unit as papers print it
    assert answer["anode-held-li-msg"]["children"] == ""
    design = CellDesign.from_yaml(SULFUR_LI_IN).replace(
        **{"anode.excess_li_thickness_m": 60e-6})
    shown = _find(answer["design-metrics"]["children"], "metric-stack-wh-kg")
    assert shown["props"]["children"] == _stack_wh_kg(design)
    # more held lithium weighs more: the page's number moved with the box
    unchanged = _find(design_call()["design-metrics"]["children"], "metric-stack-wh-kg")
    assert float(shown["props"]["children"]) < float(unchanged["props"]["children"])


def test_the_held_lithium_s_volume_convention_is_said_below_the_metrics(design_call) -> None:
    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import evaluate

    note = _find(design_call()["design-metrics"]["children"], "metric-held-li-note")
    engine = evaluate(CellDesign.from_yaml(SULFUR_LI_IN)).conventions["Lithium volume"]
    assert note["props"]["children"] == f"Lithium volume: {engine}"
    assert "not in the volume" in engine  # why the stack diagram shows the host alone


def _engine_refusal(held_m: float) -> str:
    """The engine's rule refusing the sulfur | Li-In design holding ``held_m`` of lithium."""
    from solidcell.cell.design import CellDesign

    with pytest.raises(ValidationError) as info:
        CellDesign.from_yaml(SULFUR_LI_IN).replace(
            **{"anode.excess_li_thickness_m": held_m}).resolved()
    assert info.value.field == "anode.excess_li_thickness_m"
    return info.value.allowed


@pytest.mark.parametrize(("typed", "said", "word"), [
    # a lithium-free cathode needs its capacity in held lithium (the engine's "at least")
    ("30", lambda: _engine_refusal(30e-6), "at least"),
    # the host cannot take more than its capacity (reason 10, "at most ... um of lithium")
    ("200", lambda: _engine_refusal(200e-6), "at most"),
    ("-5", lambda: "must be >= 0", ">= 0"),
    ("", lambda: "the field is empty", "empty"),
    ("5 mS/cm", lambda: "not a length", "length"),
])
def test_a_refused_held_lithium_is_said_beside_its_box(design_call, typed: str,
                                                      said: Any, word: str) -> None:
    answer = design_call(**{"anode-held-li": typed})
    msg = answer["anode-held-li-msg"]["children"]
    assert msg.startswith("anode-held-li: "), msg
    assert said() in msg and word in msg, msg
    assert answer["anode-thickness-msg"]["children"] == ""  # it stood beside this box
    assert answer["design-stale"]["children"] != ""


def test_a_cathode_too_thick_for_the_held_lithium_names_the_held_box(design_call) -> None:
    """The message beside the cathode box names the held lithium the file gives (it named
    the anode thickness box, whose value was not the one refused)."""
    answer = design_call(**{"cathode-thickness": "120"})
    msg = answer["cathode-thickness-msg"]["children"]
    assert "with anode-held-li 45.0 um (the file's)" in msg, msg
    assert answer["anode-held-li-msg"]["children"].startswith("anode-held-li: 45.0 um")
    assert answer["anode-thickness-msg"]["children"] == ""


# --- in Chromium -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("browser tests need Debian's chromium; run scripts/setup-browser.sh")
    examples, workspace = _folders(tmp_path_factory.mktemp("held-li-dashboard"))
    with running_dashboard(workspace, examples) as running, \
            browser_page(tmp_path_factory.mktemp("held-li-profile"), TIMEOUT_MS) as pg:
        open_dashboard(pg, running.url)
        pg.examples = examples
        yield pg


def _open(page: Any, name: str) -> None:
    from solidcell.cell.design import CellDesign

    expected = _stack_wh_kg(CellDesign.from_file(page.examples / name))
    box = page.locator("#design-path")
    box.fill(f"examples/{name}")
    box.press("Enter")
    page.wait_for_function(
        f"document.querySelector('#metric-stack-wh-kg')?.innerText === '{expected}'")


def _type(page: Any, box: str, text: str) -> None:
    page.locator(f"#{box}").fill(text)
    page.locator(f"#{box}").press("Enter")


@NEEDS_CHROMIUM
def test_in_chromium_the_held_lithium_is_shown_edited_and_refused_beside_its_box(
        page: Any) -> None:
    from solidcell.cell.design import CellDesign

    _open(page, NAME)
    box = page.locator("#anode-held-li")
    assert not box.is_disabled()
    assert box.input_value() == "45"
    assert "not in the volume" in page.locator("#metric-held-li-note").inner_text()
    # none under a sulfur cathode: the engine's rule beside this box (it stood beside the
    # anode thickness box)
    _type(page, "anode-held-li", "0")
    page.wait_for_function(
        "document.querySelector('#anode-held-li-msg').innerText.includes('holds no lithium')")
    assert page.locator("#anode-thickness-msg").inner_text() == ""
    # more than the indium takes: refused beside the box, the numbers greyed
    _type(page, "anode-held-li", "200")
    page.wait_for_function(
        "document.querySelector('#anode-held-li-msg').innerText.includes('at most')")
    assert page.locator("#design-stale").inner_text() != ""
    # an accepted value: the engine's numbers of the edited design, the message gone
    edited = CellDesign.from_yaml(SULFUR_LI_IN).replace(**{"anode.excess_li_thickness_m": 60e-6})
    _type(page, "anode-held-li", "60 µm")
    page.wait_for_function(
        "document.querySelector('#metric-stack-wh-kg')?.innerText === "
        f"'{_stack_wh_kg(edited)}'")
    assert page.locator("#anode-held-li-msg").inner_text() == ""
    assert page.locator("#design-stale").inner_text() == ""


@NEEDS_CHROMIUM
def test_in_chromium_a_lithium_foil_has_no_held_lithium_box(page: Any) -> None:
    _open(page, "ev-nmc811-lpscl-li.yaml")
    page.wait_for_function("document.querySelector('#anode-held-li').disabled")
    assert page.locator("#anode-held-li").get_attribute("placeholder") == "not used"
    assert page.locator("#metric-held-li-note").count() == 0


def test_no_held_lithium_under_a_sulfur_cathode_is_said_beside_the_held_box(
        tmp_path: Path) -> None:
    """0 um typed in the held lithium box (the engine refuses the host's kind: sulfur holds no
    lithium) is said beside that box, as typed; it was said beside the anode thickness box,
    and beside the held box as "0 um is not allowed with anode-thickness 100.0 um"."""
    from browserhelpers import callback_request

    from solidcell.app.server import create_app, form_values
    from solidcell.cell.design import CellDesign

    examples, workspace = _folders(tmp_path)
    app = create_app(examples, workspace)
    client = app.server.test_client()
    source = str(examples / NAME)
    original = form_values(CellDesign.from_file(source))
    values = {**original, "design-source": source, "design-original": original,
              "anode-held-li": "0"}
    body = callback_request(client.get("/_dash-dependencies").get_json(), "design-metrics",
                            values, "anode-held-li.value")
    answer = client.post("/_dash-update-component", json=body).get_json()["response"]
    app.state.jobs.close()
    msg = answer["anode-held-li-msg"]["children"]
    assert msg.startswith("anode-held-li: 0 um is not allowed; "), msg
    assert "'sulfur' holds no lithium" in msg, msg
    # the value checked is the anode's kind, named as such (it read as the held lithium's)
    assert msg.endswith("(anode.kind = 'li_in')"), msg
    assert answer["anode-thickness-msg"]["children"] == ""
