"""Formula parsing: mixtures and hydrates as people write them, isotopes and overflow refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solidcell.chemistry.composition import (
    balancing_amount,
    is_charge_balanced,
    parse_composition,
)
from solidcell.errors import ValidationError


@pytest.mark.parametrize("written, same_as", [
    # the glass notation of the sulfide literature: 75Li2S-25P2S5 is Li3PS4 (Tatsumisago's
    # xLi2S-(100-x)P2S5 series), 70:30 is Li7P3S11
    ("0.75Li2S-0.25P2S5", "Li3PS4"),
    ("75Li2S·25P2S5", "Li3PS4"),
    ("70Li2S-30P2S5", "Li7P3S11"),
    ("LiOH·H2O", "LiH3O2"),
    ("3Li2S-P2S5", "Li3PS4"),  # an amount on one part is a proportion (3:1)
    ("LiTi2(PO4)3", "LiTi2P3O12"),
    # as typeset papers print it (copied from a PDF): en dash, minus sign, dot operator
    ("70Li2S\u201330P2S5", "Li7P3S11"),
    ("75Li2S\u221225P2S5", "Li3PS4"),
    ("LiOH\u22c5H2O", "LiH3O2"),
])
def test_mixtures_and_hydrates_are_the_weighted_sum(written: str, same_as: str) -> None:
    assert parse_composition(written).fractional_composition.almost_equals(
        parse_composition(same_as).fractional_composition)


@pytest.mark.parametrize("bad, says", [
    ("LiD", "isotope"), ("LiT", "isotope"), ("Li1e400Cl", "finite"),
    ("Li1e308Cl1e308", "finite"), ("Li-", "amount followed by a formula"),
    ("O2-", "amount followed by a formula"), ("Xx2O", "not a chemical element"),
])
def test_refusals_name_the_field_and_why(bad: str, says: str) -> None:
    """D and T used to be read as H by pymatgen (LiD answered as LiH); 1e400 raised an
    OverflowError traceback."""
    with pytest.raises(ValidationError, match=says) as info:
        parse_composition(bad, field="composition")
    assert str(info.value).startswith("composition:")


@pytest.mark.parametrize(("system", "hint"), [
    ("Li2S-P2S5", "'xLi2S-yP2S5'"), ("Li2S - P2S5", "'xLi2S-yP2S5'"),
    ("Li2S\u2013P2S5", "'xLi2S-yP2S5'"), ("LiBH4-LiI", "'xLiBH4-yLiI'"),
    ("Li2S-P2S5-LiI", "'xLi2S-yP2S5-zLiI'")])
def test_a_system_without_proportions_is_refused(system: str, hint: str) -> None:
    """'Li2S-P2S5' names the glass system xLi2S-(100-x)P2S5 (Tatsumisago's series), not one
    compound; it used to be read silently as the 1:1 member LiPS3. The message asks for an
    amount of each part the user wrote."""
    with pytest.raises(ValidationError, match="without proportions") as info:
        parse_composition(system, field="composition")
    assert f"give the amount of each part, {hint} with numbers" in str(info.value)


@pytest.mark.parametrize(("family", "variable"), [
    ("Li1+xAlxTi2-x(PO4)3", "x"), ("Li7-xLa3Zr2-xTaxO12", "x"), ("LixCoO2", "x"),
    ("Li3Y1-xInxCl6", "x"), ("LaNiO3-\u03b4", "\u03b4"), ("(C2H4O)n", "n")])
def test_a_variable_amount_names_the_variable(family: str, variable: str) -> None:
    """A family written with a variable amount (LATP as papers write it) got the proportions
    hint 'xLi1+xAlxTi2-yx(PO4)3'; the message names the variable and asks for one member."""
    with pytest.raises(ValidationError, match="amounts as numbers") as info:
        parse_composition(family)
    assert f"{variable!r} is a variable" in str(info.value)


@pytest.mark.parametrize("formula", ["LiZn", "Li2SnS3", "Li3InCl6", "LiMn2O4", "Li3ZnN"])
def test_symbols_ending_in_n_are_not_variables(formula: str) -> None:
    """Zn, Sn, In and Mn end in a small n; only an n after no letter (or after a two-letter
    symbol) is a variable."""
    assert parse_composition(formula).num_atoms > 0


@pytest.mark.parametrize("formula, amounts", [
    # the amounts as written in each formula: Tb, Ta, Ti, Dy and Tl are elements, not D or T
    ("Tb2O3", {"Tb": 2, "O": 3}),
    ("LiTaO3", {"Li": 1, "Ta": 1, "O": 3}),
    ("Li2TiO3", {"Li": 2, "Ti": 1, "O": 3}),
    ("DyLi", {"Dy": 1, "Li": 1}),
    ("LiTl", {"Li": 1, "Tl": 1}),
])
def test_element_symbols_starting_with_d_or_t_are_not_isotopes(
        formula: str, amounts: dict[str, float]) -> None:
    """Used to only check that no error was raised; a parser that read 'Tb' as T + b, or
    dropped the element, would have passed."""
    comp = parse_composition(formula)
    assert {el.symbol: amt for el, amt in comp.items()} == amounts


@given(st.floats(min_value=0.01, max_value=100), st.floats(min_value=0.01, max_value=100))
def test_two_part_mixture_is_linear_in_its_amounts(x: float, y: float) -> None:
    comp = parse_composition(f"{x!r}Li2S-{y!r}P2S5")
    assert comp["Li"] == pytest.approx(2 * x) and comp["P"] == pytest.approx(2 * y)
    assert comp["S"] == pytest.approx(x + 5 * y)


@pytest.mark.parametrize(("formula", "balanced"), [
    ("Li6.4La3Zr1.4Ta0.6O12", True),  # doped garnet; pymatgen's guesser refuses fractions
    ("Li1.3Al0.3Ti1.7P3O12", True),
    ("Li0.33La0.56TiO3", True),  # off by 0.01 of 6: rounding
    ("Li7P3S11", True),
    ("Li2O3", False),
    ("Li2Cl", False),
])
def test_charge_balance_reads_fractional_formulas(formula: str, balanced: bool) -> None:
    assert is_charge_balanced(formula) is balanced


@pytest.mark.parametrize(("formula", "li"), [
    ("Li0.33La0.56TiO3", 0.32),  # La3+, Ti4+, O2-
    ("Li5.74La3Zr1.5Ta0.5O12", 6.5),  # a Li-deficient garnet as published
    ("Li6PS5Cl", None),  # balances as written
    ("Li6.4La3Zr1.4Ta0.6O12", None),
    ("Li2O3", None),  # balances in no assignment: not a rounding
    ("La2O3", None),  # no Li
])
def test_balancing_amount_of_the_mobile_ion(formula: str, li: float | None) -> None:
    got = balancing_amount(parse_composition(formula), "Li")
    assert got == (None if li is None else pytest.approx(li))


def test_subscript_digits_read_as_digits_everywhere():
    """A formula copied from a paper ('Li₂O', 'Li₆PS₅Cl') is the ASCII formula for every
    command that parses compositions (it was read only by predict and discover); an error
    shows the text as typed."""
    from solidcell.chemistry.capacity import theoretical_capacity

    assert parse_composition("Li₆PS₅Cl") == parse_composition("Li6PS5Cl")
    assert (theoretical_capacity("Li₂O").capacity_mAh_g
            == theoretical_capacity("Li2O").capacity_mAh_g)
    with pytest.raises(ValidationError) as err:
        parse_composition("Li₂Xx₃")
    assert err.value.value == "Li₂Xx₃" and err.value.field == "formula"


@pytest.mark.parametrize("written", ["Li7La3Zr2O12 Li3PS4", "Li3PS4 LiI", "LiOH H2O"])
def test_two_formulas_in_one_string_are_refused(written):
    """pymatgen reads 'Li7La3Zr2O12 Li3PS4' as one compound (Li10La3Zr2PS4O12): two formulas
    separated by a space are refused, naming both."""
    with pytest.raises(ValidationError, match="separate formulas"):
        parse_composition(written)


@pytest.mark.parametrize("written, same_as", [
    ("Li7 La3 Zr2 O12", "Li7La3Zr2O12"),  # spaced element by element
    ("Li1.4Al0.4Ti1.6 (PO4)3", "Li1.4Al0.4Ti1.6P3O12"),  # LATP as written in OBELiX
])
def test_spaced_single_formulas_still_read(written, same_as):
    assert parse_composition(written) == parse_composition(same_as)
