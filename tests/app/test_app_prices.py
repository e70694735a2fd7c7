"""The dashboard's material prices: a price stored in the materials database while the
dashboard runs is used by the next cost (no restart), and the design tab's price box (the
command line's ``--price ID=USD_PER_KG``) is read by the command line's own parser. No
browser: the callbacks are posted as the page posts them (Flask test client)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserhelpers import SCREEN_DESIGN, screen_dashboard

from solidcell.app.server import PRICE_BOX, dashboard_cost_options, shown
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.manufacturing.cost import cell_cost
from solidcell.manufacturing.economics import CostOptions


@pytest.fixture(name="db")
def _db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A materials database of this test's own (``SOLIDCELL_DB``)."""
    path = tmp_path / "materials.sqlite"
    monkeypatch.setenv("SOLIDCELL_DB", str(path))
    return path


def _cost(app: Any, prices: str = "") -> dict[str, Any]:
    """The design tab's cost callback's answer: {output id: {property: value}}."""
    return app.call(f"{PRICE_BOX}.value", "design-cost", **{PRICE_BOX: prices})


def _text(node: Any) -> str:
    """Every text of a Dash component tree as the page's JSON holds it."""
    if isinstance(node, dict):
        return _text(node.get("props", {}).get("children")) if "props" in node else \
            " ".join(_text(v) for v in node.values())
    if isinstance(node, list):
        return " ".join(_text(v) for v in node)
    return "" if node is None else str(node)


def _cell_cost_shown(answer: dict[str, Any]) -> float:
    """The cell cost [USD/kWh] the design tab shows (#cost-cell)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") == "cost-cell":
                found.append(str(props.get("children")))
            for v in props.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(answer["design-cost"]["children"])
    (value,) = found
    return float(value)


def _store_price(material: str, usd_per_kg: float) -> None:
    """A price measurement stored as ``solidcell materials measure ID --property price``
    does, by a store of its own (another writer than the dashboard's)."""
    from solidcell.materials.schema import PropertyValue
    from solidcell.materials.store import MaterialStore

    store = MaterialStore()
    store.add_measurement(material, PropertyValue(name="price", value=usd_per_kg,
                                                  unit="USD/kg", year=2024, method="estimated",
                                                  source="test_input"))
    store.close()


def test_a_price_stored_while_the_dashboard_runs_is_used_by_the_next_cost(
        tmp_path: Path, db: Path) -> None:
    """The EV example's VGCF and LiNbO3 have no price in the knowledge base
    (docs/screening.md): no cost, and the reason names the price box and the database. Prices
    stored after the dashboard started (and after its cost model read the materials) give
    the cost ``cell_cost`` gives with them, without a restart."""
    app = screen_dashboard(tmp_path)
    try:
        before = _cost(app)
        text = _text(before["design-cost"]["children"])
        assert "cost not available: no price for vgcf, linbo3" in text
        assert "'material prices' box" in text and "restart" not in text.replace(
            "no restart", "")
        _store_price("vgcf", 40.0)
        _store_price("linbo3", 100.0)
        after = _cost(app)
        assert after[f"{PRICE_BOX}-msg"]["children"] == ""
        expected = cell_cost(CellDesign.from_file(SCREEN_DESIGN))
        assert expected.has_cost and {p.material: p.price_USD_per_kg
                                      for p in expected.prices}["vgcf"] == 40.0
        assert _cell_cost_shown(after) == float(shown(expected.cell_cost_USD_per_kWh))
        # the box overrides the database, as --price does
        boxed = _cost(app, "vgcf=80")
        priced = cell_cost(CellDesign.from_file(SCREEN_DESIGN),
                           options=CostOptions(prices={"vgcf": 80.0}))
        assert _cell_cost_shown(boxed) == float(shown(priced.cell_cost_USD_per_kWh))
        assert priced.cell_cost_USD_per_kWh > expected.cell_cost_USD_per_kWh  # dearer VGCF
    finally:
        app.state.jobs.close()


def test_the_price_box_gives_the_cost_of_its_prices_before_any_is_stored(
        tmp_path: Path, db: Path) -> None:
    app = screen_dashboard(tmp_path)
    try:
        answer = _cost(app, "vgcf=40, linbo3='100 USD/kg'")
        expected = cell_cost(CellDesign.from_file(SCREEN_DESIGN),
                             options=CostOptions(prices={"vgcf": 40.0, "linbo3": 100.0}))
        assert _cell_cost_shown(answer) == float(shown(expected.cell_cost_USD_per_kWh))
        assert "vgcf 40 USD/kg (user)" in _text(answer["design-cost"]["children"])
    finally:
        app.state.jobs.close()


@pytest.mark.parametrize(("typed", "why"), [
    ("vgcf=abc", "vgcf: 'abc' is not a price in USD/kg"),
    ("vgcx=40", "'vgcx' is not a material id of the knowledge base; did you mean vgcf?"),
    ("vgcf=-3", "a finite price >= 0 in USD/kg"),  # as for 'nan' (economics.PRICE_ALLOWED)
    ("vgcf=1,5", "'5' is not allowed; ID=PRICE"),
    ("vgcf=4, vgcf=5", "one price per material; vgcf already has 'vgcf=4'"),
    ("vgcf=1e308", "above the plausible limit"),
])
def test_a_refused_price_names_the_box_the_value_and_what_is_allowed(
        typed: str, why: str, db: Path) -> None:
    """The command line's refusals of ``--price`` (tests/manufacturing/test_mfg_cli.py), said
    of the box: its id, the text as typed and the rule."""
    with pytest.raises(ValidationError) as info:
        dashboard_cost_options(typed)
    exc = info.value
    assert (exc.field, exc.value) == (PRICE_BOX, typed)
    assert exc.allowed.startswith("material prices as ID=USD_PER_KG separated by commas")
    assert why in exc.allowed and "--price" not in exc.allowed


def test_a_refused_price_box_is_said_beside_it(tmp_path: Path, db: Path) -> None:
    app = screen_dashboard(tmp_path)
    try:
        answer = _cost(app, "vgcf=abc")
        assert answer[f"{PRICE_BOX}-msg"]["children"].startswith(
            f"{PRICE_BOX}: 'vgcf=abc' is not allowed; material prices as ID=USD_PER_KG")
        assert "not computed" in _text(answer["design-cost"]["children"])
    finally:
        app.state.jobs.close()


def _screen_notes(app: Any, **values: Any) -> tuple[str, ...]:
    """The notes of a screen run from the screening tab to its end."""
    from test_app_screen_job import wait_until

    job_id = app.call("scr-run.n_clicks", "scr-job", **values)["scr-job"]["data"]
    status = wait_until(app.state.jobs, job_id, lambda s: s["state"] != "running")
    assert status["state"] == "done", status
    return app.state.jobs.get(job_id).result.notes


def test_a_screen_uses_the_price_box_and_a_price_stored_after_the_last_screen(
        tmp_path: Path, db: Path) -> None:
    """The screening tab's screen takes the design tab's prices; its worker process is kept
    for the next screen (docs/report-and-app.md), and a price stored after a screen is used
    by the next one in that worker."""
    app = screen_dashboard(tmp_path)
    try:
        unpriced = "no price for vgcf, linbo3"
        assert any(unpriced in n for n in _screen_notes(app))
        assert not any("no price" in n for n in _screen_notes(
            app, **{PRICE_BOX: "vgcf=40, linbo3=100"}))
        _store_price("vgcf", 40.0)
        _store_price("linbo3", 100.0)
        assert len(app.state.jobs._idle) == 1  # the next screen runs in the same worker
        assert not any("no price" in n for n in _screen_notes(app))
    finally:
        app.state.jobs.close()
