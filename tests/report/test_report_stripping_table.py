"""The report's interfaces section lists the separator's measured stripping failures beside
its measured CCDs (mechanics.stripping.MEASURED_STRIPPING: Singh et al. 2022, Duan et al. 2023,
the printed currents and pressures), with their sources; a separator without any says so."""

from __future__ import annotations

from pathlib import Path

from solidcell.cell.design import CellDesign
from solidcell.mechanics.stripping import MEASURED_STRIPPING
from solidcell.report.html import section_interfaces

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_ev_example_lists_the_li6ps5cl_stripping_failures() -> None:
    design = CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    section = section_interfaces(design)
    assert "Measured stripping failures of li6ps5cl" in section.body
    for o in MEASURED_STRIPPING:
        if o.electrolyte == "li6ps5cl":
            assert o.source in section.sources
            assert f"<td class=\"num\">{o.current_mA_cm2:g}</td>" in section.body


def test_an_electrolyte_without_observations_says_none_are_stored() -> None:
    design = CellDesign.from_file(EXAMPLES / "oxide-lco-llzo-li.yaml")
    assert not [o for o in MEASURED_STRIPPING if o.electrolyte == design.separator.electrolyte]
    body = section_interfaces(design).body
    assert f"Measured stripping failures of {design.separator.electrolyte}" in body
    assert "none stored" in body


def test_the_mechanics_table_says_why_no_stripping_check_ran() -> None:
    design = CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    assert "not checked: no discharge current given" in section_interfaces(design).body
