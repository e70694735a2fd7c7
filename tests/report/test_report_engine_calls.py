"""How often one report calls its engines (the simulation section left out: its rate solves are
counted in tests/simulation/test_sim_rate_memo.py). Before: ``evaluate`` 3 times per report
(the summary, then the layer stack once for the routes and again for the cost), 4 with an
evaluation given (``check_evaluation`` in ``write_report`` and again in ``energy_of``); the
window of the separator's electrolyte twice (the stability section, the pair checks). Then
``evaluate`` twice (the summary or the check, and the layer stack), ``plan_routes`` twice (the
routes shown, and ``cell_cost``'s own first plan) and ``CellDesign.resolved`` 8 times (the
summary, each evaluation, the layer stack, the electrode potentials, the mechanics check,
the simulation's two parameter sets): each is now made once and passed on. Then
``CellDesign.resolved`` 4 times (the report's, the simulation's two parameter sets, the
mechanics check) and ``conductivity_at`` of the EV example's li6ps5cl at its temperature 4
times in the simulation (separator and composite cathode, in each of the two parameter sets):
the resolution and one parameter set are now passed on. (The experiment is still split into
steps 3 times, the report's check and the simulation's steps as run and as typed: a split
costs microseconds, not worth a parameter through four functions.)"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from solidcell.cell import energy
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.interfaces import compat
from solidcell.manufacturing import cost as cost_module
from solidcell.manufacturing import routes as routes_module
from solidcell.manufacturing.economics import CostOptions
from solidcell.report import html as report_html
from solidcell.report.summary import check_evaluation, evaluation_checked

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
BIPOLAR = EXAMPLES / "bipolar-nmc811-lpscl-li.yaml"
#: user prices of the README tour (`solidcell cost ... --price vgcf=50 --price linbo3=100`):
#: with them the EV example's cost is computed, and the cost model plans again by the cost
#: of a good m2
PRICES = {"vgcf": 50.0, "linbo3": 100.0}


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


@pytest.fixture
def plans(monkeypatch) -> list[bool]:
    """Whether each ``plan_routes`` call was given a fixed cost (the cost model's plan by the
    cost of a good m2), wrapped where the report and the cost model take it from."""
    made: list[bool] = []
    plan_routes = routes_module.plan_routes

    def counted(*a, **k):
        made.append(k.get("fixed_cost_USD_per_m2") is not None)
        return plan_routes(*a, **k)

    monkeypatch.setattr(routes_module, "plan_routes", counted)
    monkeypatch.setattr(cost_module, "plan_routes", counted)
    return made


@pytest.mark.parametrize("example", [EV, BIPOLAR], ids=["ev", "bipolar"])
@pytest.mark.parametrize("given", [False, True], ids=["defaults", "evaluation given"])
def test_a_report_evaluates_the_design_and_plans_its_routes_once(
        evaluations, plans, tmp_path, example, given) -> None:
    # the summary's evaluation (or the check's of the evaluation given: a charged one is
    # shown, the layer stack takes the check's with the defaults) is the layer stack's; the
    # routes shown are the cost model's first plan
    design = CellDesign.from_yaml(example)
    result = energy.evaluate(design, charged=True) if given else None
    evaluations.clear()
    report_html.write_report(design, tmp_path, evaluation=result)
    assert evaluations == [design.name]
    assert plans == [False]


def test_a_priced_report_plans_once_by_process_cost_and_once_by_good_m2_cost(
        evaluations, plans) -> None:
    report_html.build_sections(CellDesign.from_yaml(EV), cost_options=CostOptions(
        prices=PRICES))
    assert plans == [False, True]


def test_a_report_resolves_the_design_once(evaluations, monkeypatch, tmp_path) -> None:
    # the sections whose engines resolve the design themselves (the simulation's parameter
    # sets, the mechanics check) left out: summary, evaluation, layer stack and electrode
    # potentials share one resolution
    resolutions: list[str] = []
    resolved = CellDesign.resolved

    def counted(self):
        resolutions.append(self.name)
        return resolved(self)

    def no_interfaces(*a, **k):
        raise report_html._Unavailable("not run in this test")

    monkeypatch.setattr(CellDesign, "resolved", counted)
    monkeypatch.setattr(report_html, "section_interfaces", no_interfaces)
    design = CellDesign.from_yaml(EV)
    for given in (None, energy.evaluate(design, charged=True)):
        resolutions.clear()
        report_html.write_report(design, tmp_path, evaluation=given)
        assert resolutions == [design.name]


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


@pytest.mark.parametrize("prices", [{}, PRICES], ids=["unpriced", "priced"])
def test_the_manufacturing_section_is_that_of_the_design(evaluations, prices) -> None:
    # routes and cost of the stack mapped once, from the evaluation and resolution passed on,
    # and the cost of the plan shown, are those of the design itself, each made anew
    from solidcell.manufacturing.cost import cell_cost
    from solidcell.manufacturing.routes import plan_routes

    design = CellDesign.from_yaml(EV)
    options = CostOptions(prices=prices)
    result = energy.evaluate(design)
    evaluations.clear()
    section = report_html.section_manufacturing(design, options, evaluation=result,
                                                resolved=design.resolved())
    assert evaluations == []
    plan = plan_routes(design)
    expected = ("<h3>Process routes</h3>" + report_html.json_html(plan)
                + report_html.cost_html(cell_cost(design, options=options), plan))
    assert section.body.startswith(expected)  # then the cost model's assumptions
    assert ("cost not available" in section.note) is not prices


def test_the_results_passed_on_must_be_the_designs_own() -> None:
    from solidcell.manufacturing.cost import cell_cost
    from solidcell.manufacturing.design import stack_from_design
    from solidcell.manufacturing.routes import plan_routes

    design = CellDesign.from_yaml(EV)
    other = CellDesign.from_yaml(BIPOLAR)
    plan = plan_routes(design)
    refused = {
        "resolved": (lambda: energy.evaluate(design, resolved=other.resolved()),
                     lambda: stack_from_design(design, resolved=other.resolved())),
        "evaluation": (lambda: stack_from_design(design, evaluation=energy.evaluate(other)),
                       # a charged cell's casing and volumes: the stack is the cell as made
                       lambda: stack_from_design(design, evaluation=energy.evaluate(
                           design, charged=True))),
        "planned": (lambda: cell_cost(design, planned=plan_routes(other)),
                    lambda: cell_cost(design, plan=plan, planned=plan)),
    }
    for field, calls in refused.items():
        for call in calls:
            with pytest.raises(ValidationError) as info:
                call()
            assert info.value.field == field


def test_a_whole_report_resolves_and_computes_each_conductivity_once(
        monkeypatch, tmp_path) -> None:
    # every section run (the simulation and the mechanics included): the design resolved
    # once, and each electrolyte's conductivity at each
    # temperature asked once by the report's own sections and once by the simulation (the
    # energy engine's own calls are its own: not counted here)
    import sys

    from solidcell.chemistry import conductivity

    resolutions: list[str] = []
    asked: collections.Counter[tuple[str, str, str]] = collections.Counter()
    resolved = CellDesign.resolved
    conductivity_at = conductivity.conductivity_at

    def counted_resolved(self):
        resolutions.append(self.name)
        return resolved(self)

    def counted_conductivity(material, temperature):
        caller = sys._getframe(1).f_globals.get("__name__", "")
        engine = caller.split(".")[1] if caller.startswith("solidcell.") else caller
        asked[(engine, material.id, repr(temperature))] += 1
        return conductivity_at(material, temperature)

    monkeypatch.setattr(CellDesign, "resolved", counted_resolved)
    monkeypatch.setattr(conductivity, "conductivity_at", counted_conductivity)
    design = CellDesign.from_yaml(EV)
    path = report_html.write_report(design, tmp_path)
    html = path.read_text("utf-8")
    # each of these sections ran: the voltage curve and the rate capability, the mechanics
    # check, the Arrhenius table
    for part in ("<h3>Rate capability and Ragone plot</h3>", "(solidcell.simulation).",
                 "<h3>Mechanics over one charge</h3>", "ionic conductivity [mS/cm]"):
        assert part in html
    assert resolutions == [design.name]
    mine = {k: n for k, n in asked.items() if k[0] in ("report", "simulation")}
    assert {("simulation", "li6ps5cl"), ("report", "li6ps5cl")} <= {k[:2] for k in mine}
    assert set(mine.values()) == {1}, mine
