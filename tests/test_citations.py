"""solidcell.citations: one bibliography; every key used by the curated data is in it."""

import re
from pathlib import Path

import numpy as np
import pytest
from pymatgen.core import Composition

from solidcell.citations import (
    USER_SOURCE,
    bibliography,
    cite,
    entry_problems,
    parse_bibtex,
    reference,
)
from solidcell.errors import NotFoundError, ValidationError
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
        reference("nope2099")


def test_parse_bibtex_nested_braces() -> None:
    refs = parse_bibtex("@article{k1,\n  title = {The {LiPON} film},\n  year = {1993}\n}\n")
    assert refs["k1"].fields["title"] == "The LiPON film"
    # three levels deep (an accent inside a braced name): the author field used to be dropped,
    # so jousseaume2024_nmc_collapse was cited as "jousseaume2024_nmc_collapse, Energy ..."
    deep = parse_bibtex("@article{k3,\n  author = {Colin, Jean-Fran{\\c{c}}ois},\n"
                        "  title = {T},\n  year = 2024\n}\n")["k3"]
    assert set(deep.fields) == {"author", "title", "year"} and deep.fields["year"] == "2024"
    assert reference("jousseaume2024_nmc_collapse").short().startswith("Jousseaume et al.")


def test_user_sources_are_listed_not_looked_up(tmp_path, open_store) -> None:
    """A user's own source key (README: `materials measure ... --source my-lab-2026`) is listed
    as such by the API and by `solidcell cite` (which used to stop with 'not in solidcell's
    bibliography'); the package's keys still give their BibTeX."""
    import json

    from typer.testing import CliRunner

    from solidcell.citations import USER_SOURCE
    from solidcell.cli import app

    keys = ["murugan2007", "my-lab-2026"]
    assert cite(keys, style="text").splitlines()[1] == f"[my-lab-2026] {USER_SOURCE}"
    assert "@" in cite(keys) and f"% [my-lab-2026] {USER_SOURCE}" in cite(keys)
    db = str(tmp_path / "db.sqlite")
    open_store(db).add_measurement("llzo", {
        "name": "ionic_conductivity", "value": 0.4, "unit": "mS/cm", "temperature": 298.15,
        "method": "measured", "source": "my-lab-2026"})
    runner = CliRunner()
    res = runner.invoke(app, ["cite", "llzo", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    rows = {row["key"]: row for row in json.loads(res.output)}
    assert rows["my-lab-2026"]["citation"] is None and rows["murugan2007"]["citation"]
    res = runner.invoke(app, ["cite", "llzo", "--db", db, "--text"])
    assert res.exit_code == 0 and "[my-lab-2026]" in res.output, res.output


def test_fields_and_one_liners_are_plain_text() -> None:
    """`solidcell cite --text` showed `real\\_cells.csv`: BibTeX escapes belong to the BibTeX
    text only, never to the fields or the one-line citation."""
    ref = parse_bibtex("@misc{k2,\n  title = {The real\\_cells.csv \\& more},\n"
                       "  year = {2026}\n}\n")["k2"]
    assert ref.fields["title"] == "The real_cells.csv & more"
    assert "\\" in ref.bibtex
    assert not [k for k, r in bibliography().items() if "\\" in r.short()]


@pytest.mark.parametrize("obj", [None, 3, 1.5, True, b"llzo", Path("x.json"),
                                 np.array([1.0]), {"x": 1}, Composition("LiFePO4"), ""])
def test_cite_of_something_without_sources_is_a_validation_error(obj: object) -> None:
    """Used to be TypeError ('cannot find sources in int'); a dict without 'sources' and
    the empty string were listed as the user's own source keys."""
    with pytest.raises(ValidationError) as info:
        cite(obj)
    assert info.value.field == "obj" and info.value.value is obj


def test_cite_style_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as info:
        cite("west1999", style="html")
    assert info.value.field == "style"


def test_cite_material_id_cites_the_material() -> None:
    """`sc.cite("llzo")` used to answer "[llzo] your source, not in solidcell's bibliography"
    while `solidcell cite llzo` printed the material's sources."""
    from solidcell.materials import get

    assert cite("llzo", style="text") == cite(get("llzo"), style="text")
    assert USER_SOURCE not in cite("llzo", style="text")
    assert cite("my-notebook-p12", style="text") == f"[my-notebook-p12] {USER_SOURCE}"


def test_every_entry_is_complete_and_well_formed() -> None:
    """Each @article has author, title, journal and year; every DOI is bare (10.NNNN/suffix);
    years are four digits; no written field is lost by the parser."""
    problems = {key: p for key, ref in bibliography().items() if (p := entry_problems(ref))}
    assert problems == {}


@pytest.mark.parametrize(("bibtex", "problem"), [
    ("@article{b,\n  author = {A, B},\n  title = {T},\n  year = {2020}\n}", "without journal"),
    ("@article{b,\n  author = {A, B},\n  title = {T},\n  journal = {J}\n}", "without year"),
    ("@misc{b,\n  title = {T},\n  year = {2020},\n  doi = {https://doi.org/10.1/x}\n}",
     "malformed DOI"),
    ("@misc{b,\n  title = {T},\n  year = {2020},\n  doi = {10.1038 s41467}\n}", "malformed DOI"),
    ("@misc{b,\n  title = {T},\n  year = {2020},\n  doi = {doi:10.1038/x}\n}", "malformed DOI"),
    ("@article{b,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = {n.d.}\n}",
     "not four digits"),
    ("@book{b,\n  title = {T},\n  year = {2001}\n}", "without publisher"),
])
def test_entry_problems_name_what_is_wrong(bibtex: str, problem: str) -> None:
    ref = next(iter(parse_bibtex(bibtex + "\n").values()))
    assert any(problem in p for p in entry_problems(ref)), entry_problems(ref)


def test_no_work_under_two_keys_by_doi() -> None:
    """One DOI, one key (obelix2025 and therrien2026_obelix_paper share a title on purpose:
    the dataset and the paper; only the paper has the DOI)."""
    by_doi: dict[str, list[str]] = {}
    for key, ref in bibliography().items():
        if "doi" in ref.fields:
            by_doi.setdefault(ref.fields["doi"].lower(), []).append(key)
    assert {d: keys for d, keys in by_doi.items() if len(keys) > 1} == {}


def test_placeholders_only_where_no_source_gave_the_data() -> None:
    """Entries whose author list or title could not be read in any source say so; no new entry
    may add such a placeholder (and one completed must leave this list)."""
    placeholder = re.compile(r"unrecorded|not recorded", re.I)
    found = {key for key, ref in bibliography().items()
             if any(placeholder.search(ref.fields.get(f, "")) for f in ("author", "title"))}
    assert found == {"ssi2013_li34si04p06o4", "advmater2024_oxyhalide_nitride",
                     "natenergy2025_lpscl_9ma", "moradi2025_low_pressure_ssb"}
