"""Bad input at the public functions of solidcell.simulation: a ValidationError naming the
field, the value and what is allowed; never a TypeError from deep inside, a broken process
pool, or a silently ignored value. Each case below was accepted or failed otherwise before."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simhelpers import design_dict, half_cell

from solidcell.errors import ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.fast import FastArrays, fast_discharge
from solidcell.simulation.ocp import OcpCurveData, ocp_for
from solidcell.simulation.parameters import CounterElectrode, electrode_from_material
from solidcell.simulation.runs import (
    cell_parameters,
    rate_capability,
    rate_capability_many,
    temperature_sweep,
)
from solidcell.simulation.validation import composite_ohmic_number, validation_designs

NAN = float("nan")
CP = half_cell()


def _design() -> Any:
    from solidcell.cell.design import CellDesign

    return CellDesign(**design_dict())


def _electrode(**kw: Any) -> Any:
    args = dict(thickness_m=50e-6, active_volume_fraction=0.6, electrolyte_volume_fraction=0.3,
                electrolyte_conductivity_S_m=0.1)
    return electrode_from_material("nmc811", **{**args, **kw})


CASES: list[tuple[str, Callable[[], Any], str]] = [
    # temperature_sweep: [] returned an empty result; [[298]] / ['25 degC'] were TypeError /
    # ValueError; c_rate '1' was accepted
    ("temperatures []", lambda: temperature_sweep(_design(), [], mesh="coarse"), "temperatures"),
    ("temperatures 2-D", lambda: temperature_sweep(_design(), [[298.15]]), "temperatures"),
    ("temperatures text", lambda: temperature_sweep(_design(), ["25 degC"]), "temperatures"),
    ("sweep c_rate text", lambda: temperature_sweep(_design(), [298.15], c_rate="1"), "c_rate"),
    # rate_capability_many: workers -1 ran serially, '2' and 1.5 were TypeError, a path string
    # was iterated character by character ('design: e')
    ("workers -1", lambda: rate_capability_many([CP, CP], [1.0], workers=-1), "workers"),
    ("workers '2'", lambda: rate_capability_many([CP, CP], [1.0], workers="2"), "workers"),
    ("workers 1.5", lambda: rate_capability_many([CP, CP], [1.0], workers=1.5), "workers"),
    ("designs as one path", lambda: rate_capability_many("examples/ev.yaml", [1.0]), "designs"),
    # fast model: > 3600C gave capacity 0, [] an empty result, '1' was accepted, n_points 30.5
    # TypeError, 10**9 points ran out of memory, chunk 0/-1 ValueError/IndexError, a str
    # AttributeError; a NaN cut-off meant no cut-off, 100 V capacity 0
    ("fast 1e5 C", lambda: fast_discharge(CP, [1e5]), "c_rates"),
    ("fast no rates", lambda: fast_discharge(CP, []), "c_rates"),
    ("fast rate text", lambda: fast_discharge(CP, "1"), "c_rates"),
    ("rate_capability rate text", lambda: rate_capability(CP, "1", model="fast"), "c_rates"),
    ("n_points 30.5", lambda: fast_discharge(CP, [1.0], n_points=30.5), "n_points"),
    ("n_points 1e9", lambda: fast_discharge(CP, [1.0], n_points=10**9), "n_points"),
    ("chunk 0", lambda: fast_discharge(CP, [1.0], chunk=0), "chunk"),
    ("chunk -1", lambda: fast_discharge(CP, [1.0], chunk=-1), "chunk"),
    ("designs str", lambda: fast_discharge("cell.yaml", [1.0]), "params"),
    ("designs item", lambda: FastArrays.from_parameters([CP, 3]), "params[1]"),
    ("cut-off NaN", lambda: FastArrays.from_parameters(CP, NAN), "lower_cutoff_V"),
    ("cut-off 100 V", lambda: FastArrays.from_parameters(CP, 100.0), "lower_cutoff_V"),
    ("cut-off text", lambda: FastArrays.from_parameters(CP, "3 V"), "lower_cutoff_V"),
    ("cut-off length", lambda: FastArrays.from_parameters(CP, [3.0, 3.0]), "lower_cutoff_V"),
    ("progress 'no'", lambda: rate_capability(CP, [1.0], model="fast", progress="no"),
     "progress"),
    # parameters: NaN / negative activation energies, bools as numbers, unknown counter
    # electrodes and wrong types were accepted or TypeError/AttributeError
    ("E_a NaN", lambda: dataclasses.replace(
        CP.positive, exchange_current_activation_energy_J_mol=NAN),
     "nmc811.exchange_current_activation_energy_J_mol"),
    ("E_a < 0", lambda: dataclasses.replace(
        CP.positive, exchange_current_activation_energy_J_mol=-1e5),
     "nmc811.exchange_current_activation_energy_J_mol"),
    ("thickness True", lambda: dataclasses.replace(CP.positive, thickness_m=True),
     "nmc811.thickness_m"),
    ("tortuosity text", lambda: dataclasses.replace(CP.positive, tortuosity_factor="2"),
     "nmc811.tortuosity_factor"),
    ("counter kind", lambda: CounterElectrode("sodium"), "negative.kind"),  # type: ignore
    ("negative 3", lambda: CP.with_changes(negative=3), "negative"),
    ("positive None", lambda: CP.with_changes(positive=None), "positive"),
    ("temperature text", lambda: CP.with_changes(temperature_K="300"), "temperature_K"),
    ("area True", lambda: CP.with_changes(area_m2=True), "area_m2"),
    ("R_int None", lambda: CP.with_changes(interface_resistance_ohm_m2=None),
     "interface_resistance_ohm_m2"),
    ("carbon < 0", lambda: _electrode(carbon_volume_fraction=-0.1, carbon_conductivity_S_m=1e3),
     "cathode.carbon_volume_fraction"),
    ("carbon NaN", lambda: _electrode(carbon_volume_fraction=NAN, carbon_conductivity_S_m=1e3),
     "cathode.carbon_volume_fraction"),
    ("fractions > 1", lambda: _electrode(carbon_volume_fraction=0.5,
                                         carbon_conductivity_S_m=1e3),
     "cathode.volume fractions"),
    ("material 3", lambda: electrode_from_material(3, thickness_m=5e-5,
                                                   active_volume_fraction=0.6,
                                                   electrolyte_volume_fraction=0.3,
                                                   electrolyte_conductivity_S_m=0.1),
     "cathode.active_material"),
    ("OCP NaN point", lambda: OcpCurveData("m", (0.1, NAN, 0.9), (4.0, 3.8, 3.5), "s"),
     "ocp.stoichiometry"),
    ("OCP text", lambda: OcpCurveData("m", ("a", "b"), (4.0, 3.8), "s"), "ocp"),
    ("ocp_for 3", lambda: ocp_for(3), "material"),
    # validation helpers: n = -1 returned [], 2.5 / seed 'a' were TypeError, NaN gave NaN
    ("n -1", lambda: validation_designs(-1), "n"),
    ("n 2.5", lambda: validation_designs(2.5), "n"),  # type: ignore[arg-type]
    ("seed text", lambda: validation_designs(2, seed="a"), "seed"),  # type: ignore[arg-type]
    ("ohmic number NaN", lambda: composite_ohmic_number(CP, NAN), "c_rate"),
    # experiments: an area of NaN or < 0 gave 'nan mA' / '-10000 mA' steps
    ("area NaN", lambda: pa.normalise_experiment("Discharge at 1 mA/cm2 until 3 V", NAN),
     "area_m2"),
    ("area < 0", lambda: pa.normalise_experiment("Discharge at 1 mA/cm2 until 3 V", -1.0),
     "area_m2"),
]


@pytest.mark.parametrize(("label", "call", "field"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_names_the_field(label: str, call: Callable[[], Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.field == field
    assert "not allowed" in str(info.value)


@pytest.mark.parametrize("kwargs", [{"mesh": "ultra"}, {"c_rates": [NAN]},
                                    {"lower_cutoff": 10.0}])
def test_rate_capability_many_checks_before_the_workers(kwargs: dict[str, Any]) -> None:
    """A ValidationError raised inside a worker could not be unpickled (its __init__ takes
    three arguments), so the caller got BrokenProcessPool instead of the field."""
    args = {"c_rates": [1.0], **kwargs}
    with pytest.raises(ValidationError):
        rate_capability_many([CP, CP], workers=2, **args)


def test_simulation_failed_survives_a_process_boundary() -> None:
    """SimulationFailed(field, message) did not unpickle (TypeError): a solver failure in a
    rate_capability_many worker broke the process pool."""
    for cls in (pa.SimulationFailed, pa.CutoffAtStart):
        err = pickle.loads(pickle.dumps(cls("separator.thickness_m", "too thick")))
        assert type(err) is cls and err.field == "separator.thickness_m"
        assert str(err) == "simulation failed; look at separator.thickness_m: too thick"


def test_tortuosity_factor_is_applied_to_cell_parameters() -> None:
    """cell_parameters(CellParameters, tortuosity_factor=5) ignored the option silently.
    kappa_eff = kappa eps / tau (docs/simulation.md)."""
    cp = cell_parameters(CP, tortuosity_factor=5.0)
    p = CP.positive
    assert cp.positive.effective_ionic_conductivity_S_m == pytest.approx(
        p.electrolyte_conductivity_S_m * p.electrolyte_volume_fraction / 5.0)


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True).filter(
    lambda x: not 0 < x <= 3600), st.text(max_size=4), st.booleans(), st.none()))
def test_fast_rates_outside_the_allowed_range_are_refused(rate: Any) -> None:
    with pytest.raises(ValidationError) as info:
        fast_discharge(CP, [rate])
    assert info.value.field == "c_rates"


def test_a_temperature_on_cell_parameters_says_the_conductivities_stay() -> None:
    """CellParameters hold conductivities as numbers: simulate(cp, temperature=...) changed only
    the kinetics, without a word (a design re-evaluates them by Arrhenius)."""
    hot = cell_parameters(CP, temperature=333.15)
    assert hot.temperature_K == 333.15
    assert hot.separator_conductivity_S_m == CP.separator_conductivity_S_m
    assert any("ionic conductivities and solid diffusivities are the numbers given" in n
               for n in hot.notes)
    assert cell_parameters(CP, temperature=CP.temperature_K).notes == CP.notes
