"""The simulation tab's temperature sweep (``solidcell temperature-sweep`` on the page): the
form -> ``temperature_sweep`` keywords mapping (temperatures read by the CLI's own parser,
the C-rate, the mesh, the simulation form's thermal model and OCP ends), a bad box refused
beside it in the parser's or engine's words before any job starts (nothing lost), a good form
starting a background job, and the table as the CLI prints it. No browser: callbacks posted
as the page posts them (Flask test client); the browser test is
test_app_sweep_browser.py."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from browserhelpers import layout_components, screen_app_fixture
from hypothesis import given
from hypothesis import strategies as st

from solidcell.app.server import (
    HEAT_TRANSFER_BOX,
    SWEEP_C_RATE_BOX,
    SWEEP_MESH,
    SWEEP_TEMPERATURES_BOX,
    _sweep,
    create_app,
    sweep_arguments,
    sweep_box,
    sweep_downloads,
)
from solidcell.checks import simulation_c_rate as c_rate
from solidcell.cli.simulate import sweep_rows
from solidcell.errors import ValidationError
from solidcell.simulation.pybamm_adapter import MESHES
from solidcell.simulation.runs import parse_temperatures

TEMPERATURES_MSG = f"{SWEEP_TEMPERATURES_BOX}-msg"


app = screen_app_fixture(**{
    "sweep-run": 1, SWEEP_TEMPERATURES_BOX: "0 degC, 25 degC", SWEEP_C_RATE_BOX: "1",
    SWEEP_MESH: "coarse", "sim-ocp_ends": "auto", "sim-thermal": "isothermal"})


def _parser_refusal(text: str) -> str:
    with pytest.raises(ValidationError) as info:
        parse_temperatures(text)
    return str(info.value)


def test_the_form_maps_to_the_engines_keywords() -> None:
    """degC -> K: T = t + 273.15 (the SI definition of the degree Celsius)."""
    args = sweep_arguments("0 degC, 298.15 K, 45 degC", " 0.5 ", "coarse", "stop",
                           "isothermal", "")
    assert args["temperatures"] == pytest.approx([273.15, 298.15, 318.15], abs=1e-9)
    assert args == {"temperatures": args["temperatures"], "c_rate": 0.5, "mesh": "coarse",
                    "ocp_ends": "stop"}
    lumped = sweep_arguments("25 degC", "2", None, None, "lumped", "10")
    assert lumped["thermal"] == "lumped" and lumped["heat_transfer_coefficient"] == 10.0
    assert lumped["mesh"] == "default" and lumped["ocp_ends"] == "auto"  # engine defaults


def test_the_temperatures_are_read_by_the_clis_own_parser() -> None:
    """One parser: the CLI has none of its own (it used to live in cli/simulate.py)."""
    import solidcell.cli.simulate as cli

    assert not hasattr(cli, "_temperatures") and not hasattr(cli, "TEMPERATURES_ALLOWED")
    assert "parse_temperatures" in cli.temperature_sweep_command.__code__.co_names


@given(st.lists(st.floats(-120.0, 320.0), min_size=1, max_size=5))  # in (150, 600) K
def test_any_list_of_celsius_is_what_the_parser_reads(celsius: list[float]) -> None:
    text = ", ".join(f"{t!r} degC" for t in celsius)
    assert sweep_arguments(text, "1", "coarse", "auto", None, None)["temperatures"] == \
        parse_temperatures(text)


@pytest.mark.parametrize("typed", [None, "1e400"])
def test_a_c_rate_out_of_range_is_the_engines_refusal(typed: Any) -> None:
    with pytest.raises(ValidationError) as info:
        sweep_arguments("25 degC", typed, "coarse", "auto", None, None)
    assert info.value.field == "c_rate"


@pytest.mark.parametrize(("field", "box"), [
    ("temperatures", SWEEP_TEMPERATURES_BOX), ("temperatures (item 2 of 3)",
                                               SWEEP_TEMPERATURES_BOX),
    ("c_rate", SWEEP_C_RATE_BOX), ("mesh", SWEEP_MESH), ("thermal", "sim-thermal"),
    ("heat_transfer_coefficient", HEAT_TRANSFER_BOX), ("ocp_ends", "sim-ocp_ends"),
    ("design", SWEEP_TEMPERATURES_BOX), ("architecture.kind", SWEEP_TEMPERATURES_BOX)])
def test_each_refusal_has_its_box(field: str, box: str) -> None:
    assert sweep_box(field) == box


@pytest.mark.parametrize("typed", ["", " , ", "25", "25 degC, abc", "25 degC,", "3000 K",
                                   "10 W/(m2 K)"])
def test_bad_temperatures_are_refused_beside_the_box_in_the_parsers_words(
        app: Any, typed: str) -> None:
    answer = app.call("sweep-run.n_clicks", "sweep-job", **{SWEEP_TEMPERATURES_BOX: typed})
    assert answer[TEMPERATURES_MSG]["children"] == _parser_refusal(typed)
    assert answer[TEMPERATURES_MSG]["children"].startswith("temperatures")
    # nothing started, nothing lost: the job id and the result shown stay as they were
    assert "sweep-job" not in answer and "sweep-result" not in answer
    assert answer["sweep-poll"]["disabled"] is True
    assert app.state.jobs._jobs == {}


@pytest.mark.parametrize(("typed", "value"), [("abc", "abc"), ("-1", -1.0), ("0", 0.0),
                                              ("", "")])
def test_a_bad_c_rate_is_refused_beside_its_box_in_the_engines_words(
        app: Any, typed: str, value: Any) -> None:
    with pytest.raises(ValidationError) as info:
        c_rate("c_rate", value)
    answer = app.call("sweep-run.n_clicks", "sweep-job", **{SWEEP_C_RATE_BOX: typed})
    assert answer[f"{SWEEP_C_RATE_BOX}-msg"]["children"] == str(info.value)
    assert answer[TEMPERATURES_MSG]["children"] == ""
    assert "sweep-job" not in answer and app.state.jobs._jobs == {}


@pytest.mark.parametrize(("coefficient", "words"), [
    ("", "required with thermal='lumped'"), ("10 W/(m K)", "is a thermal conductivity")])
def test_the_thermal_selects_values_apply_and_are_refused_beside_their_box(
        app: Any, coefficient: str, words: str) -> None:
    answer = app.call("sweep-run.n_clicks", "sweep-job",
                      **{"sim-thermal": "lumped", HEAT_TRANSFER_BOX: coefficient})
    message = answer[f"{HEAT_TRANSFER_BOX}-msg"]["children"]
    # the box is the simulation's too: the sweep's message says whose it is
    assert message.startswith("temperature sweep: heat_transfer_coefficient: ")
    assert words in message
    assert "sweep-job" not in answer and app.state.jobs._jobs == {}


@pytest.mark.parametrize("thermal", ["isothermal", "lumped"])
def test_a_good_form_starts_a_sweep_job_and_clears_the_messages(app: Any,
                                                                thermal: str) -> None:
    answer = app.call("sweep-run.n_clicks", "sweep-job",
                      **{"sim-thermal": thermal, HEAT_TRANSFER_BOX: "10",
                         f"{HEAT_TRANSFER_BOX}-msg": "temperature sweep: an earlier refusal"})
    assert answer[TEMPERATURES_MSG]["children"] == ""
    assert answer[f"{HEAT_TRANSFER_BOX}-msg"]["children"] == ""  # its own earlier message
    assert answer["sweep-poll"]["disabled"] is False
    job_id = answer["sweep-job"]["data"]
    assert app.state.jobs.get(job_id).kind == "temperature sweep"
    app.state.jobs.stop(job_id)


def test_the_job_calls_the_engine_with_the_forms_keywords(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One code path: the job calls ``temperature_sweep(design, **sweep_arguments(...))``."""
    import solidcell.simulation.runs as runs

    seen: dict[str, Any] = {}
    monkeypatch.setattr(runs, "temperature_sweep",
                        lambda design, **kw: seen.update(design=design, **kw) or "result")
    args = sweep_arguments("25 degC", "1", "coarse", "auto", "lumped", "10")
    assert _sweep("d", args, lambda _f, _m: None) == "result"
    report = seen.pop("progress")  # the job's progress: test_app_sweep_progress.py
    assert callable(report) and seen == {"design": "d", **args}


def _result(lumped: bool) -> SimpleNamespace:
    return SimpleNamespace(
        name="cell", c_rate=1.0, temperature_K=np.array([273.15, 298.15]),
        capacity_A_h=np.array([0.5, 1.0]), utilisable_capacity_A_h=2.0,
        energy_W_h=np.array([1.8, 3.7]), separator_conductivity_S_m=np.array([0.1, 0.3]),
        max_temperature_rise_K=np.array([1.5, 0.5]) if lumped else None,
        terminations=("event: Minimum voltage [V]", "event: Positive particle surface reached "
                      "the upper end of its OCP data"),
        thermal="lumped" if lumped else "isothermal", notes=("a note",), sources=("key",),
        to_json=lambda: {"name": "cell"})


@pytest.mark.parametrize("lumped", [False, True])
def test_the_table_is_the_clis(lumped: bool) -> None:
    """degC = K - 273.15; % of utilisable = capacity / utilisable x 100; the rise column only
    for a lumped sweep; ends in the CLI's short words."""
    columns, rows = sweep_rows(_result(lumped))
    assert columns[0] == "temperature (degC)" and columns[2] == "of utilisable (%)"
    assert ("temperature rise (K)" in columns) is lumped and columns[-1] == "end"
    assert [r[0] for r in rows] == pytest.approx([0.0, 25.0], abs=1e-9)
    assert [r[2] for r in rows] == pytest.approx([25.0, 50.0])
    assert [r[-1] for r in rows] == ["lower cut-off", "end of OCP data"]
    assert [r[columns.index("separator conductivity (mS/cm)")] for r in rows] == \
        pytest.approx([1.0, 3.0])  # S/m x 10
    if lumped:
        assert [r[columns.index("temperature rise (K)")] for r in rows] == [1.5, 0.5]


def test_the_downloads_hold_the_table_and_the_json() -> None:
    files = sweep_downloads(_result(True))
    name, text = files["csv"]
    assert name == "cell-temperature-sweep.csv"
    assert text.splitlines()[0].startswith("temperature (degC),")
    assert len(text.splitlines()) == 3
    assert json.loads(files["json"][1]) == {"name": "cell"}


def test_the_panel_is_on_the_simulation_tab(tmp_path: Path) -> None:
    app = create_app(tmp_path, tmp_path)
    try:
        found = layout_components(app.layout())
    finally:
        app.state.jobs.close()
    assert [o["value"] for o in found[SWEEP_MESH].options] == list(MESHES)
    assert found[SWEEP_MESH].value == "default"  # the engine's default mesh
    assert found[SWEEP_C_RATE_BOX].value == "1"  # `temperature-sweep --c-rate`'s default
    for cid in ("sweep-run", "sweep-stop", "sweep-job", "sweep-poll", "sweep-result",
                f"{SWEEP_C_RATE_BOX}-msg", TEMPERATURES_MSG):
        assert cid in found
