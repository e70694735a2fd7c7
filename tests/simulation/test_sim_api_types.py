"""Wrong types at `simulate` are refused before any PyBaMM model is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.errors import ValidationError
from solidcell.simulation.pybamm_adapter import normalise_experiment
from solidcell.simulation.runs import simulate

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


def test_the_package_names_the_function_after_its_module_is_imported() -> None:
    """The functions lived in a module named ``simulate``: once any code had imported that
    module, ``from solidcell.simulation import simulate`` and ``solidcell.simulate`` returned
    the module ('module' object is not callable). The module is ``runs`` now."""
    import pkgutil
    import subprocess
    import sys

    import solidcell.simulation as package

    code = ("import solidcell.simulation.runs, solidcell, solidcell.simulation as s; "
            "from solidcell.simulation import simulate; "
            "assert callable(simulate) and callable(solidcell.simulate) "
            "and callable(s.rate_capability), (simulate, solidcell.simulate)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    modules = {m.name for m in pkgutil.iter_modules(package.__path__)}
    assert not modules & set(package._LAZY)  # no submodule shadows a lazily named function
