"""Small simulation defects: micro-ampere experiment steps, the thin-film model's ohmic
label, and the fast model's reason for the end of each discharge."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.fast import END_REASONS, END_WINDOW, FastDischarge
from solidcell.simulation.results import overpotential_label

THIN_FILM = str(Path(__file__).resolve().parents[2] / "examples" / "thin-film-lco-lipon-li.yaml")
EV = str(Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml")


@pytest.mark.parametrize(("typed", "as_run"), [
    # 1 uA = 1e-3 mA (SI prefixes); PyBaMM reads mA, not uA
    ("Discharge at 10 uA until 3 V", "Discharge at 0.01 mA until 3 V"),
    ("Discharge at 10 µA until 3 V", "Discharge at 0.01 mA until 3 V"),
    ("Discharge at 2.5 μW for 1 hour", "Discharge at 0.0025 mW for 1 hour"),
    ("Hold at 4.2 V until 50 uA", "Hold at 4.2 V until 0.05 mA"),
    # a density over the 1 cm2 area, as before
    ("Discharge at 10 uA/cm2 until 3 V", "Discharge at 0.01 mA until 3 V"),
])
def test_micro_units_are_run_in_milli(typed: str, as_run: str) -> None:
    assert pa.normalise_experiment(typed, 1e-4) == (as_run,)
    assert len(pa.check_experiment(typed)) == 1  # PyBaMM reads the converted step
    assert len(pa.density_conversions([typed], 1e-4)) == 1  # a note states it


def test_micro_note_states_the_conversion() -> None:
    (note,) = pa.density_conversions(["Discharge at 10 uA until 3 V"], 1e-4)
    assert note.startswith("10 uA is 0.01 mA")


@pytest.mark.parametrize("unit", ["uV", "uOhm", "uA cm-3", "kA/cm3"])
def test_other_unknown_units_are_still_refused(unit: str) -> None:
    # not converted: PyBaMM's parser refuses them, naming the step
    step = f"Discharge at 3 {unit} until 3 V"
    assert pa.normalise_experiment(step, 1e-4) == (step,)
    with pytest.raises(ValidationError):
        pa.check_experiment(step)


def test_thin_film_runs_a_microamp_step(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["simulate", THIN_FILM, "--experiment",
                          "Discharge at 10 uA for 10 minutes or until 3 V", "--mesh", "coarse",
                          "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["Experiment as run"] == ["Discharge at 0.01 mA for 10 minutes or until 3 V"]
    assert any(n.startswith("10 uA is 0.01 mA") for n in data["notes"])
    # the key stays (same JSON for every model); the table shows the film's own name
    assert "Composite ohmic overpotential [V]" in data["Mean overpotentials [V]"]


def test_thin_film_table_names_the_film_ohmic_drop(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["simulate", THIN_FILM, "--experiment",
                          "Discharge at 10 uA for 10 minutes or until 3 V", "--mesh",
                          "coarse"], capsys)
    assert code == 0, err
    assert "Cathode film electronic ohmic overpotential" in out
    assert "Composite ohmic" not in out


def test_labels_by_model() -> None:
    key = "Composite ohmic overpotential [V]"
    assert overpotential_label(key, "PyBaMM thin-film model: dense lco film") == (
        "Cathode film electronic ohmic overpotential [V]")
    assert overpotential_label(key, "PyBaMM DFN (composite cathode)") == key
    assert overpotential_label("Kinetic overpotential [V]", "PyBaMM thin-film model") == (
        "Kinetic overpotential [V]")


def test_micro_unit_refused_elsewhere_still_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["simulate", THIN_FILM, "--experiment", "Discharge at 3 uV until 3 V",
                          "--mesh", "coarse"], capsys)
    assert_one_line_error(code, out, err, "experiment")


@pytest.mark.parametrize("design", [THIN_FILM, EV])
def test_fast_end_column_gives_a_reason(design: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["rate-capability", design, "--fast", "--rates", "0.1,1,10",
                          "--json"], capsys)
    assert code == 0, err
    ends = json.loads(out)["Termination"]
    assert ends and all(e != "fast model" for e in ends)
    assert all(e in END_REASONS or e.startswith("no capacity") for e in ends)


def test_end_reason_matches_where_it_stopped() -> None:
    from solidcell.simulation.fast import _end_of_discharge

    # two margins over 5 points: the second crosses 0 first (between points 1 and 2)
    v = np.linspace(4.0, 3.0, 5)[None, None, :]
    m_a = np.array([3.0, 2.0, 1.0, -1.0, -2.0])[None, None, :]
    m_b = np.array([1.0, 0.5, -0.5, -1.0, -2.0])[None, None, :]
    cap = np.linspace(0.0, 1.0, 5)[None, None, :]
    i = np.ones((1, 1, 1))
    out = _end_of_discharge(v, [m_a, m_b], cap, i, np.ones((1, 1, 1)), 5, ["a", "b"])
    assert out["end_reason"][0, 0] == "b"
    never = np.ones_like(m_a)
    out = _end_of_discharge(v, [never], cap, i, np.ones((1, 1, 1)), 5, ["a"])
    assert out["end_reason"][0, 0] == END_WINDOW
    assert "end_reason" in {f for f in FastDischarge.__dataclass_fields__}
