"""The plating CCD estimate over its whole input space: every answer is a finite positive
number, and every refusal names an input that is at fault (set to a nominal value, that input
is no longer named). Found by this test: an infinite overpotential from a lithium density of
5e-324 kg/m3 (or a refusal of the ASR for it), a CCD of 0 A/m2 when f ASR overflowed, the
toughness blamed for a geometry factor of 1e-320, and an ASR that underflowed to 0 at a high
stack pressure handed on and refused as ``--asr``."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.mechanics.dendrite import asr_at_pressure, critical_current_density

#: nominal inputs (the model's docstring: a 5 um flaw, 1 mV ~ 7.4 MPa; Li6PS5Cl's toughness of
#: the knowledge base): only as values with which an input is no longer at fault
NOMINAL = {"flaw_size_m": 5e-6, "asr_ohm_m2": 1e-3, "focusing_factor": 1.0,
           "fracture_toughness_Pa_m05": None, "li_density_kg_m3": None, "geometry_factor": 1.12}


def _magnitude() -> st.SearchStrategy[float]:
    """Positive numbers from the float limits to their inverse."""
    return st.builds(lambda m, e: m * 10.0 ** e, st.floats(1.0, 9.99),
                     st.integers(-330, 308)).filter(math.isfinite)


def _call(inputs: dict[str, float | None]):
    args = {k: v for k, v in inputs.items() if k != "flaw_size_m" and v is not None}
    return critical_current_density("li6ps5cl", inputs["flaw_size_m"], **args)


@settings(max_examples=150, deadline=None)
@given(inputs=st.fixed_dictionaries({k: st.one_of(st.just(v), _magnitude())
                                     for k, v in NOMINAL.items()}))
@example(inputs={**NOMINAL, "li_density_kg_m3": 5e-324})
@example(inputs={**NOMINAL, "focusing_factor": 1e308, "asr_ohm_m2": 10.0})
@example(inputs={**NOMINAL, "geometry_factor": 1e-320})
@example(inputs={**NOMINAL, "flaw_size_m": 1e308})
def test_ccd_is_finite_or_names_an_input_at_fault(inputs: dict[str, float | None]) -> None:
    try:
        result = _call(inputs)
    except ValidationError as exc:
        assert exc.field in NOMINAL, exc
        assert exc.value == inputs[exc.field]
        fixed = {**inputs, exc.field: NOMINAL[exc.field]}
        try:
            _call(fixed)
        except ValidationError as again:
            assert again.field != exc.field, (exc, again)
        return
    values = [result.critical_pressure_Pa, result.critical_overpotential_V,
              result.critical_current_density_A_m2]
    assert all(math.isfinite(v) and v > 0 for v in values), result


def test_asr_that_underflows_names_the_pressure() -> None:
    # 1e-300 Ohm m2 scaled to 1 GPa from 1e-300 Pa: (1e309)^-0.5 overflows to 0, an ASR of 0
    # (1e300 Pa, the former case, is now refused first: above lithium's Young's modulus)
    with pytest.raises(ValidationError) as info:
        asr_at_pressure(1e-300, 1e-300, 1e9)
    assert (info.value.field, info.value.value) == ("pressure_Pa", 1e9)
    assert "finite number > 0" in str(info.value)
    assert asr_at_pressure(1e-3, 5e6, 1.25e6) == pytest.approx(2e-3)  # (1/4)^-0.5 = 2


def test_an_empty_list_of_flaws_is_refused() -> None:
    """``flaw_size_m=[]`` answered an empty CCD."""
    with pytest.raises(ValidationError) as info:
        critical_current_density("li6ps5cl", [], asr_ohm_m2=1e-3)
    assert info.value.field == "flaw_size_m"
    assert np.shape(critical_current_density("li6ps5cl", [5e-6, 1e-5]).flaw_size_m) == (2,)


SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(flaw=_magnitude(), asr=_magnitude(), p_ref=_magnitude(), p=_magnitude())
@example(flaw=5e-6, asr=1e-300, p_ref=1.0, p=1e300)
@example(flaw=5e-6, asr=1e-300, p_ref=1e-300, p=1e9)  # the ASR underflows to 0 below the bound
@example(flaw=1e308, asr=1.0, p_ref=1.0, p=1.0)  # pi a overflows: a CCD of 0 was reported
def test_ccd_command_answers_or_names_an_option(flaw: float, asr: float, p_ref: float,
                                                p: float, capsys) -> None:
    typed = {"--flaw-size": f"{flaw!r} m", "--asr": f"{asr!r} Ohm m2",
             "--asr-pressure": f"{p_ref!r} Pa", "--pressure": f"{p!r} Pa"}
    code, out, err = run(["ccd", "li6ps5cl", *[x for kv in typed.items() for x in kv],
                          "--json"], capsys)
    if code == 0:
        (row,) = json.loads(out)
        if "the stack pressure alone" in row["Note"]:  # the stack extends the flaw: CCD 0
            assert row["Critical current density [A.m-2]"] == 0.0
            assert row["Critical pressure [Pa]"] <= p  # (test_mechanics_ccd_stack_superposition)
            return
        assert row["Critical current density [A.m-2]"] > 0
        return
    assert_one_line_error(code, out, err)
    named = [o for o in typed if err.startswith(f"error: {o}: {typed[o]!r}")]
    assert named, err
    if named == ["--asr"]:  # the ASR scaled to --pressure is at fault, not the scaling
        with pytest.raises(ValidationError):
            critical_current_density("li6ps5cl", flaw,
                                     asr_ohm_m2=asr_at_pressure(asr, p_ref, p))


def test_ccd_command_names_the_pressure_an_asr_underflows_at(capsys) -> None:
    """1e-300 Ohm m2 at 1e-300 Pa scaled to 1 GPa underflows to 0: '--asr' was refused as if
    1e-300 Ohm m2 were not > 0."""
    assert_one_line_error(*run(["ccd", "li6ps5cl", "--flaw-size", "5 um", "--asr",
                                "1e-300 Ohm m2", "--asr-pressure", "1e-300 Pa", "--pressure",
                                "1 GPa"], capsys),
                          "--pressure: '1 GPa' is not allowed")
