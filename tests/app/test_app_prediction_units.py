"""The Prediction tab gives the predicted conductivity and its interval in S/cm, the unit of
the same table's log10 rows, of `solidcell predict` (its "sigma [S/cm]" column) and of the
materials tab's "sigma RT [S/cm]" (helper H288's browser walk: Li6PS5Cl read "Ionic
conductivity [S.m-1] 0.0523623" two rows below "Log10 ionic conductivity [S.cm-1] -3.28",
and beside the materials table's 0.00205 S/cm it read as a prediction 25 times the measured
value, where it is a quarter of it). The numbers are the model's, converted by
`solidcell.units`. The callback is posted as the page posts it (Flask test client)."""

from __future__ import annotations

import json
from typing import Any

from browserhelpers import screen_app_fixture

from solidcell import units
from solidcell.app.server import shown
from solidcell.discovery.predict import predict_conductivity

app = screen_app_fixture()


def _rows(app: Any, formula: str) -> dict[str, str]:
    """The prediction table's rows (label -> value as shown) of ``formula``."""
    answer = app.call("pred-run.n_clicks", "pred-result", **{
        "pred-composition": formula, "pred-space-group": "", "pred-lattice": "",
        "pred-run": 1})
    assert answer["pred-composition-msg"]["children"] == ""
    table = answer["pred-result"]["children"]["props"]["children"][0]
    assert table["props"]["id"] == "prediction-table"
    return {tr["props"]["children"][0]["props"]["children"]:
            tr["props"]["children"][1]["props"]["children"]
            for tr in table["props"]["children"]}


def test_the_conductivity_is_shown_in_s_per_cm(app: Any) -> None:
    rows = _rows(app, "Li6PS5Cl")
    model = predict_conductivity("Li6PS5Cl")
    for label, si in (("Ionic conductivity", model.conductivity_S_m),
                      ("Ionic conductivity lower bound", model.to_json()[
                          "Ionic conductivity lower bound [S.m-1]"]),
                      ("Ionic conductivity upper bound", model.to_json()[
                          "Ionic conductivity upper bound [S.m-1]"])):
        assert rows[f"{label} [S/cm]"] == shown(units.convert(si, "conductivity", "S/cm"))
    # the log10 rows and the S/cm value agree: 10 ** log10 is the value shown
    assert float(rows["Ionic conductivity [S/cm]"]) == float(
        shown(10 ** model.log10_conductivity_S_cm))
    assert not any("S.m-1" in label for label in rows)


def test_nothing_else_of_the_table_changes(app: Any) -> None:
    rows = _rows(app, "Li6PS5Cl")
    model = predict_conductivity("Li6PS5Cl").to_json()
    assert rows["Log10 ionic conductivity [S.cm-1]"] == shown(
        model["Log10 ionic conductivity [S.cm-1]"])
    assert json.dumps(rows).count("Stability window / ") >= 5
