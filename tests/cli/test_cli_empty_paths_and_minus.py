"""Two rules for every parameter of the command line (``solidcell.cli._common.guard_values``),
checked on every parameter collected from the Typer app, so that one added later is covered:

* an empty or blank path (``''``, ``'   '``) is refused as empty, naming the parameter. A
  ``pathlib.Path`` of ``''`` is ``'.'``: ``solidcell evaluate ''`` said "'.' is a folder";
* an int or float option reads the minus sign papers print (U+2212, ``--focusing −2``) as
  ``-``, as ``solidcell.units.parse`` reads it in a quantity: the parser said "unable to
  parse string as a number"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer

from clirun import assert_one_line_error, run
from solidcell.cli import app
from solidcell.cli._common import _click_exceptions, _is_path

MINUS = "\u2212"


def _params() -> list[tuple[list[str], Any, Any]]:
    """(command words, click command, parameter) of every parameter of every command."""
    found: list[tuple[list[str], Any, Any]] = []

    def walk(command: Any, words: list[str]) -> None:
        for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
            walk(sub, [*words, name])
        for param in getattr(command, "params", None) or []:
            found.append((words, command, param))

    walk(typer.main.get_command(app), [])
    return found


def _annotation(param: Any) -> Any:
    return getattr(getattr(param, "type_descriptor", None), "annotation", None)


def _name(param: Any) -> str:
    return max(param.opts, key=len) if param.param_type_name == "option" else param.name


def _path_cases() -> list[tuple[list[str], list[str], str]]:
    """(command words, what comes before the empty value, name of the parameter) for every path
    parameter: the option itself, or placeholders for the arguments before it (a path is not
    read while the command line is parsed)."""
    cases = []
    for words, command, param in _params():
        if not _is_path(_annotation(param)):
            continue
        if param.param_type_name == "option":
            cases.append((words, [_name(param)], _name(param)))
            continue
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        before = ["1" if _annotation(p) is int else "x" for p in arguments[:arguments.index(param)]]
        cases.append((words, before, _name(param)))
    return cases


PATH_CASES = _path_cases()


def test_the_path_parameters_are_collected() -> None:
    """The collection finds the path parameters (not a vacuous list): a design argument, an
    argument of several designs, a second argument, an output folder, the plot files."""
    names = {(" ".join(words), name) for words, _, name in PATH_CASES}
    assert {("evaluate", "design"), ("compare", "designs"), ("crossover", "three_d"),
            ("report", "--out"), ("screen", "--plot"), ("window", "--plot"),
            ("cost", "--tornado"), ("route", "--processes"), ("md", "structure"),
            ("materials add", "file"), ("design check", "design"),
            ("rate-capability", "designs"), ("interfaces", "design_file")} <= names
    assert len(PATH_CASES) >= 30, sorted(names)


@pytest.mark.parametrize("blank", ["", "   "])
@pytest.mark.parametrize(("words", "before", "name"), PATH_CASES,
                         ids=[" ".join([*w, n]) for w, _, n in PATH_CASES])
def test_an_empty_path_is_refused_as_empty(words: list[str], before: list[str], name: str,
                                           blank: str, capsys) -> None:
    assert_one_line_error(*run([*words, *before, blank], capsys),
                          f"{name}: {blank!r} is empty; allowed: the path of a",
                          f"(see 'solidcell {' '.join(words)} --help')")


@pytest.mark.parametrize(("argv", "kind"), [
    (["report", "x", "--out"], "folder"), (["demo", "--out"], "folder"),
    (["app", "--workspace"], "folder"), (["evaluate", "x", "--report"], "folder"),
    (["evaluate"], "file"), (["demo", "--design"], "file"), (["train", "--out"], "file"),
    (["screen", "x", "--csv"], "file"),
])
def test_the_refusal_says_whether_a_file_or_a_folder_is_wanted(argv: list[str], kind: str,
                                                               capsys) -> None:
    assert_one_line_error(*run([*argv, ""], capsys), f"allowed: the path of a {kind} ")


def test_a_path_given_is_still_read(repo_root: Path, capsys) -> None:
    """The rule sees only blank text: a design file is read as before."""
    design = str(repo_root / "examples" / "ev-nmc811-lpscl-li.yaml")
    code, out, err = run(["evaluate", design, "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)


#: names under which the commands take a path; each such parameter must be typed as a Path,
#: so that the rule applies to it (a str parameter of a path read '' as itself, and each
#: command refused it, or not, in its own way)
PATH_NAMES = {"design", "designs", "design_file", "planar", "three_d", "structure", "space",
              "file", "plot", "csv", "out", "report", "tornado", "processes", "examples",
              "workspace"}


def test_every_parameter_named_as_a_path_is_typed_as_a_path() -> None:
    untyped = [(" ".join(words), _name(p)) for words, _, p in _params()
               if p.name in PATH_NAMES and not _is_path(_annotation(p))]
    assert untyped == []


NUMBER_PARAMS = [(words, param) for words, _, param in _params()
                 if _annotation(param) in (int, float)]


def _outcome(command: Any, param: Any, text: str) -> tuple[str, Any]:
    """What the parser makes of ``text`` for ``param``: its number, or its refusal (with the
    text shown as '#', so that a refusal of '−2' and of '-2' compare equal)."""
    ctx = typer.Context(command)
    try:
        return "read", param.process_value(ctx, text)
    except _click_exceptions().BadParameter as exc:
        return "refused", exc.format_message().replace(text, "#")


def test_the_number_parameters_are_collected() -> None:
    names = {(" ".join(w), _name(p)) for w, p in NUMBER_PARAMS}
    assert {("ccd", "--focusing"), ("app", "--port"), ("crossover", "--c-rate"),
            ("materials delete-measurement", "measurement_id")} <= names
    assert len(NUMBER_PARAMS) >= 12, names


@pytest.mark.parametrize("number", ["2", "1.5", "1e3", "0"])
@pytest.mark.parametrize(("words", "param"), NUMBER_PARAMS,
                         ids=[" ".join([*w, _name(p)]) for w, p in NUMBER_PARAMS])
def test_a_typeset_minus_reads_as_a_minus(words: list[str], param: Any, number: str) -> None:
    """'−2' (U+2212) is what '-2' is to every int and float parameter: the same number, or
    the same refusal (a range); so is an exponent '1e−3'."""
    command = typer.main.get_command(app)
    for word in words:
        command = command.commands[word]
    assert _outcome(command, param, MINUS + number) == _outcome(command, param, "-" + number)
    if _annotation(param) is float:
        assert _outcome(command, param, f"2e{MINUS}{number}") \
            == _outcome(command, param, f"2e-{number}")


def test_ccd_focusing_with_a_typeset_minus_is_refused_as_typed(capsys) -> None:
    """It was "'−2' is not allowed; must be a valid number, unable to parse string as a
    number"; now the focusing rule refuses it, showing the text as typed."""
    assert_one_line_error(*run(["ccd", "li6ps5cl", "--flaw-size", "5 um",
                                f"--focusing={MINUS}2"], capsys),
                          f"--focusing: '{MINUS}2' is not allowed", "a focusing factor >= 1")


def test_a_typeset_minus_in_an_exponent_gives_the_same_answer(capsys) -> None:
    base = ["ccd", "li6ps5cl", "--flaw-size", "5 um", "--json"]
    code, typeset, err = run([*base, f"--focusing=2e{MINUS}0"], capsys)
    assert code == 0, err
    code, plain, err = run([*base, "--focusing=2"], capsys)
    assert code == 0, err
    assert json.loads(typeset) == json.loads(plain)


def test_other_dashes_are_still_refused_by_the_parser(capsys) -> None:
    """Only U+2212 is a minus: an en dash before a number is no sign (a range, or a typo)."""
    code, out, err = run(["ccd", "li6ps5cl", "--flaw-size", "5 um", "--focusing=\u20132"],
                         capsys)
    assert_one_line_error(code, out, err, "'--focusing'", "'\u20132' is not allowed")


def test_a_plain_number_option_with_a_typeset_minus_is_a_plain_number(repo_root: Path,
                                                                      capsys) -> None:
    """``--polarisation`` takes a plain number in V (docs/cell.md): with U+2212 it was "has no
    unit; give one", where ``-0.1`` is refused by the engine's rule; now both alike."""
    design = str(repo_root / "examples" / "ev-nmc811-lpscl-li.yaml")
    assert_one_line_error(*run(["evaluate", design, f"--polarisation={MINUS}0.1"], capsys),
                          "--polarisation:", "must be > 0")
    code, typeset, err = run(["evaluate", design, f"--polarisation=2e{MINUS}1", "--json"],
                             capsys)
    assert code == 0, err
    code, plain, err = run(["evaluate", design, "--polarisation=0.2", "--json"], capsys)
    assert code == 0, err
    assert json.loads(typeset) == json.loads(plain)
