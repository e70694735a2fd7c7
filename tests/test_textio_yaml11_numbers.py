"""load_yaml refuses the plain scalars YAML 1.1 (PyYAML's safe loader) reads as numbers that a
reader does not take for numbers: sexagesimal ``5:00`` (300), hexadecimal ``0x12C`` (300), octal
``017`` (15), binary ``0b101`` (5), and numbers with underscores ``3_00`` (300), ``1_0.5`` (10.5).

Before: a design with ``temperature: 5:00`` was evaluated at 300 K without a word. Kept as
PyYAML reads them: plain decimal numbers (``+12``, ``01.5``, ``1.0e+3``), ``.inf``/``.nan``
(refused by the fields that need a finite number), booleans (``yes``/``no``/``on``/``off``: the
process files take booleans, e.g. ``needs_substrate``), dates, and any quoted or explicitly tagged
scalar (``'5:00'``, ``!!int 0x12C``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from solidcell import textio
from solidcell.textio import load_yaml, yaml_problem

ROOT = Path(__file__).resolve().parent.parent


def _pure(text: str):
    return yaml.load(text, Loader=textio._strict_yaml_loader())


@pytest.mark.parametrize(("scalar", "number", "kind"), [
    ("5:00", 300, "sexagesimal (base 60) number 300"),           # 5*60 + 0
    ("1:30.5", 90.5, "sexagesimal (base 60) number 90.5"),       # 60 + 30.5
    ("0x12C", 300, "hexadecimal number 300"),                    # 1*256 + 2*16 + 12
    ("+0x1F", 31, "hexadecimal number 31"),
    ("017", 15, "octal number 15 (not 17)"),                     # 1*8 + 7
    ("-017", -15, "octal number -15 (not -17)"),
    ("0b101", 5, "binary number 5"),
    ("3_00", 300, "number 300 (the underscores are dropped)"),
    ("1_0.5", 10.5, "number 10.5 (the underscores are dropped)"),
    (".5_0", 0.5, "number 0.5 (the underscores are dropped)"),
])
def test_a_yaml11_number_is_refused_naming_line_text_and_what_to_write(
        scalar: str, number: float, kind: str) -> None:
    assert yaml.safe_load(f"x: {scalar}")["x"] == number  # what the old reader kept
    text = f"name: cell\ntemperature_K: {scalar}\n"
    with pytest.raises(yaml.YAMLError) as got:
        load_yaml(text)
    with pytest.raises(yaml.YAMLError) as pure:
        _pure(text)
    message = (f"line 2: {scalar!r} is read by YAML 1.1 as the {kind}; write {number} if that "
               f"number is meant, or quote it ('{scalar}') if it is text")
    assert yaml_problem(got.value) == yaml_problem(pure.value) == message
    assert got.value.problem_mark.line == 1


@pytest.mark.parametrize("text", ["[1, 5:00]", "{0x1F: a}", "a:\n  - b: 3_00\n", "5:00"])
def test_refused_in_flow_collections_keys_and_alone(text: str) -> None:
    with pytest.raises(yaml.YAMLError, match=r"is read by YAML 1\.1 as"):
        load_yaml(text)


@pytest.mark.parametrize("scalar", [
    "0", "-0", "+12", "12", "-3.5", "01.5", "0.5", ".5", "1.0e+3", "1e3", "0o17", "_1", "1,000",
    "'5:00'", '"0x12C"', "!!int 0x12C", "!!float 1_0.5", "!!str 017", "yes", "no", "on", "Off",
    "2001-02-03", "12:30 h", "5:00 min", "80 um",
])
def test_other_scalars_are_read_as_pyyaml_reads_them(scalar: str) -> None:
    text = f"x: {scalar}\n"
    assert repr(load_yaml(text)) == repr(_pure(text)) == repr(yaml.safe_load(text))


def test_inf_and_nan_are_kept() -> None:
    data = load_yaml("a: .inf\nb: -.Inf\nc: .NaN\n")
    assert data["a"] == data["b"] * -1 == float("inf") and data["c"] != data["c"]


def _is_trap(scalar: str) -> bool:
    """The rule, from what yaml.safe_load makes of the plain scalar: an int or float whose text
    has '_' or ':', or an int whose text (less the sign) starts with 0 and is not '0'."""
    value = yaml.safe_load(f"x: {scalar}")["x"]
    if type(value) not in (int, float):
        return False
    digits = scalar.lstrip("+-")
    return "_" in scalar or ":" in scalar or (type(value) is int and digits[0] == "0"
                                              and digits != "0")


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="0123456789+-._:xXbBeEoaf", min_size=1, max_size=8))
# found by a random seed: yaml.safe_load('x: 0b_') raises ValueError (int('', 2)), no YAMLError
@example(s="0b_")
def test_refused_exactly_when_yaml11_reads_a_number_that_does_not_look_like_one(s: str) -> None:
    try:
        yaml.safe_load(f"x: {s}")
    except yaml.YAMLError:
        return  # not a scalar at all (e.g. '-' starts a sequence)
    except ValueError:  # PyYAML's own crash on '0b_', '0x_': ours says it as a YAML error
        with pytest.raises(yaml.YAMLError, match="cannot read"):
            load_yaml(f"x: {s}\n")
        return
    text = f"x: {s}\n"
    try:
        got = load_yaml(text)
    except yaml.YAMLError as exc:
        assert _is_trap(s), s
        assert "is read by YAML 1.1 as" in yaml_problem(exc)
        with pytest.raises(yaml.YAMLError):
            _pure(text)
    else:
        assert not _is_trap(s), s
        assert repr(got) == repr(_pure(text)) == repr(yaml.safe_load(text))


def test_every_yaml_file_of_the_repo_still_loads_as_before() -> None:
    """The curated data, the examples and the test data hold none of these numbers (and only the
    booleans ``true``): each loads as yaml.safe_load read it."""
    names = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                            "*.yaml", "*.yml"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    files = [ROOT / n for n in names if (ROOT / n).is_file()]
    assert len(files) >= 20
    for path in files:
        text = path.read_text("utf-8")
        try:
            expected = repr(yaml.safe_load(text))
        except yaml.YAMLError:
            continue
        assert repr(load_yaml(text)) == expected, path


def test_a_design_at_5_00_names_the_file_and_the_line(tmp_path: Path) -> None:
    """Before: ``temperature: 5:00`` was evaluated at 300 K."""
    from solidcell.cell.design import CellDesign
    from solidcell.errors import ValidationError

    example = (ROOT / "examples" / "ev-nmc811-lpscl-li.yaml").read_text("utf-8")
    assert "\ntemperature: 25 degC\n" in example
    lines = example.split("\n")
    line = lines.index("temperature: 25 degC") + 1
    file = tmp_path / "d.yaml"
    file.write_text(example.replace("\ntemperature: 25 degC\n", "\ntemperature: 5:00\n"), "utf-8")
    with pytest.raises(ValidationError) as info:
        CellDesign.from_yaml(file)
    message = str(info.value)
    assert "d.yaml" in message and f"line {line}: '5:00'" in message and "write 300" in message
