"""solidcell.textio: the strict JSON/YAML readers every file a user hands in goes through.

Before: ``json.loads`` and ``yaml.safe_load`` kept the last of two equal keys without a word
(``{"thickness_m": 8e-5, "thickness_m": 8e-4}`` read as 8e-4), and json.loads read ``NaN``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from solidcell import textio
from solidcell.materials import store


def test_json_key_twice_names_the_key_and_both_lines() -> None:
    text = ('{\n  "cathode": {"thickness_m": 8e-5,\n    "porosity": 0.05,\n'
            '    "thickness_m": 8e-4}\n}')
    assert json.loads(text)["cathode"]["thickness_m"] == 8e-4  # what the old reader kept
    with pytest.raises(ValueError, match=r"key 'thickness_m' appears twice in one object "
                       r"\(first on line 2, again on line 4\)"):
        textio.load_json(text)


def test_json_same_key_in_different_objects_is_fine_and_nested_twice_is_found() -> None:
    ok = '[{"a": 1, "b": {"a": 2}}, {"a": 3}]'
    assert textio.load_json(ok) == json.loads(ok)
    nested = '{"a": {"x": 1},\n "b": [1, {"y": 1,\n "y": "]{\\"y\\": 2}"}]}'
    with pytest.raises(ValueError, match=r"key 'y' .*first on line 2, again on line 3"):
        textio.load_json(nested)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_refused(constant: str) -> None:
    with pytest.raises(ValueError, match="not a JSON number"):
        textio.load_json(f'{{"porosity": {constant}}}')


def test_yaml_key_twice_names_both_lines_and_stays_safe() -> None:
    text = "cathode:\n  thickness: 80 um\n  porosity: 0.05\n  thickness: 800 um\n"
    assert yaml.safe_load(text)["cathode"]["thickness"] == "800 um"  # the old reader
    with pytest.raises(yaml.YAMLError, match=r"key 'thickness' appears twice in one mapping "
                       r"\(first on line 2, again on line 4\)") as info:
        textio.load_yaml(text)
    assert "<unicode string>" not in textio.yaml_problem(info.value)
    with pytest.raises(yaml.YAMLError):
        textio.load_yaml("!!python/object/apply:os.system ['echo hi']")


def test_the_store_keeps_the_names_of_its_callers() -> None:
    assert store.load_json is textio.load_json and store.load_yaml is textio.load_yaml


def test_import_solidcell_loads_neither_reader_nor_yaml() -> None:
    code = ("import sys, solidcell; print(sorted(m for m in ('yaml', 'solidcell.textio') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYBAMM_DISABLE_TELEMETRY": "true", "PATH": ""})
    assert out.stdout.strip() == "[]"


def test_cite_refuses_a_result_file_with_sources_twice(tmp_path, capsys) -> None:
    from clirun import assert_one_line_error, run

    path = tmp_path / "result.json"
    path.write_text('{"sources": ["chen2020"],\n "sources": ["ai2019"]}', "utf-8")
    code, out, err = run(["cite", str(path)], capsys)
    assert_one_line_error(code, out, err, "result.json", "'sources' appears twice",
                          "first on line 1, again on line 2")
