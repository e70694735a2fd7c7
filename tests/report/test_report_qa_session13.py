"""The report's file as a user meets it (fresh-eyes QA): a design named in any script gets its
own file, the report replaces an older one whole and leaves the folder's other files alone,
and its simulation numbers are the engine's for the same design and experiment."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.report.html import _fmt, _safe_name, write_report
from solidcell.simulation.runs import simulate

FILM = Path(__file__).resolve().parents[2] / "examples" / "thin-film-lco-lipon-li.yaml"


@pytest.mark.parametrize(("name", "file"), [
    ("薄膜 电池", "薄膜-电池"),            # was 'design': every such report was one file
    ("Λίθιο / LLZO", "Λίθιο-LLZO"),       # a path separator never reaches the file name
    ("../../etc/x", "etc-x"),
    ("ssb ref 1", "ssb-ref-1"),
    ("///", "design"),
])
def test_a_design_name_becomes_a_file_name_in_its_own_script(name: str, file: str) -> None:
    assert _safe_name(name) == file


def test_a_unicode_report_replaces_its_old_self_and_keeps_the_folder(tmp_path: Path) -> None:
    """A real report of the small thin-film example (about 6 s)."""
    design = CellDesign.from_file(FILM).model_copy(update={"name": "Λίθιο / A"})
    out = tmp_path / "reports"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    old = out / "Λίθιο-A-report.html"
    old.write_text("an older report", encoding="utf-8")
    experiment = "Discharge at 1C until 3.5 V"
    path = write_report(design, out, experiment=experiment)
    assert path == old
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", old.name]  # no temp file
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!") and "an older report" not in text
    # the simulation section shows the engine's numbers for the same design and experiment
    result = simulate(design, experiment)
    for value in (result.delivered_capacity_A_h, result.delivered_energy_W_h,
                  result.utilisable_capacity_A_h):
        assert f">{html.escape(_fmt(value))}</td>" in text
