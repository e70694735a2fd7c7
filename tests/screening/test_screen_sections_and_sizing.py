"""A swept field of an optional section the base design leaves out (``pack``,
``format.interlayer_film``, ``architecture.bipolar_collector``) is refused with the space,
naming the section and its required fields, unless the sweep gives every required field (then
the rows are those of ``evaluate``). A swept N/P on a foil the base gives by thickness (and a
swept thickness on a foil given by N/P) sizes every row's foil by the swept value, on the array
path and the per-design path alike, and ``result.notes`` says so; ``row_design`` is the design
a row means."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.errors import SolidcellError, ValidationError
from solidcell.screening.screen import load_space, row_design, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml")  # 40 um Li foil, no pack
WH_KG = "Cell gravimetric energy density [W.h.kg-1]"
PACK_WH_KG = "Pack gravimetric energy density [W.h.kg-1]"


def _space(base: CellDesign, parameters: dict) -> dict:
    return {"base": json.loads(base.to_json()), "method": "grid", "parameters": parameters}


def _assert_rows_are_evaluate(table, base: CellDesign, paths: list[str]) -> None:
    """Each row is feasible exactly where ``evaluate(row_design(base, row))`` accepts the
    design, and then equals it in every number."""
    for _, row in table.iterrows():
        values = {p: row[p] for p in paths}
        try:
            ref = evaluate(row_design(base, values)).values
        except SolidcellError:
            ref = None
        ok = ref is not None and not ref.get("Reason code", 0)
        assert bool(row["Feasible"]) == ok, (values, row["Reason"])
        if not ok:
            continue
        for key, value in ref.items():
            if key != "Reason code":
                a, b = float(row[key]), float(value)
                assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12), \
                    (values, key)


# --- optional sections the base leaves out -------------------------------------------------

@pytest.mark.parametrize(("params", "section", "lacking"), [
    ({"pack.cells_in_series": {"values": [10, 20]}}, "pack",
     "mass_efficiency, volume_efficiency, source"),
    ({"pack.mass_efficiency": {"min": 0.6, "max": 0.8, "n": 3},
      "pack.source": {"values": ["assumed"]}}, "pack", "volume_efficiency"),
    ({"architecture.bipolar_collector.thickness": {"values": ["10 um", "20 um"]}},
     "architecture.bipolar_collector", "material"),
    ({"format.interlayer_film.thickness": {"values": ["10 um", "20 um"]}},
     "format.interlayer_film", "material, every"),
])
def test_a_field_of_a_section_the_base_lacks_is_refused_with_the_space(params, section,
                                                                       lacking):
    """Before: every row was infeasible with "required (the field is missing)"."""
    with pytest.raises(ValidationError) as err:
        load_space(_space(EV, params))
    first = next(iter(params))
    assert err.value.field == f"parameters.{first}"
    assert f"no {section} section" in err.value.allowed
    assert f"required fields {lacking};" in err.value.allowed
    assert f"add {section} to the base design" in err.value.allowed


def test_a_sweep_that_gives_every_required_field_of_the_pack_screens_as_evaluate():
    params = {"pack.mass_efficiency": {"values": [0.6, 0.8]},
              "pack.volume_efficiency": {"values": [0.5]},
              "pack.source": {"values": ["assumed for the test"]},
              "pack.cells_in_series": {"values": [96, 192]}}
    table = screen(_space(EV, params), with_cost=False).table
    assert table["Feasible"].all() and len(table) == 4
    _assert_rows_are_evaluate(table, EV, list(params))
    # pack energy density = cell energy / (cell mass + busbar) x mass efficiency (no busbar)
    assert (table[PACK_WH_KG] / table[WH_KG]).to_numpy() == pytest.approx(
        table["pack.mass_efficiency"].to_numpy(dtype=float), rel=1e-12)


def test_a_sweep_that_gives_every_field_of_a_film_screens_as_evaluate():
    """The film's thickness runs as an array, material and ``every`` per design; ``every``
    that does not divide the 20 layers is refused with the design model's words (not with
    "required" of the thickness the base lacks). Before: refused with the space."""
    params = {"format.interlayer_film.thickness": {"values": ["10 um", "40 um"]},
              "format.interlayer_film.material": {"values": ["polyimide"]},
              "format.interlayer_film.every": {"values": [2, 3]}}
    table = screen(_space(EV, params), with_cost=False).table
    three = table["format.interlayer_film.every"] == 3
    assert not table.loc[three, "Feasible"].any()
    assert table.loc[three, "Reason"].str.startswith(
        "format.interlayer_film.every: 3 is not allowed; must divide n_layers (20)").all()
    assert table.loc[~three, "Feasible"].all()
    _assert_rows_are_evaluate(table, EV, ["format.interlayer_film.thickness_m",
                                          "format.interlayer_film.material",
                                          "format.interlayer_film.every"])
    # a film adds mass: thicker films, lower Wh/kg
    two = table[~three].sort_values("format.interlayer_film.thickness_m")
    assert two[WH_KG].is_monotonic_decreasing and two[WH_KG].iloc[0] < evaluate(EV)[WH_KG]


@pytest.mark.parametrize(("path", "why"), [
    ("pack.foo", "not a field of pack (a section the base design leaves out)"),
    ("pack", "names a section of the design, not a field"),
    ("format.interlayer_film", "names a section of the design, not a field"),
])
def test_a_name_in_a_section_the_base_lacks_is_checked_against_the_section(path, why):
    """Before: accepted, and every row infeasible with the design model's error."""
    with pytest.raises(ValidationError) as err:
        load_space(_space(EV, {path: {"min": 1, "max": 2, "n": 2}}))
    assert why in err.value.allowed


def test_a_material_id_on_a_material_the_base_leaves_out_still_screens():
    """``cathode.binder`` is None in the base: a swept id is a value, not a section."""
    sp = load_space(_space(EV, {"cathode.binder": {"values": ["pvdf"]}}))
    assert sp.parameters == {"cathode.binder": {"values": ["pvdf"]}}


# --- a swept sizing of the foil -----------------------------------------------------------

def test_a_swept_n_p_on_a_foil_given_by_thickness_is_said_and_kept_on_both_paths():
    """The array path sized the foil by N/P; the per-design path (a column holding text)
    refused 1.5 and 3.0 as disagreeing with the base's 40 um. Now both give the rows of
    ``evaluate(row_design(...))``, and the notes say that N/P replaces the thickness."""
    fast = screen(_space(EV, {"anode.np_ratio": {"values": [1.5, 3.0]}}), with_cost=False)
    slow = screen(_space(EV, {"anode.np_ratio": {"values": [1.5, 3.0, "abc"]}}),
                  with_cost=False)
    assert list(slow.table["Feasible"]) == [True, True, False]
    for _, row in fast.table.iterrows():
        same = slow.table.iloc[int(row.name)]
        assert same["Feasible"] and same[WH_KG] == pytest.approx(row[WH_KG], rel=1e-12)
    _assert_rows_are_evaluate(fast.table, EV, ["anode.np_ratio"])
    assert list(fast.table["N/P ratio"]) == pytest.approx([1.5, 3.0], rel=1e-12)
    for result in (fast, slow):
        assert any("anode.np_ratio is swept" in n and "anode thickness (40 um)" in n
                   for n in result.notes), result.notes
    # CellDesign.replace applies the same rule (it kept the 40 um, refused as disagreeing)
    assert EV.replace(**{"anode.np_ratio": 1.5}) == row_design(EV, {"anode.np_ratio": 1.5})


def test_a_swept_thickness_on_a_foil_given_by_n_p_is_said_and_kept_on_both_paths():
    base = EV.replace(anode={"kind": "li_metal", "np_ratio": 1.5})
    fast = screen(_space(base, {"anode.thickness_m": {"values": [3e-5, 6e-5]}}),
                  with_cost=False)
    slow = screen(_space(base, {"anode.thickness_m": {"values": ["30 um", "60 um", True]}}),
                  with_cost=False)
    assert list(slow.table["Feasible"]) == [True, True, False]
    assert list(slow.table[WH_KG][:2]) == pytest.approx(list(fast.table[WH_KG]), rel=1e-12)
    _assert_rows_are_evaluate(fast.table, base, ["anode.thickness_m"])
    assert any("anode.thickness_m is swept" in n and "N/P (1.5)" in n for n in fast.notes)


def test_no_sizing_note_where_the_base_is_sized_the_swept_way():
    fast = screen(_space(EV, {"anode.thickness_m": {"values": [3e-5, 6e-5]}}), with_cost=False)
    assert not any("is swept" in n for n in fast.notes)


def test_the_cli_prints_the_sizing_note(capsys):
    code, out, err = run(["screen", str(EXAMPLES / "spaces" / "ev.yaml")], capsys)
    assert code == 0, err
    assert "note: anode.np_ratio is swept: each design's li_metal foil is sized by its N/P" \
        in " ".join(out.split())


def test_sweeping_both_sizings_of_the_anode_is_refused():
    """Before: the array path took whichever came last in the space (N/P first: thickness
    wins and 20 um rows are N/P < 1; thickness first: N/P wins)."""
    for params in ({"anode.np_ratio": {"values": [1.5, 3.0]},
                    "anode.thickness": {"values": ["20 um", "60 um"]}},
                   {"anode.thickness_m": {"values": [2e-5]}, "anode.np_ratio": {"values": [2]}}):
        with pytest.raises(ValidationError) as err:
            load_space(_space(EV, params))
        assert "sweep one of anode.thickness_m" in err.value.allowed


def test_row_design_leaves_out_the_other_sizing_of_a_foil_only():
    d = row_design(EV, {"anode.np_ratio": 2.0})
    assert d.anode.np_ratio == 2.0 and d.anode.thickness_m is None
    assert row_design(EV, {"cathode.thickness_m": 6e-5}) == EV.replace(
        **{"cathode.thickness_m": 6e-5})
    graphite = EV.replace(anode={"kind": "graphite", "np_ratio": 1.1, "electrolyte": "li6ps5cl",
                                 "active_fraction": 0.6, "electrolyte_fraction": 0.4})
    with pytest.raises(ValidationError, match="give np_ratio only"):
        row_design(graphite, {"anode.thickness_m": 5e-5})  # a composite is sized by N/P only


# --- fresh-eyes pass on the CLI ---------------------------------------------------------------

def test_applications_show_the_cost_objective_a_screen_adds(capsys):
    """``screen --application ev`` ranks by cell cost too where the design is priced
    (docs/screening.md); ``solidcell applications`` listed three objectives only, and its JSON
    left out ``optional_objectives``. The descriptions (aerospace: screen with --temperature)
    were not shown at all."""
    code, out, err = run(["applications"], capsys)
    assert code == 0, err
    words = " ".join(out.replace("\u2502", " ").split())
    assert "min Cell cost [USD.kW.h-1] (where the cost model prices the design)" in words
    assert "aerospace: Solid-state batteries for high-temperature use" in out
    code, out, err = run(["applications", "--json"], capsys)
    data = json.loads(out)
    assert data["ev"]["optional_objectives"] == [{"key": "Cell cost [USD.kW.h-1]",
                                                  "sense": "min"}]
    assert data["iot"]["optional_objectives"] == []


def test_screen_help_names_the_space_files_and_an_example(capsys):
    """The space argument read "Design space (YAML)" while .json spaces are read too."""
    code, out, _ = run(["screen", "--help"], capsys)
    assert code == 0
    words = " ".join(out.replace("\u2502", " ").split())
    assert "(.yaml, .yml or .json)" in words and "examples/spaces/ev.yaml" in words
    assert "solidcell applications" in words
