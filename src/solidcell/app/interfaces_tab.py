"""The dashboard's Interfaces tab: ``solidcell interfaces DESIGN`` on the design tab's design.

It shows the interface flags (:func:`solidcell.interfaces.design_flags.interface_flags`:
each interface's status, reason and the buffer layers that fix it) and the mechanics check
(:func:`solidcell.mechanics.volume.mechanics_check`: thickness change over a charge,
Monroe-Newman, stack pressure over a cycle, the plating CCD estimate, warnings), with the
separator's measured critical current densities (:func:`solidcell.mechanics.dendrite.
measured_ccd`) and measured stripping failures (:func:`solidcell.mechanics.stripping.
measured_stripping`), as the HTML report's "Interfaces and mechanics" section does. The
boxes are the command's options (``--stack-pressure`` ...), read as it reads them
(:func:`solidcell.cli._common.quantity_option`); a refusal is shown beside its box. An update
took 0.04-0.05 s on the EV, anode-free and oxide examples, the first one 0.05-1.5 s (the first
interface check of a chemical system; docs/report-and-app.md), so the tab computes on every
change, as the design tab does, with no Run button; while a box or the design is refused the
last tables stay, greyed, under a line that says so. Nothing is written anywhere.
"""

from __future__ import annotations

from typing import Any

from solidcell.app.server import (
    MESSAGE_STYLE,
    STALE_STYLE,
    _field,
    job_design,
    shown,
)
from solidcell.errors import SolidcellError, UnitError, ValidationError

#: the mechanics boxes: ``mechanics_check`` keyword -> (box id, label, kind of quantity,
#: syntax example, the command line's option)
MECHANICS_BOXES: dict[str, tuple[str, str, str, str, str]] = {
    "stack_pressure_Pa": ("ifc-stack-pressure", "stack pressure", "pressure", "5 MPa",
                          "--stack-pressure"),
    "fixture_stiffness_Pa_m": ("ifc-fixture-stiffness", "fixture stiffness", "areal stiffness",
                               "1 MPa/mm", "--fixture-stiffness"),
    "charge_current_density_A_m2": ("ifc-charge-current", "charge current density",
                                    "current density", "1 mA/cm2", "--charge-current"),
    "discharge_current_density_A_m2": ("ifc-discharge-current", "discharge current density",
                                       "current density", "0.3 mA/cm2", "--discharge-current"),
    "flaw_size_m": ("ifc-flaw-size", "flaw size", "length", "5 um", "--flaw-size"),
    "shear_modulus_li_Pa": ("ifc-li-shear-modulus", "lithium shear modulus", "modulus",
                            "4 GPa", "--li-shear-modulus"),
}
#: what each box does (``solidcell interfaces --help``)
MECHANICS_HELP = ("Each box with its unit, or empty (not given). Stack pressure at assembly "
                  "and the fixture's areal stiffness (0: a constant-pressure fixture) give the "
                  "stack pressure over a cycle; the charge (plating) current density is checked "
                  "against the separator's measured critical current densities and, with a flaw "
                  "size (the separator's largest surface flaw), the plating CCD estimate; the "
                  "discharge (stripping) current density against the measured stripping "
                  "failures at the lowest stack pressure of the cycle; the lithium shear "
                  "modulus replaces the knowledge base's in the Monroe-Newman check. These "
                  "checks are for lithium-metal and anode-free anodes.")
#: the anode kinds the stack pressure, Monroe-Newman, plating and stripping checks are for
LITHIUM_KINDS = ("li_metal", "anode_free")
#: the line above the tables while a box or the design is refused
IFC_STALE_NOTE = ("not updated: a value is refused (see the message beside it); the tables "
                  "below are still those of the last accepted values")
IFC_NOT_YET_NOTE = ("not computed: a value is refused (see the message beside it); the "
                    "tables appear once every value is accepted")


def interfaces_tab() -> Any:
    """The tab's layout: the mechanics boxes, the design's messages and the tables."""
    from dash import dcc, html

    boxes = [_field(label, dcc.Input(id=box, type="text", value="", debounce=True,
                                     placeholder=f"e.g. {example}", style={"width": "160px"}),
                    box)
             for box, label, _kind, example, _option in MECHANICS_BOXES.values()]
    return html.Div([
        html.H3("Interfaces and mechanics (the design tab's current design)"),
        html.P("", id="ifc-design", className="meta"),
        *boxes,
        html.P(MECHANICS_HELP, className="meta"),
        html.P("", id="ifc-design-msg", style={"color": "#cf222e", **MESSAGE_STYLE}),
        html.P("", id="ifc-stale", className="note", style={"color": "#cf222e"}),
        html.Div(id="ifc-result"),
    ])


def box_quantity(key: str, text: str) -> float:
    """``text`` of the box of ``mechanics_check`` keyword ``key`` in SI, as ``solidcell
    interfaces`` reads its option (:func:`~solidcell.cli._common.quantity_option`). Text that
    is not such a quantity ('5', '5 bar/s') raises ValidationError naming the box's label, the
    text as typed and the units module's reason."""
    from solidcell.cli._common import quantity_option

    _box, label, kind, example, _option = MECHANICS_BOXES[key]
    try:
        number = quantity_option(label, text, kind)
    except UnitError as exc:
        reason = str(exc).removeprefix(f"{label}: ")
        article = "an" if kind[0] in "aeiou" else "a"
        raise ValidationError(label, text, f"{article} {kind} with its unit, e.g. "
                              f"'{example}', or empty ({reason})") from None
    assert number is not None  # a text was given
    return number


def mechanics_inputs(typed: dict[str, Any]) -> dict[str, float]:
    """The boxes' texts (``typed``: ``mechanics_check`` keyword -> text) in SI
    (:func:`box_quantity`); an empty box is left out. Every box is read: the refusals of all
    boxes refused are raised together (:class:`BoxRefusals`), each beside its own box."""
    out: dict[str, float] = {}
    refused: dict[str, ValidationError] = {}
    for key, value in typed.items():
        text = "" if value is None else str(value).strip()
        if not text:
            continue
        try:
            out[key] = box_quantity(key, text)
        except ValidationError as exc:
            refused[key] = exc
    if refused:
        raise BoxRefusals(refused)
    return out


class BoxRefusals(ValidationError):
    """The refusals of several mechanics boxes at once (``refused``: keyword -> refusal); the
    first one is the error's own field, value and allowed."""

    def __init__(self, refused: dict[str, ValidationError]) -> None:
        first = next(iter(refused.values()))
        super().__init__(first.field, first.value, first.allowed)
        self.refused = refused


def every_box_refusal(design: Any, typed: dict[str, Any]) -> dict[str, ValidationError]:
    """Each box's refusal (``typed``: ``mechanics_check`` keyword -> text), by keyword: its
    text is no such quantity (:func:`box_quantity`), or ``mechanics_check`` of ``design``
    refuses its value alone (its rule, named with the box's label and the text as typed, as
    ``solidcell interfaces`` names its option). Empty boxes and accepted ones are left out;
    a refusal that is not of the box's value (the design's) is not the box's."""
    from solidcell.cli._common import options
    from solidcell.mechanics.volume import mechanics_check

    refused: dict[str, ValidationError] = {}
    resolved = design.resolved()
    for key, value in typed.items():
        text = "" if value is None else str(value).strip()
        if not text:
            continue
        label = MECHANICS_BOXES[key][1]
        try:
            number = box_quantity(key, text)
            with options(**{key: (label, text)}):
                mechanics_check(design, resolved=resolved, **{key: number})
        except ValidationError as exc:
            if exc.field == label:
                refused[key] = exc
    return refused


def interfaces_result(design: Any, typed: dict[str, Any]) -> dict[str, Any]:
    """What the tab shows of ``design`` with the boxes ``typed``: ``flags``
    (``interface_flags``), ``mechanics`` (``mechanics_check``), ``monroe`` (the
    Monroe-Newman check, or the reason it was not made, for a lithium anode), ``ccd``
    (``measured_ccd``) and ``stripping`` (``measured_stripping``) of the separator. A refusal
    of a box's value is a ValidationError naming the box's label and the text as typed;
    several boxes refused are named together (:class:`BoxRefusals`, each box's own refusal
    by :func:`every_box_refusal`)."""
    from solidcell.cli._common import options
    from solidcell.interfaces.design_flags import interface_flags
    from solidcell.mechanics.volume import mechanics_check

    try:
        values = mechanics_inputs(typed)
        names = {k: (MECHANICS_BOXES[k][1], str(typed[k]).strip()) for k in values}
        with options(**names):
            mech = mechanics_check(design, **values)
    except ValidationError:
        # every box refused, not the first only: the others held refused values unsaid
        refused = every_box_refusal(design, typed)
        if refused:
            raise BoxRefusals(refused) from None
        raise
    out: dict[str, Any] = {"flags": interface_flags(design), "mechanics": mech,
                           "monroe": None, "ccd": (), "stripping": ()}
    if design.anode.kind in LITHIUM_KINDS:
        from solidcell.mechanics.dendrite import measured_ccd
        from solidcell.mechanics.lithium import monroe_newman
        from solidcell.mechanics.stripping import measured_stripping

        separator = next(c.material for c in mech.layers if c.layer == "separator")
        try:
            out["monroe"] = monroe_newman(separator, shear_modulus_li_Pa=values.get(
                "shear_modulus_li_Pa"))
        except SolidcellError as exc:  # mechanics_check's warning says it too
            out["monroe"] = str(exc)
        out["ccd"] = measured_ccd(separator) if separator else ()
        out["stripping"] = measured_stripping(separator) if separator else ()
    return out


def _in(value: float | None, kind: str, unit: str) -> str:
    """``value`` (SI) in ``unit`` as the page writes numbers; '-' for None."""
    from solidcell import units

    return "-" if value is None else shown(units.convert(value, kind, unit))


def _table(tid: str, header: list[str], rows: list[list[Any]]) -> Any:
    from dash import html

    return html.Table([html.Thead(html.Tr([html.Th(h) for h in header])),
                       html.Tbody([html.Tr([html.Td(c) for c in r]) for r in rows])], id=tid)


def _flags_view(flags: Any) -> list[Any]:
    from dash import html

    rows = [[f.interface, f.first, f.second, f.status, f.reason,
             ", ".join(f.fixing_buffers) or "-"] for f in flags.flags]
    return [html.H4(f"Interfaces (solidcell.interfaces.design_flags, scheme {flags.scheme})"),
            _table("ifc-flags-table", ["interface", "electrolyte", "against", "status",
                                       "reason", "buffer layers that fix it"], rows),
            html.P("Sources: " + ", ".join(flags.sources), className="meta",
                   id="ifc-flags-sources")]


def _thickness_view(mech: Any) -> list[Any]:
    from dash import html

    def um(x: float) -> str:
        return _in(x, "length", "um")

    rows = [[c.layer, c.material, um(c.thickness_m), um(c.change_low_m), um(c.change_high_m),
             c.basis] for c in mech.layers]
    rows.append(["repeat unit", "-", um(mech.stack_thickness_m), um(mech.stack_change_low_m),
                 um(mech.stack_change_high_m), "sum of the layers' low and high"])
    return [html.H4("Thickness change of one repeat unit on charge "
                    "(solidcell.mechanics.volume.mechanics_check)"),
            _table("ifc-thickness-table", ["layer", "material", "thickness [um]",
                                           "change low [um]", "change high [um]", "basis"],
                   rows)]


def _monroe_view(monroe: Any) -> list[Any]:
    from dash import html

    head = html.H4("Monroe-Newman criterion (separator against lithium)")
    if isinstance(monroe, str):
        return [head, html.P(f"not evaluated: {monroe}", className="note", id="ifc-monroe")]
    from solidcell.mechanics.lithium import MONROE_NEWMAN_RATIO

    row = [monroe.electrolyte, _in(monroe.shear_modulus_electrolyte_Pa, "modulus", "GPa"),
           _in(monroe.shear_modulus_li_Pa, "modulus", "GPa"), shown(monroe.ratio),
           shown(MONROE_NEWMAN_RATIO), "yes" if monroe.meets_criterion else "no"]
    return [head, _table("ifc-monroe-table", ["separator", "G separator [GPa]",
                                              "G lithium [GPa]", "ratio", "required ratio",
                                              "met"], [row]),
            html.P("Sources: " + ", ".join(monroe.sources), className="meta")]


def _pressure_view(mech: Any) -> list[Any]:
    from dash import html

    from solidcell.cli.interfaces import _critical_flaw_um

    head = html.H4("Stack pressure over a cycle (solidcell.mechanics.pressure)")
    sp = mech.pressure
    if sp is None:
        return [head, html.P("not computed: give a stack pressure or a fixture stiffness "
                             "above", className="meta", id="ifc-pressure")]
    separator = next((c.material for c in mech.layers if c.layer == "separator"), None)
    flaw = _critical_flaw_um(sp, separator)
    row = [_in(p, "pressure", "MPa") for p in (
        sp.contact_pressure_Pa, sp.assembly_pressure_Pa, sp.pressure_min_Pa,
        sp.pressure_max_Pa, sp.required_assembly_pressure_Pa)]
    row.append(shown(flaw) if isinstance(flaw, float) else flaw or "-")
    from solidcell.mechanics.dendrite import EDGE_CRACK_Y

    return [head, _table("ifc-pressure-table", [
        "contact (Li yield) [MPa]", "assembly [MPa]", "minimum [MPa]", "maximum [MPa]",
        "required at assembly [MPa]", "critical separator flaw at the maximum [um]"], [row]),
        html.P("critical separator flaw: lithium at the maximum pressure extends a surface "
               "flaw of the separator deeper than this, a_c = (K_IC / (Y p))^2 / pi "
               f"(Griffith-Irwin, Y = {EDGE_CRACK_Y:g}). Sources: " + ", ".join(sp.sources),
               className="meta")]


def _estimate_view(mech: Any) -> list[Any]:
    from dash import html

    cc = mech.critical_current
    if cc is None:
        return []
    row = [_in(cc.flaw_size_m, "length", "um"),
           _in(cc.critical_overpotential_V, "voltage", "mV"),
           _in(cc.asr_ohm_m2, "areal resistance", "Ohm cm2"),
           _in(cc.critical_current_density_A_m2, "current density", "mA/cm2")]
    return [html.H4(f"Plating CCD estimate, {cc.electrolyte} | Li ({cc.note})"),
            _table("ifc-estimate-table", ["flaw [um]", "critical eta [mV]", "ASR [Ohm cm2]",
                                          "CCD [mA/cm2]"], [row]),
            html.P("Sources: " + ", ".join(cc.sources), className="meta")]


def _measured_view(separator: str, ccd: Any, stripping: Any) -> list[Any]:
    from dash import html

    rows = [[_in(v, "current density", "mA/cm2"), src, cond] for v, src, cond in ccd]
    out = [html.H4(f"Measured critical current densities of {separator} (knowledge base)"),
           _table("ifc-ccd-table", ["CCD [mA/cm2]", "source", "conditions"], rows) if rows
           else html.P("none in the knowledge base", className="meta", id="ifc-ccd-table")]
    out.append(html.H4(f"Measured stripping failures of {separator} (voids on discharge; "
                       "failures seen, not limits)"))
    if not stripping:
        return [*out, html.P("none stored", className="meta", id="ifc-stripping-table")]
    return [*out, _table("ifc-stripping-table", [
        "current [mA/cm2]", "stack pressure [MPa]", "stripped per step [mAh/cm2]", "outcome",
        "source", "conditions"], [[shown(o.current_mA_cm2), shown(o.stack_pressure_MPa),
                                   shown(o.stripped_mAh_cm2), o.outcome, o.source,
                                   o.conditions] for o in stripping])]


def lithium_note(kind: str) -> str:
    """Why a design whose anode is ``kind`` (not lithium metal, not anode-free) shows no stack
    pressure, Monroe-Newman, plating or stripping check (``mechanics_check``'s own words)."""
    return (f"The anode is {kind}: the stack pressure, Monroe-Newman, plating and stripping "
            "checks are for lithium-metal or anode-free anodes and are not made; the boxes "
            "above are not used (a warning names those given).")


def interfaces_view(result: dict[str, Any], kind: str) -> Any:
    """The tab's tables of ``result`` (:func:`interfaces_result`) of a design whose anode is
    ``kind``."""
    from dash import html

    mech = result["mechanics"]
    children: list[Any] = [*_flags_view(result["flags"]), *_thickness_view(mech)]
    if kind in LITHIUM_KINDS:
        separator = next(c.material for c in mech.layers if c.layer == "separator")
        children += [*_monroe_view(result["monroe"]), *_pressure_view(mech),
                     *_estimate_view(mech),
                     *_measured_view(separator, result["ccd"], result["stripping"])]
    else:
        children.append(html.P(lithium_note(kind), className="note", id="ifc-kind-note"))
    children.append(html.H4("Warnings"))
    children.append(html.Ul([html.Li(w) for w in mech.warnings], id="ifc-warnings")
                    if mech.warnings else html.P("none", className="meta", id="ifc-warnings"))
    sources = dict.fromkeys((*mech.sources, *(s for _, s, _ in result["ccd"]),
                             *(o.source for o in result["stripping"])))
    children.append(html.P("Sources of the mechanics: " + ", ".join(sources),
                           className="meta", id="ifc-sources"))
    return html.Div(children)


def interfaces_messages(exc: SolidcellError) -> tuple[dict[str, str], str]:
    """(message beside each box, the design's message) of the refusal ``exc``: beside the box
    whose label it names, else under the boxes."""
    msgs = {box: "" for box, *_ in MECHANICS_BOXES.values()}
    if isinstance(exc, BoxRefusals):
        for key, refusal in exc.refused.items():
            msgs[MECHANICS_BOXES[key][0]] = str(refusal)
        return msgs, ""
    field = getattr(exc, "field", None)
    for box, label, *_ in MECHANICS_BOXES.values():
        if field == label:
            msgs[box] = str(exc)
            return msgs, ""
    return msgs, str(exc)


def register_interfaces_callbacks(app: Any, state: Any, field_ids: list[str]) -> None:
    """The tab's one callback: while the tab is shown, on every edit of the design tab (its
    boxes, its design) or of a mechanics box, and when the tab is opened, the tables of the
    design shown, or the refusals beside the boxes."""
    import importlib

    from dash import Input, Output, State, no_update

    # the engines imported here, at the app's start (0.16 s), not first by a request thread
    # beside another callback's imports (two threads importing one package's modules in
    # opposite orders: _DeadlockError, as server._preload_serialisers says)
    for name in ("interfaces.design_flags", "mechanics.volume", "mechanics.dendrite",
                 "mechanics.lithium", "mechanics.stripping", "cli.interfaces"):
        importlib.import_module(f"solidcell.{name}")
    boxes = [v[0] for v in MECHANICS_BOXES.values()]

    @app.callback(
        Output("ifc-result", "children"), Output("ifc-result", "style"),
        Output("ifc-stale", "children"), Output("ifc-design-msg", "children"),
        Output("ifc-design", "children"), *[Output(f"{b}-msg", "children") for b in boxes],
        [Input(k, "value") for k in field_ids], Input("design-source", "data"),
        *[Input(b, "value") for b in boxes], Input("tabs", "value"),
        State("design-original", "data"), State("ifc-result", "children"))
    def update_interfaces(*args: Any) -> tuple[Any, ...]:
        n = len(field_ids)
        values = dict(zip(field_ids, args[:n], strict=True))
        source, typed = args[n], args[n + 1:n + 1 + len(boxes)]
        tab, original, shown_before = args[-3], args[-2] or {}, bool(args[-1])
        # computed for the tab shown (a design edit elsewhere waits for it: the first
        # interface flags of a page take up to 1.5 s)
        if not source or tab != "interfaces":
            return (no_update,) * (5 + len(boxes))
        typed_by_key = dict(zip(MECHANICS_BOXES, typed, strict=True))
        try:
            try:
                design = job_design(state, source, values, original)
            except SolidcellError:
                # a refused design: the boxes' own unit refusals first, as without a design
                mechanics_inputs(typed_by_key)
                raise
            # every box refused, each beside itself (units and the engine's rules)
            result = interfaces_result(design, typed_by_key)
        except SolidcellError as exc:
            msgs, general = interfaces_messages(exc)
            return (no_update, STALE_STYLE, IFC_STALE_NOTE if shown_before else IFC_NOT_YET_NOTE,
                    general, no_update, *msgs.values())
        kind = design.anode.kind
        return (interfaces_view(result, kind), {}, "", "",
                f"design: {getattr(design, 'name', '')} (anode: {kind})", *[""] * len(boxes))
