"""Entries cited without authors are weak provenance: each one must say so, and where it was
searched, in its own text (docs/conventions.md, Sources)."""

from __future__ import annotations

import re

from solidcell.citations import Reference, bibliography

#: How an author list that no page read gave is written in the author field.
_NOT_READ = re.compile(r"not read|unrecorded", re.I)


def _without_authors(ref: Reference) -> bool:
    """No author list read: a placeholder author, or no author, editor nor organisation."""
    author = ref.fields.get("author", "")
    if author:
        return bool(_NOT_READ.search(author))
    return not (ref.fields.get("editor") or ref.fields.get("organization"))


def test_without_authors_is_recognised() -> None:
    """The placeholder, a missing author list and a corporate or edited book are told apart."""
    def ref(**fields: str) -> Reference:
        return Reference(key="k", kind="misc", fields={"title": "T", **fields}, bibtex="")

    assert _without_authors(ref(author="authors not read"))
    assert _without_authors(ref(author="Unrecorded authors"))
    assert _without_authors(ref())
    assert not _without_authors(ref(author="Klopsch, Richard and others"))
    assert not _without_authors(ref(editor="Haynes, William M."))
    assert not _without_authors(ref(organization="ASM International"))


def test_every_entry_without_authors_says_so_in_its_own_text() -> None:
    """Its note or howpublished names the missing authors (what page was read, what was
    searched), so a reader of the BibTeX sees the weak provenance."""
    silent = []
    for key, ref in bibliography().items():
        if not _without_authors(ref):
            continue
        said = f"{ref.fields.get('note', '')} {ref.fields.get('howpublished', '')}"
        if not re.search(r"author", said, re.I):
            silent.append(key)
    assert silent == []
