"""Build the shipped energy table from the Matbench ``mp_e_form.csv`` (developer tool).

Not used at run time. Run it from the repository root with the path of the full CSV::

    python -m solidcell.interfaces._build_data ../shared/data/mp_formation_energies/mp_e_form.csv

It keeps, for every reduced formula of the whole table (all chemical systems), the lowest
formation energy (lowest-energy polymorph), computes each row's energy above the hull in both
energy schemes, and writes ``solidcell/interfaces/data/mp_e_form.csv.gz`` (columns
:data:`solidcell.interfaces.energies.DATA_COLUMNS`; lines sorted, so grouped by chemical
system). The gzip header carries no time stamp: a rebuild from the same source gives the same
bytes.

:func:`chemical_systems` (the systems of the materials :mod:`solidcell.interfaces.phases`
knows, to which the table shipped before was limited) is kept for the benchmark baseline.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import sys
import time
from itertools import product
from pathlib import Path

OUT = Path(__file__).parent / "data" / "mp_e_form.csv.gz"


def chemical_systems() -> list[frozenset[str]]:
    """Chemical systems of the materials pairs of :mod:`solidcell.interfaces.phases` (the
    coverage of the former ``mp_e_form_subset.csv``)."""
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
    return sorted(systems, key=lambda s: (len(s), sorted(s)))


def lowest_polymorphs(source: Path) -> dict[str, tuple[float, dict[str, float]]]:
    """Reduced formula -> (lowest formation energy [eV/atom], element counts)."""
    from pymatgen.core import Composition

    best: dict[str, tuple[float, dict[str, float]]] = {}
    with source.open(newline="") as fh:
        for row in csv.DictReader(fh):
            comp = Composition(row["formula"])
            reduced = comp.reduced_formula
            energy = float(row["target"])
            if reduced not in best or energy < best[reduced][0]:
                counts = {str(e): float(n) for e, n in comp.reduced_composition.items()}
                best[reduced] = (energy, counts)
    return best


def build(source: Path) -> None:
    best = lowest_polymorphs(source)
    lines = []  # the data columns after chemsys, as the run-time parser reads them
    for formula in sorted(best):
        energy, counts = best[formula]
        comp_text = " ".join(f"{el}:{n:g}" for el, n in sorted(counts.items()))
        lines.append((formula, comp_text, f"{energy:.6f}"))
    t0 = time.perf_counter()
    hull = hull_energies(lines)
    print(f"energies above hull of {len(lines)} rows in {time.perf_counter() - t0:.0f} s")
    from solidcell.interfaces.energies import DATA_COLUMNS

    text = []
    for row in lines:
        legacy, zhu = hull[row[0]]
        chemsys = "-".join(sorted(el.split(":")[0] for el in row[1].split()))
        text.append(",".join((chemsys, *row, f"{legacy:.6f}",
                              "" if zhu == legacy else f"{zhu:.6f}")))
    elements = {el for row in text for el in row.split(",")[0].split("-")}
    missing = elements - {row.split(",")[0] for row in text}
    assert not missing, f"elements without their elemental row: {missing}"
    # sorted lines: the rows of a chemical system are contiguous (run-time look-up by bisection)
    data = ("\n".join([",".join(DATA_COLUMNS), *sorted(text)]) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    print(f"{len(best)} formulas from {source} (sha256 {digest}) -> {OUT} "
          f"({OUT.stat().st_size} bytes, sha256 {hashlib.sha256(OUT.read_bytes()).hexdigest()})")


def hull_energies(lines: list[tuple[str, str, str]]) -> dict[str, tuple[float, float]]:
    """Energy above the hull [eV/atom, >= 0, rounded to 1e-6] of every row in each scheme.

    A compound above the hull of its chemical system can never be part of an equilibrium,
    closed or open (open-system equilibria are faces of the closed hull), so the LPs skip
    those rows. The hull of a row is that of the compounds of its own chemical system, taken
    with the run-time parser and LP, so the flags of the systems shipped before (the table was
    then limited to the systems of :func:`chemical_systems`) are unchanged. The zhu2015
    energies differ from mp2019-legacy only in systems with S: elsewhere the value is copied.
    """
    from solidcell.interfaces import energies
    from solidcell.interfaces.hull import closed_equilibrium

    groups: dict[frozenset[str], list[str]] = {}
    for formula, comp_text, energy in lines:
        els = frozenset(p.split(":")[0] for p in comp_text.split())
        groups.setdefault(els, []).append(",".join((formula, comp_text, energy, "0", "0")))
    by_key = {"-".join(sorted(k)): v for k, v in groups.items()}
    out: dict[str, tuple[float, float]] = {}
    for n, system in enumerate(sorted(groups, key=lambda s: (len(s), sorted(s)))):
        els = tuple(sorted(system))
        from itertools import combinations

        rows = [line for r in range(1, len(els) + 1) for c in combinations(els, r)
                for line in by_key.get("-".join(c), ())]
        formulas, counts, raw, _ = energies.parse_rows(rows, els)
        own = set(line.split(",")[0] for line in groups[system])
        values = {}
        for scheme in ("mp2019-legacy", "zhu2015"):
            if scheme == "zhu2015" and "S" not in system:
                continue
            e = raw
            if scheme == "zhu2015":
                e = raw - energies.MP_LEGACY_SULFIDE_CORRECTION * energies.sulfide_atoms(
                    els, counts)
            table = energies.EnergyTable(els, formulas, counts, e, scheme, "", ())
            natoms = counts.sum(axis=1)
            for i, formula in enumerate(formulas):
                if formula in own:
                    b = counts[i]
                    e_hull = (e[i] - closed_equilibrium(table, b).energy) / natoms[i]
                    values.setdefault(formula, {})[scheme] = float(f"{max(0.0, e_hull):.6f}")
        for formula, v in values.items():
            out[formula] = (v["mp2019-legacy"], v.get("zhu2015", v["mp2019-legacy"]))
        if n % 5000 == 0:
            print(f"  {n}/{len(groups)} systems", flush=True)
    return out


if __name__ == "__main__":  # pragma: no cover
    build(Path(sys.argv[1]))
