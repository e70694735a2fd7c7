"""Follow-ups of the simulation tab's thermal box (test_app_thermal_form.py has the rest): a
coefficient with a unit of the wrong kind is refused beside the box with the units module's
own explanation ("is a thermal conductivity"), not passed to the engine unconverted; a design
the engine refuses for its architecture is refused for that first with lumped chosen too, as
``simulate`` does (one check order: ``simulate_inputs``). No browser."""

from __future__ import annotations

from typing import Any

import pytest
from browserhelpers import EXAMPLES, screen_app_fixture

from solidcell import units
from solidcell.app.server import HEAT_TRANSFER_BOX, simulation_inputs_check, simulation_thermal
from solidcell.cell.design import CellDesign
from solidcell.errors import SolidcellError, UnitError, ValidationError
from solidcell.simulation.runs import simulate

#: typed coefficients whose unit is known but of another kind, or not known at all
WRONG_UNITS = ["10 W/(m K)", "10 degC", "10 W", "10 W/(m2 K", "5 mS/cm"]


def _units_reason(text: str) -> str:
    """What :func:`solidcell.units.parse` says of ``text`` as a heat transfer coefficient."""
    with pytest.raises(UnitError) as info:
        units.parse(text, "heat transfer coefficient")
    return str(info.value).removeprefix("heat transfer coefficient: ")


@pytest.mark.parametrize("typed", WRONG_UNITS)
def test_a_wrong_unit_is_refused_with_the_units_modules_explanation(typed: str) -> None:
    with pytest.raises(ValidationError) as info:
        simulation_thermal("lumped", typed)
    assert info.value.field == "heat_transfer_coefficient" and info.value.value == typed
    assert _units_reason(typed) in info.value.allowed
    assert "W/(m2 K)" in info.value.allowed


def test_a_thermal_conductivity_is_named_as_such() -> None:
    with pytest.raises(ValidationError) as info:
        simulation_thermal("lumped", "10 W/(m K)")
    assert "is a thermal conductivity" in str(info.value)


app = screen_app_fixture(**{"sim-run": 1, "sim-experiment": "Rest for 1 minute",
                             "sim-ocp_ends": "auto"})


def test_the_page_shows_it_beside_the_box_and_starts_nothing(app: Any) -> None:
    answer = app.call("sim-run.n_clicks", "sim-job",
                      **{"sim-thermal": "lumped", HEAT_TRANSFER_BOX: "10 W/(m K)"})
    message = answer[f"{HEAT_TRANSFER_BOX}-msg"]["children"]
    assert message.startswith("heat_transfer_coefficient: '10 W/(m K)' is not allowed; ")
    assert "is a thermal conductivity" in message
    assert "sim-job" not in answer and "sim-result" not in answer
    assert app.state.jobs._jobs == {}


def _refusal(call: Any) -> SolidcellError:
    with pytest.raises(SolidcellError) as info:
        call()
    return info.value


@pytest.mark.parametrize("coefficient", ["10", ""])
def test_a_3d_design_is_refused_for_its_architecture_first_as_simulate_does(
        coefficient: str) -> None:
    """The interdigitated example is refused by the engine for its 3D architecture (the 1D
    model) and, lumped, by the thermal model (an electrolyte filling); ``simulate`` names the
    architecture first, and so does the page's check."""
    design = CellDesign.from_yaml(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")
    args = simulation_thermal("lumped", coefficient)
    page = _refusal(lambda: simulation_inputs_check(design, "Rest for 1 minute", "auto", args))
    engine = _refusal(lambda: simulate(design, "Rest for 1 minute", **args))
    assert type(page) is type(engine) and str(page) == str(engine)
    assert str(page).startswith("architecture.kind: 'interdigitated_3d' is a 3D architecture")
