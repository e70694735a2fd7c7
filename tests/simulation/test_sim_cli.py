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

from clirun import run_main


def run_process(*args: str) -> subprocess.CompletedProcess:
    """``python -m solidcell ARGS`` in a process of its own (the entry point as installed)."""
    return subprocess.run([sys.executable, "-m", "solidcell", *args], capture_output=True,
                          text=True, env=dict(os.environ), timeout=600)


#: ``solidcell ARGS`` in this process (tests/clirun.py): a process of its own imported PyBaMM
#: again for each of the 20 runs (this file's tests, alone: 40 s, in process 8 s); ``test_help`` and
#: ``test_the_entry_point_runs_a_simulation`` keep process-level runs (H320)
run = run_main


def _design(tmp_path: Path, **changes) -> Path:
    path = tmp_path / "cell.yaml"
    path.write_text(yaml.safe_dump(design_dict(**changes)), encoding="utf-8")
    return path


def test_help() -> None:
    for cmd in ("simulate", "rate-capability"):
        res = run_process(cmd, "--help")
        assert res.returncode == 0 and "--json" in res.stdout, res.stderr


def test_the_entry_point_runs_a_simulation(tmp_path: Path) -> None:
    """A run in a process of its own (stdout: the JSON alone) answers what the in-process
    ``run`` of the other tests answers, to the last digit."""
    path = _design(tmp_path)
    args = ("rate-capability", str(path), "--rates", "1", "--fast", "--json")
    res = run_process(*args)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == json.loads(run(*args).stdout)


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
    assert res.returncode == 2 and "--rates (item 2 of 3): ''" in res.stderr
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
    film = Path(__file__).resolve().parents[2] / "examples" / "thin-film-lco-lipon-li.yaml"
    res = run("rate-capability", str(film), "--fast", "--ocp-ends", "wall")
    assert res.returncode == 2 and "--ocp-ends" in res.stderr and "thin-film" in res.stderr \
        and "Traceback" not in res.stderr


def test_ocp_ends_default_is_auto_and_the_output_says_which_ran(tmp_path: Path) -> None:
    """`--ocp-ends` defaults to 'auto' (rate-capability and simulate): 'wall' for this NMC811
    half cell, 'stop' for the LiCoO2 thin film (no wall there); the JSON's "OCP ends" and the
    text's 'OCP ends' line say which ran, the wall's note only with the wall; 'auto' given
    is the default."""
    path = _design(tmp_path)
    film = Path(__file__).resolve().parents[2] / "examples" / "thin-film-lco-lipon-li.yaml"
    for design, ends in ((path, "wall"), (film, "stop")):
        res = run("rate-capability", str(design), "--rates", "1", "--fast", "--json")
        assert res.returncode == 0, res.stderr
        out = json.loads(res.stdout)
        assert out["OCP ends"] == ends
        assert any("OCP ends 'wall'" in n for n in out["notes"]) == (ends == "wall")
    res = run("rate-capability", str(path), "--rates", "1", "--fast", "--ocp-ends", "auto")
    assert res.returncode == 0 and "OCP ends: wall" in res.stdout, res.stderr
    res = run("simulate", str(path), "--mesh", "coarse", "--json")
    assert res.returncode == 0 and json.loads(res.stdout)["OCP ends"] == "wall", res.stderr
    res = run("simulate", str(path), "--mesh", "coarse", "--ocp-ends", "stop")
    assert res.returncode == 0 and "OCP ends" in res.stdout and "stop" in res.stdout, res.stderr
    res = run("simulate", str(path), "--ocp-ends", "soft")
    assert res.returncode == 2 and "--ocp-ends" in res.stderr and "'auto'" in res.stderr \
        and "Traceback" not in res.stderr


def test_rate_capability_fast_follows_the_wall(tmp_path: Path) -> None:
    """`--fast --ocp-ends wall` (allowed since the fast model follows the wall, 2026-12-06):
    it ends at the cut-off, delivers at least what 'stop' does and says so in a note."""
    path = _design(tmp_path)
    out = {}
    for ends in ("stop", "wall"):
        res = run("rate-capability", str(path), "--rates", "2", "--fast", "--ocp-ends", ends,
                  "--json")
        assert res.returncode == 0, res.stderr
        out[ends] = json.loads(res.stdout)  # one design: its result itself
    assert out["wall"]["Discharge capacity [A.h]"][0] >= out["stop"]["Discharge capacity [A.h]"][0]
    assert any("OCP ends 'wall'" in n for n in out["wall"]["notes"])
