"""Map a ``CellDesign`` onto the plain layer stack the planner and the cost model use.

Masses and energy come from the cell colleague's bookkeeping (:func:`solidcell.cell.energy.
evaluate`), so they are never derived twice. Conventions:

- one repeat unit per m2 of footprint: cathode, separator, anode and half of each current
  collector (double-sided coating), in stack order from the cathode collector to the anode
  collector; a thin-film cell starts with its substrate (whole thickness);
- the particle coating of the cathode (e.g. LiNbO3) is costed as material inside the cathode
  layer; making coated powder is part of the material supply, not a planned step;
- 3D architectures give the layers a feature size: cathode and anode plate widths and the
  electrolyte gap (interdigitated), channel width and wall thickness (vertically aligned);
- an anode-free cell has no anode layer unless it carries an excess lithium reservoir;
- the casing (``format.casing_material``) is costed as material per m2 of footprint (its mass
  from the bookkeeping, tabs excluded); a casing given only by its density is not costed;
- masses and energy per m2 are those of one cell: a bipolar stack's areal masses and energy are
  divided by ``cells_in_series`` (its bipolar collectors are costed as the design's collectors).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from solidcell.errors import SolidcellError, UnsupportedError, ValidationError
from solidcell.manufacturing.layers import Layer, LayerStack


class DesignNotEvaluable(UnsupportedError):
    """The cell bookkeeping cannot evaluate the design, so its layers have no masses/energy."""


def _id(ref: Any) -> str:
    return ref if isinstance(ref, str) else ref.id


def _mass_fractions(resolved_layer: Any, extra: dict[str, float] | None = None) -> dict[str, float]:
    """Mass fractions of a resolved composite layer's materials (volume x density)."""
    masses: dict[str, float] = {}
    for role, vf in resolved_layer.volume_fractions.items():
        mid = resolved_layer.materials[role].id
        masses[mid] = masses.get(mid, 0.0) + vf * resolved_layer.densities_kg_m3[role]
    for mid, m in (extra or {}).items():
        masses[mid] = masses.get(mid, 0.0) + m
    total = sum(masses.values())
    return {k: v / total for k, v in masses.items() if v > 0}


def stack_from_design(design: Any) -> LayerStack:
    """The layer stack of a ``CellDesign`` (or of a design YAML path)."""
    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import evaluate

    if isinstance(design, str | Path):
        design = CellDesign.from_yaml(design)
    if not isinstance(design, CellDesign):
        raise ValidationError("design", type(design).__name__,
                              "a CellDesign, a design YAML file or a layer stack mapping")
    try:
        result = evaluate(design)
        rd = design.resolved()
    except SolidcellError as exc:
        raise DesignNotEvaluable(f"design {design.name!r} cannot be evaluated: {exc}") from exc
    arch = design.architecture
    n_series = max(arch.cells_in_series, 1)
    # the bookkeeping's layer masses are per footprint of the whole stack: per cell here
    v = {k: (x / n_series if k.endswith("areal mass [kg.m-2]") else x)
         for k, x in result.values.items()}
    cc_c, cc_a = design.cathode_current_collector, design.anode_current_collector
    layers: list[Layer] = []
    fmt = design.format
    if fmt.substrate is not None:
        layers.append(Layer(
            name="substrate", role="substrate", material=_id(fmt.substrate),
            thickness=fmt.substrate_thickness_m,
            areal_mass=fmt.substrate_thickness_m * rd.substrate_density_kg_m3))
    layers.append(Layer(
        name="cathode current collector", role="current_collector", material=_id(cc_c.material),
        thickness=cc_c.thickness_m,
        areal_mass=0.5 * cc_c.thickness_m * rd.cathode_collector_density_kg_m3))

    inter = arch.kind == "interdigitated_3d"
    vert = arch.kind == "vertically_aligned"
    extra: dict[str, float] = {}
    if design.cathode.coating is not None and rd.coating_volume_per_active_volume > 0:
        active_vf = rd.cathode.volume_fractions["active"]
        extra[_id(design.cathode.coating)] = (
            active_vf * rd.coating_volume_per_active_volume * rd.coating_density_kg_m3)
    cathode_fractions = _mass_fractions(rd.cathode, extra)
    layers.append(Layer(
        name="cathode", role="cathode", material=rd.cathode.materials["active"].id,
        components=cathode_fractions if len(cathode_fractions) > 1 else {},
        thickness=rd.cathode_thickness_m,
        feature_size=arch.cathode_width_m if (inter or vert) else None,
        areal_mass=v["Cathode areal mass [kg.m-2]"], porosity=design.cathode.porosity))
    layers.append(Layer(
        name="separator", role="electrolyte", material=rd.separator_electrolyte.id,
        thickness=design.separator.thickness_m,
        feature_size=arch.gap_m if (inter or vert) else None,
        areal_mass=v["Separator areal mass [kg.m-2]"] + v.get(
            "Electrolyte filling areal mass [kg.m-2]", 0.0),
        porosity=design.separator.porosity))
    anode = design.anode
    anode_mass = v["Anode areal mass [kg.m-2]"]
    anode_thickness = rd.anode_thickness_m if anode.kind != "anode_free" else \
        anode.excess_li_thickness_m
    if anode_thickness > 0 and anode_mass > 0:
        if rd.anode is not None:
            fractions = _mass_fractions(rd.anode)
            main = rd.anode.materials["active"].id
        else:
            fractions, main = {}, _id(anode.material_ref)
        layers.append(Layer(
            name="anode", role="anode", material=main,
            components=fractions if len(fractions) > 1 else {},
            thickness=anode_thickness,
            feature_size=arch.anode_width_m if inter and arch.anode_width_m else None,
            areal_mass=anode_mass))
    layers.append(Layer(
        name="anode current collector", role="current_collector", material=_id(cc_a.material),
        thickness=cc_a.thickness_m,
        areal_mass=0.5 * cc_a.thickness_m * rd.anode_collector_density_kg_m3))

    packaging: dict[str, float] = {}
    casing_kg = result.values.get("Casing mass [kg]", 0.0) - fmt.tab_mass_kg
    n_layers = 1 if fmt.kind == "cylindrical" else fmt.n_layers
    footprint = result.values.get("Electrode area [m2]", 0.0) * n_layers * n_series
    if fmt.casing_material is not None and casing_kg > 0 and footprint > 0:
        packaging[_id(fmt.casing_material)] = casing_kg / footprint
    energy_wh_m2 = v["Stack areal energy [W.h.m-2]"] / n_series
    if not math.isfinite(energy_wh_m2):
        energy_wh_m2 = 0.0
    return LayerStack(
        name=design.name, layers=layers,
        areal_energy=energy_wh_m2 * 3600.0 if energy_wh_m2 > 0 else None,
        energy_sources=tuple(result.sources), packaging=packaging,
        note="mapped from a CellDesign (solidcell.manufacturing.design)",
    )
