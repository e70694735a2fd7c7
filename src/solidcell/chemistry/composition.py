"""Chemical formulas through pymatgen's ``Composition``, with errors that say what is wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

from solidcell.errors import ValidationError

if TYPE_CHECKING:  # pragma: no cover
    from pymatgen.core import Composition


def parse_composition(formula: str, field: str = "formula") -> Composition:
    """Parse ``formula`` (``"Li6PS5Cl"``, ``"LiNi0.8Mn0.1Co0.1O2"``) into a Composition.

    Raises :class:`ValidationError` naming ``field`` for empty formulas, unknown elements and
    text pymatgen cannot read.
    """
    from pymatgen.core import Composition, Element

    if not isinstance(formula, str) or not formula.strip():
        raise ValidationError(field, formula, "give a chemical formula such as 'Li6PS5Cl'")
    try:
        comp = Composition(formula.strip())
    except Exception as exc:  # pymatgen raises ValueError/KeyError/CompositionError
        raise ValidationError(
            field, formula, f"not a chemical formula of known elements ({exc})"
        ) from None
    if comp.num_atoms <= 0 or any(amt < 0 for amt in comp.values()):
        raise ValidationError(field, formula, "amounts of elements must be positive")
    for el in comp.elements:
        if type(el) is not Element or str(el) in {"D", "T"}:
            shown = str(el).rstrip("0+-")
            raise ValidationError(field, formula, f"{shown!r} is not a chemical element")
    return comp


def molar_mass(formula: str) -> float:
    """Molar mass of one formula unit [kg/mol]."""
    return float(parse_composition(formula).weight) * 1e-3


def is_charge_balanced(formula: str) -> bool:
    """True when pymatgen finds a set of common oxidation states that sums to zero."""
    comp = parse_composition(formula)
    if len(comp.elements) == 1:
        return True
    try:
        return len(comp.oxi_state_guesses(max_sites=-50)) > 0
    except Exception:
        return False
