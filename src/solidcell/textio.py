"""Strict readers of the JSON and YAML text a user hands in (designs, materials, result files).

``json.loads`` and ``yaml.safe_load`` keep the last of two equal keys in one object/mapping
without a word (``unit: g/cm3`` ... ``unit: kg/m3`` stored a density 1000 times too small;
``thickness_m`` given twice in a design kept the second). Here such a key is refused, naming
the key and the lines of both; JSON's non-standard ``NaN``/``Infinity`` are refused; YAML keeps
``yaml.SafeLoader`` rules (no Python objects), parsed by libyaml when PyYAML has it (an error is
reported by the pure-Python loader), except the YAML 1.1 numbers a reader does not take for numbers
(``temperature_K: 5:00`` is the sexagesimal 300, ``0x12C`` 300, ``017`` 15, ``3_00`` 300): such a
plain scalar is refused, naming its line, its text and the number YAML 1.1 makes of it.
``json`` and ``yaml`` are imported when used, so that ``import solidcell`` stays light.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
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


#: Why :func:`load_json` and :func:`load_yaml` refuse lists or mappings nested deeper than
#: Python's recursion limit lets their parsers read.
NESTED_TOO_DEEP = ("lists or mappings nested too deeply to read (deeper than Python's "
                   "recursion limit); a material, design or result file nests a few levels")


def load_json(text: str) -> Any:
    """``text`` parsed as strict JSON. A key given twice in one object (message: the key and the
    lines of both), ``NaN`` and ``Infinity`` raise ValueError, as malformed JSON does
    (``json.JSONDecodeError`` is a ValueError); ``json.loads`` keeps the last of two keys and
    reads NaN without a word."""
    import json

    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except RecursionError:  # '[' * 100000: was a traceback
        raise ValueError(NESTED_TOO_DEEP) from None
    except _KeyTwice as exc:
        found = _json_key_lines(text)
        key, lines = (exc.key, "") if found is None else (
            found[0], f" (first on line {found[1]}, again on line {found[2]})")
        raise ValueError(f"key {key!r} appears twice in one object{lines}; give each key once "
                         "(the first value would be lost)") from None


# The private tag that the resolvers of both loaders give a plain scalar YAML 1.1 reads as a number
# that does not look like one (see _yaml11_numbers); its constructor refuses it.
_YAML11_NUMBER_TAG = "tag:solidcell,2026:yaml11-number"


@lru_cache(maxsize=1)
def _yaml11_numbers() -> tuple[dict[str, list[tuple[str, Any]]], Any]:
    """(implicit resolvers, pattern): PyYAML's implicit resolvers with, first for a plain scalar
    that starts with a sign, a digit or '.', the pattern of the YAML 1.1 ints and floats refused
    (:func:`_refuse_yaml11_number`): those with '_' or ':' (``3_00``, ``1_0.5``, ``5:00``,
    ``1:30.5``) and the ints with a leading 0 (octal ``017``, hexadecimal ``0x12C``, binary
    ``0b101``). ``0``, ``+12``, ``-0.5``, ``01.5``, ``1.0e+3``, ``.inf`` and ``.nan`` resolve as
    before; a quoted scalar or an explicit tag (``!!int 0x12C``) is never resolved here. The
    pattern is PyYAML's own int and float patterns behind a look-ahead, so that it never matches
    a text PyYAML would not read as a number."""
    import yaml

    resolvers = yaml.SafeLoader.yaml_implicit_resolvers
    tag = {t.rsplit(":", 1)[-1]: rx for rxs in resolvers.values() for t, rx in rxs}
    ints, floats = tag["int"].pattern, tag["float"].pattern
    refused = re.compile(rf"(?=[^_:]*[_:])(?:{ints}|{floats})|(?=[-+]?0.)(?:{ints})", re.X)
    out = {k: list(v) for k, v in resolvers.items()}
    for first in "-+.0123456789":
        out[first] = [(_YAML11_NUMBER_TAG, refused), *out.get(first, [])]
    return out, refused


def _refuse_yaml11_number(loader: Any, node: Any) -> Any:
    """Constructor of ``_YAML11_NUMBER_TAG``: a YAMLError naming the line, the text, the number
    YAML 1.1 makes of it and what to write instead."""
    import yaml

    text = node.value
    number = (loader.construct_yaml_float if "." in text else loader.construct_yaml_int)(node)
    digits, note = text.lstrip("+-"), ""
    if ":" in text:
        kind = "sexagesimal (base 60) number"
    elif digits[:2] in ("0x", "0b"):
        kind = "hexadecimal number" if digits[1] == "x" else "binary number"
    elif "." not in text and digits.startswith("0"):  # PyYAML's octal: only 0-7 and '_'
        kind, decimal = "octal number", int(text.replace("_", ""))
        note = f" (not {decimal})" if decimal != number else ""
    else:
        kind, note = "number", " (the underscores are dropped)"
    raise yaml.constructor.ConstructorError(
        None, None, f"line {node.start_mark.line + 1}: {text!r} is read by YAML 1.1 as the {kind} "
        f"{number}{note}; write {number} if that number is meant, or quote it ('{text}') if it is "
        "text", node.start_mark)


@lru_cache(maxsize=1)
def _strict_yaml_loader() -> type:
    """A ``yaml.SafeLoader`` that refuses a key given twice in one mapping and the YAML 1.1
    numbers of :func:`_yaml11_numbers`."""
    import yaml

    class StrictSafeLoader(yaml.SafeLoader):
        yaml_implicit_resolvers = _yaml11_numbers()[0]

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
    StrictSafeLoader.add_constructor(_YAML11_NUMBER_TAG, _refuse_yaml11_number)
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
        yaml_implicit_resolvers = strict.yaml_implicit_resolvers  # libyaml calls them too

    for tag in (yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _YAML11_NUMBER_TAG):
        StrictCSafeLoader.add_constructor(tag, strict.yaml_constructors[tag])
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
    try:
        return yaml.load(text, Loader=_strict_yaml_loader())  # a SafeLoader subclass
    except RecursionError:  # '[' * 100000: was a traceback
        raise yaml.YAMLError(NESTED_TOO_DEEP) from None


#: How a reader words a file it cannot read, or that is not UTF-8 text (before the reason).
UNREADABLE = "cannot be read as UTF-8 text"


def read_text_file(path: Path, field: str) -> str:
    """The text of the user's file ``path``: UTF-8, a byte-order mark dropped (Windows
    Notepad writes one). A file that cannot be read (permissions, a folder, an I/O error) or
    is not UTF-8 text is a ValidationError naming ``field`` and the path, in the one wording
    of every design reader (``CellDesign``, ``as_stack``): ``cannot be read as UTF-8 text:
    <reason>``."""
    from solidcell.errors import ValidationError

    try:
        return path.read_text("utf-8-sig")
    except OSError as exc:  # the reason without the path again ("[Errno 13] ...: '/x'")
        reason = exc.strerror or str(exc)
    except UnicodeDecodeError as exc:
        reason = str(exc)
    raise ValidationError(field, str(path), f"{UNREADABLE}: {reason}")


def yaml_problem(exc: Exception) -> str:
    """The message of a ``yaml.YAMLError`` (or a JSON ValueError) on one line, without PyYAML's
    ``in "<unicode string>"`` placeholder for the text's name."""
    problem = getattr(exc, "problem", None)
    if isinstance(problem, str) and ("appears twice" in problem  # it names both lines itself
                                     or "is read by YAML 1.1 as" in problem):  # and its line
        return problem
    text = " ".join(str(exc).split())
    return text.replace('in "<unicode string>", ', "") + _tab_hint(exc)


def _tab_hint(exc: Exception) -> str:
    """What to write instead of the tab PyYAML refused (``found character '\\t' that cannot
    start any token``: the message named the line, not the tab as the cause; YAML indents with
    spaces only); '' for any other error."""
    problem, mark = getattr(exc, "problem", None), getattr(exc, "problem_mark", None)
    if not isinstance(problem, str) or "'\\t'" not in problem or mark is None:
        return ""
    buffer = getattr(mark, "buffer", None)
    before = ""
    if isinstance(buffer, str) and 0 <= mark.pointer <= len(buffer):
        before = buffer[buffer.rfind("\n", 0, mark.pointer) + 1:mark.pointer]
    if not before.strip(" \t"):
        return "; indent with spaces, not tabs (YAML does not allow a tab in indentation)"
    return "; write a space instead of the tab (or quote the text, if the tab belongs to it)"


#: Separators a user's CSV file may put between fields: ',' and those of spreadsheets that
#: write a decimal comma (';', as European Excel saves "CSV") or tabs.
CSV_DELIMITERS = (",", ";", "\t")


def csv_column_keys(header: str | list[str], delimiter: str | None) -> list[str]:
    """Column names in lower case without surrounding spaces (``header`` a line to split at
    ``delimiter``, or the names already split)."""
    import csv

    names = next(csv.reader([header], delimiter=delimiter)) if delimiter else header
    return [n.strip().lower() for n in (names or [])]


def csv_delimiter(header: str, column: str) -> str | None:
    """The separator of a CSV file whose first line is ``header``: the first of
    :data:`CSV_DELIMITERS` that makes ``column`` (case and surrounding spaces ignored) one of
    its columns; None when none does. Used by ``solidcell predict`` and ``materials import``."""
    return next((d for d in CSV_DELIMITERS if column in csv_column_keys(header, d)), None)
