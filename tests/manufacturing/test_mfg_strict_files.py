"""Files a process engineer hands in are read strictly (solidcell.textio): a key given twice
in a layer stack or a process database was taken with its last value without a word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from mfg_stacks import sulfide_stack

from solidcell.errors import ValidationError
from solidcell.manufacturing.processes import load_processes
from solidcell.manufacturing.routes import plan_routes


def test_a_layer_stack_in_json_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    text = json.dumps(sulfide_stack(), indent=1)
    text = text.replace('"name": ', '"name": "first", "name": ', 1)
    path = tmp_path / "stack.json"
    path.write_text(text, "utf-8")
    with pytest.raises(ValidationError) as info:
        plan_routes(path)
    assert info.value.field == "design" and "'name' appears twice" in str(info.value)


def test_a_layer_stack_in_yaml_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    stack = sulfide_stack()
    assert "name" in stack  # a top-level key to repeat
    path = tmp_path / "stack.yaml"
    path.write_text(yaml.safe_dump(stack, sort_keys=False) + "name: second\n", "utf-8")
    with pytest.raises(ValidationError) as info:
        plan_routes(path)
    assert "'name' appears twice" in str(info.value)


def test_a_process_database_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    from importlib import resources

    text = resources.files("solidcell.manufacturing").joinpath("data", "processes.yaml") \
        .read_text("utf-8")
    first_key = next(line for line in text.splitlines() if line and not line[0].isspace()
                     and not line.startswith("#") and ":" in line)
    path = tmp_path / "processes.yaml"
    path.write_text(text + "\n" + first_key.split(":")[0] + ": {}\n", "utf-8")
    with pytest.raises(ValidationError) as info:
        load_processes(path)
    assert info.value.field == "processes file" and "appears twice" in str(info.value)
