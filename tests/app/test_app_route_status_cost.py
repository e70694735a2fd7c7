"""The design tab's cost says how its route is made, as ``solidcell cost``'s ``route status``
row says it (``solidcell.manufacturing.cost.route_status``): the oxide example's cost (cold
sintered LCO + LLZO cathode, 3.6e5 s/m2 above the 3600 s/m2 limit; docs/manufacturing.md) was
shown without a word of its slow route. A design without a route shows no cost. No browser:
the callback is posted as the page posts it (Flask test client)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserhelpers import callback_caller
from test_app_prices import _text

from solidcell.app.server import PRICE_BOX, create_app, form_values
from solidcell.cell.design import CellDesign
from solidcell.manufacturing.cost import cell_cost, route_status

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _cost_text(tmp_path: Path, name: str) -> str:
    """The design tab's cost of the example ``name`` as the page's JSON holds its text."""
    examples, workspace = tmp_path / "examples", tmp_path / "workspace"
    examples.mkdir()
    workspace.mkdir()
    (examples / name).write_text((EXAMPLES / name).read_text("utf-8"), "utf-8")
    app = create_app(examples, workspace)
    original = form_values(CellDesign.from_file(EXAMPLES / name))
    values: dict[str, Any] = {**original, "design-source": str(examples / name),
                              "design-original": original}
    try:
        call = callback_caller(app.server.test_client(), values)
        answer = call(f"{PRICE_BOX}.value", "design-cost", **{PRICE_BOX: ""})
        return _text(answer["design-cost"]["children"])
    finally:
        app.state.jobs.close()


@pytest.fixture(name="db")
def _db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "materials.sqlite"
    monkeypatch.setenv("SOLIDCELL_DB", str(path))
    return path


def test_the_cost_of_a_slow_route_says_so(tmp_path: Path, db: Path) -> None:
    expected = cell_cost(CellDesign.from_file(EXAMPLES / "oxide-lco-llzo-li.yaml"))
    assert expected.has_cost and expected.route.status == "slow"
    text = _cost_text(tmp_path, "oxide-lco-llzo-li.yaml")
    assert f"Route {expected.route.describe()}" in text
    assert f"Route status {route_status(expected)}" in text
    assert "slow: cathode (cold_sintering)" in text


def test_no_route_shows_no_cost(tmp_path: Path, db: Path) -> None:
    text = _cost_text(tmp_path, "vertically-aligned-lco-llzo-li.yaml")
    assert text.startswith("cost not available: no manufacturing route: no build order works")
    assert "Cell cost" not in text and "Route status" not in text
