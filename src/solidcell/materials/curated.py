"""The curated materials shipped in ``solidcell/materials/data`` (YAML), read and validated
without the SQL store, so that a command that needs only them (``solidcell capacity``) does
not import SQLAlchemy. :mod:`solidcell.materials.store` loads them into the database and
re-exports these names.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from solidcell.errors import ValidationError
from solidcell.materials.schema import Material
from solidcell.textio import load_yaml

#: Room temperature [K], and the default tolerance [K] of a value's temperature around the
#: temperature a query asks for (a value without a temperature counts as room temperature).
ROOM_TEMPERATURE_K = 298.15
TEMPERATURE_TOLERANCE_K = 5.0


def curated_files() -> list[Any]:
    """The curated YAML files shipped in the package, sorted by name."""
    folder = resources.files("solidcell.materials").joinpath("data")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


@lru_cache(maxsize=1)
def _curated_records() -> tuple[tuple[str, int, Any], ...]:
    """(file name, entry index, record as parsed) of every curated entry, in file order, not
    validated; parsed once (callers must not change the records)."""
    return tuple((file.name, i, record) for file in curated_files()
                 for i, record in enumerate(load_yaml(file.read_text("utf-8")) or []))


def _curated_material(file_name: str, i: int, record: Any) -> Material:
    """One curated entry, validated; a bad one names its file and entry."""
    try:
        return Material.model_validate({**record, "origin": "curated"})
    except ValidationError as exc:
        raise ValueError(f"{file_name}, entry {i} ({record.get('id')}): {exc}") from exc


def curated_materials_giving(field: str) -> tuple[Material, ...]:
    """The curated materials whose entry gives ``field`` (not null), validated, in the order of
    :func:`curated_materials`: what :func:`curated_materials` holds with ``field`` set, without
    validating the other entries (``exchanged_ions``: 12 of 53, for the capacity of a formula;
    validating all of them loaded pint, about 0.5 s of a command's start).

    ``field`` must be a field of :class:`Material` that is None when an entry does not give it
    (``exchanged_ions``, ``formula``, ...): for one with another default (``mobile_ion``
    'Li', ``aliases`` []) "the entry gives it" and "the material has it" differ, and the answer
    depended on whether :func:`curated_materials` had run; an unknown name gave () before it
    had run and AttributeError after."""
    optional = sorted(k for k, v in Material.model_fields.items()
                      if v.default is None and not v.is_required())
    if field not in optional:
        raise ValidationError("field", field, f"one of {', '.join(optional)} (a field of a "
                              "material that is None where an entry does not give it)")
    if curated_materials.cache_info().currsize:  # all validated already
        return tuple(m for m in curated_materials() if getattr(m, field) is not None)
    return tuple(_curated_material(*entry) for entry in _curated_records()
                 if not isinstance(entry[2], dict) or entry[2].get(field) is not None)


@lru_cache(maxsize=1)
def curated_materials() -> tuple[Material, ...]:
    """All curated materials, validated (the knowledge base as shipped)."""
    out = [_curated_material(*entry) for entry in _curated_records()]
    ids = [m.id for m in out]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"curated data: duplicate ids {sorted(dupes)}")
    return tuple(out)
