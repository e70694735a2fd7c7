"""Every command's ``--json`` as a program reads it: strict JSON (no NaN/Infinity tokens),
PyBaMM-style keys with units in brackets, numbers as numbers, sources present.

Each command runs on a bundled example (the cheap commands: seconds each); the simulation
commands are covered with ``--fast``. They run in the test's process (``clirun.run_main``: the
entry point's ``main``, its stdout and stderr as a process writes them), on a fresh database of
this module's own (the commands only read it), since a process of their own imported solidcell
and PyBaMM again for each (about half a CPU second each, H325); ``demo --json`` still runs as a
real ``solidcell`` process, whose stdout a program reads through a pipe.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clirun import FRAME_KEYS, run_main

ROOT = Path(__file__).resolve().parents[2]
EV = str(ROOT / "examples" / "ev-nmc811-lpscl-li.yaml")
THREE_D = str(ROOT / "examples" / "interdigitated-3d-nmc811-lpscl-li.yaml")
BIPOLAR = str(ROOT / "examples" / "bipolar-nmc811-lpscl-li.yaml")
THIN_FILM = str(ROOT / "examples" / "thin-film-lco-lipon-li.yaml")

#: lowercase keys that are containers, not quantities (PyBaMM's own output has none, but a
#: result groups its quantities under these)
CONTAINER_KEYS = FRAME_KEYS  # the lowercase keys of docs/conventions.md
#: mappings keyed by a material id or a category word, not by a quantity name
ID_KEYED = {"Areal masses [kg.m-2]", "Decomposition products", "Spreads"}
#: a unit in brackets: PyBaMM's dotted form (W.h.kg-1), never a slash (Wh/kg)
BRACKET = re.compile(r"\[([^\]]*)\]")

#: (arguments, whether the output is a result that must name its sources)
COMMANDS: list[tuple[list[str], bool]] = [
    (["capacity", "LiFePO4"], True),
    (["conductivity", "li6ps5cl"], True),
    (["evaluate", EV], True),
    (["evaluate", THIN_FILM], True),
    (["compare", EV, THREE_D], True),
    (["crossover", EV, THREE_D], True),
    (["bipolar-gain", BIPOLAR], True),
    (["design", "check", EV], True),
    (["window", "li6ps5cl"], True),
    (["react", "li6ps5cl", "LiCoO2"], True),
    (["interfaces", EV], True),
    (["ccd", "li6ps5cl", "--flaw-size", "1 um"], True),
    (["route", EV], True),
    (["cost", EV, "--price", "vgcf=100", "--price", "linbo3=100"], True),
    (["rate-capability", EV, "--fast"], True),
    (["simulate", THIN_FILM], True),  # the thin-film PyBaMM model: seconds
    (["temperature-sweep", str(ROOT / "examples" / "oxide-lco-llzo-li.yaml"),
      "--temperatures", "25 degC", "--mesh", "coarse"], True),  # one PyBaMM run: seconds
    (["predict", "Li7La3Zr2O12"], True),
    (["discover", "Li7La3Zr2O12", "--top", "3", "--no-window"], True),
    # knowledge-base records: their keys are the database schema (the same a user writes
    # in `materials add` or `--processes`), so only strictness and sources are checked
    (["materials", "show", "li6ps5cl"], True),
    (["processes"], True),
    (["applications"], True),
    (["cite", "li6ps5cl"], False),
]
SCHEMA_RECORDS = {"materials", "processes", "applications", "cite"}


def _refuse_constant(token: str) -> Any:
    raise ValueError(f"{token} is not JSON (RFC 8259); a missing value must be null")


def strict_loads(text: str) -> Any:
    """``json.loads`` that refuses the NaN/Infinity tokens Python's json would accept."""
    return json.loads(text, parse_constant=_refuse_constant)


def _is_number_like(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if value is None or isinstance(value, int | float):
        return True
    if isinstance(value, list):
        return all(_is_number_like(v) for v in value)
    return False


def naming_problems(data: Any, path: str = "") -> list[str]:
    """Keys that break the naming rules, and unit-carrying values that are not numbers."""
    problems: list[str] = []
    if isinstance(data, list):
        for item in data:
            problems += naming_problems(item, path)
        return problems
    if not isinstance(data, dict):
        return problems
    for key, value in data.items():
        where = f"{path}/{key}"
        if key not in CONTAINER_KEYS and not (key[:1].isupper() or key[:1].isdigit()):
            problems.append(f"{where}: a key starts with a capital (PyBaMM naming)")
        if re.fullmatch(r"[A-Za-z0-9]+(_[A-Za-z0-9]+)+", key):
            problems.append(f"{where}: snake_case attribute name instead of a label")
        for unit in BRACKET.findall(key):
            if "/" in unit:
                problems.append(f"{where}: unit with a slash; PyBaMM writes W.h.kg-1")
        if re.search(r"\((?:m?A\.?h|W\.?h|W|V|S|K|um|mm|g|kg)(?:/[^)]*)?\)$", key):
            problems.append(f"{where}: unit in parentheses; units go in brackets")
        # a group of quantities ("Mean overpotentials [V]") is checked item by item below
        if (BRACKET.search(key) and key not in ID_KEYED and not isinstance(value, dict)
                and not _is_number_like(value)):
            problems.append(f"{where}: a quantity with a unit is not a number: {value!r}")
        if key not in ID_KEYED:
            problems += naming_problems(value, where)
    return problems


def has_sources(data: Any) -> bool:
    """A result with its ``sources``; a list of records, or a mapping of id to record
    (``applications``), where every record has its own."""
    if isinstance(data, dict) and data.get("sources"):
        return True
    records = data if isinstance(data, list) else list(data.values())
    return bool(records) and all(isinstance(r, dict) and r.get("sources") for r in records)


def run(*args: str, db: Path) -> subprocess.CompletedProcess:
    """``solidcell ARGS --json`` as a real process, on the database ``db``."""
    env = dict(os.environ, SOLIDCELL_DB=str(db), PYBAMM_DISABLE_TELEMETRY="true",
               MPLBACKEND="Agg")
    return subprocess.run([sys.executable, "-m", "solidcell", *args, "--json"],
                          capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)


@pytest.fixture(scope="module")
def module_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh database for this module's in-process commands (``$SOLIDCELL_DB`` while the
    module runs): read by them, written by none, so one serves them all."""
    db = tmp_path_factory.mktemp("json-strict") / "m.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOLIDCELL_DB", str(db))
        yield db


@pytest.mark.parametrize(("args", "needs_sources"), COMMANDS,
                         ids=[" ".join(Path(a).name for a in c[0]) for c in COMMANDS])
def test_json_is_strict_and_named(args: list[str], needs_sources: bool,
                                  module_db: Path) -> None:
    res = run_main(*args, "--json")
    assert res.returncode == 0, res.stderr
    data = strict_loads(res.stdout)
    if needs_sources:
        assert has_sources(data), "no sources"
    if args[0] not in SCHEMA_RECORDS:
        assert naming_problems(data) == []


def test_strict_loads_refuses_nan_and_infinity() -> None:
    """The check itself: Python's json writes and reads these tokens unless told not to."""
    for token in ("NaN", "Infinity", "-Infinity"):
        with pytest.raises(ValueError, match="not JSON"):
            strict_loads(f'{{"Cell mass [kg]": {token}}}')
    assert strict_loads('{"Cell mass [kg]": null}') == {"Cell mass [kg]": None}


def test_naming_rules_catch_what_they_should() -> None:
    """The rules refuse snake_case keys, slash units, units in parentheses and numbers sent
    as strings; they accept the keys solidcell writes."""
    assert naming_problems({"Cell gravimetric energy density [W.h.kg-1]": 350.0,
                            "sources": ["k"], "cell": {"Mass [kg]": None}}) == []
    for bad in ({"areal_capacity_mAh_cm2": 4.0}, {"Energy density [Wh/kg]": 350.0},
                {"Cell energy (Wh)": 1.0}, {"Cell mass [kg]": "0.19"}):
        assert naming_problems(bad), bad


def test_evaluate_json_has_the_interlayer_films(tmp_path: Path, module_db: Path) -> None:
    """A stacked cell with films between groups of repeat units: the films' thickness and
    mass reach the JSON under PyBaMM-style names, as numbers, and the text output names them
    with units. 20 layers in groups of 2: 20/2 - 1 = 9 films of 40 um (the engine's count,
    solidcell.cell.energy)."""
    text = Path(EV).read_text().replace(
        "  tab_mass: 2 g\n",
        "  tab_mass: 2 g\n  interlayer_film: {material: polyimide, thickness: 40 um, every: 2}\n")
    assert "interlayer_film" in text
    design = tmp_path / "films.yaml"
    design.write_text(text)
    res = run_main("evaluate", str(design), "--json")
    assert res.returncode == 0, res.stderr
    data = strict_loads(res.stdout)
    assert naming_problems(data) == []
    assert data["cell"]["Interlayer film thickness [m]"] == pytest.approx(9 * 40e-6)
    assert data["cell"]["Interlayer film mass [kg]"] > 0
    table = run_main("evaluate", str(design))
    assert table.returncode == 0, table.stderr
    assert "interlayer films, total thickness (um)" in table.stdout
    assert re.search(r"interlayer films, total thickness \(um\)\s*│\s*360\b", table.stdout)


def test_evaluate_with_report_keeps_stdout_json(tmp_path: Path, module_db: Path) -> None:
    """``evaluate --report DIR --json``: the report's path is inside the JSON ("Report"), not a
    line of its own before it (which made stdout invalid JSON); the table output still prints
    ``report: PATH``."""
    # no simulation, quick: the polymer example with PEGDA (one conductivity value, refused
    # at 60 degC) for its PEO-LiTFSI, which simulates since it has a measured 25-100 C series
    pegda = tmp_path / "pegda.yaml"
    pegda.write_text((ROOT / "examples" / "polymer-lfp-peo-li.yaml").read_text("utf-8")
                     .replace("peo_litfsi", "pegda_xl"), encoding="utf-8")
    design = str(pegda)
    res = run_main("evaluate", design, "--report", str(tmp_path / "out"), "--json")
    assert res.returncode == 0, res.stderr
    data = strict_loads(res.stdout)
    written = list((tmp_path / "out").glob("*.html"))
    assert [Path(data["Report"])] == written
    table = run_main("evaluate", design, "--report", str(tmp_path / "out"))
    assert f"report: {written[0]}" in table.stdout


def test_demo_json_is_the_only_stdout(tmp_path: Path) -> None:
    """``demo --json``: the progress lines go to stderr, stdout is one JSON object naming the
    files written (they were printed to stdout before it, so the JSON did not parse); no
    progress bar in stderr when it is a pipe. A real process: its stdout and stderr are
    pipes, as a program that reads the JSON has them."""
    res = run("demo", "--out", str(tmp_path / "demo"), db=tmp_path / "m.sqlite")
    assert res.returncode == 0, res.stderr
    data = strict_loads(res.stdout)
    assert naming_problems(data) == []
    assert all(Path(p).is_file() for p in data.values()), data
    assert "solidcell demo: evaluating" in res.stderr
    assert "rate/s" not in res.stderr
