"""The full shipped energy table (every chemical system of the Matbench snapshot), read lazily.

`solidcell window Li2ZrCl6` was refused ("compounds of the full Cl-Li-Zr system there: none")
and `window LiBH4` too ("no data for element(s) B, H") while the source table has both
systems: the package shipped only the systems of its curated materials.
"""

from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
from importlib import resources

import numpy as np
import pytest

from solidcell.interfaces import energies
from solidcell.interfaces.energies import NotCoveredError, shipped_table
from solidcell.interfaces.hull import closed_equilibrium
from solidcell.interfaces.stability import equilibrium_at, stability_window

#: compounds of chemical systems the former subset table lacked
NEW_SYSTEMS = ["LiBH4", "Li3ScCl6", "LiAlCl4", "Li3ErCl6", "Li3YBr6", "LiTaO3"]
#: those on the hull of the snapshot (Li3ScCl6 and Li3YBr6 are 0.016 and 0.026 eV/atom above)
ON_HULL = ["LiBH4", "LiAlCl4", "Li3ErCl6", "LiTaO3"]


def _file_rows() -> list[list[str]]:
    raw = resources.files("solidcell.interfaces.data").joinpath(energies.DATA_FILE)
    with gzip.open(raw.open("rb"), "rt", newline="") as fh:
        return list(csv.reader(fh))


def test_the_file_holds_one_row_per_formula_of_every_system() -> None:
    rows = _file_rows()
    assert tuple(rows[0]) == energies.DATA_COLUMNS
    formulas = [r[1] for r in rows[1:]]
    assert len(formulas) == len(set(formulas)) > 90_000  # 95,118 reduced formulas
    lines = [",".join(r) for r in rows[1:]]
    assert lines == sorted(lines)  # so the rows of a chemical system are contiguous
    for r in rows[1:]:  # the chemsys key is the elements of the composition
        assert r[0] == "-".join(sorted(p.split(":")[0] for p in r[2].split()))
    assert len(shipped_table("zhu2015")) == len(formulas)


@pytest.mark.parametrize("system", [{"Li", "B", "H"}, {"Li", "Zr", "Cl"},
                                    {"Li", "La", "Zr", "O"}, {"Na", "Sb", "S"}])
def test_subsystem_holds_exactly_the_rows_of_the_system(system: set[str]) -> None:
    """The lazy reader (subsets of the system enumerated) against a plain scan of the file."""
    expected = sorted(r[1] for r in _file_rows()[1:] if set(r[0].split("-")) <= system)
    assert list(shipped_table("zhu2015").subsystem(system).formulas) == expected


@pytest.mark.parametrize("system", [{"Li", "B", "H"}, {"Li", "Sc", "Cl"}, {"Na", "Sb", "S"},
                                    {"Li", "Zr", "Cl"}])
@pytest.mark.parametrize("scheme", ["zhu2015", "mp2019-legacy"])
def test_stored_hull_flags_match_a_live_hull(system: set[str], scheme: str) -> None:
    """A row is usable exactly when it is on the hull of all rows of its system."""
    sub = shipped_table(scheme).subsystem(system)
    every = energies.EnergyTable(sub.elements, sub.formulas, sub.counts, sub.energies,
                                 scheme, "", ())
    natoms = sub.counts.sum(axis=1)
    e_hull = np.array([(sub.energies[i] - closed_equilibrium(every, row).energy) / natoms[i]
                       for i, row in enumerate(sub.counts)])
    stored = np.array([float(f"{max(0.0, e):.6f}") for e in e_hull])  # as the file rounds
    assert np.array_equal(sub.usable(), stored <= energies.HULL_TOL)


def _pymatgen_window(formula: str) -> tuple[float, float | None]:
    """Same energies through pymatgen's PhaseDiagram.get_element_profile (independent code)."""
    from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
    from pymatgen.core import Composition, Element

    comp = Composition(formula)
    table = shipped_table("zhu2015").subsystem({str(e) for e in comp.elements} | {"Li"})
    entries = [PDEntry(Composition(dict(zip(table.elements, row, strict=True))), float(e))
               for row, e in zip(table.counts, table.energies, strict=True)]
    profile = PhaseDiagram(entries).get_element_profile(Element("Li"), comp)
    i = next(i for i, step in enumerate(profile) if abs(step["evolution"]) < 1e-6)
    mu_ox = profile[i + 1]["chempot"] if i + 1 < len(profile) else None
    return max(0.0, -profile[i]["chempot"]), None if mu_ox is None else -mu_ox


@pytest.mark.parametrize("formula", NEW_SYSTEMS)
def test_windows_of_new_systems_agree_with_pymatgen(formula: str) -> None:
    ours = stability_window(formula)
    red, ox = _pymatgen_window(formula)
    assert ours.reduction_limit_V == pytest.approx(red, abs=2e-3)
    assert ox is not None and ours.oxidation_limit_V == pytest.approx(ox, abs=2e-3)


@pytest.mark.parametrize("formula", ON_HULL)
def test_a_compound_on_the_hull_is_stable_inside_its_window_only(formula: str) -> None:
    w = stability_window(formula)
    assert w.energy_above_hull_eV_atom == 0.0 and w.width_V > 0.0
    middle = (w.reduction_limit_V + w.oxidation_limit_V) / 2
    products, energy = equilibrium_at(formula, middle)
    assert energy == 0.0 and [f for f, _ in products] == [w.formula]
    _, beyond = equilibrium_at(formula, w.oxidation_limit_V + 0.1)
    assert beyond < 0.0
    if w.reduction_limit_V > 0.1:
        _, below = equilibrium_at(formula, w.reduction_limit_V - 0.1)
        assert below < 0.0


def test_li2zrcl6_gets_the_window_of_its_assemblage() -> None:
    """The snapshot has no Li2ZrCl6 row but has LiCl and ZrCl4: refused without
    allow_assemblage (the message lists what the Cl-Li-Zr system holds), answered with it."""
    with pytest.raises(NotCoveredError, match="Li2ZrCl6 is not in the energy table"):
        stability_window("Li2ZrCl6")
    w = stability_window("Li2ZrCl6", allow_assemblage=True)
    assert "window of its equilibrium assemblage" in w.note
    assert 0.0 < w.reduction_limit_V < w.oxidation_limit_V
    zr = [f for f, _ in w.reduction_products if "Zr" in f]
    assert zr, w.reduction_products  # Zr is reduced (to a lower chloride or the metal)


def test_elements_absent_from_the_whole_snapshot_are_named() -> None:
    with pytest.raises(NotCoveredError, match=r"no data for element\(s\) Xe") as info:
        stability_window("XeF2")
    assert "--entry FORMULA=EV_PER_ATOM" in str(info.value)


def test_user_entries_on_the_full_table_give_the_same_window_as_on_a_plain_table() -> None:
    """with_entries is applied per chemical system: same result as on the dense subsystem."""
    entries = [("Li2ZrCl6", -2.3)]
    lazy = stability_window("Li2ZrCl6", entries=entries)
    plain = shipped_table("zhu2015").subsystem({"Li", "Zr", "Cl"})
    dense = stability_window("Li2ZrCl6", table=plain.with_entries(entries))
    assert (lazy.reduction_limit_V, lazy.oxidation_limit_V) == (
        dense.reduction_limit_V, dense.oxidation_limit_V)
    assert lazy.snapshot == dense.snapshot


def test_import_reads_no_table_and_a_window_parses_only_its_systems() -> None:
    code = ("import solidcell\n"
            "from solidcell.interfaces import energies\n"
            "before = energies._lines.cache_info().currsize\n"
            "from solidcell.interfaces.stability import stability_window\n"
            "stability_window('LiBH4')\n"
            "print(before, energies._lines.cache_info().currsize,"
            " energies._system_rows.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout.split()
    assert out[:2] == ["0", "1"] and 0 < int(out[2]) <= 4


def test_cli_window_of_a_new_system() -> None:
    from typer.testing import CliRunner

    from solidcell.cli import app

    res = CliRunner().invoke(app, ["window", "LiBH4", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    ours = stability_window("LiBH4")
    assert data["Reduction limit [V]"] == pytest.approx(ours.reduction_limit_V, abs=0.01)
    assert data["Oxidation limit [V]"] == pytest.approx(ours.oxidation_limit_V, abs=0.01)
