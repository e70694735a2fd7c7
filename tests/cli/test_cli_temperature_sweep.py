"""`solidcell temperature-sweep DESIGN --temperatures "-20 degC, 25 degC"`: the API's
`temperature_sweep` at the command line (its JSON is the API's, computed in the same run: no
capacity is pinned here, the model's temperature dependences may change), its table and plot,
and its refusals, one line naming the option (and the item of --temperatures by position).
Real PyBaMM runs on the coarse mesh of the smallest composite example (LCO | LLZO | Li, about
a second a temperature) and, for the cold-against-warm property, of the EV example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.jsonable import dumps
from solidcell.simulation.runs import temperature_sweep

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OXIDE = str(EXAMPLES / "oxide-lco-llzo-li.yaml")
EV = str(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
TWO = ["--temperatures", "0 degC, 298.15 K", "--mesh", "coarse"]
PNG = b"\x89PNG\r\n\x1a\n"


def as_printed(data: object) -> object:
    """``data`` as the CLI's JSON prints it (NaN as null, arrays as lists, the notes naming
    the options, not the Python keywords: tests/cli/test_cli_option_words.py)."""
    from solidcell.cli._common import json_in_option_words

    words = {"initial_soc": "--initial-soc",
             "interface_resistance_activation_energy": "--interface-activation"}
    return json.loads(dumps(json_in_option_words(data, words)))


def test_help_names_every_option(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _ = run(["temperature-sweep", "--help"], capsys)
    assert code == 0
    for option in ("--temperatures", "--c-rate", "--lower-cutoff", "--mesh", "--initial-soc",
                   "--ocp-ends", "--thermal", "--heat-transfer", "--plot", "--json"):
        assert option in out, option
    assert "[1/h]" in out and "degC" in out
    code, out, _ = run(["--help"], capsys)
    assert code == 0 and "temperature-sweep" in out


def test_json_is_the_api_result_and_the_plot_is_written(capsys, tmp_path):
    """K and degC items alike; the JSON of the run is `temperature_sweep(...).to_json()` of
    the same temperatures in K; --plot writes a PNG beside it."""
    plot = tmp_path / "sweep.png"
    code, out, err = run(["temperature-sweep", OXIDE, *TWO, "--json", "--plot", str(plot)],
                         capsys)
    assert code == 0, err
    data = json.loads(out)
    api = temperature_sweep(OXIDE, [273.15, 298.15], 1.0, mesh="coarse")
    assert data == as_printed(api.to_json())
    assert data["Temperature [K]"] == [273.15, 298.15]
    assert data["Thermal model"] == "isothermal"
    assert plot.read_bytes().startswith(PNG)


def test_table_lists_each_temperature_in_degc(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")  # headers on one line
    page = tmp_path / "sweep.html"
    code, out, err = run(["temperature-sweep", OXIDE, "--temperatures", "-20 degC, 25 degC",
                          "--mesh", "coarse", "--c-rate", "0.5", "--plot", str(page)], capsys)
    assert code == 0, err
    assert "at 0.5C against temperature" in out
    for column in ("temperature (degC)", "capacity (mAh)", "of utilisable (%)", "end"):
        assert column in out, column
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert [r.split("│")[1].strip() for r in rows][:2] == ["-20", "25"]
    assert "temperature rise" not in out and "thermal model: isothermal" in out
    assert "note: " in out and out.count("sources: ") == 1 and f"plot: {page}" in out
    assert "data:image/png;base64," in page.read_text(encoding="utf-8")


def test_lumped_run_shows_each_temperature_rise(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    code, out, err = run(["temperature-sweep", OXIDE, "--temperatures", "25 degC", "--mesh",
                          "coarse", "--thermal", "lumped", "--heat-transfer", "10"], capsys)
    assert code == 0, err
    assert "temperature rise (K)" in out and "thermal model: lumped" in out


def test_colder_delivers_no_more_at_1c_ev(capsys):
    """Property of the model (the EV example, NMC811 | Li6PS5Cl | Li, 1C): colder, the
    electrolyte conducts less (Arrhenius) and the cell delivers no more than warmer."""
    code, out, err = run(["temperature-sweep", EV, "--temperatures", "-20 degC, 25 degC",
                          "--mesh", "coarse", "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    cold, warm = data["Discharge capacity [A.h]"]
    assert data["C-rate"] == 1.0
    assert 0.0 <= cold <= warm
    sigma_cold, sigma_warm = data["Separator conductivity [S.m-1]"]
    assert sigma_cold < sigma_warm


@pytest.mark.parametrize("args, words", [
    (["--temperatures", ""], ["--temperatures:", "one or more"]),
    (["--temperatures", " , "], ["--temperatures:"]),
    (["--temperatures", "abc"], ["--temperatures: 'abc'"]),
    (["--temperatures", "25 degC, abc"], ["--temperatures (item 2 of 2)", "'abc'"]),
    (["--temperatures", "25 degC,,0 degC"], ["--temperatures (item 2 of 3)", "empty"]),
    (["--temperatures", "25"], ["--temperatures: '25'", "unit"]),
    (["--temperatures", "0 degC, -300 degC"], ["--temperatures (item 2 of 2)",
                                               "'-300 degC'", "(150, 600) K"]),
    (["--temperatures", "25 degC", "--c-rate", "-1"], ["--c-rate", "'-1'"]),
    (["--temperatures", "25 degC", "--heat-transfer", "10"], ["--heat-transfer",
                                                             "--thermal lumped"]),
    (["--temperatures", "25 degC", "--thermal", "lumped"], ["--heat-transfer", "required"]),
    (["--temperatures", "25 degC", "--thermal", "hot"], ["--thermal", "'hot'"]),
    (["--temperatures", "25 degC", "--ocp-ends", "x"], ["--ocp-ends", "'x'"]),
    (["--temperatures", "25 degC", "--mesh", "foo"], ["--mesh", "'foo'"]),
    (["--temperatures", "25 degC", "--initial-soc", "2"], ["--initial-soc", "'2'"]),
    (["--temperatures", "25 degC", "--lower-cutoff", "3"], ["--lower-cutoff"]),
    (["--temperatures", "25 degC", "--plot", "x.txt"], ["--plot", "'x.txt'"]),
    ([], ["--temperatures"]),
])
def test_bad_input_is_one_line_naming_the_option(args, words, capsys):
    code, out, err = run(["temperature-sweep", OXIDE, *args], capsys)
    assert_one_line_error(code, out, err, *words)


@given(st.lists(st.tuples(st.floats(151.0, 599.0), st.booleans()), min_size=1, max_size=6))
def test_each_item_is_read_in_its_own_unit(items):
    """Items in K and in degC, mixed, are each the temperature they state, in order (inside
    the simulation's (150, 600) K, which the parser refuses outside)."""
    from solidcell.simulation.runs import parse_temperatures

    text = ", ".join(f"{t!r} K" if kelvin else f"{t - 273.15!r} degC" for t, kelvin in items)
    assert parse_temperatures(text, "--temperatures") == pytest.approx(
        [t for t, _ in items], rel=1e-12, abs=1e-9)
