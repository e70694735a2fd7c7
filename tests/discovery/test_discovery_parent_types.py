"""`discover` and `generate_candidates` take what `predict_conductivity` takes as a parent: a
formula, a CIF path, a pymatgen Composition or Structure. A Composition, and any other object
(5, None, a list, a dict), raised AttributeError ("'Composition' object has no attribute
'strip'"); a Composition is now read as its formula with the amounts given, anything else is
refused by name."""

from __future__ import annotations

import pytest

from solidcell.discovery.candidates import discover, generate_candidates
from solidcell.errors import ValidationError


@pytest.mark.parametrize("parent", [5, None, ["Li2O"], {"Li": 2, "O": 1}, 2.0])
def test_objects_that_are_no_parent_are_refused_by_name(parent) -> None:
    for call in (lambda: discover(parent, ["Mg"]), lambda: generate_candidates(parent, ["Mg"])):
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.field == "parent"


def test_a_composition_parent_gives_the_candidates_of_its_formula() -> None:
    from pymatgen.core import Composition, Species

    kwargs = {"hosts": ["Zr"], "amounts": [0.6]}  # Li(7-x)La3Zr(2-x)TaxO12, x = 0.6
    as_text = [c.formula for c in generate_candidates("Li7La3Zr2O12", ["Ta"], **kwargs)]
    as_comp = [c.formula for c in generate_candidates(Composition("Li7La3Zr2O12"), ["Ta"],
                                                      **kwargs)]
    assert as_comp == as_text == ["Li6.4La3Zr1.4Ta0.6O12"]
    ions = Composition({Species("Li", 1): 2, Species("O", -2): 1})  # oxidation states dropped
    res, ref = discover(ions, ["Mg"]), discover("Li2O", ["Mg"])
    assert res.parent == ref.parent == "Li2O"
    assert [c.candidate.formula for c in res.candidates] == \
        [c.candidate.formula for c in ref.candidates]
    assert res.parent_log10_conductivity_S_cm == ref.parent_log10_conductivity_S_cm


def test_a_composition_with_a_dummy_species_is_refused() -> None:
    from pymatgen.core import Composition, DummySpecies

    with pytest.raises(ValidationError) as err:
        discover(Composition({DummySpecies("X"): 1, "Li": 1}), ["Mg"])
    assert err.value.field == "parent"
