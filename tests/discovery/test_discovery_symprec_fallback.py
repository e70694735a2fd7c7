"""A CIF in which spglib finds no symmetry at ``features.SYMPREC`` (0.1 A) is analysed again at
pymatgen's default tolerance (``SYMPREC_FALLBACK``, 0.01 A) before it is refused.

OBELiX training entry my9 (Li1.2Al0.2Ti1.8(PO4)3, NASICON, R-3c; obelix2025) was refused by
`predict` as "a structure whose symmetry can be analysed (Unable to determine symmetry)": its
disordered sites merge at 0.1 A. At 0.01 A it is R-3c (No. 167) with a = 8.5066 A,
c = 20.8259 A, the OBELiX table's 8.5042 and 20.8252 A within 0.05 %. A CIF that the first
tolerance analyses is untouched (the fallback runs only on failure)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from solidcell.discovery import features
from solidcell.discovery.dataset import load_obelix
from solidcell.discovery.predict import predict_conductivity

DATA = Path(__file__).resolve().parents[1] / "data" / "discovery"
MY9 = DATA / "obelix_my9_LATP.cif"


def test_a_cif_without_symmetry_at_0_1_a_is_read_at_0_01_a() -> None:
    from pymatgen.core import Structure

    row = next(e for e in load_obelix("train") if e.id == "my9")
    structure = Structure.from_file(str(MY9))
    got = features.structure_features(structure)
    assert got[0] == row.space_group_number == 167
    np.testing.assert_allclose(got[1:], row.lattice, rtol=5e-4)
    pred = predict_conductivity(str(MY9), window=False)
    assert pred.model_kind == "composition+structure"


def test_the_fallback_runs_only_when_the_first_tolerance_fails(monkeypatch) -> None:
    """hcm (Ia-3d garnet, train) is analysed at 0.1 A alone, as before."""
    from pymatgen.core import Structure
    from pymatgen.symmetry import analyzer

    calls: list[float] = []
    real = analyzer.SpacegroupAnalyzer

    def counting(structure, symprec=0.01, **kw):
        calls.append(symprec)
        return real(structure, symprec=symprec, **kw)

    monkeypatch.setattr(analyzer, "SpacegroupAnalyzer", counting)
    features.structure_features(Structure.from_file(str(DATA / "obelix_hcm_Li5La3Ta2O12.cif")))
    assert calls == [features.SYMPREC]
    calls.clear()
    features.structure_features(Structure.from_file(str(MY9)))
    assert calls == [features.SYMPREC, features.SYMPREC_FALLBACK]


def test_a_structure_without_symmetry_at_both_is_still_refused(monkeypatch) -> None:
    from pymatgen.core import Structure
    from pymatgen.symmetry import analyzer

    from solidcell.errors import ValidationError

    def failing(structure, symprec=0.01, **kw):
        raise ValueError("Unable to determine symmetry")

    monkeypatch.setattr(analyzer, "SpacegroupAnalyzer", failing)
    with pytest.raises(ValidationError, match=r"symprec 0\.1 and 0\.01 A"):
        features.structure_features(Structure.from_file(str(MY9)))
