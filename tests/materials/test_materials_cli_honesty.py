"""What `materials list/query/show/measure/export` show is what the data and models use.

- "sigma RT" showed nzsp 0.2 and na_beta_alumina 0.2828 S/cm: their only conductivities are at
  573.15 K (goodenough1976_nasicon; the curated YAML); now '-' with a note, null in --json.
- A CSV export wrote "=HYPERLINK(...)" as a cell a spreadsheet executes; now "'=HYPERLINK(...)",
  read back as the original text by an import.
- A curated material whose id a user material already had was silently not loaded.
- `materials measure --property price` on li6ps5cl stored a price the cost model never used,
  without a word.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import pytest
import sqlalchemy as sa

from clirun import run
from solidcell.cli.materials import _summary_rows
from solidcell.materials import store as store_module
from solidcell.materials.schema import RT_CONDUCTIVITY_KEY as RT_SIGMA_KEY
from solidcell.materials.store import MaterialStore, csv_guarded, csv_unguarded

HIGH_T_ONLY = ("nzsp", "na_beta_alumina")  # curated conductivities at 573.15 K only


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "materials.sqlite")


def test_sigma_rt_is_empty_where_no_value_is_at_room_temperature(
        db: str, capsys, open_store) -> None:
    store = open_store(db)
    for mid in HIGH_T_ONLY:
        temps = [p.temperature for p in store.get(mid).values("ionic_conductivity")]
        assert temps and all(t is not None and abs(t - 298.15) > 5 for t in temps)
    rows = {r[0]: r for r in _summary_rows(store.list(category="electrolyte"))}
    assert all(rows[mid][4] is None for mid in HIGH_T_ONLY)
    # a value measured at 298.15 K is shown, in S/cm
    lpscl = store.get("li6ps5cl").get("ionic_conductivity", 298.15)
    assert lpscl.temperature == pytest.approx(298.15)
    assert rows["li6ps5cl"][4] == pytest.approx(lpscl.si / 100)

    code, _, err = run(["materials", "list", "--category", "electrolyte", "--db", db], capsys)
    assert code == 0
    assert "nzsp (data at 573.15 K)" in err and "solidcell conductivity ID" in err
    code, out, _ = run(["materials", "query", "--class", "oxide", "--json", "--db", db], capsys)
    records = {r["id"]: r for r in json.loads(out)}
    assert code == 0 and all(records[mid][RT_SIGMA_KEY] is None for mid in HIGH_T_ONLY)
    code, out, _ = run(["materials", "list", "--category", "electrolyte", "--json", "--db", db],
                       capsys)
    records = {r["id"]: r for r in json.loads(out)}
    assert records["li6ps5cl"][RT_SIGMA_KEY] == pytest.approx(lpscl.si)


def test_a_measurement_at_room_temperature_fills_sigma_rt(db: str, capsys, open_store) -> None:
    code, _, err = run(["materials", "measure", "nzsp", "--property", "ionic_conductivity",
                        "--value", "1 mS/cm", "--temperature", "25 degC", "--source", "lab",
                        "--db", db], capsys)
    assert code == 0
    # conductivity_at uses only the first value's source: the note says so
    assert "only the values from 'goodenough1976_nasicon'" in err
    rows = {r[0]: r for r in _summary_rows(open_store(db).list(category="electrolyte"))}
    assert rows["nzsp"][4] == pytest.approx(1e-3)


def test_csv_export_guards_formulas_and_round_trips(tmp_path: Path, db: str, open_store) -> None:
    material = {
        "id": "mine", "name": '=HYPERLINK("http://example.invalid")', "category": "electrolyte",
        "electrolyte_class": "oxide",
        "properties": [
            {"name": "volume_change", "value": -0.1, "method": "measured", "source": "+lab",
             "note": "@note"},
            {"name": "air_stability", "text": "-stable", "method": "measured",
             "source": "'quoted", "note": "'plain"},
        ],
    }
    first = open_store(db)
    first.add(material)
    first.add_measurement("llzo", {"name": "density", "value": 5.1, "unit": "g/cm3",
                                   "method": "measured", "source": "=1+1"})
    path = tmp_path / "mine.csv"
    first.export(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    assert rows[0]["name"] == "'" + material["name"]
    assert rows[0]["value"] == "-0.1"  # a number stays a number
    assert (rows[0]["source"], rows[0]["note"]) == ("'+lab", "'@note")
    assert (rows[1]["text"], rows[1]["source"], rows[1]["note"]) == ("'-stable", "''quoted",
                                                                     "''plain")
    assert rows[2]["source"] == "'=1+1"
    formula_start = ("=", "+", "-", "@", "\t", "\r")
    assert not any(v.startswith(formula_start) for r in rows for k, v in r.items()
                   if k not in ("value", "min", "max", "temperature"))

    second = open_store(str(tmp_path / "other.sqlite"))
    assert second.import_file(path) == {"materials": 1, "measurements": 1}
    assert second.get("mine") == first.get("mine")
    assert second.measurements("llzo")[0][2] == first.measurements("llzo")[0][2]


@pytest.mark.parametrize("text", ["=x", "+1", "-stable", "@a", "\tx", "\rx", "'", "''",
                                  "'=x", "plain", "it's", ""])
def test_guard_is_undone_exactly(text: str) -> None:
    assert csv_unguarded(csv_guarded(text)) == text
    assert csv_unguarded("'hello") == "'hello"  # a user's own leading quote stays
    assert csv_guarded(-1.0) == -1.0


def _shadow_llzo(db: str) -> MaterialStore:
    """A database from before 'llzo' was curated, where the user added their own 'llzo'; then
    the curated data changes (a new release), so the store reloads it."""
    store = MaterialStore(db)
    with store._write() as conn:
        for table in (store_module.ELEMENTS, store_module.PROPERTY_ROWS, store_module.MATERIALS):
            conn.execute(table.delete().where(
                (table.c.material_id if table is not store_module.MATERIALS else table.c.id)
                == "llzo"))
    store.add({"id": "llzo", "name": "my own garnet", "category": "electrolyte",
               "electrolyte_class": "oxide"})
    with store._write() as conn:
        conn.execute(store_module.META.update().where(store_module.META.c.key == "curated_hash")
                     .values(value="an older release"))
    store.close()
    return store


def test_a_curated_material_kept_out_by_yours_is_named(db: str, capsys, open_store) -> None:
    _shadow_llzo(db)
    with pytest.warns(UserWarning, match=r"curated material 'llzo' \(Li7La3Zr2O12.*is not "
                      r"loaded: your own material has the same id"):
        store = open_store(db)
    assert store.get("llzo").name == "my own garnet"
    assert list(store.shadowed_curated()) == ["llzo"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once, on the load that kept it out
        open_store(db)
    code, out, err = run(["materials", "show", "llzo", "--db", db], capsys)
    assert code == 0 and "my own garnet" in out and "'llzo' (Li7La3Zr2O12" in err
    code, _, err = run(["materials", "list", "--origin", "user", "--db", db], capsys)
    assert code == 0 and "is not loaded" in err
    # deleting yours brings the curated one back
    store.delete("llzo")
    assert store.get("llzo").origin == "curated" and store.shadowed_curated() == {}
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(store_module.ELEMENTS)
                            .where(store_module.ELEMENTS.c.material_id == "llzo")).scalar() > 0


def test_measure_says_when_a_curated_price_stays_the_one_used(db: str, capsys, open_store) -> None:
    from solidcell.manufacturing.cost import CostOptions, _price

    curated = open_store(db).get("li6ps5cl").get("price")
    assert curated is not None  # a curated price (cen2024_sulfide_electrolyte_cost)
    code, out, err = run(["materials", "measure", "li6ps5cl", "--property", "price", "--value",
                          "50 USD/kg", "--year", "2024", "--source", "quote", "--json",
                          "--db", db], capsys)
    answer = json.loads(out)
    assert code == 0 and answer["preferred"] is False
    assert "--price li6ps5cl=VALUE" in answer["note"] and "CostOptions(prices=" in err
    # what the note claims: the preferred value, which the cost model prices with, is the curated
    assert open_store(db).get("li6ps5cl").get("price") == curated
    assert _price("li6ps5cl", CostOptions(prices={"li6ps5cl": 50.0})).price_USD_per_kg == 50.0
    # a material without a price of its own: the measurement is the one used, no note
    assert open_store(db).get("lipon").get("price") is None
    code, out, err = run(["materials", "measure", "lipon", "--property", "price", "--value",
                          "900 USD/kg", "--year", "2024", "--source", "quote", "--json",
                          "--db", db], capsys)
    assert code == 0 and json.loads(out)["preferred"] is True and "note" not in err


@pytest.mark.parametrize("args", [
    ["materials", "list", "--json"],
    ["materials", "list", "--category", "electrolyte"],
    ["materials", "query", "--class", "oxide"],
    ["materials", "query", "--class", "oxide", "--json"],
    ["materials", "show", "llzo", "--json"],
])
def test_shadow_note_on_every_listing_of_yours(
        db: str, args: list[str], capsys, open_store) -> None:
    """The note also comes with --json (on stderr: the JSON stays clean) and with the filters
    that keep your 'llzo' in; a listing without it says nothing."""
    _shadow_llzo(db)
    with pytest.warns(UserWarning):
        open_store(db)
    code, out, err = run([*args, "--db", db], capsys)
    assert code == 0 and "'llzo' (Li7La3Zr2O12" in err and "is not loaded" in err
    if "--json" in args:
        json.loads(out)
    code, _, err = run(["materials", "query", "--class", "sulfide", "--db", db], capsys)
    assert code == 0 and "is not loaded" not in err


def test_shadow_warning_through_the_python_api(db: str, monkeypatch) -> None:
    """solidcell.materials.get on the default store (SOLIDCELL_DB) warns on the load that kept
    the curated 'llzo' out, and returns yours."""
    from solidcell import materials

    _shadow_llzo(db)
    monkeypatch.setenv("SOLIDCELL_DB", db)
    store_module.close_default_stores()
    try:
        with pytest.warns(UserWarning, match=r"'llzo' \(Li7La3Zr2O12.*is not loaded"):
            mine = materials.get("llzo")
        assert mine.name == "my own garnet" and mine.origin == "user"
        assert list(materials.default_store().shadowed_curated()) == ["llzo"]
    finally:
        store_module.close_default_stores()


@pytest.mark.parametrize(("category", "absent", "present"), [
    ("electrolyte", "capacity [mAh/g]", "sigma RT [S/cm]"),
    ("cathode", "class", "capacity [mAh/g]"),
])
def test_list_leaves_out_a_column_no_listed_material_fills(
        db: str, category: str, absent: str, present: str, capsys, monkeypatch) -> None:
    """`materials list --category electrolyte` showed a capacity column of '-' only (and
    cathodes a blank class column); a column is left out when no listed material has a value,
    and kept in the full list."""
    monkeypatch.setenv("COLUMNS", "300")  # one header line, no wrapped names

    def header(args: list[str]) -> list[str]:
        code, out, err = run(args, capsys)
        assert code == 0, err
        line = next(ln for ln in out.splitlines() if "\u2503 id" in ln)
        return [c.strip() for c in line.split("\u2503") if c.strip()]

    listed = header(["materials", "list", "--category", category, "--db", db])
    assert present in listed and absent not in listed, listed
    full = header(["materials", "list", "--db", db])
    assert present in full and absent in full, full
