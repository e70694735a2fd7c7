"""``solidcell cite``: the bibliography of a material, a result file or everything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from solidcell.cli._common import fail, material_store, print_json


def cite(
    what: str = typer.Argument(None, help="A material id, a source key (of the bibliography, "
                               "or of your own materials and measurements), or a JSON result "
                               "file with a 'sources' list; nothing: the whole bibliography."),
    text: bool = typer.Option(False, "--text", help="One line per source instead of BibTeX."),
    db: str = typer.Option(None, help="Database path or SQLAlchemy URL (default: "
                           "$SOLIDCELL_DB, else the user data dir)."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON (key, "
                                 "citation and BibTeX fields of each source) instead of "
                                 "BibTeX."),
) -> None:
    """Print the sources (BibTeX) behind a material, a result or the whole package."""
    from solidcell.citations import (
        SPACED_ENDS,
        USER_SOURCE,
        bibliography,
        cite_keys,
        reference,
        spaced_ends,
        split_sources,
    )

    keys: tuple[str, ...]
    uses: list[dict[str, Any]] = []  # where the user's database cites a key of its own
    if what is None:
        keys = tuple(bibliography())
    elif what in bibliography():
        keys = (what,)
    elif what.strip() and (what.lower().endswith(".json") or Path(what).is_dir()):
        keys = tuple(dict.fromkeys(_file_sources(Path(what))))
    else:
        store = material_store(db)
        bare = spaced_ends(what)
        if bare is not None and what not in store:  # ' lgps': no key or id has spaces at
            # its ends (close keys were suggested, as if it were a typo)
            fail(f"what: {what!r} is not allowed; {SPACED_ENDS}"
                 + (f"; did you mean {bare}?" if bare in bibliography() or bare in store
                    else _hint(bare, store) or "; `solidcell cite --text` lists the keys, "
                    "`solidcell materials list` the ids"))
        if what in store:
            keys = store.get(what).sources
        else:
            # a source key of the user's own data ('my-lab-2026' of `materials measure
            # --source`) was refused: it was citable only through a material's id
            uses = store.source_uses(what)
            if not uses:  # neither a key (tested above), an id nor a key of yours: name all
                fail(f"what: {what!r} is neither a source key of the bibliography or of your "
                     "database nor a material id of the database; allowed: a key (`solidcell "
                     "cite --text` lists the bibliography's), an id (`solidcell materials "
                     f"list`) or a JSON result file{_hint(what, store)}")
            keys = (what,)
    if as_json:
        known, yours = split_sources(keys)
        print_json([{"key": k, "citation": reference(k).short(), **reference(k).fields}
                    for k in known] + [{"key": k, "citation": None, "note": USER_SOURCE}
                                       | ({"used_by": uses} if uses else {}) for k in yours])
    else:  # the writer of solidcell.cite, the uses' line included
        typer.echo(cite_keys(keys, "text" if text else "bibtex", {what: uses} if uses else None))


def _hint(what: str, store: Any) -> str:
    """What ``what`` was likely meant to be: the closest keys and ids (a key typed with a
    capital, 'Obelix2025'; an id with a typo, 'li6pscl'), or, for a design file, the result
    to cite instead; '' when nothing is close."""
    import difflib

    from solidcell.citations import bibliography

    if what.lower().endswith((".yaml", ".yml")):
        return (f"; {what!r} is a design, not a result: cite the JSON of a command run on it, "
                f"e.g. `solidcell evaluate {what} --json > result.json`, then "
                "`solidcell cite result.json`")
    names = {n.lower(): n for n in [*bibliography(), *store.ids(), *_user_keys(store)]}
    close = difflib.get_close_matches(what.strip().lower(), list(names), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(names[c] for c in close)}?" if close else ""


def _user_keys(store: Any) -> list[str]:
    """The source keys of your own materials and measurements (close matches of a typo)."""
    keys = [k for m in store.list(origin="user") for k in m.sources]
    return list(dict.fromkeys(keys + [p.source for _pk, _mid, p in store.measurements()]))


def _file_sources(path: Path) -> list[str]:
    """The source keys of a JSON result file; a missing file, a folder, text that is not UTF-8
    or not JSON, and a file without a 'sources' list are refused naming the file."""
    import json

    from solidcell.textio import load_json

    allowed = "a JSON result file with a 'sources' list, e.g. of `solidcell evaluate --json`"
    if path.is_dir():
        fail(f"file: {str(path)!r} is a folder; allowed: {allowed}")
    if not path.is_file():
        fail(f"file: {str(path)!r} does not exist; allowed: {allowed}")
    try:  # strict: a key twice in one object (e.g. two 'sources' lists) is refused by name
        data = load_json(path.read_text("utf-8"))
    except UnicodeDecodeError:
        fail(f"file: {str(path)!r} is not UTF-8 text; allowed: {allowed}")
    except OSError as exc:  # no read permission, an I/O error: was a traceback
        fail(f"file: {str(path)!r} cannot be read ({exc.strerror or exc}); allowed: "
             f"{allowed}")
    except ValueError as exc:  # json.JSONDecodeError, a key twice, NaN or Infinity
        fail(f"file: {path} is not valid JSON ({exc})")
    found = _collect_sources(data)
    if not found:
        fail(f"file: {path} has no 'sources' list")
    odd = [v for v in found if not isinstance(v, str) or not v.strip()]
    if odd:  # a number was cited as "your source" 5
        fail(f"file: {path} has {json.dumps(odd[0])} in a 'sources' list; allowed: source "
             "keys (texts), as solidcell's results write them")
    return found


def _collect_sources(data: object) -> list[Any]:
    """Every item of every 'sources' list in ``data``, as the file holds it."""
    found: list[Any] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                found.extend(value)
            else:
                found.extend(_collect_sources(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(_collect_sources(item))
    return found


def register(app: typer.Typer) -> None:
    app.command("cite")(cite)
