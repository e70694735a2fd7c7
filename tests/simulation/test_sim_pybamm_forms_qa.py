"""PyBaMM's experiment strings as a PyBaMM user types them: every step form PyBaMM 26.10
documents either runs as PyBaMM runs it, or is refused naming the step and what to write.

References (the installed PyBaMM 26.10.1, read from its source):
- pybamm/experiment/step/steps.py ``string()``: "Do this for this long" / "until this
  happens" / "for ... or until ...", instructions "(Dis)charge at x A/C/W", "Rest",
  "Hold at x V until y A"; the keywords split as ``" until "``, ``" for "``, ``" at "``.
- pybamm/experiment/step/base_step.py ``_examples`` (the strings below marked "_examples"),
  ``_convert_electric`` (C, A, V, W, Ohm, an "m" prefix; "C/2"), ``_convert_time_to_seconds``
  (second(s)/s/sec, minute(s)/m/min, hour(s)/h/hr).
- pybamm/experiment/step/step_termination.py ``_parse_termination`` ("until < 3 V",
  "until > 4.1 V") and ``VoltageTermination._get_operator`` (no direction: no event).
- pybamm/experiment/experiment.py: a list of steps, a tuple per cycle, ``[(...)] * N``.
- https://docs.pybamm.org/en/stable/source/api/experiment/index.html (Experiment step
  functions).
"""

from __future__ import annotations

import string

import numpy as np
import pybamm
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simhelpers import design_dict, half_cell

from clirun import assert_one_line_error, run
from solidcell.errors import SolidcellError, ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation import simulate

#: PyBaMM's internal Python errors, which a message must never show.
INTERNAL = ("unpack", "could not convert", "Traceback", "KeyError", "IndexError")


def _reading(step: pybamm.step.BaseStep) -> tuple:
    """What PyBaMM runs of a step: its class, value, duration, period and limits."""
    terms = tuple((type(t).__name__, float(t.value), t.operator) for t in step.termination
                  if type(t).__name__ != "CustomTermination")
    return (type(step).__name__, float(step.value), float(step.duration),
            None if step.period is None else float(step.period), terms)


# --- forms PyBaMM documents: passed to PyBaMM as typed ------------------------------------

PYBAMM_FORMS = [
    "Discharge at 1C for 1 hour",  # the brief; steps.py docstring "Charge at 1 C for 1 hour"
    "Discharge at C/10 for 10 hours or until 3.3 V",
    "Charge at 1 A until 4.1 V",
    "Hold at 4.1 V until 50 mA",  # _examples
    "Hold at 4.1 V until C/50",
    "Rest for 1 hour",
    "Discharge at 2 W for 1 hour",
    "Discharge at 4 Ohm for 1 hour",  # _convert_electric: Ohm
    "Discharge at 4 mOhm for 1 hour",  # the m prefix
    "Discharge at 1C for 0.5 hours",  # _examples
    "Discharge at C/20 for 0.5 hours",  # _examples
    "Charge at 0.5 C for 45 minutes",  # _examples
    "Discharge at 1 A for 0.5 hours",  # _examples
    "Charge at 200 mA for 45 minutes",  # _examples
    "Discharge at 1W for 0.5 hours",  # _examples
    "Charge at 200mW for 45 minutes",  # _examples
    "Rest for 10 minutes",  # _examples
    "Hold at 1V for 20 seconds",  # _examples
    "Charge at 1 C until 4.1V",  # _examples
    "Hold at 4.1 V until 50mA",  # _examples
    "Hold at 3V until C/50",  # _examples
    "Discharge at C/3 for 2 hours or until 2.5 V",  # _examples
    "Discharge at 1C until 3 V (1 minute period)",  # steps.py: "(... period)"
    "Rest for 10 minutes (5 minute period)",  # PyBaMM 22.x _examples
    "Discharge at 1C until 3000 mV",  # the m prefix on a limit
    "Discharge at 1C until < 3 V",  # step_termination.py: an operator
    "Charge at 1C until > 4.1 V",
    "Hold at 4.1 V until < 50 mA",
    "Rest until > 3.5 V",  # an operator gives a rest's voltage limit its direction
    "Discharge at 1C for 600 s", "Discharge at 1C for 600 sec",  # _convert_time_to_seconds
    "Discharge at 1C for 1 second", "Discharge at 1C for 10 m", "Discharge at 1C for 10 min",
    "Discharge at 1C for 1 minute", "Discharge at 1C for 1 h", "Discharge at 1C for 1 hr",
]


@pytest.mark.parametrize("form", PYBAMM_FORMS)
def test_a_pybamm_form_reaches_pybamm_as_pybamm_reads_it(form: str) -> None:
    """The step solidcell hands to PyBaMM is PyBaMM's own reading of the string."""
    (steps,) = [pa.check_experiment(form)]
    assert steps == (form,)
    assert _reading(pybamm.step.string(steps[0])) == _reading(pybamm.step.string(form))


# --- spelling PyBaMM's parser refuses, same meaning: read as the PyBaMM form ---------------

SPELLINGS = [
    ("DISCHARGE AT 1C UNTIL 3 V", "Discharge at 1C until 3 V"),
    ("discharge at 1C for 1 hour", "Discharge at 1C for 1 hour"),
    ("Rest For 1 Hour", "Rest for 1 hour"),
    ("rest FOR 90 MINUTES", "Rest for 90 minutes"),
    ("Hold AT 4.2 V UNTIL C/50", "Hold at 4.2 V until C/50"),
    ("Discharge at 1C For 2 Hours Or Until 3 V", "Discharge at 1C for 2 hours or until 3 V"),
    ("Discharge  at  1C  until  3 V", "Discharge at 1C until 3 V"),
    ("  Discharge at 1C\tuntil 3 V  ", "Discharge at 1C until 3 V"),
    ("Discharge at C / 2 until 3 V", "Discharge at C/2 until 3 V"),
    ("Discharge at C /2 until 3 V", "Discharge at C/2 until 3 V"),
    ("Discharge at 1C until 3 V(1 minute period)", "Discharge at 1C until 3 V (1 minute period)"),
    ("Discharge at 1C until 3 V (1 minute  PERIOD)",
     "Discharge at 1C until 3 V (1 minute period)"),
    ("Discharge at 1C for 10 Seconds", "Discharge at 1C for 10 seconds"),
]


@pytest.mark.parametrize(("typed", "form"), SPELLINGS)
def test_case_and_spacing_are_read_as_the_pybamm_form(typed: str, form: str) -> None:
    """PyBaMM 26.10 refused each of these ('Operating conditions must contain keyword 'for'
    or 'until'', 'Instruction must be ...', 'time units must be ...', 'could not convert
    string to float'); the keywords, the instruction and the time units have one meaning in
    any case and spacing. Units of value stay case-sensitive (mA is not MA)."""
    (step,) = pa.check_experiment(typed)
    assert step == form
    assert _reading(pybamm.step.string(step)) == _reading(pybamm.step.string(form))


@pytest.mark.parametrize(("form", "seconds"), [
    ("Rest for 600 s", 600.0), ("Rest for 600 sec", 600.0), ("Rest for 600 seconds", 600.0),
    ("Rest for 10 m", 600.0), ("Rest for 10 min", 600.0), ("Rest for 10 minutes", 600.0),
    ("Rest for 0.5 h", 1800.0), ("Rest for 0.5 hr", 1800.0), ("Rest for 0.5 hours", 1800.0),
    ("Rest for 1 Hour", 3600.0), ("Rest for .5 h", 1800.0), ("Rest for 1e1 min", 600.0),
])
def test_time_abbreviations_are_pybamms(form: str, seconds: float) -> None:
    """base_step.py ``_convert_time_to_seconds``: s/sec/second(s), m/min/minute(s),
    h/hr/hour(s)."""
    (step,) = pa.check_experiment(form)
    assert float(pybamm.step.string(step).duration) == seconds


def test_cycles_as_tuples_a_repeated_group_and_an_experiment_are_the_same_steps() -> None:
    """experiment.py: a tuple per cycle, ``[(...)] * N``; solidcell's '(A, B)*N' text."""
    cycle = ("Discharge at 1C until 3 V", "Charge at C/3 until 4.2 V")
    expected = cycle * 3
    assert pa.check_experiment([cycle] * 3) == expected
    assert pa.check_experiment(pybamm.Experiment([cycle] * 3)) == expected
    assert pa.check_experiment(f"({cycle[0]}, {cycle[1]})*3") == expected
    assert pa.check_experiment(f"({cycle[0]}; {cycle[1]}) x 3") == expected
    assert pa.check_experiment(["Rest for 1 hour", cycle]) == ("Rest for 1 hour", *cycle)


# --- refused: one message naming the step, the value and what to write ---------------------

REFUSED = [
    # PyBaMM 26.10 steps.py: "Temperature must be specified as a keyword argument"
    ("Discharge at 1C until 3 V at 45oC", "cannot set the temperature"),
    ("Discharge at 1C until 3 V at 45 °C", "cannot set the temperature"),
    ("Discharge at 1C at 45oC until 3 V", "cannot set the temperature"),
    ("Discharge at 1C until 3 V at 45 degC", "cannot set the temperature"),
    ("Rest for 1 hour at 298 K", "cannot set the temperature"),
    # steps.py: "Simulating drive cycles with 'Run' has been deprecated"
    ("Run US06 (A)", "drive cycle"),
    ("Run US06 (A) for 20 minutes", "drive cycle"),
    ("Run US06", "drive cycle"),
    # _convert_electric: no % or A h unit; experiment.py reads '80% capacity' only as the
    # termination of a whole experiment
    ("Discharge at 1C until 50% SOC", "no state-of-charge or capacity limit"),
    ("Discharge at 1C until 3 V or 80% capacity", "no state-of-charge or capacity limit"),
    ("Discharge at 1C until 4 Ah", "no state-of-charge or capacity limit"),
    # steps.py splits once at " until " and " for ": PyBaMM said 'too many values to unpack'
    ("Charge at 1C until 4.2 V or until C/50", "one 'until' limit"),
    ("Charge at 1C until 4.2 V or C/50", "one 'until' limit"),
    ("Discharge at 1C until 3 V until 2 V", "one 'until' limit"),
    ("Discharge at 1C for 1 hour for 2 hours", "one duration"),
    ("Discharge at 1C until 3 V (1 minute period) (2 minute period)", "one output period"),
    ("Discharge at 1C until 3 V or until 1 hour", "duration goes before the limit"),
    ("Hold at 4.2 V until C/50 or 1 hour", "duration goes before the limit"),
    ("Discharge at 1C for 1 hour or 3 V", "for 2 hours or until 3 V"),
    # PyBaMM: 'not enough values to unpack', 'Instruction must be ...'
    ("Discharge for 1 hour", "needs 'at' and a value"),
    ("Pause for 1 hour", "not 'Pause'"),
    ("CC discharge at 1C until 3 V", "not 'CC'"),
    ("Discharge at 1C", "'for' a duration or 'until' a limit"),
    ("Rest", "'for' a duration or 'until' a limit"),
    # PyBaMM: 'could not convert string to float'
    ("Discharge at +1C until 3 V", "plain number and its unit"),
    ("Discharge at nan C for 1 hour", "plain number and its unit"),
    # units PyBaMM does not read (case-sensitive; no k, u, µ, Ω)
    ("discharge at 1c until 3 v", "case-sensitive"),
    ("Discharge at 4 ohm for 1 hour", "case-sensitive"),
    ("Discharge at 1 kA until 3 V", "units must be C"),
    ("Discharge at 10 µV until 3 V", "units must be C"),  # (10 µA runs as 0.01 mA)
    ("Discharge at 4 Ω for 1 hour", "units must be C"),
    ("Discharge at 1C for 2 hrs", "time units must be"),
    ("Discharge at 1C for 1 day", "time units must be"),
    # repeats and separators
    ("Discharge at 1C until 3 V * 3", "with parentheses"),
    ("[Discharge at 1C until 3 V, Charge at 1C until 4.2 V]*3", "with parentheses"),
    ("Charge at 1C until 4.2 V, Hold at 4.2 V until C/50", "separate steps with ';'"),
    ("Discharge at 1C until 3 V then rest for 1 hour", "separate steps with ';'"),
    # PyBaMM reads these and runs something else (silently): refused
    ("Rest at 1C for 1 hour", "a rest has no value"),
    ("Rest until 3 V", "rest has no direction"),
    ("Rest for 10 minutes or until 3 V", "rest has no direction"),
    ("Discharge at 0 A for 10 minutes or until 3 V", "no current) has no direction"),
    ("Hold at 4.1 V until 4 V", "voltage hold has a constant voltage"),
    ("Discharge at 1C until C/10", "reached at once or never"),
    ("Discharge at 1 mA until 50 mA", "reached at once or never"),
    ("Rest until 1 mA", "reached at once or never"),
]


@pytest.mark.parametrize(("step", "words"), REFUSED)
def test_an_unsupported_form_is_refused_naming_the_step(step: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        pa.check_experiment(f"Rest for 1 minute; {step}")
    assert info.value.field == "experiment"
    assert words in info.value.allowed, info.value.allowed
    assert not any(bad in str(info.value) for bad in INTERNAL), str(info.value)
    # the step itself (as PyBaMM reads its spelling), not the whole experiment
    assert str(info.value.value).lower().split() == step.lower().split()


def test_a_refusal_of_the_command_is_one_line(tmp_path, capsys) -> None:
    import yaml

    path = tmp_path / "cell.yaml"
    path.write_text(yaml.safe_dump(design_dict()), encoding="utf-8")
    code, out, err = run(["simulate", str(path), "-e", "Rest until 3 V"], capsys)
    assert_one_line_error(code, out, err, "--experiment", "Rest until 3 V", "until > 3.5 V")


# --- runs: what PyBaMM's step means holds in the solution ---------------------------------


@pytest.fixture(scope="module")
def cell():
    """A 1 cm2 NMC811 | Li half cell (simhelpers; about 3.9 mA h)."""
    return half_cell()


def _run(cell, experiment):
    return simulate(cell, experiment, mesh="coarse")


def test_a_c_rate_step_runs_at_c_times_the_capacity_and_passes_i_t(cell) -> None:
    """steps.py CRate: current = C-rate x 'Nominal cell capacity [A.h]'; 1C for 10 minutes
    passes capacity / 6."""
    r = _run(cell, "Discharge at 1C for 10 minutes")
    assert np.allclose(r.current_A, cell.capacity_A_h, rtol=1e-9)
    assert r.time_s[-1] == pytest.approx(600.0)
    assert r.delivered_capacity_A_h == pytest.approx(cell.capacity_A_h / 6, rel=1e-6)


def test_upper_case_runs_what_the_pybamm_form_runs(cell) -> None:
    a = _run(cell, "DISCHARGE AT 1C FOR 10 MINUTES (1 MINUTE PERIOD)")
    b = _run(cell, "Discharge at 1C for 10 minutes (1 minute period)")
    assert a.experiment_as_run == b.experiment
    np.testing.assert_array_equal(a.voltage_V, b.voltage_V)


def test_a_period_sets_the_output_times(cell) -> None:
    """base_step.py ``default_time_vector``: a point every period."""
    r = _run(cell, "Discharge at 1C for 10 minutes (1 minute period)")
    np.testing.assert_allclose(r.time_s, np.arange(0.0, 601.0, 60.0), atol=1e-9)


@pytest.mark.parametrize(("form", "check"), [
    ("Discharge at 1C for 2 hours or until 3.9 V", "v_end=3.9"),
    ("Discharge at 1C until < 3.9 V", "v_end=3.9"),
    ("Charge at 1 mA until 4.1 V", "i=-0.001 v_end=4.1"),
    ("Hold at 4.1 V until 0.05 mA", "v=4.1 i_end=5e-5"),
    ("Hold at 4.1 V until C/50", "v=4.1 i_end=cap/50"),
    ("Rest for 10 minutes", "i=0 t_end=600"),
    ("Discharge at 10 mW for 10 minutes", "p=0.01 t_end=600"),
    ("Discharge at 1000 Ohm for 10 minutes", "r=1000 t_end=600"),
    ("Discharge at 1000000 mOhm for 10 minutes", "r=1000 t_end=600"),
    ("Discharge at 1 mA/cm2 for 10 minutes", "i=0.001 t_end=600"),  # 1 cm2: 1 mA
])
def test_each_control_holds_what_the_step_names(cell, form: str, check: str) -> None:
    """Current, voltage, power (V I), resistance (V / I) and the limit at the end are the
    values the step names (steps.py: Current, Voltage, Power, Resistance; the limit ends the
    step where it is reached)."""
    r = _run(cell, form)
    v, i, t = r.voltage_V, r.current_A, r.time_s
    for item in check.split():
        key, value = item.split("=")
        x = cell.capacity_A_h / 50 if value == "cap/50" else float(value)
        if key == "v_end":
            assert v[-1] == pytest.approx(x, abs=1e-6)
        elif key == "i_end":
            assert abs(i[-1]) == pytest.approx(x, rel=1e-4)
        elif key == "t_end":
            assert t[-1] == pytest.approx(x)
        elif key == "v":
            assert np.allclose(v, x, atol=1e-6)
        elif key == "i":
            assert np.allclose(i, x, rtol=1e-9, atol=1e-15)
        elif key == "p":
            assert np.allclose(v * i, x, rtol=1e-4)
        elif key == "r":
            assert np.allclose(v[i > 0] / i[i > 0], x, rtol=1e-6)


@pytest.mark.slow
def test_a_cycle_as_tuples_runs_as_the_repeated_group(cell) -> None:
    """Two cycles of 5 minutes at 1C and 5 minutes' rest: 20 minutes, capacity / 6 passed,
    the same solution as PyBaMM's ``[(...)] * 2``."""
    a = _run(cell, "(Discharge at 1C for 5 minutes, Rest for 5 minutes)*2")
    b = _run(cell, [("Discharge at 1C for 5 minutes", "Rest for 5 minutes")] * 2)
    assert a.time_s[-1] == pytest.approx(1200.0)
    assert a.discharge_capacity_A_h[-1] == pytest.approx(cell.capacity_A_h / 6, rel=1e-6)
    np.testing.assert_array_equal(a.voltage_V, b.voltage_V)


def test_the_experiment_pybamm_builds_is_its_own_reading_of_the_strings(cell) -> None:
    """The steps of the ``pybamm.Experiment`` solidcell builds equal ``pybamm.step.string`` of
    PyBaMM's forms (solidcell only adds its ends of the OCP data as extra terminations)."""
    typed = ["discharge at 1C for 10 minutes or until 3 V", "Rest For 5 Minutes",
             "Charge at C / 2 until 4.1 V", "HOLD AT 4.1 V UNTIL C/50"]
    forms = ["Discharge at 1C for 10 minutes or until 3 V", "Rest for 5 minutes",
             "Charge at C/2 until 4.1 V", "Hold at 4.1 V until C/50"]
    steps = pa.normalise_experiment(typed, cell.area_m2)
    built = pa.get_built(cell, experiment=steps, mesh="coarse")
    ran = built.simulation.experiment.steps
    assert [_reading(s) for s in ran] == [_reading(pybamm.step.string(f)) for f in forms]


# --- mangled strings: a run or a SolidcellError, never another exception -------------------

_BASE = PYBAMM_FORMS + [t for t, _ in SPELLINGS] + [s for s, _ in REFUSED]
_PIECES = [*string.ascii_letters, *string.digits, *" .,;:/()*+-<>%°µΩ\t\n", "until", "for",
           " or ", " at ", "period", "C/", "mA", "mV", "Ohm", "1e400", "nan", "oC"]


@st.composite
def mangled(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_BASE))
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "upper", "lower", "double"]))
        if op == "insert":
            text = text[:pos] + draw(st.sampled_from(_PIECES)) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 4)):]
        elif op == "upper":
            text = text[:pos] + text[pos:].upper()
        elif op == "lower":
            text = text[:pos] + text[pos:].lower()
        else:
            text = text[:pos] + text[pos:].replace(" ", "  ", 1)
    return text


@settings(max_examples=400)
@given(mangled())
def test_a_mangled_string_is_read_or_refused_by_name(text: str) -> None:
    """Read: every check passes and PyBaMM builds the experiment; else a SolidcellError whose
    message shows no Python internals."""
    try:
        steps = pa.check_experiment(text)
        pa.check_steps(pa.normalise_experiment(text, 1e-4), 0.0039)
        pa._experiment(steps, True, None)
    except SolidcellError as exc:
        assert not any(bad in str(exc) for bad in INTERNAL), str(exc)


@pytest.mark.slow
@settings(max_examples=12)
@given(mangled())
def test_a_mangled_string_runs_or_is_refused(text: str) -> None:
    cp = half_cell()
    try:
        r = simulate(cp, text, mesh="coarse")
    except SolidcellError:
        return
    assert len(r.time_s) >= 1 and np.all(np.isfinite(r.voltage_V))
