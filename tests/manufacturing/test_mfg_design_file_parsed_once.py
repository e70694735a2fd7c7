"""``solidcell cost`` and ``route`` parse a design file once (``as_stack``): the layer-stack
check parsed it, then ``CellDesign.from_yaml`` parsed it again (the CLI's JSON check, then
``CellDesign.from_file``, for a JSON file). The stack, the refusals and the words are those of
``CellDesign.from_file``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import solidcell.textio as textio
from clirun import assert_one_line_error, run
from solidcell.cell.design import CellDesign
from solidcell.manufacturing.design import stack_from_design
from solidcell.manufacturing.routes import as_stack

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


def _count_parses(monkeypatch) -> list[int]:
    """Count textio's JSON/YAML readers (every user file is read through them)."""
    count = [0]
    for name in ("load_yaml", "load_json"):
        read = getattr(textio, name)

        def counted(*args, _read=read, **kwargs):
            count[0] += 1
            return _read(*args, **kwargs)

        monkeypatch.setattr(textio, name, counted)
    return count


def _as_json(tmp_path: Path, data: dict, name: str = "d.json", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding=encoding)
    return path


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_design_file_is_parsed_once(suffix: str, tmp_path: Path, monkeypatch) -> None:
    data = yaml.safe_load(EV.read_text("utf-8"))
    path = EV if suffix == ".yaml" else _as_json(tmp_path, data)
    count = _count_parses(monkeypatch)
    stack = as_stack(path)
    assert count[0] == 1
    assert stack == stack_from_design(CellDesign.from_dict(data))


def test_a_json_layer_stack_is_parsed_once(tmp_path: Path, monkeypatch, sulfide) -> None:
    path = _as_json(tmp_path, sulfide, "stack.json")
    count = _count_parses(monkeypatch)
    assert as_stack(path).layers[0].name == sulfide["layers"][0]["name"]
    assert count[0] == 1


def test_a_json_design_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """As CellDesign.from_file reads it (Notepad writes the mark): as_stack refused it as
    invalid JSON."""
    data = yaml.safe_load(EV.read_text("utf-8"))
    path = _as_json(tmp_path, data, encoding="utf-8-sig")
    assert as_stack(path) == as_stack(EV)


@pytest.mark.parametrize(("name", "text"), [
    ("bad.json", '{"a": ['),
    ("bad.yaml", "a: [\n"),
    ("twice.json", '{"name": "a", "name": "b"}'),
    ("empty.json", ""),
    ("list.json", "[1, 2]"),
    ("comments.yaml", "# only a comment\n"),
    ("latin1.yaml", b"name: caf\xe9\n"),  # not UTF-8
])
def test_cost_refuses_a_file_in_evaluates_words(name: str, text: str | bytes,
                                                 tmp_path: Path, capsys) -> None:
    """One line naming the file, the same line as `evaluate` gives (a JSON design's parse
    error read "valid YAML or JSON (...)" in `cost`, "is not valid JSON: ..." in `evaluate`)."""
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    *_, evaluate_err = run(["evaluate", str(path)], capsys)
    for command in ("cost", "route"):
        code, out, err = run([command, str(path)], capsys)
        assert_one_line_error(code, out, err, f"design: {str(path)!r}")
        assert err == evaluate_err


def test_cost_of_a_json_design_is_that_of_its_yaml(tmp_path: Path, capsys) -> None:
    data = yaml.safe_load(EV.read_text("utf-8"))
    path = _as_json(tmp_path, data)
    prices = ["--price", "vgcf=50", "--price", "linbo3=100"]  # assumptions, as the README's
    outs = [run(["cost", str(p), *prices, "--json"], capsys) for p in (EV, path)]
    assert outs[0][0] == outs[1][0] == 0, outs[0][2] + outs[1][2]
    assert json.loads(outs[0][1]) == json.loads(outs[1][1])
