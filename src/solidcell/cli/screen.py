"""``solidcell screen`` and ``solidcell applications``: design-space screening."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import typer

from solidcell.cli._common import (
    JSON_OPTION,
    PRICE_FIELD,
    PRICE_OPTION,
    SCHEDULER_TIMEOUT_OPTION,
    check_output_file,
    database_cost_options,
    fail,
    options,
    print_json,
    print_sources,
    print_table,
    progress_bar,
    quantity_option,
    scheduler_timeout_option,
    writing,
)


def _num(x: Any) -> Any:
    return None if isinstance(x, float) and not math.isfinite(x) else x


def _shown_value(path: str, value: Any, divisor: float) -> Any:
    """A swept value in the unit of its column (:func:`shown_parameter`); ids as they are."""
    from solidcell.checks import is_real

    if not is_real(value):
        return value
    if path == "temperature_K":  # a temperature as given: 333.15 K to four digits read 333.1
        return f"{float(value):.6g}"
    return _num(float(value) / divisor) if divisor != 1.0 else value


#: Rows of the front turned into JSON at a time by :func:`print_json_streamed`.
JSON_CHUNK_ROWS = 10_000


def print_json_streamed(result: Any, chunk_rows: int = JSON_CHUNK_ROWS) -> None:
    """Print ``result.to_json()`` (the text :func:`print_json` gives) with the rows of the
    front written ``chunk_rows`` at a time: a front of 10^6 designs never holds all its
    records, nor all their text, in memory at once."""
    from solidcell.jsonable import dumps
    from solidcell.screening.screen import records

    frame = result.pareto
    head = dumps({**result.summary(), "rows": [], "sources": list(result.sources)})
    if frame.empty:
        typer.echo(head)
        return
    before, after = head.split('\n  "rows": [],\n', 1)
    typer.echo(before + '\n  "rows": [')
    for start in range(0, len(frame), chunk_rows):
        rows = records(frame.iloc[start:start + chunk_rows])
        last = start + chunk_rows >= len(frame)
        typer.echo(",\n".join("    " + dumps(r).replace("\n", "\n    ") for r in rows)
                   + ("" if last else ","))
    typer.echo("  ],\n" + after)


def write_csv_atomically(table: Any, path: Path) -> None:
    """Write ``table`` (a DataFrame) to ``path`` as CSV through a temporary file in the same
    folder, renamed over ``path`` once complete: a write that fails or is interrupted (a full
    disk, Ctrl-C during the minutes 10^6 rows take) leaves an earlier file as it was and no
    half-written one. Text cells are guarded against spreadsheet formulas as the dashboard's
    download guards them (:func:`solidcell.materials.store.guarded_csv`)."""
    import os

    from solidcell.materials.store import guarded_csv

    if path.is_symlink():  # write where the link points, as a plain write would
        path = path.resolve()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        guarded_csv(table, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def screen_command(
    space: Path = typer.Argument(..., help="Design space file (.yaml, .yml or .json): base "
                                 "design, parameters to sweep, method (grid | lhs), n, "
                                 "objectives; see examples/spaces/ev.yaml and "
                                 "docs/screening.md."),
    application: str = typer.Option(None, "--application", "-a",
                                    help="Application profile: ev, grid, iot or aerospace "
                                    "(`solidcell applications` lists them): designs must meet "
                                    "its requirements, and its objectives rank them where "
                                    "the space gives none."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address "
                                  "(tcp://host:8786); default: run locally."),
    scheduler_timeout: str = SCHEDULER_TIMEOUT_OPTION,
    temperature: str = typer.Option(None, "--temperature", help="Screen at this temperature "
                                    "('60 degC', '350 K') instead of the design's (refused "
                                    "where the space sweeps temperature_K)."),
    plot: Path = typer.Option(None, "--plot", help="Write the Pareto plot here (.png, .svg "
                              "or .pdf; the first two objectives)."),
    csv: Path = typer.Option(None, "--csv", help="Write every design (with reasons) as CSV."),
    rows: int = typer.Option(15, "--rows", min=1, help="Pareto rows to print (at least 1)."),
    price: list[str] = PRICE_OPTION,
    stable_interfaces: bool = typer.Option(
        False, "--stable-interfaces", help="Make a design whose worst interface is unstable "
        "(`solidcell interfaces DESIGN`) infeasible, its reason naming the interface; by "
        "default the verdict is a column and feasibility is the energy model's."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Sweep design parameters; print the Pareto front, infeasible designs with the reason."""

    from solidcell.dask_adapter import timeout_field
    from solidcell.manufacturing.cost import price_field
    from solidcell.screening.screen import (
        INTERFACES_KEY,
        ISSUES_KEY,
        load_space,
        planned_objectives,
        screen,
        shown_parameter,
    )
    from solidcell.screening.screen import application as profile

    t_k = quantity_option("--temperature", temperature, "temperature")  # "" is refused
    timeout_s = scheduler_timeout_option(scheduler, scheduler_timeout)
    cost_options = database_cost_options(price)
    if plot is not None:
        check_output_file("--plot", plot)  # before the screen, not after minutes of work
    if csv is not None:
        check_output_file("--csv", csv, (".csv",))

    def mapped() -> Any:  # errors of the engine name the options typed
        return options(application=("--application", application),
                       scheduler=("--scheduler", scheduler),
                       scheduler_timeout_s=("--scheduler-timeout", scheduler_timeout),
                       temperature_K=("--temperature", temperature))

    with mapped():
        space_read = load_space(space)
        if plot is not None:  # a plot of one objective is refused before the screen too
            keys = [o.key for o in planned_objectives(
                space_read, profile(application) if application else None)]
            if len(keys) < 2:
                fail(f"--plot: {str(plot)!r} is not allowed; a plot needs two objectives "
                     f"and the space has {len(keys)} ({', '.join(keys)}); add one under "
                     "objectives: or leave out --plot")
    with progress_bar(as_json) as bar:
        task = bar.add_task("screening", total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        with mapped(), price_field(PRICE_FIELD), timeout_field("--scheduler-timeout"):
            result = screen(space_read, application=application, scheduler=scheduler,
                            temperature_K=t_k, progress=step, cost_options=cost_options,
                            scheduler_timeout_s=timeout_s,
                            require_stable_interfaces=stable_interfaces)
    if csv is not None:  # first: every design is kept even where the plot cannot be drawn
        with writing("--csv", csv):
            csv.parent.mkdir(parents=True, exist_ok=True)
            write_csv_atomically(result.table, csv)
    if plot is not None:
        with writing("--plot", plot):
            result.plot(plot)
    if as_json:
        print_json_streamed(result)
        return
    data = result.summary()  # the counts alone: no record of the front's rows is built
    params = list(result.parameters)
    shown = {p: shown_parameter(p) for p in params}  # lengths in um, as `evaluate` shows them
    keys = [o.key for o in result.objectives]
    front = result.ranked
    front = front[front["Pareto"]].head(rows)
    meets = ""
    if result.application is not None:
        n_meet = int((result.table["Feasible"] & result.table["Meets requirements"]).sum())
        meets = f", {n_meet} meet {result.application.id}"
    # the interface verdict: a column where the shown rows differ, else one line below
    column = front[INTERFACES_KEY].nunique() > 1
    cut = (f"; the best {len(front)} by the first objective shown (--rows)"
           if len(front) < data["Pareto designs"] else "")
    print_table(
        f"Pareto front: {data['Pareto designs']} designs ({data['Designs']} screened, "
        f"{data['Feasible designs']} feasible{meets}){cut}",
        # "cathode thickness (um)": a dotted path is one word, cut to "cathode.thick…"
        [shown[p][0].replace(".", " ") for p in params]
        + [k.replace("[", "(").replace("]", ")") for k in keys] + ["interfaces"] * column,
        [[_shown_value(p, r[p], shown[p][1]) for p in params] + [_num(float(r[k])) for k in keys]
         + [r[INTERFACES_KEY]] * column for _, r in front.iterrows()])
    for status, text in front[[INTERFACES_KEY, ISSUES_KEY]].drop_duplicates().itertuples(
            index=False):  # which interface and why, once per verdict shown
        typer.echo(f"interfaces{'' if column else ' of every design shown'}: {status}"
                   + (f": {text}" if text else ""))
    if data["Infeasible reasons"]:  # reason 12 by the number out of range (Reason detail)
        print_table("Infeasible designs", ["reason", "designs"],
                    [list(r) for r in result.infeasible_rows()])
    if result.application is not None:
        app = result.application
        typer.echo(f"{app.name}: {app.description}")
        not_met = int((result.table["Feasible"] & ~result.table["Meets requirements"]).sum())
        typer.echo(f"{not_met} feasible designs do not meet the requirements of {app.id}")
    for note in result.notes:
        typer.echo(f"note: {note}")
    print_sources(result.sources)
    if plot is not None:  # as `simulate --plot`: where the figure went
        typer.echo(f"plot: {plot}")


def applications_command(as_json: bool = typer.Option(
        False, "--json", help="Print machine-readable JSON instead of a table: each profile "
        "in the keys of its file, applications.yaml (name, requirements, key, min, "
        "source, ...).")) -> None:
    """List the application profiles (requirements, objectives, sources). --json keeps the
    keys of the profiles' file, as the other database listings do (docs/conventions.md); a
    requirement's key names the result it bounds, as the results' JSON does."""
    from solidcell.screening.screen import applications

    apps = applications()
    if as_json:
        print_json({k: {"name": a.name, "description": a.description,
                        "requirements": list(a.requirements),
                        "objectives": [o.__dict__ for o in a.objectives],
                        "optional_objectives": [o.__dict__ for o in a.optional_objectives],
                        "sources": list(a.sources)} for k, a in apps.items()})
        return
    print_table("Application profiles", ["id", "name", "requirements", "objectives", "sources"],
                [[k, a.name,
                  "; ".join(f"{r['key']} {'>=' if 'min' in r else '<='} "
                            f"{r.get('min', r.get('max'))}" for r in a.requirements) or "-",
                  "; ".join([*(f"{o.sense} {o.key}" for o in a.objectives),
                             *(f"{o.sense} {o.key} (where the cost model prices the design)"
                               for o in a.optional_objectives)]),
                  ", ".join(a.sources)] for k, a in apps.items()])
    for k, a in apps.items():
        typer.echo(f"{k}: {a.description}")


def register(app: typer.Typer) -> None:
    app.command("screen")(screen_command)
    app.command("applications")(applications_command)
