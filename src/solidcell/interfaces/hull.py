"""Convex hulls of formation energy as linear programmes (closed and open to one element).

The equilibrium of a composition ``b`` (atoms of each element) among compounds with counts
``A`` (rows) and formation energies ``e`` is the linear programme (Ong et al. 2008)

    H(b) = min_x  e . x   subject to  A^T x = b,  x >= 0,

whose optimum is the energy of the lower convex hull at ``b`` and whose dual variables are the
elements' chemical potentials. Open to element j (lithium) at chemical potential mu, the
grand potential is minimised over the other elements only:

    F(b', mu) = min_x  (e - mu A[:, j]) . x   subject to  A'^T x = b',  x >= 0.

This is the grand-potential phase diagram of Ong et al. (2008) that pymatgen's
``GrandPotentialPhaseDiagram`` builds by facets; here it is solved with HiGHS (SciPy) for one
composition at a time, which is all a window or an interface reaction needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from solidcell.interfaces.energies import EnergyTable

#: amounts below this are numerical zeros of the LP
AMOUNT_TOL = 1e-9


@dataclass(frozen=True)
class Assemblage:
    """An equilibrium phase assemblage: compounds with amounts (formula units)."""

    energy: float  # eV (grand potential when open)
    amounts: dict[str, float]
    duals: np.ndarray | None = None  # chemical potentials of the constrained elements [eV]


def _solve(cost: np.ndarray, a_eq: np.ndarray, b_eq: np.ndarray) -> tuple[float, np.ndarray,
                                                                           np.ndarray]:
    from scipy.optimize import linprog

    res = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    if res.status != 0:
        raise RuntimeError(f"phase-equilibrium LP failed: {res.message}")
    return float(res.fun), np.asarray(res.x), np.asarray(res.eqlin.marginals)


def closed_equilibrium(table: EnergyTable, b: np.ndarray) -> Assemblage:
    """Lowest-energy assemblage of composition ``b`` (counts in ``table.elements`` order)."""
    used = b > 0
    rows = np.flatnonzero((table.counts[:, ~used].sum(axis=1) == 0) & table.usable())
    a = table.counts[np.ix_(rows, np.flatnonzero(used))]
    fun, x, duals = _solve(table.energies[rows], a.T, b[used])
    mu = np.zeros(len(b))
    mu[used] = duals
    return Assemblage(fun, _amounts(table, rows, x), mu)


def open_equilibrium(table: EnergyTable, b: np.ndarray, open_index: int, mu: float) -> Assemblage:
    """Lowest grand-potential assemblage of ``b`` open to element ``open_index`` at ``mu``.

    Only the other elements are conserved; compounds of the open element alone are its
    reservoir and are left out.
    """
    used = b > 0
    used[open_index] = False
    others = np.flatnonzero(used)
    outside = np.ones(len(b), dtype=bool)
    outside[others] = False
    outside[open_index] = False
    rows = np.flatnonzero((table.counts[:, outside].sum(axis=1) == 0)
                          & (table.counts[:, others].sum(axis=1) > 0) & table.usable())
    cost = table.energies[rows] - mu * table.counts[rows, open_index]
    a = table.counts[np.ix_(rows, others)]
    fun, x, _ = _solve(cost, a.T, b[others])
    return Assemblage(fun, _amounts(table, rows, x))


def _amounts(table: EnergyTable, rows: np.ndarray, x: np.ndarray) -> dict[str, float]:
    out: dict[str, float] = {}
    for i, amount in zip(rows, x, strict=True):
        if amount > AMOUNT_TOL:
            out[table.formulas[i]] = out.get(table.formulas[i], 0.0) + float(amount)
    return out


def open_element_content(table: EnergyTable, amounts: dict[str, float], open_index: int) -> float:
    """Atoms of the open element in an assemblage."""
    index = {f: i for i, f in enumerate(table.formulas)}
    return float(sum(n * table.counts[index[f], open_index] for f, n in amounts.items()))
