"""Interface reaction energies against pymatgen's InterfacialReactivity, and their properties."""

from __future__ import annotations

import numpy as np
import pytest

from solidcell.citations import cite
from solidcell.errors import ValidationError
from solidcell.interfaces.energies import NotCoveredError, shipped_table
from solidcell.interfaces.reactivity import interface_reaction


@pytest.mark.parametrize(("a", "b"), [("Li3PS4", "LiCoO2"), ("Li3PS4", "Li")])
def test_most_negative_reaction_agrees_with_pymatgen(a: str, b: str) -> None:
    """Independent implementation (facets, pymatgen) on the same energies."""
    from pymatgen.analysis.interface_reactions import InterfacialReactivity
    from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
    from pymatgen.core import Composition

    ours = interface_reaction(a, b, scheme="mp2019-legacy")
    elements = {str(e) for e in (Composition(a) + Composition(b)).elements}
    table = shipped_table("mp2019-legacy").subsystem(elements)
    entries = [PDEntry(Composition(dict(zip(table.elements, row, strict=True))), float(e))
               for row, e in zip(table.counts, table.energies, strict=True)]
    ir = InterfacialReactivity(Composition(a), Composition(b), PhaseDiagram(entries),
                               norm=True, use_hull_energy=True)
    x_pmg, e_pmg = ir.minimum
    assert ours.most_negative_energy_eV_atom == pytest.approx(e_pmg, abs=2e-3)
    # pymatgen's x is the atomic fraction of reactant c1 in the mixture, as ours
    assert ours.most_negative_ratio == pytest.approx(x_pmg, abs=0.02)


def test_li3ps4_with_lithium_gives_li2s_and_li3p() -> None:
    # Zhu, He & Mo 2015 (Table 1, lithiation of Li3PS4 to 0 V): products Li2S + Li3P.
    r = interface_reaction("Li3PS4", "Li")
    assert {f for f, _ in r.products} == {"Li2S", "Li3P"}
    assert r.reacts
    # balanced: Li3PS4 + 8 Li -> 4 Li2S + Li3P, i.e. 8 atoms of each side (atomic fraction of
    # Li3PS4 in the mixture 0.5), and the products hold every atom of the reactants
    from pymatgen.core import Composition

    assert r.most_negative_ratio == pytest.approx(0.5, abs=1e-9)
    amounts = dict(r.products)
    assert amounts["Li2S"] / amounts["Li3P"] == pytest.approx(4.0, rel=1e-9)
    x = r.most_negative_ratio  # per atom of the mixture
    reactants = Composition("Li3PS4").fractional_composition * x + Composition({"Li": 1 - x})
    products = sum((Composition(f) * n for f, n in r.products), Composition())
    assert products.almost_equals(reactants, rtol=1e-9, atol=1e-9)


def test_reaction_energy_is_convex_and_zero_at_the_ends() -> None:
    r = interface_reaction("li6ps5cl", "lco", points=21)
    e = r.reaction_energy_eV_atom
    assert e[0] == 0.0 and e[-1] == 0.0
    assert np.all(e <= 1e-12)
    second = e[:-2] - 2 * e[1:-1] + e[2:]
    assert np.all(second >= -1e-6)  # convex
    assert r.most_negative_energy_eV_atom <= e.min() + 1e-9


def test_open_to_lithium_at_cathode_potential() -> None:
    closed = interface_reaction("Li3PS4", "LiCoO2")
    opened = interface_reaction("Li3PS4", "LiCoO2", potential_V=4.2)
    assert opened.open_element == "Li" and opened.potential_V == 4.2
    assert opened.reacts and closed.reacts
    assert "Li" not in {f for f, _ in opened.products}


def test_missing_phase_is_assemblage_with_note() -> None:
    r = interface_reaction("li6ps5cl", "nmc811", points=11)
    assert "LiNi0.8Mn0.1Co0.1O2 is not in the data" in r.note
    assert r.to_json()["Most negative reaction energy [eV.atom-1]"] < 0
    assert "Richards" in cite(r, style="text")


def test_bad_inputs() -> None:
    with pytest.raises(ValidationError):
        interface_reaction("Li3PS4", "LiCoO2", potential_V=-1)
    with pytest.raises(ValidationError):
        interface_reaction("Li3PS4", "LiCoO2", points=1)
    with pytest.raises(NotCoveredError, match="Po"):  # Po: in no row of the snapshot
        interface_reaction("Li3PS4", "Li2Po")


@pytest.mark.parametrize(("a", "b"), [("Li2S", "Li"), ("Li2S", "LiCl"), ("LiI", "Li"),
                                      ("Li", "Li2S")])
def test_no_reaction_names_no_mixing_ratio(a: str, b: str) -> None:
    """A pair with no reaction has no most negative mixing ratio: it was wherever the LP's
    round-off fell (Li2S | Li 0.65, Li2S | LiCl 0.93, Li | Li2S 0.075, LiI | Li 0), and JSON
    gave that number; now None (JSON null), the energy 0 and no products."""
    r = interface_reaction(a, b)
    assert (r.most_negative_ratio, r.most_negative_energy_eV_atom, r.products) == (None, 0.0, ())
    assert not r.reacts
    assert r.to_json()["Most negative reaction ratio"] is None
