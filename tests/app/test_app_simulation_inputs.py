"""The simulation tab's refusals before its job starts: every refusal ``simulate`` makes before
any build or solve is made by the engine's own :func:`solidcell.simulation.runs.simulate_inputs`
(which ``simulate`` calls first, so the order and the words are the engine's) and shown beside
its box, no job started, the previous result kept: an isothermal 3D design (which used to arrive
as a failed job, "simulation failed: architecture.kind ..."), an OCP wall that cannot apply, an
experiment step PyBaMM cannot run, an empty experiment box. Callbacks posted as the page posts
them (Flask test client); the browser check is test_app_browser_qa.py's 3D example."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import EXAMPLES, design_dashboard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell.app.server import simulation_inputs_check
from solidcell.cell.design import CellDesign
from solidcell.errors import SolidcellError, ValidationError
from solidcell.simulation import runs
from solidcell.simulation.runs import simulate, simulate_inputs

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
THIN_FILM = EXAMPLES / "thin-film-lco-lipon-li.yaml"
PLATES = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"
SIM_FORM = {"sim-run": 1, "sim-experiment": "Discharge at C/10 until 3 V",
            "sim-ocp_ends": "auto", "sim-thermal": "isothermal"}
#: a step PyBaMM would run as a charge (check_steps refuses it)
NEGATIVE_STEP = "Discharge at -1C until 3 V"


def _dashboard(tmp_path: Path, design: Path) -> Any:
    """A dashboard over a copy of ``design`` alone with the simulation form filled in."""
    return design_dashboard(tmp_path, design, **SIM_FORM)


@pytest.fixture(name="dashboard")
def dashboard_factory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``dashboard(design)``: a dashboard over that design (its jobs closed at the end)."""
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    made: list[Any] = []

    def make(design: Path) -> Any:
        made.append(_dashboard(tmp_path / f"d{len(made)}", design))
        return made[-1]

    yield make
    for dash_app in made:
        dash_app.state.jobs.close()


def _engine_refusal(design: Path, experiment: Any = SIM_FORM["sim-experiment"],
                    **keywords: Any) -> SolidcellError:
    with pytest.raises(SolidcellError) as info:
        simulate_inputs(CellDesign.from_yaml(design), experiment, **keywords)
    return info.value


def _refused(dash_app: Any, box: str, **form: Any) -> str:
    """Post the simulation's Run; assert nothing started and the result and job stay; the
    message beside ``box`` (``sim-{box}-msg``)."""
    answer = dash_app.call("sim-run.n_clicks", "sim-job", **form)
    assert "sim-job" not in answer and "sim-result" not in answer
    assert answer["sim-poll"]["disabled"] is True
    assert dash_app.state.jobs._jobs == {}
    return answer[f"sim-{box}-msg"]["children"]


# --- the page -----------------------------------------------------------------------------

def test_an_isothermal_3d_design_is_refused_beside_the_experiment_box(dashboard: Any) -> None:
    exc = _engine_refusal(PLATES)
    assert str(exc).startswith("architecture.kind: 'interdigitated_3d' is a 3D architecture")
    assert _refused(dashboard(PLATES), "experiment") == str(exc)


def test_a_wall_it_cannot_apply_is_refused_beside_the_ocp_ends_box(dashboard: Any) -> None:
    exc = _engine_refusal(THIN_FILM, ocp_ends="wall")
    assert isinstance(exc, ValidationError) and exc.field == "ocp_ends"
    thin = dashboard(THIN_FILM)
    assert _refused(thin, "ocp_ends", **{"sim-ocp_ends": "wall"}) == str(exc)


@pytest.mark.parametrize("typed", [NEGATIVE_STEP, None, "   "])
def test_an_experiment_the_engine_refuses_is_refused_before_any_job(dashboard: Any,
                                                                    typed: Any) -> None:
    """A step PyBaMM would run as a charge, an empty box (None from the page: shown as '')
    and blanks, each in the engine's words beside the experiment box."""
    exc = _engine_refusal(EV, "" if typed is None else typed)
    assert isinstance(exc, ValidationError) and exc.field == "experiment"
    assert "None" not in str(exc)
    assert _refused(dashboard(EV), "experiment", **{"sim-experiment": typed}) == str(exc)


def test_a_lumped_3d_design_names_its_architecture_first(dashboard: Any) -> None:
    """As ``simulate``: the design before the thermal model (a coefficient missing)."""
    exc = _engine_refusal(PLATES, thermal="lumped", heat_transfer_coefficient=None)
    message = _refused(dashboard(PLATES), "experiment", **{"sim-thermal": "lumped"})
    assert message == str(exc) and message.startswith("architecture.kind: ")


def test_good_inputs_start_a_job_and_clear_the_messages(dashboard: Any) -> None:
    ev = dashboard(EV)
    answer = ev.call("sim-run.n_clicks", "sim-job",
                     **{"sim-experiment-msg": "experiment: earlier"})
    assert answer["sim-job"]["data"] in ev.state.jobs._jobs
    assert answer["sim-experiment-msg"]["children"] == ""
    assert answer["sim-result"]["children"] == ""  # the previous run's result goes


def test_the_page_check_is_the_engines() -> None:
    """:func:`simulation_inputs_check` raises what ``simulate_inputs`` raises."""
    design = CellDesign.from_yaml(THIN_FILM)
    with pytest.raises(ValidationError) as page:
        simulation_inputs_check(design, "Rest for 1 minute", "wall", {})
    assert str(page.value) == str(_engine_refusal(THIN_FILM, "Rest for 1 minute",
                                                  ocp_ends="wall"))


# --- the engine: simulate refuses with simulate_inputs, first --------------------------------

def test_simulate_calls_simulate_inputs_first(monkeypatch: pytest.MonkeyPatch) -> None:
    class Sentinel(Exception):
        pass

    seen: dict[str, Any] = {}

    def inputs(design: Any, experiment: Any, **keywords: Any) -> None:
        seen.update(keywords, design=design, experiment=experiment)
        raise Sentinel

    monkeypatch.setattr(runs, "simulate_inputs", inputs)
    with pytest.raises(Sentinel):
        simulate(EV, "Rest for 1 minute", mesh="coarse", initial_soc="4 V", ocp_ends="stop",
                 interface_resistance="20 Ohm cm2")
    # the design as simulate read it once (a path, or its CellDesign since 2026-12-07)
    from solidcell.cell.energy import as_design

    assert as_design(seen["design"]) == as_design(EV)
    assert seen["experiment"] == "Rest for 1 minute"
    assert (seen["mesh"], seen["initial_soc"], seen["ocp_ends"]) == ("coarse", "4 V", "stop")
    assert seen["interface_resistance"] == "20 Ohm cm2"


def test_simulate_inputs_takes_every_input_of_simulate() -> None:
    """Each keyword of ``simulate`` but ``progress`` (how it reports, not what it runs), with
    the same default, so a new input is checked before the job too."""
    import inspect

    def defaults(function: Any) -> dict[str, Any]:
        return {k: v.default for k, v in inspect.signature(function).parameters.items()}

    assert defaults(simulate_inputs) == {k: v for k, v in defaults(simulate).items()
                                         if k != "progress"}


INPUTS = {
    "design": st.sampled_from([EV, THIN_FILM, PLATES]),
    "experiment": st.sampled_from(["Rest for 1 minute", NEGATIVE_STEP, "", "Charge at 1C"]),
    "ocp_ends": st.sampled_from(["auto", "wall", "edge"]),
    "thermal": st.sampled_from([None, "lumped", "adiabatic"]),
    "heat_transfer_coefficient": st.sampled_from([None, 10.0, -1.0]),
    "mesh": st.sampled_from(["default", "rough"]),
    "initial_soc": st.sampled_from([None, 0.5, 2.0, "9 V"]),
    "temperature": st.sampled_from([None, "25 degC", "-300 degC"]),
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(**INPUTS)
def test_simulate_refuses_as_simulate_inputs_does(design: Path, experiment: str,
                                                  **keywords: Any) -> None:
    """Any mix of good and bad inputs: where ``simulate_inputs`` refuses, ``simulate`` refuses
    with the same error (type, words) before any solve; inputs it accepts are not run."""
    try:
        simulate_inputs(design, experiment, **keywords)
    except SolidcellError as exc:
        with pytest.raises(SolidcellError) as info:
            simulate(design, experiment, **keywords)
        assert type(info.value) is type(exc) and str(info.value) == str(exc)
