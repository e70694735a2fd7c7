"""The architectures of the review's Table 7 as numbers: comparison, bipolar gain, and the
conductivity below which a 3D cell beats a planar one.

- :func:`compare` evaluates designs (one per architecture) with the same
  :func:`~solidcell.cell.energy.core` and lists energy, power with its range, interface area
  per footprint and ion path length, so that "moderate / high / very high" become numbers.
- :func:`bipolar_gain`: a bipolar stack of n cells in one package against n monopolar cells
  of the same layers, each in its own package, at the same voltage (cell level: the package
  mass and volume; pack level: the busbars between the n cells).
- :func:`crossover`: for a required C-rate, the planar design's cathode is thinned until its
  transport limit meets the rate (below); the 3D design keeps its geometry
  and counts only where it meets the rate. The crossover is the highest electrolyte
  conductivity at which the 3D design stores more energy per mass than the rate-limited
  planar one; the band where it does ends below at the lowest conductivity of that run (at
  lower conductivity the 3D design itself cannot carry the rate).

Planar rate limit: a current I = c Q_d(t) (c: C-rate of the delivered capacity Q_d = (1 - net
loss) k t, k the capacity per layer volume, t: cathode thickness, the net loss the first-cycle
loss less what the anode's lithium supplies, ``net_first_cycle_loss``) through R(t) = R0 +
t/(3 sigma_eff) (``newman1975``) drops dV = I R(t); I R(t) grows with t, so the thickest
cathode that meets the rate, t*, is found by bisection on :func:`~solidcell.cell.energy.core`'s
ohmic C-rate limit (:func:`thickest_meeting_rate`; without held lithium it is the root
(-b + sqrt(b^2 + 4 a dV)) / (2a) with a = c k_d / (3 sigma_eff), b = c k_d R0, k_d = (1 - loss)
k; sigma_eff as in :func:`~solidcell.cell.energy.effective_conductivity`: Bruggeman, or the
layer's measured tortuosity factor). A composite anode with solid electrolyte, sized by N/P,
thins with the cathode (core sizes it from the thinned cathode). A t* thinner than one
active particle (or an anode thinned below its own,
:func:`~solidcell.cell.design.particle_bounds`) makes no planar cell: its energy is 0 there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from solidcell.cell.design import THREE_D_KINDS, CellDesign
from solidcell.cell.energy import (
    DEFAULT_POLARISATION_V,
    MODEL_SOURCES,
    EnergyResult,
    as_design,
    check_polarisation,
    core,
    design_parameters,
    evaluate,
)
from solidcell.errors import ValidationError


@dataclass(frozen=True)
class ArchitectureRow:
    name: str
    architecture: str
    stack_Wh_kg: float
    stack_Wh_L: float
    cell_Wh_kg: float
    cell_Wh_L: float
    cell_W_kg: float
    cell_W_kg_low: float
    cell_W_kg_high: float
    max_c_rate_h: float
    interface_area_per_footprint: float
    ion_path_length_m: float
    cell_voltage_V: float
    temperature_K: float


@dataclass(frozen=True)
class ArchitectureComparison:
    """One row per design; ``sources`` of every number used."""

    rows: tuple[ArchitectureRow, ...]
    sources: tuple[str, ...]
    #: per design: power not computed, conductivity outside its data or above melting
    notes: tuple[str, ...] = ()

    COLUMNS = ("Name", "Architecture", "Stack gravimetric energy density [W.h.kg-1]",
               "Stack volumetric energy density [W.h.L-1]",
               "Cell gravimetric energy density [W.h.kg-1]",
               "Cell volumetric energy density [W.h.L-1]", "Cell specific power [W.kg-1]",
               "Cell specific power low [W.kg-1]", "Cell specific power high [W.kg-1]",
               "Maximum C-rate [h-1]", "Interface area per footprint area",
               "Ion path length [m]", "Cell voltage [V]", "Temperature [K]")

    def table(self) -> list[list[Any]]:
        return [[getattr(r, f) for f in ArchitectureRow.__dataclass_fields__]
                for r in self.rows]

    def to_json(self) -> dict[str, Any]:
        def clean(x: Any) -> Any:
            return None if isinstance(x, float) and not math.isfinite(x) else x

        return {"rows": [dict(zip(self.COLUMNS, map(clean, row), strict=True))
                         for row in self.table()], "notes": list(self.notes),
                "sources": list(self.sources)}


def _row(design: CellDesign, r: EnergyResult) -> ArchitectureRow:
    v = r.values
    return ArchitectureRow(
        design.name, design.architecture.kind,
        v["Stack gravimetric energy density [W.h.kg-1]"],
        v["Stack volumetric energy density [W.h.L-1]"],
        v["Cell gravimetric energy density [W.h.kg-1]"],
        v["Cell volumetric energy density [W.h.L-1]"], v["Cell specific power [W.kg-1]"],
        r.power_range_W_kg[0], r.power_range_W_kg[1], v["Maximum C-rate [h-1]"],
        v["Interface area per footprint area"], v["Ion path length [m]"],
        v["Cell voltage [V]"], design.temperature_K)


def compare(designs: list[CellDesign],
            max_polarisation_V: float = DEFAULT_POLARISATION_V) -> ArchitectureComparison:
    """Energy and power of each design (e.g. one per architecture of Table 7); a design is a
    CellDesign or a YAML/JSON path or text, as :func:`~solidcell.cell.energy.evaluate` takes."""
    if isinstance(designs, CellDesign | str | bytes) or hasattr(designs, "__fspath__") \
            or not isinstance(designs, list | tuple):
        shown = f"CellDesign {designs.name!r}" if isinstance(designs, CellDesign) else designs
        raise ValidationError("designs", shown, "must be a list of designs (CellDesign, "
                              "YAML/JSON path or text); put a single design in a list")
    if not designs:
        raise ValidationError("designs", [], "give at least one design")
    designs = [as_design(d, f"designs[{i}]") for i, d in enumerate(designs)]
    rows, sources, notes = [], [], []
    for d in designs:
        r = evaluate(d, max_polarisation_V=max_polarisation_V)
        rows.append(_row(d, r))
        sources += r.sources
        if r.conventions["Power"].startswith("not computed"):
            notes.append(f"{d.name}: power {r.conventions['Power']}")
        notes += [f"{d.name}: {w}" for w in r.warnings]
    return ArchitectureComparison(tuple(rows), tuple(dict.fromkeys(sources)),
                                  tuple(dict.fromkeys(notes)))


@dataclass(frozen=True)
class BipolarGain:
    """A bipolar package of n cells against n monopolar cells at the same voltage."""

    cells_in_series: int
    bipolar_cell_Wh_kg: float
    bipolar_cell_Wh_L: float
    monopolar_cell_Wh_kg: float
    monopolar_cell_Wh_L: float
    bipolar_group_Wh_kg: float  # with busbars between packages (pack level, before efficiency)
    monopolar_group_Wh_kg: float
    gravimetric_gain: float  # bipolar / monopolar - 1, cell level
    volumetric_gain: float
    group_gravimetric_gain: float
    sources: tuple[str, ...]
    #: the energies [W h], masses [kg] and volumes [m3] the densities and gains are ratios of
    #: (one bipolar package; one monopolar package), and the busbar mass per series
    #: connection [kg] of the monopolar group: `bipolar-gain` shows them so each gain can be
    #: checked by hand
    bipolar_cell_energy_Wh: float = math.nan
    bipolar_cell_mass_kg: float = math.nan
    bipolar_cell_volume_m3: float = math.nan
    monopolar_cell_energy_Wh: float = math.nan
    monopolar_cell_mass_kg: float = math.nan
    monopolar_cell_volume_m3: float = math.nan
    busbar_mass_kg: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "Cells in series": self.cells_in_series,
            "Bipolar cell energy [W.h]": self.bipolar_cell_energy_Wh,
            "Bipolar cell mass [kg]": self.bipolar_cell_mass_kg,
            "Bipolar cell volume [m3]": self.bipolar_cell_volume_m3,
            "Monopolar cell energy [W.h]": self.monopolar_cell_energy_Wh,
            "Monopolar cell mass [kg]": self.monopolar_cell_mass_kg,
            "Monopolar cell volume [m3]": self.monopolar_cell_volume_m3,
            "Busbar mass per series connection [kg]": self.busbar_mass_kg,
            "Bipolar cell gravimetric energy density [W.h.kg-1]": self.bipolar_cell_Wh_kg,
            "Bipolar cell volumetric energy density [W.h.L-1]": self.bipolar_cell_Wh_L,
            "Monopolar cell gravimetric energy density [W.h.kg-1]": self.monopolar_cell_Wh_kg,
            "Monopolar cell volumetric energy density [W.h.L-1]": self.monopolar_cell_Wh_L,
            "Bipolar group gravimetric energy density [W.h.kg-1]": self.bipolar_group_Wh_kg,
            "Monopolar group gravimetric energy density [W.h.kg-1]":
                self.monopolar_group_Wh_kg,
            "Cell gravimetric gain": self.gravimetric_gain,
            "Cell volumetric gain": self.volumetric_gain,
            "Group gravimetric gain (with busbars)": self.group_gravimetric_gain,
            "sources": list(self.sources),
        }


def bipolar_gain(design: CellDesign) -> BipolarGain:
    """Gain of a bipolar design over the same layers as n monopolar cells (same voltage).

    The monopolar equivalent keeps ``format`` (one package per cell with ``n_layers``
    layers); the busbar mass per series connection is the pack's ``busbar_mass_kg`` (0
    without a pack section): the bipolar group has none inside its package, the n monopolar
    cells need n - 1.
    """
    design = as_design(design)
    arch = design.architecture
    if arch.kind != "bipolar":
        raise ValidationError("architecture.kind", arch.kind,
                              "must be 'bipolar' (architecture: {kind: bipolar, "
                              "cells_in_series: n}, "
                              "as in examples/bipolar-nmc811-lpscl-li.yaml): the gain compares "
                              "a bipolar stack with its cells in separate packages")
    n = arch.cells_in_series
    bip = evaluate(design)
    mono_design = design.replace(architecture={"kind": "planar"})
    mono = evaluate(mono_design)
    busbar = design.pack.busbar_mass_kg if design.pack is not None else 0.0
    e_bip, m_bip = bip["Cell energy [W.h]"], bip["Cell mass [kg]"]
    e_mono, m_mono = mono["Cell energy [W.h]"], mono["Cell mass [kg]"]
    group_bip = e_bip / m_bip
    group_mono = n * e_mono / (n * m_mono + (n - 1) * busbar)
    gk = bip["Cell gravimetric energy density [W.h.kg-1]"]
    mk = mono["Cell gravimetric energy density [W.h.kg-1]"]
    gl = bip["Cell volumetric energy density [W.h.L-1]"]
    ml = mono["Cell volumetric energy density [W.h.L-1]"]
    return BipolarGain(n, gk, gl, mk, ml, group_bip, group_mono, gk / mk - 1, gl / ml - 1,
                       group_bip / group_mono - 1,
                       tuple(dict.fromkeys([*bip.sources, *mono.sources])),
                       e_bip, m_bip, bip["Cell volume [m3]"], e_mono, m_mono,
                       mono["Cell volume [m3]"], busbar)


@dataclass(frozen=True)
class Crossover:
    """Energy each design delivers at ``c_rate_h`` against the electrolyte conductivity."""

    c_rate_h: float
    conductivity_S_m: np.ndarray
    planar_Wh_kg: np.ndarray  # with the cathode thinned to meet the rate
    planar_cathode_thickness_m: np.ndarray
    three_d_Wh_kg: np.ndarray  # NaN where the 3D design cannot meet the rate
    crossover_conductivity_S_m: float | None  # highest sigma where 3D stores more (None: never)
    sources: tuple[str, ...]
    #: lowest sigma of the band that ends at the crossover (3D stores more between the two;
    #: below it the 3D design cannot carry the rate or stores less); None without a crossover
    crossover_low_conductivity_S_m: float | None = None
    #: where the thinned planar cell is 0 Wh/kg because a composite layer would be thinner
    #: than one active particle (else its solid diffusion cannot carry the rate)
    planar_below_particle: np.ndarray | None = None

    def to_json(self) -> dict[str, Any]:
        def clean(a: np.ndarray) -> list[float | None]:
            return [float(x) if math.isfinite(x) else None for x in np.ravel(a)]

        return {
            "C-rate [h-1]": self.c_rate_h,
            "Ionic conductivity [S.m-1]": clean(self.conductivity_S_m),
            "Planar stack gravimetric energy density [W.h.kg-1]": clean(self.planar_Wh_kg),
            "Planar cathode thickness [m]": clean(self.planar_cathode_thickness_m),
            "3D stack gravimetric energy density [W.h.kg-1]": clean(self.three_d_Wh_kg),
            "Crossover conductivity [S.m-1]": self.crossover_conductivity_S_m,
            "Crossover band low conductivity [S.m-1]": self.crossover_low_conductivity_S_m,
            "sources": list(self.sources),
        }


def _thinner_than_particles(planar: CellDesign, cathode_thickness_m: np.ndarray) -> np.ndarray:
    """Where ``planar`` with its cathode thinned to ``cathode_thickness_m`` [m] would hold a
    composite layer thinner than one active particle (:func:`~solidcell.cell.design.
    particle_bounds`; a composite anode sized by N/P thins in proportion): no such planar
    cell meets the rate."""
    from solidcell.cell.design import bounded_thickness_m, particle_bounds

    rd = planar.resolved()
    t_cat = np.asarray(cathode_thickness_m, dtype=float)
    thin = np.zeros(t_cat.shape, dtype=bool)
    for bound in particle_bounds(rd):
        thin |= bound.below(bounded_thickness_m(bound, rd, t_cat))
    return thin


def _bound_sources(planar: CellDesign, three_d: CellDesign) -> list[str]:
    """The sources of the limits that set ``crossover``'s numbers beyond each design's own:
    the planar design's particle bounds (a material's ``particle_size``, cited where the
    design gives no ``particle_radius_m``: its 0 Wh/kg rows rest on it) and both designs'
    solid-diffusion C-rate limits (:func:`~solidcell.cell.energy.diffusion_sources`)."""
    from solidcell.cell.design import particle_bounds
    from solidcell.cell.energy import diffusion_sources

    rd = planar.resolved()
    return [*(b.source for b in particle_bounds(rd) if b.source), *diffusion_sources(rd),
            *diffusion_sources(three_d.resolved())]


def _conductivities(values: Any) -> np.ndarray:
    """The swept conductivities [S/m]: one number or a non-empty 1-D sequence of numbers, each
    finite and > 0 (text, bools, an empty or a nested sequence are refused)."""
    from solidcell.units import is_quantity

    allowed = ("must be a conductivity [S/m] or a non-empty 1-D sequence of them, each finite "
               "and > 0 with a finite reciprocal (the resistances divide by it)")
    if is_quantity(values):  # NumPy drops the unit: Q_(1, "mS/cm") was 1 S/m
        raise ValidationError("conductivity_S_m", values, f"{allowed}; plain numbers in S/m, "
                              "not a pint Quantity (solidcell.units.magnitude_in converts one)")
    try:
        if isinstance(values, str | bytes) or np.ndim(values) > 1:
            raise ValueError
        sig = np.atleast_1d(np.asarray(values, dtype=float))
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond 1.8e308
        raise ValidationError("conductivity_S_m", values, allowed) from None
    # a bool among numbers would be 1.0 S/m in the float array: looked for in the input
    numeric_array = isinstance(values, np.ndarray) and values.dtype.kind in "fiu"
    odd = not numeric_array and any(isinstance(v, bool | str | bytes)
                                    for v in np.ravel(np.asarray(values, dtype=object)))
    if sig.size == 0 or np.asarray(values).dtype == bool or odd:
        raise ValidationError("conductivity_S_m", values, allowed)
    with np.errstate(divide="ignore", over="ignore"):  # 1e-320 S/m: 1/sigma overflowed
        bad = ~np.isfinite(sig) | (sig <= 0) | ~np.isfinite(1.0 / sig)
    if bad.any():
        raise ValidationError("conductivity_S_m", float(sig[bad][0]), allowed)
    return sig


#: Halvings of :func:`thickest_meeting_rate` (the thickness to 2^-64 of the design's).
BISECTIONS = 64


def thickest_meeting_rate(params: dict[str, Any], c_rate_h: float) -> np.ndarray:
    """The thickest cathode [m], up to ``params``' own, whose ``"Ohmic C-rate limit [h-1]"``
    of :func:`~solidcell.cell.energy.core` meets ``c_rate_h`` (per element of the arrays in
    ``params``: conductivities). The limit dV / (R(t) Q_d(t)) falls as the thickness t grows
    (R and the delivered capacity Q_d both grow), so bisection finds it; core is the one rule
    of the resistance (Bruggeman or a tortuosity factor, a composite anode sized by N/P that
    thins with the cathode) and of the delivered capacity, (1 - net loss) x the capacity with
    the loss less what the anode's lithium supplies (``net_first_cycle_loss``)."""
    top = np.asarray(params["cathode_thickness_m"], dtype=float)

    def meets(t: np.ndarray) -> np.ndarray:
        limit = core({**params, "cathode_thickness_m": t})["Ohmic C-rate limit [h-1]"]
        return np.asarray(limit >= c_rate_h)

    shape = np.broadcast(top, *(v for v in params.values() if np.ndim(v))).shape
    lo, hi = np.zeros(shape), np.broadcast_to(top, shape).astype(float)
    at_top = meets(hi)
    for _ in range(BISECTIONS):
        mid = (lo + hi) / 2
        ok = meets(mid)
        lo, hi = np.where(ok, mid, lo), np.where(ok, hi, mid)
    return np.where(at_top, np.broadcast_to(top, shape), lo)


def crossover(planar: CellDesign, three_d: CellDesign, c_rate_h: float = 1.0,
              conductivity_S_m: np.ndarray | None = None,
              max_polarisation_V: float = DEFAULT_POLARISATION_V) -> Crossover:
    """Where a 3D design beats a planar one at ``c_rate_h`` (module docstring)."""
    planar, three_d = as_design(planar, "planar"), as_design(three_d, "three_d")
    if planar.architecture.kind not in ("planar", "bipolar", "thin_film"):
        raise ValidationError("planar.architecture.kind", planar.architecture.kind,
                              "must be planar, bipolar or thin_film")
    if three_d.architecture.kind not in THREE_D_KINDS:
        raise ValidationError("three_d.architecture.kind", three_d.architecture.kind,
                              "must be interdigitated_3d or vertically_aligned")
    from solidcell.checks import c_rate

    c_rate_h = c_rate("c_rate_h", c_rate_h)
    sig = np.logspace(-6, 0, 241) if conductivity_S_m is None \
        else _conductivities(conductivity_S_m)
    from solidcell.checks import real

    # text or None raised "must be real number" inside math.isfinite
    max_polarisation_V = real("max_polarisation_V", max_polarisation_V, "a voltage [V]")
    check_polarisation(max_polarisation_V)
    for d in (planar, three_d):
        check_polarisation(max_polarisation_V, d.resolved().cell_voltage_V)
    pp = design_parameters(planar.resolved(), False, max_polarisation_V)
    tp = design_parameters(three_d.resolved(), False, max_polarisation_V)
    for p in (pp, tp):
        for key in ("separator_conductivity_S_m", "cathode_electrolyte_conductivity_S_m",
                    "anode_electrolyte_conductivity_S_m"):
            p[key] = sig
    # planar: the thickest cathode, up to the design's, whose ohmic C-rate limit meets the rate
    # (core's, relative to its delivered capacity: the loss net of held lithium)
    pp["cathode_thickness_m"] = thickest_meeting_rate(pp, c_rate_h)
    out_p = core(pp)
    thin = _thinner_than_particles(planar, pp["cathode_thickness_m"])
    planar_e = np.where((out_p["Diffusion C-rate limit [h-1]"] >= c_rate_h) & ~thin,
                        out_p["Stack gravimetric energy density [W.h.kg-1]"], 0.0)
    out_t = core(tp)
    meets = out_t["Maximum C-rate [h-1]"] >= c_rate_h * (1 - 1e-9)
    three = np.where(meets, out_t["Stack gravimetric energy density [W.h.kg-1]"], np.nan)
    better = np.nan_to_num(three, nan=-1.0) > planar_e
    cross: float | None = None
    low: float | None = None
    if np.any(better):
        order = np.argsort(sig)
        ranked = better[order]
        top = int(np.nonzero(ranked)[0].max())  # highest conductivity where 3D stores more
        bottom = top
        while bottom > 0 and ranked[bottom - 1]:
            bottom -= 1
        cross, low = float(sig[order][top]), float(sig[order][bottom])
    sources = tuple(dict.fromkeys([*planar.resolved().sources, *three_d.resolved().sources,
                                   *MODEL_SOURCES, *_bound_sources(planar, three_d)]))
    return Crossover(c_rate_h, sig, planar_e, np.asarray(pp["cathode_thickness_m"]), three,
                     cross, sources, low, np.broadcast_to(thin, sig.shape))
