"""A space file copied away from its base design: the refusal names the field ``base``, the
value as written and where it was looked for (a relative base is read from the space file's
folder, not from the working directory). Before, the error named the field ``design`` and a
path joined to the working directory, and the newcomer who copied examples/spaces/ev.yaml
could not tell why '../ev-nmc811-lpscl-li.yaml' was not found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.screening.screen import load_space

SPACE = Path(__file__).resolve().parents[2] / "examples" / "spaces" / "ev.yaml"


def _copied_space(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    return Path(shutil.copy(SPACE, folder / "ev.yaml"))


def test_a_missing_relative_base_names_the_field_and_the_folder_read(tmp_path):
    space = _copied_space(tmp_path)
    with pytest.raises(ValidationError) as info:
        load_space(space)
    exc = info.value
    assert exc.field == "base"
    assert exc.value == "../ev-nmc811-lpscl-li.yaml"  # as written in the file
    assert str(space.parent.resolve()) in exc.allowed
    assert str((tmp_path / "ev-nmc811-lpscl-li.yaml").resolve()) in exc.allowed
    assert "does not exist" in exc.allowed


def test_a_base_that_is_a_folder_is_refused_as_such(tmp_path):
    (tmp_path / "design.yaml").mkdir()
    with pytest.raises(ValidationError) as info:
        load_space({"base": str(tmp_path / "design.yaml"),
                    "parameters": {"anode.np_ratio": {"min": 1.0, "max": 2.0}}})
    assert info.value.field == "base"
    assert "is a folder" in info.value.allowed
    assert "space file's folder" not in info.value.allowed  # an absolute path: no folder rule


def test_the_cli_gives_one_line_naming_base(tmp_path, capsys):
    space = _copied_space(tmp_path)
    code, out, err = run(["screen", str(space)], capsys)
    assert_one_line_error(code, out, err, "base:", "'../ev-nmc811-lpscl-li.yaml'",
                          "space file's folder")


def test_the_bundled_space_still_finds_its_base():
    space = load_space(SPACE)
    assert space.base.name == "EV pouch NMC811 | Li6PS5Cl | Li"
