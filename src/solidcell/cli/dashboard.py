"""``solidcell app``: the web dashboard on localhost, and ``solidcell report``: the HTML report.

(This module is not called ``cli/app.py``: importing ``solidcell.cli.app`` would replace the
Typer object ``solidcell.cli.app`` with the module.)
"""

from __future__ import annotations

from pathlib import Path

import typer

from solidcell.cli._common import (
    JSON_OPTION,
    PRICE_FIELD,
    PRICE_OPTION,
    check_design_file,
    check_output_folder,
    database_cost_options,
    fail,
    options,
    print_json,
    progress_bar,
)


def app_command(
    host: str = typer.Option("127.0.0.1", help="Address to bind; loopback unless you say "
                             "otherwise (the dashboard has no login)."),
    port: int = typer.Option(8050, min=0, max=65535, help="TCP port (0: any free port)."),
    examples: Path | None = typer.Option(None, help="Folder of example designs (default: the "
                                         "checkout's examples/)."),
    workspace: Path | None = typer.Option(None, help="Folder where designs are saved and may "
                                          "be opened from (default: the user data folder)."),
) -> None:
    """Serve the dashboard: materials database, design editor, simulation, screening,
    prediction, interfaces and mechanics. Files are opened only inside the examples folder
    and the workspace."""
    from solidcell.app.server import is_loopback, serve

    def ready(url: str) -> None:  # after the bind: the real port, also for --port 0
        if not is_loopback(host):  # after the checks: not for an address that is refused
            typer.echo(f"warning: serving on {host}; anyone who can reach it can add materials "
                       "to your database", err=True)
        typer.echo(f"solidcell dashboard on {url} (Ctrl+C stops it)")

    try:  # the host, the port and the folders are checked before the bind (serve)
        with options(examples_dir=("--examples", None if examples is None else str(examples)),
                     workspace_dir=("--workspace",
                                    None if workspace is None else str(workspace)),
                     host=("--host", host), port=("--port", port)):
            serve(host=host, port=port, examples_dir=examples, workspace_dir=workspace,
                  ready=ready)
    except OSError as exc:
        fail(f"--port: cannot serve on {host}:{port} ({exc}); choose another --port")
    except KeyboardInterrupt:
        typer.echo("stopped")


def report_command(
    design: Path = typer.Argument(..., help="Design file (YAML or JSON)."),
    out: Path = typer.Option(Path("out"), help="Output folder."),
    experiment: str | None = typer.Option(
        None, help="Experiment of the voltage-curve section. Default: a C/10 discharge to 3 V "
        "vs Li/Li+, 'Discharge at C/10 until 3 V' against lithium, 'until 2.38 V' against a "
        "Li-In counter electrode (0.62 V)."),
    price: list[str] = PRICE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Write the self-contained HTML report of a design (plots embedded, sources listed)."""

    from solidcell.cell.design import CellDesign
    from solidcell.manufacturing.cost import price_field
    from solidcell.report.html import write_report

    cell = CellDesign.from_file(check_design_file(design))
    check_output_folder("--out", out, "<design name>-report.html")
    # the cost section asks for --price where the knowledge base has none: as `cost` does
    cost_options = database_cost_options(price)
    with progress_bar(as_json) as progress:
        progress.add_task("writing the report (runs every available engine) ...", total=None)
        with options(out=("--out", str(out)), experiment=("--experiment", experiment)), \
                price_field(PRICE_FIELD):  # the cost section asks for --price, not CostOptions
            path = write_report(cell, out, experiment=experiment, cost_options=cost_options)
    if as_json:
        print_json({"Report": str(path)})
    else:
        typer.echo(f"report: {path}")


def register(app: typer.Typer) -> None:
    app.command("app")(app_command)
    # the name it prints ("solidcell dashboard on URL") and users type: "No such command"
    app.command("dashboard", hidden=True, help="The same as `solidcell app`.")(app_command)
    app.command("report")(report_command)
