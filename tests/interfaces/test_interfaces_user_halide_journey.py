"""A researcher's own halide electrolyte in a design: the interface checks analyse it by its
formula, as they analyse the curated phases (before 2026-12-07 every interface of a material
of the user's database was "not covered: ... is not known to the interface analyses", so a
halide separator on Li metal, which Li reduces, had no verdict).

The user's material copies the curated Li3InCl6 values with their sources: 2.04 mS/cm at
25 degC (`li2019_li3incl6`), 2.694 g/cm3 (`obelix2025`, crystallographic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clirun import run
from exampledesigns import nmc811_li_cell
from solidcell.cell.design import CellDesign
from solidcell.interfaces.design_flags import interface_flags

OWN_LIC = {
    "id": "my_lic", "name": "My Li3InCl6", "formula": "Li3InCl6", "category": "electrolyte",
    "electrolyte_class": "halide",
    "properties": [
        {"name": "ionic_conductivity", "value": 2.04, "unit": "mS/cm", "temperature": "25 degC",
         "method": "measured", "source": "li2019_li3incl6"},
        {"name": "density", "value": 2.694, "unit": "g/cm3", "method": "computed",
         "source": "obelix2025"}]}


def _design(separator: str) -> CellDesign:
    return nmc811_li_cell("halide cell", "my_lic", separator)


@pytest.fixture
def own_db(monkeypatch, tmp_path: Path, open_store) -> str:
    url = str(tmp_path / "db.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", url)
    open_store(url).add(OWN_LIC)
    return url


def _by_name(flags) -> dict[str, object]:
    return {f.interface: f for f in flags.flags}


def test_own_halide_separator_on_lithium_is_flagged_as_the_curated_one_is(own_db) -> None:
    """Same formula, same verdict: the user's Li3InCl6 on Li metal is reduced to an electronic
    conductor (Li-In alloy), as the curated li3incl6 is."""
    own = _by_name(interface_flags(_design("my_lic")))
    curated = _by_name(interface_flags(_design("li3incl6")))
    for name in ("cathode active | catholyte", "cathode active | separator",
                 "separator | anode"):
        assert own[name].status != "not covered", own[name].reason
    assert own["separator | anode"].status == "unstable"
    assert own["separator | anode"].status == curated["separator | anode"].status
    assert own["separator | anode"].reason == curated["separator | anode"].reason
    assert own["cathode active | catholyte"].status == \
        curated["cathode active | separator"].status


def test_unknown_id_still_reads_not_covered(own_db) -> None:
    """An inline material without a database entry keeps the old, honest verdict."""
    from solidcell.interfaces.design_flags import _known

    assert _known("my_lic") and _known("li3incl6")
    assert not _known("no_such_material")


def test_cli_interfaces_names_the_reduction_of_the_own_halide(own_db, tmp_path, capsys
                                                              ) -> None:
    path = tmp_path / "cell.json"
    path.write_text(_design("my_lic").to_json(), encoding="utf-8")
    code, out, err = run(["interfaces", str(path), "--json"], capsys)
    assert code == 0, err
    assert "not known to the interface analyses" not in out
    assert '"unstable"' in out


def test_missing_shear_modulus_names_the_cli_route(own_db) -> None:
    """The CLI has no option for an electrolyte's shear modulus: the message names the
    command that adds one (it said only "pass it", which a CLI user cannot)."""
    from solidcell.interfaces.energies import NotCoveredError
    from solidcell.mechanics.lithium import monroe_newman

    with pytest.raises(NotCoveredError) as info:
        monroe_newman("my_lic")
    assert "solidcell materials measure my_lic --property shear_modulus" in str(info.value)


def test_compat_takes_an_own_electrolyte_id(own_db) -> None:
    """`compat --electrolyte my_lic` was refused: "the matrix pairs known phases only"."""
    from solidcell.interfaces.compat import compatibility_matrix

    matrix = compatibility_matrix(["my_lic", "li3incl6"], ["li_metal"])
    own, curated = matrix.pair("my_lic", "li_metal"), matrix.pair("li3incl6", "li_metal")
    assert own.status == curated.status == "unstable"
    assert own.reason == curated.reason
