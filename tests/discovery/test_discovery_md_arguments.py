"""run_md checks its numbers before any work (the md extra may be absent: the checks come first).

NaN or infinite temperatures passed (``t <= 0`` is False for NaN), a text among them raised
ValueError, and a zero log interval or a production too short for 4 recorded frames failed
only after the relaxation and the MD at every temperature (ZeroDivisionError, or
"positions: (3, n, 3) is not allowed"); `solidcell md --ps 0.05` (25 steps of 2 fs, one frame
every 10) was one of them."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run
from solidcell.discovery.md import run_md
from solidcell.errors import ValidationError

CIF = str(Path(__file__).resolve().parents[1] / "data" / "discovery"
          / "obelix_hcm_Li5La3Ta2O12.cif")  # OBELiX training entry hcm


@pytest.mark.parametrize("kwargs, field", [
    ({"temperatures_K": [math.nan, 700.0]}, "temperatures_K"),
    ({"temperatures_K": [600.0, math.inf]}, "temperatures_K"),
    ({"temperatures_K": ["a", 700.0]}, "temperatures_K"),
    ({"temperatures_K": 600.0}, "temperatures_K"),
    ({"temperatures_K": "600,700"}, "temperatures_K"),
    ({"timestep_fs": 0.0}, "timestep_fs"),
    ({"timestep_fs": math.nan}, "timestep_fs"),
    ({"target_temperature_K": math.nan}, "target_temperature_K"),
    ({"log_interval": 0}, "log_interval"),
    ({"equilibration_steps": -1}, "equilibration_steps"),
    ({"production_steps": 2.5}, "production_steps"),
    ({"production_steps": True}, "production_steps"),
    ({"production_steps": 29, "log_interval": 10}, "production_steps"),
])
def test_bad_numbers_are_refused_before_any_work(kwargs, field) -> None:
    with pytest.raises(ValidationError) as err:
        run_md(CIF, **kwargs)
    assert err.value.field == field


def test_the_shortest_production_records_four_frames() -> None:
    """30 steps with a frame every 10 give frames 0, 10, 20, 30: the 4 that
    diffusivity_from_positions needs; the check lets it pass (to the md extra)."""
    from solidcell.errors import SolidcellError

    try:
        import chgnet  # noqa: F401
    except ImportError:
        with pytest.raises(SolidcellError, match=r"solidcell\[md\]"):
            run_md(CIF, production_steps=30, log_interval=10)
    else:
        pytest.skip("chgnet is installed: this would run the MD")


def test_cli_names_ps_for_a_production_too_short(capsys) -> None:
    code, out, err = run(["md", CIF, "--ps", "0.05"], capsys)  # 25 steps of 2 fs
    assert_one_line_error(code, out, err, "--ps: '0.05'", "at least 30 time steps")
