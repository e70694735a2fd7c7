"""QA of design spaces as a cell engineer writes them (session 13).

A misspelt parameter path or objective key is refused with the closest names ("did you mean"),
a grid range of one point (``n: 1`` on 40-150 um, which kept 40 um alone) or of n equal points
(min = max) is refused, ``--json`` streams the rows of the front (the same text as
``print_json(result.to_json())``, without holding every record at once), the table path builds
no records, and ``--csv`` is written through a temporary file, so a failed write leaves the
earlier file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from solidcell.cli import app
from solidcell.cli.screen import print_json_streamed
from solidcell.errors import ValidationError
from solidcell.jsonable import dumps
from solidcell.screening.screen import load_space, sample, screen

EV = Path(__file__).parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
runner = CliRunner()


def _space(params: dict, **extra) -> dict:
    return {"base": str(EV), "parameters": params, **extra}


@pytest.mark.parametrize(("path", "hint"), [
    ("cathode.thicknes_m", "did you mean 'thickness_m'"),
    ("cathode.thicknes", "did you mean 'thickness_m'"),
    ("Cathode.thickness_m", "did you mean 'cathode'?"),
    ("seperator.thickness_m", "did you mean 'separator'?"),
])
def test_misspelt_parameter_path_names_the_closest_field(path, hint):
    with pytest.raises(ValidationError, match=f"parameters.{path}: .*{hint}.*; fields: "):
        load_space(_space({path: {"min": "40 um", "max": "150 um"}}))


def test_unrelated_parameter_name_gets_no_guess():
    with pytest.raises(ValidationError) as err:
        load_space(_space({"cathode.zzzzzz": {"values": [1]}}))
    assert "did you mean" not in str(err.value)
    assert "fields: active_material" in str(err.value)


@pytest.mark.parametrize(("key", "closest"), [
    ("Cell gravimetric energy density [Wh/kg]", "Cell gravimetric energy density [W.h.kg-1]"),
    ("cell volumetric energy density [W.h.L-1]", "Cell volumetric energy density [W.h.L-1]"),
])
def test_misspelt_objective_key_names_the_closest_column(key, closest):
    with pytest.raises(ValidationError) as err:
        load_space(_space({"cathode.thickness_m": {"values": ["80 um"]}},
                          objectives=[{"key": key, "sense": "max"}]))
    text = str(err.value)
    assert text.startswith(f"objectives[0].key: {key!r} is not allowed; use an output column "
                           f"(did you mean {closest!r}")
    assert "Areal capacity [A.h.m-2]" in text  # the full list still follows


def test_grid_range_of_one_point_is_refused():
    """Before: {min: 40 um, max: 150 um, n: 1} screened 40 um alone (numpy.linspace)."""
    with pytest.raises(ValidationError, match=r"parameters.cathode.thickness_m.n: 1 is not "
                                              r"allowed; n >= 2 for a grid range with min < max"):
        load_space(_space({"cathode.thickness_m": {"min": "40 um", "max": "150 um", "n": 1}}))


def test_grid_range_with_min_equal_max_is_one_point():
    """Before: {min: 40 um, max: 40 um} gave five equal designs (the default n: 5)."""
    with pytest.raises(ValidationError, match=r"parameters.cathode.thickness_m.n: 5 is not "
                                              r"allowed; n: 1 where min = max"):
        load_space(_space({"cathode.thickness_m": {"min": "40 um", "max": "40 um"}}))
    space = load_space(_space({"cathode.thickness_m": {"min": "40 um", "max": "40 um", "n": 1}}))
    assert sample(space)["cathode.thickness_m"].tolist() == [pytest.approx(40e-6)]


def test_latin_hypercube_range_ignores_axis_n():
    """An LHS draws space.n points whatever the axis' n: n: 1 there is no one-point grid."""
    space = load_space(_space({"cathode.thickness_m": {"min": "40 um", "max": "150 um",
                                                       "n": 1}}, method="lhs", n=7))
    x = sample(space)["cathode.thickness_m"]
    assert len(x) == 7 and np.all((x >= 40e-6) & (x <= 150e-6)) and np.ptp(x) > 0


def test_log_grid_is_geometric_with_both_ends():
    space = load_space(_space({"cathode.thickness_m": {"min": "10 um", "max": "1000 um",
                                                       "n": 3, "log": True}}))
    assert sample(space)["cathode.thickness_m"] == pytest.approx([10e-6, 100e-6, 1000e-6])


def test_infeasible_rows_each_carry_their_reason():
    result = screen(_space({"cathode.thickness_m": {"values": ["80 um", "0 um", "-5 um",
                                                               "1 mm"]}}))
    t = result.table
    assert t["cathode.thickness_m"].tolist() == pytest.approx([80e-6, 0.0, -5e-6, 1e-3])
    assert t["Feasible"].tolist() == [True, False, False, False]
    assert t["Reason"][1] == t["Reason"][2] == "cathode.thickness_m: must be > 0 m and finite"
    assert "N/P ratio below 1" in t["Reason"][3]


@pytest.mark.parametrize("params", [
    {"cathode.thickness_m": {"values": ["80 um"]}},  # one row
    {"cathode.thickness_m": {"values": ["40 um", "80 um", "0 um", "120 um"]},
     "separator.thickness_m": {"min": "20 um", "max": "60 um", "n": 3}},
])
@pytest.mark.parametrize("chunk", [1, 2, 10_000])
def test_streamed_json_is_the_text_of_to_json(params, chunk):
    result = screen(_space(params))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print_json_streamed(result, chunk)
    assert out.getvalue() == dumps(result.to_json()) + "\n"
    assert json.loads(out.getvalue())["Pareto designs"] == len(json.loads(out.getvalue())["rows"])


def test_streamed_json_of_an_empty_front(tmp_path):
    space = tmp_path / "s.yaml"
    space.write_text(f"base: {EV}\nparameters:\n  cathode.thickness_m: {{values: [0 um]}}\n")
    out = runner.invoke(app, ["screen", str(space), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["rows"] == [] and data["Pareto designs"] == 0
    assert data["Infeasible reasons"] == {"cathode.thickness_m: must be > 0 m and finite": 1}


def test_table_and_json_numbers_agree(tmp_path):
    space = tmp_path / "s.yaml"
    space.write_text(f"base: {EV}\nparameters:\n  cathode.thickness_m: "
                     "{values: [60 um, 80 um]}\n")
    js = json.loads(runner.invoke(app, ["screen", str(space), "--json"]).stdout)
    table = runner.invoke(app, ["screen", str(space)]).stdout
    assert f"Pareto front: {js['Pareto designs']} designs ({js['Designs']} screened, " \
           f"{js['Feasible designs']} feasible)" in table
    for row in js["rows"]:
        wh_kg = row["Cell gravimetric energy density [W.h.kg-1]"]
        assert f"{wh_kg:.4g}" in table


def _csv_space(tmp_path: Path) -> Path:
    space = tmp_path / "s.yaml"
    space.write_text(f"base: {EV}\nparameters:\n"
                     "  cathode.thickness_m: {values: [60 um, 80 um]}\n")
    return space


def test_csv_is_written_whole_with_no_temporary_left(tmp_path):
    out = tmp_path / "all.csv"
    out.write_text("an earlier screen\n")
    res = runner.invoke(app, ["screen", str(_csv_space(tmp_path)), "--csv", str(out)])
    assert res.exit_code == 0, res.output
    table = pd.read_csv(out)
    assert len(table) == 2 and "cathode.thickness_m" in table
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.csv", "s.yaml"]


def test_failed_csv_write_keeps_the_earlier_file(tmp_path, monkeypatch):
    """A disk that fills up halfway through the CSV (simulated: half the text, then ENOSPC).
    Before: the earlier file was replaced by the half-written one."""
    out = tmp_path / "all.csv"
    out.write_text("an earlier screen\n")
    real = pd.DataFrame.to_csv

    def half_then_full(self, path, **kw):
        text = real(self, None, **kw)
        Path(path).write_text(text[: len(text) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", half_then_full)
    res = runner.invoke(app, ["screen", str(_csv_space(tmp_path)), "--csv", str(out)])
    assert res.exit_code != 0
    assert "--csv: " in res.output and "No space left on device" in res.output
    assert "Traceback" not in res.output
    assert out.read_text() == "an earlier screen\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.csv", "s.yaml"]


def test_csv_through_a_symlink_writes_the_target(tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    res = runner.invoke(app, ["screen", str(_csv_space(tmp_path)), "--csv", str(link)])
    assert res.exit_code == 0, res.output
    assert link.is_symlink() and len(pd.read_csv(target)) == 2


EXAMPLES = EV.parent


def test_crossover_of_two_chemistries_says_so():
    """LCO | LLZO planar against NMC811 | Li6PS5Cl 3D: the 3D design 'stores more' partly by
    its cathode's chemistry. Before: no word of it in the table or the JSON."""
    args = ["crossover", str(EXAMPLES / "oxide-lco-llzo-li.yaml"),
            str(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "the designs differ in cathode.active_material (lco | nmc811)" in table.output
    assert "separator.electrolyte (llzo | li6ps5cl)" in table.output
    js = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert len(js["notes"]) == 1 and "cathode.active_material (lco | nmc811)" in js["notes"][0]


def test_crossover_of_one_chemistry_has_no_such_note():
    args = ["crossover", str(EXAMPLES / "oxide-lco-llzo-li.yaml"),
            str(EXAMPLES / "vertically-aligned-lco-llzo-li.yaml")]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "differ in" not in table.output
    assert json.loads(runner.invoke(app, [*args, "--json"]).stdout)["notes"] == []
