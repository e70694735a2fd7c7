"""evaluate and a design's interface resistance at another temperature (helper H267, then
H270).

A design at 60 degC whose interface resistances were measured at 25 degC with an activation
energy: a simulation takes them to 60 degC by Arrhenius, and evaluate's power now does too
(docs/cell.md). evaluate says so in its notes and conventions, with the value it takes
(interface_resistance_at, the same formula); tests/cell/test_cell_interface_at_temperature.py
holds the rest (screens, evaluate_many, the property over R, E_a, T_ref, T)."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate, interface_taken_note
from solidcell.simulation.parameters import FARADAY, interface_resistance_at

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def _design(**changes: object) -> CellDesign:
    return CellDesign.from_file(EV).replace(**changes)


def test_evaluate_says_what_it_takes_at_the_design_temperature() -> None:
    d = _design(temperature_K="60 degC", cathode_interface_resistance_ohm_m2="15 Ohm cm2",
                anode_interface_resistance_ohm_m2="5 Ohm cm2",
                interface_resistance_activation_energy_eV="0.37 eV",
                interface_resistance_temperature_K="25 degC")
    r = evaluate(d)
    note = interface_taken_note(d)
    assert note is not None and note in r.warnings
    assert r.conventions["Interface resistance"] == note
    at_60 = interface_resistance_at(2e-3, 0.37 * FARADAY, 333.15, 298.15)
    assert f"{at_60 * 1e4:.4g} Ohm cm2" in note and "20 Ohm cm2" in note
    assert note in r.to_json()["notes"]
    # the power takes it: the same design without the fields holds 20 Ohm cm2
    plain = evaluate(d.replace(interface_resistance_activation_energy_eV=None,
                               interface_resistance_temperature_K=None))
    assert r["Area-specific resistance [Ohm.m2]"] == pytest.approx(
        plain["Area-specific resistance [Ohm.m2]"] - (2e-3 - at_60), rel=1e-9)


@pytest.mark.parametrize("changes", [
    {},  # no fields
    {"interface_resistance_activation_energy_eV": "0.37 eV"},  # no resistance
    {"cathode_interface_resistance_ohm_m2": "20 Ohm cm2",
     "interface_resistance_activation_energy_eV": "0.37 eV"},  # T_ref = the design's T
    {"cathode_interface_resistance_ohm_m2": "20 Ohm cm2",
     "interface_resistance_temperature_K": "25.2 degC"},  # within 0.5 K
])
def test_no_note_where_nothing_moves(changes: dict[str, str]) -> None:
    d = _design(**changes)
    assert interface_taken_note(d) is None
    assert "Interface resistance" not in evaluate(d).conventions


def test_a_measuring_temperature_without_activation_energy_is_held_by_both() -> None:
    d = _design(cathode_interface_resistance_ohm_m2="20 Ohm cm2",
                interface_resistance_temperature_K="60 degC")
    note = interface_taken_note(d)
    assert note is not None and "a simulation holds them too" in note


@pytest.mark.parametrize(("kind", "extra", "named"), [
    ("prismatic", {"seal_width_m": "5 mm"}, ["format.seal_width_m = 5 mm"]),
    ("pouch", {"headspace_m": "5 mm", "mandrel_diameter_m": "2 mm"},
     ["format.headspace_m = 5 mm", "format.mandrel_diameter_m = 2 mm"]),
    ("pouch", {"substrate": "mica", "substrate_thickness_m": "50 um"},
     ["format.substrate = 'mica'"]),
])
def test_a_package_field_the_format_does_not_read_is_named(kind: str, extra: dict[str, str],
                                                            named: list[str]) -> None:
    """A seal on a prismatic can (or a headspace on a pouch...) changed nothing, silently:
    the result is the one without it, and a note names it (as 3D widths on a planar cell)."""
    d = CellDesign.from_file(EV)
    fmt = {**d.format.model_dump(exclude_none=True), "seal_width_m": 0.0}  # the EV's 5 mm
    with_it = evaluate(d.replace(format={**fmt, "kind": kind, **extra}))
    without = evaluate(d.replace(format={**fmt, "kind": kind}))
    assert with_it.to_json()["cell"] == without.to_json()["cell"]  # ignored indeed
    note = with_it.conventions["Ignored fields"]
    assert all(n in note for n in named) and f"a {kind} cell does not read" in note
    assert note in with_it.warnings and "Ignored fields" not in without.conventions


@pytest.mark.parametrize("example", sorted(
    (Path(__file__).resolve().parents[2] / "examples").glob("*.yaml")))
def test_no_example_has_an_ignored_package_field(example: Path) -> None:
    from solidcell.cell.design import ignored_format_note

    assert ignored_format_note(CellDesign.from_file(example).format) is None
