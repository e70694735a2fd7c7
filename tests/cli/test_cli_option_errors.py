"""Every option a user passes, when bad, is refused in one line that names the option as typed
(``--polarisation``, not the API's ``max_polarisation_V``), the value as typed (``'-5 MPa'``,
not ``-5000000.0`` Pa) and what is allowed; no bad value is silently accepted (ignored,
turned into a warning, or read as the default)."""

from __future__ import annotations

import math
import socket
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clirun import run

REPO = Path(__file__).resolve().parents[2]
EV = str(REPO / "examples" / "ev-nmc811-lpscl-li.yaml")
THREE_D = str(REPO / "examples" / "interdigitated-3d-nmc811-lpscl-li.yaml")
SPACE = str(REPO / "examples" / "spaces" / "ev.yaml")
CIF = str(REPO / "tests" / "data" / "discovery" / "obelix_de5_Li3InCl6.cif")


def assert_refused(code: int, out: str, err: str, option: str, value: str | None) -> None:
    """Exit code 2, one ``error:`` line naming ``option`` (and ``value``), no traceback."""
    assert code == 2, (code, out[-300:], err)
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert option in err, err
    if value is not None:
        assert value in err, err


# (arguments, option as typed, value as it must appear in the message); a comment says what
# the old code did where it did not merely name the API parameter
CASES = [
    # cell
    (["evaluate", EV, "--polarisation", "5"], "--polarisation", "'5'"),
    (["evaluate", EV, "--polarisation", "-1"], "--polarisation", "'-1'"),
    (["compare", EV, THREE_D, "--polarisation", "0"], "--polarisation", "'0'"),
    (["crossover", EV, THREE_D, "--polarisation", "nan"], "--polarisation", "'nan'"),
    (["crossover", EV, THREE_D, "--c-rate", "-2"], "--c-rate", "'-2'"),
    # accepted: overflow warning on stderr and nan in the table
    (["crossover", EV, THREE_D, "--c-rate", "1e300"], "--c-rate", "'1e300'"),
    (["evaluate", EV, "--report", "/dev/null/x"], "--report", "/dev/null/x"),
    # chemistry
    (["capacity", "LiFePO4", "--electrons", "-1"], "--electrons", "'-1'"),
    (["conductivity", "llzo", "--temperature", "5 kg"], "--temperature", "5 kg"),
    (["conductivity", "llzo", "--temperature", "nan K"], "--temperature", "nan K"),
    # accepted: Arrhenius extrapolated to a million kelvin
    (["conductivity", "llzo", "--temperature", "1e6 K"], "--temperature", "1e6 K"),
    # interfaces and mechanics
    (["interfaces", EV, "--stack-pressure", "-5 MPa"], "--stack-pressure", "-5 MPa"),
    (["interfaces", EV, "--stack-pressure", "5 kg"], "--stack-pressure", "5 kg"),
    (["interfaces", EV, "--charge-current", "-5 mA/cm2"], "--charge-current", "-5 mA/cm2"),
    (["interfaces", EV, "--fixture-stiffness", "-5 MPa/mm"], "--fixture-stiffness",
     "-5 MPa/mm"),
    (["interfaces", EV, "--fixture-stiffness", "inf MPa/mm"], "--fixture-stiffness",
     "inf MPa/mm"),
    # accepted: the full output, the flaw size ignored
    (["interfaces", EV, "--flaw-size", "-5 um"], "--flaw-size", "-5 um"),
    (["interfaces", EV, "--flaw-size", "0 um", "--charge-current", "1 mA/cm2"], "--flaw-size",
     "0 um"),
    # accepted with a warning "Monroe-Newman criterion not evaluated"
    (["interfaces", EV, "--li-shear-modulus", "0 GPa"], "--li-shear-modulus", "0 GPa"),
    (["interfaces", EV, "--li-shear-modulus", "-4 GPa"], "--li-shear-modulus", "-4 GPa"),
    (["react", "Li6PS5Cl", "LiCoO2", "--potential", "-5 V"], "--potential", "-5 V"),
    (["react", "Li6PS5Cl", "LiCoO2", "--potential", "abc"], "--potential", "abc"),
    # accepted: an empty potential computed the closed system
    (["react", "Li6PS5Cl", "LiCoO2", "--potential", ""], "--potential", "''"),
    (["react", "Li6PS5Cl", "LiCoO2", "--scheme", "bogus"], "--scheme", "bogus"),
    (["window", "Li3PS4", "--scheme", "bogus"], "--scheme", "bogus"),
    (["window", "Li3PS4", "--entry", "Li2S=nan"], "--entry", "Li2S=nan"),
    (["window", "Li3PS4", "--entry", "=1"], "--entry", "=1"),
    # accepted: no plot written, no word said
    (["window", "Li3PS4", "--plot", ""], "--plot", "''"),
    # accepted: every pair "not covered"
    (["compat", "--electrolyte", "li6ps5cl", "--electrode", "nmc811", "--scheme", "bogus"],
     "--scheme", "bogus"),
    (["compat", "--electrolyte", "li6ps5cl", "--electrode", "bogus"], "--electrode", "bogus"),
    (["ccd", "li6ps5cl", "--flaw-size", "-3 um"], "--flaw-size", "-3 um"),
    (["ccd", "li6ps5cl", "--flaw-size", "3 um", "--asr", "-5 Ohm cm2"], "--asr", "-5 Ohm cm2"),
    (["ccd", "li6ps5cl", "--flaw-size", "3 um", "--asr", "10 Ohm cm2", "--asr-pressure",
      "0 MPa", "--pressure", "1 MPa"], "--asr-pressure", "0 MPa"),
    (["ccd", "li6ps5cl", "--flaw-size", "3 um", "--asr", "10 Ohm cm2", "--asr-pressure",
      "5 MPa", "--pressure", "1 MPa", "--pressure", "-1 MPa"], "--pressure", "-1 MPa"),
    (["ccd", "li6ps5cl", "--flaw-size", "3 um", "--focusing", "0.5"], "--focusing", "0.5"),
    (["ccd", "li6ps5cl", "--flaw-size", "3 um", "--toughness", "-1 MPa*m**0.5"], "--toughness",
     "-1 MPa*m**0.5"),
    # accepted: overflow warning on stderr and inf in the table
    (["ccd", "li6ps5cl", "--flaw-size", "3 um", "--toughness", "1e300 MPa*m**0.5"],
     "--toughness", "1e300 MPa*m**0.5"),
    # accepted: --asr-pressure ignored without --pressure
    (["ccd", "li6ps5cl", "--flaw-size", "3 um", "--asr-pressure", "5 MPa"], "--asr-pressure",
     None),
    # screening
    (["screen", SPACE, "--temperature", "-300 degC"], "--temperature", "-300 degC"),
    (["screen", SPACE, "--temperature", "3000 K"], "--temperature", "3000 K"),
    # accepted: screened at the design's temperature
    (["screen", SPACE, "--temperature", ""], "--temperature", "''"),
    # accepted: screened without an application
    (["screen", SPACE, "--application", ""], "--application", "''"),
    (["screen", SPACE, "--application", "bogus"], "--application", "bogus"),
    # simulation
    (["simulate", EV, "--mesh", "bogus"], "--mesh", "bogus"),
    (["simulate", EV, "--temperature", "nan K"], "--temperature", "nan K"),
    # accepted up to the engine, which blamed the separator's material
    (["simulate", EV, "--temperature", "3000 K"], "--temperature", "3000 K"),
    (["simulate", EV, "--interface-resistance", "-5 Ohm cm2"], "--interface-resistance",
     "-5 Ohm cm2"),
    (["simulate", EV, "--experiment", ""], "--experiment", "''"),
    (["rate-capability", EV, "--fast", "--rates", "0,1"], "--rates", "(item 1 of 2): '0'"),
    # accepted: a row of zeros and nan
    (["rate-capability", EV, "--fast", "--rates", "1e300"], "--rates", "1e300"),
    # accepted: the fast model ignored the mesh
    (["rate-capability", EV, "--fast", "--mesh", "bogus"], "--mesh", "bogus"),
    # accepted: zeros and nan (above the OCV), or a cut-off below 0 V
    (["rate-capability", EV, "--fast", "--lower-cutoff", "100 V"], "--lower-cutoff", "100 V"),
    (["rate-capability", EV, "--fast", "--lower-cutoff", "-1 V"], "--lower-cutoff", "-1 V"),
    # manufacturing
    (["cost", EV, "--pack-adder", "-1"], "--pack-adder", "'-1'"),
    (["cost", EV, "--price", "li6ps5cl=nan"], "--price", "li6ps5cl=nan"),
    (["processes", "--processes", "/nonexistent/p.yaml"], "--processes", "/nonexistent/p.yaml"),
    # discovery
    (["predict", "Li6PS5Cl", "--no-window", "--level", "2"], "--level", "'2'"),
    (["predict", "Li6PS5Cl", "--no-window", "--neighbours", "-1"], "--neighbours", "-1"),
    (["discover", "Li7La3Zr2O12", "--dopants", "Al", "--top", "0"], "--top", "0"),
    (["discover", "Li7La3Zr2O12", "--dopants", "Xx"], "--dopants", "Xx"),
    (["discover", "Li7La3Zr2O12", "--dopants", ""], "--dopants", "''"),
    (["discover", "Li7La3Zr2O12", "--dopants", "Al", "--fractions", "2"], "--fractions", "2"),
    # refused only after hours of MD (or not at all: nan)
    (["md", CIF, "--target", "-5"], "--target", "'-5'"),
    (["md", CIF, "--temperatures", "nan,600"], "--temperatures", "(item 1 of 2): 'nan'"),
    (["md", CIF, "--scheduler", ""], "--scheduler", "''"),
    (["train", "--kind", "bogus", "--out", "/tmp/never-written.json.gz"], "--kind", "bogus"),
    # accepted, and found only after the training
    (["train", "--out", "/dev/null/model.json.gz"], "--out", "/dev/null/model.json.gz"),
    # dashboard, report, demo
    # accepted: served a dashboard without examples
    (["app", "--port", "0", "--examples", "/nonexistent/examples"], "--examples",
     "/nonexistent/examples"),
    # accepted: served on every interface
    (["app", "--port", "0", "--host", ""], "--host", "''"),
]


@pytest.mark.parametrize(("args", "option", "value"), CASES,
                         ids=[f"{a[0]} {o} {v!s}" for a, o, v in CASES])
def test_bad_option_is_one_line_naming_it(args, option, value, capsys):
    assert_refused(*run(args, capsys), option, value)


@pytest.mark.parametrize(("args", "option", "value"), [
    (["materials", "list", "--category", "bogus"], "--category", "bogus"),
    (["materials", "list", "--class", "bogus"], "--class", "bogus"),
    (["materials", "list", "--origin", "bogus"], "--origin", "bogus"),
    (["materials", "query", "--element", "Xx"], "--element", "Xx"),
    # accepted: a negative bound matched everything
    (["materials", "query", "--property", "ionic_conductivity", "--min", "-5 mS/cm"], "--min",
     "-5 mS/cm"),
    (["materials", "query", "--property", "ionic_conductivity", "--max", "5 kg"], "--max",
     "5 kg"),
    # accepted: queried at room temperature
    (["materials", "query", "--property", "ionic_conductivity", "--min", "1 mS/cm",
      "--temperature", ""], "--temperature", "''"),
    # accepted: --min ignored without --property
    (["materials", "query", "--min", ""], "--min", None),
    # accepted: --temperature ignored, every material listed
    (["materials", "query", "--temperature", "600 K"], "--temperature", "'600 K'"),
    # accepted: --temperature ignored (density values carry no temperature)
    (["materials", "query", "--property", "density", "--temperature", "600 K"],
     "--temperature", "'600 K'"),
    # accepted: stored a measurement at 1e300 degC
    (["materials", "measure", "llzo", "--property", "ionic_conductivity", "--value", "1 mS/cm",
      "--source", "x", "--temperature", "1e300 degC"], "--temperature", "1e300 degC"),
    (["materials", "measure", "llzo", "--property", "ionic_conductivity", "--value", "1 mS/cm",
      "--source", "x", "--method", "bogus"], "--method", "bogus"),
    (["materials", "measure", "llzo", "--property", "bogus", "--value", "1 mS/cm",
      "--source", "x"], "--property", "bogus"),
])
def test_bad_materials_option_is_one_line_naming_it(args, option, value, fresh_db, capsys):
    assert_refused(*run([*args, "--db", fresh_db], capsys), option, value)


@pytest.mark.parametrize("db", [
    "bogus://x",  # was a traceback (sqlalchemy NoSuchModuleError)
    "",  # was read as the default database
])
@pytest.mark.parametrize("command", [["materials", "list"], ["cite", "llzo"],
                                     ["conductivity", "llzo"]])
def test_bad_db_is_one_line_naming_it(command, db, capsys):
    assert_refused(*run([*command, "--db", db], capsys), "--db", repr(db))


def test_measurement_out_of_range_is_not_stored(fresh_db, capsys):
    args = ["materials", "measure", "llzo", "--property", "ionic_conductivity", "--value",
            "1 mS/cm", "--source", "x", "--db", fresh_db]
    assert_refused(*run([*args, "--temperature", "1e300 degC"], capsys), "--temperature", None)
    code, out, _ = run(["materials", "show", "llzo", "--json", "--db", fresh_db], capsys)
    assert code == 0 and "1e+300" not in out and "inf" not in out.lower()


def test_port_in_use_names_the_port(capsys):
    """werkzeug printed its own two lines and exited 1."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert_refused(*run(["app", "--port", str(port)], capsys), "--port", str(port))


def test_report_and_demo_out_that_is_a_file(tmp_path, capsys):
    """``demo --out FILE`` was a FileExistsError traceback; ``report`` named ``out``."""
    file = tmp_path / "taken"
    file.write_text("x", encoding="utf-8")
    assert_refused(*run(["report", EV, "--out", str(file)], capsys), "--out", str(file))
    assert_refused(*run(["demo", "--out", str(file), "--design", EV], capsys), "--out",
                   str(file))


def test_flaw_size_alone_gives_the_estimate(capsys):
    """``interfaces --flaw-size`` without ``--charge-current`` was silently ignored."""
    code, out, err = run(["interfaces", EV, "--flaw-size", "5 um"], capsys)
    assert code == 0, err
    assert "Plating CCD estimate" in out


# --- properties over many inputs ------------------------------------------------------------

UNITS = ["um", "mm", "m", "nm", "MPa", "kg", "", "degC", "mA/cm2"]
LENGTH_UNITS = {"um": 1e-6, "mm": 1e-3, "m": 1.0, "nm": 1e-9}
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def run_quiet(args: list[str], capsys) -> tuple[int, str, str]:
    """:func:`clirun.run`, failing on a RuntimeWarning (overflow, division by zero), which a
    user would see on stderr beside the result."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        result = run(args, capsys)
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)], \
        [str(w.message) for w in caught]
    return result


def assert_outcome(code: int, out: str, err: str, option: str, valid: bool) -> None:
    assert "Traceback" not in err and "Warning" not in err, err
    if valid:
        assert code == 0, err
    else:
        assert_refused(code, out, err, option, None)


@SETTINGS
@given(number=st.floats(allow_nan=True, allow_infinity=True, width=64),
       unit=st.sampled_from(UNITS))
@example(number=-5.0, unit="um")
@example(number=0.0, unit="um")
@example(number=1e300, unit="um")
@example(number=5.722234971514057e+307, unit="m")  # pi a overflows (a hypothesis find)
def test_flaw_size_is_used_or_refused_by_name(number, unit, capsys):
    text = f"{number!r} {unit}".strip()
    si = number * LENGTH_UNITS[unit] if unit in LENGTH_UNITS else math.nan
    # the critical pressure K_IC / (Y sqrt(pi a)) needs pi a to be a float: a flaw of 5.7e307 m
    # (pi a beyond the largest float) is refused (mechanics.dendrite.griffith_pressure_Pa)
    valid = math.isfinite(si) and si > 0 and math.isfinite(math.pi * si)
    # a flaw of the EV example's separator must lie within it: < 30 um (the design file)
    code, out, err = run_quiet(["interfaces", EV, "--flaw-size", text, "--json"], capsys)
    assert_outcome(code, out, err, "--flaw-size", valid and si < 30e-6)
    code, out, err = run_quiet(["ccd", "li6ps5cl", "--flaw-size", text, "--json"], capsys)
    assert_outcome(code, out, err, "--flaw-size", valid)


@SETTINGS
@given(text=st.one_of(st.floats(width=64).map(repr), st.text(max_size=12)))
@example(text="nan")
@example(text="1e300")
@example(text="-0.0")
@example(text="1V")  # a voltage with its unit, as --polarisation takes it (a hypothesis find)
def test_polarisation_and_c_rate_are_used_or_refused_by_name(text, capsys):
    from contextlib import suppress

    from solidcell import units
    from solidcell.errors import SolidcellError

    try:
        value = float(text)
    except ValueError:
        value = math.nan
    volts = value  # --polarisation also takes a unit ('200 mV', '1V'); --c-rate a number only
    if math.isnan(volts):
        with suppress(SolidcellError):
            volts = units.parse(text, "voltage")
    # the EV example's cell voltage is 3.8 V: a polarisation must lie below it
    valid = math.isfinite(volts) and 0 < volts < 3.8
    code, out, err = run_quiet(["evaluate", EV, "--polarisation", text, "--json"], capsys)
    assert_outcome(code, out, err, "--polarisation", valid)
    code, out, err = run_quiet(["crossover", EV, THREE_D, "--c-rate", text, "--json"], capsys)
    assert_outcome(code, out, err, "--c-rate", math.isfinite(value) and 0 < value <= 3600)


@SETTINGS
@given(number=st.floats(width=64), unit=st.sampled_from(["MPa", "Pa", "GPa", "kg", "", "V"]))
def test_stack_pressure_is_used_or_refused_by_name(number, unit, capsys):
    text = f"{number!r} {unit}".strip()
    scale = {"MPa": 1e6, "Pa": 1.0, "GPa": 1e9}.get(unit, math.nan)
    si = number * scale
    # below the Young's modulus of lithium, 7.82 GPa (Masias et al. 2019, knowledge base)
    valid = math.isfinite(si) and 0 <= si < 7.82e9
    code, out, err = run_quiet(["interfaces", EV, "--stack-pressure", text, "--json"], capsys)
    assert_outcome(code, out, err, "--stack-pressure", valid)
