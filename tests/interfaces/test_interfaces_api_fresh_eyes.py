"""Fresh-eyes QA of the interfaces API from a notebook: ids, id lists, potential ranges and
grid sizes of every wrong type raise ValidationError naming the argument (a 0-d array, a
number or a dict escaped as TypeError, an array as "truth value ... is ambiguous", 10**30
grid points as NumPy's "Maximum allowed size exceeded"), and an empty or zero id list is no
longer read as "every id"."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from solidcell.errors import ValidationError
from solidcell.interfaces.compat import check_pair, compatibility_matrix, electrode_range
from solidcell.interfaces.phases import electrolytes
from solidcell.interfaces.reactivity import interface_reaction


def _q(magnitude: Any, unit: str) -> Any:
    from solidcell.units import registry

    return registry().Quantity(magnitude, unit)


@pytest.mark.parametrize("rng", [np.array(3.0), _q(3.0, "V"), _q([2.5, 4.3], "V"), 3.0,
                                 (2.5, math.nan), (4.3, 2.5), ("2.5 V", "4.3 V"), [[2.5, 4.3]]])
def test_potential_range_junk_is_refused(rng: Any) -> None:
    with pytest.raises(ValidationError) as info:
        check_pair("li6ps5cl", "nmc811", potential_range=rng)
    assert info.value.field == "potential_range"


@pytest.mark.parametrize("buffers", [None, 5, 1.5, True, np.array(1.0), {"linbo3": 1},
                                     ["linbo3", 3], "linbo3", _q(1.0, "")])
def test_buffer_list_junk_is_refused(buffers: Any) -> None:
    with pytest.raises(ValidationError) as info:  # 5 raised "'int' object is not iterable"
        check_pair("li6ps5cl", "nmc811", buffers=buffers)
    assert info.value.field == "buffers"


def test_no_buffers_is_allowed() -> None:
    assert check_pair("li6ps5cl", "nmc811", buffers=[]).status == check_pair(
        "li6ps5cl", "nmc811").status


@pytest.mark.parametrize("electrode", [np.array(["nmc811", "lco"]), None, 3, ["nmc811"]])
def test_electrode_range_of_no_text_is_refused(electrode: Any) -> None:
    with pytest.raises(ValidationError) as info:
        electrode_range(electrode)
    assert info.value.field == "electrode"


@pytest.mark.parametrize("ids", [[], (), 0, 5, np.array(1.0), np.array(["li3ps4", "llzo"])[:0],
                                 {"li3ps4": 1}, [{}], [3], True])
@pytest.mark.parametrize("side", ["electrolyte_ids", "electrode_ids"])
def test_compatibility_matrix_id_list_junk_is_refused(ids: Any, side: str) -> None:
    # [] and 0 were read as None (every id), 5 raised TypeError in tuple(), [{}] "unhashable"
    with pytest.raises(ValidationError) as info:
        compatibility_matrix(**{side: ids})
    assert info.value.field == side.removesuffix("_ids") + "s"


def test_compatibility_matrix_takes_an_array_of_ids() -> None:
    m = compatibility_matrix(np.array(["li3ps4"]), ("lco",))
    assert m.electrolytes == ("li3ps4",) and m.electrodes == ("lco",)


@pytest.mark.parametrize("ion", [None, "Xx", "Fe", 3, np.array(["Li", "Na"]), ""])
def test_electrolytes_of_an_unknown_ion_is_refused(ion: Any) -> None:
    with pytest.raises(ValidationError) as info:  # answered [] (an array: ambiguous truth)
        electrolytes(ion)
    assert info.value.field == "open_element"


def test_electrolytes_of_sodium_and_lithium() -> None:
    assert "nzsp" in electrolytes("Na") and "nzsp" not in electrolytes()
    assert "lipon" in electrolytes("Li")


@pytest.mark.parametrize("points", [10**30, 10**400])
def test_interface_reaction_points_beyond_memory_is_refused(points: int) -> None:
    with pytest.raises(ValidationError) as info:
        interface_reaction("Li3PS4", "LiCoO2", points=points)
    assert info.value.field == "points"
