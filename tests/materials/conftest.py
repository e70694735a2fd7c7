"""Materials tests run on both backends the docs promise: the store tests that take
``fresh_db`` run once on an SQLite file and once on a database of a throwaway PostgreSQL
server (``pgserver.py``), which skip when PostgreSQL or psycopg is missing.

Every test here closes the stores it opens (``with MaterialStore(...) as store``, or a fixture
that closes it): :func:`_stores_closed` fails a test that leaves one open, and
:func:`_nothing_left_to_the_collector` a module that leaves any connection or file to the
garbage collector, which warned about it in whichever later test it ran."""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterator

import pgserver
import pytest


@pytest.fixture(autouse=True)
def _stores_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a store it opened open (on either backend): its connections
    went to the garbage collector, and psycopg warned 'connection ... was deleted while still
    open' in whichever later test it ran. The shared stores of ``default_store()`` stay open
    by design."""
    from solidcell.materials import store as store_module

    opened: list[store_module.MaterialStore] = []
    init = store_module.MaterialStore.__init__

    def tracked(self: store_module.MaterialStore, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(store_module.MaterialStore, "__init__", tracked)
    yield
    shared = [id(s) for s in store_module._DEFAULT_STORES.values()]
    left = [s.url for s in opened if not s.closed and id(s) not in shared]
    assert not left, f"stores left open (use `with MaterialStore(...) as store`): {left}"


@pytest.fixture(autouse=True, scope="module")
def _nothing_left_to_the_collector() -> Iterator[None]:
    """After each module, collect the garbage and fail on a ResourceWarning (a connection,
    engine or file the module's tests left open). Once a module: a collection takes about
    0.15 s."""
    yield
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        gc.collect()
    left = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert not left, f"resources left to the garbage collector: {left}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pgserver.Server]:
    """A PostgreSQL server for this test process (one per xdist worker), with a template
    database that holds the curated data, stopped and deleted at the end."""
    reason = pgserver.unavailable()
    if reason:
        pytest.skip(f"PostgreSQL backend not tested: {reason}")
    server = pgserver.start()
    try:
        from solidcell.materials.store import MaterialStore

        server.template = server.create_database()
        MaterialStore(server.url(server.template)).close()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_empty_db(pg_server: pgserver.Server) -> Iterator[str]:
    """URL of a new, empty PostgreSQL database (no tables), dropped afterwards."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def pg_db(pg_server: pgserver.Server) -> Iterator[str]:
    """URL of a new PostgreSQL database with the curated data loaded (a copy of the
    template: loading it takes longer than the copy), dropped afterwards."""
    name = pg_server.create_database(template=pg_server.template)
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_db(request: pytest.FixtureRequest, fresh_db: str) -> str:
    """The materials database of one test: an SQLite file path (the parent ``fresh_db``) or
    the SQLAlchemy URL of a PostgreSQL database."""
    if request.param == "sqlite":
        return fresh_db
    return str(request.getfixturevalue("pg_db"))

