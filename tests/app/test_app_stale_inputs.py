"""A finished simulation's, temperature sweep's or screen's result is greyed under a line
naming the inputs of its own form changed since it ran (the experiment, the thermal model, the
heat transfer coefficient, an interface-resistance box, the sweep's temperatures, C-rate and
mesh, the screen's ranges, count and application), not only when the design tab's design
changed; the values it ran with again remove the line. Callbacks posted as the page posts
them (Flask test client); the browser test is test_app_stale_inputs_browser.py."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import SCREEN_DESIGN, design_dashboard, screen_dashboard

from solidcell.app.jobs import Job
from solidcell.app.server import (
    HEAT_TRANSFER_BOX,
    INTERFACE_BOXES,
    SWEEP_C_RATE_BOX,
    SWEEP_MESH,
    SWEEP_TEMPERATURES_BOX,
    changed_inputs,
    job_input_boxes,
    job_inputs,
    job_subject,
)
from solidcell.cell.design import CellDesign

R_BOX, EA_BOX, T_BOX = (v[0] for v in INTERFACE_BOXES.values())
#: the simulation form as a run read it: lumped, 10 W/(m2 K), an activation energy
SIM_FORM = {"sim-experiment": "Discharge at C/10 until 3 V", "sim-ocp_ends": "auto",
            "sim-thermal": "lumped", HEAT_TRANSFER_BOX: "10", R_BOX: "20 Ohm cm2",
            EA_BOX: "0.37 eV", T_BOX: "25 degC"}
SWEEP_FORM = {**SIM_FORM, SWEEP_TEMPERATURES_BOX: "0 degC, 25 degC", SWEEP_C_RATE_BOX: "1",
              SWEEP_MESH: "coarse"}
#: seconds allowed for a screen job to end (a cold worker imports solidcell first)
WAIT_S = 120.0


def _changed(prefix: str, form: dict[str, Any], **edits: Any) -> list[str]:
    return changed_inputs(job_inputs(prefix, form), job_inputs(prefix, {**form, **edits}))


# --- what a run keeps and what an edit changes --------------------------------------------------

def test_the_same_values_change_nothing() -> None:
    for prefix, form in (("sim", SIM_FORM), ("sweep", SWEEP_FORM)):
        assert _changed(prefix, form) == []
    assert job_input_boxes("sim")[0] == "sim-experiment"
    assert set(job_input_boxes("sweep")) >= {SWEEP_TEMPERATURES_BOX, SWEEP_MESH, R_BOX}


def test_each_edited_box_is_named() -> None:
    assert _changed("sim", SIM_FORM, **{HEAT_TRANSFER_BOX: "25", EA_BOX: "0.5 eV"}) == [
        "heat transfer coefficient", "interface activation energy"]
    assert _changed("sim", SIM_FORM, **{"sim-experiment": "Rest for 5 minutes"}) == [
        "experiment"]
    assert _changed("sim", SIM_FORM, **{R_BOX: "", T_BOX: "30 degC"}) == [
        "interface resistance", "interface measuring temperature"]
    assert _changed("sweep", SWEEP_FORM, **{SWEEP_TEMPERATURES_BOX: "0 degC",
                                            SWEEP_C_RATE_BOX: "2", SWEEP_MESH: "fine",
                                            "sim-ocp_ends": "wall"}) == [
        "temperatures", "C-rate", "mesh", "OCP ends"]


def test_a_box_is_compared_as_the_run_reads_it() -> None:
    """The same number typed otherwise (spacing, a trailing .0, the unit the box takes) is
    the same input: the engine gets the same keyword."""
    assert _changed("sim", SIM_FORM, **{HEAT_TRANSFER_BOX: " 10.0 ",
                                        "sim-experiment": "Discharge at  C/10 until 3 V",
                                        EA_BOX: "0.370 eV"}) == []
    assert _changed("sweep", SWEEP_FORM, **{SWEEP_TEMPERATURES_BOX: "0 degC,25 degC",
                                            SWEEP_C_RATE_BOX: "1.0"}) == []


def test_the_thermal_model_is_named_not_the_coefficient_it_no_longer_reads() -> None:
    """An isothermal run reads no heat transfer coefficient (the box is hidden)."""
    assert _changed("sim", SIM_FORM, **{"sim-thermal": "isothermal"}) == ["thermal model"]
    isothermal = {**SIM_FORM, "sim-thermal": "isothermal"}
    assert _changed("sim", isothermal, **{HEAT_TRANSFER_BOX: "99"}) == []


def test_a_refused_value_is_named_as_refused() -> None:
    assert _changed("sim", SIM_FORM, **{HEAT_TRANSFER_BOX: "10 W/(m K)",
                                        EA_BOX: "0.37"}) == [
        "heat transfer coefficient (refused now)", "interface activation energy (refused now)"]
    assert _changed("sweep", SWEEP_FORM, **{SWEEP_TEMPERATURES_BOX: "0"}) == [
        "temperatures (refused now)"]


def test_a_screen_range_the_run_did_not_read_changes_nothing() -> None:
    """An interdigitated 3D design's screen leaves the separator range out
    (``unused_screen_ranges``): an edit of it is not named."""
    form = {"scr-application": "ev", "scr-cathode-min": "40", "scr-cathode-max": "150",
            "scr-separator-min": "10", "scr-separator-max": "60", "scr-n": "300"}
    kept = job_inputs("scr", form, unused=["scr-separator"])
    assert "separator.thickness_m from" not in kept
    now = job_inputs("scr", {**form, "scr-separator-max": "80", "scr-cathode-min": "50"})
    assert changed_inputs(kept, now) == ["cathode.thickness_m from"]


def test_a_job_without_kept_inputs_is_compared_by_its_design_alone() -> None:
    assert changed_inputs(None, job_inputs("sim", SIM_FORM)) == []


# --- the note of a finished job -----------------------------------------------------------------

@pytest.fixture(name="app")
def app_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    dashboard = design_dashboard(tmp_path, SCREEN_DESIGN, **SWEEP_FORM)
    yield dashboard
    dashboard.state.jobs.close()


def _finished(app: Any, prefix: str, form: dict[str, Any]) -> str:
    """A finished job of ``prefix`` run on the example as shown with ``form``, kept as the
    dashboard keeps a run's (its design's JSON and :func:`job_inputs`), no solve."""
    job = Job(id=f"{prefix}-done", kind=prefix, started=0.0, state="done",
              subject=job_subject(CellDesign.from_yaml(SCREEN_DESIGN)),
              inputs=job_inputs(prefix, form))
    app.state.jobs._jobs[job.id] = job
    return job.id


def _note(app: Any, prefix: str, job_id: str, **edits: Any) -> dict[str, Any]:
    answer = app.call("cathode-thickness.value", f"{prefix}-stale",
                      **{f"{prefix}-job": job_id, f"{prefix}-poll": True, **edits})
    return {"note": answer[f"{prefix}-stale"]["children"],
            "style": answer[f"{prefix}-result"]["style"]}


@pytest.mark.parametrize("prefix", ["sim", "sweep"])
def test_an_edited_input_greys_the_result_and_editing_back_clears_it(app: Any,
                                                                     prefix: str) -> None:
    job_id = _finished(app, prefix, SWEEP_FORM)
    assert _note(app, prefix, job_id) == {"note": "", "style": {}}
    kind = "simulation" if prefix == "sim" else "temperature sweep"
    edited = _note(app, prefix, job_id, **{HEAT_TRANSFER_BOX: "25", EA_BOX: "0.5 eV"})
    assert edited["note"] == ("inputs changed since this run: heat transfer coefficient, "
                              f"interface activation energy; run the {kind} again for the "
                              "inputs shown")
    assert edited["style"].get("opacity") == 0.35
    # the values it ran with again (typed otherwise): the line goes
    assert _note(app, prefix, job_id, **{HEAT_TRANSFER_BOX: "10.0"}) == {"note": "",
                                                                         "style": {}}


def test_the_design_and_the_inputs_are_both_said(app: Any) -> None:
    job_id = _finished(app, "sim", SWEEP_FORM)
    note = _note(app, "sim", job_id, **{"cathode-thickness": "120",
                                        "sim-experiment": "Rest for 5 minutes"})["note"]
    assert note.startswith("not of the design shown: ")
    assert note.endswith("; inputs changed since this run: experiment; run the simulation "
                         "again for the design and inputs shown")


def test_a_run_keeps_the_inputs_it_read(app: Any) -> None:
    """The simulation's and the sweep's Run keep their boxes as they read them (the jobs are
    stopped at once: no solve is needed to know what they ran with)."""
    for prefix in ("sim", "sweep"):
        job_id = app.call(f"{prefix}-run.n_clicks", f"{prefix}-job",
                          **{f"{prefix}-run": 1})[f"{prefix}-job"]["data"]
        kept = app.state.jobs.get(job_id).inputs
        app.state.jobs.stop(job_id)
        assert kept == job_inputs(prefix, SWEEP_FORM)


def test_a_finished_screen_names_its_edited_count(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A real screen, run to its end in a worker: its count, application and a range edited
    since are named; the values it ran with again remove the line."""
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    app = screen_dashboard(tmp_path, **{"scr-n": "50"})
    try:
        job_id = app.call("scr-run.n_clicks", "scr-job")["scr-job"]["data"]
        end = time.monotonic() + WAIT_S
        while app.state.jobs.status(job_id)["state"] == "running":
            assert time.monotonic() < end, app.state.jobs.status(job_id)
            time.sleep(0.05)
        assert app.state.jobs.status(job_id)["state"] == "done"
        assert _note(app, "scr", job_id)["note"] == ""
        note = _note(app, "scr", job_id, **{"scr-n": "60", "scr-cathode-max": "0.12 mm",
                                            "scr-application": "grid"})["note"]
        assert note == ("inputs changed since this run: application, cathode.thickness_m to, "
                        "designs; run the screen again for the inputs shown")
        # 150 um typed as 0.15 mm is the range it ran with
        assert _note(app, "scr", job_id, **{"scr-cathode-max": "0.15 mm"})["note"] == ""
    finally:
        app.state.jobs.close()
