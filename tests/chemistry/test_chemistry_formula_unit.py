"""One formula unit of a crystal cell, partly occupied sites included (H332).

pymatgen's ``reduced_composition`` reduces whole amounts only: a Ta-doped garnet cell of two
formula units with Li sites 0.8 occupied stayed Li12.8La6Zr2.8Ta1.2O24, which ``predict`` and
``discover`` showed. ``formula_unit`` divides by Z, the greatest common divisor of the counts
of each kind of site.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from pymatgen.core import Composition, Lattice, Structure

from solidcell.chemistry.composition import formula_text, formula_unit
from solidcell.materials import get

#: Li6.4La3Zr1.4Ta0.6O12 per unit: the knowledge base's Ta-doped garnet (li2012_ta_llzo)
TA_LLZO_UNIT = ([{"Li": 0.8}] * 8 + ["La"] * 3 + [{"Zr": 0.7, "Ta": 0.3}] * 2 + ["O"] * 12)


def _cell(unit: list, z: int, seed: int = 0) -> Structure:
    """A P1 cell holding ``z`` copies of the sites ``unit`` at random positions."""
    species = unit * z
    coords = np.random.default_rng(seed).random((len(species), 3))
    return Structure(Lattice.cubic(4.0 * len(species) ** (1 / 3)), species, coords)


def test_a_disordered_garnet_cell_is_its_formula_unit() -> None:
    expected = Composition(get("llzo_ta").formula)  # Li6.4La3Zr1.4Ta0.6O12
    for z in (1, 2, 8):
        cell = _cell(TA_LLZO_UNIT, z)
        # pymatgen's own reduction leaves the cell as it is
        assert cell.composition.get_reduced_formula_and_factor()[1] == 1
        unit, found = formula_unit(cell)
        assert found == z and unit.almost_equals(expected), (z, unit)
    # a Structure given where a formula is taken (stability_window, capacity) is that unit
    assert Composition(formula_text(_cell(TA_LLZO_UNIT, 2))).almost_equals(expected)


def test_an_ordered_cell_keeps_pymatgen_s_reduction() -> None:
    for formula, z in (("LiFePO4", 4), ("Li2O2", 2), ("Li7La3Zr2O12", 8)):
        unit = [str(el) for el, n in Composition(formula).items() for _ in range(int(n))]
        cell = _cell(unit, z)
        reduced, factor = cell.composition.get_reduced_composition_and_factor()
        assert formula_unit(cell) == (reduced, round(factor))
        assert formula_unit(cell)[0].reduced_formula == formula  # Li2O2: pymatgen's special


def test_kinds_sharing_no_divisor_are_one_unit() -> None:
    # one site of each kind: Li0.5LaZr0.75Ta0.25O3 is one unit (no whole number divides it)
    cell = _cell([{"Li": 0.5}, "La", {"Zr": 0.75, "Ta": 0.25}, "O", "O", "O"], 1)
    unit, z = formula_unit(cell)
    assert z == 1 and unit == cell.composition


#: distinct kinds of site: one element each at an occupancy, so no two kinds are the same
_KIND = st.tuples(st.integers(1, 6), st.sampled_from([0.25, 0.3, 0.5, 0.8, 0.875, 1.0]))


@settings(max_examples=60, deadline=None)
@given(kinds=st.lists(_KIND, min_size=1, max_size=4), z=st.integers(1, 6))
def test_z_copies_of_a_unit_give_that_unit_back(kinds: list[tuple[int, float]],
                                                z: int) -> None:
    elements = ("Li", "La", "Zr", "O")
    divisor = math.gcd(*(n for n, _ in kinds))
    unit = [{el: occ} for el, (n, occ) in zip(elements, kinds, strict=False)
            for _ in range(n // divisor)]
    cell = _cell(unit, z)
    found, factor = formula_unit(cell)
    # always: Z whole units make the cell
    assert (found * factor).almost_equals(cell.composition)
    whole = all(abs(a - round(a)) < 1e-8 for a in cell.composition.values())
    if not whole:  # a partly occupied cell: exactly the z units it was built of
        assert factor == z
        assert found.almost_equals(_cell(unit, 1).composition)
