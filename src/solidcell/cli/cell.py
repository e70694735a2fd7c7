"""``solidcell evaluate`` and ``solidcell design``: energy bookkeeping of a cell design."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import typer

from solidcell.cli._common import (
    JSON_OPTION,
    PRICE_FIELD,
    check_design_file,
    check_output_folder,
    fail,
    fmt,
    in_table_unit,
    number_option,
    options,
    print_json,
    print_sources,
    print_table,
    progress_bar,
    quantity_option,
    table_row,
    table_unit,
)

#: The report colleague's hook: ``module:function(design, result, out_dir) -> path``.
REPORT_HOOK = "solidcell.report.design:write_design_report"

#: ``--polarisation`` of compare and crossover (evaluate's says what it limits).
POLARISATION_HELP = "Allowed polarisation [V]; a plain number is in V, or give a unit: '200 mV'."

design_app = typer.Typer(help="Cell designs: JSON Schema, validation.", no_args_is_help=True)


def _load(path: Path) -> Any:
    from solidcell.cell.design import CellDesign

    return CellDesign.from_file(check_design_file(path))


def _load_each(paths: list[Path]) -> list[Any]:
    """Each design loaded and its materials resolved, a refusal naming its file: with several
    files, 'cathode.thickness_m: '30 kg' is not allowed' did not say which one held it."""
    from solidcell.errors import MissingFieldError, ValidationError

    loaded = []
    for path in paths:
        try:
            design = _load(path)
            design.resolved()
        except ValidationError as exc:  # a missing field stays "missing" (not "None is ...")
            kind = MissingFieldError if isinstance(exc, MissingFieldError) else ValidationError
            raise kind(f"{Path(path).name}: {exc.field}", exc.value, exc.allowed) from None
        loaded.append(design)
    return loaded


def _range(lo: float, hi: float) -> str:
    """``lo - hi`` for people; a dash where the range was not computed."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return "-"
    return f"{lo:.4g} - {hi:.4g}"


def _num(x: Any) -> Any:
    return None if isinstance(x, float) and not math.isfinite(x) else x


def np_ratio_reason(anode_kind: str) -> str | None:
    """Why a design of anode ``anode_kind`` has no N/P ratio, or None when it has one: an
    anode-free cell has no anode host to hold lithium (the lithium is plated from the cathode
    onto the current collector; ``cell.energy``: N/P is NaN for it)."""
    if anode_kind != "anode_free":
        return None
    return ("not defined for an anode-free cell: no anode host (the lithium is plated from "
            "the cathode onto the current collector)")


def _np_shown(value: Any, anode_kind: str) -> Any:
    """The N/P ratio as the tables show it: the number, or '-' with why it is not there."""
    reason = np_ratio_reason(anode_kind)
    if _num(value) is None and reason is not None:
        return f"- ({reason})"
    return _num(value)


def _summary_rows(result: Any) -> list[list[Any]]:
    rows = []
    for level in ("stack", "cell", "pack"):
        v = result.level(level)
        rows.append([level] + [_num(v.get(k)) for k in (
            "Gravimetric energy density [W.h.kg-1]", "Volumetric energy density [W.h.L-1]",
            "Specific power [W.kg-1]", "Power density [W.L-1]")])
    return rows


def _cell_parts(v: dict[str, Any]) -> list[list[Any]]:
    """Rows of the parts of the cell outside its repeat units that the design has: the
    interlayer films (``format.interlayer_film``) and the substrate."""
    rows: list[list[Any]] = []
    if v.get("Cell interlayer film thickness [m]", 0.0) > 0:
        rows += [_lab("interlayer films, total thickness", v["Cell interlayer film thickness [m]"],
                      "m"),
                 _lab("interlayer films, mass", v["Cell interlayer film mass [kg]"], "kg")]
    if v.get("Substrate mass [kg]", 0.0) > 0:
        rows.append(_lab("substrate mass", v["Substrate mass [kg]"], "kg"))
    return rows


def _lab(label: str, value: Any, json_unit: str) -> list[Any]:
    """A table row of a value in JSON unit ``json_unit`` shown in its lab unit, as every table
    of ``evaluate`` and ``design check`` shows it (``cli._common.TABLE_UNITS``)."""
    return [f"{label} ({table_unit(json_unit)})", in_table_unit(value, json_unit)]


def evaluate_command(
    design: Path = typer.Argument(..., help="Design file (YAML or JSON)."),
    charged: bool = typer.Option(False, "--charged", help="Count the lithium volume in the "
                                 "charged state (plated lithium) instead of discharged."),
    polarisation: str = typer.Option("0.2", "--polarisation", help="Allowed polarisation [V] "
                                     "of the transport-limited power estimate; a plain number "
                                     "is in V, or give a unit: '200 mV'."),
    report: Path = typer.Option(None, "--report", help="Write an HTML report to this folder "
                                "(needs solidcell's report module)."),
    temperature: str = typer.Option(None, "--temperature", help="Evaluate at this temperature "
                                    "instead of the design's, e.g. '45 degC' (the power "
                                    "follows the conductivities there)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Energy (Wh/kg, Wh/L at stack, cell and pack level), breakdowns and power of a design."""
    from solidcell.cell.energy import evaluate

    t_k = quantity_option("--temperature", temperature, "temperature")
    polarisation_V = number_option("--polarisation", polarisation, "voltage", "V")
    if report is not None:  # before the work
        check_output_folder("--report", report, "<design name>-report.html")
    with options(max_polarisation_V=("--polarisation", polarisation),
                 temperature_K=("--temperature", temperature)):
        cell = _load(design)
        if t_k is not None:
            cell = cell.replace(temperature_K=t_k)
        result = evaluate(cell, charged=charged, max_polarisation_V=polarisation_V)
    written = None
    if report is not None:  # seconds: the report runs every engine, as `solidcell report`
        with progress_bar(as_json) as progress, options(out=("--report", str(report))):
            progress.add_task("writing the report (runs every available engine) ...",
                              total=None)
            written = _write_report(cell, result, report, design)
    if as_json:  # the report's path inside the JSON: stdout holds nothing else
        print_json({**result.to_json(), **({"Report": str(written)} if written else {})})
        return
    if written is not None:
        typer.echo(f"report: {written}")
    v = result.values
    print_table(f"{result.name}", ["level", "Wh/kg", "Wh/L", "W/kg", "W/L"],
                _summary_rows(result))
    lo, hi = result.power_range_W_kg
    print_table("Cell", ["quantity", "value"], [[name, _num(x)] for name, x in [
        _lab("areal capacity", v["Areal capacity [A.h.m-2]"], "A.h.m-2"),
        ["cell voltage (V)", v["Cell voltage [V]"]],
        ["N/P ratio", _np_shown(v["N/P ratio"], cell.anode.kind)],
        ["cell energy (Wh)", v["Cell energy [W.h]"]],
        _lab("cell mass", v["Cell mass [kg]"], "kg"),
        ["cell volume (cm3)", v["Cell volume [m3]"] * 1e6],
        _lab("area-specific resistance", v["Area-specific resistance [Ohm.m2]"], "Ohm.m2"),
        ["maximum C-rate (1/h)", v["Maximum C-rate [h-1]"]],
        *_cell_parts(v),
        ["cell specific power range (W/kg)", _range(lo, hi)],
        ["feasible", result.reason or "yes"],
    ]])
    print_table(_breakdown_title(cell.architecture.cells_in_series),
                ["component", f"areal mass ({table_unit('kg.m-2')})",
                 f"thickness ({table_unit('m')})"], [
        [name, in_table_unit(v[f"{key} areal mass [kg.m-2]"], "kg.m-2"),
         in_table_unit(v.get(f"{key} thickness [m]", 0.0), "m")]
        for name, key in (("cathode", "Cathode"), ("electrolyte filling (3D)",
                                                    "Electrolyte filling"),
                          ("separator", "Separator"), ("anode", "Anode"),
                          ("current collectors", "Current collector"))
        # the 3D filling only where there is one (a planar cell showed a row of zeros)
        if key != "Electrolyte filling" or v.get(f"{key} areal mass [kg.m-2]", 0.0) > 0])
    from solidcell.cell.design import THREE_D_KINDS

    if cell.architecture.kind in THREE_D_KINDS:
        # an anode of 2.3 mg/cm2 and 0 um read as an error; the report says why, so does this
        typer.echo("note: 3D design: the cathode's thickness is the height of the 3D "
                   "structure, whose volume it shares with the electrolyte filling (and, "
                   "interdigitated, with the anode plates and the gaps between them); a layer "
                   "of thickness 0 lies inside it (docs/cell.md, \"Architectures and power\")")
    print_table("Conventions", ["convention", "value"], list(result.conventions.items()))
    print_sources(result.sources)


def _breakdown_title(cells_in_series: int) -> str:
    """Title of evaluate's layer table: its rows (the JSON's "Cathode thickness [m]", ...) are
    one repeat unit's, i.e. one cell of a bipolar stack, which holds ``cells_in_series``."""
    if cells_in_series == 1:
        return "Repeat unit breakdown (per footprint area)"
    return (f"Repeat unit breakdown: one cell of the {cells_in_series} in series (per "
            f"footprint area; the stack holds {cells_in_series} of each layer)")


def report_price_field(design_file: Path | str) -> str:
    """How a user of ``evaluate DESIGN --report`` gives a price the knowledge base lacks:
    ``evaluate`` has no ``--price`` (it prices nothing), ``solidcell report`` has (the report's
    cost section said "give one with CostOptions(prices=...)", the Python API's way)."""
    import shlex

    return f"`solidcell report {shlex.quote(str(design_file))} {PRICE_FIELD}`"


def _write_report(design: Any, result: Any, out: Path, design_file: Path | str
                  ) -> Path | None:
    """The report hook's file (None if the hook returned no path); a missing price in its
    cost section is asked for with :func:`report_price_field`."""
    import importlib

    from solidcell.manufacturing.cost import price_field

    module, _, attr = REPORT_HOOK.partition(":")
    try:
        writer = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError):
        fail(f"--report: the report writer {REPORT_HOOK} is not available in this version")
        return None
    with price_field(report_price_field(design_file)):
        path = writer(design, result, out)
    return Path(path) if path is not None else None


@design_app.command("schema")
def schema_command(
    as_json: bool = typer.Option(False, "--json", help="Accepted for symmetry with the other "
                                 "commands: the schema is always printed as JSON."),
) -> None:
    """Print the JSON Schema of a cell design (always JSON)."""
    from solidcell.cell.design import CellDesign

    print_json(CellDesign.model_json_schema())


@design_app.command("check")
def check_command(
    design: Path = typer.Argument(..., help="Design file (YAML or JSON)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Validate a design and its materials; print the derived quantities (the table in
    evaluate's lab units, um, mg/cm2, mAh/cm2; --json in SI under evaluate's keys)."""
    rd = _load(design).resolved()
    data = {
        "Name": rd.design.name,
        "Cathode thickness [m]": rd.cathode_thickness_m,
        "Cathode active loading [kg.m-2]": rd.cathode_active_loading_kg_m2,
        "Cathode active volume fraction": rd.cathode_active_volume_fraction,
        "Cathode electrolyte volume fraction": rd.cathode_electrolyte_volume_fraction,
        # the cathode's capacity, and what `solidcell evaluate --json` reports under "Areal
        # capacity": the capacity delivered after the first-cycle loss (1 mAh/cm2 = 10 Ah/m2)
        "Cathode areal capacity [A.h.m-2]": rd.areal_capacity_A_h_m2,
        "First-cycle loss": rd.design.first_cycle_loss,
        # the cathode's own share, which no held lithium supplies (a floor of the net loss)
        "Cathode first-cycle loss": rd.design.cathode_first_cycle_loss,
        # evaluate's: the loss less what a host's lithium held at assembly supplies
        "Areal capacity [A.h.m-2]": rd.areal_capacity_A_h_m2 * (1 - rd.first_cycle_loss),
        # evaluate's "Cell voltage [V]": of the whole series stack of a bipolar cell (6 x 3.8
        # V = 22.8 V in the bipolar example), where this gave one cell's 3.8 V under that key
        "Cell voltage [V]": rd.cell_voltage_V * rd.design.architecture.cells_in_series,
        "Cells in series": rd.design.architecture.cells_in_series,
        "N/P ratio": rd.np_ratio,
        "Anode thickness [m]": rd.anode_thickness_m,
        # the lithium a host holds at assembly (excess_li_thickness_m or prelithiation), as
        # dense lithium: what evaluate counts in the anode's mass
        "Lithium held at assembly [m]": rd.held_li_thickness_m,
        "sources": list(rd.sources),
    }
    if as_json:
        print_json(data)
    else:
        # evaluate's lab units (um, mg/cm2, mAh/cm2), as its tables show the same keys
        print_table(f"{rd.design.name}: valid", ["quantity", "value"],
                    [list(table_row(k, v)) for k, v in data.items() if k != "sources"])
        print_sources(rd.sources)  # as --json lists them


def compare_command(
    designs: list[Path] = typer.Argument(..., help="Design files (one per architecture)."),
    polarisation: str = typer.Option("0.2", "--polarisation", help=POLARISATION_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Table 7 of the review as numbers: energy, power (with its range), interface area and
    ion path of each design."""
    from solidcell.cell.architectures import compare

    polarisation_V = number_option("--polarisation", polarisation, "voltage", "V")
    loaded = _load_each(designs)
    with options(max_polarisation_V=("--polarisation", polarisation)):
        result = compare(loaded, max_polarisation_V=polarisation_V)
    if as_json:
        print_json(result.to_json())
        return
    rows = [[*map(_num, row[:11]), _num(row[11] * 1e6), _num(row[12]),
             _num(row[13] - 273.15)] for row in result.table()]
    labels = ["name", "architecture", "stack Wh/kg", "stack Wh/L", "cell Wh/kg", "cell Wh/L",
              "cell W/kg", "W/kg low", "W/kg high", "max C-rate (1/h)", "interface/footprint",
              "ion path (um)", "voltage (V)", "T (degC)"]
    # one column per design, one row per quantity: fourteen columns, one per quantity, were
    # cut to 'arch…', 'inter…', '(deg…' at a terminal's width
    print_table("Architectures", ["quantity", *(r[0] for r in rows)],
                [[label, *(r[k] for r in rows)] for k, label in enumerate(labels) if k > 0],
                labels_first=True)
    for note in result.notes:
        typer.echo(f"note: {note}")
    print_sources(result.sources)


def crossover_command(
    planar: Path = typer.Argument(..., help="Planar design file."),
    three_d: Path = typer.Argument(..., help="3D design file (interdigitated or vertical)."),
    c_rate: float = typer.Option(1.0, "--c-rate", help="Required C-rate [1/h]."),
    polarisation: str = typer.Option("0.2", "--polarisation", help=POLARISATION_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """The band of electrolyte conductivity in which the 3D design stores more energy per
    mass than the planar one with its cathode thinned to meet the C-rate (the crossover is
    the band's upper end; below its lower end the 3D design cannot carry the rate or stores
    less)."""
    import numpy as np

    from solidcell.cell.architectures import crossover

    polarisation_V = number_option("--polarisation", polarisation, "voltage", "V")
    first, second = _load_each([planar, three_d])
    with options(c_rate_h=("--c-rate", c_rate), max_polarisation_V=("--polarisation",
                                                                    polarisation)):
        r = crossover(first, second, c_rate_h=c_rate, max_polarisation_V=polarisation_V)
    differ = _chemistry_note(first, second)
    if as_json:
        print_json({**r.to_json(), "notes": [differ] if differ else []})
        return
    pick = np.unique(np.linspace(0, len(r.conductivity_S_m) - 1, 13).astype(int))
    # no planar cell carries the rate where its energy is 0 (crossover(), docs/cell.md): a
    # dash there, as for the 3D design, not "0" beside an impossible 0.0056 um cathode
    none = r.planar_Wh_kg[pick] <= 0
    print_table(f"Stack Wh/kg at {c_rate:g} C", ["sigma (mS/cm)", "planar Wh/kg",
                                                  "planar cathode (um)", "3D Wh/kg"],
                [[r.conductivity_S_m[i] * 10.0,
                  "-" if gone else _num(float(r.planar_Wh_kg[i])),
                  "-" if gone else r.planar_cathode_thickness_m[i] * 1e6,
                  _num(float(r.three_d_Wh_kg[i]))]
                 for i, gone in zip(pick, none, strict=True)])
    for note in [*_crossover_notes(first, r, pick, none, c_rate), *([differ] if differ else [])]:
        typer.echo(f"note: {note}")
    cross, low = r.crossover_conductivity_S_m, r.crossover_low_conductivity_S_m
    if cross is None:
        typer.echo("crossover: none in the range")
    elif low is None or low <= float(np.min(r.conductivity_S_m)):
        typer.echo(f"crossover: 3D stores more below {cross * 10.0:.3g} mS/cm (down to the "
                   "lowest conductivity swept)")
    else:
        typer.echo(f"crossover: 3D stores more between {low * 10.0:.3g} and {cross * 10.0:.3g}"
                   f" mS/cm; below {low * 10.0:.3g} mS/cm it cannot carry {c_rate:g} C or "
                   "stores less")
    print_sources(r.sources)


#: The fields whose values make two designs of different chemistry (``crossover`` notes them).
CHEMISTRY_FIELDS = ("cathode.active_material", "cathode.electrolyte", "separator.electrolyte",
                    "anode.kind", "anode.active_material", "anode.electrolyte")


def _chemistry_note(planar: Any, three_d: Any) -> str | None:
    """A note naming the materials in which the planar and the 3D design differ (``crossover``
    of an LCO | LLZO planar cell against an NMC811 | Li6PS5Cl 3D one), or None: the swept
    conductivity replaces each electrolyte's conductivity only, so the Wh/kg then also
    compare the chemistries, not the architectures alone."""
    def value(design: Any, path: str) -> Any:
        node = design
        for part in path.split("."):
            node = getattr(node, part, None)
        return getattr(node, "id", node)  # an inline material by its id

    differ = [f"{path} ({a} | {b})" for path in CHEMISTRY_FIELDS
              if (a := value(planar, path)) != (b := value(three_d, path))]
    if not differ:
        return None
    return (f"the designs differ in {', '.join(differ)} (planar | 3D): the Wh/kg compare the "
            "chemistries as well as the architectures (the swept conductivity replaces each "
            "electrolyte's conductivity, not its other properties); give two designs of one "
            "chemistry to compare architectures alone")


def _crossover_notes(planar: Any, r: Any, pick: Any, none: Any, c_rate: float) -> list[str]:
    """Why the crossover table shows "-": where the planar cathode thinned to carry the rate
    falls below one active particle (the particle bound) or its solid diffusion cannot carry
    the rate, and where the 3D design cannot carry it."""
    import numpy as np

    from solidcell.cell.design import particle_bounds

    notes = []
    sig_mS = r.conductivity_S_m[pick] * 10.0
    t_um = r.planar_cathode_thickness_m[pick] * 1e6
    if np.any(none):
        thin = r.planar_below_particle[pick] & none
        if np.any(thin):
            bounds = "; ".join(b.allowed for b in particle_bounds(planar.resolved()))
            notes.append(
                f"planar '-' at {_sigmas(sig_mS[thin])} mS/cm: its cathode thinned to carry "
                f"{c_rate:g} C ({fmt(float(t_um[thin].min()))} to "
                f"{fmt(float(t_um[thin].max()))} um) would be thinner than one active "
                f"particle, so no planar cell carries it (particle bound: {bounds}); the "
                "--json output keeps 0 Wh/kg and the thinned thickness there")
        slow = none & ~thin
        if np.any(slow):
            notes.append(
                f"planar '-' at {_sigmas(sig_mS[slow])} mS/cm: the thinned cathode's solid "
                f"diffusion cannot carry {c_rate:g} C (0 Wh/kg in --json)")
    missing = ~np.isfinite(r.three_d_Wh_kg[pick])
    if np.any(missing):
        notes.append(f"3D '-' at {_sigmas(sig_mS[missing])} mS/cm: the 3D design cannot carry "
                     f"{c_rate:g} C (null in --json)")
    return notes


def _sigmas(values: Any) -> str:
    """The conductivities [mS/cm] of a table's rows as a range ("1e-05 to 0.01")."""
    lo, hi = float(min(values)), float(max(values))
    return fmt(lo) if lo == hi else f"{fmt(lo)} to {fmt(hi)}"


def bipolar_command(
    design: Path = typer.Argument(..., help="Bipolar design file."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Gain of a bipolar stack over the same cells as separate monopolar packages."""
    from solidcell.cell.architectures import bipolar_gain

    cell = _load(design)
    r = bipolar_gain(cell)
    data = r.to_json()
    # the group gain "(with busbars)" read as if busbars were counted where none were given
    notes = [] if cell.pack is not None else [
        "busbar mass 0: the design has no pack section, so the group gain (with busbars) is "
        "the cell gain; give pack.busbar_mass_kg, the mass of one series connection, to "
        "count them"]
    if as_json:
        print_json({**data, "notes": notes} if notes else data)
        return
    print_table("Bipolar gain", ["quantity", "value"],
                [[k.replace("[", "(").replace("]", ")"), v] for k, v in data.items()
                 if k != "sources"])
    for note in notes:
        typer.echo(f"note: {note}")
    print_sources(r.sources)


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate_command)
    app.command("compare")(compare_command)
    app.command("crossover")(crossover_command)
    app.command("bipolar-gain")(bipolar_command)
    app.add_typer(design_app, name="design")
