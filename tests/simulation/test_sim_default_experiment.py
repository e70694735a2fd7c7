"""The default experiment discharges to 3 V against Li/Li+, whatever the counter electrode.

Before 2026-12-07 ``simulate`` (and ``solidcell simulate`` without ``--experiment``) ran
"Discharge at 1C until 3 V" on every cell: against a Li-In counter electrode, 0.62 V above
lithium (``santhosha2019``, ``LI_IN_POTENTIAL_V``), that cut an NMC811 cell at 3.62 V vs Li
(13.17 of 21.38 A h at 1C, against 19.04 A h for the same cell against Li) and refused an
LiFePO4 cell outright (its charged OCV against Li-In is 2.9 V). Property: a Li-In and a Li
counter electrode of the same cathode give the same default discharge (their kinetics are the
same, docs/simulation.md), and the default names its cut-off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.simulation.parameters import LI_IN_POTENTIAL_V, parameters_from_design
from solidcell.simulation.runs import default_experiment, simulate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _li_in(name: str) -> CellDesign:
    data = yaml.safe_load((EXAMPLES / name).read_text())
    data["name"] = f"{data['name']} (Li-In)"
    data["anode"] = {"kind": "li_in", "np_ratio": 1.2, "prelithiation": 0.1}
    return CellDesign.from_dict(data)


def test_default_cutoff_is_3_v_against_lithium() -> None:
    li = parameters_from_design(CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml"))
    assert default_experiment(li) == "Discharge at 1C until 3 V"
    li_in = parameters_from_design(_li_in("ev-nmc811-lpscl-li.yaml"))
    assert default_experiment(li_in) == f"Discharge at 1C until {3.0 - LI_IN_POTENTIAL_V:g} V"


@pytest.mark.parametrize("name", ["ev-nmc811-lpscl-li.yaml", "polymer-lfp-peo-li.yaml"])
def test_li_in_cell_discharges_as_the_lithium_cell(name: str) -> None:
    li = simulate(EXAMPLES / name, mesh="coarse")
    li_in = simulate(_li_in(name), mesh="coarse")
    assert li_in.experiment == ("Discharge at 1C until 2.38 V",)
    assert li_in.delivered_capacity_A_h == pytest.approx(li.delivered_capacity_A_h, rel=1e-3)
    assert li_in.voltage_V[-1] == pytest.approx(li.voltage_V[-1] - LI_IN_POTENTIAL_V, abs=0.01)


def test_cli_default_names_its_cutoff(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    path = tmp_path / "lfp-li-in.yaml"
    path.write_text(_li_in("polymer-lfp-peo-li.yaml").to_yaml())
    code, out, err = run(["simulate", str(path), "--mesh", "coarse", "--json"], capsys)
    assert code == 0, err
    assert '"Discharge at 1C until 2.38 V"' in out
