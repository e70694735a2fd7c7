"""Chemistry as a materials scientist uses it: capacities of compounds outside the knowledge
base, conductivities at other temperatures, composite media over the whole filler range,
pymatgen objects as inputs, and errors that name the field and the value.

Hand calculations: q = n F / (3.6 M) [mAh/g], F = 96485.33212 C/mol (CODATA 2018), M from
pymatgen's atomic masses; Arrhenius in the sigma*T form sigma(T) = sigma0 (T0/T)
exp(-Ea/k (1/T - 1/T0)), k = 8.617333262e-5 eV/K; Maxwell-Garnett
sigma = sm (sf + 2 sm + 2 f (sf - sm)) / (sf + 2 sm - f (sf - sm)) and the symmetric
Bruggeman root of (1-f)(sm-s)/(sm+2s) + f(sf-s)/(sf+2s) = 0 (Choy 2016, choy2016).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymatgen.core import Composition, Lattice, Structure

from solidcell.chemistry import transport as tr
from solidcell.chemistry.capacity import theoretical_capacity
from solidcell.chemistry.composite import composite_conductivity
from solidcell.chemistry.composition import balancing_amount, parse_composition
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.chemistry.oxidation import oxidation_states, require_balanced
from solidcell.errors import ValidationError
from solidcell.materials.schema import Material

F = 96485.33212
K_B = 8.617333262e-5


def hand_capacity(formula: str, n: float) -> float:
    return n * F / (3.6 * Composition(formula).weight)


@pytest.mark.parametrize(("formula", "electrons", "expected_n", "approx_mAh_g"), [
    ("Li2MnO3", None, 2, 458.9),          # both Li (the Li-rich end member)
    ("LiNi0.5Mn1.5O4", None, 1, 146.7),   # high-voltage spinel
    ("Li3V2(PO4)3", None, 3, 197.3),      # all three Li (2 below 4.3 V: 131.5)
    ("Li3V2(PO4)3", 2, 2, 131.5),
    ("FeS2", 4, 4, 893.6),                # conversion FeS2 + 4 Li -> Fe + 2 Li2S
    ("Li2S", None, 2, 1166.6),
    ("NaFePO4", None, 1, 154.2),          # sodium: Na counts as the mobile ion
])
def test_capacities_outside_the_knowledge_base_by_hand(
        formula: str, electrons: float | None, expected_n: float, approx_mAh_g: float) -> None:
    """Checked, correct before and after."""
    res = theoretical_capacity(formula, electrons)
    assert res.electrons == expected_n
    assert res.capacity_mAh_g == pytest.approx(hand_capacity(formula, expected_n), rel=1e-12)
    assert res.capacity_mAh_g == pytest.approx(approx_mAh_g, abs=0.05)


def test_feS2_without_electrons_asks_for_them() -> None:
    with pytest.raises(ValidationError) as info:
        theoretical_capacity("FeS2")
    assert info.value.field == "electrons" and "FeS2" in str(info.value)


def test_conductivity_with_a_kj_per_mol_activation_energy_by_hand() -> None:
    """LGPS: 12 mS/cm at 300.15 K and Ea = 24 kJ/mol (kamaya2011) -> 60 degC by hand."""
    ea = 24e3 / 6.02214076e23 / 1.602176634e-19
    t = 333.15
    hand = 1.2 * (300.15 / t) * math.exp(-ea / K_B * (1 / t - 1 / 300.15))
    assert float(conductivity_at("lgps", t).ionic_conductivity_S_m) == pytest.approx(hand,
                                                                                    rel=1e-12)


def test_nan_temperature_is_named_not_a_neighbour() -> None:
    """[300, nan] used to be refused as 'temperature: 300.0 is not allowed' (the smallest
    finite value, which is allowed) instead of the NaN."""
    with pytest.raises(ValidationError) as info:
        conductivity_at("lgps", [300.0, float("nan")])
    assert math.isnan(info.value.value)
    with pytest.raises(ValidationError) as info:
        conductivity_at("lgps", [310.0, -5.0, 0.0])
    assert info.value.value == -5.0


def test_extrapolation_warning_reads_once() -> None:
    m = Material(id="two_t", name="x", category="electrolyte", electrolyte_class="oxide",
                 properties=[
                     {"name": "ionic_conductivity", "value": 1e-4, "unit": "S/cm",
                      "temperature": 298.15, "method": "measured", "source": "lab"},
                     {"name": "ionic_conductivity", "value": 1e-3, "unit": "S/cm",
                      "temperature": 353.15, "method": "measured", "source": "lab"}])
    res = conductivity_at(m, 400.0)
    assert "the the" not in res.warnings[0]
    # through both points by hand: Ea from ln(sigma T) between them
    ea = -K_B * (math.log(0.1 * 353.15) - math.log(0.01 * 298.15)) / (1 / 353.15 - 1 / 298.15)
    hand = 0.01 * 298.15 / 400 * math.exp(-ea / K_B * (1 / 400 - 1 / 298.15))
    assert float(res.ionic_conductivity_S_m) == pytest.approx(hand, rel=1e-12)


# --- effective media over the whole filler range -----------------------------------------
def mg_hand(sm: float, sf: float, f: float) -> float:
    return sm * (sf + 2 * sm + 2 * f * (sf - sm)) / (sf + 2 * sm - f * (sf - sm))


@pytest.mark.parametrize(("sm", "sf"), [(1e-3, 1.0), (1.0, 1e-3), (3.16e-3, 2.44e-2)])
def test_media_match_hand_formulas_from_0_to_1(sm: float, sf: float) -> None:
    for f in np.linspace(0.0, 1.0, 21):
        assert float(tr.maxwell_garnett(sm, sf, f)) == pytest.approx(mg_hand(sm, sf, f),
                                                                     rel=1e-9)
        s = float(tr.bruggeman_effective_medium(sm, sf, f))
        residual = (1 - f) * (sm - s) / (sm + 2 * s) + f * (sf - s) / (sf + 2 * s)
        assert abs(residual) < 1e-12


def test_maxwell_garnett_with_an_insulating_matrix_is_defined_everywhere() -> None:
    """An insulating matrix gave NaN at f = 1 (0/0), two insulating phases NaN everywhere."""
    f = np.linspace(0, 1, 5)
    np.testing.assert_array_equal(tr.maxwell_garnett(0.0, 1e-2, f), [0, 0, 0, 0, 1e-2])
    np.testing.assert_array_equal(tr.maxwell_garnett(0.0, 0.0, f), np.zeros(5))
    assert float(tr.maxwell_garnett(0.0, 1e-2, 1.0)) == 1e-2


@pytest.mark.parametrize("bad", ["100 nm", None, "a", [1, "x"]])
def test_transport_inputs_of_a_wrong_type_are_named(bad: object) -> None:
    """'100 nm' used to fail inside NumPy: ValueError('could not convert string to float')."""
    with pytest.raises(ValidationError) as info:
        tr.composite_with_interphase(1e-3, 1e-2, 0.1, bad, 1e-8, 1.0)
    assert info.value.field == "particle_radius"
    with pytest.raises(ValidationError) as info:
        tr.bruggeman_effective_medium(bad, 1e-2, 0.5)
    assert info.value.field == "sigma_1"


#: PEO-LiTFSI's preferred conductivity at 25 C [S/m]: 1.16e-5 S/cm measured (EO:Li 20,
#: aenm2019_1900763, via the Bradford et al. 2023 dataset), the first value in the YAML
PEO_25C_S_M = 1.16e-3


def composite(mid: str, w_llzo: float, basis: str = "mass", first: str = "peo_litfsi",
              total: float = 1.0) -> Material:
    other = "llzo" if first == "peo_litfsi" else "peo_litfsi"
    f_first = total - w_llzo if first == "peo_litfsi" else w_llzo
    return Material(id=mid, name=mid, category="electrolyte", electrolyte_class="composite",
                    components=[{"material": first, "fraction": f_first, "basis": basis},
                                {"material": other, "fraction": total - f_first,
                                 "basis": basis}])


def test_matrix_is_the_larger_phase_by_volume_not_by_mass() -> None:
    """70 wt% LLZO in PEO-LiTFSI is 36 vol% LLZO (densities 5115 and 1250 kg/m3 of the
    knowledge base): Maxwell-Garnett must put LLZO spheres in PEO. The matrix used to be the
    larger *mass* fraction (LLZO), which gave 9.28e-3 S/m instead of 6.34e-3 S/m (with the
    review's 1e-5-1e-4 S/cm for PEO-LiTFSI; with its measured 25 C value now 2.77e-3 S/m)."""
    rho_llzo, rho_peo = 5115.0, 1250.0
    phi = (0.7 / rho_llzo) / (0.7 / rho_llzo + 0.3 / rho_peo)
    assert phi == pytest.approx(0.3631, abs=1e-4)
    s_peo, s_llzo = PEO_25C_S_M, 0.0244  # PEO-LiTFSI at 25 C (see above); LLZO: murugan2007
    for first in ("peo_litfsi", "llzo"):  # the order of the components does not matter
        res = composite_conductivity(composite("c70", 0.7, first=first),
                                     model="maxwell_garnett")
        assert (res.matrix, res.filler) == ("peo_litfsi", "llzo")
        assert res.filler_volume_fraction == pytest.approx(phi, rel=1e-12)
        assert res.effective_conductivity_S_m == pytest.approx(mg_hand(s_peo, s_llzo, phi),
                                                               rel=1e-9)
        assert res.effective_conductivity_S_m == pytest.approx(2.77e-3, abs=1e-5)
    # 95 wt% LLZO is 82 vol%: then LLZO is the matrix
    res = composite_conductivity(composite("c95", 0.95), model="maxwell_garnett")
    assert (res.matrix, res.filler) == ("llzo", "peo_litfsi")


def test_composite_over_the_whole_range_stays_between_its_phases() -> None:
    s_peo, s_llzo = PEO_25C_S_M, 0.0244
    previous = {"bruggeman": 0.0, "maxwell_garnett": 0.0}
    for w in np.linspace(0.02, 0.98, 13):
        for model in previous:
            res = composite_conductivity(composite(f"c{w:.2f}", float(w), basis="volume"),
                                         model=model)
            eff = res.effective_conductivity_S_m
            assert s_peo <= eff <= s_llzo
            assert eff >= previous[model]  # more of the better conductor never lowers it
            previous[model] = eff
            phi_llzo = w
            s_br = float(tr.bruggeman_effective_medium(s_peo, s_llzo, phi_llzo))
            if model == "bruggeman":
                assert eff == pytest.approx(s_br, rel=1e-12)


def test_composite_fractions_must_sum_to_one_on_one_basis() -> None:
    """Fractions 0.6 + 0.2 were used as 0.8 PEO / 0.2 LLZO without a word; a mass fraction
    with a volume fraction was read as two mass fractions."""
    with pytest.raises(ValidationError, match=r"sum to 0\.8") as info:
        composite_conductivity(composite("c_sum", 0.2, total=0.8))
    assert info.value.field == "c_sum.components"
    mixed = Material(id="c_mix", name="x", category="electrolyte",
                     electrolyte_class="composite",
                     components=[{"material": "peo_litfsi", "fraction": 0.8, "basis": "mass"},
                                 {"material": "llzo", "fraction": 0.2, "basis": "volume"}])
    with pytest.raises(ValidationError, match="one basis"):
        composite_conductivity(mixed)
    with pytest.raises(ValidationError) as info:
        composite_conductivity("peo_llzo_15wt", temperature=[300.0, 320.0])
    assert info.value.field == "temperature"


# --- formulas and pymatgen objects ------------------------------------------------------
@pytest.mark.parametrize("formula", ["Li0O", "LiNi0Mn2O4", "Li0.0FePO4", "LiFe(PO4)0",
                                     "Li3PS4-0Li2S"])
def test_an_element_with_amount_zero_is_refused(formula: str) -> None:
    """pymatgen drops an element written with amount 0: 'Li0O' was read as O (and
    'LiNi0Mn2O4' as LiMn2O4) without a word."""
    with pytest.raises(ValidationError, match="amount 0") as info:
        parse_composition(formula)
    assert info.value.field == "formula" and info.value.value == formula


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Li", "La", "Zr", "O", "S", "P", "Cl", "Ta"]),
                          st.one_of(st.just(""), st.integers(1, 12).map(str),
                                    st.decimals("0.01", "9.99", places=2).map(str))),
                min_size=1, max_size=5))
def test_written_amounts_are_the_parsed_amounts(parts: list[tuple[str, str]]) -> None:
    formula = "".join(f"{el}{amt}" for el, amt in parts)
    expected: dict[str, float] = {}
    for el, amt in parts:
        expected[el] = expected.get(el, 0.0) + (float(amt) if amt else 1.0)
    comp = parse_composition(formula)
    assert {str(e): float(a) for e, a in comp.get_el_amt_dict().items()} == pytest.approx(
        expected)


def test_oxidation_states_take_compositions_and_formulas_and_name_the_rest() -> None:
    """A formula, None or a Structure used to raise AttributeError ('str' object has no
    attribute 'get_el_amt_dict')."""
    assert oxidation_states("LiNi0.5Mn1.5O4") == {"Li": 1, "Ni": 2, "Mn": 4, "O": -2}
    assert oxidation_states(Composition("Li3V2(PO4)3")) == {"Li": 1, "V": 3, "P": 5, "O": -2}
    assert oxidation_states("FeS2") == {"Fe": 2, "S": -1}  # persulfide
    assert balancing_amount("Li0.33La0.56TiO3", "Li") == pytest.approx(0.32)
    nacl = Structure(Lattice.cubic(4.2), ["Li", "Cl"], [[0, 0, 0], [0.5, 0.5, 0.5]])
    assert oxidation_states(nacl.composition) == {"Li": 1, "Cl": -1}
    for bad in (nacl, None, 5):
        for call in (oxidation_states, lambda c: require_balanced(c, "x"),
                     lambda c: balancing_amount(c, "Li")):
            with pytest.raises(ValidationError) as info:
                call(bad)
            assert info.value.field == "composition"
    with pytest.raises(ValidationError, match=r"structure\.composition"):
        oxidation_states(nacl)
    with pytest.raises(ValidationError, match="charge-balanced"):
        require_balanced("Li2O3", "Li2O3")


def test_charge_balance_of_huge_amounts_is_found_without_overflow() -> None:
    """Balance is scale-free: Li5e307 Cl5e307 is LiCl (Li +1, Cl -1). The charges of the other
    assignments (Cl +7 x 5e307) overflowed with a RuntimeWarning that a user saw on stderr
    (a CI run's warnings summary, from the discovery exponent test); amounts are now scaled
    to the largest first."""
    import warnings

    from pymatgen.core import Composition

    from solidcell.chemistry.oxidation import oxidation_states

    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        huge = oxidation_states(Composition({"Li": 5e307, "Cl": 5e307}))
    assert huge == oxidation_states("LiCl") == {"Li": 1, "Cl": -1}
