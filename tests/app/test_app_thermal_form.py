"""The simulation tab's "Thermal model" select and heat transfer coefficient box
(``sim-thermal``, ``sim-heat_transfer_coefficient``; ``solidcell simulate --thermal lumped
--heat-transfer``): the form -> ``simulate`` keywords mapping, the box shown only for lumped,
a bad coefficient refused beside the box with the engine's own message before any job starts
(the page's result kept), the cell temperature shown in degC. No browser: callbacks posted as
the page posts them (Flask test client); the browser test is test_app_thermal_select.py."""

from __future__ import annotations

import math
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from browserhelpers import (
    EXAMPLES,
    SCREEN_DESIGN,
    layout_components,
    screen_app_fixture,
)
from hypothesis import given
from hypothesis import strategies as st

from solidcell.app.server import (
    HEAT_TRANSFER_BOX,
    THERMAL_HELP,
    _experiment_message,
    _simulate,
    cell_temperature_degC,
    create_app,
    simulation_downloads,
    simulation_inputs_check,
    simulation_thermal,
    thermal_row,
)
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.simulation.parameters import THERMAL_OPTIONS, thermal_parameters
from solidcell.simulation.runs import THERMAL_ALLOWED

MSG = f"{HEAT_TRANSFER_BOX}-msg"


app = screen_app_fixture(**{"sim-run": 1, "sim-experiment": "Rest for 1 minute",
                             "sim-ocp_ends": "auto"})


def _engine_refusal(value: Any) -> str:
    """The engine's own message for coefficient ``value`` on the EV example."""
    with pytest.raises(ValidationError) as info:
        thermal_parameters(CellDesign.from_yaml(SCREEN_DESIGN), value)
    return str(info.value)


def test_the_select_offers_the_engines_models_isothermal_chosen_box_hidden(
        tmp_path: Path) -> None:
    app = create_app(tmp_path, tmp_path)
    try:
        found = layout_components(app.layout())
    finally:
        app.state.jobs.close()
    select = found["sim-thermal"]
    assert [o["value"] for o in select.options] == list(THERMAL_OPTIONS)
    assert select.value == "isothermal" and select.clearable is False
    assert found[f"{HEAT_TRANSFER_BOX}-row"].style == {"display": "none"}
    assert found[HEAT_TRANSFER_BOX].disabled is True
    assert "W/(m2 K)" in THERMAL_HELP


@pytest.mark.parametrize(("thermal", "style", "disabled"),
                         [("lumped", {}, False), ("isothermal", {"display": "none"}, True),
                          (None, {"display": "none"}, True)])
def test_the_box_is_shown_and_enabled_only_for_lumped(thermal: Any, style: dict[str, str],
                                                      disabled: bool) -> None:
    assert thermal_row(thermal) == (style, disabled)


@pytest.mark.parametrize("thermal", [None, "isothermal"])
@pytest.mark.parametrize("box", [None, "", "10", "abc"])
def test_isothermal_is_the_engines_default_and_the_box_is_not_read(thermal: Any,
                                                                    box: Any) -> None:
    assert simulation_thermal(thermal, box) == {}


@pytest.mark.parametrize(("box", "coefficient"), [
    ("10", 10.0), (" 25.5 ", 25.5), ("10 W/(m2 K)", 10.0), ("10 W/m2/K", 10.0),
    # exact unit conversions: 1 W/(cm2 K) = 1e4 W/(m2 K), 1 mW = 1e-3 W
    ("0.001 W/(cm2 K)", 10.0), ("1 mW/(cm2 K)", 10.0),
    # missing, not a number, not > 0: passed on for the engine to refuse in its own words
    (None, None), ("", None), ("   ", None), ("abc", "abc"), ("-5", -5.0), ("0", 0.0)])
def test_lumped_maps_the_box_to_the_engines_keywords(box: Any, coefficient: Any) -> None:
    args = simulation_thermal("lumped", box)
    assert args["thermal"] == "lumped" and set(args) == {"thermal", "heat_transfer_coefficient"}
    if isinstance(coefficient, float):
        assert args["heat_transfer_coefficient"] == pytest.approx(coefficient, rel=1e-12)
    else:
        assert args["heat_transfer_coefficient"] == coefficient


@given(st.floats(min_value=1e-6, max_value=1e6, allow_nan=False))
def test_any_bare_number_is_in_w_per_m2_k(x: float) -> None:
    assert simulation_thermal("lumped", repr(x))["heat_transfer_coefficient"] == x


@pytest.mark.parametrize("thermal", ["hot", "Lumped", "", 3, ["lumped"]])
def test_a_crafted_model_is_refused_naming_field_value_and_the_engines_choices(
        thermal: Any) -> None:
    with pytest.raises(ValidationError) as info:
        simulation_thermal(thermal, "10")
    assert info.value.field == "thermal" and info.value.value == thermal
    assert THERMAL_ALLOWED in info.value.allowed


def test_the_keywords_reach_the_simulation() -> None:
    """One code path: the job calls ``simulate(design, experiment, ocp_ends=..., thermal=...,
    heat_transfer_coefficient=...)``."""
    seen: dict[str, Any] = {}

    def sim(design: Any, experiment: str, **kwargs: Any) -> str:
        seen.update(design=design, experiment=experiment, **kwargs)
        return "result"

    args = simulation_thermal("lumped", "10")
    assert _simulate(sim, "d", "Rest for 1 minute", "auto", lambda *_: None, **args) == "result"
    assert seen == {"design": "d", "experiment": "Rest for 1 minute", "ocp_ends": "auto",
                    "thermal": "lumped", "heat_transfer_coefficient": 10.0}


@pytest.mark.parametrize(("box", "value"), [("-5", -5.0), ("abc", "abc"), ("", None),
                                            (None, None), ("0", 0.0), ("1e400", math.inf)])
def test_a_bad_coefficient_is_refused_beside_the_box_in_the_engines_words(
        app: Any, box: Any, value: Any) -> None:
    answer = app.call("sim-run.n_clicks", "sim-job",
                      **{"sim-thermal": "lumped", HEAT_TRANSFER_BOX: box})
    message = answer[MSG]["children"]
    assert message == _engine_refusal(value)
    assert message.startswith("heat_transfer_coefficient: ") and "W/(m2 K)" in message
    # nothing started, nothing lost: the job id and the result shown stay as they were
    assert "sim-job" not in answer and "sim-result" not in answer
    assert answer["sim-poll"]["disabled"] is True
    assert answer["sim-experiment-msg"]["children"] == ""
    assert app.state.jobs._jobs == {}


def test_a_crafted_model_is_refused_beside_the_select(app: Any) -> None:
    answer = app.call("sim-run.n_clicks", "sim-job", **{"sim-thermal": "hot"})
    assert answer["sim-thermal-msg"]["children"].startswith("thermal: 'hot' is not allowed; ")
    assert "sim-job" not in answer and app.state.jobs._jobs == {}


@pytest.mark.parametrize("thermal", ["lumped", "isothermal"])
def test_a_good_form_starts_the_job_and_clears_the_messages(app: Any, thermal: str) -> None:
    answer = app.call("sim-run.n_clicks", "sim-job",
                      **{"sim-thermal": thermal, HEAT_TRANSFER_BOX: "10"})
    assert answer[MSG]["children"] == answer["sim-thermal-msg"]["children"] == ""
    job_id = answer["sim-job"]["data"]
    assert app.state.jobs.get(job_id).kind == "simulation"
    app.state.jobs.stop(job_id)


class _FailedJobs:
    def __init__(self, field: str) -> None:
        self.answer = {"state": "failed", "error_field": field, "error": f"{field}: x"}

    def status(self, _job_id: str) -> dict[str, str]:
        return self.answer


@pytest.mark.parametrize("field", ["thermal", "heat_transfer_coefficient"])
def test_a_failed_runs_thermal_error_is_shown_beside_its_own_box(field: str) -> None:
    from dash import no_update

    state = SimpleNamespace(jobs=_FailedJobs(field))
    assert _experiment_message(state, "j", field) == f"{field}: x"
    assert _experiment_message(state, "j") is no_update


def test_the_cell_temperature_is_shown_in_degc() -> None:
    """degC = K - 273.15 (the SI definition of the degree Celsius); none when isothermal."""
    lumped = SimpleNamespace(cell_temperature_K=np.array([298.15, 300.0]))
    assert cell_temperature_degC(lumped) == pytest.approx([25.0, 26.85], abs=1e-9)
    assert cell_temperature_degC(SimpleNamespace(cell_temperature_K=None)) == []


def test_a_lumped_runs_csv_has_the_cell_temperature() -> None:
    t = np.array([0.0, 60.0])
    result = SimpleNamespace(name="cell", time_s=t, voltage_V=t, current_A=t,
                             discharge_capacity_A_h=t, to_json=lambda curves: {},
                             thermal_curves={"Volume-averaged cell temperature [K]": t + 298.15})
    _, text = simulation_downloads(result)["csv"]
    assert text.splitlines()[0].endswith(",Volume-averaged cell temperature [K]")


def test_a_design_the_lumped_model_refuses_is_refused_naming_thermal() -> None:
    """The engine's check before any run: a bipolar stack of several cells has no lumped
    model (``thermal_parameters``); isothermal ({}) it runs."""
    design = CellDesign.from_yaml(EXAMPLES / "bipolar-nmc811-lpscl-li.yaml")
    with pytest.raises(ValidationError) as info:
        simulation_inputs_check(design, "Rest for 1 minute", "auto",
                                simulation_thermal("lumped", "10"))
    assert info.value.field == "thermal" and "bipolar" in info.value.allowed
    simulation_inputs_check(design, "Rest for 1 minute", "auto",
                            simulation_thermal("isothermal", "10"))
