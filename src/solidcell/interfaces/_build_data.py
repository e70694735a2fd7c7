"""Build the shipped energy table from the Matbench ``mp_e_form.csv`` (developer tool).

Not used at run time. Run it from the repository root with the path of the full CSV::

    python -m solidcell.interfaces._build_data /path/to/mp_e_form.csv

It keeps every compound whose elements are a subset of the chemical system of one pair of
materials that :mod:`solidcell.interfaces.phases` knows (electrolyte x electrode,
electrolyte x coating, coating x electrode, each electrolyte alone), keeps the lowest formation
energy per reduced formula (lowest-energy polymorph), and writes
``solidcell/interfaces/data/mp_e_form_subset.csv`` (formula, element counts, energy).
"""

from __future__ import annotations

import csv
import hashlib
import sys
from itertools import product
from pathlib import Path

OUT = Path(__file__).parent / "data" / "mp_e_form_subset.csv"


def chemical_systems() -> list[frozenset[str]]:
    from solidcell.chemistry.composition import parse_composition
    from solidcell.interfaces.phases import PHASES

    def els(formula: str) -> frozenset[str]:
        return frozenset(str(e) for e in parse_composition(formula).elements)

    by_role: dict[str, list[frozenset[str]]] = {}
    for phase in PHASES.values():
        if phase.formula:
            by_role.setdefault(phase.role, []).append(els(phase.formula))
            if phase.standin:
                by_role[phase.role].append(els(phase.standin))
    electrolytes = by_role["electrolyte"]
    partners = by_role["electrode"] + by_role["coating"]
    systems = {a | b for a, b in product(electrolytes, partners)}
    systems |= {a | b for a, b in product(by_role["coating"], by_role["electrode"])}
    systems |= set(electrolytes) | set(partners)
    # the open element of sodium conductors is Na: their systems are already included
    return sorted(systems, key=lambda s: (len(s), sorted(s)))


def build(source: Path) -> None:
    from pymatgen.core import Composition

    systems = chemical_systems()
    allowed = set().union(*systems)
    best: dict[str, tuple[float, dict[str, float]]] = {}
    with source.open(newline="") as fh:
        for row in csv.DictReader(fh):
            comp = Composition(row["formula"])
            elements = frozenset(str(e) for e in comp.elements)
            if not elements <= allowed or not any(elements <= s for s in systems):
                continue
            reduced = comp.reduced_formula
            energy = float(row["target"])
            if reduced not in best or energy < best[reduced][0]:
                counts = {str(e): float(n) for e, n in comp.reduced_composition.items()}
                best[reduced] = (energy, counts)
    formulas = sorted(best)
    with OUT.open("w", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["formula", "composition", "formation_energy_eV_per_atom"])
        for formula in formulas:
            energy, counts = best[formula]
            comp_text = " ".join(f"{el}:{n:g}" for el, n in sorted(counts.items()))
            out.writerow([formula, comp_text, f"{energy:.6f}"])
    write_hull_flags()
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    print(f"{len(best)} formulas from {source} (sha256 {digest}) -> {OUT}")


def write_hull_flags() -> None:
    """Energy above the hull of every row in each scheme (``mp_e_form_hull.csv``).

    A compound above the hull of the shipped table can never be part of an equilibrium, closed
    or open (open-system equilibria are faces of the closed hull), and adding compounds can only
    lower the hull; so the LPs may skip those rows without changing any result.
    """
    import numpy as np

    from solidcell.interfaces import energies
    from solidcell.interfaces.hull import closed_equilibrium

    energies._raw_table.cache_clear()
    energies.shipped_table.cache_clear()
    columns = {}
    for scheme in energies.SCHEMES:
        table = energies.shipped_table(scheme)
        full = energies.EnergyTable(table.elements, table.formulas, table.counts,
                                    table.energies, scheme, table.snapshot, table.sources)
        natoms = table.counts.sum(axis=1)
        e_hull = np.zeros(len(table))
        for i, row in enumerate(table.counts):
            sub = full.subsystem({el for el, n in zip(table.elements, row, strict=True) if n})
            b = sub.vector(dict(zip(table.elements, row, strict=True)))
            e_hull[i] = (table.energies[i] - closed_equilibrium(sub, b).energy) / natoms[i]
        columns[scheme] = e_hull
    path = OUT.with_name("mp_e_form_hull.csv")
    with path.open("w", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["formula", *[f"e_above_hull_{s}_eV_per_atom" for s in columns]])
        for i, formula in enumerate(table.formulas):
            out.writerow([formula, *[f"{max(0.0, columns[s][i]):.6f}" for s in columns]])
    print(f"hull flags -> {path}")


if __name__ == "__main__":  # pragma: no cover
    build(Path(sys.argv[1]))
