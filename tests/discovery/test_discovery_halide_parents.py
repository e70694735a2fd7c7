"""Candidate generation from the halide parents Li3YCl6, Li3ErCl6, Li3InCl6, Li2ZrCl6 and
Li3YBr6 against published substitution series, the Zr-on-Y/Er series rows of
``solubility_limits.csv`` and the end-member rule of the solubility check.

Series read (what each page showed is in the bib note, or named here where no bib entry was
made for want of authors or journal):

- Li(3-x)M(1-x)ZrxCl6, M = Y, Er, x = 0-0.6 (Park et al., ACS Energy Lett. 2020, as the review
  ``batteries2023_halide_npd_review`` gives it, section 3.1);
- Li(3-x)In(1-x)ZrxCl6, 0 <= x <= 0.5 (``helm2021_li3incl6_zr``);
- Fe3+-substituted Li2ZrCl6 (title of Adv. Energy Mater. 11(12), doi:10.1002/aenm.202003190,
  read on peeref.com/works/21568924; the composition range was not in the text read);
- Li(2-x)TaxZr(1-x)Cl6, 0 <= x <= 0.4, best x = 0.275, and "Li-rich Li2+2xZr1-xMgxCl6"
  (abstract on synapsesocial.com/papers/68c199da9b7b07f3a061aef3, "Gao et al."; journal not
  shown);
- Li(3-x)Y(1-x)HfxCl6, 0 <= x < 1 (title and abstract of J. Mater. Chem. A 2023, article
  d3ta02781c, read on an RSC mirror; authors not shown).
"""

from __future__ import annotations

import pytest
from pymatgen.core import Composition

from solidcell.chemistry.oxidation import oxidation_states
from solidcell.citations import bibliography
from solidcell.discovery.candidates import (
    generate_candidates,
    replaces_host,
    solubility_checks,
    solubility_limits,
)
from solidcell.discovery.predict import predict_conductivity

# (parent, dopant, host, x per formula unit, published composition with that x)
PUBLISHED_HALIDE_SERIES = [
    ("Li3YCl6", "Zr", "Y", 0.5, "Li2.5Y0.5Zr0.5Cl6"),  # Li(3-x)Y(1-x)ZrxCl6
    ("Li3ErCl6", "Zr", "Er", 0.5, "Li2.5Er0.5Zr0.5Cl6"),  # Li(3-x)Er(1-x)ZrxCl6
    ("Li3InCl6", "Zr", "In", 0.5, "Li2.5In0.5Zr0.5Cl6"),  # Li(3-x)In(1-x)ZrxCl6
    ("Li2ZrCl6", "Fe3+", "Zr", 0.25, "Li2.25Zr0.75Fe0.25Cl6"),  # Fe3+ for Zr4+: Li(2+x)
    ("Li2ZrCl6", "Ta", "Zr", 0.275, "Li1.725Zr0.725Ta0.275Cl6"),  # Li(2-x)TaxZr(1-x)Cl6
    ("Li2ZrCl6", "Mg", "Zr", 0.1, "Li2.2Zr0.9Mg0.1Cl6"),  # Li(2+2x)Zr(1-x)MgxCl6
    ("Li3YCl6", "Hf", "Y", 0.5, "Li2.5Y0.5Hf0.5Cl6"),  # Li(3-x)Y(1-x)HfxCl6
    ("Li3YBr6", "Cl", "Br", 3.0, "Li3YBr3Cl3"),  # Br/Cl mixing, no Li change
]


@pytest.mark.parametrize(("parent", "dopant", "host", "x", "published"),
                         PUBLISHED_HALIDE_SERIES)
def test_published_halide_series_are_generated_with_their_li(
        parent: str, dopant: str, host: str, x: float, published: str) -> None:
    """Each published composition is generated from its parent with the Li of its series
    formula, and it is neutral."""
    cands = generate_candidates(parent, [dopant], hosts=[host], amounts=[x])
    found = [c for c in cands if Composition(c.formula).almost_equals(Composition(published))]
    assert len(found) == 1, [c.formula for c in cands]
    assert found[0].lithium == pytest.approx(Composition(published)["Li"])
    assert oxidation_states(Composition(found[0].formula), tol=1e-9) is not None


@pytest.mark.parametrize("parent", ["Li3YCl6", "Li3InCl6", "Li2ZrCl6", "Li3YBr6"])
def test_every_default_candidate_of_a_halide_parent_compensates_with_li(parent: str) -> None:
    """Li_new = Li - x (o_D - o_H) off the Li site and Li - x o_D on it (docs/discovery.md,
    Candidate generation), for every default candidate; the Zr-for-M3+ series of the
    Li3MCl6 parents and the M3+-for-Zr series of Li2ZrCl6 are among them."""
    li = Composition(parent)["Li"]
    cands = generate_candidates(parent)
    for c in cands:
        o_h = 0.0 if c.host == "Li" else c.host_oxidation_state
        assert c.lithium == pytest.approx(li - c.amount * (c.dopant_oxidation_state - o_h)
                                          if c.host != "Li" else
                                          li - c.amount * c.dopant_oxidation_state), c.formula
        assert c.lithium >= 0.5 * li - 1e-9
    series = {(c.dopant, c.host) for c in cands}
    if parent in ("Li3YCl6", "Li3YBr6"):
        assert ("Zr", "Y") in series
    if parent == "Li2ZrCl6":
        assert {("In", "Zr"), ("Y", "Zr"), ("Sc", "Zr"), ("Ta", "Zr"), ("Mg", "Zr")} <= series


def test_zr_series_rows_of_the_trivalent_chlorides() -> None:
    """Zr4+ on Y of Li3YCl6 and on Er of Li3ErCl6: a series studied to x = 0.6
    (batteries2023_halide_npd_review, section 3.1), no solubility limit; the default
    candidates (x <= 0.3) are within it, a given x = 0.7 is generated and said to be beyond
    it, without the BEYOND-a-limit flag."""
    assert "batteries2023_halide_npd_review" in bibliography()
    rows = {(r.parent, r.host, r.dopant): r for r in solubility_limits()}
    for parent, host in (("Li3YCl6", "Y"), ("Li3ErCl6", "Er")):
        row = rows[(parent, host, "Zr")]
        assert (row.kind, row.max_amount, row.dopant_state) == ("series", 0.6, 4)
        default = generate_candidates(parent, ["Zr"], hosts=[host])
        assert [c.amount for c in default] == [0.05, 0.1, 0.2, 0.3]
        assert all(c.solubility_limit == 0.6 and "within the series" in c.solubility_note
                   for c in default)
        (over,) = generate_candidates(parent, ["Zr"], hosts=[host], amounts=[0.7])
        assert "beyond the series made up to x = 0.6" in over.solubility_note
        assert not over.beyond_solubility_limit
    (check,) = solubility_checks("Li2.3Y0.3Zr0.7Cl6")
    assert check.beyond and not check.beyond_solubility_limit and check.x == pytest.approx(0.7)


def test_an_end_member_is_not_checked_as_a_doped_parent() -> None:
    """The host fully replaced is the other end member, a compound of its own: Li2ZrCl6 (the
    x = 1 end of Li(3-x)In(1-x)ZrxCl6 and Li(3-x)Y(1-x)ZrxCl6) was reported "beyond the series
    made up to x = 0.5 ... not known to dissolve"; Li5La3Nb2O12 and Li3InCl6 likewise get no
    note now, while the doped compositions keep theirs."""
    for formula in ("Li2ZrCl6", "Li5La3Nb2O12", "Li5La3Bi2O12", "Li3InCl6"):
        assert solubility_checks(formula) == (), formula
    assert solubility_checks("Li2.5In0.5Zr0.5Cl6")  # x = 0.5 of Li3InCl6, within
    (end,) = generate_candidates("Li3InCl6", ["Zr"], hosts=["In"], amounts=[1])
    assert end.formula == "Li2ZrCl6"
    assert end.solubility_limit is None and end.solubility_note == ""
    (p,) = predict_conductivity(["Li2ZrCl6"])
    assert p.solubility_note == "" and "series" not in p.note
    assert replaces_host("In", {"Li": 2.0, "Zr": 1.0, "Cl": 6.0})
    assert not replaces_host("Li", {"Li": 0.0, "Al": 1.0})  # Li is never the end member


def test_cli_joins_a_window_note_as_predict_joins_its_notes() -> None:
    """`solidcell predict --window` printed "... not known to dissolve stability window of
    ..." (two notes run together); they are now separated by '. ', as in predict."""
    from solidcell.cli.discovery import _with_window

    (p,) = predict_conductivity(["Li2.3Y0.3Zr0.7Cl6"])
    assert p.note
    joined = _with_window(p, None, "stability window of the equilibrium assemblage")
    assert joined.note == f"{p.note}. stability window of the equilibrium assemblage"
