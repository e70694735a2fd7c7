"""The dashboard's Prediction tab says when a composition's dopant amount is beyond a
published solubility limit (docs/discovery.md, "Solubility limits"): Li6.4Al0.8La3Zr2O12 was
predicted without a word, 0.8 Al per formula unit where Al dissolves in garnet LLZO only up
to ~0.40 (moy2022_al_llzo, abstract). The callback is posted as the page posts it (Flask test
client, :func:`browserhelpers.screen_dashboard`)."""

from __future__ import annotations

import json
from typing import Any

from browserhelpers import screen_app_fixture

app = screen_app_fixture()


def _predict(app: Any, formula: str) -> str:
    answer = app.call("pred-run.n_clicks", "pred-result", **{
        "pred-composition": formula, "pred-space-group": "", "pred-lattice": "",
        "pred-run": 1})
    assert answer["pred-composition-msg"]["children"] == ""
    return json.dumps(answer["pred-result"])


def test_over_doped_llzo_is_predicted_with_the_limit_named(app: Any) -> None:
    shown = _predict(app, "Li6.4Al0.8La3Zr2O12")
    assert "pred-solubility-note" in shown and "prediction-table" in shown
    assert "BEYOND the published solubility limit x = 0.4 (moy2022_al_llzo" in shown
    assert "Beyond solubility limit" in shown


def test_within_the_limit_no_solubility_note(app: Any) -> None:
    shown = _predict(app, "Li6.4Al0.2La3Zr2O12")
    assert "prediction-table" in shown
    assert "pred-solubility-note" not in shown and "BEYOND" not in shown
