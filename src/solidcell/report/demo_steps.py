"""The design part of the demo: evaluate the bundled EV example (and more as engines land)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def run_design_steps(out: Path, echo: Callable[[str], None] = print) -> dict[str, str]:
    """Run the steps whose engines exist; return label -> file written."""
    return {}
