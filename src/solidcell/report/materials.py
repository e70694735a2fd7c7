"""The materials overview: the knowledge base as a table and an Arrhenius plot of the
electrolytes (what ``make demo`` writes before a design is evaluated)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from solidcell.materials.schema import PROPERTIES, Material

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


@dataclass(frozen=True)
class OverviewResult:
    """Files written by :func:`materials_overview`."""

    table_csv: Path
    table_markdown: Path
    arrhenius_png: Path
    n_materials: int
    n_electrolytes_plotted: int
    sources: tuple[str, ...]


def _shown(material: Material, name: str) -> str:
    from solidcell import units

    prop = material.get(name)
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


def arrhenius_figure(materials: list[Material], t_min: float = 253.15, t_max: float = 373.15):
    """Figure of log10(sigma / S cm-1) against 1000/T for every electrolyte with enough data:
    a curve where the model can extrapolate, else the room-temperature range as a bar."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from solidcell.chemistry.conductivity import conductivity_at
    from solidcell.errors import ValidationError

    fig, ax = plt.subplots(figsize=(8, 6))
    temps = np.linspace(t_min, t_max, 60)
    plotted = 0
    for m in materials:
        if m.category != "electrolyte" or not m.values("ionic_conductivity"):
            continue
        style = "--" if m.electrolyte_class in ("solid_polymer", "gel_polymer") else "-"
        try:
            res = conductivity_at(m, temps)
            ax.plot(1000 / temps, np.log10(res.ionic_conductivity_S_m / 100), style,
                    label=m.id, lw=1.3)
        except ValidationError:
            lo, hi = m.values("ionic_conductivity")[0].si_range
            if lo is None or hi is None:
                continue
            ax.plot([1000 / 298.15] * 2, np.log10([lo / 100, hi / 100]), lw=4, alpha=0.6,
                    label=f"{m.id} (RT range)")
        plotted += 1
    ax.set_xlabel("1000 / T [1/K]")
    ax.set_ylabel("log10 ionic conductivity [S/cm]")
    ax.set_title("Solid electrolytes: conductivity against temperature")
    top = ax.secondary_xaxis("top", functions=(lambda x: 1000 / np.maximum(x, 1e-9) - 273.15,
                                                lambda c: 1000 / (c + 273.15)))
    top.set_xlabel("T [degC]")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=6, ncol=3, loc="lower left")
    fig.tight_layout()
    return fig, plotted


def materials_overview(out_dir: str | Path, materials: list[Material] | None = None
                       ) -> OverviewResult:
    """Write ``materials.csv``, ``materials.md`` and ``arrhenius.png`` into ``out_dir``."""
    from solidcell.materials.store import default_store

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    mats = list(materials) if materials is not None else default_store().list()
    header, rows = overview_rows(mats)
    csv_path = out / "materials.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    md_path = out / "materials.md"
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    md_path.write_text("# Materials knowledge base\n\n" + "\n".join(lines) + "\n", "utf-8")
    fig, plotted = arrhenius_figure(mats)
    png = out / "arrhenius.png"
    fig.savefig(png, dpi=130)
    import matplotlib.pyplot as plt

    plt.close(fig)
    sources = tuple(dict.fromkeys(k for m in mats for k in m.sources))
    return OverviewResult(csv_path, md_path, png, len(mats), plotted, sources)
