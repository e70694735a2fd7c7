"""Energy bookkeeping of a cell design: areal capacity, Wh/kg and Wh/L at stack, cell and pack
level with mass and volume breakdowns, and a transport-limited power estimate.

One implementation for one design and for a million: :func:`core` works on NumPy arrays of
plain parameters (see :data:`PARAMETERS`); :func:`evaluate` turns one :class:`CellDesign` into
those parameters and calls it; :func:`evaluate_many` calls it once on arrays.

Model (per footprint area of one cell layer; all SI):

- areal capacity Q = f_c t_cat v_am rho_am q_am (f_c: cathode share of the footprint, 1 for
  planar), energy E = (1 - loss) Q (V_cathode - V_anode), the loss less what the lithium a
  host anode holds at assembly supplies (``net_first_cycle_loss``: its surplus over what a
  lithium-free cathode cycles; holtstiege2018_prelithiation), at least the cathode's own
  ``cathode_first_cycle_loss``, which no held lithium supplies;
- stack = ``cells_in_series`` cells (1 unless bipolar) with half current collectors at the ends
  (repeat-unit convention) and full bipolar collectors between them; the layer breakdown
  (``"Cathode thickness [m]"``, ``"Cathode areal mass [kg.m-2]"``, ... ``"Current collector
  areal mass [kg.m-2]"``) is one repeat unit's, i.e. one cell of the stack as the design gives
  its layers (the collectors: the stack's over its n cells), and the stack's thickness and
  areal mass are n times its sum;
- cell = ``n_layers`` stacks (or a wound jelly roll filling a can, its area set by the as-built
  stack thickness), in groups of ``every`` with ``n_layers / every - 1`` insulating films
  between the groups (``format.interlayer_film``; over the electrode area), plus casing (a
  closed box or can of wall ``casing_thickness_m``), substrate and tabs; pack = cells /
  cell-to-pack efficiency plus busbars;
- lithium volume: discharged state counts the foil (or excess) only; the charged state adds
  the plated lithium (1 - loss) Q / (q_Li rho_Li) for lithium-metal and anode-free anodes;
  the lithium a host anode holds at assembly (``excess_li_thickness_m``) counts in its mass,
  not its volume (the host's as built);
- transport: area-specific resistance R = t_sep/sigma_sep + t_cat/(3 sigma_eff) + ASR_c + ASR_a
  (+ t_an/(3 sigma_eff,an) for a composite anode with solid electrolyte)
  (uniform reaction distribution in the composite, ``newman1975``), sigma_eff = sigma
  eps^1.5 (Bruggeman, ``bruggeman1935``; the separator's eps is 1 - its porosity) or, for a
  composite layer with a measured ``tortuosity_factor`` tau, sigma eps / tau
  (:func:`effective_conductivity`), with the
  geometric factors of the 3D architectures (docs/cell.md); maximum C-rate =
  min(dV / (R Q_d), 1/t_D) with Q_d = (1 - loss) Q the delivered capacity and t_D = L^2/D the
  solid diffusion time; power at that rate P = C Q_d (V - dV); matched-load power V^2/(4R).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from solidcell.cell.design import (
    CAPACITY_OVERFLOW_RULE,
    DESIGN_SECTIONS,
    FILM_EVERY_NOTE,
    FRACTION_SUM_TOLERANCE,
    HEADSPACE_ALLOWED,
    INTEGER_LIMITS,
    PLANE_ALLOWED,
    REPEAT_UNIT_RULE,
    SEAL_ALLOWED,
    THIN_FILM_CATHODE_ALLOWED,
    THIN_FILM_MAX_CATHODE_M,
    CellDesign,
    ResolvedDesign,
    _integer_words,
    _limit_words,
    capacity_overflows,
    cathode_areal_capacity_A_h_m2,
    held_lithium_thickness_m,
    host_overfilled,
    ignored_architecture_note,
    ignored_format_note,
    in_units,
    net_first_cycle_loss,
    radial_room_m,
    repeat_unit_words,
    shown_numbers,
)
from solidcell.checks import flag, instance, real
from solidcell.errors import NotFoundError, SolidcellError, ValidationError
from solidcell.materials.schema import PROPERTIES
from solidcell.reprs import concise_repr

ARCH_CODES = {"planar": 0, "bipolar": 1, "thin_film": 2, "interdigitated_3d": 3,
              "vertically_aligned": 4}
FORMAT_CODES = {"pouch": 0, "cylindrical": 1, "prismatic": 2, "thin_film": 3}
ANODE_CODES = {"li_metal": 0, "anode_free": 1, "li_in": 2, "graphite": 3, "silicon": 3,
               "lto": 3}

#: Parameters of :func:`core` (all SI floats; codes as in ARCH_CODES, FORMAT_CODES,
#: ANODE_CODES). Defaults apply where :func:`evaluate_many` is given a partial mapping.
PARAMETERS: dict[str, float] = {
    "architecture": 0, "format": 0, "anode_kind": 0, "charged": 0,
    "cathode_voltage_V": math.nan, "anode_voltage_V": 0.0,
    "cathode_capacity_Ah_kg": math.nan, "cathode_active_density_kg_m3": math.nan,
    "cathode_active_volume_fraction": math.nan, "cathode_layer_density_kg_m3": math.nan,
    "cathode_electrolyte_volume_fraction": 0.0, "cathode_thickness_m": math.nan,
    "cathode_electrolyte_conductivity_S_m": math.nan,
    # a particle coating's shell volume per active volume and the cathode's void fraction:
    # the coating must fit in the void (cell.design.check_coating_room, reason 13)
    "cathode_coating_volume_per_active_volume": 0.0, "cathode_porosity": 0.0,
    "separator_thickness_m": math.nan, "separator_density_kg_m3": math.nan,
    "separator_conductivity_S_m": math.nan, "separator_porosity": 0.0,
    "anode_capacity_density_Ah_m3": math.nan, "anode_layer_density_kg_m3": 0.0,
    "anode_np_ratio": 0.0, "anode_thickness_m": 0.0, "excess_li_thickness_m": 0.0,
    # a host's held lithium as a fraction of its capacity (``anode.prelithiation``), turned
    # into dense lithium by held_lithium_thickness_m per row; NaN: not given (the held lithium
    # is excess_li_thickness_m)
    "anode_prelithiation": math.nan,
    "anode_electrolyte_volume_fraction": 0.0, "anode_electrolyte_conductivity_S_m": math.nan,
    # NaN: not measured, Bruggeman (see effective_conductivity)
    "cathode_tortuosity_factor": math.nan, "anode_tortuosity_factor": math.nan,
    "li_density_kg_m3": math.nan, "li_capacity_Ah_kg": math.nan,
    "cathode_collector_thickness_m": math.nan, "cathode_collector_density_kg_m3": math.nan,
    "anode_collector_thickness_m": math.nan, "anode_collector_density_kg_m3": math.nan,
    "bipolar_collector_thickness_m": 0.0, "bipolar_collector_density_kg_m3": 0.0,
    "cells_in_series": 1, "n_layers": 1,
    "cathode_width_m": math.nan, "anode_width_m": 0.0, "gap_m": math.nan,
    "electrode_width_m": math.nan, "electrode_height_m": math.nan,
    "diameter_m": math.nan, "can_height_m": math.nan, "mandrel_diameter_m": 0.0,
    "casing_thickness_m": 0.0, "casing_density_kg_m3": 0.0, "seal_width_m": 0.0,
    "headspace_m": 0.0, "tab_mass_kg": 0.0,
    "interlayer_film_thickness_m": 0.0, "interlayer_film_density_kg_m3": 0.0,
    "interlayer_film_every": 1,
    "substrate_thickness_m": 0.0, "substrate_density_kg_m3": 0.0,
    "first_cycle_loss": 0.0,
    # the cathode's own first-cycle loss (sites it does not refill): a floor of the net loss
    "cathode_first_cycle_loss": 0.0,
    # 1: the cathode holds no lithium as built (sulfur); the anode's lithium is the as-built
    # (charged) state and moves into the cathode on discharge
    "cathode_lithium_free": 0.0,
    "pack_cells": math.nan, "pack_mass_efficiency": math.nan,
    "pack_volume_efficiency": math.nan, "busbar_mass_kg": 0.0,
    "cathode_interface_resistance_ohm_m2": 0.0, "anode_interface_resistance_ohm_m2": 0.0,
    # the materials' interface resistance at the row's temperature (cell.energy
    # INTERFACE_MATERIALS), used in a row whose two fields above are 0 (the design gives none)
    "materials_interface_resistance_ohm_m2": 0.0,
    "diffusion_length_m": math.nan, "active_diffusivity_m2_s": math.nan,
    "max_polarisation_V": 0.2,
}

#: Allowed polarisation of the power estimate unless given [V] (a stated convention).
DEFAULT_POLARISATION_V = 0.2


def effective_conductivity(sigma_S_m: Any, eps: Any, tortuosity_factor: Any = None) -> Any:
    """Effective ionic conductivity [S/m] of an electrolyte of conductivity ``sigma_S_m``
    [S/m] filling the volume fraction ``eps`` of a layer: ``sigma eps / tau`` with a measured
    tortuosity factor ``tau`` (>= 1; the definition of ``yanev2024_rate_limitations`` and
    ``minnmann2021_transport_bottlenecks``, Eq. 4), else Bruggeman's ``sigma eps^1.5``
    (``bruggeman1935``, i.e. tau = eps^-0.5). ``tortuosity_factor`` None or NaN: not given
    (Bruggeman). Floats or arrays (they broadcast); the one rule of every composite layer,
    separator and architecture of :func:`core` and :mod:`solidcell.cell.architectures`."""
    if tortuosity_factor is None or (np.ndim(tortuosity_factor) == 0
                                     and math.isnan(tortuosity_factor)):
        return sigma_S_m * eps**1.5
    tau = np.asarray(tortuosity_factor, dtype=float)
    given = ~np.isnan(tau)
    if given.all():
        return sigma_S_m * (eps / tortuosity_factor)
    return sigma_S_m * np.where(given, eps / np.where(given, tau, 1.0), eps**1.5)


def square_channel_factor() -> float:
    """K of a square channel of side w fed with ions through its four walls and reacting
    uniformly (a vertically aligned cathode channel): its ionic resistance per wall area is
    ``K w / sigma_eff``.

    The resistance of a uniform reaction is its dissipation over the current squared (the
    definition behind a slab's ``L/(3 sigma)``, ``newman1975``). With a uniform source j in a
    cross-section of area A and perimeter P, sigma nabla^2 phi = -j, phi = 0 on the walls, and
    Green's identity gives the dissipation j^2 J / (4 sigma) per length, J the Saint-Venant
    torsion constant of the section (Prandtl's function, nabla^2 psi = -2): resistance per
    wall area ``J P / (4 sigma A^2)``, ``J / w^4 x w / sigma`` for a square. Saint-Venant's series
    for a square, ``J / w^4 = (1 - 192/pi^5 sum_{n odd} tanh(n pi/2) / n^5) / 3 = 0.1406``
    (``oasys_gsa_rectangular_torsion``: 0.141 for a square, 1/3 for a narrow rectangle, whose
    ``J P / (4 A^2)`` is the slab's ``(w/2)/3``, the rule the channels had before: 18.6 % too
    high). The sum is taken to n = 199 (numerics: its remainder is below 1e-11)."""
    series = sum(math.tanh(n * math.pi / 2) / n**5 for n in range(1, 200, 2))
    return (1.0 - 192.0 / math.pi**5 * series) / 3.0


#: :func:`square_channel_factor`, once.
SQUARE_CHANNEL_FACTOR = square_channel_factor()


def tortuosity_rule(tortuosity_factor: float | None) -> str:
    """How :func:`effective_conductivity` treats a composite with ``tortuosity_factor``, in
    words (the conventions of a result)."""
    if tortuosity_factor is None or math.isnan(tortuosity_factor):
        return "Bruggeman, sigma eps^1.5"
    return f"given tortuosity factor {tortuosity_factor:g}, sigma eps / {tortuosity_factor:g}"


def _w(cond: Any, a: Any, b: Any) -> Any:
    """``np.where`` that evaluates only the branch it needs when ``cond`` is one value
    (branches may be callables, evaluated lazily)."""
    if np.ndim(cond) == 0:
        pick = a if bool(cond) else b
        return pick() if callable(pick) else pick
    return np.where(cond, a() if callable(a) else a, b() if callable(b) else b)


def _interface_cathode(g: Mapping[str, Any]) -> Any:
    """The cathode-side interface resistance of a row [Ohm m2]: its
    ``cathode_interface_resistance_ohm_m2``, or its ``materials_interface_resistance_ohm_m2``
    where the row gives no interface resistance (cathode + anode fields 0; the coating's or
    separator's value, counted at the cathode as the simulation counts one interface)."""
    mat = g.get("materials_interface_resistance_ohm_m2", 0.0)
    cat = g["cathode_interface_resistance_ohm_m2"]
    if _scalar(mat, 0.0):
        return cat
    return _w(cat + g["anode_interface_resistance_ohm_m2"] > 0, cat, mat)


def _held_li_thickness(g: Mapping[str, Any], host: Any, host_capacity_A_h_m2: Any) -> Any:
    """The dense lithium [m] a row's host anode holds at assembly: its
    ``anode_prelithiation`` x its capacity ``host_capacity_A_h_m2`` through
    :func:`held_lithium_thickness_m` (the design model's one conversion) where the row gives
    one, else ``excess_li_thickness_m`` (an anode-free reservoir, a host's dense lithium)."""
    ex, pre = g["excess_li_thickness_m"], g["anode_prelithiation"]
    if np.ndim(pre) == 0 and math.isnan(pre):
        return ex
    held = held_lithium_thickness_m(pre, host_capacity_A_h_m2 * 1000.0,  # mAh/m2
                                    g["li_density_kg_m3"], g["li_capacity_Ah_kg"])
    return _w(host & ~np.isnan(pre), held, ex)


def core(p: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """The bookkeeping on arrays: every value of ``p`` is a float or an array (they
    broadcast). Returns arrays of areal capacity, energies, masses, volumes, energy densities
    and power per level; infeasible combinations give NaN and a nonzero ``"Reason code"``
    (see :data:`REASONS`)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _core(p)


def _scalar(x: Any, value: float) -> bool:
    """True when ``x`` is one number equal to ``value`` (lets :func:`_core` skip array work
    that would not change the result)."""
    return np.ndim(x) == 0 and float(x) == value


def _sum(*xs: Any) -> Any:
    """Sum skipping scalar zeros (one array pass fewer per zero)."""
    terms = [x for x in xs if not _scalar(x, 0.0)]
    if not terms:
        return np.asarray(0.0)
    total = terms[0]
    for x in terms[1:]:
        total = total + x
    return total


def _mul(k: Any, x: Any) -> Any:
    """``k * x`` skipping a scalar factor of one."""
    return x if _scalar(k, 1.0) else k * x


def _per_cell(x: Any, n: Any) -> Any:
    """``x / n`` skipping a scalar ``n`` of one (a stack's collectors per cell of it)."""
    return x if _scalar(n, 1.0) else x / n


def _as_float(v: Any) -> Any:
    """Arrays as float arrays, single values as NumPy float64 scalars (NumPy semantics,
    without the cost of 0-d array operations)."""
    if isinstance(v, np.ndarray) and v.ndim:
        return v if v.dtype == np.float64 else v.astype(float)
    if np.ndim(v):
        return np.asarray(v, dtype=float)
    return np.float64(v)


def _core(p: Mapping[str, Any]) -> dict[str, np.ndarray]:
    g = {k: _as_float(p.get(k, d)) for k, d in PARAMETERS.items()}
    arch, fmt, akind = g["architecture"], g["format"], g["anode_kind"]
    inter, vert = arch == 3, arch == 4
    bipolar = arch == 1
    t_cat = g["cathode_thickness_m"]
    wc, wa, gap = g["cathode_width_m"], g["anode_width_m"], g["gap_m"]
    pitch_i = wc + wa + 2 * gap
    pitch_v = wc + gap
    fill_c = _w(inter, lambda: wc / pitch_i, lambda: _w(vert, lambda: (wc / pitch_v) ** 2, 1.0))
    fill_a = _w(inter, lambda: wa / pitch_i, 0.0)
    # capacity and energy per footprint of one cell (scalar factors first: fewer array passes)
    cap = cathode_areal_capacity_A_h_m2(  # Ah/m2, the design model's product
        g["cathode_active_volume_fraction"], g["cathode_active_density_kg_m3"],
        g["cathode_capacity_Ah_kg"], t_cat, fill_c)
    # a host (li_in, graphite, silicon, lto) holding lithium at assembly, as dense lithium per
    # footprint: its mass counts (below), not its volume (the host's as built, as a host's
    # lithiation on charge), and it supplies the first-cycle loss before the cathode does
    host = (akind == 2) | (akind == 3)
    # anode
    free = akind == 1
    cd_a = g["anode_capacity_density_Ah_m3"]
    np_given = g["anode_np_ratio"] > 0
    t_an_planar = _w(np_given, lambda: cap * (g["anode_np_ratio"] / cd_a),
                     g["anode_thickness_m"])
    t_an_np = t_an_planar  # an anode sized by N/P where np_given (a rule of LIMITS reads it)
    t_an_planar = _w(free, g["excess_li_thickness_m"], t_an_planar)
    anode_cap = _w(inter, lambda: t_cat * (fill_a * cd_a), lambda: t_an_planar * cd_a)
    np_ratio = _w(free, np.nan, lambda: anode_cap / cap)
    ex = _held_li_thickness(g, host, anode_cap)
    held = not _scalar(ex, 0.0)
    li_free = g["cathode_lithium_free"] > 0
    loss, own = g["first_cycle_loss"], g["cathode_first_cycle_loss"]
    if not _scalar(loss, 0.0) or not _scalar(own, 0.0):
        # the lithium the anode holds at assembly supplies the loss before the cathode does
        # (net_first_cycle_loss): a lithium-metal foil, all of it (anode_cap: N/P x the
        # cathode's); an anode-free cell's reservoir and a host's held lithium (dense lithium)
        per_m = g["li_density_kg_m3"] * g["li_capacity_Ah_kg"]
        held_cap = _w(akind == 0, anode_cap, lambda: _w(
            (host | free) & (ex > 0), lambda: ex * per_m, 0.0) if held else 0.0)
        loss = net_first_cycle_loss(loss, held_cap, cap, g["cathode_lithium_free"] > 0, own)
    volt = g["cathode_voltage_V"] - g["anode_voltage_V"]
    energy = cap * ((1 - loss) * volt)  # Wh/m2
    t_an = _w(inter, 0.0, t_an_planar)  # thickness added to the stack
    m_an = _w(inter, lambda: t_cat * (fill_a * g["anode_layer_density_kg_m3"]),
              lambda: t_an_planar * g["anode_layer_density_kg_m3"])
    m_an = _w(free, lambda: t_an_planar * g["li_density_kg_m3"], m_an)
    if held:  # the host's held lithium: its mass, no volume
        m_an = _w(host & (ex > 0), lambda: m_an + ex * g["li_density_kg_m3"], m_an)

    def li_plated() -> np.ndarray:
        return cap * ((1 - loss) / (g["li_capacity_Ah_kg"] * g["li_density_kg_m3"]))

    plates_li = (akind == 0) | free
    # a lithiated cathode: the charged state adds the plated lithium to the foil/reservoir. A
    # lithium-free one (sulfur) is built charged, its lithium already in the foil: both states
    # keep the as-built volume (on discharge the foil thins while the cathode swells, not
    # modelled; the as-built cell is the larger one)
    t_plated = _w((g["charged"] > 0) & plates_li & ~inter & ~li_free, li_plated, 0.0)
    # layers of one cell (per footprint)
    m_cat = t_cat * (fill_c * g["cathode_layer_density_kg_m3"])
    rho_sep = g["separator_density_kg_m3"]
    m_fill = _w(inter | vert, lambda: t_cat * ((1 - fill_c - fill_a) * rho_sep), 0.0)
    t_sep = _w(inter, 0.0, g["separator_thickness_m"])
    m_sep = t_sep * rho_sep
    t_cell = _sum(t_cat, t_sep, t_an, t_plated)
    m_cell_layers = _sum(m_cat, m_fill, m_sep, m_an)
    # stack: n cells in series (bipolar) with half end collectors
    n = _w(bipolar, g["cells_in_series"], 1.0)
    share = _w((arch == 2) | inter, 1.0, 0.5)  # single-sided: full collectors
    t_ccc, t_cca = g["cathode_collector_thickness_m"], g["anode_collector_thickness_m"]
    m_ccc = t_ccc * g["cathode_collector_density_kg_m3"] * _w(inter, fill_c, 1.0)
    m_cca = t_cca * g["anode_collector_density_kg_m3"] * _w(inter, fill_a, 1.0)
    t_cc = _w(inter, lambda: np.maximum(t_ccc, t_cca), lambda: share * (t_ccc + t_cca))
    m_cc = share * (m_ccc + m_cca)
    # none in a single cell, whatever its (unread) bipolar collector columns hold: a NaN
    # density there made the row NaN with reason 0
    stacked_bp = n > 1
    t_bp = _w(stacked_bp, lambda: g["bipolar_collector_thickness_m"] * (n - 1), 0.0)
    m_bp = _w(stacked_bp, lambda: g["bipolar_collector_thickness_m"]
              * g["bipolar_collector_density_kg_m3"] * (n - 1), 0.0)
    t_stack = _sum(_mul(n, t_cell), t_cc, t_bp)
    m_stack = _sum(_mul(n, m_cell_layers), m_cc, m_bp)
    e_stack = _mul(n, energy)
    # cell: layers x area, casing, substrate, tabs
    width, height = g["electrode_width_m"], g["electrode_height_m"]
    tc, rho_c = g["casing_thickness_m"], g["casing_density_kg_m3"]
    cyl = fmt == 1
    d_in = g["diameter_m"] - 2 * tc
    h_in = g["can_height_m"] - 2 * tc - g["headspace_m"]
    roll_volume = math.pi / 4 * (d_in**2 - g["mandrel_diameter_m"] ** 2) * h_in
    n_layers = _w(cyl, 1.0, g["n_layers"])
    # the roll is wound as built (discharged): its area, hence the cell's energy, does not
    # change when the charged state adds plated lithium to the stack thickness
    area = _w(cyl, lambda: roll_volume / (t_stack - _mul(n, t_plated)), width * height)
    t_sub = g["substrate_thickness_m"]
    # insulating films between neighbouring groups of `every` repeat units (none in a jelly
    # roll): n_layers / every - 1 films over the electrode area
    t_film, every = g["interlayer_film_thickness_m"], g["interlayer_film_every"]
    films = not _scalar(t_film, 0.0)
    if films:  # a row without a film (0 m) reads neither its every nor its density
        n_films = _w(cyl | (t_film == 0), 0.0,
                     lambda: np.maximum(np.ceil(n_layers / every) - 1, 0.0))
        t_films = n_films * t_film
        m_films = _w(t_films == 0, 0.0, lambda: t_films * g["interlayer_film_density_kg_m3"]
                     * _w(cyl, 0.0, width * height))
    else:
        t_films = m_films = np.asarray(0.0)
    thick = _sum(_mul(n_layers, t_stack), t_films)
    seal, head = g["seal_width_m"], g["headspace_m"]
    a = _w(fmt == 2, width + 2 * tc, width + 2 * seal)
    b = _w(fmt == 2, height + head + 2 * tc, height + 2 * seal)
    ab = a * b
    c = thick + _w(fmt == 3, t_sub + tc, 2 * tc)
    d_out, h_out = g["diameter_m"], g["can_height_m"]
    volume_cell = _w(cyl, math.pi / 4 * d_out**2 * h_out, lambda: c * ab)
    if _scalar(tc, 0.0):
        m_case = np.asarray(0.0)
    else:
        box_surface = _w(fmt == 3, ab, lambda: 2 * ab + c * (2 * (a + b)))  # 2(ab + bc + ac)
        # a row without a casing (0 m) does not read its density: NaN x 0 made its mass NaN
        m_case = _w(tc == 0, 0.0, lambda: rho_c * tc * _w(
            cyl, math.pi * d_out * h_out + math.pi * d_out**2 / 2, box_surface))
    # a thin film's substrate only: another format does not read its substrate's density
    m_sub = _w(fmt == 3, lambda: t_sub * g["substrate_density_kg_m3"] * ab, 0.0)
    area_layers = area * n_layers
    energy_cell = e_stack * area_layers
    mass_cell = _sum(m_stack * area_layers, m_films, m_case, m_sub, g["tab_mass_kg"])
    # pack
    ncell = g["pack_cells"]
    if np.ndim(ncell) == 0 and not np.isfinite(ncell):
        energy_pack = mass_pack = volume_pack = np.asarray(np.nan)
    else:
        energy_pack = energy_cell * ncell
        mass_pack = ncell * (mass_cell + g["busbar_mass_kg"]) / g["pack_mass_efficiency"]
        volume_pack = ncell * volume_cell / g["pack_volume_efficiency"]
    # transport-limited power (one cell of the stack; the cells of a bipolar stack carry the
    # same current)
    # a porous separator (and the 3D filling of the same electrolyte) conducts through its
    # electrolyte fraction 1 - porosity with the Bruggeman exponent, as the composite does
    sig_sep = effective_conductivity(g["separator_conductivity_S_m"],
                                     1 - g["separator_porosity"])
    vf_se = g["cathode_electrolyte_volume_fraction"]
    dense = vf_se <= 0
    sig_eff = effective_conductivity(g["cathode_electrolyte_conductivity_S_m"],
                                     _w(dense, 1.0, vf_se), g["cathode_tortuosity_factor"])
    r_if_cat = _interface_cathode(g)
    asr = r_if_cat + g["anode_interface_resistance_ohm_m2"]
    r_cat_planar = _w(dense, 0.0, lambda: t_cat / (3 * sig_eff))
    r_cat_half_w = _w(dense, 0.0, lambda: (wc / 2) / (3 * sig_eff))
    # a composite anode with solid electrolyte conducts the same way (uniform reaction):
    # its layer in the planar and vertically aligned stacks, its plates (half width) in 3D
    vf_an = g["anode_electrolyte_volume_fraction"]
    composite_an = (akind == 3) & (vf_an > 0)
    sig_eff_an = effective_conductivity(g["anode_electrolyte_conductivity_S_m"],
                                        _w(composite_an, vf_an, 1.0),
                                        g["anode_tortuosity_factor"])
    r_an_planar = _w(composite_an, lambda: t_an / (3 * sig_eff_an), 0.0)
    r_an_half_w = _w(composite_an & inter, lambda: (wa / 2) / (3 * sig_eff_an), 0.0)

    def a_inter() -> np.ndarray:
        return t_cat * (2 / pitch_i)

    def a_vert() -> np.ndarray:
        return t_cat * (4 * wc / pitch_v**2)

    def r_planar() -> np.ndarray:
        return _sum(t_sep / sig_sep, r_cat_planar, r_an_planar, asr)

    def r_inter() -> np.ndarray:
        return (gap / sig_sep + r_cat_half_w + r_an_half_w + asr) / a_inter()

    def r_vert() -> np.ndarray:
        # the scaffold walls hand their current to the channels uniformly along the height
        # h, so it falls linearly from the top: h/(3 sigma (1 - f_c)), the uniform-reaction
        # rule of the composites (newman1975); h/2 took the whole current to mid-height.
        # A square channel fed through its four walls: K w_c / sigma_eff per wall area
        # (square_channel_factor; the slab's (w_c/2)/(3 sigma_eff) before, 18.6 % high)
        r_channel = _w(dense, 0.0, lambda: SQUARE_CHANNEL_FACTOR * wc / sig_eff)
        return (t_sep / sig_sep + (t_cat / 3) / (sig_sep * (1 - fill_c))
                + (r_channel + r_if_cat) / a_vert()
                + r_an_planar + g["anode_interface_resistance_ohm_m2"])

    resistance = _w(inter, r_inter, lambda: _w(vert, r_vert, r_planar))
    interface_area = _w(inter, a_inter, lambda: _w(vert, a_vert, 1.0))
    path = _w(inter, lambda: gap + wc / 2, lambda: _w(vert, lambda: t_sep + t_cat / 2 + wc / 2,
                                                      lambda: t_sep + t_cat))
    dv = g["max_polarisation_V"]
    # C-rate relative to the delivered capacity (the reported areal capacity, after the
    # first-cycle loss): the ohmic current dV/R [A/m2] does not depend on the loss
    # 1/h: cap in Ah/m2, dv/R in A/m2; none for an allowed loss that is no number > 0
    # (an infinite one too: it gave an infinite ohmic C-rate with reason 0)
    c_ohm = _w((dv > 0) & (dv < np.inf), lambda: dv / (resistance * (cap * (1 - loss))),
               np.nan)
    length = _w(dense, lambda: _w(inter | vert, wc / 2, t_cat), g["diffusion_length_m"])
    t_diff = length**2 / g["active_diffusivity_m2_s"]
    c_diff = _w(np.isfinite(t_diff), lambda: 3600.0 / t_diff, np.inf)
    c_max = c_ohm if _scalar(c_diff, np.inf) else np.minimum(c_ohm, c_diff)
    # W/m2 of one cell; no power when the allowed polarisation eats the whole voltage, nor
    # where it is no loss > 0 (a row's -1 V gave -11488 W/kg, NaN V a NaN without a reason)
    p_areal = _w((volt > dv) & (dv > 0), lambda: c_max * cap * ((1 - loss) * (volt - dv)),
                 np.nan)
    p_matched = (volt**2 / 4) / resistance
    power_stack = _mul(n, p_areal)  # per footprint
    power_cell = power_stack * area_layers
    def roll_too_small() -> Any:
        """No room for a roll in the can, or a layer of it (cell.design roll_layers, as
        resolved: a foil or composite anode sized by N/P, a cathode by its loading) at least
        as thick as the can's radial room (the design model's rule, _check_layers_fit_the_can)."""
        if not np.any(cyl):
            return False
        room = radial_room_m(g["diameter_m"], tc, g["mandrel_diameter_m"])
        thickest = np.maximum.reduce(np.broadcast_arrays(t_cat, t_sep, t_an, t_ccc, t_cca))
        return cyl & (~(roll_volume > 0) | ~(thickest < room))

    # feasibility
    shape = np.broadcast(cap, t_stack, mass_cell).shape
    reason = np.zeros(shape, dtype=np.int8)
    for code, cond in ((5, lambda: ~(volt > 0)),
                       (1, lambda: ~free & (np_ratio < 1 - 1e-9)),
                       # the design model's rule (cell.design.check_lithium_source)
                       (9, lambda: False if _scalar(g["cathode_lithium_free"], 0.0) else (
                           li_free & (akind != 0) & ~(
                               ex * (g["li_density_kg_m3"] * g["li_capacity_Ah_kg"])
                               >= cap * (1 - 1e-9)))),
                       # the design model's rule (cell.design.check_held_lithium)
                       (10, lambda: held and host & (ex > 0) & host_overfilled(
                           anode_cap, ex * (g["li_density_kg_m3"] * g["li_capacity_Ah_kg"]),
                           cap, g["cathode_lithium_free"] > 0)),
                       (2, lambda: ~(fill_c + fill_a < 1) & (inter | vert)),
                       # the design model's rule (cell.design roll_layers): each layer of the
                       # roll, as resolved (a composite anode N/P x the cathode's capacity),
                       # thinner than the can's radial room
                       (3, roll_too_small),
                       (4, lambda: ~(cap > 0) | ~(t_stack > 0)),
                       # the cell's energy too: a 2.5e305 m electrode width gave inf Wh/kg
                       (8, lambda: np.isinf(t_stack) | np.isinf(m_stack) | np.isinf(mass_cell)
                        | np.isinf(volume_cell) | np.isinf(m_case + g["tab_mass_kg"])
                        | np.isinf(energy_cell)),
                       (6, lambda: films & ((t_film < 0) | ~np.isfinite(t_film) | (
                           (t_film > 0) & ~cyl & ~((every >= 1) & (n_layers % every == 0))))),
                       # the design model's rule (cell.design.capacity_overflows)
                       (7, lambda: capacity_overflows(cap)),
                       # the design model's rule (Anode._LIMITS, "nonneg"): a row's NaN or
                       # -1 um on a host was evaluated as no held lithium, with no reason
                       (11, lambda: held and ~(np.isfinite(ex) & (ex >= 0))),
                       # the design model's rule (cell.design.check_coating_room)
                       (13, lambda: coating_overfills(g)),
                       # the design model's number rules (cell.design _LIMITS): a row's
                       # negative separator or NaN casing was evaluated, reason 0
                       (12, lambda: _off_limits(
                           {**g, _KNOWN[0]: np.minimum(width, height), _KNOWN[1]: t_an_np,
                            _KNOWN[2]: lambda: _w(inter, pitch_i, pitch_v)},
                           bipolar, fmt, inter, vert))):
        mask = cond()
        if np.ndim(mask) == 0:
            if mask:
                reason[...] = code
        elif mask.any():
            reason = np.where(mask, code, reason).astype(np.int8)
    any_bad = bool(reason.any())
    ok = reason == 0

    def out(x: np.ndarray) -> np.ndarray:
        if not any_bad:
            return x
        return np.where(ok, x, np.nan)

    if _scalar(t_sub, 0.0):
        sub_grav, sub_vol = e_stack / m_stack, e_stack / t_stack
    else:  # a row without a substrate (0 m) does not read its density
        sub_grav = e_stack / (m_stack + _w(t_sub == 0, 0.0,
                                           lambda: t_sub * g["substrate_density_kg_m3"]))
        sub_vol = e_stack / (t_stack + t_sub)
    stack_grav = e_stack / m_stack
    stack_vol = e_stack / t_stack
    res = {
        "Areal capacity [A.h.m-2]": out(_mul(1 - loss, cap)),
        "Cell voltage [V]": out(volt * n),
        "N/P ratio": out(np_ratio),
        "Stack thickness [m]": out(t_stack),
        "Stack areal mass [kg.m-2]": out(m_stack),
        "Stack areal energy [W.h.m-2]": out(e_stack),
        "Stack gravimetric energy density [W.h.kg-1]": out(stack_grav),
        "Stack volumetric energy density [W.h.L-1]": out(stack_vol * 1e-3),
        # one stack on its own substrate (thin film: "with the substrate counted")
        "Stack with substrate gravimetric energy density [W.h.kg-1]": out(sub_grav),
        "Stack with substrate volumetric energy density [W.h.L-1]": out(sub_vol * 1e-3),
        "Cell energy [W.h]": out(energy_cell),
        "Cell mass [kg]": out(mass_cell),
        "Cell volume [m3]": out(volume_cell),
        "Electrode area [m2]": out(area),
        "Cell gravimetric energy density [W.h.kg-1]": out(energy_cell / mass_cell),
        "Cell volumetric energy density [W.h.L-1]": out(energy_cell / (volume_cell * 1e3)),
        "Pack energy [W.h]": out(energy_pack),
        "Pack gravimetric energy density [W.h.kg-1]": out(energy_pack / mass_pack),
        "Pack volumetric energy density [W.h.L-1]": out(energy_pack / (volume_pack * 1e3)),
        "Area-specific resistance [Ohm.m2]": out(resistance),
        "Interface area per footprint area": out(interface_area),
        "Ion path length [m]": out(path),
        "Maximum C-rate [h-1]": out(c_max),
        "Ohmic C-rate limit [h-1]": out(c_ohm),
        "Diffusion C-rate limit [h-1]": out(c_diff),
        "Matched-load power [W.m-2]": out(p_matched),
        "Stack specific power [W.kg-1]": out(power_stack / m_stack),
        "Stack power density [W.L-1]": out(power_stack / (t_stack * 1e3)),
        "Cell specific power [W.kg-1]": out(power_cell / mass_cell),
        "Cell power density [W.L-1]": out(power_cell / (volume_cell * 1e3)),
        # breakdown per footprint of one repeat unit, i.e. one cell of the stack [kg.m-2]
        # and [m] (the design's layers; a bipolar stack holds n of each): n x their sum is the
        # stack's; the collectors' entry is the stack's collectors shared by its n cells
        "Cathode areal mass [kg.m-2]": out(m_cat),
        "Electrolyte filling areal mass [kg.m-2]": out(m_fill),
        "Separator areal mass [kg.m-2]": out(m_sep),
        "Anode areal mass [kg.m-2]": out(m_an),
        "Current collector areal mass [kg.m-2]": out(_per_cell(m_cc + m_bp, n)),
        "Cathode thickness [m]": out(t_cat),
        "Separator thickness [m]": out(t_sep),
        "Anode thickness [m]": out(_sum(t_an, t_plated)),
        "Current collector thickness [m]": out(_per_cell(t_cc + t_bp, n)),
        "Casing mass [kg]": out(m_case + g["tab_mass_kg"]),
        # all insulating films between groups of repeat units together
        "Cell interlayer film thickness [m]": out(t_films),
        "Cell interlayer film mass [kg]": out(m_films),
        "Substrate mass [kg]": out(m_sub),
        "Reason code": reason,
    }
    return res


#: The columns of :func:`core` with a number rule of the design model (cell.design
#: ``_LIMITS``, ``Anode`` for ``anode_np_ratio``, whose 0 is "not given"), each with the rows
#: it applies to (None: all; else the name of a row mask of :func:`_off_limits`).
LIMITED_COLUMNS: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(("separator_thickness_m", "cathode_collector_thickness_m",
                     "anode_collector_thickness_m"), ("pos", None)),
    **dict.fromkeys(("casing_thickness_m", "seal_width_m", "headspace_m", "tab_mass_kg",
                     "substrate_thickness_m", "mandrel_diameter_m", "anode_np_ratio",
                     "cathode_interface_resistance_ohm_m2",
                     "anode_interface_resistance_ohm_m2"), ("nonneg", None)),
    "first_cycle_loss": ("frac_open", None), "separator_porosity": ("frac_open", None),
    "cathode_first_cycle_loss": ("frac_open", None),
    # Composite.porosity in [0, 1) and a coating's shell volume ((1 + t/r)^3 - 1) >= 0
    # (Cathode.coating_thickness_m >= 0; 0: no coating): reason 13 compares the two, and a
    # row's NaN in either passed it unrefused (NaN > x is False)
    "cathode_porosity": ("frac_open", None),
    "cathode_coating_volume_per_active_volume": ("nonneg", None),
    "bipolar_collector_thickness_m": ("pos", "bipolar"),
    "diameter_m": ("pos", "cylindrical"), "can_height_m": ("pos", "cylindrical"),
    "electrode_width_m": ("pos", "stacked"), "electrode_height_m": ("pos", "stacked"),
    "cathode_width_m": ("pos", "3d"), "gap_m": ("pos", "3d"),
    "anode_width_m": ("nonneg", "interdigitated"),
    "n_layers": ("layers", None), "cells_in_series": ("series", "bipolar"),
    "busbar_mass_kg": ("nonneg", "pack"), "pack_mass_efficiency": ("share", "pack"),
    "pack_volume_efficiency": ("share", "pack"),
    # the layers' own numbers: Cathode.thickness_m (or the thickness its loading gives) > 0;
    # an anode's thickness_m > 0 where given (0: not given, sized by N/P); the resolved volume
    # fractions of a composite (Composite._LIMITS: active_fraction in (0, 1], the others in
    # [0, 1] of a solid summing to 1, porosity in [0, 1)): active in (0, 1], electrolyte in
    # [0, 1] (1 - a tiny active fraction rounds to 1), the two together <= 1 (_off_limits)
    "cathode_thickness_m": ("pos", None), "anode_thickness_m": ("nonneg", None),
    "cathode_active_volume_fraction": ("share", None),
    "cathode_electrolyte_volume_fraction": ("frac", None),
    "anode_electrolyte_volume_fraction": ("frac", None),
    # NaN: not given (NOT_GIVEN_NAN); a tortuosity factor only on a layer with solid
    # electrolyte, a prelithiation only on a host without excess_li_thickness_m (_off_limits)
    "cathode_tortuosity_factor": ("tortuosity", None),
    "anode_tortuosity_factor": ("tortuosity", None),
    "anode_prelithiation": ("frac", None),
    "interlayer_film_every": ("every", "film"),
    # Pack.cells_in_series x cells_in_parallel, each in INTEGER_LIMITS (_packs); NaN: no pack
    "pack_cells": ("pack_cells", None),
}

#: The columns of :data:`LIMITED_COLUMNS` whose NaN means "not given" (Bruggeman, no
#: prelithiation, no pack), as :func:`design_parameters` writes a design without them.
NOT_GIVEN_NAN = frozenset({"cathode_tortuosity_factor", "anode_tortuosity_factor",
                           "anode_prelithiation", "pack_cells"})


#: The columns of :func:`core` whose numbers come from a material (the knowledge base's, an
#: inline one or a user's material table): column -> (property of the Material schema,
#: whose bounds its number must meet (materials.schema ``PROPERTIES``, one source), "range":
#: its lower and upper bound or "lower": the lower bound only (a mixture or product of such
#: numbers, or a field the design model lets a design give without an upper bound), the rows
#: it applies to (as :data:`LIMITED_COLUMNS`'), NaN allowed: "not known", as ``evaluate``
#: gives a material without it (no power, no diffusion limit)). The schema refuses NaN and
#: inf: a row's NaN density or 0 S/m was evaluated, reason 0.
MATERIAL_COLUMNS: dict[str, tuple[str, str, str | None, bool]] = {
    # the design's average_voltage_V override has the schema's range (cell.design)
    "cathode_voltage_V": ("average_voltage", "range", None, False),
    "anode_voltage_V": ("average_voltage", "range", None, False),
    # a design's specific_capacity_mAh_g override: > 0 and finite (Composite._LIMITS)
    "cathode_capacity_Ah_kg": ("practical_capacity", "lower", None, False),
    "cathode_active_density_kg_m3": ("density", "range", None, False),
    # volume fractions x densities (+ a coating's): > 0
    "cathode_layer_density_kg_m3": ("density", "lower", None, False),
    # the electrolyte's density x (1 - porosity), porosity in [0, 1): in the schema's range
    "separator_density_kg_m3": ("density", "range", None, False),
    "cathode_collector_density_kg_m3": ("density", "range", None, False),
    "anode_collector_density_kg_m3": ("density", "range", None, False),
    "bipolar_collector_density_kg_m3": ("density", "range", "bipolar", False),
    # a design's casing_density_kg_m3: > 0 and finite (Format._LIMITS)
    "casing_density_kg_m3": ("density", "lower", "casing", False),
    "interlayer_film_density_kg_m3": ("density", "range", "film", False),
    "substrate_density_kg_m3": ("density", "range", "thin_film", False),
    # an anode that is no reservoir: its layer's density and capacity per volume (products)
    "anode_layer_density_kg_m3": ("density", "lower", "anode", False),
    "anode_capacity_density_Ah_m3": ("practical_capacity", "lower", "anode", False),
    # lithium metal (reservoir, plated, held or given to a lithium-free cathode)
    "li_density_kg_m3": ("density", "range", "lithium", False),
    "li_capacity_Ah_kg": ("practical_capacity", "range", "lithium", False),
    # conductivity_at's Arrhenius value at the design temperature: the lower bound
    "separator_conductivity_S_m": ("ionic_conductivity", "lower", None, True),
    "cathode_electrolyte_conductivity_S_m": ("ionic_conductivity", "lower", "composite_cathode",
                                             True),
    "anode_electrolyte_conductivity_S_m": ("ionic_conductivity", "lower", "composite_anode",
                                           True),
    "active_diffusivity_m2_s": ("diffusivity", "range", None, True),
    # half the particle size, or a design's particle_radius_m (> 0, Composite._LIMITS)
    "diffusion_length_m": ("particle_size", "lower", None, True),
    # areal_resistance of a material, taken to the row's temperature (Arrhenius): >= 0, finite
    "materials_interface_resistance_ohm_m2": ("areal_resistance", "lower",
                                              "materials_interface", False),
}


#: The columns whose NaN in a row means "absent", not an error (the row is evaluated without
#: the number): not given (:data:`NOT_GIVEN_NAN`: Bruggeman, no prelithiation, no pack), not
#: known (a material's conductivity, diffusivity or particle size in :data:`MATERIAL_COLUMNS`:
#: no power or no diffusion limit) and ``max_polarisation_V`` (no power and no ohmic C-rate, as
#: for any allowed polarisation that is no finite number > 0). Any other non-finite number in a
#: column a row reads gives the row a reason code; a column the row does not read (a pouch's
#: can diameter, a single cell's bipolar collector, a substrate or film of 0 m) is not looked
#: at (tests/cell/test_cell_nonfinite_rows.py).
ABSENT_NAN = frozenset(NOT_GIVEN_NAN
                       | {c for c, (*_, nan_known) in MATERIAL_COLUMNS.items() if nan_known}
                       | {"max_polarisation_V"})


def _breaks_property(x: Any, name: str, bounds: str, nan_allowed: bool) -> Any:
    """True where ``x`` is no number the Material schema accepts for property ``name``
    (materials.schema ``PROPERTIES``: finite, its lower bound and, for ``bounds`` "range",
    its upper); NaN passes where ``nan_allowed``."""
    spec = PROPERTIES[name]
    ok = np.isfinite(x)
    if spec.lower is not None:
        ok = ok & ((x >= spec.lower) if spec.lower_inclusive else (x > spec.lower))
    if bounds == "range" and spec.upper is not None:
        ok = ok & (x <= spec.upper)
    return ~(ok | np.isnan(x)) if nan_allowed else ~ok


def _breaks(x: Any, rule: str) -> Any:
    """True where ``x`` breaks the design model's number ``rule`` (cell.design
    ``_NUMBER_RULES``: NaN breaks every rule)."""
    if rule == "pos":
        return ~((x > 0) & (x < np.inf))
    if rule == "nonneg":
        return ~((x >= 0) & (x < np.inf))
    if rule == "frac_open":
        return ~((x >= 0) & (x < 1))
    if rule == "frac":
        return ~((x >= 0) & (x <= 1))
    if rule == "tortuosity":
        return ~((x >= 1) & (x < np.inf))
    if rule == "pack_cells":
        return ~_packs(x)
    if rule in _INTEGER_RULES:  # Format.n_layers, Architecture.cells_in_series, ...
        top = math.prod(INTEGER_LIMITS[path] for path in _INTEGER_RULES[rule])
        return ~((x >= 1) & (x <= top) & (x == np.floor(x)))
    return ~((x > 0) & (x <= 1))  # share


#: The integer rules of :func:`_breaks`: the design model's bound of each
#: (cell.design ``INTEGER_LIMITS``; a pack's cells: :func:`_packs`).
_INTEGER_RULES = {"layers": ("format.n_layers",), "series": ("architecture.cells_in_series",),
                  "every": ("format.interlayer_film.every",)}


def _packs(n: Any) -> Any:
    """True where ``n`` cells make a pack of the design model (cell.design ``Pack``):
    ``cells_in_series x cells_in_parallel``, each an integer in [1, its ``INTEGER_LIMITS``
    bound], so an integer with a divisor pair ``f x n/f`` within the bounds (a prime above
    both bounds makes none). Each distinct ``n`` above both bounds is split by trial of the
    smaller factor ``f`` in [n / larger bound, sqrt(n)] (at most a quarter of the bound)."""
    top_s, top_p = INTEGER_LIMITS["pack.cells_in_series"], INTEGER_LIMITS["pack.cells_in_parallel"]
    n = np.asarray(n, dtype=float)
    ok = (n >= 1) & (n <= top_s * top_p) & (n == np.floor(n))
    unsplit = ok & (n > max(top_s, top_p))  # n <= a bound: n x 1 or 1 x n
    for value in np.unique(n[unsplit]):
        m = int(value)
        f = np.arange(-(-m // max(top_s, top_p)), math.isqrt(m) + 1, dtype=np.int64)
        f = f[m % f == 0]
        q = m // f
        if np.any(((f <= top_s) & (q <= top_p)) | ((f <= top_p) & (q <= top_s))):
            unsplit = unsplit & (n != value)
    return ok & ~unsplit


#: The name a user knows for each column of :data:`LIMITED_COLUMNS` and
#: :data:`MATERIAL_COLUMNS`, as :func:`off_limits` names it: the design path whose number the
#: column holds (the field the scalar design's ValidationError names), or, for a quantity
#: derived from the design and its materials (:data:`DERIVED` says from what), its name.
FIELDS: dict[str, str] = {
    "separator_thickness_m": "separator.thickness_m",
    "cathode_collector_thickness_m": "cathode_current_collector.thickness_m",
    "anode_collector_thickness_m": "anode_current_collector.thickness_m",
    "casing_thickness_m": "format.casing_thickness_m", "seal_width_m": "format.seal_width_m",
    "headspace_m": "format.headspace_m", "tab_mass_kg": "format.tab_mass_kg",
    "substrate_thickness_m": "format.substrate_thickness_m",
    "mandrel_diameter_m": "format.mandrel_diameter_m", "anode_np_ratio": "anode.np_ratio",
    "cathode_interface_resistance_ohm_m2": "cathode_interface_resistance_ohm_m2",
    "anode_interface_resistance_ohm_m2": "anode_interface_resistance_ohm_m2",
    "first_cycle_loss": "first_cycle_loss", "separator_porosity": "separator.porosity",
    "cathode_porosity": "cathode.porosity",
    "cathode_coating_volume_per_active_volume": "cathode coating volume per active volume",
    "cathode_first_cycle_loss": "cathode_first_cycle_loss",
    "bipolar_collector_thickness_m": "architecture.bipolar_collector.thickness_m",
    "diameter_m": "format.diameter_m", "can_height_m": "format.height_m",
    "electrode_width_m": "format.electrode_width_m",
    "electrode_height_m": "format.electrode_height_m",
    "cathode_width_m": "architecture.cathode_width_m", "gap_m": "architecture.gap_m",
    "anode_width_m": "architecture.anode_width_m", "n_layers": "format.n_layers",
    "cells_in_series": "architecture.cells_in_series", "busbar_mass_kg": "pack.busbar_mass_kg",
    "pack_mass_efficiency": "pack.mass_efficiency",
    "pack_volume_efficiency": "pack.volume_efficiency",
    "cathode_thickness_m": "cathode.thickness_m", "anode_thickness_m": "anode.thickness_m",
    "cathode_active_volume_fraction": "cathode active volume fraction",
    "cathode_electrolyte_volume_fraction": "cathode electrolyte volume fraction",
    "anode_electrolyte_volume_fraction": "anode electrolyte volume fraction",
    "cathode_tortuosity_factor": "cathode.tortuosity_factor",
    "anode_tortuosity_factor": "anode.tortuosity_factor",
    "anode_prelithiation": "anode.prelithiation",
    "interlayer_film_every": "format.interlayer_film.every",
    "pack_cells": "pack.cells_in_series x pack.cells_in_parallel",
    "cathode_voltage_V": "cathode average voltage", "anode_voltage_V": "anode average voltage",
    "cathode_capacity_Ah_kg": "cathode specific capacity",
    "cathode_active_density_kg_m3": "cathode active material density",
    "cathode_layer_density_kg_m3": "cathode layer density",
    "separator_density_kg_m3": "separator density",
    "cathode_collector_density_kg_m3": "cathode current collector density",
    "anode_collector_density_kg_m3": "anode current collector density",
    "bipolar_collector_density_kg_m3": "bipolar collector density",
    "casing_density_kg_m3": "casing density",
    "interlayer_film_density_kg_m3": "interlayer film density",
    "substrate_density_kg_m3": "substrate density",
    "anode_layer_density_kg_m3": "anode layer density",
    "anode_capacity_density_Ah_m3": "anode capacity per volume",
    "li_density_kg_m3": "lithium density", "li_capacity_Ah_kg": "lithium specific capacity",
    "separator_conductivity_S_m": "separator electrolyte conductivity",
    "cathode_electrolyte_conductivity_S_m": "cathode electrolyte conductivity",
    "anode_electrolyte_conductivity_S_m": "anode electrolyte conductivity",
    "active_diffusivity_m2_s": "cathode active material diffusivity",
    "diffusion_length_m": "cathode diffusion length",
    "materials_interface_resistance_ohm_m2": "materials' interface resistance",
}

#: What each derived quantity of :data:`FIELDS` (a name, not a design path) is derived from,
#: as :func:`off_limits` says it: the design fields (the scalar design's ValidationError names
#: the first one given) and the materials' properties.
_OF_LAYER = ("of the layer, by volume: the solid's fraction x (1 - {layer}.porosity); a "
             "fraction_basis mass converted with the materials' densities")
DERIVED: dict[str, str] = {
    "cathode_active_volume_fraction": "cathode.active_fraction, "
    + _OF_LAYER.format(layer="cathode"),
    "cathode_electrolyte_volume_fraction": "cathode.electrolyte_fraction, "
    + _OF_LAYER.format(layer="cathode"),
    "anode_electrolyte_volume_fraction": "anode.electrolyte_fraction, "
    + _OF_LAYER.format(layer="anode"),
    "pack_cells": "the product of the two counts",
    "cathode_coating_volume_per_active_volume": "((1 + t/r)^3 - 1), t cathode.coating_thickness_m, "
    "r the active particle radius (cell.design.check_coating_room)",
    # no column: the thickness core gives an anode sized by N/P (_anode_by_np_m)
    "anode_thickness_by_np_m": "anode.np_ratio x the cathode's areal capacity / the anode's "
    "capacity per volume (anode_np_ratio, with the cathode's and anode's numbers)",
    # no column: the in-plane width of a 3D repeat unit (_repeat_unit_m)
    "repeat_unit_width_m": "architecture.cathode_width_m + anode_width_m + 2 gap_m "
    "(interdigitated_3d), cathode_width_m + gap_m (vertically_aligned)",
    "cathode_voltage_V": "cathode.average_voltage_V where the design gives it, else the "
    "cathode active material's average_voltage",
    "anode_voltage_V": "anode.average_voltage_V where the design gives it, else the anode "
    "material's average_voltage",
    "cathode_capacity_Ah_kg": "cathode.specific_capacity_mAh_g where the design gives it, "
    "else the cathode active material's practical (or theoretical) capacity",
    "cathode_active_density_kg_m3": "the density of cathode.active_material",
    "cathode_layer_density_kg_m3": "the cathode's volume fractions x its materials' densities "
    "(and its coating's)",
    "separator_density_kg_m3": "the density of separator.electrolyte x (1 - "
    "separator.porosity)",
    "cathode_collector_density_kg_m3": "the density of cathode_current_collector.material",
    "anode_collector_density_kg_m3": "the density of anode_current_collector.material",
    "bipolar_collector_density_kg_m3": "the density of "
    "architecture.bipolar_collector.material (default the cathode collector's)",
    "casing_density_kg_m3": "format.casing_density_kg_m3 where the design gives it, else the "
    "density of format.casing_material",
    "interlayer_film_density_kg_m3": "the density of format.interlayer_film.material",
    "substrate_density_kg_m3": "the density of format.substrate",
    "anode_layer_density_kg_m3": "the anode's volume fractions x its materials' densities",
    "anode_capacity_density_Ah_m3": "the anode's active volume fraction x its density x its "
    "specific capacity (anode.specific_capacity_mAh_g where the design gives it, else its "
    "material's)",
    "li_density_kg_m3": "the density of the lithium metal (the anode's, or li_metal)",
    "li_capacity_Ah_kg": "the practical capacity of the lithium metal (the anode's, or "
    "li_metal)",
    "separator_conductivity_S_m": "the ionic conductivity of separator.electrolyte at "
    "temperature_K (Arrhenius)",
    "cathode_electrolyte_conductivity_S_m": "the ionic conductivity of cathode.electrolyte at "
    "temperature_K (Arrhenius)",
    "anode_electrolyte_conductivity_S_m": "the ionic conductivity of anode.electrolyte at "
    "temperature_K (Arrhenius)",
    "active_diffusivity_m2_s": "the diffusivity of cathode.active_material at temperature_K "
    "(Arrhenius from its own temperature, as the simulation takes it)",
    "diffusion_length_m": "cathode.particle_radius_m where the design gives it, else half the "
    "particle_size of cathode.active_material",
    "materials_interface_resistance_ohm_m2": "the areal_resistance of cathode.coating, else of "
    "separator.electrolyte (taken to temperature_K by materials_interface_at: one value by "
    "Arrhenius with interface_resistance_activation_energy_eV, several piecewise Arrhenius, ln R "
    "linear in 1/T), in a design that gives no interface resistance",
}

#: The name whose unit a value of a column is shown in (cell.design ``shown_number``), where
#: it is not the column's field or name: the design field it comes from (1 Ah/kg is 1 mAh/g),
#: or "" for a unit the design model shows no number in (Ah/m3: shown as the number).
_UNIT_OF: dict[str, str] = {
    "cathode_voltage_V": "cathode.average_voltage_V", "anode_voltage_V": "anode.average_voltage_V",
    "cathode_capacity_Ah_kg": "cathode.specific_capacity_mAh_g",
    "li_capacity_Ah_kg": "specific_capacity_mAh_g",
    "anode_capacity_density_Ah_m3": "",
    "casing_density_kg_m3": "format.casing_density_kg_m3",
    "diffusion_length_m": "cathode.particle_radius_m",
    "materials_interface_resistance_ohm_m2": "cathode_interface_resistance_ohm_m2",
}


@dataclass(frozen=True)
class Limit:
    """One number rule of reason 12 (an entry of :data:`LIMITS`): ``breaks(g)`` is True on the
    rows of :func:`core`'s parameters ``g`` that break it, among the rows ``rows`` (None: all;
    else a row mask of :func:`_row_masks`); ``allowed`` says what it allows. A message shows
    ``value(g)`` (default: column ``parameter``'s number) as ``field``, the name a user
    knows, and for a derived quantity what it is ``derived`` from (:data:`DERIVED`)."""

    parameter: str
    field: str
    breaks: Callable[[Mapping[str, Any]], Any]
    rows: str | None
    allowed: str
    value: Callable[[Mapping[str, Any]], Any] | None = None
    integer: bool = False
    derived: str = ""
    #: the name whose unit the value is shown in, where it is none of the above (a length
    #: derived from other lengths)
    shown_as: str | None = None
    #: where the field named depends on the row (the largest term of a 3D repeat unit):
    #: ``explain(g, rows)`` gives the :class:`OffLimit` of each of ``rows`` (indices into the
    #: 1-D rows of ``g``) as the design model's refusal says it
    explain: Callable[[Mapping[str, Any], Any], list[OffLimit]] | None = None

    @property
    def unit_of(self) -> str:
        """The name whose unit the value is shown in (cell.design ``shown_number``): the
        design field, else the column's name (:data:`_UNIT_OF` where that has none)."""
        if self.shown_as is not None:
            return self.shown_as
        if self.parameter in _UNIT_OF:
            return _UNIT_OF[self.parameter]
        return self.parameter if self.derived else self.field


def _rule_words(column: str, rule: str) -> str:
    """What the number ``rule`` of :func:`_breaks` allows for ``column``, in words (the design
    model's words, :func:`cell.design._limit_words`, in the unit of the column's name)."""
    if rule in _INTEGER_RULES:
        top = math.prod(INTEGER_LIMITS[path] for path in _INTEGER_RULES[rule])
        return _integer_words(top) + (FILM_EVERY_NOTE if rule == "every" else "")
    if rule == "pack_cells":
        return (f"must be cells_in_series x cells_in_parallel, each an integer in [1, "
                f"{INTEGER_LIMITS['pack.cells_in_series']}] and [1, "
                f"{INTEGER_LIMITS['pack.cells_in_parallel']}] (a prime above both makes no "
                "pack); NaN: no pack")
    words = _limit_words(column, rule)
    if column == "anode_np_ratio":
        return words + " (0: not given, the anode sized by anode_thickness_m)"
    if column == "anode_thickness_m":
        return words + " (0: not given, the anode sized by anode_np_ratio)"
    return words + ("; NaN: not given" if column in NOT_GIVEN_NAN else "")


#: The unit of a column of :data:`MATERIAL_COLUMNS` by the end of its name, as its value is
#: shown (cell.design ``shown_number``): SI, a specific capacity in mAh/g (the same number as
#: Ah/kg).
_UNITS = (("_ohm_m2", "Ohm m2"), ("_kg_m3", "kg/m3"), ("_Ah_kg", "mAh/g"), ("_Ah_m3", "Ah/m3"),
          ("_m2_s", "m2/s"), ("_S_m", "S/m"), ("_V", "V"), ("_m", "m"))


def _property_words(column: str, name: str, bounds: str, nan_allowed: bool) -> str:
    """What :func:`_breaks_property` allows for ``column`` (property ``name`` of the
    Material schema, ``bounds`` "range" or "lower"), in words."""
    spec = PROPERTIES[name]
    unit = next(f" {u}" for end, u in _UNITS if column.endswith(end))
    op = ">=" if spec.lower_inclusive else ">"
    text = f"must be {op} {spec.lower:g}{unit}" if spec.lower is not None else "must be"
    if bounds == "range" and spec.upper is not None:
        text += f" and <= {spec.upper:g}{unit}"
        which = "bounds"
    else:
        text += " and finite"
        which = "lower bound"
    return (text + (", or NaN (not known)" if nan_allowed else "")
            + f": the material schema's {which} of {name}")


def _limited(column: str, rule: str, where: str | None) -> Limit:
    """The :class:`Limit` of a column of :data:`LIMITED_COLUMNS`."""
    if column in NOT_GIVEN_NAN:  # NaN: not given
        def breaks(g: Mapping[str, Any]) -> Any:
            x = g[column]
            return _breaks(x, rule) & ~np.isnan(x)
    else:
        def breaks(g: Mapping[str, Any]) -> Any:
            return _breaks(g[column], rule)
    return Limit(column, FIELDS[column], breaks, where, _rule_words(column, rule),
                 integer=rule in _INTEGER_RULES or rule == "pack_cells",
                 derived=DERIVED.get(column, ""))


def _material(column: str, spec: tuple[str, str, str | None, bool]) -> Limit:
    """The :class:`Limit` of a column of :data:`MATERIAL_COLUMNS`."""
    name, bounds, where, nan_allowed = spec
    return Limit(column, FIELDS[column],
                 lambda g: _breaks_property(g[column], name, bounds, nan_allowed), where,
                 _property_words(column, name, bounds, nan_allowed), derived=DERIVED[column])


def _given(column: str, applies: Callable[[Mapping[str, Any]], Any]) -> Callable[..., Any]:
    """Rows that give ``column`` (not NaN) where ``applies`` is False (False without a
    look at ``applies`` where the column is one NaN: the common case costs nothing)."""
    def breaks(g: Mapping[str, Any]) -> Any:
        x = g[column]
        if np.ndim(x) == 0 and math.isnan(x):
            return False
        return ~np.isnan(x) & ~applies(g)
    return breaks


def _fraction_sum(g: Mapping[str, Any]) -> Any:
    """A composite cathode's active plus electrolyte volume fraction."""
    return g["cathode_active_volume_fraction"] + g["cathode_electrolyte_volume_fraction"]


def _together() -> list[Limit]:
    """The :class:`Limit` of numbers the design model refuses together: a composite's active
    and electrolyte volume fractions above 1 (cell.design ``_check_fractions``), a tortuosity
    factor on a layer without solid electrolyte, a prelithiation on an anode that is no host
    or given with ``excess_li_thickness_m`` (``Anode._check_prelithiation``)."""
    def host_without_excess(g: Mapping[str, Any]) -> Any:
        akind = g["anode_kind"]
        return ((akind == 2) | (akind == 3)) & (g["excess_li_thickness_m"] == 0)

    return [
        Limit("cathode_active_volume_fraction + cathode_electrolyte_volume_fraction",
              f"{FIELDS['cathode_active_volume_fraction']} + "
              f"{FIELDS['cathode_electrolyte_volume_fraction']}",
              lambda g: _fraction_sum(g) > 1 + FRACTION_SUM_TOLERANCE, None,
              f"must be at most 1 (within {FRACTION_SUM_TOLERANCE:g}): volume fractions of "
              "one layer", value=_fraction_sum,
              derived="cathode.active_fraction + cathode.electrolyte_fraction, "
              + _OF_LAYER.format(layer="cathode")),
        Limit("cathode_tortuosity_factor", FIELDS["cathode_tortuosity_factor"],
              _given("cathode_tortuosity_factor",
                     lambda g: g["cathode_electrolyte_volume_fraction"] > 0), None,
              "applies to the solid electrolyte of a composite; this layer has none "
              "(cathode_electrolyte_volume_fraction 0): NaN (not given)"),
        Limit("anode_tortuosity_factor", FIELDS["anode_tortuosity_factor"],
              _given("anode_tortuosity_factor", lambda g: (g["anode_kind"] == 3)
                     & (g["anode_electrolyte_volume_fraction"] > 0)), None,
              "applies to a composite anode (anode_kind 3) with solid electrolyte "
              "(anode_electrolyte_volume_fraction > 0): NaN (not given) elsewhere"),
        Limit("anode_prelithiation", FIELDS["anode_prelithiation"],
              _given("anode_prelithiation", host_without_excess), None,
              "applies to a host anode (li_in, graphite, silicon, lto: anode_kind 2 or 3) "
              "without excess_li_thickness_m (the held lithium is stated one way): NaN (none) "
              "elsewhere"),
    ]


#: The columns of :func:`core` that hold a layer of a stacked cell (cell.design
#: ``PLANE_LAYERS``), each of which must be thinner than the electrode's smaller in-plane side
#: (cell.design ``_check_layers_fit_the_plane``), with the design field it holds.
PLANE_COLUMNS = {
    "cathode_thickness_m": "cathode.thickness_m", "separator_thickness_m":
    "separator.thickness_m", "anode_thickness_m": "anode.thickness_m",
    "excess_li_thickness_m": "anode.excess_li_thickness_m",
    "cathode_collector_thickness_m": "cathode_current_collector.thickness_m",
    "anode_collector_thickness_m": "anode_current_collector.thickness_m",
    "bipolar_collector_thickness_m": "architecture.bipolar_collector.thickness_m",
    "interlayer_film_thickness_m": "format.interlayer_film.thickness_m",
    "substrate_thickness_m": "format.substrate_thickness_m",
    "casing_thickness_m": "format.casing_thickness_m",
}


#: Keys of quantities :func:`core` has computed (with the same formulas) before it checks
#: :data:`LIMITS`, given to the rules beside its parameters (a value, or a callable giving it):
#: the electrode's smaller side, an anode's thickness sized by N/P, a 3D repeat unit's width.
#: :func:`off_limits` gives none of them; each rule then computes its own.
_KNOWN = ("(electrode side)", "(anode by N/P)", "(repeat unit)")


def _known(g: Mapping[str, Any], key: str, compute: Callable[[Mapping[str, Any]], Any]) -> Any:
    """``g[key]`` (:data:`_KNOWN`; called where it is a callable), else ``compute(g)``."""
    x = g.get(key)
    if x is None:
        return compute(g)
    return x() if callable(x) else x


def _side(g: Mapping[str, Any]) -> Any:
    """The electrode's smaller in-plane side [m] (cell.design ``electrode_side_m``)."""
    return _known(g, _KNOWN[0], lambda g: np.minimum(g["electrode_width_m"],
                                                     g["electrode_height_m"]))


def _plane_layer(column: str) -> Limit:
    """The :class:`Limit` of a layer of :data:`PLANE_COLUMNS`: an anode-free reservoir is a
    layer, a host's held lithium is not (cell.design ``roll_layers``); the bipolar collector
    is one on a bipolar stack only."""
    def breaks(g: Mapping[str, Any]) -> Any:
        off = ~(g[column] < _side(g))
        if column == "excess_li_thickness_m":
            off = off & (g["anode_kind"] != 2) & (g["anode_kind"] != 3)
        elif column == "bipolar_collector_thickness_m":
            off = off & (g["architecture"] == 1)
        return off
    return Limit(column, PLANE_COLUMNS[column], breaks, "stacked", PLANE_ALLOWED)


def _anode_by_np_m(g: Mapping[str, Any]) -> Any:
    """The thickness [m] of an anode sized by N/P, as :func:`core` resolves it (N/P x the
    cathode's areal capacity / the anode's capacity per volume)."""
    arch, wc, gap = g["architecture"], g["cathode_width_m"], g["gap_m"]
    fill = np.where(arch == 4, (wc / (wc + gap)) ** 2, 1.0)
    cap = cathode_areal_capacity_A_h_m2(
        g["cathode_active_volume_fraction"], g["cathode_active_density_kg_m3"],
        g["cathode_capacity_Ah_kg"], g["cathode_thickness_m"], fill)
    return cap * (g["anode_np_ratio"] / g["anode_capacity_density_Ah_m3"])


def _repeat_unit_m(g: Mapping[str, Any]) -> Any:
    """The in-plane width [m] of a 3D repeat unit (cell.design ``repeat_unit_m``)."""
    wc, gap = g["cathode_width_m"], g["gap_m"]
    return np.where(g["architecture"] == 3, wc + g["anode_width_m"] + 2 * gap, wc + gap)


def _repeat_unit_refusals(g: Mapping[str, Any], rows: Any) -> list[OffLimit]:
    """The :class:`OffLimit` of each of ``rows`` whose 3D repeat unit is wider than the
    electrode's smaller side: the largest term's field, its value and the design model's
    words (cell.design ``repeat_unit_refusal``, whose rules are mirrored here on arrays: its
    sum, ``min`` of the sides and ``max`` of the terms, the first of equal ones; the words from
    ``repeat_unit_words``), not the sum's name."""
    n = math.prod(np.broadcast_shapes(*(np.shape(v) for v in g.values())))
    arch, wc, wa, gap, ew, eh = (np.broadcast_to(g[k], (n,))[rows] for k in (
        "architecture", "cathode_width_m", "anode_width_m", "gap_m", "electrode_width_m",
        "electrode_height_m"))
    inter = arch == ARCH_CODES["interdigitated_3d"]
    # repeat_unit_terms' order; Python's max keeps the first term unless a later one is greater
    worst = np.where(inter & (wa > wc), 1, 0)
    worst = np.where(np.where(inter, 2 * gap, gap) > np.where(worst == 1, wa, wc), 2, worst)
    pitch = np.where(inter, 0 + wc + wa + 2 * gap, 0 + wc + gap)  # sum(terms), from 0
    side = np.where(eh < ew, eh, ew)  # min(width, height)
    fits = (pitch <= side) | ~(inter | (arch == ARCH_CODES["vertically_aligned"]))
    if fits.any():  # (the rows the vectorised rule refused: the same sums)
        raise SolidcellError(f"repeat unit of row {rows[np.flatnonzero(fits)[0]]}: refused by "
                             "core, not by the design model's rule")
    names = ("cathode_width_m", "anode_width_m", "gap_m")
    values = [wc.tolist(), wa.tolist(), gap.tolist()]
    texts = [in_units(v, "length", "um") for v in values]
    pitches = in_units(pitch.tolist(), "length", "mm")
    out: list[OffLimit] = []
    for j, (w, a, narrower, wt, ht) in enumerate(zip(
            worst.tolist(), inter.tolist(), (eh < ew).tolist(), _in_mm_each(ew),
            _in_mm_each(eh), strict=True)):
        kind = "interdigitated_3d" if a else "vertically_aligned"
        shown = ({names[i]: texts[i][j] for i in (0, 1, 2)} if a
                 else {names[0]: texts[0][j], names[2]: texts[2][j]})
        allowed = repeat_unit_words(kind, pitches[j], shown, ht if narrower else wt, wt, ht)
        x = values[w][j]
        out.append(OffLimit(names[w], f"architecture.{names[w]}", x, allowed,
                            texts[w][j] if math.isfinite(x) else x))
    return out


def _in_mm_each(x: np.ndarray) -> list[str]:
    """cell.design ``_in_mm`` of each of ``x`` (a float array), each distinct number (bit for
    bit: -0.0 is not 0.0) formatted once: an electrode's sides repeat over a batch."""
    bits, inverse = np.unique(np.ascontiguousarray(x, dtype=float).view(np.int64),
                              return_inverse=True)
    texts = in_units(bits.view(np.float64).tolist(), "length", "mm")
    return [texts[i] for i in inverse.reshape(-1).tolist()]


#: The parameters of the stacked cell's geometry rules of :data:`LIMITS`
#: (:func:`_plane_limits`): the layer columns and two quantities derived from the row.
GEOMETRY_PARAMETERS = (*PLANE_COLUMNS, "anode_thickness_by_np_m", "repeat_unit_width_m")


def _plane_limits() -> list[Limit]:
    """The :class:`Limit` of the stacked cell's geometry: each layer (and an anode sized by
    N/P) thinner than the electrode's smaller in-plane side, a 3D repeat unit no wider."""
    def np_anode_breaks(g: Mapping[str, Any]) -> Any:
        return (g["anode_np_ratio"] > 0) & (g["anode_kind"] != 1) & (g["architecture"] != 3) \
            & ~(_known(g, _KNOWN[1], _anode_by_np_m) < _side(g))

    return [
        *(_plane_layer(c) for c in PLANE_COLUMNS),
        # the package's margins where the format reads them (cell.design
        # _check_package_fits_the_plane): a pouch's seal, a prismatic headspace
        Limit("seal_width_m", FIELDS["seal_width_m"],
              lambda g: (g["format"] == FORMAT_CODES["pouch"])
              & ~(g["seal_width_m"] < _side(g)), "stacked", SEAL_ALLOWED),
        Limit("headspace_m", FIELDS["headspace_m"],
              lambda g: (g["format"] == FORMAT_CODES["prismatic"])
              & ~(g["headspace_m"] < g["electrode_height_m"]), "stacked", HEADSPACE_ALLOWED),
        Limit("anode_thickness_by_np_m", "anode thickness from anode.np_ratio",
              np_anode_breaks, "stacked", PLANE_ALLOWED, value=_anode_by_np_m,
              derived=DERIVED["anode_thickness_by_np_m"], shown_as="anode.thickness_m"),
        Limit("repeat_unit_width_m", "3D repeat unit width",
              lambda g: (g["format"] != 1)
              & ~(_known(g, _KNOWN[2], _repeat_unit_m) <= _side(g)), "3d",
              REPEAT_UNIT_RULE, value=_repeat_unit_m,
              derived=DERIVED["repeat_unit_width_m"], shown_as="format.electrode_width_m",
              explain=_repeat_unit_refusals),
    ]


def _limits() -> tuple[Limit, ...]:
    """:data:`LIMITS`: the design model's number rules, a thin film's substrate and cathode
    (``THIN_FILM_MAX_CATHODE_M`` of cell.design), the numbers
    refused together, the materials' numbers, the stacked cell's geometry (in the order
    :func:`off_limits` names them)."""
    return (*(_limited(c, rule, where) for c, (rule, where) in LIMITED_COLUMNS.items()),
            Limit("substrate_thickness_m", FIELDS["substrate_thickness_m"],
                  lambda g: ~(g["substrate_thickness_m"] > 0), "thin_film",
                  "must be > 0 m on a thin_film cell (format 3: the substrate it is made on)"),
            Limit("cathode_thickness_m", FIELDS["cathode_thickness_m"],
                  lambda g: ~(g["cathode_thickness_m"] <= THIN_FILM_MAX_CATHODE_M),
                  "thin_film_architecture", THIN_FILM_CATHODE_ALLOWED),
            *_together(),
            *(_material(c, spec) for c, spec in MATERIAL_COLUMNS.items()),
            *_plane_limits())


def _row_masks(g: Mapping[str, Any], bipolar: Any, fmt: Any, inter: Any, vert: Any
               ) -> dict[str | None, Any]:
    """The row masks a :class:`Limit` applies to (its ``rows``)."""
    cyl = fmt == 1
    return {None: True, "bipolar": bipolar, "cylindrical": cyl, "stacked": ~cyl,
            "3d": inter | vert, "interdigitated": inter,
            "thin_film_architecture": g["architecture"] == ARCH_CODES["thin_film"],
            "pack": np.isfinite(g["pack_cells"]), **_material_rows(g, fmt)}


def _off_limits(g: Mapping[str, Any], bipolar: Any, fmt: Any, inter: Any, vert: Any) -> Any:
    """Rows of :func:`core` that break a rule of :data:`LIMITS` (reason 12); ``g`` may hold
    quantities :func:`core` has computed already (:data:`_KNOWN`). A rule whose row mask holds
    no row is not evaluated."""
    rows = _row_masks(g, bipolar, fmt, inter, vert)
    live: dict[str | None, bool] = {}  # whether a row mask holds a row (looked at once)
    masks = []
    for limit in LIMITS:
        on = rows[limit.rows]
        if np.ndim(on) == 0:
            if not on:
                continue
        elif not live.setdefault(limit.rows, bool(on.any())):  # a rule of no row here
            continue
        off = limit.breaks(g)
        if np.ndim(off) == 0 and not off:
            continue
        masks.append(off if np.ndim(on) == 0 else off & on)
    # arrays only with arrays: a NumPy bool scalar & an array of 16384 rows took 17 us, two
    # arrays 1 us (measured here)
    if any(np.ndim(m) == 0 and m for m in masks):
        return True
    arrays = [m for m in masks if np.ndim(m)]
    if not arrays:
        return False
    bad = arrays[0]
    for m in arrays[1:]:
        bad = bad | m
    return bad


def _material_rows(g: Mapping[str, Any], fmt: Any) -> dict[str, Any]:
    """The row masks of :data:`MATERIAL_COLUMNS`: the rows of :func:`core` that read each
    material number (a pouch has no substrate, an anode-free cell no anode layer)."""
    akind = g["anode_kind"]
    ex = g["excess_li_thickness_m"]
    return {
        "casing": g["casing_thickness_m"] > 0, "film": g["interlayer_film_thickness_m"] > 0,
        "thin_film": fmt == 3, "anode": akind != 1,
        # a reservoir, plated lithium (charged), a host's held lithium, a lithium-free cathode
        "lithium": (akind == 1) | ((akind == 0) & (g["charged"] > 0)) | (ex > 0)
        | (g["anode_prelithiation"] > 0) | (g["cathode_lithium_free"] > 0),
        "composite_cathode": g["cathode_electrolyte_volume_fraction"] > 0,
        "composite_anode": (akind == 3) & (g["anode_electrolyte_volume_fraction"] > 0),
        "materials_interface": ~(g["cathode_interface_resistance_ohm_m2"]
                                 + g["anode_interface_resistance_ohm_m2"] > 0),
    }


#: The number rules of reason 12, each once: the rows :func:`core` refuses
#: (:func:`_off_limits`) and the first rule :func:`off_limits` names for a row are both read
#: from here.
LIMITS: tuple[Limit, ...] = _limits()


@dataclass(frozen=True)
class OffLimit:
    """The first number of a row of :func:`core` that breaks its rule (reason 12):
    ``field`` as a user knows it (the design field the scalar design's ValidationError names,
    or a derived quantity's name), the ``parameter`` of :func:`core` (or the sum of two) that
    holds it, its ``value`` [SI], the value as ``shown`` (as the design model's refusal of the
    field shows it, cell.design ``shown_number``: ``'130 um'``), what is ``allowed`` and, for a
    derived quantity, what it is ``derived`` from."""

    parameter: str
    field: str
    value: float | int
    allowed: str
    shown: float | int | str
    derived: str = ""
    #: one sentence, as a ValidationError of the field says it (the design model's words
    #: where it has a rule of its own), then what a derived quantity comes from and the
    #: parameter where it is another name
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = ValidationError._text(self.field, self.shown, self.allowed)
        notes = [f"from {self.derived}"] if self.derived else []
        if self.parameter != self.field:
            notes.append(f"parameter {self.parameter}")
        object.__setattr__(self, "text", f"{words} ({'; '.join(notes)})" if notes else words)


def off_limits(params: Mapping[str, Any], rows: Any = None) -> list[OffLimit | None]:
    """For each of ``rows`` (indices into the rows of ``params``, :func:`core`'s parameters as
    floats or arrays that broadcast; None: every row) the first rule of :data:`LIMITS` it
    breaks, as an :class:`OffLimit`, or None where it breaks none (its reason code is not
    12). The work is on those rows only: call it for the rows with reason code 12."""
    g = {k: _as_float(params.get(k, d)) for k, d in PARAMETERS.items()}
    shape = np.broadcast_shapes(*(np.shape(v) for v in g.values()))
    idx = (np.arange(math.prod(shape)) if rows is None
           else np.asarray(rows, dtype=np.intp).reshape(-1))
    sub = {k: np.broadcast_to(v, shape).reshape(-1)[idx] if np.ndim(v) else v
           for k, v in g.items()}
    first = np.full(idx.size, -1)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        masks = _row_masks(sub, sub["architecture"] == 1, sub["format"],
                           sub["architecture"] == 3, sub["architecture"] == 4)
        for i, limit in enumerate(LIMITS):
            off = np.broadcast_to(limit.breaks(sub) & masks[limit.rows], idx.shape)
            first[(first < 0) & off] = i
        out: list[OffLimit | None] = [None] * idx.size
        for i in np.unique(first[first >= 0]).tolist():
            limit = LIMITS[i]
            where = np.flatnonzero(first == i)
            if limit.explain is not None:
                for j, o in zip(where.tolist(), limit.explain(sub, where), strict=True):
                    out[j] = o
                continue
            values = np.broadcast_to(limit.value(sub) if limit.value is not None
                                     else sub[limit.parameter], idx.shape)[where]
            made: dict[float | str, OffLimit] = {}  # one per distinct value
            xs = values.tolist()
            if limit.integer:
                xs = [int(x) if math.isfinite(x) and x == int(x) else x for x in xs]
            shown = shown_numbers(limit.unit_of, xs)
            for j, x, s in zip(where.tolist(), xs, shown, strict=True):
                key = x if x == x else "nan"
                if key not in made:
                    made[key] = OffLimit(limit.parameter, limit.field, x, limit.allowed, s,
                                         limit.derived)
                out[j] = made[key]
    return out


def reason_details(params: Mapping[str, Any], codes: Any) -> np.ndarray:
    """Per row of ``codes`` (:func:`core`'s ``"Reason code"`` of ``params``): the
    :attr:`OffLimit.text` of a row with reason 12 (which number, its value, what is allowed),
    "" elsewhere; computed for the reason-12 rows only."""
    codes = np.asarray(codes)
    out = np.full(codes.shape, "", dtype=object)
    rows = np.flatnonzero(codes.reshape(-1) == OFF_LIMITS)
    if rows.size:
        found = off_limits(params, rows)
        out.reshape(-1)[rows] = [o.text if o is not None else "" for o in found]
    return out


#: The words reason 12 begins with (:data:`REASONS`); a row's :func:`reason_details` says
#: which number.
OUT_OF_RANGE = "a number out of the design model's range"

#: Reason codes of infeasible designs in :func:`core`.
REASONS = {
    0: "",
    1: "N/P ratio below 1 (the anode holds less lithium than the cathode delivers)",
    2: "3D geometry leaves no room for the electrolyte (fractions of the footprint >= 1)",
    3: "cylindrical can too small for a jelly roll: no room inside the walls and the mandrel, "
       "or a layer of the roll (the cathode, separator, anode as resolved, a collector) at "
       "least as thick as the can's radial room ((diameter - 2 casing - mandrel) / 2)",
    4: "zero capacity or zero thickness",
    5: "cell voltage <= 0",
    6: "interlayer films: n_layers is not a multiple of interlayer_film_every (repeat units "
       "per group), or the film thickness is negative",
    7: f"cathode.thickness_m or cathode.active_loading_kg_m2 {CAPACITY_OVERFLOW_RULE}",
    8: "a size beyond the range of a float: the stack thickness or areal mass, the cell mass, "
       "volume or energy or the casing mass is infinite (give thicknesses and sizes of physical "
       "size)",
    9: "the cathode's active material holds no lithium (sulfur) and the anode has less to "
       "give than the cathode's capacity (none, or too little excess_li_thickness_m): use a "
       "lithium-metal foil, or excess_li_thickness_m holding the cathode's capacity (an "
       "anode-free reservoir, or the lithium a host anode holds at assembly)",
    10: "a host anode (li_in, graphite, silicon, lto) cannot take its lithium at full charge: "
        "the lithium it holds at assembly (excess_li_thickness_m), plus a lithiated cathode's, "
        "exceeds its capacity (N/P x the cathode's)",
    11: "excess_li_thickness_m is negative or not a finite number (it must be >= 0 m and "
        "finite)",
    12: f"{OUT_OF_RANGE} (cell.design): cathode thickness, "
        "separator, collector, "
        "bipolar collector (bipolar stack), electrode width and height (stacked formats), can "
        "diameter and height (cylindrical), 3D cathode width and gap > 0 and finite; casing "
        "thickness, seal width, headspace, mandrel diameter, substrate thickness, tab mass, "
        "interface resistances, anode_np_ratio (0: not given), interdigitated anode width and "
        "busbar mass >= 0 and finite (a thin film's substrate > 0); first_cycle_loss, "
        "cathode_first_cycle_loss, separator_porosity and cathode_porosity in [0, 1); the "
        "cathode coating's volume per active volume >= 0 and finite (0: no coating); "
        "pack mass and volume "
        "efficiencies in (0, 1]; n_layers an integer in [1, 10000], a bipolar stack's "
        "cells_in_series an integer in [1, 1000]; "
        "an anode thickness >= 0 (0: sized by N/P); a composite's active volume fraction in (0, "
        "1], its electrolyte volume fraction in [0, 1], the two together at most 1; a "
        "tortuosity factor >= 1 and finite (NaN: Bruggeman), only on a layer with solid "
        "electrolyte; anode_prelithiation in [0, 1] (NaN: none), only on a host anode "
        "without excess_li_thickness_m; interlayer_film_every an integer in [1, 10000]; "
        f"pack_cells cells_in_series x cells_in_parallel, each an integer in [1, "
        f"{INTEGER_LIMITS['pack.cells_in_series']}] and [1, "
        f"{INTEGER_LIMITS['pack.cells_in_parallel']}] (a prime above both makes no pack; NaN: "
        "no pack); "
        "or a material's number out of the range the material schema accepts (densities, "
        "capacities, voltages, conductivities, diffusivity, particle size: finite and in the "
        "property's bounds; a conductivity, diffusivity or particle size may be NaN, not "
        "known); or a stacked cell's geometry: a layer (cathode, separator, anode, also one "
        "sized by N/P, an anode-free reservoir, a collector, an interlayer film, the "
        "substrate, the casing) at least as thick as the electrode's smaller in-plane side, a "
        "seal (pouch) at least as wide as it, a prismatic headspace at least as "
        "tall as the electrode, or a 3D repeat unit wider than the electrode's smaller side",
    13: "the cathode's particle coating does not fit in its void: its shell volume, "
        "((1 + t/r)^3 - 1) x the active volume fraction, exceeds cathode.porosity (the "
        "fractions are of the uncoated solids; cell.design.check_coating_room)",
}
#: The reason code of :data:`REASONS` for sizes that overflow a float.
SIZE_OVERFLOW = 8


def coating_overfills(g: Mapping[str, Any]) -> Any:
    """Rows whose cathode coating volume exceeds the void (reason 13; the design model's
    :func:`~solidcell.cell.design.check_coating_room`, same tolerance)."""
    coat = g["cathode_coating_volume_per_active_volume"] * g["cathode_active_volume_fraction"]
    return coat > g["cathode_porosity"] + FRACTION_SUM_TOLERANCE


#: The reason code of :data:`REASONS` for a number out of the design model's range
#: (:data:`LIMITS`; :func:`off_limits` names which).
OFF_LIMITS = 12


#: Designs per chunk of :func:`_core_chunked` (the temporaries of one chunk stay in cache).
CHUNK = 1 << 14


def _core_chunked(params: dict[str, Any], workers: int | None = None) -> dict[str, np.ndarray]:
    """:func:`core` over 1-D arrays in cache-sized chunks on a thread pool (NumPy releases the
    GIL), writing into preallocated outputs; the same function, only scheduled."""
    arrays = {k: np.asarray(v, dtype=float) for k, v in params.items()}
    # np.broadcast takes at most 64 arrays; broadcast_shapes any number of them
    shape = np.broadcast_shapes(*(a.shape for a in arrays.values())) if arrays else ()
    if len(shape) != 1 or shape[0] <= CHUNK:
        cols = core(arrays)
        return {k: np.broadcast_to(v, shape) for k, v in cols.items()}
    n = shape[0]
    first = core({k: (v[:1] if v.ndim else v) for k, v in arrays.items()})
    out = {k: np.empty(n, dtype=np.asarray(v).dtype) for k, v in first.items()}

    def run(start: int) -> None:
        stop = min(start + CHUNK, n)
        part = core({k: (v[start:stop] if v.ndim else v) for k, v in arrays.items()})
        for k, v in part.items():
            out[k][start:stop] = v

    import os
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        list(pool.map(run, range(0, n, CHUNK)))
    return out


def _conductivity(material: Any, temperature_K: float) -> tuple[float, str]:
    """(conductivity [S/m], "") or (NaN, why not): energy never depends on it, power does."""
    from solidcell.chemistry.conductivity import conductivity_at

    try:
        return float(conductivity_at(material, temperature_K).ionic_conductivity_S_m), ""
    except SolidcellError as exc:
        return math.nan, f"{material.id}: {exc}"


def conductivity_checks(materials: Sequence[Any], temperature_K: Any
                        ) -> tuple[list[str], list[str]]:
    """(warnings, sources) of :func:`conductivity_at` at ``temperature_K`` (K, one or an
    array) for each distinct material (None skipped), once each: the warnings name a
    temperature outside the data, above or across melting; the sources are those of the
    conductivities behind the power (data, activation energy, Arrhenius)."""
    from solidcell.chemistry.conductivity import conductivity_at

    warnings: list[str] = []
    sources: list[str] = []
    for mat in {m.id: m for m in materials if m is not None}.values():
        try:
            res = conductivity_at(mat, temperature_K)
        except SolidcellError:
            continue  # no conductivity there: the power note says so
        warnings += res.warnings
        sources += res.sources
    return list(dict.fromkeys(warnings)), list(dict.fromkeys(sources))


def _electrolytes(rd: ResolvedDesign) -> list[Any]:
    """The electrolytes whose conductivity enters the power: separator, cathode, anode."""
    return [m for m in (rd.separator_electrolyte, rd.cathode.materials.get("electrolyte"),
                        anode_electrolyte(rd)) if m is not None]


def diffusivity_reference_K(prop: Any) -> float:
    """The temperature [K] a material's ``diffusivity`` value was measured at: its stated
    ``temperature``, 298.15 K where it states none (the store's reading of a value without
    one, as the conductivity queries)."""
    from solidcell.simulation.parameters import T_REF

    return T_REF if prop.temperature is None else float(prop.temperature)


def active_diffusivity_at(active: Any, temperature_K: Any) -> Any:
    """The cathode active material's ``diffusivity`` [m2/s] taken at ``temperature_K`` (one
    or an array) by the simulation's rule, one function
    (:func:`solidcell.simulation.parameters.solid_diffusivity_at`): Arrhenius from the value's
    own temperature (:func:`diffusivity_reference_K`) with the material's activation energy
    in the simulation's table (``diffusivity_activation_energy_J_mol`` of
    ``simulation/data/active_materials.yaml``), constant without one; None where the
    material has no diffusivity (no limit)."""
    from solidcell.simulation.parameters import diffusivity_activation_energy as e_d_of
    from solidcell.simulation.parameters import solid_diffusivity_at

    prop = active.get("diffusivity")
    if prop is None or prop.si is None:
        return None
    e_d, _ = e_d_of(active.id)
    return solid_diffusivity_at(prop.si, e_d, temperature_K, diffusivity_reference_K(prop))


def diffusion_sources(rd: ResolvedDesign, temperatures_K: Any = None) -> list[str]:
    """The sources of the solid-diffusion C-rate limit of ``rd``: the cathode active
    material's ``diffusivity``, its activation energy's where it moves the value to a
    temperature (``temperatures_K``, default the design's) other than the value's own
    (:func:`active_diffusivity_at`), and, where the design gives no ``particle_radius_m``, its
    ``particle_size`` (the diffusion length); [] where it has no diffusivity (no limit)."""
    from solidcell.simulation.parameters import diffusivity_activation_energy

    active = rd.cathode.materials["active"]
    diff = active.get("diffusivity")
    if diff is None or diff.si is None:
        return []
    size = active.get("particle_size")
    from_size = rd.design.cathode.particle_radius_m is None and size is not None \
        and size.si is not None
    temps = np.atleast_1d(rd.design.temperature_K if temperatures_K is None else temperatures_K)
    _, e_source = diffusivity_activation_energy(active.id)
    moved = e_source is not None and bool(np.any(temps != diffusivity_reference_K(diff)))
    return [diff.source, *([e_source] if moved else []),  # type: ignore[list-item]
            *([size.source] if from_size else [])]  # type: ignore[union-attr]


def geometry_sources(rd: ResolvedDesign) -> list[str]:
    """The sources of the power's geometry factors of ``rd``: a vertically aligned cell's
    composite channels conduct by :func:`square_channel_factor`; [] else."""
    d = rd.design
    if d.architecture.kind == "vertically_aligned" and d.cathode.electrolyte_fraction > 0:
        return ["oasys_gsa_rectangular_torsion"]
    return []


def anode_electrolyte(rd: ResolvedDesign) -> Any:
    """The solid electrolyte of a composite anode with one (fraction > 0), else None."""
    if rd.anode is None or ANODE_CODES[rd.design.anode.kind] != 3:
        return None
    if rd.anode.electrolyte_volume_fraction <= 0:
        return None
    return rd.anode.materials.get("electrolyte")


#: :func:`design_parameters`' ``interface`` when the caller has not looked it up.
_LOOK_UP: Any = object()


def design_parameters(rd: ResolvedDesign, charged: bool = False,
                      max_polarisation_V: float = DEFAULT_POLARISATION_V,
                      interface: InterfaceSource | None = _LOOK_UP) -> dict[str, float]:
    """The parameters of :func:`core` for one resolved design (plain floats). ``interface``:
    the design's :func:`interface_resistance_source`, where the caller (``evaluate``) has
    already looked it up for its note; else it is looked up here (a database read)."""
    d = rd.design
    if interface is _LOOK_UP:
        interface = interface_resistance_source(d, separator=rd.separator_electrolyte)
    table = None if interface is None or interface.where == "design" else interface.table
    a, f, arch = d.anode, d.format, d.architecture
    p: dict[str, float] = dict(PARAMETERS)
    t = d.temperature_K
    sigma_sep, _ = _conductivity(rd.separator_electrolyte, t)
    cat_el = rd.cathode.materials.get("electrolyte")
    sigma_cat = _conductivity(cat_el, t)[0] if cat_el is not None else math.nan
    an_el = anode_electrolyte(rd)
    sigma_an = _conductivity(an_el, t)[0] if an_el is not None else math.nan
    active = rd.cathode.materials["active"]
    diff = active_diffusivity_at(active, t)
    radius = rd.cathode_particle_radius_m
    coat = rd.coating_volume_per_active_volume * rd.cathode.active_volume_fraction
    p.update({
        "architecture": ARCH_CODES[arch.kind], "format": FORMAT_CODES[f.kind],
        "anode_kind": ANODE_CODES[a.kind], "charged": float(charged),
        "cathode_voltage_V": rd.cathode.average_voltage_V,
        "anode_voltage_V": rd.anode.average_voltage_V if rd.anode is not None else 0.0,
        "cathode_capacity_Ah_kg": rd.cathode.specific_capacity_mAh_g,
        "cathode_active_density_kg_m3": rd.cathode.densities_kg_m3["active"],
        "cathode_active_volume_fraction": rd.cathode.active_volume_fraction,
        "cathode_coating_volume_per_active_volume": rd.coating_volume_per_active_volume,
        "cathode_porosity": d.cathode.porosity,
        "cathode_layer_density_kg_m3": rd.cathode.density_kg_m3
        + coat * rd.coating_density_kg_m3,
        "cathode_electrolyte_volume_fraction": rd.cathode.electrolyte_volume_fraction,
        "cathode_thickness_m": rd.cathode_thickness_m,
        "cathode_electrolyte_conductivity_S_m": sigma_cat,
        "separator_thickness_m": d.separator.thickness_m,
        "separator_density_kg_m3": rd.separator_density_kg_m3 * (1 - d.separator.porosity),
        "separator_conductivity_S_m": sigma_sep, "separator_porosity": d.separator.porosity,
        "anode_capacity_density_Ah_m3": (rd.anode.capacity_density_mAh_m3 / 1000.0
                                         if rd.anode is not None else math.nan),
        "anode_layer_density_kg_m3": rd.anode.density_kg_m3 if rd.anode is not None else 0.0,
        "anode_np_ratio": a.np_ratio if (a.np_ratio is not None and a.thickness_m is None)
        else 0.0,
        "anode_thickness_m": a.thickness_m or 0.0,
        # a host's prelithiation as given (core turns it into dense lithium per row, the one
        # conversion of the design model), else its dense lithium or a reservoir
        "excess_li_thickness_m": rd.held_li_thickness_m if a.prelithiation is None else 0.0,
        "anode_prelithiation": math.nan if a.prelithiation is None else a.prelithiation,
        "anode_electrolyte_volume_fraction": (rd.anode.electrolyte_volume_fraction
                                              if rd.anode is not None else 0.0),
        "anode_electrolyte_conductivity_S_m": sigma_an,
        "cathode_tortuosity_factor": _tortuosity(d.cathode.tortuosity_factor),
        "anode_tortuosity_factor": _tortuosity(d.anode.tortuosity_factor
                                               if ANODE_CODES[a.kind] == 3 else None),
        "li_density_kg_m3": rd.li_density_kg_m3 if rd.li_density_kg_m3 is not None
        else math.nan,
        "li_capacity_Ah_kg": rd.li_capacity_mAh_g,
        "cathode_collector_thickness_m": d.cathode_current_collector.thickness_m,
        "cathode_collector_density_kg_m3": rd.cathode_collector_density_kg_m3,
        "anode_collector_thickness_m": d.anode_current_collector.thickness_m,
        "anode_collector_density_kg_m3": rd.anode_collector_density_kg_m3,
        "bipolar_collector_thickness_m": (arch.bipolar_collector.thickness_m
                                          if arch.bipolar_collector is not None
                                          else d.cathode_current_collector.thickness_m),
        "bipolar_collector_density_kg_m3": rd.bipolar_collector_density_kg_m3,
        "cells_in_series": arch.cells_in_series, "n_layers": f.n_layers,
        "cathode_width_m": arch.cathode_width_m or math.nan,
        "anode_width_m": arch.anode_width_m or 0.0, "gap_m": arch.gap_m or math.nan,
        "electrode_width_m": f.electrode_width_m or math.nan,
        "electrode_height_m": f.electrode_height_m or math.nan,
        "diameter_m": f.diameter_m or math.nan, "can_height_m": f.height_m or math.nan,
        "mandrel_diameter_m": f.mandrel_diameter_m,
        "casing_thickness_m": f.casing_thickness_m,
        "casing_density_kg_m3": rd.casing_density_kg_m3, "seal_width_m": f.seal_width_m,
        "headspace_m": f.headspace_m, "tab_mass_kg": f.tab_mass_kg,
        "interlayer_film_thickness_m": (f.interlayer_film.thickness_m
                                        if f.interlayer_film is not None else 0.0),
        "interlayer_film_density_kg_m3": rd.interlayer_film_density_kg_m3,
        "interlayer_film_every": (f.interlayer_film.every
                                  if f.interlayer_film is not None else 1),
        "substrate_thickness_m": f.substrate_thickness_m,
        "substrate_density_kg_m3": rd.substrate_density_kg_m3,
        "first_cycle_loss": d.first_cycle_loss,
        "cathode_first_cycle_loss": d.cathode_first_cycle_loss,
        "cathode_lithium_free": float(rd.cathode_lithium_free),
        # measured at interface_resistance_temperature_K, taken at the design's (Arrhenius)
        "cathode_interface_resistance_ohm_m2": interface_at_temperature(
            d, d.cathode_interface_resistance_ohm_m2),
        "anode_interface_resistance_ohm_m2": interface_at_temperature(
            d, d.anode_interface_resistance_ohm_m2),
        # used where the two above are 0; refused (as the design's) only where it is used
        "materials_interface_resistance_ohm_m2": materials_interface_at(
            table, t, "interface_resistance_activation_energy_eV"),
        "diffusion_length_m": radius if radius is not None else math.nan,
        "active_diffusivity_m2_s": diff if diff is not None else math.nan,
        "max_polarisation_V": max_polarisation_V,
    })
    if d.pack is not None:
        p.update({"pack_cells": d.pack.cells_in_series * d.pack.cells_in_parallel,
                  "pack_mass_efficiency": d.pack.mass_efficiency,
                  "pack_volume_efficiency": d.pack.volume_efficiency,
                  "busbar_mass_kg": d.pack.busbar_mass_kg})
    return p


def _tortuosity(tau: float | None) -> float:
    """A design's tortuosity factor as a parameter of :func:`core` (NaN: Bruggeman)."""
    return math.nan if tau is None else float(tau)


def transport_conventions(design: CellDesign) -> str:
    """The rules of the composite layers' effective conductivity of ``design``, in words."""
    if design.cathode.electrolyte_fraction <= 0:
        text = "cathode without solid electrolyte (no ionic resistance counted in it)"
    else:
        text = f"composite cathode ({tortuosity_rule(design.cathode.tortuosity_factor)})"
        if design.architecture.kind == "vertically_aligned":
            text += (f" in square channels fed through their four walls, "
                     f"{SQUARE_CHANNEL_FACTOR:.4f} w_c / sigma_eff per wall area "
                     "(Saint-Venant's torsion factor of a square)")
    a = design.anode
    if ANODE_CODES[a.kind] == 3 and a.electrolyte_fraction > 0:
        text += f", composite anode ({tortuosity_rule(a.tortuosity_factor)})"
    return text


def conventions(design: CellDesign, charged: bool, max_polarisation_V: float,
                capacity_basis: str = "practical", lithium_free: bool = False,
                net_loss: float | None = None) -> dict[str, str]:
    """The conventions behind the numbers, stated with every result (``lithium_free``: the
    cathode's active material holds no lithium as built, e.g. sulfur; ``net_loss``: the
    first-cycle loss left after the anode's lithium (foil, reservoir, held) supplied it,
    :attr:`ResolvedDesign.first_cycle_loss`)."""
    a = design.anode.kind
    li = ("charged: lithium foil/excess plus the lithium plated from the cathode"
          if charged else "discharged: lithium foil/excess only, no plated lithium")
    mass = "lithiated (discharged) active material"
    if lithium_free:
        li = (f"{'charged' if charged else 'discharged'}: as built (charged), the lithium foil/"
              "excess holding all the lithium, in both states (the discharge moves it into the "
              "cathode, whose swelling is not modelled; the as-built cell is the larger)")
        mass = ("lithium-free active material as built (charged); its lithium is the anode's, "
                "counted there once")
    if a not in ("li_metal", "anode_free"):
        li = f"{'charged' if charged else 'discharged'} ({a}: volume of the composite as built)"
        if design.anode.holds_lithium_at_assembly:
            form = ("prelithiation, a fraction of its capacity"
                    if design.anode.prelithiation is not None else "excess_li_thickness_m")
            li += (f"; the lithium it holds at assembly ({form}) counts in the "
                   "mass as dense lithium, not in the volume (lithiation swelling not modelled)")
    loss_text = f"{design.first_cycle_loss:g} of the cathode capacity"
    own = design.cathode_first_cycle_loss
    if own > 0:
        loss_text += (f"; the cathode's own {own:g} (cathode_first_cycle_loss: sites it does "
                      "not refill, which no lithium held in the anode supplies), the net loss "
                      "at least this")
    if net_loss is not None and net_loss != design.first_cycle_loss:
        what = {"li_metal": "its lithium foil", "anode_free": "its lithium reservoir"}.get(
            a, "pre-lithiation")
        loss_text += (f"; {net_loss:g} after the lithium the anode holds at assembly supplied "
                      f"it first ({what} compensates the first-cycle lithium loss)"
                      if own == 0 else f"; {net_loss:g} counted")
    return {
        "Lithium volume": li,
        "Cathode mass reference state": mass,
        "First-cycle loss": loss_text,
        "Stack": "cells in series (1 unless bipolar) with half current collectors at the "
                 "ends (double-sided repeat unit); single-sided (full collectors) for "
                 "thin-film and interdigitated 3D",
        "Layer breakdown": LAYER_BREAKDOWN,
        "Cell packaging": f"{design.format.kind}: closed casing of wall "
                          f"{design.format.casing_thickness_m:g} m around the stack, plus "
                          "seals/headspace, substrate and tabs as given" + _films(design),
        "Pack": ("cells / cell-to-pack efficiency + busbars, from " + design.pack.source)
        if design.pack is not None else "not computed (no pack section)",
        "Capacity": {"practical": "practical capacity of the cathode active material",
                     "theoretical": "THEORETICAL capacity of the cathode active material (no "
                                    "practical value in the database; an upper bound)",
                     "design": "specific capacity given in the design"}.get(
                         capacity_basis, capacity_basis),
        "Power": f"transport-limited at an allowed polarisation of {max_polarisation_V:g} V "
                 f"(ohmic: separator (Bruggeman), {transport_conventions(design)}, "
                 "interfaces; solid diffusion time)",
        "Temperature": f"{design.temperature_K:g} K ({design.temperature_K - 273.15:.6g} degC)",
    }


def _films(design: CellDesign) -> str:
    """The interlayer films of ``design`` in words ("" without them)."""
    film = design.format.interlayer_film
    if film is None:
        return ""
    n = design.format.n_layers // film.every - 1
    return (f"; {n} insulating film(s) of {film.thickness_m:g} m between groups of "
            f"{film.every} repeat unit(s), over the electrode area")


#: What the layer keys of :func:`core` ("Cathode thickness [m]", "Cathode areal mass
#: [kg.m-2]", ...) mean, stated with every result.
LAYER_BREAKDOWN = ("layer thicknesses and areal masses of one repeat unit, i.e. one cell of "
                   "the stack as the design gives its layers (a bipolar stack holds cells in "
                   "series of each; the current collectors' entry is the stack's collectors "
                   "over its cells): the stack's thickness and areal mass are cells in series "
                   "times their sum")


LEVEL_KEYS = {
    "Gravimetric energy density [W.h.kg-1]": "gravimetric energy density",
    "Volumetric energy density [W.h.L-1]": "volumetric energy density",
}


#: The values an :class:`EnergyResult`'s repr shows.
REPR_KEYS = ("Cell gravimetric energy density [W.h.kg-1]",
             "Cell volumetric energy density [W.h.L-1]", "Cell energy [W.h]",
             "Areal capacity [A.h.m-2]", "Cell voltage [V]", "Maximum C-rate [h-1]")


@dataclass(frozen=True)
class EnergyResult:
    """Energy, mass, volume and power of one design at stack, cell and pack level.

    ``values`` holds the outputs of :func:`core` (PyBaMM-style keys, SI units in brackets),
    ``power_range`` the specific power of the cell [W/kg] at the low and high ends of the
    electrolyte conductivity data, ``conventions`` what the numbers mean. Both mappings are
    read-only copies, so a result cannot be changed after the fact.
    """

    name: str
    values: Mapping[str, float]
    power_range_W_kg: tuple[float, float]
    conventions: Mapping[str, str]
    sources: tuple[str, ...]
    reason: str = ""
    #: the electrolyte conductivity's warnings at the design temperature (outside the data,
    #: above or across melting; also in ``conventions["Temperature"]``), and a note on 3D
    #: widths the architecture ignores (cell.design ``ignored_architecture_note``)
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "conventions", MappingProxyType(dict(self.conventions)))

    def __getitem__(self, key: str) -> float:
        try:
            return self.values[key]
        except (KeyError, TypeError):  # a bare KeyError named no key that exists
            raise _unknown_key(key, self.values, "result.values") from None

    def __repr__(self) -> str:
        """The headline figures (all of them are in ``values`` and ``to_json()``)."""
        head = {k: self.values[k] for k in REPR_KEYS if k in self.values}
        return concise_repr(dataclasses.replace(self, values=head))

    @property
    def feasible(self) -> bool:
        return not self.reason

    @property
    def areal_capacity_mAh_cm2(self) -> float:
        return self.values["Areal capacity [A.h.m-2]"] / 10.0

    def level(self, level: str) -> dict[str, float]:
        """Metrics of ``level`` ('stack', 'cell' or 'pack') with level-free keys."""
        if not isinstance(level, str) or level not in ("stack", "cell", "pack"):
            raise ValidationError("level", level, "use 'stack', 'cell' or 'pack'")
        prefix = level.capitalize() + " "
        return {k[len(prefix):][0].upper() + k[len(prefix) + 1:]: v
                for k, v in self.values.items() if k.startswith(prefix)}

    def to_json(self) -> dict[str, Any]:
        def clean(x: float) -> float | None:
            return x if math.isfinite(x) else None

        levels = {lv: {k: clean(v) for k, v in self.level(lv).items()}
                  for lv in ("stack", "cell", "pack")}
        others = {k: clean(v) for k, v in self.values.items()
                  if not k.startswith(("Stack ", "Cell ", "Pack ")) and k != "Reason code"}
        return {
            "Name": self.name, **others, **levels,
            "Cell specific power range [W.kg-1]": [clean(x) for x in self.power_range_W_kg],
            "Feasible": self.feasible, "Reason": self.reason,
            "conventions": dict(self.conventions), "notes": list(self.warnings),
            "sources": list(self.sources),
        }


MODEL_SOURCES = ("newman1975", "bruggeman1935", "codata2018")


def _unknown_key(key: object, keys: Any, listed: str) -> NotFoundError:
    """The error of ``result[key]`` for a key not in ``keys`` (a KeyError too): the keys that
    hold the text typed (case ignored), else the closest ones, and where all are listed."""
    import difflib

    names = [str(k) for k in keys]
    typed = str(key).casefold()
    close = [k for k in names if typed and typed in k.casefold()][:3] or \
        difflib.get_close_matches(str(key), names, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    return NotFoundError(f"key: {key!r} is not a key of this result{hint} ({listed} lists "
                         f"the {len(names)} keys)")


def as_design(design: Any, field: str = "design", *, also: str = "") -> CellDesign:
    """``design`` itself, the design of a YAML/JSON path or text, or of a mapping of its
    fields (``json.load`` of a design file, ``design.model_dump()``, as ``plan_routes`` and
    ``cell_cost`` take one); anything else raises ValidationError naming ``field``
    (``evaluate``, ``compare``, ``bipolar_gain``, ``crossover`` and the simulation's entry
    points take the same inputs). ``also``: what else the caller takes, added to the
    refusal's words ("CellParameters")."""
    if isinstance(design, CellDesign):
        return design
    if isinstance(design, Mapping):  # was refused: "must be a CellDesign or a YAML/JSON path"
        return CellDesign.from_dict(design)
    if not isinstance(design, str) and not hasattr(design, "__fspath__"):
        raise ValidationError(field, design, "must be a CellDesign, a YAML/JSON path or text, "
                              "or a mapping of a design's fields" + (f", or {also}" if also
                                                                      else ""))
    return CellDesign.from_yaml(design)


def evaluate(design: CellDesign | str | Mapping[str, Any], charged: bool = False,
             max_polarisation_V: float = DEFAULT_POLARISATION_V, *,
             resolved: ResolvedDesign | None = None) -> EnergyResult:
    """Energy bookkeeping and power estimate of one design (or a YAML/JSON path or text, or
    a mapping of the design's fields).

    ``charged``: count the lithium plated on the anode in the stack volume (charged state)
    instead of the lithium foil/excess only (discharged state). ``max_polarisation_V``:
    voltage loss [V] allowed at the limiting rate of the power estimate. ``resolved``:
    ``design.resolved()`` already made (the report's), None to resolve the design here. The
    result's ``values`` carry PyBaMM-style keys with units (``"Gravimetric energy density
    [W.h.kg-1]"``), ``sources`` the bibliography keys of the materials and models used;
    ``to_json()`` gives both.
    """
    design = as_design(design)
    charged = flag("charged", charged)
    max_polarisation_V = real("max_polarisation_V", max_polarisation_V, "a voltage [V]")
    check_polarisation(max_polarisation_V)
    rd = design.resolved() if resolved is None else resolved_of(design, resolved)
    check_polarisation(max_polarisation_V, rd.cell_voltage_V)
    found = interface_resistance_source(design, separator=rd.separator_electrolyte)
    params = design_parameters(rd, charged, max_polarisation_V, found)
    out = {k: float(v) for k, v in core(params).items()}
    check_finite_sizes(out["Reason code"], design.name)
    sources = (list(rd.sources) + list(MODEL_SOURCES) + diffusion_sources(rd)
               + geometry_sources(rd))
    electrolytes = _electrolytes(rd)
    notes = list(dict.fromkeys(  # the same electrolyte in separator and cathode: one note
        n for n in (_conductivity(m, design.temperature_K)[1] for m in electrolytes) if n))
    warnings, conductivity_sources = conductivity_checks(electrolytes, design.temperature_K)
    if not notes:  # each electrolyte's (separator, cathode, anode), not the separator's only
        sources += conductivity_sources
    # power range from the spread of each electrolyte's own conductivity data at the design
    # temperature (or at the nearest data temperature, as factors): all low, then all high
    spreads = {key: conductivity_spread(mat, design.temperature_K) if mat is not None
               else (1.0, 1.0) for key, mat in (
                   ("separator_conductivity_S_m", rd.separator_electrolyte),
                   ("cathode_electrolyte_conductivity_S_m",
                    rd.cathode.materials.get("electrolyte")),
                   ("anode_electrolyte_conductivity_S_m", anode_electrolyte(rd)))}
    rng = []
    for end in (0, 1):
        scaled = dict(params)
        for key, factors in spreads.items():
            scaled[key] = params[key] * factors[end]
        rng.append(float(core(scaled)["Cell specific power [W.kg-1]"]))
    reason = REASONS[int(out["Reason code"])]
    detail = reason_details(params, out["Reason code"]).item()
    if detail:  # reason 12: which number (as evaluate_many's rows say)
        reason = f"{OUT_OF_RANGE}: {detail}"
    conv = conventions(design, charged, max_polarisation_V, rd.cathode.capacity_basis,
                       bool(params["cathode_lithium_free"]), rd.first_cycle_loss)
    if notes:
        conv["Power"] = "not computed: " + "; ".join(notes)
    if warnings:  # extrapolated or above melting: the power rests on it (CLI, JSON, report)
        conv["Temperature"] += "; conductivity: " + "; ".join(warnings)
    ignored = "; ".join(n for n in (ignored_architecture_note(design.architecture),
                                    ignored_format_note(design.format)) if n) or None
    if ignored is not None:  # 3D widths on a planar cell, a seal on a prismatic can: a
        warnings = [*warnings, ignored]  # note, not silently dropped
        conv["Ignored fields"] = ignored  # evaluate's text output shows the conventions
    taken = interface_taken_note(design)
    if taken is not None:  # the design's E_a / T_ref: the value taken at its temperature
        warnings = [*warnings, taken]
        conv["Interface resistance"] = taken  # evaluate's text output shows the conventions
    if found is not None and found.where != "design":  # its materials' (the simulation's rule)
        sources += found.sources
        conv["Interface resistance"] = str(materials_interface_note(design, found))
    return EnergyResult(design.name, out, (min(rng), max(rng)), conv,
                        tuple(dict.fromkeys(sources)), reason, tuple(warnings))


def interface_arrhenius(design: CellDesign) -> tuple[float, float] | None:
    """(E_a [J/mol], T_ref [K]) with which the design's interface resistances, measured at
    ``interface_resistance_temperature_K`` (default its temperature), are taken to a
    temperature, as a simulation takes them; None without an activation energy (they are
    used as given at every temperature, as a simulation holds them)."""
    e_ev = design.interface_resistance_activation_energy_eV
    if e_ev is None:
        return None
    from solidcell.chemistry.capacity import FARADAY

    ref = design.interface_resistance_temperature_K
    return e_ev * FARADAY, design.temperature_K if ref is None else ref


def interface_at_temperature(design: CellDesign, resistance_ohm_m2: Any,
                             temperature_K: Any = None) -> Any:
    """An interface resistance of ``design`` [Ohm m2] (as measured, one or an array) at
    ``temperature_K`` (default the design's; one or an array): Arrhenius from its
    measuring temperature (:func:`interface_arrhenius`;
    :func:`solidcell.chemistry.transport.interface_resistance_at`, the simulation's formula).
    A value beyond the largest float is refused naming
    ``interface_resistance_activation_energy_eV`` (the simulation's refusal) where one
    temperature is asked; an array keeps inf in its rows."""
    from solidcell.chemistry.transport import interface_resistance_at

    arrhenius = interface_arrhenius(design)
    if arrhenius is None:
        return resistance_ohm_m2
    t = design.temperature_K if temperature_K is None else temperature_K
    return interface_resistance_at(resistance_ohm_m2, arrhenius[0], t, arrhenius[1],
                                   field="interface_resistance_activation_energy_eV")


def interface_taken_note(design: CellDesign) -> str | None:
    """What ``evaluate`` says of a design whose interface resistances were measured at
    another temperature (``interface_resistance_temperature_K``) or carry an activation
    energy: the value it takes at the design's temperature (as a simulation does, Arrhenius
    with the design's E_a), or that it holds them without an activation energy. None where
    there is no resistance, no such field, or the design is within
    ``DIFFUSIVITY_NOTE_MIN_OFFSET_K`` of where they were measured."""
    r = design.cathode_interface_resistance_ohm_m2 + design.anode_interface_resistance_ohm_m2
    e_ev = design.interface_resistance_activation_energy_eV
    ref = design.interface_resistance_temperature_K
    t = design.temperature_K
    if not r > 0 or (ref is None and e_ev is None):
        return None
    from solidcell.simulation.parameters import DIFFUSIVITY_NOTE_MIN_OFFSET_K

    ref_K = t if ref is None else ref
    if abs(t - ref_K) <= DIFFUSIVITY_NOTE_MIN_OFFSET_K:
        return None
    given = f"interface resistances {r * 1e4:.4g} Ohm cm2 measured at {ref_K:g} K"
    if e_ev is None:
        return (given + f" used as given at the design's {t:g} K (no activation energy "
                "given; a simulation holds them too)")
    at_t = (interface_at_temperature(design, design.cathode_interface_resistance_ohm_m2)
            + interface_at_temperature(design, design.anode_interface_resistance_ohm_m2))
    return (given + f" taken at the design's {t:g} K by Arrhenius with E_a {e_ev:.4g} eV: "
            f"{at_t * 1e4:.4g} Ohm cm2 (as a simulation takes them)")


#: The design fields whose materials' ``areal_resistance`` is the interface resistance of a
#: design that gives none (cathode + anode fields 0), in the order looked up: the one rule of
#: ``evaluate``, ``evaluate_many``, screens and the simulation (``parameters_from_design``).
INTERFACE_MATERIALS = ("cathode.coating", "separator.electrolyte")


@dataclass(frozen=True)
class InterfaceTable:
    """The materials' interface resistance of a design (:data:`INTERFACE_MATERIALS`): the
    ``areal_resistance`` values of the material of ``where`` (those of its preferred value's
    source, one per temperature within 0.5 K: the rule of its conductivity data,
    :func:`solidcell.chemistry.conductivity.measured_points`), ascending in ``temperatures_K``
    [K] (298.15 K where a value states none) with ``resistances_ohm_m2`` [Ohm m2] and their
    ``sources``; ``activation_energy_J_mol`` the design's E_a (or a simulation's keyword) that
    takes them beyond the data, or None. :func:`materials_interface_at` takes it to a
    temperature, :func:`materials_interface_rule` says how."""

    where: str
    material: str
    temperatures_K: tuple[float, ...]
    resistances_ohm_m2: tuple[float, ...]
    sources: tuple[str, ...]
    activation_energy_J_mol: float | None


@dataclass(frozen=True)
class InterfaceSource:
    """Where a design's interface resistance comes from: ``where`` "design" (its cathode +
    anode fields; ``resistance_ohm_m2`` their sum as given) or the field of
    :data:`INTERFACE_MATERIALS` whose material's ``areal_resistance`` it is
    (``resistance_ohm_m2`` the value nearest the temperature asked, as measured [Ohm m2], at
    its own ``temperature_K``, 298.15 K where the value states none; ``material`` the id,
    ``source`` that value's bib key, ``sources`` those of every value the rule uses, ``table``
    the values, :func:`materials_interface_at`)."""

    where: str
    resistance_ohm_m2: float
    temperature_K: float | None = None
    material: str | None = None
    source: str | None = None
    sources: tuple[str, ...] = ()
    table: InterfaceTable | None = field(default=None, compare=False, repr=False)


def _interface_material(design: CellDesign, separator: Any = None
                        ) -> tuple[str, Any, list[tuple[float, float, str]]] | None:
    """(field, material, its ``areal_resistance`` data: (T [K], R [Ohm m2], source) ascending,
    :func:`solidcell.chemistry.conductivity.measured_points`) of the first of
    :data:`INTERFACE_MATERIALS` whose material has one, else None (``separator``: the
    separator's electrolyte already resolved, ``ResolvedDesign.separator_electrolyte``)."""
    from solidcell.chemistry.conductivity import measured_points
    from solidcell.materials import resolve

    for where, ref in zip(INTERFACE_MATERIALS, (design.cathode.coating,
                                                 design.separator.electrolyte), strict=True):
        if ref is None:
            continue
        material = separator if where == INTERFACE_MATERIALS[1] and separator is not None \
            else resolve(ref)
        points = measured_points(material, "areal_resistance")
        if points:
            return where, material, points
    return None


def materials_interface_source(design: CellDesign, temperature_K: float | None = None,
                               separator: Any = None) -> InterfaceSource | None:
    """The materials' interface resistance of ``design`` (:data:`INTERFACE_MATERIALS`): its
    ``areal_resistance`` data (:func:`materials_interface_table`) and the value nearest
    ``temperature_K`` (default the design's; the colder on a tie), as measured, else None.
    ``separator``: as :func:`_interface_material`."""
    table = materials_interface_table(design, separator)
    if table is None:
        return None
    t = design.temperature_K if temperature_K is None else float(temperature_K)
    i = min(range(len(table.temperatures_K)), key=lambda k: abs(table.temperatures_K[k] - t))
    return InterfaceSource(table.where, table.resistances_ohm_m2[i], table.temperatures_K[i],
                           table.material, table.sources[i],
                           tuple(dict.fromkeys(table.sources)), table)


def interface_resistance_source(design: CellDesign, temperature_K: float | None = None,
                                separator: Any = None) -> InterfaceSource | None:
    """Where the interface resistance of ``design`` comes from (the rule of ``evaluate``, the
    screens and ``simulation.parameters_from_design``): the design's
    ``cathode_interface_resistance_ohm_m2 + anode_interface_resistance_ohm_m2`` where > 0,
    else :func:`materials_interface_source` at ``temperature_K``, else None (0 Ohm m2)."""
    given = design.cathode_interface_resistance_ohm_m2 + design.anode_interface_resistance_ohm_m2
    if given > 0:
        return InterfaceSource("design", float(given))
    return materials_interface_source(design, temperature_K, separator)


def materials_interface_table(design: CellDesign, separator: Any = None,
                              activation_energy_J_mol: float | None = None
                              ) -> InterfaceTable | None:
    """The :class:`InterfaceTable` of ``design`` (the first of :data:`INTERFACE_MATERIALS`
    whose material has an ``areal_resistance``), else None: what
    :func:`materials_interface_at` takes to a temperature (a screen keeps it for its swept
    temperatures). ``activation_energy_J_mol``: the E_a beyond the data, None for the design's
    ``interface_resistance_activation_energy_eV`` (a simulation passes its keyword's).
    ``separator``: as :func:`_interface_material`."""
    from solidcell.chemistry.capacity import FARADAY

    found = _interface_material(design, separator)
    if found is None:
        return None
    where, material, points = found
    if activation_energy_J_mol is None:
        e_ev = design.interface_resistance_activation_energy_eV
        activation_energy_J_mol = None if e_ev is None else e_ev * FARADAY
    return InterfaceTable(where, str(material.id), tuple(float(p[0]) for p in points),
                          tuple(float(p[1]) for p in points), tuple(p[2] for p in points),
                          activation_energy_J_mol)


def _segment_allowed(e_ev: float) -> bool:
    """Whether an activation energy [eV] implied by two ``areal_resistance`` values may take
    them beyond the data: the range of ``simulation.parameters.check_activation_energy_eV``
    (the knowledge base's bounds of an activation energy)."""
    spec = PROPERTIES["activation_energy"]
    return math.isfinite(e_ev) and spec.lower <= e_ev <= spec.upper


def _interface_segments(table: InterfaceTable, t: np.ndarray, field: str | None) -> Any:
    """:func:`materials_interface_at` of a table of two or more values: ln R linear in 1/T
    between them (:func:`solidcell.chemistry.conductivity.piecewise_inverse_T`, the
    conductivity's segment rule); beyond them Arrhenius with the table's E_a from the nearest
    end, else the nearest segment's slope. A segment implying an E_a outside
    :func:`_segment_allowed`, or a value of 0 (no logarithm), is NaN in an array's rows and
    refused naming the material (ValidationError naming ``table.where``) with ``field`` and
    one temperature."""
    from solidcell.chemistry.conductivity import extrapolating_segment, piecewise_inverse_T
    from solidcell.chemistry.transport import K_B_EV, interface_resistance_at

    t0 = np.array(table.temperatures_K)
    r0 = np.array(table.resistances_ohm_m2)
    if not np.all(r0 > 0):
        if field is not None and t.ndim == 0:
            raise ValidationError(table.where, table.material, _zero_among_values(table))
        return np.full(t.shape, np.nan)
    ln_r, x, slope_hot, slope_cold = piecewise_inverse_T(t0, np.log(r0), t)
    xt = 1.0 / t
    hot, cold = xt < x[0], xt > x[-1]
    with np.errstate(over="ignore"):
        out = np.exp(ln_r)
    e_a = table.activation_energy_J_mol
    if e_a is not None and t.ndim == 0 and (hot or cold):  # beyond the data: the design's
        end = -1 if hot else 0  # E_a from the nearest end point (refused as one value is)
        return interface_resistance_at(r0[end], e_a, t, t0[end], field=field)
    if e_a is not None:
        return np.where(hot, interface_resistance_at(r0[-1], e_a, t, t0[-1]),
                        np.where(cold, interface_resistance_at(r0[0], e_a, t, t0[0]), out))
    implied = (slope_hot * K_B_EV, slope_cold * K_B_EV)  # ln R = ln R0 + E_a / (k_B T)
    bad = extrapolating_segment(t, x, *implied, _segment_allowed)
    if bad is not None and field is not None and t.ndim == 0:
        raise ValidationError(table.where, table.material, _segment_refusal(table, *bad))
    refused = (hot & (not _segment_allowed(implied[0]))) | (
        cold & (not _segment_allowed(implied[1])))
    return np.where(refused, np.nan, out)


def _zero_among_values(table: InterfaceTable) -> str:
    """The refusal of several ``areal_resistance`` values of which one is 0."""
    return (f"areal_resistance values > 0 Ohm m2 where it has several ({_listed(table)}): "
            "between them ln R is linear in 1/T, which a value of 0 has no logarithm for")


def _segment_refusal(table: InterfaceTable, side: str, pair: tuple[float, float],
                     implied: float, shown: float) -> str:
    """The refusal of an end segment of ``table`` whose implied E_a is not allowed."""
    from solidcell.simulation.parameters import activation_energy_allowed

    return (f"its {side} areal_resistance data ({pair[0]:g} and {pair[1]:g} K) imply an "
            f"activation energy of {implied:.3g} eV, so they cannot extrapolate to {shown:g} "
            f"K; allowed: {activation_energy_allowed()}; give the design an "
            "interface_resistance_activation_energy_eV (or data covering that temperature)")


def _listed(table: InterfaceTable) -> str:
    """The values of ``table`` in words: ``20 Ohm cm2 at 298.15 K, 5 Ohm cm2 at 333.15 K``."""
    return ", ".join(f"{r * 1e4:.4g} Ohm cm2 at {t:g} K" for r, t in
                     zip(table.resistances_ohm_m2, table.temperatures_K, strict=True))


def materials_interface_at(table: InterfaceTable | None, temperature_K: Any,
                           field: str | None = None) -> Any:
    """The materials' interface resistance [Ohm m2] at ``temperature_K`` (one or an array)
    from :func:`materials_interface_table`, the one rule of ``evaluate``, ``evaluate_many``,
    the screens and the simulation (the conductivity's kind, chemistry.conductivity): one
    value taken from its own temperature by Arrhenius with the table's E_a
    (:func:`solidcell.chemistry.transport.interface_resistance_at`; held without one); two
    or more piecewise Arrhenius, ln R linear in 1/T between them (each datum at its own
    temperature), beyond them the E_a from the nearest end, else the nearest segment's slope
    (:func:`_interface_segments`); 0 without a table. A value beyond the largest float is
    inf, or with ``field`` and one temperature refused naming ``field``."""
    from solidcell.chemistry.transport import interface_resistance_at

    t = np.asarray(temperature_K, dtype=float)
    if table is None:
        return 0.0 if t.ndim == 0 else np.zeros(t.shape)
    if len(table.temperatures_K) == 1:
        out = interface_resistance_at(table.resistances_ohm_m2[0],
                                      table.activation_energy_J_mol, t,
                                      table.temperatures_K[0], field=field)
        out = np.broadcast_to(out, t.shape).copy() if t.ndim else out
    else:
        out = _interface_segments(table, t, field)
        if t.ndim == 0 and field is not None and math.isinf(float(out)):
            raise ValidationError(table.where, table.material, (
                f"areal_resistance data that stay within the largest float at {float(t):g} "
                f"K: its values ({_listed(table)}) taken there by the slope of their nearest "
                "segment are beyond it (no cell passes current there)"))
    return float(out) if np.ndim(out) == 0 else out


def materials_interface_rule(table: InterfaceTable, temperature_K: float) -> str:
    """Which rule of :func:`materials_interface_at` takes ``table`` to ``temperature_K`` [K],
    in words, with the value taken [Ohm cm2] (evaluate's note and the simulation's)."""
    from solidcell.chemistry.capacity import FARADAY
    from solidcell.chemistry.transport import K_B_EV

    t = float(temperature_K)
    at_t = materials_interface_at(table, t)
    ts, e_a = table.temperatures_K, table.activation_energy_J_mol
    taken = f"{at_t * 1e4:.4g} Ohm cm2 at {t:g} K"
    if len(ts) == 1:
        if abs(t - ts[0]) <= _note_offset_K():
            return f"its value at {ts[0]:g} K: {taken}"
        if e_a is None:
            return (f"its value at {ts[0]:g} K used as given (no activation energy given; "
                    f"held at every temperature): {taken}")
        return (f"its value at {ts[0]:g} K taken by Arrhenius with E_a "
                f"{e_a / FARADAY:.4g} eV: {taken}")
    span = f"{ts[0]:g}-{ts[-1]:g} K"
    if ts[0] <= t <= ts[-1]:
        return (f"piecewise Arrhenius through its {len(ts)} values ({span}; ln R linear in "
                f"1/T between them, each value at its own temperature): {taken}")
    end = ts[-1] if t > ts[-1] else ts[0]
    if e_a is not None:
        how = f"Arrhenius from its value at {end:g} K with the given E_a {e_a / FARADAY:.4g} eV"
    else:
        pair = (ts[-2], ts[-1]) if t > ts[-1] else (ts[0], ts[1])
        slope = (math.log(table.resistances_ohm_m2[list(ts).index(pair[0])])
                 - math.log(table.resistances_ohm_m2[list(ts).index(pair[1])])) / (
            1 / pair[0] - 1 / pair[1])
        how = (f"the slope of its nearest segment ({pair[0]:g} and {pair[1]:g} K, an "
               f"activation energy of {slope * K_B_EV:.3g} eV; no E_a given)")
    return (f"outside its {len(ts)} values ({span}): extrapolated by {how}, which does not "
            f"know phase transitions: {taken}")


def materials_interface_note(design: CellDesign, found: InterfaceSource | None
                             ) -> str | None:
    """What ``evaluate`` says of a design that gives no interface resistance and takes its
    materials' (``found``, :func:`interface_resistance_source` of the design): the values,
    their material, temperatures and sources, and the rule that takes them to the design's
    temperature with the value taken (:func:`materials_interface_rule`); None where
    ``found`` is None or the design's."""
    if found is None or found.where == "design" or found.table is None:
        return None
    table = found.table
    text = (f"interface resistance from {found.where} ({found.material}'s areal_resistance "
            f"{_listed(table)}, {', '.join(found.sources)}; the design gives none): "
            f"{materials_interface_rule(table, design.temperature_K)}"
            " (as a simulation takes it)")
    ref = design.interface_resistance_temperature_K
    if ref is not None and all(abs(ref - x) > _note_offset_K() for x in table.temperatures_K):
        text += (f"; interface_resistance_temperature_K {ref:g} K not used: the material's "
                 "values keep their own temperatures (as a simulation)")
    if design.architecture.kind == "vertically_aligned":  # core's r_vert: a_vert divides it
        text += ("; counted at the cathode side, over the cathode's side-wall area as "
                 "cathode_interface_resistance_ohm_m2 is (give anode_interface_resistance_ohm_m2 "
                 "for a resistance at the lithium side, which is not divided by that area)")
    return text


def _note_offset_K() -> float:
    """:data:`solidcell.simulation.parameters.DIFFUSIVITY_NOTE_MIN_OFFSET_K` (no PyBaMM)."""
    from solidcell.simulation.parameters import DIFFUSIVITY_NOTE_MIN_OFFSET_K

    return DIFFUSIVITY_NOTE_MIN_OFFSET_K


def check_finite_sizes(reason_code: Any, name: str, field: str = "design") -> None:
    """ValidationError naming ``field`` where :func:`core` gave the reason code
    :data:`SIZE_OVERFLOW`: a 1e308 m separator, casing or electrode width gave an infinite
    cell mass and volume (and NaN or 0 Wh/kg) without a word."""
    if int(reason_code) == SIZE_OVERFLOW:
        raise ValidationError(field, name, "dimensions whose stack thickness and areal mass, "
                              "cell mass, volume and energy and casing mass are finite numbers (a "
                              "float holds at most about 1.8e308); give thicknesses and sizes "
                              "of physical size")


def resolved_of(design: CellDesign, resolved: Any, field: str = "resolved") -> ResolvedDesign:
    """``resolved`` if it is ``design.resolved()`` of this design (made once by a caller and
    passed on), else a ValidationError naming ``field``: another design's would put its
    numbers in this one's result."""
    instance(field, resolved, ResolvedDesign, "a ResolvedDesign (design.resolved()) or None")
    if resolved.design is not design and resolved.design != design:
        raise ValidationError(field, f"ResolvedDesign of {resolved.design.name!r}",
                              f"design.resolved() of this design ({design.name!r}) or None")
    return resolved


def check_polarisation(max_polarisation_V: float, cell_voltage_V: float = math.inf) -> None:
    """The allowed polarisation of the power estimate must be > 0 and below the cell voltage
    (the power at the limiting rate is ``C Q (1 - loss) (V - dV)``)."""
    upper = cell_voltage_V if cell_voltage_V > 0 else math.inf
    if not (math.isfinite(max_polarisation_V) and 0 < max_polarisation_V < upper):
        below = "" if math.isinf(upper) else f" and below the cell voltage ({upper:.4g} V)"
        raise ValidationError("max_polarisation_V", max_polarisation_V,
                              f"must be > 0{below}; the power is C Q (V - dV)")


def conductivity_spread(material: Any, temperature_K: float = 298.15) -> tuple[float, float]:
    """(low, high) factors on the conductivity :func:`conductivity_at` gives at
    ``temperature_K``: the spread of the material's conductivity data within 5 K of it or,
    with none there, of its data at the nearest data temperature (room temperature for a
    material known at 25 degC only; 100 degC for PEO-LiTFSI above its series) (1, 1 without
    a spread).

    Each datum counts as a factor on the model at its own temperature, ``value /
    conductivity_at(T_datum)``: a measured series (PEO-LiTFSI at 40 and 50 degC) is no spread
    at 45 degC (the values at 40 and 50 degC were read as one), and a review's 25 degC range
    carries to other temperatures as the whole Arrhenius line shifts. Data at the temperature
    come first: the polymer example at 60 degC has a measured value there, and the review's
    25 degC range must not widen it."""
    from solidcell.chemistry.conductivity import conductivity_at
    from solidcell.chemistry.transport import T_ROOM
    from solidcell.materials.curated import TEMPERATURE_TOLERANCE_K

    data = [(prop.temperature if prop.temperature is not None else T_ROOM, x)
            for prop in material.values("ionic_conductivity")
            for x in prop.si_range if x is not None and x > 0]
    if not data:
        return 1.0, 1.0
    temps = np.array([t for t, _ in data])
    near = np.abs(temps - temperature_K) <= TEMPERATURE_TOLERANCE_K
    if not near.any():  # the data at the nearest data temperature
        nearest = temps[np.argmin(np.abs(temps - temperature_K))]
        near = np.abs(temps - nearest) <= TEMPERATURE_TOLERANCE_K
    try:
        model = conductivity_at(material, temps[near]).ionic_conductivity_S_m
    except SolidcellError:
        return 1.0, 1.0
    values = np.array([x for (_, x), keep in zip(data, near, strict=True) if keep])
    factors = values / model
    factors = factors[np.isfinite(factors) & (factors > 0)]
    if not factors.size:
        return 1.0, 1.0
    return min(float(factors.min()), 1.0), max(float(factors.max()), 1.0)


@dataclass(frozen=True)
class EnergyBatch:
    """Outputs of :func:`core` for many designs (arrays, one entry per design)."""

    __repr__ = concise_repr

    columns: dict[str, np.ndarray]
    sources: tuple[str, ...] = field(default=MODEL_SOURCES)
    conventions: dict[str, str] = field(default_factory=dict)
    #: row -> which number of a reason-12 row is out of range (:attr:`OffLimit.text`); the
    #: rows with another reason or none are not in it
    details: Mapping[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(np.size(self.columns["Reason code"]))

    def __getitem__(self, key: str) -> np.ndarray:
        if key == DETAIL_KEY:
            return self.reason_details
        try:
            return self.columns[key]
        except (KeyError, TypeError):  # a bare KeyError named no key that exists
            raise _unknown_key(key, [*self.columns, DETAIL_KEY], "batch.columns") from None

    @property
    def reason_details(self) -> np.ndarray:
        """Per row: which number of a reason-12 row is out of range, its value and what is
        allowed (:func:`off_limits`); "" for the other rows."""
        out = np.full(len(self), "", dtype=object)
        for row, text in self.details.items():
            out[row] = text
        return out

    @property
    def reasons(self) -> list[str]:
        """Per row: the text of its reason code (:data:`REASONS`), for reason 12 the
        number out of range (``"a number out of the design model's range: <detail>"``)."""
        return [f"{OUT_OF_RANGE}: {self.details[i]}" if i in self.details else REASONS[int(c)]
                for i, c in enumerate(np.ravel(self.columns["Reason code"]))]

    def to_frame(self) -> Any:
        import pandas as pd

        n = len(self)
        return pd.DataFrame({**{k: np.broadcast_to(v, (n,)) if np.ndim(v) <= 1 else v.ravel()
                                for k, v in self.columns.items()},
                             DETAIL_KEY: self.reason_details})

    def to_json(self) -> dict[str, Any]:
        from solidcell.jsonable import plain

        # the conventions carry the conductivity warnings (as evaluate's JSON does); NaN and
        # inf (the pack values of a design without a pack) are null, as in evaluate's JSON:
        # json.dumps wrote them as NaN, which strict JSON readers refuse
        columns = {k: plain(np.asarray(v).tolist()) for k, v in self.columns.items()}
        columns[DETAIL_KEY] = self.reason_details.tolist()
        return {"columns": columns, "conventions": dict(self.conventions),
                "sources": list(self.sources)}


#: The column of :class:`EnergyBatch` (and a screen's table) that says which number of a
#: reason-12 row is out of range ("" elsewhere).
DETAIL_KEY = "Reason detail"


def _details(params: Mapping[str, Any], codes: Any) -> dict[int, str]:
    """:attr:`EnergyBatch.details` of the rows of ``params`` with ``codes``."""
    rows = np.flatnonzero(np.ravel(codes) == OFF_LIMITS)
    if not rows.size:
        return {}
    found = off_limits(params, rows)
    return {int(r): o.text for r, o in zip(rows, found, strict=True) if o is not None}


def evaluate_many(designs: Sequence[CellDesign] | Mapping[str, Any],
                  charged: bool = False,
                  max_polarisation_V: float = DEFAULT_POLARISATION_V) -> EnergyBatch:
    """Evaluate many designs at once with the same :func:`core` as :func:`evaluate`.

    ``designs`` is a sequence of designs as :func:`evaluate` takes them (a :class:`CellDesign`,
    a YAML/JSON path or text, a mapping of a design's fields; each resolved, then stacked into
    arrays) or a mapping of :data:`PARAMETERS` names to arrays (the fast path of screening:
    10^6 designs in one call).
    """
    charged = flag("charged", charged)
    max_polarisation_V = real("max_polarisation_V", max_polarisation_V, "a voltage [V]")
    # refused as evaluate refuses it (NaN, inf, 0 or -1 V gave NaN power columns silently)
    check_polarisation(max_polarisation_V)
    if isinstance(designs, Mapping):
        unknown = set(designs) - set(PARAMETERS)
        if not unknown.isdisjoint(DESIGN_SECTIONS):  # one design's fields
            raise ValidationError("designs", "a mapping of one design's fields",
                                  "a list of designs (put the design in a list: "
                                  "evaluate_many([design])) or a mapping of parameter names "
                                  "to arrays")
        if unknown:
            raise ValidationError("parameters", sorted(unknown)[0],
                                  f"must be one of {', '.join(PARAMETERS)}")
        params = _parameter_arrays(designs)
        params.setdefault("charged", float(charged))
        params.setdefault("max_polarisation_V", max_polarisation_V)
        columns = _core_chunked(params)
        return EnergyBatch(columns, MODEL_SOURCES,
                           batch_conventions(bool(np.any(params["charged"])),
                                             params["max_polarisation_V"]),
                           _details(params, columns["Reason code"]))
    if isinstance(designs, str | bytes) or not isinstance(designs, Sequence):
        raise ValidationError("designs", designs, "must be a list of designs (CellDesign, "
                              "YAML/JSON path or mapping of a design's fields) or a mapping "
                              "of parameter names to arrays")
    # each as evaluate takes one (a path or a mapping was refused: "must be a CellDesign")
    designs = [as_design(d, f"designs[{i}]") for i, d in enumerate(designs)]
    rows, interfaces = [], []
    for d in designs:
        rd = d.resolved()
        check_polarisation(max_polarisation_V, rd.cell_voltage_V)  # below each cell's voltage
        interfaces.append(interface_resistance_source(d, separator=rd.separator_electrolyte))
        rows.append(design_parameters(rd, charged, max_polarisation_V, interfaces[-1]))
    if not rows:
        raise ValidationError("designs", [], "give at least one design")
    stacked = {k: np.array([r[k] for r in rows], dtype=float) for k in PARAMETERS}
    sources = [*MODEL_SOURCES]
    warnings: list[str] = []
    interface_notes: list[str] = []
    for d, found in zip(designs, interfaces, strict=True):
        rd = d.resolved()
        sources += [*rd.sources, *diffusion_sources(rd), *geometry_sources(rd)]
        if found is not None and found.where != "design":  # its materials', as in evaluate
            sources += found.sources
            interface_notes.append(f"{d.name}: {materials_interface_note(d, found)}")
        # the conductivity behind the power, as in evaluate
        more_warnings, more_sources = conductivity_checks(_electrolytes(rd), d.temperature_K)
        sources += more_sources
        warnings += more_warnings
    conv = batch_conventions(charged, max_polarisation_V)
    if warnings:
        conv["Temperature"] = "conductivity: " + "; ".join(dict.fromkeys(warnings))
    if interface_notes:
        conv["Interface resistance"] = "; ".join(dict.fromkeys(interface_notes))
    columns = core(stacked)
    for i, d in enumerate(designs):  # as evaluate refuses it, naming the design's index
        check_finite_sizes(columns["Reason code"][i], d.name, f"designs[{i}]")
    return EnergyBatch(columns, tuple(dict.fromkeys(sources)), conv,
                       _details(stacked, columns["Reason code"]))


#: The code parameters of :func:`core` and the codes each takes.
_CODES = {"architecture": ARCH_CODES, "format": FORMAT_CODES, "anode_kind": ANODE_CODES,
          # flags (core reads x > 0: a NaN was "no", an inf or 0.5 "yes", without a word)
          "charged": {"discharged": 0, "charged": 1},
          "cathode_lithium_free": {"lithiated cathode": 0, "lithium-free cathode (sulfur)": 1}}


def _parameter_arrays(params: Mapping[str, Any]) -> dict[str, Any]:
    """The mapping given to :func:`evaluate_many`, each value as a float (array), checked
    for what :func:`core` cannot read: text, None, a bool (but for ``charged``), a pint
    Quantity (NumPy drops its unit), an integer beyond the largest float, arrays that do
    not broadcast together, and codes that name no architecture, format or anode kind (an
    architecture 7 was evaluated as planar). Numbers out of their physical range are
    :func:`core`'s: their rows are NaN with a ``Reason code``."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        allowed = ("a number or an array of numbers in the unit of its name"
                   + (f"; codes: {_CODES[key]}" if key in _CODES else ""))
        if value is None or isinstance(value, str | bytes | Mapping) or (
                key != "charged" and isinstance(value, bool)) or type(value).__module__.split(
                    ".")[0] == "pint":
            raise ValidationError(key, value, allowed)
        try:
            raw = np.asarray(value)
            if raw.dtype.kind == "b" and key != "charged":  # np.array([True]) was 1 m
                raise TypeError
            array = raw.astype(float, copy=False)
        except (TypeError, ValueError, OverflowError):
            raise ValidationError(key, value, allowed) from None
        if key in _CODES and not np.isin(array, list(_CODES[key].values())).all():
            bad = array[~np.isin(array, list(_CODES[key].values()))].flat[0]
            raise ValidationError(key, float(bad), allowed)
        out[key] = array if array.ndim else value
    try:
        np.broadcast_shapes(*(np.shape(v) for v in out.values()))
    except ValueError:
        shapes = {k: np.shape(v) for k, v in out.items() if np.ndim(v)}
        raise ValidationError("parameters", shapes, "arrays of one length (or single "
                              "numbers), which are combined row by row") from None
    return out


def batch_conventions(charged: bool, max_polarisation_V: Any) -> dict[str, str]:
    """The conventions of :func:`core` that hold for every row of a batch."""
    return {
        "Lithium volume": "charged: plated lithium counted" if charged
        else "discharged: lithium foil/excess only",
        "Cathode mass reference state": "lithiated (discharged) active material",
        "Stack": "cells in series with half current collectors at the ends (full for "
                 "thin-film and interdigitated 3D)",
        "Layer breakdown": LAYER_BREAKDOWN,
        "Cell packaging": "closed casing around the stack, insulating films between groups "
                          "of repeat units where given (format parameters of each row)",
        "Pack": "cells / cell-to-pack efficiency + busbars; NaN without pack parameters",
        "Power": f"transport-limited at an allowed polarisation of "
                 f"{np.unique(np.asarray(max_polarisation_V)).tolist()} V; composite layers "
                 "conduct sigma eps / tau where the row gives a tortuosity factor tau, else "
                 "sigma eps^1.5 (Bruggeman)",
    }

