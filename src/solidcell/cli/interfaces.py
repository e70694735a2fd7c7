"""``solidcell window``, ``react``, ``compat``, ``interfaces`` and ``ccd``: stability, mechanics."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from solidcell.cli._common import (
    JSON_OPTION,
    case_typo_warning,
    check_design_file,
    check_output_file,
    comma_list,
    fail,
    options,
    print_json,
    print_sources,
    print_table,
    quantity_option,
    writing,
)

SCHEME_HELP = (
    "Energy scheme: 'zhu2015' (sulfide correction undone, as Zhu, He & Mo 2015) or "
    "'mp2019-legacy' (Materials Project corrections as shipped)."
)


#: A formation energy per atom as papers print it: "-1.2", "-1.2 eV/atom", "-250 meV/atom",
#: "-1.2 eV atom-1", "-1.2 eV per atom" (the unit: eV or meV per atom).
_PER_ATOM = re.compile(r"^\s*(?P<x>\S+?)\s*(?:(?P<unit>m?eV)\s*(?:/\s*atom|\s+per\s+atom|"
                       r"[\s.]atom\^?-1))?\s*$")


#: A reference electrode after a potential that is the one ``react`` uses: "vs Li/Li+",
#: "vs. Li+/Li" (any case); another ("vs Na/Na+", "vs SHE") is left for the unit parser
#: to refuse.
_VS_LI = re.compile(r"(?<=\S)\s*vs\.?\s*(?:Li/Li\+|Li\+/Li)\s*$", re.IGNORECASE)


def _entries(entry: list[str] | None) -> list[tuple[str, float]]:
    """``--entry FORMULA=EV_PER_ATOM`` texts as (formula, formation energy [eV/atom])."""
    out = []
    for text in entry or []:
        formula, sep, value = text.partition("=")
        # the minus sign papers print (U+2212), as every quantity option takes it
        match = _PER_ATOM.match(value.replace("\u2212", "-"))
        try:
            if not sep or match is None:
                raise ValueError
            scale = 1e-3 if match["unit"] == "meV" else 1.0
            out.append((formula.strip(), float(match["x"]) * scale))
        except ValueError:
            fail(f"--entry: {text!r} is not allowed; FORMULA=EV_PER_ATOM, the formation "
                 "energy in eV/atom, as in 'Li2S=-1.5', 'Li2S=-1.5 eV/atom' or "
                 "'Li2S=-1500 meV/atom' (syntax examples)")
    return out


#: The longest reason the compatibility table shows [characters]; a longer one is cut at a
#: word boundary and marked (the whole reason is in ``--json``).
REASON_WIDTH = 110


def shortened(text: str, width: int = REASON_WIDTH) -> str:
    """``text`` whole if it has at most ``width`` characters, else its leading words that fit
    followed by ``" ..."`` (never cut inside a word, as ``reason[:110]`` cut "(win")."""
    import textwrap

    if len(text) <= width:
        return text
    return textwrap.shorten(text, width=width, placeholder=" ...")


def known_id(text: str) -> str | None:
    """The knowledge-base id (or curated phase id) that ``text`` names apart from its letter
    case (``"LLZO"`` -> ``"llzo"``), or None."""
    from solidcell.errors import SolidcellError
    from solidcell.interfaces.phases import PHASES
    from solidcell.materials import default_store

    try:
        ids = {*PHASES, *default_store().ids()}
    except SolidcellError:  # no database: the curated phases still answer
        ids = set(PHASES)
    lowered = text.strip().lower()
    return lowered if lowered != text.strip() and lowered in ids else None


@contextmanager
def id_hints(*typed: str) -> Iterator[None]:
    """A material argument refused as a formula that is an id in another letter case
    (``window LLZO``: "'L' is not a chemical element") is refused with the id named: "did you
    mean the id 'llzo'?" (as ``compat --electrolyte LLZO`` and ``conductivity LLZO`` do)."""
    from solidcell.errors import ValidationError

    try:
        yield
    except ValidationError as exc:
        if not (isinstance(exc.value, str) and exc.value in typed):
            raise
        hint = known_id(exc.value)
        if hint is None:
            raise
        if exc.allowed.endswith("?") and "; did you mean " in exc.allowed:  # 'LI3PS4'
            allowed = f"{exc.allowed[:-1]} or the id {hint!r}?"  # its formula, then the id
        else:
            allowed = f"{exc.allowed}; did you mean the id {hint!r}?"
        raise ValidationError(exc.field, exc.value, allowed) from None


def _products(items: tuple[tuple[str, float], ...]) -> str:
    return " + ".join(f for f, _ in items) or "-"


def window_command(
    materials: list[str] = typer.Argument(
        ..., help="Formulas or material ids, e.g. Li3PS4 li6ps5cl."
    ),
    scheme: str = typer.Option("zhu2015", help=SCHEME_HELP),
    entry: list[str] = typer.Option(
        None, help="Extra phase FORMULA=EV_PER_ATOM (formation energy per atom; repeatable)."
    ),
    plot: Path = typer.Option(
        None, help="Write a plot (.png, .svg or .pdf) of the windows against electrode "
        "potentials to this path."
    ),
    assemblage: bool = typer.Option(
        False, "--assemblage", help="For a formula the energy data lack, give the window of "
        "its equilibrium assemblage (flagged in a note) instead of refusing it."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Electrochemical stability window(s) from the Li-open phase diagram."""
    from solidcell.interfaces.stability import stability_window

    if plot is not None:
        check_output_file("--plot", plot)
    extra = _entries(entry)
    for m in materials:  # 'LiPoN': "no data for element Po" did not say why
        case_typo_warning(m)
    with options(scheme=("--scheme", scheme), entries=("--entry", entry)), \
            id_hints(*materials):
        windows = [stability_window(m, scheme=scheme, entries=extra or None,
                                    allow_assemblage=assemblage) for m in materials]
    if plot is not None:
        from solidcell.interfaces.plot import plot_windows

        with writing("--plot", plot):
            plot_windows(windows, plot)
    if as_json:
        print_json([w.to_json() for w in windows] if len(windows) > 1 else windows[0].to_json())
        return
    # Na conductors are open to Na: their potentials are vs Na/Na+, not Li/Li+
    refs = sorted({w.open_element for w in windows})
    mixed = len(refs) > 1
    ref = "V vs the 'vs' column" if mixed else f"V vs {refs[0]}/{refs[0]}+"
    print_table(
        f"Stability windows ({ref}), scheme {scheme}",
        [
            "material",
            *(["vs"] if mixed else []),
            "reduction [V]",
            "oxidation [V]",
            "reduction products",
            "oxidation products",
            "E above hull [eV/atom]",
        ],
        [
            [
                w.material_id or w.formula,
                *([f"{w.open_element}/{w.open_element}+"] if mixed else []),
                w.reduction_limit_V,
                w.oxidation_limit_V,
                _products(w.reduction_products),
                _products(w.oxidation_products),
                w.energy_above_hull_eV_atom,
            ]
            for w in windows
        ],
    )
    for w in windows:
        if w.note:
            typer.echo(f"note ({w.material_id or w.formula}): {w.note}")
    typer.echo(f"data: {windows[0].snapshot}")
    print_sources(dict.fromkeys(k for w in windows for k in w.sources))
    if plot is not None:
        typer.echo(f"plot: {plot}")


def react_command(
    a: str = typer.Argument(..., help="First reactant (formula or id), e.g. Li6PS5Cl."),
    b: str = typer.Argument(..., help="Second reactant, e.g. LiCoO2 or nmc811."),
    potential: str = typer.Option(
        None, help="Open to Li at this potential, e.g. '4.2 V' (default: closed system)."
    ),
    scheme: str = typer.Option("mp2019-legacy", help=SCHEME_HELP),
    entry: list[str] = typer.Option(None, help="Extra phase FORMULA=EV_PER_ATOM (formation "
                                    "energy per atom; repeatable)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Interface reaction energy against mixing ratio; the most negative reaction."""
    from solidcell.errors import UnitError, ValidationError
    from solidcell.interfaces.reactivity import interface_reaction

    for name, text in (("first reactant", a), ("second reactant", b)):
        if not text.strip():  # it said "material: ''", not which of the two
            raise ValidationError(name, text, "give a material id ('li3ps4') or a formula")
    # "4.2 V vs. Li/Li+" as papers print it: the reference is Li/Li+ (the open element)
    text = None if potential is None else _VS_LI.sub("", potential)
    try:
        v = quantity_option("--potential", text, "voltage")  # "" is refused, not "closed"
    except UnitError as exc:  # the text as typed: '1e400 V vs Li/Li+' was quoted '1e400 V'
        if text == potential:
            raise
        message = str(exc)
        for quoted in (repr(text), repr(text.replace("\u2212", "-"))):  # as units quotes it
            if quoted in message:
                message = message.replace(quoted, repr(potential), 1)
                break
        raise UnitError(message) from None
    extra = _entries(entry)
    with options(potential_V=("--potential", potential), scheme=("--scheme", scheme),
                 entries=("--entry", entry)), id_hints(a, b):
        r = interface_reaction(a, b, potential_V=v, scheme=scheme, entries=extra or None)
    if as_json:
        print_json(r.to_json())
        return
    where = "closed" if v is None else f"open to Li at {v:g} V"
    # open: per atom other than Li (grand potential), x among those atoms (pymatgen's x
    # counts Li too: both are printed)
    per = "eV/atom" if v is None else "eV per atom other than Li"
    print_table(
        f"{r.reactant_a} | {r.reactant_b} ({where}, scheme {scheme})",
        ["x (atomic fraction of A)" if v is None else
         "x (fraction of A, atoms other than Li)", f"reaction energy [{per}]"],
        [[x, e] for x, e in zip(r.mixing_ratio[::4], r.reaction_energy_eV_atom[::4], strict=True)],
    )
    if r.products:
        counting = ("" if v is None else
                    f" ({r.most_negative_ratio_all_atoms:.3f} counting Li atoms)")
        typer.echo(
            f"most negative: {r.most_negative_energy_eV_atom:.4g} {per} at x = "
            f"{r.most_negative_ratio:.3f}{counting} -> {_products(r.products)}"
        )
    else:  # "0 eV/atom at x = 0.738 -> -" named a ratio for a reaction there is not
        typer.echo("no reaction: 0 eV/atom at every mixing ratio")
    if r.note:
        typer.echo(f"note: {r.note}")
    print_sources(r.sources)


def compat_command(
    electrolyte: list[str] = typer.Option(None, help="Electrolyte id (repeatable, or "
                                          "comma-separated: llzo,lgps; default: all)."),
    electrode: list[str] = typer.Option(None, help="Electrode id (repeatable, or "
                                        "comma-separated: lco,nmc811; default: all)."),
    scheme: str = typer.Option("zhu2015", help=SCHEME_HELP),
    plot: Path = typer.Option(None, help="Plot of the electrolytes' windows vs electrodes "
                              "(.png, .svg or .pdf)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Compatibility matrix: every electrolyte against every electrode, with buffer layers."""
    from solidcell.interfaces.compat import compatibility_matrix

    if plot is not None:
        check_output_file("--plot", plot)
    import sys

    electrolyte = comma_list(electrolyte, option="--electrolyte")
    electrode = comma_list(electrode, option="--electrode")

    with options(scheme=("--scheme", scheme), electrolytes=("--electrolyte", electrolyte),
                 electrodes=("--electrode", electrode)):
        m = compatibility_matrix(  # a bar only for a person at a terminal, as progress_bar does
            electrolyte or None, electrode or None, scheme=scheme,
            progress=not as_json and sys.stderr.isatty())
    if plot is not None:
        from solidcell.errors import SolidcellError
        from solidcell.interfaces.compat import _window
        from solidcell.interfaces.plot import plot_windows

        windows = []
        for e in m.electrolytes:
            try:
                windows.append(_window(e, scheme))
            except SolidcellError:
                continue
        with writing("--plot", plot):
            plot_windows(windows, plot, m.electrodes)
    if as_json:
        print_json(m.to_json())
        return
    short = {"stable": "ok", "kinetically limited": "kin", "unstable": "NO", "not covered": "-"}
    rows = []
    for e in m.electrolytes:
        row: list[object] = [e]
        for d in m.electrodes:
            p = m.pair(e, d)
            row.append(short[p.status] + ("*" if p.scheme == "reported window" else ""))
        rows.append(row)
    print_table(
        f"Electrolyte x electrode compatibility (scheme {scheme})",
        ["electrolyte", *m.electrodes],
        rows,
    )
    typer.echo(
        "ok = stable; kin = kinetically limited (passivating products or a small "
        "driving force); NO = unstable; - = not covered; * = from the knowledge base's "
        "reported window (no DFT data). Reasons: --json"
    )
    bad = [p for p in m.pairs if p.status == "unstable"]
    if bad:
        reasons = [shortened(p.reason) for p in bad]
        print_table(
            "Unstable pairs and the buffer layers that fix them",
            ["electrolyte", "electrode", "buffer layers", "reason"],
            [
                [p.electrolyte, p.electrode, ", ".join(p.fixing_buffers) or "none", reason]
                for p, reason in zip(bad, reasons, strict=True)
            ],
        )
        if any(r != p.reason for p, r in zip(bad, reasons, strict=True)):
            typer.echo("reasons ending in '...' are shortened: the whole reason of each pair "
                       "is in --json (\"Reason\")")
    measured = [p for p in m.pairs if p.status != "stable" and p.measured]
    for p in measured:  # the verdict stays; what cells with the pair measured, beside it
        typer.echo(f"measured in cells, {p.electrolyte} | {p.electrode} ({p.status} above): "
                   f"{p.measured}")
    print_sources(m.to_json()["sources"])  # as --json lists them
    if plot is not None:
        typer.echo(f"plot: {plot}")


def interfaces_command(
    design_file: Path = typer.Argument(..., help="Cell design (YAML or JSON)."),
    stack_pressure: str = typer.Option(None, help="Stack pressure, e.g. '5 MPa'."),
    li_shear_modulus: str = typer.Option(
        None,
        help="Shear modulus of lithium, e.g. '4 GPa' "
        "(default: the knowledge base's, Masias et al. 2019).",
    ),
    fixture_stiffness: str = typer.Option(
        None, help="Areal stiffness of the fixture, e.g. '1 MPa/mm' (0: constant-pressure fixture)."
    ),
    charge_current: str = typer.Option(
        None,
        help="Plating current density on charge, e.g. '1 mA/cm2', checked against measured CCDs.",
    ),
    flaw_size: str = typer.Option(
        None,
        help="Largest surface flaw of the separator, e.g. '5 um', for the plating CCD estimate.",
    ),
    discharge_current: str = typer.Option(
        None, help="Stripping current density on discharge, e.g. '0.3 mA/cm2', checked against "
        "measured stripping failures (voids) at the stack pressure.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Interface flags and mechanics (thickness change, stack pressure, CCD, stripping) of a
    cell design."""
    from solidcell.cell.design import CellDesign
    from solidcell.interfaces.design_flags import interface_flags
    from solidcell.mechanics.volume import mechanics_check

    design = CellDesign.from_file(check_design_file(design_file))
    given = {  # API parameter: (option, text as typed, kind of quantity)
        "stack_pressure_Pa": ("--stack-pressure", stack_pressure, "pressure"),
        "shear_modulus_li_Pa": ("--li-shear-modulus", li_shear_modulus, "modulus"),
        "fixture_stiffness_Pa_m": ("--fixture-stiffness", fixture_stiffness, "areal stiffness"),
        "charge_current_density_A_m2": ("--charge-current", charge_current, "current density"),
        "flaw_size_m": ("--flaw-size", flaw_size, "length"),
        "discharge_current_density_A_m2": ("--discharge-current", discharge_current,
                                           "current density"),
    }
    values = {k: quantity_option(opt, text, kind) for k, (opt, text, kind) in given.items()}
    flags = interface_flags(design)
    with options(**{k: (opt, text) for k, (opt, text, _) in given.items()}):
        mech = mechanics_check(design, **values)
    if as_json:
        # every source of both parts at the top, as each other command's JSON has them
        print_json({"Interfaces": flags.to_json(), "Mechanics": mech.to_json(),
                    "sources": list(dict.fromkeys((*flags.sources, *mech.sources)))})
        return
    print_table(
        f"Interfaces of {flags.design}",
        # the electrolyte comes first whatever the order in the interface's name ("first" and
        # "second" read li6ps5cl, nmc811 beside "cathode active | catholyte")
        ["interface", "electrolyte", "against", "status", "reason"],
        [[f.interface, f.first, f.second, f.status, f.reason] for f in flags.flags],
    )
    print_table(
        "Thickness change of one repeat unit on charge",
        ["layer", "material", "thickness [um]", "change low [um]", "change high [um]", "basis"],
        [
            [c.layer, c.material, c.thickness_m * 1e6, c.change_low_m * 1e6,
             c.change_high_m * 1e6, c.basis]
            for c in mech.layers
        ] + [["repeat unit", None, mech.stack_thickness_m * 1e6, mech.stack_change_low_m * 1e6,
              mech.stack_change_high_m * 1e6, "sum of the layers' low and high"]],
    )
    if mech.pressure is not None:
        sp = mech.pressure
        separator = next((c.material for c in mech.layers if c.layer == "separator"), None)
        flaw = _critical_flaw_um(sp, separator)
        print_table(
            "Stack pressure over a cycle [MPa]",
            ["contact (Li yield)", "assembly", "minimum", "maximum", "required at assembly",
             "critical separator flaw at the maximum [um]"],
            [
                [
                    _mpa(sp.contact_pressure_Pa),
                    _mpa(sp.assembly_pressure_Pa),
                    _mpa(sp.pressure_min_Pa),
                    _mpa(sp.pressure_max_Pa),
                    _mpa(sp.required_assembly_pressure_Pa),
                    flaw,
                ]
            ],
        )
        if sp.fixture_stiffness_Pa_m is None and sp.assembly_pressure_Pa is not None:
            typer.echo("stack pressure: no --fixture-stiffness given, so the pressure is taken "
                       "as held constant over the cycle (minimum = maximum = assembly) and no "
                       "assembly pressure is required; give --fixture-stiffness (e.g. "
                       "'1 MPa/mm'; 0: a constant-pressure fixture) for the swing as the stack "
                       "grows and shrinks")
        if isinstance(flaw, float):
            from solidcell.mechanics.dendrite import EDGE_CRACK_Y

            typer.echo("critical separator flaw: lithium at the maximum pressure extends a "
                       "surface flaw of the separator deeper than this, a_c = (K_IC / (Y p))^2 "
                       f"/ pi (Griffith-Irwin, Y = {EDGE_CRACK_Y:g})")
    cc = mech.critical_current
    if cc is not None:
        ccd = cc.critical_current_density_A_m2
        print_table(
            f"Plating CCD estimate, {cc.electrolyte} | Li ({cc.note})",
            ["flaw [um]", "critical eta [mV]", "ASR [Ohm cm2]", "CCD [mA/cm2]",
             "measured CCD [mA/cm2]"],
            [[cc.flaw_size_m * 1e6, cc.critical_overpotential_V * 1e3,
              None if cc.asr_ohm_m2 is None else cc.asr_ohm_m2 * 1e4,
              None if ccd is None else ccd / 10,
              ", ".join(f"{v / 10:g}" for v, _, _ in cc.measured) or None]],
        )
    if mech.stripping:  # what --discharge-current was checked against (a warning where reached)
        print_table(
            f"Measured stripping failures of {mech.stripping[0].electrolyte} (voids on "
            f"discharge; failures seen, not limits), against "
            f"{' '.join(str(discharge_current).split())}",
            ["current [mA/cm2]", "stack pressure [MPa]", "stripped per step [mAh/cm2]",
             "source"],
            [[o.current_mA_cm2, o.stack_pressure_MPa, o.stripped_mAh_cm2, o.source]
             for o in mech.stripping],
        )
    for w in mech.warnings:
        typer.echo(f"warning: {w}")
    print_sources(dict.fromkeys((*flags.sources, *mech.sources)))


def _check_separator(electrolyte: str, toughness: str | None) -> None:
    """The CCD is of a lithium | solid-electrolyte interface: an electrode or a foil id
    (``ccd nmc811``) is refused by the API's own check (the same message in Python and here),
    and an electrolyte without a fracture toughness is refused naming ``--toughness`` rather
    than the Python argument."""
    from solidcell.materials import get
    from solidcell.mechanics.dendrite import check_separator

    check_separator(electrolyte)
    if toughness is None and get(electrolyte).get("fracture_toughness") is None:
        fail(f"--toughness: not given, and the knowledge base has no fracture toughness of "
             f"{electrolyte}; give a measured one with its unit, --toughness 'VALUE MPa*m**0.5'")


def _critical_flaw_um(sp: Any, separator: str | None) -> float | str | None:
    """The stack-pressure table's cell of a_c, the depth [um] of a separator flaw that
    lithium at the highest stack pressure extends (``StackPressure.critical_flaw_size_m``):
    '-' without a pressure, why where the separator has no fracture toughness, and in words
    where no flaw extends (a pressure of 0: a_c is infinite; the JSON's null)."""
    import math

    a_c = sp.critical_flaw_size_m
    if a_c is None:
        top = sp.pressure_max_Pa if sp.pressure_max_Pa is not None else sp.assembly_pressure_Pa
        return None if top is None else (
            f"- (no fracture toughness of {separator or 'the separator'} in the knowledge base)")
    if math.isinf(a_c):
        return "none: no flaw extends at this pressure"
    return a_c * 1e6


def _mpa(value: float | None) -> float | None:
    return None if value is None else value / 1e6


def _with_scaling_source(record: dict[str, Any], pressure_Pa: float | None) -> dict[str, Any]:
    """``record`` (a CCD result's JSON) with the source of the ASR's pressure scaling added to
    its ``sources`` where the ASR was scaled to ``--pressure`` (it was left out)."""
    from solidcell.mechanics.dendrite import ASR_PRESSURE_SOURCE

    if pressure_Pa is None:
        return record
    return {**record, "sources": list(dict.fromkeys([*record["sources"],
                                                      ASR_PRESSURE_SOURCE]))}


def ccd_command(
    electrolyte: str = typer.Argument(..., help="Separator electrolyte id, a Li+ conductor, e.g. "
                                     "li6ps5cl (the model plates lithium)."),
    flaw_size: list[str] = typer.Option(
        ..., help="Depth of the largest surface flaw, e.g. '5 um' (repeatable, or "
        "comma-separated: '5 um,10 um')."
    ),
    asr: str = typer.Option(
        None,
        help="Interfacial area-specific resistance, e.g. "
        "'10 Ohm cm2'; without it only the critical overpotential.",
    ),
    asr_pressure: str = typer.Option(
        None,
        help="Stack pressure at which --asr was measured, e.g. '5 MPa' (needed with --pressure).",
    ),
    pressure: list[str] = typer.Option(
        None, help="Stack pressures to evaluate, e.g. '1 MPa' (repeatable, or comma-separated: "
        "'1 MPa,5 MPa'; ASR scaled as p^-0.5; the pressure also loads the flaw: CCD 0 where "
        "it alone reaches the flaw's critical pressure)."
    ),
    focusing: float = typer.Option(
        1.0, help="Current focusing at the flaw (>= 1; 1 gives the upper bound)."
    ),
    toughness: str = typer.Option(
        None, help="Fracture toughness, e.g. '0.23 MPa*m**0.5' (default: the knowledge base's)."
    ),
    thickness: str = typer.Option(
        None, help="Thickness of the electrolyte layer, e.g. '30 um': every --flaw-size must "
        "be smaller (without it no bound on the flaw follows)."
    ),
    plot: Path = typer.Option(None, help="Write a plot (.png, .svg or .pdf) of the CCD against "
                              "stack pressure (needs --asr, --asr-pressure and --pressure) to "
                              "this path."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Plating critical current density estimate (Griffith + electrochemical pressure), beside
    the electrolyte's measured CCDs and measured stripping failures (voids on discharge)."""
    from solidcell.mechanics.dendrite import asr_at_pressure, critical_current_density

    if plot is not None:
        check_output_file("--plot", plot)
    _check_separator(electrolyte, toughness)
    # '5 um,10 um' as two --flaw-size
    flaw_size = comma_list(flaw_size, with_units=True, option="--flaw-size")
    pressure = comma_list(pressure, with_units=True, option="--pressure")
    flaws = [quantity_option("--flaw-size", f, "length") for f in flaw_size]
    r0 = quantity_option("--asr", asr, "areal resistance")
    pressures = [quantity_option("--pressure", p, "pressure") for p in pressure or []]
    if pressures and (r0 is None or asr_pressure is None):
        fail("--pressure needs --asr and --asr-pressure (the pressure the ASR was measured at)")
    if asr_pressure is not None and not pressures:
        fail("--asr-pressure needs --pressure (the stack pressures to scale the ASR to)")
    p_ref = quantity_option("--asr-pressure", asr_pressure, "pressure")
    k_ic = quantity_option("--toughness", toughness, "fracture toughness")
    layer = quantity_option("--thickness", thickness, "length")
    cases: list[tuple[float | None, float | None]] = [] if pressures else [(None, r0)]
    for text, p in zip(pressure or [], pressures, strict=True):
        with options(asr_ohm_m2=("--asr", asr), reference_pressure_Pa=("--asr-pressure",
                                                                       asr_pressure),
                     pressure_Pa=("--pressure", text)):
            cases.append((p, asr_at_pressure(r0, p_ref, p)))
    results = []
    for text, a in zip(flaw_size, flaws, strict=True):
        with options(flaw_size_m=("--flaw-size", text), asr_ohm_m2=("--asr", asr),
                     fracture_toughness_Pa_m05=("--toughness", toughness),
                     focusing_factor=("--focusing", focusing),
                     thickness_m=("--thickness", thickness)):
            results += [(a, p, critical_current_density(electrolyte, a, asr_ohm_m2=r,
                                                        fracture_toughness_Pa_m05=k_ic,
                                                        focusing_factor=focusing,
                                                        thickness_m=layer,
                                                        stack_pressure_Pa=p))
                        for p, r in cases]
    if plot is not None:
        if not pressures:
            fail("--plot needs --asr, --asr-pressure and --pressure (the CCD against pressure)")
        from solidcell.mechanics.plot import plot_ccd_vs_pressure

        with writing("--plot", plot):
            plot_ccd_vs_pressure(electrolyte, flaws, r0, p_ref, pressures, plot,
                                 focusing_factor=focusing)
    if as_json:
        print_json([{"Stack pressure [Pa]": p, **_with_scaling_source(res.to_json(), p)}
                    for _, p, res in results])
        return
    print_table(  # the note common to every row; a flaw's own notes follow the table
        f"Plating CCD estimate, {electrolyte} | Li ({results[0][2].note})",
        [
            "flaw [um]",
            "pressure [MPa]",
            "ASR [Ohm cm2]",
            "critical p [MPa]",
            "critical eta [mV]",
            "CCD [mA/cm2]",
        ],
        [
            [
                a * 1e6,
                _mpa(p),
                None if res.asr_ohm_m2 is None else res.asr_ohm_m2 * 1e4,
                res.critical_pressure_Pa / 1e6,
                res.critical_overpotential_V * 1e3,
                None
                if res.critical_current_density_A_m2 is None
                else res.critical_current_density_A_m2 / 10,
            ]
            for a, p, res in results
        ],
    )
    for a, p, res in results:
        if res.strength_note:  # 1 nm gave 3.7 GPa without a word
            typer.echo(f"note (flaw {a * 1e6:g} um): {res.strength_note}")
        if res.stack_note:  # 75 MPa on a 5 um flaw gave a CCD of 2.7 mA/cm2
            typer.echo(f"note (flaw {a * 1e6:g} um, {(p or 0) / 1e6:g} MPa): {res.stack_note}")
    measured = results[0][2].measured
    if measured:
        print_table(
            f"Measured CCD of {electrolyte} (knowledge base)",
            ["CCD [mA/cm2]", "source", "conditions"],
            [[v / 10, src, cond] for v, src, cond in measured],
        )
    stripping = results[0][2].measured_stripping
    if stripping:
        print_table(
            f"Measured stripping failures of {electrolyte} (voids on discharge)",
            ["current [mA/cm2]", "stack pressure [MPa]", "stripped per step [mAh/cm2]",
             "outcome", "source", "conditions"],
            [[o.current_mA_cm2, o.stack_pressure_MPa, o.stripped_mAh_cm2, o.outcome,
              o.source, o.conditions] for o in stripping],
        )
    print_sources(_with_scaling_source({"sources": list(results[0][2].sources)},
                                       results[0][1])["sources"])
    if plot is not None:
        typer.echo(f"plot: {plot}")


def register(app: typer.Typer) -> None:
    app.command("window")(window_command)
    app.command("react")(react_command)
    app.command("compat")(compat_command)
    app.command("interfaces")(interfaces_command)
    app.command("ccd")(ccd_command)
