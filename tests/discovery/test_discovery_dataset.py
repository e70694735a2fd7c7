"""The shipped OBELiX split and the handling of censored labels."""

from __future__ import annotations

import numpy as np

from solidcell.discovery import dataset


def test_official_split_sizes_and_censored_labels() -> None:
    # OBELiX (Therrien et al., Digital Discovery 2026): 599 entries, 478 train / 121 test;
    # 37 censored "<1E-10"-type labels (29 in train, 8 in test).
    train, test = dataset.load_obelix("train"), dataset.load_obelix("test")
    assert (len(train), len(test)) == (478, 121)
    assert sum(e.censored for e in train) == 29 and sum(e.censored for e in test) == 8
    assert {e.id for e in train}.isdisjoint(e.id for e in test)
    # the split puts no publication on both sides (this is why CV is grouped by DOI)
    assert {e.doi for e in train}.isdisjoint(e.doi for e in test)
    y, cens, bound = dataset.labels(test)
    assert (y[cens] == dataset.CENSORED_LOG10).all() and (bound[cens] <= -8).all()


def test_censored_mae_counts_only_predictions_above_the_bound() -> None:
    y = np.array([-3.0, -15.0, -15.0])
    cens = np.array([False, True, True])
    bound = np.array([np.nan, -10.0, -10.0])
    pred = np.array([-4.0, -12.0, -9.0])  # errors 1, 0 (below the bound), 1 (above)
    assert dataset.censored_mae(pred, y, cens, bound) == 2 / 3
    cover = dataset.interval_covers(pred - 0.5, pred + 0.5, y, cens, bound)
    assert cover.tolist() == [False, True, False]
