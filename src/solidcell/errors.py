"""Exceptions of solidcell: every message names the field, the value and what is allowed."""

from __future__ import annotations


class SolidcellError(Exception):
    """Base class of every error solidcell raises on purpose."""


class UnitError(SolidcellError, ValueError):
    """A value has no unit, an unknown unit, or the unit of another kind of quantity."""


class ValidationError(SolidcellError, ValueError):
    """Input that breaks a rule; ``field`` names where, ``value`` what was given."""

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(self._text(field, value, allowed))

    @staticmethod
    def _text(field: str, value: object, allowed: str) -> str:
        return f"{field}: {shown(value)} is not allowed; {allowed}"

    def __reduce__(self) -> tuple[type, tuple[str, object, str]]:
        # pickled by its three fields, so that it crosses a process pool or a Dask worker
        return (type(self), (self.field, self.value, self.allowed))


class MissingFieldError(ValidationError):
    """A required field that was not given at all: "cathode: missing; required ...", not
    "cathode: None is not allowed" (which is for a field given as None, YAML ``null``).
    ``value`` is None, as for any ValidationError of a missing field."""

    @staticmethod
    def _text(field: str, value: object, allowed: str) -> str:
        return f"{field}: missing; {allowed}"


#: Longest repr of a value in a message; longer input is cut in the middle (``value`` keeps it).
MAX_SHOWN = 200


#: Items (all levels, shared ones each time) beyond which a container's repr is abridged.
MAX_REPR_ITEMS = 10_000


def _many_items(value: object, limit: int = MAX_REPR_ITEMS) -> bool:
    """True when the lists, tuples, sets and dicts of ``value`` hold more than ``limit``
    items in all (counted as ``repr`` would write them, stopping at the limit)."""
    stack, seen = [value], 0
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        else:
            continue
        seen += len(item)
        if seen > limit:
            return True
    return False


def safe_repr(value: object) -> str:
    """``repr(value)``; for a container of more than :data:`MAX_REPR_ITEMS` items, an
    abridged one (:mod:`reprlib`): YAML aliases nest a list of 9 items 8 deep in 300
    bytes, 43 million items whose full repr took 18 s before a message could be cut; so is one
    nested too deeply for ``repr``."""
    if not isinstance(value, dict | list | tuple | set | frozenset) or not _many_items(value):
        try:
            return repr(value)
        except RecursionError:  # a YAML list nested 990 deep: was a traceback
            if not isinstance(value, dict | list | tuple | set | frozenset):
                raise
    import reprlib

    short = reprlib.Repr()
    short.maxlevel = 3
    short.maxlist = short.maxtuple = short.maxset = short.maxfrozenset = short.maxdict = 8
    return short.repr(value)


def shown(value: object) -> str:
    """``repr(value)``, cut to :data:`MAX_SHOWN` characters with the length stated (a pasted
    3000-character path or formula should not flood a terminal or a web page)."""
    text = safe_repr(value)
    if len(text) <= MAX_SHOWN:
        return text
    half = MAX_SHOWN // 2
    return f"{text[:half]}...{text[-half // 2:]} ({len(text)} characters)"


class NotFoundError(SolidcellError, KeyError):
    """A material, source or other named item does not exist."""

    def __str__(self) -> str:  # KeyError quotes its message; show it plainly
        return str(self.args[0]) if self.args else ""


class ImportRejected(SolidcellError, ValueError):
    """A CSV/JSON import had at least one bad row; nothing was written. ``problems`` holds
    every problem (``'row 3: temperature: ...'``); the message lists the first ones."""

    problems: tuple[str, ...] = ()


class UnsupportedError(SolidcellError, NotImplementedError):
    """A combination the models cannot represent; the message says why."""
