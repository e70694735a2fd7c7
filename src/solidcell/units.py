"""Units at the edges: parse lab units to SI floats and format SI floats for people.

Inside solidcell every quantity is a plain float (or NumPy array) in the canonical unit of
its *kind* (see :data:`KINDS`); that unit is SI except where the field uses another by
convention (eV for activation energies, USD for prices). Parsing goes through pint, which is
imported lazily so that ``import solidcell`` stays fast.

>>> parse("1 mS/cm", "ionic conductivity")
0.1
>>> round(parse("60degC", "temperature"), 2)
333.15
>>> parse("5 um", "length")  # the float nearest to the exact decimal, not 5.0 * 1e-06
5e-06
"""

from __future__ import annotations

import math
import re
import sys
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from solidcell.checks import is_bool, is_integer, is_real
from solidcell.errors import UnitError, ValidationError

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
    # a surface's heat transfer coefficient to ambient (the lumped thermal model's input)
    "heat transfer coefficient": "W/(m**2*K)",
}

#: Units written the way people type them in a lab, with the SI factor. The canonical units
#: of specific and areal capacity are the lab ones (mAh/g, mAh/cm2) because every table in the
#: field uses them; that is stated in docs/conventions.md.
_SHORTHAND = {
    "mAh": "mA*h",
    "Ah": "A*h",
    "Wh": "W*h",
    "kWh": "kW*h",
}

#: Exact conversions of the most common lab units to the canonical unit of a kind, used
#: before pint (whose registry takes about a second to build): unit as written -> (scale, offset).
#: A decimal scale gives the float nearest to the exact decimal product, as pint's path does
#: (:func:`_decimal_factor`: "5 um" is 5e-06); 1/60 and kJ/mol give the float product.
_FAST: dict[str, dict[str, tuple[float, float]]] = {
    "conductivity": {"S/m": (1.0, 0.0), "S/cm": (100.0, 0.0), "mS/cm": (0.1, 0.0),
                     "uS/cm": (1e-4, 0.0), "µS/cm": (1e-4, 0.0), "mS/m": (1e-3, 0.0)},
    "length": {"m": (1.0, 0.0), "cm": (1e-2, 0.0), "mm": (1e-3, 0.0), "um": (1e-6, 0.0),
               "µm": (1e-6, 0.0), "μm": (1e-6, 0.0), "nm": (1e-9, 0.0)},
    "density": {"kg/m3": (1.0, 0.0), "g/cm3": (1000.0, 0.0), "g/cc": (1000.0, 0.0)},
    "pressure": {"Pa": (1.0, 0.0), "kPa": (1e3, 0.0), "MPa": (1e6, 0.0), "GPa": (1e9, 0.0)},
    "voltage": {"V": (1.0, 0.0), "mV": (1e-3, 0.0)},
    "activation energy": {"eV": (1.0, 0.0), "meV": (1e-3, 0.0),
                          # per mole -> per ion (/ N_A, exact SI constants, codata2018): the
                          # float pint gives (tests/test_units.py)
                          "kJ/mol": (0.010364269656262175, 0.0)},
    "specific capacity": {"mAh/g": (1.0, 0.0), "Ah/kg": (1.0, 0.0)},
    "areal capacity": {"mAh/cm2": (1.0, 0.0), "A.h.m-2": (0.1, 0.0)},
    "temperature": {"K": (1.0, 0.0), "degC": (1.0, 273.15), "°C": (1.0, 273.15)},
    "price": {"USD/kg": (1.0, 0.0)},
    "areal resistance": {"ohm*m**2": (1.0, 0.0), "Ohm m2": (1.0, 0.0), "Ohm cm2": (1e-4, 0.0),
                         "ohm cm2": (1e-4, 0.0), "ohm*cm**2": (1e-4, 0.0)},
    "areal mass": {"kg/m2": (1.0, 0.0), "mg/cm2": (1e-2, 0.0), "g/m2": (1e-3, 0.0)},
    "diffusivity": {"m2/s": (1.0, 0.0), "cm2/s": (1e-4, 0.0)},
    # the other units of the curated materials, so that reading them needs no pint (pint's
    # import loads Dask where it is installed): pint's floats (tests/test_units.py)
    "current density": {"A/m2": (1.0, 0.0), "mA/cm2": (10.0, 0.0)},
    "fracture toughness": {"MPa*m**0.5": (1e6, 0.0)},
    "mass": {"kg": (1.0, 0.0), "g": (1e-3, 0.0), "mg": (1e-6, 0.0)},
    # the units of the process database (cost): pint's factors, equal to pint's result for
    # every number tested (tests/test_units.py); year = pint's Julian year, 365.25 d
    "area": {"m2": (1.0, 0.0)},
    "area price": {"USD/m2": (1.0, 0.0)},
    "energy price": {"USD/kWh": (1.0, 0.0)},
    "rate": {"m/s": (1.0, 0.0), "nm/s": (1e-9, 0.0), "m/min": (1 / 60, 0.0)},
    "time": {"s": (1.0, 0.0), "h": (3600.0, 0.0), "year": (31557600.0, 0.0)},
}
_FAST_KIND = {"ionic conductivity": "conductivity", "electronic conductivity": "conductivity",
              "thickness": "length", "particle size": "length", "modulus": "pressure"}


#: Units of the table that :func:`convert` leaves to pint: pint refuses eV in kJ/mol.
_CONVERT_BY_PINT = frozenset({"kJ/mol"})

#: Most significant digits of a factor read as an exact decimal (:func:`_decimal_factor`);
#: a float product of a few decimal factors is within a few ulp of the decimal, so its 15
#: digit rounding ends in zeros past this; a factor with 1/3, 1/60 or 1/N_A fills all 15.
_FACTOR_DIGITS = 12


@lru_cache(maxsize=512)
def _decimal_factor(factor: float) -> tuple[int, int] | None:
    """``factor`` (a unit's float factor to the canonical unit, from the table or pint) as
    the exact decimal it stands for, ``(m, k)`` for m x 10**k, or None where it stands for no
    short decimal.

    SI prefixes, inch = 0.0254 m, mAh = 3.6 C, Wh = 3600 J, eV = 1.602176634e-19 J (exact
    in the SI) are decimals: pint's float of such a factor, a product of floats, rounded to
    15 significant digits has at most :data:`_FACTOR_DIGITS` digits and lies within 4 ulp of
    the float. A factor with 1/60, 1/3600 (per hour) or 1/N_A (kJ/mol in eV) has no such
    decimal and is kept as pint's float (None); so is 1, where the float is already exact."""
    if factor == 1.0 or factor == 0.0 or not math.isfinite(factor):
        return None
    text = f"{factor:.14e}"  # 15 significant digits: -d.dddddddddddddde+xx
    mantissa, exponent = text.split("e")
    digits = mantissa.replace(".", "").rstrip("0")
    if len(digits.lstrip("-")) > _FACTOR_DIGITS \
            or abs(float(text) - factor) > 4 * math.ulp(factor):
        return None
    return int(digits), int(exponent) - (len(digits.lstrip("-")) - 1)


def _digits_of(number: float) -> tuple[int, int]:
    """The shortest decimal of a finite, nonzero ``number`` (its ``repr``) as ``(n, e)``, n x
    10**e: 4.9999999999999996e-06 is (49999999999999996, -22)."""
    mantissa, _, exponent = repr(number).partition("e")
    whole, _, fraction = mantissa.partition(".")
    return int(whole + fraction), (int(exponent) if exponent else 0) - len(fraction)


def _times(number: float, factor: tuple[int, int]) -> float:
    """The float nearest to (the shortest decimal of ``number``) x ``factor`` (m, k): "5 um"
    is 5e-06 m, not the 4.9999999999999996e-06 of the float product 5.0 x 1e-06. The product
    of integers is exact and ``float`` of a decimal text is correctly rounded; 0 and -0.0
    keep their sign."""
    if number == 0.0:
        return number * factor[0]
    scale, power = factor
    if scale == 1:  # a power of ten (most factors): the shortest decimal, its exponent moved
        mantissa, _, exponent = repr(number).partition("e")
        result = float(f"{mantissa}e{int(exponent) + power if exponent else power}")
    else:
        digits, exponent10 = _digits_of(number)
        result = float(f"{digits * scale}e{exponent10 + power}")
    # past the largest float by its shortest decimal, not by the float: the float product
    return result if math.isfinite(result) else number * float(f"{factor[0]}e{factor[1]}")


def _divided(number: float, factor: tuple[int, int]) -> float:
    """The float nearest to (the shortest decimal of ``number``) / ``factor`` (m, k), rounded
    once: 5e-06 m is 5.0 um."""
    if number == 0.0:
        return number / factor[0]
    digits, exponent = _digits_of(number)
    if factor[0] in (1, -1):  # a power of ten: a decimal text
        result = float(f"{digits * factor[0]}e{exponent - factor[1]}")
    else:
        from fractions import Fraction

        try:
            result = float(Fraction(digits, factor[0]) * Fraction(10) ** (exponent - factor[1]))
        except OverflowError:  # beyond the largest float
            result = math.inf
    # past the largest float by its shortest decimal, not by the float: the float quotient
    return result if math.isfinite(result) else number / float(f"{factor[0]}e{factor[1]}")


@lru_cache(maxsize=256)
def _pint_factor(unit: str, kind: str) -> tuple[int, int] | None:
    """The exact decimal factor (:func:`_decimal_factor`) of ``unit`` to the canonical unit
    of ``kind`` as pint gives it, or None (no short decimal, or a scale with an offset)."""
    target = _expected_unit(kind)
    one = float(_to_quantity(1.0, unit, kind, unit).to(target).magnitude)
    zero = float(_to_quantity(0.0, unit, kind, unit).to(target).magnitude)
    return _decimal_factor(one) if zero == 0.0 else None


def _exactly(number: float, unit: str, kind: str, slow: float) -> float:
    """``number`` ``unit`` in the canonical unit of ``kind``: pint's float ``slow``, or,
    where the unit's factor is an exact decimal, the float nearest to the exact product."""
    if not (math.isfinite(number) and math.isfinite(slow)):
        return slow
    factor = _pint_factor(unit.strip(), kind)
    return slow if factor is None else _times(number, factor)


#: The temperature scales with an offset from kelvin, as :func:`_normalise` writes them (and
#: pint's names): unit -> (offset, scale), T [K] = (x + offset) x scale, as exact decimal
#: texts: 0 degC is 273.15 K, 0 degF is 459.67 degR and 1 degR is 5/9 K (the definitions of
#: the scales, as pint's registry states them).
_OFFSET_SCALES: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("degC", "°C", "celsius", "degree_Celsius"), ("273.15", "1")),
    **dict.fromkeys(("degF", "°F", "fahrenheit", "degree_Fahrenheit"), ("459.67", "5/9"))}


def _offset_exact(number: float, unit: str, kind: str, to_kelvin: bool = True) -> float | None:
    """``number`` in an offset temperature ``unit`` (degC, degF) in K, or (``to_kelvin``
    False) a number in K in ``unit``, to the nearest float of the exact decimal result: the
    decimals given are kept (-20 degC is 253.15 K, not 253.14999999999998; 253.15 K is
    -20 degC). None for another kind or unit, or a number that is not finite."""
    if _FAST_KIND.get(kind, kind) != "temperature" or not math.isfinite(number):
        return None
    key = unit.strip()
    if key == "K":
        return None
    factor = _OFFSET_SCALES.get(key) or _OFFSET_SCALES.get(_normalise(key))  # ('deg C', '℃')
    if factor is None:
        return None
    text = repr(number)  # the shortest decimal that is this float
    if factor[1] == "1":  # degC: a decimal sum, exact in 28 digits (1.7 us; a Fraction 12 us)
        from decimal import Context, Decimal

        ctx = Context(prec=28)  # its own: not the caller's decimal context
        x, offset = Decimal(text), Decimal(factor[0])
        return float(ctx.add(x, offset) if to_kelvin else ctx.subtract(x, offset))
    from fractions import Fraction

    x, off, scale = Fraction(text), Fraction(factor[0]), Fraction(factor[1])
    exact = (x + off) * scale if to_kelvin else x / scale - off
    try:
        return float(exact)
    except OverflowError:  # beyond the largest float: inf, as pint gives it
        return math.inf if exact > 0 else -math.inf


def _fast_from_canonical(number: float, unit: str, kind: str) -> float | None:
    """``number`` (canonical unit of ``kind``) in ``unit`` by the table, pint's float for
    each unit (tests/test_units_curated_fast_qa.py), or None where pint must convert; an
    offset temperature exactly (:func:`_offset_exact`)."""
    exact = _offset_exact(number, unit, kind, to_kelvin=False)
    if exact is not None:
        return exact
    table = _FAST.get(_FAST_KIND.get(kind, kind))
    if table is None or unit.strip() in _CONVERT_BY_PINT:
        return None
    factor = table.get(unit.strip())
    if factor is None:
        return None
    scale, offset = factor
    if offset:
        return (number - offset) / scale
    exact = _decimal_factor(scale) if math.isfinite(number) else None
    return number * (1 / scale) if exact is None else _divided(number, exact)


def _fast(number: float, unit: str, kind: str) -> float | None:
    exact = _offset_exact(number, unit, kind)  # degC, degF: exact to the decimals given
    if exact is not None:
        return exact
    table = _FAST.get(_FAST_KIND.get(kind, kind))
    if table is None:
        return None
    factor = table.get(unit.strip())
    if factor is None:
        return None
    scale, offset = factor
    if offset:
        return number * scale + offset
    # the nearest float of the exact decimal product where the factor is one ("5 um" is
    # 5e-06); no "+ 0.0": -0.0 stays -0.0, as pint gives it
    exact = _decimal_factor(scale) if math.isfinite(number) else None
    return number * scale if exact is None else _times(number, exact)


_POWER_SUFFIX = re.compile(r"(?<=[A-Za-zµμ])([23])(?![0-9A-Za-z])")
#: a signed exponent as papers and PyBaMM's names write it: ``cm-1``, ``kg-1``, ``m-2``
_SIGNED_POWER = re.compile(r"(?<=[A-Za-zµμ])(-[1-9])(?![0-9A-Za-z])")
#: the dot between unit factors in PyBaMM's names: ``S.cm-1``, ``W.h.kg-1``, ``mA.h.g-1``
_FACTOR_DOT = re.compile(r"(?<=[A-Za-zµμ0-9])\.(?=[A-Za-zµμ])")
#: a square root of a unit: ``√m``, ``√(m)``, ``sqrt(m)``
_SQUARE_ROOT = re.compile(r"(?:√|\bsqrt)\s*\(([^()]+)\)|√\s*([A-Za-zµμ]+)")
#: a power of one half after a unit: ``m^1/2``, ``m**(1/2)``, ``m1/2``, ``m½``, ``m^½``
_HALF_POWER = re.compile(r"(?<=[A-Za-zµμ)])(?:\s*(?:\^|\*\*)\s*(?:\(\s*1\s*/\s*2\s*\)|1/2|½)|1/2|½)"
                         r"(?![0-9])")
#: digits, with single underscores between them as Python writes them (``1_000``)
_DIGITS = r"\d(?:_?\d)*"
_NUMBER_UNIT = re.compile(
    rf"^\s*([-+]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][-+]?{_DIGITS})?)\s*(.*)$")


def ascii_minus(text: str) -> str:
    """``text`` with the minus sign papers print (U+2212) as ``-``: ``"−5 degC"``, ``"1e−3 S/cm"``
    (its number was refused, or read as the elementary charge, while its unit was read)."""
    return text.replace("\u2212", "-")


def split_value(text: str) -> tuple[float, str] | None:
    """``"1.2 mS/cm"`` -> ``(1.2, "mS/cm")``; None when ``text`` is not a number and a unit."""
    match = _NUMBER_UNIT.match(ascii_minus(str(text)))
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


#: A character of a unit text, normalised (:func:`_normalise`), that is no part of any unit
#: pint reads: pint's tokenizer silently dropped '?', '!', ';', '@', '~' and a '#' comment.
#: Allowed: letters and digits (superscripts too), '_', spaces, '*', '/', '^', '(', ')', '.',
#: '+', '-', '%' and the superscript minus.
_STRAY_UNIT_CHARACTER = re.compile(r"[^\w\s*/^().+\-%\u207b]")


def _normalise(unit: str) -> str:
    """Turn lab spellings (``mg/cm2``, ``Ohm cm2``, ``mAh/g``, ``µm``) into pint syntax."""
    text = unit.strip().replace("µ", "u").replace("μ", "u").replace("Ω", "ohm")
    text = text.replace("℃", "degC").replace("℉", "degF").replace("$", "USD")
    text = ascii_minus(text)  # U+2212, the minus papers print: "280 μA cm−2"
    text = re.sub(r"-(?=[¹²³⁴⁵⁶⁷⁸⁹])", "⁻", text)  # "cm−²" as "cm⁻²" (was refused)
    # the product dots papers print: "MPa⋅√m" was read as (MPa m)^1/2
    text = text.replace("\u22c5", "*").replace("\u00b7", "*")
    text = re.sub(r"\b([munkMG]?)Ohm\b", r"\1ohm", text)  # "Ohm cm2", "mOhm cm2", "kOhm"
    text = re.sub(r"\bdeg\s*C\b|°\s*C\b", "degC", text)
    text = re.sub(r"\bdeg\s*F\b|°\s*F\b", "degF", text)
    text = re.sub(r"\bdeg\s*K\b|°\s*K\b", "K", text)
    # square roots as papers print fracture toughness: "MPa√m", "MPa·m^1/2", "MPa m1/2",
    # "MPa m½" (pint read "√m" as m and refused "^1/2")
    text = _SQUARE_ROOT.sub(lambda m: f" ({m.group(1) or m.group(2)})**0.5", text).strip()
    text = _HALF_POWER.sub("**0.5", text)
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
    except (KeyError, TypeError):  # (a list or an array as the kind: "unhashable type")
        raise UnitError(
            f"unknown kind of quantity {kind!r}; known kinds: {', '.join(sorted(KINDS))}"
        ) from None


#: Names pint reads as physical constants or numbers, never as units people mean: "5 pi um"
#: was 15.7 um, "1 e3 um" the elementary charge cubed, "5 c" five times the speed of light.
_CONSTANTS = frozenset({
    "pi", "elementary_charge", "speed_of_light", "planck_constant", "boltzmann_constant",
    "avogadro_constant", "avogadro_number", "gravitational_constant", "molar_gas_constant",
    "vacuum_permittivity", "vacuum_permeability", "impedance_of_free_space",
    "faraday_constant", "electron_mass", "proton_mass", "neutron_mass", "zeta",
    "fine_structure_constant", "rydberg_constant", "bohr_radius", "standard_gravity",
    "stefan_boltzmann_constant", "wien_x", "wien_u", "wien_frequency_displacement_law_constant",
    "wien_wavelength_displacement_law_constant", "classical_electron_radius",
})
#: A number with a decimal comma or a thousands separator: "1,5 um", "1,000 um".
_COMMA_NUMBER = re.compile(r"^\s*[-+]?\d[\d_]*,\d")
#: NaN or an infinity written as a number: "nan um", "-inf K", "Infinity MPa".
_NON_FINITE = re.compile(r"^\s*[-+]?(?:nan|inf(?:inity)?)(?![A-Za-z])", re.IGNORECASE)
#: An integer in another base, which read as "0" and a unit said "unknown unit 'x10 um'":
#: "0x10 um", "0o17 um", "0b101 um".
_BASE_PREFIX = re.compile(r"^\s*[-+]?0(?:[xX][0-9a-fA-F]|[oO][0-7]|[bB][01])")


#: A range typed where one value is expected: "40-150 um", "40–150 µm", "40 to 150 um",
#: "1e-3..2e-3 S/cm" (pint read "-150 um" as an unknown unit; the text is named as a range).
_RANGE = re.compile(
    rf"^\s*([-+]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][-+]?{_DIGITS})?)\s*"
    r"(?:[-\u2010-\u2015~]|\.\.|to\b)"
    rf"\s*[-+]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][-+]?{_DIGITS})?"
    r"(?![\d.])")


def refuse_range(text: str, kind: str) -> None:
    """Refuse a range typed as one text (``"40-150 um"``, ``"40–150 µm"``, ``"40 to 150
    um"``) where one value is expected, naming the text and the value to give instead."""
    match = _RANGE.match(text)
    if match:
        # the range's first number ("40." of "40..150 um" without its dot; '0-\n0' has no
        # number-and-unit match: hypothesis, CI at f2b6ffb)
        number = match.group(1).rstrip(".")
        unit = text[match.end():].strip()
        instead = f"'{number} {unit}'" if unit else f"{number} with a unit such as " \
            f"{_example(kind)}"
        raise UnitError(f"{kind}: {text!r} is a range; a single value is expected, e.g. "
                        f"{instead}")


def _refuse_number_form(text: str, kind: str) -> None:
    """Refuse text whose number is written in another base (``0x10 um``) or with an
    underscore where Python puts none (``1__000 um``, ``_1 um``, ``1_ um``); ``1_000 um`` is
    read as Python reads ``1_000``."""
    if _BASE_PREFIX.match(text):
        raise UnitError(f"{kind}: {text!r} is not a decimal number (hexadecimal, octal and "
                        f"binary numbers are not read); give a decimal number with a unit such "
                        f"as {_example(kind)}")
    match = _NUMBER_UNIT.match(text)
    misplaced = (text[match.end(1):match.end(1) + 1] == "_" if match
                 else text.lstrip().lstrip("+-").startswith("_"))
    if misplaced:
        raise UnitError(f"{kind}: {text!r} has an underscore out of place in its number; an "
                        "underscore may only stand between two digits ('1_000' is 1000)")


def _refuse_text(value: object, kind: str) -> None:
    """Refuse, with the reason and what to write instead, ``value`` that is no number and
    unit."""
    text = value if isinstance(value, str) else None
    if text is None:  # None, a list ...: the general message below
        pass
    elif not text.strip():
        raise UnitError(f"{kind}: {text!r} is empty; give a number with a unit such as "
                        f"{_example(kind)}")
    elif _NON_FINITE.match(text):
        raise UnitError(f"{kind}: {text!r} is not a finite quantity; give a finite number with "
                        f"a unit such as {_example(kind)}")
    elif _COMMA_NUMBER.match(text):
        raise UnitError(f"{kind}: {text!r} has a comma in its number; write the decimal with a "
                        "point ('1.5', not '1,5') and no thousands separator")
    raise UnitError(f"{kind}: {value!r} is not a number followed by a unit such as "
                    f"{_example(kind)}")


def quantity(text: str, kind: str) -> Any:
    """Parse ``"30 um"`` into a pint Quantity, checking it is a ``kind`` (e.g. ``"length"``)."""
    if isinstance(text, str):
        text = ascii_minus(text)
        _refuse_number_form(text, kind)
        refuse_range(text, kind)
    match = _NUMBER_UNIT.match(str(text))
    if not match or _COMMA_NUMBER.match(str(text)):
        _refuse_text(text, kind)
    number, unit = match.groups()  # type: ignore[union-attr]  (_refuse_text raised otherwise)
    return _to_quantity(float(number), unit, kind, text, number)


def _to_quantity(number: float, unit: str, kind: str, shown: object,
                 typed: str | None = None) -> Any:
    ureg = registry()
    target = _expected_unit(kind)
    if not unit.strip() and not ureg.Quantity(1, target).dimensionless:
        hint = _give_unit(typed or f"{number:g}", kind)
        raise UnitError(f"{kind}: {shown!r} has no unit; {hint}")
    if "," in unit:  # pint read ",1 mS/cm" as 1 mS/cm: "2 ,1 mS/cm" was 2 mS/cm, not 2.1
        raise UnitError(f"{kind}: {shown!r} has a comma in its unit {unit!r}; write the "
                        "decimal with a point ('1.5', not '1,5') and one number and unit")
    normalised = _normalise(unit) if unit.strip() else "dimensionless"
    stray = _STRAY_UNIT_CHARACTER.search(normalised)
    if stray is not None:  # pint's tokenizer dropped it: '300 K?' was 300 K, '1 mS/cm#5' 1 mS/cm
        raise UnitError(f"{kind}: {shown!r} has {stray.group()!r} in its unit {unit!r}, which "
                        f"is no part of a unit; expected {_article(kind)} {kind} unit such as "
                        f"{_example(kind)}")
    try:
        q = ureg.Quantity(number, normalised)
        q.to_root_units()  # the factor to SI: "km**400" overflows here, not later
    except OverflowError:  # found by hypothesis: "1 km**400" raised OverflowError
        raise UnitError(f"{kind}: the unit of {shown!r} is beyond the range of a float; "
                        f"expected {_article(kind)} {kind} unit such as {_example(kind)}"
                        ) from None
    except Exception as exc:  # pint raises many kinds (tokenize, syntax, undefined, ...)
        raise UnitError(
            f"{kind}: unknown unit {unit!r} in {shown!r}; expected {_article(kind)} {kind} unit "
            f"such as {_example(kind)}{_case_hint(unit, kind)}"
        ) from exc
    constants = sorted(_CONSTANTS.intersection(name for name, _ in q.unit_items()))
    if constants:
        raise UnitError(f"{kind}: {shown!r} holds the constant {constants[0]!r} in its unit; "
                        f"give one number and a unit such as {_example(kind)}")
    if kind == "activation energy" and q.check("[energy]/[substance]"):
        q = q / ureg.avogadro_constant  # kJ/mol -> energy per ion
    if not q.check(ureg.Quantity(1, target).dimensionality):
        other = _what_it_is(q)
        what = (f"is {other}, not" if other is not None
                else f"has the dimensions of {q.dimensionality}, not those of")
        hint = ""
        spelled = re.fullmatch(r"(degrees?\s+)?([CF])", unit.strip())  # '25 degrees C' too
        if kind == "temperature" and spelled:
            letter = spelled.group(2)
            hint = (f"; {letter!r} is the {'coulomb' if letter == 'C' else 'farad'}"
                    f", write 'deg{letter}' or '°{letter}' for degrees")
        elif kind == "temperature" and other == "an angle":
            hint = "; write 'degC' or '°C' for degrees Celsius, or 'K'"
        raise UnitError(
            f"{kind}: {shown!r} {what} {_article(kind)} {kind} "
            f"(expected a unit such as {_example(kind)}){hint}"
        )
    return q


def _case_hint(unit: str, kind: str) -> str:
    """``"; did you mean 'kJ/mol'?"`` where ``unit`` is one of the units of ``kind`` in
    :data:`_FAST` written in other letter cases or spacing ('KJ/mol', 'kj/mol', 'degc'), else
    ``""``: a hint only, never read in its place (a unit symbol's case is its meaning)."""
    table = _FAST.get(_FAST_KIND.get(kind, kind)) or {}
    key = re.sub(r"\s+", "", unit).casefold()
    found = sorted({u for u in table if re.sub(r"\s+", "", u).casefold() == key})
    if len({table[u] for u in found}) != 1:  # none, or units of other sizes ('mS', 'MS')
        return ""
    shown = [u for u in found if u in re.findall(r"'([^']+)'", _example(kind))] or found
    return f"; did you mean {shown[0]!r}?"  # 'Ohm cm2' of 'Ohm cm2' / 'ohm cm2', 'µm' / 'μm'


def _give_unit(number: str, kind: str) -> str:
    """What to write instead of a bare ``number``: ``"give one, e.g. '80 degC' or '80 K'"``."""
    written = " or ".join(f"'{number} {u}'" for u in re.findall(r"'([^']+)'", _example(kind)))
    if kind == "temperature":  # 80 is 80 K or 353.15 K: neither is guessed
        return f"give one: {written} (a bare number is read neither as K nor as degC)"
    return f"give one, e.g. {written}"


#: Names of kinds used to say what a unit of the wrong kind measures ("'5 MPa' is a
#: pressure"); the synonyms of KINDS (thickness for length, modulus for pressure) are left out,
#: and so is "capacity", named "charge" (:data:`_OTHER_NAMES`) since a coulomb is one too.
_KIND_NAMES = ("length", "area", "volume", "mass", "time", "temperature", "current", "voltage",
               "resistance", "conductivity", "pressure", "energy", "power", "density",
               "current density", "areal resistance", "areal mass",
               "specific capacity", "areal capacity", "specific energy", "energy density",
               "specific power", "power density", "diffusivity", "fracture toughness",
               "areal stiffness", "price", "area price", "energy price", "fraction",
               "heat transfer coefficient")


#: Quantities that are no kind of KINDS, named only to say what a unit of the wrong kind
#: measures ("'1 mS' is a conductance, not an ionic conductivity"): name -> one of its units.
_OTHER_NAMES = (
    ("charge", "C"), ("conductance", "S"), ("areal conductance", "S/m**2"),
    ("frequency", "Hz"), ("force", "N"), ("amount of substance", "mol"),
    ("molar mass", "g/mol"), ("concentration", "mol/L"), ("molar energy", "J/mol"),
    ("molar conductivity", "S*m**2/mol"), ("volumetric capacity", "mA*h/cm**3"),
    ("capacitance", "F"), ("inductance", "H"), ("magnetic flux", "Wb"),
    ("magnetic flux density", "T"), ("electric field", "V/m"),
    ("thermal conductivity", "W/(m*K)"), ("heat capacity", "J/K"),
    ("specific heat capacity", "J/(kg*K)"), ("thermal expansion coefficient", "1/K"),
    ("viscosity", "Pa*s"), ("acceleration", "m/s**2"), ("wavenumber", "1/m"),
    ("specific surface area", "m**2/g"), ("luminous intensity", "cd"),
)
#: Units without dimension that are angles ("25 deg" is 25 angle degrees to pint).
_ANGLES = frozenset({"radian", "degree", "arcminute", "arcsecond", "turn", "revolution",
                     "steradian", "gradian", "square_degree"})
#: Units without dimension that are parts of a whole, read as a fraction.
_FRACTIONS = frozenset({"percent", "permille", "ppm"})


@lru_cache(maxsize=1)
def _kinds_by_dimensionality() -> dict[Any, str]:
    ureg = registry()
    out: dict[Any, str] = {}
    for name in _KIND_NAMES:
        out.setdefault(ureg.Quantity(1, KINDS[name]).dimensionality, name)
    for name, unit in _OTHER_NAMES:
        out.setdefault(ureg.Quantity(1, unit).dimensionality, name)
    return out


def _what_it_is(q: Any) -> str | None:
    """What quantity ``q`` is, with its article: ``"a conductance"``, ``"an angle"``,
    ``"a plain number ('count' has no dimension)"``; None when it has no name here."""
    if q.dimensionless:
        names = [name for name, _ in q.unit_items()]
        if any(name in _ANGLES for name in names):
            return "an angle"
        words = [name for name in names if name not in _FRACTIONS]
        if words:
            return f"a plain number ({words[0]!r} has no dimension)"
        return "a fraction"
    other = _kind_of(q.dimensionality)
    return None if other is None else f"{_article(other)} {other}"


def _kind_of(dimensionality: Any) -> str | None:
    """The kind of quantity of ``dimensionality`` ("pressure"), None for no kind of KINDS."""
    return _kinds_by_dimensionality().get(dimensionality)


def _number(value: object, kind: str) -> float | None:
    """``value`` as a float when it is a real number (int, float, NumPy scalar or 0-d array);
    an integer beyond the largest float (``10**400``, which ``float`` cannot convert) is
    refused."""
    real = is_real(value) or (getattr(value, "shape", None) == () and getattr(
        getattr(value, "dtype", None), "kind", "") in ("i", "u", "f"))
    if not real:
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except OverflowError:
        raise UnitError(f"{kind}: the {type(value).__name__} given is beyond the largest float "
                        f"({sys.float_info.max:.4g}); give a finite number") from None


def parse(value: str | float | int, kind: str, unit: str | None = None) -> float:
    """Return ``value`` as a float in the canonical unit of ``kind``.

    ``value`` is either a string with its unit (``"1 mS/cm"``) or a number (int, float, NumPy
    scalar, or text of a bare number), in which case ``unit`` gives its unit (default: the
    canonical unit itself).
    Text must be finite and carry a unit (a bare ``"80"`` is refused for every kind but
    ``"fraction"``: 80 K and 80 degC are not guessed). A number's finiteness and range are the
    caller's rule, but a finite number whose conversion overflows (``1e308 km``) is refused.
    A temperature at or below 0 K (``"-300 degC"`` is -26.85 K) is returned, not refused: each
    caller refuses it naming its own field and allowed range (docs/conventions.md, Units).
    """
    if is_bool(value):
        raise UnitError(f"{kind}: {value!r} is not a quantity; give a number with a unit such "
                        f"as {_example(kind)}")
    _expected_unit(kind)  # unknown kinds fail here
    _check_unit(unit, kind)
    if isinstance(value, str):
        value = ascii_minus(value)
    number = None if isinstance(value, str) else _number(value, kind)
    if number is not None:
        if unit is None:
            return number
        fast = _fast(number, unit, kind)
        shown = f"{value} {unit}".strip()
        q = None if fast is not None else _to_quantity(number, unit, kind, shown)
        result = fast if q is None else _exactly(
            number, unit, kind, float(q.to(_expected_unit(kind)).magnitude))
        if math.isfinite(number) and not math.isfinite(result):
            raise UnitError(f"{kind}: {value!r} {unit} is not a finite quantity in "
                            f"{_expected_unit(kind)}")
        return result
    if isinstance(value, str):
        _refuse_number_form(value, kind)
        refuse_range(value, kind)
    match = _NUMBER_UNIT.match(str(value))
    if unit is not None and isinstance(value, str):  # "25" with unit "degC": the text's number
        if match is not None and match.group(2) and not _COMMA_NUMBER.match(value):
            raise UnitError(f"{kind}: {value!r} with unit {unit!r} gives a unit twice; give "
                            "a number and the unit apart, or the text with its unit alone")
        if match is None or match.group(2):
            comma = "; write decimals with a point" if _COMMA_NUMBER.match(value) else ""
            raise UnitError(f"{kind}: {value!r} is not a number (its unit {unit!r} is given "
                            f"apart{comma})")
        result = parse(float(match.group(1)), kind, unit)
        if not math.isfinite(result):  # text is finite, as text with its unit must be
            raise UnitError(f"{kind}: {value!r} {unit} is not a finite quantity")
        return result
    fast = _fast(float(match.group(1)), match.group(2), kind) if match else None
    result = fast if fast is not None else float(
        quantity(value, kind).to(_expected_unit(kind)).magnitude)  # type: ignore[arg-type]
    if fast is None:  # quantity() refused text without a number and unit: match is one
        result = _exactly(float(match.group(1)), match.group(2), kind, result)  # type: ignore[union-attr]
    if not math.isfinite(result):
        raise UnitError(f"{kind}: {value!r} is not a finite quantity; give a finite number "
                        f"with a unit such as {_example(kind)}")
    return result


def is_quantity(value: object) -> bool:
    """True for a pint Quantity (of any registry), without importing pint: NumPy strips its
    unit silently (``np.asarray(Q_(25, "degC"))`` is 25, read as 25 K)."""
    return type(value).__module__.split(".")[0] == "pint" and hasattr(value, "magnitude") \
        and hasattr(value, "dimensionality")


def magnitude_in(value: Any, kind: str, field: str) -> Any:
    """``value`` unchanged, or, for a pint Quantity (scalar or array), its magnitude in the
    canonical unit of ``kind`` (``Q_(25, "degC")`` -> 298.15 for a temperature); a Quantity
    of another kind raises :class:`~solidcell.errors.ValidationError` naming ``field``."""
    if not is_quantity(value):
        return value
    unit = _expected_unit(kind)
    try:
        return value.to(unit).magnitude  # type: ignore[attr-defined]
    except Exception as exc:  # pint's DimensionalityError, an offset unit it cannot convert
        raise ValidationError(field, value, f"{_article(kind)} {kind} in {unit} or a pint "
                              f"Quantity of one ({' '.join(str(exc).split())})") from None


def _check_unit(unit: object, kind: str, optional: bool = True) -> None:
    """Refuse a unit that is not text (``True`` failed with "'bool' object has no attribute
    'strip'")."""
    if not isinstance(unit, str) and not (optional and unit is None):
        raise UnitError(f"{kind}: the unit {unit!r} is not text; give a unit such as "
                        f"{_example(kind)}")


def _digits(digits: object) -> int:
    """``digits`` of :func:`format_number` and :func:`format_quantity`: significant digits,
    1 to 17 (a double has at most 17)."""
    if not is_integer(digits) or not 1 <= digits <= 17:
        raise ValidationError("digits", digits, "an integer from 1 to 17 (significant digits)")
    return int(digits)  # type: ignore[call-overload]


def convert(value: float, kind: str, unit: str) -> float:
    """Convert a canonical-unit float of ``kind`` into ``unit`` (e.g. S/m -> mS/cm)."""
    expected = _expected_unit(kind)
    _check_unit(unit, kind, optional=False)
    number = None if is_bool(value) else _number(value, kind)
    if number is None:  # None failed in pint with "Invalid magnitude for Quantity"
        raise UnitError(f"{kind}: {value!r} is not a number in {expected}")
    fast = _fast_from_canonical(number, unit, kind)
    if fast is not None:
        return fast
    ureg = registry()
    q = ureg.Quantity(number, expected)
    try:
        slow = float(q.to(_normalise(unit)).magnitude)
    except Exception as exc:
        raise UnitError(f"{kind}: cannot express {_expected_unit(kind)} in {unit!r}") from exc
    if not (math.isfinite(number) and math.isfinite(slow)):
        return slow
    try:
        factor = _pint_factor(unit.strip(), kind)
    except UnitError:  # a unit pint converts but parse refuses ('pi*um'): pint's float
        return slow
    return slow if factor is None else _divided(number, factor)


def to_canonical(value: float, unit: str, kind: str) -> float:
    """Convert ``value`` given in ``unit`` into the canonical unit of ``kind``."""
    return parse(value, kind, unit)


def format_number(value: Any, digits: int = 4) -> str:
    """A number as people read it in tables: ``digits`` significant digits, None as a dash.
    Near the float limit, where rounding up would print a number that reads back as infinity
    (1.5e308 to one digit is 2e+308), more digits are shown instead."""
    digits = _digits(digits)
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
    digits = _digits(digits)
    _check_unit(unit, kind)
    shown_unit = unit or _expected_unit(kind)
    number = None if is_bool(value) else _number(value, kind)
    if number is None:  # None: "unsupported format string passed to NoneType.__format__"
        raise UnitError(f"{kind}: {value!r} is not a number in {_expected_unit(kind)}")
    shown = convert(number, kind, shown_unit) if unit else number
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
    "area price": "'USD/m2'",
    "energy price": "'USD/kWh'",
    "current density": "'mA/cm2' or 'A/m2'",
    "current": "'A' or 'mA'",
    "capacity": "'Ah' or 'mAh'",
    "voltage": "'V' or 'mV'",
    "time": "'s' or 'h'",
    "energy": "'J' or 'Wh'",
    "specific energy": "'Wh/kg'",
    "energy density": "'Wh/L'",
    "power": "'W'",
    "specific power": "'W/kg'",
    "power density": "'W/L'",
    "diffusivity": "'cm2/s'",
    "resistance": "'ohm'",
    "area": "'cm2' or 'm2'",
    "volume": "'cm3' or 'L'",
    "mass": "'g' or 'kg'",
    "rate": "'um/s' or 'nm/s'",
    "heat transfer coefficient": "'W/(m2 K)' or 'mW/(cm2 K)'",
    "fraction": "'%' or a plain number",
}


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def example_units(kind: str) -> str:
    """Units people write for ``kind``, for messages: ``"'um' or 'mm'"``."""
    return _example(kind)


def _example(kind: str) -> str:
    if not isinstance(kind, str):
        _expected_unit(kind)  # refused there, naming the kinds
    return _EXAMPLES.get(kind, repr(_expected_unit(kind)))
