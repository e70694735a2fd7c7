"""JSON for results: arrays become lists, NaN/inf become null, ``to_json()`` objects expand.

One helper for every writer of JSON (CLI ``--json``, the demo's files) so that a result with
a missing value never crashes the output and reads the same everywhere.
"""

from __future__ import annotations

import json
import math
from typing import Any


def plain(value: Any) -> Any:
    """``value`` as JSON-ready Python: dict/list/str/int/float/bool/None, floats finite."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "to_json"):
        return plain(value.to_json())
    if hasattr(value, "tolist"):  # NumPy arrays and scalars
        return plain(value.tolist())
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(data: Any, indent: int | None = 2) -> str:
    """JSON text of ``data`` through :func:`plain` (strict JSON: no NaN literals)."""
    return json.dumps(plain(data), indent=indent, allow_nan=False)
