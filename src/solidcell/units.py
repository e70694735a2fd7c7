"""Units at the edges: parse lab units to SI floats and format SI floats for people.

Inside solidcell every quantity is a plain float (or NumPy array) in the canonical unit of
its *kind* (see :data:`KINDS`); that unit is SI except where the field uses another by
convention (eV for activation energies, USD for prices). Parsing goes through pint, which is
imported lazily so that ``import solidcell`` stays fast.

>>> parse("1 mS/cm", "ionic conductivity")
0.1
>>> round(parse("60degC", "temperature"), 2)
333.15
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from solidcell.errors import UnitError

if TYPE_CHECKING:  # pragma: no cover
    import pint

#: kind of quantity -> canonical (internal) unit, written as pint understands it.
KINDS: dict[str, str] = {
    "ionic conductivity": "S/m",
    "electronic conductivity": "S/m",
    "conductivity": "S/m",
    "length": "m",
    "thickness": "m",
    "particle size": "m",
    "areal mass": "kg/m**2",
    "density": "kg/m**3",
    "specific capacity": "mA*h/g",
    "areal capacity": "mA*h/cm**2",
    "capacity": "A*h",
    "areal resistance": "ohm*m**2",
    "resistance": "ohm",
    "pressure": "Pa",
    "modulus": "Pa",
    "fracture toughness": "Pa*m**0.5",
    "areal stiffness": "Pa/m",
    "temperature": "K",
    "voltage": "V",
    "activation energy": "eV",
    "energy": "J",
    "specific energy": "W*h/kg",
    "energy density": "W*h/L",
    "current density": "A/m**2",
    "current": "A",
    "time": "s",
    "diffusivity": "m**2/s",
    "fraction": "dimensionless",
    "price": "USD/kg",
    "area price": "USD/m**2",
    "energy price": "USD/(kW*h)",
    "area": "m**2",
    "volume": "m**3",
    "mass": "kg",
    "power": "W",
    "specific power": "W/kg",
    "power density": "W/L",
    "rate": "m/s",
}

#: Units written the way people type them in a lab, with the SI factor. The canonical units
#: of specific and areal capacity are the lab ones (mAh/g, mAh/cm2) because every table in the
#: field uses them; that is stated in docs/conventions.md.
_SHORTHAND = {
    "mAh": "mA*h",
    "Ah": "A*h",
    "Wh": "W*h",
    "kWh": "kW*h",
    "ppm": "1e-6",
}

#: Exact conversions of the most common lab units to the canonical unit of a kind, used
#: before pint (whose registry takes about a second to build): unit as written -> (scale, offset).
_FAST: dict[str, dict[str, tuple[float, float]]] = {
    "conductivity": {"S/m": (1.0, 0.0), "S/cm": (100.0, 0.0), "mS/cm": (0.1, 0.0),
                     "uS/cm": (1e-4, 0.0), "µS/cm": (1e-4, 0.0), "mS/m": (1e-3, 0.0)},
    "length": {"m": (1.0, 0.0), "cm": (1e-2, 0.0), "mm": (1e-3, 0.0), "um": (1e-6, 0.0),
               "µm": (1e-6, 0.0), "μm": (1e-6, 0.0), "nm": (1e-9, 0.0)},
    "density": {"kg/m3": (1.0, 0.0), "g/cm3": (1000.0, 0.0), "g/cc": (1000.0, 0.0)},
    "pressure": {"Pa": (1.0, 0.0), "kPa": (1e3, 0.0), "MPa": (1e6, 0.0), "GPa": (1e9, 0.0)},
    "voltage": {"V": (1.0, 0.0), "mV": (1e-3, 0.0)},
    "activation energy": {"eV": (1.0, 0.0), "meV": (1e-3, 0.0)},
    "specific capacity": {"mAh/g": (1.0, 0.0), "Ah/kg": (1.0, 0.0)},
    "areal capacity": {"mAh/cm2": (1.0, 0.0)},
    "temperature": {"K": (1.0, 0.0), "degC": (1.0, 273.15), "°C": (1.0, 273.15)},
    "price": {"USD/kg": (1.0, 0.0)},
    "areal resistance": {"ohm*m**2": (1.0, 0.0), "Ohm m2": (1.0, 0.0), "Ohm cm2": (1e-4, 0.0),
                         "ohm cm2": (1e-4, 0.0)},
    "areal mass": {"kg/m2": (1.0, 0.0), "mg/cm2": (1e-2, 0.0), "g/m2": (1e-3, 0.0)},
    "diffusivity": {"m2/s": (1.0, 0.0), "cm2/s": (1e-4, 0.0)},
}
_FAST_KIND = {"ionic conductivity": "conductivity", "electronic conductivity": "conductivity",
              "thickness": "length", "particle size": "length", "modulus": "pressure"}


def _fast(number: float, unit: str, kind: str) -> float | None:
    table = _FAST.get(_FAST_KIND.get(kind, kind))
    if table is None:
        return None
    factor = table.get(unit.strip())
    return None if factor is None else number * factor[0] + factor[1]


_POWER_SUFFIX = re.compile(r"(?<=[A-Za-zµμ])([23])(?![0-9A-Za-z])")
#: a signed exponent as papers and PyBaMM's names write it: ``cm-1``, ``kg-1``, ``m-2``
_SIGNED_POWER = re.compile(r"(?<=[A-Za-zµμ])(-[1-9])(?![0-9A-Za-z])")
#: the dot between unit factors in PyBaMM's names: ``S.cm-1``, ``W.h.kg-1``, ``mA.h.g-1``
_FACTOR_DOT = re.compile(r"(?<=[A-Za-zµμ0-9])\.(?=[A-Za-zµμ])")
_NUMBER_UNIT = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*)$")


def split_value(text: str) -> tuple[float, str] | None:
    """``"1.2 mS/cm"`` -> ``(1.2, "mS/cm")``; None when ``text`` is not a number and a unit."""
    match = _NUMBER_UNIT.match(str(text))
    return (float(match.group(1)), match.group(2).strip()) if match else None


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The one pint registry of solidcell (built on first use; pint is imported here)."""
    import pint

    try:
        ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=":auto:")
    except Exception:  # read-only cache folder: build without the cache
        ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    ureg.define("USD = [currency]")
    return ureg


def _normalise(unit: str) -> str:
    """Turn lab spellings (``mg/cm2``, ``Ohm cm2``, ``mAh/g``, ``µm``) into pint syntax."""
    text = unit.strip().replace("µ", "u").replace("μ", "u").replace("Ω", "ohm")
    text = re.sub(r"\bOhm\b", "ohm", text)
    text = re.sub(r"\bdeg\s*C\b|°C", "degC", text)
    text = re.sub(r"\bdeg\s*K\b", "K", text)
    text = _FACTOR_DOT.sub(" ", text)  # "W.h.kg-1" -> "W h kg-1"
    text = _SIGNED_POWER.sub(r"**\1", text)  # "kg-1" -> "kg**-1"
    text = _POWER_SUFFIX.sub(r"**\1", text)
    for short, full in _SHORTHAND.items():
        text = re.sub(rf"\b{short}\b", f"({full})", text)
    text = re.sub(r"(?<=[\w)])\s+(?=[A-Za-z(])", "*", text)  # "ohm cm**2" -> "ohm*cm**2"
    return text


def _expected_unit(kind: str) -> str:
    try:
        return KINDS[kind]
    except KeyError:
        raise UnitError(
            f"unknown kind of quantity {kind!r}; known kinds: {', '.join(sorted(KINDS))}"
        ) from None


def quantity(text: str, kind: str) -> Any:
    """Parse ``"30 um"`` into a pint Quantity, checking it is a ``kind`` (e.g. ``"length"``)."""
    match = _NUMBER_UNIT.match(str(text))
    if not match:
        raise UnitError(f"{kind}: {text!r} is not a number followed by a unit such as "
                        f"{_example(kind)}")
    number, unit = match.groups()
    return _to_quantity(float(number), unit, kind, text)


def _to_quantity(number: float, unit: str, kind: str, shown: object) -> Any:
    ureg = registry()
    target = _expected_unit(kind)
    try:
        q = ureg.Quantity(number, _normalise(unit) if unit.strip() else "dimensionless")
    except Exception as exc:  # pint raises many kinds (tokenize, syntax, undefined, ...)
        raise UnitError(
            f"{kind}: unknown unit {unit!r} in {shown!r}; expected {_article(kind)} {kind} unit "
            f"such as {_example(kind)}"
        ) from exc
    if kind == "activation energy" and q.check("[energy]/[substance]"):
        q = q / ureg.avogadro_constant  # kJ/mol -> energy per ion
    if not q.check(ureg.Quantity(1, target).dimensionality):
        raise UnitError(
            f"{kind}: {shown!r} has the dimensions of {q.dimensionality}, not of "
            f"{_article(kind)} {kind} "
            f"(expected a unit such as {_example(kind)})"
        )
    return q


def parse(value: str | float | int, kind: str, unit: str | None = None) -> float:
    """Return ``value`` as a float in the canonical unit of ``kind``.

    ``value`` is either a string with its unit (``"1 mS/cm"``) or a number, in which case
    ``unit`` gives its unit (default: the canonical unit itself).
    """
    if isinstance(value, bool):
        raise UnitError(f"{kind}: {value!r} is not a quantity")
    _expected_unit(kind)  # unknown kinds fail here
    if isinstance(value, int | float):
        if unit is None:
            return float(value)
        fast = _fast(float(value), unit, kind)
        if fast is not None:
            return fast
        q = _to_quantity(float(value), unit, kind, f"{value} {unit}")
    else:
        match = _NUMBER_UNIT.match(str(value))
        fast = _fast(float(match.group(1)), match.group(2), kind) if match else None
        result = fast if fast is not None else float(
            quantity(value, kind).to(_expected_unit(kind)).magnitude)
        if not math.isfinite(result):
            raise UnitError(f"{kind}: {value!r} is not a finite quantity")
        return result
    return float(q.to(_expected_unit(kind)).magnitude)


def convert(value: float, kind: str, unit: str) -> float:
    """Convert a canonical-unit float of ``kind`` into ``unit`` (e.g. S/m -> mS/cm)."""
    ureg = registry()
    q = ureg.Quantity(value, _expected_unit(kind))
    try:
        return float(q.to(_normalise(unit)).magnitude)
    except Exception as exc:
        raise UnitError(f"{kind}: cannot express {_expected_unit(kind)} in {unit!r}") from exc


def to_canonical(value: float, unit: str, kind: str) -> float:
    """Convert ``value`` given in ``unit`` into the canonical unit of ``kind``."""
    return parse(value, kind, unit)


def format_number(value: Any, digits: int = 4) -> str:
    """A number as people read it in tables: ``digits`` significant digits, None as a dash.
    Near the float limit, where rounding up would print a number that reads back as infinity
    (1.5e308 to one digit is 2e+308), more digits are shown instead."""
    if value is None:
        return "-"
    if isinstance(value, float):
        text = f"{value:.{digits}g}"
        while math.isfinite(value) and math.isinf(float(text)) and digits < 17:
            digits += 1
            text = f"{value:.{digits}g}"
        return text
    return str(value)


def format_quantity(value: float, kind: str, unit: str | None = None, digits: int = 3) -> str:
    """Format a canonical float for people: ``format_quantity(0.1, "conductivity", "mS/cm")``."""
    shown_unit = unit or _expected_unit(kind)
    shown = convert(value, kind, shown_unit) if unit else value
    return f"{shown:.{digits}g} {shown_unit}"


_EXAMPLES = {
    "ionic conductivity": "'S/cm' or 'mS/cm'",
    "electronic conductivity": "'S/cm'",
    "conductivity": "'S/cm' or 'mS/cm'",
    "length": "'um' or 'mm'",
    "thickness": "'um'",
    "particle size": "'um' or 'nm'",
    "areal mass": "'mg/cm2'",
    "specific capacity": "'mAh/g'",
    "areal capacity": "'mAh/cm2'",
    "areal resistance": "'Ohm cm2'",
    "pressure": "'MPa'",
    "modulus": "'GPa'",
    "fracture toughness": "'MPa*m**0.5'",
    "areal stiffness": "'MPa/mm'",
    "temperature": "'degC' or 'K'",
    "density": "'g/cm3'",
    "activation energy": "'eV' or 'kJ/mol'",
    "price": "'USD/kg'",
}


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def example_units(kind: str) -> str:
    """Units people write for ``kind``, for messages: ``"'um' or 'mm'"``."""
    return _example(kind)


def _example(kind: str) -> str:
    return _EXAMPLES.get(kind, repr(_expected_unit(kind)))
