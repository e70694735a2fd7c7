"""``solidcell predict``, ``solidcell discover`` and ``solidcell train``: conductivity from
composition (model trained on OBELiX), candidate substitutions, and retraining the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from solidcell.checks import comma_items, item_field
from solidcell.cli._common import (
    JSON_OPTION,
    SCHEDULER_TIMEOUT_OPTION,
    case_typo_warning,
    check_output_file,
    fail,
    one_line,
    options,
    print_json,
    print_table,
    progress_bar,
)
from solidcell.errors import ValidationError
from solidcell.textio import csv_column_keys as _column_keys
from solidcell.textio import csv_delimiter

_WINDOW_AUTO = 20  # stability windows take ~1 s each: automatic only for short lists
_LEVEL_HELP = "Coverage of the prediction interval (split-conformal), between 0 and 1."


#: Optional CSV columns with tabulated crystal data (the OBELiX table's kind of data).
CRYSTAL_COLUMNS = ("space_group", "a", "b", "c", "alpha", "beta", "gamma")


#: What ``predict`` reads from one argument (named when an argument is a folder).
PREDICT_INPUTS = ("a chemical formula (Li6PS5Cl), a CIF file or a CSV file with a "
                  "'composition' column")


def _refuse_folder(field: str, item: str, allowed: str, formula_ok: bool = True) -> None:
    """ValidationError when ``item`` names an existing folder: it was read as a formula
    ("'data' is not a chemical formula") or as a missing CSV/CIF file. With ``formula_ok`` a
    folder whose name is also a formula ('Li3PS4', without a trailing '/') is read as the
    formula."""
    try:
        folder = bool(item.strip()) and Path(item).is_dir()
    except OSError:  # a name too long for a path (a long formula: hypothesis) is no folder
        folder = False
    if not folder:
        return
    if formula_ok and not any(sep in item for sep in ("/", "\\")):
        from solidcell.chemistry.composition import parse_composition

        try:
            parse_composition(item)
            return
        except ValidationError:
            pass
    raise ValidationError(field, item, f"{allowed}; {item} is a folder (name a file in it)")


def _inputs(items: list[str]) -> tuple[list[str], list[dict[str, Any] | None], list[str | None]]:
    """Formulas and CIF paths as given, their crystal data (None where there is none) and where
    each came from ("FILE line N" for a CSV row, None for an argument); a .csv file contributes
    its 'composition' column and, where a row fills them, its space_group, a, b, c, alpha, beta,
    gamma columns. Column names are matched ignoring case and surrounding spaces; the file may
    start with a byte-order mark (Excel's "CSV UTF-8") and use ',', ';' or tabs between fields.
    Rows with no value at all are skipped. A CIF named in a row is looked up in the current
    folder, then in the CSV file's folder. A bad row is found when it is predicted (its error
    names the file and line; ``predict`` then still predicts the good rows)."""
    out: list[str] = []
    crystals: list[dict[str, Any] | None] = []
    origins: list[str | None] = []
    for item in items:
        _refuse_folder("input", item, PREDICT_INPUTS)
        if item.lower().endswith(".csv"):
            for line, composition, crystal in _csv_rows(Path(item)):
                out.append(composition)
                crystals.append(crystal)
                origins.append(f"{item} line {line}")
        else:
            out.append(item)
            crystals.append(None)
            origins.append(None)
    if not out:  # only CSV files, none with a row (was "['e.csv'] is not allowed")
        raise ValidationError("input", " ".join(items), "at least one composition: a CSV file "
                              "needs a row below its header line")
    return out, crystals, origins


def _csv_rows(path: Path) -> list[tuple[int, str, dict[str, Any] | None]]:
    """(line number, composition, crystal data or None) of each non-empty row of a CSV file."""
    import csv

    if not path.is_file():
        raise ValidationError("input", str(path), "an existing CSV file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("input", str(path), f"a CSV file in UTF-8 text ({exc.reason} at "
                              f"byte {exc.start}; save it as 'CSV UTF-8')") from None
    except OSError as exc:  # no read permission, an I/O error: was a traceback
        raise ValidationError("input", str(path), f"a readable CSV file (cannot be read: "
                              f"{exc.strerror or exc})") from None
    lines = text.splitlines()
    header = lines[0] if lines else ""
    delimiter = csv_delimiter(header, "composition")  # shared with `materials import`
    if delimiter is None:  # name what the file has: a 'formula' column is a likely reason
        found = (f" (its first line: {header.strip()[:80]!r})" if header.strip() else
                 " (the file is empty)")
        raise ValidationError("input", str(path), f"a CSV file with a 'composition' column"
                              f"{found}")
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        return _rows_of(path, reader)
    except csv.Error as exc:  # a field over csv's 131072 characters: was a traceback
        raise ValidationError("input", str(path), f"a CSV file that Python's csv module reads "
                              f"(line {reader.line_num}: {exc})") from None


def _rows_of(path: Path, reader: Any) -> list[tuple[int, str, dict[str, Any] | None]]:
    """The rows of :func:`_csv_rows` from ``reader`` (a csv.reader at the header line)."""
    keys = _column_keys(next(reader), None)
    col = {k: i for i, k in reversed(list(enumerate(keys)))}  # the first of equal names
    if "composition" not in col:  # the header line held it, but inside a quoted field
        raise ValidationError("input", str(path), f"a CSV file with a 'composition' column "
                              f"(its first row as read: {[k[:40] for k in keys[:8]]!r}; a "
                              "quote '\"' opens a field that runs to the next quote)")
    has_crystal = set(CRYSTAL_COLUMNS) <= set(col)
    if "space_group" in col and not has_crystal:  # was ignored: the composition model answered
        missing = ", ".join(k for k in CRYSTAL_COLUMNS if k not in col)
        raise ValidationError("input", str(path), f"a CSV file with all the crystal columns "
                              f"{', '.join(CRYSTAL_COLUMNS)} or no space_group column "
                              f"({path.name} has space_group but no {missing})")
    from solidcell.discovery.predict import names_a_cif

    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        line = reader.line_num

        def cell(key: str, values: list[str] = values) -> str:
            i = col[key]
            return values[i].strip() if i < len(values) else ""

        composition = cell("composition")  # "" (a row with other values): refused as input
        beside = path.parent / composition  # a CIF named in the file: relative to the file
        if (names_a_cif(composition) and not Path(composition).is_file()
                and beside.is_file()):
            composition = str(beside)
        crystal = None
        if has_crystal and any(cell(k) for k in CRYSTAL_COLUMNS):  # a lattice without a
            # space group was ignored; refused now, naming the row (crystal_features)
            crystal = {"space_group": cell("space_group"),
                       "lattice": [cell(k) for k in CRYSTAL_COLUMNS[1:]]}
        rows.append((line, composition, crystal))
    return rows


def _located(exc: ValidationError, origins: list[str | None]) -> ValidationError:
    """``exc`` with a field like "composition[3]" or "crystal[3].lattice" replaced by the CSV
    file and line the input came from."""
    import re

    match = re.fullmatch(r"(composition|crystal)\[(\d+)\](.*)", exc.field)
    if not match or int(match.group(2)) >= len(origins):
        return exc
    origin = origins[int(match.group(2))]
    if origin is None:  # a formula typed on the command line: its position only if several
        if len(origins) > 1:
            return exc
        return ValidationError(f"{match.group(1)}{match.group(3)}", exc.value, exc.allowed)
    return ValidationError(f"{origin}, {match.group(1)}{match.group(3)}", exc.value, exc.allowed)


def _read_inputs(items: list[str], crystals: list[dict[str, Any] | None],
                 origins: list[str | None], progress: Any = None
                 ) -> tuple[list[Any], list[ValidationError]]:
    """(each good input read and checked, as predict_conductivity reads it; the error of each
    bad one, located as by _located). Each input is read once (the good rows were read
    twice more after a bad one: checked, then predicted), and a repeated one (the same text
    and crystal data) only the first time. One input alone: its error is raised.
    ``progress(done, total)`` as predict_conductivity calls it."""
    from solidcell.discovery.predict import read_input

    checked, errors = [], []
    read: dict[str, Any] = {}  # a row repeated in a CSV file is read once
    for i, (item, crystal) in enumerate(zip(items, crystals, strict=True)):
        key = repr((item, crystal))
        try:
            if key not in read:
                read[key] = read_input(item, crystal, field=f"composition[{i}]",
                                       crystal_field=f"crystal[{i}]")
            checked.append(read[key])
        except ValidationError as exc:
            if len(items) == 1:
                raise _located(exc, origins) from None
            errors.append(_located(exc, origins))
        if progress is not None and ((i + 1) % 256 == 0 or i + 1 == len(items)):
            progress(i + 1, len(items))
    return checked, errors


def _fail_for(errors: list[ValidationError]) -> None:
    """After the good inputs' results: each bad input's error on stderr, exit code 2."""
    if not errors:
        return
    for err in errors:
        typer.echo(f"error: {one_line(err)}", err=True)
    raise typer.Exit(2)


def _window_text(pred: Any) -> str:
    w = pred.stability_window
    return "-" if w is None else f"{w.reduction_limit_V:.2f}-{w.oxidation_limit_V:.2f}"


def register(app: typer.Typer) -> None:
    @app.command("predict")
    def predict(
        inputs: list[str] = typer.Argument(..., help="Formulas (Li6PS5Cl), CIF files, or CSV "
                                           "files with a 'composition' column."),
        level: float = typer.Option(0.9, help=_LEVEL_HELP),
        neighbours: int = typer.Option(3, help="Nearest known materials to show per input."),
        window: bool = typer.Option(None, "--window/--no-window",
                                    help="Add the thermodynamic stability window (default: "
                                    f"yes for up to {_WINDOW_AUTO} inputs)."),
        space_group: str = typer.Option(None, "--space-group",
                                        help="Space group (number or symbol, e.g. Ia-3d) of "
                                        "the one formula given: uses the structure model."),
        lattice: str = typer.Option(None, "--lattice",
                                    help="Conventional a,b,c [Angstrom],alpha,beta,gamma [deg] "
                                    "of the one formula given (with --space-group; hexagonal "
                                    "axes for a trigonal group)."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Predict the room-temperature ionic conductivity (log10 S/cm) with its interval.

        The structure model answers for CIF files, for a formula given with
        --space-group and --lattice, and for CSV rows that fill space_group, a, b, c,
        alpha, beta, gamma."""
        from solidcell.discovery.predict import (
            check_neighbours,
            level_text,
            names_a_cif,
            predict_checked,
        )

        items, crystals, origins = _inputs(inputs)
        for item in items:  # 'LiPoN' was predicted as a polonium nitride without a word
            if not names_a_cif(item):
                case_typo_warning(item)
        if (space_group is None) != (lattice is None):  # (was "--lattice: None is not ...")
            given, missing = (("--lattice", "--space-group") if space_group is None
                              else ("--space-group", "--lattice"))
            fail(f"{given} needs {missing} (the structure model takes both, e.g. "
                 "--space-group Ia-3d --lattice 12.97,12.97,12.97,90,90,90)")
        if space_group is not None:
            if len(items) != 1:
                raise ValidationError("--space-group", space_group,
                                      "used with exactly one formula (for several, a CSV file "
                                      "with space_group, a, b, c, alpha, beta, gamma columns)")
            if names_a_cif(items[0]):  # was "crystal: {...} is not allowed"
                raise ValidationError("--space-group", space_group,
                                      f"none with a CIF file: {items[0]} brings its own space "
                                      "group and lattice")
            from solidcell.discovery.features import crystal_features

            crystal_features(space_group, lattice, fields=("--space-group", "--lattice"))
            crystals = [{"space_group": space_group, "lattice": lattice}]
        if window is None:
            window = len(items) <= _WINDOW_AUTO
        errors: list[ValidationError] = []
        # on stderr at a terminal: 10^4 CSV rows took ~14 s here without a sign of life
        with progress_bar(as_json) as bar:
            task = bar.add_task("reading inputs", total=len(items))

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            with options(level=("--level", level), neighbours=("--neighbours", neighbours)):
                check_neighbours(neighbours)  # before the inputs, as predict_conductivity
                checked, errors = _read_inputs(items, crystals, origins, progress)
                if not checked:
                    _fail_for(errors)
                # each good input read once: predict_checked does not read them again
                preds = predict_checked(checked, level=level, neighbours=neighbours,
                                        window=False)
        if window:
            from solidcell.discovery.predict import _window

            done = []
            windows: dict[str, tuple[Any, str]] = {}  # a formula given twice: one window
            # on stderr (rich's track() wrote to stdout: a blank line before the --json output)
            with progress_bar(as_json) as bar:
                task = bar.add_task("stability windows", total=len(preds))
                for p in preds:
                    if p.formula not in windows:
                        windows[p.formula] = _window(p.formula)
                    done.append(_with_window(p, *windows[p.formula]))
                    bar.advance(task)
            preds = done
        if as_json:
            print_json([p.to_json() for p in preds])
            _fail_for(errors)
            return
        rows = [[p.input, p.formula, p.log10_conductivity_S_cm, p.lower_log10_S_cm,
                 p.upper_log10_S_cm, p.conductivity_S_m / 100.0,
                 "yes" if p.in_domain else "NO", _solubility_text(p.formula), p.model_kind,
                 _window_text(p)] for p in preds]
        print_table(
            f"Predicted room-temperature ionic conductivity ({level_text(level)} interval; model "
            f"{preds[0].model_version}, OBELiX)",
            ["input", "formula", "log10 sigma\n[S/cm]", "lower", "upper", "sigma\n[S/cm]",
             "in domain", "solubility", "features", "window\n[V vs Li]"], rows,
            whole=(1, 2, 3, 4, 5))  # the formula and the numbers whole: a folded 0.0005236
        # read as 0.00052; the headers in two lines leave the room to the other columns
        for p in preds:
            if not p.neighbours:  # --neighbours 0: no "nearest known:" line with nothing after
                if p.note:
                    typer.echo(f"{p.input}: note: {p.note}")
                continue
            near = "; ".join(
                f"{n.name} ({n.origin}: "
                + ("-" if n.log10_conductivity_S_cm is None else
                   f"{'<' if n.censored else ''}{n.log10_conductivity_S_cm:.2f}")
                + f", d={n.distance:.2f})" for n in p.neighbours)
            typer.echo(f"{p.input}: nearest known: {near}")
            if p.note:
                typer.echo(f"  note: {p.note}")
        if any(row[7] != "-" for row in rows):
            typer.echo(SOLUBILITY_LEGEND)
        # of every prediction: the first one's alone left out a later input's solubility
        # limit, stability window and knowledge-base neighbours
        keys = dict.fromkeys(k for p in preds for k in p.all_sources())
        typer.echo("Sources: " + ", ".join(keys) + " (solidcell cite KEY)")
        _fail_for(errors)

    @app.command("discover")
    def discover_cmd(
        parent: str = typer.Argument(..., help="Parent composition, e.g. Li7La3Zr2O12, or a "
                                     "CIF file (radii at its host sites' coordination)."),
        dopants: str = typer.Option(None, help="Comma-separated dopant elements, each in "
                                    "its common oxidation states, or ions for one state "
                                    "(Bi5+) (default: a list of common substituents)."),
        fractions: str = typer.Option(None, help="Comma-separated shares of the host amount "
                                      "to substitute (default 0.05,0.1,0.2,0.3)."),
        amounts: str = typer.Option(None, help="Instead of --fractions: comma-separated "
                                    "dopant amounts x per formula unit, as papers write them "
                                    "(0.25 with Al on Li in Li7La3Zr2O12: "
                                    "Li6.25Al0.25La3Zr2O12; the host's own amount replaces "
                                    "it all: 1 with Sn on Ge in Li10GeP2S12, Li10SnP2S12)."),
        hosts: str = typer.Option(None, help="Comma-separated host elements to substitute "
                                  "(default: all but H, which sits in OH-, BH4-, ...)."),
        top: int = typer.Option(20, help="Show the best N candidates."),
        level: float = typer.Option(0.9, help=_LEVEL_HELP),
        window: bool = typer.Option(False, "--window/--no-window",
                                    help="Compute stability windows of the shown candidates."),
        plot: Path = typer.Option(None, help="Save a ranked plot (PNG/SVG/PDF) here."),
        min_probability: float = typer.Option(
            None, "--min-probability", help="Drop candidates whose data-mined substitution "
            "probability (Hautier et al. 2011, 0 to 1) is below P (default: none dropped).",
            metavar="P"),
        max_radius_mismatch: float = typer.Option(
            None, "--max-radius-mismatch", help="Drop candidates whose relative ionic-radius "
            "mismatch |r_D - r_H| / r_H (Shannon 1976 radii) is above M, a number in (0, 10] "
            "(default: none dropped).", metavar="M"),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Generate charge-balanced substitutions of PARENT and rank them by predicted sigma."""

        from solidcell.discovery.candidates import discover
        from solidcell.discovery.predict import names_a_cif

        if plot is not None:
            check_output_file("--plot", plot)  # before the screening, not after it
        _refuse_folder("parent", parent, "one chemical formula or one CIF file")
        cif_parent = names_a_cif(parent)
        if parent.strip().lower().endswith(".csv"):  # was "'a' is not an amount ..."
            raise ValidationError("parent", parent, "one formula or one CIF file (discover "
                                  "substitutes one parent; 'solidcell predict' reads CSV files)")
        if not cif_parent:
            case_typo_warning(parent)
        from solidcell.discovery.predict import level_text

        def numbers(option: str, text: str | None, example: str) -> list[float] | None:
            return comma_items(option, text, f"comma-separated numbers such as {example}",
                               float)

        if fractions is not None and amounts is not None:
            raise ValidationError("--amounts", amounts, "left out with --fractions (shares of "
                                  "the host amount or amounts per formula unit, not both)")
        shares = numbers("--fractions", fractions, "0.1,0.2")
        per_unit = numbers("--amounts", amounts, "0.25,0.5")
        dopant_list = comma_items("--dopants", dopants,
                                  "comma-separated element symbols such as Ta,Al")
        host_list = comma_items("--hosts", hosts, "comma-separated element symbols such as Zr,La")
        with progress_bar(as_json) as bar:
            task = bar.add_task(f"screening substitutions of {parent}", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            with options(dopants=("--dopants", dopants), fractions=("--fractions", fractions),
                         amounts=("--amounts", amounts), hosts=("--hosts", hosts),
                         level=("--level", level), top=("--top", top),
                         min_probability=("--min-probability", min_probability),
                         max_radius_mismatch=("--max-radius-mismatch", max_radius_mismatch)):
                result = discover(parent, dopant_list, shares, host_list, level=level,
                                  top=top, window=window, progress=progress,
                                  amounts=per_unit, min_probability=min_probability,
                                  max_radius_mismatch=max_radius_mismatch)
        dropped = (f"{result.n_below_probability} of {result.n_generated} candidates below "
                   f"--min-probability {result.min_probability:g} dropped (Hautier 2011 "
                   "substitution probability)" if result.min_probability is not None else "")
        if result.max_radius_mismatch is not None:
            dropped = "; ".join(t for t in (dropped, (
                f"{result.n_above_radius_mismatch} above --max-radius-mismatch "
                f"{result.max_radius_mismatch:g} dropped (Shannon 1976 radii), "
                f"{result.n_without_radius_mismatch} without a radius value kept")) if t)
        if not result.candidates and (result.n_below_probability
                                      or result.n_above_radius_mismatch):
            typer.echo(f"no substitution of {result.parent} left: {dropped}"
                       + ("; no plot written" if plot is not None else ""), err=True)
        elif not result.candidates:
            typer.echo(f"no substitution of {result.parent} with these dopants, hosts and "
                       "fractions or amounts: a dopant needs a common oxidation state (or "
                       "the one written, Bi5+) of its host's sign (halogens, chalcogens and "
                       "N replace anions only, other elements cations only), a candidate "
                       "keeps at least half of the parent's Li, an amount (--amounts) must "
                       "not exceed its host's and a dopant amount that rounds to 0 at 6 "
                       "decimals gives none"
                       + ("; no plot written" if plot is not None else ""), err=True)
        elif plot is not None:
            try:
                result.plot(str(plot), top=top)
            except (OSError, ValueError) as exc:
                fail(f"--plot: cannot write {str(plot)!r} ({exc})")
        if as_json:
            print_json(result.to_json())
            return
        # equal predictions share a rank (they were 11 and 12 in generation order)
        values = [c.log10_conductivity_S_cm for c in result.candidates]  # best first
        ranks = [i + 1 for i in range(len(values))]
        for i in range(1, len(values)):
            if values[i] == values[i - 1]:
                ranks[i] = ranks[i - 1]
        rows = [[ranks[i], c.candidate.formula, c.candidate.label.rsplit(" x=", 1)[0],
                 c.log10_conductivity_S_cm, c.lower_log10_S_cm,
                 c.upper_log10_S_cm, c.change_vs_parent_log10,
                 _probability_text(c.candidate.substitution_probability),
                 _probability_text(c.candidate.radius_mismatch),
                 *([_window_text(c)] if window else [])]  # no column of "-" without it
                for i, c in enumerate(result.candidates)]
        kept = (result.n_generated - result.n_below_probability
                - result.n_above_radius_mismatch)
        print_table(
            f"{len(result.candidates)} best of {kept} substitutions of "
            f"{result.parent} (parent: log10 sigma [S/cm] "
            f"{result.parent_log10_conductivity_S_cm:.2f}, {level_text(level)} interval "
            f"{result.parent_lower_log10_S_cm:.2f} to {result.parent_upper_log10_S_cm:.2f})",
            ["rank", "formula", "substitution", "log10 sigma [S/cm]", "lower", "upper",
             "vs parent [decades]", "substitution probability", "radius mismatch",
             *(["window [V vs Li]"] if window else [])], rows, whole=(1,))
        if dropped and result.candidates:
            typer.echo(dropped)
        if result.n_beyond_solubility_limit:
            n = result.n_beyond_solubility_limit
            typer.echo(f"{n} candidate{'s' if n != 1 else ''} of the default "
                       "fractions not generated: beyond a published solubility limit "
                       "(docs/discovery.md, Solubility limits)")
        for c in result.candidates:  # the user's amounts past a limit or a studied series
            note = c.candidate.solubility_note
            if c.candidate.beyond_solubility_limit or "beyond the series" in note:
                typer.echo(f"{c.candidate.formula}: {note}")
        if len(set(ranks)) < len(ranks) or result.n_tied_beyond_top:
            typer.echo("rank: equal predictions share a rank (the forest's median is the same "
                       "for compositions that fall in the same leaves)"
                       + (f"; {result.n_tied_beyond_top} more candidates beyond --top "
                          f"{top} tie with the last one shown" if result.n_tied_beyond_top
                          else ""))
        from pymatgen.core import Element

        # found by discover() for each candidate (they were parsed and looked up again here)
        unseen = sorted({el for c in result.candidates for el in c.unseen_elements},
                        key=lambda el: Element(el).Z)
        if unseen:  # the JSON says it in each candidate's "Note"
            typer.echo(f"{', '.join(unseen)}: in no OBELiX training entry;"
                       " the model knows such elements only through element properties (an "
                       "extrapolation in chemistry)")
        if result.parent_note:
            typer.echo(f"parent {parent}: {result.parent_note}")
        if cif_parent and result.candidates:
            typer.echo(f"parent and candidates predicted from composition (the candidates "
                       f"have no structure of their own); 'solidcell predict {parent}' gives "
                       "the parent's structure-model prediction")
        if any(c.candidate.substitution_probability is None for c in result.candidates):
            typer.echo("substitution probability '-': an ion outside the Hautier 2011 table "
                       "(kept by --min-probability)")
        if any(c.candidate.radius_mismatch is None for c in result.candidates):
            typer.echo("radius mismatch '-': an ion without a Shannon radius at the host's "
                       "coordination number (kept by --max-radius-mismatch)")
        cns = sorted({c.candidate.coordination_number for c in result.candidates
                      if c.candidate.coordination_number is not None})
        if cns:
            typer.echo("radius mismatch: |r_D - r_H| / r_H of Shannon radii at CN "
                       + ("6 (a formula gives no coordination; a CIF parent gives its host "
                          "sites' CN)"
                          if not names_a_cif(parent) else
                          ", ".join(map(str, cns)) + " (host sites of the CIF, CrystalNN)"))
        typer.echo("Predictions are screening estimates (test MAE in docs/validation.md); "
                   "sources: " + ", ".join(result.all_sources()))
        if plot is not None and result.candidates:
            typer.echo(f"plot written to {plot}")

    @app.command("md")
    def md_cmd(
        structure: Path = typer.Argument(..., help="CIF file of the Li conductor."),
        temperatures: str = typer.Option(
            "600,700,800,900,1000", help="Comma-separated NVT temperatures [K]; a plain number "
            "is in K, or give a unit: '327 degC,427 degC'."),
        ps: str = typer.Option("50", help="Production length per temperature [ps]; a plain "
                               "number is in ps, or give a unit: '0.05 ns'."),
        timestep: str = typer.Option("2", help="Time step [fs]; a plain number is in fs, or "
                                     "give a unit: '0.002 ps'."),
        target: str = typer.Option("300", help="Extrapolate to this temperature [K]; a plain "
                                   "number is in K (as the MD temperatures), or give a unit: "
                                   "'25 degC'."),
        scheduler: str = typer.Option(None, help="Dask scheduler address: run the "
                                      "temperatures on that cluster."),
        scheduler_timeout: str = SCHEDULER_TIMEOUT_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Li diffusivity by CHGNet MD at several temperatures, Arrhenius-extrapolated (needs
        the optional md extra; hours per material on a CPU)."""

        from solidcell import units
        from solidcell.cli._common import number_option, scheduler_timeout_option
        from solidcell.dask_adapter import timeout_field
        from solidcell.discovery.md import run_md
        from solidcell.discovery.predict import check_cif_bytes
        from solidcell.errors import UnitError

        _refuse_folder("structure", str(structure), "an existing CIF file", formula_ok=False)
        if not structure.is_file():
            raise ValidationError("structure", str(structure), "an existing CIF file")
        check_cif_bytes(structure, "structure")  # before the options, the MD and the reading
        import math

        allowed = ("two or more comma-separated temperatures, each > 0 K (a plain number is in "
                   "K), e.g. 600,800,1000 or '327 degC,527 degC'")
        temps: list[float] = []
        items = [item.strip() for item in temperatures.split(",")]
        for k, item in enumerate(items):  # each refused by its position, as typed
            where = item_field("--temperatures", k, len(items))
            if not item and len(items) > 1:  # '600,,800' (the gap was dropped)
                raise ValidationError(where, item, f"no empty item: {allowed}")
            try:
                t = number_option("--temperatures", item, "temperature", "K") if item else None
            except UnitError as exc:
                reason = str(exc).removeprefix("--temperatures: ")
                raise ValidationError(where, item, f"{allowed} ({reason})") from None
            if t is not None and not (math.isfinite(t) and t > 0):
                raise ValidationError(where, item, allowed)
            if t is not None:
                temps.append(t)
        if len(temps) < 2:
            raise ValidationError("--temperatures", temperatures, allowed)
        # checked here, not after hours of MD (the fit checks the target only at its end); a
        # plain number is in the option's unit, as before the options took units
        ps_s = number_option("--ps", ps, "time", "ps")
        timestep_s = number_option("--timestep", timestep, "time", "fs")
        target_K = number_option("--target", target, "temperature", "K")
        for option, text, value, what in (
                ("--ps", ps, ps_s, "a production length > 0 ps"),
                ("--timestep", timestep, timestep_s, "a time step > 0 fs"),
                ("--target", target, target_K, "a temperature > 0 K")):
            if not (value is not None and math.isfinite(value) and value > 0):
                raise ValidationError(option, text, what)
        ps_ps = units.convert(ps_s, "time", "ps")  # type: ignore[arg-type]
        timestep_fs = units.convert(timestep_s, "time", "fs")  # type: ignore[arg-type]
        if ps_ps * 1000.0 / timestep_fs < 1:
            raise ValidationError("--timestep", timestep, f"at most --ps ({ps_ps:g} ps) in fs")
        if scheduler is not None and not scheduler.strip():
            raise ValidationError("--scheduler", scheduler, "a Dask scheduler address such as "
                                  "tcp://host:8786 (leave --scheduler out to run locally)")
        timeout_s = scheduler_timeout_option(scheduler, scheduler_timeout)
        steps = round(ps_ps * 1000.0 / timestep_fs)
        with progress_bar(as_json) as bar:
            task = bar.add_task(f"MD of {structure.name}", total=len(temps))
            with options(temperatures_K=("--temperatures", temperatures),
                         timestep_fs=("--timestep", timestep),
                         production_steps=("--ps", ps),
                         target_temperature_K=("--target", target),
                         scheduler=("--scheduler", scheduler),
                         scheduler_timeout_s=("--scheduler-timeout", scheduler_timeout)), \
                    timeout_field("--scheduler-timeout"):
                fit = run_md(str(structure), temps, timestep_fs=timestep_fs,
                             production_steps=steps, equilibration_steps=max(1, steps // 10),
                             target_temperature_K=target_K, scheduler=scheduler,
                             scheduler_timeout_s=timeout_s,
                             progress=lambda done, total: bar.update(task, completed=done))
        data = fit.to_json()
        if as_json:
            print_json(data)
            return
        rows = [[p.temperature_K, p.diffusivity_m2_s, p.standard_error_m2_s] for p in fit.points]
        print_table("Li diffusivity (CHGNet NVT)", ["T [K]", "D [m2/s]", "std. error"], rows)
        typer.echo(f"Ea = {fit.activation_energy_eV:.3f} +- "
                   f"{fit.activation_energy_error_eV:.3f} eV; "
                   f"D({target_K:g} K) = {fit.diffusivity_m2_s:.3g} m2/s "
                   f"(+- {fit.log10_diffusivity_error:.2f} decades); sigma = "
                   f"{data['Ionic conductivity at target [S.m-1]']} S/m (Nernst-Einstein)")

    @app.command("train")
    def train_cmd(
        out: Path = typer.Option(Path("conductivity_model.json.gz"),
                                 help="Where to write the model (gzipped JSON)."),
        kind: str = typer.Option("composition", help="'composition' (formulas) or 'structure' "
                                 "(adds space group and lattice; used for CIF files and for "
                                 "crystal data: --space-group/--lattice, CSV columns)."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Retrain the conductivity model on OBELiX (official split) and compare it with the
        shipped one.

        Needs scikit-learn, the optional ml extra (predict and discover use the
        shipped models without it). Writes the model to --out and prints the
        metrics recorded in it; the shipped model is not replaced."""

        from solidcell.discovery import model as m

        check_output_file("--out", out, (".gz",))  # gzipped JSON; before the training
        with progress_bar(as_json) as bar:
            task = bar.add_task("training", total=8)

            def step(msg: str) -> None:
                bar.update(task, advance=1, description=msg)

            with options(kind=("--kind", kind)):
                trained = m.train(progress=step, kind=kind)
        try:
            m.save(trained, out)
        except OSError as exc:
            fail(f"--out: cannot write {str(out)!r} ({exc}); give a file in a writable folder")
        shipped = m.read_model_file(m.shipped_model_path(kind))
        same = shipped.get("trees") == trained["trees"]
        labels = {
            "cv_mae": "Grouped CV MAE [log10(S.cm-1)]",
            "cv_mae_censored_aware": "Grouped CV MAE, censored-aware [log10(S.cm-1)]",
            "cv_coverage": "Grouped CV interval coverage",
            "test_mae": "Test MAE [log10(S.cm-1)]",
            "test_mae_censored_aware": "Test MAE, censored-aware [log10(S.cm-1)]",
            "test_mae_uncensored_only": "Test MAE, uncensored entries [log10(S.cm-1)]",
            "test_coverage": "Test interval coverage",
            "test_mean_interval_width": "Test mean interval width [log10(S.cm-1)]",
            "median_predictor_test_mae": "Median predictor test MAE [log10(S.cm-1)]",
            "cv_heldout_coverage_80": "Grouped CV held-out coverage of the 80 % interval",
            "cv_heldout_coverage_90": "Grouped CV held-out coverage of the 90 % interval",
            "cv_heldout_paper_mean_coverage_80":
                "Grouped CV coverage of the 80 % interval, mean over publications",
            "cv_heldout_paper_mean_coverage_90":
                "Grouped CV coverage of the 90 % interval, mean over publications",
        }
        report = {"Model file": str(out), "Model kind": kind,
                  "Model version": trained["model_version"],
                  "Interval level": trained["interval"]["level"],
                  "Identical to the shipped model": same,
                  **{labels.get(k, k): v for k, v in trained["metrics"].items()}}
        if as_json:
            print_json(report)
            return
        print_table("Conductivity model (log10 S/cm)", ["quantity", "value"],
                    [[k, v] for k, v in report.items()])


#: What the predict table's solubility column says (shown below it when a bound applies).
SOLUBILITY_LEGEND = ("solubility: BEYOND a published solubility limit; > series beyond the "
                     "amounts a series studied (no limit published); within the bounds that "
                     "apply; - no bound known (docs/discovery.md, Solubility limits)")


def _solubility_text(formula: str) -> str:
    """The predict table's solubility cell for a formula, against the published bounds of
    ``data/solubility_limits.csv`` (:func:`solidcell.discovery.candidates.solubility_checks`):
    "BEYOND" a solubility limit, "> series" beyond only a studied series (no limit
    published), "within" the bounds that apply, "-" when none applies (not checked)."""
    from solidcell.discovery.candidates import solubility_checks

    checks = solubility_checks(formula)
    if not checks:
        return "-"
    if any(c.beyond_solubility_limit for c in checks):
        return "BEYOND"
    return "> series" if any(c.beyond for c in checks) else "within"


def _probability_text(p: float | None) -> str:
    """A substitution probability for the table: 3 significant digits, '-' when unknown."""
    return "-" if p is None else f"{p:.3g}"


def _with_window(pred: Any, window: Any, note: str) -> Any:
    from dataclasses import replace

    text = ". ".join(t for t in (pred.note, note) if t)  # as predict joins its notes
    return replace(pred, stability_window=window, note=text)

