"""The Interfaces tab says every refused mechanics box at once, each beside its own box
(helper H288's browser walk): with '-5 MPa' as stack pressure, '-5 um' as flaw size and
'0 GPa' as lithium shear modulus, only the stack pressure was refused; the other two boxes
held values `solidcell interfaces` refuses with no word beside them, each said only after
the one before it was fixed. Each refusal is ``mechanics_check``'s own rule for that value
alone, named with the box's label and the text as typed. Callbacks posted as the page posts
them (Flask test client)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import EXAMPLES, design_dashboard

from solidcell.app.interfaces_tab import IFC_NOT_YET_NOTE, MECHANICS_BOXES
from solidcell.app.server import STALE_STYLE
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.mechanics.volume import mechanics_check

EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
BOX = {key: v[0] for key, v in MECHANICS_BOXES.items()}
#: keyword -> (text typed, its SI value): each refused by mechanics_check on its own
REFUSED = {"stack_pressure_Pa": ("-5 MPa", -5e6), "flaw_size_m": ("-5 um", -5e-6),
           "shear_modulus_li_Pa": ("0 GPa", 0.0)}


@pytest.fixture(name="app")
def app_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    dashboard = design_dashboard(tmp_path, EV, tabs="interfaces")
    yield dashboard
    dashboard.state.jobs.close()


def _engine_rule(keyword: str, value: float) -> str:
    """What mechanics_check allows for ``keyword`` (its refusal of ``value`` alone)."""
    with pytest.raises(ValidationError) as refusal:
        mechanics_check(CellDesign.from_yaml(EV), **{keyword: value})
    return refusal.value.allowed


def test_every_refused_box_is_said_beside_itself(app: Any, tmp_path: Path) -> None:
    typed = {BOX[k]: text for k, (text, _) in REFUSED.items()}
    answer = app.call("cathode-thickness.value", "ifc-result", **typed)
    for key, (text, value) in REFUSED.items():
        label = MECHANICS_BOXES[key][1]
        assert answer[f"{BOX[key]}-msg"]["children"] == str(
            ValidationError(label, text, _engine_rule(key, value))), key
    assert all(answer[f"{b}-msg"]["children"] == "" for k, b in BOX.items()
               if k not in REFUSED)
    assert answer["ifc-result"]["style"] == STALE_STYLE
    assert answer["ifc-stale"]["children"] == IFC_NOT_YET_NOTE
    assert list((tmp_path / "workspace").iterdir()) == []


def test_a_refusal_beside_a_unit_refusal_is_said_too(app: Any) -> None:
    """A text without its unit ('5') and a value the engine refuses ('0 GPa') at once."""
    answer = app.call("cathode-thickness.value", "ifc-result", **{
        BOX["stack_pressure_Pa"]: "5", BOX["shear_modulus_li_Pa"]: "0 GPa"})
    assert answer[f"{BOX['stack_pressure_Pa']}-msg"]["children"].startswith(
        "stack pressure: '5' is not allowed; a pressure with its unit")
    assert answer[f"{BOX['shear_modulus_li_Pa']}-msg"]["children"] == str(ValidationError(
        "lithium shear modulus", "0 GPa", _engine_rule("shear_modulus_li_Pa", 0.0)))


def test_accepted_boxes_still_give_the_tables(app: Any) -> None:
    answer = app.call("cathode-thickness.value", "ifc-result", **{
        BOX["stack_pressure_Pa"]: "5 MPa", BOX["flaw_size_m"]: "5 um"})
    assert answer["ifc-result"]["style"] == {}
    assert all(answer[f"{b}-msg"]["children"] == "" for b in BOX.values())
