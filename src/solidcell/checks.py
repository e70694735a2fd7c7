"""Argument checks of the public Python API: a wrong type becomes a
:class:`~solidcell.errors.ValidationError` naming the argument, the value and what is allowed,
never a ``TypeError`` from deep inside (``float(None)``, ``None <= 1``, ``x.attribute``).

Light on purpose (no NumPy at import): ``import solidcell`` stays fast.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from solidcell.errors import ValidationError


def is_bool(value: Any) -> bool:
    """A Python bool or a NumPy bool scalar (``np.bool_``; named ``bool`` in NumPy 2)."""
    return isinstance(value, bool) or (type(value).__module__ == "numpy"
                                       and type(value).__name__ in ("bool", "bool_"))


def is_integer(value: Any) -> bool:
    """An int or a NumPy integer, never a bool (``True`` is not a count of 1)."""
    return isinstance(value, numbers.Integral) and not is_bool(value)


def is_real(value: Any) -> bool:
    """An int, a float or a NumPy number, never a bool."""
    return isinstance(value, numbers.Real) and not is_bool(value)


def real(field: str, value: Any, allowed: str = "a number") -> float:
    """``value`` as a float when it is a real number (int, float, NumPy scalar or 0-d array);
    bools, strings, sequences and everything else raise :class:`ValidationError`.

    Finiteness and ranges are the caller's rule (its message says what the number means).
    """
    if is_bool(value):
        raise ValidationError(field, value, f"must be {allowed}, not a bool")
    if isinstance(value, numbers.Real):
        return float(value)
    if getattr(value, "shape", None) == () and getattr(value, "dtype", None) is not None \
            and getattr(value.dtype, "kind", "") in "iuf":
        return float(value)
    hint = ""
    if isinstance(value, str):
        hint = (" (a number in the unit of the argument's name; "
                "solidcell.units.parse('60 degC', 'temperature') converts text with a unit)")
    raise ValidationError(field, value, f"must be {allowed}{hint}")


def optional_real(field: str, value: Any, allowed: str = "a number") -> float | None:
    """:func:`real`, with None passed through (None means "the default")."""
    return None if value is None else real(field, value, f"{allowed} or None")


def finite_real(field: str, value: Any, allowed: str = "a finite number") -> float:
    """:func:`real` that also refuses NaN and infinities."""
    x = real(field, value, allowed)
    if not math.isfinite(x):
        raise ValidationError(field, value, f"must be {allowed}")
    return x


def flag(field: str, value: Any) -> bool:
    """``value`` when it is a bool (Python or NumPy); anything else raises: ``"no"`` or
    ``float("nan")`` would otherwise count as true."""
    if is_bool(value):
        return bool(value)
    raise ValidationError(field, value, "must be True or False")


def instance(field: str, value: Any, cls: type | tuple[type, ...], allowed: str) -> Any:
    """``value`` when it is an instance of ``cls``; else :class:`ValidationError`."""
    if not isinstance(value, cls):
        raise ValidationError(field, value, f"must be {allowed}, not a {type(value).__name__}")
    return value


def positive(field: str, value: Any, allowed: str) -> float:
    """:func:`finite_real` that is > 0 (a length, a modulus, a flaw size); ``allowed`` says
    what the number means, e.g. ``"a flaw size > 0 m"``."""
    x = finite_real(field, value, allowed)
    if not x > 0:  # worded as finite_real words NaN: one message for -1 and nan
        raise ValidationError(field, value, f"must be {allowed}")
    return x


def non_negative(field: str, value: Any, allowed: str) -> float:
    """:func:`finite_real` that is >= 0 (a pressure, a current density, a price)."""
    x = finite_real(field, value, allowed)
    if not x >= 0:
        raise ValidationError(field, value, f"must be {allowed}")
    return x


#: Highest C-rate an engine accepts [1/h]: a full discharge in one second. Above it the
#: closed-form and reduced models overflow or divide by zero instead of answering.
MAX_C_RATE_H = 3600.0


def c_rate(field: str, value: Any) -> float:
    """A C-rate [1/h]: finite, > 0 and at most :data:`MAX_C_RATE_H`."""
    allowed = f"a C-rate > 0 and at most {MAX_C_RATE_H:g} (a full discharge in one second)"
    x = positive(field, value, allowed)
    if x > MAX_C_RATE_H:
        raise ValidationError(field, value, f"must be {allowed}")
    return x
