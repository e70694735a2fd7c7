"""check_evaluation re-evaluates the design and compares the values fixed by the design alone:
it accepts evaluate()'s result of the design in either state and with any polarisation (all 9
examples), refuses the result of the same design at another temperature (its area-specific
resistance differs), and a design the energy engine refuses is refused naming its field: before,
``energy_of(design_at_600_K, evaluate(design_at_298_K))`` returned the 298 K numbers without a
note, where ``energy_of(design_at_600_K)`` says "not available: temperature_K ..."."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.errors import ValidationError
from solidcell.report.html import write_report
from solidcell.report.summary import check_evaluation, energy_of

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


def test_there_are_nine_examples() -> None:
    assert len(EXAMPLES) == 9


@pytest.mark.parametrize("file", EXAMPLES, ids=lambda f: f.stem)
def test_own_results_in_both_states_are_accepted(file: Path) -> None:
    design = CellDesign.from_yaml(file)
    for charged in (False, True):
        for polarisation in (0.05, 0.2):
            check_evaluation(design, evaluate(design, charged=charged,
                                              max_polarisation_V=polarisation))


@pytest.mark.parametrize("file", EXAMPLES, ids=lambda f: f.stem)
def test_the_result_at_another_temperature_is_refused(file: Path) -> None:
    design = CellDesign.from_yaml(file)
    other = design.replace(temperature_K=design.temperature_K - 25.0)
    with pytest.raises(ValidationError, match="Area-specific resistance") as info:
        check_evaluation(design, evaluate(other))
    assert info.value.field == "evaluation"


def test_a_design_the_engine_refuses_is_refused_before_the_report(tmp_path: Path) -> None:
    """EV example at 600 K (lithium melts at 453.65 K): evaluate() refuses it; its 298 K
    result, same name, does not make a report."""
    design = CellDesign.from_yaml(EXAMPLES[[f.stem for f in EXAMPLES].index(
        "ev-nmc811-lpscl-li")])
    hot = design.replace(temperature_K=600.0)
    with pytest.raises(ValidationError, match="temperature_K"):
        evaluate(hot)
    cold = evaluate(design)
    with pytest.raises(ValidationError, match="temperature_K"):
        check_evaluation(hot, cold)
    with pytest.raises(ValidationError, match="temperature_K"):
        energy_of(hot, cold)
    assert energy_of(hot)[1].startswith("not available: temperature_K")
    with pytest.raises(ValidationError, match="temperature_K"):
        write_report(hot, tmp_path / "out", evaluation=cold)
