"""The shipped example designs as tests read them: each loaded once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from solidcell.cell.design import CellDesign

#: The repository's example designs (``examples/*.yaml``).
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@cache
def example(name: str) -> CellDesign:
    """The example design ``examples/<name>.yaml`` (a CellDesign is immutable: shared)."""
    return CellDesign.from_yaml(EXAMPLES / f"{name}.yaml")


#: A graphite | Li6PS5Cl | NMC811 cell (a host anode: the lithium-metal checks do not apply),
#: as a design file's text; the tests that need a cell without lithium metal write it.
GRAPHITE_CELL_YAML = (
    "name: graphite cell\n"
    "cathode: {active_material: nmc811, electrolyte: li6ps5cl, active_fraction: 0.65, "
    "electrolyte_fraction: 0.35, thickness: 80 um}\n"
    "anode: {kind: graphite, np_ratio: 1.5, electrolyte: li6ps5cl, active_fraction: "
    "0.6, electrolyte_fraction: 0.4}\n"
    "separator: {electrolyte: li6ps5cl, thickness: 30 um}\n"
    "cathode_current_collector: {material: al_foil, thickness: 12 um}\n"
    "anode_current_collector: {material: cu_foil, thickness: 8 um}\n")


def nmc811_li_cell(name: str, cathode_electrolyte: str, separator: str | None = None,
                   **cathode: object) -> CellDesign:
    """An NMC811 | electrolyte | Li cell (60 um cathode, 5 um particles, 30 um separator, 40 um
    lithium) with ``cathode_electrolyte`` in the cathode, ``separator`` (default: the same)
    as the separator, and ``cathode`` fields added (a coating, say); the interface tests' cell
    of a user's own material."""
    return CellDesign.model_validate({
        "name": name,
        "cathode": {"active_material": "nmc811", "electrolyte": cathode_electrolyte,
                    "carbon": "vgcf", "fraction_basis": "volume", "active_fraction": 0.65,
                    "electrolyte_fraction": 0.32, "carbon_fraction": 0.03, "porosity": 0.05,
                    "thickness": "60 um", "particle_radius": "5 um", **cathode},
        "separator": {"electrolyte": separator or cathode_electrolyte, "thickness": "30 um"},
        "anode": {"kind": "li_metal", "thickness": "40 um"},
        "cathode_current_collector": {"material": "al_foil", "thickness": "12 um"},
        "anode_current_collector": {"material": "cu_foil", "thickness": "8 um"},
        "temperature": "25 degC"})
