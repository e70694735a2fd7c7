"""CLI refusals that lost what the user typed (QA session 22): the item of a comma-separated
or repeatable option the engine refused (``--dopants 'Ta,Xx'`` showed the whole text, ``compat
--electrolyte lpscl`` a Python list ``['lpscl']``), an empty item (``'li6ps5cl,,llzo'`` was one
unknown id), a sintering aid's amount typed in wt% (shown as a fraction), two wordings of one
price rule, and the Python ``None`` in a command-line message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.cli._common import options
from solidcell.errors import ValidationError

REPO = Path(__file__).resolve().parents[2]
OXIDE = REPO / "examples" / "oxide-lco-llzo-li.yaml"
CIF = str(REPO / "tests" / "data" / "discovery" / "obelix_6du_LiMgTiO4.cif")
LLZO = "Li7La3Zr2O12"


def test_a_refused_dopant_is_named_by_its_position_as_the_api_names_it(capsys) -> None:
    from solidcell.discovery.candidates import discover

    with pytest.raises(ValidationError) as api:
        discover(LLZO, ["Ta", "Xx"])
    assert api.value.value == "Xx"  # the Python API names the item ...
    code, out, err = run(["discover", LLZO, "--dopants", "Ta,Xx,Nb"], capsys)
    # ... and so does the command line, with its place in what was typed
    assert_one_line_error(code, out, err, "--dopants (item 2 of 3): 'Xx' is not allowed",
                          "chemical element symbols")
    assert "Ta,Xx" not in err


@pytest.mark.parametrize(("args", "words"), [
    (["discover", LLZO, "--hosts", "La,Qq"], "--hosts (item 2 of 2): 'Qq' is not allowed"),
    (["discover", LLZO, "--fractions", "0.1,-1,0.2"],
     "--fractions (item 2 of 3): '-1' is not allowed; shares of the host amount"),
    (["discover", LLZO, "--fractions", "0.1,x"], "--fractions (item 2 of 2): 'x' is not allowed"),
    (["discover", LLZO, "--amounts", "0.1,nan"], "--amounts (item 2 of 2): 'nan' is not allowed"),
    (["rate-capability", str(OXIDE), "--fast", "--rates", "1,-2"],
     "--rates (item 2 of 2): '-2' is not allowed; a C-rate at least"),
    (["rate-capability", str(OXIDE), "--fast", "--rates", "1,x"],
     "--rates (item 2 of 2): 'x' is not allowed"),
    (["md", CIF, "--temperatures", "600,-5"], "--temperatures (item 2 of 2): '-5' is not allowed"),
    (["compat", "--electrolyte", "li6ps5cl,lpscl"],
     "--electrolyte (item 2 of 2): 'lpscl' is not allowed; use known ids"),
    (["compat", "--electrode", "lco", "--electrode", "lpscl"],
     "--electrode (item 2 of 2): 'lpscl' is not allowed"),
    (["compat", "--electrolyte", "foo,li6ps5cl,lpscl"],
     "--electrolyte (items 1, 3 of 3): 'foo,lpscl' is not allowed"),
])
def test_a_refused_item_is_named_by_its_position_as_typed(args, words, capsys) -> None:
    assert_one_line_error(*run(args, capsys), words)


def test_compat_shows_one_refused_id_as_typed_not_as_a_python_list(capsys) -> None:
    code, out, err = run(["compat", "--electrolyte", "lpscl"], capsys)
    assert_one_line_error(code, out, err, "--electrolyte: 'lpscl' is not allowed",
                          "did you mean")
    assert "['lpscl']" not in err and "(item" not in err  # one item: no position


@pytest.mark.parametrize(("args", "field"), [
    (["discover", LLZO, "--dopants", "Ta,,Nb"], "--dopants (item 2 of 3)"),
    (["discover", LLZO, "--dopants", "Ta,"], "--dopants (item 2 of 2)"),  # was dropped
    (["discover", LLZO, "--fractions", ",0.1"], "--fractions (item 1 of 2)"),
    (["compat", "--electrolyte", "li6ps5cl,,llzo"], "--electrolyte (item 2 of 3)"),
    (["ccd", "llzo", "--flaw-size", "5 um,,10 um"], "--flaw-size (item 2 of 3)"),
    (["conductivity", "llzo", "--temperature", "25 degC,,60 degC"],
     "--temperature (item 2 of 3)"),
    (["rate-capability", str(OXIDE), "--fast", "--rates", "1,,2"], "--rates (item 2 of 3)"),
    (["md", CIF, "--temperatures", "600,,800"], "--temperatures (item 2 of 3)"),
])
def test_an_empty_item_is_refused_by_its_position(args, field, capsys) -> None:
    assert_one_line_error(*run(args, capsys), f"{field}: '' is not allowed; no empty item")


def test_a_decimal_comma_is_still_refused_as_one(capsys) -> None:
    """'1,5 degC' is not two temperatures, nor an empty item: one value, a decimal comma."""
    code, out, err = run(["conductivity", "llzo", "--temperature", "1,5 degC"], capsys)
    assert_one_line_error(code, out, err, "--temperature", "decimal")
    assert "empty item" not in err


@settings(max_examples=40, deadline=None)
@given(items=st.lists(st.text("ABCDEFGHxyz0123456789+", min_size=1, max_size=6),
                      min_size=2, max_size=6, unique=True), data=st.data())
def test_the_refused_item_is_named_at_its_place(items, data) -> None:
    """Any item the engine names (as the Python API does: the item, not its index) is shown
    as typed with its position in the comma-separated text."""
    k = data.draw(st.integers(0, len(items) - 1))
    typed = " , ".join(items)  # spaces around the commas are no part of an item
    with pytest.raises(ValidationError) as info, options(dopants=("--dopants", typed)):
        raise ValidationError("dopants", items[k], "a rule")
    assert (info.value.field, info.value.value) == (
        f"--dopants (item {k + 1} of {len(items)})", items[k])


def test_an_engine_naming_the_whole_list_keeps_the_whole_text() -> None:
    """Every item named (the engine refused the list as a whole): no position to name."""
    with pytest.raises(ValidationError) as info, options(c_rates=("--rates", "1,2")):
        raise ValidationError("c_rates", [1.0, 2.0], "a rule")
    assert (info.value.field, info.value.value) == ("--rates", "1,2")


def test_a_sintering_aid_amount_is_shown_in_wt_percent_as_typed(tmp_path: Path,
                                                                 capsys) -> None:
    """'50 wt%' was refused as ``0.5``; the database's entries read in % (jonson2018_llzo_tape:
    0.5-2 wt% Li3BO3 in LLZO; shin2016_llzo_li3bo3: 8 wt%), so 50 wt% has none."""
    data = yaml.safe_load(OXIDE.read_text("utf-8"))
    data["separator"]["sintering_aid"] = {"material": "li3bo3", "amount": "50 wt%"}
    path = tmp_path / "aid.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, out, err = run(["route", str(path)], capsys)
    assert_one_line_error(code, out, err,
                          "separator.sintering_aid.amount: '50 wt%' is not allowed")
    assert ": 0.5 is" not in err


def test_a_negative_and_a_nan_price_are_refused_by_one_rule(capsys) -> None:
    rules = []
    for value in ("-5", "nan"):
        code, out, err = run(["cost", str(OXIDE), "--price", f"vgcf={value}"], capsys)
        assert_one_line_error(code, out, err, f"--price: 'vgcf={value}' is not allowed; ")
        rules.append(err.split(" is not allowed; ", 1)[1])
    assert rules[0] == rules[1], rules


def test_the_engine_rule_of_a_price_says_the_same() -> None:
    from solidcell.manufacturing.economics import PRICE_ALLOWED, CostOptions

    for price in (-5.0, float("nan")):
        with pytest.raises(ValidationError) as info:
            CostOptions(prices={"vgcf": price}).check()
        assert info.value.allowed == PRICE_ALLOWED


@pytest.mark.parametrize(("option", "value"), [("--min-probability", "-1"),
                                               ("--max-radius-mismatch", "0")])
def test_a_filter_option_is_said_in_the_options_words(option, value, capsys) -> None:
    code, out, err = run(["discover", LLZO, option, value], capsys)
    assert_one_line_error(code, out, err, f"{option}: '{value}' is not allowed",
                          f"leave {option} out for no filter")
    assert "None" not in err


def test_an_engine_array_is_shown_as_before_not_a_crash() -> None:
    """An engine's value that is no item (an array: '==' gives an array) keeps the engine's
    value, one line, rather than failing on the array's truth value."""
    import numpy as np

    with pytest.raises(ValidationError) as info, \
            options(temperature=("--temperature", ["25 degC", "60 degC"])):
        raise ValidationError("temperature", np.array([1.0, 2.0]), "a rule")
    assert info.value.field == "--temperature"
