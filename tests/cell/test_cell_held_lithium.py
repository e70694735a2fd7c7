"""A host anode that holds lithium at assembly (``anode.excess_li_thickness_m`` on li_in,
graphite, silicon, lto): the Li-In of lab all-solid-state Li-S cells (an In foil with a Li foil
pressed on it, or a LixIn alloy), a pre-lithiated graphite or silicon composite.

Before, a sulfur | Li-In cell was refused (reason 9): the knowledge base's ``li_in`` is the
indium host (In, 233.4 mAh/g), and a host could not be said to hold lithium. Now the held
lithium, given as the thickness of dense lithium metal it amounts to (the style of the
anode-free reservoir), is the lithium source of a lithium-free cathode, its mass counts in the
stack (as dense lithium, ``li_metal``'s density; Faraday's law, codata2018), its volume does
not (the host's as built, as for a host's lithiation on charge), and the host must take it:
held lithium (plus a lithiated cathode's) at most the host's capacity, N/P x the cathode's
(reason 10). The voltage is the cathode's minus the host's average voltage of the knowledge
base (LiIn 0.62 V vs Li, santhosha2019). Properties only: no published Li-S | Li-In stack
with readable inputs was found (docs/validation.md, "Cell energy").
"""

from __future__ import annotations

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import REASONS, core, design_parameters, evaluate, evaluate_many
from solidcell.errors import ValidationError
from solidcell.materials import resolve

SULFUR = {"active_material": "sulfur", "electrolyte": "li6ps5cl", "carbon": "vgcf",
          "active_fraction": 0.4, "electrolyte_fraction": 0.4, "carbon_fraction": 0.2,
          "thickness": "60 um"}
HOSTS = {
    "li_in": {"kind": "li_in", "thickness": "100 um"},
    "graphite": {"kind": "graphite", "np_ratio": 1.5, "electrolyte": "li6ps5cl",
                 "active_fraction": 0.6, "electrolyte_fraction": 0.4},
    "silicon": {"kind": "silicon", "np_ratio": 1.5, "electrolyte": "li6ps5cl",
                "active_fraction": 0.6, "electrolyte_fraction": 0.4},
}


def cell(anode: dict, cathode: dict | None = None) -> CellDesign:
    return CellDesign(name="held Li", cathode=cathode or SULFUR, anode=anode,
                      separator={"electrolyte": "li6ps5cl", "thickness": "30 um"},
                      cathode_current_collector={"material": "al_foil", "thickness": "12 um"},
                      anode_current_collector={"material": "cu_foil", "thickness": "8 um"})


def li_thickness_of_cathode() -> float:
    """Dense lithium holding the sulfur cathode's capacity [m] (a N/P 1 lithium foil)."""
    return float(evaluate(cell({"kind": "li_metal", "np_ratio": 1.0}))["Anode thickness [m]"])


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_a_host_holding_the_cathodes_lithium_makes_a_sulfur_cell(host: str) -> None:
    t_li = li_thickness_of_cathode()
    bare = cell(HOSTS[host])
    with pytest.raises(ValidationError, match="holds no lithium") as info:
        evaluate(bare)  # without held lithium the refusal stays
    assert info.value.field == "anode.kind"
    rd_li = cell({"kind": "li_metal", "np_ratio": 1.0}).resolved()
    rho_li = rd_li.li_density_kg_m3
    masses, energies, volumes = [], [], []
    for k in (1.0, 1.2, 1.4):
        design = cell({**HOSTS[host], "excess_li_thickness_m": k * t_li})
        r = evaluate(design)
        rd = design.resolved()
        # the voltage against the host's potential: sulfur 2.1 V minus the host's, both
        # read from the knowledge base (LiIn 0.62 V, santhosha2019)
        v_host = resolve(rd.anode.materials["active"].id).si("average_voltage")
        assert r["Cell voltage [V]"] == pytest.approx(
            resolve("sulfur").si("average_voltage") - v_host, rel=1e-12)
        # the host's mass plus the held lithium as dense lithium
        host_mass = rd.anode_thickness_m * rd.anode.density_kg_m3
        assert r["Anode areal mass [kg.m-2]"] == pytest.approx(
            host_mass + k * t_li * rho_li, rel=1e-12)
        assert r["Anode thickness [m]"] == pytest.approx(rd.anode_thickness_m, rel=1e-12)
        assert "holds at assembly" in r.conventions["Lithium volume"]
        # the held lithium's density is cited with the result
        assert resolve("li_metal").get("density").source in rd.sources
        masses.append(r["Stack areal mass [kg.m-2]"])
        energies.append(r["Stack areal energy [W.h.m-2]"])
        volumes.append(r["Stack thickness [m]"])
        # the arrays path gives the same numbers
        batch = evaluate_many([design])
        assert batch["Stack gravimetric energy density [W.h.kg-1]"][0] == pytest.approx(
            r["Stack gravimetric energy density [W.h.kg-1]"], rel=1e-12)
    assert masses[0] < masses[1] < masses[2]
    assert energies[0] == pytest.approx(energies[2], rel=1e-12)  # the cathode's capacity
    assert volumes[0] == pytest.approx(volumes[2], rel=1e-12)


def test_held_lithium_below_the_cathodes_capacity_is_refused_by_design_and_core() -> None:
    t_li = li_thickness_of_cathode()
    with pytest.raises(ValidationError, match="at least") as info:
        evaluate(cell({**HOSTS["li_in"], "excess_li_thickness_m": 0.99 * t_li}))
    assert info.value.field == "anode.excess_li_thickness_m"
    p = design_parameters(cell({**HOSTS["li_in"], "excess_li_thickness_m": t_li}).resolved())
    assert int(core({**p, "excess_li_thickness_m": 0.99 * t_li})["Reason code"]) == 9
    assert int(core({**p, "excess_li_thickness_m": 1.001 * t_li})["Reason code"]) == 0
    assert "host anode holds at assembly" in REASONS[9]


def test_a_host_cannot_hold_more_lithium_than_its_capacity() -> None:
    """A 50 um In foil takes 8.53 mAh/cm2 (1706 mAh/cm3, Faraday's law); the sulfur cathode
    needs 8.32: lithium for 1.2 x the cathode's capacity does not fit, 1.02 x does."""
    t_li = li_thickness_of_cathode()
    foil = {"kind": "li_in", "thickness": "50 um"}
    assert evaluate(cell({**foil, "excess_li_thickness_m": 1.02 * t_li}))
    with pytest.raises(ValidationError, match="at most") as info:
        evaluate(cell({**foil, "excess_li_thickness_m": 1.2 * t_li}))
    assert info.value.field == "anode.excess_li_thickness_m"
    p = design_parameters(cell({**foil, "excess_li_thickness_m": 1.02 * t_li}).resolved())
    assert int(core({**p, "excess_li_thickness_m": 1.2 * t_li})["Reason code"]) == 10
    assert "cannot take its lithium" in REASONS[10]


def test_a_lithiated_cathode_leaves_room_for_its_own_lithium() -> None:
    """NMC811 | graphite at N/P 1.1: the host takes the cathode's lithium on charge, so it can
    hold at most 0.1 x the cathode's capacity at assembly (pre-lithiation)."""
    nmc = {"active_material": "nmc811", "electrolyte": "li6ps5cl", "active_fraction": 0.65,
           "electrolyte_fraction": 0.35, "thickness": "80 um"}
    graphite = {**HOSTS["graphite"], "np_ratio": 1.1}
    base = evaluate(cell(graphite, nmc))
    q = base["Areal capacity [A.h.m-2]"]  # no first-cycle loss: the cathode's capacity
    rd = cell({"kind": "li_metal", "np_ratio": 1.0}, nmc).resolved()
    t_q = q / (rd.li_capacity_mAh_g * rd.li_density_kg_m3)  # dense Li of the capacity [m]
    ok = evaluate(cell({**graphite, "excess_li_thickness_m": 0.09 * t_q}, nmc))
    assert ok["Stack areal energy [W.h.m-2]"] == pytest.approx(
        base["Stack areal energy [W.h.m-2]"], rel=1e-12)
    assert ok["Stack areal mass [kg.m-2]"] == pytest.approx(
        base["Stack areal mass [kg.m-2]"] + 0.09 * t_q * rd.li_density_kg_m3, rel=1e-12)
    with pytest.raises(ValidationError, match="at most") as info:
        evaluate(cell({**graphite, "excess_li_thickness_m": 0.11 * t_q}, nmc))
    assert info.value.field == "anode.excess_li_thickness_m"
    # a screen sweeping the held lithium on a base without it: the arrays path of core
    p = design_parameters(cell(graphite, nmc).resolved())
    rows = core({**p, "excess_li_thickness_m": [0.0, 0.09 * t_q, 0.11 * t_q]})
    assert rows["Stack areal mass [kg.m-2]"][1] == pytest.approx(
        ok["Stack areal mass [kg.m-2]"], rel=1e-12)
    assert rows["Reason code"].tolist() == [0, 0, 10]


def test_a_lithium_foil_holds_no_extra_lithium() -> None:
    with pytest.raises(ValidationError, match="a li_metal foil is lithium itself") as info:
        cell({"kind": "li_metal", "thickness": "30 um", "excess_li_thickness_m": 5e-6})
    assert info.value.field == "anode.excess_li_thickness_m"
