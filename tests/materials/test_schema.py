"""Material / PropertyValue validation: every rule names the field, value and what is allowed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solidcell.errors import ValidationError
from solidcell.materials.schema import PROPERTIES, Material, OcpCurve, PropertyValue


def prop(**kw):
    base = {"name": "ionic_conductivity", "value": 1e-3, "unit": "S/cm",
            "temperature": 298.15, "method": "measured", "source": "srivastava_review"}
    base.update(kw)
    return PropertyValue(**base)


def test_value_converts_to_si() -> None:
    assert prop().si == pytest.approx(0.1)
    assert prop(value=None, min=1e-4, max=1e-2).si == pytest.approx(0.1)  # geometric mean
    density = prop(name="density", value=5.1, unit="g/cm3", temperature=None)
    assert density.si == pytest.approx(5100.0)
    assert prop(name="volume_change", value=None, min=2, max=3, unit="%",
                temperature=None).si_range == (0.02, 0.03)


@pytest.mark.parametrize("bad", [-1e-3, 0.0])
def test_negative_or_zero_conductivity_refused(bad: float) -> None:
    with pytest.raises(ValidationError, match="ionic_conductivity"):
        prop(value=bad)


def test_unknown_unit_names_the_field() -> None:
    with pytest.raises(ValidationError, match=r"ionic_conductivity\.unit"):
        prop(unit="furlong")
    with pytest.raises(ValidationError, match="ionic conductivity"):
        prop(unit="g/cm3")


def test_unknown_property_and_method() -> None:
    with pytest.raises(ValidationError, match="unknown property"):
        prop(name="flux")
    with pytest.raises(ValidationError, match="method"):
        prop(method="guessed")


def test_exactly_one_of_value_range_text() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        prop(min=1e-4)
    with pytest.raises(ValidationError, match="min"):
        prop(value=None, min=1e-2, max=1e-4)


def test_price_needs_year() -> None:
    with pytest.raises(ValidationError, match="year"):
        prop(name="price", value=10, unit="USD/kg", temperature=None)


def test_material_rules() -> None:
    with pytest.raises(ValidationError, match="electrolyte_class"):
        Material(id="x", name="x", category="electrolyte")
    with pytest.raises(ValidationError, match="not a valid id"):
        Material(id="Bad Id", name="x", category="cathode")
    with pytest.raises(ValidationError, match="formula"):
        Material(id="x", name="x", category="cathode", formula="LiXx9O2")


def test_ocp_curve_rules() -> None:
    ok = OcpCurve(stoichiometry=[0.2, 0.5, 0.9], voltage=[4.2, 3.9, 3.5], source="s")
    assert (ok.stoichiometry, ok.voltage) == ([0.2, 0.5, 0.9], [4.2, 3.9, 3.5])  # kept as given
    with pytest.raises(ValidationError, match="increase"):
        OcpCurve(stoichiometry=[0.5, 0.2], voltage=[3.9, 4.2], source="s")
    with pytest.raises(ValidationError, match="same number"):
        OcpCurve(stoichiometry=[0.2, 0.5, 0.7], voltage=[4.2, 4.0], source="s")


@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(list(PROPERTIES)))
def test_any_number_either_validates_or_names_the_property(x: float, name: str) -> None:
    kw = {"name": name, "method": "measured", "source": "s"}
    if name == "air_stability":
        kw["text"] = "good"
    else:
        kw["value"] = x
    if name == "price":
        kw["year"] = 2024
    try:
        p = PropertyValue(**kw)
    except ValidationError as exc:
        assert name in str(exc) or "finite" in str(exc)
        return
    spec = PROPERTIES[name]
    if p.si is not None and spec.lower is not None:
        assert p.si >= spec.lower


_DIMENSIONED = sorted(n for n, s in PROPERTIES.items()
                      if s.kind != "fraction" and n != "price")


@given(st.sampled_from(_DIMENSIONED), st.floats(1e-6, 1e3))
def test_a_number_without_unit_is_refused(name: str, x: float) -> None:
    """A bare number used to be read silently in the canonical unit ('--value 0.4' for a
    conductivity stored 0.4 S/m = 4 mS/cm)."""
    with pytest.raises(ValidationError, match=rf"{name}\.unit: missing"):
        PropertyValue(name=name, value=x, method="measured", source="lab")
    with pytest.raises(ValidationError, match=rf"{name}\.unit: missing"):
        PropertyValue(name=name, min=x, max=2 * x, unit=" ", method="measured", source="lab")


def test_fractions_need_no_unit() -> None:
    assert PropertyValue(name="transference_number", value=0.5, method="measured",
                         source="lab").si == pytest.approx(0.5)
