"""Candidate generation (charge balance by construction) and screening."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pymatgen.core import Composition

from solidcell.chemistry.oxidation import oxidation_states
from solidcell.discovery.candidates import (
    DECIMALS,
    MIN_LI_SHARE,
    discover,
    generate_candidates,
)
from solidcell.errors import ValidationError


def test_ta_on_zr_in_llzo_follows_li7_x_la3zr2_x_tax_o12() -> None:
    # Ta5+ on Zr4+: Li(7-x)La3Zr(2-x)TaxO12 (e.g. Li6.4La3Zr1.4Ta0.6O12, the composition
    # studied by Li et al., J. Mater. Chem. 22, 15357 (2012)).
    cands = generate_candidates("Li7La3Zr2O12", ["Ta"], [0.3], hosts=["Zr"])
    assert [c.formula for c in cands] == ["Li6.4La3Zr1.4Ta0.6O12"]
    assert cands[0].lithium == pytest.approx(6.4)


def test_argyrodite_halogen_excess_and_al_on_li() -> None:
    cl = generate_candidates("Li6PS5Cl", ["Cl"], [0.1], hosts=["S"])
    assert [c.formula for c in cl] == ["Li5.5PS4.5Cl1.5"]  # Li(6-x)PS(5-x)Cl(1+x)
    al = generate_candidates("Li7La3Zr2O12", ["Al"], [0.05], hosts=["Li"])
    assert Composition(al[0].formula) == Composition("Li5.95Al0.35La3Zr2O12")  # Li(7-3x)Alx
    se = generate_candidates("Li6PS5Cl", ["Se"], [0.2], hosts=["S"])
    assert Composition(se[0].formula) == Composition("Li6PS4Se1Cl")  # isovalent


parents = st.sampled_from(["Li7La3Zr2O12", "Li6PS5Cl", "Li10GeP2S12", "Li3YCl6",
                           "Li1.3Al0.3Ti1.7(PO4)3", "Li3PS4"])
dopants = st.lists(st.sampled_from(["Ta", "Al", "Ga", "Nb", "Ge", "Si", "Cl", "Br", "Se", "I",
                                    "Zr", "Mg", "Sn", "W"]), min_size=1, max_size=4, unique=True)


@settings(max_examples=30, deadline=None)
@given(parents, dopants, st.lists(st.floats(0.01, 0.99), min_size=1, max_size=3))
def test_every_candidate_is_balanced_and_keeps_lithium(parent, dops, fracs) -> None:
    parent_li = Composition(parent)["Li"]
    for c in generate_candidates(parent, dops, fracs):
        comp = Composition(c.formula)
        assert oxidation_states(comp) is not None, c.formula
        states = dict(oxidation_states(Composition(parent)))
        states[c.dopant] = int(c.dopant_oxidation_state)
        charge = sum(comp[el] * states[str(el)] for el in comp.elements)
        assert charge == pytest.approx(0.0, abs=1e-3), c.formula
        assert comp["Li"] >= MIN_LI_SHARE * parent_li - 1e-9


@pytest.mark.parametrize(("parent", "why"), [
    ("La2Zr2O7", "lithium"), ("LiCl7", "charge-balanced"), ("Qq3PO4", "not a chemical element"),
])
def test_bad_parents(parent: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why) as err:
        generate_candidates(parent)
    assert repr(parent) in str(err.value)


def test_bad_options() -> None:
    with pytest.raises(ValidationError, match="dopants"):
        generate_candidates("Li6PS5Cl", ["Xy"])
    with pytest.raises(ValidationError, match="fractions"):
        generate_candidates("Li6PS5Cl", ["Br"], [1.5])
    with pytest.raises(ValidationError, match="hosts"):
        generate_candidates("Li6PS5Cl", ["Br"], hosts=["O"])


def test_discover_ranks_and_plots(tmp_path: Path) -> None:
    seen = []
    res = discover("Li7La3Zr2O12", ["Ta", "Al", "Ga"], top=5,
                   progress=lambda done, total: seen.append((done, total)))
    preds = [c.log10_conductivity_S_cm for c in res.candidates]
    assert preds == sorted(preds, reverse=True) and len(preds) == 5
    assert res.n_generated > 5 and seen and seen[-1][0] == seen[-1][1]
    for c in res.candidates:
        assert c.lower_log10_S_cm <= c.log10_conductivity_S_cm <= c.upper_log10_S_cm
        assert c.change_vs_parent_log10 == pytest.approx(
            c.log10_conductivity_S_cm - res.parent_log10_conductivity_S_cm)
    d = res.to_json()
    assert d["Candidates"][0]["Log10 ionic conductivity [S.cm-1]"] == preds[0]
    assert "obelix2025" in d["sources"]
    out = tmp_path / "rank.png"
    res.plot(str(out))
    assert out.read_bytes()[:4] == b"\x89PNG"


#: parents with a site for Al3+ (Li+, P5+ or Y3+) and, but for Li3YCl6, for Cl- (S2-): each
#: must give candidates. Arbitrary text alone never reached that branch (40 of 40 draws were
#: refused, measured 2026-12-05).
_DOPABLE = ("Li6PS5Cl", "Li3PS4", "Li3YCl6", "Li7La3Zr2O12")


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.text(max_size=14), st.sampled_from(_DOPABLE)))
@example("Li3PS4")
def test_any_parent_text_gives_candidates_or_a_solidcell_error(text: str) -> None:
    from solidcell.errors import SolidcellError

    try:
        cands = generate_candidates(text, ["Al", "Cl"], [0.1])
    except SolidcellError:
        assert text not in _DOPABLE, text
        return
    assert cands or text not in _DOPABLE, text
    for c in cands:
        comp = Composition(c.formula)
        assert comp["Li"] > 0 and comp[c.dopant] > 0 and c.dopant in ("Al", "Cl"), c.formula
        assert oxidation_states(comp) is not None, c.formula  # charge-balanced


def test_lithium_metal_parent_is_refused_not_a_runtime_error() -> None:
    with pytest.raises(ValidationError, match="at least one other element"):
        discover("Li", ["Cl"], [0.1])
    with pytest.raises(ValidationError, match="finite"):
        generate_candidates("Li7La3Zr2O1e400", ["Ta"])


def test_isotope_symbols_and_empty_lists_are_refused() -> None:
    # "D" was taken for an element: formulas said D, the model saw H
    for d in ("D", "T"):
        with pytest.raises(ValidationError, match="dopants"):
            generate_candidates("Li6PS5Cl", [d])
    for kwargs in ({"dopants": []}, {"fractions": []}, {"hosts": []}):
        with pytest.raises(ValidationError, match="at least one entry") as err:
            generate_candidates("Li6PS5Cl", **{"dopants": ["Br"], **kwargs})
        assert err.value.field == next(iter(kwargs))
    # a single symbol is one element, not its letters
    assert ({c.formula for c in generate_candidates("Li6PS5Cl", "Br", [0.1], hosts="Cl")}
            == {"Li6PS5Cl0.9Br0.1"})


@settings(max_examples=40, deadline=None)
@given(parents, dopants, st.lists(st.floats(1e-7, 0.99), min_size=1, max_size=3))
def test_candidate_formulas_say_what_the_candidate_is(parent, dops, fracs) -> None:
    # amounts were rounded to 4 decimals: small dopings were written "Ta0" (no dopant) and
    # formulas were not neutral as written
    try:
        cands = generate_candidates(parent, dops, fracs)
    except ValidationError as err:  # a share whose x rounds to 0 at DECIMALS: refused
        amounts = Composition(parent).get_el_amt_dict()
        assert err.field == "fractions" and err.value in fracs, err
        assert any(round(err.value * a, DECIMALS) <= 0 for a in amounts.values()), err
        return
    for c in cands:
        comp = Composition(c.formula)
        assert not re.search(r"\d[eE][-+]?\d", c.formula), c.formula  # no exponents
        assert comp[c.dopant] >= c.amount - 1e-12 and comp[c.dopant] > 0, c.formula
        assert comp["Li"] == pytest.approx(c.lithium, abs=1e-9), c.formula
        states = dict(oxidation_states(Composition(parent)))
        states[c.dopant] = int(c.dopant_oxidation_state)
        charge = sum(comp[el] * states[str(el)] for el in comp.elements)
        parent_charge = sum(a * states[str(el)] for el, a in Composition(parent).items())
        assert charge == pytest.approx(parent_charge, abs=2e-5), c.formula
