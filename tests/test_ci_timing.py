"""The test suite must not fail by chance on a slow, shared CI machine: Hypothesis runs
without its timing checks (tests/conftest.py), and no test brings a deadline back."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import HealthCheck, settings

TESTS = Path(__file__).resolve().parent


def test_hypothesis_has_no_deadline_and_no_speed_health_check() -> None:
    """A 0.3 s pause of the process during one example failed the property tests without a
    ``deadline`` of their own ('Unreliable test timings! ... took 303.13ms, which exceeded
    the deadline of 200.00ms'): 1 to 3 of those 28 tests in each of 4 runs."""
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check
    # what a test module's own @settings(...) starts from
    assert settings(max_examples=5).deadline is None


def _deadlines(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, value) of every ``deadline=`` keyword whose value is not None."""
    return [(node.lineno, ast.unparse(kw.value)) for node in ast.walk(tree)
            if isinstance(node, ast.Call) for kw in node.keywords
            if kw.arg == "deadline"
            and not (isinstance(kw.value, ast.Constant) and kw.value.value is None)]


def test_no_test_sets_a_deadline() -> None:
    """A test's own ``settings(deadline=...)`` would bring the chance failure back."""
    found = {str(p.relative_to(TESTS)): hits for p in sorted(TESTS.rglob("*.py"))
             if ".hypothesis" not in p.parts
             and (hits := _deadlines(ast.parse(p.read_text("utf-8"))))}
    assert found == {}
    # the check sees one
    assert _deadlines(ast.parse("settings(deadline=500)")) == [(1, "500")]
