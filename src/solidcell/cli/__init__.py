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

from solidcell.cli._common import run_guarded

app = typer.Typer(
    name="solidcell",
    help="Design, simulate and screen all-solid-state batteries, with a source for every number.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_all()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    run_guarded(app, sys.argv[1:] if argv is None else argv)
