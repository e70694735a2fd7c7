"""Electrochemical simulation of solid-state cells: PyBaMM (behind one adapter) and a fast
reduced model for screens.

- :func:`simulate` runs a PyBaMM experiment on a design (DFN for composite cathodes, the
  thin-film model for a dense cathode film);
- :func:`rate_capability`, :func:`temperature_sweep`, :func:`rate_capability_many` (processes
  or Dask);
- :func:`fast_discharge` / :class:`FastArrays`: the reduced model on arrays of designs;
- :class:`CellParameters`, :func:`parameters_from_design`: the physical inputs.

PyBaMM is imported only inside :mod:`solidcell.simulation.pybamm_adapter`, on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "simulate": "solidcell.simulation.runs:simulate",
    "rate_capability": "solidcell.simulation.runs:rate_capability",
    "rate_capability_many": "solidcell.simulation.runs:rate_capability_many",
    "temperature_sweep": "solidcell.simulation.runs:temperature_sweep",
    "cell_parameters": "solidcell.simulation.runs:cell_parameters",
    "CellParameters": "solidcell.simulation.parameters:CellParameters",
    "ElectrodeParameters": "solidcell.simulation.parameters:ElectrodeParameters",
    "CounterElectrode": "solidcell.simulation.parameters:CounterElectrode",
    "DenseFilmElectrode": "solidcell.simulation.parameters:DenseFilmElectrode",
    "ThermalParameters": "solidcell.simulation.parameters:ThermalParameters",
    "thermal_parameters": "solidcell.simulation.parameters:thermal_parameters",
    "dense_film_from_material": "solidcell.simulation.parameters:dense_film_from_material",
    "parameters_from_design": "solidcell.simulation.parameters:parameters_from_design",
    "electrode_from_material": "solidcell.simulation.parameters:electrode_from_material",
    "FastArrays": "solidcell.simulation.fast:FastArrays",
    "fast_discharge": "solidcell.simulation.fast:fast_discharge",
    "SimulationFailed": "solidcell.simulation.pybamm_adapter:SimulationFailed",
}


def __getattr__(name: str) -> Any:
    try:
        module, _, attr = _LAZY[name].partition(":")
    except KeyError:
        raise AttributeError(f"module 'solidcell.simulation' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
