"""The HTML report read beside the JSON of the commands a researcher runs on the same design
(``solidcell evaluate --json``, ``solidcell cost --json``, ``solidcell interfaces --json``):
every number the report shows of these engines is the JSON's, in the unit its row names; a
value the engines have not got (no price, no stack pressure given, no route) reads as a
plain sentence, never an empty cell, a dash, "None" or "nan"; the cost model's assumptions
carry their sources; the report loads nothing from the network."""

from __future__ import annotations

import html as html_lib
import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.citations import reference
from solidcell.manufacturing.economics import CostOptions
from solidcell.report.html import render_report, section_design, section_manufacturing
from solidcell.report.summary import flatten_json, summarize

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: a pouch cell with composite cathode (two prices missing) and a thin film on mica (a slow
#: route, three prices missing, no cathode electrolyte)
NAMES = ("ev-nmc811-lpscl-li", "thin-film-lco-lipon-li")
#: user prices of the README tour (`solidcell cost ... --price vgcf=50 --price linbo3=100`)
PRICES = {"vgcf": 50.0, "linbo3": 100.0}
#: 4 significant digits (units.format_number): half a unit of the 4th digit
REL = 5.1e-4


class _Tables(HTMLParser):
    """Every table of a report: (section id, heading above it, rows of cell texts)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, str, list[list[str]]]] = []
        self.section, self.heading, self._text = "", "", None
        self._rows: list[list[str]] | None = None
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "section":
            self.section = dict(attrs).get("id", "")
        elif tag in ("h2", "h3", "h4"):
            self._in_heading, self.heading = True, ""
        elif tag == "table":
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th"):
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3", "h4"):
            self._in_heading = False
        elif tag in ("td", "th") and self._rows is not None:
            self._rows[-1].append((self._text or "").strip())
            self._text = None
        elif tag == "table" and self._rows is not None:
            self.tables.append((self.section, self.heading, self._rows))
            self._rows = None

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self.heading += data
        if self._text is not None:
            self._text += data


def tables_of(text: str) -> list[tuple[str, str, list[list[str]]]]:
    parser = _Tables()
    parser.feed(text)
    return parser.tables


def pairs(tables: list, section: str, heading: str | None = None) -> dict[str, str]:
    """The quantity/value rows of the two-column tables of ``section`` (under ``heading``)."""
    out: dict[str, str] = {}
    for sid, head, rows in tables:
        if sid == section and (heading is None or head == heading) and len(rows[0]) == 2:
            out.update({r[0]: r[1] for r in rows[1:]})
    return out


def records(tables: list, section: str, heading: str) -> list[dict[str, str]]:
    for sid, head, rows in tables:
        if sid == section and head == heading:
            return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    raise AssertionError(f"no table {heading!r} in section {section!r}")


def same(shown: str, value: float, scale: float = 1.0) -> bool:
    return math.isclose(float(shown), value * scale, rel_tol=REL, abs_tol=1e-12)


def cli_json(args: list[str], capsys) -> dict:
    code, out, err = run([*args, "--json"], capsys)
    assert code in (0, 1), err  # 1: `solidcell cost` of a design with no cost
    return json.loads(out)


@pytest.fixture(scope="module")
def reports() -> dict[str, str]:
    """The report of each design as `solidcell report` writes it (default options)."""
    return {n: render_report(CellDesign.from_yaml(EXAMPLES / f"{n}.yaml")) for n in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_energy_numbers_are_those_of_evaluate_json(name, reports, capsys):
    data = flatten_json(cli_json(["evaluate", str(EXAMPLES / f"{name}.yaml")], capsys))
    tables = tables_of(reports[name])
    design = pairs(tables, "design")
    assert same(design["N/P ratio"], data["N/P ratio"])
    assert same(design["areal capacity [mAh/cm2]"], data["Areal capacity [A.h.m-2]"], 0.1)
    assert same(design["average cell voltage [V]"], data["cell / Voltage [V]"])
    # the energy densities: the JSON's keys, shown as they are
    shown = pairs(tables, "energy")
    energy_keys = [k for k in data if "energy density" in k and data[k] is not None
                   and "With substrate" not in k]
    assert energy_keys
    for key in energy_keys:
        assert same(shown[key], data[key]), key
    power = pairs(tables, "breakdown", "Power (transport-limited)")
    for label, key, scale in (
            ("area-specific resistance [Ohm cm2]", "Area-specific resistance [Ohm.m2]", 1e4),
            ("maximum C-rate [1/h]", "Maximum C-rate [h-1]", 1.0),
            ("stack specific power [W/kg]", "stack / Specific power [W.kg-1]", 1.0),
            ("stack power density [W/L]", "stack / Power density [W.L-1]", 1.0),
            ("cell specific power [W/kg]", "cell / Specific power [W.kg-1]", 1.0),
            ("cell power density [W/L]", "cell / Power density [W.L-1]", 1.0)):
        assert same(power[label], data[key], scale), label
    spread = next(v for k, v in power.items() if k.startswith("cell specific power range"))
    low, high = spread.split(" - ")
    assert same(low, data["Cell specific power range [W.kg-1]"][0])
    assert same(high, data["Cell specific power range [W.kg-1]"][1])
    # layer masses [kg.m-2] shown in mg/cm2 (x 100), thicknesses [m] in um (x 1e6)
    for sid, _head, rows in tables_of(reports[name]):
        if sid == "breakdown" and rows[0][0] in ("component", "layer"):
            what = "areal mass [kg.m-2]" if rows[0][0] == "component" else "thickness [m]"
            scale = 100.0 if rows[0][0] == "component" else 1e6
            for row in rows[1:]:
                assert same(row[1], data[f"{row[0]} {what}"], scale), row
    cell = {r["part"]: r["mass [g]"] for r in records(tables, "breakdown", "Whole cell")}
    assert same(cell["cell"], data["cell / Mass [kg]"], 1e3)
    # evaluate's electrode area is one layer's; the simulation's is all the layers' and says
    # so (both read "Electrode area [m2]": 0.4 m2 in the report, 0.02 m2 in evaluate --json)
    layers = CellDesign.from_yaml(EXAMPLES / f"{name}.yaml").format.n_layers
    simulation = pairs(tables, "simulation")
    assert "Electrode area [m2]" not in simulation
    assert same(simulation["Electrode area, all layers [m2]"],
                data["Electrode area [m2]"] * layers)


@pytest.mark.parametrize("name", NAMES)
def test_cost_numbers_are_those_of_cost_json(name, reports, capsys):
    data = cli_json(["cost", str(EXAMPLES / f"{name}.yaml")], capsys)
    tables = tables_of(reports[name])
    shown = pairs(tables, "manufacturing", "Cost")
    assert data["Cell cost [USD.kW.h-1]"] is None  # both lack a price: said, not a dash
    for key, value in flatten_json(data).items():
        if key in ("sources", "conventions") or key.startswith("Sensitivity"):
            continue  # (the tornado of `solidcell cost` is not in the report)
        if isinstance(value, float | int) and not isinstance(value, bool):
            assert same(shown[key], value), key
        elif value is None or value == []:
            assert shown[key].startswith(("not available", "none")), (key, shown[key])
    assert shown["Missing prices"] == "; ".join(data["Missing prices"])
    prices = records(tables, "manufacturing", "Prices")
    assert [p["Material"] for p in prices] == [p["Material"] for p in data["Prices"]]
    for row, given in zip(prices, data["Prices"], strict=True):
        assert same(row["Price [USD.kg-1]"], given["Price [USD.kg-1]"])
        assert row["Source"] == given["Source"]


def test_priced_cost_and_its_assumptions_are_those_of_cost_json(capsys):
    """With the prices the EV example lacks, the report's cost, breakdown and assumptions
    (interest rate, equipment life, ...) are `solidcell cost --price ... --json`'s, and each
    assumption names a source of the bibliography."""
    path = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
    data = cli_json(["cost", str(path), "--price", "vgcf=50", "--price", "linbo3=100"], capsys)
    section = section_manufacturing(CellDesign.from_yaml(path), CostOptions(prices=PRICES))
    tables = tables_of(f'<section id="manufacturing">{section.body}</section>')
    shown = pairs(tables, "manufacturing", "Cost")
    for key in ("Cell cost [USD.kW.h-1]", "Pack cost [USD.kW.h-1]", "Cost per area [USD.m-2]",
                "Total yield", "Areal energy [W.h.m-2]"):
        assert same(shown[key], data[key]), key
    breakdown = records(tables, "manufacturing", "Breakdown")
    assert [b["Item"] for b in breakdown] == [b["Item"] for b in data["Breakdown"]]
    assumptions = {r["quantity"]: r for r in records(tables, "manufacturing",
                                                     "Cost assumptions")}
    for label, value in data["Options"].items():
        assert same(assumptions[label]["value"], value), label
    assert same(assumptions["Finishing cost per area [USD.m-2]"]["value"],
                data["Finishing cost per area [USD.m-2]"])
    assert same(assumptions["Pack integration cost [USD.kW.h-1]"]["value"],
                data["Pack integration cost [USD.kW.h-1]"])
    for row in assumptions.values():
        reference(row["source"])  # a key of the bibliography (raises otherwise)


@pytest.mark.parametrize("name", NAMES)
def test_interfaces_and_mechanics_are_those_of_interfaces_json(name, reports, capsys):
    data = cli_json(["interfaces", str(EXAMPLES / f"{name}.yaml")], capsys)
    tables = tables_of(reports[name])
    flags = records(tables, "interfaces", "Interfaces")
    assert [(f["Interface"], f["Status"]) for f in flags] == [
        (i["Interface"], i["Status"]) for i in data["Interfaces"]["Interfaces"]]
    mech = data["Mechanics"]
    shown = pairs(tables, "interfaces", "Mechanics over one charge")
    for key, value in mech.items():
        if isinstance(value, float):
            assert same(shown[key], value), key
    # the check ran without a stack pressure or a flaw size: said so, with the option
    assert mech["Stack pressure"] is None
    assert shown["Stack pressure"].startswith("not computed") and "--stack-pressure" in \
        shown["Stack pressure"]
    assert "--flaw-size" in shown["Critical current density"]
    layers = records(tables, "interfaces", "Layers")
    for row, given in zip(layers, mech["Layers"], strict=True):
        assert row["Layer"] == given["Layer"]
        assert same(row["Thickness [m]"], given["Thickness [m]"])


@pytest.mark.parametrize("name", NAMES)
def test_no_cell_is_empty_a_dash_or_a_python_none(name, reports):
    for sid, head, rows in tables_of(reports[name]):
        for row in rows:
            for cell in row:
                assert cell not in ("", "-", "None", "nan", "inf", "-inf", "null"), (
                    sid, head, row)


@pytest.mark.parametrize("name", NAMES)
def test_report_loads_nothing_from_the_network(name, reports):
    text = reports[name]
    assert not re.search(r"<script|<link|@import", text, re.I)
    assert not re.search(r"""src=["']?https?:""", text, re.I)
    assert "url(http" not in text


def test_a_thin_film_cathode_without_electrolyte_says_none():
    design = CellDesign.from_yaml(EXAMPLES / "thin-film-lco-lipon-li.yaml")
    assert design.cathode.electrolyte is None
    body = section_design(design, summarize(design)).body
    rows = pairs(tables_of(f'<section id="design">{body}</section>'), "design")
    assert rows["cathode electrolyte"] == "none"


def test_a_design_with_no_route_says_why_once_and_prices_unchecked():
    """The 3D interdigitated example has no manufacturing route: the section says so once
    (the cost's reason pointed to it instead of repeating the plan's whole text), and its
    missing prices are not "none" (no price was looked up)."""
    design = CellDesign.from_yaml(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")
    section = section_manufacturing(design)
    assert section.note.startswith("no feasible process route")
    assert "cost not available: no manufacturing route" in section.note
    assert section.note.count("no build order works") == 1
    tables = tables_of(f'<section id="manufacturing">{section.body}</section>')
    shown = pairs(tables, "manufacturing", "Cost")
    assert shown["Missing prices"].startswith("not available")
    assert shown["Cell cost [USD.kW.h-1]"].startswith("not available")
    assert html_lib.unescape(section.body).count("no build order works") == 1


def test_an_anode_free_cell_says_why_it_has_no_np_ratio():
    """`solidcell evaluate` says why an anode-free cell has no N/P; the report showed "-"."""
    from solidcell.cli.cell import np_ratio_reason

    design = CellDesign.from_yaml(EXAMPLES / "anode-free-nmc811-lpscl.yaml")
    body = section_design(design, summarize(design)).body
    rows = pairs(tables_of(f'<section id="design">{body}</section>'), "design")
    assert rows["N/P ratio"] == np_ratio_reason("anode_free")


@pytest.mark.slow
@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_no_report_of_an_example_has_an_empty_or_dash_cell(example):
    text = render_report(CellDesign.from_yaml(EXAMPLES / example))
    for sid, head, rows in tables_of(text):
        for row in rows:
            for cell in row:
                assert cell not in ("", "-", "None", "nan", "inf", "-inf", "null"), (
                    sid, head, row)


def test_electrode_potentials_name_their_source():
    """The stability check's cathode potential (3.8 V for NMC811) was shown without its
    source; it is now in the table and among the section's sources."""
    from solidcell.report.html import electrode_potentials, section_stability

    design = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    section = section_stability(design)
    rows = next([dict(zip(t[0], r, strict=True)) for r in t[1:]]
                for _, _, t in tables_of(section.body) if "electrode potential" in t[0])
    cathode = next(r for r in rows if r["electrode potential"] == "cathode average")
    _, volts, source = electrode_potentials(design)[0]
    assert same(cathode["V vs Li/Li+"], volts)
    assert cathode["source of the potential"] == source and source in section.sources
    reference(source)


#: a window quoted in an interface's reason: "window 1.72-2.01 V" (computed) or "reported
#: window 0.00-4.50 V (review, srivastava_review)" (the knowledge base's measured one)
_WINDOW = re.compile(r"(reported )?window (\d+\.\d+)-(\d+\.\d+) V(?: \((\w+), (\w+)\))?")


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_stability_windows_are_those_of_interfaces_json(example, capsys):
    """Every window `solidcell interfaces --json` quotes for an electrolyte of the design is
    in the report's stability section with the same numbers (to the reason's 2 decimals):
    a computed one in the computed table, a reported (measured) one in the measured table
    with its method and source; and every example shows a measured window or says none."""
    from solidcell.report.html import section_stability

    data = cli_json(["interfaces", str(EXAMPLES / example)], capsys)
    section = section_stability(CellDesign.from_yaml(EXAMPLES / example))
    tables = tables_of(f'<section id="stability">{section.body}</section>')
    computed = {(r[0], f"{float(r[2]):.2f}", f"{float(r[3]):.2f}")
                for _, head, rows in tables for r in rows[1:]
                if head == "Computed windows (DFT phase diagram)"}
    measured = {(r[0], f"{float(r[1]):.2f}", f"{float(r[2]):.2f}", r[3], r[4])
                for _, head, rows in tables for r in rows[1:]
                if head == "Measured windows in the knowledge base"}
    assert measured, "every example's electrolyte has a measured window stored"
    quoted = 0
    for flag in data["Interfaces"]["Interfaces"]:
        for reported, lo, hi, method, source in _WINDOW.findall(flag["Reason"]):
            quoted += 1
            if reported:
                assert (flag["First"], lo, hi, method, source) in measured, flag["Reason"]
            else:
                assert (flag["First"], lo, hi) in computed, flag["Reason"]
    assert quoted
