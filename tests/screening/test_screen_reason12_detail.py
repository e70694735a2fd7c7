"""A screen's rows with reason 12 say which number is out of range: the table's (and the
JSON's and the CSV's) ``"Reason detail"``, "" for every other row; the CLI's table of
infeasible designs splits reason 12 by that number. At 5 K the Arrhenius conductivity of
the EV example's Li6PS5Cl underflows to 0 S/m, which the material schema refuses (its lower
bound of ionic_conductivity is exclusive): reason 12, as ``evaluate`` of the design at 5 K."""

from __future__ import annotations

import csv
from pathlib import Path

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import DETAIL_KEY, OUT_OF_RANGE, REASONS, evaluate
from solidcell.screening.screen import screen

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
COLD = "separator electrolyte conductivity: '0 S/m' is not allowed; must be > 0 S/m"
#: the detail of the screen's own (fast-path) refusal of a -5 um separator
NEG = "separator.thickness_m: '-5 um' is not allowed; must be > 0 m and finite"


def _space(tmp_path: Path) -> Path:
    space = tmp_path / "space.yaml"
    space.write_text(f"base: {EV}\nmethod: grid\nparameters:\n"
                     "  temperature_K: {values: [298.15, 5]}\n"
                     "  separator.thickness_m: {values: [30 um, -5 um]}\n", "utf-8")
    return space


def test_a_screen_row_with_reason_12_names_the_number(tmp_path: Path) -> None:
    result = screen(_space(tmp_path), with_cost=False)
    t = result.table
    cold = (t["temperature_K"] == 5) & (t["separator.thickness_m"] > 0)
    assert cold.sum() == 1 and not t.loc[cold, "Feasible"].any()
    assert (t.loc[cold, "Reason"] == REASONS[12]).all()
    detail = t.loc[cold, DETAIL_KEY].iloc[0]
    assert detail.startswith(COLD)
    # a feasible row: no detail; the screen's own refusal of -5 um names its path in Reason
    # and its value in the detail (as a reason-12 row's, test_cell_geometry_sanity.py)
    neg = t["separator.thickness_m"] < 0
    assert (t.loc[~cold & ~neg, DETAIL_KEY] == "").all()
    assert t.loc[neg, "Reason"].str.startswith("separator.thickness_m").all()
    assert (t.loc[neg, DETAIL_KEY] == NEG).all()
    # the same words as evaluate of that design
    scalar = evaluate(CellDesign.from_yaml(EV).replace(temperature_K=5))
    assert scalar.reason == f"{OUT_OF_RANGE}: {detail}"
    rows = result.to_json(rows="all")["rows"]
    assert sorted(r[DETAIL_KEY] for r in rows) == sorted(["", NEG, NEG, detail])
    assert (f"{OUT_OF_RANGE}: {detail}", 1) in result.infeasible_rows()
    assert sum(n for _, n in result.infeasible_rows()) == int((~t["Feasible"]).sum())


def test_the_cli_table_and_csv_name_the_number(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "500")  # the table's cells on one line each
    out_csv = tmp_path / "rows.csv"
    code, out, err = run(["screen", str(_space(tmp_path)), "--csv", str(out_csv)], capsys)
    assert code == 0, err
    flat = " ".join(out.split())
    assert f"{OUT_OF_RANGE}: {COLD}" in flat
    assert "cathode thickness, separator, collector" not in flat  # not the 2,000 characters
    with out_csv.open(encoding="utf-8") as fh:
        details = [r[DETAIL_KEY] for r in csv.DictReader(fh)]
    assert sorted(d for d in details if d != NEG)[-1].startswith(COLD)
    assert sorted(details).count("") == 1 and details.count(NEG) == 2
