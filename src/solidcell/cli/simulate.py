"""``solidcell simulate`` and ``solidcell rate-capability``: PyBaMM simulation of a design."""

from __future__ import annotations

import base64
import contextlib
import sys
from pathlib import Path
from typing import Any

import typer

from solidcell.cli._common import (
    JSON_OPTION,
    check_design_file,
    check_output_file,
    fail,
    options,
    print_json,
    print_table,
    quantity_option,
    writing,
)


def _write_plot(result: Any, path: Path) -> Path:
    """PNG as asked, or an HTML page holding the PNG for a ``.html`` path."""
    if path.suffix.lower() in (".html", ".htm"):
        png = path.with_suffix(".png")
        with writing("--plot", png):
            result.plot(png)
        data = base64.b64encode(png.read_bytes()).decode("ascii")
        with writing("--plot", path):
            path.write_text(f"<!doctype html><meta charset='utf-8'><title>{result.name}</title>"
                            f"<h1>{result.name}</h1><img alt='plot' "
                            f"src='data:image/png;base64,{data}'>", encoding="utf-8")
        return path
    with writing("--plot", path):
        return result.plot(path)


def _short_end(termination: str) -> str:
    """Termination reason in a few words for tables."""
    text = termination.removeprefix("event: ")
    if "OCP data" in text:
        return "end of OCP data"
    if text.startswith("Minimum voltage") or text.startswith("Voltage <"):
        return "lower cut-off"
    if text.startswith("no capacity"):
        return "below cut-off at start"
    return text


def _spinner(message: str) -> Any:
    from rich.console import Console

    return Console(stderr=True).status(message)


def _n_steps(experiment: str) -> int:
    """Steps of ``experiment`` after expanding repeats (1 when it cannot be read: the
    simulation refuses it, naming --experiment)."""
    from solidcell.simulation.pybamm_adapter import normalise_experiment

    try:
        return len(normalise_experiment(experiment, 1.0))
    except Exception:
        return 1


#: The precedence of simulation.parameters.parameters_from_design (docs/simulation.md): the
#: option, else the design's interfaces, else the knowledge base's, else 0.
INTERFACE_RESISTANCE_HELP = (
    "Area-specific interface resistance of the cell (cathode and anode interfaces together), "
    "e.g. '20 Ohm cm2'. Default: the design's cathode_interface_resistance_ohm_m2 + "
    "anode_interface_resistance_ohm_m2, else the knowledge base's areal_resistance of the "
    "cathode coating or the separator electrolyte, else 0 (a note says which).")


def _overrides(temperature: str | None, interface_resistance: str | None
               ) -> tuple[float | None, float | None]:
    """``--temperature`` [K] and ``--interface-resistance`` [Ohm m2] as numbers (text that is
    not such a quantity is refused naming the option)."""
    return (quantity_option("--temperature", temperature, "temperature"),
            quantity_option("--interface-resistance", interface_resistance,
                            "areal resistance"))


def _named(temperature: str | None, interface_resistance: str | None,
           **more: tuple[str, Any]) -> Any:
    """:func:`~solidcell.cli._common.options` of the simulation engines' parameters."""
    return options(temperature=("--temperature", temperature),
                   temperature_K=("--temperature", temperature),
                   interface_resistance=("--interface-resistance", interface_resistance),
                   interface_resistance_ohm_m2=("--interface-resistance",
                                                interface_resistance), **more)


def simulate_command(
    design: Path = typer.Argument(..., help="Design file (YAML or JSON)."),
    experiment: str = typer.Option(
        "Discharge at 1C until 3 V", "--experiment", "-e",
        help="PyBaMM experiment; steps separated by ';', a repeated group as '(step, step)*3'. "
             "Currents as C-rates, A/mA or current densities ('0.5 mA/cm2'), e.g. 'Discharge "
             "at 1C until 3 V; Rest for 1 hour; Charge at C/3 until 4.2 V; Hold at 4.2 V until "
             "C/20'. The cell starts charged unless the first step is a charge."),
    temperature: str = typer.Option(None, "--temperature", help="Override the design's "
                                    "temperature, e.g. '60 degC'."),
    interface_resistance: str = typer.Option(
        None, "--interface-resistance", help=INTERFACE_RESISTANCE_HELP),
    mesh: str = typer.Option("default", "--mesh", help="coarse, default or fine."),
    plot: Path = typer.Option(None, "--plot", help="Write the voltage curve and overpotential "
                              "breakdown to a .png (or .html) file."),
    curves: bool = typer.Option(False, "--curves", help="With --json: include the curves."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Simulate an experiment on a design with PyBaMM (DFN for composite electrodes, the
    thin-film model for a dense cathode film)."""
    from solidcell.simulation.runs import simulate

    if curves and not as_json:  # was ignored: the table has no curves
        fail("--curves needs --json (the curves are arrays of the JSON output; --plot draws "
             "them)")
    check_design_file(design)
    if plot is not None:  # before the simulation, not after it
        check_output_file("--plot", plot, (".png", ".html", ".htm"))
    t_k, r_ohm_m2 = _overrides(temperature, interface_resistance)
    # on a terminal an experiment of several steps shows a bar over its steps, one step the
    # spinner (the two would write over each other); neither in logs or pipes
    progress = sys.stderr.isatty() and _n_steps(experiment) > 1
    waiting = (_spinner("building and solving the PyBaMM model ...") if not progress
               else contextlib.nullcontext())
    with waiting, _named(temperature, interface_resistance, mesh=("--mesh", mesh),
                         experiment=("--experiment", experiment)):
        result = simulate(design, experiment, temperature=t_k,
                          interface_resistance=r_ohm_m2, mesh=mesh, progress=progress)
    if plot is not None:
        _write_plot(result, plot)
    if as_json:
        print_json(result.to_json(curves=curves))
        return
    area_cm2 = result.area_m2 * 1e4
    print_table(f"{result.name}: {'; '.join(result.experiment)}", ["quantity", "value"], [
        ["delivered capacity (mAh)", result.delivered_capacity_A_h * 1000.0],
        ["delivered areal capacity (mAh/cm2)",
         result.delivered_capacity_A_h * 1000.0 / area_cm2],
        ["utilisable capacity (mAh)", result.utilisable_capacity_A_h * 1000.0],
        ["delivered energy (Wh)", result.delivered_energy_W_h],
        ["charged capacity (mAh)", result.charged_capacity_A_h * 1000.0],
        ["charged energy (Wh)", result.charged_energy_W_h],
        ["electrode area (cm2)", area_cm2],
        # 298.15 K to four digits read "298.1"; the temperature is shown as given
        ["temperature", f"{result.temperature_K:.6g} K ({result.temperature_K - 273.15:.6g} "
                        "degC)"],
        ["end", _short_end(result.termination)],
    ])
    print_table("Mean overpotentials while current flows", ["loss", "mV"], [
        [k.replace(" [V]", ""), v * 1000.0] for k, v in result.mean_overpotentials_V.items()])
    for note in result.notes:
        typer.echo(f"note: {note}")
    typer.echo(f"model: {result.model}")
    typer.echo(f"sources: {', '.join(result.sources)}")
    if plot is not None:
        typer.echo(f"plot: {plot}")


def rate_command(
    design: Path = typer.Argument(..., help="Design file (YAML or JSON)."),
    rates: str = typer.Option("0.1,0.2,0.5,1,2,5", "--rates",
                              help="Comma-separated C-rates."),
    lower_cutoff: str = typer.Option(None, "--lower-cutoff", help="Lower cut-off, e.g. "
                                     "'3 V' (default: end-of-window OCV minus 0.3 V)."),
    fast: bool = typer.Option(False, "--fast", help="Use the fast reduced model."),
    temperature: str = typer.Option(None, "--temperature", help="e.g. '60 degC'."),
    interface_resistance: str = typer.Option(
        None, "--interface-resistance", help=INTERFACE_RESISTANCE_HELP),
    mesh: str = typer.Option("default", "--mesh", help="coarse, default or fine."),
    plot: Path = typer.Option(None, "--plot", help="Curves and Ragone plot (.png/.html)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Rate capability and Ragone data of a design (PyBaMM, or --fast)."""
    from solidcell.errors import ValidationError
    from solidcell.simulation.runs import rate_capability

    try:
        parts = rates.split(",")
        if len(parts) > 1 and not all(x.strip() for x in parts):  # '1,,2' dropped the gap
            raise ValueError
        c_rates = [float(x) for x in parts if x.strip()]
    except ValueError:
        raise ValidationError("--rates", rates, "give comma-separated numbers, e.g. "
                              "'0.1,0.5,1,2'") from None
    if fast and mesh in ("coarse", "fine"):  # was ignored: the fast model has no mesh
        fail(f"--mesh: {mesh!r} has no effect with --fast (the fast model has no mesh); "
             "leave out one of them")
    check_design_file(design)
    if plot is not None:  # before the simulation, not after it
        check_output_file("--plot", plot, (".png", ".html", ".htm"))
    t_k, r_ohm_m2 = _overrides(temperature, interface_resistance)
    cutoff = quantity_option("--lower-cutoff", lower_cutoff, "voltage")
    with _named(temperature, interface_resistance, c_rates=("--rates", rates),
                mesh=("--mesh", mesh), lower_cutoff=("--lower-cutoff", lower_cutoff)):
        result = rate_capability(design, c_rates, lower_cutoff=cutoff,
                                 model="fast" if fast else "pybamm", mesh=mesh,
                                 temperature=t_k, interface_resistance=r_ohm_m2,
                                 # off where stderr is not a terminal: no bar in logs or pipes
                                 progress=not as_json and not fast and sys.stderr.isatty())
    if plot is not None:
        _write_plot(result, plot)
    if as_json:
        print_json(result.to_json())
        return
    area = result.area_m2
    print_table(f"{result.name}: rate capability ({result.model})",
                ["C-rate (1/h)", "capacity (mAh)", "of utilisable (%)", "energy (Wh)",
                 "mean voltage (V)", "areal power (W/m2)", "end"],
                [[c, q * 1000.0, f * 100.0, e, v, p / area, _short_end(t)]
                 for c, q, f, e, v, p, t in zip(
                    result.c_rates, result.capacity_A_h, result.capacity_fraction,
                    result.energy_W_h, result.mean_voltage_V, result.power_W,
                    result.terminations, strict=False)])
    for note in result.notes:
        typer.echo(f"note: {note}")
    typer.echo(f"sources: {', '.join(result.sources)}")


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate_command)
    app.command("rate-capability")(rate_command)
