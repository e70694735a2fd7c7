"""``solidcell simulate``, ``solidcell rate-capability`` and ``solidcell temperature-sweep``:
PyBaMM simulation of a design (rate capability also of several, compared; delivered capacity
over temperatures)."""

from __future__ import annotations

import base64
import contextlib
import sys
from pathlib import Path
from typing import Any

import typer

from solidcell.checks import comma_items
from solidcell.cli._common import (
    JSON_OPTION,
    SCHEDULER_TIMEOUT_OPTION,
    as_typed,
    check_design_file,
    check_output_file,
    fail,
    json_in_option_words,
    notes_in_option_words,
    option_words,
    options,
    print_json,
    print_sources,
    print_table,
    quantity_option,
    scheduler_timeout_option,
    writing,
)


def _write_plot(result: Any, path: Path, draw: Any = None) -> Path:
    """PNG as asked, or an HTML page holding the PNG for a ``.html`` path. ``result``: one
    result (drawn by its ``plot``) or several (titled by their names); ``draw(path)``, when
    given, writes the PNG instead of ``result.plot``."""
    import html
    import tempfile

    draw = draw or result.plot
    title = html.escape(result.name if not isinstance(result, list | tuple)
                        else "; ".join(r.name for r in result))
    if path.suffix.lower() in (".html", ".htm"):
        # the PNG is drawn in a temporary folder: a 'curve.png' beside 'curve.html' was
        # overwritten (and left behind)
        with tempfile.TemporaryDirectory(prefix="solidcell-plot-") as tmp:
            png = Path(tmp) / "plot.png"
            data = base64.b64encode(Path(draw(png) or png).read_bytes()).decode("ascii")
        with writing("--plot", path):
            path.write_text(f"<!doctype html><meta charset='utf-8'><title>{title}</title>"
                            f"<h1>{title}</h1><img alt='plot' "
                            f"src='data:image/png;base64,{data}'>", encoding="utf-8")
        return path
    with writing("--plot", path):
        return draw(path)


def _short_end(termination: str) -> str:
    """Termination reason in a few words for tables."""
    text = termination.removeprefix("event: ")
    if text.endswith("(fast model)") and not text.startswith("no capacity"):
        return text  # the fast model's own few words (fast.END_REASONS)
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
    "e.g. '20 Ohm cm2'. Default: the design's cathode and anode interface resistances "
    "together, else the knowledge base's areal_resistance of the cathode coating or the "
    "separator electrolyte, else 0 (a note says which).")


#: --interface-activation and --interface-ref-temp of simulate,
#: rate-capability and temperature-sweep (one definition).
INTERFACE_ACTIVATION_OPTION = typer.Option(
    None, "--interface-activation", help="Activation energy of the interface "
    "resistance, e.g. '0.37 eV' or '35 kJ/mol': it is taken at the cell's temperature by "
    "Arrhenius, R exp(E_a/R (1/T - 1/T_ref)); with --thermal lumped it follows the cell "
    "temperature during the run from there. Default: the design's own activation energy of "
    "its interface resistances, else none: held at every temperature (a note says so; a "
    "material's measured series is interpolated between its temperatures).")
INTERFACE_TEMPERATURE_OPTION = typer.Option(
    None, "--interface-ref-temp", help="Temperature at which the interface "
    "resistance was measured, T_ref, e.g. '25 degC'. Default: the design's own measuring "
    "temperature of its interface resistances, else the design's temperature (a "
    "knowledge-base value: its own).")


def _interface_named(activation: str | None, reference: str | None) -> dict[str, Any]:
    """The interface-resistance keywords of the engine as typed (text with units, parsed and
    checked by the engine, whose errors :func:`_fields`' options name)."""
    return {"interface_resistance_activation_energy": activation,
            "interface_resistance_temperature": reference}


def _overrides(temperature: str | None, interface_resistance: str | None
               ) -> tuple[float | None, float | None]:
    """``--temperature`` [K] and ``--interface-resistance`` [Ohm m2] as numbers (text that is
    not such a quantity is refused naming the option)."""
    return (quantity_option("--temperature", temperature, "temperature"),
            quantity_option("--interface-resistance", interface_resistance,
                            "areal resistance"))


def _fields(temperature: str | None, interface_resistance: str | None,
            activation: str | None = None, reference: str | None = None,
            **more: tuple[str, Any]) -> dict[str, tuple[str, Any]]:
    """The simulation engines' parameters -> (option, text as typed) of a command
    (:func:`~solidcell.cli._common.options`' fields); ``temperature`` None: the command has
    no --temperature."""
    ea, tr = "--interface-activation", "--interface-ref-temp"
    fields = {"interface_resistance": ("--interface-resistance", interface_resistance),
              "interface_resistance_ohm_m2": ("--interface-resistance", interface_resistance),
              "interface_resistance_activation_energy": (ea, activation),
              "interface_resistance_activation_energy_J_mol": (ea, activation),
              "interface_resistance_temperature": (tr, reference),
              "interface_resistance_temperature_K": (tr, reference), **more}
    if "temperatures" not in more:  # temperature-sweep has --temperatures only
        fields |= {"temperature": ("--temperature", temperature),
                   "temperature_K": ("--temperature", temperature)}
    return fields


#: --thermal and --heat-transfer of simulate and rate-capability (one definition).
THERMAL_OPTION = typer.Option(
    "isothermal", "--thermal", help="'isothermal' (default) or 'lumped': PyBaMM's lumped "
    "thermal model (one cell temperature, heated by the losses, cooled to the ambient "
    "temperature); needs --heat-transfer (docs/simulation.md, Thermal).")
HEAT_TRANSFER_OPTION = typer.Option(
    None, "--heat-transfer", help="With --thermal lumped: the cell's total heat transfer "
    "coefficient to ambient in W/(m2 K) (required there; no default).")


def _check_thermal(thermal: str, heat_transfer_coefficient: float | None) -> None:
    """--thermal lumped needs --heat-transfer, and --heat-transfer needs --thermal lumped
    (named as typed, in the options' words, before any run: the engine's messages name its
    keywords, ``thermal='lumped'``)."""
    from solidcell.errors import ValidationError

    if thermal not in ("isothermal", "lumped"):
        raise ValidationError("--thermal", thermal, "'isothermal' (default: the cell stays at "
                              "its temperature) or 'lumped' (PyBaMM's lumped thermal model; "
                              "needs --heat-transfer in W/(m2 K))")
    if thermal == "lumped" and heat_transfer_coefficient is None:
        raise ValidationError("--heat-transfer", None,
                              "required with --thermal lumped: the cell's total heat "
                              "transfer coefficient to ambient in W/(m2 K), a number > 0")
    if thermal == "isothermal" and heat_transfer_coefficient is not None:
        raise ValidationError("--heat-transfer", heat_transfer_coefficient,
                              "only with --thermal lumped (an isothermal run has no heat "
                              "transfer); add --thermal lumped or leave --heat-transfer out")


def simulate_command(
    design: Path = typer.Argument(..., help="Design file (YAML or JSON)."),
    experiment: str = typer.Option(
        None, "--experiment", "-e",
        help="PyBaMM experiment; steps separated by ';', a repeated group as '(step, step)*3'. "
             "Currents as C-rates, A/mA or current densities ('0.5 mA/cm2'), e.g. 'Discharge "
             "at 1C until 3 V; Rest for 1 hour; Charge at C/3 until 4.2 V; Hold at 4.2 V until "
             "C/20'. The cell starts charged unless the first step that is not a rest is a "
             "charge. Default: 'Discharge at 1C until 3 V' against lithium, the same 3 V vs "
             "Li/Li+ against a Li-In counter electrode ('until 2.38 V')."),
    temperature: str = typer.Option(None, "--temperature", help="Override the design's "
                                    "temperature, e.g. '60 degC'."),
    interface_resistance: str = typer.Option(
        None, "--interface-resistance", help=INTERFACE_RESISTANCE_HELP),
    interface_activation: str = INTERFACE_ACTIVATION_OPTION,
    interface_temperature: str = INTERFACE_TEMPERATURE_OPTION,
    mesh: str = typer.Option("default", "--mesh", help="coarse, default or fine."),
    initial_soc: str = typer.Option(
        None, "--initial-soc", help="Start at rest at this state of charge of the usable "
        "window, a number in [0, 1] (or '50 %'), or as PyBaMM's initial_soc a voltage, e.g. "
        "'4.2 V' (the "
        "state whose open-circuit voltage is that, from the OCP data: OCV(x0) = V). Default: "
        "charged (1), or discharged (0) when the first step that is not a rest is a charge."),
    plot: Path = typer.Option(None, "--plot", help="Write the voltage curve and overpotential "
                              "breakdown to a .png (or .html) file."),
    ocp_ends: str = typer.Option(
        "auto", "--ocp-ends", help="'stop': a charge or discharge step ends where a particle "
        "surface reaches the end of its OCP data; 'wall': a steep numerical wall beyond the "
        "data, so a step ends at its own limit (composite cathodes whose OCP data leave room "
        "for it); 'auto' (default): 'wall' where it applies, else 'stop' (the output says "
        "which ran; docs/simulation.md, OCP ends)."),
    thermal: str = THERMAL_OPTION,
    heat_transfer_coefficient: float = HEAT_TRANSFER_OPTION,
    curves: bool = typer.Option(False, "--curves", help="With --json: include the curves."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Simulate an experiment on a design with PyBaMM (DFN for composite electrodes, the
    thin-film model for a dense cathode film)."""
    from solidcell.errors import ValidationError
    from solidcell.simulation.runs import simulate

    if curves and not as_json:  # was ignored: the table has no curves
        fail("--curves needs --json (the curves are arrays of the JSON output; --plot draws "
             "them)")
    check_design_file(design)
    if ocp_ends not in ("auto", "stop", "wall"):
        raise ValidationError("--ocp-ends", ocp_ends, "'auto', 'stop' or 'wall'")
    _check_thermal(thermal, heat_transfer_coefficient)
    if plot is not None:  # before the simulation, not after it
        check_output_file("--plot", plot, (".png", ".html", ".htm"))
    t_k, r_ohm_m2 = _overrides(temperature, interface_resistance)
    # on a terminal an experiment of several steps shows a bar over its steps, one step the
    # spinner (the two would write over each other); neither in logs or pipes, nor with --json
    # (as rate-capability and the bars of solidcell.cli._common.progress_bar)
    shown = not as_json and sys.stderr.isatty()
    progress = shown and _n_steps(experiment) > 1
    waiting = (_spinner("building and solving the PyBaMM model ...") if shown and not progress
               else contextlib.nullcontext())
    fields = _fields(temperature, interface_resistance, interface_activation,
                     interface_temperature, mesh=("--mesh", mesh),
                     experiment=("--experiment", experiment),
                     initial_soc=("--initial-soc", initial_soc),
                     ocp_ends=("--ocp-ends", ocp_ends), thermal=("--thermal", thermal),
                     heat_transfer_coefficient=("--heat-transfer", heat_transfer_coefficient))
    words = option_words(fields)  # the notes name these options, not the Python keywords
    with waiting, options(**fields):
        result = simulate(design, experiment, temperature=t_k,
                          interface_resistance=r_ohm_m2, mesh=mesh, progress=progress,
                          initial_soc=_soc_or_voltage(initial_soc), ocp_ends=ocp_ends,
                          thermal=thermal, heat_transfer_coefficient=heat_transfer_coefficient,
                          **_interface_named(interface_activation, interface_temperature))
    if plot is not None:
        _write_plot(result, plot)
    if as_json:
        print_json(json_in_option_words(result.to_json(curves=curves), words))
        return
    from solidcell.simulation.results import overpotential_label

    area_cm2 = result.area_m2 * 1e4
    unit, scale = capacity_unit(result.utilisable_capacity_A_h)
    per = _per_cell(result)
    print_table(f"{result.name}: {'; '.join(result.experiment)}", ["quantity", "value"], [
        [f"delivered capacity ({unit})", result.delivered_capacity_A_h * scale],
        ["delivered areal capacity (mAh/cm2)",
         result.delivered_capacity_A_h * 1000.0 / area_cm2],
        [f"utilisable capacity ({unit})", result.utilisable_capacity_A_h * scale],
        [f"delivered energy{per} (Wh)", result.delivered_energy_W_h],
        [f"charged capacity ({unit})", result.charged_capacity_A_h * scale],
        [f"charged energy{per} (Wh)", result.charged_energy_W_h],
        ["electrode area (cm2)", area_cm2],
        # 298.15 K to four digits read "298.1"; the temperature is shown as given
        ["temperature", f"{result.temperature_K:.6g} K ({result.temperature_K - 273.15:.6g} "
                        "degC)"],
        ["end", _short_end(result.termination)],
        ["OCP ends", result.ocp_ends],
        ["thermal model", result.thermal],
        *([["maximum cell temperature (K)", float(result.cell_temperature_K.max())]]
          if result.cell_temperature_K is not None and result.cell_temperature_K.size
          else []),
        *_as_run_row(result),
    ])
    print_table("Mean overpotentials while current flows", ["loss", "mV"], [
        [overpotential_label(k, result.model).replace(" [V]", ""), v * 1000.0]
        for k, v in result.mean_overpotentials_V.items()])
    for note in notes_in_option_words(result.notes, words):
        typer.echo(f"note: {note}")
    typer.echo(f"model: {result.model}")
    print_sources(result.sources)
    if plot is not None:
        typer.echo(f"plot: {plot}")


def _per_cell(result: Any) -> str:
    """The label's words for a bipolar stack's voltages and energies, one cell's (the stack's
    are n times them; a note says so), else none: 14.1 Wh of one of 6 cells read as the
    package's beside `solidcell evaluate`'s 87 Wh."""
    n = int(getattr(result, "cells_in_series", 1))
    return f", one cell of {n}" if n > 1 else ""


def _as_run_row(result: Any) -> list[list[str]]:
    """The table's row of the steps PyBaMM ran where they differ from the steps as typed (the
    title's; a current or power density converted over the electrode area, which a note
    states), else none ('discharge at 1C' run as 'Discharge at 1C' is the same step)."""
    from solidcell.simulation.pybamm_adapter import _capitalise_instruction

    ran = tuple(getattr(result, "experiment_as_run", ()) or result.experiment)
    if ran == tuple(_capitalise_instruction(s) for s in result.experiment):
        return []
    return [["experiment as run (PyBaMM)", "; ".join(ran)]]


def _soc_or_voltage(text: str | None) -> float | str | None:
    """``--initial-soc`` as simulate takes it: a plain number is a state of charge, other text
    (a voltage, '4.2 V') is passed as typed, for simulate to read or refuse by name."""
    from solidcell.units import ascii_minus

    if text is None:
        return None
    try:
        return float(ascii_minus(text.strip()))
    except ValueError:
        return text


def _design_files(designs: list[Path]) -> list[Path]:
    """Every design file checked before any run (a missing one among several is named and
    nothing runs); a file given twice (also as another path to it) is refused."""
    seen: dict[Path, Path] = {}
    for design in designs:
        check_design_file(design)
        key = design.resolve()
        if key in seen:
            first = str(seen[key])
            same = "" if first == str(design) else f" (the same file as {first!r})"
            fail(f"design: {str(design)!r} is given twice{same}; give each design once")
        seen[key] = design
    return designs


def _labels(designs: list[Path], results: list[Any]) -> list[str]:
    """The name of each design for a legend or a column; the file after a name that two
    designs share."""
    names = [r.name for r in results]
    return [n if names.count(n) == 1 else f"{n} ({d})"
            for n, d in zip(names, designs, strict=True)]


def capacity_unit(utilisable_A_h: float) -> tuple[str, float]:
    """The unit of a result's capacities and its factor from A.h: "Ah" for a cell of at least
    1 Ah (a 21 Ah cell read "1.759e+04 mAh"), else "mAh"; the JSON stays in A.h."""
    return ("Ah", 1.0) if utilisable_A_h >= 1.0 else ("mAh", 1000.0)


def _rate_table(title: str, result: Any, words: dict[str, str] | None = None) -> None:
    """A rate capability's table, OCP ends, thermal model, notes (naming the options of
    ``words``, :func:`~solidcell.cli._common.option_words`) and sources."""
    area = result.area_m2
    unit, scale = capacity_unit(max(result.utilisable_capacity_A_h, *result.capacity_A_h))
    per = _per_cell(result)
    print_table(title,
                ["C-rate (1/h)", f"capacity ({unit})", "of utilisable (%)", f"energy{per} (Wh)",
                 f"mean voltage{per} (V)", f"areal power{per} (W/m2)", "end"],
                [[c, q * scale, f * 100.0, e, v, p / area, _short_end(t)]
                 for c, q, f, e, v, p, t in zip(
                    result.c_rates, result.capacity_A_h, result.capacity_fraction,
                    result.energy_W_h, result.mean_voltage_V, result.power_W,
                    result.terminations, strict=False)])
    typer.echo(f"OCP ends: {result.ocp_ends}")
    rise = result.max_temperature_rise_K
    if rise is not None:
        typer.echo("thermal model: lumped; largest temperature rise (K): " + ", ".join(
            f"{c:g}C {r:.3g}" for c, r in zip(result.c_rates, rise, strict=False)))
    for note in notes_in_option_words(result.notes, words or {}):
        typer.echo(f"note: {note}")
    print_sources(result.sources)


def rate_command(
    designs: list[Path] = typer.Argument(
        ..., help="Design file(s) (YAML or JSON). Several are compared: a table per design "
                  "and one of all, --json a mapping from each file as given to its result, "
                  "--plot one figure with every design's Ragone curve."),
    rates: str = typer.Option("0.1,0.2,0.5,1,2,5", "--rates",
                              help="Comma-separated C-rates [1/h]."),
    lower_cutoff: str = typer.Option(None, "--lower-cutoff", help="Lower cut-off, e.g. "
                                     "'3 V' (default: end-of-window OCV minus 0.3 V)."),
    initial_soc: str = typer.Option(
        None, "--initial-soc", help="Start each discharge at rest at this state of charge in "
        "[0, 1], or, as PyBaMM's initial_soc, where the open-circuit voltage is this, e.g. "
        "'4.2 V' (a cell charged to it, as papers state; from the OCP data: OCV(x0) = V, "
        "above the lower cut-off). Default: the charged end of the OCP data window; 1C stays "
        "the whole window's capacity in one hour."),
    fast: bool = typer.Option(False, "--fast", help="Use the fast reduced model (several "
                              "designs run one after another in this process)."),
    temperature: str = typer.Option(None, "--temperature", help="Override the design's "
                                    "temperature, e.g. '60 degC'."),
    interface_resistance: str = typer.Option(
        None, "--interface-resistance", help=INTERFACE_RESISTANCE_HELP),
    interface_activation: str = INTERFACE_ACTIVATION_OPTION,
    interface_temperature: str = INTERFACE_TEMPERATURE_OPTION,
    mesh: str = typer.Option("default", "--mesh", help="coarse, default or fine."),
    ocp_ends: str = typer.Option(
        "auto", "--ocp-ends", help="'stop' ends a discharge when a particle "
        "surface reaches the end of its OCP data; 'wall' continues the OCP there with a steep "
        "numerical wall, so the reaction moves to the other particles and the discharge ends "
        "at the cut-off (PyBaMM and --fast alike; composite cathodes whose OCP data leave "
        "room for it); 'auto' (default): 'wall' where it applies, else 'stop', per design "
        "(the output says which ran; docs/simulation.md, OCP ends)."),
    thermal: str = THERMAL_OPTION,
    heat_transfer_coefficient: float = HEAT_TRANSFER_OPTION,
    workers: int = typer.Option(
        None, "--workers", help="Processes running the designs with PyBaMM at once, >= 1 "
        "(default 1: one after another in this process, where designs of one structure share "
        "the built model)."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address "
                                  "(tcp://host:8786): run the designs on that cluster; "
                                  "default: run locally."),
    scheduler_timeout: str = SCHEDULER_TIMEOUT_OPTION,
    plot: Path = typer.Option(None, "--plot", help="Curves and Ragone plot (.png/.html); with "
                              "several designs, capacity against C-rate and every design's "
                              "Ragone curve, legend by design name."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Rate capability and Ragone data of one or several designs (PyBaMM, or --fast)."""
    from solidcell.checks import C_RATE_RANGE
    from solidcell.dask_adapter import timeout_field
    from solidcell.errors import SolidcellError, ValidationError
    from solidcell.simulation.fast import check_c_rates
    from solidcell.simulation.runs import (
        cell_parameters,
        rate_capability,
        rate_capability_many,
        with_thermal,
    )
    from solidcell.units import ascii_minus  # '−1', as units.parse reads it

    def c_rate(item: str) -> float:  # the engine's rule of a C-rate, said of this item
        try:
            return float(check_c_rates("c_rates", [float(ascii_minus(item))])[0])
        except ValidationError:
            raise ValidationError("c_rates", item, f"a C-rate {C_RATE_RANGE}") from None

    # '1,,2' dropped the gap; 'x', '' or '-2' is refused by its position, as typed
    c_rates = comma_items("--rates", rates, "comma-separated numbers, e.g. '0.1,0.5,1,2'",
                          c_rate) or []
    if ocp_ends not in ("auto", "stop", "wall"):
        raise ValidationError("--ocp-ends", ocp_ends, "'auto', 'stop' or 'wall'")
    _check_thermal(thermal, heat_transfer_coefficient)
    if fast and thermal == "lumped":  # the engine named its keyword, model='fast'
        fail("--thermal: 'lumped' is not allowed with --fast (the fast model is isothermal; "
             "the lumped thermal model runs with PyBaMM); leave out one of them")
    if fast and mesh in ("coarse", "fine"):  # was ignored: the fast model has no mesh
        fail(f"--mesh: {mesh!r} has no effect with --fast (the fast model has no mesh); "
             "leave out one of them")
    if workers is not None and workers < 1:  # (no parser range: it would narrow the help)
        raise ValidationError("--workers", as_typed("--workers", workers),
                              "a whole number >= 1 (processes)")
    # the fast model takes milliseconds a design: it runs here, processes or a cluster would
    # only add their start-up (and would be ignored silently)
    if fast and workers is not None:
        fail(f"--workers: {as_typed('--workers', workers)!r} is not allowed with --fast (the "
             "fast model runs the designs in this process in milliseconds); leave out one "
             "of them")
    if fast and scheduler is not None:
        fail(f"--scheduler: {scheduler!r} is not allowed with --fast (the fast model runs the "
             "designs in this process in milliseconds); leave out one of them")
    if scheduler is not None and workers is not None:  # the cluster's workers run them
        fail(f"--workers: {as_typed('--workers', workers)!r} is not allowed with --scheduler "
             "(the cluster's own workers run the designs); leave out one of them")
    if scheduler is not None and not scheduler.strip():
        raise ValidationError("--scheduler", scheduler, "a Dask scheduler address such as "
                              "tcp://host:8786 (leave --scheduler out to run locally)")
    timeout_s = scheduler_timeout_option(scheduler, scheduler_timeout)
    designs = _design_files(designs)
    if plot is not None:  # before the simulation, not after it
        check_output_file("--plot", plot, (".png", ".html", ".htm"))
    t_k, r_ohm_m2 = _overrides(temperature, interface_resistance)
    cutoff = quantity_option("--lower-cutoff", lower_cutoff, "voltage")
    start = _soc_or_voltage(initial_soc)

    fields = _fields(temperature, interface_resistance, interface_activation,
                     interface_temperature, c_rates=("--rates", rates),
                     mesh=("--mesh", mesh), lower_cutoff=("--lower-cutoff", lower_cutoff),
                     ocp_ends=("--ocp-ends", ocp_ends), thermal=("--thermal", thermal),
                     heat_transfer_coefficient=("--heat-transfer", heat_transfer_coefficient),
                     initial_soc=("--initial-soc", initial_soc),
                     workers=("--workers", workers), scheduler=("--scheduler", scheduler),
                     scheduler_timeout_s=("--scheduler-timeout", scheduler_timeout))
    words = option_words(fields)  # the notes name these options, not the Python keywords

    def named() -> Any:
        return options(**fields)

    params = []
    for design in designs:  # every design is read before any runs
        try:
            with named():
                params.append(with_thermal(design, cell_parameters(
                    design, temperature=t_k, interface_resistance=r_ohm_m2,
                    **_interface_named(interface_activation, interface_temperature)),
                    thermal, heat_transfer_coefficient))
        except SolidcellError as exc:
            if len(designs) == 1:
                raise
            fail(f"{design}: {exc}")  # which of the files
    # off where stderr is not a terminal: no bar in logs or pipes
    progress = not as_json and not fast and sys.stderr.isatty()
    waiting = (_spinner(f"running {len(designs)} design(s) on the Dask cluster at "
                        f"{scheduler} ...") if progress and scheduler is not None
               else contextlib.nullcontext())
    with waiting, named(), timeout_field("--scheduler-timeout"):
        if fast:
            results = [rate_capability(p, c_rates, lower_cutoff=cutoff, model="fast",
                                       mesh=mesh, initial_soc=start, ocp_ends=ocp_ends)
                       for p in params]
        else:
            results = rate_capability_many(params, c_rates, lower_cutoff=cutoff, mesh=mesh,
                                           workers=workers or 1, scheduler=scheduler,
                                           scheduler_timeout_s=timeout_s, progress=progress,
                                           initial_soc=start, ocp_ends=ocp_ends)
    labels = _labels(designs, results)
    if plot is not None:
        from solidcell.simulation.results import plot_rate_capability

        _write_plot(results[0] if len(results) == 1 else results, plot,
                    lambda path: plot_rate_capability(results, path, labels))
    if as_json:
        print_json(json_in_option_words(
            results[0].to_json() if len(results) == 1
            else {str(d): r.to_json() for d, r in zip(designs, results, strict=True)}, words))
        return
    if len(results) == 1:
        _rate_table(f"{results[0].name}: rate capability ({results[0].model})", results[0],
                    words)
    else:
        for design, result in zip(designs, results, strict=True):
            _rate_table(f"{design} ({result.name}): rate capability ({result.model})", result,
                        words)
        print_table(f"Rate capability of {len(results)} designs: delivered capacity (% of "
                    "utilisable)", ["C-rate (1/h)", *labels],
                    [[c, *(r.capacity_fraction[i] * 100.0 for r in results)]
                     for i, c in enumerate(results[0].c_rates)])
    if plot is not None:  # as `simulate --plot`: where the figure went
        typer.echo(f"plot: {plot}")


def sweep_rows(result: Any) -> tuple[list[str], list[list[Any]]]:
    """(columns, rows) of a :class:`~solidcell.simulation.results.TemperatureSweepResult`'s
    table, the CLI's and the dashboard's (its table and CSV): temperature [degC]
    (:func:`solidcell.units.convert`), capacity (in :func:`capacity_unit`), % of the
    utilisable capacity, energy [Wh], separator conductivity [mS/cm], the interface
    resistance at each temperature [Ohm cm2] (where one is counted), the lumped run's
    largest temperature rise [K] (lumped only) and why the discharge ended."""
    from solidcell import units

    unit, scale = capacity_unit(max(result.utilisable_capacity_A_h, *result.capacity_A_h))
    rise = result.max_temperature_rise_K
    r_int = getattr(result, "interface_resistance_ohm_m2", None)  # per run, at its temperature
    r_int = r_int if r_int is not None and any(float(x) > 0 for x in r_int) else None
    columns = ["temperature (degC)", f"capacity ({unit})", "of utilisable (%)",
               f"energy{_per_cell(result)} (Wh)",
               "separator conductivity (mS/cm)",
               *(["interface resistance (Ohm cm2)"] if r_int is not None else []),
               *(["temperature rise (K)"] if rise is not None else []), "end"]
    rows = []
    for i, t in enumerate(result.temperature_K):
        q = float(result.capacity_A_h[i])
        end = result.terminations[i] if i < len(result.terminations) else ""
        rows.append([units.convert(float(t), "temperature", "degC"), q * scale,
                     q / result.utilisable_capacity_A_h * 100.0, float(result.energy_W_h[i]),
                     float(result.separator_conductivity_S_m[i]) * 10.0,  # S/m -> mS/cm
                     *([float(r_int[i]) * 1e4] if r_int is not None else []),  # -> Ohm cm2
                     *([float(rise[i])] if rise is not None else []),
                     _short_end(end) if end else ""])
    return columns, rows


def _sweep_table(result: Any, words: dict[str, str] | None = None) -> None:
    """The sweep's table (:func:`sweep_rows`), then its thermal model, notes (naming the
    options of ``words``, :func:`~solidcell.cli._common.option_words`) and sources."""
    unit, scale = capacity_unit(max(result.utilisable_capacity_A_h, *result.capacity_A_h))
    rise = result.max_temperature_rise_K
    columns, rows = sweep_rows(result)
    print_table(f"{result.name}: delivered capacity at {result.c_rate:g}C against temperature "
                "(PyBaMM)", columns, rows)
    unit_full = f"{result.utilisable_capacity_A_h * scale:.4g} {unit}"
    typer.echo(f"utilisable capacity: {unit_full}; thermal model: {result.thermal}"
               + (" (each temperature is the start and the ambient of its run)"
                  if rise is not None else ""))
    for note in notes_in_option_words(result.notes, words or {}):
        typer.echo(f"note: {note}")
    print_sources(result.sources)


def temperature_sweep_command(
    design: Path = typer.Argument(..., help="Design file (YAML or JSON)."),
    temperatures: str = typer.Option(
        ..., "--temperatures", help="Comma-separated temperatures, each with its unit (K or "
        "degC), e.g. '-20 degC, 0 degC, 25 degC, 45 degC'. The design's ionic conductivities "
        "follow each by Arrhenius (a note names a temperature outside an electrolyte's data); "
        "the other temperature dependences: docs/simulation.md."),
    c_rate: float = typer.Option(1.0, "--c-rate", help="Discharge C-rate [1/h] at every "
                                 "temperature (1C: the utilisable capacity in one hour)."),
    lower_cutoff: str = typer.Option(None, "--lower-cutoff", help="Lower cut-off, e.g. "
                                     "'3 V' (default: end-of-window OCV minus 0.3 V)."),
    mesh: str = typer.Option("default", "--mesh", help="coarse, default or fine."),
    initial_soc: str = typer.Option(
        None, "--initial-soc", help="Start each discharge at rest at this state of charge in "
        "[0, 1], or, as PyBaMM's initial_soc, where the open-circuit voltage is this, e.g. "
        "'4.2 V' (OCV(x0) = V on the OCP data). Default: the charged end of the OCP data "
        "window."),
    ocp_ends: str = typer.Option(
        "auto", "--ocp-ends", help="'stop' ends a discharge when a particle surface reaches "
        "the end of its OCP data; 'wall' continues the OCP there with a steep numerical "
        "wall, so the discharge ends at the cut-off (composite cathodes whose OCP data leave "
        "room for it); 'auto' (default): 'wall' where it applies, else 'stop' "
        "(docs/simulation.md, OCP ends)."),
    thermal: str = THERMAL_OPTION,
    heat_transfer_coefficient: float = HEAT_TRANSFER_OPTION,
    interface_resistance: str = typer.Option(
        None, "--interface-resistance", help=INTERFACE_RESISTANCE_HELP),
    interface_activation: str = INTERFACE_ACTIVATION_OPTION,
    interface_temperature: str = INTERFACE_TEMPERATURE_OPTION,
    plot: Path = typer.Option(None, "--plot", help="Write delivered capacity against "
                              "temperature (and, lumped, each run's temperature rise) to a "
                              ".png (or .html) file."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Delivered capacity of a design at one C-rate over temperatures (PyBaMM; the model is
    rebuilt at each temperature)."""
    from solidcell.errors import ValidationError
    from solidcell.simulation.runs import parse_temperatures, temperature_sweep

    check_design_file(design)
    kelvin = parse_temperatures(temperatures, "--temperatures")
    if ocp_ends not in ("auto", "stop", "wall"):
        raise ValidationError("--ocp-ends", ocp_ends, "'auto', 'stop' or 'wall'")
    _check_thermal(thermal, heat_transfer_coefficient)
    if plot is not None:  # before the simulation, not after it
        check_output_file("--plot", plot, (".png", ".html", ".htm"))
    cutoff = quantity_option("--lower-cutoff", lower_cutoff, "voltage")
    r_ohm_m2 = _overrides(None, interface_resistance)[1]
    # a bar over the temperatures at a terminal; none in logs or pipes, nor with --json
    progress = not as_json and sys.stderr.isatty()
    fields = _fields(None, interface_resistance, interface_activation, interface_temperature,
                     c_rate=("--c-rate", c_rate), mesh=("--mesh", mesh),
                     lower_cutoff=("--lower-cutoff", lower_cutoff),
                     initial_soc=("--initial-soc", initial_soc),
                     ocp_ends=("--ocp-ends", ocp_ends), thermal=("--thermal", thermal),
                     heat_transfer_coefficient=("--heat-transfer", heat_transfer_coefficient),
                     temperatures=("--temperatures", temperatures))
    words = option_words(fields)  # the notes name these options, not the Python keywords
    with options(**fields):
        result = temperature_sweep(design, kelvin, c_rate, lower_cutoff=cutoff, mesh=mesh,
                                   initial_soc=_soc_or_voltage(initial_soc), progress=progress,
                                   ocp_ends=ocp_ends, thermal=thermal,
                                   heat_transfer_coefficient=heat_transfer_coefficient,
                                   interface_resistance=r_ohm_m2,
                                   **_interface_named(interface_activation,
                                                      interface_temperature))
    if plot is not None:
        _write_plot(result, plot)
    if as_json:
        print_json(json_in_option_words(result.to_json(), words))
        return
    _sweep_table(result, words)
    if plot is not None:
        typer.echo(f"plot: {plot}")


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate_command)
    app.command("rate-capability")(rate_command)
    app.command("temperature-sweep")(temperature_sweep_command)
