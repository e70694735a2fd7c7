"""``measurement_record``: the one set of rules by which ``solidcell materials measure`` and
the dashboard's measure form turn typed text into the record ``add_measurement`` stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clirun import run
from solidcell.chemistry.conductivity import TEMPERATURE_ALLOWED
from solidcell.errors import ValidationError
from solidcell.materials.measurement import RECORD_FIELDS, measurement_record
from solidcell.materials.schema import MAX_TEMPERATURE_K, PROPERTIES, PropertyValue
from solidcell.materials.store import MaterialStore


@pytest.fixture(name="store", scope="module")
def _store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MaterialStore]:
    with MaterialStore(tmp_path_factory.mktemp("m") / "m.sqlite") as store:
        yield store


def test_a_number_and_unit_at_a_temperature() -> None:
    """25 degC is 298.15 K (the definition of the Celsius scale)."""
    record = measurement_record("ionic_conductivity", " 2.1 mS/cm ", "lab",
                                temperature="25 degC")
    assert record == {"name": "ionic_conductivity", "value": 2.1, "unit": "mS/cm",
                      "method": "measured", "source": "lab",
                      "temperature": pytest.approx(298.15)}


def test_a_text_property_keeps_its_text() -> None:
    assert measurement_record("air_stability", " forms H2S ", "lab")["text"] == "forms H2S"


def test_a_price_takes_its_year_as_a_number_or_a_text() -> None:
    for year in (2024, "2024", " 2024 "):
        assert measurement_record("price", "50 USD/kg", "q", year=year)["year"] == 2024


@pytest.mark.parametrize(("name", "value", "temperature", "year", "field", "why"), [
    ("colour", "1 g/cm3", None, None, "property", "allowed: ionic_conductivity, "),
    ("density", "2,1 g/cm3", None, None, "value", "a decimal point"),
    ("density", "dense", None, None, "value", "a number followed by its unit"),
    ("air_stability", "  ", None, None, "value", "air_stability takes a text"),
    ("density", "1 g/cm3", "hot", None, "temperature", "e.g. '25 degC'"),
    ("density", "1 g/cm3", "", None, "temperature", "e.g. '25 degC'"),
    ("density", "1 g/cm3", "-300 degC", None, "temperature", TEMPERATURE_ALLOWED),
    ("density", "1 g/cm3", "0 K", None, "temperature", TEMPERATURE_ALLOWED),
    ("density", "1 g/cm3", "5001 K", None, "temperature", TEMPERATURE_ALLOWED),
    ("density", "1 g/cm3", None, 2024, "year", "only a price has a year"),
    ("price", "50 USD/kg", None, None, "year", "a price needs the year"),
    ("price", "50 USD/kg", None, "20x4", "year", "a whole year"),
    ("price", "50 USD/kg", None, True, "year", "a whole year"),
])
def test_refusals_name_the_field_the_value_and_what_is_allowed(
        name: str, value: str, temperature: str | None, year: object, field: str,
        why: str) -> None:
    with pytest.raises(ValidationError) as info:
        measurement_record(name, value, "lab", temperature=temperature,
                           year=year)  # type: ignore[arg-type]
    exc = info.value
    assert exc.field == field and why in exc.allowed, str(exc)


def test_the_bound_of_a_stored_temperature_is_taken() -> None:
    record = measurement_record("density", "1 g/cm3", "lab", temperature=f"{MAX_TEMPERATURE_K} K")
    assert record["temperature"] == MAX_TEMPERATURE_K


_UNITS = st.sampled_from(["g/cm3", "mS/cm", "USD/kg", "K", "", "degC", "GPa", "mAh/g", "x"])
_NUMBERS = st.one_of(st.floats(), st.integers(-10**6, 10**6), st.just("2,5"))
_QUANTITIES = st.builds(lambda x, u: f"{x} {u}", _NUMBERS, _UNITS)
_TEXTS = st.one_of(st.text(max_size=20), _QUANTITIES)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.one_of(st.sampled_from(sorted(PROPERTIES)), st.text(max_size=12)),
       value=_TEXTS, temperature=st.one_of(st.none(), _TEXTS),
       year=st.one_of(st.none(), st.integers(-10**5, 10**5), st.text(max_size=6)))
def test_any_text_gives_a_record_or_names_one_of_the_four_fields(
        store: MaterialStore, name: str, value: str, temperature: str | None,
        year: int | str | None) -> None:
    """A record, which ``add_measurement`` stores or refuses by the record's model
    (PropertyValue: a unit of another quantity, a sign, the year's range), or a refusal
    naming one of the four typed fields; never another exception."""
    try:
        record = measurement_record(name, value, "test_input", temperature=temperature,
                                    year=year)
    except ValidationError as exc:
        assert exc.field in RECORD_FIELDS
        return
    assert record["name"] == name and ("year" in record) == (name == "price")
    try:
        store.add_measurement("llzo", record)
    except ValidationError:
        return  # the model's rules, as for any record (the CLI and the form map its field)
    stored = store.measurements("llzo")[-1][2]
    assert stored.name == name and stored.source == "test_input"


def test_the_record_is_the_one_the_cli_stores(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              open_store) -> None:
    """What `materials measure` stores is the function's record (one implementation)."""
    db = str(tmp_path / "c.sqlite")
    code, _, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                        "--value", "0.4 mS/cm", "--temperature", "25 degC", "--source", "lab",
                        "--db", db], capsys)
    assert code == 0, err
    [(_, _, stored)] = open_store(db).measurements("llzo")
    record = measurement_record("ionic_conductivity", "0.4 mS/cm", "lab",
                                temperature="25 degC")
    assert stored == PropertyValue.model_validate(record)
