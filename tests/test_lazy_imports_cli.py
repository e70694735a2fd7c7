"""Which heavy dependencies a command imports: only those of the work it does (SQLAlchemy when
it reads the materials database, pint for units without a fast path)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EV = str(Path(__file__).resolve().parent.parent / "examples" / "ev-nmc811-lpscl-li.yaml")
HEAVY = ("sqlalchemy", "pint")


def _run(code: str, tmp_path: Path) -> tuple[list[str], str]:
    """(heavy modules imported, stdout) of ``code``, run in a fresh interpreter whose stdout
    ends with one line: the JSON list of the heavy modules in sys.modules at its end."""
    env = dict(os.environ, SOLIDCELL_DB=str(tmp_path / "materials.sqlite"),
               PYBAMM_DISABLE_TELEMETRY="true", MPLBACKEND="Agg")
    wrapped = (f"import sys, json\ntry:\n    {code}\nexcept SystemExit:\n    pass\n"
               f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", wrapped], capture_output=True, text=True,
                          env=env, check=True)
    *out, last = done.stdout.rstrip("\n").split("\n")
    return json.loads(last), "\n".join(out)


def _cli(args: list[str], tmp_path: Path) -> tuple[list[str], str]:
    return _run(f"from solidcell.cli import main; main({args!r})", tmp_path)


def test_importing_the_materials_package_loads_no_sql(tmp_path: Path) -> None:
    """solidcell.materials (schema, curated data) without its store; the store on first use."""
    loaded, _ = _run("import solidcell.materials, solidcell.cell.design, "
                     "solidcell.materials.curated", tmp_path)
    assert loaded == []
    loaded, out = _run("import solidcell.materials as m; print(m.MaterialStore.__name__)",
                       tmp_path)
    assert out == "MaterialStore" and "sqlalchemy" in loaded


def test_capacity_of_a_formula_needs_neither_database_nor_pint(tmp_path: Path) -> None:
    loaded, out = _cli(["capacity", "Li4Ti5O12", "--json"], tmp_path)
    assert loaded == []
    assert not (tmp_path / "materials.sqlite").exists()  # no database opened
    assert json.loads(out)["Theoretical capacity [mA.h.g-1]"] > 0


@pytest.mark.parametrize("command", ["evaluate", "cost"])
def test_design_commands_need_no_pint(command: str, tmp_path: Path) -> None:
    """cost's process units (USD/m2, nm/s, m/min, year, ...) have a fast path; evaluate reads
    its materials from the database (the user's own included), so it loads SQLAlchemy. The
    first run, which fills a new database with the curated data, may use pint."""
    _cli([command, EV, "--json"], tmp_path)
    loaded, out = _cli([command, EV, "--json"], tmp_path)
    assert loaded == ["sqlalchemy"]
    assert out.lstrip().startswith("{")
