"""The CLI away from 25 degC: temperatures shown as given, warnings on the conductivity that
the numbers rest on, the temperature of each compared design."""

from __future__ import annotations

from pathlib import Path

from clirun import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
THIN_FILM = EXAMPLES / "thin-film-lco-lipon-li.yaml"


def _at(tmp_path: Path, path: Path, temperature: str) -> str:
    text = path.read_text("utf-8").replace("temperature: 25 degC", f"temperature: {temperature}")
    assert f"temperature: {temperature}" in text
    out = tmp_path / path.name
    out.write_text(text, "utf-8")
    return str(out)


def test_conductivity_shows_the_temperature_as_typed(capsys) -> None:
    """'0 degC' showed as '273.1 K' and '25 degC' as '298.1 K' (four digits), which read as
    -0.05 degC and 24.95 degC."""
    code, out, err = run(["conductivity", "li6ps5cl", "--temperature", "0 degC",
                          "--temperature", "25 degC"], capsys)
    assert code == 0
    assert "273.15" in out and "298.15" in out and "273.1 " not in out
    assert "273.15 K lies outside the conductivity data" in err  # one temperature: 'lies'


def test_evaluate_names_the_extrapolated_conductivity(capsys, tmp_path: Path) -> None:
    """The EV example at 45 degC: the table said 'Temperature 318.15 K' and nothing about
    Li6PS5Cl's one value at 25 degC that the power is extrapolated from."""
    code, out, _ = run(["evaluate", _at(tmp_path, EV, "45 degC")], capsys)
    assert code == 0
    flat = " ".join(out.replace("\u2502", " ").split())  # table borders out, lines joined
    assert "318.15 K (45 degC); conductivity: li6ps5cl: 318.15 K lies outside" in flat


def test_compare_shows_the_temperature_of_each_design(capsys, tmp_path: Path) -> None:
    """Two designs at 25 and 45 degC compared: no temperature, no word of the
    extrapolation."""
    import json

    warm = _at(tmp_path, EV, "45 degC")
    code, out, _ = run(["compare", str(EV), warm, "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert [r["Temperature [K]"] for r in data["rows"]] == [298.15, 318.15]
    code, out, _ = run(["compare", str(EV), warm], capsys)
    assert code == 0
    assert "note: EV pouch NMC811 | Li6PS5Cl | Li: li6ps5cl: 318.15 K lies outside" in out


def test_simulate_shows_the_temperature_as_given(capsys) -> None:
    """The table's 'temperature (K) 298.1' for a design at 25 degC (the thin-film example: the
    PyBaMM thin-film model, seconds)."""
    code, out, _ = run(["simulate", str(THIN_FILM), "--temperature", "0 degC"], capsys)
    assert code == 0
    assert "273.15 K (0 degC)" in out


def test_screen_shows_a_swept_temperature_as_given(capsys, tmp_path: Path) -> None:
    """A screen over 0-60 degC printed its temperatures as '273.1' and '333.1'; its notes did
    not say that Li6PS5Cl is extrapolated there. (Plain numbers under ``temperature_K``: under
    the short key a bare number is refused since 2026-12-07, as the design file refuses it.)"""
    space = tmp_path / "space.yaml"
    space.write_text(f"base: {EV}\nmethod: grid\nparameters:\n"
                     "  temperature_K: {values: [273.15, 333.15]}\n"
                     "objectives:\n  - {key: 'Cell specific power [W.kg-1]', sense: max}\n",
                     "utf-8")
    code, out, _ = run(["screen", str(space)], capsys)
    assert code == 0
    assert "333.15" in out and "333.1 " not in out
    assert "note: li6ps5cl: 273.15 K, 333.15 K lie outside the conductivity data" in out


def test_evaluate_takes_a_temperature_option(capsys, tmp_path: Path) -> None:
    """`evaluate --temperature` gives the numbers of the design file at that temperature
    (the option `simulate` already had; before, the YAML had to be edited), and refuses a
    temperature that melts the lithium anode naming the option."""
    import json

    code, out, _ = run(["evaluate", str(EV), "--temperature", "45 degC", "--json"], capsys)
    assert code == 0
    code, ref, _ = run(["evaluate", _at(tmp_path, EV, "45 degC"), "--json"], capsys)
    assert code == 0
    assert json.loads(out) == json.loads(ref)
    code, _, err = run(["evaluate", str(EV), "--temperature", "200 degC"], capsys)
    assert code != 0
    assert err.startswith("error: --temperature: '200 degC' is not allowed; must be below "
                          "453.65 K (180.5 degC), the melting temperature of li_metal")
