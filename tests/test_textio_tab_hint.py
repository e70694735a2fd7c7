"""textio.yaml_problem names a tab PyYAML refuses as the cause, with what to write instead
(the message named only the line): one wording for designs, materials and every YAML reader."""

from __future__ import annotations

import pytest
import yaml

from solidcell.textio import load_yaml, yaml_problem


def _problem(text: str) -> str:
    with pytest.raises(yaml.YAMLError) as info:
        load_yaml(text)
    return yaml_problem(info.value)


@pytest.mark.parametrize("text", ["a:\n\tb: 1\n", "a:\n  b: 1\n \tc: 2\n", "a:\n  - 1\n\t- 2\n",
                                  "a: |\n\tx\n"])
def test_a_tab_in_indentation(text: str) -> None:
    problem = _problem(text)
    assert problem.endswith("; indent with spaces, not tabs (YAML does not allow a tab in "
                            "indentation)")
    assert "line " in problem and "<unicode string>" not in problem


@pytest.mark.parametrize("text", ["a:\n  b:\t1\n", "a: x\ty\n", "a: [1,\t2]\n"])
def test_a_tab_after_text(text: str) -> None:
    assert _problem(text).endswith("; write a space instead of the tab (or quote the text, if "
                                   "the tab belongs to it)")


@pytest.mark.parametrize("text", ["a: [1\n", "a: b: c\n", "a: 1\na: 2\n"])
def test_no_tab_hint_for_other_errors(text: str) -> None:
    assert "tab" not in _problem(text)


def test_a_quoted_tab_is_text() -> None:
    assert load_yaml("a: 'x\ty'\n") == {"a": "x\ty"}
