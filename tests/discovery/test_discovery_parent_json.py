"""`discover --json`'s top-level "Parent" and each candidate's "Parent" are one text: the
parent's formula on the formula unit the amounts are per (``parent_formula``). Before
2026-12-07 the top level was the reduced formula ('LiTi2P3O12', also for 'Li2Ti4(PO4)6',
whose candidates are Li2.8Ti3.2Al0.8P6O24: 0.8 Al per formula unit of Li2Ti4P6O24) and each
candidate's the text typed ('LiTi2(PO4)3'). Property: the candidate's formula is the parent's
with ``Dopant amount`` of the dopant put for as much of the host (charge compensated by Li)."""

from __future__ import annotations

import json

import pytest
from pymatgen.core import Composition

from clirun import run
from solidcell.discovery.candidates import discover, parent_formula


@pytest.mark.parametrize(("typed", "formula"), [("LiTi2(PO4)3", "LiTi2P3O12"),
                                                ("Li2Ti4(PO4)6", "Li2Ti4P6O24")])
def test_parent_is_one_formula_in_the_json(typed: str, formula: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["discover", typed, "--dopants", "Al", "--top", "2", "--no-window",
                          "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["Parent"] == formula
    assert {c["Parent"] for c in data["Candidates"]} == {formula}
    parent = Composition(formula)
    for c in data["Candidates"]:  # the amounts are per this formula unit
        made = Composition(c["Formula"])
        x = c["Dopant amount [per formula unit]"]
        assert made[c["Dopant"]] == pytest.approx(x)
        assert made[c["Host"]] == pytest.approx(parent[c["Host"]] - x)


def test_the_api_agrees() -> None:
    res = discover("LiTi2(PO4)3", ["Al"], top=1, window=False)
    assert res.parent == res.candidates[0].candidate.parent == "LiTi2P3O12"
    assert parent_formula(Composition("Li7La3Zr2O12")) == "Li7La3Zr2O12"
