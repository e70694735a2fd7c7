"""QA (helper H277) of the materials' interface resistance in ``evaluate``: where a design
gives none, a user's ``areal_resistance`` of the coating or separator electrolyte is counted at
the cathode side. In a vertically aligned design that term is divided by the cathode's
side-wall area (core's ``r_vert``), so the same value counts otherwise there than at the
lithium side; the conventions' "Interface resistance" now say so. Test input: 50 Ohm cm2 for
Li | LLZO (eckhardt2023, sec. 3.4) stored as a user's measurement on llzo."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.materials.schema import PropertyValue

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ASR = "Area-specific resistance [Ohm.m2]"
#: Li | garnet interface resistance [Ohm m2] (eckhardt2023, sec. 3.4: 50 Ohm cm2)
R_LI_GARNET = 50e-4


@pytest.fixture
def llzo_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_store) -> str:
    db = str(tmp_path / "user.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", db)
    open_store(db).add_measurement("llzo", PropertyValue(
        name="areal_resistance", value=50.0, unit="ohm*cm**2", temperature=298.15,
        method="measured", source="eckhardt2023"))
    return db


def _asr(result: object) -> float:
    return float(result.to_json()[ASR])  # type: ignore[attr-defined]


def test_vertically_aligned_note_says_which_side(llzo_store: str) -> None:
    d = CellDesign.from_file(EXAMPLES / "vertically-aligned-lco-llzo-li.yaml")
    assert d.cathode_interface_resistance_ohm_m2 == d.anode_interface_resistance_ohm_m2 == 0
    took = evaluate(d)
    as_cathode = evaluate(d.replace(cathode_interface_resistance_ohm_m2=R_LI_GARNET))
    as_anode = evaluate(d.replace(anode_interface_resistance_ohm_m2=R_LI_GARNET))
    assert _asr(took) == pytest.approx(_asr(as_cathode), rel=1e-12)
    assert _asr(as_anode) > _asr(took)  # the side-wall area divides the cathode's term only
    note = took.conventions["Interface resistance"]
    assert "from separator.electrolyte" in note and "counted at the cathode side" in note
    assert "anode_interface_resistance_ohm_m2" in note


def test_planar_note_has_no_side_clause(llzo_store: str) -> None:
    d = CellDesign.from_file(EXAMPLES / "oxide-lco-llzo-li.yaml")
    note = evaluate(d).conventions["Interface resistance"]
    assert "from separator.electrolyte" in note and "cathode side" not in note
