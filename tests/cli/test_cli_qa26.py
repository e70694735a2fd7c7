"""QA (helper H277) of today's CLI help: --interface-activation says that under --thermal
lumped the interface resistance follows the cell temperature during the run (it did since
the lumped model's R(T), docs/simulation.md, Thermal; the help said only "taken at the cell's
temperature"), and `interfaces --discharge-current` reaches a measured stripping failure at
its boundary (0.3 mA/cm2 under 5 MPa, duan2023_lpscl_cracking)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clirun import run

EV = str(Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml")


@pytest.mark.parametrize("command", ["simulate", "rate-capability", "temperature-sweep"])
def test_interface_activation_help_names_the_lumped_model(command: str, capsys) -> None:
    code, out, _ = run([command, "--help"], capsys)
    assert code == 0
    words = " ".join(out.replace("\u2502", " ").split())
    assert "with --thermal lumped it follows the cell temperature" in words


@pytest.mark.parametrize("current", ["0.3 mA/cm2", "300 uA/cm2", "3 A/m2"])
def test_discharge_current_at_the_test_is_covered(current: str, capsys) -> None:
    import json

    code, out, _ = run(["interfaces", EV, "--stack-pressure", "5 MPa",
                        "--discharge-current", current, "--json"], capsys)
    assert code == 0
    mech = json.loads(out)["Mechanics"]
    assert any(w.startswith("discharging at 0.3 mA/cm2 under 5 MPa (the lowest of the cycle) "
                            "reaches a stripping failure of li6ps5cl") for w in mech["warnings"])
    assert "duan2023_lpscl_cracking" in mech["sources"]


def test_discharge_current_below_the_test_is_printed_below_it(capsys) -> None:
    import json

    code, out, _ = run(["interfaces", EV, "--stack-pressure", "5 MPa",
                        "--discharge-current", "0.29999 mA/cm2", "--json"], capsys)
    assert code == 0
    warnings = [w for w in json.loads(out)["Mechanics"]["warnings"]
                if w.startswith("discharging at")]
    assert warnings and warnings[0].startswith("discharging at 0.29999 mA/cm2 under 5 MPa:")


def test_discharge_current_below_every_test_shows_what_it_was_checked_against(capsys) -> None:
    """0.1 mA/cm2 reaches no stored failure: the text output was the same as without the
    option; it now lists the failures checked against, each source among the sources."""
    code, out, err = run(["interfaces", EV, "--stack-pressure", "5 MPa",
                          "--discharge-current", "0.1 mA/cm2"], capsys)
    assert code == 0
    assert "Measured stripping failures of li6ps5cl" in out
    assert "discharging at" not in out + err  # nothing reached: no warning
    sources = next(line for line in out.splitlines() if line.startswith("sources:"))
    assert "duan2023_lpscl_cracking" in sources and "singh2022_lpscl_microstructure" in sources
    _, without, _ = run(["interfaces", EV, "--stack-pressure", "5 MPa"], capsys)
    assert "Measured stripping failures" not in without


def test_ccd_help_names_the_stripping_failures(capsys) -> None:
    code, out, _ = run(["ccd", "--help"], capsys)
    assert code == 0
    assert "measured stripping failures" in " ".join(out.replace("\u2502", " ").split())
