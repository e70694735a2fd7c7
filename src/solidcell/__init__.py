"""solidcell: design, simulate and screen all-solid-state batteries.

``import solidcell as sc`` is fast: every name below is imported on first use.

>>> import solidcell as sc
>>> round(sc.theoretical_capacity("LiFePO4").capacity_mAh_g)
170
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: public name -> "module:attribute" (imported lazily on first access).
_LAZY: dict[str, str] = {
    "Material": "solidcell.materials.schema:Material",
    "PropertyValue": "solidcell.materials.schema:PropertyValue",
    "MaterialStore": "solidcell.materials.store:MaterialStore",
    "materials": "solidcell.materials:",
    "get_material": "solidcell.materials:get",
    "theoretical_capacity": "solidcell.chemistry.capacity:theoretical_capacity",
    "conductivity_at": "solidcell.chemistry.conductivity:conductivity_at",
    "cite": "solidcell.citations:cite",
    "units": "solidcell.units:",
    # cell designs and their energy (cell/, screening/)
    "CellDesign": "solidcell.cell.design:CellDesign",
    "evaluate": "solidcell.cell.energy:evaluate",
    "evaluate_many": "solidcell.cell.energy:evaluate_many",
    "screen": "solidcell.screening.screen:screen",
    # simulation (simulation/)
    "simulate": "solidcell.simulation.runs:simulate",
    # interfaces (interfaces/, mechanics/)
    "stability_window": "solidcell.interfaces.stability:stability_window",
    # discovery (discovery/)
    "predict_conductivity": "solidcell.discovery.predict:predict_conductivity",
    # manufacturing and cost (manufacturing/)
    "plan_routes": "solidcell.manufacturing.routes:plan_routes",
    "cell_cost": "solidcell.manufacturing.cost:cell_cost",
    "cost_model": "solidcell.manufacturing.cost:cost_model",
    "SolidcellError": "solidcell.errors:SolidcellError",
    "ValidationError": "solidcell.errors:ValidationError",
    "UnitError": "solidcell.errors:UnitError",
}

#: what ``from solidcell import *`` gives and what the API reference lists (each resolves
#: lazily, so this costs nothing at import).
__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    try:
        target = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'solidcell' has no attribute {name!r}") from None
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    value = getattr(module, attr) if attr else module
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names (:data:`__all__`) and the module's dunders, each once and the same
    before and after use: the names cached in ``globals()`` by :func:`__getattr__` were
    listed twice, and ``Any``, ``annotations`` and ``importlib`` cluttered tab completion."""
    dunders = (name for name in globals() if name.startswith("__") and name.endswith("__"))
    return sorted({*__all__, *dunders})
