"""`solidcell react` names which reactant is empty: `react LiCl ''` said "material: ''",
not which of its two arguments (a formula that is no formula is named "first reactant" or
"second reactant" already)."""

from __future__ import annotations

import pytest

from clirun import assert_one_line_error, run


@pytest.mark.parametrize(("args", "field"), [(["", "LiCl"], "first reactant"),
                                             (["LiCl", "  "], "second reactant")])
def test_an_empty_reactant_is_named(args: list[str], field: str, capsys) -> None:
    typed = args[0] if field == "first reactant" else args[1]
    assert_one_line_error(*run(["react", *args], capsys), f"{field}: {typed!r} is not allowed",
                          "give a material id")
