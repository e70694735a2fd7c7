"""``database_version`` changes with every committed write, whatever the clock and the size.

It was the modification time and size of the SQLite file and of its write-ahead log: two
commits within one clock tick that left both sizes as they were (the log is written again
from its start once a checkpoint has copied it all) gave one version, and the caches keyed
on it (the interface pair caches, the discovery index, the sintering aids' materials, the
dashboard's costs) served the answer of the first write. It is now ``PRAGMA data_version``
of a connection that only watches (SQLite: the value changes on each commit of another
connection, and stays the same for none; SQLite's test ``pragma3.test``, R-27726-60934 and
R-47505-58569). The schema is unchanged: a database made before is read as it is."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from solidcell.interfaces import compat
from solidcell.interfaces.compat import check_pair
from solidcell.materials.store import close_default_stores, database_version

#: a user's electrolyte, first Li3PS4, then corrected to Li3InCl6 (as in
#: tests/interfaces/test_interfaces_cache_user_material.py)
MINE = {"id": "my_el", "name": "My electrolyte", "formula": "Li3PS4",
        "category": "electrolyte", "electrolyte_class": "sulfide"}


@pytest.fixture
def own_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """``SOLIDCELL_DB`` of this test; the watcher is closed at its end."""
    path = tmp_path / "own.sqlite"
    monkeypatch.setenv("SOLIDCELL_DB", str(path))
    yield path
    close_default_stores()


def _stats(path: Path) -> tuple[tuple[int, int], ...]:
    """The version as it was: (mtime [ns], size [bytes]) of the file and of its log."""
    return tuple((s.st_mtime_ns, s.st_size) for s in
                 (os.stat(path), os.stat(f"{path}-wal")))


def _checkpoint(path: Path) -> None:
    """Copy the whole write-ahead log into the file (the next write starts it again)."""
    with sqlite3.connect(path) as conn:
        busy, logged, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and logged == copied
    conn.close()


def _restore_times(path: Path, stats: tuple[tuple[int, int], ...]) -> None:
    for file, (mtime_ns, _size) in zip((path, Path(f"{path}-wal")), stats, strict=True):
        os.utime(file, ns=(mtime_ns, mtime_ns))


def test_a_write_that_keeps_times_and_sizes_makes_a_new_version(own_db: Path,
                                                                 open_store) -> None:
    """The old version's case: same mtimes (set back) and same sizes, new content. The pair
    cache then answers the new formula's verdict, as a fresh process does."""
    store = open_store(str(own_db))
    store.add(MINE)  # (the larger write: the next one fits in the log it leaves)
    _checkpoint(own_db)
    before = _stats(own_db)
    version = database_version()
    assert version is not None and database_version() == version  # nothing written
    assert check_pair("my_el", "nmc811").status == check_pair("li3ps4", "nmc811").status
    store.update({**MINE, "formula": "Li3InCl6", "electrolyte_class": "halide"})
    _restore_times(own_db, before)
    assert _stats(own_db) == before  # the old version could not tell the two apart
    assert database_version() not in (None, version)
    after = check_pair("my_el", "nmc811")
    compat.clear_caches()
    try:
        assert after == check_pair("my_el", "nmc811")
    finally:
        compat.clear_caches()
    assert after.status == check_pair("li3incl6", "nmc811").status


def test_a_write_by_another_connection_or_process_is_seen(own_db: Path, open_store) -> None:
    """Writers that bypass MaterialStore: a raw sqlite3 connection here, another process."""
    open_store(str(own_db)).add(MINE)
    seen = [database_version()]
    with sqlite3.connect(own_db) as conn:
        conn.execute("UPDATE materials SET name = 'renamed' WHERE id = 'my_el'")
    conn.close()
    seen.append(database_version())
    script = ("import sqlite3, sys\n"
              "with sqlite3.connect(sys.argv[1]) as c:\n"
              "    c.execute(\"UPDATE materials SET name = 'again' WHERE id = 'my_el'\")\n"
              "c.close()\n")
    subprocess.run([sys.executable, "-c", script, str(own_db)], check=True)
    seen.append(database_version())
    assert None not in seen and len(set(seen)) == 3


def test_a_file_made_again_at_the_same_path_never_repeats_a_version(own_db: Path,
                                                                    open_store) -> None:
    with open_store(str(own_db)) as store:
        store.add(MINE)
    first = database_version()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{own_db}{suffix}").unlink(missing_ok=True)
    assert database_version() is None  # no file: not known, read afresh
    with open_store(str(own_db)) as store:
        store.add(MINE)
    second = database_version()
    assert second is not None and second != first


def test_reading_the_version_writes_nothing(own_db: Path, open_store) -> None:
    """A database made by earlier code is read as it is: no table, trigger or row added."""
    with open_store(str(own_db)) as store:
        store.add(MINE)
    _checkpoint(own_db)
    digest = hashlib.sha256(own_db.read_bytes()).hexdigest()
    with sqlite3.connect(own_db) as conn:
        schema = conn.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()
    conn.close()
    assert database_version() is not None
    _checkpoint(own_db)
    assert hashlib.sha256(own_db.read_bytes()).hexdigest() == digest
    with sqlite3.connect(own_db) as conn:
        assert conn.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall() == schema
    conn.close()


@pytest.mark.parametrize("db", ["sqlite://", "sqlite:///:memory:", "postgresql://u@h/db"])
def test_a_database_without_a_file_has_no_version(db: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOLIDCELL_DB", db)
    assert database_version() is None


def test_a_file_that_is_no_database_has_no_version(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database\n" * 100)
    monkeypatch.setenv("SOLIDCELL_DB", str(text))
    assert database_version() is None
    assert text.read_text() == "not a database\n" * 100


def test_closing_the_default_stores_closes_the_watcher(own_db: Path, open_store) -> None:
    """With every connection closed SQLite removes the write-ahead log (the watcher's too)."""
    with open_store(str(own_db)) as store:
        store.add(MINE)
    assert database_version() is not None
    assert Path(f"{own_db}-wal").exists()  # the watcher's connection is open
    close_default_stores()
    assert not Path(f"{own_db}-wal").exists()


def _child_version(queue: Any) -> None:
    queue.put(database_version())


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="no fork on this platform")
def test_a_forked_child_opens_its_own_watcher(own_db: Path, open_store) -> None:
    """SQLite connections must not cross fork: the child reads through a connection of its
    own, under a new number (never a version its parent's caches hold)."""
    with open_store(str(own_db)) as store:
        store.add(MINE)
    parent = database_version()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child_version, args=(queue,))
    child.start()
    got = queue.get(timeout=60)
    child.join(60)
    assert child.exitcode == 0
    assert got is not None and got != parent
    assert database_version() == parent  # the parent's watcher is untouched


def test_threads_share_the_watcher_while_a_store_writes(own_db: Path, open_store) -> None:
    """The watcher's connection is shared by threads behind a lock: every read answers."""
    import threading

    store = open_store(str(own_db))
    store.add(MINE)
    first = database_version()
    seen: list[Any] = []

    def read() -> None:
        seen.extend(database_version() for _ in range(200))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for name in ("Mine 1", "Mine 2", "Mine 3"):
        store.update({**MINE, "name": name})
    for thread in threads:
        thread.join()
    assert len(seen) == 800 and None not in seen
    assert database_version() != first
