"""Shared pieces of the command line: output as tables or JSON, and errors as messages."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from solidcell.errors import SolidcellError
from solidcell.plotting import PLOT_SUFFIXES

JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table.")


def print_json(data: Any) -> None:
    """Print ``data`` as JSON (NaN/inf become null, arrays become lists)."""
    from solidcell.jsonable import dumps

    typer.echo(dumps(data))


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Print a table for people (rich)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    # escape: unit brackets such as "[S/cm]" are text, not rich markup
    table = Table(title=escape(title), show_lines=False)
    for col in columns:
        table.add_column(escape(str(col)))
    for row in rows:
        table.add_row(*[escape(fmt(v)) for v in row])
    Console(width=max(100, _terminal_width())).print(table)


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 40)).columns


def fmt(value: Any) -> str:
    """Format a cell: numbers with 4 significant digits, None as a dash."""
    from solidcell.units import format_number

    return format_number(value, 4)


def one_line(message: object) -> str:
    """``message`` on one line (a YAML parser's or an import's message spans several)."""
    return " ".join(str(message).split())


def fail(message: str, code: int = 2) -> None:
    """Print ``error: message`` (on one line) to stderr and exit with ``code``."""
    typer.echo(f"error: {one_line(message)}", err=True)
    raise typer.Exit(code)


def check_design_file(path: str | Path, field: str = "design") -> Path:
    """:func:`solidcell.cell.design.design_file` (an existing YAML or JSON file), its refusal
    as one ``error:`` line and exit code 2."""
    from solidcell.cell.design import design_file
    from solidcell.errors import ValidationError

    try:
        return design_file(path, field)
    except ValidationError as exc:
        fail(str(exc))
    raise AssertionError  # fail() exits


def check_output_file(option: str, path: str | Path,
                      suffixes: Sequence[str] = PLOT_SUFFIXES) -> Path:
    """Refuse, before any work is done, an output file that cannot be written as asked: a
    folder, a suffix of another format (matplotlib would add ``.png`` to a name without one,
    or fail after the work), or a place that is not a writable folder."""
    out = Path(path)
    allowed = "a file name ending in " + ", ".join(suffixes)
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


@contextmanager
def writing(option: str, path: str | Path) -> Iterator[None]:
    """An OS error while writing ``path`` becomes one line naming ``option``."""
    try:
        yield
    except OSError as exc:
        fail(f"{option}: {str(path)!r} cannot be written ({exc.strerror or exc}); "
             "give a file in a writable folder")


def progress_bar(**kwargs: Any) -> Any:
    """A transient rich progress bar on stderr, so that stdout holds only the results."""
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    # off where stderr is not a terminal: a log or a pipe gets no stray blank lines
    return Progress(console=console, transient=True, disable=not console.is_terminal,
                    **kwargs)


def run_guarded(app: Callable[..., Any], argv: list[str]) -> None:
    """Run the Typer app; bad input becomes one clear line on stderr and exit code 2.

    Both solidcell's own errors and the command-line parser's (unknown option, missing
    argument, a value of the wrong type) are printed as ``error: ...``, never as a
    traceback or a multi-line box.
    """
    click_exc = _click_exceptions()
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
        typer.echo(f"error: {one_line(exc)}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def _click_exceptions() -> Any:
    """The parser's exception module: typer vendors click as ``typer._click`` since 0.2x."""
    try:
        from typer._click import exceptions
    except ImportError:  # older typer: plain click
        from click import exceptions
    return exceptions


def usage_message(exc: Any) -> str:
    """One line for a parser error, with the command whose ``--help`` explains it."""
    message = one_line(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return message
