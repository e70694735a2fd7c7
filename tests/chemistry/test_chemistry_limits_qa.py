"""Conductivity at or above a material's decomposition onset is named in the warnings, and a
formula error stays short however long the pasted text.

Decomposition onsets of the curated data: PEO-LiTFSI 300 degC = 573.15 K (abels2022_peo_thermal,
TGA/DSC-MS abstract: stable up to 300 C); Li7P3S11 360 degC = 633.15 K
(jmatersci2008_li7p3s11_formation: the highest temperature the source kept Li7P3S11).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell.chemistry.composite import composite_conductivity
from solidcell.chemistry.composition import parse_composition
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.errors import MAX_SHOWN, ValidationError
from solidcell.materials.schema import MAX_NAME, MAX_TEXT, Material


def _decomposition_warnings(res: object) -> list[str]:
    return [w for w in res.warnings if "decomposition onset" in w]


@pytest.mark.parametrize(("material", "onset_K", "source"), [
    ("peo_litfsi", 573.15, "abels2022_peo_thermal"),
    ("li7p3s11", 633.15, "jmatersci2008_li7p3s11_formation")])
def test_temperature_at_or_above_the_decomposition_onset_is_named(
        material: str, onset_K: float, source: str) -> None:
    """Before: PEO-LiTFSI at 500 degC (773.15 K) got only 'outside the data'; the onset the
    cell and the route planner refuse was not mentioned."""
    hot = conductivity_at(material, [onset_K - 1.0, onset_K, onset_K + 200.0])
    (warning,) = _decomposition_warnings(hot)
    assert f"{onset_K + 200.0:g} K" in warning and f"{onset_K:g} K" in warning
    assert source in warning
    assert not _decomposition_warnings(conductivity_at(material, onset_K - 1.0))


def test_a_range_counts_from_its_lower_end() -> None:
    mat = Material.model_validate({
        "id": "my_glass", "name": "g", "category": "electrolyte", "electrolyte_class": "sulfide",
        "origin": "user", "properties": [
            {"name": "ionic_conductivity", "value": 1.0, "unit": "mS/cm", "temperature": 298.15,
             "method": "measured", "source": "lab"},
            {"name": "activation_energy", "value": 0.3, "unit": "eV", "method": "measured",
             "source": "lab"},
            {"name": "decomposition_temperature", "min": 600, "max": 650, "unit": "degC",
             "method": "measured", "source": "tga-lab"}]})
    assert not _decomposition_warnings(conductivity_at(mat, 873.0))
    (warning,) = _decomposition_warnings(conductivity_at(mat, 873.15))
    assert "873.15 K" in warning and "tga-lab" in warning


def test_composite_carries_its_polymer_decomposition_warning() -> None:
    """PEO-LLZO's PEO constituent decomposes at 300 degC; the composite passes the warning on."""
    res = composite_conductivity("peo_llzo_15wt", 600.0)
    assert any("peo_litfsi" in w and "decomposition onset" in w for w in res.warnings)


@pytest.mark.parametrize("text", ["Li" + "." * 5000, "1" * 5000, "li" * 3000,
                                  "Li" * 3000 + "-" + "P" * 3000,
                                  "LiO" * 3000 + " " + "LiO" * 3000])
def test_a_long_bad_formula_gives_a_short_message(text: str) -> None:
    """Before: pymatgen's reason repeated the whole text ('li'*3000 gave a 6,394-character
    message, 'Li' + 5000 dots 5,345) although the value itself is shown cut."""
    with pytest.raises(ValidationError) as info:
        parse_composition(text)
    assert info.value.value == text  # the value keeps the whole text
    assert len(str(info.value)) < 4 * MAX_SHOWN


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(
    ["Li", "La", "P", "S", "Cl", "O", "H", "D", "Og", "X", "0", "1", "2", "9", ".", "(", ")",
     "[", "]", "-", "\u2013", "\u00b7", "*", "+", " ", "e", "1e400", "H2O", "\u2082", "li"]),
    max_size=40).map("".join))
def test_any_text_is_a_composition_of_positive_amounts_or_a_short_validation_error(
        text: str) -> None:
    """Property over formula-like text: never another exception, never a zero, negative or
    infinite amount, and an error message of bounded length."""
    try:
        comp = parse_composition(text)
    except ValidationError as exc:
        assert exc.field == "formula" and exc.value == text
        assert len(str(exc)) < 4 * MAX_SHOWN
        return
    assert comp.num_atoms > 0
    assert all(float(a) > 0 and math.isfinite(float(a)) for a in comp.values())


@pytest.mark.parametrize(("text", "hint"), [
    ("Li+", "without charges"), ("S2-", "without charges"), ("Fe3+", "without charges"),
    ("Li\u207a", "without charges"), ("3Li2S+P2S5", "without charges"),
    ("LiCl.0.5H2O", "two decimal points"), ("Li7La3Zr2O12.0.5Li2O", "two decimal points")])
def test_charges_plus_signs_and_two_decimal_points_are_explained(text: str, hint: str) -> None:
    """Before: pymatgen's reason only ('+ is an invalid formula!', "'' is not an amount
    followed by a formula", "could not convert string to float: '.0.5'")."""
    with pytest.raises(ValidationError, match=hint) as info:
        parse_composition(text)
    assert info.value.value == text


def test_text_fields_of_a_material_have_a_length_limit() -> None:
    """Before: a formula, structure type or note of any length was stored (id, name and
    property notes already had their limits)."""
    base = {"id": "my_x", "name": "x", "category": "additive", "origin": "user"}
    for field, text in (("formula", "Li" * (MAX_NAME // 2 + 1)),
                        ("structure_type", "x" * (MAX_NAME + 1)),
                        ("note", "x" * (MAX_TEXT + 1))):
        with pytest.raises(ValidationError) as info:
            Material.model_validate({**base, field: text})
        assert info.value.field.endswith(field)
    assert Material.model_validate({**base, "formula": "Li" * (MAX_NAME // 2)}).formula


def _series(points: list[tuple[float, float]]) -> Material:
    """A user electrolyte with conductivities [mS/cm] at temperatures [K] of one source."""
    return Material.model_validate({
        "id": "my_series", "name": "s", "category": "electrolyte", "electrolyte_class": "oxide",
        "origin": "user", "properties": [
            {"name": "ionic_conductivity", "value": v, "unit": "mS/cm", "temperature": t,
             "method": "measured", "source": "lab"} for t, v in points]})


@pytest.mark.parametrize("points", [[(298.15, 1.0), (298.16, 2.0)],
                                    [(298.15, 1.0), (298.2, 1.01)]])
def test_values_within_half_a_kelvin_are_one_temperature(points: list) -> None:
    """Before: 1 and 2 mS/cm at 298.15 and 298.16 K gave inf S/m at 400 K (and 0 at 250 K);
    1 and 1.01 mS/cm 0.05 K apart gave 3.5e5 S/m at 400 K, each with the usual warning only.
    Now the second value is the same temperature (the first is kept): 0.1 S/m at 298.15 K, and
    other temperatures need an activation energy."""
    mat = _series(points)
    assert float(conductivity_at(mat, 298.15).ionic_conductivity_S_m) == pytest.approx(0.1)
    with pytest.raises(ValidationError, match="activation_energy"):
        conductivity_at(mat, 400.0)


def test_data_falling_with_temperature_do_not_extrapolate() -> None:
    """1 mS/cm at 300 K and 0.5 mS/cm at 350 K imply Ea = -k ln(0.5 * 350 / 300) /
    (1/350 - 1/300) = -0.0975 eV: between the data they interpolate, beyond them they are
    refused (the conductivity rose without bound on cooling)."""
    mat = _series([(300.0, 1.0), (350.0, 0.5)])
    inside = float(conductivity_at(mat, 320.0).ionic_conductivity_S_m)
    assert 0.05 < inside < 0.1
    for t in (250.0, 400.0):
        with pytest.raises(ValidationError, match=r"-0\.0975 eV") as info:
            conductivity_at(mat, t)
        assert info.value.field == "material" and f"{t:g} K" in str(info.value)


@settings(max_examples=80, deadline=None)
@given(st.floats(0.05, 0.8), st.floats(250.0, 400.0), st.floats(5.0, 100.0),
       st.floats(200.0, 500.0))
def test_two_point_extrapolation_follows_the_implied_activation_energy(
        ea: float, t1: float, gap: float, t: float) -> None:
    """Property: two values on one Arrhenius line (sigma T = A exp(-Ea/kT)) give that line
    everywhere, inside and outside the data (finite, positive)."""
    k_b = 8.617333262e-5  # eV/K, CODATA 2018
    t2 = t1 + gap

    def line(temp: float) -> float:  # mS/cm
        return 1.0 * (t1 / temp) * math.exp(-ea / k_b * (1 / temp - 1 / t1))

    got = float(conductivity_at(_series([(t1, 1.0), (t2, line(t2))]), t)
                .ionic_conductivity_S_m)
    assert math.isfinite(got) and got > 0
    assert got == pytest.approx(line(t) / 10.0, rel=1e-9)  # mS/cm -> S/m


@pytest.mark.parametrize(("text", "same_as"), [("CuSO4\u22195H2O", "CuSO4\u00b75H2O"),
                                               ("Li3PS4\u2219LiI", "Li4PS4I"),
                                               ("LiOH\u30fbH2O", "LiOH\u00b7H2O")])
def test_bullet_operator_and_katakana_middle_dot_are_hydrate_dots(text: str,
                                                                  same_as: str) -> None:
    """Before: 'CuSO4∙5H2O' (U+2219, as some papers typeset it) was refused ('∙ is an invalid
    formula!'). CuSO4·5H2O is 249.68 g/mol (pymatgen masses: 63.546 + 32.06 + 9 x 15.9994
    + 10 x 1.00794 = 249.685)."""
    assert parse_composition(text) == parse_composition(same_as)
    if text.startswith("CuSO4"):
        assert parse_composition(text).weight == pytest.approx(249.685, abs=0.01)


@pytest.mark.parametrize(("formula", "electrons"), [("Si" * 5000, None), ("Li" * 5000, 1e9)])
def test_capacity_errors_stay_short_for_a_long_formula(formula: str, electrons) -> None:
    """Before: the messages repeated the whole formula (10,153 and 10,231 characters)."""
    from solidcell.chemistry.capacity import theoretical_capacity

    with pytest.raises(ValidationError) as info:
        theoretical_capacity(formula, electrons)
    assert info.value.field == "electrons" and len(str(info.value)) < 4 * MAX_SHOWN
