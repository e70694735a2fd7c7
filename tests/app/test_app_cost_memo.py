"""The design tab's cost is computed once per content of what it reads (the design, the
price box, the materials database's version): ``cell_cost`` ran on every edit of the design
tab. A price stored since is still read by the next cost. No browser: the callbacks are
posted as the page posts them (Flask test client); ``cell_cost``'s calls are counted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserhelpers import SCREEN_DESIGN, screen_dashboard
from test_app_prices import _cell_cost_shown, _cost, _store_price, _text

import solidcell.manufacturing.cost as cost_module
from solidcell.app.server import PRICE_BOX, CostMemo, shown
from solidcell.cell.design import CellDesign


@pytest.fixture(name="calls")
def _calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """A materials database of this test's own (``SOLIDCELL_DB``), and the designs
    ``cell_cost`` is called with from now on (it is counted, not replaced)."""
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "materials.sqlite"))
    seen: list[Any] = []
    real = cost_module.cell_cost

    def counted(design: Any, **kwargs: Any) -> Any:
        seen.append(design)
        return real(design, **kwargs)

    monkeypatch.setattr(cost_module, "cell_cost", counted)
    return seen


def _edit(app: Any, **boxes: Any) -> dict[str, Any]:
    """The cost callback's answer with the design boxes ``boxes`` as typed."""
    return app.call(f"{PRICE_BOX}.value", "design-cost", **{PRICE_BOX: ""}, **boxes)


def test_an_edit_that_changes_nothing_the_cost_reads_is_not_costed_again(
        tmp_path: Path, calls: list[Any]) -> None:
    app = screen_dashboard(tmp_path)
    try:
        first = _cost(app)
        assert len(calls) == 1
        # the same cathode thickness typed otherwise (the example's 80 um), and a second
        # answer of the materials tab's forms (the cost callback runs again): same design
        assert _edit(app, **{"cathode-thickness": "80.0"}) == first
        assert _cost(app) == first
        assert len(calls) == 1
        # a thickness that changes the design, and a price box that changes the prices
        _edit(app, **{"cathode-thickness": "90"})
        assert len(calls) == 2
        _cost(app, "vgcf=40, linbo3=100")
        assert len(calls) == 3
        assert _cost(app) == first and len(calls) == 3  # back to the first: kept
    finally:
        app.state.jobs.close()


def test_a_price_stored_since_is_costed_again(tmp_path: Path, calls: list[Any]) -> None:
    """The EV example's VGCF and LiNbO3 have no price in the knowledge base
    (docs/screening.md): no cost until both are stored; the stored prices make a new
    database version, so the next cost (same design, same price box) is computed again and
    shows the cost ``cell_cost`` gives with them."""
    app = screen_dashboard(tmp_path)
    try:
        before = _text(_cost(app)["design-cost"]["children"])
        assert "cost not available: no price for vgcf, linbo3" in before
        _store_price("vgcf", 40.0)
        _store_price("linbo3", 100.0)
        counted = len(calls)
        after = _cost(app)
        assert len(calls) == counted + 1
        expected = cost_module.cell_cost(CellDesign.from_file(SCREEN_DESIGN))
        assert expected.has_cost
        assert _cell_cost_shown(after) == float(shown(expected.cell_cost_USD_per_kWh))
        _store_price("vgcf", 45.0)  # a second price of vgcf: a new version again
        counted = len(calls)
        _cost(app)
        assert len(calls) == counted + 1
    finally:
        app.state.jobs.close()


def test_the_memo_keeps_at_most_its_size(tmp_path: Path, calls: list[Any]) -> None:
    """The oldest cost goes first: with room for 2, a third price text drops the first."""
    memo = CostMemo(size=2)
    design = CellDesign.from_file(SCREEN_DESIGN)
    for text in ("vgcf=40", "vgcf=41", "vgcf=42", "vgcf=42", "vgcf=41", "vgcf=40"):
        memo.cost(design, text)
    assert len(calls) == 4  # 40, 41, 42, then 40 again (41 and 42 kept)
