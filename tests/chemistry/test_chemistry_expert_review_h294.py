"""Expert review of the chemistry module (2026-12-07, h294)."""

from __future__ import annotations

from clirun import run
from solidcell.chemistry.capacity import theoretical_capacity
from solidcell.citations import bibliography


def test_capacity_names_the_source_of_its_molar_mass(capsys) -> None:
    """q = n F / (3.6 M): F is CODATA 2018, M comes from pymatgen's element data; the result
    named codata2018 only, so the molar mass it shows had no source."""
    result = theoretical_capacity("LiFePO4")
    assert result.sources == ("codata2018", "ong2013_pymatgen")
    assert result.to_json()["sources"] == ["codata2018", "ong2013_pymatgen"]
    assert set(result.sources) <= set(bibliography())
    code, out, _ = run(["capacity", "LiFePO4"], capsys)
    assert code == 0 and "sources: codata2018, ong2013_pymatgen" in out


def test_a_curated_formula_typed_in_the_wrong_letter_case_is_warned(capsys) -> None:
    """'LiCOO2' (CO for Co) is Li C O3, which balances as Li+ C2+ O-, so it was answered with
    400 mAh/g and no word where LiCoO2 (lco, 274 mAh/g, srivastava_review Table 5) was
    meant."""
    result = theoretical_capacity("LiCOO2")
    assert result.capacity_mAh_g > 390  # still the formula as written (Faraday's law)
    assert any("LiCoO2 (lco)" in w and "letter case" in w for w in result.warnings)
    code, _, err = run(["capacity", "LiCOO2"], capsys)
    assert code == 0 and "warning: LiCOO2 differs from LiCoO2 (lco)" in err
    assert theoretical_capacity("LiCoO2").warnings == ()
    assert theoretical_capacity("Li2S").warnings == ()  # no curated formula like it
