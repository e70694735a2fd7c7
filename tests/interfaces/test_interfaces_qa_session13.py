"""QA of ``react``/``window`` inputs as papers print them (session 13).

``--entry`` takes a formation energy with its unit (``-1.2 eV/atom``, ``-1200 meV/atom``, ``eV
atom-1``) and ``react --potential`` a potential with its reference (``4.2 V vs. Li/Li+``); each
gives the same result as the bare number. An energy without "per atom", another unit or
another reference is refused naming the option, the value and what is allowed. Formulas
pymatgen reads in several ways (a hydrate with '·' or '.', a parenthesised mixture) give the
same window as the plain formula.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from solidcell.cli import app, main

runner = CliRunner()


def _refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one line the console script prints for refused input (exit code 2)."""
    with pytest.raises(SystemExit) as stop:
        main(args)
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "Traceback" not in err
    return err


def _react(*args: str) -> dict:
    out = runner.invoke(app, ["react", "Li3PS4", "LiCoO2", *args, "--json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


@pytest.mark.parametrize("entry", ["Li3PS4=-1.2 eV/atom", "Li3PS4=-1200 meV/atom",
                                   "Li3PS4=-1.2 eV atom-1", "Li3PS4=-1.2eV/atom",
                                   "Li3PS4=-1.2 eV per atom", "Li3PS4 = -1.2 eV.atom-1"])
def test_entry_with_its_unit_is_the_bare_number(entry):
    """Before: '--entry Li3PS4=-1.2 eV/atom' was refused (float('-1.2 eV/atom'))."""
    bare = _react("--entry", "Li3PS4=-1.2")
    given = _react("--entry", entry)
    assert given["Most negative reaction energy [eV.atom-1]"] == pytest.approx(
        bare["Most negative reaction energy [eV.atom-1]"], abs=1e-12)
    assert "entry Li3PS4 (-1.2 eV/atom) replaces" in given["Note"]


@pytest.mark.parametrize("entry", ["Li3PS4=-1.2 eV", "Li3PS4=-1.2 kJ/mol", "Li3PS4=abc",
                                   "Li3PS4=", "Li3PS4"])
def test_entry_without_an_energy_per_atom_is_refused(entry, capsys):
    err = _refused(["react", "Li3PS4", "LiCoO2", "--entry", entry], capsys)
    assert err.startswith(f"error: --entry: {entry!r} is not allowed; FORMULA=EV_PER_ATOM")
    assert "eV/atom" in err


def test_non_finite_entry_with_unit_is_refused(capsys):
    err = _refused(["react", "Li3PS4", "LiCoO2", "--entry", "Li3PS4=nan eV/atom"], capsys)
    assert "--entry: 'Li3PS4=nan eV/atom' is not allowed; a finite number" in err


@pytest.mark.parametrize("text", ["4.2 V vs Li/Li+", "4.2 V vs. Li+/Li", "4.2V vs li/li+",
                                  "4200 mV vs. Li/Li+"])
def test_potential_versus_lithium_is_the_potential(text):
    """Before: '4.2 V vs Li/Li+' was refused (unknown unit 'V vs Li/Li+')."""
    bare = _react("--potential", "4.2 V")
    given = _react("--potential", text)
    assert given["Potential [V]"] == pytest.approx(4.2)
    assert given["Reaction energy [eV.atom-1]"] == pytest.approx(
        bare["Reaction energy [eV.atom-1]"], abs=1e-12)


@pytest.mark.parametrize("text", ["4.2 V vs Na/Na+", "4.2 V vs SHE", "vs Li/Li+"])
def test_potential_versus_another_reference_is_refused(text, capsys):
    err = _refused(["react", "Li3PS4", "LiCoO2", "--potential", text], capsys)
    assert err.startswith(f"error: --potential: {text!r}") or \
        err.startswith("error: --potential: unknown unit")
    assert text in err and "'V' or 'mV'" in err


@pytest.mark.parametrize(("odd", "plain"), [("Li2SO4·H2O", "Li2SO4H2O"),
                                            ("Li2SO4.H2O", "Li2SO4H2O"),
                                            ("(Li2S)3(P2S5)", "Li6P2S8")])
def test_formulas_written_in_several_ways_give_one_window(odd, plain):
    def window(formula: str) -> dict:
        out = runner.invoke(app, ["window", formula, "--json"])
        assert out.exit_code == 0, out.output
        return json.loads(out.stdout)

    a, b = window(odd), window(plain)
    for key in ("Reduction limit [V]", "Oxidation limit [V]"):
        assert a[key] == pytest.approx(b[key], abs=1e-9)


@pytest.mark.parametrize("formula", ["Li+", "S2-", "Li2O2-"])
def test_charged_species_are_refused_as_formulas(formula, capsys):
    err = _refused(["window", formula], capsys)
    assert err.startswith(f"error: formula: {formula!r} is not allowed; ")
    assert "neutral compound" in err
