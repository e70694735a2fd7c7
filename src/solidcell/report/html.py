"""One self-contained HTML report of a cell design.

:func:`write_report` writes ``<out_dir>/<design name>-report.html``: plots are embedded (PNG as
base64, the stack diagram and the stability chart as inline SVG), with no network access, no
external JavaScript or CSS. Each section runs its engine; a section whose engine is missing or
fails shows ``"not available: <reason>"`` and no numbers. The template is rendered by Jinja2
with autoescaping on, so names from a design cannot inject markup.

>>> from solidcell.report.html import write_report           # doctest: +SKIP
>>> write_report(design, "out")                              # doctest: +SKIP
PosixPath('out/ev-cell-report.html')
"""

from __future__ import annotations

import base64
import io
import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import Any

from solidcell import units
from solidcell.report.summary import (
    DesignSummary,
    check_evaluation,
    describe_error,
    energy_entries,
    evaluation_checked,
    evaluation_of,
    find_engine,
    flatten_json,
    numeric_items,
    summary_of,
)

#: C-rate [1/h] of the report's voltage curve when no experiment is given: the discharge of
#: :func:`solidcell.simulation.runs.default_experiment` at this rate, to 3 V vs Li/Li+ ("Discharge
#: at C/10 until 3 V" against Li, "until 2.38 V" against Li-In; a fixed "until 3 V" stopped a
#: Li-In cell at 3.62 V vs Li before 2026-12-07)
DEFAULT_C_RATE = 0.1

_COLORS = {"cathode_cc": "#9aa5b1", "cathode": "#2f6db5", "separator": "#e3b341",
           "anode": "#7a7f87", "anode_cc": "#c4703a"}


def _markup() -> Any:
    from markupsafe import Markup

    return Markup


def _esc(text: Any) -> str:
    from markupsafe import escape

    return str(escape(text))


@dataclass(frozen=True)
class Section:
    """One section of the report: escaped-safe body HTML and the sources it used."""

    id: str
    title: str
    body: str = ""
    note: str = ""
    sources: tuple[str, ...] = field(default=())


class _Unavailable(Exception):
    """A section cannot be produced; the message says why."""


def _fmt(x: Any, digits: int = 4) -> str:
    """A table cell for people: yes/no for booleans, a dash for None and non-finite numbers
    (never "True", "nan" or "inf"), numbers to ``digits`` significant digits."""
    import math

    from solidcell.units import format_number

    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, float) and not math.isfinite(x):
        return "-"
    return format_number(x, digits)


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """An HTML table; every cell is escaped; numbers are right-aligned."""
    out = ["<table><thead><tr>", *(f"<th>{_esc(h)}</th>" for h in header), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>")
        for cell in row:
            cls = (' class="num"' if isinstance(cell, int | float) and not isinstance(cell, bool)
                   else "")
            out.append(f"<td{cls}>{_esc(_fmt(cell))}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def png_img(fig: Any, alt: str, dpi: int = 110) -> str:
    """A matplotlib figure as an ``<img>`` with a base64 PNG (the figure is closed)."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img class="plot" alt="{_esc(alt)}" src="data:image/png;base64,{data}">'


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


# --- sections ----------------------------------------------------------------------------


def stack_svg(summary: DesignSummary, width: int = 640) -> str:
    """To-scale cross-section of one cell: layer heights proportional to thickness."""
    layers = summary.layers
    total = sum(layer.thickness_m for layer in layers)
    scale = 360.0 / total  # px per m: the whole stack is 360 px tall
    y, parts = 20.0, []
    bar_w = 240
    for layer in layers:
        h = layer.thickness_m * scale
        color = _COLORS.get(layer.role, "#cccccc")
        parts.append(f'<rect x="20" y="{y:.2f}" width="{bar_w}" height="{max(h, 0.5):.2f}" '
                     f'fill="{color}" stroke="#1b1f24" stroke-width="0.5">'
                     f"<title>{_esc(layer.label)}: {layer.thickness_m * 1e6:.4g} um</title>"
                     "</rect>")
        parts.append(f'<text x="{bar_w + 35}" y="{y + h / 2 + 4:.2f}" font-size="12">'
                     f"{_esc(layer.label)} ({_esc(layer.material)}): "
                     f"{layer.thickness_m * 1e6:.4g} um</text>")
        y += h
    parts.append(f'<line x1="12" y1="20" x2="12" y2="{y:.2f}" stroke="#1b1f24"/>'
                 f'<text x="8" y="{y + 16:.2f}" font-size="11">total '
                 f"{total * 1e6:.4g} um: one cell with whole current collectors "
                 "(to scale)</text>")
    height = int(y + 30)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" '
            f'aria-label="to-scale stack diagram">{"".join(parts)}</svg>')


def section_design(design: Any, summary: DesignSummary) -> Section:
    from solidcell.cell.design import COMPOSITE_KINDS

    rows = [("name", summary.name),
            ("cathode active material", _ref(design.cathode.active_material)),
            ("cathode electrolyte", _ref(design.cathode.electrolyte)),
            ("cathode thickness [um]", summary.cathode_thickness_m * 1e6),
            ("cathode active loading [mg/cm2]",
             units.convert(summary.cathode_active_loading_kg_m2, "areal mass", "mg/cm2")),
            *_transport_rows("cathode", design.cathode),
            ("separator electrolyte", _ref(design.separator.electrolyte)),
            *_layer_thickness_rows(design, summary),
            *(_transport_rows("anode", design.anode)
              if design.anode.kind in COMPOSITE_KINDS else []),
            ("N/P ratio", _np_shown(summary.np_ratio, design.anode.kind)),
            ("areal capacity [mAh/cm2]", summary.areal_capacity_mAh_cm2),
            *_voltage_rows(design, summary),
            ("format", f"{design.format.kind}, {design.format.n_layers} layer(s)"),
            *_format_rows(design.format),
            ("architecture", design.architecture.kind),
            *_geometry_rows(design, summary),
            ("temperature [degC]", summary.temperature_K - 273.15)]
    body = (table(["quantity", "value"], rows)
            + _geometry_meta(design.architecture.kind, summary.first_cycle_loss)
            + stack_svg(summary))
    return Section("design", "Design and stack", body, sources=summary.sources)


#: the 3D architectures, whose layers the energy engine does not stack (docs/cell.md,
#: "Architectures and power"); ``cell.design.THREE_D_KINDS``, not imported here (this module
#: loads without the design model)
THREE_D = ("interdigitated_3d", "vertically_aligned")


def _layer_thickness_rows(design: Any, summary: DesignSummary) -> list[tuple[str, Any]]:
    """The separator and anode thickness rows; in an interdigitated 3D cell, what they are
    there: the gaps are the separator and the anode plates stand inside the cathode's
    height, so the engine adds 0 um of either to the stack (``evaluate``'s Separator and
    Anode thickness)."""
    anode = ("anode", f"{design.anode.kind} ({_ref(design.anode.material_ref)})")
    if design.architecture.kind != "interdigitated_3d":
        return [("separator thickness [um]", summary.separator_thickness_m * 1e6), anode,
                ("anode thickness [um]", summary.anode_thickness_m * 1e6)]
    gap_um = _fmt(design.architecture.gap_m * 1e6)
    return [("separator thickness [um]",
             f"0 in the stack: the electrolyte gaps between the plates ({gap_um} um, "
             f"architecture.gap_m) are the separator (the design's separator thickness, "
             f"{_fmt(design.separator.thickness_m * 1e6)} um, is not used by the energy "
             "engine)"),
            anode,
            ("anode thickness [um]",
             f"0 in the stack: {_anode_plates(design)} inside the cathode's height (the "
             "volume per footprint area below)")]


def _anode_plates(design: Any) -> str:
    """What stands between the gaps on an interdigitated cell's anode side."""
    width = f"{_fmt(design.architecture.anode_width_m * 1e6)} um wide"
    if design.anode.kind == "anode_free":
        return f"the anode side, {width}, where lithium plates on its collector, lies"
    return f"the anode plates, {width}, stand"


def _geometry_rows(design: Any, summary: DesignSummary) -> list[tuple[str, Any]]:
    """A 3D architecture's geometry and what its numbers mean per footprint area, by the
    energy engine's formulas (docs/cell.md, "Architectures and power": pitch ``p = w_c + w_a
    + 2g``, cathode share ``w_c/p`` (interdigitated) or ``(w_c/(w_c + g))^2`` (vertically
    aligned), a layer's volume per footprint area = its share x the height ``h``); the
    interface area and ion path as ``evaluate`` gives them."""
    arch = design.architecture
    if arch.kind not in THREE_D:
        return []
    h = summary.cathode_thickness_m
    wc, g = arch.cathode_width_m, arch.gap_m
    if arch.kind == "interdigitated_3d":
        wa = arch.anode_width_m
        pitch = wc + wa + 2 * g
        share_c, share_a = wc / pitch, wa / pitch
        rows = [("cathode plate width [um]", wc * 1e6), ("anode plate width [um]", wa * 1e6),
                ("gap between plates (the separator) [um]", g * 1e6),
                ("plate pitch p = cathode + anode width + 2 gaps [um]", pitch * 1e6),
                ("cathode share of the footprint (cathode width / p)", share_c),
                ("cathode plate volume per footprint area [um]", share_c * h * 1e6),
                (("anode-side volume per footprint area (lithium plates there) [um]"
                  if design.anode.kind == "anode_free" else
                  "anode plate volume per footprint area [um]"), share_a * h * 1e6),
                ("electrolyte gap volume per footprint area [um]",
                 (1 - share_c - share_a) * h * 1e6)]
    else:
        share_c = (wc / (wc + g)) ** 2
        rows = [("cathode channel width [um]", wc * 1e6),
                ("scaffold wall thickness [um]", g * 1e6),
                ("cathode share of the footprint ((width / (width + wall))^2)", share_c),
                ("cathode channel volume per footprint area [um]", share_c * h * 1e6),
                ("electrolyte scaffold volume per footprint area [um]",
                 (1 - share_c) * h * 1e6)]
    energy = summary.energy or {}
    area, path = (energy.get("Interface area per footprint area"),
                  energy.get("Ion path length [m]"))
    why = "not available: the energy engine gave no value"
    rows += [("interface area per footprint area (solidcell evaluate)",
              area if isinstance(area, int | float) else why),
             ("ion path length [um] (solidcell evaluate)",
              path * 1e6 if isinstance(path, int | float) else why)]
    return rows


def _after_loss(first_cycle_loss: float) -> str:
    """The factor of the first-cycle loss in the areal capacity's formula ('' without one):
    the anode-free example's 4.314 mAh/cm2 is 0.9 x its cathode's 4.793, and the formula
    shown beside it had no such factor."""
    if not first_cycle_loss > 0:
        return ""
    return (f" x (1 - first-cycle loss {_fmt(first_cycle_loss)}, the design's first_cycle_loss "
            "net of the lithium its anode holds, as solidcell evaluate counts it)")


def _geometry_meta(kind: str, first_cycle_loss: float = 0.0) -> str:
    """What a 3D design's numbers of the table are per: the cathode's region or the
    footprint; the areal capacity's formula with its first-cycle loss."""
    loss = _after_loss(first_cycle_loss)
    if kind not in THREE_D:
        return (f"<p class='meta'>Areal capacity = active loading x specific capacity{loss}; "
                "N/P = anode / cathode areal capacity; thicknesses and loading from "
                "CellDesign.resolved().</p>")
    what = ("plates" if kind == "interdigitated_3d" else "channels")
    extra = ("; N/P = anode plate volume per footprint area x the anode's capacity per volume "
             "/ the areal capacity" if kind == "interdigitated_3d" else "")
    return ("<p class='meta'>3D design (docs/cell.md, \"Architectures and power\"): the "
            f"cathode thickness is the height of the {what}, and its active loading is per "
            f"area of the cathode {what}; the areal capacity is per footprint area = active "
            f"loading x specific capacity x the cathode share of the footprint{loss}{extra}. A "
            "volume per footprint area is the layer's share of the footprint x the height "
            "(as a planar layer's thickness); thicknesses and loading from "
            "CellDesign.resolved().</p>")


def _np_shown(value: Any, anode_kind: str) -> Any:
    """The N/P ratio, or why there is none in the words of `solidcell evaluate` (an
    anode-free cell's row was a bare "-")."""
    from solidcell.cli.cell import np_ratio_reason

    if isinstance(value, int | float) and math.isfinite(value):
        return value
    return np_ratio_reason(anode_kind) or "not available"


def _transport_rows(layer: str, part: Any) -> list[tuple[str, Any]]:
    """The rule of a composite layer's effective ionic conductivity in the energy engine's
    words (``tortuosity_rule``: Bruggeman ``sigma eps^1.5``, or ``sigma eps / tau`` with the
    layer's measured ``tortuosity_factor``, docs/cell.md); none for a layer without solid
    electrolyte (a foil, or a composite whose ions move through the active material)."""
    if not getattr(part, "electrolyte_fraction", 0) or getattr(part, "electrolyte", None) is None:
        return []
    tau = getattr(part, "tortuosity_factor", None)
    try:
        rule = find_engine("solidcell.cell.energy", "tortuosity_rule")(tau)
    except Exception as exc:  # the energy engine missing: the factor alone, said so
        rule = f"tortuosity factor {_fmt(tau)} (rule not available: {describe_error(exc)})"
    return [(f"{layer} effective ionic conductivity", rule)]


def _voltage_rows(design: Any, summary: DesignSummary) -> list[tuple[str, Any]]:
    """The cell's average voltage; a bipolar stack's is its cells in series times one cell's
    (the 'cell / Voltage [V]' of ``evaluate``: 6 x 3.8 = 22.8 V), shown with both factors."""
    n = design.architecture.cells_in_series
    if n == 1:
        return [("average cell voltage [V]", summary.cell_voltage_V)]
    return [("average cell voltage [V]", n * summary.cell_voltage_V),
            ("cells in series (bipolar)", n),
            ("average voltage of one cell in series [V]", summary.cell_voltage_V)]


def _format_rows(fmt: Any) -> list[tuple[str, Any]]:
    """Rows of the parts of the cell outside the repeat unit that the format names: the
    substrate and the insulating films between groups of repeat units."""
    rows: list[tuple[str, Any]] = []
    if fmt.substrate is not None:
        rows.append(("substrate", _ref(fmt.substrate)))
        rows.append(("substrate thickness [um]", fmt.substrate_thickness_m * 1e6))
    film = fmt.interlayer_film
    if film is not None:
        rows.append(("interlayer film", f"{_ref(film.material)} between groups of "
                                        f"{film.every} repeat unit(s)"))
        rows.append(("interlayer film thickness (each) [um]", film.thickness_m * 1e6))
    return rows


def _ref(ref: Any) -> str:
    if ref is None:  # a dense thin-film cathode has no electrolyte: said, not a dash
        return NOTHING
    return ref if isinstance(ref, str) else f"{ref.id} (inline)"


def section_breakdown(summary: DesignSummary) -> Section:
    if summary.energy is None:
        raise _Unavailable(summary.energy_note.removeprefix("not available: "))
    top = {k: v for k, v in numeric_items(summary.energy).items() if " / " not in k}
    # the 3D electrolyte filling only where there is one, as `solidcell evaluate` lists it (a
    # planar cell's report had an "Electrolyte filling | 0 | 0.0 %" row)
    masses = {k.removesuffix(" areal mass [kg.m-2]"): v for k, v in top.items()
              if k.endswith("areal mass [kg.m-2]")
              and (v > 0 or not k.startswith("Electrolyte filling"))}
    thick = {k.removesuffix(" thickness [m]"): v for k, v in top.items()
             if k.endswith("thickness [m]")}
    if not masses and not thick:
        raise _Unavailable("the energy result has no areal mass or thickness entries")
    body = table(["component", "areal mass [mg/cm2]", "share of the layers' mass"],
                 [(k, units.convert(v, "areal mass", "mg/cm2"),
                   f"{100 * v / sum(masses.values()):.1f} %")
                  for k, v in masses.items()])
    body += table(["layer", "thickness = volume per area [um]", "share of the volume"],
                  [(k, v * 1e6, f"{100 * v / sum(thick.values()):.1f} %")
                   for k, v in thick.items()])
    plt = _pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
    for ax, data, label, kind, unit in ((axes[0], masses, "areal mass", "areal mass", "mg/cm2"),
                                        (axes[1], thick, "thickness", "length", "um")):
        ax.barh(list(data), [units.convert(v, kind, unit) for v in data.values()],
                color="#2f6db5")
        ax.set_xlabel(f"{label} [{unit}]")
        ax.invert_yaxis()
    fig.tight_layout()
    body += png_img(fig, "mass and volume breakdown")
    # the collectors' share and the state of charge as the engine's conventions below state
    # them (a thin-film or 3D cell has full, single-sided collectors: "half current
    # collectors on double-sided electrodes" was stated for every design)
    body += ("<p class='meta'>Per unit electrode area of one repeat unit (one cell of a "
             "bipolar stack, whose collectors are shared by its cells in series), as "
             "solidcell.cell.energy.evaluate counts it: current collectors and lithium as its "
             "conventions below state them (Stack, Layer breakdown, Lithium volume).</p>")
    if masses.get("Electrolyte filling", 0.0) > 0:  # a 3D design: its layers are not planar
        body += ("<p class='meta'>3D design: the cathode's thickness is the height of the 3D "
                 "structure, whose volume it shares with the electrolyte filling (and, "
                 "interdigitated, with the anode plates and the gaps between them); a layer "
                 "of thickness 0 lies inside it.</p>")
    body += _cell_breakdown(summary.energy)
    body += _power_table(summary.energy)
    conventions = {k.removeprefix("conventions / "): v for k, v in summary.energy.items()
                   if k.startswith("conventions / ")}
    if conventions:
        body += "<h3>Conventions of the energy engine</h3>" + table(
            ["convention", "value"], list(conventions.items()))
    # an infeasible design and a power estimate that could not be made are said, not hidden
    notes = []
    if summary.energy.get("Reason"):
        notes.append(f"not feasible: {summary.energy['Reason']}")
    if str(conventions.get("Power", "")).startswith("not computed"):
        notes.append(f"power {conventions['Power']}")
    return Section("breakdown", "Mass and volume breakdown", body, note="; ".join(notes),
                   sources=summary.sources)


#: (row label, key of the energy engine's flattened JSON, kind, unit shown) of the power table
_POWER_ROWS = (
    ("area-specific resistance [Ohm cm2]", "Area-specific resistance [Ohm.m2]",
     "areal resistance", "ohm*cm**2"),
    ("maximum C-rate [1/h]", "Maximum C-rate [h-1]", None, None),
    ("stack specific power [W/kg]", "stack / Specific power [W.kg-1]", None, None),
    ("stack power density [W/L]", "stack / Power density [W.L-1]", None, None),
    ("cell specific power [W/kg]", "cell / Specific power [W.kg-1]", None, None),
    ("cell power density [W/L]", "cell / Power density [W.L-1]", None, None),
)


def _power_table(energy: dict[str, Any]) -> str:
    """The energy engine's transport-limited power of the design (the W/kg, W/L, ASR and
    maximum C-rate of ``solidcell evaluate``), with the rule it used (``conventions / Power``:
    Bruggeman or the layer's measured tortuosity factor); "not computed" where it computed
    none."""
    rows = []
    for label, key, kind, unit in _POWER_ROWS:
        value = energy.get(key)
        if not isinstance(value, int | float) or isinstance(value, bool) \
                or not math.isfinite(value):
            value = "not computed (Power in the conventions below)"
        elif kind:
            value = units.convert(float(value), kind, unit)
        rows.append((label, value))
    spread = energy.get("Cell specific power range [W.kg-1]")
    if isinstance(spread, list | tuple) and len(spread) == 2 and all(
            isinstance(v, int | float) and math.isfinite(v) for v in spread):
        # `solidcell evaluate`'s "cell specific power range" (the spread of the electrolytes'
        # conductivity data, docs/cell.md), left out of the report before
        rows.append(("cell specific power range [W/kg] (spread of the electrolytes' "
                     "conductivity data)", f"{_fmt(spread[0])} - {_fmt(spread[1])}"))
    rule = energy.get("conventions / Power", "")
    return ("<h3>Power (transport-limited)</h3>" + table(["quantity", "value"], rows)
            + f"<p class='meta'>solidcell.cell.energy.evaluate, as solidcell evaluate shows "
              f"it: {_esc(rule)} (docs/cell.md, \"Architectures and power\").</p>")


def _cell_breakdown(energy: dict[str, Any]) -> str:
    """The whole cell's mass by part (repeat units, interlayer films, casing with tabs,
    substrate) and the interlayer films' share of the stack thickness, from the energy engine's
    cell-level outputs. The repeat units' mass is the cell mass less the other parts: the
    engine's own sum (cell mass = repeat units + films + casing + substrate + tabs)."""
    values = numeric_items(energy)
    total = values.get("cell / Mass [kg]")
    if not total:
        return ""
    parts = {"interlayer films": values.get("cell / Interlayer film mass [kg]", 0.0),
             "casing and tabs": values.get("Casing mass [kg]", 0.0),
             "substrate": values.get("Substrate mass [kg]", 0.0)}
    rows = [("repeat units (electrode stack)", (total - sum(parts.values())) * 1e3,
             f"{100 * (total - sum(parts.values())) / total:.1f} %")]
    rows += [(k, v * 1e3, f"{100 * v / total:.1f} %") for k, v in parts.items() if v > 0]
    rows.append(("cell", total * 1e3, "100.0 %"))
    body = "<h3>Whole cell</h3>" + table(["part", "mass [g]", "share of the cell mass"], rows)
    body += ("<p class='meta'>Cell level (solidcell.cell.energy.evaluate): repeat units = cell "
             "mass - interlayer films - casing and tabs - substrate.</p>")
    film_t = values.get("cell / Interlayer film thickness [m]", 0.0)
    if film_t > 0:
        body += table(["quantity", "value"],
                      [("interlayer films, total thickness in the stack [um]", film_t * 1e6),
                       ("interlayer films, mass [g]",
                        values.get("cell / Interlayer film mass [kg]", 0.0) * 1e3)])
        body += ("<p class='meta'>The interlayer films lie between groups of repeat units over "
                 "the electrode area; they count in the cell's mass and thickness, hence in its "
                 "Wh/kg and Wh/L, not in the stack-level values above.</p>")
    return body


def _is_with_substrate(key: str) -> bool:
    return key.partition(" / ")[2].lower().startswith("with substrate")


def _without_repeated_substrate(values: dict[str, float]) -> dict[str, float]:
    """``values`` (one unit, keys "level / name") without a "with substrate" value equal to
    its level's own: a design without a substrate showed each stack value twice."""
    out = {}
    for key, value in values.items():
        level = key.partition(" / ")[0]
        plain = [v for k, v in values.items()
                 if k.partition(" / ")[0] == level and not _is_with_substrate(k)]
        if _is_with_substrate(key) and plain and plain[0] == value:
            continue
        out[key] = value
    return out


def _design_bars(values: dict[str, float]) -> dict[str, float]:
    """The design's bars of the energy chart, labelled by level ("THIS DESIGN: stack", "...:
    stack with substrate", "...: cell") short enough to be read whole (the engine's keys, cut
    at 45 characters, all read "THIS DESIGN: stack / Gravimetric energy densi"); a "with
    substrate" value equal to the level's own (no substrate) is drawn once."""
    bars: dict[str, float] = {}
    for key, value in _without_repeated_substrate(values).items():
        level = key.partition(" / ")[0]
        if _is_with_substrate(key):
            level += " with substrate"
        bars[f"THIS DESIGN: {level}"] = value
    return bars


#: bar colours of the published cells by :attr:`RealCell.electrolyte_kind` (a semi-solid,
#: hybrid solid-liquid cell was blue, "solid-state")
_KIND_COLORS = {"solid-state": "#2f6db5", "partly solid": "#8250df", "liquid": "#9aa5b1"}


def section_energy(summary: DesignSummary) -> Section:
    from solidcell.report.real_cells import SOURCE_KEY, real_cells

    cells = real_cells()
    note = ""
    design_pts: dict[str, float] = {}
    design_vol: dict[str, float] = {}
    if summary.energy is None:
        note = (f"The design's energy densities are {summary.energy_note}; the published "
                "cells are shown alone.")
    else:
        for key, value in numeric_items(summary.energy).items():
            if "[W.h.kg-1]" in key:
                design_pts[key] = value
            elif "[W.h.L-1]" in key:
                design_vol[key] = value
    plt = _pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(11, 5.5))
    for ax, attr, own, unit in ((axes[0], "gravimetric_energy_density_Wh_kg", design_pts,
                                 "Wh/kg"),
                                (axes[1], "volumetric_energy_density_Wh_L", design_vol, "Wh/L")):
        pub = [(c.cell, getattr(c, attr), c.electrolyte_kind) for c in cells
               if getattr(c, attr) is not None]
        mine = _design_bars(own)
        labels = [p[0] for p in pub] + list(mine)
        values = [p[1] for p in pub] + list(mine.values())
        colors = [_KIND_COLORS[p[2]] for p in pub] + ["#cf222e"] * len(mine)
        ax.barh(range(len(values)), values, color=colors)
        ax.set_yticks(range(len(values)), [lab[:45] for lab in labels], fontsize=7)
        ax.set_xlabel(f"energy density [{unit}]")
        ax.invert_yaxis()
    axes[0].set_title("blue: solid-state, purple: semi-/quasi-solid or hybrid, grey: liquid "
                      "reference, red: this design", fontsize=9)
    fig.tight_layout()
    body = ""
    if design_pts or design_vol:
        body += table(["this design", "value"],
                      sorted({**_without_repeated_substrate(design_pts),
                              **_without_repeated_substrate(design_vol)}.items()))
        if not any(k.startswith("pack / ") for k in design_pts):  # said, as evaluate says it
            pack = (summary.energy or {}).get("conventions / Pack") or "not computed"
            body += f"<p class='meta'>Pack level: {_esc(pack)}.</p>"
    body += png_img(fig, "energy densities against published cells")
    # the conditions column holds what the compilation knows of each figure's level ("cell vs
    # system level not specified"), which the note below refers to: it was left out
    body += table(["cell", "developer", "type", "status", "Wh/kg (as published)",
                   "Wh/L (as published)", "conditions and level", "source", "verification"],
                  [(c.cell, c.developer, c.type, c.status,
                    c.gravimetric_text or "not in the source",
                    c.volumetric_text or "not in the source", c.notes or "none given",
                    f"{c.source} <{c.url}>", c.verification)
                   for c in cells])
    body += ("<p class='meta'>Published figures are plotted only where the source gives a plain "
             "number; levels (cell/system) are as the sources state them (column 'conditions "
             "and level').</p>")
    return Section("energy", "Energy density against published cells", body, note=note,
                   sources=(*summary.sources, SOURCE_KEY) if design_pts else (SOURCE_KEY,))


def electrolytes_of(design: Any) -> list[Any]:
    """The design's electrolyte materials (separator, cathode, anode; each once), looked up
    once per report for the Arrhenius and the stability sections."""
    from solidcell.materials import resolve

    refs = [design.separator.electrolyte, design.cathode.electrolyte, design.anode.electrolyte]
    out: dict[str, Any] = {}
    for ref in refs:
        if ref is None:
            continue
        mat = resolve(ref)
        out.setdefault(mat.id, mat)
    return list(out.values())


def section_arrhenius(design: Any, electrolytes: Sequence[Any] | None = None) -> Section:
    """``electrolytes``: :func:`electrolytes_of` the design, already looked up, or None."""
    from solidcell.chemistry.conductivity import conductivity_at
    from solidcell.report.materials import arrhenius_figure

    if electrolytes is None:
        electrolytes = electrolytes_of(design)
    mats = [m for m in electrolytes if m.values("ionic_conductivity")]
    if not mats:
        raise _Unavailable("the design's electrolytes have no ionic conductivity data")
    fig, plotted = arrhenius_figure(mats, title="Electrolytes of the design")
    ax = fig.axes[0]
    ax.axvline(1000 / design.temperature_K, color="#cf222e", ls=":", lw=1)
    rows, sources, notes = [], [], []
    for m in mats:
        try:
            res = conductivity_at(m, design.temperature_K)
        except Exception as exc:
            rows.append((m.id, "not available", "not available",
                         f"not available: {describe_error(exc)}"))
            continue
        ea = res.activation_energy_eV  # None: a piecewise curve has no single one
        rows.append((m.id, units.convert(float(res.ionic_conductivity_S_m), "conductivity",
                                         "mS/cm"),
                     "no single value (see model)" if ea is None else ea, res.model))
        sources += res.sources
        notes += res.warnings  # outside the data, above or across melting
    body = table([f"electrolyte at {design.temperature_K - 273.15:.6g} degC",
                  "ionic conductivity [mS/cm]", "activation energy [eV]", "model"], rows)
    body += png_img(fig, "Arrhenius plot of the design's electrolytes")
    body += ("<p class='meta'>Dotted line: the design temperature. Model and data of "
             "solidcell.chemistry.conductivity.conductivity_at.</p>")
    if not plotted:
        raise _Unavailable("no electrolyte had enough data for an Arrhenius curve")
    return Section("arrhenius", "Electrolyte conductivity (Arrhenius)", body,
                   note="; ".join(notes), sources=tuple(dict.fromkeys(sources)))


def electrode_potentials(design: Any, resolved: Any = None) -> list[tuple[str, float, str]]:
    """(label, V vs Li/Li+, source) of the electrode potentials the electrolytes face;
    ``resolved``: ``design.resolved()`` already made, or None."""
    resolved = design.resolved() if resolved is None else resolved
    cat = resolved.cathode
    d = resolved.design
    out = [("cathode average", cat.average_voltage_V, _voltage_source(d.cathode, cat, "cathode"))]
    active = cat.materials["active"]  # design.cathode.active_material, looked up
    upper = active.get("upper_cutoff_voltage")
    if upper is not None and upper.si is not None:
        out.append(("cathode upper cut-off", upper.si, upper.source))
    if resolved.anode is None:
        out.append(("plated Li (anode-free)", 0.0, "Li/Li+ reference"))
        return out
    anode_v = resolved.anode.average_voltage_V
    out.append(("anode average", anode_v, "Li/Li+ reference" if anode_v == 0.0
                else _voltage_source(d.anode, resolved.anode, "anode")))
    return out


def _voltage_source(spec: Any, layer: Any, where: str) -> str:
    """The source of a layer's average voltage as ``CellDesign.resolved`` took it: the design's
    own ``average_voltage_V`` where it gives one, else the active material's
    ``average_voltage`` value's source (the cathode's was its last source, a capacity's where
    the design gave the voltage, and an alloy anode's read "material data")."""
    if getattr(spec, "average_voltage_V", None) is not None:
        return f"the design's {where}.average_voltage_V"
    prop = layer.materials["active"].get("average_voltage")
    return prop.source if prop is not None and prop.source else "material data"


def stability_svg(windows: list[tuple[str, float, float]],
                  potentials: list[tuple[str, float, str]], width: int = 720,
                  measured: Sequence[tuple[str, float, float, str]] = ()) -> str:
    """Windows as bars on a 0-6 V axis with vertical lines at the electrode potentials;
    ``measured`` windows (the knowledge base's: electrolyte, low, high, source) as bars of
    another colour below them, each with its source in its tooltip."""
    vmin, vmax = 0.0, 6.0
    x0, x1 = 150, width - 20

    def x(v: float) -> float:
        return x0 + (min(max(v, vmin), vmax) - vmin) / (vmax - vmin) * (x1 - x0)

    parts, y = [], 30
    bars = [(n, lo, hi, "#8fc0a9", "computed") for n, lo, hi in windows]
    bars += [(f"{n}, measured", lo, hi, "#b7a6d8", src) for n, lo, hi, src in measured]
    for name, lo, hi, fill, kind in bars:
        parts.append(f'<text x="5" y="{y + 14}" font-size="12">{_esc(name)}</text>'
                     f'<rect x="{x(lo):.1f}" y="{y}" width="{max(x(hi) - x(lo), 1):.1f}" '
                     f'height="20" fill="{fill}"><title>{_esc(name)}: {lo:.3g}-{hi:.3g} V '
                     f"({_esc(kind)})</title></rect>"
                     f'<text x="{x(hi) + 3:.1f}" y="{y + 14}" font-size="10">{lo:.2f}-{hi:.2f} V'
                     "</text>")
        y += 30
    for i, (label, v, _) in enumerate(potentials):
        parts.append(f'<line x1="{x(v):.1f}" y1="20" x2="{x(v):.1f}" y2="{y + 5}" '
                     'stroke="#cf222e" stroke-dasharray="4 3"/>'
                     f'<text x="{x(v) + 2:.1f}" y="{y + 18 + 12 * i}" font-size="10" '
                     f'fill="#cf222e">{_esc(label)} {v:.2f} V</text>')
    axis_y = y + 18 + 12 * len(potentials) + 10
    for v in range(7):
        parts.append(f'<line x1="{x(v):.1f}" y1="{axis_y}" x2="{x(v):.1f}" y2="{axis_y + 5}" '
                     f'stroke="#1b1f24"/><text x="{x(v) - 3:.1f}" y="{axis_y + 17}" '
                     f'font-size="10">{v}</text>')
    parts.append(f'<line x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}" stroke="#1b1f24"/>'
                 f'<text x="{x0}" y="{axis_y + 32}" font-size="11">potential [V vs Li/Li+]'
                 "</text>")
    height = axis_y + 40
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" '
            f'aria-label="stability windows against electrode potentials">{"".join(parts)}</svg>')


def _is_bib_key(key: str) -> bool:
    """Whether ``key`` is a key of the bibliography (not words such as "Li/Li+ reference")."""
    from solidcell.citations import reference

    try:
        reference(key)
    except Exception:
        return False
    return True


#: methods of a stored window that is a measurement (or a review's reading of one), not a
#: computed (DFT) or estimated limit: the window the stability section shows beside its own
MEASURED_WINDOW_METHODS = ("measured", "review", "datasheet")


@dataclass(frozen=True)
class MeasuredWindow:
    """A measured electrochemical window of the knowledge base [V vs Li/Li+]: the reduction
    and oxidation limits one source gives (a side it does not give is None)."""

    electrolyte: str
    reduction_V: float | None
    oxidation_V: float | None
    method: str
    source: str
    conditions: str


def _conditions(values: Sequence[Any]) -> str:
    """The conditions of stored limits in words: temperature and note as stored."""
    temps = sorted({v.temperature for v in values if v.temperature is not None})
    temp = (", ".join(f"{t:.6g} K" for t in temps) if temps
            else "temperature not stored")
    notes = "; ".join(dict.fromkeys(v.note for v in values if v.note))
    return f"{temp}; note: {notes}" if notes else f"{temp}; no note stored"


def measured_windows(mat: Any) -> list[MeasuredWindow]:
    """The measured windows of ``mat`` (a Material) in the knowledge base: its
    ``reduction_limit``/``oxidation_limit`` values of a method in
    :data:`MEASURED_WINDOW_METHODS`, paired by source; [] where none is stored."""
    by_source: dict[tuple[str, str], dict[str, Any]] = {}
    for name in ("reduction_limit", "oxidation_limit"):
        for v in mat.values(name):
            if v.method in MEASURED_WINDOW_METHODS and v.si is not None:
                by_source.setdefault((v.source, v.method), {}).setdefault(name, v)
    out = []
    for (source, method), sides in by_source.items():
        red, ox = sides.get("reduction_limit"), sides.get("oxidation_limit")
        out.append(MeasuredWindow(mat.id, None if red is None else red.si,
                                  None if ox is None else ox.si, method, source,
                                  _conditions(list(sides.values()))))
    return out


def _verdict(v: float, lo: float | None, hi: float | None) -> str:
    """A potential against a window whose sides may be missing (None: not stored)."""
    if hi is not None and v > hi:
        return "above the oxidation limit"
    if lo is not None and v < lo:
        return "below the reduction limit"
    if lo is None or hi is None:
        side = "reduction" if lo is None else "oxidation"
        return f"inside the stored side ({side} limit not stored)"
    return "inside the window"


def _measured_html(electrolytes: Sequence[Any], potentials: list[tuple[str, float, str]]
                   ) -> tuple[str, list[str], list[tuple[str, float, float, str]]]:
    """The measured windows' tables (or the plain words that none is stored), their sources
    and the closed windows for the chart."""
    found = {m.id: measured_windows(m) for m in electrolytes}
    rows, checks, sources, bars = [], [], [], []
    for windows in found.values():
        for w in windows:
            rows.append((w.electrolyte,
                         "not stored" if w.reduction_V is None else w.reduction_V,
                         "not stored" if w.oxidation_V is None else w.oxidation_V,
                         w.method, w.source, w.conditions))
            sources.append(w.source)
            if w.reduction_V is not None and w.oxidation_V is not None:
                bars.append((w.electrolyte, w.reduction_V, w.oxidation_V, w.source))
            for label, v, src in potentials:
                checks.append((w.electrolyte, w.source, label, v, src,
                               _verdict(v, w.reduction_V, w.oxidation_V)))
    none = [i for i, ws in found.items() if not ws]
    body = "<h3>Measured windows in the knowledge base</h3>"
    if rows:
        body += table(["electrolyte", "reduction limit [V]", "oxidation limit [V]", "method",
                       "source", "conditions"], rows)
        body += "<h3>Measured windows against electrode potentials</h3>"
        body += table(["electrolyte", "window source", "electrode potential", "V vs Li/Li+",
                       "source of the potential", "measured window"], checks)
    if none:
        body += (f"<p>{_esc(', '.join(none))}: no measured window (reduction_limit / "
                 "oxidation_limit measured or reported) is stored in the knowledge base.</p>")
    body += ("<p class='meta'>Measured windows: the knowledge base's reduction_limit and "
             "oxidation_limit of a method measured, review or datasheet, paired by source and "
             "compared as stored; the conditions column gives what the knowledge base stores "
             "of the measurement (its temperature and note).</p>")
    return body, sources, bars


def section_stability(design: Any, resolved: Any = None,
                      electrolytes: Sequence[Any] | None = None) -> Section:
    """``resolved`` (``design.resolved()``) and ``electrolytes`` (:func:`electrolytes_of`):
    already made, or None. The computed (DFT) windows and, beside them, the measured windows
    the knowledge base stores, each against the electrode potentials."""
    # the windows of the shipped data as the interface section's pair checks get them (once
    # per process: those checks ask for the same electrolytes)
    stability_window = find_engine("solidcell.interfaces.compat", "shipped_window")
    electrolytes = electrolytes_of(design) if electrolytes is None else electrolytes
    windows, rows, sources, notes = [], [], [], []
    failed: list[str] = []
    for mat in electrolytes:
        target = mat.formula or mat.id
        try:
            w = stability_window(mat.id if mat.origin == "curated" else target)
        except Exception as exc:
            why = describe_error(exc)
            why = why.removeprefix(f"{mat.id}: ").removeprefix("not available: ")
            failed.append(f"{mat.id}: {why}")
            notes.append(f"{mat.id}: computed window not available: {why}")
            continue
        windows.append((mat.id, w.reduction_limit_V, w.oxidation_limit_V))
        rows.append((mat.id, w.formula, w.reduction_limit_V, w.oxidation_limit_V,
                     w.reduction_reaction(), w.oxidation_reaction()))
        sources += w.sources
    potentials = electrode_potentials(design, resolved)
    measured, measured_sources, bars = _measured_html(electrolytes, potentials)
    if not windows and not measured_sources:
        raise _Unavailable(("; ".join(failed) or "no electrolyte window could be computed")
                           + "; no measured window is stored in the knowledge base")
    checks = []
    for name, lo, hi in windows:
        for label, v, src in potentials:
            checks.append((name, label, v, src, _verdict(v, lo, hi)))
    # the electrode potentials' sources (the cathode's voltage was shown without one)
    sources += [src for _, _, src in potentials if _is_bib_key(src)]
    body = ""
    if windows:
        body += "<h3>Computed windows (DFT phase diagram)</h3>"
        body += table(["electrolyte", "formula", "reduction limit [V]", "oxidation limit [V]",
                       "reduction", "oxidation"], rows)
    body += stability_svg(windows, potentials, measured=bars)
    if windows:
        body += "<h3>Computed windows against electrode potentials</h3>"
        body += table(["electrolyte", "electrode potential", "V vs Li/Li+",
                       "source of the potential", "thermodynamics"], checks)
        body += ("<p class='meta'>Computed windows: grand-potential phase diagram open to Li "
                 "(solidcell.interfaces.stability). Outside the window the electrolyte "
                 "decomposes thermodynamically; whether the products passivate is an "
                 "interface question (next section).</p>")
    body += measured
    return Section("stability", "Stability windows against electrode potentials", body,
                   note="; ".join(notes),
                   sources=tuple(dict.fromkeys((*sources, *measured_sources))))


def _sources(result: Any) -> tuple[str, ...]:
    from solidcell.citations import sources_of
    from solidcell.errors import SolidcellError

    try:
        return sources_of(result)
    except (TypeError, SolidcellError):
        return ()


#: what a table cell of an engine's JSON says where the JSON holds nothing (None, "" or an
#: empty list: no reason, no warning, no buffer layer needed) unless the section names why
#: (:func:`json_html`'s ``missing``): never an empty cell, "None" or "nan"
NOTHING = "none"


def _is_empty(v: Any) -> bool:
    return v is None or (isinstance(v, str | list | tuple | dict) and not v)


def _cell(v: Any) -> Any:
    """One table cell: lists joined with '; ', a mapping as 'key: value' pairs (empty values
    left out), nothing (None, "", []) as :data:`NOTHING`, never a Python repr."""
    if _is_empty(v):
        return NOTHING
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_fmt(_as_given(k, _cell(x)))}" for k, x in v.items()
                         if k != "sources" and x not in (None, "", [], ()))
    if isinstance(v, list | tuple):
        return (" | " if any(isinstance(x, dict) for x in v) else "; ").join(
            str(_fmt(_cell(x))) for x in v)
    return v


def _as_given(key: str, value: Any) -> Any:
    """A temperature in K to six significant digits (298.15 K to the tables' four read
    "298.1", 393.15 K "393.1"); other values unchanged."""
    if key.endswith("[K]") and isinstance(value, float) and not isinstance(value, bool):
        return f"{value:.6g}"
    return value


#: The lowercase keys that frame a JSON answer (docs/conventions.md, "One naming rule for
#: every --json key") as the HTML tables show them: JSON keeps its key, a reader sees a label.
FRAME_LABELS = {"sources": "Sources", "notes": "Notes", "warnings": "Warnings",
                "conventions": "Conventions"}


def _label(key: str) -> str:
    """A flattened JSON key ("level / key") as a table shows it: each part that is a frame key
    of the JSON (``warnings``) as its label (``Warnings``), the others as they are."""
    return " / ".join(FRAME_LABELS.get(part, part) for part in key.split(" / "))


def json_html(data: Any, depth: int = 0, missing: dict[str, str] | None = None) -> str:
    """An engine's ``to_json()`` as HTML: scalars in a key/value table, lists of records as
    tables of their own, nested mappings flattened; ``sources`` are left to the section. The
    frame keys of the JSON (``warnings``, ``notes``, ``conventions``) are shown by their
    labels (:data:`FRAME_LABELS`). A key that holds nothing (None, "", []) reads
    ``missing[key]`` (why: "not computed: no stack pressure given") or :data:`NOTHING`; a
    column of records empty in every row is left out (a "Note" column of blank cells)."""
    if hasattr(data, "to_json"):
        data = data.to_json()
    if not isinstance(data, dict):
        return table(["value"], [[_cell(data)]])
    missing = missing or {}
    scalars: list[tuple[str, Any]] = []
    parts: list[str] = []
    for key, value in flatten_json(data).items():
        if key == "sources" or key.endswith("/ sources"):
            continue
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            flat = [{k: x for k, x in flatten_json(v).items() if k != "sources"}
                    for v in value]
            keys = [k for k in dict.fromkeys(k for r in flat for k in r)
                    if not all(_is_empty(r.get(k)) for r in flat)]
            records = [{k: _as_given(k, _cell(r.get(k))) for k in keys} for r in flat]
            parts.append(f"<h4>{_esc(_label(key))}</h4>"
                         + table([_label(k) for k in keys],
                                 [[r[k] for k in keys] for r in records]))
        elif _is_empty(value) and key in missing:
            scalars.append((_label(key), missing[key]))
        else:
            scalars.append((_label(key), _as_given(key, _cell(value))))
    head = table(["quantity", "value"], scalars) if scalars else ""
    return head + "".join(parts)


#: why the mechanics check's optional results are absent from the report: it runs with the
#: design alone (``solidcell interfaces`` computes them from the options named)
MECHANICS_MISSING = {
    "Stack pressure": "not computed: no stack pressure given (solidcell interfaces "
                      "--stack-pressure)",
    "Critical current density": "not computed: no flaw size given (solidcell interfaces "
                                "--flaw-size)",
    "Lithium thickness per areal capacity [um.cm2.mA-1.h-1]": "not applicable: the anode is "
                                                              "not lithium metal or anode-free",
    "Measured stripping failures": "not checked: no discharge current given (solidcell "
                                   "interfaces --discharge-current; a lithium-metal or "
                                   "anode-free separator's failures are listed below)",
}


def section_interfaces(design: Any, resolved: Any = None) -> Section:
    """Interface flags, then the mechanics check (thickness change, Monroe-Newman, warnings;
    the measured CCDs of the separator for lithium-metal and anode-free cells); ``resolved``:
    ``design.resolved()`` already made, or None."""
    flags = find_engine("solidcell.interfaces.design_flags", "interface_flags")(design)
    body = json_html(flags)
    sources = list(_sources(flags))
    mechanics_check = find_engine("solidcell.mechanics.volume", "mechanics_check")
    mech = mechanics_check(design) if resolved is None else mechanics_check(
        design, resolved=resolved)
    body += "<h3>Mechanics over one charge</h3>" + json_html(mech, missing=MECHANICS_MISSING)
    sources.extend(mech.sources)
    if design.anode.kind in ("li_metal", "anode_free"):
        measured_ccd = find_engine("solidcell.mechanics.dendrite", "measured_ccd")
        sep = next(c.material for c in mech.layers if c.layer == "separator")
        rows = [[units.convert(v, "current density", "mA/cm2"), src, cond]
                for v, src, cond in measured_ccd(sep)]
        body += f"<h3>Measured critical current densities of {_esc(sep)}</h3>"
        body += (table(["CCD [mA/cm2]", "source", "conditions"], rows) if rows else
                 "<p class='meta'>none in the knowledge base</p>")
        sources.extend(r[1] for r in rows)
        body += _stripping_table(sep, sources)
    return Section("interfaces", "Interfaces and mechanics", body,
                   sources=tuple(dict.fromkeys(sources)))


def _stripping_table(separator: str, sources: list[str]) -> str:
    """The measured stripping failures (voids on discharge) of ``separator``
    (:data:`solidcell.mechanics.stripping.MEASURED_STRIPPING`) as the report's table, their
    sources added to ``sources``; failures seen, not thresholds (``solidcell interfaces
    --discharge-current`` checks a discharge current against them)."""
    measured_stripping = find_engine("solidcell.mechanics.stripping", "measured_stripping")
    seen = measured_stripping(separator)
    sources.extend(o.source for o in seen)
    head = (f"<h3>Measured stripping failures of {_esc(separator)} (voids on discharge)</h3>"
            "<p class='meta'>failures seen, not limits; check a discharge current with "
            "solidcell interfaces --discharge-current</p>")
    if not seen:
        return head + "<p class='meta'>none stored</p>"
    return head + table(
        ["current [mA/cm2]", "stack pressure [MPa]", "stripped per step [mAh/cm2]", "outcome",
         "source", "conditions"],
        [[o.current_mA_cm2, o.stack_pressure_MPa, o.stripped_mAh_cm2, o.outcome, o.source,
          o.conditions] for o in seen])


def section_manufacturing(design: Any, cost_options: Any = None, *, evaluation: Any = None,
                          resolved: Any = None) -> Section:
    """Routes and cost of the design's layer stack. ``evaluation``: ``evaluate(design)`` with
    its defaults (discharged, the stack's masses), ``resolved``: ``design.resolved()``, each
    already made by the report, or None."""
    stack_from_design = find_engine("solidcell.manufacturing.design", "stack_from_design")
    plan_routes = find_engine("solidcell.manufacturing.routes", "plan_routes")
    cell_cost = find_engine("solidcell.manufacturing.cost", "cell_cost")
    # the layer stack mapped once, for the routes and the cost: each mapped the design itself
    # (plan_routes and cell_cost take a stack as they take it)
    stack = stack_from_design(design, evaluation=evaluation, resolved=resolved)
    # planned once, with the cost's options (prices do not enter the plan), shown here and
    # taken by the cost model as its own first plan
    routes = plan_routes(stack, options=cost_options)
    body = "<h3>Process routes</h3>" + json_html(routes)
    # the processes chosen again by the cost model (by cost per good m2) once the materials
    # are priced, so the report shows the cost and route that `solidcell cost` gives
    cost = cell_cost(stack, options=cost_options,  # prices the user gave (--price), if any
                     planned=routes)
    body += cost_html(cost, routes)
    body += _cost_assumptions(cost_options)
    notes = [] if routes.feasible else [f"no feasible process route: {routes.reason}"]
    if not cost.has_cost:
        notes.append(f"cost not available: {_cost_reason(cost, routes)}")
    if cost.route is not None and cost.route.status == "slow":
        # the route status row of `solidcell cost`: a plan "Feasible: yes" whose routes are
        # all slow was shown with its cost and no word above the tables (and, with no cost,
        # the route that has no price was not said to be slow either)
        status = find_engine("solidcell.manufacturing.cost", "route_status")(cost)
        notes.append(f"{'the cost is of a slow route' if cost.has_cost else 'the route is slow'}"
                     f": {status.removeprefix('slow: ')}")
    note = "; ".join(notes)
    return Section("manufacturing", "Process route and cost", body, note=note,
                   sources=tuple(dict.fromkeys((*_sources(routes), *_sources(cost)))))


def _cost_reason(cost: Any, routes: Any) -> str:
    """Why there is no cost, without the plan's reason a second time (the cost of a design
    with no route repeated the whole "no build order works ..." text of the plan above)."""
    reason = str(cost.reason)
    if not routes.feasible and reason.startswith("no manufacturing route"):
        return "no manufacturing route (the Reason of the process routes above says why)"
    return reason


def cost_html(cost: Any, routes: Any) -> str:
    """The "Cost" tables: ``cell_cost``'s JSON, each number it has not got (no price, no
    route) reading "not available (see Reason)", never a dash."""
    why = "not available (see Reason)" if not cost.has_cost else NOTHING
    data = cost.to_json()
    data["Reason"] = None if cost.reason is None else _cost_reason(cost, routes)
    # no missing or unused price is "none" only where the prices were looked up (a design
    # with no route has none looked up)
    checked = ("Reason", "Missing prices", "Unused prices") if cost.route else ("Reason",)
    missing = {k: why for k, v in data.items() if _is_empty(v) and k not in checked}
    return "<h3>Cost</h3>" + json_html(data, missing=missing)


#: (label of ``solidcell cost --json``, ``CostOptions`` field, ``cost_defaults`` key, unit)
#: of the assumptions of the cost model the report lists with their sources
_COST_ASSUMPTIONS = (
    ("Finishing cost per area [USD.m-2]", "cell_finishing_cost_USD_m2", "cell_finishing_cost"),
    ("Cell finishing yield", "cell_finishing_yield", "cell_finishing_yield"),
    ("Pack integration cost [USD.kW.h-1]", "pack_integration_cost_USD_kWh",
     "pack_integration_cost"),
    ("Interest rate", "interest_rate", "interest_rate"),
    ("Equipment life [year]", "equipment_life_years", "equipment_life"),
    ("Operating hours per year [h]", "operating_hours", "operating_hours"),
    ("Maximum time per area [s.m-2]", "max_time_per_m2_s", "max_time_per_m2"),
)


def _cost_assumptions(cost_options: Any) -> str:
    """The cost model's assumptions as it used them (``CostOptions.resolved``), each with its
    source: the process database's ``cost_defaults`` entry (bib key, note) or "user" where
    ``cost_options`` gave it (the finishing cost and the pack adder were shown without one
    when the design had no cost)."""
    from solidcell.manufacturing import load_processes
    from solidcell.manufacturing.economics import CostOptions

    db = load_processes()
    given = cost_options or CostOptions()
    used = given.resolved(db)
    rows = []
    for label, attr, key in _COST_ASSUMPTIONS:
        default = db.cost_defaults[key]
        user = getattr(given, attr) is not None
        rows.append((label, float(getattr(used, attr)), "user" if user else default.source,
                     "given by the user" if user else (default.note or default.method)))
    return ("<h3>Cost assumptions</h3>"
            + table(["quantity", "value", "source", "note"], rows)
            + "<p class='meta'>Defaults of the cost model (cost_defaults of the process "
              "database, docs/manufacturing.md), or the values given by the user (\"user\"; the "
              "pack adder also on the command line, solidcell cost --pack-adder).</p>")


def _engine_png(result: Any, alt: str) -> str:
    """Embed the PNG that a result's own ``plot(path)`` writes."""
    import tempfile

    import matplotlib.pyplot as plt

    with tempfile.TemporaryDirectory(prefix="solidcell-report-") as tmp:
        path = Path(tmp) / "plot.png"
        written = Path(result.plot(path) or path)
        data = base64.b64encode(written.read_bytes()).decode("ascii")
    plt.close("all")
    return f'<img class="plot" alt="{_esc(alt)}" src="data:image/png;base64,{data}">'


def _capacity_bases(design: Any, result: Any, practical: float | None = None,
                    first_cycle_loss: float = 0.0) -> str:
    """The two capacities a reader sees side by side, each with its basis: the simulation's
    utilisable capacity (the OCP data window, docs/simulation.md) and the design's areal
    capacity (practical specific capacity of the knowledge base, first section)."""
    area = getattr(result, "area_m2", None)
    utilisable = getattr(result, "utilisable_capacity_A_h", None)
    if not area or utilisable is None:
        return ""
    sim = units.to_canonical(utilisable / area, "A.h.m-2", "areal capacity")  # mAh/cm2
    if practical is None:
        practical = design.resolved().areal_capacity_mAh_cm2
    return ("<p class='meta'>Capacity bases: the simulation's utilisable capacity is "
            f"{_esc(_fmt(sim))} mAh/cm2 (F c_max (s_hi - s_lo) phi L over the OCP data window "
            "of the model's parameters, docs/simulation.md); the design's areal capacity in "
            f"the first section is {_esc(_fmt(practical))} mAh/cm2 (active loading x the "
            f"knowledge base's practical specific capacity{_esc(_after_loss(first_cycle_loss))})."
            " Delivered capacities here are on the simulation's basis.</p>")


def section_simulation(design: Any, experiment: str | None,
                       areal_capacity_mAh_cm2: float | None = None, *,
                       resolved: Any = None, first_cycle_loss: float = 0.0) -> Section:
    """Voltage curve, overpotentials and rate capability; ``experiment`` None: the cell's
    ``default_experiment`` at :data:`DEFAULT_C_RATE` (the text shown is the one run);
    ``areal_capacity_mAh_cm2`` is the
    design's as the first section shows it (default: ``CellDesign.resolved()``'s).
    ``resolved``: ``design.resolved()`` already made by the report, or None. The model's
    parameters are made once, for the voltage curve and the rate capability."""
    cell_parameters = find_engine("solidcell.simulation.runs", "cell_parameters")
    simulate = find_engine("solidcell.simulation.runs", "simulate")
    params = cell_parameters(design, resolved=resolved)
    if experiment is None:  # 3 V vs Li/Li+ at C/10, whatever the counter electrode
        experiment = find_engine("solidcell.simulation.runs",
                                 "default_experiment")(params, DEFAULT_C_RATE)
    result = simulate(params, experiment)
    data = result.to_json(curves=False)
    scalars = {k: v for k, v in flatten_json(data).items()
               if isinstance(v, int | float | str) and k != "sources"}
    scalars = {k: _as_given(k, v) for k, v in scalars.items()}
    # the steps that ran, as typed and as PyBaMM ran them (a list: only in the plot's alt
    # text and its title, cut at 80 characters, before 2026-12-07)
    ran = {k: "; ".join(data[k]) for k in ("Experiment", "Experiment as run")}
    if ran["Experiment as run"] == ran["Experiment"]:
        del ran["Experiment as run"]
    rows = list(scalars.items())
    rows[1:1] = ran.items()  # after the name
    body = table(["quantity", "value"], rows)
    body += _capacity_bases(design, result, areal_capacity_mAh_cm2, first_cycle_loss)
    body += _engine_png(result, f"voltage curve: {experiment}")
    sources = list(result.sources)
    notes = list(getattr(result, "notes", ()))
    try:
        rate_capability = find_engine("solidcell.simulation.runs", "rate_capability")
        rates = rate_capability(params)
        body += "<h3>Rate capability and Ragone plot</h3>"
        body += table(["C-rate [h-1]", "delivered capacity [A.h]", "energy [W.h]",
                       "mean power [W]", "end"],
                      [(float(c), float(q), float(e), float(p), t) for c, q, e, p, t in zip(
                          rates.c_rates, rates.capacity_A_h, rates.energy_W_h, rates.power_W,
                          rates.terminations, strict=False)])
        body += _engine_png(rates, "rate capability and Ragone plot")
        sources += rates.sources
        notes += getattr(rates, "notes", ())
    except Exception as exc:
        notes.append(f"Ragone plot not available: {describe_error(exc)}")
    body += (f"<p class='meta'>Model: {_esc(result.model)} (solidcell.simulation).</p>")
    # the model's notes (assumed values, why a step ended) are shown, never dropped
    note = "; ".join(dict.fromkeys(str(n) for n in notes))
    return Section("simulation", "Voltage curve and Ragone plot", body, note=note,
                   sources=tuple(dict.fromkeys(sources)))


def section_bibliography(keys: Sequence[str]) -> Section:
    from solidcell.citations import reference

    items, missing = [], []
    for key in dict.fromkeys(keys):
        try:
            ref = reference(key)
        except Exception:
            missing.append(key)
            continue
        items.append(f'<li id="ref-{_esc(key)}"><code>{_esc(key)}</code> '
                     f"{_esc(ref.short())}</li>")
    body = f"<ol class='bib'>{''.join(items)}</ol>"
    note = (f"keys not in the bibliography: {', '.join(missing)}" if missing else "")
    return Section("bibliography", "Bibliography", body, note=note)


# --- the report --------------------------------------------------------------------------


#: The most bytes (UTF-8) of a design name in the report's file name: with "-report.html"
#: and the temporary ".NAME.PID.tmp" it is written as first, within the 255 bytes a file
#: system allows a name (a design named with 300 characters failed after every engine ran).
MAX_NAME_BYTES = 200


def _safe_name(name: str) -> str:
    """A file name of a design name: letters of any script, digits, '_', '.', '-' (every
    name in Chinese or Greek was 'design', and two such reports replaced each other), cut to
    :data:`MAX_NAME_BYTES` bytes at a character boundary."""
    safe = re.sub(r"[^\w.-]+", "-", name).strip("-.")
    safe = safe.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").strip("-.")
    return safe or "design"


def build_sections(design: Any, experiment: str | None = None,
                   cost_options: Any = None, evaluation: Any = None, *,
                   default_evaluation: Any = None, resolved: Any = None) -> list[Section]:
    """Every section of the report; unavailable ones as notes (see module docstring).
    ``cost_options``: the cost model's :class:`~solidcell.manufacturing.economics.CostOptions`
    (prices the knowledge base lacks), None for its defaults. ``evaluation``: the design's
    ``evaluate`` result to show (:func:`~solidcell.report.summary.summarize`), None to
    evaluate it with the defaults. ``default_evaluation`` (where ``evaluation`` is given):
    ``evaluate(design)`` with the defaults, ``resolved``: ``design.resolved()``, each already
    made (by ``write_report``'s check of ``evaluation``), or None.

    Each piece of work is done once and passed on: ``design.resolved()`` (summary, energy,
    stability, layer stack, the simulation's parameters, the mechanics check), the evaluation
    with the defaults (shown when no ``evaluation`` is given, the layer stack's masses), the
    electrolytes looked up (Arrhenius, stability), the route plan (shown, the cost model's
    first plan) and the simulation's parameters (voltage curve, rate capability)."""
    if resolved is None:
        resolved = design.resolved()
    else:  # another design's would put its layers in this report
        find_engine("solidcell.cell.energy", "resolved_of")(design, resolved)
    own = check_evaluation(design, evaluation, resolved=resolved)
    result, note = evaluation_of(design, evaluation, resolved=resolved)
    summary = summary_of(design, resolved, energy_entries(result, note))
    # the layer stack takes the evaluation with the defaults only (a charged one's casing
    # and volumes differ); None: the stack evaluates the design itself
    if evaluation is None:
        default_evaluation = result
    elif default_evaluation is None:
        default_evaluation = own
    # the electrolytes, once, by the first section asking (a lookup that failed is not kept:
    # it fails again in the next section)
    looked_up = cache(partial(electrolytes_of, design))

    steps: list[tuple[str, str, Callable[[], Section]]] = [
        ("breakdown", "Mass and volume breakdown", lambda: section_breakdown(summary)),
        ("energy", "Energy density against published cells", lambda: section_energy(summary)),
        ("simulation", "Voltage curve and Ragone plot",
         lambda: section_simulation(design, experiment, summary.areal_capacity_mAh_cm2,
                                    resolved=resolved,
                                    first_cycle_loss=summary.first_cycle_loss)),
        ("arrhenius", "Electrolyte conductivity (Arrhenius)",
         lambda: section_arrhenius(design, looked_up())),
        ("stability", "Stability windows against electrode potentials",
         lambda: section_stability(design, resolved, looked_up())),
        ("interfaces", "Interfaces and mechanics",
         lambda: section_interfaces(design, resolved)),
        ("manufacturing", "Process route and cost",
         lambda: section_manufacturing(design, cost_options, evaluation=default_evaluation,
                                       resolved=resolved)),
    ]
    sections = [section_design(design, summary)]
    for sid, title, make in steps:
        try:
            sections.append(make())
        except _Unavailable as exc:
            sections.append(Section(sid, title, note=f"not available: {exc}"))
        except Exception as exc:  # a failing engine is reported, never replaced
            sections.append(Section(sid, title, note=f"not available: {describe_error(exc)}"))
    keys = [k for s in sections for k in s.sources]
    sections.append(section_bibliography(keys))
    return sections


def render_report(design: Any, experiment: str | None = None,
                  cost_options: Any = None, evaluation: Any = None, *,
                  default_evaluation: Any = None, resolved: Any = None) -> str:
    """The report of ``design`` as one HTML string (``evaluation``, ``default_evaluation``,
    ``resolved``: :func:`build_sections`)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    import solidcell

    env = Environment(loader=PackageLoader("solidcell.report", "data"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    sections = build_sections(design, experiment, cost_options, evaluation,
                              default_evaluation=default_evaluation, resolved=resolved)
    markup = _markup()
    shown = [Section(s.id, s.title, markup(s.body), s.note, s.sources) for s in sections]
    return env.get_template("report.html").render(
        design_name=design.name, version=solidcell.__version__,
        written=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), sections=shown)


def _check_arguments(design: Any, out_dir: Any, filename: Any, cost_options: Any) -> None:
    """Refuse, before any engine runs, arguments of the wrong kind: a design that is not a
    CellDesign and an output folder or file name that is not a path failed with Python's
    AttributeError or TypeError; cost options of the wrong type gave a report whose cost
    section read "not available" after every engine had run."""
    from solidcell.cell.design import CellDesign
    from solidcell.errors import ValidationError

    if not isinstance(design, CellDesign):
        raise ValidationError("design", type(design).__name__,
                              "must be a CellDesign (solidcell.CellDesign.from_yaml(path))")
    if not isinstance(out_dir, str | os.PathLike) or not str(out_dir).strip():
        raise ValidationError("out", out_dir, "must be a folder path (a non-empty str or a "
                              "pathlib.Path)")
    if filename is not None and not isinstance(filename, str):
        raise ValidationError("filename", filename,
                              "must be None or a plain file name ending in .html")
    if cost_options is not None:
        try:
            from solidcell.manufacturing.economics import CostOptions
        except ImportError:  # no cost engine: its section says so
            return
        if not isinstance(cost_options, CostOptions):
            raise ValidationError("cost_options", type(cost_options).__name__,
                                  "must be None or a CostOptions (solidcell.manufacturing."
                                  "economics.CostOptions(prices={ID: USD_PER_KG}))")


def write_report(design: Any, out_dir: str | Path, filename: str | None = None,
                 experiment: str | None = None, cost_options: Any = None,
                 evaluation: Any = None) -> Path:
    """Write the self-contained HTML report of ``design`` into ``out_dir``; return its path.

    ``filename`` defaults to ``<design name>-report.html``. The design is not modified.
    ``evaluation``: an ``evaluate(design, charged=..., max_polarisation_V=...)`` result whose
    numbers the report shows (those ``solidcell evaluate --report`` printed), None to evaluate
    the design with the defaults. ``experiment``: the voltage curve's steps as typed, None
    for the cell's default (:data:`DEFAULT_C_RATE` to 3 V vs Li/Li+: "Discharge at C/10 until
    2.38 V" against Li-In), as ``section_simulation`` runs it.
    """
    from solidcell.errors import ValidationError

    _check_arguments(design, out_dir, filename, cost_options)
    if filename is not None and (Path(filename).name != filename
                                 or not filename.endswith(".html")):
        raise ValidationError("filename", filename, "must be a plain file name ending in .html")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():  # checked before minutes of simulation
        raise ValidationError("out", str(out_dir), "must be a folder, not an existing file")
    path = out / (filename or f"{_safe_name(design.name)}-report.html")
    if path.is_dir():  # refused only after every engine ran, as "[Errno 21] Is a directory"
        raise ValidationError("out", str(out_dir), f"must be a folder the report can be "
                              f"written to; its report file {path.name!r} there is a folder "
                              "(move it or choose another folder)")
    from solidcell.simulation.pybamm_adapter import check_experiment

    if experiment is not None:
        check_experiment(experiment)  # a typo fails here, not as a missing section minutes later
    # before the folder is made and the engines run; the design resolved and the evaluation
    # with the defaults that the check made are passed on, not made again
    resolved = design.resolved()
    own = check_evaluation(design, evaluation, resolved=resolved)

    def refuse(exc: OSError) -> ValidationError:
        return ValidationError("out", str(out_dir),
                               f"must be a folder the report can be written to ({exc})")

    try:  # the folder is made before the report is rendered: a place that cannot hold it
        out.mkdir(parents=True, exist_ok=True)  # fails now, not after every engine ran
    except OSError as exc:
        raise refuse(exc) from None
    with evaluation_checked(design, evaluation):  # build_sections does not check it again
        html = render_report(design, experiment, cost_options, evaluation,
                             default_evaluation=own, resolved=resolved)
    # a report of the same name is replaced whole: written beside it, then renamed (a write
    # that failed part-way left a cut-off report in its place)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(html, "utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise refuse(exc) from None
    return path


__all__ = [
    "DEFAULT_C_RATE",
    "MEASURED_WINDOW_METHODS",
    "MeasuredWindow",
    "Section",
    "build_sections",
    "electrode_potentials",
    "electrolytes_of",
    "measured_windows",
    "render_report",
    "stability_svg",
    "stack_svg",
    "table",
    "write_report",
]
