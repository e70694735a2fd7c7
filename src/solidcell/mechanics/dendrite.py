"""Lithium filaments on plating: critical overpotential and critical current density (CCD).

Model (Porz et al. 2017, with linear-elastic fracture mechanics as Singh et al. 2022 apply it):

1. Lithium plated into a closed surface flaw of the electrolyte pressurises it until the
   electrical work balances the mechanical work on one molar volume:

       p = F |eta| / Omega_Li,      Omega_Li = M_Li / rho_Li   (13.0 cm3/mol: 1 mV -> 7.4 MPa)

2. The flaw, of depth a, extends when its stress intensity reaches the fracture toughness
   (Griffith-Irwin): p Y sqrt(pi a) >= K_IC, with Y = 1.12 for an edge crack (Tada et al.).
3. Hence the overpotential at the flaw that starts a filament:

       eta_c = K_IC Omega_Li / (F Y sqrt(pi a))

4. An interface of area-specific resistance ASR carrying the mean current density i puts
   eta = f i ASR on the flaw, f >= 1 the current focusing at the flaw. The CCD estimate is

       i_c = eta_c / (f ASR)

   Stack pressure enters through the ASR, measured on electrode | Li6PS5Cl contacts to scale
   as ASR(p) = ASR(p_ref) (p / p_ref)^-0.5 (arXiv:2501.00600); so, through the ASR alone,
   i_c grows as p^0.5.
5. Lithium, flowing above its yield strength, also carries the stack pressure p_s into the
   flaw (:mod:`solidcell.mechanics.pressure`), and the overpotential builds pressure above
   that of the lithium electrode, which is at p_s: the flaw's faces carry p_s + F |eta| /
   Omega_Li. K is linear in the load (superposition), so with a stack pressure given

       eta_c = max(0, p_c - p_s) Omega_Li / F,   p_c = K_IC / (Y sqrt(pi a)),

   and a flaw at or beyond a_c = (K_IC / (Y p_s))^2 / pi extends without current (CCD 0).
   Before, the stack pressure lowered only the ASR: a 5 um flaw in Li6PS5Cl at 75 MPa, which
   the stack alone extends (a_c 2.4 um), got a CCD higher than at 5 MPa.

With f = 1 (uniform current) the estimate is an upper bound: real interfaces focus current at
flaws and asperities (Singh et al. 2022 show it by finite elements), and an ASR near zero makes
the bound meaningless. The measured CCDs of the knowledge base (with their test conditions)
are therefore reported beside it, and so are the measured stripping failures (void formation on
discharge, :mod:`solidcell.mechanics.stripping`). Not modelled: the stripping limit itself
(Kasemchainan et al. 2019), creep of lithium into the flaw, temperature.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from solidcell.checks import is_bool, positive
from solidcell.errors import NotFoundError, ValidationError
from solidcell.interfaces.energies import NotCoveredError
from solidcell.reprs import concise_repr

#: geometry factor of an edge crack in a half-space, K = 1.12 sigma sqrt(pi a) (Tada et al.)
EDGE_CRACK_Y = 1.12
#: pressure exponent of the interfacial resistance on Li6PS5Cl (arXiv:2501.00600)
ASR_PRESSURE_EXPONENT = -0.5
#: source of :data:`ASR_PRESSURE_EXPONENT` (cited wherever an ASR is scaled to a pressure)
ASR_PRESSURE_SOURCE = "arxiv2501_00600_constriction"
#: source of the theoretical strength sigma_c ~ E / pi (Anderson 2005, eq. 2.5)
THEORETICAL_STRENGTH_SOURCE = "anderson2005_fracture"
#: note of a CCD with the stack pressure carried into the flaw
STACK_SUPERPOSED_NOTE = ("; stack pressure carried into the flaw, the plating pressure "
                         "builds the rest (superposition)")
#: sources of the plating model
MODEL_SOURCES = (
    "porz2017_li_penetration",
    "tada2000_cracks",
    "singh2022_lpscl_microstructure",
    "codata2018",
)


def numeric_array(name: str, value: Any, allowed: str) -> np.ndarray:
    """``value`` as a float array when it holds finite real numbers only: bools (True is not
    1 m), text ('5', ['1e-6']) and other objects raise :class:`ValidationError`, and so does a
    pint Quantity, whose unit NumPy would drop (``Q_(5, "um")`` was read as a 5 m flaw)."""
    from solidcell.units import is_quantity

    if is_bool(value):
        raise ValidationError(name, value, allowed)
    if isinstance(value, str):  # '5 um': the argument's name gives the unit
        raise ValidationError(name, value, f"{allowed} (a number in the unit of the argument's "
                              "name; solidcell.units.parse(text, kind) converts text with a "
                              "unit, e.g. parse('5 um', 'length'), parse('5 MPa', 'pressure'))")
    if is_quantity(value):
        raise ValidationError(name, value, f"{allowed}: a plain number in the unit of the "
                              "argument's name, not a pint Quantity (solidcell.units."
                              "magnitude_in converts one)")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):
        raise ValidationError(name, value, allowed) from None
    if raw.dtype.kind not in "iuf" or raw.size == 0:  # b: bools, U/S: text, O: None or
        raise ValidationError(name, value, allowed)      # mixed objects; [] answers nothing
    arr = raw.astype(float)
    if not np.all(np.isfinite(arr)):
        raise ValidationError(name, value, allowed)
    return arr


def _positive_array(name: str, value: Any, allowed: str, *, allow_zero: bool = False) -> Any:
    arr = numeric_array(name, value, allowed)
    if not (np.all(arr >= 0) if allow_zero else np.all(arr > 0)):
        raise ValidationError(name, value, allowed)
    return arr


def _finite_result(name: str, value: Any, result: Any, allowed: str) -> Any:
    """``result`` when every entry is finite; else the input that overflowed it is named."""
    if not np.all(np.isfinite(result)):
        raise ValidationError(name, value, allowed)
    return result


def _finite_positive(values: Any) -> bool:
    """True when every entry is a finite number > 0 (no overflow to inf, no underflow to 0)."""
    arr = np.asarray(values)
    return bool(np.all(np.isfinite(arr) & (arr > 0)))


def _scalar_or_array(arr: np.ndarray) -> Any:
    return float(arr) if np.ndim(arr) == 0 else arr


def lithium_molar_volume_m3_mol(li_density_kg_m3: float | None = None) -> tuple[float, tuple]:
    """Omega_Li = M_Li / rho_Li [m3/mol], with the sources of M and rho."""
    from pymatgen.core import Element

    from solidcell.mechanics.lithium import check_lithium_density, lithium_density

    sources = ["ong2013_pymatgen"]
    if li_density_kg_m3 is None:
        rho, src = lithium_density()
        sources.append(src)
    else:
        rho = check_lithium_density("li_density_kg_m3", li_density_kg_m3)
    molar_mass_kg = float(Element("Li").atomic_mass) * 1e-3
    omega = molar_mass_kg / rho
    if not math.isfinite(omega):  # a density of 5e-324 kg/m3 gave an infinite overpotential
        raise ValidationError("li_density_kg_m3", li_density_kg_m3,
                              "a density > 0 kg/m3 whose molar volume M_Li / rho is a finite "
                              "number")
    return omega, tuple(sources)


def electrochemical_pressure_Pa(overpotential_V: Any, li_density_kg_m3: float | None = None) -> Any:
    """Pressure [Pa] that plating at overpotential ``eta`` can build in a closed flaw:
    p = F |eta| / Omega_Li (float or array)."""
    from solidcell.chemistry.capacity import FARADAY

    eta = numeric_array("overpotential_V", overpotential_V, "finite values in V")
    omega, _ = lithium_molar_volume_m3_mol(li_density_kg_m3)
    with np.errstate(over="ignore"):
        p = FARADAY * np.abs(eta) / omega
    _finite_result("overpotential_V", overpotential_V, p,
                   "an overpotential in V whose pressure F |eta| / Omega_Li is finite")
    return _scalar_or_array(p)


def griffith_pressure_Pa(
    fracture_toughness_Pa_m05: Any, flaw_size_m: Any, geometry_factor: float = EDGE_CRACK_Y
) -> Any:
    """Pressure [Pa] on the faces of a flaw of depth ``a`` that extends it:
    p_c = K_IC / (Y sqrt(pi a))."""
    k = _positive_array(
        "fracture_toughness_Pa_m05", fracture_toughness_Pa_m05, "a fracture toughness > 0 Pa m^0.5"
    )
    a = _positive_array("flaw_size_m", flaw_size_m, "a flaw size > 0 m")
    y = positive("geometry_factor", geometry_factor, "a geometry factor > 0")
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        p_c = k / (y * np.sqrt(np.pi * a))
    if not _finite_positive(p_c):  # an input near the float limits: no number to give
        with np.errstate(over="ignore", under="ignore", divide="ignore"):
            root = np.sqrt(np.pi * a)
            edge = k / (EDGE_CRACK_Y * root)
        if not _finite_positive(root):  # pi a beyond the largest float (a = 1e308 m)
            raise ValidationError("flaw_size_m", flaw_size_m,
                                  "a flaw size > 0 m whose critical pressure K_IC / (Y sqrt(pi "
                                  "a)) is a finite number > 0")
        if _finite_positive(edge):  # a number with the edge crack's Y: the factor did it
            raise ValidationError("geometry_factor", geometry_factor,
                                  "a geometry factor > 0 whose critical pressure "
                                  "K_IC / (Y sqrt(pi a)) is a finite number > 0")
        raise ValidationError("fracture_toughness_Pa_m05", fracture_toughness_Pa_m05,
                              "a fracture toughness > 0 Pa m^0.5 whose critical pressure "
                              "K_IC / (Y sqrt(pi a)) is a finite number > 0")
    return _scalar_or_array(p_c)


def asr_at_pressure(
    asr_ohm_m2: Any,
    reference_pressure_Pa: float,
    pressure_Pa: Any,
    exponent: float = ASR_PRESSURE_EXPONENT,
) -> Any:
    """Interfacial ASR [Ohm m2] at ``pressure_Pa`` from one measured at the reference pressure:
    ASR(p) = ASR(p_ref) (p/p_ref)^exponent, exponent -0.5 measured on Li6PS5Cl
    (arXiv:2501.00600). Both pressures must lie below lithium's Young's modulus (7.82 GPa,
    Masias et al. 2019), the bound :func:`~solidcell.mechanics.pressure.check_stack_pressure`
    sets on every stack pressure."""
    from solidcell.checks import finite_real
    from solidcell.mechanics.pressure import lithium_youngs_modulus

    r = _positive_array("asr_ohm_m2", asr_ohm_m2, "an area-specific resistance > 0 Ohm m2")
    e_li, e_src = lithium_youngs_modulus()
    below = (f"below the Young's modulus of lithium, {e_li / 1e9:g} GPa [{e_src}], as every "
             "stack pressure of solidcell.mechanics.pressure: at that stress a lithium layer "
             "would be compressed by p/E = 100 %")
    p_ref = positive("reference_pressure_Pa", reference_pressure_Pa, f"a pressure > 0 Pa {below}")
    if p_ref >= e_li:  # 1e7 MPa was taken as the pressure an ASR was measured at
        raise ValidationError("reference_pressure_Pa", reference_pressure_Pa,
                              f"must be a pressure > 0 Pa {below}")
    p = _positive_array("pressure_Pa", pressure_Pa, f"pressures > 0 Pa {below}")
    if not np.all(p < e_li):  # 1e6 MPa (1 TPa) gave a CCD
        raise ValidationError("pressure_Pa", pressure_Pa, f"pressures > 0 Pa {below}")
    exponent = finite_real("exponent", exponent, "a finite exponent")
    with np.errstate(over="ignore", divide="ignore", under="ignore"):
        out = r * (p / p_ref) ** exponent
    allowed = "pressures > 0 Pa at which ASR (p/p_ref)^exponent is a finite number > 0"
    _finite_result("pressure_Pa", pressure_Pa, out, allowed)
    if not np.all(out > 0):  # underflow: an ASR of 0 was handed on (and then refused as --asr)
        raise ValidationError("pressure_Pa", pressure_Pa, allowed)
    return _scalar_or_array(out)


@dataclass(frozen=True)
class CriticalCurrent:
    """Plating CCD estimate of one electrolyte | lithium interface, with its inputs."""

    __repr__ = concise_repr

    electrolyte: str
    fracture_toughness_Pa_m05: float
    flaw_size_m: Any
    critical_pressure_Pa: Any
    critical_overpotential_V: Any
    asr_ohm_m2: Any | None
    focusing_factor: float
    critical_current_density_A_m2: Any | None
    measured: tuple[tuple[float, str, str], ...]  # (CCD [A/m2], source, conditions)
    sources: tuple[str, ...]
    note: str
    #: E/pi of the electrolyte [Pa] (Anderson 2005, eq. 2.5), where the knowledge base has E
    theoretical_strength_Pa: float | None = None
    #: thickness of the electrolyte layer [m] the flaws were checked against, where given
    thickness_m: float | None = None
    #: measured stripping failures of the electrolyte (void formation on discharge), beside the
    #: plating CCDs (stripping.StrippingObservation)
    measured_stripping: tuple[Any, ...] = ()
    #: stack pressure [Pa] carried into the flaw (module docstring, item 5), where given
    stack_pressure_Pa: Any | None = None
    #: where a critical pressure exceeds the theoretical strength E/pi, what that means for
    #: the estimate ("critical pressure ... GPa above the theoretical strength ..."); else ""
    strength_note: str = ""
    #: where the stack pressure alone reaches a flaw's critical pressure (CCD 0), which
    #: pressure and flaw ("the stack pressure alone (... MPa) reaches ..."); else ""
    stack_note: str = ""

    @property
    def full_note(self) -> str:
        """:attr:`note` (the model's description) followed by the caveats of this estimate
        (:attr:`strength_note`, :attr:`stack_note`) where there are any."""
        return "; ".join(n for n in (self.note, self.strength_note, self.stack_note) if n)

    def to_json(self) -> dict[str, Any]:
        """The estimate by name; ``"Note"`` is :attr:`full_note` (as before the caveats had
        fields of their own), each caveat is also under a key of its own (null where none)."""
        return {
            "Electrolyte": self.electrolyte,
            "Fracture toughness [Pa.m0.5]": self.fracture_toughness_Pa_m05,
            "Flaw size [m]": self.flaw_size_m,
            "Critical pressure [Pa]": self.critical_pressure_Pa,
            "Critical overpotential [V]": self.critical_overpotential_V,
            "Area-specific resistance [Ohm.m2]": self.asr_ohm_m2,
            "Current focusing factor": self.focusing_factor,
            "Critical current density [A.m-2]": self.critical_current_density_A_m2,
            "Measured critical current density": [
                {"Critical current density [A.m-2]": v, "Source": s, "Conditions": c}
                for v, s, c in self.measured
            ],
            "Measured stripping failures": [o.to_json() for o in self.measured_stripping],
            "Theoretical strength [Pa]": self.theoretical_strength_Pa,
            "Layer thickness [m]": self.thickness_m,
            "Stack pressure in the flaw [Pa]": self.stack_pressure_Pa,
            "Note": self.full_note,
            "Model note": self.note,
            "Theoretical strength note": self.strength_note or None,
            "Stack pressure note": self.stack_note or None,
            "sources": list(self.sources),
        }


def measured_ccd(electrolyte: str) -> tuple[tuple[float, str, str], ...]:
    """Measured CCDs [A/m2] of ``electrolyte`` in the knowledge base (value, source, test)."""
    from solidcell.materials import get

    try:
        mat = get(electrolyte)
    except NotFoundError:
        return ()
    return tuple(
        (float(v.si), v.source, v.note or "")
        for v in mat.values("critical_current_density")
        if v.si is not None
    )


#: categories of a material that lithium can plate against as the separator
SEPARATOR_CATEGORIES = ("electrolyte", "coating")
#: what ``electrolyte`` of :func:`critical_current_density` must be
SEPARATOR_ALLOWED = ("the id of a solid electrolyte (or coating) of the materials database, "
                     "e.g. li6ps5cl (`solidcell materials list --category electrolyte`)")


def check_separator(electrolyte: Any, *, known: bool = True) -> str:
    """``electrolyte`` when it is the id of a material lithium can plate against (category
    electrolyte or coating); the id of an electrode or a foil (``nmc811`` gave a plating CCD of
    a Li | NMC811 "separator") or of a conductor of another ion (nzsp, Na+) raises
    :class:`ValidationError`, and so does an id the
    materials database lacks unless ``known`` is False (a new electrolyte named by the caller,
    whose toughness is given). The ``ccd`` command uses it too: both refuse with one message."""
    from solidcell.materials import get

    if not isinstance(electrolyte, str) or not electrolyte.strip():  # '' was a new electrolyte
        raise ValidationError("electrolyte", electrolyte, f"must be {SEPARATOR_ALLOWED}")
    try:
        material = get(electrolyte)
    except NotFoundError as exc:
        if not known:
            return electrolyte
        raise ValidationError("electrolyte", electrolyte,
                              f"{SEPARATOR_ALLOWED}; {str(exc).removeprefix('material: ')}"
                              ) from None
    if material.category not in SEPARATOR_CATEGORIES:
        raise ValidationError("electrolyte", electrolyte,
                              f"{SEPARATOR_ALLOWED}, not a material of category "
                              f"{material.category!r}")
    if material.mobile_ion != "Li":  # nzsp got a lithium plating CCD (Li's molar volume)
        raise ValidationError("electrolyte", electrolyte,
                              f"{SEPARATOR_ALLOWED}; a lithium-ion conductor: {electrolyte} "
                              f"conducts {material.mobile_ion}+, and the model plates lithium")
    return electrolyte


def theoretical_strength_Pa(electrolyte: str) -> tuple[float, str] | None:
    """Theoretical (cohesive) strength of ``electrolyte`` [Pa], sigma_c ~ E / pi (Anderson,
    Fracture Mechanics, 3rd ed. 2005, eq. 2.5: a sine law of the interatomic force with its
    half-wavelength equal to the atomic spacing), with the source of its Young's modulus E in
    the knowledge base; None where the knowledge base has no E (or no such material).

    A range of E gives the strength of its upper end, so that a critical pressure above it is
    one no sample of the range can hold (the midpoint flagged pressures the stiffer samples
    hold: Li2S-P2S5 glass, 18-25 GPa, 6.84 instead of 7.96 GPa); a range open above (``> E``)
    bounds nothing and gives None."""
    from solidcell.materials import get

    try:
        prop = get(electrolyte).get("youngs_modulus")
    except NotFoundError:
        return None
    if prop is None or prop.text is not None:
        return None
    e_max = prop.si_range[1]
    if e_max is None:
        return None
    return float(e_max) / math.pi, prop.source


def _strength_note(electrolyte: str, p_c: Any) -> tuple[float | None, str, tuple[str, ...]]:
    """(E/pi, a note where a critical pressure exceeds it, the sources of E/pi: the JSON's
    "Theoretical strength [Pa]" is shown with every estimate, so its sources are cited with it
    too, not only where the note is made)."""
    bound = theoretical_strength_Pa(electrolyte)
    if bound is None:
        return None, "", ()
    sigma_th, src = bound
    p_max = float(np.max(p_c))
    if p_max <= sigma_th:
        return sigma_th, "", (THEORETICAL_STRENGTH_SOURCE, src)
    return sigma_th, (
        f"critical pressure {p_max / 1e9:.3g} GPa above the theoretical strength of "
        f"{electrolyte}, E/pi = {sigma_th / 1e9:.3g} GPa (Anderson 2005, eq. 2.5), a stress it "
        "cannot hold: the flaw is too small for the Griffith estimate, which overstates its "
        "critical overpotential and CCD"), (THEORETICAL_STRENGTH_SOURCE, src)


def _check_thickness(flaw_size_m: Any, thickness_m: Any) -> float | None:
    """The layer thickness [m] when given; every flaw must be shallower than it."""
    if thickness_m is None:
        return None
    t = positive("thickness_m", thickness_m, "a layer thickness > 0 m (finite)")
    if not np.all(np.asarray(flaw_size_m, dtype=float) < t):  # a 1 m flaw in a 30 um layer
        raise ValidationError(
            "flaw_size_m", flaw_size_m,
            f"a flaw size > 0 m and below the layer thickness, {t * 1e6:g} um: a surface "
            "flaw of the electrolyte cannot be deeper than the layer itself")
    return t


def _toughness(electrolyte: str) -> tuple[float, str]:
    from solidcell.materials import get

    prop = get(electrolyte).get("fracture_toughness")  # an id check_separator accepted
    if prop is None or prop.si is None:
        raise NotCoveredError(
            f"{electrolyte}: the knowledge base gives no fracture_toughness; pass it "
            "(fracture_toughness_Pa_m05) with its source"
        )
    return float(prop.si), prop.source


def critical_current_density(
    electrolyte: str,
    flaw_size_m: Any,
    *,
    asr_ohm_m2: Any | None = None,
    fracture_toughness_Pa_m05: float | None = None,
    focusing_factor: float = 1.0,
    geometry_factor: float = EDGE_CRACK_Y,
    li_density_kg_m3: float | None = None,
    thickness_m: float | None = None,
    stack_pressure_Pa: Any | None = None,
) -> CriticalCurrent:
    """Plating CCD estimate [A/m2] for a lithium | ``electrolyte`` interface (module docstring).

    ``flaw_size_m``: depth of the largest surface flaw (Singh et al. 2022 equate it with the
    interfacial roughness); ``asr_ohm_m2``: interfacial ASR (without it only the critical
    overpotential is given); ``focusing_factor``: local/mean current at the flaw (>= 1; 1 gives
    the upper bound). Arrays broadcast (flaw size against ASR). ``electrolyte``: the id of a
    solid electrolyte or coating of the materials database, or, with the fracture toughness
    given, a name it lacks; never an electrode or a foil (:func:`check_separator`).
    ``thickness_m``: thickness of the electrolyte layer; when given, every flaw must be
    shallower than it. Where a critical pressure exceeds the electrolyte's theoretical strength
    E/pi (:func:`theoretical_strength_Pa`) ``strength_note`` says that the estimate does not
    hold.
    ``stack_pressure_Pa``: stack pressure (>= 0, below lithium's Young's modulus; arrays
    broadcast against the ASR) that lithium carries into the flaw: the overpotential builds
    only the rest of the critical pressure, and a flaw the stack alone extends has a CCD of 0
    (module docstring, item 5), named in ``stack_note``. None: the flaw carries the plating
    pressure only. ``note`` describes the model (the same for every flaw of one call).
    """
    check_separator(electrolyte, known=fracture_toughness_Pa_m05 is None)
    p_stack = None if stack_pressure_Pa is None else _stack_array(stack_pressure_Pa)
    sources = list(MODEL_SOURCES)
    if fracture_toughness_Pa_m05 is None:
        k_ic, src = _toughness(electrolyte)
        sources.append(src)
    else:
        k_ic = positive("fracture_toughness_Pa_m05", fracture_toughness_Pa_m05,
                        "a fracture toughness > 0 Pa m^0.5")
    f = positive("focusing_factor", focusing_factor, "a focusing factor >= 1")
    if f < 1.0:
        raise ValidationError("focusing_factor", focusing_factor, "a focusing factor >= 1")
    try:
        p_c = griffith_pressure_Pa(k_ic, flaw_size_m, geometry_factor)
    except ValidationError as exc:
        if exc.field != "fracture_toughness_Pa_m05" or fracture_toughness_Pa_m05 is not None:
            raise
        # the knowledge base's toughness is no input of the caller's: the flaw is at fault
        raise ValidationError("flaw_size_m", flaw_size_m,
                              exc.allowed.replace("a fracture toughness > 0 Pa m^0.5",
                                                  "a flaw size > 0 m")) from None
    thickness = _check_thickness(flaw_size_m, thickness_m)
    sigma_th, strength_note, strength_sources = _strength_note(electrolyte, p_c)
    omega, li_sources = lithium_molar_volume_m3_mol(li_density_kg_m3)
    sources.extend(li_sources)
    from solidcell.chemistry.capacity import FARADAY

    with np.errstate(over="ignore", under="ignore"):
        eta_c = np.asarray(p_c) * omega / FARADAY
    if not _finite_positive(eta_c):  # an infinite overpotential (rho 1e-200 kg/m3) or 0
        allowed = "whose critical overpotential p_c Omega_Li / F is a finite number > 0"
        if li_density_kg_m3 is not None:
            with np.errstate(over="ignore", under="ignore"):
                eta_own = np.asarray(p_c) * lithium_molar_volume_m3_mol()[0] / FARADAY
            if _finite_positive(eta_own):  # a number with lithium's own density
                raise ValidationError("li_density_kg_m3", li_density_kg_m3,
                                      f"a density > 0 kg/m3 {allowed}")
        if fracture_toughness_Pa_m05 is not None:
            raise ValidationError("fracture_toughness_Pa_m05", fracture_toughness_Pa_m05,
                                  f"a fracture toughness > 0 Pa m^0.5 {allowed}")
        raise ValidationError("flaw_size_m", flaw_size_m, f"a flaw size > 0 m {allowed}")
    ccd = None
    if asr_ohm_m2 is not None:
        r = _positive_array("asr_ohm_m2", asr_ohm_m2, "an area-specific resistance > 0 Ohm m2")
        try:
            with np.errstate(over="ignore"):
                i_c = eta_c / (f * r)
        except ValueError:  # shapes that do not broadcast
            raise ValidationError("asr_ohm_m2", asr_ohm_m2,
                                  f"an ASR (or array) that broadcasts against the flaw sizes "
                                  f"(shape {np.shape(eta_c)})") from None
        if not _finite_positive(i_c):  # f ASR overflowed: a CCD of 0 A/m2 was reported
            with np.errstate(over="ignore", under="ignore"):
                uniform = eta_c / r
            if _finite_positive(uniform):  # a number without the focusing: the focusing did it
                raise ValidationError("focusing_factor", focusing_factor,
                                      "a focusing factor >= 1 whose CCD eta_c / (f ASR) is a "
                                      "finite number > 0")
            raise ValidationError("asr_ohm_m2", asr_ohm_m2,
                                  "an area-specific resistance > 0 Ohm m2 whose CCD "
                                  "eta_c / (f ASR) is a finite number > 0")
        ccd = i_c
    eta_out: Any = eta_c
    stack_note = ""
    if p_stack is not None:
        eta_out, ccd, stack_note = _with_stack(p_c, p_stack, eta_c, ccd)
    ccd = None if ccd is None else _scalar_or_array(np.asarray(ccd))
    measured = measured_ccd(electrolyte)
    sources.extend(s for _, s, _ in measured)
    from solidcell.mechanics.stripping import measured_stripping

    stripping = measured_stripping(electrolyte)
    sources.extend(o.source for o in stripping)
    note = (
        "upper bound (uniform current, f = 1)"
        if f == 1.0
        else f"current focused {f:g}x at the flaw"
    )
    if ccd is None:
        note += "; no interfacial ASR given, so only the critical overpotential"
    if p_stack is not None:
        note += STACK_SUPERPOSED_NOTE
    sources.extend(strength_sources)
    return CriticalCurrent(
        electrolyte,
        k_ic,
        flaw_size_m,
        p_c,
        _scalar_or_array(np.asarray(eta_out)),
        asr_ohm_m2,
        f,
        ccd,
        measured,
        tuple(dict.fromkeys(sources)),
        note,
        sigma_th,
        thickness,
        stripping,
        None if p_stack is None else _scalar_or_array(p_stack),
        strength_note,
        stack_note,
    )


def _stack_array(value: Any) -> np.ndarray:
    """A given stack pressure [Pa] (or array): finite, >= 0 and below the Young's modulus of
    lithium, the bound of every stack pressure
    (:func:`~solidcell.mechanics.pressure.check_stack_pressure`)."""
    from solidcell.mechanics.pressure import lithium_youngs_modulus

    e_li, e_src = lithium_youngs_modulus()
    allowed = (f"stack pressures >= 0 Pa and below the Young's modulus of lithium, "
               f"{e_li / 1e9:g} GPa [{e_src}]")
    arr = _positive_array("stack_pressure_Pa", value, allowed, allow_zero=True)
    if not np.all(arr < e_li):
        raise ValidationError("stack_pressure_Pa", value, allowed)
    return arr


def _with_stack(p_c: Any, p_stack: np.ndarray, eta_c: Any, ccd: Any) -> tuple[Any, Any, str]:
    """(eta_c, CCD, note) with the stack pressure carried into the flaw: the overpotential
    builds max(0, p_c - p_s) (K linear in the load), so both scale by max(0, 1 - p_s / p_c);
    the note names the flaws the stack pressure alone extends (CCD 0)."""
    p_c = np.asarray(p_c, dtype=float)
    try:
        share = np.clip(1.0 - p_stack / p_c, 0.0, None)
        eta = np.asarray(eta_c) * share
        out = None if ccd is None else np.asarray(ccd) * share
    except ValueError:  # shapes that do not broadcast
        raise ValidationError("stack_pressure_Pa", p_stack,
                              f"a stack pressure (or array) that broadcasts against the flaw "
                              f"sizes and ASRs (shape {np.shape(eta_c)})") from None
    alone = p_stack >= p_c
    if not np.any(alone):
        return eta, out, ""
    worst = float(np.max(np.broadcast_to(p_stack, alone.shape)[alone]))
    weakest = float(np.min(np.broadcast_to(p_c, alone.shape)[alone]))
    return eta, out, (
        f"the stack pressure alone ({worst / 1e6:.3g} MPa) reaches the critical pressure of "
        f"the flaw ({weakest / 1e6:.3g} MPa): lithium pressed into it extends it without "
        "current, so its CCD is 0")
