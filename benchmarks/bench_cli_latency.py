"""End-to-end latency of the common commands, and the YAML load of the curated materials.

Each command (evaluate, cost, capacity, interfaces, conductivity, materials list) runs as a
subprocess, best of N wall times and of N CPU times (user + system: on a machine shared with
other work it moves far less than the wall time), after one warm-up run that fills its own
materials database. ``--base-src DIR`` runs the same commands with ``PYTHONPATH=DIR`` too (e.g.
a worktree of an older commit: ``git worktree add /tmp/base HEAD``, ``--base-src
/tmp/base/src``), alternating with this tree in the same run, and prints the ratios
base/this. The YAML load times the curated files with the pure-Python strict loader (the
baseline) and with ``load_yaml`` (libyaml where PyYAML has it).

    .venv/bin/python benchmarks/bench_cli_latency.py [--repeat 5] [--base-src DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EV = str(REPO / "examples" / "ev-nmc811-lpscl-li.yaml")
COMMANDS: dict[str, list[str]] = {
    "evaluate": ["evaluate", EV, "--json"],
    "cost": ["cost", EV, "--json"],  # exits 1 on this design (no price for vgcf): same work
    "capacity": ["capacity", "Li4Ti5O12", "--json"],
    "interfaces": ["interfaces", EV, "--json"],
    "conductivity": ["conductivity", "li6ps5cl", "--json"],
    "materials list": ["materials", "list"],
}


def _env(src: Path, db: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(src), SOLIDCELL_DB=str(db),
               PYBAMM_DISABLE_TELEMETRY="true", MPLBACKEND="Agg")
    return env


def _cpu() -> float:
    """CPU time [s] of the finished child processes so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _once(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU time [s] of ``python -m solidcell ARGS``, and its stdout."""
    t0, c0 = time.perf_counter(), _cpu()
    done = subprocess.run([sys.executable, "-m", "solidcell", *args], env=env,
                          capture_output=True, text=True, check=False)
    return time.perf_counter() - t0, _cpu() - c0, done.stdout


def _best(args: list[str], envs: dict[str, dict[str, str]], repeat: int
          ) -> dict[str, tuple[float, float, str]]:
    """Per tree: best wall and CPU time [s] of ``python -m solidcell ARGS`` and its stdout
    (the last run's); the trees alternate, so that a busy machine slows them alike."""
    for env in envs.values():
        _once(args, env)  # warm-up (database, caches)
    best = {tag: (float("inf"), float("inf"), "") for tag in envs}
    for _ in range(repeat):
        for tag, env in envs.items():
            wall, cpu, out = _once(args, env)
            best[tag] = (min(best[tag][0], wall), min(best[tag][1], cpu), out)
    return best


def _yaml_times(repeat: int) -> tuple[float, float, bool]:
    """Best times [s] of reading the curated YAML files: pure-Python loader, load_yaml; and
    whether both give the same data."""
    import yaml

    from solidcell.materials.store import curated_files
    from solidcell.textio import _strict_yaml_loader, load_yaml

    texts = [f.read_text("utf-8") for f in curated_files()]
    pure = _strict_yaml_loader()

    def best(load) -> tuple[float, list]:
        t, data = float("inf"), []
        for _ in range(repeat):
            t0 = time.perf_counter()
            data = [load(text) for text in texts]
            t = min(t, time.perf_counter() - t0)
        return t, data

    t_pure, a = best(lambda text: yaml.load(text, Loader=pure))
    t_fast, b = best(load_yaml)
    return t_pure, t_fast, a == b


def baseline_args(description: str, repeat: int) -> argparse.Namespace:
    """``--repeat`` (default ``repeat``) and ``--base-src`` of the benchmarks that compare this
    tree with a baseline tree (this one and bench_report.py)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--base-src", type=Path, default=None,
                        help="src folder of the baseline tree (run with PYTHONPATH=DIR)")
    return parser.parse_args()


def tree_medians(opts: argparse.Namespace, timed: Callable[[Path, Path], dict[str, float]],
                 prefix: str) -> dict[str, dict[str, float]]:
    """tag ("this", and "base" with ``--base-src``) -> case -> the median over ``--repeat``
    fresh processes of ``timed(src, db)`` (a dict case -> figure) of each tree, the trees
    alternating, each run on a database of its own under a temporary folder ``prefix``."""
    import statistics

    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    trees = {"this": REPO / "src"}
    if opts.base_src is not None:
        trees["base"] = opts.base_src.resolve()
    runs: dict[str, list[dict[str, float]]] = {tag: [] for tag in trees}
    for i in range(opts.repeat):
        for tag, src in trees.items():
            runs[tag].append(timed(src, tmp / f"{tag}-{i}.sqlite"))
    cases = list(runs["this"][0])
    return {tag: {c: statistics.median(r[c] for r in rs) for c in cases}
            for tag, rs in runs.items()}


def main() -> int:
    opts = baseline_args(__doc__.splitlines()[0], repeat=5)
    tmp = Path(tempfile.mkdtemp(prefix="solidcell-bench-cli-"))
    envs = {"this": _env(REPO / "src", tmp / "this.sqlite")}
    if opts.base_src is not None:
        envs["base"] = _env(opts.base_src.resolve(), tmp / "base.sqlite")
    print(f"best of {opts.repeat} per command (one process each): wall time, CPU time")
    print(f"{'command':<16} {'base [s]':>9} {'this [s]':>9} {'base/this':>9} "
          f"{'CPU base':>9} {'CPU this':>9} {'base/this':>9} {'same output':>12}")
    for name, args in COMMANDS.items():
        best = _best(args, envs, opts.repeat)
        t_this, c_this, out_this = best["this"]
        if "base" not in best:
            print(f"{name:<16} {'-':>9} {t_this:>9.3f} {'-':>9} {'-':>9} {c_this:>9.3f} "
                  f"{'-':>9} {'-':>12}")
            continue
        t_base, c_base, out_base = best["base"]
        print(f"{name:<16} {t_base:>9.3f} {t_this:>9.3f} {t_base / t_this:>9.2f} "
              f"{c_base:>9.3f} {c_this:>9.3f} {c_base / c_this:>9.2f} "
              f"{out_base == out_this!s:>12}")
    sys.path.insert(0, str(REPO / "src"))
    t_pure, t_fast, same = _yaml_times(opts.repeat)
    print(f"\nYAML load of the curated files (baseline: pure-Python strict loader)\n"
          f"pure-Python {t_pure * 1e3:8.1f} ms   load_yaml {t_fast * 1e3:8.1f} ms   "
          f"ratio {t_pure / t_fast:5.1f}   same data: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
