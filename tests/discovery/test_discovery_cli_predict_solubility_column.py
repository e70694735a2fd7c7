"""`solidcell predict`'s table has a solubility column: each formula against the published
bounds of ``data/solubility_limits.csv`` (the note line below the table gives the bound and
its source). Al on Li of Li7La3Zr2O12: limit x = ~0.40 per formula unit (``moy2022_al_llzo``);
Cl on S of Li6PS5Cl: limit x = 0.5 (``angew2019_li6pscl_halide_rich``); Br on S of Li6PS5Br:
a series studied up to x = 0.5, no limit published (``gautam2023_li6ps5br_excess``)."""

from __future__ import annotations

import pytest

from clirun import run
from solidcell.cli.discovery import SOLUBILITY_LEGEND


def _cells(out: str) -> dict[str, list[str]]:
    """Table rows by input: the cells of each one-line row (the terminal is wide)."""
    rows = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.split("\u2502")[1:-1]]
        if len(cells) == 10:
            rows[cells[0]] = cells
    return rows


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # one line per row: the cells can be read


def test_solubility_column_says_where_each_formula_stands(capsys) -> None:
    inputs = {"Li6.4Al0.8La3Zr2O12": "BEYOND",  # x = 0.8 > 0.40
              "Li6.4Al0.2La3Zr2O12": "within",  # x = 0.2
              "Li5.5PS4.5Cl1.5": "within",  # x = 0.5, at the limit
              "Li5.25PS4.25Br1.75": "> series",  # x = 0.75 past the series to 0.5
              "Li6PS5Cl": "-"}  # no dopant: no bound applies
    code, out, err = run(["predict", *inputs, "--no-window"], capsys)
    assert code == 0, err
    header = next(line for line in out.splitlines() if "solubility" in line and "\u2503" in line)
    columns = [c.strip() for c in header.split("\u2503")[1:-1]]
    assert columns.index("solubility") == columns.index("in domain") + 1
    rows = _cells(out)
    assert {name: rows[name][7] for name in inputs} == inputs
    assert SOLUBILITY_LEGEND in out


def test_column_agrees_with_the_prediction_flag(capsys) -> None:
    """BEYOND exactly where the prediction (and its JSON) says beyond_solubility_limit."""
    from solidcell.discovery.predict import predict_conductivity

    formulas = ["Li6.4Al0.8La3Zr2O12", "Li6.8Al0.1La3Zr2O12", "Li6.1Ga0.3La3Zr2O12",
                "Li5.5Ga0.5La3Zr2O12", "Li6.25Fe0.25La3Zr2O12", "Li5.8Fe0.4La3Zr2O12"]
    code, out, err = run(["predict", *formulas, "--no-window"], capsys)
    assert code == 0, err
    rows = _cells(out)
    for p in predict_conductivity(formulas, window=False, neighbours=0):
        assert (rows[p.input][7] == "BEYOND") == p.beyond_solubility_limit, p.input


def test_no_legend_when_no_bound_applies(capsys) -> None:
    code, out, err = run(["predict", "Li3InCl6", "Li10GeP2S12", "--no-window"], capsys)
    assert code == 0, err
    assert [r[7] for r in _cells(out).values()] == ["-", "-"]
    assert SOLUBILITY_LEGEND not in out
