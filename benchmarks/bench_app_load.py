"""Load test of the dashboard on loopback: 20 concurrent sessions for a bounded time.

Prints latency percentiles, throughput and errors for 1 session (the baseline, measured in the
same run on the same server) and for N sessions, and the ratio of their median latencies.
Goal: 20 concurrent sessions with no errors.

    .venv/bin/python benchmarks/bench_app_load.py [--sessions 20] [--seconds 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")
os.environ.setdefault("MPLBACKEND", "Agg")
_TMP = Path(tempfile.mkdtemp(prefix="solidcell-bench-app-"))
os.environ.setdefault("SOLIDCELL_DB", str(_TMP / "materials.sqlite"))

REPO = Path(__file__).resolve().parent.parent
DESIGN = REPO / "tests" / "report" / "data" / "ssb_ref1.yaml"


def _row(label: str, res) -> str:
    j = res.to_json()
    return (f"{label:<22} {j['Requests']:>8} {j['Errors']:>6} {j['Latency p50 [s]'] * 1e3:>9.1f} "
            f"{j['Latency p95 [s]'] * 1e3:>9.1f} {j['Latency p99 [s]'] * 1e3:>9.1f} "
            f"{j['Throughput [1.s-1]']:>10.1f}")


def main() -> int:
    from solidcell.app.load import run_load
    from solidcell.app.server import RunningApp

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    examples = _TMP / "examples"
    examples.mkdir()
    shutil.copy(DESIGN, examples / DESIGN.name)
    design = str((examples / DESIGN.name).resolve())
    with RunningApp(examples, _TMP / "workspace") as app:
        run_load(app.url, design, sessions=1, duration_s=3.0)  # warm-up (imports, caches)
        base = run_load(app.url, design, sessions=1, duration_s=args.seconds / 2)
        load = run_load(app.url, design, sessions=args.sessions, duration_s=args.seconds)
    print(f"dashboard load test on loopback ({os.cpu_count()} CPUs), design {DESIGN.name}")
    print(f"{'':<22} {'requests':>8} {'errors':>6} {'p50 [ms]':>9} {'p95 [ms]':>9} "
          f"{'p99 [ms]':>9} {'req/s':>10}")
    print(_row("baseline: 1 session", base))
    print(_row(f"{args.sessions} sessions", load))
    print(f"ratio of median latency, {args.sessions} sessions / 1 session: "
          f"{load.percentile_s(50) / base.percentile_s(50):.2f}")
    print(f"ratio of throughput, {args.sessions} sessions / 1 session: "
          f"{load.throughput_per_s / base.throughput_per_s:.2f}")
    for err in load.errors[:5]:
        print("error:", err)
    return 0 if not load.errors and not base.errors else 1


if __name__ == "__main__":
    sys.exit(main())
