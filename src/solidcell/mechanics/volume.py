"""Electrode volume change over a cycle, stack thickness change, and design warnings.

Model (a laterally constrained stack, the upper bound of the thickness change): a composite
layer of thickness t whose active material (volume fraction phi of the layer) changes volume by
dV/V over a charge changes thickness by

    dt = s t phi |dV/V|,

with s = +1 when the material expands on charge (anode hosts being lithiated, LiCoO2) and
s = -1 when it contracts (Ni-rich layered oxides, LiFePO4), after Koerver et al. (2018);
pores and lateral strain that absorb part of it are neglected. A lithium-metal or anode-free
anode gains the plated lithium, Q / (q_Li rho_Li) (4.85 um per mAh/cm2). Volume changes
|dV/V| come from the knowledge base (review Tables 5 and 6, lattice data) with their sources.
A material whose sign is unknown widens the result into a range.

Warnings with sources:

- an electrode whose |dV/V| reaches 80 %: the review calls the volume changes of sulfur
  (> 80 %) and silicon (> 300 %) large, a challenge for cycling (Srivastava, sections 3.1-3.2);
- a lithium-metal anode against a separator that misses the Monroe-Newman criterion
  (shear moduli from the knowledge base; named when missing);
- a lithium-metal anode below the 5 MPa stack pressure with which Doux et al. (2020) cycled
  Li | Li6PS5Cl | NCA cells (only when a stack pressure is given).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from solidcell.errors import SolidcellError
from solidcell.interfaces.energies import NotCoveredError
from solidcell.mechanics.lithium import lithium_thickness_change, monroe_newman

#: sign of the volume change on charge (cathode delithiated, anode lithiated)
CHARGE_SIGN: dict[str, tuple[int, str]] = {
    "nmc811": (-1, "koerver2018_chemomechanics"),
    "nmc622": (-1, "koerver2018_chemomechanics"),
    "nca": (-1, "koerver2018_chemomechanics"),
    "lco": (+1, "koerver2018_chemomechanics"),
    "lfp": (-1, "koerver2018_chemomechanics"),
    "graphite": (+1, "koerver2018_chemomechanics"),
    "silicon": (+1, "koerver2018_chemomechanics"),
    "lto": (+1, "koerver2018_chemomechanics"),
}
#: |dV/V| the review calls a large volume change (sulfur > 80 %, silicon > 300 %)
LARGE_VOLUME_CHANGE = 0.80
#: stack pressure with which Doux et al. (2020) cycled Li | Li6PS5Cl | NCA [Pa]
DOUX_STACK_PRESSURE_Pa = 5e6


@dataclass(frozen=True)
class VolumeChange:
    """Relative volume change of an electrode material over a full charge."""

    material: str
    magnitude: float  # |dV/V|
    sign_on_charge: int | None  # +1 expands, -1 contracts, None unknown
    sources: tuple[str, ...]
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"Material": self.material, "Volume change": self.magnitude,
                "Sign on charge": self.sign_on_charge, "Note": self.note,
                "sources": list(self.sources)}


def electrode_volume_change(material: Any) -> VolumeChange:
    """Volume change of ``material`` (id or Material) from the knowledge base."""
    from solidcell.materials import resolve

    mat = resolve(material)
    prop = mat.get("volume_change")
    if prop is None or prop.si is None:
        raise NotCoveredError(f"{mat.id}: the knowledge base gives no volume_change")
    sign, sign_src = CHARGE_SIGN.get(mat.id, (None, ""))
    sources = tuple(k for k in (prop.source, sign_src) if k)
    note = prop.describe()
    if sign is None:
        note += "; sign on charge unknown"
    return VolumeChange(mat.id, abs(float(prop.si)), sign, sources, note)


@dataclass(frozen=True)
class LayerChange:
    layer: str
    material: str
    thickness_m: float
    change_low_m: float
    change_high_m: float
    basis: str


@dataclass(frozen=True)
class MechanicsReport:
    """Thickness changes of a design over one charge, and warnings with sources."""

    design: str
    layers: tuple[LayerChange, ...]
    stack_change_low_m: float
    stack_change_high_m: float
    stack_thickness_m: float
    lithium_um_per_mAh_cm2: float | None
    warnings: tuple[str, ...]
    sources: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "Design": self.design,
            "Layers": [{"Layer": c.layer, "Material": c.material,
                        "Thickness [m]": c.thickness_m,
                        "Thickness change on charge, low [m]": c.change_low_m,
                        "Thickness change on charge, high [m]": c.change_high_m,
                        "Basis": c.basis} for c in self.layers],
            "Repeat-unit thickness change on charge, low [m]": self.stack_change_low_m,
            "Repeat-unit thickness change on charge, high [m]": self.stack_change_high_m,
            "Repeat-unit thickness [m]": self.stack_thickness_m,
            "Lithium thickness per areal capacity [um.cm2.mA-1.h-1]":
                self.lithium_um_per_mAh_cm2,
            "Warnings": list(self.warnings),
            "sources": list(self.sources),
        }


def _composite_change(layer: str, material: str, thickness: float, phi: float,
                      sources: list[str], warnings: list[str]) -> LayerChange:
    try:
        vc = electrode_volume_change(material)
    except SolidcellError as exc:
        warnings.append(f"{layer}: volume change not counted ({exc})")
        return LayerChange(layer, material, thickness, 0.0, 0.0, "no volume-change data")
    sources.extend(vc.sources)
    dt = thickness * phi * vc.magnitude
    if vc.magnitude >= LARGE_VOLUME_CHANGE:
        warnings.append(f"{layer}: {material} changes volume by {vc.magnitude:.0%}, which the "
                        "review calls a large volume change (contact loss, poor cycling) "
                        "[srivastava_review]")
        sources.append("srivastava_review")
    if vc.sign_on_charge is None:
        return LayerChange(layer, material, thickness, -dt, dt,
                           "t phi |dV/V|, sign unknown")
    return LayerChange(layer, material, thickness, vc.sign_on_charge * dt,
                       vc.sign_on_charge * dt, "t phi |dV/V| (laterally constrained)")


def mechanics_check(design: Any, *, stack_pressure_Pa: float | None = None,
                    shear_modulus_li_Pa: float | None = None) -> MechanicsReport:
    """Thickness change of one repeat unit of ``design`` over a charge, with warnings.

    ``shear_modulus_li_Pa``: lithium's shear modulus when the knowledge base has none.
    """
    resolved = design.resolved()
    sources: list[str] = list(resolved.sources)
    warnings: list[str] = []
    cathode_id = getattr(resolved.cathode.materials["active"], "id", "cathode")
    layers = [_composite_change("cathode", cathode_id, resolved.cathode_thickness_m,
                                resolved.cathode.active_volume_fraction, sources, warnings)]
    layers.append(LayerChange("separator", getattr(resolved.separator_electrolyte, "id", ""),
                              resolved.separator_thickness_m, 0.0, 0.0, "no active material"))
    kind = design.anode.kind
    li_per: float | None = None
    if kind in ("li_metal", "anode_free"):
        lt = lithium_thickness_change(resolved.areal_capacity_mAh_cm2,
                                      li_density_kg_m3=resolved.li_density_kg_m3)
        sources.extend(lt.sources)
        li_per = lt.um_per_mAh_cm2
        layers.append(LayerChange("anode", "li_metal", resolved.anode_thickness_m,
                                  lt.thickness_change_m, lt.thickness_change_m,
                                  "plated lithium Q/(q_Li rho_Li)"))
        if design.anode.kind == "li_metal" and resolved.anode_thickness_m < lt.thickness_change_m:
            warnings.append("anode: the lithium foil is thinner than the lithium cycled")
        sep_id = getattr(resolved.separator_electrolyte, "id", None)
        try:
            mn = monroe_newman(sep_id, shear_modulus_li_Pa=shear_modulus_li_Pa)
            sources.extend(mn.sources)
            if not mn.meets_criterion:
                warnings.append(
                    f"separator {sep_id}: G_SE/G_Li = {mn.ratio:.2f} < 2, the Monroe-Newman "
                    "criterion for suppressing lithium roughness growth is not met "
                    "[monroe2005_dendrite]")
        except SolidcellError as exc:
            warnings.append(f"Monroe-Newman criterion not evaluated: {exc}")
        if stack_pressure_Pa is not None and stack_pressure_Pa < DOUX_STACK_PRESSURE_Pa:
            warnings.append(
                f"stack pressure {stack_pressure_Pa / 1e6:g} MPa is below the 5 MPa with which "
                "Doux et al. (2020) cycled Li | Li6PS5Cl | NCA cells [doux2020_stack_pressure]")
            sources.append("doux2020_stack_pressure")
    elif resolved.anode is not None:
        anode_id = getattr(resolved.anode.materials["active"], "id", kind)
        layers.append(_composite_change("anode", anode_id, resolved.anode_thickness_m,
                                        resolved.anode.active_volume_fraction, sources,
                                        warnings))
    low = sum(c.change_low_m for c in layers)
    high = sum(c.change_high_m for c in layers)
    total = sum(c.thickness_m for c in layers)
    return MechanicsReport(getattr(design, "name", "cell"), tuple(layers), low, high, total,
                           li_per, tuple(warnings), tuple(dict.fromkeys(sources)))
