"""A plain description of the layers to make: what the route planner and cost model work on.

A :class:`LayerStack` lists the layers of one repeat unit of a cell in stack order (e.g.
positive current collector, cathode, separator, anode, negative current collector). Each
:class:`Layer` names its main material (knowledge-base id), its material class, its thickness,
an optional 3D feature size, its constituents (mass fractions), optionally its areal mass and
the sintering aid its ceramic is sintered with (:class:`SinteringAid`).
``stack_from_design`` (in :mod:`solidcell.manufacturing.design`) builds one from a
``CellDesign``; a stack can also be written in YAML (``layers:`` list) for quick studies.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import ConfigDict, Field, PrivateAttr, field_validator, model_validator

from solidcell import units
from solidcell.cell.sintering_aid import (  # the data model's (docs/architecture.md)
    SinteringAid,
    _material,
)
from solidcell.cell.sintering_aid import known_sintering_aids as known_sintering_aids
from solidcell.errors import NotFoundError, SolidcellError
from solidcell.manufacturing.processes import MATERIAL_CLASSES
from solidcell.materials.schema import finite_or_none, no_bool
from solidcell.validation import Model

_ELECTROLYTE_CLASS = {
    "oxide": "oxide_electrolyte",
    "sulfide": "sulfide_electrolyte",
    "halide": "halide_electrolyte",
    "solid_polymer": "polymer_electrolyte",
    "gel_polymer": "polymer_electrolyte",
    "composite": "composite_electrolyte",
}
#: canonical material ids of the knowledge base (the shared contract) -> planner class; used
#: first, so that the planner works while a material's record is still missing.
_CLASS_BY_ID = {
    **dict.fromkeys(["llzo", "llzo_ta", "latp", "lagp", "llto", "nzsp", "na_beta_alumina"],
                    "oxide_electrolyte"),
    **dict.fromkeys(["lgps", "li6ps5cl", "li6ps5br", "lsipscl", "li3ps4", "li7p3s11",
                     "na3ps4"], "sulfide_electrolyte"),
    **dict.fromkeys(["li3ycl6", "li3incl6"], "halide_electrolyte"),
    **dict.fromkeys(["peo_litfsi", "pegda_xl", "pvdf_hfp_emimtfsi", "pan_gpe"],
                    "polymer_electrolyte"),
    **dict.fromkeys(["peo_llzo_15wt", "peo_sio2_10wt", "llzo_scaffold_peo", "lagp_peo"],
                    "composite_electrolyte"),
    "lipon": "thin_film_electrolyte",
    **dict.fromkeys(["lco", "nmc811", "nmc622", "nca", "lfp", "lmo", "lto"], "oxide_active"),
    "sulfur": "conversion_cathode",
    "li_metal": "lithium_metal",
    "li_in": "alloy_anode",
    "graphite": "carbon_anode",
    "silicon": "silicon_anode",
    **dict.fromkeys(["linbo3", "li3po4", "li2zro3"], "coating"),
    **dict.fromkeys(["al_foil", "cu_foil", "ni_foil", "ss_foil"], "metal_foil"),
    **dict.fromkeys(["mica", "glass", "si_wafer"], "ceramic_substrate"),
    "polyimide": "polymer_substrate",
    **dict.fromkeys(["carbon_black", "vgcf", "pvdf_binder", "sbr_binder"], "additive"),
}
_CLASS_BY_CATEGORY = {
    "cathode": "oxide_active",
    "anode": "carbon_anode",
    "coating": "coating",
    "current_collector": "metal_foil",
    "substrate": "ceramic_substrate",
    "additive": "additive",
}
#: Largest thickness or feature size [m] a layer may have: a bare number is in metres, so
#: `thickness: 30` meant as um is refused rather than planned as a 30 m layer (the thickest
#: process of the database makes 1 cm).
MAX_LENGTH_M = 1.0
ROLES = ("current_collector", "cathode", "electrolyte", "anode", "coating", "substrate",
         "interlayer")


def _unknown(material_id: str) -> str:
    """' (did you mean li6ps5cl?)' for an id the knowledge base lacks (closest ids), or ''."""
    import difflib

    from solidcell.materials import default_store

    try:
        ids = default_store().ids()
    except SolidcellError:
        return ""
    close = difflib.get_close_matches(material_id.lower(), ids, n=3, cutoff=0.6)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def material_class(material: Any) -> str:
    """The planner's material class of a knowledge-base Material (or of an id)."""
    if isinstance(material, str):
        if material in _CLASS_BY_ID:
            return _CLASS_BY_ID[material]
        found = _material(material)
        if found is None:
            raise NotFoundError(f"material {material!r} is not in the knowledge base"
                                f"{_unknown(material)}; give the layer's material_class "
                                f"({', '.join(MATERIAL_CLASSES)})")
        material = found
    if material.id in _CLASS_BY_ID:
        return _CLASS_BY_ID[material.id]
    if material.category == "electrolyte":
        return _ELECTROLYTE_CLASS[material.electrolyte_class]
    if material.category == "substrate" and "poly" in material.id:
        return "polymer_substrate"
    return _CLASS_BY_CATEGORY[material.category]


#: planner classes of solid electrolytes (the ion conductor of a composite electrode)
_ELECTROLYTE_CLASSES = frozenset({*_ELECTROLYTE_CLASS.values(), "thin_film_electrolyte"})


#: a class that refines a general one: the processes making the general class refuse it with
#: the database's ``class_requirements`` reason
REFINED_CLASS = {"oxide_composite_electrode": "composite_electrode"}


def _electrode_class(classes: set[str]) -> str:
    """Class of a composite electrode of constituent ``classes``: ``oxide_composite_electrode``
    when its solid electrolytes are all oxide ceramics (ionic contact needs the ceramic
    densified: sintering or cold sintering, kim2020_all_ceramic_cathode), else
    ``composite_electrode`` (sulfide, halide, polymer: coated or pressed)."""
    if classes & _ELECTROLYTE_CLASSES == {"oxide_electrolyte"}:
        return "oxide_composite_electrode"
    return "composite_electrode"


def _length(value: Any, field: str) -> float:
    if isinstance(value, bool):  # `thickness: yes` in YAML was taken as 1 m
        raise ValueError(f"{field}: {value!r} is a bool, not a length (e.g. '30 um')")
    try:
        x = units.parse(value, "length") if isinstance(value, str) else float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{field}: {value!r} is not a length ({exc})") from None
    if isinstance(value, str) and any(c.isalpha() for c in value) and math.isfinite(x) \
            and x >= MAX_LENGTH_M:  # a unit was typed: the hint about bare metres was wrong
        raise ValueError(f"{field}: {value!r} is {x:g} m, no layer of a cell (below "
                         f"{MAX_LENGTH_M:g} m)")
    return x


def _refuse_bool_values(field: str, value: Any, what: str) -> Any:
    """``value`` unchanged, unless it is a mapping with a bool among its values (pydantic would
    read True as 1): ValueError naming ``field.<key>`` and ``what`` the value should be."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, bool):
                raise ValueError(f"{field}.{key}: {item!r} is a bool, not {what}")
    return value


class Layer(Model):
    """One layer to make. Lengths in m (or strings with units: ``"30 um"``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "layer"

    name: str = Field(min_length=1)
    role: str = "electrolyte"
    material: str = Field(min_length=1, description="main material id (knowledge base)")
    material_class: str | None = None
    components: dict[str, float] = Field(
        default_factory=dict, description="material id -> mass fraction (default: material 1.0)")
    thickness: float = Field(description="[m]")
    feature_size: float | None = Field(None, description="lateral size of 3D features [m]")
    areal_mass: float | None = Field(None, ge=0, description="[kg/m2]; else from densities")
    porosity: float = Field(0.0, ge=0, lt=1)
    sintering_aid: SinteringAid | None = Field(
        None, description="aid the layer's ceramic is sintered with (material, amount)")
    held: tuple[str, ...] = Field(
        (), description="components held inside the layer at assembly (a host anode's "
        "lithium): priced and weighed, not laid down, so a process's recipe judges the layer "
        "by the rest (made_of)")

    @field_validator("thickness", "feature_size", mode="before")
    @classmethod
    def _lengths(cls, value: Any, info: Any) -> Any:
        return None if value is None else _length(value, info.field_name)

    _not_bool = field_validator("areal_mass", "porosity", mode="before")(no_bool)

    @field_validator("areal_mass", "porosity", mode="before")
    @classmethod
    def _with_unit(cls, value: Any, info: Any) -> Any:
        """Text with a unit: ``areal_mass: "25 mg/cm2"``, ``porosity: "30 %"``."""
        if not isinstance(value, str):
            return value
        kind = "areal mass" if info.field_name == "areal_mass" else "fraction"
        try:
            return units.parse(value, kind)
        except (TypeError, ValueError) as exc:
            article = "an" if kind == "areal mass" else "a"
            raise ValueError(f"{info.field_name}: {value!r} is not {article} {kind} ({exc})") \
                from None

    _finite_mass = field_validator("areal_mass")(finite_or_none)

    @field_validator("components", mode="before")
    @classmethod
    def _fractions_not_bool(cls, value: Any) -> Any:
        return _refuse_bool_values("components", value, "a mass fraction")

    @field_validator("role")
    @classmethod
    def _role(cls, value: str) -> str:
        if value not in ROLES:
            raise ValueError(f"unknown role {value!r}; allowed: {', '.join(ROLES)}")
        return value

    @model_validator(mode="after")
    def _check(self) -> Layer:
        import math

        if not (math.isfinite(self.thickness) and self.thickness > 0):
            raise ValueError(f"thickness: {self.thickness:g} m must be a finite positive "
                             "length")
        if self.feature_size is not None and not (math.isfinite(self.feature_size)
                                                  and self.feature_size > 0):
            raise ValueError(f"feature_size: {self.feature_size:g} m must be a finite positive "
                             "length")
        for name in ("thickness", "feature_size"):  # `thickness: 30` meant um, not 30 m
            value = getattr(self, name)
            if value is not None and value >= MAX_LENGTH_M:
                raise ValueError(f"{name}: {value:g} m is no layer of a cell (below "
                                 f"{MAX_LENGTH_M:g} m; a bare number is in metres: write "
                                 f"'{value:g} um' if micrometres were meant)")
        if self.material_class is not None and self.material_class not in MATERIAL_CLASSES:
            raise ValueError(f"material_class: unknown {self.material_class!r}; allowed: "
                             f"{', '.join(MATERIAL_CLASSES)}")
        for mid, w in self.components.items():
            if not 0 < w <= 1:
                raise ValueError(f"components.{mid}: mass fraction {w!r} must lie in (0, 1]")
        if self.components and abs(sum(self.components.values()) - 1) > 1e-6:
            raise ValueError(f"components: mass fractions sum to {sum(self.components.values()):g}"
                             ", not 1")
        self._check_main_material()
        self._check_held()
        aid = self.sintering_aid
        if aid is not None:
            if aid.material == self.material or set(self.fractions) == {aid.material}:
                raise ValueError(f"sintering_aid.material: {aid.material!r} is the layer's own "
                                 "material; an aid is added to a host material")
            listed = self.components.get(aid.material)
            if listed is not None and abs(listed - aid.amount) > 1e-9:
                raise ValueError(f"sintering_aid.amount: {aid.amount:g} differs from "
                                 f"components.{aid.material} = {listed:g}; give the same mass "
                                 "fraction (or leave the aid out of components)")
        return self

    def _check_main_material(self) -> None:
        """With ``components``, ``material`` must be one of them or a knowledge-base id (a
        composite's own id, ``peo_llzo_15wt``): an unknown id beside them was never looked up
        (the constituents are costed and planned), so a typo was accepted silently. Without
        components it is the layer's one constituent, looked up by the planner (an unknown id
        needs ``material_class``)."""
        mid = self.material
        if not self.components or mid in self.components or mid in _CLASS_BY_ID:
            return
        if _material(mid) is None:
            raise ValueError(f"material: one of the layer's components "
                             f"({', '.join(self.components)}) or a knowledge-base material "
                             f"id{_unknown(mid)}")

    def _check_held(self) -> None:
        """Each ``held`` id must be one of the layer's constituents, and one constituent at
        least must be laid down: ``held: [li]`` beside ``li_metal`` (a typo) was ignored, and a
        layer holding every constituent was planned as if it held none (``made_of``)."""
        own = self.fractions
        for i, mid in enumerate(self.held):
            if mid not in own:
                raise ValueError(f"held[{i}]: {mid!r} is not one of the layer's constituents "
                                 f"({', '.join(own)})")
        if self.held and set(own) <= set(self.held):
            raise ValueError(f"held: {list(self.held)!r} holds every constituent of the layer; "
                             "one at least must be laid down (the host that holds the rest)")

    @property
    def fractions(self) -> dict[str, float]:
        """Constituents and their mass fractions (the main material alone by default)."""
        return dict(self.components) or {self.material: 1.0}

    @property
    def made_of(self) -> dict[str, float]:
        """:attr:`fractions` without the :attr:`held` components: what a process lays down."""
        return {k: v for k, v in self.fractions.items() if k not in self.held} or self.fractions

    @property
    def klass(self) -> str:
        """Material class of the layer (given, else derived from its constituents)."""
        if self.material_class is not None:
            return self.material_class
        classes = {self.constituent_class(m) for m in self.fractions}
        if len(classes) == 1:
            return classes.pop()
        if self.role in ("cathode", "anode"):
            return _electrode_class(classes)
        if self.role == "electrolyte":
            return "composite_electrolyte"
        return material_class(self.material)

    def constituent_class(self, material_id: str) -> str:
        if material_id in _CLASS_BY_ID:
            return _CLASS_BY_ID[material_id]
        found = _material(material_id)
        if found is None:
            if self.material_class is None:
                raise NotFoundError(
                    f"layer {self.name!r}: material {material_id!r} is not in the knowledge "
                    f"base{_unknown(material_id)}; give material_class "
                    f"({', '.join(MATERIAL_CLASSES)})")
            return self.material_class
        return material_class(found)

    def mass_per_area(self) -> float | None:
        """Areal mass [kg/m2]: given, else thickness x (1 - porosity) x mixture density
        (1/rho = sum w_i/rho_i); None when a density is missing."""
        if self.areal_mass is not None:
            return self.areal_mass
        inverse = 0.0
        for mid, w in self.fractions.items():
            m = _material(mid)
            rho = m.si("density") if m is not None else None
            if not rho:
                return None
            inverse += w / rho
        return self.thickness * (1 - self.porosity) / inverse

    def missing_densities(self) -> list[str]:
        """Constituents without a knowledge-base density (why :meth:`mass_per_area` is None
        when no ``areal_mass`` is given)."""
        found = {mid: _material(mid) for mid in self.fractions}
        return [mid for mid, m in found.items() if m is None or not m.si("density")]


class LayerStack(Model):
    """The layers of one repeat unit in stack order, with the energy they store per m2."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "layers"

    name: str = Field("stack", min_length=1)
    layers: list[Layer] = Field(min_length=1)
    areal_energy: float | None = Field(
        None, gt=0, description="energy stored per m2 of stack [J/m2] (for cost per kWh)")
    energy_sources: tuple[str, ...] = ()
    packaging: dict[str, float] = Field(
        default_factory=dict,
        description="material id -> areal mass [kg/m2] of materials that are no layer "
        "(casing), costed as material only")
    note: str = ""
    #: layer index -> the field of the CellDesign it was mapped from (``separator``), set by
    #: ``stack_from_design``: the planner names that field, not ``layers[i]``
    _design_fields: dict[int, str] = PrivateAttr(default_factory=dict)

    def field_of(self, k: int) -> str:
        """How errors name layer ``k``: its design field (``separator``) or ``layers[k]``."""
        return self._design_fields.get(k, f"layers[{k}]")

    @field_validator("areal_energy", mode="before")
    @classmethod
    def _energy(cls, value: Any) -> Any:
        """Numbers are J/m2; strings such as ``"150 Wh/m2"`` are parsed. A bool is refused
        (``true`` was 1 J/m2)."""
        if isinstance(value, bool):
            raise ValueError(f"areal_energy: {value!r} is a bool, not an energy per area, e.g. "
                             "'150 Wh/m2'")
        if not isinstance(value, str):
            return value
        # split at the last '/', not at the first space: "150Wh/m2" (no space, as
        # units.parse takes "60degC") was refused as no energy per area
        energy_text, slash, area_unit = value.strip().rpartition("/")
        if not slash or not energy_text.strip() or not area_unit.strip():
            raise ValueError(f"areal_energy: {value!r} is not an energy per area, e.g. "
                             "'150 Wh/m2'")
        energy = units.parse(energy_text.strip(), "energy")
        energy = energy / units.parse(f"1 {area_unit.strip()}", "area")
        if not energy > 0:  # was shown converted: "-540000.0 is not allowed" (J/m2)
            raise ValueError(f"areal_energy: {energy / 3600.0:g} Wh/m2 must be greater than 0")
        return energy

    #: an infinite energy gave a cell cost of 0 USD/kWh
    _finite_energy = field_validator("areal_energy")(finite_or_none)

    @field_validator("packaging", mode="before")
    @classmethod
    def _packaging_not_bool(cls, value: Any) -> Any:
        return _refuse_bool_values("packaging", value, "an areal mass")

    @field_validator("packaging")
    @classmethod
    def _packaging(cls, value: dict[str, float]) -> dict[str, float]:
        import math

        for mid, m in value.items():
            if not (math.isfinite(m) and m >= 0):  # a bool was refused before (no_bool)
                raise ValueError(f"packaging.{mid}: areal mass {m!r} must be >= 0 and finite")
        return value

    @model_validator(mode="after")
    def _unique(self) -> LayerStack:
        names = [layer.name for layer in self.layers]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"layers: name {dup[0]!r} is used twice; names must be unique")
        return self

    @classmethod
    def from_dict(cls, data: Any) -> LayerStack:
        """Validate a mapping; errors raise ValidationError naming the field."""
        return cls.model_validate(data)  # errors are solidcell's (solidcell.validation)
