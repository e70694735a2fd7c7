"""The fast paths of ``solidcell.chemistry.composition`` answer as the rules they shortcut:
``check_composition`` (amounts read without ``comp[el]`` where every key is an Element)
against a reference written from its rules, and ``_period_dots`` (which skips its patterns
for text without a period or 'H2O') against both substitutions applied to every text."""

from __future__ import annotations

import math

from hypothesis import given, reject, settings
from hypothesis import strategies as st
from pymatgen.core import Composition, DummySpecies, Element, Species

from solidcell.chemistry import composition
from solidcell.chemistry.composition import check_composition
from solidcell.errors import ValidationError

#: Keys a Composition may hold: Elements, oxidation-state decorated Species (Fe2+ beside Fe,
#: where comp[Fe] sums both) and a DummySpecies (not a chemical element).
_KEYS = [Element("Li"), Element("Fe"), Element("O"), Species("Fe", 2), Species("Fe", 3),
         Species("O", -2), DummySpecies("X")]
_AMOUNTS = st.one_of(st.floats(), st.integers(-10, 10),
                     st.sampled_from([10**400, -10**400, 1e308, -1e308, 1e-9]))


def _reference(comp: Composition, field: str, shown: object) -> Composition:
    """check_composition from its rules: each amount as ``comp.values()`` reads it finite and
    not negative, some atoms, and every key an Element or Species (not a DummySpecies)."""
    shown = comp if shown is None else shown
    amounts = [float(a) for a in comp.values()]
    if not all(math.isfinite(a) for a in amounts) or not math.isfinite(comp.num_atoms):
        raise ValidationError(field, shown, "amounts of elements must be finite")
    if comp.num_atoms <= 0 or any(amt < 0 for amt in amounts):
        raise ValidationError(field, shown, "amounts of elements must be positive")
    for el in comp.elements:
        if type(el) not in (Element, Species):
            raise ValidationError(field, shown,
                                  f"{str(el).rstrip('0+-')!r} is not a chemical element")
    return comp


def _outcome(check, comp: Composition, shown: object) -> tuple:
    """What ``check`` answers: the object returned, or the error's type, text and fields."""
    try:
        return ("returned", id(check(comp, "formula", shown)))
    except ValidationError as exc:
        return ("refused", exc.field, exc.value, exc.allowed, str(exc))
    except (OverflowError, TypeError, ValueError) as exc:
        return ("raised", type(exc), str(exc))


@settings(max_examples=600)
@given(st.lists(st.tuples(st.sampled_from(_KEYS), _AMOUNTS), max_size=5,
                unique_by=lambda kv: kv[0]),
       st.sampled_from([None, "Li2O"]))
def test_check_composition_answers_as_its_rules(items: list, shown: object) -> None:
    """Same return or same refusal (field, value, message) as the reference, for Elements
    alone (the fast path) and mixed with Species, DummySpecies, negative, infinite and
    too-large amounts (the path through ``comp.values()``)."""
    try:
        comp = Composition(dict(items), allow_negative=True)
    except OverflowError:  # pymatgen adds 10**400 to a float sum of atoms
        reject()
    assert _outcome(check_composition, comp, shown) == _outcome(_reference, comp, shown)


def test_element_beside_its_species_reads_summed_amounts() -> None:
    """Fe (-1) beside Fe2+ (2): comp[Fe] is their sum, 1, so the composition passes as it did
    before the fast path; a stored negative amount alone would have been refused."""
    comp = Composition({Element("Fe"): -1, Species("Fe", 2): 2}, allow_negative=True)
    assert check_composition(comp) is comp
    with_li = Composition({Element("Li"): -1, Element("O"): 2}, allow_negative=True)
    assert _outcome(check_composition, with_li, None)[3] == "amounts of elements must be positive"


@given(st.lists(st.sampled_from(["Ca", "SO", "Li", "4", "2", "0", ".", "H2O", "H", " ", "·"]),
                max_size=6).map("".join),
       st.sampled_from(["", "4.2H2O", "4.2H2O ", "4.H2O", "4.2H2", ".2H2O", "4.0H2O"]))
def test_period_dots_answers_as_both_substitutions(start: str, end: str) -> None:
    """``_period_dots`` skips its two patterns where the text has no period or no 'H2O';
    the answer is that of both substitutions applied ('CaSO4.2H2O': 'CaSO4·2H2O')."""
    text = start + end
    waters = composition._PERIOD_WATERS.sub(lambda m: f"{m.group(1)}\u00b7{m.group(2)}", text)
    assert composition._period_dots(text) == composition._PERIOD.sub("\u00b7", waters)
