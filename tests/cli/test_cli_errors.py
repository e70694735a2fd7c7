"""Bad input on the command line: exit code 2, one line on stderr that names the option and
the value, nothing on stdout and no file left behind; tables without nan; the same quantity
under the same JSON key in every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
POLYMER = EXAMPLES / "polymer-lfp-peo-li.yaml"


@pytest.mark.parametrize("args, words", [
    (["evaluate", str(EV), "--bogus"], ["--bogus", "solidcell evaluate --help"]),
    (["bogus"], ["'bogus'"]),
    (["materials", "list", "--bogus"], ["--bogus"]),
    (["evaluate", str(EV), "--polarisation", "abc"], ["--polarisation"]),
    (["evaluate"], ["design"]),
    (["app", "--port", "99999"], ["--port"]),
    (["dashboard", "--port", "99999"], ["--port"]),  # the name `app` prints, an alias
])
def test_parser_errors_are_one_line(args, words, capsys):
    """The parser's errors used to be a multi-line box; now one line like solidcell's own."""
    assert_one_line_error(*run(args, capsys), *words)


def test_no_arguments_print_the_help_once(capsys):
    code, out, _ = run([], capsys)
    assert code == 2
    assert out.count("Usage: solidcell") == 1


def test_dashboard_is_the_app_command_under_the_name_it_prints(capsys):
    # "solidcell dashboard on URL" is what `solidcell app` prints: the name was "No such
    # command" (QA 2026-12-06)
    code, out, err = run(["dashboard", "--help"], capsys)
    assert code == 0 and "solidcell app" in out and "--workspace" in out and err == ""
    code, out, _ = run(["--help"], capsys)
    assert code == 0 and "│ dashboard" not in out  # hidden: one entry in the list


def test_help_still_exits_zero(capsys):
    code, out, err = run(["capacity", "--help"], capsys)
    assert code == 0 and "Usage" in out and err == ""


@pytest.mark.parametrize("command", [["evaluate"], ["design", "check"], ["route"],
                                     ["interfaces"], ["simulate"]])
def test_design_of_another_suffix_is_refused(command, tmp_path, capsys):
    """A .txt design used to be read as YAML and evaluated."""
    path = tmp_path / "design.txt"
    path.write_text(EV.read_text("utf-8"), encoding="utf-8")
    assert_one_line_error(*run([*command, str(path)], capsys), "design.txt", ".yaml")


def test_design_folder_is_named_a_folder(tmp_path, capsys):
    assert_one_line_error(*run(["evaluate", str(tmp_path)], capsys), "is a folder")


def test_evaluate_table_shows_a_dash_not_nan(tmp_path, capsys):
    """A design without power (the polymer example with PEGDA, one conductivity value, for
    its PEO-LiTFSI, which has a measured 25-100 C series now): its power range printed as
    'nan - nan'."""
    design = tmp_path / "pegda.yaml"
    design.write_text(POLYMER.read_text("utf-8").replace("peo_litfsi", "pegda_xl"), "utf-8")
    code, out, _ = run(["evaluate", str(design)], capsys)
    assert code == 0
    row = next(line for line in out.splitlines() if "power range" in line)
    assert "nan" not in row and "-" in row


@pytest.mark.parametrize("example", [EV, EV.parent / "anode-free-nmc811-lpscl.yaml"])
def test_design_check_uses_the_areal_capacity_key_of_evaluate(example, capsys):
    """One key, one meaning: "Areal capacity" is the delivered capacity (after the first-cycle
    loss) in both commands; `design check` gave the cathode's capacity under the same key, 10 %
    more for the anode-free example (loss 0.1)."""
    code, out, _ = run(["design", "check", str(example), "--json"], capsys)
    assert code == 0
    checked = json.loads(out)
    code, out, _ = run(["evaluate", str(example), "--json"], capsys)
    assert code == 0
    evaluated = json.loads(out)
    key = "Areal capacity [A.h.m-2]"
    assert checked[key] == pytest.approx(evaluated[key], rel=1e-9)
    assert checked["Cathode areal capacity [A.h.m-2]"] * (1 - checked["First-cycle loss"]) \
        == pytest.approx(checked[key], rel=1e-12)
    assert not [k for k in checked if k.startswith("Areal capacity") and k != key]


@pytest.mark.parametrize("name", ["plot.txt", "plot"])
def test_window_plot_of_an_unknown_format_is_refused(name, tmp_path, capsys):
    """Used to end in a matplotlib traceback ('.txt') or write 'plot.png' instead of 'plot'."""
    target = tmp_path / name
    assert_one_line_error(*run(["window", "Li3PS4", "--plot", str(target)], capsys),
                          "--plot", name, ".png")
    assert list(tmp_path.iterdir()) == []


def test_window_plot_that_cannot_be_written_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert_one_line_error(*run(["window", "Li3PS4", "--plot", str(blocker / "w.png")],
                               capsys), "--plot")


def test_cost_tornado_without_suffix_writes_nothing(tmp_path, capsys):
    target = tmp_path / "tornado"
    assert_one_line_error(*run(["cost", str(EV), "--price", "vgcf=50", "--price",
                                "linbo3=100", "--tornado", str(target)], capsys),
                          "--tornado", ".png")
    assert list(tmp_path.iterdir()) == []


def test_ccd_plot_folder_is_refused(tmp_path, capsys):
    assert_one_line_error(*run(["ccd", "li6ps5cl", "--flaw-size", "5 um", "--asr",
                                "10 Ohm cm2", "--asr-pressure", "5 MPa", "--pressure",
                                "1 MPa", "--plot", str(tmp_path)], capsys), "is a folder")


def test_materials_add_broken_yaml_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [\n", encoding="utf-8")
    assert_one_line_error(*run(["materials", "add", str(bad), "--db",
                                str(tmp_path / "m.sqlite")], capsys), "bad.yaml", "YAML")


@pytest.mark.parametrize("name, text, words", [
    ("mat.txt", "id: x\n", ["mat.txt", ".yaml"]),
    ("bin.yaml", None, ["UTF-8"]),
])
def test_materials_add_refuses_other_files(name, text, words, tmp_path, capsys):
    path = tmp_path / name
    if text is None:
        path.write_bytes(b"\xff\xfe\x00bad")
    else:
        path.write_text(text, encoding="utf-8")
    assert_one_line_error(*run(["materials", "add", str(path), "--db",
                                str(tmp_path / "m.sqlite")], capsys), *words)


def test_materials_add_folder_is_named_a_folder(tmp_path, capsys):
    assert_one_line_error(*run(["materials", "add", str(tmp_path), "--db",
                                str(tmp_path / "m.sqlite")], capsys), "is a folder")


@pytest.mark.parametrize("extra, words", [
    (["--value", "1 mS/cm", "--temperature", "-400 degC"], ["--temperature", "-126.85 K"]),
    (["--value", "-1 mS/cm"], ["--value", "'-1 mS/cm'"]),
])
def test_materials_measure_names_the_option_not_a_dict(extra, words, tmp_path, capsys):
    """The store's message showed the whole record as a Python dict."""
    code, out, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                          "--source", "lab", *extra, "--db", str(tmp_path / "m.sqlite")],
                         capsys)
    assert_one_line_error(code, out, err, *words)
    assert "{" not in err


def test_progress_bars_go_to_stderr():
    from solidcell.cli._common import progress_bar

    assert progress_bar().console.stderr is True
