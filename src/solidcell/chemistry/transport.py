"""Ion transport: conductivity against temperature, diffusivity, grain boundaries, composites.

All functions are NumPy-vectorised: every argument may be an array and they broadcast.
Units are canonical: S/m, K, eV, m2/s, m. Text, None, bools, complex numbers, integers beyond
the largest float and pint Quantities (NumPy would drop their unit) raise ValidationError
naming the argument, and so does a result that overflows to inf (1e308 S/m in, the
arguments combined named in the message) instead of a RuntimeWarning.

Sources (keys of solidcell/data/references/*.bib):

- Arrhenius, sigma*T form (``form="sigma_T"``: sigma T = A exp(-Ea/kT)) and plain form
  (sigma = A exp(-Ea/kT)): ``west1999``.
- Vogel-Tammann-Fulcher for polymers: sigma = A T^-1/2 exp(-B/(k (T - T0))), ``ratner1988``.
- Nernst-Einstein: sigma = n q^2 D / (k T) (Haven ratio 1 unless given), ``west1999``.
- Brick-layer model of bulk + grain boundary: ``haile1998`` (series grain boundaries).
- Maxwell-Garnett and symmetric Bruggeman effective medium: ``choy2016``.
- Highly conducting interphase shell around ceramic particles in a polymer (coated-sphere
  Maxwell-Garnett, the effective medium picture of Nan): ``nan1993``.
"""

from __future__ import annotations

import math
import sys
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from solidcell.errors import ValidationError
from solidcell.units import is_quantity

#: Boltzmann constant [eV/K] (CODATA 2018).
K_B_EV = 8.617333262e-5
#: Boltzmann constant [J/K] (CODATA 2018).
K_B = 1.380649e-23
#: Elementary charge [C] (CODATA 2018, exact).
E_CHARGE = 1.602176634e-19
#: Room temperature of the review's tables [K].
T_ROOM = 298.15
#: Molar gas constant [J/(mol K)] (CODATA 2018, exact: N_A k_B).
GAS_CONSTANT = 8.314462618


def _floats(name: str, x: ArrayLike, allowed: str) -> np.ndarray:
    """``x`` as a float array; text, None, bools and other non-numbers raise ValidationError
    (``"100 nm"`` used to fail inside NumPy with a bare ValueError)."""
    if is_quantity(x):  # NumPy drops a pint unit: Q_(1, "mS/cm") was read as 1 S/m
        raise ValidationError(name, x, f"must be a plain number or array in the canonical unit "
                              f"(S/m, K, eV, m2/s, m, 1/m3, kg/m3), not a pint Quantity; "
                              f"solidcell.units.magnitude_in converts one; {allowed}")
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError, OverflowError):  # ragged lists
        raw = np.asarray(None)
    if raw.dtype.kind not in "iuf":  # checked first: complex gave a ComplexWarning
        raise ValidationError(name, x, f"must be a number or an array of numbers in the "
                              f"canonical unit (real, at most about 1.8e308), not "
                              f"{raw.dtype}; {allowed}")
    try:
        return raw.astype(float)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond 1.8e308
        raise ValidationError(name, x, f"must be a number or an array of numbers in the "
                              f"canonical unit (at most about 1.8e308); {allowed}") from None


def _positive(name: str, x: ArrayLike, allow_zero: bool = False) -> np.ndarray:
    arr = _floats(name, x, ">= 0" if allow_zero else "> 0")
    bad = ~np.isfinite(arr) | ((arr < 0) if allow_zero else (arr <= 0))
    if np.any(bad):
        first = arr[bad].flat[0] if arr.ndim else float(arr)
        rule = "must be >= 0" if allow_zero else "must be > 0"
        raise ValidationError(name, float(first), f"{rule} and finite")
    return arr


def _finite(result: np.ndarray, what: str, names: str) -> np.ndarray:
    """``result`` when every value is finite; an overflow (a conductivity of 1e308 S/m, an
    activation energy of 1e308 eV) gave inf with a RuntimeWarning, now a ValidationError
    naming the arguments that were combined."""
    if not np.all(np.isfinite(result)):
        bad = np.asarray(result)[~np.isfinite(result)].flat[0]
        raise ValidationError(names, float(bad), f"the arguments give a {what} beyond the "
                              "largest float (about 1.8e308); give values of physical size")
    return result


#: The arguments an Arrhenius conductivity combines (named by an overflow's message).
ARRHENIUS_ARGS = "sigma_ref, activation_energy, temperature, reference_temperature"
#: ln of the largest float: exp of more is inf.
_LOG_MAX = float(np.log(np.finfo(float).max))

#: The arguments of the Nernst-Einstein relation (``first``: the one converted).
NERNST_ARGS = "{first}, carrier_density, temperature, charge_number, haven_ratio"


def arrhenius(
    sigma_ref: ArrayLike,
    activation_energy_eV: ArrayLike,
    temperature: ArrayLike,
    reference_temperature: ArrayLike = T_ROOM,
    form: str = "sigma_T",
) -> np.ndarray:
    """Conductivity at ``temperature`` [S/m] from a value ``sigma_ref`` at the reference
    temperature and an activation energy [eV].

    ``form="sigma_T"``: sigma(T) = sigma_ref (T_ref/T) exp(-Ea/k (1/T - 1/T_ref));
    ``form="plain"``: sigma(T) = sigma_ref exp(-Ea/k (1/T - 1/T_ref)).
    """
    s = _positive("sigma_ref", sigma_ref)
    ea = _positive("activation_energy", activation_energy_eV, allow_zero=True)
    t = _positive("temperature", temperature)
    t0 = _positive("reference_temperature", reference_temperature)
    _check_form(form)
    # a temperature so small that 1/T overflows (5e-324 K): exp(-inf) is 0 and T_ref/T inf,
    # whose product was NaN with RuntimeWarnings; the limit is 0 (an Ea of 0: no factor)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        boltz = np.exp(np.where(ea == 0, 0.0, -ea / K_B_EV * (1.0 / t - 1.0 / t0)))
        if form == "plain":
            return _finite((s * boltz)[()], "conductivity", ARRHENIUS_ARGS)
        return _finite(np.where(boltz == 0, 0.0, s * (t0 / t) * boltz)[()], "conductivity",
                       ARRHENIUS_ARGS)


def interface_resistance_exponent(activation_energy_J_mol: Any, temperature_K: Any,
                                  reference_K: Any) -> Any:
    """``E_a/R (1/T - 1/T_ref)``: an interface resistance at ``temperature_K`` is its value at
    ``reference_K`` times ``exp(this)`` (:func:`interface_resistance_at`). Plain arithmetic, so
    the arguments may be floats, NumPy arrays or PyBaMM symbols (the lumped thermal model's
    contact resistance, ``pybamm_adapter.contact_resistance_function``) [J/mol, K]."""
    return activation_energy_J_mol / GAS_CONSTANT * (1.0 / temperature_K - 1.0 / reference_K)


def interface_resistance_at(resistance_ohm_m2: ArrayLike,
                            activation_energy_J_mol: ArrayLike | None,
                            temperature_K: ArrayLike, reference_K: ArrayLike, *,
                            field: str | None = None) -> Any:
    """An area-specific interface resistance measured at ``reference_K`` taken at
    ``temperature_K`` [Ohm m2]: ``R_ref exp(E_a/R (1/T - 1/T_ref))`` (Arrhenius with the sign
    of a resistance, which falls as T rises; the form of the Li | garnet interface resistance
    of eckhardt2023). ``R_ref`` itself without an activation energy (None), and exactly
    ``R_ref`` where T is T_ref or R_ref is 0. A value beyond the largest float (a high E_a
    taken from a hot T_ref to a cold T) is inf in an array's rows; with ``field`` a single
    one is refused: :class:`ValidationError` naming ``field`` and the E_a [eV]. The one
    implementation of evaluate, the screens and the simulation; arguments broadcast (a float
    where all are single numbers). No other checks: callers pass checked numbers."""
    if activation_energy_J_mol is None:
        return resistance_ohm_m2
    r = np.asarray(resistance_ohm_m2, dtype=float)
    t = np.asarray(temperature_K, dtype=float)
    t0 = np.asarray(reference_K, dtype=float)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        # parameters.arrhenius_exponent with a resistance's sign
        exponent = interface_resistance_exponent(
            np.asarray(activation_energy_J_mol, dtype=float), t, t0)
        # R_ref below 1 with exp(x) beyond the largest float: exp(x + ln R_ref) is not
        big = exponent >= _LOG_MAX
        out = np.where(big, np.exp(exponent + np.log(np.where(r > 0, r, 1.0))),
                       r * np.exp(np.where(big, 0.0, exponent)))
    out = np.where((t == t0) | (r == 0), r, out)
    if out.ndim:
        return out
    if field is not None and math.isinf(out) and math.isfinite(r):
        _refuse_interface(field, float(r), float(activation_energy_J_mol), float(t), float(t0))
    return float(out)


def _refuse_interface(field: str, r: float, e_a: float, t: float, t0: float) -> None:
    """The refusal of :func:`interface_resistance_at`: the largest E_a [eV] that stays a
    float."""
    from solidcell.chemistry.capacity import FARADAY

    room = math.log(sys.float_info.max) - math.log(r)
    top = room * GAS_CONSTANT / (1.0 / t - 1.0 / t0) / FARADAY
    raise ValidationError(
        field, f"{e_a / FARADAY:.4g} eV",
        f"below {top:.4g} eV for {r * 1e4:.4g} Ohm cm2 measured at {t0:g} K taken at {t:g} K: "
        "above it R_ref exp(E_a/R (1/T - 1/T_ref)) is beyond the largest float (no cell "
        "passes current there)")


def arrhenius_prefactor(
    sigma: ArrayLike, activation_energy_eV: ArrayLike, temperature: ArrayLike,
    form: str = "sigma_T",
) -> np.ndarray:
    """Prefactor A of sigma*T = A exp(-Ea/kT) [S K/m] (or of the plain form [S/m]).

    The arguments are checked as in :func:`arrhenius` (a temperature of -300 K gave a negative
    prefactor, 0 K NaN, and a misspelt ``form`` the plain form without a word)."""
    _check_form(form)
    s = _positive("sigma", sigma)
    ea = _positive("activation_energy", activation_energy_eV, allow_zero=True)
    t = _positive("temperature", temperature)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        factor = np.exp(ea / (K_B_EV * t))
        out = s * t * factor if form == "sigma_T" else s * factor
    return _finite(out, "prefactor", "sigma, activation_energy, temperature")


#: The two Arrhenius forms (module docstring).
FORMS = ("sigma_T", "plain")


def _check_form(form: object) -> None:
    if not isinstance(form, str) or form not in FORMS:
        raise ValidationError("form", form, "use 'sigma_T' or 'plain'")


def fit_arrhenius(
    temperature: ArrayLike, sigma: ArrayLike, form: str = "sigma_T"
) -> tuple[float, float]:
    """Least-squares fit of ln(sigma T) (or ln sigma) against 1/T.

    Returns (activation energy [eV], prefactor A). ``temperature`` and ``sigma`` are 1-D and
    of the same length, with at least two different temperatures (a misspelt ``form`` fitted
    the plain form, and one temperature twice gave an activation energy from rounding noise).
    """
    _check_form(form)
    t = _positive("temperature", temperature).ravel()
    s = _positive("sigma", sigma).ravel()
    if t.size != s.size:
        raise ValidationError("sigma", s.tolist(), f"one conductivity per temperature: "
                              f"{s.size} values for {t.size} temperatures")
    if np.unique(t).size < 2:
        raise ValidationError("temperature", t.tolist(), "give at least two different "
                              "temperatures")
    y = np.log(s * t) if form == "sigma_T" else np.log(s)
    slope, intercept = np.polyfit(1.0 / t, y, 1)
    return float(-slope * K_B_EV), float(np.exp(intercept))


def vtf(
    prefactor: ArrayLike, pseudo_activation_eV: ArrayLike, t0: ArrayLike, temperature: ArrayLike
) -> np.ndarray:
    """Vogel-Tammann-Fulcher conductivity sigma = A T^-1/2 exp(-B / (k (T - T0))) [S/m].

    Defined only above the ideal glass temperature T0; below it the polymer does not conduct
    by segmental motion and an error is raised.
    """
    t = _positive("temperature", temperature)
    # T0 [K] >= 0: a NaN T0 gave NaN, and a negative T0 lies below absolute zero
    t0_arr = _positive("t0", t0, allow_zero=True)
    if np.any(t <= t0_arr):
        raise ValidationError("temperature", float(np.min(t)),
                              f"VTF needs T > T0 = {float(np.max(t0_arr)):g} K")
    a = _positive("prefactor", prefactor)
    b = _positive("pseudo_activation_energy", pseudo_activation_eV, allow_zero=True)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        # exp(-inf) is 0: a pseudo-activation energy of 1e308 eV conducts nothing
        out = a / np.sqrt(t) * np.exp(-b / (K_B_EV * (t - t0_arr)))
    return _finite(out, "conductivity", "prefactor, pseudo_activation_energy, t0, temperature")


def nernst_einstein_conductivity(
    diffusivity: ArrayLike, carrier_density: ArrayLike, temperature: ArrayLike,
    charge_number: ArrayLike = 1, haven_ratio: ArrayLike = 1.0,
) -> np.ndarray:
    """sigma = n (z e)^2 D / (H_R k T) [S/m] from tracer diffusivity D [m2/s] and carrier
    density n [1/m3]."""
    d = _positive("diffusivity", diffusivity, allow_zero=True)
    n = _positive("carrier_density", carrier_density)
    t = _positive("temperature", temperature)
    q, haven = _charge_and_haven(charge_number, haven_ratio)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        out = n * q**2 * d / (haven * K_B * t)
    return _finite(out, "conductivity", NERNST_ARGS.format(first="diffusivity"))


def _charge_and_haven(charge_number: ArrayLike, haven_ratio: ArrayLike
                      ) -> tuple[np.ndarray, np.ndarray]:
    """(z e [C], H_R): the magnitude of the charge number and the Haven ratio, both > 0 and
    finite (a Haven ratio of -1 gave a negative conductivity, 0 an infinite one, and a charge
    number of 0 an infinite diffusivity)."""
    z = _positive("charge_number", charge_number)
    return z * E_CHARGE, _positive("haven_ratio", haven_ratio)


def nernst_einstein_diffusivity(
    sigma: ArrayLike, carrier_density: ArrayLike, temperature: ArrayLike,
    charge_number: ArrayLike = 1, haven_ratio: ArrayLike = 1.0,
) -> np.ndarray:
    """Inverse of :func:`nernst_einstein_conductivity`: D [m2/s] from sigma [S/m]."""
    s = _positive("sigma", sigma, allow_zero=True)
    n = _positive("carrier_density", carrier_density)
    t = _positive("temperature", temperature)
    q, haven = _charge_and_haven(charge_number, haven_ratio)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        out = s * haven * K_B * t / (n * q**2)
    return _finite(out, "diffusivity", NERNST_ARGS.format(first="sigma"))


def brick_layer(
    sigma_bulk: ArrayLike, sigma_gb: ArrayLike, grain_size: ArrayLike, gb_thickness: ArrayLike
) -> np.ndarray:
    """Total conductivity of a ceramic with grain boundaries in series (brick-layer model).

    1/sigma_total = 1/sigma_bulk + (delta/d) / sigma_gb, with grain size d and boundary
    thickness delta (both m) and the specific grain-boundary conductivity sigma_gb [S/m].
    """
    sb = _positive("sigma_bulk", sigma_bulk)
    sg = _positive("sigma_gb", sigma_gb)
    d = _positive("grain_size", grain_size)
    delta = _positive("gb_thickness", gb_thickness)
    # a resistance that overflows (1e-320 S/m) is an insulator: 1/inf is 0, its limit
    with np.errstate(over="ignore", divide="ignore"):
        out = 1.0 / (1.0 / sb + (delta / d) / sg)
    return _finite(out, "conductivity", "sigma_bulk, sigma_gb, grain_size, gb_thickness")


def _fraction(name: str, x: ArrayLike) -> np.ndarray:
    arr = _floats(name, x, "a fraction in [0, 1]")
    if np.any(~np.isfinite(arr) | (arr < 0) | (arr > 1)):
        bad = arr[~np.isfinite(arr) | (arr < 0) | (arr > 1)]
        raise ValidationError(name, float(bad.flat[0]), "must lie in [0, 1]")
    return arr


def maxwell_garnett(sigma_matrix: ArrayLike, sigma_filler: ArrayLike, phi: ArrayLike) -> np.ndarray:
    """Maxwell-Garnett effective conductivity of spheres (volume fraction phi) in a matrix [S/m].

    Exact to first order in phi and a lower bound (Hashin-Shtrikman) when the filler conducts
    better than the matrix.
    """
    sm = _positive("sigma_matrix", sigma_matrix, allow_zero=True)
    sf = _positive("sigma_filler", sigma_filler, allow_zero=True)
    f = _fraction("phi", phi)
    # grouped so that no difference of nearly equal numbers appears (high contrast, f -> 1)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        den = sf * (1 - f) + sm * (2 + f)
        mg = sm * (sf * (1 + 2 * f) + sm * (2 - 2 * f)) / np.where(den > 0, den, 1.0)
    _finite(np.where(den > 0, mg, 0.0), "conductivity", "sigma_matrix, sigma_filler, phi")
    # den = 0 only with an insulating matrix (sm = 0) and f = 1 or an insulating filler: the
    # medium is then the pure filler (f = 1) or insulating (0/0 used to give NaN)
    return np.where(den > 0, mg, np.where(f >= 1, sf, 0.0))[()]


def bruggeman_effective_medium(
    sigma_1: ArrayLike, sigma_2: ArrayLike, phi_2: ArrayLike
) -> np.ndarray:
    """Symmetric Bruggeman effective medium of two phases (spheres, 3D) [S/m].

    Solves phi1 (s1 - s)/(s1 + 2s) + phi2 (s2 - s)/(s2 + 2s) = 0 for the positive root; it has
    a percolation threshold at phi = 1/3 for an insulating second phase.
    """
    s1 = _positive("sigma_1", sigma_1, allow_zero=True)
    s2 = _positive("sigma_2", sigma_2, allow_zero=True)
    p2 = _fraction("phi_2", phi_2)
    p1 = 1 - p2
    # solved in units of the larger conductivity (the equation is homogeneous): b**2 of a
    # 1e308 S/m phase overflowed and the root gave 0 S/m instead of sigma_1 / (1 - 3 phi_2)
    scale = np.maximum(s1, s2)
    scale = np.where(scale > 0, scale, 1.0)
    s1, s2 = s1 / scale, s2 / scale
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        b = (3 * p1 - 1) * s1 + (3 * p2 - 1) * s2
        root = np.sqrt(b**2 + 8 * s1 * s2)
        # the two algebraically equal forms, each free of cancellation on its side of b = 0
        stable = np.where(b >= 0, (b + root) / 4, 2 * s1 * s2 / np.where(root - b > 0,
                                                                             root - b, 1.0))
        stable = stable * scale
    return _finite(stable[()], "conductivity", "sigma_1, sigma_2, phi_2")


def coated_sphere_conductivity(
    sigma_core: ArrayLike, sigma_shell: ArrayLike, core_radius: ArrayLike,
    shell_thickness: ArrayLike,
) -> np.ndarray:
    """Equivalent conductivity of a sphere (core) with a concentric shell [S/m]
    (Maxwell's coated-sphere result)."""
    sc = _positive("sigma_core", sigma_core, allow_zero=True)
    ss = _positive("sigma_shell", sigma_shell)
    a = _positive("core_radius", core_radius)
    t = _positive("shell_thickness", shell_thickness, allow_zero=True)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        v = (a / (a + t)) ** 3
        out = ss * (sc + 2 * ss + 2 * v * (sc - ss)) / (sc + 2 * ss - v * (sc - ss))
    return _finite(out, "conductivity", "sigma_core, sigma_shell, core_radius, shell_thickness")


def composite_with_interphase(
    sigma_polymer: ArrayLike, sigma_ceramic: ArrayLike, phi_ceramic: ArrayLike,
    particle_radius: ArrayLike, shell_thickness: ArrayLike, sigma_shell: ArrayLike,
    mixing: str = "bruggeman",
) -> np.ndarray:
    """Ceramic-in-polymer composite with a highly conducting interphase shell [S/m].

    Each ceramic particle (radius a) is wrapped in a shell (thickness t, conductivity
    sigma_shell) taken from the polymer; the coated particles (volume fraction
    phi (1 + t/a)^3, capped at 1) are embedded in the polymer by the symmetric Bruggeman
    medium (``mixing="bruggeman"``, default) or by Maxwell-Garnett (``"maxwell_garnett"``).
    With t = 0 it reduces to the plain mixing rule chosen.
    """
    # checked under their own names here (passed on, they were named sigma_1, sigma_core)
    sigma_polymer = _positive("sigma_polymer", sigma_polymer, allow_zero=True)
    sigma_ceramic = _positive("sigma_ceramic", sigma_ceramic, allow_zero=True)
    sigma_shell = _positive("sigma_shell", sigma_shell)
    phi = _fraction("phi_ceramic", phi_ceramic)
    a = _positive("particle_radius", particle_radius)
    t = _positive("shell_thickness", shell_thickness, allow_zero=True)
    if not isinstance(mixing, str) or mixing not in ("bruggeman", "maxwell_garnett"):
        raise ValidationError("mixing", mixing, "use 'bruggeman' or 'maxwell_garnett'")
    with np.errstate(over="ignore"):  # a shell 1e308 times the radius: every particle coated
        coated = np.minimum(phi * ((a + t) / a) ** 3, 1.0)
    s_inc = coated_sphere_conductivity(sigma_ceramic, sigma_shell, a, t)
    if mixing == "bruggeman":
        return bruggeman_effective_medium(sigma_polymer, s_inc, coated)
    if mixing == "maxwell_garnett":
        return maxwell_garnett(sigma_polymer, s_inc, coated)
    raise ValidationError("mixing", mixing, "use 'bruggeman' or 'maxwell_garnett'")


def mass_to_volume_fraction(
    mass_fraction: ArrayLike, density_filler: ArrayLike, density_matrix: ArrayLike
) -> np.ndarray:
    """Volume fraction of a filler given its mass fraction and both densities."""
    w = _fraction("mass_fraction", mass_fraction)
    rf = _positive("density_filler", density_filler)
    rm = _positive("density_matrix", density_matrix)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        out = (w / rf) / (w / rf + (1 - w) / rm)
    return _finite(out, "volume fraction", "mass_fraction, density_filler, density_matrix")
