"""``CostModel.cheaper_routes`` / ``from_energy`` with odd columns: a column that is text,
None, bools or of another length than the others is refused with a ValidationError naming
it (before 2026-12-06: numpy's TypeError "ufunc 'isfinite' not supported" or "shape mismatch",
and a casing column of text silently fell back to the reference's casing); a DataFrame, a
dict of arrays and an EnergyBatch give the same routes; NaN, negative or huge thicknesses
are rows no route is offered for."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate_many
from solidcell.errors import ValidationError
from solidcell.manufacturing.cost import cost_model
from solidcell.manufacturing.economics import CostOptions

THIN = Path(__file__).resolve().parents[2] / "examples" / "thin-film-lco-lipon-li.yaml"
#: prices the knowledge base lacks: inputs of this test (as in
#: tests/screening/test_screen_cost_cheaper_route.py), not data
OPTIONS = CostOptions(prices={"mica": 10.0, "lipon": 100.0, "polyimide": 20.0})
CATHODE = "Cathode thickness [m]"
#: a 2 um collector is a purchased foil (1-1000 um), the base route sputters the 0.3 um one; a
#: 6.5 um cathode, electrosprayed before 2026-12-07, stays sol-gel since its anneal's dwell
#: counts as machine time (test_mfg_anneal_dwell_time.py)
COLLECTOR = "Cathode current collector thickness [m]"


@pytest.fixture(scope="module", name="model_and_columns")
def _model_and_columns():
    design = CellDesign.from_file(THIN)
    batch = evaluate_many([design, design])
    return cost_model(design, options=OPTIONS), batch, dict(batch.columns)


def _routes(model, columns) -> list[tuple[str, list[bool]]]:
    return [(what, np.asarray(mask).tolist()) for what, mask in model.cheaper_routes(columns)]


@pytest.mark.parametrize("key", [CATHODE, "Separator thickness [m]", "Anode thickness [m]",
                                 "Stack areal energy [W.h.m-2]", "Cathode areal mass [kg.m-2]",
                                 "Cell energy [W.h]", "Casing mass [kg]"])
@pytest.mark.parametrize("bad", ["1e-5", np.array(["a", "b"]), np.array([True, False]), None],
                         ids=repr)
def test_a_column_that_is_not_numbers_is_refused_by_name(model_and_columns, key: str,
                                                         bad: object) -> None:
    model, _, cols = model_and_columns
    for method in (model.cheaper_routes, model.from_energy):
        with pytest.raises(ValidationError) as info:
            method({**cols, key: bad})
        assert info.value.field == f"columns[{key!r}]"


@pytest.mark.parametrize("key", [CATHODE, "Stack areal energy [W.h.m-2]",
                                 "Cathode areal mass [kg.m-2]", "Cell energy [W.h]"])
@pytest.mark.parametrize("n", [0, 3])
def test_columns_of_other_lengths_are_refused(model_and_columns, key: str, n: int) -> None:
    model, _, cols = model_and_columns
    for method in (model.cheaper_routes, model.from_energy):
        with pytest.raises(ValidationError) as info:
            method({**cols, key: np.full(n, 1e-5)})
        assert info.value.field == "columns"
        assert info.value.value[key] == (n,)


def test_a_missing_column_is_named(model_and_columns) -> None:
    model, _, cols = model_and_columns
    with pytest.raises(ValidationError, match="this column is missing") as info:
        model.cheaper_routes({k: v for k, v in cols.items() if k != CATHODE})
    assert info.value.value == CATHODE


def test_batch_dict_frame_and_scalars_agree(model_and_columns) -> None:
    model, batch, cols = model_and_columns
    moved = {**cols, COLLECTOR: np.array([2e-6, 0.3e-6])}  # a purchased foil from 1 um
    got = _routes(model, moved)
    assert [mask for _, mask in got] == [[True, False]]
    assert "cathode current collector: purchased_foil" in got[0][0]
    assert _routes(model, pd.DataFrame(moved)) == got
    assert _routes(model, batch) == _routes(model, cols) == []
    assert model.cheaper_routes({k: float(np.ravel(v)[0]) for k, v in cols.items()}) == []


@pytest.mark.parametrize("odd", [np.nan, -1e-5, np.inf, 1e300])
def test_a_row_with_an_odd_thickness_gets_no_route(model_and_columns, odd: float) -> None:
    model, _, cols = model_and_columns
    with np.errstate(all="ignore"):
        got = _routes(model, {**cols, CATHODE: np.array([odd, 5e-6]),
                              COLLECTOR: np.array([0.3e-6, 2e-6])})
    assert all(mask[0] is False for _, mask in got)
    assert any(mask[1] for _, mask in got)
