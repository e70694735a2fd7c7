"""``Material.to_json_record`` says at which temperature its flat values hold.

The flat ``"Ionic conductivity [S.m-1]"`` is the preferred (first) value at whatever temperature
it has: nzsp's 20 S/m is at 573.15 K (goodenough1976_nasicon, the curated data), and the record
read like a room-temperature value. The record now gives that value's temperature and, like
``materials list --json``, the conductivity at 298.15 K (null when none is there)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from clirun import run
from solidcell.materials.schema import (
    PROPERTIES,
    RT_CONDUCTIVITY_KEY,
    Material,
    temperature_key,
)
from solidcell.materials.store import ROOM_TEMPERATURE_K, TEMPERATURE_TOLERANCE_K, MaterialStore

SIGMA = PROPERTIES["ionic_conductivity"].label
SIGMA_T = "Ionic conductivity temperature [K]"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("db") / "m.sqlite")


@pytest.fixture(scope="module")
def store(db: str) -> Iterator[MaterialStore]:
    with MaterialStore(db) as store:
        yield store


def _electrolyte(*values: tuple[float, float | None]) -> Material:
    """A user electrolyte with conductivities (S/cm, temperature K or None)."""
    props = [{"name": "ionic_conductivity", "value": v, "unit": "S/cm", "method": "measured",
              "source": "lab", **({"temperature": t} if t is not None else {})}
             for v, t in values]
    return Material(id="x", name="x", category="electrolyte", electrolyte_class="oxide",
                    properties=props)


def test_the_high_temperature_conductivity_of_nzsp_says_its_temperature(
        store: MaterialStore) -> None:
    record = store.get("nzsp").to_json_record()
    first = store.get("nzsp").values("ionic_conductivity")[0]
    assert record[SIGMA] == pytest.approx(first.si)
    assert record[SIGMA_T] == pytest.approx(573.15)  # the curated value's temperature
    assert record[RT_CONDUCTIVITY_KEY] is None


def test_a_room_temperature_conductivity_is_given_under_its_key(store: MaterialStore) -> None:
    lpscl = store.get("li6ps5cl")
    record = lpscl.to_json_record()
    at_rt = [p for p in lpscl.values("ionic_conductivity")
             if abs((p.temperature or ROOM_TEMPERATURE_K) - ROOM_TEMPERATURE_K)
             <= TEMPERATURE_TOLERANCE_K]
    assert at_rt and record[RT_CONDUCTIVITY_KEY] == pytest.approx(at_rt[0].si)
    assert record[SIGMA_T] == lpscl.values("ionic_conductivity")[0].temperature


def test_the_first_value_at_room_temperature_is_taken_not_the_first_value() -> None:
    m = _electrolyte((0.2, 573.15), (1e-3, 300.0), (2e-3, 298.15))
    record = m.to_json_record()
    assert record[SIGMA] == pytest.approx(20.0) and record[SIGMA_T] == 573.15
    assert record[RT_CONDUCTIVITY_KEY] == pytest.approx(0.1)  # 1e-3 S/cm at 300 K, 1.85 K off


def test_a_value_without_a_temperature_counts_as_room_temperature() -> None:
    record = _electrolyte((1e-3, None)).to_json_record()
    assert record[SIGMA_T] is None  # not stated: no temperature is invented
    assert record[RT_CONDUCTIVITY_KEY] == pytest.approx(0.1)


def test_no_conductivity_no_conductivity_keys(store: MaterialStore) -> None:
    record = store.get("graphite").to_json_record()
    assert SIGMA not in record and SIGMA_T not in record and RT_CONDUCTIVITY_KEY not in record


def test_every_temperature_dependent_value_has_its_temperature(store: MaterialStore) -> None:
    for m in store.list():
        record = m.to_json_record()
        for name, spec in PROPERTIES.items():
            prop = m.get(name)
            if prop is None or not spec.temperature_dependent:
                assert temperature_key(name) not in record
            else:
                assert record[temperature_key(name)] == prop.temperature, (m.id, name)
        assert json.dumps(record)


def test_show_and_list_give_the_same_record(db: str, store: MaterialStore, capsys) -> None:
    """`materials show --json` had no room-temperature key; `list --json` added it alone."""
    args = ["--db", db]
    code, out, err = run(["materials", "show", "nzsp", "--json", *args], capsys)
    assert code == 0, err
    shown = json.loads(out)
    code, out, err = run(["materials", "list", "--json", *args], capsys)
    assert code == 0, err
    listed = {r["id"]: r for r in json.loads(out)}
    assert shown == listed["nzsp"]
    assert shown[SIGMA_T] == pytest.approx(573.15) and shown[RT_CONDUCTIVITY_KEY] is None
