"""What differs between the store's backends (docs/database.md, "A lab's shared PostgreSQL"):
each test runs on an SQLite file and on a throwaway PostgreSQL server (conftest.py), where
the store used to fail: processes opening a new database at once, text with NUL characters,
measurement ids beyond the key's range, the password of a URL in an error message, and the
CLI pointed at PostgreSQL through ``$SOLIDCELL_DB``. The store's other behaviour runs on both
backends in test_store.py and test_materials_user_qa.py."""

from __future__ import annotations

import json
import multiprocessing as mp
from collections import Counter
from pathlib import Path

import pgserver
import pytest
import sqlalchemy as sa
from pgserver import user_rows

from clirun import run
from solidcell.errors import NotFoundError, ValidationError
from solidcell.materials.store import MaterialStore, curated_materials


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database without tables: a new SQLite path or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "new.sqlite")
    return str(request.getfixturevalue("pg_empty_db"))


def _open_then_add(db: str, barrier: object, ids: list[str], results: object) -> None:
    barrier.wait(60)
    outcome = []
    try:
        with MaterialStore(db) as store:  # creates the tables and loads the curated data
            curated = {m.id for m in curated_materials()}
            outcome.append(("opened", curated <= set(store.ids())))
            for mid in ids:
                try:
                    store.add({"id": mid, "name": mid, "category": "additive"})
                    outcome.append(("added", mid))
                except ValidationError as exc:
                    outcome.append(("refused", mid) if "already" in str(exc)
                                   else ("error", str(exc)))
    except Exception as exc:  # reported to the parent, which fails with it
        outcome.append(("error", f"{type(exc).__name__}: {exc}"[:400]))
    results.put(outcome)


def test_processes_opening_a_new_database_at_once(empty_db: str, open_store) -> None:
    """Three processes open a new database at the same moment (a lab's first use, or the first
    use after an upgrade) and then add the same ids. On PostgreSQL all but one used to fail:
    'duplicate key value violates unique constraint "pg_type_typname_nsp_index"' (CREATE TABLE)
    or "materials_pkey" (curated rows). Now writes take turns: every process opens the
    database with the curated data loaded once, and each id is added once and refused by name
    to the others."""
    ctx = mp.get_context("spawn")
    n, ids = 3, [f"race{i}" for i in range(10)]
    barrier, results = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=_open_then_add, args=(empty_db, barrier, ids, results))
             for _ in range(n)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(60)
    flat = [event for outcome in outcomes for event in outcome]
    assert [e for e in flat if e[0] == "error"] == []
    assert [e for e in flat if e[0] == "opened"] == [("opened", True)] * n
    assert Counter(e[1] for e in flat if e[0] == "added") == Counter(ids)
    assert Counter(e[1] for e in flat if e[0] == "refused") == Counter(ids * (n - 1))
    store = open_store(empty_db)
    assert sorted(m.id for m in store.list(origin="user")) == sorted(ids)
    assert len(store.ids()) == len(curated_materials()) + len(ids)


def test_curated_reload_after_an_upgrade_keeps_user_data(fresh_db: str, open_store) -> None:
    """A changed curated hash (a new solidcell version) reloads the curated rows in one
    transaction; the user's materials and measurements, also on curated materials, stay."""
    store = open_store(fresh_db)
    store.add({"id": "mine", "name": "Mine", "category": "additive"})
    store.add_measurement("llzo", {"name": "density", "value": 5.0, "unit": "g/cm3",
                                   "method": "measured", "source": "lab"})
    before = user_rows(fresh_db)
    engine = sa.create_engine(store.url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE meta SET value = 'older' WHERE key = 'curated_hash'")
        conn.exec_driver_sql("DELETE FROM materials WHERE id = 'lgps'")  # a curated row
    engine.dispose()
    again = open_store(fresh_db)
    assert "lgps" in again and len(again.ids()) == len(curated_materials()) + 1
    assert user_rows(fresh_db) == before
    assert again.get("llzo").values("density")[-1].si == pytest.approx(5000.0)


def test_nul_characters_are_refused_or_not_found(fresh_db: str, open_store) -> None:
    """PostgreSQL text cannot hold NUL: a name with one used to fail inside psycopg ("PostgreSQL
    text fields cannot contain NUL (0x00) bytes") and so did looking up an id with one; now the
    name is refused by field on both backends and such an id is simply not there."""
    store = open_store(fresh_db)
    before = user_rows(fresh_db)
    with pytest.raises(ValidationError, match="name") as info:
        store.add({"id": "nul", "name": "a\x00b", "category": "additive"})
    assert info.value.field == "name"
    with pytest.raises(NotFoundError, match="llzo"):
        store.get("llzo\x00")
    assert "llzo\x00" not in store
    assert store.measurements("llzo\x00") == []
    with pytest.raises(NotFoundError):
        store.delete("llzo\x00")
    with pytest.raises(NotFoundError):
        store.add_measurement("llzo\x00", {"name": "density", "value": 5.0, "unit": "g/cm3",
                                           "method": "measured", "source": "lab"})
    assert user_rows(fresh_db) == before


@pytest.mark.parametrize("measurement_id", [0, -1, 2**31, 2**40, 2**70])
def test_measurement_ids_out_of_range_are_not_found(
        fresh_db: str, measurement_id: int, open_store) -> None:
    """Measurement ids are INTEGER keys (32-bit on PostgreSQL): 2**31 used to fail there with
    "integer out of range", 2**70 on SQLite with OverflowError."""
    store = open_store(fresh_db)
    with pytest.raises(NotFoundError, match=str(measurement_id)):
        store.delete_measurement(measurement_id)


def test_the_password_of_a_url_is_not_shown() -> None:
    """A server that cannot be reached (nothing listens on port 1): the error names the URL
    with its password hidden (it used to print the password)."""
    with pytest.raises(ValidationError) as info:
        MaterialStore("postgresql+psycopg://lab:S3cret-pw@127.0.0.1:1/materials")
    assert "S3cret-pw" not in str(info.value) and "lab:***@127.0.0.1:1" in str(info.value)


def test_cli_on_the_database_of_solidcell_db(fresh_db: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str], open_store) -> None:
    """The docs' commands with ``$SOLIDCELL_DB`` set (a PostgreSQL URL on that backend): list,
    add, import (all or nothing), measure, query with a unit, export."""
    monkeypatch.setenv("SOLIDCELL_DB", fresh_db)
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps([{
        "id": "cli_lpscl", "name": "Our batch", "formula": "Li6PS5Cl",
        "category": "electrolyte", "electrolyte_class": "sulfide",
        "properties": [{"name": "ionic_conductivity", "value": 4.0, "unit": "mS/cm",
                        "temperature": 298.15, "method": "measured", "source": "lab"}]}]))
    assert run(["materials", "add", str(mine)], capsys)[0] == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,category,property,value,unit,method,source\n"
                   "ok1,Ok,additive,density,1.0,g/cm3,measured,lab\n"
                   "bad1,Bad,additive,density,-1.0,g/cm3,measured,lab\n")
    code, out, err = run(["materials", "import", str(bad)], capsys)
    assert code != 0 and "nothing was written" in out + err
    good = tmp_path / "good.csv"
    good.write_text("id,name,category,property,value,unit,method,source\n"
                    "ok1,Ok,additive,density,1.0,g/cm3,measured,lab\n")
    assert run(["materials", "import", str(good)], capsys)[0] == 0
    assert run(["materials", "measure", "llzo", "--property", "density", "--value",
                "5.2 g/cm3", "--source", "lab"], capsys)[0] == 0
    code, out, _ = run(["materials", "list", "--origin", "user", "--json"], capsys)
    assert code == 0 and sorted(m["id"] for m in json.loads(out)) == ["cli_lpscl", "ok1"]
    code, out, _ = run(["materials", "query", "--class", "sulfide", "--property",
                        "ionic_conductivity", "--min", "3 mS/cm", "--json"], capsys)
    assert code == 0 and "cli_lpscl" in {m["id"] for m in json.loads(out)}
    assert "bad1" not in open_store(fresh_db)
    export = tmp_path / "export.json"
    assert run(["materials", "export", str(export)], capsys)[0] == 0
    assert {r.get("id") or r.get("material") for r in json.loads(export.read_text())} == \
        {"cli_lpscl", "ok1", "llzo"}


def test_the_documented_postgresql_grants_suffice(
        pg_server: pgserver.Server, pg_db: str, open_store) -> None:
    """docs/database.md: after the first use, a lab account needs SELECT, INSERT, UPDATE,
    DELETE on the tables and USAGE on the sequence of the property rows (without the latter,
    storing any property value failed: "permission denied for sequence properties_pk_seq").
    With those grants it adds, measures, deletes and reloads the curated data after an
    upgrade."""
    import psycopg

    database = pg_db.rsplit("/", 1)[1]
    role = f"lab_{database}"
    with psycopg.connect(host="127.0.0.1", port=pg_server.port, user="postgres",
                         dbname=database, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public '
                     f'TO "{role}"')
        conn.execute(f'GRANT USAGE ON SEQUENCE properties_pk_seq TO "{role}"')
    try:
        lab = open_store(pg_db.replace("//postgres@", f"//{role}@"))
        lab.add({"id": "granted", "name": "G", "category": "additive",
                 "properties": [{"name": "density", "value": 1.0, "unit": "g/cm3",
                                 "method": "measured", "source": "lab"}]})
        pk = lab.add_measurement("llzo", {"name": "density", "value": 5.0, "unit": "g/cm3",
                                          "method": "measured", "source": "lab"})
        lab.delete_measurement(pk)
        admin = sa.create_engine(pg_db)  # a new solidcell version: another curated hash
        with admin.begin() as conn:
            conn.exec_driver_sql("UPDATE meta SET value = 'older'")
        admin.dispose()
        lab.close()
        again = open_store(pg_db.replace("//postgres@", f"//{role}@"))
        assert len(again.ids()) == len(curated_materials()) + 1
        again.delete("granted")
        again.close()
    finally:
        pg_server.drop_database(database)
        pg_server.admin(f'DROP ROLE "{role}"')
