"""The layer keys of the energy bookkeeping ("Cathode thickness [m]", "Cathode areal mass
[kg.m-2]", ...) are one repeat unit's, i.e. one cell of a bipolar stack, as the design file,
`design check` and the report's design section give them; the stack's totals are
``cells_in_series`` times their sum. (They were the series stack's sums, 6 x one cell's in
the bipolar example, under the same names.) Properties of the model, no published values."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import design_parameters, evaluate, evaluate_many

BIPOLAR = Path(__file__).resolve().parents[2] / "examples" / "bipolar-nmc811-lpscl-li.yaml"

#: one cell's layers: they do not depend on the cells in series
CELL_LAYERS = ("Cathode thickness [m]", "Separator thickness [m]", "Anode thickness [m]",
               "Cathode areal mass [kg.m-2]", "Separator areal mass [kg.m-2]",
               "Anode areal mass [kg.m-2]", "Electrolyte filling areal mass [kg.m-2]")
THICKNESSES = ("Cathode thickness [m]", "Separator thickness [m]", "Anode thickness [m]",
               "Current collector thickness [m]")
MASSES = ("Cathode areal mass [kg.m-2]", "Separator areal mass [kg.m-2]",
          "Anode areal mass [kg.m-2]", "Electrolyte filling areal mass [kg.m-2]",
          "Current collector areal mass [kg.m-2]")


def _series(n: int) -> CellDesign:
    return CellDesign.from_file(BIPOLAR).replace(**{"architecture.cells_in_series": n})


@settings(max_examples=25, derandomize=True)
@given(n=st.integers(1, 1000), charged=st.booleans())
def test_cell_layers_do_not_depend_on_n_and_the_stack_scales_with_it(n: int,
                                                                     charged: bool) -> None:
    one = evaluate(_series(1), charged=charged).values
    many = evaluate(_series(n), charged=charged).values
    for key in CELL_LAYERS:
        assert many[key] == pytest.approx(one[key], rel=1e-12, abs=0.0), key
    assert many["Stack areal energy [W.h.m-2]"] == pytest.approx(
        n * one["Stack areal energy [W.h.m-2]"], rel=1e-12)
    # the stack is n repeat units: n x the sum of the layer keys, collectors included
    assert many["Stack thickness [m]"] == pytest.approx(
        n * math.fsum(many[k] for k in THICKNESSES), rel=1e-12)
    assert many["Stack areal mass [kg.m-2]"] == pytest.approx(
        n * math.fsum(many[k] for k in MASSES), rel=1e-12)
    # the layers are the design's own
    design = _series(n)
    assert many["Separator thickness [m]"] == pytest.approx(design.separator.thickness_m,
                                                            rel=1e-12)
    assert many["Cathode thickness [m]"] == pytest.approx(
        design.resolved().cathode_thickness_m, rel=1e-12)


def test_evaluate_many_gives_the_layer_keys_of_evaluate() -> None:
    """Both paths of evaluate_many (designs, and arrays of parameters with cells_in_series
    swept) give evaluate's layer keys and stack totals."""
    counts = [1, 2, 6, 17]
    designs = [_series(n) for n in counts]
    batch = evaluate_many(designs)
    params = design_parameters(designs[0].resolved())
    params["cells_in_series"] = np.array(counts, dtype=float)
    fast = evaluate_many(params)
    for i, design in enumerate(designs):
        values = evaluate(design).values
        for key in (*THICKNESSES, *MASSES, "Stack thickness [m]", "Stack areal mass [kg.m-2]",
                    "Stack areal energy [W.h.m-2]"):
            assert batch[key][i] == pytest.approx(values[key], rel=1e-12), key
            assert fast[key][i] == pytest.approx(values[key], rel=1e-12), key


def test_the_conventions_say_what_the_layer_keys_are() -> None:
    text = evaluate(_series(6)).conventions["Layer breakdown"]
    assert "one cell of the stack" in text
    assert "Layer breakdown" in evaluate_many([_series(6)]).conventions


def test_the_evaluate_table_shows_one_cell_s_layers(capsys, monkeypatch) -> None:
    """`solidcell evaluate` of the bipolar example lists the design's 80 um cathode (it showed
    the stack's 480 um under "Stack breakdown") and says whose layers they are."""
    from clirun import run

    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run(["evaluate", str(BIPOLAR)], capsys)
    assert code == 0, err
    assert "Repeat unit breakdown: one cell of the 6 in series" in out
    row = next(line for line in out.splitlines() if line.startswith("│ cathode "))
    cells = [c.strip() for c in row.split("│")[1:-1]]
    assert float(cells[2]) == pytest.approx(
        CellDesign.from_file(BIPOLAR).cathode.thickness_m * 1e6)
