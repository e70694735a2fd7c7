"""Closing a store (docs/database.md, "Opening and closing a store"), on both backends: a
``with`` block closes it, closing twice does nothing, a closed store refuses every use by name
and changes nothing, a database refused on opening keeps no connection, every command that
opens a store closes it, however it ends, and the shared ``default_store()`` is opened again
once closed. Stores used to be left to the garbage collector: psycopg warned 'connection ...
was deleted while still open' in whichever test the collector ran in."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pgserver import user_rows

from clirun import run
from solidcell.errors import ValidationError
from solidcell.materials import store as store_module
from solidcell.materials.store import MaterialStore, close_default_stores, default_store

#: how long a PostgreSQL server may take to end a backend whose client said goodbye [s]
#: (not a timing check: the count is read again until it is 0 or this wait is over)
_BACKEND_EXIT_WAIT_S = 30.0


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database without tables: a new SQLite path or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "new.sqlite")
    return str(request.getfixturevalue("pg_empty_db"))


def connections_open(db: str, *, wait_for_close: bool = True) -> bool:
    """Whether any connection to ``db`` is open. SQLite (a file path): its write-ahead log
    exists while a connection is open and is removed when the last one closes. PostgreSQL
    (a URL): the server lists a backend for the database (with ``wait_for_close``, read
    until none is left, for at most :data:`_BACKEND_EXIT_WAIT_S`; without it, read once: a
    check that a store is open waited out the whole 30 s)."""
    if "://" not in db:
        return Path(f"{db}-wal").exists()
    import psycopg

    url = sa.engine.make_url(db)
    deadline = time.monotonic() + _BACKEND_EXIT_WAIT_S
    with psycopg.connect(host=url.host, port=url.port, user=url.username, dbname="postgres",
                         autocommit=True) as conn:
        while True:
            (count,), = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                                     (url.database,)).fetchall()
            if count == 0 or not wait_for_close or time.monotonic() > deadline:
                return count > 0
            time.sleep(0.05)


def test_a_with_block_closes_the_store_and_closing_again_does_nothing(fresh_db: str) -> None:
    with MaterialStore(fresh_db) as store:
        assert not store.closed and "llzo" in store
        assert connections_open(fresh_db, wait_for_close=False)
    assert store.closed and not connections_open(fresh_db)
    store.close()  # again: nothing to do, no error
    assert store.closed


_USES: dict[str, Callable[[MaterialStore], Any]] = {
    "get": lambda s: s.get("llzo"),
    "in": lambda s: "llzo" in s,
    "ids": lambda s: s.ids(),
    "list": lambda s: s.list(),
    "query": lambda s: s.query(electrolyte_class="sulfide"),
    "add": lambda s: s.add({"id": "late", "name": "Late", "category": "additive"}),
    "measure": lambda s: s.add_measurement("llzo", {
        "name": "density", "value": 5.0, "unit": "g/cm3", "method": "measured",
        "source": "lab"}),
    "measurements": lambda s: s.measurements(),
    "export": lambda s: s.export_contents(),
    "engine": lambda s: s.engine,
}


@pytest.mark.parametrize("use", sorted(_USES))
def test_a_closed_store_refuses_every_use_by_name(fresh_db: str, use: str) -> None:
    """It is not opened again behind the user's back (its connections would stay open, an
    in-memory database would come back empty): the error names the store and what to do, and
    nothing is written."""
    store = MaterialStore(fresh_db)
    store.close()
    before = user_rows(fresh_db)
    with pytest.raises(ValidationError) as info:
        _USES[use](store)
    assert info.value.field == "store" and "closed" in info.value.allowed
    assert "new MaterialStore" in info.value.allowed
    assert user_rows(fresh_db) == before and not connections_open(fresh_db)


def test_a_closed_in_memory_store_refuses_use() -> None:
    with MaterialStore("sqlite://") as store:
        store.add({"id": "kept", "name": "Kept", "category": "additive"})
    with pytest.raises(ValidationError, match="closed"):
        store.ids()


def test_a_database_refused_on_opening_keeps_no_connection(new_db: str) -> None:
    """Another program's database (a ``materials`` table of its own) is refused; the
    connection the check used was left open until the garbage collector found it."""
    if "://" in new_db:
        engine = sa.create_engine(new_db)
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE materials (sku TEXT)")
        engine.dispose()
    else:
        with sqlite3.connect(new_db) as conn:
            conn.execute("CREATE TABLE materials (sku TEXT)")
        conn.close()
    with pytest.raises(ValidationError, match="another program's database"):
        MaterialStore(new_db)
    assert not connections_open(new_db)


@pytest.mark.parametrize("args", [
    ["materials", "list"],
    ["materials", "show", "llzo"],
    ["materials", "show", "no_such_material"],  # refused: the store is closed all the same
    ["materials", "query", "--class", "sulfide"],
    ["materials", "measure", "llzo", "--property", "density", "--value", "5.2 g/cm3",
     "--source", "lab"],
    ["materials", "measurements"],
    ["materials", "delete-measurement", "99"],
    ["conductivity", "llzo", "--temperature", "25 degC"],
    ["cite", "llzo"],
])
def test_every_command_closes_the_store_it_opened(fresh_db: str, args: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([*args, "--db", fresh_db], capsys)
    assert code in (0, 2), err
    assert not connections_open(fresh_db)


def test_the_default_store_is_opened_again_once_closed(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "default.sqlite"))
    try:
        first = default_store()
        assert default_store() is first  # shared: one per process and URL
        first.close()
        again = default_store()
        assert again is not first and not again.closed and "llzo" in again
        close_default_stores()
        assert again.closed and not default_store().closed
    finally:
        close_default_stores()


def test_default_stores_of_urls_used_longest_ago_are_closed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$SOLIDCELL_DB changed more often than the stores kept open: the oldest is closed (an
    evicted store was left to the garbage collector), and opened again when asked for."""
    kept = store_module._DEFAULT_STORES_OPEN
    try:
        stores = []
        for i in range(kept + 1):
            monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / f"db{i}.sqlite"))
            stores.append(default_store())
        assert [s.closed for s in stores] == [True] + [False] * kept
        monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "db0.sqlite"))
        assert not default_store().closed
    finally:
        close_default_stores()
