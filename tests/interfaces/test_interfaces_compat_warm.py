"""The warm-started hull LPs give the compatibility matrix of the cold-started ones."""

from __future__ import annotations

import math

import numpy as np
import pytest

from solidcell.interfaces import hull
from solidcell.interfaces.compat import clear_caches, compatibility_matrix
from solidcell.interfaces.energies import shipped_table

# unstable pairs (buffer layers checked, closed and open-to-Li reactions) and a stable one
ELECTROLYTES = ("li3ps4", "lipon")
ELECTRODES = ("nmc811", "li_in", "lto")


def _matrix(warm: bool, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.setattr(hull, "WARM_START", warm)
    clear_caches()
    try:
        return compatibility_matrix(ELECTROLYTES, ELECTRODES).to_json()
    finally:
        clear_caches()


def _same(cold: object, warm: object, path: str = "") -> None:
    """Equal, except floats equal to LP round-off (1e-12 eV/atom or V): the warm start ends
    at the same optimal basis in another column order, so sums differ in the last bits."""
    if isinstance(cold, float) and isinstance(warm, float):
        assert math.isclose(cold, warm, rel_tol=0.0, abs_tol=1e-12), (path, cold, warm)
    elif isinstance(cold, dict) and isinstance(warm, dict):
        assert cold.keys() == warm.keys(), path
        for k in cold:
            _same(cold[k], warm[k], f"{path}/{k}")
    elif isinstance(cold, list | tuple) and isinstance(warm, list | tuple):
        assert len(cold) == len(warm), path
        for i, (c, w) in enumerate(zip(cold, warm, strict=True)):
            _same(c, w, f"{path}[{i}]")
    else:
        assert cold == warm, (path, cold, warm)  # verdicts, reasons, products, ids


def test_warm_start_leaves_every_verdict_window_and_reaction_energy(
        monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _matrix(False, monkeypatch)
    warm = _matrix(True, monkeypatch)
    assert any(p["Buffer checks"] for p in cold["Pairs"])  # the reactions were exercised
    _same(cold, warm)


def test_warm_start_reaches_the_cold_optimum_along_a_mixing_line() -> None:
    # Li2S | P2S5 mixtures: many facets of the Li-P-S hull (Li3PS4, Li7P3S11, Li4P2S6 ...)
    sub = shipped_table("zhu2015").subsystem({"Li", "P", "S"})
    a, b = sub.vector({"Li": 2, "S": 1}), sub.vector({"P": 2, "S": 5})
    assert a is not None and b is not None
    a, b = a / a.sum(), b / b.sum()
    warm: dict[bytes, list[list[int]]] = {}
    for x in np.linspace(0.01, 0.99, 60):
        v = x * a + (1 - x) * b
        cold = hull.closed_equilibrium(sub, v)
        hot = hull.closed_equilibrium(sub, v, warm)
        assert hot.energy == pytest.approx(cold.energy, abs=1e-12)
        assert hot.amounts.keys() == cold.amounts.keys()
    assert 1 < len(warm[next(iter(warm))]) <= hull.WARM_BASES
