"""QA of windows and reactions in chemical systems the full energy table opened (halides,
borohydrides, nitrides, fluorides, spinel and olivine cathodes, conversion cathodes).

Sources: every number compared is computed from the shipped energies (Materials Project ~2019,
``jain2013_materials_project``) by the method of Zhu, He & Mo 2015 (``zhu2015_stability``);
the rule for a composition whose equilibrium holds phases of different Li contents (a point
window) is that of the grand-potential phase diagram (Ong et al. 2008,
``ong2008_grand_potential``).
"""

from __future__ import annotations

import pytest

from solidcell.interfaces.energies import NotCoveredError, composition_of, shipped_table
from solidcell.interfaces.reactivity import interface_reaction
from solidcell.interfaces.stability import equilibrium_at, stability_window

#: on the hull of the snapshot, one per family the former subset table lacked
ON_HULL = ["LiFePO4", "LiNi0.5Mn1.5O4", "LiNbO3", "Li3AlF6", "LiBH4", "Li3N", "FeS2",
           "Li3InCl6"]


@pytest.mark.parametrize("formula", ON_HULL)
def test_window_of_a_compound_on_the_hull_is_an_interval_of_real_phases(formula: str) -> None:
    w = stability_window(formula)
    assert w.energy_above_hull_eV_atom == 0.0
    assert w.oxidation_limit_V - w.reduction_limit_V > 0.1  # an interval, not a point
    system = shipped_table(w.scheme).subsystem(set(composition_of(formula)) | {"Li"})
    for product, amount in (*w.reduction_products, *w.oxidation_products):
        assert product in system.formulas and amount > 0
    # stable in the middle of its window, decomposed just outside it
    mid = 0.5 * (w.reduction_limit_V + min(w.oxidation_limit_V, 10.0))
    assert equilibrium_at(formula, mid)[1] == 0.0
    if w.oxidation_limit_V < 9.9:
        assert equilibrium_at(formula, w.oxidation_limit_V + 0.05)[1] < 0.0


def test_point_window_of_a_metastable_compound_says_why() -> None:
    """LiMn2O4 is 2 meV/atom above the hull of these data; its assemblage (Mn2O3, Li2MnO3,
    Li5Mn7O16) coexists with the Li reservoir at one potential only. The 2.979-2.979 V
    window used to come with an empty note."""
    w = stability_window("LiMn2O4")
    assert w.energy_above_hull_eV_atom is not None and w.energy_above_hull_eV_atom > 0.0
    assert w.width_V < 1e-4
    assert "above the hull" in w.note and "point" in w.note
    assert "Li2MnO3" in w.note  # names the assemblage
    # a metastable compound whose assemblage has an interval is not called a point
    assert "point" not in stability_window("Li3ScCl6").note


def test_trace_elements_do_not_make_a_formula_an_element_row() -> None:
    """Li1e9PS4 matched the Li metal row (P and S fractions 1e-9 < 1e-6): it got a
    0-1e-7 V "window" 1.9e-8 eV/atom above the hull. A row must have the same elements."""
    table = shipped_table()
    assert table.index({"Li": 1e9, "P": 1.0, "S": 4.0}) is None
    assert table.index({"Li": 3.0, "P": 1.0, "S": 4.0}) is not None
    assert table.subsystem({"Li", "P", "S"}).index({"Li": 1e9, "P": 1.0, "S": 4.0}) is None
    with pytest.raises(NotCoveredError, match="not in the energy table"):
        stability_window("Li1e9PS4")


def test_no_reaction_is_an_exact_zero() -> None:
    """Li3AlF6 | LiCoO2 at 4.2 V does not react; -6e-16 eV/atom (LP round-off) was shown as
    the most negative reaction energy."""
    r = interface_reaction("Li3AlF6", "LiCoO2", potential_V=4.2)
    assert not r.reacts and r.products == ()
    assert r.most_negative_energy_eV_atom == 0.0
    assert (r.reaction_energy_eV_atom == 0.0).all()


@pytest.mark.parametrize(("a", "b", "potential"), [
    ("Li9.54Si1.74P1.44S11.7Cl0.3", "LiNi0.8Mn0.1Co0.1O2", 4.2),  # 8 elements with Li
    ("LiBH4", "Li", None),
    ("Li3InCl6", "Li", None),
])
def test_reactions_of_new_systems_give_real_phases(a: str, b: str, potential) -> None:
    r = interface_reaction(a, b, potential_V=potential)
    assert r.reacts
    elements = set(composition_of(a)) | set(composition_of(b)) | {"Li"}
    system = shipped_table(r.scheme).subsystem(elements)
    assert r.products and all(p in system.formulas for p, _ in r.products)
    assert all(set(composition_of(p)) <= elements for p, _ in r.products)


def test_a_user_entry_that_replaces_a_compound_of_the_data_is_noted() -> None:
    """``--entry Li3PS4=-1.2`` moved the window of Li3PS4 (1.72-2.30 V to 1.30-3.01 V) with no
    word that the data's own Li3PS4 had been replaced."""
    shipped = shipped_table()
    sub = shipped.subsystem({"Li", "P", "S"})
    i = sub.index({"Li": 3, "P": 1, "S": 4})
    assert i is not None
    own = float(sub.energies[i] / sub.counts[i].sum())
    w = stability_window("Li3PS4", entries=[("Li3PS4", -1.2), ("Li3YCl6", -2.3)])
    assert f"entry Li3PS4 (-1.2 eV/atom) replaces Li3PS4 of the data ({own:.4g}" in w.note
    assert "Li3YCl6" not in w.note  # outside this chemical system
    assert "replaces" not in stability_window("Li3YCl6", entries=[("Li3YCl6", -2.3)]).note
    r = interface_reaction("Li3PS4", "LiCoO2", entries=[("LiCoO2", -1.8)])
    assert "entry LiCoO2 (-1.8 eV/atom) replaces LiCoO2 of the data" in r.note


def test_cli_says_no_reaction_and_why_a_window_is_a_point() -> None:
    from typer.testing import CliRunner

    from solidcell.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["react", "Li3AlF6", "LiCoO2", "--potential", "4.2 V"])
    assert res.exit_code == 0, res.output
    assert "no reaction" in res.output and "e-1" not in res.output  # was -6.106e-16
    res = runner.invoke(app, ["window", "LiMn2O4"])
    assert res.exit_code == 0, res.output
    assert "note (LiMn2O4)" in res.output and "above the hull" in res.output


def test_a_formula_matched_to_a_row_gets_that_row_s_window() -> None:
    """Li1000001P333333S1333333 matches the row Li3PS4 (fractions within 1e-6; 0 eV/atom
    above the hull) but its window was computed for the written composition, 4e-7 Li-rich:
    1.72-2.14 V instead of Li3PS4's 1.72-2.30 V."""
    ref = stability_window("Li3PS4")
    w = stability_window("Li1000001P333333S1333333")
    assert w.energy_above_hull_eV_atom == 0.0
    assert abs(w.reduction_limit_V - ref.reduction_limit_V) < 1e-6
    assert abs(w.oxidation_limit_V - ref.oxidation_limit_V) < 1e-6


def test_a_material_id_with_user_entries_parses_only_its_systems() -> None:
    """`solidcell window llzo --entry Li3YCl6=-2.2` took ~20 s: resolving the id asked the
    truth of the table, i.e. its length, which parsed all 95,118 rows with the entries
    (a dense ~65 MB array). Peak traced memory stays far below that now."""
    import tracemalloc

    tracemalloc.start()
    try:
        w = stability_window("llzo", entries=[("Li3YCl6", -2.2345)])  # value unique: no cache
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert w.formula == "Li7La3Zr2O12"
    assert peak < 20e6
