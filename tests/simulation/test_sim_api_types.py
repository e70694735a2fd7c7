"""Wrong types at `simulate` are refused before any PyBaMM model is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.errors import ValidationError
from solidcell.simulation.pybamm_adapter import normalise_experiment
from solidcell.simulation.simulate import simulate

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
STEP = "Discharge at 1C for 10 seconds"


@pytest.mark.parametrize("experiment", [None, 3, Path("exp.txt"), b"Discharge",
                                        {"Discharge at 1C": 1}])
def test_experiment_of_a_wrong_type(experiment: object) -> None:
    """None/int/Path used to be TypeError ('not iterable'); bytes and dicts were iterated."""
    with pytest.raises(ValidationError) as info:
        normalise_experiment(experiment, area_m2=1.0)  # type: ignore[arg-type]
    assert info.value.field == "experiment"


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"initial_soc": "1"}, "initial_soc"),       # used to be TypeError from '<='
    ({"initial_soc": [1.0]}, "initial_soc"),
    ({"initial_soc": True}, "initial_soc"),
    ({"tortuosity_factor": "2"}, "tortuosity_factor"),  # TypeError from math.isfinite
    ({"tortuosity_factor": [2.0]}, "tortuosity_factor"),
    ({"tortuosity_factor": True}, "tortuosity_factor"),
])
def test_simulate_number_options(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        simulate(EV, STEP, **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field
