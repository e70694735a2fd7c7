"""Published energy figures of real and announced solid-state cells (``data/real_cells.csv``).

Each row keeps the figure as its source gives it. A figure is a number only when the source
gives a plain number (``"301"``); qualified figures (``"up to 450 (target)"``,
``"145 (pack) / 245 (cell)"``) stay text and are never plotted. Every row carries its source
and URL; the compilation itself is ``solidcell_real_cells`` in the bibliography.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

#: bibliography key of the compilation (report.bib)
SOURCE_KEY = "solidcell_real_cells"
#: words of a cell ``type`` that make it partly solid: a liquid or gel remains inside
PARTLY_SOLID_WORDS = ("semi-solid", "quasi-solid", "hybrid", "not necessarily all-solid")
_PLAIN_NUMBER = re.compile(r"^[ \t\r\n]*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[ \t\r\n]*$", re.ASCII)


def _plain(text: str) -> float | None:
    """The number when ``text`` is a plain number, else None (qualified figures stay text)."""
    return float(text) if _PLAIN_NUMBER.match(text or "") else None


@dataclass(frozen=True)
class RealCell:
    """One published cell with its figures as the source gives them."""

    cell: str
    developer: str
    type: str
    electrolyte_class: str
    status: str
    gravimetric_text: str
    volumetric_text: str
    source: str
    url: str
    verification: str
    notes: str
    sources: tuple[str, ...] = (SOURCE_KEY,)

    @property
    def gravimetric_energy_density_Wh_kg(self) -> float | None:
        """Plain-number Wh/kg figure of the source, else None."""
        return _plain(self.gravimetric_text)

    @property
    def volumetric_energy_density_Wh_L(self) -> float | None:
        """Plain-number Wh/L figure of the source, else None."""
        return _plain(self.volumetric_text)

    @property
    def electrolyte_kind(self) -> str:
        """How the row's ``type`` (and ``electrolyte_class``) class the cell: ``"solid-state"``,
        ``"partly solid"`` (semi-solid, quasi-solid, hybrid solid-liquid, "not necessarily
        all-solid": a liquid or gel inside) or ``"liquid"``; a thin-film cell whose type says
        only "thin-film Li" is solid by its class, "solid (thin film)"."""
        kind = self.type.lower()
        solid = "solid" in kind or "ssb" in kind or "solid" in self.electrolyte_class.lower()
        if "not ssb" in kind or not solid:
            return "liquid"
        if any(word in kind for word in PARTLY_SOLID_WORDS):
            return "partly solid"
        return "solid-state"

    @property
    def is_solid_state(self) -> bool:
        """Whether the source calls the cell solid-state without qualification (a semi-solid
        or hybrid solid-liquid cell was drawn as solid-state)."""
        return self.electrolyte_kind == "solid-state"

    def to_json(self) -> dict[str, Any]:
        return {
            "Cell": self.cell, "Developer": self.developer, "Type": self.type,
            "Status": self.status,
            "Gravimetric energy density [W.h.kg-1]": self.gravimetric_energy_density_Wh_kg,
            "Volumetric energy density [W.h.L-1]": self.volumetric_energy_density_Wh_L,
            "Gravimetric energy density as published": self.gravimetric_text,
            "Volumetric energy density as published": self.volumetric_text,
            "Source": self.source, "URL": self.url, "Verification": self.verification,
            "sources": list(self.sources),
        }


@lru_cache(maxsize=1)
def real_cells() -> tuple[RealCell, ...]:
    """All rows of the shipped ``real_cells.csv``."""
    text = resources.files("solidcell.report").joinpath("data", "real_cells.csv").read_text(
        "utf-8")
    rows = csv.DictReader(text.splitlines())
    return tuple(
        RealCell(cell=r["cell"], developer=r["developer"], type=r["type"],
                 electrolyte_class=r["electrolyte_class"], status=r["status"],
                 gravimetric_text=r["Wh_kg"].strip(), volumetric_text=r["Wh_L"].strip(),
                 source=r["source"], url=r["url"], verification=r["verification"],
                 notes=r["conditions_notes"])
        for r in rows)


__all__ = ["SOURCE_KEY", "RealCell", "real_cells"]
