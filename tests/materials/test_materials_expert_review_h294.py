"""Expert review of the materials store and the conductivity model (2026-12-07, h294): what a
user saw before each fix, as a test."""

from __future__ import annotations

from pathlib import Path

import pytest

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.materials.schema import PropertyValue


def _cte(value: float, unit: str) -> dict:
    return {"name": "thermal_expansion", "value": value, "unit": unit, "method": "measured",
            "source": "lab"}


@pytest.mark.parametrize(("value", "unit"), [(8e-6, ""), (0.8, "%"), (8e-6, "1"),
                                             (8, "ppm/K")])
def test_thermal_expansion_needs_a_unit_per_kelvin(value: float, unit: str) -> None:
    """A coefficient of thermal expansion is per kelvin (dimension 1/K): '8e-6' with no unit
    and '0.8 %' were stored as 8e-6 and 8e-3 1/K, although docs/database.md says only
    fractions may omit their unit."""
    with pytest.raises(ValueError, match=r"thermal_expansion\.unit.*1/K"):
        PropertyValue(**_cte(value, unit))


@pytest.mark.parametrize("unit", ["1/K", "K-1", "/K"])
def test_thermal_expansion_in_per_kelvin_is_stored_as_given(unit: str) -> None:
    assert PropertyValue(**_cte(8e-6, unit)).si == pytest.approx(8e-6)


def test_thermal_expansion_stored_before_still_reads() -> None:
    """A row stored before the rule (unit '') is re-read as trusted and keeps its value:
    nothing stored is lost."""
    old = PropertyValue.model_validate(_cte(8e-6, ""), context={"trusted": True})
    assert old.si == pytest.approx(8e-6)


def test_measure_cli_refuses_a_bare_thermal_expansion(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "m.sqlite")
    code, out, err = run(["materials", "measure", "llzo", "--property", "thermal_expansion",
                          "--value", "0.8 %", "--source", "lab", "--db", db], capsys)
    assert_one_line_error(code, out, err, "--value", "1/K")
    code, out, err = run(["materials", "measure", "llzo", "--property", "thermal_expansion",
                          "--value", "8e-6 1/K", "--source", "lab", "--db", db], capsys)
    assert code == 0, err


def _user(mid: str, *props: dict) -> dict:
    return {"id": mid, "name": mid, "formula": "Li3PS4", "category": "electrolyte",
            "electrolyte_class": "sulfide", "properties": list(props)}


def _sigma(source: str, temperature: float, **kw: float) -> dict:
    return {"name": "ionic_conductivity", "unit": "mS/cm", "temperature": temperature,
            "method": "measured", "source": source, **kw}


def test_a_bound_only_is_not_called_no_conductivity(tmp_path: Path, open_store) -> None:
    """A material whose conductivity is only a bound ('> 1 mS/cm') was refused with 'this
    one has none'; the refusal now names the bound it has."""
    from solidcell.chemistry.conductivity import conductivity_at

    with open_store(str(tmp_path / "b.sqlite")) as store:
        mat = store.add(_user("bound_only", _sigma("lab", 298.15, min=1.0)))
    with pytest.raises(ValidationError) as info:
        conductivity_at(mat, 298.15)
    assert info.value.field == "material"
    assert "only a bound" in info.value.allowed and ">1 mS/cm" in info.value.allowed


def test_one_value_refusal_names_the_values_of_other_sources(tmp_path: Path,
                                                             open_store) -> None:
    """Values at 25 and 60 degC from two laboratories were refused as 'has one conductivity
    value' without saying why the 60 degC one did not count (only the first value's source is
    combined: docs/materials-data.md)."""
    from solidcell.chemistry.conductivity import conductivity_at

    with open_store(str(tmp_path / "s.sqlite")) as store:
        mat = store.add(_user("two_labs", _sigma("labA", 298.15, value=1.0),
                              _sigma("labB", 333.15, value=3.0)))
    with pytest.raises(ValidationError) as info:
        conductivity_at(mat, 313.15)
    assert "333.15 K (labB)" in info.value.allowed and "labA" in info.value.allowed
    # the value of the first source at its own temperature is still given
    assert float(conductivity_at(mat, 298.15).ionic_conductivity_S_m) == pytest.approx(0.1)


@pytest.mark.parametrize(("typed", "owner"), [("LPSCl", "li6ps5cl"), ("LGPS", "lgps"),
                                              ("NMC811", "nmc811"), ("lpscl", "li6ps5cl")])
def test_an_alias_typed_as_an_id_names_its_material(typed: str, owner: str,
                                                    capsys) -> None:
    """The curated aliases (LPSCl of li6ps5cl) were not used: 'LPSCl' was answered with "did
    you mean lsipscl, li6ps5cl" (another electrolyte first). The alias's material is named,
    in the store's wording that the app and `window` pass on ("; did you mean ...?")."""
    from solidcell.errors import NotFoundError
    from solidcell.materials import get

    with pytest.raises(NotFoundError) as info:
        get(typed)
    assert f"did you mean {owner}? ({typed!r} is its alias, not an id)" in str(info.value)
    code, out, err = run(["conductivity", typed], capsys)
    assert_one_line_error(code, out, err, f"did you mean {owner}?")


def test_a_typo_that_is_no_alias_keeps_the_close_ids() -> None:
    from solidcell.errors import NotFoundError
    from solidcell.materials import get

    with pytest.raises(NotFoundError, match="did you mean llzo, llzo_ta, llto"):
        get("llzx")


def test_show_says_the_mobile_ion_and_the_material_note(capsys) -> None:
    """`materials show nzsp` gave 0.2 S/cm without saying it is a Na+ conductor, and no output
    showed a material's own note (li_in: its capacity and density are per gram of In)."""
    code, out, err = run(["materials", "show", "nzsp"], capsys)
    assert code == 0, err
    assert "mobile ion: Na+" in out
    code, out, err = run(["materials", "show", "li_in"], capsys)
    assert code == 0, err
    assert "note: " in out and "indium host" in out
    assert "exchanged ions per formula unit: 1" in out and "aliases: Li-In, LiIn" in out
    code, out, _ = run(["materials", "show", "llzo"], capsys)
    assert "mobile ion" not in out  # Li, the default, is not repeated


def test_json_record_carries_what_the_table_shows(capsys) -> None:
    """`materials show peo_llzo_15wt` printed its components, its --json did not; the mobile
    ion, exchanged ions, aliases, remarks and note were missing from the JSON too."""
    import json

    code, out, err = run(["materials", "show", "peo_llzo_15wt", "--json"], capsys)
    assert code == 0, err
    record = json.loads(out)
    assert record["components"] == [
        {"material": "peo_litfsi", "fraction": 0.85, "basis": "mass"},
        {"material": "llzo", "fraction": 0.15, "basis": "mass"}]
    assert record["mobile_ion"] == "Li" and record["exchanged_ions"] is None
    assert "Zhao" in record["note"]
    assert record["advantages"][0]["source"] in record["sources"]
    code, out, _ = run(["materials", "list", "--json"], capsys)
    by_id = {r["id"]: r for r in json.loads(out)}
    assert by_id["nzsp"]["mobile_ion"] == "Na" and by_id["lto"]["exchanged_ions"] == 3
    assert "LPSCl" in by_id["li6ps5cl"]["aliases"]
    assert "components" not in by_id["llzo"]  # only where the material gives them


def test_moduli_and_toughness_against_the_abstracts_read() -> None:
    """Values read on 2026-12-07 in the sources' abstracts: ni2012 'the Young's modulus was
    149.8 +- 0.4 GPa (P = 0.03)' of Al-stabilised Li6.24La3Zr2Al0.24O11.98 (the note now says
    it is not the undoped garnet of the entry's formula); hu2021_llzto_toughness 'elastic
    modulus ... 158.47 +- 10.10 GPa ... fracture toughness increases from 0.44 to 1.51
    MPa m1/2' (98 % dense LLZTO); jackman2012_latp 'Young's modulus (81-115 GPa)'."""
    from solidcell.materials import get

    e_llzo = get("llzo").get("youngs_modulus")
    assert (e_llzo.value, e_llzo.unit, e_llzo.source) == (149.8, "GPa", "ni2012")
    assert "Li6.24La3Zr2Al0.24O11.98" in e_llzo.note and "0.03" in e_llzo.note
    assert "Al-stabilised" in get("llzo").get("shear_modulus").note
    llzto = get("llzo_ta")
    assert llzto.si("youngs_modulus") == pytest.approx(158.47e9)
    assert llzto.si("fracture_toughness") == pytest.approx(1.51e6)
    assert get("latp").get("youngs_modulus").si_range == pytest.approx((81e9, 115e9))


def test_a_negative_range_is_not_written_with_a_double_dash() -> None:
    """`materials show` wrote a shrinkage of -5 to -1 % as '-5--1 %'."""
    shrink = PropertyValue(name="volume_change", min=-5, max=-1, unit="%", method="measured",
                           source="lab")
    assert shrink.describe().startswith("-5 to -1 %")
    grow = PropertyValue(name="volume_change", min=1, max=2, unit="%", method="measured",
                         source="lab")
    assert grow.describe().startswith("1-2 %")


def test_measure_without_temperature_says_it_counts_as_room_temperature(
        tmp_path: Path, capsys) -> None:
    """A conductivity typed without --temperature was stored as a room-temperature value
    without a word (queries and `solidcell conductivity` take it at 298.15 K)."""
    db = str(tmp_path / "t.sqlite")
    code, out, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                          "--value", "0.5 mS/cm", "--source", "lab", "--db", db], capsys)
    assert code == 0 and out.startswith("added measurement")
    assert "no --temperature given" in err and "298.15 K" in err
    code, out, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                          "--value", "0.6 mS/cm", "--source", "lab", "--temperature", "60 degC",
                          "--db", db], capsys)
    assert code == 0 and "no --temperature given" not in err
    code, out, err = run(["materials", "measure", "llzo", "--property", "density",
                          "--value", "5 g/cm3", "--source", "lab", "--db", db], capsys)
    assert code == 0 and "no --temperature given" not in err  # density: no temperature needed
