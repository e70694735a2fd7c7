"""The lithium a host anode (li_in, graphite, silicon, lto) holds at assembly, stated as a
fraction of the host's capacity (``anode.prelithiation``: the degree of pre-lithiation; x of
Li_xIn on the knowledge base's indium, whose capacity is LiIn's) instead of dense lithium
(``anode.excess_li_thickness_m``).

Properties: the two forms, one the other's conversion (:func:`held_lithium_thickness_m`),
evaluate alike on every path (``evaluate``, ``evaluate_many``) or are refused alike, each
naming its own field; exactly one form may be given. The held lithium supplies the
first-cycle loss before the cathode does (pre-lithiation compensates the first-cycle loss of
active lithium, holtstiege2018_prelithiation): more held lithium never lowers the delivered
capacity, which reaches the cathode's whole capacity once the surplus covers the loss and
never exceeds it. In a jelly roll the held lithium is no layer of its own (it lies in the
host's volume, as the bookkeeping counts it): only an anode-free reservoir must fit the can.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign, held_lithium_thickness_m
from solidcell.cell.energy import core, design_parameters, evaluate, evaluate_many
from solidcell.errors import ValidationError
from solidcell.materials import resolve

NMC = {"active_material": "nmc811", "electrolyte": "li6ps5cl", "active_fraction": 0.65,
       "electrolyte_fraction": 0.35, "thickness": "80 um"}
SULFUR = {"active_material": "sulfur", "electrolyte": "li6ps5cl", "carbon": "vgcf",
          "active_fraction": 0.4, "electrolyte_fraction": 0.4, "carbon_fraction": 0.2,
          "thickness": "60 um"}
_COMPOSITE = {"electrolyte": "li6ps5cl", "active_fraction": 0.6, "electrolyte_fraction": 0.4}
HOSTS = {"li_in": {"kind": "li_in", "thickness": "150 um"},
         "graphite": {"kind": "graphite", "np_ratio": 1.5, **_COMPOSITE},
         "silicon": {"kind": "silicon", "np_ratio": 1.5, **_COMPOSITE},
         "lto": {"kind": "lto", "np_ratio": 1.5, **_COMPOSITE}}
KEYS = ("Areal capacity [A.h.m-2]", "Stack areal mass [kg.m-2]",
        "Stack areal energy [W.h.m-2]", "Stack gravimetric energy density [W.h.kg-1]",
        "Cell gravimetric energy density [W.h.kg-1]", "Anode areal mass [kg.m-2]",
        "Stack thickness [m]", "Maximum C-rate [h-1]", "Cell specific power [W.kg-1]")
PRE, EXCESS = "anode.prelithiation", "anode.excess_li_thickness_m"


def cell(anode: dict, cathode: dict | None = None, **top: object) -> CellDesign:
    return CellDesign(name="prelithiated", cathode=cathode or NMC, anode=anode,
                      separator={"electrolyte": "li6ps5cl", "thickness": "30 um"},
                      cathode_current_collector={"material": "al_foil", "thickness": "12 um"},
                      anode_current_collector={"material": "cu_foil", "thickness": "8 um"},
                      **top)


def as_dense_lithium(design: CellDesign, p: float) -> float:
    """The dense lithium [m] of ``p`` x the host's capacity of ``design`` (N/P x the
    cathode's capacity, neither depending on the held lithium), lithium by Faraday's law
    (codata2018)."""
    rd = design.resolved()
    host_mAh_m2 = rd.np_ratio * rd.areal_capacity_A_h_m2 * 1000.0
    return float(held_lithium_thickness_m(p, host_mAh_m2, rd.li_density_kg_m3,
                                          rd.li_capacity_mAh_g))


def _outcome(design_of: object) -> tuple[str, dict[str, float]] | tuple[str, str]:
    """("ok", evaluate's numbers, checked against evaluate_many) or ("refused", field)."""
    try:
        design = design_of()  # type: ignore[operator]
        one = evaluate(design)
    except ValidationError as exc:
        return "refused", exc.field
    many = evaluate_many([design])
    for key in KEYS:
        assert float(many[key][0]) == pytest.approx(one[key], rel=1e-12, nan_ok=True), key
    return "ok", {k: one[k] for k in KEYS}


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(p=st.floats(0.0, 1.0), loss=st.sampled_from([0.0, 0.05, 0.2]),
       sulfur=st.booleans())
@example(p=5e-324, loss=0.0, sulfur=True)  # its lithium underflows to 0 m: none held
@pytest.mark.parametrize("host", sorted(HOSTS))
def test_both_forms_evaluate_alike_on_both_paths(host: str, p: float, loss: float,
                                                 sulfur: bool) -> None:
    """prelithiation p and its dense lithium give the same numbers (evaluate and
    evaluate_many), or are both refused, each naming its own field (the host's capacity is
    read from a design that resolves: the bare host, or under a sulfur cathode, which needs
    held lithium to resolve at all, the host filled to its capacity)."""
    cathode = SULFUR if sulfur else NMC
    t = as_dense_lithium(cell({**HOSTS[host], "prelithiation": 1.0}, cathode) if sulfur
                         else cell(HOSTS[host], cathode), p)
    by_share = _outcome(lambda: cell({**HOSTS[host], "prelithiation": p}, cathode,
                                     first_cycle_loss=loss))
    by_lithium = _outcome(lambda: cell({**HOSTS[host], "excess_li_thickness_m": t}, cathode,
                                       first_cycle_loss=loss))
    assert by_share[0] == by_lithium[0], (by_share, by_lithium)
    if by_share[0] == "refused":
        # none held (p = 0, or so small that its lithium is 0 m) under a sulfur cathode:
        # the anode's kind, as before
        assert by_share[1] == (PRE if t > 0 else "anode.kind")
        assert by_lithium[1] == (EXCESS if t > 0 else "anode.kind")
        return
    for key in KEYS:
        assert by_share[1][key] == pytest.approx(by_lithium[1][key], rel=1e-12,
                                                 nan_ok=True), key


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_held_lithium_refusals_name_the_form_given(host: str) -> None:
    """Beyond the host's room: prelithiation is refused as a fraction of the host's capacity
    (with its dense lithium), the thickness as dense lithium; the two limits agree."""
    with pytest.raises(ValidationError) as share:
        evaluate(cell({**HOSTS[host], "prelithiation": 0.9}))
    assert share.value.field == PRE
    assert "of the host's capacity" in share.value.allowed
    room = 1 - 1 / 1.5 if host != "li_in" else None
    if room is not None:  # N/P 1.5: a lithiated cathode leaves 1 - 1/1.5 of the host free
        shown = float(share.value.allowed.split("at most ")[1].split(" of the host")[0])
        assert shown == pytest.approx(room, rel=1e-3)
    with pytest.raises(ValidationError) as dense:
        evaluate(cell({**HOSTS[host], "excess_li_thickness_m": as_dense_lithium(
            cell(HOSTS[host]), 0.9)}))
    assert dense.value.field == EXCESS
    um = share.value.allowed.split("(")[1].split(" um of dense lithium")[0]
    assert f"at most {um} um of lithium" in dense.value.allowed


@pytest.mark.parametrize("anode", [
    {**HOSTS["li_in"], "prelithiation": 0.3, "excess_li_thickness_m": 5e-6},
    {**HOSTS["graphite"], "prelithiation": 0.1, "excess_li_thickness_m": "1 um"},
    {"kind": "li_metal", "thickness": "30 um", "prelithiation": 0.1},
    {"kind": "anode_free", "prelithiation": 0.1},
    {**HOSTS["li_in"], "prelithiation": 1.5},
    {**HOSTS["li_in"], "prelithiation": -0.1},
    {**HOSTS["li_in"], "prelithiation": math.nan},
    {**HOSTS["li_in"], "prelithiation": True},
    {**HOSTS["li_in"], "prelithiation": "half"},
    {**HOSTS["li_in"], "prelithiation": "150 %"},
])
def test_one_form_on_a_host_only_and_a_fraction_in_0_1(anode: dict) -> None:
    with pytest.raises(ValidationError) as info:
        evaluate(cell(anode))
    assert info.value.field == PRE


def test_a_percentage_and_numpy_scalars_equal_the_fraction() -> None:
    ref = evaluate(cell({**HOSTS["graphite"], "prelithiation": 0.2}))
    for same in ("20 %", np.float64(0.2), "0.2"):
        r = evaluate(cell({**HOSTS["graphite"], "prelithiation": same}))
        assert r["Stack areal mass [kg.m-2]"] == pytest.approx(
            ref["Stack areal mass [kg.m-2]"], rel=1e-12), same


def test_li_x_in_is_x_of_the_indium_capacity() -> None:
    """Li0.5In on an indium foil of thickness t_In: x t_In rho_In q_In / (rho_Li q_Li) of
    dense lithium (docs/cell.md; q = F / M, so this is x t_In (rho_In / M_In) (M_Li /
    rho_Li)): the knowledge base's In capacity (233.4 mAh/g, codata2018) is LiIn's, x = 1."""
    t_in, x = 150e-6, 0.5
    rd = cell({**HOSTS["li_in"], "prelithiation": x}, SULFUR).resolved()
    indium, lithium = resolve("li_in"), resolve("li_metal")
    expected = (x * t_in * indium.si("density") * indium.si("theoretical_capacity")
                / (lithium.si("density") * rd.li_capacity_mAh_g))
    assert rd.held_li_thickness_m == pytest.approx(expected, rel=1e-12)
    # and it is the thickness form of the same cell
    same = cell({**HOSTS["li_in"], "excess_li_thickness_m": expected}, SULFUR)
    a, b = evaluate(cell({**HOSTS["li_in"], "prelithiation": x}, SULFUR)), evaluate(same)
    assert a["Stack gravimetric energy density [W.h.kg-1]"] == pytest.approx(
        b["Stack gravimetric energy density [W.h.kg-1]"], rel=1e-12)


def test_replace_restates_the_held_lithium_in_the_other_form() -> None:
    by_lithium = cell({**HOSTS["graphite"], "excess_li_thickness_m": 2e-6})
    by_share = by_lithium.replace(**{PRE: 0.1})
    assert by_share.anode.excess_li_thickness_m == 0.0 and by_share.anode.prelithiation == 0.1
    back = by_share.replace(**{"anode.excess_li_thickness": "3 um"})
    assert back.anode.prelithiation is None
    assert back.anode.excess_li_thickness_m == pytest.approx(3e-6)
    with pytest.raises(ValidationError) as info:
        by_lithium.replace(**{PRE: 0.1, EXCESS: 1e-6})
    assert info.value.field == PRE
    # a held thickness of 0 beside a prelithiation states no second amount
    assert by_lithium.replace(**{PRE: 0.1, EXCESS: 0.0}).anode.prelithiation == 0.1


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(loss=st.floats(0.0, 0.3), shares=st.lists(st.floats(0.0, 0.3), min_size=2,
                                                 max_size=5))
@pytest.mark.parametrize("host", ["graphite", "silicon"])
def test_held_lithium_supplies_the_first_cycle_loss(host: str, loss: float,
                                                    shares: list[float]) -> None:
    """NMC811 | host at N/P 1.5 (room for 1/3 of the host's capacity, i.e. half the
    cathode's): the delivered capacity never falls as the held lithium grows, is (1 - loss) Q
    without it, never exceeds Q and equals Q once the held lithium covers the loss."""
    q = evaluate(cell(HOSTS[host]))["Areal capacity [A.h.m-2]"]  # no loss: the cathode's
    delivered = []
    for p in sorted(shares):
        r = evaluate(cell({**HOSTS[host], "prelithiation": p}, first_cycle_loss=loss))
        delivered.append(r["Areal capacity [A.h.m-2]"])
        held = p * 1.5 * q  # A h/m2: p x N/P x Q
        assert r["Areal capacity [A.h.m-2]"] <= q * (1 + 1e-12)
        assert r["Areal capacity [A.h.m-2]"] == pytest.approx(
            q * (1 - max(loss - held / q, 0.0)), rel=1e-9)
        if held >= loss * q:
            assert r["Areal capacity [A.h.m-2]"] == pytest.approx(q, rel=1e-12)
    assert all(b >= a * (1 - 1e-12) for a, b in itertools.pairwise(delivered))
    bare = evaluate(cell(HOSTS[host], first_cycle_loss=loss))
    assert bare["Areal capacity [A.h.m-2]"] == pytest.approx(q * (1 - loss), rel=1e-12)


def test_a_lithium_free_cathode_is_supplied_by_the_surplus_only() -> None:
    """Sulfur | Li-In: the held lithium first holds the sulfur's capacity (its lithium
    source); only what is beyond it supplies the first-cycle loss."""
    q_cell = cell({**HOSTS["li_in"], "prelithiation": 1.0}, SULFUR)
    q = evaluate(q_cell)["Areal capacity [A.h.m-2]"]
    need = as_dense_lithium(cell({**HOSTS["li_in"], "prelithiation": 1.0}, SULFUR), 1.0)
    t_q = need * q / (need * resolve("li_metal").si("density")
                      * q_cell.resolved().li_capacity_mAh_g)  # dense Li of Q [m]
    exact = evaluate(cell({**HOSTS["li_in"], "excess_li_thickness_m": t_q}, SULFUR,
                          first_cycle_loss=0.1))
    assert exact["Areal capacity [A.h.m-2]"] == pytest.approx(0.9 * q, rel=1e-9)
    more = evaluate(cell({**HOSTS["li_in"], "excess_li_thickness_m": 1.05 * t_q}, SULFUR,
                         first_cycle_loss=0.1))
    assert more["Areal capacity [A.h.m-2]"] == pytest.approx(0.95 * q, rel=1e-9)
    assert "supplied it first" in more.conventions["First-cycle loss"]
    assert "holtstiege2018_prelithiation" in more.sources


def test_core_rows_agree_with_evaluate_on_the_loss() -> None:
    """A screen sweeping the held lithium (core's arrays) gives evaluate's delivered
    capacity row by row."""
    base = cell(HOSTS["graphite"], first_cycle_loss=0.15)
    p = design_parameters(base.resolved())
    shares = [0.0, 0.02, 0.05, 0.1, 0.2]
    rows = core({**p, "excess_li_thickness_m": [as_dense_lithium(base, s) for s in shares]})
    for i, s in enumerate(shares):
        one = evaluate(base.replace(**{PRE: s}))
        assert float(rows["Areal capacity [A.h.m-2]"][i]) == pytest.approx(
            one["Areal capacity [A.h.m-2]"], rel=1e-12)
        assert float(rows["Cell specific power [W.kg-1]"][i]) == pytest.approx(
            one["Cell specific power [W.kg-1]"], rel=1e-12)


#: a thin dense NMC811 film against a silicon host in a tiny can: every layer is thinner than
#: the radial room (20 um) while the silicon's held lithium, as dense lithium, is 30 um
#: (silicon stores more per volume than lithium metal: 3579 mAh/g x 2.329 g/cm3 against
#: 3860 mAh/g x 0.534 g/cm3, srivastava_review, haynes2016_crc)
TINY_CAN = {"kind": "cylindrical", "diameter_m": 40e-6, "height_m": 0.01}
DENSE_NMC = {"active_material": "nmc811", "active_fraction": 1.0, "thickness": "10 um"}


def _in_tiny_can(anode: dict) -> CellDesign:
    return CellDesign(name="tiny roll", cathode=DENSE_NMC, anode=anode, format=TINY_CAN,
                      separator={"electrolyte": "li6ps5cl", "thickness": "5 um"},
                      cathode_current_collector={"material": "al_foil", "thickness": "5 um"},
                      anode_current_collector={"material": "cu_foil", "thickness": "5 um"})


def test_a_hosts_held_lithium_is_no_layer_of_the_jelly_roll() -> None:
    silicon = {"kind": "silicon", "np_ratio": 8.0, **_COMPOSITE}
    t_held = 30e-6
    design = _in_tiny_can({**silicon, "excess_li_thickness_m": t_held})  # was refused here
    r = evaluate(design)
    assert r["Anode thickness [m]"] < 20e-6 < t_held  # the host, thinner than the room
    # the roll is the stack without the held lithium's thickness (as core counts it)
    assert r["Electrode area [m2]"] * r["Stack thickness [m]"] == pytest.approx(
        math.pi / 4 * 40e-6**2 * 0.01, rel=1e-12)
    share = evaluate(_in_tiny_can({**silicon, "prelithiation": 0.5}))
    assert share["Stack thickness [m]"] == pytest.approx(r["Stack thickness [m]"], rel=1e-12)
    # an anode-free reservoir is a layer of its own: it must fit
    with pytest.raises(ValidationError) as info:
        _in_tiny_can({"kind": "anode_free", "excess_li_thickness_m": t_held})
    assert info.value.field == EXCESS
    assert "radial room" in info.value.allowed


def test_a_screen_sweeping_a_hosts_held_lithium_in_a_can_agrees_with_evaluate() -> None:
    """The screens' can-room rule is the design model's (``roll_layers``): a silicon host's
    held lithium beyond the room is a feasible row, as evaluate accepts the design."""
    from solidcell import screen

    silicon = {"kind": "silicon", "np_ratio": 8.0, **_COMPOSITE}
    base = _in_tiny_can(silicon)
    values = [0.0, 10e-6, 30e-6]
    table = screen({"base": base.model_dump(mode="json"), "method": "grid",
                    "parameters": {EXCESS: {"values": values}}}, with_cost=False).table
    for _, row in table.iterrows():
        one = evaluate(_in_tiny_can({**silicon, "excess_li_thickness_m": float(row[EXCESS])}))
        assert bool(row["Feasible"]), row["Reason"]
        assert float(row["Stack gravimetric energy density [W.h.kg-1]"]) == pytest.approx(
            one["Stack gravimetric energy density [W.h.kg-1]"], rel=1e-9)


def test_a_prelithiation_stated_per_mass_of_silicon() -> None:
    """wagner2019_nca_si_prelithiation pre-lithiated its silicon to 300 mAh/g(Si): over the
    silicon's 3579 mAh/g (the knowledge base, srivastava_review) as anode.prelithiation, the
    held lithium is 300 mAh per g of the silicon in the layer (Faraday's law, codata2018)."""
    silicon = resolve("silicon").si("theoretical_capacity")
    rd = cell({**HOSTS["silicon"], "prelithiation": 300.0 / silicon}).resolved()
    si_kg_m2 = (rd.anode_thickness_m * rd.anode.volume_fractions["active"]
                * rd.anode.densities_kg_m3["active"])
    held_A_h_m2 = rd.held_li_thickness_m * rd.li_density_kg_m3 * rd.li_capacity_mAh_g
    assert held_A_h_m2 / si_kg_m2 == pytest.approx(300.0, rel=1e-12)  # A h/kg = mAh/g
