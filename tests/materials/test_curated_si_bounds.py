"""Units at the curated-data boundary: every curated number, converted to SI by its own unit,
lies in a physically possible range given by a named fact, so a unit slip (S/cm written as S/m,
g/cm3 as kg/m3, GPa as MPa, kJ/mol as eV) fails here instead of reaching a model.

The facts and where they were read:

- Densities of solids: from lithium, 0.534 g/cm3 (haynes2016_crc, the curated ``li_metal``
  value), the lightest solid element, to osmium, the densest element, 22.59 g/cm3 (CRC
  Handbook, haynes2016_crc; read as quoted: 22.587 +- 0.009 g/cm3 from X-ray data, and
  22.59 g/cm3 as the densest naturally occurring element). No curated material, polymers
  included (SBR 0.94 g/cm3), is lighter than lithium.
- Electronic conductivity: at most silver's, the highest of any metal at room temperature,
  resistivity 1.59e-8 Ohm m at 20 degC = 6.30e7 S/m (resistivity tables citing the CRC
  Handbook, haynes2016_crc).
- Electrode potentials vs Li/Li+: between 0 V (lithium itself; a host below it would plate
  lithium) and the span from Li+/Li (-3.04 V vs SHE) to F2/F- (+2.87 V vs SHE), 5.91 V, the
  most oxidising couple of the electrochemical series (standard potentials of the CRC
  Handbook's electrochemical series, haynes2016_crc, as read in tables that quote them).
- Activation energy of ionic conduction: above the thermal energy k_B T at 298.15 K
  (0.0257 eV, CODATA 2018 Boltzmann constant, codata2018): a barrier below it activates
  nothing, and 25 kJ/mol misread as eV (or 0.25 eV as kJ/mol) lands outside (0.0257, 3] eV.
- Isotropic elasticity: E = 2 G (1 + nu) with 0 <= nu <= 0.5 for the non-auxetic solids curated
  (nu <= 0.5 is the thermodynamic bound), so 2 <= E/G <= 3 for a material with both moduli.
- Faraday's law: a practical capacity never exceeds the theoretical one of the same material.
- Cross-source consistency of ionic conductivities: a material's measured room-temperature
  value lies within a decade of the review's range for it (srivastava_review, Tables 1-3), so a
  factor 100 (S/cm vs S/m) or 1000 (mS/cm vs S/cm) slip in either fails.
"""

from __future__ import annotations

import math

import pytest

from solidcell.materials.schema import Material, PropertyValue
from solidcell.materials.store import curated_materials

LITHIUM_DENSITY = 534.0  # kg/m3, haynes2016_crc (curated li_metal, 0.534 g/cm3)
OSMIUM_DENSITY = 22590.0  # kg/m3, haynes2016_crc (22.59 g/cm3, densest element)
SILVER_CONDUCTIVITY = 1.0 / 1.59e-8  # S/m, haynes2016_crc (1.59e-8 Ohm m at 20 degC)
LI_VS_SHE, F2_VS_SHE, NA_VS_SHE = -3.04, 2.87, -2.71  # V, haynes2016_crc electrochemical series
KT_298_EV = 8.617333262e-5 * 298.15  # eV, codata2018 Boltzmann constant x 298.15 K
VOLTAGE_PROPERTIES = ("average_voltage", "reduction_limit", "oxidation_limit")


def _numbers(p: PropertyValue) -> list[float]:
    """The SI numbers a property holds (value, or both ends of a range that has them)."""
    return [x for x in p.si_range if x is not None]


def _out_of(materials: tuple[Material, ...], name: str, lo: float, hi: float) -> list[str]:
    """'id: value (source)' for every stored ``name`` outside [lo, hi]."""
    return [f"{m.id}: {x:g} ({p.source})" for m in materials for p in m.values(name)
            for x in _numbers(p) if not lo <= x <= hi]


def test_every_density_lies_between_lithium_and_osmium() -> None:
    materials = curated_materials()
    assert sum(bool(m.values("density")) for m in materials) >= 45
    assert _out_of(materials, "density", LITHIUM_DENSITY, OSMIUM_DENSITY) == []


def test_the_density_bound_catches_a_unit_slip() -> None:
    """LLZO's 5.115 g/cm3 written with the unit kg/m3 (5.115 kg/m3) falls below lithium; the
    same number read as g/cm3 lies inside: the check is on the converted SI value."""
    slip = PropertyValue(name="density", value=5.115, unit="kg/m3", method="computed",
                         source="murugan2007")
    right = slip.model_copy(update={"unit": "g/cm3"})
    assert not LITHIUM_DENSITY <= slip.si <= OSMIUM_DENSITY
    assert LITHIUM_DENSITY <= right.si <= OSMIUM_DENSITY


def test_electronic_conductivities_do_not_exceed_silvers() -> None:
    materials = curated_materials()
    assert _out_of(materials, "electronic_conductivity", 0.0, SILVER_CONDUCTIVITY) == []
    # copper, the best curated conductor, is within 6 % of silver: an S/cm slip (x100) of any
    # metal would exceed the bound
    cu = next(m for m in materials if m.id == "cu_foil").si("electronic_conductivity")
    assert 0.9 * SILVER_CONDUCTIVITY < cu < SILVER_CONDUCTIVITY


def test_ionic_conductivities_lie_far_below_the_metals() -> None:
    """No curated ionic conductivity reaches 1 S/cm (100 S/m): the highest is beta''-alumina's
    0.4 S/cm at 300 degC (lu2010_beta_alumina); far below silver's electronic conductivity."""
    materials = curated_materials()
    names = ("ionic_conductivity", "bulk_ionic_conductivity")
    highest = max(x for m in materials for n in names for p in m.values(n) for x in _numbers(p))
    assert highest == pytest.approx(40.0)  # 0.4 S/cm, lu2010_beta_alumina
    assert highest < 1e-6 * SILVER_CONDUCTIVITY


def _voltage_span(mobile_ion: str) -> float:
    """Potential of F2/F- above the mobile ion's own couple [V] (haynes2016_crc)."""
    return F2_VS_SHE - {"Li": LI_VS_SHE, "Na": NA_VS_SHE}[mobile_ion]


def test_electrode_potentials_lie_between_the_ion_and_fluorine() -> None:
    materials = curated_materials()
    bad = [f"{m.id} {n}: {x:g} ({p.source})" for m in materials for n in VOLTAGE_PROPERTIES
           for p in m.values(n) for x in _numbers(p)
           if not 0.0 <= x <= _voltage_span(m.mobile_ion)]
    bad += [f"{m.id} ocp: {min(m.ocp.voltage):g}-{max(m.ocp.voltage):g}" for m in materials
            if m.ocp is not None
            and not 0.0 <= min(m.ocp.voltage) <= max(m.ocp.voltage) <= _voltage_span("Li")]
    assert bad == []
    assert sum(bool(m.values("oxidation_limit")) for m in materials) >= 15


def test_activation_energies_lie_above_the_thermal_energy() -> None:
    materials = curated_materials()
    energies = [(m.id, p) for m in materials for p in m.values("activation_energy")]
    assert len(energies) >= 16
    assert [f"{mid}: {p.si:g} eV" for mid, p in energies if not KT_298_EV < p.si <= 3.0] == []
    # the ones written in kJ/mol are converted (24 kJ/mol = 0.249 eV, kamaya2011)
    assert {p.unit for _, p in energies} == {"eV", "kJ/mol"}


def test_youngs_and_shear_moduli_obey_isotropic_elasticity() -> None:
    pairs = {m.id: (m.si("youngs_modulus"), m.si("shear_modulus")) for m in curated_materials()
             if m.si("youngs_modulus") is not None and m.si("shear_modulus") is not None}
    assert set(pairs) >= {"llzo", "li_metal", "li6ps5cl"}
    ratios = {mid: e / g for mid, (e, g) in pairs.items()}
    assert all(2.0 <= r <= 3.0 for r in ratios.values()), ratios
    # Poisson's ratio nu = E / 2G - 1: LLZO 0.257 (ni2012), Li 0.382 (masias2019_li_mechanics)
    assert ratios["llzo"] / 2 - 1 == pytest.approx(0.257, abs=1e-3)
    assert ratios["li_metal"] / 2 - 1 == pytest.approx(0.382, abs=1e-3)


def test_practical_capacity_never_exceeds_the_theoretical() -> None:
    checked = 0
    for m in curated_materials():
        theoretical = [x for p in m.values("theoretical_capacity") for x in _numbers(p)]
        practical = [x for p in m.values("practical_capacity") for x in _numbers(p)]
        if theoretical and practical:
            assert max(practical) <= min(theoretical), m.id
            checked += 1
    assert checked >= 6


def _room_temperature(p: PropertyValue) -> bool:
    return p.temperature is not None and abs(p.temperature - 298.15) <= 5.0


@pytest.mark.parametrize("name", ["ionic_conductivity", "bulk_ionic_conductivity"])
def test_measured_conductivity_within_a_decade_of_the_reviews_range(name: str) -> None:
    checked = 0
    for m in curated_materials():
        review = [p for p in m.values(name)
                  if p.source == "srivastava_review" and p.min is not None and p.max is not None
                  and _room_temperature(p)]
        measured = [p for p in m.values(name)
                    if p.method == "measured" and p.value is not None and _room_temperature(p)]
        for r in review:
            lo, hi = r.si_range
            for p in measured:
                decades = math.log10(p.si / lo) if p.si < lo else max(0.0, math.log10(p.si / hi))
                assert abs(decades) <= 1.0, (m.id, p.describe(), r.describe())
                checked += 1
    assert checked >= (6 if name == "ionic_conductivity" else 1)
