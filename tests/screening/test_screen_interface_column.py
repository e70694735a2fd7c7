"""The interface verdict of ``screen`` (docs/screening.md): a column per design, computed once
per combination of materials, leaving feasibility and the front alone unless
``require_stable_interfaces`` (``--stable-interfaces``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import solidcell.interfaces.design_flags as design_flags
from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.interfaces.design_flags import STATUS_SEVERITY, InterfaceFlag, worst_status
from solidcell.screening.screen import INTERFACES_KEY, ISSUES_KEY, screen

REPO = Path(__file__).resolve().parents[2]
EV = REPO / "examples" / "ev-nmc811-lpscl-li.yaml"
METRICS = ["Cell gravimetric energy density [W.h.kg-1]", "Cell volumetric energy density [W.h.L-1]"]


def _space(parameters: dict, base: object = str(EV), n: int = 12) -> dict:
    return {"base": base, "method": "lhs", "n": n, "seed": 3, "parameters": parameters,
            "objectives": [{"key": METRICS[0], "sense": "max"},
                           {"key": METRICS[1], "sense": "max"}]}


HALIDE_SWEEP = {"cathode.thickness_m": {"min": "60 um", "max": "120 um"},
                "separator.electrolyte": {"values": ["li6ps5cl", "li3incl6"]}}


@pytest.fixture(scope="module")
def halide_pair() -> tuple:
    """The same space screened by default and with stable interfaces required."""
    space = _space(HALIDE_SWEEP, n=16)
    return (screen(space, with_cost=False),
            screen(space, with_cost=False, require_stable_interfaces=True))


def test_halide_on_lithium_is_unstable_but_feasible_by_default(halide_pair) -> None:
    # docs/interfaces.md: Li3InCl6 | Li is unstable (reduction to LiCl and Li-In alloys, an
    # electronic conductor); the EV example with Li6PS5Cl: LiNbO3-protected cathode
    default, _ = halide_pair
    t = default.table
    halide = t["separator.electrolyte"] == "li3incl6"
    assert halide.any() and (~halide).any()
    assert (t.loc[halide, INTERFACES_KEY] == "unstable").all()
    assert t.loc[halide, ISSUES_KEY].str.contains(
        r"^separator \| anode \(li3incl6 \| li_metal\): .*electronic conductor").all()
    assert (t.loc[~halide, INTERFACES_KEY] == "protected").all()
    assert (t.loc[~halide, ISSUES_KEY] ==  # the worst status's interfaces only
            "cathode active | catholyte (li6ps5cl | nmc811): linbo3 coating; "
            "cathode active | separator (li6ps5cl | nmc811): linbo3 coating").all()
    # feasibility is the energy model's: the unstable designs are feasible, and said so
    assert t.loc[halide, "Feasible"].any()
    assert any("have an unstable interface" in note and "li3incl6 | li_metal" in note
               for note in default.notes)


def test_required_stable_interfaces_drops_only_unstable(halide_pair) -> None:
    default, strict = halide_pair
    d, s = default.table, strict.table
    unstable = d[INTERFACES_KEY] == "unstable"
    assert (s["Feasible"] == (d["Feasible"] & ~unstable)).all()
    dropped = s.loc[d["Feasible"] & unstable, "Reason"]
    assert len(dropped) and dropped.str.startswith(
        "unstable interface separator | anode (li3incl6 | li_metal)").all()
    kept = s["Feasible"].to_numpy()
    for key in METRICS:  # the designs kept have the numbers they had
        np.testing.assert_array_equal(s.loc[kept, key], d.loc[kept, key])
    assert not (s["Pareto"] & unstable).any()
    assert (s.loc[s["Pareto"], "Pareto"] <= d.loc[s["Pareto"], "Feasible"]).all()
    assert not any("have an unstable interface" in note for note in strict.notes)


def test_uncoated_sulfide_catholyte_on_nmc811_is_unstable() -> None:
    # docs/interfaces.md step 4: sulfides react with layered oxides (Li6PS5Cl | NMC811 about
    # -0.45 eV/atom); without the coating nothing protects the cathode interfaces
    bare = CellDesign.from_file(EV).replace(**{"cathode.coating": None,
                                              "cathode.coating_thickness_m": 0.0})
    result = screen(_space({"cathode.thickness_m": {"min": "60 um", "max": "120 um"}},
                           base=bare, n=4), with_cost=False)
    t = result.table
    assert (t[INTERFACES_KEY] == "unstable").all()
    assert t[ISSUES_KEY].str.contains(
        r"cathode active \| catholyte \(li6ps5cl \| nmc811\): .*reacts chemically "
        "with nmc811").all()
    assert t["Feasible"].all()  # by default, the energy model's verdict


class _Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = design_flags.interface_flags

        def counted(design, **kwargs):
            self.calls += 1
            return real(design, **kwargs)

        monkeypatch.setattr(design_flags, "interface_flags", counted)


@pytest.mark.parametrize(("parameters", "expected"), [
    ({"cathode.thickness_m": {"min": "60 um", "max": "120 um"},
      "separator.thickness_m": {"min": "20 um", "max": "40 um"}}, 1),  # no material swept
    ({"cathode.porosity": {"values": [0.05, 0.1, 0.15]}}, 1),  # nor here (3 groups)
    (HALIDE_SWEEP, 2),
])
def test_verdict_once_per_material_combination(monkeypatch: pytest.MonkeyPatch,
                                               parameters: dict, expected: int) -> None:
    counter = _Counter(monkeypatch)
    result = screen(_space(parameters, n=9), with_cost=False)
    assert counter.calls == expected
    assert (result.table[INTERFACES_KEY] != "").all()


STATUSES = st.sampled_from(STATUS_SEVERITY)


@given(st.lists(STATUSES, max_size=6))
def test_worst_status_follows_the_order(statuses: list[str]) -> None:
    flags = [InterfaceFlag(f"i{k}", "a", "b", s, "why") for k, s in enumerate(statuses)]
    worst = worst_status(flags)
    assert worst in (statuses or ["stable"])
    assert all(STATUS_SEVERITY.index(s) <= STATUS_SEVERITY.index(worst) for s in statuses)
    if "unstable" in statuses:
        assert worst == "unstable"


def _space_file(tmp_path: Path) -> Path:
    path = tmp_path / "space.json"
    path.write_text(json.dumps(_space(HALIDE_SWEEP, n=8)), "utf-8")
    return path


def test_cli_json_csv_and_table_carry_the_verdict(tmp_path: Path, capsys) -> None:
    space = _space_file(tmp_path)
    out_csv = tmp_path / "all.csv"
    code, out, err = run(["screen", str(space), "--json", "--csv", str(out_csv)], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["rows"] and all(r[INTERFACES_KEY] in STATUS_SEVERITY for r in data["rows"])
    with out_csv.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r[INTERFACES_KEY] for r in rows} == {"protected", "unstable"}
    assert all(r[ISSUES_KEY] for r in rows)
    front = [r for r in rows if r["Pareto"] == "True"]
    assert front
    code, out, err = run(["screen", str(space)], capsys)
    assert code == 0, err
    for r in front:  # a line with the verdict, which interface and why
        assert f"{r[INTERFACES_KEY]}: {r[ISSUES_KEY]}" in out


def test_cli_stable_interfaces_option(tmp_path: Path, capsys) -> None:
    code, out, err = run(["screen", str(_space_file(tmp_path)), "--json",
                          "--stable-interfaces"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert all(r[INTERFACES_KEY] != "unstable" for r in data["rows"])
    assert any(k.startswith("unstable interface separator | anode (li3incl6 | li_metal)")
               for k in data["Infeasible reasons"])
