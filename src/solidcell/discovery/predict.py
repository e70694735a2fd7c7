"""Predict the room-temperature ionic conductivity of a Li solid electrolyte from its composition.

>>> from solidcell.discovery.predict import predict_conductivity
>>> p = predict_conductivity("Li6PS5Cl")                       # doctest: +SKIP
>>> p.log10_conductivity_S_cm, p.lower_log10_S_cm, p.upper_log10_S_cm   # doctest: +SKIP

The model (:mod:`solidcell.discovery.model`) is a random forest on Magpie-style composition
features (:mod:`solidcell.discovery.features`) trained on OBELiX, with the probabilities of
OBELiX's structural families from a classifier on the same features as extra inputs (model
1.3.0); for a CIF or a pymatgen Structure a second forest also uses the space group number and
lattice parameters. Their errors
on the official test split are recorded in the model files and in docs/validation.md. The
interval is split-conformal at the requested level (default 90 %). Each prediction names the
nearest known materials (OBELiX entries and electrolytes of the knowledge base) in the
standardised feature space and whether the input lies inside the training domain. Predictions
outside the domain (far from every training material) are extrapolations: trust them less.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from solidcell.checks import flag, is_integer, is_real
from solidcell.chemistry.composition import check_composition, composition_label, formula_unit
from solidcell.discovery import dataset
from solidcell.discovery.candidates import solubility_checks
from solidcell.discovery.features import (
    Z_MAX,
    crystal_features,
    featurize_fractions,
    fractions_of,
    structure_features,
)
from solidcell.discovery.model import TreeEnsemble, _conformal_quantile, load_model
from solidcell.errors import SolidcellError, ValidationError
from solidcell.reprs import concise_repr

#: Sources of every prediction: data, featuriser idea, estimator, interval method, library.
MODEL_SOURCES = ("obelix2025", "ward2016_magpie", "breiman2001_rf", "lei2018_conformal",
                 "dunn2023_hierarchical_conformal", "pedregosa2011_sklearn", "ong2013_pymatgen")
#: A prediction is "in domain" when its nearest-training-neighbour distance is below this
#: quantile of the leave-one-publication-out nearest-neighbour distances of the training set.
DOMAIN_QUANTILE = 0.95
LOG10_S_CM_TO_S_M = 2.0  # log10(S/m) = log10(S/cm) + 2


@dataclass(frozen=True)
class Neighbour:
    """A known material near the input in feature space."""

    name: str
    formula: str
    origin: str  # "OBELiX <id>" or "knowledge base"
    log10_conductivity_S_cm: float | None
    censored: bool
    distance: float
    source: str
    doi: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "Name": self.name, "Formula": self.formula, "Origin": self.origin,
            "Log10 ionic conductivity [S.cm-1]": self.log10_conductivity_S_cm,
            "Censored (upper bound)": self.censored, "Feature distance": self.distance,
            "Source": self.source or None, "DOI": self.doi or None,
        }


@dataclass(frozen=True)
class ConductivityPrediction:
    """Predicted room-temperature ionic conductivity of one composition, with its interval."""

    __repr__ = concise_repr

    input: str
    formula: str
    log10_conductivity_S_cm: float
    lower_log10_S_cm: float
    upper_log10_S_cm: float
    interval_level: float
    tree_spread_log10: float
    nearest_training_distance: float
    in_domain: bool
    neighbours: tuple[Neighbour, ...]
    model_version: str
    model_kind: str = "composition"  # "composition+structure": CIF, Structure or crystal data
    stability_window: Any = None  # solidcell.interfaces.stability.StabilityWindow or None
    note: str = ""
    sources: tuple[str, ...] = field(default=MODEL_SOURCES)
    #: a dopant amount above a published solubility limit of data/solubility_limits.csv
    #: (candidates.solubility_checks)
    beyond_solubility_limit: bool = False
    #: how a dopant amount beyond a published limit or studied series stands against it,
    #: with the source, or "" (also the start of ``note``)
    solubility_note: str = ""

    @property
    def conductivity_S_m(self) -> float:
        """Predicted conductivity in canonical units [S/m]."""
        return 10.0 ** (self.log10_conductivity_S_cm + LOG10_S_CM_TO_S_M)

    @property
    def conductivity_interval_S_m(self) -> tuple[float, float]:
        return (10.0 ** (self.lower_log10_S_cm + LOG10_S_CM_TO_S_M),
                10.0 ** (self.upper_log10_S_cm + LOG10_S_CM_TO_S_M))

    def to_json(self) -> dict[str, Any]:
        lo, hi = self.conductivity_interval_S_m
        window = self.stability_window
        return {
            "Input": self.input,
            "Formula": self.formula,
            "Log10 ionic conductivity [S.cm-1]": self.log10_conductivity_S_cm,
            "Log10 ionic conductivity lower bound [S.cm-1]": self.lower_log10_S_cm,
            "Log10 ionic conductivity upper bound [S.cm-1]": self.upper_log10_S_cm,
            "Interval level": self.interval_level,
            "Ionic conductivity [S.m-1]": self.conductivity_S_m,
            "Ionic conductivity lower bound [S.m-1]": lo,
            "Ionic conductivity upper bound [S.m-1]": hi,
            "Tree spread [log10 units]": self.tree_spread_log10,
            "Nearest training distance": self.nearest_training_distance,
            "In training domain": self.in_domain,
            "Nearest known materials": [n.to_json() for n in self.neighbours],
            "Stability window": window.to_json() if window is not None else None,
            "Model version": self.model_version,
            "Model features": self.model_kind,
            "Beyond solubility limit": self.beyond_solubility_limit,
            "Note": self.note,
            "sources": list(self.all_sources()),
        }

    def all_sources(self) -> tuple[str, ...]:
        keys = list(self.sources) + [n.source for n in self.neighbours if n.source]
        if self.stability_window is not None:
            keys += list(getattr(self.stability_window, "sources", ()))
        return tuple(dict.fromkeys(keys))


@dataclass(frozen=True)
class _Reference:
    """Standardised features of the known materials, for neighbours and the domain check."""

    Z: np.ndarray  # (m, d) standardised features
    names: tuple[str, ...]
    formulas: tuple[str, ...]
    origins: tuple[str, ...]
    values: tuple[float | None, ...]
    censored: tuple[bool, ...]
    sources: tuple[str, ...]
    dois: tuple[str, ...]
    n_train: int  # the first n_train rows are the OBELiX training split
    domain_threshold: float


def _standardise(model: TreeEnsemble, X: np.ndarray) -> np.ndarray:
    mean = np.asarray(model.meta["feature_mean"])
    std = np.asarray(model.meta["feature_std"])
    return (X - mean) / np.where(std > 0, std, 1.0)


#: Elements of one block of feature differences in :func:`_pairwise` (2 MB of float64).
DIFFERENCE_BLOCK = 1 << 18


def _pairwise(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Euclidean distances (n, m) between the rows of ``A`` (n, d) and ``B`` (m, d), each
    summed from its own differences: a row's distances do not depend on the other rows of
    ``A``. (|a|^2 + |b|^2 - 2ab through BLAS rounded a row differently in another batch, so
    the order of tied and near-tied neighbours of an input changed with the inputs beside it;
    exact duplicates came out at 1e-8, not 0.)"""
    out = np.empty((len(A), len(B)))
    rows = max(1, DIFFERENCE_BLOCK // max(1, B.size))
    for start in range(0, len(A), rows):
        diff = A[start:start + rows, None, :] - B[None, :, :]
        out[start:start + rows] = np.einsum("ijk,ijk->ij", diff, diff)
    return np.sqrt(out, out=out)


def _knowledge_base() -> list[tuple[str, str, float | None, str]]:
    """(id, formula, log10 sigma [S/cm] at room temperature or None, its source or "") of Li
    electrolytes in the store. The value is the one at room temperature that ``materials
    query`` takes (:func:`~solidcell.materials.schema.room_temperature_conductivity_value`,
    298.15 K within the store's 5 K): the first stored value was taken whatever its
    temperature (one measured at 60 degC was shown as a room-temperature neighbour), and a
    material without one was attributed to obelix2025."""
    from solidcell.materials import default_store
    from solidcell.materials.schema import room_temperature_conductivity_value

    out = []
    try:
        materials = default_store().list(category="electrolyte")
    except SolidcellError:
        return out
    for m in materials:
        if not m.formula or "Li" not in m.formula:
            continue
        pv = room_temperature_conductivity_value(m)[0]
        value = pv.si if pv is not None else None
        log10 = math.log10(value) - LOG10_S_CM_TO_S_M if value else None
        out.append((m.id, m.formula, log10, (pv.source or "") if log10 is not None else ""))
    return out


def _reference() -> _Reference:
    """OBELiX (cached for the process) and the store's Li electrolytes as they are now, so a
    material added during a session (e.g. in the dashboard) is a neighbour at once."""
    obelix = _obelix_reference()
    kb = _knowledge_base_reference(tuple(_knowledge_base()))
    if not kb.names:
        return obelix
    return _Reference(np.vstack([obelix.Z, kb.Z]), *(
        getattr(obelix, f) + getattr(kb, f)
        for f in ("names", "formulas", "origins", "values", "censored", "sources", "dois")),
        obelix.n_train, obelix.domain_threshold)


@lru_cache(maxsize=1)
def _obelix_reference() -> _Reference:
    from solidcell.discovery.model import training_matrix

    model = load_model()
    entries = dataset.load_obelix("all")
    Z = _standardise(model, training_matrix(entries))
    n_train = sum(e.split == "train" for e in entries)
    # leave-one-publication-out nearest-neighbour distances within the training split
    Ztr = Z[:n_train]
    D = _pairwise(Ztr, Ztr)
    doi = np.array([e.doi for e in entries[:n_train]])
    D[doi[:, None] == doi[None, :]] = np.inf
    threshold = float(np.quantile(D.min(axis=1), DOMAIN_QUANTILE))
    return _Reference(
        # names as OBELiX writes them, without the stray spaces of a few (' Li6.4Al0.19...')
        Z, tuple(e.formula.strip() for e in entries),
        tuple(_whole_amounts(e.composition) for e in entries),
        tuple(f"OBELiX {e.id} ({e.split})" for e in entries),
        tuple(e.bound_log10 if e.censored else e.log10_sigma for e in entries),
        tuple(e.censored for e in entries), ("obelix2025",) * len(entries),
        tuple(e.doi for e in entries), n_train, threshold)


@lru_cache(maxsize=4)
def _knowledge_base_reference(rows: tuple[tuple[str, str, float | None, str], ...]
                              ) -> _Reference:
    """Standardised features of the store's Li electrolytes ``rows`` (see _knowledge_base)."""
    kept, features = [], []
    for mid, formula, value, source in rows:
        try:
            features.append(featurize_fractions(fractions_of([_parse(formula)]))[0])
        except SolidcellError:
            continue
        kept.append((mid, formula, value, source))
    d = len(load_model().meta["feature_mean"])
    Z = _standardise(load_model(), np.asarray(features)) if features else np.empty((0, d))
    return _Reference(Z, tuple(r[0] for r in kept), tuple(r[1] for r in kept),
                      ("knowledge base",) * len(kept), tuple(r[2] for r in kept),
                      (False,) * len(kept), tuple(r[3] for r in kept), ("",) * len(kept),
                      0, math.inf)


def _parse(formula: str, field: str = "composition") -> Any:
    """Composition of ``formula``; a knowledge-base id or alias given instead ('li3ps4', which
    ``solidcell window`` takes, or 'LLZO') is refused with its formula named
    (:func:`~solidcell.chemistry.composition.parse_formula_not_name`, as ``capacity``).
    Subscript digits as copied from a paper ('Li₆PS₅Cl') are read as digits; errors show the
    text as given."""
    from solidcell.chemistry.composition import parse_formula_not_name

    return parse_formula_not_name(formula, field)


def _alias_note(text: str, comp: Any) -> str:
    """A note when ``text`` parses as a formula but is also the name of a knowledge-base
    material of another composition ('LiPON' reads as LiPNO; the curated LiPON is
    Li2.9PO3.3N0.46)."""
    from solidcell.chemistry.composition import knowledge_base_material, parse_composition

    known = knowledge_base_material(text)
    if known is None or not known.formula:
        return ""
    if parse_composition(known.formula).almost_equals(comp.reduced_composition) or \
            parse_composition(known.formula).reduced_composition.almost_equals(
                comp.reduced_composition):
        return ""
    return (f"{text.strip()!r} was read as the formula {display_formula(comp)}; it is also the "
            f"name of the knowledge-base material {known.id!r} ({known.formula}): give that "
            "formula to predict that material")


def _composition_of(item: Any, field: str) -> tuple[str, Any, Any]:
    """(label, pymatgen Composition, Structure or None) of a formula, a CIF path, a Composition
    or a Structure."""
    from pymatgen.core import Composition, Structure

    if isinstance(item, Composition):  # an infinite amount: .formula raised OverflowError
        label = composition_label(item)
        return label, check_composition(item, field, label), None
    if isinstance(item, Structure):
        label = composition_label(item.composition)
        if len(item) == 0:
            raise ValidationError(field, label, "a structure with at least one site")
        check_composition(item.composition, field, label)
        return label, formula_unit(item)[0], item
    if isinstance(item, Path) or names_a_cif(item):
        path = Path(item)
        if not path.is_file():
            raise ValidationError(field, str(item), "an existing CIF file or a chemical formula")
        structure = read_cif(path, field, str(item), model_domain=True)
        check_composition(structure.composition, field, str(item))
        # one formula unit: a cell with partly occupied sites was shown per cell
        # (Li12.8La6Zr2.8Ta1.2O24 for Li6.4La3Zr1.4Ta0.6O12), which pymatgen's
        # reduced_composition leaves as it is
        return str(item), formula_unit(structure)[0], structure
    if not isinstance(item, str):
        raise ValidationError(field, item, "a chemical formula, a CIF path or a Composition")
    return item, _parse(item, field), None


#: Endings of a text that names a CIF file rather than a formula: a compressed one too, which
#: :func:`read_cif_text` refuses by name ('x.cif.gz' was read as the formula 'x.cif.gz').
CIF_NAME_ENDINGS = (".cif", ".cif.gz", ".cif.bz2", ".cif.xz", ".cif.zst")


def names_a_cif(item: Any) -> bool:
    """Whether ``item`` is a text naming a CIF file (:data:`CIF_NAME_ENDINGS`, any case)."""
    return isinstance(item, str) and item.strip().lower().endswith(CIF_NAME_ENDINGS)


#: CIF text per atom-site row [bytes] of the most verbose CIF of the OBELiX archive (obelix2025,
#: all_cifs.tar.gz, 321 CIFs): m0v.cif, 6069 bytes for 4 rows (docs/discovery.md)
CIF_BYTES_PER_SITE_ROW = 1517.25


def max_cif_bytes() -> int:
    """Largest CIF file [bytes] that MD reads (:func:`check_cif_bytes`): the atom bound of
    :func:`max_cell_atoms` written one atom-site row per atom at :data:`CIF_BYTES_PER_SITE_ROW`
    bytes each, floor(1660 * 1517.25) = 2 518 635 bytes (docs/discovery.md)."""
    return math.floor(max_cell_atoms()[0] * CIF_BYTES_PER_SITE_ROW)


def check_cif_bytes(path: str | Path, field: str = "structure", label: str | None = None) -> int:
    """Size [bytes] of the existing file ``path``, refused when it holds more than
    :func:`max_cif_bytes` bytes, from its size on disk, before any of it is read."""
    size, bound = Path(path).stat().st_size, max_cif_bytes()
    if size > bound:
        raise ValidationError(field, str(path) if label is None else label, (
            f"a CIF file of at most {bound} bytes ({Path(path).name}: {size} bytes; "
            f"{max_cell_atoms()[0]} atom-site rows at the {CIF_BYTES_PER_SITE_ROW:g} bytes per "
            "row of the most verbose OBELiX CIF): give the conventional cell or the asymmetric "
            "unit with its space group, not a supercell"))
    return size


#: Leading bytes of the compressed files pymatgen's ``CifParser(path)`` would decompress (by
#: the name's extension), whose size on disk does not bound their text: gzip, bzip2, xz, zstd.
_COMPRESSED = {b"\x1f\x8b": "gzip", b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz",
               b"\x28\xb5\x2f\xfd": "zstd"}


def read_cif_text(path: str | Path, field: str = "structure", label: str | None = None) -> str:
    """The text of the CIF file ``path`` (UTF-8, undecodable bytes replaced, as pymatgen reads
    it), read only after :func:`check_cif_bytes` and never more than :func:`max_cif_bytes`
    bytes of it (a file that grew since). A compressed file is refused: its size on disk
    does not bound its text."""
    label = str(path) if label is None else label
    check_cif_bytes(path, field, label)
    try:
        with Path(path).open("rb") as f:
            data = f.read(max_cif_bytes() + 1)
    except OSError as exc:  # no read permission, an I/O error
        raise ValidationError(field, label, f"a readable CIF file (cannot be read: "
                              f"{exc.strerror or exc})") from None
    if len(data) > max_cif_bytes():
        check_cif_bytes(path, field, label)  # it grew: refused with its size now
        raise ValidationError(field, label, f"a CIF file of at most {max_cif_bytes()} bytes")
    for magic, kind in _COMPRESSED.items():
        if data.startswith(magic):
            raise ValidationError(field, label, f"a plain-text CIF file ({Path(path).name} is "
                                  f"{kind}-compressed: decompress it first)")
    return data.decode("utf-8", errors="replace")


def read_cif(path: str | Path, field: str = "structure", label: str | None = None, *,
             model_domain: bool = False) -> Any:
    """The one structure of the CIF file ``path``, read as pymatgen's ``Structure.from_file``
    reads it; the one reader of a user's CIF (``predict``, ``discover`` and ``md``). Refused
    naming ``field`` and ``label`` (default: the path as given): a path that is empty or no
    file, a file of more than :func:`max_cif_bytes` bytes (from its size on disk, before it is
    read: :func:`read_cif_text`), a compressed file, a file pymatgen cannot read as a CIF, a
    cell of more than :func:`max_cell_atoms` atoms (counted by :func:`cif_atom_count` before
    pymatgen builds the structure, whose time grows with the square of the sites: 189 s for a
    20 736-site file; the file-size bound alone admits a far larger cell written in short
    rows), and a file holding several structures (``from_file`` took the first and predicted
    it under the file's name without a word). ``model_domain``: the conductivity model's
    inputs, whose bound is its training cells; otherwise (MD, :func:`run_md
    <solidcell.discovery.md.run_md>`) the same number is the atom-site rows the file-size
    bound is derived from."""
    import warnings

    from pymatgen.io.cif import CifParser

    label = str(path) if label is None else label
    if not str(path).strip() or not Path(path).is_file():  # Path('') is '.'
        raise ValidationError(field, label, "the path of an existing CIF file")
    path = Path(path)
    text = read_cif_text(path, field, label)
    parser = None
    try:
        with warnings.catch_warnings():  # pymatgen warns at length before failing
            warnings.simplefilter("ignore")
            parser = CifParser.from_str(text)  # the text only: fast
            _check_cif_atoms(parser, path, field, label, model_domain)
            structures = parser.parse_structures(primitive=False)
    except ValidationError:
        raise
    except Exception as exc:  # pymatgen raises many kinds on bad CIFs
        raise ValidationError(field, label, f"a readable CIF file "
                              f"({_cif_failure(exc, parser, text, path)})") from None
    if len(structures) > 1:
        found = ", ".join(display_formula(formula_unit(s)[0]) for s in structures[:5])
        more = ", ..." if len(structures) > 5 else ""
        raise ValidationError(field, label, f"a CIF file with one structure ({path.name} holds "
                              f"{len(structures)}: {found}{more}); give each structure its own "
                              "file")
    return structures[0]


def _cif_failure(exc: Exception, parser: Any, text: str, path: Path) -> str:
    """pymatgen's error on the CIF ``text`` of ``path`` with the reason it gives only as a
    warning ("Invalid CIF file with no structures!" said nothing of an occupancy of 1.7 or a
    missing item), or what the text is (empty, binary, no ``data_`` block)."""
    if "\x00" in text:
        return f"{path.name} is a binary file, not CIF text"
    if parser is not None and not parser.as_dict():
        return (f"{path.name} is empty" if not text.strip() else
                f"no 'data_' block in {path.name}: not CIF text")
    reasons = [str(exc)]
    for warning in getattr(parser, "warnings", None) or ():
        head, _, why = str(warning).partition("\n")
        why = why.strip()
        if head.startswith("No structure parsed") and why:
            if len(why) > 2 and why[0] == why[-1] == "'":  # pymatgen's KeyError of an item
                why = f"no {why} item"
            reasons.append(f"{head.replace(' in CIF', '').rstrip('.')}: {why}")
    return "; ".join(reasons)


@lru_cache(maxsize=1)
def max_cell_atoms() -> tuple[int, float, float, str]:
    """(bound, longest training cell length [Angstrom], smallest training volume per atom
    [Angstrom^3], OBELiX id of that entry): the most atoms a cell can hold whose a, b and c
    all lie within the cell lengths of the OBELiX training entries (its volume is at most
    L_max^3) at the highest atom density of any training entry (cell volume from the table's
    lattice over the atoms of its cell content): floor(L_max^3 / v_min). A CIF cell with more
    atoms is a supercell, or lies outside the structure model's training domain."""
    from pymatgen.core import Composition, Lattice

    _, longest = _training_lattice_range()
    per_atom = [(Lattice.from_parameters(*e.lattice).volume
                 / Composition(e.composition).num_atoms, e.id)
                for e in dataset.load_obelix("train")]
    v_min, entry = min(per_atom)
    return math.floor(longest**3 / v_min), longest, v_min, entry


def cif_atom_count(parser: Any) -> float:
    """Atoms in the cells of the CIF data blocks read by ``parser`` (a pymatgen
    ``CifParser``), from the atom-site loop and the symmetry operations, without building the
    structure: each site's orbit under the operations (positions equal to 1e-3 in fractional
    coordinates merged) times its occupancy. At least the atoms pymatgen places (which also
    merges orbits of different sites that meet). Public pymatgen API only (``CifParser.as_dict``,
    ``CifParser.get_symops``, ``CifBlock``, ``str2float``, all public since pymatgen 2024.6)."""
    from pymatgen.io.cif import CifBlock, str2float

    total = 0.0
    for header, data in parser.as_dict().items():  # each block's parsed (sanitised) items
        if "_atom_site_fract_x" not in data:
            continue
        coords = np.array([[str2float(v) for v in data[f"_atom_site_fract_{k}"]]
                           for k in "xyz"], dtype=float).T
        occupancy = np.array([str2float(v) for v in data["_atom_site_occupancy"]], dtype=float) \
            if "_atom_site_occupancy" in data else np.ones(len(coords))
        if occupancy.sum() > max_cell_atoms()[0]:  # every site holds its occupancy at least
            total += float(occupancy.sum())
            continue
        ops = parser.get_symops(CifBlock(data, [], header))  # reads the items only
        rot = np.array([op.rotation_matrix for op in ops], dtype=float)
        shift = np.array([op.translation_vector for op in ops], dtype=float)
        for start in range(0, len(coords), 4096):  # (sites, ops, 3) in bounded chunks
            images = np.einsum("oij,nj->noi", rot, coords[start:start + 4096]) + shift
            grid = np.round(np.mod(images, 1.0) * 1000).astype(np.int64) % 1000
            keys = np.sort(grid[..., 0] * 1_000_000 + grid[..., 1] * 1000 + grid[..., 2],
                           axis=1)
            orbit = (np.diff(keys, axis=1) != 0).sum(axis=1) + 1
            total += float(orbit @ occupancy[start:start + 4096])
    return total


def _check_cif_atoms(parser: Any, path: Path, field: str, label: str,
                     model_domain: bool) -> None:
    """Refuse a CIF whose cell holds more than :func:`max_cell_atoms` atoms: the structure
    model's training cells (``model_domain``), or the atom-site rows of the file-size bound
    :func:`max_cif_bytes` (MD)."""
    bound, longest, v_min, entry = max_cell_atoms()
    try:
        atoms = cif_atom_count(parser)
    except Exception:  # a loop pymatgen cannot read either: its own error follows
        return
    if atoms <= bound:
        return
    counted = (f"a CIF whose cell holds at most {bound} atoms ({path.name}: {atoms:.6g}, "
               "counted from its atom sites and symmetry operations before pymatgen reads it "
               "in full)")
    if model_domain:
        raise ValidationError(field, label, (
            f"{counted}: a cell of more atoms has a, b or c beyond the structure model's "
            f"training cells (at most {longest:g} A) or is denser than every training entry "
            f"(one atom per {v_min:.3g} A^3, OBELiX {entry}); give the conventional cell, not "
            "a supercell, or predict the formula"))
    raise ValidationError(field, label, (
        f"{counted}: the atom-site rows the file-size bound of {max_cif_bytes()} bytes is "
        f"derived from ({max_cif_bytes()} / {CIF_BYTES_PER_SITE_ROW:g} bytes per row); give a "
        "smaller cell, or pass a pymatgen Structure to run_md"))


def display_formula(comp: Any) -> str:
    """Reduced formula in pymatgen's electronegativity order, without pymatgen's polyanion
    grouping (which writes Li10GeP2S12 as "Li10Ge(PS6)2") and without amounts of 1."""
    import re

    from pymatgen.util.string import formula_double_format

    red = comp.element_composition.reduced_composition
    symbols = [re.match(r"[A-Z][a-z]*", t).group() for t in red.formula.split()]
    return "".join(f"{s}{formula_double_format(red[s])}" for s in symbols)


def check_lithium(comp: Any, label: str, field: str = "composition") -> None:
    """Raise ValidationError when ``comp`` has no lithium (the model knows Li conductors only) or
    is lithium alone."""
    if comp["Li"] <= 0:
        raise ValidationError(field, label,
                              "a lithium-containing composition (the model is trained on Li-ion "
                              "conductors only)")
    if len(comp.elements) < 2:
        raise ValidationError(field, label,
                              "a compound of lithium with at least one other element (lithium "
                              "metal is not an ionic conductor)")


def predict_arrays(fractions: np.ndarray, level: float = 0.9,
                   model: TreeEnsemble | None = None,
                   structure: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Vectorised prediction for an (n, 103) atomic-fraction matrix.

    ``structure``: (n, 7) :func:`~solidcell.discovery.features.structure_features` rows, needed
    by (and only by) the structure-aware model. Returns arrays ``log10`` (median of the trees,
    log10 S/cm), ``lower``, ``upper`` (interval at ``level``), ``spread`` (trees' standard
    deviation) and ``X`` (the composition features).
    """
    model = model or load_model()
    q = interval_quantile(level, model)
    X = featurize_fractions(fractions)
    wants = model.meta.get("kind", "composition") == "structure"
    if wants != (structure is not None):
        raise ValidationError("structure", None if structure is None else "given",
                              "structure features exactly when the model is structure-aware")
    if structure is not None:
        structure = _structure_rows(structure, len(X))
    pred, spread = model.predict(X if structure is None else np.hstack([X, structure]))
    half = q * (spread + float(model.meta["interval"]["scale_floor"]))
    return {"log10": pred, "lower": pred - half, "upper": pred + half, "spread": spread, "X": X}


def _structure_rows(structure: Any, n: int) -> np.ndarray:
    """``structure`` of :func:`predict_arrays` as an (n, 7) float matrix, checked: a wrong shape
    raised IndexError or ValueError, and a NaN lattice or space group 231 was predicted."""
    try:
        S = None if isinstance(structure, str | bytes) else np.asarray(structure, dtype=float)
    except (TypeError, ValueError):  # texts or ragged rows
        S = None
    if S is None or S.ndim != 2 or S.shape != (n, 7):
        raise ValidationError("structure", structure if S is None else S.shape,
                              f"a matrix of {n} rows (one per composition) of 7 numbers: "
                              "space group number, a, b, c [Angstrom], alpha, beta, gamma [deg]")
    bad = ~(np.isfinite(S).all(axis=1) & (S[:, 0] == np.round(S[:, 0]))
            & (S[:, 0] >= 1) & (S[:, 0] <= 230) & (S[:, 1:4] > 0).all(axis=1)
            & (S[:, 4:] > 0).all(axis=1) & (S[:, 4:] < 180).all(axis=1))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValidationError(f"structure[{i}]", S[i].tolist(), "a space group number 1-230, "
                              "a, b, c [Angstrom] > 0 and angles [deg] between 0 and 180 "
                              "(features.structure_features or crystal_features gives them)")
    return S


def level_text(level: float) -> str:
    """An interval level as a percentage without rounding it away: '90%', '92.5%' (0.925 was
    written '92%' by the ':.0%' format of the tables and the plot)."""
    return f"{float(level) * 100:.6g}%"


def interval_quantile(level: float, model: TreeEnsemble | None = None) -> float:
    """The conformal multiplier q for an interval at ``level`` (0 < level < 1)."""
    model = model or load_model()
    scores = np.asarray(model.meta["interval"]["scores"])
    weights = model.meta["interval"].get("weights")  # absent in 1.0.0 files: unit weights
    if not is_real(level) or not 0 < level < 1 or math.isnan(level):  # np.float32 too
        raise ValidationError("level", level, "a coverage level between 0 and 1, e.g. 0.9")
    return _conformal_quantile(scores, float(level),
                               None if weights is None else np.asarray(weights))


def predict_conductivity(
    composition: Any | Sequence[Any],
    *,
    level: float = 0.9,
    neighbours: int = 3,
    window: bool = True,
    check_balance: bool = True,
    crystal: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> ConductivityPrediction | list[ConductivityPrediction]:
    """Predicted room-temperature ionic conductivity of one composition or of a list.

    ``composition``: a formula (``"Li6PS5Cl"``), a CIF path, a pymatgen Composition/Structure,
    or a list of them (then a list is returned). ``level``: coverage of the interval.
    ``neighbours``: how many nearest known materials to report. ``window``: add the
    thermodynamic stability window when :mod:`solidcell.interfaces.stability` can compute it.
    ``check_balance``: refuse compositions that no assignment of oxidation states balances
    (:func:`solidcell.chemistry.oxidation.require_balanced`), which are usually typos.
    ``crystal``: tabulated crystal data of a formula, ``{"space_group": 230 or "Ia-3d",
    "lattice": (a, b, c [Angstrom], alpha, beta, gamma [deg])}`` (a list of such or None, one
    per composition, for a list): the structure model then answers without a CIF, from the same
    kind of data it was trained on (the OBELiX table). ``progress(done, total)`` is called
    while the inputs are read and checked (the longest step for many inputs: ~1 ms each).
    A doped formula whose dopant amount is beyond a published solubility limit of
    ``data/solubility_limits.csv`` is still predicted, with ``beyond_solubility_limit`` and a
    note naming the limit and its source (:func:`solidcell.discovery.candidates.solubility_checks`).
    """
    single = not isinstance(composition, list | tuple)
    items = [composition] if single else list(composition)
    if not items:
        raise ValidationError("composition", composition, "at least one composition")
    check_neighbours(neighbours)
    window = flag("window", window)
    check_balance = flag("check_balance", check_balance)
    if progress is not None and not callable(progress):  # was a TypeError after the first
        raise ValidationError("progress", progress, "a function progress(done, total) or None")
    crystals = _crystals(crystal, single, len(items))
    checked = []
    for i, item in enumerate(items):
        checked.append(read_input(
            item, crystals[i], check_balance=check_balance,
            field="composition" if single else f"composition[{i}]",
            crystal_field="crystal" if single else f"crystal[{i}]"))
        if progress is not None and ((i + 1) % 256 == 0 or i + 1 == len(items)):
            progress(i + 1, len(items))
    results = predict_checked(checked, level=level, neighbours=neighbours, window=window)
    return results[0] if single else results


def check_neighbours(neighbours: Any) -> None:
    """Raise ValidationError unless ``neighbours`` is a whole number >= 0."""
    if not is_integer(neighbours) or neighbours < 0:
        raise ValidationError("neighbours", neighbours, "a whole number >= 0")


@dataclass(frozen=True)
class CheckedInput:
    """One input of :func:`predict_conductivity`, read and checked (:func:`read_input`)."""

    label: str
    composition: Any  # pymatgen Composition
    structure: np.ndarray | None  # (7,) structure features, or None (composition model)
    note: str = ""  # what reading it changed (a CIF's deuterium read as H)


def predict_checked(inputs: Sequence[CheckedInput], *, level: float = 0.9,
                    neighbours: int = 3, window: bool = True) -> list[ConductivityPrediction]:
    """Predictions of inputs already read and checked by :func:`read_input` (each input is
    read once: a caller that collects the bad inputs of a list predicts the good ones
    without reading them again)."""
    check_neighbours(neighbours)
    labels = [c.label for c in inputs]
    comps = [c.composition for c in inputs]
    structures = [c.structure for c in inputs]
    model = load_model()
    F = fractions_of(comps)
    out = predict_arrays(F, level, model)
    has = np.array([s is not None for s in structures])
    kinds = np.where(has, "composition+structure", "composition")
    if has.any():  # CIF/Structure input: the structure-aware model
        sub = predict_arrays(F[has], level, load_model(kind="structure"),
                             structure=np.array([s for s in structures if s is not None]))
        for key in ("log10", "lower", "upper", "spread"):
            out[key] = out[key].copy()
            out[key][has] = sub[key]
    ref = _reference()
    nearest_train, orders, distances = _nearest(_standardise(model, out["X"]), ref,
                                                int(neighbours))
    results = []
    for i, comp in enumerate(comps):
        near = tuple(Neighbour(
            name=ref.names[j], formula=ref.formulas[j], origin=ref.origins[j],
            log10_conductivity_S_cm=ref.values[j], censored=ref.censored[j],
            distance=float(d), source=ref.sources[j], doi=ref.dois[j])
            for j, d in zip(orders[i], distances[i], strict=True))
        in_domain = bool(nearest_train[i] <= ref.domain_threshold)
        formula = display_formula(comp)
        win, note = (_window(formula) if window else (None, ""))
        unseen = unseen_elements_note(comp)  # Li3HoCl6 is "in domain", Ho in no entry
        if unseen:
            note = f"{unseen}. {note}".strip()
        if inputs[i].note:  # how the input was read (deuterium as H)
            note = f"{inputs[i].note}. {note}".strip()
        outside = _lattice_outside_training(structures[i])
        if outside:  # the structure model's trees never saw such a cell: an extrapolation
            in_domain = False
            note = f"{outside}. {note}".strip()
        if not in_domain and not outside:
            note = ("outside the training domain (nearest OBELiX training material is farther "
                    "than 95 % of training materials are from theirs): an extrapolation. "
                    + note).strip()
        # a dopant amount beyond a published limit or studied series: still predicted (an
        # over-doped composition may be studied), and said, with the source
        beyond = [c for c in solubility_checks(comp) if c.beyond]
        solubility = ". ".join(c.note for c in beyond)
        note = ". ".join(part for part in (solubility, note) if part)
        if structures[i] is None and isinstance(labels[i], str):
            alias = _alias_note(labels[i], comp)
            note = ". ".join(part for part in (alias, note) if part)
        results.append(ConductivityPrediction(
            input=labels[i], formula=formula,
            log10_conductivity_S_cm=float(out["log10"][i]),
            lower_log10_S_cm=float(out["lower"][i]), upper_log10_S_cm=float(out["upper"][i]),
            interval_level=float(level), tree_spread_log10=float(out["spread"][i]),
            nearest_training_distance=float(nearest_train[i]), in_domain=in_domain,
            neighbours=near, model_version=str(model.meta.get("model_version")),
            model_kind=str(kinds[i]),
            stability_window=win, note=note,
            sources=tuple(dict.fromkeys(
                (*MODEL_SOURCES, *(k for c in beyond for k in c.row.sources)))),
            beyond_solubility_limit=any(c.beyond_solubility_limit for c in beyond),
            solubility_note=solubility,
        ))
    return results


#: Inputs per block of the input-by-reference distance matrix of :func:`_nearest` (a block
#: of 4096 rows against the ~600 known materials is ~20 MB; 10^5 CSV rows at once were 0.5 GB
#: per array, three at a time).
DISTANCE_CHUNK = 4096


def _nearest(Z: np.ndarray, ref: _Reference, k: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(distance to the nearest OBELiX training entry (n,), indices (n, k) and distances
    (n, k) of the ``k`` nearest known materials, nearest first, ties in reference order) of
    the standardised features ``Z``, in blocks of :data:`DISTANCE_CHUNK` rows."""
    n = len(Z)
    nearest = np.empty(n)
    k = min(k, len(ref.names))
    orders = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k))
    for start in range(0, n, DISTANCE_CHUNK):
        D = _pairwise(Z[start:start + DISTANCE_CHUNK], ref.Z)
        stop = start + len(D)
        nearest[start:stop] = D[:, :ref.n_train].min(axis=1)
        order = np.argsort(D, axis=1, kind="stable")[:, :k]
        orders[start:stop] = order
        distances[start:stop] = np.take_along_axis(D, order, axis=1)
    return nearest, orders, distances


def check_input(item: Any, crystal: Any = None, *, check_balance: bool = True,
                field: str = "composition", crystal_field: str = "crystal"
                ) -> tuple[str, Any, np.ndarray | None]:
    """(label, Composition, structure features or None) of one input of
    :func:`predict_conductivity`, checked as it checks it; bad input raises ValidationError
    naming ``field`` (or ``crystal_field`` for the crystal data). Lets a caller with many
    inputs (a CSV file) find every bad one, not only the first."""
    checked = read_input(item, crystal, check_balance=check_balance, field=field,
                         crystal_field=crystal_field)
    return checked.label, checked.composition, checked.structure


def read_input(item: Any, crystal: Any = None, *, check_balance: bool = True,
               field: str = "composition", crystal_field: str = "crystal") -> CheckedInput:
    """One input of :func:`predict_conductivity` read and checked as :func:`check_input`
    checks it, with a note on how it was read; :func:`predict_checked` predicts it."""
    from solidcell.chemistry.oxidation import require_balanced

    label, comp, structure = _composition_of(item, field)
    tabulated = _crystal_row(crystal, crystal_field)
    if structure is not None and tabulated is not None:
        raise ValidationError(crystal_field, crystal,
                              f"none for {label}: a CIF or Structure brings its own")
    # a CIF or Structure: name what was read from it (a partial occupancy or a missing
    # site is why a file's composition has no Li or does not balance)
    shown = label if structure is None else f"{label} (read as {display_formula(comp)})"
    beyond = [str(el) for el in comp.elements if not 1 <= el.Z <= Z_MAX]
    if beyond:  # was found only when featurised: unlocated among several inputs, so predict
        # on a CSV with one such row and one bad row stopped there, predicting none
        raise ValidationError(field, shown, f"elements up to Z={Z_MAX} (Lr), the end of the "
                              f"model's element table ({', '.join(beyond)} is beyond)")
    check_lithium(comp, shown, field)
    if check_balance:
        require_balanced(comp, shown, field)
    if structure is not None:
        try:
            tabulated = structure_features(structure)
        except ValidationError as exc:  # named "structure" and the formula: which input?
            raise ValidationError(field, shown, exc.allowed) from None
    return CheckedInput(label, comp, tabulated, isotope_note(structure))


def isotope_note(structure: Any) -> str:
    """A note when ``structure`` (a pymatgen Structure, or None) holds deuterium or tritium,
    or "". pymatgen reads the CIF symbols D and T as hydrogen isotopes whose element is H:
    the composition features look elements up by atomic number (Z = 1 for all three), so the
    model predicts the compound with H (it sees H's element properties, its atomic mass
    1.008 u included) and knows no isotope effect on conductivity."""
    if structure is None:
        return ""
    found = sorted({getattr(sp, "name", "") for site in structure for sp in site.species}
                   & set(_ISOTOPES))
    if not found:
        return ""
    names = " and ".join(f"{_ISOTOPES[s]} ({s})" for s in found)
    return (f"{names} read as H: the model's features are those of the element (Z = 1), so "
            "this is the prediction for the compound with H; isotope effects on conductivity "
            "are not modelled")


#: pymatgen's isotope symbols (Element members whose element is H) and their names.
_ISOTOPES = {"D": "deuterium", "T": "tritium"}


@lru_cache(maxsize=1)
def training_elements() -> frozenset[str]:
    """Symbols of the elements present in at least one OBELiX training entry (54 elements)."""
    from pymatgen.core import Composition

    from solidcell.discovery.dataset import load_obelix

    return frozenset(el.symbol for e in load_obelix("train")
                     for el in Composition(e.composition).elements)


def unseen_elements(comp: Any) -> tuple[str, ...]:
    """Symbols of the elements of ``comp`` that no OBELiX training entry contains, by Z."""
    known = training_elements()
    return tuple(el.symbol for el in sorted(comp.elements, key=lambda el: el.Z)
                 if el.symbol not in known)


def unseen_elements_note(comp: Any, unseen: Sequence[str] | None = None) -> str:
    """A note naming the elements of ``comp`` that no OBELiX training entry contains, or "".
    The model sees such an element only through its element properties (the Magpie-style
    statistics), so the nearest-neighbour domain check can call a composition "in domain"
    (Li3HoCl6 lies near Li3InCl6) whose chemistry the trees never saw. ``unseen``: those
    elements, when :func:`unseen_elements` has found them already."""
    unseen = unseen_elements(comp) if unseen is None else unseen
    if not unseen:
        return ""
    one = len(unseen) == 1
    return (f"{', '.join(unseen)} {'is' if one else 'are'} in no OBELiX training entry: the "
            f"model knows {'it' if one else 'them'} only through element properties, an "
            "extrapolation in chemistry")


@lru_cache(maxsize=1)
def _training_lattice_range() -> tuple[float, float]:
    """(shortest, longest) cell length a, b or c [Angstrom] of the OBELiX training entries."""
    from solidcell.discovery.dataset import load_obelix

    lengths = np.array([e.lattice[:3] for e in load_obelix("train")], dtype=float)
    return float(lengths.min()), float(lengths.max())


def _lattice_outside_training(structure: np.ndarray | None) -> str:
    """Why the cell lengths of ``structure`` (space group, a, b, c, angles) lie outside those
    the structure model was trained on, or "" (also for composition-only input)."""
    if structure is None:
        return ""
    lo, hi = _training_lattice_range()
    for name, x in zip("abc", structure[1:4], strict=True):
        if not lo <= x <= hi:
            return (f"lattice parameter {name} = {x:.6g} A is outside the cell lengths of the "
                    f"OBELiX training entries ({lo:g}-{hi:g} A): outside the training domain, "
                    "an extrapolation")
    return ""


def _crystals(crystal: Any, single: bool, n: int) -> list[Any]:
    """``crystal`` as one entry (or None) per composition."""
    if crystal is None:
        return [None] * n
    if single:
        return [crystal]
    if not isinstance(crystal, list | tuple) or len(crystal) != n:
        raise ValidationError("crystal", crystal,
                              f"a list of {n} entries (crystal data or None), one per composition")
    return list(crystal)


def _crystal_row(entry: Any, field: str) -> np.ndarray | None:
    """(7,) structure features of one ``crystal`` entry, or None."""
    if entry is None:
        return None
    if not isinstance(entry, Mapping) or set(entry) != {"space_group", "lattice"}:
        raise ValidationError(field, entry, "a mapping with exactly the keys 'space_group' and "
                              "'lattice', or None")
    return crystal_features(entry["space_group"], entry["lattice"], field)


def _window(formula: str) -> tuple[Any, str]:
    """The stability window of ``formula`` when the stability module can give it, else a note."""
    try:
        from solidcell.interfaces.stability import stability_window
    except ImportError:
        return None, "stability window: solidcell.interfaces.stability is not available."
    try:
        return stability_window(formula), ""
    except SolidcellError as first:
        try:  # no phase of its own in the data (a doped composition, Li2ZrCl6): the window
            # of its equilibrium assemblage, which `solidcell window` gives with --assemblage
            win = stability_window(formula, allow_assemblage=True)
        except SolidcellError as second:  # the deeper reason (Li3YBr6: no Y-Br compound)
            return None, f"stability window not available: {second}"
        except TypeError:
            return None, f"stability window not available: {first}"
        return win, (f"stability window of the equilibrium assemblage, as `solidcell window "
                     f"{formula} --assemblage` gives it (without --assemblage `solidcell "
                     f"window` refuses a formula with no phase of its own in the energy "
                     f"data): {win.note}").strip()


def _whole_amounts(formula: str) -> str:
    """An OBELiX cell content as written with whole amounts shown as integers
    (``Li24.0P4.0S20.0Cl4.0`` -> ``Li24P4S20Cl4``); other amounts as given."""
    import re

    return re.sub(r"(?<=\d)\.0+(?![\d.])", "", formula)
