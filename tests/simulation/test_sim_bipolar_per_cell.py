"""A bipolar stack's simulated voltages and energies are one cell's, and the output says so.

`solidcell simulate examples/bipolar-nmc811-lpscl-li.yaml` printed "delivered energy (Wh)
14.1" beside `solidcell evaluate`'s "cell energy (Wh) 87.43" of the same package, with only a
note saying that the stack's energy is 6 times the first (before 2026-12-07). The results now
carry ``cells_in_series`` (JSON "Cells in series") and the tables label the energies, voltages
and powers "one cell of n". Property: the stack's energy over n equals the one-cell energy
printed (docs/simulation.md, bipolar stack).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.simulation import rate_capability

BIPOLAR = Path(__file__).resolve().parents[2] / "examples" / "bipolar-nmc811-lpscl-li.yaml"
PLANAR = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def test_rate_capability_carries_the_cells_in_series() -> None:
    n = CellDesign.from_yaml(BIPOLAR).architecture.cells_in_series
    assert n == 6
    res = rate_capability(BIPOLAR, [1.0], model="fast")
    assert res.cells_in_series == n and res.to_json()["Cells in series"] == n
    one = rate_capability(PLANAR, [1.0], model="fast")
    assert one.cells_in_series == 1 and one.to_json()["Cells in series"] == 1
    # one cell's numbers: the mean voltage below one NMC811 | Li cell's charged OCV (4.3 V,
    # the chen2020 data's end), the energy the capacity times it
    assert res.mean_voltage_V[0] < 4.3
    assert res.energy_W_h[0] == pytest.approx(res.capacity_A_h[0] * res.mean_voltage_V[0])


def test_rate_capability_table_labels_one_cell(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # one header line
    code, out, err = run(["rate-capability", str(BIPOLAR), "--rates", "1", "--fast"], capsys)
    assert code == 0, err
    assert "energy, one cell of 6 (Wh)" in out and "mean voltage, one cell of 6 (V)" in out
    code, out, err = run(["rate-capability", str(PLANAR), "--rates", "1", "--fast"], capsys)
    assert code == 0, err
    assert "one cell of" not in out


def test_simulate_table_and_json_say_one_cell(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    args = ["simulate", str(BIPOLAR), "--mesh", "coarse", "-e", "Discharge at 1C for 2 minutes"]
    code, out, err = run(args, capsys)
    assert code == 0, err
    assert "delivered energy, one cell of 6 (Wh)" in out
    code, out, err = run([*args, "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["Cells in series"] == 6


def test_power_and_resistance_steps_are_said_per_cell() -> None:
    """'Discharge at 10 W ...' on the 6-cell stack ran 10 W on one cell, 60 W of the package,
    with no word of it (the stack note named voltages and energies only)."""
    from solidcell.simulation.runs import simulate

    res = simulate(BIPOLAR, "Discharge at 10 W for 1 minute; Discharge at 2 Ohm for 1 minute",
                   mesh="coarse")
    said = [n for n in res.notes if n.startswith("step ")]
    assert any("10 W" in n and "power is one cell's" in n and "P/6" in n for n in said)
    assert any("2 Ohm" in n and "resistance is one cell's" in n for n in said)
    # the power PyBaMM ran is one cell's: V I of the cell's own curve (first step)
    first = res.time_s <= 60.0
    p = res.voltage_V[first] * res.current_A[first]
    assert p == pytest.approx(10.0, rel=1e-3)
    one = simulate(PLANAR, "Discharge at 10 W for 1 minute", mesh="coarse")
    assert not [n for n in one.notes if "one cell's" in n]


def test_temperature_sweep_carries_the_cells_in_series() -> None:
    from solidcell.cli.simulate import sweep_rows
    from solidcell.simulation import temperature_sweep

    res = temperature_sweep(BIPOLAR, [298.15], mesh="coarse", c_rate=2.0)
    assert res.cells_in_series == 6 and res.to_json()["Cells in series"] == 6
    columns, _ = sweep_rows(res)
    assert "energy, one cell of 6 (Wh)" in columns
