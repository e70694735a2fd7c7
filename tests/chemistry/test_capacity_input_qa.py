"""Bad input to the capacity function (QA): a number of exchanged electrons that no formula unit
can exchange is refused, with the charge-balance bound stated; every curated material and
every review value stays inside the bound."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import run
from solidcell.chemistry.capacity import max_electrons, theoretical_capacity
from solidcell.errors import ValidationError
from solidcell.materials.store import curated_materials


def test_a_billion_electrons_per_formula_unit_is_refused() -> None:
    """`capacity LiFePO4 --electrons 1e9` answered 1.7e11 mAh/g."""
    with pytest.raises(ValidationError) as info:
        theoretical_capacity("LiFePO4", 1e9)
    assert (info.value.field, info.value.value) == ("electrons", 1e9)
    # Li 0..+1, Fe -2..+6, P -3..+5, 4 O -2..+2: 1 + 8 + 8 + 16
    assert "at most 33 electrons" in info.value.allowed
    assert "Fe -2 to +6" in info.value.allowed


def test_cli_states_the_bound(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["capacity", "LiFePO4", "--electrons", "1e9"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("error: --electrons: ") and "at most 33 electrons" in err


@pytest.mark.parametrize("formula, bound", [
    ("Li", 1.0),  # Li metal: 0 -> +1
    ("Si", 8.0),  # -4 to +4; Li15Si4 needs 3.75
    ("S", 8.0),  # -2 to +6; Li2S needs 2
])
def test_bound_of_single_elements(formula: str, bound: float) -> None:
    assert max_electrons(formula)[0] == bound
    assert theoretical_capacity(formula, bound).electrons == bound
    with pytest.raises(ValidationError, match=f"at most {bound:g} electron"):
        theoretical_capacity(formula, bound * 1.01)


@pytest.mark.parametrize("material", [m for m in curated_materials() if m.exchanged_ions],
                         ids=lambda m: m.id)
def test_every_curated_active_material_is_inside_the_bound(material) -> None:
    assert material.exchanged_ions <= max_electrons(material.formula)[0]
    assert theoretical_capacity(material.formula).electrons == material.exchanged_ions


@given(st.sampled_from(["LiCoO2", "LiFePO4", "Li4Ti5O12", "C6", "Li2S", "NaCrO2"]),
       st.floats(1.0, 1e300))
def test_capacity_per_gram_is_bounded(formula: str, factor: float) -> None:
    """Whatever is given, an accepted capacity is at most max_electrons F / (3.6 M)."""
    most = max_electrons(formula)[0]
    top = theoretical_capacity(formula, most).capacity_mAh_g
    try:
        result = theoretical_capacity(formula, most * factor)
    except ValidationError as exc:
        assert factor > 1 and exc.field == "electrons"
    else:
        assert result.capacity_mAh_g <= top * (1 + 1e-12)
