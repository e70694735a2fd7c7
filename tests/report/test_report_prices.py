"""The report's cost section said "give one with --price ID=USD_PER_KG" for a material the
knowledge base has no price for, but `solidcell report` had no --price option."""

from __future__ import annotations

from pathlib import Path

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.manufacturing.cost import cell_cost
from solidcell.manufacturing.economics import CostOptions
from solidcell.report.html import section_manufacturing

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
#: user prices of the README tour (`solidcell cost ... --price vgcf=50 --price linbo3=100`)
PRICES = {"vgcf": 50.0, "linbo3": 100.0}


def test_the_cost_section_uses_the_prices_given():
    design = CellDesign.from_yaml(EV)
    unpriced = section_manufacturing(design)
    assert "no price for vgcf, linbo3" in unpriced.note
    priced = section_manufacturing(design, CostOptions(prices=PRICES))
    assert "cost not available" not in priced.note
    expected = cell_cost(design, options=CostOptions(prices=PRICES)).cell_cost_USD_per_kWh
    assert f"{expected:.4g}" in priced.body  # the number `solidcell cost --price` prints


def test_report_takes_and_checks_price_options(tmp_path, capsys):
    out = tmp_path / "out"
    for price, words in (("nosuch=5", "'nosuch'"), ("vgcf=-5", "'vgcf=-5'")):
        code, stdout, err = run(["report", str(EV), "--out", str(out), "--price", price], capsys)
        assert code == 2 and stdout == "", err
        assert err.startswith("error: --price") and words in err, err
    assert not out.exists()  # refused before any work


def test_evaluate_report_names_the_command_that_takes_a_price(tmp_path, capsys):
    """The report of `solidcell evaluate ... --report` asked a command-line user for
    "CostOptions(prices={ID: USD_PER_KG})" (Python), and `evaluate` has no --price: it now
    names `solidcell report DESIGN --price ID=USD_PER_KG`. The Python API keeps its hint."""
    from solidcell.cli._common import PRICE_FIELD

    code, stdout, err = run(["evaluate", str(EV), "--report", str(tmp_path)], capsys)
    assert code == 0 and stdout.startswith("report: "), err
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert "CostOptions(prices=" not in html
    assert f"give one with `solidcell report {EV} {PRICE_FIELD}`" in html
    assert "CostOptions(prices={ID: USD_PER_KG})" in section_manufacturing(
        CellDesign.from_yaml(EV)).note
