"""Energy tables from pymatgen entries, and from the Materials Project API (optional).

``table_from_entries`` turns any pymatgen entries (``PDEntry``, ``ComputedEntry`` with total
energies) into an :class:`~solidcell.interfaces.energies.EnergyTable` of formation energies
(relative to the lowest-energy entry of each element, keeping the lowest polymorph per
formula), so windows and reactions run on the same code path as with the shipped data.

``table_from_materials_project`` fetches the entries of a chemical system with the
``mp-api`` client (``pip install "solidcell[mp]"``; needs an API key, argument or the
``MP_API_KEY`` environment variable, and network at call time only). By default the client
returns the Materials Project's mixed GGA/GGA+U/r2SCAN entries on one energy scale (the hull
shown on materialsproject.org, MaterialsProject2020Compatibility), not the legacy energies of
the shipped table, so its scheme is named ``"mp-api"`` and every result says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from solidcell.errors import UnsupportedError, ValidationError
from solidcell.interfaces.energies import EnergyTable


def table_from_entries(entries: Iterable[Any], scheme: str = "user-entries",
                       snapshot: str = "user-supplied pymatgen entries",
                       sources: Sequence[str] = ("ong2013_pymatgen",)) -> EnergyTable:
    """Formation-energy table from pymatgen entries (total energies, any reference)."""
    entries = list(entries)
    if not entries:
        raise ValidationError("entries", entries, "give at least one entry per element")
    elements = sorted({str(el) for e in entries for el in e.composition.elements})
    ref: dict[str, float] = {}
    for e in entries:
        if len(e.composition.elements) == 1:
            el = str(e.composition.elements[0])
            ref[el] = min(ref.get(el, np.inf), e.energy / e.composition.num_atoms)
    missing = [el for el in elements if el not in ref]
    if missing:
        raise ValidationError("entries", f"{len(entries)} entries",
                              f"need an elemental entry for {', '.join(missing)}")
    best: dict[str, tuple[float, dict[str, float]]] = {}
    for e in entries:
        comp = e.composition.reduced_composition
        factor = e.composition.num_atoms / comp.num_atoms
        e_form = e.energy / factor - sum(ref[str(el)] * n for el, n in comp.items())
        per_atom = e_form / comp.num_atoms
        key = comp.reduced_formula
        if key not in best or per_atom < best[key][0] / sum(best[key][1].values()):
            best[key] = (e_form, {str(el): float(n) for el, n in comp.items()})
    formulas = tuple(sorted(best))
    counts = np.array([[best[f][1].get(el, 0.0) for el in elements] for f in formulas])
    energies = np.array([best[f][0] if len(best[f][1]) > 1 else 0.0 for f in formulas])
    return EnergyTable(tuple(elements), formulas, counts, energies, scheme, snapshot,
                       tuple(sources))


def table_from_materials_project(elements: Sequence[str], api_key: str | None = None
                                 ) -> EnergyTable:
    """Entries of the chemical system ``elements`` from the Materials Project API."""
    try:
        from mp_api.client import MPRester
    except ImportError:
        raise UnsupportedError(
            "the Materials Project client is not installed: pip install 'solidcell[mp]' "
            "(mp-api; optional, solidcell ships its own energy table)") from None
    if not elements or not all(isinstance(e, str) and e for e in elements):
        raise ValidationError("elements", elements, "element symbols, e.g. ['Li', 'P', 'S']")
    with MPRester(api_key) as mpr:
        entries = mpr.get_entries_in_chemsys(list(elements))
    return table_from_entries(entries, scheme="mp-api",
                              snapshot="Materials Project API (current database, mixed "
                                       "GGA/GGA+U/r2SCAN, MP2020 compatibility)",
                              sources=("jain2013_materials_project", "ong2013_pymatgen"))
