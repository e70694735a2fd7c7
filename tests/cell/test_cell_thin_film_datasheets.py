"""Thin-film Li | LiPON | LiCoO2 cells against published values (docs/validation.md, "Thin-film
cells against published films and packages").

Read, and used (nothing else from these sources):

- ``ornl_lco_thin_film_high_voltage`` (abstract): thin-film LiCoO2 with the Lipon electrolyte
  "delivers a specific capacity of 170 mAh/g, which is 22% higher than that for previous LiCoO2
  cathodes cycled to 4.2 V": 170 / 1.22 = 139.3 mAh/g to 4.2 V.
- ``jvsta2004_rta_lco_film`` (abstract): a thin-film microbattery with an rf-sputtered,
  rapid-thermal-annealed LiCoO2 film, 56.49 uAh/(cm2 um).
- ``surfcoat2010_sputtered_lco`` (abstract): LiCoO2 film sputtered at 400 degC, 54.5 uAh/(cm2 um)
  at the first discharge.
- ``elektroniknet_efl700a39``: ST EnFilm EFL700A39, 220 um thick, 25.7 mm x 25.7 mm, 3.9 V
  nominal, 0.7 mAh.
- ``frontedge_nanoenergy_tech``: NanoEnergy LiCoO2 | LiPON | Li cells, 20 x 25 mm at 0.1 mm
  (0.1 mAh) to 0.3 mm (1 mAh), 42 x 25 mm at 0.1 mm (0.5 mAh) to 0.4 mm (5 mAh).

Every design is built through the public API (``CellDesign.from_dict``, ``evaluate``).
"""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest

from solidcell import evaluate
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError

#: The bundled thin-film example's layers (examples/thin-film-lco-lipon-li.yaml), as a mapping.
BASE = {
    "name": "thin film",
    "cathode": {"active_material": "lco", "active_fraction": 1.0, "thickness": "5 um"},
    "separator": {"electrolyte": "lipon", "thickness": "1.5 um"},
    "anode": {"kind": "li_metal", "thickness": "5 um"},
    "cathode_current_collector": {"material": "ni_foil", "thickness": "0.3 um"},
    "anode_current_collector": {"material": "cu_foil", "thickness": "0.3 um"},
    "architecture": {"kind": "thin_film"},
    "format": {"kind": "thin_film", "electrode_width": "10 mm", "electrode_height": "10 mm",
               "substrate": "mica", "substrate_thickness": "20 um",
               "casing_material": "polyimide", "casing_thickness": "10 um",
               "seal_width": "1 mm"},
}


def _design(**changes: dict) -> CellDesign:
    data = copy.deepcopy(BASE)
    for section, fields in changes.items():
        if isinstance(fields, dict):
            data[section].update(fields)
        else:
            data[section] = fields
    return CellDesign.from_dict(data)


def _uAh_per_cm2_um(design: CellDesign) -> float:
    """Areal capacity per um of cathode [uAh/(cm2 um)] (1 Ah/m2 = 100 uAh/cm2)."""
    v = evaluate(design).values
    return v["Areal capacity [A.h.m-2]"] * 100.0 / (v["Cathode thickness [m]"] * 1e6)


def test_lco_film_capacity_per_gram_against_the_ornl_thin_film_cells() -> None:
    """Source: ornl_lco_thin_film_high_voltage, 170 mAh/g to 4.4 V = 1.22 x the 4.2 V value."""
    v = evaluate(_design()).values
    model = v["Areal capacity [A.h.m-2]"] / v["Cathode areal mass [kg.m-2]"]  # Ah/kg = mAh/g
    published = 170.0 / 1.22
    assert published == pytest.approx(139.34, abs=0.01)
    assert model == pytest.approx(137.0, rel=1e-9)  # reimers1992, the knowledge base's value
    assert model / published - 1 == pytest.approx(-0.0168, abs=0.0005)


def test_capacity_per_um_is_the_dense_film_bound_above_sputtered_films() -> None:
    """Sources: jvsta2004_rta_lco_film 56.49, surfcoat2010_sputtered_lco 54.5 uAh/(cm2 um)."""
    model = _uAh_per_cm2_um(_design())
    assert model == pytest.approx(137.0 * 5.053 / 10.0, rel=1e-6)  # 69.2: 137 mAh/g x 5.053 g/cm3
    for measured, ratio in ((56.49, 0.816), (54.5, 0.787)):
        assert measured < model
        assert measured / model == pytest.approx(ratio, abs=0.001)
    # a film less dense than the crystal: the design's porosity scales it, nothing else does
    for porosity in (0.05, 0.2, 0.4):
        porous = _uAh_per_cm2_um(_design(cathode={"porosity": porosity}))
        assert porous == pytest.approx(model * (1 - porosity), rel=1e-9)
    # per um the model's value does not depend on the thickness (1 to 10 um films)
    for t in ("1 um", "2 um", "10 um"):
        assert _uAh_per_cm2_um(_design(cathode={"thickness": t})) == pytest.approx(model, rel=1e-9)


#: elektroniknet_efl700a39 (as printed): side [m], thickness [m], capacity [Ah], voltage [V].
EFL700A39 = (25.7e-3, 220e-6, 0.7e-3, 3.9)


def _efl700a39() -> CellDesign:
    """The EnFilm outline as a thin-film CellDesign: the whole 25.7 mm square as electrode (no
    seal: an upper bound on the area), the cathode sized to the rated 0.7 mAh, the substrate
    filling the printed 220 um. LiPON 3.62 um (the commercial 0.7 mAh cell of
    raijmakers2020_assb_model, not stated to be this one), 10 um polyimide (assumed): the split
    of the 220 um into substrate, layers and casing does not change the Wh/L."""
    side, thick, cap, _ = EFL700A39
    per_m3 = 137.0 * 5053.0  # Ah/m3 of dense LiCoO2, the knowledge base's
    t_cat = cap / (side * side * per_m3)
    layers = t_cat + 3.62e-6 + 5e-6 + 0.6e-6 + 10e-6
    return _design(
        cathode={"thickness": f"{t_cat * 1e6!r} um"},
        separator={"thickness": "3.62 um"},
        format={"electrode_width": "25.7 mm", "electrode_height": "25.7 mm", "seal_width": "0 mm",
                "substrate_thickness": f"{(thick - layers) * 1e6!r} um"})


def test_enfilm_efl700a39_outline_gives_the_datasheet_energy_density() -> None:
    """Source: elektroniknet_efl700a39 (0.7 mAh, 3.9 V, 25.7 x 25.7 mm, 220 um)."""
    side, thick, cap, volt = EFL700A39
    published = cap * volt / (side * side * thick * 1000.0)  # Wh/L
    assert published == pytest.approx(18.79, abs=0.01)
    v = evaluate(_efl700a39()).values
    assert v["Cell volume [m3]"] == pytest.approx(side * side * thick, rel=1e-9)
    assert v["Cell energy [W.h]"] / v["Cell voltage [V]"] == pytest.approx(cap, rel=1e-9)
    assert v["Cell voltage [V]"] == volt  # LiCoO2 3.9 V - Li 0 V (srivastava_review)
    assert v["Cell volumetric energy density [W.h.L-1]"] == pytest.approx(published, rel=1e-9)
    # the cathode such a package needs at the model's dense LiCoO2: 1.53 um, 0.70 % of it
    assert v["Cathode thickness [m]"] == pytest.approx(1.531e-6, rel=1e-3)
    assert v["Cathode thickness [m]"] / thick == pytest.approx(0.00696, abs=1e-5)


#: frontedge_nanoenergy_tech (as printed): (width, height, thickness) [mm] -> capacity [mAh].
NANOENERGY = {(20, 25, 0.1): 0.1, (20, 25, 0.3): 1.0, (42, 25, 0.1): 0.5, (42, 25, 0.4): 5.0}


def test_commercial_packages_hold_a_tenth_of_the_examples_capacity_per_volume() -> None:
    """Voltage-free: capacity per package volume [mAh/cm3] of the datasheets (sources:
    elektroniknet_efl700a39, frontedge_nanoenergy_tech) against the bundled example's cell."""
    packaged = {key: cap / (key[0] * key[1] * key[2] / 1000.0) for key, cap in NANOENERGY.items()}
    side, thick, cap, _ = EFL700A39
    packaged["EFL700A39"] = cap * 1e3 / (side * side * thick * 1e6)
    assert sorted(round(x, 2) for x in packaged.values()) == [2.0, 4.76, 4.82, 6.67, 11.9]
    v = evaluate(_design()).values
    example = (v["Cell energy [W.h]"] / v["Cell voltage [V]"] * 1e3) / (v["Cell volume [m3]"] * 1e6)
    assert example == pytest.approx(57.09, abs=0.01)
    assert example / max(packaged.values()) == pytest.approx(4.80, abs=0.01)
    assert example / packaged["EFL700A39"] == pytest.approx(11.85, abs=0.01)


@pytest.mark.parametrize(("fields", "named", "allowed"), [
    ({"substrate_thickness": "0 um"}, "format.substrate_thickness", "> 0"),
    ({"substrate_thickness": "-5 um"}, "format.substrate_thickness", ">= 0"),
    ({"substrate": None}, "format.substrate", "needs a substrate"),
])
def test_odd_thin_film_format_names_field_value_and_range(fields: dict, named: str,
                                                          allowed: str) -> None:
    with pytest.raises(ValidationError) as err:
        _design(format=fields)
    text = str(err.value)
    assert named in text and allowed in text
    value = next(iter(fields.values()))
    assert str(value) in text


def test_thin_film_cathode_thicker_than_any_thin_film_deposition_is_refused() -> None:
    """The bound is the thickest thin-film process of the process database (review Table 9,
    srivastava_review): a 500 um dense LiCoO2 'film' was evaluated (and routed by tape casting)."""
    import yaml

    from solidcell.cell.design import THIN_FILM_MAX_CATHODE_M
    from solidcell.cell.energy import design_parameters, evaluate_many

    path = Path(__file__).resolve().parents[2] / "src/solidcell/manufacturing/data/processes.yaml"
    processes = yaml.safe_load(path.read_text("utf-8"))["processes"]
    scale = {"nm": 1e-9, "um": 1e-6}
    thickest = max(p["thickness"]["max"] * scale[p["thickness"]["unit"]]
                   for p in processes if p["family"] == "thin_film")
    assert thickest == pytest.approx(THIN_FILM_MAX_CATHODE_M, rel=1e-12)
    by_np = {"thickness": None, "np_ratio": 1.5}  # a foil that grows with the cathode
    assert evaluate(_design(cathode={"thickness": "100 um"}, anode=by_np)).values[
        "Reason code"] == 0
    for given in ({"thickness": "500 um"}, {"thickness": None, "active_loading": "0.6 kg/m2"}):
        with pytest.raises(ValidationError) as err:
            evaluate(_design(cathode=given, anode=by_np))
        text = str(err.value)
        assert "100 um" in text and "thin_film" in text
        named = ("cathode.thickness_m", "500 um") if given.get("thickness") \
            else ("cathode.active_loading_kg_m2", "0.6")
        assert all(word in text for word in named), text
    # the same rule on the rows of evaluate_many (reason 12), a planar cell keeps its 500 um
    params = design_parameters(_design(anode=by_np).resolved())
    rows = evaluate_many({**params, "cathode_thickness_m": np.array([5e-6, 1e-4, 5e-4])})
    assert list(rows["Reason code"]) == [0, 0, 12]
    assert "100 um" in rows.reasons[2] and "cathode.thickness_m" in rows.reasons[2], rows.reasons
    planar = _design(architecture={"kind": "planar"}, anode=by_np)
    assert evaluate(planar.replace(**{"cathode.thickness_m": 5e-4})).values["Reason code"] == 0
