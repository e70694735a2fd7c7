"""Findings of the h296 review of the command line, kept fixed."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_demo_of_a_3d_design_still_writes_its_report(tmp_path, capsys):
    """`solidcell demo --design` of a 3D design stopped at the rate capability (the 1D models
    describe planar layers only) with exit code 2 and no report, while `solidcell report`
    writes that design's report with the simulation section "not available"; the demo now
    says why it has no rate capability and writes the report."""
    out = tmp_path / "demo"
    code, stdout, stderr = run(["demo", "--out", str(out), "--json", "--design",
                                str(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")],
                               capsys)
    assert code == 0, stderr
    written = json.loads(stdout)
    assert "Rate capability (JSON)" not in written
    assert Path(written["HTML report"]).is_file()
    assert "rate capability: not available: architecture.kind" in stderr
    assert not (out / "rate-capability.json").exists()


def test_bipolar_gain_says_when_no_busbar_was_counted(tmp_path, capsys):
    """The bipolar example has no pack section, so its busbar mass is 0 and the "group
    gravimetric gain (with busbars)" is the cell gain: the answer now says so (text and
    --json "notes"); a design with a pack section gets no such note."""
    bipolar = EXAMPLES / "bipolar-nmc811-lpscl-li.yaml"
    code, out, err = run(["bipolar-gain", str(bipolar), "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["Busbar mass per series connection [kg]"] == 0
    assert data["Group gravimetric gain (with busbars)"] == data["Cell gravimetric gain"]
    assert any("no pack section" in n and "pack.busbar_mass_kg" in n for n in data["notes"])
    code, out, err = run(["bipolar-gain", str(bipolar)], capsys)
    assert code == 0 and "note: busbar mass 0: the design has no pack section" in out

    with_pack = tmp_path / "bipolar-pack.yaml"
    with_pack.write_text(bipolar.read_text("utf-8") + "pack: {cells_in_series: 2, "
                         "mass_efficiency: 0.8, volume_efficiency: 0.6, busbar_mass_kg: 0.01, "
                         "source: my pack sketch}\n", "utf-8")
    code, out, err = run(["bipolar-gain", str(with_pack), "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert "notes" not in data
    assert data["Group gravimetric gain (with busbars)"] > data["Cell gravimetric gain"]


def test_evaluate_of_a_3d_design_says_why_layers_read_0_um(capsys):
    """`evaluate` of the interdigitated example listed "anode | 2.322 mg/cm2 | 0 um" with no
    word why (the report says it: the plates stand inside the cathode's height); a planar
    design gets no such note."""
    code, out, err = run(["evaluate", str(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")],
                         capsys)
    assert code == 0, err
    assert "note: 3D design: the cathode's thickness is the height of the 3D structure" in out
    assert "a layer of thickness 0 lies inside it" in out
    code, out, err = run(["evaluate", str(EXAMPLES / "ev-nmc811-lpscl-li.yaml")], capsys)
    assert code == 0 and "note: 3D design" not in out
