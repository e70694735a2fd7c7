"""Insulating films between groups of stacked repeat units (``format.interlayer_film``):
what they add to the cell, the rules of the field, and one implementation for one design,
arrays (``core``) and screening."""

from __future__ import annotations

import math

import numpy as np
import pytest
from cellhelpers import ref1_design
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell import evaluate, evaluate_many
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import REASONS, core, design_parameters
from solidcell.errors import ValidationError
from solidcell.materials import get
from solidcell.materials.schema import Material

W, H, SEAL = 0.1, 0.2, 0.005
WHL = "Cell volumetric energy density [W.h.L-1]"
WHKG = "Cell gravimetric energy density [W.h.kg-1]"
#: an inline film material (density 1000 kg/m3: a round test input, not a material's value)
FILM = Material(id="test_film", name="test film", category="substrate",
                properties=[{"name": "density", "value": 1.0, "unit": "g/cm3",
                             "method": "estimated", "source": "test input"}])


def pouch(n_layers: int = 12, casing_um: float = 0.0, **film: object) -> CellDesign:
    """SSB-REF-1 in a pouch of ``n_layers`` repeat units; ``film``: the interlayer_film."""
    fmt: dict[str, object] = {"kind": "pouch", "n_layers": n_layers, "electrode_width_m": W,
                              "electrode_height_m": H, "seal_width_m": SEAL,
                              "casing_density_kg_m3": 1600.0,
                              "casing_thickness_m": casing_um * 1e-6}
    if film:
        fmt["interlayer_film"] = film
    return ref1_design(format=fmt)


@pytest.mark.parametrize("every", [1, 2, 3, 4, 6, 12])
def test_films_add_groups_minus_one_thicknesses(every):
    """12 repeat units in groups of ``every``: 12/every - 1 films, each 40 um over the
    footprint (the pouch's volume is footprint x thickness), and no energy."""
    bare = evaluate(pouch(casing_um=100.0))
    filmed = evaluate(pouch(casing_um=100.0, material=FILM, thickness="40 um", every=every))
    films = 12 // every - 1
    assert filmed["Cell interlayer film thickness [m]"] == pytest.approx(films * 40e-6,
                                                                         abs=1e-15)
    footprint = (W + 2 * SEAL) * (H + 2 * SEAL)
    grown = (filmed["Cell volume [m3]"] - bare["Cell volume [m3]"]) / footprint
    assert grown == pytest.approx(films * 40e-6, abs=1e-15)
    assert filmed["Cell energy [W.h]"] == bare["Cell energy [W.h]"]
    # the stack level is one repeat unit: no film in it
    assert filmed["Stack thickness [m]"] == bare["Stack thickness [m]"]
    assert filmed["Stack gravimetric energy density [W.h.kg-1]"] == \
        bare["Stack gravimetric energy density [W.h.kg-1]"]


def test_film_mass_is_thickness_times_density_times_electrode_area():
    """Without a casing (whose walls grow with the stack) the cell gains exactly the films'
    mass: films x t x rho x w x h, rho of the material given (inline or knowledge base)."""
    bare = evaluate(pouch())
    for material, rho in ((FILM, 1000.0), ("polyimide", get("polyimide").si("density"))):
        filmed = evaluate(pouch(material=material, thickness="25 um", every=2))
        expected = 5 * 25e-6 * rho * W * H
        assert filmed["Cell interlayer film mass [kg]"] == pytest.approx(expected, rel=1e-12)
        assert filmed["Cell mass [kg]"] - bare["Cell mass [kg]"] == pytest.approx(expected,
                                                                                 rel=1e-9)
    cited = evaluate(pouch(material="polyimide", thickness="25 um", every=2))
    assert get("polyimide").get("density").source in cited.sources


def test_one_group_has_no_film():
    """every = n_layers: one group, zero films; the result equals the design without."""
    bare = evaluate(pouch(casing_um=100.0))
    one = evaluate(pouch(casing_um=100.0, material=FILM, thickness="40 um", every=12))
    assert one["Cell interlayer film thickness [m]"] == 0.0
    assert one["Cell interlayer film mass [kg]"] == 0.0
    assert one.values.keys() == bare.values.keys()
    for key, value in bare.values.items():
        assert one[key] == value or (math.isnan(value) and math.isnan(one[key])), key


def test_pack_level_carries_the_films():
    pack = {"cells_in_series": 10, "mass_efficiency": 0.8, "volume_efficiency": 0.6,
            "source": "test input"}
    bare = evaluate(pouch().replace(pack=pack))
    filmed = evaluate(pouch(material=FILM, thickness="40 um", every=2).replace(pack=pack))
    key = "Pack volumetric energy density [W.h.L-1]"
    assert filmed[key] < bare[key]
    assert filmed[key] == pytest.approx(0.6 * filmed[WHL])


def test_conventions_state_the_films():
    r = evaluate(pouch(material=FILM, thickness="40 um", every=3))
    assert "3 insulating film(s) of 4e-05 m between groups of 3 repeat unit(s)" in \
        r.conventions["Cell packaging"]
    assert "insulating" not in evaluate(pouch()).conventions["Cell packaging"]


def test_yaml_round_trip_with_units():
    text = """
name: stack of bi-cells
cathode: {active_material: nmc811, electrolyte: li6ps5cl, active_fraction: 0.7,
          electrolyte_fraction: 0.3, thickness: 80 um}
separator: {electrolyte: li6ps5cl, thickness: 30 um}
anode: {kind: li_metal, thickness: 30 um}
cathode_current_collector: {material: al_foil, thickness: 12 um}
anode_current_collector: {material: cu_foil, thickness: 8 um}
format:
  kind: pouch
  n_layers: 20
  electrode_width: 10 cm
  electrode_height: 20 cm
  interlayer_film: {material: polyimide, thickness: 40 um, every: 2}
"""
    design = CellDesign.from_yaml(text)
    film = design.format.interlayer_film
    assert film is not None
    assert (film.material, film.thickness_m, film.every) == ("polyimide",
                                                             pytest.approx(40e-6), 2)
    assert CellDesign.from_yaml(design.to_yaml()) == design
    assert CellDesign.from_json(design.to_json()) == design


@pytest.mark.parametrize(("film", "n_layers", "kind", "field", "words"), [
    ({"material": "polyimide", "thickness": "0 um", "every": 2}, 4, "pouch",
     "format.interlayer_film.thickness", "> 0"),  # the key as given
    ({"material": "polyimide", "thickness": "-5 um", "every": 2}, 4, "pouch",
     "format.interlayer_film.thickness", "> 0"),  # the key as given
    ({"material": "polyimide", "thickness_m": math.nan, "every": 2}, 4, "pouch",
     "format.interlayer_film.thickness_m", "finite"),
    ({"material": "polyimide", "thickness": 40, "every": 2}, 4, "pouch",
     "format.interlayer_film.thickness", "no unit"),
    ({"material": "polyimide", "thickness": "40 um", "every": 3}, 4, "pouch",
     "format.interlayer_film.every", "must divide n_layers (4)"),
    ({"material": "polyimide", "thickness": "40 um", "every": 0}, 4, "pouch",
     "format.interlayer_film.every", "[1, 10000]"),
    ({"material": "polyimide", "thickness": "40 um", "every": 2.5}, 4, "pouch",
     "format.interlayer_film.every", "integer"),
    ({"material": "polyimide", "thickness": "40 um", "every": True}, 4, "pouch",
     "format.interlayer_film.every", "is a bool; give a number"),
    ({"material": "polyimide", "thickness": "40 um"}, 4, "pouch",
     "format.interlayer_film.every", "required"),
    ({"material": "polyimide", "thickness": "40 um", "every": 2, "gap": "1 mm"}, 4, "pouch",
     "format.interlayer_film.gap", "unknown field"),
    ({"material": "polyimide", "thickness": "40 um", "every": 1}, 1, "thin_film",
     "format.interlayer_film", "pouch, prismatic"),
])
def test_bad_films_name_the_field(film, n_layers, kind, field, words):
    fmt = {"kind": kind, "n_layers": n_layers, "electrode_width_m": W,
           "electrode_height_m": H, "interlayer_film": film}
    if kind == "thin_film":
        fmt.update(substrate="mica", substrate_thickness_m=20e-6)
    with pytest.raises(ValidationError) as err:
        ref1_design(format=fmt)
    assert err.value.field == field
    assert words in err.value.allowed


def test_cylindrical_jelly_roll_refuses_films():
    fmt = {"kind": "cylindrical", "diameter": "21 mm", "height": "70 mm",
           "interlayer_film": {"material": "polyimide", "thickness": "40 um", "every": 1}}
    with pytest.raises(ValidationError) as err:
        ref1_design(format=fmt)
    assert err.value.field == "format.interlayer_film"
    assert "cylindrical" in err.value.allowed


@pytest.mark.parametrize(("material", "words"), [
    ("no_such_film", "knowledge base"),
    (Material(id="no_density", name="film without density", category="substrate"),
     "'density'"),
])
def test_film_material_must_be_known_with_a_density(material, words):
    design = pouch(material=material, thickness="40 um", every=2)  # ids resolve later
    with pytest.raises(ValidationError) as err:
        evaluate(design)
    assert err.value.field == "format.interlayer_film.material"
    assert words in err.value.allowed


def test_core_arrays_equal_one_design_at_a_time():
    """evaluate_many on arrays of film thickness (the screening path) gives what evaluate
    gives for each design; a layer count that is no multiple of ``every`` gets reason 6."""
    base = pouch(casing_um=100.0, material=FILM, thickness="40 um", every=2)
    params = design_parameters(base.resolved())
    t = np.array([10e-6, 40e-6, 100e-6])
    batch = evaluate_many({**params, "interlayer_film_thickness_m": t})
    for i, ti in enumerate(t):
        one = evaluate(base.replace(**{"format.interlayer_film.thickness_m": float(ti)}))
        for key in (WHL, WHKG, "Cell interlayer film mass [kg]", "Cell mass [kg]"):
            assert batch[key][i] == pytest.approx(one[key], rel=1e-12)
    odd = core({**params, "n_layers": np.array([12.0, 13.0])})
    assert list(odd["Reason code"]) == [0, 6]
    assert math.isnan(odd[WHL][1])
    assert REASONS[6].startswith("interlayer films")


@settings(max_examples=40, deadline=None)
@given(n_groups=st.integers(2, 12), every=st.sampled_from([1, 2, 3]),
       t1=st.floats(1e-7, 1e-3), factor=st.floats(1.01, 10.0),
       casing_um=st.sampled_from([0.0, 113.0]))
def test_energy_density_falls_with_film_thickness(n_groups, every, t1, factor, casing_um):
    """Films store nothing: with two groups or more, cell Wh/kg and Wh/L fall strictly as the
    film thickens; a thickness of 0 in ``core`` is the design without films."""
    n = n_groups * every
    thin = evaluate(pouch(n, casing_um, material=FILM, thickness_m=t1, every=every))
    thick = evaluate(pouch(n, casing_um, material=FILM, thickness_m=t1 * factor, every=every))
    bare = evaluate(pouch(n, casing_um))
    for key in (WHL, WHKG):
        assert bare[key] > thin[key] > thick[key]
    params = design_parameters(pouch(n, casing_um, material=FILM, thickness_m=t1,
                                     every=every).resolved())
    zero = core({**params, "interlayer_film_thickness_m": 0.0})
    none = core(design_parameters(pouch(n, casing_um).resolved()))
    assert zero.keys() == none.keys()
    for key in zero:
        assert np.array_equal(zero[key], none[key], equal_nan=True), key


def test_screening_sweeps_the_film():
    """A design space sweeping the film's thickness (array path) and ``every`` (a validated
    design per value) gives what evaluate gives; ``every`` that does not divide n_layers is
    refused with the field's rule; a base without a film cannot sweep one."""
    from solidcell.screening.screen import screen

    base = pouch(casing_um=100.0, material="polyimide", thickness="40 um", every=2)
    result = screen({"base": base.to_dict(), "method": "grid", "parameters": {
        "format.interlayer_film.thickness": {"min": "10 um", "max": "100 um", "n": 3},
        "format.interlayer_film.every": {"values": [2, 5]}}}, with_cost=False)
    table = result.table
    assert len(table) == 6
    for _, row in table.iterrows():
        if row["format.interlayer_film.every"] == 5:
            assert not row["Feasible"]
            assert "format.interlayer_film.every" in row["Reason"]
            continue
        one = evaluate(base.replace(**{
            "format.interlayer_film.thickness_m": row["format.interlayer_film.thickness_m"]}))
        assert row[WHL] == pytest.approx(one[WHL], rel=1e-12)
    with pytest.raises(ValidationError) as err:
        screen({"base": pouch().to_dict(), "parameters": {
            "format.interlayer_film.thickness": {"min": "10 um", "max": "100 um"}}})
    assert "no format.interlayer_film" in err.value.allowed


def test_manufacturing_stack_costs_the_film_as_packaging():
    """The cost model's layer stack (solidcell.manufacturing.design) carries the films'
    material per m2 of footprint, from the bookkeeping's film mass."""
    from solidcell.manufacturing.design import stack_from_design

    design = pouch(material="polyimide", thickness="40 um", every=2)
    result = evaluate(design)
    stack = stack_from_design(design)
    footprint = result["Electrode area [m2]"] * 12
    assert stack.packaging["polyimide"] == pytest.approx(
        result["Cell interlayer film mass [kg]"] / footprint, rel=1e-12)
    assert "polyimide" not in stack_from_design(pouch()).packaging
