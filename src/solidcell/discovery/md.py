"""Li diffusivity from molecular dynamics and its Arrhenius extrapolation (optional ``md`` extra).

Two layers:

* analysis (NumPy only, always available): :func:`msd`, :func:`diffusivity_from_positions`
  (Einstein relation, block-averaged error) and :func:`arrhenius_extrapolation` (weighted fit
  of ln D against 1/T with the covariance propagated to the target temperature), and
  :func:`conductivity_from_diffusivity` (Nernst-Einstein, via
  :func:`solidcell.chemistry.transport.nernst_einstein_conductivity`);
* simulation (:func:`run_md`, needs ``pip install solidcell[md]``: CHGNet and torch): relax the
  structure, equilibrate and run NVT at each temperature with the CHGNet universal potential
  (Deng et al., Nat. Mach. Intell. 5, 1031 (2023)), then the analysis above. With a Dask
  scheduler address the temperatures run in parallel on the cluster.

Cost: a sound estimate needs ~150 atoms and ~50 ps per temperature at 4-5 temperatures; on a
laptop CPU that is hours per material. The tests run the workflow on a tiny cell for a few
femtoseconds only, to check the plumbing, not the physics.

Einstein relation: MSD(t) = 2 d D t in d dimensions, so D = slope / (2 d). The slope is fitted
over the lag times between ``fit_start`` and ``fit_stop`` (fractions of the trajectory), and the
estimate and its standard error are the mean and standard error of D over ``n_blocks``
consecutive blocks of the trajectory (Frenkel & Smit, Understanding Molecular Simulation,
2nd ed., 2002, block averaging).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from solidcell.checks import is_real
from solidcell.dask_adapter import as_completed, check_scheduler, connected
from solidcell.errors import ValidationError

K_B_EV = 8.617333262e-5  # Boltzmann constant [eV/K] (CODATA 2018, exact)
#: codata2018: the Boltzmann constant and elementary charge of Arrhenius and Nernst-Einstein
MD_SOURCES = ("deng2023_chgnet", "frenkel2002_md", "codata2018")


def _positions(positions: Any) -> np.ndarray:
    pos = np.asarray(positions, dtype=float)
    if pos.ndim != 3 or pos.shape[2] not in (1, 2, 3) or pos.shape[0] < 4 or pos.shape[1] < 1:
        raise ValidationError("positions", getattr(pos, "shape", None),
                              "unwrapped positions shaped (n_frames >= 4, n_atoms, dim)")
    if not np.isfinite(pos).all():
        raise ValidationError("positions", "non-finite values", "finite coordinates")
    return pos


def msd(positions: Any, max_lag: int | None = None) -> np.ndarray:
    """Mean-squared displacement [length^2] against lag (frames 0..max_lag), averaged over
    atoms and all time origins. ``positions``: unwrapped, shaped (n_frames, n_atoms, dim)."""
    pos = _positions(positions)
    n = pos.shape[0]
    max_lag = n - 1 if max_lag is None else int(max_lag)
    if not 1 <= max_lag < n:
        raise ValidationError("max_lag", max_lag, f"between 1 and {n - 1}")
    out = np.zeros(max_lag + 1)
    for lag in range(1, max_lag + 1):
        d = pos[lag:] - pos[:-lag]
        out[lag] = float((d**2).sum(axis=2).mean())
    return out


@dataclass(frozen=True)
class Diffusivity:
    """Tracer diffusivity of one species at one temperature, from an MD trajectory."""

    temperature_K: float
    diffusivity_m2_s: float
    standard_error_m2_s: float
    n_atoms: int
    duration_s: float
    sources: tuple[str, ...] = field(default=MD_SOURCES)

    def to_json(self) -> dict[str, Any]:
        return {"Temperature [K]": self.temperature_K,
                "Diffusivity [m2.s-1]": self.diffusivity_m2_s,
                "Diffusivity standard error [m2.s-1]": self.standard_error_m2_s,
                "Atoms": self.n_atoms, "Duration [s]": self.duration_s,
                "sources": list(self.sources)}


def _slope_d(pos: np.ndarray, dt: float, fit_start: float, fit_stop: float) -> float:
    n, _, dim = pos.shape
    lags = np.arange(n)
    m = msd(pos)
    lo = max(1, round(fit_start * (n - 1)))
    hi = max(lo + 1, round(fit_stop * (n - 1)))
    slope = np.polyfit(lags[lo:hi + 1] * dt, m[lo:hi + 1], 1)[0]
    return float(slope / (2 * dim))


def diffusivity_from_positions(
    positions: Any, timestep_s: float, temperature_K: float, *, length_unit_m: float = 1e-10,
    fit_start: float = 0.1, fit_stop: float = 0.6, n_blocks: int = 4,
) -> Diffusivity:
    """D [m2/s] of the atoms in ``positions`` (unwrapped, (n_frames, n_atoms, dim), in units of
    ``length_unit_m``, default Angstrom), frames ``timestep_s`` apart.

    With ``n_blocks`` >= 2, D is the mean of the fits on ``n_blocks`` consecutive blocks and its
    standard error std(D_block) / sqrt(n_blocks); otherwise D is fitted on the whole trajectory
    and the error is 0 (unknown).
    """
    pos = _positions(positions) * float(length_unit_m)
    # real numbers, NumPy ones too, never a bool; temperature_K=inf was accepted (1/T = 0)
    if not (is_real(timestep_s) and timestep_s > 0 and math.isfinite(timestep_s)):
        raise ValidationError("timestep_s", timestep_s, "a time step > 0 s")
    if not (is_real(temperature_K) and temperature_K > 0 and math.isfinite(temperature_K)):
        raise ValidationError("temperature_K", temperature_K, "a finite temperature > 0 K")
    if not 0 <= fit_start < fit_stop <= 1:
        raise ValidationError("fit_start/fit_stop", (fit_start, fit_stop),
                              "fractions with 0 <= fit_start < fit_stop <= 1")
    d = _slope_d(pos, timestep_s, fit_start, fit_stop)
    err = 0.0
    if n_blocks >= 2:  # block averaging
        size = pos.shape[0] // n_blocks
        if size < 4:
            raise ValidationError("n_blocks", n_blocks,
                                  f"at most {pos.shape[0] // 4} for {pos.shape[0]} frames")
        blocks = [_slope_d(pos[i * size:(i + 1) * size], timestep_s, fit_start, fit_stop)
                  for i in range(n_blocks)]
        d = float(np.mean(blocks))
        err = float(np.std(blocks, ddof=1) / math.sqrt(n_blocks))
    return Diffusivity(float(temperature_K), d, err, pos.shape[1],
                       float(timestep_s * (pos.shape[0] - 1)))


@dataclass(frozen=True)
class ArrheniusFit:
    """ln D = ln D0 - Ea / (k T), fitted to MD diffusivities, extrapolated to a target T."""

    activation_energy_eV: float
    activation_energy_error_eV: float
    prefactor_m2_s: float
    target_temperature_K: float
    diffusivity_m2_s: float
    log10_diffusivity_error: float  # 1-sigma, in log10 units, at the target temperature
    points: tuple[Diffusivity, ...]
    li_per_m3: float | None = None  # carrier density, for the Nernst-Einstein conductivity
    sources: tuple[str, ...] = field(default=MD_SOURCES)

    @property
    def conductivity_S_m(self) -> float | None:
        """Nernst-Einstein conductivity at the target temperature (Haven ratio 1) [S/m]."""
        if self.li_per_m3 is None:
            return None
        return conductivity_from_diffusivity(self.diffusivity_m2_s, self.li_per_m3,
                                             self.target_temperature_K)

    def to_json(self) -> dict[str, Any]:
        sigma = self.conductivity_S_m
        return {"Activation energy [eV]": self.activation_energy_eV,
                "Activation energy standard error [eV]": self.activation_energy_error_eV,
                "Prefactor [m2.s-1]": self.prefactor_m2_s,
                "Target temperature [K]": self.target_temperature_K,
                "Diffusivity at target [m2.s-1]": self.diffusivity_m2_s,
                "Log10 diffusivity standard error": self.log10_diffusivity_error,
                "Ionic conductivity at target [S.m-1]": sigma,
                "Log10 ionic conductivity at target [S.cm-1]":
                    None if sigma is None else math.log10(sigma) - 2.0,
                "Points": [p.to_json() for p in self.points], "sources": list(self.sources)}


def arrhenius_extrapolation(points: Sequence[Diffusivity], target_temperature_K: float = 300.0
                            ) -> ArrheniusFit:
    """Weighted least squares of ln D on 1/T (weights 1/var(ln D) from the standard errors;
    equal weights when none are given) and the 1-sigma error of ln D at the target, from the
    parameter covariance (scaled by the reduced chi-square when there are more than 2 points)."""
    pts = tuple(points)
    if len(pts) < 2 or len({p.temperature_K for p in pts}) < 2:
        raise ValidationError("points", len(pts), "diffusivities at two or more temperatures")
    if any(p.diffusivity_m2_s <= 0 for p in pts):
        raise ValidationError("points", [p.diffusivity_m2_s for p in pts],
                              "positive diffusivities (a non-diffusing run cannot be fitted)")
    if not (is_real(target_temperature_K) and target_temperature_K > 0
            and math.isfinite(target_temperature_K)):
        raise ValidationError("target_temperature_K", target_temperature_K, "a finite temperature "
                              "> 0 K")
    x = np.array([1.0 / p.temperature_K for p in pts])
    y = np.log([p.diffusivity_m2_s for p in pts])
    rel = np.array([p.standard_error_m2_s / p.diffusivity_m2_s for p in pts])
    w = 1.0 / rel**2 if np.all(rel > 0) else np.ones_like(x)
    A = np.stack([np.ones_like(x), x], axis=1)
    cov = np.linalg.inv(A.T @ (w[:, None] * A))
    beta = cov @ A.T @ (w * y)
    resid = y - A @ beta
    if len(pts) > 2:
        chi2 = float((w * resid**2).sum() / (len(pts) - 2))
        cov = cov * (chi2 if not np.all(rel > 0) else max(chi2, 1.0))
    elif not np.all(rel > 0):
        cov = cov * 0.0  # two unweighted points: an exact line, no error estimate
    xt = np.array([1.0, 1.0 / target_temperature_K])
    ln_dt = float(xt @ beta)
    ln_err = float(math.sqrt(max(xt @ cov @ xt, 0.0)))
    return ArrheniusFit(
        activation_energy_eV=float(-beta[1] * K_B_EV),
        activation_energy_error_eV=float(math.sqrt(max(cov[1, 1], 0.0)) * K_B_EV),
        prefactor_m2_s=float(math.exp(beta[0])), target_temperature_K=float(target_temperature_K),
        diffusivity_m2_s=math.exp(ln_dt), log10_diffusivity_error=ln_err / math.log(10),
        points=pts)


def conductivity_from_diffusivity(diffusivity_m2_s: float, li_per_m3: float,
                                  temperature_K: float, haven_ratio: float = 1.0) -> float:
    """Nernst-Einstein conductivity [S/m] of Li+ (z = 1) from the tracer diffusivity."""
    from solidcell.chemistry.transport import nernst_einstein_conductivity

    return float(nernst_einstein_conductivity(diffusivity_m2_s, li_per_m3, temperature_K,
                                              1, haven_ratio))


# --------------------------------------------------------------------------- CHGNet workflow


def _require_chgnet() -> Any:
    try:
        import chgnet  # noqa: F401
        from chgnet.model import StructOptimizer  # noqa: F401
    except ImportError:
        from solidcell.errors import UnsupportedError

        raise UnsupportedError(
            "molecular dynamics needs the optional 'md' extra: pip install 'solidcell[md]' "
            "(CHGNet and a CPU build of torch)") from None


def _unwrap(frac: np.ndarray, cell: np.ndarray) -> np.ndarray:
    """Cartesian positions (n_frames, n_atoms, 3) from fractional ones, undoing jumps across the
    periodic boundary between consecutive frames (minimum image; fixed cell, as in NVT)."""
    steps = np.diff(frac, axis=0)
    steps -= np.round(steps)
    unwrapped = np.concatenate([frac[:1], frac[:1] + np.cumsum(steps, axis=0)])
    return unwrapped @ cell


def _run_one(structure_dict: dict[str, Any], temperature_K: float, timestep_fs: float,
             equilibration_steps: int, production_steps: int, log_interval: int,
             species: str, seed: int) -> Diffusivity:
    """One temperature: equilibrate and run NVT (CHGNet), then the diffusivity of ``species``."""
    from chgnet.model.dynamics import MolecularDynamics
    from pymatgen.core import Structure

    structure = Structure.from_dict(structure_dict)
    np.random.seed(seed)  # initial Maxwell-Boltzmann velocities
    md = MolecularDynamics(atoms=structure, ensemble="nvt", temperature=temperature_K,
                           starting_temperature=temperature_K,
                           timestep=timestep_fs, trajectory=None, logfile=None,
                           loginterval=log_interval, use_device="cpu")
    if equilibration_steps:
        md.run(equilibration_steps)
    mask = np.array([s == species for s in md.atoms.get_chemical_symbols()])
    frames: list[np.ndarray] = []

    def record() -> None:
        frames.append(md.atoms.get_scaled_positions(wrap=False)[mask].copy())

    record()
    md.dyn.attach(record, interval=log_interval)
    md.run(production_steps)
    pos = _unwrap(np.stack(frames[: production_steps // log_interval + 1]),
                  np.asarray(md.atoms.cell))
    dt = timestep_fs * 1e-15 * log_interval
    n_blocks = 4 if pos.shape[0] >= 16 else 0
    return diffusivity_from_positions(pos, dt, temperature_K, n_blocks=n_blocks)


def _check_run_args(temperatures_K: Any, timestep_fs: Any, equilibration_steps: Any,
                    production_steps: Any, log_interval: Any, target_temperature_K: Any
                    ) -> list[float]:
    """The temperatures [K] of :func:`run_md` as floats, after checking its numbers before any
    work: NaN or infinite temperatures passed (``t <= 0`` is False for NaN), a text raised
    ValueError, and a bad step count or log interval failed after the relaxation and MD (a
    ZeroDivisionError, or ``positions`` refused for fewer than 4 recorded frames)."""
    from solidcell.checks import is_integer

    allowed = "two or more finite temperatures > 0 K, e.g. (600, 800, 1000)"
    if isinstance(temperatures_K, str) or not hasattr(temperatures_K, "__iter__"):
        raise ValidationError("temperatures_K", temperatures_K, allowed)
    temps = list(temperatures_K)
    if len(temps) < 2 or not all(is_real(t) and math.isfinite(t) and t > 0 for t in temps):
        raise ValidationError("temperatures_K", temperatures_K, allowed)
    for name, value in (("timestep_fs", timestep_fs),
                        ("target_temperature_K", target_temperature_K)):
        if not (is_real(value) and math.isfinite(value) and value > 0):
            raise ValidationError(name, value, "a finite number > 0")
    for name, value, least in (("equilibration_steps", equilibration_steps, 0),
                               ("log_interval", log_interval, 1),
                               ("production_steps", production_steps, 1)):
        if not (is_integer(value) and value >= least):
            raise ValidationError(name, value, f"a whole number >= {least}")
    if production_steps // log_interval < 3:  # diffusivity_from_positions needs 4 frames
        raise ValidationError("production_steps", production_steps,
                              f"a production of at least {3 * log_interval} time steps (4 "
                              f"recorded frames, one every {log_interval} steps)")
    return [float(t) for t in temps]


def run_md(
    structure: Any,
    temperatures_K: Sequence[float] = (600.0, 700.0, 800.0, 900.0, 1000.0),
    *,
    timestep_fs: float = 2.0,
    equilibration_steps: int = 2_500,
    production_steps: int = 25_000,
    log_interval: int = 10,
    relax: bool = True,
    target_temperature_K: float = 300.0,
    species: str = "Li",
    scheduler: str | Any | None = None,
    seed: int = 0,
    progress: Any = None,
    scheduler_timeout_s: float | None = None,
) -> ArrheniusFit:
    """Relax ``structure`` (pymatgen Structure or CIF path), run CHGNet NVT at each
    temperature, fit D(T) and extrapolate to ``target_temperature_K``.

    A CIF path is read first, before a scheduler is connected to or CHGNet is needed, as
    ``predict`` reads one (:func:`solidcell.discovery.predict.read_cif`): a missing or empty
    path, a file pymatgen cannot read and a file of several structures are refused naming
    ``structure``, and so are a file of more than
    :func:`~solidcell.discovery.predict.max_cif_bytes` bytes, from its size before it is read,
    and a cell of more atoms than the atom-site rows that bound is derived from
    (:func:`~solidcell.discovery.predict.max_cell_atoms`), counted before pymatgen builds it (a
    cell written in short rows holds far more atoms per byte). A Structure is taken as given.

    Defaults (2 fs, 5 ps equilibration + 50 ps production per temperature) are the minimum
    for a sound estimate and cost hours per material on a CPU. ``scheduler``: a Dask scheduler
    address (``tcp://host:8786``) or a ``dask.distributed.Client``; the temperatures then run as
    tasks on that cluster (each worker needs the md extra). An address is connected to first,
    before CHGNet is loaded and the structure relaxed, waiting ``scheduler_timeout_s`` [s]
    (> 0, only with an address; None: Dask's setting ``distributed.comm.timeouts.connect``,
    see :mod:`solidcell.dask_adapter`). ``progress(done, total)`` is called after each
    temperature. The result carries the Li density of the (relaxed) cell, so
    ``result.conductivity_S_m`` is the Nernst-Einstein conductivity at the target temperature
    (Haven ratio 1: an upper estimate when Li motion is correlated).
    """
    check_scheduler(scheduler, scheduler_timeout_s)
    temps = _check_run_args(temperatures_K, timestep_fs, equilibration_steps, production_steps,
                            log_interval, target_temperature_K)
    say = progress or (lambda _done, _total: None)
    if isinstance(structure, str | Path):  # read before any cluster or CHGNet is needed
        from solidcell.discovery.predict import read_cif

        # one structure, of a file of at most max_cif_bytes() and a cell of at most the
        # atoms that bound is derived from, counted before pymatgen builds it
        structure = read_cif(structure, "structure")
    from pymatgen.core import Structure

    if not isinstance(structure, Structure):
        raise ValidationError("structure", structure, "a pymatgen Structure or the path of a "
                              "CIF file")
    if species not in {str(el) for el in structure.composition.elements}:
        raise ValidationError("species", species, f"an element of {structure.formula}")
    # the scheduler next: an unreachable one is told in seconds, not after the relaxation
    with connected(scheduler, scheduler_timeout_s) as client:
        _require_chgnet()
        if relax:
            from chgnet.model import StructOptimizer

            structure = StructOptimizer().relax(structure, verbose=False)["final_structure"]
        args = [(structure.as_dict(), t, timestep_fs, equilibration_steps, production_steps,
                 log_interval, species, seed + i) for i, t in enumerate(temps)]
        if client is not None:
            futures = [client.submit(_run_one, *a, pure=False) for a in args]
            for k, _ in enumerate(as_completed(futures)):
                say(k + 1, len(futures))
            points = client.gather(futures)
        else:
            points = []
            for k, a in enumerate(args):
                points.append(_run_one(*a))
                say(k + 1, len(args))
    from dataclasses import replace

    n_li = structure.composition[species] if species == "Li" else 0.0
    li_per_m3 = float(n_li / (structure.volume * 1e-30)) if n_li else None
    return replace(arrhenius_extrapolation(points, target_temperature_K), li_per_m3=li_per_m3)
