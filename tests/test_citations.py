"""solidcell.citations: one bibliography; every key used by the curated data is in it."""

import pytest

from solidcell.citations import bibliography, cite, parse_bibtex, reference
from solidcell.errors import NotFoundError
from solidcell.materials.store import curated_materials


def test_bibliography_parses_and_has_core_entries() -> None:
    refs = bibliography()
    assert "srivastava_review" in refs and "codata2018" in refs
    assert reference("codata2018").fields["year"] == "2021"


def test_every_curated_source_is_in_the_bibliography() -> None:
    refs = bibliography()
    missing = {k for m in curated_materials() for k in m.sources if k not in refs}
    assert not missing, f"sources without a bibliography entry: {sorted(missing)}"


def test_every_entry_has_title_and_year() -> None:
    for key, ref in bibliography().items():
        assert "title" in ref.fields, key
        assert "year" in ref.fields, key


def test_cite_material_gives_bibtex_and_text() -> None:
    llzo = next(m for m in curated_materials() if m.id == "llzo")
    bib = cite(llzo)
    assert all(f"{{{k}," in bib for k in llzo.sources)
    text = cite(llzo, style="text")
    assert text.count("\n") == len(llzo.sources) - 1


def test_unknown_key_is_named() -> None:
    with pytest.raises(NotFoundError, match="nope2099"):
        cite(["nope2099"])


def test_parse_bibtex_nested_braces() -> None:
    refs = parse_bibtex("@article{k1,\n  title = {The {LiPON} film},\n  year = {1993}\n}\n")
    assert refs["k1"].fields["title"] == "The LiPON film"
