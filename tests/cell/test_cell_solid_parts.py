"""A design temperature at which a part that must stay solid melts is refused (evaluate,
simulate) or makes the design infeasible (screen): lithium metal melts at 180.5 degC, sulfur
at 115.2 degC (haynes2016_crc). Before, the EV example at 200 degC gave a power from an
Arrhenius line through molten lithium without a word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.errors import ValidationError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
LI_MELTS_K = 180.5 + 273.15  # haynes2016_crc, as the knowledge base stores it


@pytest.mark.parametrize("example", ["ev-nmc811-lpscl-li.yaml",
                                     "anode-free-nmc811-lpscl.yaml"])
def test_a_molten_lithium_anode_is_refused(example: str) -> None:
    hot = CellDesign.from_file(EXAMPLES / example).replace(temperature_K=LI_MELTS_K + 20)
    with pytest.raises(ValidationError) as err:
        evaluate(hot)
    assert err.value.field == "temperature_K"
    assert "li_metal (anode.material; haynes2016_crc)" in str(err.value)
    assert "180.5 degC" in str(err.value)
    just_below = CellDesign.from_file(EXAMPLES / example).replace(
        temperature_K=LI_MELTS_K - 0.5)
    below, room = evaluate(just_below), evaluate(CellDesign.from_file(EXAMPLES / example))
    # evaluated, not refused (it used to be checked only for an energy > 0): the energy
    # bookkeeping has no temperature in it; the power follows the electrolyte's Arrhenius rise
    key = "Cell gravimetric energy density [W.h.kg-1]"
    assert below[key] == pytest.approx(room[key], rel=1e-12) and below[key] > 0
    assert below["Cell specific power [W.kg-1]"] > room["Cell specific power [W.kg-1]"]


def test_simulating_above_the_melting_point_is_refused() -> None:
    from solidcell.simulation import cell_parameters

    with pytest.raises(ValidationError, match="melting temperature of li_metal"):
        cell_parameters(EV, temperature="200 degC")


def test_a_screen_marks_the_molten_temperatures_infeasible() -> None:
    from solidcell.screening.screen import screen

    temps = [298.15, LI_MELTS_K + 20]
    space = {"base": json.loads(CellDesign.from_file(EV).to_json()), "method": "grid",
             "parameters": {"temperature_K": {"values": temps}},
             "objectives": [{"key": "Cell gravimetric energy density [W.h.kg-1]",
                             "sense": "max"}]}
    t = screen(space, with_cost=False).table.set_index("temperature_K")
    assert bool(t.loc[298.15, "Feasible"])
    assert not bool(t.loc[LI_MELTS_K + 20, "Feasible"])
    assert "melting temperature of li_metal" in t.loc[LI_MELTS_K + 20, "Reason"]
