"""load_yaml parses with libyaml (yaml.CSafeLoader) when PyYAML has it, ten times faster than the
pure-Python SafeLoader on the curated files; the rules and the messages stay those of the
pure-Python strict loader (an error re-parses with it), and both give the same data."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from solidcell import textio
from solidcell.textio import load_yaml, yaml_problem

ROOT = Path(__file__).resolve().parent.parent
LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
needs_libyaml = pytest.mark.skipif(not LIBYAML, reason="PyYAML without libyaml")


def _repo_yaml_files() -> list[Path]:
    """Every YAML file of the repository (tracked or not ignored)."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                          "*.yaml", "*.yml"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.split()
    return sorted(ROOT / name for name in out if (ROOT / name).is_file())


def _pure(text: str):
    return yaml.load(text, Loader=textio._strict_yaml_loader())


def test_the_fast_loader_is_libyaml_where_pyyaml_has_it() -> None:
    fast = textio._fast_yaml_loader()
    if LIBYAML:
        assert fast is not None and issubclass(fast, yaml.CSafeLoader)
    else:
        assert fast is None


@needs_libyaml
def test_both_loaders_give_the_same_data_on_every_yaml_file_of_the_repo() -> None:
    files = _repo_yaml_files()
    assert len(files) >= 20  # curated data, examples, test data
    fast = textio._fast_yaml_loader()
    for path in files:
        text = path.read_text("utf-8")
        try:
            expected = _pure(text)
        except yaml.YAMLError:  # a file of a test that is meant to be refused
            with pytest.raises(yaml.YAMLError):
                yaml.load(text, Loader=fast)
            continue
        assert yaml.load(text, Loader=fast) == expected, path
        assert load_yaml(text) == expected, path


BROKEN = {
    "a: b: c\n": "mapping values are not allowed here",
    "a:\n\tb: 1\n": "found character '\\t' that cannot start any token",
    "a:\n  b: 1\n c: 2\n": "expected <block end>, but found '<block mapping start>'",
    "a: *x\n": "found undefined alias 'x'",
    'a: "abc\n': "found unexpected end of stream",
    "a: 1\n---\nb: 2\n": "but found another document",
    "a: \x07\n": "special characters are not allowed",
    "a: [1, 2\n": "expected ',' or ']', but got '<stream end>'",
}


@pytest.mark.parametrize("text", list(BROKEN))
def test_an_error_is_the_pure_python_loaders(text: str) -> None:
    """libyaml's messages are poorer (no snippet of the line, "found character that cannot
    start any token" without the tab, "found undefined alias" without its name): load_yaml
    raises the pure-Python loader's error, message, line and column included."""
    with pytest.raises(yaml.YAMLError) as pure:
        _pure(text)
    with pytest.raises(yaml.YAMLError) as got:
        load_yaml(text)
    assert type(got.value) is type(pure.value)
    assert yaml_problem(got.value) == yaml_problem(pure.value)
    assert BROKEN[text] in yaml_problem(got.value)
    assert "^" in str(got.value) or "position" in str(got.value)  # the snippet or the offset


@needs_libyaml
def test_the_fast_loader_refuses_a_key_given_twice_with_the_same_message() -> None:
    text = "cathode:\n  thickness: 80 um\n  porosity: 0.2\n  thickness: 800 um\n"
    with pytest.raises(yaml.YAMLError) as fast:
        yaml.load(text, Loader=textio._fast_yaml_loader())
    with pytest.raises(yaml.YAMLError) as got:
        load_yaml(text)
    message = ("key 'thickness' appears twice in one mapping (first on line 2, again on line "
               "4); give each key once (the first value would be lost)")
    assert yaml_problem(fast.value) == yaml_problem(got.value) == message
    # a merge key may still override, as with the pure-Python loader
    merged = "base: &b {x: 1}\nitem:\n  <<: *b\n  x: 2\n"
    assert load_yaml(merged) == _pure(merged) == {"base": {"x": 1}, "item": {"x": 2}}


@needs_libyaml
@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['true']",
                                 "!!python/object:collections.OrderedDict {}",
                                 "!!python/name:os.system", "!!python/tuple [1, 2]"])
def test_no_python_objects(tag: str, tmp_path: Path) -> None:
    """The safe-loading guarantee holds on both loaders: a Python tag is refused, never built."""
    with pytest.raises(yaml.constructor.ConstructorError) as fast:
        yaml.load(f"a: {tag}\n", Loader=textio._fast_yaml_loader())
    with pytest.raises(yaml.constructor.ConstructorError) as got:
        load_yaml(f"a: {tag}\n")
    assert "could not determine a constructor for the tag" in yaml_problem(fast.value)
    with pytest.raises(yaml.constructor.ConstructorError) as pure:
        _pure(f"a: {tag}\n")
    assert yaml_problem(got.value) == yaml_problem(pure.value)
    marker = tmp_path / "called"
    with pytest.raises(yaml.constructor.ConstructorError):
        load_yaml(f"!!python/object/apply:pathlib.Path.touch [!!python/object/apply:"
                  f"pathlib.Path ['{marker}']]\n")
    assert not marker.exists()
