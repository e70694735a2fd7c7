"""The hook of ``solidcell evaluate DESIGN --report DIR`` (cli/cell.py: ``REPORT_HOOK``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_design_report(design: Any, result: Any, out_dir: str | Path) -> Path:
    """Write the HTML report of ``design`` into ``out_dir`` and print its path.

    ``result`` (the evaluation the command already printed) is not reused: the report runs
    every available engine itself, the energy engine included, so its numbers are the
    engine's for this design.
    """
    import typer

    from solidcell.report.html import write_report

    path = write_report(design, out_dir)
    typer.echo(f"report: {path}")
    return path


__all__ = ["write_design_report"]
