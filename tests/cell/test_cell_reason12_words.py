"""Reason 12's detail says a number as the scalar design says it: for every family of rules
(the design model's own number rules, its integer counts, a thin film's substrate and
cathode, the numbers refused together, the derived fractions and a pack's count, the
materials' numbers a design may override) the detail names the field the scalar design's
ValidationError names (a derived quantity: the field it is derived from, first), and shows
the value as that refusal shows it (cell.design ``shown_number``, one helper: a thickness in
um, a format's side in mm, a voltage in V, a count or fraction as the number). Typing the
shown text into the design gives the same refusal, in the same words."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell import units
from solidcell.cell.design import (
    HEADSPACE_ALLOWED,
    INTEGER_LIMITS,
    PLANE_ALLOWED,
    REPEAT_UNIT_RULE,
    SEAL_ALLOWED,
    THIN_FILM_MAX_CATHODE_M,
    CellDesign,
    _kind_of,
    shown_number,
)
from solidcell.cell.energy import (
    FIELDS,
    LIMITS,
    OffLimit,
    core,
    design_parameters,
    off_limits,
)
from solidcell.errors import ValidationError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_CACHE: dict[str, Any] = {}

#: a pack, as examples/ev-nmc811-lpscl-li.yaml could give one (its numbers only a valid input)
PACK = {"cells_in_series": 96, "cells_in_parallel": 2, "mass_efficiency": 0.8,
        "volume_efficiency": 0.6, "busbar_mass_kg": 0.01, "source": "test input"}
#: an interlayer film between groups of 2 of the EV example's 20 repeat units
FILM = {"material": "polyimide", "thickness_m": 4e-5, "every": 2}
#: the EV example's layers wound in a can (an 18650-like size, a valid input)
CAN = {"kind": "cylindrical", "diameter_m": 0.021, "height_m": 0.07,
       "casing_material": "al_foil", "casing_thickness_m": 3e-4}


def design(name: str) -> CellDesign:
    """An example design; "ev+pack", "ev+film", "ev+can": the EV example with a pack, a
    film or wound in a can."""
    if name not in _CACHE:
        stem, _, extra = name.partition("+")
        d = CellDesign.from_yaml(EXAMPLES / f"{stem}.yaml")
        if extra == "pack":
            d = d.replace(pack=PACK)
        elif extra == "film":
            d = d.replace(**{"format.interlayer_film": FILM})
        elif extra == "can":
            d = d.replace(format=CAN)
        _CACHE[name] = d
    return _CACHE[name]


def params(name: str) -> dict[str, Any]:
    key = f"params:{name}"
    if key not in _CACHE:
        _CACHE[key] = design_parameters(design(name).resolved())
    return _CACHE[key]


def row(name: str, column: str, x: float) -> tuple[int, OffLimit | None]:
    """The reason code and detail of the example's row with ``column`` set to ``x``."""
    p = {**params(name), column: x}
    return int(core(p)["Reason code"]), off_limits(p)[0]


def refusal(name: str, path: str, x: Any, resolve: bool = False) -> ValidationError | None:
    """The scalar design's ValidationError for ``path`` set to ``x`` (None: accepted)."""
    try:
        d = design(name).replace(**{path: x})
        if resolve:
            d.resolved()
    except ValidationError as exc:
        return exc
    return None


def design_shown(exc: ValidationError) -> Any:
    """The value of a design refusal as the design shows a number it checks (a typed or
    resolved text as it is; a number given, through cell.design ``shown_number``)."""
    return exc.value if isinstance(exc.value, str) else shown_number(exc.field, exc.value)


def typed_back(name: str, found: OffLimit, resolve: bool = False, words: bool = True) -> None:
    """The shown text typed into the design: the same field and text (and ``words``: the
    same words)."""
    if not isinstance(found.shown, str):
        return
    assert math.isclose(_parse(found), found.value, rel_tol=1e-5)
    again = refusal(name, found.field, found.shown, resolve)
    assert again is not None and again.field == found.field and again.value == found.shown
    if words:
        assert found.text.startswith(str(again)), (found.text, str(again))


def _parse(found: OffLimit) -> float:
    """The SI number of the shown text ('-10 um' -> -1e-05)."""
    number, _, unit = found.shown.partition(" ")
    return float(number) * units.parse(1.0, _kind_of(found.field.rpartition(".")[2]), unit)


_FLOATS = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0.0, -1e-5, -1.0, 0.5, 1.0, 1.5, 1e-300, -1e308]))

#: (example, column) of the design model's own number rules whose design field the column
#: holds as given (FIELDS: the design path), every format, architecture and pack that has one
ONE_TO_ONE = [("ev-nmc811-lpscl-li", c) for c in (
    "separator_thickness_m", "cathode_collector_thickness_m", "anode_collector_thickness_m",
    "casing_thickness_m", "seal_width_m", "tab_mass_kg", "headspace_m", "first_cycle_loss",
    "mandrel_diameter_m", "cathode_interface_resistance_ohm_m2",
    "anode_interface_resistance_ohm_m2", "separator_porosity", "electrode_width_m",
    "electrode_height_m", "cathode_thickness_m")] + [
    ("ev-nmc811-lpscl-li+pack", c) for c in (
        "busbar_mass_kg", "pack_mass_efficiency", "pack_volume_efficiency")] + [
    ("bipolar-nmc811-lpscl-li", "bipolar_collector_thickness_m"),
    ("interdigitated-3d-nmc811-lpscl-li", "cathode_width_m"),
    ("interdigitated-3d-nmc811-lpscl-li", "gap_m"),
    ("interdigitated-3d-nmc811-lpscl-li", "anode_width_m"),
    ("polymer-lfp-peo-li", "separator_thickness_m")] + [
    ("ev-nmc811-lpscl-li+can", c) for c in ("diameter_m", "can_height_m")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize(("name", "column"), ONE_TO_ONE)
@given(x=_FLOATS)
def test_a_design_number_rule_reads_as_the_design_says_it(name: str, column: str,
                                                         x: float) -> None:
    code, found = row(name, column, x)
    refused = refusal(name, FIELDS[column], x)
    # its number rule and, for a length, the stacked cell's geometry (a layer thinner than
    # the electrode's side, a 3D repeat unit no wider: test_cell_geometry_sanity.py)
    # (and the package's: a seal as wide as a narrowed electrode, test_cell_package_geometry.py)
    rules = {lim.allowed for lim in LIMITS if lim.parameter == column} | {
        REPEAT_UNIT_RULE, PLANE_ALLOWED, SEAL_ALLOWED, HEADSPACE_ALLOWED}
    # refused by the number rule exactly where reason 12 (a can too small for its jelly roll
    # is refused by the design, and by core with reason 3)
    assert (code == 12) == (refused is not None and any(
        r == refused.allowed or (r == REPEAT_UNIT_RULE and r in refused.allowed)
        for r in rules)), (column, x, code)
    if code != 12 or found.allowed == REPEAT_UNIT_RULE or found.parameter != column:
        return  # (the repeat unit, a layer as thick as a narrow electrode: their own test)
    assert found.field == refused.field == FIELDS[column] and found.derived == ""
    assert found.shown == design_shown(refused) or (math.isnan(x) and math.isnan(found.shown))
    assert found.allowed == refused.allowed
    if (found.allowed == PLANE_ALLOWED or REPEAT_UNIT_RULE in found.allowed) \
            and _parse(found) != found.value:
        # '100000 um' parses to just below the 0.1 m side: a bound met to the last bit; a
        # repeat unit's width from the 6 digits shown rounds apart from the row's
        return
    typed_back(name, found)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize(("column", "path"), [("anode_thickness_m", "anode.thickness_m"),
                                              ("anode_np_ratio", "anode.np_ratio")])
@given(x=st.one_of(st.floats(max_value=0.0, exclude_max=True),
                   st.sampled_from([math.nan, math.inf, -math.inf])))
def test_an_anode_sizing_out_of_range_names_the_design_field(column: str, path: str,
                                                             x: float) -> None:
    """An anode sized by a negative, NaN or infinite thickness or N/P (core's 0 is "not
    given"; the design's N/P rule, >= 1, is its own): the same field and value."""
    p = {**params("ev-nmc811-lpscl-li"), "anode_thickness_m": 0.0, "anode_np_ratio": 0.0}
    p[column] = x
    code, found = int(core(p)["Reason code"]), off_limits(p)[0]
    sizing = {"anode.thickness_m": None, "anode.np_ratio": None, path: x}
    refused = refusal("ev-nmc811-lpscl-li", "anode", {**design("ev-nmc811-lpscl-li").anode
                                                      .model_dump(exclude_none=True),
                                                      **{k.split(".")[1]: v
                                                         for k, v in sizing.items()}})
    assert code == 12 and refused is not None
    assert found.field == refused.field == path
    assert found.shown == design_shown(refused) or math.isnan(x)


def test_lengths_read_in_the_unit_a_user_reads() -> None:
    """A layer's thickness in um, a format's seal in mm, a mass in kg (the SI name kept)."""
    assert row("ev-nmc811-lpscl-li", "separator_thickness_m", -1e-5)[1].text.startswith(
        "separator.thickness_m: '-10 um' is not allowed; must be > 0 m and finite")
    assert row("ev-nmc811-lpscl-li", "seal_width_m", -1e-3)[1].shown == "-1 mm"
    assert row("ev-nmc811-lpscl-li", "tab_mass_kg", -1.0)[1].shown == "-1 kg"
    assert row("ev-nmc811-lpscl-li", "first_cycle_loss", 1.0)[1].shown == 1.0


#: (example, column, design path) of the design model's integer counts
INTEGERS = [("ev-nmc811-lpscl-li", "n_layers", "format.n_layers"),
            ("bipolar-nmc811-lpscl-li", "cells_in_series", "architecture.cells_in_series"),
            ("ev-nmc811-lpscl-li+film", "interlayer_film_every",
             "format.interlayer_film.every")]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize(("name", "column", "path"), INTEGERS)
@given(data=st.data())
def test_a_count_out_of_its_bounds_reads_as_the_design_says_it(name: str, column: str,
                                                              path: str, data: Any) -> None:
    """The same words ("must be an integer in [1, N]", with the value once), field and
    number; a count in its bounds is no reason 12."""
    top = INTEGER_LIMITS[path]
    n = data.draw(st.one_of(st.integers(-10**6, 0), st.integers(top + 1, 10**9)))
    code, found = row(name, column, float(n))
    refused = refusal(name, path, n)
    assert code == 12 and refused is not None
    assert found.field == refused.field == path
    assert found.shown == refused.value == n and isinstance(found.shown, int)
    assert found.allowed == refused.allowed
    assert found.text.startswith(str(refused))
    inside = data.draw(st.integers(1, top))
    assert row(name, column, float(inside))[1] is None


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s=st.integers(-5, 3), p=st.integers(1, 3))
def test_a_pack_count_names_the_design_fields_it_is_made_of(s: int, p: int) -> None:
    """A pack's cells (core's pack_cells, a product): the detail's field holds the design
    field the scalar design refuses."""
    code, found = row("ev-nmc811-lpscl-li+pack", "pack_cells", float(s * p))
    refused = refusal("ev-nmc811-lpscl-li+pack", "pack",
                      {**PACK, "cells_in_series": s, "cells_in_parallel": p})
    assert (code == 12) == (refused is not None) == (s < 1)
    if refused is not None:
        assert refused.field in found.field.split(" x ")
        assert found.value == s * p and found.derived


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=st.floats(THIN_FILM_MAX_CATHODE_M, 2e-3, exclude_min=True))
def test_a_thin_film_cathode_above_its_bound_reads_as_the_resolved_design(x: float) -> None:
    """The resolved thin-film design's own refusal, word for word."""
    code, found = row("thin-film-lco-lipon-li", "cathode_thickness_m", x)
    refused = refusal("thin-film-lco-lipon-li", "cathode.thickness_m", x, resolve=True)
    assert code == 12 and refused is not None
    assert found.field == refused.field and found.shown == refused.value
    assert found.text.startswith(str(refused))
    if _parse(found) > THIN_FILM_MAX_CATHODE_M:  # (100.00000000000001 um shows as '100 um')
        typed_back("thin-film-lco-lipon-li", found, resolve=True)


@pytest.mark.parametrize("x", [0.0, -1e-6, math.nan])
def test_a_thin_film_substrate_reads_as_the_design_says_it(x: float) -> None:
    code, found = row("thin-film-lco-lipon-li", "substrate_thickness_m", x)
    refused = refusal("thin-film-lco-lipon-li", "format.substrate_thickness_m", x)
    assert code == 12 and refused is not None
    assert found.field == refused.field
    assert found.shown == design_shown(refused) or math.isnan(x)
    # the design says "> 0 when a substrate is given", the row "> 0 m on a thin_film cell"
    typed_back("thin-film-lco-lipon-li", found, words=x != 0)


@pytest.mark.parametrize(("name", "column", "path", "x"), [
    # a tortuosity factor on a cathode without solid electrolyte (a dense LiCoO2 film)
    ("thin-film-lco-lipon-li", "cathode_tortuosity_factor", "cathode.tortuosity_factor", 2.0),
    # a tortuosity factor below 1
    ("ev-nmc811-lpscl-li", "cathode_tortuosity_factor", "cathode.tortuosity_factor", 0.5),
    # a prelithiation of a li_metal foil, no host
    ("ev-nmc811-lpscl-li", "anode_prelithiation", "anode.prelithiation", 0.5),
])
def test_numbers_refused_together_read_as_the_design_says_them(name: str, column: str,
                                                               path: str, x: float) -> None:
    code, found = row(name, column, x)
    refused = refusal(name, path, x)
    assert code == 12 and refused is not None
    assert found.field == refused.field == path and found.shown == refused.value == x


@pytest.mark.parametrize(("column", "x", "path", "given"), [
    ("cathode_active_volume_fraction", 0.0, "cathode.active_fraction", 0.0),
    ("cathode_active_volume_fraction", -0.5, "cathode.active_fraction", -0.5),
    ("cathode_electrolyte_volume_fraction", 1.5, "cathode.electrolyte_fraction", 1.5),
    ("cathode_active_volume_fraction", 0.9, "cathode.active_fraction", 0.9),  # sum above 1
])
def test_a_derived_fraction_names_the_design_field_it_comes_from(
        column: str, x: float, path: str, given: float) -> None:
    """The resolved volume fractions of a layer (x (1 - porosity)): the detail names the
    quantity and, first, the design field the scalar design refuses."""
    code, found = row("ev-nmc811-lpscl-li", column, x)
    refused = refusal("ev-nmc811-lpscl-li", path, given)
    assert code == 12 and refused is not None
    assert found.derived.startswith(refused.field) and found.field != refused.field
    assert f"from {found.derived}" in found.text


#: (design field a design may give, column it sets) of the materials' numbers
OVERRIDES = [("cathode.average_voltage_V", "cathode_voltage_V"),
             ("cathode.specific_capacity_mAh_g", "cathode_capacity_Ah_kg"),
             ("format.casing_density_kg_m3", "casing_density_kg_m3"),
             ("cathode.particle_radius_m", "diffusion_length_m")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@pytest.mark.parametrize(("path", "column"), OVERRIDES)
@given(x=st.one_of(st.floats(allow_nan=False), st.sampled_from([-1.0, 0.0, 8.0, -0.6])))
def test_a_material_number_says_which_override_it_may_come_from(path: str, column: str,
                                                                x: float) -> None:
    """A number the design may give instead of its material's (the core's column holds
    the override as given): the detail says so, naming the design field first, and shows
    the value in that field's unit."""
    code, found = row("ev-nmc811-lpscl-li", column, x)
    refused = refusal("ev-nmc811-lpscl-li", path, x)
    assert (code == 12) == (refused is not None), (path, x, code)
    if refused is None:
        return
    assert found.derived.startswith(refused.field) and "else" in found.derived
    assert found.shown == design_shown(refused)


def test_every_derived_quantity_says_what_it_comes_from() -> None:
    """A quantity derived from the design (DERIVED, or the sum of two) comes with what it is
    derived from, which names a design field or material first; a design path with nothing
    (and has no space: the scalar design's field)."""
    from solidcell.cell.energy import DERIVED

    for lim in LIMITS:
        derived = lim.parameter in DERIVED or " + " in lim.parameter
        assert bool(lim.derived) == derived, lim
        assert derived or " " not in lim.field, lim
        assert not derived or lim.field not in FIELDS.values() or " " in lim.field, lim
