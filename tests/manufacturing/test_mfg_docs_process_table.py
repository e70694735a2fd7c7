"""The process table of docs/manufacturing.md states each entry's machine time as the database
computes it (``Process.time_per_area``): a batch step's time per batch besides its rate, a
line's speed and width. The rows of sputtering, PLD, both ALD entries, sputtered LiCoO2,
sol-gel and lithium evaporation showed the rate alone (their 600-3600 s per batch, which set
the cost of thin films, were missing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.manufacturing.processes import load_processes

DOC = Path(__file__).resolve().parents[2] / "docs" / "manufacturing.md"


def _rows() -> dict[str, str]:
    """process id -> the table's 'rate or line' cell."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 8 and cells[0] != "process":
            rows[cells[0].split()[0]] = cells[3]
    return rows


@pytest.mark.parametrize("process", [p for p in load_processes().processes], ids=lambda p: p.id)
def test_the_table_shows_the_numbers_of_each_process_machine_time(process) -> None:
    rows = _rows()
    assert process.id in rows, f"{process.id} has no row in the process table"
    cell = rows[process.id]
    if process.batch_time is not None and process.batch_time.value:
        assert f"{process.batch_time.value:g} s" in cell, (process.id, cell)
    if process.is_line and process.id != "purchased_foil":  # the foil runs with the line
        assert f"{process.line_speed.value:g} m/min" in cell, (process.id, cell)
        assert f"{process.web_width.value:g} m" in cell, (process.id, cell)
    if process.coated_area is not None and process.deposition_rate is not None:
        assert f"{process.coated_area.value:g} m2" in cell, (process.id, cell)
