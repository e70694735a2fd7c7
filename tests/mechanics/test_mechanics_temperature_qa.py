"""The charging current is checked against measured critical current densities; those carry
the temperature they were measured at, which the check did not say when the design runs
elsewhere (found with the EV example at 60 degC)."""

from __future__ import annotations

from pathlib import Path

from solidcell.cell.design import CellDesign
from solidcell.materials import get
from solidcell.mechanics.volume import mechanics_check

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def _temperature_notes(celsius: float) -> list[str]:
    design = CellDesign.from_file(EV).replace(temperature_K=celsius + 273.15)
    report = mechanics_check(design, charge_current_density_A_m2=1.0)  # 0.1 mA/cm2
    return [w for w in report.warnings if "does not account for the temperature" in w]


def test_measured_ccds_at_another_temperature_are_named() -> None:
    # singh2022_lpscl_microstructure: 0.9 and 0.4 mA/cm2, both at 298 K
    temps = {v.temperature for v in get("li6ps5cl").values("critical_current_density")}
    assert temps == {298.0}
    notes = _temperature_notes(60.0)
    assert len(notes) == 1 and "298 K" in notes[0] and "333.15 K (60 degC)" in notes[0]
    assert _temperature_notes(0.0)  # below the current's CCDs, but measured 25 K warmer
    assert _temperature_notes(25.0) == []
