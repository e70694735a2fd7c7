"""QA of helper H322 (a cell engineer's first session): a screen at a temperature where a part
melts (``solidcell screen SPACE --temperature '500 K'``) whose group of rows fails with the base
design's value of a swept column (sulfur in place of the EV example's NMC811, its 80 um cathode
swept: N/P 0.482 < 1) refused every row of the group with that base error, "N/P = 0.482 ...
(cathode.thickness_m = 80 um)", a thickness no row has, where each row's own design is refused
for the melting sulfur (as ``evaluate`` of the row says). The group now takes the refusal met
with the rows' values in place of the base's when it names no swept value: every row has it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.errors import SolidcellError, ValidationError
from solidcell.screening.screen import row_design, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml")  # NMC811, 80 um, 40 um Li
#: the melting temperature of sulfur, 115.2 degC (the knowledge base's, haynes2016_crc)
SULFUR_MELTS_K = 388.35


def _space(thicknesses: list[str]) -> dict:
    return {"base": json.loads(EV.to_json()), "method": "grid",
            "parameters": {"cathode.active_material": {"values": ["sulfur"]},
                           "cathode.thickness_m": {"values": thicknesses}}}


def _row_refusal(thickness_m: float, temperature_K: float) -> str:
    """The refusal of the row's own design (the per-design path)."""
    design = row_design(EV, {"cathode.active_material": "sulfur",
                             "cathode.thickness_m": thickness_m,
                             "temperature_K": temperature_K})
    with pytest.raises(SolidcellError) as err:
        design.resolved()
    return str(err.value)


def test_the_rows_take_their_own_refusal_not_the_base_value_they_replace() -> None:
    result = screen(_space(["30 um"]), temperature_K=500.0, with_cost=False)
    reason = result.table["Reason"].iloc[0]
    assert not bool(result.table["Feasible"].iloc[0])
    assert "80 um" not in reason and "N/P" not in reason  # the base's thickness, no row's
    assert "melting temperature of sulfur" in reason and f"{SULFUR_MELTS_K:g} K" in reason
    assert reason == _row_refusal(30e-6, 500.0)


def test_every_row_of_the_group_has_the_refusal_given() -> None:
    """Thin and thick rows alike are refused for the melting sulfur, a fault of each (500 K is
    above 388.35 K whatever the thickness; the 200 um row's own design is refused first for
    its N/P, the design model's order, and has the melting sulfur too)."""
    result = screen(_space(["30 um", "200 um"]), temperature_K=500.0, with_cost=False)
    assert not result.table["Feasible"].any()
    for thickness, reason in zip(result.table["cathode.thickness_m"], result.table["Reason"],
                                 strict=True):
        assert "80 um" not in reason
        assert reason == _row_refusal(30e-6, 500.0)  # the melting sulfur, as typed
        _row_refusal(float(thickness), 500.0)  # each row's own design is refused too


def test_a_group_that_resolves_with_a_row_value_is_unchanged() -> None:
    """At the design's 25 degC the 30 um sulfur row is feasible: the base's N/P < 1 at 80 um
    is no reason of it (the swept-base rule, docs/screening.md), and the fix leaves it so."""
    result = screen(_space(["30 um"]), with_cost=False)
    assert bool(result.table["Feasible"].iloc[0])


# --- one temperature asked for, while the space sweeps temperature_K --------------------------
# `solidcell screen SPACE --temperature '0 degC'` on a space sweeping temperature_K (25, 60 degC)
# printed the rows at 25 and 60 degC: the swept column replaced the temperature asked for without
# a word. The two are refused together, as a space sweeping both anode.thickness_m and
# anode.np_ratio is.

def _temperature_space() -> dict:
    return {"base": json.loads(EV.to_json()), "method": "grid",
            "parameters": {"temperature_K": {"values": ["25 degC", "60 degC"]}}}


def test_a_temperature_with_a_swept_temperature_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        screen(_temperature_space(), temperature_K=273.15, with_cost=False)
    assert err.value.field == "temperature_K" and err.value.value == 273.15
    assert "sweeps temperature_K" in err.value.allowed


def test_the_cli_names_its_option_as_typed(tmp_path: Path, capsys) -> None:
    from clirun import run

    path = tmp_path / "space.json"
    path.write_text(json.dumps(_temperature_space()), "utf-8")
    code, out, err = run(["screen", str(path), "--temperature", "0 degC"], capsys)
    assert code == 2 and out == ""
    assert "--temperature: '0 degC' is not allowed" in err and "sweeps temperature_K" in err


def test_without_the_option_the_swept_temperatures_are_screened() -> None:
    result = screen(_temperature_space(), with_cost=False)
    assert sorted(result.table["temperature_K"]) == pytest.approx([298.15, 333.15])
