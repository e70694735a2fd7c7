"""Solid diffusivities taken at the cell's temperature in every run.

``electrode_from_material`` / ``dense_film_from_material`` (``parameters_from_design``) take the
active-material table's D, measured at 298.15 K, to the design's temperature by
``D exp(E_D/R (1/298.15 - 1/T))`` with the table's activation energy (nmc811 and graphite
``oregan2022``, lco ``ai2019``, nca ``kim2011``: PyBaMM's ORegan2022 / Ai2020 / NCA_Kim2011
diffusivity functions, each from 298.15 K; lfp none, constant). The DFN, the fast model and
``temperature_sweep`` read that one D; at 298.15 K nothing changes.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.simulation import cell_parameters, rate_capability
from solidcell.simulation.fast import FastArrays
from solidcell.simulation.ocp import active_material_table
from solidcell.simulation.parameters import (
    GAS_CONSTANT,
    T_REF,
    dense_film_from_material,
    electrode_from_material,
    solid_diffusivity_at,
)
from solidcell.simulation.pybamm_adapter import input_values

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
FILM = EXAMPLES / "thin-film-lco-lipon-li.yaml"
WITH_E_D = ("nmc811", "graphite", "lco", "nca")


def _electrode(material: str, temperature_K: float):
    return electrode_from_material(
        material, thickness_m=60e-6, active_volume_fraction=0.6,
        electrolyte_volume_fraction=0.3, electrolyte_conductivity_S_m=0.1,
        temperature_K=temperature_K)


@pytest.mark.parametrize("material", [*WITH_E_D, "lfp"])
def test_the_factor_at_298_15_k_is_one(material: str) -> None:
    """At T_REF (298.15 K, the sources' reference temperature) D is the table's, exactly, and
    no activation-energy source is added; the default temperature is T_REF."""
    table = active_material_table()[material]
    at_ref, src_ref = _electrode(material, T_REF)
    default, src_default = electrode_from_material(
        material, thickness_m=60e-6, active_volume_fraction=0.6,
        electrolyte_volume_fraction=0.3, electrolyte_conductivity_S_m=0.1)
    assert at_ref.diffusivity_m2_s == float(table["diffusivity_m2_s"]["value"])
    assert at_ref == default and src_ref == src_default
    e_d = table.get("diffusivity_activation_energy_J_mol")
    if e_d is not None:
        assert solid_diffusivity_at(1.0, float(e_d["value"]), T_REF) == 1.0
        assert e_d["source"] not in src_ref or e_d["source"] == table["diffusivity_m2_s"]["source"]


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_at_298_15_k_keeps_the_tables_diffusivity(example: str) -> None:
    """At 25 degC nothing changes: every simulable example's active layers carry the table's D
    exactly, with no note or source of the factor (measured 2026-12-07: the parameters, the fast
    capacities at 0.5-5C and the DFN's at 1 and 3C, notes and sources of every example are
    identical to those of the code before)."""
    from solidcell.errors import UnsupportedError

    try:
        cp = cell_parameters(EXAMPLES / example, temperature=298.15)
    except UnsupportedError:  # 3D architectures: not simulated
        return
    for e in (cp.positive, cp.negative):
        if hasattr(e, "diffusivity_m2_s"):
            table = active_material_table()[e.material]
            assert e.diffusivity_m2_s == float(table["diffusivity_m2_s"]["value"])
    assert not any("solid diffusivity" in n for n in cp.notes)
    assert "oregan2022" not in cp.sources


def test_nmc811_and_graphite_at_60_degc_as_oregan2022_writes_it() -> None:
    """oregan2022 (PyBaMM's ORegan2022.py): D_ref exp(d (1/298.15 - 1/T)) with d = 1449 K
    (NMC811) and 2092 K (graphite); the table's E_D is d R. At 333.15 K: x1.6663, x2.0900."""
    t = 333.15
    for material, d in (("nmc811", 1449.0), ("graphite", 2092.0)):
        e, src = _electrode(material, t)
        d_ref = float(active_material_table()[material]["diffusivity_m2_s"]["value"])
        assert e.diffusivity_m2_s == pytest.approx(d_ref * math.exp(d * (1 / 298.15 - 1 / t)),
                                                   rel=1e-12)
        assert "oregan2022" in src
        e_d = active_material_table()[material]["diffusivity_activation_energy_J_mol"]["value"]
        assert float(e_d) / GAS_CONSTANT == pytest.approx(d, rel=1e-12)


def test_lfp_stays_constant_and_the_notes_say_so() -> None:
    """lfp has no activation energy (prada2013's D is a constant): its D at 60 degC is the
    table's; a design's notes say it is constant there, and say nothing within 0.5 K of
    298.15 K."""
    e, _ = _electrode("lfp", 333.15)
    assert e.diffusivity_m2_s == float(active_material_table()["lfp"]["diffusivity_m2_s"]["value"])
    poly = cell_parameters(EXAMPLES / "polymer-lfp-peo-li.yaml", temperature=333.15)
    assert any("solid diffusivity of lfp constant" in n for n in poly.notes)
    for t in (298.15, 298.6):
        assert not any("solid diffusivity" in n for n in cell_parameters(
            EV, temperature=t).notes)


def test_notes_and_sources_of_a_run_off_25_degc() -> None:
    """EV example (nmc811) at 0 degC: the notes name the Arrhenius factor and its source, the
    sources cite oregan2022; at 25 degC neither."""
    cold = cell_parameters(EV, temperature=273.15)
    note = [n for n in cold.notes if n.startswith("solid diffusivity at 273.15 K by Arrhenius")]
    assert len(note) == 1 and "nmc811 12.05 kJ/mol (oregan2022)" in note[0]
    assert "oregan2022" in cold.sources
    assert "oregan2022" not in cell_parameters(EV).sources


@settings(max_examples=30, deadline=None)
@given(material=st.sampled_from(WITH_E_D), t_lo=st.floats(233.15, 400.0),
       dt=st.floats(0.01, 100.0))
def test_colder_means_a_smaller_diffusivity(material: str, t_lo: float, dt: float) -> None:
    """Property: every material with an activation energy > 0 diffuses slower when colder."""
    lo, _ = _electrode(material, t_lo)
    hi, _ = _electrode(material, t_lo + dt)
    assert lo.diffusivity_m2_s < hi.diffusivity_m2_s


@settings(max_examples=20, deadline=None)
@given(t=st.floats(253.15, 353.15), rate=st.sampled_from([2.0, 3.0, 5.0]))
def test_d_at_temperature_moves_the_high_rate_capacity_its_way(t: float, rate: float) -> None:
    """Property (fast model, EV example): at the same temperature, D taken at T instead of the
    298.15 K value delivers no more below 298.15 K and no less above it (only D differs)."""
    cp = cell_parameters(EV, temperature=t)
    d_ref = float(active_material_table()["nmc811"]["diffusivity_m2_s"]["value"])
    ref = cp.with_changes(positive=dataclasses.replace(cp.positive, diffusivity_m2_s=d_ref))
    q_t, q_ref = (rate_capability(p, [rate], model="fast").capacity_A_h[0] for p in (cp, ref))
    tol = 1e-9 * cp.capacity_A_h
    assert (q_t <= q_ref + tol) if t < T_REF else (q_t >= q_ref - tol)


def test_colder_d_delivers_less_at_a_high_rate_in_the_dfn() -> None:
    """The DFN (coarse mesh) at 0 degC, 3C: D at T (x0.693 of the 298.15 K value) delivers
    less than the same cell with the 298.15 K value."""
    cp = cell_parameters(EV, temperature=273.15)
    d_ref = float(active_material_table()["nmc811"]["diffusivity_m2_s"]["value"])
    ref = cp.with_changes(positive=dataclasses.replace(cp.positive, diffusivity_m2_s=d_ref))
    assert cp.positive.diffusivity_m2_s / d_ref == pytest.approx(
        math.exp(1449.0 * (1 / 298.15 - 1 / 273.15)), rel=1e-9)
    q_t, q_ref = (rate_capability(p, [3.0], mesh="coarse").capacity_A_h[0] for p in (cp, ref))
    assert q_t < q_ref


@pytest.mark.parametrize("t", [263.15, 298.15, 333.15])
def test_dfn_and_fast_model_see_the_same_diffusivity(t: float) -> None:
    """One place: PyBaMM's input and the fast model's array hold the same D, that of
    ``solid_diffusivity_at``; so does the dense film (thin-film model and its fast model read
    ``DenseFilmElectrode.diffusivity_m2_s``)."""
    cp = cell_parameters(EV, temperature=t)
    e_d = active_material_table()["nmc811"]["diffusivity_activation_energy_J_mol"]["value"]
    d_ref = float(active_material_table()["nmc811"]["diffusivity_m2_s"]["value"])
    expected = solid_diffusivity_at(d_ref, float(e_d), t)
    assert input_values(cp)["Positive particle diffusivity [m2.s-1]"] == expected
    assert FastArrays.from_parameters(cp).p_diffusivity_m2_s[0] == expected
    film = cell_parameters(FILM, temperature=t)
    built, _ = dense_film_from_material("lco", thickness_m=film.positive.thickness_m,
                                        temperature_K=t)
    assert film.positive.diffusivity_m2_s == built.diffusivity_m2_s
    assert input_values(film)["Positive film diffusivity [m2.s-1]"] == built.diffusivity_m2_s


def test_a_bad_temperature_is_refused() -> None:
    """Bad input: a temperature that is not a finite number > 0 K names ``temperature_K``."""
    from solidcell.errors import ValidationError

    for bad in (0.0, -5.0, float("nan"), "300 K"):
        with pytest.raises(ValidationError, match="temperature_K"):
            _electrode("nmc811", bad)  # type: ignore[arg-type]
