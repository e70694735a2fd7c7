"""One-line citations of entries without a journal, book title or howpublished field (books,
technical reports): `solidcell cite usgs2020_mcs --text` printed 'U.S. Geological Survey,
 (2020), doi:10.3133/mcs2020', a blank where the report's title belongs."""

from __future__ import annotations

from solidcell.citations import bibliography, reference


def test_reports_and_books_are_cited_by_their_title() -> None:
    assert reference("usgs2020_mcs").short() == (
        "U.S. Geological Survey, Mineral Commodity Summaries 2020 (2020), doi:10.3133/mcs2020")
    assert "Mineral Commodity Summaries 2016" in reference("usgs2016_mcs").short()


def test_no_one_line_citation_has_a_blank_venue() -> None:
    blank = [r.short() for r in bibliography().values()
             if ",  " in r.short() or ", (" in r.short()]
    assert blank == []
