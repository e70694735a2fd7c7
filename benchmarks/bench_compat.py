"""Wall time of the full compatibility matrix (``solidcell compat``) with warm-started hull LPs.

Baseline, named ``cold start``: the same matrix with every linear programme solved from the
elemental basis, as before (``solidcell.interfaces.hull.WARM_START = False``). Almost all the
time is the ~12,500 closed LPs of the interface reactions (21-point grid and golden-section
search per pair), whose neighbouring mixtures share an optimal basis. Both variants run in
this process with the pair caches cleared; the warm variant runs first, so it alone pays the
one-time parsing of the shipped energy table (the ratio is conservative).

Usage: python benchmarks/bench_compat.py [--scheme zhu2015]
"""

from __future__ import annotations

import argparse
import time

from solidcell.interfaces import hull
from solidcell.interfaces.compat import clear_caches, compatibility_matrix


def timed(warm: bool, scheme: str) -> float:
    hull.WARM_START = warm
    clear_caches()
    t0 = time.perf_counter()
    compatibility_matrix(scheme=scheme)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scheme", default="zhu2015")
    args = parser.parse_args()
    warm = timed(True, args.scheme)
    cold = timed(False, args.scheme)
    hull.WARM_START = True
    print(f"full compatibility matrix ({args.scheme}):")
    print(f"  warm start (new)       {warm:7.2f} s")
    print(f"  cold start (baseline)  {cold:7.2f} s")
    print(f"  speed-up               {cold / warm:7.2f}x")


if __name__ == "__main__":
    main()
