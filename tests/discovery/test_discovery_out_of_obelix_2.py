"""A wider out-of-OBELiX check of the shipped composition model (docs/discovery.md,
"Out-of-dataset check"): seven more published Li conductors whose compositions are in neither
OBELiX split, from families the first nine barely touched (thiophosphates, phosphides, a
nitride-halide, a borohydride-imide). Nothing is tuned on them; the assertions pin what the
shipped model does, as measured."""

from __future__ import annotations

import math

import pytest
from pymatgen.core import Composition
from test_discovery_out_of_obelix import OUT_OF_OBELIX, _obelix_compositions

from solidcell.citations import bibliography
from solidcell.discovery.predict import predict_conductivity

#: (formula, measured room-temperature sigma [S/cm], bibliography key, family); each value as
#: printed in the source's abstract (the key's note gives the conditions: the Li3.25Si0.25P0.75S4,
#: Li9AlP4, Li9GaP4 and Li2.31S0.41Br0.14N0.45 abstracts name no temperature; Li7P2S8I is the
#: experimental value quoted by a computational paper; Li3AlP2 is a preprint, polycrystalline
#: pellets, "about 1e-8"; Li4B2NH9 is the nominal composition of the Li2NH-2LiBH4 sample).
MORE_OUT_OF_OBELIX = [
    ("Li3.25Si0.25P0.75S4", 1.22e-3, "zhou2019_li325si025p075s4", "sulfide"),
    ("Li7P2S8I", 6.3e-4, "kang2016_li7p2s8i", "sulfide"),
    ("Li9AlP4", 3e-3, "restle2020_li9alp4", "phosphide"),
    ("Li9GaP4", 1.6e-3, "restle2021_li9gap4", "phosphide"),
    ("Li3AlP2", 1e-8, "hu2024_li3alp2", "phosphide"),
    ("Li2.31S0.41Br0.14N0.45", 2e-4, "landgraf2025_antifluorite", "nitride"),
    ("Li4B2NH9", 1e-5, "wang2023_li2nh_2libh4", "hydride"),
]

#: family of the first nine rows (test_discovery_out_of_obelix.py)
FIRST_FAMILIES = {"Li2ZrCl6": "chloride", "Li3TiCl6": "chloride", "LiNbOCl4": "chloride",
                  "Li2.45In0.45Zn0.55Cl4.9": "chloride", "Li9S3N": "nitride",
                  "Li5GaS4": "sulfide", "Li2OHCl": "oxide", "Li3.4Si0.4P0.6O4": "oxide",
                  "Li3.6Ge0.8S0.2O4": "oxide"}


def _all_rows() -> list[tuple[str, float, str]]:
    """(formula, sigma [S/cm], family) of all sixteen rows."""
    return ([(f, s, FIRST_FAMILIES[f]) for f, s, _ in OUT_OF_OBELIX]
            + [(f, s, fam) for f, s, _, fam in MORE_OUT_OF_OBELIX])


@pytest.fixture(scope="module")
def measured() -> list[tuple[str, str, float, bool, float]]:
    """(formula, family, error = predicted - measured [log10 S/cm], inside the 90 % interval,
    interval width [decades]) of every row."""
    rows = _all_rows()
    predictions = predict_conductivity([f for f, _, _ in rows], window=False)
    out = []
    for (formula, sigma, family), p in zip(rows, predictions, strict=True):
        y = math.log10(sigma)
        out.append((formula, family, p.log10_conductivity_S_cm - y,
                    p.lower_log10_S_cm <= y <= p.upper_log10_S_cm,
                    p.upper_log10_S_cm - p.lower_log10_S_cm))
    return out


def _mae(rows: list[tuple[str, str, float, bool, float]]) -> float:
    return sum(abs(r[2]) for r in rows) / len(rows)


def test_new_rows_are_outside_obelix_new_and_cited() -> None:
    """No new composition is an OBELiX entry (train or test, atomic fractions within 1 %) or
    one of the first nine rows; every source is in the bibliography."""
    obelix = _obelix_compositions()
    first = [Composition(f).fractional_composition for f, _, _ in OUT_OF_OBELIX]
    refs = bibliography()
    for formula, sigma, key, _ in MORE_OUT_OF_OBELIX:
        comp = Composition(formula).fractional_composition
        assert not [c for c in obelix if c.almost_equals(comp, rtol=0.01, atol=0.002)], formula
        assert not [c for c in first if c.almost_equals(comp, rtol=0.01, atol=0.002)], formula
        assert key in refs
        assert 1e-9 < sigma < 1e-1


def test_new_rows_error_and_coverage_as_documented(measured) -> None:
    """The seven new rows: MAE 1.26 log10 units, all seven inside their 90 % interval; the two
    fast phosphides are predicted about two decades low (docs/discovery.md)."""
    new = measured[len(OUT_OF_OBELIX):]
    assert len(new) == 7
    assert _mae(new) == pytest.approx(1.26, abs=0.01)
    assert all(inside for *_, inside, _ in new)
    by_formula = {r[0]: r[2] for r in new}
    assert by_formula["Li9AlP4"] == pytest.approx(-2.29, abs=0.01)
    assert by_formula["Li9GaP4"] == pytest.approx(-1.69, abs=0.01)


def test_all_sixteen_error_and_coverage_as_documented(measured) -> None:
    """All sixteen rows: MAE 1.80 (mean signed error -1.09, 12 of 16 predicted too low), 15 of
    16 inside the 90 % interval (LiNbOCl4 above it), mean interval width 7.6 decades."""
    assert len(measured) == 16
    assert _mae(measured) == pytest.approx(1.80, abs=0.01)
    assert sum(r[2] for r in measured) / 16 == pytest.approx(-1.09, abs=0.01)
    assert sum(r[2] < 0 for r in measured) == 12
    outside = [r[0] for r in measured if not r[3]]
    assert outside == ["LiNbOCl4"]
    assert sum(r[4] for r in measured) / 16 == pytest.approx(7.6, abs=0.05)


@pytest.mark.parametrize(("family", "count", "mae"), [
    ("chloride", 4, 3.43), ("sulfide", 3, 0.63), ("phosphide", 3, 1.71), ("oxide", 3, 1.38),
    ("nitride", 2, 1.09), ("hydride", 1, 1.83)])
def test_error_per_family_as_documented(measured, family: str, count: int, mae: float) -> None:
    """Per-family MAE (docs/discovery.md): the chlorides stay the weak spot."""
    rows = [r for r in measured if r[1] == family]
    assert len(rows) == count
    assert _mae(rows) == pytest.approx(mae, abs=0.01)


def test_chlorides_are_worse_than_the_rest(measured) -> None:
    """A property, not a tuning target: every chloride is off by more than any of the twelve
    other rows' MAE (1.26), and all four are predicted too low."""
    chlorides = [r for r in measured if r[1] == "chloride"]
    rest = [r for r in measured if r[1] != "chloride"]
    assert _mae(rest) == pytest.approx(1.26, abs=0.01)
    assert all(r[2] < -_mae(rest) for r in chlorides)
