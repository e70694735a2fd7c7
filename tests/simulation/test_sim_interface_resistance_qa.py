"""Fresh-eyes QA of the interface resistance at temperature (helper H267).

Found: a far reference temperature with a high activation energy raised a bare
OverflowError (math.exp) instead of a refusal; a run below the simulation's range was refused
for an underflowed diffusivity (``nmc811.diffusivity_m2_s: 0.0``) instead of its temperature;
the keywords' unit refusals read "must be a activation energy (e.g. activation energy: ...)";
a temperature sweep did not report the interface resistance it took at each temperature."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.materials import resolve
from solidcell.materials.schema import PropertyValue
from solidcell.simulation.parameters import (
    FARADAY,
    interface_resistance_at,
    interface_temperature_note,
)
from solidcell.simulation.runs import cell_parameters, temperature_sweep

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


@settings(max_examples=300, deadline=None)
@given(r=st.floats(0, 1e300), e_ev=st.floats(0, 3), t=st.floats(0.01, 1999.99),
       t_ref=st.floats(0.01, 1999.99))
def test_the_resistance_at_t_is_a_float_or_a_refusal(r: float, e_ev: float, t: float,
                                                      t_ref: float) -> None:
    """Every input within the fields' bounds gives a finite resistance >= 0 or a refusal that
    names the field and the activation energy; never an OverflowError."""
    try:
        at = interface_resistance_at(r, e_ev * FARADAY, t, t_ref, field="my_field")
    except ValidationError as exc:
        assert exc.field == "my_field" and "eV" in str(exc.value)
        assert "largest float" in exc.allowed and t < t_ref
        return
    assert math.isfinite(at) and at >= 0
    if r == 0 or t == t_ref:
        assert at == r


def test_the_refusal_states_the_largest_activation_energy() -> None:
    """Below the E_a the refusal names, the resistance is a float (the bound is the one of
    R_ref exp(E_a/R (1/T - 1/T_ref)) = the largest float)."""
    with pytest.raises(ValidationError) as info:
        interface_resistance_at(2e-3, 3 * FARADAY, 1.0, 1999.0)
    top = float(info.value.allowed.split()[1])  # "below <E> eV for ..."
    assert math.isfinite(interface_resistance_at(2e-3, 0.999 * top * FARADAY, 1.0, 1999.0))
    with pytest.raises(ValidationError):
        interface_temperature_note(2e-3, 3 * FARADAY, 1.0, 1999.0)


@pytest.mark.parametrize("temperature", ["20 K", "0.5 K", "-200 degC"])
def test_a_run_below_the_simulation_range_is_refused_for_its_temperature(
        temperature: str) -> None:
    """The simulation's range, (150, 600) K, is checked before anything is taken there: the
    refusal names the keyword typed, temperature (was temperature_K; h302), not an
    underflowed diffusivity, not an overflow."""
    extreme = {"interface_resistance": "20 Ohm cm2",
               "interface_resistance_activation_energy": "3 eV",
               "interface_resistance_temperature": "1999 K"}
    for design in (EV, cell_parameters(EV, interface_resistance="20 Ohm cm2")):
        with pytest.raises(ValidationError) as info:
            cell_parameters(design, temperature=temperature, **extreme)
        assert info.value.field == "temperature" and "(150, 600) K" in str(info.value)


@pytest.mark.parametrize(("keyword", "value", "words"), [
    ("interface_resistance_activation_energy", "0.37", "has no unit"),
    ("interface_resistance_activation_energy", "25 degC", "is a temperature"),
    ("interface_resistance_activation_energy", "nan eV", "not a finite quantity"),
    ("interface_resistance_temperature", "0.3 eV", "is an energy"),
    ("interface_resistance_temperature", "25", "has no unit"),
    ("interface_resistance", "20 mS/cm", "not"),
    ("temperature", "25 C", "'C' is the coulomb"),
])
def test_a_unit_refusal_names_the_keyword_once_in_plain_words(keyword: str, value: str,
                                                              words: str) -> None:
    with pytest.raises(ValidationError) as info:
        cell_parameters(EV, **{keyword: value})
    text = str(info.value)
    assert info.value.field == keyword and text.startswith(f"{keyword}: {value!r} is not")
    assert words in text
    assert "must be a " not in text and "(e.g. " not in text  # "must be a activation ..."


def test_a_refusal_of_a_keyword_names_the_keyword_not_the_engines_field() -> None:
    """The refusal of an activation energy given to cell_parameters names its keyword and
    the value as given, whatever the engine's own field (J/mol)."""
    with pytest.raises(ValidationError) as info:
        cell_parameters(EV, interface_resistance_activation_energy="-0.1 eV")
    assert info.value.field == "interface_resistance_activation_energy"
    assert info.value.value == "-0.1 eV"


def test_a_sweep_reports_the_resistance_taken_at_each_temperature() -> None:
    """The sweep's interface resistance at each temperature is interface_resistance_at of
    the one given (20 Ohm cm2 at 25 degC, E_a 0.37 eV: a test input), in its JSON as
    "Interface resistance [Ohm.m2]"; 20 Ohm cm2 exactly at the reference temperature."""
    result = temperature_sweep(EV, [273.15, 298.15, 333.15], mesh="coarse",
                               interface_resistance="20 Ohm cm2",
                               interface_resistance_activation_energy="0.37 eV",
                               interface_resistance_temperature="25 degC")
    want = [interface_resistance_at(2e-3, 0.37 * FARADAY, t, 298.15)
            for t in (273.15, 298.15, 333.15)]
    assert result.interface_resistance_ohm_m2 == pytest.approx(want, rel=1e-12)
    assert result.interface_resistance_ohm_m2[1] == 2e-3
    assert np.all(np.diff(result.interface_resistance_ohm_m2) < 0)  # falls as T rises
    assert result.to_json()["Interface resistance [Ohm.m2]"] == pytest.approx(want)


def _with_measured_coating() -> CellDesign:
    """The EV example whose linbo3 coating holds a measured areal resistance, 5 Ohm cm2 at
    333.15 K (a test input, as in test_sim_interface_resistance_temperature.py)."""
    coating = resolve("linbo3")
    measured = PropertyValue(name="areal_resistance", value=5.0, unit="ohm*cm**2",
                             temperature=333.15, method="measured", source="lee2020_agc_anode")
    inline = coating.model_copy(update={"properties": [*coating.properties, measured]})
    return CellDesign.from_file(EV).replace(**{"cathode.coating": inline})


@pytest.mark.parametrize("where", ["keyword", "design"])
def test_a_measuring_temperature_a_knowledge_base_value_does_not_use_is_said(where: str
                                                                              ) -> None:
    """A knowledge-base resistance keeps the temperature of its value; a measuring
    temperature given beside it (keyword or design field) was dropped silently: a note now
    says so, and the resistance is the same as without it."""
    design = _with_measured_coating()
    plain = cell_parameters(design, interface_resistance_activation_energy="0.37 eV")
    if where == "keyword":
        given = cell_parameters(design, interface_resistance_activation_energy="0.37 eV",
                                interface_resistance_temperature="25 degC")
    else:
        given = cell_parameters(design.replace(interface_resistance_temperature_K="25 degC"),
                                interface_resistance_activation_energy="0.37 eV")
    assert given.interface_resistance_ohm_m2 == plain.interface_resistance_ohm_m2
    said = [n for n in given.notes if "not used" in n]
    assert len(said) == 1 and "298.15 K" in said[0] and "333.15 K" in said[0]
    assert not [n for n in plain.notes if "not used" in n]


def test_parameters_show_their_headline_fields_not_their_tables() -> None:
    """repr of CellParameters with the lumped model was ~40,000 characters (the 401-point
    conductivity tables and the OCP data): it is the concise repr of the results now, and a
    single long note is not followed by '... 0 more'."""
    from solidcell.reprs import MAX_NESTED
    from solidcell.simulation.runs import run_parameters

    p = run_parameters(EV, thermal="lumped", heat_transfer_coefficient=10.0)
    for obj in (p, p.thermal, p.thermal.conductivity_laws[0][1]):
        text = repr(obj)
        assert text.startswith(type(obj).__name__ + "(") and len(text) < 8 * MAX_NESTED * 2
        assert "... 0 more" not in text
    assert "heat_capacity_J_K=" in repr(p.thermal) and "<401 float>" in repr(
        p.thermal.conductivity_laws[0][1])


@pytest.mark.parametrize(("temps", "words"), [
    ([298.15, 333.15, 123.15], "(150, 600) K for the simulation"),
    ([298.15, 473.15], "melting temperature of li_metal"),
])
def test_a_sweep_refuses_a_temperature_before_any_solve(temps: list[float], words: str
                                                        ) -> None:
    """A temperature the simulation or the design refuses was met after the temperatures
    before it were solved (and named temperature_K): it is refused first, by its item."""
    seen: list[tuple[int, int]] = []
    with pytest.raises(ValidationError) as info:
        temperature_sweep(EV, temps, mesh="coarse",
                          progress=lambda done, total: seen.append((done, total)))
    assert info.value.field == f"temperatures[{len(temps) - 1}]" and words in str(info.value)
    assert info.value.value == temps[-1] and seen == []  # no progress: nothing solved


def test_a_thin_films_substrate_left_out_of_the_heat_capacity_is_said() -> None:
    """The lumped model's heat capacity counts the stack and a formula casing; a thin film's
    substrate (mica, evaluate's "Substrate mass [kg]") was left out without a word."""
    from solidcell.cell.energy import evaluate
    from solidcell.simulation.parameters import thermal_parameters

    film = EV.parent / "thin-film-lco-lipon-li.yaml"
    grams = evaluate(film).to_json()["Substrate mass [kg]"] * 1e3
    assert grams > 0
    note = thermal_parameters(CellDesign.from_file(film), 10.0).heat_capacity_note
    assert f"substrate ({grams:.4g} g) left out" in note
    assert "substrate" not in thermal_parameters(CellDesign.from_file(EV), 10.0
                                                 ).heat_capacity_note
