"""The screen's table says what it lists: the designs on the Pareto front, how many, by which
objective and that only the first rows are shown (helper H288's browser walk: the EV
example's 11 rows stood under the plot with no title, read as "the results"; a screen with
no design on the front, the thin-film example over 40-150 um cathodes (then the fixed
default ranges), showed a table of headers without a word)."""

from __future__ import annotations

from typing import Any

from browserhelpers import EXAMPLES

from solidcell.app.server import FRONT_ROWS, _screen_view, screen_space
from solidcell.cell.design import CellDesign
from solidcell.screening.screen import screen

RANGES = {"scr-cathode-min": "40", "scr-cathode-max": "150", "scr-separator-min": "10",
          "scr-separator-max": "60"}


def _screen(name: str, n: str) -> Any:
    design = CellDesign.from_yaml(EXAMPLES / name)
    return screen(screen_space(design, RANGES, n), application="ev")


def _child(view: Any, cid: str) -> Any:
    return next((c for c in view.children if getattr(c, "id", None) == cid), None)


def test_the_table_is_titled_the_pareto_front() -> None:
    result = _screen("ev-nmc811-lpscl-li.yaml", "100")
    view = _screen_view(result)
    on_front = int(result.table["Pareto"].sum())
    assert on_front > 0
    first = result.objectives[0].key
    title = _child(view, "scr-front-title").children
    assert title.startswith(f"Pareto front: {on_front} designs, by {first}, highest first")
    rows = _child(view, "scr-table").children[1].children
    assert len(rows) == min(on_front, FRONT_ROWS)


def test_a_long_front_says_only_its_first_rows_are_shown() -> None:
    result = _screen("ev-nmc811-lpscl-li.yaml", "3000")
    on_front = int(result.table["Pareto"].sum())
    assert on_front > FRONT_ROWS  # a front longer than the table (54 designs, seed 1)
    title = _child(_screen_view(result), "scr-front-title").children
    assert title.endswith(f"the first {FRONT_ROWS} shown (every design: Download every "
                          "design (CSV))")


def test_no_design_on_the_front_is_said_not_tabled() -> None:
    result = _screen("thin-film-lco-lipon-li.yaml", "20")
    assert int(result.table["Pareto"].sum()) == 0
    view = _screen_view(result)
    assert _child(view, "scr-table") is None
    assert _child(view, "scr-front-title").children.startswith("no design on the Pareto front")
