"""``solidcell window`` and ``solidcell predict`` agree on a formula with no phase of its own in
the energy data (Li2ZrCl6): ``window`` refuses it unless ``--assemblage`` (docs/interfaces.md,
"Not covered means not covered"), ``predict`` shows that same assemblage window with a note
that says so; a formula of the data gets the same window from both, with no such note."""

from __future__ import annotations

import json

import pytest

from clirun import assert_one_line_error, run


def _window(args: list[str], capsys) -> dict:
    code, out, err = run(["window", *args, "--json"], capsys)
    assert code == 0, err
    return json.loads(out)


def _predicted(formula: str, capsys) -> dict:
    code, out, err = run(["predict", formula, "--json"], capsys)
    assert code == 0, err
    (one,) = json.loads(out)
    return one


LIMITS = ("Reduction limit [V]", "Oxidation limit [V]")


def test_window_refuses_without_assemblage_and_says_how(capsys) -> None:
    code, out, err = run(["window", "Li2ZrCl6"], capsys)
    assert_one_line_error(code, out, err, "Li2ZrCl6", "--assemblage")


def test_predict_shows_the_window_that_window_assemblage_gives(capsys) -> None:
    assemblage = _window(["Li2ZrCl6", "--assemblage"], capsys)
    predicted = _predicted("Li2ZrCl6", capsys)
    shown = predicted["Stability window"]
    assert [shown[k] for k in LIMITS] == [assemblage[k] for k in LIMITS]
    assert shown["Note"] == assemblage["Note"] and "equilibrium assemblage" in shown["Note"]
    note = predicted["Note"]
    assert "solidcell window Li2ZrCl6 --assemblage" in note and "refuses" in note


@pytest.mark.parametrize("formula", ["Li3PS4"])
def test_a_formula_of_the_data_gets_one_window_and_no_assemblage_note(formula: str,
                                                                      capsys) -> None:
    own = _window([formula], capsys)
    predicted = _predicted(formula, capsys)
    shown = predicted["Stability window"]
    assert [shown[k] for k in LIMITS] == [own[k] for k in LIMITS]
    assert "--assemblage" not in (predicted.get("Note") or "")
