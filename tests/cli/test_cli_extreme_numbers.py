"""Extreme numbers (1e300, -1e300, 1e-300, 0, -0, nan, inf, -inf, '1e400', '', a unit of the
wrong kind) at the numeric options of `simulate`, `rate-capability`, `temperature-sweep`,
`evaluate`, `screen` and `cost`: each ends in one ``error:`` line naming the option, the value
as typed and what is allowed, or in a result (not tested here: a solve). Every case below is
refused before any PyBaMM solve. The rules that were missing (2026-12-07):

- ``--heat-transfer`` above what PyBaMM's lumped model can evaluate (its cooling term
  ``h (A/V) T`` beyond the largest float up to 600 K): 1e304 failed inside the solver, blamed
  on the particle radius, 1e308 with a RuntimeWarning line as well;
- ``--scheduler-timeout`` beyond ``threading.TIMEOUT_MAX``: 1e300 was an OverflowError
  traceback;
- ``temperature-sweep --c-rate 1e-300``: named the API's ``c_rates: [1e-300]``;
- a plain SI number of a layer, seal or headspace in a design file was shown converted
  (``'3e+07 um'`` for ``thickness_m: 30``);
- a layer stack's ``areal_energy`` so small that its cost per kWh is no float: inf shown as
  "-", or a ZeroDivisionError traceback for 5e-324 J/m2."""

from __future__ import annotations

import math
import sys
import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.cell.design import CellDesign
from solidcell.checks import MAX_C_RATE_H, MIN_C_RATE_H
from solidcell.errors import ValidationError
from solidcell.simulation.parameters import ThermalParameters

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = str(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
#: the EV example's cooling area (2 x 100 mm x 200 mm) and cell volume (evaluate) [m2, m3]
EV_AREA_M2, EV_VOLUME_M3 = 0.04, 7.854e-05
BAD = ["-1e300", "0", "-0", "nan", "inf", "-inf", "1e400"]
SIM = ["simulate", EV, "--mesh", "coarse"]
LUMPED = [*SIM, "--thermal", "lumped", "--heat-transfer"]
SWEEP = ["temperature-sweep", EV, "--mesh", "coarse", "--temperatures", "25 degC"]
DASK = ["--scheduler", "tcp://127.0.0.1:1", "--scheduler-timeout"]
CHEAP = settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])

#: (arguments before the value, option, values refused before any solve)
REFUSED = [
    (LUMPED, "--heat-transfer", [*BAD, "1e304", "1e308"]),
    ([*SIM, "--temperature"], "--temperature",
     ["1e300 K", "-1e300 K", "1e-300 K", "0 K", "nan K", "inf degC", "1e400 K", "", "1 m"]),
    ([*SIM, "--interface-resistance"], "--interface-resistance",
     ["-1e300 Ohm cm2", "nan Ohm cm2", "inf Ohm cm2", "1e400 Ohm cm2", "", "1 m", "1e300"]),
    ([*SIM, "--interface-activation"], "--interface-activation",
     ["1e300 eV", "-1e300 eV", "nan eV", "1e400 eV", "", "1 m", "0"]),
    ([*SIM, "--interface-ref-temp"], "--interface-ref-temp",
     ["1e300 K", "0 K", "-0 K", "nan K", "1e400 K", "", "1 m"]),
    ([*SIM, "--initial-soc"], "--initial-soc",
     ["1e300", "-1e300", "nan", "inf", "1e400", "", "1e300 V", "0 V", "1 m"]),
    (["rate-capability", EV, "--fast", "--rates"], "--rates", ["1e300", "1e-300", *BAD, ""]),
    (["rate-capability", EV, "--fast", "--lower-cutoff"], "--lower-cutoff",
     ["1e300 V", "-1e300 V", "0 V", "nan V", "1e400 V", "", "1 m", "3"]),
    (["rate-capability", EV, "--workers"], "--workers", ["1e300", "0", "-0", "nan", ""]),
    (["rate-capability", EV, *DASK], "--scheduler-timeout",
     ["1e300", "1e300 s", *BAD, "", "1 m"]),
    ([*SWEEP, "--c-rate"], "--c-rate", ["1e300", "1e-300", *BAD, ""]),
    ([*SWEEP, "--thermal", "lumped", "--heat-transfer"], "--heat-transfer", [*BAD, "1e308"]),
    (["evaluate", EV, "--polarisation"], "--polarisation",
     ["1e300", *BAD, "", "1 m", "1e300 V"]),
    (["evaluate", EV, "--temperature"], "--temperature",
     ["1e300 K", "0 K", "-0 K", "nan K", "1e400 K", "", "1 m", "25"]),
    (["cost", EV, "--pack-adder"], "--pack-adder",  # (0 USD/kWh is a cost)
     ["1e300", "-1e300", "nan", "inf", "-inf", "1e400", "", "1 m"]),
]
CASES = [(args, option, value) for args, option, values in REFUSED for value in values]


@pytest.mark.parametrize(("args", "option", "value"), CASES,
                         ids=[f"{a[0]}{o}={v!r}" for a, o, v in CASES])
def test_an_extreme_number_is_refused_on_one_line_naming_the_option(
        capsys, args: list[str], option: str, value: str) -> None:
    code, out, err = run([*args, value], capsys)
    assert_one_line_error(code, out, err, option)
    assert "Traceback" not in err and "OverflowError" not in err


@pytest.mark.parametrize("value", ["1e-300", "1e300", "0", "nan"])
def test_a_price_out_of_range_or_tiny_is_refused_or_costed_finitely(capsys, value: str) -> None:
    """``--price ID=1e-300`` is a price (finite costs); 1e300 is above the knowledge base's
    plausible limit; nan is no price."""
    prices = ["--price", "vgcf=10", "--price", "linbo3=10", "--price", f"li6ps5cl={value}"]
    code, out, err = run(["cost", EV, *prices, "--json"], capsys)
    if value in ("1e300", "nan"):
        assert_one_line_error(code, out, err, "--price", f"li6ps5cl={value}")
        return
    assert code == 0 and "NaN" not in out and "Infinity" not in out


# --- --heat-transfer: the float range of PyBaMM's cooling term -------------------------------
@settings(max_examples=200)
@given(h=st.floats(min_value=1e290, max_value=sys.float_info.max),
       area=st.floats(min_value=1e-6, max_value=1.0),
       volume=st.floats(min_value=1e-9, max_value=1e-2))
def test_a_heat_transfer_coefficient_is_refused_exactly_where_the_cooling_term_overflows(
        h: float, area: float, volume: float) -> None:
    """Refused iff ``h (A/V) 600 K`` exceeds the largest float (the rule stated in
    ``check_cooling_in_range``), naming ``heat_transfer_coefficient``; kept, the term is
    finite at 600 K."""
    top = sys.float_info.max / (area / volume * 600.0)
    try:
        ThermalParameters(heat_transfer_coefficient_W_m2_K=h, cooling_area_m2=area,
                          cell_volume_m3=volume, heat_capacity_J_K=100.0)
    except ValidationError as exc:
        assert h > top and exc.field == "heat_transfer_coefficient" and exc.value == h
        assert "largest float" in exc.allowed and "run it isothermal" in exc.allowed
    else:
        assert h <= top and math.isfinite(h * (area / volume) * 600.0)


@settings(CHEAP, max_examples=10)
@given(exponent=st.floats(min_value=302.8, max_value=308.25))
def test_simulate_refuses_a_heat_transfer_beyond_the_cooling_terms_range(
        capsys, exponent: float) -> None:
    """Any h above the EV cell's bound (5.883e302 W/(m2 K)) is refused before the solve, as
    typed; 1e304 failed in IDA (IDA_BAD_K, blamed on cathode.particle_radius_m)."""
    typed = f"{10.0 ** exponent:.6g}"
    code, out, err = run([*LUMPED, typed], capsys)
    assert_one_line_error(code, out, err, "--heat-transfer", repr(typed), "at most 5.883e+302",
                          "run it isothermal")
    assert "warning" not in err


def test_the_ev_cell_bound_is_the_float_max_over_its_cooling_area_per_volume() -> None:
    """5.883e302 = 1.798e308 / (A/V x 600 K) with A/V = 0.04 m2 / 7.854e-5 m3."""
    top = sys.float_info.max / (EV_AREA_M2 / EV_VOLUME_M3 * 600.0)
    assert f"{top:.4g}" == "5.883e+302"


def test_a_heat_transfer_of_1e300_is_the_isothermal_limit(capsys) -> None:
    """Below the bound h = 1e300 runs: the cell stays at the ambient temperature (the model's
    h -> infinity limit, the isothermal run), a finite result."""
    code, out, err = run([*LUMPED, "1e300", "-e", "Discharge at 1C for 1 minute", "--json"],
                         capsys)
    assert code == 0, err
    assert "NaN" not in out and "Infinity" not in out
    import json

    data = json.loads(out)
    t_max = data["Maximum cell temperature [K]"]
    assert math.isfinite(t_max) and abs(t_max - 298.15) < 1e-6


# --- --scheduler-timeout: Python's longest wait --------------------------------------------
@settings(CHEAP)
@given(seconds=st.floats(min_value=threading.TIMEOUT_MAX, max_value=sys.float_info.max))
def test_a_scheduler_timeout_beyond_the_longest_wait_is_refused(capsys, seconds: float
                                                                ) -> None:
    """1e300 raised OverflowError from the probe thread's join (threading.TIMEOUT_MAX, Python's
    documented bound of a lock's timeout)."""
    typed = repr(seconds)
    code, out, err = run(["rate-capability", EV, *DASK, typed], capsys)
    assert_one_line_error(code, out, err, "--scheduler-timeout", repr(typed),
                          "threading.TIMEOUT_MAX")


def test_the_screen_refuses_that_timeout_too(capsys, tmp_path: Path) -> None:
    space = tmp_path / "space.yaml"
    space.write_text(yaml.safe_dump({"base": EV, "method": "grid", "parameters": {
        "cathode.thickness_m": {"values": [8e-5]}}}), encoding="utf-8")
    code, out, err = run(["screen", str(space), *DASK, "1e300"], capsys)
    assert_one_line_error(code, out, err, "--scheduler-timeout", "'1e300'",
                          "threading.TIMEOUT_MAX")


# --- temperature-sweep --c-rate: the run's range, by its option ----------------------------
@settings(CHEAP)
@given(rate=st.one_of(st.floats(max_value=MIN_C_RATE_H, exclude_max=True),
                      st.floats(min_value=MAX_C_RATE_H, exclude_min=True)))
def test_a_sweep_c_rate_out_of_range_names_the_option_and_the_range(capsys, rate: float
                                                                    ) -> None:
    typed = repr(rate)
    code, out, err = run([*SWEEP, "--c-rate", typed], capsys)
    assert_one_line_error(code, out, err, "--c-rate", repr(typed), "at least 1.14e-05",
                          "at most 3600")
    assert "c_rates" not in err


def test_the_api_sweep_names_c_rate() -> None:
    from solidcell.simulation.runs import temperature_sweep

    with pytest.raises(ValidationError) as info:
        temperature_sweep(EV, [298.15], 1e-300, mesh="coarse")
    assert info.value.field == "c_rate" and info.value.value == 1e-300


# --- a plain SI number in a design file: shown as given -------------------------------------
def _ev() -> dict:
    return yaml.safe_load(Path(EV).read_text(encoding="utf-8"))


@settings(CHEAP)
@given(x=st.floats(min_value=0.1, max_value=1e300))
def test_a_separator_of_metres_is_named_by_the_number_given(x: float) -> None:
    """``separator: {thickness_m: 30}`` was refused as ``'3e+07 um'``; the design keeps the
    number given, and the refusal shows it."""
    d = _ev()
    d["separator"] = {"electrolyte": "li6ps5cl", "thickness_m": x}
    with pytest.raises(ValidationError) as info:
        CellDesign.from_dict(d)
    assert (info.value.field, info.value.value) == ("separator.thickness_m", x)
    assert " um" not in str(info.value).split(" is not allowed")[0]


@pytest.mark.parametrize(("section", "short", "key", "value", "kind"), [
    ("separator", "thickness", "thickness_m", 30, "pouch"),
    ("format", "seal_width", "seal_width_m", 5, "pouch"),
    ("format", None, "headspace_m", 5, "prismatic")])
def test_design_check_shows_a_plain_si_number_as_given(capsys, tmp_path: Path, section: str,
                                                       short: str | None, key: str,
                                                       value: float, kind: str) -> None:
    d = _ev()
    d["format"]["kind"] = kind
    if kind == "prismatic":
        d["format"].pop("seal_width")
    if short is not None:
        d[section].pop(short)
    d[section][key] = value
    path = tmp_path / "design.yaml"
    path.write_text(yaml.safe_dump(d), encoding="utf-8")
    code, out, err = run(["design", "check", str(path)], capsys)
    assert_one_line_error(code, out, err, f"{section}.{key}: {float(value)!r} is not allowed",
                          "a bare number is in metres")


def test_a_length_typed_with_its_unit_is_named_as_typed_with_the_number_checked(
        capsys, tmp_path: Path) -> None:
    d = _ev()
    d["separator"]["thickness"] = "30 m"
    path = tmp_path / "design.yaml"
    path.write_text(yaml.safe_dump(d), encoding="utf-8")
    code, out, err = run(["design", "check", str(path)], capsys)
    assert_one_line_error(code, out, err, "separator.thickness: '30 m' is not allowed; "
                          "separator.thickness_m = 3e+07 um; must be below")


# --- a layer stack's areal energy: the cost per kWh must be a float ------------------------
STACK = {"name": "s", "layers": [
    {"name": "al", "role": "current_collector", "material": "al_foil", "thickness": "12 um"},
    {"name": "cathode", "role": "cathode", "material": "nmc811", "thickness": "80 um",
     "components": {"nmc811": 0.8, "li6ps5cl": 0.17, "carbon_black": 0.03},
     "areal_mass": 0.25},
    {"name": "separator", "role": "electrolyte", "material": "li6ps5cl", "thickness": "30 um"},
    {"name": "anode", "role": "anode", "material": "li_metal", "thickness": "20 um"},
    {"name": "cu", "role": "current_collector", "material": "cu_foil", "thickness": "10 um"}]}


@pytest.mark.parametrize(("energy", "shown"), [(5e-324, "5e-324"), ("1e-305 Wh/m2", "3.6e-302")])
def test_a_stack_energy_too_small_for_a_cost_per_kwh_is_refused(
        capsys, tmp_path: Path, energy: object, shown: str) -> None:
    """5e-324 J/m2 (0 Wh/m2) was a ZeroDivisionError traceback, 1e-305 Wh/m2 a cell cost of
    inf shown as "-"."""
    path = tmp_path / "stack.yaml"
    path.write_text(yaml.safe_dump({**STACK, "areal_energy": energy}), encoding="utf-8")
    code, out, err = run(["cost", str(path), "--price", "carbon_black=1"], capsys)
    assert_one_line_error(code, out, err, f"areal_energy: {shown} is not allowed",
                          "below the largest float", "Wh/m2")


@settings(CHEAP)
@given(exponent=st.floats(min_value=-303.0, max_value=3.0))
def test_a_stack_energy_above_that_bound_is_costed_finitely(capsys, tmp_path: Path,
                                                             exponent: float) -> None:
    path = tmp_path / "stack.yaml"
    energy = f"{10.0 ** exponent:.6g} Wh/m2"
    path.write_text(yaml.safe_dump({**STACK, "areal_energy": energy}), encoding="utf-8")
    code, out, err = run(["cost", str(path), "--price", "carbon_black=1", "--json"], capsys)
    assert code == 0, err
    assert "null" not in out.replace('"Year": null', "").replace('"Reason": null', "") \
        .replace('"price": null', "")
