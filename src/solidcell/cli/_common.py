"""Shared pieces of the command line: output as tables or JSON, and errors as messages."""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer

from solidcell.checks import item_field
from solidcell.errors import SolidcellError, UnitError, ValidationError, shown
from solidcell.plotting import PLOT_SUFFIXES

JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table.")


def print_json(data: Any) -> None:
    """Print ``data`` as JSON (NaN/inf become null, arrays become lists)."""
    from solidcell.jsonable import dumps

    typer.echo(dumps(data))


def print_sources(keys: Iterable[str]) -> None:
    """Print the ``sources:`` line under a table: the keys its ``--json`` lists, in order
    (``solidcell cite KEY`` prints each)."""
    typer.echo("sources: " + ", ".join(keys))


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                labels_first: bool = False, whole: Sequence[int] = ()) -> None:
    """Print a table for people (rich). ``labels_first``: the first column holds the row
    labels (quantities) and is never squeezed below its longest label; ``whole``: further
    columns kept whole (a formula, an id); other cells fold, never cut to "…"."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    keep = {0, *whole} if labels_first else set(whole)
    # escape: unit brackets such as "[S/cm]" are text, not rich markup
    table = Table(title=escape(title), show_lines=False)
    for i, col in enumerate(columns):
        if i in keep:
            # a header of several lines ("log10 sigma\n[S/cm]") is as wide as its widest
            head = max(len(line) for line in str(col).split("\n"))
            width = max(head, *(len(fmt(r[i])) for r in rows)) if rows else None
            table.add_column(escape(str(col)), min_width=width, no_wrap=True)
        else:
            # fold, never "…": a cut formula or id ('Li6.4La…') hid which row it was
            table.add_column(escape(str(col)), overflow="fold")
    for row in rows:
        table.add_row(*[escape(fmt(v)) for v in row])
    Console(width=max(100, _terminal_width())).print(table)


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 40)).columns


def fmt(value: Any) -> str:
    """Format a cell: numbers with 4 significant digits, None and non-finite numbers as a
    dash, booleans as yes/no (never a Python "True" or "nan")."""
    import math

    from solidcell.units import format_number

    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and not math.isfinite(value):
        return "-"
    return format_number(value, 4)


#: The lab unit a table for people shows a quantity in, by the unit of its JSON key (the JSON
#: keeps SI, docs/conventions.md): JSON unit -> (kind, that unit as ``units.parse`` reads it,
#: unit shown). One table for `evaluate`'s and `design check`'s tables.
TABLE_UNITS: dict[str, tuple[str, str, str]] = {
    "m": ("length", "m", "um"),
    "kg.m-2": ("areal mass", "kg/m2", "mg/cm2"),
    "A.h.m-2": ("areal capacity", "A.h.m-2", "mAh/cm2"),
    "kg": ("mass", "kg", "g"),
    "Ohm.m2": ("areal resistance", "Ohm m2", "Ohm cm2"),
}

_KEY_UNIT = re.compile(r"^(?P<name>.*\S)\s*\[(?P<unit>[^\[\]]+)\]$")


def table_unit(json_unit: str) -> str:
    """The unit a table shows a quantity of JSON unit ``json_unit`` in (``"m"`` -> ``"um"``);
    a unit without a lab unit in :data:`TABLE_UNITS` is shown as it is (``"V"``)."""
    return TABLE_UNITS[json_unit][2] if json_unit in TABLE_UNITS else json_unit


def in_table_unit(value: Any, json_unit: str) -> Any:
    """``value`` in JSON unit ``json_unit`` converted to :func:`table_unit`'s unit (8e-05 m
    -> 80.0 um); a value that is no finite number, or a unit without a lab unit, is kept."""
    import math

    from solidcell import units

    if json_unit not in TABLE_UNITS or isinstance(value, bool) \
            or not isinstance(value, int | float) or not math.isfinite(value):
        return value
    kind, spelled, shown_as = TABLE_UNITS[json_unit]
    return units.convert(units.parse(value, kind, spelled), kind, shown_as)


def table_row(key: str, value: Any) -> tuple[str, Any]:
    """The row (label, value) a table shows for the JSON ``key`` and its ``value``:
    ``("Cathode thickness [m]", 8e-05)`` -> ``("Cathode thickness (um)", 80.0)``; the label
    of a key without a unit is the key, a unit without a lab unit is kept (``(V)``)."""
    match = _KEY_UNIT.match(key)
    if match is None:
        return key, value
    unit = match["unit"]
    return f"{match['name']} ({table_unit(unit)})", in_table_unit(value, unit)


def one_line(message: object) -> str:
    """``message`` on one line (a YAML parser's or an import's message spans several): each
    line break, with the spaces around it, becomes one space. Spaces within a line are kept:
    a value shown as typed, ``text: '  '``, was shown as ``' '``."""
    import re

    return re.sub(r"\s*[\n\r]\s*", " ", str(message)).strip()


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``error: message`` (on one line) to stderr and exit with ``code``."""
    typer.echo(f"error: {one_line(message)}", err=True)
    raise typer.Exit(code)


def quantity_option(option: str, text: str | None, kind: str) -> float | None:
    """``text`` of ``option`` (``"5 MPa"``) in the canonical unit of ``kind``; None when the
    option was not given. Text that is not such a quantity is refused naming the option as
    typed (:func:`solidcell.units.parse` names only the kind of quantity)."""
    from solidcell import units

    if text is None:
        return None
    try:
        return units.parse(text, kind)
    except UnitError as exc:
        message = str(exc)
        message = message.removeprefix(f"{kind}: ")
        raise UnitError(f"{option}: {message}") from None


def number_option(option: str, text: str | None, kind: str, unit: str) -> float | None:
    """``text`` of ``option`` in the canonical unit of ``kind``: a plain number is in ``unit``,
    the option's documented unit (``--polarisation 0.2`` is 0.2 V, as before the option took
    units), a number with a unit is converted (``'200 mV'``, ``'10 USD/kWh'``); None when the
    option was not given. A plain number keeps its own finiteness and sign (``'nan'``,
    ``'-1'``) for the engine to refuse by the option's name (:func:`options`); other text is
    refused as by :func:`quantity_option`."""
    from solidcell import units
    from solidcell.units import ascii_minus  # the one rule of units.parse: U+2212 is '-'

    if text is None:
        return None
    try:
        number = float(ascii_minus(text).strip())
    except ValueError:
        return quantity_option(option, text, kind)
    try:
        return units.parse(number, kind, unit)
    except UnitError as exc:  # a finite number that overflows in the canonical unit
        raise UnitError(f"{option}: {str(exc).removeprefix(f'{kind}: ')}") from None


#: ``--scheduler-timeout`` of every command that takes a Dask ``--scheduler``
#: (solidcell.dask_adapter; :func:`scheduler_timeout_option` reads it).
SCHEDULER_TIMEOUT_OPTION = typer.Option(
    None, "--scheduler-timeout", help="How long to wait for the --scheduler to answer, e.g. "
    "'2 min' (a plain number is in s); without it, Dask's setting "
    "distributed.comm.timeouts.connect applies.")


def scheduler_timeout_option(scheduler: str | None, text: str | None) -> float | None:
    """``--scheduler-timeout`` [s] (:func:`number_option`: a plain number is in s; its sign and
    finiteness are the engine's to refuse, :func:`solidcell.dask_adapter.check_scheduler`);
    None when not given. Refused without ``--scheduler``: a local run connects to nothing."""
    seconds = number_option("--scheduler-timeout", text, "time", "s")
    if text is not None and scheduler is None:
        fail(f"--scheduler-timeout: {text!r} is not allowed; it applies only with "
             "--scheduler ADDRESS (a local run connects to nothing)")
    return seconds


def temperature_option(option: str, text: str | None) -> float | None:
    """:func:`quantity_option` for a temperature of the materials database (a value's, a
    query's, a conductivity's), bounded as a measurement's
    (:func:`solidcell.materials.measurement.checked_temperature`)."""
    from solidcell.materials.measurement import checked_temperature

    kelvin = quantity_option(option, text, "temperature")
    if kelvin is None:
        return None
    try:
        return checked_temperature(option, text, kelvin)
    except ValidationError as exc:
        fail(str(exc))


@contextmanager
def options(**fields: tuple[str, Any]) -> Iterator[None]:
    """Errors of the engine called inside name the option the user typed, not the API field.

    ``fields`` maps an API parameter (``max_polarisation_V``) to ``(option, typed)``: the
    option as on the command line (``"--polarisation"``) and its value as the user gave it
    (the text before unit conversion). A :class:`~solidcell.errors.ValidationError` about that
    parameter (or an item of it: ``entries[0].energy``, ``prices.li6ps5cl``) becomes
    ``option: typed is not allowed; allowed``. Options that were not given (``typed`` None)
    are not mapped: an error about them concerns the design or a default, not the user's
    text. Used by every command module, so that one rule names the options. Every refusal or
    failure raised inside (its allowed, or its message) names the options of ``fields``, given
    or not, as the command line does, not their Python keywords (:func:`in_option_words`:
    ``thermal='isothermal'`` is ``--thermal isothermal``); a command shows its result's notes
    in the same words (:func:`notes_in_option_words`, :func:`json_in_option_words`).
    """
    words = option_words(fields)
    try:
        yield
    except ValidationError as exc:
        mapped = _as_option(exc, {k: v for k, v in fields.items() if v[1] is not None})
        if mapped is None:
            allowed = in_option_words(exc.allowed, words)
            if allowed == exc.allowed:
                raise
            mapped = type(exc)(exc.field, exc.value, allowed)
        else:
            mapped = type(mapped)(mapped.field, mapped.value,
                                  in_option_words(mapped.allowed, words))
        raise mapped from None
    except SolidcellError as exc:  # a refusal or failure of the engine in its own words
        given = [name for name, (_option, typed) in fields.items() if typed is not None]
        text = in_option_words(str(exc), words, leading=given)
        if text == str(exc):
            raise
        raise _reworded(exc, text, words) from None


def option_words(fields: Mapping[str, tuple[str, Any]]) -> dict[str, str]:
    """API parameter -> the option naming it, of :func:`options`' ``fields`` (given or not:
    the words of the command's options, for :func:`in_option_words`)."""
    return {name: option for name, (option, _typed) in fields.items()
            if option.startswith("--")}


#: The end of a name in SI units (``temperature_K``, ``interface_resistance_ohm_m2``,
#: ``..._J_mol``): a design's or CellParameters' field, which a design file may name as well,
#: so a bare mention of it is not an option (the entry points' keywords, ``initial_soc``,
#: ``interface_resistance``, take text with units and have no such end).
_SI_NAME = re.compile(r"_(?:[A-Z][A-Za-z0-9]*|m\d?|mol|h|s|g)$")


def in_option_words(text: str, words: Mapping[str, str], leading: Iterable[str] = ()) -> str:
    """An engine's text (a refusal's allowed, a note) in the command line's words.

    ``words`` maps an API parameter to its option (:func:`option_words`): the Python
    ``thermal='isothermal'`` becomes ``--thermal isothermal``; a bare keyword with an
    underscore and no SI unit at its end (``give initial_soc ('4.2 V' or a number)``; not
    ``temperature_K``, a design file's key too) becomes its option (``--initial-soc``);
    PyBaMM's own names (``PyBaMM's initial_soc``), a keyword inside a
    longer name or a ``keyword=`` the text shows as Python's stay. ``leading``: the keywords
    of options given, whose ``keyword: `` at the start (an error's field, as
    :class:`~solidcell.errors.ValidationError`'s of an option given) becomes ``--option: ``
    too. The Python API's texts stay as they are: only the CLI shows this."""
    at_start = set(leading)
    for name in sorted(words, key=len, reverse=True):
        option, key = words[name], re.escape(name)
        start = rf"(?<![\w.'\-])(?<!PyBaMM's ){key}"
        text = re.sub(start + r"""=(['"])([^'"]*)\1""",
                      lambda m, o=option: f"{o} {m.group(2)}", text)
        text = re.sub(start + r"=(-?\d[\d.]*(?:e-?\d+)?)(?![\w.])",
                      lambda m, o=option: f"{o} {m.group(1)}", text)
        if "_" in name and not _SI_NAME.search(name):
            text = re.sub(start + r"(?![\w=(\[])", lambda _m, o=option: o, text)
        if name in at_start and text.startswith(f"{name}: "):
            text = option + text[len(name):]
    return text


def notes_in_option_words(notes: Sequence[str], words: Mapping[str, str]) -> list[str]:
    """A result's notes as :func:`in_option_words` says them."""
    return [in_option_words(str(note), words) for note in notes]


def json_in_option_words(payload: Any, words: Mapping[str, str]) -> Any:
    """A ``--json`` payload whose ``notes`` and ``warnings`` (at any depth: several designs'
    results) are said in the command line's words (:func:`in_option_words`)."""
    if isinstance(payload, dict):
        return {k: (notes_in_option_words(v, words)
                    if k in ("notes", "warnings") and isinstance(v, list | tuple)
                    and all(isinstance(x, str) for x in v)
                    else json_in_option_words(v, words)) for k, v in payload.items()}
    if isinstance(payload, list):
        return [json_in_option_words(v, words) for v in payload]
    return payload


def _reworded(exc: SolidcellError, text: str, words: Mapping[str, str]) -> SolidcellError:
    """``exc`` (of its own type, its fields kept) whose message is ``text``."""
    import copy

    new = copy.copy(exc)
    new.args = (text,)
    if isinstance(getattr(new, "detail", None), str):  # SimulationFailed's part
        new.detail = in_option_words(new.detail, words)
    return new


def _as_option(exc: ValidationError, fields: dict[str, tuple[str, Any]]) -> ValidationError | None:
    for name, (option, typed) in fields.items():
        match = re.match(rf"{re.escape(name)}(?:\[(\d+)\]|\.([^.\[]+))?(?=$|[.\[])",
                         exc.field)
        if match is None:
            continue
        index, key = match.groups()
        bare = option  # the option as typed, before an item's position is added
        if isinstance(typed, dict):  # ID=VALUE items (--price): the one of that ID
            typed = typed.get(key, exc.value)
        elif isinstance(typed, list | tuple) or (isinstance(typed, str) and "," in typed
                                                 and typed != exc.value):
            # a repeatable or comma-separated option: the item refused, by its position
            option, typed = _refused_items(option, typed, index, exc.value)
        else:  # a number option: its text as typed ("-1", not -1.0)
            typed = as_typed(option, typed)
        return ValidationError(option, typed,
                               _in_option_words(_without_value(exc.allowed, exc.value), bare))
    return None


def _in_option_words(allowed: str, option: str) -> str:
    """An engine's ``allowed`` in the words of the command line: its Python ``None for no
    filter`` (the keyword's default) is the option left out there (``leave --min-probability
    out for no filter``)."""
    return re.sub(r"\bNone for ", f"leave {option} out for ", allowed)


def _refused_items(option: str, typed: str | Sequence[Any], index: str | None,
                   value: Any) -> tuple[str, Any]:
    """(option naming the position, text as typed) of the item(s) of a repeatable or
    comma-separated option that an engine refused: by the engine's index (``dopants[1]``),
    else by the value it names (``'Xx'``, ``-1.0``, ``['lpscl']``: the Python API names the
    item, the option's whole text or a Python list hid which one). Unfound: the text as
    typed (a repeatable option's: ``value``)."""
    items = [t.strip() for t in typed.split(",")] if isinstance(typed, str) else list(typed)
    if index is not None and int(index) < len(items):
        return item_field(option, int(index), len(items)), items[int(index)]
    wanted = list(value) if isinstance(value, list | tuple) else [value]
    found = [next((k for k, item in enumerate(items) if _same_item(item, v)), None)
             for v in wanted]
    if not found or None in found or (len(found) == len(items) > 1):
        # not an item, or all of them (the engine named the whole list): the whole text
        return option, typed if isinstance(typed, str) else value
    if len(found) == 1:
        return item_field(option, found[0], len(items)), items[found[0]]
    where = ", ".join(str(k + 1) for k in found)
    return f"{option} (items {where} of {len(items)})", ",".join(items[k] for k in found)


def _same_item(item: Any, value: Any) -> bool:
    """An item as typed names the engine's ``value``: the same text, or the number it parses
    to (``'-1'`` for -1.0, ``'nan'`` for NaN)."""
    import math

    from solidcell.checks import is_real

    if isinstance(item, str) and isinstance(value, str):
        return item.strip() == value.strip()
    if not (isinstance(item, str) and is_real(value)):
        try:  # an engine's array is no item ('==' gives an array, whose truth is ambiguous)
            return bool(item == value)
        except (TypeError, ValueError):
            return False
    from solidcell.units import ascii_minus  # '−1' names -1.0 too

    try:
        number = float(ascii_minus(item))
    except ValueError:
        return False
    return number == value or (math.isnan(number) and math.isnan(float(value)))


#: A number that opens an engine's reason: "-26.85 K must lie in (0, 2000) K"
_LEADING_NUMBER = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?nan|[-+]?inf)\s+")


def _engine_units() -> tuple[str, ...]:
    """The units an engine writes after its own number, in which that number is given: the
    canonical unit of each kind of :data:`solidcell.units.KINDS` (``K``, ``V``, ``m``,
    ``Pa``, ...), as written there and with powers as digits (``kg/m**2``, ``kg/m2``,
    ``Ohm m2``), longest first."""
    from solidcell.units import KINDS

    names: set[str] = set()
    for unit in KINDS.values():
        if unit == "dimensionless":
            continue
        plain = unit.replace("**", "")
        names |= {unit, plain, plain.replace("*", " "), plain.replace("ohm", "Ohm"),
                  plain.replace("ohm*", "Ohm ")}
    return tuple(sorted(names, key=len, reverse=True))


def _without_value(allowed: str, value: Any) -> str:
    """``allowed`` of an engine's error without the engine's own value at its start
    (``"-26.85 K must lie in (0, 2000) K"`` for ``'-300 degC'``: a number in the engine's
    unit next to the value as typed), whether written as ``repr`` or rounded (``:.6g``), with
    or without its canonical unit (:func:`_engine_units`)."""
    import math

    from solidcell.checks import is_real

    rest = allowed.removeprefix(f"{shown(value)} ").removeprefix(f"{value} ")
    if rest == allowed:
        match = _LEADING_NUMBER.match(allowed)
        if match is None or not is_real(value):
            return allowed
        number, x = float(match.group(1)), float(value)
        same = (math.isnan(number) and math.isnan(x)) or number == x \
            or (math.isfinite(x) and math.isclose(number, x, rel_tol=1e-5, abs_tol=1e-12))
        if not same:
            return allowed
        rest = allowed[match.end():]
    for unit in _engine_units():  # "K must lie ...": the unit of the number taken off
        if rest.startswith(f"{unit} ") or rest == unit:
            return rest[len(unit):].lstrip()
    return rest


#: The text of each number option of the running command as the user typed it, by option
#: name (``{"--focusing": "-1"}``), recorded before the parser turns it into an int or float
#: (:func:`run_guarded`), so that a refusal shows ``'-1'``, not ``-1.0`` (``'1e400'``, not
#: ``inf``), as a quantity option shows ``'-80 um'``.
_TYPED: dict[str, str] = {}


def as_typed(option: str, value: Any) -> Any:
    """The text ``option`` was given on the command line when it parses to ``value`` (the
    number a command passes on); else ``value`` itself (a default, a computed number)."""
    import math

    from solidcell.checks import is_real
    from solidcell.units import ascii_minus

    text = _TYPED.get(option)
    if text is None or not is_real(value):
        return value
    try:
        number = float(ascii_minus(text))  # a U+2212 minus, as guard_values reads it
    except ValueError:
        return value
    same = number == value or (math.isnan(number) and math.isnan(float(value)))
    return text if same else value


def _record_typed_numbers(command: Any) -> None:
    """Every int or float option (and argument) of the click ``command`` and of its
    subcommands records the text it is given in :data:`_TYPED` before it is parsed."""
    for sub in (getattr(command, "commands", None) or {}).values():
        _record_typed_numbers(sub)
    for param in getattr(command, "params", None) or []:
        descriptor = getattr(param, "type_descriptor", None)
        if getattr(descriptor, "annotation", None) in (int, float):
            param.process_value = _recording(param, param.process_value)


def guard_values(command: Any) -> None:
    """Two rules for the typed values of every parameter of the click ``command`` and of its
    subcommands, applied before the parser reads them, so that a parameter added later obeys
    them too: an empty or blank path (``''``, ``'   '``; ``pathlib.Path('')`` is ``'.'``, which
    was then "a folder") is refused naming the parameter (:func:`_refusing_empty`), and an int
    or float option reads the minus sign papers print (U+2212, ``--focusing −2``) as ``-``, as
    :func:`solidcell.units.parse` reads it in a quantity (:func:`_reading_minus`)."""
    for sub in (getattr(command, "commands", None) or {}).values():
        guard_values(sub)
    for param in getattr(command, "params", None) or []:
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        if annotation in (int, float):
            param.process_value = _reading_minus(param.process_value)
        elif _is_path(annotation):
            param.process_value = _refusing_empty(param, param.process_value)


def _is_path(annotation: Any) -> bool:
    """A ``Path`` parameter, or a list or tuple of paths (``designs: list[Path]``)."""
    from typing import get_args, get_origin

    if isinstance(annotation, type) and issubclass(annotation, Path):
        return True
    args = get_args(annotation)
    return get_origin(annotation) in (list, tuple) and bool(args) \
        and all(isinstance(a, type) and issubclass(a, Path) for a in args)


def _reading_minus(process: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def process_value(ctx: Any, value: Any) -> Any:
        if isinstance(value, str) and "\u2212" in value:
            # imported here, not when the app is built: every command (`--help` too) imported
            # solidcell.units for it (about 10 ms)
            from solidcell.units import ascii_minus  # the one rule of units.parse

            value = ascii_minus(value)
        return process(ctx, value)

    return process_value


def _path_allowed(param: Any) -> str:
    """What a path parameter takes, for its refusal: a folder where the first sentence of its
    help names one outside parentheses (``--out``: "Output folder."; not ``demo --design``:
    "Design to evaluate (default: ... the checkout's examples folder)"), else a file."""
    first = (getattr(param, "help", None) or "").split(". ")[0].lower()
    return "the path of a folder" if "folder" in re.sub(r"\([^()]*\)", "", first) \
        else "the path of a file"


def _refusing_empty(param: Any, process: Callable[[Any, Any], Any]
                    ) -> Callable[[Any, Any], Any]:
    name = max(param.opts, key=len) if param.param_type_name == "option" else param.name

    def process_value(ctx: Any, value: Any) -> Any:
        for item in value if isinstance(value, list | tuple) else (value,):
            if isinstance(item, str) and not item.strip():  # its repr is one line; fail()
                # would make '   ' of one_line's "' '"
                typer.echo(f"error: {name}: {item!r} is empty; allowed: {_path_allowed(param)} "
                           f"(see '{ctx.command_path} --help')", err=True)
                raise typer.Exit(2)
        return process(ctx, value)

    return process_value


def plain_help_types(command: Any) -> None:
    """The value column of ``--help`` of the click ``command`` and of its subcommands, as a
    user reads it: nothing for a flag (Typer's Rich help showed ``<bool>`` after ``--json``
    and ``--help``, though a flag takes no value), the type of one value for a repeatable
    option or a variadic argument (``<str>``, not Python's ``<list[str]>``; the help says
    "repeatable", the argument's name ends in "..."), and ``<int>`` for a number with a range
    (``<int> [x>=0]``, not ``<int range> [x>=0]``). The help option, made when help is first
    asked for, is shown the same way."""
    for sub in (getattr(command, "commands", None) or {}).values():
        plain_help_types(sub)
    for param in getattr(command, "params", None) or []:
        _plain_help_type(param)
    made = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = made(ctx)
        if option is not None:
            _plain_help_type(option)
        return option

    command.get_help_option = get_help_option


def _plain_help_type(param: Any) -> None:
    shown = param.display_type_rich
    if getattr(shown, "plain", False):  # already (a help option asked for twice)
        return

    def display_type_rich(ctx: Any) -> str | None:
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            return None
        text = shown(ctx=ctx)
        if text is None or getattr(param, "metavar", None) is not None:
            return text  # a metavar the command chose is shown as it is
        text = re.sub(r"^<list\[(.*)\]>", lambda m: f"<{m.group(1).replace('Path', 'path')}>",
                      text)
        return re.sub(r"^<(\w+) range>", r"<\1>", text)

    display_type_rich.plain = True  # type: ignore[attr-defined]
    param.display_type_rich = display_type_rich


def _recording(param: Any, process: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def process_value(ctx: Any, value: Any) -> Any:
        if isinstance(value, str):  # typed (a default is a number or None)
            for name in (*param.opts, *param.secondary_opts):
                _TYPED[name] = value
        return process(ctx, value)

    return process_value


def _as_typed_error(exc: SolidcellError) -> SolidcellError:
    """A :class:`ValidationError` that names a number option (``--ps``) with the number the
    command got, shown with the text the user typed; any other error as it is."""
    if not isinstance(exc, ValidationError) or exc.field not in _TYPED:
        return exc
    typed = as_typed(exc.field, exc.value)
    if typed is exc.value:
        return exc
    return ValidationError(exc.field, typed, _without_value(exc.allowed, exc.value))


def material_store(db: str | None) -> Any:
    """The materials database of ``--db`` (None: the default one); a path or URL that cannot
    be opened is refused naming ``--db`` (an empty ``--db ""`` too, not read as the default).
    Inside a command the store is closed when the command ends, however it ends (the
    parser's ``Context.with_resource``); outside one the caller closes it."""
    from solidcell.materials.store import MaterialStore

    with options(url=("--db", db)):
        store = MaterialStore(db) if db is not None else MaterialStore()
    context = _current_context()
    return store if context is None else context.with_resource(store)


def _current_context() -> Any:
    """The running command's parser context; None outside a command. Typer vendors click as
    ``typer._click`` since 0.2x (:func:`_click_exceptions`)."""
    try:
        from typer._click.globals import get_current_context
    except ImportError:  # older typer: plain click
        from click import get_current_context
    return get_current_context(silent=True)


PRICE_OPTION = typer.Option(
    None, "--price", help="Material price for the cost model, ID=USD_PER_KG (li6ps5cl=50 or "
    "li6ps5cl='50 USD/kg'); repeatable; overrides the knowledge base.")
#: how the command line takes a price, for the reason of a missing price
#: (solidcell.manufacturing.cost.price_field; the Python API names CostOptions(prices=...))
PRICE_FIELD = "--price ID=USD_PER_KG"


def price_options(items: list[str] | None, refuse: Callable[[str], None] = fail
                  ) -> tuple[dict[str, float], dict[str, str]]:
    """``--price ID=VALUE`` items as (material id -> USD/kg, material id -> the item as typed,
    for :func:`options`); a value without a unit is USD/kg. ``refuse`` says a value that is
    no price or is above the plausible limit (:func:`fail`: ``error:`` and exit 2; the
    dashboard's price box raises a ValidationError naming the box)."""
    import math

    from solidcell import units
    from solidcell.manufacturing.economics import PRICE_ALLOWED
    from solidcell.materials.schema import PROPERTIES
    from solidcell.units import ascii_minus  # the one rule of units.parse: U+2212 is '-'

    out: dict[str, float] = {}
    for item in items or []:
        mid, sep, value = item.partition("=")
        if not sep or not mid.strip():
            raise ValidationError("--price", item, "ID=PRICE, e.g. li6ps5cl=50 or "
                                  "li6ps5cl='50 USD/kg'")
        mid, text = mid.strip(), value.strip()
        if mid in out:  # the second silently replaced the first
            first = next(i for i in items if i.partition("=")[0].strip() == mid)
            raise ValidationError("--price", item, f"one price per material; {mid} already has "
                                  f"{first!r}")
        try:  # U+2212 is '-' as in units.parse ('−5' was "has no unit", '2e−1' too)
            price = float(ascii_minus(text))
        except ValueError:
            try:
                price = units.parse(text, "price")
            except UnitError as exc:
                refuse(f"--price {mid}: {text!r} is not a price in USD/kg, e.g. {mid}=50 or "
                       f"{mid}='50 USD/kg' ({exc})")
        # 'inf', 'nan', '1e400' (float() takes them all) and '-5': one rule, the engine's
        if not (math.isfinite(price) and price >= 0):
            raise ValidationError("--price", item, PRICE_ALLOWED)
        limit = PROPERTIES["price"].upper
        if limit is not None and price > limit:  # the knowledge base's plausible limit
            shown = f"{price:g}" if float(f"{price:g}") == price else repr(price)  # 1e7+1
            refuse(f"--price: {item!r} is {shown} USD/kg, above the plausible limit "
                   f"{limit:g} USD/kg")
        out[mid] = price
    return out, {item.partition("=")[0].strip(): item for item in items or []}


def check_price_ids(prices: dict[str, float], known: list[str], what: str,
                    otherwise: str = "", refuse: Callable[[str], None] = fail) -> None:
    """A ``--price`` for an id outside ``known`` is a typo: refused naming ``what`` the ids
    must be, with the closest id (or ``otherwise``) as a hint, rather than ignored (the
    material would then be reported as unpriced); ``refuse`` as in :func:`price_options`."""
    import difflib

    for mid in prices:
        if mid not in known:
            close = difflib.get_close_matches(mid.lower(), known, n=1, cutoff=0.6)
            refuse(f"--price: {mid!r} is not {what}"
                   + (f"; did you mean {close[0]}?" if close else otherwise))


def database_cost_options(items: list[str] | None, refuse: Callable[[str], None] = fail,
                          otherwise: str = "; `solidcell materials list` shows the ids"
                          ) -> Any:
    """``CostOptions`` of ``--price`` items for any material id of the knowledge base (a
    screen's or a report's materials are not known before the run); a typo is refused
    (``refuse`` and ``otherwise``: as in :func:`check_price_ids`)."""
    from solidcell.manufacturing.economics import CostOptions

    prices, typed_prices = price_options(items, refuse)
    if prices:
        from solidcell.materials import default_store

        check_price_ids(prices, default_store().ids(), "a material id of the knowledge base",
                        otherwise, refuse)
    with options(prices=("--price", typed_prices)):
        cost_options = CostOptions(prices=prices)
        cost_options.check()
    return cost_options


def check_design_file(path: str | Path, field: str = "design") -> Path:
    """:func:`solidcell.cell.design.design_file` (an existing YAML or JSON file), its refusal
    as one ``error:`` line and exit code 2. A material file given as a design is refused by
    the loader, on its failure path (:func:`solidcell.cell.design.material_refusal`)."""
    from solidcell.cell.design import design_file
    from solidcell.errors import ValidationError

    try:
        return design_file(path, field)
    except ValidationError as exc:
        fail(str(exc))


def check_output_file(option: str, path: str | Path,
                      suffixes: Sequence[str] = PLOT_SUFFIXES) -> Path:
    """Refuse, before any work is done, an output file that cannot be written as asked: a
    folder, a suffix of another format (matplotlib would add ``.png`` to a name without one,
    or fail after the work), or a place that is not a writable folder."""
    out = Path(path)
    allowed = "a file name ending in " + ", ".join(suffixes)
    if not str(path).strip():  # '' is Path('.'): "'' is a folder"
        fail(f"{option}: {str(path)!r} is empty; allowed: {allowed}")
    if out.is_dir():
        fail(f"{option}: {str(path)!r} is a folder; allowed: {allowed}")
    if out.suffix.lower() not in suffixes:
        fail(f"{option}: {str(path)!r} is not allowed; {allowed}")
    folder = out.absolute().parent
    while not folder.exists() and folder != folder.parent:  # folders are created on writing
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        fail(f"{option}: {str(path)!r} cannot be written; {folder} is not a writable folder")
    return out


def comma_list(values: Sequence[str] | None, with_units: bool = False,
               option: str | None = None) -> list[str] | None:
    """The items of a repeatable option, each given value also split at its commas
    ('llzo,lgps'; '25 degC,60 degC'). ``with_units``: a value is split only where every part
    has a unit of its own ('1,5 degC' stays one value, refused as a decimal comma). An empty
    item ('llzo,,lgps', 'llzo,') is refused naming ``option`` and its position (it was kept
    as the one id 'llzo,,lgps')."""
    if not values:
        return None if values is None else list(values)
    out: list[str] = []
    for value in values:
        parts = [p.strip() for p in value.split(",")]
        if len(parts) > 1 and option is not None and not all(parts) and (not with_units or all(
                re.search(r"[^\d\s.eE+\-\u2212]", p) for p in parts if p)):
            k = parts.index("")
            raise ValidationError(item_field(option, k, len(parts)), "", "no empty item: "
                                  "one value between commas (leave out the extra comma)")
        if len(parts) > 1 and all(parts) and (not with_units or all(
                re.search(r"[^\d\s.eE+\-\u2212]", p) for p in parts)):
            out.extend(parts)
        else:
            out.append(value)
    return out


def check_output_folder(option: str, path: str | Path, written: str) -> Path:
    """Refuse a folder option given a file's name (``--report out/report.html`` made a folder
    named ``report.html``); ``written``: what goes into the folder, for the message."""
    out = Path(path)
    if out.suffix.lower() in (".html", ".htm", ".json", ".png") and not out.is_dir():
        folder = str(out.parent) if str(out.parent) != "." else "out"
        fail(f"{option}: {str(path)!r} is not allowed; a folder, not a file name "
             f"({written} is written into it), e.g. {folder!r}")
    return out


@contextmanager
def writing(option: str, path: str | Path) -> Iterator[None]:
    """An OS error while writing ``path`` becomes one line naming ``option``."""
    try:
        yield
    except OSError as exc:
        fail(f"{option}: {str(path)!r} cannot be written ({exc.strerror or exc}); "
             "give a file in a writable folder")


def progress_bar(as_json: bool = False, **kwargs: Any) -> Any:
    """A transient rich progress bar on stderr, so that stdout holds only the results; off
    with ``--json`` (``as_json``: a script reads the output, as ``compat`` and
    ``rate-capability`` show no bar then) and where stderr is not a terminal (a log or a
    pipe gets no stray blank lines)."""
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    return Progress(console=console, transient=True,
                    disable=as_json or not console.is_terminal, **kwargs)


def run_guarded(app: Callable[..., Any], argv: list[str]) -> None:
    """Run the Typer app; bad input becomes one clear line on stderr and exit code 2.

    Both solidcell's own errors and the command-line parser's (unknown option, missing
    argument, a value of the wrong type) are printed as ``error: ...``, never as a
    traceback or a multi-line box.
    """
    import warnings

    click_exc = _click_exceptions()
    shown_before = warnings.showwarning
    warnings.showwarning = _one_line_warning
    _WARNED.clear()
    _TYPED.clear()
    if isinstance(app, typer.Typer):  # (what calling the Typer app does, with numbers recorded)
        command = typer.main.get_command(app)
        _record_typed_numbers(command)
        app = command
    try:
        code = app(args=argv, prog_name="solidcell", standalone_mode=False)
    except click_exc.NoArgsIsHelpError as exc:  # the help is already printed
        sys.exit(exc.exit_code)
    except click_exc.ClickException as exc:
        typer.echo(f"error: {usage_message(exc)}", err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("error: aborted", err=True)
        sys.exit(1)
    except SolidcellError as exc:
        typer.echo(f"error: {one_line(_as_typed_error(exc))}", err=True)
        sys.exit(2)
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG:
            raise
        # a file argument longer than the file system's name limit: every command that
        # checks whether a file exists (evaluate, predict X.cif, screen, md ...) asked the OS
        # and printed its traceback
        typer.echo(f"error: {one_line(name_too_long(exc))}", err=True)
        sys.exit(2)
    finally:
        warnings.showwarning = shown_before
    sys.exit(code if isinstance(code, int) else 0)


def name_too_long(exc: OSError) -> ValidationError:
    """The refusal of a file name longer than the file system allows (``exc``: the OS's
    ENAMETOOLONG), naming the name and the limits of this system (``os.pathconf``)."""
    name = os.fsdecode(exc.filename) if exc.filename is not None else ""
    try:
        limit = os.pathconf(Path(name).parent if name else ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255  # POSIX systems' usual NAME_MAX, where pathconf cannot tell
    return ValidationError("file name", name, f"a path whose file and folder names are at "
                           f"most {limit} bytes each (this file system's limit; the OS says: "
                           f"{exc.strerror})")


def _one_line_warning(message: Warning | str, category: type[Warning], filename: str,
                      lineno: int, file: Any = None, line: str | None = None) -> None:
    """A library's warning (matplotlib's missing glyph of a design name in Chinese) as one
    ``warning:`` line on stderr, like solidcell's own, not Python's two lines with the path
    and source line of the library; each text once (every plot repeats a missing glyph). A
    category with a ``prefix`` (``materials.store.RoomTemperatureNote``: ``note``) is printed
    under that word."""
    text = f"{getattr(category, 'prefix', 'warning')}: {one_line(message)}"
    if text not in _WARNED:
        _WARNED.add(text)
        typer.echo(text, err=True)


_WARNED: set[str] = set()


def case_typo_warning(formula: str) -> bool:
    """A warning (stderr) for each radioactive element of ``formula`` whose symbol is also
    two elements in capitals: 'LiFePo4' holds polonium (29.69 mAh/g from ``capacity``,
    answered without a word) where LiFePO4 was meant; 'LiNo3' nobelium for LiNO3, 'LiBh4'
    bohrium for LiBH4. The formula is still answered (or refused for its own reason); each
    text once per command. For the command line's formula arguments only: the Python API
    takes what it is given without a word. Returns whether ``formula`` has such a symbol."""
    from pymatgen.core import Element

    found = False
    for symbol in dict.fromkeys(re.findall(r"[A-Z][a-z]", formula)):
        if not Element.is_valid_symbol(symbol) or not Element(symbol).is_radioactive:
            continue
        # both capitals elements; pymatgen also takes the isotopes D and T for symbols, which
        # made thorium in Li2ThO3 "T and H" (tritium), Db, Ds, Tc and Ts alike
        if not all(c not in "DT" and Element.is_valid_symbol(c) for c in symbol.upper()):
            continue
        found = True
        meant = formula.replace(symbol, symbol.upper())
        text = (f"warning: {symbol!r} in {formula!r} is {Element(symbol).long_name.lower()} "
                f"(radioactive); if you meant {symbol[0]} and {symbol[1].upper()}, write "
                f"{meant!r}")
        if text not in _WARNED:
            _WARNED.add(text)
            typer.echo(text, err=True)
    return found


def _click_exceptions() -> Any:
    """The parser's exception module: typer vendors click as ``typer._click`` since 0.2x."""
    try:
        from typer._click import exceptions
    except ImportError:  # older typer: plain click
        from click import exceptions
    return exceptions


def _number_hint(typed: str, help_text: str | None) -> str:
    """What to write instead of a number option's text that is a number with a unit
    (``--target '25 degC'``: the option's unit is in its help, ``[K]``) or a number with a
    decimal comma (``'1,5'``); "" for other text."""
    from solidcell.units import split_value

    if re.match(r"^\s*[-+]?\d+,\d", typed):
        return "; write the decimal with a point ('1.5', not '1,5')"
    parts = split_value(typed)
    if parts is None or not re.match(r"[A-Za-zµμ°%$]", parts[1]) \
            or re.match(r"^\s*[-+]?0[xX]", typed):  # no unit, '1_0' or hexadecimal '0x10'
        return ""
    unit = re.search(r"\\?\[([^\]]+)\]", help_text or "")
    if unit is None:
        return "; give the number alone, without a unit"
    return f"; give the number alone, in {unit.group(1)} (this option's unit)"


def usage_message(exc: Any) -> str:
    """One line for a parser error, with the command whose ``--help`` explains it; a number
    option that is no number is shown as typed (the parser's own message omits it)."""
    message = one_line(exc.format_message())
    param = getattr(exc, "param", None)
    typed = next((_TYPED[o] for o in getattr(param, "opts", None) or [] if o in _TYPED), None)
    head = re.match(r"(Invalid value for '[^']+'): (.*)$", message)
    if typed is not None and head is not None and repr(typed) not in message:
        reason = head.group(2).replace("Input should be", "must be", 1)
        message = f"{head.group(1)}: {typed!r} is not allowed; {reason}"
    if typed is not None and head is not None:
        message += _number_hint(typed, getattr(param, "help", None))
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return message
