"""Tabulated crystal data must be the conventional cell of the space group's crystal system.

A cell that contradicts its space group (a primitive cell of a face-centred cubic group, a
rhombohedral setting of an R group, a typo) was accepted and fed to the structure model as
features it never saw, "in domain" and without a word: Li6PS5Cl (F-43m) with its primitive
cell a = b = c = 6.999 A, angles 60 deg, was predicted -3.33 against -3.49 with the
conventional 9.898 A cell of OBELiX training entry 122. The OBELiX table gives every training
entry's conventional cell, hexagonal axes for trigonal groups (checked below on the training
split only)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.discovery.features import crystal_features, crystal_system
from solidcell.errors import ValidationError


def test_crystal_system_ranges_agree_with_pymatgen() -> None:
    from pymatgen.symmetry.groups import SpaceGroup

    for number in range(1, 231):
        assert crystal_system(number) == SpaceGroup.from_int_number(number).crystal_system


def test_every_obelix_training_cell_is_accepted() -> None:
    from solidcell.discovery.dataset import load_obelix

    for entry in load_obelix("train"):
        crystal_features(entry.space_group_number, entry.lattice)


@pytest.mark.parametrize("number, lattice", [
    (216, [6.999, 6.999, 6.999, 60, 60, 60]),     # primitive cell of F-43m Li6PS5Cl
    (166, [6.0, 6.0, 6.0, 55.0, 55.0, 55.0]),     # rhombohedral setting of R-3m
    (230, [12.97, 12.97, 13.2, 90, 90, 90]),      # cubic with c != a
    (191, [3.65, 3.65, 3.87, 90, 90, 90]),        # hexagonal with gamma 90
    (62, [12.82, 8.22, 6.12, 90, 100, 90]),       # orthorhombic with a monoclinic angle
    (14, [5.0, 6.0, 7.0, 80, 100, 90]),           # monoclinic with two oblique angles
])
def test_a_cell_of_another_crystal_system_is_refused(number, lattice) -> None:
    with pytest.raises(ValidationError) as err:
        crystal_features(number, lattice)
    assert err.value.field == "crystal.lattice"
    assert f"conventional cell of space group {number} ({crystal_system(number)})" in \
        err.value.allowed


@pytest.mark.parametrize("number, lattice", [
    (216, [9.898, 9.898, 9.898, 90, 90, 90]),    # OBELiX training entry 122, Li6PS5Cl
    (167, [5.0, 5.0, 13.0, 90, 90, 120]),        # R-3c on hexagonal axes
    (15, [7.446, 10.162, 10.172, 90, 90, 132.11]),  # C2/c, unique axis c (entry 4kt)
    (14, [5.0, 6.0, 7.0, 90, 100, 90]),
    (2, [5.0, 6.0, 7.0, 80, 85, 95]),
])
def test_conventional_cells_are_accepted(number, lattice) -> None:
    assert crystal_features(number, lattice)[0] == number


@settings(max_examples=60, deadline=None)
@given(number=st.integers(1, 230), a=st.floats(2.0, 30.0), b=st.floats(2.0, 30.0),
       c=st.floats(2.0, 30.0), beta=st.floats(95.0, 130.0))
def test_a_cell_built_from_its_crystal_system_is_accepted(number, a, b, c, beta) -> None:
    """Property: the cell the crystal system prescribes (International Tables A) passes."""
    cell = {"cubic": [a, a, a, 90, 90, 90], "tetragonal": [a, a, c, 90, 90, 90],
            "orthorhombic": [a, b, c, 90, 90, 90], "hexagonal": [a, a, c, 90, 90, 120],
            "trigonal": [a, a, c, 90, 90, 120], "monoclinic": [a, b, c, 90, beta, 90],
            "triclinic": [a, b, c, 80, beta - 10, 95]}[crystal_system(number)]
    assert crystal_features(number, cell)[0] == number


def test_cli_names_the_lattice_option(capsys) -> None:
    code, out, err = run(["predict", "Li6PS5Cl", "--space-group", "F-43m", "--lattice",
                          "6.999,6.999,6.999,60,60,60", "--no-window"], capsys)
    assert_one_line_error(code, out, err, "--lattice",
                          "conventional cell of space group 216 (cubic)")
