"""One bibliography for every number solidcell uses, and "cite what you used".

The bibliography is every ``*.bib`` file in ``solidcell/data/references/`` (one file per area
of the package, so that areas can grow apart). Every source key in the curated data,
in the models and in the results must be an entry there (a test checks it). Results carry a
``sources`` tuple of keys; :func:`cite` turns any object with sources into BibTeX or text.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from solidcell.errors import NotFoundError, ValidationError

_ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", re.S)
_FIELD_NAME = re.compile(r"(\w+)\s*=\s*")
_QUOTED_OR_NUMBER = re.compile(r"\"[^\"]*\"|\d+")


@dataclass(frozen=True)
class Reference:
    """One bibliography entry."""

    key: str
    kind: str
    fields: dict[str, str]
    bibtex: str

    def short(self) -> str:
        """``"Kamaya et al., Nat. Mater. 10, 682 (2011)"``-style one-liner."""
        f = self.fields
        authors = f.get("author", f.get("organization", f.get("publisher", self.key)))
        names = [a.strip() for a in authors.split(" and ")]
        first = names[0].split(",")[0].strip() if names else self.key
        who = first + (" et al." if len(names) > 2 else f" & {names[1].split(',')[0]}"
                       if len(names) == 2 else "")
        # a book or report has no venue field: its title stands for it
        where = (f.get("journal") or f.get("booktitle") or f.get("howpublished")
                 or f.get("title") or "")
        volume = f" {f['volume']}" if "volume" in f else ""
        pages = f", {f['pages'].split('-')[0]}" if "pages" in f else ""
        year = f" ({f['year']})" if "year" in f else ""
        doi = f", doi:{f['doi']}" if "doi" in f else ""
        head = f"{who}, {where}" if where else who
        return f"{head}{volume}{pages}{year}{doi}".replace(", ,", ",").strip(", ")


def _clean(value: str) -> str:
    """A field's value as plain text: outer delimiters, braces and escapes (``real\\_cells``
    -> ``real_cells``) removed, whitespace collapsed (the ``bibtex`` text keeps them)."""
    value = value.strip()
    if value[:1] in "{\"":
        value = value[1:-1]
    value = re.sub(r"\\([_&%#$])", r"\1", value)
    return re.sub(r"\s+", " ", value.replace("{", "").replace("}", "")).strip()


def _braced(body: str, start: int) -> int:
    """End (exclusive) of the ``{...}`` group opening at ``body[start]``, braces nested to any
    depth (``Fran{\\c{c}}ois`` inside an author list); -1 when it is not closed."""
    depth = 0
    for i in range(start, len(body)):
        depth += {"{": 1, "}": -1}.get(body[i], 0)
        if depth == 0:
            return i + 1
    return -1


def _fields(body: str) -> dict[str, str]:
    """``name = {value}``, ``name = "value"`` and ``name = 2024`` fields of an entry body, by
    lower-case name (a value with braces nested three deep used to be dropped silently)."""
    fields: dict[str, str] = {}
    pos = 0
    while (name := _FIELD_NAME.search(body, pos)) is not None:
        start = name.end()
        if body[start:start + 1] == "{":
            end = _braced(body, start)
        else:
            value = _QUOTED_OR_NUMBER.match(body, start)
            end = value.end() if value else -1
        if end < 0:  # not a field value: look for the next name after this one
            pos = start
            continue
        fields[name.group(1).lower()] = _clean(body[start:end])
        pos = end
    return fields


def parse_bibtex(text: str) -> dict[str, Reference]:
    """Parse the (well-formed, project-written) BibTeX text into references by key."""
    refs: dict[str, Reference] = {}
    for match in _ENTRY.finditer(text):
        kind, key, body = match.groups()
        fields = _fields(body)
        refs[key] = Reference(key=key, kind=kind.lower(), fields=fields, bibtex=match.group(0))
    return refs


#: Fields each kind of entry must have (BibTeX's required fields; any other kind: title, year).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("title", "publisher", "year"),
    "techreport": ("title", "institution", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "incollection": ("author", "title", "booktitle", "year"),
}
_DOI = re.compile(r"10\.\d{4,9}/\S+")  # a bare DOI: no "doi:" or https://doi.org/ prefix


def entry_problems(ref: Reference) -> list[str]:
    """What is missing or malformed in one entry ([] when none): a required field of its kind,
    a DOI that is not a bare ``10.NNNN/suffix``, a year that is not four digits (``n.d.`` only
    for an undated @misc web page), a field written in the BibTeX text but lost by the parser."""
    fields = ref.fields
    required = REQUIRED_FIELDS.get(ref.kind, ("title", "year"))
    problems = [f"@{ref.kind} without {name}" for name in required if not fields.get(name)]
    if "doi" in fields and not _DOI.fullmatch(fields["doi"]):
        problems.append(f"malformed DOI {fields['doi']!r}: give it bare, as 10.NNNN/suffix")
    year = fields.get("year", "")
    if year and not (re.fullmatch(r"\d{4}", year) or (year == "n.d." and ref.kind == "misc")):
        problems.append(f"year {year!r} is not four digits")
    written = {name.lower() for name in re.findall(r"^\s*(\w+)\s*=", ref.bibtex, re.M)}
    if lost := sorted(written - set(fields)):
        problems.append(f"fields written but not parsed: {lost}")
    return problems


@lru_cache(maxsize=1)
def bibliography() -> dict[str, Reference]:
    """All references of the package, by key (a key defined twice is an error)."""
    folder = resources.files("solidcell.data").joinpath("references")
    refs: dict[str, Reference] = {}
    for file in sorted(folder.iterdir(), key=lambda f: f.name):
        if not file.name.endswith(".bib"):
            continue
        for key, ref in parse_bibtex(file.read_text("utf-8")).items():
            if key in refs:
                raise ValueError(f"bibliography: key {key!r} is defined twice ({file.name})")
            refs[key] = ref
    return refs


def reference(key: str) -> Reference:
    """The reference ``key``; a clear error when it is not in the bibliography."""
    try:
        return bibliography()[key]
    except KeyError:
        raise NotFoundError(
            f"source {key!r} is not in solidcell's bibliography (solidcell/data/references/*.bib)"
        ) from None


def sources_of(obj: Any) -> tuple[str, ...]:
    """Source keys of a result, a material, a cell design (:func:`design_sources`), a mapping
    with ``sources`` or an iterable of keys."""
    if isinstance(obj, str):
        if not obj.strip():
            raise ValidationError("obj", obj, "a source key must not be empty")
        return (obj,)
    if (keys := design_sources(obj)) is not None:
        return tuple(dict.fromkeys(keys))
    for attr in ("all_sources", "sources"):
        try:  # (pymatgen's Composition raises TypeError, not AttributeError, for a missing name)
            value = getattr(obj, attr)
        except (AttributeError, TypeError):
            continue
        else:
            value = value() if callable(value) else value
            return tuple(dict.fromkeys(value))
    if isinstance(obj, Mapping):
        try:
            has_sources = "sources" in obj
        except TypeError:  # a pymatgen Composition is a Mapping of elements
            has_sources = False
        if not has_sources:
            raise ValidationError("obj", obj, "a mapping needs a 'sources' list of keys")
        return sources_of(list(obj["sources"]) if not isinstance(obj["sources"], str)
                          else obj["sources"])
    if isinstance(obj, Iterable) and not isinstance(obj, bytes):
        try:
            items = iter(obj)
        except TypeError:  # a 0-d NumPy array is Iterable by type, not by value
            items = None
        if items is not None:
            keys: list[str] = []
            for item in items:
                keys.extend(sources_of(item))
            return tuple(dict.fromkeys(keys))
    raise ValidationError("obj", obj, "give a result, a Material or a CellDesign (with "
                          "sources), a mapping with 'sources', a source key or a list of them")


def design_sources(obj: Any) -> tuple[str, ...] | None:
    """The sources of a :class:`~solidcell.cell.design.CellDesign`'s materials and data (those
    of ``obj.resolved()``; ``cite(evaluate(design))`` adds the models an evaluation used);
    None for anything else. A design without sources is refused, saying what to cite."""
    design = sys.modules.get("solidcell.cell.design")  # not imported: obj is no design
    if design is None or not isinstance(obj, design.CellDesign):
        return None
    sources = obj.resolved().sources  # (cite(design) was refused, cite(evaluate(design)) not)
    if not sources:
        raise ValidationError("obj", obj, "a design whose materials have sources (this one's "
                              "have none); cite(solidcell.evaluate(design)) cites the models "
                              "its evaluation used")
    return sources


#: How :func:`cite` marks a source key of the user's own data (a lab notebook page, a DOI)
#: that is not in the package's bibliography: listed, never looked up or invented.
USER_SOURCE = "your source, not in solidcell's bibliography"


def split_sources(keys: Iterable[str]) -> tuple[list[str], list[str]]:
    """(keys in the package's bibliography, the user's own keys), order kept."""
    refs = bibliography()
    keys = list(dict.fromkeys(keys))
    return [k for k in keys if k in refs], [k for k in keys if k not in refs]


#: Why a text with spaces or line breaks at its ends is no source key and no material id (the
#: rule of materials ids, solidcell.materials.store: ``materials get ' lgps'``).
SPACED_ENDS = ("it has spaces or line breaks at its ends, which no source key of the "
               "bibliography and no material id has")


def spaced_ends(text: object) -> str | None:
    """``text`` without the spaces or line breaks at its ends, where it has some around other
    characters; None for anything else (text without them, only spaces, not a str)."""
    if not isinstance(text, str):
        return None
    bare = text.strip()
    return bare if bare and bare != text else None


def _spaced_known(text: str) -> str | None:
    """The source key or material id that ``text`` is with spaces at its ends, else None."""
    bare = spaced_ends(text)
    if bare is None:
        return None
    if bare in bibliography():
        return bare
    from solidcell.materials import get

    try:
        get(bare)
    except (NotFoundError, ValidationError):
        return None
    return bare


def cite(obj: Any, style: str = "bibtex") -> str:
    """Everything ``obj`` used, as BibTeX (``style="bibtex"``) or one line each (``"text"``).
    Keys of the user's own data that are not in the bibliography are listed as such; a key of
    the user's database given alone (``cite("my-lab-2026")``) also names where that database
    uses it (:func:`uses_line`), as ``solidcell cite KEY`` does."""
    if not isinstance(style, str) or style not in ("bibtex", "text"):
        raise ValidationError("style", style, "use 'bibtex' or 'text'")
    uses: dict[str, list[dict[str, Any]]] = {}
    if isinstance(obj, str) and obj not in bibliography():
        # a material id (sc.cite("llzo")) cites the material, as `solidcell cite llzo` does
        from solidcell.materials import get

        with contextlib.suppress(NotFoundError):  # else the user's own key, listed as such
            obj = get(obj)
        if isinstance(obj, str) and (bare := _spaced_known(obj)) is not None:
            # ' lgps' was listed as "your source, not in solidcell's bibliography"
            raise ValidationError("obj", obj, f"a source key or a material id; {SPACED_ENDS}; "
                                  f"did you mean {bare}?")
        if isinstance(obj, str) and obj.strip():
            from solidcell.materials.store import default_store

            uses = {obj: default_store().source_uses(obj)}
    # a design's own refusal (a material, a layer) names its field, not "obj"
    obj = design_sources(obj) or obj
    try:
        keys = sources_of(obj)
    except ValidationError as exc:  # name what was passed, not the item deep inside it
        raise ValidationError("obj", obj, exc.allowed) from None
    return cite_keys(keys, style, uses)


def cite_keys(keys: Iterable[str], style: str = "bibtex",
              uses: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> str:
    """:func:`cite` of source ``keys`` (checked): the bibliography's entries, then the user's
    own keys, each followed by the line of its ``uses`` in the user's database
    (:meth:`~solidcell.materials.store.MaterialStore.source_uses`; :func:`uses_line`) where
    it has some. The one writer of ``solidcell cite`` and :func:`cite`."""
    if not isinstance(style, str) or style not in ("bibtex", "text"):
        raise ValidationError("style", style, "use 'bibtex' or 'text'")
    known, yours = split_sources(keys)
    uses = uses or {}
    refs = [reference(key) for key in known]
    lines = [uses_line(key, uses[key], style) for key in yours if uses.get(key)]
    if style == "text":
        return "\n".join([f"[{ref.key}] {ref.short()}" for ref in refs]
                         + [f"[{key}] {USER_SOURCE}" for key in yours] + lines)
    entries = [ref.bibtex for ref in refs] + [f"% [{key}] {USER_SOURCE}" for key in yours]
    return "\n\n".join(entries + lines) + ("\n" if entries else "")


def uses_line(key: str, uses: Sequence[Mapping[str, Any]], style: str = "text") -> str:
    """Where the user's database cites its own source ``key``, in one line: ``[my-lab-2026]
    used in your database by: material my_lzc (ionic_conductivity); measurement 268 on llzo
    (ionic_conductivity)``; a BibTeX comment (``% ...``) for ``style="bibtex"``. ``uses``:
    :meth:`~solidcell.materials.store.MaterialStore.source_uses`, the ``used_by`` of
    ``solidcell cite KEY --json``."""
    return (("" if style == "text" else "% ") + f"[{key}] used in your database by: "
            + "; ".join(_use_text(u) for u in uses))


def _use_text(use: Mapping[str, Any]) -> str:
    """One use of :meth:`MaterialStore.source_uses`: ``material my_lzc (ionic_conductivity)``
    or ``measurement 268 on llzo (ionic_conductivity)``."""
    if "measurement" in use:
        return f"measurement {use['measurement']} on {use['material']} ({use['property']})"
    return f"material {use['material']} ({use['property']})"
