"""The model search behind the shipped conductivity model, reproducible: grouped cross-validation
on the OBELiX training split only (the test split is never read here).

    python -m solidcell.discovery.model_search [--seeds 4] [--kind composition|structure|both]

prints, for each variant tried, the 5-fold CV MAE grouped by publication (censored labels at
-15, as the OBELiX paper) and the censored-aware MAE, each the mean over ``--seeds`` random seeds
of the estimator (seed-to-seed spread about 0.01-0.05), and the coverage of plain and
per-publication conformal intervals on held-out publications. docs/discovery.md quotes its
output. Needs scikit-learn (training dependency).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import numpy as np

from solidcell.discovery import dataset, model
from solidcell.discovery.features import ELEMENT_PROPERTIES, element_table, fractions_of

#: Formal charges used by the extra "charge" features (anions only; fixed states).
ANION_CHARGE = {"O": 2, "S": 2, "Se": 2, "Te": 2, "N": 3, "F": 1, "Cl": 1, "Br": 1, "I": 1}


def charge_features(fractions: np.ndarray) -> np.ndarray:
    """Tried, not shipped (no CV gain): anion charge per atom, Li per anion charge, number of
    anion species, mean charge of the non-Li cations, their fraction, and fraction-weighted
    means of 8 properties over the non-Li cations and of 4 over the anions."""
    from pymatgen.core import Element

    props = {name: i for i, (name, _) in enumerate(ELEMENT_PROPERTIES)}
    table = element_table()
    charge = np.zeros(table.shape[0])
    for el, q in ANION_CHARGE.items():
        charge[Element(el).Z - 1] = q
    anion = charge > 0
    cation = ~anion
    cation[[Element("Li").Z - 1, Element("H").Z - 1]] = False
    f = np.asarray(fractions, dtype=float)
    fa, fc, qa = f[:, anion].sum(1), f[:, cation].sum(1), f @ charge
    li = f[:, Element("Li").Z - 1]

    def ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.divide(a, b, out=np.zeros_like(a), where=b > 0)

    cols = [qa, ratio(li, qa), (f[:, anion] > 0).sum(1).astype(float), ratio(qa - li, fc), fc]
    for p in ("electronegativity", "ionic_radius", "Z", "row", "group", "max_oxidation_state",
              "atomic_radius", "mendeleev_number"):
        cols.append(ratio(f[:, cation] @ table[cation, props[p]], fc))
    for p in ("electronegativity", "ionic_radius", "row", "Z"):
        cols.append(ratio(f[:, anion] @ table[anion, props[p]], fa))
    return np.stack(cols, axis=1)


def _rf(seed: int, **kw: Any) -> Any:
    from sklearn.ensemble import RandomForestRegressor

    return RandomForestRegressor(**{**model.HYPERPARAMETERS, "random_state": seed, "n_jobs": 2,
                                    **kw})


def _forest_oof(est_factory: Callable[[], Any], X: np.ndarray, y_fit: np.ndarray,
                folds: list[tuple[np.ndarray, np.ndarray]], weight: np.ndarray | None,
                agg: str = "median") -> tuple[np.ndarray, np.ndarray]:
    oof, spread = np.zeros(len(y_fit)), np.zeros(len(y_fit))
    for a, b in folds:
        est = est_factory()
        est.fit(X[a], y_fit[a], sample_weight=None if weight is None else weight[a])
        if hasattr(est, "estimators_") and np.ndim(est.estimators_) == 1:
            t = np.stack([e.predict(X[b]) for e in est.estimators_], axis=1)
            oof[b] = np.median(t, axis=1) if agg == "median" else t.mean(axis=1)
            spread[b] = t.std(axis=1)
        else:
            oof[b] = est.predict(X[b])
    return oof, spread


def search(kind: str = "composition", seeds: int = 4,
           say: Callable[[str], None] = print) -> list[dict[str, Any]]:
    """Grouped-CV MAE of each variant (mean over ``seeds``); also printed through ``say``."""
    from pymatgen.core import Composition
    from sklearn.ensemble import (
        ExtraTreesRegressor,
        GradientBoostingRegressor,
        HistGradientBoostingRegressor,
    )
    from sklearn.model_selection import GroupKFold

    train = dataset.load_obelix("train")
    X = model.training_matrix(train, kind)
    F = fractions_of([Composition(e.composition) for e in train])
    y, cens, bound = dataset.labels(train)
    groups = np.array([e.doi for e in train])
    folds = list(GroupKFold(model.CV_FOLDS).split(X, y, groups))
    pw = model.paper_weights(groups)
    shipped_power = model.PAPER_WEIGHT_POWER[kind]

    def fit_label(offset: float) -> np.ndarray:
        return np.where(cens, bound + offset, y)

    variants: list[tuple[str, Callable[[int], tuple[np.ndarray, np.ndarray]]]] = [
        (f"shipped: RF median, censored at bound-0.5, paper weight power {shipped_power}",
         lambda s: _forest_oof(lambda: _rf(s), X, fit_label(-0.5), folds, pw ** shipped_power)),
        ("1.0.0: same, unweighted", lambda s: _forest_oof(
            lambda: _rf(s), X, fit_label(-0.5), folds, None)),
    ]
    for p in (0.5, 1.0):
        if p != shipped_power:
            variants.append((f"paper weight power {p}", lambda s, p=p: _forest_oof(
                lambda: _rf(s), X, fit_label(-0.5), folds, pw ** p)))
    for off in (-1.0, -2.0, -5.0):
        variants.append((f"censored trained at bound{off:+g} (unweighted)",
                         lambda s, off=off: _forest_oof(lambda: _rf(s), X, fit_label(off),
                                                        folds, None)))
    variants += [
        ("mean of the trees (unweighted)", lambda s: _forest_oof(
            lambda: _rf(s), X, fit_label(-0.5), folds, None, agg="mean")),
        ("+ 17 charge/cation/anion features (unweighted)", lambda s: _forest_oof(
            lambda: _rf(s), np.hstack([X, charge_features(F)]), fit_label(-0.5), folds, None)),
        ("extra trees, max_features 1.0 (unweighted)", lambda s: _forest_oof(
            lambda: ExtraTreesRegressor(n_estimators=200, min_samples_leaf=3, random_state=s,
                                        n_jobs=2), X, fit_label(-0.5), folds, None)),
        ("hist. gradient boosting, squared loss", lambda s: _forest_oof(
            lambda: HistGradientBoostingRegressor(learning_rate=0.05, max_iter=300,
                                                  min_samples_leaf=20, max_leaf_nodes=15,
                                                  random_state=s),
            X, fit_label(-0.5), folds, None)),
        ("gradient boosting, absolute loss", lambda s: _forest_oof(
            lambda: GradientBoostingRegressor(loss="absolute_error", learning_rate=0.05,
                                              n_estimators=300, max_depth=4,
                                              min_samples_leaf=5, subsample=0.5,
                                              max_features=0.33, random_state=s),
            X, fit_label(-0.5), folds, None)),
    ]
    rows = []
    say(f"{kind} model, grouped {model.CV_FOLDS}-fold CV on the OBELiX training split, "
        f"mean over {seeds} seeds; MAE (censored at -15) / censored-aware MAE [log10 S/cm]")
    for name, run in variants:
        maes, caes = [], []
        for s in range(seeds):
            oof, _ = run(s)
            maes.append(float(np.abs(oof - y).mean()))
            caes.append(dataset.censored_mae(oof, y, cens, bound))
        rows.append({"variant": name, "cv_mae": float(np.mean(maes)),
                     "cv_mae_min": min(maes), "cv_mae_max": max(maes),
                     "cv_mae_censored_aware": float(np.mean(caes))})
        say(f"  {name:62s} {np.mean(maes):.3f} ({min(maes):.3f}-{max(maes):.3f}) / "
            f"{np.mean(caes):.3f}")
    # interval: plain vs per-publication conformal, calibrated on 4 folds, scored on the 5th
    oof, spread = _forest_oof(lambda: _rf(0), X, fit_label(-0.5), folds, pw ** shipped_power)
    scores = model._scores(oof, spread, y, cens, bound)
    for weighted in (False, True):
        for level in (0.8, 0.9):
            entry, paper = [], []
            for cal, held in folds:
                w = model.paper_weights(groups[cal]) if weighted else None
                cover = scores[held] <= model._conformal_quantile(scores[cal], level, w)
                entry.append(cover)
                paper += [cover[groups[held] == g].mean() for g in np.unique(groups[held])]
            label = "per-publication" if weighted else "plain"
            say(f"  interval {label:16s} {level:.0%}: held-out coverage "
                f"{np.concatenate(entry).mean():.1%} of entries, {np.mean(paper):.1%} mean per "
                f"paper")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--kind", default="both", choices=["composition", "structure", "both"])
    args = ap.parse_args()
    for kind in (("composition", "structure") if args.kind == "both" else (args.kind,)):
        search(kind, args.seeds)


if __name__ == "__main__":
    main()
