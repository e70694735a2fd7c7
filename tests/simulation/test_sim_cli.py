"""`solidcell simulate` and `solidcell rate-capability` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from simhelpers import design_dict


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "solidcell", *args], capture_output=True,
                          text=True, env=dict(os.environ), timeout=600)


def _design(tmp_path: Path, **changes) -> Path:
    path = tmp_path / "cell.yaml"
    path.write_text(yaml.safe_dump(design_dict(**changes)), encoding="utf-8")
    return path


def test_help() -> None:
    for cmd in ("simulate", "rate-capability"):
        res = run(cmd, "--help")
        assert res.returncode == 0 and "--json" in res.stdout, res.stderr


def test_fast_rate_capability_json_and_plot(tmp_path: Path) -> None:
    path = _design(tmp_path)
    res = run("rate-capability", str(path), "--fast", "--rates", "0.1,1,2", "--json",
              "--plot", str(tmp_path / "r.html"))
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    frac = data["Capacity fraction of utilisable capacity"]
    assert len(frac) == 3 and frac[0] >= frac[1] >= frac[2] > 0
    assert "chen2020" in data["sources"]
    assert (tmp_path / "r.html").read_text().startswith("<!doctype html>")


@pytest.mark.slow
def test_simulate_table_and_json(tmp_path: Path) -> None:
    path = _design(tmp_path)
    res = run("simulate", str(path), "-e", "Discharge at 1C until 3.3 V", "--mesh", "coarse",
              "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert 0 < data["Delivered capacity [A.h]"] <= data["Utilisable capacity [A.h]"]
    assert set(data["Mean overpotentials [V]"]) >= {"Separator ohmic overpotential [V]",
                                                    "Solid diffusion overpotential [V]"}


def test_bad_input_is_one_clear_line(tmp_path: Path) -> None:
    res = run("simulate", str(tmp_path / "missing.yaml"))
    assert res.returncode == 2 and "error:" in res.stderr and "Traceback" not in res.stderr
    path = _design(tmp_path)
    res = run("rate-capability", str(path), "--fast", "--rates", "fast,slow")
    assert res.returncode == 2 and "--rates" in res.stderr and "Traceback" not in res.stderr
    res = run("rate-capability", str(path), "--fast", "--rates", "1,,2")  # ran 1 and 2
    assert res.returncode == 2 and "--rates: '1,,2'" in res.stderr
    res = run("simulate", str(path), "--temperature", "hot")
    assert res.returncode == 2 and "temperature" in res.stderr
    assert "Traceback" not in res.stderr
    res = run("simulate", str(_design(tmp_path, **{"cathode.active_material": "lmo"})))
    assert res.returncode == 2 and "lmo" in res.stderr and "Traceback" not in res.stderr


def test_interface_resistance_help_gives_the_real_precedence() -> None:
    """`simulate --help` said the default came "from the knowledge base, else 0", but the
    design's cathode + anode interface resistances come first (parameters_from_design)."""
    import typer.main

    from solidcell.cli import app

    commands = typer.main.get_command(app).commands
    for name in ("simulate", "rate-capability"):
        option = next(p for p in commands[name].params if p.name == "interface_resistance")
        text = option.help
        assert "the design's" in text and "knowledge base" in text, (name, text)
        assert text.index("the design's") < text.index("knowledge base") < text.index("else 0")


@pytest.mark.parametrize("command", ["simulate", "rate-capability"])
def test_a_negative_interface_resistance_is_refused_with_units(tmp_path: Path,
                                                               command: str) -> None:
    """`--interface-resistance '-5 Ohm cm2'` said "must be >= 0 and finite" (in which unit?),
    and the Python API showed the SI number -0.0005 next to a bound without unit."""
    res = run(command, str(_design(tmp_path)), "--interface-resistance", "-5 Ohm cm2")
    assert res.returncode == 2, res.stderr
    assert res.stderr == ("error: --interface-resistance: '-5 Ohm cm2' is not allowed; must be "
                          ">= 0 Ohm m2 and finite\n")


def test_rate_capability_ocp_ends_wall_ends_at_the_cutoff(tmp_path: Path) -> None:
    """`--ocp-ends wall` (pybamm_adapter.OCP_ENDS): the discharge ends at the voltage cut-off,
    not at the end of the OCP data, delivers at least what 'stop' does, and says so in a
    note; several designs (rate_capability_many) take it too."""
    path = _design(tmp_path)
    twin = tmp_path / "twin.yaml"
    twin.write_text(path.read_text("utf-8"), encoding="utf-8")
    out = {}
    for ends in ("stop", "wall"):
        res = run("rate-capability", str(path), str(twin), "--rates", "2", "--mesh",
                  "coarse", "--ocp-ends", ends, "--json")
        assert res.returncode == 0, res.stderr
        out[ends] = next(iter(json.loads(res.stdout).values()))
    assert "Minimum voltage" in out["wall"]["Termination"][0]
    assert out["wall"]["Discharge capacity [A.h]"][0] >= out["stop"]["Discharge capacity [A.h]"][0]
    assert any("OCP ends 'wall'" in n for n in out["wall"]["notes"])
    assert not any("OCP ends 'wall'" in n for n in out["stop"]["notes"])


def test_rate_capability_ocp_ends_bad_values_are_one_line(tmp_path: Path) -> None:
    path = _design(tmp_path)
    res = run("rate-capability", str(path), "--ocp-ends", "soft")
    assert res.returncode == 2 and "--ocp-ends" in res.stderr and "'soft'" in res.stderr \
        and "'wall'" in res.stderr and "Traceback" not in res.stderr
    res = run("rate-capability", str(path), "--fast", "--ocp-ends", "wall")
    assert res.returncode == 2 and "--ocp-ends" in res.stderr and "--fast" in res.stderr \
        and "Traceback" not in res.stderr
