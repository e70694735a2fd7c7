"""The ``solidcell`` command line.

Every module in this package that defines ``register(app)`` adds its commands; modules are
found automatically, so each area of solidcell keeps its commands in its own file. Modules
import heavy dependencies inside the command functions only, so ``--help`` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer
from typer.core import TyperGroup

from solidcell.cli._common import guard_values, plain_help_types, run_guarded


class _Group(TyperGroup):
    """The ``solidcell`` group: made with every command (and group) of the tree, it shows their
    ``--help`` value types as a user reads them (:func:`plain_help_types`: no ``<bool>`` after
    a flag) and refuses an empty path and reads a U+2212 minus in a number the same way for
    every parameter (:func:`guard_values`), whichever way the app is run (``main``,
    ``typer.testing.CliRunner``)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        plain_help_types(self)
        guard_values(self)


app = typer.Typer(
    name="solidcell",
    cls=_Group,
    help="Design, simulate and screen all-solid-state batteries, with a source for every number.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from solidcell import __version__

        typer.echo(f"solidcell {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", is_eager=True,
                                       callback=_print_version,
                                       help="Print solidcell's version and exit.")) -> None:
    # no docstring: the group's help stays the app's own
    pass


def _register_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)
    _one_line_summaries(app)


def _one_line_summaries(group: typer.Typer, escaped: set[int] | None = None) -> None:
    """Command lists show the first paragraph of each docstring on one line (Rich would keep the
    docstring's own line breaks in the middle of the summary column); a unit in brackets in an
    option's help ("[ps]", "[deg]") is escaped, or Rich takes it for a style tag and drops it."""
    import inspect

    from rich.markup import escape

    escaped = set() if escaped is None else escaped  # options shared by commands: escape once
    for info in group.registered_commands:
        doc = inspect.getdoc(info.callback) if info.callback else None
        if info.short_help is None and doc:
            info.short_help = " ".join(doc.split("\n\n")[0].split())
        if info.callback is not None:
            for param in inspect.signature(info.callback).parameters.values():
                if isinstance(getattr(param.default, "help", None), str) \
                        and id(param.default) not in escaped:
                    escaped.add(id(param.default))
                    param.default.help = escape(param.default.help)
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            _one_line_summaries(sub.typer_instance, escaped)


_register_all()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    run_guarded(app, sys.argv[1:] if argv is None else argv)
