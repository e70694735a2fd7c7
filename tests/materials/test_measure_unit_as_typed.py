"""A measurement's refused unit quotes the number as typed ('40 €/kg' was quoted as
'40.0 €/kg'), for every property with a unit, in ``materials measure`` and the dashboard's
measure form (both :func:`solidcell.materials.measurement.measurement_record`)."""

from __future__ import annotations

import pytest

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.materials.measurement import measurement_record
from solidcell.materials.schema import PROPERTIES, TEXT_PROPERTIES

WITH_UNIT = [n for n, spec in PROPERTIES.items()
             if n not in TEXT_PROPERTIES and spec.kind != "fraction"]


@pytest.mark.parametrize("name", WITH_UNIT)
def test_unknown_unit_quotes_typed_number(name: str) -> None:
    with pytest.raises(ValidationError) as info:
        measurement_record(name, "40 €/kg" if name != "price" else "40 €/kgx", "x",
                           year=2024 if name == "price" else None)
    err = info.value
    assert err.field == "value"
    assert "40.0" not in str(err)
    assert "'40 €/kg" in str(err)


def test_price_euro_quoted_as_typed() -> None:
    with pytest.raises(ValidationError) as info:
        measurement_record("price", "40 €/kg", "x", year=2024)
    # '€' is refused as a character of no unit pint reads (pint's tokenizer drops it:
    # '40 K€' was 40 K), naming the text as typed and the unit to write
    assert ("'40 €/kg' has '€' in its unit '€/kg', which is no part of a unit; expected a "
            "price unit such as 'USD/kg'") in str(info.value)


def test_other_kind_unit_quotes_typed_number() -> None:
    with pytest.raises(ValidationError) as info:
        measurement_record("price", "4e1 g/cm3", "x", year=2024)
    assert "'4e1 g/cm3' is a density" in str(info.value)


def test_cli_measure_quotes_typed_number(tmp_path, capsys) -> None:
    code, out, err = run(["materials", "measure", "llzo", "--property", "price", "--value",
                          "40 €/kg", "--source", "x", "--year", "2024", "--db",
                          str(tmp_path / "m.sqlite")], capsys)
    assert_one_line_error(code, out, err, "--value", "'40 €/kg'")
    assert "40.0" not in err
