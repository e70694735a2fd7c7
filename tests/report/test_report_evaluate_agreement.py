"""The report read as a cell engineer sends it to a colleague: its numbers are those of
`solidcell evaluate` (``evaluate(design).values``, the numbers of ``evaluate --json``) in the
units the rows name, a measured tortuosity factor's rule is shown with the power it changes,
the energy chart's labels of the design read whole, temperatures in K are shown as given, and
an output folder that cannot be made is refused before the report is rendered."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate, tortuosity_rule
from solidcell.errors import ValidationError
from solidcell.report import html as report_html
from solidcell.report.html import json_html, section_breakdown, section_design, write_report
from solidcell.report.summary import numeric_items, summarize

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _ev(**changes: object) -> CellDesign:
    """The EV example with ``changes`` (dotted design paths) applied."""
    data = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml").model_dump(mode="json")
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = data
        for p in parents:
            node = node[p]
        node[last] = value
    return CellDesign.model_validate(data)


def _tau_design() -> CellDesign:
    """The EV example with a measured cathode tortuosity factor (4.3: a value inside the
    range docs/cell.md quotes for NCM | Li6PS5Cl composites; here only a design input)."""
    return _ev(**{"name": "EV tau", "cathode.tortuosity_factor": 4.3})


def _graphite_design() -> CellDesign:
    """The tortuosity design with a graphite composite anode (curated ``graphite``) that has
    Li6PS5Cl in it and a tortuosity factor of its own."""
    anode = {"kind": "graphite", "material": "graphite", "np_ratio": 1.1,
             "electrolyte": "li6ps5cl", "active_fraction": 0.6, "electrolyte_fraction": 0.4,
             "tortuosity_factor": 3.0}
    return _ev(**{"name": "EV graphite", "cathode.tortuosity_factor": 4.3, "anode": anode})


def _cells(body: str) -> list[str]:
    return [html_lib.unescape(re.sub(r"<[^>]+>", "", c))
            for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]


def _after(cells: list[str], label: str) -> str:
    return cells[cells.index(label) + 1]


@pytest.mark.parametrize("make", [_tau_design, _graphite_design])
def test_tortuosity_rule_and_power_agree_with_evaluate(make) -> None:
    """The design section names each composite layer's conductivity rule in the energy
    engine's words, and the breakdown shows the power that rule gives, as evaluate does (the
    report showed neither: a design's tortuosity factor changed no number in it)."""
    design = make()
    result = evaluate(design)
    values = result.values
    summary = summarize(design)
    rows = _cells(section_design(design, summary).body)
    assert (_after(rows, "cathode effective ionic conductivity")
            == tortuosity_rule(design.cathode.tortuosity_factor))
    if design.anode.kind == "graphite":
        assert (_after(rows, "anode effective ionic conductivity")
                == tortuosity_rule(design.anode.tortuosity_factor))
    else:
        assert "anode effective ionic conductivity" not in rows
    # the rule is the one the engine's result names
    assert tortuosity_rule(design.cathode.tortuosity_factor) in result.conventions["Power"]
    body = section_breakdown(summary).body
    cells = _cells(body)
    # Ohm.m2 -> Ohm cm2: 1 m2 = 1e4 cm2
    assert float(_after(cells, "area-specific resistance [Ohm cm2]")) == pytest.approx(
        values["Area-specific resistance [Ohm.m2]"] * 1e4, rel=1e-3)
    for label, key in (("maximum C-rate [1/h]", "Maximum C-rate [h-1]"),
                       ("stack specific power [W/kg]", "Stack specific power [W.kg-1]"),
                       ("stack power density [W/L]", "Stack power density [W.L-1]"),
                       ("cell specific power [W/kg]", "Cell specific power [W.kg-1]"),
                       ("cell power density [W/L]", "Cell power density [W.L-1]")):
        assert float(_after(cells, label)) == pytest.approx(values[key], rel=1e-3), label
    assert html_lib.escape(result.conventions["Power"], quote=False) in body


def test_tortuosity_factor_changes_the_reported_power() -> None:
    """A tortuosity factor above Bruggeman's (eps^-0.5 = 1.77 at eps = 0.32) lowers the
    conductivity of the composite, hence the reported maximum C-rate."""
    def c_rate(design: CellDesign) -> float:
        cells = _cells(section_breakdown(summarize(design)).body)
        return float(_after(cells, "maximum C-rate [1/h]"))

    plain = _ev()
    rows = _cells(section_design(plain, summarize(plain)).body)
    assert _after(rows, "cathode effective ionic conductivity") == tortuosity_rule(None)
    assert c_rate(_tau_design()) < c_rate(plain)


def test_power_not_computed_says_so() -> None:
    """PEGDA at 60 degC has no activation energy: evaluate computes no power; the power rows
    say "not computed" (they showed "-"), never nan."""
    text = (EXAMPLES / "polymer-lfp-peo-li.yaml").read_text("utf-8")
    design = CellDesign.from_yaml(text.replace("peo_litfsi", "pegda_xl"))
    assert evaluate(design).conventions["Power"].startswith("not computed")  # the premise
    body = section_breakdown(summarize(design)).body
    cells = _cells(body)
    assert _after(cells, "maximum C-rate [1/h]").startswith("not computed")
    assert "nan" not in cells


@pytest.mark.parametrize("example", ["ev-nmc811-lpscl-li.yaml", "thin-film-lco-lipon-li.yaml"])
def test_energy_chart_labels_are_whole_and_are_evaluate_s(example: str) -> None:
    """The design's bars of the energy chart were labelled with the engine's keys cut at 45
    characters ("THIS DESIGN: stack / Gravimetric energy densi", three alike); now by level,
    each value evaluate's, and a "with substrate" bar only where a substrate changes it."""
    design = CellDesign.from_yaml(EXAMPLES / example)
    values = evaluate(design).values
    energy = numeric_items(summarize(design).energy)
    bars = report_html._design_bars(
        {k: v for k, v in energy.items() if "[W.h.kg-1]" in k})
    assert all(len(label) <= 45 for label in bars), list(bars)
    assert bars["THIS DESIGN: stack"] == pytest.approx(
        values["Stack gravimetric energy density [W.h.kg-1]"])
    assert bars["THIS DESIGN: cell"] == pytest.approx(
        values["Cell gravimetric energy density [W.h.kg-1]"])
    with_sub = values["Stack with substrate gravimetric energy density [W.h.kg-1]"]
    differs = with_sub != values["Stack gravimetric energy density [W.h.kg-1]"]
    assert ("THIS DESIGN: stack with substrate" in bars) is differs
    assert differs is (design.format.substrate is not None)
    if differs:
        assert bars["THIS DESIGN: stack with substrate"] == pytest.approx(with_sub)


@pytest.mark.parametrize("example", ["ev-nmc811-lpscl-li.yaml", "thin-film-lco-lipon-li.yaml"])
def test_energy_table_lists_with_substrate_values_only_where_there_is_a_substrate(
        example: str) -> None:
    """The energy section's table repeated each stack value as "With substrate" for a design
    without a substrate (the chart already drew it once); the thin-film cell on its substrate
    keeps both."""
    design = CellDesign.from_yaml(EXAMPLES / example)
    cells = _cells(report_html.section_energy(summarize(design)).body)
    with_substrate = [c for c in cells if "with substrate" in c.lower() and " / " in c]
    assert bool(with_substrate) is (design.format.substrate is not None), with_substrate


def test_kelvin_is_shown_as_given() -> None:
    """Process temperatures (K) in the route tables read 298.15 and 393.15 (room temperature
    and 120 degC), not "298.1" and "393.1" (four significant digits)."""
    data = {"Routes": [{"Layer": "cathode", "Process temperature [K]": 393.15}],
            "Temperature [K]": 298.15,
            "Steps": [{"Step": {"Process temperature [K]": 298.15}}]}
    cells = _cells(json_html(data))
    assert "298.15" in cells and "393.15" in cells
    assert "298.1" not in cells and "393.1" not in cells


def test_unmakeable_output_folder_is_refused_before_rendering(tmp_path: Path,
                                                              monkeypatch) -> None:
    """A folder under an existing file cannot be made: the refusal names --out and comes
    before the engines run (it came after every section had been computed)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")

    def not_reached(*args: object, **kwargs: object) -> str:
        raise AssertionError("the report was rendered before the folder was checked")

    monkeypatch.setattr(report_html, "render_report", not_reached)
    with pytest.raises(ValidationError, match=r"out.*must be a folder the report can be"):
        write_report(_ev(), blocker / "sub")


def test_arrhenius_legend_names_only_the_classes_drawn() -> None:
    """The report's Arrhenius plot of the EV design (one sulfide) had a legend of all six
    electrolyte classes of the knowledge base and a title about the whole knowledge base."""
    import matplotlib.pyplot as plt

    from solidcell.materials import resolve
    from solidcell.report.materials import arrhenius_figure

    fig, plotted = arrhenius_figure([resolve("li6ps5cl")], title="Electrolytes of the design")
    try:
        legend = fig.axes[1].get_legend()
        assert [t.get_text() for t in legend.get_texts()] == [
            resolve("li6ps5cl").electrolyte_class.replace("_", " ")]
        assert fig._suptitle.get_text().startswith("Electrolytes of the design")
        assert plotted == 1
    finally:
        plt.close(fig)


@pytest.mark.parametrize("example", ["ev-nmc811-lpscl-li.yaml",
                                     "interdigitated-3d-nmc811-lpscl-li.yaml"])
def test_electrolyte_filling_row_only_where_there_is_one(example: str) -> None:
    """The mass breakdown lists the 3D electrolyte filling as `solidcell evaluate` does: with
    its areal mass where the design has one (interdigitated 3D), not at all for a planar cell,
    whose report had an "Electrolyte filling | 0 | 0.0 %" row."""
    design = CellDesign.from_yaml(EXAMPLES / example)
    filling = evaluate(design).values["Electrolyte filling areal mass [kg.m-2]"]
    cells = _cells(section_breakdown(summarize(design)).body)
    if filling > 0:
        assert float(_after(cells, "Electrolyte filling")) == pytest.approx(
            filling * 100.0, rel=1e-3)  # kg/m2 -> mg/cm2
    else:
        assert "Electrolyte filling" not in cells
    assert example.startswith("ev") == (filling == 0)  # planar: none; 3D: the gap's filling
