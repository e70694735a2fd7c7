"""Cell energy against PUBLISHED solid-state cells (tests/data/cell/published_cells.csv).

Lee et al., Nat. Energy 5, 299 (2020) (``lee2020_agc_anode``), Supplementary Table S3: the
energy-density budget of an Ag-C | Li6PS5Cl | LiNi0.90Co0.05Mn0.05O2 bi-cell (0.64 Ah,
703 Wh/L) and of stacks of 10 and 35 bi-cells (942 and 998 Wh/L) with a 40 um insulating film
between neighbouring bi-cells (``format.interlayer_film``). The paper gives layer
thicknesses, footprint, capacity and voltage, and Wh/L only (no masses), so only volumetric
energy densities are compared. How each input maps onto the design is in
:func:`lee_design`; the conventions behind the differences are in docs/validation.md.
"""

from __future__ import annotations

import csv

import pytest
import yaml
from cellhelpers import DATA

from solidcell import evaluate
from solidcell.cell.design import CellDesign, li_metal_capacity_mAh_g
from solidcell.materials.schema import Material

ROWS = {row["case_id"]: row for row in csv.DictReader(
    (DATA / "published_cells.csv").open(encoding="utf-8"))}
MATERIALS = {r["id"]: Material(**r) for r in yaml.safe_load(
    (DATA / "materials_lee2020.yaml").read_text("utf-8"))}
WHL = "Cell volumetric energy density [W.h.L-1]"


def _mm(text: str) -> tuple[float, float]:
    """'53 x 88' [mm] -> (0.053, 0.088) [m]."""
    a, b = (float(x) for x in text.split("x"))
    return a * 1e-3, b * 1e-3


def cathode_thickness_um(row: dict[str, str]) -> float:
    """Thickness of one cathode coating [um] from the printed total thickness of Table S3:
    (total - 2 films - insulating films) / bi-cells = Al + 2 (cathode + SE + Li + SUS)."""
    n = int(row["bicells"])
    films = int(row["insulating_films"]) * float(row["insulating_film_um"] or 0.0)
    bicell = (float(row["total_um"]) - 2 * float(row["film_um"]) - films) / n
    rest = float(row["al_um"]) + 2 * (float(row["sep_um"]) + float(row["plated_li_um"])
                                      + float(row["sus_um"]))
    return (bicell - rest) / 2


def areal_capacity_mAh_cm2(row: dict[str, str]) -> float:
    """Printed cell capacity over the cathode area (2 coatings per bi-cell) [mAh/cm2]."""
    w, h = _mm(row["cathode_mm"])
    return float(row["capacity_Ah"]) * 1e3 / (2 * int(row["bicells"]) * w * h * 1e4)


def lee_design(row: dict[str, str], paper_lithium: bool = True,
               films: bool = True) -> CellDesign:
    """The cell of ``row`` as a CellDesign.

    - a bi-cell is two repeat units sharing the double-coated cathode's Al foil; each anode
      has its own SUS foil, so the SUS counts in full: 2 x its thickness in the
      half-collector convention of the repeat unit;
    - footprint 6.0 x 9.5 cm around the 5.3 x 8.8 cm cathode: a 3.5 mm margin on every side
      (``seal_width``), packaging film on both faces (``casing_thickness``);
    - ``paper_lithium``: count the 30 um lithium layer of Table S3 (anode-free with a 30 um
      lithium layer, discharged state); otherwise the charged state of an anode-free cell,
      whose plated lithium follows from the capacity (Faraday's law, dense lithium);
    - the cathode's active volume fraction is whatever makes thickness and loading agree
      with the density used (Wh/L does not depend on it);
    - ``films``: the insulating films of the stacks, one between neighbouring bi-cells
      (``interlayer_film`` with ``every: 2`` repeat units, so bi-cells - 1 films). Table S3
      gives their thickness and number, not their material: the knowledge base's
      ``polyimide`` stands in for it (it sets the mass only, which no test compares).
    """
    m = MATERIALS
    w, h = _mm(row["cathode_mm"])
    fw, fh = _mm(row["footprint_mm"])
    seal = (fw - w) / 2
    assert seal == pytest.approx((fh - h) / 2)  # the same margin on both sides
    q = float(row["q_cam_mAh_g"])
    loading = areal_capacity_mAh_cm2(row) / q * 10.0  # g/cm2 -> kg/m2
    t_cat = cathode_thickness_um(row) * 1e-6
    rho = m["lee_ncm90"].si("density")
    vf = loading / (rho * t_cat)
    fmt = {"kind": "pouch", "n_layers": 2 * int(row["bicells"]),
           "electrode_width_m": w, "electrode_height_m": h, "seal_width_m": seal,
           "casing_material": m["lee_al"],
           "casing_thickness_m": float(row["film_um"]) * 1e-6}
    if films and int(row["insulating_films"]) > 0:
        fmt["interlayer_film"] = {"material": "polyimide", "every": 2,
                                  "thickness_m": float(row["insulating_film_um"]) * 1e-6}
    anode = ({"kind": "anode_free", "material": m["lee_li"],
              "excess_li_thickness_m": float(row["plated_li_um"]) * 1e-6}
             if paper_lithium else {"kind": "anode_free", "material": m["lee_li"]})
    return CellDesign(
        name=row["case_id"],
        cathode={"active_material": m["lee_ncm90"], "electrolyte": m["lee_lpscl"],
                 "active_fraction": vf, "electrolyte_fraction": 1 - vf,
                 "thickness_m": t_cat, "active_loading_kg_m2": loading,
                 "average_voltage_V": float(row["v_avg_V"])},
        separator={"electrolyte": m["lee_lpscl"], "thickness_m": float(row["sep_um"]) * 1e-6},
        anode=anode,
        cathode_current_collector={"material": m["lee_al"],
                                   "thickness_m": float(row["al_um"]) * 1e-6},
        anode_current_collector={"material": m["lee_sus"],
                                 "thickness_m": 2 * float(row["sus_um"]) * 1e-6},
        format=fmt,
    )


def printed_precision(row: dict[str, str]) -> float:
    """Relative precision of the printed Wh/L: half a unit of the last printed digit of the
    capacity, the voltage and the Wh/L themselves, summed (5.87 Ah, 3.79 V, 942 Wh/L: 0.27 %;
    21 Ah: 2.6 %)."""
    def half_unit(text: str) -> float:
        decimals = len(text.partition(".")[2])
        return 0.5 * 10.0 ** -decimals / float(text)

    return sum(half_unit(row[k]) for k in ("capacity_Ah", "v_avg_V", "Wh_L"))


def table_whl(row: dict[str, str]) -> float:
    """Wh/L recomputed from the printed capacity, voltage, footprint and total thickness."""
    fw, fh = _mm(row["footprint_mm"])
    volume_L = fw * fh * float(row["total_um"]) * 1e-6 * 1e3
    return float(row["capacity_Ah"]) * float(row["v_avg_V"]) / volume_L


@pytest.mark.parametrize("case_id", list(ROWS))
def test_cathode_thickness_from_the_budget_lies_in_the_printed_range(case_id):
    """The total thicknesses of Table S3 leave 101 um per cathode coating in all three
    cells, inside the printed 95-105 um."""
    assert cathode_thickness_um(ROWS[case_id]) == pytest.approx(101.0, abs=1e-9)


def test_bicell_reproduced_with_the_paper_lithium_layer():
    """LEE2020-BICELL (lee2020_agc_anode, Table S3): 703 Wh/L printed. The model reproduces
    the table's own arithmetic (0.64 Ah x 3.76 V over 57 cm2 x 594 um) to 0.01 %, and the
    printed 703 to +1.1 %: the table's 703 is itself 1.1 % below its printed capacity,
    voltage and volume (0.64 Ah is printed to two digits, +-0.8 %), hence the 1.5 %."""
    row = ROWS["LEE2020-BICELL"]
    result = evaluate(lee_design(row))
    assert result["Cell volume [m3]"] * 1e9 == pytest.approx(60.0 * 95.0 * 0.594, rel=1e-9)  # mm3
    assert result[WHL] == pytest.approx(table_whl(row), rel=1e-4)
    assert result[WHL] == pytest.approx(float(row["Wh_L"]), rel=0.015)
    assert (result[WHL] / float(row["Wh_L"]) - 1) == pytest.approx(0.011, abs=0.001)
    # with the printed loading, 6.8 mAh/cm2 over 2 x 5.3 x 8.8 cm2 (0.634 Ah): +0.2 %
    w, h = _mm(row["cathode_mm"])
    loaded = evaluate(lee_design({**row, "capacity_Ah": str(6.8e-3 * 2 * w * h * 1e4)}))
    assert loaded[WHL] == pytest.approx(float(row["Wh_L"]), rel=0.003)


def test_bicell_in_the_charged_state_counts_faraday_lithium():
    """The model's own convention (anode-free, charged): the plated lithium follows from the
    capacity, 6.86 mAh/cm2 / (q_Li rho_Li) = 33.3 um of dense lithium instead of the 30 um of
    Table S3; the cell is 6.6 um thicker and its Wh/L 1.1 % lower than with the paper's 30 um,
    i.e. within 0.1 % of the printed 703 (a coincidence of two offsets, not a better fit)."""
    row = ROWS["LEE2020-BICELL"]
    paper = evaluate(lee_design(row))
    charged = evaluate(lee_design(row, paper_lithium=False), charged=True)
    plated_um = (areal_capacity_mAh_cm2(row) * 10.0
                 / (li_metal_capacity_mAh_g() * MATERIALS["lee_li"].si("density"))) * 1e6
    assert plated_um == pytest.approx(33.3, abs=0.05)
    grown = (charged["Cell volume [m3]"] - paper["Cell volume [m3]"]) / (0.060 * 0.095)
    assert grown * 1e6 == pytest.approx(2 * (plated_um - 30.0), rel=1e-6)
    assert charged[WHL] == pytest.approx(paper[WHL] * 594.0 / (594.0 + grown * 1e6), rel=1e-9)
    assert charged[WHL] == pytest.approx(float(row["Wh_L"]), rel=0.015)


@pytest.mark.parametrize("case_id", ["LEE2020-10BICELL", "LEE2020-35BICELL"])
def test_stacked_bicells_with_their_insulating_films(case_id):
    """LEE2020-10/35BICELL (lee2020_agc_anode, Table S3): 942 and 998 Wh/L printed, with a
    40 um insulating film between neighbouring bi-cells (9 and 34 films). Modelled with
    ``format.interlayer_film`` (every 2 repeat units): the cell is as thick as the printed
    total (4140 and 13990 um), its Wh/L the table's own arithmetic to 0.01 % and the printed
    942 and 998 within the printed precision (+0.08 % and +0.01 %)."""
    row = ROWS[case_id]
    result = evaluate(lee_design(row))
    fw, fh = _mm(row["footprint_mm"])
    films_m = int(row["insulating_films"]) * float(row["insulating_film_um"]) * 1e-6
    assert result["Cell interlayer film thickness [m]"] == pytest.approx(films_m, rel=1e-12)
    thickness = result["Cell volume [m3]"] / (fw * fh)
    assert thickness * 1e6 == pytest.approx(float(row["total_um"]), abs=1e-6)
    assert result[WHL] == pytest.approx(table_whl(row), rel=1e-4)
    assert result[WHL] == pytest.approx(float(row["Wh_L"]), rel=printed_precision(row))
    assert round(result[WHL] / float(row["Wh_L"]) - 1, 4) == {
        "LEE2020-10BICELL": 0.0008, "LEE2020-35BICELL": 0.0001}[case_id]


@pytest.mark.parametrize("case_id", ["LEE2020-10BICELL", "LEE2020-35BICELL"])
def test_without_the_films_the_stacks_were_ten_percent_high(case_id):
    """Before ``format.interlayer_film`` the design had no layer between stacked repeat units:
    the same stacks came out 9.6 % (10 bi-cells) and 10.8 % (35 bi-cells) above the printed
    942 and 998 Wh/L. The films account for the whole difference: the cell without them is
    thinner by exactly 9 (34) x 40 um and stores the same energy."""
    row = ROWS[case_id]
    bare = evaluate(lee_design(row, films=False))
    filmed = evaluate(lee_design(row))
    gap = bare[WHL] / float(row["Wh_L"]) - 1
    assert gap == pytest.approx({"LEE2020-10BICELL": 0.096,
                                 "LEE2020-35BICELL": 0.108}[case_id], abs=0.003)
    fw, fh = _mm(row["footprint_mm"])
    films_m = int(row["insulating_films"]) * float(row["insulating_film_um"]) * 1e-6
    grown = (filmed["Cell volume [m3]"] - bare["Cell volume [m3]"]) / (fw * fh)
    assert grown == pytest.approx(films_m, rel=1e-9)
    assert filmed["Cell energy [W.h]"] == bare["Cell energy [W.h]"]
    assert bare["Cell interlayer film thickness [m]"] == 0.0


def test_published_cases_carry_their_source():
    result = evaluate(lee_design(ROWS["LEE2020-BICELL"]))
    assert "lee2020_agc_anode" in result.sources
    assert all(row["source"] == "lee2020_agc_anode" for row in ROWS.values())
