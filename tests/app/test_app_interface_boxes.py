"""The simulation tab's interface-resistance boxes (shared with its temperature sweep): the
interface resistance, its activation energy and its measuring temperature, each empty by
default (the design's own), read at the edge by the units module and passed to the engine's
keywords (``interface_resistance`` [Ohm m2], ``interface_resistance_activation_energy`` [eV],
``interface_resistance_temperature`` [K] of ``simulate`` and ``temperature_sweep``); a
refusal is shown beside its own box in the engine's words before any job starts. Callbacks
posted as the page posts them (Flask test client); the browser test is
test_app_interface_boxes_browser.py."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from browserhelpers import EXAMPLES, design_dashboard

from solidcell import units
from solidcell.app.server import (
    INTERFACE_BOXES,
    SWEEP_MESSAGE_PREFIX,
    SWEEP_SHARED_BOXES,
    SWEEP_TEMPERATURES_BOX,
    _experiment_message,
    simulation_interface,
    sweep_arguments,
)
from solidcell.cell.design import CellDesign
from solidcell.errors import SolidcellError, UnitError, ValidationError
from solidcell.simulation.parameters import FARADAY, interface_resistance_at
from solidcell.simulation.runs import simulate_inputs, sweep_inputs

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"  # 25 degC, no interface resistance of its own
EXPERIMENT = "Rest for 1 minute"
R_BOX, EA_BOX, T_BOX = (v[0] for v in INTERFACE_BOXES.values())
FORM = {"sim-run": 1, "sim-experiment": EXPERIMENT, "sim-ocp_ends": "auto",
        "sim-thermal": "isothermal", "sweep-run": 1, SWEEP_TEMPERATURES_BOX: "0 degC, 25 degC",
        "sweep-c_rate": "1", "sweep-mesh": "coarse"}
#: bad text for each box: (box, typed, the field the engine names)
REFUSALS = [(R_BOX, "-20 Ohm cm2", "interface_resistance"),
            (R_BOX, "20", "interface_resistance"),
            (R_BOX, "20 eV", "interface_resistance"),
            (EA_BOX, "5 eV", "interface_resistance_activation_energy"),
            (EA_BOX, "0.37", "interface_resistance_activation_energy"),
            (EA_BOX, "0.37 V", "interface_resistance_activation_energy"),
            (T_BOX, "3000 degC", "interface_resistance_temperature"),
            (T_BOX, "25", "interface_resistance_temperature"),
            (T_BOX, "abc", "interface_resistance_temperature")]
#: the texts that are quantities of the box's kind, refused by the engine's check of the number
CHECKED_BY_THE_ENGINE = ("-20 Ohm cm2", "5 eV", "3000 degC")


@pytest.fixture(name="app")
def app_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    dashboard = design_dashboard(tmp_path, EV, **FORM)
    started: list[Any] = []

    def start(kind: str, fn: Any, owner: Any = None, subject: Any = None,
              inputs: Any = None, requested_at: Any = None) -> str:
        started.append((kind, fn))  # recorded, not run: the keywords are what is tested
        return f"job-{len(started)}"

    monkeypatch.setattr(dashboard.state.jobs, "start", start)
    dashboard.started = started
    yield dashboard
    dashboard.state.jobs.close()


def _boxes(resistance: str = "", activation: str = "", reference: str = "") -> dict[str, str]:
    return {R_BOX: resistance, EA_BOX: activation, T_BOX: reference}


def _typed(box: str, text: str) -> tuple[str, ...]:
    return tuple(text if b == box else "" for b in (R_BOX, EA_BOX, T_BOX))


def _keywords(box: str, typed: str) -> dict[str, str]:
    """The engine's keyword of ``box`` with ``typed``, the text as typed."""
    return {next(k for k, v in INTERFACE_BOXES.items() if v[0] == box): typed}


def _engine_refusal(**keywords: Any) -> ValidationError:
    """What the engine says of ``keywords`` as typed (it reads text with units itself)."""
    with pytest.raises(ValidationError) as info:
        simulate_inputs(CellDesign.from_yaml(EV), EXPERIMENT, **keywords)
    return info.value


# --- reading the boxes ----------------------------------------------------------------------

def test_empty_boxes_are_the_designs_own() -> None:
    assert simulation_interface(None, None, None) == {}
    assert simulation_interface("", "  ", None) == {}


def test_the_boxes_are_read_in_the_engines_units() -> None:
    """1 Ohm cm2 = 1e-4 Ohm m2 (1 cm = 1e-2 m, SI); 1 eV per particle = F/1000 kJ/mol
    (F, the Faraday constant, of the units module); degC = K - 273.15 (SI)."""
    got = simulation_interface(" 20 Ohm cm2 ", "35 kJ/mol", "60 degC")
    assert got["interface_resistance"] == pytest.approx(20e-4, rel=1e-12)
    assert got["interface_resistance_activation_energy"] == pytest.approx(35e3 / FARADAY,
                                                                          rel=1e-4)
    assert got["interface_resistance_temperature"] == pytest.approx(333.15, abs=1e-9)
    assert simulation_interface("", "0.37 eV", "") == {
        "interface_resistance_activation_energy": 0.37}


@pytest.mark.parametrize(("box", "typed", "field"),
                         [r for r in REFUSALS if r[1] not in CHECKED_BY_THE_ENGINE])
def test_text_that_is_no_such_quantity_is_refused_naming_the_keyword(
        box: str, typed: str, field: str) -> None:
    """A number without its unit (K or degC? Ohm cm2 or Ohm m2?) or a unit of another kind:
    the units module's own explanation, as ``solidcell simulate`` refuses it."""
    kind = next(v[2] for v in INTERFACE_BOXES.values() if v[0] == box)
    with pytest.raises(UnitError) as parsed:
        units.parse(typed, kind)
    with pytest.raises(ValidationError) as info:
        simulation_interface(*_typed(box, typed))
    assert info.value.field == field and info.value.value == typed
    assert str(parsed.value).removeprefix(f"{kind}: ") in info.value.allowed
    assert "or empty for the design's own" in info.value.allowed


def test_the_keywords_give_the_engines_parameters_as_the_text_does() -> None:
    """One path: the page's numbers and the engine's own reading of the text give the same
    resistance at the cell's temperature, R_ref exp(E_a/R (1/T - 1/T_ref))
    (``interface_resistance_at``; E_a 0.37 eV is eckhardt2023's Li | garnet value)."""
    design = CellDesign.from_yaml(EV)
    typed = ("20 Ohm cm2", "0.37 eV", "60 degC")
    page = simulate_inputs(design, EXPERIMENT, **simulation_interface(*typed)).params
    engine = simulate_inputs(design, EXPERIMENT, **dict(zip(INTERFACE_BOXES, typed,
                                                            strict=True))).params
    expected = interface_resistance_at(20e-4, 0.37 * FARADAY, 298.15, 333.15)
    assert page.interface_resistance_ohm_m2 == pytest.approx(expected, rel=1e-12)
    assert engine.interface_resistance_ohm_m2 == page.interface_resistance_ohm_m2
    assert expected > 20e-4  # a resistance measured hotter is larger at 25 degC


# --- the simulation's Run ---------------------------------------------------------------------

def test_the_run_passes_the_keywords_to_the_engine(app: Any) -> None:
    answer = app.call("sim-run.n_clicks", "sim-job",
                      **_boxes("20 Ohm cm2", "0.37 eV", "25 degC"))
    assert answer["sim-job"]["data"] == "job-1"
    (kind, job), = app.started
    assert kind == "simulation" and isinstance(job, partial)
    assert job.args[-1] == "auto"  # (sim, design, experiment, ocp ends)
    assert job.keywords == {"interface_resistance": pytest.approx(20e-4),
                            "interface_resistance_activation_energy": 0.37,
                            "interface_resistance_temperature": pytest.approx(298.15)}
    assert all(answer[f"{b}-msg"]["children"] == "" for b in (R_BOX, EA_BOX, T_BOX))


def test_empty_boxes_pass_nothing(app: Any) -> None:
    app.call("sim-run.n_clicks", "sim-job", **_boxes())
    assert app.started[0][1].keywords == {}


@pytest.mark.parametrize(("box", "typed", "field"), REFUSALS)
def test_a_refusal_is_shown_beside_its_box_and_no_job_starts(app: Any, box: str, typed: str,
                                                             field: str) -> None:
    answer = app.call("sim-run.n_clicks", "sim-job", **dict(zip(
        (R_BOX, EA_BOX, T_BOX), _typed(box, typed), strict=True)))
    message = answer[f"{box}-msg"]["children"]
    assert message.startswith(f"{field}: ")
    if typed in CHECKED_BY_THE_ENGINE:
        # the engine's own check of the number read: its words, as it says them of the text
        assert message == str(_engine_refusal(**_keywords(box, typed)))
    others = [b for b in (R_BOX, EA_BOX, T_BOX) if b != box]
    assert all(answer[f"{b}-msg"]["children"] == "" for b in others)
    assert answer["sim-experiment-msg"]["children"] == ""
    assert "sim-job" not in answer and "sim-result" not in answer and app.started == []


def test_enter_in_a_box_runs_the_simulation(app: Any) -> None:
    """Each box's Enter (``n_submit``) is an input of the simulation's Run callback."""
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    run = next(d for d in deps if d["inputs"][0] == {"id": "sim-run", "property": "n_clicks"})
    inputs = {(i["id"], i["property"]) for i in run["inputs"]}
    assert {(b, "n_submit") for b in (R_BOX, EA_BOX, T_BOX)} <= inputs


@pytest.mark.parametrize(("field", "box"), [
    ("interface_resistance_activation_energy", EA_BOX), ("interface_resistance", R_BOX),
    ("interface_resistance_ohm_m2", R_BOX), ("interface_resistance_temperature", T_BOX)])
def test_a_failed_runs_error_is_shown_beside_its_own_box_alone(field: str, box: str) -> None:
    """``interface_resistance`` begins the other keywords: each error beside one box."""
    from dash import no_update

    status = {"state": "failed", "error_field": field, "error": f"{field}: x"}
    state = SimpleNamespace(jobs=SimpleNamespace(status=lambda _job: status))
    shown = {k: _experiment_message(state, "j", k) for k in INTERFACE_BOXES}
    mine = next(k for k, v in INTERFACE_BOXES.items() if v[0] == box)
    assert shown.pop(mine) == f"{field}: x"
    assert all(v is no_update for v in shown.values())
    assert _experiment_message(state, "j") is no_update


# --- the temperature sweep -------------------------------------------------------------------

def test_the_boxes_are_shared_with_the_sweep() -> None:
    assert {R_BOX, EA_BOX, T_BOX} <= set(SWEEP_SHARED_BOXES)


def test_the_sweep_passes_the_keywords_to_the_engine(app: Any) -> None:
    typed = ("20 Ohm cm2", "0.37 eV", "25 degC")
    args = sweep_arguments("0 degC, 25 degC", "1", "coarse", "auto", None, None, *typed)
    assert args["interface_resistance"] == pytest.approx(20e-4)
    assert args["interface_resistance_temperature"] == pytest.approx(298.15)
    base = sweep_inputs(CellDesign.from_yaml(EV), **args)[2]
    assert base.interface_resistance_ohm_m2 == pytest.approx(20e-4, rel=1e-12)  # at T_ref
    answer = app.call("sweep-run.n_clicks", "sweep-job", **_boxes(*typed))
    assert answer["sweep-job"]["data"] == "job-1"
    (kind, job), = app.started
    assert kind == "temperature sweep"
    assert job.args[1]["interface_resistance_activation_energy"] == 0.37


@pytest.mark.parametrize(("box", "typed", "field"),
                         [r for r in REFUSALS if r[1] in CHECKED_BY_THE_ENGINE])
def test_a_sweep_refusal_is_shown_beside_the_box_as_the_sweeps(app: Any, box: str, typed: str,
                                                                field: str) -> None:
    answer = app.call("sweep-run.n_clicks", "sweep-job", **dict(zip(
        (R_BOX, EA_BOX, T_BOX), _typed(box, typed), strict=True)))
    engine = _refusal(lambda: sweep_inputs(CellDesign.from_yaml(EV), [273.15, 298.15],
                                           mesh="coarse", **_keywords(box, typed)))
    assert answer[f"{box}-msg"]["children"] == SWEEP_MESSAGE_PREFIX + engine
    assert engine.startswith(f"{field}: ")
    assert "sweep-job" not in answer and app.started == []


def test_a_number_without_its_unit_is_refused_by_the_sweep_too(app: Any) -> None:
    with pytest.raises(ValidationError) as info:
        simulation_interface("", "", "25")
    answer = app.call("sweep-run.n_clicks", "sweep-job", **_boxes(reference="25"))
    assert answer[f"{T_BOX}-msg"]["children"] == SWEEP_MESSAGE_PREFIX + str(info.value)
    assert "sweep-job" not in answer and app.started == []


def test_the_value_is_shown_as_typed_in_the_engines_words() -> None:
    """``400 kJ/mol`` (4.146 eV, above the knowledge base's 3 eV): the page says what the
    engine says of the text itself, not of the number read."""
    from solidcell.app.server import interface_as_typed

    typed = ("", " 400 kJ/mol", "")
    with pytest.raises(ValidationError) as info:
        simulate_inputs(CellDesign.from_yaml(EV), EXPERIMENT, **simulation_interface(*typed))
    assert info.value.value == pytest.approx(400e3 / FARADAY)
    shown = interface_as_typed(info.value, typed)
    assert str(shown) == str(_engine_refusal(
        interface_resistance_activation_energy="400 kJ/mol"))
    other = ValidationError("experiment", "x", "y")
    assert interface_as_typed(other, typed) is other


def _refusal(call: Any) -> str:
    with pytest.raises(ValidationError) as info:
        call()
    return str(info.value)


def test_the_sweeps_run_keeps_the_simulations_message_beside_a_box(app: Any) -> None:
    simulation_said = "interface_resistance: '20' is not allowed; ..."
    answer = app.call("sweep-run.n_clicks", "sweep-job",
                      **{**_boxes(), f"{R_BOX}-msg": simulation_said})
    assert f"{R_BOX}-msg" not in answer  # not written: the simulation's message stays


def test_a_bad_design_is_still_refused_beside_the_experiment(tmp_path: Path,
                                                            monkeypatch: Any) -> None:
    """The 3D example: the design's refusal first, as ``simulate`` says it, whatever the
    boxes hold."""
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    plates = EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"
    dash_app = design_dashboard(tmp_path, plates, **FORM)
    try:
        answer = dash_app.call("sim-run.n_clicks", "sim-job", **_boxes("20 Ohm cm2"))
    finally:
        dash_app.state.jobs.close()
    with pytest.raises(SolidcellError) as info:
        simulate_inputs(CellDesign.from_yaml(plates), EXPERIMENT, interface_resistance=20e-4)
    assert answer["sim-experiment-msg"]["children"] == str(info.value)
    assert answer[f"{R_BOX}-msg"]["children"] == ""
