"""The materials knowledge base: schema, curated data with sources, and the SQL store.

>>> from solidcell import materials
>>> llzo = materials.get("llzo")          # doctest: +SKIP
"""

from __future__ import annotations

from solidcell.materials.schema import PROPERTIES, Material, PropertyValue
from solidcell.materials.store import MaterialStore, curated_materials, default_store


def get(material_id: str) -> Material:
    """Material ``material_id`` from the default store (curated + the user's database)."""
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
