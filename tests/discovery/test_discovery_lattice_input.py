"""Tabulated crystal input of the structure model: a lattice must describe a cell, and one
outside the cells the model was trained on is flagged as an extrapolation, not answered as
"in the training domain" (a = 1e300 A and angles of 179.9 deg used to pass as in domain)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.discovery.dataset import load_obelix
from solidcell.discovery.features import crystal_features
from solidcell.discovery.predict import predict_conductivity
from solidcell.errors import ValidationError

CUBIC_LLZO = (12.97, 12.97, 12.97, 90, 90, 90)  # Ia-3d garnet, about 12.97 A (murugan2007)


def _volume_factor(alpha: float, beta: float, gamma: float) -> float:
    """(V / abc)^2 of a triclinic cell (International Tables, vol. B, the metric tensor)."""
    ca, cb, cg = (math.cos(math.radians(x)) for x in (alpha, beta, gamma))
    return 1 - ca**2 - cb**2 - cg**2 + 2 * ca * cb * cg


@pytest.mark.parametrize("angles", [(179.9, 179.9, 179.9), (10, 10, 90), (130, 130, 130)])
def test_angles_that_form_no_cell_are_refused(angles: tuple[float, float, float]) -> None:
    assert _volume_factor(*angles) <= 0  # no cell has these angles
    with pytest.raises(ValidationError, match="form a cell") as info:
        crystal_features("230", (12.97, 12.97, 12.97, *angles))
    assert str(info.value).startswith("crystal.lattice:")


@settings(max_examples=60, deadline=None)
@given(st.tuples(*[st.floats(1.0, 179.0)] * 3))
def test_a_lattice_is_accepted_exactly_when_its_cell_volume_is_real(angles) -> None:
    lattice = (5.0, 6.0, 7.0, *angles)  # P-1 (No. 2): triclinic, any cell
    if _volume_factor(*angles) > 0:
        assert crystal_features(2, lattice)[4:] == pytest.approx(angles)
    else:
        with pytest.raises(ValidationError, match="form a cell"):
            crystal_features(2, lattice)


def test_every_obelix_training_cell_is_a_cell() -> None:
    train = load_obelix("train")
    assert len(train) == 478  # the official OBELiX training split (docs/discovery.md)
    for entry in train:
        assert _volume_factor(*entry.lattice[3:]) > 0, entry.id


@pytest.mark.filterwarnings("ignore:overflow encountered in cast")
@pytest.mark.parametrize("a", [1e-4, 1e300])
def test_a_cell_length_outside_the_training_cells_is_an_extrapolation(a: float) -> None:
    lengths = np.array([e.lattice[:3] for e in load_obelix("train")])
    assert not lengths.min() <= a <= lengths.max()
    pred = predict_conductivity("Li7La3Zr2O12", crystal={"space_group": "230",
                                                          "lattice": (a, a, a, 90, 90, 90)})
    assert pred.in_domain is False
    assert "outside the cell lengths of the OBELiX training entries" in pred.note


def test_a_cell_like_the_training_cells_keeps_the_composition_domain_check() -> None:
    pred = predict_conductivity("Li7La3Zr2O12", crystal={"space_group": "230",
                                                          "lattice": CUBIC_LLZO})
    plain = predict_conductivity("Li7La3Zr2O12")
    assert pred.in_domain is plain.in_domain is True
    assert "cell lengths" not in pred.note


def test_a_lattice_beyond_float32_is_read_as_the_largest_without_a_warning() -> None:
    """The trees read features as float32 (as scikit-learn does): a = 1e308 A overflowed the
    cast with a RuntimeWarning. Clipped to float32's largest value, it takes the branches
    infinity would, so it predicts as any length beyond every split does (1e30 A), and it
    stays flagged as outside the training cells."""
    import warnings

    far = {"space_group": 230, "lattice": (1e308, 1e308, 1e308, 90, 90, 90)}
    beyond = {"space_group": 230, "lattice": (1e30, 1e30, 1e30, 90, 90, 90)}
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        got = predict_conductivity("Li7La3Zr2O12", crystal=far)
    ref = predict_conductivity("Li7La3Zr2O12", crystal=beyond)
    assert (got.log10_conductivity_S_cm, got.lower_log10_S_cm, got.upper_log10_S_cm) == (
        ref.log10_conductivity_S_cm, ref.lower_log10_S_cm, ref.upper_log10_S_cm)
    assert got.in_domain is False
    assert "outside the cell lengths of the OBELiX training entries" in got.note
