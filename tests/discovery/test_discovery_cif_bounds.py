"""The CIF reader's two bounds: the atom count of a cell (``predict.cif_atom_count``, from
pymatgen's public CIF API only, checked against the Structure pymatgen builds) and the file size
that ``run_md`` / ``solidcell md`` read (``predict.max_cif_bytes``, refused from the size on
disk before the file is read, without the md extra)."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pytest
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifParser, CifWriter

from clirun import assert_one_line_error, run
from solidcell.discovery.md import run_md
from solidcell.discovery.predict import (
    CIF_BYTES_PER_SITE_ROW,
    check_cif_bytes,
    cif_atom_count,
    max_cell_atoms,
    max_cif_bytes,
    read_cif,
)
from solidcell.errors import ValidationError

DATA = Path(__file__).resolve().parents[1] / "data" / "discovery"
#: OBELiX randomized CIFs shipped as test data (tests/data/discovery/SOURCE.md)
SHIPPED = sorted(DATA.glob("obelix_*.cif"))
TEMPS = (600.0, 800.0)


def _parser(path: Path) -> CifParser:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CifParser(str(path))


def _structure(path: Path) -> Structure:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Structure.from_file(str(path))


def _li2o(path: Path) -> Path:
    """Antifluorite Li2O written with its space group (Fm-3m), not in P1."""
    s = Structure.from_spacegroup("Fm-3m", Lattice.cubic(4.61), ["O", "Li"],
                                  [[0, 0, 0], [0.25, 0.25, 0.25]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        CifWriter(s, symprec=0.1).write_file(str(path))
    return path


def test_the_shipped_cifs_are_there() -> None:
    assert {p.name.split("_")[1] for p in SHIPPED} >= {"de5", "m0v", "6du", "na5", "hcm"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_count_is_the_atoms_pymatgen_places(path: Path) -> None:
    """Property: the count equals the atoms of the Structure pymatgen builds from the same CIF
    (the sum of the occupancies), and its number of sites when the cell is ordered."""
    structure = _structure(path)
    count = cif_atom_count(_parser(path))
    assert count == pytest.approx(structure.composition.num_atoms, abs=1e-9)
    if structure.is_ordered:
        assert count == len(structure)


def test_an_ordered_shipped_cell_and_a_symmetric_cif_count_their_sites(tmp_path: Path) -> None:
    """hcm (garnet Li5La3Ta2O12, Ia-3d) is ordered: 176 sites; Li2O in Fm-3m: 12 sites."""
    hcm = DATA / "obelix_hcm_Li5La3Ta2O12.cif"
    assert _structure(hcm).is_ordered
    assert cif_atom_count(_parser(hcm)) == len(_structure(hcm)) == 176
    li2o = _li2o(tmp_path / "li2o.cif")
    assert cif_atom_count(_parser(li2o)) == len(_structure(li2o)) == 12


class _PublicOnly:
    """A CifParser seen through its public methods only (no ``_cif``)."""

    def __init__(self, parser: CifParser) -> None:
        self.as_dict = parser.as_dict
        self.get_symops = parser.get_symops


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_count_needs_no_private_attribute_of_pymatgen(path: Path) -> None:
    parser = _parser(path)
    assert cif_atom_count(_PublicOnly(parser)) == cif_atom_count(parser)


def test_the_bytes_per_row_are_those_of_the_most_verbose_shipped_cif() -> None:
    """CIF_BYTES_PER_SITE_ROW is m0v.cif's bytes over its atom-site rows (6069 / 4), and no
    shipped CIF has more; the file bound is the atom bound's rows at that rate."""
    def per_row(path: Path) -> float:
        rows = sum(len(b["_atom_site_fract_x"]) for b in _parser(path).as_dict().values()
                   if "_atom_site_fract_x" in b)
        return path.stat().st_size / rows

    m0v = DATA / "obelix_m0v_Li4Ti5O12.cif"
    assert (m0v.stat().st_size, per_row(m0v)) == (6069, CIF_BYTES_PER_SITE_ROW)
    assert max(per_row(p) for p in SHIPPED) == CIF_BYTES_PER_SITE_ROW
    assert max_cif_bytes() == math.floor(max_cell_atoms()[0] * 6069 / 4) == 2_518_635


def _sized(path: Path, size: int) -> Path:
    """A file of ``size`` bytes (sparse: nothing is written) that is no CIF."""
    with path.open("wb") as f:
        f.truncate(size)
    return path


def test_a_file_at_the_bound_passes_one_byte_more_is_refused(tmp_path: Path) -> None:
    bound = max_cif_bytes()
    check_cif_bytes(_sized(tmp_path / "at.cif", bound))
    over = _sized(tmp_path / "over.cif", bound + 1)
    with pytest.raises(ValidationError) as info:
        check_cif_bytes(over, "structure")
    assert (info.value.field, info.value.value) == ("structure", str(over))
    assert info.value.allowed.startswith(
        f"a CIF file of at most {bound} bytes (over.cif: {bound + 1} bytes; ")


def test_md_refuses_a_too_large_file_before_reading_it(tmp_path: Path, monkeypatch) -> None:
    """The size refuses the file, not its text (a file of zeros would be 'a readable CIF
    file' otherwise), before CHGNet is asked for: no md extra needed."""
    big = _sized(tmp_path / "big.cif", max_cif_bytes() + 1)

    def no_read(*_args, **_kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr("pymatgen.io.cif.CifParser.from_str", no_read)
    with pytest.raises(ValidationError) as info:
        run_md(str(big), TEMPS)
    assert (info.value.field, info.value.value) == ("structure", str(big))
    assert f"at most {max_cif_bytes()} bytes" in info.value.allowed
    with pytest.raises(ValidationError, match="bytes"):
        read_cif(big)


@pytest.mark.parametrize("command", ["predict", "discover"])
def test_predict_and_discover_refuse_a_too_large_file_before_reading_it(
        command: str, tmp_path: Path, monkeypatch, capsys) -> None:
    """The one reader (read_cif) bounds every user CIF by its size on disk: predict and
    discover read the whole text before counting its atoms."""
    big = _sized(tmp_path / "big.cif", max_cif_bytes() + 1)

    def no_read(*_args, **_kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr("pymatgen.io.cif.CifParser.from_str", no_read)
    monkeypatch.setattr("pymatgen.io.cif.CifParser.__init__", no_read)
    field = "composition" if command == "predict" else "parent"
    assert_one_line_error(*run([command, str(big)], capsys), f"{field}:",
                          f"'{big}' is not allowed",
                          f"a CIF file of at most {max_cif_bytes()} bytes",
                          f"big.cif: {max_cif_bytes() + 1} bytes")


def test_md_command_refuses_a_too_large_file_in_one_line(tmp_path: Path, capsys) -> None:
    big = _sized(tmp_path / "big.cif", max_cif_bytes() + 1)
    assert_one_line_error(*run(["md", str(big), "--temperatures", "600,800"], capsys),
                          "structure:", f"'{big}' is not allowed",
                          f"a CIF file of at most {max_cif_bytes()} bytes",
                          f"{max_cif_bytes() + 1} bytes")
