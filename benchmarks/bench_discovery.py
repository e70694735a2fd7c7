"""Throughput of conductivity prediction: 10 000 compositions, batched vs one at a time.

Both paths run the same code (`solidcell.discovery.predict.predict_arrays`: features by NumPy
broadcasting, then the tree ensemble evaluated on all rows at once); the baseline calls it once
per composition, as a per-composition loop would. Parsing the formulas (pymatgen) is timed
separately, since both paths need it. Prints predictions per second and the ratio.

    .venv/bin/python benchmarks/bench_discovery.py [--n 10000] [--baseline 500]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("SOLIDCELL_DB",
                      str(Path(tempfile.mkdtemp(prefix="solidcell-bench-")) / "m.sqlite"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="compositions to predict")
    ap.add_argument("--baseline", type=int, default=500,
                    help="compositions for the one-at-a-time baseline (rate extrapolates)")
    args = ap.parse_args()

    import numpy as np
    from pymatgen.core import Composition

    from solidcell.discovery.candidates import generate_candidates
    from solidcell.discovery.features import fractions_of
    from solidcell.discovery.model import load_model
    from solidcell.discovery.predict import predict_arrays

    fracs = np.linspace(0.01, 0.45, 60).tolist()
    formulas: list[str] = []
    for parent in ("Li7La3Zr2O12", "Li6PS5Cl", "Li10GeP2S12", "Li1.3Al0.3Ti1.7(PO4)3",
                   "Li3YCl6", "Li3PS4", "Li0.33La0.56TiO3"):
        formulas += [c.formula for c in generate_candidates(parent, fractions=fracs)]
    formulas = (formulas * (args.n // len(formulas) + 1))[: args.n]
    model = load_model()

    t = time.perf_counter()
    comps = [Composition(f) for f in formulas]
    F = fractions_of(comps)
    t_parse = time.perf_counter() - t

    predict_arrays(F[:10], model=model)  # warm-up (element table, caches)
    t = time.perf_counter()
    out = predict_arrays(F, model=model)
    t_batch = time.perf_counter() - t

    nb = min(args.baseline, len(F))
    t = time.perf_counter()
    loop = [predict_arrays(F[i:i + 1], model=model)["log10"][0] for i in range(nb)]
    t_loop = time.perf_counter() - t
    assert np.allclose(loop, out["log10"][:nb]), "batched and looped predictions differ"

    rate_batch = len(F) / t_batch
    rate_loop = nb / t_loop
    print(f"compositions: {len(F)} ({len(set(formulas))} distinct substitution candidates)")
    print(f"parse formulas (pymatgen)         : {t_parse:8.3f} s  "
          f"({len(F) / t_parse:10.0f} /s)")
    print(f"batched predict_arrays (this)     : {t_batch:8.3f} s  ({rate_batch:10.0f} /s)")
    print(f"per-composition loop (baseline)   : {t_loop:8.3f} s for {nb} "
          f"({rate_loop:10.0f} /s)")
    print(f"ratio batched / per-composition   : {rate_batch / rate_loop:8.1f}x")
    print(f"end to end incl. parsing, batched : {len(F) / (t_parse + t_batch):10.0f} /s")


if __name__ == "__main__":
    main()
