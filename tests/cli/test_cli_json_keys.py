"""One naming rule for the keys of every command's ``--json`` (docs/conventions.md, "JSON keys"):
a key that names a value, a column, a record or a table is PyBaMM-style, capitalised
(``"Ionic conductivity [S.m-1]"``, ``"Note"``, ``"Source"``, ``"Routes"``); the keys that frame
an answer are lowercase, one closed list for all commands (``sources``, ``notes``,
``warnings``, ...). Each command with ``--json`` is run on a bundled example; a command that
gains ``--json`` without a case here (or a stated reason to skip it) fails the first test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer

from clirun import FRAME_KEYS, run
from solidcell.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = str(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
THREE_D = str(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")

#: frame keys whose value is a list of texts
TEXT_LISTS = frozenset({"sources", "notes", "warnings"})

#: keys whose value is a mapping keyed by data (material ids, reaction sides, reason texts, the
#: labels of the conventions) or echoes an input file (a space file's objectives): not names
DATA_KEYED = frozenset({"Areal masses [kg.m-2]", "Decomposition products", "Infeasible reasons",
                        "conventions", "Objectives",
                        # cost's tornado spreads, keyed by the category words of its --*-spread
                        # options (process, yield, energy, price); only a priced design has one
                        "Spreads"})

#: (command words) -> argv of one case; ``{space}`` is a two-point screen of the EV example,
#: ``{tmp}`` the test's folder
CASES: dict[str, list[str]] = {
    "evaluate": [EV],
    "compare": [EV, THREE_D],
    "crossover": [EV, THREE_D],
    "bipolar-gain": [str(EXAMPLES / "bipolar-nmc811-lpscl-li.yaml")],
    "capacity": ["LiFePO4"],
    "conductivity": ["lgps", "--temperature", "60 degC"],
    "report": [EV, "--out", "{tmp}"],
    "demo": ["--out", "{tmp}"],
    "predict": ["Li6PS5Cl"],
    "discover": ["Li7La3Zr2O12"],
    "window": ["Li6PS5Cl"],
    "react": ["Li6PS5Cl", "LiCoO2"],
    "compat": [],
    "interfaces": [EV, "--stack-pressure", "5 MPa"],
    "ccd": ["li6ps5cl", "--flaw-size", "5 um", "--asr", "10 Ohm cm2"],
    "route": [EV],
    "cost": [EV],
    "screen": ["{space}"],
    "simulate": [EV],
    "rate-capability": [EV, "--fast", "--rates", "0.2,1"],
    "temperature-sweep": [str(EXAMPLES / "oxide-lco-llzo-li.yaml"), "--temperatures",
                          "0 degC, 25 degC", "--mesh", "coarse"],
    "design check": [EV],
}

#: commands with ``--json`` whose keys are not results, each with its reason
NOT_RESULTS: dict[str, str] = {
    # database commands keep the field names of their files and of the store, so a dump can
    # be edited and read back (docs/conventions.md)
    **{f"materials {c}": "the materials database's own field names"
       for c in ("list", "show", "query", "add", "update", "delete", "measure", "measurements",
                 "delete-measurement", "import", "export")},
    "processes": "the process database file's own keys",
    "applications": "the application profiles file's own keys",
    "design schema": "a JSON Schema of the design file's fields",
    "cite": "BibTeX fields of the bibliography",
    # too slow for a test: their results' to_json follow the rule as written
    "md": "CHGNet MD, the optional md extra, hours per material",
    "train": "retrains the conductivity model on OBELiX",
}


def _json_commands() -> list[str]:
    """The words of every registered command that takes ``--json``."""
    found: list[str] = []

    def walk(command: Any, words: list[str]) -> None:
        for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
            walk(sub, [*words, name])
        if any("--json" in getattr(p, "opts", ()) for p in getattr(command, "params", ())):
            found.append(" ".join(words))

    walk(typer.main.get_command(app), [])
    return found


def test_every_json_command_has_a_case() -> None:
    commands = set(_json_commands())
    assert "evaluate" in commands and "materials list" in commands  # the walk finds them
    assert commands == set(CASES) | set(NOT_RESULTS), (
        sorted(commands - set(CASES) - set(NOT_RESULTS)),
        sorted((set(CASES) | set(NOT_RESULTS)) - commands))
    assert not set(CASES) & set(NOT_RESULTS)


def key_problems(node: Any, where: str = "", data_keys: frozenset[str] = frozenset()) -> list[str]:
    """Each key below ``node`` that breaks the rule, with its path; ``data_keys`` are keys a
    case gives as data (a swept parameter's path)."""
    problems: list[str] = []
    if isinstance(node, list):
        for item in node:
            problems += key_problems(item, where + "[]", data_keys)
        return problems
    if not isinstance(node, dict):
        return problems
    for key, value in node.items():
        path = f"{where}/{key}"
        if key in FRAME_KEYS:
            if key in TEXT_LISTS and not (isinstance(value, list)
                                          and all(isinstance(v, str) for v in value)):
                problems.append(f"{path}: a frame key holds a list of texts")
        elif key.lower() in FRAME_KEYS:
            problems.append(f"{path}: a frame key is lowercase ({key.lower()!r})")
        elif key not in data_keys and not (key[:1].isupper() or key[:1].isdigit()):
            problems.append(f"{path}: a name is capitalised, PyBaMM-style")
        if key not in DATA_KEYED:
            problems += key_problems(value, path, data_keys)
    return problems


def test_key_problems_finds_each_kind_of_break() -> None:
    assert key_problems({"Notes": [], "note": "x", "Rows": [{"source": "k"}],
                         "sources": "k", "Fine [m]": 1, "3D gain": 2, "notes": []}) == [
        "/Notes: a frame key is lowercase ('notes')", "/note: a name is capitalised, "
        "PyBaMM-style", "/Rows: a frame key is lowercase ('rows')",
        "/Rows[]/source: a name is capitalised, PyBaMM-style",
        "/sources: a frame key holds a list of texts"]


def _argv(words: str, tmp_path: Path) -> list[str]:
    space = tmp_path / "space.yaml"
    space.write_text(f"base: {EV}\nmethod: grid\nparameters:\n"
                     "  separator.thickness_m: {values: [30 um, 50 um]}\n", "utf-8")
    args = [str(space) if a == "{space}" else str(tmp_path) if a == "{tmp}" else a
            for a in CASES[words]]
    return [*words.split(), *args, "--json"]


@pytest.mark.parametrize("words", sorted(CASES))
def test_json_keys_follow_the_rule(words: str, tmp_path: Path, capsys) -> None:
    code, out, err = run(_argv(words, tmp_path), capsys)
    assert code == 0 or (code == 1 and words in ("route", "cost")), err  # 1: no route/price
    answers = [json.loads(out)]
    if words == "demo":  # the result files it writes are to_json output too
        answers += [json.loads(Path(p).read_text("utf-8")) for p in answers[0].values()
                    if str(p).endswith(".json")]
        assert len(answers) == 3, answers[0]
    data_keys = frozenset({"separator.thickness_m"}) if words == "screen" else frozenset()
    for answer in answers:
        assert key_problems(answer, "", data_keys) == []


def test_python_only_to_json_follow_the_rule() -> None:
    """to_json of results no command prints: evaluate_many's batch, the measured error of the
    fast model (its "Summary" was lowercase)."""
    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import evaluate_many
    from solidcell.simulation.validation import compare_fast_to_pybamm, validation_designs

    batch = evaluate_many([CellDesign.from_file(EV)]).to_json()
    assert batch["columns"] and key_problems(batch) == []
    comparison = compare_fast_to_pybamm(validation_designs(1, seed=7), [1.0],
                                        mesh="coarse").to_json()
    assert comparison["Summary"] and key_problems(comparison) == []
