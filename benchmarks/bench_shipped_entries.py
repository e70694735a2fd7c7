"""The shipped energy table as a user meets it: one window, user entries, the whole table.

Paths, each in a new Python process (after ``import solidcell.interfaces.stability``, so the
package import is not timed), best of --repeat processes:

- ``window``: ``stability_window(formula)`` on the shipped table (parses only the chemical
  systems of the formula's elements and Li);
- ``window + entries``: the same with user entries (``entries=``, CLI ``--entry``), applied
  per chemical system; the ratio to ``window`` is what the entries cost;
- ``whole counts``: ``shipped_table().counts``, every row parsed into the dense
  (95,118 x 84) arrays;
- ``formulas + entries``: ``shipped_table().with_entries(entries).formulas``, the whole
  table with the entries applied.

Baseline of the last two, named ``former``: the code of ``energies.py`` before the
column-wise parse and the array matching of entries (rows parsed one by one, each entry
matched against every row as a dict), carried below verbatim as ``former_*``; it builds the
whole table as ``ShippedTable._whole()`` did. Both must give the same arrays (sha256 of
elements, formulas, counts, energies and usable rows, printed; exit 1 if they differ).

Usage: python benchmarks/bench_shipped_entries.py [--repeat 3] [--scheme zhu2015]
       [--formula Li3PS4] [--entry Li3YCl6=-2.2 ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CHILD = r"""
import hashlib, json, sys, time
import numpy as np
from solidcell.interfaces import energies as E
from solidcell.interfaces.stability import stability_window

variant, scheme, formula = sys.argv[1:4]
entries = [(f, float(e)) for f, e in (a.split("=") for a in sys.argv[4:])]


def former_parse_rows(lines, elements):
    parsed = sorted(line.split(",") for line in lines)
    comps = [{el: float(n) for el, n in (p.split(":") for p in row[1].split())}
             for row in parsed]
    counts = np.array([[c.get(el, 0.0) for el in elements] for c in comps],
                      dtype=float).reshape(len(comps), len(elements))
    energies = np.array([float(row[2]) for row in parsed]) * counts.sum(axis=1)
    legacy = np.array([float(row[3]) for row in parsed])
    zhu = np.array([float(row[4] or row[3]) for row in parsed])
    return (tuple(row[0] for row in parsed), counts, energies,
            {"mp2019-legacy": legacy, "zhu2015": zhu})


def former_with_entries(self, entries, per="atom", label="user-supplied"):
    formulas = list(self.formulas)
    energies = list(self.energies)
    stable = list(self.usable())
    rows = [dict(zip(self.elements, r, strict=True)) for r in self.counts]
    added = []
    for i, entry in enumerate(entries):
        formula, energy = entry
        energy = float(energy)
        comp = E.composition_of(formula, field=f"entries[{i}].formula")
        natoms = sum(comp.values())
        e_fu = energy * natoms if per == "atom" else energy
        for j, row in enumerate(rows):
            tot = sum(row.values())
            if tot > 0 and set(k for k, v in row.items() if v > 0) == set(comp) and all(
                    abs(row[el] / tot - comp[el] / natoms) < 1e-6 for el in comp):
                formulas.pop(j)
                energies.pop(j)
                rows.pop(j)
                stable.pop(j)
                break
        formulas.append(str(formula))
        energies.append(e_fu)
        rows.append(dict(comp))
        stable.append(True)
        added.append(str(formula))
    elements = sorted(set(self.elements) | {el for r in rows for el in r})
    counts = np.array([[r.get(el, 0.0) for el in elements] for r in rows], dtype=float)
    pure = set()
    for r in rows:
        present = [k for k, v in r.items() if v > 0]
        if len(present) == 1:
            pure.add(present[0])
    for el in elements:
        if el not in pure:
            formulas.append(el)
            energies.append(0.0)
            stable.append(True)
            counts = np.vstack([counts, [1.0 if e == el else 0.0 for e in elements]])
    return E.EnergyTable(
        elements=tuple(elements), formulas=tuple(formulas), counts=counts,
        energies=np.asarray(energies, dtype=float), scheme=self.scheme,
        snapshot=f"{self.snapshot} + {len(added)} {label} entries",
        sources=self.sources, user_formulas=self.user_formulas | frozenset(added),
        stable=np.asarray(stable, dtype=bool))


def former_whole(scheme, entries):
    # ShippedTable._whole() as it was: the scan branch of _system_rows, row-by-row parse,
    # then each step's with_entries and the restriction to the table's elements
    extra = {el for f, _ in entries for el in E.composition_of(f)}
    elements = frozenset(E.shipped_elements()) | extra
    els = tuple(sorted(elements & set(E.shipped_elements())))
    text = E._lines()[0].decode("utf-8").splitlines()[1:]
    lines = [rest for key, _, rest in (line.partition(",") for line in text)
             if set(key.split("-")) <= elements]
    formulas, counts, energies, e_hull = former_parse_rows(lines, els)
    if scheme == "zhu2015":
        energies = energies - E.MP_LEGACY_SULFIDE_CORRECTION * E.sulfide_atoms(els, counts)
    sub = E.EnergyTable(els, formulas, counts, energies, scheme, E.SNAPSHOT, (),
                        stable=e_hull[scheme] <= E.HULL_TOL)
    if entries:
        sub = former_with_entries(sub, entries).subsystem(elements)
    return sub


def digest(t):
    h = hashlib.sha256("\n".join((*t.elements, "|", *t.formulas)).encode())
    for a in (t.counts, t.energies, t.usable()):
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


E._lines()  # the decompressed file, read once by either path: not timed
t0 = time.perf_counter()
out = {}
if variant == "window":
    w = stability_window(formula, scheme=scheme)
    out["window"] = [w.reduction_limit_V, w.oxidation_limit_V]
elif variant == "window+entries":
    w = stability_window(formula, scheme=scheme, entries=entries)
    out["window"] = [w.reduction_limit_V, w.oxidation_limit_V]
elif variant == "counts":
    table = E.shipped_table(scheme)
    table.counts
    out["sha256"] = digest(table._whole())
elif variant == "counts-former":
    out["sha256"] = digest(former_whole(scheme, []))
elif variant == "formulas":
    table = E.shipped_table(scheme).with_entries(entries)
    table.formulas
    out["sha256"] = digest(table._whole())
elif variant == "formulas-former":
    out["sha256"] = digest(former_whole(scheme, entries))
out["seconds"] = time.perf_counter() - t0
print(json.dumps(out))
"""


def child(variant: str, args: argparse.Namespace) -> dict:
    env = dict(os.environ, PYBAMM_DISABLE_TELEMETRY="true", MPLBACKEND="Agg")
    cmd = [sys.executable, "-c", CHILD, variant, args.scheme, args.formula, *args.entry]
    out = subprocess.run(cmd, check=True, env=env, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def best(variant: str, args: argparse.Namespace) -> dict:
    return min((child(variant, args) for _ in range(args.repeat)), key=lambda r: r["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scheme", default="zhu2015")
    parser.add_argument("--formula", default="Li3PS4")
    parser.add_argument("--entry", action="append", help="FORMULA=EV_PER_ATOM")
    args = parser.parse_args()
    args.entry = args.entry or ["Li3YCl6=-2.2", "Li3PS4=-1.2"]
    print(f"scheme {args.scheme}, entries {', '.join(args.entry)}; best of {args.repeat} "
          "new processes each (the decompressed file read first, not timed)")
    plain, extra = best("window", args), best("window+entries", args)
    print(f"  window {args.formula:10s} shipped {plain['seconds'] * 1e3:8.1f} ms, with the "
          f"entries {extra['seconds'] * 1e3:8.1f} ms, ratio entries/shipped "
          f"{extra['seconds'] / plain['seconds']:.2f}")
    failed = False
    for name, label in (("counts", "whole counts"), ("formulas", "formulas + entries")):
        new, old = best(name, args), best(f"{name}-former", args)
        same = new["sha256"] == old["sha256"]
        failed |= not same
        print(f"  {label:18s} now {new['seconds'] * 1e3:8.1f} ms, former "
              f"{old['seconds'] * 1e3:8.1f} ms, ratio former/now "
              f"{old['seconds'] / new['seconds']:.1f} ({'identical' if same else 'DIFFERENT'}"
              f" arrays, sha256 {new['sha256'][:12]})")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
