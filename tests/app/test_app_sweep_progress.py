"""The temperature sweep's progress ("k of n temperatures done", the bar's fraction k/n: the
engine's ``progress(done, total)``), its refusals before any job starts (the engine's own
checks before any solve, :func:`solidcell.simulation.runs.sweep_inputs`: an isothermal 3D
design too, which used to arrive as a failed job), and the messages beside the boxes the
sweep shares with the simulation form (each Run clears only its own there). Callbacks posted
as the page posts them (Flask test client); the browser test is
test_app_sweep_progress_browser.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import EXAMPLES, design_dashboard, screen_app_fixture

from solidcell.app.jobs import Job
from solidcell.app.server import (
    HEAT_TRANSFER_BOX,
    SWEEP_C_RATE_BOX,
    SWEEP_MESH,
    SWEEP_MESSAGE_PREFIX,
    SWEEP_SHARED_BOXES,
    SWEEP_TEMPERATURES_BOX,
    _sweep,
    sweep_arguments,
    sweep_message,
    sweep_progress,
)
from solidcell.cell.design import CellDesign
from solidcell.errors import SolidcellError, ValidationError
from solidcell.simulation.runs import sweep_inputs, temperature_sweep

THIN_FILM = EXAMPLES / "thin-film-lco-lipon-li.yaml"
PLATES = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"
HT_MSG = f"{HEAT_TRANSFER_BOX}-msg"
TEMPERATURES_MSG = f"{SWEEP_TEMPERATURES_BOX}-msg"
SWEEP_FORM = {"sweep-run": 1, SWEEP_TEMPERATURES_BOX: "0 degC, 25 degC", SWEEP_C_RATE_BOX: "1",
              SWEEP_MESH: "coarse", "sim-ocp_ends": "auto", "sim-thermal": "isothermal"}
#: a message the simulation's Run left beside the coefficient box
SIM_MESSAGE = "heat_transfer_coefficient: 'abc' is not allowed; a number > 0"
app = screen_app_fixture(**SWEEP_FORM, **{"sim-run": 1,
                                          "sim-experiment": "Discharge at C/10 until 3 V"})


def _dashboard(tmp_path: Path, design: Path) -> Any:
    """A dashboard over a copy of ``design`` alone with the sweep form filled in."""
    return design_dashboard(tmp_path, design, **SWEEP_FORM)


@pytest.fixture(name="plates")
def plates_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    dash_app = _dashboard(tmp_path, PLATES)
    yield dash_app
    dash_app.state.jobs.close()


# --- progress -------------------------------------------------------------------------------

def test_the_message_says_how_many_temperatures_are_done() -> None:
    """degC = K - 273.15 (the SI definition of the degree Celsius)."""
    temps = [273.15, 298.15, 318.15]
    assert [sweep_progress(k, temps, 0.5) for k in range(4)] == [
        "0 of 3 temperatures done at 0.5C; solving 0 degC",
        "1 of 3 temperatures done at 0.5C; solving 25 degC",
        "2 of 3 temperatures done at 0.5C; solving 45 degC",
        "3 of 3 temperatures done at 0.5C"]
    assert sweep_progress(0, [253.15], 1.0) == "0 of 1 temperature done at 1C; solving -20 degC"


def test_the_job_reports_the_fraction_of_temperatures_done(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The job's progress is (done / total, :func:`sweep_progress`) for each call the engine
    makes."""
    import solidcell.simulation.runs as runs

    def engine(_design: Any, *, progress: Any, temperatures: Any, **_kw: Any) -> str:
        for done in range(len(temperatures) + 1):
            progress(done, len(temperatures))
        return "result"

    monkeypatch.setattr(runs, "temperature_sweep", engine)
    args = sweep_arguments("0 degC, 25 degC", "1", "coarse", "auto", None, None)
    seen: list[tuple[float, str]] = []
    assert _sweep("d", args, lambda f, m: seen.append((f, m))) == "result"
    assert seen == [(k / 2, sweep_progress(k, args["temperatures"], 1.0)) for k in range(3)]


def test_the_engine_calls_progress_before_the_first_and_after_each_temperature() -> None:
    calls: list[tuple[int, int]] = []
    res = temperature_sweep(THIN_FILM, [273.15, 298.15], 1.0, mesh="coarse",
                            progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 2), (1, 2), (2, 2)]
    assert len(res.capacity_A_h) == 2


@pytest.mark.parametrize("progress", ["yes", 1, None])
def test_a_progress_neither_a_flag_nor_a_function_is_refused(progress: Any) -> None:
    with pytest.raises(ValidationError) as info:
        temperature_sweep(THIN_FILM, [298.15], 1.0, progress=progress)
    assert info.value.field == "progress"


def test_a_refusal_comes_before_any_progress() -> None:
    calls: list[Any] = []
    with pytest.raises(SolidcellError) as info:
        temperature_sweep(PLATES, [298.15], 1.0, progress=lambda *a: calls.append(a))
    assert str(info.value).startswith("architecture.kind: ") and calls == []


def test_the_page_shows_k_of_n_temperatures(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real (short) sweep of the EV example: every progress the page could show is recorded
    as the job's watcher records it, and the finished job's bar is full."""
    import time

    reports: list[tuple[float | None, str]] = []
    original = Job.report

    def record(job: Job, fraction: float | None, message: str) -> bool:
        reports.append((fraction, message))
        return original(job, fraction, message)

    monkeypatch.setattr(Job, "report", record)
    job_id = app.call("sweep-run.n_clicks", "sweep-job")["sweep-job"]["data"]
    deadline = time.monotonic() + 300  # a hang fails, not a slow machine
    while app.state.jobs.status(job_id)["state"] == "running" and time.monotonic() < deadline:
        time.sleep(0.2)
    status = app.state.jobs.status(job_id)
    assert status["state"] == "done", status["error"]
    assert reports == [(k / 2, sweep_progress(k, [273.15, 298.15], 1.0)) for k in range(3)]
    shown = app.call("sweep-poll.n_intervals", "sweep-progress", **{"sweep-job": job_id})
    bar = shown["sweep-progress"]["children"]["props"]["children"][0]["props"]
    assert bar["id"] == "sweep-progress-bar" and bar["value"] == "1.0"


# --- refusals before any job ----------------------------------------------------------------

def _engine_refusal(design: Path, **arguments: Any) -> SolidcellError:
    with pytest.raises(SolidcellError) as info:
        sweep_inputs(CellDesign.from_yaml(design), **arguments)
    return info.value


def test_an_isothermal_3d_design_is_refused_beside_the_form_and_no_job_starts(
        plates: Any) -> None:
    exc = _engine_refusal(PLATES, temperatures=[273.15, 298.15], c_rate=1.0, mesh="coarse")
    answer = plates.call("sweep-run.n_clicks", "sweep-job")
    assert answer[TEMPERATURES_MSG]["children"] == str(exc)
    assert str(exc).startswith("architecture.kind: 'interdigitated_3d'")
    assert "sweep-job" not in answer and "sweep-result" not in answer
    assert answer["sweep-poll"]["disabled"] is True
    assert plates.state.jobs._jobs == {}


def test_a_wall_it_cannot_apply_is_refused_beside_the_ocp_ends_box(tmp_path: Path,
                                                                  monkeypatch: Any) -> None:
    """The thin-film example's refusal of the wall (the engine's words), before any job."""
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    exc = _engine_refusal(THIN_FILM, temperatures=[298.15], ocp_ends="wall")
    assert isinstance(exc, ValidationError) and exc.field == "ocp_ends"
    thin = _dashboard(tmp_path, THIN_FILM)
    try:
        answer = thin.call("sweep-run.n_clicks", "sweep-job", **{"sim-ocp_ends": "wall"})
        assert thin.state.jobs._jobs == {}
    finally:
        thin.state.jobs.close()
    assert answer["sim-ocp_ends-msg"]["children"] == SWEEP_MESSAGE_PREFIX + str(exc)
    assert answer[TEMPERATURES_MSG]["children"] == ""
    assert "sweep-job" not in answer


# --- the messages beside the boxes shared with the simulation form -------------------------

@pytest.mark.parametrize("box", [*SWEEP_SHARED_BOXES, SWEEP_TEMPERATURES_BOX, SWEEP_MESH])
def test_the_sweeps_message_beside_a_shared_box_says_whose_it_is(box: str) -> None:
    shared = box in SWEEP_SHARED_BOXES
    assert sweep_message(box, "m") == (f"{SWEEP_MESSAGE_PREFIX}m" if shared else "m")


@pytest.mark.parametrize("temperatures", ["0 degC, 25 degC", "abc"])
def test_a_sweep_run_keeps_the_simulations_message(app: Any, temperatures: str) -> None:
    """Started or refused beside its own box, the sweep leaves the simulation's message."""
    answer = app.call("sweep-run.n_clicks", "sweep-job",
                      **{SWEEP_TEMPERATURES_BOX: temperatures, HT_MSG: SIM_MESSAGE})
    assert HT_MSG not in answer  # not written: the simulation's message stays
    app.state.jobs.close()


def test_a_sweep_run_clears_its_own_earlier_message(app: Any) -> None:
    answer = app.call("sweep-run.n_clicks", "sweep-job",
                      **{HT_MSG: f"{SWEEP_MESSAGE_PREFIX}earlier", "sim-ocp_ends-msg": ""})
    assert answer[HT_MSG]["children"] == ""
    assert "sim-ocp_ends-msg" not in answer  # nothing of the sweep's there: left as it was
    app.state.jobs.close()


def test_a_simulation_run_keeps_the_sweeps_message_and_clears_its_own(app: Any) -> None:
    sweep_made = f"{SWEEP_MESSAGE_PREFIX}heat_transfer_coefficient: earlier"
    answer = app.call("sim-run.n_clicks", "sim-job",
                      **{HT_MSG: sweep_made, "sim-thermal-msg": "thermal: earlier"})
    assert HT_MSG not in answer and answer["sim-thermal-msg"]["children"] == ""
    assert answer["sim-experiment-msg"]["children"] == ""
    app.state.jobs.close()


def test_a_simulation_refusal_replaces_the_sweeps_message(app: Any) -> None:
    answer = app.call("sim-run.n_clicks", "sim-job",
                      **{HT_MSG: f"{SWEEP_MESSAGE_PREFIX}earlier", "sim-thermal": "lumped",
                         HEAT_TRANSFER_BOX: ""})
    message = answer[HT_MSG]["children"]
    assert message.startswith("heat_transfer_coefficient: ") and "sim-job" not in answer


def test_a_temperature_the_simulation_refuses_is_named_as_typed_with_its_position(
        app: Any) -> None:
    """-150 degC (123.15 K), outside the simulation's (150, 600) K: refused by the box's
    parser before any job, naming the item as typed and its position (the engine names it
    ``temperatures[2]``, 123.15 K)."""
    answer = app.call("sweep-run.n_clicks", "sweep-job",
                      **{SWEEP_TEMPERATURES_BOX: "25 degC, 60 degC, -150 degC"})
    shown = answer[TEMPERATURES_MSG]["children"]
    assert shown.startswith("temperatures (item 3 of 3): '-150 degC' is not allowed; ")
    assert "(150, 600) K" in shown
    assert "sweep-job" not in answer and app.state.jobs._jobs == {}
