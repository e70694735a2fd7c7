"""``CellDesign``: a validated, serialisable description of one solid-state cell.

A design names its materials by id from the knowledge base (``"nmc811"``) or carries them
inline (a :class:`~solidcell.materials.schema.Material`). Every number is an SI float whose
unit is in the field name (``thickness_m``, ``active_loading_kg_m2``, ``temperature_K``); in
YAML/JSON a value may also be written with its unit (``thickness_m: "30 um"``, or the short
key ``thickness: "30 um"``), parsed by :func:`solidcell.units.parse`.

Conventions (used by every analysis of a design):

- Composite fractions (active, electrolyte, carbon, binder) are fractions of the *solid* and
  sum to 1 on the basis ``fraction_basis`` (volume or mass); ``porosity`` is the void
  fraction of the whole layer, so the active volume fraction of the layer is
  ``v_active * (1 - porosity)``.
- The cathode mass is that of the lithiated (discharged) active material; a lithium-free
  one (sulfur) is counted as built, unlithiated, and its lithium is the anode's.
- A *repeat unit* is one cathode, one separator, one anode and half of each current collector
  (double-sided coating); ``format.n_layers`` repeat units are stacked in parallel, in
  groups of ``format.interlayer_film.every`` with an insulating film between neighbouring
  groups when the format has an ``interlayer_film``.
- N/P is the ratio of anode to cathode areal capacity (theoretical Li capacity for Li
  metal), before first-cycle loss.

Checks that need material data (densities, capacities, N/P, loading against thickness, a
composite layer at least one active particle thick) run
in :meth:`CellDesign.resolved`; every failure is a
:class:`~solidcell.errors.ValidationError` naming the field and what is allowed.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from os import PathLike
from pathlib import Path
from typing import Any, ClassVar, Literal

import numpy as np
from pydantic import ConfigDict, Field, model_validator

from solidcell import units
from solidcell.cell.sintering_aid import SinteringAid
from solidcell.errors import NotFoundError, SolidcellError, UnitError, ValidationError
from solidcell.materials.schema import PROPERTIES, Material
from solidcell.validation import Model, unchecked_copy

MaterialRef = str | Material
_EA = PROPERTIES["activation_energy"]

#: suffix of a field name -> kind of quantity in :data:`solidcell.units.KINDS`.
_SUFFIX_KIND: tuple[tuple[str, str], ...] = (
    ("_kg_m2", "areal mass"),
    ("_kg_m3", "density"),
    ("_ohm_m2", "areal resistance"),
    ("_eV", "activation energy"),
    ("_m2_s", "diffusivity"),
    ("_mAh_g", "specific capacity"),
    ("_S_m", "ionic conductivity"),
    ("_m", "length"),
    ("_K", "temperature"),
    ("_V", "voltage"),
    ("_kg", "mass"),
    ("_m3", "volume"),
    ("_Pa", "pressure"),
)

#: Temperature of a design unless given [K] (the reference temperature of the review's tables).
T_ROOM_K = 298.15


def _kind_of(name: str) -> str | None:
    for suffix, kind in _SUFFIX_KIND:
        if name.endswith(suffix):
            return kind
    if name.endswith(("fraction", "porosity", "efficiency", "first_cycle_loss",
                      "prelithiation")):
        return "fraction"
    return None


def _in_unit(x: float | None, kind: str, unit: str) -> str | None:
    """An SI number of ``kind`` shown in ``unit`` with the unit, to 6 significant digits
    (``_in_unit(-26.85, "temperature", "K")`` is ``'-26.85 K'``): messages about values
    computed or compared after parsing, where the typed text is gone, never show a number
    without its unit."""
    return None if x is None else in_units((x,), kind, unit)[0]


def in_units(xs: Iterable[float], kind: str, unit: str) -> list[str]:
    """:func:`_in_unit` of each of ``xs`` (SI numbers, none None), the unit looked up once: a
    batch of refusals (``core``'s reason 12) shows its numbers as one refusal does."""
    per, si = _per_unit(kind, unit), units.KINDS[kind]
    isfinite = math.isfinite
    # 1e304 m was shown as 'inf um': a finite number too large for the unit is shown in SI
    return [f"{s:.6g} {unit}" if isfinite(s := x / per) or not isfinite(x) else f"{x:.6g} {si}"
            for x in xs]


@cache
def _per_unit(kind: str, unit: str) -> float:
    """One ``unit`` of ``kind`` in SI (1.0 for the SI unit itself), parsed once."""
    return 1.0 if unit == units.KINDS[kind] else units.parse(1.0, kind, unit)


def _in_um(x: float | None) -> str | None:
    """A length [m] as people write a layer's thickness, ``'40 um'``."""
    return _in_unit(x, "length", "um")


def _in_mm(x: float | None) -> str | None:
    """A length [m] as people write a can's diameter or height, ``'21 mm'``."""
    return _in_unit(x, "length", "mm")


def _in_K(x: float | None) -> str | None:
    """A temperature [K] as ``'-26.85 K'`` (-300 degC: not -26.850000000000023)."""
    return _in_unit(x, "temperature", "K")


def _in_V(x: float | None) -> str | None:
    """A voltage [V] as ``'9 V'``."""
    return _in_unit(x, "voltage", "V")


class _Spec(Model):
    """Base of the design's parts: frozen, no unknown keys, units accepted at the edge; bad
    input raises solidcell's ValidationError (:class:`solidcell.validation.Model`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=False)

    #: field -> rule of :data:`_NUMBER_RULES` its number must follow (each part names its own)
    _LIMITS: ClassVar[dict[str, str]] = {}

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:  # named by the key and the text as given (as_typed)
            raise as_typed(exc, typed_leaves(data)) from None

    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @model_validator(mode="before")
    @classmethod
    def _edge_units(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        out: dict[str, Any] = {}
        for key, value in data.items():
            name = key
            if name not in fields:  # short key: "thickness" -> "thickness_m"
                matches = [f for f in fields if f.startswith(f"{key}_") and _kind_of(f)
                           and f[len(key):] in {s for s, _ in _SUFFIX_KIND}]
                if len(matches) == 1:
                    name = matches[0]
            if name in out or (name != key and name in data):
                # 'thickness' and 'thickness_m' together: one of them was dropped silently
                raise ValueError(f"{key}: {key} and {name} name the same field; give one "
                                 "of them")
            _refuse_shape(cls, name, value)
            kind = _kind_of(name)
            if isinstance(value, bool) and (kind is not None or name in cls._LIMITS
                                            or _numeric(fields.get(name))):
                # True would be 1 m, 1 K, a tortuosity factor of 1, 1 layer, N/P 1, ...
                unit = "" if kind in (None, "fraction") else " in " + units.KINDS[kind]
                raise ValueError(f"{name}: {value!r} is a bool; give a number{unit}")
            if kind is not None and units.is_quantity(value):  # pydantic said only "must be
                # a valid number"; refused, not stripped of its unit (docs/conventions.md)
                plain = ("a plain number (0.3) or text such as '30 %'" if kind == "fraction"
                         else f"a plain number in {units.KINDS[kind]} or text with a unit "
                         f"({units.example_units(kind)})")
                raise ValueError(f"{name}: {plain}, not a pint Quantity (solidcell.units."
                                 f"magnitude_in(value, {kind!r}, {name!r}) converts one)")
            if isinstance(value, str) and _counts(fields.get(name)):
                value = _integral_text(value)  # `n_layers: 1e3`: YAML 1.1 reads it as text
                if isinstance(value, str):  # pydantic said only 'unable to parse string'
                    raise ValueError(f"{name}: {value!r} is not a whole number; give a count "
                                     "such as 20")
            if name != key and kind not in (None, "fraction", "voltage", "specific capacity"):
                _refuse_bare_number(key, name, value, kind)
            if kind is not None and isinstance(value, str):
                typed = value
                value = _parse_edge(name, value, kind)
                # refused here, where the text is known: '-80 um', not -7.999999999999999e-05
                _check_limit(name, value, cls._LIMITS.get(name), typed)
            out[name] = value
        return out

    @model_validator(mode="after")
    def _check_limits(self) -> Any:
        """Every number of :attr:`_LIMITS` (runs before the parts' own validators)."""
        for name, rule in type(self)._LIMITS.items():
            _check_limit(name, getattr(self, name), rule)
        return self


#: What a value of a type is, in a message about the wrong shape of a value.
_SHAPES: dict[type, str] = {str: "a text", list: "a list", tuple: "a list", set: "a set"}


def _refuse_shape(cls: type[Model], name: str, value: Any) -> None:
    """A material given as a number, true/false or a list (``active_material: 811``,
    ``electrolyte: 0.32`` meant as its share), or a section as a text or a list
    (``architecture: planar``): said so, not as pydantic's "must be a valid string (and 1 more
    problem: ... must be a valid dictionary or instance of Material)"."""
    if value is None or isinstance(value, dict):  # (most values: a mapping, a number)
        return
    materials, sections = _shaped_fields(cls)
    if name not in materials and name not in sections:
        return
    given = "true/false" if isinstance(value, bool) else "a number" \
        if isinstance(value, int | float) else _SHAPES.get(type(value), type(value).__name__)
    if name in materials and not isinstance(value, str | Mapping | Material):
        share = f"{name.removesuffix('_material')}_fraction"
        hint = f"; its share of the layer is {share}" if share in cls.model_fields \
            and given == "a number" and 0 <= value <= 1 else ""
        raise ValueError(f"{name}: a material id as text (e.g. 'li6ps5cl'; `solidcell "
                         "materials list` shows the ids) or an inline material (a mapping "
                         f"with id, category, properties), not {given}{hint}")
    if name in sections and not isinstance(value, Mapping | Model):
        keys = ", ".join(list(sections[name].model_fields)[:4])
        raise ValueError(f"{name}: a mapping of its fields ({keys}, ...), not {given}; see "
                         "the designs in examples/ and docs/cell.md")


@cache
def _shaped_fields(cls: type[Model]) -> tuple[frozenset[str], dict[str, type[Model]]]:
    """The fields of ``cls`` that take a material (``str | Material``), and those that take a
    section (a model of its own: ``architecture``, ``format.interlayer_film``) with its type."""
    materials: set[str] = set()
    sections: dict[str, type[Model]] = {}
    for name, info in cls.model_fields.items():
        args = typing.get_args(info.annotation) or (info.annotation,)
        if Material in args:
            materials.add(name)
            continue
        section = next((a for a in args if isinstance(a, type) and issubclass(a, Model)), None)
        if section is not None:
            sections[name] = section
    return frozenset(materials), sections


def _numeric(info: Any) -> bool:
    """Whether a model field takes a number (int or float, optionally None), not a bool."""
    if info is None:
        return False
    args = typing.get_args(info.annotation) or (info.annotation,)
    return bool(set(args) & {int, float}) and bool not in args


def _counts(info: Any) -> bool:
    """Whether a model field takes a whole number only (``n_layers``, ``cells_in_series``)."""
    if info is None:
        return False
    args = typing.get_args(info.annotation) or (info.annotation,)
    return int in args and float not in args and bool not in args


def _integral_text(value: str) -> Any:
    """A count written as a plain number in text (``'1e3'``, which YAML 1.1 reads as text,
    not as 1000) as that integer; any other text unchanged (the field refuses it). Without
    this, ``n_layers: 1e3`` was refused as 'unable to parse string as an integer'."""
    try:
        x = float(value.strip())
    except ValueError:
        return value
    return int(x) if math.isfinite(x) and x.is_integer() and abs(x) < 2**53 else value


def _refuse_bare_number(key: str, name: str, value: Any, kind: str) -> None:
    """A short key (``thickness``) needs a unit: ``thickness: 80`` would be 80 m."""
    text = str(value).strip() if isinstance(value, str | int | float) else ""
    try:
        float(text)
    except ValueError:
        return
    raise ValueError(
        f"{key}: {value!r} has no unit; write the number with one of "
        f"{units.example_units(kind)} ('{key}: <number> {_FIRST_UNIT.get(kind, units.KINDS[kind])}'"
        f"), or use {name} for a plain number in {units.KINDS[kind]}")


#: The unit of the example in :func:`_refuse_bare_number`'s message.
_FIRST_UNIT = {"length": "um", "temperature": "degC", "areal resistance": "Ohm cm2"}


def _parse_edge(name: str, value: str, kind: str) -> float:
    text = value.strip()
    if kind != "fraction":
        try:  # YAML reads 2e-4 (no decimal point) as text: a plain number in SI, as 2.0e-4
            number = float(text)
        except ValueError:
            number = math.nan
        if math.isfinite(number):
            return number
    if kind == "fraction":
        try:
            return float(text[:-1]) / 100.0 if text.endswith("%") else float(text)
        except ValueError:
            raise ValueError(f"{name}: {value!r} is not a fraction (0.3 or '30 %')") from None
    try:
        return units.parse(text, kind)
    except UnitError as exc:
        raise ValueError(f"{name}: {exc}") from None


class _FieldError(ValueError):
    """A rule broken inside a validator, with the field, the value and what is allowed."""

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field, self.value, self.allowed = field, value, allowed
        super().__init__(f"{field}: {value!r} is not allowed; {allowed}")


#: Rules of the bounded numbers of a design (``_LIMITS`` of each part): rule -> (test, what is
#: allowed; ``{unit}`` is the unit of the field's name).
_NUMBER_RULES: dict[str, tuple[Any, str]] = {
    "pos": (lambda x: math.isfinite(x) and x > 0, "must be > 0{unit} and finite"),
    "nonneg": (lambda x: math.isfinite(x) and x >= 0, "must be >= 0{unit} and finite"),
    "frac": (lambda x: math.isfinite(x) and 0 <= x <= 1, "must lie in [0, 1]"),
    "frac_open": (lambda x: math.isfinite(x) and 0 <= x < 1, "must lie in [0, 1)"),
    "share": (lambda x: math.isfinite(x) and 0 < x <= 1, "must lie in (0, 1]"),
    "tortuosity": (lambda x: math.isfinite(x) and x >= 1,
                   "must be >= 1 and finite (a measured tortuosity factor; leave it out for "
                   "Bruggeman's eps^-0.5)"),
}

#: A design's temperature must lie below this [K] (and above 0 K); the words of its refusal
#: (a screen's swept ``temperature_K`` is refused with the same, solidcell.screening.screen).
MAX_DESIGN_TEMPERATURE_K = 2000.0
DESIGN_TEMPERATURE_ALLOWED = ("must lie in (0, 2000) K, i.e. above -273.15 degC and below "
                              "1726.85 degC")
_NUMBER_RULES["design_temperature"] = (
    lambda x: math.isfinite(x) and 0 < x < MAX_DESIGN_TEMPERATURE_K, DESIGN_TEMPERATURE_ALLOWED)
#: An activation energy of a design (that of its interface resistances) [eV]: the knowledge
#: base's bounds of an activation energy (materials.schema.PROPERTIES, one rule).
_NUMBER_RULES["activation_energy"] = (
    lambda x: math.isfinite(x) and _EA.lower <= x <= _EA.upper,
    f"must lie in [{_EA.lower:g}, {_EA.upper:g}] eV and be finite (the knowledge base's "
    "bounds of an activation energy)")

#: Thickest cathode of a ``thin_film`` architecture [m]: the upper end of the thickest
#: thin-film deposition of the review's Table 9 (electrospray, 1-100 um; sputtering and sol-gel
#: reach 10 um), ``srivastava_review``, as the process database stores it
#: (manufacturing/data/processes.yaml, family thin_film).
THIN_FILM_MAX_CATHODE_M = 100e-6
THIN_FILM_CATHODE_ALLOWED = ("must be <= 100 um in a thin_film architecture (the thickest "
                             "thin-film deposition of the review's Table 9, electrospray 1-100 "
                             "um; sputtering 10 um; srivastava_review); a thicker cathode is a "
                             "planar architecture")

#: The SI unit of a kind as a message shows it (the unit of the field's name).
_SHOWN_UNIT = {"areal mass": "kg/m2", "density": "kg/m3", "areal resistance": "Ohm m2",
               "specific capacity": "mAh/g", "diffusivity": "m2/s"}


def _limit_words(name: str, rule: str) -> str:
    """What ``rule`` allows for field ``name``, in the unit of its name: ``"must be > 0 m and
    finite"``."""
    kind = _kind_of(name)
    unit = "" if kind in (None, "fraction") else " " + _SHOWN_UNIT.get(kind, units.KINDS[kind])
    return _NUMBER_RULES[rule][1].format(unit=unit)


def _integer_words(top: int) -> str:
    """What a count of the design model (:data:`INTEGER_LIMITS`) allows, in words; ``core``'s
    reason 12 says the same (cell.energy)."""
    return f"must be an integer in [1, {top}]"


#: What ``format.interlayer_film.every`` counts, after its :func:`_integer_words`.
FILM_EVERY_NOTE = " (repeat units per group; 2 for bi-cells)"


def _check_limit(name: str, x: Any, rule: str | None, typed: str | None = None) -> None:
    """_FieldError when the number ``x`` of field ``name`` breaks ``rule`` (None: no rule; a
    value that is no number is pydantic's to refuse); the value shown is ``typed``, the text
    the user wrote ('-80 um'), where there is one."""
    if rule is None or x is None or isinstance(x, bool) or not isinstance(x, int | float):
        return
    if not _NUMBER_RULES[rule][0](x):
        raise _FieldError(name, x if typed is None else typed, _limit_words(name, rule))


#: How far the fractions of a composite's solid may sum from 1 (rounding of typed values);
#: also the slack of ``core``'s active + electrolyte volume fractions <= 1 (reason 12).
FRACTION_SUM_TOLERANCE = 1e-6

#: Limits of the fields a composite layer shares with a composite anode.
_FRACTION_LIMITS = {"active_fraction": "frac", "electrolyte_fraction": "frac",
                    "carbon_fraction": "frac", "binder_fraction": "frac",
                    "porosity": "frac_open", "specific_capacity_mAh_g": "pos",
                    "tortuosity_factor": "tortuosity"}

#: What ``tortuosity_factor`` of a composite layer means (the field's description).
TORTUOSITY_DESCRIPTION = (
    "measured tortuosity factor tau of the solid electrolyte in the composite (>= 1): the "
    "effective ionic conductivity is sigma eps / tau (eps: electrolyte volume fraction of the "
    "layer; the definition of yanev2024_rate_limitations and minnmann2021_transport_bottlenecks, "
    "blocking-cell impedance); None: Bruggeman, sigma eps^1.5 (bruggeman1935)")


class Composite(_Spec):
    """A composite electrode layer: active material, solid electrolyte, carbon and binder."""

    active_material: MaterialRef
    electrolyte: MaterialRef | None = None
    carbon: MaterialRef | None = None
    binder: MaterialRef | None = None
    fraction_basis: Literal["volume", "mass"] = Field(
        "volume", description="basis of the four fractions (of the solid; they sum to 1)")
    active_fraction: float = 1.0
    electrolyte_fraction: float = 0.0
    carbon_fraction: float = 0.0
    binder_fraction: float = 0.0
    porosity: float = Field(0.0, description="void fraction of the whole layer, in [0, 1)")
    specific_capacity_mAh_g: float | None = Field(
        None, description="override of the active material's practical/theoretical capacity")
    average_voltage_V: float | None = Field(
        None, description="override of the active material's average voltage vs Li/Li+")
    particle_radius_m: float | None = Field(
        None, description="active particle radius; default half the material's particle size")
    tortuosity_factor: float | None = Field(None, description=TORTUOSITY_DESCRIPTION)

    _LIMITS: ClassVar[dict[str, str]] = {**_FRACTION_LIMITS, "particle_radius_m": "pos"}

    @model_validator(mode="after")
    def _check_composite(self) -> Composite:
        _check_fractions(self)
        return self


def _check_fractions(self: Any) -> None:
    """The rules between the fractions of a composite (each in its range: ``_LIMITS``)."""
    if self.active_fraction <= 0:
        raise ValueError(f"active_fraction: {self.active_fraction!r} must be > 0")
    total = (self.active_fraction + self.electrolyte_fraction + self.carbon_fraction
             + self.binder_fraction)
    if abs(total - 1.0) > FRACTION_SUM_TOLERANCE:
        raise _FieldError(
            "active_fraction", self.active_fraction,
            f"active + electrolyte + carbon + binder fractions = {total:.6g}; they must "
            "sum to 1 (fractions of the solid; porosity is given separately)")
    given = getattr(self, "model_fields_set", set())
    for name in ("electrolyte", "carbon", "binder"):
        article = "an" if name == "electrolyte" else "a"  # was "needs a electrolyte material"
        if getattr(self, f"{name}_fraction") > 0 and getattr(self, name) is None:
            raise ValueError(f"{name}: {name}_fraction > 0 needs {article} {name} material")
        if getattr(self, name) is not None and f"{name}_fraction" not in given:
            # `binder: pvdf_binder` without binder_fraction was dropped from the layer (its
            # fraction 0) without a word, while a fraction without its material is refused
            raise _FieldError(
                name, getattr(self, name),
                f"named without {name}_fraction, which would be 0 and leave the {name} out of "
                f"the layer; give {name}_fraction (the fractions summing to 1), or leave "
                f"{name} out")
    if self.tortuosity_factor is not None and self.electrolyte_fraction <= 0:
        raise _FieldError("tortuosity_factor", self.tortuosity_factor,
                          "applies to the solid electrolyte of a composite; this layer has "
                          "none (electrolyte_fraction 0): leave it out or give an electrolyte")
    if self.average_voltage_V is not None and not -0.5 <= self.average_voltage_V <= 7:
        raise ValueError(f"average_voltage_V: {_in_V(self.average_voltage_V)} must lie in "
                         "[-0.5, 7] V vs Li/Li+")


class Cathode(Composite):
    """The positive composite electrode; give its thickness, its active loading, or both."""

    thickness_m: float | None = None
    active_loading_kg_m2: float | None = Field(
        None, description="areal mass of active material (e.g. '20 mg/cm2')")
    coating: MaterialRef | None = Field(None, description="particle coating (e.g. 'linbo3')")
    coating_thickness_m: float = 0.0

    _LIMITS: ClassVar[dict[str, str]] = {**Composite._LIMITS, "thickness_m": "pos",
                                         "active_loading_kg_m2": "pos",
                                         "coating_thickness_m": "nonneg"}

    @model_validator(mode="after")
    def _check_cathode(self) -> Cathode:
        if self.thickness_m is None and self.active_loading_kg_m2 is None:
            raise ValueError("thickness_m: give thickness_m or active_loading_kg_m2 (or both)")
        if self.coating_thickness_m > 0 and self.coating is None:
            raise ValueError("coating: coating_thickness_m > 0 needs a coating material")
        return self


class Separator(_Spec):
    """The solid-electrolyte separator layer. ``sintering_aid`` (material, amount: a mass
    fraction of the layer) is the aid its ceramic is sintered with: the route planner sinters
    the layer at the temperature of the process database's entry for it
    (:class:`solidcell.cell.sintering_aid.SinteringAid`); it changes no mass or energy."""

    electrolyte: MaterialRef
    thickness_m: float
    porosity: float = 0.0
    sintering_aid: SinteringAid | None = Field(
        None, description="aid the separator's ceramic is sintered with (material, amount)")

    _LIMITS: ClassVar[dict[str, str]] = {"thickness_m": "pos", "porosity": "frac_open"}

    @model_validator(mode="after")
    def _check_aid(self) -> Separator:
        aid, host = self.sintering_aid, self.electrolyte
        if aid is not None and aid.material == (host if isinstance(host, str) else host.id):
            raise ValueError(f"sintering_aid.material: {aid.material!r} is the separator's own "
                             "electrolyte; an aid is added to a host material")
        return self


AnodeKind = Literal["li_metal", "anode_free", "li_in", "graphite", "silicon", "lto"]
FOIL_KINDS = ("li_metal", "li_in")
COMPOSITE_KINDS = ("graphite", "silicon", "lto")
#: Anodes that host lithium (an alloy or intercalation host), which may hold some at assembly
HOST_KINDS = ("li_in", *COMPOSITE_KINDS)
_DEFAULT_ANODE_MATERIAL = {"li_metal": "li_metal", "anode_free": "li_metal", "li_in": "li_in",
                           "graphite": "graphite", "silicon": "silicon", "lto": "lto"}


class Anode(_Spec):
    """The negative electrode.

    - ``li_metal`` / ``li_in``: a foil of ``thickness_m`` (or sized by ``np_ratio``);
    - ``anode_free``: lithium plated from the cathode on the current collector, with an optional
      ``excess_li_thickness_m`` reservoir;
    - ``graphite`` / ``silicon`` / ``lto``: a composite (same fields as the cathode's) sized by
      ``np_ratio`` (the plates of an ``interdigitated_3d`` cell: by the architecture's
      ``anode_width_m``, without ``np_ratio``).

    ``excess_li_thickness_m`` on a host anode (``li_in``, ``graphite``, ``silicon``, ``lto``):
    the lithium it holds at assembly (a Li foil pressed on an In foil, a LixIn alloy, a
    pre-lithiated composite), as the thickness of dense lithium metal it amounts to; its mass
    counts, its volume does not (the host's volume as built, see :func:`check_held_lithium`).
    ``prelithiation`` states the same lithium as a fraction of the host's capacity (the
    degree of pre-lithiation; x of Li_xIn for the knowledge base's indium, whose capacity is
    that of LiIn): give one of the two (:func:`held_lithium_thickness_m` turns it into the
    dense-lithium thickness when the design is resolved).
    """

    kind: AnodeKind
    material: MaterialRef | None = Field(None, description="default: by kind ('li_metal', ...)")
    thickness_m: float | None = None
    np_ratio: float | None = None
    excess_li_thickness_m: float = 0.0
    prelithiation: float | None = Field(
        None, description="host anodes (li_in, graphite, silicon, lto) only: the lithium held "
        "at assembly as a fraction of the host's capacity (x of Li_xIn: Li0.5In is 0.5); "
        "instead of excess_li_thickness_m")
    electrolyte: MaterialRef | None = None
    carbon: MaterialRef | None = None
    binder: MaterialRef | None = None
    fraction_basis: Literal["volume", "mass"] = "volume"
    active_fraction: float = 1.0
    electrolyte_fraction: float = 0.0
    carbon_fraction: float = 0.0
    binder_fraction: float = 0.0
    porosity: float = 0.0
    specific_capacity_mAh_g: float | None = None
    average_voltage_V: float | None = None
    tortuosity_factor: float | None = Field(
        None, description="composite anodes (graphite, silicon, lto) only: "
        + TORTUOSITY_DESCRIPTION)

    _LIMITS: ClassVar[dict[str, str]] = {**_FRACTION_LIMITS, "thickness_m": "pos",
                                         "excess_li_thickness_m": "nonneg",
                                         "prelithiation": "frac"}

    @model_validator(mode="after")
    def _check_anode(self) -> Anode:
        self._check_prelithiation()
        if self.np_ratio is not None and (not math.isfinite(self.np_ratio)
                                          or self.np_ratio < 1):
                raise ValueError(f"np_ratio: {self.np_ratio!r} must be >= 1 (N/P < 1 plates "
                                 "lithium on the anode; use kind 'anode_free' for that)")
        if self.kind in COMPOSITE_KINDS:
            # np_ratio is required by the design (CellDesign): the plates of an
            # interdigitated_3d cell are sized by architecture.anode_width_m instead
            if self.thickness_m is not None:
                raise ValueError("thickness_m: a composite anode's thickness follows from "
                                 "np_ratio; give np_ratio only")
            _check_fractions(self)
        elif self.tortuosity_factor is not None:
            raise _FieldError("tortuosity_factor", self.tortuosity_factor,
                              f"applies to a composite anode ({', '.join(COMPOSITE_KINDS)}); "
                              f"a {self.kind} anode has no composite electrolyte")
        if self.kind == "anode_free" and (self.thickness_m is not None
                                          or self.np_ratio is not None):
            raise ValueError("kind: an anode_free cell has no anode thickness or N/P; give "
                             "excess_li_thickness_m for a lithium reservoir")
        if self.kind == "li_metal" and self.excess_li_thickness_m > 0:
            raise ValueError("excess_li_thickness_m: only for kind 'anode_free' (a lithium "
                             "reservoir) or a host anode (li_in, graphite, silicon, lto: the "
                             "lithium it holds at assembly); a li_metal foil is lithium "
                             "itself: give its thickness_m or np_ratio")
        return self

    def _check_prelithiation(self) -> None:
        """``prelithiation`` only on a host, and not with ``excess_li_thickness_m``: the held
        lithium is stated one way."""
        if self.prelithiation is None:
            return
        if self.kind not in HOST_KINDS:
            raise _FieldError("prelithiation", self.prelithiation,
                              f"applies to a host anode ({', '.join(HOST_KINDS)}): the share "
                              "of its capacity it holds at assembly; an anode_free cell's "
                              "reservoir is excess_li_thickness_m, a li_metal foil is lithium "
                              "itself")
        if self.excess_li_thickness_m > 0:
            raise _FieldError("prelithiation", self.prelithiation,
                              "given with excess_li_thickness_m "
                              f"({_in_um(self.excess_li_thickness_m)}): the lithium the host "
                              "holds at assembly is stated one way, as a fraction of its "
                              "capacity (prelithiation) or as dense lithium "
                              "(excess_li_thickness_m); give one")

    @property
    def holds_lithium_at_assembly(self) -> bool:
        """A host anode given lithium at assembly (either form), or an anode-free reservoir."""
        return self.excess_li_thickness_m > 0 or (self.prelithiation or 0.0) > 0

    @property
    def material_ref(self) -> MaterialRef:
        return self.material if self.material is not None else _DEFAULT_ANODE_MATERIAL[self.kind]


class CurrentCollector(_Spec):
    material: MaterialRef
    thickness_m: float

    _LIMITS: ClassVar[dict[str, str]] = {"thickness_m": "pos"}


class InterlayerFilm(_Spec):
    """An insulating film between neighbouring groups of stacked repeat units (pouch and
    prismatic stacks), e.g. the 40 um films between the bi-cells of ``lee2020_agc_anode``.

    ``every`` repeat units form one group (2 for a stack of bi-cells, 1 for a film between
    every repeat unit); ``format.n_layers`` must be a multiple of it, so the stack holds
    ``n_layers / every`` equal groups and ``n_layers / every - 1`` films, each of
    ``thickness_m`` over the electrode area (``electrode_width_m x electrode_height_m``), of
    the density of ``material``. No film lies outside the first and last group: the casing
    is there. A film of zero thickness is no film: leave the section out.
    """

    material: MaterialRef = Field(description="the film's material (e.g. 'polyimide')")
    thickness_m: float = Field(description="thickness of one film (e.g. '40 um')")
    every: int = Field(description="repeat units per group between two films (2 for "
                                   "bi-cells)")

    _LIMITS: ClassVar[dict[str, str]] = {"thickness_m": "pos"}

    @model_validator(mode="after")
    def _check_film(self) -> InterlayerFilm:
        top = INTEGER_LIMITS["format.interlayer_film.every"]
        if not 1 <= self.every <= top:
            raise _FieldError("every", self.every, _integer_words(top) + FILM_EVERY_NOTE)
        return self


#: Largest value of the design model's integer counts (``Format.n_layers``,
#: ``Architecture.cells_in_series``), by design path; the screens' and ``core``'s rules read it.
INTEGER_LIMITS = {"format.n_layers": 10_000, "architecture.cells_in_series": 1_000,
                  "format.interlayer_film.every": 10_000, "pack.cells_in_series": 100_000,
                  "pack.cells_in_parallel": 100_000}


class Format(_Spec):
    """The cell format and its packaging.

    - ``pouch`` / ``prismatic``: ``n_layers`` repeat units of ``electrode_width_m`` x
      ``electrode_height_m`` in a casing of ``casing_thickness_m`` (walls on all six sides),
      plus ``seal_width_m`` (pouch seal beyond the stack on the width and height sides) or
      ``headspace_m`` (prismatic, above the stack);
    - ``cylindrical``: a jelly roll filling a can of ``diameter_m`` x ``height_m`` (walls
      ``casing_thickness_m``, ``headspace_m`` at the top, a ``mandrel_diameter_m`` hole);
    - ``thin_film``: one (or ``n_layers``) cells of ``electrode_width_m`` x
      ``electrode_height_m`` on a ``substrate`` with an encapsulation of ``casing_thickness_m``.

    The casing density is that of ``casing_material`` (e.g. 'al_foil', 'ss_foil') or, for a
    laminate that is no material of the knowledge base, ``casing_density_kg_m3``.
    ``interlayer_film`` (pouch, prismatic): insulating films between groups of repeat units
    (:class:`InterlayerFilm`).
    """

    kind: Literal["pouch", "cylindrical", "prismatic", "thin_film"] = "pouch"
    n_layers: int = 1
    electrode_width_m: float | None = None
    electrode_height_m: float | None = None
    diameter_m: float | None = None
    height_m: float | None = None
    mandrel_diameter_m: float = 0.0
    casing_material: MaterialRef | None = None
    casing_density_kg_m3: float | None = None
    casing_thickness_m: float = 0.0
    seal_width_m: float = 0.0
    headspace_m: float = 0.0
    tab_mass_kg: float = 0.0
    substrate: MaterialRef | None = None
    substrate_thickness_m: float = 0.0
    interlayer_film: InterlayerFilm | None = Field(
        None, description="insulating films between groups of stacked repeat units")

    _LIMITS: ClassVar[dict[str, str]] = {
        **dict.fromkeys(("electrode_width_m", "electrode_height_m", "diameter_m", "height_m",
                         "casing_density_kg_m3"), "pos"),
        **dict.fromkeys(("mandrel_diameter_m", "casing_thickness_m", "seal_width_m",
                         "headspace_m", "tab_mass_kg", "substrate_thickness_m"), "nonneg")}

    @model_validator(mode="after")
    def _check_format(self) -> Format:
        top = INTEGER_LIMITS["format.n_layers"]
        if self.n_layers < 1 or self.n_layers > top:
            raise _FieldError("n_layers", self.n_layers, _integer_words(top))
        if self.kind == "cylindrical":
            if self.diameter_m is None or self.height_m is None:
                raise ValueError("diameter_m: a cylindrical cell needs diameter_m and height_m")
            inner = self.diameter_m - 2 * self.casing_thickness_m
            if inner <= self.mandrel_diameter_m:
                raise ValueError(f"diameter_m: {_in_mm(self.diameter_m)} leaves no room for the "
                                 "jelly roll inside the can walls and the mandrel")
            if self.height_m - 2 * self.casing_thickness_m - self.headspace_m <= 0:
                raise ValueError(f"height_m: {_in_mm(self.height_m)} leaves no room for the "
                                 "electrodes after walls and headspace")
        else:
            if self.electrode_width_m is None or self.electrode_height_m is None:
                raise ValueError(f"electrode_width_m: a {self.kind} cell needs "
                                 "electrode_width_m and electrode_height_m")
        if self.casing_thickness_m > 0 and self.casing_material is None \
                and self.casing_density_kg_m3 is None:
            raise ValueError("casing_material: a casing needs casing_material or "
                             "casing_density_kg_m3")
        if self.kind == "thin_film" and self.substrate is None:
            raise ValueError("substrate: a thin_film cell needs a substrate (e.g. 'mica')")
        if self.substrate is not None and self.substrate_thickness_m <= 0:
            raise ValueError("substrate_thickness_m: must be > 0 when a substrate is given")
        film = self.interlayer_film
        if film is not None:
            if self.kind not in ("pouch", "prismatic"):
                raise _FieldError("interlayer_film", film.model_dump(mode="json"),
                                  f"only for stacked formats (pouch, prismatic), not "
                                  f"{self.kind!r}; leave the section out")
            if self.n_layers % film.every:
                raise _FieldError("interlayer_film.every", film.every,
                                  f"must divide n_layers ({self.n_layers}): the stack is "
                                  "n_layers / every equal groups of repeat units with a film "
                                  "between neighbouring groups")
        return self


ArchitectureKind = Literal["planar", "bipolar", "thin_film", "interdigitated_3d",
                           "vertically_aligned"]
#: The 3D architectures: electrode plates or channels side by side, not stacked layers.
THREE_D_KINDS: tuple[str, ...] = ("interdigitated_3d", "vertically_aligned")


class Architecture(_Spec):
    """How the layers are arranged (review Table 7), with the geometric parameters.

    - ``planar``: monopolar stacking of repeat units in parallel;
    - ``bipolar``: ``cells_in_series`` cells stacked in one package, joined by bipolar current
      collectors (``bipolar_collector``, default the cathode collector);
    - ``thin_film``: planar layers deposited on the format's substrate;
    - ``interdigitated_3d``: cathode plates (``cathode_width_m``) and anode plates
      (``anode_width_m``) separated by electrolyte gaps ``gap_m``, all as tall as the cathode
      ``thickness_m`` (the plate height), on a common base;
    - ``vertically_aligned``: cathode-filled square channels (``cathode_width_m``) in an
      electrolyte scaffold with walls ``gap_m`` thick and as tall as the cathode
      ``thickness_m``, with the separator and a planar anode on top.

    In the 3D architectures the cathode's loading and thickness refer to the cathode region
    (plate or channel), not to the footprint.
    """

    kind: ArchitectureKind = "planar"
    cells_in_series: int = 1
    bipolar_collector: CurrentCollector | None = None
    cathode_width_m: float | None = None
    anode_width_m: float | None = None
    gap_m: float | None = None

    _LIMITS: ClassVar[dict[str, str]] = {"cathode_width_m": "pos", "gap_m": "pos",
                                         "anode_width_m": "nonneg"}

    @model_validator(mode="after")
    def _check_arch(self) -> Architecture:
        top = INTEGER_LIMITS["architecture.cells_in_series"]
        if self.cells_in_series < 1 or self.cells_in_series > top:
            raise _FieldError("cells_in_series", self.cells_in_series, _integer_words(top))
        if self.kind != "bipolar" and self.cells_in_series != 1:
            raise ValueError("cells_in_series: only a bipolar stack holds cells in series in "
                             "one package; use kind 'bipolar'")
        if self.kind == "interdigitated_3d":
            for name in ("cathode_width_m", "anode_width_m", "gap_m"):
                if getattr(self, name) is None:
                    raise ValueError(f"{name}: an interdigitated_3d architecture needs "
                                     "cathode_width_m, anode_width_m and gap_m")
        if self.kind == "vertically_aligned":
            for name in ("cathode_width_m", "gap_m"):
                if getattr(self, name) is None:
                    raise ValueError(f"{name}: a vertically_aligned architecture needs "
                                     "cathode_width_m and gap_m")
        return self


class Pack(_Spec):
    """Cells to pack: cells in series/parallel, busbars and the cell-to-pack efficiencies.

    ``mass_efficiency`` and ``volume_efficiency`` (cell mass / pack mass, cell volume / pack
    volume) are inputs with a ``source`` (a bibliography key or a citation text) because they
    depend on the pack design; without a ``pack`` section no pack level is reported.
    ``cells_in_series`` counts packages: a bipolar package of n cells counts once.
    """

    cells_in_series: int = 1
    cells_in_parallel: int = 1
    mass_efficiency: float
    volume_efficiency: float
    busbar_mass_kg: float = Field(0.0, description="mass of one series connection")
    source: str = Field(min_length=1)

    _LIMITS: ClassVar[dict[str, str]] = {"mass_efficiency": "share",
                                         "volume_efficiency": "share",
                                         "busbar_mass_kg": "nonneg"}

    @model_validator(mode="after")
    def _check_pack(self) -> Pack:
        for name in ("cells_in_series", "cells_in_parallel"):
            top = INTEGER_LIMITS[f"pack.{name}"]
            if not 1 <= getattr(self, name) <= top:
                raise _FieldError(name, getattr(self, name), _integer_words(top))
        return self


class CellDesign(_Spec):
    """One solid-state cell: layers, collectors, format, architecture, temperature."""

    name: str = "cell"
    cathode: Cathode
    separator: Separator
    anode: Anode
    cathode_current_collector: CurrentCollector
    anode_current_collector: CurrentCollector
    format: Format = Field(default_factory=lambda: Format(
        kind="pouch", electrode_width_m=0.1, electrode_height_m=0.1))
    architecture: Architecture = Field(default_factory=Architecture)
    pack: Pack | None = None
    temperature_K: float = T_ROOM_K
    first_cycle_loss: float = Field(
        0.0, description="fraction of the cathode capacity lost in the first cycle as active "
        "lithium (interphases): lithium a host anode holds at assembly supplies it first")
    cathode_first_cycle_loss: float = Field(
        0.0, description="fraction of the cathode's first-charge capacity the cathode itself "
        "does not take back on discharge (its own irreversibility, a measured number; 0: not "
        "counted): no lithium held in the anode recovers it")
    cathode_interface_resistance_ohm_m2: float = Field(
        0.0, description="area-specific resistance of the cathode/electrolyte interface per "
        "geometric area (e.g. from solidcell's interface models); 0 = not counted")
    anode_interface_resistance_ohm_m2: float = Field(
        0.0, description="area-specific resistance of the anode/electrolyte interface")
    interface_resistance_activation_energy_eV: float | None = Field(
        None, description="activation energy of the interface resistances, e.g. '0.37 eV' or "
        "'35 kJ/mol': a simulation takes them to its temperature by Arrhenius, "
        "R exp(E_a/R (1/T - 1/T_ref)); None: held at every temperature (a note says so)")
    interface_resistance_temperature_K: float | None = Field(
        None, description="temperature at which the interface resistances were measured, "
        "T_ref (e.g. '25 degC'); None: the design's temperature_K")
    description: str = ""

    # construction and model_validate* raise solidcell's ValidationError (solidcell.validation)
    error_root = "design"

    _LIMITS: ClassVar[dict[str, str]] = {"first_cycle_loss": "frac_open",
                                         "cathode_first_cycle_loss": "frac_open",
                                         "cathode_interface_resistance_ohm_m2": "nonneg",
                                         "anode_interface_resistance_ohm_m2": "nonneg",
                                         "interface_resistance_activation_energy_eV":
                                             "activation_energy",
                                         "interface_resistance_temperature_K":
                                             "design_temperature"}

    def __init__(self, /, **data: Any) -> None:
        super().__init__(**data)
        # the texts given (typed_leaves: a flat dict of str, no reference to the caller's
        # mappings, which may change later), for the refusals of resolved() (as_typed; read
        # only then); kept out of the fields: no part of the design's value, equality, hash
        # or dump
        object.__setattr__(self, "_given", typed_leaves(data))

    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @model_validator(mode="after")
    def _check_design(self) -> CellDesign:
        if not math.isfinite(self.temperature_K) \
                or not 0 < self.temperature_K < MAX_DESIGN_TEMPERATURE_K:
            # the value in K as people read it (-300 degC is -26.85 K, not -26.850000000000023)
            raise ValueError(f"temperature_K: {_in_K(self.temperature_K)} "
                             f"{DESIGN_TEMPERATURE_ALLOWED}")
        arch = self.architecture.kind
        if arch == "thin_film" and self.format.kind != "thin_film":
            raise ValueError("architecture.kind: 'thin_film' needs format.kind 'thin_film'")
        a = self.anode
        if a.kind in COMPOSITE_KINDS and a.np_ratio is None and arch != "interdigitated_3d":
            raise ValueError(f"anode.np_ratio: a {a.kind} composite anode is sized by np_ratio "
                             "(the plates of an interdigitated_3d cell by "
                             "architecture.anode_width_m)")
        if a.kind in FOIL_KINDS and arch != "interdigitated_3d" and a.thickness_m is None \
                and a.np_ratio is None:
            raise _FieldError("anode.thickness_m", None,
                              f"a {a.kind} foil needs thickness_m or np_ratio")
        if arch == "interdigitated_3d" and (a.thickness_m is not None or a.np_ratio is not None):
            given = ("anode.thickness_m", a.thickness_m) if a.thickness_m is not None \
                else ("anode.np_ratio", a.np_ratio)
            raise _FieldError(*given,
                              "in an interdigitated_3d cell the anode plates are sized by "
                              "architecture.anode_width_m; give no anode thickness or N/P")
        if self.format.kind == "cylindrical" and arch != "planar":
            raise ValueError(f"format.kind: a cylindrical jelly roll is planar, not {arch}")
        _check_layers_fit_the_can(self)
        _check_layers_fit_the_plane(self)
        _check_repeat_unit_fits(self)
        return self

    # --- input / output -----------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CellDesign:
        """Validate a mapping (as read from YAML/JSON)."""
        if not isinstance(data, Mapping):
            raise ValidationError("design", data, "must be a mapping of fields (name, cathode, "
                                  f"separator, anode, ...), not a {type(data).__name__}")
        bad = [k for k in data if not isinstance(k, str)]
        if bad:
            raise ValidationError("design", bad[0], "field names must be str (name, cathode, "
                                  "separator, anode, ...)")
        _refuse_space(data)
        return cls(**dict(data))

    @classmethod
    def from_yaml(cls, source: str | Path) -> CellDesign:
        """Read a design from a YAML file path or from YAML text (``yaml.safe_load`` rules; a
        key given twice in one mapping, e.g. ``thickness_m``, is refused naming its lines)."""
        import yaml

        from solidcell.textio import load_yaml

        return cls._from_text(source, load_yaml, yaml.YAMLError, "YAML")

    @classmethod
    def from_json(cls, source: str | Path) -> CellDesign:
        """Read a design from a JSON file path or JSON text (strict: a key given twice in one
        object, ``NaN`` and ``Infinity`` are refused)."""
        from solidcell.textio import load_json

        return cls._from_text(source, load_json, ValueError, "JSON")

    @classmethod
    def _from_text(cls, source: str | Path, parse: Any, error: type[Exception],
                   language: str) -> CellDesign:
        text = _read_text(source)
        it = f"the {language} text" if text == str(source) else "the file"
        # a path is named whole (cut to 80 characters, a long one lost the file's name); text
        # by its start
        shown = str(source)[:80] if it != "the file" else str(source)
        data = None
        if text.strip():
            try:
                data = parse(text)
            except error as exc:
                from solidcell.textio import yaml_problem

                raise ValidationError("design", shown,
                                      f"is not valid {language}: {yaml_problem(exc)}") from None
        return cls.from_parsed(text, data, shown, it)

    @classmethod
    def from_parsed(cls, text: str, data: Any, shown: str, it: str = "the file") -> CellDesign:
        """A design from ``text`` already read and parsed to ``data`` (a file named ``shown``;
        ``it``: "the file", or "the YAML text" for text given as such), checked and refused
        as :meth:`from_yaml` and :meth:`from_json` do: empty, comments only, not a mapping, a
        design space, a material. For a caller that parsed the file itself (``cost``'s
        layer-stack check), so that it is not read and parsed twice."""
        if not text.strip():  # JSON said "Expecting value", YAML "holds a NoneType"
            raise ValidationError("design", shown, f"{it} is empty; {DESIGN_HOLDS}")
        if data is None:  # YAML of comments only
            raise ValidationError("design", shown,
                                  f"{it} holds no data (only comments); {DESIGN_HOLDS}")
        if not isinstance(data, dict):
            what = {"list": "a list", "str": "a text", "int": "a number",
                    "float": "a number", "bool": "true/false"}.get(type(data).__name__,
                                                                  type(data).__name__)
            raise ValidationError("design", shown,
                                  f"{it} holds {what}, not a mapping; {DESIGN_HOLDS}")
        _refuse_space(data, shown)
        try:
            return cls.from_dict(data)
        except ValidationError:  # the data as parsed, looked at only when it is no design
            material = material_refusal(data, shown, path=shown if it == "the file" else None)
            if material is None:
                raise
        raise material from None

    @classmethod
    def from_file(cls, path: str | Path) -> CellDesign:
        """Read ``.yaml``/``.yml`` or ``.json``."""
        p = design_file(path)
        return cls.from_json(p) if p.suffix.lower() == ".json" else cls.from_yaml(p)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_defaults=False)

    def to_yaml(self) -> str:
        import yaml

        return yaml.safe_dump(self.to_dict(), sort_keys=False)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    def replace(self, **changes: Any) -> CellDesign:
        """A new validated design with ``changes`` (dotted paths allowed:
        ``design.replace(**{"cathode.thickness_m": 80e-6})``; a short key, ``cathode.thickness``,
        replaces the field).

        A layer keeps one sizing (:func:`one_sizing`): ``replace(**{"anode.np_ratio": 1.5})`` on
        a foil given by its thickness leaves the thickness out (the foil is sized by N/P, as a
        screen's row is), a foil thickness leaves the N/P out, and a cathode's thickness or
        loading leaves the other out. Both sizings of a layer in one call, or a cathode's
        thickness or loading changed under a foil given both ways, raise ValidationError
        naming the fields."""
        data = self.model_dump()
        for path, value in one_sizing(self, changes).items():
            set_path(data, path, value, replace_twin=True)
        return CellDesign(**data)

    def resolved(self) -> ResolvedDesign:
        """The design with its materials looked up and its derived quantities computed; a
        refusal names the key and the text given for the field at fault (:func:`as_typed`)."""
        try:
            return ResolvedDesign.build(self)
        except ValidationError as exc:
            raise as_typed(exc, getattr(self, "_given", None) or {}) from None


#: The sections every cell design has (its required fields that are models of their own, in
#: the model's order: cathode, separator, anode and the two current collectors): the one list
#: of them (``evaluate_many`` and ``manufacturing.routes.as_stack`` tell a design's mapping by
#: them; a design space's or a material's mapping has none).
DESIGN_SECTIONS: tuple[str, ...] = tuple(
    name for name, info in CellDesign.model_fields.items()
    if info.is_required() and name in _shaped_fields(CellDesign)[1])


#: The layers of a jelly roll, each of which must be thinner than the can's radial room
#: (:func:`can_radial_room_m`): the design model's rule and the screens' (one list; the
#: layers of one design: :func:`roll_layers`).
ROLL_LAYERS = ("cathode.thickness_m", "separator.thickness_m", "anode.thickness_m",
               "anode.excess_li_thickness_m", "cathode_current_collector.thickness_m",
               "anode_current_collector.thickness_m")


def roll_layers(anode_kind: str) -> tuple[str, ...]:
    """The fields of :data:`ROLL_LAYERS` that are layers of a jelly roll with an anode of
    ``anode_kind``: ``excess_li_thickness_m`` is a layer of its own only in an anode-free cell
    (the reservoir); the lithium a host holds at assembly lies inside the host's volume, as
    :func:`solidcell.cell.energy.core` counts it (its mass, not its thickness)."""
    if anode_kind in HOST_KINDS:
        return tuple(p for p in ROLL_LAYERS if p != "anode.excess_li_thickness_m")
    return ROLL_LAYERS

#: Why a layer at least as thick as the radial room is refused (the design model and screens).
CAN_ROOM_RULE = ("the radial room of the cylindrical can ((format.diameter_m - 2 "
                 "casing_thickness_m - mandrel_diameter_m) / 2): a thicker layer cannot be wound")


def can_radial_room_m(fmt: Format, casing_thickness_m: Any = None) -> Any:
    """Radial room of a cylindrical can [m], ``(diameter - 2 casing - mandrel) / 2``, with the
    format's casing or ``casing_thickness_m`` (a number or an array, as a screen sweeps it)."""
    casing = fmt.casing_thickness_m if casing_thickness_m is None else casing_thickness_m
    return radial_room_m(fmt.diameter_m, casing, fmt.mandrel_diameter_m)


def radial_room_m(diameter_m: Any, casing_thickness_m: Any, mandrel_diameter_m: Any) -> Any:
    """Radial room [m] between a can's wall and its mandrel, ``(diameter - 2 casing -
    mandrel) / 2`` (floats or arrays): the one formula of the design model and of
    :func:`solidcell.cell.energy.core`."""
    return (diameter_m - 2 * casing_thickness_m - mandrel_diameter_m) / 2


def _check_layers_fit_the_can(design: CellDesign) -> None:
    """A layer of a jelly roll must be thinner than the radial room of the can, (inner diameter
    - mandrel diameter) / 2: a thicker one cannot be wound even once (``thickness: 1e30 um`` was
    refused through the anode's N/P instead). Stacked formats have no such bound: their casing
    follows the stack."""
    f = design.format
    if f.kind != "cylindrical" or f.diameter_m is None:
        return
    room = can_radial_room_m(f)
    for name in roll_layers(design.anode.kind):
        section, field = name.split(".")
        x = getattr(getattr(design, section), field)
        if x is not None and x >= room:
            raise _FieldError(name, _in_um(x), f"must be below {_in_um(room)}, {CAN_ROOM_RULE}")


#: The layers of a stacked cell (pouch, prismatic, thin film) that must each be thinner than
#: the electrode's smaller in-plane side (:func:`electrode_side_m`): the layers of a roll and
#: the stack's other layers (the design model's rule and ``core``'s, reason 12).
PLANE_LAYERS = (*ROLL_LAYERS, "architecture.bipolar_collector.thickness_m",
                "format.interlayer_film.thickness_m", "format.substrate_thickness_m",
                "format.casing_thickness_m")

#: Why a stacked cell's layer at least as thick as the electrode's smaller side is refused.
PLANE_RULE = ("the electrode's smaller in-plane side (the smaller of format.electrode_width_m "
              "and format.electrode_height_m): a layer at least as thick as its cell is wide is "
              "no layer of a planar stack (a bare number is in metres: 30 meant as um is 30 m)")

#: What a stacked cell's layer allows (the design model's refusal and ``core``'s reason 12).
PLANE_ALLOWED = f"must be below {PLANE_RULE}"

#: Formats whose footprint a seal widens, ``(width + 2 seal) x (height + 2 seal)`` (cell.energy
#: ``core``): a pouch and a thin film; a prismatic can and a cylindrical one have none.
SEALED_FORMATS = ("pouch", "thin_film")

#: Formats whose seal is bounded (:data:`SEAL_ALLOWED`): a pouch. A thin film's is not: the
#: encapsulation margin of a millimetre-size microbattery may be as wide as its electrode.
SEAL_BOUNDED_FORMATS = ("pouch",)

#: What a seal allows on a format of :data:`SEAL_BOUNDED_FORMATS` (the design model and
#: ``core``'s reason 12).
SEAL_ALLOWED = ("must be below the electrode's smaller in-plane side (the smaller of "
                "format.electrode_width_m and format.electrode_height_m): the seal is a margin "
                "along each edge of the electrode, the footprint (width + 2 seal) x (height + 2 "
                "seal); a margin at least as wide as the electrode it frames is no seal of this "
                "cell (a bare number is in metres: 5 meant as mm is 5 m)")

#: What a prismatic can's headspace allows (the design model and ``core``'s reason 12).
HEADSPACE_ALLOWED = ("must be below format.electrode_height_m: the headspace lies above the "
                     "stack, along the electrode's height (the can is electrode_height_m + "
                     "headspace_m + 2 casing_thickness_m tall); a headspace at least as tall as "
                     "the electrodes below it is no headspace of this can (a bare number is in "
                     "metres: 5 meant as mm is 5 m)")

#: Why a 3D repeat unit wider than the electrode's smaller side is refused.
REPEAT_UNIT_RULE = ("must fit in the electrode's smaller in-plane side (the smaller of "
                    "format.electrode_width_m and format.electrode_height_m): the electrode holds "
                    "at least one repeat unit, whose fractions of the footprint the energy "
                    "bookkeeping uses")


def electrode_side_m(fmt: Format) -> float | None:
    """The smaller in-plane side [m] of a stacked format's electrode (pouch, prismatic, thin
    film: ``min(electrode_width_m, electrode_height_m)``); None for a cylindrical roll."""
    if fmt.kind == "cylindrical" or fmt.electrode_width_m is None \
            or fmt.electrode_height_m is None:
        return None
    return min(fmt.electrode_width_m, fmt.electrode_height_m)


def plane_layers(design: CellDesign) -> dict[str, float]:
    """Field -> thickness [m] of the layers of :data:`PLANE_LAYERS` that ``design`` gives: an
    anode-free reservoir is a layer, a host's held lithium is not (:func:`roll_layers`); the
    bipolar collector on a bipolar stack only."""
    out: dict[str, float] = {}
    arch, f = design.architecture, design.format
    for name in roll_layers(design.anode.kind):
        section, field_name = name.split(".")
        x = getattr(getattr(design, section), field_name)
        if x is not None:
            out[name] = x
    if arch.kind == "bipolar" and arch.bipolar_collector is not None:
        out["architecture.bipolar_collector.thickness_m"] = arch.bipolar_collector.thickness_m
    if f.interlayer_film is not None:
        out["format.interlayer_film.thickness_m"] = f.interlayer_film.thickness_m
    out["format.substrate_thickness_m"] = f.substrate_thickness_m
    out["format.casing_thickness_m"] = f.casing_thickness_m  # a wall: a layer of the package
    return out


def _check_layers_fit_the_plane(design: CellDesign) -> None:
    """A layer of a stacked cell must be thinner than the electrode's smaller in-plane side
    (``separator: {thickness_m: 30}``, meant as um, was evaluated as a 30 m layer at
    0.003 Wh/kg); the cylindrical roll's bound is :func:`_check_layers_fit_the_can`."""
    side = electrode_side_m(design.format)
    if side is None:
        return
    for name, x in plane_layers(design).items():
        if not x < side:
            # core's reason 12 says the same (its rows show the value in um); the design
            # shows the number it keeps (30.0, as given): as_typed adds the um to a text
            raise _FieldError(name, x, PLANE_ALLOWED)
    _check_package_fits_the_plane(design.format, side)


def _check_package_fits_the_plane(f: Format, side: float) -> None:
    """The margins a stacked cell's package adds to its electrode, where the format reads them
    (cell.energy ``core``): a pouch's seal narrower than the electrode's smaller in-plane side
    ``side`` [m], a prismatic can's headspace lower than the electrode's height
    (``seal_width: 5``, meant as mm, was a 5 m seal; core's reason 12 says the same)."""
    if f.kind in SEAL_BOUNDED_FORMATS and not f.seal_width_m < side:
        raise _FieldError("format.seal_width_m", f.seal_width_m, SEAL_ALLOWED)
    if f.kind == "prismatic" and not f.headspace_m < f.electrode_height_m:  # type: ignore
        raise _FieldError("format.headspace_m", f.headspace_m, HEADSPACE_ALLOWED)


def repeat_unit_m(arch: Architecture) -> tuple[float, dict[str, float]] | None:
    """The in-plane width [m] of a 3D architecture's repeat unit (``interdigitated_3d``:
    ``cathode_width_m + anode_width_m + 2 gap_m``; ``vertically_aligned``: ``cathode_width_m +
    gap_m``, the channel pitch) and its terms by field; None for a planar one."""
    terms = repeat_unit_terms(arch.kind, arch.cathode_width_m, arch.anode_width_m, arch.gap_m)
    return None if terms is None else (_pitch(terms), terms)


def _pitch(terms: Mapping[str, float]) -> float:
    """The sum of a repeat unit's terms, left to right from 0 as ``core`` adds its arrays
    (``sum`` adds floats so on Python 3.11; 3.12's compensated ``sum`` may differ in the last
    bit, and a repeat unit equal to the side would then fit on one path only)."""
    pitch = 0
    for t in terms.values():
        pitch = pitch + t
    return pitch  # type: ignore[return-value]


def repeat_unit_terms(kind: str, cathode_width_m: Any, anode_width_m: Any,
                      gap_m: Any) -> dict[str, Any] | None:
    """The terms [m] of the in-plane width of a 3D repeat unit of architecture ``kind``, by
    design path (the gap twice between interdigitated plates); None for a planar kind."""
    if kind == "interdigitated_3d":
        return {"architecture.cathode_width_m": cathode_width_m,
                "architecture.anode_width_m": anode_width_m, "architecture.gap_m": 2 * gap_m}
    if kind == "vertically_aligned":
        return {"architecture.cathode_width_m": cathode_width_m, "architecture.gap_m": gap_m}
    return None


def repeat_unit_refusal(kind: str, widths: Mapping[str, float], electrode_width_m: float,
                        electrode_height_m: float) -> tuple[str, float, str] | None:
    """(field, its value [m], what is allowed) of a 3D repeat unit of architecture ``kind``
    wider than the electrode's smaller in-plane side, or None where it fits; ``widths`` maps
    ``cathode_width_m``, ``anode_width_m``, ``gap_m`` to metres. The field named is the largest
    term of the repeat unit (the first of equal ones): the design model's refusal and ``core``'s
    reason 12 (cell.energy ``off_limits``) both read it from here."""
    terms = repeat_unit_terms(kind, widths["cathode_width_m"], widths.get("anode_width_m"),
                              widths["gap_m"])
    side = min(electrode_width_m, electrode_height_m)
    if terms is None:
        return None
    pitch = _pitch(terms)
    if pitch <= side:
        return None
    worst = max(terms, key=lambda k: terms[k])
    shown = {n: _in_um(widths[n]) for n in ("cathode_width_m", "anode_width_m", "gap_m")
             if f"architecture.{n}" in terms}
    allowed = repeat_unit_words(kind, _in_mm(pitch), shown, _in_mm(side),  # type: ignore
                                _in_mm(electrode_width_m), _in_mm(electrode_height_m))
    return worst, widths[worst.split(".")[1]], allowed


def repeat_unit_words(kind: str, pitch: str, widths: Mapping[str, str], side: str,
                      electrode_width: str, electrode_height: str) -> str:
    """What a 3D repeat unit of architecture ``kind`` wider than the electrode's smaller side
    allows, in words, from its numbers as shown: the ``pitch`` (mm), its ``widths`` (field ->
    um, in the order of :func:`repeat_unit_terms`), the ``side`` and the electrode's sides
    (mm). :func:`repeat_unit_refusal` and ``core``'s reason 12 for many rows at once
    (cell.energy ``_repeat_unit_refusals``) both say it so."""
    shown = ", ".join([f"{n} = {s}" for n, s in widths.items()])
    return (f"gives a repeat unit ({kind}) {pitch} wide ({shown}); it {REPEAT_UNIT_RULE}, "
            f"here {side} (format.electrode_width_m = {electrode_width}, "
            f"format.electrode_height_m = {electrode_height})")


def _check_repeat_unit_fits(design: CellDesign) -> None:
    """A 3D repeat unit must fit in the electrode's smaller in-plane side (``anode_width: 25
    mm`` meant as um gave a 25.09 mm repeat unit on a 20 mm electrode, evaluated at
    0.92 Wh/kg); the field named is the largest term of the repeat unit."""
    arch, f = design.architecture, design.format
    if electrode_side_m(f) is None or repeat_unit_m(arch) is None:
        return
    widths = {n: getattr(arch, n) for n in ("cathode_width_m", "anode_width_m", "gap_m")}
    refused = repeat_unit_refusal(arch.kind, widths, f.electrode_width_m,  # type: ignore
                                  f.electrode_height_m)  # type: ignore[arg-type]
    if refused is not None:  # the number the design keeps (core's reason 12: '25000 um')
        raise _FieldError(refused[0], refused[1], refused[2])


#: The package fields each format reads (cell.energy ``_core``: a pouch's and a thin film's
#: seal, a prismatic or cylindrical can's headspace, a jelly roll's mandrel, a thin film's
#: substrate); given (> 0) on another format they change nothing.
FORMAT_READS = {"pouch": ("seal_width_m",), "thin_film": ("seal_width_m", "substrate"),
                "prismatic": ("headspace_m",),
                "cylindrical": ("headspace_m", "mandrel_diameter_m")}


def ignored_format_note(fmt: Format) -> str | None:
    """A note naming the package fields given on a format that does not read them
    (:data:`FORMAT_READS`: ``seal_width_m`` on a prismatic can, ``headspace_m`` on a pouch),
    or None: as :func:`ignored_architecture_note`, no refusal (a screen may sweep
    ``format.kind`` from a base that has them)."""
    reads = FORMAT_READS.get(fmt.kind, ())
    given = [f"format.{n} = {_in_mm(getattr(fmt, n))}"
             for n in ("seal_width_m", "headspace_m", "mandrel_diameter_m")
             if getattr(fmt, n) > 0 and n not in reads]
    if fmt.substrate is not None and "substrate" not in reads:
        sub = fmt.substrate  # an id, or a Material given inline
        given.append(f"format.substrate = {(sub if isinstance(sub, str) else sub.id)!r}")
    if not given:
        return None
    return (f"{', '.join(given)} ignored: a {fmt.kind} cell does not read "
            f"{'it' if len(given) == 1 else 'them'} (a pouch's or thin film's seal, a "
            "prismatic or cylindrical can's headspace, a cylindrical mandrel, a thin film's "
            "substrate)")


#: The 3D fields each architecture reads (the others it ignores).
ARCHITECTURE_READS = {"interdigitated_3d": ("cathode_width_m", "anode_width_m", "gap_m"),
                      "vertically_aligned": ("cathode_width_m", "gap_m")}


def ignored_architecture_note(arch: Architecture) -> str | None:
    """A note naming the 3D fields (``cathode_width_m``, ``anode_width_m``, ``gap_m``) given
    on an architecture that does not read them (``gap_m`` on a planar cell, ``anode_width_m``
    on a vertically aligned one), or None: they change nothing, and a screen that sweeps
    ``architecture.kind`` from a 3D base keeps its planar rows, so they are no refusal."""
    reads = ARCHITECTURE_READS.get(arch.kind, ())
    given = [f"architecture.{n} = {_in_um(getattr(arch, n))}"
             for n in ("cathode_width_m", "anode_width_m", "gap_m")
             if getattr(arch, n) is not None and n not in reads]
    if not given:
        return None
    return (f"{', '.join(given)} ignored: a {arch.kind} architecture does not read "
            f"{'it' if len(given) == 1 else 'them'} (the 3D widths of interdigitated_3d and "
            "vertically_aligned)")


def _check_resolved_layers_fit_the_plane(design: CellDesign, cathode_m: float,
                                         anode_m: float) -> None:
    """The layers :func:`_check_layers_fit_the_plane` cannot read from the fields, as
    resolved: a cathode given by its loading and an anode sized by N/P must be thinner than
    the electrode's smaller in-plane side too."""
    side = electrode_side_m(design.format)
    if side is None:
        return
    c, a = design.cathode, design.anode
    if c.thickness_m is None and not cathode_m < side:
        raise ValidationError("cathode.active_loading_kg_m2", c.active_loading_kg_m2,
                              f"gives a cathode {_in_um(cathode_m)} thick; it must be below "
                              f"{_in_mm(side)}, {PLANE_RULE}")
    if a.thickness_m is None and a.np_ratio is not None and not anode_m < side:
        raise ValidationError("anode.np_ratio", a.np_ratio,
                              f"gives a {a.kind} anode {_in_um(anode_m)} thick (N/P x the "
                              f"cathode's capacity); it must be below {_in_mm(side)}, "
                              f"{PLANE_RULE}: lower np_ratio or the cathode's loading")


def _check_resolved_layers_fit_the_can(design: CellDesign, cathode_m: float,
                                       anode_m: float) -> None:
    """The layers :func:`_check_layers_fit_the_can` cannot read from the fields, as resolved:
    a cathode given by its loading (``cathode_m``) and an anode sized by N/P (``anode_m``, a
    foil or a composite, N/P x the cathode's capacity) must be thinner than the can's radial
    room too (a wound graphite layer thicker than the can was evaluated)."""
    f = design.format
    if f.kind != "cylindrical" or f.diameter_m is None:
        return
    room = can_radial_room_m(f)
    c, a = design.cathode, design.anode
    if c.thickness_m is None and cathode_m >= room:
        raise ValidationError("cathode.active_loading_kg_m2", c.active_loading_kg_m2,
                              f"gives a cathode {_in_um(cathode_m)} thick; it must be below "
                              f"{_in_um(room)}, {CAN_ROOM_RULE}")
    if a.thickness_m is None and a.np_ratio is not None and anode_m >= room:
        raise ValidationError("anode.np_ratio", a.np_ratio,
                              f"gives a {a.kind} anode {_in_um(anode_m)} thick (N/P x the "
                              f"cathode's capacity); it must be below {_in_um(room)}, "
                              f"{CAN_ROOM_RULE}: lower np_ratio or the cathode's loading")


#: What a design file holds, for the messages about a file that holds something else.
DESIGN_HOLDS = ("a cell design is a mapping of fields: the sections "
                f"{', '.join(DESIGN_SECTIONS[:-1])} and {DESIGN_SECTIONS[-1]} (and optionally "
                "name, format, architecture, pack, temperature, ...); see the designs in "
                "examples/ (e.g. examples/ev-nmc811-lpscl-li.yaml) and docs/cell.md")

#: Keys of a design space (:func:`solidcell.screening.screen.load_space`) that no design has.
SPACE_KEYS = ("base", "parameters", "method")

#: Keys of a layer stack (:class:`solidcell.manufacturing.layers.LayerStack`, the planner's and
#: cost model's plain input) that no design has; ``manufacturing.routes.as_stack`` reads a
#: mapping with one of them and no design section as a layer stack.
LAYER_STACK_KEYS = ("layers", "areal_energy", "energy_sources", "packaging")


def _refuse_space(data: Any, shown: str | None = None) -> None:
    """ValidationError when ``data`` is a design space given where a design is expected
    (``solidcell evaluate examples/spaces/ev.yaml``), or a layer stack (``layers``,
    ``areal_energy``; docs/manufacturing.md): said so, not 'cathode: required'.
    ``shown``: the file or text named (default: the first key of a space found)."""
    if not isinstance(data, Mapping) or any(k in data for k in DESIGN_SECTIONS):
        return
    found = [k for k in SPACE_KEYS if k in data]
    if found:
        raise ValidationError(
            "design", shown if shown is not None else found[0],
            "this is a design space (base, parameters, ...), not a cell design; screen it "
            "with `solidcell screen`, or give a design (see examples/ and docs/cell.md)")
    found = [k for k in LAYER_STACK_KEYS if k in data]
    if found:  # was "cathode: missing (and 6 more problems ...)"
        raise ValidationError(
            "design", shown if shown is not None else found[0],
            "this is a layer stack (layers, areal_energy, ...), not a cell design; plan or "
            "cost it with `solidcell route` or `solidcell cost` (docs/manufacturing.md), or "
            "give a design (see examples/ and docs/cell.md)")


#: Keys of a material file (docs/database.md) that no cell design or design space has.
MATERIAL_KEYS = frozenset({"category", "properties", "formula"})


def material_refusal(data: Any, shown: Any, field: str = "design",
                     expected: str = "a cell design", path: str | None = None
                     ) -> ValidationError | None:
    """The refusal of ``data``, which failed to load as ``expected`` (a design, a space), when
    it is a material (two of category, properties, formula; no layer): ``evaluate
    my-electrolyte.yaml`` said 'cathode: None is not allowed; required ... (and 9 more
    problems)', ``screen`` 'this is a cell design'. None for other data. For a loader's
    failure path: the data as it parsed them, read once. ``shown``: the file or text named;
    ``path``: the file, for the ``materials add`` hint."""
    if not isinstance(data, Mapping) or len(MATERIAL_KEYS & set(data)) < 2 \
            or not set(DESIGN_SECTIONS).isdisjoint(data):
        return None
    return ValidationError(field, shown, f"this is a material (id, category, properties), not "
                           f"{expected}: add it with `solidcell materials add "
                           f"{path if path is not None else 'FILE.yaml'}`, and name its id in "
                           "a design (see examples/ and docs/cell.md)")


def set_path(data: dict[str, Any], path: str, value: Any, replace_twin: bool = False) -> None:
    """Set ``data["a"]["b"] = value`` for ``path="a.b"`` (creating sub-mappings).
    ``replace_twin``: a short key (``thickness``) replaces its unit-suffixed twin
    (``thickness_m``) already there, as :meth:`CellDesign.replace` means it (the design refuses
    both names of one field together)."""
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        nxt = node.get(part)
        if nxt is None:
            nxt = node[part] = {}
        if not isinstance(nxt, dict):
            raise ValidationError(path, value, f"{part!r} is not a section of the design")
        node = nxt
    last = parts[-1]
    if replace_twin:
        for twin in [k for k in node if k.startswith(f"{last}_")
                     and k[len(last):] in {s for s, _ in _SUFFIX_KIND}]:
            del node[twin]
    node[last] = value


#: The two sizings of a layer (dotted paths): a foil anode (li_metal, li_in) is sized by its
#: thickness or by N/P, a cathode by its thickness or by its active loading
#: (:func:`one_sizing`).
SIZINGS: dict[str, tuple[str, str]] = {
    "anode": ("anode.thickness_m", "anode.np_ratio"),
    "cathode": ("cathode.thickness_m", "cathode.active_loading_kg_m2"),
}


def _key_of(changes: Mapping[str, Any], path: str) -> str | None:
    """The key of ``changes`` that sets the field ``path`` (dotted, any depth): the path or its
    short key (``anode.thickness`` for ``anode.thickness_m``, ``temperature`` for
    ``temperature_K``); None where none does."""
    head, dot, name = path.rpartition(".")
    short = next((name[:-len(s)] for s, _ in _SUFFIX_KIND if name.endswith(s)), name)
    return next((k for k in (path, f"{head}{dot}{short}") if k in changes), None)


#: Deepest section of a design (``format.interlayer_film.thickness``) :func:`typed_leaves` reads.
_TYPED_DEPTH = 4


def typed_leaves(data: Any, prefix: str = "", depth: int = 0) -> dict[str, str]:
    """The texts of a design mapping as given, by dotted key as written
    (``{"anode.thickness": "2 um", "temperature": "200 degC", ...}``): what :func:`as_typed`
    names a refusal by. Numbers are left out (a number given is the one a refusal shows)."""
    out: dict[str, str] = {}
    if not isinstance(data, Mapping) or depth >= _TYPED_DEPTH:
        return out
    for key, value in data.items():
        if not isinstance(key, str):
            continue
        if isinstance(value, str):
            out[prefix + key] = value
        elif isinstance(value, Mapping):
            out |= typed_leaves(value, f"{prefix}{key}.", depth + 1)
    return out


def as_typed(exc: ValidationError, typed: Mapping[str, str]) -> ValidationError:
    """``exc`` about a field with a unit (``temperature_K``, ``anode.thickness_m``, a fraction)
    named as the design file or mapping gave it: its key as written (``temperature``) and its
    text (``'200 degC'``), with the number the rule was checked on (the field's name and the
    number with its unit) where the message shows another value: "temperature: '200 degC' is
    not allowed; temperature_K = 473.15 K; must be below 453.65 K ...". ``typed``: the
    :func:`typed_leaves` of what was given. Other errors, and a field given as a number, are
    returned as they are (the Python API's ``temperature_K=473.15`` is named so)."""
    field = exc.field if isinstance(exc.field, str) else ""
    key = _key_of(typed, field) if field and _kind_of(field.rpartition(".")[2]) else None
    text, allowed = typed.get(key or "", ""), exc.allowed
    same = isinstance(exc.value, str) and exc.value == text  # (a value may be an array)
    if key is None or (key == field and same):
        return exc
    si = _si_text(field, exc.value) if not same or key != field else None
    if si is not None and key == field and si == text:  # '1e+06 um' typed: said once
        si = None
    if si is not None:  # the model's field and number, which a screen's sweep also names
        rest = allowed.removeprefix(f"{si} ")  # "-26.85 K must lie in ...": said once
        allowed = f"{field} = {si}{' ' if rest != allowed else '; '}{rest}"
    return ValidationError(key, text, allowed)


def model_path(path: str) -> str:
    """The model's dotted field of a key as a design file or :func:`as_typed` names it:
    ``"anode.thickness"`` -> ``"anode.thickness_m"``, ``"temperature"`` -> ``"temperature_K"``;
    a path that is already the model's, or names no field, is returned as it is."""
    model: Any = CellDesign
    out: list[str] = []
    for part in path.split("."):
        fields = getattr(model, "model_fields", None)
        if not isinstance(fields, dict):
            return path
        name = part if part in fields else next(
            (f for f in fields if f != part and _key_of({part: None}, f) == part), None)
        if name is None:
            return path
        out.append(name)
        args = typing.get_args(fields[name].annotation) or (fields[name].annotation,)
        model = next((a for a in args if isinstance(a, type) and issubclass(a, _Spec)), None)
    return ".".join(out)


def _si_text(field: str, value: Any) -> str | None:
    """The number a refusal of ``field`` was checked on, with its unit: a text as typed
    (``'-80 um'``) or as a message wrote it (``'2 um'``) parsed, a number in the unit of the
    field's name; a length in um (:func:`_in_um`), a format's side, diameter, height, seal or
    headspace in mm (:func:`_in_mm`). None for anything else."""
    if isinstance(value, str):
        kind = _kind_of(field.rpartition(".")[2])
        if kind is None:
            return None
        try:
            value = _parse_edge(field, value, kind)
        except ValueError:  # a text that is no number of its kind ('abc', '80 kg')
            return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    how = _shown_unit(field)
    return f"{value:.6g}" if how is None else _in_unit(value, *how)


@lru_cache(maxsize=512)
def _shown_unit(field: str) -> tuple[str, str] | None:
    """(kind, unit) a number of ``field`` is shown in (:func:`_si_text`): a length in um, a
    format's side, diameter, height, seal or headspace in mm, another kind in the unit of the
    field's name (:data:`_SHOWN_UNIT`); None for a fraction or a number without a unit."""
    kind = _kind_of(field.rpartition(".")[2])
    if kind in (None, "fraction"):
        return None
    if kind == "length":  # a layer in um, a can or an electrode's side in mm (_in_mm)
        mm = field.startswith("format.") and "thickness" not in field
        return kind, "mm" if mm else "um"
    return kind, _SHOWN_UNIT.get(kind, units.KINDS[kind])


def shown_number(field: str, x: float) -> float | str:
    """A number ``x`` [SI] of ``field`` (a dotted design path, or a name ending in its unit) as
    a refusal shows it where no text was typed: a finite number with a unit in the unit a user
    reads (:func:`_si_text`: a layer's thickness ``'130 um'``, a format's side in mm, a density
    ``'5 kg/m3'``); a fraction, a count or a number without a unit, and NaN or inf, as the
    number itself (as the design shows a number given). The design's refusals of a number it
    checks after resolving and ``core``'s reason 12 (cell.energy ``off_limits``) both show
    values so."""
    return shown_numbers(field, (x,))[0]


def shown_numbers(field: str, xs: Iterable[float]) -> list[float | str]:
    """:func:`shown_number` of each of ``xs`` (the unit looked up once)."""
    how = _shown_unit(field)
    if how is None:
        return list(xs)
    xs = list(xs)
    return [t if math.isfinite(x) else x for x, t in zip(xs, in_units(xs, *how), strict=True)]


def one_sizing(design: CellDesign, changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` to ``design`` (dotted paths, as :meth:`CellDesign.replace` takes them) with
    the other sizing of a layer left out where they set one (:data:`SIZINGS`): a foil anode's
    thickness leaves its N/P out and its N/P the thickness (the foil then follows the
    cathode: N/P x the cathode's areal capacity), a cathode's thickness leaves its loading
    out and its loading the thickness. The rule of :meth:`CellDesign.replace` and of a
    screen's rows (:func:`solidcell.screening.screen.row_design`).

    Raises ValidationError, naming the fields, where it is ambiguous: both sizings of a layer
    in one call (give one; a whole section, ``anode={...}``, may give both, checked against
    each other within 1 % when resolved), or a cathode thickness or loading changed under a
    foil given both by thickness and by N/P (which one follows the cathode?) without either of
    the foil's fields in the call. A section given whole, a value None (leave it out) and a
    composite or anode-free anode (no choice of sizing) are taken as they are."""
    out = _one_held_form(design, changes)
    kind = out.get("anode.kind")
    foil = design.anode.kind in FOIL_KINDS or (isinstance(kind, str) and kind in FOIL_KINDS)
    for section, pair in SIZINGS.items():
        if section in out or (section == "anode" and not foil):
            continue
        keys = [_key_of(out, p) for p in pair]
        values = [None if k is None else out[k] for k in keys]
        given = [i for i, v in enumerate(values) if v is not None]
        if len(given) == 2:
            what = "a foil anode" if section == "anode" else "a cathode"
            raise ValidationError(
                pair[0], values[0],
                f"given with {pair[1]} ({values[1]!r}) in one replace: {what} is sized by "
                "one of them, the other follows from it when the design is resolved; give "
                f"one, or replace the whole {section} section to give both (checked against "
                "each other within 1 %)")
        if given:
            other = 1 - given[0]
            if keys[other] is None and _field(design, pair[other]) is not None:
                out[pair[other]] = None
    a = design.anode
    if "anode" in out or a.kind not in FOIL_KINDS or a.thickness_m is None \
            or a.np_ratio is None or any(_key_of(out, p) for p in SIZINGS["anode"]):
        return out
    for path in SIZINGS["cathode"]:
        key = _key_of(changes, path)
        if key is not None and changes[key] is not None:
            raise ValidationError(
                "anode.np_ratio", a.np_ratio,
                f"the {a.kind} foil is given both by anode.thickness_m ({_in_um(a.thickness_m)})"
                f" and by anode.np_ratio, and {key} changes the cathode's capacity, which one of "
                "them would follow: replace anode.thickness_m with None too to keep the N/P "
                "(the foil follows the cathode), or anode.np_ratio with None to keep the foil")
    return out


#: The two forms of the lithium a host anode holds at assembly (:class:`Anode`).
HELD_FORMS = ("anode.excess_li_thickness_m", "anode.prelithiation")


def _one_held_form(design: CellDesign, changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` with the other form of the held lithium (:data:`HELD_FORMS`) left out
    where they set one and the design gives the other (a thickness of 0 leaves none held):
    ``replace(**{"anode.prelithiation": 0.5})`` on a host given by its dense lithium restates
    it. Both in one call: ValidationError naming them (give one)."""
    out = dict(changes)
    if "anode" in out:
        return out
    keys = [_key_of(out, p) for p in HELD_FORMS]
    values = [None if k is None else out[k] for k in keys]
    sets = [values[0] is not None, values[1] is not None]
    if all(sets) and not _is_zero(values[0]):
        raise ValidationError(HELD_FORMS[1], values[1],
                              f"given with {HELD_FORMS[0]} ({values[0]!r}) in one replace: the "
                              "lithium a host holds at assembly is stated one way; give one")
    a = design.anode
    if sets[0] and keys[1] is None and a.prelithiation is not None:
        out[HELD_FORMS[1]] = None
    if sets[1] and keys[0] is None and a.excess_li_thickness_m > 0:
        out[HELD_FORMS[0]] = 0.0
    return out


def _is_zero(value: Any) -> bool:
    """Whether ``value`` is the number 0 (a held thickness of 0 states no lithium)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and value == 0


def _field(design: CellDesign, path: str) -> Any:
    """The value of the dotted field ``path`` of ``design``."""
    section, name = path.split(".")
    return getattr(getattr(design, section), name)


def _read_text(source: str | Path) -> str:
    if isinstance(source, Path):
        from solidcell.textio import read_text_file

        return read_text_file(source, "design")  # a BOM (Notepad) broke JSON
    text = str(source)
    if "\n" not in text and len(text) < 4096:
        p = Path(text)
        try:
            if p.is_file():
                return _read_text(p)
        except OSError:
            pass
        if text.endswith((".yaml", ".yml", ".json")):
            raise ValidationError("design", text, "must be an existing YAML or JSON file")
    return text


# --- resolution: materials and derived quantities ---------------------------------------


#: theoretical capacity of lithium metal from Faraday's law [mAh/g] (F/(3.6 M_Li)).
@lru_cache(maxsize=1)
def li_metal_capacity_mAh_g() -> float:
    from solidcell.chemistry.capacity import theoretical_capacity

    # one electron per atom (Li -> Li+ + e-) given, as the knowledge base's li_metal has it:
    # looking it up read and validated every curated YAML file on a design's first resolution
    return theoretical_capacity("Li", electrons=1).capacity_mAh_g


def holds_lithium(mat: Material) -> bool | None:
    """Whether an active material's formula holds lithium (``S``: False; ``LiCoO2``: True);
    None without a readable formula (an inline material may give none)."""
    if not mat.formula:
        return None
    from solidcell.chemistry.composition import parse_composition

    try:
        return "Li" in parse_composition(mat.formula)
    except ValidationError:
        return None


def held_lithium_thickness_m(prelithiation: Any, host_capacity_mAh_m2: Any,
                             li_density_kg_m3: Any, li_capacity_mAh_g: Any) -> Any:
    """Dense lithium [m] a host anode holds at assembly when it holds ``prelithiation`` (a
    fraction) of its capacity ``host_capacity_mAh_m2`` [mAh/m2]: ``p Q_host / (q_Li rho_Li)``
    (Faraday's law ``li_capacity_mAh_g``, codata2018; ``li_density_kg_m3``). Floats or arrays.
    The one conversion of ``anode.prelithiation`` into ``anode.excess_li_thickness_m``, the
    quantity the bookkeeping uses; Li_xIn on the knowledge base's indium (capacity: LiIn) is
    ``prelithiation`` x (santhosha2019: the In-InLi electrode, 0 < x < 1)."""
    return prelithiation * host_capacity_mAh_m2 / (li_density_kg_m3 * li_capacity_mAh_g
                                                   * 1000.0)


def net_first_cycle_loss(loss: Any, held_capacity: Any, cathode_capacity: Any,
                         lithium_free: Any, cathode_loss: Any = 0.0) -> Any:
    """The first-cycle loss (a fraction of the cathode's capacity) left after the lithium an
    anode holds at assembly has supplied it: ``max(loss - surplus / Q, cathode_loss, 0)``
    with ``surplus = held - Q`` for a lithium-free cathode (its capacity Q is cycled from the
    held lithium) and ``held`` for a lithiated one (one capacity unit; floats or arrays).
    Pre-lithiation compensates the active lithium lost in the first cycles, which otherwise
    comes from the positive electrode (holtstiege2018_prelithiation). ``cathode_loss`` is the
    cathode's own share, sites it does not refill at the end of discharge
    (kasnatscheew2016_ncm_first_cycle, robert2018_nca_overdischarge): no lithium in the anode
    fills them, and the lithium lost elsewhere overlaps them (the cathode takes back at most
    ``(1 - cathode_loss) Q``, the anode gives back at most ``(1 - loss) Q + surplus``: the
    smaller is delivered). The delivered capacity ``(1 - net) Q`` never exceeds the cathode's
    Q. The one rule of ``core`` and :class:`ResolvedDesign`."""
    surplus = np.maximum(held_capacity - cathode_capacity * lithium_free, 0.0)
    return np.maximum(loss - surplus / cathode_capacity, np.maximum(cathode_loss, 0.0))


def _held_shown(anode: Anode, held_m: float, per_m: float, host_capacity_mAh_m2: float | None
                ) -> tuple[str, Any, Any]:
    """(field, value shown, how to show a held thickness [m]) of the held lithium in a
    refusal: ``anode.prelithiation`` as the fraction given, else the dense-lithium
    thickness."""
    if anode.prelithiation is not None and host_capacity_mAh_m2:
        def as_share(t: float) -> str:
            return (f"{t * per_m / host_capacity_mAh_m2:.4g} of the host's capacity "
                    f"({_in_um(t)} of dense lithium)")
        return "anode.prelithiation", anode.prelithiation, as_share
    return "anode.excess_li_thickness_m", _in_um(held_m), lambda t: f"{_in_um(t)} of lithium"


def check_lithium_source(anode: Anode, capacity_mAh_m2: float, li_density_kg_m3: float | None,
                         li_capacity_mAh_g: float, cathode_id: str,
                         held_m: float | None = None,
                         host_capacity_mAh_m2: float | None = None) -> None:
    """A lithium-free cathode (sulfur, built unlithiated) cycles only the anode's lithium: a
    lithium-metal foil (N/P >= 1 holds all of it), an anode-free cell's lithium reservoir, or
    the lithium a host anode (li_in, graphite, silicon, lto) holds at assembly, the last two
    (``held_m``, default ``excess_li_thickness_m``, as dense lithium; a host's
    ``prelithiation`` resolved by :func:`held_lithium_thickness_m`) at least as large as the
    cathode's capacity. A host without held lithium (the indium of Li-In as stored) has none
    to cycle."""
    if anode.kind == "li_metal":
        return
    held_m = anode.excess_li_thickness_m if held_m is None else held_m
    rule = (f"cathode.active_material {cathode_id!r} holds no lithium, so the cell's lithium "
            "must be the anode's: kind 'li_metal' (N/P >= 1), or excess_li_thickness_m "
            "holding the cathode's capacity ('anode_free': a reservoir; li_in, graphite, "
            "silicon, lto: the lithium the host holds at assembly, or prelithiation, the "
            "same as a fraction of the host's capacity)")
    if li_density_kg_m3 is None or (anode.kind != "anode_free" and held_m <= 0):
        raise ValidationError("anode.kind", anode.kind, rule)
    per_m = li_density_kg_m3 * li_capacity_mAh_g * 1000.0  # mAh/m2 per m of lithium
    if held_m * per_m < capacity_mAh_m2 * (1.0 - 1e-9):
        field, value, show = _held_shown(anode, held_m, per_m, host_capacity_mAh_m2)
        raise ValidationError(field, value,
                              f"{rule}: at least {show(capacity_mAh_m2 / per_m)} for "
                              f"{capacity_mAh_m2 / 1e4:.4g} mAh/cm2")


def host_overfilled(host_capacity: Any, held_capacity: Any, cathode_capacity: Any,
                    lithium_free: Any) -> Any:
    """Whether a host anode cannot take the lithium it holds at full charge (floats or
    arrays, one capacity unit): the lithium it holds at assembly plus, for a lithiated
    cathode, the cathode's (a lithium-free cathode's lithium is the held lithium itself).
    The one rule of :func:`check_held_lithium` and of ``core``'s reason 10."""
    need = held_capacity + cathode_capacity * (1.0 - lithium_free)
    return host_capacity < need * (1.0 - 1e-9)


def check_held_lithium(anode: Anode, host_capacity_mAh_m2: float, capacity_mAh_m2: float,
                       li_density_kg_m3: float, li_capacity_mAh_g: float,
                       lithium_free: bool, held_m: float | None = None) -> None:
    """A host anode (li_in, graphite, silicon, lto) holding ``held_m`` (default
    ``excess_li_thickness_m``; a ``prelithiation`` resolved by
    :func:`held_lithium_thickness_m`) of lithium at assembly must take it, and a lithiated
    cathode's lithium on charge, within its capacity (``host_capacity_mAh_m2``: N/P x the
    cathode's): more would be left as lithium metal (or, for Li-In, Li-richer alloys) off the
    host's potential. Lithium as dense metal (``li_density_kg_m3``, Faraday's law
    ``li_capacity_mAh_g``, codata2018)."""
    held_m = anode.excess_li_thickness_m if held_m is None else held_m
    if anode.kind not in HOST_KINDS or held_m <= 0:
        return
    per_m = li_density_kg_m3 * li_capacity_mAh_g * 1000.0  # mAh/m2 per m of lithium
    held = held_m * per_m
    if host_overfilled(host_capacity_mAh_m2, held, capacity_mAh_m2, float(lithium_free)):
        room = host_capacity_mAh_m2 - (0.0 if lithium_free else capacity_mAh_m2)
        also = "" if lithium_free else (f" less the cathode's {capacity_mAh_m2 / 1e4:.4g} "
                                        "mAh/cm2 it takes on charge")
        field, value, show = _held_shown(anode, held_m, per_m, host_capacity_mAh_m2)
        raise ValidationError(
            field, value,
            f"at most {show(max(room, 0.0) / per_m)}: the {anode.kind} host "
            f"holds {host_capacity_mAh_m2 / 1e4:.4g} mAh/cm2 (N/P "
            f"{host_capacity_mAh_m2 / capacity_mAh_m2:.4g}){also}; raise its thickness or "
            "N/P, or hold less lithium")


def _material(ref: MaterialRef, where: str) -> Material:
    if isinstance(ref, Material):
        return ref
    from solidcell.materials import resolve

    try:
        return resolve(ref)
    except NotFoundError as exc:
        hint = str(exc).split("; ", 1)[1] if "; " in str(exc) else ""
        raise ValidationError(where, ref, "must be the id of a material in the knowledge base"
                              + (f"; {hint}" if hint else "")) from None


def _prop(mat: Material, name: str, where: str, needed_for: str) -> tuple[float, str]:
    prop = mat.get(name)
    value = prop.si if prop is not None else None
    if value is None or prop is None:
        # the command that adds one, for a material of the database (an inline one has no id
        # there); a user's own halide had no density and the message named no way to add it
        add = (f"; add one with its source: solidcell materials measure {mat.id} --property "
               f"{name} --value VALUE_WITH_UNIT --source KEY" if mat.origin == "user" else "")
        raise ValidationError(where, mat.id, f"needs a '{name}' in the materials database "
                              f"(or an inline material with one) for {needed_for}{add}")
    return float(value), prop.source


@dataclass(frozen=True)
class Layer:
    """A resolved composite: volume fractions of the layer and the constituents' data."""

    materials: dict[str, Material]  # role -> material ("active", "electrolyte", ...)
    volume_fractions: dict[str, float]  # of the whole layer; they sum to 1 - porosity
    densities_kg_m3: dict[str, float]
    specific_capacity_mAh_g: float
    average_voltage_V: float
    sources: tuple[str, ...]
    capacity_basis: str = "practical"  # practical | theoretical | design | faraday

    @property
    def active_volume_fraction(self) -> float:
        return self.volume_fractions["active"]

    @property
    def electrolyte_volume_fraction(self) -> float:
        return self.volume_fractions.get("electrolyte", 0.0)

    @property
    def density_kg_m3(self) -> float:
        """Mass per layer volume (pores empty)."""
        return sum(self.volume_fractions[r] * self.densities_kg_m3[r]
                   for r in self.volume_fractions)

    @property
    def capacity_density_mAh_m3(self) -> float:
        """Capacity per layer volume [mAh/m3] (specific capacity in mAh/kg x kg/m3)."""
        return (self.active_volume_fraction * self.densities_kg_m3["active"]
                * self.specific_capacity_mAh_g * 1000.0)


def _layer(spec: Composite | Anode, active: Material, where: str) -> Layer:
    roles = {"active": (active, spec.active_fraction)}
    for role in ("electrolyte", "carbon", "binder"):
        frac = getattr(spec, f"{role}_fraction")
        if frac > 0:
            roles[role] = (_material(getattr(spec, role), f"{where}.{role}"), frac)
    sources: list[str] = []
    dens: dict[str, float] = {}
    mats: dict[str, Material] = {}
    for role, (mat, _) in roles.items():
        name = "active_material" if role == "active" else role
        rho, src = _prop(mat, "density", f"{where}.{name}", "the mass balance")
        dens[role], mats[role] = rho, mat
        sources.append(src)
    if spec.fraction_basis == "mass":
        vol = {r: f / dens[r] for r, (_, f) in roles.items()}
        total = sum(vol.values())
        solid = {r: v / total for r, v in vol.items()}
    else:
        solid = {r: f for r, (_, f) in roles.items()}
    vf = {r: f * (1.0 - spec.porosity) for r, f in solid.items()}
    field_name = "material" if isinstance(spec, Anode) else "active_material"
    basis = "design"
    if spec.specific_capacity_mAh_g is not None:
        q = spec.specific_capacity_mAh_g
    elif active.formula == "Li" or active.id == "li_metal":
        # lithium metal: Faraday's law (codata2018), the value the plated-lithium volume uses,
        # so that N/P = 1 sizes a foil exactly as thick as the lithium the cathode plates
        q = li_metal_capacity_mAh_g()
        basis = "faraday"
        sources.append("codata2018")
    else:
        basis = "practical" if active.get("practical_capacity") is not None else "theoretical"
        prop = active.get("practical_capacity") or active.get("theoretical_capacity")
        if prop is None or prop.si is None:
            raise ValidationError(f"{where}.{field_name}", active.id,
                                  "needs a practical or theoretical capacity (or give "
                                  "specific_capacity_mAh_g)")
        else:
            q = prop.si
            sources.append(prop.source)
    if spec.average_voltage_V is not None:
        v = spec.average_voltage_V
    else:
        prop = active.get("average_voltage")
        if prop is None or prop.si is None:
            if active.formula == "Li" or active.id == "li_metal":
                v = 0.0  # the reference electrode itself
            else:
                raise ValidationError(f"{where}.{field_name}", active.id,
                                      "needs an average_voltage (or give average_voltage_V)")
        else:
            v = prop.si
            sources.append(prop.source)
    return Layer(mats, vf, dens, q, v, tuple(dict.fromkeys(sources)), basis)


def check_coating_room(thickness_m: float, coat_ratio: float, active_vf: float,
                       porosity: float, radius_m: float) -> None:
    """Refuse a particle coating whose volume does not fit in the cathode's void.

    The cathode's stated fractions are of its uncoated solids and fill ``1 - porosity`` of the
    layer; the coating's shell, ``((1 + t/r)^3 - 1) x`` the active volume fraction (geometry),
    takes its room from the void (``porosity``), so the layer's volumes add up to at most 1.
    Tolerance :data:`FRACTION_SUM_TOLERANCE`."""
    coat_vf = coat_ratio * active_vf
    if coat_vf > porosity + FRACTION_SUM_TOLERANCE:
        raise ValidationError(
            "cathode.coating_thickness_m", shown_number("cathode.coating_thickness_m",
                                                        thickness_m),
            f"a coating that fits in the cathode's void: its volume ((1 + t/r)^3 - 1) x active "
            f"volume fraction = {coat_vf:.4g} of the layer (r = {_in_um(radius_m)}) exceeds "
            f"cathode.porosity = {porosity:.4g}; the active, electrolyte, carbon and binder "
            "fractions are of the uncoated solids and fill 1 - porosity, so give a porosity "
            "at least the coating's volume or a thinner coating")


#: Words of every particle-bound message (:attr:`ParticleBound.allowed`).
PARTICLE_RULE = "active particle diameter"


@dataclass(frozen=True)
class ParticleBound:
    """The least thickness of a composite electrode layer: one active particle diameter.

    A composite layer holds whole active particles, so it cannot be thinner than one of them,
    ``2 r`` (geometry, no fitted number). ``r`` is the layer's ``particle_radius_m`` when given,
    else half the active material's ``particle_size`` in the knowledge base. A dense film
    (``active_fraction`` 1) or a material without a particle size has no bound
    (:func:`particle_bound` returns None)."""

    field: str  # the thickness it bounds ("cathode.thickness_m", "anode.thickness_m")
    radius_m: float
    origin: str  # where the radius comes from, with its source
    #: the bib key of the material's ``particle_size`` the radius is half of; None when the
    #: design gives ``particle_radius_m`` (a result whose numbers rest on the bound cites it)
    source: str | None = None

    @property
    def min_thickness_m(self) -> float:
        return 2.0 * self.radius_m

    def below(self, thickness_m: Any) -> Any:
        """Whether ``thickness_m`` [m] (a float or an array) is under the bound."""
        return thickness_m < self.min_thickness_m

    @property
    def allowed(self) -> str:
        return (f"at least the {PARTICLE_RULE} 2 x r = {_in_um(self.min_thickness_m)} "
                f"({self.origin})")


def particle_bound(spec: Composite | Anode, active: Material, layer: str
                   ) -> ParticleBound | None:
    """The :class:`ParticleBound` of the composite ``layer`` ("cathode" or "anode") of
    ``spec`` with active material ``active``; None for a dense film (``active_fraction`` 1)
    or an active material without a ``particle_size``."""
    if spec.active_fraction >= 1.0:
        return None
    r = getattr(spec, "particle_radius_m", None)
    if r is not None:
        origin = f"{layer}.particle_radius_m {_in_um(r)}, as given"
    else:
        prop = active.get("particle_size")
        if prop is None or prop.si is None:
            return None
        r = prop.si / 2.0
        origin = (f"particle_radius_m {_in_um(r)}: half the particle_size "
                  f"{_in_um(prop.si)} of {active.id}, {prop.source}")
        return ParticleBound(f"{layer}.thickness_m", r, origin, prop.source)
    return ParticleBound(f"{layer}.thickness_m", r, origin)


def particle_bounds(rd: ResolvedDesign) -> tuple[ParticleBound, ...]:
    """The particle bounds of ``rd``'s composite layers (cathode; graphite, silicon or lto
    anode), the rule :meth:`ResolvedDesign.build` applies and screening applies per row."""
    d = rd.design
    out = [particle_bound(d.cathode, rd.cathode.materials["active"], "cathode")]
    if d.anode.kind in COMPOSITE_KINDS and rd.anode is not None:
        out.append(particle_bound(d.anode, rd.anode.materials["active"], "anode"))
    return tuple(b for b in out if b is not None)


def bounded_thickness_m(bound: ParticleBound, rd: ResolvedDesign, cathode_thickness_m: Any,
                        np_ratio: Any = None) -> Any:
    """The thickness [m] ``bound`` applies to when ``rd``'s cathode is ``cathode_thickness_m``
    [m] (floats or arrays) and, for a composite anode, its N/P ``np_ratio`` (None: the
    design's): the cathode's own, or the anode's, which is proportional to both at a fixed
    footprint share (screens and ``crossover`` vary them without resolving each design)."""
    if bound.field == "cathode.thickness_m":
        return cathode_thickness_m
    ratio = 1.0 if np_ratio is None else np_ratio / rd.np_ratio
    return rd.anode_thickness_m * ratio * (cathode_thickness_m / rd.cathode_thickness_m)


#: Why a cathode whose areal capacity overflows is refused: the design model's words and those
#: of reason 7 of :func:`solidcell.cell.energy.core` (one rule, :func:`capacity_overflows`).
CAPACITY_OVERFLOW_RULE = ("gives an areal capacity beyond the range of a float; give a "
                          "thickness and loading of a real electrode")


def cathode_areal_capacity_A_h_m2(active_volume_fraction: Any, active_density_kg_m3: Any,
                                  capacity_A_h_kg: Any, thickness_m: Any,
                                  footprint_fraction: Any = 1.0) -> Any:
    """Cathode capacity per footprint area [A h/m2], ``f (v rho q) t``: the active volume
    fraction of the layer ``v`` x the active density ``rho`` [kg/m3] x the specific capacity
    ``q`` [A h/kg, i.e. mAh/g] x the thickness ``t`` [m] x the share of the footprint the
    cathode occupies ``f`` (1 planar; :attr:`ResolvedDesign.cathode_footprint_fraction`).
    Floats or arrays; the one product, in this order, of :meth:`ResolvedDesign.build` and
    :func:`solidcell.cell.energy.core`, so that both round alike at the float limit."""
    return (footprint_fraction * (active_volume_fraction * active_density_kg_m3
                                  * capacity_A_h_kg)) * thickness_m


def capacity_overflows(areal_capacity_A_h_m2: Any) -> Any:
    """Whether an areal capacity [A h/m2] (a float or an array) lies beyond the range of a
    float in mAh/m2 (``x * 1000`` is not finite), the unit the design model computes N/P in:
    a cathode thickness or loading near the float limit (the EV example's cathode made 1e300 m
    thick holds 6.0e305 A h/m2, inf in mAh/m2). A NaN capacity (none computed) is no
    overflow. The rule of :meth:`ResolvedDesign.build` (refused, :data:`CAPACITY_OVERFLOW_RULE`)
    and of reason 7 of :func:`solidcell.cell.energy.core`."""
    cap = np.asarray(areal_capacity_A_h_m2, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        return ~np.isfinite(cap * 1000.0) & ~np.isnan(cap)


@dataclass(frozen=True)
class ResolvedDesign:
    """A design with its materials and the derived quantities analyses need (SI floats).

    Build it with :meth:`CellDesign.resolved`; it is immutable.
    """

    design: CellDesign
    cathode: Layer
    anode: Layer | None  # None for anode-free
    separator_electrolyte: Material
    separator_density_kg_m3: float
    cathode_thickness_m: float
    cathode_active_loading_kg_m2: float  # per area of the cathode region (plate, channel)
    cathode_footprint_fraction: float  # share of the footprint the cathode occupies (3D)
    anode_thickness_m: float  # foil or composite thickness (0 for anode-free)
    np_ratio: float | None
    cathode_collector_density_kg_m3: float
    anode_collector_density_kg_m3: float
    coating_density_kg_m3: float
    coating_volume_per_active_volume: float
    casing_density_kg_m3: float
    substrate_density_kg_m3: float
    bipolar_collector_density_kg_m3: float
    li_density_kg_m3: float | None  # lithium metal, for plated/stripped lithium volumes
    li_capacity_mAh_g: float
    interlayer_film_density_kg_m3: float = 0.0  # 0 without format.interlayer_film
    sources: tuple[str, ...] = field(default=())
    #: (field, material) of the parts whose upper temperature limit the design temperature
    #: must stay below: electrodes' metals and actives, collectors, casing, substrate, and the
    #: electrolytes (separator, catholyte, anolyte; a composite's components after it, the
    #: field naming them): see :func:`check_solid_parts`
    solid_parts: tuple[tuple[str, Material], ...] = field(default=())
    #: the cathode's active material holds no lithium (:func:`holds_lithium` is False:
    #: sulfur): its formula parsed once, for the lithium-source check and the energy model
    cathode_lithium_free: bool = False
    #: the lithium a host anode holds at assembly as dense lithium [m]
    #: (``excess_li_thickness_m``, or ``prelithiation`` x the host's capacity:
    #: :func:`held_lithium_thickness_m`); an anode-free cell's reservoir; 0 for a li_metal foil
    held_li_thickness_m: float = 0.0

    @property
    def first_cycle_loss(self) -> float:
        """The design's ``first_cycle_loss`` less what the lithium the anode holds at
        assembly supplies (a lithium-metal foil, all of it; an anode-free reservoir; a host's
        held lithium), at least the cathode's own ``cathode_first_cycle_loss``
        (:func:`net_first_cycle_loss`), as ``core`` counts it."""
        d = self.design
        loss, own = d.first_cycle_loss, d.cathode_first_cycle_loss
        held = 0.0
        if d.anode.kind == "li_metal" and self.np_ratio is not None:
            # a lithium foil holds lithium too: all of it, N/P x the cathode's capacity
            held = self.np_ratio * self.areal_capacity_A_h_m2
        elif d.anode.kind in (*HOST_KINDS, "anode_free") and self.held_li_thickness_m > 0 \
                and self.li_density_kg_m3 is not None:
            # A h/m2: m x kg/m3 x mAh/g (1 mAh/g = 1 A h/kg)
            held = self.held_li_thickness_m * self.li_density_kg_m3 * self.li_capacity_mAh_g
        elif own == 0:
            return loss
        return float(net_first_cycle_loss(loss, held, self.areal_capacity_A_h_m2,
                                          float(self.cathode_lithium_free), own))

    # --- derived quantities a simulator needs ------------------------------------------
    @property
    def cathode_active_volume_fraction(self) -> float:
        return self.cathode.active_volume_fraction

    @property
    def cathode_electrolyte_volume_fraction(self) -> float:
        return self.cathode.electrolyte_volume_fraction

    @property
    def cathode_porosity(self) -> float:
        return self.design.cathode.porosity

    @property
    def separator_thickness_m(self) -> float:
        return self.design.separator.thickness_m

    @property
    def cathode_specific_capacity_mAh_g(self) -> float:
        return self.cathode.specific_capacity_mAh_g

    @property
    def areal_capacity_mAh_cm2(self) -> float:
        """Cathode capacity per footprint area [mAh/cm2] (before first-cycle loss)."""
        # kg/m2 x mAh/g (= A h/kg) = A h/m2; 1 A h/m2 = 0.1 mAh/cm2
        return (self.cathode_active_loading_kg_m2 * self.cathode.specific_capacity_mAh_g
                * 0.1 * self.cathode_footprint_fraction)

    @property
    def areal_capacity_A_h_m2(self) -> float:
        return self.areal_capacity_mAh_cm2 * 10.0

    @property
    def cell_voltage_V(self) -> float:
        """Average voltage of one cell (cathode minus anode vs Li/Li+)."""
        anode_v = self.anode.average_voltage_V if self.anode is not None else 0.0
        return self.cathode.average_voltage_V - anode_v

    @property
    def cathode_particle_radius_m(self) -> float | None:
        if self.design.cathode.particle_radius_m is not None:
            return self.design.cathode.particle_radius_m
        size = self.cathode.materials["active"].si("particle_size")
        return None if size is None else size / 2.0

    @classmethod
    def build(cls, design: CellDesign) -> ResolvedDesign:
        c = design.cathode
        active = _material(c.active_material, "cathode.active_material")
        cat = _layer(c, active, "cathode")
        sources = list(cat.sources)
        rho_am = cat.densities_kg_m3["active"]
        if c.thickness_m is not None:
            thickness = c.thickness_m
            loading = cat.active_volume_fraction * rho_am * thickness
            if c.active_loading_kg_m2 is not None and \
                    abs(c.active_loading_kg_m2 - loading) > 0.01 * loading:
                raise ValidationError(
                        "cathode.active_loading_kg_m2", c.active_loading_kg_m2,
                        f"disagrees with thickness_m = {_in_um(thickness)}, which gives "
                        f"{loading:.4g} kg/m2 (active volume fraction x density x thickness); "
                        "give one of them or make them agree within 1 %")
        else:
            loading = float(c.active_loading_kg_m2)  # type: ignore[arg-type]
            thickness = loading / (cat.active_volume_fraction * rho_am)
        if design.architecture.kind == "thin_film" and not thickness <= THIN_FILM_MAX_CATHODE_M:
            if c.thickness_m is not None:
                raise ValidationError("cathode.thickness_m",
                                      shown_number("cathode.thickness_m", c.thickness_m),
                                      THIN_FILM_CATHODE_ALLOWED)
            raise ValidationError("cathode.active_loading_kg_m2", c.active_loading_kg_m2,
                                  f"gives a cathode {_in_um(thickness)} thick; "
                                  f"cathode.thickness_m {THIN_FILM_CATHODE_ALLOWED}")
        bound = particle_bound(c, active, "cathode")
        if bound is not None and bound.below(thickness):
            if c.thickness_m is not None:
                raise ValidationError("cathode.thickness_m", _in_um(c.thickness_m),
                                      bound.allowed)
            raise ValidationError(
                "cathode.active_loading_kg_m2", c.active_loading_kg_m2,
                f"gives a cathode {_in_um(thickness)} thick; cathode.thickness_m must be "
                + bound.allowed)
        sep_mat = _material(design.separator.electrolyte, "separator.electrolyte")
        rho_sep, src = _prop(sep_mat, "density", "separator.electrolyte", "the mass balance")
        sources.append(src)
        li_cap = li_metal_capacity_mAh_g()
        li_rho: float | None = None
        li_mat: Material | None = None
        a = design.anode
        needs_li = a.kind in ("li_metal", "anode_free")
        if needs_li:
            li_mat = _material(a.material_ref, "anode.material")
            li_rho, src = _prop(li_mat, "density", "anode.material", "the lithium volume")
            sources += [src, "codata2018"]
        else:  # a host: the lithium it holds at assembly (also for a screen that sweeps it)
            li_rho, src = _prop(_material("li_metal", "anode.excess_li_thickness_m"), "density",
                                "anode.excess_li_thickness_m", "the held lithium's mass")
            if a.holds_lithium_at_assembly:
                sources += [src, "codata2018"]
        arch = design.architecture
        if arch.kind == "interdigitated_3d":
            pitch = arch.cathode_width_m + arch.anode_width_m + 2 * arch.gap_m  # type: ignore
            fill = arch.cathode_width_m / pitch  # type: ignore[operator]
            fill_a = arch.anode_width_m / pitch  # type: ignore[operator]
        elif arch.kind == "vertically_aligned":
            fill = (arch.cathode_width_m / (arch.cathode_width_m + arch.gap_m)) ** 2  # type: ignore
            fill_a = 0.0
        else:
            fill, fill_a = 1.0, 0.0
        area_cap = cathode_areal_capacity_A_h_m2(cat.active_volume_fraction, rho_am,
                                                 cat.specific_capacity_mAh_g, thickness, fill)
        if capacity_overflows(area_cap):  # a thickness or loading near the float limit
            given = ("cathode.thickness_m", _in_um(c.thickness_m)) if c.thickness_m is not None \
                else ("cathode.active_loading_kg_m2", c.active_loading_kg_m2)
            raise ValidationError(*given, CAPACITY_OVERFLOW_RULE)
        if not area_cap > 0:  # a capacity of 5e-324 mAh/g: the product underflows to 0
            raise ValidationError("cathode areal capacity", area_cap,
                                  "must be > 0: active fraction x density x specific capacity "
                                  "x thickness underflows to 0 (core's reason 4, zero "
                                  "capacity); give a larger specific capacity or thickness")
        area_cap_mAh_m2 = area_cap * 1000.0
        anode_layer: Layer | None = None
        np_ratio: float | None = None
        anode_t = 0.0
        if a.kind in FOIL_KINDS:
            mat = li_mat if li_mat is not None else _material(a.material_ref, "anode.material")
            anode_layer = _layer(unchecked_copy(a, {"active_fraction": 1.0,
                                                    "electrolyte_fraction": 0.0,
                                                    "carbon_fraction": 0.0,
                                                    "binder_fraction": 0.0,
                                                    "porosity": 0.0,
                                                    "fraction_basis": "volume"}),
                                 mat, "anode")
            cap_density = anode_layer.capacity_density_mAh_m3
            if arch.kind == "interdigitated_3d":
                anode_t = 0.0
                np_ratio = fill_a * thickness * cap_density / area_cap_mAh_m2
            elif a.thickness_m is not None:
                anode_t = a.thickness_m
                np_ratio = anode_t * cap_density / area_cap_mAh_m2
                if a.np_ratio is not None and abs(np_ratio - a.np_ratio) > 0.01 * a.np_ratio:
                    raise ValidationError(
                        "anode.np_ratio", a.np_ratio,
                        f"disagrees with anode.thickness_m, which gives N/P = {np_ratio:.4g}; "
                        "give one of them")
            else:
                np_ratio = float(a.np_ratio)  # type: ignore[arg-type]
                anode_t = np_ratio * area_cap_mAh_m2 / cap_density
            if np_ratio < 1.0 - 1e-9 and arch.kind == "interdigitated_3d":
                raise ValidationError(
                    "architecture.anode_width_m", _in_um(arch.anode_width_m),
                    f"gives N/P = {np_ratio:.3g} < 1 against the cathode's "
                    f"{area_cap_mAh_m2 / 1e4:.3g} mAh/cm2; use wider anode plates (or kind "
                    "'anode_free')")
            if np_ratio < 1.0 - 1e-9:
                # both layers set N/P: the message names the cathode's thickness too, which
                # is the one at fault when it is absurd (thickness: 1e30 um)
                given = "" if c.thickness_m is not None else ", from its loading"
                raise ValidationError(
                    "anode.thickness_m", _in_um(a.thickness_m),
                    f"gives N/P = {np_ratio:.3g} < 1 against the cathode's "
                    f"{area_cap_mAh_m2 / 1e4:.3g} mAh/cm2 (cathode.thickness_m = "
                    f"{_in_um(thickness)}{given}); use a thicker foil or a thinner cathode "
                    "(or anode kind 'anode_free')")
            sources += anode_layer.sources
        elif a.kind in COMPOSITE_KINDS:
            mat = _material(a.material_ref, "anode.material")
            anode_layer = _layer(a, mat, "anode")
            bound = particle_bound(a, mat, "anode")
            if arch.kind == "interdigitated_3d":
                # composite plates as tall as the cathode's, sized by their width (Sun et al.
                # 2013's printed Li4Ti5O12 | LiFePO4 cell); no layer added to the stack height
                np_ratio = fill_a * thickness * anode_layer.capacity_density_mAh_m3 \
                    / area_cap_mAh_m2
                if np_ratio < 1.0 - 1e-9:
                    raise ValidationError(
                        "architecture.anode_width_m", _in_um(arch.anode_width_m),
                        f"gives N/P = {np_ratio:.3g} < 1 against the cathode's "
                        f"{area_cap_mAh_m2 / 1e4:.3g} mAh/cm2; use wider anode plates")
                bound = None  # the plate widths are not checked against 2 r (as the cathode's)
            else:
                np_ratio = float(a.np_ratio)  # type: ignore[arg-type]
                anode_t = np_ratio * area_cap_mAh_m2 / anode_layer.capacity_density_mAh_m3
            if bound is not None and bound.below(anode_t):
                given = "" if c.thickness_m is not None else ", from its loading"
                raise ValidationError(
                    "anode.np_ratio", a.np_ratio,
                    f"gives a {a.kind} layer {_in_um(anode_t)} thick (N/P x the cathode's "
                    f"{area_cap_mAh_m2 / 1e4:.3g} mAh/cm2, cathode.thickness_m = "
                    f"{_in_um(thickness)}{given}); anode.thickness_m must be {bound.allowed}: "
                    "raise np_ratio or the cathode's thickness")
            sources += anode_layer.sources
        _check_resolved_layers_fit_the_can(design, thickness, anode_t)
        _check_resolved_layers_fit_the_plane(design, thickness, anode_t)
        lithium_free = holds_lithium(active) is False  # parsed once: energy reads the flag
        host_cap = None if np_ratio is None else np_ratio * area_cap_mAh_m2  # mAh/m2
        held_m = 0.0 if a.kind == "li_metal" else a.excess_li_thickness_m
        if a.prelithiation is not None and host_cap is not None and li_rho is not None:
            held_m = float(held_lithium_thickness_m(a.prelithiation, host_cap, li_rho, li_cap))
        if lithium_free:
            check_lithium_source(a, area_cap_mAh_m2, li_rho, li_cap, active.id, held_m, host_cap)
        if host_cap is not None and li_rho is not None:
            check_held_lithium(a, host_cap, area_cap_mAh_m2, li_rho, li_cap, lithium_free,
                               held_m)
        if a.kind in HOST_KINDS and design.first_cycle_loss > 0 and li_rho is not None \
                and held_m * li_rho * li_cap > area_cap * float(lithium_free):  # A h/m2
            sources.append("holtstiege2018_prelithiation")  # it supplies the first-cycle loss
        if design.cathode_first_cycle_loss > 0:  # the cathode's own, no held lithium's
            sources.append("kasnatscheew2016_ncm_first_cycle")
        parts: list[tuple[str, Material]] = [("cathode.active_material", active)]
        if li_mat is not None or anode_layer is not None:  # the lithium, or the resolved anode
            parts.append(("anode.material", li_mat if li_mat is not None
                          else anode_layer.materials["active"]))  # type: ignore[union-attr]
        cc_c = _material(design.cathode_current_collector.material,
                         "cathode_current_collector.material")
        rho_ccc, src = _prop(cc_c, "density", "cathode_current_collector.material", "its mass")
        sources.append(src)
        cc_a = _material(design.anode_current_collector.material,
                         "anode_current_collector.material")
        rho_cca, src = _prop(cc_a, "density", "anode_current_collector.material", "its mass")
        sources.append(src)
        parts += [("cathode_current_collector.material", cc_c),
                  ("anode_current_collector.material", cc_a)]
        parts += _electrolyte_parts("separator.electrolyte", sep_mat)
        if "electrolyte" in cat.materials:
            parts += _electrolyte_parts("cathode.electrolyte", cat.materials["electrolyte"])
        if a.kind in COMPOSITE_KINDS and anode_layer is not None \
                and "electrolyte" in anode_layer.materials:
            parts += _electrolyte_parts("anode.electrolyte", anode_layer.materials["electrolyte"])
        rho_coat, coat_ratio = 0.0, 0.0
        if c.coating is not None and c.coating_thickness_m > 0:
            coat = _material(c.coating, "cathode.coating")
            rho_coat, src = _prop(coat, "density", "cathode.coating", "its mass")
            sources.append(src)
            r = c.particle_radius_m
            if r is None:
                size = active.si("particle_size")
                if size is None:
                    raise ValidationError("cathode.particle_radius_m", None,
                                          "a coating needs the active particle radius (give "
                                          "particle_radius_m or a material particle_size)")
                r = size / 2.0
                # the coating's mass rests on the material's particle size: cite it
                sources.append(active.get("particle_size").source)  # type: ignore[union-attr]
            try:  # a 1e300 m coating on a 2.5 um particle: "Numerical result out of range"
                coat_ratio = (1.0 + c.coating_thickness_m / r) ** 3 - 1.0
            except OverflowError:
                coat_ratio = math.inf
            if not math.isfinite(coat_ratio):
                raise ValidationError("cathode.coating_thickness_m", c.coating_thickness_m,
                                      f"a coating whose shell volume per particle volume, "
                                      f"(1 + t/r)^3 - 1 with r = {r:.3g} m, is a finite "
                                      "number (a float holds at most about 1.8e308)")
            check_coating_room(c.coating_thickness_m, coat_ratio,
                               cat.volume_fractions["active"], c.porosity, r)
        f = design.format
        rho_case = 0.0
        if f.casing_thickness_m > 0:
            if f.casing_density_kg_m3 is not None:
                rho_case = f.casing_density_kg_m3
            else:
                case = _material(f.casing_material, "format.casing_material")  # type: ignore
                rho_case, src = _prop(case, "density", "format.casing_material", "its mass")
                sources.append(src)
                parts.append(("format.casing_material", case))
        rho_sub = 0.0
        if f.substrate is not None:
            sub = _material(f.substrate, "format.substrate")
            rho_sub, src = _prop(sub, "density", "format.substrate", "its mass")
            sources.append(src)
            parts.append(("format.substrate", sub))
        rho_film = 0.0
        if f.interlayer_film is not None:
            film = _material(f.interlayer_film.material, "format.interlayer_film.material")
            rho_film, src = _prop(film, "density", "format.interlayer_film.material",
                                  "its mass")
            sources.append(src)
        rho_bp = rho_ccc
        bp = design.architecture.bipolar_collector
        if bp is not None:
            bpm = _material(bp.material, "architecture.bipolar_collector.material")
            rho_bp, src = _prop(bpm, "density", "architecture.bipolar_collector.material",
                                "its mass")
            sources.append(src)
            parts.append(("architecture.bipolar_collector.material", bpm))
        resolved = cls(
            design=design, cathode=cat, anode=anode_layer, separator_electrolyte=sep_mat,
            separator_density_kg_m3=rho_sep, cathode_thickness_m=thickness,
            cathode_active_loading_kg_m2=loading, cathode_footprint_fraction=fill,
            anode_thickness_m=anode_t,
            np_ratio=np_ratio, cathode_collector_density_kg_m3=rho_ccc,
            anode_collector_density_kg_m3=rho_cca, coating_density_kg_m3=rho_coat,
            coating_volume_per_active_volume=coat_ratio, casing_density_kg_m3=rho_case,
            substrate_density_kg_m3=rho_sub, bipolar_collector_density_kg_m3=rho_bp,
            li_density_kg_m3=li_rho, li_capacity_mAh_g=li_cap,
            interlayer_film_density_kg_m3=rho_film,
            sources=tuple(dict.fromkeys(sources)),
            solid_parts=tuple(parts), cathode_lithium_free=lithium_free,
            held_li_thickness_m=held_m,
        )
        check_solid_parts(resolved, design.temperature_K)
        return resolved


#: Electrolyte classes used above their melting temperature: PEO melts at 65 degC and PEO
#: cells run at 60-80 degC (xue2015_peo), and the curated composites hold such a polymer. Their
#: upper limit is the onset of thermal decomposition, not the melting temperature.
MOLTEN_USE_CLASSES = ("solid_polymer", "gel_polymer", "composite")


def upper_temperature_limit(mat: Material) -> tuple[str, float, str] | None:
    """(property name, temperature [K], source) of the lowest temperature at which ``mat``
    stops being the solid the cell models describe, or None when the knowledge base has none.

    ``melting_temperature`` (not for the classes of :data:`MOLTEN_USE_CLASSES`, which are used
    molten) and ``decomposition_temperature`` count; of a range, its lower end."""
    best: tuple[str, float, str] | None = None
    names = ["decomposition_temperature"]
    if mat.electrolyte_class not in MOLTEN_USE_CLASSES:
        names.insert(0, "melting_temperature")
    for name in names:
        prop = mat.get(name)
        if prop is None:
            continue
        lo = prop.si_range[0]
        t = lo if lo is not None else prop.si
        if t is not None and (best is None or t < best[1]):
            best = (name, t, prop.source)
    return best


#: How :func:`check_solid_parts` names a limit and what crossing it means.
_LIMIT_WORDS = {"melting_temperature": ("melting temperature", "the cell would not be solid"),
                "decomposition_temperature": ("decomposition onset",
                                              "the material would decompose")}


def composite_components(mat: Material) -> tuple[tuple[str, Material], ...]:
    """(id, material) of the listed components of ``mat`` (a composite electrolyte) that the
    knowledge base holds, in order; an unknown id is skipped (the composite models name it).
    Looked up on each call, so a change another process writes to the store is seen."""
    if not mat.components:
        return ()
    from solidcell.materials import resolve

    found: list[tuple[str, Material]] = []
    for comp in mat.components:
        try:
            found.append((comp.material, resolve(comp.material)))
        except NotFoundError:
            continue
    return tuple(found)


def _electrolyte_parts(where: str, mat: Material) -> list[tuple[str, Material]]:
    """(field, material) of an electrolyte and, for a composite, of its listed components
    (a composite decomposes with its polymer): the electrolyte entries of ``solid_parts``."""
    parts = [(where, mat)]
    parts += [(f"{where} {mat.id}, component {mid}", comp)
              for mid, comp in composite_components(mat)]
    return parts


def check_solid_parts(rd: ResolvedDesign, temperature_K: float,
                      field_name: str = "temperature_K") -> None:
    """ValidationError when ``temperature_K`` is at or above the upper temperature limit of a
    part of ``rd`` (:func:`upper_temperature_limit`, with its source; the lowest such limit is
    named). A part must stay below its melting temperature (lithium metal melts at 180.5 degC,
    sulfur at 115.2 degC, aluminium at 660.3 degC, haynes2016_crc; an inorganic electrolyte
    that melts): a cell with a molten electrode, collector, casing or ceramic electrolyte is no
    solid-state cell, and no model here describes it. Every part must stay below its
    decomposition onset; a polymer electrolyte, used above its melting temperature, only that."""
    worst: tuple[float, str, str, Material, str] | None = None
    for part, mat in rd.solid_parts:
        limit = upper_temperature_limit(mat)
        if limit is None or temperature_K < limit[1]:
            continue
        if worst is None or limit[1] < worst[0]:
            worst = (limit[1], limit[0], part, mat, limit[2])
    if worst is None:
        return
    t_lim, name, part, mat, source = worst
    words, why = _LIMIT_WORDS[name]
    raise ValidationError(
        field_name, temperature_K,
        f"must be below {t_lim:g} K ({t_lim - 273.15:.6g} degC), the {words} of {mat.id} "
        f"({part}; {source}): {why}")


#: Suffixes of a cell design file.
DESIGN_SUFFIXES = (".yaml", ".yml", ".json")


def design_file(path: str | Path, field: str = "design") -> Path:
    """``path`` when it is an existing YAML or JSON file; a folder, a missing file or another
    suffix (a ``.txt`` or ``.csv`` would otherwise be read as YAML) raise ValidationError."""
    if not isinstance(path, str | PathLike):  # None, a number: Path() raised TypeError
        raise ValidationError(field, path, "a YAML or JSON design file path (str or Path)")
    try:
        p = Path(path)
    except TypeError:  # a PathLike whose __fspath__ gives bytes
        raise ValidationError(field, path, "a YAML or JSON design file path (str or Path)") \
            from None
    if isinstance(path, str) and not path.strip():  # '' is Path('.'): "'' is a folder"
        raise ValidationError(field, path, "is empty; allowed: the path of a YAML or JSON "
                              "design file")
    if p.is_dir():
        raise ValidationError(field, str(path), "is a folder; allowed: a YAML or JSON design "
                              "file")
    if not p.is_file():
        raise ValidationError(field, str(path), "must be an existing YAML or JSON file")
    if p.suffix.lower() not in DESIGN_SUFFIXES:
        raise ValidationError(field, str(path), "a YAML or JSON file (ending in "
                              f"{', '.join(DESIGN_SUFFIXES)})")
    return p


__all__ = [
    "CAN_ROOM_RULE", "FRACTION_SUM_TOLERANCE", "ROLL_LAYERS", "Anode", "Architecture",
    "Cathode", "CellDesign", "Composite",
    "CurrentCollector", "Format", "InterlayerFilm", "Layer", "Pack", "ResolvedDesign",
    "Separator", "SolidcellError", "can_radial_room_m", "held_lithium_thickness_m",
    "net_first_cycle_loss", "roll_layers",
]

