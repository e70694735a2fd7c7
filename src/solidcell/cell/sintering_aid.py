"""A sintering aid added to a layer's ceramic: part of the data model (a ``CellDesign``'s
separator and a manufacturing ``Layer`` both carry one), so that :mod:`solidcell.cell.design`
depends on no analysis module (``docs/architecture.md``).

The aid ids the field accepts are the process database's ``sintering_aids`` (read when an aid
is validated) and the knowledge base's materials.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import ConfigDict, Field, field_validator

from solidcell import units
from solidcell.errors import NotFoundError, SolidcellError
from solidcell.validation import Model

__all__ = ["SinteringAid", "known_sintering_aids"]


def _material(material_id: str) -> Any:
    """The knowledge-base Material ``material_id``, or None where there is none; cached per
    version of the materials database (:func:`~solidcell.materials.store.database_version`),
    so that a measurement stored since (a price), by this process or another, is read; not
    cached where that version is not known."""
    from solidcell.materials.store import database_version

    version = database_version()
    if version is None:
        return _material_at.__wrapped__(material_id, None)
    return _material_at(material_id, version)


@lru_cache(maxsize=512)
def _material_at(material_id: str, version: Any) -> Any:
    """:func:`_material` of the database ``version`` (a key of the cache only)."""
    from solidcell.materials import get

    try:
        return get(material_id)
    except (NotFoundError, SolidcellError):
        return None


def known_sintering_aids() -> tuple[str, ...]:
    """Aid ids of the curated process database's ``sintering_aids`` table."""
    from solidcell.manufacturing.processes import load_processes

    return tuple(dict.fromkeys(e.aid for e in load_processes().sintering_aids))


def _mass_fraction(value: Any, field: str) -> float:
    """A mass fraction from a number or text (``"0.5 wt%"``, ``"0.5 %"``, ``"0.005"``)."""
    if isinstance(value, bool):
        raise ValueError(f"{field}: {value!r} is a bool, not a mass fraction (e.g. '0.5 wt%')")
    if isinstance(value, str):
        text = re.sub(r"\s*(wt\.?\s*%|% ?w/w|mass\s*%)\s*$", " %", value.strip(), flags=re.I)
        try:
            return units.parse(text, "fraction")
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{field}: {value!r} is not a mass fraction ({exc}; e.g. "
                             "'0.5 wt%' or 0.005)") from None
    return value


class SinteringAid(Model):
    """A sintering aid added to a layer's ceramic (e.g. 0.5 wt% Li3BO3 in an LLZO tape).

    ``material``: material id or formula (``li3bo3`` or ``Li3BO3``; kept as the lower-case id),
    one of the process database's ``sintering_aids`` or a knowledge-base material; ``amount``:
    mass fraction of the layer in (0, 1) (a number, or text: ``"0.5 wt%"``). The planner
    sinters the layer at the temperature of the database entry for the aid in the layer's
    host material at that amount, and refuses an aid or amount without one. The aid's mass is
    not costed unless it is listed in ``components`` too (then with the same fraction)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "sintering_aid"

    material: str = Field(min_length=1, description="material id or formula of the aid")
    amount: float = Field(description="mass fraction of the layer, in (0, 1)")

    @field_validator("material", mode="before")
    @classmethod
    def _material_id(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        mid = value.strip().lower()
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", mid):
            raise ValueError(f"material: {value!r} is no material id or formula (e.g. "
                             "'li3bo3' or 'Li3BO3')")
        aids = known_sintering_aids()
        if mid not in aids and _material(mid) is None:
            raise ValueError(f"material: unknown sintering aid {value!r}; known: "
                             f"{', '.join(aids) or 'none'} (the process database's "
                             "sintering_aids), or a knowledge-base material id")
        return mid

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, value: Any) -> Any:
        return _mass_fraction(value, "amount")

    @field_validator("amount")
    @classmethod
    def _amount_range(cls, value: float) -> float:
        import math

        if not (math.isfinite(value) and 0 < value < 1):
            raise ValueError(f"amount: {value!r} must be a mass fraction in (0, 1) (e.g. "
                             "'0.5 wt%' or 0.005)")
        return value

    def describe(self) -> str:
        """'0.5 wt% li3bo3'."""
        return f"{self.amount * 100:.4g} wt% {self.material}"
