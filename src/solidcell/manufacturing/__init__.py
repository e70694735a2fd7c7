"""How a cell is made and what it costs: process database, route planner and cost model.

>>> from solidcell.manufacturing import load_processes
>>> db = load_processes()
>>> db.get("atomic_layer_deposition").thickness.max
100.0
"""

from __future__ import annotations

from solidcell.manufacturing.processes import (
    MATERIAL_CLASSES,
    Process,
    ProcessDatabase,
    Quantity,
    load_processes,
)

__all__ = ["MATERIAL_CLASSES", "Process", "ProcessDatabase", "Quantity", "load_processes"]
