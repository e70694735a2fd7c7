"""The report's voltage curve without an experiment discharges at C/10 to 3 V against Li/Li+,
as ``simulate``'s default does at 1C (``runs.default_experiment``): against a Li-In counter
electrode, 0.62 V above lithium (``santhosha2019``, ``LI_IN_POTENTIAL_V``), "until 2.38 V".

Before 2026-12-07 the report (``write_report``, ``solidcell report``, ``evaluate --report``,
the demo and the dashboard's download) ran a fixed "Discharge at C/10 until 3 V": an NMC811 |
Li-In cell stopped at 3.62 V vs Li. Property: a Li-In and a Li counter electrode of the same
cathode deliver the same default discharge (their kinetics are the same, docs/simulation.md),
an experiment typed is run as typed, and the report shows the steps that ran.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.report.html import DEFAULT_C_RATE, section_simulation
from solidcell.simulation.parameters import LI_IN_POTENTIAL_V
from solidcell.simulation.runs import default_experiment

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


def _li_in() -> CellDesign:
    """The EV example against Li-In (no bundled example has a Li-In anode)."""
    data = yaml.safe_load(EV.read_text())
    data["name"] = f"{data['name']} (Li-In)"
    data["anode"] = {"kind": "li_in", "np_ratio": 1.2, "prelithiation": 0.1}
    return CellDesign.from_dict(data)


def _rows(html: str) -> dict[str, str]:
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]
    return dict(zip(cells[::2], cells[1::2], strict=False))


def test_the_report_rate_is_c_over_10() -> None:
    assert DEFAULT_C_RATE == 0.1
    assert default_experiment(CellDesign.from_yaml(EV), DEFAULT_C_RATE) == (
        "Discharge at C/10 until 3 V")
    assert default_experiment(_li_in(), DEFAULT_C_RATE) == (
        f"Discharge at C/10 until {3.0 - LI_IN_POTENTIAL_V:g} V")


def test_li_in_default_curve_delivers_as_the_lithium_cell() -> None:
    li = section_simulation(CellDesign.from_yaml(EV), None)
    li_in = section_simulation(_li_in(), None)
    rows_li, rows = _rows(li.body), _rows(li_in.body)
    assert rows_li["Experiment"] == "Discharge at C/10 until 3 V"
    # the text shown is the one that ran: its row, the plot's label and the termination
    assert rows["Experiment"] == "Discharge at C/10 until 2.38 V"
    assert 'alt="voltage curve: Discharge at C/10 until 2.38 V"' in li_in.body
    assert "2.38 [V]" in rows["Termination"]
    assert float(rows["Delivered capacity [A.h]"]) == pytest.approx(
        float(rows_li["Delivered capacity [A.h]"]), rel=1e-3)


def test_a_typed_experiment_runs_as_typed() -> None:
    """"until 3 V" typed against Li-In is kept: it stops at 3.62 V vs Li, so less capacity."""
    typed = section_simulation(_li_in(), "Discharge at C/10 until 3 V")
    rows = _rows(typed.body)
    assert rows["Experiment"] == "Discharge at C/10 until 3 V"
    assert "3.0 [V]" in rows["Termination"]
    default = _rows(section_simulation(_li_in(), None).body)
    assert float(rows["Delivered capacity [A.h]"]) < float(default["Delivered capacity [A.h]"])


def test_report_command_default_follows_the_counter_electrode(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ev-li-in.yaml"
    path.write_text(_li_in().to_yaml())
    code, out, err = run(["report", str(path), "--out", str(tmp_path / "out"), "--json"],
                         capsys)
    assert code == 0, err
    html = Path(json.loads(out)["Report"]).read_text("utf-8")
    assert "voltage curve: Discharge at C/10 until 2.38 V" in html
    assert "until 3 V" not in html
