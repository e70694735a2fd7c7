"""A cathode particle coating's volume is counted: it takes its room from the layer's void.

The stated fractions are of the uncoated solids and fill ``1 - porosity``; the shell,
``((1 + t/r)^3 - 1)`` x the active volume fraction (geometry), must fit in ``porosity``, so
the layer's volumes add up to at most 1 (before 2026-12-07 a coated cathode at porosity 0
held 1.0039 of its volume, the EV example's 10 nm LiNbO3 on 5 um particles)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import FRACTION_SUM_TOLERANCE, CellDesign
from solidcell.cell.energy import evaluate
from solidcell.errors import ValidationError

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
TEXT = EV.read_text("utf-8")


def _ev(porosity: float, coating_nm: float = 10.0) -> CellDesign:
    text = TEXT.replace("  porosity: 0.05", f"  porosity: {porosity!r}") \
        .replace("  coating_thickness: 10 nm", f"  coating_thickness: {coating_nm!r} nm")
    return CellDesign.from_yaml(text)


def test_coating_at_porosity_zero_is_refused_naming_both_fields() -> None:
    with pytest.raises(ValidationError) as info:
        _ev(0.0).resolved()
    text = str(info.value)
    assert info.value.field.startswith("cathode.coating_thickness")
    assert "'10.0 nm'" in text and "cathode.porosity = 0" in text and "0.003908" in text


def test_ev_example_keeps_its_numbers() -> None:
    """The example's coating (0.37 % of the layer) fits in its 5 % void: nothing moves."""
    rd = CellDesign.from_file(EV).resolved()
    coat = rd.coating_volume_per_active_volume * rd.cathode.volume_fractions["active"]
    assert 0.0037 < coat < rd.design.cathode.porosity  # 0.6012 % x 0.6175
    assert evaluate(CellDesign.from_file(EV)).values["Cell energy [W.h]"] > 0


@settings(max_examples=40, deadline=None)
@given(porosity=st.floats(0.0, 0.2), coating_nm=st.floats(0.0, 400.0))
def test_accepted_layers_fit_in_their_volume(porosity: float, coating_nm: float) -> None:
    """Property: a resolved coated cathode's solids + coating <= 1; refused otherwise."""
    d = _ev(porosity, coating_nm)
    r = 5e-6
    shell = ((1 + coating_nm * 1e-9 / r) ** 3 - 1) * 0.65 * (1 - porosity)
    try:
        rd = d.resolved()
    except ValidationError as e:
        assert shell > porosity and "cathode.porosity" in str(e)
        return
    total = sum(rd.cathode.volume_fractions.values()) \
        + rd.coating_volume_per_active_volume * rd.cathode.volume_fractions["active"]
    assert total <= 1 + 2 * FRACTION_SUM_TOLERANCE


def test_a_row_whose_coating_overfills_its_void_is_reason_13() -> None:
    """evaluate_many's mapping path refuses what the design refuses (one rule each side):
    the EV example's coating is 0.0037124 of its layer."""
    from solidcell.cell.energy import REASONS, design_parameters, evaluate_many

    p = design_parameters(CellDesign.from_file(EV).resolved())
    codes = evaluate_many({**p, "cathode_porosity": [0.05, 0.0038, 0.0037]})["Reason code"]
    assert codes.tolist() == [0, 0, 13] and "void" in REASONS[13]
