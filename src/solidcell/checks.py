"""Argument checks of the public Python API: a wrong type becomes a
:class:`~solidcell.errors.ValidationError` naming the argument, the value and what is allowed,
never a ``TypeError`` from deep inside (``float(None)``, ``None <= 1``, ``x.attribute``).

Light on purpose (no NumPy at import): ``import solidcell`` stays fast.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
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
    if type(value).__module__.split(".")[0] == "pint":  # an item of a Quantity array has a
        # shape () and a dtype: float() read its magnitude or raised DimensionalityError
        raise ValidationError(field, value, f"must be {allowed}, a plain number in the unit "
                              "of the argument's name, not a pint Quantity "
                              "(solidcell.units.magnitude_in converts one)")
    real_number = isinstance(value, numbers.Real) or (
        getattr(value, "shape", None) == () and getattr(value, "dtype", None) is not None
        and getattr(value.dtype, "kind", "") in "iuf")
    if real_number:
        try:
            return float(value)
        except OverflowError:  # an int beyond the largest float (10**400)
            raise ValidationError(field, value, f"must be {allowed}; this integer is too "
                                  "large for a float (at most about 1.8e308)") from None
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


#: Longest step an experiment may ask for [s]: ten years, longer than any calendar-ageing or
#: self-discharge study run as one step. PyBaMM integrates to a step's end: a C-rate step
#: without a time ends after 2/C hours, and at 1e-300C (7.2e303 s) the solver ran for minutes
#: with its memory growing, never ending (solidcell 2026-12; C/1000 to 1e-15C end in seconds).
MAX_STEP_DURATION_S = 10 * 365.25 * 24 * 3600.0
#: Lowest C-rate [1/h]: a full discharge in :data:`MAX_STEP_DURATION_S` (ten years).
MIN_C_RATE_H = 3600.0 / MAX_STEP_DURATION_S
#: The C-rates an engine accepts, in words (for messages).
C_RATE_RANGE = (f"at least {MIN_C_RATE_H:.3g} (a full discharge in ten years) and at most "
                f"{MAX_C_RATE_H:g} (a full discharge in one second)")
#: Most output points of one experiment step (its duration over its '(1 minute period)'):
#: each point keeps the model's whole state, about 6 kB (EV example, default mesh, measured
#: 2026-12: 60,001 points peaked at 0.62 GB, 360,001 at 2.4 GB, from 0.26 GB without), so
#: 100,000 points are about 0.9 GB.
MAX_STEP_POINTS = 100_000
#: Highest voltage an experiment may name [V] (a hold or an 'until' limit): above the widest
#: cell solidcell's designs describe (an electrode's average voltage lies in [-0.5, 7] V vs
#: Li/Li+, solidcell.cell.design, so at most 7.5 V between two electrodes), with room for the
#: end of a charge. Far beyond it the model fails: 'Hold at 1e6 V' gave non-finite voltages and a
#: message naming the separator (solidcell 2026-12; 10 V and 100 V holds were skipped).
MAX_CELL_VOLTAGE_V = 10.0


def c_rate(field: str, value: Any) -> float:
    """A C-rate [1/h]: finite, > 0 and at most :data:`MAX_C_RATE_H`."""
    allowed = f"a C-rate > 0 and at most {MAX_C_RATE_H:g} (a full discharge in one second)"
    x = positive(field, value, allowed)
    if x > MAX_C_RATE_H:
        raise ValidationError(field, value, f"must be {allowed}")
    return x


def simulation_c_rate(field: str, value: Any) -> float:
    """A C-rate [1/h] a simulation runs: a real number within :data:`C_RATE_RANGE` (the range
    of ``fast.check_c_rates``, one rate of it; :func:`c_rate`'s "> 0" took 1e-300, which the
    solve then refused under another name)."""
    if not is_real(value) or not MIN_C_RATE_H <= float(value) <= MAX_C_RATE_H:
        raise ValidationError(field, value, f"a C-rate {C_RATE_RANGE}")
    return float(value)


def item_field(field: str, k: int, n: int) -> str:
    """``field`` naming its item ``k`` (from 0) of ``n`` as a refusal does:
    ``--dopants (item 2 of 3)``; the field alone when it holds one item."""
    return f"{field} (item {k + 1} of {n})" if n > 1 else field


def comma_items(field: str, text: str | None, allowed: str,
                convert: Callable[[str], Any] = str, optional: bool = True) -> list[Any] | None:
    """The comma-separated items of ``field`` (``'Ta,Nb'``), each read by ``convert``
    (``float``; a ValidationError it raises gives its rule); None when the text is None.
    Text without items is refused naming the field (an ``optional`` one: "leave it out for
    the default"); an empty item (``'Ta,,Nb'``, ``'Ta,'``) or one ``convert`` cannot read
    naming the field, the item's position (:func:`item_field`) and the item as typed
    (``--fractions (item 2 of 2): 'x'``). The CLI's comma-separated options and
    :func:`solidcell.simulation.runs.parse_temperatures` read their text with it."""
    if text is None:
        return None
    items = [t.strip() for t in text.split(",")]
    if not any(items):  # "" is not the default: leave the option out for that
        hint = f" (leave {field} out for the default)" if optional else ""
        raise ValidationError(field, text, allowed + hint)
    out = []
    for k, item in enumerate(items):
        where = item_field(field, k, len(items))
        if not item:
            raise ValidationError(where, item, f"no empty item: {allowed}")
        try:
            out.append(convert(item))
        except ValidationError as exc:  # the engine's rule of one item, for this item
            raise ValidationError(where, item, exc.allowed) from None
        except ValueError:
            raise ValidationError(where, item, allowed) from None
    return out
