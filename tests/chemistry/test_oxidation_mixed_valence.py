"""Charge balance with mixed valence (solidcell.chemistry.oxidation.mixed_valence_balanced).

`solidcell capacity Fe3O4 --electrons 8` used to warn that magnetite "is not charge-balanced
... so it is probably mistyped": one oxidation state per element cannot balance Fe3O4
(Fe2+ + 2 Fe3+), Co3O4, Mn3O4 or Pb3O4, textbook mixed-valence compounds and conversion
anodes. The capacity's typo warning now lets an element's atoms share out between its states
of one sign; typos (Li2O3, an extra O on a garnet) still warn, and every formula it warns about
is refused by `predict` too (one state per element is the stricter rule).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import run
from solidcell.chemistry.capacity import balance_warning, theoretical_capacity
from solidcell.chemistry.composition import is_charge_balanced
from solidcell.chemistry.oxidation import (
    mixed_valence_balanced,
    oxidation_states,
    require_balanced,
)
from solidcell.errors import ValidationError

#: mixed valence: Fe2+/Fe3+, Co2+/Co3+, Mn2+/Mn3+, Pb2+/Pb4+, Fe7O8 (pyrrhotite-like oxide
#: stoichiometry), Co3+/Co4+ of half-charged LiCoO2, V4+/V5+, Ni3S2 (heazlewoodite)
MIXED = ["Fe3O4", "Co3O4", "Mn3O4", "Pb3O4", "Fe7O8", "Li0.5CoO2", "V6O13", "Ni3S2"]
#: typos: no state of Li or O balances them, nor the highest La, Zr, Ti, Cl or N states
TYPOS = ["Li2O3", "Li7La3Zr2O13", "Li4Ti5O13", "LiCl2", "Li3N2", "NaCl3"]


@pytest.mark.parametrize("formula", MIXED)
def test_mixed_valence_compounds_balance_and_get_no_typo_warning(formula: str) -> None:
    assert oxidation_states(formula) is None  # one state per element cannot
    assert mixed_valence_balanced(formula)
    assert balance_warning(formula) is None
    assert theoretical_capacity(formula, 1).warnings == ()


@pytest.mark.parametrize("formula", TYPOS)
def test_typos_still_warn(formula: str) -> None:
    assert not mixed_valence_balanced(formula)
    assert balance_warning(formula) is not None
    assert not is_charge_balanced(formula)


@pytest.mark.parametrize("formula", MIXED)
def test_is_charge_balanced_reads_mixed_valence(formula: str) -> None:
    """composition.is_charge_balanced (the stability window's "probably mistyped" note used
    it) called Fe3O4 unbalanced."""
    assert is_charge_balanced(formula)


@pytest.mark.parametrize("formula", ["Fe3O4", "Li2O3", "LiMn2O4", "Li0.5CoO2"])
def test_balance_does_not_depend_on_the_scale_of_the_formula(formula: str) -> None:
    from solidcell.chemistry.composition import parse_composition

    comp = parse_composition(formula)
    assert mixed_valence_balanced(comp * 3) == mixed_valence_balanced(comp)


@settings(max_examples=80, deadline=None)
@given(cation=st.sampled_from(["Li", "Na", "Fe", "Co", "Mn", "Ni", "Ti", "V", "Zr", "La"]),
       anion=st.sampled_from(["O", "S", "F", "Cl", "N"]),
       n_cat=st.integers(1, 7), n_an=st.integers(1, 9))
def test_a_warning_implies_predicts_refusal(cation: str, anion: str, n_cat: int,
                                            n_an: int) -> None:
    """Mixed valence only widens what balances: whatever the capacity warns about, the
    one-state rule of predict and discover refuses too (the warning says so)."""
    formula = f"{cation}{n_cat}{anion}{n_an}"
    if balance_warning(formula) is not None:
        with pytest.raises(ValidationError):
            require_balanced(formula, formula)
    if oxidation_states(formula) is not None:
        assert balance_warning(formula) is None


def test_tolerance_is_checked_by_name() -> None:
    with pytest.raises(ValidationError) as info:
        mixed_valence_balanced("Fe3O4", tol=1.5)
    assert info.value.field == "tol"


def test_cli_capacity_of_magnetite_has_no_warning(capsys: pytest.CaptureFixture[str]) -> None:
    """gcc2020_fe3o4: Fe3O4 + 8 Li -> 3 Fe + 4 Li2O, 924 mAh/g published; 926.1 computed."""
    code, out, err = run(["capacity", "Fe3O4", "--electrons", "8"], capsys)
    assert code == 0 and err == ""
    assert "926.1" in out
