"""load_yaml gives the data of the pure-Python strict loader (the reference: the documented
rules) on every text, also where libyaml alone would read it otherwise: a tab after ':' or in a
flow sequence, a '\\ufeff' after the start, an empty '!' tag, a block-scalar header followed by
'#'. Found by comparing the two loaders on generated texts; before the fix ``load_yaml('a:\\tb')``
gave ``{'a': 'b'}`` where the reference refuses the tab."""

from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidcell import textio
from solidcell.textio import load_yaml

LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))


def _outcome(load, text: str) -> tuple[str, str]:
    """('ok', repr of the data) or ('error', class name) of one loader; repr so that NaN equals
    NaN."""
    try:
        return "ok", repr(load(text))
    except Exception as exc:  # the two loaders must fail alike too
        return "error", type(exc).__name__


def _reference(text: str):
    return yaml.load(text, Loader=textio._strict_yaml_loader())


@pytest.mark.parametrize("text", [
    "a:\tb", "a: \t1", "a: [1,\t2]", "e\t",             # libyaml reads the tab, PyYAML refuses it
    "a: |6#\n", "a: >#\n",                           # header then '#': libyaml '', PyYAML refuses
])
def test_texts_the_reference_refuses_are_refused(text: str) -> None:
    with pytest.raises(yaml.YAMLError):
        _reference(text)
    with pytest.raises(yaml.YAMLError):
        load_yaml(text)


@pytest.mark.parametrize(("text", "data"), [
    ("\n\ufeffx: 1", {"\ufeffx": 1}),      # libyaml drops a '\ufeff' that is not the first char
    ("\ufeff\ufeffx", "\ufeffx"),          # one leading BOM is dropped by both, the second kept
    ("a: !\n", {"a": None}),                # empty non-specific tag: libyaml ''
    ("\n!", None),
])
def test_data_is_the_reference_data(text: str, data) -> None:
    assert _reference(text) == data
    assert load_yaml(text) == data


def test_plain_texts_still_go_to_libyaml() -> None:
    """The fallback is narrow: a text without tabs, BOM, tags or '#' after a block header is read
    by the C loader (the speed-up stays)."""
    assert textio._C_MAY_DIFFER.search("a: 1e3\nb: [1, 2]\nc: >\n  x > 5 # y\n") is None
    assert textio._C_MAY_DIFFER.search("a: !!str 1") is not None


_TOKENS = [*"ab:- \n\t'\"[]{},#&*!|>?%@`~.0123456789eEoxX+_\\",
    "\r\n", "\r", "\x85", "\u2028", "\u2029", "\ufeff", "\u00e9", "\u00a0", "\u3000", "\U0001F600",
    "<<", "<<: *x", "&x ", "*x", "yes", "no", "on", "Off", "~", "Null", "1e3", "1.0e+3", ".inf",
    "-.Inf", ".NaN", "0o17", "017", "0x1F", "0b101", "1_000", "1:30", "2001-12-14",
    "2001-12-14 21:59:43.10 -5", "2001-12-14t21:59:43.10-05:00", "!!str ", "!!float ", "! ",
    "\n  ", "\n- ", ": ", "? ", "---", "...", "%YAML 1.1\n", "|-\n  ", ">+\n ", "|2#",
    "\"\\x41\"", "\"\\u0085\"", "\"\\L\"", "\"\\N\"", "\"\\_\"", "'it''s'", "x" * 300,
    # YAML 1.1 numbers load_yaml refuses (tests/test_textio_yaml11_numbers.py) and their neighbours
    "5:00", "1:30.5", "190:20:30", "0x12C", "+0x1F", "-017", "00", "0b1_0", "3_00", "1_0.5",
    ".5_0", "+12", "-0", "01.5", "!!int 0x12C", "!!float 1_0.5",
]


@st.composite
def _documents(draw) -> str:
    """Nested mappings and lists of scalars from _TOKENS, in block or flow style, or raw token
    soup (which reaches the scanner's corners)."""
    if draw(st.booleans()):
        return "".join(draw(st.lists(st.sampled_from(_TOKENS), max_size=30)))
    scalar = st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=4).map("".join)
    tree = st.recursive(scalar, lambda kids: st.lists(kids, max_size=3)
                        | st.dictionaries(scalar, kids, max_size=3), max_leaves=8)
    node = draw(tree)
    newline = draw(st.sampled_from(["\n", "\r\n"]))

    def block(n, indent: str) -> str:
        if isinstance(n, dict):
            return "".join(f"{indent}{k}:{newline}{block(v, indent + '  ')}" for k, v in n.items())
        if isinstance(n, list):
            return "".join(f"{indent}-{newline}{block(v, indent + '  ')}" for v in n)
        return f"{indent}{n}{newline}"

    return block(node, "") if draw(st.booleans()) else repr(node).replace("'", "")


@pytest.mark.skipif(not LIBYAML, reason="PyYAML without libyaml: load_yaml is the reference")
@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(_documents())
def test_load_yaml_gives_the_reference_on_generated_texts(text: str) -> None:
    """The quick suite's share of the comparison: 500 texts of the same strategy (each of its
    branches: token soup, block and flow trees); the deliberate 4000 run in the slow twin
    below (``make test-slow``), since they took most of this file's time (H325)."""
    assert _outcome(load_yaml, text) == _outcome(_reference, text)


@pytest.mark.slow
@pytest.mark.skipif(not LIBYAML, reason="PyYAML without libyaml: load_yaml is the reference")
@settings(max_examples=4000, deadline=None, suppress_health_check=list(HealthCheck))
@given(_documents())
def test_load_yaml_gives_the_reference_on_4000_generated_texts(text: str) -> None:
    """The comparison at its deliberate count: 4000 generated texts (the run that found the
    tab, BOM, empty-tag and block-header differences)."""
    assert _outcome(load_yaml, text) == _outcome(_reference, text)


@pytest.mark.skipif(not LIBYAML, reason="PyYAML without libyaml: load_yaml is the reference")
@pytest.mark.parametrize("text", ["t: 5:00", "[0x12C, 1]", "{017: a}", "a:\n- 1_0.5\n",
                                  "a: &x 3_00\nb: *x\n"])
def test_a_yaml11_number_is_refused_by_libyaml_too(text: str) -> None:
    """The refusal is in the resolver and constructor both loaders share: libyaml alone refuses
    it (load_yaml then raises the pure-Python loader's error, the same message)."""
    with pytest.raises(yaml.YAMLError, match=r"is read by YAML 1\.1 as"):
        yaml.load(text, Loader=textio._fast_yaml_loader())
    assert _outcome(load_yaml, text) == _outcome(_reference, text) == ("error",
                                                                       "ConstructorError")


def test_nan_and_inf_are_read_alike() -> None:
    data = load_yaml("a: .nan\nb: -.inf\n")
    assert math.isnan(data["a"]) and data["b"] == -math.inf


@pytest.mark.parametrize("text", ["[a?]", "{a?: 1}", "x: [a, [b], c?]", "u: {s: http://x?y=1}"])
def test_a_question_mark_in_a_flow_plain_scalar_is_refused_as_by_the_reference(text: str) -> None:
    """PyYAML's scanner ends a plain scalar at '?' in a flow collection and refuses the rest;
    libyaml read ``[a?]`` as ``['a?']``."""
    with pytest.raises(yaml.YAMLError):
        _reference(text)
    with pytest.raises(yaml.YAMLError):
        load_yaml(text)


def test_a_question_mark_in_a_block_or_quoted_scalar_is_read() -> None:
    text = "u: http://x?y=1\nv: ['a?', \"b?\"]\nw: [?a]\n"
    assert load_yaml(text) == _reference(text) == {"u": "http://x?y=1", "v": ["a?", "b?"],
                                                   "w": [{"a": None}]}


@pytest.mark.parametrize(("text", "line"), [
    ("a: 1\nb: 2001-02-30\n", 2),          # a date-like plain scalar that is no date
    ("a: !!float\n", 1), ("a: [1, !!int x]\n", 1), ("a: 1\nb: !!bool x\n", 2),
    ("a: !!timestamp x\n", 1), ("a: !!map [1]\n", 1),
])
def test_a_scalar_that_cannot_be_read_is_a_yaml_error_naming_its_line(text: str, line: int) -> None:
    """Before: ValueError, IndexError, KeyError, AttributeError or TypeError without a line
    (``solidcell evaluate`` on a design with ``name: 2001-02-30`` ended in a traceback)."""
    with pytest.raises(yaml.YAMLError) as info:
        load_yaml(text)
    assert info.value.problem_mark.line + 1 == line
    assert "cannot read" in str(info.value)


def test_a_design_with_a_date_that_is_no_date_names_the_file(tmp_path) -> None:
    from solidcell.cell.design import CellDesign
    from solidcell.errors import ValidationError

    file = tmp_path / "d.yaml"
    file.write_text("name: 2001-02-30\n", "utf-8")
    with pytest.raises(ValidationError) as info:
        CellDesign.from_yaml(file)
    assert "d.yaml" in str(info.value) and "line 1" in str(info.value)
