"""Ionic conductivity of a knowledge-base material at any temperature.

Model (stated in every result):

- two or more values at different temperatures: piecewise Arrhenius, linear in ln(sigma T)
  against 1/T between the data (this follows the kink of PEO at its melting point); outside the
  data the activation energy of the material (if given) or of the nearest segment extrapolates
  (a segment implying an activation energy outside 0-3 eV, the range of that property, is
  refused: ValidationError naming the material); values within 0.5 K are one temperature;
- one value: Arrhenius with the material's activation energy, in the form its source fitted
  it in (``arrhenius_form`` of the value: ``sigma_T``, sigma T = A exp(-Ea/kT), or ``plain``,
  sigma = A exp(-Ea/kT); ``sigma_T`` where the source does not say). The two forms give the
  datum at its temperature and differ elsewhere by the factor T_ref/T.

Beyond the data of several temperatures the activation energy extrapolates from the nearest
end point in its own form too.

Only the values of one source, that of the material's preferred (first) value, are combined.
The data points are interpolated, not fitted: a value at a data temperature is the datum.
A temperature more than 0.5 K outside the data (and outside the range of the measurements its
activation energy was fitted to, ``temperature_min``/``temperature_max``, where one is stored),
above the material's melting temperature, at
or above its decomposition onset (``decomposition_temperature``, of a range its lower end), or
below its glass transition temperature (data all above it), is computed but named in the
result's ``warnings`` (the CLI prints them; evaluate, screen, simulate, compare and the report
carry them): Arrhenius does not know phase transitions, melting or decomposition.

The melting temperature (``melting_temperature``, e.g. of crystalline PEO in PEO-LiTFSI) is
never crossed silently:

- data all below it, temperature above it: computed, with a warning (melting raises the
  conductivity of a semicrystalline polymer, so the value underestimates it);
- data all above it (the melt, or an amorphous polymer), temperature below it: refused with a
  ValidationError, since crystallisation can lower the conductivity by orders of magnitude and
  an Arrhenius line through the melt would overestimate it; a measured value below the melting
  temperature is needed;
- data on both sides: the piecewise line joins the last point below and the first point above
  it, and a temperature in that segment is named in the warnings (interpolated across melting).

Sources: the material's own values (each with its source), ``west1999`` for the form and
``codata2018`` for the Boltzmann constant where an activation energy [eV] enters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from solidcell.chemistry.transport import K_B_EV, T_ROOM, arrhenius
from solidcell.errors import ValidationError
from solidcell.materials.schema import FORM_NAMES, MAX_TEMPERATURE_K, Material, PropertyValue

#: What a temperature of :func:`conductivity_at` may be (the bound of a stored value's
#: temperature, :data:`~solidcell.materials.schema.MAX_TEMPERATURE_K`); the CLI's
#: ``--temperature`` says the same (solidcell.cli._common.temperature_option).
TEMPERATURE_ALLOWED = f"above 0 K and at most {MAX_TEMPERATURE_K:g} K"


@dataclass(frozen=True)
class ConductivityResult:
    """Ionic conductivity of ``material`` at ``temperature_K``."""

    material: str
    temperature_K: np.ndarray
    ionic_conductivity_S_m: np.ndarray
    model: str
    activation_energy_eV: float | None
    sources: tuple[str, ...]
    #: temperatures outside the data (extrapolated) or above the material's melting point
    warnings: tuple[str, ...] = ()
    #: the Arrhenius form the activation energy is applied in ("sigma_T" or "plain",
    #: solidcell.materials.schema.ARRHENIUS_FORMS); None where the material has none
    arrhenius_form: str | None = None

    def to_json(self) -> dict[str, object]:
        from solidcell import units

        scalar = self.temperature_K.ndim == 0
        def out(x: np.ndarray) -> object:
            return float(x) if scalar else x.tolist()

        def in_s_cm(x: np.ndarray) -> object:
            """S/m -> S/cm as units.convert does it (0.205 S/m is 0.00205, not the float
            quotient 0.0020499999999999997)."""
            values = [units.convert(v, "conductivity", "S/cm")
                      for v in np.atleast_1d(x).tolist()]
            return values[0] if scalar else values
        return {
            "Material": self.material,
            "Temperature [K]": out(self.temperature_K),
            "Ionic conductivity [S.m-1]": out(self.ionic_conductivity_S_m),
            "Ionic conductivity [S.cm-1]": in_s_cm(self.ionic_conductivity_S_m),
            "Activation energy [eV]": self.activation_energy_eV,
            "Arrhenius form": self.arrhenius_form,
            "Model": self.model,
            "warnings": list(self.warnings),
            "sources": list(self.sources),
        }


def _points(material: Material) -> list[tuple[float, float, str]]:
    """(T [K], sigma [S/m], source) of the material's conductivity data
    (:func:`measured_points`)."""
    return measured_points(material, "ionic_conductivity")


def measured_points(material: Material, name: str) -> list[tuple[float, float, str]]:
    """(T [K], value [SI], source) of the material's values of property ``name``, ascending
    in T; one per T (the rule of the conductivity data, also of the interface resistance,
    cell.energy ``materials_interface_table``).

    Only values from the source of the preferred (first) value are used, so that a review's
    room-temperature range and a paper's measurement at 27 degC never make a false kink.
    Values within :data:`_SAME_T` of an earlier one count as the same temperature (the first
    is kept): 1 and 2 mS/cm at 298.15 and 298.16 K made a segment that extrapolated to
    infinity at 400 K.
    """
    values = [p for p in material.values(name) if p.si is not None]
    if not values:
        return []
    preferred_source = values[0].source
    kept: list[tuple[float, float, str]] = []
    for prop in values:
        if prop.source != preferred_source:
            continue
        t = prop.temperature or T_ROOM
        if all(abs(t - k[0]) > _SAME_T for k in kept):
            kept.append((t, prop.si, prop.source))
    return sorted(kept)


def _other_sources_note(mat: Material, points: list[tuple[float, float, str]]) -> str:
    """``"; its values from other sources ... are not combined"``, naming the temperatures
    of the values :func:`measured_points` left out because another source gave them, or ""
    (two values at 25 and 60 degC from two sources were refused as "one value" unexplained)."""
    source = points[0][2]
    other = sorted({(p.temperature or T_ROOM, p.source)
                    for p in mat.values("ionic_conductivity")
                    if p.si is not None and p.source != source
                    and abs((p.temperature or T_ROOM) - points[0][0]) > _SAME_T})
    if not other:
        return ""
    shown = ", ".join(f"{t:g} K ({src})" for t, src in other[:5])
    return (f"; its values at {shown} are from other sources than the first value's "
            f"({source}), and only one source's values are combined, so that two "
            "laboratories' samples never make a false slope")


#: temperatures closer than this to a data point count as the data's own [K]
_SAME_T = 0.5


def measured_span(points: list[tuple[float, float, str]],
                  ea_prop: PropertyValue | None) -> tuple[float, float]:
    """(lowest, highest) temperature [K] the model covers without extrapolating: the data, and
    the range of the measurements the activation energy was fitted to
    (``temperature_min``/``temperature_max``) where one is stored."""
    t_lo, t_hi = points[0][0], points[-1][0]
    fit = ea_prop.measured_range if ea_prop is not None else None
    if fit is not None:
        t_lo = min(t_lo, fit[0]) if fit[0] is not None else t_lo
        t_hi = max(t_hi, fit[1]) if fit[1] is not None else t_hi
    return t_lo, t_hi


def _warnings(mat: Material, points: list[tuple[float, float, str]], t: np.ndarray,
              ea_prop: PropertyValue | None) -> tuple[str, ...]:
    """Say when a temperature lies outside the data and outside the measured range of the
    activation energy (Arrhenius extrapolation) or above the material's melting point, where
    no conductivity model of the solid applies."""
    out: list[str] = []
    temps = np.atleast_1d(t)
    t_lo, t_hi = points[0][0], points[-1][0]
    cover_lo, cover_hi = measured_span(points, ea_prop)
    outside = temps[(temps < cover_lo - _SAME_T) | (temps > cover_hi + _SAME_T)]
    if outside.size:
        span = f"{t_lo:g} K" if len(points) == 1 else f"{t_lo:g}-{t_hi:g} K"
        if ea_prop is not None and ea_prop.measured_range is not None:
            lo, hi = ("?" if x is None else f"{x:g}" for x in ea_prop.measured_range)
            span += (f"; its activation energy was measured over {lo}-{hi} K, "
                     f"{ea_prop.source}")
        slope = (f"activation energy from {ea_prop.source}" if ea_prop is not None
                 else "slope of the nearest data segment")
        out.append(
            f"{mat.id}: {', '.join(f'{x:g} K' for x in outside[:5])}"
            f"{' ...' if outside.size > 5 else ''} {'lies' if outside.size == 1 else 'lie'} "
            "outside the conductivity data "
            f"({span}); extrapolated by Arrhenius with the {slope}, which does not know "
            "phase transitions, melting or decomposition")
    melt = mat.get("melting_temperature")
    if melt is not None and melt.si is not None and t_hi < melt.si:
        above = temps[temps >= melt.si]
        if above.size:
            out.append(f"{mat.id}: {above.max():g} K is above its melting temperature "
                       f"{melt.si:g} K ({melt.source}): the conductivity of the solid does "
                       "not apply there")
    elif melt is not None and melt.si is not None and t_lo < melt.si < t_hi:
        below = max(p[0] for p in points if p[0] < melt.si)
        above_t = min(p[0] for p in points if p[0] > melt.si)
        across = temps[(temps > below + _SAME_T) & (temps < above_t - _SAME_T)]
        if across.size:
            out.append(f"{mat.id}: {', '.join(f'{x:g} K' for x in across[:5])}"
                       f"{' ...' if across.size > 5 else ''} "
                       f"{'lies' if across.size == 1 else 'lie'} between the data at "
                       f"{below:g} K and {above_t:g} K, across its melting temperature "
                       f"{melt.si:g} K ({melt.source}): interpolated across the melting "
                       "transition, which the data do not resolve")
    decomposition = mat.get("decomposition_temperature")
    onset = None if decomposition is None else (decomposition.si_range[0] or decomposition.si)
    if onset is not None:  # of a range, its lower end (as cell.design.upper_temperature_limit)
        gone = temps[temps >= onset]
        if gone.size:  # PEO-LiTFSI at 500 degC used to be answered with an extrapolation only
            out.append(f"{mat.id}: {gone.max():g} K is at or above its decomposition onset "
                       f"{onset:g} K ({decomposition.source}): the material decomposes there, "
                       "so no conductivity of it applies")
    glass = mat.get("glass_transition_temperature")
    if glass is not None and glass.si is not None and t_lo > glass.si:
        below_tg = temps[temps < glass.si]
        if below_tg.size:
            out.append(f"{mat.id}: {below_tg.min():g} K is below its glass transition "
                       f"temperature {glass.si:g} K ({glass.source}): the polymer is a glass "
                       "there, which no extrapolation of the data above it describes")
    return tuple(out)


def _refuse_below_melting(mat: Material, points: list[tuple[float, float, str]],
                          t: np.ndarray) -> None:
    """ValidationError when all data lie at or above the melting temperature and a temperature
    lies below it: the conductivity of the melt (amorphous polymer) says nothing about the
    crystallised material (module docstring)."""
    melt = mat.get("melting_temperature")
    if melt is None or melt.si is None or points[0][0] < melt.si - _SAME_T:
        return
    below = np.atleast_1d(t)[np.atleast_1d(t) < melt.si - _SAME_T]
    if below.size:
        span = (f"{points[0][0]:g} K" if len(points) == 1
                else f"{points[0][0]:g}-{points[-1][0]:g} K")
        raise ValidationError(
            "temperature", float(below.min()),
            f"must be at or above the melting temperature of {mat.id}, {melt.si:g} K "
            f"({melt.source}): its conductivity data ({span}) were all measured above it, and "
            "below it crystallisation lowers the conductivity in a way no Arrhenius "
            "extrapolation knows; add a measured 'ionic_conductivity' below the melting "
            "temperature (same source) to cover it")


def _check_segment_slopes(mat: Material, t: np.ndarray, x: np.ndarray, slope_lo: float,
                          slope_hi: float) -> None:
    """ValidationError when a temperature lies beyond the data and the end segment that would
    extrapolate to it implies an activation energy outside the plausible range of the
    ``activation_energy`` property (0 to 3 eV): a conductivity falling with temperature, or two
    close values, extrapolated to nonsense (3.5e5 S/m at 400 K from 1 and 1.01 mS/cm at 298.15
    and 298.2 K)."""
    from solidcell.materials.schema import PROPERTIES

    ea_max = PROPERTIES["activation_energy"].upper
    bad = extrapolating_segment(t, x, -slope_lo * K_B_EV, -slope_hi * K_B_EV,
                                lambda e: 0 < e <= ea_max)
    if bad is not None:
        side, pair, implied, shown = bad
        raise ValidationError(
            "material", mat.id,
            f"its {side} conductivity data ({pair[0]:g} and {pair[1]:g} K) imply "
            f"an activation energy of {implied:.3g} eV, outside 0 to {ea_max:g} eV, so they "
            f"cannot extrapolate to {shown:g} K; add an 'activation_energy' (or data "
            "covering that temperature)")


def extrapolating_segment(t: np.ndarray, x: np.ndarray, implied_hot_eV: float,
                          implied_cold_eV: float, allowed: Callable[[float], bool]
                          ) -> tuple[str, tuple[float, float], float, float] | None:
    """The first end segment of :func:`piecewise_inverse_T` (data at 1/T ``x``, ascending)
    that extrapolates to a temperature of ``t`` [K] and implies an activation energy [eV]
    ``allowed`` refuses: ("hottest" or "coldest", its two temperatures [K], the implied
    activation energy [eV], the first such temperature [K]); None where there is none."""
    xt = np.atleast_1d(1.0 / t)
    for beyond, implied, pair, side in ((xt < x[0], implied_hot_eV, (x[1], x[0]), "hottest"),
                                        (xt > x[-1], implied_cold_eV, (x[-1], x[-2]),
                                         "coldest")):
        if np.any(beyond) and not allowed(implied):
            return (side, (float(1 / pair[0]), float(1 / pair[1])), float(implied),
                    float(np.atleast_1d(t)[beyond].flat[0]))
    return None


def piecewise_inverse_T(ts: np.ndarray, y: np.ndarray, t: np.ndarray
                        ) -> tuple[np.ndarray, np.ndarray, float, float]:
    """``y`` (e.g. ln(sigma T), ln R) linear in 1/T through the data (``ts`` [K], two or more
    distinct temperatures, with their ``y``) at ``t`` [K], the hottest and the coldest segment
    extended beyond the data: (y at t, the data's 1/T ascending [1/K], the hottest segment's
    slope, the coldest's [y K]). The one segment rule of the conductivity and the interface
    resistance (cell.energy ``materials_interface_at``)."""
    x = 1.0 / ts  # decreasing with T; np.interp needs increasing x
    order = np.argsort(x)
    x, y = x[order], y[order]
    xt = 1.0 / t
    slope_hot = float((y[1] - y[0]) / (x[1] - x[0]))
    slope_cold = float((y[-1] - y[-2]) / (x[-1] - x[-2]))
    out = np.where(xt < x[0], y[0] + slope_hot * (xt - x[0]),
                   np.where(xt > x[-1], y[-1] + slope_cold * (xt - x[-1]),
                            np.interp(xt, x, y)))
    return out, x, slope_hot, slope_cold


def _temperatures(temperature: ArrayLike) -> np.ndarray:
    """``temperature`` [K] as a float array; text with a unit (``"60 degC"``, as
    ``simulate``'s ``temperature`` and the CLI's ``--temperature`` take it) is converted; a
    wrong type raises ValidationError."""
    allowed = ("must be a temperature in K: a number or an array of numbers (list, NumPy "
               "array, pandas Series), a pint Quantity or text with a unit ('60 degC')")
    from solidcell.errors import UnitError
    from solidcell.units import magnitude_in, parse

    # a pint Quantity in K, degC, ...: NumPy dropped its unit (25 degC was read as 25 K)
    temperature = magnitude_in(temperature, "temperature", "temperature")
    if isinstance(temperature, str):  # was refused, though simulate(temperature=) takes it
        try:
            return np.array(parse(temperature, "temperature"), dtype=float)
        except UnitError as exc:  # "300" without a unit is refused, never read as K or degC
            raise ValidationError("temperature", temperature,
                                  str(exc).removeprefix("temperature: ")) from None
    if temperature is None or isinstance(temperature, bytes | bool | dict) \
            or hasattr(temperature, "__fspath__"):
        raise ValidationError("temperature", temperature, allowed)
    try:
        t = np.array(temperature, dtype=float)  # a copy: the result never aliases the input
    except (TypeError, ValueError):
        raise ValidationError("temperature", temperature, allowed) from None
    except OverflowError:  # an int beyond the largest float (10**400): was a traceback
        raise ValidationError("temperature", temperature,
                              f"must be {TEMPERATURE_ALLOWED}") from None
    if np.asarray(temperature).dtype.kind == "b":
        raise ValidationError("temperature", temperature, allowed + ", not bools")
    return t


def conductivity_at(material: Material | str, temperature: ArrayLike) -> ConductivityResult:
    """Ionic conductivity [S/m] of ``material`` (or its id) at ``temperature`` [K].

    ``temperature`` is a float or anything array-like (list, NumPy array, pandas Series), a
    pint Quantity or text with a unit (``"60 degC"``, as :func:`units.parse` reads it); the
    result's ``temperature_K`` and ``ionic_conductivity_S_m`` are NumPy arrays of the same
    shape (0-d for a float). The model is in the module docstring; ``sources`` lists the
    material's data sources, ``west1999`` for the Arrhenius form and ``codata2018`` (the
    Boltzmann constant) where an activation energy in eV enters the value.
    """
    from solidcell.materials import resolve

    t = _temperatures(temperature)
    mat = resolve(material)
    bad = ~np.isfinite(t) | (t <= 0) | (t > MAX_TEMPERATURE_K)
    if np.any(bad):
        # the first refused value (NaN, inf, <= 0 or too hot), not the smallest finite one
        shown = temperature if t.ndim == 0 else float(t[bad].flat[0])
        raise ValidationError("temperature", shown, f"must be {TEMPERATURE_ALLOWED}")
    points = _points(mat)
    if not points:
        bounds = [p.describe() for p in mat.values("ionic_conductivity")]
        raise ValidationError("material", mat.id, "a material with a stored ionic "
                              "conductivity (`solidcell materials list --category electrolyte`"
                              " lists them); this one has "
                              + (f"only a bound, not a value: {'; '.join(bounds)}" if bounds
                                 else "none"))
    _refuse_below_melting(mat, points, t)
    ea_prop = mat.get("activation_energy")
    ea = ea_prop.si if ea_prop is not None else None
    form = ea_prop.fitted_form if ea is not None else None
    warnings = _warnings(mat, points, t, ea_prop)
    sources = [p[2] for p in points] + ([ea_prop.source] if ea_prop is not None else [])
    if len(points) == 1:
        if ea is None:
            if np.allclose(t, points[0][0], atol=_SAME_T):
                return ConductivityResult(mat.id, t, np.full_like(t, points[0][1]),
                                          "measured value", None, tuple(dict.fromkeys(sources)),
                                          warnings)
            raise ValidationError(
                "material", mat.id,
                f"has one conductivity value (at {points[0][0]:g} K) and no activation "
                "energy; add an 'activation_energy' (or a second temperature) to extrapolate "
                f"to other temperatures{_other_sources_note(mat, points)}")
        sigma = arrhenius(points[0][1], ea, t, points[0][0], form=form)
        # codata2018: the Boltzmann constant [eV/K] that turns Ea [eV] into the slope
        return ConductivityResult(mat.id, t, sigma, f"Arrhenius ({FORM_NAMES[form]} form)", ea,
                                  tuple(dict.fromkeys([*sources, "west1999", "codata2018"])),
                                  warnings, form)
    ts = np.array([p[0] for p in points])
    ln_st, x, slope_lo, slope_hi = piecewise_inverse_T(
        ts, np.log(np.array([p[1] for p in points]) * ts), t)
    xt = 1.0 / t
    if ea is None:
        _check_segment_slopes(mat, t, x, slope_lo, slope_hi)
    sigma = np.exp(ln_st) / t
    if ea is not None:  # beyond the data: Ea from the nearest end point, in its own form
        hot, cold = points[-1], points[0]
        sigma = np.where(xt < x[0], arrhenius(hot[1], ea, t, hot[0], form=form),
                         np.where(xt > x[-1], arrhenius(cold[1], ea, t, cold[0], form=form),
                                  sigma))[()]
    # codata2018 where Ea [eV] sets a slope used beyond the data (-Ea / k_B)
    k_b = ["codata2018"] if ea is not None and np.any((xt < x[0]) | (xt > x[-1])) else []
    beyond = "" if form is None else f"; beyond them Ea in the {FORM_NAMES[form]} form"
    return ConductivityResult(mat.id, t, sigma, "piecewise Arrhenius through the data "
                              f"(ln sigma*T linear in 1/T{beyond})", ea,
                              tuple(dict.fromkeys([*sources, "west1999", *k_b])), warnings,
                              form)
