"""Short reprs of result objects: a notebook cell shows the headline figures of a result, not
tens of thousands of characters of nested options, arrays and sources. The full data stay in
the fields (``result.notes``, ``result.sources``, ``result.to_json()`` where there is one)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

#: Sequences up to this length are shown item by item; longer ones as a count.
MAX_ITEMS = 6
#: Strings longer than this are cut (the field keeps the whole text).
MAX_TEXT = 80
#: A nested result is shown in full only when its own short repr is at most this long.
MAX_NESTED = 120


def concise_repr(obj: Any) -> str:
    """``ClassName(field=value, ...)`` of a dataclass with numbers to 5 significant digits,
    long arrays and sequences as counts and ranges, and empty fields (None, empty
    sequences, empty text) left out. Use as ``__repr__ = concise_repr`` in the class body."""
    parts = []
    for field in dataclasses.fields(obj):
        if not field.repr:
            continue
        value = getattr(obj, field.name)
        if _is_empty(value):
            continue
        parts.append(f"{field.name}={_short(value, nested=True)}")
    return f"{type(obj).__name__}({', '.join(parts)})"


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str | tuple | list | dict):
        return len(value) == 0
    return False


def _short(value: Any, *, nested: bool) -> str:
    import numpy as np

    if isinstance(value, bool | np.bool_) or value is None:
        return repr(bool(value)) if value is not None else "None"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return f"{float(value):.5g}"
    if isinstance(value, str):
        return repr(value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 3] + "...")
    if isinstance(value, np.ndarray):
        return _array(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        text = concise_repr(value) if nested else ""
        return text if text and len(text) <= MAX_NESTED else f"<{type(value).__name__}>"
    if isinstance(value, Mapping):
        if len(value) <= MAX_ITEMS and all(_is_scalar(v) for v in value.values()):
            return "{" + ", ".join(f"{k!r}: {_short(v, nested=False)}"
                                   for k, v in value.items()) + "}"
        return f"<{len(value)} entries>"
    if isinstance(value, tuple | list):
        if len(value) <= MAX_ITEMS and all(_is_scalar(v) for v in value):
            inner = ", ".join(_short(v, nested=False) for v in value)
            if len(inner) <= MAX_NESTED:
                return f"({inner}{',' if len(value) == 1 else ''})"
        if all(isinstance(v, str) for v in value):  # notes, sources: the first and a count
            first = value[0] if len(value[0]) <= 60 else value[0][:57] + "..."
            more = f" ... {len(value) - 1} more" if len(value) > 1 else ""  # not "... 0 more"
            return f"({first!r},{more})"
        kinds = {type(v).__name__ for v in value}
        kind = kinds.pop() if len(kinds) == 1 else "items"
        return f"<{len(value)} {kind}>"
    shape = getattr(value, "shape", None)  # a pandas DataFrame, an xarray, ...
    if isinstance(shape, tuple) and all(isinstance(n, int) for n in shape):
        return f"<{type(value).__name__} {'x'.join(map(str, shape))}>"
    text = repr(value)
    return text if len(text) <= MAX_TEXT else f"<{type(value).__name__}>"


def _is_scalar(value: Any) -> bool:
    import numpy as np

    return (value is None or isinstance(value, bool | int | float | np.number)
            or (isinstance(value, str) and len(value) <= MAX_TEXT)
            or (isinstance(value, tuple) and len(value) <= 3
                and all(isinstance(v, str | int | float) for v in value)))


def _array(value: Any) -> str:
    import numpy as np

    if value.ndim == 0:  # a 0-d array (np.asarray(5e-6)): its one value; tolist() is no list
        return _short(value.item(), nested=False)
    if value.size <= MAX_ITEMS and value.ndim <= 1:
        return "[" + ", ".join(_short(v, nested=False) for v in value.tolist()) + "]"
    if value.size and np.issubdtype(value.dtype, np.number):
        finite = value[np.isfinite(value)] if np.issubdtype(value.dtype, np.floating) else value
        if finite.size:
            return (f"<array {'x'.join(map(str, value.shape))}, "
                    f"{float(finite.min()):.5g}..{float(finite.max()):.5g}>")
    return f"<array {'x'.join(map(str, value.shape))}>"
