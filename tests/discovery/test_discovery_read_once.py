"""`predict` and `discover` do each piece of work once (a good CSV row was read three times
when another row was bad; `discover` looked up the unseen elements twice), and refuse or note
inputs that were read silently: deuterium in a CIF, a CIF cell too large for the structure
model, a CSV field beyond the csv module's limit, random text."""

from __future__ import annotations

import json
import math
import tempfile
import warnings
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifParser, CifWriter

from clirun import run
from solidcell.discovery import candidates, predict
from solidcell.discovery.predict import (
    cif_atom_count,
    max_cell_atoms,
    predict_conductivity,
)
from solidcell.errors import ValidationError

CIF = Path(__file__).resolve().parent.parent / "data" / "discovery" / "obelix_de5_Li3InCl6.cif"


def _count_reads(monkeypatch) -> Counter:
    """Counts of predict._composition_of calls (the read of one input) by input text."""
    calls: Counter = Counter()
    real = predict._composition_of

    def counting(item, field):
        calls[str(item)] += 1
        return real(item, field)

    monkeypatch.setattr(predict, "_composition_of", counting)
    return calls


def test_discover_cli_finds_unseen_elements_once(monkeypatch, capsys) -> None:
    """The CLI looked up each candidate's elements again (parsing its formula) after
    discover() had done it for the note; now it uses the candidates' unseen_elements."""
    calls = Counter()
    real = predict.training_elements

    def counting():
        calls["n"] += 1
        return real()

    monkeypatch.setattr(predict, "training_elements", counting)
    result = candidates.discover("Li3YCl6", ["Ho", "In"], [0.1], top=5, window=False)
    engine = calls["n"]
    assert engine > 0
    # Ho is in no OBELiX training entry (test_discovery_qa_session14: Li3HoCl6)
    assert {c.candidate.dopant: c.unseen_elements for c in result.candidates} == {
        "Ho": ("Ho",), "In": ()}
    calls.clear()
    code, out, err = run(["discover", "Li3YCl6", "--dopants", "Ho,In", "--fractions", "0.1",
                          "--top", "5"], capsys)
    assert code == 0, err
    assert "Ho: in no OBELiX training entry" in out
    assert calls["n"] == engine  # the engine's look-ups, none more


def test_csv_with_a_bad_row_reads_each_good_row_once(tmp_path: Path, monkeypatch,
                                                     capsys) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("composition\nLi3YCl6\nLi6PS5Cl\nLiCl7\nLi3InCl6\n")
    calls = _count_reads(monkeypatch)
    code, out, err = run(["predict", str(rows), "--no-window", "--json"], capsys)
    assert code == 2
    assert calls == Counter({"Li3YCl6": 1, "Li6PS5Cl": 1, "LiCl7": 1, "Li3InCl6": 1})
    # the same output as before: the good rows' predictions, then one error line
    got = json.loads(out)
    want = predict_conductivity(["Li3YCl6", "Li6PS5Cl", "Li3InCl6"], window=False)
    assert [r["Input"] for r in got] == ["Li3YCl6", "Li6PS5Cl", "Li3InCl6"]
    assert [r["Log10 ionic conductivity [S.cm-1]"] for r in got] == [
        p.log10_conductivity_S_cm for p in want]
    assert err.splitlines() == [line for line in err.splitlines() if line.startswith("error:")]
    assert err.startswith(f"error: {rows} line 4, composition: 'LiCl7' is not allowed")


def test_repeated_csv_rows_are_read_once_and_all_predicted(tmp_path: Path, monkeypatch,
                                                           capsys) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("composition\nLi3YCl6\nLi6PS5Cl\nLi3YCl6\nLi3YCl6\nnan\nnan\n")
    calls = _count_reads(monkeypatch)
    code, out, err = run(["predict", str(rows), "--no-window", "--json"], capsys)
    assert code == 2
    assert calls["Li3YCl6"] == 1 and calls["Li6PS5Cl"] == 1
    got = json.loads(out)
    assert [r["Input"] for r in got] == ["Li3YCl6", "Li6PS5Cl", "Li3YCl6", "Li3YCl6"]
    assert got[0] == got[2] == got[3]
    # a bad row repeated: each named with its own line
    assert [line.split(" is not")[0] for line in err.splitlines()] == [
        f"error: {rows} line 6, composition: 'nan'", f"error: {rows} line 7, composition: 'nan'"]


#: Lithium hydroxide with its H written as D (a neutron-diffraction CIF), P1.
LIOD = """data_LiOD
_cell_length_a 3.55
_cell_length_b 3.55
_cell_length_c 4.33
_cell_angle_alpha 90
_cell_angle_beta 90
_cell_angle_gamma 90
_symmetry_space_group_name_H-M 'P 1'
loop_
_symmetry_equiv_pos_as_xyz
'x, y, z'
loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
_atom_site_occupancy
Li1 Li 0.0 0.0 0.0 1
Li2 Li 0.5 0.5 0.0 1
O1 O 0.0 0.5 0.19 1
O2 O 0.5 0.0 0.81 1
D1 D 0.0 0.5 0.41 1
D2 D 0.5 0.0 0.59 1
"""


def test_deuterium_in_a_cif_is_read_as_h_with_a_note(tmp_path: Path, capsys) -> None:
    deuterated = tmp_path / "liod.cif"
    deuterated.write_text(LIOD)
    protonated = tmp_path / "lioh.cif"
    protonated.write_text(LIOD.replace(" D ", " H ").replace("D1 ", "H1 ").replace("D2 ", "H2 "))
    d = predict_conductivity(str(deuterated), window=False)
    h = predict_conductivity(str(protonated), window=False)
    # the features look elements up by Z: D is H to the model, so the numbers are H's
    assert d.formula == h.formula == "LiHO"
    assert d.log10_conductivity_S_cm == h.log10_conductivity_S_cm
    assert (d.lower_log10_S_cm, d.upper_log10_S_cm) == (h.lower_log10_S_cm, h.upper_log10_S_cm)
    assert "deuterium (D) read as H" in d.note and "isotope" in d.note
    assert "deuterium" not in h.note
    code, out, err = run(["predict", str(deuterated), "--no-window"], capsys)
    assert code == 0, err
    assert "note:" in out and "deuterium (D) read as H" in out


def test_discover_names_deuterium_in_a_cif_parent(tmp_path: Path, capsys) -> None:
    deuterated = tmp_path / "liod.cif"
    deuterated.write_text(LIOD)
    result = candidates.discover(str(deuterated), ["Na"], [0.1], window=False)
    assert result.parent == "LiHO"
    assert result.parent_note.startswith("deuterium (D) read as H")
    assert result.to_json()["notes"] == [result.parent_note]
    assert "Parent note" not in result.to_json()  # renamed (pre-1.0), not kept
    plain = candidates.discover("LiOH", ["Na"], [0.1], window=False)
    assert (plain.parent_note, plain.to_json()["notes"]) == ("", [])
    code, out, err = run(["discover", str(deuterated), "--dopants", "Na"], capsys)
    assert code == 0, err
    assert f"parent {deuterated}: deuterium (D) read as H" in out


def test_tritium_is_named_too() -> None:
    s = Structure(Lattice.cubic(4.0), ["Li", "T", "Cl", "Cl"],
                  [[0, 0, 0], [0.5, 0.5, 0.5], [0.5, 0, 0], [0, 0.5, 0]])
    assert predict.isotope_note(s).startswith("tritium (T) read as H")
    assert predict.isotope_note(None) == ""


def test_cell_atom_bound_follows_from_the_training_cells() -> None:
    """Source: OBELiX train split (obelix2025): the longest cell length is 24.28 A, the
    densest entry fft, beta-Li3N (P63/mmc, a = 3.552 A, c = 6.311 A, cell content Li6N2):
    V = (sqrt(3)/2) a^2 c = 68.96 A^3 for 8 atoms; floor(24.28^3 / (68.96 / 8)) = 1660."""
    bound, longest, v_min, entry = max_cell_atoms()
    volume = math.sqrt(3) / 2 * 3.552**2 * 6.311
    assert (longest, entry) == (24.28, "fft")
    assert v_min == pytest.approx(volume / 8, rel=1e-9)
    assert bound == math.floor(24.28**3 / (volume / 8)) == 1660


def test_cif_atom_count_is_the_cell_content(tmp_path: Path) -> None:
    """Counted from the loop and the symmetry operations before pymatgen builds the cell:
    antifluorite Li2O (Fm-3m, 192 operations, 2 sites) holds Li8O4; the Li3InCl6 CIF
    (C2/m) Li6In2.03Cl12 as its _chemical_formula_sum says."""
    s = Structure.from_spacegroup("Fm-3m", Lattice.cubic(4.61), ["O", "Li"],
                                  [[0, 0, 0], [0.25, 0.25, 0.25]])
    path = tmp_path / "li2o.cif"
    with warnings.catch_warnings():  # spglib 2.x: "Set OLD_ERROR_HANDLING" on every call
        warnings.simplefilter("ignore", DeprecationWarning)
        CifWriter(s, symprec=0.1).write_file(str(path))
    assert "Fm-3m" in path.read_text()  # written with its symmetry, not in P1
    assert cif_atom_count(CifParser(str(path))) == 12
    assert cif_atom_count(CifParser(str(CIF))) == pytest.approx(20.03)
    assert predict_conductivity(str(path), window=False).formula == "Li2O"


def _grid_cif(path: Path, n: int) -> Path:
    """Rock-salt LiCl written in P1 as an n x n x n grid of sites (n**3 atoms)."""
    lines = ["data_grid", *(f"_cell_length_{k} {2.57 * n}" for k in "abc"),
             *(f"_cell_angle_{k} 90" for k in ("alpha", "beta", "gamma")),
             "_symmetry_space_group_name_H-M 'P 1'", "loop_", "_symmetry_equiv_pos_as_xyz",
             "'x, y, z'", "loop_", "_atom_site_label", "_atom_site_type_symbol",
             "_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z"]
    for i in range(n):
        for j in range(n):
            for k in range(n):
                el = "Li" if (i + j + k) % 2 == 0 else "Cl"
                lines.append(f"{el}{i}_{j}_{k} {el} {i / n:.6f} {j / n:.6f} {k / n:.6f}")
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_cif_cell_beyond_the_bound_is_refused_before_it_is_read(tmp_path: Path,
                                                                  capsys) -> None:
    big = _grid_cif(tmp_path / "big.cif", 12)  # 1728 atoms > 1660
    with pytest.raises(ValidationError) as info:
        predict_conductivity(str(big), window=False)
    assert info.value.field == "composition" and info.value.value == str(big)
    assert "at most 1660 atoms (big.cif: 1728" in info.value.allowed
    code, out, err = run(["predict", str(big), "--no-window"], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert err.startswith(f"error: composition: '{big}' is not allowed; a CIF whose cell "
                          "holds at most 1660 atoms")
    code, out, err = run(["discover", str(big)], capsys)
    assert code == 2 and err.startswith(f"error: parent: '{big}'"), err


def test_a_csv_field_beyond_the_csv_limit_is_refused_naming_the_file(tmp_path: Path,
                                                                     capsys) -> None:
    """A 70 000-character formula was a traceback (_csv.Error: field larger than field
    limit (131072))."""
    path = tmp_path / "long.csv"
    path.write_text("composition\n" + "Li3YCl6" * 20_000 + "\n")
    code, out, err = run(["predict", str(path), "--no-window"], capsys)
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.startswith(f"error: input: '{path}' is not allowed; a CSV file that Python's "
                          "csv module reads (line 2: field larger than field limit")


_FORMULAS = st.sampled_from(["Li3YCl6", "Li6PS5Cl", "LiCl7", "nan", "NaN", "", " ", "Li",
                             "Li2O", "LiFePo4", "Li1e400Cl", "Li(((Cl", "Li3YCl6;x",
                             "x.cif", "Li7La3Zr2O12" * 30])
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
#: A formula with random crystal data (space_group, a, b, c, alpha, beta, gamma).
_CRYSTAL_ROWS = st.lists(st.one_of(st.sampled_from(["nan", "1e400", "6", "90", "120", "P-3m1",
                                                    "164", "-1", "0", ""]), _TEXT),
                         min_size=1, max_size=8).map(lambda v: ",".join(["Li3YCl6", *v]))
_SETTINGS = settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check_answer(code: int, out: str, err: str) -> None:
    """A prediction (exit 0) or clear errors (exit 2): never a traceback."""
    assert code in (0, 2), err
    assert "Traceback" not in err and "\u256d" not in err
    if code == 0:
        assert out.startswith("[")  # --json: the predictions
    else:
        assert any(line.startswith("error: ") for line in err.splitlines()), err
        assert all(line.startswith(("error: ", "warning: ")) for line in err.splitlines()), err


@_SETTINGS
@given(args=st.lists(st.one_of(_FORMULAS, _TEXT), min_size=1, max_size=3))
def test_predict_on_random_text_answers_or_says_why(args: list[str], capsys) -> None:
    code, out, err = run(["predict", *args, "--no-window", "--neighbours", "1", "--json"],
                         capsys)
    _check_answer(code, out, err)


@_SETTINGS
@given(header=st.one_of(st.sampled_from(["composition", "Composition;note", "formula",
                                         "composition,space_group,a,b,c,alpha,beta,gamma",
                                         ""]), _TEXT),
       rows=st.lists(st.one_of(_FORMULAS, _TEXT, _CRYSTAL_ROWS), max_size=5))
def test_predict_on_a_random_csv_answers_or_says_why(header: str, rows: list[str],
                                                     capsys) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.csv"
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        code, out, err = run(["predict", str(path), "--no-window", "--neighbours", "1",
                              "--json"], capsys)
    _check_answer(code, out, err)
    if code == 0:
        assert len(json.loads(out)) >= 1


def test_a_formula_given_twice_gets_one_stability_window(monkeypatch, capsys) -> None:
    calls: Counter = Counter()
    real = predict._window

    def counting(formula):
        calls[formula] += 1
        return real(formula)

    monkeypatch.setattr(predict, "_window", counting)
    code, out, err = run(["predict", "Li3YCl6", "Li3YCl6", "Li6PS5Cl", "--json"], capsys)
    assert code == 0, err
    assert calls == Counter({"Li3YCl6": 1, "Li6PS5Cl": 1})
    got = json.loads(out)
    assert got[0] == got[1] and got[0]["Stability window"] is not None
