"""A user's own halide without a density in a design: the refusal names the command that adds
one, and the measured density then counts (docs/database.md: a measurement is what ``get``
returns where the material has no value of its own).

Values: Li3InCl6, 2.04 mS/cm at 25 degC (`li2019_li3incl6`) and 2.694 g/cm3 (`obelix2025`,
crystallographic), as curated."""

from __future__ import annotations

from pathlib import Path

import pytest

from clirun import assert_one_line_error, run

MATERIAL = """id: my_lic
name: My Li3InCl6
formula: Li3InCl6
category: electrolyte
electrolyte_class: halide
properties:
  - {name: ionic_conductivity, value: 2.04, unit: mS/cm, temperature: 25 degC,
     method: measured, source: li2019_li3incl6}
"""

DESIGN = """name: halide catholyte
cathode: {active_material: nmc811, electrolyte: my_lic, carbon: vgcf, fraction_basis: volume,
  active_fraction: 0.65, electrolyte_fraction: 0.32, carbon_fraction: 0.03, porosity: 0.05,
  thickness: 60 um, particle_radius: 5 um}
separator: {electrolyte: li6ps5cl, thickness: 30 um}
anode: {kind: li_metal, thickness: 40 um}
cathode_current_collector: {material: al_foil, thickness: 12 um}
anode_current_collector: {material: cu_foil, thickness: 8 um}
temperature: 25 degC
"""


@pytest.fixture
def files(monkeypatch, tmp_path: Path, capsys) -> tuple[str, Path]:
    db = str(tmp_path / "db.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", db)
    (tmp_path / "m.yaml").write_text(MATERIAL, encoding="utf-8")
    (tmp_path / "cell.yaml").write_text(DESIGN, encoding="utf-8")
    code, _, err = run(["materials", "add", str(tmp_path / "m.yaml")], capsys)
    assert code == 0, err
    return db, tmp_path / "cell.yaml"


def test_missing_density_names_the_measure_command_then_counts_the_measurement(
        files, capsys) -> None:
    _, design = files
    code, out, err = run(["evaluate", str(design)], capsys)
    assert_one_line_error(code, out, err, "needs a 'density'",
                          "solidcell materials measure my_lic --property density")
    code, _, err = run(["materials", "measure", "my_lic", "--property", "density", "--value",
                        "2.694 g/cm3", "--source", "obelix2025"], capsys)
    assert code == 0, err
    code, out, err = run(["evaluate", str(design), "--json"], capsys)
    assert code == 0, err
    assert '"cell"' in out  # evaluated with the measured density
