"""`discover` reads, checks and balances its parent once (``_formula_parent`` ran up to three
times on the same parent, the oxidation states twice) and gives the candidates that
`generate_candidates` gives for that parent."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from solidcell.discovery import candidates

CIF = Path(__file__).resolve().parent.parent / "data" / "discovery" / "obelix_de5_Li3InCl6.cif"


def _count(monkeypatch, *names: str) -> Counter:
    """Counts of calls to the functions ``names`` of the candidates module."""
    calls: Counter = Counter()
    for name in names:
        real = getattr(candidates, name)

        def counting(*args, _real=real, _name=name, **kwargs):
            calls[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(candidates, name, counting)
    return calls


@pytest.mark.parametrize("parent", ["Li3YCl6", str(CIF)])
def test_discover_reads_its_parent_once(parent: str, monkeypatch) -> None:
    want = candidates.generate_candidates(parent, ["In"], [0.1])
    calls = _count(monkeypatch, "_formula_parent", "_structure_parent", "_formula_states")
    result = candidates.discover(parent, ["In"], [0.1], window=False)
    assert calls["_formula_parent"] == 1 and calls["_formula_states"] == 1
    assert calls["_structure_parent"] == (parent == str(CIF))
    # the same candidates as the generation alone gives (only their ranking differs)
    def by_formula(c):
        return c.formula

    got = sorted((c.candidate for c in result.candidates), key=by_formula)
    assert got == sorted(want, key=by_formula)
