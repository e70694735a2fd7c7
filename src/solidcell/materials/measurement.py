"""A measurement as the user types it -> the record
:meth:`~solidcell.materials.store.MaterialStore.add_measurement` stores.

One set of rules for ``solidcell materials measure`` and the dashboard's measure form: a
text for a text property (air stability), else a number and its unit; a temperature with
its unit, above 0 K and at most :data:`~solidcell.materials.schema.MAX_TEMPERATURE_K`, only
for a property measured at a temperature (:func:`temperature_properties`); a
year for a price only, and always for a price; an Arrhenius form (``sigma_T`` or ``plain``)
for an activation energy only. The record's model (PropertyValue: the unit, the sign, the
method, the year's range) is the store's to check. The rules of a value that the model
applies too (a temperature, a year, a blank text, an Arrhenius form) are the model's own
functions (:func:`~solidcell.materials.schema.temperature_refusal`,
:func:`~solidcell.materials.schema.year_refusal`,
:func:`~solidcell.materials.schema.text_refusal`,
:func:`~solidcell.materials.schema.arrhenius_form_refusal`), so that ``materials import``,
``add`` and the Python API refuse what ``measure`` refuses; only the names of the fields differ (the
boxes and options here, the file's fields there).
"""

from __future__ import annotations

import math
import sys
from typing import Any

from solidcell.errors import SolidcellError, ValidationError

#: The fields a :func:`measurement_record` refusal names (the dashboard's boxes; the CLI's
#: ``--property``, ``--value``, ``--temperature``, ``--year``, ``--arrhenius-form``,
#: ``--temperature-min``, ``--temperature-max``).
RECORD_FIELDS = ("property", "value", "temperature", "year", "arrhenius_form",
                 "temperature_min", "temperature_max")


def measurement_record(name: str, value: str, source: str, *, temperature: str | None = None,
                       method: str = "measured", year: int | str | None = None,
                       arrhenius_form: str | None = None, temperature_min: str | None = None,
                       temperature_max: str | None = None) -> dict[str, Any]:
    """The record of property ``name`` typed as ``value`` (``'2.1 mS/cm'``; a text for
    air_stability), from ``source``, at ``temperature`` (``'25 degC'``; None: not given),
    quoted in ``year`` (a price only), fitted in ``arrhenius_form`` (an activation energy
    only: ``'sigma_T'`` or ``'plain'``, :data:`~solidcell.materials.schema.ARRHENIUS_FORMS`;
    None: the source does not say, ``sigma_T`` is assumed) over the temperatures
    ``temperature_min`` to ``temperature_max`` (an activation energy only, each with its
    unit, ``'-20 degC'``; either may be left out). Pure: reads and writes nothing.

    Raises ValidationError whose ``field`` is one of :data:`RECORD_FIELDS`.
    """
    from solidcell.materials.schema import (
        PROPERTIES,
        temperature_refusal,
        unknown_property_hint,
    )

    if not isinstance(name, str) or name not in PROPERTIES:  # a list raised TypeError
        # the close name first, as `materials query` says it (after the list it was cut off)
        raise ValidationError("property", name, f"not a property{unknown_property_hint(name)}"
                              f"; allowed: {', '.join(PROPERTIES)}")
    record: dict[str, Any] = {"name": name, **_value_fields(name, value), "method": method,
                              "source": source}
    kelvin = _kelvin(temperature)
    quoted = _year(name, year)  # (a price's missing year is said first, beside its box)
    refusal = None if kelvin is None else temperature_refusal(name)  # the model's rule
    if refusal is not None:
        raise ValidationError("temperature", temperature, refusal)
    if kelvin is not None:
        record["temperature"] = kelvin
    if quoted is not None:
        record["year"] = quoted
    if arrhenius_form is not None:
        record["arrhenius_form"] = _arrhenius_form(name, arrhenius_form)
    record.update(_measured_range(name, temperature_min, temperature_max))
    return record


def _measured_range(name: str, typed_min: str | None, typed_max: str | None
                    ) -> dict[str, float]:
    """``temperature_min``/``temperature_max`` [K] of property ``name`` typed as ``typed_min``
    and ``typed_max`` (None: not given): only for an activation energy (the model's rule,
    :func:`~solidcell.materials.schema.measured_range_refusal`), each a temperature as
    ``temperature`` is read (:func:`_kelvin`), the lowest not above the highest."""
    from solidcell.materials.schema import measured_range_refusal

    typed = {k: v for k, v in (("temperature_min", typed_min), ("temperature_max", typed_max))
             if v is not None}
    if not typed:
        return {}
    refusal = measured_range_refusal(name)
    if refusal is not None:
        field, text = next(iter(typed.items()))
        raise ValidationError(field, text, refusal)
    kelvin = {k: _kelvin(v, k) for k, v in typed.items()}
    if len(kelvin) == 2 and kelvin["temperature_min"] > kelvin["temperature_max"]:
        raise ValidationError(
            "temperature_min", typed_min,
            f"it is {kelvin['temperature_min']:g} K, above temperature_max {typed_max!r} "
            f"({kelvin['temperature_max']:g} K); the lowest temperature of the measurements "
            "the activation energy was fitted to, at most the highest")
    return kelvin


def _arrhenius_form(name: str, typed: object) -> str:
    """``typed`` when property ``name`` may have that Arrhenius form: the model's rule
    (:func:`~solidcell.materials.schema.arrhenius_form_refusal`), refused as typed."""
    from solidcell.materials.schema import arrhenius_form_refusal

    refusal = arrhenius_form_refusal(name, typed)
    if refusal is not None:
        raise ValidationError("arrhenius_form", typed, refusal)
    return str(typed)


def temperature_properties() -> tuple[str, ...]:
    """:func:`solidcell.materials.schema.temperature_properties`: the properties a value may
    give a temperature for (the rule of the model, which an import applies too)."""
    from solidcell.materials.schema import temperature_properties as properties

    return properties()


def _value_fields(name: str, typed: str) -> dict[str, Any]:
    """The text of a text property, else the number and its unit as
    :func:`solidcell.units.split_value` reads them (``'2,1 mS/cm'`` refused: it was stored
    as 2 mS/cm; a range ``'0.5-0.7 mS/cm'`` by the units' rule, it was "unknown unit
    '-0.7 mS/cm'"; a number beyond the largest float as typed, it was "inf is not a finite
    number"). A control, invisible or direction-changing character is refused
    (:func:`~solidcell.materials.schema.refuse_hidden_characters`)."""
    from solidcell.materials.schema import (
        PROPERTIES,
        TEXT_PROPERTIES,
        refuse_hidden_characters,
        text_refusal,
    )
    from solidcell.units import split_value

    refuse_hidden_characters("value", typed)
    if not isinstance(typed, str):  # None was stored as the air stability 'None'
        raise ValidationError("value", typed, "a text: a number and its unit, e.g. "
                              "'2.1 mS/cm', or for a text property (air_stability) its text")
    text = typed.strip()
    if name in TEXT_PROPERTIES:
        refusal = text_refusal(name, text)  # the model's rule
        if refusal is not None:
            raise ValidationError("value", typed, refusal)
        return {"text": text}
    _refuse_measured_range(typed, text, PROPERTIES[name].kind)
    parts = split_value(text)
    if parts is not None and parts[1].startswith(","):
        raise ValidationError("value", typed, "a number with a decimal point and a unit, e.g. "
                              "'2.1 mS/cm' (a comma in the number)")
    if parts is None:
        raise ValidationError("value", typed, "a number followed by its unit, e.g. '2.1 mS/cm'")
    if not math.isfinite(parts[0]):  # 400 digits: float() reads inf
        raise ValidationError("value", typed, f"its number is beyond the largest float (about "
                              f"{sys.float_info.max:.2g}); give a finite number and its unit, "
                              "e.g. '2.1 mS/cm'")
    _refuse_unit(name, typed, text)
    return dict(zip(("value", "unit"), parts, strict=True))


def _refuse_unit(name: str, typed: str, text: str) -> None:
    """Refuse ``text`` (typed as ``typed``) whose unit is not one of property ``name`` by the
    model's rule (:func:`solidcell.units.parse`), quoting the number as typed: the model,
    given the float, said "unknown unit '€/kg' in '40.0 €/kg'" for '40 €/kg'. A fraction's
    unit is the model's to check (its message quotes no number)."""
    from solidcell import units
    from solidcell.materials.schema import PROPERTIES

    kind = PROPERTIES[name].kind
    if kind == "fraction":
        return
    try:
        units.parse(text, kind)
    except SolidcellError as exc:
        raise ValidationError("value", typed, f"{name}.unit: {exc}") from None


def _refuse_measured_range(typed: str, text: str, kind: str) -> None:
    """Refuse ``text``, typed as ``typed``, when it is a range (``'0.5-0.7 mS/cm'``,
    ``'0.5–0.7 mS/cm'``, ``'0.5 to 0.7 mS/cm'``) by the rule of :func:`solidcell.units.parse`:
    a measurement is one value."""
    from solidcell.units import ascii_minus, refuse_range  # the one rule of units.parse

    ascii_text = ascii_minus(text)
    try:
        refuse_range(ascii_text, kind)
    except SolidcellError as exc:
        reason = str(exc).removeprefix(f"{kind}: {ascii_text!r} ")
        raise ValidationError("value", typed, f"it {reason} (a measurement is one value; "
                              "add each value as its own measurement)") from None


def _kelvin(typed: str | None, field: str = "temperature") -> float | None:
    """The temperature [K] (None when not given), bounded by :func:`checked_temperature`;
    a refusal names ``field``."""
    from solidcell import units
    from solidcell.materials.schema import refuse_hidden_characters

    if typed is None:
        return None
    refuse_hidden_characters(field, typed)
    try:
        kelvin = units.parse(typed, "temperature")
    except SolidcellError as exc:
        reason = str(exc).removeprefix("temperature: ")
        raise ValidationError(field, typed, f"{reason}; e.g. '25 degC' or '298 K'") \
            from None
    return checked_temperature(field, typed, kelvin)


def checked_temperature(field: str, typed: object, kelvin: float) -> float:
    """``kelvin`` [K], read from ``typed``, when it is a temperature of the materials
    database: above 0 K and at most :data:`~solidcell.materials.schema.MAX_TEMPERATURE_K`
    (the bound of a stored value). The one range check of a measurement's temperature and
    of the CLI's ``--temperature`` (``materials query``, ``conductivity``).

    Raises ValidationError(``field``, ``typed``, ``'it is -26.85 K; a temperature
    above 0 K and at most 5000 K'``): the kelvin value, then
    :data:`~solidcell.chemistry.conductivity.TEMPERATURE_ALLOWED`.
    """
    from solidcell.chemistry.conductivity import TEMPERATURE_ALLOWED
    from solidcell.materials.schema import MAX_TEMPERATURE_K

    if not 0 < kelvin <= MAX_TEMPERATURE_K:
        raise ValidationError(field, typed, f"it is {kelvin:.6g} K; a temperature "
                              f"{TEMPERATURE_ALLOWED}")
    return kelvin


def _year(name: str, typed: int | str | None) -> int | None:
    """The year a price was quoted in: needed for a price, refused for any other property
    (only a price has a year). Its range is the model's (PropertyValue)."""
    from solidcell.materials.schema import year_refusal

    refusal = year_refusal(name, typed is not None)  # the model's rule
    if refusal is not None:
        raise ValidationError("year", "" if typed is None else typed, refusal)
    if typed is None:
        return None
    if isinstance(typed, int) and not isinstance(typed, bool):
        return typed
    try:
        return int(str(typed).strip())
    except ValueError:
        raise ValidationError("year", typed, "a whole year such as 2024 (the year the price "
                              "was quoted in)") from None
