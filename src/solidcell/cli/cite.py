"""``solidcell cite``: the bibliography of a material, a result file or everything."""

from __future__ import annotations

from pathlib import Path

import typer

from solidcell.cli._common import JSON_OPTION, fail, material_store, print_json


def cite(
    what: str = typer.Argument(None, help="A material id, a source key, or a JSON result file "
                               "with a 'sources' list; nothing: the whole bibliography."),
    text: bool = typer.Option(False, "--text", help="One line per source instead of BibTeX."),
    db: str = typer.Option(None, help="Database path or URL (default: $SOLIDCELL_DB)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Print the sources (BibTeX) behind a material, a result or the whole package."""
    import json

    from solidcell.citations import USER_SOURCE, bibliography, reference, split_sources
    from solidcell.citations import cite as cite_obj

    keys: tuple[str, ...]
    if what is None:
        keys = tuple(bibliography())
    elif what in bibliography():
        keys = (what,)
    elif what.endswith(".json") and Path(what).is_file():
        try:
            data = json.loads(Path(what).read_text("utf-8"))
        except json.JSONDecodeError as exc:
            fail(f"file: {what} is not valid JSON ({exc})")
        found = _collect_sources(data)
        if not found:
            fail(f"file: {what} has no 'sources' list")
        keys = tuple(dict.fromkeys(found))
    else:
        keys = material_store(db).get(what).sources
    if as_json:
        known, yours = split_sources(keys)
        print_json([{"key": k, "citation": reference(k).short(), **reference(k).fields}
                    for k in known] + [{"key": k, "citation": None, "note": USER_SOURCE}
                                       for k in yours])
    else:
        typer.echo(cite_obj(keys, style="text" if text else "bibtex"))


def _collect_sources(data: object) -> list[str]:
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                found.extend(str(v) for v in value)
            else:
                found.extend(_collect_sources(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(_collect_sources(item))
    return found


def register(app: typer.Typer) -> None:
    app.command("cite")(cite)
