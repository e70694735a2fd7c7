"""The simulation tab's experiment box starts from the design opened: a C/10 discharge to
3 V vs Li/Li+ (``runs.default_experiment`` at the report's ``DEFAULT_C_RATE``), so "until
2.38 V" against a Li-In counter electrode (0.62 V vs Li, ``santhosha2019``). The fixed
"Discharge at C/10 until 3 V" (before 2026-12-07) stopped an NMC811 | Li-In cell at 3.62 V vs
Li. An experiment the user typed is kept as typed; an emptied box follows the design again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from browserhelpers import EXAMPLES, callback_request, design_dashboard

from solidcell.app.server import (
    EXPERIMENT_RULE,
    followed_experiment,
    form_values,
    simulation_default_experiment,
    simulation_inputs_check,
)
from solidcell.cell.design import CellDesign

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
LI_IN_TEXT = "Discharge at C/10 until 2.38 V"


def _li_in() -> CellDesign:
    """The EV example against Li-In (no bundled example has a Li-In anode)."""
    data = yaml.safe_load(EV.read_text())
    data["name"] = f"{data['name']} (Li-In)"
    data["anode"] = {"kind": "li_in", "np_ratio": 1.2, "prelithiation": 0.1}
    return CellDesign.from_dict(data)


def test_the_default_follows_the_counter_electrode() -> None:
    assert simulation_default_experiment(CellDesign.from_yaml(EV)) == (
        "Discharge at C/10 until 3 V")
    assert simulation_default_experiment(_li_in()) == LI_IN_TEXT
    # the default is one the engine runs (checked as the Run button checks it)
    simulation_inputs_check(_li_in(), LI_IN_TEXT, "auto", {}, {})


@pytest.mark.parametrize(("box", "auto", "expected"), [
    ("", None, LI_IN_TEXT),  # a new page: empty
    ("Discharge at C/10 until 3 V", "Discharge at C/10 until 3 V", LI_IN_TEXT),  # given
    ("  Discharge at C/10   until 3 V ", "Discharge at C/10 until 3 V", LI_IN_TEXT),
    ("Discharge at 1C until 3 V", "Discharge at C/10 until 3 V", None),  # typed: kept
    ("Discharge at C/10 until 3 V", None, None),  # typed before any was given: kept
])
def test_a_typed_experiment_stays(box: str, auto: Any, expected: str | None) -> None:
    assert followed_experiment(_li_in(), box, auto) == (expected, LI_IN_TEXT)


def test_the_rule_is_stated_on_the_tab() -> None:
    assert "2.38 V" in EXPERIMENT_RULE and "kept as typed" in EXPERIMENT_RULE


# --- the callback, posted as the page posts it ---------------------------------------------


@pytest.fixture(name="li_in_app")
def fixture_li_in_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    path = tmp_path / "src" / "ev-li-in.yaml"
    path.parent.mkdir()
    path.write_text(_li_in().to_yaml(), "utf-8")
    app = design_dashboard(tmp_path / "app", path)
    app.source = str(tmp_path / "app" / "examples" / path.name)
    yield app
    app.state.jobs.close()


def _follow(app: Any, **form: Any) -> dict[str, Any]:
    client = app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    original = form_values(_li_in())
    values = {**original, "design-source": app.source, "design-original": original, **form}
    payload = callback_request(deps, "sim-experiment", values, "design-source.data")
    answer = client.post("/_dash-update-component", json=payload)
    if answer.status_code == 204:
        return {}
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    response = answer.get_json()["response"]
    return {k: next(iter(v.values())) for k, v in response.items()}


def test_opening_a_li_in_design_fills_its_default(li_in_app: Any) -> None:
    assert _follow(li_in_app, **{"sim-experiment": ""}) == {
        "sim-experiment": LI_IN_TEXT, "sim-experiment-auto": LI_IN_TEXT}
    typed = "Discharge at 1C until 2.5 V"
    assert _follow(li_in_app, **{"sim-experiment": typed,
                                 "sim-experiment-auto": "Discharge at C/10 until 3 V"}) == {
        "sim-experiment-auto": LI_IN_TEXT}
