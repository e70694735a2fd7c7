"""Map a ``CellDesign`` onto the plain layer stack the planner and the cost model use.

Masses and energy come from the cell colleague's bookkeeping (:func:`solidcell.cell.energy.
evaluate`), so they are never derived twice. Conventions:

- one repeat unit per m2 of footprint: cathode, separator, anode and the current collectors
  as the bookkeeping counts them (half of each for double-sided coating; whole collectors for
  the single-sided thin-film and interdigitated cells, the latter under their plates only), in
  stack order from the cathode collector to the anode collector; a thin-film cell starts with
  its substrate (whole thickness, mass per footprint from the bookkeeping);
- the particle coating of the cathode (e.g. LiNbO3) is costed as material inside the cathode
  layer; making coated powder is part of the material supply, not a planned step;
- 3D architectures give the layers a feature size: cathode and anode plate widths and the
  electrolyte gap (interdigitated), channel width and wall thickness (vertically aligned); the
  electrolyte layer is as tall as what it fills: the plates (interdigitated: no planar
  separator) or the scaffold plus the dense layer on it (vertically aligned), and the lithium
  plates of an interdigitated cell are a layer as tall as the cathode plates;
- the separator's ``sintering_aid`` is the separator layer's (the planner sinters it at the
  temperature of the process database's entry for the aid); it adds no component or mass;
- an anode-free cell has no anode layer unless it carries an excess lithium reservoir;
- the casing (``format.casing_material``) is costed as material per m2 of footprint (its mass
  from the bookkeeping, tabs excluded); a casing given only by its density is not costed;
- the insulating films between groups of repeat units (``format.interlayer_film``) are
  costed the same way, as material per m2 of footprint (their mass from the bookkeeping);
  placing them is part of stacking, in the finishing adder;
- masses and energy per m2 are those of one cell: the bookkeeping's layer masses are one
  repeat unit's (one cell of a bipolar stack), a bipolar stack's areal energy is divided by
  ``cells_in_series``; its n - 1 bipolar collectors are one more layer (of the bipolar
  collector's material), (n - 1)/n of a foil per cell, and the end collectors 1/n.
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


def _with_held_lithium(fractions: dict[str, float], main: str, anode: Any, rd: Any,
                       anode_kg_m2: float) -> dict[str, float]:
    """The anode's mass fractions with the lithium a host anode (li_in, graphite, silicon,
    lto) holds at assembly (``rd.held_li_thickness_m`` of dense lithium, given as
    ``excess_li_thickness_m`` or ``prelithiation``, counted in the anode's areal mass by the
    cell model) as ``li_metal`` of its own, priced as lithium, not as the host. Unchanged for
    other anodes."""
    if anode.kind in ("li_metal", "anode_free") or rd.held_li_thickness_m <= 0 \
            or rd.li_density_kg_m3 is None or anode_kg_m2 <= 0:
        return fractions
    held = min(rd.held_li_thickness_m * rd.li_density_kg_m3 / anode_kg_m2, 1.0)
    host = {k: v * (1.0 - held) for k, v in (fractions or {main: 1.0}).items()}
    host["li_metal"] = host.get("li_metal", 0.0) + held
    return host


def electrolyte_layer_thickness(kind: str, separator_m: Any, cathode_m: Any) -> Any:
    """Thickness [m] of the electrolyte layer of a mapped design (numbers or arrays): it is
    as tall as what it fills, the gaps between the plates of an interdigitated cell (no
    planar separator: the cathode's height) or the scaffold of a vertically aligned one under
    its dense layer (separator + cathode); the separator elsewhere. Shared by
    :func:`stack_from_design` and the screen's cost model (``CostModel.from_energy``)."""
    if kind == "interdigitated_3d":
        return cathode_m
    if kind == "vertically_aligned":
        return separator_m + cathode_m
    return separator_m


def anode_layer_thickness(kind: str, anode_free: bool, anode_m: Any, cathode_m: Any) -> Any:
    """Thickness [m] of the anode layer of a mapped design: the lithium plates of an
    interdigitated cell are as tall as the cathode plates; the anode's own elsewhere."""
    return cathode_m if kind == "interdigitated_3d" and not anode_free else anode_m


def stack_from_design(design: Any, *, evaluation: Any = None,
                      resolved: Any = None) -> LayerStack:
    """The layer stack of a ``CellDesign`` (or of a design YAML path).

    ``evaluation``: ``evaluate(design)`` with its defaults (discharged), ``resolved``:
    ``design.resolved()``, each already made by the caller (the report's), None to make it
    here."""
    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import evaluate, resolved_of

    if isinstance(design, str | Path):
        design = CellDesign.from_yaml(design)
    if not isinstance(design, CellDesign):
        raise ValidationError("design", type(design).__name__,
                              "a CellDesign, a design YAML file or a layer stack mapping")
    if evaluation is not None and getattr(evaluation, "name", None) != design.name:
        raise ValidationError("evaluation", type(evaluation).__name__,
                              f"evaluate() of this design ({design.name!r}) or None")
    lithium = getattr(evaluation, "conventions", {}).get("Lithium volume", "")
    if lithium.startswith("charged"):  # its casing mass and volumes are the charged cell's
        raise ValidationError("evaluation", "evaluate(design, charged=True)",
                              "evaluate(design) with charged=False (the layer stack is the "
                              "cell as made, discharged) or None")
    if resolved is not None:
        resolved_of(design, resolved)
    try:
        rd = design.resolved() if resolved is None else resolved
        result = evaluation if evaluation is not None else evaluate(design, resolved=rd)
    except SolidcellError as exc:
        raise DesignNotEvaluable(f"design {design.name!r} cannot be evaluated: {exc}") from exc
    arch = design.architecture
    n_series = max(arch.cells_in_series, 1)
    # the bookkeeping's layer masses are one repeat unit's (one cell of the stack), as here
    v = result.values
    cc_c, cc_a = design.cathode_current_collector, design.anode_current_collector
    layers: list[Layer] = []
    fmt = design.format
    n_layers = 1 if fmt.kind == "cylindrical" else fmt.n_layers
    footprint = result.values.get("Electrode area [m2]", 0.0) * n_layers * n_series
    if fmt.substrate is not None:
        substrate_kg = result.values.get("Substrate mass [kg]", 0.0)
        layers.append(Layer(
            name="substrate", role="substrate", material=_id(fmt.substrate),
            thickness=fmt.substrate_thickness_m,
            areal_mass=substrate_kg / footprint if substrate_kg > 0 and footprint > 0
            else fmt.substrate_thickness_m * rd.substrate_density_kg_m3))
    inter = arch.kind == "interdigitated_3d"
    vert = arch.kind == "vertically_aligned"
    # collectors as energy.core counts them: half (double-sided) or whole (thin film,
    # interdigitated, there under the cathode / anode plates only), end collectors of a
    # bipolar stack shared by its cells
    share = 1.0 if arch.kind in ("thin_film", "interdigitated_3d") else 0.5
    fill_c = rd.cathode_footprint_fraction if inter else 1.0
    fill_a = (arch.anode_width_m or 0.0) / (arch.cathode_width_m + (arch.anode_width_m or 0.0)
                                             + 2 * arch.gap_m) if inter else 1.0  # type: ignore
    layers.append(Layer(
        name="cathode current collector", role="current_collector", material=_id(cc_c.material),
        thickness=cc_c.thickness_m,
        areal_mass=share * fill_c * cc_c.thickness_m * rd.cathode_collector_density_kg_m3
        / n_series))
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
    separator_thickness = electrolyte_layer_thickness(
        arch.kind, design.separator.thickness_m, rd.cathode_thickness_m)
    layers.append(Layer(
        name="separator", role="electrolyte", material=rd.separator_electrolyte.id,
        thickness=separator_thickness,
        feature_size=arch.gap_m if (inter or vert) else None,
        areal_mass=v["Separator areal mass [kg.m-2]"] + v.get(
            "Electrolyte filling areal mass [kg.m-2]", 0.0),
        porosity=design.separator.porosity, sintering_aid=design.separator.sintering_aid))
    anode = design.anode
    anode_mass = v["Anode areal mass [kg.m-2]"]
    anode_thickness = rd.anode_thickness_m if anode.kind != "anode_free" else \
        anode.excess_li_thickness_m
    anode_thickness = anode_layer_thickness(arch.kind, anode.kind == "anode_free",
                                            anode_thickness, rd.cathode_thickness_m)
    if anode_thickness > 0 and anode_mass > 0:
        if rd.anode is not None:
            fractions = _mass_fractions(rd.anode)
            main = rd.anode.materials["active"].id
        else:
            fractions, main = {}, _id(anode.material_ref)
        layer = Layer(
            name="anode", role="anode", material=main,
            components=fractions if len(fractions) > 1 else {},
            thickness=anode_thickness,
            feature_size=arch.anode_width_m if inter and arch.anode_width_m else None,
            areal_mass=anode_mass)
        held = _with_held_lithium(fractions, main, anode, rd, anode_mass)
        if held is not fractions:  # priced as lithium, made as the host it lies in: the
            # layer's class (the processes that may make it) and recipes are the host's
            layer = layer.model_copy(update={"components": held,
                                             "material_class": layer.klass,
                                             "held": ("li_metal",)})
        layers.append(layer)
    layers.append(Layer(
        name="anode current collector", role="current_collector", material=_id(cc_a.material),
        thickness=cc_a.thickness_m,
        areal_mass=share * fill_a * cc_a.thickness_m * rd.anode_collector_density_kg_m3
        / n_series))
    if n_series > 1:
        bp = arch.bipolar_collector if arch.bipolar_collector is not None else cc_c
        layers.append(Layer(
            name="bipolar current collector", role="current_collector",
            material=_id(bp.material), thickness=bp.thickness_m,
            areal_mass=bp.thickness_m * rd.bipolar_collector_density_kg_m3
            * (n_series - 1) / n_series))

    packaging: dict[str, float] = {}
    casing_kg = result.values.get("Casing mass [kg]", 0.0) - fmt.tab_mass_kg
    if fmt.casing_material is not None and casing_kg > 0 and footprint > 0:
        packaging[_id(fmt.casing_material)] = casing_kg / footprint
    film_kg = result.values.get("Cell interlayer film mass [kg]", 0.0)
    if fmt.interlayer_film is not None and film_kg > 0 and footprint > 0:
        film_id = _id(fmt.interlayer_film.material)
        packaging[film_id] = packaging.get(film_id, 0.0) + film_kg / footprint
    energy_wh_m2 = v["Stack areal energy [W.h.m-2]"] / n_series
    if not math.isfinite(energy_wh_m2):
        energy_wh_m2 = 0.0
    stack = LayerStack(
        name=design.name, layers=layers,
        areal_energy=energy_wh_m2 * 3600.0 if energy_wh_m2 > 0 else None,
        energy_sources=tuple(result.sources), packaging=packaging,
        note="mapped from a CellDesign (solidcell.manufacturing.design)",
    )
    # the separator's sintering aid is refused by the planner under its design field
    stack._design_fields = {k: "separator" for k, layer in enumerate(layers)
                            if layer.name == "separator"}
    return stack
