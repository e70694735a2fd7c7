"""An electrolyte's formula holds the ion it conducts (H323).

``mobile_ion`` defaults to Li. A user's Na3PS4 added without ``mobile_ion: Na`` was stored as a
Li+ conductor, and ``solidcell ccd`` gave it a lithium-plating CCD, where it refuses the curated
na3ps4 ("na3ps4 conducts Na+, and the model plates lithium"); an electrolyte La2Zr2O7, which
holds no mobile ion at all, was stored as well. Both are refused now, naming the field, the
value and what is allowed; electrodes keep formulas without their ion (S, FePO4), and a
material stored before is read as it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clirun import run
from solidcell.errors import ValidationError
from solidcell.materials.curated import curated_materials
from solidcell.materials.schema import Material

SOURCE = "my-lab-2026"


def _electrolyte(formula: str, **extra: object) -> dict[str, object]:
    return {"id": "my_sulfide", "name": "mine", "formula": formula, "category": "electrolyte",
            "electrolyte_class": "sulfide", "origin": "user", **extra,
            "properties": [{"name": "ionic_conductivity", "value": 0.2, "unit": "mS/cm",
                            "temperature": "25 degC", "method": "measured", "source": SOURCE}]}


def test_every_curated_electrolyte_formula_holds_its_mobile_ion() -> None:
    from solidcell.chemistry.composition import parse_composition

    for m in curated_materials():
        if m.category == "electrolyte" and m.formula is not None:
            elements = {str(el) for el in parse_composition(m.formula).elements}
            assert m.mobile_ion in elements, m.id


def test_a_sodium_conductor_without_its_mobile_ion_is_refused_naming_it() -> None:
    with pytest.raises(ValidationError) as info:
        Material.model_validate(_electrolyte("Na3PS4"))
    assert info.value.field == "mobile_ion"
    text = str(info.value)
    assert "'Li'" in text and "Na3PS4" in text and ": Na" in text


def test_a_sodium_conductor_with_its_mobile_ion_is_taken() -> None:
    assert Material.model_validate(_electrolyte("Na3PS4", mobile_ion="Na")).mobile_ion == "Na"


def test_an_electrolyte_without_any_mobile_ion_is_refused_naming_the_formula() -> None:
    with pytest.raises(ValidationError) as info:
        Material.model_validate(_electrolyte("La2Zr2O7"))
    assert info.value.field == "formula"
    assert "La2Zr2O7" in str(info.value) and "Li, Na, K, Mg, Zn" in str(info.value)


@pytest.mark.parametrize("formula", ["S", "FePO4", "Si"])
def test_electrodes_keep_formulas_without_their_ion(formula: str) -> None:
    record = {"id": "my_host", "name": "host", "formula": formula, "category": "cathode",
              "origin": "user"}
    assert Material.model_validate(record).formula == formula


def test_a_stored_material_is_read_as_it_is() -> None:
    """A row written before the rule still opens (the store reads its rows as trusted)."""
    m = Material.model_validate(_electrolyte("Na3PS4"), context={"trusted": True})
    assert m.mobile_ion == "Li"


def test_cli_add_refuses_and_writes_nothing(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "na.yaml"
    path.write_text("id: my_nps\nname: My Na3PS4\nformula: Na3PS4\ncategory: electrolyte\n"
                    "electrolyte_class: sulfide\nproperties:\n"
                    "  - {name: ionic_conductivity, value: 0.2, unit: mS/cm, "
                    f"temperature: 25 degC, method: measured, source: {SOURCE}}}\n")
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "db.sqlite"))
    code, out, err = run(["materials", "add", str(path)], capsys)
    assert code == 2 and out == ""
    assert "mobile_ion: 'Li' is not allowed" in err and "Traceback" not in err
    code, out, _ = run(["materials", "list", "--origin", "user"], capsys)
    assert "my_nps" not in out
    code, out, err = run(["ccd", "my_nps", "--flaw-size", "5 um"], capsys)
    assert code == 2 and "my_nps" in err
