"""The HTML report: self-contained, escaped, to scale, and honest about missing engines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.report.html import build_sections, stack_svg, write_report
from solidcell.report.summary import summarize

DESIGN = Path(__file__).resolve().parent / "data" / "ssb_ref1.yaml"
SECTION_IDS = ["design", "breakdown", "energy", "simulation", "arrhenius", "stability",
               "interfaces", "manufacturing", "bibliography"]


@pytest.fixture(scope="module")
def design() -> CellDesign:
    return CellDesign.from_yaml(DESIGN)


@pytest.fixture(scope="module")
def report(design: CellDesign, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    before = design.to_dict()
    path = write_report(design, tmp_path_factory.mktemp("report"))
    assert design.to_dict() == before  # the report never changes its design
    return path, path.read_text("utf-8")


def test_one_self_contained_file(report: tuple[Path, str]) -> None:
    path, html = report
    assert path.name == "ssb-ref-1-report.html"
    assert list(path.parent.iterdir()) == [path]
    # nothing is fetched: no scripts, no stylesheets, no remote images or frames
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)
    assert html.count("data:image/png;base64,") >= 2  # energy chart, Arrhenius plot
    assert "<svg" in html  # the to-scale stack diagram


def test_every_section_is_present_or_says_why_not(report: tuple[Path, str]) -> None:
    _, html = report
    for sid in SECTION_IDS:
        match = re.search(rf'<section id="{sid}">(.*?)</section>', html, re.S)
        assert match, sid
        body = match.group(1)
        if "not available:" in body:
            # an unavailable section shows its reason and no table, plot or diagram
            assert "<table" not in body and "<img" not in body and "<svg" not in body, sid


def test_case_numbers_in_the_report(report: tuple[Path, str]) -> None:
    """SSB-REF-1 (tests/data/cell/energy_density_cases.csv, source solidcell_energy_cases):
    areal capacity 6.175 mAh/cm2, stack 471.459 Wh/kg and 1380.294 Wh/L."""
    _, html = report
    design_part = re.search(r'<section id="design">(.*?)</section>', html, re.S).group(1)
    assert f"<td class=\"num\">{6.175:.4g}</td>" in design_part
    energy = re.search(r'<section id="energy">(.*?)</section>', html, re.S).group(1)
    assert f"{471.459:.4g}" in energy and f"{1380.294:.4g}" in energy


def test_bibliography_lists_every_source_used(design: CellDesign,
                                              report: tuple[Path, str]) -> None:
    _, html = report
    for key in summarize(design).sources:
        assert f'id="ref-{key}"' in html, key
    assert 'id="ref-solidcell_real_cells"' in html
    assert "keys not in the bibliography" not in html


def test_names_are_escaped(design: CellDesign, tmp_path: Path) -> None:
    evil = design.replace(name='<script>alert("x")</script>')
    html = write_report(evil, tmp_path).read_text("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("name", ["../escape.html", "sub/dir.html", "report.txt", ""])
def test_bad_filename_is_refused(design: CellDesign, tmp_path: Path, name: str) -> None:
    with pytest.raises(ValidationError, match="filename"):
        write_report(design, tmp_path, filename=name)
    assert not any(tmp_path.iterdir())


def test_missing_engine_is_reported_not_faked(design: CellDesign, monkeypatch) -> None:
    """A section whose engine cannot be imported says so (the import fails as it would
    in an installation without that engine)."""
    import sys

    monkeypatch.setitem(sys.modules, "solidcell.manufacturing.routes", None)
    sections = {s.id: s for s in build_sections(design)}
    assert sections["manufacturing"].note.startswith("not available:")
    assert sections["manufacturing"].body == ""


_SVG_RECT = re.compile(r'<rect x="20" y="[\d.]+" width="240" height="([\d.]+)"')


@settings(max_examples=10, deadline=None)
@given(cathode=st.floats(20, 300), sep=st.floats(5, 200))
def test_stack_diagram_is_to_scale(design: CellDesign, cathode: float, sep: float) -> None:
    d = design.replace(**{"cathode.thickness_m": cathode * 1e-6, "anode.thickness_m": None,
                          "anode.np_ratio": 1.5,
                          "separator.thickness_m": sep * 1e-6})
    summary = summarize(d)
    heights = [float(h) for h in _SVG_RECT.findall(stack_svg(summary))]
    thick = [layer.thickness_m for layer in summary.layers]
    assert len(heights) == len(thick)
    for h, t in zip(heights, thick, strict=True):
        assert h == pytest.approx(max(t * 360.0 / sum(thick), 0.5), abs=0.01)


def test_report_cost_is_the_cost_command_s() -> None:
    """The report prices the design as `solidcell cost` does (the cost model plans its own
    route, choosing processes by cost per good m2); it used to cost the step-cost ranking's
    route instead."""
    import html as html_lib

    from solidcell.manufacturing.cost import cell_cost
    from solidcell.report.html import section_manufacturing

    ev = CellDesign.from_yaml(Path(__file__).resolve().parents[2] / "examples"
                              / "oxide-lco-llzo-li.yaml")
    expected = cell_cost(ev)
    assert expected.has_cost
    body = html_lib.unescape(section_manufacturing(ev).body)
    # the report shows 4 significant digits, rounded (the first 5 characters of the 6-digit
    # text, compared before, fail whenever rounding changes the 4th digit: 428.85 -> 428.9)
    cell = f"{expected.cell_cost_USD_per_kWh:.4g}"
    assert f'Cell cost [USD.kW.h-1]</td><td class="num">{cell}</td>' in body
