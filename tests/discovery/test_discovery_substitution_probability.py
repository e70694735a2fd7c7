"""Substitution probability of discovery candidates (Hautier et al. 2011, pymatgen's table)
and the ``min_probability`` filter."""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymatgen.core import Species
from pymatgen.core.structure_prediction.substitution_probability import SubstitutionProbability
from typer.testing import CliRunner

from solidcell.cli import app
from solidcell.discovery.candidates import (
    PROBABILITY_SOURCE,
    _substitution_table,
    discover,
    filter_by_probability,
    generate_candidates,
    substitution_probability,
)
from solidcell.errors import ValidationError

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

#: (parent, dopant, its state, host, its state): well-known substitutions of the task
KNOWN = [
    ("LiTi2(PO4)3", "Al", 3, "Ti", 4),
    ("Li7La3Zr2O12", "Al", 3, "Li", 1),
    ("Li7La3Zr2O12", "Ga", 3, "Li", 1),
    ("Li7La3Zr2O12", "Ta", 5, "Zr", 4),
    ("Li7La3Zr2O12", "Nb", 5, "Zr", 4),
    ("Li6PS5Cl", "Br", -1, "S", -2),
    ("Li6PS5Cl", "Cl", -1, "S", -2),
    ("Li10GeP2S12", "Si", 4, "Ge", 4),
    ("Li10GeP2S12", "Sn", 4, "Ge", 4),
    ("Li3InCl6", "Zr", 4, "In", 3),
]
#: chemically implausible candidates the default rule generates (docs/discovery.md)
IMPLAUSIBLE = [
    ("LiTi2(PO4)3", "Y", 3, "P", 5),
    ("LiTi2(PO4)3", "In", 3, "P", 5),
    ("LiTi2(PO4)3", "Sn", 4, "P", 5),
    ("LiTi2(PO4)3", "Sn", 2, "P", 5),
    ("LiBH4", "Sb", 5, "B", 3),
    ("Li7La3Zr2O12", "Ta", 5, "Li", 1),
    ("Li2ZrCl6", "O", -2, "Cl", -1),
]


def p_of(case: tuple[str, str, int, str, int]) -> float:
    _, d, od, h, oh = case
    value = substitution_probability(d, od, h, oh)
    assert value is not None
    return value


@functools.cache
def _pymatgen() -> SubstitutionProbability:
    """pymatgen's table, built once for the module (its constructor takes seconds; it is not
    changed by any test)."""
    return SubstitutionProbability()


@functools.cache
def _candidates(parent: str) -> tuple:
    return tuple(generate_candidates(parent))


def test_values_are_pymatgens_conditional_probability_of_the_dopant_given_the_host() -> None:
    """The source: pymatgen's SubstitutionProbability.cond_prob(dopant, host) (Hautier 2011)."""
    table = _pymatgen()
    for _, d, od, h, oh in KNOWN + IMPLAUSIBLE:
        assert substitution_probability(d, od, h, oh) == pytest.approx(table.cond_prob(
            Species(d, od), Species(h, oh)), rel=1e-12)
    # the per-host conditional: it sums to 1 over every dopant ion of the table (the joint
    # prob() or the reversed cond_prob(host, dopant) would not)
    total = sum(substitution_probability(str(s.element), s.oxi_state, "Ti", 4)
                for s in table.species)
    assert total == pytest.approx(1, abs=1e-9)


def test_the_table_is_pymatgens_for_every_pair_of_its_ions() -> None:
    """The arrays read from pymatgen's lambda.json give its cond_prob for all 230 x 230 ion
    pairs (its constructor, 3.6 s, is not called by solidcell; summation order aside)."""
    table = _pymatgen()
    assert {str(s) for s in table.species} == set(_substitution_table().index)
    for a, b in itertools.product(sorted(table.species, key=str), repeat=2):
        assert substitution_probability(str(a.element), a.oxi_state, str(b.element),
                                        b.oxi_state) == pytest.approx(table.cond_prob(a, b),
                                                                      rel=1e-12)


def test_every_candidate_carries_its_pair_probability() -> None:
    table = _pymatgen()
    cands = _candidates("Li7La3Zr2O12")
    assert cands and all(c.substitution_probability is not None for c in cands)
    for c in cands[::7]:
        assert c.substitution_probability == pytest.approx(table.cond_prob(
            Species(c.dopant, int(c.dopant_oxidation_state)),
            Species(c.host, int(c.host_oxidation_state))), rel=1e-12)
        assert 0 < c.substitution_probability < 1


def test_ions_outside_the_table_give_none_with_a_note_and_are_kept() -> None:
    # Te2- and H- are not among pymatgen's 230 ions; a non-integer state is none of them
    assert Species("Te", -2) not in _pymatgen().species
    assert substitution_probability("Te", -2, "S", -2) is None
    assert substitution_probability("Cl", -1, "H", -1) is None
    assert substitution_probability("Fe", 2.5, "Ti", 4) is None
    cands = generate_candidates("Li6PS5Cl", ["Te"], hosts=["S"])
    assert cands and all(c.substitution_probability is None for c in cands)
    assert "Te2-" in cands[0].probability_note and "not in the Hautier 2011" in \
        cands[0].probability_note
    assert generate_candidates("Li6PS5Cl", ["Te"], hosts=["S"], min_probability=1) == cands


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=0, max_value=1))
def test_the_filter_drops_exactly_the_candidates_below_the_threshold(threshold: float) -> None:
    cands = list(_candidates("LiTi2(PO4)3"))
    kept, dropped = filter_by_probability(cands, threshold)
    assert kept == [c for c in cands if c.substitution_probability >= threshold]
    assert dropped == len(cands) - len(kept)
    assert all(c.substitution_probability < threshold for c in cands if c not in kept)
    assert generate_candidates("LiTi2(PO4)3", min_probability=threshold) == kept


def test_no_threshold_changes_nothing() -> None:
    cands = list(_candidates("Li3InCl6"))
    assert filter_by_probability(cands, None) == (cands, 0)
    assert filter_by_probability(cands, 0) == (cands, 0)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, -0.01, 1.01, True, "0.1",
                                 [0.1]])
def test_bad_thresholds_are_refused_naming_the_field(bad: object) -> None:
    for call in (lambda: generate_candidates("Li3InCl6", min_probability=bad),
                 lambda: discover("Li3InCl6", min_probability=bad),
                 lambda: filter_by_probability([], bad)):
        with pytest.raises(ValidationError) as exc:
            call()
        assert exc.value.field == "min_probability"


@pytest.mark.parametrize("bad", ["nan", "2", "-0.5", "inf"])
def test_the_cli_refuses_a_bad_threshold_naming_the_option(bad: str) -> None:
    res = runner.invoke(app, ["discover", "Li3InCl6", "--min-probability", bad])
    assert isinstance(res.exception, ValidationError), res.output
    assert res.exception.field == "--min-probability"
    assert float(res.exception.value) == float(bad) or math.isnan(float(bad))
    res = runner.invoke(app, ["discover", "Li3InCl6", "--min-probability", "high"])
    assert res.exit_code == 2 and "--min-probability" in res.output  # typer: not a number


def test_discover_json_has_the_probability_and_the_dropped_count() -> None:
    # Ta5+ for Zr4+ is 0.00109 and Al3+ for Zr4+ 0.0118 (pymatgen's table): 0.002 drops Ta
    res = discover("Li7La3Zr2O12", ["Ta", "Al"], [0.1, 0.2], hosts=["Zr"], min_probability=0.002)
    data = res.to_json()
    assert data["Minimum substitution probability"] == 0.002
    assert data["Candidates below minimum substitution probability"] == 2
    assert data["Candidates generated"] == 4
    assert {c["Dopant"] for c in data["Candidates"]} == {"Al"}
    for c in data["Candidates"]:
        assert c["Substitution probability"] == substitution_probability("Al", 3, "Zr", 4)
    assert PROBABILITY_SOURCE in data["sources"]


def test_cli_json_and_table_say_the_probability_and_how_many_were_dropped() -> None:
    args = ["discover", "Li7La3Zr2O12", "--dopants", "Ta,Al", "--hosts", "Zr",
            "--fractions", "0.1,0.2", "--min-probability", "0.002"]
    res = runner.invoke(app, [*args, "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["Candidates below minimum substitution probability"] == 2
    assert all("Substitution probability" in c for c in data["Candidates"])
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "2 of 4 candidates below --min-probability 0.002 dropped" in " ".join(
        res.stdout.split())
    assert "substitution probability" in res.stdout and "0.0118" in res.stdout


def test_well_known_substitutions_outscore_only_the_never_seen_pairs() -> None:
    """What the measured numbers show (docs/discovery.md): every well-known substitution scores
    above the two pairs never seen together (lambda = -5), and not above the other implausible
    ones, so no threshold keeps the known ones and drops more than these two."""
    lowest_known = min(p_of(c) for c in KNOWN)
    never_seen = [c for c in IMPLAUSIBLE if (c[1], c[3]) in {("Sb", "B"), ("Sn", "P")}
                  and c[2] in (5, 2)]
    assert len(never_seen) == 2
    for c in never_seen:
        assert p_of(c) < lowest_known / 30
    others = [c for c in IMPLAUSIBLE if c not in never_seen]
    assert all(p_of(c) > lowest_known for c in others)  # the failures
    o_on_cl = p_of(("Li2ZrCl6", "O", -2, "Cl", -1))
    assert o_on_cl > max(p_of(c) for c in KNOWN)
    # in LiTi2(PO4)3, Y3+ for P5+ scores within 10 % of Al3+ for Ti4+ (0.00688 vs 0.00731)
    y_on_p = p_of(("LiTi2(PO4)3", "Y", 3, "P", 5))
    assert 0.9 < y_on_p / p_of(("LiTi2(PO4)3", "Al", 3, "Ti", 4)) < 1
    # the default rule generates every one of these pairs
    for parent, d, od, h, oh in KNOWN + IMPLAUSIBLE:
        assert any(c.dopant == d and c.dopant_oxidation_state == od and c.host == h
                   and c.host_oxidation_state == oh
                   for c in _candidates(parent)), (parent, d, h)


def test_the_table_of_the_page_is_the_measured_one() -> None:
    page = (ROOT / "docs" / "discovery.md").read_text("utf-8")
    ion = r"([A-Z][a-z]?)([0-9]*[+-])"
    rows = re.findall(rf"^\| (\S+) \| {ion} for {ion} \| (known|implausible) \| ([0-9.e-]+)",
                      page, re.M)
    assert len(rows) == len(KNOWN) + len(IMPLAUSIBLE)
    for parent, d, od, h, oh, kind, shown in rows:
        def state(text: str) -> int:
            return int(text[:-1] or 1) * (1 if text[-1] == "+" else -1)
        case = (parent, d, state(od), h, state(oh))
        assert case in (KNOWN if kind == "known" else IMPLAUSIBLE), case
        digits = len(shown.split("e")[0].replace(".", "").lstrip("0"))
        assert float(f"{p_of(case):.{digits}g}") == float(shown), (case, shown)
