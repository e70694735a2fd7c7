"""A dopant amount x that rounds to 0 at the candidates' DECIMALS is refused, naming the field
(``amounts=[1e-9]`` and ``fractions=[1e-9]`` gave no candidate and no message)."""

from __future__ import annotations

import pytest

from clirun import assert_one_line_error, run
from solidcell.discovery.candidates import DECIMALS, generate_candidates
from solidcell.errors import ValidationError

LLZO = "Li7La3Zr2O12"


@pytest.mark.parametrize("x", [1e-9, 0.4 * 10.0 ** -DECIMALS])
def test_amount_rounding_to_zero_refused(x: float) -> None:
    with pytest.raises(ValidationError) as info:
        generate_candidates(LLZO, ["Ta"], amounts=[0.25, x])
    assert info.value.field == "amounts" and info.value.value == x
    assert f"{DECIMALS} decimals" in info.value.allowed


def test_smallest_written_amount_kept() -> None:
    """x = 10**-DECIMALS is written (the boundary of the rule): candidates are made."""
    assert generate_candidates(LLZO, ["Ta"], amounts=[10.0 ** -DECIMALS])


def test_fraction_rounding_to_zero_on_a_host_refused() -> None:
    """x = f * host amount: f = 2e-7 gives 1.4e-6 on Li (7) but 4e-7 on Zr (2), which rounds
    to 0; the host with the smallest amount is named."""
    with pytest.raises(ValidationError) as info:
        generate_candidates(LLZO, ["Ta"], fractions=[0.1, 2e-7], hosts=["Li", "Zr"])
    assert info.value.field == "fractions" and info.value.value == 2e-7
    assert "Zr" in info.value.allowed
    assert generate_candidates(LLZO, ["Ta"], fractions=[2e-7], hosts=["Li"])


@pytest.mark.parametrize("option", ["--amounts", "--fractions"])
def test_cli_one_line_error(option: str, capsys) -> None:
    code, out, err = run(["discover", LLZO, "--dopants", "Ta", option, "1e-9"], capsys)
    assert_one_line_error(code, out, err, option, "1e-9", f"{DECIMALS} decimals")
