"""The single-ion (transference number 1) description against measured polymer electrolytes.

Every solid electrolyte is simulated as a single-ion conductor (docs/simulation.md). PEO-LiTFSI
is not one: Edman et al. (2000, ``edman2000_peo_litfsi``, abstract) measured t0+ from 0.17 to
0.60 at 85 degC over 742-2982 mol/m3 of salt. No salt diffusion coefficient of PEO-LiTFSI was
readable, so the salt gradients are not modelled; the simulation says so for every
salt-in-polymer electrolyte, and for any electrolyte whose knowledge-base transference number
is below 1, naming the value and its source.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import solidcell as sc
from solidcell.simulation.parameters import (
    PEO_LITFSI_TRANSFERENCE_RANGE,
    parameters_from_design,
)
from solidcell.textio import load_yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _single_ion_notes(params: object) -> list[str]:
    return [n for n in params.notes if "single-ion conductor" in n]  # type: ignore[attr-defined]


def test_the_measured_peo_transference_number_is_far_below_one() -> None:
    """edman2000_peo_litfsi (abstract): t0+ 0.17 +- 0.17 to 0.60 +- 0.03 at 85 degC; the model
    uses 1: at least 0.40 too high."""
    lo, hi = PEO_LITFSI_TRANSFERENCE_RANGE
    assert (lo, hi) == (0.17, 0.60)
    assert 1.0 - hi >= 0.40


def test_the_polymer_cell_says_its_salt_gradients_are_not_modelled() -> None:
    params = parameters_from_design(
        sc.CellDesign.from_yaml(EXAMPLES / "polymer-lfp-peo-li.yaml"))
    notes = _single_ion_notes(params)
    assert len(notes) == 1  # the separator's and the cathode's PEO-LiTFSI: one material
    assert "'peo_litfsi'" in notes[0] and "0.17-0.6" in notes[0]
    assert "limiting current" in notes[0]
    assert "edman2000_peo_litfsi" in params.sources


@pytest.mark.parametrize("example", ["oxide-lco-llzo-li.yaml", "ev-nmc811-lpscl-li.yaml"])
def test_ceramic_single_ion_conductors_get_no_such_note(example: str) -> None:
    params = parameters_from_design(sc.CellDesign.from_yaml(EXAMPLES / example))
    assert _single_ion_notes(params) == []
    assert "edman2000_peo_litfsi" not in params.sources


def test_a_knowledge_base_transference_number_is_named_with_its_source() -> None:
    """Cross-linked PEGDA: t+ 0.58 in the knowledge base (srivastava_review, section 2.2.1),
    known at 25 degC only, so the cell runs at 25 degC."""
    data = load_yaml((EXAMPLES / "polymer-lfp-peo-li.yaml").read_text())
    data["separator"]["electrolyte"] = "pegda_xl"
    data["temperature"] = "25 degC"
    params = parameters_from_design(sc.CellDesign.from_dict(data))
    notes = [n for n in _single_ion_notes(params) if "'pegda_xl'" in n]
    assert len(notes) == 1 and "0.58" in notes[0]
    assert "srivastava_review" in params.sources
