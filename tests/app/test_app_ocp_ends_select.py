"""The simulation tab's "OCP ends" select (``sim-ocp_ends``, ``solidcell simulate --ocp-ends``):
auto, stop or wall, passed to the simulation job; a crafted request with another value is
refused beside the select (field, value and choices) and starts nothing. No browser: the
callbacks are posted as the page posts them (Flask test client); the browser test is
test_app_browser_ocp_ends.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserhelpers import layout_components, screen_app_fixture

from solidcell.app.server import OCP_ENDS_HELP, _simulate, create_app, simulation_ocp_ends
from solidcell.errors import ValidationError
from solidcell.simulation.ocp import OCP_ENDS

app = screen_app_fixture(**{"sim-run": 1, "sim-experiment": "Rest for 1 minute"})


def test_the_select_offers_the_engines_rules_with_auto_chosen(tmp_path: Path) -> None:
    app = create_app(tmp_path, tmp_path)
    try:
        select = layout_components(app.layout())["sim-ocp_ends"]
    finally:
        app.state.jobs.close()
    assert [o["value"] for o in select.options] == list(OCP_ENDS) == ["auto", "stop", "wall"]
    assert select.value == "auto" and select.clearable is False
    for rule in OCP_ENDS:  # the help text says what each does
        assert f"{rule}:" in OCP_ENDS_HELP


@pytest.mark.parametrize("value", OCP_ENDS)
def test_each_choice_is_taken(value: str) -> None:
    assert simulation_ocp_ends(value) == value


def test_no_value_is_the_engines_default() -> None:
    """A request without the select's value (None) runs "auto", as ``simulate`` does."""
    assert simulation_ocp_ends(None) == "auto"


@pytest.mark.parametrize("value", ["sideways", "Stop", " wall", "", 3, True, ["stop"]])
def test_anything_else_is_refused_naming_field_value_and_choices(value: Any) -> None:
    with pytest.raises(ValidationError) as info:
        simulation_ocp_ends(value)
    assert info.value.field == "ocp_ends" and info.value.value == value
    assert "'auto', 'stop', 'wall'" in info.value.allowed


def test_the_choice_reaches_the_simulation() -> None:
    """The job calls the engine's ``simulate(design, experiment, ocp_ends=...)``."""
    seen: dict[str, Any] = {}

    def sim(design: Any, experiment: str, **kwargs: Any) -> str:
        seen.update(design=design, experiment=experiment, **kwargs)
        return "result"

    assert _simulate(sim, "design", "Rest for 1 minute", "stop", lambda *_: None) == "result"
    assert seen == {"design": "design", "experiment": "Rest for 1 minute", "ocp_ends": "stop"}


def test_a_crafted_value_is_refused_beside_the_select_and_nothing_runs(app: Any) -> None:
    answer = app.call("sim-run.n_clicks", "sim-job", **{"sim-ocp_ends": "sideways"})
    assert answer["sim-ocp_ends-msg"]["children"] == (
        "ocp_ends: 'sideways' is not allowed; one of 'auto', 'stop', 'wall' (the OCP ends "
        "select)")
    assert "sim-job" not in answer  # no job started, no result cleared
    assert answer["sim-poll"]["disabled"] is True
    assert app.state.jobs._jobs == {}


def test_a_good_value_starts_the_job_and_clears_the_message(app: Any) -> None:
    answer = app.call("sim-run.n_clicks", "sim-job", **{"sim-ocp_ends": "stop"})
    assert answer["sim-ocp_ends-msg"]["children"] == ""
    job_id = answer["sim-job"]["data"]
    assert app.state.jobs.get(job_id).kind == "simulation"
    app.state.jobs.stop(job_id)


class _FailedJobs:
    """A dashboard's jobs holding one failed simulation whose error names ``field``."""

    def __init__(self, field: str, error: str) -> None:
        self.answer = {"state": "failed", "error_field": field, "error": error}

    def status(self, _job_id: str) -> dict[str, str]:
        return self.answer


@pytest.mark.parametrize(("field", "beside_select", "beside_experiment"),
                         [("ocp_ends", True, False), ("experiment", False, True),
                          ("design", False, False)])
def test_a_failed_runs_error_is_shown_beside_its_own_box(field: str, beside_select: bool,
                                                         beside_experiment: bool) -> None:
    """The engine refuses "wall" for a design it cannot apply to (ValidationError field
    ``ocp_ends``, resolve_ocp_ends): beside the select; an experiment's error stays beside
    the experiment box."""
    from types import SimpleNamespace

    from dash import no_update

    from solidcell.app.server import _experiment_message

    error = f"{field}: 'x' is not allowed; y"
    state = SimpleNamespace(jobs=_FailedJobs(field, error))
    assert (_experiment_message(state, "j", "ocp_ends") == error) is beside_select
    assert (_experiment_message(state, "j") == error) is beside_experiment
    if not beside_select:
        assert _experiment_message(state, "j", "ocp_ends") is no_update
