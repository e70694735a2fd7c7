"""Findings of the h296 review of the report: the Python entry points refuse arguments of the
wrong kind with a ValidationError naming the field, before any engine runs (they failed with
AttributeError, TypeError or FileExistsError, or wrote a report with its cost section "not
available"), and the materials overview's Markdown table keeps one row per material."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.materials.schema import Material
from solidcell.report import html as report_html
from solidcell.report.materials import materials_overview

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


@pytest.fixture(scope="module")
def design() -> CellDesign:
    return CellDesign.from_yaml(EV)


@pytest.fixture
def no_engines(monkeypatch):
    """Fail the test if a refusal came after the report's engines started."""

    def boom(*args, **kwargs):
        raise AssertionError("the engines ran before the refusal")

    monkeypatch.setattr(report_html, "render_report", boom)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"out_dir": None}, "out"),
    ({"out_dir": 5}, "out"),
    ({"out_dir": ""}, "out"),
    ({"filename": 5}, "filename"),
    ({"cost_options": "x"}, "cost_options"),
    ({"cost_options": {"prices": {"vgcf": 50}}}, "cost_options"),
])
def test_write_report_refuses_arguments_of_the_wrong_kind(design, tmp_path, no_engines,
                                                          kwargs, field):
    args = {"out_dir": tmp_path / "out", **kwargs}
    with pytest.raises(ValidationError) as exc:
        report_html.write_report(design, **args)
    assert exc.value.field == field
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("not_a_design", [str(EV), None, {"name": "x"}])
def test_write_report_refuses_what_is_not_a_design(tmp_path, no_engines, not_a_design):
    with pytest.raises(ValidationError) as exc:
        report_html.write_report(not_a_design, tmp_path)
    assert exc.value.field == "design" and "CellDesign" in str(exc.value)


def test_materials_overview_refuses_a_file_as_its_folder(tmp_path):
    a_file = tmp_path / "a_file"
    a_file.write_text("keep", "utf-8")
    with pytest.raises(ValidationError) as exc:
        materials_overview(a_file, materials=[])
    assert exc.value.field == "out"
    assert a_file.read_text("utf-8") == "keep"  # nothing stored is lost
    with pytest.raises(ValidationError):
        materials_overview(None, materials=[])


def test_materials_markdown_keeps_a_pipe_inside_its_cell(tmp_path):
    """A Markdown table row has as many cells as the header: a '|' in a name is escaped."""
    mat = Material(id="user_pipe", name="LPSCl | dry-mixed", category="electrolyte",
                   electrolyte_class="sulfide")
    overview = materials_overview(tmp_path, materials=[mat])
    lines = [x for x in overview.table_markdown.read_text("utf-8").splitlines()
             if x.startswith("|")]
    header, row = lines[0], lines[2]

    def cells(line: str) -> int:
        return line.replace("\\|", "").count("|")

    assert cells(row) == cells(header)
    assert "LPSCl \\| dry-mixed" in row


def test_electrode_potentials_name_the_source_of_each_voltage(design):
    """The stability section's potentials carry the source the voltage came from: the Li-In
    counter electrode's 0.62 V its measured value's key (santhosha2019, as `solidcell materials
    show li_in` gives it; it read "material data"), a voltage the design gives the design's
    field (it was credited to the cathode's last source, the capacity's noh2013_nmc)."""
    from solidcell.report.html import electrode_potentials

    half = design.replace(**{"anode.kind": "li_in"})
    anode = {label: (v, src) for label, v, src in electrode_potentials(half)}["anode average"]
    li_in = half.resolved().anode.materials["active"].get("average_voltage")
    assert anode == (pytest.approx(li_in.si), li_in.source) and li_in.source == "santhosha2019"

    given = design.replace(**{"cathode.average_voltage_V": 3.75})
    cathode = electrode_potentials(given)[0]
    assert cathode == ("cathode average", 3.75, "the design's cathode.average_voltage_V")
    # the design's own voltage: the material's source, as `materials show nmc811` gives it
    nmc = design.resolved().cathode.materials["active"].get("average_voltage")
    assert electrode_potentials(design)[0][2] == nmc.source
    li = electrode_potentials(design)[-1]
    assert li == ("anode average", 0.0, "Li/Li+ reference")


def test_published_cells_table_shows_what_is_known_of_each_level():
    """The note under the published cells says levels are as the sources state them; the
    compilation's conditions column, which says it ("electrive notes cell vs system level not
    specified" for the FEST 106 Ah B-sample), was not in the table."""
    from solidcell.report.html import section_energy
    from solidcell.report.real_cells import real_cells
    from solidcell.report.summary import summarize

    section = section_energy(summarize(CellDesign.from_yaml(EV)))
    assert "conditions and level" in section.body
    fest = next(c for c in real_cells() if c.cell == "FEST 106 Ah B-sample")
    assert "cell vs system level not specified" in fest.notes
    assert fest.notes in section.body


def test_a_folder_in_the_place_of_the_report_is_refused_before_the_engines(design, tmp_path,
                                                                           no_engines):
    """A folder named as the report file was refused only after every engine had run (17 s
    for the EV example), as "[Errno 21] Is a directory: '.../.NAME.PID.tmp' -> ...";
    nothing in it is touched."""
    blocker = tmp_path / f"{report_html._safe_name(design.name)}-report.html"
    blocker.mkdir()
    (blocker / "keep.txt").write_text("keep", "utf-8")
    with pytest.raises(ValidationError) as exc:
        report_html.write_report(design, tmp_path)
    assert exc.value.field == "out" and "is a folder" in str(exc.value)
    assert (blocker / "keep.txt").read_text("utf-8") == "keep"


def test_stack_diagram_says_its_total_is_one_cell_with_whole_collectors(design):
    """The diagram's "total 170 um (to scale)" for the EV example sat beside the breakdown's
    160 um repeat unit (half of each double-sided collector, the engine's Stack convention)
    without saying which it was; its total is the sum of the layers it draws."""
    from solidcell.report.html import stack_svg
    from solidcell.report.summary import summarize

    summary = summarize(design)
    total_um = sum(layer.thickness_m for layer in summary.layers) * 1e6
    svg = stack_svg(summary)
    assert f"total {total_um:.4g} um: one cell with whole current collectors" in svg


def test_materials_markdown_says_whose_value_each_cell_is(tmp_path):
    """The overview's cells show one value of a property among several (LGPS: the review's
    0-5 V window, not zhu2015_stability's computed 1.71-2.14 V) beside all of the material's
    sources; the Markdown now says which value a cell holds and where each value's source is."""
    from solidcell.materials.store import default_store
    from solidcell.report.materials import MARKDOWN_NOTE

    lgps = default_store().get("lgps")
    overview = materials_overview(tmp_path, materials=[lgps])
    text = overview.table_markdown.read_text("utf-8")
    assert MARKDOWN_NOTE in text and "solidcell materials show ID" in MARKDOWN_NOTE
    low = lgps.get("reduction_limit")  # the preferred (first) value is the one shown
    row = text.splitlines()[-1].split(" | ")
    assert f"{low.si:.3g}" in row


def test_areal_capacity_formula_names_the_first_cycle_loss_it_is_net_of():
    """The anode-free example (first_cycle_loss 0.1) showed "areal capacity 4.314 mAh/cm2"
    under "Areal capacity = active loading x specific capacity", which gives 4.793 (its
    cathode's, `solidcell design check`: Cathode areal capacity 47.93 A.h.m-2): the value is
    `evaluate`'s, net of the loss, and the formula now says so. A design without a loss keeps
    the plain formula."""
    from solidcell.report.html import section_design
    from solidcell.report.summary import summarize

    free = CellDesign.from_yaml(EV.parent / "anode-free-nmc811-lpscl.yaml")
    resolved = free.resolved()
    summary = summarize(free)
    assert resolved.first_cycle_loss == pytest.approx(0.1)
    assert summary.first_cycle_loss == pytest.approx(resolved.first_cycle_loss)
    assert summary.areal_capacity_mAh_cm2 == pytest.approx(
        resolved.areal_capacity_mAh_cm2 * (1 - resolved.first_cycle_loss))
    body = section_design(free, summary).body
    assert "active loading x specific capacity x (1 - first-cycle loss 0.1" in body

    ev = CellDesign.from_yaml(EV)
    ev_summary = summarize(ev)
    assert ev_summary.first_cycle_loss == 0.0
    assert "first-cycle loss" not in section_design(ev, ev_summary).body


def test_capacity_bases_note_names_the_first_cycle_loss():
    """The simulation section's note compares the simulation's capacity with the first
    section's; that one's basis now carries the loss it is net of."""
    from types import SimpleNamespace

    from solidcell.report.html import _capacity_bases

    result = SimpleNamespace(area_m2=1.0, utilisable_capacity_A_h=50.0)
    text = _capacity_bases(None, result, 4.314, 0.1)
    assert "practical specific capacity x (1 - first-cycle loss 0.1" in text
    assert "first-cycle loss" not in _capacity_bases(None, result, 4.793, 0.0)


def test_semi_solid_and_hybrid_cells_are_not_drawn_as_solid_state():
    """The published-cells plot coloured every row whose type holds "solid" as solid-state:
    WeLion's "semi-solid (hybrid solid-liquid)" 360 Wh/kg and ProLogium's "'lithium ceramic
    battery' (not necessarily all-solid)" 811.6 Wh/L were blue beside the all-solid-state
    cells; they are now "partly solid". Thin-film cells whose type says only "thin-film Li"
    are solid by their electrolyte class, "solid (thin film)"."""
    from solidcell.report.real_cells import real_cells

    kind = {c.cell: c.electrolyte_kind for c in real_cells()}
    assert kind["360 Wh/kg semi-solid cell (150 kWh pack)"] == "partly solid"
    assert kind["Si-composite-anode cell"] == "partly solid"
    assert kind["FEST 106 Ah B-sample"] == "partly solid"  # "quasi-solid-state Li-metal"
    assert kind["QSE-5 B-sample"] == "solid-state"
    assert kind["EnerChip CBC050"] == "solid-state"
    assert kind["4680 (Gen 1, Model Y)"] == "liquid"
    assert kind["Li-rich / thin-Li pouch (liquid, record)"] == "liquid"  # "(not SSB)"
    for cell in real_cells():  # the property keeps its meaning: solid-state, nothing less
        assert cell.is_solid_state == (cell.electrolyte_kind == "solid-state")
