"""Properties of the bookkeeping that must hold, and one implementation for one and many."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from cellhelpers import composite_anode, ref1_design
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell import cite, evaluate, evaluate_many
from solidcell.cell.energy import PARAMETERS, core, design_parameters

POUCH = {"kind": "pouch", "n_layers": 20, "electrode_width_m": 0.1, "electrode_height_m": 0.2,
         "casing_density_kg_m3": 1600.0, "casing_thickness_m": 113e-6, "seal_width_m": 0.005,
         "tab_mass_kg": 0.002}


def test_levels_order_and_breakdown_sum(ref1):
    r = evaluate(ref1.replace(format=POUCH))
    v = r.values
    assert v["Cell gravimetric energy density [W.h.kg-1]"] < \
        v["Stack gravimetric energy density [W.h.kg-1]"]
    assert v["Cell volumetric energy density [W.h.L-1]"] < \
        v["Stack volumetric energy density [W.h.L-1]"]
    parts = sum(v[k] for k in ("Cathode areal mass [kg.m-2]", "Separator areal mass [kg.m-2]",
                               "Anode areal mass [kg.m-2]",
                               "Current collector areal mass [kg.m-2]",
                               "Electrolyte filling areal mass [kg.m-2]"))
    assert parts == pytest.approx(v["Stack areal mass [kg.m-2]"])
    thick = sum(v[k] for k in ("Cathode thickness [m]", "Separator thickness [m]",
                               "Anode thickness [m]", "Current collector thickness [m]"))
    assert thick == pytest.approx(v["Stack thickness [m]"])
    # cell energy = areal energy x area x layers
    assert v["Cell energy [W.h]"] == pytest.approx(
        v["Stack areal energy [W.h.m-2]"] * 0.02 * 20)
    assert math.isnan(v["Pack gravimetric energy density [W.h.kg-1]"])


def test_pack_level_from_efficiencies(ref1):
    pack = {"cells_in_series": 96, "cells_in_parallel": 2, "mass_efficiency": 0.8,
            "volume_efficiency": 0.6, "busbar_mass_kg": 0.0, "source": "test input"}
    r = evaluate(ref1.replace(format=POUCH, pack=pack))
    assert r["Pack gravimetric energy density [W.h.kg-1]"] == pytest.approx(
        0.8 * r["Cell gravimetric energy density [W.h.kg-1]"])
    assert r["Pack volumetric energy density [W.h.L-1]"] == pytest.approx(
        0.6 * r["Cell volumetric energy density [W.h.L-1]"])
    assert "test input" in r.conventions["Pack"]


def test_first_cycle_loss_scales_energy(ref1):
    """Without lithium in the anode (anode-free, no reservoir) the loss comes out of the
    cathode's capacity; the 30 um foil of SSB-REF-1 (N/P 1.002) supplies it (the lithium the
    anode holds at assembly, docs/cell.md; before 2026-12-07 the foil's cell lost it too)."""
    free = ref1.replace(anode={"kind": "anode_free"})
    full = evaluate(free)["Stack areal energy [W.h.m-2]"]
    lost = evaluate(free.replace(first_cycle_loss=0.1))["Stack areal energy [W.h.m-2]"]
    assert lost == pytest.approx(0.9 * full)
    foil = evaluate(ref1.replace(first_cycle_loss=0.1))["Stack areal energy [W.h.m-2]"]
    assert foil == pytest.approx(evaluate(ref1)["Stack areal energy [W.h.m-2]"])


def test_result_json_states_conventions_and_cites(ref1):
    r = evaluate(ref1)
    data = r.to_json()
    # SSB-REF-1 stack: 471.459 Wh/kg (tests/data/cell/energy_density_cases.csv,
    # solidcell_energy_cases: an independent hand calculation)
    assert data["stack"]["Gravimetric energy density [W.h.kg-1]"] == pytest.approx(471.459,
                                                                                  rel=1e-3)
    assert set(data["conventions"]) >= {"Lithium volume", "Cathode mass reference state",
                                        "First-cycle loss", "Cell packaging", "Pack"}
    text = cite(r, style="text")
    assert "newman1975" in text and "haynes2016_crc" in text


def test_evaluate_many_designs_equals_evaluate(ref1):
    designs = [ref1.replace(**{"cathode.thickness_m": t, "anode.thickness_m": None,
                               "anode.np_ratio": 1.2}) for t in (60e-6, 100e-6, 140e-6)]
    batch = evaluate_many(designs)
    for i, d in enumerate(designs):
        one = evaluate(d)
        for key in ("Stack gravimetric energy density [W.h.kg-1]",
                    "Cell specific power [W.kg-1]", "N/P ratio"):
            assert batch[key][i] == pytest.approx(one[key], nan_ok=True)


def test_evaluate_many_arrays_path_equals_evaluate(ref1):
    params = design_parameters(ref1.resolved())
    t = np.linspace(50e-6, 150e-6, 11)
    batch = evaluate_many({**{k: v for k, v in params.items() if k in PARAMETERS},
                           "cathode_thickness_m": t, "anode_np_ratio": 1.2})
    assert len(batch) == 11
    for i in (0, 5, 10):
        one = evaluate(ref1.replace(**{"cathode.thickness_m": float(t[i]),
                                       "anode.thickness_m": None, "anode.np_ratio": 1.2}))
        assert batch["Stack volumetric energy density [W.h.L-1]"][i] == pytest.approx(
            one["Stack volumetric energy density [W.h.L-1]"])


def test_infeasible_array_rows_carry_a_reason(ref1):
    params = design_parameters(ref1.resolved())
    batch = evaluate_many({**params, "anode_thickness_m": np.array([5e-6, 40e-6])})
    assert batch.reasons[0].startswith("N/P ratio below 1")
    assert batch.reasons[1] == ""
    assert np.isnan(batch["Stack gravimetric energy density [W.h.kg-1]"][0])


@settings(max_examples=30, deadline=None)
@given(t_cat=st.floats(10e-6, 400e-6), t_sep=st.floats(1e-6, 200e-6),
       extra=st.floats(0.0, 100e-6), charged=st.booleans())
def test_monotonic_in_layer_thickness(t_cat, t_sep, extra, charged):
    """More separator never helps; charged never stores more per litre than discharged."""
    p = design_parameters(ref1_design().resolved())
    p.update(cathode_thickness_m=t_cat, separator_thickness_m=t_sep, anode_np_ratio=1.1,
             charged=float(charged))
    a = core(p)
    b = core({**p, "separator_thickness_m": t_sep + extra})
    key = "Stack gravimetric energy density [W.h.kg-1]"
    assert b[key] <= a[key] * (1 + 1e-12)
    assert np.all(np.isfinite(a[key])) and a[key] > 0
    disc = core({**p, "charged": 0.0})["Stack volumetric energy density [W.h.L-1]"]
    assert a["Stack volumetric energy density [W.h.L-1]"] <= disc * (1 + 1e-12)


def test_power_falls_with_conductivity(ref1):
    p = design_parameters(ref1.resolved())
    sig = np.logspace(-4, 0, 9)
    out = core({**p, "separator_conductivity_S_m": sig,
                "cathode_electrolyte_conductivity_S_m": sig})
    assert np.all(np.diff(out["Cell specific power [W.kg-1]"]) > 0)
    # ohmic limit: R = t_sep/sigma + t_cat/(3 sigma eps^1.5) (newman1975, bruggeman1935)
    r = 30e-6 / sig + 100e-6 / (3 * sig * 0.35**1.5)
    assert out["Area-specific resistance [Ohm.m2]"] == pytest.approx(r)


def test_chunked_threads_equal_one_call(ref1):
    """evaluate_many splits large arrays into chunks on threads: same numbers as one call."""
    from solidcell.cell.energy import CHUNK

    p = design_parameters(ref1.resolved())
    rng = np.random.default_rng(0)
    n = 2 * CHUNK + 17
    p.update(cathode_thickness_m=rng.uniform(20e-6, 300e-6, n), anode_np_ratio=1.1,
             separator_thickness_m=rng.uniform(-5e-6, 60e-6, n))
    batch = evaluate_many(p)
    whole = core(p)
    for key in ("Cell gravimetric energy density [W.h.kg-1]", "Reason code",
                "Maximum C-rate [h-1]"):
        np.testing.assert_array_equal(batch[key], whole[key])


def test_composite_anode_sized_by_np(materials):
    """A graphite-like composite anode: t_an = N/P Q / (v rho q) (the sizing rule)."""
    d = ref1_design(anode=composite_anode())
    rd = d.resolved()
    q_m2 = 6.175 * 10.0  # A h/m2
    k_an = 0.6 * 2260.0 * 372.0  # A h/m3
    assert rd.anode_thickness_m == pytest.approx(1.1 * q_m2 / k_an)
    assert rd.cell_voltage_V == pytest.approx(3.7)
    r = evaluate(d)
    assert r["N/P ratio"] == pytest.approx(1.1)
    assert r["Anode thickness [m]"] == pytest.approx(rd.anode_thickness_m)
    # the composite anode conducts through its electrolyte like the cathode (uniform
    # reaction, Bruggeman; docs/cell.md): R gains t_an / (3 sigma eps_an^1.5)
    from solidcell.chemistry.conductivity import conductivity_at

    sigma = float(conductivity_at(materials["case_se"], d.temperature_K).ionic_conductivity_S_m)
    eps_an = rd.anode.electrolyte_volume_fraction
    metal = evaluate(ref1_design())
    added = r["Area-specific resistance [Ohm.m2]"] - metal["Area-specific resistance [Ohm.m2]"]
    assert added == pytest.approx(rd.anode_thickness_m / (3 * sigma * eps_an**1.5))
    assert r["Ohmic C-rate limit [h-1]"] < metal["Ohmic C-rate limit [h-1]"]
    assert "composite anode" in r.conventions["Power"]


def test_batches_state_conventions_and_sources(ref1):
    batch = evaluate_many([ref1], charged=True)
    assert batch.conventions["Lithium volume"].startswith("charged")
    assert "solidcell_energy_cases" in batch.sources
    assert "haynes2016_crc" in cite(batch, style="text")


@settings(max_examples=25, deadline=None)
@given(frac=st.floats(0.0, 3.0))
def test_power_is_never_negative_and_polarisation_below_the_voltage(frac):
    """P = C Q (1 - loss)(V - dV) (docs/cell.md) is positive for 0 < dV < V; a polarisation
    at or above the cell voltage is refused with the field and the voltage, never a negative
    power (it was: --polarisation 5 gave -1.4e4 W/kg)."""
    from solidcell.errors import ValidationError

    ref1 = ref1_design()
    volt = ref1.resolved().cell_voltage_V
    dv = frac * volt
    if 0 < dv < volt:
        r = evaluate(ref1, max_polarisation_V=dv)
        assert r["Cell specific power [W.kg-1]"] > 0
        assert min(r.power_range_W_kg) > 0
    else:
        with pytest.raises(ValidationError, match="max_polarisation_V.*cell voltage"
                           if dv > 0 else "max_polarisation_V"):
            evaluate(ref1, max_polarisation_V=dv)


def test_core_gives_no_power_when_polarisation_exceeds_voltage(ref1):
    p = design_parameters(ref1.resolved())
    p["max_polarisation_V"] = np.array([0.2, p["cathode_voltage_V"] + 1.0])
    out = {k: np.broadcast_to(v, (2,)) for k, v in core(p).items()}
    assert out["Cell specific power [W.kg-1]"][0] > 0
    assert math.isnan(out["Cell specific power [W.kg-1]"][1])
    # the energy does not depend on the allowed polarisation
    energy = out["Cell gravimetric energy density [W.h.kg-1]"]
    assert energy[0] == energy[1] and energy[0] > 0


def test_missing_power_is_explained_once_per_electrolyte(repo_root):
    """The polymer example with one polymer in separator and cathode that has one conductivity
    value and no activation energy (PEGDA for its PEO-LiTFSI, which has a measured 25-100 C
    series now), at 60 degC, repeated the same note twice in its 'Power' convention."""
    text = (repo_root / "examples" / "polymer-lfp-peo-li.yaml").read_text("utf-8")
    result = evaluate(text.replace("peo_litfsi", "pegda_xl"))
    power = result.to_json()["conventions"]["Power"]
    assert power.startswith("not computed: ") and power.count("pegda_xl: ") == 1


def test_result_cannot_be_changed_after_the_fact(ref1):
    """A result is a record of one evaluation: its values and conventions are read-only, and
    changing the dict it was built from does not reach it."""
    res = evaluate(ref1)
    with pytest.raises(TypeError):
        res.values["Cell gravimetric energy density [W.h.kg-1]"] = 1e9  # type: ignore[index]
    with pytest.raises(TypeError):
        res.conventions["Level"] = "edited"  # type: ignore[index]
    source = dict(res.values)
    copy = type(res)(res.name, source, res.power_range_W_kg, dict(res.conventions), res.sources)
    source["Cell gravimetric energy density [W.h.kg-1]"] = 0.0
    assert copy["Cell gravimetric energy density [W.h.kg-1]"] == res[
        "Cell gravimetric energy density [W.h.kg-1]"]
    assert json.loads(json.dumps(res.to_json()))["conventions"] == dict(res.conventions)


@pytest.mark.parametrize("loss", [0.0, 0.1, 0.3])
def test_ohmic_current_and_power_do_not_depend_on_first_cycle_loss(ref1, loss):
    """Ohm's law: the largest current within dV is I = dV / R [A/m2] whatever capacity was
    lost; the C-rate is relative to the delivered (reported) areal capacity, so C x Q = I, and
    the power at that current is I (V - dV). Before, C was relative to the capacity before
    the loss while the power was multiplied by (1 - loss): 10 % loss cut the power by 10 %."""
    r = evaluate(ref1.replace(first_cycle_loss=loss))
    R = r["Area-specific resistance [Ohm.m2]"]
    current = 0.2 / R  # default allowed polarisation 0.2 V
    assert r["Maximum C-rate [h-1]"] * r["Areal capacity [A.h.m-2]"] == pytest.approx(current)
    stack_w_m2 = r["Stack specific power [W.kg-1]"] * r["Stack areal mass [kg.m-2]"]
    assert stack_w_m2 == pytest.approx(current * (3.8 - 0.2))


def test_separator_porosity_lowers_its_conductivity_as_bruggeman(ref1):
    """A separator of porosity p conducts through its electrolyte fraction 1 - p:
    sigma (1 - p)^1.5 (bruggeman1935), as the composite's electrolyte does and as
    solidcell.simulation.parameters already uses; before, the porosity lowered the mass only
    (a porous separator looked lighter at no cost in power)."""
    sig = np.logspace(-3, 0, 4)
    p = design_parameters(ref1.replace(**{"separator.porosity": 0.2}).resolved())
    out = core({**p, "separator_conductivity_S_m": sig,
                "cathode_electrolyte_conductivity_S_m": sig})
    r = 30e-6 / (sig * 0.8**1.5) + 100e-6 / (3 * sig * 0.35**1.5)
    assert out["Area-specific resistance [Ohm.m2]"] == pytest.approx(r)
    # the mass falls by the same void fraction: 1.86 g/cm3 x 30 um x 0.8
    assert out["Separator areal mass [kg.m-2]"] == pytest.approx(1860 * 30e-6 * 0.8)


def test_li_foil_at_np_1_is_as_thick_as_the_lithium_the_cathode_plates(ref1):
    """Faraday's law on both sides (codata2018): a lithium foil sized at N/P = 1 holds the
    cathode's capacity, so it is exactly as thick as the lithium plated in the charged state
    (Q / (q_Li rho_Li), 4.85 um per mAh/cm2). A lithium record with the review's rounded
    3860 mAh/g gave a foil 0.03 % thicker than the plated lithium."""
    from solidcell.cell.design import li_metal_capacity_mAh_g
    from solidcell.materials.schema import Material

    li = Material(id="case_li_review", name="Li with a rounded capacity", formula="Li",
                  category="anode", properties=[
                      {"name": "density", "value": 0.534, "unit": "g/cm3",
                       "method": "datasheet", "source": "haynes2016_crc"},
                      {"name": "theoretical_capacity", "value": 3860, "unit": "mAh/g",
                       "method": "review", "source": "srivastava_review"}])
    d = ref1.replace(anode={"kind": "li_metal", "material": li, "np_ratio": 1.0})
    disc, charged = evaluate(d), evaluate(d, charged=True)
    foil = disc["Anode thickness [m]"]
    plated = charged["Anode thickness [m]"] - foil
    assert foil == pytest.approx(plated, rel=1e-9)
    q = 61.75  # Ah/m2 of SSB-REF-1
    assert foil == pytest.approx(q / (li_metal_capacity_mAh_g() * 534.0), rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(loss=st.floats(0.0, 0.5), porosity=st.floats(0.0, 0.5), sig=st.floats(1e-4, 10.0),
       t_sep=st.floats(1e-6, 200e-6), t_cat=st.floats(5e-6, 300e-6))
def test_ohmic_limit_is_ohms_law_with_bruggeman_separator(loss, porosity, sig, t_sep, t_cat):
    """Property (newman1975, bruggeman1935, Ohm's law): R = t_sep/(sigma (1-p)^1.5) +
    t_cat/(3 sigma eps^1.5); the ohmic C-rate times the delivered capacity is dV/R; the power
    falls as the separator's porosity rises."""
    p = design_parameters(ref_porous(porosity).resolved())
    p.update(first_cycle_loss=loss, separator_conductivity_S_m=sig,
             cathode_electrolyte_conductivity_S_m=sig, separator_thickness_m=t_sep,
             cathode_thickness_m=t_cat, anode_np_ratio=1.2)
    out = core(p)
    r = t_sep / (sig * (1 - porosity) ** 1.5) + t_cat / (3 * sig * 0.35**1.5)
    assert out["Area-specific resistance [Ohm.m2]"] == pytest.approx(r, rel=1e-9)
    assert out["Ohmic C-rate limit [h-1]"] * out["Areal capacity [A.h.m-2]"] == \
        pytest.approx(0.2 / r, rel=1e-9)
    denser = core({**p, "separator_porosity": porosity / 2})
    assert denser["Maximum C-rate [h-1]"] >= out["Maximum C-rate [h-1]"] * (1 - 1e-12)


def ref_porous(porosity: float):
    return ref1_design(**{"separator.porosity": porosity})


def test_power_range_uses_the_conductivity_data_at_the_design_temperature():
    """The power range follows the spread of the data within 5 K of the design temperature;
    with none there, that of the nearest data temperature as factors. A measured 60 degC value
    is not widened by a review's 25 degC range (the polymer example's range was 853-8526 W/kg
    around 989 W/kg, the review's 1e-5-1e-4 S/cm carried to 60 degC)."""
    from solidcell.cell.energy import conductivity_spread
    from solidcell.materials.schema import Material

    def sigma(value=None, lo=None, hi=None, t=298.15):
        return {"name": "ionic_conductivity", "unit": "S/cm", "temperature": t,
                "method": "measured", "source": "srivastava_review",
                **({"value": value} if value is not None else {"min": lo, "max": hi})}

    se = Material(id="case_spread", name="spread (test)", category="electrolyte",
                  electrolyte_class="solid_polymer",
                  properties=[sigma(1e-5), sigma(1e-5, t=333.15),
                              sigma(lo=0.5e-5, hi=4e-5)])
    assert conductivity_spread(se, 333.15) == (1.0, 1.0)  # one value there
    room = conductivity_spread(se, 298.15)
    assert room == pytest.approx((0.5, 4.0))
    # no data within 5 K: the data at the nearest data temperature, as factors
    assert conductivity_spread(se, 308.15) == pytest.approx(room)  # nearest: 25 degC
    assert conductivity_spread(se, 323.15) == pytest.approx((1.0, 1.0))  # nearest: 60 degC
