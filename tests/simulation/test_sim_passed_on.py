"""What a caller that made it already (the HTML report) passes to the simulation engine: the
design's resolution (``cell_parameters(design, resolved=)``). It gives the result made without
it, another design's is refused, and it is not made again."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.simulation.runs import cell_parameters

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
BIPOLAR = EXAMPLES / "bipolar-nmc811-lpscl-li.yaml"


@pytest.fixture
def resolutions(monkeypatch) -> list[str]:
    """Names of the designs ``CellDesign.resolved`` was called on (wrapped)."""
    made: list[str] = []
    resolved = CellDesign.resolved

    def counted(self):
        made.append(self.name)
        return resolved(self)

    monkeypatch.setattr(CellDesign, "resolved", counted)
    return made


def test_cell_parameters_take_the_resolution_given_and_make_the_same(resolutions) -> None:
    design = CellDesign.from_yaml(EV)
    made = cell_parameters(design)
    resolved = design.resolved()
    resolutions.clear()
    assert cell_parameters(design, resolved=resolved) == made
    assert resolutions == []


def test_cell_parameters_refuse_a_resolution_not_of_the_design() -> None:
    design = CellDesign.from_yaml(EV)
    other = CellDesign.from_yaml(BIPOLAR).resolved()
    refused = [
        lambda: cell_parameters(design, resolved=other),
        # the design at another temperature is another design: resolved anew, not given
        lambda: cell_parameters(design, temperature=design.temperature_K + 20.0,
                                resolved=design.resolved()),
        lambda: cell_parameters(cell_parameters(design), resolved=design.resolved()),
        lambda: cell_parameters(design, resolved="resolved"),
    ]
    for call in refused:
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.field == "resolved"


def test_the_parameters_compute_each_electrolyte_conductivity_once(monkeypatch) -> None:
    # the EV example's separator and composite cathode share li6ps5cl: one conductivity_at
    from solidcell.chemistry import conductivity

    asked: list[tuple[str, float]] = []
    conductivity_at = conductivity.conductivity_at

    def counted(material, temperature):
        asked.append((material.id, float(temperature)))
        return conductivity_at(material, temperature)

    design = CellDesign.from_yaml(EV)
    made = cell_parameters(design)
    monkeypatch.setattr(conductivity, "conductivity_at", counted)
    again = cell_parameters(design)
    assert asked == [("li6ps5cl", design.temperature_K)]
    assert again == made  # the same numbers, notes and sources
