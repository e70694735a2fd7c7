"""Lithium metal: thickness change per areal capacity and the Monroe-Newman criterion.

- Lithium plated or stripped per areal capacity Q (Faraday's law):

      dt = Q / (q_Li rho_Li),   q_Li = F / (3.6 M_Li)   [mAh/g]

  with rho_Li the density of lithium metal (knowledge base, CRC Handbook). One mAh/cm2 moves
  4.85 um of lithium. Vectorised: Q may be an array.
- Monroe & Newman (2005): a separator whose shear modulus is about twice that of lithium
  (G_SE / G_Li >= 2) suppresses roughness growth at the lithium interface (their result for a
  Poisson's ratio like PEO's). Necessary, not sufficient: lithium penetrates ceramics that meet
  it tenfold through flaws and grain boundaries (Yu & Siegel 2018), so only a miss is warned
  of; :mod:`solidcell.mechanics.dendrite` is the check for ceramics. Both moduli come
  from the knowledge base (with sources) or are given; a missing one is named, never assumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from solidcell.errors import NotFoundError, ValidationError
from solidcell.interfaces.energies import NotCoveredError

#: Monroe & Newman (2005): separator shear modulus about twice that of lithium.
MONROE_NEWMAN_RATIO = 2.0
#: mAh/cm2 -> canonical areal capacity is mAh/cm2 (solidcell.units.KINDS)


@dataclass(frozen=True)
class LithiumThickness:
    """Thickness of lithium metal moved per areal capacity."""

    areal_capacity_mAh_cm2: Any  # float or array
    thickness_change_m: Any
    um_per_mAh_cm2: float
    li_density_kg_m3: float
    li_capacity_mAh_g: float
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "Areal capacity [mA.h.cm-2]": self.areal_capacity_mAh_cm2,
            "Lithium thickness change [m]": self.thickness_change_m,
            "Lithium thickness per areal capacity [um.cm2.mA-1.h-1]": self.um_per_mAh_cm2,
            "Lithium density [kg.m-3]": self.li_density_kg_m3,
            "sources": list(self.sources),
        }


def lithium_density() -> tuple[float, str]:
    """Density of lithium metal [kg/m3] and its source (knowledge base)."""
    from solidcell.materials import get

    prop = get("li_metal").get("density")
    if prop is None or prop.si is None:
        raise NotCoveredError("li_metal: the knowledge base gives no density")
    return float(prop.si), prop.source


#: Plausible range of a given density of lithium [kg/m3]. Below: no solid or liquid layer is
#: lighter than air (1.2 kg/m3 at 20 degC and 1 atm, ideal gas law p / (R_air T)); a layer
#: that light is no lithium, however porous (1e-300 kg/m3 gave 2.6e297 m per mAh/cm2).
#: Above: the plausible limit of any density in the knowledge base
#: (solidcell.materials.schema.PROPERTIES["density"], above every element's).
LITHIUM_DENSITY_MIN_KG_M3 = 1.0


def check_lithium_density(name: str, value: Any) -> float:
    """A given density of lithium [kg/m3] within :data:`LITHIUM_DENSITY_MIN_KG_M3` and the
    knowledge base's density limit (3e4 kg/m3); the knowledge base gives 534 kg/m3."""
    from solidcell.checks import finite_real
    from solidcell.materials.schema import PROPERTIES

    upper = PROPERTIES["density"].upper
    allowed = (f"a density of lithium from {LITHIUM_DENSITY_MIN_KG_M3:g} kg/m3 (below: lighter "
               f"than air, 1.2 kg/m3, no solid layer) to {upper:g} kg/m3 (the knowledge base's "
               "limit of any density); lithium metal: 534 kg/m3 [haynes2016_crc]")
    rho = finite_real(name, value, allowed)
    if not LITHIUM_DENSITY_MIN_KG_M3 <= rho <= (upper or float("inf")):
        raise ValidationError(name, value, f"must be {allowed}")
    return rho


def check_shear_modulus(name: str, value: Any) -> float:
    """A given shear modulus [Pa]: > 0 and at most the knowledge base's plausible limit of any
    shear modulus (:data:`solidcell.materials.schema.PROPERTIES`, 1e12 Pa), the limit a stored
    value has (``1e6 GPa`` was taken). No tighter bound for lithium is set: lithium's
    single-crystal elastic constants, which bound the shear modulus of any polycrystal, were
    not read from a source here (docs/interfaces.md)."""
    from solidcell.checks import positive
    from solidcell.materials.schema import PROPERTIES

    upper = PROPERTIES["shear_modulus"].upper
    allowed = (f"a shear modulus > 0 Pa and at most {upper:g} Pa, the knowledge base's "
               "plausible limit of any shear modulus")
    g = positive(name, value, allowed)
    if upper is not None and g > upper:
        raise ValidationError(name, value, f"must be {allowed}")
    return g


def lithium_thickness_change(areal_capacity_mAh_cm2: Any,
                             li_density_kg_m3: float | None = None) -> LithiumThickness:
    """Lithium plated/stripped [m] for ``areal_capacity_mAh_cm2`` (float or array)."""
    from solidcell.chemistry.capacity import theoretical_capacity
    from solidcell.mechanics.dendrite import numeric_array

    q = numeric_array("areal_capacity_mAh_cm2", areal_capacity_mAh_cm2,
                      "finite values >= 0 mAh/cm2")
    if np.any(q < 0):
        raise ValidationError("areal_capacity_mAh_cm2", areal_capacity_mAh_cm2,
                              "finite values >= 0 mAh/cm2")
    sources = ["codata2018"]
    if li_density_kg_m3 is None:
        rho, src = lithium_density()
        sources.append(src)
    else:
        rho = check_lithium_density("li_density_kg_m3", li_density_kg_m3)
    q_li = theoretical_capacity("Li").capacity_mAh_g  # mAh/g
    # Q [mAh/cm2] / (q [mAh/g] * rho [g/cm3]) = cm; rho [kg/m3] / 1000 = g/cm3; cm -> m
    per_unit_m = 1.0 / (q_li * rho / 1000.0) / 100.0
    dt = q * per_unit_m
    if not np.all(np.isfinite(dt)):
        raise ValidationError("areal_capacity_mAh_cm2", areal_capacity_mAh_cm2,
                              "finite values >= 0 mAh/cm2 whose lithium thickness is finite")
    value: Any = float(dt) if dt.ndim == 0 else dt
    return LithiumThickness(areal_capacity_mAh_cm2, value, per_unit_m * 1e6, rho, q_li,
                            tuple(sources))


@dataclass(frozen=True)
class ShearCriterion:
    """Monroe-Newman check of a separator against lithium metal."""

    electrolyte: str
    shear_modulus_electrolyte_Pa: float
    shear_modulus_li_Pa: float
    ratio: float
    meets_criterion: bool
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "Electrolyte": self.electrolyte,
            "Electrolyte shear modulus [Pa]": self.shear_modulus_electrolyte_Pa,
            "Lithium shear modulus [Pa]": self.shear_modulus_li_Pa,
            "Shear modulus ratio": self.ratio,
            "Required ratio (Monroe-Newman)": MONROE_NEWMAN_RATIO,
            "Meets criterion": self.meets_criterion,
            "sources": list(self.sources),
        }


def _shear(material: str) -> tuple[float, str]:
    from solidcell.materials import get

    try:
        mat = get(material)
    except NotFoundError:
        raise ValidationError("material", material, "a knowledge-base id") from None
    prop = mat.get("shear_modulus")
    if prop is None or prop.si is None:
        raise NotCoveredError(
            f"{material}: the knowledge base gives no shear_modulus; pass it "
            f"(shear_modulus_electrolyte_Pa, in Pa, in Python) or add a measured value with "
            f"its source (solidcell materials measure {material} --property shear_modulus "
            f"--value 'G GPa' --source KEY)")
    return float(prop.si), prop.source


def monroe_newman(electrolyte: str, *, shear_modulus_electrolyte_Pa: float | None = None,
                  shear_modulus_li_Pa: float | None = None) -> ShearCriterion:
    """G_SE / G_Li against the Monroe-Newman ratio of 2 (moduli from the knowledge base).

    ``electrolyte``: a solid electrolyte or coating of the materials database, or a name it
    lacks with its shear modulus given; never an electrode or a foil (``li_metal`` gave a
    ratio of 1 for a Li | Li "separator"; :func:`~solidcell.mechanics.dendrite.check_separator`).
    """
    import math

    from solidcell.mechanics.dendrite import check_separator

    check_separator(electrolyte, known=shear_modulus_electrolyte_Pa is None)
    sources = ["monroe2005_dendrite"]
    if shear_modulus_electrolyte_Pa is None:
        g_se, src = _shear(electrolyte)
        sources.append(src)
    else:
        g_se = check_shear_modulus("shear_modulus_electrolyte_Pa", shear_modulus_electrolyte_Pa)
    if shear_modulus_li_Pa is None:
        g_li, src = _shear("li_metal")
        sources.append(src)
    else:
        g_li = check_shear_modulus("shear_modulus_li_Pa", shear_modulus_li_Pa)
    ratio = g_se / g_li
    if not (math.isfinite(ratio) and ratio > 0):  # 1e-320 Pa of lithium gave an infinite ratio
        # infinite: a given lithium modulus too small; 0: a given electrolyte modulus
        lithium = shear_modulus_electrolyte_Pa is None or (
            shear_modulus_li_Pa is not None and ratio > 0)
        field, value = (("shear_modulus_li_Pa", shear_modulus_li_Pa) if lithium else
                        ("shear_modulus_electrolyte_Pa", shear_modulus_electrolyte_Pa))
        raise ValidationError(field, value, "a shear modulus > 0 Pa whose ratio G_SE / G_Li is "
                              "a finite number > 0")
    return ShearCriterion(electrolyte, g_se, g_li, ratio, ratio >= MONROE_NEWMAN_RATIO,
                          tuple(dict.fromkeys(sources)))
