"""Convex hulls of formation energy as linear programmes (closed and open to one element).

The equilibrium of a composition ``b`` (atoms of each element) among compounds with counts
``A`` (rows) and formation energies ``e`` is the linear programme (Ong et al. 2008)

    H(b) = min_x  e . x   subject to  A^T x = b,  x >= 0,

whose optimum is the energy of the lower convex hull at ``b`` and whose dual variables are the
elements' chemical potentials. Open to element j (lithium) at chemical potential mu, the
grand potential is minimised over the other elements only:

    F(b', mu) = min_x  (e - mu A[:, j]) . x   subject to  A'^T x = b',  x >= 0.

This is the grand-potential phase diagram of Ong et al. (2008) that pymatgen's
``GrandPotentialPhaseDiagram`` builds by facets; here it is solved by a small revised simplex
(NumPy only, so a cold start imports neither SciPy's optimiser nor pymatgen's phase diagrams)
for one composition at a time, which is all a window or an interface reaction needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from solidcell.interfaces.energies import EnergyTable

#: amounts below this are numerical zeros of the LP
AMOUNT_TOL = 1e-9
#: warm-start repeated closed solves (see :func:`closed_equilibrium`); False solves each from
#: the elemental basis, as before (the benchmark and a test compare the two)
WARM_START = True
#: optimal bases kept per set of elements for warm starts
WARM_BASES = 8


@dataclass(frozen=True)
class Assemblage:
    """An equilibrium phase assemblage: compounds with amounts (formula units)."""

    energy: float  # eV (grand potential when open)
    amounts: dict[str, float]
    duals: np.ndarray | None = None  # chemical potentials of the constrained elements [eV]


#: cost of an artificial column (big-M start when a row has no elemental column) [eV]
_BIG_M = 1e6


def _solve(cost: np.ndarray, a_eq: np.ndarray, b_eq: np.ndarray,
           warm: list[list[int]] | None = None) -> tuple[float, np.ndarray, np.ndarray]:
    """min cost.x subject to a_eq x = b_eq, x >= 0, by the revised simplex method.

    Phase-diagram LPs are tiny (one row per element, a few hundred columns) and always start
    from a feasible basis: the elemental columns (an element's own compound), so no phase I is
    needed; a row without one gets a big-M artificial column. Dantzig's rule with Bland's rule
    after degenerate pivots guarantees termination. Returns the optimum (cost . x of the
    compounds, no artificial column's), x and the duals (chemical potentials, d optimum /
    d b_eq). Tests compare it with SciPy's HiGHS.

    ``warm`` (warm start): recent optimal bases of the same ``a_eq`` and ``cost`` (of nearby
    compositions), most recent first; the first that is feasible for ``b_eq`` is the start
    (none: the elemental start), and the optimal basis is moved to the front (at most
    :data:`WARM_BASES` kept). A search over mixing ratios then mostly starts at its optimum.

    The elemental start is found for all rows at once: the same optima as the former
    row-by-row code and the same screen verdicts (tests/interfaces/test_interfaces_hull_same_lp.py,
    tests/screening/test_screen_verdict_same.py), faster (``benchmarks/bench_screen_verdict.py
    --base-src``).
    """
    a = np.asarray(a_eq, dtype=float)
    c = np.asarray(cost, dtype=float)
    b = np.asarray(b_eq, dtype=float)
    m, n = a.shape
    # per row, the cheapest column of that element alone (per atom; the first of equals)
    own = (a > 0) & (np.count_nonzero(a, axis=0) == 1)
    ratio = np.divide(c, a, out=np.full(a.shape, np.inf), where=own)
    basis = np.where(own.any(axis=1), np.argmin(ratio, axis=1), -1).tolist()
    missing = [i for i, j in enumerate(basis) if j < 0]
    if warm and not missing:
        basis = next((list(w) for w in warm if _feasible_basis(a, b, w)), basis)
    if missing:
        art = np.zeros((m, len(missing)))
        for k, i in enumerate(missing):
            art[i, k] = 1.0
            basis[i] = n + k
        a = np.hstack([a, art])
        c = np.concatenate([c, np.full(len(missing), _BIG_M)])
    scale = max(1.0, float(np.abs(c).max()))
    tol = 1e-10 * scale
    degenerate = 0
    for _ in range(50 * (m + a.shape[1])):
        bmat = a[:, basis]
        x_b = np.linalg.solve(bmat, b)
        y = np.linalg.solve(bmat.T, c[basis])
        reduced = c - a.T @ y
        reduced[basis] = 0.0
        candidates = np.flatnonzero(reduced < -tol)
        if candidates.size == 0:
            break
        entering = int(candidates[0]) if degenerate > m else int(
            candidates[np.argmin(reduced[candidates])])
        d = np.linalg.solve(bmat, a[:, entering])
        rows = np.flatnonzero(d > 1e-12)
        if rows.size == 0:
            raise RuntimeError("phase-equilibrium LP is unbounded")
        ratios = np.maximum(x_b[rows], 0.0) / d[rows]
        best = ratios.min()
        ties = rows[ratios <= best + 1e-12]
        leaving = int(ties[np.argmin([basis[i] for i in ties])])
        degenerate = degenerate + 1 if best <= 1e-12 else 0
        basis[leaving] = entering
    else:
        raise RuntimeError("phase-equilibrium LP did not converge")
    x = np.zeros(a.shape[1])
    x[basis] = np.maximum(x_b, 0.0)
    if missing and np.any(x[n:] > 1e-9):
        raise RuntimeError("phase-equilibrium LP is infeasible: an element has no compound")
    if warm is not None and not missing:
        warm[:] = [basis, *(w for w in warm if w != basis)][:WARM_BASES]
    # the compounds' energy: an artificial column left in the basis at a rounding-level amount
    # (a degenerate tie) added _BIG_M x 5.6e-17 = 5.6e-11 eV to c_B . x_B (hypothesis found it)
    real = np.asarray(basis) < n
    return float(c[basis][real] @ x_b[real]), x[:n], y


def _feasible_basis(a: np.ndarray, b: np.ndarray, basis: list[int]) -> bool:
    """True when ``basis`` (column indices of ``a``) is a nonsingular basis with x_B >= 0."""
    if len(basis) != a.shape[0] or len(set(basis)) != len(basis) or max(basis) >= a.shape[1]:
        return False
    try:
        return bool(np.all(np.linalg.solve(a[:, basis], b) >= 0.0))
    except np.linalg.LinAlgError:
        return False


def closed_equilibrium(table: EnergyTable, b: np.ndarray,
                       warm: dict[bytes, list[list[int]]] | None = None) -> Assemblage:
    """Lowest-energy assemblage of composition ``b`` (counts in ``table.elements`` order).

    ``warm``: a dict kept across calls on the same ``table`` (one per chemical system's
    table) holding the recent optimal bases of each set of elements, to warm-start the next
    solve (see :func:`_solve`); the optimum is the same, only found in fewer pivots.
    """
    used = b > 0
    rows = np.flatnonzero((table.counts[:, ~used].sum(axis=1) == 0) & table.usable())
    a = table.counts[np.ix_(rows, np.flatnonzero(used))]
    start = None if warm is None or not WARM_START else warm.setdefault(used.tobytes(), [])
    fun, x, duals = _solve(table.energies[rows], a.T, b[used], start)
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
    """Formula -> amount of the compounds ``rows`` with amounts ``x`` above
    :data:`AMOUNT_TOL`, in row order (the nonzero amounts only are visited)."""
    if len(rows) != len(x):
        raise ValueError(f"{len(rows)} rows, {len(x)} amounts")
    out: dict[str, float] = {}
    for k in np.flatnonzero(x > AMOUNT_TOL).tolist():
        formula = table.formulas[rows[k]]
        out[formula] = out.get(formula, 0.0) + float(x[k])
    return out


def open_element_content(table: EnergyTable, amounts: dict[str, float], open_index: int) -> float:
    """Atoms of the open element in an assemblage."""
    index = {f: i for i, f in enumerate(table.formulas)}
    return float(sum(n * table.counts[index[f], open_index] for f, n in amounts.items()))
