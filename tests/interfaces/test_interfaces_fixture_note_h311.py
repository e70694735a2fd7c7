"""`solidcell interfaces --stack-pressure` without --fixture-stiffness printed minimum =
maximum = assembly pressure and an empty 'required at assembly' with no word why (the
mechanics take a fixture that is not given as holding the pressure constant,
mechanics.pressure.stack_pressure); the table is now followed by a line that says so and
names --fixture-stiffness. With a stiffness given the line is not printed."""

from __future__ import annotations

from pathlib import Path

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.mechanics.pressure import stack_pressure

EV = str(Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml")
NOTE = "stack pressure: no --fixture-stiffness given"


def test_no_fixture_says_the_pressure_is_held_constant(capsys) -> None:
    code, out, err = run(["interfaces", EV, "--stack-pressure", "5 MPa"], capsys)
    assert code == 0, err
    assert NOTE in out
    sp = stack_pressure(CellDesign.from_yaml(EV), stack_pressure_Pa=5e6)
    assert sp.pressure_min_Pa == sp.pressure_max_Pa == 5e6  # what the line explains
    assert sp.required_assembly_pressure_Pa is None


def test_a_fixture_stiffness_gives_the_swing_and_no_note(capsys) -> None:
    code, out, err = run(["interfaces", EV, "--stack-pressure", "5 MPa",
                          "--fixture-stiffness", "1 MPa/mm"], capsys)
    assert code == 0, err
    assert NOTE not in out
    sp = stack_pressure(CellDesign.from_yaml(EV), stack_pressure_Pa=5e6,
                        fixture_stiffness_Pa_m=1e9)
    assert sp.pressure_max_Pa > sp.pressure_min_Pa  # the stack grows on charge (Li plated)


def test_no_stack_pressure_prints_no_note(capsys) -> None:
    code, out, err = run(["interfaces", EV], capsys)
    assert code == 0, err
    assert NOTE not in out
