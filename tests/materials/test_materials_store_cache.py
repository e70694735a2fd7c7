"""``MaterialStore.get`` answers from a cache per version of the database (docs/database.md,
"Version of the database"): keyed by the URL, :func:`database_version`, the id and whether
measurements are wanted, so every committed write (by this store, another store, a plain
``sqlite3`` connection or another process) is read by the next get; a database whose version
is not known (PostgreSQL, in memory) is read afresh. Run on both backends where a test takes
``fresh_db`` (tests/materials/conftest.py): on PostgreSQL the cache does not apply and every
read must still be right.

Properties checked, no timings: a get after each kind of write returns the new state; a random
sequence of writes and reads on one store returns what an uncached read of a store opened
afresh returns (the oracle); what a caller does to a returned Material never reaches the
next get; closing a store leaves no connection to its file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from solidcell.errors import NotFoundError, SolidcellError
from solidcell.materials import store as store_module
from solidcell.materials.schema import Material
from solidcell.materials.store import MaterialStore, close_default_stores, database_version

#: a user's electrolyte (values are the user's own: nothing here is a literature value)
MINE = {"id": "my_el", "name": "My electrolyte", "formula": "Li3PS4",
        "category": "electrolyte", "electrolyte_class": "sulfide",
        "properties": [{"name": "density", "value": 1.9, "unit": "g/cm3",
                        "method": "measured", "source": "lab-notebook"}]}


def _density(value: float) -> dict[str, Any]:
    return {"name": "density", "value": value, "unit": "g/cm3", "method": "measured",
            "source": "lab-notebook"}


def _uncached(store: MaterialStore, material_id: str, with_measurements: bool = True
              ) -> Material:
    """The oracle: ``material_id`` read from the database, past the cache."""
    return store._read(store.engine, material_id, with_measurements)


@pytest.mark.parametrize("with_measurements", [True, False])
def test_a_get_after_each_write_of_the_store_returns_the_new_state(
        fresh_db: str, open_store: Any, with_measurements: bool) -> None:
    store = open_store(fresh_db)
    with pytest.raises(NotFoundError):
        store.get("my_el", with_measurements)
    store.add(MINE)
    assert store.get("my_el", with_measurements).name == "My electrolyte"
    store.update({**MINE, "name": "Renamed"})
    assert store.get("my_el", with_measurements).name == "Renamed"
    mid = store.add_measurement("my_el", _density(2.0))
    values = [p.value for p in store.get("my_el", with_measurements).properties]
    assert values == ([1.9, 2.0] if with_measurements else [1.9])
    store.delete_measurement(mid)
    assert [p.value for p in store.get("my_el", with_measurements).properties] == [1.9]
    store.import_records([("import", {"material": "my_el", **_density(2.1)})])
    values = [p.value for p in store.get("my_el", with_measurements).properties]
    assert values == ([1.9, 2.1] if with_measurements else [1.9])
    store.delete("my_el")
    with pytest.raises(NotFoundError) as gone:
        store.get("my_el", with_measurements)
    assert str(gone.value).startswith("material: 'my_el' is not in the materials database")
    # a measurement of a curated material
    before = len(store.get("llzo", with_measurements).properties)
    store.add_measurement("llzo", _density(5.0))
    after = len(store.get("llzo", with_measurements).properties)
    assert after == before + (1 if with_measurements else 0)


def test_a_write_by_another_store_of_the_file_is_read(fresh_db: str, open_store: Any) -> None:
    reader, writer = open_store(fresh_db), open_store(fresh_db)
    writer.add(MINE)
    assert reader.get("my_el").name == "My electrolyte"
    writer.update({**MINE, "name": "Renamed"})
    assert reader.get("my_el").name == "Renamed"
    writer.add_measurement("my_el", _density(2.0))
    assert [p.value for p in reader.get("my_el").properties] == [1.9, 2.0]
    writer.delete("my_el")
    with pytest.raises(NotFoundError):
        reader.get("my_el")


def _rename_by_hand(path: str, name: str) -> None:
    """Rename ``my_el`` as a plain ``sqlite3`` connection would (row and JSON payload)."""
    conn = sqlite3.connect(path)
    with conn:
        (payload,), = conn.execute("SELECT payload FROM materials WHERE id = 'my_el'")
        conn.execute("UPDATE materials SET name = ?, payload = ? WHERE id = 'my_el'",
                     (name, json.dumps({**json.loads(payload), "name": name})))
    conn.close()


def test_a_write_by_a_plain_sqlite3_connection_is_read(tmp_path: Path, open_store: Any
                                                       ) -> None:
    path = str(tmp_path / "own.sqlite")
    store = open_store(path)
    store.add(MINE)
    assert store.get("my_el").name == "My electrolyte"
    for name in ("By hand 1", "By hand 2", "By hand 3"):  # commits within one clock tick
        _rename_by_hand(path, name)
        assert store.get("my_el").name == name
        assert store.get("my_el", False).name == name


#: another process: a measurement of ``my_el`` through a store of its own, then a rename by
#: hand through ``sqlite3`` (argv: database path)
_OTHER_PROCESS = """
import json, sqlite3, sys
from solidcell.materials.store import MaterialStore
with MaterialStore(sys.argv[1]) as store:
    store.add_measurement("my_el", {"name": "density", "value": 2.0, "unit": "g/cm3",
                                    "method": "measured", "source": "lab-notebook"})
conn = sqlite3.connect(sys.argv[1])
with conn:
    (payload,), = conn.execute("SELECT payload FROM materials WHERE id = 'my_el'")
    conn.execute("UPDATE materials SET name = 'Other', payload = ? WHERE id = 'my_el'",
                 (json.dumps({**json.loads(payload), "name": "Other"}),))
conn.close()
"""


def test_a_write_by_another_process_is_read(tmp_path: Path, open_store: Any) -> None:
    path = str(tmp_path / "own.sqlite")
    store = open_store(path)
    store.add(MINE)
    assert [p.value for p in store.get("my_el").properties] == [1.9]
    assert store.get("my_el", False).name == "My electrolyte"
    subprocess.run([sys.executable, "-c", _OTHER_PROCESS, path], check=True, timeout=120)
    again = store.get("my_el")
    assert again.name == "Other" and [p.value for p in again.properties] == [1.9, 2.0]
    assert store.get("my_el", False).name == "Other"


def test_an_in_memory_store_reads_afresh(open_store: Any) -> None:
    store = open_store("sqlite://")
    store.add(MINE)
    assert store.get("my_el").name == "My electrolyte"
    store.update({**MINE, "name": "Renamed"})
    assert store.get("my_el").name == "Renamed"


def test_the_cache_is_used_where_the_version_is_known(tmp_path: Path, open_store: Any
                                                      ) -> None:
    """(That the cache applies on an SQLite file at all: a get twice answers equal copies,
    one entry in the cache.)"""
    store = open_store(str(tmp_path / "own.sqlite"))
    first = store.get("llzo")
    assert database_version(store.url) is not None
    key = (store.url, database_version(store.url), "llzo", True)
    assert store_module._READ_CACHE.get(key) == first
    assert store.get("llzo") == first and store.get("llzo") is not first


def _mutate(material: Material) -> None:
    """What a caller may do to a returned (frozen) Material's lists."""
    material.properties.append(material.properties[0])
    material.properties[0] = material.properties[-1]
    material.aliases.append("poison")
    material.advantages.clear()
    material.challenges.reverse()
    material.components.append(material.components[0] if material.components else None)
    if material.ocp is not None:
        material.ocp.voltage.append(99.0)
        material.ocp.stoichiometry.clear()


@pytest.mark.parametrize("material_id", ["graphite", "llzo", "li6ps5cl"])
@pytest.mark.parametrize("with_measurements", [True, False])
def test_changing_a_returned_material_does_not_reach_the_next_get(
        tmp_path: Path, open_store: Any, material_id: str, with_measurements: bool) -> None:
    store = open_store(str(tmp_path / "own.sqlite"))
    store.add_measurement(material_id, _density(3.0))
    clean = _uncached(store, material_id, with_measurements)
    for _ in range(2):
        returned = store.get(material_id, with_measurements)
        assert returned == clean
        _mutate(returned)
        _mutate(returned.model_copy())  # (a shallow copy shares the returned one's lists)
    again = store.get(material_id, with_measurements)
    assert again == clean and again.model_dump() == clean.model_dump()
    assert again.model_fields_set == clean.model_fields_set
    assert again.model_dump(exclude_unset=True) == clean.model_dump(exclude_unset=True)


def _list_fields(model: type[BaseModel]) -> list[str]:
    return [name for name, field in model.model_fields.items()
            if any(typing.get_origin(t) in (list, dict, set) or t in (list, dict, set)
                   for t in (field.annotation, *typing.get_args(field.annotation)))]


def test_the_models_inside_a_materials_lists_hold_no_lists() -> None:
    """The cache copies a Material's lists one level deep (``store._fresh``): the models in
    them (and in its OCP curve) must hold nothing mutable themselves."""
    for name in _list_fields(Material):
        annotation = Material.model_fields[name].annotation
        for inner in typing.get_args(annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                assert not _list_fields(inner), (name, inner)
                assert inner.model_config.get("frozen"), (name, inner)
    ocp = typing.get_args(Material.model_fields["ocp"].annotation)[0]
    for name in _list_fields(ocp):
        inner = typing.get_args(ocp.model_fields[name].annotation)
        assert all(not (isinstance(t, type) and issubclass(t, BaseModel)) for t in inner)


def test_closing_a_store_leaves_no_connection_to_its_file(tmp_path: Path) -> None:
    """The version's connection to a store's file is closed with the store (with every
    connection closed, SQLite removes the write-ahead log)."""
    path = tmp_path / "own.sqlite"
    with MaterialStore(str(path)) as store:
        store.get("llzo")
        assert Path(f"{path}-wal").exists()
    assert not Path(f"{path}-wal").exists()


def test_closing_the_default_stores_empties_the_cache(tmp_path: Path, open_store: Any) -> None:
    store = open_store(str(tmp_path / "own.sqlite"))
    store.get("llzo")
    close_default_stores()
    assert not store_module._READ_CACHE._materials


def test_the_cache_stays_bounded(tmp_path: Path, open_store: Any) -> None:
    store = open_store(str(tmp_path / "own.sqlite"))
    ids = store.ids()
    for material_id in ids:
        store.get(material_id)
        store.get(material_id, False)
    assert len(store_module._READ_CACHE._materials) <= store_module._READ_CACHE_SIZE


# --- a random sequence of writes and reads against the oracle -------------------------------

_IDS = ("u1", "u2", "llzo")
_OPS = st.lists(st.one_of(
    st.tuples(st.just("add"), st.sampled_from(_IDS), st.sampled_from(["A", "B"])),
    st.tuples(st.just("update"), st.sampled_from(_IDS), st.sampled_from(["C", "D"])),
    st.tuples(st.just("measure"), st.sampled_from(_IDS), st.floats(1.0, 9.0)),
    st.tuples(st.just("unmeasure"), st.sampled_from(_IDS), st.just(0)),
    st.tuples(st.just("delete"), st.sampled_from(_IDS), st.just(0)),
    st.tuples(st.just("by_hand"), st.sampled_from(_IDS), st.sampled_from(["E", "F"])),
    st.tuples(st.just("read"), st.sampled_from(_IDS), st.booleans()),
), min_size=1, max_size=12)


def _apply(store: MaterialStore, path: str, op: tuple[str, str, Any]) -> None:
    kind, mid, arg = op
    material = {"id": mid, "name": f"Name {arg}", "formula": "Li3PS4",
                "category": "electrolyte", "electrolyte_class": "sulfide"}
    try:
        if kind == "add":
            store.add(material)
        elif kind == "update":
            store.update(material)
        elif kind == "measure":
            store.add_measurement(mid, _density(arg))
        elif kind == "unmeasure":
            for measurement_id, of, _prop in store.measurements(mid)[:1]:
                assert of == mid
                store.delete_measurement(measurement_id)
        elif kind == "delete":
            store.delete(mid)
        elif kind == "by_hand" and mid in store and store.get(mid).origin == "user":
            conn = sqlite3.connect(path)
            with conn:
                (payload,), = conn.execute("SELECT payload FROM materials WHERE id = ?", (mid,))
                conn.execute("UPDATE materials SET name = ?, payload = ? WHERE id = ?",
                             (f"Name {arg}", json.dumps({**json.loads(payload),
                                                         "name": f"Name {arg}"}), mid))
            conn.close()
    except SolidcellError:  # a refused write (an id taken, a curated material): no change
        pass


def _answer(read: Any) -> tuple[str, Any]:
    try:
        return "material", read().model_dump()
    except NotFoundError as exc:
        return "error", str(exc)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS)
def test_random_writes_and_reads_match_a_store_opened_afresh(ops: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "own.sqlite")
        with MaterialStore(path) as store:
            for op in ops:
                _apply(store, path, op)
                if op[0] != "read":
                    op = ("read", op[1], True)
                got = {(mid, wm): _answer(lambda m=mid, w=wm: store.get(m, w))
                       for mid in _IDS for wm in (op[2], not op[2])}
                with MaterialStore(path) as oracle:  # (opened afresh for each step)
                    want = {(mid, wm): _answer(lambda m=mid, w=wm: _uncached(oracle, m, w))
                            for mid, wm in got}
                assert got == want, op
