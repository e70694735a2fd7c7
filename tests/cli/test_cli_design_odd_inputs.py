"""`evaluate`, `simulate` and `screen` given the odd files people write: a key given twice, a
JSON design saved with a BOM (Notepad), a file that holds a list, a number or true/false where
a material id goes, a text where a section goes. Each is one ``error:`` line naming the file or
the field and what is allowed (a BOM is read), never pydantic's "must be a valid string (and 1
more problem: ... instance of Material)"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from clirun import assert_one_line_error, run

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def ev_data() -> dict:
    return yaml.safe_load(EV.read_text("utf-8"))


@pytest.mark.parametrize("command", ["evaluate", "simulate"])
def test_a_key_given_twice_is_named_with_its_lines(command, tmp_path, capsys) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(EV.read_text("utf-8").replace("\nname: ", "\nname: A\nname: ", 1),
                    encoding="utf-8")
    assert_one_line_error(*run([command, str(path)], capsys), "key 'name' appears twice",
                          "line")


def test_a_json_design_with_a_bom_is_read(tmp_path, capsys) -> None:
    path = tmp_path / "ev.json"
    path.write_text(json.dumps(ev_data()), encoding="utf-8-sig")
    code, out, err = run(["evaluate", str(path), "--json"], capsys)
    assert code == 0, err
    plain = run(["evaluate", str(EV), "--json"], capsys)[1]
    assert json.loads(out) == json.loads(plain)


@pytest.mark.parametrize("command", ["evaluate", "simulate"])
@pytest.mark.parametrize("suffix, text", [(".yaml", "- a\n- b\n"), (".json", "[1, 2]")])
def test_a_design_file_that_holds_a_list_is_refused(command, suffix, text, tmp_path,
                                                     capsys) -> None:
    path = tmp_path / f"list{suffix}"
    path.write_text(text, encoding="utf-8")
    assert_one_line_error(*run([command, str(path)], capsys), "holds a list, not a mapping",
                          "cathode")


@pytest.mark.parametrize("command", ["evaluate", "simulate"])
@pytest.mark.parametrize("section, key, value, words", [
    ("cathode", "active_material", 811, ("cathode.active_material: 811", "not a number")),
    ("anode", "material", True, ("anode.material: True", "not true/false"))])
def test_a_material_id_of_the_wrong_type_is_named(command, section, key, value, words,
                                                  tmp_path, capsys) -> None:
    data = ev_data()
    data[section][key] = value
    path = tmp_path / "odd.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    code, out, err = run([command, str(path)], capsys)
    assert_one_line_error(code, out, err, *words, "a material id as text")
    assert "valid string" not in err and "instance of" not in err


def test_a_section_given_as_a_text_is_named(tmp_path, capsys) -> None:
    data = ev_data()
    data["architecture"] = "planar"
    path = tmp_path / "odd.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert_one_line_error(*run(["evaluate", str(path)], capsys),
                          "architecture: 'planar'", "a mapping of its fields", "kind")


def test_a_swept_material_id_of_the_wrong_type_is_a_row_reason(tmp_path, capsys) -> None:
    space = tmp_path / "space.yaml"
    space.write_text(yaml.safe_dump({"base": str(EV), "parameters": {
        "cathode.active_material": {"values": ["nmc811", 811]}}}), encoding="utf-8")
    code, out, err = run(["screen", str(space), "--json"], capsys)
    assert code == 0, err
    reasons = json.loads(out)["Infeasible reasons"]
    assert len(reasons) == 1
    reason = next(iter(reasons))
    assert "cathode.active_material: 811" in reason and "a material id as text" in reason
