"""``solidcell route``, ``solidcell cost`` and ``solidcell processes``: how a design is made and
what it costs (solidcell.manufacturing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from solidcell.cli._common import (
    JSON_OPTION,
    PRICE_FIELD,
    PRICE_OPTION,
    check_design_file,
    check_output_file,
    check_price_ids,
    number_option,
    options,
    price_options,
    print_json,
    print_sources,
    print_table,
    writing,
)

PROCESSES_OPTION = typer.Option(
    None, "--processes", help="Process database YAML to use instead of the curated one.")


def _load_design(text: str | Path) -> Any:
    """The layer stack of a layer-stack file (YAML or JSON with 'layers') or of a CellDesign
    file, the file parsed once (``as_stack``; it was parsed twice).
    A design that breaks a rule is refused as ``solidcell evaluate`` refuses it (the
    :class:`ValidationError` naming its field, exit code 2), whether the file is YAML or
    JSON: the cost of a JSON design printed it as "no cost: design ... cannot be evaluated:
    ..." with exit code 1, that of the same design in YAML with the design's name before it."""
    from solidcell.errors import ValidationError
    from solidcell.manufacturing.design import DesignNotEvaluable
    from solidcell.manufacturing.routes import as_stack

    path = check_design_file(text)
    try:
        return as_stack(path)
    except DesignNotEvaluable as exc:
        if isinstance(exc.__cause__, ValidationError):
            raise exc.__cause__ from None
        raise


def _database(path: str | Path | None) -> Any:
    from solidcell.manufacturing.processes import load_processes

    with options(**{"processes file": ("--processes", None if path is None else str(path))}):
        return load_processes(path)


def _um(x: float) -> str:
    """``x`` [m] in um, 4 significant digits, never in exponent form ('10000', not '1e+04')."""
    import numpy as np

    return np.format_float_positional(float(f"{x * 1e6:.4g}"), trim="-")


def _um_range(lo: float, hi: float) -> str:
    """'10-100', or '100' for a single value (was '100-100')."""
    return _um(lo) if _um(lo) == _um(hi) else f"{_um(lo)}-{_um(hi)}"


def _price_range(lo: float, hi: float) -> str:
    """'25-40', or '170' for a single price (was '170-170', read as a range)."""
    a, b = f"{lo:.3g}", f"{hi:.3g}"
    return a if a == b else f"{a}-{b}"


def route_command(
    design: Path = typer.Argument(..., help="Design file: a CellDesign YAML/JSON or a layer "
                                  "stack YAML/JSON (with 'layers')."),
    show_all: bool = typer.Option(False, "--all", help="Show every process considered for "
                                  "every layer, with the reasons for each rejection."),
    processes: Path = PROCESSES_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Manufacturing routes of a design (feasible, or slow where nothing else fits), layer by
    layer; every rejection says why."""
    from solidcell.manufacturing.routes import plan_routes

    plan = plan_routes(_load_design(design), processes=_database(processes))
    if as_json:
        print_json(plan.to_json())
        if not plan.feasible:
            raise typer.Exit(1)
        return
    n_orders = 2 ** (len(plan.thermal_limits) - 1)  # one thermal limit per layer
    tried = (f"{plan.orders_tried} build orders tried" if plan.orders_tried >= n_orders else
             f"the first {plan.orders_tried} of {n_orders} build orders tried")
    typer.echo(f"{plan.design}: {tried}, {len(plan.routes)} distinct route(s) shown")
    for k, route in enumerate(plan.routes, 1):
        rows = [[s.layer, s.process, s.status, f"{s.temperature_K - 273.15:.0f}",
                 s.atmosphere, s.time_s_per_m2, s.process_cost_USD_per_m2,
                 "; ".join(s.reasons)] for s in route.steps]
        print_table(f"Route {k} ({route.status}): {route.process_cost_USD_per_m2:.3g} USD/m2, "
                    f"yield {route.process_yield:.3f}",
                    ["layer", "process", "status", "T (degC)", "atmosphere", "time (s/m2)",
                     "cost (USD/m2)", "flags"], rows, whole=(1,))  # process ids whole
        for s in route.steps:  # a sourced recipe or sintering aid that sets the step
            if s.note:
                typer.echo(f"  {s.layer} ({s.process}): {s.note}")
    if show_all or not plan.feasible:
        rows = [[o.layer, o.process, o.status, "; ".join(o.reasons) or "-"]
                for o in plan.options if show_all or o.status != "feasible"]
        print_table(f"Options in build order {' -> '.join(plan.options_order)}",
                    ["layer", "process", "status", "why"], rows)
        print_table("Thermal limits (per material where sourced, else per class)",
                    ["layer", "material", "limit (degC)", "basis", "per", "source"],
                    [[name, lim.material, f"{lim.temperature_K - 273.15:.5g}", lim.basis,
                      lim.scope, lim.source] for name, lim in plan.thermal_limits])
    print_sources(plan.sources)  # as --json lists them
    if not plan.feasible:
        typer.echo(f"no route: {plan.reason}", err=True)
        raise typer.Exit(1)


def cost_command(
    design: Path = typer.Argument(..., help="Design file: a CellDesign YAML/JSON or a layer "
                                  "stack YAML/JSON (with 'layers' and 'areal_energy')."),
    price: list[str] = PRICE_OPTION,
    tornado: Path = typer.Option(None, "--tornado", help="Write the sensitivity (tornado) "
                                  "plot to this file (.png, .svg or .pdf), e.g. out/tornado.png."),
    pack_adder: str = typer.Option(None, "--pack-adder", help="Pack integration cost "
                                   "[USD/kWh] (default: database value); a plain number is in "
                                   "USD/kWh, or give a unit: '10 USD/kWh'."),
    processes: Path = PROCESSES_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Cell and pack cost in USD/kWh: bill of materials, process cost with yield, breakdown and
    sensitivity (tornado)."""
    from solidcell.manufacturing.cost import (
        cell_cost,
        cost_sensitivity,
        plot_tornado,
        price_field,
        route_status,
    )
    from solidcell.manufacturing.economics import CostOptions

    if tornado is not None:
        check_output_file("--tornado", tornado)
    prices, typed_prices = price_options(price)
    adder = number_option("--pack-adder", pack_adder, "energy price", "USD/kWh")
    with options(prices=("--price", typed_prices),
                 pack_integration_cost_USD_kWh=("--pack-adder", pack_adder)):
        cost_options = CostOptions(prices=prices, pack_integration_cost_USD_kWh=adder)
        cost_options.check()
    stack = _load_design(design)
    with price_field(PRICE_FIELD):  # a missing price is given with --price here
        result = cell_cost(stack, processes=_database(processes), options=cost_options)
    if result.areal_masses_kg_per_m2:  # empty when no route was found
        materials = list(result.areal_masses_kg_per_m2)
        check_price_ids(prices, materials,
                        f"a material of this design; its materials: {', '.join(materials)}")
    sens = cost_sensitivity(result) if result.has_cost else None
    if tornado is not None and sens is not None:
        from tqdm import tqdm

        with tqdm(total=1, desc="tornado plot", disable=None, leave=False) as bar:
            with writing("--tornado", tornado):
                plot_tornado(sens, tornado)
            bar.update(1)
    if as_json:
        data = result.to_json()
        data["Sensitivity"] = sens.to_json() if sens is not None else None
        if tornado is not None and sens is not None:
            data["Tornado plot"] = str(tornado)
        print_json(data)
        if not result.has_cost:
            raise typer.Exit(1)
        return
    if not result.has_cost:
        typer.echo(f"{result.design}: no cost: {result.reason}", err=True)
        raise typer.Exit(1)
    print_table(f"{result.design}: cost", ["quantity", "value"], [
        ["cell cost (USD/kWh)", result.cell_cost_USD_per_kWh],
        ["pack cost (USD/kWh)", result.pack_cost_USD_per_kWh],
        ["cost per good m2 (USD/m2)", result.cost_USD_per_m2],
        [_areal_energy_label(stack), result.areal_energy_Wh_per_m2],
        ["total yield", result.total_yield],
        ["route", result.route.describe() if result.route else "-"],
        ["route status", route_status(result)],
        *([f"{s.layer} ({s.process})", s.note] for s in
          (result.route.steps if result.route else ()) if s.note),
    ])
    print_table("Breakdown", ["item", "category", "USD/m2", "USD/kWh", "source"],
                [[b.item, b.category, b.cost_USD_per_m2, b.cost_USD_per_kWh, ", ".join(b.sources)]
                 for b in result.breakdown])
    # method: an estimate says so (LLZO's 10-50 USD/kg is "estimated" after Balaish 2021; the
    # table showed the key alone, the JSON its "Method")
    print_table("Prices", ["material", "USD/kg", "range", "year", "method", "source"],
                [[p.material, p.price_USD_per_kg,
                  _price_range(p.low_USD_per_kg, p.high_USD_per_kg), p.year, p.method,
                  p.source] for p in result.prices])
    if sens is not None:
        print_table("Sensitivity (cell cost, USD/kWh)", ["parameter", "low", "high",
                                                         "cost at low", "cost at high"],
                    [[b.parameter, b.low_input, b.high_input, b.cell_cost_low_USD_per_kWh,
                      b.cell_cost_high_USD_per_kWh] for b in sens.bars])
    print_sources(result.sources)  # as --json lists them
    if tornado is not None:
        typer.echo(f"tornado plot: {tornado}")


def _areal_energy_label(stack: Any) -> str:
    """The cost table's areal-energy row says whose energy it is: a bipolar stack is costed
    per cell of its series stack (evaluate's "Stack areal energy" / cells in series), where
    evaluate's JSON gives the whole series stack's; both are per m2 of footprint."""
    if any(layer.name == "bipolar current collector" for layer in stack.layers):
        return "areal energy of one cell of the bipolar stack (Wh/m2)"
    return "areal energy (Wh/m2)"


def processes_command(
    processes: Path = PROCESSES_OPTION,
    as_json: bool = typer.Option(
        False, "--json", help="Print machine-readable JSON instead of a table: the database "
        "in its file's own keys (capital_cost_classes, value, unit, source, ...), which "
        "--processes reads back."),
) -> None:
    """The process database: thickness range, resolution, rate, temperature, atmosphere,
    materials, capital cost class, each with its source. --json keeps the file's keys, not
    the capitalised keys with a unit of the results (docs/conventions.md), so a dump can be
    edited and given back with --processes."""
    db = _database(processes)
    if as_json:
        print_json({**db.model_dump(mode="json", exclude_none=True),
                    "sources": list(db.sources)})
        return
    rows = []
    for p in db.processes:
        lo, hi = p.si_range("thickness")
        res = p.si_range("resolution")
        rows.append([
            p.id, _um_range(lo, hi), "-" if res[0] is None else _um_range(*res),
            f"{p.rate * 1e9:.3g} nm/s" if p.rate else
            (f"{p.si('line_speed') * 60:.3g} m/min" if p.is_line else "batch"),
            f"{p.max_temperature - 273.15:.0f}" if p.temperature_window is None else
            "-".join(f"{t - 273.15:.0f}" for t in p.temperature_window),  # a window
            ",".join(p.atmosphere),
            p.capital_cost_class, p.thickness.source])
    # the table names the thickness's source only: rate, temperature and capex are sourced
    # (mostly mfg_engineering_estimate) in the JSON, which the title points to
    print_table("Processes (lengths in um; every value's source and method: --json)",
                ["process", "thickness", "resolution", "rate/speed", "T max (degC)",
                 "atmosphere", "capex", "thickness source"], rows)
    print_sources(db.sources)  # as --json lists them


def register(app: typer.Typer) -> None:
    app.command("route")(route_command)
    app.command("cost")(cost_command)
    app.command("processes")(processes_command)
