"""The features solidcell computes now are those the shipped models were trained on.

The element-property table comes from the installed pymatgen's element data
(``features.element_table``), and pyproject allows a range of pymatgen versions: a release
that changed an element's data (a radius, an ionisation energy) would move every prediction
silently while the trees stay the same. The model files store the training split's feature
mean and standard deviation (``feature_mean``, ``feature_std``, the scaling of the neighbours
and domain check); featurising the training split again must give them back. Only the
training split is featurised (nothing is computed on the test split). The tolerance is that of
the slow retraining test (CPU-dependent last bits of the L3-norm column, docs/discovery.md)."""

from __future__ import annotations

import numpy as np
import pytest

from solidcell.discovery import dataset, model


@pytest.mark.parametrize("kind", ["composition", "structure"])
def test_training_features_reproduce_the_stored_scaling(kind: str) -> None:
    stored = model.read_model_file(model.shipped_model_path(kind))
    X = model.training_matrix(dataset.load_obelix("train"), kind)
    assert X.shape == (478, len(stored["features"]))
    np.testing.assert_allclose(X.mean(axis=0), stored["feature_mean"], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(X.std(axis=0), stored["feature_std"], rtol=1e-12, atol=1e-15)
