"""`TemperatureSweepResult.plot`: delivered capacity against temperature, with a second panel of
each run's temperature rise when the sweep ran the lumped thermal model. Drawn from results
built here (no solve: the figure's layout is checked, not the model's numbers)."""

from __future__ import annotations

import struct
import subprocess
import sys

import numpy as np

from solidcell.simulation.results import TemperatureSweepResult

PNG = b"\x89PNG\r\n\x1a\n"


def _result(**changes) -> TemperatureSweepResult:
    fields = dict(name="cell", c_rate=1.0, temperature_K=np.array([298.15, 253.15]),
                  separator_conductivity_S_m=np.array([0.2, 0.01]),
                  capacity_A_h=np.array([19.0, 1.5]), energy_W_h=np.array([71.0, 5.0]),
                  utilisable_capacity_A_h=21.4, sources=(), terminations=("a", "b"))
    fields.update(changes)
    return TemperatureSweepResult(**fields)


def _png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from the PNG's IHDR chunk."""
    assert data.startswith(PNG)
    return struct.unpack(">II", data[16:24])


def test_isothermal_and_lumped_plots_are_written(tmp_path):
    one = _result().plot(tmp_path / "iso.png")
    two = _result(thermal="lumped", max_temperature_rise_K=np.array([3.0, 9.0]),
                  utilisable_capacity_A_h=0.5, capacity_A_h=np.array([0.4, 0.1])
                  ).plot(tmp_path / "lumped.png")
    iso_w, iso_h = _png_size(one.read_bytes())
    lumped_w, lumped_h = _png_size(two.read_bytes())
    assert iso_w == lumped_w and lumped_h > iso_h  # the rise's panel below the capacity's
    assert _result().plot(tmp_path / "sweep.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_one_temperature_and_no_capacity_still_plot(tmp_path):
    """A sweep of one temperature, or one whose cell delivered nothing, is a figure too."""
    path = _result(temperature_K=np.array([253.15]), separator_conductivity_S_m=np.array([0.01]),
                   capacity_A_h=np.array([0.0]), energy_W_h=np.array([0.0]),
                   terminations=("no capacity",)).plot(tmp_path / "one.png")
    assert path.read_bytes().startswith(PNG)


def test_results_module_does_not_import_matplotlib():
    """matplotlib is imported by plot() only (import solidcell stays light)."""
    code = ("import sys, solidcell.simulation.results; "
            "sys.exit('matplotlib' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0
