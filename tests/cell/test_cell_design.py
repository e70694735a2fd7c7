"""CellDesign: YAML/JSON round trips, units at the edge, and bad designs naming the field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cellhelpers import ref1_design
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError

FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_yaml_and_json_round_trip(ref1):
    assert CellDesign.from_yaml(ref1.to_yaml()) == ref1
    assert CellDesign.from_json(ref1.to_json()) == ref1


def test_units_at_the_edge_give_si_floats(ref1):
    assert ref1.cathode.thickness_m == pytest.approx(100e-6)
    d = ref1.replace(**{"separator.thickness_m": "0.03 mm", "temperature_K": "60 degC"})
    assert d.separator.thickness_m == pytest.approx(30e-6)
    assert d.temperature_K == pytest.approx(333.15)


def test_json_schema_names_si_fields():
    schema = CellDesign.model_json_schema()
    text = json.dumps(schema)
    for name in ("thickness_m", "active_loading_kg_m2", "temperature_K", "np_ratio"):
        assert name in text


def test_derived_quantities_of_ref1(ref1):
    """SSB-REF-1 (source: solidcell_energy_cases): loading 30.875 mg/cm2, 6.175 mAh/cm2."""
    rd = ref1.resolved()
    assert rd.cathode_active_loading_kg_m2 == pytest.approx(0.30875)
    assert rd.areal_capacity_mAh_cm2 == pytest.approx(6.175)
    assert rd.cathode_active_volume_fraction == pytest.approx(0.65)
    assert rd.cathode_electrolyte_volume_fraction == pytest.approx(0.35)
    assert rd.cell_voltage_V == pytest.approx(3.8)
    # 30 um of Li hold 30e-4 cm * 0.534 g/cm3 * 3862 mAh/g = 6.186 mAh/cm2
    assert rd.np_ratio == pytest.approx(1.0018, rel=1e-3)


def test_loading_and_thickness_must_agree(ref1):
    # both given (a whole section: replace of one field sizes the cathode by it alone)
    cathode = ref1.cathode.model_dump()
    ok = ref1.replace(cathode={**cathode, "active_loading_kg_m2": "30.875 mg/cm2"})
    assert ok.cathode.thickness_m == ref1.cathode.thickness_m
    assert ok.cathode.active_loading_kg_m2 is not None
    assert ok.resolved().cathode_thickness_m == pytest.approx(100e-6)
    only_loading = ref1.replace(**{"cathode.thickness_m": None,
                                   "cathode.active_loading_kg_m2": "30.875 mg/cm2"})
    assert only_loading.resolved().cathode_thickness_m == pytest.approx(100e-6)
    bad = ref1.replace(cathode={**cathode, "active_loading_kg_m2": "20 mg/cm2"})
    with pytest.raises(ValidationError) as err:
        bad.resolved()
    assert err.value.field == "cathode.active_loading_kg_m2"


def test_mass_fractions_convert_to_volume(materials):
    d = ref1_design(**{"cathode.fraction_basis": "mass", "cathode.active_fraction": 0.8,
                       "cathode.electrolyte_fraction": 0.2})
    rd = d.resolved()
    v_am, v_se = 0.8 / 4.75, 0.2 / 1.86
    assert rd.cathode_active_volume_fraction == pytest.approx(v_am / (v_am + v_se))


@pytest.mark.parametrize(("changes", "field"), [
    ({"cathode.thickness_m": 0.0}, "cathode.thickness_m"),
    ({"cathode.thickness_m": "-5 um"}, "cathode.thickness_m"),
    ({"separator.thickness_m": 0}, "separator.thickness_m"),
    ({"cathode.active_fraction": 0.9}, "cathode.active_fraction"),
    ({"cathode.porosity": 1.0}, "cathode.porosity"),
    ({"cathode.electrolyte_fraction": -0.1}, "cathode.electrolyte_fraction"),
    ({"anode.np_ratio": 0.8}, "anode.np_ratio"),
    ({"format.n_layers": 0}, "format.n_layers"),
    ({"temperature_K": -10}, "temperature_K"),
    ({"separator.thickness_m": "30 kg"}, "separator.thickness_m"),
    ({"anode.kind": "unobtainium"}, "anode.kind"),
    ({"architecture.cells_in_series": 3}, "architecture.cells_in_series"),
])
def test_bad_designs_name_the_field(ref1, changes, field):
    with pytest.raises(ValidationError) as err:
        ref1.replace(**changes)
    assert err.value.field == field


def test_thin_foil_gives_np_below_one(ref1):
    with pytest.raises(ValidationError) as err:
        ref1.replace(**{"anode.thickness_m": "10 um"}).resolved()
    assert err.value.field == "anode.thickness_m"
    assert "N/P" in str(err.value)


def test_unknown_material_id_names_the_field(ref1):
    with pytest.raises(ValidationError) as err:
        ref1.replace(**{"separator.electrolyte": "no_such_material_xyz"}).resolved()
    assert err.value.field == "separator.electrolyte"


def test_bad_yaml_and_missing_file():
    with pytest.raises(ValidationError):
        CellDesign.from_yaml("cathode: [unclosed")
    with pytest.raises(ValidationError):
        CellDesign.from_file("/nonexistent/design.yaml")
    with pytest.raises(ValidationError):
        CellDesign.from_yaml("- just\n- a list\n")


def test_replace_does_not_mutate(ref1):
    before = ref1.to_dict()
    ref1.replace(**{"cathode.thickness_m": 50e-6})
    assert ref1.to_dict() == before


@FAST
@given(x=st.floats(allow_nan=True, allow_infinity=True).filter(lambda v: not v > 0)
       | st.floats(min_value=-1e3, max_value=0.0))
def test_any_non_positive_thickness_is_rejected(x):
    design = ref1_design()
    for field in ("cathode.thickness_m", "separator.thickness_m",
                  "cathode_current_collector.thickness_m"):
        with pytest.raises(ValidationError) as err:
            design.replace(**{field: x})
        assert err.value.field == field


@FAST
# valid pairs (random floats almost never sum to 1: none of 100 draws did) and the edges
@example(a=0.65, e=0.35)
@example(a=1.0, e=0.0)
@example(a=0.0, e=1.0)
@example(a=0.7, e=0.31)
@example(a=1.2, e=-0.2)
@given(a=st.floats(0, 2), e=st.floats(0, 2))
def test_fractions_must_lie_in_0_1_and_sum_to_1(a, e):
    design = ref1_design()
    changes = {"cathode.active_fraction": a, "cathode.electrolyte_fraction": e}
    valid = 0 < a <= 1 and 0 <= e <= 1 and abs(a + e - 1) <= 1e-6
    if valid:
        cathode = design.replace(**changes).cathode
        assert (cathode.active_fraction, cathode.electrolyte_fraction) == (a, e)
    else:
        with pytest.raises(ValidationError) as err:
            design.replace(**changes)
        assert err.value.field.startswith("cathode.")


def test_model_validate_raises_solidcell_errors(ref1):
    data = ref1.to_dict()
    assert CellDesign.model_validate(data) == ref1
    data["separator"]["thickness_m"] = -1.0
    with pytest.raises(ValidationError) as err:
        CellDesign.model_validate(data)
    assert err.value.field == "separator.thickness_m"
    with pytest.raises(ValidationError):
        CellDesign.model_validate_json(json.dumps(data))


def test_a_file_that_is_not_a_mapping_is_named(tmp_path) -> None:
    """A Markdown or list file used to give "design: 'str' is not allowed", without the file."""
    for name, text in (("notes.md", "# just a heading\nsome text\n"), ("list.yaml", "- a\n- b\n")):
        path = tmp_path / name
        path.write_text(text)
        with pytest.raises(ValidationError, match=re.escape(str(path)[:80])) as info:
            CellDesign.from_yaml(path)
        assert "mapping of fields" in str(info.value)


def test_short_keys_need_a_unit_and_si_keys_take_plain_numbers() -> None:
    """`thickness: 80` used to be read as 80 m; `thickness_m: "2e-4"` (YAML reads 2e-4 without a
    decimal point as text) was refused as dimensionless."""
    base = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
    text = base.read_text()
    for bad in ("thickness: 80", "thickness: '2e-4'"):
        with pytest.raises(ValidationError, match="has no unit") as info:
            CellDesign.from_yaml(text.replace("thickness: 80 um", bad, 1))
        assert "cathode.thickness" in str(info.value)
    with pytest.raises(ValidationError, match="temperature_K for a plain number in K"):
        CellDesign.from_yaml(text.replace("temperature: 25 degC", "temperature: 298.15"))
    as_text = CellDesign.from_yaml(text.replace("thickness: 80 um", "thickness_m: 8e-5", 1))
    as_unit = CellDesign.from_yaml(text)
    assert as_text.cathode.thickness_m == pytest.approx(as_unit.cathode.thickness_m) == 8e-5


def test_from_file_takes_yaml_or_json_files_only(tmp_path) -> None:
    """The CLI refused a .txt design while CellDesign.from_file read it as YAML."""
    text = (Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
            ).read_text()
    (tmp_path / "design.txt").write_text(text)
    for path, why in ((tmp_path / "design.txt", ".yaml"), (tmp_path, "is a folder"),
                      (tmp_path / "missing.yaml", "existing")):
        with pytest.raises(ValidationError, match=re.escape(why)):
            CellDesign.from_file(path)
    (tmp_path / "design.yml").write_text(text)
    assert CellDesign.from_file(tmp_path / "design.yml").name


@pytest.mark.parametrize("thickness", [1e302, 1e200 * 1e100])
def test_a_cathode_too_thick_for_a_float_is_refused_by_name(thickness):
    """A thickness whose areal capacity overflows (1e302 m of NMC) was reported as "N/P = 0
    against the cathode's inf mAh/cm2"; it is refused on the thickness itself (on a format
    wider than the layer: a stacked cell refuses a layer as thick as its electrode is wide
    first, test_cell_geometry_sanity.py)."""
    from solidcell.cell.energy import evaluate

    data = ref1_design().to_dict()
    data["cathode"]["thickness_m"] = thickness
    data["format"].update(electrode_width_m=1e305, electrode_height_m=1e305)
    if thickness == float("inf"):
        with pytest.raises(ValidationError, match=r"cathode\.thickness_m"):
            CellDesign.model_validate(data)
        return
    with pytest.raises(ValidationError, match="beyond the range of a float") as err:
        evaluate(CellDesign.model_validate(data))
    assert err.value.field == "cathode.thickness_m"
