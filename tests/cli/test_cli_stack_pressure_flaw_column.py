"""`solidcell interfaces --stack-pressure`: the table shows a_c, the depth of a separator flaw
that lithium at the highest stack pressure extends (``StackPressure.critical_flaw_size_m``,
a_c = (K_IC / (Y p))^2 / pi, tada2000_cracks), which the JSON gave and the table left out;
where there is none it says why, never 'inf', 'nan' or 'None'. Its sources are listed
whether or not a_c is below the separator (they were only with the warning)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.mechanics.pressure import critical_flaw_size_m, stack_pressure

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = str(EXAMPLES / "ev-nmc811-lpscl-li.yaml")  # 30 um Li6PS5Cl separator, lithium metal
KEY = "Critical separator flaw size at the highest stack pressure [m]"


def _pressure_table(out: str) -> str:
    """The last column of the stack-pressure table, header and cells, its folded lines
    joined (the table's width follows the terminal's)."""
    start = out.index("Stack pressure over a cycle")
    lines = out[start:].splitlines()[1:]
    cells = []
    for line in lines:
        if line.startswith(("┃", "│")):
            cells.append(line.strip("┃│ ").split("│" if line[0] == "│" else "┃")[-1].strip())
        elif line.startswith("└"):
            break
    return " ".join(c for c in cells if c)


@pytest.mark.parametrize("pressure", ["75 MPa", "5 MPa"])
def test_the_table_shows_the_jsons_flaw_size(pressure: str, capsys) -> None:
    code, out, err = run(["interfaces", EV, "--stack-pressure", pressure], capsys)
    assert code == 0, err
    table = _pressure_table(out)
    assert table.startswith("critical separator flaw at the maximum [um]")
    code, js, err = run(["interfaces", EV, "--stack-pressure", pressure, "--json"], capsys)
    a_c = json.loads(js)["Mechanics"]["Stack pressure"][KEY]
    assert table.endswith(f" {a_c * 1e6:.4g}")  # um, as the table's 4 digits
    assert "critical separator flaw: lithium at the maximum pressure extends" in out
    sources = json.loads(js)["Mechanics"]["Stack pressure"]["sources"]
    assert "tada2000_cracks" in sources  # the formula of the value shown, warned of or not


def test_at_zero_pressure_no_flaw_extends_in_words(capsys) -> None:
    design = CellDesign.from_yaml(EV)
    assert stack_pressure(design, stack_pressure_Pa=0.0).critical_flaw_size_m == math.inf
    code, out, err = run(["interfaces", EV, "--stack-pressure", "0 MPa"], capsys)
    assert code == 0, err
    table = _pressure_table(out)
    assert "no flaw extends" in table
    assert not any(word in table for word in ("inf", "nan", "None"))


def test_a_separator_without_toughness_says_so(capsys) -> None:
    """LiPON has no fracture toughness in the knowledge base: no a_c, and the cell says why
    (a bare '-' also stands for 'no pressure given')."""
    design = str(EXAMPLES / "thin-film-lco-lipon-li.yaml")
    code, out, err = run(["interfaces", design, "--stack-pressure", "75 MPa"], capsys)
    assert code == 0, err
    assert "no fracture toughness of lipon" in _pressure_table(out)


def test_without_a_pressure_the_cell_is_a_dash(capsys) -> None:
    """A fixture stiffness alone gives the required assembly pressure, no a_c."""
    code, out, err = run(["interfaces", EV, "--fixture-stiffness", "1 MPa/mm"], capsys)
    assert code == 0, err
    assert _pressure_table(out) == "critical separator flaw at the maximum [um] -"
    assert "critical separator flaw:" not in out  # the line that explains a number


def test_the_value_is_the_formulas() -> None:
    """a_c of the table is Griffith-Irwin's with the knowledge base's K_IC of Li6PS5Cl
    (0.23 MPa m^0.5, singh2022_lpscl_microstructure) at the pressure given."""
    sp = stack_pressure(CellDesign.from_yaml(EV), stack_pressure_Pa=75e6)
    assert sp.critical_flaw_size_m == pytest.approx(critical_flaw_size_m(0.23e6, 75e6),
                                                    rel=1e-12)
