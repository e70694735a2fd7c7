"""The out-of-OBELiX check of docs/discovery.md ("Out-of-dataset check") widened to 27 published
Li conductors whose compositions are in neither OBELiX split: the eighteen of
test_discovery_out_of_obelix_3.py, the halide-rich argyrodite Li5.5PS4.5Cl1.5 (compared on its
own in test_discovery_predict_solubility.py) and eight more from families the first rows barely
touched (a chalcohalide, borohydrides, a NASICON phosphate, two oxonitridophosphates). The
shipped composition model is not changed or tuned for them; the assertions pin what it does,
as measured (an evaluation only)."""

from __future__ import annotations

import math

import pytest
from pymatgen.core import Composition
from test_discovery_out_of_obelix import _obelix_compositions
from test_discovery_out_of_obelix_2 import FIRST_FAMILIES, MORE_OUT_OF_OBELIX
from test_discovery_out_of_obelix_3 import THIRD_OUT_OF_OBELIX, _rows

from solidcell.citations import bibliography
from solidcell.discovery.predict import predict_conductivity

#: (formula, measured room-temperature sigma [S/cm], bibliography key, family), each value as
#: printed in the abstract read (the key's note gives the conditions). Li5.5PS4.5Cl1.5: 9.4 mS/cm
#: cold-pressed at 298 K. Li2ZrSCl1.3Br2.7: ~1.03 mS/cm, no temperature named. LiBCNH9 is
#: LiBH4.CH3NH2, 1.24e-3 S/cm at room temperature. Li1.4Ca0.2Zr1.8(PO4)3: bulk, 298 K.
#: Li25.1P4O11.9N7.1 is Li27-x[P4O7+xN9-x]O3 with x = 1.9, total at 25 degC (bulk 4e-6);
#: Li9.4P3O8.6N2.4 is Li8+xP3O10-xN1+x with x = 1.4, total at 25 degC. Li2BNH6 and Li4BN3H10
#: are Li2(BH4)(NH2) and Li4(BH4)(NH2)3, "about 1e-4 S/cm" both; Li3BNH5 is the nominal
#: composition of the 1:1 Li2NH-LiBH4 sample, "about 1.0e-5 S/cm". Four of the sources are
#: cited without authors (not shown where the abstract was read).
FOURTH_OUT_OF_OBELIX = [
    ("Li5.5PS4.5Cl1.5", 9.4e-3, "angew2019_li6pscl_halide_rich", "sulfide"),
    ("Li2ZrSCl1.3Br2.7", 1.03e-3, "gamaralalage2026_li2zrscl4_brx", "halide"),
    ("LiBCNH9", 1.24e-3, "grinderslev2022_libh4_ch3nh2", "hydride"),
    ("Li1.4Ca0.2Zr1.8(PO4)3", 4.2e-5, "hanghofer2019_lizr2po43_ca", "oxide"),
    ("Li25.1P4O11.9N7.1", 6.6e-8, "chemeurj2023_li27_p4o7n9_o3", "oxonitride"),
    ("Li9.4P3O8.6N2.4", 1.2e-7, "li8p3o10n_oxonitridophosphate", "oxonitride"),
    ("Li2BNH6", 1e-4, "jim2011_li_bh4_nh2_melting", "hydride"),
    ("Li4BN3H10", 1e-4, "jim2011_li_bh4_nh2_melting", "hydride"),
    ("Li3BNH5", 1e-5, "chemeurj2018_li2nh_libh4", "hydride"),
]

#: family of the eighteen earlier rows; the four chlorides count as halides here
EARLIER_FAMILIES = {
    **{f: ("halide" if fam == "chloride" else fam) for f, fam in FIRST_FAMILIES.items()},
    **{f: fam for f, _, _, fam in MORE_OUT_OF_OBELIX},
    **{f: "oxide" for f, _, _ in THIRD_OUT_OF_OBELIX},
}


def _all_rows() -> list[tuple[str, float, str]]:
    """(formula, sigma [S/cm], family) of all 27 rows, the earlier eighteen first."""
    return ([(f, s, EARLIER_FAMILIES[f]) for f, s in _rows()]
            + [(f, s, fam) for f, s, _, fam in FOURTH_OUT_OF_OBELIX])


@pytest.fixture(scope="module")
def measured() -> list[tuple[str, str, float, bool, float, bool]]:
    """(formula, family, error = predicted - measured [log10 S/cm], inside the 90 % interval,
    interval width [decades], in the training domain) of every row."""
    rows = _all_rows()
    predictions = predict_conductivity([f for f, _, _ in rows], window=False)
    out = []
    for (formula, sigma, family), p in zip(rows, predictions, strict=True):
        y = math.log10(sigma)
        out.append((formula, family, p.log10_conductivity_S_cm - y,
                    p.lower_log10_S_cm <= y <= p.upper_log10_S_cm,
                    p.upper_log10_S_cm - p.lower_log10_S_cm, p.in_domain))
    return out


def _mae(rows: list) -> float:
    return sum(abs(r[2]) for r in rows) / len(rows)


def test_new_rows_are_outside_obelix_and_the_earlier_rows_and_cited() -> None:
    """No new composition (atomic fractions, 1 % tolerance) is an OBELiX entry or an earlier
    row, nor another new row; every key is in the bibliography."""
    obelix = _obelix_compositions()
    earlier = [Composition(f).fractional_composition for f, _ in _rows()]
    refs = bibliography()
    seen: list[Composition] = []
    for formula, _, key, _ in FOURTH_OUT_OF_OBELIX:
        comp = Composition(formula).fractional_composition
        for other in (obelix, earlier, seen):
            assert not [c for c in other if c.almost_equals(comp, rtol=0.01, atol=0.002)], formula
        seen.append(comp)
        assert key in refs


def test_written_formulas_are_the_published_compositions() -> None:
    """The formulas given to the model are the published ones with x put in."""
    x = 1.9  # Li27-x[P4O7+xN9-x]O3
    assert Composition("Li25.1P4O11.9N7.1").almost_equals(
        Composition({"Li": 27 - x, "P": 4, "O": 7 + x + 3, "N": 9 - x}))
    x = 1.4  # Li8+xP3O10-xN1+x
    assert Composition("Li9.4P3O8.6N2.4").almost_equals(
        Composition({"Li": 8 + x, "P": 3, "O": 10 - x, "N": 1 + x}))
    assert Composition("LiBCNH9") == Composition("LiBH4") + Composition("CH3NH2")
    assert Composition("Li2BNH6") == Composition("LiBH4") + Composition("LiNH2")
    assert Composition("Li4BN3H10") == Composition("LiBH4") + 3 * Composition("LiNH2")
    assert Composition("Li3BNH5") == Composition("Li2NH") + Composition("LiBH4")


def test_new_rows_as_documented(measured) -> None:
    """Errors of the nine rows added here, as in the table of docs/discovery.md; only
    Li2ZrSCl1.3Br2.7 falls outside its interval (above it)."""
    documented = {"Li5.5PS4.5Cl1.5": -1.50, "Li2ZrSCl1.3Br2.7": -4.18, "LiBCNH9": -2.49,
                  "Li1.4Ca0.2Zr1.8(PO4)3": 0.03, "Li25.1P4O11.9N7.1": -0.40,
                  "Li9.4P3O8.6N2.4": -0.59, "Li2BNH6": -2.68, "Li4BN3H10": -2.51,
                  "Li3BNH5": -1.63}
    new = {r[0]: r for r in measured[18:]}
    assert set(new) == set(documented)
    for formula, error in documented.items():
        assert new[formula][2] == pytest.approx(error, abs=0.01), formula
    assert [f for f, r in new.items() if not r[3]] == ["Li2ZrSCl1.3Br2.7"]
    # the borohydrides, the chalcohalide and the methylamine complex are out of the domain
    assert {f for f, r in new.items() if not r[5]} == {
        "Li2ZrSCl1.3Br2.7", "LiBCNH9", "Li2BNH6", "Li4BN3H10", "Li3BNH5"}


def test_all_27_error_and_coverage_as_documented(measured) -> None:
    """All 27: MAE 1.80 (mean signed -1.37, 22 of 27 too low), 25 of 27 inside the 90 %
    interval (LiNbOCl4 and Li2ZrSCl1.3Br2.7 above it), mean width 7.6 decades; the nine added
    here: MAE 1.78, all but Li1.4Ca0.2Zr1.8(PO4)3 too low, 8 of 9 covered."""
    assert len(measured) == 27
    assert _mae(measured) == pytest.approx(1.80, abs=0.01)
    assert sum(r[2] for r in measured) / 27 == pytest.approx(-1.37, abs=0.01)
    assert sum(r[2] < 0 for r in measured) == 22
    assert [r[0] for r in measured if not r[3]] == ["LiNbOCl4", "Li2ZrSCl1.3Br2.7"]
    assert sum(r[4] for r in measured) / 27 == pytest.approx(7.6, abs=0.05)
    new = measured[18:]
    assert _mae(new) == pytest.approx(1.78, abs=0.01)
    assert sum(r[3] for r in new) == 8
    assert [r[0] for r in new if r[2] >= 0] == ["Li1.4Ca0.2Zr1.8(PO4)3"]


def test_per_family_error_as_documented(measured) -> None:
    """MAE per family over all 27 (docs/discovery.md): halides 3.58 (5: the four chlorides and
    the chalcohalide), hydrides 2.23 (5), phosphides 1.71 (3), oxides 1.30 (6), sulfides 0.85
    (4), nitrides 1.09 (2), oxonitridophosphates 0.49 (2); the 22 rows that are not halides:
    1.39, all inside their interval."""
    documented = {"halide": (5, 3.58), "hydride": (5, 2.23), "phosphide": (3, 1.71),
                  "oxide": (6, 1.30), "sulfide": (4, 0.85), "nitride": (2, 1.09),
                  "oxonitride": (2, 0.49)}
    for family, (count, mae) in documented.items():
        rows = [r for r in measured if r[1] == family]
        assert len(rows) == count, family
        assert _mae(rows) == pytest.approx(mae, abs=0.01), family
    assert sum(count for count, _ in documented.values()) == 27
    rest = [r for r in measured if r[1] != "halide"]
    assert len(rest) == 22 and _mae(rest) == pytest.approx(1.39, abs=0.01)
    assert all(r[3] for r in rest)
