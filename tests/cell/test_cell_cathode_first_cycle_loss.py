"""The cathode's own first-cycle loss (``cathode_first_cycle_loss``: the share of its
first-charge capacity the cathode does not take back on discharge, kasnatscheew2016_ncm_first_cycle,
robert2018_nca_overdischarge) apart from the active lithium lost elsewhere (``first_cycle_loss``,
which lithium a host anode holds at assembly supplies first, holtstiege2018_prelithiation).

Properties: no held lithium recovers the cathode's own loss (the delivered capacity never
exceeds (1 - cathode loss) Q, and reaches it once the held lithium covers the other loss); the
two losses overlap (the cathode takes back at most (1 - c) Q, the anode gives back at most
(1 - f) Q + surplus: the net loss is the larger); with the cathode's loss 0 the numbers are
those of the loss rule before it; the scalar and the array paths agree (evaluate,
evaluate_many, core rows, a screen); values outside [0, 1) are refused on every path, naming
the field.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clirun import run
from solidcell.cell.design import CellDesign, net_first_cycle_loss
from solidcell.cell.energy import (
    core,
    design_parameters,
    evaluate,
    evaluate_many,
    off_limits,
)
from solidcell.errors import ValidationError
from solidcell.screening.screen import FAST_PATHS, row_design, screen

NMC = {"active_material": "nmc811", "electrolyte": "li6ps5cl", "active_fraction": 0.65,
       "electrolyte_fraction": 0.35, "thickness": "80 um"}
GRAPHITE = {"kind": "graphite", "np_ratio": 1.5, "electrolyte": "li6ps5cl",
            "active_fraction": 0.6, "electrolyte_fraction": 0.4}
LI_IN = {"kind": "li_in", "thickness": "150 um"}
CAP = "Areal capacity [A.h.m-2]"
KEYS = (CAP, "Stack areal energy [W.h.m-2]", "Stack gravimetric energy density [W.h.kg-1]",
        "Cell gravimetric energy density [W.h.kg-1]", "Maximum C-rate [h-1]",
        "Cell specific power [W.kg-1]")
EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
_SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))


def cell(anode: dict, **top: object) -> CellDesign:
    return CellDesign(name="own-loss", cathode=NMC, anode=anode,
                      separator={"electrolyte": "li6ps5cl", "thickness": "30 um"},
                      cathode_current_collector={"material": "al_foil", "thickness": "12 um"},
                      anode_current_collector={"material": "cu_foil", "thickness": "8 um"},
                      **top)


def _cathode_capacity(design: CellDesign) -> float:
    return design.resolved().areal_capacity_A_h_m2  # A h/m2, before any loss


_LOSS = st.floats(0.0, 0.5)
_SHARE = st.floats(0.0, 0.3)


@_SETTINGS
@given(own=_LOSS, loss=_LOSS, p=_SHARE)
def test_held_lithium_never_recovers_the_cathodes_own_loss(own: float, loss: float,
                                                           p: float) -> None:
    """Delivered <= (1 - own) Q for any held lithium; and = (1 - max(own, net)) Q, net the
    loss the held lithium leaves (its one rule, with the cathode's loss 0)."""
    design = cell({**GRAPHITE, "prelithiation": p}, first_cycle_loss=loss,
                  cathode_first_cycle_loss=own)
    q = _cathode_capacity(design)
    delivered = evaluate(design)[CAP]
    assert delivered <= (1 - own) * q * (1 + 1e-12)
    rest = design.resolved()
    net_without = float(net_first_cycle_loss(
        loss, rest.held_li_thickness_m * rest.li_density_kg_m3 * rest.li_capacity_mAh_g, q,
        0.0))
    assert delivered == pytest.approx((1 - max(own, net_without)) * q, rel=1e-12)


@_SETTINGS
@given(own=st.floats(0.01, 0.5), loss=_LOSS)
def test_held_lithium_beyond_the_other_loss_buys_nothing(own: float, loss: float) -> None:
    """Once the held lithium covers the lithium lost elsewhere, more of it leaves the
    delivered capacity at (1 - own) Q."""
    base = cell(LI_IN, first_cycle_loss=loss, cathode_first_cycle_loss=own)
    q = _cathode_capacity(base)
    caps = [evaluate(base.replace(**{"anode.prelithiation": p}))[CAP]
            for p in (0.0, 0.25, 0.5)]
    assert caps == sorted(caps)  # more held lithium never lowers it
    # li_in at 150 um holds several times the cathode's capacity: 0.25 of it covers any loss
    assert caps[1] == pytest.approx((1 - own) * q, rel=1e-12)
    assert caps[2] == pytest.approx(caps[1], rel=1e-12)


@_SETTINGS
@given(own=_LOSS, loss=_LOSS)
def test_the_losses_overlap_without_held_lithium(own: float, loss: float) -> None:
    """The cathode takes back at most (1 - own) Q, the anode gives back (1 - loss) Q: the
    smaller is delivered (kasnatscheew2016_ncm_first_cycle: in a full cell the lithium lost
    at the graphite leaves less to refill the cathode)."""
    # (an anode-free cell without a reservoir holds no lithium either; a lithium-metal foil
    # holds it all: test_a_lithium_foil_supplies_the_loss_as_held_lithium)
    for anode in (GRAPHITE, {"kind": "anode_free"}):
        design = cell(anode, first_cycle_loss=loss, cathode_first_cycle_loss=own)
        assert design.resolved().first_cycle_loss == pytest.approx(max(own, loss), abs=1e-15)
        assert evaluate(design)[CAP] == pytest.approx(
            (1 - max(own, loss)) * _cathode_capacity(design), rel=1e-12)


@_SETTINGS
@given(own=_LOSS, loss=_LOSS, np_ratio=st.floats(1.0, 3.0), ex=st.floats(0.0, 20e-6))
def test_a_lithium_foil_supplies_the_loss_as_held_lithium(own: float, loss: float,
                                                          np_ratio: float, ex: float) -> None:
    """A lithium-metal foil is lithium the anode holds at assembly, all of it (N/P x Q): it
    supplies the lithium lost elsewhere before the cathode does, as a half cell's foil does
    (docs/cell.md) and as a host's held lithium does (holtstiege2018_prelithiation); so does an
    anode-free cell's reservoir. The net loss is ``net_first_cycle_loss`` of that lithium, on
    the scalar and the array path. Before 2026-12-07 a foil of N/P 2 lost the whole loss."""
    foil = cell({"kind": "li_metal", "np_ratio": np_ratio}, first_cycle_loss=loss,
                cathode_first_cycle_loss=own)
    q = _cathode_capacity(foil)
    assert foil.resolved().first_cycle_loss == pytest.approx(
        max(loss - np_ratio, own, 0.0), abs=1e-15)
    reservoir = cell({"kind": "anode_free", "excess_li_thickness_m": ex},
                     first_cycle_loss=loss, cathode_first_cycle_loss=own)
    rd = reservoir.resolved()
    held = ex * rd.li_density_kg_m3 * rd.li_capacity_mAh_g  # A h/m2
    assert rd.first_cycle_loss == pytest.approx(max(loss - held / q, own, 0.0), abs=1e-12)
    for design in (foil, reservoir):
        net = design.resolved().first_cycle_loss
        assert evaluate(design)[CAP] == pytest.approx((1 - net) * q, rel=1e-12)
        assert evaluate_many([design])[CAP][0] == pytest.approx((1 - net) * q, rel=1e-12)


@_SETTINGS
@given(loss=_LOSS, p=_SHARE)
def test_a_cathode_loss_of_zero_gives_the_numbers_of_before(loss: float, p: float) -> None:
    """0 (the default) is today's rule: the design's loss less what the held lithium
    supplies, max(loss - held / Q, 0)."""
    design = cell({**GRAPHITE, "prelithiation": p}, first_cycle_loss=loss)
    assert design.cathode_first_cycle_loss == 0.0
    given_zero = design.replace(cathode_first_cycle_loss=0.0)
    a, b = evaluate(given_zero).values, evaluate(design).values
    assert a.keys() == b.keys()
    assert all(a[k] == b[k] or (math.isnan(a[k]) and math.isnan(b[k])) for k in a)
    rd = design.resolved()
    q = rd.areal_capacity_A_h_m2
    held = rd.held_li_thickness_m * rd.li_density_kg_m3 * rd.li_capacity_mAh_g
    assert rd.first_cycle_loss == pytest.approx(max(loss - held / q, 0.0), abs=1e-15)


def test_the_one_rule_on_arrays_and_floats() -> None:
    loss, held, q = np.array([0.2, 0.2, 0.05]), np.array([0.0, 0.5, 0.0]), 2.0
    own = np.array([0.1, 0.1, 0.1])
    assert list(net_first_cycle_loss(loss, held, q, 0.0, own)) == pytest.approx(
        [0.2, 0.1, 0.1])
    assert float(net_first_cycle_loss(0.2, 0.5, 2.0, 0.0)) == pytest.approx(0.0, abs=1e-15)


@_SETTINGS
@given(own=_LOSS, loss=_LOSS, p=_SHARE, host=st.sampled_from(["graphite", "li_in"]))
def test_scalar_and_array_paths_agree(own: float, loss: float, p: float, host: str) -> None:
    anode = {**(GRAPHITE if host == "graphite" else LI_IN), "prelithiation": p}
    design = cell(anode, first_cycle_loss=loss, cathode_first_cycle_loss=own)
    one = evaluate(design)
    many = evaluate_many([design])
    row = core(design_parameters(design.resolved()))
    for key in KEYS:
        assert float(many[key][0]) == pytest.approx(one[key], rel=1e-12, nan_ok=True), key
        assert float(row[key]) == pytest.approx(one[key], rel=1e-12, nan_ok=True), key


def test_rows_of_arrays_each_equal_their_design() -> None:
    """One core call over an array of the cathode's loss (and of the held lithium)."""
    base = cell(GRAPHITE, first_cycle_loss=0.12)
    own = np.array([0.0, 0.05, 0.12, 0.3])
    pre = np.array([0.0, 0.1, 0.05, 0.2])
    out = core({**design_parameters(base.resolved()), "cathode_first_cycle_loss": own,
                "anode_prelithiation": pre})
    for i in range(own.size):
        ref = evaluate(base.replace(cathode_first_cycle_loss=float(own[i]),
                                    **{"anode.prelithiation": float(pre[i])}))
        assert float(out[CAP][i]) == pytest.approx(ref[CAP], rel=1e-12)


@pytest.mark.parametrize("bad", [1.0, 1.5, -0.1, math.nan, math.inf])
def test_out_of_range_is_refused_on_every_path(bad: float) -> None:
    with pytest.raises(ValidationError) as err:
        cell(LI_IN, cathode_first_cycle_loss=bad)
    assert err.value.field == "cathode_first_cycle_loss"
    assert "[0, 1)" in str(err.value)
    p = {**design_parameters(cell(LI_IN).resolved()), "cathode_first_cycle_loss": bad}
    assert int(core(p)["Reason code"]) == 12
    found = off_limits(p)[0]
    assert found is not None and found.field == "cathode_first_cycle_loss"


def test_a_percentage_is_the_fraction() -> None:
    assert cell(LI_IN, cathode_first_cycle_loss="10 %").cathode_first_cycle_loss == \
        pytest.approx(0.1)


def test_a_screen_sweeping_the_cathodes_loss_equals_evaluate() -> None:
    assert FAST_PATHS["cathode_first_cycle_loss"] == ("cathode_first_cycle_loss", "frac")
    base = CellDesign.from_file(EV).replace(first_cycle_loss=0.1, anode={
        "kind": "li_in", "thickness": "150 um", "prelithiation": 0.2})
    space = {"base": json.loads(base.to_json()), "method": "grid",
             "parameters": {"cathode_first_cycle_loss": {"values": [0.0, 0.05, 0.2]}}}
    table = screen(space, with_cost=False).table
    assert table["Feasible"].all(), list(table["Reason"])
    for _, row in table.iterrows():
        ref = evaluate(row_design(base, {"cathode_first_cycle_loss":
                                         row["cathode_first_cycle_loss"]}))
        assert float(row[CAP]) == pytest.approx(ref[CAP], rel=1e-12)
    # the held lithium covers the 0.1 lost elsewhere: only the cathode's own loss is left
    q = _cathode_capacity(base)
    assert list(table[CAP]) == pytest.approx([q, 0.95 * q, 0.8 * q], rel=1e-12)


def test_output_names_the_cathodes_own_loss(tmp_path: Path, capsys) -> None:
    design = cell({**GRAPHITE, "prelithiation": 0.1}, first_cycle_loss=0.1,
                  cathode_first_cycle_loss=0.08)
    result = evaluate(design)
    text = result.conventions["First-cycle loss"]
    assert "cathode_first_cycle_loss" in text and "0.08" in text
    assert "kasnatscheew2016_ncm_first_cycle" in result.sources
    path = tmp_path / "d.json"
    path.write_text(design.to_json())
    code, out = run(["design", "check", str(path), "--json"], capsys)[:2]
    assert code == 0
    data = json.loads(out)
    assert data["Cathode first-cycle loss"] == 0.08
    rd = design.resolved()
    assert data["Areal capacity [A.h.m-2]"] == pytest.approx(
        rd.areal_capacity_A_h_m2 * (1 - rd.first_cycle_loss), rel=1e-12)


@_SETTINGS
@given(charge=st.floats(150.0, 250.0))
def test_kasnatscheew2016_half_cell_loss_in_mAh_per_g(charge: float) -> None:
    """kasnatscheew2016_ncm_first_cycle (abstract): NCM at 4.6 V in NCM/Li half cells loses
    36.3 mAh/g in the first cycle, 22.1 mAh/g of it taken back by a constant-potential step
    at the discharge cut-off. Stated as the cathode's own loss of a first charge of
    ``charge`` mAh/g (the abstract gives no first-charge capacity: any), a cathode of that
    specific capacity delivers charge - 36.3 mAh/g without the step and charge - 14.2 with it,
    whatever lithium the anode holds."""
    for own_mAh_g, left in ((36.3, charge - 36.3), (36.3 - 22.1, charge - 14.2)):
        for anode in ({"kind": "li_metal", "np_ratio": 3.0}, {**LI_IN, "prelithiation": 0.5}):
            design = CellDesign(
                name="ncm", cathode={**NMC, "specific_capacity_mAh_g": charge}, anode=anode,
                separator={"electrolyte": "li6ps5cl", "thickness": "30 um"},
                cathode_current_collector={"material": "al_foil", "thickness": "12 um"},
                anode_current_collector={"material": "cu_foil", "thickness": "8 um"},
                cathode_first_cycle_loss=own_mAh_g / charge)
            rd = design.resolved()
            per_g = evaluate(design)[CAP] / rd.cathode_active_loading_kg_m2  # A h/kg = mAh/g
            assert per_g == pytest.approx(left, rel=1e-9)
