"""A design file that cannot be read, or is not UTF-8 text, is refused in one wording by every
reader of a design (``solidcell.textio.read_text_file``): ``CellDesign`` said "cannot be read
as UTF-8 text: ...", the layer stacks' ``as_stack`` said "a readable file (cannot be read:
...)" for the same unreadable file."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.manufacturing.routes import as_stack
from solidcell.textio import UNREADABLE, read_text_file

READERS = {
    "CellDesign.from_file": CellDesign.from_file,
    "CellDesign.from_yaml": CellDesign.from_yaml,
    "as_stack": as_stack,
    "read_text_file": lambda path: read_text_file(path, "design"),
}


def _unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``path`` exists, but reading it fails as without permission (the tests may run as
    root, who may read any file)."""
    read_text = Path.read_text

    def refuse(self: Path, *args: object, **kwargs: object) -> str:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)


@pytest.mark.parametrize(("problem", "reason"), [
    ("not UTF-8", "'utf-8' codec can't decode byte 0xe9"),
    ("unreadable", "Permission denied"),
])
def test_every_design_reader_refuses_a_file_it_cannot_read_alike(
        problem: str, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "design.yaml"
    if problem == "not UTF-8":
        path.write_bytes(b"name: caf\xe9\n")  # Latin-1
    else:
        path.write_text("name: x\n", "utf-8")
        _unreadable(path, monkeypatch)
    refusals = set()
    for read in READERS.values():
        with pytest.raises(ValidationError) as info:
            read(path)
        refusals.add((info.value.field, info.value.value, info.value.allowed))
    (field, value, allowed), = refusals
    assert (field, value) == ("design", str(path))
    assert allowed.startswith(f"{UNREADABLE}: {reason}")


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffname: x\n".encode())
    assert read_text_file(path, "design") == "name: x\n"
