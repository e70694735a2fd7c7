"""A cell engineer's first walk through `crossover`, `bipolar-gain`, `cite` and `conductivity`:
each number traceable to what the answer shows and cites, each refusal saying what is allowed."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = str(EXAMPLES / "ev-nmc811-lpscl-li.yaml")  # gives cathode.particle_radius_m 5 um
BIPOLAR = str(EXAMPLES / "bipolar-nmc811-lpscl-li.yaml")  # no particle_radius_m: nmc811's size
THREE_D = str(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")


def test_crossover_cites_the_particle_size_its_planar_rows_rest_on(capsys) -> None:
    """The bipolar example gives no particle radius: the planar rows refused below one particle
    rest on nmc811's particle_size (chen2020, src/solidcell/materials/data/cathodes.yaml), which
    the table's note names; the sources left it out."""
    code, out, err = run(["crossover", BIPOLAR, THREE_D, "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert 0.0 in data["Planar stack gravimetric energy density [W.h.kg-1]"]
    assert "chen2020" in data["sources"]
    code, out, err = run(["crossover", BIPOLAR, THREE_D], capsys)
    assert code == 0, err
    note = next(line for line in out.splitlines() if "particle bound" in line)
    assert "chen2020" in note
    sources = out.splitlines()[-1]
    assert sources.startswith("sources: ") and "chen2020" in sources


def test_crossover_cites_no_particle_size_where_the_design_gives_the_radius(capsys) -> None:
    """The EV example gives particle_radius_m: its bound rests on the design, not on chen2020."""
    code, out, err = run(["crossover", EV, THREE_D, "--json"], capsys)
    assert code == 0, err
    assert "chen2020" not in json.loads(out)["sources"]


def test_bipolar_gain_shows_the_energies_and_masses_its_gains_are_ratios_of(capsys) -> None:
    """The densities and gains are ratios of energies, masses and volumes that the answer did
    not show: a user could not check 0.2303 by hand."""
    code, out, err = run(["bipolar-gain", BIPOLAR, "--json"], capsys)
    assert code == 0, err
    d = json.loads(out)
    e_b, m_b, v_b = (d[f"Bipolar cell {q}"] for q in ("energy [W.h]", "mass [kg]",
                                                        "volume [m3]"))
    e_m, m_m, v_m = (d[f"Monopolar cell {q}"] for q in ("energy [W.h]", "mass [kg]",
                                                          "volume [m3]"))
    n, busbar = d["Cells in series"], d["Busbar mass per series connection [kg]"]
    # n cells of the same layers in series store n times one cell's energy
    assert math.isclose(e_b, n * e_m, rel_tol=1e-9)
    assert math.isclose(d["Bipolar cell gravimetric energy density [W.h.kg-1]"], e_b / m_b)
    assert math.isclose(d["Monopolar cell volumetric energy density [W.h.L-1]"],
                        e_m / v_m / 1000.0)
    assert math.isclose(d["Cell gravimetric gain"], (e_b / m_b) / (e_m / m_m) - 1)
    assert math.isclose(d["Cell volumetric gain"], (e_b / v_b) / (e_m / v_m) - 1)
    group_mono = n * e_m / (n * m_m + (n - 1) * busbar)
    assert math.isclose(d["Group gravimetric gain (with busbars)"],
                        (e_b / m_b) / group_mono - 1)
    code, out, err = run(["bipolar-gain", BIPOLAR], capsys)
    assert code == 0, err
    for label in ("Bipolar cell energy (W.h)", "Bipolar cell mass (kg)",
                  "Monopolar cell energy (W.h)", "Monopolar cell mass (kg)"):
        assert label in out


def test_cite_names_the_key_or_id_a_typo_meant(capsys) -> None:
    code, out, err = run(["cite", "Obelix2025"], capsys)
    assert_one_line_error(code, out, err, "'Obelix2025'", "did you mean obelix2025?")
    code, out, err = run(["cite", "li6pscl"], capsys)
    assert_one_line_error(code, out, err, "'li6pscl'", "did you mean li6ps5cl")


def test_cite_of_a_design_file_says_to_cite_a_result_of_it(capsys) -> None:
    code, out, err = run(["cite", EV], capsys)
    assert_one_line_error(code, out, err, "is a design, not a result",
                          f"solidcell evaluate {EV} --json")


def test_cite_help_says_what_json_replaces(capsys) -> None:
    """cite prints BibTeX (or --text lines), never a table: the shared --json help said
    'instead of a table'."""
    code, out, _ = run(["cite", "--help"], capsys)
    assert code == 0
    flat = re.sub(r"[\s│]+", " ", out)
    assert "instead of a table" not in flat
    assert "instead of BibTeX" in flat


def test_conductivity_of_a_material_without_one_says_which_have_one(capsys) -> None:
    code, out, err = run(["conductivity", "lco"], capsys)
    assert_one_line_error(code, out, err, "material: 'lco'", "stored ionic conductivity",
                          "solidcell materials list --category electrolyte")


def test_bipolar_gain_of_a_planar_design_says_what_makes_one_bipolar(capsys) -> None:
    """It said "bipolar_gain needs 'bipolar'", the Python function's name, not the field to
    write."""
    code, out, err = run(["bipolar-gain", EV], capsys)
    assert_one_line_error(code, out, err, "architecture.kind: 'planar'",
                          "kind: bipolar, cells_in_series: n")


@pytest.mark.parametrize("item", [5, None, "", ["chen2020"]])
def test_cite_refuses_a_result_file_whose_sources_hold_no_key(item, tmp_path: Path,
                                                              capsys) -> None:
    """A number in a result file's 'sources' was listed as "your source" '5' (QA
    2026-12-06); every item of a 'sources' list must be a source key, a text."""
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"sources": ["chen2020", item]}), "utf-8")
    code, out, err = run(["cite", str(path)], capsys)
    assert code == 2 and out == ""
    assert f"has {json.dumps(item)} in a 'sources' list" in err
