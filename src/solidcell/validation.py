"""pydantic's validation errors as solidcell's :class:`~solidcell.errors.ValidationError`.

One translation for every data model: :func:`from_pydantic` names the first bad field by its
dotted location (list items as ``[index]``, or ``[id]`` where the item has an ``id``: the
``processes[sputtering].thickness.unit`` of a process file), the value given there (never the
whole record) and what is allowed, and lists the other problems. A model-level rule that names
its field at the start of its message (``"temperature: ..."``, ``"density.unit: ..."``) is
placed on that field. :class:`Model` is the base of the public models: constructing one
(``Material(...)``) or ``Model.model_validate*`` raises solidcell's error, not pydantic's.

Imported by the modules that define models (pydantic is loaded there anyway); ``errors`` itself
stays free of pydantic so that ``import solidcell`` stays fast.
"""

from __future__ import annotations

import json
import re
import types
import typing
from typing import Any, ClassVar

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from solidcell.errors import MissingFieldError, ValidationError, safe_repr

#: Other problems listed after the first one (the rest are counted).
MAX_OTHERS = 3
#: The value :func:`_problem` gives a field that was not given at all (not even None).
_MISSING = object()
#: Longest repr of a dict or list shown as the value (a sub-record, never the whole file).
MAX_CONTAINER_REPR = 80
#: The keys of a property value that hold its number (``"density: ..."`` names one of them).
NUMBER_KEYS = ("value", "min", "max", "text")

_PART = r"[A-Za-z_]\w*(?:\[\w+\])*"
_HEAD = re.compile(rf"^({_PART}(?:\.{_PART})*): (.*)$", re.S)
_PREFIXES = ("Value error, ", "Assertion failed, ")


def from_pydantic(exc: PydanticValidationError, data: Any = None,
                  model: type[BaseModel] | None = None, root: str = "") -> ValidationError:
    """solidcell's ValidationError for pydantic's ``exc``.

    ``data`` is what was validated (it labels list items by their ``id``), ``model`` the model
    class (it tells fields from pydantic's union tags and lists the allowed fields of an
    unknown key), ``root`` the field named when the whole record is at fault (``"material"``).
    """
    if isinstance(data, str | bytes | bytearray):
        try:
            data = json.loads(data)
        except ValueError:
            data = None
    root = root or (model.__name__ if model is not None else "input")
    problems: list[tuple[str, Any, str]] = []
    union = ""  # the field of a first error that is one branch of a union (``str | Material``)
    for i, err in enumerate(exc.errors(include_url=False)):
        problem = _problem(err, data, model, root)
        if i == 0 and err["loc"] and isinstance(err["loc"][-1], str) \
                and _is_tag(err["loc"][-1]) and not problem[0].endswith(err["loc"][-1]):
            union = problem[0]
        if all(problem[::2] != p[::2] for p in problems):  # by field and text (values may
            problems.append(problem)                        # be arrays, NaN, ...)
    deeper = [p for p in problems if union and p[0].startswith((f"{union}.", f"{union}["))]
    if deeper:  # a dict given for `str | Material`: the problem inside it, not "not a str"
        problems.remove(deeper[0])
        problems.insert(0, deeper[0])
    field, value, allowed = problems[0]
    missing = value is _MISSING
    others = problems[1:]
    if others:
        # fields with the same text once ("a, b, c: unknown field; allowed: ..."): an
        # allowed list repeated per unknown key made the message longer than its content
        by_text: dict[str, list[str]] = {}
        for f, _, a in others[:MAX_OTHERS]:
            by_text.setdefault(a, []).append(f)
        listed = "; ".join(f"{', '.join(fs)}: {a}" for a, fs in by_text.items())
        rest = "; ..." if len(others) > MAX_OTHERS else ""
        allowed += (f" (and {len(others)} more problem{'s' if len(others) > 1 else ''}: "
                    f"{listed}{rest})")
    if missing:  # not given at all: "missing", not "None is not allowed" (YAML null)
        return MissingFieldError(field, None, allowed)
    return ValidationError(field, value, allowed)


class Model(BaseModel):
    """Base of solidcell's public pydantic models: bad input raises
    :class:`~solidcell.errors.ValidationError` from the constructor and ``model_validate*``.

    Nested models are validated by pydantic's core (not through these methods), so an error
    deep inside a record is translated once, by the outermost model, with its full location.
    """

    #: the field an error names when the whole record is at fault
    error_root: ClassVar[str] = ""

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except PydanticValidationError as exc:
            raise from_pydantic(exc, data, type(self), type(self).error_root) from None

    # validation stays pydantic's own (nested models and model_validate do not call __init__,
    # and keep their validation context): only a direct construction passes through here
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def _translated(cls, validate: Any, data: Any, *args: Any, **kwargs: Any) -> typing.Self:
        """``validate(data, ...)`` (one of pydantic's classmethods) with pydantic's error as
        solidcell's."""
        try:
            return validate(data, *args, **kwargs)
        except PydanticValidationError as exc:
            raise from_pydantic(exc, data, cls, cls.error_root) from None

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> typing.Self:
        """As pydantic's; errors as :class:`~solidcell.errors.ValidationError`."""
        return cls._translated(super().model_validate, obj, *args, **kwargs)

    @classmethod
    def model_validate_json(cls, json_data: Any, *args: Any, **kwargs: Any) -> typing.Self:
        """As pydantic's; errors as :class:`~solidcell.errors.ValidationError`."""
        return cls._translated(super().model_validate_json, json_data, *args, **kwargs)

    @classmethod
    def model_validate_strings(cls, obj: Any, *args: Any, **kwargs: Any) -> typing.Self:
        """As pydantic's; errors as :class:`~solidcell.errors.ValidationError`."""
        return cls._translated(super().model_validate_strings, obj, *args, **kwargs)

    def model_copy(self, *, update: typing.Mapping[str, Any] | None = None,
                   deep: bool = False) -> typing.Self:
        """A copy; with ``update``, a new record validated as the constructor validates it
        (pydantic's own ``model_copy`` sets the values unchecked: a design copied with
        ``temperature_K=-5.0`` or ``first_cycle_loss=2.0`` was evaluated). Errors as
        :class:`~solidcell.errors.ValidationError`; :func:`unchecked_copy` is the internal,
        unchecked copy of values known to be valid."""
        if not update:
            return super().model_copy(deep=deep)
        if not isinstance(update, typing.Mapping) or not all(isinstance(k, str)
                                                             for k in update):
            raise ValidationError("update", update, "a mapping of field names (str) to "
                                  f"values of {type(self).__name__}")
        data = {name: getattr(self, name) for name in self.model_fields_set}
        data.update(update)
        return type(self).model_validate(data)

    def copy(self, *, include: Any = None, exclude: Any = None,
             update: typing.Mapping[str, Any] | None = None,
             deep: bool = False) -> typing.Self:
        """pydantic's deprecated ``copy``; ``update`` is validated as in :meth:`model_copy`."""
        copied = super().copy(include=include, exclude=exclude, deep=deep)
        return copied.model_copy(update=update) if update else copied

    def __setattr__(self, name: str, value: Any) -> None:
        try:
            super().__setattr__(name, value)
        except PydanticValidationError:  # frozen: pydantic's own error, not solidcell's
            raise ValidationError(
                name, value, f"{type(self).__name__} is frozen (validated once); make a "
                f"changed, validated copy: .model_copy(update={{{name!r}: ...}})") from None

    def __delattr__(self, name: str) -> None:
        try:
            super().__delattr__(name)
        except PydanticValidationError:
            raise ValidationError(name, None, f"{type(self).__name__} is frozen; its fields "
                                  "cannot be deleted") from None


def unchecked_copy(model: BaseModel, update: typing.Mapping[str, Any]) -> Any:
    """pydantic's unchecked ``model_copy(update=...)``, for values the caller knows are valid
    (rows the store validated on the way in; a foil anode's fractions set to a dense layer's)."""
    return BaseModel.model_copy(model, update=update)


# --- one error ---------------------------------------------------------------------------


def _problem(err: Any, data: Any, model: type[BaseModel] | None,
             root: str) -> tuple[str, Any, str]:
    """(field, value, allowed) of one of pydantic's error dicts."""
    parts, at = _walk(tuple(err["loc"]), data, model)
    value = err.get("input")
    kind = err["type"]
    original = (err.get("ctx") or {}).get("error")
    if kind == "missing":
        return _joined(parts) or root, _MISSING, "required (the field is missing)"
    if kind == "extra_forbidden":
        parent = _walk(tuple(err["loc"])[:-1], None, model)[1]
        fields = list(parent.model_fields) if _is_model(parent) else []
        allowed = "unknown field" + (f"; allowed: {', '.join(fields)}" if fields else "")
        return _joined(parts) or root, _short(value), allowed
    if all(hasattr(original, a) for a in ("field", "value", "allowed")):
        # a ValidationError (or the like) raised inside a validator: its own field and value
        head, value, msg = str(original.field), original.value, str(original.allowed)
        if not isinstance(err.get("input"), dict):
            if head != (parts[-1] if parts else ""):
                msg = str(original)
            return _joined(parts) or head or root, _short(value), msg
        where, _ = _resolve(head, parts, err["input"], at)
        if where == parts and head not in ("", parts[-1] if parts else ""):
            where = parts + head.split(".")  # the validator's own name of its field
        return _joined(where) or root, _short(value), msg
    msg = str(err.get("msg", ""))
    for prefix in _PREFIXES:
        msg = msg.removeprefix(prefix)
    msg = msg.replace("Input should be", "must be", 1)
    match = _HEAD.match(msg)
    if match and isinstance(value, dict):
        # a rule of a whole record that names its field: that field, and its value
        where, sub = _resolve(match.group(1), parts, value, at)
        if where == parts:
            return _joined(parts) or root, _short(value), msg
        # "density.unit: ..." / "density: ..." name the property: that stays in the message
        named = value.get("name") == match.group(1).split(".")[0]
        return _joined(where) or root, _short(_lookup(value, sub)), msg if named \
            else match.group(2)
    if match and parts and match.group(1) == parts[-1]:
        msg = match.group(2)  # "temperature: ..." from the field's own validator
    return _joined(parts) or root, _short(value), msg


def _resolve(head: str, parts: list[str], record: dict[str, Any],
             at: Any) -> tuple[list[str], list[str]]:
    """The location a record-level message's ``head`` names, and its path inside ``record``.

    ``head`` is a key of the record (``temperature``), a dotted path into it
    (``anode.thickness_m``), a property's name for its number (``density``) or for one of its
    keys (``density.unit``), or starts with the record's own location (``ocp.voltage``).
    """
    path = head.split(".")
    first = path[0].split("[")[0]
    keys = set(record) | (set(at.model_fields) if _is_model(at) else set())
    if first not in keys and record.get("name") == path[0]:  # a property's own name
        path = path[1:] or [next((k for k in NUMBER_KEYS if record.get(k) is not None),
                                 "value")]
    elif first not in keys and parts and path[0] == parts[-1].split("[")[0]:
        path = path[1:]
    elif first not in keys:
        return parts, []
    if len(path) > 1 and path[-1] in keys and not _container(record.get(first), at, first):
        path = path[-1:]  # "x.unit: ..." of a number x: the record's own key "unit"
    return parts + path, path


def _container(value: Any, at: Any, name: str) -> bool:
    """Whether field ``name`` (given as ``value``) holds keys of its own: a dict or a model."""
    if isinstance(value, dict):
        return True
    if not _is_model(at) or name not in at.model_fields:
        return False
    tp = at.model_fields[name].annotation
    return any(_is_model(t) or typing.get_origin(t) is dict
               for t in (tp, *typing.get_args(tp)))


def _lookup(record: Any, path: list[str]) -> Any:
    """``record[path[0]][path[1]]...``; None where a key is absent."""
    node = record
    for part in path:
        key, *indices = part.replace("]", "").split("[")
        if isinstance(node, dict) and key not in node:  # a short key: thickness for thickness_m
            short = [k for k in node if isinstance(k, str) and key.startswith(f"{k}_")]
            key = short[0] if len(short) == 1 else key
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
        for index in indices:
            if not (isinstance(node, list) and index.isdigit() and int(index) < len(node)):
                return None
            node = node[int(index)]
    return node


def _walk(loc: tuple[Any, ...], data: Any,
          model: type[BaseModel] | None) -> tuple[list[str], Any]:
    """pydantic's ``loc`` as names (pydantic's union and validator tags dropped, list items as
    ``name[i]`` or ``name[id]``), and the type found at its end (a model class where one is)."""
    parts: list[str] = []
    node, tp = data, model
    for item in loc:
        step = _step(tp, item) if tp is not None and tp is not Any else None
        if step is None and isinstance(item, str) and _is_tag(item):
            continue  # "str", "function-after[_check(), Material]", "Material", ...
        if isinstance(item, int):
            label: Any = item
            if isinstance(node, list) and 0 <= item < len(node) and isinstance(node[item], dict) \
                    and isinstance(node[item].get("id"), str):
                label = node[item]["id"]
            if parts:
                parts[-1] = f"{parts[-1]}[{label}]"
            else:
                parts.append(f"[{label}]")
        else:
            parts.append(str(item))
        try:
            node = node[item]
        except (KeyError, IndexError, TypeError):
            node = None
        tp = step
    return parts, tp


_TAG = re.compile(r"[\[\]\-(),]|^[A-Z]|^(str|int|float|bool|bytes|list|dict|tuple|set|none)$")


def _is_tag(item: str) -> bool:
    return bool(_TAG.search(item))


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _step(tp: Any, item: Any) -> Any:
    """The type at ``item`` inside type ``tp``; None where ``item`` is not a field, key or index
    of it (a pydantic tag), Any where the type cannot tell."""
    if tp is Any:
        return Any
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _step(args[0], item)
    if origin in (typing.Union, types.UnionType):
        found = [s for s in (_step(a, item) for a in args) if s is not None]
        return found[0] if found else None
    if isinstance(item, int) and origin in (list, tuple, set, frozenset):
        return args[0] if args else Any
    if isinstance(item, str) and origin is dict:
        return args[1] if len(args) == 2 else Any
    if _is_model(tp) and isinstance(item, str) and item in tp.model_fields:
        return tp.model_fields[item].annotation
    return None


def _joined(parts: list[str]) -> str:
    return ".".join(parts).replace(".[", "[")


def _short(value: Any) -> Any:
    """A long dict or list as its repr cut to :data:`MAX_CONTAINER_REPR` characters (the
    sub-record named, not a whole file); anything else as is."""
    if isinstance(value, dict | list | tuple | set):
        text = safe_repr(value)
        if len(text) > MAX_CONTAINER_REPR:
            return text[:MAX_CONTAINER_REPR - 3] + "..."
    return value


__all__ = ["MAX_OTHERS", "Model", "from_pydantic"]
