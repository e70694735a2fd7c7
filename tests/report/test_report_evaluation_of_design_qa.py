"""write_report(..., evaluation=...) takes only the evaluate() result of the design it reports
(H106 audit): a result of another design with the same name put its numbers in the report."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.errors import ValidationError
from solidcell.report.html import write_report
from solidcell.report.summary import check_evaluation

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


def test_a_same_named_design_with_another_cathode_is_refused(tmp_path: Path) -> None:
    design = CellDesign.from_file(EV)
    thinner = design.replace(**{"cathode.thickness_m": 40e-6})
    assert thinner.name == design.name  # the name alone cannot tell them apart
    other = evaluate(thinner)
    with pytest.raises(ValidationError) as info:
        write_report(design, tmp_path / "out", evaluation=other)
    assert info.value.field == "evaluation" and "Areal capacity" in info.value.allowed
    assert not (tmp_path / "out").exists()  # refused before any work


def test_a_lookalike_object_is_refused() -> None:
    design = CellDesign.from_file(EV)

    class Lookalike:
        name = design.name
        values = MappingProxyType({})

        def to_json(self) -> dict:
            return {}

    with pytest.raises(ValidationError):
        check_evaluation(design, Lookalike())


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("options", [{}, {"charged": True}, {"max_polarisation_V": 0.05},
                                     {"charged": True, "max_polarisation_V": 0.3}])
def test_the_designs_own_result_is_taken_with_any_options(path: Path, options: dict) -> None:
    """charged= and max_polarisation_V= change the result, not whose design it is."""
    design = CellDesign.from_file(path)
    check_evaluation(design, evaluate(design, **options))
