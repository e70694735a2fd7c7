"""Experiment strings and plot files as PyBaMM users meet them (fresh-eyes QA): each refusal
names the step and what to write instead, before any model is built; ``--plot x.html`` leaves
every other file of its folder alone."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.simulation import pybamm_adapter as pa

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILM = str(EXAMPLES / "thin-film-lco-lipon-li.yaml")


@pytest.mark.parametrize("experiment", [
    "(Discharge at 1C until 3 V; Charge at C/3 until 4.2 V)*1.5",
    "(Discharge at 1C until 3 V, Charge at C/3 until 4.2 V) x 2.",
])
def test_a_repeat_count_that_is_not_whole_is_refused_as_written(experiment: str) -> None:
    """'*1.5' ran the group once and then refused a step 'Charge at C/3 until 4.2 V.5' that the
    user never wrote."""
    with pytest.raises(ValidationError, match="whole number N >= 1") as info:
        pa.check_experiment(experiment)
    assert info.value.value == experiment[experiment.index("("):]


@pytest.mark.parametrize("step", [
    "Discharge at 1C until 3 V at 25oC",   # PyBaMM: 'a keyword argument' (of its own API)
    "Rest for 1 hour at 60 °C",            # PyBaMM: 'units must be ...'
    "Charge at C/3 until 4.2 V at 300 K",
])
def test_a_temperature_in_a_step_points_to_the_temperature_option(step: str) -> None:
    with pytest.raises(ValidationError, match="--temperature") as info:
        pa.check_experiment(f"Rest for 1 minute; {step}")
    assert info.value.value == step


def test_steps_joined_by_a_comma_are_told_to_use_a_semicolon() -> None:
    """As in PyBaMM's tuple of steps; the message was PyBaMM's 'units must be ...'."""
    step = "Discharge at 1C until 3 V, Rest for 1 hour"
    with pytest.raises(ValidationError, match="separate steps with ';'") as info:
        pa.check_experiment(step)
    assert info.value.value == step
    # inside a repeated group ',' separates steps, as the message says
    assert pa.check_experiment(f"({step})*2") == (
        "Discharge at 1C until 3 V", "Rest for 1 hour") * 2


def test_the_cli_refuses_a_temperature_step_in_one_line(capsys) -> None:
    code, out, err = run(["simulate", FILM, "-e", "Discharge at 1C until 3 V at 25oC",
                          "--mesh", "coarse"], capsys)
    assert_one_line_error(code, out, err, "--experiment", "--temperature")


def test_an_html_plot_leaves_a_png_of_the_same_name_and_escapes_the_name(capsys, tmp_path):
    """``--plot curve.html`` drew its PNG as curve.png beside it: a user's curve.png was
    replaced (and the PNG left behind); the design name went into the page as markup."""
    name = "Film <b>&</b> co"
    design = tmp_path / "film.yaml"
    design.write_text(Path(FILM).read_text(encoding="utf-8").replace(
        "name: ", f"name: {name!r}  # ", 1), encoding="utf-8")
    mine = tmp_path / "curve.png"
    mine.write_bytes(b"the user's own picture")
    page = tmp_path / "curve.html"
    code, _out, err = run(["rate-capability", str(design), "--fast", "--rates", "0.5,2",
                           "--plot", str(page)], capsys)
    assert code == 0, err
    assert mine.read_bytes() == b"the user's own picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curve.html", "curve.png", "film.yaml"]
    text = page.read_text(encoding="utf-8")
    assert f"<title>{html.escape(name)}</title>" in text and "<b>" not in text
    assert "src='data:image/png;base64,iVBORw0KGgo" in text  # the PNG, embedded


def test_a_solver_failure_is_one_line_without_sundials_own_log(capfd) -> None:
    """0.1 W from a 0.23 mA h film fails in the solver: SUNDIALS wrote '[ERROR][rank 0][...
    idas.c:...][IDAGetDky] Illegal value for k.' to stderr above the one error line (the same
    error, which the line holds). (1 W hit IDA_BAD_K until the film's lengths were read as the
    exact decimals, tests/test_units_exact.py; since then its steps end at once, one ulp
    away; 0.1 W still fails in the solver.)"""
    code, out, err = run(["simulate", FILM, "-e", "Discharge at 0.1 W until 3 V", "--mesh",
                          "coarse"], capfd)
    assert_one_line_error(code, out, err, "simulation failed",
                          "'Discharge at 0.1 W until 3 V'", "IDA_BAD_K")
