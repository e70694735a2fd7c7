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
