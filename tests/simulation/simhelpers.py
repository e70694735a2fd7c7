"""Shared builders of the simulation tests (design inputs only; data come from sources)."""

from __future__ import annotations

from typing import Any

from solidcell.simulation.parameters import (
    CellParameters,
    CounterElectrode,
    electrode_from_material,
)


def half_cell(material: str = "nmc811", *, kappa: float = 0.3, sigma_sep: float = 0.3,
              r_int: float = 20e-4, counter: str = "li_metal", thickness: float = 60e-6,
              eps: float = 0.35, phi: float = 0.6, radius: float = 3e-6,
              sep_thickness: float = 30e-6, area: float = 1e-4,
              temperature: float = 298.15) -> CellParameters:
    pos, src = electrode_from_material(
        material, thickness_m=thickness, active_volume_fraction=phi,
        electrolyte_volume_fraction=eps, electrolyte_conductivity_S_m=kappa,
        particle_radius_m=radius)
    return CellParameters(positive=pos, negative=CounterElectrode(counter),  # type: ignore
                          separator_thickness_m=sep_thickness,
                          separator_conductivity_S_m=sigma_sep,
                          interface_resistance_ohm_m2=r_int, area_m2=area,
                          temperature_K=temperature, name=f"test-{material}",
                          sources=(*src, "xu2019"))


def design_dict(**changes: Any) -> dict[str, Any]:
    """A small NMC811 | Li6PS5Cl | Li cell (design inputs)."""
    d: dict[str, Any] = {
        "name": "test NMC811 | Li6PS5Cl | Li",
        "cathode": {"active_material": "nmc811", "electrolyte": "li6ps5cl",
                    "active_fraction": 0.6, "electrolyte_fraction": 0.4,
                    "thickness": "50 um", "particle_radius": "3 um"},
        "separator": {"electrolyte": "li6ps5cl", "thickness": "30 um"},
        "anode": {"kind": "li_metal", "np_ratio": 3.0},
        "cathode_current_collector": {"material": "al_foil", "thickness": "12 um"},
        "anode_current_collector": {"material": "cu_foil", "thickness": "8 um"},
        "format": {"kind": "pouch", "n_layers": 1, "electrode_width": "10 mm",
                   "electrode_height": "10 mm"},
        "temperature": "25 degC",
    }
    for path, value in changes.items():
        node = d
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return d
