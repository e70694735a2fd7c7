"""Report rendering details found in a QA pass: nested records are readable text (never a
Python repr), BibTeX escapes do not leak into the bibliography, and an unavailable stability
section names the material and its reason once."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import SolidcellError
from solidcell.report import html as report_html
from solidcell.report.html import _cell, json_html, section_bibliography, section_stability

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

SCALAR = st.one_of(st.none(), st.booleans(), st.floats(allow_nan=False, width=32),
                   st.text(st.characters(codec="ascii", categories=["L", "N"]), max_size=8))
RECORD = st.dictionaries(st.text(st.characters(codec="ascii", categories=["L"]),
                                 min_size=1, max_size=6),
                         st.one_of(SCALAR, st.lists(SCALAR, max_size=3)), max_size=4)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({"Build order": st.text(
                                           st.characters(codec="ascii", categories=["L", "N"]),
                                           max_size=5),
                                       "Steps": st.lists(RECORD, min_size=1, max_size=3)}),
                min_size=1, max_size=3))
def test_nested_records_are_never_a_python_repr(records):
    body = json_html({"Routes": records})
    cells = re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
    assert not any(c.lstrip().startswith(("{", "[")) for c in cells), cells
    assert "&#39;:" not in body  # the escaped form of "'key':" of a dict repr


def test_route_steps_read_as_text():
    steps = [{"Layer": "separator", "Process": "tape_casting", "Reasons": [],
              "Process temperature [K]": 1503.15}]
    # a temperature in K as given (1230 degC), not to four digits ("1503")
    assert _cell(steps) == ("Layer: separator, Process: tape_casting, "
                            "Process temperature [K]: 1503.15")


def test_bibliography_has_no_bibtex_escapes():
    body = section_bibliography(["solidcell_real_cells", "srivastava_review"]).body
    assert "real_cells.csv" in body
    assert "\\_" not in body and "\\&amp;" not in body


def test_unavailable_stability_names_material_once(monkeypatch):
    """No computed window: the note names the material once (the section stays, with the
    knowledge base's measured window, tests/report/test_report_leftovers.py)."""
    design = CellDesign.from_yaml(EXAMPLES / "polymer-lfp-peo-li.yaml")

    def no_window(target):
        raise SolidcellError(f"{target}: polymer: no DFT phase diagram")

    monkeypatch.setattr(report_html, "find_engine", lambda *a: no_window)
    message = section_stability(design).note
    assert message.count("not available") == 1, message
    assert message.count("peo_litfsi:") == 1, message


def test_out_that_is_a_file_is_refused_before_rendering(tmp_path, monkeypatch):
    import pytest

    from solidcell.errors import ValidationError

    design = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    a_file = tmp_path / "taken"
    a_file.write_text("x", encoding="utf-8")

    def never(*a, **k):  # rendering would take minutes; the check comes first
        raise AssertionError("rendered before checking the output folder")

    monkeypatch.setattr(report_html, "render_report", never)
    with pytest.raises(ValidationError) as err:
        report_html.write_report(design, a_file)
    assert err.value.field == "out"
    monkeypatch.setattr(report_html, "render_report", lambda *a, **k: "<html></html>")
    with pytest.raises(ValidationError) as err:
        report_html.write_report(design, a_file / "sub")
    assert err.value.field == "out"


def test_bad_experiment_is_refused_before_rendering(tmp_path, monkeypatch):
    """`solidcell report --experiment banana` used to write a report whose simulation section
    said "not available", with nothing on the command line."""
    import pytest

    from solidcell.errors import ValidationError

    design = CellDesign.from_yaml(EXAMPLES / "oxide-lco-llzo-li.yaml")

    def never(*a, **k):
        raise AssertionError("rendered before checking the experiment")

    monkeypatch.setattr(report_html, "render_report", never)
    for bad in ("banana", "Discharge at 1C until 3 V; Dance for 1 hour"):
        with pytest.raises(ValidationError, match="is not a PyBaMM step") as err:
            report_html.write_report(design, tmp_path, experiment=bad)
        assert err.value.field == "experiment"
    assert not list(tmp_path.iterdir())


def test_frame_keys_show_as_labels_in_the_tables_and_stay_in_the_json():
    # docs/conventions.md: the keys that frame a JSON answer are lowercase ("warnings");
    # the HTML tables show a label ("Warnings"), the engine's JSON keeps its key
    from solidcell.mechanics.volume import mechanics_check

    mech = mechanics_check(CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml"))
    assert "warnings" in mech.to_json()
    body = json_html(mech)
    assert "<td>Warnings</td>" in body
    shown = json_html({"Name": "x", "warnings": ["w"], "notes": ["n"], "conventions": "c",
                       "Level": {"notes": ["m"]},
                       "Rows": [{"Note": "a", "notes": "b", "sources": ["k"]}]})
    labels = re.findall(r"<t[dh]>([^<]*)</t[dh]>", shown)
    for frame in ("warnings", "notes", "conventions", "Level / notes"):
        assert frame not in labels
    for label in ("Warnings", "Notes", "Conventions", "Level / Notes", "Name", "Note"):
        assert label in labels
    assert "sources" not in labels  # the sources are left to the section


def test_only_whole_frame_keys_are_relabelled():
    # a key that only contains a frame word, or a data key, is shown as it is
    for key in ("warnings count", "Sources of error", "li6ps5cl", "stack / notes x"):
        assert report_html._label(key) == key
    assert report_html._label("cell / warnings") == "cell / Warnings"
