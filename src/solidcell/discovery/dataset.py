"""The OBELiX dataset shipped with solidcell (CC BY 4.0), with its official train/test split.

OBELiX: Therrien et al., "OBELiX: A Curated Dataset of Crystal Structures and Experimentally
Measured Ionic Conductivities for Lithium Solid-State Electrolytes", Digital Discovery (2026),
doi:10.1039/D5DD00441A (arXiv:2502.14234). Files copied unchanged from
https://github.com/NRC-Mila/OBELiX (commit 4eaac88), see ``data/OBELIX_SOURCE.md``.

Censored labels
---------------
37 entries (29 train, 8 test) give only an upper bound, ``"<1E-10"`` (one ``"<1E-8"``). They are
kept, flagged ``censored=True`` with ``bound`` = the bound, and given the value 1e-15 S/cm
(:data:`CENSORED_LOG10`, :func:`labels`) for the headline MAE: this is the convention of the
OBELiX package and of the paper's baselines, so the MAE is comparable with theirs. The models
are *trained* on log10(bound) - 0.5 instead (``model.CENSORED_OFFSET``, chosen by grouped CV on
the training split; docs/discovery.md, Censored labels). :func:`censored_mae` gives the other
view: a censored point costs nothing when the prediction is below its bound, and the distance to
the bound when it is above.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

#: log10(sigma / S cm-1) given to censored labels ("<1E-10") for evaluation, the OBELiX
#: package's convention (training uses log10(bound) + model.CENSORED_OFFSET).
CENSORED_LOG10 = -15.0
DATASET_SOURCE = "obelix2025"  # bib key of the data set (materials.bib)
CONDUCTIVITY_COLUMN = "Ionic conductivity (S cm-1)"


@dataclass(frozen=True)
class Entry:
    """One OBELiX entry: composition and measured room-temperature conductivity."""

    id: str
    formula: str
    composition: str
    family: str
    log10_sigma: float
    censored: bool
    bound_log10: float | None
    split: str
    doi: str
    space_group: str
    space_group_number: int
    lattice: tuple[float, float, float, float, float, float]  # a, b, c [Angstrom], angles [deg]


def _read(split: str) -> list[Entry]:
    import csv
    import io

    text = resources.files("solidcell.discovery.data").joinpath(f"obelix_{split}.csv").read_text(
        "utf-8")
    entries = []
    for row in csv.DictReader(io.StringIO(text)):
        raw = row[CONDUCTIVITY_COLUMN].strip()
        censored = raw.startswith("<")
        value = float(raw.lstrip("<"))
        entries.append(Entry(
            id=row["ID"], formula=row["Reduced Composition"], composition=row["True Composition"],
            family=row["Family"], log10_sigma=CENSORED_LOG10 if censored else math.log10(value),
            censored=censored, bound_log10=math.log10(value) if censored else None, split=split,
            doi=row["DOI"], space_group=row["Space group"],
            space_group_number=int(row["Space group #"]),
            lattice=tuple(float(row[k]) for k in ("a", "b", "c", "alpha", "beta", "gamma")),
        ))
    return entries


@lru_cache(maxsize=2)
def load_obelix(split: str = "train") -> tuple[Entry, ...]:
    """Entries of the official ``"train"`` (478) or ``"test"`` (121) split, or ``"all"``."""
    if split == "all":
        return load_obelix("train") + load_obelix("test")
    if split not in ("train", "test"):
        from solidcell.errors import ValidationError

        raise ValidationError("split", split, "use 'train', 'test' or 'all'")
    return tuple(_read(split))


def labels(entries: tuple[Entry, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(log10 sigma with censored at CENSORED_LOG10, censored mask, upper bound or NaN)."""
    y = np.array([e.log10_sigma for e in entries])
    cens = np.array([e.censored for e in entries])
    bound = np.array([np.nan if e.bound_log10 is None else e.bound_log10 for e in entries])
    return y, cens, bound


def censored_mae(pred: np.ndarray, y: np.ndarray, censored: np.ndarray,
                 bound: np.ndarray) -> float:
    """MAE where a censored label costs max(0, prediction - bound) instead of |pred - y|."""
    err = np.where(censored, np.maximum(0.0, pred - np.nan_to_num(bound)), np.abs(pred - y))
    return float(err.mean())


def interval_covers(lower: np.ndarray, upper: np.ndarray, y: np.ndarray, censored: np.ndarray,
                    bound: np.ndarray) -> np.ndarray:
    """Whether each interval covers its label (for a censored label: reaches below the bound)."""
    return np.where(censored, lower <= np.nan_to_num(bound), (lower <= y) & (y <= upper))
