"""QA (helper H277) of the dashboard's stale note on a run's own inputs
(docs/report-and-app.md: "a value the run would refuse as `... (refused now)`"): a heat
transfer coefficient the lumped run refuses (missing, not a number, not finite, not > 0,
``simulation.parameters.thermal_parameters``) was named without "(refused now)", because the
box's reader passes such a value on for the engine's check."""

from __future__ import annotations

import pytest

from solidcell.app.server import SWEEP_SHARED_BOXES, changed_inputs, job_input_boxes, job_inputs

THERMAL, COEFFICIENT = SWEEP_SHARED_BOXES[1], SWEEP_SHARED_BOXES[2]


def _inputs(prefix: str, coefficient: str) -> dict[str, object]:
    values: dict[str, object] = dict.fromkeys(job_input_boxes(prefix))
    values.update({"sim-experiment": "Discharge at 1C until 3 V", THERMAL: "lumped",
                   COEFFICIENT: coefficient})
    return job_inputs(prefix, values)


@pytest.mark.parametrize("prefix", ["sim", "sweep"])
@pytest.mark.parametrize("typed", ["-3", "0", "abc", "nan", "", "1e400", "-0.001 W/(cm2 K)"])
def test_refused_coefficient_is_named_refused(prefix: str, typed: str) -> None:
    ran = _inputs(prefix, "10")
    assert changed_inputs(ran, _inputs(prefix, typed)) == [
        "heat transfer coefficient (refused now)"]


@pytest.mark.parametrize("typed, changed", [("10.0", []), ("0.001 W/(cm2 K)", []),
                                            ("20", ["heat transfer coefficient"])])
def test_accepted_coefficient_is_compared_as_read(typed: str, changed: list[str]) -> None:
    assert changed_inputs(_inputs("sim", "10"), _inputs("sim", typed)) == changed
