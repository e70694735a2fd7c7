"""``mechanics_check(design, resolved=)``: the design's resolution made by the caller (the
HTML report resolves a design once) gives the check made without it, and another design's is
refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.mechanics.volume import mechanics_check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
BIPOLAR = EXAMPLES / "bipolar-nmc811-lpscl-li.yaml"


def test_the_resolution_given_is_used_and_gives_the_same_check(monkeypatch) -> None:
    design = CellDesign.from_yaml(EV)
    made = mechanics_check(design)
    resolved = design.resolved()
    calls: list[str] = []
    original = CellDesign.resolved

    def counted(self):
        calls.append(self.name)
        return original(self)

    monkeypatch.setattr(CellDesign, "resolved", counted)
    again = mechanics_check(design, resolved=resolved)
    assert calls == []
    assert again.to_json() == made.to_json()


def test_another_designs_resolution_is_refused() -> None:
    design = CellDesign.from_yaml(EV)
    for resolved in (CellDesign.from_yaml(BIPOLAR).resolved(), "resolved"):
        with pytest.raises(ValidationError) as info:
            mechanics_check(design, resolved=resolved)
        assert info.value.field == "resolved"
