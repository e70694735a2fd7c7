"""Composition features for conductivity models: Magpie-style element-property statistics.

The featuriser follows the idea of Magpie (Ward et al., npj Comput. Mater. 2, 16028 (2016)):
for each element property p and atomic fractions f_i of a composition,

* mean          sum_i f_i p_i
* average dev.  sum_i f_i |p_i - mean|
* minimum, maximum and range over the elements present,

computed here from pymatgen's element data (offline; no matminer). Element properties that
pymatgen lacks for an element are replaced by the mean of that property over the elements that
have it (a documented imputation, the same for training and prediction). To these come a few
features specific to Li-ion conductors: the atomic fraction of Li, of each common anion
(O, S, Se, Cl, Br, I, F, N, H) and of P, Li per anion, the number of elements and the L2 and L3
norms of the fractions (Magpie's stoichiometric attributes).

Everything is vectorised: ``featurize_fractions`` turns an (n, 103) matrix of atomic fractions
into the (n, n_features) feature matrix with NumPy, so 10 000 compositions cost one matrix
product, not 10 000 loops.
"""

from __future__ import annotations

import contextlib
import math
import numbers
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from solidcell.checks import is_bool
from solidcell.errors import ValidationError

if TYPE_CHECKING:  # pragma: no cover
    from pymatgen.core import Composition

#: Largest atomic number the featuriser knows (pymatgen has data to Lr).
Z_MAX = 103

#: (feature name, pymatgen Element attribute) for the element-property statistics.
ELEMENT_PROPERTIES: tuple[tuple[str, str], ...] = (
    ("Z", "Z"),
    ("atomic_mass", "atomic_mass"),
    ("row", "row"),
    ("group", "group"),
    ("electronegativity", "X"),
    ("atomic_radius", "atomic_radius"),
    ("ionic_radius", "average_ionic_radius"),
    ("mendeleev_number", "mendeleev_no"),
    ("melting_point", "melting_point"),
    ("molar_volume", "molar_volume"),
    ("ionization_energy", "ionization_energy"),
    ("electron_affinity", "electron_affinity"),
    ("van_der_waals_radius", "van_der_waals_radius"),
    ("max_oxidation_state", "max_oxidation_state"),
    ("min_oxidation_state", "min_oxidation_state"),
    ("s_block", "block:s"),
    ("p_block", "block:p"),
    ("d_block", "block:d"),
    ("f_block", "block:f"),
)
STATISTICS = ("mean", "avg_dev", "min", "max", "range")
#: Elements whose atomic fraction is a feature of its own.
FRACTION_ELEMENTS = ("Li", "O", "S", "Se", "Cl", "Br", "I", "F", "N", "H", "P")
ANIONS = ("O", "S", "Se", "Cl", "Br", "I", "F", "N")


def feature_names() -> tuple[str, ...]:
    """Names of the columns of the feature matrix, in order."""
    names = [f"{stat} {prop}" for prop, _ in ELEMENT_PROPERTIES for stat in STATISTICS]
    names += [f"fraction {el}" for el in FRACTION_ELEMENTS]
    names += ["Li per anion", "number of elements", "L2 norm", "L3 norm"]
    return tuple(names)


def _element_value(el: object, attr: str) -> float:
    if attr.startswith("block:"):
        return float(getattr(el, "block", "") == attr.split(":")[1])
    try:
        value = getattr(el, attr)
    except Exception:  # pymatgen raises AttributeError or warns for missing data
        return float("nan")
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


@lru_cache(maxsize=1)
def element_table() -> np.ndarray:
    """(Z_MAX, n_properties) element-property table; row Z-1 is element Z (missing imputed)."""
    import warnings

    from pymatgen.core import Element

    table = np.full((Z_MAX, len(ELEMENT_PROPERTIES)), np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for z in range(1, Z_MAX + 1):
            el = Element.from_Z(z)
            table[z - 1] = [_element_value(el, attr) for _, attr in ELEMENT_PROPERTIES]
    means = np.nanmean(table, axis=0)
    rows, cols = np.where(np.isnan(table))
    table[rows, cols] = means[cols]
    table.setflags(write=False)
    return table


def fractions_of(comps: Iterable[Composition]) -> np.ndarray:
    """(n, Z_MAX) matrix of atomic fractions of each composition."""
    comps = list(comps)
    out = np.zeros((len(comps), Z_MAX))
    for i, comp in enumerate(comps):
        total = float(comp.num_atoms)
        for el, amount in comp.items():
            z = int(el.Z)
            if not 1 <= z <= Z_MAX:
                raise ValidationError("composition", comp.formula, f"elements up to Z={Z_MAX}")
            out[i, z - 1] += float(amount) / total
    return out


def featurize_fractions(fractions: np.ndarray) -> np.ndarray:
    """Feature matrix (n, len(feature_names())) from an (n, Z_MAX) fraction matrix."""
    f = np.asarray(fractions, dtype=float)
    if f.ndim != 2 or f.shape[1] != Z_MAX:
        raise ValidationError("fractions", f.shape, f"an (n, {Z_MAX}) matrix of atomic fractions")
    if len(f) == 0:
        return np.zeros((0, len(feature_names())))
    # a row of zeros, NaN, negative or unnormalised amounts would give finite but meaningless
    # features (and predictions): refuse them, naming the first bad row
    bad = ~(np.isfinite(f).all(axis=1) & (f >= 0).all(axis=1)
            & (np.abs(f.sum(axis=1) - 1.0) <= 1e-6))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValidationError(f"fractions[{i}]", f"row summing to {f[i].sum():g}",
                              "finite, non-negative atomic fractions summing to 1 "
                              "(amounts divided by their sum, e.g. features.fractions_of)")
    # a subnormal fraction (below the smallest normal float) overflowed Li per anion (1/x) to
    # inf: 2.2e-311 of N beside Li (hypothesis found it)
    smallest = np.finfo(float).tiny
    subnormal = (f > 0) & (f < smallest)
    if subnormal.any():
        i = int(np.flatnonzero(subnormal.any(axis=1))[0])
        raise ValidationError(f"fractions[{i}]", f"a fraction of {f[i][subnormal[i]].min():g}",
                              f"each fraction 0 or at least {smallest:g} (the "
                              "smallest normal float; an amount that small is no part of a "
                              "composition)")
    table = element_table()  # (Z, P)
    n, n_prop = len(f), table.shape[1]
    present = f > 0
    occurring = np.flatnonzero(present.any(axis=0))  # only elements that occur (tens, not 103)
    # mean = f @ table, summed element by element in order of Z: a row's features do not
    # depend on the other rows (BLAS rounded a row differently in another batch, so the
    # neighbours of an input changed with the inputs beside it); an absent element adds 0
    mean = np.zeros((n, n_prop))
    for z in occurring:
        mean += f[:, z][:, None] * table[z]
    dev = np.zeros((n, n_prop))
    mins = np.full((n, n_prop), np.inf)
    maxs = np.full((n, n_prop), -np.inf)
    for z in occurring:
        has = present[:, z][:, None]
        dev += f[:, z][:, None] * np.abs(table[z] - mean)
        mins = np.where(has, np.minimum(mins, table[z]), mins)
        maxs = np.where(has, np.maximum(maxs, table[z]), maxs)
    stats = np.stack([mean, dev, mins, maxs, maxs - mins], axis=2)  # (n, P, 5)
    cols = [stats.reshape(len(f), -1)]
    from pymatgen.core import Element

    idx = {el: Element(el).Z - 1 for el in FRACTION_ELEMENTS}
    cols.append(np.stack([f[:, idx[el]] for el in FRACTION_ELEMENTS], axis=1))
    anion = sum(f[:, Element(el).Z - 1] for el in ANIONS)
    li = f[:, idx["Li"]]
    li_per_anion = np.divide(li, anion, out=np.zeros_like(li), where=anion > 0)
    cols.append(np.stack([
        li_per_anion,
        present.sum(axis=1).astype(float),
        np.sqrt((f**2).sum(axis=1)),
        np.cbrt((f**3).sum(axis=1)),
    ], axis=1))
    return np.concatenate(cols, axis=1)


#: Structure features of the structure-aware model (OBELiX table columns; from a CIF by
#: pymatgen's SpacegroupAnalyzer on the conventional standard cell).
STRUCTURE_FEATURES = ("space group number", "a", "b", "c", "alpha", "beta", "gamma")
SYMPREC = 0.1  # Angstrom; the OBELiX CIFs carry symmetry-preserving noise
#: Tolerance tried when spglib finds no symmetry at SYMPREC: pymatgen's default symprec of
#: SpacegroupAnalyzer [Angstrom]. At 0.1 A, sites of a disordered cell closer than that can
#: merge into no space group: OBELiX training entry my9 (LATP, R-3c) was refused.
SYMPREC_FALLBACK = 0.01


def structure_features(structure: Any) -> np.ndarray:
    """(7,) space group number and conventional lattice parameters of a pymatgen Structure."""
    import warnings

    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

    first: Exception | None = None
    for symprec in (SYMPREC, SYMPREC_FALLBACK):  # the second only when the first fails
        try:
            # spglib 2.x warns (DeprecationWarning "Set OLD_ERROR_HANDLING to false") on every
            # call through pymatgen: under -W error that warning was raised and every CIF was
            # refused
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "Set OLD_ERROR_HANDLING", DeprecationWarning)
                sga = SpacegroupAnalyzer(structure, symprec=symprec)
                number = sga.get_space_group_number()
                lat = sga.get_conventional_standard_structure().lattice
        except Exception as exc:  # spglib can fail on disordered or broken cells
            first = first or exc
            continue
        return np.array([number, lat.a, lat.b, lat.c, lat.alpha, lat.beta, lat.gamma],
                        dtype=float)
    from solidcell.chemistry.composition import formula_unit

    raise ValidationError("structure", formula_unit(structure)[0].reduced_formula,
                          f"a structure whose symmetry can be analysed ({first}, with "
                          f"symprec {SYMPREC:g} and {SYMPREC_FALLBACK:g} A)")


def crystal_features(space_group: Any, lattice: Any, field: str = "crystal",
                     fields: tuple[str, str] | None = None) -> np.ndarray:
    """(7,) structure features from tabulated crystal data, as in the OBELiX table the structure
    model is trained on: ``space_group`` a number 1-230 or a Hermann-Mauguin symbol
    ("Ia-3d"), ``lattice`` the conventional a, b, c [Angstrom] and alpha, beta, gamma [deg]
    (six numbers, or a text of six numbers separated by commas or spaces). Errors name
    ``field``.space_group / ``field``.lattice, or the two names in ``fields``."""
    sg_field, lattice_field = fields or (f"{field}.space_group", f"{field}.lattice")
    number = _space_group_number(space_group, sg_field)
    items = lattice.replace(",", " ").split() if isinstance(lattice, str) else lattice
    try:
        values = [float(v) for v in items]
    except (TypeError, ValueError):
        values = []
    allowed = ("six numbers a, b, c [Angstrom] > 0 and alpha, beta, gamma [deg] between 0 and "
               "180, e.g. 12.97, 12.97, 12.97, 90, 90, 90")
    if (len(values) != 6 or not all(math.isfinite(v) for v in values)
            or not all(v > 0 for v in values[:3]) or not all(0 < v < 180 for v in values[3:])):
        raise ValidationError(lattice_field, lattice, allowed + _decimal_comma(lattice))
    ca, cb, cg = (math.cos(math.radians(v)) for v in values[3:])
    if 1 - ca**2 - cb**2 - cg**2 + 2 * ca * cb * cg <= 0:  # (V / abc)^2: no such cell
        raise ValidationError(lattice_field, lattice, f"{allowed}, that form a cell: "
                              "1 - cos2(alpha) - cos2(beta) - cos2(gamma) + 2 cos(alpha) "
                              "cos(beta) cos(gamma) = (V / abc)^2 must be > 0 (e.g. each angle "
                              "below the sum of the other two, their sum below 360)")
    why = _cell_contradicts(number, values)
    if why:  # a primitive or rhombohedral cell, or a typo: features the trees never saw
        raise ValidationError(lattice_field, lattice, why)
    return np.array([number, *values], dtype=float)


#: Tolerances of the check that a tabulated cell is the conventional cell of its space group's
#: crystal system: pymatgen's defaults of ``Lattice.is_hexagonal`` (hex_length_tol 0.01
#: Angstrom, hex_angle_tol 5 degrees). Every OBELiX training row meets the check with them.
CELL_LENGTH_TOL_A = 0.01
CELL_ANGLE_TOL_DEG = 5.0


def crystal_system(number: int) -> str:
    """Crystal system of space group ``number`` (1-230), International Tables vol. A (the
    ranges of pymatgen's ``SpaceGroup.crystal_system``)."""
    for last, name in ((2, "triclinic"), (15, "monoclinic"), (74, "orthorhombic"),
                       (142, "tetragonal"), (167, "trigonal"), (194, "hexagonal")):
        if number <= last:
            return name
    return "cubic"


def _cell_contradicts(number: int, values: Sequence[float]) -> str:
    """Why the cell ``values`` (a, b, c [Angstrom], alpha, beta, gamma [deg]) is not the
    conventional cell of space group ``number`` as the OBELiX table gives it (hexagonal axes
    for trigonal groups; a monoclinic cell with either unique axis), or ""."""
    a, b, c, *angles = values
    system = crystal_system(number)

    def same(x: float, y: float) -> bool:
        return abs(x - y) <= CELL_LENGTH_TOL_A

    def right(*x: float) -> bool:
        return all(abs(v - 90.0) <= CELL_ANGLE_TOL_DEG for v in x)

    hexagonal = same(a, b) and right(*angles[:2]) and abs(angles[2] - 120.0) <= CELL_ANGLE_TOL_DEG
    need = {
        "cubic": ("a = b = c, alpha = beta = gamma = 90",
                  same(a, b) and same(b, c) and right(*angles)),
        "tetragonal": ("a = b, alpha = beta = gamma = 90", same(a, b) and right(*angles)),
        "orthorhombic": ("alpha = beta = gamma = 90", right(*angles)),
        "hexagonal": ("a = b, alpha = beta = 90, gamma = 120", hexagonal),
        "trigonal": ("hexagonal axes, a = b, alpha = beta = 90, gamma = 120 (a rhombohedral "
                     "cell: convert it to hexagonal axes)", hexagonal),
        "monoclinic": ("two of the angles 90", sum(right(v) for v in angles) >= 2),
    }.get(system, ("", True))
    if need[1]:
        return ""
    return (f"the conventional cell of space group {number} ({system}): {need[0]} (within "
            f"{CELL_LENGTH_TOL_A:g} A and {CELL_ANGLE_TOL_DEG:g} deg), as in the OBELiX table the "
            "structure model is trained on; a primitive cell or another space group gives "
            "features it never saw")


def _decimal_comma(lattice: Any) -> str:
    """A hint when an item of the list ``lattice`` is a number with a decimal comma ('12,97'
    in a CSV row saved with a European locale), or ""."""
    import re

    if isinstance(lattice, str | bytes) or not isinstance(lattice, Iterable):
        return ""
    for item in lattice:
        if isinstance(item, str) and re.fullmatch(r"\s*[-+]?\d+,\d+\s*", item):
            text = item.strip()
            return f" (a decimal comma in {text!r}: write {text.replace(',', '.')})"
    return ""


def _space_group_number(space_group: Any, field: str) -> int:
    allowed = ("a space group number 1-230 or a Hermann-Mauguin symbol such as 'Ia-3d' or "
               "'P21/c'")
    if is_bool(space_group):
        raise ValidationError(field, space_group, allowed)
    text = space_group.strip() if isinstance(space_group, str) else None
    value: Any = space_group
    if text is not None:
        with contextlib.suppress(ValueError):  # "62", and "62.0" as pandas writes a number
            value = float(text)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number) and number.is_integer() and 1 <= number <= 230:
            return int(number)
        raise ValidationError(field, space_group, allowed)
    if text:
        from pymatgen.symmetry.groups import SpaceGroup

        try:
            return int(SpaceGroup(text).int_number)
        except Exception:  # pymatgen raises ValueError or KeyError on unknown symbols
            found = _space_group_symbols().get(_symbol_key(text))
            if found is not None:
                return found
    raise ValidationError(field, space_group, allowed)


def _symbol_key(symbol: str) -> str:
    """A Hermann-Mauguin symbol without spaces and screw-axis underscores, in lower case
    ("P 21/c", "P2_1/c" and "p21/c" give the same key; no two space groups share one)."""
    return "".join(symbol.split()).replace("_", "").lower()


@lru_cache(maxsize=1)
def _space_group_symbols() -> dict[str, int]:
    """Space group number by :func:`_symbol_key` of pymatgen's short, full and abbreviated
    symbols (pymatgen reads "P2_1/c" but not the common "P21/c", which the OBELiX table uses)."""
    from pymatgen.symmetry.groups import SYMM_DATA

    encoding = SYMM_DATA["space_group_encoding"]
    found: dict[str, set[int]] = {}
    for symbol, data in encoding.items():
        if "(" not in symbol:  # origin-shifted or transformed settings
            for name in (symbol, data["full_symbol"]):
                found.setdefault(_symbol_key(name), set()).add(int(data["int_number"]))
    for short, full in SYMM_DATA["abbreviated_spacegroup_symbols"].items():
        if full in encoding:
            found.setdefault(_symbol_key(short), set()).add(int(encoding[full]["int_number"]))
    return {key: next(iter(n)) for key, n in found.items() if len(n) == 1}


def parse_many(formulas: Sequence[str], field: str = "composition") -> list[Composition]:
    """Parse formulas with :func:`solidcell.chemistry.composition.parse_composition`."""
    from solidcell.chemistry.composition import parse_composition

    return [parse_composition(f, field=f"{field}[{i}]" if len(formulas) > 1 else field)
            for i, f in enumerate(formulas)]


def featurize(formulas: Sequence[str] | str) -> np.ndarray:
    """Feature matrix of one formula or a list of formulas."""
    if isinstance(formulas, str):
        formulas = [formulas]
    return featurize_fractions(fractions_of(parse_many(list(formulas))))
