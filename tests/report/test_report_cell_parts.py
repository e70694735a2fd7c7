"""The report shows what a cell engineer needs about the new cell features: the interlayer
films and the substrate in the design and the mass breakdown, the simulation's notes (assumed
values, why a step ended) and the missing-price reason of the cost, and never a Python repr
(True, nan, a list) in a table. The last test reads the thin-film report in a real browser."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.report.html import (
    _fmt,
    section_breakdown,
    section_design,
    section_manufacturing,
    section_simulation,
    table,
    write_report,
)
from solidcell.report.summary import summarize

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHROMIUM = Path("/usr/bin/chromium")


def _films_design() -> CellDesign:
    """The EV example with a 40 um polyimide film between groups of 2 of its 20 layers."""
    data = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml").model_dump(mode="json")
    data["name"] = "EV with interlayer films"
    data["format"]["interlayer_film"] = {"material": "polyimide", "thickness": "40 um",
                                         "every": 2}
    return CellDesign.model_validate(data)


def _cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_interlayer_films_in_design_and_breakdown() -> None:
    design = _films_design()
    values = evaluate(design).values
    summary = summarize(design)
    rows = _cells(section_design(design, summary).body)
    assert "polyimide between groups of 2 repeat unit(s)" in rows
    assert rows[rows.index("interlayer film thickness (each) [um]") + 1] == "40"
    body = section_breakdown(summary).body
    cells = _cells(body)
    film_g = values["Cell interlayer film mass [kg]"] * 1e3
    cell_g = values["Cell mass [kg]"] * 1e3
    assert film_g > 0
    assert float(cells[cells.index("interlayer films") + 1]) == pytest.approx(film_g, rel=1e-3)
    assert float(cells[cells.index("cell") + 1]) == pytest.approx(cell_g, rel=1e-3)
    # the parts add up to the cell: the engine's sum, not a second model
    parts = ("repeat units (electrode stack)", "interlayer films", "casing and tabs")
    assert sum(float(cells[cells.index(p) + 1]) for p in parts) == pytest.approx(cell_g,
                                                                                rel=1e-3)
    # 20 layers in groups of 2: 20/2 - 1 = 9 films of 40 um through the stack
    total = cells[cells.index("interlayer films, total thickness in the stack [um]") + 1]
    assert float(total) == pytest.approx(9 * 40)


def test_design_without_films_has_no_film_rows() -> None:
    design = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    summary = summarize(design)
    assert "interlayer" not in section_design(design, summary).body
    body = section_breakdown(summary).body
    assert "Whole cell" in body
    assert not [c for c in _cells(body) if c.startswith("interlayer")]


def test_thin_film_substrate_is_shown() -> None:
    design = CellDesign.from_yaml(EXAMPLES / "thin-film-lco-lipon-li.yaml")
    values = evaluate(design).values
    summary = summarize(design)
    rows = _cells(section_design(design, summary).body)
    assert rows[rows.index("substrate") + 1] == "mica"
    assert rows[rows.index("substrate thickness [um]") + 1] == "20"
    cells = _cells(section_breakdown(summary).body)
    assert float(cells[cells.index("substrate") + 1]) == pytest.approx(
        values["Substrate mass [kg]"] * 1e3, rel=1e-3)


def test_power_not_computed_is_a_visible_note() -> None:
    """The polymer example at 60 degC with PEGDA for PEO-LiTFSI (which has a measured 25-100 C
    series now): PEGDA has one conductivity value (25 degC) and no activation energy, so the
    energy engine computes no power; the breakdown section says so in its note and lists the
    engine's conventions."""
    text = (EXAMPLES / "polymer-lfp-peo-li.yaml").read_text("utf-8")
    design = CellDesign.from_yaml(text.replace("peo_litfsi", "pegda_xl"))
    power = evaluate(design).conventions["Power"]
    assert power.startswith("not computed")  # the premise (the knowledge base as shipped)
    section = section_breakdown(summarize(design))
    assert section.note == f"power {power}"
    assert "Conventions of the energy engine" in section.body


def test_table_cells_are_never_python_reprs() -> None:
    assert (_fmt(True), _fmt(False), _fmt(None)) == ("yes", "no", "-")
    assert _fmt(math.nan) == "-" and _fmt(math.inf) == "-" and _fmt(-math.inf) == "-"
    html = table(["quantity", "value"], [("Feasible", True), ("x", math.nan), ("y", 2.5)])
    assert _cells(html) == ["Feasible", "yes", "x", "-", "y", "2.5"]
    assert '<td class="num">yes' not in html  # a boolean is not a number column


def test_simulation_notes_are_shown() -> None:
    """The thin-film cell simulates with the thin-film model; the model's notes (no interface
    resistance assumed: 0 Ohm cm2; why the step ended) reach the section note."""
    design = CellDesign.from_yaml(EXAMPLES / "thin-film-lco-lipon-li.yaml")
    section = section_simulation(design, "Discharge at C/10 until 3 V")
    assert "thin-film model" in section.note
    assert "no interface resistance" in section.note
    assert "Rate capability" in section.body and "C-rate [h-1]" in section.body
    assert section.body.count("<img") == 2  # voltage curve and Ragone plot
    # both capacity bases are named: the simulation's OCP window and the design's practical
    # capacity (the first section's number), so the two figures are not read as one
    practical = design.resolved().areal_capacity_mAh_cm2
    assert f"first section is {_fmt(practical)} mAh/cm2" in section.body
    assert "OCP data window" in section.body


def test_missing_prices_are_a_visible_note() -> None:
    design = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    section = section_manufacturing(design)
    assert section.note.startswith("cost not available: no price for")
    assert "vgcf" in section.note


@pytest.mark.skipif(not CHROMIUM.exists(),
                    reason="browser tests need Debian's chromium at /usr/bin/chromium; run "
                           "scripts/setup-browser.sh")
def test_thin_film_report_in_the_browser(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    design = CellDesign.from_yaml(EXAMPLES / "thin-film-lco-lipon-li.yaml")
    path = write_report(design, tmp_path)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            sim = page.locator("section#simulation")
            assert "no interface resistance" in sim.locator("p.note").inner_text()
            images = page.locator("img.plot")
            assert images.count() >= 5
            widths = images.evaluate_all("els => els.map(e => e.naturalWidth)")
            assert all(w > 0 for w in widths), widths
            text = page.inner_text("body")
        finally:
            browser.close()
    for pattern in (r"\bnan\b", r"\binf\b", r"\bTrue\b", r"\bFalse\b", r"\['", r"\{'",
                    r"object at 0x"):
        found = re.search(pattern, text)
        assert found is None, text[max(0, found.start() - 80):found.end() + 40]
    assert "substrate\tmica" in text


@pytest.mark.parametrize("example", ["bipolar-nmc811-lpscl-li.yaml", "ev-nmc811-lpscl-li.yaml"])
def test_design_section_shows_the_cell_voltage_evaluate_gives(example: str) -> None:
    """A bipolar stack's cell voltage is its cells in series times one cell's (evaluate:
    6 x 3.8 = 22.8 V); the report showed one cell's 3.8 V as 'average cell voltage'."""
    design = CellDesign.from_yaml(EXAMPLES / example)
    rows = _cells(section_design(design, summarize(design)).body)
    shown = float(rows[rows.index("average cell voltage [V]") + 1])
    assert shown == pytest.approx(evaluate(design).values["Cell voltage [V]"], rel=1e-3)
    n = design.architecture.cells_in_series
    assert ("cells in series (bipolar)" in rows) is (n > 1)
