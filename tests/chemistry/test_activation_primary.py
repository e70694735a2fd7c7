"""Activation energies read only in the Laskowski et al. (2023) compilation.

The original papers of these eight values (Kraft 2017, Kato 2016, Li 2019, Asano 2018, the LAGP,
LATP and Ta-LLZO papers) could not be read, so the compilation stays their source and each YAML
note must keep saying which row it is, which paper it names and that bulk/total and the fitted
temperatures are unknown. A value confirmed in its paper moves out of this list (new source).
"""

from __future__ import annotations

import pytest

from solidcell.chemistry.conductivity import _points
from solidcell.materials import curated_materials, resolve

SOURCE = "laskowski2023_conductivity_dataset"

#: material -> (row of data/misc/laskowski_with_dois.csv, its sigma(RT) in S/cm as read there,
#: whether the stored room-temperature conductivity is that row's sample)
ROWS = {
    "li6ps5cl": (453, 2.05e-3, True),
    "li6ps5br": (455, 1.15e-3, True),
    "lsipscl": (224, 2.53e-2, True),  # stored 25 mS/cm of kato2016, the same sample
    "li3incl6": (44, 2.04e-3, True),
    "li3ycl6": (303, 5.39e-4, True),
    "lagp": (320, 3.36e-4, True),
    "latp": (389, 1.13e-3, False),  # stored 7e-4 S/cm is aono1990's sample, not this row's
    "llzo_ta": (602, 1.00e-3, True),  # rows 602 and 609, no DOI
}


def _compilation_ea() -> dict[str, str]:
    """Material id -> note of each curated activation energy sourced to the compilation."""
    return {m.id: (pv.note or "") for m in curated_materials()
            for pv in m.values("activation_energy") if pv.source == SOURCE}


def test_the_compilation_is_the_source_of_exactly_these_eight() -> None:
    assert set(_compilation_ea()) == set(ROWS)


@pytest.mark.parametrize("material_id", sorted(ROWS))
def test_note_keeps_row_paper_and_caveat(material_id: str) -> None:
    note = _compilation_ea()[material_id]
    row, _, _ = ROWS[material_id]
    assert f"row {row}" in note or f"rows {row}" in note
    assert "doi:" in note or "no DOI" in note  # the paper the row names (or that it names none)
    assert "bulk or total" in note and "not stated" in note  # still unknown: not in the paper read


@pytest.mark.parametrize("material_id", sorted(ROWS))
def test_room_value_is_the_rows_sample_where_the_note_says_so(material_id: str) -> None:
    _, sigma_row_s_cm, same_sample = ROWS[material_id]
    points = _points(resolve(material_id))
    assert points[0][0] == pytest.approx(298.15)
    stored_s_cm = points[0][1] / 100.0  # S/m -> S/cm
    if same_sample:  # the Ea moves the conductivity of the sample it was fitted on
        assert stored_s_cm == pytest.approx(sigma_row_s_cm, rel=0.02)
    else:
        assert stored_s_cm != pytest.approx(sigma_row_s_cm, rel=0.02)
        assert "another paper and sample" in _compilation_ea()[material_id]
