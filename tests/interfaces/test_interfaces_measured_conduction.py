"""Measured interphase conduction overrides the composition rule, for measured phases only.

- ``MEASURED_CONDUCTION`` (solidcell.interfaces.compat): Na3P, a mixed conductor, from
  Deysher et al. 2022 (``deysher2022_na_anode``: the Na2S + Na3P interphase of Na3PS4 at
  sodium, electronic conductivity up about two orders by DC polarization, attributed to Na3P).
- Every other phase keeps the composition rule of docs/interfaces.md: Li2S + Li3P at lithium
  passivate (Wenzel et al. 2016, ``wenzel2016_lgps_li``; Li3P was not measured by Deysher et
  al.), so the Li3PS4 | Li verdict does not change.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.citations import bibliography
from solidcell.interfaces.compat import (
    MEASURED_CONDUCTION,
    check_pair,
    conductor_by_composition,
    is_electronic_conductor,
    measured_conduction,
)

METALS = ("Li", "Na", "K", "Mg", "Ti", "Zr", "Y", "Ge", "Sn", "In", "Al", "Fe")
ANIONS = ("P", "S", "O", "N", "Cl", "H", "Se")


def test_each_measured_character_names_a_source_it_read() -> None:
    """A bib key of the package's bibliography and a text of what was read, for each entry;
    keys are reduced formulas (the entries are looked up by reduced formula)."""
    from pymatgen.core import Composition

    refs = bibliography()
    for formula, m in MEASURED_CONDUCTION.items():
        assert Composition(formula).reduced_formula == formula
        assert m.source in refs and m.read and m.character


def test_a_measured_phase_is_found_by_its_reduced_formula() -> None:
    """Na6P2 is Na3P (Deysher et al.'s mixed conductor) however the data write it."""
    assert measured_conduction("Na6P2") is MEASURED_CONDUCTION["Na3P"]
    assert is_electronic_conductor("Na6P2")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(METALS), st.integers(1, 4), st.sampled_from(ANIONS), st.integers(1, 4))
def test_unmeasured_phases_keep_the_composition_rule(metal: str, m: int, anion: str,
                                                      a: int) -> None:
    """Property: where nothing is measured, the verdict is the composition rule's."""
    formula = f"{metal}{m}{anion}{a}"
    if measured_conduction(formula) is None:
        assert is_electronic_conductor(formula) is conductor_by_composition(formula)


def test_li3ps4_at_lithium_still_passivates() -> None:
    """Wenzel et al. 2016: Li3PS4 at Li gives Li2S + Li3P, a passivating interphase. Li3P is
    not in the measured table, so the pair stays kinetically limited and Deysher et al. are not
    among its sources."""
    pair = check_pair("li3ps4", "li_metal")
    assert pair.status == "kinetically limited"
    assert "deysher2022_na_anode" not in pair.sources
    assert not is_electronic_conductor("Li3P")
