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
FORMAT_VERSION = 1
#: Bumped when the training recipe changes; the file records it.
#: 1.1.0: interval calibrated per publication (same trees as 1.0.0); 1.2.0: training entries
#: weighted by publication (:data:`PAPER_WEIGHT_POWER`).
MODEL_VERSION = "1.2.0"

#: Chosen by 5-fold cross-validation on the training split (see docs/discovery.md).
HYPERPARAMETERS: dict[str, Any] = {
    "n_estimators": 200, "min_samples_leaf": 3, "max_features": 0.33, "random_state": 0,
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

    @property
    def n_trees(self) -> int:
        return len(self.roots)

    def tree_predictions(self, X: np.ndarray) -> np.ndarray:
        """(n, n_trees) prediction of every tree for every row of ``X``.

        All (row, tree) pairs descend together one level per step; pairs that reached a leaf
        drop out of the working set, so the work is the total path length.
        """
        X32 = np.ascontiguousarray(X, dtype=np.float32)
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
        """(median, standard deviation) of the trees' predictions, each of shape (n,)."""
        t = self.tree_predictions(X)
        return np.median(t, axis=1), t.std(axis=1)

    def to_dict(self) -> dict[str, Any]:
        trees = []
        bounds = [*self.roots.tolist(), len(self.feature)]
        for start, stop in itertools.pairwise(bounds):
            trees.append({
                "feature": self.feature[start:stop].tolist(),
                "value": self.value[start:stop].tolist(),
                "right": (self.right[start:stop] - start).tolist(),
            })
        return {**self.meta, "trees": trees}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TreeEnsemble:
        if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise ValidationError(
                "model format", (data.get("format"), data.get("format_version")),
                f"a {FORMAT!r} file of format_version {FORMAT_VERSION}")
        feats, values, rights, roots = [], [], [], []
        offset = 0
        for tree in data["trees"]:
            f = np.asarray(tree["feature"], dtype=np.int32)
            roots.append(offset)
            feats.append(f)
            values.append(np.asarray(tree["value"], dtype=np.float64))
            rights.append(np.asarray(tree["right"], dtype=np.int64) + offset)
            offset += len(f)
        meta = {k: v for k, v in data.items() if k != "trees"}
        return cls(np.concatenate(feats), np.concatenate(values), np.concatenate(rights),
                   np.asarray(roots, dtype=np.int64), int(data["max_depth"]), meta)


def _export_trees(estimators: list[Any]) -> tuple[list[dict[str, list[Any]]], int]:
    trees, depth = [], 0
    for est in estimators:
        t = est.tree_
        left, right = t.children_left, t.children_right
        internal = left >= 0
        ids = np.arange(t.node_count)
        if not np.array_equal(left[internal], ids[internal] + 1):
            raise RuntimeError("tree is not in depth-first order; cannot export")
        value = np.where(internal, t.threshold, t.value[:, 0, 0])
        trees.append({
            "feature": np.where(internal, t.feature, -1).astype(int).tolist(),
            "value": [float(v) for v in value],
            "right": np.where(internal, right, -1).astype(int).tolist(),
        })
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


def _scores(pred: np.ndarray, spread: np.ndarray, y: np.ndarray, cens: np.ndarray,
            bound: np.ndarray) -> np.ndarray:
    err = np.where(cens, np.maximum(0.0, pred - np.nan_to_num(bound)), np.abs(pred - y))
    return err / (spread + SCALE_FLOOR)


def _conformal_quantile(scores: np.ndarray, level: float,
                        weights: np.ndarray | None = None) -> float:
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
        raise ValidationError("level", level,
                              f"at most {total / (total + 1):.3f} with these calibration scores")
    return float(scores[order][k - 1])


def paper_weights(groups: np.ndarray) -> np.ndarray:
    """Weight 1/n_p of each entry, n_p the number of entries of its publication."""
    _, inverse, counts = np.unique(np.asarray(groups), return_inverse=True, return_counts=True)
    return 1.0 / counts[inverse]


def train(progress: Any = None, kind: str = "composition") -> dict[str, Any]:
    """Fit the ``kind`` model on the OBELiX training split; return it as a JSON-able dict.

    ``progress`` (optional) is called with a short text at each step. Deterministic: the same
    library versions give the same file.
    """
    import sklearn
    from sklearn.ensemble import RandomForestRegressor
    from sklearn.model_selection import GroupKFold

    say = progress or (lambda _msg: None)
    train_set, test_set = dataset.load_obelix("train"), dataset.load_obelix("test")
    say("featurising OBELiX")
    X, Xte = training_matrix(train_set, kind), training_matrix(test_set, kind)
    y, cens, bound = dataset.labels(train_set)
    y_fit = np.where(cens, bound + CENSORED_OFFSET, y)
    groups = np.array([e.doi for e in train_set])
    sample_weight = paper_weights(groups) ** PAPER_WEIGHT_POWER[kind]

    def fit(A: np.ndarray, b: np.ndarray, w: np.ndarray) -> TreeEnsemble:
        est = RandomForestRegressor(**HYPERPARAMETERS, n_jobs=1).fit(A, b, sample_weight=w)
        trees, depth = _export_trees(est.estimators_)
        return TreeEnsemble.from_dict({"format": FORMAT, "format_version": FORMAT_VERSION,
                                       "max_depth": depth, "trees": trees})

    oof, spread = np.zeros(len(y)), np.zeros(len(y))
    for i, (a, b) in enumerate(GroupKFold(CV_FOLDS).split(X, y, groups)):
        say(f"cross-validation fold {i + 1}/{CV_FOLDS} (grouped by publication)")
        oof[b], spread[b] = fit(X[a], y_fit[a], sample_weight[a]).predict(X[b])
    raw_scores = _scores(oof, spread, y, cens, bound)
    order = np.argsort(raw_scores, kind="stable")
    scores, weights = raw_scores[order], paper_weights(groups)[order]
    q = _conformal_quantile(scores, INTERVAL_LEVEL, weights)

    say("fitting on the full training split")
    est = RandomForestRegressor(**HYPERPARAMETERS, n_jobs=1).fit(X, y_fit,
                                                                 sample_weight=sample_weight)
    trees, depth = _export_trees(est.estimators_)
    names = feature_names() + (STRUCTURE_FEATURES if kind == "structure" else ())
    model = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "model_version": MODEL_VERSION,
        "kind": kind,
        "target": "log10(ionic conductivity / S cm-1) at room temperature",
        "estimator": "sklearn.ensemble.RandomForestRegressor, median of the trees",
        "hyperparameters": HYPERPARAMETERS,
        "censored_training_offset": CENSORED_OFFSET,
        "training_weight": f"(1 / entries of the publication) ** {PAPER_WEIGHT_POWER[kind]}",
        "trained_with": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
        "dataset": {"name": "OBELiX", "source": dataset.DATASET_SOURCE, "split": "official",
                    "n_train": len(train_set), "n_test": len(test_set),
                    "censored_log10": dataset.CENSORED_LOG10},
        "features": list(names),
        "feature_mean": X.mean(axis=0).tolist(),
        "feature_std": X.std(axis=0).tolist(),
        "interval": {"level": INTERVAL_LEVEL, "q": q, "scale_floor": SCALE_FLOOR,
                     "scores": scores.tolist(), "weights": weights.tolist(),
                     "method": "normalised split-conformal on out-of-fold residuals of 5-fold "
                               "cross-validation grouped by publication; each publication "
                               "weighs the same (weight 1/n_p per entry)"},
        "max_depth": depth,
        "trees": trees,
    }
    ensemble = TreeEnsemble.from_dict(model)
    model["metrics"] = _metrics(ensemble, q, X, y, oof, spread, Xte, test_set)
    model["metrics"].update(_cv_calibration(raw_scores, groups))
    say("done")
    return model


def _metrics(ens: TreeEnsemble, q: float, X: np.ndarray, y: np.ndarray, oof: np.ndarray,
             spread: np.ndarray, Xte: np.ndarray, test_set: tuple[dataset.Entry, ...]
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
