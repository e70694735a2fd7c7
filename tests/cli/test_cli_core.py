"""The command line as a user runs it: tables and --json, from the entry point's ``main`` in
this process, and a real `solidcell` process for its help, a refusal and the demo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import run_main


def run_process(*args: str, db: str | None = None) -> subprocess.CompletedProcess:
    """``python -m solidcell ARGS`` as a real process (its exit code, stdout and stderr)."""
    env = dict(os.environ)
    if db:
        env["SOLIDCELL_DB"] = db
    return subprocess.run([sys.executable, "-m", "solidcell", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def run(*args: str, db: str | None = None) -> subprocess.CompletedProcess:
    """``solidcell ARGS`` in this process (``clirun.run_main``: the same exit code, stdout and
    stderr), on the database ``db`` if given: a process of its own cost about half a CPU
    second each (H325); the real process is checked by ``run_process`` (help, a refusal,
    the demo)."""
    with pytest.MonkeyPatch.context() as mp:
        if db:
            mp.setenv("SOLIDCELL_DB", db)
        return run_main(*args)


def test_every_command_has_help() -> None:
    top = run_process("--help")
    assert top.returncode == 0
    for cmd in ["capacity", "conductivity", "cite", "demo", "materials"]:
        assert cmd in top.stdout
        res = run(cmd, "--help")
        assert res.returncode == 0, res.stderr
        assert "Usage" in res.stdout


def test_capacity_lfp_json() -> None:
    res = run("capacity", "LiFePO4", "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["Theoretical capacity [mA.h.g-1]"] == pytest.approx(170, rel=0.01)


def test_bad_formula_is_one_clear_line() -> None:
    res = run_process("capacity", "LiXq2")
    assert res.returncode == 2
    assert res.stderr.startswith("error: formula")
    assert "Traceback" not in res.stderr


def test_materials_add_refuses_negative_conductivity(tmp_path: Path) -> None:
    db = str(tmp_path / "m.sqlite")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: neg\nname: neg\ncategory: electrolyte\nelectrolyte_class: oxide\n"
        "properties:\n  - {name: ionic_conductivity, value: -1, unit: S/cm, "
        "temperature: 298.15, method: measured, source: lab}\n")
    res = run("materials", "add", str(bad), db=db)
    assert res.returncode == 2
    assert "ionic_conductivity" in res.stderr and "Traceback" not in res.stderr
    good = tmp_path / "good.yaml"
    good.write_text(bad.read_text().replace("value: -1", "value: 0.002"))
    assert run("materials", "add", str(good), db=db).returncode == 0
    listed = json.loads(run("materials", "list", "--origin", "user", "--json", db=db).stdout)
    assert [m["id"] for m in listed] == ["neg"]
    assert listed[0]["Ionic conductivity [S.m-1]"] == pytest.approx(0.2)


def test_materials_add_refuses_an_empty_list(tmp_path: Path) -> None:
    """An empty file used to report 'imported 0 materials' as if it had worked."""
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    res = run("materials", "add", str(empty), db=str(tmp_path / "m.sqlite"))
    assert res.returncode == 2 and "must hold a material" in res.stderr, res.stderr


def test_materials_query_and_show(tmp_path: Path) -> None:
    db = str(tmp_path / "m.sqlite")
    res = run("materials", "query", "--class", "oxide", "--property", "ionic_conductivity",
              "--min", "0.01 mS/cm", "--json", db=db)
    assert res.returncode == 0, res.stderr
    assert all(m["electrolyte_class"] == "oxide" for m in json.loads(res.stdout))
    bad = run("materials", "query", "--property", "ionic_conductivity", "--min", "3 um", db=db)
    assert bad.returncode == 2 and "ionic conductivity" in bad.stderr
    show = run("materials", "show", "llzo", db=db)
    assert show.returncode == 0 and "sources" in show.stdout


def test_cite_material() -> None:
    res = run("cite", "llzo", "--json")
    assert res.returncode == 0, res.stderr
    assert "srivastava_review" in [r["key"] for r in json.loads(res.stdout)]


def test_command_summaries_are_one_line_each() -> None:
    """The command lists show each docstring's first paragraph without its hard line breaks."""
    from solidcell.cli import app

    def commands(group):
        yield from group.registered_commands
        for sub in group.registered_groups:
            yield from commands(sub.typer_instance)

    infos = list(commands(app))
    assert len(infos) > 25
    for info in infos:
        assert info.short_help and "\n" not in info.short_help, info.name
    compare = next(i for i in infos if i.name == "compare")
    assert "interface area and ion path" in compare.short_help


def test_demo_finds_the_example_from_any_folder(tmp_path: Path) -> None:
    """`solidcell demo` run outside the repository root used to write the materials files and
    then fail on its relative default design path; it now finds the checkout's example, and a
    missing --design is refused before anything is written."""
    from solidcell.cli.demo import EXAMPLE, _design_file

    assert _design_file(None) == Path(__file__).resolve().parents[2] / "examples" / EXAMPLE
    out = tmp_path / "out"
    res = subprocess.run([sys.executable, "-m", "solidcell", "demo", "--out", str(out),
                          "--design", "missing.yaml"], capture_output=True, text=True,
                         cwd=tmp_path, timeout=300)
    assert res.returncode == 2 and res.stderr.startswith("error: --design:"), res.stderr
    assert not out.exists()
