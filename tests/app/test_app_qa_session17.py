"""Findings of a researcher's walk through every tab with bad input (session 17), kept fixed
without a browser: each refusal names the box, the text as typed and what is allowed, and
nothing stored is lost. The callbacks are posted as the page posts them (Flask test
client, :func:`browserhelpers.screen_dashboard`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserhelpers import screen_app_fixture

from solidcell.app.server import add_material_from_form, add_measurement_from_form
from solidcell.materials.store import MaterialStore

#: a material of the add-material form (the test's own input)
FORM = {"id": "qa17_pellet", "name": "QA pellet", "formula": "Li7La3Zr2O12",
        "category": "electrolyte", "electrolyte_class": "oxide",
        "property": "ionic_conductivity", "value": "0.5 mS/cm", "temperature": "25 degC",
        "year": "", "method": "measured", "source": "test_input"}
#: the measure form's boxes for the same value of llzo
MEASURE = {"material": "llzo", "property": "ionic_conductivity", "value": "0.5 mS/cm",
           "temperature": "60 degC", "year": "", "method": "measured", "source": "test_input"}


@pytest.fixture(name="store")
def _store(tmp_path: Path) -> Any:
    store = MaterialStore(tmp_path / "materials.sqlite")
    yield store
    store.close()


app = screen_app_fixture()


@pytest.mark.parametrize(("typed", "why"), [
    # the add-material form read '0,5 mS/cm' as 0 and the unit ',5 mS/cm' and said
    # "'0.0 ,5 mS/cm' has a comma in its unit", a value never typed
    ("0,5 mS/cm", "a number with a decimal point and a unit, e.g. '2.1 mS/cm' (a comma in "
                  "the number)"),
    ("abc", "a number followed by its unit, e.g. '2.1 mS/cm'"),
])
def test_the_add_material_form_reads_a_value_as_the_measure_form_does(
        store: Any, typed: str, why: str) -> None:
    result, msgs = add_material_from_form({**FORM, "value": typed}, store)
    expected = f"value: {typed!r} is not allowed; {why}"
    assert result == "not stored: fix the marked field"
    assert msgs["value"] == expected
    assert [f for f, m in msgs.items() if m] == ["value"]
    # the measure form says the same of the same text
    answer, measured, stored = add_measurement_from_form({**MEASURE, "value": typed}, store)
    assert answer == result and measured["value"] == expected and stored is None
    assert "qa17_pellet" not in store and store.measurements() == []


@pytest.mark.parametrize(("box", "typed", "why"), [
    ("year", "", "a price needs the year it was quoted in, e.g. 2024"),
    ("temperature", "-300 degC", "it is -26.85 K; a temperature above 0 K and at most 5000 K"),
])
def test_the_add_material_form_s_price_and_temperature_rules_are_the_measure_form_s(
        store: Any, box: str, typed: str, why: str) -> None:
    form = {**FORM, "property": "price", "value": "12 USD/kg", "temperature": ""} \
        if box == "year" else FORM
    result, msgs = add_material_from_form({**form, box: typed}, store)
    assert result == "not stored: fix the marked field"
    assert msgs[box] == f"{box}: {typed!r} is not allowed; {why}"
    assert "qa17_pellet" not in store


def _detail_refusal(app: Any, typed: str) -> str:
    answer = app.call("detail-id.value", "detail-view", **{"detail-id": typed})
    return answer["detail-id-msg"]["children"]


def test_an_unknown_id_in_the_detail_box_is_named_as_typed_with_the_page_s_hint(
        app: Any) -> None:
    """The detail box said the store's words: a 400-character id repeated in full and
    "`solidcell materials list` shows the ids", a command-line hint on the page."""
    long_id = "a" * 400
    refusal = _detail_refusal(app, long_id)
    assert refusal.startswith("material id: 'aaaa")
    assert "(402 characters) is not allowed; a material id of the materials database (the " \
        "query above lists them)" in refusal and len(refusal) < 400
    assert "solidcell materials list" not in _detail_refusal(app, "ü")
    assert _detail_refusal(app, "llz") == (
        "material id: 'llz' is not allowed; a material id of the materials database (the "
        "query above lists them); did you mean llzo, llzo_ta, llto?")


def test_a_crystal_box_left_empty_is_named_as_empty(app: Any) -> None:
    """A space group without its lattice said "crystal.lattice: None is not allowed"."""
    answer = app.call("pred-run.n_clicks", "pred-result", **{
        "pred-composition": "Li7La3Zr2O12", "pred-space-group": "Ia-3d", "pred-lattice": "",
        "pred-run": 1})
    assert answer["pred-lattice-msg"]["children"] == (
        "crystal.lattice: '' is not allowed; given together with the other crystal field "
        "(or leave both empty)")


def test_a_screen_range_whose_to_is_below_its_from_names_the_from_value(app: Any) -> None:
    answer = app.call("scr-run.n_clicks", "scr-job", **{"scr-cathode-min": "200 um"})
    assert answer["scr-cathode-max-msg"]["children"] == (
        "scr-cathode-max: '150' is not allowed; must be at least the 'from' value "
        "scr-cathode-min 200 um")
    assert "scr-job" not in answer  # no screen started


@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_a_save_into_a_workspace_that_cannot_be_made_is_refused_beside_the_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """`solidcell app --workspace FOLDER` with a FOLDER that cannot be made (a file, or a
    path under a file) started, and its Save answered 500 (the folder's OSError, uncaught):
    the refusal names the workspace, the reason and the option; nothing is written and the
    file in its way is kept."""
    from browserhelpers import SCREEN_DESIGN, callback_caller

    from solidcell.app.server import create_app, form_values
    from solidcell.cell.design import CellDesign

    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    blocker = tmp_path / "notes.txt"
    blocker.write_text("my notes", "utf-8")
    workspace = blocker if where == "a file" else blocker / "workspace"
    app = create_app(SCREEN_DESIGN.parent, workspace)
    original = form_values(CellDesign.from_yaml(SCREEN_DESIGN))
    call = callback_caller(app.server.test_client(), {
        **original, "design-source": str(SCREEN_DESIGN), "design-original": original,
        "save-name": "my-cell", "save-button": 1})
    try:
        answer = call("save-button.n_clicks", "save-result")
    finally:
        app.state.jobs.close()
    assert answer["save-name-msg"]["children"].startswith(
        f"workspace: {str(workspace)!r} is not allowed; a folder the dashboard can create and "
        "write in, given as `solidcell app --workspace FOLDER` (")
    assert answer["save-name-msg"]["children"].endswith("); nothing was saved")
    assert blocker.read_text("utf-8") == "my notes"
    assert not any(p.name.startswith("my-cell") for p in tmp_path.rglob("*"))


def test_a_value_refused_before_any_numbers_were_shown_does_not_speak_of_them(
        app: Any) -> None:
    """A value typed and refused before the design's first numbers came (the refusal's
    answer replaced the first one in the page) showed "the numbers and plots below are
    still those of the last accepted values" above empty plots. The page sends whether it
    shows numbers: without them the note says they appear once every value is accepted."""
    from solidcell.app.server import NOT_YET_NOTE, STALE_NOTE

    def note(shown: Any) -> str:
        answer = app.call("cathode-thickness.value", "design-metrics",
                          **{"cathode-thickness": "-5", "design-metrics": shown})
        assert answer["cathode-thickness-msg"]["children"].startswith(
            "cathode-thickness: -5 um is not allowed")
        assert "design-metrics" not in answer  # nothing shown is replaced
        return answer["design-stale"]["children"]

    assert note(None) == NOT_YET_NOTE
    assert "still" not in NOT_YET_NOTE
    shown = app.call("cathode-thickness.value", "design-metrics")["design-metrics"]["children"]
    assert shown
    assert note(shown) == STALE_NOTE


def test_an_unusable_materials_database_is_said_by_the_materials_forms(
        app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`SOLIDCELL_DB` naming a file that is no database: the detail box and both forms
    answered 500 ("a solidcell defect"); each now says the store's refusal, naming
    SOLIDCELL_DB, and the file is left as it was."""
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", "utf-8")
    monkeypatch.setenv("SOLIDCELL_DB", str(notes))
    refusal = f"SOLIDCELL_DB: {str(notes)!r} is not allowed; a database file path"
    assert _detail_refusal(app, "llzo").startswith(refusal)
    form = {f"m-{k}": v for k, v in FORM.items()}
    added = app.call("m-add.n_clicks", "m-result", **form, **{"m-add": 1})
    assert added["m-result"]["children"].startswith(f"not stored: {refusal}")
    measure = {f"mm-{k}": v for k, v in MEASURE.items()}
    measured = app.call("mm-add.n_clicks", "mm-result", **measure, **{"mm-add": 1})
    assert measured["mm-result"]["children"].startswith(f"not stored: {refusal}")
    assert notes.read_text("utf-8") == "my notes"


@pytest.mark.parametrize("typed", ["\x00", "lab\x1bnotes", "\u202eetoN", "my\u2066lab"])
@pytest.mark.parametrize("which", ["material", "measure"])
def test_a_source_with_a_control_or_direction_character_is_refused(
        store: Any, typed: str, which: str) -> None:
    """A source of NUL alone was stored (shown as an empty key), and a right-to-left
    override (U+202E) reversed what the page showed after it; both forms refuse such a text
    beside its box, naming the character, and store nothing."""
    code = next(f"U+{ord(c):04X}" for c in typed if not c.isalnum())
    if which == "material":
        result, msgs = add_material_from_form({**FORM, "source": typed}, store)
    else:
        result, msgs, _ = add_measurement_from_form({**MEASURE, "source": typed}, store)
    assert result == "not stored: fix the marked field"
    assert msgs["source"] == (f"source: {typed!r} is not allowed; plain text without control, "
                              f"invisible or direction-changing characters (this has {code})")
    assert "qa17_pellet" not in store and store.measurements() == []
