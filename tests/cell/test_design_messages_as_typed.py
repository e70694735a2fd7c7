"""A design file's refusal names the key and the text the file wrote, also where the rule is
checked after unit conversion (``resolved()``): ``temperature: 200 degC`` above lithium's
melting point was refused as ``temperature_K: 473.15 ...`` and a thin foil as
``anode.thickness_m``. The converted number is kept, with the model's field name. The Python
API (SI floats under the SI names) is named as it is given."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.screening.screen import screen

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
TEXT = EV.read_text("utf-8")


def _with(old: str, new: str) -> str:
    """The EV example's YAML text with the one line ``old`` written as ``new``."""
    assert TEXT.count(old) == 1, old
    return TEXT.replace(old, new)


def _refusal(text: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        CellDesign.from_yaml(text).resolved()
    return info.value


# (line of the example, the line with one bad value, key, text as typed, words of the rule:
# the converted number with the model's field, then the rule). Every field with a unit a
# design has: thicknesses, porosity, loading, lengths of the format, mass, temperature,
# resistance, voltage (a design has no area or pressure field).
CASES = [
    # 200 degC = 473.15 K; lithium melts at 180.5 degC = 453.65 K (haynes2016_crc)
    ("temperature: 25 degC", "temperature: 200 degC", "temperature", "200 degC",
     "temperature_K = 473.15 K; must be below 453.65 K (180.5 degC), the melting "
     "temperature of li_metal (anode.material; haynes2016_crc)"),
    ("temperature: 25 degC", "temperature: -300 degC", "temperature", "-300 degC",
     "temperature_K = -26.85 K must lie in (0, 2000) K"),  # -300 + 273.15
    ("  thickness: 40 um", "  thickness: 0.002 mm", "anode.thickness", "0.002 mm",
     "anode.thickness_m = 2 um; gives N/P = "),
    ("  thickness: 40 um", "  thickness: 2 um", "anode.thickness", "2 um",
     "anode.thickness_m = 2 um; gives N/P = "),
    ("  thickness: 80 um", "  thickness: -80 um", "cathode.thickness", "-80 um",
     "cathode.thickness_m = -80 um; must be > 0 m and finite"),
    # below one particle diameter: the example's particle_radius 5 um gives 2 x r = 10 um
    ("  thickness: 80 um", "  thickness: 0.001 mm", "cathode.thickness", "0.001 mm",
     "cathode.thickness_m = 1 um; at least the active particle diameter 2 x r = 10 um"),
    ("  thickness: 80 um", "  thickness: 80 um\n  active_loading: 1 kg/m2",
     "cathode.active_loading", "1 kg/m2",
     "cathode.active_loading_kg_m2 = 1 kg/m2; disagrees with thickness_m = 80 um"),
    ("  porosity: 0.05", "  porosity: 100 %", "cathode.porosity", "100 %",
     "must lie in [0, 1)"),
    ("  coating_thickness: 10 nm", "  coating_thickness: -10 nm",
     "cathode.coating_thickness", "-10 nm",
     "cathode.coating_thickness_m = -0.01 um; must be >= 0 m"),
    ("  particle_radius: 5 um", "  particle_radius: -5 um", "cathode.particle_radius", "-5 um",
     "cathode.particle_radius_m = -5 um; must be > 0 m and finite"),
    ("  coating: linbo3", "  coating: linbo3\n  average_voltage: 9 V", "cathode.average_voltage",
     "9 V", "cathode.average_voltage_V = 9 V must lie in [-0.5, 7] V"),
    ("  thickness: 30 um", "  thickness: 0 um", "separator.thickness", "0 um",
     "separator.thickness_m = 0 um; must be > 0 m and finite"),
    ("{material: al_foil, thickness: 12 um}", "{material: al_foil, thickness: -12 um}",
     "cathode_current_collector.thickness", "-12 um",
     "cathode_current_collector.thickness_m = -12 um; must be > 0 m"),
    ("  electrode_width: 100 mm", "  electrode_width: -100 mm", "format.electrode_width",
     "-100 mm", "format.electrode_width_m = -100 mm; must be > 0 m and finite"),
    ("  casing_thickness: 100 um", "  casing_thickness: -1 um", "format.casing_thickness",
     "-1 um", "format.casing_thickness_m = -1 um; must be >= 0 m"),
    ("  tab_mass: 2 g", "  tab_mass: -2 g", "format.tab_mass", "-2 g",
     "format.tab_mass_kg = -0.002 kg; must be >= 0 kg"),
    ("temperature: 25 degC", "temperature: 25 degC\nfirst_cycle_loss: 100 %",
     "first_cycle_loss", "100 %", "must lie in [0, 1)"),
    ("temperature: 25 degC", "temperature: 25 degC\ncathode_interface_resistance: -1 Ohm cm2",
     "cathode_interface_resistance", "-1 Ohm cm2",
     "cathode_interface_resistance_ohm_m2 = -0.0001 Ohm m2; must be >= 0 Ohm m2"),
]


@pytest.mark.parametrize(("old", "new", "key", "typed", "words"), CASES,
                         ids=[c[2] + "=" + c[3] for c in CASES])
def test_a_file_s_refusal_names_its_key_and_text(old: str, new: str, key: str, typed: str,
                                                words: str) -> None:
    exc = _refusal(_with(old, new))
    assert (exc.field, exc.value) == (key, typed)
    assert exc.allowed.startswith(words), exc.allowed
    assert str(exc).startswith(f"{key}: {typed!r} is not allowed; {words}")


def test_a_cylindrical_layer_beyond_the_can_names_its_key() -> None:
    """(21 mm - 2 x 0.25 mm - 1 mm) / 2 = 9.75 mm of radial room; a 20 mm cathode is named
    as written, with the 20000 um the rule compares."""
    text = _with("  kind: pouch", "  kind: cylindrical\n  diameter: 21 mm\n  height: 70 mm\n"
                 "  mandrel_diameter: 1 mm")
    text = text.replace("  casing_thickness: 100 um", "  casing_thickness: 250 um")
    text = text.replace("  electrode_width: 100 mm\n  electrode_height: 200 mm\n", "")
    text = text.replace("  seal_width: 5 mm\n", "")
    text = text.replace("  thickness: 80 um", "  thickness: 20 mm")
    exc = _refusal(text)
    assert (exc.field, exc.value) == ("cathode.thickness", "20 mm")
    assert exc.allowed.startswith("cathode.thickness_m = 20000 um; must be below 9750 um")


@pytest.mark.parametrize(("changes", "field", "value"), [
    ({"temperature_K": 473.15}, "temperature_K", 473.15),
    ({"anode.thickness_m": 2e-6}, "anode.thickness_m", "2 um"),  # as before: in um
    ({"cathode.thickness_m": -8e-5}, "cathode.thickness_m", -8e-5),
])
def test_the_python_api_names_the_si_field(changes: dict, field: str, value: object) -> None:
    """SI floats under the SI names, as the user of the API typed them: no key renamed, no
    number repeated."""
    base = CellDesign.from_file(EV)
    with pytest.raises(ValidationError) as info:
        base.replace(**changes).resolved()
    assert (info.value.field, info.value.value) == (field, value)
    assert not info.value.allowed.startswith(f"{field} = ")


def test_a_mapping_with_si_keys_and_units_names_the_si_key() -> None:
    """``temperature_K: '200 degC'`` (the SI key with a unit) is named by that key and text."""
    exc = _refusal(_with("temperature: 25 degC", "temperature_K: 200 degC"))
    assert (exc.field, exc.value) == ("temperature_K", "200 degC")
    assert exc.allowed.startswith("temperature_K = 473.15 K; must be below 453.65 K")


def test_the_texts_as_given_are_no_part_of_the_design_s_value() -> None:
    """A design read from text equals the same design given in SI (equality, hash, dump)."""
    from_text = CellDesign.from_yaml(TEXT)
    from_si = CellDesign(**from_text.model_dump())
    assert from_text == from_si and hash(from_text) == hash(from_si)
    assert from_text.model_dump() == from_si.model_dump()
    assert "_given" not in from_text.model_dump()


def test_a_refusal_quotes_the_text_given_not_a_later_change_of_the_callers_mapping() -> None:
    # the design kept the caller's dict: changing it after construction changed what a
    # refusal of resolved() quoted (second reading, 2026-12-06)
    anode = {"kind": "li_metal", "thickness": "0.002 mm"}
    data = {**yaml.safe_load(TEXT), "anode": anode}
    design = CellDesign.from_dict(data)
    anode["thickness"] = "5 mm"
    with pytest.raises(ValidationError) as info:
        design.resolved()
    assert (info.value.field, info.value.value) == ("anode.thickness", "0.002 mm")


def test_a_screen_of_a_base_file_with_short_keys_still_stands_in_swept_values(
        tmp_path: Path) -> None:
    """A base file whose 5 um foil gives N/P < 1 with the foil swept: the rows are resolved with
    the swept values (the base's refusal, now named ``anode.thickness``, still names the swept
    ``anode.thickness_m``); 30 and 40 um feasible, 5 um not (N/P 0.215 against the example's
    80 um cathode, test_screen_swept_base)."""
    base = tmp_path / "thin.yaml"
    base.write_text(_with("  thickness: 40 um", "  thickness: 5 um"), "utf-8")
    table = screen({"base": str(base), "method": "grid",
                    "parameters": {"anode.thickness_m": {"values": ["30 um", "40 um", "5 um"]}}},
                   with_cost=False).table
    assert list(table["Feasible"]) == [True, True, False]


@pytest.mark.parametrize(("key", "field"), [
    ("anode.thickness", "anode.thickness_m"), ("temperature", "temperature_K"),
    ("temperature_K", "temperature_K"), ("cathode.active_loading", "cathode.active_loading_kg_m2"),
    ("format.interlayer_film.thickness", "format.interlayer_film.thickness_m"),
    ("cathode.porosity", "cathode.porosity"), ("cathode.nope", "cathode.nope"),
])
def test_model_path_maps_a_key_as_written_to_the_model_s_field(key: str, field: str) -> None:
    from solidcell.cell.design import model_path

    assert model_path(key) == field
