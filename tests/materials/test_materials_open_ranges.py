"""A range open on one side ("> 1 mS/cm": only ``min``, or only ``max``) is a bound, not a
value: ``PropertyValue.si`` is None for it (it used to be the bound itself, and so the value
of conductivity_at, query and the mechanics models); ``bound`` gives it to the models that
can use a bound, and a query matches it only where the bound proves the condition."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solidcell.chemistry.conductivity import conductivity_at
from solidcell.errors import SolidcellError
from solidcell.materials.schema import Material, PropertyValue
from solidcell.materials.store import MaterialStore


def _sigma(**kw: float) -> PropertyValue:
    return PropertyValue(name="ionic_conductivity", unit="mS/cm", method="measured",
                         source="lab", temperature=298.15, **kw)


@given(x=st.floats(1e-6, 1e3))
def test_open_range_has_a_bound_and_no_value(x: float) -> None:
    low, high = _sigma(min=x), _sigma(max=x)
    assert low.si is None and high.si is None  # was x / 10 S/m
    assert low.bound == ("lower", pytest.approx(x / 10))  # 1 mS/cm = 0.1 S/m
    assert high.bound == ("upper", pytest.approx(x / 10))
    assert low.si_range == (pytest.approx(x / 10), None)
    closed = _sigma(min=x, max=2 * x)
    assert closed.bound is None and closed.si == pytest.approx(x / 10 * 2 ** 0.5)
    assert _sigma(value=x).bound is None


def test_curated_open_ranges_have_no_value() -> None:
    """The curated open ranges (all volume changes, srivastava_review): silicon '>300 %',
    sulfur '>80 %', lto '<0.1 %', lfp's second value '<1 %'."""
    from solidcell.materials import get

    for mid, kind, x in [("silicon", "lower", 3.0), ("sulfur", "lower", 0.8),
                         ("lto", "upper", 0.001)]:
        material = get(mid)
        prop = material.get("volume_change")
        assert prop is not None and prop.si is None and material.si("volume_change") is None
        assert prop.bound == (kind, pytest.approx(x))
        assert material.to_json_record()["Volume change"] is None
    lfp = [p for p in get("lfp").values("volume_change") if p.bound]
    assert [p.bound for p in lfp] == [("upper", pytest.approx(0.01))]


def _user(store: MaterialStore) -> MaterialStore:
    """``store`` with three user materials of a bound or a value of 1 mS/cm."""
    for mid, prop in [("above", {"min": 1.0}), ("below", {"max": 1.0}),
                      ("exact", {"value": 1.0})]:
        store.add({"id": mid, "name": mid, "formula": "Li3PS4", "category": "electrolyte",
                   "electrolyte_class": "sulfide",
                   "properties": [{"name": "ionic_conductivity", "unit": "mS/cm",
                                   "method": "measured", "source": "lab",
                                   "temperature": 298.15, **prop}]})
    return store


@pytest.mark.parametrize(("minimum", "maximum", "expected"), [
    (0.05, None, {"above", "exact"}),  # "> 1 mS/cm" proves >= 0.5 mS/cm
    (0.2, None, set()),                # ... but not >= 2 mS/cm
    (None, 0.2, {"below", "exact"}),   # "< 1 mS/cm" proves <= 2 mS/cm
    (None, 0.05, set()),
    (0.05, 0.2, {"exact"}),            # a bound proves only one side
])
def test_query_matches_a_bound_only_where_it_proves_the_condition(
        tmp_path: Path, minimum: float | None, maximum: float | None, expected: set[str],
        open_store) -> None:
    """'> 1 mS/cm' counted as exactly 1 mS/cm: it matched 'at most 2 mS/cm', which it does
    not prove."""
    store = _user(open_store(tmp_path / "s.sqlite"))
    got = {m.id for m in store.query(origin="user", property="ionic_conductivity",
                                     minimum=minimum, maximum=maximum)}
    assert got == expected


def test_conductivity_at_does_not_use_a_bound(tmp_path: Path, open_store) -> None:
    """'> 1 mS/cm' was returned as 1 mS/cm at 298.15 K."""
    store = _user(open_store(tmp_path / "s.sqlite"))
    assert float(conductivity_at(store.get("exact"), 298.15).ionic_conductivity_S_m) == \
        pytest.approx(0.1)
    with pytest.raises(SolidcellError):
        conductivity_at(store.get("above"), 298.15)


def test_a_material_with_only_a_bound_is_still_valid() -> None:
    m = Material.model_validate({"id": "x", "name": "x", "category": "additive",
                                 "properties": [{"name": "density", "min": 1, "unit": "g/cm3",
                                                 "method": "measured", "source": "lab"}]})
    assert m.si("density") is None and m.si("density", 7.0) == 7.0
    assert m.get("density").describe().startswith(">1 g/cm3")


def test_a_bound_stored_as_a_value_before_is_cleared_on_open(tmp_path: Path, open_store) -> None:
    """A database written by an older version holds '> 1 mS/cm' with si = 0.1 S/m; the next
    open (new rows version in the curated hash) clears it, so a query no longer uses it."""
    import sqlalchemy as sa

    from solidcell.materials import store as store_module

    store = _user(open_store(tmp_path / "s.sqlite"))
    rows = store_module.PROPERTY_ROWS
    with store._write() as conn:  # as the older version stored it
        conn.execute(rows.update().where(rows.c.material_id == "above").values(si=0.1))
        conn.execute(store_module.META.update().where(
            store_module.META.c.key == "curated_hash").values(value="an older release"))
    assert "above" in {m.id for m in store.query(property="ionic_conductivity", maximum=0.2)}
    store.close()
    again = open_store(tmp_path / "s.sqlite")
    with again.engine.connect() as conn:
        assert conn.execute(sa.select(rows.c.si).where(rows.c.material_id == "above")
                            ).scalar_one() is None
    assert "above" not in {m.id for m in again.query(property="ionic_conductivity",
                                                     maximum=0.2)}
