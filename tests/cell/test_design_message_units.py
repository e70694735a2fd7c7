"""A design's refusal that shows a number computed in SI shows it with its unit: the API said
"temperature_K: '-300 degC' is not allowed; -26.85 must lie in (0, 2000) K" (kelvin left to be
guessed), "9.0 must lie in [-0.5, 7] V" and "0.002 leaves no room" (metres)."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError

REPO = Path(__file__).resolve().parents[2]
EV = REPO / "examples" / "ev-nmc811-lpscl-li.yaml"


@pytest.fixture(scope="module")
def ev() -> CellDesign:
    return CellDesign.from_file(EV)


def _refusal(design: CellDesign, **changes: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        design.replace(**changes).resolved()
    return info.value


@pytest.mark.parametrize(("typed", "shown"), [
    ("-300 degC", "-26.85 K"),  # -300 + 273.15
    (-26.85, "-26.85 K"),
    (2500.0, "2500 K"),
    ("2000 K", "2000 K"),  # the open bound itself
])
def test_a_temperature_out_of_range_is_shown_in_kelvin(ev: CellDesign, typed: object,
                                                       shown: str) -> None:
    exc = _refusal(ev, temperature_K=typed)
    assert exc.field == "temperature_K"
    assert exc.allowed.startswith(f"{shown} must lie in (0, 2000) K"), exc.allowed


def test_an_average_voltage_out_of_range_is_shown_in_volts(ev: CellDesign) -> None:
    exc = _refusal(ev, **{"cathode.average_voltage_V": 9})
    assert exc.field == "cathode.average_voltage_V"
    assert exc.allowed.startswith("9 V must lie in [-0.5, 7] V"), exc.allowed


@pytest.mark.parametrize(("dimension", "other"), [("diameter_m", "height_m"),
                                                   ("height_m", "diameter_m")])
def test_a_can_without_room_is_shown_in_mm(ev: CellDesign, dimension: str,
                                           other: str) -> None:
    """A 2 mm can with 1 mm walls leaves no room: 2 - 2 x 1 = 0 mm."""
    fmt = {"kind": "cylindrical", dimension: 0.002, other: 0.07,
           "casing_thickness_m": 0.001, "casing_material": "al_foil"}
    exc = _refusal(ev, format=fmt)
    assert exc.field == f"format.{dimension}"
    assert exc.allowed.startswith("2 mm leaves no room"), exc.allowed


def test_a_loading_that_disagrees_with_the_thickness_names_it_in_um(ev: CellDesign) -> None:
    """The EV example's cathode is 80 um thick (examples/ev-nmc811-lpscl-li.yaml); the loading
    is given with it in the whole section (``replace`` of the loading alone leaves the
    thickness out: CellDesign.replace)."""
    exc = _refusal(ev, cathode={**ev.cathode.model_dump(), "active_loading_kg_m2": 1.0})
    assert "disagrees with thickness_m = 80 um, which gives" in exc.allowed, exc.allowed


def test_no_design_message_shows_a_number_without_its_unit(ev: CellDesign) -> None:
    """Each refusal above, as the API prints it, has no bare number before its rule."""
    import re

    cases = [{"temperature_K": "-300 degC"}, {"cathode.average_voltage_V": 9},
             {"format": {"kind": "cylindrical", "diameter_m": 0.002, "height_m": 0.07,
                         "casing_thickness_m": 0.001, "casing_material": "al_foil"}}]
    for changes in cases:
        text = str(_refusal(ev, **changes))
        assert not re.search(r"; -?\d[\d.]* (must|leaves)", text), text
