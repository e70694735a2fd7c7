"""The report's conductivity section names a conductivity extrapolated beyond its data at
the design temperature (found with the EV example at 45 degC)."""

from __future__ import annotations

from pathlib import Path

from solidcell.cell.design import CellDesign
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.report.html import section_arrhenius

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_conductivity_section_names_an_extrapolation() -> None:
    """It gave 5.806 mS/cm for Li6PS5Cl at 45 degC with the model's name only; its one value
    is at 25 degC (the simulation section of the same report said so, this one did not)."""
    design = CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml").replace(
        temperature_K=318.15)
    section = section_arrhenius(design)
    expected = conductivity_at("li6ps5cl", 318.15).warnings
    assert expected and all(w in section.note for w in expected)
    at_data = section_arrhenius(CellDesign.from_file(EXAMPLES / "polymer-lfp-peo-li.yaml"))
    assert at_data.note == ""  # PEO-LiTFSI at 60 degC: a measured value


def test_the_simulation_section_shows_the_temperature_as_given() -> None:
    """'Temperature [K] 318.1' for a design at 45 degC (318.15 K); the thin-film example at
    0 degC: the PyBaMM thin-film model, seconds."""
    from solidcell.report.html import section_simulation

    design = CellDesign.from_file(EXAMPLES / "thin-film-lco-lipon-li.yaml").replace(
        temperature_K=273.15)
    body = section_simulation(design, "Discharge at 1C until 3 V").body
    assert "<td>Temperature [K]</td><td>273.15</td>" in body


def test_the_conductivity_header_shows_the_temperature_as_given() -> None:
    """The header read 'electrolyte at 126.8 degC' for a design at 400 K (4 digits)."""
    design = CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml").replace(
        temperature_K=400.0)
    assert "electrolyte at 126.85 degC" in section_arrhenius(design).body
