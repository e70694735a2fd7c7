"""Every test that docs/validation.md names exists: each `tests/...py` path, each test file
named by its basename (basenames are unique under tests/), each `file.py::name` (and a following
`::name`, which continues the last file named) defined in that file, and each backticked
`test_name` defined in some test file. A row that names a renamed or deleted test points
readers to nothing; this finds it."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "validation.md"

#: a file (path or basename) with an optional ::name, a continuation ::name, or `test_name`
REFERENCE = re.compile(
    r"(?P<file>(?:tests/[\w/]+/)?test_\w+\.py)(?:::(?P<name>\w+))?"
    r"|::(?P<more>\w+)"
    r"|`(?P<bare>test_\w+)`")


@functools.cache
def files_by_name() -> dict[str, Path]:
    return {p.name: p for p in (ROOT / "tests").rglob("test_*.py")}


@functools.cache
def defined_in(basename: str) -> frozenset[str]:
    """Names of the functions and classes (any depth) of a test file."""
    tree = ast.parse(files_by_name()[basename].read_text("utf-8"))
    return frozenset(node.name for node in ast.walk(tree) if isinstance(
        node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef))


def dangling(text: str) -> list[str]:
    """The references of ``text`` (validation.md's syntax) that point to nothing, with their
    line numbers."""
    files = files_by_name()
    everywhere = frozenset().union(*(defined_in(name) for name in files))
    problems: list[str] = []
    last: str | None = None  # the file a following ::name continues
    for number, line in enumerate(text.splitlines(), 1):
        for m in REFERENCE.finditer(line):
            if m["file"]:
                path, base = m["file"], Path(m["file"]).name
                if path.startswith("tests/") and not (ROOT / path).is_file():
                    problems.append(f"line {number}: no file {path}")
                if base not in files:
                    problems.append(f"line {number}: no test file {base}")
                    last = None
                    continue
                last = base
                if m["name"] and m["name"] not in defined_in(base):
                    problems.append(f"line {number}: no {m['name']} in {base}")
            elif m["more"]:
                if last is None:
                    problems.append(f"line {number}: ::{m['more']} follows no test file")
                elif m["more"] not in defined_in(last):
                    problems.append(f"line {number}: no {m['more']} in {last}")
            elif m["bare"] not in everywhere:
                problems.append(f"line {number}: no test named {m['bare']}")
    return problems


def test_every_test_named_in_validation_md_exists() -> None:
    assert dangling(DOC.read_text("utf-8")) == []


def test_the_page_names_many_tests_and_the_check_reads_them() -> None:
    """The check is not empty: the page names well over a hundred tests in the three forms."""
    found = list(REFERENCE.finditer(DOC.read_text("utf-8")))
    assert sum(1 for m in found if m["file"] and m["name"]) > 30
    assert sum(1 for m in found if m["more"]) > 5
    assert sum(1 for m in found if m["bare"]) > 10


def test_a_renamed_test_a_missing_file_and_a_stray_continuation_are_found() -> None:
    text = "\n".join([
        "| x | y | `tests/cell/test_cell_energy_cases.py::test_stack_cases_within_0_1_percent` |",
        "| x | y | test_cell_energy_cases.py::test_no_such_case, ::test_nor_this |",
        "| x | y | tests/cell/test_no_such_file.py |",
        "| x | y | tests/chemistry/test_cell_energy_cases.py (wrong folder) |",
        "| x | y | `test_no_such_test_anywhere` |",
    ])
    assert dangling(text) == [
        "line 2: no test_no_such_case in test_cell_energy_cases.py",
        "line 2: no test_nor_this in test_cell_energy_cases.py",
        "line 3: no file tests/cell/test_no_such_file.py",
        "line 3: no test file test_no_such_file.py",
        "line 4: no file tests/chemistry/test_cell_energy_cases.py",
        "line 5: no test named test_no_such_test_anywhere",
    ]
    assert dangling("::test_stack_cases_within_0_1_percent") == [
        "line 1: ::test_stack_cases_within_0_1_percent follows no test file"]
