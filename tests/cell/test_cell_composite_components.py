"""The components of a composite electrolyte (their temperature limits are part of every
resolved design) are the store's materials, in order, and a write to the store is seen at the
next lookup."""

from __future__ import annotations

import pytest

from solidcell.cell.design import CellDesign, composite_components
from solidcell.materials import default_store, resolve
from solidcell.materials.schema import Material


@pytest.fixture
def own_db(fresh_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SOLIDCELL_DB", fresh_db)
    return fresh_db


def test_components_are_the_stores_materials(own_db: str, repo_root) -> None:
    composite = resolve("peo_llzo_15wt")
    found = composite_components(composite)
    assert [mid for mid, _ in found] == [c.material for c in composite.components]
    assert all(mat == resolve(mid) for mid, mat in found)
    # a resolved design lists them among its solid parts (their limits apply)
    design = CellDesign.from_yaml(repo_root / "examples" / "polymer-lfp-peo-li.yaml").replace(
        **{"separator.electrolyte": "peo_llzo_15wt"})
    key = "separator.electrolyte peo_llzo_15wt, component peo_litfsi"
    assert dict(design.resolved().solid_parts)[key] == resolve("peo_litfsi")


def test_a_write_to_the_store_is_seen(own_db: str) -> None:
    """A composite naming a component the store does not hold yet: skipped; once the
    component is added, it is found (test materials, no data)."""
    store = default_store()
    composite = Material(id="test_blend", name="blend", category="electrolyte",
                         electrolyte_class="composite", origin="user",
                         components=[{"material": "test_matrix", "fraction": 1.0,
                                      "basis": "mass"}])
    assert composite_components(composite) == ()
    store.add({"id": "test_matrix", "name": "matrix", "category": "electrolyte",
               "electrolyte_class": "solid_polymer"})
    [(mid, found)] = composite_components(composite)
    assert mid == "test_matrix" and found.origin == "user"
    store.delete("test_matrix")
    assert composite_components(composite) == ()
