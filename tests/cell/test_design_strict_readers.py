"""A design file read with a key given twice is refused naming the file, the key and its lines
(``yaml.safe_load``/``json.loads`` kept the second thickness without a word)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "ev-nmc811-lpscl-li.yaml"


def _twice_yaml(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text("utf-8").replace(
        "  thickness: 80 um\n", "  thickness: 80 um\n  thickness: 800 um\n", 1)
    path = tmp_path / "twice.yaml"
    path.write_text(text, "utf-8")
    return path


def test_yaml_design_with_thickness_twice_is_refused(tmp_path: Path) -> None:
    path = _twice_yaml(tmp_path)
    line = path.read_text("utf-8").splitlines().index("  thickness: 80 um") + 1
    with pytest.raises(ValidationError, match=rf"key 'thickness' appears twice in one mapping "
                       rf"\(first on line {line}, again on line {line + 1}\)") as info:
        CellDesign.from_file(path)
    # the whole path (cut to 80 characters, a long one lost the file's name)
    assert info.value.field == "design" and info.value.value == str(path)
    # the example itself still reads
    assert CellDesign.from_file(EXAMPLE).cathode.thickness_m == pytest.approx(80e-6)


def test_json_design_with_thickness_twice_or_nan_is_refused(tmp_path: Path) -> None:
    data = CellDesign.from_file(EXAMPLE).to_dict()
    text = json.dumps(data, indent=1)
    twice = text.replace('"thickness_m": ', '"thickness_m": 1e-3, "thickness_m": ', 1)
    path = tmp_path / "twice.json"
    path.write_text(twice, "utf-8")
    with pytest.raises(ValidationError, match=r"is not valid JSON: key 'thickness_m' appears "
                       r"twice in one object \(first on line \d+, again on line \d+\)"):
        CellDesign.from_file(path)
    with pytest.raises(ValidationError, match="NaN is not a JSON number"):
        CellDesign.from_json(text.replace('"porosity": 0.05', '"porosity": NaN', 1))
    assert CellDesign.from_json(text).cathode.thickness_m == pytest.approx(80e-6)


def test_evaluate_refuses_the_design_in_one_line(tmp_path: Path, capsys) -> None:
    path = _twice_yaml(tmp_path)
    code, out, err = run(["evaluate", str(path)], capsys)
    assert_one_line_error(code, out, err, "twice.yaml", "'thickness'", "appears twice")
