"""Open-circuit potential curves and electrochemical data of active materials, with sources.

A curve is a table of points (stoichiometry = lithium fraction of the host, V vs Li/Li+). It is
only ever evaluated inside the range of its points: :meth:`OcpCurveData.evaluate` clips the
stoichiometry to the data range, the PyBaMM adapter does the same and adds events that stop a
simulation when a particle surface reaches the end of the data (one evaluation outside the data
crashed PyBaMM's solver out of memory).

Where a curve comes from, in order:

1. the knowledge base (``Material.ocp``, with its own source);
2. the curves bundled with the simulation (``simulation/data/ocp_curves.csv``, measured OCP
   data of published parameter sets, see ``simulation/data/ATTRIBUTION.md``).

Otherwise :func:`ocp_for` raises :class:`~solidcell.errors.UnsupportedError` saying what is
missing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from solidcell.errors import UnsupportedError, ValidationError

#: What ends a discharge at the ends of the OCP data (``ocp_ends`` of the PyBaMM adapter and of
#: the fast model): "auto" (default) is "wall" for a cell whose composite electrodes' data
#: leave room for it (:func:`wall_fits`; half and, since 2026-12-07, full cells) and "stop"
#: elsewhere
#: (``pybamm_adapter.resolve_ocp_ends``, per parameter set; the fast model per design); "stop"
#: ends it when a particle surface reaches an end of its data; "wall" continues the OCP beyond
#: each end with a steep smooth wall (:func:`wall_V`), so that a saturated particle surface takes
#: no more lithium, the reaction moves to the other particles and the discharge ends at the
#: voltage cut-off. A numerical constraint, not data: the measured window stays the material's
#: capacity. Measured on the Lee 2020 cell (docs/validation.md; 2026-12-07, its NMC811 D at
#: 60 degC): the capacity ratios between rates agree within 0.02 points for wall slopes of 100
#: to 1000 V per unit stoichiometry (0.08 with the 298.15 K D); at
#: 1000 V (smoothing 5e-4) 2 of 24 solves of 6 NMC811 validation designs (seed 7) failed to
#: converge (IDA), none at these values; the wall holds lithium beyond the data: 0.02C delivers
#: 101.02 % of the window (Lee cell; 0.2C 0.39 % more than with a 1000 V wall; 100.92 % and
#: 0.39 % with the 298.15 K D).
OCP_ENDS = ("auto", "stop", "wall")
#: Wall slope [V per unit stoichiometry], smoothing width and offset beyond the data end
#: (softplus; the wall moves the OCP at the data end by 5.4 mV, by < 1 mV from 0.0017
#: inside it), and where its events sit beyond the data end (the OCP there 3.6 V beyond the
#: data end's, past any cut-off). Numerics (see OCP_ENDS).
WALL_SLOPE_V, WALL_SMOOTHING, WALL_OFFSET, WALL_WIDTH = 300.0, 1e-3, 4e-3, 1.6e-2


def wall_fits(lower: Any, upper: Any) -> Any:
    """Whether the wall beyond OCP data from stoichiometry ``lower`` to ``upper`` fits inside
    (0, 1) with its width :data:`WALL_WIDTH` (the exchange current vanishes at 0 and 1);
    element-wise for arrays."""
    return (np.asarray(lower) - WALL_WIDTH > 0) & (np.asarray(upper) + WALL_WIDTH < 1)


def wall_V(z: Any, softplus: Any = None) -> Any:
    """Smooth ramp [V] of slope :data:`WALL_SLOPE_V` for ``z`` > 0 (stoichiometry beyond
    :data:`WALL_OFFSET` past the data end), about 0 below: ``slope w softplus(z / w)``, ``w``
    :data:`WALL_SMOOTHING`. ``softplus``: ``log(1 + exp(x))`` of the caller's algebra (PyBaMM
    symbols); default NumPy's, overflow-free (``logaddexp(0, x)``)."""
    f = (lambda x: np.logaddexp(0.0, x)) if softplus is None else softplus
    return WALL_SLOPE_V * WALL_SMOOTHING * f(z / WALL_SMOOTHING)


def with_walls_V(u: Any, stoichiometry: Any, lower: Any, upper: Any,
                 softplus: Any = None) -> Any:
    """The OCP ``u`` [V] (evaluated at the stoichiometry clipped to [lower, upper]) with the
    walls of :data:`OCP_ENDS`: falling beyond the lithiated (upper) end, rising beyond the
    delithiated (lower) one."""
    return (u - wall_V(stoichiometry - upper - WALL_OFFSET, softplus)
            + wall_V(lower - WALL_OFFSET - stoichiometry, softplus))


@dataclass(frozen=True)
class OcpCurveData:
    """An OCP curve: strictly increasing stoichiometry points and voltages vs Li/Li+ [V]."""

    material: str
    stoichiometry: tuple[float, ...]
    voltage_V: tuple[float, ...]
    source: str
    note: str = ""

    def __post_init__(self) -> None:
        try:
            x = np.asarray(self.stoichiometry, float)
            y = np.asarray(self.voltage_V, float)
        except (TypeError, ValueError):
            raise ValidationError("ocp", self.material, "stoichiometry and voltage must be "
                                  "sequences of numbers") from None
        if x.ndim != 1 or x.size < 2 or x.shape != y.shape:
            raise ValidationError("ocp", x.size, "needs >= 2 (stoichiometry, voltage) pairs")
        if not np.all(np.isfinite(x)) or np.any(np.diff(x) <= 0) or x[0] < 0 or x[-1] > 1:
            raise ValidationError("ocp.stoichiometry", self.material,
                                  "points must increase strictly inside [0, 1]")
        if not np.all(np.isfinite(y)):
            raise ValidationError("ocp.voltage", self.material, "must be finite")

    @property
    def lower(self) -> float:
        """Lowest stoichiometry with data."""
        return float(self.stoichiometry[0])

    @property
    def upper(self) -> float:
        """Highest stoichiometry with data."""
        return float(self.stoichiometry[-1])

    @property
    def x(self) -> np.ndarray:
        return np.asarray(self.stoichiometry, float)

    @property
    def y(self) -> np.ndarray:
        return np.asarray(self.voltage_V, float)

    def evaluate(self, stoichiometry: ArrayLike) -> np.ndarray:
        """OCP [V] by linear interpolation, the stoichiometry clipped to the data range."""
        s = np.clip(np.asarray(stoichiometry, float), self.lower, self.upper)
        return np.interp(s, self.x, self.y)

    def mean_voltage(self, lower: float, upper: float) -> float:
        """Mean OCP [V] over a stoichiometry window (the open-circuit energy per charge)."""
        s = np.linspace(max(lower, self.lower), min(upper, self.upper), 401)
        return float(np.mean(self.evaluate(s)))


@lru_cache(maxsize=1)
def _bundled() -> dict[str, OcpCurveData]:
    folder = resources.files("solidcell.simulation.data")
    meta = active_material_table()
    points: dict[str, list[tuple[float, float, str]]] = {}
    with folder.joinpath("ocp_curves.csv").open("r", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            points.setdefault(row["material"], []).append(
                (float(row["stoichiometry"]), float(row["voltage_V"]), row["source"]))
    curves = {}
    for mid, pts in points.items():
        note = str(meta.get(mid, {}).get("ocp", {}).get("note", ""))
        curves[mid] = OcpCurveData(mid, tuple(p[0] for p in pts), tuple(p[1] for p in pts),
                                   pts[0][2], note)
    return curves


@lru_cache(maxsize=1)
def active_material_table() -> dict[str, dict[str, Any]]:
    """Electrochemical parameters of active materials (``active_materials.yaml``)."""
    text = resources.files("solidcell.simulation.data").joinpath(
        "active_materials.yaml").read_text("utf-8")
    return read_active_materials(text)


def read_active_materials(text: str) -> dict[str, dict[str, Any]]:
    """The YAML ``text`` of an active-materials table, read strictly
    (:func:`solidcell.textio.load_yaml`): a key given twice, e.g. an OCP ``note`` or a
    material's ``diffusivity``, is refused naming its lines (``yaml.safe_load`` kept the last)."""
    from solidcell.textio import load_yaml

    return load_yaml(text)


def bundled_materials() -> tuple[str, ...]:
    """Material ids with a bundled OCP curve and electrochemical parameters."""
    return tuple(sorted(_bundled()))


def ocp_for(material: Any) -> OcpCurveData:
    """The OCP curve of ``material`` (a Material or an id): knowledge base first, then bundled."""
    mid = material if isinstance(material, str) else getattr(material, "id", None)
    if not isinstance(mid, str):
        raise ValidationError("material", material,
                              "must be a material id (e.g. 'nmc811') or a Material")
    kb = None if isinstance(material, str) else getattr(material, "ocp", None)
    if kb is not None:
        return OcpCurveData(mid, tuple(kb.stoichiometry), tuple(kb.voltage), kb.source, kb.note)
    curves = _bundled()
    if mid in curves:
        return curves[mid]
    raise UnsupportedError(
        f"material {mid!r} has no open-circuit potential curve with a source (neither in the "
        f"knowledge base, Material.ocp, nor bundled: {', '.join(sorted(curves))}); a "
        "physics-based simulation needs one. Add the measured curve to the material's 'ocp'."
    )
