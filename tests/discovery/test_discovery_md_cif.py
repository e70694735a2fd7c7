"""``run_md`` and ``solidcell md`` read a CIF as ``predict`` does
(:func:`solidcell.discovery.predict.read_cif`), before a cluster or CHGNet is needed, so these
run without the md extra: a file of several structures is refused (``Structure.from_file``
took the first without a word), so are a file that is no CIF, an empty path and a missing
file, each naming ``structure``; a cell of more atoms than the rows the file-size bound is
derived from is refused, with MD's reason rather than the conductivity model's."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifWriter

from clirun import assert_one_line_error, run
from solidcell.discovery.md import run_md
from solidcell.discovery.predict import max_cell_atoms, read_cif
from solidcell.errors import UnsupportedError, ValidationError

CIF = Path(__file__).resolve().parents[1] / "data" / "discovery" / "obelix_de5_Li3InCl6.cif"
TEMPS = (600.0, 800.0)


def _chgnet_installed() -> bool:
    try:
        import chgnet  # noqa: F401
    except ImportError:
        return False
    return True


def _li_bcc(repeat: tuple[int, int, int] = (1, 1, 1)) -> Structure:
    return Structure(Lattice.cubic(3.51), ["Li", "Li"], [[0, 0, 0], [0.5, 0.5, 0.5]]) * repeat


@pytest.fixture
def two_structures(tmp_path: Path) -> Path:
    """One CIF file with two data blocks (two structures)."""
    li2o = Structure.from_spacegroup("Fm-3m", Lattice.cubic(4.61), ["Li", "O"],
                                     [[0.25, 0.25, 0.25], [0, 0, 0]])
    text = str(CifWriter(_li_bcc())) + "\n" + str(CifWriter(li2o)).replace("data_", "data_b", 1)
    path = tmp_path / "two.cif"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_of_several_structures_is_refused(two_structures: Path) -> None:
    with pytest.raises(ValidationError) as err:
        run_md(str(two_structures), TEMPS)
    assert err.value.field == "structure" and err.value.value == str(two_structures)
    assert "a CIF file with one structure (two.cif holds 2: Li, Li2O)" in err.value.allowed


def test_a_path_object_is_read_as_its_text(two_structures: Path) -> None:
    """A Path was not read (only a str was) and failed with an AttributeError."""
    with pytest.raises(ValidationError, match="holds 2"):
        run_md(two_structures, TEMPS)


@pytest.mark.parametrize("text", ["not a cif at all\n", "data_x\n_cell_length_a 3\n"])
def test_a_file_that_is_no_cif_is_refused_readably(text: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.cif"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        run_md(str(path), TEMPS)
    assert err.value.field == "structure"
    assert err.value.allowed.startswith("a readable CIF file (")


@pytest.mark.parametrize("path", ["", "   ", "no-such-file.cif", "."])
def test_an_empty_missing_or_folder_path_is_refused(path: str) -> None:
    with pytest.raises(ValidationError) as err:
        run_md(path, TEMPS)
    assert (err.value.field, err.value.value) == ("structure", path)
    assert err.value.allowed == "the path of an existing CIF file"


def test_a_structure_that_is_no_structure_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        run_md({"lattice": 1}, TEMPS)
    assert err.value.field == "structure"


def test_a_cell_above_the_atom_bound_is_refused_for_md_with_its_own_reason(
        tmp_path: Path) -> None:
    """The same supercell is refused by the predictor (training cells) and by MD (the rows of
    the file-size bound), each with its reason; one atom less than the bound is read."""
    bound = max_cell_atoms()[0]
    n = math.ceil((bound / 2 + 1) ** (1 / 3))  # 2 n^3 > bound atoms of bcc Li
    path = tmp_path / "big.cif"
    CifWriter(_li_bcc((n, n, n))).write_file(path)
    with pytest.raises(ValidationError, match=f"at most {bound} atoms") as model:
        read_cif(path, model_domain=True)
    assert "training cells" in model.value.allowed
    with pytest.raises(ValidationError, match=f"at most {bound} atoms") as md:
        run_md(str(path), TEMPS)
    assert "file-size bound" in md.value.allowed and "training" not in md.value.allowed
    assert (md.value.field, md.value.value) == ("structure", str(path))


def test_a_cell_within_the_atom_bound_is_read_for_md(tmp_path: Path) -> None:
    """Property: the largest bcc Li supercell within the bound is read whole for MD, then
    CHGNet is asked for (without the md extra: UnsupportedError)."""
    n = math.floor((max_cell_atoms()[0] / 2) ** (1 / 3))
    path = tmp_path / "within.cif"
    CifWriter(_li_bcc((n, n, n))).write_file(path)
    assert len(read_cif(path)) == 2 * n**3 <= max_cell_atoms()[0]
    if not _chgnet_installed():
        with pytest.raises(UnsupportedError, match=r"solidcell\[md\]"):
            run_md(str(path), TEMPS)


def test_the_one_structure_is_what_from_file_reads() -> None:
    assert read_cif(CIF) == Structure.from_file(CIF)


def test_md_command_refuses_several_structures_in_one_line(two_structures: Path,
                                                           capsys) -> None:
    assert_one_line_error(*run(["md", str(two_structures), "--temperatures", "600,800"],
                               capsys),
                          "structure:", "a CIF file with one structure", "holds 2")
