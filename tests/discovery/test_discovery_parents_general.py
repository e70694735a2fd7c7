"""Candidate generation and prediction on the parents a researcher screens: garnet, argyrodite,
LGPS, NASICON, perovskite, halide, anti-perovskite, nitride, borohydride and thiophosphate
parents, fractional ones, and bad ones; doped compositions written as papers write them
(x per formula unit); ``solidcell predict`` on a CSV of good and bad rows."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from pymatgen.core import Composition, Element
from typer.testing import CliRunner

from solidcell.cli import app
from solidcell.discovery.candidates import (
    ANION_FORMERS,
    MIN_LI_SHARE,
    discover,
    generate_candidates,
    parent_oxidation_states,
)
from solidcell.errors import ValidationError

runner = CliRunner()

#: One parent per family of Li conductors, and fractional parents.
PARENTS = ("Li7La3Zr2O12", "Li6PS5Cl", "Li6PS5Br", "Li10GeP2S12", "LiTi2(PO4)3",
           "LiGe2(PO4)3", "Li0.33La0.56TiO3", "Li3YCl6", "Li3InCl6", "Li2ZrCl6", "Li3OCl",
           "Li3N", "LiBH4", "Li3PS4", "Li6.4La3Zr1.4Ta0.6O12", "LiI")


@pytest.mark.parametrize("parent", PARENTS)
def test_default_candidates_of_every_family_obey_the_substitution_rule(parent: str) -> None:
    """Charge of each candidate (parent's states, dopant's state) equals the parent's; the Li
    change is -x (o_D - o_H) (-x o_D on the Li site); the dopant has the host's sign, is a
    cation unless it is a halogen, chalcogen or N, and takes a common state (its parent state
    when the parent has it); Li keeps at least MIN_LI_SHARE; no formula twice."""
    oxi, comp = parent_oxidation_states(parent)
    amounts = {str(e): float(a) for e, a in comp.get_el_amt_dict().items()}
    parent_charge = sum(amounts[e] * oxi[e] for e in amounts)
    cands = generate_candidates(parent)
    assert cands, parent
    formulas = [c.formula for c in cands]
    assert len(formulas) == len(set(formulas))
    reduced = [Composition(f).reduced_composition for f in formulas]
    assert len({r.formula for r in reduced}) == len(reduced)  # no two of the same composition
    for c in cands:
        new = {str(e): float(a) for e, a in Composition(c.formula).get_el_amt_dict().items()}
        states = {**oxi, c.dopant: c.dopant_oxidation_state}
        charge = sum(a * states[e] for e, a in new.items())
        assert charge == pytest.approx(parent_charge, abs=1e-5), c.formula
        o_h = 0.0 if c.host == "Li" else c.host_oxidation_state
        assert new["Li"] - amounts["Li"] == pytest.approx(
            -c.amount * (c.dopant_oxidation_state - o_h), abs=1e-5), c.formula
        assert c.lithium == pytest.approx(new["Li"], abs=1e-6)
        assert new["Li"] >= MIN_LI_SHARE * amounts["Li"] - 1e-6
        assert (c.dopant_oxidation_state > 0) == (c.host_oxidation_state > 0), c.label
        assert (c.dopant_oxidation_state < 0) == (c.dopant in ANION_FORMERS), c.label
        allowed = ((oxi[c.dopant],) if c.dopant in oxi
                   else Element(c.dopant).common_oxidation_states)
        assert c.dopant_oxidation_state in allowed, c.label
        if c.host != "Li":
            assert new[c.host] == pytest.approx(amounts[c.host] - c.amount, abs=1e-5)
        assert c.host != "H"  # H sits in BH4-: a host only when asked for


# (parent, dopant, host, x per formula unit, the composition of the x formula of the family)
KNOWN = [
    ("Li7La3Zr2O12", "Al", "Li", 0.25, "Li6.25Al0.25La3Zr2O12"),  # Li(7-3x)AlxLa3Zr2O12
    ("Li7La3Zr2O12", "Ga", "Li", 0.25, "Li6.25Ga0.25La3Zr2O12"),
    ("Li7La3Zr2O12", "Ta", "Zr", 0.5, "Li6.5La3Zr1.5Ta0.5O12"),  # Li(7-x)La3Zr(2-x)TaxO12
    ("LiTi2(PO4)3", "Al", "Ti", 0.3, "Li1.3Al0.3Ti1.7(PO4)3"),  # Li(1+x)AlxTi(2-x)(PO4)3
    ("LiGe2(PO4)3", "Al", "Ge", 0.5, "Li1.5Al0.5Ge1.5(PO4)3"),  # Li(1+x)AlxGe(2-x)(PO4)3
    ("Li3InCl6", "Zr", "In", 0.5, "Li2.5In0.5Zr0.5Cl6"),  # Li(3-x)In(1-x)ZrxCl6
    ("Li2ZrCl6", "In", "Zr", 0.5, "Li2.5Zr0.5In0.5Cl6"),  # Li(2+x)Zr(1-x)InxCl6
    ("Li2ZrCl6", "Sc", "Zr", 0.5, "Li2.5Zr0.5Sc0.5Cl6"),
    ("Li6PS5Cl", "Cl", "S", 0.5, "Li5.5PS4.5Cl1.5"),  # Li(6-x)PS(5-x)Cl(1+x)
    ("Li6PS5Cl", "Br", "Cl", 0.5, "Li6PS5Cl0.5Br0.5"),
    ("Li6PS5Br", "Se", "S", 1.0, "Li6PS4SeBr"),
    ("Li10GeP2S12", "Si", "Ge", 0.5, "Li10Ge0.5Si0.5P2S12"),
    ("Li10GeP2S12", "Sn", "Ge", 0.5, "Li10Ge0.5Sn0.5P2S12"),
    ("Li3PS4", "Ge", "P", 0.25, "Li3.25P0.75Ge0.25S4"),  # Li(3+x)P(1-x)GexS4
]


@pytest.mark.parametrize(("parent", "dopant", "host", "x", "expected"), KNOWN)
def test_doped_compositions_written_per_formula_unit_are_generated(
        parent: str, dopant: str, host: str, x: float, expected: str) -> None:
    """``amounts`` is the x of papers' formulas. With shares of the host amount only, x = 0.25
    of Al on the 7 Li of Li7La3Zr2O12 needed the share 1/28 (the default shares give x = 0.35,
    0.7 and 1.4 there) and x = 0.3 of Al on the 2 Ti of LiTi2(PO4)3 the share 0.15."""
    cands = generate_candidates(parent, [dopant], hosts=[host], amounts=[x])
    # a dopant with two common states gives two (Sn2+ and Sn4+ on Ge4+): the x formula is one
    found = [c for c in cands if Composition(c.formula) == Composition(expected)]
    assert len(found) == 1, [c.formula for c in cands]
    assert found[0].amount == pytest.approx(x)


def test_independent_oxidation_state_guess_agrees_with_the_generator() -> None:
    """pymatgen's own guess for the whole-number formula unit gives the states the generator
    used (small cells only: the guess is combinatorial)."""
    for parent, dopant, host, x, _ in (KNOWN[0], KNOWN[5], KNOWN[8], KNOWN[2]):
        (c,) = generate_candidates(parent, [dopant], hosts=[host], amounts=[x])
        comp = Composition(c.formula)
        scale = next(k for k in range(1, 21)
                     if all(abs(a * k - round(a * k)) < 1e-6 for a in comp.values()))
        whole = Composition({e: round(a * scale) for e, a in comp.items()})
        guess = whole.oxi_state_guesses()[0]
        oxi, _ = parent_oxidation_states(parent)
        assert guess == {**{e: float(s) for e, s in oxi.items()},
                         dopant: c.dopant_oxidation_state}, c.formula


def test_amounts_above_the_host_amount_give_nothing_on_that_host() -> None:
    # equal to it: the host replaced, Li2ZrCl6 (test_discovery_published_dopings.py)
    assert generate_candidates("Li3InCl6", ["Zr"], hosts=["In"], amounts=[1.5]) == []
    # on Li (3 per formula unit) x = 1 is below the host amount, but Mg2+ would leave 1 Li of
    # 3 (less than MIN_LI_SHARE); x = 0.5 leaves 2
    assert generate_candidates("Li3InCl6", ["Mg"], hosts=["Li"], amounts=[1.0]) == []
    (c,) = generate_candidates("Li3InCl6", ["Mg"], hosts=["Li"], amounts=[0.5, 1.0])
    assert (c.formula, c.lithium) == ("Li2Mg0.5InCl6", 2.0)


@pytest.mark.parametrize(("kwargs", "value"), [
    ({"amounts": [0.0]}, 0.0), ({"amounts": [-0.1]}, -0.1), ({"amounts": [math.nan]}, None),
    ({"amounts": [math.inf]}, math.inf), ({"amounts": ["0.2"]}, "0.2"), ({"amounts": []}, ()),
    ({"amounts": "0.2"}, "0.2"), ({"amounts": [0.2], "fractions": [0.1]}, [0.2]),
])
def test_bad_amounts_name_the_field(kwargs: dict, value: object) -> None:
    with pytest.raises(ValidationError) as err:
        generate_candidates("Li7La3Zr2O12", ["Al"], **kwargs)
    assert err.value.field == "amounts"
    if value is not None:
        assert err.value.value == value


@pytest.mark.parametrize(("parent", "why"), [
    ("NaCl", "lithium-containing"), ("Li2Cl", "charge-balanced"), ("Li", "at least one other"),
    ("llzo.cif", "a chemical formula"), ("LLZO", "Li7La3Zr2O12"),
])
def test_bad_parents_are_named_with_what_is_allowed(parent: str, why: str) -> None:
    with pytest.raises(ValidationError) as err:
        generate_candidates(parent)
    assert (err.value.field, err.value.value) == ("parent", parent)
    assert why in err.value.allowed


def test_fractional_parent_keeps_its_charge_and_its_li_floor() -> None:
    """Li0.33La0.56TiO3 (as usually written: net +0.01, inside the 5 % balance tolerance)."""
    oxi, comp = parent_oxidation_states("Li0.33La0.56TiO3")
    assert oxi == {"Li": 1, "La": 3, "Ti": 4, "O": -2}
    assert sum(comp[e] * oxi[str(e)] for e in comp.elements) == pytest.approx(0.01)
    cands = generate_candidates("Li0.33La0.56TiO3", ["Ta"], hosts=["Li"])
    # Ta5+ on Li+: Li 0.33 - 5x >= 0.165 only for x <= 0.033: the shares 0.05 and 0.1
    assert [c.formula for c in cands] == ["Li0.2475Ta0.0165La0.56TiO3",
                                          "Li0.165Ta0.033La0.56TiO3"]


def test_discover_ranks_known_substitutions_of_a_nasicon_parent(tmp_path: Path) -> None:
    res = discover("LiTi2(PO4)3", ["Al", "Sc", "Ga"], hosts=["Ti"], amounts=[0.1, 0.3, 0.5])
    formulas = [c.candidate.formula for c in res.candidates]
    assert "Li1.3Ti1.7Al0.3P3O12" in formulas and len(formulas) == len(set(formulas)) == 9
    values = [c.log10_conductivity_S_cm for c in res.candidates]
    assert values == sorted(values, reverse=True)
    for c in res.candidates:
        assert c.lower_log10_S_cm <= c.log10_conductivity_S_cm <= c.upper_log10_S_cm
        assert c.change_vs_parent_log10 == pytest.approx(
            c.log10_conductivity_S_cm - res.parent_log10_conductivity_S_cm)
    res.plot(str(tmp_path / "latp.png"))
    assert (tmp_path / "latp.png").stat().st_size > 0


def test_cli_discover_amounts(tmp_path: Path) -> None:
    res = runner.invoke(app, ["discover", "Li7La3Zr2O12", "--dopants", "Al,Ga", "--hosts",
                              "Li", "--amounts", "0.1,0.25", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {c["Formula"] for c in data["Candidates"]} == {
        "Li6.7Al0.1La3Zr2O12", "Li6.25Al0.25La3Zr2O12", "Li6.7Ga0.1La3Zr2O12",
        "Li6.25Ga0.25La3Zr2O12"}
    assert all(c["Dopant amount [per formula unit]"] in (0.1, 0.25) for c in data["Candidates"])
    for args, option in ((["--amounts", "0.1", "--fractions", "0.1"], "--amounts"),
                         (["--amounts", "0,0.2"], "--amounts"),
                         (["--amounts", "a"], "--amounts")):
        res = runner.invoke(app, ["discover", "Li7La3Zr2O12", *args])
        assert isinstance(res.exception, ValidationError), res.output
        assert res.exception.field.startswith(option)  # '--amounts (item 1 of 2)' for 0


def _li3n_cif(path: Path) -> Path:
    """A Li3N CIF: P6/mmm with a = 3.648 A, c = 3.875 A, the cell of OBELiX training entry gvd."""
    from pymatgen.core import Lattice, Structure
    from pymatgen.io.cif import CifWriter

    s = Structure.from_spacegroup("P6/mmm", Lattice.hexagonal(3.648, 3.875), ["N", "Li", "Li"],
                                  [[0, 0, 0], [1 / 3, 2 / 3, 0], [0, 0, 0.5]])
    assert s.composition.reduced_formula == "Li3N"
    CifWriter(s).write_file(str(path))
    return path


def test_cli_predict_csv_of_good_and_bad_rows(tmp_path: Path) -> None:
    """Each bad row's error names the file, line and field; the good rows (formulas and a CIF)
    still come out, and the exit code says that some rows failed."""
    _li3n_cif(tmp_path / "li3n.cif")
    csv = tmp_path / "mixed.csv"
    csv.write_text("composition,note\nLi6PS5Cl,ok\nLiCl7,unbalanced\nNaCl,no Li\n,note only\n"
                   "Li7La3Zr2O12,ok\nXx2O,unknown element\nli3n.cif,cif\nmissing.cif,absent\n")
    res = runner.invoke(app, ["predict", str(csv), "--json", "--no-window",
                              "--neighbours", "0"])
    assert res.exit_code == 2, res.output
    records = json.loads(res.stdout)
    assert [r["Formula"] for r in records] == ["Li6PS5Cl", "Li7La3Zr2O12", "Li3N"]
    assert [r["Model features"] for r in records] == ["composition", "composition",
                                                      "composition+structure"]
    for r in records:
        assert (r["Log10 ionic conductivity lower bound [S.cm-1]"]
                <= r["Log10 ionic conductivity [S.cm-1]"]
                <= r["Log10 ionic conductivity upper bound [S.cm-1]"])
        assert r["Ionic conductivity [S.m-1]"] == pytest.approx(
            10 ** (r["Log10 ionic conductivity [S.cm-1]"] + 2))
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert [e.split(",")[0] for e in errors] == [
        f"error: {csv} line {n}" for n in (3, 4, 5, 7, 9)]
    for e, value in zip(errors, ("'LiCl7'", "'NaCl'", "''", "'Xx2O'", "'missing.cif'"),
                        strict=True):
        assert f", composition: {value} is not allowed; " in e
    # the same good rows as predicted on their own
    alone = json.loads(runner.invoke(app, ["predict", "Li6PS5Cl", "--json", "--no-window",
                                           "--neighbours", "0"]).stdout)
    assert alone[0]["Log10 ionic conductivity [S.cm-1]"] == \
        records[0]["Log10 ionic conductivity [S.cm-1]"]


def test_cli_predict_csv_of_bad_rows_only_names_each(tmp_path: Path) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text("composition\nLiCl7\nNaCl\n")
    res = runner.invoke(app, ["predict", str(csv), "--no-window"])
    assert res.exit_code == 2 and res.stdout == ""
    assert [line.split(":")[1] for line in res.stderr.splitlines()] == [
        f" {csv} line 2, composition", f" {csv} line 3, composition"]
    # an option's error is not a row's: it stops the command, naming the option
    good = tmp_path / "good_bad.csv"
    good.write_text("composition\nLi6PS5Cl\nNaCl\n")
    res = runner.invoke(app, ["predict", str(good), "--no-window", "--level", "2"])
    assert isinstance(res.exception, ValidationError) and res.exception.field == "--level"


def test_cli_predict_csv_bad_crystal_data_names_the_row_and_column(tmp_path: Path) -> None:
    """Crystal columns (the OBELiX table's kind of data; Li6PS5Cl's row is OBELiX training
    entry 122's space group and cell): a bad cell or space group names its row and column."""
    csv = tmp_path / "cells.csv"
    csv.write_text("composition,space_group,a,b,c,alpha,beta,gamma\n"
                   "Li6PS5Cl,F-43m,9.898,9.898,9.898,90,90,90\n"
                   "Li3N,P6/mmm,3.648,3.648,,90,90,120\n"
                   "Li3N,Q99,3.648,3.648,3.875,90,90,120\n"
                   "Li3PS4,,,,,,,\n")
    res = runner.invoke(app, ["predict", str(csv), "--json", "--no-window", "--neighbours", "0"])
    assert res.exit_code == 2, res.output
    assert [(r["Formula"], r["Model features"]) for r in json.loads(res.stdout)] == [
        ("Li6PS5Cl", "composition+structure"), ("Li3PS4", "composition")]
    assert [line.split(":")[1] for line in res.stderr.splitlines()] == [
        f" {csv} line 3, crystal.lattice", f" {csv} line 4, crystal.space_group"]
