"""The model search (grouped CV on the training split) reproduces the shipped model's recorded
cross-validation error, and its tried-and-rejected charge features are right on known salts."""

from __future__ import annotations

import numpy as np
import pytest
from pymatgen.core import Composition

from solidcell.discovery import dataset, model, model_search
from solidcell.discovery.features import fractions_of


def test_search_reproduces_the_shipped_cv_error() -> None:
    from sklearn.model_selection import GroupKFold

    kind = "composition"
    shipped = model.read_model_file(model.shipped_model_path(kind))
    train = dataset.load_obelix("train")
    X = model.training_matrix(train, kind)
    y, cens, bound = dataset.labels(train)
    groups = np.array([e.doi for e in train])
    folds = list(GroupKFold(model.CV_FOLDS).split(X, y, groups))
    w = model.paper_weights(groups) ** model.PAPER_WEIGHT_POWER[kind]
    oof, _ = model_search._forest_oof(lambda: model_search._rf(0), X,
                                      np.where(cens, bound + model.CENSORED_OFFSET, y), folds, w)
    assert np.abs(oof - y).mean() == pytest.approx(shipped["metrics"]["cv_mae"], abs=1e-9)


@pytest.mark.parametrize(("formula", "anion_charge", "cation_charge"), [
    ("Li3PS4", 1.0, 5.0),          # S2-, P5+
    ("Li7La3Zr2O12", 24 / 24, (24 - 7) / 5),  # 12 O2- per 24 atoms; La3+ Zr4+ average 3.4
    ("Li3YCl6", 0.6, 3.0),          # Cl-, Y3+
])
def test_charge_features_recover_formal_charges(formula: str, anion_charge: float,
                                                cation_charge: float) -> None:
    row = model_search.charge_features(fractions_of([Composition(formula)]))[0]
    assert row[0] == pytest.approx(anion_charge)  # anion charge per atom
    assert row[3] == pytest.approx(cation_charge)  # mean charge of the non-Li cations
