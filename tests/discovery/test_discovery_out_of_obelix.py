"""The conductivity model on published Li conductors that are not in OBELiX (docs/discovery.md,
"Out-of-dataset check"). The model is not changed for them: this file measures and pins what it
does, and checks that every row really is outside OBELiX."""

from __future__ import annotations

import csv
import math
from importlib import resources

import pytest
from pymatgen.core import Composition

from solidcell.citations import bibliography
from solidcell.discovery.predict import predict_conductivity
from solidcell.errors import ValidationError

#: (formula, measured room-temperature sigma [S/cm], bibliography key); every value read in the
#: source's abstract (see the key's note for the conditions: Li2OHCl at 37 degC, Li2.45In0.45-
#: Zn0.55Cl4.9 cold-pressed, Li3.6Ge0.8S0.2O4 total conductivity).
OUT_OF_OBELIX = [
    ("Li2ZrCl6", 8.1e-4, "wang2021_li2zrcl6"),
    ("Li3TiCl6", 1.04e-3, "wang2023_li3ticl6"),
    ("LiNbOCl4", 1e-2, "newnham2025_linbocl4"),
    ("Li2.45In0.45Zn0.55Cl4.9", 2.4e-4, "nguyet2024_li2inzncl"),
    ("Li9S3N", 8.3e-7, "miara2015_li9s3n"),
    ("Li5GaS4", 2.1e-5, "kimura2021_li5gas4"),
    ("Li2OHCl", 1.2e-8, "wang2020_li2ohcl"),
    ("Li3.4Si0.4P0.6O4", 4e-6, "ssi2013_li34si04p06o4"),
    ("Li3.6Ge0.8S0.2O4", 2e-5, "taminato2018_li4gesio4"),
]


def _obelix_compositions() -> list[Composition]:
    folder = resources.files("solidcell.discovery.data")
    comps = []
    for name in ("obelix_train.csv", "obelix_test.csv"):
        with folder.joinpath(name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                comps.append(Composition(row["True Composition"].replace("*", ""))
                             .fractional_composition)
    return comps


def test_rows_are_outside_obelix_and_cited() -> None:
    """No row's composition (as atomic fractions, 1 % tolerance) is an OBELiX entry."""
    obelix = _obelix_compositions()
    assert len(obelix) == 599  # 478 training + 121 test entries (docs/discovery.md)
    # the comparison finds a composition that is in OBELiX (Li6PS5Cl, an argyrodite entry)
    li6ps5cl = Composition("Li6PS5Cl").fractional_composition
    assert any(c.almost_equals(li6ps5cl, rtol=0.01, atol=0.002) for c in obelix)
    refs = bibliography()
    for formula, _, key in OUT_OF_OBELIX:
        comp = Composition(formula).fractional_composition
        clash = [c for c in obelix if c.almost_equals(comp, rtol=0.01, atol=0.002)]
        assert not clash, (formula, clash)
        assert key in refs


def test_out_of_obelix_error_and_coverage_as_documented() -> None:
    """MAE 2.23 log10 units and 8 of 9 inside the 90 % interval (docs/discovery.md): the halides
    are predicted about 3 decades too low, and LiNbOCl4 (~1e-2 S/cm) falls above its interval."""
    predictions = predict_conductivity([f for f, _, _ in OUT_OF_OBELIX], window=False)
    errors, inside = [], []
    for (_, sigma, _), p in zip(OUT_OF_OBELIX, predictions, strict=True):
        y = math.log10(sigma)
        errors.append(p.log10_conductivity_S_cm - y)
        inside.append(p.lower_log10_S_cm <= y <= p.upper_log10_S_cm)
    mae = sum(abs(e) for e in errors) / len(errors)
    assert mae == pytest.approx(2.23, abs=0.01)
    assert sum(inside) == 8
    assert not inside[[f for f, _, _ in OUT_OF_OBELIX].index("LiNbOCl4")]
    halides = [e for (f, _, _), e in zip(OUT_OF_OBELIX, errors, strict=True)
               if f in ("Li2ZrCl6", "Li3TiCl6", "LiNbOCl4", "Li2.45In0.45Zn0.55Cl4.9")]
    assert all(e < -2.5 for e in halides)


@pytest.mark.parametrize("name, formula", [
    ("li3ps4", "Li3PS4"), ("lipon", "Li2.9PO3.3N0.46"), ("lgps", "Li10GeP2S12")])
def test_knowledge_base_id_is_refused_with_its_formula(name: str, formula: str) -> None:
    """`solidcell window li3ps4` takes ids; the model takes formulas, and said only
    "li3ps4 is an invalid formula"."""
    with pytest.raises(ValidationError, match=f"give its formula '{formula}'") as info:
        predict_conductivity(name, window=False)
    assert info.value.field == "composition"


@pytest.mark.parametrize("alias, formula", [("LLZO", "Li7La3Zr2O12"), ("LGPS", "Li10GeP2S12")])
def test_knowledge_base_alias_that_is_no_formula_is_refused_with_its_formula(
        alias: str, formula: str) -> None:
    """'LLZO' is no formula (L is no element); it is the alias of a curated material."""
    with pytest.raises(ValidationError, match=f"give its formula '{formula}'"):
        predict_conductivity(alias, window=False)


def test_alias_that_parses_as_another_formula_gets_a_note() -> None:
    """'LiPON' parses as LiPNO (one atom each), not the curated LiPON film Li2.9PO3.3N0.46:
    the prediction is for what was written, and the note says which material was meant."""
    written = predict_conductivity("LiPON", window=False)
    assert written.formula == "LiPNO"
    assert "'lipon' (Li2.9PO3.3N0.46)" in written.note
    meant = predict_conductivity("Li2.9PO3.3N0.46", window=False)
    assert "knowledge-base material" not in meant.note
    assert predict_conductivity("Li6PS5Cl", window=False).note == ""  # names no other material


def test_sodium_conductor_is_refused() -> None:
    with pytest.raises(ValidationError, match="lithium-containing"):
        predict_conductivity("Na3PS4", window=False)


def test_hydrate_written_with_a_period_is_the_hydrate() -> None:
    """'Li3InCl6.2H2O' was read as Li3InCl6.2H2O (Cl 6.2, H2, O): another composition."""
    a = predict_conductivity("Li3InCl6.2H2O", window=False)
    b = predict_conductivity("Li3InCl6·2H2O", window=False)
    assert a.formula == b.formula
    assert a.log10_conductivity_S_cm == b.log10_conductivity_S_cm


def test_missing_window_note_gives_the_deeper_reason() -> None:
    """Li3YBr6 was not in the energy table and its assemblage lacked Y-Br compounds: the note
    used to give only the first reason ("not in the energy table"). (The full table has
    Li3YBr6 now; Am is in no row of the snapshot.)"""
    p = predict_conductivity("Li3AmCl6")
    assert p.stability_window is None
    assert "no data for element(s) Am" in p.note
