"""One rule for the cation transference number: the knowledge base's ``transference_number``
(``PROPERTIES``, bounds [TRANSFERENCE_NUMBER_MIN, 1]) and the simulation's
``CellParameters.transference_number`` accept and refuse the same numbers.

Negative t0+ are measured: in PEO-LiTFSI they "vary from 0.7 to -0.8" over the salt
concentration window (``jes2018_transference_methods``, abstract), so -0.8 is the lower bound;
1 is a single-ion conductor. Before 2026-12-07 the schema refused every negative value (bounds
0 to 1) while the simulation took any finite t+ <= 1."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import solidcell as sc
from solidcell.citations import bibliography
from solidcell.errors import ValidationError
from solidcell.materials.schema import PROPERTIES, TRANSFERENCE_NUMBER_MIN, PropertyValue
from solidcell.simulation.parameters import parameters_from_design

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
POLYMER = EXAMPLES / "polymer-lfp-peo-li.yaml"
SOURCE = "jes2018_transference_methods"
#: a salt diffusivity for the binary salt (a test input: any positive normal float is taken)
D_SALT = 1e-11


def _value(x: float) -> PropertyValue:
    return PropertyValue(name="transference_number", value=x, method="measured", source=SOURCE)


@pytest.fixture(scope="module", name="polymer")
def _polymer():
    return parameters_from_design(sc.CellDesign.from_yaml(POLYMER))


def test_the_bound_is_the_sources_lowest_measured_value() -> None:
    """jes2018_transference_methods (abstract): t0+ of PEO-LiTFSI "vary from 0.7 to -0.8"."""
    assert TRANSFERENCE_NUMBER_MIN == -0.8
    spec = PROPERTIES["transference_number"]
    assert (spec.lower, spec.upper) == (TRANSFERENCE_NUMBER_MIN, 1.0)
    assert SOURCE in spec.bounds_source
    assert SOURCE in bibliography()


@pytest.mark.parametrize("t", [-0.8, -0.5, 0.0, 0.58, 1.0])
def test_the_schema_accepts_a_sourced_negative_value(t: float) -> None:
    assert _value(t).si == pytest.approx(t)


@pytest.mark.parametrize(("t", "words"), [(-0.81, "must be >= -0.8"),
                                          (1.01, "is above the limit 1")])
def test_the_schema_refuses_beyond_the_bounds_naming_the_source(t: float, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        _value(t)
    message = str(info.value)
    assert f"transference_number: {t:g}" in message and words in message
    assert SOURCE in message


@given(st.floats(-2.0, 2.0) | st.sampled_from([-0.8, 1.0, -0.8000000000000002, math.nan,
                                                math.inf, -math.inf]))
def test_the_schema_and_the_simulation_agree(polymer, t: float) -> None:
    """Accepted by the knowledge base if and only if accepted as a simulation's t+."""
    try:
        _value(t)
        stored = True
    except ValidationError:
        stored = False
    try:
        replace(polymer, transference_number=t, salt_diffusivity_m2_s=None if t == 1 else D_SALT)
        simulated = True
    except ValidationError as exc:
        assert exc.field == "transference_number" and SOURCE in exc.allowed
        simulated = False
    assert stored == simulated


def test_a_negative_measured_t_plus_flows_into_the_simulation(
        fresh_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A measurement t+ = -0.5 of peo_litfsi: the simulation's note names it with its source,
    and as the DFN's binary salt it reaches PyBaMM's parameters."""
    from solidcell.materials import default_store, resolve
    from solidcell.simulation.pybamm_adapter import parameter_values

    monkeypatch.setenv("SOLIDCELL_DB", fresh_db)
    default_store().add_measurement("peo_litfsi", _value(-0.5))
    params = parameters_from_design(sc.CellDesign.from_yaml(POLYMER))
    [note] = [n for n in params.notes if "single-ion conductor" in n]
    assert "its transference number in the knowledge base is -0.5" in note
    assert SOURCE in params.sources
    t = resolve("peo_litfsi").si("transference_number")
    binary = replace(params, transference_number=t, salt_diffusivity_m2_s=D_SALT)
    assert binary.transference_number == -0.5
    assert parameter_values(binary)["Cation transference number"] == -0.5
