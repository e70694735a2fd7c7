"""The electrolyte commands (window, predict, compat, discover) on published electrolytes outside
the bundled data: a result, or one line on stderr naming the field and value, exit code 2."""

from __future__ import annotations

import json

import pytest

from clirun import assert_one_line_error, run


@pytest.mark.parametrize("args, words", [
    # Li3YBr6, Li3ScCl6 and LiBH4 were refused here: the full energy table has them now
    (["window", "Li3AmCl6"], ["Li3AmCl6", "Am"]),
    (["window", "XeF2"], ["Xe"]),
    (["window", "Li2ZrCl6"], ["Li2ZrCl6", "--assemblage"]),
    (["window", "LI3PS4"], ["'LI3PS4'"]),
    (["predict", "Na3PS4", "--no-window"], ["'Na3PS4'", "lithium"]),
    (["predict", "li3ps4", "--no-window"], ["'li3ps4'", "'Li3PS4'"]),
    (["predict", "Li2B12H12", "--no-window"], ["'Li2B12H12'", "charge-balanced"]),
    (["compat", "--electrolyte", "Li3InCl6", "--electrode", "li_metal"],
     ["--electrolyte", "Li3InCl6", "did you mean li3incl6?"]),
    (["discover", "Na3PS4"], ["'Na3PS4'", "lithium"]),
])
def test_refusals_are_one_line(args, words, capsys):
    assert_one_line_error(*run(args, capsys), *words)


@pytest.mark.parametrize("formula", ["Li3InCl6", "Li3N", "Li4SiO4", "Li3OCl", "Li3PS4",
                                     "75Li2S·25P2S5", "Li3InCl6.2H2O"])
def test_predict_answers(formula, capsys):
    code, out, err = run(["predict", formula, "--no-window", "--json"], capsys)
    assert code == 0, err
    row = json.loads(out)
    row = row[0] if isinstance(row, list) else row
    assert isinstance(row, dict)


def test_window_of_a_multiple_formula_unit_reports_the_hull_energy_of_the_phase(capsys):
    code, out, err = run(["window", "75Li2S·25P2S5", "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    rows = data if isinstance(data, list) else data.get("windows", [data])
    assert rows[0]["Energy above hull [eV.atom-1]"] == 0.0  # was 0.915
    assert rows[0]["Oxidation limit [V]"] == pytest.approx(2.30, abs=0.01)
