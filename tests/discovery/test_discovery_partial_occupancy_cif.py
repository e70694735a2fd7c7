"""``predict`` and ``discover`` on a CIF with partly occupied sites show one formula unit
(H332): a Ta-doped garnet cell of two units (Li sites 0.8 occupied, a Zr/Ta site) was shown as
Li12.8La6Zr2.8Ta1.2O24, pymatgen's reduced formula of a cell whose amounts are not whole, and
was the parent of ``discover`` per cell; the measured parent in the materials database
(llzo_ta, Li6.4La3Zr1.4Ta0.6O12, li2012_ta_llzo) was not found."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pymatgen.core import Composition, Lattice, Structure

from clirun import run_main
from solidcell.discovery.candidates import discover
from solidcell.discovery.predict import predict_conductivity
from solidcell.materials import get

#: one unit of the knowledge base's Ta-doped garnet, as sites (Li 0.8; Zr 0.7 + Ta 0.3)
UNIT = [{"Li": 0.8}] * 8 + ["La"] * 3 + [{"Zr": 0.7, "Ta": 0.3}] * 2 + ["O"] * 12


@pytest.fixture(scope="module", name="cif")
def _cif(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A P1 cell of two units at random (seeded) positions, written by pymatgen."""
    species = UNIT * 2
    coords = np.random.default_rng(7).random((len(species), 3))
    path = tmp_path_factory.mktemp("partial") / "llzo_ta_z2.cif"
    Structure(Lattice.cubic(9.0), species, coords).to(filename=str(path))
    return path


def _unit() -> str:
    formula = get("llzo_ta").formula
    assert Composition(formula).almost_equals(Composition("Li6.4La3Zr1.4Ta0.6O12"))
    return formula


def test_predict_shows_the_formula_unit(cif: Path) -> None:
    p = predict_conductivity(str(cif), window=False)
    assert p.formula == _unit()
    assert p.model_kind == "composition+structure"


def test_discover_takes_the_formula_unit_as_parent(cif: Path) -> None:
    result = discover(str(cif), ["Al"], top=3)
    assert result.parent == _unit()
    assert {c.candidate.parent for c in result.candidates} == {_unit()}
    # the measured parent of the materials database is found and named beside its prediction
    assert "llzo_ta" in result.parent_note
    # the candidates' amounts are per that unit: La stays 3, as in the unit
    assert all(Composition(c.candidate.formula)["La"] == pytest.approx(3.0)
               for c in result.candidates)


def test_the_commands_print_the_formula_unit(cif: Path) -> None:
    res = run_main("predict", str(cif), "--json", "--no-window")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)[0]["Formula"] == _unit()
    res = run_main("discover", str(cif), "--dopants", "Al", "--top", "2", "--no-window",
                   "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["Parent"] == _unit()
    assert "Li12.8" not in res.stdout
