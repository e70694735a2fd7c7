"""Sourced deposition rates of thin-film processes, read back from the process database.

- Silicon: roll-to-roll thermal plasma deposition of thick, porous amorphous silicon coatings
  on metal foils for battery anodes at "high deposition speed (>10 micron / min)", 2.1 mg/cm2
  of silicon on a thin foil (bosch2016_thermal_plasma_si, IMLB 2016 abstract, Meyer Burger /
  TU Delft); 1 um a-Si:H films by the expanding thermal plasma at 8 nm/s and 400 degC
  (illiberi_etp_poly_si, abstract). No rate of magnetron-sputtered silicon was read: the
  generic sputtering entry's 0.1 nm/s stays an estimate.
- LiCoO2: RF sputtering at the median of julien2019_sputtered_lco Table 3 (0.55 nm/s). No
  per-layer thickness, cycle time or crack-free limit of sol-gel LiCoO2 films was read: the
  sol_gel entry's 2 nm/s stays an estimate and sol-gel still makes the thin-film example's
  5 um cathode.
"""

from __future__ import annotations

from pathlib import Path
from statistics import median

import yaml

from solidcell.cell.design import CellDesign
from solidcell.manufacturing.design import stack_from_design
from solidcell.manufacturing.processes import load_processes
from solidcell.manufacturing.routes import plan_routes

ROOT = Path(__file__).resolve().parents[2]
EV = ROOT / "examples" / "ev-nmc811-lpscl-li.yaml"
THIN_FILM = ROOT / "examples" / "thin-film-lco-lipon-li.yaml"
REL = 1e-9


def _bare_silicon() -> CellDesign:
    data = yaml.safe_load(EV.read_text(encoding="utf-8"))
    data["anode"] = {"kind": "silicon", "np_ratio": 1.2, "active_fraction": 1.0,
                     "electrolyte_fraction": 0.0}
    return CellDesign.from_dict(data)


def test_thermal_plasma_silicon_rate_is_the_printed_10_um_per_min() -> None:
    p = load_processes().get("thermal_plasma_silicon")
    assert p.deposition_rate is not None
    assert p.deposition_rate.method == "measured"
    assert p.deposition_rate.source == "bosch2016_thermal_plasma_si"
    assert abs(p.rate - 10e-6 / 60.0) <= REL * 10e-6 / 60.0  # 10 um/min in m/s
    assert p.materials == ["silicon"] and p.replaces is None


def test_thermal_plasma_silicon_window_is_the_films_read() -> None:
    p = load_processes().get("thermal_plasma_silicon")
    lo, hi = p.si_range("thickness")
    assert abs(lo - 1e-6) <= REL  # 1 um ETP films (illiberi_etp_poly_si)
    dense = 2.1e-6 / 1e-4 / 2329.0  # 2.1 mg/cm2 over 2.329 g/cm3 (haynes2016_crc), m
    assert abs(hi - dense) <= 0.01 * dense
    t_lo, t_hi = p.si_range("temperature")
    assert t_lo is None and abs(t_hi - (400 + 273.15)) <= 1e-9  # illiberi_etp_poly_si


def test_sputtering_rates_sourced_or_stated_estimated() -> None:
    db = load_processes()
    generic = db.get("sputtering").deposition_rate
    assert generic is not None and generic.method == "estimated"  # no Si/ceramic rate read
    lco = db.get("sputtering_lco").deposition_rate
    table3 = [0.02, 0.03, 0.05, 0.1, 0.3, 0.8, 1, 1.6, 3.2, 8.3]  # julien2019 Table 3, nm/s
    assert lco is not None and lco.source == "julien2019_sputtered_lco"
    assert abs(db.get("sputtering_lco").rate - median(table3) * 1e-9) <= REL
    sol_gel = db.get("sol_gel").deposition_rate
    assert sol_gel is not None and sol_gel.method == "estimated"


def test_the_bare_silicon_anode_follows_the_sourced_rate() -> None:
    """The 6.9 um bare silicon anode of the EV example: thermal plasma (feasible, 6.9 um at
    10 um/min over 1 m2 plus the estimated 600 s chamber cycle) beats sputtering at the
    estimated 0.1 nm/s (slow)."""
    plan = plan_routes(_bare_silicon())
    anode = {s.layer: s for s in plan.best.steps}["anode"]
    assert anode.process == "thermal_plasma_silicon" and anode.status == "feasible"
    p = load_processes().get("thermal_plasma_silicon")
    thickness = {x.name: x for x in stack_from_design(_bare_silicon()).layers}["anode"].thickness
    assert abs(thickness - 6.9e-6) <= 0.05e-6  # docs/manufacturing.md's 6.9 um
    expected = thickness / p.rate / p.si("coated_area") + p.si("batch_time")
    assert abs(anode.time_s_per_m2 - expected) <= 1e-9 * expected
    sputter = next(o for o in plan.options if o.layer == "anode" and o.process == "sputtering")
    assert sputter.status == "slow"


def test_thermal_plasma_makes_no_other_material() -> None:
    stack = {"name": "probe", "layers": [
        {"name": "cu", "role": "current_collector", "material": "cu_foil", "thickness": "10 um"},
        {"name": "anode", "role": "anode", "material": "graphite", "thickness": "5 um"},
    ]}
    plan = plan_routes(stack)
    opt = next(o for o in plan.options if o.layer == "anode"
               and o.process == "thermal_plasma_silicon")
    assert opt.status == "rejected"


def test_the_thin_film_lco_cathode_is_still_sol_gel() -> None:
    """No sourced sol-gel LiCoO2 rate or thickness window was read: the route keeps sol-gel
    (its rate an estimate) over sputtering_lco (sourced, slow); documented, not tuned."""
    plan = plan_routes(CellDesign.from_dict(
        yaml.safe_load(THIN_FILM.read_text(encoding="utf-8"))))
    cathode = {s.layer: s for s in plan.best.steps}["cathode"]
    assert cathode.process == "sol_gel"
    lco = next(o for o in plan.options if o.layer == "cathode" and o.process == "sputtering_lco")
    assert lco.status == "slow"
