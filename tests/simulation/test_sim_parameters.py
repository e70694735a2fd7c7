"""CellParameters, the mapping from a CellDesign, OCP curves and their sources."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from simhelpers import design_dict, half_cell

from solidcell.cell.design import CellDesign
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.citations import cite, reference
from solidcell.errors import SolidcellError, UnsupportedError, ValidationError
from solidcell.materials import resolve
from solidcell.materials.schema import Material
from solidcell.simulation.ocp import active_material_table, bundled_materials, ocp_for
from solidcell.simulation.parameters import (
    FARADAY,
    LI_IN_POTENTIAL_V,
    CounterElectrode,
    electrode_from_material,
    parameters_from_design,
)


def test_bundled_ocp_is_the_published_data() -> None:
    # Chen et al., J. Electrochem. Soc. 167, 080534 (2020): first measured point of the LG M50
    # NMC811 pseudo-OCP as shipped with PyBaMM (nmc_LGM50_ocp_Chen2020.csv)
    curve = ocp_for("nmc811")
    assert curve.source == "chen2020"
    assert curve.stoichiometry[0] == pytest.approx(0.266145163492257)
    assert curve.voltage_V[0] == pytest.approx(4.2935653)
    # the extrapolation points PyBaMM adds (sto 0.2488 and 1.0) are not measured: removed
    assert curve.lower > 0.26 and curve.upper < 0.91


def test_every_bundled_value_has_a_known_source() -> None:
    assert bundled_materials()  # the loop below runs
    for mid in bundled_materials():
        assert reference(ocp_for(mid).source)
        for key, entry in active_material_table()[mid].items():
            if isinstance(entry, dict) and "source" in entry:
                assert reference(entry["source"]), (mid, key)


@given(st.floats(-10, 10, allow_nan=False))
@example(0.7)  # inside the data window (0.4-0.999 for LCO), which few draws hit
def test_ocp_is_never_evaluated_outside_its_data(sto: float) -> None:
    """Below the data's lowest stoichiometry the first voltage, above its highest the last
    one (the curve is held, not extrapolated)."""
    curve = ocp_for("lco")
    v = float(curve.evaluate(sto))
    assert min(curve.voltage_V) <= v <= max(curve.voltage_V)
    if sto <= curve.lower:
        assert v == pytest.approx(curve.voltage_V[0])
    if sto >= curve.upper:
        assert v == pytest.approx(curve.voltage_V[-1])


def test_utilisable_capacity_is_faraday_over_the_data_window() -> None:
    cp = half_cell("nmc811", thickness=60e-6, phi=0.6, area=1e-4)
    p = cp.positive
    # Q = F c_max (s_hi - s_lo) phi L A
    expected = FARADAY * p.maximum_concentration_mol_m3 * (p.ocp.upper - p.ocp.lower) \
        * 0.6 * 60e-6 * 1e-4 / 3600.0
    assert cp.capacity_A_h == pytest.approx(expected, rel=1e-12)
    assert cp.positive_window == pytest.approx((p.ocp.lower, p.ocp.upper))


def test_li_in_counter_electrode_lowers_the_ocv_by_0_62_V() -> None:
    li = half_cell(counter="li_metal")
    li_in = li.with_changes(negative=CounterElectrode("li_in"))
    d = np.linspace(0, 1, 7)
    assert np.allclose(li.open_circuit_voltage(d) - li_in.open_circuit_voltage(d),
                       LI_IN_POTENTIAL_V)
    assert li.negative.kind == "li_metal"  # with_changes did not mutate the original


def test_effective_conductivity_bruggeman_and_tortuosity() -> None:
    cp = half_cell(kappa=0.5, eps=0.3)
    assert cp.positive.effective_ionic_conductivity_S_m == pytest.approx(0.5 * 0.3**1.5)
    pos, _ = electrode_from_material("nmc811", thickness_m=5e-5, active_volume_fraction=0.6,
                                     electrolyte_volume_fraction=0.3,
                                     electrolyte_conductivity_S_m=0.5, tortuosity_factor=3.0)
    assert pos.effective_ionic_conductivity_S_m == pytest.approx(0.5 * 0.3 / 3.0)


@settings(max_examples=40, deadline=None)
@given(eps=st.one_of(st.floats(-5, 0), st.floats(1, 5), st.just(math.nan)))
def test_bad_fractions_are_rejected_with_the_field(eps: float) -> None:
    with pytest.raises(ValidationError, match="electrolyte_volume_fraction"):
        electrode_from_material("nmc811", thickness_m=5e-5, active_volume_fraction=0.5,
                                electrolyte_volume_fraction=eps,
                                electrolyte_conductivity_S_m=0.1)


def test_material_without_kinetics_is_unsupported_with_reason() -> None:
    with pytest.raises(UnsupportedError, match=r"exchange-current|OCP|open-circuit"):
        electrode_from_material("lmo", thickness_m=5e-5, active_volume_fraction=0.5,
                                electrolyte_volume_fraction=0.3,
                                electrolyte_conductivity_S_m=0.1)


def test_parameters_from_design_uses_knowledge_base_conductivity() -> None:
    design = CellDesign(**design_dict())
    cp = parameters_from_design(design)
    sigma = float(conductivity_at("li6ps5cl", 298.15).ionic_conductivity_S_m)
    assert cp.separator_conductivity_S_m == pytest.approx(sigma)  # dense separator
    assert cp.positive.electrolyte_conductivity_S_m == pytest.approx(sigma)
    assert cp.area_m2 == pytest.approx(1e-4)
    assert cp.positive.thickness_m == pytest.approx(50e-6)
    assert cite(cp)  # every source is in the bibliography


def test_temperature_follows_arrhenius_or_says_what_is_missing() -> None:
    lgps = CellDesign(**design_dict(**{"separator.electrolyte": "lgps",
                                       "cathode.electrolyte": "lgps"}))
    hot = parameters_from_design(lgps, temperature_K=333.15)
    sigma_hot = float(conductivity_at("lgps", 333.15).ionic_conductivity_S_m)
    assert hot.separator_conductivity_S_m == pytest.approx(sigma_hot)
    assert hot.positive.electrolyte_conductivity_S_m == pytest.approx(sigma_hot)
    # a material with one conductivity value and no activation energy cannot be moved in T
    # (inline, since the curated Li6PS5Cl has one now: laskowski2023_conductivity_dataset)
    li6ps5cl = resolve("li6ps5cl")
    one_value = Material(
        id="one_value_se", name="Li6PS5Cl without its activation energy",
        category="electrolyte", electrolyte_class="sulfide",
        properties=[p for p in li6ps5cl.properties if p.name != "activation_energy"])
    no_ea = CellDesign(**design_dict(**{"separator.electrolyte": one_value,
                                        "cathode.electrolyte": one_value}))
    with pytest.raises(ValidationError, match=r"activation_energy|activation energy"):
        parameters_from_design(no_ea, temperature_K=333.15)


def test_interface_resistance_from_the_design_or_the_option() -> None:
    design = CellDesign(**design_dict(cathode_interface_resistance="20 Ohm cm2",
                                      anode_interface_resistance="5 Ohm cm2"))
    assert parameters_from_design(design).interface_resistance_ohm_m2 == pytest.approx(25e-4)
    forced = parameters_from_design(design, interface_resistance_ohm_m2=1e-4)
    assert forced.interface_resistance_ohm_m2 == pytest.approx(1e-4)


def test_design_variants_map_or_say_why() -> None:
    li_in = parameters_from_design(CellDesign(**design_dict(**{"anode.kind": "li_in"})))
    assert li_in.negative.potential_V == pytest.approx(LI_IN_POTENTIAL_V)
    free = parameters_from_design(CellDesign(**design_dict(
        anode={"kind": "anode_free"})))
    assert any("anode-free" in n for n in free.notes)
    # a cathode without electrolyte is a dense film (the thin-film model), and said so
    film = parameters_from_design(CellDesign(**design_dict(**{
        "cathode.active_fraction": 1.0, "cathode.electrolyte_fraction": 0.0})))
    assert film.dense_film and any("thin-film model" in n for n in film.notes)
    # with pores it is neither a composite nor a dense film: refused, naming the field
    with pytest.raises(SolidcellError, match="electrolyte"):
        parameters_from_design(CellDesign(**design_dict(**{
            "cathode.active_fraction": 1.0, "cathode.electrolyte_fraction": 0.0,
            "cathode.porosity": 0.2})))


def test_design_tortuosity_factor_reaches_the_simulation() -> None:
    """A measured tortuosity factor written in the design (``cathode.tortuosity_factor``) is
    the one the simulation uses, as ``evaluate`` does: kappa eps / tau (the definition of
    minnmann2021_transport_bottlenecks, Eq. 4); a factor given to the call wins; without one,
    Bruggeman's kappa eps^1.5 (bruggeman1935)."""
    plain = CellDesign.model_validate(design_dict())
    designed = plain.replace(**{"cathode.tortuosity_factor": 4.3})
    bruggeman = parameters_from_design(plain).positive
    measured = parameters_from_design(designed)
    eps = bruggeman.electrolyte_volume_fraction
    kappa = bruggeman.electrolyte_conductivity_S_m
    assert bruggeman.effective_ionic_conductivity_S_m == pytest.approx(kappa * eps**1.5)
    assert measured.positive.effective_ionic_conductivity_S_m == pytest.approx(kappa * eps / 4.3)
    assert any("tortuosity factor 4.3 from the design" in n for n in measured.notes)
    called = parameters_from_design(designed, tortuosity_factor=2.0).positive
    assert called.effective_ionic_conductivity_S_m == pytest.approx(kappa * eps / 2.0)


def test_design_tortuosity_factor_of_a_composite_anode() -> None:
    """``anode.tortuosity_factor`` of a graphite | Li6PS5Cl composite anode sets its
    effective conductivity kappa eps / tau in the simulation, as in ``evaluate``."""
    anode = {"kind": "graphite", "material": "graphite", "electrolyte": "li6ps5cl",
             "active_fraction": 0.6, "electrolyte_fraction": 0.4, "np_ratio": 1.1}
    design = CellDesign.model_validate(design_dict(anode=anode))
    neg = parameters_from_design(design.replace(**{"anode.tortuosity_factor": 3.0})).negative
    assert neg.effective_ionic_conductivity_S_m == pytest.approx(
        neg.electrolyte_conductivity_S_m * neg.electrolyte_volume_fraction / 3.0)
    plain = parameters_from_design(design).negative
    assert plain.effective_ionic_conductivity_S_m == pytest.approx(
        plain.electrolyte_conductivity_S_m * plain.electrolyte_volume_fraction ** 1.5)


def test_lithium_exchange_current_is_arrhenius_with_the_li_garnet_activation_energy() -> None:
    """eckhardt2023 (sec. 3.4): the Li | Li6.25Al0.25La3Zr2O12 interface resistance has an
    activation energy of 0.37 eV (fitted as ln(T / R) against 1/T, so j0 = RT / (F R) goes as
    exp(-E_a / k_B T)); xu2019's j0 holds at 298.15 K. Checked with k_B in eV/K (CODATA 2018:
    8.617333262e-5), a route independent of the model's F and R; every lithium-metal design
    cites the source."""
    from solidcell.simulation.parameters import (
        LI_METAL_J0_A_M2,
        T_REF,
        li_metal_exchange_current_A_m2,
    )

    k_b_ev = 8.617333262e-5
    assert li_metal_exchange_current_A_m2(T_REF) == pytest.approx(LI_METAL_J0_A_M2, rel=1e-12)
    for t in (253.15, 333.15, 373.15):
        ratio = li_metal_exchange_current_A_m2(t) / LI_METAL_J0_A_M2
        assert ratio == pytest.approx(math.exp(0.37 / k_b_ev * (1 / T_REF - 1 / t)), rel=1e-8)
    assert li_metal_exchange_current_A_m2(373.15) > 18 * LI_METAL_J0_A_M2  # 0.37 eV: x18.07
    cp = parameters_from_design(CellDesign(**design_dict()))
    assert {"xu2019", "eckhardt2023"} <= set(cp.sources)
    assert reference("eckhardt2023").fields["doi"] == "10.1002/admi.202202354"
