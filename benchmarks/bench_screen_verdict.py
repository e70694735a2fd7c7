"""Cost of the interface verdict in a screen (``Interfaces``, ``Interface issues``;
``solidcell.screening.screen.interface_verdict``, once per combination of materials).

Baseline, named ``verdict off``: the same screen with ``interface_verdict`` replaced by a
constant stub. Each variant runs ``--repeats`` times, alternating, in a fresh interpreter
(``cold``: the first screen of a process, which pays the energy data of the interface analyses
and the hull LPs of each pair); then one interpreter times a second screen of each variant
after a first (``warm``: the verdicts' pair caches filled, as in the dashboard). Prints the
medians, their ratios (on / off) and difference, and the time inside ``interface_verdict``
(the verdict's own cost, less noisy than the difference on a loaded machine); and the first
verdict of a process alone, split into the energy data (the table, its elements and the
chemical systems the verdict reads) and the rest (windows, reactions: hull LPs).
``--base-src DIR`` runs the cold and warm variants with ``PYTHONPATH=DIR`` too (a tree of an
older commit: ``git archive COMMIT src | tar -x -C /tmp/base``, ``--base-src /tmp/base/src``).

Usage (about a minute on the 2-core development machine):
    PYBAMM_DISABLE_TELEMETRY=true SOLIDCELL_DB=/tmp/bench.sqlite \\
        .venv/bin/python benchmarks/bench_screen_verdict.py [--space examples/spaces/ev.yaml]
        [--repeats 5] [--base-src DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPACE = REPO / "examples" / "spaces" / "ev.yaml"

#: One screen in a fresh interpreter (argv: space, "on"/"off", "cold"/"warm"); prints JSON.
CHILD = """
import json, sys, time
import solidcell.screening.screen as S
space, verdict, mode = sys.argv[1:4]
real = S.interface_verdict
def stub(design):
    return S.InterfaceVerdict("stable", "", "", ())
out = {}
inside = [0.0]
def timed(design):
    t0 = time.perf_counter()
    try:
        return real(design)
    finally:
        inside[0] += time.perf_counter() - t0
if mode == "cold":
    S.interface_verdict = timed if verdict == "on" else stub
    t = time.perf_counter()
    S.screen(space, with_cost=False)
    out["screen"] = time.perf_counter() - t
    out["verdicts"] = inside[0]
elif mode == "warm":
    S.screen(space, with_cost=False)
    for name, f in (("off", stub), ("on", real)):
        S.interface_verdict = f
        t = time.perf_counter()
        S.screen(space, with_cost=False)
        out[name] = time.perf_counter() - t
else:  # the first verdict of a process, after the design is loaded (as in a screen)
    S.interface_verdict = stub
    S.screen(space, with_cost=False)
    design = S.load_space(space).base
    t = time.perf_counter()
    import solidcell.interfaces.design_flags  # noqa: F401
    from solidcell.interfaces import energies as en
    out["imports"] = time.perf_counter() - t
    t = time.perf_counter()
    en._lines(); en.shipped_elements()
    data = time.perf_counter() - t
    rows = en._system_rows
    parse = [0.0]
    def timed_rows(elements):
        t0 = time.perf_counter()
        try:
            return rows(elements)
        finally:
            parse[0] += time.perf_counter() - t0
    en._system_rows = timed_rows
    t = time.perf_counter()
    real(design)
    total = time.perf_counter() - t
    out["energy data"] = data + parse[0]
    out["windows, reactions"] = total - parse[0]
print(json.dumps(out))
"""


def child(src: Path, *args: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(src), PYBAMM_DISABLE_TELEMETRY="true",
               MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, "-c", CHILD, *args], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def cold(srcs: list[Path], space: str, repeats: int) -> list[dict[str, float]]:
    """Per tree of ``srcs``: the median screen time [s] with the verdict off and on, each in
    a fresh interpreter (the trees and variants alternate), and the median time inside
    ``interface_verdict`` of the screens with it on."""
    times = [{"off": [], "on": [], "verdicts": []} for _ in srcs]
    for _ in range(repeats):
        for src, held in zip(srcs, times, strict=True):
            for verdict in ("off", "on"):
                got = child(src, space, verdict, "cold")
                held[verdict].append(got["screen"])
                if verdict == "on":
                    held["verdicts"].append(got["verdicts"])
    return [{k: statistics.median(v) for k, v in held.items()} for held in times]


def show(label: str, t: dict[str, float]) -> None:
    inside = f", inside interface_verdict {t['verdicts']:.3f} s" if "verdicts" in t else ""
    print(f"{label}: verdict off {t['off']:.3f} s, on {t['on']:.3f} s, on/off "
          f"{t['on'] / t['off']:.2f}, difference {t['on'] - t['off']:+.3f} s{inside}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--space", default=str(SPACE))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--base-src", type=Path, default=None)
    args = parser.parse_args()
    space = str(Path(args.space).resolve())
    print(f"screen of {args.space} (no cost), medians of {args.repeats}")
    srcs = [REPO / "src", *([args.base_src] if args.base_src is not None else [])]
    this, *rest = cold(srcs, space, args.repeats)
    show("cold, this tree", this)
    if rest:
        base = rest[0]
        show("cold, base tree", base)
        print(f"base/this: time inside interface_verdict "
              f"{base['verdicts'] / this['verdicts']:.2f}, screen with it "
              f"{base['on'] / this['on']:.2f}")
    warm = [[child(src, space, "-", "warm") for src in srcs] for _ in range(args.repeats)]
    for i, label in enumerate(("this tree", "base tree")[:len(srcs)]):
        show(f"warm (a second screen in the process), {label}",
             {k: statistics.median(w[i][k] for w in warm) for k in ("off", "on")})
    parts = [child(REPO / "src", space, "-", "parts") for _ in range(args.repeats)]
    print("first verdict of a process: " + ", ".join(
        f"{k} {statistics.median(p[k] for p in parts):.3f} s" for k in parts[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
