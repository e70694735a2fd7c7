"""Open interface reactions: per which atoms the energy and the mixing ratio are given.

Open to lithium, both reactants are normalised per atom other than Li (the grand-potential
convention of Ong et al. 2008 and pymatgen's GrandPotentialInterfacialReactivity), so the
reaction energy is per non-Li atom of the mixture and x the fraction of A among the non-Li
atoms. Before, the output called x "atomic fraction of A" and the energy "eV/atom" as in the
closed case, and x differed from pymatgen's (which counts every atom of the written
reactants): Li2S | LiCoO2 at 4.2 V, 0.280 against pymatgen's 0.467.
"""

from __future__ import annotations

import pytest

from clirun import run
from solidcell.interfaces.energies import shipped_table
from solidcell.interfaces.reactivity import interface_reaction


def _pymatgen_open(a: str, b: str, potential_V: float) -> tuple[float, float]:
    """(x, E) of the most negative reaction from pymatgen on the same energies."""
    from pymatgen.analysis.interface_reactions import GrandPotentialInterfacialReactivity
    from pymatgen.analysis.phase_diagram import (
        GrandPotentialPhaseDiagram,
        PDEntry,
        PhaseDiagram,
    )
    from pymatgen.core import Composition, Element

    elements = {str(e) for e in (Composition(a) + Composition(b)).elements} | {"Li"}
    table = shipped_table("mp2019-legacy").subsystem(elements)
    entries = [PDEntry(Composition(dict(zip(table.elements, row, strict=True))), float(e))
               for row, e in zip(table.counts, table.energies, strict=True)]
    grand = GrandPotentialPhaseDiagram(entries, {Element("Li"): -potential_V})
    ir = GrandPotentialInterfacialReactivity(
        Composition(a), Composition(b), grand, norm=True, include_no_mixing_energy=False,
        pd_non_grand=PhaseDiagram(entries), use_hull_energy=True)
    x, e = ir.minimum
    return float(x), float(e)


@pytest.mark.parametrize(("a", "b", "v"), [("Li2S", "LiCoO2", 4.2), ("Li3PS4", "LiCoO2", 3.0)])
def test_open_reaction_energy_and_ratio_agree_with_pymatgen(a: str, b: str, v: float) -> None:
    """Independent implementation (pymatgen's grand-potential interfacial reactivity)."""
    x_pmg, e_pmg = _pymatgen_open(a, b, v)
    r = interface_reaction(a, b, potential_V=v)
    assert r.most_negative_energy_eV_atom == pytest.approx(e_pmg, abs=2e-3)
    assert r.basis == "atoms other than Li"
    # pymatgen's x counts every atom of the written reactants, Li included
    assert r.most_negative_ratio_all_atoms == pytest.approx(x_pmg, abs=0.02)
    assert r.most_negative_ratio != pytest.approx(x_pmg, abs=0.02)  # the other basis
    data = r.to_json()
    assert data["Normalisation"] == "per atom other than Li of the reactants"
    assert data["Most negative reaction ratio, all atoms"] == r.most_negative_ratio_all_atoms


def test_closed_reaction_counts_every_atom() -> None:
    r = interface_reaction("Li3PS4", "LiCoO2")
    assert r.basis == "atoms"
    assert r.most_negative_ratio_all_atoms == r.most_negative_ratio
    assert r.to_json()["Normalisation"] == "per atom of the reactants"


def test_no_reaction_has_no_ratio_in_either_basis() -> None:
    r = interface_reaction("LiCoO2", "LiCoO2", potential_V=4.0)
    assert r.most_negative_ratio is None and r.most_negative_ratio_all_atoms is None


def test_cli_names_the_basis_of_an_open_reaction(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["react", "Li2S", "LiCoO2", "--potential", "4.2 V"], capsys)
    assert code == 0, err
    assert "atoms other than Li" in out
    assert "eV per atom other than Li" in out
    x_pmg, _ = _pymatgen_open("Li2S", "LiCoO2", 4.2)
    assert f"{x_pmg:.3f} counting Li" in out
    code, closed, err = run(["react", "Li2S", "LiCoO2"], capsys)
    assert code == 0, err
    assert "other than Li" not in closed
