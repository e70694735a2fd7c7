"""The conductivity model: a random forest stored as plain JSON, evaluated with NumPy.

Training (:func:`train`, ``solidcell train``) fits scikit-learn's ``RandomForestRegressor``
(Breiman, Mach. Learn. 45, 5 (2001)) on the OBELiX official training split and writes the trees
as arrays (feature index, threshold or leaf value, right-child index) in a gzipped JSON file.
Prediction (:class:`TreeEnsemble`) evaluates those arrays with NumPy: no pickle, no
scikit-learn, no training and no network at prediction time. The prediction is the *median* of
the trees (robust to the bimodal, heavy-tailed labels; chosen by cross-validation).

Censored labels ("<1E-10") are trained at log10(bound) - 0.5 (chosen by cross-validation among
-10, -10.5, -11, -12, -13.5, -15) instead of the OBELiX placeholder -15, which pulls the
predictions of neighbouring materials far down; they are *evaluated* at -15 too (headline MAE, as
the OBELiX paper) and with the censored-aware error of :func:`dataset.censored_mae`.

Since model 1.2.0 each training entry weighs (1/n_p)**power, n_p the entries of its publication
(power 1 for the composition model, 0.5 for the structure model; chosen by grouped CV over four
seeds, see :mod:`solidcell.discovery.model_search`): one paper's 30 substitutions of a parent no
longer outweigh 30 papers.

Since model 1.3.0 a random-forest classifier of OBELiX's structural family (garnet, NASICON,
argyrodite, ...; :func:`fit_family`) runs first, and its class probabilities are extra inputs of
the regressor (trained on grouped out-of-fold probabilities; nested inside the cross-validation).
It is stored in the same JSON tree format (leaves hold probability rows) and evaluated with NumPy.

Cross-validation groups the training entries by publication (DOI), because the official split
puts no publication in both train and test; random K-fold is optimistic here (MAE 1.03 against
1.44 grouped, for the same model).

Interval: split-conformal with a normalised score (Lei et al., JASA 113, 1094 (2018)).
Out-of-fold predictions of the grouped cross-validation give scores
r_i = |y_i - yhat_i| / (s_i + s0) (censored: max(0, yhat_i - bound_i) / (s_i + s0)), where s_i
is the standard deviation of the trees' predictions and s0 a floor; the interval is
yhat +- q (s + s0). Since model 1.1.0 every *publication* weighs the same in the quantile (each
score has weight 1/n_p, n_p the entries of its paper; the pooled per-paper score distributions of
Dunn, Wasserman & Ramdas for two-layer hierarchical data): q is the smallest score whose
cumulative weight reaches level * (P + 1), P the number of papers, so that the interval covers
the stated share of a *new paper's* entries. (Plain split-conformal, q the ceil((n+1) level)-th
smallest score, covered the stated share of entries in grouped CV but only 77 % of a held-out
paper's entries on average at 80 %; see docs/discovery.md.) Hyper-parameters were chosen by the
same cross-validation; the test split is used once, to report the error.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from solidcell.discovery import dataset
from solidcell.discovery.features import (
    STRUCTURE_FEATURES,
    feature_names,
    featurize_fractions,
    fractions_of,
)
from solidcell.errors import ValidationError

MODEL_FILE = "conductivity_model.json.gz"
#: model kind -> shipped file. "structure" adds the space group number and the lattice
#: parameters (:data:`features.STRUCTURE_FEATURES`) to the composition features; it is used
#: for CIF/Structure input.
MODEL_FILES = {"composition": MODEL_FILE, "structure": "conductivity_model_structure.json.gz"}
FORMAT = "solidcell-tree-ensemble"
#: 2: optional classifier trees (per-tree leaf probabilities) and a family stage
#: (:data:`FAMILY_KEY`); files of version 1 (models up to 1.2.0) are still read.
FORMAT_VERSION = 2
READ_VERSIONS = (1, 2)
#: Key of the structural-family classifier inside a model file.
FAMILY_KEY = "family_classifier"
#: Bumped when the training recipe changes; the file records it.
#: 1.1.0: interval calibrated per publication (same trees as 1.0.0); 1.2.0: training entries
#: weighted by publication (:data:`PAPER_WEIGHT_POWER`); 1.3.0: inferred structural-family
#: probabilities as features (:func:`fit_family`).
MODEL_VERSION = "1.3.0"

#: Chosen by 5-fold cross-validation on the training split (see docs/discovery.md).
HYPERPARAMETERS: dict[str, Any] = {
    "n_estimators": 200,
    "min_samples_leaf": 3,
    "max_features": 0.33,
    "random_state": 0,
}
#: Training weight of an entry: (1 / n_p) ** power, n_p the entries of its publication, so that
#: a paper reporting 30 substitutions of one parent does not outweigh 30 papers. Chosen by
#: grouped CV over 4 random seeds among 0, 0.5 and 1 (docs/discovery.md).
PAPER_WEIGHT_POWER = {"composition": 1.0, "structure": 0.5}
#: Training value of a censored label, relative to its bound (log10 units).
CENSORED_OFFSET = -0.5
INTERVAL_LEVEL = 0.9
SCALE_FLOOR = 0.3
CV_FOLDS = 5
#: Structural family stage (model 1.3.0): a random-forest classifier of OBELiX's "Family"
#: column (the N_FAMILIES most frequent families of the training split, the rest "other") from
#: the same features; its class probabilities are appended to the regressor's features.
#: Chosen by grouped CV over 8 seeds (docs/discovery.md); 10 families, leaves of >= 2 entries.
N_FAMILIES = 10
FAMILY_HYPERPARAMETERS: dict[str, Any] = {
    "n_estimators": 200,
    "min_samples_leaf": 2,
    "max_features": 0.33,
    "random_state": 0,
}
NO_FAMILY = "(none)"  # the OBELiX entries with an empty "Family"
OTHER_FAMILY = "other"


@dataclass(frozen=True)
class TreeEnsemble:
    """A regression-tree ensemble evaluated from arrays (all trees concatenated).

    For node ``k``: ``feature[k] < 0`` marks a leaf whose prediction is ``value[k]``; otherwise a
    sample goes to ``k + 1`` when ``x[feature[k]] <= value[k]`` (compared in float32, as
    scikit-learn does) and to ``right[k]`` otherwise. ``roots`` are the first nodes of the trees.
    """

    feature: np.ndarray
    value: np.ndarray
    right: np.ndarray
    roots: np.ndarray
    depth: int
    meta: dict[str, Any] = field(default_factory=dict)
    #: Classifier only: (leaf rows, classes) class probabilities; a leaf's ``value`` is its row.
    proba: np.ndarray | None = None
    #: Regressor with a structural-family stage (model 1.3.0): the classifier whose
    #: probabilities :meth:`inputs` appends to the features.
    family: TreeEnsemble | None = None

    @property
    def n_trees(self) -> int:
        return len(self.roots)

    def inputs(self, X: np.ndarray) -> np.ndarray:
        """The trees' input: ``X`` plus, with a family stage, the family probabilities."""
        if self.family is None:
            return X
        return np.hstack([X, self.family.predict_proba(X)])

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """(n, classes) mean of the trees' class probabilities (a classifier ensemble), summed
        tree by tree in order and divided by the number of trees, as scikit-learn does."""
        if self.proba is None:
            raise ValidationError("model", "regression trees", "a classifier ensemble")
        rows = self.tree_predictions(X).astype(np.int64)
        out = np.zeros((len(rows), self.proba.shape[1]))
        for t in range(self.n_trees):
            out += self.proba[rows[:, t]]
        return out / self.n_trees

    def tree_predictions(self, X: np.ndarray) -> np.ndarray:
        """(n, n_trees) prediction of every tree for every row of ``X``.

        All (row, tree) pairs descend together one level per step; pairs that reached a leaf
        drop out of the working set, so the work is the total path length.
        """
        # as scikit-learn's trees read X (float32); a feature beyond float32's range (a 1e308 A
        # lattice parameter) is clipped to its largest value, which takes the same branches
        # as infinity would, instead of a RuntimeWarning of the cast
        big = float(np.finfo(np.float32).max)
        X32 = np.ascontiguousarray(np.clip(X, -big, big), dtype=np.float32)
        n, d = X32.shape
        flat_x = X32.ravel()
        thr = self.value  # float32 feature vs float64 threshold, as scikit-learn compares
        node = np.tile(self.roots, n)  # pair k = (row k // n_trees, tree k % n_trees)
        base = np.repeat(np.arange(n, dtype=np.int64) * d, self.n_trees)
        active = np.flatnonzero(self.feature[node] >= 0)
        while active.size:
            cur = node[active]
            go_left = flat_x[base[active] + self.feature[cur]] <= thr[cur]
            cur = np.where(go_left, cur + 1, self.right[cur])
            node[active] = cur
            active = active[self.feature[cur] >= 0]
        return self.value[node].reshape(n, self.n_trees)

    def predict(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(median, standard deviation) of the trees' predictions, each of shape (n,).

        ``X`` holds the features named by the model file's ``"features"`` (the family
        probabilities of a family stage are added here, by :meth:`inputs`)."""
        t = self.tree_predictions(self.inputs(X))
        return np.median(t, axis=1), t.std(axis=1)

    def to_dict(self) -> dict[str, Any]:
        trees = []
        bounds = [*self.roots.tolist(), len(self.feature)]
        row = 0
        for start, stop in itertools.pairwise(bounds):
            value = self.value[start:stop]
            tree: dict[str, Any] = {"feature": self.feature[start:stop].tolist()}
            if self.proba is not None:  # leaf value = row of proba, stored per tree
                leaf = self.feature[start:stop] < 0
                rows = value[leaf].astype(np.int64)
                value = np.where(leaf, value - row, value)
                tree["proba"] = self.proba[rows].tolist()
                row += int(leaf.sum())
            tree["value"] = value.tolist()
            tree["right"] = (self.right[start:stop] - start).tolist()
            trees.append(tree)
        out = {**self.meta, "trees": trees}
        if self.family is not None:
            out[FAMILY_KEY] = self.family.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TreeEnsemble:
        if data.get("format") != FORMAT or data.get("format_version") not in READ_VERSIONS:
            raise ValidationError(
                "model format",
                (data.get("format"), data.get("format_version")),
                f"a {FORMAT!r} file of format_version {' or '.join(map(str, READ_VERSIONS))}",
            )
        feats, values, rights, roots, probas = [], [], [], [], []
        offset = row = 0
        for tree in data["trees"]:
            f = np.asarray(tree["feature"], dtype=np.int32)
            roots.append(offset)
            feats.append(f)
            value = np.asarray(tree["value"], dtype=np.float64)
            if "proba" in tree:  # classifier: leaf values are rows of the tree's proba
                value = np.where(f < 0, value + row, value)
                probas.append(np.asarray(tree["proba"], dtype=np.float64))
                row += len(tree["proba"])
            values.append(value)
            rights.append(np.asarray(tree["right"], dtype=np.int64) + offset)
            offset += len(f)
        meta = {k: v for k, v in data.items() if k not in ("trees", FAMILY_KEY)}
        family = cls.from_dict(data[FAMILY_KEY]) if FAMILY_KEY in data else None
        return cls(
            np.concatenate(feats),
            np.concatenate(values),
            np.concatenate(rights),
            np.asarray(roots, dtype=np.int64),
            int(data["max_depth"]),
            meta,
            np.concatenate(probas) if probas else None,
            family,
        )


def _export_trees(
    estimators: list[Any], columns: np.ndarray | None = None
) -> tuple[list[dict[str, list[Any]]], int]:
    """Trees of a fitted scikit-learn forest as JSON-able arrays. For a classifier, ``columns``
    are the indices into ``classes_`` of the exported probability columns (-1: a class absent
    from the training data, probability 0); each leaf then stores its probability row (the
    node's weighted class fractions, which scikit-learn's ``predict_proba`` returns) and its
    ``value`` is the row's index within the tree."""
    trees, depth = [], 0
    for est in estimators:
        t = est.tree_
        left, right = t.children_left, t.children_right
        internal = left >= 0
        ids = np.arange(t.node_count)
        if not np.array_equal(left[internal], ids[internal] + 1):
            raise RuntimeError("tree is not in depth-first order; cannot export")
        tree: dict[str, list[Any]] = {
            "feature": np.where(internal, t.feature, -1).astype(int).tolist()
        }
        if columns is None:
            value = np.where(internal, t.threshold, t.value[:, 0, 0])
        else:
            vals = t.value[:, 0, :]  # class fractions of the node (scikit-learn >= 1.4)
            vals = np.hstack([vals, np.zeros((len(vals), 1))])[:, columns]
            leaf_row = np.cumsum(~internal) - 1
            value = np.where(internal, t.threshold, leaf_row)
            tree["proba"] = [[float(v) for v in r] for r in vals[~internal]]
        tree["value"] = [float(v) for v in value]
        tree["right"] = np.where(internal, right, -1).astype(int).tolist()
        trees.append(tree)
        depth = max(depth, int(t.max_depth))
    return trees, depth


def _check_kind(kind: str) -> None:
    if kind not in MODEL_FILES:
        raise ValidationError("kind", kind, f"one of {', '.join(MODEL_FILES)}")


def training_matrix(entries: tuple[dataset.Entry, ...], kind: str = "composition") -> np.ndarray:
    """Feature matrix of OBELiX entries (from their full 'True Composition'; for ``kind``
    "structure" also their tabulated space group number and lattice parameters)."""
    from pymatgen.core import Composition

    _check_kind(kind)
    X = featurize_fractions(fractions_of([Composition(e.composition) for e in entries]))
    if kind == "structure":
        S = np.array([[e.space_group_number, *e.lattice] for e in entries], dtype=float)
        X = np.hstack([X, S])
    return X


def _scores(
    pred: np.ndarray, spread: np.ndarray, y: np.ndarray, cens: np.ndarray, bound: np.ndarray
) -> np.ndarray:
    err = np.where(cens, np.maximum(0.0, pred - np.nan_to_num(bound)), np.abs(pred - y))
    return err / (spread + SCALE_FLOOR)


def _conformal_quantile(
    scores: np.ndarray, level: float, weights: np.ndarray | None = None
) -> float:
    """Weighted split-conformal quantile: the smallest score whose cumulative weight reaches
    ``level * (sum(weights) + 1)`` (the new point weighs 1). Unit weights give the plain
    ceil((n + 1) level)-th smallest score. Raises ValidationError when no score reaches it."""
    scores = np.asarray(scores, dtype=float)
    w = np.ones_like(scores) if weights is None else np.asarray(weights, dtype=float)
    order = np.argsort(scores, kind="stable")
    cum = np.cumsum(w[order])
    if weights is None:  # exact integer arithmetic for the unweighted case
        k = math.ceil((len(scores) + 1) * level)
    else:
        k = int(np.searchsorted(cum, level * (cum[-1] + 1.0) - 1e-12)) + 1
    if k > len(scores):
        total = float(cum[-1])
        raise ValidationError(
            "level", level, f"at most {total / (total + 1):.3f} with these calibration scores"
        )
    return float(scores[order][k - 1])


def paper_weights(groups: np.ndarray) -> np.ndarray:
    """Weight 1/n_p of each entry, n_p the number of entries of its publication."""
    _, inverse, counts = np.unique(np.asarray(groups), return_inverse=True, return_counts=True)
    return 1.0 / counts[inverse]


def family_classes(entries: tuple[dataset.Entry, ...]) -> tuple[str, ...]:
    """The :data:`N_FAMILIES` most frequent OBELiX families of ``entries`` (ties by name)."""
    from collections import Counter

    counts = Counter(e.family.strip() or NO_FAMILY for e in entries)
    return tuple(sorted(counts, key=lambda f: (-counts[f], f))[:N_FAMILIES])


def family_labels(entries: tuple[dataset.Entry, ...], classes: tuple[str, ...]) -> np.ndarray:
    """Each entry's family, or :data:`OTHER_FAMILY` when it is not one of ``classes``."""
    names = [e.family.strip() or NO_FAMILY for e in entries]
    return np.array([n if n in classes else OTHER_FAMILY for n in names])


def fit_family(
    X: np.ndarray,
    labels: np.ndarray,
    classes: tuple[str, ...],
    seed: int = FAMILY_HYPERPARAMETERS["random_state"],
) -> TreeEnsemble:
    """Random-forest classifier of the structural family, exported: its
    :meth:`TreeEnsemble.predict_proba` gives the probability of each of ``classes``."""
    from sklearn.ensemble import RandomForestClassifier

    clf = RandomForestClassifier(**{**FAMILY_HYPERPARAMETERS, "random_state": seed}, n_jobs=1).fit(
        X, labels
    )
    known = list(clf.classes_)
    columns = np.array([known.index(c) if c in known else -1 for c in classes])
    trees, depth = _export_trees(clf.estimators_, columns)
    return TreeEnsemble.from_dict(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "max_depth": depth,
            "estimator": "sklearn.ensemble.RandomForestClassifier, "
            "mean of the trees' probabilities",
            "hyperparameters": {**FAMILY_HYPERPARAMETERS, "random_state": seed},
            "target": "OBELiX 'Family' column",
            "classes": list(classes),
            "trees": trees,
        }
    )


def family_oof(
    X: np.ndarray, labels: np.ndarray, groups: np.ndarray, classes: tuple[str, ...], seed: int = 0
) -> np.ndarray:
    """(n, classes) out-of-fold family probabilities, grouped by publication: the regressor is
    trained on these, so that it sees probabilities as uncertain as those of a new paper."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros((len(X), len(classes)))
    for a, b in GroupKFold(CV_FOLDS).split(X, labels, groups):
        out[b] = fit_family(X[a], labels[a], classes, seed).predict_proba(X[b])
    return out


def fit_forest(
    X: np.ndarray,
    y_fit: np.ndarray,
    weight: np.ndarray | None,
    seed: int = 0,
    family: TreeEnsemble | None = None,
    family_inputs: np.ndarray | None = None,
) -> TreeEnsemble:
    """The regression forest (:data:`HYPERPARAMETERS`, ``seed``), exported. With ``family``
    its inputs are ``X`` plus ``family_inputs`` (the training rows' out-of-fold family
    probabilities), and the returned ensemble adds ``family``'s probabilities itself."""
    from sklearn.ensemble import RandomForestRegressor

    A = X if family is None else np.hstack([X, family_inputs])
    est = RandomForestRegressor(**{**HYPERPARAMETERS, "random_state": seed}, n_jobs=1).fit(
        A, y_fit, sample_weight=weight
    )
    trees, depth = _export_trees(est.estimators_)
    ens = TreeEnsemble.from_dict(
        {"format": FORMAT, "format_version": FORMAT_VERSION, "max_depth": depth, "trees": trees}
    )
    return (
        ens
        if family is None
        else TreeEnsemble(
            ens.feature, ens.value, ens.right, ens.roots, ens.depth, ens.meta, None, family
        )
    )


def cross_validate(
    X: np.ndarray,
    y_fit: np.ndarray,
    weight: np.ndarray | None,
    groups: np.ndarray,
    labels: np.ndarray | None = None,
    classes: tuple[str, ...] = (),
    seed: int = 0,
    progress: Any = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold (median, spread) of the recipe, :data:`CV_FOLDS` folds grouped by
    publication. With family ``labels`` the family stage is nested: in each fold the
    classifier and the regressor's out-of-fold family inputs use the training folds only."""
    from sklearn.model_selection import GroupKFold

    say = progress or (lambda _msg: None)
    oof, spread = np.zeros(len(X)), np.zeros(len(X))
    for i, (a, b) in enumerate(GroupKFold(CV_FOLDS).split(X, y_fit, groups)):
        say(f"cross-validation fold {i + 1}/{CV_FOLDS} (grouped by publication)")
        w = None if weight is None else weight[a]
        if labels is None:
            ens = fit_forest(X[a], y_fit[a], w, seed)
        else:
            fam = fit_family(X[a], labels[a], classes, seed)
            inner = family_oof(X[a], labels[a], groups[a], classes, seed)
            ens = fit_forest(X[a], y_fit[a], w, seed, fam, inner)
        oof[b], spread[b] = ens.predict(X[b])
    return oof, spread


def train(progress: Any = None, kind: str = "composition") -> dict[str, Any]:
    """Fit the ``kind`` model on the OBELiX training split; return it as a JSON-able dict.

    ``progress`` (optional) is called with a short text at each step. Deterministic: the same
    library versions give the same file. Needs scikit-learn (the optional ``ml`` extra);
    predicting with the shipped models does not.
    """
    try:
        import sklearn
    except ImportError:  # was a traceback from `solidcell train`
        from solidcell.errors import UnsupportedError

        raise UnsupportedError(
            "training the conductivity model needs the optional 'ml' extra: pip install "
            "'solidcell[ml]' (scikit-learn); predicting with the shipped models does "
            "not") from None

    say = progress or (lambda _msg: None)
    train_set, test_set = dataset.load_obelix("train"), dataset.load_obelix("test")
    say("featurising OBELiX")
    X, Xte = training_matrix(train_set, kind), training_matrix(test_set, kind)
    y, cens, bound = dataset.labels(train_set)
    y_fit = np.where(cens, bound + CENSORED_OFFSET, y)
    groups = np.array([e.doi for e in train_set])
    sample_weight = paper_weights(groups) ** PAPER_WEIGHT_POWER[kind]
    classes = family_classes(train_set)
    labels = family_labels(train_set, classes)

    oof, spread = cross_validate(
        X, y_fit, sample_weight, groups, labels, classes, seed=0, progress=say
    )
    raw_scores = _scores(oof, spread, y, cens, bound)
    order = np.argsort(raw_scores, kind="stable")
    scores, weights = raw_scores[order], paper_weights(groups)[order]
    q = _conformal_quantile(scores, INTERVAL_LEVEL, weights)

    say("fitting on the full training split")
    family = fit_family(X, labels, classes)
    ens_full = fit_forest(
        X,
        y_fit,
        sample_weight,
        HYPERPARAMETERS["random_state"],
        family,
        family_oof(X, labels, groups, classes),
    )
    trees = ens_full.to_dict()["trees"]
    depth = ens_full.depth
    names = feature_names() + (STRUCTURE_FEATURES if kind == "structure" else ())
    family_names = [f"P(family = {c})" for c in classes]
    model = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "model_version": MODEL_VERSION,
        "kind": kind,
        "target": "log10(ionic conductivity / S cm-1) at room temperature",
        "estimator": "sklearn.ensemble.RandomForestRegressor, median of the trees; inputs: "
        "the features plus the family classifier's probabilities",
        "hyperparameters": HYPERPARAMETERS,
        "censored_training_offset": CENSORED_OFFSET,
        "training_weight": f"(1 / entries of the publication) ** {PAPER_WEIGHT_POWER[kind]}",
        "trained_with": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
        "dataset": {
            "name": "OBELiX",
            "source": dataset.DATASET_SOURCE,
            "split": "official",
            "n_train": len(train_set),
            "n_test": len(test_set),
            "censored_log10": dataset.CENSORED_LOG10,
        },
        "features": list(names),
        "family_features": family_names,
        "feature_mean": X.mean(axis=0).tolist(),
        "feature_std": X.std(axis=0).tolist(),
        "interval": {
            "level": INTERVAL_LEVEL,
            "q": q,
            "scale_floor": SCALE_FLOOR,
            "scores": scores.tolist(),
            "weights": weights.tolist(),
            "method": "normalised split-conformal on out-of-fold residuals of 5-fold "
            "cross-validation grouped by publication; each publication "
            "weighs the same (weight 1/n_p per entry)",
        },
        "max_depth": depth,
        "trees": trees,
        FAMILY_KEY: family.to_dict(),
    }
    ensemble = TreeEnsemble.from_dict(model)
    model["metrics"] = _metrics(ensemble, q, X, y, oof, spread, Xte, test_set)
    model["metrics"].update(_cv_calibration(raw_scores, groups))
    say("done")
    return model


def _metrics(
    ens: TreeEnsemble,
    q: float,
    X: np.ndarray,
    y: np.ndarray,
    oof: np.ndarray,
    spread: np.ndarray,
    Xte: np.ndarray,
    test_set: tuple[dataset.Entry, ...],
) -> dict[str, float]:
    _, cens_tr, bound_tr = dataset.labels(dataset.load_obelix("train"))
    yte, cens, bound = dataset.labels(test_set)
    pred, s = ens.predict(Xte)
    half = q * (s + SCALE_FLOOR)
    cover = dataset.interval_covers(pred - half, pred + half, yte, cens, bound)
    half_cv = q * (spread + SCALE_FLOOR)
    cover_cv = dataset.interval_covers(oof - half_cv, oof + half_cv, y, cens_tr, bound_tr)
    return {
        "cv_mae": float(np.abs(oof - y).mean()),
        "cv_mae_censored_aware": dataset.censored_mae(oof, y, cens_tr, bound_tr),
        "cv_coverage": float(cover_cv.mean()),
        "test_mae": float(np.abs(pred - yte).mean()),
        "test_mae_censored_aware": dataset.censored_mae(pred, yte, cens, bound),
        "test_mae_uncensored_only": float(np.abs(pred - yte)[~cens].mean()),
        "test_coverage": float(cover.mean()),
        "test_mean_interval_width": float((2 * half).mean()),
        "median_predictor_test_mae": float(np.abs(np.median(y) - yte).mean()),
    }


def _cv_calibration(scores: np.ndarray, groups: np.ndarray) -> dict[str, float]:
    """Coverage of the 80 % and 90 % intervals on held-out publications: calibrated on the
    out-of-fold scores of the other four folds, evaluated on the fifth (grouped folds), as the
    share of entries and as the mean over the held-out papers of each paper's covered share."""
    from sklearn.model_selection import GroupKFold

    out: dict[str, float] = {}
    for level in (0.8, 0.9):
        per_entry, per_paper = [], []
        for cal, held in GroupKFold(CV_FOLDS).split(scores, scores, groups):
            q = _conformal_quantile(scores[cal], level, paper_weights(groups[cal]))
            cover = scores[held] <= q
            per_entry.append(cover)
            per_paper += [cover[groups[held] == g].mean() for g in np.unique(groups[held])]
        pct = round(level * 100)
        out[f"cv_heldout_coverage_{pct}"] = float(np.concatenate(per_entry).mean())
        out[f"cv_heldout_paper_mean_coverage_{pct}"] = float(np.mean(per_paper))
    return out


def save(model: dict[str, Any], path: str | Path) -> Path:
    """Write the model as gzipped JSON (deterministic bytes: no timestamp in the gzip header)."""
    path = Path(path)
    raw = json.dumps(model, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return path


def shipped_model_path(kind: str = "composition") -> Path:
    """Path of the ``kind`` model file shipped in the package."""
    _check_kind(kind)
    return Path(str(resources.files("solidcell.discovery.data").joinpath(MODEL_FILES[kind])))


def read_model_file(path: str | Path) -> dict[str, Any]:
    """The model dict of a gzipped JSON file (no code is executed: JSON only)."""
    try:
        return json.loads(gzip.decompress(Path(path).read_bytes()).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError("model file", str(path), f"a gzipped JSON model ({exc})") from None


@lru_cache(maxsize=4)
def load_model(path: str | None = None, kind: str = "composition") -> TreeEnsemble:
    """The shipped ``kind`` model (or the one at ``path``), ready to predict."""
    return TreeEnsemble.from_dict(read_model_file(path or shipped_model_path(kind)))
