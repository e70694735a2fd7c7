"""curated_materials_giving(field) gives the same materials whether or not curated_materials()
has run (its two paths), and refuses a field for which "the entry gives it" and "the material
has it" differ, or that does not exist, naming the field. Before: ``mobile_ion`` gave 3 entries
on a fresh start and 53 after curated_materials(); an unknown name gave () then AttributeError."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from solidcell.errors import ValidationError
from solidcell.materials import curated
from solidcell.materials.schema import Material

OPTIONAL = sorted(k for k, v in Material.model_fields.items()
                  if v.default is None and not v.is_required())


@pytest.fixture
def fresh() -> Iterator[None]:
    """curated_materials() not yet run (the fast path), restored afterwards."""
    curated.curated_materials.cache_clear()
    yield
    curated.curated_materials.cache_clear()


def test_exchanged_ions_is_one_of_the_allowed_fields() -> None:
    assert "exchanged_ions" in OPTIONAL


@pytest.mark.parametrize("field", OPTIONAL)
def test_both_paths_give_the_same_materials(fresh: None, field: str) -> None:
    before = [m.id for m in curated.curated_materials_giving(field)]
    every = curated.curated_materials()
    after = [m.id for m in curated.curated_materials_giving(field)]
    assert before == after == [m.id for m in every if getattr(m, field) is not None]


@pytest.mark.parametrize("field", ["nosuch", "mobile_ion", "aliases", "origin", "id", ""])
@pytest.mark.parametrize("warm", [False, True])
def test_a_field_without_a_none_default_is_refused_naming_it(fresh: None, field: str,
                                                            warm: bool) -> None:
    if warm:
        curated.curated_materials()
    with pytest.raises(ValidationError) as info:
        curated.curated_materials_giving(field)
    assert info.value.field == "field" and info.value.value == field
    assert "exchanged_ions" in info.value.allowed


def test_the_materials_are_those_validated_by_curated_materials(fresh: None) -> None:
    got = curated.curated_materials_giving("exchanged_ions")
    assert got and all(m.exchanged_ions is not None and m.origin == "curated" for m in got)
    assert got == tuple(m for m in curated.curated_materials() if m.exchanged_ions is not None)
