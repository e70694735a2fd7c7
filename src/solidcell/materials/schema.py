"""The validated data model of a material: every property a value or a range, with its unit,
temperature, method and source.

A property is written the way the paper gives it (``value: 1.0e-3, unit: "S/cm"``) and carries
its canonical float (:attr:`PropertyValue.si`) for the analyses. The property names, their kind
of quantity and their allowed range are in :data:`PROPERTIES`; JSON output uses PyBaMM-style
labels with the unit in brackets (``"Ionic conductivity [S.m-1]"``).
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from solidcell import units
from solidcell.checks import real
from solidcell.errors import NotFoundError, UnitError, ValidationError
from solidcell.validation import Model

#: Longest source key, name (formula, structure type), and free text (note, remark) a
#: material may carry: far above the curated data (17, 58 and 216 characters; formulas 27),
#: low enough that a pasted file is refused. An id has its own rule (:data:`ID_ALLOWED`).
MAX_KEY, MAX_NAME, MAX_TEXT = 200, 200, 5000
#: Highest temperature of a value (and of a query or a measurement): above every processing,
#: melting or sintering temperature the knowledge base holds (their upper bound is the same).
MAX_TEMPERATURE_K = 5000.0
#: Lowest cation transference number t0+ (of a stored value and of the simulation's binary
#: salt, ``CellParameters.transference_number``): the lowest measured in PEO-LiTFSI, whose
#: t0+ "vary from 0.7 to -0.8" over its whole salt concentration window
#: (``jes2018_transference_methods``, abstract). Not a physical limit: a source with a lower
#: measured value widens it.
TRANSFERENCE_NUMBER_MIN = -0.8


@dataclass(frozen=True)
class PropertySpec:
    """What a property is: its kind of quantity, JSON label, bounds and whether T matters."""

    kind: str
    label: str
    lower: float | None = 0.0
    upper: float | None = None
    lower_inclusive: bool = True
    temperature_dependent: bool = False
    description: str = ""
    #: where the bounds come from (a source's bib key), named in a refusal; "" where they are
    #: a plausible range
    bounds_source: str = ""


#: property name -> spec. Canonical units are those of :data:`solidcell.units.KINDS`.
PROPERTIES: dict[str, PropertySpec] = {
    "ionic_conductivity": PropertySpec(
        "ionic conductivity", "Ionic conductivity [S.m-1]", 0.0, 1e4, False, True,
        "total (bulk + grain boundary) ionic conductivity of the mobile ion"),
    "bulk_ionic_conductivity": PropertySpec(
        "ionic conductivity", "Bulk ionic conductivity [S.m-1]", 0.0, 1e4, False, True),
    "grain_boundary_conductivity": PropertySpec(
        "ionic conductivity", "Grain boundary ionic conductivity [S.m-1]", 0.0, 1e4, False, True),
    "electronic_conductivity": PropertySpec(
        "electronic conductivity", "Electronic conductivity [S.m-1]", 0.0, 1e9, True, True),
    "activation_energy": PropertySpec(
        "activation energy", "Activation energy [eV]", 0.0, 3.0, False, False,
        "Arrhenius activation energy of ionic conduction, in the form its arrhenius_form "
        "names (sigma*T where none is given)"),
    "transference_number": PropertySpec(
        "fraction", "Cation transference number", TRANSFERENCE_NUMBER_MIN, 1.0,
        description="cation transference number t0+; 1: a single-ion conductor; negative "
                    "values are measured (PEO-LiTFSI)",
        bounds_source=f"negative values are measured: down to {TRANSFERENCE_NUMBER_MIN:g} "
                      "in PEO-LiTFSI, jes2018_transference_methods; 1 is a single-ion "
                      "conductor"),
    "reduction_limit": PropertySpec(
        "voltage", "Reduction limit [V]", -0.5, 7.0, description="vs Li/Li+ (Na/Na+ for Na)"),
    "oxidation_limit": PropertySpec(
        "voltage", "Oxidation limit [V]", -0.5, 7.0, description="vs Li/Li+ (Na/Na+ for Na)"),
    "density": PropertySpec("density", "Density [kg.m-3]", 0.0, 3e4, False),
    "shear_modulus": PropertySpec("modulus", "Shear modulus [Pa]", 0.0, 1e12, False),
    "youngs_modulus": PropertySpec("modulus", "Young's modulus [Pa]", 0.0, 1e12, False),
    "yield_strength": PropertySpec("pressure", "Yield strength [Pa]", 0.0, 1e11, False),
    "fracture_toughness": PropertySpec(
        "fracture toughness", "Fracture toughness [Pa.m0.5]", 0.0, 1e8, False,
        description="mode I critical stress intensity factor K_IC"),
    "critical_current_density": PropertySpec(
        "current density", "Critical current density [A.m-2]", 0.0, 1e4, False, True,
        "highest current density a Li | electrolyte | Li cell stood before shorting (the "
        "note states the test: pressures, charge per step)"),
    "theoretical_capacity": PropertySpec(
        "specific capacity", "Theoretical capacity [mA.h.g-1]", 0.0, 1e4, False),
    "practical_capacity": PropertySpec(
        "specific capacity", "Practical capacity [mA.h.g-1]", 0.0, 1e4, False),
    "average_voltage": PropertySpec(
        "voltage", "Average voltage [V]", -0.5, 7.0, description="vs Li/Li+"),
    "upper_cutoff_voltage": PropertySpec("voltage", "Upper cut-off voltage [V]", -0.5, 7.0),
    "lower_cutoff_voltage": PropertySpec("voltage", "Lower cut-off voltage [V]", -0.5, 7.0),
    "volume_change": PropertySpec(
        "fraction", "Volume change", -1.0, None,
        description="relative volume change over a full (de)lithiation, 0.05 = 5 %"),
    "particle_size": PropertySpec("particle size", "Particle size [m]", 0.0, 1e-2, False),
    "diffusivity": PropertySpec(
        "diffusivity", "Diffusivity [m2.s-1]", 0.0, 1.0, False, True,
        "chemical diffusivity of Li in the active material"),
    "price": PropertySpec("price", "Price [USD.kg-1]", 0.0, 1e7, True),
    "max_processing_temperature": PropertySpec(
        "temperature", "Maximum processing temperature [K]", 0.0, MAX_TEMPERATURE_K, False),
    "sintering_temperature": PropertySpec(
        "temperature", "Sintering temperature [K]", 0.0, MAX_TEMPERATURE_K, False),
    "melting_temperature": PropertySpec(
        "temperature", "Melting temperature [K]", 0.0, MAX_TEMPERATURE_K, False),
    "decomposition_temperature": PropertySpec(
        "temperature", "Decomposition temperature [K]", 0.0, MAX_TEMPERATURE_K, False,
        description="onset of thermal decomposition (TGA mass-loss onset, loss of sulfur, "
                    "decomposition into other phases; the note states the test); the upper "
                    "limit of a polymer electrolyte, which is used above its melting "
                    "temperature (solidcell.cell.design.check_solid_parts)"),
    "glass_transition_temperature": PropertySpec(
        "temperature", "Glass transition temperature [K]", 0.0, MAX_TEMPERATURE_K,
        False),
    "thermal_expansion": PropertySpec(
        "fraction", "Thermal expansion coefficient [K-1]", -1e-3, 1e-3),
    "areal_resistance": PropertySpec(
        "areal resistance", "Area-specific resistance [Ohm.m2]", 0.0, 10.0, True, True,
        "interface area-specific resistance"),
    "air_stability": PropertySpec("fraction", "Air stability", None, None),
}

Method = Literal["measured", "computed", "review", "estimated", "datasheet"]
Category = Literal[
    "electrolyte", "cathode", "anode", "coating", "current_collector", "substrate", "additive"
]
ElectrolyteClass = Literal[
    "oxide", "sulfide", "halide", "solid_polymer", "gel_polymer", "composite"
]

#: Properties that may carry ``temperature_min``/``temperature_max``: the range of the
#: measurements they were fitted to (an Arrhenius activation energy), which
#: :func:`solidcell.chemistry.conductivity.conductivity_at` honours.
MEASURED_RANGE_PROPERTIES = {"activation_energy"}

#: The Arrhenius forms an ``activation_energy`` may have been fitted in (``arrhenius_form``):
#: ``"sigma_T"``, ln(sigma T) against 1/T (sigma T = A exp(-Ea/kT)), and ``"plain"``, ln sigma
#: against 1/T (sigma = A exp(-Ea/kT)); the names of
#: :data:`solidcell.chemistry.transport.FORMS`. The two differ by about k_B T (0.026 eV at
#: 25 degC) in the activation energy they give for the same data.
ARRHENIUS_FORMS = ("sigma_T", "plain")
#: The form :func:`solidcell.chemistry.conductivity.conductivity_at` applies to an activation
#: energy whose source states none (the behaviour before the field existed).
DEFAULT_ARRHENIUS_FORM = "sigma_T"
#: What an ``arrhenius_form`` may be.
ARRHENIUS_FORM_ALLOWED = ("'sigma_T' (the source fitted ln(sigma T) against 1/T, sigma T = "
                          "A exp(-Ea/kT)) or 'plain' (it fitted ln sigma against 1/T, sigma = "
                          "A exp(-Ea/kT)); leave it out where the source does not say "
                          "(then 'sigma_T' is assumed)")


def arrhenius_form_refusal(name: str, form: object) -> str | None:
    """What is allowed where a value of property ``name`` gives the Arrhenius ``form`` its
    activation energy was fitted in; None where it may: only an ``activation_energy`` has one,
    and only a form of :data:`ARRHENIUS_FORMS`."""
    if name != "activation_energy":
        return (f"only an activation energy has an Arrhenius form; leave it out for {name}")
    if not isinstance(form, str) or form not in ARRHENIUS_FORMS:
        return ARRHENIUS_FORM_ALLOWED
    return None


#: How :meth:`PropertyValue.describe` and conductivity results name a form.
FORM_NAMES = {"sigma_T": "sigma*T", "plain": "plain"}

#: Qualitative properties take ``text`` instead of a number.
TEXT_PROPERTIES = {"air_stability"}

_ID = re.compile(r"[a-z0-9][a-z0-9_.+-]{0,63}")
#: What a material id may be (:data:`_ID`, matched whole: ``'llzo\n'`` was taken, since
#: ``$`` matches before a final line break).
ID_ALLOWED = ("use 1-64 characters of a-z, 0-9, '_', '-', '.', '+' starting with a letter or "
              "digit")

#: Characters no text of a material may hold: control characters (Unicode category Cc: NUL,
#: escape, tab, line breaks ...), the bidirectional embeddings, overrides and isolates
#: (U+202A-U+202E, U+2066-U+2069), which reorder the text shown after them, the direction
#: marks (U+061C, U+200E, U+200F), and the invisible characters that make two texts look the
#: same (zero-width space U+200B, word joiner and invisible operators U+2060-U+2064, the
#: byte-order mark U+FEFF as a zero-width no-break space) or break a line unseen (line and
#: paragraph separators U+2028, U+2029). The zero-width (non-)joiners U+200C/U+200D are
#: allowed: scripts and emoji need them. A source of NUL alone was stored (shown as an empty
#: key), and a U+202E reversed what followed it.
_INVISIBLE = "\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
HIDDEN_CHARACTERS = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
#: The same for a free text of several lines (a note, a remark), which may hold tabs and line
#: breaks (U+0009, U+000A, U+000D; a CSV export keeps them: tests/materials/
#: test_materials_csv_text.py).
HIDDEN_IN_LINES = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE}]")


def hidden_character(text: str, multiline: bool = False) -> str | None:
    """The first character of ``text`` that :data:`HIDDEN_CHARACTERS` (``multiline``:
    :data:`HIDDEN_IN_LINES`) forbids; None when there is none."""
    found = (HIDDEN_IN_LINES if multiline else HIDDEN_CHARACTERS).search(text)
    return None if found is None else found.group()


def refuse_hidden_characters(field: str, text: object, multiline: bool = False) -> None:
    """Raise ValidationError(``field``, ``text``, ...) naming the code (``U+202E``) of the first
    control, invisible or direction-changing character of ``text`` (:func:`hidden_character`); a
    text without one, or no text, passes. The one rule of the models' text fields and of the
    dashboard's text boxes (:func:`solidcell.app.server.refuse_hidden_characters`)."""
    found = hidden_character(text, multiline) if isinstance(text, str) else None
    if found is None:
        return
    kinds = "control (other than tabs and line breaks)" if multiline else "control"
    raise ValidationError(field, text, f"plain text without {kinds}, invisible or "
                          f"direction-changing characters (this has U+{ord(found):04X})")


def plain_text(value: Any, info: ValidationInfo) -> Any:
    """Pydantic after-validator of a one-line text field (a name, a formula, a source key, a
    unit, a value's text; a str, a list of str or None): refuses a control, invisible or
    direction-changing character (:func:`refuse_hidden_characters`), naming the field. A
    stored row is read as it is (:func:`_trusted`: a database written before this rule still
    opens)."""
    return _refuse_hidden(value, info, multiline=False)


def plain_lines(value: Any, info: ValidationInfo) -> Any:
    """:func:`plain_text` for a free text of several lines (a note, a remark), which may hold
    tabs and line breaks."""
    return _refuse_hidden(value, info, multiline=True)


def _refuse_hidden(value: Any, info: ValidationInfo, multiline: bool) -> Any:
    if _trusted(info):
        return value
    for text in value if isinstance(value, list) else [value]:
        refuse_hidden_characters(info.field_name or "", text, multiline)
    return value


def finite_or_none(x: float | None) -> float | None:
    """Pydantic field validator: a number must be finite (None passes)."""
    if x is not None and not math.isfinite(x):
        # (a number of 400 digits in a file is read as inf)
        beyond = "" if math.isnan(x) else (f"; a number beyond the largest float (about "
                                           f"{sys.float_info.max:.2g}) is read as {x!r}")
        raise ValueError(f"{x!r} is not a finite number{beyond}")
    return x


def no_bool(x: Any) -> Any:
    """Pydantic before-validator: a bool is not a number (``value: true`` used to be stored
    as 1.0, ``temperature: true`` as 1 K, ``exchanged_ions: true`` as one ion)."""
    if isinstance(x, bool):
        raise ValueError(f"{x!r} is a bool, not a number")
    return x


def temperature_with_unit(x: Any) -> Any:
    """Pydantic before-validator of a value's ``temperature``: a number is kelvin; text with a
    unit (``"25 degC"``, ``"298.15 K"``) is converted to kelvin, so a lab temperature can be
    written as measured instead of being misread (25 meant as degC is 25 K)."""
    x = no_bool(x)
    if isinstance(x, str):
        try:
            return float(x)
        except ValueError:
            pass
        try:
            return units.parse(x, "temperature")
        except UnitError as exc:
            raise ValueError(f"{exc}; a bare number is read in K") from None
    return x


#: What a ``source`` (of a value, a remark, an OCP curve) may be.
SOURCE_ALLOWED = ("a bibliography key or a note of where it comes from, e.g. "
                  "'lab-notebook-2026-11-25' (not empty, not only spaces)")


def source_given(value: str, info: ValidationInfo) -> str:
    """Pydantic after-validator of a ``source``: some text besides spaces (``'   '`` was stored
    as the source of a measurement; ``''`` was refused in pydantic's words). A stored row is
    read as it is (:func:`_trusted`: a database written before this rule still opens)."""
    if not value.strip() and not _trusted(info):
        raise ValueError(SOURCE_ALLOWED)
    return value


#: Properties a temperature means nothing for: a price, a capacity computed from the formula
#: (Faraday's law), and a property that is itself a temperature (melting, sintering ...).
#: Every other property is measured at some temperature (a density, a modulus, a lithium
#: yield strength, a transference number), which a value may record.
NO_TEMPERATURE = ("price", "theoretical_capacity")


def temperature_properties() -> tuple[str, ...]:
    """The properties a value may give a temperature for: all but :data:`NO_TEMPERATURE`,
    those of kind temperature and an activation energy (:data:`MEASURED_RANGE_PROPERTIES`:
    it holds over the range of temperatures it was fitted to, ``temperature_min`` and
    ``temperature_max``, not at one; a single temperature was stored and used by nothing). A
    price or a melting temperature at "25 degC" was stored as "at 298.15 K" without a word."""
    return tuple(n for n, spec in PROPERTIES.items()
                 if n not in NO_TEMPERATURE and spec.kind != "temperature"
                 and n not in MEASURED_RANGE_PROPERTIES)


# --- the rules of one value, shared by the model (add, update, import, the Python API) and
# by a measurement as typed (solidcell.materials.measurement: `materials measure`, the
# dashboard's forms): each says what is allowed, the caller names the field as it was given

def unknown_property_hint(name: object) -> str:
    """What to write instead of ``name``, which is no property name: the close name
    (``' (did you mean ionic_conductivity?)'``) and, for a window, its two properties; ""
    when nothing fits. Every refusal of a property name adds it (YAML/JSON, CSV, ``measure``,
    ``query``): only the CSV import said "did you mean" before 2026-12-07."""
    import difflib

    if not isinstance(name, str) or not name.strip():
        return ""
    text = name.strip().lower()
    close = difflib.get_close_matches(text, PROPERTIES, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    if "window" in text or ("stability" in text and "air" not in text):
        hint += (" (a stability window is two properties: reduction_limit and "
                 "oxidation_limit, in V vs Li/Li+)")
    return hint


def temperature_refusal(name: str) -> str | None:
    """What is allowed where a value of property ``name`` gives a temperature; None where
    it may (:func:`temperature_properties`)."""
    if name in temperature_properties():
        return None
    if name in MEASURED_RANGE_PROPERTIES:
        return (f"no single temperature for {name}: it holds over the range of temperatures "
                f"it was fitted to; give no temperature for {name}, or that range as "
                "temperature_min and temperature_max (the columns or fields of a file for "
                "`solidcell materials import`, the fields of PropertyValue in Python)")
    return ("only for a property measured at a temperature (not a price, a theoretical "
            f"capacity or a temperature itself); give no temperature for {name}")


def measured_range_refusal(name: str) -> str | None:
    """What is allowed where a value of property ``name`` gives ``temperature_min`` or
    ``temperature_max`` (the range of the measurements it was fitted to); None where it may
    (:data:`MEASURED_RANGE_PROPERTIES`)."""
    if name in MEASURED_RANGE_PROPERTIES:
        return None
    return (f"only an activation energy has the temperature range of its measurements; "
            f"leave it out for {name}")


def year_refusal(name: str, given: bool) -> str | None:
    """What is allowed where a value of property ``name`` gives a year (``given``) or none;
    None where that is right: a price needs the year it was quoted in, nothing else has one."""
    if given and name != "price":
        return f"only a price has a year (property price); give no year for {name}"
    if not given and name == "price":
        return "a price needs the year it was quoted in, e.g. 2024"
    return None


def text_refusal(name: str, text: str) -> str | None:
    """What is allowed where a text property (:data:`TEXT_PROPERTIES`) is given ``text``;
    None when it holds more than spaces (an air stability of '  ' was stored)."""
    if text.strip():
        return None
    return f"{name} takes a text, e.g. 'forms Li2CO3 in air'"


class PropertyValue(Model):
    """One value (or range) of one property, as reported by one source.

    Exactly one of ``value``, a range (``min``/``max``, one side may be open) or ``text`` (for
    qualitative properties) is given. ``unit`` is the unit of the numbers as written.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "property"

    name: str
    value: float | None = None
    min: float | None = None
    max: float | None = None
    text: str | None = None
    unit: str = ""
    temperature: float | None = Field(
        None, description="temperature of the value [K]; None where it does not depend on T"
    )
    temperature_min: float | None = Field(
        None, description="lowest temperature [K] of the measurements an activation energy was "
                          "fitted to (the note says how the range was read); only for "
                          "activation_energy (MEASURED_RANGE_PROPERTIES)")
    temperature_max: float | None = Field(
        None, description="highest temperature [K] of those measurements: above it the "
                          "Arrhenius line is an extrapolation (solidcell.conductivity_at warns)")
    arrhenius_form: str | None = Field(
        None, description="form the source fitted its activation energy in: 'sigma_T' (ln "
                          "sigma*T against 1/T) or 'plain' (ln sigma against 1/T); None where "
                          "it does not say ('sigma_T' is assumed, DEFAULT_ARRHENIUS_FORM); only "
                          "for activation_energy")
    method: Method
    source: str = Field(max_length=MAX_KEY,
                        description="key in solidcell/data/references/*.bib")
    year: int | None = Field(None, ge=1900, le=2100, description="year of a price")
    note: str = Field("", max_length=MAX_TEXT)

    @field_validator("name")
    @classmethod
    def _known_name(cls, name: str) -> str:
        if name not in PROPERTIES:
            raise ValueError(f"unknown property {name!r}{unknown_property_hint(name)}; "
                             f"allowed: {', '.join(PROPERTIES)}")
        return name

    _source = field_validator("source")(source_given)  # (a blank source named as such)
    _plain = field_validator("source", "text", "unit")(plain_text)
    _plain_lines = field_validator("note")(plain_lines)
    _not_bool = field_validator("value", "min", "max", "year", mode="before")(no_bool)
    _temperature_unit = field_validator("temperature", "temperature_min", "temperature_max",
                                        mode="before")(temperature_with_unit)
    _finite = field_validator("value", "min", "max", "temperature", "temperature_min",
                              "temperature_max")(finite_or_none)

    @field_validator("temperature", "temperature_min", "temperature_max", mode="before")
    @classmethod
    def _temperature_allowed(cls, x: Any, info: ValidationInfo) -> Any:
        """A temperature only for a property measured at one (:func:`temperature_refusal`),
        refused as given (``'25 degC'``); a temperature's text without a control or invisible
        character (:func:`refuse_hidden_characters`), as ``materials measure`` reads it."""
        if x is None or _trusted(info):
            return x
        refuse_hidden_characters(info.field_name or "temperature", x)
        name = info.data.get("name")  # (absent when the name itself was refused)
        refusal = None if name is None or info.field_name != "temperature" \
            else temperature_refusal(name)
        if refusal is not None:
            raise ValidationError("temperature", x, refusal)
        return x

    @field_validator("arrhenius_form", mode="before")
    @classmethod
    def _arrhenius_form_allowed(cls, form: Any, info: ValidationInfo) -> Any:
        """Only an activation energy has an Arrhenius form, and only one of
        :data:`ARRHENIUS_FORMS` (:func:`arrhenius_form_refusal`), refused as given."""
        if form is None or _trusted(info):
            return form
        name = info.data.get("name")  # (absent when the name itself was refused)
        refusal = arrhenius_form_refusal(name if name is not None else "activation_energy",
                                         form)
        if refusal is not None:
            raise ValidationError("arrhenius_form", form, refusal)
        return form

    @property
    def fitted_form(self) -> str:
        """The Arrhenius form of an activation energy: ``arrhenius_form`` where the source
        states it, else :data:`DEFAULT_ARRHENIUS_FORM`."""
        return self.arrhenius_form or DEFAULT_ARRHENIUS_FORM

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> PropertyValue:
        if _trusted(info):
            return self
        spec = PROPERTIES[self.name]
        has_range = self.min is not None or self.max is not None
        given = sum([self.value is not None, has_range, self.text is not None])
        if given != 1:
            raise ValueError(
                f"{self.name}: give exactly one of 'value', a range ('min'/'max') or 'text'"
            )
        refusal = year_refusal(self.name, self.year is not None)  # was stored on a density
        if refusal is not None:
            raise ValidationError("year", self.year, refusal)
        if self.text is not None:
            if self.name not in TEXT_PROPERTIES:
                raise ValueError(f"{self.name}: needs a number, not text {self.text!r}")
            refusal = text_refusal(self.name, self.text)
            if refusal is not None:
                raise ValidationError("text", self.text, refusal)
            return self
        if self.name in TEXT_PROPERTIES:
            raise ValueError(f"{self.name}: is qualitative; give 'text'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"{self.name}: min {self.min} is greater than max {self.max}")
        if self.temperature is not None and not 0 < self.temperature <= MAX_TEMPERATURE_K:
            raise ValueError(f"temperature: {self.temperature:.6g} K must be above 0 K and at "
                             f"most {MAX_TEMPERATURE_K:g} K")
        self._check_measured_range()
        if spec.kind != "fraction" and not self.unit.strip():
            # a bare number would silently be read in the canonical unit (0.4 -> 0.4 S/m)
            raise ValueError(
                f"{self.name}.unit: missing; give the unit the numbers are written in "
                f"(a unit of {spec.kind}, e.g. {units.KINDS[spec.kind]!r})")
        refusal = per_kelvin_refusal(self.name, self.unit)
        if refusal is not None:
            raise ValueError(f"{self.name}.unit: {refusal}")
        try:
            converted = [self._to_si(x) for x in (self.value, self.min, self.max) if x is not None]
        except UnitError as exc:
            raise ValueError(f"{self.name}.unit: {exc}") from None
        for x in converted:
            _check_bounds(self.name, spec, x, self.unit)
        return self

    def _check_measured_range(self) -> None:
        """``temperature_min``/``temperature_max``: only on an activation energy, each above
        0 K and at most MAX_TEMPERATURE_K, the lower not above the upper."""
        given = {k: v for k, v in (("temperature_min", self.temperature_min),
                                   ("temperature_max", self.temperature_max)) if v is not None}
        if not given:
            return
        refusal = measured_range_refusal(self.name)
        if refusal is not None:
            raise ValueError(f"{next(iter(given))}: {refusal}")
        for key, t in given.items():
            if not 0 < t <= MAX_TEMPERATURE_K:
                raise ValueError(f"{key}: {t:.6g} K must be above 0 K and at most "
                                 f"{MAX_TEMPERATURE_K:g} K")
        if len(given) == 2 and given["temperature_min"] > given["temperature_max"]:
            raise ValueError(f"temperature_min: {given['temperature_min']:g} K is above "
                             f"temperature_max {given['temperature_max']:g} K")

    @property
    def measured_range(self) -> tuple[float | None, float | None] | None:
        """(lowest, highest) temperature [K] of the measurements the value was fitted to (either
        may be None: not read); None when neither is given."""
        if self.temperature_min is None and self.temperature_max is None:
            return None
        return self.temperature_min, self.temperature_max

    def _to_si(self, x: float) -> float:
        kind = PROPERTIES[self.name].kind
        if kind == "fraction":
            return _fraction(x, self.unit, self.name)
        return units.parse(x, kind, self.unit or None)

    @property
    def si(self) -> float | None:
        """Representative canonical value: the value, else the geometric mean of a closed
        range for conductivities (log-spread data), else the arithmetic mean; None for text
        and for a range open on one side (``"> 1 mS/cm"``): a bound is not a value, so no
        analysis uses it as one (:attr:`bound` gives it to a model that can use a bound)."""
        if self.text is not None:
            return None
        if self.value is not None:
            return self._to_si(self.value)
        lo = self._to_si(self.min) if self.min is not None else None
        hi = self._to_si(self.max) if self.max is not None else None
        if lo is None or hi is None:
            return None
        if PROPERTIES[self.name].kind.endswith("conductivity") and lo > 0:
            return math.sqrt(lo * hi)
        return 0.5 * (lo + hi)

    @property
    def bound(self) -> tuple[Literal["lower", "upper"], float] | None:
        """``("lower", x)`` for a range open above (``min`` only: the value is at least x),
        ``("upper", x)`` for one open below (``max`` only), in canonical units; None for a
        value, a closed range or text."""
        if self.value is not None or self.text is not None or (self.min is None) == (
                self.max is None):
            return None
        if self.min is not None:
            return "lower", self._to_si(self.min)
        assert self.max is not None
        return "upper", self._to_si(self.max)

    @property
    def si_range(self) -> tuple[float | None, float | None]:
        """(min, max) in canonical units; a single value gives (v, v)."""
        if self.value is not None:
            v = self._to_si(self.value)
            return v, v
        return (
            self._to_si(self.min) if self.min is not None else None,
            self._to_si(self.max) if self.max is not None else None,
        )

    def describe(self) -> str:
        """Human text: ``"1e-3 S/cm at 298 K (measured, kamaya2011)"``."""
        if self.text is not None:
            number = self.text
        elif self.value is not None:
            number = f"{self.value:g} {self.unit}".strip()
        else:
            lo = "" if self.min is None else f"{self.min:g}"
            hi = "" if self.max is None else f"{self.max:g}"
            # '-5 to -1 %', not '-5--1 %' (a negative bound read as a dash)
            dash = " to " if hi.startswith("-") else "-"
            number = (f"{lo}{dash}{hi}" if lo and hi else f">{lo}" if lo else f"<{hi}")
            number = f"{number} {self.unit}".strip()
        at = f" at {self.temperature:g} K" if self.temperature else ""
        if self.name == "activation_energy" and self.text is None:
            # the form conductivity_at applies, and whether the source stated it
            at += (f", {FORM_NAMES[self.fitted_form]} form"
                   + ("" if self.arrhenius_form else " assumed"))
        if self.measured_range is not None:
            lo, hi = ("?" if t is None else f"{t:g}" for t in self.measured_range)
            at += f" (measured {lo}-{hi} K)"
        year = f" ({self.year})" if self.year else ""
        return f"{number}{at}{year} [{self.method}, {self.source}]"


def _trusted(info: ValidationInfo) -> bool:
    """True when the data were validated before they were stored (the store re-reads its own
    rows with ``context={"trusted": True}``); the cheap structural checks still run."""
    return bool(info.context and info.context.get("trusted"))


#: Properties of kind "fraction" that are per kelvin and so are written in 1/K only: a
#: coefficient of thermal expansion of "8e-6" (no unit) or "0.8 %" is not per kelvin and was
#: stored as 8e-6 and 8e-3 1/K (now refused on the way in, :func:`per_kelvin_refusal`; a
#: value stored before still reads as it did).
PER_KELVIN = {"thermal_expansion"}
#: How a unit of 1/K may be written.
PER_KELVIN_UNITS = ("1/K", "K-1", "/K")


def per_kelvin_refusal(name: str, unit: str) -> str | None:
    """Why ``unit`` is not one of the per-kelvin property ``name``; None where it is (or
    ``name`` is not per kelvin)."""
    if name not in PER_KELVIN or unit.strip() in PER_KELVIN_UNITS:
        return None
    return (f"{name}: unit {unit!r} is not a unit of this property (a coefficient per "
            "kelvin); use '1/K' (8 ppm/K is 8e-6 1/K)")


def _fraction(x: float, unit: str, name: str) -> float:
    u = unit.strip()
    if u in ("", "1", "-", "dimensionless", "fraction"):
        return float(x)
    if u == "%":
        return float(x) / 100.0
    if u in PER_KELVIN_UNITS and name in PER_KELVIN:
        return float(x)
    allowed = "'1/K'" if name in PER_KELVIN else "'' (a fraction) or '%'"
    raise UnitError(f"{name}: unit {unit!r} is not a unit of this property; use {allowed}")


def _check_bounds(name: str, spec: PropertySpec, x: float, unit: str) -> None:
    too_low = spec.lower is not None and (
        x < spec.lower or (x == spec.lower and not spec.lower_inclusive))
    if too_low:
        op = ">=" if spec.lower_inclusive else ">"
        raise ValueError(
            f"{name}: {x:g} (canonical {units.KINDS.get(spec.kind, '')}) must be {op} "
            f"{spec.lower:g}{_bounds_note(spec)}"
        )
    if spec.upper is not None and x > spec.upper:
        unit = "" if spec.kind == "fraction" else f" {units.KINDS.get(spec.kind, '')}"
        limit = "the limit" if spec.bounds_source else "the plausible limit"
        raise ValueError(f"{name}: {x:g}{unit} is above {limit} "
                         f"{spec.upper:g}{unit}{_bounds_note(spec)}")


def _bounds_note(spec: PropertySpec) -> str:
    """`` (where the bounds come from)`` of a refusal, or "" (a plausible range)."""
    return f" ({spec.bounds_source})" if spec.bounds_source else ""


def _check_mobile_ion_in_formula(ion: str, formula: str) -> None:
    """An electrolyte's formula holds the ion it conducts: ``Na3PS4`` added without
    ``mobile_ion`` was stored as a Li+ conductor (the default), and ``solidcell ccd`` plated
    lithium through it, where it refuses the curated na3ps4 (H323). Every curated electrolyte
    with a formula holds its mobile ion; a stored material is read as it is."""
    from typing import get_args

    from solidcell.chemistry.composition import parse_composition

    elements = {str(el) for el in parse_composition(formula).elements}
    if ion in elements:
        return
    ions = get_args(Material.model_fields["mobile_ion"].annotation)
    held = [i for i in ions if i in elements]
    if held:
        raise ValidationError("mobile_ion", ion, f"the ion this electrolyte conducts, one in its "
                              f"formula {formula}: {', '.join(held)} (mobile_ion is Li where "
                              f"none is given)")
    raise ValidationError("formula", formula, f"an electrolyte's formula holds the ion it "
                          f"conducts, mobile_ion {ion} (one of {', '.join(ions)}); this one "
                          f"holds none of them")


def _check_exchanged_ions(ions: float, formula: str | None) -> None:
    """``exchanged_ions`` of a material of ``formula``: at most the electrons one formula unit
    can exchange by charge balance (:func:`solidcell.chemistry.capacity.max_electrons`, the
    bound ``solidcell capacity --electrons`` applies; LiFePO4: 33), since the capacity from
    composition takes them as its electrons. A count per formula unit needs a formula (1e9
    ions of a material without one used to be stored)."""
    from solidcell.chemistry.capacity import max_electrons

    if formula is None:
        raise ValueError("exchanged_ions: ions per formula unit need the material's formula; "
                         "give the formula, or leave exchanged_ions out")
    most, ranges = max_electrons(formula)
    if ions > most:
        spans = ", ".join(f"{sym} {lo:+d} to {hi:+d}".replace("+0", "0")
                          for sym, (lo, hi) in ranges.items())
        raise ValueError(
            f"exchanged_ions: at most {most:g} per formula unit of {formula} (each ion "
            "exchanged moves one electron, and each atom can take or give no more electrons "
            f"than separate its lowest and highest known oxidation state: {spans}, summed "
            "over the formula unit)")


class Remark(Model):
    """A sourced sentence: an advantage, a challenge or a note."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "remark"
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    source: str = Field(max_length=MAX_KEY)

    _source = field_validator("source")(source_given)
    _plain = field_validator("source")(plain_text)
    _plain_lines = field_validator("text")(plain_lines)


class Component(Model):
    """A constituent of a composite material."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "component"
    material: str = Field(description="id of the constituent material")
    fraction: float = Field(gt=0, le=1)
    basis: Literal["mass", "volume"] = "mass"

    _plain = field_validator("material")(plain_text)
    _not_bool = field_validator("fraction", mode="before")(no_bool)


class OcpCurve(Model):
    """An open-circuit potential curve: points (stoichiometry, V vs Li/Li+) with a source.

    ``stoichiometry`` is the lithium fraction of the host (PyBaMM's ``sto``); the curve is
    defined only on the range of its points and must never be evaluated outside it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "ocp"
    stoichiometry: list[float] = Field(min_length=2)
    voltage: list[float] = Field(min_length=2)
    source: str = Field(max_length=MAX_KEY)
    note: str = Field("", max_length=MAX_TEXT)

    _source = field_validator("source")(source_given)
    _plain = field_validator("source")(plain_text)
    _plain_lines = field_validator("note")(plain_lines)

    @model_validator(mode="after")
    def _check(self) -> OcpCurve:
        # messages start with the field they name (solidcell.validation places the error there)
        if len(self.stoichiometry) != len(self.voltage):
            raise ValueError(f"voltage: {len(self.voltage)} points for {len(self.stoichiometry)} "
                             "stoichiometries; 'stoichiometry' and 'voltage' need the same "
                             "number of points")
        x = self.stoichiometry
        if any(b <= a for a, b in pairwise(x)):
            raise ValueError("stoichiometry: points must increase strictly")
        if x[0] < 0 or x[-1] > 1:
            raise ValueError("stoichiometry: points must lie in [0, 1]")
        if any(not (-0.5 <= v <= 7.0) for v in self.voltage):
            raise ValueError("voltage: values must lie in [-0.5, 7] V vs Li/Li+")
        return self


class Material(Model):
    """A material of the knowledge base (curated) or of a user (``origin="user"``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    error_root = "material"

    id: str = Field(description="short unique id, lowercase ('llzo', 'li6ps5cl', 'nmc811'): "
                                + ID_ALLOWED)
    name: str = Field(min_length=1, max_length=MAX_NAME)
    formula: str | None = Field(
        None, max_length=MAX_NAME,  # a pasted file used to be stored as a formula
        description="chemical formula pymatgen can parse; None for polymers and blends"
    )
    category: Category
    electrolyte_class: ElectrolyteClass | None = None
    structure_type: str = Field("", max_length=MAX_NAME)
    mobile_ion: Literal["Li", "Na", "K", "Mg", "Zn"] = "Li"
    exchanged_ions: float | None = Field(
        None, gt=0, allow_inf_nan=False,
        description="ions exchanged per formula unit (capacity from composition); at most "
                    "the charge-balance bound of the formula (max_electrons)")
    components: list[Component] = Field(default_factory=list)
    properties: list[PropertyValue] = Field(default_factory=list)
    advantages: list[Remark] = Field(default_factory=list)
    challenges: list[Remark] = Field(default_factory=list)
    ocp: OcpCurve | None = None
    aliases: list[str] = Field(default_factory=list)
    origin: Literal["curated", "user"] = "curated"
    note: str = Field("", max_length=MAX_TEXT)

    _not_bool = field_validator("exchanged_ions", mode="before")(no_bool)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str, info: ValidationInfo) -> str:
        # a stored id may end in the line break the old rule (``$``) let through
        if _ID.fullmatch(value.removesuffix("\n") if _trusted(info) else value):
            return value
        # (a 300-character id was refused as "at most 200 characters", not by this rule)
        raise ValidationError("id", value, f"it is not a valid id; {ID_ALLOWED}")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():  # (a CSV import reads such a cell as empty: "name: missing")
            raise ValueError("name: only spaces; give the material's name")
        return value

    # (after the name's blank check, before the formula is parsed: the character is named)
    _plain = field_validator("name", "formula", "structure_type", "aliases")(plain_text)
    _plain_lines = field_validator("note")(plain_lines)

    @field_validator("formula")
    @classmethod
    def _formula(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or _trusted(info):
            return value
        from solidcell.chemistry.composition import parse_composition

        parse_composition(value)  # raises with a clear message
        return value

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> Material:
        if self.exchanged_ions is not None and not _trusted(info):
            _check_exchanged_ions(self.exchanged_ions, self.formula)
        if self.category == "electrolyte" and self.electrolyte_class is None:
            raise ValueError("electrolyte_class: an electrolyte needs one of "
                             "oxide, sulfide, halide, solid_polymer, gel_polymer, composite")
        if self.category != "electrolyte" and self.electrolyte_class is not None:
            raise ValueError("electrolyte_class: only electrolytes have one")
        if self.category == "electrolyte" and self.formula is not None and not _trusted(info):
            _check_mobile_ion_in_formula(self.mobile_ion, self.formula)
        if self.components:
            total = sum(c.fraction for c in self.components)
            if total > 1 + 1e-9:
                raise ValueError(f"components: fractions sum to {total:g} > 1")
        return self

    # --- access -------------------------------------------------------------------------
    def values(self, name: str) -> list[PropertyValue]:
        """All values of property ``name`` (the first is the preferred one)."""
        if not isinstance(name, str) or name not in PROPERTIES:
            # NotFoundError is a KeyError (as before) and a SolidcellError (docs/conventions.md)
            raise NotFoundError(f"property: {name!r} is not a property name"
                                f"{unknown_property_hint(name)}; allowed: "
                                f"{', '.join(PROPERTIES)}")
        return [p for p in self.properties if p.name == name]

    def get(self, name: str, temperature: float | None = None) -> PropertyValue | None:
        """The preferred value of ``name``: the first one, or the one nearest ``temperature``
        [K] (a number, or a pint Quantity of a temperature)."""
        if temperature is not None:
            # (True, -1, NaN or inf picked a value silently; text and lists a TypeError)
            given = temperature
            temperature = real("temperature", units.magnitude_in(
                temperature, "temperature", "temperature"), "a temperature in K or None")
            if not 0 < temperature <= MAX_TEMPERATURE_K:  # NaN fails too
                raise ValidationError("temperature", given, f"above 0 K and at most "
                                      f"{MAX_TEMPERATURE_K:g} K")
        candidates = self.values(name)
        if not candidates:
            return None
        if temperature is None:
            return candidates[0]
        return min(candidates, key=lambda p: abs((p.temperature or 298.15) - temperature))

    def si(self, name: str, default: float | None = None) -> float | None:
        """Canonical float of the preferred value of ``name`` (``default`` when missing)."""
        prop = self.get(name)
        value = prop.si if prop is not None else None
        return default if value is None else value

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source key this material's data rests on."""
        keys = [p.source for p in self.properties]
        keys += [r.source for r in (*self.advantages, *self.challenges)]
        if self.ocp is not None:
            keys.append(self.ocp.source)
        return tuple(dict.fromkeys(keys))

    def to_json_record(self) -> dict[str, Any]:
        """Flat record with PyBaMM-style keys: the preferred (first) value of each property in
        its canonical unit, and for a temperature-dependent property (conductivities, critical
        current density, diffusivity) the temperature of that value under
        :func:`temperature_key` (``"Ionic conductivity temperature [K]"``; null where the value
        states none, which queries count as 298.15 K): nzsp's preferred 20 S/m is at
        573.15 K, not at room temperature. A material with conductivity data also carries
        :data:`RT_CONDUCTIVITY_KEY`: the first value within the store's tolerance of 298.15 K
        (:func:`room_temperature_conductivity`), null when none is there."""
        record: dict[str, Any] = {
            "id": self.id, "name": self.name, "formula": self.formula,
            "category": self.category, "electrolyte_class": self.electrolyte_class,
            # the ion the conductivity and capacity are of (nzsp's 0.2 S/cm is Na+), the ions
            # per formula unit the capacity rests on, and the constituents of a composite:
            # `materials show` printed the components, its --json did not, and neither said
            # an Na conductor was one
            "mobile_ion": self.mobile_ion, "exchanged_ions": self.exchanged_ions,
            "origin": self.origin,
        }
        for name, spec in PROPERTIES.items():
            prop = self.get(name)
            if prop is not None:
                record[spec.label] = prop.text if prop.text is not None else prop.si
                if spec.temperature_dependent:
                    record[temperature_key(name)] = prop.temperature
        sigma, elsewhere = room_temperature_conductivity(self)
        if sigma is not None or elsewhere:
            record[RT_CONDUCTIVITY_KEY] = sigma
        record["properties"] = [p.model_dump(exclude_none=True) for p in self.properties]
        for key in ("structure_type", "aliases", "components", "advantages", "challenges",
                    "note"):  # as written in the material, where it gives them
            if getattr(self, key):
                record[key] = self.model_dump(include={key})[key]
        record["sources"] = list(self.sources)
        return record


#: The key of a material's ionic conductivity at room temperature in its JSON record
#: (:meth:`Material.to_json_record`, ``materials list/query/show --json``).
RT_CONDUCTIVITY_KEY = "Ionic conductivity at 298.15 K [S.m-1]"


def temperature_key(name: str) -> str:
    """The JSON key of the temperature [K] of property ``name``'s preferred value in
    :meth:`Material.to_json_record`: ``"Ionic conductivity temperature [K]"``."""
    return PROPERTIES[name].label.split(" [")[0] + " temperature [K]"


def room_temperature_conductivity(material: Material) -> tuple[float | None, list[float]]:
    """(ionic conductivity [S/m] at room temperature, temperatures [K] of the other values):
    the first value within the store's tolerance (5 K) of 298.15 K, as ``materials query``
    picks it (a value without a temperature counts as room temperature); None with the
    temperatures of the values there are when none is at room temperature (nzsp's 0.2 S/cm is
    at 573.15 K)."""
    value, others = room_temperature_conductivity_value(material)
    return (None if value is None else value.si), others


def room_temperature_conductivity_value(material: Material
                                        ) -> tuple[PropertyValue | None, list[float]]:
    """:func:`room_temperature_conductivity` as the value it takes (with its ``source``)."""
    from solidcell.materials.curated import ROOM_TEMPERATURE_K, TEMPERATURE_TOLERANCE_K

    others = []
    for p in material.values("ionic_conductivity"):
        if p.si is None:
            continue
        t = ROOM_TEMPERATURE_K if p.temperature is None else p.temperature
        if abs(t - ROOM_TEMPERATURE_K) <= TEMPERATURE_TOLERANCE_K:
            return p, []
        others.append(t)
    return None, others
