"""Wall time and peak memory of ``solidcell screen SPACE --json`` on a front that holds almost
every design (one swept cathode thickness, ranked by Wh/kg and W/kg, which trade off along it).

The command runs as a subprocess with this tree's ``src``; ``--base-src DIR`` runs it with
``PYTHONPATH=DIR`` too (a worktree of an older commit: ``git worktree add /tmp/base 41b1a57``,
``--base-src /tmp/base/src``; 41b1a57 built every JSON record of the front at once), in the
same run, and prints the ratios base/this and whether the two outputs are byte-identical. Peak
memory is the child's maximum resident set size (``getrusage``), measured in a fresh
interpreter per run.

``--space FILE`` screens that space instead, ``--price ID=USD_PER_KG`` (repeatable) and
``--application NAME`` are passed on: a priced screen of the EV example space, whose rows with a
lithium foil under lamination's 20 um are planned again, is

    .venv/bin/python benchmarks/bench_screen_json.py --space examples/spaces/ev.yaml \
        --application ev --price vgcf=50 --price linbo3=100 [--base-src DIR]

    .venv/bin/python benchmarks/bench_screen_json.py [--designs 100000] [--base-src DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EV = REPO / "examples" / "ev-nmc811-lpscl-li.yaml"

#: A fresh interpreter that runs the command with stdout to a file and prints the child's
#: peak RSS [kB] (Linux) and the wall time [s].
MEASURE = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
with open(sys.argv[1], "wb") as out:
    rc = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL).returncode
print(rc, time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def space_file(folder: Path, designs: int) -> Path:
    """A screen space of ``designs`` cathode thicknesses from 40 to 150 um."""
    path = folder / "space.yaml"
    path.write_text(
        f"base: {EV}\nmethod: grid\nparameters:\n"
        f"  cathode.thickness_m: {{min: 40 um, max: 150 um, n: {designs}}}\n"
        "objectives:\n"
        "  - {key: 'Cell gravimetric energy density [W.h.kg-1]', sense: max}\n"
        "  - {key: 'Cell specific power [W.kg-1]', sense: max}\n", "utf-8")
    return path


def run(src: Path, space: Path, folder: Path, tag: str, extra: tuple[str, ...] = ()
        ) -> tuple[float, float, str, int]:
    """(wall time [s], peak RSS [MB], sha256 of stdout, rows on the front) of one run;
    ``extra``: more arguments of the command."""
    out = folder / f"{tag}.json"
    env = dict(os.environ, PYTHONPATH=str(src), SOLIDCELL_DB=str(folder / f"{tag}.sqlite"),
               PYBAMM_DISABLE_TELEMETRY="true", MPLBACKEND="Agg")
    cmd = [sys.executable, "-c", MEASURE, str(out), sys.executable, "-m", "solidcell",
           "screen", str(space), "--json", *extra]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    rc, wall, rss_kb = done.stdout.split()
    if rc != "0":
        raise SystemExit(f"{tag}: screen exited {rc}")
    data = out.read_bytes()
    rows = json.loads(data)["Pareto designs"]
    digest = hashlib.sha256(data).hexdigest()
    out.unlink()
    return float(wall), int(rss_kb) / 1024, digest, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--designs", type=int, default=100_000)
    parser.add_argument("--base-src", type=Path, default=None)
    parser.add_argument("--space", type=Path, default=None)
    parser.add_argument("--price", action="append", default=[])
    parser.add_argument("--application", default=None)
    args = parser.parse_args()
    extra = tuple(a for price in args.price for a in ("--price", price)) + (
        ("--application", args.application) if args.application else ())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        space = args.space.resolve() if args.space else space_file(folder, args.designs)
        this = run(REPO / "src", space, folder, "this", extra)
        print(f"screen --json, {args.space or f'{args.designs} designs'}, {this[3]} on the "
              "front")
        print(f"this: {this[0]:.2f} s, peak {this[1]:.0f} MB")
        if args.base_src is not None:
            base = run(args.base_src, space, folder, "base", extra)
            print(f"base: {base[0]:.2f} s, peak {base[1]:.0f} MB")
            print(f"base/this: time {base[0] / this[0]:.2f}, memory {base[1] / this[1]:.2f}; "
                  f"same output: {base[2] == this[2]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
