"""Fixtures of the cell tests (helpers live in cellhelpers.py)."""

from __future__ import annotations

import pytest
from cellhelpers import ref1_design, ref_materials

from solidcell.cell.design import CellDesign
from solidcell.materials.schema import Material


@pytest.fixture
def ref1() -> CellDesign:
    return ref1_design()


@pytest.fixture
def materials() -> dict[str, Material]:
    return ref_materials()
