"""``solidcell predict`` and ``discover`` as a user meets them: each bad CIF, CSV or formula is
refused in one line naming the field, the value and what is allowed; good inputs give the
documented JSON keys. Structures here are made in the test (antifluorite Li2O, rock-salt LiCl),
not OBELiX entries."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifWriter

from clirun import assert_one_line_error, run
from solidcell.cli.discovery import _inputs, _read_inputs
from solidcell.discovery.features import crystal_features
from solidcell.discovery.predict import read_input
from solidcell.errors import ValidationError

#: the keys docs/discovery.md documents for each prediction (value and interval bounds)
KEYS = ("Log10 ionic conductivity [S.cm-1]", "Log10 ionic conductivity lower bound [S.cm-1]",
        "Log10 ionic conductivity upper bound [S.cm-1]")


def _write(structure: Structure, path: Path) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        CifWriter(structure).write_file(str(path))
    return path


def _li2o(path: Path) -> Path:
    return _write(Structure.from_spacegroup("Fm-3m", Lattice.cubic(4.61), ["O", "Li"],
                                            [[0, 0, 0], [0.25, 0.25, 0.25]]), path)


def _licl(path: Path, li: dict[str, float]) -> Path:
    """Rock-salt LiCl (Fm-3m, a = 5.13 A) with the cation site's species ``li``."""
    return _write(Structure.from_spacegroup("Fm-3m", Lattice.cubic(5.13), [li, "Cl"],
                                            [[0, 0, 0], [0.5, 0.5, 0.5]]), path)


def test_good_formulas_csv_and_cif_give_the_documented_keys(tmp_path: Path, capsys) -> None:
    """A formula, a hydrate, subscripts, a CSV saved by Excel (BOM, ';', an empty row) and a
    CIF: each gives a value inside its interval."""
    csv = tmp_path / "in.csv"
    csv.write_bytes("\ufeffComposition;note\nLi₃N;a\n;\nLi2SO4·H2O;b\n".encode())
    cif = _li2o(tmp_path / "li2o.cif")
    code, out, err = run(["predict", "Li6PS5Cl", "Li3(PO4)", str(csv), str(cif), "--json",
                          "--no-window", "--neighbours", "0"], capsys)
    assert code == 0, err
    rows = json.loads(out)
    assert [r["Formula"] for r in rows] == ["Li6PS5Cl", "Li3PO4", "Li3N", "Li2H2SO5", "Li2O"]
    assert rows[-1]["Model features"] == "composition+structure"
    for row in rows:
        assert row[KEYS[1]] <= row[KEYS[0]] <= row[KEYS[2]]


@pytest.mark.parametrize(("content", "why"), [
    (b"", "(empty.cif is empty)"),
    (b"\x00\x01binary\xff", "(empty.cif is a binary file, not CIF text)"),
    (b"hello world\n", "(no 'data_' block in empty.cif: not CIF text)"),
    (b"data_x\n_cell_length_a 5\n", "No structure parsed for section 1: no "
                                     "'_atom_site_label' item"),
])
def test_an_unreadable_cif_says_why(content: bytes, why: str, tmp_path: Path, capsys) -> None:
    """pymatgen said "Invalid CIF file with no structures!" for each of these."""
    path = tmp_path / "empty.cif"
    path.write_bytes(content)
    for command, field in (("predict", "composition"), ("discover", "parent")):
        assert_one_line_error(*run([command, str(path)], capsys), f"{field}: '{path}' is not "
                              "allowed; a readable CIF file (", why)


def test_an_over_occupied_site_is_named(tmp_path: Path) -> None:
    path = _licl(tmp_path / "over.cif", {"Li": 1.0})
    text = path.read_text()
    row = next(line for line in text.splitlines() if line.split()[:1] == ["Li"])
    path.write_text(text.replace(row, row.rsplit(" ", 1)[0] + " 1.7"))
    with pytest.raises(ValidationError) as info:
        read_input(str(path))
    assert "Occupancy 1.7 exceeded tolerance" in info.value.allowed


def test_partial_occupancies_are_read_and_named_in_errors(tmp_path: Path, capsys) -> None:
    """A mixed Li/Na site is predicted as read; a half-empty Li site does not balance, and
    discover names the file and what was read, as predict does (it named the formula alone)."""
    mixed = _licl(tmp_path / "mixed.cif", {"Li": 0.5, "Na": 0.5})
    code, out, err = run(["predict", str(mixed), "--json", "--no-window"], capsys)
    assert code == 0, err
    assert json.loads(out)[0]["Formula"] == "NaLiCl2"  # Li2Na2Cl4 per cell, reduced
    vacant = _licl(tmp_path / "vacant.cif", {"Li": 0.5})
    for command, field in (("predict", "composition"), ("discover", "parent")):
        assert_one_line_error(*run([command, str(vacant)], capsys),
                              f"{field}: '{vacant} (read as LiCl2)' is not allowed",
                              "a charge-balanced composition")


def test_discover_refuses_a_csv_parent(tmp_path: Path, capsys) -> None:
    csv = tmp_path / "in.csv"
    csv.write_text("composition\nLi3N\n")
    assert_one_line_error(*run(["discover", str(csv)], capsys), f"parent: '{csv}' is not "
                          "allowed; one formula or one CIF file", "'solidcell predict' reads CSV")


def test_a_space_group_column_without_the_lattice_columns_is_refused(tmp_path: Path,
                                                                      capsys) -> None:
    """The space group was ignored and the composition model answered without a word."""
    csv = tmp_path / "sg.csv"
    csv.write_text("composition,space_group,a\nLi3N,191,3.6\n")
    assert_one_line_error(*run(["predict", str(csv)], capsys), f"input: '{csv}' is not allowed",
                          "sg.csv has space_group but no b, c, alpha, beta, gamma")


def test_a_lattice_without_a_space_group_names_its_row(tmp_path: Path, capsys) -> None:
    csv = tmp_path / "rows.csv"
    csv.write_text("composition,space_group,a,b,c,alpha,beta,gamma\n"
                   "Li3N,,3.648,3.648,3.875,90,90,120\nLi2S,,,,,,,\n")
    code, out, err = run(["predict", str(csv), "--json", "--no-window", "--neighbours", "0"],
                         capsys)
    assert code == 2
    assert [(r["Formula"], r["Model features"]) for r in json.loads(out)] == [
        ("Li2S", "composition")]
    assert err.splitlines() == [f"error: {csv} line 2, crystal.space_group: '' is not allowed; "
                                "a space group number 1-230 or a Hermann-Mauguin symbol such "
                                "as 'Ia-3d' or 'P21/c'"]


def test_a_decimal_comma_in_the_lattice_is_named() -> None:
    with pytest.raises(ValidationError) as info:
        crystal_features("Ia-3d", ["12,97", "12.97", "12.97", "90", "90", "90"])
    assert info.value.field == "crystal.lattice"
    assert info.value.allowed.endswith("(a decimal comma in '12,97': write 12.97)")
    with pytest.raises(ValidationError) as info:  # no comma: no hint
        crystal_features("Ia-3d", ["x", "12.97", "12.97", "90", "90", "90"])
    assert "decimal comma" not in info.value.allowed


_FORMULA_TEXT = st.text(st.sampled_from(list(
    "LiPSClONaBrHZrLaGe()[]·.*-+ 0123456789₀₁₂₃₆⁺⁻,;xe\u2212")), max_size=14)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(_FORMULA_TEXT)
def test_any_formula_text_is_read_or_refused_naming_the_field(text: str) -> None:
    """Property: a typed formula (parentheses, hydrates, subscripts, charges, separators) is
    read as a Li composition or refused by ValidationError naming the field; never another
    exception."""
    try:
        checked = read_input(text, field="composition")
    except ValidationError as exc:
        assert exc.field == "composition" and exc.allowed
    else:
        assert checked.composition["Li"] > 0


_CELL = st.sampled_from(["composition", "Composition ", "space_group", "a", "b", "c", "alpha",
                         "beta", "gamma", "Li3N", "", " ", '"', "Li6PS5Cl", "Ia-3d", "12.97",
                         "12,97", "90", "nan", "-1", "1e400", "x.cif", "0", "231"])


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(_CELL, max_size=9), max_size=5), st.sampled_from([",", ";", "\t"]),
       st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_any_csv_is_read_or_refused_naming_the_field(tmp_path_factory, rows, sep, bom,
                                                     newline) -> None:
    """Property: a CSV file of any cells, separator, BOM and line end gives checked inputs and
    ValidationErrors naming a field; never another exception."""
    path = tmp_path_factory.mktemp("csv") / "f.csv"
    path.write_text(("\ufeff" if bom else "") + newline.join(sep.join(r) for r in rows),
                    encoding="utf-8")
    try:
        items, crystals, origins = _inputs([str(path)])
        _, errors = _read_inputs(items, crystals, origins)
    except ValidationError as exc:
        errors = [exc]
    assert all(e.field and e.allowed for e in errors)


def test_neighbours_in_blocks_equal_those_of_one_block(monkeypatch) -> None:
    """Property: the distance matrix taken in blocks (DISTANCE_CHUNK, so that 10^5 CSV rows
    need not hold it whole) gives the same neighbours, distances and domain flags."""
    from solidcell.discovery import predict

    formulas = ["Li6PS5Cl", "Li3N", "Li7La3Zr2O12", "Li3InCl6", "Li2S"]
    whole = predict.predict_conductivity(formulas, window=False, neighbours=4)
    monkeypatch.setattr(predict, "DISTANCE_CHUNK", 2)
    blocks = predict.predict_conductivity(formulas, window=False, neighbours=4)
    for a, b in zip(blocks, whole, strict=True):  # BLAS sums a block's products in its order
        assert [n.name for n in a.neighbours] == [n.name for n in b.neighbours]
        assert [n.distance for n in a.neighbours] == pytest.approx(
            [n.distance for n in b.neighbours], rel=1e-12)
        assert a.nearest_training_distance == pytest.approx(b.nearest_training_distance,
                                                            rel=1e-12)
        assert (a.in_domain, a.log10_conductivity_S_cm) == (b.in_domain,
                                                            b.log10_conductivity_S_cm)
