"""The command line of the interfaces area, run as a user runs it (typer's runner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from solidcell.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


def test_window_json_keys() -> None:
    res = runner.invoke(app, ["window", "Li3PS4", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    # Zhu, He & Mo 2015, Table 1: Li3PS4 1.71-2.31 V
    assert data["Reduction limit [V]"] == pytest.approx(1.71, abs=0.05)
    assert data["Oxidation limit [V]"] == pytest.approx(2.31, abs=0.05)
    assert data["Energy scheme"] == "zhu2015"


def test_window_table_and_plot(tmp_path: Path) -> None:
    png = tmp_path / "w.png"
    res = runner.invoke(app, ["window", "Li3PS4", "llzo", "--plot", str(png)])
    assert res.exit_code == 0, res.output
    assert "Li2S + P" in res.output and "sources:" in res.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["window", "Li3YCl6"], "Li3YCl6 is not in the energy table"),
        (["window", "Li2Cl"], "does not balance"),
        (["window", "Xx2O"], "formula"),
        (["window", "Li3PS4", "--entry", "nonsense"], "FORMULA=EV_PER_ATOM"),
        (["window", "Li3PS4", "--scheme", "bad"], "scheme"),
    ],
)
def test_window_errors_are_messages(args: list[str], needle: str) -> None:
    res = runner.invoke(app, args)
    assert res.exit_code != 0
    assert needle in (res.output + str(res.exception or ""))
    assert "Traceback" not in res.output


def test_window_assemblage_option_answers_for_a_formula_the_data_lack() -> None:
    """Without --assemblage the formula is refused and the message names the option; with it,
    LLTO as written gives Zhu, He & Mo 2015's 1.75-3.71 V (Table 1), flagged in the note."""
    refused = runner.invoke(app, ["window", "Li0.33La0.56TiO3"])
    assert refused.exit_code != 0
    assert "--assemblage" in refused.output + str(refused.exception or "")
    res = runner.invoke(app, ["window", "Li0.33La0.56TiO3", "--assemblage", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["Reduction limit [V]"] == pytest.approx(1.75, abs=0.05)
    assert data["Oxidation limit [V]"] == pytest.approx(3.71, abs=0.05)
    assert "equilibrium assemblage" in data["Note"]


def test_window_with_user_entry() -> None:
    res = runner.invoke(app, ["window", "Li3YCl6", "--entry", "Li3YCl6=-2.2", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert "user-supplied" in data["Data snapshot"]


def test_react_json() -> None:
    res = runner.invoke(app, ["react", "Li3PS4", "Li", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data["Products"]) == {"Li2S", "Li3P"}
    assert data["Most negative reaction energy [eV.atom-1]"] < 0


def test_compat_small_json() -> None:
    res = runner.invoke(app, ["compat", "--electrolyte", "llzo", "--electrode", "lto", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["Pairs"][0]["Status"] == "stable"
    assert "Oxidation limit [V]" in data["Pairs"][0]


@pytest.mark.slow
def test_interfaces_of_a_design() -> None:
    res = runner.invoke(
        app,
        [
            "interfaces",
            str(EXAMPLES / "ev-nmc811-lpscl-li.yaml"),
            "--stack-pressure",
            "1 MPa",
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["Interfaces"]["Interfaces"]
    assert any("5 MPa" in w for w in data["Mechanics"]["warnings"])


def test_help_is_fast_to_reach() -> None:
    for cmd in ("window", "react", "compat", "interfaces", "ccd"):
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0 and "--json" in res.output


def test_interfaces_with_fixture_and_charging_current() -> None:
    res = runner.invoke(
        app,
        [
            "interfaces",
            str(EXAMPLES / "ev-nmc811-lpscl-li.yaml"),
            "--stack-pressure",
            "0.5 MPa",
            "--fixture-stiffness",
            "1 MPa/mm",
            "--charge-current",
            "2 mA/cm2",
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    mech = json.loads(res.output)["Mechanics"]
    assert mech["Stack pressure"]["Contact pressure (lithium yield strength) [Pa]"] == 8e5
    assert any("yield strength" in w for w in mech["warnings"])
    assert any("critical current density" in w for w in mech["warnings"])


def test_ccd_against_pressure_json() -> None:
    res = runner.invoke(
        app,
        [
            "ccd",
            "li6ps5cl",
            "--flaw-size",
            "14 um",
            "--asr",
            "10 Ohm cm2",
            "--asr-pressure",
            "5 MPa",
            "--pressure",
            "5 MPa",
            "--pressure",
            "20 MPa",
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert [r["Stack pressure [Pa]"] for r in rows] == [5e6, 20e6]
    # ASR ~ p^-0.5 (arXiv:2501.00600), so 4x the pressure halves the ASR; the stack pressure
    # is carried into the flaw, so the overpotential builds p_c - p_s of its critical pressure
    # p_c (test_mechanics_ccd_stack_superposition.py)
    ccd = [r["Critical current density [A.m-2]"] for r in rows]
    p_c = rows[0]["Critical pressure [Pa]"]
    assert ccd[1] == pytest.approx(2 * ccd[0] * (p_c - 20e6) / (p_c - 5e6))
    # K_IC 0.23 MPa m^0.5 over a 14 um flaw (Singh et al. 2022): 4.17 mV without a stack
    # pressure, derived by hand in
    # test_mechanics_dendrite.py::test_ccd_of_li6ps5cl_from_the_knowledge_base
    assert rows[0]["Critical overpotential [V]"] == pytest.approx(
        4.17e-3 * (p_c - 5e6) / p_c, rel=3e-3)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ccd", "li6ps5cl", "--flaw-size", "-3 um"], "--flaw-size: '-3 um'"),
        (["ccd", "li6ps5cl", "--flaw-size", "3 kg"], "length"),
        (["ccd", "nothing", "--flaw-size", "3 um"], "electrolyte"),
        (["ccd", "li6ps5cl", "--flaw-size", "3 um", "--pressure", "2 MPa"], "--asr-pressure"),
        (
            [
                "interfaces",
                str(EXAMPLES / "ev-nmc811-lpscl-li.yaml"),
                "--fixture-stiffness",
                "-1 MPa/mm",
            ],
            "--fixture-stiffness: '-1 MPa/mm'",
        ),
    ],
)
def test_ccd_errors_are_messages(args: list[str], needle: str, capsys) -> None:
    from solidcell.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_ccd_plot(tmp_path: Path) -> None:
    out = tmp_path / "ccd.png"
    res = runner.invoke(app, ["ccd", "llzo", "--flaw-size", "10 um", "--asr", "20 Ohm cm2",
                              "--asr-pressure", "1 MPa", "--pressure", "0.5 MPa", "--pressure",
                              "10 MPa", "--plot", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "flatscher2020_llzo_ccd" in res.output  # the measured LLZO CCD is shown beside it


def test_ccd_plot_needs_pressures(capsys) -> None:
    from solidcell.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["ccd", "li6ps5cl", "--flaw-size", "1 um", "--plot", "x.png"])
    assert exit_.value.code == 2
    assert "--plot needs" in capsys.readouterr().err


def test_sodium_formula_is_open_to_sodium() -> None:
    """`window Na3PS4` used to open the phase diagram to Li (products NaLiS, 'V vs Li/Li+')
    while `window na3ps4` opened it to Na."""
    from solidcell.interfaces.stability import stability_window

    by_formula, by_id = stability_window("Na3PS4"), stability_window("na3ps4")
    assert by_formula.open_element == "Na"
    assert by_formula.reduction_limit_V == pytest.approx(by_id.reduction_limit_V)
    assert by_formula.oxidation_limit_V == pytest.approx(by_id.oxidation_limit_V)
    assert not any("Li" in f for f, _ in by_formula.reduction_products)
    assert stability_window("Li3PS4").open_element == "Li"
    res = runner.invoke(app, ["window", "nzsp"])
    assert res.exit_code == 0, res.output
    assert "V vs Na/Na+" in res.output and "V vs Li/Li+" not in res.output
    mixed = runner.invoke(app, ["window", "nzsp", "Li3PS4"])
    assert mixed.exit_code == 0 and "Na/Na+" in mixed.output and "Li/Li+" in mixed.output


def test_react_names_the_bad_reactant() -> None:
    from solidcell.errors import ValidationError
    from solidcell.interfaces.reactivity import interface_reaction

    with pytest.raises(ValidationError, match="second reactant: 'Xx'"):
        interface_reaction("Li6PS5Cl", "Xx")
    with pytest.raises(ValidationError, match="first reactant: 'Xq2O'"):
        interface_reaction("Xq2O", "LiCoO2")


@pytest.mark.parametrize(("args", "field"), [
    (["--electrolyte", "li3ps4", "--electrode", "llzo"], "--electrode"),
    (["--electrolyte", "lco", "--electrode", "li_metal"], "--electrolyte"),
])
def test_compat_refuses_swapped_roles(args: list[str], field: str) -> None:
    """An electrolyte given as electrode used to fill the matrix with '-' (and LCO given as an
    electrolyte got a verdict)."""
    from solidcell.errors import ValidationError

    res = runner.invoke(app, ["compat", *args])
    assert isinstance(res.exception, ValidationError) and res.exception.field == field


def test_compat_writes_no_progress_bar_into_a_pipe(tmp_path: Path) -> None:
    """The tqdm bar of `compat` went to stderr even when stderr was a pipe or a log file."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "SOLIDCELL_DB": str(tmp_path / "db.sqlite")}
    res = subprocess.run([sys.executable, "-m", "solidcell", "compat", "--electrolyte",
                          "llzo", "--electrode", "li_metal"], capture_output=True, text=True,
                         env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stderr == "" and "llzo" in res.stdout


def test_shortened_cuts_at_a_word_boundary_and_marks_it() -> None:
    from solidcell.cli.interfaces import shortened

    text = ("reduction products include electronic conductor(s) Li13In3: the interphase keeps "
            "growing (-0.801 eV/atom) (window 2.45-4.34 V)")
    assert shortened(text, 200) == text  # short enough: whole, no marker
    cut = shortened(text, 100)
    assert len(cut) <= 100 and cut.endswith(" ...")
    kept = cut.removesuffix(" ...")
    # whole words only: what is kept is a prefix of the reason that ends before a space
    assert text.startswith(kept) and text[len(kept)] == " "


def test_compat_reasons_are_whole_or_marked_and_whole_in_json() -> None:
    """`compat` cut reasons to 110 characters mid-word with no marker ("... (win")."""
    args = ["compat", "--electrolyte", "li3incl6", "--electrode", "li_metal"]
    data = json.loads(runner.invoke(app, [*args, "--json"]).output)
    reason = next(p["Reason"] for p in data["Pairs"] if p["Status"] == "unstable")
    assert len(reason) > 110  # the case that was cut
    res = runner.invoke(app, args, env={"COLUMNS": "400"})  # one table line per row
    assert res.exit_code == 0, res.output
    row = next(line for line in res.output.splitlines()
               if "li3incl6" in line and "li_metal" in line and "\u2502" in line
               and "reduction products" in line)
    shown = row.split("\u2502")[-2].strip()
    assert shown != reason[:110]
    assert shown.endswith(" ...") and reason.startswith(shown.removesuffix(" ..."))
    assert reason[len(shown.removesuffix(" ..."))] == " "  # cut between words
    assert "--json" in res.output.split(shown)[-1]  # the note after the table says where


@pytest.mark.parametrize(("args", "field", "hint"), [
    (["window", "LLZO"], "formula", "llzo"),
    (["window", "Li3PS4", "NMC811"], "formula", "nmc811"),
    (["react", "LLZO", "li_metal"], "first reactant", "llzo"),
    (["react", "Li6PS5Cl", "NMC811"], "second reactant", "nmc811"),
])
def test_an_id_in_capitals_is_refused_naming_the_id(args: list[str], field: str,
                                                    hint: str) -> None:
    """`window LLZO` said only "'L' is not a chemical element"; `compat --electrolyte LLZO`
    and `conductivity LLZO` name the id."""
    from solidcell.errors import ValidationError

    res = runner.invoke(app, args)
    assert isinstance(res.exception, ValidationError), res.output
    assert res.exception.field == field
    assert str(res.exception).endswith(f"did you mean the id {hint!r}?")


def test_a_bad_formula_that_is_no_id_gets_no_id_hint() -> None:
    res = runner.invoke(app, ["window", "Xx2O"])
    assert res.exit_code != 0 and "did you mean" not in str(res.exception)
