"""``solidcell materials ...``: browse, query and extend the materials database."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import typer

from solidcell.cli._common import (
    JSON_OPTION,
    comma_list,
    fail,
    material_store,
    options,
    print_json,
    print_sources,
    print_table,
    temperature_option,
)

materials_app = typer.Typer(
    help="Browse, query and extend the materials database (curated + your own).",
    no_args_is_help=True,
)

_DB_HELP = "Database path or SQLAlchemy URL (default: $SOLIDCELL_DB, else the user data dir)."
#: The categories and electrolyte classes a material may have (materials.schema.Category,
#: ElectrolyteClass), as `materials list` and `materials query` name them.
_CATEGORY_HELP = ("electrolyte, cathode, anode, coating, current_collector, substrate or "
                  "additive.")
_CLASS_HELP = "oxide, sulfide, halide, solid_polymer, gel_polymer or composite."


def _store(db: str | None) -> Any:
    return material_store(db)


class _Sigma(NamedTuple):
    """A material's "sigma RT", read once per listing
    (:func:`~solidcell.materials.schema.room_temperature_conductivity_value`; nzsp's 0.2 S/cm
    is at 573.15 K and was shown as its "sigma RT")."""

    #: the value the cell shows (its ``source`` on the ``sources:`` line); None: none at RT
    value: Any
    #: temperatures [K] of the conductivity values, where none is at room temperature
    elsewhere: list[float]
    #: (min, max) [S/m] of the closed range whose geometric mean ``value`` is, else None
    range: tuple[float, float] | None


def _sigma(m: Any) -> _Sigma:
    """``m``'s :class:`_Sigma`."""
    from solidcell.materials.schema import room_temperature_conductivity_value

    p, elsewhere = room_temperature_conductivity_value(m)
    return _Sigma(p, elsewhere, _closed_range(p))


#: How a "sigma RT" cell marks the representative value of a range (its geometric mean,
#: ``PropertyValue.si``), explained by a note under the table (:func:`_range_note`).
RANGE_MARK = "~"


def _closed_range(p: Any) -> tuple[float, float] | None:
    """(min, max) [S/m] of the closed range whose geometric mean is the value ``p`` (llto's
    review range 1e-3 to 1e-2 S/cm, shown as 0.003162); None where ``p`` is one value or
    None."""
    if p is None or p.value is not None or p.min is None or p.max is None:
        return None
    lo, hi = p.si_range
    return None if lo is None or hi is None else (lo, hi)


def _summary_rows(materials: list[Any], sigmas: list[_Sigma] | None = None
                  ) -> list[list[Any]]:
    """The listing's rows; ``sigmas``: each material's :class:`_Sigma` (read here when None)."""
    from solidcell.cli._common import fmt

    rows = []
    for m, s in zip(materials, sigmas or [_sigma(m) for m in materials], strict=True):
        cap = m.si("theoretical_capacity")
        shown: Any = None if s.value is None else s.value.si / 100.0
        if shown is not None and s.range is not None:
            shown = f"{RANGE_MARK}{fmt(shown)}"  # the geometric mean of a range, not one value
        rows.append([m.id, m.name, m.category, m.electrolyte_class or "", shown, cap,
                     m.origin])
    return rows


def _summary_sources(materials: list[Any], sigmas: list[_Sigma]) -> list[str]:
    """The keys of the values the listing shows: each material's "sigma RT" (``sigmas``) and
    capacity (its preferred ``theoretical_capacity``), in the order of the rows."""
    keys = []
    for m, s in zip(materials, sigmas, strict=True):
        cap = m.get("theoretical_capacity")
        keys += [p.source for p in (s.value, cap) if p is not None and p.si is not None]
    return list(dict.fromkeys(keys))


def _print_summary(title: str, materials: list[Any]) -> None:
    """The listing's table, the ``sources:`` line of the values it shows (none where it shows
    no value) and the notes of empty "sigma RT" cells."""
    sigmas = [_sigma(m) for m in materials]  # read once for the rows, sources and notes
    print_table(title, *_without_empty_columns(_SUMMARY_COLUMNS,
                                               _summary_rows(materials, sigmas)),
                whole=(0,))  # the id, as a design or `materials show` takes it
    keys = _summary_sources(materials, sigmas)
    if keys:
        print_sources(keys)
    _summary_notes(materials, sigmas)


_SUMMARY_COLUMNS = ["id", "name", "category", "class", "sigma RT [S/cm]", "capacity [mAh/g]",
                    "origin"]


#: columns of the listing left out when no listed material has a value (electrolytes have no
#: capacity, cathodes no electrolyte class: the column was all '-' or blank)
_OPTIONAL_COLUMNS = ("class", "sigma RT [S/cm]", "capacity [mAh/g]")


def _without_empty_columns(columns: list[str], rows: list[list[Any]]
                           ) -> tuple[list[str], list[list[Any]]]:
    keep = [i for i, c in enumerate(columns)
            if c not in _OPTIONAL_COLUMNS or not rows
            or any(r[i] is not None and r[i] != "" for r in rows)]
    return [columns[i] for i in keep], [[r[i] for i in keep] for r in rows]


def _range_note(materials: list[Any], sigmas: list[_Sigma]) -> None:
    """What a "sigma RT" cell marked :data:`RANGE_MARK` is (on stderr, under the table; only
    where such a row is shown): the geometric mean of a range its source gives
    (docs/conventions.md), with the range of each such row."""
    from solidcell.cli._common import fmt

    ranges = {m.id: s.range for m, s in zip(materials, sigmas, strict=True)
              if s.range is not None}
    if ranges:
        typer.echo(f"note: sigma RT marked '{RANGE_MARK}' is the geometric mean of a range its "
                   "source gives, not one measured value: " + "; ".join(
                       f"{mid} {fmt(lo / 100.0)} to {fmt(hi / 100.0)} S/cm"
                       for mid, (lo, hi) in ranges.items())
                   + " (`solidcell materials show ID` gives its source)", err=True)


def _summary_notes(materials: list[Any], sigmas: list[_Sigma]) -> None:
    """Why a "sigma RT" cell is empty although the material has conductivity data, and what a
    marked one is (on stderr, under the table); ``sigmas`` as :func:`_summary_rows`'."""
    from solidcell.materials.store import ROOM_TEMPERATURE_K, TEMPERATURE_TOLERANCE_K

    _range_note(materials, sigmas)

    away = {}
    for m, s in zip(materials, sigmas, strict=True):
        if s.value is None and s.elsewhere:
            away[m.id] = ", ".join(f"{t:g} K" for t in dict.fromkeys(s.elsewhere))
    if away:
        typer.echo(f"note: sigma RT is '-' where no conductivity value lies within "
                   f"{TEMPERATURE_TOLERANCE_K:g} K of {ROOM_TEMPERATURE_K:g} K: "
                   + "; ".join(f"{mid} (data at {t})" for mid, t in away.items())
                   + ". `solidcell conductivity ID` extrapolates by Arrhenius, with a warning",
                   err=True)


def _summary_json(materials: list[Any]) -> list[dict[str, Any]]:
    """``to_json_record`` of each material: with
    :data:`solidcell.materials.schema.RT_CONDUCTIVITY_KEY` (null where the material
    has conductivity values but none at room temperature) for those with a conductivity."""
    return [m.to_json_record() for m in materials]


def _shadow_notes(store: Any, materials: list[Any]) -> None:
    """A note for each listed user material that shadows a curated one of the same id."""
    from solidcell.materials.store import _shadow_note

    shadowed = store.shadowed_curated()
    hidden = [shadowed[m.id] for m in materials if m.id in shadowed and m.origin == "user"]
    if hidden:
        typer.echo(f"note: {_shadow_note(hidden)}", err=True)


@materials_app.command("list")
def list_materials(
    category: str = typer.Option(None, help=_CATEGORY_HELP),
    electrolyte_class: str = typer.Option(None, "--class", help=_CLASS_HELP),
    origin: str = typer.Option(None, help="curated or user."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """List the materials, optionally of one category, electrolyte class or origin."""
    store = _store(db)
    with options(category=("--category", category), electrolyte_class=("--class",
                                                                       electrolyte_class),
                 origin=("--origin", origin)):
        materials = store.list(category=category, electrolyte_class=electrolyte_class,
                               origin=origin)
    if as_json:
        print_json(_summary_json(materials))
    else:
        _print_summary(_count(len(materials), "material"), materials)
    _shadow_notes(store, materials)


@materials_app.command("show")
def show(
    material_id: str = typer.Argument(..., help="Material id, e.g. llzo."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one material with every value, its method and source."""
    from solidcell.citations import cite

    store = _store(db)
    m = store.get(material_id)
    if m.origin == "user":
        _shadow_notes(store, [m])
    if as_json:
        print_json(m.to_json_record())
        return
    typer.echo(f"{m.name}  [{m.id}, {m.category}"
               + (f", {m.electrolyte_class}" if m.electrolyte_class else "")
               + f", {m.origin}]" + (f"  formula {m.formula}" if m.formula else ""))
    # an Na conductor's conductivity is of Na+ (it was shown as if of Li+); the note is the
    # material's caveat (li_in: capacity per gram of In), which no output showed
    if m.mobile_ion != "Li":
        typer.echo(f"  mobile ion: {m.mobile_ion}+ (conductivity and voltages of "
                   f"{m.mobile_ion}+, vs {m.mobile_ion}/{m.mobile_ion}+)")
    if m.exchanged_ions is not None:
        typer.echo(f"  exchanged ions per formula unit: {m.exchanged_ions:g}")
    if m.aliases:
        typer.echo(f"  aliases: {', '.join(m.aliases)}")
    if m.note:
        typer.echo(f"  note: {m.note}")
    # your measurements follow the material's own values; each with the id that
    # `materials delete-measurement` takes
    own = len(store.get(material_id, with_measurements=False).properties)
    ids = [pk for pk, _, _ in store.measurements(material_id)]
    print_table("properties", ["property", "value"],
                [[p.name, p.describe() + (f" (your measurement {ids[i - own]})"
                                          if own <= i < own + len(ids) else "")]
                 for i, p in enumerate(m.properties)])
    for title, remarks in (("advantages", m.advantages), ("challenges", m.challenges)):
        for r in remarks:
            typer.echo(f"  {title[:-1]}: {r.text} [{r.source}]")
    if m.components:
        typer.echo("  components: " + ", ".join(
            f"{c.material} {c.fraction:g} ({c.basis})" for c in m.components))
    if m.ocp is not None:
        typer.echo(f"  OCP curve: {len(m.ocp.stoichiometry)} points, stoichiometry "
                   f"{m.ocp.stoichiometry[0]:g}-{m.ocp.stoichiometry[-1]:g} [{m.ocp.source}]")
    typer.echo("\nsources:\n" + cite(m, style="text"))


@materials_app.command("query")
def query(
    category: str = typer.Option(None, help=f"Material category: {_CATEGORY_HELP}"),
    electrolyte_class: str = typer.Option(None, "--class",
                                          help=f"Electrolyte class: {_CLASS_HELP}"),
    element: list[str] = typer.Option([], help="Element that must be present (repeatable, or "
                                      "comma-separated: Li,S)."),
    property: str = typer.Option(None, "--property", help="Property name, e.g. "
                                 "ionic_conductivity."),
    minimum: str = typer.Option(None, "--min", help="Lower bound with unit, e.g. '1 mS/cm'."),
    maximum: str = typer.Option(None, "--max", help="Upper bound with unit, as --min."),
    temperature: str = typer.Option(None, help="Temperature of the stored values (within 5 K), "
                                    "e.g. '60 degC' (default room temperature); values are "
                                    "not extrapolated: `solidcell conductivity ID "
                                    "--temperature` gives Arrhenius ones."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Query by class, element and property range.

    Example: sulfides with room-temperature conductivity >= 1 mS/cm:
    solidcell materials query --class sulfide --property ionic_conductivity --min "1 mS/cm"
    """
    from solidcell.errors import ValidationError
    from solidcell.materials.schema import PROPERTIES
    from solidcell.materials.store import query_bound

    if (minimum is not None or maximum is not None) and property is None:
        fail("--min/--max need --property")
    if property is not None:
        if property not in PROPERTIES:
            from solidcell.materials.schema import unknown_property_hint

            fail(f"--property: {property!r} is not a property"
                 f"{unknown_property_hint(property)}; allowed: {', '.join(PROPERTIES)}")
        bounds = []
        for option, text in (("--min", minimum), ("--max", maximum)):
            try:  # the store's rule (units, the property's range), named as typed
                bounds.append(query_bound(option, text, property))
            except ValidationError as exc:
                fail(str(exc))
        if None not in bounds and bounds[0] > bounds[1]:  # used to match nothing, silently
            fail(f"--min: {minimum!r} is above --max {maximum!r}; allowed: a lower bound at "
                 "most the upper one")
    if temperature is not None and property is None:  # was ignored: every material listed
        fail(f"--temperature: {temperature!r} needs --property (the temperature is that of "
             "the property's values)")
    if temperature is not None and not PROPERTIES[property].temperature_dependent:
        fail(f"--temperature: {temperature!r} is not allowed; {property} values carry no "
             "temperature (properties that do: " + ", ".join(
                 n for n, spec in PROPERTIES.items() if spec.temperature_dependent) + ")")
    t = temperature_option("--temperature", temperature)
    element = _element_symbols(comma_list(element, option="--element") or [])
    store = _store(db)
    with options(category=("--category", category), electrolyte_class=("--class",
                                                                       electrolyte_class),
                 element=("--element", element),
                 property=("--property", property), minimum=("--min", minimum),
                 maximum=("--max", maximum), temperature=("--temperature", temperature)):
        found = store.query(category=category, electrolyte_class=electrolyte_class,
                            elements=element, property=property, minimum=minimum,
                            maximum=maximum,
                            temperature=t)
    if as_json:
        print_json(_summary_json(found))
    else:
        verb = "matches" if len(found) == 1 else "match"
        _print_summary(f"{_count(len(found), 'material')} {verb}", found)
    if not found and t is not None:  # '1 mS/cm at 60 degC' matched nothing, without a word
        from solidcell.materials.store import TEMPERATURE_TOLERANCE_K

        typer.echo(f"note: no stored {property} value within {TEMPERATURE_TOLERANCE_K:g} K of "
                   f"{t:g} K matches; queries compare stored values and never extrapolate "
                   f"(`solidcell conductivity ID --temperature {temperature!r}` gives Arrhenius "
                   "values)", err=True)
    _shadow_notes(store, found)


def _element_symbols(symbols: list[str]) -> list[str]:
    """``symbols`` when each is an element symbol; 'li' was refused without the 'Li' it meant."""
    if not symbols:
        return symbols
    from pymatgen.core import Element

    for symbol in symbols:
        if not Element.is_valid_symbol(symbol):
            guess = symbol.strip().capitalize()
            hint = f"; did you mean {guess!r}?" if Element.is_valid_symbol(guess) else ""
            fail(f"--element: {symbol!r} is not allowed; a chemical element symbol, written "
                 f"as in a formula (Li, S, La){hint}")
    return symbols


@materials_app.command("add")
def add(
    file: Path = typer.Argument(..., help="YAML or JSON file with one material (or a list)."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add your own material(s) from a YAML/JSON file; all or nothing."""
    records = _read_records(file)
    for i, record in enumerate(records):
        if "category" not in record:
            # an export's {"materials": [...], "measurements": [...]} or a measurement record
            # is `import`'s to read ("category: missing" did not say so)
            other = ("; a measurement or a {'materials': [...], 'measurements': [...]} file is "
                     "read by `solidcell materials import FILE`"
                     if {"material", "materials", "measurements"} & set(record) else "")
            if {"cathode", "anode"} <= set(record):  # a cell design ("category: missing")
                other = ("; this is a cell design, not a material: evaluate it with "
                         f"`solidcell evaluate {file}`")
            fail(f"{file.name}, entry {i + 1}: category: missing; allowed: electrolyte, "
                 f"cathode, anode, coating, current_collector, substrate, additive{other}")
    result = _store(db).import_records(
        [(f"{file.name}, entry {i + 1}", r) for i, r in enumerate(records)])
    _report(result, as_json)


@materials_app.command("update")
def update(
    file: Path = typer.Argument(..., help="YAML or JSON file with the new version of a material."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Replace one of your own materials (curated ones are read-only)."""
    import warnings

    from solidcell.errors import ValidationError
    from solidcell.materials.store import bare_temperature_notes

    records = _read_records(file)
    if len(records) != 1:
        fail(f"{file}: update takes exactly one material, found {len(records)}")
    for note in bare_temperature_notes(file.name, records[0]):  # as `add` and `import` warn
        warnings.warn(note, UserWarning, stacklevel=1)
    try:
        m = _store(db).update(records[0])
    except ValidationError as exc:  # the store turns pydantic's errors into these
        fail(f"{file}: {exc}")
    if as_json:
        print_json({"updated": m.id})
    else:
        typer.echo(f"updated {m.id}")


@materials_app.command("delete")
def delete(
    material_id: str = typer.Argument(..., help="Id of your material to delete."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete one of your own materials and its measurements."""
    _store(db).delete(material_id)
    if as_json:
        print_json({"deleted": material_id})
    else:
        typer.echo(f"deleted {material_id}")


@materials_app.command("measure")
def measure(
    material_id: str = typer.Argument(..., help="Material the measurement belongs to."),
    property: str = typer.Option(..., "--property", help="Property name, e.g. "
                                 "ionic_conductivity, density, price (a name it does not know "
                                 "is refused with the list)."),
    value: str = typer.Option(..., help="Value with unit, e.g. '2.1 mS/cm' (a text for "
                              "air_stability)."),
    source: str = typer.Option(..., help="Bibliography key or a note of where it comes from "
                               "(e.g. 'lab-notebook-2026-11-25')."),
    temperature: str = typer.Option(None, help="Temperature of the measurement with its unit, "
                                    "e.g. '25 degC' (none for a price, a theoretical capacity, "
                                    "a property that is a temperature or an activation energy: "
                                    "its range is --temperature-min/--temperature-max)."),
    method: str = typer.Option("measured", help="measured, computed, review, estimated, "
                               "datasheet."),
    year: int = typer.Option(None, help="Year of a price, e.g. 2024 (needed with --property "
                             "price; only a price has a year)."),
    arrhenius_form: str = typer.Option(
        None, "--arrhenius-form", help="Form the source fitted an activation energy in: "
        "sigma_T (ln(sigma T) against 1/T) or plain (ln sigma against 1/T); only with "
        "--property activation_energy. Left out: sigma_T is assumed."),
    temperature_min: str = typer.Option(
        None, "--temperature-min", help="Lowest temperature of the measurements an activation "
        "energy was fitted to, with its unit, e.g. '-20 degC' or '253.15 K'; only with "
        "--property activation_energy (`solidcell conductivity` warns of Arrhenius "
        "extrapolation outside the data and this range)."),
    temperature_max: str = typer.Option(
        None, "--temperature-max", help="Highest temperature of those measurements, with its "
        "unit, as --temperature-min (at least --temperature-min)."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Attach your own measurement to any material (curated ones included)."""
    from solidcell.errors import ValidationError
    from solidcell.materials.measurement import measurement_record
    from solidcell.materials.schema import PROPERTIES
    from solidcell.materials.store import ROOM_TEMPERATURE_K

    # read as `materials query --temperature` reads it: the same messages for the same text
    for option, typed in (("--temperature", temperature), ("--temperature-min", temperature_min),
                          ("--temperature-max", temperature_max)):
        temperature_option(option, typed)
    try:
        # the record's fields, as measurement_record and the store's errors name them, are
        # options here
        with options(property=("--property", property), name=("--property", property),
                     method=("--method", method), source=("--source", source),
                     temperature=("--temperature", temperature), unit=("--value", value),
                     value=("--value", value), year=("--year", year),
                     arrhenius_form=("--arrhenius-form", arrhenius_form),
                     temperature_min=("--temperature-min", temperature_min),
                     temperature_max=("--temperature-max", temperature_max)):
            record = measurement_record(property, value, source, temperature=temperature,
                                        method=method, year=year,
                                        arrhenius_form=arrhenius_form,
                                        temperature_min=temperature_min,
                                        temperature_max=temperature_max)
            store = _store(db)
            # the room-temperature note is printed below, with this command's own hint
            pk = store.add_measurement(material_id, record, notes=[])
    except ValidationError as exc:  # the store turns pydantic's errors into these
        if exc.field == "year" and year is None:  # "year: ''" would name no option
            fail(f"--year: not given; {exc.allowed}")
        if not isinstance(exc.value, dict):
            raise
        # the store names the whole record; the user typed --value
        fail(f"--value: {value!r} is not allowed; {exc.allowed}")
    kelvin = record.get("temperature")
    note = _not_preferred_note(store, material_id, record["name"], kelvin)
    if as_json:
        print_json({"measurement": pk, "material": material_id, "preferred": note is None}
                   | ({} if note is None else {"note": note}))
    else:
        typer.echo(f"added measurement {pk} to {material_id}")
    if kelvin is None and PROPERTIES[record["name"]].temperature_dependent:
        # a conductivity typed without --temperature was taken as a room-temperature value
        # without a word (a 60 degC measurement became a 25 degC one)
        where = ("queries, the sigma RT column and `solidcell conductivity`"
                 if record["name"] == "ionic_conductivity" else "queries")
        typer.echo(f"note: no --temperature given: this {record['name']} counts as measured at "
                   f"{ROOM_TEMPERATURE_K:g} K (room temperature) in {where}; if it was not, "
                   "delete it (`solidcell materials delete-measurement ID`) and measure again "
                   "with --temperature", err=True)
    if note is not None:
        typer.echo(f"note: {note}", err=True)


def _not_preferred_note(store: Any, material_id: str, name: str, kelvin: float | None
                        ) -> str | None:
    """Why the measurement just added to ``material_id`` (the last value of ``name``) is not
    what the models use, or None when it is. ``Material.get``/``si``, and so the cost model's
    price (``manufacturing.cost``: the first ``price``), take the first value: the
    material's own values (by rank) come first, then your measurements in the order they
    were added (``MaterialStore.get``, ``_property_filter``); a query at a temperature takes
    the first value within 5 K of it; ``conductivity_at`` (``solidcell conductivity``, the
    cell and screening models) uses only the conductivities of the first value's source.
    The note names which of these holds: a value of the material itself (curated or yours)
    or an earlier measurement of yours (by its id)."""
    from solidcell.materials.schema import PROPERTIES
    from solidcell.materials.store import ROOM_TEMPERATURE_K, TEMPERATURE_TOLERANCE_K

    m = store.get(material_id)
    values = m.values(name)
    new, first = values[-1], values[0]
    if new is first:
        return None
    t = ROOM_TEMPERATURE_K if kelvin is None else kelvin
    near = [p for p in values[:-1] if abs((p.temperature or ROOM_TEMPERATURE_K) - t)
            <= TEMPERATURE_TOLERANCE_K]
    dependent = PROPERTIES[name].temperature_dependent
    other_source = name == "ionic_conductivity" and first.source != new.source
    if dependent and not near and not other_source:
        return None
    shown = near[0] if dependent and near else first
    where = f" within {TEMPERATURE_TOLERANCE_K:g} K of {t:g} K" if dependent and near else ""
    ahead = near if dependent and near else values[:-1]
    reason, remedy = _why_first(store, m, name, [next(i for i, v in enumerate(values)
                                                      if v is p) for p in ahead])
    text = f"{m.id} already has a value of {name}{where}, {shown.describe()}; {reason}, so "
    if name == "price":
        return text + (
            "the cost model keeps using that price. To cost with yours, pass it: `solidcell "
            f"cost DESIGN --price {m.id}=VALUE` (also `screen`, `dashboard`), or "
            f"CostOptions(prices={{{m.id!r}: USD_PER_KG}}) in Python; or {remedy}")
    add_own = f"To make yours count, {remedy}"
    if name == "ionic_conductivity":
        used = []
        if near:
            used.append("`materials query` and the sigma RT column keep that value")
        if other_source:
            used.append(f"`solidcell conductivity` and the cell and screening models use only "
                        f"the values from {first.source!r}, the first value's source, not yours")
        return text + "; ".join(used) + ". " + add_own
    if dependent:
        return text + f"`materials query` at that temperature keeps that value. {add_own}"
    return text + f"Material.get/si and the models built on them keep that value. {add_own}"


def _why_first(store: Any, m: Any, name: str, ahead: list[int]) -> tuple[str, str]:
    """Why the values ``ahead`` (indices into ``m.values(name)``, the first the one used)
    come before the measurement just added, and how to make that one count: a value of the
    material itself (curated, or of your own material) comes before every measurement; an
    earlier measurement of yours before a later one (the store's order: ``MaterialStore.get``)."""
    own = len(store.get(m.id, with_measurements=False).values(name))
    if ahead[0] < own:
        if m.origin == "user":
            return (f"that is a value of {m.id} itself, and your material's own values come "
                    "before the measurements added to it"), (
                "change your material's value (`solidcell materials update`)")
        return (f"that is a value of {m.id} itself, and the curated material's own values "
                "come before the measurements added to it"), (
            "add your own material holding it (`solidcell materials add`)")
    pks = [pk for pk, _mid, value in store.measurements(m.id) if value.name == name]
    earlier = [pks[i - own] for i in ahead]  # all measurements: the first is not the material's
    ids = ", ".join(str(pk) for pk in earlier)
    return (f"that is your measurement {earlier[0]}, added earlier: measurements of a material "
            "count in the order they were added, the first one first"), (
        f"delete your earlier measurement{'s' if len(earlier) > 1 else ''} {ids} (`solidcell "
        f"materials delete-measurement ID`)")


@materials_app.command("measurements")
def measurements(
    material_id: str = typer.Argument(None, help="Only the measurements of this material "
                                      "(default: all of yours)."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """List your measurements with their ids (the id `measure` printed)."""
    store = _store(db)
    if material_id is not None:
        store.get(material_id)  # an unknown id is refused by name, not answered with nothing
    rows = store.measurements(material_id)
    if as_json:
        print_json([{"measurement": pk, "material": mid, **value.model_dump(mode="json",
                                                                            exclude_none=True)}
                    for pk, mid, value in rows])
        return
    print_table(_count(len(rows), "measurement"), ["id", "material", "property", "value"],
                [[pk, mid, value.name, value.describe()] for pk, mid, value in rows])


# (ignore_unknown_options: "-1" is the id typed, not an unknown option "No such option: -1")
@materials_app.command("delete-measurement",
                       context_settings={"ignore_unknown_options": True})
def delete_measurement(
    measurement_id: int = typer.Argument(..., help="Id of your measurement, as `measure` or "
                                         "`materials measurements` print it."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete one of your measurements (on any material); curated values stay."""
    from solidcell.errors import NotFoundError

    if measurement_id < 1:
        fail(f"measurement: '{measurement_id}' is not allowed; ids are positive integers, as "
             "`solidcell materials measurements` lists them")
    try:
        _store(db).delete_measurement(measurement_id)
    except NotFoundError:
        fail(f"measurement: {measurement_id} is not the id of one of your measurements; "
             "`solidcell materials measurements` lists them")
    if as_json:
        print_json({"deleted measurement": measurement_id})
    else:
        typer.echo(f"deleted measurement {measurement_id}")


@materials_app.command("import")
def import_(
    file: Path = typer.Argument(..., help="CSV (one property value per row) or JSON file, as "
                                "`solidcell materials export` writes them."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Import materials and measurements; a file with any bad row changes nothing.

    CSV columns: id, property, value (or min and max, or text), unit, temperature, method,
    source, year (of a price), note, and for an activation energy temperature_min and
    temperature_max (the range it was measured over) and arrhenius_form (sigma_T or plain,
    the form its source fitted); a row with a category (and name, formula ...) starts a
    material, a row with only the id and the property columns is a measurement on that
    material. A value follows the rules of `solidcell materials measure` (no temperature for
    a price, a year only for one); every problem is named by its row. Format:
    docs/database.md.
    """
    store = _store(db)
    # the store names its argument 'path' (a file that is not UTF-8 text included)
    with options(path=("file", str(file))):
        result = store.import_file(file)
    _report(result, as_json)


@materials_app.command("export")
def export(
    file: Path = typer.Argument(..., help="Output .csv or .json file."),
    origin: str = typer.Option("user", help="user, curated or all."),
    db: str = typer.Option(None, help=_DB_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Export materials (default: your own) to CSV or JSON."""
    if origin not in ("user", "curated", "all"):
        fail(f"--origin: {origin!r} is not allowed; use user, curated or all")
    store = _store(db)
    scope = None if origin == "all" else origin
    with options(path=("file", str(file))):  # the store names its argument 'path'
        n = store.export(file, origin=scope)
    m = len(store.export_contents(scope)[1])
    if as_json:
        print_json({"exported": n, "measurements": m, "file": str(file)})
    else:
        typer.echo(f"exported {_count(n, 'material')} and {_count(m, 'measurement')} on "
                   f"curated materials to {file}")


def _read_records(file: Path) -> list[dict[str, Any]]:
    import yaml

    from solidcell.errors import ValidationError
    from solidcell.textio import load_json, load_yaml, yaml_problem

    if file.is_dir():
        fail(f"file: {str(file)!r} is a folder; allowed: a YAML or JSON file")
    if not file.is_file():
        fail(f"file: {str(file)!r} does not exist")
    if file.suffix.lower() not in (".yaml", ".yml", ".json"):
        fail(f"file: {str(file)!r} is not allowed; a YAML or JSON file (ending in .yaml, "
             ".yml, .json)")
    from solidcell.materials.store import read_import_bytes

    try:  # a byte-order mark dropped, as `materials import` does (Notepad writes one); at
        # most the import size cap read, as `materials import` reads
        with options(path=("file", str(file))):
            text = read_import_bytes(file).decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"file: {str(file)!r} is not allowed; a UTF-8 text file")
    except OSError as exc:  # no read permission, an I/O error: was a traceback
        fail(f"file: {str(file)!r} is not allowed; cannot be read ({exc.strerror or exc}); "
             "give a readable YAML or JSON file")
    try:
        # a key twice in one mapping is refused (the loaders kept the last without a word)
        data = load_json(text) if file.suffix.lower() == ".json" else load_yaml(text)
    except (ValueError, yaml.YAMLError) as exc:  # ValueError: JSON (json.JSONDecodeError)
        # in the words of a design file's refusal (CellDesign.from_file), by the same
        # textio.yaml_problem: the line and, for a tab, what to write instead
        language = "JSON" if file.suffix.lower() == ".json" else "YAML"
        fail(str(ValidationError("file", str(file),
                                 f"is not valid {language}: {yaml_problem(exc)}")))
    records = data if isinstance(data, list) else [data]
    if not records or not all(isinstance(r, dict) for r in records):
        fail(f"file: {file} must hold a material (a mapping) or a list of them")
    return records


def _report(result: dict[str, int], as_json: bool) -> None:
    if as_json:
        print_json(result)
    else:
        typer.echo(f"imported {_count(result['materials'], 'material')} and "
                   f"{_count(result['measurements'], 'measurement')}")


def _count(n: int, noun: str) -> str:
    """``"1 material"``, ``"2 materials"`` (``materials add`` printed "1 materials")."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def register(app: typer.Typer) -> None:
    app.add_typer(materials_app, name="materials")
