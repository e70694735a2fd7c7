"""A cathode that holds no lithium as built (sulfur, S + 2 Li -> Li2S): the cell's lithium is
the anode's.

Before, a sulfur cathode with a graphite anode, or anode-free with no lithium reservoir, gave
a "feasible" 275 or 777 Wh/kg from a cell that holds no lithium at all, and the charged state
of a sulfur | lithium cell added the plated lithium on top of the foil that already held it
(the stack 28 % thicker than built at N/P 1). Properties, no published number: a lithium-free
cathode needs a lithium-metal foil (N/P >= 1 holds all the lithium) or an anode-free reservoir
holding the cathode's capacity (Faraday's law, codata2018); both states keep the as-built
volume and the mass of the lithium once.
"""

from __future__ import annotations

import pytest

from solidcell.cell.design import CellDesign, holds_lithium
from solidcell.cell.energy import REASONS, core, design_parameters, evaluate, evaluate_many
from solidcell.errors import ValidationError

SULFUR = {"active_material": "sulfur", "electrolyte": "li6ps5cl", "carbon": "vgcf",
          "active_fraction": 0.4, "electrolyte_fraction": 0.4, "carbon_fraction": 0.2,
          "thickness": "60 um"}


def sulfur_cell(anode: dict) -> CellDesign:
    return CellDesign(name="Li-S", cathode=SULFUR, anode=anode,
                      separator={"electrolyte": "li6ps5cl", "thickness": "30 um"},
                      cathode_current_collector={"material": "al_foil", "thickness": "12 um"},
                      anode_current_collector={"material": "cu_foil", "thickness": "8 um"})


def test_sulfur_holds_no_lithium_and_lco_does() -> None:
    from solidcell.materials import resolve

    assert holds_lithium(resolve("sulfur")) is False
    assert holds_lithium(resolve("lco")) is True


@pytest.mark.parametrize("anode", [
    {"kind": "graphite", "np_ratio": 1.1, "electrolyte": "li6ps5cl", "active_fraction": 0.6,
     "electrolyte_fraction": 0.4},
    {"kind": "li_in", "thickness": "200 um"}])
def test_a_host_anode_gives_a_sulfur_cathode_no_lithium(anode: dict) -> None:
    with pytest.raises(ValidationError, match="holds no lithium") as info:
        evaluate(sulfur_cell(anode))
    assert info.value.field == "anode.kind"


def test_an_anode_free_sulfur_cell_needs_a_reservoir_of_the_cathode_capacity() -> None:
    with pytest.raises(ValidationError, match="at least") as info:
        evaluate(sulfur_cell({"kind": "anode_free"}))
    assert info.value.field == "anode.excess_li_thickness_m"
    # the least reservoir: the lithium of the cathode's capacity, Q / (q_Li rho_Li)
    full = evaluate(sulfur_cell({"kind": "li_metal", "np_ratio": 1.0}))
    t_li = full["Anode thickness [m]"]
    assert evaluate(sulfur_cell({"kind": "anode_free", "excess_li_thickness_m": t_li * 1.001}))
    with pytest.raises(ValidationError, match="at least"):
        evaluate(sulfur_cell({"kind": "anode_free", "excess_li_thickness_m": t_li * 0.99}))
    # the arrays path of core says the same (reason 9)
    p = design_parameters(sulfur_cell({"kind": "li_metal", "np_ratio": 1.0}).resolved())
    bad = core({**p, "anode_kind": 1.0, "excess_li_thickness_m": t_li * 0.99})
    ok = core({**p, "anode_kind": 1.0, "excess_li_thickness_m": t_li * 1.001})
    assert int(bad["Reason code"]) == 9 and "holds no lithium" in REASONS[9]
    assert int(ok["Reason code"]) == 0


@pytest.mark.parametrize("np_ratio", [1.0, 1.5])
def test_both_states_keep_the_as_built_lithium_once(np_ratio: float) -> None:
    design = sulfur_cell({"kind": "li_metal", "np_ratio": np_ratio})
    dis, chg = evaluate(design), evaluate(design, charged=True)
    q = dis["Areal capacity [A.h.m-2]"]
    rd = design.resolved()
    foil = np_ratio * q / (rd.li_capacity_mAh_g * rd.li_density_kg_m3)  # Ah/m2 / (Ah/kg kg/m3)
    for r in (dis, chg):
        assert r["Anode thickness [m]"] == pytest.approx(foil, rel=1e-9)
        assert r["Stack thickness [m]"] == pytest.approx(dis["Stack thickness [m]"], rel=1e-12)
        assert r["Stack areal mass [kg.m-2]"] == pytest.approx(dis["Stack areal mass [kg.m-2]"])
        assert "lithium-free" in r.conventions["Cathode mass reference state"]
    assert "as built" in chg.conventions["Lithium volume"]
    batch = evaluate_many([design], charged=True)
    assert batch["Stack thickness [m]"][0] == pytest.approx(chg["Stack thickness [m]"])


def test_a_lithiated_cathode_still_plates_its_lithium_when_charged() -> None:
    design = CellDesign.from_yaml("examples/ev-nmc811-lpscl-li.yaml")
    dis, chg = evaluate(design), evaluate(design, charged=True)
    assert chg["Anode thickness [m]"] > dis["Anode thickness [m]"]
    assert dis.conventions["Cathode mass reference state"].startswith("lithiated")
