"""``solidcell route``, ``processes`` and ``plan_routes`` as a new user meets them: layer
stacks with odd thickness and material texts (U+2212 minus, NaN, huge and tiny numbers,
furlongs, the micro sign and the Greek mu, no-break spaces, upper case), files that are not
designs (empty, a list, a text, a folder, a README), and an empty path. Property: a plan (exit
0, or 1 with the reason when no route exists) or exit code 2 with one ``error:`` line naming
the field; never a traceback. Found by it: an empty path was quoted as '.' ("'.' is a
folder"), a folder or README given to ``plan_routes`` as a Path was read as text ("cannot be
read as UTF-8 text: Is a directory") or as YAML, and a negative thickness printed as
-4.9999999999999996e-06 m."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mfg_stacks import sulfide_stack

from clirun import assert_one_line_error, run
from solidcell import plan_routes
from solidcell.errors import ValidationError

EXAMPLE = "examples/ev-nmc811-lpscl-li.yaml"

THICKNESS = st.builds(
    lambda n, s, u: f"{n}{s}{u}",
    st.sampled_from(["30", "0", "-5", "\u22125", "1e400", "1e-30", "nan", "inf", "", "1,5",
                     "0.5", "40-150"]),
    st.sampled_from([" ", "", "\u00a0"]),
    st.sampled_from(["um", "\u00b5m", "\u03bcm", "m", "km", "furlongs", "MPa", ""]))
MATERIAL = st.sampled_from(["li6ps5cl", "LI6PS5CL", "Li6PS5Cl", "", " ", "li6ps5cl\u00a0",
                            "xx", "nmc811", "\u00b5"])


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(thickness=THICKNESS, material=MATERIAL)
def test_route_of_an_odd_separator_layer_answers_or_names_the_field(
        thickness: str, material: str, tmp_path_factory, capsys) -> None:
    stack = sulfide_stack()
    stack["layers"][2].update(thickness=thickness, material=material)
    path = tmp_path_factory.mktemp("stack") / "stack.yaml"
    path.write_text(yaml.safe_dump(stack, allow_unicode=True), encoding="utf-8")
    code, out, err = run(["route", str(path), "--json"], capsys)
    assert "Traceback" not in out + err
    if code in (0, 1):  # a plan; without a route it says why
        plan = json.loads(out)
        assert plan["Feasible"] is (code == 0)
        return
    assert_one_line_error(code, out, err)
    assert "layers[2]" in err or "'separator'" in err, err


@pytest.mark.parametrize(("content", "words"), [
    ("", "the file is empty"),
    ("- a\n- b\n", "holds a list, not a mapping"),
    ("just text\n", "holds a text, not a mapping"),
    ("a: [\n", "is not valid YAML: "),
    ("layers: 5\n", "layers: 5 is not allowed"),
    ("layers: []\n", "layers: [] is not allowed"),
])
def test_route_of_a_file_that_is_no_design_names_it(content: str, words: str, tmp_path: Path,
                                                      capsys) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(content, encoding="utf-8")
    assert_one_line_error(*run(["route", str(path)], capsys), words)


@pytest.mark.parametrize(("command", "name"), [(["route", ""], "design"),
                                              (["route", " "], "design"),
                                              (["interfaces", ""], "design_file"),
                                              (["cost", ""], "design")])
def test_an_empty_design_path_is_refused_as_empty(command: list[str], name: str,
                                                  capsys) -> None:
    """'' was refused as "'.' is not allowed; is a folder" (a Path of '' is '.'); the rule of
    every path parameter (tests/cli/test_cli_empty_paths_and_minus.py)."""
    assert_one_line_error(*run(command, capsys), f"{name}: {command[1]!r} is empty; allowed: "
                          "the path of a file")


@pytest.mark.parametrize("command", [["processes", "--processes", ""],
                                     ["route", EXAMPLE, "--processes", ""]])
def test_an_empty_processes_path_is_quoted_as_typed(command: list[str], capsys) -> None:
    assert_one_line_error(*run(command, capsys), "--processes: '' is empty")


def test_route_refuses_a_folder_and_a_missing_file(tmp_path: Path, capsys) -> None:
    assert_one_line_error(*run(["route", str(tmp_path)], capsys), "is a folder")
    assert_one_line_error(*run(["route", str(tmp_path / "no.yaml")], capsys),
                          "must be an existing YAML or JSON file")
    assert_one_line_error(*run(["route", EXAMPLE, "--processes", str(tmp_path)], capsys),
                          "--processes", "an existing YAML file")


@pytest.mark.parametrize(("design", "allowed"), [
    (Path("tests"), "is a folder"),
    ("tests", "is a folder"),
    (Path("README.md"), "a YAML or JSON file (ending in"),
    ("README.md", "a YAML or JSON file (ending in"),
    (Path("no-such-design.yaml"), "must be an existing YAML or JSON file"),
    ("", "is empty"),
])
def test_plan_routes_refuses_a_path_that_is_no_design_file(design: object,
                                                           allowed: str) -> None:
    """A folder given as a Path was 'cannot be read as UTF-8 text: Is a directory', as a str
    'the YAML text holds a text'; a README was read as YAML."""
    with pytest.raises(ValidationError) as info:
        plan_routes(design)
    assert info.value.field == "design"
    assert allowed in str(info.value)


def test_plan_routes_still_reads_a_design_file_and_yaml_text() -> None:
    assert plan_routes(Path(EXAMPLE)).feasible
    assert plan_routes(EXAMPLE).feasible
    text = yaml.safe_dump(sulfide_stack())
    assert plan_routes(yaml.safe_load(text)).feasible


def test_a_negative_thickness_is_printed_as_typed_would_read() -> None:
    stack = sulfide_stack()
    stack["layers"][2]["thickness"] = "\u22125 um"
    with pytest.raises(ValidationError) as info:
        plan_routes(stack)
    assert info.value.field == "layers[2].thickness"
    assert "-5e-06 m must be a finite positive length" in str(info.value)


def test_an_empty_tornado_path_is_refused_as_empty(capsys) -> None:
    """--tornado '' was refused as "'.' is a folder"."""
    assert_one_line_error(*run(["cost", EXAMPLE, "--tornado", ""], capsys),
                          "--tornado: '' is empty")
