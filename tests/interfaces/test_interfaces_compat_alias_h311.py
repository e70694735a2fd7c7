"""`solidcell compat --electrolyte lpscl`: 'lpscl' is an alias of li6ps5cl (the knowledge
base's aliases), and the refusal offered "lsipscl, li6ps5cl, lgps" by spelling, lsipscl first;
`materials show`, `ccd` and a design name the material whose alias it is. compat now does too;
a misspelt id that is no alias keeps the closest ids by spelling."""

from __future__ import annotations

import pytest

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.interfaces.compat import compatibility_matrix
from solidcell.materials import get


def test_an_alias_names_the_material_whose_alias_it_is() -> None:
    assert "LPSCl" in get("li6ps5cl").aliases  # the knowledge base's alias, case ignored below
    with pytest.raises(ValidationError) as info:
        compatibility_matrix(["lpscl"], ["li_metal"])
    assert info.value.field == "electrolytes"
    assert "(did you mean li6ps5cl? ('lpscl' is its alias, not an id))" in info.value.allowed
    assert "lsipscl?" not in info.value.allowed


def test_a_misspelling_that_is_no_alias_keeps_the_closest_ids() -> None:
    with pytest.raises(ValidationError) as info:
        compatibility_matrix(["li6ps5c"], ["li_metal"])
    assert "did you mean li6ps5cl" in info.value.allowed
    assert "alias" not in info.value.allowed


def test_an_electrolyte_alias_given_as_electrode_is_not_offered_the_electrolyte() -> None:
    with pytest.raises(ValidationError) as info:
        compatibility_matrix(["li6ps5cl"], ["lpscl"])
    assert info.value.field == "electrodes"
    assert "li6ps5cl?" not in info.value.allowed  # not an electrode: not offered as one


def test_the_cli_says_it_in_one_line(capsys) -> None:
    code, out, err = run(["compat", "--electrolyte", "lpscl"], capsys)
    assert_one_line_error(code, out, err, "--electrolyte: 'lpscl' is not allowed",
                          "did you mean li6ps5cl? ('lpscl' is its alias, not an id)")
