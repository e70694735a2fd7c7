"""``require_stable_interfaces`` is the screen's last check (docs/screening.md, Interfaces): a
row the energy model refuses keeps the energy model's reason, and its interface columns still
say what is unstable."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from solidcell.cell.energy import REASONS
from solidcell.manufacturing.economics import CostOptions
from solidcell.screening.screen import INTERFACES_KEY, ISSUES_KEY, screen

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
#: a 2 um lithium foil holds less than the EV cathode delivers (N/P < 1, reason 1); Li3InCl6 on
#: lithium is unstable (docs/interfaces.md), Li6PS5Cl with the LiNbO3 coating is protected
SPACE = {"base": str(EV), "method": "grid",
         "parameters": {"anode.thickness_m": {"values": ["2 um", "200 um"]},
                        "separator.electrolyte": {"values": ["li3incl6", "li6ps5cl"]}}}
#: prices of the materials the knowledge base has none for, so that the rows are priced
#: (test inputs only: the test compares two runs with the same prices)
PRICES = CostOptions(prices={"vgcf": 50.0, "linbo3": 100.0, "li3incl6": 50.0})
COST = "Cell cost [USD.kW.h-1]"


@pytest.fixture(scope="module")
def runs() -> tuple:
    return (screen(SPACE, cost_options=PRICES),
            screen(SPACE, cost_options=PRICES, require_stable_interfaces=True))


def _row(table, thickness_m: float, electrolyte: str):
    pick = (np.isclose(table["anode.thickness_m"], thickness_m)
            & (table["separator.electrolyte"] == electrolyte))
    assert pick.sum() == 1
    return table[pick].iloc[0]


def test_energy_reason_before_the_interface_reason(runs) -> None:
    _, strict = runs
    both = _row(strict.table, 2e-6, "li3incl6")  # N/P < 1 and an unstable interface
    assert not both["Feasible"]
    assert both["Reason"] == REASONS[1]
    assert both[INTERFACES_KEY] == "unstable"  # the interface stays visible in its columns
    assert both[ISSUES_KEY].startswith("separator | anode (li3incl6 | li_metal)")


def test_interface_reason_where_nothing_else_refuses(runs) -> None:
    _, strict = runs
    only = _row(strict.table, 2e-4, "li3incl6")
    assert not only["Feasible"]
    assert only["Reason"].startswith("unstable interface separator | anode (li3incl6 | li_metal)")
    fine = _row(strict.table, 2e-4, "li6ps5cl")
    assert fine["Feasible"] and fine["Reason"] == "" and fine[INTERFACES_KEY] == "protected"


def test_required_interfaces_change_only_the_unstable_rows(runs) -> None:
    default, strict = runs
    d, s = default.table, strict.table
    np.testing.assert_array_equal(d[INTERFACES_KEY], s[INTERFACES_KEY])
    np.testing.assert_array_equal(d[ISSUES_KEY], s[ISSUES_KEY])
    energy_refused = ~d["Feasible"].to_numpy()
    np.testing.assert_array_equal(d["Reason"][energy_refused], s["Reason"][energy_refused])
    unstable = (d[INTERFACES_KEY] == "unstable").to_numpy()
    np.testing.assert_array_equal(s["Feasible"], d["Feasible"] & ~unstable)
    kept = s["Feasible"].to_numpy()
    assert np.isfinite(d[COST]).any()
    np.testing.assert_array_equal(s.loc[kept, COST], d.loc[kept, COST])
    assert np.isnan(s.loc[~kept, COST]).all()  # a refused row has no cost
