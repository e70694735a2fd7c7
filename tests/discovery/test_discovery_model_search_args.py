"""`python -m solidcell.discovery.model_search` refuses bad arguments before any work, in one
line naming the option: --seeds 0 raised ValueError ("min() arg is an empty sequence") after
featurising the training split, a --cifs path that is no file was skipped without a word (the
Li-sublattice variant silently missing), and an --only that names no variant ran the interval
step alone. Nothing here touches the test split (the search reads the training split only)."""

from __future__ import annotations

import sys

import pytest

from solidcell.discovery import model_search
from solidcell.errors import ValidationError


@pytest.mark.parametrize("seeds", [0, -1, 1.5, True])
def test_seeds_must_be_a_whole_number_of_at_least_one(seeds) -> None:
    with pytest.raises(ValidationError) as err:
        model_search.search("composition", seeds)
    assert err.value.field == "seeds"


def test_a_cif_archive_that_is_no_file_is_refused(tmp_path) -> None:
    with pytest.raises(ValidationError) as err:
        model_search.search("structure", 1, cif_archive=tmp_path / "missing.tar.gz")
    assert err.value.field == "cifs"


def test_only_naming_no_variant_lists_the_variants() -> None:
    pytest.importorskip("sklearn")
    with pytest.raises(ValidationError) as err:
        model_search.search("composition", 1, only="no such variant", say=lambda _m: None)
    assert err.value.field == "only" and "shipped 1.3.0" in err.value.allowed


def test_the_command_line_says_it_in_one_line(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["model_search", "--seeds", "0"])
    with pytest.raises(SystemExit) as stop:
        model_search.main()
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == ("model_search: error: --seeds: 0 is not allowed; a whole "
                                    "number >= 1")
