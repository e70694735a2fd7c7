"""The solidcell dashboard (Dash: Flask + plotly), served on localhost.

Tabs: materials (browse, query, extend the database), design (edit an example design and see
the engine's numbers and plots), simulation (with progress), screening (Pareto front),
conductivity prediction, and interfaces and mechanics (:mod:`solidcell.app.interfaces_tab`).
Tabs whose engine is missing say ``not available: <reason>``.

Every number shown comes from an engine call (``CellDesign.resolved``,
``solidcell.cell.energy.evaluate``, ...) on the design as edited; the page never computes one
itself. Form input is validated by solidcell's own models; a bad value shows a message beside
its field and nothing is stored. Files are opened only inside the examples folder and the
workspace (:mod:`solidcell.app.paths`). Downloads (screen CSV/JSON, evaluation JSON, HTML
report, simulated curves CSV and result JSON) are the CLI's output for the same input, sent
to the browser by ``dcc.Download`` and never written on the server. A request the server
refuses or does not answer (a body over :data:`MAX_REQUEST_BYTES`, 400, 500, a stopped
server) is shown on the page by ``assets/requests.js``, which also keeps a body over the
server's limit back; ``assets/keyboard.js`` makes the tab headers keyboard-reachable and
names boxes, messages and plots for screen readers.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import math
import os
import re
import threading
import uuid
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from solidcell.app.jobs import Jobs
from solidcell.app.paths import (
    default_examples_dir,
    default_workspace_dir,
    list_designs,
    listed_design,
    safe_design_path,
    safe_path,
    safe_save_name,
)
from solidcell.errors import NotFoundError, SolidcellError, ValidationError
from solidcell.report.summary import find_engine, numeric_items, summarize

#: design fields editable in the form: input id -> (design path, unit shown, SI factor)
DESIGN_FIELDS: dict[str, tuple[str, str, float]] = {
    "cathode-thickness": ("cathode.thickness_m", "um", 1e-6),
    "separator-thickness": ("separator.thickness_m", "um", 1e-6),
    "anode-thickness": ("anode.thickness_m", "um", 1e-6),
    # the lithium an anode-free cell's reservoir or a host anode (li_in, graphite, silicon,
    # lto) holds at assembly, as dense lithium (docs/cell.md): a sulfur | Li-In design's
    # lithium source could be neither seen nor edited on the page
    "anode-held-li": ("anode.excess_li_thickness_m", "um", 1e-6),
    "n-layers": ("format.n_layers", "", 1.0),
    "temperature": ("temperature_K", "degC", 1.0),
}
#: what the design fields are called on the page
FIELD_LABELS: dict[str, str] = {
    "cathode-thickness": "cathode thickness", "separator-thickness": "separator thickness",
    "anode-thickness": "anode thickness",
    "anode-held-li": "lithium held at assembly (dense Li)", "n-layers": "layers in the stack",
    "temperature": "temperature",
}
#: metrics of the design tab: element id -> (key in the flattened energy JSON, label)
METRICS: dict[str, tuple[str, str]] = {
    # the engine's A.h/m2 shown in mAh/cm2, as `solidcell evaluate` and the report show it
    # (METRIC_UNITS): the EV example's 47.9 A.h/m2 read as ten times its 4.79 mAh/cm2
    "metric-areal-capacity": ("Areal capacity [A.h.m-2]", "Areal capacity [mAh/cm2]"),
    "metric-np": ("N/P ratio", "N/P ratio"),
    "metric-stack-wh-kg": ("stack / Gravimetric energy density [W.h.kg-1]",
                           "Stack gravimetric energy density [W.h.kg-1]"),
    "metric-stack-wh-l": ("stack / Volumetric energy density [W.h.L-1]",
                          "Stack volumetric energy density [W.h.L-1]"),
    "metric-cell-wh-kg": ("cell / Gravimetric energy density [W.h.kg-1]",
                          "Cell gravimetric energy density [W.h.kg-1]"),
    "metric-cell-wh-l": ("cell / Volumetric energy density [W.h.L-1]",
                         "Cell volumetric energy density [W.h.L-1]"),
    "metric-cell-energy": ("cell / Energy [W.h]", "Cell energy [W.h]"),
    "metric-max-c-rate": ("Maximum C-rate [h-1]", "Maximum C-rate [h-1]"),
    # the engine's cell voltage: of the whole series stack in a bipolar cell (6 x 3.8 V =
    # 22.8 V in the bipolar example), as `solidcell evaluate` prints; the design's one-cell
    # voltage (3.8 V) shown here made the cell's Wh read as 6 times the A.h
    "metric-voltage": ("cell / Voltage [V]", "Average cell voltage [V]"),
}
#: metrics shown in another unit than the engine's: element id -> (kind of quantity, the
#: engine's unit, the unit shown), converted by :mod:`solidcell.units`
METRIC_UNITS: dict[str, tuple[str, str, str]] = {
    "metric-areal-capacity": ("areal capacity", "A*h/m**2", "mAh/cm2"),
}
#: the engine's reason when it computed no power (``conventions["Power"]`` of evaluate)
POWER_NOTE_KEY = "conventions / Power"
#: how the engine counts the lithium's volume (``conventions["Lithium volume"]`` of evaluate)
LITHIUM_VOLUME_KEY = "conventions / Lithium volume"
#: the engine's warnings on the conductivity at the design temperature (evaluate's "notes")
ENERGY_NOTES_KEY = "notes"
#: significant digits of the numbers shown (tests compare within this rounding)
DIGITS = 6
#: largest layer thickness [um] the dashboard's forms accept (10 mm): the editing range of
#: the page, 50 times the thickest layer of the bundled examples (200 um), not a physical
#: limit. The engine has no upper bound, and 1e308 um gave 1e-303 Wh/kg without a word.
MAX_THICKNESS_UM = 10_000.0

#: how the design tab's metrics and plots look while a field is refused (they are the last
#: accepted values' numbers), and the line above them that says so
STALE_STYLE = {"opacity": 0.35}
STALE_NOTE = ("not updated: a value above is refused (see the message beside it); the numbers "
              "and plots below are still those of the last accepted values")
#: the line above them when none were shown yet (a value refused before the design's first
#: numbers came: STALE_NOTE spoke of numbers "still" shown above empty plots)
NOT_YET_NOTE = ("not computed: a value above is refused (see the message beside it); the "
                "design's numbers and plots appear once every value is accepted")

#: how an engine's message is written on the page: its line breaks kept (a route's refusal,
#: one line per process, ran together as one paragraph: "blocks 11 of them In the stack
#: order") and a long unbroken text (a 500-character name) wrapped inside the window rather
#: than widening the page past it
MESSAGE_STYLE = {"whiteSpace": "pre-line", "overflowWrap": "anywhere"}

#: the materials query's table: scrolled within the page
QUERY_TABLE_STYLE = {"overflowX": "auto", "maxHeight": "420px"}
#: the line above it while a box of the query is refused
QUERY_STALE_NOTE = ("not updated: a box above is refused (see the message beside it); the "
                    "count and the list are still those of the last accepted query")

#: largest request body the server reads [bytes]: every callback posts a few form values
#: (kilobytes); a 50 MB body was read whole before Dash refused it
MAX_REQUEST_BYTES = 1 << 20
#: what a request body may be, as the 413 answer says it; the page is given both (its meta
#: tags ``solidcell-max-request-bytes`` and ``solidcell-request-rule``) and says the same
#: words when it keeps such a body back itself (assets/requests.js)
REQUEST_SIZE_RULE = (f"at most {MAX_REQUEST_BYTES} bytes (MAX_REQUEST_BYTES); nothing was read "
                     "or stored")
#: the page's line for a request refused or not answered (#request-msg): it stays in view
#: at the top of the window while the page scrolls
REQUEST_MSG_STYLE = {"color": "#cf222e", "position": "sticky", "top": 0, "margin": 0,
                     "background": "white", "zIndex": 10}
#: what a dashboard bound to a loopback address answers in the Host header
LOOPBACK_HOSTS = "localhost, 127.0.0.1 (any 127.x.y.z) or ::1"
#: the path of the page's actions: each is one POST of JSON naming a callback (Dash's route)
CALLBACK_PATH = "/_dash-update-component"
#: what a request to :data:`CALLBACK_PATH` must be, as its 400 answer says
CALLBACK_RULE = ("a JSON object as the dashboard's page posts it: 'output' naming one of its "
                 "callbacks (/_dash-dependencies lists them), 'outputs', 'inputs' and 'state' "
                 "lists of {'id', 'property', 'value'} in the callback's order")
#: what a 500 answer adds to the action that failed and its exception: a value refused is a
#: ValidationError shown beside its box, so an exception that reaches the server is a defect
BUG_NOTE = ("a solidcell defect, not a problem of what you typed: please report it with the "
            "traceback in the server's log (stderr)")
#: what the page's stores hold (the server's own outputs, sent back as they were set)
STORE_TYPES: dict[str, tuple[type, ...]] = {"design-original": (dict,), "design-source": (str,),
                                            "sim-job": (str,), "scr-job": (str,),
                                            "page-id": (str,)}
#: properties that count clicks, Enter presses or timer ticks
COUNT_PROPS = ("n_clicks", "n_submit", "n_intervals")
#: longest exception message a 500 answer quotes [characters]
MAX_ERROR_CHARS = 300
#: an absolute file path in an exception's message (POSIX or Windows): replaced in an answer
#: by ``<path>`` unless inside the examples folder or the workspace (see :func:`public_text`)
_ABS_PATH = re.compile(r"(?<![\w.~%:/\\])(?:[A-Za-z]:)?[\\/][^\s'\"<>,;()]+")

MATERIAL_FORM_FIELDS = ("id", "name", "formula", "category", "electrolyte_class",
                        "mobile_ion", "property", "value", "temperature", "year", "method",
                        "source")
CATEGORIES = ("electrolyte", "cathode", "anode", "coating", "current_collector", "substrate",
              "additive")
ELECTROLYTE_CLASSES = ("oxide", "sulfide", "halide", "solid_polymer", "gel_polymer",
                       "composite")
METHODS = ("measured", "computed", "review", "estimated", "datasheet")


def mobile_ions() -> tuple[str, ...]:
    """The ions a material's ``mobile_ion`` may name, as the schema allows them (Li first, the
    default): the add-material form's choices."""
    from typing import get_args

    from solidcell.materials.schema import Material

    return get_args(Material.model_fields["mobile_ion"].annotation)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is this
    machine's loopback: ``localhost``, 127.0.0.0/8, ``::1``."""
    name = (host or "").strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_cif_name(text: Any) -> bool:
    """Whether the prediction engine reads the composition ``text`` as a CIF path (it ends in
    ``.cif``; ``predict_conductivity``'s own rule)."""
    return isinstance(text, str) and text.strip().lower().endswith(".cif")


def shown(x: Any) -> str:
    """How a number is written on the page (``DIGITS`` significant digits)."""
    from solidcell.units import format_number

    return format_number(x, DIGITS)


def metric_value(mid: str, value: Any) -> Any:
    """The engine's ``value`` of metric ``mid`` in the unit the page shows (``METRIC_UNITS``);
    anything but a finite number (None: not computed) is returned as it is."""
    if mid not in METRIC_UNITS or not isinstance(value, int | float) or isinstance(value, bool) \
            or not math.isfinite(value):
        return value
    from solidcell import units

    kind, engine_unit, unit = METRIC_UNITS[mid]
    return units.convert(units.to_canonical(float(value), engine_unit, kind), kind, unit)


# --- pure helpers (tested without a browser) ---------------------------------------------


def materials_count(n: int) -> str:
    """The materials query's count: "1 material", "2 materials" (it said "1 materials"), as
    the command line counts (``cli.materials._count``)."""
    from solidcell.cli.materials import _count

    return _count(n, "material")


def np_ratio_note(design: Any) -> str | None:
    """Why the design tab's N/P ratio shows '-', or None: an anode-free cell has no anode
    host (:func:`solidcell.cli.cell.np_ratio_reason`, as `solidcell evaluate` says)."""
    from solidcell.cli.cell import np_ratio_reason

    return np_ratio_reason(design.anode.kind)


def design_changes(values: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    """Design changes (dotted path -> SI value) for form values that differ from the original.

    Raises ValidationError naming the form field when a value is not a finite number.
    """
    changes: dict[str, Any] = {}
    for key, (path, unit, _factor) in DESIGN_FIELDS.items():
        value = values.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if original.get(key) is None:
                continue  # a field the design does not have (e.g. no foil anode)
            raise ValidationError(key, "", f"must be a number{' in ' + unit if unit else ''}"
                                  " (the field is empty)")
        number = field_number(key, value)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValidationError(key, value, "must be a finite number")
        if original.get(key) is not None and abs(number - float(original[key])) <= 1e-12 * max(
                1.0, abs(number)):
            continue
        if unit == "um" and number > MAX_THICKNESS_UM:
            raise ValidationError(key, value, f"must be at most {MAX_THICKNESS_UM:g} um "
                                  "(10 mm, the dashboard's editing range); edit the YAML file "
                                  "for anything larger")
        if key == "temperature":
            changes[path] = in_si(number, unit)
        elif key == "n-layers":
            # beyond 2**53 a float is not an exact whole number; int(1e308) is 309 digits
            # that the engine's message would repeat
            if abs(number) >= 2.0**53 or number != int(number):
                raise ValidationError(key, value, "must be a whole number of layers")
            changes[path] = int(number)
        else:
            changes[path] = in_si(number, unit)
    if "cathode.thickness_m" in changes:
        changes["cathode.active_loading_kg_m2"] = None
    if "anode.thickness_m" in changes:
        changes["anode.np_ratio"] = None
    return changes


#: the kind of quantity of a design box's unit (:mod:`solidcell.units`)
_UNIT_KINDS = {"um": "length", "degC": "temperature"}


def in_si(number: float, unit: str) -> float:
    """``number`` of a design box, in its ``unit`` (``um`` or ``degC``), in SI (m, K) as
    :func:`solidcell.units.to_canonical` gives it: the float nearest to the exact decimal,
    as the command line reads the same text from a YAML file. The box's number times the
    float 1e-6 was one float step off for many values (100 um gave 9.999999999999999e-05 m,
    written so into a saved design)."""
    from solidcell import units

    return units.to_canonical(number, unit, _UNIT_KINDS[unit])


def field_number(key: str, value: Any) -> float:
    """The number in the unit of design box ``key`` of what the box holds: the number the
    server set, or the text typed: a bare number in the box's unit (``80``, ``\u22125``) or a
    quantity with its unit as papers print it (``0.08 mm``, ``80 µm``, ``298.15 K``,
    ``25 °C``; read by :func:`solidcell.units.parse`). The boxes were number boxes, and
    Chromium dropped what it could not read before the server saw it: ``80,5`` became 805 um,
    ``85.5.5`` 85.55 um and ``298 K`` 298 degC, each computed without a word. Raises
    ValidationError naming ``key``, the text as typed and what is allowed."""
    from solidcell import units

    if not isinstance(value, str):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ValidationError(key, value, "must be a number") from None
    unit = DESIGN_FIELDS[key][1]
    if _UNIT_KINDS.get(unit) is None:  # the layer count: a whole number, no unit
        parts = units.split_value(value.strip())
        if parts is not None and parts[1] == "":
            return parts[0]
        raise ValidationError(key, value, "must be a whole number of layers")
    return typed_quantity(key, value, unit)


def typed_quantity(key: str, value: str, unit: str) -> float:
    """The number in ``unit`` (``um`` or ``degC``) of the text typed in box ``key``: a bare
    number is in ``unit`` (``80``, ``\u22125``), a quantity carries its own unit (``0.08 mm``,
    ``80 µm``, ``298.15 K``; :func:`solidcell.units.parse`). Shared by the design boxes and
    the screen's range boxes (which refused ``40 um`` as not "a number in um"). Raises
    ValidationError naming ``key``, the text as typed and what is allowed."""
    from solidcell import units
    from solidcell.errors import UnitError

    text = value.strip()
    if not text:
        raise ValidationError(key, value, f"must be a number in {unit} (the field is empty)")
    parts = units.split_value(text)
    if parts is not None and parts[1] == "":
        return parts[0]  # a bare number: in the box's unit (1e400 is inf, refused as such)
    kind = _UNIT_KINDS[unit]
    example = "'80 um' or '0.08 mm'" if unit == "um" else "'25' (degC), '25 degC' or '298.15 K'"
    try:
        return units.convert(units.parse(text, kind), kind, unit)
    except UnitError as exc:
        raise ValidationError(key, value, f"must be a number in {unit} or a {kind} with its "
                              f"unit, e.g. {example} ({exc})") from None


def form_values(design: Any) -> dict[str, Any]:
    """The form's values for ``design`` (engine-resolved thicknesses, in the units shown)."""
    from solidcell.cell.design import FOIL_KINDS

    resolved = design.resolved()
    # every anode kind but a lithium-metal foil holds lithium at assembly (an anode-free
    # cell's reservoir, a host's held lithium; docs/cell.md): the foil is lithium itself
    held = design.anode.kind != "li_metal"
    # interdigitated 3D: the gap separates the plates (the separator thickness is not used)
    # and the anode plates are sized by their width (an anode thickness is refused); see
    # docs/cell.md. Such a field is left empty and disabled rather than edited to no effect.
    plates = design.architecture.kind == "interdigitated_3d"
    return {
        "cathode-thickness": float(shown(resolved.cathode_thickness_m * 1e6)),
        "separator-thickness": (None if plates
                                else float(shown(design.separator.thickness_m * 1e6))),
        "anode-thickness": (float(shown(resolved.anode_thickness_m * 1e6))
                            if design.anode.kind in FOIL_KINDS and not plates else None),
        # as dense lithium, also where the design gives it as anode.prelithiation (a fraction
        # of the host's capacity, resolved by the engine); typed here, it replaces that
        "anode-held-li": (float(shown(resolved.held_li_thickness_m * 1e6)) if held
                          else None),
        "n-layers": design.format.n_layers,
        "temperature": float(shown(design.temperature_K - 273.15)),
    }


#: the design path of the lithium an anode holds at assembly (box ``anode-held-li``)
HELD_LITHIUM_PATH = "excess_li_thickness_m"


def held_lithium_note(design: Any, data: dict[str, Any]) -> str | None:
    """How the lithium a host anode holds at assembly is counted, in the energy engine's words
    (``conventions["Lithium volume"]``: in the mass as dense lithium, not in the volume), or
    None when the anode holds none: the stack diagram shows the host alone and the anode's
    mass includes the held lithium, which the page did not say."""
    if design.anode.kind in ("li_metal", "anode_free") or \
            not design.anode.holds_lithium_at_assembly:
        return None
    text = data.get(LITHIUM_VOLUME_KEY)
    return f"Lithium volume: {text}" if text else None


def followed_anode(design: Any, values: dict[str, Any], original: dict[str, Any]
                   ) -> float | None:
    """The anode box's new value when the anode is sized by the design's N/P ratio (the
    file gives ``anode.np_ratio``, not a thickness) and the engine's thickness for the edited
    design differs from the box: the vertically aligned example's box kept 32.1496 um while
    a 100 um cathode made its anode 21.4331 um. None when the box is right, not used, or
    holds a thickness typed there (that thickness then sizes the anode)."""
    if design.anode.np_ratio is None or original.get("anode-thickness") is None:
        return None
    anode = form_values(design)["anode-thickness"]
    return None if anode is None or anode == values.get("anode-thickness") else anode


def field_of_error(exc: Exception) -> str:
    """Which form field an engine error belongs to (by the design path it names)."""
    text = str(getattr(exc, "field", "")) or str(exc)
    if text in DESIGN_FIELDS:  # raised by design_changes with the form field's own id
        return text
    if text == "anode.kind" and HELD_LITHIUM_PATH in str(getattr(exc, "allowed", "")):
        # a lithium-free cathode (sulfur) and a host holding no lithium: the engine names the
        # anode's kind, and the box that fixes it is the held lithium's (0 um typed there was
        # said beside the anode thickness box, "not allowed with anode-thickness 100 um")
        return "anode-held-li"
    if text == "anode.prelithiation":  # the held lithium as a fraction of the host's capacity
        return "anode-held-li"
    for key, (path, _, _) in DESIGN_FIELDS.items():
        if text.startswith(path):
            return key
    for key, (path, _, _) in DESIGN_FIELDS.items():
        section = path.split(".")[0]
        if text.startswith(section):
            return key
    return "design"


def form_error_message(exc: Exception, key: str, values: dict[str, Any]) -> str:
    """The message shown beside form field ``key`` for an engine error: the engine names the
    design path and its SI value (``cathode.thickness_m: -1e-06``); the page says what was
    typed, in the unit of the box, then the engine's rule and the SI value it checked."""
    if not isinstance(exc, ValidationError) or key not in DESIGN_FIELDS:
        return str(exc)
    path, unit, _ = DESIGN_FIELDS[key]
    # the held lithium's rule is raised on anode.kind (see field_of_error): said of the box
    if exc.field != path and not (exc.field == "anode.kind" and field_of_error(exc) == key):
        return str(exc)
    typed = values.get(key)
    if isinstance(typed, str):  # as typed; the box's unit after a bare number only
        from solidcell.units import split_value

        typed = typed.strip()
        parts = split_value(typed)
        unit = unit if parts is not None and not parts[1] else ""
    si = shown(exc.value) if isinstance(exc.value, float) else repr(exc.value)
    return (f"{key}: {typed}{' ' + unit if unit else ''} is not allowed; {exc.allowed} "
            f"({exc.field} = {si})")


def typed_field_message(exc: Exception, where: str, typed: str, values: dict[str, Any],
                        original: dict[str, Any]) -> str:
    """The message beside the box ``typed`` (the one just edited) when the engine refused the
    design naming another box ``where`` that is as the file has it: a 180 um cathode gives
    N/P < 1 with the EV example's 40 um foil, and the message stood only beside the untouched
    anode box. '' when ``where`` was edited too (its own message says it)."""
    try:
        edited = design_changes({k: values.get(k) for k in (where,)},
                                {k: original.get(k) for k in (where,)})
    except SolidcellError:
        return ""
    if edited or not isinstance(exc, ValidationError):
        return ""
    from solidcell.units import split_value

    unit = DESIGN_FIELDS[typed][1]
    text = str(values.get(typed)).strip()
    parts = split_value(text)
    shown_typed = f"{text} {unit}" if unit and parts is not None and not parts[1] else text
    other = DESIGN_FIELDS[where][1]
    return (f"{typed}: {shown_typed} is not allowed with {where} {original.get(where)}"
            f"{' ' + other if other else ''} (the file's); {exc.allowed}")


def refuse_hidden_characters(form: dict[str, Any], fields: tuple[str, ...]) -> None:
    """Raise ValidationError naming the first of ``fields`` whose text in ``form`` holds a control,
    invisible or direction-changing character, with the text and the character's code: the data
    model's rule (:func:`solidcell.materials.schema.refuse_hidden_characters`; a source of NUL alone
    was stored, and shown as an empty key), checked on every box before the form is read, so the
    message stands beside the box typed."""
    from solidcell.materials.schema import refuse_hidden_characters as refuse

    for name in fields:
        refuse(name, form.get(name))


def material_from_form(form: dict[str, Any]) -> Any:
    """A user :class:`~solidcell.materials.schema.Material` from the add-material form. Its
    property value is read by the measure form's rules
    (:func:`solidcell.materials.measurement.measurement_record`: a text for a text property,
    else a number with a decimal point and its unit; a temperature with its unit; a year for
    a price only, and always for a price).

    Raises ValidationError whose ``field`` is the form field to show the message beside.
    """
    from solidcell.materials.measurement import measurement_record
    from solidcell.materials.schema import Material, PropertyValue

    def text(name: str) -> str:
        return str(form.get(name) or "").strip()

    for name in ("id", "name", "category", "property", "value", "method", "source"):
        if not text(name):
            # an untouched box is None to Dash: 'name: None is not allowed' was Python's word
            raise ValidationError(name, form.get(name) or "", "is required")
    refuse_hidden_characters(form, MATERIAL_FORM_FIELDS)
    # the form's own reading of the value said '0,5 mS/cm' was "'0.0 ,5 mS/cm' has a comma
    # in its unit", a value never typed; the measure form's rules name the text as typed
    record = measurement_record(text("property"), text("value"), text("source"),
                                temperature=text("temperature") or None,
                                method=text("method"), year=text("year") or None)
    try:
        prop = PropertyValue(**record)
    except ValidationError as exc:  # the model's own error (solidcell.validation)
        raise _on_form(exc, form, prop=True) from None
    record = {"id": text("id"), "name": text("name"), "category": text("category"),
              "formula": text("formula") or None,
              "electrolyte_class": text("electrolyte_class") or None,
              "properties": [prop], "origin": "user"}
    if text("mobile_ion"):  # none chosen: the schema's default, Li
        # (a value not allowed is the model's error, shown beside the box by _on_form)
        record["mobile_ion"] = text("mobile_ion")
    try:
        return Material.model_validate(record)
    except ValidationError as exc:
        raise _on_form(exc, form, prop=False) from None


def add_material_from_form(form: dict[str, Any], store: Any) -> tuple[str, dict[str, str]]:
    """What the "Add material" button does: (the result line, the message of every form
    field). A bad field gets its message and nothing is written to ``store``. A conductivity
    without its temperature is added with the note ``materials add`` prints (it counts as
    298.15 K; ``MaterialStore.add``'s, taken as text, not warned into the server's log)."""
    from solidcell.materials.store import untimed_note

    msgs = dict.fromkeys(MATERIAL_FORM_FIELDS, "")
    material = None
    notes: list[str] = []
    try:
        material = material_from_form(form)
        store.add(material, notes=notes)
    except SolidcellError as exc:
        # the same form sent again (Enter in a box, then a click on the button) finds its
        # material stored: the same answer, not "it is already your material"
        if material is not None and _stored_as_given(store, material):
            return _added(material.id, untimed_note(material)), msgs
        where = getattr(exc, "field", "id")
        msgs[where if where in msgs else "id"] = str(exc)
        return "not stored: fix the marked field", msgs
    return _added(material.id, notes[0] if notes else None), msgs


def _added(material_id: str, note: str | None) -> str:
    """The "Add material" answer: ``added ID``, and the room-temperature ``note`` if any."""
    return f"added {material_id}" + ("" if note is None else f"; note: {note}")


#: the measure form's fields (boxes ``mm-<field>``), the options of ``solidcell materials
#: measure ID --property PROPERTY --value 'VALUE UNIT' --temperature T --year YEAR --method
#: METHOD --source KEY --arrhenius-form FORM`` (the form's select shown for an activation
#: energy only)
MEASURE_FORM_FIELDS = ("material", "property", "value", "temperature", "year", "method",
                       "source", "arrhenius_form")


def _form_text(form: dict[str, Any], name: str) -> str:
    return str(form.get(name) or "").strip()


def measurement_from_form(form: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(material id, record) of the measure form, the record as ``solidcell materials
    measure`` gives it to :meth:`~solidcell.materials.store.MaterialStore.add_measurement`.

    Raises ValidationError whose ``field`` is the form field to show the message beside.
    """
    from solidcell.materials.measurement import measurement_record

    for name in ("material", "property", "value", "method", "source"):
        if not _form_text(form, name):
            raise ValidationError(name, form.get(name) or "", "is required")
    refuse_hidden_characters(form, MEASURE_FORM_FIELDS)
    # the boxes' texts; an empty temperature or year box is one not given
    record = measurement_record(
        _form_text(form, "property"), _form_text(form, "value"), _form_text(form, "source"),
        temperature=_form_text(form, "temperature") or None,
        method=_form_text(form, "method"), year=_form_text(form, "year") or None,
        arrhenius_form=_form_text(form, "arrhenius_form") or None)
    return _form_text(form, "material"), record


class LastMeasurement:
    """The last measurement the measure form stored, with its answer: the same form sent
    again (Enter in a box, then a click on "Add measurement": two requests, the second often
    sent before the first is answered) answers as the first did and stores nothing (the
    store's refusal of the measurement already held, ``... already holds this price``,
    replaced "added measurement N" on the page). ``lock`` makes the second request wait for
    the first's answer."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: tuple[Any, ...] | None = None
        self.value: Any = None  # the PropertyValue stored as measurement ``pk``
        self.pk: int | None = None
        self.answer: tuple[str, dict[str, str], str | None] | None = None

    def repeated(self, store: Any, key: tuple[Any, ...]) -> bool:
        """Whether ``key`` (database, material id, record) is the last one stored and its
        measurement is still stored as it was (not deleted since)."""
        if key != self.key or self.pk is None:
            return False
        held = {pk: value for pk, _, value in store.measurements(key[1])}
        return held.get(self.pk) == self.value

    def remember(self, store: Any, key: tuple[Any, ...], pk: int,
                 answer: tuple[str, dict[str, str], str | None]) -> None:
        """Keep ``key``, measurement ``pk`` as stored and the form's ``answer``."""
        held = {p: value for p, _, value in store.measurements(key[1])}
        self.key, self.pk, self.value, self.answer = key, pk, held.get(pk), answer


def add_measurement_from_form(form: dict[str, Any], store: Any,
                              last: LastMeasurement | None = None
                              ) -> tuple[str, dict[str, str], str | None]:
    """What the "Add measurement" button does: (the result line, the message of every form
    field, the material id when stored). A bad field gets its message and nothing is written
    to ``store``; what is stored stays (a measurement is only ever added). ``last`` (the
    dashboard's): the form sent again as ``last`` stored it answers as the first did,
    stores nothing and says nothing of a duplicate (one measurement per form, however often
    Enter and the button send it)."""
    if last is None:
        return _measurement_answer(form, store, None)
    with last.lock:
        return _measurement_answer(form, store, last)


def _measurement_answer(form: dict[str, Any], store: Any, last: LastMeasurement | None
                        ) -> tuple[str, dict[str, str], str | None]:
    """:func:`add_measurement_from_form`, ``last``'s lock held."""
    from solidcell.cli.materials import _not_preferred_note

    msgs = dict.fromkeys(MEASURE_FORM_FIELDS, "")
    refused = "not stored: fix the marked field"
    untimed: list[str] = []  # the store's note of a value without a temperature
    try:
        typed_id, record = measurement_from_form(form)
        material = lookup_material(store, typed_id)  # 'LLZO' is llzo, as the detail box
        # which database (its URL), material and record: a form sent again is this again
        key = (str(getattr(getattr(store, "engine", None), "url", id(store))), material.id,
               json.dumps(record, sort_keys=True))
        if last is not None and last.answer is not None and last.repeated(store, key):
            result, shown_msgs, stored_id = last.answer
            return result, dict(shown_msgs), stored_id
        pk = _stored_measurement(store, material.id, record, form, untimed)
    except NotFoundError as exc:  # the store's words, with its suggestions
        msgs["material"] = str(unknown_material("material", _form_text(form, "material"),
                                                exc))
        return refused, msgs, None
    except ValidationError as exc:  # named by its form field
        msgs[exc.field] = str(exc)
        return refused, msgs, None
    except SolidcellError as exc:  # the database cannot be written (SOLIDCELL_DB)
        return f"not stored: {exc}", msgs, None
    result = f"added measurement {pk} to {material.id}"
    note = _not_preferred_note(store, material.id, record["name"],
                               record.get("temperature"))
    shown = [*untimed, *([] if note is None else [note])]
    answer = "; ".join([result, *(f"note: {n}" for n in shown)]), msgs, material.id
    if last is not None:
        last.remember(store, key, pk, answer)
    return answer


def arrhenius_form_row(prop: str | None) -> tuple[dict[str, str], Any]:
    """(style of the measure form's Arrhenius form row, its value) for property ``prop``:
    shown for an activation energy, its choice kept; hidden and set to not stated ("") for
    any other property (only an activation energy has an Arrhenius form)."""
    from dash import no_update

    if prop == "activation_energy":
        return {}, no_update
    return {"display": "none"}, ""


def _stored_measurement(store: Any, material_id: str, record: dict[str, Any],
                        form: dict[str, Any], notes: list[str]) -> int:
    """``store.add_measurement(material_id, record)``, its refusals said of the form's boxes:
    the same measurement again is the value box's; the record's model (PropertyValue) names
    its own field, said of the box it comes from with the text typed there. Its
    room-temperature note (a value without a temperature) is appended to ``notes``."""
    try:
        return int(store.add_measurement(material_id, record, notes=notes))
    except ValidationError as exc:
        if exc.field == "measurement":
            raise ValidationError("value", _form_text(form, "value"), exc.allowed) from None
        raise _on_form(exc, form, prop=True) from None


def detail_values(store: Any, material: Any) -> list[tuple[Any, str]]:
    """(value, its text) of every value of ``material`` as ``solidcell materials show``
    lists them: the material's own values, then the user's measurements, each marked with
    the id ``solidcell materials delete-measurement`` takes."""
    own = len(store.get(material.id, with_measurements=False).properties)
    ids = [pk for pk, _, _ in store.measurements(material.id)]
    return [(p, p.describe() + (f" (your measurement {ids[i - own]})"
                                if own <= i < own + len(ids) else ""))
            for i, p in enumerate(material.properties)]


def _stored_as_given(store: Any, material: Any) -> bool:
    """Whether ``store`` holds ``material`` as the user's material, every field as given (its
    measurements aside): adding it again would change nothing."""
    try:
        stored = store.get(material.id, with_measurements=False)
    except SolidcellError:
        return False
    return stored.origin == "user" and stored.model_dump() == material.model_dump()


#: a property value's field -> the form field it comes from (the number and its unit: "value")
_PROPERTY_FORM_FIELDS = {"name": "property", "temperature": "temperature", "method": "method",
                         "source": "source", "year": "year"}


def _on_form(exc: ValidationError, form: dict[str, Any], prop: bool) -> ValidationError:
    """A model's error as the error of the form field it comes from, with the text typed there:
    a property value's (``prop``) ``unit`` or a material's ``properties[0].unit`` is the
    "value" box, its ``name`` the "property" box, a material's ``name`` its own box."""
    field = exc.field
    if not prop and field.startswith("properties"):
        prop, field = True, field.partition(".")[2]
    if prop:
        where = _PROPERTY_FORM_FIELDS.get(field.split(".")[0].split("[")[0], "value")
    else:
        where = field if field in MATERIAL_FORM_FIELDS else "id"
    # an untouched box is None to Dash; the page names it as the empty box it is
    typed = form.get(where)
    return ValidationError(where, "" if typed is None else typed, exc.allowed)


# --- the app -----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _load_design(path: str, _mtime_ns: int, _size: int) -> Any:
    """A validated CellDesign (frozen, so one object can serve every request)."""
    from solidcell.cell.design import CellDesign

    return CellDesign.from_file(path)


class DashboardState:
    """Folders and background jobs of one dashboard process."""

    def __init__(self, examples_dir: Path | None, workspace_dir: Path | None) -> None:
        self.examples_dir = (Path(examples_dir) if examples_dir is not None
                             else default_examples_dir())
        self.workspace_dir = (Path(workspace_dir) if workspace_dir is not None
                              else default_workspace_dir())
        self.jobs = Jobs()
        self._lock = threading.Lock()
        # the measure form's last measurement stored (Enter, then the button: stored once)
        self.measured = LastMeasurement()
        # the design tab's costs by what they read (a design edit that changes none of it
        # is not costed again)
        self.costs = CostMemo()
        # the thread importing the simulation stack (create_app's ``preload``), or None
        self.preload: threading.Thread | None = None
        # (key, what the layout gives the page's first design), :func:`initial_design`
        self.first_kept: tuple[tuple[Any, ...], Any] | None = None

    @property
    def roots(self) -> list[Path]:
        return [p for p in (self.examples_dir, self.workspace_dir) if p is not None]

    def designs(self) -> list[tuple[str, Path]]:
        return list_designs(self.roots)

    def load(self, text: str, field: str = "design-path") -> Any:
        """The design file ``text`` (inside the roots), parsed once per file version."""
        path = safe_design_path(text, self.roots, field)
        stat = path.stat()
        return _load_design(str(path), stat.st_mtime_ns, stat.st_size)

    def save(self, design: Any, name: str, replace: bool = False) -> Path:
        """Write ``design`` as YAML into the workspace; an existing file is replaced only
        when ``replace`` says so (a saved design is never lost by a second save). A file that
        already holds this design's text is not written again, and the save answers as the
        first one did (the same save sent twice: Enter in the name box, then the button)."""
        filename = safe_save_name(name or "")  # an empty box is '', not None
        example = self.examples_dir / filename if self.examples_dir is not None else None
        if example is not None and example.is_file() \
                and example.resolve() != (self.workspace_dir / filename).resolve():
            # a name is looked up in the examples first (safe_design_path): the saved file
            # would be shadowed, and typing its name would open the example, not the edits
            raise ValidationError("save_name", name, f"{filename} is the name of an example "
                                  "design, which typing that name opens; choose another name")
        try:
            self.workspace_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a workspace under /proc or a file: it was a 500 answer
            raise ValidationError("workspace", str(self.workspace_dir), "a folder the "
                                  "dashboard can create and write in, given as `solidcell app "
                                  f"--workspace FOLDER` ({exc.strerror or exc}); nothing was "
                                  "saved") from None
        path = self.workspace_dir / filename
        text = design.to_yaml()
        with self._lock:
            if path.is_symlink():
                # a link in the workspace to a file elsewhere: the save wrote that file
                # (a dangling link made it), outside the workspace
                raise ValidationError("save_name", name, f"{filename} in the workspace is a "
                                      "link; the dashboard writes only plain files inside the "
                                      "workspace; choose another name")
            exists = ValidationError("save_name", name, f"{filename} already exists in the "
                                     "workspace; choose another name or tick 'replace'")
            if path.exists() and not replace:
                if _holds_text(path, text):  # the same save again (Enter, then the button)
                    return path
                raise exists
            # O_NOFOLLOW: a link put there since the check is refused (ELOOP), not written
            # through; O_EXCL: so is a file made since then, unless 'replace' is ticked
            flags = (os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                     | (os.O_TRUNC if replace else os.O_EXCL))
            try:
                fd = os.open(path, flags, 0o644)
            except FileExistsError:
                if _holds_text(path, text):
                    return path
                raise exists from None
            except OSError as exc:
                raise ValidationError("save_name", name, f"a file the dashboard can write in "
                                      f"the workspace ({exc.strerror or exc})") from None
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                file.write(text)
        return path

    def cif(self, text: str, field: str = "composition") -> Path:
        """The CIF file ``text`` names, inside the examples folder or the workspace (a
        typed path elsewhere is refused, as for a design)."""
        return safe_path(text, self.roots, (".cif",), "CIF file", field)


def _holds_text(path: Path, text: str) -> bool:
    """Whether ``path`` is a plain file (not a link) holding exactly ``text``: a save of the
    same design under the same name, which writes nothing and loses nothing."""
    try:
        return (path.is_file() and not path.is_symlink()
                and path.read_bytes() == text.encode("utf-8"))
    except OSError:
        return False


def _stack_figure(summary: Any) -> Any:
    import plotly.graph_objects as go

    fig = go.Figure()
    for layer in summary.layers:
        fig.add_trace(go.Bar(x=["stack"], y=[layer.thickness_m * 1e6],
                             name=f"{layer.label} ({layer.material})",
                             hovertemplate="%{y:.4g} um"))
    fig.update_layout(barmode="stack", height=380, margin={"l": 40, "r": 10, "t": 30, "b": 30},
                      yaxis_title="thickness [um] (to scale)", title="one cell, to scale",
                      legend={"traceorder": "reversed"})
    return fig


#: title of the design tab's mass breakdown: its bars are the layers of one repeat unit (one
#: cell of a bipolar stack), as evaluate's layer keys are (the stack total is not one of them)
BREAKDOWN_TITLE = "mass breakdown, one repeat unit"


def _breakdown_figure(summary: Any) -> Any:
    """Areal masses of the layers of one repeat unit (evaluate's layer keys; the 3D
    electrolyte filling only where there is one). The stack's total is left out: for a
    bipolar stack it is cells in series times their sum, a bar on another scale beside one
    cell's layers."""
    import plotly.graph_objects as go

    top = {k: v for k, v in numeric_items(summary.energy or {}).items() if " / " not in k}
    masses = {k.removesuffix(" areal mass [kg.m-2]"): v * 100.0 for k, v in top.items()
              if k.endswith("areal mass [kg.m-2]") and not k.startswith("Stack ")}
    # the 3D filling only where there is one, as `solidcell evaluate` and the report list it
    # (every planar design showed an "Electrolyte filling" row without a bar)
    if not masses.get("Electrolyte filling", 0.0) > 0:
        masses.pop("Electrolyte filling", None)
    fig = go.Figure(go.Bar(x=list(masses.values()), y=list(masses), orientation="h"))
    fig.update_layout(height=380, margin={"l": 10, "r": 10, "t": 30, "b": 30},
                      xaxis_title="areal mass [mg/cm2]", title=BREAKDOWN_TITLE)
    return fig


def _unavailable(reason: str) -> Any:
    from dash import html

    return html.P(f"not available: {reason}", className="note")


def _engine_or_reason(module: str, attr: str) -> tuple[Any, str]:
    try:
        return find_engine(module, attr), ""
    except SolidcellError as exc:
        return None, str(exc)


def _field(label: Any, component: Any, fid: str, unit: str = "") -> Any:
    from dash import html

    return html.Div([
        html.Label(label, htmlFor=fid, style={"display": "inline-block", "width": "200px"}),
        component,
        html.Span(unit, style={"marginLeft": "4px", "marginRight": "8px"}),
        html.Span("", id=f"{fid}-msg", className="field-msg",
                  style={"color": "#cf222e", "fontSize": "0.9em", **MESSAGE_STYLE}),
    ], style={"margin": "4px 0"})


def _materials_tab() -> Any:
    from dash import dcc, html

    from solidcell.materials.schema import PROPERTIES

    prop_options = [{"label": p, "value": p} for p in PROPERTIES]
    return html.Div([
        html.H3("Query the materials database"),
        _field("category", dcc.Dropdown(
            [{"label": c, "value": c} for c in CATEGORIES], id="q-category",
            style={"width": "260px", "display": "inline-block", "verticalAlign": "middle"}),
            "q-category"),
        _field("electrolyte class", dcc.Dropdown(
            [{"label": c, "value": c} for c in ELECTROLYTE_CLASSES], id="q-class",
            style={"width": "260px", "display": "inline-block", "verticalAlign": "middle"}),
            "q-class"),
        _field("elements (all of)", dcc.Input(id="q-elements", type="text",
                                              placeholder="Li, S", debounce=True), "q-elements"),
        _field("id contains", dcc.Input(id="q-text", type="text", debounce=True), "q-text"),
        _field("property", dcc.Dropdown(prop_options, id="q-property",
               style={"width": "260px", "display": "inline-block", "verticalAlign": "middle"}),
               "q-property"),
        _field("at least", dcc.Input(id="q-min", type="text", placeholder="1 mS/cm",
                                     debounce=True), "q-min"),
        _field("at most", dcc.Input(id="q-max", type="text", debounce=True), "q-max"),
        html.Div(id="q-count"),
        # while a box above is refused, the list is the last accepted query's: greyed, and
        # this line says so (it stood as if it were the refused query's answer)
        html.P("", id="q-stale", className="note", style={"color": "#cf222e"}),
        html.Div(id="q-table", style=QUERY_TABLE_STYLE),
        html.H3("One material: every value with its source"),
        _field("material id", dcc.Input(id="detail-id", type="text", debounce=True,
                                        placeholder="llzo"), "detail-id"),
        html.Div(id="detail-view"),
        html.H3("Add your own material"),
        html.P("One property value with its unit and source; curated materials are read-only.",
               className="meta"),
        _field("id", dcc.Input(id="m-id", type="text", placeholder="my_llzo"), "m-id"),
        _field("name", dcc.Input(id="m-name", type="text"), "m-name"),
        _field("formula", dcc.Input(id="m-formula", type="text",
                                    placeholder="Li6.4La3Zr1.4Ta0.6O12"), "m-formula"),
        _field("category", dcc.RadioItems(list(CATEGORIES), id="m-category", inline=True,
                                          style={"display": "inline-block"}), "m-category"),
        _field("electrolyte class", dcc.RadioItems(list(ELECTROLYTE_CLASSES),
                                                   id="m-electrolyte_class", inline=True,
                                                   style={"display": "inline-block"}),
               "m-electrolyte_class"),
        # the ion the material conducts or stores (an electrolyte's formula must hold it:
        # Na3PS4 with Na); there is always one, Li where none is chosen: no clear button
        _field("mobile ion", dcc.Dropdown(list(mobile_ions()), value="Li", id="m-mobile_ion",
                                          clearable=False, style={
                                              "width": "120px", "display": "inline-block",
                                              "verticalAlign": "middle"}), "m-mobile_ion"),
        _field("property", dcc.Dropdown(prop_options, value="ionic_conductivity",
                                        id="m-property", style={"width": "260px",
                                        "display": "inline-block", "verticalAlign": "middle"}),
               "m-property"),
        *_value_fields("m", "1.2 mS/cm", "25 degC", "bibliography key or citation"),
        html.Button("Add material", id="m-add", n_clicks=0),
        html.Div(id="m-result", style={"marginTop": "6px", **MESSAGE_STYLE}),
        *_measure_form(prop_options),
    ])


def _value_fields(prefix: str, value_hint: str, temperature_hint: str,
                  source_hint: str) -> list[Any]:
    """The boxes of one property value (``<prefix>-value``, ``-temperature``, ``-year``,
    ``-method``, ``-source``), shared by the add-material and the measure forms."""
    from dash import dcc

    def box(name: str, hint: str) -> Any:
        return dcc.Input(id=f"{prefix}-{name}", type="text", placeholder=hint)

    return [
        _field("value with unit (or text)", box("value", value_hint), f"{prefix}-value"),
        _field("temperature", box("temperature", temperature_hint), f"{prefix}-temperature"),
        _field("year (of a price)", box("year", "2024"), f"{prefix}-year"),
        _field("method", dcc.RadioItems(list(METHODS), value="measured", id=f"{prefix}-method",
                                        inline=True, style={"display": "inline-block"}),
               f"{prefix}-method"),
        _field("source", box("source", source_hint), f"{prefix}-source"),
    ]


def _measure_form(prop_options: list[dict[str, str]]) -> list[Any]:
    """The materials tab's form of ``solidcell materials measure``: one measurement of any
    material (curated ones included), stored as the user's (ids ``mm-<field>``)."""
    from dash import dcc, html

    from solidcell.materials.schema import ARRHENIUS_FORMS, DEFAULT_ARRHENIUS_FORM

    return [
        html.H3("Add a measurement to any material"),
        html.P("Your own value of a property of a curated material or of yours (e.g. the "
               "price of vgcf, or a conductivity at 60 degC), as `solidcell materials "
               "measure` stores it; the material's own values stay. A price is used by the "
               "design tab's cost at once where the material has none of its own.",
               className="meta"),
        _field("material id", dcc.Input(id="mm-material", type="text", placeholder="vgcf"),
               "mm-material"),
        # a measurement always has a property: no clear button
        _field("property", dcc.Dropdown(prop_options, value="price", id="mm-property",
                                        clearable=False, style={
                                            "width": "260px", "display": "inline-block",
                                            "verticalAlign": "middle"}), "mm-property"),
        # (the property starts as price, which takes no temperature: the hint says so)
        *_value_fields("mm", "40 USD/kg", "none for a price; 60 degC for a conductivity",
                       "bibliography key or lab-notebook-2026-11-25"),
        # shown for an activation energy only (arrhenius_form_row); "" is not stated
        html.Div(_field("Arrhenius form (fitted in)", dcc.Dropdown(
            [{"label": f"not stated ({DEFAULT_ARRHENIUS_FORM} assumed)", "value": ""},
             *({"label": f, "value": f} for f in ARRHENIUS_FORMS)], value="",
            id="mm-arrhenius_form", clearable=False,
            style={"width": "260px", "display": "inline-block", "verticalAlign": "middle"}),
            "mm-arrhenius_form"),
            id="mm-arrhenius_form-row", style={"display": "none"}),
        html.Button("Add measurement", id="mm-add", n_clicks=0),
        html.Div(id="mm-result", style={"marginTop": "6px", **MESSAGE_STYLE}),
    ]


def design_options(state: DashboardState) -> list[dict[str, str]]:
    """The design list: every design file in the examples folder and the workspace."""
    return [{"label": label, "value": str(path)} for label, path in state.designs()]


def options_listing(options: list[dict[str, str]]) -> list[tuple[str, Path]]:
    """The (label, path) entries (:meth:`DashboardState.designs`) the design list
    ``options`` (:func:`design_options`) was made of."""
    return [(o["label"], Path(o["value"])) for o in options]


def first_design(state: DashboardState) -> Any:
    """The design the page shows as it loads (the design list's first entry, which the
    design tab's first call opens), or None where the list is empty or that file is refused
    (the design tab says why): that of :func:`initial_design_boxes`."""
    boxes = initial_design_boxes(state)
    return None if boxes is None else boxes["design"]


def design_boxes(state: DashboardState, source: str, field: str,
                 listing: list[tuple[str, Path]] | None = None) -> dict[str, Any]:
    """What the design tab shows of the design file ``source`` (picked from the list or typed
    in ``field``): ``values`` (box id -> value, :func:`form_values`, with the file's version:
    the ``design-original`` store), ``source`` (the path kept in ``design-source``),
    ``listed`` (its design list entry or None), ``disabled`` and ``placeholder`` (box id ->
    those of a field the design does not use), ``label`` ('showing ...') and ``design`` (the
    CellDesign read, parsed once per file version). One conversion for the layout's first
    design (:func:`initial_design_boxes`) and every design opened since. ``listing``: the
    design folders' entries (:meth:`DashboardState.designs`; default: listed now, once).
    SolidcellError where the file is refused."""
    design = state.load(source, field)
    values = form_values(design)
    listing = state.designs() if listing is None else listing
    path, listed = shown_design(state, source, field, listing)
    values = {**values, **file_version(Path(path))}  # which version the boxes are of
    unused = {k: values[k] is None for k in DESIGN_FIELDS}
    return {"values": values, "source": path, "listed": listed, "disabled": unused,
            "placeholder": {k: "not used" if u else "" for k, u in unused.items()},
            "label": _source_label(state, path, listing), "design": design}


def initial_design_boxes(state: DashboardState,
                         options: list[dict[str, str]] | None = None) -> dict[str, Any] | None:
    """:func:`design_boxes` of the design list's first entry, which the layout's design tab
    holds from the start (the page's first call had to fill it, and overwrote a value typed
    before its answer came), or None where the list is empty or that file is refused (the
    page's first call says why). ``options``: the design list (default: read now)."""
    return initial_design(state, options)[0]


def initial_design(state: DashboardState, options: list[dict[str, str]] | None = None
                   ) -> tuple[dict[str, Any] | None, tuple[Any, ...]]:
    """What the layout gives the page's first design: (:func:`initial_design_boxes`,
    :func:`initial_screen_ranges` of its design); ``options``: the design list (default: read
    now). Kept for the last key (:func:`first_design_key`: the list, the file's version, the
    materials database's version), so that a reload does not resolve the design again (twice
    per page load: its boxes and its screen ranges). What is returned is shared by the page
    loads of that key: read it, never change it."""
    options = design_options(state) if options is None else options
    if not options:
        return None, initial_screen_ranges(None)
    listing = options_listing(options)
    key = first_design_key(state, listing)
    kept = state.first_kept
    if key is not None and kept is not None and kept[0] == key:
        return kept[1]
    try:
        boxes = design_boxes(state, options[0]["value"], "design-example", listing)
    except SolidcellError:  # not kept: the page's first call says why
        return None, initial_screen_ranges(None)
    out = (boxes, initial_screen_ranges(boxes["design"]))
    if key is not None:
        state.first_kept = (key, out)
    return out


def first_design_key(state: DashboardState, listing: list[tuple[str, Path]]
                     ) -> tuple[Any, ...] | None:
    """All :func:`initial_design` reads of the first design of ``listing`` (a non-empty
    design list): the list, the file opened and its version (modification time and size, as
    :func:`_load_design` keys it), the materials database's URL and version
    (:func:`solidcell.materials.store.database_version`: a material stored since changes the
    resolved thicknesses); None (nothing kept) where one of them is not known."""
    from solidcell.materials.store import database_version, default_url

    try:
        path = safe_design_path(str(listing[0][1]), state.roots, "design-example")
        stat = path.stat()
        url = default_url()
    except (SolidcellError, OSError):
        return None
    version = database_version(url)
    if version is None:
        return None
    return (tuple(listing), str(path), stat.st_mtime_ns, stat.st_size, url, version)


def page_first_call_keeps(source: Any, values: Any, shown: Any, original: Any) -> bool:
    """Whether the page's first call leaves the design tab as the layout built it: it opened
    the file (``source``, its boxes' ``values`` with the file's version) the layout's boxes
    are of (``shown``, ``original``: the stores ``design-source``, ``design-original``), the
    same version. A file changed on disk since the layout was built is filled afresh."""
    if not source or not isinstance(values, dict) or not isinstance(original, dict):
        return False
    return source == shown and all(values.get(k) == original.get(k) for k in VERSION_KEYS)


#: the ``design-opened`` token of the page's own first design (a design opened since gets a
#: new one): the range boxes were given that design's ranges by the layout
PAGE_OPENED = "page"
#: the key of ``scr-range-auto`` naming the ``design-opened`` token its texts were given for
OPENED_KEY = "opened"


def _design_tab(state: DashboardState, boxes: dict[str, Any] | None = None,
                options: list[dict[str, str]] | None = None) -> Any:
    """The design tab; ``boxes``: the page's first design as its fields show it
    (:func:`initial_design_boxes`; None: empty fields, the page's first call says why);
    ``options``: the design list (default: read now)."""
    from dash import dcc, html

    options = design_options(state) if options is None else options
    first = options[0]["value"] if options else None
    given = boxes or {"values": {}, "disabled": {}, "placeholder": {}}
    fields = []
    for key, (path, unit, _) in DESIGN_FIELDS.items():
        # the label names the quantity ("temperature_K" beside a degC box read as kelvin);
        # the unit follows the box, the design path is the tooltip and in every message
        label = html.Span(FIELD_LABELS[key], title=path)
        # a text box, read by the server (field_number): a number box dropped what Chromium
        # could not read ('80,5' reached the server as 805) and never sent a unit. It starts
        # with the first design's value (the page's first call overwrote what was typed)
        fields.append(_field(label, dcc.Input(
            id=key, type="text", debounce=True, value=given["values"].get(key),
            disabled=given["disabled"].get(key, False),
            placeholder=given["placeholder"].get(key), style={"width": "120px"}), key, unit))
    return html.Div([
        html.H3("Edit a design"),
        _field("design", dcc.Dropdown(options, value=first, id="design-example",
                                      clearable=False, style={"width": "420px",
                                      "display": "inline-block", "verticalAlign": "middle"}),
               "design-example"),
        _field("or open a file", dcc.Input(id="design-path", type="text", debounce=True,
                                           placeholder="examples/ or workspace file name",
                                           style={"width": "300px"}), "design-path"),
        # which file the fields and metrics are of (a typed path leaves the list as it was)
        html.P(boxes["label"] if boxes else "", id="design-current", className="meta"),
        *fields,
        html.Span("", id="design-msg", style={"color": "#cf222e", **MESSAGE_STYLE}),
        dcc.Store(id="design-original", data=boxes["values"] if boxes else None),
        dcc.Store(id="design-source", data=boxes["source"] if boxes else None),
        # which opening of a file the page shows (load_design): PAGE_OPENED for the page's
        # own first design, a new token for each design opened since (followed_screen_ranges'
        # reset: the first call, filling nothing the layout has not, must not reset a box)
        dcc.Store(id="design-opened", data=PAGE_OPENED),
        html.H4("Metrics (solidcell.cell.energy.evaluate)"),
        # while a field is refused, the numbers below are those of the last accepted values:
        # they are greyed and this line says so (they are not the numbers of the form)
        html.P("", id="design-stale", className="note", style={"color": "#cf222e"}),
        html.Div([
            html.Div(id="design-metrics"),
            html.Div([dcc.Graph(id="design-stack", style={"width": "48%",
                                                          "display": "inline-block"}),
                      dcc.Graph(id="design-breakdown", style={"width": "48%",
                                                              "display": "inline-block"})]),
        ], id="design-results"),
        html.H4("Cost (solidcell.manufacturing.cost.cell_cost)"),
        # the command line's --price ID=USD_PER_KG (repeatable): overrides the materials
        # database for the cost below, the report and the screening tab's screen
        _field("material prices", dcc.Input(id=PRICE_BOX, type="text", debounce=True,
                                            placeholder="vgcf=40, linbo3=100",
                                            style={"width": "300px"}), PRICE_BOX,
               "ID=USD_PER_KG, comma-separated"),
        html.Div(id="design-cost"),
        html.H4("Download"),
        # sent to the browser (dcc.Download), never written on the server
        html.Button("Evaluation (JSON)", id="design-dl-json", n_clicks=0,
                    title="solidcell evaluate --json of the design shown"),
        html.Button("Report (HTML)", id="design-dl-report", n_clicks=0,
                    title="solidcell report of the design shown (runs every engine: "
                    "seconds to a minute)"),
        dcc.Download(id="design-download"),
        html.Span("", id="design-download-busy", className="meta",
                  style={"marginLeft": "8px"}),
        html.Span("", id="design-download-msg", role="status", style={"marginLeft": "8px"}),
        html.H4("Save to the workspace"),
        _field("file name", dcc.Input(id="save-name", type="text", placeholder="my-cell"),
               "save-name"),
        dcc.Checklist([{"label": "replace an existing file of that name", "value": "replace"}],
                      value=[], id="save-replace", inline=True,
                      style={"display": "inline-block", "marginRight": "8px"}),
        html.Button("Save design", id="save-button", n_clicks=0),
        html.Span("", id="save-result", style={"marginLeft": "8px"}),
    ])


def _job_controls(prefix: str, run_label: str, what: str, poll_ms: int = 500) -> list[Any]:
    """A job tab's Run and Stop buttons (``{prefix}-run``, ``{prefix}-stop``: Stop ends the
    running ``what``, its worker process terminated, and frees its slot), its job store, poll,
    progress, stale note and result area."""
    from dash import dcc, html

    return [
        html.Button(run_label, id=f"{prefix}-run", n_clicks=0),
        html.Button("Stop", id=f"{prefix}-stop", n_clicks=0, disabled=True,
                    title=f"stop the running {what}"),
        # kept by the browser tab over a reload (sessionStorage): a reload mid-run lost the
        # id, and the run computed on out of reach of Stop, holding a slot
        dcc.Store(id=f"{prefix}-job", storage_type="session"),
        dcc.Interval(id=f"{prefix}-poll", interval=poll_ms, disabled=True),
        html.Div(id=f"{prefix}-progress"),
        # the result is of the design as it was run: an edit since greys it and says so
        html.P("", id=f"{prefix}-stale", className="note", style={"color": "#cf222e"}),
        html.Div(id=f"{prefix}-result"),
    ]


def _download_row(prefix: str, csv_label: str, json_label: str) -> list[Any]:
    """The download buttons of a job's tab (``{prefix}-dl-csv``, ``{prefix}-dl-json``), its
    ``dcc.Download`` and the line that says why nothing was downloaded."""
    from dash import dcc, html

    return [html.H4("Download"),
            html.Button(f"Download {csv_label}", id=f"{prefix}-dl-csv", n_clicks=0),
            html.Button(f"Download {json_label}", id=f"{prefix}-dl-json", n_clicks=0),
            dcc.Download(id=f"{prefix}-download"),
            html.Span("", id=f"{prefix}-download-msg", role="status",
                      style={"marginLeft": "8px"})]


def _simulation_tab(first: Any = None) -> Any:
    """The simulation tab; ``first``: the page's first design (:func:`first_design`), whose
    experiment the box holds from the start (:func:`initial_experiment`)."""
    from dash import dcc, html

    sim, reason = _engine_or_reason("solidcell.simulation.runs", "simulate")
    if sim is None:
        return html.Div([html.H3("Simulate the design"), _unavailable(reason)])
    from solidcell.simulation.ocp import OCP_ENDS
    from solidcell.simulation.parameters import THERMAL_OPTIONS

    experiment, auto = initial_experiment(first)
    return html.Div([
        html.H3("Simulate the design (the design tab's current design)"),
        # filled from the design tab's design (follow_experiment): a fixed "until 3 V" cut
        # a Li-In cell at 3.62 V vs Li. It starts with the first design's (the page's first
        # call had to fill it, and overwrote what was typed before its answer came)
        _field("experiment", dcc.Input(id="sim-experiment", type="text", value=experiment,
                                       style={"width": "320px"}), "sim-experiment"),
        html.P(EXPERIMENT_RULE, className="meta", id="sim-experiment-rule"),
        # the text the box was last given from the design (follow_experiment)
        dcc.Store(id="sim-experiment-auto", data=auto),
        # `simulate --ocp-ends`; the result's "OCP ends" row says which rule ran
        _field("OCP ends", dcc.Dropdown(
            [{"label": e, "value": e} for e in OCP_ENDS], value="auto", id="sim-ocp_ends",
            clearable=False, style={"width": "260px", "display": "inline-block",
                                    "verticalAlign": "middle"}), "sim-ocp_ends"),
        html.P(OCP_ENDS_HELP, className="meta"),
        # `simulate --thermal` and `--heat-transfer`: the coefficient's row only for lumped
        _field("Thermal model", dcc.Dropdown(
            [{"label": t, "value": t} for t in THERMAL_OPTIONS], value="isothermal",
            id="sim-thermal", clearable=False,
            style={"width": "260px", "display": "inline-block", "verticalAlign": "middle"}),
            "sim-thermal"),
        html.Div(_field("heat transfer coefficient", dcc.Input(
            id=HEAT_TRANSFER_BOX, type="text", placeholder="e.g. 10", disabled=True,
            style={"width": "120px"}), HEAT_TRANSFER_BOX, HEAT_TRANSFER_UNIT),
            id=f"{HEAT_TRANSFER_BOX}-row", style={"display": "none"}),
        html.P(THERMAL_HELP, className="meta"),
        # `simulate --interface-resistance`, `--interface-activation`, `--interface-ref-temp`
        *[_field(label, dcc.Input(id=box, type="text", value="", placeholder=f"e.g. {example}",
                                  style={"width": "160px"}), box)
          for box, label, _kind, example in INTERFACE_BOXES.values()],
        html.P(INTERFACE_HELP, className="meta"),
        *_job_controls("sim", "Run simulation", "simulation"),
        *_download_row("sim", "curves (CSV)", "result (JSON)"),
        *_sweep_panel(),
    ])


def _sweep_panel() -> list[Any]:
    """The simulation tab's temperature sweep (``solidcell temperature-sweep``): temperatures
    and C-rate boxes, a mesh select, Run and Stop, its progress, table and plot; the thermal
    model and OCP ends of the form above apply."""
    from dash import dcc, html

    from solidcell.simulation.pybamm_adapter import MESHES

    return [
        html.H3("Temperature sweep (the design tab's current design)"),
        html.P(SWEEP_HELP, className="meta"),
        _field("temperatures", dcc.Input(id=SWEEP_TEMPERATURES_BOX, type="text", value="",
                                         placeholder=SWEEP_PLACEHOLDER,
                                         style={"width": "320px"}), SWEEP_TEMPERATURES_BOX),
        _field("C-rate", dcc.Input(id=SWEEP_C_RATE_BOX, type="text", value="1",
                                   style={"width": "80px"}), SWEEP_C_RATE_BOX, "1/h"),
        _field("mesh", dcc.Dropdown(
            [{"label": m, "value": m} for m in MESHES], value="default", id=SWEEP_MESH,
            clearable=False, style={"width": "160px", "display": "inline-block",
                                    "verticalAlign": "middle"}), SWEEP_MESH),
        *_job_controls("sweep", "Run temperature sweep", "temperature sweep"),
        *_download_row("sweep", "table (CSV)", "result (JSON)"),
    ]


#: swept parameters of the dashboard's screen: input id -> (design path, unit shown)
SCREEN_RANGES: dict[str, tuple[str, str]] = {
    "scr-cathode": ("cathode.thickness_m", "um"),
    "scr-separator": ("separator.thickness_m", "um"),
}
MAX_SCREEN_DESIGNS = 20000
#: the screen's range boxes start from SCREEN_SPAN[0] to SCREEN_SPAN[1] times the design tab's
#: own value (the dashboard's convention, not a sourced number), clipped to
#: :func:`screen_limit_um`; fixed boxes (40-150 um cathodes) gave a thin-film design, whose
#: cathode the model holds to <= 100 um, no feasible design at all
SCREEN_SPAN = (0.5, 2.0)
#: the screen tab's statement of :data:`SCREEN_SPAN` and of when the boxes follow the design
SCREEN_RANGE_RULE = (
    "The ranges start from half to twice the design tab's cathode and separator thickness "
    "(the dashboard's convention; at most 100 um for a thin_film cathode, the design model's "
    f"limit, and {MAX_THICKNESS_UM:,.0f} um for any range) and follow that design's edits. A "
    "box you typed in keeps your value until another design is opened, which starts every "
    "range again from that design; an emptied box follows the design again. Choosing the "
    "design shown in the design list again opens nothing (its edits and your values stay); "
    "type its name in 'or open a file' to open it afresh. A range the design does not use "
    "is empty and disabled, the reason below the boxes.")


def _screen_tab(first: Any = None, ranges: tuple[Any, ...] | None = None) -> Any:
    """The screening tab; ``first``: the page's first design (:func:`first_design`), whose
    ranges the boxes hold from the start (``ranges``, default: :func:`initial_screen_ranges`
    of it, computed now)."""
    from dash import dcc, html

    scr, reason = _engine_or_reason("solidcell.screening.screen", "screen")
    if scr is None:
        return html.Div([html.H3("Screen designs"), _unavailable(reason)])
    try:
        from solidcell.screening.screen import applications

        apps = list(applications())
    except Exception:
        apps = []
    # filled from the design tab's design (follow_screen_ranges): fixed 40-150 um boxes
    # screened a 5 um thin-film cathode with none feasible. They start with the first
    # design's (the page's first call had to fill them, and overwrote what was typed first)
    texts, auto, unused, note = initial_screen_ranges(first) if ranges is None else ranges
    rows = []
    for key, (path, unit) in SCREEN_RANGES.items():
        for side, word in (("min", "from"), ("max", "to")):
            box = f"{key}-{side}"
            rows.append(_field(f"{path} {word}", dcc.Input(
                id=box, type="text", value=texts.get(box, ""), disabled=box in unused,
                placeholder=UNUSED_RANGE if box in unused else "", style={"width": "80px"}),
                box, unit))
    return html.Div([
        html.H3("Screen designs around the design tab's current design"),
        html.P("Latin hypercube over the ranges below, evaluated by solidcell.screening.screen "
               "(the same energy model as the design tab); objectives of the application "
               "profile.", className="meta"),
        html.P(SCREEN_RANGE_RULE, className="meta", id="scr-range-rule"),
        # the values the boxes were last given from the design (follow_screen_ranges)
        dcc.Store(id="scr-range-auto", data=auto),
        _field("application", dcc.RadioItems(apps, value=apps[0] if apps else None,
                                             id="scr-application", inline=True,
                                             style={"display": "inline-block"}),
               "scr-application"),
        *rows,
        # why a range is empty and disabled (unused_screen_ranges), else empty
        html.P(note, id="scr-range-unused", className="note"),
        _field("designs", dcc.Input(id="scr-n", type="text", value="2000",
                                    style={"width": "80px"}), "scr-n",
               f"(at most {MAX_SCREEN_DESIGNS})"),
        *_job_controls("scr", "Run screen", "screen", poll_ms=400),
        *_download_row("scr", "every design (CSV)", "result (JSON)"),
    ])


def unused_screen_ranges(design: Any) -> dict[str, str]:
    """The screen ranges ``design`` does not use (``SCREEN_RANGES`` key -> why): in an
    interdigitated 3D cell the gap separates the plates and the separator thickness is not
    used (docs/cell.md), so sweeping it would only repeat designs."""
    if design.architecture.kind == "interdigitated_3d":
        return {"scr-separator": "not used by an interdigitated_3d design (the gap "
                "separates the plates); the screen varies the cathode only"}
    return {}


def screen_limit_um(design: Any, key: str) -> float:
    """The largest value of the screen range ``key`` (:data:`SCREEN_RANGES`) for ``design``
    [um]: a thin_film cathode's (``THIN_FILM_MAX_CATHODE_M``, which the design model refuses
    beyond), else the dashboard's :data:`MAX_THICKNESS_UM`."""
    from solidcell.cell.design import THIN_FILM_MAX_CATHODE_M

    if key == "scr-cathode" and design.architecture.kind == "thin_film":
        return THIN_FILM_MAX_CATHODE_M * 1e6
    return MAX_THICKNESS_UM


def screen_defaults(design: Any) -> dict[str, str]:
    """The screen's range boxes (box id -> text in um) around ``design``: :data:`SCREEN_SPAN`
    times its cathode (as resolved by the engine, as the design tab shows it) and separator
    thickness, each clipped to :func:`screen_limit_um`."""
    own = {"scr-cathode": design.resolved().cathode_thickness_m / 1e-6,
           "scr-separator": design.separator.thickness_m / 1e-6}
    out = {}
    for key in SCREEN_RANGES:
        limit = screen_limit_um(design, key)
        for side, factor in zip(("min", "max"), SCREEN_SPAN, strict=True):
            out[f"{key}-{side}"] = shown(min(own[key] * factor, limit))
    return out


def box_follows(text: Any, last_given: Any) -> bool:
    """Whether a box that the design fills follows the design again: it is empty or still
    holds what it was last given (whitespace aside); a value the user typed stays. One rule
    for the screen's range boxes and the experiment box."""
    now = " ".join(str(text or "").split())
    return not now or now == " ".join(str(last_given or "").split())


def followed_screen_ranges(design: Any, boxes: dict[str, Any], auto: dict[str, Any] | None,
                           reset: bool) -> tuple[dict[str, str | None], dict[str, str]]:
    """The screen's range boxes after the design tab showed ``design``: (box id -> its new
    text, or None where the box keeps its value; the texts given from the design, kept as
    ``auto`` for the next call). A box follows :func:`screen_defaults` when ``reset`` (another
    design opened), when empty, or when it still holds what it was last given (``auto``);
    a value the user typed stays. A range the design does not use
    (:func:`unused_screen_ranges`) is emptied."""
    span, auto = screen_defaults(design), auto or {}
    unused = unused_range_boxes(design)
    new: dict[str, str | None] = {}
    for box, text in span.items():
        if box in unused:
            new[box] = span[box] = ""
            continue
        follows = reset or box_follows(boxes.get(box), auto.get(box))
        new[box] = text if follows else None
    return new, span


#: the placeholder of a range box the design does not use (empty and disabled)
UNUSED_RANGE = "not used"


def unused_range_boxes(design: Any) -> list[str]:
    """The range boxes (ids) of the ranges ``design`` does not use."""
    return [f"{key}-{side}" for key in unused_screen_ranges(design) for side in ("min", "max")]


def unused_ranges_note(design: Any) -> str:
    """The line below the range boxes saying why a range is empty and disabled ('' when
    ``design`` uses every range)."""
    return " ".join(f"{SCREEN_RANGES[key][0]}: {why}."
                    for key, why in unused_screen_ranges(design).items())


def screen_range_reset(opened: bool, token: Any, auto: dict[str, Any] | None) -> bool:
    """Whether the range boxes start again from the design (``reset`` of
    :func:`followed_screen_ranges`): a design was opened (``opened``) since they were given
    their texts, i.e. its ``design-opened`` ``token`` is not the one ``auto`` was given for.
    The page's first call opens the design the layout filled them from (:data:`PAGE_OPENED`):
    no reset, so a value typed before its answer came stays."""
    return opened and (auto or {}).get(OPENED_KEY) != token


def initial_screen_ranges(design: Any) -> tuple[dict[str, str], dict[str, Any] | None,
                                                list[str], str]:
    """The range boxes as the layout builds them for the page's first design (None: empty):
    (box id -> text, the ``scr-range-auto`` store, the disabled boxes, the line saying why),
    what :func:`followed_screen_ranges` gives that design, so that the page's first call
    has nothing to change."""
    if design is None:
        return {}, None, [], ""
    try:
        texts, span = followed_screen_ranges(design, {}, None, reset=True)
        return ({k: v or "" for k, v in texts.items()}, {**span, OPENED_KEY: PAGE_OPENED},
                unused_range_boxes(design), unused_ranges_note(design))
    except SolidcellError:  # the design tab says why
        return {}, None, [], ""


def screen_space(design: Any, values: dict[str, Any], n: Any) -> dict[str, Any]:
    """The design space of the screening form (validated; ValidationError names the field)."""
    from solidcell import units

    parameters: dict[str, Any] = {}
    unused = unused_screen_ranges(design)
    for key, (path, unit) in SCREEN_RANGES.items():
        if key in unused:
            continue
        bounds = []
        for side in ("min", "max"):
            raw = str(values.get(f"{key}-{side}") or "").strip()
            # read as the design boxes read a thickness ('40 um', '0.04 mm', a paper's
            # '\u221240'): units.parse(float(raw)) refused each as "must be a number in um"
            x = units.parse(typed_quantity(f"{key}-{side}", raw, unit), "length", unit)
            if not (x > 0 and math.isfinite(x)):
                raise ValidationError(f"{key}-{side}", raw,
                                      f"must be a finite number > 0 in {unit}")
            if x > MAX_THICKNESS_UM * 1e-6:
                raise ValidationError(f"{key}-{side}", raw, f"must be at most "
                                      f"{MAX_THICKNESS_UM:g} {unit} (the dashboard's range)")
            bounds.append(x)
        if bounds[0] > bounds[1]:
            # the 'from' value named ("'150' ... must be at least the 'from' value" left the
            # reader to find which one)
            raise ValidationError(f"{key}-max", values.get(f"{key}-max"),
                                  f"must be at least the 'from' value {key}-min "
                                  f"{bounds[0] / 1e-6:g} {unit}")
        parameters[path] = {"min": bounds[0], "max": bounds[1]}
    return {"base": design, "method": "lhs", "n": screen_count(n), "seed": 1,
            "parameters": parameters}


def screen_count(n: Any) -> int:
    """The screen's "designs" box as a count in [1, :data:`MAX_SCREEN_DESIGNS`]
    (ValidationError naming ``scr-n``)."""
    try:  # 1e3 is a whole number as people write it (int('1e3') refused it)
        number = float(str(n).strip())
    except ValueError:
        raise ValidationError("scr-n", n, "must be a whole number") from None
    if not number.is_integer():
        raise ValidationError("scr-n", n, "must be a whole number")
    count = int(number)
    if not 1 <= count <= MAX_SCREEN_DESIGNS:
        raise ValidationError("scr-n", n, f"must lie in [1, {MAX_SCREEN_DESIGNS}]")
    return count


#: the page's name of a job by its ids' prefix
JOB_KINDS = {"sim": "simulation", "scr": "screen", "sweep": "temperature sweep"}


def _job_progress(state: Any, job_id: str | None, prefix: str,
                  view: Any) -> tuple[Any, Any, bool]:
    """(progress bar, result view, poll disabled) of a background job: the bar
    ``{prefix}-progress-bar`` with the job's message in ``{prefix}-status``, ``view(result)``
    once it has finished, the reason when it failed, ``{kind} stopped`` when stopped."""
    from dash import html, no_update

    status = state.jobs.status(job_id) if job_id else None
    if status is None and job_id:
        # the page's run is unknown here: the server was restarted (its workers ended with
        # it) or the run ended long ago and was dropped (Jobs.keep). The progress bar used to
        # vanish without a word, as if the run had never been started
        kind = JOB_KINDS.get(prefix, prefix)
        return html.P(f"{kind} not known to this dashboard (it was restarted, or the {kind} "
                      f"ended long ago): nothing of it is kept; run it again",
                      className="note", id=f"{prefix}-lost"), "", True
    if status is None:
        return "", "", True
    fraction = status["fraction"]
    if status["state"] in ("failed", "stopped") and fraction is None:
        fraction = 0.0  # an ended run's bar stops; an indeterminate one would look busy
    # no fraction known (a solver running): an indeterminate bar, not one stuck at zero
    bar = html.Div([html.Progress(value=None if fraction is None else str(fraction), max="1",
                                  id=f"{prefix}-progress-bar"),
                    html.Span(f" {status['message']} ({status['elapsed_s']:.1f} s)",
                              id=f"{prefix}-status")])
    if status["state"] == "running":
        return bar, no_update, False
    if status["state"] == "failed":
        return bar, html.P(f"{status['kind']} failed: {status['error']}", className="note",
                           id=f"{prefix}-error", style={"color": "#cf222e", **MESSAGE_STYLE}
                           ), True
    if status["state"] == "stopped":
        return bar, html.P(f"{status['kind']} stopped after {status['elapsed_s']:.1f} s; "
                           "nothing of it is kept", className="note",
                           id=f"{prefix}-stopped"), True
    job = state.jobs.get(job_id)
    return bar, view(job.result) if job else "", True


def _experiment_message(state: Any, job_id: str | None, field: str = "experiment") -> Any:
    """A failed simulation's error beside the box of ``field`` when it is that field's (the
    experiment: a step PyBaMM cannot read, a C-rate out of range; ``ocp_ends``: the wall
    asked for a design it cannot apply to); otherwise the box is left as it is."""
    from dash import no_update

    status = state.jobs.status(job_id) if job_id else None
    if status is None or status["state"] != "failed":
        return no_update
    # an interface box's keyword exactly (interface_resistance begins its activation energy's)
    named = interface_keyword(status["error_field"])
    ours = named == field if field in INTERFACE_BOXES else named.startswith(field)
    return status["error"] if ours else no_update


def _screen_view(result: Any) -> Any:
    import plotly.graph_objects as go
    from dash import dcc, html

    table = result.table
    keys = [o.key for o in result.objectives]
    feasible = table[table["Feasible"]]
    meets = (f"{int(table['Meets requirements'].sum())} meet the requirements, "
             if "Meets requirements" in table else "")
    children: list[Any] = [html.P(
        f"{len(table)} designs, {int(table['Feasible'].sum())} feasible, {meets}"
        f"{int(table['Pareto'].sum())} on the Pareto front of: {'; '.join(keys)}",
        id="scr-summary")]
    # why designs drop out: "200 feasible, 0 on the front" said nothing of the requirements
    # (the front is taken among the designs that meet them) or of the infeasible designs
    why: list[str] = []
    application = getattr(result, "application", None)
    for req in getattr(application, "requirements", ()) or ():
        bounds = [f">= {shown(req['min'])}" if req.get("min") is not None else "",
                  f"<= {shown(req['max'])}" if req.get("max") is not None else ""]
        why.append(f"requirement of '{application.id}': {req['key']} "
                   f"{' and '.join(b for b in bounds if b)} [{req.get('source', '')}]")
    if "Reason" in table:
        # reason 12 by the number out of range (its "Reason detail"), not the rules in full
        counts = (result.infeasible_rows() if "Reason detail" in table
                  and hasattr(result, "infeasible_rows")
                  else table.loc[~table["Feasible"], "Reason"].value_counts().items())
        for reason, count in counts:
            why.append(f"{count} infeasible: {reason}")
    why += list(getattr(result, "notes", ()) or ())
    if why:
        children.append(html.Ul([html.Li(w) for w in why], id="scr-why", className="meta"))
    if len(keys) >= 2 and len(feasible):
        x, y = keys[0], keys[1]
        front = feasible[feasible["Pareto"]]
        fig = go.Figure([
            go.Scattergl(x=feasible[x], y=feasible[y], mode="markers", name="feasible",
                         marker={"size": 4, "color": "#9aa5b1"}),
            go.Scattergl(x=front[x], y=front[y], mode="markers", name="Pareto front",
                         marker={"size": 7, "color": "#cf222e"},
                         customdata=front[[c for c in result.parameters]].to_numpy() * 1e6,
                         hovertemplate="<br>".join(
                             f"{c} = %{{customdata[{i}]:.4g}} um"
                             for i, c in enumerate(result.parameters)))])
        fig.update_layout(xaxis_title=x, yaxis_title=y, height=420,
                          margin={"l": 50, "r": 10, "t": 20, "b": 40})
        children.append(dcc.Graph(figure=fig, id="scr-figure"))
    children += _front_table(result, keys)
    children.append(html.P("Sources: " + ", ".join(result.sources), className="meta"))
    return html.Div(children)


#: the Pareto front's designs the screening tab lists (the CSV download has every design)
FRONT_ROWS = 30


def _front_table(result: Any, keys: list[str]) -> list[Any]:
    """The screen's Pareto front as a table under a title that says what it lists (how many
    designs, in which order, and when only the first :data:`FRONT_ROWS` are shown), or a line
    saying that no design is on the front (a table of headers alone said nothing)."""
    from dash import html

    table = result.table
    on_front = int(table["Pareto"].sum())
    if not on_front:
        return [html.P("no design on the Pareto front: it is taken among the feasible designs "
                       "that meet the application's requirements (why designs drop out: "
                       "above)", className="meta", id="scr-front-title")]
    title = f"Pareto front: {on_front} designs, by {keys[0]}, highest first"
    if on_front > FRONT_ROWS:
        title += (f"; the first {FRONT_ROWS} shown (every design: Download every design "
                  "(CSV))")
    shown_cols = [*result.parameters, *keys]
    headers = [f"{c} [um]" if c in result.parameters else c for c in shown_cols]
    scale = {c: (1e6 if c in result.parameters else 1.0) for c in shown_cols}
    front = table[table["Pareto"]].sort_values(keys[0], ascending=False).head(FRONT_ROWS)
    return [html.H4(title, id="scr-front-title"), html.Table(
        [html.Thead(html.Tr([html.Th(h) for h in headers])),
         html.Tbody([html.Tr([html.Td(shown(float(r[c]) * scale[c])) for c in shown_cols])
                     for _, r in front.iterrows()])], id="scr-table")]


def _predict_tab() -> Any:
    from dash import dcc, html

    pred, reason = _engine_or_reason("solidcell.discovery.predict", "predict_conductivity")
    if pred is None:
        return html.Div([html.H3("Predict a composition's conductivity"), _unavailable(reason)])
    return html.Div([
        html.H3("Predict a composition's room-temperature conductivity"),
        _field("composition", dcc.Input(id="pred-composition", type="text",
                                        placeholder="Li6PS5Cl"), "pred-composition"),
        html.P("Optional crystal data (both, or neither): the structure model then answers.",
               className="note"),
        _field("space group", dcc.Input(id="pred-space-group", type="text",
                                        placeholder="Ia-3d or 230"), "pred-space-group"),
        _field("lattice a, b, c, alpha, beta, gamma",
               dcc.Input(id="pred-lattice", type="text",
                         placeholder="12.97, 12.97, 12.97, 90, 90, 90"),
               "pred-lattice", "A, deg"),
        html.Button("Predict", id="pred-run", n_clicks=0),
        html.Div(id="pred-result"),
    ])


def _metrics_table(summary: Any, np_note: str | None = None, design: Any = None) -> Any:
    """The design tab's metrics; ``np_note`` (:func:`np_ratio_note`): why the N/P ratio is
    not there; ``design``: the design shown (its held lithium's note,
    :func:`held_lithium_note`)."""
    from dash import html

    data = summary.energy or {}
    rows = []
    for mid, (key, label) in METRICS.items():
        value = data.get(key)
        if mid == "metric-voltage" and value is None:
            value = summary.cell_voltage_V  # no energy engine: the design's own voltage
        rows.append(html.Tr([html.Td(label), html.Td(shown(metric_value(mid, value)), id=mid,
                                                       **{"data-key": key})]))
    note = [] if summary.energy is not None else [html.P(summary.energy_note, className="note")]
    # a metric the engine did not compute shows '-'; say why when the engine says it
    power = str(data.get(POWER_NOTE_KEY) or "")
    if data and data.get(METRICS["metric-max-c-rate"][0]) is None and power:
        note.append(html.P(f"Maximum C-rate: {power}", className="note", id="metric-note"))
    if np_note and data.get(METRICS["metric-np"][0]) is None:
        note.append(html.P(f"N/P ratio: {np_note}", className="note", id="metric-np-note"))
    held = held_lithium_note(design, data) if design is not None else None
    if held:
        note.append(html.P(held, className="note", id="metric-held-li-note"))
    # the conductivity behind the C-rate extrapolated, above or across melting at this
    # temperature (EnergyResult.warnings)
    warnings = [str(w) for w in data.get(ENERGY_NOTES_KEY) or ()]
    if warnings:
        note.append(html.P("Maximum C-rate at this temperature: " + "; ".join(warnings),
                           className="note", id="metric-temperature-note"))
    return html.Div([*note, html.Table(rows, className="metrics"),
                     html.P("Sources: " + ", ".join(summary.sources), className="meta")])


def _preload_serialisers() -> None:
    """Import the modules plotly's JSON encoder looks up in ``sys.modules`` (without importing
    them), and the command line's helpers, before any request is served. Otherwise a job
    thread importing pandas (PyBaMM, screening) while a callback encodes a figure hands the
    encoder a partially initialised module: ``AttributeError: partially initialized module
    'pandas' has no attribute 'NaT'``."""
    import contextlib
    import importlib

    for name in ("numpy", "pandas", "PIL.Image"):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    # the command line's helpers the callbacks import (cli._common, cli.cell, cli.materials):
    # solidcell.cli's __init__ imports every command module, so two threads importing two of
    # them first (the cost's cli._common and a report's cli.cell) met in a circular import,
    # both failing (_DeadlockError, KeyError: 'solidcell.cli'): a 500 answer in a dashboard
    # started from Python (`solidcell app` has them imported before it serves)
    importlib.import_module("solidcell.cli")


def preload_simulation() -> threading.Thread:
    """Import the simulation stack (PyBaMM, about 2 s: ``benchmarks/bench_app_first_run.py``)
    in a daemon thread, so that a served dashboard's first simulation Run does not wait for it
    in its check before the job starts (:func:`simulation_inputs_check`). A Run during the
    import waits for it on Python's per-module import lock, then finds it imported. A failed
    import is not said here: the Run imports it again and says why (a failed import leaves
    nothing in ``sys.modules``). Of the modules it imports, the page's first callbacks (the
    design, its cost, the materials list) import none, so the two threads do not take one
    package's module locks in opposite orders (``_DeadlockError``, as two threads importing
    the command line's modules did: :func:`_preload_serialisers`)."""

    def load() -> None:
        import contextlib

        # the adapter is the only module importing pybamm (and sets its logger as it does)
        with contextlib.suppress(Exception):
            from solidcell.simulation import pybamm_adapter

            pybamm_adapter._pybamm()

    thread = threading.Thread(target=load, daemon=True, name="solidcell-preload-simulation")
    thread.start()
    return thread


def create_app(examples_dir: str | Path | None = None, workspace_dir: str | Path | None = None,
               local_only: bool = True, preload: bool = False) -> Any:
    """The Dash app (``app.server`` is its Flask/WSGI server).

    ``preload``: import the simulation stack in a background thread
    (:func:`preload_simulation`, kept as ``app.state.preload``; None without), as
    :func:`serve` does: the first Run then finds it imported.

    ``local_only``: answer only requests addressed to a loopback name (Host header
    ``localhost``, ``127.x.y.z`` or ``[::1]``), as a dashboard bound to a loopback address
    is: a web page of another site whose name is pointed at 127.0.0.1 (DNS rebinding) gets
    403 instead of driving the dashboard. Request bodies above :data:`MAX_REQUEST_BYTES`
    get 413. Both answers are one line naming what was refused and what is allowed. The page
    is given the limit and its rule (meta tags) and shows such answers (assets/requests.js)."""
    import dash
    from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

    from solidcell.app.interfaces_tab import interfaces_tab, register_interfaces_callbacks
    from solidcell.materials.store import default_store

    _preload_serialisers()
    state = DashboardState(Path(examples_dir) if examples_dir else None,
                           Path(workspace_dir) if workspace_dir else None)
    # assets/requests.js (served by Dash from the assets folder beside this module) shows a
    # refused or unanswered request on the page; it reads the size limit from these tags
    app = dash.Dash(__name__, title="solidcell dashboard", serve_locally=True,
                    suppress_callback_exceptions=True, meta_tags=[
                        {"name": "solidcell-max-request-bytes",
                         "content": str(MAX_REQUEST_BYTES)},
                        {"name": "solidcell-request-rule", "content": REQUEST_SIZE_RULE}])
    app.state = state  # type: ignore[attr-defined]
    _guard_requests(app, state.roots, local_only)

    def layout() -> Any:
        """The page, built per page load: the design list is the folders' files now (a layout
        built once at start lost, on a reload, every design saved since). The boxes filled
        from the design start with the first design's texts (:func:`initial_design_boxes`:
        the folders listed once, the first design read once; what the layout gives it kept
        per file and database version, :func:`initial_design`)."""
        options = design_options(state)
        boxes, ranges = initial_design(state, options)
        first = None if boxes is None else boxes["design"]
        return html.Div([
            html.H2("solidcell dashboard"),
            html.P("Every number comes from a solidcell engine with its sources.",
                   className="meta"),
            # a request the server refused or did not answer, when no box is to blame
            # (assets/requests.js); a body too large is reported beside its box instead
            html.P("", id="request-msg", role="alert", style=REQUEST_MSG_STYLE),
            # this page load's id: a Run stops the page's previous run of its kind even when
            # two clicks came before the first answer (Jobs.start's owner)
            dcc.Store(id="page-id", data=uuid.uuid4().hex),
            dcc.Tabs(id="tabs", value="design", children=[
                dcc.Tab(label="Design", value="design",
                        children=_design_tab(state, boxes, options)),
                dcc.Tab(label="Materials", value="materials", children=_materials_tab()),
                dcc.Tab(label="Simulation", value="simulation",
                        children=_simulation_tab(first)),
                dcc.Tab(label="Screening", value="screening",
                        children=_screen_tab(first, ranges)),
                dcc.Tab(label="Prediction", value="prediction", children=_predict_tab()),
                # `solidcell interfaces` of the design shown (solidcell.app.interfaces_tab)
                dcc.Tab(label="Interfaces", value="interfaces", children=interfaces_tab()),
            ]),
        ], style={"fontFamily": "system-ui, sans-serif", "margin": "0 2rem"})

    app.layout = layout

    field_ids = list(DESIGN_FIELDS)
    register_interfaces_callbacks(app, state, field_ids)

    # --- design ------------------------------------------------------------------------
    @app.callback(
        [Output(k, "value") for k in field_ids]
        + [Output("design-original", "data"), Output("design-source", "data"),
           Output("design-path-msg", "children"), Output("design-example-msg", "children")]
        + [Output(k, "disabled") for k in field_ids]
        + [Output(k, "placeholder") for k in field_ids] + [Output("design-current", "children")]
        # the list follows a typed file (it kept naming the file opened before, beside
        # "showing <the typed one>"); empty for a file it does not list. A file picked from
        # the list empties the path box, which kept naming the file typed before
        + [Output("design-example", "value"), Output("design-path", "value")]
        # a new token for each design opened but the page's first (screen_range_reset)
        + [Output("design-opened", "data")],
        # n_submit: Enter in the path box tries a refused file again with the same text (a
        # file fixed on disk after its error); the value changes only with the text, and the
        # old error stayed. A file that opened is not opened again (the edits stay)
        Input("design-example", "value"), Input("design-path", "value"),
        # (also a file changed on disk since it was opened: design-msg says so)
        Input("design-path", "n_submit"), State("design-path-msg", "children"),
        State("design-msg", "children"),
        # what the layout gave the boxes (initial_design_boxes): the page's first call
        # changes nothing where they are of this design's version (page_first_call_keeps)
        State("design-source", "data"), State("design-original", "data"))
    def load_design(example: str | None, typed: str | None, submits: int | None,
                    path_error: str | None, design_error: Any, shown: str | None,
                    original: dict[str, Any] | None) -> list[Any]:
        out = open_design(example, typed, submits, path_error, design_error)
        n = len(field_ids)
        if ctx.triggered_id is None and page_first_call_keeps(out[n + 1], out[n], shown,
                                                              original):
            # a value typed before this answer came stays
            return [no_update] * (len(out) + 1)
        opened = out[n + 1] is not no_update and ctx.triggered_id is not None
        return [*out, uuid.uuid4().hex if opened else no_update]

    def open_design(example: str | None, typed: str | None, _submits: int | None,
                    path_error: str | None, design_error: Any) -> list[Any]:
        blank = [no_update] * len(field_ids) + [no_update, no_update]
        keep = [no_update] * (2 * len(field_ids) + 3)
        changed = isinstance(design_error, str) and FILE_CHANGED in design_error
        if set(ctx.triggered_prop_ids) == {"design-path.n_submit"} and not path_error \
                and not changed:
            return [*blank, no_update, no_update, *keep]
        source = typed if ctx.triggered_id == "design-path" and typed else example
        if not source:
            return [*blank, "", "no design: add a YAML design to the examples or workspace",
                    *keep]
        field = "design-path" if source == typed else "design-example"
        try:
            boxes = design_boxes(state, source, field)
        except SolidcellError as exc:
            msg = str(exc)
            return [*blank, msg if field == "design-path" else "",
                    msg if field == "design-example" else "", *keep]
        values, path = boxes["values"], boxes["source"]
        # only a pick empties the box: the page's first call must not clear a name typed
        # while it was under way
        picked = "" if ctx.triggered_id == "design-example" else no_update
        return [*[values[k] for k in field_ids], values, path, "", "",
                *[boxes["disabled"][k] for k in field_ids],
                *[boxes["placeholder"][k] for k in field_ids], boxes["label"],
                *((no_update, picked) if field == "design-example"
                  else (boxes["listed"], no_update))]

    @app.callback(
        [Output("design-metrics", "children"), Output("design-stack", "figure"),
         Output("design-breakdown", "figure"), Output("design-msg", "children")]
        + [Output(f"{k}-msg", "children") for k in field_ids]
        + [Output("design-results", "style"), Output("design-stale", "children")]
        # an anode sized by the design's N/P ratio follows the cathode: its box and the
        # value it is compared with (followed_anode)
        + [Output("anode-thickness", "value", allow_duplicate=True),
           Output("design-original", "data", allow_duplicate=True)],
        [Input(k, "value") for k in field_ids] + [Input("design-source", "data")]
        # the page's load (no callback sets page-id): the numbers of the design the layout
        # holds (initial_design_boxes). With only load_design's outputs as inputs, Dash
        # dropped this initial call when the page's first call of load_design changed nothing
        + [Input("page-id", "data")],
        State("design-original", "data"),
        # whether the page shows a design's numbers (a refusal before the first has none)
        State("design-metrics", "children"), prevent_initial_call="initial_duplicate")
    def update_design(*args: Any) -> list[Any]:
        values = dict(zip(field_ids, args[: len(field_ids)], strict=True))
        source, original = args[len(field_ids)], args[len(field_ids) + 2] or {}
        shown_before = bool(args[len(field_ids) + 3])
        msgs = {k: "" for k in field_ids}
        keep = [no_update, no_update]
        if not source:
            return [no_update, no_update, no_update, "", *msgs.values(), no_update, no_update,
                    *keep]
        try:
            design = current_design(state, source, values, original)
            summary = summarize(design)
        except SolidcellError as exc:
            # the last accepted design's numbers stay (nothing is lost) but are marked as
            # such: before, 250 degC was refused beside the box while the C-rate of 150 degC
            # stood below it as if it were the refused temperature's
            where = field_of_error(exc)
            general = ""
            if where in msgs:
                msgs[where] = form_error_message(exc, where, values)
                typed = ctx.triggered_id
                if typed in msgs and typed != where:
                    msgs[typed] = typed_field_message(exc, where, typed, values, original)
            else:
                general = str(exc)
            return [no_update, no_update, no_update, general, *msgs.values(), STALE_STYLE,
                    STALE_NOTE if shown_before else NOT_YET_NOTE, *keep]
        anode = followed_anode(design, values, original)
        if anode is not None:
            keep = [anode, {**original, "anode-thickness": anode}]
        return [_metrics_table(summary, np_ratio_note(design), design), _stack_figure(summary),
                _breakdown_figure(summary), "", *msgs.values(), {}, "", *keep]

    @app.callback(
        Output("save-result", "children"), Output("save-name-msg", "children"),
        Output("design-example", "options"), Output("save-replace", "value"),
        # a save over the file shown: the boxes are of the new version (file_version)
        Output("design-original", "data", allow_duplicate=True),
        Input("save-button", "n_clicks"),
        # Enter in the name box saves, as in a form (it did nothing: only the button saved)
        Input("save-name", "n_submit"),
        State("save-name", "value"), State("save-replace", "value"),
        State("design-source", "data"), State("design-original", "data"),
        *[State(k, "value") for k in field_ids], prevent_initial_call=True)
    def save_design(_n: int, _submits: int | None, name: str, replace: list[str] | None,
                    source: str, original: dict[str, Any], *vals: Any) -> tuple[Any, ...]:
        values = dict(zip(field_ids, vals, strict=True))
        try:
            design = current_design(state, source, values, original or {})
        except SolidcellError as exc:
            # the refused field's own message, in the unit of its box (not the engine's SI
            # float: 'cathode.thickness_m: -4.9999999999999996e-06 is not allowed')
            return ("", f"not saved: {design_error_text(exc, values)}", no_update, no_update,
                    no_update)
        try:
            path = state.save(design, name, replace="replace" in (replace or []))
        except SolidcellError as exc:
            return "", str(exc), no_update, no_update, no_update
        # the saved file joins the design list at once; "replace" is unticked again, so a
        # later save under the same name cannot overwrite the file without a new tick
        shown_file = Path(source).resolve() == path.resolve()
        return (f"saved {path.name} in the workspace", "", design_options(state), [],
                {**form_values(design), **file_version(path)} if shown_file else no_update)

    @app.callback(
        Output("design-cost", "children"), Output(f"{PRICE_BOX}-msg", "children"),
        Input(PRICE_BOX, "value"), Input("design-source", "data"),
        # a material or a measurement added on the materials tab (a price there is used
        # at once)
        Input("m-result", "children"), Input("mm-result", "children"),
        *[Input(k, "value") for k in field_ids],
        State("design-original", "data"))
    def update_cost(prices: str | None, source: str | None, _added: Any, _measured: Any,
                    *rest: Any) -> tuple[Any, str]:
        values = dict(zip(field_ids, rest[:-1], strict=True))
        if not source:
            return "", ""
        try:
            dashboard_cost_options(prices)
        except ValidationError as exc:
            return html.P("not computed: the price box is refused (see the message beside "
                          "it)", className="note"), str(exc)
        try:
            design = job_design(state, source, values, rest[-1] or {})
            cost = state.costs.cost(design, prices)
        except SolidcellError as exc:
            return html.P(f"not computed: {public_text(str(exc), state.roots)}",
                          className="note", style=MESSAGE_STYLE), ""
        return _cost_view(cost), ""

    @app.callback(
        Output("design-download", "data"), Output("design-download-msg", "children"),
        Input("design-dl-json", "n_clicks"), Input("design-dl-report", "n_clicks"),
        State("design-source", "data"), State("design-original", "data"),
        State(PRICE_BOX, "value"),
        *[State(k, "value") for k in field_ids], prevent_initial_call=True,
        # the report runs every engine (about 10 s for the EV example): the page says so
        # and a second click cannot start another one meanwhile
        running=[(Output("design-dl-json", "disabled"), True, False),
                 (Output("design-dl-report", "disabled"), True, False),
                 (Output("design-download-busy", "children"), "preparing the file ...", "")])
    def download_design(_json: int, _report: int, source: str | None,
                        original: dict[str, Any] | None, prices: str | None,
                        *vals: Any) -> tuple[Any, str]:
        values = dict(zip(field_ids, vals, strict=True))
        try:
            # the design shown: a refused box downloads nothing (the numbers below it are
            # the last accepted values', not those of the boxes)
            design = job_design(state, source or "", values, original or {})
            if ctx.triggered_id == "design-dl-report":
                name, text = report_download(design, prices)
            else:
                name, text = evaluation_download(design)
        except SolidcellError as exc:
            return no_update, f"not downloaded: {public_text(str(exc), state.roots)}"
        return dcc.send_string(text, name), f"downloaded {name}"

    # --- materials ---------------------------------------------------------------------
    @app.callback(
        Output("q-table", "children"), Output("q-count", "children"),
        Output("q-elements-msg", "children"), Output("q-min-msg", "children"),
        Output("q-max-msg", "children"),
        Output("q-table", "style"), Output("q-stale", "children"),
        Input("q-category", "value"), Input("q-class", "value"), Input("q-elements", "value"),
        Input("q-text", "value"), Input("q-property", "value"), Input("q-min", "value"),
        Input("q-max", "value"), Input("mm-result", "children"),
        Input("m-result", "children"))
    def query_materials(category: str | None, eclass: str | None, elements: str | None,
                        text: str | None, prop: str | None, qmin: str | None,
                        qmax: str | None, _measured: Any, _added: Any) -> tuple[Any, ...]:
        from solidcell.report.materials import overview_rows

        msgs = {"q-elements": "", "q-min": "", "q-max": ""}
        els = query_elements(elements)
        bounds: dict[str, str | None] = {"q-min": None, "q-max": None}
        for key, raw in (("q-min", qmin), ("q-max", qmax)):
            if raw and raw.strip():
                if not prop:
                    msgs[key] = "choose a property first"
                    continue
                bounds[key] = raw.strip()
        refused = ({**QUERY_TABLE_STYLE, **STALE_STYLE}, QUERY_STALE_NOTE)
        if any(msgs.values()):
            return (no_update, no_update, *msgs.values(), *refused)
        try:
            # the store reads the bounds (units, the property's own range, min <= max) as
            # for `solidcell materials query`: -1 mS/cm listed every material
            mats = default_store().query(category=category, electrolyte_class=eclass,
                                         elements=els, property=prop if (
                                             bounds["q-min"] is not None
                                             or bounds["q-max"] is not None) else None,
                                         minimum=bounds["q-min"], maximum=bounds["q-max"])
        except SolidcellError as exc:
            key, text = query_error(exc, prop)
            msgs[key] = text
            return (no_update, no_update, *msgs.values(), *refused)
        if text and text.strip():
            mats = [m for m in mats if text.strip().lower() in m.id]
        header, rows = overview_rows(mats)
        table = html.Table([html.Thead(html.Tr([html.Th(h) for h in header])),
                            html.Tbody([html.Tr([html.Td(c) for c in row],
                                                id=f"material-row-{row[0]}")
                                        for row in rows])], id="materials-table")
        return (table, materials_count(len(mats)), *msgs.values(), QUERY_TABLE_STYLE, "")

    @app.callback(Output("detail-view", "children"), Output("detail-id-msg", "children"),
                  Input("detail-id", "value"),
                  # a measurement added below: shown in the detail at once
                  Input("mm-result", "children"), prevent_initial_call=True)
    def material_detail(mid: str | None, _measured: Any) -> tuple[Any, str]:
        if not mid or not mid.strip():
            return "", ""
        try:
            # an unusable SOLIDCELL_DB is said here too (it was a 500 answer)
            store = default_store()
            material = lookup_material(store, mid.strip())
        except NotFoundError as exc:
            return "", str(unknown_material("material id", mid.strip(), exc))
        except SolidcellError as exc:
            return "", str(exc)
        rows = [html.Tr([html.Td(p.name), html.Td(described)])
                for p, described in detail_values(store, material)]
        head = (f"{material.name} ({material.formula or 'no formula'}), {material.category}"
                f"{', ' + material.electrolyte_class if material.electrolyte_class else ''}, "
                f"{material.origin}")
        if material.id != mid.strip():  # 'LLZO' typed: the one id it can be (ids are lower case)
            head = f"{material.id} (ids are lower case; '{mid.strip()}' typed): {head}"
        return html.Div([html.P(head), html.Table(rows, id="detail-table"),
                         html.P("Sources: " + ", ".join(material.sources),
                                className="meta")]), ""

    material_inputs = [f"m-{f}" for f in MATERIAL_FORM_FIELDS]
    # the form's text boxes (the others are radio lists and a dropdown)
    material_text_inputs = [f"m-{f}" for f in MATERIAL_FORM_FIELDS if f not in (
        "category", "electrolyte_class", "mobile_ion", "property", "method")]

    @app.callback(
        [Output("m-result", "children")] + [Output(f"{m}-msg", "children")
                                            for m in material_inputs],
        Input("m-add", "n_clicks"),
        # Enter in a text box adds the material, as in a form (only the button did)
        [Input(m, "n_submit") for m in material_text_inputs],
        [State(m, "value") for m in material_inputs],
        prevent_initial_call=True)
    def add_material(_n: int, *rest: Any) -> list[Any]:
        values = rest[len(material_text_inputs):]
        try:
            store = default_store()
        except SolidcellError as exc:  # an unusable SOLIDCELL_DB (it was a 500 answer)
            return [f"not stored: {exc}", *[""] * len(material_inputs)]
        result, msgs = add_material_from_form(
            dict(zip(MATERIAL_FORM_FIELDS, values, strict=True)), store)
        return [result, *msgs.values()]

    measure_inputs = [f"mm-{f}" for f in MEASURE_FORM_FIELDS]
    measure_text_inputs = [f"mm-{f}" for f in MEASURE_FORM_FIELDS if f not in (
        "property", "method", "arrhenius_form")]

    @app.callback(Output("mm-arrhenius_form-row", "style"),
                  Output("mm-arrhenius_form", "value"), Input("mm-property", "value"))
    def show_arrhenius_form(prop: str | None) -> tuple[dict[str, str], Any]:
        return arrhenius_form_row(prop)

    @app.callback(
        [Output("mm-result", "children")] + [Output(f"{m}-msg", "children")
                                             for m in measure_inputs]
        # the detail below the query shows the material measured (and so the new value)
        + [Output("detail-id", "value")],
        Input("mm-add", "n_clicks"),
        # Enter in a text box adds the measurement, as in the add-material form
        [Input(m, "n_submit") for m in measure_text_inputs],
        [State(m, "value") for m in measure_inputs],
        prevent_initial_call=True)
    def add_measurement(_n: int, *rest: Any) -> list[Any]:
        values = rest[len(measure_text_inputs):]
        try:
            store = default_store()
        except SolidcellError as exc:  # an unusable SOLIDCELL_DB (it was a 500 answer)
            return [f"not stored: {exc}", *[""] * len(measure_inputs), no_update]
        result, msgs, stored = add_measurement_from_form(
            dict(zip(MEASURE_FORM_FIELDS, values, strict=True)), store, state.measured)
        return [result, *msgs.values(), no_update if stored is None else stored]

    # --- simulation --------------------------------------------------------------------
    sim, _reason = _engine_or_reason("solidcell.simulation.runs", "simulate")
    if sim is not None:
        @app.callback(Output(f"{HEAT_TRANSFER_BOX}-row", "style"),
                      Output(HEAT_TRANSFER_BOX, "disabled"), Input("sim-thermal", "value"))
        def show_heat_transfer(thermal: Any) -> tuple[dict[str, str], bool]:
            return thermal_row(thermal)

        #: the simulation form's fields whose refusals are shown beside their own box (the
        #: others, the design's included, beside the experiment box)
        sim_fields = ("experiment", "ocp_ends", "thermal", "heat_transfer_coefficient",
                      *INTERFACE_BOXES)
        interface_boxes = [v[0] for v in INTERFACE_BOXES.values()]

        @app.callback(
            Output("sim-job", "data"), Output("sim-poll", "disabled"),
            Output("sim-experiment-msg", "children"),
            Output("sim-ocp_ends-msg", "children"),
            Output("sim-thermal-msg", "children"),
            Output(f"{HEAT_TRANSFER_BOX}-msg", "children"),
            *[Output(f"{b}-msg", "children") for b in interface_boxes],
            Output("sim-result", "children", allow_duplicate=True),
            Input("sim-run", "n_clicks"),
            # Enter in the experiment, coefficient or an interface box runs it, as the
            # button does
            Input("sim-experiment", "n_submit"), Input(HEAT_TRANSFER_BOX, "n_submit"),
            *[Input(b, "n_submit") for b in interface_boxes],
            State("sim-job", "data"),
            State("sim-experiment", "value"), State("sim-ocp_ends", "value"),
            State("sim-thermal", "value"), State(HEAT_TRANSFER_BOX, "value"),
            *[State(b, "value") for b in interface_boxes],
            State("design-source", "data"), State("design-original", "data"),
            State("page-id", "data"),
            *[State(f"{b}-msg", "children") for b in SWEEP_SHARED_BOXES],
            *[State(k, "value") for k in field_ids], prevent_initial_call=True)
        # a Stop of the page after the request arrived starts it stopped
        @partial(_run_request, state)
        def run_simulation(requested: float, *args: Any) -> tuple[Any, ...]:
            k = len(interface_boxes)
            previous, experiment, ocp_ends, thermal, coefficient = args[3 + k:8 + k]
            typed = args[8 + k:8 + 2 * k]  # the interface boxes
            source, original, page_id, *rest = args[8 + 2 * k:]
            shared = dict(zip(SWEEP_SHARED_BOXES, rest, strict=False))
            vals = rest[len(SWEEP_SHARED_BOXES):]
            msgs = dict.fromkeys(sim_fields, "")
            # an empty box is '' (the engine said "None is not allowed", Python's words)
            experiment = "" if experiment is None else experiment
            try:
                ends = simulation_ocp_ends(ocp_ends)
                thermal_args = simulation_thermal(thermal, coefficient)
                interface = simulation_interface(*typed)
                design = job_design(state, source, dict(zip(field_ids, vals, strict=True)),
                                    original or {})
                # the engine's refusals before any build or solve, no job started
                simulation_inputs_check(design, experiment, ends, thermal_args, interface)
                _stop_replaced(state, previous, "simulation")
                # in a worker process, so that Stop ends it even inside the PyBaMM solver
                job = state.jobs.start("simulation", partial(_simulate, sim, design,
                                                             experiment, ends, **thermal_args,
                                                             **interface),
                                       owner=page_id, subject=job_subject(design),
                                       requested_at=requested,
                                       inputs=job_inputs("sim", dict(zip(
                                           job_input_boxes("sim"),
                                           (experiment, ocp_ends, thermal, coefficient, *typed),
                                           strict=True))))
            except SolidcellError as exc:
                field = interface_keyword(getattr(exc, "field", ""))
                msgs[field if field in sim_fields else "experiment"] = str(
                    interface_as_typed(exc, typed))
                # nothing started: the previous run's result stays
                return no_update, True, *simulation_messages(msgs, shared), no_update
            # the previous run's result goes: it is not the result of the run now in progress
            return job, False, *simulation_messages(msgs, shared), ""

        @app.callback(
            Output("sim-progress", "children"), Output("sim-result", "children"),
            Output("sim-poll", "disabled", allow_duplicate=True),
            Output("sim-experiment-msg", "children", allow_duplicate=True),
            Output("sim-ocp_ends-msg", "children", allow_duplicate=True),
            Output("sim-thermal-msg", "children", allow_duplicate=True),
            Output(f"{HEAT_TRANSFER_BOX}-msg", "children", allow_duplicate=True),
            *[Output(f"{b}-msg", "children", allow_duplicate=True) for b in interface_boxes],
            Input("sim-poll", "n_intervals"), State("sim-job", "data"),
            prevent_initial_call=True)
        def poll_simulation(_n: int, job_id: str) -> tuple[Any, ...]:
            # a run's failure beside the box of its field (the experiment's, the OCP
            # ends', the thermal model's, the coefficient's, an interface box's)
            return (*_job_progress(state, job_id, "sim", _simulation_view),
                    *(_experiment_message(state, job_id, f) for f in sim_fields))

        @app.callback(
            Output("sim-experiment", "value"), Output("sim-experiment-auto", "data"),
            Input("design-source", "data"), State("sim-experiment", "value"),
            State("sim-experiment-auto", "data"), prevent_initial_call=True)
        def follow_experiment(source: str, box: Any, auto: Any) -> tuple[Any, Any]:
            try:  # the anode kind is the file's (the design tab does not edit it)
                design = state.load(source, "design-example") if source else None
            except SolidcellError:  # refused on the design tab, which says why
                design = None
            if design is None:
                return no_update, no_update
            new, default = followed_experiment(design, box, auto)
            # the text it holds is not sent again: a value typed while this call was under
            # way would be overwritten by it
            return (no_update if new is None or new == box else new), default

        _stop_callbacks(app, state, "sim", _simulation_view)
        _download_callback(app, state, "sim", simulation_downloads)
        _stale_callback(app, state, "sim", field_ids)
        _sweep_callbacks(app, state, field_ids)

    # --- screening ---------------------------------------------------------------------
    scr, _ = _engine_or_reason("solidcell.screening.screen", "screen")
    if scr is not None:
        scr_inputs = [f"{k}-{side}" for k in SCREEN_RANGES for side in ("min", "max")]

        @app.callback(
            [Output("scr-job", "data"), Output("scr-poll", "disabled"),
             Output("scr-result", "children", allow_duplicate=True),
             Output("scr-n-msg", "children"), Output("scr-application-msg", "children")]
            + [Output(f"{i}-msg", "children") for i in scr_inputs],
            Input("scr-run", "n_clicks"),
            # Enter in a box of the screen form runs it, as the button does
            [Input(i, "n_submit") for i in ["scr-n", *scr_inputs]], State("scr-job", "data"),
            State("scr-application", "value"),
            State("scr-n", "value"), [State(i, "value") for i in scr_inputs],
            State("design-source", "data"), State("design-original", "data"),
            State("page-id", "data"), State(PRICE_BOX, "value"),
            [State(k, "value") for k in field_ids], prevent_initial_call=True)
        # a Stop of the page after the request arrived starts it stopped
        @partial(_run_request, state)
        def run_screen(requested: float, _n: int, *args: Any) -> list[Any]:
            k = len(scr_inputs)
            previous, application, count, *rest = args[k + 1:]
            ranges, source, original, page_id = rest[:k], rest[k], rest[k + 1], rest[k + 2]
            prices, vals = rest[k + 3], rest[k + 4:]
            msgs = dict.fromkeys(["scr-n", "scr-application", *scr_inputs], "")
            try:
                design = job_design(state, source, dict(zip(field_ids, vals, strict=True)),
                                    original or {})
                space = screen_space(design, dict(zip(scr_inputs, ranges, strict=True)), count)
                # the design tab's prices (its box's refusal is shown here too)
                cost_options = dashboard_cost_options(prices)
                _stop_replaced(state, previous, "screen")
                # in a worker process, so that Stop ends it even inside a chunk
                job = state.jobs.start("screen", partial(_screen, scr, space, application,
                                                         cost_options=cost_options),
                                       owner=page_id, subject=job_subject(design, prices or ""),
                                       requested_at=requested,
                                       inputs=job_inputs("scr", dict(zip(
                                           job_input_boxes("scr"),
                                           (application, *ranges, count), strict=True),
                                           unused=list(unused_screen_ranges(design)))))
            except ValidationError as exc:
                key = exc.field if exc.field in msgs else "scr-n"
                msgs[key] = str(exc)
                return [no_update, True, no_update, *msgs.values()]
            except SolidcellError as exc:
                msgs["scr-n"] = str(exc)
                return [no_update, True, no_update, *msgs.values()]
            # the previous screen's front goes: it is not the result of the screen now running
            return [job, False, "", *msgs.values()]

        @app.callback(
            Output("scr-progress", "children"), Output("scr-result", "children"),
            Output("scr-poll", "disabled", allow_duplicate=True),
            Input("scr-poll", "n_intervals"), State("scr-job", "data"),
            prevent_initial_call=True)
        def poll_screen(_n: int, job_id: str) -> tuple[Any, Any, bool]:
            return _job_progress(state, job_id, "scr", _screen_view)

        @app.callback(
            [Output(i, "value") for i in scr_inputs] + [Output("scr-range-auto", "data")]
            + [Output(i, "disabled") for i in scr_inputs]
            + [Output(i, "placeholder") for i in scr_inputs]
            + [Output("scr-range-unused", "children")],
            # a design opened (design-source) or its thicknesses edited; the other boxes
            # are read to build the design as the design tab does
            Input("design-source", "data"), Input("cathode-thickness", "value"),
            Input("separator-thickness", "value"), [State(i, "value") for i in scr_inputs],
            State("scr-range-auto", "data"), State("design-original", "data"),
            State("design-opened", "data"),
            [State(k, "value") for k in field_ids], prevent_initial_call=True)
        def follow_screen_ranges(source: str, _cathode: Any, _separator: Any,
                                 *args: Any) -> list[Any]:
            k = len(scr_inputs)
            boxes, auto, original, token = args[:k], args[k], args[k + 1], args[k + 2]
            vals = args[k + 3:]
            try:
                design = current_design(state, source, dict(zip(field_ids, vals, strict=True)),
                                        original or {})
            except SolidcellError:  # refused on the design tab, which says why
                return [no_update] * (3 * k + 2)
            reset = screen_range_reset("design-source.data" in ctx.triggered_prop_ids, token,
                                       auto)
            new, span = followed_screen_ranges(
                design, dict(zip(scr_inputs, boxes, strict=True)), auto, reset)
            unused = unused_range_boxes(design)
            # a text a box holds is not sent again: a value typed while this call was under
            # way would be overwritten by it
            return ([no_update if new[i] in (None, box) else new[i]
                     for i, box in zip(scr_inputs, boxes, strict=True)]
                    + [{**span, OPENED_KEY: token}] + [i in unused for i in scr_inputs]
                    + [UNUSED_RANGE if i in unused else "" for i in scr_inputs]
                    + [unused_ranges_note(design)])

        _stop_callbacks(app, state, "scr", _screen_view)
        _download_callback(app, state, "scr", screen_downloads)
        _stale_callback(app, state, "scr", field_ids, with_prices=True)

    # --- prediction --------------------------------------------------------------------
    pred, _ = _engine_or_reason("solidcell.discovery.predict", "predict_conductivity")
    if pred is not None:
        @app.callback(Output("pred-result", "children"),
                      Output("pred-composition-msg", "children"),
                      Output("pred-space-group-msg", "children"),
                      Output("pred-lattice-msg", "children"),
                      Input("pred-run", "n_clicks"),
                      # Enter in a box predicts, as the button does (only the button did)
                      Input("pred-composition", "n_submit"),
                      Input("pred-space-group", "n_submit"), Input("pred-lattice", "n_submit"),
                      State("pred-composition", "value"),
                      State("pred-space-group", "value"), State("pred-lattice", "value"),
                      prevent_initial_call=True)
        def predict(_n: int, _s1: int | None, _s2: int | None, _s3: int | None,
                    composition: str, space_group: str | None,
                    lattice: str | None) -> tuple[Any, str, str, str]:
            space_group, lattice = (space_group or "").strip(), (lattice or "").strip()
            # an empty box is '' (the engine said "None is not allowed; a chemical formula,
            # a CIF path or a Composition", Python's words for a box left empty)
            composition = composition or ""
            msgs = {"composition": "", "crystal.space_group": "", "crystal.lattice": ""}
            try:
                if bool(space_group) != bool(lattice):
                    missing = "crystal.lattice" if space_group else "crystal.space_group"
                    # the empty box as typed (it said "None is not allowed")
                    raise ValidationError(missing, "", "given together with the other "
                                          "crystal field (or leave both empty)")
                crystal = ({"space_group": space_group, "lattice": lattice}
                           if space_group else None)
                # the engine reads a text ending in .cif as a path: only a file inside the
                # examples folder or the workspace (it opened any CIF on the machine)
                result = pred(state.cif(composition) if is_cif_name(composition)
                              else composition, crystal=crystal)
            except SolidcellError as exc:
                key = getattr(exc, "field", "composition")
                msgs[key if key in msgs else "composition"] = str(exc)
                return "", *msgs.values()
            table = _json_table(prediction_shown(result), "prediction")
            solubility = getattr(result, "solubility_note", "")
            if solubility:  # an over-doped composition is predicted, and said so first
                table = html.Div([html.P(solubility, className="note",
                                         id="pred-solubility-note"), table])
            return table, *msgs.values()

    _ = ALL  # pattern-matching ids are not used; keep the import local to Dash
    if preload:  # last: the import would slow the callbacks' registration above
        state.preload = preload_simulation()
    return app


def _sweep_callbacks(app: Any, state: Any, field_ids: list[str]) -> None:
    """The temperature sweep's Run (Enter in its boxes too), poll, Stop, downloads and stale
    note: a background job as the simulation's, with the simulation form's thermal model,
    OCP ends and interface resistance; a refusal beside the box of its field
    (:func:`sweep_box`), nothing started or lost."""
    from dash import Input, Output, State, no_update

    boxes = list(dict.fromkeys(SWEEP_FIELDS.values()))
    messages = [Output(f"{b}-msg", "children", allow_duplicate=True) for b in boxes]
    shown = [State(f"{b}-msg", "children") for b in SWEEP_SHARED_BOXES]

    @app.callback(
        Output("sweep-job", "data"), Output("sweep-poll", "disabled"), *messages,
        Output("sweep-result", "children", allow_duplicate=True),
        Input("sweep-run", "n_clicks"), Input(SWEEP_TEMPERATURES_BOX, "n_submit"),
        Input(SWEEP_C_RATE_BOX, "n_submit"), State("sweep-job", "data"),
        State(SWEEP_TEMPERATURES_BOX, "value"), State(SWEEP_C_RATE_BOX, "value"),
        State(SWEEP_MESH, "value"), State("sim-ocp_ends", "value"),
        State("sim-thermal", "value"), State(HEAT_TRANSFER_BOX, "value"),
        *[State(v[0], "value") for v in INTERFACE_BOXES.values()],
        State("design-source", "data"), State("design-original", "data"),
        State("page-id", "data"), *shown,
        *[State(k, "value") for k in field_ids], prevent_initial_call=True)
    # a Stop of the page after the request arrived starts it stopped
    @partial(_run_request, state)
    def run_sweep(requested: float, _n: int, _s1: int | None, _s2: int | None,
                  previous: str | None, temperatures: Any, rate: Any, mesh: Any,
                  ocp_ends: Any, thermal: Any, coefficient: Any, *more: Any
                  ) -> tuple[Any, ...]:
        typed = more[:len(INTERFACE_BOXES)]  # the simulation form's interface boxes
        source, original, page_id, *rest = more[len(INTERFACE_BOXES):]
        current = dict(zip(SWEEP_SHARED_BOXES, rest, strict=False))
        vals = rest[len(SWEEP_SHARED_BOXES):]
        msgs = dict.fromkeys(boxes, "")
        try:
            arguments = sweep_arguments(temperatures, rate, mesh, ocp_ends, thermal,
                                        coefficient, *typed)
            design = job_design(state, source, dict(zip(field_ids, vals, strict=True)),
                                original or {})
            sweep_inputs_check(design, arguments, temperatures)  # before any solve
            _stop_replaced(state, previous, "temperature sweep")
            job = state.jobs.start("temperature sweep", partial(_sweep, design, arguments),
                                   owner=page_id, subject=job_subject(design),
                                   requested_at=requested,
                                   inputs=job_inputs("sweep", dict(zip(
                                       job_input_boxes("sweep"),
                                       (temperatures, rate, mesh, ocp_ends, thermal,
                                        coefficient, *typed), strict=True))))
        except SolidcellError as exc:
            box = sweep_box(str(getattr(exc, "field", "")))
            msgs[box] = sweep_message(box, str(interface_as_typed(exc, typed)))
            return no_update, True, *sweep_messages(msgs, current), no_update  # result kept
        return job, False, *sweep_messages(msgs, current), ""

    @app.callback(
        Output("sweep-progress", "children"), Output("sweep-result", "children"),
        Output("sweep-poll", "disabled", allow_duplicate=True), *messages,
        Input("sweep-poll", "n_intervals"), State("sweep-job", "data"),
        prevent_initial_call=True)
    def poll_sweep(_n: int, job_id: str) -> tuple[Any, ...]:
        # a failed sweep's error beside the box of its field too (the design's: the result
        # area only, as the progress shows it)
        status = state.jobs.status(job_id) if job_id else None
        box = (sweep_box(status["error_field"] or "", None)
               if status is not None and status["state"] == "failed" else None)
        return (*_job_progress(state, job_id, "sweep", _sweep_view),
                *(sweep_message(b, status["error"]) if status is not None and b == box
                  else no_update for b in boxes))

    _stop_callbacks(app, state, "sweep", _sweep_view)
    _download_callback(app, state, "sweep", sweep_downloads)
    _stale_callback(app, state, "sweep", field_ids)


def _guard_requests(app: Any, roots: list[Path], local_only: bool) -> None:
    """Bound the request size and, for ``local_only``, the Host header (see create_app);
    refuse a callback request that is not one the page sends (400, 415); answer every other
    error (404, 405, 500) with one line of text instead of Flask's HTML page. A 500 names
    the action that failed and its exception (paths outside ``roots`` left out); its
    traceback goes to the server's log (Flask logs it to stderr), never to the answer."""
    from urllib.parse import urlsplit

    from dash.exceptions import DependencyException
    from flask import request
    from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    kinds: dict[str, str] = {}  # the page's boxes: id -> kind (box_kinds)

    def refusal(exc: ValidationError | str, status: int,
                headers: dict[str, str] | None = None) -> tuple[str, int, dict[str, str]]:
        # text, never sniffed as HTML: an answer may quote what the request sent
        return str(exc) + "\n", status, {"Content-Type": "text/plain; charset=utf-8",
                                         "X-Content-Type-Options": "nosniff", **(headers or {})}

    @server.before_request
    def _loopback_host_only() -> Any:
        if not local_only:
            return None
        host = request.headers.get("Host", "")
        try:
            name = urlsplit("//" + host).hostname or ""
        except ValueError:  # "[::1" and the like
            name = ""
        if is_loopback(name):
            return None
        return refusal(ValidationError(
            "Host", host, f"{LOOPBACK_HOSTS}: the dashboard serves this machine only; open "
            "it by one of those names (solidcell app --host ADDRESS serves others)"), 403)

    @server.before_request
    def _callback_request_only() -> Any:
        # Dash read any body: '{not json' got Flask's HTML 400, '{}' or an unknown output
        # an exception inside Dash (500, as if solidcell had failed)
        if request.method != "POST" or request.path != CALLBACK_PATH:
            return None
        if not request.is_json:
            return refusal(ValidationError(
                "Content-Type", request.content_type or "", "application/json, as the "
                "dashboard's page posts its actions (a form of another site cannot)"), 415)
        data = request.get_data(cache=True)  # over MAX_REQUEST_BYTES: 413, nothing read
        try:
            body = json.loads(data)
        except ValueError as exc:  # UnicodeDecodeError too
            return refusal(ValidationError(
                "request", data.decode("utf-8", "replace"),
                f"a JSON body, which this is not ({exc}): {CALLBACK_RULE}"), 400)
        if not kinds:  # the page's boxes, from a layout built once for it
            kinds.update(box_kinds(app.layout() if callable(app.layout) else app.layout))
        problem = callback_request_error(body, app.callback_map, kinds)
        return None if problem is None else refusal(problem, 400)

    @server.errorhandler(RequestEntityTooLarge)
    def _too_large(_exc: Exception) -> Any:
        return refusal(ValidationError(
            # the size in bytes (a chunked body states none: 'chunked')
            "request", request.content_length or "chunked", REQUEST_SIZE_RULE), 413)

    @server.errorhandler(DependencyException)
    def _no_such_script(exc: Exception) -> Any:
        # a script of a library Dash does not serve (/_dash-component-suites/<lib>/...):
        # Dash raised it as an exception (500)
        return refusal(ValidationError("path", request.path, public_text(str(exc), roots)),
                       404)

    @server.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Any:
        # Flask's own answers (404, 405, a 400 of another path, ...): one line, not HTML
        if exc.code is None or exc.code < 400:
            return exc
        allow = getattr(exc, "valid_methods", None)
        if allow:
            error = ValidationError("method", request.method,
                                    f"{', '.join(allow)} for {request.path}")
        elif exc.code == 404:
            error = ValidationError("path", request.path, "a page or file of the dashboard "
                                    "(404 Not Found)")
        else:
            error = ValidationError("request", f"{request.method} {request.path}",
                                    f"{exc.description} ({exc.code} {exc.name})")
        headers = {"Allow": ", ".join(allow)} if allow else None
        return refusal(error, exc.code, headers)

    @server.errorhandler(InternalServerError)
    def _defect(exc: InternalServerError) -> Any:
        # an exception raised on the way: Flask has logged it with its traceback (stderr)
        cause = exc.original_exception
        # the exception's message last: the page cuts a long answer at its end
        kind = type(cause if cause is not None else exc).__name__
        message = str(cause) if cause is not None else exc.description or ""
        action = f"{request.method} {request.path}"
        if request.path == CALLBACK_PATH:
            body = request.get_json(silent=True)
            output = body.get("output") if isinstance(body, dict) else None
            if isinstance(output, str) and output in app.callback_map:
                action = callback_action(output, app.callback_map[output]["callback"])
        said = f": {public_text(message, roots)}" if message else ""
        return refusal(f"{action} failed with {kind} ({BUG_NOTE}){said}", 500)


def callback_action(output: str, func: Any) -> str:
    """How a 500 answer names the callback whose outputs are ``output`` (Dash's callback id,
    ``..a.children...b.figure@hash..``): its first output and its function's name
    (``design-metrics.children (update_design)``)."""
    first = output.strip(".").split("...")[0].split("@")[0]
    name = getattr(func, "__name__", "")
    return f"{first} ({name})" if name else first


def public_text(text: str, roots: list[Path]) -> str:
    """``text`` (an exception's message) as an answer may quote it: one line, at most
    :data:`MAX_ERROR_CHARS`, each absolute path outside ``roots`` (the examples folder and
    the workspace, which the page lists) replaced by ``<path>`` (a home folder, the
    virtualenv's packages are the server's, not the page's)."""
    inside = [str(r) for r in roots]

    def path(match: re.Match[str]) -> str:
        found = match.group(0)
        norm = os.path.normpath(found)
        if any(norm == r or norm.startswith(r.rstrip(os.sep) + os.sep) for r in inside):
            return found
        return "<path>"

    line = " ".join(_ABS_PATH.sub(path, text).split())
    return line if len(line) <= MAX_ERROR_CHARS else line[:MAX_ERROR_CHARS] + "..."


def _is_prop(item: Any) -> bool:
    """An entry of a callback request's 'outputs', 'inputs' or 'state' as Dash reads it."""
    return (isinstance(item, dict) and isinstance(item.get("id"), str | dict)
            and isinstance(item.get("property"), str))


def box_kinds(layout: Any) -> dict[str, str]:
    """The page's components by id: their type, and an Input's type after a colon
    (``Input:number``), as :func:`value_rule` reads them."""
    found = {}
    for comp in [layout, *layout._traverse()]:
        cid = getattr(comp, "id", None)
        if isinstance(cid, str):
            kind = comp._type
            found[cid] = f"{kind}:{getattr(comp, 'type', None) or 'text'}" \
                if kind == "Input" else kind
    return found


def _finite_number(value: Any) -> bool:
    try:
        return (isinstance(value, int | float) and not isinstance(value, bool)
                and math.isfinite(value))
    except OverflowError:  # an int beyond a float
        return False


def value_rule(kind: str, cid: str, prop: str, value: Any) -> str | None:
    """What the page's component ``cid`` (of ``kind``, :func:`box_kinds`) sends as ``prop``,
    when ``value`` is not that (None when it is, or when anything goes): a callback given a
    value of another type failed inside (a list as a text box's value: 500)."""
    if prop in COUNT_PROPS:
        good = value is None or (isinstance(value, int) and not isinstance(value, bool)
                                 and value >= 0)
        return None if good else "a whole number >= 0 or null (a count)"
    if prop == "data" and cid in STORE_TYPES:
        types = STORE_TYPES[cid]
        good = value is None or isinstance(value, types)
        if good and cid == "design-original" and value is not None:
            # the design's form values as loaded: a number (or null) for each box
            good = all(v is None or _finite_number(v) for v in value.values())
        return None if good else (f"null or a {'/'.join(t.__name__ for t in types)}, as the "
                                  "dashboard stored it")
    if prop != "value":
        return None
    if kind == "Input:number":
        return None if value is None or _finite_number(value) else \
            "a finite number or null (a number box)"
    if kind.startswith("Input") and cid in DESIGN_FIELDS:
        # a design box: the text typed, or the number the server set (sent back as it was)
        good = value is None or isinstance(value, str) or _finite_number(value)
        return None if good else "a text, a finite number or null (a design box)"
    if kind.startswith("Input"):
        return None if value is None or isinstance(value, str) else "a text or null (a text box)"
    if kind in ("Dropdown", "RadioItems"):
        good = value is None or isinstance(value, str) or _finite_number(value)
        return None if good else "one of its options or null"
    if kind == "Checklist":
        good = value is None or (isinstance(value, list) and all(
            isinstance(v, str) or _finite_number(v) for v in value))
        return None if good else "a list of its options or null"
    return None


def callback_request_error(body: Any, callbacks: dict[str, Any],
                           kinds: dict[str, str] | None = None) -> ValidationError | None:
    """Why ``body`` (a parsed POST to :data:`CALLBACK_PATH`) is not a request the page sends
    for one of ``callbacks`` (Dash's ``callback_map``), or None: Dash itself indexes it
    unchecked, and ``{}``, an unknown output or a list in a text box's value was a 500 as if
    solidcell had failed. ``kinds``: the page's components (:func:`box_kinds`), whose values
    are checked by :func:`value_rule`."""
    if not isinstance(body, dict):
        return ValidationError("request", body, CALLBACK_RULE)
    output = body.get("output")
    if not isinstance(output, str) or output not in callbacks:
        return ValidationError("output", output, "the outputs of one of the dashboard's "
                               "callbacks (/_dash-dependencies lists them)")
    callback = callbacks[output]
    name = callback_action(output, callback.get("callback"))
    multi = output.startswith("..")
    count = len(output.strip(".").split("...")) if multi else 1
    outputs = body.get("outputs")
    if multi:
        good = (isinstance(outputs, list) and len(outputs) == count
                and all(_is_prop(o) for o in outputs))
    else:
        good = _is_prop(outputs)
    if not good:
        shape = f"a list of {count} {{'id', 'property'}}" if multi else "one {'id', 'property'}"
        return ValidationError("outputs", outputs, f"{shape} of the callback {name}")
    for key in ("inputs", "state"):
        items, want = body.get(key, []), len(callback[key])
        if not (isinstance(items, list) and len(items) == want
                and all(_is_prop(i) for i in items)):
            return ValidationError(key, items, f"a list of {want} {{'id', 'property', "
                                   f"'value'}} of the callback {name}")
        for item, spec in zip(items, callback[key], strict=True):
            # Dash passes the values by position: each must be the one declared there
            cid, prop = spec["id"], spec["property"]
            if (item["id"], item["property"]) != (cid, prop):
                return ValidationError(f"{key} of {name}", f"{item['id']}.{item['property']}",
                                       f"{cid}.{prop} in this place")
            rule = value_rule((kinds or {}).get(cid, ""), cid, prop, item.get("value"))
            if rule is not None:
                return ValidationError(f"{cid}.{prop}", item.get("value"), rule)
    changed = body.get("changedPropIds", [])
    if not (isinstance(changed, list) and all(isinstance(c, str) for c in changed)):
        return ValidationError("changedPropIds", changed, "a list of 'id.property' texts")
    return None


def query_elements(text: str | None) -> list[str]:
    """The element symbols of the query's elements box, separated by commas or spaces:
    "Li S" (as written in a formula list) was refused as the one symbol 'Li S'."""
    return [e for e in re.split(r"[\s,;]+", text or "") if e]


#: the store's query arguments -> (box of the materials query, its label on the page)
QUERY_FIELDS = {"minimum": ("q-min", "at least"), "maximum": ("q-max", "at most"),
                "element": ("q-elements", "elements")}


def lookup_material(store: Any, typed: str) -> Any:
    """The material ``typed`` names in ``store``: its id, or an id that differs only in case
    (material ids are lower case, :class:`~solidcell.materials.schema.Material`, so 'LLZO'
    can be only 'llzo'; it was refused with "did you mean llzo"). Otherwise the store's own
    NotFoundError (with its suggestions)."""
    try:
        return store.get(typed)
    except NotFoundError:
        if typed.lower() == typed:
            raise
        try:
            return store.get(typed.lower())
        except NotFoundError:
            pass
        raise


def unknown_material(box: str, typed: str, exc: Exception) -> ValidationError:
    """The store's NotFoundError of the material id ``typed`` as the refusal of the box
    ``box``: the text as typed (a long one shortened, the store repeated all 400 characters),
    what is allowed, and the store's suggestions ("did you mean llzo, llzo_ta, llto?"); its
    hint for the command line (`solidcell materials list`) is the page's query table here."""
    hint = str(exc).partition(" is not in the materials database")[2]
    if "did you mean" not in hint:
        hint = ""
    return ValidationError(box, typed, "a material id of the materials database (the query "
                           f"above lists them){hint}")


def element_hint(text: Any) -> str:
    """'; did you mean 'Li'?' when ``text`` (refused as an element symbol) is a symbol written
    in another case ('li', 'LI'), else ''."""
    from pymatgen.core import Element

    if not isinstance(text, str) or not text.strip():
        return ""
    symbol = text.strip().capitalize()
    return (f"; did you mean '{symbol}'? (symbols start with a capital letter)"
            if symbol != text and Element.is_valid_symbol(symbol) else "")


def query_error(exc: Exception, prop: str | None) -> tuple[str, str]:
    """(box, message) of an error of the store's query: a bound's error beside its box, named
    by the box's label and the property (``ionic_conductivity at least: '-1 mS/cm' is not
    allowed; 0 to 10000 S/m ...``); others beside the elements box."""
    field = getattr(exc, "field", "")
    if not isinstance(exc, ValidationError) or field not in QUERY_FIELDS:
        return "q-elements", str(exc)
    box, label = QUERY_FIELDS[field]
    name = f"{prop} {label}" if prop and field != "element" else label
    hint = element_hint(exc.value) if field == "element" else ""
    return box, str(ValidationError(name, exc.value, exc.allowed + hint))


def current_design(state: DashboardState, source: str, values: dict[str, Any],
                   original: dict[str, Any]) -> Any:
    """The design of ``source`` with the form's changes applied (a new object)."""
    if not source:
        raise ValidationError("design-example", source, "choose a design first")
    design = state.load(source, "design-example")
    if original.get(VERSION_KEYS[0]) is not None:
        # the boxes are of the version the page opened: another tab's save (with 'replace')
        # or an editor changed the file since, and the unchanged boxes were taken from the
        # new file beside the old values shown (and a save wrote them)
        now = file_version(safe_design_path(source, state.roots, "design-example"))
        if any(now[k] != original.get(k) for k in VERSION_KEYS):
            raise ValidationError("design", Path(source).name, f"a file unchanged since the "
                                  f"page opened it: it has {FILE_CHANGED} (another tab's save "
                                  "or an editor), and the boxes are of the version opened; "
                                  "press Enter in the 'or open a file' box (or reload the "
                                  "page) to open it as it is now")
    changes = design_changes(values, original)
    if not changes:
        return design
    design = design.replace(**changes)
    # the engine's checks of the whole design (a temperature that melts the lithium foil is
    # refused by resolving, not by the model): a design the design tab refuses must not be
    # saved, simulated or screened; 250 degC was saved as a file `evaluate` then refused
    design.resolved()
    return design


#: the keys of the file version in the form's original values (:func:`file_version`)
VERSION_KEYS = ("file-mtime", "file-size")
#: what the design tab says of a file changed on disk since the page opened it
FILE_CHANGED = "changed on disk since this page opened it"


def file_version(path: Path) -> dict[str, float]:
    """Which version of the design file ``path`` the form's boxes are of: its modification
    time [s] and size [bytes] (numbers, as the page's store keeps them)."""
    stat = Path(path).stat()
    return {VERSION_KEYS[0]: stat.st_mtime_ns / 1e9, VERSION_KEYS[1]: float(stat.st_size)}


def shown_design(state: DashboardState, source: str, field: str,
                 listing: list[tuple[str, Path]] | None = None) -> tuple[str, str | None]:
    """(the path the design tab keeps and names, the design list's entry or None) of the
    design ``source`` picked or typed: the list's entry it names (a workspace link to an
    example picked as the example showed "showing workspace/<link>": both were listed as the
    resolved path), else the resolved file. The file opened is always the one
    :func:`~solidcell.app.paths.safe_design_path` resolves inside the roots. ``listing``: the
    design folders' entries (:meth:`DashboardState.designs`; default: listed now)."""
    resolved = safe_design_path(source, state.roots, field)
    entry = listed_design(source, resolved, state.designs() if listing is None else listing)
    return (str(resolved), None) if entry is None else (str(entry), str(entry))


def _source_label(state: DashboardState, path: str,
                  listing: list[tuple[str, Path]] | None = None) -> str:
    """'showing <label>' of the design file ``path`` as the design list (``listing``, default:
    listed now) names it."""
    labels = {str(p): label for label, p in (state.designs() if listing is None else listing)}
    return f"showing {labels.get(path, Path(path).name)}"


def job_design(state: DashboardState, source: str, values: dict[str, Any],
               original: dict[str, Any]) -> Any:
    """The design tab's current design for a simulation or screen; an error of the design
    tab's form says so (it is shown on the simulation or screening tab, beside another box)."""
    try:
        return current_design(state, source, values, original)
    except SolidcellError as exc:
        raise ValidationError("design", Path(source).name if source else source,
                              f"fix the design tab first: {design_error_text(exc, values)}"
                              ) from None


def design_error_text(exc: Exception, values: dict[str, Any]) -> str:
    """An error of the design tab's form as its field's message says it (the typed value in
    the unit of the box, :func:`form_error_message`); other errors as they are."""
    where = field_of_error(exc)
    return form_error_message(exc, where, values) if where in DESIGN_FIELDS else str(exc)


def job_subject(design: Any, prices: Any = None) -> str:
    """What a simulation (``prices`` None) or a screen (the price box's text, its spacing
    aside: the cost column) is run on, as the job keeps it (:func:`job_stale_note`)."""
    text = design.model_dump_json()
    return text if prices is None else f"{text}\nprices: {' '.join(str(prices).split())}"


#: what :func:`job_inputs` keeps of a box whose value its run would refuse: (this, the text)
REFUSED = "refused"
#: the names the stale note gives the interface-resistance boxes (:data:`INTERFACE_BOXES`)
INTERFACE_INPUT_NAMES = {"interface_resistance": "interface resistance",
                         "interface_resistance_activation_energy": "interface activation energy",
                         "interface_resistance_temperature": "interface measuring temperature"}


def _read_input(read: Callable[[], Any], typed: Any) -> Any:
    """``read()``: a box's value as its run reads it (a number in the engine's unit, a
    select's choice), or (:data:`REFUSED`, the text as typed) when the run would refuse it."""
    try:
        return read()
    except SolidcellError:
        return (REFUSED, " ".join(str(typed).split()))


def simulation_form_inputs(ocp_ends: Any, thermal: Any, coefficient: Any,
                           *interface: Any) -> dict[str, Any]:
    """The simulation form's inputs the simulation and the temperature sweep share, by name,
    as a run reads them (:func:`simulation_ocp_ends`, :func:`simulation_thermal`,
    :func:`_interface_quantity`; an empty interface box None: the design's own). The heat
    transfer coefficient only with "lumped": the isothermal model reads no coefficient."""
    out = {"OCP ends": _read_input(lambda: simulation_ocp_ends(ocp_ends), ocp_ends),
           "thermal model": _read_input(
               lambda: simulation_thermal(thermal, None).get("thermal", "isothermal"), thermal)}
    if thermal == "lumped":
        out["heat transfer coefficient"] = _read_input(
            lambda: _heat_transfer_read(thermal, coefficient), coefficient)
    typed = interface or (None, None, None)
    for (keyword, name), value in zip(INTERFACE_INPUT_NAMES.items(), typed, strict=True):
        text = "" if value is None else str(value).strip()
        out[name] = (_read_input(lambda k=keyword, t=text: _interface_quantity(k, t), text)
                     if text else None)
    return out


def _heat_transfer_read(thermal: Any, coefficient: Any) -> float:
    """The coefficient box as a lumped run reads it [W/(m2 K)], refused as the engine refuses
    it (:func:`~solidcell.simulation.parameters.thermal_parameters`: missing, not a number,
    not finite or not > 0): :func:`simulation_thermal` passes such a value on for the engine's
    check, so the stale note named "-3" or an emptied box without "(refused now)"."""
    from solidcell.checks import positive

    h = simulation_thermal(thermal, coefficient)["heat_transfer_coefficient"]
    return positive("heat_transfer_coefficient", h,
                    "a number > 0 in W/(m2 K) (the cell's total heat transfer coefficient "
                    "to ambient)")


def job_input_boxes(prefix: str) -> list[str]:
    """The ids of the boxes whose values a run of ``prefix`` ("sim", "sweep", "scr") reads
    besides the design tab's, in :func:`job_inputs`'s order."""
    if prefix == "scr":
        return ["scr-application", *(f"{k}-{side}" for k in SCREEN_RANGES
                                     for side in ("min", "max")), "scr-n"]
    own = (["sim-experiment"] if prefix == "sim"
           else [SWEEP_TEMPERATURES_BOX, SWEEP_C_RATE_BOX, SWEEP_MESH])
    return [*own, *SWEEP_SHARED_BOXES]


def job_inputs(prefix: str, values: dict[str, Any],
               unused: Sequence[str] = ()) -> dict[str, Any]:
    """A run's own inputs by name (``prefix``: "sim", "sweep", "scr"), read from its boxes'
    ``values`` (box id -> value, :func:`job_input_boxes`) as the run reads them, so that "10"
    and "10.0", or "25 degC" typed again, are the same input; a value the run would refuse is
    kept as typed (:func:`_read_input`). The job keeps those it ran with
    (``Jobs.start(inputs=)``); :func:`job_stale_note` names those changed since. ``unused``:
    the screen ranges (:data:`SCREEN_RANGES` keys) the run does not read
    (:func:`unused_screen_ranges`), left out: an edit of them changes nothing."""
    from solidcell.simulation.pybamm_adapter import check_mesh
    from solidcell.simulation.runs import parse_temperatures

    v = values.get
    if prefix == "scr":
        out: dict[str, Any] = {"application": v("scr-application")}
        for key, (path, unit) in SCREEN_RANGES.items():
            for side, word in (("min", "from"), ("max", "to")) if key not in unused else ():
                raw = str(v(f"{key}-{side}") or "").strip()
                out[f"{path} {word}"] = _read_input(
                    lambda b=f"{key}-{side}", t=raw, u=unit: typed_quantity(b, t, u), raw)
        out["designs"] = _read_input(lambda: screen_count(v("scr-n")), v("scr-n"))
        return out
    shared = simulation_form_inputs(*(v(b) for b in SWEEP_SHARED_BOXES))
    if prefix == "sim":
        return {"experiment": " ".join(str(v("sim-experiment") or "").split()), **shared}
    temperatures = v(SWEEP_TEMPERATURES_BOX)
    return {"temperatures": _read_input(lambda: tuple(parse_temperatures(
                "" if temperatures is None else str(temperatures))), temperatures),
            "C-rate": _read_input(lambda: sweep_c_rate(v(SWEEP_C_RATE_BOX)),
                                  v(SWEEP_C_RATE_BOX)),
            "mesh": _read_input(lambda: check_mesh(v(SWEEP_MESH) or "default"), v(SWEEP_MESH)),
            **shared}


def changed_inputs(kept: dict[str, Any] | None, now: dict[str, Any] | None) -> list[str]:
    """The names of the inputs ``now`` holds otherwise than the run kept them (``kept``), in
    the form's order, "(refused now)" after one the run would refuse. An input only one of
    them reads (the heat transfer coefficient beside an isothermal run) follows another one
    that changed (the thermal model), which is named."""
    if not kept or not now:
        return []
    return [f"{name} (refused now)" if isinstance(value, tuple) and value[:1] == (REFUSED,)
            else name for name, value in now.items()
            if name in kept and not _same_input(kept[name], value)]


def _same_input(a: Any, b: Any) -> bool:
    """Whether two values :func:`job_inputs` read are the same: equal, numbers within
    :func:`math.isclose`'s default tolerance (a unit converted otherwise: ``0.15 mm`` and
    ``150 um``), tuples item by item."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(map(_same_input, a, b))
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(
            a, bool) and not isinstance(b, bool):
        return math.isclose(a, b)
    return a == b


def job_stale_note(state: Any, job_id: str | None, prefix: str, source: str | None,
                   values: dict[str, Any], original: dict[str, Any], prices: Any = None,
                   inputs: dict[str, Any] | None = None) -> str:
    """Why the finished job ``job_id``'s result (``prefix``: "sim", "scr", "sweep") is not of
    the design the design tab shows now (for a screen, ``prices``: also its price box) or of
    its own inputs shown now (``inputs``: :func:`job_inputs` of its boxes, against those the
    job kept), or "" when it is (or there is no such result). A simulation run on the EV
    example stood unchanged, without a word, beside a 120 um cathode typed since, or after
    another example was picked; a screen's "no cost" beside the prices it asked for, typed
    since; a lumped simulation's temperature beside a heat transfer coefficient typed since."""
    job = state.jobs.get(job_id) if job_id else None
    if job is None or job.subject is None or job.state != "done":
        return ""
    try:
        now = job_subject(current_design(state, source or "", values, original),
                          None if prefix != "scr" else prices or "")
    except SolidcellError:
        now = None  # a refused value: the design tab says which
    changed = changed_inputs(job.inputs, inputs)
    if now == job.subject and not changed:
        return ""
    kind = JOB_KINDS.get(prefix, prefix)
    parts, shown = [], []
    if now != job.subject:
        what = ("design as it was" if prefix != "scr"
                else "design and material prices as they were")
        parts.append(f"not of the design shown: this {kind} ran on the design tab's {what} "
                     "when run, changed since (or holding a refused value)")
        shown.append("design")
    if changed:
        parts.append(f"inputs changed since this run: {', '.join(changed)}")
        shown.append("inputs")
    return f"{'; '.join(parts)}; run the {kind} again for the {' and '.join(shown)} shown"


def _stale_callback(app: Any, state: Any, prefix: str, field_ids: list[str],
                    with_prices: bool = False) -> None:
    """Grey a job's result and say so (:func:`job_stale_note`) while the design tab's design
    (``with_prices``: and its price box) differs from the one it ran on, or a box of its own
    form (:func:`job_input_boxes`) holds another value than it ran with; checked on every
    edit, a new run and a run's end."""
    from dash import Input, Output, State

    prices = [Input(PRICE_BOX, "value")] if with_prices else []
    boxes = job_input_boxes(prefix)

    @app.callback(Output(f"{prefix}-stale", "children"), Output(f"{prefix}-result", "style"),
                  [Input(k, "value") for k in field_ids], Input("design-source", "data"),
                  Input(f"{prefix}-job", "data"), Input(f"{prefix}-poll", "disabled"),
                  *prices, *[Input(b, "value") for b in boxes], State("design-original", "data"))
    def stale(*args: Any) -> tuple[str, dict[str, Any]]:
        values = dict(zip(field_ids, args[:len(field_ids)], strict=True))
        source, job_id, _polled, *rest = args[len(field_ids):]
        price, typed, original = rest[:len(prices)], rest[len(prices):-1], rest[-1]
        note = job_stale_note(state, job_id, prefix, source, values, original or {},
                              price[0] if price else None,
                              job_inputs(prefix, dict(zip(boxes, typed, strict=True))))
        return note, (STALE_STYLE if note else {})


def _stop_callbacks(app: Any, state: Any, prefix: str, view: Any) -> None:
    """The ``{prefix}-stop`` button: enabled while the job in ``{prefix}-job`` runs; a click
    stops it (:meth:`Jobs.stop`) and every running job of that kind of the page
    (:meth:`Jobs.stop_owned`: the store may still name an earlier run while a later Run's
    answer is under way; a Run requested before the click starts stopped) and shows it
    stopped at once."""
    from dash import Input, Output, State

    @app.callback(Output(f"{prefix}-poll", "disabled", allow_duplicate=True),
                  Input(f"{prefix}-job", "data"), prevent_initial_call="initial_duplicate")
    def resume(job_id: str | None) -> bool:
        # a reloaded page finds the job of its tab (the store is kept over a reload): its
        # progress is polled again, its Stop enabled while it runs, its result shown once
        # it has ended (the poll then stops itself; a job that ended before this answer
        # must still be polled once, or its result or error would never be shown)
        # an id this dashboard does not know (restarted since) is polled once too: the poll
        # says the run is gone instead of showing nothing
        return not job_id

    @app.callback(Output(f"{prefix}-stop", "disabled"), Input(f"{prefix}-poll", "disabled"),
                  State(f"{prefix}-job", "data"))
    def stop_enabled(poll_disabled: bool, job_id: str | None) -> bool:
        status = state.jobs.status(job_id) if job_id else None
        return bool(poll_disabled) or status is None or status["state"] != "running"

    @app.callback(Output(f"{prefix}-progress", "children", allow_duplicate=True),
                  Output(f"{prefix}-result", "children", allow_duplicate=True),
                  Output(f"{prefix}-poll", "disabled", allow_duplicate=True),
                  Input(f"{prefix}-stop", "n_clicks"), State(f"{prefix}-job", "data"),
                  State("page-id", "data"), prevent_initial_call=True)
    def stop_job(_n: int, job_id: str | None, page_id: str | None) -> tuple[Any, Any, bool]:
        if job_id:
            state.jobs.stop(job_id)
        if isinstance(page_id, str):
            state.jobs.stop_owned(page_id, JOB_KINDS[prefix])
        return _job_progress(state, job_id, prefix, view)


def _download_callback(app: Any, state: Any, prefix: str,
                       downloads: Callable[[Any], dict[str, tuple[str, str]]]) -> None:
    """The ``{prefix}-dl-csv`` and ``{prefix}-dl-json`` buttons: the finished result of the
    job in ``{prefix}-job`` sent to the browser (``downloads(result)``), or the reason
    there is none beside them."""
    from dash import Input, Output, State, ctx, dcc, no_update

    @app.callback(Output(f"{prefix}-download", "data"),
                  Output(f"{prefix}-download-msg", "children"),
                  Input(f"{prefix}-dl-csv", "n_clicks"), Input(f"{prefix}-dl-json", "n_clicks"),
                  State(f"{prefix}-job", "data"), prevent_initial_call=True)
    def download(_csv: int, _json: int, job_id: str | None) -> tuple[Any, str]:
        kind = "csv" if ctx.triggered_id == f"{prefix}-dl-csv" else "json"
        try:
            name, text = downloads(job_result(state, job_id, JOB_KINDS[prefix]))[kind]
        except SolidcellError as exc:
            return no_update, f"not downloaded: {exc}"
        return dcc.send_string(text, name), f"downloaded {name}"


def _run_request(state: Any, answer: Callable[..., Any]) -> Callable[..., Any]:
    """A Run button's callback ``answer(requested, *args)`` as Dash calls it, ``(*args)``:
    ``requested`` is the request's arrival time, the request under way until ``answer``
    returns (:meth:`Jobs.request`: a Stop of the page after it starts the job stopped, and
    the Stop times are dropped once no request they can fence is under way)."""
    from functools import wraps

    @wraps(answer)
    def run(*args: Any) -> Any:
        with state.jobs.request() as requested:
            return answer(requested, *args)

    return run


def _stop_replaced(state: Any, job_id: Any, kind: str) -> None:
    """Stop the ``kind`` job a new Run replaces on the page (its id leaves the page's store):
    it computed on out of reach of Stop, its result never shown, holding one of the
    ``max_running`` slots (Run twice during a simulation refused the next Run)."""
    job = state.jobs.get(job_id) if isinstance(job_id, str) else None
    if job is not None and job.kind == kind:
        state.jobs.stop(job_id)  # False (nothing done) when it has ended


#: what the simulation tab's "OCP ends" select does (``ocp_ends`` of
#: :func:`solidcell.simulation.runs.simulate`, ``solidcell simulate --ocp-ends``)
OCP_ENDS_HELP = ("What ends a step at the ends of the OCP data. auto: 'wall' where it "
                 "applies (a composite cathode, and a full cell's anode, whose OCP data "
                 "leave room for it), else 'stop'. stop: a charge or discharge step ends "
                 "where a particle surface reaches the end of its OCP data. wall: a steep "
                 "numerical wall beyond the data, so a step ends at its own voltage limit "
                 "(refused where it cannot apply). The result's 'OCP ends' says which rule "
                 "ran.")


def simulation_ocp_ends(value: Any) -> str:
    """The "OCP ends" select's ``value`` as :func:`_simulate` takes it (None, a request
    without the select's value: "auto", the engine's default); anything else (a crafted
    request: the select offers only these) is a ValidationError naming the field, the value
    and the choices."""
    from solidcell.simulation.ocp import OCP_ENDS

    if value is None:
        return "auto"
    if not isinstance(value, str) or value not in OCP_ENDS:
        raise ValidationError("ocp_ends", value,
                              f"one of {', '.join(map(repr, OCP_ENDS))} (the OCP ends select)")
    return str(value)


def _simulate(sim: Any, design: Any, experiment: str, ocp_ends: str, progress: Any,
              **options: Any) -> Any:
    """``sim(design, experiment, ocp_ends=..., **options)`` in the job's worker (``options``:
    :func:`simulation_thermal`'s and :func:`simulation_interface`'s keywords, none for the
    isothermal default and the design's own interface resistance)."""
    progress(None, f"solving '{experiment}'")
    return sim(design, experiment, ocp_ends=ocp_ends, **options)


#: the simulation tab's heat transfer coefficient box (``heat_transfer_coefficient`` of
#: :func:`solidcell.simulation.runs.simulate`, ``solidcell simulate --heat-transfer``)
HEAT_TRANSFER_BOX = "sim-heat_transfer_coefficient"
#: the box's unit: a bare number is in it (the engine's unit)
HEAT_TRANSFER_UNIT = "W/(m2 K)"
#: what the simulation tab's "Thermal model" select does (``thermal`` of ``simulate``)
THERMAL_HELP = ("isothermal: the cell stays at the design's temperature. lumped: PyBaMM's "
                "lumped thermal model, one cell temperature heated by the cell's losses and "
                "cooled to the design's temperature through the heat transfer coefficient "
                "(required, no default: it depends on the cooling, not on the cell; a number "
                "in W/(m2 K) or a quantity with its unit); the result shows the cell "
                "temperature over time.")


def thermal_row(thermal: Any) -> tuple[dict[str, str], bool]:
    """(style, disabled) of the heat transfer coefficient's row and box for the thermal
    select's value: shown and enabled only for "lumped" (the isothermal model takes none)."""
    if thermal == "lumped":
        return {}, False
    return {"display": "none"}, True


def simulation_thermal(thermal: Any, coefficient: Any) -> dict[str, Any]:
    """The "Thermal model" select's and the coefficient box's values as keywords of
    :func:`solidcell.simulation.runs.simulate`: {} for "isothermal" (or None: the engine's
    default; the hidden box is not read), else ``thermal="lumped"`` and
    ``heat_transfer_coefficient`` in W/(m2 K) read at the edge: a bare number is in
    :data:`HEAT_TRANSFER_UNIT`, a quantity carries its unit (``0.001 W/(cm2 K)``,
    :func:`solidcell.units.parse`); a number with a unit of another kind or one not known
    (``10 W/(m K)``, a thermal conductivity) is a ValidationError naming
    ``heat_transfer_coefficient`` with the units module's explanation; an empty box is None
    and other text (no number) is passed as typed, both refused by the engine's own check
    (:func:`simulation_inputs_check`). Another select value (a crafted request) is a
    ValidationError naming ``thermal`` and the engine's choices."""
    from solidcell import units
    from solidcell.errors import UnitError
    from solidcell.simulation.runs import THERMAL_ALLOWED

    if thermal is None or (isinstance(thermal, str) and thermal == "isothermal"):
        return {}
    if not isinstance(thermal, str) or thermal != "lumped":
        raise ValidationError("thermal", thermal, f"{THERMAL_ALLOWED} (the thermal model "
                              "select)")
    text = "" if coefficient is None else str(coefficient).strip()
    value: Any = text or None
    if text:
        parts = units.split_value(text)
        try:
            value = (parts[0] if parts is not None and parts[1] == ""
                     else units.parse(text, "heat transfer coefficient"))
        except UnitError as exc:
            if parts is None:
                value = text  # no number: the engine names the box, the text and what it takes
            else:  # a unit of the wrong kind: the units module says which kind it is
                reason = str(exc).removeprefix("heat transfer coefficient: ")
                raise ValidationError("heat_transfer_coefficient", text,
                                      f"a number > 0 in {HEAT_TRANSFER_UNIT} or a quantity "
                                      f"with its unit ({reason})") from None
    return {"thermal": "lumped", "heat_transfer_coefficient": value}


#: the simulation tab's interface-resistance boxes, shared with its temperature sweep:
#: keyword of :func:`solidcell.simulation.runs.simulate` and ``temperature_sweep`` (the
#: CLI's ``--interface-resistance``, ``--interface-activation``, ``--interface-ref-temp``)
#: -> (box id, label, kind of quantity of :func:`solidcell.units.parse`, the example shown)
INTERFACE_BOXES: dict[str, tuple[str, str, str, str]] = {
    "interface_resistance": ("sim-interface_resistance", "interface resistance",
                             "areal resistance", "20 Ohm cm2"),
    "interface_resistance_activation_energy": (
        "sim-interface_resistance_activation_energy", "its activation energy",
        "activation energy", "0.37 eV"),
    "interface_resistance_temperature": ("sim-interface_resistance_temperature",
                                         "its measuring temperature", "temperature",
                                         "25 degC"),
}
#: the other names the engine gives a refusal of these keywords -> the keyword (the
#: resistance's sign is checked as ``CellParameters.interface_resistance_ohm_m2``)
INTERFACE_ALIASES = {"interface_resistance_ohm_m2": "interface_resistance",
                     "interface_resistance_activation_energy_J_mol":
                     "interface_resistance_activation_energy"}
#: what the interface-resistance boxes do (docs/simulation.md "Interface resistance and
#: temperature"; the engine's precedence, as ``solidcell simulate --help`` says it)
INTERFACE_HELP = ("Interface resistance: the cell's area-specific interface resistance "
                  "(cathode and anode interfaces together) with its unit, e.g. 20 Ohm cm2; "
                  "empty: the design's own, else the knowledge base's, else 0. With an "
                  "activation energy (e.g. 0.37 eV or 35 kJ/mol) it is taken at the cell's "
                  "temperature by Arrhenius, R exp(E_a/R (1/T - 1/T_ref)), from the "
                  "temperature it was measured at, T_ref (e.g. 25 degC); empty: the design's "
                  "own (no activation energy: held at every temperature, a note says so; no "
                  "T_ref: the design's temperature). There is no default activation energy: "
                  "a measured one belongs to one interface. Each box with its unit; these "
                  "apply to the simulation and the temperature sweep.")


def interface_keyword(field: str) -> str:
    """The interface-resistance keyword (:data:`INTERFACE_BOXES`) a refusal naming
    ``field`` belongs to (:data:`INTERFACE_ALIASES`), else ``field`` itself."""
    return INTERFACE_ALIASES.get(field, field)


def _interface_quantity(keyword: str, text: str) -> float:
    """``text`` of the box of ``keyword`` in the engine's unit (Ohm m2, eV, K) by
    :func:`solidcell.units.parse`: a number without a unit (which K or degC? which of Ohm cm2
    and Ohm m2?) or a unit of another kind is a ValidationError naming ``keyword`` with the
    units module's explanation, as ``solidcell simulate`` refuses it."""
    from solidcell import units
    from solidcell.errors import UnitError

    _box, _label, kind, example = INTERFACE_BOXES[keyword]
    try:
        return units.parse(text, kind)
    except UnitError as exc:
        reason = str(exc).removeprefix(f"{kind}: ")
        article = "an" if kind[0] in "aeiou" else "a"
        raise ValidationError(keyword, text, f"{article} {kind} with its unit, e.g. "
                              f"'{example}', or empty for the design's own ({reason})"
                              ) from None


def simulation_interface(resistance: Any, activation: Any, reference: Any
                         ) -> dict[str, Any]:
    """The interface-resistance boxes' values as keywords of
    :func:`solidcell.simulation.runs.simulate` and ``temperature_sweep``: each box with text
    read at the edge (:func:`_interface_quantity`: ``interface_resistance`` in Ohm m2,
    ``interface_resistance_activation_energy`` in eV, ``interface_resistance_temperature`` in
    K); an empty box is left out (the design's own). The engine checks the numbers (a
    negative resistance, an activation energy above the knowledge base's bound, a measuring
    temperature no design could have) and names the keyword."""
    typed = dict(zip(INTERFACE_BOXES, (resistance, activation, reference), strict=True))
    out: dict[str, Any] = {}
    for keyword, value in typed.items():
        text = "" if value is None else str(value).strip()
        if text:
            out[keyword] = _interface_quantity(keyword, text)
    return out


def interface_as_typed(exc: SolidcellError, typed: Sequence[Any]) -> SolidcellError:
    """The refusal ``exc`` of an interface box's number (the engine's check of the number
    read, ``interface_resistance_activation_energy: 4.146 is not allowed; ...``) with the value
    as typed in the box (``typed``: the three boxes' values in :data:`INTERFACE_BOXES` order),
    as the engine says it of the text itself (``'400 kJ/mol' is not allowed; ...``); any
    other refusal as it is."""
    texts = dict(zip(INTERFACE_BOXES, typed, strict=True))
    field = getattr(exc, "field", None)
    if type(exc) is ValidationError and field in texts and texts[field]:
        return ValidationError(field, str(texts[field]).strip(), exc.allowed)
    return exc


#: the simulation tab's statement of its experiment box's default and when it follows the design
EXPERIMENT_RULE = (
    "The experiment starts as the design's C/10 discharge to 3 V vs Li/Li+ (until 2.38 V "
    "against a Li-In counter electrode at 0.62 V, until 3 V otherwise; the report's default) "
    "and follows the design opened. An experiment you typed is kept as typed; an emptied box "
    "follows the design again.")


def simulation_default_experiment(design: Any) -> str:
    """The experiment box's default for ``design``: the simulation's
    :func:`~solidcell.simulation.runs.default_experiment` at the report's C-rate
    (:data:`~solidcell.report.html.DEFAULT_C_RATE`), "Discharge at C/10 until 2.38 V" against
    Li-In (a fixed "until 3 V" stopped that cell at 3.62 V vs Li)."""
    from solidcell.report.html import DEFAULT_C_RATE
    from solidcell.simulation.runs import default_experiment

    return default_experiment(design, DEFAULT_C_RATE)


def followed_experiment(design: Any, box: Any, auto: Any) -> tuple[str | None, str]:
    """The experiment box after ``design`` was opened: (its new text, or None where it keeps
    its value; the default given, kept as ``auto`` for the next call). The box follows
    :func:`simulation_default_experiment` when empty or still holding what it was last given
    (``auto``); an experiment the user typed stays as typed."""
    default = simulation_default_experiment(design)
    follows = box_follows(box, auto)
    return (default if follows else None), default


def initial_experiment(design: Any) -> tuple[str, str | None]:
    """The experiment box and its ``sim-experiment-auto`` store as the layout builds them for
    the page's first design (None: empty): what :func:`followed_experiment` gives it, so the
    page's first call has nothing to change (its answer overwrote a value typed before)."""
    if design is None:
        return "", None
    try:
        new, default = followed_experiment(design, "", None)
    except SolidcellError:  # the design tab or Run says why
        return "", None
    return new or "", default


def simulation_inputs_check(design: Any, experiment: Any, ocp_ends: str,
                            thermal: dict[str, Any],
                            interface: dict[str, Any] | None = None) -> None:
    """Refuse a simulation before its job starts, by the engine's own checks in the engine's
    order (:func:`solidcell.simulation.runs.simulate_inputs`, which ``simulate`` runs before
    any build or solve), isothermal or lumped: the design's (a 3D architecture, naming
    ``architecture.kind``), the thermal model's
    (:func:`~solidcell.simulation.parameters.thermal_parameters`: a coefficient missing, not a
    number or not > 0, naming ``heat_transfer_coefficient``; a cell without a cooling area,
    naming ``thermal``), the OCP ends' (the wall where it cannot apply) and the experiment's
    (a step PyBaMM cannot read or run). ``thermal``: :func:`simulation_thermal`'s keywords;
    ``interface``: :func:`simulation_interface`'s (a negative resistance, an activation
    energy or measuring temperature out of bounds, naming its keyword or
    ``interface_resistance_ohm_m2``). The page keeps its result and boxes as they were."""
    from solidcell.simulation.runs import simulate_inputs

    simulate_inputs(design, experiment, ocp_ends=ocp_ends, **thermal, **(interface or {}))


# --- the simulation tab's temperature sweep (``solidcell temperature-sweep``) -------------

#: the sweep's boxes (their refusals are shown beside them, ``{id}-msg``)
SWEEP_TEMPERATURES_BOX = "sweep-temperatures"
SWEEP_C_RATE_BOX = "sweep-c_rate"
SWEEP_MESH = "sweep-mesh"
#: the temperatures box's example, as ``solidcell temperature-sweep --help`` gives it
SWEEP_PLACEHOLDER = "e.g. -20 degC, 0 degC, 25 degC, 45 degC"
SWEEP_HELP = ("The delivered capacity at one C-rate at each temperature (PyBaMM, the model "
              "rebuilt at each: the ionic conductivities follow the knowledge base by "
              "Arrhenius). Temperatures: comma-separated, each with its unit (K or degC). The "
              "thermal model, OCP ends and interface resistance chosen above apply: with "
              "lumped each temperature is the start and the ambient of its run, and the "
              "table shows its temperature rise; with an activation energy the interface "
              "resistance follows each temperature.")
#: the engine's field of a refusal -> the box it is shown beside (the others, the design's
#: included, beside the temperatures box)
SWEEP_FIELDS = {"temperatures": SWEEP_TEMPERATURES_BOX, "c_rate": SWEEP_C_RATE_BOX,
                "mesh": SWEEP_MESH, "thermal": "sim-thermal",
                "heat_transfer_coefficient": HEAT_TRANSFER_BOX, "ocp_ends": "sim-ocp_ends",
                **{k: v[0] for k, v in INTERFACE_BOXES.items()},
                **{a: INTERFACE_BOXES[k][0] for a, k in INTERFACE_ALIASES.items()}}


#: the simulation form's boxes the sweep also reads: a message beside one is either run's
SWEEP_SHARED_BOXES = ("sim-ocp_ends", "sim-thermal", HEAT_TRANSFER_BOX,
                      *(v[0] for v in INTERFACE_BOXES.values()))
#: what the sweep's message beside a shared box begins with: it says whose it is, and each
#: run clears only its own there (the sweep's Run cleared the simulation's refusals)
SWEEP_MESSAGE_PREFIX = "temperature sweep: "


def sweep_message(box: str | None, text: str) -> str:
    """The sweep's message ``text`` as shown beside ``box``: after
    :data:`SWEEP_MESSAGE_PREFIX` beside a box it shares with the simulation
    (:data:`SWEEP_SHARED_BOXES`), as it is beside its own."""
    return f"{SWEEP_MESSAGE_PREFIX}{text}" if box in SWEEP_SHARED_BOXES else text


def by_sweep(shown: Any) -> bool:
    """Whether the message ``shown`` beside a shared box is the sweep's."""
    return isinstance(shown, str) and shown.startswith(SWEEP_MESSAGE_PREFIX)


def sweep_messages(msgs: dict[str, str], shown: dict[str, Any]) -> list[Any]:
    """The sweep Run's messages by box (``msgs``, "" where it has none) as it writes them:
    beside a shared box (``shown``: the message there now) an empty one clears only a
    message of the sweep's; the simulation's stays (no_update)."""
    from dash import no_update

    return [no_update if box in shown and not text and not by_sweep(shown[box]) else text
            for box, text in msgs.items()]


def simulation_messages(msgs: dict[str, str], shown: dict[str, Any]) -> list[Any]:
    """The simulation Run's messages by its fields (``msgs``, "" where it has none) as it
    writes them: beside a box shared with the sweep (``shown``: the message there now by
    box) a sweep's message stays (no_update) unless the simulation has its own there."""
    from dash import no_update

    return [no_update if not text and by_sweep(shown.get(SWEEP_FIELDS.get(field, ""))) else
            text for field, text in msgs.items()]


def sweep_box(field: str, default: str | None = SWEEP_TEMPERATURES_BOX) -> str | None:
    """The box beside which a refusal naming ``field`` is shown (:data:`SWEEP_FIELDS`; an item
    of the temperatures, ``temperatures (item 2 of 3)``, beside the temperatures box), else
    ``default``."""
    for name, box in SWEEP_FIELDS.items():
        if field == name or field.startswith(f"{name} "):
            return box
    return default


def sweep_c_rate(text: Any) -> float:
    """The C-rate box [1/h] as :func:`~solidcell.simulation.runs.temperature_sweep` takes it:
    a number (as ``--c-rate``), checked by the engine's own
    :func:`solidcell.checks.simulation_c_rate` (ValidationError naming ``c_rate``)."""
    import contextlib

    from solidcell.checks import simulation_c_rate

    value: Any = text.strip() if isinstance(text, str) else text
    with contextlib.suppress(ValueError):  # text that is no number: refused as typed
        value = float(value) if isinstance(value, str) else value
    return simulation_c_rate("c_rate", value)


def sweep_arguments(temperatures: Any, c_rate_text: Any, mesh: Any, ocp_ends: Any,
                    thermal: Any, coefficient: Any, *interface: Any) -> dict[str, Any]:
    """The sweep form as keywords of :func:`solidcell.simulation.runs.temperature_sweep`:
    ``temperatures`` [K] read by the parser ``solidcell temperature-sweep`` uses
    (:func:`~solidcell.simulation.runs.parse_temperatures`), ``c_rate`` (:func:`sweep_c_rate`),
    ``mesh`` (the engine's check), ``ocp_ends``, the thermal model's keywords and
    ``interface`` (the interface resistance, its activation energy and measuring temperature
    as typed, none or all three) of the simulation form (:func:`simulation_ocp_ends`,
    :func:`simulation_thermal`, :func:`simulation_interface`). Bad input is a
    ValidationError naming its field."""
    from solidcell.simulation.pybamm_adapter import check_mesh
    from solidcell.simulation.runs import parse_temperatures

    return {"temperatures": parse_temperatures("" if temperatures is None else temperatures),
            "c_rate": sweep_c_rate(c_rate_text), "mesh": check_mesh(mesh or "default"),
            "ocp_ends": simulation_ocp_ends(ocp_ends),
            **simulation_thermal(thermal, coefficient),
            **simulation_interface(*(interface or (None, None, None)))}


def sweep_inputs_check(design: Any, arguments: dict[str, Any],
                       typed: str | None = None) -> None:
    """Refuse a sweep before its job starts, by the engine's own checks in the engine's order
    (:func:`solidcell.simulation.runs.sweep_inputs`, which ``temperature_sweep`` runs before
    any solve): the design's (a 3D architecture, naming ``architecture.kind``, isothermal or
    not), the design at each temperature, the OCP ends' (the wall asked for where it cannot
    apply) and the thermal model's. A temperature the engine refuses by its index
    (``temperatures[2]``) is named as the box's parser names an item, by its position and as
    ``typed`` in the box (``temperatures (item 3 of 3): '-150 degC'``). The page keeps its
    result as it was."""
    import re

    from solidcell.checks import item_field
    from solidcell.simulation.runs import sweep_inputs

    try:
        sweep_inputs(design, **arguments)
    except ValidationError as exc:
        index = re.fullmatch(r"temperatures\[(\d+)\]", exc.field)
        items = [t.strip() for t in typed.split(",")] if isinstance(typed, str) else []
        if index is None or int(index.group(1)) >= len(items):
            raise
        k = int(index.group(1))
        raise ValidationError(item_field("temperatures", k, len(items)), items[k],
                              exc.allowed) from None


def sweep_progress(done: int, temperatures_K: Any, c_rate: float) -> str:
    """The sweep job's progress message: how many of its temperatures are done and the one
    being solved, in degC (T - 273.15, the SI definition of the degree Celsius)."""
    n = len(temperatures_K)
    text = f"{done} of {n} temperature{'s' if n > 1 else ''} done at {c_rate:g}C"
    if done < n:
        text += f"; solving {float(temperatures_K[done]) - 273.15:g} degC"
    return text


def _sweep(design: Any, arguments: dict[str, Any], progress: Any) -> Any:
    """``temperature_sweep(design, **arguments)`` in the job's worker, its progress the
    fraction of the temperatures done (:func:`sweep_progress`)."""
    from solidcell.simulation.runs import temperature_sweep

    temps, rate = arguments["temperatures"], arguments["c_rate"]

    def report(done: int, total: int) -> None:
        progress(done / max(total, 1), sweep_progress(done, temps, rate))

    return temperature_sweep(design, **arguments, progress=report)


def _sweep_view(result: Any) -> Any:
    """The sweep's table, its thermal model, notes and sources, and the capacity (and, lumped,
    the temperature rise) against temperature."""
    if result is None:
        return ""
    import plotly.graph_objects as go
    from dash import dcc, html

    from solidcell.cli.simulate import capacity_unit, sweep_rows

    columns, rows = sweep_rows(result)
    unit, scale = capacity_unit(max(result.utilisable_capacity_A_h, *result.capacity_A_h))
    table = html.Table([html.Thead(html.Tr([html.Th(c) for c in columns])),
                        html.Tbody([html.Tr([html.Td(shown(v)) for v in row])
                                    for row in rows])], id="sweep-table")
    celsius = [row[0] for row in rows]
    fig = go.Figure(go.Scatter(x=celsius, y=_as_shown([row[1] for row in rows]),
                               mode="lines+markers", name="capacity"))
    fig.update_layout(xaxis_title="temperature [degC]", yaxis_title=columns[1],
                      title=f"{result.name} at {result.c_rate:g}C", height=360,
                      margin={"l": 50, "r": 10, "t": 40, "b": 40})
    parts = [html.P(f"{result.name}: delivered capacity at {result.c_rate:g}C against "
                    "temperature (PyBaMM); utilisable capacity: "
                    f"{shown(result.utilisable_capacity_A_h * scale)} {unit}; thermal "
                    f"model: {result.thermal}"
                    + (" (each temperature is the start and the ambient of its run)"
                       if result.thermal == "lumped" else ""), id="sweep-title"),
             table, dcc.Graph(figure=fig, id="sweep-figure")]
    if result.max_temperature_rise_K is not None:
        rise = go.Figure(go.Scatter(x=celsius, y=_as_shown(result.max_temperature_rise_K),
                                    mode="lines+markers", name="temperature rise"))
        rise.update_layout(xaxis_title="temperature [degC]",
                           yaxis_title="temperature rise [K]", height=280,
                           margin={"l": 50, "r": 10, "t": 20, "b": 40})
        parts.append(dcc.Graph(figure=rise, id="sweep-rise-figure"))
    parts += [html.P(f"note: {note}", className="note") for note in result.notes]
    parts.append(html.P(f"sources: {', '.join(result.sources)}", className="meta"))
    return html.Div(parts)


def sweep_downloads(result: Any) -> dict[str, tuple[str, str]]:
    """The sweep's downloads: its table as CSV (:func:`solidcell.cli.simulate.sweep_rows`,
    written by the app's one CSV writer, :func:`solidcell.materials.store.guarded_csv`) and
    its JSON (``solidcell temperature-sweep --json``)."""
    import pandas as pd

    from solidcell.cli.simulate import sweep_rows
    from solidcell.materials.store import guarded_csv
    from solidcell.report.html import _safe_name

    stem = f"{_safe_name(result.name)}-temperature-sweep"
    columns, rows = sweep_rows(result)
    return {"csv": (f"{stem}.csv", guarded_csv(pd.DataFrame(rows, columns=columns))),
            "json": (f"{stem}.json", json_text(result.to_json()))}


#: the design tab's price box (the command line's ``--price ID=USD_PER_KG``, repeatable)
PRICE_BOX = "design-price"
#: what the price box takes, as its refusal says
PRICE_RULE = ("material prices as ID=USD_PER_KG separated by commas, e.g. 'li6ps5cl=50, "
              "vgcf=40 USD/kg' (a number without a unit is USD/kg)")


def dashboard_price_field(command: str) -> str:
    """How a dashboard user gives a price the knowledge base lacks, for the reason of a missing
    price (:func:`solidcell.manufacturing.cost.price_field`; it named the Python API's
    ``CostOptions(prices=...)``): the design tab's price box (:data:`PRICE_BOX`), or a price
    stored in the materials database the dashboard reads (the materials tab's measure form,
    :func:`add_measurement_from_form`; a measurement is the price used
    where the material has none of its own, docs/database.md; the next cost reads it: the
    cost model's materials are cached per database version), or ``command`` (the CLI command
    of the same result, e.g. ``"`solidcell report DESIGN --price ID=USD_PER_KG`"``)."""
    return ("the design tab's 'material prices' box (ID=USD_PER_KG, e.g. vgcf=40), or a price "
            "stored in the materials database (the materials tab's 'Add a measurement' form "
            "or `solidcell materials measure ID --property "
            "price --value 'PRICE USD/kg' --year YEAR --source KEY`; the next cost reads it, "
            f"no restart), or with {command}")


def _unquoted(item: str) -> str:
    """``ID=VALUE`` with one pair of quotes around the value removed (``li6ps5cl='50
    USD/kg'`` as the command line is typed in a shell)."""
    mid, sep, value = item.partition("=")
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return f"{mid}{sep}{value}"


def dashboard_cost_options(text: Any) -> Any:
    """The cost model's ``CostOptions`` of the price box's ``text`` (:data:`PRICE_RULE`),
    read as the command line reads its ``--price`` items
    (:func:`solidcell.cli._common.database_cost_options`: a material id of the materials
    database, a finite price >= 0 in USD/kg up to the knowledge base's plausible limit).
    Raises ValidationError naming :data:`PRICE_BOX`, the text as typed and what is allowed."""
    from solidcell.cli._common import database_cost_options

    typed = str(text or "").strip()
    items = [_unquoted(i.strip()) for i in typed.split(",") if i.strip()]

    def refuse(message: Any) -> None:  # the command line's words less its option's name
        raise ValidationError(PRICE_BOX, typed,
                              f"{PRICE_RULE} ({re.sub(r'^--price:? ', '', str(message))})")

    try:
        return database_cost_options(items, refuse, "; the materials tab lists the ids")
    except ValidationError as exc:
        if exc.field == PRICE_BOX:
            raise
        refuse(exc)


def design_cost(design: Any, price_text: Any) -> Any:
    """``solidcell.manufacturing.cost.cell_cost`` of ``design`` with the price box's prices
    (:func:`dashboard_cost_options`) and the materials database as it is now (the cost
    model's materials are cached per database version); a missing price is asked for as a
    dashboard user gives one (:func:`dashboard_price_field`)."""
    from solidcell.cli.cell import report_price_field
    from solidcell.manufacturing.cost import cell_cost, price_field

    options = dashboard_cost_options(price_text)
    with price_field(dashboard_price_field(report_price_field("DESIGN"))):
        return cell_cost(design, options=options)


#: how many costs the design tab keeps (:class:`CostMemo`): a few designs and price texts
#: gone back and forth between
COST_MEMO_SIZE = 16


class CostMemo:
    """:func:`design_cost` of the design tab, kept for the last :data:`COST_MEMO_SIZE`
    (design, price text) pairs of one materials database version: ``cell_cost`` (about
    0.45 s for the EV example the first time in a process, 0.03 s after) ran on every edit
    of the design tab (and on every answer of the materials tab's forms), even where
    nothing it reads had changed. The key is all it
    reads: the design's content, the price box's text, the database's URL and version
    (:func:`solidcell.materials.store.database_version`: a price stored by the measure
    form, or by another process, makes a new version, so it is read by the next cost). A
    database whose version is not known (no SQLite file) is costed every time."""

    def __init__(self, size: int = COST_MEMO_SIZE) -> None:
        from collections import OrderedDict

        self.size = size
        self._costs: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def cost(self, design: Any, price_text: Any) -> Any:
        """:func:`design_cost` of ``design`` and ``price_text``, computed once per key."""
        from solidcell.materials.store import database_version, default_url

        try:
            url = default_url()
        except ValidationError:  # a SOLIDCELL_DB the store refuses: the cost says so
            url = None
        version = database_version(url) if url is not None else None
        if version is None:
            return design_cost(design, price_text)
        key = (url, version, design.model_dump_json(), str(price_text or ""))
        with self._lock:
            if key in self._costs:
                self._costs.move_to_end(key)
                return self._costs[key]
        cost = design_cost(design, price_text)  # a refused price box raises: nothing kept
        with self._lock:
            self._costs[key] = cost
            while len(self._costs) > self.size:
                self._costs.popitem(last=False)
        return cost


def _cost_view(cost: Any) -> Any:
    """The design tab's cost line: cell and pack cost [USD/kWh], the route and its status
    (:func:`solidcell.manufacturing.cost.route_status`) and every price used with its year and
    source, or why there is no cost."""
    from dash import html

    if not cost.has_cost:
        return html.P(f"cost not available: {cost.reason}", className="note", id="cost-note",
                      style=MESSAGE_STYLE)
    from solidcell.manufacturing.cost import route_status

    rows = [html.Tr([html.Td("Cell cost [USD/kWh]"),
                     html.Td(shown(cost.cell_cost_USD_per_kWh), id="cost-cell")]),
            html.Tr([html.Td("Pack cost [USD/kWh]"),
                     html.Td(shown(cost.pack_cost_USD_per_kWh), id="cost-pack")]),
            # how the costed route is made, as `solidcell cost`'s route status row says it
            # (a slow route's cost was shown without a word)
            html.Tr([html.Td("Route"), html.Td(cost.route.describe() if cost.route else "-",
                                               id="cost-route")]),
            html.Tr([html.Td("Route status"), html.Td(route_status(cost),
                                                      id="cost-route-status")])]
    prices = [f"{p.material} {shown(p.price_USD_per_kg)} USD/kg ({p.source}"
              f"{', ' + str(p.year) if p.year else ''})" for p in cost.prices]
    return html.Div([html.Table(rows, className="metrics"),
                     html.P("Prices: " + "; ".join(prices), className="meta", id="cost-prices"),
                     html.P("Sources: " + ", ".join(cost.sources), className="meta")])


def _screen_price_field() -> str:
    """:func:`dashboard_price_field` of a screen: ``solidcell screen SPACE --price ...``."""
    from solidcell.cli._common import PRICE_FIELD

    return dashboard_price_field(f"`solidcell screen SPACE {PRICE_FIELD}`")


def _screen(scr: Any, space: dict[str, Any], application: str | None, progress: Any,
            cost_options: Any = None) -> Any:
    """A screen job (run in a worker process, kept idle for the next job: it reads the
    materials database as it is: the cost model's materials are cached per database
    version):
    ``scr(space, application=..., cost_options=...)`` (the design tab's prices,
    :func:`dashboard_cost_options`) reporting its chunks as the job's progress fraction
    (done / total); a missing price is asked for as a dashboard user gives one
    (:func:`dashboard_price_field`)."""
    from solidcell.manufacturing.cost import price_field

    with price_field(_screen_price_field()):
        return scr(space, application=application, cost_options=cost_options,
                   progress=lambda done, total: progress(done / max(total, 1),
                                                         f"{done} of {total} chunks"))


def prediction_shown(result: Any) -> dict[str, Any]:
    """The prediction's JSON (``result.to_json()``, SI) with the conductivity and its interval
    in S/cm (converted by :func:`solidcell.units.convert`), the unit of its log10 rows, of
    `solidcell predict`'s table and of the materials tab: in S/m beside them it read as 100
    times another number."""
    from solidcell import units

    out: dict[str, Any] = {}
    for key, value in result.to_json().items():
        name, si_unit, _ = key.rpartition(" [S.m-1]")
        if si_unit and name.startswith("Ionic conductivity") and isinstance(value, float):
            out[f"{name} [S/cm]"] = units.convert(value, "conductivity", "S/cm")
        else:
            out[key] = value
    return out


def _json_table(result: Any, kind: str) -> Any:
    from dash import html

    from solidcell.report.summary import flatten_json

    items = result if isinstance(result, list | tuple) else [result]
    rows, subtables = [], []
    for item in items:
        data = flatten_json(item.to_json() if hasattr(item, "to_json") else item)
        for key, value in data.items():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                cols = list(dict.fromkeys(k for v in value for k in v))
                subtables += [html.H4(key), html.Table(
                    [html.Thead(html.Tr([html.Th(c) for c in cols])),
                     html.Tbody([html.Tr([html.Td(shown(v.get(c))) for c in cols])
                                 for v in value])], id=f"{kind}-{len(subtables)}")]
                continue
            if (isinstance(value, list) and len(value) > 8
                    and not all(isinstance(v, str) for v in value)):
                continue  # curves; lists of names (the sources) are always shown
            rows.append(html.Tr([html.Td(key), html.Td(shown(value) if not isinstance(
                value, list) else ", ".join(shown(v) for v in value))]))
    return html.Div([html.Table(rows, id=f"{kind}-table"), *subtables])


def _simulation_axis(result: Any) -> tuple[Any, str]:
    """(x values, axis title) of the simulation plot: the discharge capacity [mA h], as
    ``SimulationResult.plot`` draws it, or the time [h] when no charge passed (an experiment
    of rests): against a capacity of 0 throughout, the curve was all at x = 0, the voltage's
    course over the rest unseen."""
    import numpy as np

    capacity = np.asarray(result.discharge_capacity_A_h, dtype=float) * 1000.0
    if capacity.size and np.ptp(capacity) > 0.0:
        return capacity, "discharge capacity [mA h]"
    return np.asarray(result.time_s, dtype=float) / 3600.0, "time [h]"


def _as_shown(values: Any) -> list[float]:
    """``values`` to the page's :data:`DIGITS` significant digits, as its numbers are shown: a
    rest's voltage, 4.293565299999999 V against an open-circuit voltage of 4.2935653 V, made
    plotly's voltage axis span one float step (8.9e-16 V), its title drawn at x = Infinity
    (console errors) and the flat curve unreadable."""
    return [float(f"{v:.{DIGITS}g}") for v in values]


def _simulation_view(result: Any) -> Any:
    if result is None:
        return ""
    from dash import dcc, html

    parts = [_json_table(result.to_json(curves=False) if hasattr(result, "voltage_V")
                         else result, "simulation")]
    if hasattr(result, "voltage_V") and hasattr(result, "discharge_capacity_A_h"):
        import plotly.graph_objects as go

        x, x_title = _simulation_axis(result)
        fig = go.Figure(go.Scatter(x=x, y=_as_shown(result.voltage_V), mode="lines",
                                   name="voltage"))
        if hasattr(result, "open_circuit_voltage_V"):
            fig.add_trace(go.Scatter(x=x, y=_as_shown(result.open_circuit_voltage_V),
                                     mode="lines", name="open-circuit voltage",
                                     line={"dash": "dash"}))
        fig.update_layout(xaxis_title=x_title, yaxis_title="voltage [V]",
                          height=400, margin={"l": 50, "r": 10, "t": 20, "b": 40})
        parts.insert(0, dcc.Graph(figure=fig, id="sim-figure"))
        parts[1:1] = _temperature_view(result)
    return html.Div(parts)


def cell_temperature_degC(result: Any) -> list[float]:
    """The lumped thermal model's cell temperature over the run in degC (the result's
    ``cell_temperature_K``, PyBaMM's "Volume-averaged cell temperature [K]", converted by
    :func:`solidcell.units.convert`); [] for an isothermal run."""
    from solidcell import units

    kelvin = getattr(result, "cell_temperature_K", None)
    if kelvin is None:
        return []
    return [units.convert(float(t), "temperature", "degC") for t in kelvin]


def _temperature_view(result: Any) -> list[Any]:
    """A lumped run's cell temperature: a line (start, highest, rise) and its curve against
    time [min]; nothing for an isothermal run."""
    celsius = cell_temperature_degC(result)
    if not celsius:
        return []
    import plotly.graph_objects as go
    from dash import dcc, html

    start, top = celsius[0], max(celsius)
    line = html.P(f"cell temperature (lumped thermal model): {shown(start)} degC at the "
                  f"start, at most {shown(top)} degC ({shown(top - start)} K above the "
                  "start)", id="sim-temperature")
    minutes = [float(t) / 60.0 for t in result.time_s]
    fig = go.Figure(go.Scatter(x=minutes, y=_as_shown(celsius), mode="lines",
                               name="cell temperature"))
    fig.update_layout(xaxis_title="time [min]", yaxis_title="cell temperature [degC]",
                      height=300, margin={"l": 50, "r": 10, "t": 20, "b": 40})
    return [line, dcc.Graph(figure=fig, id="sim-temperature-figure")]


# --- downloads (sent to the browser by dcc.Download; nothing is written on the server) ----

#: the simulated curves in the CSV download: the result's array -> its column (PyBaMM's
#: variable names with their units, as ``solidcell simulate --json --curves`` names them)
CURVE_COLUMNS: dict[str, str] = {"time_s": "Time [s]", "voltage_V": "Voltage [V]",
                                 "current_A": "Current [A]",
                                 "discharge_capacity_A_h": "Discharge capacity [A.h]"}


def json_text(data: Any) -> str:
    """``data`` as the CLI prints it with ``--json`` (:func:`solidcell.cli._common.print_json`:
    :func:`solidcell.jsonable.dumps` and a newline)."""
    from solidcell.jsonable import dumps

    return dumps(data) + "\n"


def screen_downloads(result: Any) -> dict[str, tuple[str, str]]:
    """The screen's downloads: kind ("csv", "json") -> (file name, text). The CSV has every
    design, as ``solidcell screen --csv`` writes ``result.table`` (parameters in SI with the
    unit in their name, the objectives, ``Feasible``, ``Reason``, ``Pareto``), its text cells
    guarded (:func:`solidcell.materials.store.guarded_csv`, the command's writer); the JSON
    is ``solidcell screen --json``'s text of the same screen (``ScreenResult.to_json``: the
    Pareto front's rows)."""
    from solidcell.materials.store import guarded_csv

    return {"csv": ("screen.csv", guarded_csv(result.table)),
            "json": ("screen.json", json_text(result.to_json()))}


def simulation_downloads(result: Any) -> dict[str, tuple[str, str]]:
    """The simulation's downloads: kind -> (file name, text). The CSV has one row per
    solution point (:data:`CURVE_COLUMNS`, and a lumped run's thermal curves, the cell
    temperature among them); the JSON is ``solidcell simulate --json --curves``'s text
    (``SimulationResult.to_json(curves=True)``)."""
    import pandas as pd

    from solidcell.materials.store import guarded_csv
    from solidcell.report.html import _safe_name

    stem = f"{_safe_name(result.name)}-simulation"
    frame = pd.DataFrame({col: getattr(result, attr) for attr, col in CURVE_COLUMNS.items()})
    # a lumped run's thermal curves (the cell temperature among them), named as in the JSON
    for name, values in (getattr(result, "thermal_curves", None) or {}).items():
        frame[name] = values
    return {"csv": (f"{stem}.csv", guarded_csv(frame)),
            "json": (f"{stem}.json", json_text(result.to_json(curves=True)))}


def evaluation_download(design: Any) -> tuple[str, str]:
    """(file name, text) of ``solidcell evaluate --json`` of ``design`` (evaluate with its
    defaults, as the design tab's metrics: :func:`solidcell.report.summary.summarize`)."""
    from solidcell.cell.energy import evaluate
    from solidcell.report.html import _safe_name

    return f"{_safe_name(design.name)}-evaluation.json", json_text(evaluate(design).to_json())


def report_download(design: Any, price_text: Any = None) -> tuple[str, str]:
    """(file name, HTML) of ``solidcell report`` of ``design``: the file name it writes
    (``<design name>-report.html``) and :func:`solidcell.report.html.render_report` with the
    command's defaults (its experiment: the cell's C/10 discharge to 3 V vs Li/Li+) and the
    price box's ``price_text`` as its --price items (:func:`dashboard_cost_options`),
    rendered in memory (nothing is written), with the materials database as it is now (the
    cost model's materials are cached per database version); a missing price is asked for
    as a dashboard user gives one (:func:`dashboard_price_field`)."""
    from solidcell.cli.cell import report_price_field
    from solidcell.manufacturing.cost import price_field
    from solidcell.report.html import _safe_name, render_report

    options = dashboard_cost_options(price_text)
    with price_field(dashboard_price_field(report_price_field("DESIGN"))):
        html = render_report(design, None, options)
    return f"{_safe_name(design.name)}-report.html", html


def job_result(state: Any, job_id: Any, kind: str) -> Any:
    """The finished result of the page's ``kind`` job ``job_id``, or ValidationError naming
    why there is none to download (none run, still running, failed, stopped, forgotten)."""
    status = state.jobs.status(job_id) if isinstance(job_id, str) and job_id else None
    field = f"{kind} download"
    if status is None:
        raise ValidationError(field, "nothing", f"the result of a {kind} run on this page; "
                              f"run a {kind} first (a result is kept only until the dashboard "
                              "restarts)")
    if status["state"] != "done":
        raise ValidationError(field, f"a {kind} that is {status['state']}",
                              f"a {kind} that has finished; wait for it, or run it again")
    job = state.jobs.get(job_id)
    if job is None or job.result is None:
        raise ValidationError(field, "nothing", f"a {kind} result; run the {kind} again")
    return job.result


def _check_bind(host: str, port: int) -> None:
    """Refuse, naming ``host`` or ``port``, an address the server could not bind: a name that
    does not resolve, an empty host (every interface: say 0.0.0.0 for that), a port in use."""
    import socket

    if not isinstance(host, str) or not host.strip():
        raise ValidationError("host", host, "an address of this machine, e.g. 127.0.0.1 "
                              "(0.0.0.0 for every interface)")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port,
                                                             type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ValidationError("host", host, f"an address of this machine, e.g. 127.0.0.1 "
                              f"({getattr(exc, 'strerror', None) or exc})") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as werkzeug binds
        try:
            probe.bind(address)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise ValidationError("port", port, f"a free port, 0 for any ({reason})") \
                    from None
            raise ValidationError("host", host, f"an address of this machine ({reason})") \
                from None


def serve(host: str = "127.0.0.1", port: int = 8050, examples_dir: str | Path | None = None,
          workspace_dir: str | Path | None = None,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve the dashboard until interrupted (threaded WSGI server). ``ready(url)`` is called
    once the socket is bound, with the port actually used (``port=0`` picks a free one)."""
    from werkzeug.serving import make_server

    # a served dashboard over a folder that is not there would list nothing, silently
    if examples_dir is not None and not Path(examples_dir).is_dir():
        raise ValidationError("examples_dir", str(examples_dir),
                              "an existing folder of example designs")
    if workspace_dir is not None and Path(workspace_dir).exists() \
            and not Path(workspace_dir).is_dir():
        raise ValidationError("workspace_dir", str(workspace_dir),
                              "a folder (created on first save), not a file")
    app = create_app(examples_dir, workspace_dir, local_only=is_loopback(host), preload=True)
    _check_bind(host, port)  # werkzeug prints a bind error and exits 1 on its own
    server = make_server(host, port, app.server, threaded=True)
    if ready is not None:
        shown_host = f"[{host}]" if ":" in host else host
        ready(f"http://{shown_host}:{server.server_port}/")
    try:
        server.serve_forever()
    finally:
        server.server_close()
        app.state.jobs.close()  # no simulation's worker process outlives the server


class RunningApp:
    """A dashboard served from a background thread (tests, load test): ``.url``, ``.stop()``."""

    def __init__(self, examples_dir: str | Path | None = None,
                 workspace_dir: str | Path | None = None, host: str = "127.0.0.1",
                 port: int = 0, preload: bool = False) -> None:
        from werkzeug.serving import WSGIRequestHandler, make_server

        class _Quiet(WSGIRequestHandler):
            def log_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        self.app = create_app(examples_dir, workspace_dir, local_only=is_loopback(host),
                              preload=preload)
        self._server = make_server(host, port, self.app.server, threaded=True,
                                   request_handler=_Quiet)
        self.url = f"http://{host}:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="solidcell-dashboard")
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self.app.state.jobs.close()  # no worker process outlives the server

    def __enter__(self) -> RunningApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


__all__ = [
    "BUG_NOTE",
    "CALLBACK_PATH",
    "CALLBACK_RULE",
    "CURVE_COLUMNS",
    "DESIGN_FIELDS",
    "EXPERIMENT_RULE",
    "LOOPBACK_HOSTS",
    "MAX_REQUEST_BYTES",
    "MAX_THICKNESS_UM",
    "MEASURE_FORM_FIELDS",
    "METRICS",
    "METRIC_UNITS",
    "REQUEST_SIZE_RULE",
    "SCREEN_RANGES",
    "SCREEN_RANGE_RULE",
    "SCREEN_SPAN",
    "RunningApp",
    "add_material_from_form",
    "add_measurement_from_form",
    "box_kinds",
    "callback_action",
    "callback_request_error",
    "create_app",
    "current_design",
    "dashboard_price_field",
    "design_changes",
    "design_error_text",
    "design_options",
    "detail_values",
    "element_hint",
    "evaluation_download",
    "field_number",
    "field_of_error",
    "file_version",
    "followed_anode",
    "followed_experiment",
    "followed_screen_ranges",
    "form_error_message",
    "form_values",
    "is_cif_name",
    "is_loopback",
    "job_design",
    "job_result",
    "json_text",
    "lookup_material",
    "material_from_form",
    "materials_count",
    "measurement_from_form",
    "metric_value",
    "mobile_ions",
    "np_ratio_note",
    "preload_simulation",
    "public_text",
    "query_elements",
    "query_error",
    "report_download",
    "screen_defaults",
    "screen_downloads",
    "screen_limit_um",
    "screen_space",
    "serve",
    "shown",
    "shown_design",
    "simulation_default_experiment",
    "simulation_downloads",
    "typed_field_message",
    "unused_screen_ranges",
    "value_rule",
]
