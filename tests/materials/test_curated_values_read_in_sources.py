"""Curated values beyond the review's tables, each checked against the number read in its cited
source (or in a page quoting it, named) on 2026-12-06; docs/validation.md, "Materials knowledge
base". Values whose source could not be read are listed under Known gaps in
docs/materials-data.md, not here."""

from __future__ import annotations

import re

import pytest

from solidcell.materials.schema import Material
from solidcell.materials.store import curated_materials


def _material(mid: str) -> Material:
    return next(m for m in curated_materials() if m.id == mid)


def test_li7p3s11_conductivity_and_activation_energy_of_seino2014() -> None:
    """Abstract of Seino et al., Energy Environ. Sci. 7, 627 (2014) (scilit.net record): 'an
    extremely high ionic conductivity of 1.7 x 10-2 S cm-1 and the lowest conduction
    activation energy of 17 kJ mol-1 at room temperature'."""
    m = _material("li7p3s11")
    sigma, ea = m.get("ionic_conductivity"), m.get("activation_energy")
    assert (sigma.source, ea.source) == ("seino2014", "seino2014")
    assert sigma.si == pytest.approx(1.7e-2 * 100.0)  # S/m
    assert ea.si == pytest.approx(17e3 / 96485.33212)  # eV (17 kJ/mol / F)


def test_lipon_values_against_the_abstract_of_yu1997() -> None:
    """Abstract of Yu, Bates, Jellison & Hart, J. Electrochem. Soc. 144, 524 (1997): 'average
    conductivity of 2.3 (+-0.7) x 10-6 S/cm at 25 C and an average activation energy of
    Ea = 0.55 +- 0.02 eV'; 'Lipon is stable from 0 to about 5.5 V with respect to a Li+/Li
    reference'. The stored film value 0.54 eV lies inside the average's uncertainty, the
    average conductivity inside the stored range (its ends, 2.0 and 3.3e-6 S/cm, are not in the
    abstract: docs/materials-data.md, Known gaps)."""
    m = _material("lipon")
    assert all(p.source == "yu1997_lipon" for p in (
        m.get("activation_energy"), m.get("oxidation_limit"), m.get("reduction_limit"),
        m.get("ionic_conductivity")))
    assert abs(m.si("activation_energy") - 0.55) <= 0.02
    assert m.si("oxidation_limit") == pytest.approx(5.5)
    assert m.si("reduction_limit") == pytest.approx(0.0)
    lo, hi = m.get("ionic_conductivity").si_range
    assert lo <= 2.3e-6 * 100.0 <= hi  # S/m


def test_li2s_p2s5_glass_youngs_modulus_of_sakuda2013() -> None:
    """'The Young's moduli of Li2S-P2S5 glasses are about 18-25 GPa' (Kato, Nagao, Sakuda,
    Hayashi & Tatsumisago, IMLB 2014 abstract 747, citing Sakuda et al., Sci. Rep. 3, 2261
    (2013) as their ref. [3]; the paper's own table was not read)."""
    e = _material("li3ps4").get("youngs_modulus")
    assert e.source == "sakuda2013"
    assert e.si_range == (pytest.approx(18e9), pytest.approx(25e9))


@pytest.mark.parametrize(("mid", "source", "g_cm3"), [
    # DuPont Kapton HN technical data sheet, Table 1: density 1.42 g/cc (ASTM D-1505-90) at
    # 23 degC for the 25, 50, 75 and 125 um films
    ("polyimide", "dupont_kapton_hn", 1.42),
    # SCHOTT BOROFLOAT 33 mechanical properties page: density (25 degC) 2.23 g/cm3
    ("glass", "schott_borofloat33", 2.23),
])
def test_substrate_densities_of_their_data_sheets(mid: str, source: str, g_cm3: float) -> None:
    rho = _material(mid).get("density")
    assert rho.source == source
    assert rho.si == pytest.approx(g_cm3 * 1000.0)


_RESISTIVITY = re.compile(r"resistivity ([0-9.]+) uOhm cm")


def test_electronic_conductivities_are_the_reciprocal_of_the_noted_resistivities() -> None:
    """Every electronic conductivity stored 'from the resistivity X uOhm cm' is 1/X to the 3
    digits stored (1 uOhm cm = 1e-8 Ohm m): a unit slip between the two fails. Li 9.28 and
    Cu 1.678 uOhm cm at 20 degC (haynes2016_crc) also appear in a resistivity table that
    quotes the CRC Handbook (9.28e-8 and 1.68e-8 Ohm m)."""
    checked = {}
    for m in curated_materials():
        for p in m.values("electronic_conductivity"):
            found = _RESISTIVITY.search(p.note or "")
            if found:
                checked[m.id] = p.si
                assert p.si == pytest.approx(1.0 / (float(found.group(1)) * 1e-8), rel=5e-3)
    assert set(checked) >= {"li_metal", "al_foil", "cu_foil", "ni_foil", "ss_foil"}


def test_carbon_conductivities_are_the_reciprocals_of_the_read_resistivities() -> None:
    """Carbon black: 1 / rho_inf of the powder resistivities extrapolated to infinite pressure
    printed in the abstract of tanso_carbon_conductivity, 0.32 Ohm cm (carbon black) and
    0.077 Ohm cm (acetylene black), to the 2 digits stored. VGCF: 1 / (60 uOhm cm) along the
    fibre axis, Table 8 of burchell1999_vgcf_table (also checked with the metals above)."""
    cb = _material("carbon_black").get("electronic_conductivity")
    assert cb.source == "tanso_carbon_conductivity"
    assert cb.min == pytest.approx(1 / 0.32, abs=0.05)  # S/cm
    assert cb.max == pytest.approx(1 / 0.077, abs=0.05)
    vgcf = _material("vgcf").get("electronic_conductivity")
    assert vgcf.source == "burchell1999_vgcf_table"
    assert vgcf.si == pytest.approx(1 / 60e-8, rel=5e-3)  # S/m
