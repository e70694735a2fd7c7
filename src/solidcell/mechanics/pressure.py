"""Stack pressure needed to keep a lithium-metal interface in contact over a cycle.

Model:

- **Contact**: lithium fills the roughness of the separator by plastic flow only when the
  stack pressure exceeds its yield strength, sigma_y = 0.8 MPa for bulk lithium (Masias et
  al. 2019; Singh et al. 2022 state the condition sigma_y < p and that rough surfaces need
  p >> sigma_y). Below sigma_y a Li | electrolyte interface touches at asperities only.
  Doux et al. (2020) cycled Li | Li6PS5Cl | NCA cells for 200 cycles at 5 MPa, the
  demonstrated reference.
- **Fixture**: a cell assembled (discharged) at pressure p0 in a fixture of areal stiffness
  k [Pa/m] (springs, the frame) sees p = p0 + k dh when its stack thickness changes by dh
  (Hooke's law; the stack itself taken as rigid, which bounds |dp| from above). With the
  thickness change of one repeat unit on charge from :func:`mechanics_check` in [low, high]
  (low < high where |dV/V| is a range in the knowledge base, NMC811's 4-5 %: p_min takes the
  most contraction, p_max the most growth) and N repeat units in the fixture (layers x cells
  in series),

      p_min = max(0, p0 + k N min(0, low)),   p_max = p0 + k N max(0, high),

  (a fixture pushes but cannot pull: below 0 the stack lifts off it, with a warning; a p_max
  at or above the Young's modulus of lithium, 7.82 GPa, the bound of a stack pressure, is
  reported as computed, with a warning that no cell holds it),
  and the assembly pressure needed to keep contact is p0_min = sigma_y - k N min(0, low).
  A constant-pressure fixture (k = 0) keeps p0.
- **Flaws** (too much pressure): lithium, flowing above its yield strength, carries the stack
  pressure p into the surface flaws of the separator, which loads a flaw's faces as the plating
  pressure of :mod:`solidcell.mechanics.dendrite` does; a flaw deeper than

      a_c = (K_IC / (Y p))^2 / pi      (Griffith-Irwin, Y = 1.12, the plating model's)

  extends. At the highest pressure of the cycle a_c below the separator's thickness is
  warned of (a flaw within the layer can open); the separator's K_IC comes from the knowledge
  base (none: not evaluated). Duan et al. (2023) shorted a Li | Li6PS5Cl | Li cell held at
  75 MPa without current after 13 h, lithium entering from surface flaws (a_c = 2.4 um with
  K_IC 0.23 MPa m^0.5); at Doux's 5 MPa a_c = 0.54 mm. Friction and creep keep the pressure in
  a flaw at or below p, so a_c is a lower bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from solidcell.errors import NotFoundError, ValidationError
from solidcell.interfaces.energies import NotCoveredError

#: stack pressure with which Doux et al. (2020) cycled Li | Li6PS5Cl | NCA [Pa]
DOUX_STACK_PRESSURE_Pa = 5e6


def _lithium_property(name: str) -> tuple[float, str]:
    """``name`` of lithium metal [SI] and its source (knowledge base)."""
    from solidcell.materials import get

    try:
        prop = get("li_metal").get(name)
    except NotFoundError:  # pragma: no cover - curated material
        prop = None
    if prop is None or prop.si is None:
        raise NotCoveredError(f"li_metal: the knowledge base gives no {name}")
    return float(prop.si), prop.source


def lithium_yield_strength() -> tuple[float, str]:
    """Yield strength of bulk lithium [Pa] and its source (knowledge base)."""
    return _lithium_property("yield_strength")


def lithium_youngs_modulus() -> tuple[float, str]:
    """Young's modulus of lithium [Pa] and its source (knowledge base)."""
    return _lithium_property("youngs_modulus")


def check_stack_pressure(name: str, value: Any) -> float:
    """A stack pressure [Pa]: finite, >= 0 and below the Young's modulus E of lithium
    (7.82 GPa, Masias et al. 2019). Under a stress equal to E a lithium layer would be
    compressed by p/E = 100 % (Hooke's law): no cell holds such a pressure, and the model's
    stack, taken as rigid, cannot describe it (``1e12 MPa`` was accepted)."""
    from solidcell.checks import non_negative

    e_li, src = lithium_youngs_modulus()
    allowed = (f"a pressure >= 0 Pa and below the Young's modulus of lithium, {e_li / 1e9:g} GPa "
               f"[{src}]: at that stress a lithium layer would be compressed by p/E = 100 %, "
               "which no cell holds")
    p = non_negative(name, value, allowed)  # "must be <allowed>"
    if p >= e_li:  # the same wording as a negative pressure's
        raise ValidationError(name, value, f"must be {allowed}")
    return p


@dataclass(frozen=True)
class StackPressure:
    """Pressure over a cycle of a lithium-metal stack and the pressure that keeps contact."""

    design: str
    contact_pressure_Pa: float  # minimum for plastic contact (Li yield strength)
    assembly_pressure_Pa: float | None  # p0 given
    fixture_stiffness_Pa_m: float | None
    repeat_units: int
    thickness_change_low_m: float  # one repeat unit, on charge
    thickness_change_high_m: float
    pressure_min_Pa: float | None
    pressure_max_Pa: float | None
    required_assembly_pressure_Pa: float | None
    warnings: tuple[str, ...]
    sources: tuple[str, ...]
    #: depth [m] of a separator flaw that the highest stack pressure extends (module docstring)
    critical_flaw_size_m: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "Design": self.design,
            "Contact pressure (lithium yield strength) [Pa]": self.contact_pressure_Pa,
            "Stack pressure [Pa]": self.assembly_pressure_Pa,
            "Fixture stiffness [Pa.m-1]": self.fixture_stiffness_Pa_m,
            "Repeat units in the fixture": self.repeat_units,
            "Minimum stack pressure over a cycle [Pa]": self.pressure_min_Pa,
            "Maximum stack pressure over a cycle [Pa]": self.pressure_max_Pa,
            "Required stack pressure at assembly [Pa]": self.required_assembly_pressure_Pa,
            "Critical separator flaw size at the highest stack pressure [m]":
                self.critical_flaw_size_m,
            "warnings": list(self.warnings),
            "sources": list(self.sources),
        }


def _check(name: str, value: float | None, allowed: str) -> float | None:
    from solidcell.checks import non_negative

    return None if value is None else non_negative(name, value, allowed)


def _thickness_change(value: Any) -> tuple[float, float]:
    """(low, high) repeat-unit thickness change [m]: two finite numbers, low <= high."""
    from solidcell.checks import finite_real

    allowed = "(low, high) thickness change of one repeat unit on charge in m, low <= high"
    if isinstance(value, str) or not hasattr(value, "__len__") or getattr(value, "ndim", 1) != 1 \
            or len(value) != 2:  # a 0-d array or a Quantity has __len__ but no length
        raise ValidationError("thickness_change_m", value, allowed)
    low, high = (finite_real("thickness_change_m", x, allowed) for x in value)
    if low > high:
        raise ValidationError("thickness_change_m", value, allowed)
    return low, high


def critical_flaw_size_m(fracture_toughness_Pa_m05: float, pressure_Pa: float) -> float:
    """Depth [m] of a surface flaw that lithium at ``pressure_Pa`` extends:
    a_c = (K_IC / (Y p))^2 / pi (Griffith-Irwin, edge crack, Y = 1.12; inf at p = 0).
    ``fracture_toughness_Pa_m05``: K_IC [Pa m^0.5], finite and > 0; ``pressure_Pa``: finite
    and >= 0 (a negative K_IC or pressure gave a positive a_c, NaN gave NaN)."""
    from solidcell.checks import non_negative, positive
    from solidcell.mechanics.dendrite import EDGE_CRACK_Y

    fracture_toughness_Pa_m05 = positive(
        "fracture_toughness_Pa_m05", fracture_toughness_Pa_m05,
        "a fracture toughness K_IC > 0 Pa m^0.5 and finite")
    pressure_Pa = non_negative("pressure_Pa", pressure_Pa, "a pressure >= 0 Pa and finite "
                               "(0: no flaw is extended, a_c = inf)")
    if pressure_Pa <= 0.0:
        return math.inf
    try:  # a pressure of 1e-300 MPa overflowed: no flaw is deep enough, as at 0
        return (fracture_toughness_Pa_m05 / (EDGE_CRACK_Y * pressure_Pa)) ** 2 / math.pi
    except (OverflowError, ZeroDivisionError):
        return math.inf


def _flaw_check(resolved: Any, pressure_Pa: float, sources: list[str], warnings: list[str]
                ) -> float | None:
    """a_c of the separator at ``pressure_Pa`` (None without a K_IC in the knowledge base),
    with a warning where it lies below the separator's thickness."""
    from solidcell.materials import get

    sep = getattr(resolved.separator_electrolyte, "id", None)
    try:
        prop = get(sep).get("fracture_toughness") if sep else None
    except NotFoundError:
        prop = None
    if prop is None or prop.si is None:
        return None
    a_c = critical_flaw_size_m(float(prop.si), pressure_Pa)
    t = float(resolved.separator_thickness_m)
    sources.extend((prop.source, "tada2000_cracks"))  # a_c is given (JSON, table) either way
    if a_c < t:
        warnings.append(
            f"at {pressure_Pa / 1e6:.3g} MPa lithium pressed into the surface flaws of the "
            f"separator {sep} extends any flaw deeper than a_c = (K_IC / (Y p))^2 / pi = "
            f"{a_c * 1e6:.3g} um (K_IC {float(prop.si) / 1e6:g} MPa m^0.5 [{prop.source}], "
            f"Y 1.12), less than its {t * 1e6:.3g} um: lithium can crack its way through; "
            "Duan et al. (2023) shorted a Li | Li6PS5Cl | Li cell held at 75 MPa after 13 h "
            "[duan2023_lpscl_cracking]")
        sources.append("duan2023_lpscl_cracking")
    return a_c


def stack_pressure(
    design: Any,
    *,
    stack_pressure_Pa: float | None = None,
    fixture_stiffness_Pa_m: float | None = None,
    thickness_change_m: tuple[float, float] | None = None,
) -> StackPressure:
    """Stack pressure of a lithium-metal or anode-free ``design`` over a cycle (module doc).

    ``thickness_change_m``: (low, high) change of one repeat unit on charge; computed with
    :func:`solidcell.mechanics.volume.mechanics_check` when omitted.
    """
    p0 = None if stack_pressure_Pa is None else check_stack_pressure("stack_pressure_Pa",
                                                                     stack_pressure_Pa)
    k = _check(
        "fixture_stiffness_Pa_m",
        fixture_stiffness_Pa_m,
        "an areal stiffness >= 0 Pa/m (0: constant-pressure fixture)",
    )
    from solidcell.cell.design import CellDesign
    from solidcell.checks import instance

    instance("design", design, CellDesign, "a CellDesign (CellDesign.from_yaml(path))")
    if thickness_change_m is not None:
        thickness_change_m = _thickness_change(thickness_change_m)
    if design.anode.kind not in ("li_metal", "anode_free"):
        raise ValidationError(
            "design.anode.kind",
            design.anode.kind,
            "'li_metal' or 'anode_free' (the contact model is for lithium)",
        )
    resolved = None  # design.resolved(), made once for the volume and the flaw checks
    if thickness_change_m is None:
        from solidcell.mechanics.volume import mechanics_check

        resolved = design.resolved()
        rep = mechanics_check(design, resolved=resolved)
        thickness_change_m = (rep.stack_change_low_m, rep.stack_change_high_m)
    low, high = thickness_change_m
    sigma_y, y_src = lithium_yield_strength()
    sources = [y_src, "singh2022_lpscl_microstructure"]
    n = int(design.format.n_layers) * int(getattr(design.architecture, "cells_in_series", 1))
    warnings: list[str] = []
    p_min = p_max = required = None
    if k is not None:
        required = sigma_y - k * n * min(0.0, low)
        if p0 is not None:
            p_min = p0 + k * n * min(0.0, low)
            p_max = p0 + k * n * max(0.0, high)
        if not all(math.isfinite(x) for x in (required, p_min or 0.0, p_max or 0.0)):
            raise ValidationError("fixture_stiffness_Pa_m", fixture_stiffness_Pa_m,
                                  "an areal stiffness >= 0 Pa/m whose pressure swing k N dh is "
                                  "a finite number")
        if p_min is not None and p_min < 0.0:  # -1 MPa was reported: a fixture cannot pull
            warnings.append(
                f"the stack contracts by more than the fixture's preload compresses it "
                f"(p0 + k N dh = {p_min / 1e6:.3g} MPa): a fixture pushes but cannot pull, so "
                "the stack lifts off it and the pressure at its lowest is 0 MPa")
            p_min = 0.0
        if p_max is not None:
            e_li, e_src = lithium_youngs_modulus()
            if p_max >= e_li:  # k = 1e14 Pa/m reported 20 GPa as if a cell could hold it
                warnings.append(
                    f"the maximum stack pressure p0 + k N dh = {p_max / 1e9:.3g} GPa reaches "
                    f"the Young's modulus of lithium ({e_li / 1e9:g} GPa) [{e_src}], the "
                    "bound of a stack pressure (check_stack_pressure): no cell holds it; this "
                    "rigid-stack bound is far above what the stack, which yields, would see")
                sources.append(e_src)
    elif p0 is not None:
        p_min = p_max = p0  # no fixture given: the pressure is taken as held constant
    if p0 is not None:
        floor = p_min if p_min is not None else p0
        if floor < sigma_y:
            when = "at its lowest over a cycle " if k else ""
            warnings.append(
                f"stack pressure {when}{floor / 1e6:.3g} MPa is below the yield strength of "
                f"lithium ({sigma_y / 1e6:g} MPa): lithium does not flow into contact with the "
                f"separator [{y_src}, singh2022_lpscl_microstructure]"
            )
        if p0 < DOUX_STACK_PRESSURE_Pa:
            warnings.append(
                f"stack pressure {p0 / 1e6:g} MPa is below the 5 MPa with which Doux et al. "
                "(2020) cycled Li | Li6PS5Cl | NCA cells [doux2020_stack_pressure]"
            )
            sources.append("doux2020_stack_pressure")
        if required is not None and required > sigma_y and p0 < required:
            warnings.append(
                f"the fixture loses {(required - sigma_y) / 1e6:.3g} MPa as the stack "
                f"contracts; assemble at >= {required / 1e6:.3g} MPa to keep lithium in contact"
            )
    a_c = None
    top = p_max if p_max is not None else p0
    if top is not None:
        a_c = _flaw_check(resolved if resolved is not None else design.resolved(), top,
                          sources, warnings)
    return StackPressure(
        getattr(design, "name", "cell"),
        sigma_y,
        p0,
        k,
        n,
        low,
        high,
        p_min,
        p_max,
        required,
        tuple(warnings),
        tuple(dict.fromkeys(sources)),
        a_c,
    )
