"""The hook of ``solidcell evaluate DESIGN --report DIR`` (cli/cell.py: ``REPORT_HOOK``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_design_report(design: Any, result: Any, out_dir: str | Path) -> Path:
    """Write the HTML report of ``design`` into ``out_dir``; return its path (the command
    prints it: as a line of its table output, or as ``"Report"`` in its ``--json``, where a
    line of its own would break the JSON).

    ``result`` (the evaluation the command already printed, with its ``--charged`` and
    ``--polarisation``) is the one the report shows: the report evaluated the design again
    with the defaults, so ``evaluate --charged --report`` printed 816 Wh/L and wrote 928 Wh/L
    (the EV example). The other sections run their engines themselves.
    """
    from solidcell.report.html import write_report

    return write_report(design, out_dir, evaluation=result)


__all__ = ["write_design_report"]
