"""One bounded reader of a user's CIF (``predict.read_cif``) for ``predict``, ``discover`` and
``md``: the size on disk is checked before the file is read (``check_cif_bytes``), and the atoms
of the cell (``cif_atom_count``) before pymatgen builds the Structure. The file-size bound
alone does not bound the atoms of a cell written in short rows (``Li X1 0.05 0.1 0.15 1``,
far fewer bytes per atom than the 1517.25 the bound is derived from), nor of a few rows under
many symmetry operations."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run
from solidcell.discovery.md import run_md
from solidcell.discovery.predict import (
    max_cell_atoms,
    max_cif_bytes,
    predict_conductivity,
    read_cif,
)
from solidcell.errors import ValidationError

TEMPS = (600.0, 800.0)
HEADER = """data_dense
_symmetry_space_group_name_H-M   '{hm}'
_cell_length_a   {a}
_cell_length_b   {a}
_cell_length_c   {a}
_cell_angle_alpha   90
_cell_angle_beta   90
_cell_angle_gamma   90
loop_
 _symmetry_equiv_pos_as_xyz
{ops}
loop_
 _atom_site_type_symbol
 _atom_site_label
 _atom_site_fract_x
 _atom_site_fract_y
 _atom_site_fract_z
 _atom_site_occupancy
"""


def _dense_p1(path: Path, atoms: int) -> Path:
    """A P1 cell of ``atoms`` Li and S sites on a 20^3 grid, one short row each."""
    rows = [f"{'Li' if i % 3 else 'S'} X{i} {i % 20 / 20:g} {i // 20 % 20 / 20:g} "
            f"{i // 400 / 20:g} 1" for i in range(atoms)]
    path.write_text(HEADER.format(hm="P 1", a=60, ops="  'x, y, z'") + "\n".join(rows) + "\n",
                    encoding="utf-8")
    return path


def _cubic_f(path: Path, rows: int) -> Path:
    """``rows`` general positions under the 16 operations x,y,z permuted with signs and the
    F centring (4 translations): 64 atoms per row, few bytes."""
    ops = []
    for t in ("0,0,0", "0,1/2,1/2", "1/2,0,1/2", "1/2,1/2,0"):
        tx, ty, tz = t.split(",")
        for sx in "+-":
            for sy in "+-":
                for sz in "+-":
                    for perm in (("x", "y", "z"), ("y", "z", "x")):
                        ops.append(f"  '{sx}{perm[0]}+{tx}, {sy}{perm[1]}+{ty}, "
                                   f"{sz}{perm[2]}+{tz}'")
    sites = [f"Li Li{i} {0.011 * (i + 1):.3f} {0.013 * (i + 2):.3f} {0.017 * (i + 3):.3f} 1"
             for i in range(rows)]
    path.write_text(HEADER.format(hm="F 1", a=30, ops="\n".join(ops)) + "\n".join(sites)
                    + "\n", encoding="utf-8")
    return path


@pytest.fixture
def no_structure(monkeypatch):
    """pymatgen's Structure building fails the test if reached."""
    def built(*_args, **_kwargs):
        raise AssertionError("the Structure was built")

    monkeypatch.setattr("pymatgen.io.cif.CifParser.parse_structures", built)


def test_a_dense_p1_file_is_within_the_byte_bound_but_over_the_atom_bound(
        tmp_path: Path) -> None:
    """The premise: a file the size bound admits holding far more atoms than the bound."""
    path = _dense_p1(tmp_path / "dense.cif", 3 * max_cell_atoms()[0])
    assert path.stat().st_size < max_cif_bytes() / 10


@pytest.mark.parametrize("model_domain", [True, False], ids=["predict", "md"])
@pytest.mark.parametrize("make", [_dense_p1, _cubic_f], ids=["dense_p1", "symmetric"])
def test_the_atoms_are_counted_before_the_structure_is_built(
        make, model_domain: bool, tmp_path: Path, no_structure) -> None:
    bound = max_cell_atoms()[0]
    path = make(tmp_path / "big.cif", 3 * bound if make is _dense_p1 else bound // 64 + 1)
    with pytest.raises(ValidationError) as info:
        read_cif(path, "structure", model_domain=model_domain)
    assert (info.value.field, info.value.value) == ("structure", str(path))
    assert info.value.allowed.startswith(f"a CIF whose cell holds at most {bound} atoms "
                                         "(big.cif: ")
    assert ("training cells" in info.value.allowed) == model_domain


def test_md_counts_the_atoms_before_chgnet_or_the_structure(tmp_path: Path,
                                                           no_structure) -> None:
    path = _dense_p1(tmp_path / "dense.cif", 3 * max_cell_atoms()[0])
    with pytest.raises(ValidationError, match=f"at most {max_cell_atoms()[0]} atoms"):
        run_md(str(path), TEMPS)


@pytest.mark.parametrize(("command", "field"), [("predict", "composition"),
                                                ("discover", "parent"),
                                                ("md", "structure")])
def test_each_command_refuses_a_dense_cell_in_one_line(command: str, field: str,
                                                       tmp_path: Path, no_structure,
                                                       capsys) -> None:
    path = _dense_p1(tmp_path / "dense.cif", 3 * max_cell_atoms()[0])
    args = [command, str(path)] + (["--temperatures", "600,800"] if command == "md" else [])
    assert_one_line_error(*run(args, capsys), f"{field}:", f"'{path}' is not allowed",
                          f"at most {max_cell_atoms()[0]} atoms", "dense.cif: 4980")


def test_the_python_predictor_refuses_a_dense_cell_naming_its_field(tmp_path: Path,
                                                                    no_structure) -> None:
    path = _dense_p1(tmp_path / "dense.cif", 3 * max_cell_atoms()[0])
    with pytest.raises(ValidationError) as info:
        predict_conductivity([str(path)])
    assert (info.value.field, info.value.value) == ("composition[0]", str(path))


def test_a_compressed_cif_is_refused_its_size_does_not_bound_its_text(tmp_path: Path) -> None:
    """pymatgen's CifParser(path) decompresses a .gz by its name: 2 MB of gzip can hold
    gigabytes of text. The reader reads the bytes itself and refuses compressed ones."""
    path = tmp_path / "x.cif.gz"
    path.write_bytes(gzip.compress(b"data_x\n" + b"#" * 10_000))
    with pytest.raises(ValidationError) as info:
        run_md(str(path), TEMPS)
    assert info.value.allowed == "a plain-text CIF file (x.cif.gz is gzip-compressed: " \
                                 "decompress it first)"


def test_a_compressed_cif_name_is_a_file_for_predict_and_discover(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'x.cif.gz' was read as a formula by predict and discover ("'y' is a variable ..."):
    it names a file, refused as compressed (or as missing), as md refuses it."""
    from solidcell.discovery.predict import names_a_cif, predict_conductivity

    path = tmp_path / "x.cif.gz"
    path.write_bytes(gzip.compress(b"data_x\n" + b"#" * 10_000))
    assert names_a_cif(" X.CIF.GZ ") and not names_a_cif("Li6PS5Cl")
    with pytest.raises(ValidationError, match="gzip-compressed: decompress it first"):
        predict_conductivity(str(path))
    for command in ("predict", "discover"):
        assert_one_line_error(*run([command, str(path)], capsys), "gzip-compressed")
    missing = str(tmp_path / "nothing.cif.bz2")
    assert_one_line_error(*run(["predict", missing], capsys), "an existing CIF file")
