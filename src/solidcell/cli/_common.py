"""Shared pieces of the command line: output as tables or JSON, and errors as messages."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer

from solidcell.errors import SolidcellError

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


def fail(message: str, code: int = 2) -> None:
    """Print ``error: message`` to stderr and exit with ``code``."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def run_guarded(app: Callable[..., Any], argv: list[str]) -> None:
    """Run the Typer app; solidcell's own errors become one clear line and exit code 2."""
    try:
        app(args=argv, prog_name="solidcell", standalone_mode=True)
    except SolidcellError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
