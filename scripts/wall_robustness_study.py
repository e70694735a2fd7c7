"""Robustness study of the OCP wall (``ocp_ends="wall"``, docs/simulation.md, OCP ends).

Each case is one constant-current discharge, solved twice through the public path:
(a) production: ``rate_capability(params, [rate], ...)`` at the solver's ``RTOL``/``ATOL``,
with its automatic retry at ``WALL_RETRY_RTOL`` (counted by watching
``BuiltCell.tight_twin``; how the solve at RTOL ended, by watching
``BuiltCell._solve_once``); (b) the same rate model's twin at ``WALL_RETRY_RTOL`` /
``WALL_RETRY_ATOL`` = 1e-6 (``get_built(...).tight_twin(params).solve``), without a retry.

Grid (full cells, NMC811 | graphite; 567 cases): NMC811 60 | graphite 80 um and 90 | 120 um
with 3 um cathode particles, 40 | 60 um with 5 um; 0.05, 0.1, 0.2, 0.5, 1, 2, 3C; coarse,
default and fine meshes; 273.15, 298.15, 333.15 K; from the charged end, "4.02 V" and
"3.8 V". ``--half-cells``: NMC811 | Li half cells (60 um at 0.3 S/m; 100 um at 0.1 S/m;
378 cases) on the same rates, meshes, temperatures and starts.

"Window": the utilisable capacity times the state of charge at the start (1 from the charged
end), so a share of 100 % is the whole window from the start; the wall holds up to
``WALL_WIDTH / (upper - lower)`` of the cathode's window beyond it.

Run: ``nice -n 10 .venv/bin/python scripts/wall_robustness_study.py --out wall.csv``
(``--quick``: an evenly spread subset of every 9th case; ``--every N``: every Nth case).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import math
import os
import sys
import time
from collections.abc import Iterator, Sequence
from typing import Any

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")

RATES = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 3.0)
MESHES = ("coarse", "default", "fine")
TEMPERATURES_K = (273.15, 298.15, 333.15)
#: None: the charged end of the OCP data window; else a start voltage (PyBaMM's style)
STARTS: tuple[str | None, ...] = (None, "4.02 V", "3.8 V")
QUICK_EVERY = 9
FIELDS = ("cell", "mesh", "temperature_K", "start", "c_rate", "window_A_h",
          "a_ended", "a_share_pct", "a_retry", "a_loose_ended", "a_error", "a_seconds",
          "b_ended", "b_share_pct", "b_error", "b_seconds", "diff_pct")


@dataclasses.dataclass(frozen=True)
class Case:
    """One discharge of the grid."""
    cell: str
    mesh: str
    temperature_K: float
    start: str | None
    c_rate: float

    def label(self) -> str:
        return (f"{self.cell} {self.mesh} {self.temperature_K:g} K "
                f"{self.start or 'charged'} {self.c_rate:g}C")


def full_cells() -> dict[str, Any]:
    """The three NMC811 | graphite designs (CellParameters; data from the knowledge base)."""
    from solidcell.simulation.parameters import CellParameters, electrode_from_material

    kw = dict(active_volume_fraction=0.6, electrolyte_volume_fraction=0.35,
              electrolyte_conductivity_S_m=1.0)

    def cell(name: str, pos_m: float, neg_m: float, radius_m: float) -> CellParameters:
        neg, _ = electrode_from_material("graphite", thickness_m=neg_m, **kw, where="anode")
        pos, _ = electrode_from_material("nmc811", thickness_m=pos_m,
                                         particle_radius_m=radius_m, **kw)
        return CellParameters(positive=pos, negative=neg, separator_thickness_m=30e-6,
                              separator_conductivity_S_m=1.0,
                              interface_resistance_ohm_m2=10e-4, area_m2=1e-4,
                              temperature_K=298.15, name=name)

    return {"A 60|80um r3um": cell("A", 60e-6, 80e-6, 3e-6),
            "B 90|120um r3um": cell("B", 90e-6, 120e-6, 3e-6),
            "C 40|60um r5um": cell("C", 40e-6, 60e-6, 5e-6)}


def half_cells() -> dict[str, Any]:
    """The two NMC811 | Li half cells (CellParameters)."""
    from solidcell.simulation.parameters import (
        CellParameters,
        CounterElectrode,
        electrode_from_material,
    )

    def cell(name: str, thickness_m: float, kappa: float) -> CellParameters:
        pos, _ = electrode_from_material(
            "nmc811", thickness_m=thickness_m, active_volume_fraction=0.6,
            electrolyte_volume_fraction=0.35, electrolyte_conductivity_S_m=kappa,
            particle_radius_m=3e-6)
        return CellParameters(positive=pos, negative=CounterElectrode("li_metal"),
                              separator_thickness_m=30e-6, separator_conductivity_S_m=0.3,
                              interface_resistance_ohm_m2=20e-4, area_m2=1e-4,
                              temperature_K=298.15, name=name)

    return {"H60 60um k0.3": cell("H60", 60e-6, 0.3),
            "H100 100um k0.1": cell("H100", 100e-6, 0.1)}


def build_grid(cells: Sequence[str], every: int = 1) -> list[Case]:
    """The cases, ordered so that one built model serves consecutive solves (cell, mesh,
    start outermost); ``every``: every Nth case, evenly spread over the grid."""
    if every < 1:
        raise ValueError(f"every={every}: use an integer >= 1")
    grid = [Case(c, m, t, s, r) for c in cells for m in MESHES for s in STARTS
            for t in TEMPERATURES_K for r in RATES]
    return grid[::every]


def params_for(case: Case, cells: dict[str, Any]) -> tuple[Any, float]:
    """(CellParameters at the case's temperature, state of charge at the start)."""
    from solidcell.simulation.runs import cell_parameters

    params = cell_parameters(cells[case.cell], temperature=case.temperature_K)
    soc = (1.0 if case.start is None
           else params.soc_at_open_circuit_voltage(float(case.start.split()[0])))
    return params, soc


def ended(termination: str) -> str:
    """A short name of how a discharge ended."""
    if "Minimum voltage" in termination:
        return "cut-off"
    if "end of its OCP data" in termination:
        return "wall event"
    if termination.startswith("no capacity"):
        return "cut-off at start"
    return termination[:60] or "?"


def failed(exc: Exception) -> str:
    """"cut-off at start" for ``CutoffAtStart`` (the losses at this current exceed the
    window at once: a result, capacity 0), else "failed"."""
    return "cut-off at start" if type(exc).__name__ == "CutoffAtStart" else "failed"


@contextlib.contextmanager
def retries_counted() -> Iterator[list[Any]]:
    """While open, ``[n, loose]``: n counts calls of ``BuiltCell.tight_twin`` (the wall
    retry); ``loose`` is how the last solve at the solver's RTOL ended (``ended``, or
    "failed"), watched on ``BuiltCell._solve_once`` (instrumentation only)."""
    from solidcell.simulation import pybamm_adapter as pa

    seen: list[Any] = [0, ""]
    twin, once = pa.BuiltCell.tight_twin, pa.BuiltCell._solve_once

    def counted(self: Any, params: Any) -> Any:
        seen[0] += 1
        return twin(self, params)

    def watched(self: Any, params: Any, **kw: Any) -> Any:
        try:
            sol, outcome = once(self, params, **kw)
        except pa.SimulationFailed as exc:
            if not self.tight:
                seen[1] = failed(exc)
            raise
        if not self.tight:
            seen[1] = ended(str(getattr(sol, "termination", "")))
        return sol, outcome

    pa.BuiltCell.tight_twin = counted  # type: ignore[method-assign]
    pa.BuiltCell._solve_once = watched  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        pa.BuiltCell.tight_twin = twin  # type: ignore[method-assign]
        pa.BuiltCell._solve_once = once  # type: ignore[method-assign]


def production(case: Case, params: Any, window: float) -> dict[str, Any]:
    """(a): ``rate_capability`` with "auto" (the wall here) and its retry."""
    from solidcell.simulation import rate_capability

    t0 = time.perf_counter()
    row: dict[str, Any] = {"a_error": "", "a_retry": False}
    with retries_counted() as calls:
        try:
            r = rate_capability(params, [case.c_rate], mesh=case.mesh,
                                initial_soc=case.start)
            row.update(a_ended=ended(r.terminations[0]),
                       a_share_pct=100.0 * float(r.capacity_A_h[0]) / window)
            if r.ocp_ends != "wall":
                row["a_error"] = f"ocp_ends resolved to {r.ocp_ends!r}, not 'wall'"
        except Exception as exc:  # recorded: the study counts failures
            row.update(a_ended="failed", a_share_pct=math.nan,
                       a_error=f"{type(exc).__name__}: {exc}"[:300])
    row.update(a_retry=calls[0] > 0, a_loose_ended=calls[1] or "memo",
               a_seconds=time.perf_counter() - t0)
    return row


def tight(case: Case, params: Any, soc: float, window: float) -> dict[str, Any]:
    """(b): the production rate model's twin at rtol = atol = 1e-6, solved once."""
    from solidcell.simulation import pybamm_adapter as pa

    t0 = time.perf_counter()
    row: dict[str, Any] = {"b_error": ""}
    try:
        built = pa.get_built(params, mesh=case.mesh, outputs=pa.rate_outputs(params),
                             numeric=pa.RATE_NUMERIC, initial_soc=soc, ocp_ends="wall")
        cut = params.default_voltage_limits_V[0]
        sol = built.tight_twin(params).solve(
            params, current_A=params.capacity_A_h * case.c_rate,
            t_end_s=3600.0 / case.c_rate * 1.05, lower_cutoff_V=cut, initial_soc=soc,
            n_points=240)
        data = pa.read_solution(sol, params, breakdown=False)
        row.update(b_ended=ended(data["termination"]),
                   b_share_pct=100.0 * float(data["Discharge capacity [A.h]"][-1]) / window)
    except Exception as exc:  # recorded
        end = failed(exc)
        row.update(b_ended=end, b_share_pct=0.0 if end == "cut-off at start" else math.nan,
                   b_error=f"{type(exc).__name__}: {exc}"[:300])
    row["b_seconds"] = time.perf_counter() - t0
    return row


def run_case(case: Case, cells: dict[str, Any]) -> dict[str, Any]:
    """Both solves of one case, as one CSV row."""
    params, soc = params_for(case, cells)
    window = params.capacity_A_h * soc
    row: dict[str, Any] = {"cell": case.cell, "mesh": case.mesh,
                           "temperature_K": case.temperature_K,
                           "start": case.start or "charged", "c_rate": case.c_rate,
                           "window_A_h": window}
    row.update(production(case, params, window))
    row.update(tight(case, params, soc, window))
    row["diff_pct"] = abs(row["a_share_pct"] - row["b_share_pct"])
    return row


#: how a discharge ends right: at the cut-off, or at once where the losses exceed the window
_EXPECTED = ("cut-off", "cut-off at start")


def summary(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Counts over the rows: failed, ended on the wall's event, below the cut-off at the
    start (capacity 0, a result), other ends, retry used (production; why: the solve at RTOL
    failed or ended on the wall's event),
    failed / wall event at 1e-6, the largest |(a) - (b)| and the largest share, in % of the
    window (NaN where no row has both)."""
    def finite(values: Iterator[float]) -> list[float]:
        return [v for v in values if isinstance(v, float) and math.isfinite(v)]

    diffs = finite(r["diff_pct"] for r in rows)
    shares = finite(s for r in rows for s in (r["a_share_pct"], r["b_share_pct"]))
    return {
        "cases": len(rows),
        "a_failed": sum(r["a_ended"] == "failed" for r in rows),
        "a_wall_event": sum(r["a_ended"] == "wall event" for r in rows),
        "a_cut_off_at_start": sum(r["a_ended"] == "cut-off at start" for r in rows),
        "a_other_end": sum(r["a_ended"] not in _EXPECTED for r in rows),
        "a_error_text": sum(bool(r["a_error"]) for r in rows),
        "a_retry_used": sum(bool(r["a_retry"]) for r in rows),
        "loose_failed": sum(r.get("a_loose_ended") == "failed" for r in rows),
        "loose_wall_event": sum(r.get("a_loose_ended") == "wall event" for r in rows),
        "b_failed": sum(r["b_ended"] == "failed" for r in rows),
        "b_wall_event": sum(r["b_ended"] == "wall event" for r in rows),
        "b_cut_off_at_start": sum(r["b_ended"] == "cut-off at start" for r in rows),
        "b_other_end": sum(r["b_ended"] not in _EXPECTED for r in rows),
        "max_diff_pct": max(diffs) if diffs else math.nan,
        "median_diff_pct": sorted(diffs)[len(diffs) // 2] if diffs else math.nan,
        "max_share_pct": max(shares) if shares else math.nan,
    }


def _progress(cases: list[Case]) -> Any:
    from tqdm import tqdm

    return tqdm(cases, unit="case", file=sys.stderr, dynamic_ncols=True)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half-cells", action="store_true",
                    help="the NMC811 | Li half-cell grid instead of the full cells")
    ap.add_argument("--quick", action="store_true",
                    help=f"every {QUICK_EVERY}th case only (an evenly spread subset)")
    ap.add_argument("--every", type=int, default=1, help="every Nth case only")
    ap.add_argument("--out", help="CSV file, one row per case")
    args = ap.parse_args(argv)
    cells = half_cells() if args.half_cells else full_cells()
    cases = build_grid(list(cells), QUICK_EVERY if args.quick else args.every)
    rows: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    out = open(args.out, "w", newline="") if args.out else None  # noqa: SIM115
    try:
        writer = csv.DictWriter(out, FIELDS) if out else None
        if writer:
            writer.writeheader()
        bar = _progress(cases)
        for case in bar:
            bar.set_postfix_str(case.label())
            rows.append(run_case(case, cells))
            if writer and out:
                writer.writerow(rows[-1])
                out.flush()
    finally:
        if out:
            out.close()
    print(f"{len(rows)} cases in {time.perf_counter() - t0:.0f} s")
    for key, value in summary(rows).items():
        print(f"  {key}: {value:.4g}" if isinstance(value, float) else f"  {key}: {value}")
    for r in rows:
        if (r["a_retry"] or r["a_ended"] != r["b_ended"]
                or {r["a_ended"], r["b_ended"]} - set(_EXPECTED)):
            print(f"  {r['cell']} {r['mesh']} {r['temperature_K']} K {r['start']} "
                  f"{r['c_rate']}C: at RTOL {r['a_loose_ended']}, (a) {r['a_ended']} "
                  f"{r['a_error'][:120]} (b) {r['b_ended']} {r['b_error'][:120]} "
                  f"|a-b| {r['diff_pct']:.3g} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
