"""Chemical formulas through pymatgen's ``Composition``, with errors that say what is wrong."""

from __future__ import annotations

import functools
import itertools
import math
import re
from typing import TYPE_CHECKING, Any

from solidcell.errors import ValidationError

if TYPE_CHECKING:  # pragma: no cover
    from pymatgen.core import Composition, Element, Species


def parse_composition(formula: str, field: str = "formula") -> Composition:
    """Parse ``formula`` (``"Li6PS5Cl"``, ``"LiNi0.8Mn0.1Co0.1O2"``) into a Composition.

    Subscript digits as copied from a paper (``"Li₆PS₅Cl"``) are read as digits, and an amount
    with an exponent (``"LiCo1e-3O2"``, as pymatgen reads it and writes small amounts) as its
    decimal number. Raises :class:`ValidationError` naming ``field`` and the text as given for
    empty formulas, unknown elements (with the capitalised reading that parses: ``"LI2O"``, did
    you mean ``"Li2O"``), negative amounts and text pymatgen cannot read.
    """
    if not isinstance(formula, str) or not formula.strip():
        raise ValidationError(field, formula, "give a chemical formula such as 'Li6PS5Cl'")
    text = formula if formula.isascii() else formula.translate(SUBSCRIPT_DIGITS)
    try:
        return _parse_ascii(_plain_exponents(text, field), field)
    except ValidationError as exc:
        hint = _case_hint(formula)
        if exc.value == formula and not hint:
            raise
        raise ValidationError(exc.field, formula, exc.allowed + hint) from None


def parse_formula_not_name(formula: str, field: str = "formula") -> Composition:
    """:func:`parse_composition`; a material id or alias given instead ('nmc811', 'LLZO',
    'Nmc811', which ``solidcell window`` takes) is refused with the formula of the material's
    record named (:func:`named_material`), as ``predict`` and ``capacity`` do."""
    try:
        return parse_composition(formula, field)
    except ValidationError as exc:
        known = named_material(formula)
        if known is None or not known.formula:
            raise
        where = "the knowledge-base" if known.origin == "curated" else "your own"
        raise ValidationError(exc.field, exc.value,
                              f"a chemical formula; {formula.strip()!r} names "
                              f"{where} material {known.id!r}: give its formula "
                              f"{known.formula!r}") from None


def named_material(name: Any) -> Any:
    """The material ``name`` names, or None: a curated one whose id or alias ('LiPON',
    'LLZO') it is, then one of the database (``$SOLIDCELL_DB``: your own ones too) of that id;
    then the same in another letter case ('NMC811' for 'nmc811', 'llzo'). Only for a text that
    is no formula (a refusal's hint), so a formula costs no look-up."""
    text = name.strip() if isinstance(name, str) else ""
    if not text:
        return None
    for exact in (True, False):
        known = knowledge_base_material(text, any_case=not exact) or _stored_material(
            text if exact else text.lower())
        if known is not None:
            return known
    return None


def knowledge_base_material(name: str, *, any_case: bool = False) -> Any:
    """The curated material whose id (lower case) or one of whose aliases ('LiPON', 'LLZO')
    is ``name`` (letter case aside with ``any_case``), or None."""
    text = name.strip()
    if not text:
        return None
    from solidcell.materials.store import curated_materials

    key = text.casefold() if any_case else text
    for material in curated_materials():
        names = (material.id, *material.aliases)
        if key in (tuple(n.casefold() for n in names) if any_case else names):
            return material
    return None


def _stored_material(name: str) -> Any:
    """The material of the database whose id is ``name``, or None."""
    from solidcell.errors import SolidcellError
    from solidcell.materials import get

    try:
        return get(name)
    except SolidcellError:
        return None


#: A number with an exponent ('1e-3', '2.5E+4', '1e−3' with the minus sign U+2212): a digit
#: before the e, as no element symbol starts with a small letter.
_EXPONENT = re.compile(r"(?<![\d.])(\d+\.?\d*|\.\d+)[eE]([-+\u2212]?\d+)(?![\d.])")

#: An e left where pymatgen reads an amount ('Li1e-Cl', 'Li1eLi', '(Li)e', 'Li e'): after a
#: digit, bracket, point, space or the '@' pymatgen removes; E too, where no small letter
#: follows (Er, Es, Eu).
_BAD_EXPONENT = re.compile(r"(?<=[\d)\]}.\s@])(?:e|E(?![a-z]))")


def _plain_exponents(text: str, field: str) -> str:
    """``text`` with each amount written with an exponent as its decimal number ('Li1e-3Cl'
    is Li0.001Cl), as pymatgen reads 'Li1e-3Cl' and writes small amounts ('Li1e-07Cl'): its
    '-' no longer reads as a mixture's dash ("could not convert string to float: '1e'").
    Infinite amounts ('LiCl1e400') and exponents without digits ('Li1e-Cl') are refused."""
    if not _BAD_EXPONENT.search(text):  # no e after a digit: no exponent (most formulas)
        return text
    from decimal import Decimal  # here: the import takes longer than the search above

    def plain(match: re.Match[str]) -> str:
        number = f"{match.group(1)}e{match.group(2).replace(chr(0x2212), '-')}"
        if not math.isfinite(float(number)):
            raise ValidationError(field, text, f"amounts of elements must be finite; "
                                  f"{_cut(repr(match.group(0)))} is too large for a number")
        if float(number) == 0:  # '0e5' reads as 0; '1e-400' is too small for a float
            if float(match.group(1)) == 0:
                return "0"
            raise _too_small(field, text, repr(match.group(0)))
        return format(Decimal(number), "f")

    plain_text = _EXPONENT.sub(plain, text)
    if _BAD_EXPONENT.search(plain_text):  # pymatgen: "could not convert string to float: '1e'"
        raise ValidationError(field, text, "an exponent of an amount is a whole number after "
                              "the e ('LiCo1e-3O2' is LiCo0.001O2)")
    return plain_text


#: Unicode subscript digits (Li₂S) to ASCII digits.
SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def _parse_ascii(formula: str, field: str) -> Composition:
    """:func:`parse_composition` of a formula written with ASCII digits."""
    if "D" in formula or "T" in formula:  # most formulas hold neither: no symbols to read
        isotopes = sorted(set(_SYMBOL.findall(formula)) & {"D", "T"})
        if isotopes:  # pymatgen reads D and T as H, which would answer for another compound
            raise ValidationError(field, formula, f"{isotopes[0]!r} is an isotope symbol, not "
                                  "an element; write H")
    zero = _ZERO_AMOUNT.search(formula)
    if zero:  # pymatgen drops an element written with amount 0: 'Li0O' would be read as O
        raise ValidationError(field, formula, f"amounts of elements must be positive; "
                              f"{zero.group(0)!r} has amount 0 (leave the element out or "
                              "give its amount)")
    letter_o = _LEADING_ZERO.search(formula)
    if letter_o:  # 'LiFeP04' (a zero for the letter O) was read as LiFeP4 without a word
        sym, digits = letter_o.group(1), letter_o.group(2)
        meant = sym + "O" + digits[1:]
        raise ValidationError(field, formula, f"an amount does not start with 0: "
                              f"{sym + digits!r}; is the 0 the letter O ({meant!r})?")
    variable = _VARIABLE_AMOUNT.search(formula)
    if variable:  # 'Li1+xAlxTi2-x(PO4)3' got the proportions hint 'xLi1+xAlxTi2-yx(PO4)3'
        raise ValidationError(field, formula, f"amounts as numbers; {variable.group(1)!r} is a "
                              "variable, so the formula names a family of compositions: give "
                              "one member (x = 0.3 in Li1+xAlxTi2-x(PO4)3 is "
                              "Li1.3Al0.3Ti1.7(PO4)3)")
    _check_negative(formula, field)
    _check_proportions(formula, field)
    tokens = formula.split()
    for first, second in itertools.pairwise(tokens):
        # pymatgen reads 'Li7La3Zr2O12 Li3PS4' as one compound; 'Li3PS4. LiI' is a mixture
        if first[-1].isalnum() and all(t[:1].isupper() and len(_SYMBOL.findall(t)) > 1
                                       for t in (first, second)):
            raise ValidationError(field, formula, f"one formula; {_cut(repr(first))} and "
                                  f"{_cut(repr(second))} "
                                  "are separate formulas (give each on its own, or a mixture "
                                  "as '0.5Li3PS4-0.5LiI')")
    try:
        comp = _mixture(_period_dots(formula.strip()))
    except (OverflowError, ArithmeticError):
        raise ValidationError(field, formula, "amounts of elements must be finite") from None
    except Exception as exc:  # pymatgen raises ValueError/KeyError/CompositionError
        case = ("; element symbols start with a capital letter (Li3PS4, not li3ps4)"
                if not re.search("[A-Z]", formula) else "") + _hints(formula)
        raise ValidationError(
            field, formula, f"not a chemical formula of known elements ({_cut(exc)}){case}; "
            "mixtures and hydrates read as '0.75Li2S-0.25P2S5' or 'LiOH·H2O'") from None
    _check_kept(comp, formula, field)
    return check_composition(comp, field, formula)


def _check_kept(comp: Composition, formula: str, field: str) -> None:
    """Refuse ``formula`` when pymatgen dropped one of its elements: an amount below
    ``Composition.amount_tolerance`` (1e-8) is left out, so 'Li0.000000001Cl' or 'Li1e-300Cl'
    was read as Cl without a word."""
    written = dict.fromkeys(_SYMBOL.findall(formula))
    if len(written) == len(comp):  # each symbol written is in comp: nothing was dropped
        return
    from pymatgen.core import Element
    kept = {el.symbol for el in comp.elements}
    for symbol in written:
        if symbol not in kept and Element.is_valid_symbol(symbol):
            raise _too_small(field, formula, f"the amount of {symbol!r}")


def _too_small(field: str, formula: str, what: str) -> ValidationError:
    """The error for an amount below pymatgen's ``Composition.amount_tolerance``."""
    from pymatgen.core import Composition

    return ValidationError(field, formula, f"amounts of elements must be at least "
                           f"{Composition.amount_tolerance:g} (pymatgen's Composition drops "
                           f"smaller ones); {what} is smaller (leave the element out or give "
                           "a larger amount)")


#: A charge as written after an ion ('Li+', 'S2-', 'Fe3+', 'Li⁺'), or a plus between parts.
_CHARGE = re.compile(r"[+\u207a\u207b\u00b2\u00b3\u00b9\u2070-\u2079]|[A-Za-z)\]}\d]-\s*$")
#: One number written with two decimal points ('LiCl.0.5H2O', 'O12.0.5Li2O').
_TWO_POINTS = re.compile(r"\d*\.\d+\.\d")


def _hints(formula: str) -> str:
    """What a refused ``formula`` most likely meant, for the error message (pymatgen's own
    reason, '+ is an invalid formula!' or "could not convert string to float: '.0.5'", does
    not say)."""
    out = ""
    if _CHARGE.search(formula):
        out += ("; a formula is a neutral compound without charges or '+' (Li2S, not S2- or "
                "Li+; a mixture joins its parts with '-' and their amounts)")
    if _TWO_POINTS.search(formula):
        out += ("; a number has two decimal points: write the hydrate or mixture dot as '·' "
                "(LiCl·0.5H2O)")
    return out


#: A run of letters in a formula; group 1 is the e of an exponent ('1e-3'), kept as it is.
_LETTERS = re.compile(r"(?<=\d)([eE])(?=[-+\u2212]?\d)|[A-Za-z]+")


def _case_hint(formula: str) -> str:
    """'; did you mean ...' with up to two readings of ``formula`` whose letters, cased as
    element symbols (a capital, then at most one small letter), parse ('LI2O': 'Li2O'); ''
    when none does or the text is long. Radioactive elements are not offered ('NMC811' is not
    NMc811, moscovium)."""
    from solidcell.errors import MAX_SHOWN

    if len(formula) > MAX_SHOWN:
        return ""
    runs = [(m.start(), m.end(), [m.group(1)] if m.group(1) else _symbol_readings(
        m.group(0).lower())) for m in _LETTERS.finditer(formula)]
    if not runs or not all(r for _, _, r in runs):
        return ""
    found: list[str] = []
    for choice in itertools.islice(itertools.product(*(r for _, _, r in runs)), 8):
        text, end = "", 0
        for (start, stop, _), reading in zip(runs, choice, strict=True):
            text += formula[end:start] + reading
            end = stop
        text += formula[end:]
        if text != formula and text not in found and _parses(text):
            found.append(text)
    return f"; did you mean {' or '.join(_cut(repr(t)) for t in found[:2])}?" if found else ""


def _symbol_readings(letters: str) -> list[str]:
    """Up to 4 ways to write the small ``letters`` as symbols of elements that are not
    radioactive ('lipon': ['LiPON']; 'co': ['CO', 'Co'])."""
    symbols, most = _stable_symbols(), 4
    ends: list[list[str]] = [[] for _ in letters] + [[""]]
    for i in range(len(letters) - 1, -1, -1):
        for size in (1, 2):
            symbol = letters[i:i + size].capitalize()
            if i + size <= len(letters) and symbol in symbols:
                ends[i] += [symbol + rest for rest in ends[i + size]][:most - len(ends[i])]
    return ends[0]


@functools.cache
def _stable_symbols() -> frozenset[str]:
    """Symbols of the elements pymatgen knows that are not radioactive."""
    from pymatgen.core import Element

    return frozenset(el.symbol for el in Element if not el.is_radioactive)


def _parses(text: str) -> bool:
    """True when :func:`parse_composition` reads ``text``."""
    try:
        _parse_ascii(_plain_exponents(text.translate(SUBSCRIPT_DIGITS), "formula"), "formula")
    except ValidationError:
        return False
    return True


def _cut(reason: object) -> str:
    """``str(reason)``, its unprintable characters escaped, cut in the middle to
    :data:`solidcell.errors.MAX_SHOWN` characters: pymatgen's message repeats the formula, so a
    pasted 100,000-character text made a 100,000-character error although the value itself is
    shown cut."""
    from solidcell.errors import MAX_SHOWN

    # a control character of the text (ESC, from ' @\x1b') is shown escaped, as repr shows
    # the value, never written raw to a terminal
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in str(reason))
    if len(text) <= MAX_SHOWN:
        return text
    half = MAX_SHOWN // 2
    return f"{text[:half]}...{text[-half // 2:]} ({len(text)} characters)"


def check_composition(comp: Composition, field: str = "formula", shown: object = None
                      ) -> Composition:
    """``comp`` when it holds chemical elements (oxidation-state decorated or not) in finite,
    positive amounts; else ValidationError naming ``field`` and ``shown`` (default: ``comp``).
    Composition objects from users or CIFs may hold dummy species or overflowing amounts."""
    composition, element, species = _pymatgen()
    shown = comp if shown is None else shown
    # comp[el] of an Element sums the amounts of every key of its symbol (Fe and Fe2+); where
    # all keys are Elements (distinct symbols), comp.values() are the amounts as stored, read
    # here without comp[el] (which took most of the time of parsing a formula)
    plain = type(comp) is composition and set(map(type, comp)) == {element}
    amounts = [float(a) for _, a in comp.items()] if plain else [float(a) for a in comp.values()]
    if not all(map(math.isfinite, amounts)) or not math.isfinite(comp.num_atoms):
        raise ValidationError(field, shown, "amounts of elements must be finite")
    if comp.num_atoms <= 0 or min(amounts, default=0.0) < 0:  # amounts are not NaN here
        raise ValidationError(field, shown, "amounts of elements must be positive")
    if plain:
        return comp
    for el in comp.elements:
        if type(el) not in (element, species):  # DummySpecies subclasses Species
            raise ValidationError(field, shown,
                                  f"{str(el).rstrip('0+-')!r} is not a chemical element")
    return comp


@functools.cache
def _pymatgen() -> tuple[type[Composition], type[Element], type[Species]]:
    """pymatgen's Composition, Element and Species, imported on first use (importing
    pymatgen takes seconds) and then once: an import in each call took ~2 us per formula."""
    from pymatgen.core import Composition, Element, Species

    return Composition, Element, Species


#: Element symbols as written in a formula (a capital, then at most one small letter).
_SYMBOL = re.compile(r"[A-Z][a-z]?")
#: An element (or a bracketed group) written with amount zero: 'Li0O', 'Li0.0O', '(PO4)0'.
_ZERO_AMOUNT = re.compile(r"(?:[A-Z][a-z]?|[)\]}])(?:0+(?:\.0*)?|\.0+)(?![\d.])")
#: An element (or bracket) whose amount starts with a 0 and another digit: 'P04', 'Co03'.
_LEADING_ZERO = re.compile(r"([A-Z][a-z]?|[)\]}])(0\d+)")
#: An amount written as a variable ('Li1+xAlxTi2-x(PO4)3', 'Li7-xLa3Zr2-xTaxO12', 'O3-δ',
#: '(C2H4O)n'): x, y, z, n or δ after no letter or after a two-letter symbol.
_VARIABLE_AMOUNT = re.compile(r"(?:(?<![A-Za-z])|(?<=[A-Z][a-z]))([xyznδ])(?![a-z])")
#: One part of a mixture or hydrate: an optional amount, then a formula.
_PART = re.compile(r"^(\d*\.?\d+(?:[eE][-+]?\d+)?)?\s*([A-Z(\[].*)$")


#: An ASCII period standing for the hydrate dot: after a symbol or bracket and not before a
#: digit ('LiOH.H2O'; 'Li.5' stays the amount 0.5), or after an amount and before a formula
#: ('Li2SO4.H2O', 'Li3PS4.LiI').
_PERIOD = re.compile(r"(?<=[A-Za-z)\]}])\.(?!\d)|(?<=\d)\.(?=\s*[A-Z(\[])")
#: 'CaSO4.2H2O', 'Li3InCl6.2H2O': a whole number of waters after a whole amount, at the end.
_PERIOD_WATERS = re.compile(r"([A-Za-z)\]}][1-9]\d*)\.(\d+\s*H2O\s*)$")


def _period_dots(text: str) -> str:
    """``text`` with an ASCII period that stands for the hydrate dot written as ``·``.

    pymatgen read 'CaSO4.2H2O' as CaSO5.2H2 and 'Li3InCl6.2H2O' as Li3InCl6.2H2O (Cl 6.2)
    without a word; 'LiOH.H2O' failed. A period between two digits is a decimal point, except
    before a whole number of waters that ends the formula ('X4.2H2O' is X4·2H2O)."""
    if "." not in text:  # both patterns need a period (most formulas have none)
        return text
    if "H2O" in text:
        text = _PERIOD_WATERS.sub(lambda m: f"{m.group(1)}\u00b7{m.group(2)}", text)
    return _PERIOD.sub("\u00b7", text)


#: Dashes between the parts of a pseudo-binary (or -ternary) system: hyphen, non-breaking
#: hyphen, en and em dash, minus sign.
_SYSTEM_DASHES = "[-\u2010\u2011\u2013\u2014\u2212]"


def _check_proportions(formula: str, field: str) -> None:
    """Refuse a system written without proportions ('Li2S-P2S5', 'LiBH4-LiI').

    In the solid-electrolyte literature 'Li2S-P2S5' names the whole glass system
    (xLi2S-(100-x)P2S5), not its 1:1 member; reading it as LiPS3 would answer for a compound
    the user did not mean. A hydrate dot ('LiOH·H2O') keeps its 1:1 reading. Only where every
    part is a formula: 'Li3N1e-9' got the hint 'xLi3N1e-y9'."""
    parts = [p.strip() for p in _DASH.split(formula)]
    if len(parts) < 2 or not all(parts) or not all(_PART.match(p) for p in parts):
        return
    if not any((m := _PART.match(p)) and m.group(1) for p in parts):
        pattern = "-".join(f"{amount}{p}" for amount, p in zip("xyzuvw", parts, strict=False))
        raise ValidationError(
            field, formula, "a system written without proportions names a family of "
            f"compositions, not one; give the amount of each part, {_cut(repr(pattern))} with "
            "numbers (e.g. '75Li2S-25P2S5' = Li3PS4)")


#: The dashes of :data:`_SYSTEM_DASHES`, compiled.
_DASH = re.compile(_SYSTEM_DASHES)
#: A part of a dash-joined text that starts with a number: the number, then the rest.
_LEADING_NUMBER = re.compile(r"(\d*\.?\d+)(.*)$", re.DOTALL)
#: A formula of one element and its amount ('Cl', 'Li2'): no mixture part after a minus.
_ONE_ELEMENT = re.compile(r"[A-Z][a-z]?\d*\.?\d*\s*$")
#: The element or bracket that ends the text before a minus ('Li' of 'Li-1Cl').
_LAST_SYMBOL = re.compile(r"(?:[A-Z][a-z]?|\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|[)\]}])[\d.]*$")


def _check_negative(formula: str, field: str) -> None:
    """Refuse an amount written with a minus ('Li-1Cl', 'Li3N-9', '-1Li2O').

    A dash before a number joins a mixture's parts ('0.75Li2S-0.25P2S5', 'Fe-2Li2S'), so
    'Li-1Cl' was read as Li + Cl = LiCl. A minus reads as a sign where no formula follows the
    number ('Li3N-9'), where the text starts with it, or where it follows a part without an
    amount, touches the number and a single element follows ('Li-1Cl', pymatgen's Li(-1)Cl;
    'Li - 1Cl' is a mixture)."""
    parts = _DASH.split(formula)
    for before, after in itertools.pairwise(parts):
        number = _LEADING_NUMBER.match(after.lstrip())
        if not number:
            continue
        rest, prev = number.group(2).strip(), before.strip()
        touching = after == after.lstrip()  # the dash right before the number: a sign
        bare = (part := _PART.match(prev)) is not None and not part.group(1)
        last = _LAST_SYMBOL.search(prev)
        if prev and not last:
            continue  # no formula before the dash ('W h kg-1')
        if prev and re.match(r"[A-Z(\[]", rest) and not (
                touching and bare and _ONE_ELEMENT.match(rest)):
            continue  # the amount of a mixture's part ('Fe-2Li2S', '0.5Li-0.5Cl', 'Li2S - 2Li')
        piece = f"{last.group(0) if last else ''}-{number.group(1)}"
        raise ValidationError(field, formula, f"amounts of elements must be positive; "
                              f"{_cut(repr(piece))} reads as a negative amount (a mixture gives "
                              "every part its amount: '0.75Li2S-0.25P2S5')")


#: Characters between the parts of a mixture or hydrate: hyphen, non-breaking hyphen, en and
#: em dash, minus sign, middle dot, dot operator, bullet, bullet operator (CuSO4∙5H2O as some
#: papers typeset it), katakana middle dot, asterisk.
MIXTURE_SEPARATORS = "[-\u2010\u2011\u2013\u2014\u2212\u00b7\u22c5\u2022\u2219\u30fb*]"
#: :data:`MIXTURE_SEPARATORS`, compiled.
_MIXTURE_SEPARATOR = re.compile(MIXTURE_SEPARATORS)


def _mixture(text: str) -> Composition:
    """``Composition`` of a formula, or of a mixture or hydrate written with a hyphen, the en
    or em dash or minus sign papers typeset (``70Li2S–30P2S5``), ``·``, ``⋅``, ``•``, ``∙``,
    ``・`` or ``*`` between parts (``0.75Li2S-0.25P2S5`` = Li3PS4, ``LiOH·H2O``): the
    amount-weighted sum of the parts."""
    parts = [p.strip() for p in _MIXTURE_SEPARATOR.split(text)]
    if len(parts) == 1:
        return _composition(text)
    total = _pymatgen()[0]()
    for part in parts:
        match = _PART.match(part)
        if not match:
            raise ValueError(f"{part!r} is not an amount followed by a formula")
        amount = float(match.group(1)) if match.group(1) else 1.0
        if amount == 0:
            raise ValueError(f"{part!r} has amount 0; leave the part out")
        total += _composition(match.group(2)) * amount
    return total


def _composition(text: str) -> Composition:
    """``Composition(text)``; where pymatgen fails, again with its brackets multiplied out
    (:func:`_expand_groups`), which pymatgen writes as floats it cannot read back."""
    composition = _pymatgen()[0]
    try:
        return composition(text)
    except Exception as exc:  # pymatgen raises ValueError/KeyError/CompositionError
        expanded = _expand_groups(text)  # OverflowError for a product beyond a float
        if expanded == text:
            raise
        try:
            return composition(expanded)
        except Exception:
            raise exc from None


#: An innermost bracketed group of elements and plain amounts, and its factor: '(PO4)3'.
_GROUP = re.compile(r"[(\[{]((?:\s*[A-Z][a-z]*(?:\s*(?:\d+\.?\d*|\.\d+))?)+\s*)[)\]}]"
                    r"\s*(\d+\.?\d*|\.\d+)?")
#: One element and its amount inside a group.
_ELEMENT_AMOUNT = re.compile(r"([A-Z][a-z]*)\s*(\d+\.?\d*|\.\d+)?")


def _expand_groups(text: str) -> str:
    """``text`` with each bracketed group multiplied out in decimal numbers ('Li(PO4)3' is
    Li P3 O12). pymatgen writes the products as Python floats, and 'P1e+20' (from
    'Li(PO4)100000000000000000000', or the reduced formula pymatgen itself wrote for
    La2e50LiP2e5) then fails its own reading: "could not convert string to float: '1e'".
    A product beyond a float raises OverflowError; one below 1e-400 is written 0."""
    from decimal import Decimal

    def product(group: re.Match[str]) -> str:
        factor = Decimal(group.group(2) or 1)
        out = ""
        for el, amount in _ELEMENT_AMOUNT.findall(group.group(1)):
            value = Decimal(amount or 1) * factor
            if value and value.adjusted() > 400:  # 400: beyond a float's 1.8e308
                raise OverflowError(f"{el} {value:.3e} is beyond a float")
            out += f"{el}{format(value, 'f') if not value or value.adjusted() > -400 else '0'}"
        return out

    while True:
        expanded = _GROUP.sub(product, text)
        if expanded == text:
            return text
        text = expanded


def molar_mass(formula: str) -> float:
    """Molar mass of one formula unit [kg/mol]."""
    return float(parse_composition(formula).weight) * 1e-3


def is_charge_balanced(formula: str) -> bool:
    """True when some assignment of known oxidation states balances ``formula``
    (:func:`solidcell.chemistry.oxidation.oxidation_states`, which also reads fractional
    amounts such as Li6.4La3Zr1.4Ta0.6O12; pymatgen's own guesser refuses those), mixed
    valence included (:func:`~solidcell.chemistry.oxidation.mixed_valence_balanced`: Fe3O4
    was called unbalanced, "probably mistyped" by the stability window's message)."""
    from solidcell.chemistry.oxidation import mixed_valence_balanced, oxidation_states

    comp = parse_composition(formula)
    return oxidation_states(comp) is not None or mixed_valence_balanced(comp)


def composition_label(comp: Composition) -> str:
    """``comp.formula`` ('Li1 Fe1 P1 O4') to name a Composition in a message; its repr where
    pymatgen cannot write the formula (an infinite amount: ``.formula`` raised OverflowError,
    where the refusal "amounts of elements must be finite" was meant to come)."""
    try:
        return comp.formula
    except (OverflowError, ValueError):
        return repr(comp)


def formula_unit(structure: Any) -> tuple[Composition, int]:
    """(the composition of one formula unit of the pymatgen ``structure``, Z, the formula
    units its cell holds): a cell of Z formula units is one formula unit, as a paper writes
    it, whether or not its amounts are whole.

    pymatgen's ``reduced_composition`` (``get_reduced_formula_and_factor``) reduces whole
    amounts only: a cell with a partly occupied site (Li 0.8 in Ta-doped garnet) stayed a
    cell, Li12.8La6Zr2.8Ta1.2O24 for two units of Li6.4La3Zr1.4Ta0.6O12, and its integer
    formula (``get_integer_formula_and_factor``: Li32La15Zr7Ta3O60) is no formula unit
    either. Whole amounts keep pymatgen's reduction (its special formulas such as Li2O2
    too). Otherwise Z is the largest number of units that each hold a whole number of every
    kind of site (sites of one occupancy: Li 0.8; Zr 0.7 + Ta 0.3; La): the greatest common
    divisor of the kinds' site counts, 16, 6, 4 and 24 there, so Z = 2 (an ordered cell's
    kinds are its elements, whose counts' divisor is pymatgen's factor). A cell whose kinds
    share no divisor is one unit (Li0.5LaZr0.75Ta0.25O3 with one site of each kind)."""
    comp = structure.composition
    if all(abs(float(a) - round(float(a))) < type(comp).amount_tolerance
           for a in comp.values()):
        reduced, factor = comp.get_reduced_composition_and_factor()
        return reduced, round(factor)
    kinds: dict[tuple[tuple[str, float], ...], int] = {}
    for site in structure:
        kind = tuple(sorted((str(sp), float(occ)) for sp, occ in site.species.items()))
        kinds[kind] = kinds.get(kind, 0) + 1
    z = math.gcd(*kinds.values())
    return (comp / z, z) if z > 1 else (comp, 1)


def formula_text(value: Any, field: str = "formula", decimals: int = 10) -> Any:
    """``value`` as formula text where it is a pymatgen ``Composition`` (its amounts as given,
    oxidation states dropped: ``Composition("Li2Fe2P2O8")`` is ``"Li2Fe2P2O8"``) or
    ``Structure`` (the formula of one formula unit, :func:`formula_unit`: a cell of Z formula
    units is one formula unit, as a paper writes it, a cell with partly occupied sites too);
    anything else unchanged, for the caller's parser to check. Functions
    that take a formula (``theoretical_capacity``, ``stability_window``) take pymatgen's
    objects as ``predict_conductivity`` does; they were refused ("Composition('Li1 Fe1 P1
    O4') is not allowed")."""
    if isinstance(value, str) or not type(value).__module__.startswith("pymatgen"):
        return value  # pymatgen is not imported for the text of a formula
    from pymatgen.core import Composition, IStructure

    if isinstance(value, IStructure):  # Structure too (a subclass)
        shown = composition_label(value.composition) if len(value) else "an empty structure"
        check_composition(value.composition, field, shown)
        comp = formula_unit(value)[0]  # a disordered cell too (reduced_composition kept it)
    elif isinstance(value, Composition):
        comp = check_composition(value, field, composition_label(value))
    else:
        return value
    return written_formula({str(el): float(a) for el, a in comp.element_composition.items()},
                           decimals=decimals)


def written_formula(amounts: dict[str, float], decimals: int = 6) -> str:
    """The formula of ``amounts`` (element -> amount, in their order) with amounts rounded to
    ``decimals`` decimals and no exponent (0.00007, not 7e-05); an amount of 1 is left out and
    elements rounding to 0 are dropped (rounding to fewer decimals wrote "Ta0" for small
    dopings, and formulas that are not neutral as written)."""
    parts = []
    for el, amt in amounts.items():
        value = round(amt, decimals)
        if value <= 0:
            continue
        text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
        parts.append(el if text == "1" else f"{el}{text}")
    return "".join(parts)


def balancing_amount(comp: Composition, element: str) -> float | None:
    """Amount of ``element`` (the mobile ion, e.g. Li) that balances ``comp`` exactly with the
    oxidation states of :func:`solidcell.chemistry.oxidation.oxidation_states`, when the written
    amount is off within that function's tolerance (5 % of the positive charge):
    Li0.33La0.56TiO3 (La3+, Ti4+, O2-) gives 0.32. None when ``comp`` balances as written, does
    not hold ``element``, or balances in no assignment. Whether the difference is mere rounding
    is the caller's decision (the stability windows balance only what rounding of the written
    digits explains, ``interfaces.stability.rounding_charge``)."""
    from solidcell.chemistry.oxidation import as_composition, oxidation_states

    comp = as_composition(comp)
    states = oxidation_states(comp)
    if element not in comp or states is None or not states.get(element):
        return None
    others = sum(float(comp[el]) * states[str(el)] for el in comp.elements if str(el) != element)
    needed = -others / states[element]
    written = float(comp[element])
    if needed <= 0 or abs(needed - written) <= 1e-9 * max(1.0, written):
        return None
    return needed
