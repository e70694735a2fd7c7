"""Fixtures of the manufacturing tests."""

from __future__ import annotations

import pytest
from mfg_stacks import sulfide_stack


@pytest.fixture
def sulfide() -> dict:
    return sulfide_stack()
