"""The small simplex solver against SciPy's HiGHS on phase-diagram problems."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.interfaces.energies import shipped_table
from solidcell.interfaces.hull import _solve, closed_equilibrium, open_equilibrium

SYSTEMS = [("Li", "P", "S"), ("Li", "La", "Zr", "O"), ("Li", "Ge", "P", "S"),
           ("Li", "Co", "O", "P", "S"), ("Li", "Nb", "O", "S", "Cl", "P")]


def _highs(cost: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    from scipy.optimize import linprog

    res = linprog(cost, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
    assert res.status == 0
    return float(res.fun)


@settings(max_examples=40, deadline=None)
@given(system=st.sampled_from(SYSTEMS), data=st.data(),
       mu=st.floats(-6.0, 0.0), scheme=st.sampled_from(["zhu2015", "mp2019-legacy"]),
       pruned=st.booleans())
def test_closed_and_open_optimum_match_highs(system: tuple[str, ...], data: st.DataObject,
                                             mu: float, scheme: str, pruned: bool) -> None:
    amounts = data.draw(st.lists(st.floats(0.01, 5.0), min_size=len(system),
                                 max_size=len(system)))
    table = shipped_table(scheme).subsystem(system)
    if not pruned:  # every polymorph-free row, metastable ones included (more degenerate)
        table = dataclasses.replace(table, stable=None)
    b = table.vector(dict(zip(system, amounts, strict=True)))
    closed = closed_equilibrium(table, b)
    full = table
    rows = np.flatnonzero(full.usable())
    assert closed.energy == pytest.approx(
        _highs(full.energies[rows], full.counts[rows].T, b), abs=1e-7 * b.sum() + 1e-9)
    j = table.elements.index("Li")
    opened = open_equilibrium(table, b, j, mu)
    others = [i for i in range(len(system)) if i != j]
    keep = rows[full.counts[rows][:, others].sum(axis=1) > 0]
    ref = _highs(full.energies[keep] - mu * full.counts[keep, j],
                 full.counts[keep][:, others].T, b[others])
    assert opened.energy == pytest.approx(ref, abs=1e-7 * b.sum() + 1e-9)


def test_duals_are_chemical_potentials() -> None:
    # At Li3PS4 the Li chemical potential (eV, vs Li metal) lies inside its window, -V:
    # 1.71-2.31 V (Zhu, He & Mo 2015, Table 1; this table gives 1.72-2.30 V).
    table = shipped_table("zhu2015").subsystem({"Li", "P", "S"})
    b = table.vector({"Li": 3, "P": 1, "S": 4})
    eq = closed_equilibrium(table, b)
    assert list(eq.amounts) == ["Li3PS4"]
    mu_li = eq.duals[table.elements.index("Li")]
    assert -2.31 <= mu_li <= -1.71


def test_row_without_elemental_column_uses_artificial_start() -> None:
    # min x1 + 2 x2 s.t. x1 + x2 = 1, x1 - x2 = 0 (no single-entry column): optimum 1.5
    fun, x, _ = _solve(np.array([1.0, 2.0]), np.array([[1.0, 1.0], [1.0, -1.0]]),
                       np.array([1.0, 0.0]))
    assert fun == pytest.approx(1.5)
    assert x == pytest.approx([0.5, 0.5])
