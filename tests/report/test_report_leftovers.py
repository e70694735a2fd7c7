"""Three report defects left by the session-14 review (helper 226):

1. the stability section of a polymer design said "use the measured window" without showing
   it: the knowledge base's measured windows (reduction_limit / oxidation_limit of a method
   measured, review or datasheet) are shown with their source and conditions and compared
   with the electrode potentials; where none is stored the section says so;
2. the interdigitated 3D example's design table showed "separator thickness 20 um" and
   "anode thickness 0 um" beside N/P 1.721: it now says what they are in a 3D cell and
   shows the plates' geometry per footprint area, by the energy engine's formulas;
3. the cold-sintering refusal "3.6e+05 s/m2 exceeds 3.6e+03 s/m2" named no source: a slow
   step names the numbers its time comes from and their source keys, as a rate does.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from test_report_cli_json_agreement import pairs, tables_of

from solidcell.cell.design import CellDesign
from solidcell.citations import reference
from solidcell.materials import get
from solidcell.report.html import (
    MEASURED_WINDOW_METHODS,
    _measured_html,
    electrode_potentials,
    measured_windows,
    section_design,
    section_stability,
    stack_svg,
)
from solidcell.report.summary import flatten_json, summarize

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
INTERDIGITATED = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"
VERTICAL = EXAMPLES / "vertically-aligned-lco-llzo-li.yaml"
REL = 5.1e-4  # the tables' 4 significant digits


def _tables(section) -> list:
    return tables_of(f'<section id="{section.id}">{section.body}</section>')


def _rows(section, heading: str) -> list[dict[str, str]]:
    for _, head, rows in _tables(section):
        if head == heading:
            return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    return []


def _close(shown: str, value: float) -> bool:
    return math.isclose(float(shown), value, rel_tol=REL, abs_tol=1e-9)


# --- 1. measured windows ------------------------------------------------------------------

def test_polymer_section_shows_the_measured_window_with_source_and_conditions():
    """PEO-LiTFSI has no DFT window; its window in the knowledge base is 0-4.5 V vs Li/Li+
    (srivastava_review, Table 3, method review): shown, with the source among the section's
    sources, and compared with LFP's 3.4 V (srivastava_review) and lithium's 0 V: inside."""
    design = CellDesign.from_yaml(EXAMPLES / "polymer-lfp-peo-li.yaml")
    section = section_stability(design)
    assert "computed window not available" in section.note
    (row,) = _rows(section, "Measured windows in the knowledge base")
    assert row["electrolyte"] == "peo_litfsi"
    assert float(row["reduction limit [V]"]) == 0.0 and float(row["oxidation limit [V]"]) == 4.5
    assert row["method"] == "review" and row["source"] == "srivastava_review"
    assert "Table 3" in row["conditions"] and "temperature not stored" in row["conditions"]
    assert "srivastava_review" in section.sources
    checks = _rows(section, "Measured windows against electrode potentials")
    potentials = electrode_potentials(design)
    assert [(c["electrode potential"], float(c["V vs Li/Li+"])) for c in checks] == [
        (label, pytest.approx(v)) for label, v, _ in potentials]
    assert {c["measured window"] for c in checks} == {"inside the window"}
    assert "peo_litfsi, measured" in section.body  # the chart's bar, source in its tooltip
    assert "0-4.5 V (srivastava_review)" in section.body


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_every_example_shows_each_electrolytes_measured_windows(example):
    """Property: the measured table is the knowledge base's measured windows of the design's
    electrolytes, nothing else (no computed or estimated limit), each source a bib key, and
    each window checked against every electrode potential."""
    from solidcell.report.html import electrolytes_of

    design = CellDesign.from_yaml(EXAMPLES / example)
    section = section_stability(design)
    shown = _rows(section, "Measured windows in the knowledge base")
    stored = [w for m in electrolytes_of(design) for w in measured_windows(m)]
    assert len(shown) == len(stored) > 0
    for row, w in zip(shown, stored, strict=True):
        assert row["electrolyte"] == w.electrolyte and row["source"] == w.source
        assert row["method"] in MEASURED_WINDOW_METHODS
        assert _close(row["reduction limit [V]"], w.reduction_V)
        assert _close(row["oxidation limit [V]"], w.oxidation_V)
        reference(w.source)
        assert w.source in section.sources
    checks = _rows(section, "Measured windows against electrode potentials")
    assert len(checks) == len(stored) * len(electrode_potentials(design))


def test_computed_limits_are_not_shown_as_measured():
    """LLZO stores zhu2015_stability's DFT limits (0.05-2.91 V, computed) beside the review's
    experimental 0-5 V: only the latter is a measured window."""
    (w,) = measured_windows(get("llzo"))
    assert (w.reduction_V, w.oxidation_V, w.source) == (0.0, 5.0, "srivastava_review")
    assert all(v.method == "computed" for n in ("reduction_limit", "oxidation_limit")
               for v in get("llzo").values(n) if v.source == "zhu2015_stability")


def test_an_electrolyte_without_a_measured_window_is_said_plainly():
    """Li3YCl6 stores no reduction_limit or oxidation_limit: no table, one plain sentence."""
    mat = get("li3ycl6")
    assert not mat.values("reduction_limit") and not mat.values("oxidation_limit")
    assert measured_windows(mat) == []
    design = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    body, sources, bars = _measured_html([mat], electrode_potentials(design))
    assert "li3ycl6: no measured window" in body and "<table" not in body
    assert sources == [] and bars == []


def test_a_one_sided_measured_window_is_compared_on_its_side():
    from solidcell.report.html import _verdict

    assert _verdict(3.9, 0.0, None).startswith("inside the stored side (oxidation")
    assert _verdict(5.5, None, 5.0) == "above the oxidation limit"
    assert _verdict(-0.1, 0.0, None) == "below the reduction limit"


# --- 2. the 3D design table ---------------------------------------------------------------

@pytest.fixture(scope="module")
def interdigitated():
    from solidcell.cell.energy import evaluate

    design = CellDesign.from_yaml(INTERDIGITATED)
    summary = summarize(design)
    rows = pairs(_tables(section_design(design, summary)), "design")
    return design, summary, rows, flatten_json(evaluate(design).to_json())


def test_interdigitated_separator_and_anode_rows_say_what_they_are(interdigitated):
    """evaluate gives Separator and Anode thickness 0 (the gaps and plates lie inside the
    cathode's height): the rows say so, naming the gap and the plates' width."""
    design, _, rows, data = interdigitated
    assert data["Separator thickness [m]"] == 0.0 and data["Anode thickness [m]"] == 0.0
    sep, anode = rows["separator thickness [um]"], rows["anode thickness [um]"]
    assert sep.startswith("0 in the stack") and "20 um, architecture.gap_m" in sep
    assert anode.startswith("0 in the stack") and "25 um wide" in anode
    assert _close(rows["gap between plates (the separator) [um]"],
                  design.architecture.gap_m * 1e6)


def test_an_anode_free_interdigitated_cell_has_no_anode_plates(tmp_path):
    """Anode-free, the anode side holds no plates: lithium plates on its collector there."""
    text = INTERDIGITATED.read_text(encoding="utf-8").replace("kind: li_metal",
                                                             "kind: anode_free")
    path = tmp_path / "anode-free-3d.yaml"
    path.write_text(text, encoding="utf-8")
    design = CellDesign.from_yaml(path)
    assert design.anode.kind == "anode_free"
    rows = pairs(_tables(section_design(design, summarize(design))), "design")
    assert "where lithium plates on its collector" in rows["anode thickness [um]"]
    assert "anode plate volume per footprint area [um]" not in rows
    assert "anode-side volume per footprint area (lithium plates there) [um]" in rows


def test_interdigitated_geometry_rows_reproduce_the_engine(interdigitated):
    """The rows' numbers, by docs/cell.md's formulas, give back evaluate's own: interface area
    2h/p and ion path g + w_c/2 as evaluate gives them; the anode plates' volume per
    footprint x lithium's density (knowledge base) = evaluate's anode areal mass; the gaps'
    x Li6PS5Cl's density = its electrolyte filling areal mass; the cathode share x active
    loading x NMC811's practical capacity = its areal capacity."""
    _, summary, rows, data = interdigitated
    assert _close(rows["interface area per footprint area (solidcell evaluate)"],
                  data["Interface area per footprint area"])
    assert _close(rows["ion path length [um] (solidcell evaluate)"],
                  data["Ion path length [m]"] * 1e6)
    h = summary.cathode_thickness_m
    p = float(rows["plate pitch p = cathode + anode width + 2 gaps [um]"]) * 1e-6
    assert _close(f"{2 * h / p}", data["Interface area per footprint area"])
    anode_m = float(rows["anode plate volume per footprint area [um]"]) * 1e-6
    assert math.isclose(anode_m * get("li_metal").si("density"),
                        data["Anode areal mass [kg.m-2]"], rel_tol=1e-3)
    gaps_m = float(rows["electrolyte gap volume per footprint area [um]"]) * 1e-6
    assert math.isclose(gaps_m * get("li6ps5cl").si("density"),
                        data["Electrolyte filling areal mass [kg.m-2]"], rel_tol=1e-3)
    share = float(rows["cathode share of the footprint (cathode width / p)"])
    capacity_mAh_cm2 = (share * float(rows["cathode active loading [mg/cm2]"]) * 1e-3
                        * get("nmc811").si("practical_capacity"))  # canonical mAh/g
    assert math.isclose(capacity_mAh_cm2, data["Areal capacity [A.h.m-2]"] / 10,
                        rel_tol=1e-3)
    # plates + gaps fill the footprint: shares sum to 1
    cathode_m = float(rows["cathode plate volume per footprint area [um]"]) * 1e-6
    assert math.isclose(cathode_m + anode_m + gaps_m, h, rel_tol=1e-3)


def test_interdigitated_stack_diagram_is_the_engines_stack(interdigitated):
    """The to-scale diagram: the plates on the thicker collector (side by side on the base),
    212 um, evaluate's stack thickness; no 20 um separator layer on top."""
    _, summary, _, data = interdigitated
    total = sum(layer.thickness_m for layer in summary.layers)
    assert math.isclose(total, data["stack / Thickness [m]"], rel_tol=1e-12)
    assert "separator" not in [layer.role for layer in summary.layers]
    assert re.search(r"total 212 um", stack_svg(summary))


def test_vertically_aligned_geometry_rows_reproduce_the_engine():
    from solidcell.cell.energy import evaluate

    design = CellDesign.from_yaml(VERTICAL)
    summary = summarize(design)
    rows = pairs(_tables(section_design(design, summary)), "design")
    data = flatten_json(evaluate(design).to_json())
    share = float(rows["cathode share of the footprint ((width / (width + wall))^2)"])
    wc, g = design.architecture.cathode_width_m, design.architecture.gap_m
    assert math.isclose(share, (wc / (wc + g)) ** 2, rel_tol=REL)
    h = summary.cathode_thickness_m
    assert _close(rows["interface area per footprint area (solidcell evaluate)"],
                  data["Interface area per footprint area"])
    assert math.isclose(4 * wc * h / (wc + g) ** 2, data["Interface area per footprint area"],
                        rel_tol=1e-12)
    # its separator and anode are planar layers on top: their thicknesses as evaluate's
    assert _close(rows["separator thickness [um]"], data["Separator thickness [m]"] * 1e6)
    assert _close(rows["anode thickness [um]"], data["Anode thickness [m]"] * 1e6)


def test_a_planar_design_table_is_unchanged():
    design = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    section = section_design(design, summarize(design))
    rows = pairs(_tables(section), "design")
    assert "plate pitch p = cathode + anode width + 2 gaps [um]" not in rows
    assert _close(rows["separator thickness [um]"], design.separator.thickness_m * 1e6)
    assert "Areal capacity = active loading x specific capacity" in section.body


# --- 3. the slow step's source --------------------------------------------------------------

def test_cold_sintering_refusal_names_its_batch_time_area_and_source():
    """cold_sintering's time per area is batch_time / coated_area = 3600 s / 0.01 m2 =
    3.6e5 s/m2 (processes.yaml, both mfg_engineering_estimate): the refusal names them."""
    from solidcell.manufacturing.processes import load_processes
    from solidcell.manufacturing.routes import plan_routes

    proc = load_processes().get("cold_sintering")
    assert proc.rate is None and not proc.is_line
    batch, area = proc.si("batch_time"), proc.si("coated_area")
    plan = plan_routes(CellDesign.from_yaml(EXAMPLES / "oxide-lco-llzo-li.yaml"))
    step = next(o for o in plan.options if o.process == "cold_sintering"
                and o.layer == "cathode")
    assert step.time_s_per_m2 == pytest.approx(batch / area, rel=1e-12)
    (reason,) = [r for r in step.reasons if "s/m2 exceeds" in r]
    assert reason.endswith(f"(batch {batch:.3g} s over {area:.3g} m2, "
                           f"{proc.batch_time.source})")
    assert proc.batch_time.source == proc.coated_area.source == "mfg_engineering_estimate"


@pytest.mark.parametrize("example", ["oxide-lco-llzo-li.yaml",
                                     "vertically-aligned-lco-llzo-li.yaml",
                                     "thin-film-lco-lipon-li.yaml"])
def test_every_slow_reason_names_bib_keys(example):
    """Property: every machine-time refusal of a plan ends with the numbers' source keys."""
    from solidcell.manufacturing.routes import plan_routes

    plan = plan_routes(CellDesign.from_yaml(EXAMPLES / example))
    reasons = [r for o in plan.options for r in o.reasons if "s/m2 exceeds" in r]
    assert reasons
    for reason in reasons:
        basis = re.search(r"s/m2 exceeds [^(]*\(([^)]*)\)$", reason)
        assert basis, reason
        keys = basis.group(1).split(", ")[1:]
        assert keys, reason
        for key in keys:
            reference(key)
