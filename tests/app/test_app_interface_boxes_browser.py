"""The simulation tab's interface-resistance boxes in headless Debian Chromium (see
test_app_browser.py for the browser setup): empty at first; a number without its unit is
refused beside its box before any job; "20 Ohm cm2" measured at "60 degC" with "0.37 eV"
runs, and the result's notes say the resistance was taken at the cell's 25 degC by
Arrhenius (the engine's note); an activation energy out of bounds is then refused beside its
box by the temperature sweep (its message says it is the sweep's), the simulation's result
kept. The callbacks themselves are tested in test_app_interface_boxes.py."""

from __future__ import annotations

from browserhelpers import EXAMPLES, NEEDS_CHROMIUM, module_dashboard

from solidcell.app.server import (
    INTERFACE_BOXES,
    INTERFACE_HELP,
    SWEEP_MESSAGE_PREFIX,
    SWEEP_TEMPERATURES_BOX,
    simulation_interface,
)
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.simulation.runs import simulate_inputs, sweep_inputs

pytestmark = NEEDS_CHROMIUM

TIMEOUT_MS = 120_000
DESIGN = EXAMPLES / "ev-nmc811-lpscl-li.yaml"  # 25 degC
dashboard, page = module_dashboard("interface", TIMEOUT_MS, examples=[DESIGN])
EXPERIMENT = "Rest for 1 minute"  # no solve of a discharge: the notes are what is tested
R_BOX, EA_BOX, T_BOX = (f"#{v[0]}" for v in INTERFACE_BOXES.values())
TYPED = ("20 Ohm cm2", "0.37 eV", "60 degC")


def _refusal(call: object) -> str:
    try:
        call()  # type: ignore[operator]
    except ValidationError as exc:
        return str(exc)
    raise AssertionError("taken")


def _message_is(page, box: str, expected: str) -> None:
    page.wait_for_function(f"document.querySelector('{box}-msg').innerText === {expected!r}")


def test_the_boxes_run_refuse_and_are_shared_with_the_sweep(page, dashboard) -> None:
    page.get_by_text("Simulation", exact=True).click()
    page.locator(R_BOX).wait_for()
    assert page.get_by_text(INTERFACE_HELP).is_visible()
    assert [page.locator(b).input_value() for b in (R_BOX, EA_BOX, T_BOX)] == ["", "", ""]
    page.locator("#sim-experiment").fill(EXPERIMENT)

    page.locator(R_BOX).fill("20")
    page.locator("#sim-run").click()
    _message_is(page, R_BOX, _refusal(lambda: simulation_interface("20", "", "")))
    assert dashboard.app.state.jobs._jobs == {}

    for box, text in zip((R_BOX, EA_BOX, T_BOX), TYPED, strict=True):
        page.locator(box).fill(text)
    page.locator(T_BOX).press("Enter")  # Enter in a box runs the simulation
    page.wait_for_function("document.querySelector('#simulation-table') "
                           "|| document.querySelector('#sim-error')")
    assert page.locator("#sim-error").count() == 0, page.locator("#sim-error").inner_text()
    design = CellDesign.from_yaml(DESIGN)
    notes = simulate_inputs(design, EXPERIMENT, **simulation_interface(*TYPED)).params.notes
    note = next(n for n in notes if n.startswith("interface resistance 20 Ohm cm2 at 333.15 K "
                                                 "taken at 298.15 K by Arrhenius"))
    assert note in page.locator("#sim-result").inner_text()
    assert page.locator(f"{R_BOX}-msg").inner_text() == ""

    page.locator(f"#{SWEEP_TEMPERATURES_BOX}").fill("25 degC")
    page.locator(EA_BOX).fill("5 eV")
    page.locator("#sweep-run").click()
    # the engine's words of the text as typed
    engine = _refusal(lambda: sweep_inputs(design, [298.15], interface_resistance="20 Ohm cm2",
                                           interface_resistance_activation_energy="5 eV",
                                           interface_resistance_temperature="60 degC"))
    _message_is(page, EA_BOX, SWEEP_MESSAGE_PREFIX + engine)
    assert engine.startswith("interface_resistance_activation_energy: '5 eV' is not allowed; ")
    assert note in page.locator("#sim-result").inner_text()  # the simulation's result kept
    assert [j.kind for j in dashboard.app.state.jobs._jobs.values()] == ["simulation"]
