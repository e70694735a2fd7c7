"""``crossover`` thins the planar cathode until its ohmic C-rate limit meets the rate, the
limit relative to the delivered capacity ``(1 - net loss) Q`` of ``core``: the first-cycle
loss less what the lithium a host anode holds at assembly supplies (``net_first_cycle_loss``,
holtstiege2018_prelithiation). It used the loss as given (a closed form with ``(1 - loss)``):
a prelithiated cell's thinned cathode did not meet the rate in ``evaluate`` of the same
design.

Property: ``evaluate`` of the planar design with the thinned cathode (at the conductivity of
its own electrolyte, the one ``crossover`` is given) has the ohmic C-rate limit the rate asks
(rel 1e-9), with or without held lithium, and the design's thickness is kept where it
already meets the rate."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell.cell.architectures import crossover, thickest_meeting_rate
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import core, design_parameters, evaluate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OHMIC = "Ohmic C-rate limit [h-1]"


def planar(prelithiation: float | None, loss: float) -> CellDesign:
    """The EV example (Li6PS5Cl in cathode and separator) on a 150 um Li-In foil."""
    anode = {"kind": "li_in", "thickness": "150 um"}
    if prelithiation is not None:
        anode["prelithiation"] = prelithiation
    return CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml").replace(
        anode=anode, first_cycle_loss=loss, cathode_interface_resistance_ohm_m2=2e-3)


THREE_D = CellDesign.from_yaml(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")


def own_conductivity(design: CellDesign) -> float:
    return design_parameters(design.resolved())["separator_conductivity_S_m"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prelithiation=st.sampled_from([None, 0.0, 0.05, 0.15, 0.3]),
       loss=st.sampled_from([0.0, 0.1, 0.2]), c_rate=st.sampled_from([2.0, 5.0, 10.0]))
def test_the_thinned_cathode_meets_the_rate_in_evaluate(prelithiation, loss, c_rate):
    design = planar(prelithiation, loss)
    sigma = own_conductivity(design)
    out = crossover(design, THREE_D, c_rate_h=c_rate, conductivity_S_m=np.array([sigma]))
    t = float(out.planar_cathode_thickness_m[0])
    thinned = evaluate(design.replace(**{"cathode.thickness_m": t}))
    if t < design.cathode.thickness_m:
        assert thinned[OHMIC] == pytest.approx(c_rate, rel=1e-9)
    else:
        assert evaluate(design)[OHMIC] >= c_rate


def test_held_lithium_covering_the_loss_gives_the_lossless_thickness():
    """With held lithium beyond the loss the delivered capacity is the cathode's whole
    capacity: the thinned cathode is the one of a cell without loss, thinner than the loss
    as given made it (the old closed form's (1 - loss) capacity)."""
    sigma = np.array([own_conductivity(planar(None, 0.0))])
    lossless = crossover(planar(None, 0.0), THREE_D, 5.0, sigma).planar_cathode_thickness_m
    held = crossover(planar(0.3, 0.2), THREE_D, 5.0, sigma).planar_cathode_thickness_m
    bare = crossover(planar(None, 0.2), THREE_D, 5.0, sigma).planar_cathode_thickness_m
    assert held[0] == pytest.approx(lossless[0], rel=1e-12)
    assert held[0] < bare[0]


def test_the_bisection_is_the_closed_form_without_held_lithium():
    """Without held lithium the thickness is the root of c k_d t R(t) = dV with R(t) = R0 +
    t / (3 sigma_eff) (newman1975, Bruggeman: bruggeman1935) that the closed form gave."""
    design = planar(None, 0.1)
    p = design_parameters(design.resolved())
    sigma = np.array([1e-3, 1e-2, 0.3])
    for key in ("separator_conductivity_S_m", "cathode_electrolyte_conductivity_S_m"):
        p[key] = sigma
    c = 10.0
    k_d = (p["cathode_active_volume_fraction"] * p["cathode_active_density_kg_m3"]
           * p["cathode_capacity_Ah_kg"]) * (1 - p["first_cycle_loss"])
    sig_eff = sigma * p["cathode_electrolyte_volume_fraction"] ** 1.5
    r0 = (p["separator_thickness_m"] / sigma + p["cathode_interface_resistance_ohm_m2"]
          + p["anode_interface_resistance_ohm_m2"])
    a, b, dv = c * k_d / (3 * sig_eff), c * k_d * r0, p["max_polarisation_V"]
    root = np.minimum((-b + np.sqrt(b**2 + 4 * a * dv)) / (2 * a), p["cathode_thickness_m"])
    got = thickest_meeting_rate(p, c)
    assert got == pytest.approx(root, rel=1e-9)
    assert (core({**p, "cathode_thickness_m": got})[OHMIC] >= c).all()
