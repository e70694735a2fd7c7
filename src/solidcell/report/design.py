"""The hook of ``solidcell evaluate DESIGN --report DIR`` (cli/cell.py: ``REPORT_HOOK``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_design_report(design: Any, result: Any, out_dir: str | Path) -> Path:
    """Write the HTML report of ``design`` into ``out_dir``; return its path (the command
    prints it: as a line of its table output, or as ``"Report"`` in its ``--json``, where a
    line of its own would break the JSON).

    ``result`` (the evaluation the command already printed) is not reused: the report runs
    every available engine itself, the energy engine included, so its numbers are the
    engine's for this design.
    """
    from solidcell.report.html import write_report

    return write_report(design, out_dir)


__all__ = ["write_design_report"]
