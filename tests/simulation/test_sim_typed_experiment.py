"""The experiment as the user typed it: a result keeps the typed steps (``experiment``, the
CLI's table title, ``--json``'s "Experiment"), the steps PyBaMM ran apart (``experiment_as_run``,
"Experiment as run"), and a note states each current or power density converted over the
electrode area. What is simulated does not change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation import simulate

EV = str(Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml")
TYPED = "Discharge at 0.5 mA/cm2 until 3 V; Rest for 10 minutes"
STEPS = ["Discharge at 0.5 mA/cm2 until 3 V", "Rest for 10 minutes"]

#: a density as typed -> (the factor from its number to milli-units per its area unit, the
#: area unit, the converted unit)
UNITS = {"mA/cm2": (1.0, "cm", "mA"), "μA cm−2": (1e-3, "cm", "mA"),
         "A/m2": (1000.0, "m", "mA"), "mW/cm2": (1.0, "cm", "mW")}
_NOTE = re.compile(r"^(?P<typed>.+) over the (?P<area>\S+) (?P<per>cm|m)2 electrode area is "
                   r"(?P<value>\S+) (?P<unit>mA|mW) \(the (?:current|power) PyBaMM ran\)$")


@given(number=st.floats(1e-3, 1e3), area_m2=st.floats(1e-5, 10.0),
       unit=st.sampled_from(sorted(UNITS)))
def test_the_note_states_the_density_times_the_electrode_area(number: float, area_m2: float,
                                                              unit: str) -> None:
    """Property: the note quotes the density as typed and states density x area (six
    significant digits), the current PyBaMM's step runs at."""
    density = f"{number:.4g} {unit}"
    step = f"Discharge at {density} for 1 minute"
    (note,) = pa.density_conversions([step], area_m2)
    m = _NOTE.match(note)
    assert m is not None, note
    factor, per, milli = UNITS[unit]
    area = area_m2 * (1e4 if per == "cm" else 1.0)
    expected = float(f"{number:.4g}") * factor * area
    assert m["typed"] == density and m["per"] == per and m["unit"] == milli
    assert float(m["value"]) == pytest.approx(expected, rel=5e-6)
    assert float(m["area"]) == pytest.approx(area, rel=5e-6)
    assert pa.convert_current_densities(step, area_m2) == (
        f"Discharge at {m['value']} {milli} for 1 minute")


def test_steps_without_a_density_have_no_note_and_a_repeat_one() -> None:
    assert pa.density_conversions(["Discharge at 1C until 3 V", "Charge at 2 mA until 4.2 V",
                                   "Hold at 4.2 V until C/20", "Rest for 1 hour"], 0.4) == ()
    assert len(pa.density_conversions(["Discharge at 0.5 mA/cm2 for 1 minute"] * 3, 0.4)) == 1


def test_the_result_keeps_the_steps_as_typed_and_runs_the_current() -> None:
    """0.5 mA/cm2 over the EV example's 4000 cm2 is 2000 mA: the result's experiment is as
    typed (the lower-case word and 'mA cm-2' too), the discharge current is 2 A."""
    typed = "discharge at 0.5 mA cm-2 until 3 V; Rest for 10 minutes"
    res = simulate(EV, typed, mesh="coarse")
    area_cm2 = res.area_m2 * 1e4
    assert res.experiment == ("discharge at 0.5 mA cm-2 until 3 V", "Rest for 10 minutes")
    assert res.experiment_as_run == ("Discharge at 2000 mA until 3 V", "Rest for 10 minutes")
    assert area_cm2 == pytest.approx(4000.0)
    assert ("0.5 mA cm-2 over the 4000 cm2 electrode area is 2000 mA (the current PyBaMM ran)"
            in res.notes)
    assert res.current_A.max() == pytest.approx(0.5e-3 * area_cm2, rel=1e-9)
    data = res.to_json(curves=False)
    assert data["Experiment"] == list(res.experiment)
    assert data["Experiment as run"] == list(res.experiment_as_run)


def _title(out: str) -> str:
    """The first table's title, its wrapped lines joined."""
    return " ".join(out[:out.index("┏")].split())


def test_the_command_shows_the_typed_experiment_and_the_conversion(capsys) -> None:
    code, out, err = run(["simulate", EV, "-e", TYPED, "--mesh", "coarse"], capsys)
    assert code == 0, err
    assert _title(out) == f"EV pouch NMC811 | Li6PS5Cl | Li: {TYPED}"
    flat = " ".join(out.split())
    assert "experiment as run (PyBaMM)" in flat and "Discharge at 2000 mA until 3 V" in flat
    assert ("note: 0.5 mA/cm2 over the 4000 cm2 electrode area is 2000 mA (the current "
            "PyBaMM ran)") in out
    code, out, err = run(["simulate", EV, "-e", TYPED, "--mesh", "coarse", "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["Experiment"] == STEPS
    assert data["Experiment as run"] == ["Discharge at 2000 mA until 3 V", "Rest for 10 minutes"]
    assert any(n.startswith("0.5 mA/cm2 over the 4000 cm2") for n in data["notes"])


def test_without_a_density_the_table_has_no_row_and_the_json_the_same_steps(capsys) -> None:
    code, out, err = run(["simulate", EV, "-e", "discharge at 1C for 1 minute", "--mesh",
                          "coarse"], capsys)
    assert code == 0, err
    assert _title(out) == "EV pouch NMC811 | Li6PS5Cl | Li: discharge at 1C for 1 minute"
    assert "experiment as run" not in out and "electrode area is" not in out


@pytest.mark.parametrize(("step", "words"), [
    ("Discharge at 0.5 mA/cm2 until 3 v", ("case-sensitive",)),
    ("Discharge at -0.5 mA/cm2 until 3 V", ("negative value",)),
    ("Discharge at 1e9 mA/cm2 until 3 V", ("at most 3600C",)),
])
def test_bad_density_steps_are_refused_as_before(step: str, words: tuple[str, ...],
                                                 capsys) -> None:
    code, out, err = run(["simulate", EV, "-e", step], capsys)
    assert_one_line_error(code, out, err, "--experiment", repr(step), *words)
    with pytest.raises(ValidationError) as exc:
        simulate(EV, step)
    assert exc.value.field == "experiment"
