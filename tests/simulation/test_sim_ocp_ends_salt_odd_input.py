"""Odd input to ``ocp_ends`` (rate_capability, rate_capability_many, resolve_ocp_ends) and to
``CellParameters.transference_number`` / ``salt_diffusivity_m2_s``: a ValidationError naming
the argument, never numpy's "truth value of an array is ambiguous" (an array of texts for
``ocp_ends`` raised that before 2026-12-06). No simulation is solved here."""

from __future__ import annotations

import dataclasses
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell.errors import ValidationError
from solidcell.materials.schema import TRANSFERENCE_NUMBER_MIN
from solidcell.simulation.pybamm_adapter import OCP_ENDS, resolve_ocp_ends
from solidcell.simulation.runs import cell_parameters, rate_capability, rate_capability_many

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
POLYMER = EXAMPLES / "polymer-lfp-peo-li.yaml"
ODD = [np.array(["wall", "stop"]), np.array("wall"), ["wall"], ("stop",), None, 1, True,
       b"wall", "Wall", " wall", ""]


@pytest.fixture(scope="module", name="ev")
def _ev():
    return cell_parameters(EV)


@pytest.mark.parametrize("value", ODD, ids=repr)
def test_resolve_ocp_ends_refuses_what_is_not_one_of_its_texts(ev, value: object) -> None:
    with pytest.raises(ValidationError) as info:
        resolve_ocp_ends(ev, value)  # type: ignore[arg-type]
    assert info.value.field == "ocp_ends" and str(OCP_ENDS) in info.value.allowed


def test_a_numpy_text_is_read_as_the_plain_text(ev) -> None:
    got = resolve_ocp_ends(ev, np.str_("stop"))
    assert got == "stop" and type(got) is str


@pytest.mark.parametrize("value", [np.array(["wall", "stop"]), np.array("wall"), None],
                         ids=repr)
def test_the_fast_model_refuses_it_by_name(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        rate_capability(EV, [1.0], model="fast", ocp_ends=value)  # type: ignore[arg-type]
    assert info.value.field == "ocp_ends"


@pytest.mark.parametrize("value", [np.array(["wall", "stop"]), 3], ids=repr)
def test_many_refuses_it_before_any_worker_starts(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        rate_capability_many([EV], [1.0], ocp_ends=value, workers=1)  # type: ignore[arg-type]
    assert info.value.field == "ocp_ends"


@pytest.fixture(scope="module", name="polymer")
def _polymer():
    return cell_parameters(POLYMER)


_NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.none(),
                     st.sampled_from([True, "0.3", np.array(0.3), np.array([0.3])]))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(t=_NUMBERS, d=_NUMBERS)
def test_salt_transport_is_accepted_as_documented_or_refused_by_name(polymer, t: object,
                                                                     d: object) -> None:
    """Accepted: t a finite number from the knowledge base's lower bound (-0.8, the lowest
    t0+ measured in PEO-LiTFSI, jes2018_transference_methods) to 1 with d None at t = 1, a
    finite d > 0 below 1 (a normal float: a subnormal one raised PyBaMM's bare
    ZeroDivisionError)."""
    def number(x: object) -> bool:
        return isinstance(x, float | int) and not isinstance(x, bool) and math.isfinite(x)

    ok = number(t) and TRANSFERENCE_NUMBER_MIN <= t <= 1 and (
        d is None if t == 1 else number(d) and d >= sys.float_info.min)
    try:
        p = dataclasses.replace(polymer, transference_number=t, salt_diffusivity_m2_s=d)
    except ValidationError as exc:
        assert not ok
        assert exc.field in ("transference_number", "salt_diffusivity_m2_s")
        return
    assert ok and p.transference_number == t and p.salt_diffusivity_m2_s == d


def test_a_subnormal_salt_diffusivity_is_refused_by_name(polymer) -> None:
    with pytest.raises(ValidationError) as info:
        dataclasses.replace(polymer, transference_number=0.3, salt_diffusivity_m2_s=5e-324)
    assert info.value.field == "salt_diffusivity_m2_s"


def test_a_failed_binary_salt_solve_names_the_salt_transport(polymer) -> None:
    """1e-300 m2/s makes the DFN fail; the failure points at the salt's numbers too (it
    named the particle radius only)."""
    from solidcell.simulation.pybamm_adapter import SimulationFailed

    cell = dataclasses.replace(polymer, transference_number=0.3, salt_diffusivity_m2_s=1e-300)
    with pytest.raises(SimulationFailed, match="the salt transport"):
        rate_capability(cell, [0.5])
