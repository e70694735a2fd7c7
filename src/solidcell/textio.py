"""Strict readers of the JSON and YAML text a user hands in (designs, materials, result files).

``json.loads`` and ``yaml.safe_load`` keep the last of two equal keys in one object/mapping
without a word (``unit: g/cm3`` ... ``unit: kg/m3`` stored a density 1000 times too small;
``thickness_m`` given twice in a design kept the second). Here such a key is refused, naming
the key and the lines of both; JSON's non-standard ``NaN``/``Infinity`` are refused; YAML keeps
``yaml.SafeLoader`` rules (no Python objects), parsed by libyaml when PyYAML has it (an error is
reported by the pure-Python loader). ``json`` and ``yaml`` are imported when used, so that
``import solidcell`` stays light.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


class _KeyTwice(ValueError):
    """Raised inside :func:`load_json` by the object hook; carries the key."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` of :func:`load_json`: a key given twice in one object is refused."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _KeyTwice(key)
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    """``parse_constant`` of :func:`load_json`: NaN and Infinity are not JSON numbers."""
    raise ValueError(f"{name} is not a JSON number; give a finite number")


def _json_key_lines(text: str) -> tuple[str, int, int] | None:
    """(key, first line, second line) of the first key given twice in one object of the valid
    JSON ``text`` (lines from 1), in document order; None when there is none. Only run on the
    error path (pure Python)."""
    from json.decoder import scanstring

    stack: list[dict[str, int] | None] = []  # one per open object (keys -> line) or array
    line, i, n = 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            s, end = scanstring(text, i + 1)
            j = end
            while j < n and text[j] in " \t\r\n":
                j += 1
            top = stack[-1] if stack else None
            if j < n and text[j] == ":" and top is not None:
                if s in top:
                    return s, top[s], line
                top[s] = line
            line += text.count("\n", i, end)
            i = end
            continue
        if c == "\n":
            line += 1
        elif c == "{":
            stack.append({})
        elif c == "[":
            stack.append(None)
        elif c in "}]" and stack:
            stack.pop()
        i += 1
    return None


def load_json(text: str) -> Any:
    """``text`` parsed as strict JSON. A key given twice in one object (message: the key and the
    lines of both), ``NaN`` and ``Infinity`` raise ValueError, as malformed JSON does
    (``json.JSONDecodeError`` is a ValueError); ``json.loads`` keeps the last of two keys and
    reads NaN without a word."""
    import json

    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except _KeyTwice as exc:
        found = _json_key_lines(text)
        key, lines = (exc.key, "") if found is None else (
            found[0], f" (first on line {found[1]}, again on line {found[2]})")
        raise ValueError(f"key {key!r} appears twice in one object{lines}; give each key once "
                         "(the first value would be lost)") from None


@lru_cache(maxsize=1)
def _strict_yaml_loader() -> type:
    """A ``yaml.SafeLoader`` that refuses a key given twice in one mapping."""
    import yaml

    class StrictSafeLoader(yaml.SafeLoader):
        pass

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> Any:
        seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue  # a merge key ('<<') may override; unhashable keys PyYAML refuses
            key = loader.construct_object(key_node)
            first = seen.get(key)
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping (first on line "
                    f"{first + 1}, again on line {key_node.start_mark.line + 1}); give each key "
                    "once (the first value would be lost)", key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    def shown(node: Any) -> str:
        return repr(node.value) if isinstance(node, yaml.ScalarNode) else f"a {node.id}"

    def construct_object(loader: Any, node: Any, deep: bool = False) -> Any:
        # a scalar PyYAML's constructors cannot read ('2001-02-30', '!!int x', '!!float' with no
        # value) raised ValueError, IndexError, KeyError, ... without a line; here a YAMLError
        # naming the line, as every other bad text gives
        try:
            return yaml.SafeLoader.construct_object(loader, node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, IndexError, KeyError, TypeError, AttributeError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {shown(node)} as {node.tag.rsplit(':', 1)[-1]} "
                f"({type(exc).__name__}: {exc})", node.start_mark) from None

    StrictSafeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                                     construct_mapping)
    StrictSafeLoader.construct_object = construct_object  # type: ignore[method-assign]
    return StrictSafeLoader


@lru_cache(maxsize=1)
def _fast_yaml_loader() -> type | None:
    """The loader of :func:`_strict_yaml_loader` on PyYAML's C parser (libyaml,
    ``yaml.CSafeLoader``: the same ``SafeConstructor`` and resolver, so the same data and no
    Python objects; about 10 times faster on the curated files); None without libyaml."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return None
    strict = _strict_yaml_loader()

    class StrictCSafeLoader(yaml.CSafeLoader):
        pass

    StrictCSafeLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
        strict.yaml_constructors[yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG])
    return StrictCSafeLoader


# Texts on which libyaml gives other data than the pure-Python loader, found by comparing the two
# (tests/test_textio_yaml_equivalence_qa.py): a tab after ':' or in a flow sequence (libyaml
# reads `a:\tb`, PyYAML refuses the tab), a '\ufeff' after the start (libyaml drops it), an
# empty '!' tag (libyaml '', PyYAML None), a block-scalar header followed by '#' without a space
# (libyaml '', PyYAML refuses). Such a text is parsed by the pure-Python loader only.
_C_MAY_DIFFER = re.compile(r"[\t\ufeff!]|[|>][-+0-9]*#")


def _flow_plain_question(node: Any) -> bool:
    """Whether the node graph composed by libyaml holds a plain scalar with a '?' inside a flow
    collection (``[a?]``, ``{u: http://x?y=1}``): libyaml reads it, PyYAML's scanner refuses it."""
    import yaml

    stack, seen = [(node, False)], set()
    while stack:
        n, flow = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, yaml.ScalarNode):
            if flow and not n.style and "?" in n.value:  # plain: None or ""
                return True
            continue
        flow = flow or bool(n.flow_style)
        kids = n.value if isinstance(n, yaml.SequenceNode) else [x for kv in n.value for x in kv]
        stack.extend((kid, flow) for kid in kids)
    return False


def _load_yaml_c(text: str, fast: type) -> tuple[bool, Any]:
    """(True, data) of ``text`` parsed by libyaml, or (False, None) where its data may differ
    from the pure-Python loader's (see ``_C_MAY_DIFFER``, :func:`_flow_plain_question`)."""
    if _C_MAY_DIFFER.search(text):
        return False, None
    loader = fast(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return True, None
        if _flow_plain_question(node):
            return False, None
        return True, loader.construct_document(node)
    finally:
        loader.dispose()


def load_yaml(text: str) -> Any:
    """``text`` parsed by ``yaml.safe_load`` rules (no Python objects), with a key given twice in
    one mapping refused: ``yaml.YAMLError`` naming the key and the lines of both.

    Parsed by libyaml when PyYAML has it, except a text where libyaml's data may differ
    (:func:`_load_yaml_c`); on any error the text is parsed again by the pure-Python loader, whose
    error (message, line and column) is the one raised, so that the messages and the rules are
    those of one implementation, the C parser only a speed-up."""
    import yaml

    fast = _fast_yaml_loader()
    if fast is not None:
        try:
            same, data = _load_yaml_c(text, fast)  # a CSafeLoader subclass
            if same:
                return data
        except Exception:  # the pure-Python loader below says what is wrong
            pass
    return yaml.load(text, Loader=_strict_yaml_loader())  # a SafeLoader subclass


def yaml_problem(exc: Exception) -> str:
    """The message of a ``yaml.YAMLError`` (or a JSON ValueError) on one line, without PyYAML's
    ``in "<unicode string>"`` placeholder for the text's name."""
    problem = getattr(exc, "problem", None)
    if isinstance(problem, str) and "appears twice" in problem:  # it names both lines itself
        return problem
    text = " ".join(str(exc).split())
    return text.replace('in "<unicode string>", ', "")
