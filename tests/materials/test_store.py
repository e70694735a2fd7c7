"""MaterialStore on a real SQLite file and a real PostgreSQL database (tests/materials/
conftest.py runs each test on both): curated read-only, user data persists, imports are all
or nothing, concurrent writers lose nothing, queries by class / element / property range."""

from __future__ import annotations

import json
import multiprocessing as mp
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pgserver import user_rows

from solidcell.chemistry.composition import parse_composition
from solidcell.errors import ImportRejected, NotFoundError, ValidationError
from solidcell.materials.store import MaterialStore, curated_materials


def user_material(mid: str = "my_lpscl", sigma: float = 2.0, unit: str = "mS/cm") -> dict:
    return {
        "id": mid, "name": "Our Li6PS5Cl batch", "formula": "Li6PS5Cl",
        "category": "electrolyte", "electrolyte_class": "sulfide",
        "properties": [{"name": "ionic_conductivity", "value": sigma, "unit": unit,
                        "temperature": 298.15, "method": "measured",
                        "source": "lab-notebook-2026"}],
    }


def snapshot(db: str) -> list[tuple]:
    """Every user row of every table: what must not change after a refused write."""
    return user_rows(db)


def test_curated_loaded_and_read_only(fresh_db: str, open_store) -> None:
    store = open_store(fresh_db)
    assert len(store.ids()) == len(curated_materials())
    assert store.get("llzo").origin == "curated"
    with pytest.raises(ValidationError, match="read-only"):
        store.delete("llzo")
    with pytest.raises(ValidationError, match="read-only"):
        store.update({**user_material("llzo")})
    with pytest.raises(ValidationError, match="curated"):
        store.add(user_material("llzo"))


def test_user_material_persists_across_reopen(fresh_db: str, open_store) -> None:
    open_store(fresh_db).add(user_material())
    again = open_store(fresh_db)
    m = again.get("my_lpscl")
    assert m.origin == "user" and m.si("ionic_conductivity") == pytest.approx(0.2)
    again.update(user_material(sigma=3.0))
    assert open_store(fresh_db).get("my_lpscl").si("ionic_conductivity") == pytest.approx(0.3)
    again.delete("my_lpscl")
    assert "my_lpscl" not in open_store(fresh_db)


def test_measurement_on_curated_material_keeps_curated_values(fresh_db: str, open_store) -> None:
    store = open_store(fresh_db)
    before = store.get("llzo").properties
    pk = store.add_measurement("llzo", {"name": "ionic_conductivity", "value": 0.5,
                                        "unit": "mS/cm", "temperature": 298.15,
                                        "method": "measured", "source": "lab"})
    after = open_store(fresh_db).get("llzo")
    assert after.properties[: len(before)] == before
    assert after.properties[-1].si == pytest.approx(0.05)
    store.delete_measurement(pk)
    assert store.get("llzo").properties == before


def test_negative_conductivity_refused_and_nothing_stored(fresh_db: str, open_store) -> None:
    store = open_store(fresh_db)
    store.add(user_material("keep_me"))
    before = snapshot(fresh_db)
    with pytest.raises(Exception, match="ionic_conductivity"):
        store.add(user_material("bad", sigma=-1.0))
    with pytest.raises(Exception, match="unit"):
        store.add(user_material("bad2", unit="parsec"))
    assert snapshot(fresh_db) == before


def write_csv(path: Path, rows: list[str]) -> Path:
    header = "id,name,formula,category,electrolyte_class,property,value,unit,temperature," \
             "method,source"
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    return path


def test_csv_import_all_or_nothing(fresh_db: str, tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    good = write_csv(tmp_path / "good.csv", [
        "a1,Alpha,Li3PS4,electrolyte,sulfide,ionic_conductivity,0.2,mS/cm,298.15,measured,lab",
        "a1,,,,,activation_energy,0.35,eV,,measured,lab",
        "llzo,,,,,ionic_conductivity,0.4,mS/cm,298.15,measured,lab",
    ])
    assert store.import_file(good) == {"materials": 1, "measurements": 1}
    assert store.get("a1").si("activation_energy") == pytest.approx(0.35)
    before = snapshot(fresh_db)
    bad = write_csv(tmp_path / "bad.csv", [
        "b1,Beta,Li3PS4,electrolyte,sulfide,ionic_conductivity,0.2,mS/cm,298.15,measured,lab",
        "b2,Gamma,Li3PS4,electrolyte,sulfide,ionic_conductivity,-3,mS/cm,298.15,measured,lab",
        "b3,Delta,Li3PS4,electrolyte,sulfide,ionic_conductivity,abc,mS/cm,298.15,measured,lab",
    ])
    with pytest.raises(ImportRejected) as info:
        store.import_file(bad)
    message = str(info.value)
    assert "row 3" in message and "ionic_conductivity" in message
    assert "row 4" in message and "value" in message
    assert snapshot(fresh_db) == before
    assert "b1" not in store


def test_json_import_export_round_trip(fresh_db: str, tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    store.add(user_material("r1"))
    store.add(user_material("r2", sigma=5))
    out = tmp_path / "mine.json"
    assert store.export(out) == 2
    other = open_store(tmp_path / "other.sqlite")
    assert other.import_file(out) == {"materials": 2, "measurements": 0}
    assert other.get("r2") == store.get("r2")
    csv_out = tmp_path / "mine.csv"
    store.export(csv_out)
    third = open_store(tmp_path / "third.sqlite")
    third.import_file(csv_out)
    assert third.get("r1").properties == store.get("r1").properties


def test_json_import_duplicate_id_rejected(fresh_db: str, tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    path = tmp_path / "dupe.json"
    path.write_text(json.dumps([user_material("d1"), user_material("d1")]))
    with pytest.raises(ImportRejected, match="appears twice"):
        store.import_file(path)
    assert "d1" not in store


def test_query_sulfides_above_1_mS_cm(fresh_db: str, open_store) -> None:
    store = open_store(fresh_db)
    store.add(user_material("fast", sigma=5.0))
    store.add(user_material("slow", sigma=0.05))
    hits = {m.id for m in store.query(electrolyte_class="sulfide",
                                      property="ionic_conductivity", minimum=0.1)}
    assert "fast" in hits and "slow" not in hits
    for mid in hits:
        assert store.get(mid).electrolyte_class == "sulfide"
        assert store.get(mid).si("ionic_conductivity") >= 0.1
    # and nothing is missed: every sulfide whose (preferred) conductivity is >= 0.1 S/m is a hit
    # (only the hits were checked, so a query returning too few passed)
    expected = set()
    for mid in store.ids():
        m = store.get(mid)
        sigma = m.si("ionic_conductivity") if m.electrolyte_class == "sulfide" else None
        if sigma is not None and sigma >= 0.1:
            expected.add(mid)
    assert hits == expected
    assert len(expected) > 2  # curated sulfides too, not only the two added here
    with_s = {m.id for m in store.query(elements=["S", "Cl"])}
    assert {"fast", "slow"} <= with_s
    assert "llzo" not in with_s
    # exactly the materials whose formula has both elements (all must be present)
    assert with_s == {mid for mid in store.ids() if store.get(mid).formula
                      and {"S", "Cl"} <= {el.symbol for el in
                                          parse_composition(store.get(mid).formula).elements}}
    with pytest.raises(ValidationError, match="element"):
        store.query(elements=["Xx"])
    with pytest.raises(ValidationError, match="property"):
        store.query(property="flux")


def test_unknown_id_suggests(fresh_db: str, open_store) -> None:
    with pytest.raises(NotFoundError, match="llzo"):
        open_store(fresh_db).get("llz0")


def _add_many(db: str, prefix: str, n: int) -> None:
    with MaterialStore(db) as store:
        for i in range(n):
            store.add(user_material(f"{prefix}{i}"))


def test_two_processes_adding_at_once_lose_nothing(fresh_db: str, open_store) -> None:
    MaterialStore(fresh_db).close()  # create the schema first, as a user's first call would
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_add_many, args=(fresh_db, p, 25)) for p in ("p", "q")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    ids = open_store(fresh_db).ids()
    assert all(f"{p}{i}" in ids for p in "pq" for i in range(25))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(
    st.sampled_from(["id", "name", "formula", "category", "electrolyte_class", "properties",
                     "junk"]),
    st.one_of(st.none(), st.text(max_size=8), st.integers(), st.lists(st.integers(), max_size=2)),
))
def test_random_records_never_corrupt_the_store(fresh_db: str, record: dict) -> None:
    with MaterialStore(fresh_db) as store:
        before = snapshot(fresh_db)
        try:
            store.import_records([("record 1", record)])
        except (ImportRejected, ValidationError):
            assert snapshot(fresh_db) == before


# --- user data: sources, export of measurements, contradicting CSV rows --------------------
def test_show_lists_user_sources_instead_of_failing(fresh_db: str, open_store) -> None:
    """`materials show` used to stop with 'source ... is not in solidcell's bibliography' as
    soon as a material had a user measurement (README: --source my-lab-2026)."""
    from typer.testing import CliRunner

    from solidcell.cli import app

    store = open_store(fresh_db)
    store.add_measurement("llzo", {"name": "ionic_conductivity", "value": 0.4,
                                   "unit": "mS/cm", "temperature": 298.15,
                                   "method": "measured", "source": "my-lab-2026"})
    store.add(user_material("mine"))
    runner = CliRunner()
    for mid, needles in (("llzo", ("my-lab-2026", "[murugan2007]")),
                         ("mine", ("lab-notebook-2026",))):
        res = runner.invoke(app, ["materials", "show", mid, "--db", fresh_db])
        assert res.exit_code == 0 and res.exception is None, res.output
        assert all(n in res.output for n in needles), res.output


def test_export_keeps_measurements_on_curated_materials(
        fresh_db: str, tmp_path: Path, open_store) -> None:
    """An export of one's own data used to drop the measurements attached to curated
    materials: the re-imported database lacked them."""
    store = open_store(fresh_db)
    store.add(user_material("e1"))
    store.add_measurement("llzo", {"name": "ionic_conductivity", "value": 0.4,
                                   "unit": "mS/cm", "temperature": 298.15,
                                   "method": "measured", "source": "lab"})
    store.add_measurement("lgps", {"name": "density", "value": 2.0, "unit": "g/cm3",
                                   "method": "measured", "source": "lab"})
    for suffix in (".json", ".csv"):
        out = tmp_path / f"mine{suffix}"
        assert store.export(out) == 1
        other = open_store(tmp_path / f"other{suffix}.sqlite")
        assert other.import_file(out) == {"materials": 1, "measurements": 2}
        assert [p for _, _, p in other.measurements("llzo")] == \
            [p for _, _, p in store.measurements("llzo")]
        assert other.get("lgps").values("density")[-1].si == pytest.approx(2000.0)
        assert other.get("e1").properties == store.get("e1").properties


def test_export_to_a_missing_folder_is_a_clear_error(
        fresh_db: str, tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    with pytest.raises(ValidationError, match="path") as info:
        store.export(tmp_path / "no" / "such" / "dir" / "x.json")
    assert "cannot be written" in str(info.value)


def test_csv_rows_of_one_material_must_not_contradict(
        fresh_db: str, tmp_path: Path, open_store) -> None:
    """A later row of the same id with another category or name used to be ignored silently."""
    store = open_store(fresh_db)
    before = snapshot(fresh_db)
    path = write_csv(tmp_path / "contra.csv", [
        "c1,Gamma,Li3PS4,electrolyte,sulfide,ionic_conductivity,0.2,mS/cm,298.15,measured,lab",
        "c1,Gamma 2,Li3PS4,cathode,,density,1.9,g/cm3,,measured,lab",
    ])
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    message = str(info.value)
    assert "row 3: name: 'Gamma 2' contradicts 'Gamma'" in message
    assert "row 3: category: 'cathode' contradicts 'electrolyte'" in message
    assert snapshot(fresh_db) == before
    same = write_csv(tmp_path / "same.csv", [
        "c2,Gamma,Li3PS4,electrolyte,sulfide,ionic_conductivity,0.2,mS/cm,298.15,measured,lab",
        "c2,Gamma,Li3PS4,electrolyte,sulfide,density,1.9,g/cm3,,measured,lab",
        "c2,,,,,activation_energy,0.3,eV,,measured,lab",
    ])
    assert store.import_file(same) == {"materials": 1, "measurements": 0}
    assert len(store.get("c2").properties) == 3


@pytest.mark.parametrize(("args", "needle"), [
    (["--property", "ionic_conductivity", "--temperature", "-300 degC"],
     "--temperature: '-300 degC' is not allowed; it is -26.85 K; a temperature above 0 K"),
    (["--property", "volume_change", "--min", "abc%"], "--min: 'abc%' is not allowed"),
    # "5" meant as 5 % used to be read as 500 % (and found nothing)
    (["--property", "transference_number", "--min", "5"], "not allowed; -0.8 to 1"),
    # a bare number on the command line needs its unit (the message offered "a number in S/m")
    (["--property", "ionic_conductivity", "--min", "0.5"],
     "--min: '0.5' is not allowed; text with a unit such as 'S/cm'"),
])
def test_query_option_errors_name_the_input(fresh_db: str, args: list[str],
                                            needle: str) -> None:
    """A temperature below 0 K used to give an empty table without a word."""
    from typer.testing import CliRunner

    from solidcell.cli import app

    res = CliRunner().invoke(app, ["materials", "query", *args, "--db", fresh_db])
    assert res.exit_code == 2 and needle in res.output, res.output


def test_a_pasted_file_as_a_name_is_refused_and_the_message_stays_short(
        fresh_db: str, tmp_path: Path, open_store) -> None:
    """Names, ids, sources and notes had no length limit (a 100,000-character name was stored)
    and the refusal echoed the whole value."""
    store = open_store(fresh_db)
    before = snapshot(fresh_db)
    file = tmp_path / "long.json"
    file.write_text(json.dumps([{**user_material("long"), "name": "n" * 100_000}]))
    with pytest.raises(ImportRejected) as info:
        store.import_file(file)
    assert "at most 200 characters" in str(info.value) and len(str(info.value)) < 1000
    assert snapshot(fresh_db) == before


def test_wal_switch_waits_for_another_process_instead_of_failing(tmp_path: Path) -> None:
    """Connections opening a new SQLite database at once all switch it to WAL, which needs
    the database to themselves; SQLite refused the others at once with 'database is locked'
    (no busy wait), and one of three processes opening a new database failed in CI (stop 18).
    Here another connection holds the database while ours asks with no busy wait at all:
    the switch is retried until the other lets go."""
    import sqlite3
    import threading

    from solidcell.materials.store import _wal_mode

    path = tmp_path / "new.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE t (x)")
    ours = sqlite3.connect(path, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        ours.execute("PRAGMA journal_mode = WAL")  # what the store used to run
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _wal_mode(ours.cursor(), wait_s=0.05)  # a holder that never lets go still fails
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    _wal_mode(ours.cursor(), wait_s=30)
    release.join()
    assert ours.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    holder.close()
    ours.close()
