"""Formulas at the edges of what pymatgen reads: signs, exponents, tiny amounts, capitals.

Found by QA: 'Li-1Cl' was read as the mixture Li + Cl and predicted as LiCl; 'Li1e-300Cl' got
"could not convert string to float: '1e'"; 'Li3N1e-9' the hint 'xLi3N1e-y9'; 'LI2O' only "'L'
is not a chemical element". pymatgen's own formula regex reads an amount with an exponent
('LiCo1e-3O2', ``[-*\\.e\\d]*`` after a symbol) and writes small amounts that way
(``Composition('Li0.0000001Cl').reduced_formula == 'Li1e-07Cl1'``), and it drops any amount
below ``Composition.amount_tolerance`` (1e-8) without a word."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pymatgen.core import Composition

from clirun import assert_one_line_error, run
from solidcell.chemistry.capacity import theoretical_capacity
from solidcell.chemistry.composition import parse_composition
from solidcell.errors import MAX_SHOWN, ValidationError


@pytest.mark.parametrize(("text", "piece"), [
    ("Li-1Cl", "'Li-1'"), ("Li\u22121Cl", "'Li-1'"), ("Li-.5Cl", "'Li-.5'"),
    ("Li3N-9", "'N-9'"), ("-1Li2O", "'-1'"), ("Li(PO4)-1", "'(PO4)-1'"), ("Li-1S", "'Li-1'"),
    ("Li -1Cl", "'Li-1'")])
def test_a_negative_amount_is_refused_naming_it(text: str, piece: str) -> None:
    """'Li-1Cl' was read as the mixture Li + 1 Cl (LiCl); pymatgen reads Li's amount as -1
    ("Amounts in Composition cannot be negative!")."""
    with pytest.raises(ValidationError, match="must be positive") as info:
        parse_composition(text, field="composition")
    assert info.value.field == "composition" and info.value.value == text
    assert f"{piece} reads as a negative amount" in info.value.allowed


@pytest.mark.parametrize(("text", "amounts"), [
    ("Fe-2Li2S", {"Fe": 1, "Li": 4, "S": 2}),  # FeS2 + 4 Li, the documented conversion product
    ("0.5Li-0.5Cl", {"Li": 0.5, "Cl": 0.5}),  # every part has its amount: a mixture
    ("Li2S - 2Li", {"Li": 4, "S": 1}),  # a space after the dash: a separator, not a sign
    ("Li - 1Cl", {"Li": 1, "Cl": 1}),
    ("3Li2S-P2S5", {"Li": 6, "P": 2, "S": 8})])
def test_a_dash_before_a_mixture_part_is_still_a_mixture(text: str,
                                                         amounts: dict[str, float]) -> None:
    assert parse_composition(text) == Composition(amounts)


@pytest.mark.parametrize("text", ["LiCo1e-3O2", "Li1e-3Cl", "Li7La3Zr2O12Ta2.5e-1",
                                  "Li1.5e0Cl1.5", "Li1e-07Cl"])
def test_an_exponent_amount_reads_as_pymatgen_reads_it(text: str) -> None:
    """pymatgen's regex takes '1e-3' as an amount; the '-' no longer splits a mixture."""
    assert parse_composition(text) == Composition(text)


def test_exponents_pymatgen_refuses_are_read_as_their_number() -> None:
    # '+', 'E' and the minus sign U+2212 are not in pymatgen's amount class; a bracket's
    # factor takes no '-' there ('(PO4)1e-3' was 'x(PO4)1e-y3', a system without proportions)
    assert parse_composition("Li1E+3Cl") == Composition({"Li": 1000, "Cl": 1})
    assert parse_composition("Li1e\u22123Cl") == Composition({"Li": 0.001, "Cl": 1})
    assert parse_composition("Li(PO4)1e-3") == Composition({"Li": 1, "P": 0.001, "O": 0.004})
    # a mixture amount with an exponent: 1e-1 Li2S + 9e-1 Li2O
    assert parse_composition("1e-1Li2S-9e-1Li2O") == Composition({"Li": 2, "S": 0.1, "O": 0.9})


@pytest.mark.parametrize(("text", "what"), [
    ("Li1e-300Cl", "'Li'"), ("Li0.000000001Cl", "'Li'"), ("Li3N1e-9", "'N'"),
    ("Li1e-400Cl", "'1e-400'"), ("Li3(PO4)1e-9", "'P'")])
def test_an_amount_pymatgen_would_drop_is_refused(text: str, what: str) -> None:
    """Below Composition.amount_tolerance (1e-8) pymatgen leaves the element out: 'Li3N1e-9'
    would be Li, 'Li0.000000001Cl' Cl."""
    with pytest.raises(ValidationError, match="at least 1e-08") as info:
        parse_composition(text)
    assert info.value.value == text and what in info.value.allowed
    assert "could not convert" not in str(info.value) and "xLi3N" not in str(info.value)


@pytest.mark.parametrize(("text", "says"), [
    ("LiCl1e400", "must be finite"), ("Li1e-Cl", "exponent"), ("Li1eLi", "exponent"),
    ("(Li)e", "exponent"), ("Li1e-4000.5", "exponent")])
def test_a_broken_exponent_says_so(text: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says) as info:
        parse_composition(text)
    assert info.value.value == text and "could not convert" not in str(info.value)


@pytest.mark.parametrize(("text", "meant"), [
    ("LI2O", "'Li2O'"), ("NACL", "'NaCl'"), ("LiFE", "'LiFe'"), ("LIPON", "'LiPON'"),
    ("LIFEPO4", "'LiFePO4'"), ("li3ps4", "'Li3PS4'"), ("LI\u2082O", "'Li\u2082O'"),
    ("LiCL1e-3", "'LiCl1e-3'"), ("lioh\u00b7h2o", "'LiOH\u00b7H2O'")])
def test_a_capitalisation_slip_gets_the_formula_meant(text: str, meant: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_composition(text)
    assert info.value.value == text
    assert str(info.value).endswith(f"did you mean {meant}?")
    parse_composition(meant.strip("'"))  # what it offers parses


def test_no_capitalisation_hint_offers_a_radioactive_element_or_text_that_fails() -> None:
    # 'LIFEPO4' could be LiFePo4 (polonium), 'NMC811' NMc811 (moscovium): not offered
    with pytest.raises(ValidationError) as info:
        parse_composition("LIFEPO4")
    assert "Po4" not in str(info.value)
    for text in ("NMC811", "LLZO", "Xx2O"):
        with pytest.raises(ValidationError) as info:
            parse_composition(text)
        assert "did you mean" not in str(info.value)
    # the message pinned by the lower-case tests stays
    with pytest.raises(ValidationError, match="start with a capital letter"):
        parse_composition("li2o")


def test_capacity_and_predict_refuse_them_on_the_command_line(capsys) -> None:
    for cmd in (["capacity"], ["predict", "--no-window"]):
        assert_one_line_error(*run([*cmd, "--", "Li-1Cl"], capsys), "'Li-1Cl'", "negative")
        assert_one_line_error(*run([*cmd, "--", "Li1e-300Cl"], capsys), "'Li1e-300Cl'",
                              "at least 1e-08")
        assert_one_line_error(*run([*cmd, "--", "LI2O"], capsys), "did you mean 'Li2O'?")
    with pytest.raises(ValidationError, match="negative"):
        theoretical_capacity("Li-1Cl")
    # window and react name the formula and the id in one question ('LLZO' the id alone)
    assert_one_line_error(*run(["window", "LI3PS4"], capsys),
                          "did you mean 'Li3PS4' or the id 'li3ps4'?")
    assert_one_line_error(*run(["window", "LLZO"], capsys), "did you mean the id 'llzo'?")


#: pieces of formula-like text: symbols in every case, digits, points, brackets, dots and
#: dashes of mixtures, signs, exponents, subscripts, charges
PIECES = ["Li", "La", "P", "S", "Cl", "O", "N", "Fe", "Co", "LI", "CL", "li", "Xx", "D", "x",
          "0", "1", "2", "9", "0.5", ".", "(", ")", "[", "]", "{", "}", "-", "\u2212", "\u2013",
          "\u00b7", "*", "+", " ", "e", "E", "e-", "e+", "1e-3", "1e-9", "2e5", "1e400",
          "1e-400", "\u2082", "\u2083", "\u207a"]


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_formula_like_text_parses_to_positive_amounts_that_round_trip(text: str) -> None:
    """Either a Composition of positive, finite amounts whose reduced formula parses to the
    same composition, or a short ValidationError naming the text; never another exception."""
    try:
        comp = parse_composition(text)
    except ValidationError as exc:
        assert exc.field == "formula" and exc.value == text
        assert len(str(exc)) < 4 * MAX_SHOWN
        return
    amounts = [float(a) for a in comp.values()]
    assert amounts and all(a > 0 and math.isfinite(a) for a in amounts)
    _assert_round_trip(comp)


def _assert_round_trip(comp: Composition) -> None:
    """The reduced formula pymatgen writes reads back to the reduced composition, to the 8
    decimals it writes (``formula_double_format`` rounds to 8; 'ClCl9e-9' reduces to Cl2 with
    Cl 2.000000018, written 'Cl2')."""
    back = parse_composition(comp.reduced_formula)
    assert back.almost_equals(comp.reduced_composition, rtol=1e-7, atol=1e-8), (
        comp.reduced_formula, back, comp.reduced_composition)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.dictionaries(st.sampled_from(["Li", "La", "Zr", "O", "P", "S", "Cl", "Fe", "Eu"]),
                       st.floats(min_value=1e-7, max_value=1e6), min_size=1, max_size=5))
def test_amounts_written_as_python_writes_them_round_trip(amounts: dict[str, float]) -> None:
    """repr of a float ('1e-07', '123456.789') as an amount: the composition pymatgen builds
    from the same amounts, and its reduced formula reads back to it."""
    comp = parse_composition("".join(f"{el}{a!r}" for el, a in amounts.items()))
    assert comp == Composition(amounts)
    _assert_round_trip(comp)


@pytest.mark.parametrize("text", ["La2e50LiP2e5", "Li(PO4)100000000000000000000",
                                  "ClCl9e-9"])
def test_huge_amounts_in_brackets_round_trip(text: str) -> None:
    """pymatgen multiplies a bracket out as Python floats: 'P1e+20', which its own regex then
    fails ("could not convert string to float: '1e'"), also for the reduced formula it wrote
    for La2e50LiP2e5, 'Li(La6250...P625)320'."""
    _assert_round_trip(parse_composition(text))
    assert parse_composition("Li(PO4)100000000000000000000") == Composition(
        {"Li": 1, "P": 1e20, "O": 4e20})
