"""The command line names its own options where the engine's refusals and notes name the
Python keywords (``thermal='isothermal'``, ``give initial_soc``): a CLI user reads
``--thermal isothermal``, ``give --initial-soc``; the Python API's texts stay as they are.
One mechanism, :func:`solidcell.cli._common.in_option_words`, over the fields of
:func:`solidcell.cli._common.options`. Each CLI case failed before (H277 saw the first)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.cli._common import in_option_words, options
from solidcell.errors import SolidcellError, UnsupportedError, ValidationError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
POLYMER = str(EXAMPLES / "polymer-lfp-peo-li.yaml")  # PEO: no formula, no heat capacity
OXIDE = str(EXAMPLES / "oxide-lco-llzo-li.yaml")

#: the words of `solidcell simulate` (API parameter -> option), as its options() fields
SIMULATE_WORDS = {"thermal": "--thermal", "ocp_ends": "--ocp-ends",
                  "initial_soc": "--initial-soc", "mesh": "--mesh",
                  "heat_transfer_coefficient": "--heat-transfer",
                  "interface_resistance": "--interface-resistance",
                  "interface_resistance_activation_energy": "--interface-activation",
                  "interface_resistance_temperature": "--interface-ref-temp",
                  "temperature_K": "--temperature",
                  "interface_resistance_activation_energy_J_mol": "--interface-activation"}


def _api_error(call) -> str:
    with pytest.raises(SolidcellError) as info:
        call()
    return str(info.value)


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["simulate", POLYMER, "--mesh", "coarse"],
                                     ["rate-capability", POLYMER, "--rates", "1"]])
def test_lumped_without_heat_capacity_names_the_thermal_option(capsys, command):
    """It said `use thermal='isothermal'` (H277, the polymer example run lumped)."""
    from solidcell.simulation.runs import simulate

    code, out, err = run([*command, "--thermal", "lumped", "--heat-transfer", "10"], capsys)
    assert_one_line_error(code, out, err, "--thermal isothermal", "Dulong-Petit")
    assert "thermal=" not in err and not err.startswith("error: thermal:")
    api = _api_error(lambda: simulate(POLYMER, thermal="lumped", heat_transfer_coefficient=10))
    assert "use thermal='isothermal'" in api and "--thermal" not in api


def test_a_heat_transfer_not_above_zero_names_the_thermal_option(capsys):
    """It said `required with thermal='lumped'`."""
    from solidcell.simulation.runs import simulate

    code, out, err = run(["simulate", OXIDE, "--thermal", "lumped", "--heat-transfer", "-5"],
                         capsys)
    assert_one_line_error(code, out, err, "--heat-transfer", "'-5'", "--thermal lumped")
    assert "thermal=" not in err
    api = _api_error(lambda: simulate(OXIDE, thermal="lumped", heat_transfer_coefficient=-5))
    assert "required with thermal='lumped'" in api


def test_a_failure_behind_the_ocp_wall_names_the_ocp_ends_option():
    """The wall's failure (pybamm_adapter.WALL_FAILED) said `ocp_ends='wall'` and
    `ocp_ends='stop' ends the discharge ...`; the error keeps its type and field."""
    from solidcell.simulation.pybamm_adapter import WALL_FAILED, SimulationFailed

    assert "ocp_ends='wall'" in WALL_FAILED and "ocp_ends='stop'" in WALL_FAILED  # the API's
    with pytest.raises(SimulationFailed) as info, options(ocp_ends=("--ocp-ends", "wall")):
        raise SimulationFailed("cathode.thickness", "IDA failed" + WALL_FAILED)
    text = str(info.value)
    assert "--ocp-ends wall" in text and "--ocp-ends stop ends the discharge" in text
    assert "ocp_ends=" not in text and info.value.field == "cathode.thickness"
    assert "ocp_ends=" not in info.value.detail


# --- notes, text and --json ----------------------------------------------------------------


def _notes(out: str, as_json: bool) -> list[str]:
    if as_json:
        return json.loads(out)["notes"]
    return [line.removeprefix("note: ") for line in out.splitlines()
            if line.startswith("note: ")]


@pytest.mark.parametrize("as_json", [False, True])
def test_the_initial_state_note_names_the_initial_soc_option(capsys, as_json):
    """The default run's note said `give initial_soc ('4.2 V' or a number)`, a given start
    `(initial_soc)`."""
    from solidcell.simulation.runs import rate_capability

    for extra, cli_word, api_word in (([], "give --initial-soc (", "give initial_soc ("),
                                      (["--initial-soc", "0.9"], "(--initial-soc)",
                                       "(initial_soc)")):
        code, out, err = run(["rate-capability", OXIDE, "--fast", "--rates", "1", *extra,
                              *(["--json"] if as_json else [])], capsys)
        assert code == 0, err
        notes = _notes(out, as_json)
        assert any(cli_word in n for n in notes), notes
        assert not any(api_word in n for n in notes), notes
        api = rate_capability(OXIDE, [1.0], model="fast",
                              initial_soc=0.9 if extra else None).notes
        assert any(api_word in n for n in api) and not any("--" in n for n in api), api


def test_the_held_interface_resistance_note_names_the_activation_option(capsys):
    """It said `give interface_resistance_activation_energy to take it at the cell's
    temperature`."""
    from solidcell.simulation.runs import rate_capability

    args = {"temperature": "60 degC", "interface_resistance": "20 Ohm cm2"}
    code, out, err = run(["rate-capability", OXIDE, "--fast", "--rates", "1", "--temperature",
                          args["temperature"], "--interface-resistance",
                          args["interface_resistance"]], capsys)
    assert code == 0, err
    assert "give --interface-activation to take it" in out
    assert "interface_resistance_activation_energy" not in out
    api = rate_capability(OXIDE, [1.0], model="fast", **args).notes
    assert any("give interface_resistance_activation_energy to take it" in n for n in api)


def test_the_lumped_interface_note_names_the_activation_option_in_json(capsys):
    """The lumped run's note said `give interface_resistance_activation_energy to let it
    follow the cell temperature` (PyBaMM, a coarse mesh: a few seconds)."""
    from solidcell.simulation.runs import simulate

    code, out, err = run(["simulate", OXIDE, "--mesh", "coarse", "--thermal", "lumped",
                          "--heat-transfer", "10", "--interface-resistance", "20 Ohm cm2",
                          "--json"], capsys)
    assert code == 0, err
    notes = json.loads(out)["notes"]
    assert any("give --interface-activation to let it follow" in n for n in notes), notes
    assert not any("interface_resistance_activation_energy" in n or "give initial_soc" in n
                   for n in notes), notes
    api = simulate(OXIDE, mesh="coarse", thermal="lumped", heat_transfer_coefficient=10,
                   interface_resistance="20 Ohm cm2").notes
    assert any("give interface_resistance_activation_energy to let it follow" in n
               for n in api)


def test_a_temperature_sweeps_notes_name_its_options(capsys):
    """temperature-sweep's table said `give initial_soc` too (PyBaMM, one temperature)."""
    code, out, err = run(["temperature-sweep", OXIDE, "--temperatures", "25 degC",
                          "--mesh", "coarse"], capsys)
    assert code == 0, err
    assert "give --initial-soc (" in out and "give initial_soc" not in out


def test_a_measuring_temperature_not_used_names_whose_it_is():
    """A knowledge-base resistance keeps its own temperature: the note names the keyword
    given (the CLI: --interface-ref-temp), else the design's field, which no option names
    (it said `interface_resistance_temperature` for the design's value too)."""
    from solidcell.simulation.parameters import _reference_not_used

    design = SimpleNamespace(interface_resistance_temperature_K=333.15)
    given = _reference_not_used(design, 333.15, 298.15)[0]
    assert given.startswith("interface_resistance_temperature 333.15 K not used")
    cli = in_option_words(given, SIMULATE_WORDS)
    assert cli.startswith("--interface-ref-temp 333.15 K not used")
    assert "give --interface-resistance with" in cli and "interface_resistance_" not in cli
    own = _reference_not_used(design, None, 298.15)[0]
    assert own.startswith("the design's interface_resistance_temperature_K 333.15 K")
    assert in_option_words(own, SIMULATE_WORDS).startswith(
        "the design's interface_resistance_temperature_K 333.15 K")


# --- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("use thermal='isothermal'", "use --thermal isothermal"),
    ('with ocp_ends="stop" it ends', "with --ocp-ends stop it ends"),
    ("start at initial_soc=0.5", "start at --initial-soc 0.5"),
    # PyBaMM's own name, a Python `keyword=`, a longer name and a design field stay
    ("as PyBaMM's initial_soc, a voltage", "as PyBaMM's initial_soc, a voltage"),
    ("(set the start with --initial-soc, initial_soc= in Python)",
     "(set the start with --initial-soc, initial_soc= in Python)"),
    ("the interface_resistance_ohm_m2 of it", "the interface_resistance_ohm_m2 of it"),
    ("cathode.interface_resistance", "cathode.interface_resistance"),
    # a name in SI units is a design file's key too (`screen` of a space, a design file)
    ("or use temperature_K for a plain number in K",
     "or use temperature_K for a plain number in K"),
    ("('interface_resistance_activation_energy: <number> eV'), or use "
     "interface_resistance_activation_energy_eV", "('interface_resistance_activation_energy: "
     "<number> eV'), or use interface_resistance_activation_energy_eV"),
    # a bare word without an underscore is English, not a keyword
    ("the thermal model and its mesh", "the thermal model and its mesh"),
])
def test_keywords_become_options(text, expected):
    assert in_option_words(text, SIMULATE_WORDS) == expected


@given(st.text(max_size=80))
def test_a_text_naming_no_keyword_is_unchanged(text):
    words = {k: v for k, v in SIMULATE_WORDS.items() if k not in text}
    assert in_option_words(text, words) == text


def test_an_unmapped_refusal_keeps_its_type_field_and_value():
    """A refusal of the design (not of an option given) names the options in its allowed
    only; its field and value stay."""
    with pytest.raises(ValidationError) as info, options(thermal=("--thermal", None)):
        raise ValidationError("cathode.x", 1.0, "give thermal='isothermal'")
    assert (info.value.field, info.value.value) == ("cathode.x", 1.0)
    assert info.value.allowed == "give --thermal isothermal"
    with pytest.raises(UnsupportedError, match=r"^--thermal: no; use --thermal isothermal$"), \
            options(thermal=("--thermal", "lumped")):
        raise UnsupportedError("thermal: no; use thermal='isothermal'")
