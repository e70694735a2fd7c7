"""Dopant amounts of `generate_candidates` / `discover` against published solubility limits
(docs/discovery.md, "Solubility limits"; src/solidcell/discovery/data/solubility_limits.csv).

The default fractions are shares of the host amount, so on the Li site of Li7La3Zr2O12 (7 Li)
f = 0.1 gave Li4.9Al0.7La3Zr2O12: 0.7 Al per formula unit, beyond the solubility limit of Al in
garnet LLZO, about 0.40 (moy2022_al_llzo, abstract: "beyond the aluminum solubility limit
(x = ~0.40), resistive secondary phases formed at the grain boundaries")."""

from __future__ import annotations

import pytest
from pymatgen.core import Composition

from solidcell.chemistry.oxidation import require_balanced
from solidcell.citations import bibliography
from solidcell.discovery.candidates import (
    discover,
    generate_candidates,
    limits_for,
    solubility_limits,
)


def _by_formula(cands):
    return {c.formula: c for c in cands}


def test_default_al_on_li_of_llzo_stops_at_the_published_limit() -> None:
    """Default fractions 0.05 and 0.1 of the 7 Li give x = 0.35 and 0.7 Al: the first is within
    the 0.40 limit and carries it with its source; the second is not generated."""
    cands = _by_formula(generate_candidates("Li7La3Zr2O12", ["Al"], hosts=["Li"]))
    assert set(cands) == {"Li5.95Al0.35La3Zr2O12"}
    c = cands["Li5.95Al0.35La3Zr2O12"]
    assert c.solubility_limit == pytest.approx(0.40)
    assert not c.beyond_solubility_limit
    assert "within the published solubility limit x = 0.4 (moy2022_al_llzo" in c.solubility_note


def test_a_given_amount_beyond_the_limit_is_kept_and_flagged() -> None:
    """x = 0.25 (within) and 0.5 (beyond) as the user gives them: both generated, 0.5 flagged
    with the limit and its source in the note and in the JSON of `discover`."""
    cands = _by_formula(generate_candidates("Li7La3Zr2O12", ["Al"], hosts=["Li"],
                                            amounts=[0.25, 0.5]))
    assert not cands["Li6.25Al0.25La3Zr2O12"].beyond_solubility_limit
    beyond = cands["Li5.5Al0.5La3Zr2O12"]
    assert beyond.beyond_solubility_limit
    assert "x = 0.5 per formula unit is BEYOND the published solubility limit x = 0.4" \
        in beyond.solubility_note and "moy2022_al_llzo" in beyond.solubility_note
    # a fraction given explicitly is the user's choice too: f = 0.1 of 7 Li is x = 0.7
    given = _by_formula(generate_candidates("Li7La3Zr2O12", ["Al"], [0.1], hosts=["Li"]))
    assert given["Li4.9Al0.7La3Zr2O12"].beyond_solubility_limit
    res = discover("Li7La3Zr2O12", ["Al"], hosts=["Li"], amounts=[0.25, 0.5])
    rows = {r["Formula"]: r for r in res.to_json()["Candidates"]}
    assert rows["Li5.5Al0.5La3Zr2O12"]["Beyond solubility limit"] is True
    assert rows["Li5.5Al0.5La3Zr2O12"]["Dopant solubility limit [per formula unit]"] == 0.4
    assert "BEYOND the published solubility limit" in rows["Li5.5Al0.5La3Zr2O12"]["Note"]
    assert "moy2022_al_llzo" in res.to_json()["sources"]
    assert res.n_beyond_solubility_limit == 0


def test_discover_counts_the_candidates_left_out_for_a_limit() -> None:
    res = discover("Li7La3Zr2O12", ["Al"], hosts=["Li"])
    assert res.n_beyond_solubility_limit == 1  # Li4.9Al0.7La3Zr2O12
    assert res.to_json()["Candidates beyond a solubility limit not generated"] == 1
    assert [c.candidate.formula for c in res.candidates] == ["Li5.95Al0.35La3Zr2O12"]
    assert "moy2022_al_llzo" in res.all_sources()


def test_limit_scales_with_the_formula_unit_written() -> None:
    """Li14La6Zr4O24 is two formula units of Li7La3Zr2O12: the limit is 0.80 per unit as
    written, and x = 0.7 (f = 0.05 of 14 Li) is within it."""
    cands = _by_formula(generate_candidates("Li14La6Zr4O24", ["Al"], hosts=["Li"]))
    assert set(cands) == {"Li11.9Al0.7La6Zr4O24"}
    assert cands["Li11.9Al0.7La6Zr4O24"].solubility_limit == pytest.approx(0.80)


def test_series_without_a_limit_flags_but_keeps_amounts_beyond_it() -> None:
    """Bi5+ on Zr was made for x = 0.10-1.00 (wagner2016_bi_llzo): x = 1.5 is beyond the series,
    no limit is published, so it is generated (also by default it would be) and flagged."""
    cands = _by_formula(generate_candidates("Li7La3Zr2O12", ["Bi5+"], hosts=["Zr"],
                                            amounts=[0.5, 1.5]))
    inside, outside = cands["Li6.5La3Zr1.5Bi0.5O12"], cands["Li5.5La3Zr0.5Bi1.5O12"]
    assert not inside.beyond_solubility_limit and not outside.beyond_solubility_limit
    assert "within the series made up to x = 1" in inside.solubility_note
    assert "beyond the series made up to x = 1" in outside.solubility_note
    assert "no solubility limit published" in outside.solubility_note


def test_ga_on_li_of_llzo_is_within_its_published_limit() -> None:
    """Ga3+ on Li of LLZO: solubility limit 0.72 per formula unit (eurjmin2016_llzo_al_ga_fe,
    abstract: "the solubility limit of Fe, Al, and Ga is up to 0.25 pfu, 0.39 pfu, and 0.72
    pfu"): the default x = 0.35 and 0.7 are both within it and carry it."""
    ga = generate_candidates("Li7La3Zr2O12", ["Ga"], hosts=["Li"])
    assert {c.formula for c in ga} == {"Li5.95Ga0.35La3Zr2O12", "Li4.9Ga0.7La3Zr2O12"}
    assert all(c.solubility_limit == pytest.approx(0.72) and not c.beyond_solubility_limit
               and "eurjmin2016_llzo_al_ga_fe" in c.solubility_note for c in ga)


def test_pairs_without_a_published_limit_are_not_checked() -> None:
    """The fallback: Ta on Zr of LLZO has no row in the table (the whole series was not read
    with a citable source), and a limit belongs to its parent only (Al on Li of Ta-doped
    LLZO)."""
    ta = generate_candidates("Li7La3Zr2O12", ["Ta"], hosts=["Zr"])
    assert ta and all(c.solubility_limit is None and c.solubility_note == "" for c in ta)
    other = generate_candidates("Li6.4La3Zr1.4Ta0.6O12", ["Al"], hosts=["Li"])
    assert other and all(c.solubility_limit is None for c in other)


def test_table_rows_are_sourced_balanced_and_bounded() -> None:
    """Every row: its bib keys are in the bibliography, its parent balances, the dopant state
    has the host's sign, and the bound lies within the host amount."""
    refs = bibliography()
    rows = solubility_limits()
    assert {r.kind for r in rows} <= {"limit", "series"}
    for r in rows:
        assert r.sources and all(k in refs for k in r.sources), r
        comp = Composition(r.parent)
        states = require_balanced(comp, r.parent, "parent")
        assert (states[r.host] > 0) == (r.dopant_state > 0)
        assert 0 < r.max_amount <= comp[r.host]
        assert (r.dopant, r.dopant_state, r.host) in limits_for(comp)
