"""The dashboard's temperature box: the metrics say when the conductivity behind the
maximum C-rate is extrapolated at the typed temperature (no browser: the callbacks' logic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.app.server import _metrics_table, design_changes, form_error_message, form_values
from solidcell.cell.design import CellDesign
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.errors import ValidationError
from solidcell.report.summary import summarize

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def _notes(celsius: float) -> list[str]:
    design = CellDesign.from_file(EV)
    values = form_values(design)
    typed = {**values, "temperature": celsius}
    summary = summarize(design.replace(**design_changes(typed, values)))
    table = _metrics_table(summary)
    return [c.children for c in table.children
            if getattr(c, "id", None) == "metric-temperature-note"]


def test_an_extrapolated_conductivity_is_named_beside_the_metrics() -> None:
    """45 typed in the temperature box: the C-rate rose from 4.5 to 12.8 1/h on Li6PS5Cl
    extrapolated 20 K beyond its one value, and the page did not say so."""
    notes = _notes(45.0)
    (warning,) = conductivity_at("li6ps5cl", 318.15).warnings
    assert notes == [f"Maximum C-rate at this temperature: {warning}"]
    assert _notes(25.0) == []


def test_a_temperature_below_absolute_zero_is_refused_in_degC_and_K() -> None:
    design = CellDesign.from_file(EV)
    values = form_values(design)
    typed = {**values, "temperature": -300}
    with pytest.raises(ValidationError) as info:
        design.replace(**design_changes(typed, values))
    msg = form_error_message(info.value, "temperature", typed)
    assert msg.startswith("temperature: -300 degC is not allowed; ")
    assert "-26.850000000000023" not in msg and "above -273.15 degC" in msg


def test_a_temperature_that_melts_the_lithium_is_refused_beside_the_box() -> None:
    """200 degC typed for the EV example (lithium metal melts at 180.5 degC, haynes2016_crc):
    the message stands beside the temperature box, in degC, naming the part."""
    from solidcell.app.server import field_of_error

    design = CellDesign.from_file(EV)
    values = form_values(design)
    typed = {**values, "temperature": 200}
    with pytest.raises(ValidationError) as info:
        summarize(design.replace(**design_changes(typed, values)))
    assert field_of_error(info.value) == "temperature"
    msg = form_error_message(info.value, "temperature", typed)
    assert msg.startswith("temperature: 200 degC is not allowed; must be below 453.65 K "
                          "(180.5 degC), the melting temperature of li_metal")
