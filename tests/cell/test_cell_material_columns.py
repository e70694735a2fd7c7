"""Rows of ``evaluate_many`` given a mapping of arrays hold the Material schema's bounds on the
columns that come from a material (``MATERIAL_COLUMNS``: densities, capacities, voltages,
conductivities, diffusivity): a row whose number the schema refuses (NaN, inf, a zero or
negative density, ...) is infeasible with reason 12 (a NaN density or a 0 S/m separator was
evaluated, reason 0), and a row agrees with ``evaluate`` of the design whose material (or
design field) carries that number: refused where the schema or the design model refuses it,
the same numbers where it accepts it. A conductivity or diffusivity given as NaN is "not
known", as ``evaluate`` of a material without one (no power, no diffusion limit)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from exampledesigns import example
from solidcell.cell.energy import (
    DEFAULT_POLARISATION_V,
    MATERIAL_COLUMNS,
    PARAMETERS,
    REASONS,
    design_parameters,
    evaluate,
    evaluate_many,
)
from solidcell.errors import SolidcellError
from solidcell.materials import resolve
from solidcell.materials.schema import PROPERTIES, Material

KEYS = ("Cell gravimetric energy density [W.h.kg-1]", "Stack areal mass [kg.m-2]",
        "Cell volumetric energy density [W.h.L-1]", "Cell specific power [W.kg-1]",
        "Maximum C-rate [h-1]")

#: column -> (example, design field, material copied into the field with the property set,
#: or None: the number goes into the design field itself)
CASES: dict[str, tuple[str, str, str | None]] = {
    "cathode_collector_density_kg_m3": ("ev-nmc811-lpscl-li",
                                        "cathode_current_collector.material", "al_foil"),
    "anode_collector_density_kg_m3": ("ev-nmc811-lpscl-li", "anode_current_collector.material",
                                      "cu_foil"),
    # no separator porosity: the row's density is the material's
    "separator_density_kg_m3": ("ev-nmc811-lpscl-li", "separator.electrolyte", "li6ps5cl"),
    "substrate_density_kg_m3": ("thin-film-lco-lipon-li", "format.substrate", "mica"),
    "li_density_kg_m3": ("anode-free-nmc811-lpscl", "anode.material", "li_metal"),
    "separator_conductivity_S_m": ("ev-nmc811-lpscl-li", "separator.electrolyte", "li6ps5cl"),
    "active_diffusivity_m2_s": ("ev-nmc811-lpscl-li", "cathode.active_material", "nmc811"),
    "cathode_electrolyte_conductivity_S_m": ("ev-nmc811-lpscl-li", "cathode.electrolyte",
                                             "li6ps5cl"),
    "bipolar_collector_density_kg_m3": ("bipolar-nmc811-lpscl-li",
                                        "architecture.bipolar_collector.material", "ss_foil"),
    # the design's overrides of the active material's numbers
    "cathode_voltage_V": ("ev-nmc811-lpscl-li", "cathode.average_voltage_V", None),
    "cathode_capacity_Ah_kg": ("ev-nmc811-lpscl-li", "cathode.specific_capacity_mAh_g", None),
    # a casing given by its density (> 0, no upper bound: Format._LIMITS)
    "casing_density_kg_m3": ("ev-nmc811-lpscl-li", "format.casing_density_kg_m3", None),
}


def with_property(material_id: str, prop: str, x: float) -> Material | None:
    """A copy of the material (another id) whose ``prop`` is ``x`` alone, in its canonical
    unit at 25 degC; without ``prop`` for NaN ("not known"); None: the schema refuses it."""
    data = resolve(material_id).model_dump()
    kept = [p for p in data["properties"] if p["name"] != prop]
    source = data["properties"][0]["source"]
    if not math.isnan(x):
        spec = PROPERTIES[prop]
        from solidcell import units

        kept.append({"name": prop, "value": x, "unit": units.KINDS[spec.kind],
                     "temperature": 298.15 if spec.temperature_dependent else None,
                     "method": "measured", "source": source})
    data.update(id=f"{material_id}-x", properties=kept, origin="user", aliases=[])
    try:
        return Material.model_validate(data)
    except (SolidcellError, ValueError):
        return None


def scalar(column: str, x: float) -> dict[str, float] | None:
    """evaluate's numbers of the example with ``x`` in the column's material or field; None:
    refused (by the schema, the design model or a reason)."""
    name, field, material = CASES[column]
    if material is None:
        value: Any = x
    else:
        value = with_property(material, MATERIAL_COLUMNS[column][0], x)
        if value is None:
            return None
    try:
        out = evaluate(example(name).replace(**{field: value}))
    except SolidcellError:
        return None
    return None if out.reason else {k: out[k] for k in KEYS}


def row(column: str, x: float) -> tuple[int, dict[str, float]]:
    params = design_parameters(example(CASES[column][0]).resolved())
    batch = evaluate_many({**params, column: np.array([x, x])})
    return int(batch["Reason code"][0]), {k: float(batch[k][0]) for k in KEYS}


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-9)


@pytest.mark.parametrize("column", sorted(CASES))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.floats(-1.0, 2e4), st.sampled_from([0.0, -0.0, 1e-300, 7.0, 1e4, 3e4])))
def test_a_material_row_is_refused_as_the_scalar_design(column: str, x: float) -> None:
    prop, bounds, _, _ = MATERIAL_COLUMNS[column]
    top = PROPERTIES[prop].upper
    # a conductivity at the design temperature is Arrhenius' value, not a datum: the row
    # holds it to the schema's lower bound only (a datum above 1e4 S/m is refused)
    assume(bounds == "range" or CASES[column][2] is None or top is None or not x > top)
    # a cell voltage at or below the allowed polarisation: evaluate refuses the argument, a
    # row has no power and keeps its energy (docs/cell.md, Vectorised): not this rule
    assume(column != "cathode_voltage_V" or not 0 < x <= DEFAULT_POLARISATION_V)
    code, got = row(column, x)
    want = scalar(column, x)
    assert (code == 0) == (want is not None), (column, x, code, REASONS[code])
    if want is None:
        return
    for key in KEYS:
        assert same(got[key], want[key]), (column, x, key, got[key], want[key])


@pytest.mark.parametrize("column", sorted(MATERIAL_COLUMNS))
def test_each_material_column_refuses_what_the_schema_refuses(column: str) -> None:
    """On a row that reads the column (a mapping that covers every row mask), inf, -inf, the
    schema's lower bound where it is exclusive, and below it, are reason 12; NaN is reason 12
    unless the column's NaN means "not known"."""
    prop, bounds, _, nan_allowed = MATERIAL_COLUMNS[column]
    spec = PROPERTIES[prop]
    params = {**design_parameters(example("ev-nmc811-lpscl-li").resolved()),
              # rows that read every column: a charged bipolar composite-anode thin film
              "architecture": 1.0, "cells_in_series": 2.0, "anode_kind": 3.0,
              "anode_electrolyte_volume_fraction": 0.3, "excess_li_thickness_m": 1e-7,
              "format": 3.0, "substrate_thickness_m": 1e-5, "interlayer_film_thickness_m": 1e-6,
              "interlayer_film_every": 1.0, "charged": 1.0,
              # in-range densities of the parts the example lacks (any the schema accepts)
              "substrate_density_kg_m3": design_parameters(example(
                  "thin-film-lco-lipon-li").resolved())["substrate_density_kg_m3"],
              "interlayer_film_density_kg_m3": 1000.0}
    base = int(evaluate_many({**params, column: np.array([params[column]] * 2)})[
        "Reason code"][0])
    assert base != 12, column
    bad = [math.inf, -math.inf, spec.lower - 1.0]
    if not spec.lower_inclusive:
        bad.append(spec.lower)
    if bounds == "range" and spec.upper is not None:
        bad.append(spec.upper * 1.001)
    if not nan_allowed:
        bad.append(math.nan)
    codes = evaluate_many({**params, column: np.array(bad)})["Reason code"].tolist()
    assert codes == [12] * len(bad), (column, bad, codes)
    if nan_allowed:
        code = evaluate_many({**params, column: np.array([math.nan] * 2)})["Reason code"][0]
        assert int(code) == base, column


def test_a_row_not_reading_a_column_is_not_refused_for_it() -> None:
    """A pouch has no substrate, a cell without casing no casing density, a planar cell no
    bipolar collector, a discharged lithium-metal cell reads no lithium density (evaluate
    reads none there; a partial mapping leaves them 0 or NaN)."""
    params = design_parameters(example("ev-nmc811-lpscl-li").resolved())
    for column, x in (("substrate_density_kg_m3", math.nan),
                      ("bipolar_collector_density_kg_m3", -1.0),
                      ("li_density_kg_m3", math.nan), ("li_capacity_Ah_kg", 0.0),
                      ("anode_electrolyte_conductivity_S_m", -1.0)):
        code = evaluate_many({**params, column: np.array([x, x])})["Reason code"][0]
        assert int(code) == 0, column
    no_casing = {**params, "casing_thickness_m": 0.0}
    assert int(evaluate_many({**no_casing, "casing_density_kg_m3": np.array([0.0])})[
        "Reason code"][0]) == 0


def test_every_material_column_is_a_parameter_and_a_schema_property() -> None:
    for column, (prop, bounds, _, _) in MATERIAL_COLUMNS.items():
        assert column in PARAMETERS and prop in PROPERTIES and bounds in ("range", "lower")
    assert "material schema" in REASONS[12]
