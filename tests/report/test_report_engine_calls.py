"""How often one report calls its engines (the simulation section left out: its rate solves are
counted in tests/simulation/test_sim_rate_memo.py). Before: ``evaluate`` 3 times per report
(the summary, then the layer stack once for the routes and again for the cost), 4 with an
evaluation given (``check_evaluation`` in ``write_report`` and again in ``energy_of``); the
window of the separator's electrolyte twice (the stability section, the pair checks)."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from solidcell.cell import energy
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.interfaces import compat
from solidcell.report import html as report_html
from solidcell.report.summary import check_evaluation, evaluation_checked

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


@pytest.fixture
def evaluations(monkeypatch) -> list[str]:
    """Names of the designs ``evaluate`` was called on (wrapped), the simulation section
    stubbed out."""
    made: list[str] = []
    evaluate = energy.evaluate

    def counted(design, *a, **k):
        made.append(design.name)
        return evaluate(design, *a, **k)

    def no_simulation(*a, **k):
        raise report_html._Unavailable("not run in this test")

    monkeypatch.setattr(energy, "evaluate", counted)
    monkeypatch.setattr(report_html, "section_simulation", no_simulation)
    return made


@pytest.mark.parametrize("given", [False, True], ids=["defaults", "evaluation given"])
def test_a_report_evaluates_the_design_twice(evaluations, tmp_path, given) -> None:
    # once for the summary (or to check the evaluation given), once for the layer stack of
    # the routes and the cost
    design = CellDesign.from_yaml(EV)
    result = energy.evaluate(design, charged=True) if given else None
    evaluations.clear()
    report_html.write_report(design, tmp_path, evaluation=result)
    assert evaluations == [design.name] * 2


def test_evaluation_checked_skips_only_the_same_objects(evaluations) -> None:
    design = CellDesign.from_yaml(EV)
    result = energy.evaluate(design)
    other = design.replace(temperature_K=design.temperature_K - 25.0)
    evaluations.clear()
    with evaluation_checked(design, result):
        check_evaluation(design, result)
        assert evaluations == []
        with pytest.raises(ValidationError, match="Area-specific resistance"):
            check_evaluation(design, energy.evaluate(other))  # another result is checked
        with pytest.raises(ValidationError, match="Area-specific resistance"):
            check_evaluation(other, result)  # so is another design
    evaluations.clear()
    check_evaluation(design, result)  # after the block, checked again
    assert evaluations == [design.name]


def test_each_stability_window_is_computed_once_per_report(evaluations, monkeypatch) -> None:
    windows: collections.Counter[str] = collections.Counter()
    window = compat.stability_window

    def counted(material, **k):
        windows[material] += 1
        return window(material, **k)

    monkeypatch.setattr(compat, "stability_window", counted)
    compat.clear_caches()
    try:
        sections = {s.id: s for s in report_html.build_sections(CellDesign.from_yaml(EV))}
    finally:
        compat.clear_caches()
    assert not sections["stability"].note.startswith("not available")
    assert not sections["interfaces"].note.startswith("not available")
    assert windows["li6ps5cl"] == 1  # the stability section's and the pair checks' window
    assert set(windows.values()) == {1}


def test_the_manufacturing_section_is_that_of_the_design(evaluations) -> None:
    # routes and cost of the stack mapped once are those of the design itself
    from solidcell.manufacturing.cost import cell_cost
    from solidcell.manufacturing.routes import plan_routes

    design = CellDesign.from_yaml(EV)
    evaluations.clear()
    section = report_html.section_manufacturing(design)
    assert evaluations == [design.name]
    expected = ("<h3>Process routes</h3>" + report_html.json_html(plan_routes(design))
                + "<h3>Cost</h3>" + report_html.json_html(cell_cost(design)))
    assert section.body == expected
