"""The model search behind the shipped conductivity model, reproducible: grouped cross-validation
on the OBELiX training split only (the test split is never read here).

    python -m solidcell.discovery.model_search [--seeds 4] [--kind composition|structure|both]
        [--only TEXT] [--cifs PATH]

prints, for each variant tried, the 5-fold CV MAE grouped by publication (censored labels at
-15, as the OBELiX paper) and the censored-aware MAE, each the mean over ``--seeds`` random seeds
of the estimator (seed-to-seed spread about 0.01-0.05), and the coverage of plain and
per-publication conformal intervals on held-out publications. docs/discovery.md quotes its
output. ``--only`` runs the variants whose name contains TEXT (or one of "A|B"; the whole
search takes ~25 min per kind on 2 cores); ``--cifs`` is the OBELiX CIF archive
(``all_cifs.tar.gz`` of the OBELiX repository, randomised CIFs of 321 of the 599 entries, not
shipped) for the Li-sublattice variant of the structure model, skipped without it. Needs
scikit-learn (training dependency).
"""

from __future__ import annotations

import argparse
import tarfile
import warnings
from collections.abc import Callable
from pathlib import Path
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
    for p in (
        "electronegativity",
        "ionic_radius",
        "Z",
        "row",
        "group",
        "max_oxidation_state",
        "atomic_radius",
        "mendeleev_number",
    ):
        cols.append(ratio(f[:, cation] @ table[cation, props[p]], fc))
    for p in ("electronegativity", "ionic_radius", "row", "Z"):
        cols.append(ratio(f[:, anion] @ table[anion, props[p]], fa))
    return np.stack(cols, axis=1)


LI_SUBLATTICE_FEATURES = (
    "Li sites per nm3",
    "Li atoms per nm3",
    "Li site occupancy",
    "Li-Li nearest median",
    "Li-Li nearest min",
    "Li-anion nearest mean",
    "Li coordination mean",
    "Li neighbours within 3.2 A",
    "packing fraction",
    "volume per anion",
    "disordered site fraction",
)


def amounts_of(comps: list[Any]) -> np.ndarray:
    """(n, 103) element amounts of each composition as written (not normalised)."""
    out = np.zeros((len(comps), 103))
    for i, comp in enumerate(comps):
        for el, amount in comp.items():
            out[i, el.Z - 1] = amount
    return out


def density_features(entries: Any) -> np.ndarray:
    """Tried, not shipped (within selection noise): (n, 5) volume per atom [A3], Li atoms per
    nm3, volume per anion and per Li atom [A3], atoms per A3, from the OBELiX table's lattice
    (triclinic cell volume) and cell content ("True Composition"), so for every entry, unlike
    the CIF-based Li-sublattice descriptors."""
    from pymatgen.core import Composition

    rows = []
    for e in entries:
        a, b, c, *angles = e.lattice
        ca, cb, cg = np.cos(np.radians(angles))
        volume = a * b * c * np.sqrt(max(1 - ca**2 - cb**2 - cg**2 + 2 * ca * cb * cg, 1e-12))
        comp = Composition(e.composition)
        li = comp["Li"]
        anions = sum(comp[el] for el in ANION_CHARGE)
        rows.append([volume / comp.num_atoms, li / volume * 1e3, volume / max(anions, 1e-9),
                     volume / max(li, 1e-9), comp.num_atoms / volume])
    return np.array(rows)


OXIDATION_FEATURES = (
    "cation charge mean",
    "cation charge min",
    "cation charge max",
    "cation charge range",
    "anion charge mean",
    "Li per anion charge",
    "mixed-valence cation fraction",
    "cation radius mean",
    "cation radius min",
    "cation radius max",
    "cation radius charge-weighted mean",
    "anion radius mean",
    "anion radius max",
    "cation/anion radius ratio",
    "cation charge density mean",
    "cation charge density max",
    "anion radius per charge mean",
    "anion radius per charge max",
    "balanced",
    "net charge residual",
)


def _species_radius(symbol: str, state: int) -> float:
    """Radius [A] of an ion: pymatgen's ``Species.ionic_radius`` (Shannon crystal radius,
    6-coordinate where tabulated: La3+ 1.172, O2- 1.26), else the element's
    ``average_ionic_radius``, else its atomic radius (H+, H-, P3-, P4+, Ga+, Ge3+, S-, Se2+ in the
    training split have no tabulated radius)."""
    from pymatgen.core import Element, Species

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = Species(symbol, state).ionic_radius if state else None
        el = Element(symbol)
        for value in (r, el.average_ionic_radius, el.atomic_radius):
            if value is not None and float(value) > 0:
                return float(value)
    return 1.0


def oxidation_features(comps: list[Any]) -> np.ndarray:
    """Tried after 1.3.0: (n, 20) :data:`OXIDATION_FEATURES` of each composition from its
    per-composition oxidation-state assignment (:func:`solidcell.chemistry.oxidation.
    oxidation_states`, which balances fractional formulas) and the ionic radius of each
    species (:func:`_species_radius`, Angstrom).

    "Cations" are the positive ions other than Li (the framework; H+ included), statistics
    weighted by amount: charge mean/min/max/range, radius mean/min/max and charge-weighted mean,
    charge density q/r^2 [e/A2] mean and max; anions: mean |q|, radius mean and max, radius per
    charge r/|q| (a polarisability proxy) mean and max; Li atoms per unit of anion charge;
    the share of the cation amount on transition metals with more than one common state;
    cation/anion mean radius ratio; 1 if balanced; |net charge| / positive charge. Without a
    non-Li cation (Li3N, LiI) or an anion, that group's columns are 0; a composition no
    assignment balances gets 0 everywhere (``balanced`` 0)."""
    from pymatgen.core import Composition, Element

    from solidcell.chemistry.oxidation import oxidation_states

    rows = np.zeros((len(comps), len(OXIDATION_FEATURES)))
    cache: dict[str, np.ndarray] = {}
    for i, comp in enumerate(comps):
        comp = Composition(comp)
        key = comp.formula
        if key not in cache:
            cache[key] = row = np.zeros(len(OXIDATION_FEATURES))
            states = oxidation_states(comp)
            if states is not None:
                amt = {str(el): float(a) for el, a in comp.get_el_amt_dict().items()}
                cat = [(s, q, amt[s], _species_radius(s, q)) for s, q in states.items()
                       if q > 0 and s != "Li"]
                an = [(s, -q, amt[s], _species_radius(s, q)) for s, q in states.items()
                      if q < 0]
                if cat:
                    q, n, r = (np.array([c[k] for c in cat], dtype=float) for k in (1, 2, 3))
                    w = n / n.sum()
                    mixed = [Element(c[0]).is_transition_metal
                             and len(Element(c[0]).common_oxidation_states) > 1 for c in cat]
                    row[[0, 1, 2, 3]] = w @ q, q.min(), q.max(), q.max() - q.min()
                    row[6] = w @ np.array(mixed, dtype=float)
                    row[[7, 8, 9, 10]] = w @ r, r.min(), r.max(), (n * q) @ r / (n @ q)
                    row[[14, 15]] = w @ (q / r**2), (q / r**2).max()
                if an:
                    q, n, r = (np.array([c[k] for c in an], dtype=float) for k in (1, 2, 3))
                    w = n / n.sum()
                    row[[4, 5, 11, 12]] = w @ q, amt.get("Li", 0.0) / (n @ q), w @ r, r.max()
                    row[[16, 17]] = w @ (r / q), (r / q).max()
                    if cat:
                        row[13] = row[7] / row[11]
                charges = np.array([q * amt[s] for s, q in states.items()])
                row[18] = 1.0
                row[19] = abs(charges.sum()) / charges[charges > 0].sum()
        rows[i] = cache[key]
    return rows


def li_sublattice_features(structure: Any) -> np.ndarray:
    """Tried, not shipped (no CV gain): descriptors of the Li sublattice of a pymatgen Structure.

    Li sites (sites holding Li) and Li atoms (their occupancy) per nm3; Li atoms per Li site;
    median and minimum over Li sites of the nearest Li-Li distance beyond 1.5 A (closer sites
    are split positions that cannot be occupied together); mean nearest Li-anion distance and
    mean number of anions within 1.25 times it; mean Li occupancy within 3.2 A of a Li site;
    occupancy-weighted ionic volume (pymatgen's average ionic radius) per cell volume; cell
    volume per anion; share of partially occupied or mixed sites. 6 A stands in for "none".
    """
    from pymatgen.core import Element

    anions = set(ANION_CHARGE)
    amounts = [site.species.get_el_amt_dict() for site in structure]
    occ_li = np.array([a.get("Li", 0.0) for a in amounts])
    is_anion = np.array([any(k in anions for k in a) for a in amounts])
    li = np.flatnonzero(occ_li > 0)
    cutoff = 6.0
    ci, ni, _, dist = structure.get_neighbor_list(cutoff)
    lili, lian, coord, conn = [], [], [], []
    for i in li:
        m = (ci == i) & (dist > 0.3)
        li_far = m & (occ_li[ni] > 0) & (dist > 1.5)
        lili.append(dist[li_far].min() if li_far.any() else cutoff)
        conn.append(occ_li[ni[li_far & (dist <= 3.2)]].sum())
        da = dist[m & is_anion[ni]]
        lian.append(da.min() if da.size else cutoff)
        coord.append(int((da <= 1.25 * da.min()).sum()) if da.size else 0)
    packed = sum(
        amt
        * 4
        / 3
        * np.pi
        * float(Element(el).average_ionic_radius or Element(el).atomic_radius or 1.0) ** 3
        for a in amounts
        for el, amt in a.items()
    )
    vol = structure.volume
    n_anion = sum(v for a in amounts for k, v in a.items() if k in anions)
    disordered = np.mean([sum(a.values()) < 0.999 or len(a) > 1 for a in amounts])

    def avg(v: list[float], default: float) -> float:
        return float(np.mean(v)) if v else default

    return np.array(
        [
            1000 * len(li) / vol,
            1000 * occ_li.sum() / vol,
            occ_li.sum() / max(len(li), 1),
            float(np.median(lili)) if lili else cutoff,
            min(lili, default=cutoff),
            avg(lian, cutoff),
            avg(coord, 0.0),
            avg(conn, 0.0),
            packed / vol,
            min(vol / n_anion, 200.0) if n_anion else 200.0,
            float(disordered),
        ]
    )


def cif_features(
    entries: tuple[dataset.Entry, ...], archive: Path
) -> tuple[np.ndarray, np.ndarray]:
    """(Li-sublattice features, has-CIF mask) of ``entries`` from the OBELiX CIF archive
    (entries without a CIF: -1 in every column)."""
    from pymatgen.core import Structure

    out = np.full((len(entries), len(LI_SUBLATTICE_FEATURES)), -1.0)
    index = {e.id: i for i, e in enumerate(entries)}
    with tarfile.open(archive) as tar, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for member in tar.getmembers():
            name = Path(member.name)
            if name.suffix != ".cif" or name.stem not in index:
                continue
            text = tar.extractfile(member).read().decode("utf-8")
            out[index[name.stem]] = li_sublattice_features(Structure.from_str(text, "cif"))
    return out, (out[:, 0] != -1.0)


def _knn_oof(
    X: np.ndarray, y_fit: np.ndarray, folds: list[tuple[np.ndarray, np.ndarray]], k: int
) -> np.ndarray:
    """Mean label of the k nearest training entries in the standardised feature space."""
    out = np.zeros(len(y_fit))
    for a, b in folds:
        mu, sd = X[a].mean(0), X[a].std(0)
        sd[sd == 0] = 1.0
        A, B = (X[a] - mu) / sd, (X[b] - mu) / sd
        d2 = (B**2).sum(1)[:, None] + (A**2).sum(1)[None, :] - 2.0 * B @ A.T
        out[b] = y_fit[a][np.argsort(d2, axis=1, kind="stable")[:, :k]].mean(1)
    return out


def _classifier_oof(
    X: np.ndarray,
    target: np.ndarray,
    folds: list[tuple[np.ndarray, np.ndarray]],
    weight: np.ndarray | None,
    seed: int,
) -> np.ndarray:
    """Out-of-fold probability of a binary target: a regression forest on the 0/1 indicator
    (the mean of its trees), the shipped hyper-parameters."""
    out = np.zeros(len(target))
    for a, b in folds:
        est = _rf(seed).fit(
            X[a], target[a].astype(float), sample_weight=None if weight is None else weight[a]
        )
        out[b] = est.predict(X[b])
    return out


def _qrf_oof(
    X: np.ndarray,
    y_fit: np.ndarray,
    folds: list[tuple[np.ndarray, np.ndarray]],
    weight: np.ndarray,
    seed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Quantile-forest median (Meinshausen, JMLR 7, 983 (2006)): the weighted median of the
    training labels, each weighing its (sample-weighted) share of every tree's leaf that the
    new entry falls in, instead of the median of the trees' leaf means."""
    oof = np.zeros(len(y_fit))
    for a, b in folds:
        est = _rf(seed).fit(X[a], y_fit[a], sample_weight=weight[a])
        leaf_a, leaf_b = est.apply(X[a]), est.apply(X[b])
        W = np.zeros((len(b), len(a)))
        for t in range(leaf_a.shape[1]):
            same = (leaf_b[:, t][:, None] == leaf_a[:, t][None, :]) * weight[a][None, :]
            W += same / same.sum(axis=1, keepdims=True)
        order = np.argsort(y_fit[a], kind="stable")
        cum = np.cumsum(W[:, order], axis=1)
        k = (cum < 0.5 * cum[:, -1:]).sum(axis=1)
        oof[b] = y_fit[a][order][k]
    return oof, np.zeros(len(y_fit))


def _rf(seed: int, **kw: Any) -> Any:
    from sklearn.ensemble import RandomForestRegressor

    return RandomForestRegressor(
        **{**model.HYPERPARAMETERS, "random_state": seed, "n_jobs": 2, **kw}
    )


def _forest_oof(
    est_factory: Callable[[], Any],
    X: np.ndarray,
    y_fit: np.ndarray,
    folds: list[tuple[np.ndarray, np.ndarray]],
    weight: np.ndarray | None,
    agg: str = "median",
) -> tuple[np.ndarray, np.ndarray]:
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


def _oxidation_cv(
    X: np.ndarray,
    Q: np.ndarray,
    y_fit: np.ndarray,
    weight: np.ndarray,
    groups: np.ndarray,
    labels: np.ndarray,
    classes: tuple[str, ...],
    seed: int,
    top: int,
) -> dict[str, Any]:
    """The 1.3.0 recipe on ``X`` + all columns of ``Q`` (the folds, family stage and seeds of
    :func:`model.cross_validate`, so the same out-of-fold predictions), and nested in each
    outer fold: the ``top`` columns of ``Q`` used in most splits of that fold's regressor
    (training folds only), refitted on ``X`` + those. Also the held-out permutation importance
    of each ``Q`` column (MAE increase when it is shuffled in the held-out fold, labels as
    trained) and its share of the regressor's splits, averaged over the folds: diagnostics."""
    from sklearn.model_selection import GroupKFold

    n, k = len(X), Q.shape[1]
    full, full_sd, sub, sub_sd = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    perm, splits, chosen = np.zeros(k), np.zeros(k), np.zeros(k)
    rng = np.random.default_rng(seed)
    XO = np.hstack([X, Q])
    for a, b in GroupKFold(model.CV_FOLDS).split(XO, y_fit, groups):
        fam = model.fit_family(XO[a], labels[a], classes, seed)
        inner = model.family_oof(XO[a], labels[a], groups[a], classes, seed)
        ens = model.fit_forest(XO[a], y_fit[a], weight[a], seed, fam, inner)
        full[b], full_sd[b] = ens.predict(XO[b])
        base = np.abs(full[b] - y_fit[b]).mean()
        for j in range(k):
            Xp = XO[b].copy()
            Xp[:, X.shape[1] + j] = rng.permutation(Xp[:, X.shape[1] + j])
            perm[j] += (np.abs(ens.predict(Xp)[0] - y_fit[b]).mean() - base) / model.CV_FOLDS
        used = ens.feature[ens.feature >= 0]
        mine = used[(used >= X.shape[1]) & (used < X.shape[1] + k)] - X.shape[1]
        count = np.bincount(mine, minlength=k)
        splits += count / len(used) / model.CV_FOLDS
        pick = np.argsort(-count, kind="stable")[:top]
        chosen[pick] += 1
        XS = np.hstack([X, Q[:, pick]])
        fam = model.fit_family(XS[a], labels[a], classes, seed)
        inner = model.family_oof(XS[a], labels[a], groups[a], classes, seed)
        sub[b], sub_sd[b] = model.fit_forest(XS[a], y_fit[a], weight[a], seed, fam,
                                             inner).predict(XS[b])
    return {"full": (full, full_sd), "top": (sub, sub_sd), "permutation": perm,
            "split share": splits, "chosen": chosen}


def search(
    kind: str = "composition",
    seeds: int = 4,
    say: Callable[[str], None] = print,
    only: str | None = None,
    cif_archive: Path | None = None,
) -> list[dict[str, Any]]:
    """Grouped-CV MAE of each variant (mean over ``seeds``); also printed through ``say``.

    Refused before any work (ValidationError): ``seeds`` not a whole number >= 1 (0 raised
    ValueError after the featurising), a ``cif_archive`` that is not a file (it was skipped
    without a word), an ``only`` that names no variant (it ran the interval step alone)."""
    from solidcell.checks import is_integer
    from solidcell.errors import ValidationError

    if not is_integer(seeds) or seeds < 1:
        raise ValidationError("seeds", seeds, "a whole number >= 1")
    if cif_archive is not None and not Path(cif_archive).is_file():
        raise ValidationError("cifs", str(cif_archive), "the OBELiX all_cifs.tar.gz file")
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
    n_papers = np.array([len(set(groups[F[:, z] > 0])) for z in range(F.shape[1])])
    elements5 = np.flatnonzero(n_papers >= 5)

    def fit_label(offset: float) -> np.ndarray:
        return np.where(cens, bound + offset, y)

    classes = model.family_classes(train)
    labels = model.family_labels(train, classes)
    w_ship = pw**shipped_power

    def forest_cv(
        est: Callable[[], Any],
        features: np.ndarray | None = None,
        weight: np.ndarray | None = w_ship,
        offset: float = -0.5,
        agg: str = "median",
    ) -> tuple[np.ndarray, np.ndarray]:
        """Grouped out-of-fold predictions of ``est`` (defaults: X, shipped weights, bound-0.5)."""
        return _forest_oof(est, X if features is None else features, fit_label(offset), folds,
                           weight, agg)

    def shipped(s: int) -> tuple[np.ndarray, np.ndarray]:
        return model.cross_validate(X, fit_label(-0.5), w_ship, groups, labels, classes, seed=s)

    def v12(s: int) -> tuple[np.ndarray, np.ndarray]:
        return forest_cv(lambda: _rf(s))

    cache: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}

    def cached(
        name: str, fn: Callable[[int], tuple[np.ndarray, np.ndarray]], s: int
    ) -> tuple[np.ndarray, np.ndarray]:
        if (name, s) not in cache:
            cache[name, s] = fn(s)
        return cache[name, s]

    def insulator_two_stage(s: int, threshold: float) -> tuple[np.ndarray, np.ndarray]:
        oof, spread = cached("1.2.0", v12, s)
        p = _classifier_oof(X, cens, folds, w_ship, s)
        return np.where(p > threshold, dataset.CENSORED_LOG10, oof), spread

    def snap(s: int, below: float) -> tuple[np.ndarray, np.ndarray]:
        oof, spread = cached("1.2.0", v12, s)
        return np.where(oof < below, dataset.CENSORED_LOG10, oof), spread

    def knn_blend(s: int, k: int, w: float) -> tuple[np.ndarray, np.ndarray]:
        oof, spread = cached("1.2.0", v12, s)
        return (1 - w) * oof + w * _knn_oof(X, fit_label(-0.5), folds, k), spread

    def family_variant(
        s: int, n: int = model.N_FAMILIES, leaf: int | None = None, hard: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        from collections import Counter

        counts = Counter(e.family.strip() or model.NO_FAMILY for e in train)
        cl = tuple(sorted(counts, key=lambda f: (-counts[f], f))[:n])
        lab = model.family_labels(train, cl)
        saved = dict(model.FAMILY_HYPERPARAMETERS)
        try:
            if leaf is not None:
                model.FAMILY_HYPERPARAMETERS["min_samples_leaf"] = leaf
            if not hard:
                return model.cross_validate(X, fit_label(-0.5), w_ship, groups, lab, cl, seed=s)
            oof, spread = np.zeros(len(y)), np.zeros(len(y))
            for a, b in folds:  # one-hot of the most probable family instead of probabilities

                def onehot(P: np.ndarray) -> np.ndarray:
                    h = np.zeros_like(P)
                    h[np.arange(len(P)), P.argmax(1)] = P.max(1) > 0
                    return h

                inner = onehot(model.family_oof(X[a], lab[a], groups[a], cl, s))
                outer = onehot(model.fit_family(X[a], lab[a], cl, s).predict_proba(X[b]))
                est = _rf(s).fit(
                    np.hstack([X[a], inner]), fit_label(-0.5)[a], sample_weight=w_ship[a]
                )
                t = np.stack([e.predict(np.hstack([X[b], outer])) for e in est.estimators_], 1)
                oof[b], spread[b] = np.median(t, 1), t.std(1)
            return oof, spread
        finally:
            model.FAMILY_HYPERPARAMETERS.update(saved)

    shipped_name = (
        f"shipped 1.3.0: 1.2.0 + inferred family probabilities (top {model.N_FAMILIES}, nested)"
    )
    variants: list[tuple[str, Callable[[int], tuple[np.ndarray, np.ndarray]]]] = [
        (shipped_name, shipped),
        (
            f"1.2.0: RF median, censored at bound-0.5, paper weight power {shipped_power}",
            lambda s: cached("1.2.0", v12, s),
        ),
        (
            "1.0.0: same, unweighted",
            lambda s: forest_cv(lambda: _rf(s), weight=None),
        ),
    ]
    for p in (0.5, 1.0):
        if p != shipped_power:
            variants.append(
                (
                    f"1.2.0 with paper weight power {p}",
                    lambda s, p=p: forest_cv(lambda: _rf(s), weight=pw**p),
                )
            )
    for off in (-1.0, -2.0, -5.0):
        variants.append(
            (
                f"censored trained at bound{off:+g} (unweighted)",
                lambda s, off=off: forest_cv(lambda: _rf(s), weight=None, offset=off),
            )
        )
    variants += [
        (
            "mean of the trees (unweighted)",
            lambda s: forest_cv(lambda: _rf(s), weight=None, agg="mean"),
        ),
        (
            "+ 17 charge/cation/anion features (unweighted)",
            lambda s: forest_cv(lambda: _rf(s), np.hstack([X, charge_features(F)]), weight=None),
        ),
        (
            "extra trees, max_features 1.0 (unweighted)",
            lambda s: forest_cv(
                lambda: ExtraTreesRegressor(
                    n_estimators=200, min_samples_leaf=3, random_state=s, n_jobs=2
                ),
                weight=None,
            ),
        ),
        (
            "hist. gradient boosting, squared loss",
            lambda s: forest_cv(
                lambda: HistGradientBoostingRegressor(
                    learning_rate=0.05,
                    max_iter=300,
                    min_samples_leaf=20,
                    max_leaf_nodes=15,
                    random_state=s,
                ),
                weight=None,
            ),
        ),
        (
            "gradient boosting, absolute loss",
            lambda s: forest_cv(
                lambda: GradientBoostingRegressor(
                    loss="absolute_error",
                    learning_rate=0.05,
                    n_estimators=300,
                    max_depth=4,
                    min_samples_leaf=5,
                    subsample=0.5,
                    max_features=0.33,
                    random_state=s,
                ),
                weight=None,
            ),
        ),
        # --- tried for 1.3.0 (on top of 1.2.0) ---
        (
            "1.2.0 + insulator classifier: -15 where P(censored) > 0.5",
            lambda s: insulator_two_stage(s, 0.5),
        ),
        (
            "1.2.0 + insulator classifier: -15 where P(censored) > 0.6",
            lambda s: insulator_two_stage(s, 0.6),
        ),
        ("1.2.0, -15 where the prediction is below -8.5", lambda s: snap(s, -8.5)),
        ("1.2.0 blended with 3-NN mean (weight 0.1)", lambda s: knn_blend(s, 3, 0.1)),
        ("1.2.0 blended with 3-NN mean (weight 0.3)", lambda s: knn_blend(s, 3, 0.3)),
        (
            "1.2.0 with min_samples_leaf 2",
            lambda s: forest_cv(lambda: _rf(s, min_samples_leaf=2)),
        ),
        (
            "1.2.0 with max_features 0.2",
            lambda s: forest_cv(lambda: _rf(s, max_features=0.2)),
        ),
        (
            "1.2.0 + fractions of the 34 elements in >= 5 papers",
            lambda s: forest_cv(lambda: _rf(s), np.hstack([X, F[:, elements5]])),
        ),
        (
            "1.2.0 with a quantile-forest median",
            lambda s: _qrf_oof(X, fit_label(-0.5), folds, w_ship, s),
        ),
        (
            "1.2.0 with absolute-error splits",
            lambda s: forest_cv(lambda: _rf(s, criterion="absolute_error")),
        ),
        ("1.3.0 with the top 6 families", lambda s: family_variant(s, n=6)),
        ("1.3.0 with the top 15 families", lambda s: family_variant(s, n=15)),
        ("1.3.0 with classifier leaves of >= 5", lambda s: family_variant(s, leaf=5)),
        (
            "1.3.0 with a one-hot of the most probable family",
            lambda s: family_variant(s, hard=True),
        ),
    ]
    # --- tried after 1.3.0: the OBELiX paper's RF inputs (benchmark/tuning.py of the OBELiX
    # repository: element amounts of "True Composition", space group, lattice) ---
    n_comp = X.shape[1] - (7 if kind == "structure" else 0)  # Magpie-style columns of X
    S = X[:, n_comp:]  # space group and lattice (structure model), else no column
    cell = amounts_of([Composition(e.composition) for e in train])
    written = amounts_of([Composition(e.formula) for e in train])
    for label, amounts in (
        ("unit-cell element amounts instead of Magpie (needs Z: unknown for a formula)", cell),
        ("element amounts of the reduced formula instead of Magpie", written),
    ):
        variants.append(
            (
                f"1.2.0, {label}",
                lambda s, A=amounts: forest_cv(lambda: _rf(s), np.hstack([A, S])),
            )
        )
    variants.append(
        (
            "1.3.0, the 103 element fractions instead of Magpie",
            lambda s: model.cross_validate(
                np.hstack([F, S]), fit_label(-0.5), w_ship, groups, labels, classes, seed=s
            ),
        )
    )
    if kind == "structure":  # tried after 1.3.0: cell density from the table's lattice
        D = density_features(train)
        for label, extra in (("5 density features", D), ("5 density features + unit-cell "
                                                          "element amounts", np.hstack([D, cell])),
                             ("unit-cell element amounts", cell)):
            variants.append((
                f"1.3.0 + {label}",
                lambda s, E=extra: model.cross_validate(
                    np.hstack([X, E]), fit_label(-0.5), w_ship, groups, labels, classes, seed=s),
            ))
    # tried after 1.3.0: oxidation-state features from the per-composition assignment
    Q = oxidation_features([e.composition for e in train])
    ox_top = 5
    ox_runs: dict[int, dict[str, Any]] = {}

    def ox(s: int) -> dict[str, Any]:
        if s not in ox_runs:
            ox_runs[s] = _oxidation_cv(X, Q, fit_label(-0.5), w_ship, groups, labels, classes,
                                       s, ox_top)
        return ox_runs[s]

    variants += [
        (f"1.3.0 + {Q.shape[1]} oxidation-state features", lambda s: ox(s)["full"]),
        (f"1.3.0 + top {ox_top} oxidation-state features (per fold, by split count)",
         lambda s: ox(s)["top"]),
    ]
    if kind == "structure" and cif_archive is not None and Path(cif_archive).is_file():
        L, has_cif = cif_features(train, Path(cif_archive))
        variants.append(
            (
                f"1.2.0 + 11 Li-sublattice features from the CIFs ({has_cif.sum()} "
                "entries; -1 without)",
                lambda s: forest_cv(lambda: _rf(s), np.hstack([X, L])),
            )
        )
    if only:  # "a|b": the variants whose name contains a or b
        names = [v[0] for v in variants]
        variants = [v for v in variants if any(part in v[0] for part in only.split("|"))]
        if not variants:
            raise ValidationError("only", only, "a part of a variant name ('a|b': either): "
                                  + "; ".join(names))
    rows = []
    say(
        f"{kind} model, grouped {model.CV_FOLDS}-fold CV on the OBELiX training split, "
        f"mean over {seeds} seeds; MAE (censored at -15) / censored-aware MAE [log10 S/cm]"
    )
    for name, run in variants:
        maes, caes = [], []
        for s in range(seeds):
            oof, _ = cached(name, run, s) if run is shipped else run(s)
            maes.append(float(np.abs(oof - y).mean()))
            caes.append(dataset.censored_mae(oof, y, cens, bound))
        rows.append(
            {
                "variant": name,
                "cv_mae": float(np.mean(maes)),
                "cv_mae_min": min(maes),
                "cv_mae_max": max(maes),
                "cv_mae_censored_aware": float(np.mean(caes)),
                "cv_mae_per_seed": maes,
            }
        )
        say(
            f"  {name:62s} {np.mean(maes):.3f} ({min(maes):.3f}-{max(maes):.3f}) / "
            f"{np.mean(caes):.3f}; per seed " + " ".join(f"{m:.3f}" for m in maes)
        )
    if ox_runs:  # diagnostics of the oxidation-state features, over the seeds run
        runs = list(ox_runs.values())
        perm = np.mean([r["permutation"] for r in runs], axis=0)
        share = np.mean([r["split share"] for r in runs], axis=0)
        chosen = np.sum([r["chosen"] for r in runs], axis=0)
        say(f"  oxidation-state features: held-out permutation importance [MAE increase], "
            f"share of the regressor's splits, times in the per-fold top {ox_top} "
            f"(of {len(runs) * model.CV_FOLDS} folds)")
        for j in np.argsort(-perm, kind="stable"):
            say(f"    {OXIDATION_FEATURES[j]:36s} {perm[j]:+.4f}  {share[j]:.4f}  "
                f"{int(chosen[j])}")
    # interval: plain vs per-publication conformal, calibrated on 4 folds, scored on the 5th
    oof, spread = cached(shipped_name, shipped, 0)
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
            say(
                f"  interval {label:16s} {level:.0%}: held-out coverage "
                f"{np.concatenate(entry).mean():.1%} of entries, {np.mean(paper):.1%} mean per "
                f"paper"
            )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--kind", default="both", choices=["composition", "structure", "both"])
    ap.add_argument(
        "--only", default=None, help="run the variants whose name contains this ('a|b': either)"
    )
    ap.add_argument(
        "--cifs", type=Path, default=None, help="OBELiX all_cifs.tar.gz (Li-sublattice variant)"
    )
    args = ap.parse_args()
    from solidcell.errors import ValidationError

    try:
        for kind in ("composition", "structure") if args.kind == "both" else (args.kind,):
            search(kind, args.seeds, only=args.only, cif_archive=args.cifs)
    except ValidationError as exc:  # one line naming the option, as argparse's own errors
        ap.error(f"--{exc.field}: {exc.value!r} is not allowed; {exc.allowed}")


if __name__ == "__main__":
    main()
