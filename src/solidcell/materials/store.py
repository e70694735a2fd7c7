"""The materials store: curated knowledge base plus a user's own materials and measurements,
in one SQL database (embedded SQLite by default; any SQLAlchemy URL, e.g. PostgreSQL, works).

- Curated materials come from the YAML files in ``solidcell/materials/data`` and are (re)loaded
  into the database whenever those files change; they are read-only to users.
- User materials (``origin="user"``) and user measurements (extra property values attached to
  any material) persist in the same database and are never touched by a curated reload.
- Every write is one transaction that holds the database's write lock (``BEGIN IMMEDIATE`` on
  SQLite, a transaction-level advisory lock on PostgreSQL), so an import with one bad row
  changes nothing and processes writing at once (or opening a new database at once) lose
  nothing.
- SQL goes through bound parameters only.
- A store holds connections until :meth:`MaterialStore.close` (or the end of its ``with``
  block); a closed store refuses every use by name, it is not opened again behind the user's
  back. :func:`default_store` is shared and opened again when it was closed.

Location: ``$SOLIDCELL_DB`` (a file path or an SQLAlchemy URL), else the platform's user data
directory (``platformdirs.user_data_dir("solidcell")/materials.sqlite``). A new SQLite file is
created in an existing folder only; only that default folder is created when missing.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import math
import os
import re
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from solidcell import units
from solidcell.checks import flag, is_integer, is_real
from solidcell.errors import ImportRejected, NotFoundError, UnitError, ValidationError
from solidcell.materials.curated import (  # noqa: F401  (the curated data, also imported from here)
    ROOM_TEMPERATURE_K,
    TEMPERATURE_TOLERANCE_K,
    _curated_material,
    _curated_records,
    curated_files,
    curated_materials,
    curated_materials_giving,
)
from solidcell.materials.measurement import checked_temperature
from solidcell.materials.schema import (
    MAX_TEMPERATURE_K,
    PROPERTIES,
    TEXT_PROPERTIES,
    Material,
    PropertyValue,
    _fraction,
    hidden_character,
)
from solidcell.textio import (  # noqa: F401  (the strict readers, also imported from here)
    csv_delimiter,
    load_json,
    load_yaml,
)
from solidcell.validation import unchecked_copy

_META = sa.MetaData()

MATERIALS = sa.Table(
    "materials", _META,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("origin", sa.String(16), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("formula", sa.Text),
    sa.Column("category", sa.String(32), nullable=False, index=True),
    sa.Column("electrolyte_class", sa.String(32), index=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
)
PROPERTY_ROWS = sa.Table(
    "properties", _META,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("material_id", sa.String(64), nullable=False, index=True),
    sa.Column("origin", sa.String(16), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),  # "material" (part of it) or "measurement"
    sa.Column("rank", sa.Integer, nullable=False),
    sa.Column("name", sa.String(64), nullable=False, index=True),
    sa.Column("si", sa.Float),
    sa.Column("si_min", sa.Float),
    sa.Column("si_max", sa.Float),
    sa.Column("temperature", sa.Float),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)
ELEMENTS = sa.Table(
    "elements", _META,
    sa.Column("material_id", sa.String(64), nullable=False, index=True),
    sa.Column("element", sa.String(3), nullable=False, index=True),
)
META = sa.Table(
    "meta", _META,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

#: Rows the store wrote itself were validated on the way in; re-reading skips the costly checks.
_TRUSTED = {"trusted": True}
#: META key of the ids of curated materials a user material of the same id keeps out (a JSON list)
_SHADOWED = "shadowed_curated"
#: Sort key offset of measurement rows: after every value of the material itself (its ranks).
_MEASUREMENT_ORDER = 1 << 40

CSV_MATERIAL_COLUMNS = ("id", "name", "formula", "category", "electrolyte_class", "mobile_ion")
CSV_PROPERTY_COLUMNS = (
    "property", "value", "min", "max", "text", "unit", "temperature", "method", "source",
    "year", "note", "temperature_min", "temperature_max", "arrhenius_form",
)
CSV_COLUMNS = CSV_MATERIAL_COLUMNS + CSV_PROPERTY_COLUMNS
#: fields (and CSV columns) of an activation energy's measured temperature range [K]
_MEASURED_RANGE = ("temperature_min", "temperature_max")
#: Free-text columns an import keeps exactly as written (spaces at the ends included, as JSON
#: does); every other cell (ids, units, keys, numbers) is stripped of spaces at its ends.
CSV_TEXT_COLUMNS = frozenset({"name", "text", "note"})
#: First characters that make a spreadsheet read a CSV cell as a formula (OWASP "CSV
#: injection"); an exported text cell starting with one of them, or with the guard ``'``
#: itself, is written with a leading ``'``, which an import removes again.
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_GUARD = "'"


def default_url() -> str:
    """``$SOLIDCELL_DB`` (path or URL), else the platform user-data SQLite file."""
    env = os.environ.get("SOLIDCELL_DB", "").strip()
    if env:
        try:
            return env if "://" in env else f"sqlite:///{Path(env).expanduser().resolve()}"
        except (ValueError, RuntimeError, OSError) as exc:  # '~nobody/materials.sqlite'
            raise ValidationError("SOLIDCELL_DB", env, f"{_URL_ALLOWED} ({exc})") from None
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('solidcell')) / 'materials.sqlite'}"


def database_version(url: str | None = None) -> tuple[int, int] | None:
    """Which version of the materials database at ``url`` (default :func:`default_url`) this
    process sees: a value that changes with every transaction committed to its SQLite file
    since the last call, by any connection of any process (a MaterialStore, the dashboard,
    the ``sqlite3`` shell), whatever the clock and the file's size; None where it is not
    known (a database that is no SQLite file, in memory, not made yet or not readable:
    callers read afresh).

    It is (watcher, ``PRAGMA data_version``) of one connection per process that never
    writes, the watcher, kept open on the file: SQLite changes that pragma's value on each
    commit of another connection (the watcher commits nothing). The watcher is opened again, under a
    new number, when the path names another file (replaced, or deleted and made again).
    The file's modification time and size, the version before, stayed the same over two
    commits within one clock tick that left the size as it was; the header's file change
    counter is not bumped per transaction in WAL mode, which the store uses
    (docs/database.md, "Version of the database")."""
    try:
        name = _versioned_file(default_url() if url is None else url)
    except Exception:  # a URL the store refuses itself, naming SOLIDCELL_DB
        return None
    if name is None:
        return None
    try:
        stat = os.stat(name)
    except OSError:  # no database yet: the next call, once it is made, opens the watcher
        return None
    return _WATCHER.version(name, (stat.st_dev, stat.st_ino))


@functools.lru_cache(maxsize=64)
def _versioned_file(url: str) -> str | None:
    """The SQLite file of ``url`` whose version :func:`database_version` reads; None for
    another database, one in memory or an SQLite ``file:`` URI (parsed once per URL)."""
    parsed = sa.engine.make_url(url)
    name = parsed.database or ""
    if (not parsed.drivername.startswith("sqlite") or name in ("", ":memory:")
            or name.startswith("file:")):
        return None
    return name


class _Watcher:
    """The connections :func:`database_version` reads ``PRAGMA data_version`` on: one per
    file asked about, of the last :data:`_WATCHED_FILES` files (a store of another file used
    beside the default store no longer closes and opens the one connection on every read),
    behind a lock (threads share them)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        #: path -> (file id (device, inode), connection, number), least recently used first
        self._conns: dict[str, tuple[tuple[int, int], Any, int]] = {}
        self._number = 0  # of the last connection: a version is never that of an earlier one
        self._forked: list[Any] = []  # a parent's connections: never used nor closed here

    def version(self, name: str, file: tuple[int, int]) -> tuple[int, int] | None:
        import sqlite3

        with self._lock:
            entry = self._conns.pop(name, None)
            try:
                if entry is None or entry[0] != file:
                    if entry is not None:
                        entry[1].close()
                    # mode=rw: a file deleted since the stat is not made again, empty
                    conn = sqlite3.connect(
                        f"file:{_uri_path(name)}?mode=rw", uri=True, isolation_level=None,
                        check_same_thread=False)
                    self._number += 1
                    entry = (file, conn, self._number)
                    while len(self._conns) >= _WATCHED_FILES:
                        self._conns.pop(next(iter(self._conns)))[1].close()
                (data_version,), = entry[1].execute("PRAGMA data_version").fetchall()
            except sqlite3.Error:  # not a database, locked past the timeout: not known
                if entry is not None:
                    entry[1].close()
                return None
            self._conns[name] = entry
            return entry[2], data_version

    def release(self, name: str) -> None:
        """Close the connection to the file ``name`` (a store of it was closed: it keeps the
        file open no longer; the next read opens one, under a new number)."""
        with self._lock:
            entry = self._conns.pop(name, None)
            if entry is not None:
                entry[1].close()

    def close(self) -> None:
        """Close the connections (:func:`close_default_stores`; the next read opens one)."""
        with self._lock:
            while self._conns:
                self._conns.popitem()[1][1].close()

    def forget_after_fork(self) -> None:
        """In a forked child: a new lock, and the parent's connections set aside unclosed
        (SQLite forbids using a connection across fork; closing one here would drop the
        child's own POSIX locks on the file)."""
        self._lock = threading.Lock()
        self._forked.extend(conn for _file, conn, _number in self._conns.values())
        self._conns = {}


def _uri_path(name: str) -> str:
    """``name`` as the absolute path of an SQLite ``file:`` URI (``?``, ``#`` and ``%``
    escaped; ``/C:/...`` on Windows)."""
    from urllib.parse import quote

    path = Path(os.path.abspath(name)).as_posix()
    return quote(path if path.startswith("/") else f"/{path}", safe="/:")


#: How many SQLite files :func:`database_version` keeps a connection open to at once.
_WATCHED_FILES = 4
_WATCHER = _Watcher()


class _ReadCache:
    """Materials read by :meth:`MaterialStore.get`, by (URL, :func:`database_version`,
    id, with measurements): a version is that of every committed write, by this store,
    another one or another process, so an entry is never that of an older database. Bounded
    (:data:`_READ_CACHE_SIZE`, least recently used dropped), behind a lock (threads share
    it); emptied by :func:`close_default_stores` (docs/database.md, "Version of the
    database")."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._materials: dict[tuple[Any, ...], Material] = {}

    def get(self, key: tuple[Any, ...]) -> Material | None:
        with self._lock:
            material = self._materials.pop(key, None)
            if material is not None:
                self._materials[key] = material  # (the most recently used, last)
        return material

    def put(self, key: tuple[Any, ...], material: Material) -> None:
        with self._lock:
            self._materials[key] = material
            while len(self._materials) > self.size:
                del self._materials[next(iter(self._materials))]

    def clear(self) -> None:
        with self._lock:
            self._materials.clear()

    def forget_after_fork(self) -> None:
        """In a forked child: a new lock (the entries stay true: the child's versions are
        read through connections of its own, under new numbers)."""
        self._lock = threading.Lock()


def _fresh(model: Any) -> Any:
    """``model`` (a frozen Material, or a model in one) with new lists in place of its lists
    and a fresh copy of each model it holds directly (its OCP curve): what a caller may change
    of a cached Material (``material.properties.append(...)``) is its own. The models in those
    lists hold no list, dict or set (tests/materials/test_materials_store_cache.py checks the
    schema), so the lists are copied one level deep, not the values (a few microseconds)."""
    update = {}
    for name, value in model.__dict__.items():
        if type(value) is list:
            update[name] = value.copy()
        elif isinstance(value, BaseModel):
            update[name] = _fresh(value)
    copied = model.__copy__()  # (pydantic's shallow copy: the fields given stay as they were)
    copied.__dict__.update(update)
    return copied


#: How many materials :meth:`MaterialStore.get` keeps (:class:`_ReadCache`).
_READ_CACHE_SIZE = 256
_READ_CACHE = _ReadCache(_READ_CACHE_SIZE)


def _forget_after_fork() -> None:
    _WATCHER.forget_after_fork()
    _READ_CACHE.forget_after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


def _shadow_note(shadowed: Sequence[Material]) -> str:
    """Why the curated ``shadowed`` materials are not in the database, and what to do."""
    named = ", ".join(f"{m.id!r} ({m.name})" for m in shadowed)
    return (f"the curated material{'s' if len(shadowed) > 1 else ''} {named} "
            f"{'are' if len(shadowed) > 1 else 'is'} not loaded: your own material has the same "
            "id and is used instead; to have both, export yours (`solidcell materials export`), "
            "delete it (the curated one is then loaded) and add yours again under another id")


#: Version of the way property rows are derived from the data (``si`` of a range open on one
#: side became NULL in 2): part of the curated hash, so that the curated rows are rewritten.
_ROWS_VERSION = b"property-rows-2"


def _curated_hash() -> str:
    digest = hashlib.sha256(_ROWS_VERSION)
    for file in curated_files():
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _elements(formula: str | None) -> list[str]:
    if not formula:
        return []
    from solidcell.chemistry.composition import parse_composition

    return sorted({el.symbol for el in parse_composition(formula).elements})


#: PostgreSQL advisory lock held by every write transaction: writers take turns, as under
#: SQLite's BEGIN IMMEDIATE (without it, processes opening a new database at once failed on
#: CREATE TABLE or on the curated rows another one was inserting). Any fixed 64-bit key.
_PG_WRITE_LOCK = int.from_bytes(hashlib.sha256(b"solidcell.materials.write").digest()[:8],
                                "big", signed=True)
#: Measurement ids are INTEGER keys: 32-bit on PostgreSQL, 64-bit on SQLite.
_MAX_PK = {"sqlite": 2**63 - 1, "postgresql": 2**31 - 1}


def _shown_url(url: Any) -> str:
    """``url`` as an error message may show it: a database password replaced by ***."""
    try:
        parsed = sa.engine.make_url(str(url))
    except (sa.exc.ArgumentError, ValueError, TypeError):
        return str(url)
    return parsed.render_as_string(hide_password=True) if parsed.password else str(url)


def _has_nul(value: Any) -> bool:
    """True for a str holding a NUL character, which PostgreSQL text cannot store or compare
    (psycopg refuses it): such an id is in no database, such a name is refused."""
    return isinstance(value, str) and "\x00" in value


def _sqlite_file(url: str) -> Path | None:
    """The database file of an SQLite ``url`` (relative to the working folder when the URL
    says so); None for an in-memory database (``sqlite://``, which used to fail with an
    IndexError, or ``sqlite:///:memory:``) and for an SQLite ``file:`` URI."""
    database = sa.engine.make_url(url).database
    if _in_memory(url) or database.startswith("file:"):
        return None
    return Path(database)


def _in_memory(url: str) -> bool:
    """True for an in-memory SQLite URL: ``sqlite://``, ``sqlite:///:memory:`` (or a
    ``file::memory:`` URI)."""
    database = sa.engine.make_url(url).database
    return not database or ":memory:" in database


def _wal_mode(cursor: Any, wait_s: float = 60.0) -> None:
    """Switch an SQLite database to write-ahead logging, waiting up to ``wait_s`` seconds for
    other processes. Connections that open a new database at the same moment all ask for
    the switch, which needs the database to themselves; SQLite answers all but one at once
    with 'database is locked' (deadlock avoidance skips the busy timeout): four processes
    opening a new database failed in 3 of 40 tries (tests/materials/test_store.py)."""
    import sqlite3
    import time

    deadline = time.monotonic() + wait_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


_URL_ALLOWED = ("a database file path or an SQLAlchemy URL that can be opened, e.g. "
                "materials.sqlite or sqlite:////abs/path/materials.sqlite")


class MaterialStore:
    """Curated and user materials in one SQL database. See the module docstring. Close it
    when done (``with MaterialStore(url) as store: ...``); a closed store refuses every use."""

    def __init__(self, url: str | os.PathLike[str] | None = None) -> None:
        # the name an error gives the location: the argument (the CLI's --db), or the
        # environment variable the user set
        field, own_folder = "url", False
        if url is None:
            url = os.environ.get("SOLIDCELL_DB", "").strip()
            if url:
                field = "SOLIDCELL_DB"
            else:  # the platform's user data folder is solidcell's own: made when missing
                url, own_folder = default_url(), True
        given = url
        if not isinstance(url, str | os.PathLike) or not str(url).strip():
            raise ValidationError(field, given, _URL_ALLOWED)
        url = str(url)
        if "://" not in url:
            try:
                url = f"sqlite:///{Path(url).expanduser().resolve()}"
            except (ValueError, RuntimeError, OSError) as exc:  # a NUL, '~nobody/x.sqlite'
                raise ValidationError(field, given, f"{_URL_ALLOWED} ({exc})") from None
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        # how a write error names the database: as the user gave it, password hidden
        self._named = (field, _shown_url(given))
        self._opened = False
        self._engine: sa.Engine | None = None
        try:
            self._open(field, given, own_folder)
        except BaseException:  # a refused database: no connection is left open
            self.close()
            raise

    def _open(self, field: str, given: Any, own_folder: bool) -> None:
        """Create the engine, the tables (of a new database) and load the curated data."""
        url = self.url
        try:
            file = _sqlite_file(url) if self.is_sqlite else None
            if file is not None and not file.parent.is_dir():
                if not own_folder:
                    # a typo in --db used to create the folders and a new, empty database
                    # silently, even for read-only commands
                    raise ValidationError(
                        field, _shown_url(given),
                        f"the folder {str(file.parent)!r} does not exist; give a database "
                        "file in an existing folder (a new file there starts a new database)")
                file.parent.mkdir(parents=True, exist_ok=True)
            kwargs: dict[str, Any] = {}
            if self.is_sqlite:
                kwargs["connect_args"] = {"timeout": 60}
                if _in_memory(url):
                    kwargs["poolclass"] = sa.pool.StaticPool
            self._engine = sa.create_engine(url, **kwargs)
            if self.is_sqlite:
                self._sqlite_transactions()
            with self._write() as conn:
                foreign = _foreign_tables(conn)  # (before tables are added to it)
                if not foreign:
                    _META.create_all(conn)
        except (OSError, ImportError, sa.exc.SQLAlchemyError) as exc:
            # an unknown dialect, a driver not installed, a folder, a path that cannot be made
            reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
            # (the password of a postgresql://user:PASSWORD@host URL used to be echoed)
            raise ValidationError(field, _shown_url(given),
                                  f"{_URL_ALLOWED} ({reason})") from None
        if foreign:  # another program's database: its tables are not solidcell's (the
            # curated load failed with "no such column: materials.id")
            raise ValidationError(
                field, _shown_url(given),
                f"another program's database, not solidcell's: its table {'; '.join(foreign)}; "
                "give a new file or one solidcell made (its tables were left as they are)")
        self._opened = True
        self._sync_curated()

    # --- transactions --------------------------------------------------------------------
    def _sqlite_transactions(self) -> None:
        memory = _in_memory(self.url)

        @sa.event.listens_for(self.engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # let us issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA busy_timeout = 60000")
            if not memory:
                _wal_mode(cur)
            cur.close()

        @sa.event.listens_for(self.engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_WRITE_LOCK)))
                yield conn
        except sa.exc.OperationalError as exc:
            if not self._opened:  # __init__ says why the database cannot be opened
                raise
            # a read-only file, a full disk, a lock held past the timeout: the transaction
            # was rolled back (nothing written), said as solidcell's error, not the driver's
            reason = " ".join(str(exc.orig or exc).split("\n")[0].split())
            raise ValidationError(*self._named, f"the database cannot be written ({reason}); "
                                  "nothing was changed") from None

    # --- opening and closing ------------------------------------------------------------
    @property
    def closed(self) -> bool:
        """True once :meth:`close` ran (or the store's ``with`` block ended)."""
        return self._engine is None

    @property
    def engine(self) -> sa.Engine:
        """The SQLAlchemy engine of the database; a closed store refuses every use with a
        ValidationError (it is not opened again behind the user's back: its connections
        would stay open, and an in-memory database would come back empty)."""
        if self._engine is None:
            raise ValidationError(
                "store", self._named[1],
                "an open store; this one was closed (close() or the end of its with-block): "
                "open the database again with a new MaterialStore")
        return self._engine

    def close(self) -> None:
        """Close the database connections; closing a closed store does nothing."""
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()
            name = _versioned_file(self.url) if self.is_sqlite else None
            if name is not None:  # (the version's connection kept the file open)
                _WATCHER.release(name)

    def __enter__(self) -> MaterialStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- curated data --------------------------------------------------------------------
    def _sync_curated(self) -> None:
        digest = _curated_hash()
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(META.c.value).where(META.c.key == "curated_hash")
            ).first()
        if row is not None and row[0] == digest:
            return
        materials = curated_materials()
        with self._write() as conn:
            row = conn.execute(
                sa.select(META.c.value).where(META.c.key == "curated_hash")
            ).first()
            if row is not None and row[0] == digest:  # another process did it meanwhile
                return
            old = sa.select(MATERIALS.c.id).where(MATERIALS.c.origin == "curated")
            conn.execute(ELEMENTS.delete().where(ELEMENTS.c.material_id.in_(old)))
            conn.execute(PROPERTY_ROWS.delete().where(
                PROPERTY_ROWS.c.origin == "curated"))
            conn.execute(MATERIALS.delete().where(MATERIALS.c.origin == "curated"))
            # rows of yours written before _ROWS_VERSION 2: a range open on one side has no
            # value (PropertyValue.si), it used to be stored as its bound
            rows = PROPERTY_ROWS.c
            conn.execute(PROPERTY_ROWS.update().where(
                rows.si.is_not(None) & ((rows.si_min.is_(None) & rows.si_max.is_not(None))
                                        | (rows.si_min.is_not(None) & rows.si_max.is_(None)))
            ).values(si=None))
            user_ids = set(conn.execute(sa.select(MATERIALS.c.id)).scalars())
            shadowed = []
            for material in materials:
                if material.id not in user_ids:
                    self._insert(conn, material)
                else:  # the user's material keeps its id: it wins, and the user is told
                    shadowed.append(material)
            conn.execute(META.delete().where(META.c.key.in_(["curated_hash", _SHADOWED])))
            conn.execute(META.insert().values(key="curated_hash", value=digest))
            conn.execute(META.insert().values(
                key=_SHADOWED, value=json.dumps([m.id for m in shadowed])))
        if shadowed:  # (this curated version's first load; `materials show` repeats it)
            import warnings

            warnings.warn(_shadow_note(shadowed), UserWarning, stacklevel=3)

    @staticmethod
    def _shadowed_ids(conn: sa.Connection) -> list[str]:
        row = conn.execute(sa.select(META.c.value).where(META.c.key == _SHADOWED)).first()
        return [] if row is None else json.loads(row[0])

    def shadowed_curated(self) -> dict[str, Material]:
        """Curated materials that are not loaded because a user material has the same id
        (the user's wins; a curated release may add an id someone already used), by id."""
        with self.engine.connect() as conn:
            ids = self._shadowed_ids(conn)
            if not ids:
                return {}
            users = set(conn.execute(sa.select(MATERIALS.c.id).where(
                (MATERIALS.c.origin == "user") & MATERIALS.c.id.in_(ids))).scalars())
        return {m.id: m for m in curated_materials() if m.id in users}

    # --- rows ----------------------------------------------------------------------------
    def _insert(self, conn: sa.Connection, material: Material) -> None:
        now = _now()
        conn.execute(MATERIALS.insert().values(
            id=material.id, origin=material.origin, name=material.name,
            formula=material.formula, category=material.category,
            electrolyte_class=material.electrolyte_class,
            payload=material.model_dump_json(exclude={"origin"}), updated_at=now,
        ))
        if material.properties:  # (one executemany)
            conn.execute(PROPERTY_ROWS.insert(), [
                self._property_row(material.id, material.origin, "material", rank, prop, now)
                for rank, prop in enumerate(material.properties)])
        elements = _elements(material.formula)
        if elements:
            conn.execute(ELEMENTS.insert(), [{"material_id": material.id, "element": element}
                                             for element in elements])

    @staticmethod
    def _property_row(material_id: str, origin: str, kind: str, rank: int,
                      prop: PropertyValue, now: str) -> dict[str, Any]:
        lo, hi = prop.si_range if prop.text is None else (None, None)
        return dict(material_id=material_id, origin=origin, kind=kind, rank=rank,
                    name=prop.name, si=prop.si, si_min=lo, si_max=hi,
                    temperature=prop.temperature, payload=prop.model_dump_json(),
                    created_at=now)

    def _delete_rows(self, conn: sa.Connection, material_id: str, measurements: bool) -> None:
        cond = PROPERTY_ROWS.c.material_id == material_id
        if not measurements:
            cond = cond & (PROPERTY_ROWS.c.kind == "material")
        conn.execute(PROPERTY_ROWS.delete().where(cond))
        conn.execute(ELEMENTS.delete().where(ELEMENTS.c.material_id == material_id))
        conn.execute(MATERIALS.delete().where(MATERIALS.c.id == material_id))

    def _origin(self, conn: sa.Connection, material_id: str) -> str | None:
        if _has_nul(material_id):
            return None
        return conn.execute(
            sa.select(MATERIALS.c.origin).where(MATERIALS.c.id == material_id)
        ).scalar()

    @staticmethod
    def _stored_values(conn: sa.Connection, material_ids: Iterable[str]
                       ) -> dict[tuple[Any, ...], str]:
        """The stored values of ``material_ids`` (the materials' own and the user's
        measurements) by :func:`_value_key`, each with how a message names it."""
        ids = sorted({m for m in material_ids if not _has_nul(m)})
        if not ids:
            return {}
        out: dict[tuple[Any, ...], str] = {}
        rows = conn.execute(
            sa.select(PROPERTY_ROWS.c.pk, PROPERTY_ROWS.c.material_id, PROPERTY_ROWS.c.kind,
                      PROPERTY_ROWS.c.payload)
            .where(PROPERTY_ROWS.c.material_id.in_(ids)).order_by(PROPERTY_ROWS.c.pk))
        for pk, mid, kind, payload in rows:
            prop = PropertyValue.model_validate_json(payload, context=_TRUSTED)
            out.setdefault(_value_key(mid, prop),
                           f"your measurement {pk}" if kind == "measurement"
                           else f"a value of {mid} itself")
        return out

    # --- reading -------------------------------------------------------------------------
    def get(self, material_id: str, with_measurements: bool = True) -> Material:
        """The material ``material_id``; user measurements follow its own values. Read once
        per version of an SQLite file's database (:func:`database_version`: a write by this
        store, another one or another process makes a new one), afresh where that version is
        not known (PostgreSQL, in memory); each call returns its own copy of the lists."""
        if material_id is not None and not isinstance(material_id, str):
            # (None stays a NotFoundError: callers treat "no id" as "not in the database")
            raise ValidationError(
                "material", material_id,
                "give a material id (a str such as 'llzo'); `solidcell materials list` shows "
                "the ids")
        with_measurements = flag("with_measurements", with_measurements)
        engine = self.engine  # (a closed store refuses, also where the cache holds the id)
        version = database_version(self.url) if self.is_sqlite else None
        if version is None:
            return self._read(engine, material_id, with_measurements)
        key = (self.url, version, material_id, with_measurements)
        material = _READ_CACHE.get(key)
        if material is None:
            # (read after the version: a write committed meanwhile makes a newer version,
            # so this entry is never older than its key says)
            material = self._read(engine, material_id, with_measurements)
            _READ_CACHE.put(key, material)
        return _fresh(material)

    def _read(self, engine: sa.Engine, material_id: str, with_measurements: bool) -> Material:
        """:meth:`get` from the database."""
        with engine.connect() as conn:
            row = None if _has_nul(material_id) else conn.execute(
                sa.select(MATERIALS.c.payload, MATERIALS.c.origin)
                .where(MATERIALS.c.id == material_id)
            ).first()
            if row is None:
                raise NotFoundError(self._not_found(conn, material_id))
            material = unchecked_copy(Material.model_validate_json(row[0], context=_TRUSTED),
                                      {"origin": row[1]})
            if not with_measurements:
                return material
            extra = [PropertyValue.model_validate_json(p, context=_TRUSTED) for p in conn.execute(
                sa.select(PROPERTY_ROWS.c.payload)
                .where((PROPERTY_ROWS.c.material_id == material_id)
                       & (PROPERTY_ROWS.c.kind == "measurement"))
                .order_by(PROPERTY_ROWS.c.pk)
            ).scalars()]
        if extra:
            material = unchecked_copy(material,
                                      {"properties": [*material.properties, *extra]})
        return material

    def _not_found(self, conn: sa.Connection, material_id: str) -> str:
        missing = f"material: {material_id!r} is not in the materials database"
        bare = material_id.strip() if isinstance(material_id, str) else ""
        if bare and bare != material_id:  # ' lgps' was "' lgps' is its alias" (of lgps)
            # ids never have spaces (schema._ID); the exact id was looked up first, so an
            # old stored id ending in a line break is still found
            return (f"{missing}: it has spaces or line breaks at its ends, which no id has"
                    + self._hint(conn, bare))
        return missing + self._hint(conn, material_id)

    def _hint(self, conn: sa.Connection, material_id: object) -> str:
        """What ``material_id`` (not an id) may have meant: the ids it is an alias of, else
        the ids written most like it, else where the ids are listed."""
        import difflib

        if isinstance(material_id, str) and not _has_nul(material_id) and conn.execute(
                sa.select(MATERIALS.c.id).where(MATERIALS.c.id == material_id)).first():
            return f"; did you mean {material_id}?"
        owners = self._alias_owners(conn, material_id)
        if owners:  # 'LPSCl' suggested lsipscl first, not li6ps5cl whose alias it is
            return (f"; did you mean {', '.join(owners)}? ({material_id!r} is "
                    f"{'its' if len(owners) == 1 else 'their'} alias, not an id)")
        ids = list(conn.execute(sa.select(MATERIALS.c.id)).scalars())
        close = difflib.get_close_matches(str(material_id).lower(), ids, n=3, cutoff=0.5)
        return (f"; did you mean {', '.join(close)}?" if close else
                "; `solidcell materials list` shows the ids")

    @staticmethod
    def _alias_owners(conn: sa.Connection, name: object) -> list[str]:
        """Ids of the materials that list ``name`` among their ``aliases`` (case ignored)."""
        if not isinstance(name, str) or not name.strip():
            return []
        wanted = name.strip().casefold()
        return sorted(mid for mid, payload in conn.execute(
            sa.select(MATERIALS.c.id, MATERIALS.c.payload))
            if any(str(a).casefold() == wanted
                   for a in json.loads(payload).get("aliases") or ()))

    def __contains__(self, material_id: object) -> bool:
        with self.engine.connect() as conn:
            return self._origin(conn, str(material_id)) is not None

    def ids(self) -> list[str]:
        """All material ids, sorted."""
        with self.engine.connect() as conn:
            return sorted(conn.execute(sa.select(MATERIALS.c.id)).scalars())

    def list(self, category: str | None = None, electrolyte_class: str | None = None,
             origin: str | None = None) -> list[Material]:
        """Materials, optionally of one category, electrolyte class or origin."""
        return self.query(category=category, electrolyte_class=electrolyte_class, origin=origin)

    def query(
        self,
        category: str | None = None,
        electrolyte_class: str | None = None,
        origin: str | None = None,
        elements: Sequence[str] = (),
        property: str | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
        temperature: float | None = None,
        temperature_tolerance: Any = TEMPERATURE_TOLERANCE_K,
    ) -> list[Material]:
        """Materials matching every given filter.

        ``elements``: all must be present. ``property`` with ``minimum``/``maximum`` (numbers
        in canonical units, text with a unit or pint Quantities; so is ``temperature``): the
        material's preferred value of that property (its first one, at the given
        ``temperature`` +- ``temperature_tolerance`` K when the property depends on T; default
        room temperature; a ``temperature`` with no such property is refused) lies in the
        range. ``temperature_tolerance`` is a temperature difference: a number of K, text
        (``"5 K"``) or a pint Quantity (``Q_(5, "K")``, ``Q_(5, "delta_degC")``; ``Q_(5,
        "degC")``, the temperature 278.15 K, is refused). Example: sulfides with sigma >= 1 mS/cm is
        ``query(electrolyte_class="sulfide", property="ionic_conductivity", minimum=0.1)``.
        """
        _check_choice("category", category, ("electrolyte", "cathode", "anode", "coating",
                                              "current_collector", "substrate", "additive"))
        _check_choice("electrolyte_class", electrolyte_class, (
            "oxide", "sulfide", "halide", "solid_polymer", "gel_polymer", "composite"))
        _check_choice("origin", origin, ("curated", "user"))
        if isinstance(elements, str):  # elements="Li" is one element, not "L" and "i"
            elements = [elements]
        if property is None and (minimum is not None or maximum is not None):
            raise ValidationError("property", None, "minimum/maximum need a property, e.g. "
                                  "property='ionic_conductivity'")
        if property is not None:
            if isinstance(property, str) and property not in PROPERTIES:
                from solidcell.materials.schema import unknown_property_hint

                raise ValidationError("property", property,
                                      f"allowed: {', '.join(PROPERTIES)}"
                                      + unknown_property_hint(property))
            _check_choice("property", property, tuple(PROPERTIES))
            low, high = minimum, maximum
            minimum = query_bound("minimum", minimum, property)
            maximum = query_bound("maximum", maximum, property)
            if minimum is not None and maximum is not None and minimum > maximum:
                # matched nothing, as if it were a query
                raise ValidationError("minimum", low, f"at most the maximum {high!r}")
        if temperature is not None and (property is None
                                        or not PROPERTIES[property].temperature_dependent):
            # was ignored without a word (every material listed), as `materials query` refuses
            raise ValidationError(
                "temperature", temperature,
                "only with a property whose values carry a temperature ("
                + ", ".join(n for n, spec in PROPERTIES.items() if spec.temperature_dependent)
                + f"); {'no property was given' if property is None else property + ' has none'}")
        temperature = _query_temperature(temperature)
        temperature_tolerance = _tolerance(temperature_tolerance)
        stmt = sa.select(MATERIALS.c.id)
        if category:
            stmt = stmt.where(MATERIALS.c.category == category)
        if electrolyte_class:
            stmt = stmt.where(MATERIALS.c.electrolyte_class == electrolyte_class)
        if origin:
            stmt = stmt.where(MATERIALS.c.origin == origin)
        for element in elements:
            from pymatgen.core import Element

            if not Element.is_valid_symbol(element):
                raise ValidationError("element", element, "must be a chemical element symbol")
            stmt = stmt.where(MATERIALS.c.id.in_(
                sa.select(ELEMENTS.c.material_id).where(ELEMENTS.c.element == element)))
        if property is not None:
            stmt = stmt.where(MATERIALS.c.id.in_(
                self._property_filter(property, minimum, maximum, temperature,
                                      temperature_tolerance)))
        with self.engine.connect() as conn:
            ids = sorted(conn.execute(stmt).scalars())
        return [self.get(i) for i in ids]

    @staticmethod
    def _property_filter(name: str, minimum: float | None, maximum: float | None,
                         temperature: float | None, tolerance: float) -> sa.Select:
        if name not in PROPERTIES:
            from solidcell.materials.schema import unknown_property_hint

            raise ValidationError("property", name, f"allowed: {', '.join(PROPERTIES)}"
                                  + unknown_property_hint(name))
        p = PROPERTY_ROWS
        stmt = sa.select(p.c.material_id).where(p.c.name == name)
        if PROPERTIES[name].temperature_dependent:
            t = ROOM_TEMPERATURE_K if temperature is None else float(temperature)
            stmt = stmt.where(sa.func.coalesce(p.c.temperature, ROOM_TEMPERATURE_K)
                              .between(t - tolerance, t + tolerance))
        # preferred = the first value in Material.values() order among the rows that pass the
        # temperature filter: the material's own values by rank, then the user's measurements
        # in the order they were added (a measurement used to be ignored even where the
        # material had no value of its own, although get()/si() returned it)
        # (a BIGINT: as an INTEGER parameter, 2**40 + pk failed every property query on
        # PostgreSQL with "integer out of range"; SQLite's integers are 64-bit anyway)
        order = sa.case((p.c.kind == "material", p.c.rank),
                        else_=sa.literal(_MEASUREMENT_ORDER, sa.BigInteger) + p.c.pk)
        preferred = (
            sa.select(p.c.material_id, sa.func.min(order).label("order"))
            .where(p.c.pk.in_(stmt.with_only_columns(p.c.pk)))
            .group_by(p.c.material_id).subquery()
        )
        cond = (p.c.name == name) & \
            (p.c.material_id == preferred.c.material_id) & (order == preferred.c.order)
        # a range open on one side has no value (si is NULL): it matches only where its bound
        # proves the condition (">= 1 mS/cm" meets a minimum of 0.5 mS/cm, never a maximum)
        if minimum is not None:
            cond = cond & ((p.c.si >= float(minimum))
                           | (p.c.si.is_(None) & p.c.si_max.is_(None)
                              & (p.c.si_min >= float(minimum))))
        if maximum is not None:
            cond = cond & ((p.c.si <= float(maximum))
                           | (p.c.si.is_(None) & p.c.si_min.is_(None)
                              & (p.c.si_max <= float(maximum))))
        return sa.select(p.c.material_id).where(cond)

    # --- writing -------------------------------------------------------------------------
    def add(self, material: Material | dict[str, Any], *,
            notes: list[str] | None = None) -> Material:
        """Add a user material; refused when the id exists (curated or user). A value of a
        temperature-dependent property without a temperature is noted as an import's and an
        update's are (:class:`RoomTemperatureNote`; ``add`` said nothing before 2026-12-07),
        after the write; ``notes``, a list, receives the note's text instead of the warning
        (the dashboard's answer shows it)."""
        material = _as_user_material(material)
        with self._write() as conn:
            self._refuse_existing(conn, material.id)
            self._check_components(conn, material)
            self._insert(conn, material)
        _note_untimed(untimed_values([(material.id, p) for p in material.properties]), notes,
                      stacklevel=3)
        return material

    def _unknown_components(self, conn: sa.Connection, material: Material,
                            new_ids: Sequence[str] = ()) -> list[str]:
        """Component ids of ``material`` that name no material of the database (nor of
        ``new_ids``, an import's), and its own id where it lists itself."""
        return [c.material for c in material.components
                if c.material == material.id
                or (c.material not in new_ids and self._origin(conn, c.material) is None)]

    def _check_components(self, conn: sa.Connection, material: Material) -> None:
        """A component that names no other material is refused (the composite models failed
        on it later, far from the file that held it)."""
        unknown = self._unknown_components(conn, material)
        if unknown:
            raise ValidationError("components", unknown, _COMPONENTS_ALLOWED)

    def _refuse_existing(self, conn: sa.Connection, material_id: str) -> None:
        origin = self._origin(conn, material_id)
        if origin is not None:
            what = "a curated material" if origin == "curated" else "your material"
            raise ValidationError(
                "id", material_id,
                f"it is already {what}; choose another id"
                + (" or use update" if origin == "user" else
                   ", or add a measurement to the curated one"))

    def update(self, material: Material | dict[str, Any]) -> Material:
        """Replace a user material (its measurements are kept); curated ones are read-only. A
        value of a temperature-dependent property without a temperature is noted as an
        import's is (:class:`RoomTemperatureNote`)."""
        material = _as_user_material(material)
        with self._write() as conn:
            self._require_user(conn, material.id, "update")
            self._check_components(conn, material)
            self._delete_rows(conn, material.id, measurements=False)
            self._insert(conn, material)
        _note_untimed(untimed_values([(material.id, p) for p in material.properties]), None,
                      stacklevel=3)
        return material

    def delete(self, material_id: str) -> None:
        """Delete a user material and its measurements; curated ones are read-only. A curated
        material that the deleted one kept out (same id, :meth:`shadowed_curated`) is loaded."""
        _material_id(material_id)
        with self._write() as conn:
            self._require_user(conn, material_id, "delete")
            users = [m for m in (Material.model_validate_json(payload, context=_TRUSTED)
                                 for payload in conn.execute(
                                     sa.select(MATERIALS.c.payload)
                                     .where(MATERIALS.c.origin == "user")).scalars())
                     if any(c.material == material_id for c in m.components)]
            if users:  # they would name a material that no longer exists
                raise ValidationError(
                    "id", material_id,
                    f"it is a component of {', '.join(m.id for m in users)}; update or delete "
                    f"{'that material' if len(users) == 1 else 'those materials'} first")
            self._delete_rows(conn, material_id, measurements=True)
            shadowed = self._shadowed_ids(conn)
            if material_id in shadowed:  # the curated material of that id comes back
                self._insert(conn, next(m for m in curated_materials() if m.id == material_id))
                conn.execute(META.update().where(META.c.key == _SHADOWED).values(
                    value=json.dumps([i for i in shadowed if i != material_id])))

    def _require_user(self, conn: sa.Connection, material_id: str, verb: str) -> None:
        origin = self._origin(conn, material_id)
        if origin is None:
            raise NotFoundError(self._not_found(conn, material_id))
        if origin == "curated":
            raise ValidationError(
                "id", material_id,
                f"curated materials are read-only; cannot {verb} it. Add your own material "
                "with another id, or add a measurement to this one")

    def add_measurement(self, material_id: str, prop: PropertyValue | dict[str, Any], *,
                        notes: list[str] | None = None) -> int:
        """Attach a user measurement to any material; returns its measurement id. A value of
        a temperature-dependent property without a temperature is noted as :meth:`add`
        notes it (:class:`RoomTemperatureNote` after the write, or its text appended to
        ``notes``; said nothing in Python before 2026-12-07)."""
        _material_id(material_id)
        prop = _as_property(prop)
        with self._write() as conn:
            if self._origin(conn, material_id) is None:
                raise NotFoundError(self._not_found(conn, material_id))
            stored = self._stored_values(conn, [material_id]).get(_value_key(material_id, prop))
            if stored is not None:  # the same measurement twice was stored twice
                raise ValidationError("measurement", prop.describe(),
                                      f"{material_id} already holds this {prop.name} ({stored}); "
                                      f"{_DUPLICATE_ALLOWED}")
            result = conn.execute(PROPERTY_ROWS.insert().values(
                **self._property_row(material_id, "user", "measurement", 0, prop, _now())))
            pk = int(result.inserted_primary_key[0])
        _note_untimed(untimed_values([(material_id, prop)]), notes, stacklevel=3)
        return pk

    def measurements(self, material_id: str | None = None) -> list[tuple[int, str, PropertyValue]]:
        """User measurements as (measurement id, material id, value)."""
        stmt = sa.select(PROPERTY_ROWS.c.pk, PROPERTY_ROWS.c.material_id, PROPERTY_ROWS.c.payload)\
            .where(PROPERTY_ROWS.c.kind == "measurement").order_by(PROPERTY_ROWS.c.pk)
        if material_id is not None:
            if _has_nul(_material_id(material_id)):
                return []
            stmt = stmt.where(PROPERTY_ROWS.c.material_id == material_id)
        with self.engine.connect() as conn:
            return [(pk, mid, PropertyValue.model_validate_json(payload, context=_TRUSTED))
                    for pk, mid, payload in conn.execute(stmt)]

    def source_uses(self, key: str) -> list[dict[str, Any]]:
        """Where your data cite the source ``key`` (a lab notebook key that is in no
        bibliography): each value, remark or OCP curve of your own materials
        (``{"material": id, "property": name}``; a remark's property is ``advantages`` or
        ``challenges``, a curve's ``ocp``) and each of your measurements
        (``{"measurement": pk, "material": id, "property": name}``) whose source is ``key``,
        once each, in id order; [] when none (`solidcell cite KEY` lists them)."""
        if not isinstance(key, str):
            raise ValidationError("key", key, "a source key (a str such as 'my-lab-2026')")
        stmt = sa.select(MATERIALS.c.id, MATERIALS.c.payload)\
            .where(MATERIALS.c.origin == "user").order_by(MATERIALS.c.id)
        with self.engine.connect() as conn:
            rows = list(conn.execute(stmt))
        uses: list[dict[str, Any]] = []
        for mid, payload in rows:
            m = Material.model_validate_json(payload, context=_TRUSTED)
            names = [p.name for p in m.properties if p.source == key]
            names += [kind for kind, remarks in (("advantages", m.advantages),
                                                 ("challenges", m.challenges))
                      if any(r.source == key for r in remarks)]
            names += ["ocp"] if m.ocp is not None and m.ocp.source == key else []
            uses += [{"material": mid, "property": n} for n in dict.fromkeys(names)]
        return uses + [{"measurement": pk, "material": mid, "property": p.name}
                       for pk, mid, p in self.measurements() if p.source == key]

    def delete_measurement(self, measurement_id: int) -> None:
        """Delete one user measurement by its id."""
        if not is_integer(measurement_id):  # True used to delete measurement 1
            raise ValidationError("measurement_id", measurement_id,
                                  "an integer id as add_measurement and measurements() give")
        missing = NotFoundError(f"measurement: no user measurement with id {measurement_id}")
        if not 1 <= int(measurement_id) <= _MAX_PK.get(self.engine.dialect.name, 2**31 - 1):
            raise missing  # (an id beyond the key's range used to fail in the driver)
        with self._write() as conn:
            result = conn.execute(PROPERTY_ROWS.delete().where(
                (PROPERTY_ROWS.c.pk == int(measurement_id))
                & (PROPERTY_ROWS.c.kind == "measurement")))
            if result.rowcount == 0:
                raise missing

    # --- import / export -----------------------------------------------------------------
    def import_file(self, path: str | os.PathLike[str]) -> dict[str, int]:
        """Import user materials and measurements from a CSV or JSON file, all or nothing."""
        path = _path(path)
        if not path.is_file():
            raise ValidationError("path", str(path), "must be an existing .csv or .json file")
        suffix = path.suffix.lower()
        if suffix not in (".json", ".csv"):
            raise ValidationError("path", str(path), "the file must end in .csv or .json")
        text = _read_text(path)
        if not text.strip():  # was "CSV header needs 'id' and 'property'", or a JSON error
            raise ValidationError("path", str(path), _EMPTY_FILE)
        if suffix == ".json":
            return self.import_records(_json_records(text))
        notes: list[str] = []  # a CSV's bare temperatures, named by their own rows
        records, problems = _csv_records(text, notes)
        return self._import(records, problems, notes)

    def import_records(self, records: Iterable[tuple[str, dict[str, Any]]],
                       problems: Sequence[str] = ()) -> dict[str, int]:
        """Validate every record first, then write them all in one transaction.

        ``records``: (where, record) pairs; a record is a material (dict with ``category``) or a
        measurement (dict with ``material`` and the fields of a :class:`PropertyValue`, its
        property named by ``name``). Any bad record rejects the whole import with
        :class:`ImportRejected` listing every problem; so does a measurement the database (or
        an earlier record) already holds (:func:`_value_key`). A bare ``temperature`` below
        :data:`BARE_TEMPERATURE_WARN_K` is read as K with a UserWarning
        (:func:`bare_temperature_notes`).
        """
        pairs = _record_pairs(records)
        return self._import(pairs, problems, [n for where, record in pairs
                                              for n in bare_temperature_notes(where, record)])

    def _import(self, records: list[tuple[str, Any]], problems: Sequence[str],
                notes: Sequence[str]) -> dict[str, int]:
        """:meth:`import_records` with the warnings ``notes`` of a bare temperature."""
        import warnings

        for note in notes:
            warnings.warn(note, UserWarning, stacklevel=4)
        materials: list[tuple[str, Material]] = []
        measurements: list[tuple[str, str, PropertyValue]] = []
        problems = list(problems)
        for where, record in records:
            try:
                if not isinstance(record, Mapping):
                    raise ValidationError("record", record, "a material (a mapping with "
                                          "'category') or a measurement (a mapping with "
                                          "'material' and 'name')")
                if "category" in record:
                    materials.append((where, _as_user_material(record)))
                else:
                    mid = record.get("material")
                    if not mid or not isinstance(mid, str):
                        raise ValidationError("material", mid, "a measurement names its "
                                              "material by its id (a str such as 'llzo')")
                    if "property" in record and "name" not in record:  # the CSV's column
                        raise ValidationError(   # name: "name: missing" did not say so
                            "property", record["property"],
                            "a measurement record names its property with 'name' (\"name\": "
                            "\"density\"), as an export writes it; 'property' is the CSV column")
                    prop = {k: v for k, v in record.items() if k != "material"}
                    measurements.append((where, str(mid), _as_property(prop)))
            except ValueError as exc:  # solidcell's ValidationError (from the models) included
                problems.append(f"{where}: {exc}")
        new_ids = [m.id for _, m in materials]
        with self._write() as conn:
            for where, material in materials:
                if new_ids.count(material.id) > 1:
                    problems.append(f"{where}: id: {material.id!r} appears twice in the file")
                elif self._origin(conn, material.id) is not None:
                    problems.append(f"{where}: id: {material.id!r} already exists in the database")
                unknown = self._unknown_components(conn, material, new_ids)
                if unknown:
                    problems.append(f"{where}: components: {unknown!r} is not allowed; "
                                    f"{_COMPONENTS_ALLOWED}")
            stored = self._stored_values(conn, [mid for _, mid, _ in measurements])
            in_file: dict[tuple[Any, ...], str] = {}
            told = False
            known = dict.fromkeys(new_ids, True)  # (one query per material, not per row)
            for where, mid, prop in measurements:
                if mid not in known:
                    known[mid] = self._origin(conn, mid) is not None
                if not known[mid]:
                    problems.append(f"{where}: material: {mid!r} is not in the database or file")
                    continue
                # the same file imported twice stored every measurement twice, without a word
                key = _value_key(mid, prop)
                first = (f"is already stored ({stored[key]})" if key in stored else
                         f"repeats {in_file[key]} of this file" if key in in_file else None)
                if first is not None:  # the rule said once, on the first one
                    problems.append(f"{where}: measurement: {prop.name} {prop.describe()!r} of "
                                    f"{mid!r} {first}"
                                    + ("" if told else f"; {_DUPLICATE_ALLOWED}"))
                    told = True
                in_file.setdefault(key, where)
            if problems:
                raise import_rejected(problems)
            for _, material in materials:
                self._insert(conn, material)
            now = _now()
            if measurements:  # one executemany: a statement per row took 1.6 ms a row
                conn.execute(PROPERTY_ROWS.insert(), [
                    self._property_row(mid, "user", "measurement", 0, prop, now)
                    for _, mid, prop in measurements])
        untimed = untimed_values([(w, p) for w, m in materials for p in m.properties]
                                 + [(w, p) for w, _mid, p in measurements])
        if untimed:
            warnings.warn(room_temperature_note(untimed), RoomTemperatureNote, stacklevel=4)
        return {"materials": len(materials), "measurements": len(measurements)}

    def export_contents(self, origin: str | None = "user"
                        ) -> tuple[list[Material], list[tuple[str, PropertyValue]]]:
        """What :meth:`export` writes: the materials of ``origin`` (each with the user's
        measurements on it) and, for ``origin="user"``, the user's measurements on materials
        that are not exported (curated ones) as ``(material id, value)``, so that an export of
        one's own data loses none of it."""
        materials = self.list(origin=origin)
        if origin != "user":
            return materials, []
        exported = {m.id for m in materials}
        return materials, [(mid, prop) for _pk, mid, prop in self.measurements()
                           if mid not in exported]

    def export(self, path: str | os.PathLike[str], origin: str | None = "user") -> int:
        """Write materials (default: the user's, and the user's measurements on curated
        materials) to ``path`` (.json or .csv), in the format :meth:`import_file` reads back;
        returns the number of materials."""
        path = _path(path)
        suffix = path.suffix.lower()
        if suffix not in (".json", ".csv"):
            raise ValidationError("path", str(path), "the file must end in .csv or .json")
        materials, measurements = self.export_contents(origin)
        if suffix == ".json":
            data = [m.model_dump(mode="json", exclude_defaults=True) for m in materials]
            data += [{"material": mid, **prop.model_dump(mode="json", exclude_defaults=True)}
                     for mid, prop in measurements]
            text = json.dumps(data, indent=2, ensure_ascii=False)
        else:
            text = materials_to_csv(materials, measurements)
        try:
            path.write_text(text, "utf-8")
        except OSError as exc:
            raise ValidationError("path", str(path), f"cannot be written ({exc.strerror}); "
                                  "give a file in an existing, writable folder") from None
        return len(materials)


# --- helpers for import ------------------------------------------------------------------
_EMPTY_FILE = ("a file with something to import; this one is empty (a CSV holds a header "
               "line naming its columns, id and property among them, then a row per value; a "
               "JSON file a list of records; `solidcell materials export FILE` writes both)")
#: Problems the message of an import's refusal lists, the rest counted (a file of 20 000 bad
#: rows printed a line of 2.3 MB); :attr:`ImportRejected.problems` holds them all.
MAX_LISTED_PROBLEMS = 50


def import_rejected(problems: Sequence[str]) -> ImportRejected:
    """The refusal of an import with ``problems`` (each ``'row 3: field: value is not
    allowed; ...'``): the first :data:`MAX_LISTED_PROBLEMS` listed, the others counted, all
    of them in its ``problems``. Several are numbered (``1) row 2: ...;``, one a line): the
    command line prints the message on one line, where "... in the database row 3: ..." ran
    two problems together."""
    listed = list(problems[:MAX_LISTED_PROBLEMS])
    if len(problems) > 1:
        listed = [f"{i}) {p}" + (";" if i < len(problems) else "")
                  for i, p in enumerate(listed, 1)]
    more = len(problems) - len(listed)
    if more:
        listed.append(f"... and {more} more problem{'s' if more > 1 else ''} "
                      f"({len(problems)} in all)")
    exc = ImportRejected("import rejected, nothing was written:\n  " + "\n  ".join(listed))
    exc.problems = tuple(problems)
    return exc


class RoomTemperatureNote(UserWarning):
    """A value of a temperature-dependent property without a temperature, counted as measured
    at :data:`ROOM_TEMPERATURE_K`, in a material or measurement written by
    :meth:`MaterialStore.add`, :meth:`~MaterialStore.update` or an import (the command line
    prints it as ``note:``)."""

    prefix = "note"


#: Values :func:`room_temperature_note` names one by one; the others are counted.
MAX_NAMED_UNTIMED = 10


def untimed_values(values: Sequence[tuple[str, PropertyValue]]) -> list[str]:
    """``'where: name'`` of each value (``where`` its row or entry) of a temperature-dependent
    property (:attr:`PropertySpec.temperature_dependent`) that states no temperature."""
    return [f"{where}: {p.name}" for where, p in values
            if p.temperature is None and PROPERTIES[p.name].temperature_dependent]


def untimed_note(material: Material) -> str | None:
    """The text of the :class:`RoomTemperatureNote` of ``material`` that
    :meth:`MaterialStore.add` and :meth:`~MaterialStore.update` warn (each value without its
    temperature named by the material's id and property); None where every value of a
    temperature-dependent property states its temperature."""
    untimed = untimed_values([(material.id, p) for p in material.properties])
    return room_temperature_note(untimed) if untimed else None


def _note_untimed(untimed: Sequence[str], notes: list[str] | None, *, stacklevel: int
                  ) -> None:
    """The :class:`RoomTemperatureNote` of the values ``untimed`` (:func:`untimed_values`), if
    any: appended to ``notes`` where given (a caller that shows it itself), else warned at
    the caller of the store's method (``stacklevel``)."""
    if not untimed:
        return
    note = room_temperature_note(untimed)
    if notes is not None:
        notes.append(note)
    else:
        warnings.warn(note, RoomTemperatureNote, stacklevel=stacklevel)


def room_temperature_note(untimed: Sequence[str]) -> str:
    """The one-line note of an import whose values ``untimed`` (:func:`untimed_values`) give
    no temperature: they count as :data:`ROOM_TEMPERATURE_K`, as ``materials measure``
    without ``--temperature`` says (a 60 degC value typed without one became a 25 degC one
    without a word)."""
    named = "; ".join(untimed[:MAX_NAMED_UNTIMED])
    more = len(untimed) - MAX_NAMED_UNTIMED
    if more > 0:
        named += f"; ... and {more} more"
    one = len(untimed) == 1
    return (f"no temperature given ({named}): "
            + ("this value counts" if one else "these values count")
            + f" as measured at {ROOM_TEMPERATURE_K:g} K (room temperature) in queries, the "
            "sigma RT column and `solidcell conductivity`; if "
            + ("it" if one else "a value") + " was not, give its "
            "temperature (temperature: 60 degC; the CSV's temperature column) and update your "
            "material (`solidcell materials update`) or delete the measurement "
            "(`solidcell materials delete-measurement ID`) and import it again")


#: A ``temperature`` written without a unit below this [K] in a user's file is most likely
#: degrees Celsius (a lab's 25 or 60): it is still read as K, the documented rule that the
#: curated data and exports follow, with a warning. A threshold of this rule (no measured
#: number): no value of the curated data is below it (their lowest is 293.15 K).
BARE_TEMPERATURE_WARN_K = 200.0


def bare_temperature_notes(where: str, record: Any, field: str | None = None) -> list[str]:
    """Warnings for the bare temperatures (a number, or text that is only a number) below
    :data:`BARE_TEMPERATURE_WARN_K` of one user ``record``: a measurement (its
    ``temperature``) or a material (each ``properties[i].temperature``); ``field`` names a
    measurement's temperature (default ``temperature``). Each names ``where``, the field and the
    value, and how to write it (``"25 degC"`` or ``"298.15 K"``)."""
    if not isinstance(record, Mapping):
        return []
    if "category" in record:
        props = record.get("properties")
        if not isinstance(props, list):
            return []
        return [n for i, p in enumerate(props)
                for n in bare_temperature_notes(where, p, f"properties[{i}].temperature")]
    field = field or "temperature"
    notes = []
    for key in ("temperature", *_MEASURED_RANGE):  # an activation energy's measured range too
        value = record.get(key)
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:  # text with a unit ("25 degC")
                continue
        if not is_real(value) or not 0 < value < BARE_TEMPERATURE_WARN_K:
            continue
        name = field if key == "temperature" else field.removesuffix("temperature") + key
        notes.append(
            f"{where}: {name}: {value:g} has no unit and is below "
            f"{BARE_TEMPERATURE_WARN_K:g} K, likely degrees Celsius, but is read as K; write "
            f'"{value:g} degC" or "{units.parse(f"{value:g} degC", "temperature"):g} K"')
    return notes


_DUPLICATE_ALLOWED = ("a measurement is stored once: an identical one (same material, property, "
                      "value in SI units, temperature and source; a conductivity or other "
                      f"temperature-dependent value without a temperature is at "
                      f"{ROOM_TEMPERATURE_K:g} K) is refused; `solidcell materials "
                      "measurements` lists yours")


def _value_key(material_id: str, prop: PropertyValue) -> tuple[Any, ...]:
    """What makes two values of a material the same measurement: property, value or range in
    SI units (2.1 mS/cm is 0.21 S/m), text, temperature [K] and source; the method and note
    do not. Numbers are compared to 12 significant digits (a unit conversion's rounding). A
    value of a temperature-dependent property without a temperature counts as
    :data:`ROOM_TEMPERATURE_K`, as queries count it: it is the same measurement as one given
    at 298.15 K (or 25 degC), which was stored beside it."""
    def rounded(x: float | None) -> float | None:
        return None if x is None else float(f"{x:.12g}")

    lo, hi = prop.si_range if prop.text is None else (None, None)
    temperature = prop.temperature
    spec = PROPERTIES.get(prop.name)  # (a stored row is read as it is)
    if temperature is None and spec is not None and spec.temperature_dependent:
        temperature = ROOM_TEMPERATURE_K
    return (material_id, prop.name, rounded(lo), rounded(hi), prop.text,
            rounded(temperature), prop.source)


_COMPONENTS_ALLOWED = ("ids of other materials, in the database or in the same import file "
                       "(`solidcell materials list` shows the ids)")


def _check_choice(field: str, value: str | None, allowed: tuple[str, ...]) -> None:
    # (a NumPy array or a Series used to raise "truth value ... is ambiguous", a list
    # "unhashable type")
    if value is not None and (not isinstance(value, str) or value not in allowed):
        raise ValidationError(field, value, f"allowed: {', '.join(allowed)}")


def _foreign_tables(conn: sa.Connection) -> list[str]:
    """solidcell's tables that exist in the database without the columns solidcell writes,
    each as ``"name (no column a, b)"``: the database is another program's."""
    inspector = sa.inspect(conn)
    foreign = []
    for table in _META.sorted_tables:
        if not inspector.has_table(table.name):
            continue
        have = {column["name"] for column in inspector.get_columns(table.name)}
        missing = [c.name for c in table.columns if c.name not in have]
        if missing:
            foreign.append(f"{table.name!r} has no column {', '.join(missing)}")
    return foreign


def _record_pairs(records: Any) -> list[tuple[str, Any]]:
    """``records`` of :meth:`MaterialStore.import_records` as a list of (where, record) pairs;
    anything else raises ValidationError (None or a pair's record alone used to fail with a
    TypeError or "not enough values to unpack")."""
    allowed = ("an iterable of (where, record) pairs, e.g. [('row 1', {'id': 'my_llzo', "
               "'category': 'electrolyte', ...})]")
    if isinstance(records, str | bytes | Mapping):
        raise ValidationError("records", records, allowed)
    try:
        items = list(records)
    except TypeError:
        raise ValidationError("records", records, allowed) from None
    for item in items:
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise ValidationError("records", item, allowed)
    return [(str(where), record) for where, record in items]


def _material_id(material_id: Any) -> str:
    """``material_id`` when it is a str; else ValidationError (a list used to reach the
    database driver and fail there)."""
    if not isinstance(material_id, str):
        raise ValidationError("material", material_id, "give a material id (a str such as "
                              "'llzo'); `solidcell materials list` shows the ids")
    return material_id


def _path(path: Any) -> Path:
    if not isinstance(path, str | os.PathLike) or not str(path).strip():
        raise ValidationError("path", path, "a .csv or .json file path (str or pathlib.Path)")
    return Path(path)


#: Largest file [bytes] an import reads (``materials import``, ``add``, ``update``;
#: :meth:`MaterialStore.import_file`): a safety setting of solidcell, not a physical number,
#: so that a wrong or runaway file is refused before it is read rather than filling memory
#: (an import held about 70 MiB of memory per MB of CSV, docs/database.md). 8 MiB is about
#: 80 times the JSON export of the whole curated knowledge base; a larger data set is
#: imported in several files.
MAX_IMPORT_BYTES = 8 * 2**20


def read_import_bytes(path: Path, field: str = "path") -> bytes:
    """The bytes of the user's file ``path`` to import, refused (ValidationError naming
    ``field``) when it holds more than :data:`MAX_IMPORT_BYTES`: from its size on disk, before
    any of it is read, and never more than that read (a file that grew since). An OSError of
    the file system reaches the caller."""
    cap = MAX_IMPORT_BYTES
    size = path.stat().st_size
    has = f"{size} bytes"
    if size <= cap:
        with path.open("rb") as f:
            data = f.read(cap + 1)
        if len(data) <= cap:
            return data
        has = f"more than {cap} bytes"  # it grew since its size was read
    raise ValidationError(field, str(path), (
        f"a file of at most {cap} bytes ({cap / 2**20:.3g} MiB, the import size cap "
        f"MAX_IMPORT_BYTES, a safety setting of solidcell); {path.name} has {has}: split it "
        "into files under the cap and import each (materials first, then the measurements "
        "on them); nothing was written"))


def _read_text(path: Path) -> str:
    """The text of the user's file ``path`` (UTF-8, a byte-order mark dropped; at most
    :data:`MAX_IMPORT_BYTES`); a file that is not UTF-8 text, is larger or cannot be read is
    a ValidationError naming ``path`` (a UnicodeDecodeError used to reach the caller)."""
    try:  # bytes decoded as they are: read_text turned a "\r" inside a quoted CSV note to "\n"
        return read_import_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("path", str(path), "a UTF-8 text file (CSV or JSON)") from None
    except OSError as exc:
        raise ValidationError("path", str(path), f"cannot be read ({exc.strerror}); give a "
                              "readable UTF-8 text file (CSV or JSON)") from None


def _number(field: str, value: Any, allowed: str, kind: str | None = None) -> float:
    """``value`` as a float when it is a finite real number (never a bool, NaN or text); with
    ``kind``, a pint Quantity of that kind too, in its canonical unit (a wrong kind is refused
    by name, :func:`solidcell.units.magnitude_in`)."""
    number = value if kind is None else units.magnitude_in(value, kind, field)
    if not is_real(number) or not math.isfinite(number):
        raise ValidationError(field, value, allowed)
    return float(number)


def query_bound(field: str, value: Any, name: str) -> float | None:
    """A query bound in the canonical unit of property ``name``: a number (canonical unit,
    e.g. S/m), text with a unit (``"1 mS/cm"``; a fraction as ``"0.05"`` or ``"5 %"``) or a
    pint Quantity (``Q_(1, "mS/cm")``), within the property's own range: a bound no stored
    value can have (a negative conductivity) matched every material or none, without a word."""
    spec = PROPERTIES[name]
    kind = spec.kind
    unit = "" if kind == "fraction" else f" {units.KINDS[kind]}"
    allowed = ("a finite fraction, written as 0.05 or '5 %'" if kind == "fraction" else
               f"a finite number in{unit} (the canonical unit of {name}) or text with a unit "
               f"such as {units.example_units(kind)}") + ", or a pint Quantity"
    if value is None:
        return None
    if name in TEXT_PROPERTIES:  # a bound matched no material, without a word
        raise ValidationError(field, value, f"no bound: {name} values are text, not numbers")
    if isinstance(value, str):
        try:
            if kind == "fraction":
                parts = units.split_value(value)
                if parts is None:
                    raise UnitError(f"{value!r} is not a number")
                x = _fraction(*parts, name)
            else:
                x = units.parse(value, kind)
        except UnitError as exc:  # text needs its unit (a bare number is the API's, in SI)
            written = (allowed if kind == "fraction" else
                       f"text with a unit such as {units.example_units(kind)}")
            raise ValidationError(field, value, f"{written} ({exc})") from None
    else:  # Q_(1, "mS/cm") was refused, while "1 mS/cm" was taken
        x = _number(field, value, allowed, kind)
    if not math.isfinite(x):  # '1e400' (a fraction; units.parse refuses it itself)
        raise ValidationError(field, value, allowed)
    low = -math.inf if spec.lower is None else spec.lower
    high = math.inf if spec.upper is None else spec.upper
    if not low <= x <= high:
        raise ValidationError(field, value, f"{low:g} to {high:g}{unit} (the range of "
                              f"{spec.label.split(' [')[0].lower()} values; this is {x:g}"
                              f"{unit})")
    return x


def _query_temperature(value: Any) -> float | None:
    if value is None:
        return None
    allowed = (f"a temperature above 0 K and at most {MAX_TEMPERATURE_K:g} K: a number in K, "
               "text with a unit such as '60 degC' or a pint Quantity")
    if isinstance(value, str):
        try:
            kelvin = units.parse(value, "temperature")
        except UnitError:
            raise ValidationError("temperature", value, allowed) from None
    else:  # Q_(25, "degC") was refused, while "25 degC" was taken
        kelvin = _number("temperature", value, allowed, "temperature")
    return checked_temperature("temperature", value, kelvin)


_TOLERANCE_ALLOWED = (
    "a temperature difference >= 0: a finite number of kelvin, text such as '5 K' or "
    "'5 delta_degC', or a pint Quantity such as Q_(5, 'K') or Q_(5, 'delta_degC'); a "
    "temperature on a scale with an offset (degC, degF) is no difference: Q_(5, 'degC') is "
    "278.15 K")


def _tolerance(value: Any) -> float:
    """``temperature_tolerance`` of :meth:`MaterialStore.query` in K: a number (K), text or a
    pint Quantity of a temperature *difference*. A unit with an offset (``degC``) is refused:
    pint reads ``Q_(5, "degC")`` as the temperature 278.15 K, not as 5 K of difference."""
    field, quantity = "temperature_tolerance", value
    if isinstance(value, str):  # '5 K' (text, as the temperature takes it)
        try:
            quantity = units.quantity(value, "temperature")
        except UnitError:
            raise ValidationError(field, value, _TOLERANCE_ALLOWED) from None
    if units.is_quantity(quantity):
        try:
            offset = type(quantity)(0, quantity.units).to("K").magnitude
        except Exception:  # another kind (5 m): refused below by magnitude_in, by name
            offset = 0.0
        if offset != 0:  # 0 degC is 273.15 K: a point of a scale, not a difference
            raise ValidationError(field, value, _TOLERANCE_ALLOWED)
    x = _number(field, quantity, _TOLERANCE_ALLOWED, "temperature")
    if x < 0:
        raise ValidationError(field, value, _TOLERANCE_ALLOWED)
    return x


def _as_user_material(material: Material | dict[str, Any]) -> Material:
    if not isinstance(material, Material | dict):
        raise ValidationError("material", material, "a Material or a dict of its fields (id, "
                              "name, category, properties, ...)")
    data = material.model_dump() if isinstance(material, Material) else dict(material)
    if _has_nul(data.get("name")):  # PostgreSQL cannot store it; refused on every backend
        raise ValidationError("name", data["name"], "text without NUL (\\x00) characters")
    data["origin"] = "user"
    return Material.model_validate(data)  # errors are solidcell's (solidcell.validation)


def _as_property(prop: PropertyValue | dict[str, Any]) -> PropertyValue:
    if not isinstance(prop, PropertyValue | dict):
        raise ValidationError("property", prop, "a PropertyValue or a dict of its fields "
                              "(name, value or min/max, unit, temperature, method, source)")
    return prop if isinstance(prop, PropertyValue) else PropertyValue.model_validate(prop)


def _json_records(text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = load_json(text)
    except ValueError as exc:  # json.JSONDecodeError, a key twice, NaN or Infinity
        raise ImportRejected(f"import rejected, nothing was written: not valid JSON ({exc})") \
            from None
    if isinstance(data, dict) and ("materials" in data or "measurements" in data):
        # {"materials": [...], "measurements": [...]}: any other key (a typo such as
        # "measurement") used to be dropped silently with everything under it
        unknown = sorted(set(data) - {"materials", "measurements"})
        lists = [data.get(k, []) for k in ("materials", "measurements")]
        if unknown or not all(isinstance(x, list) for x in lists):
            raise ImportRejected(
                "import rejected, nothing was written: a JSON object holds only the lists "
                "'materials' and 'measurements'"
                + (f"; unknown keys {unknown}" if unknown else ""))
        data = lists[0] + lists[1]
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ImportRejected("import rejected, nothing was written: JSON must be a list of "
                             "objects (materials, or measurements with 'material' and 'property')")
    return [(f"record {i + 1}", r) for i, r in enumerate(data)]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _csv_records(text: str, notes: list[str] | None = None
                 ) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """:func:`_read_csv_records`; a text the csv module cannot split (a lone carriage return
    inside an unquoted field, found by hypothesis: ``csv.Error`` was a traceback) is refused
    whole, naming the line."""
    readers: list[Any] = []
    try:
        return _read_csv_records(text, notes, readers)
    except csv.Error as exc:
        where = f" at line {readers[0].line_num}" if readers else ""
        raise ImportRejected(
            f"import rejected, nothing was written: the CSV cannot be split into fields{where} "
            f"({str(exc).partition(' - ')[0]}); a field holding a line break or a carriage "
            "return needs double quotes around it") from None


def _read_csv_records(text: str, notes: list[str] | None, readers: list[Any]
                      ) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """Long-format CSV: one property value per row; rows with material columns filled start
    or continue a new material, rows with only ``id`` + property columns are measurements.
    Fields are separated by ',', ';' (European Excel) or tabs: the separator that makes
    ``property`` a column of the first line (:func:`solidcell.textio.csv_delimiter`, as
    ``solidcell predict`` finds it)."""
    first_line = text.split("\n", 1)[0].rstrip("\r")
    delimiter = csv_delimiter(first_line, "property")
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter or ",")
    readers.append(reader.reader)  # its line_num names a line the csv module cannot split
    header = reader.fieldnames or []
    if delimiter is None and (len(header) == 1 or "property" in first_line.lower()):
        # a ';' file was refused with its whole header as one unknown column
        raise ImportRejected(
            f"import rejected, nothing was written: CSV header {first_line!r} has no "
            "'property' column when split at ',', ';' or tabs: the file looks like it uses "
            "another separator; save it with ',' (or ';', or tabs) between fields; allowed "
            f"columns: {', '.join(CSV_COLUMNS)}")
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:  # csv.DictReader kept the last of two 'value' columns without a word
        raise ImportRejected(
            f"import rejected, nothing was written: CSV header has the columns {twice} more "
            "than once; give each column once (the values of the first would be lost)")
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if "id" not in header or "property" not in header or unknown:
        hints = _column_hints(unknown)
        raise ImportRejected(
            "import rejected, nothing was written: CSV header "
            + (f"has unknown columns {unknown}" if unknown else "")
            + (f" ({'; '.join(hints)})" if hints else "") + ("; " if unknown else "")
            + f"needs 'id' and 'property'; allowed columns: {', '.join(CSV_COLUMNS)}")
    materials: dict[str, tuple[str, dict[str, Any]]] = {}
    out: list[tuple[str, dict[str, Any]]] = []
    problems: list[str] = []
    for line, row in enumerate(reader, start=2):
        where = f"row {line}"
        # (a cell an export guarded against spreadsheet formulas: "'=x" is the text "=x")
        # text columns (CSV_TEXT_COLUMNS) are kept as written, spaces at their ends included,
        # so that export -> import gives back the same text; ids, units, keys are stripped
        row = {k: (csv_unguarded(v if k in CSV_TEXT_COLUMNS else v.strip())
                   if isinstance(v, str) else v) for k, v in row.items()}
        if row.get(None):  # more fields than columns: a comma in an unquoted value shifted them
            problems.append(
                f"{where}: {len(header) + len(row[None])} fields for {len(header)} columns; "
                "quote values that contain a comma")
            continue
        mid = (row.get("id") or "").strip()
        if not mid:
            problems.append(f"{where}: id: missing")
            continue
        filled = [k for k in CSV_PROPERTY_COLUMNS[1:] if not _blank(row.get(k))]
        if _blank(row.get("property")) and (filled or (
                _blank(row.get("category")) and mid not in materials)):
            # a value without its property (or a measurement row with nothing) used to be
            # dropped silently: "imported 0 materials and 1 measurements" for two rows
            problems.append(
                f"{where}: property: missing"
                + (f" ({', '.join(filled)} given)" if filled else "")
                + "; a row with a value, and a measurement row (category empty), names "
                f"its property; allowed: {', '.join(PROPERTIES)}")
            continue
        prop = _csv_property(row, where, problems)
        if prop is not None and notes is not None:  # named by its row (a material's value
            # would be its properties[i] on the material's first row)
            notes.extend(bare_temperature_notes(
                where, {"name": prop["name"], **{k: row.get(k) for k in
                                                 ("temperature", *_MEASURED_RANGE)}},
                field=f"{prop['name']}.temperature"))
        if not _blank(row.get("category")) or mid in materials:
            if mid not in materials:
                base = {k: row[k] for k in CSV_MATERIAL_COLUMNS
                        if k in row and not _blank(row[k])}
                base["properties"] = []
                materials[mid] = (where, base)
                out.append(materials[mid])
            else:  # a later row of the same material must not contradict the first
                first, base = materials[mid]
                for k in CSV_MATERIAL_COLUMNS[1:]:
                    if not _blank(row.get(k)) and row[k] != base.get(k):
                        problems.append(
                            f"{where}: {k}: {row[k]!r} contradicts {base.get(k)!r} "
                            f"given for id {mid!r} on {first}; repeat the same value or "
                            "leave it empty")
            if prop is not None:
                try:  # checked here, so that a bad value is named by its own row (it was
                    # named 'row 2: properties[1].value' after the material's first row)
                    PropertyValue.model_validate(prop)
                except ValueError as exc:
                    problems.append(f"{where}: {exc}")
                else:
                    materials[mid][1]["properties"].append(prop)
        else:  # a measurement row: the columns of a material belong on a material's rows
            # (a name or formula there used to be dropped without a word)
            extra = [k for k in CSV_MATERIAL_COLUMNS[1:] if not _blank(row.get(k))]
            if extra:
                problems.append(
                    f"{where}: {', '.join(extra)}: {_quoted(row, extra)} given on a measurement "
                    f"row (category empty) of {mid!r}; allowed on such a row: id and the "
                    f"property columns ({', '.join(CSV_PROPERTY_COLUMNS)}); leave "
                    f"{', '.join(extra)} empty, or give a category to make the row a new "
                    "material's")
            elif prop is not None:
                out.append((where, {"material": mid, **prop}))
    return out, problems


#: Text that may be a unit (a letter, ``%``): a value cell's rest that an import suggests
#: moving to the column ``unit`` (``'5.36 g/cm3'``).
_UNIT_TEXT = re.compile(r"[^\W\d_]|%")
#: A header cell that names a column with a unit: ``value [mS/cm]``, ``temperature (K)``.
_UNIT_IN_HEADER = re.compile(r"\s*([A-Za-z_]+)\s*[\[(](.*)[\])]\s*")


def _column_hints(columns: Sequence[str]) -> list[str]:
    """What unknown CSV ``columns`` likely mean: columns named with other capitals or spaces
    (``' ID'``), with their unit (``value [g/cm3]``: a value's unit has a column of its own, a
    temperature carries its own), misspelt, or not named at all (a separator at the end of
    the header line)."""
    import difflib

    cased, hints = [], []
    for column in columns:
        name = column.strip().lower()
        unit = _UNIT_IN_HEADER.fullmatch(column)
        close = difflib.get_close_matches(name, CSV_COLUMNS, n=1, cutoff=0.7)
        if not name:
            hints.append("a column without a name: a separator at the end of the header line?")
        elif name in CSV_COLUMNS:
            cased.append(f"{column!r} is {name!r}")
        elif unit and unit.group(1).lower() in CSV_COLUMNS:
            named, given = unit.group(1).lower(), unit.group(2).strip()
            where = ("write each temperature with its unit ('25 degC') or as a number in K"
                     if named in ("temperature", *_MEASURED_RANGE) else
                     f"give the unit {given!r} in the column 'unit' of each row")
            hints.append(f"{column!r}: name the column {named!r} and {where}")
        elif close:
            hints.append(f"{column!r}: did you mean {close[0]!r}?")
    if cased:
        hints.insert(0, f"{', '.join(cased)}: column names are lowercase, without spaces")
    return hints


def _quoted(row: dict[str, Any], columns: Sequence[str]) -> str:
    """The values of ``columns`` of a CSV ``row`` as a message shows them."""
    return ", ".join(repr(row[k].strip()) for k in columns)


def _csv_property(row: dict[str, Any], where: str, problems: list[str]) -> dict[str, Any] | None:
    name = (row.get("property") or "").strip()
    if not name:
        return None
    if name not in PROPERTIES:  # named by its CSV column (the model calls it "name")
        from solidcell.materials.schema import unknown_property_hint

        problems.append(f"{where}: property: {name!r} is not allowed"
                        + unknown_property_hint(name)
                        + f"; allowed: {', '.join(PROPERTIES)}")
        return None
    prop: dict[str, Any] = {"name": name}
    for key in ("value", "min", "max", "temperature", "year", *_MEASURED_RANGE):
        raw = row.get(key)
        if _blank(raw):
            continue
        try:
            number = int(raw) if key == "year" else float(raw)
        except ValueError:
            if key in ("temperature", *_MEASURED_RANGE):  # "25 degC": PropertyValue converts it
                prop[key] = raw.strip()
                continue
            what = "a whole year such as 2024" if key == "year" else "a number"
            comma = raw.strip().replace(",", ".", 1)
            with_unit = None if key == "year" else units.split_value(raw.strip())
            if key != "year" and comma != raw.strip() and is_real(_float_or_none(comma)):
                what += f" (a decimal comma: write {comma})"  # a ';' file from Excel
            elif (with_unit is not None and math.isfinite(with_unit[0])
                  and _UNIT_TEXT.search(with_unit[1]) and not hidden_character(with_unit[1])):
                what += (f" (a unit in the cell: write {with_unit[0]:g} in {key!r} and "
                         f"{with_unit[1]!r} in 'unit')")
            problems.append(f"{where}: {name}.{key}: {raw!r} is not {what}")
            return None
        if not math.isfinite(number):  # as typed: '1e400' was shown as inf
            problems.append(f"{where}: {name}.{key}: {raw.strip()!r} is not allowed; a finite "
                            "number")
            return None
        prop[key] = number
    for key in ("unit", "method", "source", "arrhenius_form"):
        if not _blank(row.get(key)):
            prop[key] = row[key]  # (stripped by _csv_records, as ids are)
    for key in ("text", "note"):  # as written (CSV_TEXT_COLUMNS): "  " is a note of 2 spaces
        if row.get(key):
            prop[key] = row[key]
    return prop


def _float_or_none(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _csv_property_row(prop: PropertyValue) -> dict[str, Any]:
    row: dict[str, Any] = {"property": prop.name, "unit": prop.unit, "method": prop.method,
                           "source": prop.source, "note": prop.note,
                           "arrhenius_form": prop.arrhenius_form or ""}
    for key in ("value", "min", "max", "text", "temperature", "year", *_MEASURED_RANGE):
        value = getattr(prop, key)
        row[key] = "" if value is None else value
    return row


def csv_guarded(value: Any) -> Any:
    """``value`` as a CSV cell a spreadsheet shows as text: a str starting with a formula
    character (:data:`CSV_FORMULA_START`) or with the guard ``'`` gets a leading ``'``; numbers
    (``-1.0``) and other text are unchanged. :func:`csv_unguarded` undoes it."""
    if isinstance(value, str) and value.startswith((*CSV_FORMULA_START, CSV_GUARD)):
        return CSV_GUARD + value
    return value


def guarded_csv(frame: Any, path: str | Path | None = None) -> str | None:
    """``frame`` (a pandas DataFrame) as CSV without its index, each text cell and column name
    guarded against spreadsheet formulas (:func:`csv_guarded`); numbers are written as they
    are. Written to ``path``, or returned as text when ``path`` is None. The one writer of the
    screen's and the dashboard's CSV files (``solidcell screen --csv``, the downloads)."""
    from pandas.api.types import is_numeric_dtype

    # a shallow copy: its text columns are replaced by new ones, the numbers are not copied
    # (10^6 rows of a screen) and the caller's frame is unchanged
    text = [c for c in frame.columns if not is_numeric_dtype(frame[c])]
    frame = frame.copy(deep=False)
    for column in text:
        frame[column] = frame[column].map(csv_guarded)
    header = [csv_guarded(str(c)) for c in frame.columns]
    return frame.to_csv(path, index=False, header=header)


def csv_unguarded(cell: str) -> str:
    """A CSV cell as it was before :func:`csv_guarded`: one leading ``'`` removed where a formula
    character or another ``'`` follows it (an ordinary ``'text`` stays as it is)."""
    if cell.startswith(CSV_GUARD) and cell[1:].startswith((*CSV_FORMULA_START, CSV_GUARD)):
        return cell[1:]
    return cell


def materials_to_csv(materials: Iterable[Material],
                     measurements: Iterable[tuple[str, PropertyValue]] = ()) -> str:
    """Long-format CSV of materials (the format :meth:`MaterialStore.import_file` reads), then
    ``measurements`` ((material id, value) pairs) as rows with only the id and the property.
    Text cells are guarded against spreadsheet formulas (:func:`csv_guarded`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS))
    writer.writeheader()
    for m in materials:
        base = {"id": m.id, "name": m.name, "formula": m.formula or "",
                "category": m.category, "electrolyte_class": m.electrolyte_class or "",
                "mobile_ion": m.mobile_ion}
        props = m.properties or [None]
        for prop in props:
            row = dict(base)
            if prop is not None:
                row.update(_csv_property_row(prop))
            writer.writerow({k: csv_guarded(v) for k, v in row.items()})
    for mid, prop in measurements:
        writer.writerow({k: csv_guarded(v) for k, v in
                         {"id": mid, **_csv_property_row(prop)}.items()})
    return buffer.getvalue()


#: The default stores of this process by URL (:func:`default_store`), least recently used first.
_DEFAULT_STORES: dict[str, MaterialStore] = {}
#: How many default stores (of as many ``$SOLIDCELL_DB`` values) stay open at once.
_DEFAULT_STORES_OPEN = 4
_DEFAULT_STORES_LOCK = threading.Lock()


def default_store() -> MaterialStore:
    """The store at :func:`default_url`: one per process and URL, shared (do not close it
    for one job; :func:`close_default_stores` closes them all), opened again when it was
    closed. Opened as the default, so that an error names ``SOLIDCELL_DB`` and only the
    platform's own data folder is created when missing. Of the stores of more than
    :data:`_DEFAULT_STORES_OPEN` URLs (``$SOLIDCELL_DB`` changed), the one used longest ago
    is closed."""
    url = default_url()
    with _DEFAULT_STORES_LOCK:
        store = _DEFAULT_STORES.pop(url, None)
        if store is None or store.closed:
            store = MaterialStore()
        _DEFAULT_STORES[url] = store
        while len(_DEFAULT_STORES) > _DEFAULT_STORES_OPEN:
            _DEFAULT_STORES.pop(next(iter(_DEFAULT_STORES))).close()
    return store


def close_default_stores() -> None:
    """Close every store :func:`default_store` opened and the connections of
    :func:`database_version`, and forget the materials :meth:`MaterialStore.get` kept; they
    are opened (read) again when next asked."""
    with _DEFAULT_STORES_LOCK:
        while _DEFAULT_STORES:
            _DEFAULT_STORES.popitem()[1].close()
    _WATCHER.close()
    _READ_CACHE.clear()
