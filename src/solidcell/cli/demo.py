"""``solidcell demo``: the main job on the bundled example (what ``make demo`` runs)."""

from __future__ import annotations

from pathlib import Path

import typer

from solidcell.cli._common import JSON_OPTION, check_design_file, fail, print_json

#: The example design the demo evaluates by default (in the checkout's ``examples/``).
EXAMPLE = "ev-nmc811-lpscl-li.yaml"


def _design_file(design: Path | None) -> Path:
    """``design`` if it is a file; by default the EV example of the source checkout, found
    from the package's location (so the demo runs from any working directory)."""
    if design is None:
        from solidcell.app.paths import default_examples_dir

        examples = default_examples_dir()
        if examples is None or not (examples / EXAMPLE).is_file():
            fail(f"--design: the example {EXAMPLE} ships with the source checkout (examples/), "
                 "not with an installed package; give a design file with --design")
        return examples / EXAMPLE
    if not design.is_file():
        fail(f"--design: {str(design)!r} does not exist; give a design file (YAML or JSON)")
    return design


def demo(
    out: Path = typer.Option(Path("out"), help="Output folder."),
    design: Path = typer.Option(None, help="Design to evaluate (default: the EV example "
                                f"{EXAMPLE} of the source checkout's examples folder)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Materials overview (table + Arrhenius plot) and, where the engines exist, the EV
    example's evaluation, rate capability and HTML report, all written to OUT."""
    from solidcell.cell.design import CellDesign
    from solidcell.report.materials import materials_overview

    design = _design_file(design)  # before any work, so nothing is written for a bad one
    if out.exists() and not out.is_dir():  # before any work, as `solidcell report --out`
        fail(f"--out: {str(out)!r} is not allowed; must be a folder, not an existing file")
    # its fields and materials too: a bad design used to fail after the overview was written
    CellDesign.from_file(check_design_file(design, "--design")).resolved()

    def echo(message: str) -> None:  # progress; with --json on stderr, stdout is the JSON
        typer.echo(message, err=as_json)

    echo("solidcell demo: materials overview (knowledge base table, Arrhenius plot) ...")
    overview = materials_overview(out)
    written = {"Materials table": str(overview.table_csv),
               "Materials table (Markdown)": str(overview.table_markdown),
               "Arrhenius plot": str(overview.arrhenius_png)}
    from solidcell.report.demo_steps import run_design_steps

    written.update(run_design_steps(out, design, echo=echo))
    if as_json:
        print_json(written)
    else:
        typer.echo(f"{overview.n_materials} materials, {overview.n_electrolytes_plotted} "
                   "electrolytes plotted")
        for label, path in written.items():
            typer.echo(f"  {label}: {path}")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
