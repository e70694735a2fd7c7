"""The materials knowledge base: schema, curated data with sources, and the SQL store.

The SQL store (:mod:`solidcell.materials.store`, which imports SQLAlchemy) is imported on first
use of :func:`get`, :func:`resolve` of an id, :class:`MaterialStore` or :func:`default_store`,
not by ``import solidcell.materials``.

>>> from solidcell import materials
>>> llzo = materials.get("llzo")          # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from solidcell.materials.curated import curated_materials
from solidcell.materials.schema import PROPERTIES, Material, PropertyValue

if TYPE_CHECKING:
    from solidcell.materials.store import MaterialStore, default_store

_FROM_STORE = ("MaterialStore", "default_store")


def __getattr__(name: str) -> Any:
    """``MaterialStore`` and ``default_store``, imported from the store on first use."""
    if name in _FROM_STORE:
        from solidcell.materials import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get(material_id: str) -> Material:
    """Material ``material_id`` from the default store (curated + the user's database)."""
    from solidcell.materials.store import default_store

    return default_store().get(material_id)


def resolve(material: str | Material) -> Material:
    """A Material given itself or its id."""
    return material if isinstance(material, Material) else get(material)


__all__ = [
    "PROPERTIES",
    "Material",
    "MaterialStore",
    "PropertyValue",
    "curated_materials",
    "default_store",
    "get",
    "resolve",
]
