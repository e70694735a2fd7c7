"""Fresh-eyes QA of the chemistry API as a notebook uses it: junk arguments to the transport
models, capacity and oxidation states raise ValidationError naming the field (never a bare
TypeError, OverflowError, a NumPy warning or an inf), pint Quantities are not stripped of their
unit, a few results by hand, and a refused call leaves the materials database as it was."""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import solidcell as sc
from solidcell.chemistry import transport as tr
from solidcell.chemistry.capacity import FARADAY, theoretical_capacity
from solidcell.chemistry.oxidation import oxidation_states
from solidcell.errors import SolidcellError, ValidationError

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"

#: Each transport function with good keyword arguments (canonical units: S/m, K, eV, m).
GOOD: dict[str, tuple[Any, dict[str, Any]]] = {
    "arrhenius": (tr.arrhenius, {"sigma_ref": 1e-1, "activation_energy_eV": 0.3,
                                 "temperature": 330.0}),
    "arrhenius_prefactor": (tr.arrhenius_prefactor, {"sigma": 1e-1, "activation_energy_eV": 0.3,
                                                     "temperature": 330.0}),
    "vtf": (tr.vtf, {"prefactor": 1.0, "pseudo_activation_eV": 0.05, "t0": 200.0,
                     "temperature": 330.0}),
    "nernst_einstein_conductivity": (tr.nernst_einstein_conductivity, {
        "diffusivity": 1e-12, "carrier_density": 1e28, "temperature": 330.0}),
    "nernst_einstein_diffusivity": (tr.nernst_einstein_diffusivity, {
        "sigma": 1e-1, "carrier_density": 1e28, "temperature": 330.0}),
    "brick_layer": (tr.brick_layer, {"sigma_bulk": 1e-1, "sigma_gb": 1e-3, "grain_size": 1e-6,
                                     "gb_thickness": 1e-9}),
    "maxwell_garnett": (tr.maxwell_garnett, {"sigma_matrix": 1e-3, "sigma_filler": 1e-1,
                                             "phi": 0.2}),
    "bruggeman_effective_medium": (tr.bruggeman_effective_medium, {
        "sigma_1": 1e-3, "sigma_2": 1e-1, "phi_2": 0.2}),
    "coated_sphere_conductivity": (tr.coated_sphere_conductivity, {
        "sigma_core": 1e-3, "sigma_shell": 1e-1, "core_radius": 1e-6, "shell_thickness": 1e-8}),
    "composite_with_interphase": (tr.composite_with_interphase, {
        "sigma_polymer": 1e-4, "sigma_ceramic": 1e-1, "phi_ceramic": 0.2,
        "particle_radius": 1e-6, "shell_thickness": 1e-8, "sigma_shell": 1e-2}),
    "mass_to_volume_fraction": (tr.mass_to_volume_fraction, {
        "mass_fraction": 0.3, "density_filler": 5000.0, "density_matrix": 1200.0}),
}
#: (function, argument) of every numeric argument above.
NUMERIC_ARGS = [(name, arg) for name, (_, kw) in GOOD.items() for arg in kw]


def _quantity(magnitude: float, unit: str) -> Any:
    from solidcell.units import registry

    return registry().Quantity(magnitude, unit)


def _call(name: str, **changes: Any) -> Any:
    fn, kw = GOOD[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a NumPy RuntimeWarning is a failure
        return fn(**{**kw, **changes})


@pytest.mark.parametrize(("name", "arg"), NUMERIC_ARGS)
def test_a_pint_quantity_is_refused_not_stripped(name: str, arg: str) -> None:
    # np.asarray(Q_(1, "m")) is 1: Q_(1, "mS/cm") was read as 1 S/m (conventions: Quantities
    # are never stripped of their unit)
    value = _quantity(GOOD[name][1][arg], "dimensionless")
    with pytest.raises(ValidationError, match="Quantity"):
        _call(name, **{arg: value})


@pytest.mark.parametrize(("name", "arg"), NUMERIC_ARGS)
def test_an_integer_beyond_the_largest_float_is_refused(name: str, arg: str) -> None:
    with pytest.raises(ValidationError) as info:  # was OverflowError from NumPy
        _call(name, **{arg: 10**400})
    assert arg.removesuffix("_eV") in info.value.field or info.value.field in arg


@pytest.mark.parametrize(("name", "arg"), [
    ("arrhenius", "sigma_ref"), ("arrhenius", "activation_energy_eV"),
    ("arrhenius_prefactor", "sigma"), ("arrhenius_prefactor", "activation_energy_eV"),
    ("nernst_einstein_conductivity", "diffusivity"),
    ("nernst_einstein_conductivity", "charge_number"), ("maxwell_garnett", "sigma_matrix"),
    ("coated_sphere_conductivity", "sigma_core"), ("coated_sphere_conductivity", "sigma_shell"),
    ("composite_with_interphase", "sigma_shell"),
])
def test_an_overflowing_result_is_refused_not_inf(name: str, arg: str) -> None:
    # 1e308 S/m or eV: inf with a RuntimeWarning before; now a ValidationError naming the
    # arguments that were combined
    with pytest.raises(ValidationError, match="largest float") as info:
        _call(name, **{arg: 1e308})
    assert arg.removesuffix("_eV").removesuffix("_V") in info.value.field


@pytest.mark.parametrize(("name", "arg"), [
    ("arrhenius", "reference_temperature"),        # 1/T_ref overflowed: NaN
    ("nernst_einstein_conductivity", "temperature"),  # k T underflowed to 0: inf
])
def test_a_subnormal_temperature_is_refused_not_nan(name: str, arg: str) -> None:
    with pytest.raises(ValidationError):
        _call(name, **{arg: 5e-324})


@pytest.mark.parametrize(("name", "arg"), [
    ("arrhenius", "form"), ("arrhenius_prefactor", "form"),
    ("composite_with_interphase", "mixing")])
@pytest.mark.parametrize("value", [np.array(["plain", "sigma_T"]), ["plain"], None, 1])
def test_a_model_name_that_is_no_text_is_refused(name: str, arg: str, value: Any) -> None:
    # an array raised "the truth value of an array ... is ambiguous"
    with pytest.raises(ValidationError) as info:
        _call(name, **{arg: value})
    assert info.value.field == arg


def test_fit_arrhenius_form_array_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        tr.fit_arrhenius([300.0, 320.0], [1e-3, 2e-3], form=np.array(["plain", "plain"]))
    assert info.value.field == "form"


#: Junk of every kind a notebook can pass for a number.
JUNK = st.one_of(
    st.none(), st.booleans(), st.text(max_size=5), st.complex_numbers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=3),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.sampled_from([np.array(1.0), np.array([]), np.array([[1.0, 2.0]]), np.float64("nan"),
                     np.array(["1"]), 5e-324, 1e308, -0.0, object()]),
)


@settings(max_examples=300)
@given(call=st.sampled_from(NUMERIC_ARGS), value=JUNK)
def test_junk_gives_a_finite_answer_or_a_validation_error(call: tuple[str, str],
                                                          value: Any) -> None:
    name, arg = call
    try:
        out = _call(name, **{arg: value})
    except ValidationError as exc:
        assert exc.field and exc.allowed
        return
    except ValueError as exc:  # arrays of other shapes: NumPy's broadcasting is the contract
        assert "broadcast" in str(exc), exc
        return
    assert np.all(np.isfinite(out)), (name, arg, value, out)


# --- results by hand -------------------------------------------------------------------------

def test_bruggeman_with_a_huge_second_phase_is_its_limit_not_zero() -> None:
    # Symmetric Bruggeman, s2 -> inf below the threshold: phi1 (s1 - s)/(s1 + 2 s) = phi2/2,
    # s = s1 / (1 - 3 phi2) (bruggeman1935; choy2016). b**2 overflowed and 0 S/m came back.
    s = tr.bruggeman_effective_medium(1e-3, 1e308, 0.2)
    assert s == pytest.approx(1e-3 / (1 - 3 * 0.2), rel=1e-9)


def test_bruggeman_with_an_insulating_phase_is_one_minus_three_halves_phi() -> None:
    # s2 = 0: s = s1 (1 - 3 phi2 / 2) for phi2 < 2/3 (the symmetric Bruggeman root)
    for phi in (0.0, 0.2, 0.5):
        assert tr.bruggeman_effective_medium(2.0, 0.0, phi) == pytest.approx(2.0 * (1 - 1.5 * phi))


def test_maxwell_garnett_with_insulating_spheres() -> None:
    # sf = 0: s = sm 2 (1 - f) / (2 + f) (Maxwell-Garnett, choy2016)
    assert tr.maxwell_garnett(1e-3, 0.0, 0.2) == pytest.approx(1e-3 * 2 * 0.8 / 2.2)


def test_nernst_einstein_by_hand() -> None:
    # sigma = n e^2 D / (k T): n = 1e28 m-3, D = 1e-12 m2/s, T = 300 K (CODATA 2018 e, k)
    e, k = 1.602176634e-19, 1.380649e-23
    expected = 1e28 * e**2 * 1e-12 / (k * 300.0)
    assert tr.nernst_einstein_conductivity(1e-12, 1e28, 300.0) == pytest.approx(expected, rel=1e-12)


def test_lgps_at_60_degc_is_its_stored_arrhenius_line() -> None:
    # kamaya2011: 12 mS/cm at 27 degC, Ea 24 kJ/mol; sigma T = A exp(-Ea / kT) (west1999)
    mat = sc.get_material("lgps")
    (ref,) = [p for p in mat.values("ionic_conductivity") if p.source == "kamaya2011"]
    ea = mat.get("activation_energy").si
    assert ref.si == pytest.approx(1.2) and ea == pytest.approx(24e3 / FARADAY)
    t = 333.15
    t0 = ref.temperature
    expected = ref.si * t0 / t * math.exp(-ea / tr.K_B_EV * (1 / t - 1 / t0))
    assert sc.conductivity_at("lgps", t).ionic_conductivity_S_m == pytest.approx(expected)


def test_faraday_capacity_of_lifepo4_by_hand() -> None:
    # Q = n F / (3.6 M) [mAh/g]; LiFePO4 M = 157.757 g/mol (IUPAC weights via pymatgen)
    res = theoretical_capacity("LiFePO4")
    assert res.capacity_mAh_g == pytest.approx(FARADAY / (3.6 * res.molar_mass_g_mol))
    assert res.molar_mass_g_mol == pytest.approx(157.757, abs=1e-3)


# --- capacity and oxidation states -------------------------------------------------------------

@pytest.mark.parametrize("per", [np.array(["formula", "product"]), ["formula"], None, 1])
def test_capacity_per_that_is_no_text_is_refused(per: Any) -> None:
    with pytest.raises(ValidationError) as info:  # an array: "truth value ... is ambiguous"
        theoretical_capacity("LiFePO4", per=per)
    assert info.value.field == "per"


@pytest.mark.parametrize("tol", ["abc", None, {}, [0.1, 0.2], True, math.nan, math.inf, -0.1,
                                 1.0, 1e308, 10**400, 1j, _quantity(0.05, "dimensionless")])
def test_oxidation_tolerance_junk_is_refused(tol: Any) -> None:
    # text failed in a NumPy ufunc, None in a product, 1e308 overflowed with a warning,
    # inf called Li2O3 (a typo) balanced
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValidationError) as info:
            oxidation_states("LiFePO4", tol=tol)
    assert info.value.field == "tol"


def test_oxidation_tolerance_still_takes_numbers() -> None:
    assert oxidation_states("LiFePO4", tol=0) == {"Li": 1, "Fe": 2, "P": 5, "O": -2}
    assert oxidation_states("Li2O3") is None  # a typo stays unbalanced at the default 5 %


# --- a refused call changes nothing in the materials database -----------------------------

MY_ELECTROLYTE = {
    "id": "qa_fresh_lpscl", "name": "QA argyrodite", "formula": "Li6PS5Cl",
    "category": "electrolyte", "electrolyte_class": "sulfide",
    "properties": [
        {"name": "ionic_conductivity", "value": 3.1, "unit": "mS/cm", "temperature": "25 degC",
         "method": "measured", "source": "qa-lab-2026"},
        {"name": "activation_energy", "value": 0.3, "unit": "eV", "method": "measured",
         "source": "qa-lab-2026"},
        {"name": "density", "value": 1.7, "unit": "g/cm3", "method": "measured",
         "source": "qa-lab-2026"},
    ],
}


def test_refused_calls_leave_the_database_unchanged(fresh_db: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from solidcell.chemistry.composite import composite_conductivity
    from solidcell.materials.store import default_store

    monkeypatch.setenv("SOLIDCELL_DB", fresh_db)
    store = default_store()
    store.add(MY_ELECTROLYTE)
    store.add_measurement("qa_fresh_lpscl", {"name": "ionic_conductivity", "value": 2.5,
                                             "unit": "mS/cm", "temperature": "40 degC",
                                             "method": "measured", "source": "qa-lab-2026"})
    mine = sc.CellDesign.from_yaml(EV).replace(**{"separator.electrolyte": "qa_fresh_lpscl"})
    before = store.export_contents()
    curated_before = store.get("lgps").model_dump()
    refused = [
        lambda: sc.conductivity_at("qa_fresh_lpscl", -5.0),
        lambda: sc.conductivity_at("qa_fresh_lpscl", [300.0, math.nan]),
        lambda: sc.conductivity_at("qa_fresh_lpscl", "60"),
        lambda: sc.conductivity_at("qa_fresh_lpscl", _quantity(60, "MPa")),
        lambda: sc.conductivity_at("qa_fresh_lpscl\u00a0x", 300.0),
        lambda: composite_conductivity("qa_fresh_lpscl", temperature=math.inf),
        lambda: sc.conductivity_at("lgps", 1e308),
        lambda: sc.evaluate(mine, max_polarisation_V=-1.0),
        lambda: sc.evaluate_many([mine], max_polarisation_V=math.nan),
        lambda: sc.evaluate(mine.replace(**{"separator.thickness_m": 1e308})),
        lambda: mine.replace(**{"separator.thickness_m": -1.0}),
        lambda: sc.stability_window("qa_fresh_lpscl", open_element="Fe"),
    ]
    for call in refused:
        with pytest.raises(SolidcellError):
            call()
    assert store.export_contents() == before
    assert store.get("lgps").model_dump() == curated_before
    # and the material still answers as before
    sigma = sc.conductivity_at("qa_fresh_lpscl", 298.15).ionic_conductivity_S_m
    assert sigma == pytest.approx(0.31)  # 3.1 mS/cm as stored


# --- composite_conductivity ------------------------------------------------------------------

def test_composite_model_array_is_refused() -> None:
    from solidcell.chemistry.composite import composite_conductivity

    with pytest.raises(ValidationError) as info:  # "truth value ... is ambiguous"
        composite_conductivity("peo_llzo_15wt", model=np.array(["bruggeman", "interphase"]))
    assert info.value.field == "model"


@pytest.mark.parametrize("arg", ["particle_radius", "shell_thickness", "shell_conductivity"])
def test_interphase_arguments_with_another_model_are_refused(arg: str) -> None:
    # they were ignored: a notebook's particle_radius=1e-7 changed nothing without a word
    from solidcell.chemistry.composite import composite_conductivity

    with pytest.raises(ValidationError) as info:
        composite_conductivity("peo_llzo_15wt", model="bruggeman", **{arg: 1e-7})
    assert info.value.field == arg


def test_composite_temperature_quantity_is_converted_as_conductivity_at_does() -> None:
    from solidcell.chemistry.composite import composite_conductivity

    in_k = composite_conductivity("peo_llzo_15wt", temperature=333.15)
    as_q = composite_conductivity("peo_llzo_15wt", temperature=_quantity(60, "degC"))
    assert as_q.temperature_K == pytest.approx(333.15)
    assert as_q.effective_conductivity_S_m == pytest.approx(in_k.effective_conductivity_S_m)
    with pytest.raises(ValidationError) as info:
        composite_conductivity("peo_llzo_15wt", temperature=_quantity(60, "MPa"))
    assert info.value.field == "temperature"


def test_composite_interphase_quantity_radius_is_refused() -> None:
    from solidcell.chemistry.composite import composite_conductivity

    with pytest.raises(ValidationError, match="Quantity"):  # was read as a 1 m radius
        composite_conductivity("peo_llzo_15wt", model="interphase",
                               particle_radius=_quantity(1.0, "um"), shell_thickness=5e-9,
                               shell_conductivity=1e-2)
