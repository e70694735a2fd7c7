"""Materials tests run on both backends the docs promise: the store tests that take
``fresh_db`` run once on an SQLite file and once on a database of a throwaway PostgreSQL
server (``pgserver.py``), which skip when PostgreSQL or psycopg is missing."""

from __future__ import annotations

from collections.abc import Iterator

import pgserver
import pytest


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

