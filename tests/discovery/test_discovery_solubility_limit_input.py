"""Solubility limits of the discovery module (``data/solubility_limits.csv``) for odd input:
``limits_for`` takes a formula as ``generate_candidates`` takes its parent (a text raised
AttributeError before 2026-12-06), scales the limit with the formula unit, and any float
``amounts`` is refused by name or flagged beyond the limit exactly above it (Al on Li of
Li7La3Zr2O12: x = 0.40, moy2022_al_llzo)."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pymatgen.core import Composition

from solidcell.discovery.candidates import (
    DECIMALS,
    LIMIT_MATCH_RTOL,
    generate_candidates,
    limits_for,
    solubility_limits,
)
from solidcell.errors import ValidationError

AL_ON_LI = ("Al", 3, "Li")


def _al_limit() -> float:
    (row,) = [r for r in solubility_limits()
              if r.parent == "Li7La3Zr2O12" and (r.dopant, r.dopant_state, r.host) == AL_ON_LI]
    return row.max_amount


@pytest.mark.parametrize("formula", ["Li7La3Zr2O12", "La3Li7Zr2O12", "Li14La6Zr4O24",
                                     "Li3.5La1.5ZrO6"])
def test_a_formula_and_its_composition_give_the_same_limits(formula: str) -> None:
    by_text = {k: v[1] for k, v in limits_for(formula).items()}
    assert by_text == {k: v[1] for k, v in limits_for(Composition(formula)).items()}
    scale = Composition(formula)["Li"] / 7.0  # per formula unit as written
    assert by_text[AL_ON_LI] == pytest.approx(_al_limit() * scale, rel=1e-12)


@pytest.mark.parametrize("bad", [None, 3, ["Li7La3Zr2O12"], "li7la3zr2o12", "Xx2O"],
                         ids=repr)
def test_limits_for_refuses_what_is_no_formula(bad: object) -> None:
    with pytest.raises(ValidationError) as info:
        limits_for(bad)
    assert info.value.field == "comp"


def test_another_composition_has_no_limit() -> None:
    assert limits_for("Li6.4La3Zr2O12") == {}


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(x=st.floats(allow_nan=True, allow_infinity=True), double=st.booleans())
def test_any_amount_is_refused_by_name_or_flagged_beyond_the_limit(x: float,
                                                                   double: bool) -> None:
    parent = "Li14La6Zr4O24" if double else "Li7La3Zr2O12"
    limit = _al_limit() * (2 if double else 1)
    try:
        found = generate_candidates(parent, ["Al"], hosts=["Li"], amounts=[x])
    except ValidationError as exc:
        assert exc.field == "amounts"
        # not positive and finite, or too little to write at the formulas' DECIMALS
        assert not (math.isfinite(x) and x > 0) or round(x, DECIMALS) <= 0
        return
    assert math.isfinite(x) and x > 0
    for c in found:
        assert c.solubility_limit == pytest.approx(limit, rel=1e-9)
        assert c.beyond_solubility_limit == (x > limit * (1 + LIMIT_MATCH_RTOL))
        assert ("BEYOND" in c.solubility_note) == c.beyond_solubility_limit


@pytest.mark.parametrize(("parent", "x", "beyond"), [
    ("Li7La3Zr2O12", 0.4, False), ("Li7La3Zr2O12", 0.41, True),
    ("Li14La6Zr4O24", 0.8, False), ("Li14La6Zr4O24", 0.82, True),
    ("Li14La6Zr4O24", 0.41, False)])
def test_at_and_above_the_limit_in_either_formula_unit(parent: str, x: float,
                                                       beyond: bool) -> None:
    (c,) = generate_candidates(parent, ["Al"], hosts=["Li"], amounts=[x])
    assert c.beyond_solubility_limit is beyond
