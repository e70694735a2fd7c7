"""The materials overview: the knowledge base as a table and an Arrhenius plot of the
electrolytes (what ``make demo`` writes before a design is evaluated)."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from solidcell.materials.schema import (
    PROPERTIES,
    Material,
    PropertyValue,
    room_temperature_conductivity,
)

#: Columns of the overview table: property name -> (header, unit shown).
OVERVIEW_COLUMNS = {
    "ionic_conductivity": ("sigma RT", "S/cm"),
    "activation_energy": ("Ea", "eV"),
    "reduction_limit": ("window low", "V"),
    "oxidation_limit": ("window high", "V"),
    "theoretical_capacity": ("capacity", "mAh/g"),
    "average_voltage": ("voltage", "V"),
    "density": ("density", "g/cm3"),
    "shear_modulus": ("shear modulus", "GPa"),
    "price": ("price", "USD/kg"),
}


#: What a cell of the overview holds, written above the Markdown table.
MARKDOWN_NOTE = ("Each cell holds the property's preferred value (the first stored; sigma RT: "
                 "the first within 5 K of 298.15 K), a range where only a range is stored; the "
                 "sources column lists every source of the material. Each value with its own "
                 "method and source: `solidcell materials show ID`.")


@dataclass(frozen=True)
class OverviewResult:
    """Files written by :func:`materials_overview`."""

    table_csv: Path
    table_markdown: Path
    arrhenius_png: Path
    n_materials: int
    n_electrolytes_plotted: int
    sources: tuple[str, ...]


def room_temperature_value(material: Material) -> PropertyValue | None:
    """The ionic conductivity value that is the material's "sigma RT": the one of
    :func:`~solidcell.materials.schema.room_temperature_conductivity` (the first within 5 K of
    298.15 K, as ``materials list`` and ``materials query`` pick it); None when no value is at
    room temperature. The overview showed nzsp's 0.2 S/cm at 573.15 K as its "sigma RT", and
    its room-temperature panel drew lgps at the value nearest 298.15 K (0.0316 S/cm), not
    the 0.012 S/cm that ``materials list`` shows."""
    sigma, _ = room_temperature_conductivity(material)
    if sigma is None:
        return None
    return next(p for p in material.values("ionic_conductivity") if p.si == sigma)


def _shown(material: Material, name: str) -> str:
    from solidcell import units

    prop = room_temperature_value(material) if name == "ionic_conductivity" \
        else material.get(name)
    if prop is None or prop.si is None:
        return ""
    _, unit = OVERVIEW_COLUMNS[name]
    kind = PROPERTIES[name].kind
    lo, hi = prop.si_range
    conv = (lambda x: units.convert(x, kind, unit)) if kind != "fraction" else (lambda x: x)
    if prop.value is None and lo is not None and hi is not None:
        return f"{conv(lo):.3g}-{conv(hi):.3g}"
    return f"{conv(prop.si):.3g}"


def overview_rows(materials: list[Material]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the overview table (values in lab units, first source per row)."""
    header = ["id", "name", "category", "class"] + [
        f"{h} [{u}]" for h, u in OVERVIEW_COLUMNS.values()] + ["sources"]
    rows = []
    for m in materials:
        rows.append([m.id, m.name, m.category, m.electrolyte_class or ""]
                    + [_shown(m, n) for n in OVERVIEW_COLUMNS] + ["; ".join(m.sources)])
    return header, rows


_CLASS_COLOURS = {"oxide": "tab:blue", "sulfide": "tab:orange", "halide": "tab:green",
                  "solid_polymer": "tab:red", "gel_polymer": "tab:purple",
                  "composite": "tab:brown"}


def arrhenius_figure(materials: list[Material], t_min: float = 253.15, t_max: float = 373.15,
                     title: str = "Solid electrolytes of the knowledge base"):
    """Two panels: log10(sigma / S cm-1) against 1000/T for every electrolyte whose data let
    the model extrapolate (activation energy or several temperatures), and the room-temperature
    values or ranges of all electrolytes, sorted, coloured by class (the legend names the
    classes drawn). ``title``: what the electrolytes are (the report: the design's). Returns
    (figure, number of electrolytes in either panel, each counted once)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from solidcell.chemistry.conductivity import conductivity_at
    from solidcell.errors import ValidationError

    electrolytes = [m for m in materials
                    if m.category == "electrolyte" and m.values("ionic_conductivity")]
    fig, (ax, ax_rt) = plt.subplots(1, 2, figsize=(13, 6.5),
                                    gridspec_kw={"width_ratios": [1.2, 1]})
    temps = np.linspace(t_min, t_max, 60)
    plotted: set[str] = set()
    drawn_classes: set[str] = set()
    for m in electrolytes:
        try:
            res = conductivity_at(m, temps)
        except ValidationError:
            continue
        if res.activation_energy_eV is None and res.model == "measured value":
            continue
        ax.plot(1000 / temps, np.log10(res.ionic_conductivity_S_m / 100),
                color=_CLASS_COLOURS.get(m.electrolyte_class or "", "grey"), lw=1.5)
        ax.annotate(m.id, (1000 / temps[0], np.log10(res.ionic_conductivity_S_m[0] / 100)),
                    fontsize=8, textcoords="offset points", xytext=(-2, 3), ha="right")
        plotted.add(m.id)
        drawn_classes.add(m.electrolyte_class or "")
    ax.set_xlabel("1000 / T [1/K]")
    ax.set_ylabel("log10 ionic conductivity [S/cm]")
    ax.set_title("Against temperature (materials with an activation energy or several "
                 "temperatures)", fontsize=9)
    top = ax.secondary_xaxis("top", functions=(lambda x: 1000 / np.maximum(x, 1e-9) - 273.15,
                                                lambda c: 1000 / (c + 273.15)))
    top.set_xlabel("T [degC]")
    ax.grid(alpha=0.3)

    rows = []
    for m in electrolytes:
        prop = room_temperature_value(m)  # (a bound, "> 1 mS/cm", has no PropertyValue.si)
        if prop is None:
            continue
        lo, hi = prop.si_range
        lo = prop.si if lo is None else lo
        hi = prop.si if hi is None else hi
        rows.append((prop.si, lo, hi, m))
        plotted.add(m.id)
        drawn_classes.add(m.electrolyte_class or "")
    rows.sort(key=lambda r: r[0])
    for y, (mid, lo, hi, m) in enumerate(rows):
        colour = _CLASS_COLOURS.get(m.electrolyte_class or "", "grey")
        ax_rt.plot([np.log10(lo / 100), np.log10(hi / 100)], [y, y], color=colour, lw=5,
                   alpha=0.5, solid_capstyle="butt")
        ax_rt.plot(np.log10(mid / 100), y, "o", color=colour, ms=4)
    ax_rt.set_yticks(range(len(rows)), [r[3].id for r in rows], fontsize=8)
    ax_rt.set_xlabel("log10 ionic conductivity at 25 degC [S/cm]")
    ax_rt.set_title("At room temperature: preferred value or range (dot: representative)",
                    fontsize=9)
    ax_rt.grid(alpha=0.3, axis="x")
    # only the classes drawn (a design's one sulfide listed all six classes)
    handles = [plt.Line2D([], [], color=c, lw=4, label=k.replace("_", " "))
               for k, c in _CLASS_COLOURS.items() if k in drawn_classes]
    if drawn_classes - set(_CLASS_COLOURS):
        handles.append(plt.Line2D([], [], color="grey", lw=4, label="other"))
    if handles:
        ax_rt.legend(handles=handles, fontsize=8, loc="best")
    fig.suptitle(f"{title} (every value with its source: solidcell materials show ID)",
                 fontsize=10)
    fig.tight_layout()
    # (was curves + rows: an electrolyte in both panels counted twice, "41 electrolytes
    # plotted" of 26)
    return fig, len(plotted)


def materials_overview(out_dir: str | Path, materials: list[Material] | None = None
                       ) -> OverviewResult:
    """Write ``materials.csv``, ``materials.md`` and ``arrhenius.png`` into ``out_dir``."""
    from solidcell.errors import ValidationError
    from solidcell.materials.store import default_store

    if not isinstance(out_dir, str | os.PathLike) or not str(out_dir).strip():
        raise ValidationError("out", out_dir, "must be a folder path (a non-empty str or a "
                              "pathlib.Path)")
    out = Path(out_dir)
    try:  # a file of that name failed with FileExistsError
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError("out", str(out_dir), "must be a folder the overview can be "
                              f"written to ({exc})") from None
    mats = list(materials) if materials is not None else default_store().list()
    header, rows = overview_rows(mats)
    csv_path = out / "materials.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    md_path = out / "materials.md"
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    # a '|' in a user's material name or source split its row into extra columns
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    # which of a row's sources gave which number: the table alone did not say (LGPS's window
    # 0-5 V is the review's, not zhu2015_stability's computed 1.71-2.14 V)
    md_path.write_text("# Materials knowledge base\n\n" + MARKDOWN_NOTE + "\n\n"
                       + "\n".join(lines) + "\n", "utf-8")
    fig, plotted = arrhenius_figure(mats)
    from solidcell.plotting import save_figure

    png = save_figure(fig, out / "arrhenius.png", dpi=130)
    sources = tuple(dict.fromkeys(k for m in mats for k in m.sources))
    return OverviewResult(csv_path, md_path, png, len(mats), plotted, sources)
